// http.send(request): HTTP requests from policies through libcurl, with OPA 1.20's request
// fields, response object, errors and caches. The pieces:
//   http_send.cc          the builtin: operand checks, raise_error, the result object, caches
//   http_send_request.cc  the request object read into an HttpRequest
//   http_send_client.cc   one exchange over libcurl, with retries
//   http_send_cache.cc    the cache shared by queries (`cache` and `force_cache`)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/builtins/registry.h"
#include "runtime/value.h"

namespace regoc {

void register_http_send_builtins(Registry& registry);

namespace http_send {

using Headers = std::vector<std::pair<std::string, std::string>>;

// A failure of http.send, classified as OPA classifies it.
struct Failure {
  enum class Kind {
    Operand,  // a bad request operand: eval_type_error
    Request,  // an invalid request field: eval_builtin_error
    Network,  // the exchange failed (Go's *url.Error): eval_http_send_network_error
  };
  Kind kind = Kind::Request;
  std::string message;  // without the "http.send: " prefix
  // For a timed-out exchange, OPA's shorter message when raise_error is true.
  std::string timeout_message;
};

// The request fields that shape the exchange.
struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::optional<std::string> body;  // raw_body, or body encoded as JSON
  Headers headers;                  // names in Go's canonical form
  bool enable_redirect = false;
  bool tls_use_system_certs = false;
  std::string tls_ca_certs;                      // PEM from tls_ca_cert, _file, _env_variable
  std::string tls_client_cert, tls_client_key;   // PEM
  bool tls_insecure_skip_verify = false;
  std::string tls_server_name;
  int64_t timeout_ns = 5'000'000'000;  // 0: none
  int64_t max_retry_attempts = 0;
};

struct HttpResponse {
  int status_code = 0;
  std::string status;  // "200 OK"
  Headers headers;     // as received, in order
  std::string body;
};

// Reads the request object (already checked for unknown and missing keys).
std::optional<Failure> read_request(const Value& request, HttpRequest* out);

// True for a key that an http.send request object may contain (providers.aws.sign_req checks
// its request against the same list).
bool is_request_key(const Value& key);

// Performs the exchange, retrying transport failures max_retry_attempts times.
std::optional<Failure> execute(const HttpRequest& request, HttpResponse* out);

// Returns the response object: status, status_code, body (decoded when the content type is
// JSON or YAML, or when forced), raw_body and headers (lower-case names, arrays of values).
Value response_value(const HttpResponse& response, bool force_json, bool force_yaml);

// True for the status codes that RFC 7231 section 6.1 makes cacheable by default; only
// responses with these codes are cached.
bool is_cacheable_status(int status_code);

// The cache shared by all queries of the process, for requests with `cache` or `force_cache`.
class SharedCache {
 public:
  // A fresh cached response for `key` at `now_ns`, or nullopt.
  static std::optional<HttpResponse> find(const Value& key, int64_t now_ns);
  // Stores a response when its status code and headers allow; `force_seconds` > 0 overrides
  // the expiry of the response headers.
  static void store(const Value& key, const HttpResponse& response, int64_t now_ns,
                    int64_t force_seconds);
};

}  // namespace http_send
}  // namespace regoc
