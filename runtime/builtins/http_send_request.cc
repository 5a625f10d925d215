// Reading http.send's request object into an HttpRequest, with the checks and messages of OPA
// 1.20's createHTTPRequest. External interface: http_send::read_request (http_send.h).
#include <openssl/pem.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "runtime/builtins/http_send.h"
#include "runtime/json.h"
#include "runtime/number.h"

namespace regoc::http_send {
namespace {

const char* const kSystemCertificates = "/etc/ssl/certs/ca-certificates.crt";

Failure request_failure(std::string message) {
  return Failure{Failure::Kind::Request, std::move(message), ""};
}

// Go's strconv.ParseBool applied to the Rego text of a value, as OPA does for boolean fields:
// only true and false pass (a string prints quoted, so "true" fails).
std::optional<Failure> parse_bool(const Value& value, bool* out) {
  if (value.is_boolean()) {
    *out = value.as_bool();
    return std::nullopt;
  }
  return request_failure("strconv.ParseBool: parsing " + to_json(Value::string(to_json(value))) +
                         ": invalid syntax");
}

// Go's http.CanonicalHeaderKey: each dash-separated word capitalized, for valid tokens.
std::string canonical_header(const std::string& name) {
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == ':' || static_cast<unsigned char>(c) < 0x21) return name;
  }
  std::string out = name;
  bool upper = true;
  for (char& c : out) {
    c = upper ? std::toupper(static_cast<unsigned char>(c))
              : std::tolower(static_cast<unsigned char>(c));
    upper = c == '-';
  }
  return out;
}

// Go's time.ParseDuration: a sequence of decimal numbers with units ns, us, µs, ms, s, m, h.
std::optional<std::string> parse_go_duration(const std::string& text, int64_t* out) {
  std::string quoted = to_json(Value::string(text));
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") {
    *out = 0;
    return std::nullopt;
  }
  if (s.empty()) return "time: invalid duration " + quoted;
  double total = 0;
  while (!s.empty()) {
    size_t digits = 0;
    while (digits < s.size() && (std::isdigit(static_cast<unsigned char>(s[digits])) ||
                                 s[digits] == '.')) {
      ++digits;
    }
    if (digits == 0 || s.substr(0, digits) == ".") return "time: invalid duration " + quoted;
    double number = std::strtod(std::string(s.substr(0, digits)).c_str(), nullptr);
    s.remove_prefix(digits);
    size_t unit_length = 0;
    while (unit_length < s.size() && s[unit_length] != '.' &&
           !std::isdigit(static_cast<unsigned char>(s[unit_length]))) {
      ++unit_length;
    }
    std::string unit(s.substr(0, unit_length));
    s.remove_prefix(unit_length);
    if (unit.empty()) return "time: missing unit in duration " + quoted;
    static const std::vector<std::pair<std::string, double>> kUnits = {
        {"ns", 1}, {"us", 1e3}, {"\xC2\xB5s", 1e3}, {"\xCE\xBCs", 1e3},
        {"ms", 1e6}, {"s", 1e9}, {"m", 60e9},      {"h", 3600e9}};
    auto unit_it = std::find_if(kUnits.begin(), kUnits.end(),
                                [&](const auto& entry) { return entry.first == unit; });
    if (unit_it == kUnits.end()) {
      return "time: unknown unit " + to_json(Value::string(unit)) + " in duration " + quoted;
    }
    total += number * unit_it->second;
  }
  if (total > 9.2e18) return "time: invalid duration " + quoted;
  *out = static_cast<int64_t>(negative ? -total : total);
  return std::nullopt;
}

std::optional<Failure> parse_timeout(const Value& value, int64_t* out) {
  if (value.is_number()) {
    if (!value.as_int64(out)) {
      return request_failure("invalid timeout number value " + to_json(value) +
                             ", must be int64");
    }
    return std::nullopt;
  }
  if (value.is_string()) {
    std::string text(value.as_string());
    char* end = nullptr;
    errno = 0;
    long long nanoseconds = std::strtoll(text.c_str(), &end, 10);
    if (!text.empty() && *end == '\0' && errno == 0 && !std::isspace(text[0])) {
      *out = nanoseconds;
      return std::nullopt;
    }
    if (auto error = parse_go_duration(text, out)) {
      return request_failure("invalid timeout value " + to_json(value) + ": " + *error);
    }
    return std::nullopt;
  }
  return Failure{Failure::Kind::Operand,
                 "operand 1 'timeout' must be one of {string, number} but got " +
                     std::string(kind_name(value.kind())),
                 ""};
}

// Go's %q of a decoded JSON value, for the message about a header value of the wrong type.
std::string go_quote(const Value& value) {
  if (value.is_number()) return to_json(Value::string(to_json(value)));
  if (value.is_boolean()) return std::string("%!q(bool=") + to_json(value) + ")";
  if (value.is_null()) return "%!q(<nil>)";
  return to_json(value);
}

std::optional<Failure> read_headers(const Value& value, Headers* out) {
  if (!value.is_object()) return request_failure("invalid type for headers key");
  for (const auto& [name, header] : value.object_entries()) {
    if (!header.is_string()) {
      return request_failure("invalid type for headers value " + go_quote(header));
    }
    out->emplace_back(canonical_header(std::string(name.as_string())),
                      std::string(header.as_string()));
  }
  return std::nullopt;
}

std::optional<Failure> read_file(const std::string& path, std::string* out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return request_failure("open " + path + ": no such file or directory");
  std::ostringstream text;
  text << file.rdbuf();
  *out = text.str();
  return std::nullopt;
}

