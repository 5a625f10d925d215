// Tests for the JWT builtins: decoding, signing and verifying with every algorithm OPA
// supports, decode_verify's constraints, JWK sets, and the Go-style JSON syntax errors. Keys
// are generated for each run with OpenSSL.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <map>
#include <string>
#include <vector>

#include "runtime/builtins/builtin.h"
#include "runtime/builtins/jwt_json.h"
#include "runtime/builtins/term_text.h"
#include "runtime/json.h"

namespace regoc {
namespace {

constexpr int64_t kNowSeconds = 1800000000;

// Calls builtin `name`; returns its result, or "<code>: <message>" as a string value in
// *error and an undefined value.
Value call(std::string_view name, std::vector<Value> args, std::string* error = nullptr) {
  const Builtin* builtin = find_builtin(name);
  if (builtin == nullptr || builtin->function == nullptr) {
    ADD_FAILURE() << "missing builtin " << name;
    return Value();
  }
  BuiltinContext context;
  context.now_ns = kNowSeconds * 1000000000;
  Value result;
  BuiltinStatus status = builtin->function(context, args, result);
  if (status == BuiltinStatus::Ok) return result;
  if (error != nullptr) {
    *error = status == BuiltinStatus::Error
                 ? context.error.code + ": " + context.error.message
                 : "undefined";
  }
  return Value();
}

std::string run(std::string_view name, std::vector<Value> args) {
  std::string error;
  Value result = call(name, std::move(args), &error);
  return result.is_defined() ? term_string(result) : error;
}

Value s(std::string_view text) { return Value::string(text); }

Value j(std::string_view text) {
  Value value;
  std::string error;
  if (!parse_json(text, &value, &error)) ADD_FAILURE() << "invalid JSON " << text << ": " << error;
  return value;
}

// A key pair generated with OpenSSL: the private key as a JWK and the public key as PEM.
struct TestKey {
  Value jwk;
  std::string public_pem;
};

TestKey make_key(const char* type, const char* parameter) {
  EVP_PKEY* key = nullptr;
  if (std::string_view(type) == "RSA") {
    key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048});
  } else if (parameter != nullptr) {
    key = EVP_PKEY_Q_keygen(nullptr, nullptr, type, parameter);
  } else {
    key = EVP_PKEY_Q_keygen(nullptr, nullptr, type);
  }
  auto pem = [key](bool private_key) {
    BIO* bio = BIO_new(BIO_s_mem());
    if (private_key) {
      PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    } else {
      PEM_write_bio_PUBKEY(bio, key);
    }
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<size_t>(size));
    BIO_free(bio);
    return text;
  };
  TestKey result;
  result.jwk = call("crypto.x509.parse_rsa_private_key", {s(pem(true))});
  result.public_pem = pem(false);
  EVP_PKEY_free(key);
  return result;
}

// Returns the key pair number `index` for `type` and `parameter`, made on first use: RSA key
// generation is slow, so the RSA algorithms share their keys.
const TestKey& generate_key(const char* type, const char* parameter, int index) {
  static std::map<std::string, TestKey> cache;
  std::string name = std::string(type) + "/" + (parameter ? parameter : "") + "/" +
                     std::to_string(index);
  auto found = cache.find(name);
  if (found == cache.end()) found = cache.emplace(name, make_key(type, parameter)).first;
  return found->second;
}

Value with_member(Value object, std::string_view name, Value value) {
  object.object_insert(s(name), std::move(value));
  return object;
}

std::string sign(std::string_view alg, const Value& payload, const Value& jwk) {
  Value header = j(R"({"typ": "JWT"})");
  header.object_insert(s("alg"), s(alg));
  Value token = call("io.jwt.encode_sign", {header, payload, jwk});
  EXPECT_TRUE(token.is_string()) << alg;
  return token.is_string() ? std::string(token.as_string()) : "";
}

// Replaces the payload part of a token, keeping its signature.
std::string with_payload(const std::string& token, std::string_view payload_json) {
  size_t first = token.find('.');
  size_t second = token.find('.', first + 1);
  Value encoded = call("base64url.encode_no_pad", {s(payload_json)});
  return token.substr(0, first + 1) + std::string(encoded.as_string()) + token.substr(second);
}

