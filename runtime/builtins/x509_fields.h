// Pieces of Go's JSON form of X.509 data shared by certificates and certificate requests:
// object identifiers, distinguished names, times, extensions, general names and byte
// strings. Internal to the x509 builtins.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/builtins/crypto_openssl.h"
#include "runtime/value.h"

namespace regoc {

/// Makes an object entry; the x509 values are objects with Go's field names as keys.
inline Value::Entry field(std::string_view name, Value value) {
  return {Value::string(name), std::move(value)};
}

/// Returns base64 text of `bytes`, as Go writes a []byte.
Value bytes_value(std::string_view bytes);
/// Returns the list of strings, or null when it is empty (a nil slice in Go).
Value string_list(const std::vector<std::string>& items);
/// Returns a list of values, or null when it is empty.
Value value_list(std::vector<Value> items);

/// Returns the dotted text of an OID ("2.5.4.3").
std::string oid_text(const ASN1_OBJECT* oid);
/// Returns an OID as Go writes asn1.ObjectIdentifier: a list of numbers.
Value oid_value(const ASN1_OBJECT* oid);
Value oid_value(std::string_view dotted);

/// Returns a pkix.Name: the attributes Go names (CommonName, Country, ...) and every
/// attribute in order under "Names".
Value name_value(const X509_NAME* name);

/// Returns a time as Go writes time.Time: RFC 3339 in UTC ("2020-07-10T16:00:30Z").
Value time_value(const ASN1_TIME* time);

/// Returns the DER encoding of an ASN.1 object through its i2d function.
template <typename T, typename Encoder>
std::string der_of(T* object, Encoder i2d) {
  unsigned char* buffer = nullptr;
  int size = i2d(object, &buffer);
  if (size <= 0) return "";
  std::string out(reinterpret_cast<char*>(buffer), static_cast<size_t>(size));
  OPENSSL_free(buffer);
  return out;
}

/// Returns the first element inside the DER SEQUENCE `der` (the to-be-signed part of a
/// certificate or request), or "" when `der` is malformed.
std::string first_der_element(std::string_view der);

/// Returns the list of pkix.Extension values ({"Id", "Critical", "Value"}), or null.
Value extensions_value(const STACK_OF(X509_EXTENSION) * extensions);

/// The subject alternative names that Go lists: DNSNames, EmailAddresses, IPAddresses and
/// URIs (as text).
struct AlternativeNames {
  std::vector<std::string> dns;
  std::vector<std::string> email;
  std::vector<std::string> ip;
  std::vector<std::string> uri;
};

/// Adds the names in `names` (may be null) to *out.
void collect_general_names(const GENERAL_NAMES* names, AlternativeNames* out);

/// Returns an IP address as Go's net.IP text ("10.0.0.1", "2001:db8::1").
std::string ip_text(std::string_view bytes);

/// Returns a URI as Go writes *url.URL (Scheme, Host, Path, ...).
Value url_value(std::string_view uri);

/// Adds DNSNames, EmailAddresses, IPAddresses and URIs fields for `names` to *fields.
void add_alternative_name_fields(const AlternativeNames& names,
                                 std::vector<Value::Entry>* fields);

/// Returns Go's x509.SignatureAlgorithm number for a signature algorithm identifier.
int signature_algorithm(const X509_ALGOR* algorithm);

}  // namespace regoc
