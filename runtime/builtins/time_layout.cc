// Go's time layouts: a layout is literal text around elements of the reference time
// "Mon Jan 2 15:04:05 MST 2006" (numbers, names, zone offsets, fractional seconds). This file
// splits layouts into elements as Go's time package does and formats and parses with them.
#include "runtime/builtins/time_layout.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "runtime/builtins/term_text.h"

namespace regoc {
namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kNanosecondsPerSecond = 1000000000;

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kDayNames = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};

// Layout elements; the names follow the reference time's fields.
enum class Element {
  None,
  LongMonth,
  Month,
  NumMonth,
  ZeroMonth,  // January Jan 1 01
  LongWeekDay,
  WeekDay,  // Monday Mon
  Day,
  UnderDay,
  ZeroDay,  // 2 _2 02
  UnderYearDay,
  ZeroYearDay,  // __2 002
  Hour,
  Hour12,
  ZeroHour12,  // 15 3 03
  Minute,
  ZeroMinute,
  Second,
  ZeroSecond,  // 4 04 5 05
  LongYear,
  Year,  // 2006 06
  PM,
  LowerPM,  // PM pm
  TZ,       // MST
  IsoSecondsTZ,
  IsoColonSecondsTZ,
  IsoTZ,
  IsoColonTZ,
  IsoShortTZ,  // Z070000 ... Z07
  NumSecondsTZ,
  NumColonSecondsTZ,
  NumTZ,
  NumColonTZ,
  NumShortTZ,  // -070000 ... -07
  FracSecond0,
  FracSecond9,  // .000 .999 (or with a comma)
};

// One step of a layout: literal text, then an element (None at the end).
struct Chunk {
  std::string_view prefix;
  Element element = Element::None;
  std::string_view text;  // the element as written in the layout
  int digits = 0;         // for fractional seconds
};

bool starts_with_lower(std::string_view text) {
  return !text.empty() && text[0] >= 'a' && text[0] <= 'z';
}

bool is_digit_at(std::string_view text, size_t i) {
  return i < text.size() && text[i] >= '0' && text[i] <= '9';
}

// Matches the element that starts at layout[i], or returns None.
Element element_at(std::string_view layout, size_t i, size_t* length) {
  std::string_view rest = layout.substr(i);
  auto is = [&](std::string_view text) {
    if (!rest.starts_with(text)) return false;
    *length = text.size();
    return true;
  };
  switch (rest[0]) {
    case 'J':
      if (is("January")) return Element::LongMonth;
      if (rest.starts_with("Jan") && !starts_with_lower(rest.substr(3))) {
        *length = 3;
        return Element::Month;
      }
      return Element::None;
    case 'M':
      if (is("Monday")) return Element::LongWeekDay;
      if (rest.starts_with("Mon") && !starts_with_lower(rest.substr(3))) {
        *length = 3;
        return Element::WeekDay;
      }
      if (is("MST")) return Element::TZ;
      return Element::None;
    case '0': {
      static constexpr Element kZero[] = {Element::ZeroMonth,  Element::ZeroDay,
                                          Element::ZeroHour12, Element::ZeroMinute,
                                          Element::ZeroSecond, Element::Year};
      if (rest.size() >= 2 && rest[1] >= '1' && rest[1] <= '6') {
        *length = 2;
        return kZero[rest[1] - '1'];
      }
      if (is("002")) return Element::ZeroYearDay;
      return Element::None;
    }
    case '1':
      *length = rest.starts_with("15") ? 2 : 1;
      return *length == 2 ? Element::Hour : Element::NumMonth;
    case '2':
      *length = rest.starts_with("2006") ? 4 : 1;
      return *length == 4 ? Element::LongYear : Element::Day;
    case '_':
      // "_2006" is a literal underscore before the year, which the caller handles.
      if (rest.starts_with("_2") && !rest.starts_with("_2006")) {
        *length = 2;
        return Element::UnderDay;
      }
      if (is("__2")) return Element::UnderYearDay;
      return Element::None;
    case '3': *length = 1; return Element::Hour12;
    case '4': *length = 1; return Element::Minute;
    case '5': *length = 1; return Element::Second;
    case 'P': return is("PM") ? Element::PM : Element::None;
    case 'p': return is("pm") ? Element::LowerPM : Element::None;
    case '-':
      if (is("-070000")) return Element::NumSecondsTZ;
      if (is("-07:00:00")) return Element::NumColonSecondsTZ;
      if (is("-0700")) return Element::NumTZ;
      if (is("-07:00")) return Element::NumColonTZ;
      if (is("-07")) return Element::NumShortTZ;
      return Element::None;
    case 'Z':
      if (is("Z070000")) return Element::IsoSecondsTZ;
      if (is("Z07:00:00")) return Element::IsoColonSecondsTZ;
      if (is("Z0700")) return Element::IsoTZ;
      if (is("Z07:00")) return Element::IsoColonTZ;
      if (is("Z07")) return Element::IsoShortTZ;
      return Element::None;
    case '.':
    case ',': {
      // A run of one repeated digit, 0 or 9, that no other digit follows.
      if (rest.size() < 2 || (rest[1] != '0' && rest[1] != '9')) return Element::None;
      size_t end = 1;
      while (end < rest.size() && rest[end] == rest[1]) ++end;
      if (is_digit_at(rest, end)) return Element::None;
      *length = end;
      return rest[1] == '0' ? Element::FracSecond0 : Element::FracSecond9;
    }
    default: return Element::None;
  }
}