TEST(JwtBuiltins, Decode) {
  constexpr std::string_view kToken =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuZXciOiJJIGFtIGEgdXNlciBjcmVhdGVkIGZpZWxkIiwia"
      "XNzIjoib3BhIn0.6UmjsclVDGD9jcmX_F8RJzVgHtUZuLu2pxkF_UEQCrE";
  EXPECT_EQ(run("io.jwt.decode", {s(kToken)}),
            R"([{"alg": "HS256", "typ": "JWT"}, {"iss": "opa", "new": "I am a user created )"
            R"(field"}, "e949a3b1c9550c60fd8dc997fc5f112735601ed519b8bbb6a71905fd41100ab1"])");
  EXPECT_EQ(run("io.jwt.decode", {s("abc")}),
            "eval_builtin_error: io.jwt.decode: encoded JWT had no period separators");
  EXPECT_EQ(run("io.jwt.decode", {s("a.b")}),
            "eval_builtin_error: io.jwt.decode: encoded JWT must have 3 sections, found 2");
  EXPECT_EQ(run("io.jwt.decode", {s("e$.e30.")}),
            "eval_builtin_error: io.jwt.decode: JWT header had invalid encoding: "
            "illegal base64 data at input byte 1");
  // {"enc":"A128GCM"} marks a JWE.
  EXPECT_EQ(run("io.jwt.decode", {s("eyJlbmMiOiJBMTI4R0NNIn0.e30.")}),
            "eval_builtin_error: io.jwt.decode: JWT is a JWE object, which is not supported");
  // The payload [1] is JSON but not an object; the payload { is not JSON.
  EXPECT_EQ(run("io.jwt.decode", {s("e30.WzFd.")}),
            "eval_builtin_error: io.jwt.decode: decoded JSON type was not an Object");
  EXPECT_EQ(run("io.jwt.decode", {s("e30.ew.")}),
            "eval_builtin_error: io.jwt.decode: invalid JSON: unexpected end of JSON input");
  EXPECT_EQ(run("io.jwt.decode", {Value::integer(1)}),
            "eval_type_error: io.jwt.decode: operand 1 must be string but got number");
}

TEST(JwtBuiltins, HmacRoundTrip) {
  Value jwk = j(R"({"kty": "oct", "k": "c2VjcmV0"})");  // "secret"
  Value payload = j(R"({"iss": "opa", "aud": ["a", "b"], "exp": 1900000000, "nbf": 1700000000})");
  for (std::string_view alg : {"HS256", "HS384", "HS512"}) {
    std::string token = sign(alg, payload, jwk);
    std::string name = "io.jwt.verify_" + std::string(alg == "HS256"   ? "hs256"
                                                      : alg == "HS384" ? "hs384"
                                                                       : "hs512");
    EXPECT_EQ(run(name, {s(token), s("secret")}), "true") << alg;
    EXPECT_EQ(run(name, {s(token), s("other")}), "false") << alg;
    EXPECT_EQ(run(name, {s(with_payload(token, "{}")), s("secret")}), "false") << alg;
  }
  std::string token = sign("HS256", payload, jwk);
  EXPECT_EQ(run("io.jwt.decode_verify", {s(token), j(R"({"secret": "secret", "aud": "b"})")}),
            R"([true, {"alg": "HS256", "typ": "JWT"}, {"aud": ["a", "b"], "exp": 1900000000, )"
            R"("iss": "opa", "nbf": 1700000000}])");
}

