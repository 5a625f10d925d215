// Time zones for the time builtins: locations loaded from the system's tz database (TZif files
// under /usr/share/zoneinfo, or $ZONEINFO), with Go's rules for the names "", "UTC" and
// "Local". External interface: load_time_zone and class TimeZone.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace regoc {

/// The offset from UTC in force at one instant and its abbreviation ("EST", "+0530").
struct ZoneOffset {
  int32_t seconds = 0;
  std::string abbreviation = "UTC";
};

/// One location's rules: a table of transitions plus the POSIX TZ rule that TZif version 2
/// files give for instants after the last transition.
class TimeZone {
 public:
  /// The offset in force at `unix_seconds`.
  ZoneOffset offset_at(int64_t unix_seconds) const;
  /// True for UTC, which Go prints with "Z" in RFC 3339 layouts.
  bool is_utc() const { return utc_; }

  /// UTC itself.
  static std::shared_ptr<const TimeZone> utc();
  /// Parses the contents of a TZif file; nullptr when they are malformed.
  static std::shared_ptr<const TimeZone> from_tzif(std::string_view data);

 private:
  struct Type {
    int32_t offset = 0;
    bool dst = false;
    std::string abbreviation;
  };
  struct Transition {
    int64_t at = 0;    // Unix seconds
    uint8_t type = 0;  // index into types_
  };

  bool utc_ = false;
  std::vector<Type> types_;
  std::vector<Transition> transitions_;
  std::string rule_;  // POSIX TZ string from the TZif footer; empty when none

  ZoneOffset offset_of(const Type& type) const { return {type.offset, type.abbreviation}; }
};

/// Loads a location by its IANA name as Go's time.LoadLocation does: "" and "UTC" are UTC,
/// "Local" is $TZ or /etc/localtime. Returns nullptr for an unknown or invalid name.
std::shared_ptr<const TimeZone> load_time_zone(std::string_view name);

}  // namespace regoc
