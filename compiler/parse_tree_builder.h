// Builds the AST (compiler/ast.h) from the ANTLR parse trees of grammar/RegoParser.g4, with
// the checks that OPA's parser makes beyond the grammar: Rego v1 keyword rules, default rule
// values, import paths, string escapes and number forms.
// Statements and rules are built in parse_tree_builder.cc, terms and expressions in
// parse_terms.cc.
#pragma once

#include <memory>
#include <string>

#include "RegoParser.h"
#include "compiler/ast.h"
#include "compiler/parse_source.h"
#include "runtime/error.h"

namespace regoc::parsing {

using regoc_antlr::RegoParser;

// Thrown when an error leaves nothing sensible to build.
struct BuildFailure {
  Error error;
};

class TreeBuilder {
 public:
  TreeBuilder(std::shared_ptr<const std::string> file, const SourceText* source,
              antlr4::CharStream* chars, antlr4::TokenStream* tokens)
      : file_(std::move(file)), source_(source), chars_(chars), tokens_(tokens) {}

  /// Fills `out` from a module tree. Throws BuildFailure; other errors go to errors().
  void build_module(RegoParser::Module_Context* ctx, ast::Module* out);
  /// Builds the body of a query tree. Throws BuildFailure.
  ast::Body build_query(RegoParser::QueryContext* ctx);

  /// Errors found while building that did not stop it (OPA reports them together).
  const Errors& errors() const { return errors_; }

 private:
  // Statements and rules (parse_tree_builder.cc).
  ast::TermPtr build_package(RegoParser::PackageDeclContext* ctx);
  ast::Import build_import(RegoParser::ImportDeclContext* ctx);
  void build_rules(RegoParser::Rule_Context* ctx, std::vector<std::shared_ptr<ast::Rule>>* out);
  void build_head(RegoParser::RuleHeadContext* ctx, ast::RuleHead* head);
  ast::Body build_rule_body(RegoParser::RuleBodyContext* ctx);
  std::shared_ptr<ast::Rule> build_else(RegoParser::ElseClauseContext* ctx,
                                        const ast::RuleHead& head);
  void check_rule(RegoParser::Rule_Context* ctx, const ast::Rule& rule);
  void check_default_rule(const ast::Rule& rule);

  // Terms and expressions (parse_terms.cc).
  ast::ExprPtr build_literal(RegoParser::LiteralContext* ctx);
  ast::ExprPtr build_expr(RegoParser::ExprContext* ctx);
  void build_some(RegoParser::SomeDeclContext* ctx, ast::Expr* expr);
  void build_every(RegoParser::EveryDeclContext* ctx, ast::Expr* expr);
  ast::With build_with(RegoParser::WithClauseContext* ctx);
  ast::TermPtr build_kv(RegoParser::ExprKVContext* ctx);
  ast::TermPtr build_in(RegoParser::ExprInContext* ctx);
  ast::TermPtr build_binary(antlr4::ParserRuleContext* ctx);
  ast::TermPtr build_term(RegoParser::TermContext* ctx);
  ast::TermPtr apply_part(ast::TermPtr term, RegoParser::TermPartContext* part);
  ast::TermPtr build_primary(RegoParser::PrimaryContext* ctx);
  ast::TermPtr build_collection(RegoParser::PrimaryContext* ctx);
  ast::TermPtr build_scalar(RegoParser::ScalarContext* ctx);
  ast::TermPtr build_number(RegoParser::ScalarContext* ctx);
  ast::TermPtr build_template(RegoParser::TemplateStringContext* ctx);
  ast::TermPtr build_template_part(RegoParser::TemplateExprContext* ctx);
  ast::TermPtr build_var(RegoParser::VarContext* ctx);
  ast::TermPtr build_ref(RegoParser::RefContext* ctx);
  std::vector<ast::TermPtr> build_list(RegoParser::ExprListContext* ctx);
  ast::TermPtr make_call(const std::string& op, antlr4::Token* op_token,
                         std::vector<ast::TermPtr> args);

  // Helpers shared by both files.
  Location location(const antlr4::Token* token) const;
  std::string source_text(antlr4::ParserRuleContext* ctx) const;
  antlr4::Token* next_token(antlr4::ParserRuleContext* ctx) const;
  // fail, fail_at and report_syntax raise the errors that OPA's parser finds, which carry
  // source details. report is for the checks that OPA runs on the parsed statements
  // (ast.parseModule, CheckRegoV1), whose errors carry none.
  [[noreturn]] void fail(const antlr4::Token* token, std::string message) const;
  [[noreturn]] void fail_at(const Location& location, std::string message) const;
  void report_syntax(const Location& location, std::string message);
  void report(const Location& location, std::string message);

  std::shared_ptr<const std::string> file_;
  const SourceText* source_;
  antlr4::CharStream* chars_;
  antlr4::TokenStream* tokens_;
  Errors errors_;
  int captured_parts_ = 0;  // names the variables of template parts with `with`
};

// OPA's lower-case name for the kind of a term's value ("var", "ref", "string", ...).
const char* value_name(ast::TermKind kind);

// Decodes the escapes of a JSON string body. With `brace_escape`, `\{` decodes to `{` (as in
// template strings). Returns false on an invalid escape.
bool decode_string(const std::string& body, bool brace_escape, std::string* out);

}  // namespace regoc::parsing