TEST(JwtBuiltins, DecodeVerifyClaims) {
  Value jwk = j(R"({"kty": "oct", "k": "c2VjcmV0"})");
  std::string token = sign("HS256", j(R"({"iss": "opa", "aud": "svc", "exp": 1900000000,
                                          "nbf": 1700000000})"), jwk);
  auto verified = [&token](std::string_view constraints) {
    return term_string(call("io.jwt.decode_verify", {s(token), j(constraints)}).array_items()[0]);
  };
  EXPECT_EQ(verified(R"({"secret": "secret", "iss": "opa", "aud": "svc"})"), "true");
  EXPECT_EQ(verified(R"({"secret": "secret", "iss": "other", "aud": "svc"})"), "false");
  EXPECT_EQ(verified(R"({"secret": "secret"})"), "false");  // "aud" needs a constraint
  EXPECT_EQ(verified(R"({"secret": "secret", "aud": "other"})"), "false");
  EXPECT_EQ(verified(R"({"secret": "secret", "aud": "svc", "alg": "HS512"})"), "false");
  EXPECT_EQ(verified(R"({"secret": "wrong", "aud": "svc"})"), "false");
  EXPECT_EQ(verified(R"({"secret": "secret", "aud": "svc", "time": 1950000000000000000})"),
            "false");
  EXPECT_EQ(verified(R"({"secret": "secret", "aud": "svc", "time": 1600000000000000000})"),
            "false");
  EXPECT_EQ(run("io.jwt.decode_verify", {s(token), j(R"({"secret": "secret", "foo": 1})")}),
            "eval_builtin_error: io.jwt.decode_verify: unknown token validation constraint: foo");
  EXPECT_EQ(run("io.jwt.decode_verify", {s(token), j("{}")}),
            "eval_builtin_error: io.jwt.decode_verify: no key constraint");
  EXPECT_EQ(run("io.jwt.decode_verify", {s(token), j(R"({"secret": "x", "time": -1})")}),
            "eval_builtin_error: io.jwt.decode_verify: "
            "token time constraint: must not be negative");

  std::string null_exp = sign("HS256", j(R"({"exp": null})"), jwk);
  EXPECT_EQ(run("io.jwt.decode_verify", {s(null_exp), j(R"({"secret": "secret"})")}),
            "eval_builtin_error: io.jwt.decode_verify: exp value must be a number");
}

// Signs with each asymmetric algorithm, then verifies with the public key as PEM, as a JWK and
// through decode_verify. A second key of the same type must not verify.
TEST(JwtBuiltins, AsymmetricAlgorithms) {
  struct Case {
    std::string_view alg;
    const char* type;
    const char* parameter;
  };
  const Case cases[] = {
      {"RS256", "RSA", nullptr}, {"RS384", "RSA", nullptr},   {"RS512", "RSA", nullptr},
      {"PS256", "RSA", nullptr}, {"PS384", "RSA", nullptr},   {"PS512", "RSA", nullptr},
      {"ES256", "EC", "P-256"},  {"ES384", "EC", "P-384"},    {"ES512", "EC", "P-521"},
      {"EdDSA", "ED25519", nullptr},
  };
  Value payload = j(R"({"sub": "alice"})");
  for (const Case& test : cases) {
    const TestKey& key = generate_key(test.type, test.parameter, 0);
    const TestKey& other = generate_key(test.type, test.parameter, 1);
    std::string token = sign(test.alg, payload, key.jwk);
    std::string lower;
    for (char c : test.alg) lower += static_cast<char>(std::tolower(c));
    std::string name = "io.jwt.verify_" + lower;

    EXPECT_EQ(run(name, {s(token), s(key.public_pem)}), "true") << test.alg;
    EXPECT_EQ(run(name, {s(token), s(to_json(key.jwk))}), "true") << test.alg;
    EXPECT_EQ(run(name, {s(token), s(other.public_pem)}), "false") << test.alg;
    EXPECT_EQ(run(name, {s(with_payload(token, R"({"sub":"eve"})")), s(key.public_pem)}),
              "false")
        << test.alg;
    Value result = call("io.jwt.decode_verify", {s(token), Value::object({{s("cert"),
                                                                           s(key.public_pem)}})});
    EXPECT_EQ(term_string(result), "[true, {\"alg\": \"" + std::string(test.alg) +
                                       "\", \"typ\": \"JWT\"}, {\"sub\": \"alice\"}]");
  }
}

