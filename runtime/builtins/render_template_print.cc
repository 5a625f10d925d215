// Go's fmt printing (Sprint, Sprintln, Sprintf) for the values that templates handle, and the
// GoValue constructors. Supported: flags `+ - # space 0`, width and precision (also `*`), the
// verbs of each type, and fmt's error forms (%!d(string=x), %!d(MISSING), %!(EXTRA ...),
// %!(NOVERB)).
#include <charconv>
#include <cmath>
#include <cstdio>

#include "runtime/builtins/render_template.h"
#include "runtime/builtins/term_text.h"
#include "runtime/builtins/utf8.h"
#include "runtime/number.h"

namespace regoc::go_template {

GoValue GoValue::of_bool(bool value) {
  GoValue out = make(Kind::Bool);
  out.boolean = value;
  return out;
}

GoValue GoValue::of_int(int64_t value) {
  GoValue out = make(Kind::Int);
  out.integer = value;
  return out;
}

GoValue GoValue::of_float(double value) {
  GoValue out = make(Kind::Float);
  out.real = value;
  return out;
}

GoValue GoValue::of_string(std::string value) {
  GoValue out = make(Kind::String);
  out.text = std::move(value);
  return out;
}

GoValue GoValue::of_number(std::string text) {
  GoValue out = make(Kind::Number);
  out.text = std::move(text);
  return out;
}

GoValue GoValue::of_slice(std::vector<GoValue> items) {
  GoValue out = make(Kind::Slice);
  out.items = std::make_shared<const std::vector<GoValue>>(std::move(items));
  return out;
}

GoValue GoValue::of_map(std::map<std::string, GoValue> entries) {
  GoValue out = make(Kind::Map);
  out.entries = std::make_shared<const std::map<std::string, GoValue>>(std::move(entries));
  return out;
}

GoValue GoValue::unboxed() const {
  if (kind == Kind::Nil) return missing();
  GoValue out = *this;
  out.boxed = false;
  return out;
}

std::string GoValue::type_name() const {
  if (boxed) return "interface {}";
  switch (kind) {
    case Kind::Missing: return "<nil>";
    case Kind::Nil: return "interface {}";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float64";
    case Kind::String: return "string";
    case Kind::Number: return "json.Number";
    case Kind::Slice: return "[]interface {}";
    case Kind::Map: return "map[string]interface {}";
  }
  return "";
}

bool is_true(const GoValue& value) {
  switch (value.kind) {
    case GoValue::Kind::Missing: case GoValue::Kind::Nil: return false;
    case GoValue::Kind::Bool: return value.boolean;
    case GoValue::Kind::Int: return value.integer != 0;
    case GoValue::Kind::Float: return value.real != 0;
    case GoValue::Kind::String: case GoValue::Kind::Number: return !value.text.empty();
    case GoValue::Kind::Slice: return !value.items->empty();
    case GoValue::Kind::Map: return !value.entries->empty();
  }
  return false;
}

namespace {

struct Spec {
  bool plus = false;
  bool minus = false;
  bool sharp = false;
  bool space = false;
  bool zero = false;
  int width = -1;
  int precision = -1;
  char32_t verb = 'v';
};

std::string verb_text(char32_t verb) {
  std::string out;
  append_utf8(&out, verb);
  return out;
}

std::string pad(std::string body, const Spec& spec, bool zeros_allowed = false) {
  auto length = static_cast<int>(count_code_points(body));
  if (spec.width < 0 || length >= spec.width) return body;
  size_t fill = static_cast<size_t>(spec.width - length);
  if (spec.minus) return body + std::string(fill, ' ');
  if (spec.zero && zeros_allowed) {
    size_t sign = !body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ') ? 1 : 0;
    return body.substr(0, sign) + std::string(fill, '0') + body.substr(sign);
  }
  return std::string(fill, ' ') + body;
}

// Formats a float64 as Go's %v does, with strconv.FormatFloat(value, 'g', -1, 64): the
// shortest digits, in exponent form below 1e-4 and from 1e6 on ("1e+06").
std::string shortest_float(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  return Number::from_double(value).to_string();
}

std::string format_integer(int64_t value, const Spec& spec) {
  bool negative = value < 0;
  // -(value + 1) + 1 avoids overflow for INT64_MIN.
  uint64_t magnitude =
      negative ? static_cast<uint64_t>(-(value + 1)) + 1 : static_cast<uint64_t>(value);
  int base = 10;
  switch (spec.verb) {
    case 'b': base = 2; break;
    case 'o': case 'O': base = 8; break;
    case 'x': case 'X': base = 16; break;
    default: break;
  }
  char buffer[80];
  auto [end, code] = std::to_chars(buffer, buffer + sizeof(buffer), magnitude, base);
  std::string digits(buffer, end);
  if (spec.verb == 'X') {
    for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (spec.precision >= 0) {
    if (spec.precision == 0 && value == 0) digits.clear();
    while (static_cast<int>(digits.size()) < spec.precision) digits.insert(digits.begin(), '0');
  }
  std::string prefix;
  if (spec.verb == 'O') prefix = "0o";
  if (spec.sharp) {
    if (spec.verb == 'x') prefix = "0x";
    if (spec.verb == 'X') prefix = "0X";
    if (spec.verb == 'b') prefix = "0b";
    if (spec.verb == 'o' && (digits.empty() || digits[0] != '0')) prefix = "0";
  }
  std::string sign = negative ? "-" : (spec.plus ? "+" : (spec.space ? " " : ""));
  return pad(sign + prefix + digits, spec, spec.precision < 0);
}

std::string format_float(double value, const Spec& spec) {
  std::string body;
  char32_t verb = spec.verb == 'v' ? 'g' : spec.verb;
  if (std::isnan(value) || std::isinf(value)) {
    body = std::isnan(value) ? "NaN" : (value > 0 ? "+Inf" : "-Inf");
    if (spec.plus && body == "NaN") body = "+NaN";
    return pad(body, spec);
  }
  if ((verb == 'g' || verb == 'G') && spec.precision < 0) {
    body = shortest_float(value);
    if (verb == 'G') {
      for (char& c : body) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  } else {
    int precision = spec.precision < 0 ? 6 : spec.precision;
    char format[16];
    std::snprintf(format, sizeof(format), "%%%s.%d%c", spec.sharp ? "#" : "", precision,
                  static_cast<char>(verb == 'F' ? 'f' : verb));
    char buffer[512];
    std::snprintf(buffer, sizeof(buffer), format, value);
    body = buffer;
  }
  if (value >= 0 && !std::signbit(value)) {
    if (spec.plus) body = "+" + body;
    else if (spec.space) body = " " + body;
  }
  return pad(body, spec, true);
}

std::string format_string(const std::string& text, const Spec& spec) {
  switch (spec.verb) {
    case 'v': case 's': {
      if (spec.precision < 0) return pad(text, spec);
      std::string truncated;
      size_t position = 0;
      for (int i = 0; i < spec.precision && position < text.size(); ++i) {
        size_t start = position;
        decode_code_point(text, &position);
        truncated.append(text, start, position - start);
      }
      return pad(truncated, spec);
    }
    case 'q': return pad(go_quoted(text), spec);
    case 'x': case 'X': {
      const char* digits = spec.verb == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
      std::string out;
      for (size_t i = 0; i < text.size(); ++i) {
        if (spec.space && i > 0) out += ' ';
        if (spec.sharp && (spec.space || i == 0)) out += spec.verb == 'x' ? "0x" : "0X";
        auto byte = static_cast<unsigned char>(text[i]);
        out += digits[byte >> 4];
        out += digits[byte & 15];
      }
      return pad(out, spec);
    }
    default: return "";
  }
}

class Printer {
 public:
  // fmt's printArg for one interface{} argument.
  std::string print_argument(const GoValue& value, const Spec& spec) {
    if (value.kind == GoValue::Kind::Missing || value.kind == GoValue::Kind::Nil) {
      if (spec.verb == 'v') return pad("<nil>", spec);
      return bad_verb(spec.verb, value);
    }
    return print_value(value, spec, 0);
  }

 private:
  std::string bad_verb(char32_t verb, const GoValue& value) {
    std::string out = "%!" + verb_text(verb) + "(";
    if (value.kind == GoValue::Kind::Missing || value.kind == GoValue::Kind::Nil) {
      out += "<nil>";
    } else {
      GoValue inner = value.unboxed();
      Spec plain;
      out += inner.type_name() + "=" + print_value(inner, plain, 0);
    }
    return out + ")";
  }

  std::string print_value(const GoValue& value, const Spec& spec, int depth) {
    switch (value.kind) {
      case GoValue::Kind::Missing:
      case GoValue::Kind::Nil:
        return depth > 0 ? "<nil>" : pad("<nil>", spec);
      case GoValue::Kind::Bool:
        if (spec.verb == 'v' || spec.verb == 't') {
          return pad(value.boolean ? "true" : "false", spec);
        }
        return bad_verb(spec.verb, value);
      case GoValue::Kind::Int:
        return print_int(value, spec);
      case GoValue::Kind::Float:
        if (std::u32string_view(U"veEfFgGxXb").find(spec.verb) == std::u32string_view::npos) {
          return bad_verb(spec.verb, value);
        }
        return format_float(value.real, spec);
      case GoValue::Kind::String:
      case GoValue::Kind::Number: {
        // json.Number's String method serves %v %s %x %X %q; any other verb is an error.
        if (std::u32string_view(U"vsqxX").find(spec.verb) == std::u32string_view::npos) {
          return bad_verb(spec.verb, value);
        }
        return format_string(value.text, spec);
      }
      case GoValue::Kind::Slice: {
        std::string out = "[";
        for (size_t i = 0; i < value.items->size(); ++i) {
          if (i > 0) out += ' ';
          out += print_value((*value.items)[i], spec, depth + 1);
        }
        return out + "]";
      }
      case GoValue::Kind::Map: {
        std::string out = "map[";
        bool first = true;
        for (const auto& [key, item] : *value.entries) {
          if (!first) out += ' ';
          first = false;
          out += format_string_or_bad(key, spec) + ":" + print_value(item, spec, depth + 1);
        }
        return out + "]";
      }
    }
    return "";
  }

  std::string format_string_or_bad(const std::string& key, const Spec& spec) {
    return print_value(GoValue::of_string(key), spec, 1);
  }

  std::string print_int(const GoValue& value, const Spec& spec) {
    switch (spec.verb) {
      case 'v': case 'd': {
        Spec decimal = spec;
        decimal.verb = 'd';
        return format_integer(value.integer, decimal);
      }
      case 'b': case 'o': case 'O': case 'x': case 'X':
        return format_integer(value.integer, spec);
      case 'c': {
        std::string out;
        append_utf8(&out, static_cast<char32_t>(value.integer));
        return pad(out, spec);
      }
      case 'q': {
        std::string out;
        append_utf8(&out, static_cast<char32_t>(value.integer));
        std::string quoted = go_quoted(out);
        return pad("'" + quoted.substr(1, quoted.size() - 2) + "'", spec);
      }
      case 'U': {
        char buffer[32];
        std::snprintf(buffer, sizeof(buffer), "U+%04llX",
                      static_cast<unsigned long long>(value.integer));
        return pad(buffer, spec);
      }
      default:
        return bad_verb(spec.verb, value);
    }
  }
};

// Reads the decimal digits of a width or precision, capped at one million.
void parse_number(const std::u32string& format, size_t* position, int* out) {
  *out = 0;
  while (*position < format.size() && format[*position] >= '0' && format[*position] <= '9') {
    *out = *out * 10 + static_cast<int>(format[*position] - '0');
    if (*out > 1000000) *out = 1000000;
    ++*position;
  }
}

}  // namespace

std::string sprint(const std::vector<GoValue>& args) {
  Printer printer;
  std::string out;
  bool previous_string = false;
  for (size_t i = 0; i < args.size(); ++i) {
    bool is_string = args[i].kind == GoValue::Kind::String ||
                     args[i].kind == GoValue::Kind::Number;
    if (i > 0 && !is_string && !previous_string) out += ' ';
    out += printer.print_argument(args[i], Spec());
    previous_string = is_string;
  }
  return out;
}

std::string sprintln(const std::vector<GoValue>& args) {
  Printer printer;
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ' ';
    out += printer.print_argument(args[i], Spec());
  }
  return out + "\n";
}

std::string print_action_value(const GoValue& value) {
  if (value.kind == GoValue::Kind::Missing) return "<no value>";
  return Printer().print_argument(value, Spec());
}

std::string sprintf(std::string_view format_text, const std::vector<GoValue>& args) {
  std::u32string format;
  size_t cursor = 0;
  while (cursor < format_text.size()) format += decode_code_point(format_text, &cursor);
  Printer printer;
  std::string out;
  size_t argument = 0;
  size_t i = 0;
  while (i < format.size()) {
    if (format[i] != '%') {
      append_utf8(&out, format[i++]);
      continue;
    }
    ++i;
    Spec spec;
    for (; i < format.size(); ++i) {
      char32_t c = format[i];
      if (c == '+') spec.plus = true;
      else if (c == '-') spec.minus = true;
      else if (c == '#') spec.sharp = true;
      else if (c == ' ') spec.space = true;
      else if (c == '0') spec.zero = true;
      else break;
    }
    bool bad_width = false;
    if (i < format.size() && format[i] == '*') {
      ++i;
      if (argument < args.size() && args[argument].kind == GoValue::Kind::Int) {
        spec.width = static_cast<int>(args[argument++].integer);
        if (spec.width < 0) {
          spec.minus = true;
          spec.width = -spec.width;
        }
      } else {
        if (argument < args.size()) ++argument;
        bad_width = true;
      }
    } else if (i < format.size() && format[i] >= '0' && format[i] <= '9') {
      parse_number(format, &i, &spec.width);
    }
    if (i < format.size() && format[i] == '.') {
      ++i;
      if (i < format.size() && format[i] == '*') {
        ++i;
        if (argument < args.size() && args[argument].kind == GoValue::Kind::Int) {
          spec.precision = static_cast<int>(args[argument++].integer);
          if (spec.precision < 0) spec.precision = -1;
        } else {
          if (argument < args.size()) ++argument;
          out += "%!(BADPREC)";
        }
      } else {
        parse_number(format, &i, &spec.precision);
      }
    }
    if (bad_width) out += "%!(BADWIDTH)";
    if (i >= format.size()) {
      out += "%!(NOVERB)";
      break;
    }
    spec.verb = format[i++];
    if (spec.verb == '%') {
      out += '%';
      continue;
    }
    if (argument >= args.size()) {
      out += "%!" + verb_text(spec.verb) + "(MISSING)";
      continue;
    }
    out += printer.print_argument(args[argument++], spec);
  }
  if (argument < args.size()) {
    out += "%!(EXTRA ";
    for (size_t extra = argument; extra < args.size(); ++extra) {
      if (extra > argument) out += ", ";
      const GoValue& value = args[extra];
      if (value.kind == GoValue::Kind::Missing || value.kind == GoValue::Kind::Nil) {
        out += "<nil>";
      } else {
        out += value.unboxed().type_name() + "=" + printer.print_argument(value, Spec());
      }
    }
    out += ")";
  }
  return out;
}

}  // namespace regoc::go_template