// Splits off the next chunk of `layout` (Go's nextStdChunk).
Chunk next_chunk(std::string_view* layout) {
  Chunk chunk;
  for (size_t i = 0; i < layout->size(); ++i) {
    size_t length = 0;
    Element element = element_at(*layout, i, &length);
    if (element == Element::None && layout->substr(i).starts_with("_2006")) {
      element = Element::LongYear;
      ++i;
      length = 4;
    }
    if (element == Element::None) continue;
    chunk.prefix = layout->substr(0, i);
    chunk.element = element;
    chunk.text = layout->substr(i, length);
    chunk.digits = static_cast<int>(length) - 1;
    layout->remove_prefix(i + length);
    return chunk;
  }
  chunk.prefix = *layout;
  *layout = {};
  return chunk;
}

void append_padded(std::string* out, int64_t value, int width, char pad = '0') {
  if (value < 0) {
    out->push_back('-');
    value = -value;
  }
  std::string digits = std::to_string(value);
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out->push_back(pad);
  *out += digits;
}

// Appends a numeric zone offset: sign, hours, then minutes and seconds as the element asks.
void append_offset(std::string* out, Element element, int32_t offset) {
  bool iso = element == Element::IsoSecondsTZ || element == Element::IsoColonSecondsTZ ||
             element == Element::IsoTZ || element == Element::IsoColonTZ ||
             element == Element::IsoShortTZ;
  if (iso && offset == 0) {
    out->push_back('Z');
    return;
  }
  bool colon = element == Element::IsoColonTZ || element == Element::NumColonTZ ||
               element == Element::IsoColonSecondsTZ || element == Element::NumColonSecondsTZ;
  bool seconds = element == Element::IsoSecondsTZ || element == Element::NumSecondsTZ ||
                 element == Element::IsoColonSecondsTZ || element == Element::NumColonSecondsTZ;
  bool short_form = element == Element::IsoShortTZ || element == Element::NumShortTZ;
  out->push_back(offset < 0 ? '-' : '+');
  int32_t absolute = offset < 0 ? -offset : offset;
  append_padded(out, absolute / 3600, 2);
  if (!short_form) {
    if (colon) out->push_back(':');
    append_padded(out, absolute / 60 % 60, 2);
  }
  if (seconds) {
    if (colon) out->push_back(':');
    append_padded(out, absolute % 60, 2);
  }
}

void append_fraction(std::string* out, const Chunk& chunk, int nanosecond) {
  std::string digits = std::to_string(nanosecond);
  digits.insert(0, 9 - digits.size(), '0');
  if (chunk.element == Element::FracSecond0) {
    out->push_back(chunk.text[0]);
    *out += digits.substr(0, std::min(chunk.digits, 9));
    return;
  }
  digits.resize(std::min(chunk.digits, 9));
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  if (digits.empty()) return;
  out->push_back(chunk.text[0]);
  *out += digits;
}