TEST(JwtBuiltins, KeySets) {
  const TestKey& first = generate_key("EC", "P-256", 0);
  const TestKey& second = generate_key("EC", "P-256", 1);
  Value first_jwk = with_member(first.jwk, "kid", s("k1"));
  Value second_jwk = with_member(with_member(second.jwk, "kid", s("k2")), "alg", s("ES256"));
  Value set = Value::object({{s("keys"), Value::array({first_jwk, second_jwk})}});

  Value header = j(R"({"alg": "ES256"})");
  std::string plain = term_string(call("io.jwt.encode_sign", {header, j("{}"), second.jwk}));
  plain = plain.substr(1, plain.size() - 2);
  EXPECT_EQ(run("io.jwt.verify_es256", {s(plain), s(to_json(set))}), "true");

  // A "kid" in the header selects that key alone.
  std::string with_kid = term_string(call(
      "io.jwt.encode_sign", {with_member(header, "kid", s("k1")), j("{}"), second.jwk}));
  with_kid = with_kid.substr(1, with_kid.size() - 2);
  EXPECT_EQ(run("io.jwt.verify_es256", {s(with_kid), s(to_json(set))}), "false");

  // A key whose "alg" differs from the header's is skipped.
  Value rs_only = Value::object({{s("keys"), Value::array({with_member(second.jwk, "alg",
                                                                       s("RS256"))})}});
  EXPECT_EQ(run("io.jwt.verify_es256", {s(plain), s(to_json(rs_only))}), "false");

  EXPECT_EQ(run("io.jwt.verify_es256", {s(plain), s("{")}).find(
                "eval_builtin_error: io.jwt.verify_es256: failed to parse a JWK key (set): "),
            0u);
  EXPECT_EQ(run("io.jwt.verify_es256", {s(plain), s(first.public_pem + "x")}),
            "eval_builtin_error: io.jwt.verify_es256: extra data after a PEM certificate block");
}

TEST(JwtBuiltins, EncodeSignRawErrors) {
  constexpr std::string_view kKey = R"({"kty": "oct", "k": "c2VjcmV0"})";
  auto encode = [&](std::string_view header, std::string_view payload) {
    return run("io.jwt.encode_sign_raw", {s(header), s(payload), s(kKey)});
  };
  constexpr std::string_view kPrefix = "eval_builtin_error: io.jwt.encode_sign_raw: ";
  EXPECT_EQ(encode(R"({"alg":"dummy"})", "{}"),
            std::string(kPrefix) + "unknown JWS algorithm: dummy");
  EXPECT_EQ(encode("", "{}"), std::string(kPrefix) +
                                  "missing or invalid 'alg' header: cannot parse JSON: "
                                  "cannot parse empty string");
  EXPECT_EQ(encode(R"({"typ:"JWT"})", "{}"),
            std::string(kPrefix) + "missing or invalid 'alg' header: cannot parse JSON: "
                                   "invalid character 'J' after object key");
  EXPECT_EQ(encode(R"({"alg":"HS256"})", "e"),
            std::string(kPrefix) + "type is JWT but payload is not JSON");
  EXPECT_EQ(encode(R"({"alg":"RS256"})", "{}"),
            std::string(kPrefix) +
                "failed to sign payload: key type \"oct\" does not suit algorithm RS256");
  // A text payload is allowed when "typ" is not JWT.
  EXPECT_EQ(encode(R"({"alg":"HS256","typ":"text/plain"})", "e").substr(0, 40),
            R"("eyJhbGciOiJIUzI1NiIsInR5cCI6InRleHQvcGx)");
}

TEST(JwtBuiltins, GoJsonSyntaxErrors) {
  EXPECT_EQ(go_json_syntax_error(R"({"a": [1, 2.5e3, true, null, "\u00e9"]})"), std::nullopt);
  EXPECT_EQ(go_json_syntax_error(""), "unexpected end of JSON input");
  EXPECT_EQ(go_json_syntax_error("{\"a\" 1}"), "invalid character '1' after object key");
  EXPECT_EQ(go_json_syntax_error("[1 2]"), "invalid character '2' after array element");
  EXPECT_EQ(go_json_syntax_error("{\"a\":1 \"b\"}"),
            "invalid character '\"' after object key:value pair");
  EXPECT_EQ(go_json_syntax_error("{1}"),
            "invalid character '1' looking for beginning of object key string");
  EXPECT_EQ(go_json_syntax_error("tru"), "unexpected end of JSON input");
  EXPECT_EQ(go_json_syntax_error("trUe"), "invalid character 'U' in literal true (expecting 'u')");
  EXPECT_EQ(go_json_syntax_error("1."), "unexpected end of JSON input");
  EXPECT_EQ(go_json_syntax_error("1.x"),
            "invalid character 'x' after decimal point in numeric literal");
  EXPECT_EQ(go_json_syntax_error("{} x"), "invalid character 'x' after top-level value");
  EXPECT_EQ(go_json_syntax_error("\"a\nb\""), "invalid character '\\n' in string literal");
  EXPECT_EQ(go_json_syntax_error("e"), "invalid character 'e' looking for beginning of value");
}

}  // namespace
}  // namespace regoc
