// Loading and querying tz database locations: a TZif reader (versions 1 to 4, RFC 8536) and an
// evaluator for the POSIX TZ rule in the file's footer, which covers instants after the last
// transition listed in the file. Loaded locations are cached for the life of the process.
#include "runtime/builtins/time_zones.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>

namespace regoc {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

// Big-endian reader over the bytes of a TZif file.
class TzifReader {
 public:
  explicit TzifReader(std::string_view data) : data_(data) {}

  bool skip(size_t count) {
    if (data_.size() < count) return false;
    data_.remove_prefix(count);
    return true;
  }

  bool read(size_t width, int64_t* out) {
    if (data_.size() < width) return false;
    uint64_t value = 0;
    for (size_t i = 0; i < width; ++i) value = value << 8 | static_cast<uint8_t>(data_[i]);
    data_.remove_prefix(width);
    // Four-byte fields are signed; single bytes are unsigned.
    *out = width == 4 ? static_cast<int32_t>(value) : static_cast<int64_t>(value);
    return true;
  }

  std::string_view rest() const { return data_; }

 private:
  std::string_view data_;
};

// The counts in a TZif header, in file order.
struct TzifCounts {
  int64_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;
};

bool read_header(TzifReader& reader, char* version, TzifCounts* counts) {
  std::string_view rest = reader.rest();
  if (rest.size() < 44 || rest.substr(0, 4) != "TZif") return false;
  *version = rest[4];
  reader.skip(20);
  return reader.read(4, &counts->isut) && reader.read(4, &counts->isstd) &&
         reader.read(4, &counts->leap) && reader.read(4, &counts->time) &&
         reader.read(4, &counts->type) && reader.read(4, &counts->chars);
}

int64_t days_from_civil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  return era * 146097 + year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year -
         719468;
}

