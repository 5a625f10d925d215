// Tests for the crypto builtins: digests and MACs, certificate, request and key parsing,
// and chain verification. The certificates form a chain (root, intermediate, leaf) of P-256
// keys made with the openssl command-line tool for these tests; they expire in 2126.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/builtins/builtin.h"
#include "runtime/builtins/term_text.h"
#include "runtime/json.h"

namespace regoc {
namespace {

constexpr std::string_view kRootPem = R"pem(-----BEGIN CERTIFICATE-----
MIIBwjCCAWigAwIBAgIBATAKBggqhkjOPQQDAjA3MQswCQYDVQQGEwJVUzETMBEG
A1UECgwKUmVnb2MgVGVzdDETMBEGA1UEAwwKUmVnb2MgUm9vdDAgFw0yNjEyMDQx
ODAzNTVaGA8yMTI2MTExMDE4MDM1NVowNzELMAkGA1UEBhMCVVMxEzARBgNVBAoM
ClJlZ29jIFRlc3QxEzARBgNVBAMMClJlZ29jIFJvb3QwWTATBgcqhkjOPQIBBggq
hkjOPQMBBwNCAARB4pokLWGVwy0okDC9qvJtI/Ty628jqBS7BaCZgYmCMnYeJc4m
mhxWZl1rDFxltkZunZFSO6kjNC3QYhJhvz5oo2MwYTAdBgNVHQ4EFgQUfMcAGWyi
jJLC9OGntwZa+nDXT2EwHwYDVR0jBBgwFoAUfMcAGWyijJLC9OGntwZa+nDXT2Ew
DwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwCgYIKoZIzj0EAwIDSAAw
RQIhAKJKXNvyaiD4afL01raOQJLImQe0ccQzUgCVnGxGiAHNAiAjj0LYX8B+u/ZM
qf70d8d19kVBEXIww46mmyiLuzMacw==
-----END CERTIFICATE-----
)pem";

constexpr std::string_view kIntermediatePem = R"pem(-----BEGIN CERTIFICATE-----
MIIBqzCCAVGgAwIBAgIBAjAKBggqhkjOPQQDAjA3MQswCQYDVQQGEwJVUzETMBEG
A1UECgwKUmVnb2MgVGVzdDETMBEGA1UEAwwKUmVnb2MgUm9vdDAgFw0yNjEyMDQx
ODAzNTVaGA8yMTI2MTExMDE4MDM1NVowHTEbMBkGA1UEAwwSUmVnb2MgSW50ZXJt
ZWRpYXRlMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEaG023ii7lJx7VAQkhB8W
+lEs/zFUHKwq4a8j0bGTxLDgyxHWRsOpldR+499G0B15FtkcNtK93N7PNKcEQwcz
C6NmMGQwEgYDVR0TAQH/BAgwBgEB/wIBADAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0O
BBYEFKKAL608KrGU98Z3aTIPEMROmlJzMB8GA1UdIwQYMBaAFHzHABlsooySwvTh
p7cGWvpw109hMAoGCCqGSM49BAMCA0gAMEUCIBbRqc6RMDjSX0ygtNR5FirvChMk
1DfZvD/F9w9ntEZgAiEAhGEuito8FliWLORs5Sct1Bpque8KyBmOgFs1/4Svneo=
-----END CERTIFICATE-----
)pem";

