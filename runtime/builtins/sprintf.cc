// sprintf(format, values): Go's fmt.Sprintf applied to Rego values the way OPA passes them.
// An integral number that fits in int64 becomes a Go int and a larger integer a *big.Int.
// Any other number becomes a float64, and every value but a string becomes the string of its
// Rego syntax, so %v of a set prints `{1, 2}` and %t of true prints "%!t(string=true)".
// Supported: flags `+ - # space 0`, width and precision (also `*`), the verbs of each Go type
// and Go's error forms (%!d(string=x), %!v(MISSING), %!(EXTRA ...), %!(NOVERB)).
#include <gmpxx.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/term_text.h"
#include "runtime/builtins/utf8.h"

namespace regoc {
namespace {

// One operand converted to the Go type that OPA passes to fmt.Sprintf.
struct FormatArgument {
  enum class Type : uint8_t { Int, BigInt, Float, String };
  Type type = Type::String;
  int64_t integer = 0;
  mpz_class big;
  double real = 0;
  std::string text;
};

struct FormatSpec {
  bool plus = false;
  bool minus = false;
  bool sharp = false;
  bool space = false;
  bool zero = false;
  int width = -1;      // -1 when absent
  int precision = -1;  // -1 when absent
  char32_t verb = 0;
};

// Returns true when a number's literal text is plain base-10 integer syntax, which Go's
// big.Int SetString accepts. "1e30" is integral, but OPA passes it to Go as a float64.
bool is_plain_integer_text(const std::string& text) {
  size_t start = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (start == text.size()) return false;
  return text.find_first_not_of("0123456789", start) == std::string::npos;
}

FormatArgument to_argument(const Value& value) {
  FormatArgument argument;
  if (value.as_int64(&argument.integer)) {
    argument.type = FormatArgument::Type::Int;
    return argument;
  }
  if (value.is_string()) {
    argument.text = value.as_string();
    return argument;
  }
  if (!value.is_number()) {
    argument.text = term_string(value);
    return argument;
  }
  Number number = value.as_number();
  std::optional<mpz_class> integer = number.to_bigint();
  if (number.fits_int64()) {
    argument.type = FormatArgument::Type::Int;
    argument.integer = number.to_int64();
  } else if (integer && (!number.has_literal() || is_plain_integer_text(number.to_string()))) {
    argument.type = FormatArgument::Type::BigInt;
    argument.big = *integer;
  } else {
    argument.type = FormatArgument::Type::Float;
    argument.real = number.to_double();
  }
  return argument;
}

std::string_view go_type_name(const FormatArgument& argument) {
  switch (argument.type) {
    case FormatArgument::Type::Int: return "int";
    case FormatArgument::Type::BigInt: return "*big.Int";
    case FormatArgument::Type::Float: return "float64";
    case FormatArgument::Type::String: return "string";
  }
  return "";
}

// Pads `body` to the spec's width with spaces (or zeros when `zero_pad`), on the left
// unless the `-` flag is set. Width counts code points.
std::string pad(std::string body, const FormatSpec& spec, bool zero_pad = false) {
  auto length = static_cast<int>(count_code_points(body));
  if (spec.width <= length) return body;
  size_t fill = static_cast<size_t>(spec.width - length);
  if (spec.minus) return body + std::string(fill, ' ');
  if (zero_pad) {
    // Zeros go after a sign, as in Go.
    size_t sign = !body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ') ? 1 : 0;
    return body.substr(0, sign) + std::string(fill, '0') + body.substr(sign);
  }
  return std::string(fill, ' ') + body;
}

std::string format_float_shortest(double value, bool upper);

// Formats an integer (of any size) given as a sign and magnitude in `base`.
std::string format_integer_digits(bool negative, std::string digits, int base,
                                  const FormatSpec& spec) {
  if (spec.precision == 0 && digits == "0") digits.clear();
  if (spec.precision > static_cast<int>(digits.size())) {
    digits.insert(0, static_cast<size_t>(spec.precision) - digits.size(), '0');
  }
  std::string prefix;
  if (spec.sharp) {
    if (base == 16) prefix = spec.verb == 'X' ? "0X" : "0x";
    if (base == 2) prefix = "0b";
    if (base == 8 && (digits.empty() || digits[0] != '0')) prefix = "0";
  }
  if (spec.verb == 'O') prefix = "0o";
  std::string sign = negative ? "-" : (spec.plus ? "+" : (spec.space ? " " : ""));
  bool zero_pad = spec.zero && !spec.minus && spec.precision < 0;
  if (zero_pad && spec.width > 0) {
    int used = static_cast<int>(sign.size() + prefix.size() + digits.size());
    if (spec.width > used) digits.insert(0, static_cast<size_t>(spec.width - used), '0');
  }
  return pad(sign + prefix + digits, spec);
}

// Returns the integer verb's base, or 0 when the verb does not format integers.
int integer_base(char32_t verb) {
  switch (verb) {
    case 'v': case 'd': case 's': return 10;
    case 'b': return 2;
    case 'o': case 'O': return 8;
    case 'x': case 'X': return 16;
    default: return 0;
  }
}

std::string format_big(const FormatArgument& argument, const FormatSpec& spec, bool* bad) {
  int base = integer_base(spec.verb);
  if (base == 0) {
    *bad = true;
    return "";
  }
  mpz_class magnitude = abs(argument.big);
  std::string digits = magnitude.get_str(base);
  if (spec.verb == 'X') {
    for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return format_integer_digits(argument.big < 0, digits, base, spec);
}

std::string format_int(const FormatArgument& argument, const FormatSpec& spec, bool* bad) {
  int64_t value = argument.integer;
  if (spec.verb == 'c') return pad(encode_utf8({static_cast<char32_t>(value)}), spec);
  if (spec.verb == 'U') {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "U+%04llX", static_cast<unsigned long long>(value));
    return pad(buffer, spec);
  }
  if (spec.verb == 'q') {
    std::string quoted = go_quoted(encode_utf8({static_cast<char32_t>(value)}));
    return pad("'" + quoted.substr(1, quoted.size() - 2) + "'", spec);
  }
  int base = integer_base(spec.verb);
  if (spec.verb == 's' || base == 0) {
    *bad = true;
    return "";
  }
  // The magnitude as unsigned, so that INT64_MIN negates without overflow.
  uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  char buffer[64];
  char* end = std::to_chars(buffer, buffer + sizeof buffer, magnitude, base).ptr;
  std::string digits(buffer, end);
  if (spec.verb == 'X') {
    for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return format_integer_digits(value < 0, digits, base, spec);
}

std::string format_float(const FormatArgument& argument, const FormatSpec& spec, bool* bad) {
  char32_t verb = spec.verb;
  bool shortest = spec.precision < 0 && (verb == 'v' || verb == 'g' || verb == 'G');
  if (verb != 'v' && verb != 'e' && verb != 'E' && verb != 'f' && verb != 'F' && verb != 'g' &&
      verb != 'G') {
    *bad = true;
    return "";
  }
  std::string body;
  if (shortest) {
    body = format_float_shortest(argument.real, verb == 'G');
    if (argument.real >= 0 && spec.plus) body.insert(0, "+");
    if (argument.real >= 0 && !spec.plus && spec.space) body.insert(0, " ");
  } else {
    std::string format = "%";
    if (spec.plus) format += '+';
    if (spec.space) format += ' ';
    if (spec.sharp) format += '#';
    format += ".*";
    format += static_cast<char>(verb == 'v' ? 'g' : verb);
    int precision = spec.precision < 0 ? 6 : spec.precision;
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, format.c_str(), precision, argument.real);
    body = buffer;
  }
  return pad(body, spec, spec.zero && !spec.minus);
}

// Go's %v and %g without a precision (strconv's 'g' format with precision -1): the shortest
// digits that round-trip, in %e form when the decimal exponent is below -4 or at least 6.
std::string format_float_shortest(double value, bool upper) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value,
                                    std::chars_format::scientific);
  std::string scientific(buffer, end);  // "-1.2345e+06"
  size_t e = scientific.find('e');
  int exponent = std::stoi(scientific.substr(e + 1));
  std::string mantissa = scientific.substr(0, e);
  bool negative = mantissa[0] == '-';
  std::string digits;
  for (char c : mantissa) {
    if (c >= '0' && c <= '9') digits += c;
  }

