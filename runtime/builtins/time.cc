// Time builtins: time.now_ns (the evaluation's fixed clock) and time.parse_rfc3339_ns, which
// parses like Go's time.Parse(time.RFC3339, ...) and reports Go's error messages.
#include <cstdint>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/term_text.h"

namespace regoc {
namespace {

constexpr std::string_view kRfc3339Layout = "2006-01-02T15:04:05Z07:00";

BuiltinStatus now_ns(BuiltinContext& context, std::span<const Value>, Value& result) {
  result = Value::integer(context.now_ns);
  return BuiltinStatus::Ok;
}

bool is_leap_year(int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Days from 1970-01-01 to a date in the proleptic Gregorian calendar (Howard Hinnant's
// days_from_civil algorithm).
int64_t days_from_civil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
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

}  // namespace

void register_time_builtins(Registry& registry) {
  registry.add("time.now_ns", now_ns);
  registry.add("time.parse_rfc3339_ns", parse_rfc3339_ns);
}

}  // namespace regoc
