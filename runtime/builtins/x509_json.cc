// Certificates and certificate requests in the JSON form of Go's x509.Certificate and
// x509.CertificateRequest (Go 1.24 field set), read with OpenSSL. External interface:
// certificate_to_value and certificate_request_to_value of x509_json.h.
#include <openssl/x509v3.h>

#include "runtime/builtins/x509_fields.h"
#include "runtime/builtins/x509_json.h"
#include "runtime/number.h"

namespace regoc {
namespace {

Value int_value(int64_t number) { return Value::integer(number); }

Value asn1_integer_value(const ASN1_INTEGER* integer) {
  BignumPtr number(ASN1_INTEGER_to_BN(integer, nullptr));
  if (!number) return Value::integer(0);
  return Value::number(*Number::parse(bignum_decimal(number.get())));
}

std::string octets(const ASN1_STRING* text) {
  if (text == nullptr) return "";
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                     static_cast<size_t>(ASN1_STRING_length(text)));
}

// Go's KeyUsage bits: bit i is bit i of the ASN.1 BIT STRING (digitalSignature is 1).
int64_t key_usage(X509* certificate) {
  uint32_t flags = X509_get_key_usage(certificate);
  if (flags == UINT32_MAX) return 0;
  constexpr uint32_t kOpensslBits[] = {KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION,
                                       KU_KEY_ENCIPHERMENT,  KU_DATA_ENCIPHERMENT,
                                       KU_KEY_AGREEMENT,     KU_KEY_CERT_SIGN,
                                       KU_CRL_SIGN,          KU_ENCIPHER_ONLY,
                                       KU_DECIPHER_ONLY};
  int64_t usage = 0;
  for (int bit = 0; bit < 9; ++bit) {
    if ((flags & kOpensslBits[bit]) != 0) usage |= int64_t{1} << bit;
  }
  return usage;
}

// Go's ExtKeyUsage numbers, in order from 0 (any).
constexpr std::string_view kExtKeyUsages[] = {
    "2.5.29.37.0",           "1.3.6.1.5.5.7.3.1",      "1.3.6.1.5.5.7.3.2",
    "1.3.6.1.5.5.7.3.3",     "1.3.6.1.5.5.7.3.4",      "1.3.6.1.5.5.7.3.5",
    "1.3.6.1.5.5.7.3.6",     "1.3.6.1.5.5.7.3.7",      "1.3.6.1.5.5.7.3.8",
    "1.3.6.1.5.5.7.3.9",     "1.3.6.1.4.1.311.10.3.3", "2.16.840.1.113730.4.1",
    "1.3.6.1.4.1.311.2.1.22", "1.3.6.1.4.1.311.61.1.1",
};

void add_ext_key_usage(X509* certificate, std::vector<Value::Entry>* fields) {
  std::vector<Value> known, unknown;
  auto* usages = static_cast<EXTENDED_KEY_USAGE*>(
      X509_get_ext_d2i(certificate, NID_ext_key_usage, nullptr, nullptr));
  for (int i = 0; i < sk_ASN1_OBJECT_num(usages); ++i) {
    std::string oid = oid_text(sk_ASN1_OBJECT_value(usages, i));
    auto found = std::find(std::begin(kExtKeyUsages), std::end(kExtKeyUsages), oid);
    if (found == std::end(kExtKeyUsages)) {
      unknown.push_back(oid_value(oid));
    } else {
      known.push_back(int_value(found - std::begin(kExtKeyUsages)));
    }
  }
  EXTENDED_KEY_USAGE_free(usages);
  fields->push_back(field("ExtKeyUsage", value_list(std::move(known))));
  fields->push_back(field("UnknownExtKeyUsage", value_list(std::move(unknown))));
}

void add_basic_constraints(X509* certificate, std::vector<Value::Entry>* fields) {
  auto* constraints = static_cast<BASIC_CONSTRAINTS*>(
      X509_get_ext_d2i(certificate, NID_basic_constraints, nullptr, nullptr));
  int64_t max_path = 0;
  if (constraints != nullptr) {
    max_path = -1;
    if (constraints->pathlen != nullptr) ASN1_INTEGER_get_int64(&max_path, constraints->pathlen);
  }
  fields->push_back(field("BasicConstraintsValid", Value::boolean(constraints != nullptr)));
  fields->push_back(field("IsCA", Value::boolean(constraints != nullptr && constraints->ca)));
  fields->push_back(field("MaxPathLen", int_value(max_path)));
  fields->push_back(field("MaxPathLenZero", Value::boolean(constraints != nullptr &&
                                                           max_path == 0)));
  BASIC_CONSTRAINTS_free(constraints);
}

void add_access_fields(X509* certificate, std::vector<Value::Entry>* fields) {
  std::vector<std::string> ocsp, issuers, crl;
  auto* access = static_cast<AUTHORITY_INFO_ACCESS*>(
      X509_get_ext_d2i(certificate, NID_info_access, nullptr, nullptr));
  for (int i = 0; i < sk_ACCESS_DESCRIPTION_num(access); ++i) {
    ACCESS_DESCRIPTION* description = sk_ACCESS_DESCRIPTION_value(access, i);
    if (description->location->type != GEN_URI) continue;
    std::string uri = octets(description->location->d.uniformResourceIdentifier);
    int method = OBJ_obj2nid(description->method);
    if (method == NID_ad_OCSP) ocsp.push_back(uri);
    if (method == NID_ad_ca_issuers) issuers.push_back(uri);
  }
  AUTHORITY_INFO_ACCESS_free(access);

  auto* points = static_cast<CRL_DIST_POINTS*>(
      X509_get_ext_d2i(certificate, NID_crl_distribution_points, nullptr, nullptr));
  for (int i = 0; i < sk_DIST_POINT_num(points); ++i) {
    DIST_POINT* point = sk_DIST_POINT_value(points, i);
    if (point->distpoint == nullptr || point->distpoint->type != 0) continue;
    AlternativeNames names;
    collect_general_names(point->distpoint->name.fullname, &names);
    crl.insert(crl.end(), names.uri.begin(), names.uri.end());
  }
  CRL_DIST_POINTS_free(points);
  fields->push_back(field("OCSPServer", string_list(ocsp)));
  fields->push_back(field("IssuingCertificateURL", string_list(issuers)));
  fields->push_back(field("CRLDistributionPoints", string_list(crl)));
}

// Adds Go's name constraint fields for one list of subtrees; `prefix` is "Permitted" or
// "Excluded".
void add_subtrees(const STACK_OF(GENERAL_SUBTREE) * subtrees, std::string_view prefix,
                  std::vector<Value::Entry>* fields) {
  std::vector<std::string> dns, email, uri;
  std::vector<Value> ranges;
  for (int i = 0; i < sk_GENERAL_SUBTREE_num(subtrees); ++i) {
    const GENERAL_NAME* base = sk_GENERAL_SUBTREE_value(subtrees, i)->base;
    switch (base->type) {
      case GEN_DNS: dns.push_back(octets(base->d.dNSName)); break;
      case GEN_EMAIL: email.push_back(octets(base->d.rfc822Name)); break;
      case GEN_URI: uri.push_back(octets(base->d.uniformResourceIdentifier)); break;
      case GEN_IPADD: {
        std::string bytes = octets(base->d.iPAddress);
        size_t half = bytes.size() / 2;
        ranges.push_back(Value::object({field("IP", Value::string(ip_text(bytes.substr(0, half)))),
                                        field("Mask", bytes_value(bytes.substr(half)))}));
        break;
      }
      default: break;
    }
  }
  std::string name(prefix);
  fields->push_back(field(name + "DNSDomains", string_list(dns)));
  fields->push_back(field(name + "IPRanges", value_list(std::move(ranges))));
  fields->push_back(field(name + "EmailAddresses", string_list(email)));
  fields->push_back(field(name + "URIDomains", string_list(uri)));
}

void add_name_constraints(X509* certificate, std::vector<Value::Entry>* fields) {
  int critical = 0;
  auto* constraints = static_cast<NAME_CONSTRAINTS*>(
      X509_get_ext_d2i(certificate, NID_name_constraints, &critical, nullptr));
  fields->push_back(field("PermittedDNSDomainsCritical",
                          Value::boolean(constraints != nullptr && critical == 1)));
  add_subtrees(constraints ? constraints->permittedSubtrees : nullptr, "Permitted", fields);
  add_subtrees(constraints ? constraints->excludedSubtrees : nullptr, "Excluded", fields);
  NAME_CONSTRAINTS_free(constraints);
}

// Adds an optional policy count and its "<name>Zero" flag; absent counts are 0.
void add_policy_count(std::string_view name, const ASN1_INTEGER* count,
                      std::vector<Value::Entry>* fields) {
  int64_t value = 0;
  if (count != nullptr) ASN1_INTEGER_get_int64(&value, count);
  fields->push_back(field(name, int_value(value)));
  fields->push_back(field(std::string(name) + "Zero", Value::boolean(count != nullptr &&
                                                                     value == 0)));
}

void add_policies(X509* certificate, std::vector<Value::Entry>* fields) {
  std::vector<Value> identifiers, policies, mappings;
  auto* info = static_cast<CERTIFICATEPOLICIES*>(
      X509_get_ext_d2i(certificate, NID_certificate_policies, nullptr, nullptr));
  for (int i = 0; i < sk_POLICYINFO_num(info); ++i) {
    const ASN1_OBJECT* policy = sk_POLICYINFO_value(info, i)->policyid;
    identifiers.push_back(oid_value(policy));
    policies.push_back(Value::string(oid_text(policy)));
  }
  CERTIFICATEPOLICIES_free(info);

  auto* policy_mappings = static_cast<POLICY_MAPPINGS*>(
      X509_get_ext_d2i(certificate, NID_policy_mappings, nullptr, nullptr));
  for (int i = 0; i < sk_POLICY_MAPPING_num(policy_mappings); ++i) {
    POLICY_MAPPING* mapping = sk_POLICY_MAPPING_value(policy_mappings, i);
    mappings.push_back(Value::object(
        {field("IssuerDomainPolicy", Value::string(oid_text(mapping->issuerDomainPolicy))),
         field("SubjectDomainPolicy", Value::string(oid_text(mapping->subjectDomainPolicy)))}));
  }
  sk_POLICY_MAPPING_pop_free(policy_mappings, POLICY_MAPPING_free);

  auto* constraints = static_cast<POLICY_CONSTRAINTS*>(
      X509_get_ext_d2i(certificate, NID_policy_constraints, nullptr, nullptr));
  auto* inhibit_any = static_cast<ASN1_INTEGER*>(
      X509_get_ext_d2i(certificate, NID_inhibit_any_policy, nullptr, nullptr));
  fields->push_back(field("PolicyIdentifiers", value_list(std::move(identifiers))));
  fields->push_back(field("Policies", value_list(std::move(policies))));
  add_policy_count("InhibitAnyPolicy", inhibit_any, fields);
  add_policy_count("InhibitPolicyMapping",
                   constraints ? constraints->inhibitPolicyMapping : nullptr, fields);
  add_policy_count("RequireExplicitPolicy",
                   constraints ? constraints->requireExplicitPolicy : nullptr, fields);
  fields->push_back(field("PolicyMappings", value_list(std::move(mappings))));
  POLICY_CONSTRAINTS_free(constraints);
  ASN1_INTEGER_free(inhibit_any);
}

// Critical extensions that Go's parser does not interpret, which it lists so that
// verification can reject them.
Value unhandled_critical(const STACK_OF(X509_EXTENSION) * extensions) {
  constexpr int kHandled[] = {NID_subject_key_identifier, NID_key_usage,
                              NID_subject_alt_name,       NID_basic_constraints,
                              NID_name_constraints,       NID_crl_distribution_points,
                              NID_certificate_policies,   NID_policy_mappings,
                              NID_authority_key_identifier, NID_policy_constraints,
                              NID_ext_key_usage,          NID_inhibit_any_policy};
  std::vector<Value> unhandled;
  for (int i = 0; i < sk_X509_EXTENSION_num(extensions); ++i) {
    X509_EXTENSION* extension = sk_X509_EXTENSION_value(extensions, i);
    if (X509_EXTENSION_get_critical(extension) != 1) continue;
    int nid = OBJ_obj2nid(X509_EXTENSION_get_object(extension));
    if (std::find(std::begin(kHandled), std::end(kHandled), nid) != std::end(kHandled)) continue;
    unhandled.push_back(oid_value(X509_EXTENSION_get_object(extension)));
  }
  return value_list(std::move(unhandled));
}

void add_signature_fields(const ASN1_BIT_STRING* signature, const X509_ALGOR* algorithm,
                          EVP_PKEY* key, std::vector<Value::Entry>* fields) {
  fields->push_back(field("Signature", bytes_value(octets(signature))));
  fields->push_back(field("SignatureAlgorithm", int_value(signature_algorithm(algorithm))));
  fields->push_back(field("PublicKeyAlgorithm", int_value(public_key_algorithm(key))));
  fields->push_back(field("PublicKey", public_key_to_value(key)));
}

}  // namespace