  std::string out = negative ? "-" : "";
  if (exponent < -4 || exponent >= 6) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exponent_text[16];
    std::snprintf(exponent_text, sizeof exponent_text, "%c%c%02d", upper ? 'E' : 'e',
                  exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);
    return out + exponent_text;
  }
  if (exponent < 0) {
    return out + "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  }
  auto integer_digits = static_cast<size_t>(exponent + 1);
  if (digits.size() <= integer_digits) {
    return out + digits + std::string(integer_digits - digits.size(), '0');
  }
  return out + digits.substr(0, integer_digits) + "." + digits.substr(integer_digits);
}

std::string format_string(const FormatArgument& argument, const FormatSpec& spec, bool* bad) {
  std::string text = argument.text;
  switch (spec.verb) {
    case 'v':
    case 's': {
      if (spec.precision >= 0) {
        std::vector<char32_t> code_points = decode_utf8(text);
        if (code_points.size() > static_cast<size_t>(spec.precision)) {
          code_points.resize(static_cast<size_t>(spec.precision));
          text = encode_utf8(code_points);
        }
      }
      return pad(text, spec, spec.zero && !spec.minus);
    }
    case 'q':
      return pad(go_quoted(text), spec);
    case 'x':
    case 'X': {
      const char* digits = spec.verb == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
      std::string out;
      for (size_t i = 0; i < text.size(); ++i) {
        if (spec.space && i > 0) out += ' ';
        auto byte = static_cast<unsigned char>(text[i]);
        out += digits[byte >> 4];
        out += digits[byte & 0xF];
      }
      return pad(out, spec);
    }
    default:
      *bad = true;
      return "";
  }
}

