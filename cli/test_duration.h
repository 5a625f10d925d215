// Durations in the text form of Go's time package, which `opa test` reads (--timeout) and
// prints (test durations).
//
// External interface: parse_go_duration() and format_go_duration().
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace regoc::cli {

/// Parses a duration as Go's time.ParseDuration does: a sequence of decimal numbers with a
/// unit each (ns, us, µs, ms, s, m, h), such as "5s", "1m30s" or "1.5h". Only "0" may omit
/// the unit. Returns false on invalid text.
bool parse_go_duration(std::string_view text, std::chrono::nanoseconds* out);

/// Formats a duration as Go's time.Duration.String() does: "0s", "850ns", "1.5µs",
/// "12.345ms", "2.5s", "1m30s", "1h0m0s".
std::string format_go_duration(std::chrono::nanoseconds duration);

}  // namespace regoc::cli
