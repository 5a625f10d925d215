// Calendar builtins over Unix nanoseconds: time.date, time.clock, time.weekday, time.format,
// time.add_date and time.diff. Each time operand is a number of nanoseconds or an array
// [ns, zone] or (time.format) [ns, zone, layout], where zone is an IANA name, "UTC" or
// "Local" and layout a Go layout or the name of one of Go's layout constants.
#include <array>
#include <memory>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/time_layout.h"

namespace regoc {
namespace {

constexpr std::string_view kRfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00";

// Go's named layouts, which time.format accepts by name.
std::string_view named_layout(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kLayouts = {{
      {"ANSIC", "Mon Jan _2 15:04:05 2006"},
      {"UnixDate", "Mon Jan _2 15:04:05 MST 2006"},
      {"RubyDate", "Mon Jan 02 15:04:05 -0700 2006"},
      {"RFC822", "02 Jan 06 15:04 MST"},
      {"RFC822Z", "02 Jan 06 15:04 -0700"},
      {"RFC850", "Monday, 02-Jan-06 15:04:05 MST"},
      {"RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"},
      {"RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"},
      {"RFC3339", "2006-01-02T15:04:05Z07:00"},
      {"RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"},
      {"Kitchen", "3:04PM"},
      {"Stamp", "Jan _2 15:04:05"},
      {"StampMilli", "Jan _2 15:04:05.000"},
      {"StampMicro", "Jan _2 15:04:05.000000"},
      {"StampNano", "Jan _2 15:04:05.000000000"},
  }};
  for (const auto& [layout_name, layout] : kLayouts) {
    if (layout_name == name) return layout;
  }
  return name;
}

// A time operand resolved: the instant, its zone and (for time.format) the layout.
struct ZonedTime {
  int64_t nanoseconds = 0;
  std::shared_ptr<const TimeZone> zone;
  std::string layout{kRfc3339Nano};