constexpr std::string_view kLeafPem = R"pem(-----BEGIN CERTIFICATE-----
MIIB7DCCAZKgAwIBAgIBAzAKBggqhkjOPQQDAjAdMRswGQYDVQQDDBJSZWdvYyBJ
bnRlcm1lZGlhdGUwIBcNMjYxMjA0MTgwMzU1WhgPMjEyNjExMTAxODAzNTVaMBsx
GTAXBgNVBAMMEGxlYWYuZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMB
BwNCAATh7gTfrnbWIl9t3Co6/jZdGU99ZltrpEqWx/7Mb1izqhG+a6MckXN8ixGQ
koSA3lJiAyjbDgkh2o03X3EdoiCJo4HCMIG/MAkGA1UdEwQCMAAwDgYDVR0PAQH/
BAQDAgeAMBMGA1UdJQQMMAoGCCsGAQUFBwMBME0GA1UdEQRGMESCEGxlYWYuZXhh
bXBsZS5jb22BD29wc0BleGFtcGxlLmNvbYcECgAAAYYZc3BpZmZlOi8vZXhhbXBs
ZS5jb20vbGVhZjAdBgNVHQ4EFgQUgBYDlJRazNX+vaOymWbiEitlXG0wHwYDVR0j
BBgwFoAUooAvrTwqsZT3xndpMg8QxE6aUnMwCgYIKoZIzj0EAwIDSAAwRQIhAM2I
UGes2Q3FHK1/0dPnj5Kl0Qsx89ciDPC3aFCMQV70AiA768t+joYSTV+eKOMytFRt
DyoY4AqCOUCcx+E1VlgMIQ==
-----END CERTIFICATE-----
)pem";

constexpr std::string_view kLeafRequestPem = R"pem(-----BEGIN CERTIFICATE REQUEST-----
MIIBNjCB3QIBADAbMRkwFwYDVQQDDBBsZWFmLmV4YW1wbGUuY29tMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAE4e4E36521iJfbdwqOv42XRlPfWZba6RKlsf+zG9Y
s6oRvmujHJFzfIsRkJKEgN5SYgMo2w4JIdqNN19xHaIgiaBgMF4GCSqGSIb3DQEJ
DjFRME8wTQYDVR0RBEYwRIIQbGVhZi5leGFtcGxlLmNvbYEPb3BzQGV4YW1wbGUu
Y29thwQKAAABhhlzcGlmZmU6Ly9leGFtcGxlLmNvbS9sZWFmMAoGCCqGSM49BAMC
A0gAMEUCIHt/JNowfgt/Jbe+BIzKwlWJPW8Mc4QhJBlVw7S/Rj04AiEArTM9Ghlj
AFDROAmYRr0/k0n0QmEe8fV1l9YItoUT7kc=
-----END CERTIFICATE REQUEST-----
)pem";

constexpr std::string_view kLeafEcKeyPem = R"pem(-----BEGIN EC PRIVATE KEY-----
MHcCAQEEINswdl1aznTsV5ouX0K7LJuA1FB48sS3pogIz0nDeeVGoAoGCCqGSM49
AwEHoUQDQgAE4e4E36521iJfbdwqOv42XRlPfWZba6RKlsf+zG9Ys6oRvmujHJFz
fIsRkJKEgN5SYgMo2w4JIdqNN19xHaIgiQ==
-----END EC PRIVATE KEY-----
)pem";

constexpr std::string_view kLeafPkcs8Pem = R"pem(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg2zB2XVrOdOxXmi5f
Qrssm4DUUHjyxLemiAjPScN55UahRANCAATh7gTfrnbWIl9t3Co6/jZdGU99Zltr
pEqWx/7Mb1izqhG+a6MckXN8ixGQkoSA3lJiAyjbDgkh2o03X3EdoiCJ
-----END PRIVATE KEY-----
)pem";

constexpr std::string_view kRootKeyPem = R"pem(-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIDujVvSCrcP7DrCYm/kaVzSRkKWOmZwyCMd9+5ef3zbHoAoGCCqGSM49
AwEHoUQDQgAEQeKaJC1hlcMtKJAwvarybSP08utvI6gUuwWgmYGJgjJ2HiXOJpoc
VmZdawxcZbZGbp2RUjupIzQt0GISYb8+aA==
-----END EC PRIVATE KEY-----
)pem";


// Calls builtin `name`. Returns its result, or sets *error to "<code>: <message>" (or
// "undefined") and returns an undefined value.
Value call(std::string_view name, std::vector<Value> args, std::string* error = nullptr) {
  const Builtin* builtin = find_builtin(name);
  if (builtin == nullptr || builtin->function == nullptr) {
    ADD_FAILURE() << "missing builtin " << name;
    return Value();
  }
  BuiltinContext context;
  context.now_ns = 1800000000LL * 1000000000LL;  // 2027-01-15, inside the validity period
  Value result;
  std::string text;
  switch (builtin->function(context, args, result)) {
    case BuiltinStatus::Ok: return result;
    case BuiltinStatus::Undefined: text = "undefined"; break;
    case BuiltinStatus::Error: text = context.error.code + ": " + context.error.message; break;
  }
  if (error != nullptr) *error = text;
  return Value();
}