void append_element(std::string* out, const Chunk& chunk, const CivilTime& time) {
  int hour12 = time.hour % 12 == 0 ? 12 : time.hour % 12;
  switch (chunk.element) {
    case Element::None: break;
    case Element::LongMonth: *out += kMonthNames[time.month - 1]; break;
    case Element::Month: *out += kMonthNames[time.month - 1].substr(0, 3); break;
    case Element::NumMonth: append_padded(out, time.month, 0); break;
    case Element::ZeroMonth: append_padded(out, time.month, 2); break;
    case Element::LongWeekDay: *out += kDayNames[time.weekday]; break;
    case Element::WeekDay: *out += kDayNames[time.weekday].substr(0, 3); break;
    case Element::Day: append_padded(out, time.day, 0); break;
    case Element::UnderDay: append_padded(out, time.day, 2, ' '); break;
    case Element::ZeroDay: append_padded(out, time.day, 2); break;
    case Element::UnderYearDay: append_padded(out, time.year_day, 3, ' '); break;
    case Element::ZeroYearDay: append_padded(out, time.year_day, 3); break;
    case Element::Hour: append_padded(out, time.hour, 2); break;
    case Element::Hour12: append_padded(out, hour12, 0); break;
    case Element::ZeroHour12: append_padded(out, hour12, 2); break;
    case Element::Minute: append_padded(out, time.minute, 0); break;
    case Element::ZeroMinute: append_padded(out, time.minute, 2); break;
    case Element::Second: append_padded(out, time.second, 0); break;
    case Element::ZeroSecond: append_padded(out, time.second, 2); break;
    case Element::LongYear: append_padded(out, time.year, 4); break;
    case Element::Year: append_padded(out, (time.year % 100 + 100) % 100, 2); break;
    case Element::PM: *out += time.hour >= 12 ? "PM" : "AM"; break;
    case Element::LowerPM: *out += time.hour >= 12 ? "pm" : "am"; break;
    case Element::TZ:
      if (!time.zone.abbreviation.empty()) {
        *out += time.zone.abbreviation;
      } else {
        append_offset(out, Element::NumTZ, time.zone.seconds);
      }
      break;
    case Element::FracSecond0:
    case Element::FracSecond9: append_fraction(out, chunk, time.nanosecond); break;
    default: append_offset(out, chunk.element, time.zone.seconds); break;
  }
}

// Civil date from days since 1970-01-01 (Howard Hinnant's civil_from_days algorithm).
void civil_from_days(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t day_of_era = days - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t month_index = (5 * day_of_year + 2) / 153;
  *day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  *month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  *year = year_of_era + era * 400 + (*month <= 2 ? 1 : 0);
}

int64_t floor_divide(__int128 value, int64_t divisor, int64_t* remainder) {
  __int128 quotient = value / divisor;
  __int128 rest = value % divisor;
  if (rest < 0) {
    rest += divisor;
    --quotient;
  }
  *remainder = static_cast<int64_t>(rest);
  return static_cast<int64_t>(quotient);
}

