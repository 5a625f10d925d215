// Rule conflict checks (rego_type_error, as OPA's checkRuleConflicts). Rules at one path must
// agree on kind (single-value or multi-value) and arity, and complete rules must not mix with
// partial ones. At most one of them may be `default`. A rule whose ref is ground may not have
// rules beneath it, and no package may sit at the path of a rule.
// External interface: check_rules.
#include <algorithm>
#include <map>
#include <set>

#include "compiler/passes.h"

namespace regoc::passes {
namespace {

using ast::Rule;

bool ref_is_ground(const ast::Term& ref) {
  size_t length = 0;
  ground_prefix(ref, &length);
  return length == ref.items.size();
}

// The refs of rules beneath `path`, keeping only the shortest of refs that prefix each other.
// The rule table is sorted by path, so the paths below `path` (those that start with
// "<path>.") form one range that ends before "<path>/", '/' being the character after '.'.
std::vector<std::string> rules_beneath(const PassContext& context, const RuleTable& rules,
                                       const std::string& path) {
  const auto& paths = rules.paths();
  auto begin = paths.lower_bound(path + ".");
  auto end = paths.lower_bound(path + "/");
  std::set<std::string> below;
  for (auto it = begin; it != end; ++it) below.insert(it->first);

  std::set<std::string> shortest;
  for (auto it = begin; it != end; ++it) {
    const std::string& prefix = it->first;
    // Covered when a shorter path below `path` is one of its dotted prefixes.
    bool covered = false;
    for (size_t dot = prefix.find('.', path.size() + 1); dot != std::string::npos && !covered;
         dot = prefix.find('.', dot + 1)) {
      covered = below.count(prefix.substr(0, dot)) > 0;
    }
    if (covered) continue;
    for (const RuleEntry& entry : it->second) {
      shortest.insert(ref_text(*entry.rule->head.ref, context));
    }
  }
  return {shortest.begin(), shortest.end()};
}

void check_path(PassContext& context, const RuleTable& rules, const std::string& path,
                const std::vector<RuleEntry>& entries) {
  std::set<bool> kinds;
  std::set<size_t> arities;
  int complete = 0;
  int partial = 0;
  bool ground_with_children = false;
  std::vector<const RuleEntry*> defaults;
  std::string name;
  for (const RuleEntry& entry : entries) {
    const Rule& rule = *entry.rule;
    name = ref_text(*rule.head.ref, context);
    kinds.insert(rule.head.contains);
    arities.insert(rule.head.args.size());
    if (rule.is_default) defaults.push_back(&entry);
    bool ground = ref_is_ground(*rule.head.ref);
    if (ground) ground_with_children = true;
    if (!rule.head.contains && ground) {
      ++complete;
    } else {
      ++partial;
    }
  }
  const Location& first = entries.front().rule->location;
  if (ground_with_children) {
    std::vector<std::string> beneath = rules_beneath(context, rules, path);
    if (!beneath.empty()) {
      std::string list;
      for (const std::string& text : beneath) list += (list.empty() ? "" : " ") + text;
      context.error(codes::kType, first, "rule " + name + " conflicts with [" + list + "]");
      return;
    }
  }
  if (kinds.size() > 1 || arities.size() > 1 || (complete > 0 && partial > 0)) {
    context.error(codes::kType, first, "conflicting rules " + name + " found");
    return;
  }
  if (defaults.size() > 1) {
    std::string locations;
    for (const RuleEntry* entry : defaults) {
      locations += (locations.empty() ? "" : ", ") + location_text(entry->rule->location);
    }
    context.error(codes::kType, defaults.front()->module->package->location,
                  "multiple default rules " + name + " found at " + locations);
  }
}

// A package whose path equals the ground ref of a rule in another package.
void check_packages(PassContext& context) {
  std::map<std::string, std::vector<ast::Module*>> packages;
  for (ast::Module* module : context.modules) {
    packages[ast::ref_name(*module->package)].push_back(module);
  }
  for (ast::Module* module : context.modules) {
    size_t package_length = module->package->items.size();
    for (const auto& rule : module->rules) {
      if (!ref_is_ground(*rule->head.ref)) continue;
      auto found = packages.find(ground_prefix(*rule->head.ref));
      if (found == packages.end()) continue;
      for (ast::Module* other : found->second) {
        if (other == module) continue;
        std::string package = ref_text(*other->package, context, 1);
        context.error(codes::kType, module->package->location,
                      "package " + package + " conflicts with rule " +
                          ref_text(*rule->head.ref, context, package_length) + " defined at " +
                          location_text(rule->location));
      }
    }
  }
}

}  // namespace

void check_rules(PassContext& context, const RuleTable& rules) {
  for (const auto& [path, entries] : rules.paths()) check_path(context, rules, path, entries);
  // OPA's rule conflict stage reports conflicts with the base document between the two.
  check_data_conflicts(context);
  check_packages(context);
}

}  // namespace regoc::passes