bool is_leap_year(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// One of the two transition dates of a POSIX TZ rule.
struct RuleDate {
  char kind = 'M';  // 'J' (Julian day 1-365, no Feb 29), 'D' (day 0-365) or 'M'
  int day = 0, week = 0, month = 0;
  int64_t time = 2 * 3600;  // local seconds after midnight
};

// The parsed form of a POSIX TZ string such as "EST5EDT,M3.2.0,M11.1.0".
struct PosixRule {
  std::string std_name, dst_name;
  int32_t std_offset = 0, dst_offset = 0;  // seconds east of UTC
  bool has_dst = false;
  RuleDate start, end;
};

class PosixParser {
 public:
  explicit PosixParser(std::string_view text) : text_(text) {}

  std::optional<PosixRule> parse();

 private:
  std::string_view text_;

  bool name(std::string* out) {
    if (!text_.empty() && text_[0] == '<') {
      size_t close = text_.find('>');
      if (close == std::string_view::npos) return false;
      *out = std::string(text_.substr(1, close - 1));
      text_.remove_prefix(close + 1);
      return true;
    }
    size_t length = 0;
    while (length < text_.size() && std::isalpha(static_cast<unsigned char>(text_[length]))) {
      ++length;
    }
    if (length < 3) return false;
    *out = std::string(text_.substr(0, length));
    text_.remove_prefix(length);
    return true;
  }

  bool integer(int* out) {
    size_t length = 0;
    *out = 0;
    while (length < text_.size() && std::isdigit(static_cast<unsigned char>(text_[length]))) {
      *out = *out * 10 + (text_[length++] - '0');
    }
    text_.remove_prefix(length);
    return length > 0;
  }

  // [+-]hh[:mm[:ss]] as seconds.
  bool duration(int64_t* out) {
    int64_t sign = 1;
    if (!text_.empty() && (text_[0] == '+' || text_[0] == '-')) {
      sign = text_[0] == '-' ? -1 : 1;
      text_.remove_prefix(1);
    }
    int part = 0;
    if (!integer(&part)) return false;
    int64_t seconds = part * 3600;
    for (int64_t unit : {60, 1}) {
      if (text_.empty() || text_[0] != ':') break;
      text_.remove_prefix(1);
      if (!integer(&part)) return false;
      seconds += part * unit;
    }
    *out = sign * seconds;
    return true;
  }

  bool date(RuleDate* out);
};

bool PosixParser::date(RuleDate* out) {
  if (text_.empty()) return false;
  if (text_[0] == 'M') {
    text_.remove_prefix(1);
    out->kind = 'M';
    if (!integer(&out->month) || text_.empty() || text_[0] != '.') return false;
    text_.remove_prefix(1);
    if (!integer(&out->week) || text_.empty() || text_[0] != '.') return false;
    text_.remove_prefix(1);
    if (!integer(&out->day)) return false;
  } else {
    out->kind = 'D';
    if (text_[0] == 'J') {
      out->kind = 'J';
      text_.remove_prefix(1);
    }
    if (!integer(&out->day)) return false;
  }
  if (!text_.empty() && text_[0] == '/') {
    text_.remove_prefix(1);
    return duration(&out->time);
  }
  return true;
}

std::optional<PosixRule> PosixParser::parse() {
  PosixRule rule;
  int64_t offset = 0;
  if (!name(&rule.std_name) || !duration(&offset)) return std::nullopt;
  rule.std_offset = static_cast<int32_t>(-offset);
  if (text_.empty()) return rule;

  rule.has_dst = true;
  if (!name(&rule.dst_name)) return std::nullopt;
  rule.dst_offset = rule.std_offset + 3600;
  if (!text_.empty() && text_[0] != ',') {
    if (!duration(&offset)) return std::nullopt;
    rule.dst_offset = static_cast<int32_t>(-offset);
  }
  if (text_.empty()) {
    // The default rule of POSIX, the same as the United States' since 2007.
    text_ = ",M3.2.0,M11.1.0";
  }
  if (text_[0] != ',') return std::nullopt;
  text_.remove_prefix(1);
  if (!date(&rule.start) || text_.empty() || text_[0] != ',') return std::nullopt;
  text_.remove_prefix(1);
  if (!date(&rule.end) || !text_.empty()) return std::nullopt;
  return rule;
}

// Seconds from the start of `year` (UTC) to a rule date, given the offset in force before it.
int64_t rule_date_seconds(int64_t year, const RuleDate& date, int32_t offset) {
  int64_t day = 0;
  if (date.kind == 'J') {
    day = date.day - 1;
    if (is_leap_year(year) && day >= 59) ++day;
  } else if (date.kind == 'D') {
    day = date.day;
  } else {
    int64_t month_start = days_from_civil(year, date.month, 1);
    int64_t year_start = days_from_civil(year, 1, 1);
    int64_t weekday = ((month_start % 7) + 11) % 7;  // 1970-01-01 was a Thursday (4)
    int64_t first = (date.day - weekday + 7) % 7;
    day = first + 7 * (date.week - 1);
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t month_days = kDays[date.month - 1] + (date.month == 2 && is_leap_year(year));
    while (day >= month_days) day -= 7;
    day += month_start - year_start;
  }
  return day * kSecondsPerDay + date.time - offset;
}

// The civil year that contains `unix_seconds`, and the seconds since that year's start.
void year_and_offset(int64_t unix_seconds, int64_t* year, int64_t* seconds_in_year) {
  int64_t days = unix_seconds >= 0 ? unix_seconds / kSecondsPerDay
                                   : -((-unix_seconds + kSecondsPerDay - 1) / kSecondsPerDay);
  int64_t guess = 1970 + days / 366;
  while (days_from_civil(guess + 1, 1, 1) <= days) ++guess;
  while (days_from_civil(guess, 1, 1) > days) --guess;
  *year = guess;
  *seconds_in_year = unix_seconds - days_from_civil(guess, 1, 1) * kSecondsPerDay;
}

ZoneOffset evaluate_rule(const PosixRule& rule, int64_t unix_seconds) {
  ZoneOffset standard{rule.std_offset, rule.std_name};
  if (!rule.has_dst) return standard;
  ZoneOffset daylight{rule.dst_offset, rule.dst_name};

  int64_t year = 0, seconds = 0;
  year_and_offset(unix_seconds, &year, &seconds);
  int64_t start = rule_date_seconds(year, rule.start, rule.std_offset);
  int64_t end = rule_date_seconds(year, rule.end, rule.dst_offset);
  if (end < start) {
    // Southern hemisphere: daylight time spans the turn of the year.
    return seconds >= end && seconds < start ? standard : daylight;
  }
  return seconds >= start && seconds < end ? daylight : standard;
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return {};
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// True for names that could escape the zoneinfo folder or are not location names.
bool is_unsafe_name(std::string_view name) {
  return name.empty() || name[0] == '/' || name.find("..") != std::string_view::npos ||
         name.find('\\') != std::string_view::npos;
}

std::shared_ptr<const TimeZone> read_location(std::string_view name) {
  if (name == "Local") {
    const char* tz = std::getenv("TZ");
    if (tz != nullptr && *tz != '\0') {
      std::string_view local(tz);
      if (local.starts_with(':')) local.remove_prefix(1);
      if (local == "UTC" || local.empty()) return TimeZone::utc();
      return read_location(local);
    }
    std::string data = read_file("/etc/localtime");
    std::shared_ptr<const TimeZone> zone = TimeZone::from_tzif(data);
    return zone != nullptr ? zone : TimeZone::utc();
  }
  if (is_unsafe_name(name)) return nullptr;
  const char* folder = std::getenv("ZONEINFO");
  std::string root = folder != nullptr && *folder != '\0' ? folder : "/usr/share/zoneinfo";
  return TimeZone::from_tzif(read_file(root + "/" + std::string(name)));
}

}  // namespace

std::shared_ptr<const TimeZone> TimeZone::utc() {
  static const std::shared_ptr<const TimeZone> zone = [] {
    auto created = std::make_shared<TimeZone>();
    created->utc_ = true;
    created->types_.push_back(Type{0, false, "UTC"});
    return created;
  }();
  return zone;
}

std::shared_ptr<const TimeZone> TimeZone::from_tzif(std::string_view data) {
  TzifReader reader(data);
  char version = 0;
  TzifCounts counts;
  if (!read_header(reader, &version, &counts)) return nullptr;
  size_t time_width = 4;
  if (version >= '2') {
    // Skip the version 1 body; the version 2 body repeats it with 64-bit times.
    size_t v1_size = counts.time * 5 + counts.type * 6 + counts.chars + counts.leap * 8 +
                     counts.isstd + counts.isut;
    if (!reader.skip(v1_size) || !read_header(reader, &version, &counts)) return nullptr;
    time_width = 8;
  }
  if (counts.type == 0) return nullptr;

  auto zone = std::make_shared<TimeZone>();
  zone->transitions_.resize(counts.time);
  for (Transition& transition : zone->transitions_) {
    if (!reader.read(time_width, &transition.at)) return nullptr;
  }
  for (Transition& transition : zone->transitions_) {
    int64_t type = 0;
    if (!reader.read(1, &type) || type >= counts.type) return nullptr;
    transition.type = static_cast<uint8_t>(type);
  }
  std::vector<int64_t> abbreviation_index(counts.type);
  zone->types_.resize(counts.type);
  for (int64_t i = 0; i < counts.type; ++i) {
    int64_t offset = 0, dst = 0;
    if (!reader.read(4, &offset) || !reader.read(1, &dst) ||
        !reader.read(1, &abbreviation_index[i])) {
      return nullptr;
    }
    zone->types_[i].offset = static_cast<int32_t>(offset);
    zone->types_[i].dst = dst != 0;
  }
  std::string_view chars = reader.rest().substr(0, counts.chars);
  if (!reader.skip(counts.chars)) return nullptr;
  for (int64_t i = 0; i < counts.type; ++i) {
    std::string_view tail = chars.substr(std::min<size_t>(abbreviation_index[i], chars.size()));
    zone->types_[i].abbreviation = std::string(tail.substr(0, tail.find('\0')));
  }

  size_t trailer = counts.leap * (time_width + 4) + counts.isstd + counts.isut;
  if (time_width == 8 && reader.skip(trailer)) {
    std::string_view footer = reader.rest();
    if (footer.size() >= 2 && footer[0] == '\n') {
      footer.remove_prefix(1);
      zone->rule_ = std::string(footer.substr(0, footer.find('\n')));
    }
  }
  return zone;
}

ZoneOffset TimeZone::offset_at(int64_t unix_seconds) const {
  if (utc_) return ZoneOffset{};
  if (transitions_.empty() || unix_seconds < transitions_.front().at) {
    if (transitions_.empty() && !rule_.empty()) {
      if (std::optional<PosixRule> rule = PosixParser(rule_).parse()) {
        return evaluate_rule(*rule, unix_seconds);
      }
    }
    // Before the first transition: the first standard-time type, as Go chooses.
    for (const Type& type : types_) {
      if (!type.dst) return offset_of(type);
    }
    return offset_of(types_.front());
  }
  if (unix_seconds >= transitions_.back().at && !rule_.empty()) {
    if (std::optional<PosixRule> rule = PosixParser(rule_).parse()) {
      return evaluate_rule(*rule, unix_seconds);
    }
  }
  auto after = std::upper_bound(
      transitions_.begin(), transitions_.end(), unix_seconds,
      [](int64_t seconds, const Transition& transition) { return seconds < transition.at; });
  return offset_of(types_[std::prev(after)->type]);
}

std::shared_ptr<const TimeZone> load_time_zone(std::string_view name) {
  if (name.empty() || name == "UTC") return TimeZone::utc();

  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const TimeZone>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = cache.find(name);
  if (found != cache.end()) return found->second;
  std::shared_ptr<const TimeZone> zone = read_location(name);
  cache.emplace(std::string(name), zone);
  return zone;
}

}  // namespace regoc