// Calls builtin `name` and returns its result in Rego syntax or the error text.
std::string run(std::string_view name, std::vector<Value> args) {
  std::string error;
  Value result = call(name, std::move(args), &error);
  return result.is_defined() ? term_string(result) : error;
}

Value s(std::string_view text) { return Value::string(text); }

// Follows a path of object keys and array indexes, e.g. at(v, {"Subject", "CommonName"}).
std::string at(const Value& value, std::vector<std::string> path) {
  const Value* current = &value;
  for (const std::string& step : path) {
    const Value* next = nullptr;
    if (current->is_array()) {
      size_t index = std::stoul(step);
      if (index < current->array_items().size()) next = &current->array_items()[index];
    } else if (current->is_object()) {
      next = current->find(step);
    }
    if (next == nullptr) return "<missing " + step + ">";
    current = next;
  }
  return term_string(*current);
}

std::string chain_pem() {
  return std::string(kRootPem) + std::string(kIntermediatePem) + std::string(kLeafPem);
}

TEST(CryptoBuiltins, Digests) {
  EXPECT_EQ(run("crypto.md5", {s("foo")}), R"("acbd18db4cc2f85cedef654fccc4a4d8")");
  EXPECT_EQ(run("crypto.sha1", {s("foo")}), R"("0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33")");
  EXPECT_EQ(run("crypto.sha256", {s("foo")}),
            R"("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")");
  EXPECT_EQ(run("crypto.md5", {Value::integer(1)}),
            "eval_type_error: crypto.md5: operand 1 must be string but got number");
}

TEST(CryptoBuiltins, Hmac) {
  EXPECT_EQ(run("crypto.hmac.md5", {s("foo"), s("bar")}),
            R"("31b6db9e5eb4addb42f1a6ca07367adc")");
  EXPECT_EQ(run("crypto.hmac.sha1", {s("foo"), s("bar")}),
            R"("85d155c55ed286a300bd1cf124de08d87e914f3a")");
  EXPECT_EQ(run("crypto.hmac.sha256", {s("foo"), s("bar")}),
            R"("147933218aaabc0b8b10a2b3a5c34684c8d94341bcf10a4736dc7270f7741851")");
  EXPECT_EQ(run("crypto.hmac.sha512", {s("foo"), s("bar")}),
            R"("24257d7210582a65c731ec55159c8184cc24c02489453e58587f71f44c23a2d6)"
            R"(1b4b72154a89d17b2d49448a8452ea066f4fc56a2bcead45c088572ffccdb3d8")");
  EXPECT_EQ(run("crypto.hmac.sha256", {s("foo"), Value::integer(1)}),
            "eval_type_error: crypto.hmac.sha256: operand 2 must be string but got number");
  EXPECT_EQ(run("crypto.hmac.equal", {s("abc"), s("abc")}), "true");
  EXPECT_EQ(run("crypto.hmac.equal", {s("abc"), s("abd")}), "false");
  EXPECT_EQ(run("crypto.hmac.equal", {s("abc"), s("ab")}), "false");
}