// Formats one argument with %v, as Go does inside %!(EXTRA ...) and bad-verb forms.
std::string format_plain(const FormatArgument& argument) {
  FormatSpec spec;
  spec.verb = 'v';
  bool bad = false;
  switch (argument.type) {
    case FormatArgument::Type::Int: return format_int(argument, spec, &bad);
    case FormatArgument::Type::BigInt: return format_big(argument, spec, &bad);
    case FormatArgument::Type::Float: return format_float(argument, spec, &bad);
    case FormatArgument::Type::String: return argument.text;
  }
  return "";
}

std::string format_argument(const FormatArgument& argument, const FormatSpec& spec) {
  bool bad = false;
  std::string out;
  switch (argument.type) {
    case FormatArgument::Type::Int: out = format_int(argument, spec, &bad); break;
    case FormatArgument::Type::BigInt: out = format_big(argument, spec, &bad); break;
    case FormatArgument::Type::Float: out = format_float(argument, spec, &bad); break;
    case FormatArgument::Type::String: out = format_string(argument, spec, &bad); break;
  }
  if (!bad) return out;

  // big.Int writes its own bad-verb form, without the pointer star.
  std::string type(argument.type == FormatArgument::Type::BigInt ? "big.Int"
                                                                  : go_type_name(argument));
  std::string verb;
  append_utf8(&verb, spec.verb);
  return "%!" + verb + "(" + type + "=" + format_plain(argument) + ")";
}

// Reads a decimal number at format[*position]; -1 when there is none.
int parse_decimal(std::string_view format, size_t* position) {
  int value = -1;
  while (*position < format.size() && format[*position] >= '0' && format[*position] <= '9') {
    value = (value < 0 ? 0 : value) * 10 + static_cast<int>(format[*position] - '0');
    if (value > 1000000) value = 1000000;  // Go rejects absurd widths too; keep it bounded
    ++*position;
  }
  return value;
}

// Runs Go's formatting over format text in valid UTF-8. The text between directives is copied
// as it is, and only verbs are decoded into code points.
class Formatter {
 public:
  Formatter(std::string_view format, std::vector<FormatArgument> arguments)
      : format_(format), arguments_(std::move(arguments)) {}

  std::string run() {
    while (position_ < format_.size()) {
      size_t percent = format_.find('%', position_);
      size_t end = percent == std::string_view::npos ? format_.size() : percent;
      out_.append(format_.substr(position_, end - position_));
      position_ = end;
      if (position_ < format_.size()) {
        ++position_;
        directive();
      }
    }
    append_extra_arguments();
    return out_;
  }