bool is_leap_year(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// The fields that a parse collects; -1 marks one the text did not give.
struct ParsedFields {
  int64_t year = 0;
  int month = -1, day = -1, year_day = -1;
  int hour = 0, minute = 0, second = 0, nanosecond = 0;
  bool pm = false, am = false;
  bool utc = false;     // the text gave "Z" or "UTC"
  int64_t offset = -1;  // seconds east of UTC; -1 when none was given
  bool has_offset = false;
  std::string zone_name;
};

// A parse of one text with one layout. Each step consumes from `value_`; a failure records
// Go's message.
class LayoutParser {
 public:
  LayoutParser(std::string_view layout, std::string_view text)
      : layout_(layout), text_(text), value_(text) {}

  bool parse(__int128* unix_nanoseconds);
  const std::string& error() const { return error_; }

 private:
  std::string_view layout_;
  std::string_view text_;
  std::string_view value_;
  std::string error_;
  ParsedFields fields_;

  bool cannot_parse(std::string_view element) {
    error_ = "parsing time " + go_quoted(text_) + " as " + go_quoted(layout_) + ": cannot parse " +
             go_quoted(value_) + " as " + go_quoted(element);
    return false;
  }
  bool out_of_range(std::string_view field) {
    error_ = "parsing time " + go_quoted(text_) + ": " + std::string(field) + " out of range";
    return false;
  }

  bool skip_literal(std::string_view prefix);
  bool element(const Chunk& chunk, std::string_view rest_of_layout);
  bool zone_offset(Element element);
  bool zone_name();
  bool finish(__int128* unix_nanoseconds);
};

// Go's getnum: one or two digits, exactly two when `fixed`.
bool take_number(std::string_view* value, bool fixed, int* out) {
  if (!is_digit_at(*value, 0)) return false;
  if (!is_digit_at(*value, 1)) {
    if (fixed) return false;
    *out = (*value)[0] - '0';
    value->remove_prefix(1);
    return true;
  }
  *out = ((*value)[0] - '0') * 10 + ((*value)[1] - '0');
  value->remove_prefix(2);
  return true;
}

// Go's getnum3: one to three digits, exactly three when `fixed`.
bool take_number3(std::string_view* value, bool fixed, int* out) {
  int count = 0;
  *out = 0;
  while (count < 3 && is_digit_at(*value, 0)) {
    *out = *out * 10 + ((*value)[0] - '0');
    value->remove_prefix(1);
    ++count;
  }
  return count > 0 && (!fixed || count == 3);
}

// Matches a month or day name, ignoring case; returns its index or -1.
template <size_t N>
int take_name(std::string_view* value, const std::array<std::string_view, N>& names,
              bool short_form) {
  for (size_t i = 0; i < N; ++i) {
    std::string_view name = short_form ? names[i].substr(0, 3) : names[i];
    if (value->size() < name.size()) continue;
    bool equal = true;
    for (size_t c = 0; c < name.size() && equal; ++c) {
      equal = std::tolower(static_cast<unsigned char>((*value)[c])) ==
              std::tolower(static_cast<unsigned char>(name[c]));
    }
    if (!equal) continue;
    value->remove_prefix(name.size());
    return static_cast<int>(i);
  }
  return -1;
}

// Reads a fraction ".ddd" (or ",ddd") of `length` bytes, separator included, as nanoseconds.
bool take_fraction(std::string_view* value, size_t length, int* out) {
  if (value->empty() || ((*value)[0] != '.' && (*value)[0] != ',')) return false;
  std::string_view digits = value->substr(1, std::min<size_t>(length, 10) - 1);
  int64_t nanoseconds = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    nanoseconds = nanoseconds * 10 + (c - '0');
  }
  for (size_t i = digits.size(); i < 9; ++i) nanoseconds *= 10;
  *out = static_cast<int>(nanoseconds);
  value->remove_prefix(length);
  return true;
}

bool LayoutParser::skip_literal(std::string_view prefix) {
  std::string_view element = prefix;
  while (!prefix.empty()) {
    if (prefix[0] == ' ') {
      // A space in the layout matches any run of spaces, but at least one.
      if (!value_.empty() && value_[0] != ' ') return cannot_parse(element);
      while (!prefix.empty() && prefix[0] == ' ') prefix.remove_prefix(1);
      while (!value_.empty() && value_[0] == ' ') value_.remove_prefix(1);
      continue;
    }
    if (value_.empty() || value_[0] != prefix[0]) return cannot_parse(element);
    prefix.remove_prefix(1);
    value_.remove_prefix(1);
  }
  return true;
}