TEST(X509Builtins, CertificateFields) {
  Value certificates = call("crypto.x509.parse_certificates", {s(kLeafPem)});
  ASSERT_TRUE(certificates.is_array());
  ASSERT_EQ(certificates.size(), 1u);
  EXPECT_EQ(at(certificates, {"0", "Subject", "CommonName"}), R"("leaf.example.com")");
  EXPECT_EQ(at(certificates, {"0", "Subject", "Names", "0", "Type"}), "[2, 5, 4, 3]");
  EXPECT_EQ(at(certificates, {"0", "Subject", "Country"}), "null");
  EXPECT_EQ(at(certificates, {"0", "Issuer", "CommonName"}), R"("Regoc Intermediate")");
  EXPECT_EQ(at(certificates, {"0", "Version"}), "3");
  EXPECT_EQ(at(certificates, {"0", "SerialNumber"}), "3");
  EXPECT_EQ(at(certificates, {"0", "SignatureAlgorithm"}), "10");
  EXPECT_EQ(at(certificates, {"0", "PublicKeyAlgorithm"}), "3");
  EXPECT_EQ(at(certificates, {"0", "PublicKey", "Curve"}), "{}");
  EXPECT_EQ(at(certificates, {"0", "NotBefore"}), R"("2026-12-04T18:03:55Z")");
  EXPECT_EQ(at(certificates, {"0", "NotAfter"}), R"("2126-11-10T18:03:55Z")");
  EXPECT_EQ(at(certificates, {"0", "KeyUsage"}), "1");
  EXPECT_EQ(at(certificates, {"0", "ExtKeyUsage"}), "[1]");
  EXPECT_EQ(at(certificates, {"0", "BasicConstraintsValid"}), "true");
  EXPECT_EQ(at(certificates, {"0", "IsCA"}), "false");
  EXPECT_EQ(at(certificates, {"0", "MaxPathLen"}), "-1");
  EXPECT_EQ(at(certificates, {"0", "DNSNames"}), R"(["leaf.example.com"])");
  EXPECT_EQ(at(certificates, {"0", "EmailAddresses"}), R"(["ops@example.com"])");
  EXPECT_EQ(at(certificates, {"0", "IPAddresses"}), R"(["10.0.0.1"])");
  EXPECT_EQ(at(certificates, {"0", "URIStrings"}), R"(["spiffe://example.com/leaf"])");
  EXPECT_EQ(at(certificates, {"0", "URIs", "0", "Host"}), R"("example.com")");
  EXPECT_EQ(at(certificates, {"0", "URIs", "0", "Path"}), R"("/leaf")");
  EXPECT_EQ(at(certificates, {"0", "SubjectKeyId"}), R"("gBYDlJRazNX+vaOymWbiEitlXG0=")");
  EXPECT_EQ(at(certificates, {"0", "Extensions", "2", "Id"}), "[2, 5, 29, 37]");
  EXPECT_EQ(at(certificates, {"0", "UnhandledCriticalExtensions"}), "null");
}

TEST(X509Builtins, CertificateInputForms) {
  Value from_pem = call("crypto.x509.parse_certificates", {s(chain_pem())});
  ASSERT_TRUE(from_pem.is_array());
  EXPECT_EQ(from_pem.size(), 3u);
  EXPECT_EQ(at(from_pem, {"0", "IsCA"}), "true");
  EXPECT_EQ(at(from_pem, {"1", "MaxPathLen"}), "0");
  EXPECT_EQ(at(from_pem, {"1", "MaxPathLenZero"}), "true");
  EXPECT_EQ(at(from_pem, {"0", "URIStrings"}), "null");

  // Base64 of PEM and base64 of DER give the same certificates.
  std::string base64_pem = term_string(call("base64.encode", {s(chain_pem())}));
  Value from_base64 = call("crypto.x509.parse_certificates",
                           {s(base64_pem.substr(1, base64_pem.size() - 2))});
  EXPECT_EQ(from_base64, from_pem);
  Value raw = call("crypto.x509.parse_certificates", {s(kRootPem)});
  std::string der_base64 = at(raw, {"0", "Raw"});
  Value from_der = call("crypto.x509.parse_certificates",
                        {s(der_base64.substr(1, der_base64.size() - 2))});
  EXPECT_EQ(from_der, raw);

  EXPECT_EQ(run("crypto.x509.parse_certificates", {s("YmFkc3RyaW5n")}),
            "eval_builtin_error: crypto.x509.parse_certificates: x509: malformed certificate");
  EXPECT_EQ(run("crypto.x509.parse_certificates", {s("bad!")}),
            "eval_builtin_error: crypto.x509.parse_certificates: "
            "illegal base64 data at input byte 3");
  EXPECT_EQ(run("crypto.x509.parse_certificates", {s(kLeafRequestPem)}),
            "eval_builtin_error: crypto.x509.parse_certificates: PEM block type is "
            "'CERTIFICATE REQUEST', expected CERTIFICATE");
}

TEST(X509Builtins, VerifyChain) {
  Value verified = call("crypto.x509.parse_and_verify_certificates", {s(chain_pem())});
  EXPECT_EQ(at(verified, {"0"}), "true");
  EXPECT_EQ(at(verified, {"1", "0", "Subject", "CommonName"}), R"("leaf.example.com")");
  EXPECT_EQ(at(verified, {"1", "2", "Subject", "CommonName"}), R"("Regoc Root")");
  EXPECT_EQ(at(verified, {"1", "0", "URIStrings"}), R"(["spiffe://example.com/leaf"])");

  // The intermediate is missing, or the root is not first.
  std::string no_intermediate = std::string(kRootPem) + std::string(kLeafPem);
  EXPECT_EQ(run("crypto.x509.parse_and_verify_certificates", {s(no_intermediate)}),
            "[false, []]");
  std::string reordered = std::string(kLeafPem) + std::string(kIntermediatePem) +
                          std::string(kRootPem);
  EXPECT_EQ(run("crypto.x509.parse_and_verify_certificates", {s(reordered)}), "[false, []]");
  EXPECT_EQ(run("crypto.x509.parse_and_verify_certificates", {s(kRootPem)}), "[false, []]");
  EXPECT_EQ(run("crypto.x509.parse_and_verify_certificates", {s("bad!")}), "[false, []]");
}

TEST(X509Builtins, VerifyChainWithOptions) {
  constexpr std::string_view kName = "crypto.x509.parse_and_verify_certificates_with_options";
  auto options = [](std::string_view json) {
    Value value;
    std::string error;
    EXPECT_TRUE(parse_json(json, &value, &error)) << error;
    return value;
  };
  Value valid = call(kName, {s(chain_pem()), options(R"({"DNSName": "leaf.example.com",
      "CurrentTime": 1800000000000000000, "KeyUsages": ["KeyUsageServerAuth"]})")});
  EXPECT_EQ(at(valid, {"0"}), "true");
  EXPECT_EQ(at(valid, {"1", "0", "URIStrings"}), "<missing URIStrings>");

  EXPECT_EQ(run(kName, {s(chain_pem()), options(R"({"DNSName": "other.example.com"})")}),
            "[false, []]");
  EXPECT_EQ(run(kName, {s(chain_pem()), options(R"({"CurrentTime": 1000000000000000000})")}),
            "[false, []]");
  EXPECT_EQ(run(kName, {s(chain_pem()), options(R"({"KeyUsages": ["KeyUsageClientAuth"]})")}),
            "[false, []]");
  EXPECT_EQ(at(call(kName, {s(chain_pem()), options(R"({"KeyUsages": ["KeyUsageAny"]})")}),
               {"0"}),
            "true");
  EXPECT_EQ(run(kName, {s(chain_pem()), options(R"({"KeyUsages": ["Bogus"]})")}),
            "eval_builtin_error: " + std::string(kName) +
                ": invalid entries for 'KeyUsages' found: [Bogus]");
  EXPECT_EQ(run(kName, {s(chain_pem()), options(R"({"Other": 1})")}),
            "eval_builtin_error: " + std::string(kName) + ": invalid key option");
  EXPECT_EQ(run(kName, {s(chain_pem()), options(R"({"DNSName": 1})")}),
            "eval_builtin_error: " + std::string(kName) + ": 'DNSName' should be a string");
}

TEST(X509Builtins, CertificateRequest) {
  Value request = call("crypto.x509.parse_certificate_request", {s(kLeafRequestPem)});
  EXPECT_EQ(at(request, {"Subject", "CommonName"}), R"("leaf.example.com")");
  EXPECT_EQ(at(request, {"Version"}), "0");
  EXPECT_EQ(at(request, {"SignatureAlgorithm"}), "10");
  EXPECT_EQ(at(request, {"DNSNames"}), R"(["leaf.example.com"])");
  EXPECT_EQ(at(request, {"IPAddresses"}), R"(["10.0.0.1"])");
  EXPECT_EQ(at(request, {"Extensions", "0", "Id"}), "[2, 5, 29, 17]");
  EXPECT_EQ(at(request, {"Attributes", "0", "Type"}), "[1, 2, 840, 113549, 1, 9, 14]");
  EXPECT_EQ(run("crypto.x509.parse_certificate_request", {s("foobar")}),
            "eval_builtin_error: crypto.x509.parse_certificate_request: "
            "illegal base64 data at input byte 4");
  // OPA base64-decodes text that does not start with the request's PEM header.
  EXPECT_EQ(run("crypto.x509.parse_certificate_request", {s(kLeafPem)}),
            "eval_builtin_error: crypto.x509.parse_certificate_request: "
            "illegal base64 data at input byte 0");
  Value encoded_certificate = call("base64.encode", {s(kLeafPem)});
  EXPECT_EQ(run("crypto.x509.parse_certificate_request", {encoded_certificate}),
            "eval_builtin_error: crypto.x509.parse_certificate_request: "
            "invalid PEM-encoded certificate signing request");
}

TEST(X509Builtins, Keypair) {
  Value pair = call("crypto.x509.parse_keypair", {s(kLeafPem), s(kLeafPkcs8Pem)});
  Value raw = call("crypto.x509.parse_certificates", {s(kLeafPem)});
  EXPECT_EQ(at(pair, {"Certificate", "0"}), at(raw, {"0", "Raw"}));
  EXPECT_EQ(at(pair, {"Leaf", "Subject", "CommonName"}), R"("leaf.example.com")");
  EXPECT_EQ(at(pair, {"PrivateKey", "Curve"}), "{}");
  EXPECT_EQ(at(pair, {"PrivateKey", "X"}), at(raw, {"0", "PublicKey", "X"}));
  EXPECT_EQ(at(pair, {"OCSPStaple"}), "null");
  EXPECT_EQ(at(call("crypto.x509.parse_keypair", {s(kLeafPem), s(kLeafEcKeyPem)}), {"Leaf",
                                                                                  "Version"}),
            "3");
  EXPECT_EQ(run("crypto.x509.parse_keypair", {s(kLeafPem), s(kRootKeyPem)}),
            "eval_builtin_error: crypto.x509.parse_keypair: "
            "tls: private key does not match public key");
  EXPECT_EQ(run("crypto.x509.parse_keypair", {s(kLeafPem), s(kLeafPem)}),
            "eval_builtin_error: crypto.x509.parse_keypair: "
            "tls: found a certificate rather than a key in the PEM for the private key");
}

TEST(CryptoBuiltins, PrivateKeys) {
  Value keys = call("crypto.parse_private_keys",
                    {s(std::string(kLeafEcKeyPem) + std::string(kRootPem) +
                       std::string(kLeafPkcs8Pem))});
  ASSERT_TRUE(keys.is_array());
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys.array_items()[0], keys.array_items()[1]);
  EXPECT_EQ(at(keys, {"0", "Curve"}), "{}");
  EXPECT_EQ(run("crypto.parse_private_keys", {s("")}), "null");
  EXPECT_EQ(run("crypto.parse_private_keys", {s(kRootPem)}), "[]");

  Value jwk = call("crypto.x509.parse_rsa_private_key", {s(kLeafEcKeyPem)});
  EXPECT_EQ(at(jwk, {"kty"}), R"("EC")");
  EXPECT_EQ(at(jwk, {"crv"}), R"("P-256")");
  EXPECT_EQ(at(jwk, {"d"}).size(), 45u);  // 32 bytes in unpadded base64url, quoted
  EXPECT_EQ(run("crypto.x509.parse_rsa_private_key", {s("")}),
            "eval_builtin_error: crypto.x509.parse_rsa_private_key: input PEM data was empty");
  EXPECT_EQ(run("crypto.x509.parse_rsa_private_key", {s("invalid")}),
            "eval_builtin_error: crypto.x509.parse_rsa_private_key: "
            "illegal base64 data at input byte 4");
}

}  // namespace
}  // namespace regoc
