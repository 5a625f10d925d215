// One http.send exchange over libcurl, shaped like the Go client that OPA 1.20 uses. It
// follows no redirects unless enabled (then at most 10), applies one timeout to the whole
// exchange and uses no proxy for loopback hosts. It retries transport failures with OPA's
// backoff and reports the common failures in Go's words.
// External interface: http_send::execute (http_send.h).
#include <curl/curl.h>

#include <strings.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "runtime/builtins/http_send.h"
#include "runtime/json.h"

namespace regoc::http_send {
namespace {

// Go's http.StatusText for the codes that an HTTP/2 response, which has no reason phrase, is
// likely to carry.
std::string status_text(int code) {
  static const std::map<int, const char*> kTexts = {
      {200, "OK"}, {201, "Created"}, {202, "Accepted"}, {204, "No Content"},
      {206, "Partial Content"}, {301, "Moved Permanently"}, {302, "Found"},
      {303, "See Other"}, {304, "Not Modified"}, {307, "Temporary Redirect"},
      {308, "Permanent Redirect"}, {400, "Bad Request"}, {401, "Unauthorized"},
      {403, "Forbidden"}, {404, "Not Found"}, {405, "Method Not Allowed"}, {409, "Conflict"},
      {410, "Gone"}, {429, "Too Many Requests"}, {500, "Internal Server Error"},
      {501, "Not Implemented"}, {502, "Bad Gateway"}, {503, "Service Unavailable"},
      {504, "Gateway Timeout"}};
  auto it = kTexts.find(code);
  return it == kTexts.end() ? "" : it->second;
}

std::string trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<HttpResponse*>(user)->body.append(data, size * count);
  return size * count;
}

// Receives the status line and the header lines of each response; a new status line (after
// a redirect or a 100 Continue) starts over.
size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  std::string line = trim(std::string_view(data, size * count));
  if (line.rfind("HTTP/", 0) == 0) {
    response->headers.clear();
    response->body.clear();
    size_t space = line.find(' ');
    std::string rest = space == std::string::npos ? "" : trim(line.substr(space + 1));
    response->status_code = std::atoi(rest.c_str());
    response->status = rest.find(' ') != std::string::npos
                           ? rest
                           : std::to_string(response->status_code) + " " +
                                 status_text(response->status_code);
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon == std::string::npos) return size * count;
  std::string name = trim(line.substr(0, colon));
  // Go's client removes Transfer-Encoding from the headers that it returns to OPA.
  if (name.size() == 17 && strncasecmp(name.c_str(), "transfer-encoding", 17) == 0) {
    return size * count;
  }
  response->headers.emplace_back(name, trim(line.substr(colon + 1)));
  return size * count;
}

// The URL's scheme as Go's url.Parse finds it ("" when there is none).
std::string scheme_of(const std::string& url) {
  size_t colon = url.find(':');
  if (colon == std::string::npos || colon == 0) return "";
  for (size_t i = 0; i < colon; ++i) {
    char c = url[i];
    bool valid = std::isalpha(static_cast<unsigned char>(c)) ||
                 (i > 0 && (std::isdigit(static_cast<unsigned char>(c)) || c == '+' ||
                            c == '-' || c == '.'));
    if (!valid) return "";
  }
  std::string scheme = url.substr(0, colon);
  for (char& c : scheme) c = std::tolower(static_cast<unsigned char>(c));
  return scheme;
}

// Go's name of the request in errors: the method with only its first letter upper-case.
std::string operation(const HttpRequest& request) {
  std::string op = request.method.empty() ? "Get" : request.method;
  for (size_t i = 1; i < op.size(); ++i) op[i] = std::tolower(static_cast<unsigned char>(op[i]));
  return op;
}

// Go's url.Error text: `Get "http://host/": <cause>`.
std::string url_error(const HttpRequest& request, const std::string& cause) {
  return operation(request) + " " + to_json(Value::string(request.url)) + ": " + cause;
}

Failure network_failure(const HttpRequest& request, const std::string& cause) {
  return Failure{Failure::Kind::Network, url_error(request, cause), ""};
}

// The request in libcurl's terms: the URL to fetch and the options that Go's client applies
// implicitly (unix sockets, the TLS server name).
struct Target {
  std::string url;
  std::string unix_socket;
  std::string connect_to;  // CURLOPT_CONNECT_TO entry for a TLS server name
  std::string host_header;
  std::string dial_address;  // host:port of the URL, for error messages
};

std::string url_part(CURLU* url, CURLUPart part) {
  char* text = nullptr;
  if (curl_url_get(url, part, &text, 0) != CURLUE_OK) return "";
  std::string value = text;
  curl_free(text);
  return value;
}

