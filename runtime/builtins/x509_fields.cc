// Go's JSON form of the parts of X.509 data: names, times, OIDs, extensions, general names
// and URLs, read with OpenSSL. External interface: x509_fields.h.
#include "runtime/builtins/x509_fields.h"

#include <arpa/inet.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <cctype>
#include <ctime>

#include "runtime/builtins/crypto_encoding.h"
#include "runtime/number.h"

namespace regoc {

Value bytes_value(std::string_view bytes) { return Value::string(base64_std_encode(bytes)); }

Value string_list(const std::vector<std::string>& items) {
  if (items.empty()) return Value::null();
  std::vector<Value> values;
  for (const std::string& item : items) values.push_back(Value::string(item));
  return Value::array(std::move(values));
}

Value value_list(std::vector<Value> items) {
  if (items.empty()) return Value::null();
  return Value::array(std::move(items));
}

std::string oid_text(const ASN1_OBJECT* oid) {
  char buffer[256];
  int size = OBJ_obj2txt(buffer, sizeof buffer, oid, 1);
  if (size <= 0) return "";
  return std::string(buffer, std::min(static_cast<size_t>(size), sizeof buffer - 1));
}

Value oid_value(std::string_view dotted) {
  std::vector<Value> arcs;
  size_t start = 0;
  while (start <= dotted.size()) {
    size_t dot = dotted.find('.', start);
    std::string_view arc = dotted.substr(start, dot - start);
    if (std::optional<Number> number = Number::parse(arc)) arcs.push_back(Value::number(*number));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return Value::array(std::move(arcs));
}

Value oid_value(const ASN1_OBJECT* oid) { return oid_value(oid_text(oid)); }

namespace {

std::string asn1_string_utf8(const ASN1_STRING* text) {
  unsigned char* utf8 = nullptr;
  int size = ASN1_STRING_to_UTF8(&utf8, text);
  if (size < 0) return "";
  std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(size));
  OPENSSL_free(utf8);
  return out;
}

// The pkix.Name field that Go fills for an attribute of the 2.5.4 arc, or "" for none.
// CommonName and SerialNumber are single strings; the others are lists.
std::string_view name_field(std::string_view oid) {
  if (oid == "2.5.4.3") return "CommonName";
  if (oid == "2.5.4.5") return "SerialNumber";
  if (oid == "2.5.4.6") return "Country";
  if (oid == "2.5.4.7") return "Locality";
  if (oid == "2.5.4.8") return "Province";
  if (oid == "2.5.4.9") return "StreetAddress";
  if (oid == "2.5.4.10") return "Organization";
  if (oid == "2.5.4.11") return "OrganizationalUnit";
  if (oid == "2.5.4.17") return "PostalCode";
  return "";
}

}  // namespace

Value name_value(const X509_NAME* name) {
  constexpr std::string_view kLists[] = {"Country",       "Organization", "OrganizationalUnit",
                                         "Locality",      "Province",     "StreetAddress",
                                         "PostalCode"};
  std::vector<std::pair<std::string_view, std::vector<std::string>>> lists;
  for (std::string_view list : kLists) lists.emplace_back(list, std::vector<std::string>{});
  std::string common_name, serial_number;
  std::vector<Value> names;

  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    std::string oid = oid_text(X509_NAME_ENTRY_get_object(entry));
    std::string text = asn1_string_utf8(X509_NAME_ENTRY_get_data(entry));
    names.push_back(Value::object({field("Type", oid_value(oid)), field("Value",
                                                                        Value::string(text))}));
    std::string_view target = name_field(oid);
    if (target == "CommonName") common_name = text;
    if (target == "SerialNumber") serial_number = text;
    for (auto& [list_name, items] : lists) {
      if (list_name == target) items.push_back(text);
    }
  }

  std::vector<Value::Entry> fields;
  for (const auto& [list_name, items] : lists) {
    fields.push_back(field(list_name, string_list(items)));
  }
  fields.push_back(field("CommonName", Value::string(common_name)));
  fields.push_back(field("SerialNumber", Value::string(serial_number)));
  fields.push_back(field("Names", value_list(std::move(names))));
  fields.push_back(field("ExtraNames", Value::null()));
  return Value::object(std::move(fields));
}