bool LayoutParser::zone_offset(Element element) {
  bool iso = element == Element::IsoSecondsTZ || element == Element::IsoColonSecondsTZ ||
             element == Element::IsoTZ || element == Element::IsoColonTZ ||
             element == Element::IsoShortTZ;
  if (iso && value_.starts_with("Z")) {
    value_.remove_prefix(1);
    fields_.utc = true;
    return true;
  }
  // Positions of the hour, minute and second digits, and the length of the offset.
  size_t minute_at = 3, second_at = 0, length = 5;
  bool colon_at_3 = false, colon_at_6 = false;
  if (element == Element::IsoColonTZ || element == Element::NumColonTZ) {
    minute_at = 4, length = 6, colon_at_3 = true;
  } else if (element == Element::IsoShortTZ || element == Element::NumShortTZ) {
    minute_at = 0, length = 3;
  } else if (element == Element::IsoColonSecondsTZ || element == Element::NumColonSecondsTZ) {
    minute_at = 4, second_at = 7, length = 9, colon_at_3 = colon_at_6 = true;
  } else if (element == Element::IsoSecondsTZ || element == Element::NumSecondsTZ) {
    second_at = 5, length = 7;
  }
  if (value_.size() < length) return false;
  if ((colon_at_3 && value_[3] != ':') || (colon_at_6 && value_[6] != ':')) return false;

  auto two_digits = [this](size_t at, int* out) {
    std::string_view digits = value_.substr(at, 2);
    return take_number(&digits, true, out) && digits.empty();
  };
  int hours = 0, minutes = 0, seconds = 0;
  if (!two_digits(1, &hours)) return false;
  if (minute_at != 0 && !two_digits(minute_at, &minutes)) return false;
  if (second_at != 0 && !two_digits(second_at, &seconds)) return false;
  if (value_[0] != '+' && value_[0] != '-') return false;
  // Go compares with > rather than >=: offsets of 24 hours or 60 minutes pass.
  if (hours > 24) return out_of_range("time zone offset hour");
  if (minutes > 60) return out_of_range("time zone offset minute");
  if (seconds > 60) return out_of_range("time zone offset second");
  fields_.offset = (hours * 60 + minutes) * 60 + seconds;
  if (value_[0] == '-') fields_.offset = -fields_.offset;
  fields_.has_offset = true;
  value_.remove_prefix(length);
  return true;
}

// Reads a zone abbreviation as Go's parseTimeZone accepts it: "UTC", "ChST", "MeST",
// "GMT" with an optional signed hour, a signed hour alone, or three to five capitals
// (four or five ending in T, and "WITA").
bool LayoutParser::zone_name() {
  if (value_.starts_with("UTC")) {
    value_.remove_prefix(3);
    fields_.utc = true;
    return true;
  }
  size_t length = 0;
  if (value_.starts_with("ChST") || value_.starts_with("MeST")) {
    length = 4;
  } else if (value_.starts_with("GMT") || value_.starts_with("+") || value_.starts_with("-")) {
    size_t start = value_.starts_with("GMT") ? 3 : 0;
    length = start;
    if (value_.size() > start + 1 && (value_[start] == '+' || value_[start] == '-')) {
      size_t end = start + 1;
      while (is_digit_at(value_, end)) ++end;
      std::string hours(value_.substr(start + 1, end - start - 1));
      if (!hours.empty() && hours.size() <= 2 && !(hours.size() > 1 && hours[0] == '0')) {
        length = end;
      }
    }
    if (length == 0) return false;
  } else {
    size_t upper = 0;
    while (upper < 6 && upper < value_.size() && value_[upper] >= 'A' && value_[upper] <= 'Z') {
      ++upper;
    }
    if (upper == 3 || (upper == 4 && (value_[3] == 'T' || value_.starts_with("WITA"))) ||
        (upper == 5 && value_[4] == 'T')) {
      length = upper;
    } else {
      return false;
    }
  }
  fields_.zone_name = std::string(value_.substr(0, length));
  value_.remove_prefix(length);
  return true;
}