// Rewrites unix://host/path?socket=/path/to/socket to an http URL over the socket, as OPA does.
std::optional<Failure> resolve_target(const HttpRequest& request, Target* target) {
  target->url = request.url;
  std::string scheme = scheme_of(request.url);
  if (scheme != "http" && scheme != "https" && scheme != "unix") {
    return network_failure(request, "unsupported protocol scheme " +
                                        to_json(Value::string(scheme)));
  }
  CURLU* url = curl_url();
  bool parsed = curl_url_set(url, CURLUPART_URL, request.url.c_str(),
                             CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE) == CURLUE_OK;
  if (!parsed) {
    curl_url_cleanup(url);
    return Failure{Failure::Kind::Request,
                   "parse " + to_json(Value::string(request.url)) + ": invalid URL", ""};
  }
  if (scheme == "unix") {
    std::string query = url_part(url, CURLUPART_QUERY);
    std::string kept;  // the query without the socket parameter
    for (size_t start = 0; start <= query.size();) {
      size_t end = query.find('&', start);
      if (end == std::string::npos) end = query.size();
      std::string pair = query.substr(start, end - start);
      if (pair.rfind("socket=", 0) == 0 && target->unix_socket.empty()) {
        int length = 0;
        char* decoded = curl_easy_unescape(nullptr, pair.c_str() + 7, 0, &length);
        target->unix_socket.assign(decoded, length);
        curl_free(decoded);
      } else if (!pair.empty() && pair.rfind("socket=", 0) != 0) {
        kept += (kept.empty() ? "" : "&") + pair;
      }
      start = end + 1;
    }
    curl_url_set(url, CURLUPART_SCHEME, "http", CURLU_NON_SUPPORT_SCHEME);
    curl_url_set(url, CURLUPART_QUERY, kept.empty() ? nullptr : kept.c_str(), 0);
  }

  std::string host = url_part(url, CURLUPART_HOST);
  std::string explicit_port = url_part(url, CURLUPART_PORT);
  std::string default_port = scheme == "https" ? "443" : "80";
  target->dial_address = host + ":" + (explicit_port.empty() ? default_port : explicit_port);

  if (scheme == "https" && !request.tls_server_name.empty() && request.tls_server_name != host) {
    // libcurl takes the TLS server name from the URL: fetch the name's URL, connect to the
    // URL's host, and keep the URL's host in the Host header.
    std::string port = url_part(url, CURLUPART_PORT);
    std::string effective_port = port.empty() ? "443" : port;
    target->connect_to = request.tls_server_name + ":" + effective_port + ":" + host + ":" +
                         effective_port;
    target->host_header = port.empty() ? host : host + ":" + port;
    curl_url_set(url, CURLUPART_HOST, request.tls_server_name.c_str(), 0);
  }
  target->url = url_part(url, CURLUPART_URL);
  curl_url_cleanup(url);
  return std::nullopt;
}

bool has_header(const HttpRequest& request, const char* name) {
  for (const auto& header : request.headers) {
    if (strcasecmp(header.first.c_str(), name) == 0) return true;
  }
  return false;
}

// Header lines for libcurl: the request's own, a Host for a TLS server name, and empty values
// that drop the headers libcurl would add and Go's client does not send.
curl_slist* header_list(const HttpRequest& request, const Target& target) {
  curl_slist* list = nullptr;
  for (const auto& [name, value] : request.headers) {
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    list = curl_slist_append(list, line.c_str());
  }
  if (!target.host_header.empty() && !has_header(request, "Host")) {
    list = curl_slist_append(list, ("Host: " + target.host_header).c_str());
  }
  for (const char* name : {"Accept", "Content-Type", "Expect"}) {
    if (!has_header(request, name)) list = curl_slist_append(list, (std::string(name) + ":").c_str());
  }
  return list;
}

// Go's client bypasses proxies for loopback hosts; libcurl reads the same variables.
std::string no_proxy_list() {
  std::string list = "localhost,127.0.0.1,::1";
  for (const char* name : {"no_proxy", "NO_PROXY"}) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
      return std::string(value) + "," + list;
    }
  }
  return list;
}

void set_tls_options(CURL* curl, const HttpRequest& request, curl_blob* ca, curl_blob* cert,
                     curl_blob* key) {
  if (request.tls_insecure_skip_verify) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!request.tls_ca_certs.empty()) {
    *ca = {const_cast<char*>(request.tls_ca_certs.data()), request.tls_ca_certs.size(),
           CURL_BLOB_NOCOPY};
    curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, ca);
  }
  if (!request.tls_client_cert.empty()) {
    *cert = {const_cast<char*>(request.tls_client_cert.data()), request.tls_client_cert.size(),
             CURL_BLOB_NOCOPY};
    *key = {const_cast<char*>(request.tls_client_key.data()), request.tls_client_key.size(),
            CURL_BLOB_NOCOPY};
    curl_easy_setopt(curl, CURLOPT_SSLCERT_BLOB, cert);
    curl_easy_setopt(curl, CURLOPT_SSLCERTTYPE, "PEM");
    curl_easy_setopt(curl, CURLOPT_SSLKEY_BLOB, key);
    curl_easy_setopt(curl, CURLOPT_SSLKEYTYPE, "PEM");
  }
}

