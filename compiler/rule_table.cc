// The rule table: every rule of the program indexed by the ground prefix of its full head ref
// ("data.a.b.p" for `p[x]` in package a.b). External interface: RuleTable (compiler/passes.h).
#include "compiler/passes.h"

namespace regoc::passes {

void RuleTable::build(PassContext& context) {
  paths_.clear();
  for (ast::Module* module : context.modules) {
    for (const auto& rule : module->rules) {
      paths_[ground_prefix(*rule->head.ref)].push_back(RuleEntry{rule.get(), module});
    }
  }
}

const std::vector<RuleEntry>* RuleTable::find(const std::string& path) const {
  auto it = paths_.find(path);
  return it == paths_.end() ? nullptr : &it->second;
}

int RuleTable::function_arity(const std::string& path) const {
  const std::vector<RuleEntry>* entries = find(path);
  if (entries == nullptr) return -1;
  return static_cast<int>(entries->front().rule->head.args.size());
}

}  // namespace regoc::passes
