// providers.aws.sign_req(request, aws_config, time_ns): signs an http.send request object with
// AWS Signature Version 4 (HMAC-SHA256) as OPA 1.20 does, and returns the request with its
// headers replaced by the original ones plus Authorization, host, x-amz-date,
// x-amz-content-sha256 (services s3 and glacier) and x-amz-security-token (with a session
// token). External interface: register_aws_sign_builtins.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <vector>

#include "runtime/builtins/aws_sign_url.h"
#include "runtime/builtins/crypto_encoding.h"
#include "runtime/builtins/http_send.h"
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/term_text.h"
#include "runtime/builtins/time_layout.h"
#include "runtime/builtins/utf8.h"
#include "runtime/json.h"

namespace regoc {
namespace {

constexpr std::string_view kName = "providers.aws.sign_req";

constexpr std::array<std::string_view, 4> kRequiredConfigKeys = {
    "aws_access_key", "aws_region", "aws_secret_access_key", "aws_service"};

// Headers that proxies may change on the way to AWS, so they are left out of the signature.
constexpr std::array<std::string_view, 3> kUnsignedHeaders = {"authorization", "user-agent",
                                                              "x-amzn-trace-id"};

struct Credentials {
  std::string access_key;
  std::string secret_key;
  std::string region;
  std::string session_token;
};

// The value of a string term, or "" for any other value (OPA's stringFromTerm).
std::string string_or_empty(const Value* value) {
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  return hex_encode(std::string_view(reinterpret_cast<char*>(digest), size));
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &size);
  return std::string(reinterpret_cast<char*>(mac), size);
}

std::string lower_case(std::string_view text) {
  std::string out;
  size_t position = 0;
  while (position < text.size()) {
    append_utf8(&out, to_lower_code_point(decode_code_point(text, &position)));
  }
  return out;
}

// Returns the keys of `names` that `object` lacks (or, with `present`, has) as a Rego set.
template <size_t N>
Value key_set(const std::array<std::string_view, N>& names, const Value& object, bool present) {
  std::vector<Value> keys;
  for (std::string_view name : names) {
    if ((object.find(name) != nullptr) == present) keys.push_back(Value::string(name));
  }
  return Value::set(std::move(keys));
}

BuiltinStatus check_config(BuiltinContext& context, const Value& config) {
  Value missing = key_set(kRequiredConfigKeys, config, false);
  if (missing.size() > 0) {
    return operand_error(context, kName, 2,
                         "missing required AWS config parameters(s): " + term_string(missing));
  }
  std::vector<Value> invalid;
  for (std::string_view name : kRequiredConfigKeys) {
    if (!config.find(name)->is_string()) invalid.push_back(Value::string(name));
  }
  if (!invalid.empty()) {
    return operand_error(context, kName, 2,
                         "invalid values for required AWS config parameters(s): " +
                             term_string(Value::set(std::move(invalid))));
  }
  return BuiltinStatus::Ok;
}

// The checks of http.send's request validation: only known keys, method and url present.
BuiltinStatus check_request_keys(BuiltinContext& context, const Value& request) {
  std::vector<Value> unknown;
  for (const Value::Entry& entry : request.object_entries()) {
    if (!http_send::is_request_key(entry.first)) unknown.push_back(entry.first);
  }
  if (!unknown.empty()) {
    return operand_error(context, kName, 1,
                         "invalid request parameters(s): " +
                             term_string(Value::set(std::move(unknown))));
  }
  constexpr std::array<std::string_view, 2> kRequired = {"method", "url"};
  Value missing = key_set(kRequired, request, false);
  if (missing.size() > 0) {
    return operand_error(context, kName, 1,
                         "missing required request parameters(s): " + term_string(missing));
  }
  return BuiltinStatus::Ok;
}

// The signed payload: raw_body as is, else body as Go's json.Marshal writes it, else "".
std::string request_body(const Value& request) {
  if (const Value* raw_body = request.find("raw_body")) return string_or_empty(raw_body);
  if (const Value* body = request.find("body")) return to_json(*body);
  return "";
}

// The request's headers as strings; a non-string key or value becomes "", as in OPA.
std::map<std::string, std::string> request_headers(const Value* headers) {
  std::map<std::string, std::string> out;
  if (headers == nullptr) return out;
  for (const Value::Entry& entry : headers->object_entries()) {
    out[string_or_empty(&entry.first)] = string_or_empty(&entry.second);
  }
  return out;
}

struct SignedHeaders {
  std::string authorization;
  std::map<std::string, std::string> aws_headers;
};

// Computes the SigV4 signature. A request header named like an AWS header (after lower-casing)
// replaces the AWS value in the canonical request, but the returned AWS header keeps the
// computed value; OPA does the same.
SignedHeaders sign_v4(const std::map<std::string, std::string>& headers, std::string_view method,
                      const ParsedUrl& url, std::string_view body, std::string_view service,
                      const Credentials& credentials, int64_t time_ns, bool unsigned_payload) {
  std::string body_hash = unsigned_payload ? "UNSIGNED-PAYLOAD" : sha256_hex(body);
  CivilTime now = civil_time(time_ns, *TimeZone::utc());
  std::string date = format_time(now, "20060102");
  std::string timestamp = format_time(now, "20060102T150405Z");

  SignedHeaders signed_headers;
  signed_headers.aws_headers = {{"host", url.host}, {"x-amz-date", timestamp}};
  if (service == "s3" || service == "glacier") {
    signed_headers.aws_headers["x-amz-content-sha256"] = body_hash;
  }
  if (!credentials.session_token.empty()) {
    signed_headers.aws_headers["x-amz-security-token"] = credentials.session_token;
  }

  std::map<std::string, std::string> to_sign = signed_headers.aws_headers;
  for (const auto& [name, value] : headers) {
    std::string lower = lower_case(name);
    if (std::find(kUnsignedHeaders.begin(), kUnsignedHeaders.end(), lower) ==
        kUnsignedHeaders.end()) {
      to_sign[lower] = value;
    }
  }

  std::string canonical = std::string(method) + "\n" + url.escaped_path + "\n" +
                          url.raw_query + "\n";
  std::string header_list;
  for (const auto& [name, value] : to_sign) {
    canonical += name + ":" + value + "\n";
    header_list += (header_list.empty() ? "" : ";") + name;
  }
  canonical += "\n" + header_list + "\n" + body_hash;

  std::string scope = date + "/" + credentials.region + "/" + std::string(service) +
                      "/aws4_request";
  std::string string_to_sign =
      "AWS4-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + sha256_hex(canonical);
  std::string key = hmac_sha256("AWS4" + credentials.secret_key, date);
  key = hmac_sha256(key, credentials.region);
  key = hmac_sha256(key, service);
  key = hmac_sha256(key, "aws4_request");
  std::string signature = hex_encode(hmac_sha256(key, string_to_sign));

  signed_headers.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.access_key + "/" +
                                 scope + ",SignedHeaders=" + header_list +
                                 ",Signature=" + signature;
  return signed_headers;
}

// Reads the time operand. OPA names operand 1 in the type error and operand 3 otherwise.
bool time_operand(BuiltinContext& context, const Value& value, int64_t* time_ns) {
  if (!value.is_number()) {
    context.type_error(kName, 1, "number", value);
    return false;
  }
  if (!value.as_int64(time_ns)) {
    operand_error(context, kName, 3, "could not convert time_ns value into a unix timestamp");
    return false;
  }
  return true;
}

BuiltinStatus check_request_values(BuiltinContext& context, const Value& request) {
  const Value* headers = request.find("headers");
  if (headers != nullptr && !headers->is_object()) {
    // OPA names operand 0 here.
    return context.type_error(kName, 0, "object", *headers);
  }
  std::vector<Value> invalid;
  if (!request.find("url")->is_string()) invalid.push_back(Value::string("url"));
  if (!request.find("method")->is_string()) invalid.push_back(Value::string("method"));
  if (!invalid.empty()) {
    return operand_error(context, kName, 1,
                         "invalid values for required request parameters(s): " +
                             term_string(Value::set(std::move(invalid))));
  }
  return BuiltinStatus::Ok;
}

bool payload_signing_disabled(BuiltinContext& context, const Value& config, bool* disabled) {
  const Value* setting = config.find("disable_payload_signing");
  *disabled = false;
  if (setting == nullptr) return true;
  if (!setting->is_boolean()) {
    operand_error(context, kName, 2, "invalid value for 'disable_payload_signing' in AWS config");
    return false;
  }
  *disabled = setting->as_bool();
  return true;
}

Value signed_request(const Value& request, const std::map<std::string, std::string>& headers,
                     const SignedHeaders& signed_headers) {
  std::vector<Value::Entry> header_entries;
  for (const auto& [name, value] : headers) {
    header_entries.emplace_back(Value::string(name), Value::string(value));
  }
  header_entries.emplace_back(Value::string("Authorization"),
                              Value::string(signed_headers.authorization));
  for (const auto& [name, value] : signed_headers.aws_headers) {
    header_entries.emplace_back(Value::string(name), Value::string(value));
  }
  Value out = request;
  out.object_insert(Value::string("headers"), Value::object(std::move(header_entries)));
  return out;
}

BuiltinStatus sign_req(BuiltinContext& context, std::span<const Value> args, Value& result) {
  const Value& request = args[0];
  const Value& config = args[1];
  if (!request.is_object()) return context.type_error(kName, 1, "object", request);
  // OPA names operand 1 for the config object too.
  if (!config.is_object()) return context.type_error(kName, 1, "object", config);
  if (check_config(context, config) != BuiltinStatus::Ok) return BuiltinStatus::Error;

  int64_t time_ns = 0;
  if (!time_operand(context, args[2], &time_ns)) return BuiltinStatus::Error;
  if (check_request_keys(context, request) != BuiltinStatus::Ok ||
      check_request_values(context, request) != BuiltinStatus::Ok) {
    return BuiltinStatus::Error;
  }

  ParsedUrl url;
  std::string error;
  if (!parse_go_url(request.find("url")->as_string(), &url, &error)) {
    return builtin_error(context, kName, error);
  }
  bool unsigned_payload = false;
  if (!payload_signing_disabled(context, config, &unsigned_payload)) return BuiltinStatus::Error;

  Credentials credentials{string_or_empty(config.find("aws_access_key")),
                          string_or_empty(config.find("aws_secret_access_key")),
                          string_or_empty(config.find("aws_region")),
                          string_or_empty(config.find("aws_session_token"))};
  std::map<std::string, std::string> headers = request_headers(request.find("headers"));
  SignedHeaders signed_headers =
      sign_v4(headers, request.find("method")->as_string(), url, request_body(request),
              config.find("aws_service")->as_string(), credentials, time_ns, unsigned_payload);
  result = signed_request(request, headers, signed_headers);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_aws_sign_builtins(Registry& registry) {
  registry.add("providers.aws.sign_req", sign_req);
}

}  // namespace regoc
