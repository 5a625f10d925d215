// Go duration text (see cli/test_duration.h), following the documented behaviour of Go's
// time.ParseDuration and time.Duration.String.
#include "cli/test_duration.h"

#include <cstdint>
#include <utility>

namespace regoc::cli {

namespace {

// Nanoseconds per unit, longest unit names first so that "ms" is not read as "m".
constexpr std::pair<std::string_view, double> kUnits[] = {
    {"ns", 1.0},       {"us", 1e3},    {"\u00b5s", 1e3}, {"\u03bcs", 1e3},
    {"ms", 1e6},       {"s", 1e9},     {"m", 60e9},      {"h", 3600e9},
};

bool read_unit(std::string_view* text, double* scale) {
  // Two-byte units first: "ms" must win over "m".
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& [name, nanoseconds] : kUnits) {
      const bool long_name = name.size() > 1;
      if (long_name != (pass == 0) || !text->starts_with(name)) continue;
      *scale = nanoseconds;
      text->remove_prefix(name.size());
      return true;
    }
  }
  return false;
}

// Writes `value / 10^precision` with the fraction's trailing zeros dropped, as Go's fmtFrac
// and fmtInt do together.
std::string fixed_point(uint64_t value, int precision) {
  std::string fraction;
  bool significant = false;
  for (int i = 0; i < precision; ++i) {
    const char digit = static_cast<char>('0' + value % 10);
    significant = significant || digit != '0';
    if (significant) fraction.insert(fraction.begin(), digit);
    value /= 10;
  }
  std::string text = std::to_string(value);
  if (!fraction.empty()) text += "." + fraction;
  return text;
}

}  // namespace

bool parse_go_duration(std::string_view text, std::chrono::nanoseconds* out) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text == "0") {
    *out = std::chrono::nanoseconds(0);
    return true;
  }
  if (text.empty()) return false;

  double total = 0;
  while (!text.empty()) {
    double whole = 0, fraction = 0, fraction_scale = 1;
    bool digits = false;
    while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
      whole = whole * 10 + (text.front() - '0');
      digits = true;
      text.remove_prefix(1);
    }
    if (!text.empty() && text.front() == '.') {
      text.remove_prefix(1);
      while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
        fraction = fraction * 10 + (text.front() - '0');
        fraction_scale *= 10;
        digits = true;
        text.remove_prefix(1);
      }
    }
    double scale = 0;
    if (!digits || !read_unit(&text, &scale)) return false;
    total += (whole + fraction / fraction_scale) * scale;
  }
  // Go rejects durations beyond int64 nanoseconds (about 292 years).
  if (total > 9.2e18) return false;
  *out = std::chrono::nanoseconds(static_cast<int64_t>(negative ? -total : total));
  return true;
}

std::string format_go_duration(std::chrono::nanoseconds duration) {
  const int64_t count = duration.count();
  if (count == 0) return "0s";
  const std::string sign = count < 0 ? "-" : "";
  const uint64_t magnitude =
      count < 0 ? static_cast<uint64_t>(-(count + 1)) + 1 : static_cast<uint64_t>(count);

  if (magnitude < 1000) return sign + std::to_string(magnitude) + "ns";
  if (magnitude < 1000000) return sign + fixed_point(magnitude, 3) + "\u00b5s";
  if (magnitude < 1000000000) return sign + fixed_point(magnitude, 6) + "ms";

  // Seconds with their fraction, then whole minutes and hours in front when present.
  const uint64_t total_seconds = magnitude / 1000000000;
  std::string text = fixed_point(total_seconds % 60 * 1000000000 + magnitude % 1000000000, 9);
  text += "s";
  const uint64_t total_minutes = total_seconds / 60;
  if (total_minutes > 0) {
    text = std::to_string(total_minutes % 60) + "m" + text;
    const uint64_t hours = total_minutes / 60;
    if (hours > 0) text = std::to_string(hours) + "h" + text;
  }
  return sign + text;
}

}  // namespace regoc::cli
