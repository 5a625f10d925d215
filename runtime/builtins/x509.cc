// Parsing builtins: crypto.x509.parse_certificates and crypto.x509.parse_certificate_request,
// which return Go's JSON form of the certificates and request, and the certificate loading
// the other x509 builtins share. External interface: register_x509_builtins and
// x509_certificates.h.
#include "runtime/builtins/crypto_encoding.h"
#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/x509_certificates.h"
#include "runtime/builtins/x509_json.h"

namespace regoc {

bool parse_der_certificates(std::string_view der, std::vector<ParsedCertificate>* out,
                            std::string* error) {
  while (!der.empty()) {
    const unsigned char* cursor = bytes_of(der);
    X509Ptr certificate(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
    if (!certificate) {
      *error = "x509: malformed certificate";
      return false;
    }
    size_t size = static_cast<size_t>(cursor - bytes_of(der));
    out->push_back({std::move(certificate), std::string(der.substr(0, size))});
    der.remove_prefix(size);
  }
  return true;
}

namespace {

bool load_pem_certificates(std::string_view text, std::vector<ParsedCertificate>* out,
                           std::string* error) {
  std::string der;
  while (!text.empty()) {
    std::string_view rest;
    std::optional<PemBlock> block = pem_decode(text, &rest);
    if (!block) break;
    if (block->type != "CERTIFICATE") {
      *error = "PEM block type is '" + block->type + "', expected CERTIFICATE";
      return false;
    }
    der += block->bytes;
    text = rest;
  }
  return parse_der_certificates(der, out, error);
}

}  // namespace

bool load_certificates(std::string_view text, std::vector<ParsedCertificate>* out,
                       std::string* error) {
  if (starts_with_pem(text)) return load_pem_certificates(text, out, error);
  std::string decoded;
  if (!base64_std_decode(text, &decoded, error)) return false;
  if (starts_with_pem(decoded)) return load_pem_certificates(decoded, out, error);
  return parse_der_certificates(decoded, out, error);
}

Value certificates_value(const std::vector<ParsedCertificate>& certificates, bool uri_strings) {
  std::vector<Value> items;
  for (const ParsedCertificate& parsed : certificates) {
    items.push_back(certificate_to_value(parsed.certificate.get(), parsed.der, uri_strings));
  }
  return Value::array(std::move(items));
}

namespace {

constexpr std::string_view kParseCertificates = "crypto.x509.parse_certificates";
constexpr std::string_view kParseRequest = "crypto.x509.parse_certificate_request";

BuiltinStatus parse_certificates(BuiltinContext& context, std::span<const Value> args,
                                 Value& result) {
  if (!args[0].is_string()) return context.type_error(kParseCertificates, 1, "string", args[0]);
  std::vector<ParsedCertificate> certificates;
  std::string error;
  if (!load_certificates(args[0].as_string(), &certificates, &error)) {
    return builtin_error(context, kParseCertificates, error);
  }
  result = certificates_value(certificates, true);
  return BuiltinStatus::Ok;
}

// Reads a request from PEM or from base64 of PEM or DER, as OPA does.
bool load_request(std::string_view text, X509ReqPtr* request, std::string* der,
                  std::string* error) {
  std::string bytes(text);
  if (!text.starts_with("-----BEGIN CERTIFICATE REQUEST-----")) {
    bytes.clear();
    if (!base64_std_decode(text, &bytes, error)) return false;
  }
  std::string_view rest;
  std::optional<PemBlock> block = pem_decode(bytes, &rest);
  if (block && block->type != "CERTIFICATE REQUEST") {
    *error = "invalid PEM-encoded certificate signing request";
    return false;
  }
  *der = block ? block->bytes : bytes;
  const unsigned char* cursor = bytes_of(*der);
  request->reset(d2i_X509_REQ(nullptr, &cursor, static_cast<long>(der->size())));
  if (!*request) {
    // NOTE: Go's asn1 package names the offending tag; OpenSSL does not tell it.
    *error = "asn1: structure error: malformed certificate request";
    return false;
  }
  if (cursor != bytes_of(*der) + der->size()) {
    *error = "asn1: syntax error: trailing data";
    return false;
  }
  return true;
}

BuiltinStatus parse_certificate_request(BuiltinContext& context, std::span<const Value> args,
                                        Value& result) {
  if (!args[0].is_string()) return context.type_error(kParseRequest, 1, "string", args[0]);
  X509ReqPtr request;
  std::string der;
  std::string error;
  if (!load_request(args[0].as_string(), &request, &der, &error)) {
    return builtin_error(context, kParseRequest, error);
  }
  result = certificate_request_to_value(request.get(), der);
  return BuiltinStatus::Ok;
}

}  // namespace

void register_x509_builtins(Registry& registry) {
  registry.add(kParseCertificates, parse_certificates);
  registry.add(kParseRequest, parse_certificate_request);
}

}  // namespace regoc
