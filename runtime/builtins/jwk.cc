// JSON Web Key parsing and writing on OpenSSL 3 (RFC 7517, key types of RFC 7518 and the OKP
// type of RFC 8037). External interface: jwk.h.
#include "runtime/builtins/jwk.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include <memory>

#include "runtime/builtins/crypto_encoding.h"
#include "runtime/json.h"

namespace regoc {
namespace {

using ParamBuildPtr =
    std::unique_ptr<OSSL_PARAM_BLD, OpensslDeleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamsPtr = std::unique_ptr<OSSL_PARAM, OpensslDeleter<OSSL_PARAM, OSSL_PARAM_free>>;

// Reads the string member `name` of a JWK; "" when absent or not a string.
std::string member(const Value& object, std::string_view name) {
  const Value* value = object.find(name);
  if (value == nullptr || !value->is_string()) return "";
  return std::string(value->as_string());
}

// Decodes the base64url member `name` into *out. Returns false when it is missing or invalid.
bool binary_member(const Value& object, std::string_view name, std::string* out,
                   std::string* error) {
  const Value* value = object.find(name);
  if (value == nullptr) {
    *error = "required field \"" + std::string(name) + "\" is missing";
    return false;
  }
  std::string decode_error;
  if (!value->is_string() || !base64url_decode(value->as_string(), out, &decode_error)) {
    *error = "failed to decode field \"" + std::string(name) + "\"";
    return false;
  }
  return true;
}

// Builds a key of `type` ("RSA", "EC") from parameters; `is_private` selects a key pair.
EvpPkeyPtr key_from_params(const char* type, OSSL_PARAM_BLD* builder, bool is_private) {
  ParamsPtr params(OSSL_PARAM_BLD_to_param(builder));
  EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1) return nullptr;
  EVP_PKEY* key = nullptr;
  int selection = is_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;
  if (EVP_PKEY_fromdata(context.get(), &key, selection, params.get()) != 1) return nullptr;
  return EvpPkeyPtr(key);
}

bool rsa_key(const Value& object, JsonWebKey* out, std::string* error) {
  std::string n, e;
  if (!binary_member(object, "n", &n, error) || !binary_member(object, "e", &e, error)) {
    return false;
  }
  ParamBuildPtr builder(OSSL_PARAM_BLD_new());
  std::vector<BignumPtr> numbers;  // the builder keeps pointers until the key is made
  auto push = [&](const char* name, std::string_view bytes) {
    numbers.push_back(bignum_from_bytes(bytes));
    OSSL_PARAM_BLD_push_BN(builder.get(), name, numbers.back().get());
  };
  push(OSSL_PKEY_PARAM_RSA_N, n);
  push(OSSL_PKEY_PARAM_RSA_E, e);

  bool is_private = object.find("d") != nullptr;
  if (is_private) {
    std::string d;
    if (!binary_member(object, "d", &d, error)) return false;
    push(OSSL_PKEY_PARAM_RSA_D, d);
    static constexpr std::pair<const char*, const char*> kFactors[] = {
        {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},        {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},
        {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},     {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2},
        {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1},
    };
    for (const auto& [member_name, param] : kFactors) {
      std::string bytes;
      if (object.find(member_name) == nullptr) continue;
      if (!binary_member(object, member_name, &bytes, error)) return false;
      push(param, bytes);
    }
  }

  out->key = key_from_params("RSA", builder.get(), is_private);
  if (!out->key) *error = "failed to create RSA key from the JWK";
  return out->key != nullptr;
}

// Maps a JWK curve name to OpenSSL's group name and the curve's field size in bytes.
bool curve_group(std::string_view crv, const char** group, size_t* size) {
  if (crv == "P-256") *group = "prime256v1", *size = 32;
  else if (crv == "P-384") *group = "secp384r1", *size = 48;
  else if (crv == "P-521") *group = "secp521r1", *size = 66;
  else return false;
  return true;
}

std::string left_pad(std::string bytes, size_t size) {
  if (bytes.size() < size) bytes.insert(0, size - bytes.size(), '\0');
  return bytes;
}

bool ec_key(const Value& object, JsonWebKey* out, std::string* error) {
  const char* group = nullptr;
  size_t size = 0;
  std::string crv = member(object, "crv");
  if (!curve_group(crv, &group, &size)) {
    *error = "unsupported elliptic curve \"" + crv + "\"";
    return false;
  }
  std::string x, y;
  if (!binary_member(object, "x", &x, error) || !binary_member(object, "y", &y, error)) {
    return false;
  }
  std::string point = "\x04" + left_pad(x, size) + left_pad(y, size);
  ParamBuildPtr builder(OSSL_PARAM_BLD_new());
  OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
  OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                   point.size());
  BignumPtr private_value;
  bool is_private = object.find("d") != nullptr;
  if (is_private) {
    std::string d;
    if (!binary_member(object, "d", &d, error)) return false;
    private_value = bignum_from_bytes(d);
    OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, private_value.get());
  }
  out->key = key_from_params("EC", builder.get(), is_private);
  if (!out->key) *error = "failed to create EC key from the JWK";
  return out->key != nullptr;
}

