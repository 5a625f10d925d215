// Chain verification builtins: crypto.x509.parse_and_verify_certificates and
// crypto.x509.parse_and_verify_certificates_with_options. As in OPA, the first certificate is
// the root, the last is the leaf and those between are intermediates. The result is [true,
// chain from leaf to root] or [false, []]. External interface: register_x509_verify_builtins.
#include <ctime>
#include <set>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/x509_certificates.h"
#include "runtime/builtins/x509_fields.h"

namespace regoc {
namespace {

constexpr std::string_view kVerify = "crypto.x509.parse_and_verify_certificates";
constexpr std::string_view kVerifyWithOptions =
    "crypto.x509.parse_and_verify_certificates_with_options";

// The options of Go's x509.VerifyOptions that OPA accepts.
struct VerifyOptions {
  std::string dns_name;
  bool has_time = false;
  int64_t time_ns = 0;
  std::vector<std::string> key_usages;  // extended key usage OIDs; empty means server auth
  bool any_key_usage = false;
};

constexpr std::string_view kServerAuth = "1.3.6.1.5.5.7.3.1";

// OPA's names for the extended key usages, with their OIDs.
constexpr std::pair<std::string_view, std::string_view> kKeyUsageNames[] = {
    {"KeyUsageServerAuth", kServerAuth},
    {"KeyUsageClientAuth", "1.3.6.1.5.5.7.3.2"},
    {"KeyUsageCodeSigning", "1.3.6.1.5.5.7.3.3"},
    {"KeyUsageEmailProtection", "1.3.6.1.5.5.7.3.4"},
    {"KeyUsageIPSECEndSystem", "1.3.6.1.5.5.7.3.5"},
    {"KeyUsageIPSECTunnel", "1.3.6.1.5.5.7.3.6"},
    {"KeyUsageIPSECUser", "1.3.6.1.5.5.7.3.7"},
    {"KeyUsageTimeStamping", "1.3.6.1.5.5.7.3.8"},
    {"KeyUsageOCSPSigning", "1.3.6.1.5.5.7.3.9"},
    {"KeyUsageMicrosoftServerGatedCrypto", "1.3.6.1.4.1.311.10.3.3"},
    {"KeyUsageNetscapeServerGatedCrypto", "2.16.840.1.113730.4.1"},
    {"KeyUsageMicrosoftCommercialCodeSigning", "1.3.6.1.4.1.311.2.1.22"},
    {"KeyUsageMicrosoftKernelCodeSigning", "1.3.6.1.4.1.311.61.1.1"},
};

// The extended key usage OIDs of a certificate; *present is false without the extension.
std::set<std::string> extended_key_usages(X509* certificate, bool* present) {
  std::set<std::string> oids;
  auto* usages = static_cast<EXTENDED_KEY_USAGE*>(
      X509_get_ext_d2i(certificate, NID_ext_key_usage, nullptr, nullptr));
  *present = usages != nullptr;
  for (int i = 0; i < sk_ASN1_OBJECT_num(usages); ++i) {
    oids.insert(oid_text(sk_ASN1_OBJECT_value(usages, i)));
  }
  EXTENDED_KEY_USAGE_free(usages);
  return oids;
}

// Checks the chain as Go's checkChainForKeyUsage does: every certificate with an extended
// key usage extension must allow one requested usage that all the others allow too.
bool chain_allows_usage(STACK_OF(X509) * chain, const VerifyOptions& options) {
  if (options.any_key_usage) return true;
  std::vector<std::string> pending = options.key_usages;
  if (pending.empty()) pending.push_back(std::string(kServerAuth));
  for (int i = sk_X509_num(chain) - 1; i >= 0; --i) {
    bool present = false;
    std::set<std::string> usages = extended_key_usages(sk_X509_value(chain, i), &present);
    if (!present || usages.count("2.5.29.37.0") != 0) continue;
    std::erase_if(pending, [&usages](const std::string& usage) {
      bool server_gated = usage == kServerAuth &&
                          (usages.count("2.16.840.1.113730.4.1") != 0 ||
                           usages.count("1.3.6.1.4.1.311.10.3.3") != 0);
      return usages.count(usage) == 0 && !server_gated;
    });
    if (pending.empty()) return false;
  }
  return true;
}

// Frees a stack of certificates without freeing the certificates it lists.
struct StackDeleter {
  void operator()(STACK_OF(X509) * stack) const { sk_X509_free(stack); }
};

// Verifies the chain; on success stores the chain from leaf to root in *chain.
bool verify_chain(const std::vector<ParsedCertificate>& certificates,
                  const VerifyOptions& options, std::vector<ParsedCertificate>* chain) {
  if (certificates.size() < 2) return false;
  std::unique_ptr<X509_STORE, OpensslDeleter<X509_STORE, X509_STORE_free>> store(
      X509_STORE_new());
  X509_STORE_add_cert(store.get(), certificates.front().certificate.get());
  std::unique_ptr<STACK_OF(X509), StackDeleter> untrusted(sk_X509_new_null());
  for (size_t i = 1; i + 1 < certificates.size(); ++i) {
    sk_X509_push(untrusted.get(), certificates[i].certificate.get());
  }
  std::unique_ptr<X509_STORE_CTX, OpensslDeleter<X509_STORE_CTX, X509_STORE_CTX_free>> context(
      X509_STORE_CTX_new());
  X509_STORE_CTX_init(context.get(), store.get(), certificates.back().certificate.get(),
                      untrusted.get());
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(context.get());
  // Go trusts every certificate in the root pool, self-signed or not.
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
  if (options.has_time) {
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(options.time_ns / 1000000000));
  }
  if (!options.dns_name.empty()) X509_VERIFY_PARAM_set1_host(param, options.dns_name.c_str(), 0);
  if (X509_verify_cert(context.get()) != 1) return false;

