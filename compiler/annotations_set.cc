// The annotations of a whole program and the chain of one rule, as OPA 1.20's compiler builds
// them for rego.metadata.chain() and rego.metadata.rule(). External interface: AnnotationSet
// and rule_path (compiler/annotations.h).
#include <algorithm>

#include "compiler/annotations.h"
#include "compiler/passes.h"

namespace regoc {
namespace {

Value path_part(const ast::Term& term) {
  if (term.kind == ast::TermKind::String) return Value::string(term.text);
  return Value::string(ast::to_string(term));
}

Value package_path(const ast::Module& module) {
  std::vector<Value> parts;
  if (module.package) {
    const auto& items = module.package->items;
    for (size_t i = 1; i < items.size(); ++i) parts.push_back(path_part(*items[i]));
  }
  return Value::array(std::move(parts));
}

// True when `b` was declared before `a` (OPA sorts rule blocks closest to the rule first).
bool declared_later(const ast::AnnotationPtr& a, const ast::AnnotationPtr& b) {
  if (a->location.row != b->location.row) return a->location.row > b->location.row;
  return a->location.col > b->location.col;
}

std::string location_text(const Location& location) {
  return location.file_name() + ":" + std::to_string(location.row);
}

void add_rule_chain(const ast::Rule& rule, const ast::Module& module,
                    std::map<const ast::Rule*, const ast::Module*>* module_of) {
  for (const ast::Rule* alternative = &rule; alternative != nullptr;
       alternative = alternative->else_rule.get()) {
    (*module_of)[alternative] = &module;
  }
}

}  // namespace

Value rule_path(const ast::Rule& rule) {
  std::vector<Value> parts;
  const auto& items = rule.head.ref->items;
  for (size_t i = 1; i < items.size(); ++i) {
    if (!passes::is_ground_value(*items[i])) break;
    parts.push_back(path_part(*items[i]));
  }
  return Value::array(std::move(parts));
}

Errors AnnotationSet::build(const std::vector<ast::Module>& modules) {
  std::vector<const ast::Module*> sorted;
  for (const ast::Module& module : modules) sorted.push_back(&module);
  // OPA indexes modules in file name order, so a redeclaration names the later file.
  std::stable_sort(sorted.begin(), sorted.end(), [](const ast::Module* a, const ast::Module* b) {
    return (a->file ? *a->file : "") < (b->file ? *b->file : "");
  });
  Errors errors;
  for (const ast::Module* module : sorted) {
    Errors found = add_module(*module);
    errors.insert(errors.end(), found.begin(), found.end());
  }
  return errors;
}

Errors AnnotationSet::add_module(const ast::Module& module) {
  // The module's blocks in source order, each with its target's path.
  std::vector<Entry> entries;
  Value package = package_path(module);
  for (const ast::AnnotationPtr& annotation : module.annotations) {
    entries.push_back({annotation, package});
  }
  for (const auto& rule : module.rules) {
    add_rule_chain(*rule, module, &module_of_);
    for (const ast::AnnotationPtr& annotation : rule->annotations) {
      entries.push_back({annotation, rule_path(*rule)});
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return declared_later(b.annotation, a.annotation);
  });

  Errors errors;
  for (const Entry& entry : entries) {
    const std::string& scope = entry.annotation->scope;
    std::map<Value, Entry>* index = nullptr;
    if (scope == "package") index = &packages_;
    if (scope == "document" || scope == "subpackages") index = &paths_;
    if (index == nullptr) continue;  // rule scope: read from the rule itself
    auto [it, inserted] = index->emplace(entry.path, entry);
    if (!inserted) {
      errors.push_back(Error{codes::kType,
                             scope + " annotation redeclared: " +
                                 location_text(it->second.annotation->location),
                             entry.annotation->location});
    }
  }
  return errors;
}

Value AnnotationSet::link(const Entry& entry) const {
  return Value::object({{Value::string("path"), entry.path},
                        {Value::string("annotations"), entry.annotation->object}});
}

Value AnnotationSet::chain(const ast::Rule& rule) const {
  std::vector<Value> links;
  Value path = rule_path(rule);

  std::vector<ast::AnnotationPtr> own;
  for (const ast::AnnotationPtr& annotation : rule.annotations) {
    if (annotation->scope == "rule") own.push_back(annotation);
  }
  std::stable_sort(own.begin(), own.end(), declared_later);
  for (const ast::AnnotationPtr& annotation : own) links.push_back(link({annotation, path}));
  // The chain always starts with the rule, annotated or not.
  if (own.empty()) links.push_back(Value::object({{Value::string("path"), path}}));

  if (auto it = paths_.find(path); it != paths_.end()) links.push_back(link(it->second));

  auto module = module_of_.find(&rule);
  if (module == module_of_.end()) return Value::array(std::move(links));
  Value package = package_path(*module->second);
  if (auto it = packages_.find(package); it != packages_.end()) {
    links.push_back(link(it->second));
  }
  // Subpackages blocks from the package itself up to the root.
  std::vector<Value> prefix(package.array_items().begin(), package.array_items().end());
  while (!prefix.empty()) {
    if (auto it = paths_.find(Value::array(prefix)); it != paths_.end()) {
      links.push_back(link(it->second));
    }
    prefix.pop_back();
  }
  return Value::array(std::move(links));
}

Value AnnotationSet::rule_metadata(const ast::Rule& rule) const {
  const ast::AnnotationPtr* closest = nullptr;
  for (const ast::AnnotationPtr& annotation : rule.annotations) {
    if (annotation->scope != "rule") continue;
    if (closest == nullptr || declared_later(annotation, *closest)) closest = &annotation;
  }
  return closest != nullptr ? (*closest)->object : Value::object();
}

}  // namespace regoc