bool has_pem_certificate(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  bool found = certificate != nullptr;
  X509_free(certificate);
  BIO_free(bio);
  return found;
}

// The string fields, by name; each must be a string.
struct StringFields {
  std::map<std::string, std::string> values;
  const std::string& get(const std::string& key) const {
    static const std::string empty;
    auto it = values.find(key);
    return it == values.end() ? empty : it->second;
  }
};

const std::set<std::string>& string_keys() {
  static const std::set<std::string> kKeys = {
      "method",          "url",
      "raw_body",        "tls_ca_cert",
      "tls_ca_cert_file", "tls_ca_cert_env_variable",
      "tls_client_cert", "tls_client_cert_file",
      "tls_client_cert_env_variable", "tls_client_key",
      "tls_client_key_file", "tls_client_key_env_variable",
      "tls_server_name"};
  return kKeys;
}

std::string environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  return value != nullptr ? value : "";
}

// Collects the CA certificates and the client key pair from the TLS fields.
std::optional<Failure> read_tls(const StringFields& fields, HttpRequest* out) {
  std::string ca = fields.get("tls_ca_cert");
  for (size_t at = ca.find("\\n"); at != std::string::npos; at = ca.find("\\n", at + 1)) {
    ca.replace(at, 2, "\n");
  }
  if (!fields.get("tls_ca_cert_file").empty()) {
    std::string file;
    if (auto error = read_file(fields.get("tls_ca_cert_file"), &file)) return error;
    ca += "\n" + file;
  }
  if (!fields.get("tls_ca_cert_env_variable").empty()) {
    ca += "\n" + environment(fields.get("tls_ca_cert_env_variable"));
  }
  bool custom_ca = !fields.get("tls_ca_cert").empty() ||
                   !fields.get("tls_ca_cert_file").empty() ||
                   !fields.get("tls_ca_cert_env_variable").empty();
  if (custom_ca && !has_pem_certificate(ca)) {
    return request_failure("could not append CA certificates from PEM");
  }
  if (custom_ca) {
    std::string system;
    if (out->tls_use_system_certs) read_file(kSystemCertificates, &system);
    out->tls_ca_certs = system + "\n" + ca;
  }

  std::string cert = fields.get("tls_client_cert");
  std::string key = fields.get("tls_client_key");
  if (!fields.get("tls_client_cert_file").empty() && !fields.get("tls_client_key_file").empty()) {
    if (auto error = read_file(fields.get("tls_client_cert_file"), &cert)) return error;
    if (auto error = read_file(fields.get("tls_client_key_file"), &key)) return error;
  }
  if (!fields.get("tls_client_cert_env_variable").empty() &&
      !fields.get("tls_client_key_env_variable").empty()) {
    cert = environment(fields.get("tls_client_cert_env_variable"));
    key = environment(fields.get("tls_client_key_env_variable"));
  }
  if (!cert.empty() && !key.empty()) {
    if (cert.find("-----BEGIN") == std::string::npos) {
      return request_failure("tls: failed to find any PEM data in certificate input");
    }
    if (key.find("-----BEGIN") == std::string::npos) {
      return request_failure("tls: failed to find any PEM data in key input");
    }
    out->tls_client_cert = cert;
    out->tls_client_key = key;
  }
  return std::nullopt;
}

// Reads one non-string field.
std::optional<Failure> read_field(const std::string& key, const Value& value, HttpRequest* out) {
  if (key == "enable_redirect") return parse_bool(value, &out->enable_redirect);
  if (key == "tls_use_system_certs") return parse_bool(value, &out->tls_use_system_certs);
  if (key == "tls_insecure_skip_verify") return parse_bool(value, &out->tls_insecure_skip_verify);
  if (key == "body") {
    out->body = to_json(value);  // raw_body, read later, replaces it
    return std::nullopt;
  }
  if (key == "headers") return read_headers(value, &out->headers);
  if (key == "timeout") return parse_timeout(value, &out->timeout_ns);
  if (key == "max_retry_attempts") {
    int64_t attempts = 0;
    if (!value.is_number() || !value.as_int64(&attempts) || attempts < 0) {
      return request_failure("invalid value " + to_json(value) +
                             " for field \"max_retry_attempts\"");
    }
    out->max_retry_attempts = attempts;
  }
  return std::nullopt;  // cache fields: read by the builtin
}

}  // namespace

std::optional<Failure> read_request(const Value& request, HttpRequest* out) {
  if (const char* timeout = std::getenv("HTTP_SEND_TIMEOUT")) {
    int64_t nanoseconds = 0;
    if (!parse_go_duration(timeout, &nanoseconds)) out->timeout_ns = nanoseconds;
  }
  StringFields strings;
  for (const auto& [key_value, value] : request.object_entries()) {
    std::string key(key_value.as_string());
    if (string_keys().count(key)) {
      if (!value.is_string()) return request_failure(to_json(key_value) + " must be a string");
      strings.values[key] = std::string(value.as_string());
      continue;
    }
    if (auto error = read_field(key, value, out)) return error;
  }

  out->method = strings.get("method");
  for (char& c : out->method) c = std::toupper(static_cast<unsigned char>(c));
  out->url = strings.get("url");
  if (request.find("raw_body") != nullptr) out->body = strings.get("raw_body");
  out->tls_server_name = strings.get("tls_server_name");
  for (const auto& [name, value] : out->headers) {
    // A Host header names the server for TLS too, unless tls_server_name does.
    if (name == "Host" && out->tls_server_name.empty()) out->tls_server_name = value;
  }
  return read_tls(strings, out);
}

}  // namespace regoc::http_send
