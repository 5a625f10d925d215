// Conflicts between rules and the base document (rego_compile_error "conflicting rule for data
// path a/p found"), which OPA's rego package checks when it compiles modules against a store,
// as `opa eval`, `opa test` and bundle activation do (OPA 1.20, ast.CheckPathConflicts with
// storage.NonEmpty). OPA's conformance runner compiles without this check.
// External interface: check_data_conflicts (compiler/passes.h).
#include <algorithm>
#include <map>

#include "compiler/passes.h"
#include "runtime/value.h"

namespace regoc::passes {
namespace {

// The keys after `data` of a rule's node in OPA's rule tree, which is the ground prefix of its
// head ref. Returns false when that prefix has a key other than a string, because such a node
// cannot conflict with the base document, whose keys are strings.
bool string_node_path(const ast::Term& ref, std::vector<std::string>* path) {
  for (size_t i = 1; i < ref.items.size(); ++i) {
    const ast::Term& part = *ref.items[i];
    if (part.kind == ast::TermKind::String) {
      path->push_back(part.text);
      continue;
    }
    return !is_ground_value(part);
  }
  return true;
}

// True when the base document has a value at `path`, or when the deepest prefix of `path`
// that it has is not an object (OPA's storage.NonEmpty). The root itself does not count.
bool has_value_at(const Value& data, const std::vector<std::string>& path) {
  const Value* node = &data;
  for (size_t i = 0; i < path.size(); ++i) {
    if (!node->is_object()) return i > 0;
    node = node->find(path[i]);
    if (node == nullptr) return false;
  }
  return true;
}

bool has_prefix(const std::vector<std::string>& path, const std::vector<std::string>& prefix) {
  return prefix.size() < path.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

}  // namespace

void check_data_conflicts(PassContext& context) {
  const Value* data = context.options->base_data;
  if (data == nullptr) return;

  // The first rule at each path, with the paths sorted so that a path comes before the paths
  // below it. Like OPA, which walks its rule tree, report no path below one that conflicts.
  std::map<std::vector<std::string>, const ast::Rule*> first_rules;
  for (ast::Module* module : context.modules) {
    for (const auto& rule : module->rules) {
      std::vector<std::string> path;
      if (!string_node_path(*rule->head.ref, &path) || path.empty()) continue;
      first_rules.emplace(std::move(path), rule.get());
    }
  }
  std::vector<const std::vector<std::string>*> conflicts;
  for (const auto& [path, rule] : first_rules) {
    bool below_conflict = std::any_of(conflicts.begin(), conflicts.end(), [&](const auto* other) {
      return has_prefix(path, *other);
    });
    if (below_conflict || !has_value_at(*data, path)) continue;
    std::string text;
    for (const std::string& key : path) text += (text.empty() ? "" : "/") + key;
    context.error(codes::kCompile, rule->location,
                  "conflicting rule for data path " + text + " found");
    conflicts.push_back(&path);
  }
}

}  // namespace regoc::passes