Value certificate_to_value(X509* certificate, std::string_view der, bool uri_strings) {
  std::vector<Value::Entry> fields;
  fields.push_back(field("Raw", bytes_value(der)));
  fields.push_back(field("RawTBSCertificate", bytes_value(first_der_element(der))));
  fields.push_back(field("RawSubjectPublicKeyInfo",
                         bytes_value(der_of(X509_get_X509_PUBKEY(certificate), i2d_X509_PUBKEY))));
  fields.push_back(field("RawSubject",
                         bytes_value(der_of(X509_get_subject_name(certificate), i2d_X509_NAME))));
  fields.push_back(field("RawIssuer",
                         bytes_value(der_of(X509_get_issuer_name(certificate), i2d_X509_NAME))));

  const ASN1_BIT_STRING* signature = nullptr;
  const X509_ALGOR* algorithm = nullptr;
  X509_get0_signature(&signature, &algorithm, certificate);
  EVP_PKEY* key = X509_get0_pubkey(certificate);
  add_signature_fields(signature, algorithm, key, &fields);

  fields.push_back(field("Version", int_value(X509_get_version(certificate) + 1)));
  fields.push_back(field("SerialNumber",
                         asn1_integer_value(X509_get0_serialNumber(certificate))));
  fields.push_back(field("Issuer", name_value(X509_get_issuer_name(certificate))));
  fields.push_back(field("Subject", name_value(X509_get_subject_name(certificate))));
  fields.push_back(field("NotBefore", time_value(X509_get0_notBefore(certificate))));
  fields.push_back(field("NotAfter", time_value(X509_get0_notAfter(certificate))));
  fields.push_back(field("KeyUsage", int_value(key_usage(certificate))));

  const STACK_OF(X509_EXTENSION)* extensions = X509_get0_extensions(certificate);
  fields.push_back(field("Extensions", extensions_value(extensions)));
  fields.push_back(field("ExtraExtensions", Value::null()));
  fields.push_back(field("UnhandledCriticalExtensions", unhandled_critical(extensions)));
  add_ext_key_usage(certificate, &fields);
  add_basic_constraints(certificate, &fields);

  const ASN1_OCTET_STRING* subject_key_id = X509_get0_subject_key_id(certificate);
  const ASN1_OCTET_STRING* authority_key_id = X509_get0_authority_key_id(certificate);
  fields.push_back(field("SubjectKeyId", subject_key_id ? bytes_value(octets(subject_key_id))
                                                        : Value::null()));
  fields.push_back(field("AuthorityKeyId", authority_key_id
                                               ? bytes_value(octets(authority_key_id))
                                               : Value::null()));
  add_access_fields(certificate, &fields);

  AlternativeNames names;
  auto* alternative = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
  collect_general_names(alternative, &names);
  GENERAL_NAMES_free(alternative);
  add_alternative_name_fields(names, &fields);
  if (uri_strings) fields.push_back(field("URIStrings", string_list(names.uri)));

  add_name_constraints(certificate, &fields);
  add_policies(certificate, &fields);
  return Value::object(std::move(fields));
}