Value time_value(const ASN1_TIME* time) {
  struct tm parts = {};
  if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) {
    return Value::string("0001-01-01T00:00:00Z");
  }
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return Value::string(buffer);
}

std::string first_der_element(std::string_view der) {
  // Reads the tag and length at `offset`; returns the header size and sets *length.
  auto header = [&der](size_t offset, size_t* length) -> size_t {
    if (offset + 2 > der.size()) return 0;
    auto first = static_cast<unsigned char>(der[offset + 1]);
    if (first < 0x80) {
      *length = first;
      return 2;
    }
    size_t count = first & 0x7F;
    if (count == 0 || count > 4 || offset + 2 + count > der.size()) return 0;
    *length = 0;
    for (size_t i = 0; i < count; ++i) {
      *length = (*length << 8) | static_cast<unsigned char>(der[offset + 2 + i]);
    }
    return 2 + count;
  };
  size_t outer_length = 0;
  size_t outer_header = header(0, &outer_length);
  if (outer_header == 0) return "";
  size_t inner_length = 0;
  size_t inner_header = header(outer_header, &inner_length);
  if (inner_header == 0 || outer_header + inner_header + inner_length > der.size()) return "";
  return std::string(der.substr(outer_header, inner_header + inner_length));
}

Value extensions_value(const STACK_OF(X509_EXTENSION) * extensions) {
  std::vector<Value> items;
  for (int i = 0; i < sk_X509_EXTENSION_num(extensions); ++i) {
    X509_EXTENSION* extension = sk_X509_EXTENSION_value(extensions, i);
    const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(extension);
    std::string_view bytes(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                           static_cast<size_t>(ASN1_STRING_length(data)));
    items.push_back(Value::object({
        field("Id", oid_value(X509_EXTENSION_get_object(extension))),
        field("Critical", Value::boolean(X509_EXTENSION_get_critical(extension) == 1)),
        field("Value", bytes_value(bytes)),
    }));
  }
  return value_list(std::move(items));
}

std::string ip_text(std::string_view bytes) {
  char buffer[INET6_ADDRSTRLEN] = {};
  constexpr std::string_view kMappedPrefix("\0\0\0\0\0\0\0\0\0\0\xff\xff", 12);
  if (bytes.size() == 16 && bytes.starts_with(kMappedPrefix)) bytes.remove_prefix(12);
  if (bytes.size() == 4) {
    inet_ntop(AF_INET, bytes.data(), buffer, sizeof buffer);
  } else if (bytes.size() == 16) {
    inet_ntop(AF_INET6, bytes.data(), buffer, sizeof buffer);
  } else {
    return "?" + hex_encode(bytes);  // Go's text for an IP of invalid length
  }
  return buffer;
}

void collect_general_names(const GENERAL_NAMES* names, AlternativeNames* out) {
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    const ASN1_STRING* text = nullptr;
    std::vector<std::string>* list = nullptr;
    switch (name->type) {
      case GEN_DNS: text = name->d.dNSName, list = &out->dns; break;
      case GEN_EMAIL: text = name->d.rfc822Name, list = &out->email; break;
      case GEN_URI: text = name->d.uniformResourceIdentifier, list = &out->uri; break;
      case GEN_IPADD: text = name->d.iPAddress, list = &out->ip; break;
      default: continue;
    }
    std::string bytes(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                      static_cast<size_t>(ASN1_STRING_length(text)));
    list->push_back(name->type == GEN_IPADD ? ip_text(bytes) : bytes);
  }
}