  STACK_OF(X509)* verified = X509_STORE_CTX_get0_chain(context.get());
  if (!chain_allows_usage(verified, options)) return false;
  for (int i = 0; i < sk_X509_num(verified); ++i) {
    X509* certificate = sk_X509_value(verified, i);
    X509_up_ref(certificate);
    chain->push_back({X509Ptr(certificate), der_of(certificate, i2d_X509)});
  }
  return true;
}

Value invalid_result() { return Value::array({Value::boolean(false), Value::array()}); }

BuiltinStatus verify(BuiltinContext& context, std::span<const Value> args, Value& result) {
  if (!args[0].is_string()) return context.type_error(kVerify, 1, "string", args[0]);
  std::vector<ParsedCertificate> certificates, chain;
  std::string error;
  if (!load_certificates(args[0].as_string(), &certificates, &error) ||
      !verify_chain(certificates, VerifyOptions{}, &chain)) {
    result = invalid_result();
    return BuiltinStatus::Ok;
  }
  result = Value::array({Value::boolean(true), certificates_value(chain, true)});
  return BuiltinStatus::Ok;
}

bool read_key_usages(const Value& value, VerifyOptions* options, std::string* error) {
  if (!value.is_array() && !value.is_set()) {
    *error = "'KeyUsages' should be an Array or Set";
    return false;
  }
  std::string invalid;
  auto items = value.is_array() ? value.array_items() : value.set_items();
  for (const Value& item : items) {
    if (!item.is_string()) continue;
    std::string_view name = item.as_string();
    if (name == "KeyUsageAny") {
      options->any_key_usage = true;
      continue;
    }
    auto found = std::find_if(std::begin(kKeyUsageNames), std::end(kKeyUsageNames),
                              [name](const auto& entry) { return entry.first == name; });
    if (found != std::end(kKeyUsageNames)) {
      options->key_usages.emplace_back(found->second);
    } else {
      invalid += (invalid.empty() ? "" : " ") + std::string(name);
    }
  }
  if (!invalid.empty()) {
    *error = "invalid entries for 'KeyUsages' found: [" + invalid + "]";
    return false;
  }
  return true;
}

bool read_option(std::string_view name, const Value& value, VerifyOptions* options,
                 std::string* error) {
  if (name == "DNSName") {
    if (!value.is_string()) *error = "'DNSName' should be a string";
    else options->dns_name = value.as_string();
  } else if (name == "CurrentTime") {
    if (!value.is_number()) *error = "'CurrentTime' should be a number";
    else if (!value.as_int64(&options->time_ns)) {
      *error = "'CurrentTime' should be a valid int64 number";
    }
    options->has_time = error->empty();
  } else if (name == "MaxConstraintComparisons") {
    // NOTE: OpenSSL has no limit on name constraint comparisons, so the value is only checked.
    int64_t ignored = 0;
    if (!value.is_number()) *error = "'MaxConstraintComparisons' should be a number";
    else if (!value.as_int64(&ignored)) {
      *error = "'MaxConstraintComparisons' should be a valid number";
    }
  } else if (name == "KeyUsages") {
    return read_key_usages(value, options, error);
  } else {
    *error = "invalid key option";
  }
  return error->empty();
}

BuiltinStatus verify_with_options(BuiltinContext& context, std::span<const Value> args,
                                  Value& result) {
  if (!args[0].is_string()) return context.type_error(kVerifyWithOptions, 1, "string", args[0]);
  if (!args[1].is_object()) return context.type_error(kVerifyWithOptions, 2, "object", args[1]);
  std::vector<ParsedCertificate> certificates, chain;
  std::string error;
  if (!load_certificates(args[0].as_string(), &certificates, &error)) {
    result = invalid_result();
    return BuiltinStatus::Ok;
  }
  VerifyOptions options;
  for (const auto& [key, value] : args[1].object_entries()) {
    if (!key.is_string()) continue;
    if (!read_option(key.as_string(), value, &options, &error)) {
      return builtin_error(context, kVerifyWithOptions, error);
    }
  }
  if (!verify_chain(certificates, options, &chain)) {
    result = invalid_result();
    return BuiltinStatus::Ok;
  }
  result = Value::array({Value::boolean(true), certificates_value(chain, false)});
  return BuiltinStatus::Ok;
}

}  // namespace

void register_x509_verify_builtins(Registry& registry) {
  registry.add(kVerify, verify);
  registry.add(kVerifyWithOptions, verify_with_options);
}

}  // namespace regoc