 private:
  std::string_view format_;
  std::vector<FormatArgument> arguments_;
  size_t position_ = 0;
  size_t next_argument_ = 0;
  std::string out_;

  void parse_flags(FormatSpec* spec) {
    for (; position_ < format_.size(); ++position_) {
      switch (format_[position_]) {
        case '+': spec->plus = true; break;
        case '-': spec->minus = true; break;
        case '#': spec->sharp = true; break;
        case ' ': spec->space = true; break;
        case '0': spec->zero = true; break;
        default: return;
      }
    }
  }

  // Reads a `*` width or precision from the arguments; false when it is not an int.
  bool star_argument(int* out) {
    if (next_argument_ >= arguments_.size() ||
        arguments_[next_argument_].type != FormatArgument::Type::Int) {
      ++next_argument_;
      return false;
    }
    int64_t value = arguments_[next_argument_++].integer;
    *out = static_cast<int>(std::clamp<int64_t>(value, -1000000, 1000000));
    return true;
  }

  bool parse_width(FormatSpec* spec) {
    if (position_ < format_.size() && format_[position_] == '*') {
      ++position_;
      if (!star_argument(&spec->width)) {
        out_ += "%!(BADWIDTH)";
        spec->width = -1;
        return true;
      }
      if (spec->width < 0) {
        spec->minus = true;
        spec->width = -spec->width;
      }
      return true;
    }
    spec->width = parse_decimal(format_, &position_);
    return true;
  }

  void parse_precision(FormatSpec* spec) {
    if (position_ >= format_.size() || format_[position_] != '.') return;
    ++position_;
    if (position_ < format_.size() && format_[position_] == '*') {
      ++position_;
      if (!star_argument(&spec->precision)) out_ += "%!(BADPREC)";
      if (spec->precision < 0) spec->precision = -1;
      return;
    }
    int precision = parse_decimal(format_, &position_);
    spec->precision = precision < 0 ? 0 : precision;
  }

  // Formats one %-directive; position_ is just past the '%'.
  void directive() {
    FormatSpec spec;
    parse_flags(&spec);
    parse_width(&spec);
    parse_precision(&spec);
    if (spec.minus) spec.zero = false;  // Go pads with zeros only on the left

    if (position_ >= format_.size()) {
      out_ += "%!(NOVERB)";
      return;
    }
    spec.verb = decode_code_point(format_, &position_);
    if (spec.verb == '%') {
      out_ += '%';
      return;
    }
    std::string verb;
    append_utf8(&verb, spec.verb);
    if (next_argument_ >= arguments_.size()) {
      out_ += "%!" + verb + "(MISSING)";
      return;
    }
    out_ += format_argument(arguments_[next_argument_++], spec);
  }

  void append_extra_arguments() {
    if (next_argument_ >= arguments_.size()) return;
    out_ += "%!(EXTRA ";
    for (size_t i = next_argument_; i < arguments_.size(); ++i) {
      if (i > next_argument_) out_ += ", ";
      out_ += go_type_name(arguments_[i]);
      out_ += "=";
      out_ += format_plain(arguments_[i]);
    }
    out_ += ")";
  }
};

BuiltinStatus sprintf(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error("sprintf", 1, "string", args[0]);
  if (!args[1].is_array()) return context.type_error("sprintf", 2, "array", args[1]);

  std::vector<FormatArgument> arguments;
  arguments.reserve(args[1].size());
  for (const Value& value : args[1].array_items()) arguments.push_back(to_argument(value));
  // Each invalid byte of the format becomes U+FFFD in the output, as the rest of the string
  // builtins decode it.
  std::string_view format = args[0].as_string();
  std::string repaired;
  if (!is_valid_utf8(format)) {
    repaired = encode_utf8(decode_utf8(format));
    format = repaired;
  }
  result = Value::string(Formatter(format, std::move(arguments)).run());
  return BuiltinStatus::Ok;
}

}  // namespace

void register_sprintf_builtins(Registry& registry) { registry.add("sprintf", sprintf); }

}  // namespace regoc
