// Private key builtins: crypto.x509.parse_rsa_private_key, which returns the first private
// key of PEM data as a JWK, and crypto.parse_private_keys, which returns every private key in
// Go's JSON form. External interface: register_crypto_key_builtins and crypto_keys.h.
#include "runtime/builtins/crypto_keys.h"

#include "runtime/builtins/crypto_encoding.h"
#include "runtime/builtins/jwk.h"
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/x509_json.h"

namespace regoc {

EvpPkeyPtr decode_private_key(PrivateKeyFormat format, std::string_view der) {
  const unsigned char* cursor = bytes_of(der);
  long size = static_cast<long>(der.size());
  EvpPkeyPtr key;
  switch (format) {
    case PrivateKeyFormat::Pkcs1:
      key.reset(d2i_PrivateKey(EVP_PKEY_RSA, nullptr, &cursor, size));
      break;
    case PrivateKeyFormat::Sec1:
      key.reset(d2i_PrivateKey(EVP_PKEY_EC, nullptr, &cursor, size));
      break;
    case PrivateKeyFormat::Pkcs8: {
      PKCS8_PRIV_KEY_INFO* info = d2i_PKCS8_PRIV_KEY_INFO(nullptr, &cursor, size);
      if (info == nullptr) return nullptr;
      key.reset(EVP_PKCS82PKEY(info));
      PKCS8_PRIV_KEY_INFO_free(info);
      break;
    }
  }
  return key;
}

namespace {

constexpr std::string_view kParseRsaPrivateKey = "crypto.x509.parse_rsa_private_key";
constexpr std::string_view kParsePrivateKeys = "crypto.parse_private_keys";

// Reads the private keys of PEM data (or of base64 of PEM data) as OPA's
// getPrivateKeysFromPEMData does: blocks of other types are skipped, and reading stops at
// the first text that holds no PEM block.
bool private_keys_from_pem(std::string_view text, std::vector<EvpPkeyPtr>* keys,
                           std::string* error) {
  std::string decoded;
  std::string ignored;
  if (base64_std_decode(text, &decoded, &ignored)) text = decoded;
  while (!text.empty()) {
    std::string_view rest;
    std::optional<PemBlock> block = pem_decode(text, &rest);
    if (!block) break;
    text = rest;
    PrivateKeyFormat format;
    if (block->type == "RSA PRIVATE KEY") format = PrivateKeyFormat::Pkcs1;
    else if (block->type == "PRIVATE KEY") format = PrivateKeyFormat::Pkcs8;
    else if (block->type == "EC PRIVATE KEY") format = PrivateKeyFormat::Sec1;
    else continue;
    EvpPkeyPtr key = decode_private_key(format, block->bytes);
    if (!key) {
      // NOTE: Go's messages name the ASN.1 problem; this one does not.
      *error = "x509: failed to parse private key";
      return false;
    }
    keys->push_back(std::move(key));
  }
  return true;
}

BuiltinStatus parse_rsa_private_key(BuiltinContext& context, std::span<const Value> args,
                                    Value& result) {
  if (!args[0].is_string()) return context.type_error(kParseRsaPrivateKey, 1, "string", args[0]);
  std::string_view text = args[0].as_string();
  if (text.empty()) return builtin_error(context, kParseRsaPrivateKey, "input PEM data was empty");
  std::string decoded;
  std::string error;
  if (!starts_with_pem(text)) {
    if (!base64_std_decode(text, &decoded, &error)) {
      return builtin_error(context, kParseRsaPrivateKey, error);
    }
    text = decoded;
  }
  std::vector<EvpPkeyPtr> keys;
  if (!private_keys_from_pem(text, &keys, &error)) {
    return builtin_error(context, kParseRsaPrivateKey, error);
  }
  if (keys.empty()) {
    result = Value::null();
    return BuiltinStatus::Ok;
  }
  if (!private_key_to_jwk(keys.front().get(), &result)) {
    return builtin_error(context, kParseRsaPrivateKey, "invalid key type");
  }
  return BuiltinStatus::Ok;
}

BuiltinStatus parse_private_keys(BuiltinContext& context, std::span<const Value> args,
                                 Value& result) {
  if (!args[0].is_string()) return context.type_error(kParsePrivateKeys, 1, "string", args[0]);
  if (args[0].as_string().empty()) {
    result = Value::null();
    return BuiltinStatus::Ok;
  }
  std::vector<EvpPkeyPtr> keys;
  std::string error;
  if (!private_keys_from_pem(args[0].as_string(), &keys, &error)) {
    return builtin_error(context, kParsePrivateKeys, error);
  }
  std::vector<Value> items;
  for (const EvpPkeyPtr& key : keys) items.push_back(private_key_to_value(key.get()));
  result = Value::array(std::move(items));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_crypto_key_builtins(Registry& registry) {
  registry.add(kParseRsaPrivateKey, parse_rsa_private_key);
  registry.add(kParsePrivateKeys, parse_private_keys);
}

}  // namespace regoc