bool LayoutParser::element(const Chunk& chunk, std::string_view rest_of_layout) {
  int number = 0;
  std::string_view before = value_;
  bool ok = true;
  switch (chunk.element) {
    case Element::None: return true;
    case Element::Year:
      ok = value_.size() >= 2 && take_number(&value_, true, &number);
      fields_.year = number >= 69 ? 1900 + number : 2000 + number;
      break;
    case Element::LongYear: {
      ok = value_.size() >= 4 && is_digit_at(value_, 0);
      for (size_t i = 0; ok && i < 4; ++i) {
        ok = is_digit_at(value_, i);
        number = number * 10 + (value_[i] - '0');
      }
      if (ok) value_.remove_prefix(4);
      fields_.year = number;
      break;
    }
    case Element::Month:
    case Element::LongMonth:
      fields_.month = take_name(&value_, kMonthNames, chunk.element == Element::Month) + 1;
      ok = fields_.month > 0;
      break;
    case Element::NumMonth:
    case Element::ZeroMonth:
      ok = take_number(&value_, chunk.element == Element::ZeroMonth, &fields_.month);
      if (ok && (fields_.month <= 0 || fields_.month > 12)) return out_of_range("month");
      break;
    case Element::WeekDay:
    case Element::LongWeekDay:
      ok = take_name(&value_, kDayNames, chunk.element == Element::WeekDay) >= 0;
      break;
    case Element::Day:
    case Element::UnderDay:
    case Element::ZeroDay:
      if (chunk.element == Element::UnderDay && value_.starts_with(" ")) value_.remove_prefix(1);
      ok = take_number(&value_, chunk.element == Element::ZeroDay, &fields_.day);
      break;
    case Element::UnderYearDay:
    case Element::ZeroYearDay:
      for (int i = 0; i < 2 && chunk.element == Element::UnderYearDay; ++i) {
        if (value_.starts_with(" ")) value_.remove_prefix(1);
      }
      ok = take_number3(&value_, chunk.element == Element::ZeroYearDay, &fields_.year_day);
      if (ok && (fields_.year_day < 1 || fields_.year_day > 366)) {
        return out_of_range("day-of-year");
      }
      break;
    case Element::Hour:
      ok = take_number(&value_, false, &fields_.hour);
      if (ok && fields_.hour >= 24) return out_of_range("hour");
      break;
    case Element::Hour12:
    case Element::ZeroHour12:
      ok = take_number(&value_, chunk.element == Element::ZeroHour12, &fields_.hour);
      if (ok && fields_.hour > 12) return out_of_range("hour");
      break;
    case Element::Minute:
    case Element::ZeroMinute:
      ok = take_number(&value_, chunk.element == Element::ZeroMinute, &fields_.minute);
      if (ok && fields_.minute >= 60) return out_of_range("minute");
      break;
    case Element::Second:
    case Element::ZeroSecond: {
      ok = take_number(&value_, chunk.element == Element::ZeroSecond, &fields_.second);
      if (!ok) break;
      if (fields_.second >= 60) return out_of_range("second");
      // Go accepts a fraction after the seconds even when the layout has none next.
      std::string_view layout = rest_of_layout;
      Element next = next_chunk(&layout).element;
      bool fraction_follows =
          value_.size() >= 2 && (value_[0] == '.' || value_[0] == ',') && is_digit_at(value_, 1);
      if (fraction_follows && next != Element::FracSecond0 && next != Element::FracSecond9) {
        size_t length = 2;
        while (is_digit_at(value_, length)) ++length;
        ok = take_fraction(&value_, length, &fields_.nanosecond);
      }
      break;
    }
    case Element::PM:
    case Element::LowerPM: {
      bool upper = chunk.element == Element::PM;
      std::string_view marker = value_.substr(0, 2);
      fields_.pm = marker == (upper ? "PM" : "pm");
      fields_.am = marker == (upper ? "AM" : "am");
      ok = fields_.pm || fields_.am;
      if (ok) value_.remove_prefix(2);
      break;
    }
    case Element::TZ: ok = value_.size() >= 3 && zone_name(); break;
    case Element::FracSecond0:
      ok = value_.size() >= static_cast<size_t>(chunk.digits) + 1 &&
           take_fraction(&value_, chunk.digits + 1, &fields_.nanosecond);
      break;
    case Element::FracSecond9: {
      if (value_.size() < 2 || (value_[0] != '.' && value_[0] != ',') || !is_digit_at(value_, 1)) {
        break;  // the fraction is optional
      }
      size_t length = 2;
      while (is_digit_at(value_, length)) ++length;
      ok = take_fraction(&value_, length, &fields_.nanosecond);
      break;
    }
    default:
      ok = zone_offset(chunk.element);
      if (!ok && !error_.empty()) return false;
      break;
  }
  if (!ok) {
    value_ = before;
    return cannot_parse(chunk.text);
  }
  return true;
}

