// Time builtins that read text or the clock: time.now_ns (the evaluation's fixed clock),
// time.parse_rfc3339_ns, time.parse_ns (any Go layout) and time.parse_duration_ns, each with
// Go's error messages. The calendar builtins are in time_calendar.cc.
#include <cstdint>

#include "runtime/builtins/time_layout.h"

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/term_text.h"

namespace regoc {
namespace {

constexpr std::string_view kRfc3339Layout = "2006-01-02T15:04:05Z07:00";

BuiltinStatus now_ns(BuiltinContext& context, std::span<const Value>, Value& result) {
  result = Value::integer(context.now());
  return BuiltinStatus::Ok;
}

// A parse of Go's RFC 3339 layout. Each step consumes from `rest`; a failure stores Go's
// message for the layout element that did not match.
class Rfc3339Parser {
 public:
  explicit Rfc3339Parser(std::string_view text) : text_(text), rest_(text) {}

  bool parse(__int128* nanoseconds);
  const std::string& error() const { return error_; }

 private:
  std::string_view text_;
  std::string_view rest_;
  std::string error_;

  bool cannot_parse(std::string_view element) {
    error_ = "parsing time " + go_quoted(text_) + " as " + go_quoted(kRfc3339Layout) +
             ": cannot parse " + go_quoted(rest_) + " as " + go_quoted(element);
    return false;
  }

  bool out_of_range(std::string_view field) {
    error_ = "parsing time " + go_quoted(text_) + ": " + std::string(field) + " out of range";
    return false;
  }

  bool literal(std::string_view expected) {
    if (!rest_.starts_with(expected)) return cannot_parse(expected);
    rest_.remove_prefix(expected.size());
    return true;
  }

  // Reads exactly `min_digits` digits, or up to `max_digits` when more follow.
  bool number(std::string_view element, size_t min_digits, size_t max_digits, int* out) {
    size_t count = 0;
    while (count < max_digits && count < rest_.size() && rest_[count] >= '0' &&
           rest_[count] <= '9') {
      ++count;
    }
    if (count < min_digits) return cannot_parse(element);
    *out = 0;
    for (size_t i = 0; i < count; ++i) *out = *out * 10 + (rest_[i] - '0');
    rest_.remove_prefix(count);
    return true;
  }

  // Go accepts a fraction after the seconds even though the layout has none.
  int64_t fraction_nanoseconds() {
    if (rest_.size() < 2 || (rest_[0] != '.' && rest_[0] != ',') || rest_[1] < '0' ||
        rest_[1] > '9') {
      return 0;
    }
    rest_.remove_prefix(1);
    int64_t nanoseconds = 0;
    size_t digits = 0;
    while (!rest_.empty() && rest_[0] >= '0' && rest_[0] <= '9') {
      if (digits < 9) nanoseconds = nanoseconds * 10 + (rest_[0] - '0');
      ++digits;
      rest_.remove_prefix(1);
    }
    for (; digits < 9; ++digits) nanoseconds *= 10;
    return nanoseconds;
  }

  bool zone_offset(int64_t* seconds);
};

bool Rfc3339Parser::zone_offset(int64_t* seconds) {
  if (rest_.starts_with("Z")) {
    rest_.remove_prefix(1);
    *seconds = 0;
    return true;
  }
  constexpr std::string_view kElement = "Z07:00";
  if (rest_.size() < 6 || rest_[3] != ':' || (rest_[0] != '+' && rest_[0] != '-')) {
    return cannot_parse(kElement);
  }
  auto digit = [this](size_t i) { return rest_[i] >= '0' && rest_[i] <= '9'; };
  if (!digit(1) || !digit(2) || !digit(4) || !digit(5)) return cannot_parse(kElement);
  int hours = (rest_[1] - '0') * 10 + (rest_[2] - '0');
  int minutes = (rest_[4] - '0') * 10 + (rest_[5] - '0');
  if (hours > 24) return out_of_range("time zone offset hour");
  if (minutes > 60) return out_of_range("time zone offset minute");
  *seconds = (hours * 3600 + minutes * 60) * (rest_[0] == '-' ? -1 : 1);
  rest_.remove_prefix(6);
  return true;
}

bool Rfc3339Parser::parse(__int128* nanoseconds) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!number("2006", 4, 4, &year) || !literal("-")) return false;
  if (!number("01", 2, 2, &month)) return false;
  if (month < 1 || month > 12) return out_of_range("month");
  if (!literal("-") || !number("02", 2, 2, &day)) return false;
  if (day < 1 || day > 31) return out_of_range("day");
  if (!literal("T") || !number("15", 1, 2, &hour)) return false;
  if (hour > 23) return out_of_range("hour");
  if (!literal(":") || !number("04", 2, 2, &minute)) return false;
  if (minute > 59) return out_of_range("minute");
  if (!literal(":") || !number("05", 2, 2, &second)) return false;
  if (second > 59) return out_of_range("second");
  int64_t fraction = fraction_nanoseconds();
  int64_t offset = 0;
  if (!zone_offset(&offset)) return false;
  if (!rest_.empty()) {
    error_ = "parsing time " + go_quoted(text_) + ": extra text: " + go_quoted(rest_);
    return false;
  }
  if (day > days_in_month(year, month)) return out_of_range("day");

  int64_t seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
                    second - offset;
  *nanoseconds = static_cast<__int128>(seconds) * 1000000000 + fraction;
  return true;
}