Value url_value(std::string_view uri) {
  std::string scheme, opaque, host, path, query, fragment;
  bool has_user = false;
  bool force_query = false;
  std::string_view rest = uri;
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
    fragment = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
  }

  size_t colon = rest.find(':');
  if (colon != std::string_view::npos && colon > 0 && std::isalpha(rest[0]) &&
      rest.substr(0, colon).find_first_of("/?") == std::string_view::npos) {
    for (char c : rest.substr(0, colon)) scheme += static_cast<char>(std::tolower(c));
    rest.remove_prefix(colon + 1);
  }
  if (size_t question = rest.find('?'); question != std::string_view::npos) {
    query = rest.substr(question + 1);
    force_query = query.empty();
    rest = rest.substr(0, question);
  }

  if (!scheme.empty() && !rest.starts_with("/")) {
    opaque = rest;
  } else {
    if (rest.starts_with("//")) {
      rest.remove_prefix(2);
      size_t slash = rest.find('/');
      std::string_view authority = rest.substr(0, slash);
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
      if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
        has_user = true;
        authority.remove_prefix(at + 1);
      }
      host = authority;
    }
    path = rest;
  }

  // NOTE: percent-escapes are kept as written; Go would unescape Path and Fragment and
  // keep the escaped text in RawPath and RawFragment.
  return Value::object({
      field("Scheme", Value::string(scheme)),      field("Opaque", Value::string(opaque)),
      field("User", has_user ? Value::object() : Value::null()),
      field("Host", Value::string(host)),          field("Path", Value::string(path)),
      field("RawPath", Value::string("")),         field("OmitHost", Value::boolean(false)),
      field("ForceQuery", Value::boolean(force_query)),
      field("RawQuery", Value::string(query)),     field("Fragment", Value::string(fragment)),
      field("RawFragment", Value::string("")),
  });
}

void add_alternative_name_fields(const AlternativeNames& names,
                                 std::vector<Value::Entry>* fields) {
  std::vector<Value> urls;
  for (const std::string& uri : names.uri) urls.push_back(url_value(uri));
  fields->push_back(field("DNSNames", string_list(names.dns)));
  fields->push_back(field("EmailAddresses", string_list(names.email)));
  fields->push_back(field("IPAddresses", string_list(names.ip)));
  fields->push_back(field("URIs", value_list(std::move(urls))));
}

namespace {

// Go's number for RSASSA-PSS: 13, 14 or 15 by the hash in the parameters; 0 otherwise.
int pss_algorithm(const X509_ALGOR* algorithm) {
  const ASN1_OBJECT* oid = nullptr;
  int parameter_type = 0;
  const void* parameter = nullptr;
  X509_ALGOR_get0(&oid, &parameter_type, &parameter, algorithm);
  if (parameter_type != V_ASN1_SEQUENCE) return 0;
  ASN1_TYPE type;
  type.type = V_ASN1_SEQUENCE;
  type.value.sequence = static_cast<ASN1_STRING*>(const_cast<void*>(parameter));
  auto* pss = static_cast<RSA_PSS_PARAMS*>(
      ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(RSA_PSS_PARAMS), &type));
  if (pss == nullptr) return 0;
  int hash = pss->hashAlgorithm == nullptr ? NID_sha1 : OBJ_obj2nid(pss->hashAlgorithm->algorithm);
  RSA_PSS_PARAMS_free(pss);
  switch (hash) {
    case NID_sha256: return 13;
    case NID_sha384: return 14;
    case NID_sha512: return 15;
    default: return 0;
  }
}

}  // namespace

int signature_algorithm(const X509_ALGOR* algorithm) {
  const ASN1_OBJECT* oid = nullptr;
  X509_ALGOR_get0(&oid, nullptr, nullptr, algorithm);
  switch (OBJ_obj2nid(oid)) {
    case NID_md2WithRSAEncryption: return 1;
    case NID_md5WithRSAEncryption: return 2;
    case NID_sha1WithRSAEncryption:
    case NID_sha1WithRSA: return 3;
    case NID_sha256WithRSAEncryption: return 4;
    case NID_sha384WithRSAEncryption: return 5;
    case NID_sha512WithRSAEncryption: return 6;
    case NID_dsaWithSHA1: return 7;
    case NID_dsa_with_SHA256: return 8;
    case NID_ecdsa_with_SHA1: return 9;
    case NID_ecdsa_with_SHA256: return 10;
    case NID_ecdsa_with_SHA384: return 11;
    case NID_ecdsa_with_SHA512: return 12;
    case NID_rsassaPss: return pss_algorithm(algorithm);
    case NID_ED25519: return 16;
    default: return 0;
  }
}

}  // namespace regoc