Value certificate_request_to_value(X509_REQ* request, std::string_view der) {
  std::vector<Value::Entry> fields;
  fields.push_back(field("Raw", bytes_value(der)));
  fields.push_back(field("RawTBSCertificateRequest", bytes_value(first_der_element(der))));
  fields.push_back(field("RawSubjectPublicKeyInfo",
                         bytes_value(der_of(X509_REQ_get_X509_PUBKEY(request), i2d_X509_PUBKEY))));
  fields.push_back(field("RawSubject",
                         bytes_value(der_of(X509_REQ_get_subject_name(request), i2d_X509_NAME))));
  fields.push_back(field("Version", int_value(X509_REQ_get_version(request))));

  const ASN1_BIT_STRING* signature = nullptr;
  const X509_ALGOR* algorithm = nullptr;
  X509_REQ_get0_signature(request, &signature, &algorithm);
  EvpPkeyPtr key(X509_REQ_get_pubkey(request));
  add_signature_fields(signature, algorithm, key.get(), &fields);
  fields.push_back(field("Subject", name_value(X509_REQ_get_subject_name(request))));

  STACK_OF(X509_EXTENSION)* extensions = X509_REQ_get_extensions(request);
  // Go lists the extension request as an attribute whose value is one set of
  // {Type, Value} pairs: each extension's OID and its encoded value.
  std::vector<Value> pairs;
  AlternativeNames names;
  for (int i = 0; i < sk_X509_EXTENSION_num(extensions); ++i) {
    X509_EXTENSION* extension = sk_X509_EXTENSION_value(extensions, i);
    pairs.push_back(Value::object(
        {field("Type", oid_value(X509_EXTENSION_get_object(extension))),
         field("Value", bytes_value(octets(X509_EXTENSION_get_data(extension))))}));
    if (OBJ_obj2nid(X509_EXTENSION_get_object(extension)) == NID_subject_alt_name) {
      auto* alternative = static_cast<GENERAL_NAMES*>(X509V3_EXT_d2i(extension));
      collect_general_names(alternative, &names);
      GENERAL_NAMES_free(alternative);
    }
  }
  std::vector<Value> attributes;
  if (extensions != nullptr) {
    attributes.push_back(Value::object({field("Type", oid_value("1.2.840.113549.1.9.14")),
                                        field("Value", Value::array({Value::array(pairs)}))}));
  }
  fields.push_back(field("Attributes", value_list(std::move(attributes))));
  fields.push_back(field("Extensions", extensions_value(extensions)));
  fields.push_back(field("ExtraExtensions", Value::null()));
  add_alternative_name_fields(names, &fields);
  sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
  return Value::object(std::move(fields));
}

}  // namespace regoc
