// Calendar arithmetic and Go's reference-time layouts ("2006-01-02T15:04:05Z07:00") for the time
// builtins: civil dates from Unix nanoseconds and back, and formatting and parsing that follow
// Go's time.Format and time.Parse, error messages included.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/builtins/time_zones.h"

namespace regoc {

/// A point in time as a wall clock in one zone sees it.
struct CivilTime {
  int64_t year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int nanosecond = 0;
  int weekday = 4;   // 0 is Sunday
  int year_day = 1;  // 1-366
  ZoneOffset zone;
  bool utc = true;  // the zone is UTC itself, which RFC 3339 layouts print as "Z"
};

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar; months and days out
/// of range carry into the next unit, as Go's time.Date normalizes them.
int64_t days_from_civil(int64_t year, int64_t month, int64_t day);
int days_in_month(int64_t year, int month);

/// The wall clock in `zone` at `unix_nanoseconds`.
CivilTime civil_time(__int128 unix_nanoseconds, const TimeZone& zone);

/// Unix nanoseconds of a wall-clock time at a fixed UTC offset (seconds east of UTC). Fields
/// out of range carry over as in Go's time.Date.
__int128 unix_nanoseconds(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t minute,
                          int64_t second, int64_t nanosecond, int64_t offset_seconds);

/// Formats `time` with a Go layout.
std::string format_time(const CivilTime& time, std::string_view layout);

/// Parses `text` with a Go layout as time.Parse does (UTC unless the text gives a zone).
/// On failure returns false and sets *error to Go's message ("parsing time ...").
bool parse_time(std::string_view layout, std::string_view text, __int128* unix_nanoseconds,
                std::string* error);

}  // namespace regoc
