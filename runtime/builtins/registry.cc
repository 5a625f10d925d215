// The global builtin registry: OPA's declarations (generated into declarations.inc) with the
// functions of every implemented family attached. External interface: find_builtin,
// all_builtins and the Registry class of registry.h.
#include "runtime/builtins/registry.h"

#include <algorithm>
#include <utility>

#include "runtime/builtins/http_send.h"
#include "runtime/builtins/rego_metadata.h"
#include "runtime/builtins/rego_module.h"

namespace regoc {
namespace {

// One builtin as OPA's capabilities file declares it.
struct BuiltinDeclaration {
  const char* name;
  int arity;  // -1 when variadic
  const char* declaration;
  const char* infix;
  bool nondeterministic;
  bool relation;
  bool deprecated;
};

constexpr BuiltinDeclaration kDeclarations[] = {
#include "runtime/builtins/declarations.inc"
};

struct GlobalRegistry {
  Registry registry;
  std::vector<const Builtin*> pointers;

  GlobalRegistry() {
    register_comparison_builtins(registry);
    register_number_builtins(registry);
    register_aggregate_builtins(registry);
    register_set_builtins(registry);
    register_membership_builtins(registry);
    register_string_builtins(registry);
    register_trim_builtins(registry);
    register_sprintf_builtins(registry);
    register_type_builtins(registry);
    register_array_builtins(registry);
    register_object_builtins(registry);
    register_json_filter_builtins(registry);
    register_json_patch_builtins(registry);
    register_regex_glob_builtins(registry);
    register_array_flatten_builtins(registry);
    register_yaml_builtins(registry);
    register_opa_runtime_builtins(registry);
    register_json_marshal_options_builtins(registry);
    register_glob_builtins(registry);
    register_regex_builtins(registry);
    register_net_builtins(registry);
    register_net_cidr_builtins(registry);
    register_time_builtins(registry);
    register_time_calendar_builtins(registry);
    register_unit_builtins(registry);
    register_semver_builtins(registry);
    register_uuid_builtins(registry);
    register_rand_builtins(registry);
    register_graph_builtins(registry);
    register_walk_builtins(registry);
    register_print_builtins(registry);
    register_template_string_builtins(registry);
    register_encoding_builtins(registry);
    register_urlquery_builtins(registry);
    register_bits_builtins(registry);
    register_graphql_builtins(registry);
    register_crypto_builtins(registry);
    register_jwt_decode_builtins(registry);
    register_jwt_verify_builtins(registry);
    register_jwt_sign_builtins(registry);
    register_crypto_key_builtins(registry);
    register_x509_builtins(registry);
    register_x509_verify_builtins(registry);
    register_x509_keypair_builtins(registry);
    register_rego_module_builtins(registry);
    register_rego_metadata_builtins(registry);
    register_http_send_builtins(registry);
    register_render_template_builtins(registry);
    register_json_schema_builtins(registry);
    register_aws_sign_builtins(registry);
  register_uri_builtins(registry);

    for (const Builtin& builtin : registry.builtins()) pointers.push_back(&builtin);
  }
};

// Built on first use; C++ makes the initialization of a function-local static thread-safe.
const GlobalRegistry& global_registry() {
  static const GlobalRegistry global;
  return global;
}

}  // namespace

Registry::Registry() {
  builtins_.reserve(std::size(kDeclarations));
  for (const BuiltinDeclaration& declaration : kDeclarations) {
    Builtin builtin;
    builtin.name = declaration.name;
    builtin.arity = declaration.arity;
    builtin.nondeterministic = declaration.nondeterministic;
    builtin.declaration = declaration.declaration;
    builtin.infix = declaration.infix;
    builtin.relation = declaration.relation;
    builtin.deprecated = declaration.deprecated;
    builtins_.push_back(std::move(builtin));
  }
  std::sort(builtins_.begin(), builtins_.end(),
            [](const Builtin& a, const Builtin& b) { return a.name < b.name; });
}

void Registry::add(std::string_view name, BuiltinFunction function) {
  Builtin* builtin = find_mutable(name);
  if (builtin == nullptr) {
    undeclared_.emplace_back(name);
    return;
  }
  builtin->function = function;
}

const Builtin* Registry::find(std::string_view name) const {
  auto it = std::lower_bound(builtins_.begin(), builtins_.end(), name,
                             [](const Builtin& b, std::string_view n) { return b.name < n; });
  if (it == builtins_.end() || it->name != name) return nullptr;
  return &*it;
}

Builtin* Registry::find_mutable(std::string_view name) {
  return const_cast<Builtin*>(std::as_const(*this).find(name));
}

const std::vector<std::string>& undeclared_builtin_names() {
  return global_registry().registry.undeclared();
}

const Builtin* find_builtin(std::string_view name) {
  return global_registry().registry.find(name);
}

std::span<const Builtin* const> all_builtins() {
  return global_registry().pointers;
}

}  // namespace regoc
