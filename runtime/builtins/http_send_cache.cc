// The http.send cache shared by all queries of the process (OPA's inter-query cache), for
// requests that set `cache` or `force_cache`. A response is kept until the expiry that
// force_cache_duration_seconds, or else Cache-Control max-age (from the Date header) or
// Expires, gives it. External interface: http_send::SharedCache (http_send.h).
//
// NOTE: OPA revalidates an expired entry with If-None-Match / If-Modified-Since and keeps it
// on 304 Not Modified. regoc drops an expired entry and sends the request again.
#include <curl/curl.h>
#include <strings.h>

#include <map>
#include <mutex>

#include "runtime/builtins/http_send.h"

namespace regoc::http_send {
namespace {

const std::string* find_header(const Headers& headers, const char* name) {
  for (const auto& header : headers) {
    if (strcasecmp(header.first.c_str(), name) == 0) return &header.second;
  }
  return nullptr;
}

// The directives of Cache-Control, as OPA splits them ("max-age" -> "60", "no-store" -> "").
std::map<std::string, std::string> cache_control(const Headers& headers) {
  std::map<std::string, std::string> directives;
  const std::string* value = find_header(headers, "Cache-Control");
  if (value == nullptr) return directives;
  size_t start = 0;
  while (start <= value->size()) {
    size_t comma = value->find(',', start);
    if (comma == std::string::npos) comma = value->size();
    std::string part = value->substr(start, comma - start);
    size_t begin = part.find_first_not_of(' ');
    size_t end = part.find_last_not_of(' ');
    part = begin == std::string::npos ? "" : part.substr(begin, end - begin + 1);
    size_t equals = part.find('=');
    if (equals == std::string::npos) {
      if (!part.empty()) directives[part] = "";
    } else if (part.find('=', equals + 1) == std::string::npos) {
      std::string name = part.substr(0, equals);
      name.erase(name.find_last_not_of(' ') + 1);
      directives[name] = part.substr(equals + 1);
    }
    start = comma + 1;
  }
  return directives;
}

// Seconds since the epoch of an HTTP date header; -1 when absent or invalid.
int64_t header_time(const Headers& headers, const char* name) {
  const std::string* value = find_header(headers, name);
  if (value == nullptr) return -1;
  time_t seconds = curl_getdate(value->c_str(), nullptr);
  return seconds;
}

constexpr int64_t kNanosecondsPerSecond = 1'000'000'000;

// The expiry of a response from its headers in nanoseconds since the epoch, or nullopt when
// it cannot be computed (max-age without a Date header).
std::optional<int64_t> expiry_from_headers(const Headers& headers) {
  auto directives = cache_control(headers);
  auto max_age = directives.find("max-age");
  if (max_age != directives.end()) {
    char* end = nullptr;
    unsigned long long seconds = std::strtoull(max_age->second.c_str(), &end, 10);
    if (max_age->second.empty() || *end != '\0') return std::nullopt;
    seconds = std::min<unsigned long long>(seconds, 2147483647ULL);
    int64_t date = header_time(headers, "Date");
    if (date < 0) return std::nullopt;
    return (date + static_cast<int64_t>(seconds)) * kNanosecondsPerSecond;
  }
  int64_t expires = header_time(headers, "Expires");
  return expires < 0 ? 0 : expires * kNanosecondsPerSecond;
}

struct Entry {
  int64_t expires_at_ns = 0;
  HttpResponse response;
};

std::mutex cache_mutex;

std::map<Value, Entry>& entries() {
  static std::map<Value, Entry> cache;
  return cache;
}

}  // namespace

bool is_cacheable_status(int status_code) {
  switch (status_code) {
    case 200: case 203: case 204: case 206: case 300: case 301:
    case 404: case 405: case 410: case 414: case 501:
      return true;
    default:
      return false;
  }
}

std::optional<HttpResponse> SharedCache::find(const Value& key, int64_t now_ns) {
  std::lock_guard<std::mutex> lock(cache_mutex);
  auto it = entries().find(key);
  if (it == entries().end()) return std::nullopt;
  if (now_ns < it->second.expires_at_ns) return it->second.response;
  entries().erase(it);
  return std::nullopt;
}

void SharedCache::store(const Value& key, const HttpResponse& response, int64_t now_ns,
                        int64_t force_seconds) {
  if (!is_cacheable_status(response.status_code)) return;
  std::optional<int64_t> expires_at;
  if (force_seconds > 0) {
    expires_at = now_ns + force_seconds * kNanosecondsPerSecond;
  } else {
    if (cache_control(response.headers).count("no-store")) return;
    expires_at = expiry_from_headers(response.headers);
  }
  if (!expires_at || *expires_at <= now_ns) return;
  std::lock_guard<std::mutex> lock(cache_mutex);
  entries()[key] = Entry{*expires_at, response};
}

}  // namespace regoc::http_send