BuiltinStatus parse_rfc3339_ns(BuiltinContext& context, std::span<const Value> args,
                               Value& result) {
  constexpr std::string_view kName = "time.parse_rfc3339_ns";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  Rfc3339Parser parser(args[0].as_string());
  __int128 nanoseconds = 0;
  if (!parser.parse(&nanoseconds)) return builtin_error(context, kName, parser.error());
  if (nanoseconds < INT64_MIN || nanoseconds > INT64_MAX) {
    return builtin_error(context, kName, "time outside of valid range");
  }
  result = Value::integer(static_cast<int64_t>(nanoseconds));
  return BuiltinStatus::Ok;
}


// Fails with "time outside of valid range" unless `nanoseconds` fits in int64.
BuiltinStatus nanoseconds_result(BuiltinContext& context, std::string_view name,
                                 __int128 nanoseconds, Value& result) {
  if (nanoseconds < INT64_MIN || nanoseconds > INT64_MAX) {
    return builtin_error(context, name, "time outside of valid range");
  }
  result = Value::integer(static_cast<int64_t>(nanoseconds));
  return BuiltinStatus::Ok;
}

BuiltinStatus parse_ns(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "time.parse_ns";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  if (!args[1].is_string()) return context.type_error(kName, 2, "string", args[1]);
  __int128 nanoseconds = 0;
  std::string error;
  if (!parse_time(args[0].as_string(), args[1].as_string(), &nanoseconds, &error)) {
    return builtin_error(context, kName, error);
  }
  return nanoseconds_result(context, kName, nanoseconds, result);
}

// Nanoseconds per unit of Go's duration syntax.
uint64_t duration_unit(std::string_view unit) {
  if (unit == "ns") return 1;
  if (unit == "us" || unit == "\u00b5s" || unit == "\u03bcs") return 1000;
  if (unit == "ms") return 1000000;
  if (unit == "s") return 1000000000;
  if (unit == "m") return 60ull * 1000000000;
  if (unit == "h") return 3600ull * 1000000000;
  return 0;
}

// Parses a duration as Go's time.ParseDuration does: an optional sign, then one or more
// decimal numbers, each with a unit ("1h30m", "-1.5s", "300ms"); "0" needs no unit.
bool parse_duration(std::string_view text, int64_t* out, std::string* error) {
  std::string_view rest = text;
  const std::string invalid = "time: invalid duration " + go_quoted(text);
  bool negative = false;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '+')) {
    negative = rest[0] == '-';
    rest.remove_prefix(1);
  }
  if (rest == "0") {
    *out = 0;
    return true;
  }
  if (rest.empty()) return *error = invalid, false;

  constexpr uint64_t kLimit = uint64_t{1} << 63;
  uint64_t total = 0;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  while (!rest.empty()) {
    if (rest[0] != '.' && !is_digit(rest[0])) return *error = invalid, false;
    uint64_t whole = 0;
    size_t digits = 0;
    for (; digits < rest.size() && is_digit(rest[digits]); ++digits) {
      if (whole > (kLimit - 1) / 10) return *error = invalid, false;
      whole = whole * 10 + (rest[digits] - '0');
      if (whole > kLimit) return *error = invalid, false;
    }
    rest.remove_prefix(digits);
    bool has_whole = digits > 0;

    uint64_t fraction = 0;
    double scale = 1;
    bool has_fraction = false;
    if (!rest.empty() && rest[0] == '.') {
      rest.remove_prefix(1);
      bool overflow = false;
      size_t count = 0;
      for (; count < rest.size() && is_digit(rest[count]); ++count) {
        if (overflow || fraction > (kLimit - 1) / 10) {
          overflow = true;  // later digits cannot change the result
          continue;
        }
        fraction = fraction * 10 + (rest[count] - '0');
        scale *= 10;
      }
      rest.remove_prefix(count);
      has_fraction = count > 0;
    }
    if (!has_whole && !has_fraction) return *error = invalid, false;

    size_t unit_length = 0;
    while (unit_length < rest.size() && rest[unit_length] != '.' &&
           !is_digit(rest[unit_length])) {
      ++unit_length;
    }
    if (unit_length == 0) {
      *error = "time: missing unit in duration " + go_quoted(text);
      return false;
    }
    std::string_view unit_text = rest.substr(0, unit_length);
    rest.remove_prefix(unit_length);
    uint64_t unit = duration_unit(unit_text);
    if (unit == 0) {
      *error = "time: unknown unit " + go_quoted(unit_text) + " in duration " + go_quoted(text);
      return false;
    }
    if (whole > kLimit / unit) return *error = invalid, false;
    whole *= unit;
    if (fraction > 0) {
      whole += static_cast<uint64_t>(static_cast<double>(fraction) *
                                     (static_cast<double>(unit) / scale));
      if (whole > kLimit) return *error = invalid, false;
    }
    total += whole;
    if (total > kLimit) return *error = invalid, false;
  }
  if (negative) {
    *out = static_cast<int64_t>(-static_cast<__int128>(total));
    return true;
  }
  if (total > kLimit - 1) return *error = invalid, false;
  *out = static_cast<int64_t>(total);
  return true;
}

BuiltinStatus parse_duration_ns(BuiltinContext& context, std::span<const Value> args,
                                Value& result) {
  constexpr std::string_view kName = "time.parse_duration_ns";
  if (!args[0].is_string()) return context.type_error(kName, 1, "string", args[0]);
  int64_t nanoseconds = 0;
  std::string error;
  if (!parse_duration(args[0].as_string(), &nanoseconds, &error)) {
    return builtin_error(context, kName, error);
  }
  result = Value::integer(nanoseconds);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_time_builtins(Registry& registry) {
  registry.add("time.now_ns", now_ns);
  registry.add("time.parse_rfc3339_ns", parse_rfc3339_ns);
  registry.add("time.parse_ns", parse_ns);
  registry.add("time.parse_duration_ns", parse_duration_ns);
}

}  // namespace regoc
