// JWT splitting and JOSE header parsing with OPA's rules and messages. External interface:
// jwt_token.h.
#include "runtime/builtins/jwt_token.h"

#include "runtime/builtins/crypto_encoding.h"
#include "runtime/builtins/jwt_json.h"

namespace regoc {

bool split_jwt(std::string_view text, JwtToken* token, std::string* error) {
  if (text.find('.') == std::string_view::npos) {
    *error = "encoded JWT had no period separators";
    return false;
  }
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t period = text.find('.', start);
    parts.push_back(text.substr(start, period - start));
    if (period == std::string_view::npos) break;
    start = period + 1;
  }
  if (parts.size() != 3) {
    *error = "encoded JWT must have 3 sections, found " + std::to_string(parts.size());
    return false;
  }
  token->header = parts[0];
  token->payload = parts[1];
  token->signature = parts[2];
  return true;
}

bool decode_jwt_header(JwtToken* token, std::string* error) {
  std::string text;
  std::string decode_error;
  if (!base64url_decode(token->header, &text, &decode_error)) {
    *error = "JWT header had invalid encoding: " + decode_error;
    return false;
  }
  std::string parse_error;
  if (!parse_json_object(text, &token->decoded_header, &parse_error)) {
    *error = "bad JWT header: " + parse_error;
    return false;
  }
  // A header with "enc" belongs to a JSON Web Encryption (RFC 7516 section 9).
  if (token->decoded_header.find("enc") != nullptr) {
    *error = "JWT is a JWE object, which is not supported";
    return false;
  }
  return true;
}

bool decode_jwt_signature(const JwtToken& token, std::string* signature, std::string* error) {
  return base64url_decode(token.signature, signature, error);
}

bool JwtHeader::valid() const {
  if (alg.empty()) return false;
  for (const std::string& name : unknown) {
    if (crit.count(name) != 0) return false;
  }
  return true;
}

namespace {

bool string_member(std::string_view name, const Value& value, std::string* out,
                   std::string* error) {
  if (!value.is_string()) {
    *error = std::string(name) + ": must be a string";
    return false;
  }
  *out = value.as_string();
  return true;
}

// Reads "crit". As in OPA, the list is read up to its first element that is not a string.
bool crit_member(const Value& value, std::set<std::string>* crit, std::string* error) {
  if (!value.is_array()) {
    *error = "crit: must be a list";
    return false;
  }
  crit->clear();
  for (const Value& item : value.array_items()) {
    if (!item.is_string()) break;
    crit->emplace(item.as_string());
  }
  if (crit->empty()) {
    *error = "crit: must be a nonempty list";
    return false;
  }
  return true;
}

}  // namespace

bool parse_jwt_header(const Value& decoded_header, JwtHeader* header, std::string* error) {
  for (const auto& [key, value] : decoded_header.object_entries()) {
    std::string_view name = key.as_string();
    bool ok = true;
    if (name == "alg") ok = string_member(name, value, &header->alg, error);
    else if (name == "kid") ok = string_member(name, value, &header->kid, error);
    else if (name == "typ") ok = string_member(name, value, &header->typ, error);
    else if (name == "cty") ok = string_member(name, value, &header->cty, error);
    else if (name == "crit") ok = crit_member(value, &header->crit, error);
    else header->unknown.emplace_back(name);
    if (!ok) return false;
  }
  return true;
}

}  // namespace regoc