void set_method_and_body(CURL* curl, const HttpRequest& request) {
  const std::string& method = request.method;
  bool sends_body = request.body.has_value() && !request.body->empty();
  if (method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (sends_body || method == "POST" || method == "PUT" || method == "PATCH") {
    const std::string empty;
    const std::string& body = request.body ? *request.body : empty;
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  }
  if (!method.empty() && method != "GET" && method != "HEAD" && method != "POST") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  } else if (method == "GET" && sends_body) {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "GET");
  }
}

// Go's texts for the common transport failures.
Failure transport_failure(CURL* curl, CURLcode code, const HttpRequest& request,
                          const Target& target, const char* detail) {
  std::string cause = detail[0] != '\0' ? detail : curl_easy_strerror(code);
  char* host = nullptr;
  curl_easy_getinfo(curl, CURLINFO_PRIMARY_IP, &host);
  long port = 0;
  curl_easy_getinfo(curl, CURLINFO_PRIMARY_PORT, &port);
  switch (code) {
    case CURLE_COULDNT_CONNECT: {
      long os_error = 0;
      curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_error);
      std::string reason = os_error == ECONNREFUSED   ? "connection refused"
                           : os_error == EHOSTUNREACH ? "no route to host"
                           : os_error == ENETUNREACH  ? "network is unreachable"
                                                      : cause;
      std::string address = host != nullptr && *host != '\0'
                                ? std::string(host) + ":" + std::to_string(port)
                                : target.dial_address;
      return network_failure(request, "dial tcp " + address + ": connect: " + reason);
    }
    case CURLE_COULDNT_RESOLVE_HOST:
      return network_failure(request, "dial tcp: lookup " + cause);
    case CURLE_OPERATION_TIMEDOUT: {
      Failure failure = network_failure(
          request, "context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
      failure.timeout_message = operation(request) + " " + request.url + ": request timed out";
      return failure;
    }
    case CURLE_TOO_MANY_REDIRECTS:
      return network_failure(request, "stopped after 10 redirects");
    case CURLE_PEER_FAILED_VERIFICATION:
      return network_failure(request, "tls: failed to verify certificate: " + cause);
    default:
      return network_failure(request, cause);
  }
}

// One attempt of the exchange.
std::optional<Failure> perform(const HttpRequest& request, const Target& target,
                               HttpResponse* out) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return network_failure(request, "libcurl could not start a transfer");
  char detail[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = header_list(request, target);
  curl_slist* connect_to = nullptr;
  std::string no_proxy = no_proxy_list();
  curl_blob ca{}, cert{}, key{};

  curl_easy_setopt(curl, CURLOPT_URL, target.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, no_proxy.c_str());
  if (!has_header(request, "User-Agent")) curl_easy_setopt(curl, CURLOPT_USERAGENT, "regoc");
  if (!target.unix_socket.empty()) {
    curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, target.unix_socket.c_str());
  }
  if (!target.connect_to.empty()) {
    connect_to = curl_slist_append(nullptr, target.connect_to.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect_to);
  }
  if (request.enable_redirect) {
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
  }
  if (request.timeout_ns > 0) {
    long milliseconds = static_cast<long>(std::max<int64_t>(1, request.timeout_ns / 1'000'000));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, milliseconds);
  }
  set_tls_options(curl, request, &ca, &cert, &key);
  set_method_and_body(curl, request);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, out);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);

  CURLcode code = curl_easy_perform(curl);
  std::optional<Failure> failure;
  if (code != CURLE_OK) failure = transport_failure(curl, code, request, target, detail);
  curl_slist_free_all(headers);
  curl_slist_free_all(connect_to);
  curl_easy_cleanup(curl);
  return failure;
}

// OPA's retry delay: 100 ms growing by 1.6 per attempt up to 60 s, with 20% jitter.
std::chrono::nanoseconds retry_delay(int attempt) {
  double delay = 100e6;
  for (int i = 0; i < attempt && delay < 60e9; ++i) delay *= 1.6;
  delay = std::min(delay, 60e9);
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_real_distribution<double> jitter(-0.2, 0.2);
  return std::chrono::nanoseconds(static_cast<int64_t>(delay * (1 + jitter(generator))));
}

}  // namespace

std::optional<Failure> execute(const HttpRequest& request, HttpResponse* out) {
  static std::once_flag initialized;
  std::call_once(initialized, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  Target target;
  if (auto failure = resolve_target(request, &target)) return failure;
  for (int64_t attempt = 0;; ++attempt) {
    *out = HttpResponse();
    std::optional<Failure> failure = perform(request, target, out);
    if (!failure || attempt >= request.max_retry_attempts) return failure;
    std::this_thread::sleep_for(retry_delay(static_cast<int>(attempt)));
  }
}

}  // namespace regoc::http_send
