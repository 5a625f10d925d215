// crypto.x509.parse_keypair: a certificate and its private key, checked to match and returned
// as Go's JSON form of a tls.Certificate, as tls.X509KeyPair builds it. External interface:
// register_x509_keypair_builtins.
#include "runtime/builtins/crypto_encoding.h"
#include "runtime/builtins/crypto_keys.h"
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/x509_certificates.h"
#include "runtime/builtins/x509_fields.h"
#include "runtime/builtins/x509_json.h"

namespace regoc {
namespace {

constexpr std::string_view kParseKeypair = "crypto.x509.parse_keypair";

// Decodes base64 unless the text is PEM, then wraps DER as a PEM block of `type`, as OPA
// does before calling tls.X509KeyPair.
bool to_pem(std::string_view text, std::string_view type, std::string* out,
            std::string* error) {
  *out = std::string(text);
  if (!text.starts_with("-----BEGIN ")) {
    out->clear();
    if (!base64_std_decode(text, out, error)) return false;
  }
  if (starts_with_pem(*out)) return true;
  std::string encoded = base64_std_encode(*out);
  std::string pem = "-----BEGIN " + std::string(type) + "-----\n";
  for (size_t i = 0; i < encoded.size(); i += 64) pem += encoded.substr(i, 64) + "\n";
  *out = pem + "-----END " + std::string(type) + "-----\n";
  return true;
}

// Collects the CERTIFICATE blocks, as tls.X509KeyPair does.
bool certificate_blocks(std::string_view text, std::vector<std::string>* ders,
                        std::string* error) {
  std::vector<std::string> skipped;
  std::string_view rest;
  while (std::optional<PemBlock> block = pem_decode(text, &rest)) {
    text = rest;
    if (block->type == "CERTIFICATE") ders->push_back(block->bytes);
    else skipped.push_back(block->type);
  }
  if (!ders->empty()) return true;
  if (skipped.empty()) {
    *error = "tls: failed to find any PEM data in certificate input";
  } else {
    std::string types;
    for (const std::string& type : skipped) types += (types.empty() ? "" : " ") + type;
    *error = "tls: failed to find \"CERTIFICATE\" PEM block in certificate input after "
             "skipping PEM blocks of the following types: [" + types + "]";
  }
  return false;
}

// Finds the key block and decodes it in any of Go's formats, as tls.X509KeyPair does.
EvpPkeyPtr private_key_block(std::string_view text, std::string* error) {
  std::vector<std::string> skipped;
  std::string_view rest;
  while (std::optional<PemBlock> block = pem_decode(text, &rest)) {
    text = rest;
    if (block->type == "PRIVATE KEY" || block->type.ends_with(" PRIVATE KEY")) {
      for (PrivateKeyFormat format : {PrivateKeyFormat::Pkcs1, PrivateKeyFormat::Pkcs8,
                                      PrivateKeyFormat::Sec1}) {
        if (EvpPkeyPtr key = decode_private_key(format, block->bytes)) return key;
      }
      *error = "tls: failed to parse private key";
      return nullptr;
    }
    skipped.push_back(block->type);
  }
  if (skipped.empty()) {
    *error = "tls: failed to find any PEM data in key input";
  } else if (skipped.size() == 1 && skipped.front() == "CERTIFICATE") {
    *error = "tls: found a certificate rather than a key in the PEM for the private key";
  } else {
    std::string types;
    for (const std::string& type : skipped) types += (types.empty() ? "" : " ") + type;
    *error = "tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input "
             "after skipping PEM blocks of the following types: [" + types + "]";
  }
  return nullptr;
}

bool build_keypair(std::string_view certificate_text, std::string_view key_text, Value* out,
                   std::string* error) {
  std::string certificate_pem, key_pem;
  std::vector<std::string> ders;
  if (!to_pem(certificate_text, "CERTIFICATE", &certificate_pem, error) ||
      !to_pem(key_text, "PRIVATE KEY", &key_pem, error) ||
      !certificate_blocks(certificate_pem, &ders, error)) {
    return false;
  }
  EvpPkeyPtr key = private_key_block(key_pem, error);
  if (!key) return false;
  std::vector<ParsedCertificate> leaf;
  if (!parse_der_certificates(ders.front(), &leaf, error)) return false;
  EVP_PKEY* public_key = X509_get0_pubkey(leaf.front().certificate.get());
  if (public_key == nullptr ||
      EVP_PKEY_get_base_id(public_key) != EVP_PKEY_get_base_id(key.get())) {
    *error = "tls: private key type does not match public key type";
    return false;
  }
  if (EVP_PKEY_eq(public_key, key.get()) != 1) {
    *error = "tls: private key does not match public key";
    return false;
  }

  std::vector<Value> chain;
  for (const std::string& der : ders) chain.push_back(bytes_value(der));
  *out = Value::object({
      field("Certificate", Value::array(std::move(chain))),
      field("PrivateKey", private_key_to_value(key.get())),
      field("SupportedSignatureAlgorithms", Value::null()),
      field("OCSPStaple", Value::null()),
      field("SignedCertificateTimestamps", Value::null()),
      field("Leaf", certificate_to_value(leaf.front().certificate.get(), leaf.front().der,
                                         false)),
  });
  return true;
}

BuiltinStatus parse_keypair(BuiltinContext& context, std::span<const Value> args,
                            Value& result) {
  if (!args[0].is_string()) return context.type_error(kParseKeypair, 1, "string", args[0]);
  // OPA numbers the key operand 1 as well.
  if (!args[1].is_string()) return context.type_error(kParseKeypair, 1, "string", args[1]);
  std::string error;
  if (!build_keypair(args[0].as_string(), args[1].as_string(), &result, &error)) {
    return builtin_error(context, kParseKeypair, error);
  }
  return BuiltinStatus::Ok;
}

}  // namespace

void register_x509_keypair_builtins(Registry& registry) {
  registry.add(kParseKeypair, parse_keypair);
}

}  // namespace regoc
