// Builds modules, packages, imports and rules from the parse tree, and applies the checks
// that OPA makes on them after parsing: a package first, Rego v1's `if` and `contains`
// keywords, default rule values and import paths.
#include "compiler/parse_tree_builder.h"

#include <set>

#include "compiler/parse_errors.h"

namespace regoc::parsing {

using ast::Rule;
using ast::RuleHead;
using ast::TermKind;
using ast::TermPtr;

// --- shared helpers ---------------------------------------------------------------------------

Location TreeBuilder::location(const antlr4::Token* token) const {
  return token_location(file_, token);
}

std::string TreeBuilder::source_text(antlr4::ParserRuleContext* ctx) const {
  if (ctx->start == nullptr || ctx->stop == nullptr) return "";
  size_t from = ctx->start->getStartIndex();
  size_t to = ctx->stop->getStopIndex();
  if (to < from || to == static_cast<size_t>(-1)) return "";
  return chars_->getText(antlr4::misc::Interval(from, to));
}

antlr4::Token* TreeBuilder::next_token(antlr4::ParserRuleContext* ctx) const {
  for (size_t i = ctx->stop->getTokenIndex() + 1; i < tokens_->size(); ++i) {
    antlr4::Token* token = tokens_->get(i);
    if (token->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return token;
  }
  return ctx->stop;
}

void TreeBuilder::fail(const antlr4::Token* token, std::string message) const {
  fail_at(location(token), std::move(message));
}

void TreeBuilder::fail_at(const Location& location, std::string message) const {
  Error error = make_parse_error(location, std::move(message));
  error.details = source_->details_at(location);
  throw BuildFailure{std::move(error)};
}

void TreeBuilder::report_syntax(const Location& location, std::string message) {
  errors_.push_back(make_parse_error(location, std::move(message)));
  errors_.back().details = source_->details_at(location);
}

void TreeBuilder::report(const Location& location, std::string message) {
  errors_.push_back(make_parse_error(location, std::move(message)));
}

// --- module -----------------------------------------------------------------------------------

void TreeBuilder::build_module(RegoParser::Module_Context* ctx, ast::Module* out) {
  out->file = file_;
  std::vector<RegoParser::StatementContext*> statements = ctx->statement();
  if (statements.empty()) {
    Location at;
    at.file = file_;
    fail_at(at, "empty module");
  }

  for (size_t i = 0; i < statements.size(); ++i) {
    RegoParser::StatementContext* statement = statements[i];
    if (auto* package = statement->packageDecl()) {
      if (i == 0) {
        out->package = build_package(package);
      } else {
        report(location(package->start), "unexpected package");
      }
      continue;
    }
    if (i == 0) report(location(statement->start), "package expected");
    if (auto* import = statement->importDecl()) {
      out->imports.push_back(build_import(import));
    } else {
      build_rules(statement->rule_(), &out->rules);
    }
  }
}

ast::Body TreeBuilder::build_query(RegoParser::QueryContext* ctx) {
  ast::Body body;
  for (auto* literal : ctx->literal()) body.push_back(build_literal(literal));
  return body;
}

// --- package and imports ----------------------------------------------------------------------

TermPtr TreeBuilder::build_package(RegoParser::PackageDeclContext* ctx) {
  TermPtr path = build_ref(ctx->ref());
  std::vector<TermPtr> parts = path->kind == TermKind::Ref ? path->items : std::vector{path};
  if (parts[0]->kind != TermKind::Var) {
    fail_at(parts[0]->location,
            std::string("unexpected ") + value_name(parts[0]->kind) + " token: expecting var");
  }

  // The package path is stored as data.<head>.<parts>, with the head as a string part.
  TermPtr head = ast::make_string(parts[0]->text, parts[0]->location);
  head->dotted = true;
  std::vector<TermPtr> items = {ast::make_var("data", parts[0]->location), head};
  for (size_t i = 1; i < parts.size(); ++i) {
    if (parts[i]->kind != TermKind::String) {
      fail_at(parts[i]->location,
              std::string("unexpected ") + value_name(parts[i]->kind) + " token: expecting string");
    }
    items.push_back(parts[i]);
  }
  return ast::make_ref(std::move(items), parts[0]->location);
}

namespace {

bool is_v1_keyword(const std::string& word) {
  static const std::set<std::string> kKeywords = {"as",   "default",  "else",    "false", "import",
                                                  "not",  "null",     "package", "true",  "with",
                                                  "some", "contains", "every",   "if",    "in"};
  return kKeywords.count(word) > 0;
}

}  // namespace

ast::Import TreeBuilder::build_import(RegoParser::ImportDeclContext* ctx) {
  ast::Import import;
  import.location = location(ctx->start);
  TermPtr path = build_ref(ctx->ref());
  if (path->kind == TermKind::Var) path = ast::make_ref({path}, path->location);
  if (path->kind != TermKind::Ref) fail_at(path->location, "expected path");
  for (size_t i = 1; i < path->items.size(); ++i) {
    if (path->items[i]->kind != TermKind::String) {
      fail_at(path->items[i]->location, std::string("unexpected ") +
                                            value_name(path->items[i]->kind) +
                                            " token: expecting string");
    }
  }
  import.path = path;

  const std::string root = path->items[0]->text;
  if (root != "data" && root != "input" && root != "future" && root != "rego") {
    fail_at(path->location,
            "unexpected import path, must begin with one of: {data, future, input, rego}, got: " +
                root + " (hint: if this is unexpected, try updating OPA)");
  }
  std::string name = ast::ref_name(*path);
  if (root == "rego" && name != "rego.v1") {
    fail_at(import.location,
            "invalid import, `" + name + "` is not supported by current capabilities");
  }

  if (ctx->var() != nullptr) {
    import.alias = ctx->var()->getText();
  } else if (root != "future") {
    const TermPtr& last = path->items.back();
    if (is_v1_keyword(last->text)) {
      report_syntax(last->location, "unexpected import path, must not end with a keyword, got: " +
                                        last->text +
                                        " (hint: import a different path or use an alias)");
    }
  }
  return import;
}

// --- rules ------------------------------------------------------------------------------------

void TreeBuilder::build_head(RegoParser::RuleHeadContext* ctx, RuleHead* head) {
  head->location = location(ctx->start);
  RegoParser::HeadRefContext* name = ctx->headRef();
  std::vector<TermPtr> items = {ast::make_var(name->IDENT()->getText(), head->location)};
  for (auto* part : name->headPart()) {
    if (part->refName() != nullptr) {
      TermPtr item = ast::make_string(part->refName()->getText(), location(part->refName()->start));
      item->dotted = true;
      items.push_back(item);
    } else {
      items.push_back(build_kv(part->exprKV()));
    }
  }
  head->ref = ast::make_ref(std::move(items), head->location);

  if (ctx->LPAREN() != nullptr) {
    head->is_function = true;
    head->args = build_list(ctx->exprList());
  }

  RegoParser::HeadValueContext* value = ctx->headValue();
  if (value == nullptr) return;
  if (value->CONTAINS() != nullptr) {
    if (head->is_function) {
      std::string rule = ast::to_string(*head->ref);
      fail(value->CONTAINS()->getSymbol(),
           "unexpected contains keyword: the contains keyword can only be used with multi-value "
           "rule definitions (e.g., " +
               rule + " contains <VALUE> { ... })");
    }
    head->contains = true;
    head->key = build_kv(value->exprKV());
  } else {
    head->assign = value->ASSIGN() != nullptr;
    head->value = build_kv(value->exprKV());
  }
}

ast::Body TreeBuilder::build_rule_body(RegoParser::RuleBodyContext* ctx) {
  if (ctx->query() != nullptr) return build_query(ctx->query());

  ast::ExprPtr expr = build_literal(ctx->literal());
  // OPA reads `p if {a, b}` as a body block, never as a set literal, so the comma is invalid.
  bool set_literal = expr->kind == ast::ExprKind::Term && !expr->negated && expr->withs.empty() &&
                     expr->terms[0]->kind == TermKind::Set;
  if (set_literal) {
    fail_at(expr->location, "unexpected , token: expected \\n or ; or }");
  }
  return {expr};
}

std::shared_ptr<Rule> TreeBuilder::build_else(RegoParser::ElseClauseContext* ctx,
                                              const RuleHead& head) {
  auto rule = std::make_shared<Rule>();
  rule->location = location(ctx->start);
  rule->text = source_text(ctx);
  rule->head = head;
  rule->head.ref = ast::clone(head.ref);
  rule->head.args.clear();
  for (const TermPtr& arg : head.args) rule->head.args.push_back(ast::clone(arg));
  rule->head.location = rule->location;
  rule->head.value = nullptr;
  rule->head.assign = ctx->ASSIGN() != nullptr;
  if (ctx->exprKV() != nullptr) rule->head.value = build_kv(ctx->exprKV());
  if (ctx->ruleBody() != nullptr) rule->body = build_rule_body(ctx->ruleBody());
  return rule;
}

void TreeBuilder::build_rules(RegoParser::Rule_Context* ctx,
                              std::vector<std::shared_ptr<Rule>>* out) {
  auto rule = std::make_shared<Rule>();
  rule->location = location(ctx->start);
  rule->text = source_text(ctx);
  rule->is_default = ctx->DEFAULT() != nullptr;
  build_head(ctx->ruleHead(), &rule->head);
  if (ctx->ruleBody() != nullptr) rule->body = build_rule_body(ctx->ruleBody());
  check_rule(ctx, *rule);

  std::shared_ptr<Rule> previous = rule;
  for (auto* clause : ctx->elseClause()) {
    previous->else_rule = build_else(clause, rule->head);
    previous = previous->else_rule;
  }
  out->push_back(rule);

  // `p if { a } { b }` defines p twice, with the same head and one body each.
  for (auto* extra : ctx->extraBody()) {
    auto next = std::make_shared<Rule>();
    next->location = location(extra->start);
    next->text = source_text(extra);
    next->head = rule->head;
    next->head.ref = ast::clone(rule->head.ref);
    next->head.value = ast::clone(rule->head.value);
    next->head.key = ast::clone(rule->head.key);
    next->body = build_query(extra->query());
    out->push_back(next);
  }
}

void TreeBuilder::check_rule(RegoParser::Rule_Context* ctx, const Rule& rule) {
  const RuleHead& head = rule.head;
  RegoParser::RuleBodyContext* body = ctx->ruleBody();
  bool has_if = body != nullptr && body->IF() != nullptr;

  if (rule.is_default) {
    if (body != nullptr) fail(body->start, "unexpected " + describe_token(body->start));
    check_default_rule(rule);
    return;
  }

  const char* kind = head.is_function ? "function" : "rule";
  if (body != nullptr && !has_if) {
    report(rule.location, std::string("`if` keyword is required before ") + kind + " body");
  }
  bool no_value = !head.value && !head.contains;
  if (no_value && !head.is_function && !has_if && head.ref->items.size() == 2) {
    report(rule.location, "`contains` keyword is required for partial set rules");
  }
  if (no_value && !head.is_function && body == nullptr) {
    if (head.ref->items.size() == 1) report(rule.location, "var cannot be used for rule name");
    if (head.ref->items.size() > 2) {
      report(rule.location, "rule must have value assignment and/or body declaration");
    }
  }

  if (!ctx->elseClause().empty()) {
    Location at = location(ctx->elseClause(0)->start);
    if (head.contains ||
        (no_value && !head.is_function && !has_if && head.ref->items.size() == 2)) {
      fail_at(at, "else keyword cannot be used on multi-value rules");
    }
    if (head.ref->items.size() > 1 && !ast::is_ground_ref(*head.ref)) {
      fail_at(at, "else keyword cannot be used on rules with variables in head");
    }
  }
}

namespace {

// The kind of the first ref, var or call in a default value, outside comprehensions.
const char* find_non_constant(const TermPtr& term) {
  switch (term->kind) {
    case TermKind::Ref:
      return "ref";
    case TermKind::Var:
      return "var";
    case TermKind::Call:
      return "call";
    case TermKind::ArrayCompr:
    case TermKind::SetCompr:
    case TermKind::ObjectCompr:
      return nullptr;
    default:
      break;
  }
  for (const TermPtr& item : term->items) {
    if (const char* found = find_non_constant(item)) return found;
  }
  for (const auto& [key, value] : term->entries) {
    if (const char* found = find_non_constant(key)) return found;
    if (const char* found = find_non_constant(value)) return found;
  }
  return nullptr;
}

}  // namespace

void TreeBuilder::check_default_rule(const Rule& rule) {
  if (!rule.head.value) fail_at(rule.location, "illegal default rule (must have a value)");
  if (const char* found = find_non_constant(rule.head.value)) {
    fail_at(rule.location,
            std::string("illegal default rule (value cannot contain ") + found + ")");
  }

  std::set<std::string> seen;
  for (const TermPtr& arg : rule.head.args) {
    if (arg->kind != TermKind::Var) {
      fail_at(rule.location, std::string("illegal default rule (arguments cannot contain ") +
                                 value_name(arg->kind) + ")");
    }
    // Each `_` is a distinct variable, so only named arguments can repeat.
    if (arg->text != "_" && !seen.insert(arg->text).second) {
      fail_at(rule.location,
              "illegal default rule (arguments cannot be repeated " + arg->text + ")");
    }
  }
}

}  // namespace regoc::parsing