bool okp_key(const Value& object, JsonWebKey* out, std::string* error) {
  std::string crv = member(object, "crv");
  if (crv != "Ed25519") {
    *error = "unsupported OKP curve \"" + crv + "\"";
    return false;
  }
  std::string raw;
  if (object.find("d") != nullptr) {
    if (!binary_member(object, "d", &raw, error)) return false;
    out->key.reset(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes_of(raw),
                                                raw.size()));
  } else {
    if (!binary_member(object, "x", &raw, error)) return false;
    out->key.reset(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes_of(raw),
                                               raw.size()));
  }
  if (!out->key) *error = "invalid Ed25519 key size";
  return out->key != nullptr;
}

bool parse_key(const Value& object, JsonWebKey* out, std::string* error) {
  if (!object.is_object()) {
    *error = "a JWK must be a JSON object";
    return false;
  }
  out->kty = member(object, "kty");
  out->alg = member(object, "alg");
  out->kid = member(object, "kid");
  if (out->kty == "RSA") return rsa_key(object, out, error);
  if (out->kty == "EC") return ec_key(object, out, error);
  if (out->kty == "OKP") return okp_key(object, out, error);
  if (out->kty == "oct") return binary_member(object, "k", &out->secret, error);
  if (out->kty.empty()) {
    *error = "required field \"kty\" is missing";
  } else {
    *error = "invalid key type \"" + out->kty + "\"";
  }
  return false;
}

std::string bignum_member(const EVP_PKEY* key, const char* name, size_t size = 0) {
  BignumPtr number = key_bignum(key, name);
  if (!number) return "";
  return base64url_raw_encode(left_pad(bignum_bytes(number.get()), size));
}

}  // namespace

bool parse_jwk_set(std::string_view text, std::vector<JsonWebKey>* keys, std::string* error) {
  Value document;
  std::string parse_error;
  if (!parse_json(text, &document, &parse_error)) {
    *error = "failed to unmarshal JSON: " + parse_error;
    return false;
  }
  std::vector<Value> objects;
  const Value* set = document.is_object() ? document.find("keys") : nullptr;
  if (set != nullptr) {
    if (!set->is_array()) {
      *error = "\"keys\" must be an array";
      return false;
    }
    objects.assign(set->array_items().begin(), set->array_items().end());
  } else {
    objects.push_back(document);
  }
  for (const Value& object : objects) {
    JsonWebKey key;
    if (!parse_key(object, &key, error)) return false;
    keys->push_back(std::move(key));
  }
  return true;
}

bool private_key_to_jwk(EVP_PKEY* key, Value* out) {
  std::vector<Value::Entry> entries;
  auto add = [&entries](std::string_view name, std::string text) {
    entries.emplace_back(Value::string(name), Value::string(text));
  };
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: {
      static constexpr std::pair<const char*, const char*> kMembers[] = {
          {"n", OSSL_PKEY_PARAM_RSA_N},           {"e", OSSL_PKEY_PARAM_RSA_E},
          {"d", OSSL_PKEY_PARAM_RSA_D},           {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
          {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},     {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
          {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2},  {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1},
      };
      add("kty", "RSA");
      for (const auto& [name, param] : kMembers) add(name, bignum_member(key, param));
      break;
    }
    case EVP_PKEY_EC: {
      char group[64] = {};
      EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                     nullptr);
      std::string_view name = group;
      std::string crv = name == "prime256v1" ? "P-256"
                        : name == "secp384r1" ? "P-384"
                        : name == "secp521r1" ? "P-521"
                                              : "";
      if (crv.empty()) return false;
      size_t size = (static_cast<size_t>(EVP_PKEY_get_bits(key)) + 7) / 8;
      add("kty", "EC");
      add("crv", crv);
      add("x", bignum_member(key, OSSL_PKEY_PARAM_EC_PUB_X, size));
      add("y", bignum_member(key, OSSL_PKEY_PARAM_EC_PUB_Y, size));
      add("d", bignum_member(key, OSSL_PKEY_PARAM_PRIV_KEY, size));
      break;
    }
    case EVP_PKEY_ED25519: {
      std::string raw(32, '\0');
      size_t size = raw.size();
      unsigned char* buffer = reinterpret_cast<unsigned char*>(raw.data());
      add("kty", "OKP");
      add("crv", "Ed25519");
      EVP_PKEY_get_raw_public_key(key, buffer, &size);
      add("x", base64url_raw_encode(raw.substr(0, size)));
      size = raw.size();
      EVP_PKEY_get_raw_private_key(key, buffer, &size);
      add("d", base64url_raw_encode(raw.substr(0, size)));
      break;
    }
    default:
      return false;
  }
  *out = Value::object(std::move(entries));
  return true;
}

}  // namespace regoc
