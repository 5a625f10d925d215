// METADATA annotations: YAML comment blocks that start with `# METADATA` above a package or a
// rule, as OPA 1.20 defines them, and the annotation chain that rego.metadata.chain() and
// rego.metadata.rule() return.
//
// The parser reads every module's blocks (attach_annotations) and reports invalid YAML,
// invalid field values and misplaced scopes as rego_parse_error. The planner indexes the blocks
// of all modules (AnnotationSet) and plans each rego.metadata.* call in a rule as the constant
// chain of that rule.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compiler/ast.h"
#include "runtime/value.h"

namespace regoc::ast {

// One METADATA block.
struct Annotation {
  // "rule", "document", "package" or "subpackages" once attached.
  std::string scope;
  // The `# METADATA` line.
  Location location;
  // OPA's object form of the block, as rego.metadata.rule() returns it: scope, title,
  // description, entrypoint, organizations, related_resources, authors, schemas, custom.
  Value object;
};

}  // namespace regoc::ast

namespace regoc {

// One METADATA block's fields, before it is attached to a package or a rule.
struct ParsedAnnotation {
  ast::Annotation annotation;  // scope as written ("" when the block sets none)
  bool entrypoint = false;
};

// Parses the YAML of one METADATA block: `lines` are the comment texts after the `# METADATA`
// line (without `#`), `block` the comments themselves for error locations. On failure returns
// false and fills *error with OPA's rego_parse_error.
bool parse_annotation(const ast::Comment& metadata_line, const std::vector<ast::Comment>& block,
                      ParsedAnnotation* out, Error* error);

// Finds the METADATA blocks among module->comments, parses them and attaches each to the
// package or rule that follows it (module->annotations, Rule::annotations). Returns OPA's
// rego_parse_error for invalid blocks and for scopes that do not fit their target.
Errors attach_annotations(ast::Module* module);

// The annotations of all modules of a program, indexed as OPA's compiler indexes them.
class AnnotationSet {
 public:
  // Indexes the annotations of `modules` (kernel form). Returns rego_type_error for a package,
  // document or subpackages annotation declared twice for the same path.
  Errors build(const std::vector<ast::Module>& modules);

  // rego.metadata.chain() in `rule`: [{"path": [...], "annotations": {...}}, ...] from the
  // rule's own blocks (closest first) to its document, package and subpackages blocks.
  Value chain(const ast::Rule& rule) const;
  // rego.metadata.rule() in `rule`: the object of the closest rule-scope block, or {}.
  Value rule_metadata(const ast::Rule& rule) const;

 private:
  struct Entry {
    ast::AnnotationPtr annotation;
    Value path;  // the target's path under data, as an array of strings
  };
  // The package that defines each rule, else rules included.
  std::map<const ast::Rule*, const ast::Module*> module_of_;
  // Package-scope blocks by package path.
  std::map<Value, Entry> packages_;
  // Document-scope blocks by rule path and subpackages-scope blocks by package path; OPA keeps
  // both in one tree.
  std::map<Value, Entry> paths_;

  Errors add_module(const ast::Module& module);
  Value link(const Entry& entry) const;
};

// The path of a rule's document under data: the ground prefix of its kernel head ref after
// `data`, each part as a string (non-string parts in Rego syntax).
Value rule_path(const ast::Rule& rule);

}  // namespace regoc