bool LayoutParser::finish(__int128* unix_nanoseconds_out) {
  if (!value_.empty()) {
    error_ = "parsing time " + go_quoted(text_) + ": extra text: " + go_quoted(value_);
    return false;
  }
  if (fields_.pm && fields_.hour < 12) fields_.hour += 12;
  if (fields_.am && fields_.hour == 12) fields_.hour = 0;

  if (fields_.year_day >= 0) {
    int64_t first = days_from_civil(fields_.year, 1, 1);
    int64_t year_days = is_leap_year(fields_.year) ? 366 : 365;
    if (fields_.year_day > year_days) return out_of_range("day-of-year");
    int64_t year = 0;
    int month = 0, day = 0;
    civil_from_days(first + fields_.year_day - 1, &year, &month, &day);
    std::string_view mismatch;
    if (fields_.month >= 0 && fields_.month != month) mismatch = "month";
    if (fields_.day >= 0 && fields_.day != day) mismatch = "day";
    if (!mismatch.empty()) {
      error_ = "parsing time " + go_quoted(text_) + ": day-of-year does not match " +
               std::string(mismatch);
      return false;
    }
    fields_.month = month;
    fields_.day = day;
  }
  if (fields_.month < 0) fields_.month = 1;
  if (fields_.day < 0) fields_.day = 1;
  if (fields_.day < 1 || fields_.day > days_in_month(fields_.year, fields_.month)) {
    return out_of_range("day");
  }

  int64_t offset = fields_.has_offset && !fields_.utc ? fields_.offset : 0;
  if (!fields_.has_offset && fields_.zone_name.size() > 3 && fields_.zone_name.starts_with("GMT")) {
    // "GMT+3": Go gives the zone the named number of hours.
    offset = std::stoi(fields_.zone_name.substr(3)) * 3600;
  }
  // NOTE: Go looks other abbreviations up in the local zone and otherwise uses offset 0;
  // regoc always uses 0.
  *unix_nanoseconds_out =
      unix_nanoseconds(fields_.year, fields_.month, fields_.day, fields_.hour, fields_.minute,
                       fields_.second, fields_.nanosecond, offset);
  return true;
}

bool LayoutParser::parse(__int128* unix_nanoseconds_out) {
  std::string_view layout = layout_;
  while (!layout.empty()) {
    Chunk chunk = next_chunk(&layout);
    if (!skip_literal(chunk.prefix)) return false;
    if (!element(chunk, layout)) return false;
  }
  return finish(unix_nanoseconds_out);
}

}  // namespace

int days_in_month(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

int64_t days_from_civil(int64_t year, int64_t month, int64_t day) {
  // Carry months outside 1-12 into the year first.
  int64_t month_index = month - 1;
  year += month_index >= 0 ? month_index / 12 : -((11 - month_index) / 12);
  month = ((month_index % 12) + 12) % 12 + 1;

  year -= month <= 2 ? 1 : 0;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilTime civil_time(__int128 unix_nanoseconds, const TimeZone& zone) {
  CivilTime time;
  int64_t nanosecond = 0;
  int64_t unix_seconds = floor_divide(unix_nanoseconds, kNanosecondsPerSecond, &nanosecond);
  time.nanosecond = static_cast<int>(nanosecond);
  time.zone = zone.offset_at(unix_seconds);
  time.utc = zone.is_utc();

  int64_t second_of_day = 0;
  int64_t days = floor_divide(static_cast<__int128>(unix_seconds) + time.zone.seconds,
                              kSecondsPerDay, &second_of_day);
  civil_from_days(days, &time.year, &time.month, &time.day);
  time.hour = static_cast<int>(second_of_day / 3600);
  time.minute = static_cast<int>(second_of_day / 60 % 60);
  time.second = static_cast<int>(second_of_day % 60);
  time.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  time.year_day = static_cast<int>(days - days_from_civil(time.year, 1, 1) + 1);
  return time;
}

__int128 unix_nanoseconds(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t minute,
                          int64_t second, int64_t nanosecond, int64_t offset_seconds) {
  __int128 seconds = static_cast<__int128>(days_from_civil(year, month, day)) * kSecondsPerDay +
                     static_cast<__int128>(hour) * 3600 + minute * 60 + second - offset_seconds;
  return seconds * kNanosecondsPerSecond + nanosecond;
}

std::string format_time(const CivilTime& time, std::string_view layout) {
  std::string out;
  while (!layout.empty()) {
    Chunk chunk = next_chunk(&layout);
    out += chunk.prefix;
    append_element(&out, chunk, time);
  }
  return out;
}

bool parse_time(std::string_view layout, std::string_view text, __int128* unix_nanoseconds_out,
                std::string* error) {
  LayoutParser parser(layout, text);
  if (parser.parse(unix_nanoseconds_out)) return true;
  *error = parser.error();
  return false;
}

}  // namespace regoc
