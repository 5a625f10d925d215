// The http.send builtin: checks of the request operand, the caches, the response object and
// raise_error, as OPA 1.20 has them. The request, the exchange and the shared cache are in
// the other http_send_*.cc files (see runtime/builtins/http_send.h).
//
// Within one query the same request returns the same response (OPA's intra-query cache): the
// responses live in BuiltinContext::rand_cache, the per-evaluation cache that rand.intn and
// uuid.rfc4122 also use, under the key ["http.send", request].
#include "runtime/builtins/http_send.h"

#include <map>
#include <set>

#include "runtime/builtins/operands.h"
#include "runtime/json.h"

namespace regoc {
namespace {

using http_send::Failure;
using http_send::HttpRequest;
using http_send::HttpResponse;

constexpr std::string_view kName = "http.send";


// Rego's text of a set of strings: {"a", "b"}.
std::string set_text(const std::vector<std::string>& names) {
  std::string text = "{";
  for (size_t i = 0; i < names.size(); ++i) {
    text += (i > 0 ? ", " : "") + to_json(Value::string(names[i]));
  }
  return text + "}";
}

// OPA's check of the request keys: no unknown keys, method and url present.
std::optional<Failure> check_keys(const Value& request) {
  std::vector<std::string> invalid;
  for (const auto& entry : request.object_entries()) {
    if (!http_send::is_request_key(entry.first)) {
      invalid.push_back(entry.first.is_string() ? std::string(entry.first.as_string())
                                                : to_json(entry.first));
    }
  }
  if (!invalid.empty()) {
    return Failure{Failure::Kind::Operand,
                   "operand 1 invalid request parameters(s): " + set_text(invalid), ""};
  }
  std::vector<std::string> missing;
  for (const char* key : {"method", "url"}) {
    if (request.find(key) == nullptr) missing.push_back(key);
  }
  if (!missing.empty()) {
    return Failure{Failure::Kind::Operand,
                   "operand 1 missing required request parameters(s): " + set_text(missing), ""};
  }
  return std::nullopt;
}

std::optional<Failure> bool_field(const Value& request, const char* key, bool* out) {
  const Value* value = request.find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    return Failure{Failure::Kind::Request,
                   "invalid value for " + to_json(Value::string(key)) + " field", ""};
  }
  *out = value->as_bool();
  return std::nullopt;
}

// The cache key: the request without the headers that cache_ignored_headers lists.
Value cache_key(const Value& request) {
  Value key = request;
  const Value* ignored = request.find("cache_ignored_headers");
  const Value* headers = request.find("headers");
  if (ignored != nullptr && headers != nullptr && ignored->is_array() && headers->is_object()) {
    std::vector<Value::Entry> remaining;
    for (const auto& entry : headers->object_entries()) {
      bool drop = false;
      for (const Value& name : ignored->array_items()) drop = drop || name == entry.first;
      if (!drop) remaining.push_back(entry);
    }
    key.object_insert(Value::string("headers"), Value::object(std::move(remaining)));
  }
  key.object_insert(Value::string("cache_ignored_headers"), Value::null());
  return key;
}

// The request's use of the cache shared by queries.
struct SharedCachePolicy {
  bool enabled = false;
  int64_t force_seconds = 0;
};

std::optional<Failure> shared_cache_policy(const Value& request, SharedCachePolicy* out) {
  bool cache = false, force = false;
  if (auto failure = bool_field(request, "cache", &cache)) return failure;
  if (auto failure = bool_field(request, "force_cache", &force)) return failure;

  if (const Value* mode = request.find("caching_mode")) {
    if (!mode->is_string()) {
      return Failure{Failure::Kind::Request, "invalid value for \"caching_mode\" field", ""};
    }
    if (mode->as_string() != "serialized" && mode->as_string() != "deserialized") {
      return Failure{Failure::Kind::Request,
                     "invalid value specified for \"caching_mode\" field: " +
                         std::string(mode->as_string()),
                     ""};
    }
  }

  out->enabled = cache || force;
  if (!force) return std::nullopt;

  const Value* duration = request.find("force_cache_duration_seconds");
  if (duration == nullptr) {
    return Failure{Failure::Kind::Request,
                   "'force_cache' set but 'force_cache_duration_seconds' parameter is missing",
                   ""};
  }
  int64_t seconds = 0;
  if (!duration->as_int64(&seconds) || seconds < INT32_MIN || seconds > INT32_MAX) {
    return Failure{Failure::Kind::Request,
                   "strconv.ParseInt: parsing " + to_json(Value::string(to_json(*duration))) +
                       ": invalid syntax",
                   ""};
  }
  out->force_seconds = seconds;
  return std::nullopt;
}

std::string header_name_lower(const std::string& name) {
  std::string lower = name;
  for (char& c : lower) c = std::tolower(static_cast<unsigned char>(c));
  return lower;
}

// True for application/json and application/*+json, parameters ignored (Go's mime parsing).
bool is_json_type(const std::string& content_type) {
  std::string type = header_name_lower(content_type.substr(0, content_type.find(';')));
  type.erase(0, type.find_first_not_of(" \t"));
  type.erase(type.find_last_not_of(" \t") + 1);
  size_t slash = type.find('/');
  if (slash == std::string::npos || type.find('/', slash + 1) != std::string::npos) return false;
  std::string subtype = type.substr(slash + 1);
  return type.substr(0, slash) == "application" &&
         (subtype == "json" ||
          (subtype.size() > 5 && subtype.compare(subtype.size() - 5, 5, "+json") == 0));
}

// Evaluates a request that passed the key checks; the result is cached per query.
std::optional<Failure> send(BuiltinContext& context, const Value& request, Value* result) {
  SharedCachePolicy policy;
  if (auto failure = shared_cache_policy(request, &policy)) return failure;
  bool force_json = false, force_yaml = false;
  if (auto failure = bool_field(request, "force_json_decode", &force_json)) return failure;
  if (auto failure = bool_field(request, "force_yaml_decode", &force_yaml)) return failure;

  Value key = cache_key(request);
  if (policy.enabled) {
    if (auto cached = http_send::SharedCache::find(key, context.now())) {
      *result = http_send::response_value(*cached, force_json, force_yaml);
      return std::nullopt;
    }
  }
  HttpRequest parsed;
  if (auto failure = http_send::read_request(request, &parsed)) return failure;
  HttpResponse response;
  if (auto failure = http_send::execute(parsed, &response)) return failure;
  if (policy.enabled) {
    http_send::SharedCache::store(key, response, context.now(), policy.force_seconds);
  }
  *result = http_send::response_value(response, force_json, force_yaml);
  return std::nullopt;
}

// The result that raise_error: false turns a failure into.
Value error_result(const Failure& failure) {
  std::string code = "eval_http_send_internal_error";
  std::string message = failure.message;
  if (failure.kind == Failure::Kind::Network) {
    code = "eval_http_send_network_error";
  } else {
    const char* error_code =
        failure.kind == Failure::Kind::Operand ? codes::kEvalType : codes::kEvalBuiltin;
    message = std::string(error_code) + ": http.send: " + message;
  }
  Value error = Value::object(
      {{Value::string("code"), Value::string(code)}, {Value::string("message"), Value::string(message)}});
  return Value::object(
      {{Value::string("status_code"), Value::integer(0)}, {Value::string("error"), error}});
}

BuiltinStatus raise(BuiltinContext& context, const Failure& failure) {
  if (failure.kind == Failure::Kind::Operand) {
    return context.fail(codes::kEvalType, "http.send: " + failure.message);
  }
  const std::string& message =
      failure.timeout_message.empty() ? failure.message : failure.timeout_message;
  return builtin_error(context, kName, message);
}

BuiltinStatus http_send_builtin(BuiltinContext& context, std::span<const Value> args,
                                Value& result) {
  const Value& request = args[0];
  if (!request.is_object()) return context.type_error(kName, 1, "object", request);
  bool raise_error = true;
  if (const Value* value = request.find("raise_error")) {
    if (!value->is_boolean()) {
      return builtin_error(context, kName, "invalid value for raise_error field");
    }
    raise_error = value->as_bool();
  }

  // The per-query cache holds the outcome: the result, or the failure to raise.
  if (!context.rand_cache.is_defined()) context.rand_cache = Value::object();
  Value cache_entry = Value::array({Value::string(kName), cache_key(request)});
  if (const Value* cached = context.rand_cache.find(cache_entry)) {
    if (cached->is_string()) return builtin_error(context, kName, cached->as_string());
    result = *cached;
    return BuiltinStatus::Ok;
  }

  std::optional<Failure> failure = check_keys(request);
  if (!failure) failure = send(context, request, &result);
  if (!failure) {
    const Value* status = result.find("status_code");
    int64_t code = 0;
    if (status != nullptr && status->as_int64(&code) &&
        http_send::is_cacheable_status(static_cast<int>(code))) {
      context.rand_cache.object_insert(cache_entry, result);
    }
    return BuiltinStatus::Ok;
  }
  if (!raise_error) {
    result = error_result(*failure);
    context.rand_cache.object_insert(cache_entry, result);
    return BuiltinStatus::Ok;
  }
  BuiltinStatus status = raise(context, *failure);
  if (failure->kind != Failure::Kind::Operand) {
    std::string message = context.error.message.substr(kName.size() + 2);
    context.rand_cache.object_insert(cache_entry, Value::string(message));
  }
  return status;
}

}  // namespace

