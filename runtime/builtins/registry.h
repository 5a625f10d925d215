// The builtin registry as the builtin families see it: a table of OPA's declared builtins to
// which each family attaches its functions, plus one registration function per family.
//
// Registration is explicit (registry.cc calls every register_*_builtins function) because the
// runtime is a static library and the linker drops objects that nothing references.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/builtins/builtin.h"

namespace regoc {

class Registry {
 public:
  /// Creates the table of every builtin that OPA declares, with no functions attached.
  Registry();

  /// Attaches `function` to the builtin `name`. A name missing from OPA's declarations is
  /// recorded in undeclared() and otherwise ignored.
  void add(std::string_view name, BuiltinFunction function);

  /// Names passed to add() that OPA does not declare; empty unless a family has a typo.
  const std::vector<std::string>& undeclared() const { return undeclared_; }

  /// Looks up a builtin by name; nullptr when OPA declares none.
  const Builtin* find(std::string_view name) const;

  /// The table, sorted by name.
  const std::vector<Builtin>& builtins() const { return builtins_; }

 private:
  std::vector<Builtin> builtins_;
  std::vector<std::string> undeclared_;

  Builtin* find_mutable(std::string_view name);
};

/// Names that add() rejected while the global registry was built.
const std::vector<std::string>& undeclared_builtin_names();

void register_comparison_builtins(Registry& registry);
void register_number_builtins(Registry& registry);
void register_aggregate_builtins(Registry& registry);
void register_set_builtins(Registry& registry);
void register_membership_builtins(Registry& registry);
void register_string_builtins(Registry& registry);
void register_trim_builtins(Registry& registry);
void register_sprintf_builtins(Registry& registry);
void register_type_builtins(Registry& registry);
void register_array_builtins(Registry& registry);
void register_object_builtins(Registry& registry);
void register_json_filter_builtins(Registry& registry);
void register_json_patch_builtins(Registry& registry);
void register_regex_glob_builtins(Registry& registry);
void register_array_flatten_builtins(Registry& registry);
void register_yaml_builtins(Registry& registry);
void register_opa_runtime_builtins(Registry& registry);
void register_json_marshal_options_builtins(Registry& registry);
void register_glob_builtins(Registry& registry);
void register_regex_builtins(Registry& registry);
void register_net_builtins(Registry& registry);
void register_net_cidr_builtins(Registry& registry);
void register_time_builtins(Registry& registry);
void register_time_calendar_builtins(Registry& registry);
void register_unit_builtins(Registry& registry);
void register_semver_builtins(Registry& registry);
void register_uuid_builtins(Registry& registry);
void register_rand_builtins(Registry& registry);
void register_graph_builtins(Registry& registry);
void register_walk_builtins(Registry& registry);
void register_print_builtins(Registry& registry);
void register_template_string_builtins(Registry& registry);
void register_encoding_builtins(Registry& registry);
void register_urlquery_builtins(Registry& registry);
void register_bits_builtins(Registry& registry);
void register_graphql_builtins(Registry& registry);
void register_crypto_builtins(Registry& registry);
void register_jwt_decode_builtins(Registry& registry);
void register_jwt_verify_builtins(Registry& registry);
void register_jwt_sign_builtins(Registry& registry);
void register_crypto_key_builtins(Registry& registry);
void register_x509_builtins(Registry& registry);
void register_x509_verify_builtins(Registry& registry);
void register_x509_keypair_builtins(Registry& registry);
void register_render_template_builtins(Registry& registry);
void register_json_schema_builtins(Registry& registry);
void register_aws_sign_builtins(Registry& registry);
void register_uri_builtins(Registry& registry);

}  // namespace regoc