  CivilTime civil() const { return civil_time(nanoseconds, *zone); }
};

// Reads a time operand as OPA's tzTime does. Returns false after failing the context.
bool zoned_time_operand(BuiltinContext& context, std::string_view name, int operand,
                        const Value& value, ZonedTime* out) {
  constexpr std::string_view kExpected =
      "must be either number (ns) or [number (ns), string (tz)] but got ";
  const Value* number = &value;
  out->zone = TimeZone::utc();
  if (value.is_array() && value.size() > 0) {
    std::span<const Value> items = value.array_items();
    number = &items[0];
    if (!number->is_number()) {
      context.type_error(name, operand, "number", *number);
      return false;
    }
    if (items.size() > 1) {
      if (!items[1].is_string()) {
        context.type_error(name, operand, "string", items[1]);
        return false;
      }
      out->zone = load_time_zone(items[1].as_string());
      if (out->zone == nullptr) {
        builtin_error(context, name, "unknown time zone " + std::string(items[1].as_string()));
        return false;
      }
    }
    if (items.size() > 2) {
      if (!items[2].is_string()) {
        context.type_error(name, operand, "string", items[2]);
        return false;
      }
      out->layout = std::string(named_layout(items[2].as_string()));
    }
  } else if (!value.is_number()) {
    operand_error(context, name, operand, std::string(kExpected) + std::string(type_name(value)));
    return false;
  }

  // OPA requires an exact int64; fractions and larger numbers are "too big".
  Number amount = number->as_number();
  if (!amount.fits_int64()) {
    builtin_error(context, name, "timestamp too big");
    return false;
  }
  out->nanoseconds = amount.to_int64();
  return true;
}

Value integers(std::initializer_list<int64_t> values) {
  std::vector<Value> items;
  for (int64_t value : values) items.push_back(Value::integer(value));
  return Value::array(std::move(items));
}

BuiltinStatus date(BuiltinContext& context, std::span<const Value> args, Value& result) {
  ZonedTime time;
  if (!zoned_time_operand(context, "time.date", 1, args[0], &time)) return BuiltinStatus::Error;
  CivilTime civil = time.civil();
  result = integers({civil.year, civil.month, civil.day});
  return BuiltinStatus::Ok;
}

BuiltinStatus clock(BuiltinContext& context, std::span<const Value> args, Value& result) {
  ZonedTime time;
  if (!zoned_time_operand(context, "time.clock", 1, args[0], &time)) return BuiltinStatus::Error;
  CivilTime civil = time.civil();
  result = integers({civil.hour, civil.minute, civil.second});
  return BuiltinStatus::Ok;
}

BuiltinStatus weekday(BuiltinContext& context, std::span<const Value> args, Value& result) {
  static constexpr std::string_view kNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                "Thursday", "Friday", "Saturday"};
  ZonedTime time;
  if (!zoned_time_operand(context, "time.weekday", 1, args[0], &time)) {
    return BuiltinStatus::Error;
  }
  result = Value::string(kNames[time.civil().weekday]);
  return BuiltinStatus::Ok;
}

BuiltinStatus format(BuiltinContext& context, std::span<const Value> args, Value& result) {
  ZonedTime time;
  if (!zoned_time_operand(context, "time.format", 1, args[0], &time)) {
    return BuiltinStatus::Error;
  }
  result = Value::string(format_time(time.civil(), time.layout));
  return BuiltinStatus::Ok;
}

// time.add_date(ns, years, months, days) as Go's Time.AddDate: the date fields are added and
// then normalized, so 2021-01-31 plus one month is 2021-03-03.
BuiltinStatus add_date(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "time.add_date";
  ZonedTime time;
  int64_t years = 0, months = 0, days = 0;
  if (!zoned_time_operand(context, kName, 1, args[0], &time) ||
      !int_operand(context, kName, 2, args[1], &years) ||
      !int_operand(context, kName, 3, args[2], &months) ||
      !int_operand(context, kName, 4, args[3], &days)) {
    return BuiltinStatus::Error;
  }
  CivilTime civil = time.civil();
  __int128 nanoseconds =
      unix_nanoseconds(civil.year + years, civil.month + months, civil.day + days, civil.hour,
                       civil.minute, civil.second, civil.nanosecond, civil.zone.seconds);
  if (nanoseconds < INT64_MIN || nanoseconds > INT64_MAX) {
    return builtin_error(context, kName, "time outside of valid range");
  }
  result = Value::integer(static_cast<int64_t>(nanoseconds));
  return BuiltinStatus::Ok;
}

// time.diff: [years, months, days, hours, minutes, seconds] between two instants, both seen
// in the first operand's zone, borrowing from the larger unit when a field goes negative.
BuiltinStatus diff(BuiltinContext& context, std::span<const Value> args, Value& result) {
  ZonedTime first, second;
  if (!zoned_time_operand(context, "time.diff", 1, args[0], &first) ||
      !zoned_time_operand(context, "time.diff", 2, args[1], &second)) {
    return BuiltinStatus::Error;
  }
  second.zone = first.zone;
  if (first.nanoseconds > second.nanoseconds) std::swap(first, second);
  CivilTime a = first.civil();
  CivilTime b = second.civil();

  int64_t years = b.year - a.year;
  int64_t months = b.month - a.month;
  int64_t days = b.day - a.day;
  int64_t hours = b.hour - a.hour;
  int64_t minutes = b.minute - a.minute;
  int64_t seconds = b.second - a.second;
  if (seconds < 0) seconds += 60, --minutes;
  if (minutes < 0) minutes += 60, --hours;
  if (hours < 0) hours += 24, --days;
  if (days < 0) days += days_in_month(a.year, a.month), --months;
  if (months < 0) months += 12, --years;
  result = integers({years, months, days, hours, minutes, seconds});
  return BuiltinStatus::Ok;
}

}  // namespace

void register_time_calendar_builtins(Registry& registry) {
  registry.add("time.date", date);
  registry.add("time.clock", clock);
  registry.add("time.weekday", weekday);
  registry.add("time.format", format);
  registry.add("time.add_date", add_date);
  registry.add("time.diff", diff);
}

}  // namespace regoc