namespace http_send {

Value response_value(const HttpResponse& response, bool force_json, bool force_yaml) {
  std::string content_type;
  std::vector<Value::Entry> headers;
  std::map<std::string, std::vector<Value>> grouped;
  for (const auto& [name, value] : response.headers) {
    std::string lower = header_name_lower(name);
    if (lower == "content-type" && content_type.empty()) content_type = value;
    grouped[lower].push_back(Value::string(value));
  }
  for (auto& [name, values] : grouped) {
    headers.emplace_back(Value::string(name), Value::array(std::move(values)));
  }

  // A body that does not decode is null, as in OPA.
  Value body = Value::null();
  if (force_json || is_json_type(content_type)) {
    if (!parse_json(response.body, &body, nullptr)) body = Value::null();
  } else if (force_yaml || content_type.find("application/yaml") != std::string::npos ||
             content_type.find("application/x-yaml") != std::string::npos) {
    if (!parse_yaml(response.body, &body, nullptr)) body = Value::null();
  }
  return Value::object({{Value::string("status"), Value::string(response.status)},
                        {Value::string("status_code"), Value::integer(response.status_code)},
                        {Value::string("body"), body},
                        {Value::string("raw_body"), Value::string(response.body)},
                        {Value::string("headers"), Value::object(std::move(headers))}});
}

bool is_request_key(const Value& key) {
  static const std::set<std::string> kKeys = {
      "method", "url", "body", "enable_redirect", "force_json_decode", "force_yaml_decode",
      "headers", "raw_body", "tls_use_system_certs", "tls_ca_cert", "tls_ca_cert_file",
      "tls_ca_cert_env_variable", "tls_client_cert", "tls_client_cert_file",
      "tls_client_cert_env_variable", "tls_client_key", "tls_client_key_file",
      "tls_client_key_env_variable", "tls_insecure_skip_verify", "tls_server_name", "timeout",
      "cache", "force_cache", "force_cache_duration_seconds", "raise_error", "caching_mode",
      "max_retry_attempts", "cache_ignored_headers"};
  return key.is_string() && kKeys.count(std::string(key.as_string())) > 0;
}

}  // namespace http_send

void register_http_send_builtins(Registry& registry) { registry.add(kName, http_send_builtin); }

}  // namespace regoc
