// Finding METADATA blocks among a module's comments and attaching them to the package or rule
// below them, with OPA 1.20's scope rules. External interface: attach_annotations
// (compiler/annotations.h).
#include <algorithm>
#include <optional>

#include "compiler/annotations.h"

namespace regoc {
namespace {

bool is_metadata_comment(const ast::Comment& comment) {
  if (comment.location.col != 1) return false;
  std::string_view text = comment.text;
  size_t begin = text.find_first_not_of(" \t\r\n\v\f");
  return begin != std::string_view::npos && text.substr(begin).rfind("METADATA", 0) == 0;
}

// A block continues while its lines start at column 1 on consecutive rows.
bool ends_block(const ast::Comment& current, const ast::Comment& previous) {
  return current.location.col != 1 || current.location.row - 1 != previous.location.row ||
         is_metadata_comment(current);
}

// A statement that a METADATA block may precede.
struct Statement {
  enum class Kind { Package, Import, Rule } kind;
  Location location;
  ast::Rule* rule = nullptr;
};

const char* kind_name(Statement::Kind kind) {
  switch (kind) {
    case Statement::Kind::Package:
      return "package";
    case Statement::Kind::Import:
      return "import";
    case Statement::Kind::Rule:
      return "rule";
  }
  return "";
}

std::vector<Statement> statements_of(ast::Module* module) {
  std::vector<Statement> statements;
  if (module->package) {
    statements.push_back({Statement::Kind::Package, module->package->location, nullptr});
  }
  for (const ast::Import& import : module->imports) {
    statements.push_back({Statement::Kind::Import, import.location, nullptr});
  }
  for (const auto& rule : module->rules) {
    statements.push_back({Statement::Kind::Rule, rule->location, rule.get()});
  }
  std::stable_sort(statements.begin(), statements.end(),
                   [](const Statement& a, const Statement& b) {
                     if (a.location.row != b.location.row) return a.location.row < b.location.row;
                     return a.location.col < b.location.col;
                   });
  return statements;
}

Error scope_error(const ast::Annotation& annotation, const char* target,
                  const Statement* statement) {
  std::string message = "annotation scope '" + annotation.scope + "' must be applied to " + target;
  if (statement != nullptr) message += std::string(" (have ") + kind_name(statement->kind) + ")";
  return Error{codes::kParse, std::move(message), annotation.location};
}

// Checks that the scope fits the statement the block precedes (OPA's scope attachment rules).
std::optional<Error> check_scope(const ParsedAnnotation& parsed, const Statement* statement) {
  const ast::Annotation& annotation = parsed.annotation;
  const std::string& scope = annotation.scope;
  std::optional<Error> error;
  if (scope == "rule" || scope == "document") {
    if (statement == nullptr || statement->kind != Statement::Kind::Rule) {
      error = scope_error(annotation, "rule", statement);
    }
  } else if (scope == "package" || scope == "subpackages") {
    if (statement == nullptr || statement->kind != Statement::Kind::Package) {
      error = scope_error(annotation, "package", statement);
    }
  } else {
    error = Error{codes::kParse,
                  "invalid annotation scope '" + scope +
                      "'. Use one of 'rule', 'document', 'package', or 'subpackages'",
                  annotation.location};
  }
  return error;
}

// The scope of a block that sets none, from the statement below it.
std::string default_scope(const ParsedAnnotation& parsed, const Statement* statement) {
  if (statement == nullptr) return "";
  switch (statement->kind) {
    case Statement::Kind::Rule:
      return parsed.entrypoint ? "document" : "rule";
    case Statement::Kind::Package:
      return "package";
    case Statement::Kind::Import:
      return "import";  // not a valid scope: the check below reports it
  }
  return "";
}

// Attaches one parsed block to the first statement on a later row.
std::optional<Error> attach(ParsedAnnotation parsed, const std::vector<Statement>& statements,
                            ast::Module* module) {
  const Statement* target = nullptr;
  for (const Statement& statement : statements) {
    if (statement.location.row > parsed.annotation.location.row) {
      target = &statement;
      break;
    }
  }
  if (parsed.annotation.scope.empty()) parsed.annotation.scope = default_scope(parsed, target);
  if (auto error = check_scope(parsed, target)) return error;
  const std::string& scope = parsed.annotation.scope;
  if (parsed.entrypoint && scope != "document" && scope != "package") {
    return Error{codes::kParse,
                 "annotation entrypoint applied to non-document or package scope '" + scope + "'",
                 parsed.annotation.location};
  }

  parsed.annotation.object.object_insert(Value::string("scope"), Value::string(scope));
  auto annotation = std::make_shared<const ast::Annotation>(std::move(parsed.annotation));
  if (target->kind == Statement::Kind::Rule) {
    target->rule->annotations.push_back(std::move(annotation));
  } else {
    module->annotations.push_back(std::move(annotation));
  }
  return std::nullopt;
}

}  // namespace

Errors attach_annotations(ast::Module* module) {
  const std::vector<ast::Comment>& comments = module->comments;
  std::vector<ParsedAnnotation> parsed;
  Errors errors;
  for (size_t i = 0; i < comments.size(); ++i) {
    if (!is_metadata_comment(comments[i])) continue;
    std::vector<ast::Comment> block;
    for (size_t j = i + 1; j < comments.size() && !ends_block(comments[j], comments[j - 1]);
         ++j) {
      block.push_back(comments[j]);
    }
    ParsedAnnotation annotation;
    Error error;
    if (parse_annotation(comments[i], block, &annotation, &error)) {
      parsed.push_back(std::move(annotation));
    } else {
      errors.push_back(std::move(error));
    }
  }
  // OPA attaches blocks only to a module whose blocks all parsed.
  if (!errors.empty()) return errors;

  std::vector<Statement> statements = statements_of(module);
  for (ParsedAnnotation& annotation : parsed) {
    if (auto error = attach(std::move(annotation), statements, module)) {
      errors.push_back(std::move(*error));
    }
  }
  return errors;
}

}  // namespace regoc
