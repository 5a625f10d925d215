// Builds terms and expressions from the parse tree: operators become calls (`a + b` is
// plus(a, b), `x in xs` is internal.member_2), refs are flattened, strings are decoded and
// template strings are split into text and expression parts.
#include <cstdint>

#include "compiler/parse_errors.h"
#include "compiler/parse_tree_builder.h"

namespace regoc::parsing {

using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using ast::TermKind;
using ast::TermPtr;

namespace {

// The builtin that an infix operator token calls.
const char* operator_builtin(size_t token_type) {
  switch (token_type) {
    case RegoParser::EQUAL:
      return "equal";
    case RegoParser::NEQ:
      return "neq";
    case RegoParser::LT:
      return "lt";
    case RegoParser::LTE:
      return "lte";
    case RegoParser::GT:
      return "gt";
    case RegoParser::GTE:
      return "gte";
    case RegoParser::PIPE:
      return "or";
    case RegoParser::AMP:
      return "and";
    case RegoParser::PLUS:
      return "plus";
    case RegoParser::MINUS:
      return "minus";
    case RegoParser::STAR:
      return "mul";
    case RegoParser::SLASH:
      return "div";
    case RegoParser::PERCENT:
      return "rem";
    case RegoParser::IN:
      return "internal.member_2";
    default:
      return nullptr;
  }
}

bool is_root_document(const TermPtr& term) {
  return term->kind == TermKind::Var && (term->text == "data" || term->text == "input");
}

// Appends the code point as UTF-8.
void append_utf8(uint32_t code, std::string* out) {
  if (code < 0x80) {
    *out += static_cast<char>(code);
  } else if (code < 0x800) {
    *out += static_cast<char>(0xC0 | (code >> 6));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    *out += static_cast<char>(0xE0 | (code >> 12));
    *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (code >> 18));
    *out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

bool read_hex4(const std::string& text, size_t at, uint32_t* code) {
  if (at + 4 > text.size()) return false;
  *code = 0;
  for (size_t i = at; i < at + 4; ++i) {
    char c = text[i];
    int digit = (c >= '0' && c <= '9')   ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : -1;
    if (digit < 0) return false;
    *code = *code * 16 + static_cast<uint32_t>(digit);
  }
  return true;
}

// Decodes `\uXXXX` at body[at] (just after the `u`), joining a surrogate pair.
bool decode_unicode(const std::string& body, size_t* at, std::string* out) {
  uint32_t code = 0;
  if (!read_hex4(body, *at, &code)) return false;
  *at += 4;
  uint32_t low = 0;
  bool high_surrogate = code >= 0xD800 && code < 0xDC00;
  if (high_surrogate && body.compare(*at, 2, "\\u") == 0 && read_hex4(body, *at + 2, &low) &&
      low >= 0xDC00 && low < 0xE000) {
    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    *at += 6;
  } else if (code >= 0xD800 && code < 0xE000) {
    code = 0xFFFD;  // a lone surrogate decodes to the replacement character, as in Go
  }
  append_utf8(code, out);
  return true;
}

}  // namespace

bool decode_string(const std::string& body, bool brace_escape, std::string* out) {
  out->clear();
  for (size_t i = 0; i < body.size();) {
    if (body[i] != '\\') {
      *out += body[i++];
      continue;
    }
    if (i + 1 >= body.size()) return false;
    char escape = body[i + 1];
    i += 2;
    switch (escape) {
      case '"':
        *out += '"';
        break;
      case '\\':
        *out += '\\';
        break;
      case '/':
        *out += '/';
        break;
      case 'b':
        *out += '\b';
        break;
      case 'f':
        *out += '\f';
        break;
      case 'n':
        *out += '\n';
        break;
      case 'r':
        *out += '\r';
        break;
      case 't':
        *out += '\t';
        break;
      case 'u':
        if (!decode_unicode(body, &i, out)) return false;
        break;
      case '{':
        if (!brace_escape) return false;
        *out += '{';
        break;
      default:
        return false;
    }
  }
  return true;
}

// --- expressions ------------------------------------------------------------------------------

ExprPtr TreeBuilder::build_literal(RegoParser::LiteralContext* ctx) {
  auto expr = std::make_shared<Expr>();
  expr->location = location(ctx->start);
  expr->text = source_text(ctx);
  std::vector<RegoParser::WithClauseContext*> withs;

  if (auto* some = dynamic_cast<RegoParser::SomeLiteralContext*>(ctx)) {
    build_some(some->someDecl(), expr.get());
    withs = some->withClause();
  } else if (auto* every = dynamic_cast<RegoParser::EveryLiteralContext*>(ctx)) {
    build_every(every->everyDecl(), expr.get());
    withs = every->withClause();
  } else {
    auto* plain = dynamic_cast<RegoParser::ExprLiteralContext*>(ctx);
    ExprPtr inner = build_expr(plain->expr());
    expr->kind = inner->kind;
    expr->terms = std::move(inner->terms);
    expr->negated = plain->NOT() != nullptr;
    withs = plain->withClause();
  }

  for (auto* with : withs) expr->withs.push_back(build_with(with));
  return expr;
}

ExprPtr TreeBuilder::build_expr(RegoParser::ExprContext* ctx) {
  auto expr = std::make_shared<Expr>();
  std::vector<RegoParser::ExprKVContext*> sides = ctx->exprKV();
  expr->terms.push_back(build_kv(sides[0]));
  if (sides.size() == 2) {
    expr->kind = ctx->ASSIGN() != nullptr ? ExprKind::Assign : ExprKind::Unify;
    expr->terms.push_back(build_kv(sides[1]));
  }
  return expr;
}

void TreeBuilder::build_some(RegoParser::SomeDeclContext* ctx, Expr* expr) {
  expr->kind = ExprKind::Some;
  if (!ctx->var().empty()) {
    for (auto* var : ctx->var()) expr->terms.push_back(build_var(var));
    return;
  }

  TermPtr call = build_kv(ctx->exprKV());
  std::string name = call->kind == TermKind::Call ? ast::ref_name(*call->items[0]) : "";
  if (name == "internal.member_2") {
    expr->value = call->items[1];
    expr->domain = call->items[2];
  } else if (name == "internal.member_3") {
    expr->key = call->items[1];
    expr->value = call->items[2];
    expr->domain = call->items[3];
  } else if (call->kind == TermKind::Var) {
    expr->terms.push_back(call);
  } else {
    fail(next_token(ctx), "unexpected " + describe_token(next_token(ctx)) +
                              ": expected `x in xs` or `x, y in xs` expression");
  }
}

void TreeBuilder::build_every(RegoParser::EveryDeclContext* ctx, Expr* expr) {
  expr->kind = ExprKind::Every;
  antlr4::Token* brace = ctx->LBRACE()->getSymbol();
  std::string unexpected = "unexpected " + describe_token(brace) + ": ";

  TermPtr call = build_kv(ctx->exprKV());
  std::string name = call->kind == TermKind::Call ? ast::ref_name(*call->items[0]) : "";
  if (name == "internal.member_2") {
    expr->value = call->items[1];
    expr->domain = call->items[2];
  } else if (name == "internal.member_3") {
    expr->key = call->items[1];
    expr->value = call->items[2];
    expr->domain = call->items[3];
    if (expr->key->kind != TermKind::Var) fail(brace, unexpected + "expected key to be a variable");
  } else {
    fail(brace, unexpected + "expected `x[, y] in xs { ... }` expression");
  }
  if (expr->value->kind != TermKind::Var)
    fail(brace, unexpected + "expected value to be a variable");
  expr->body = std::make_shared<ast::Body>(build_query(ctx->query()));
}

ast::With TreeBuilder::build_with(RegoParser::WithClauseContext* ctx) {
  ast::With with;
  with.location = location(ctx->start);
  with.target = build_term(ctx->term());
  if (with.target->kind == TermKind::Var) {
    with.target = ast::make_ref({with.target}, with.target->location);
  }
  if (with.target->kind != TermKind::Ref) {
    antlr4::Token* as = ctx->AS()->getSymbol();
    fail(as, "unexpected " + describe_token(as) + ": expected with target path");
  }
  with.value = build_kv(ctx->exprKV());
  return with;
}

// --- operators --------------------------------------------------------------------------------

TermPtr TreeBuilder::make_call(const std::string& op, antlr4::Token* op_token,
                               std::vector<TermPtr> args) {
  Location op_location = location(op_token);
  std::vector<TermPtr> parts;
  size_t start = 0;
  while (true) {
    size_t dot = op.find('.', start);
    std::string name = op.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (parts.empty()) {
      parts.push_back(ast::make_var(name, op_location));
    } else {
      parts.push_back(ast::make_string(name, op_location));
      parts.back()->dotted = true;
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }

  TermPtr call = ast::make_term(TermKind::Call, args[0]->location);
  call->items.push_back(ast::make_ref(std::move(parts), op_location));
  for (TermPtr& arg : args) call->items.push_back(std::move(arg));
  return call;
}

TermPtr TreeBuilder::build_kv(RegoParser::ExprKVContext* ctx) {
  if (auto* plain = dynamic_cast<RegoParser::PlainKVContext*>(ctx))
    return build_in(plain->exprIn());

  auto* member = dynamic_cast<RegoParser::MemberKVContext*>(ctx);
  std::vector<RegoParser::RelationContext*> operands = member->relation();
  std::vector<antlr4::tree::TerminalNode*> ins = member->IN();
  TermPtr result;
  size_t next = 0;
  if (member->COMMA() != nullptr) {
    result = make_call(
        "internal.member_3", ins[0]->getSymbol(),
        {build_binary(operands[0]), build_binary(operands[1]), build_binary(operands[2])});
    next = 3;
  } else {
    result = make_call("internal.member_2", ins[0]->getSymbol(),
                       {build_binary(operands[0]), build_binary(operands[1])});
    next = 2;
  }
  // Further `in` operators apply to the result: `k, v in xs in ys` is member(member(...), ys).
  for (size_t i = 1; next < operands.size(); ++i, ++next) {
    result =
        make_call("internal.member_2", ins[i]->getSymbol(), {result, build_binary(operands[next])});
  }
  return result;
}

TermPtr TreeBuilder::build_in(RegoParser::ExprInContext* ctx) { return build_binary(ctx); }

// Folds a left-associative chain `operand (op operand)*` of any precedence level into calls.
TermPtr TreeBuilder::build_binary(antlr4::ParserRuleContext* ctx) {
  if (auto* term = dynamic_cast<RegoParser::TermContext*>(ctx)) return build_term(term);

  TermPtr result;
  antlr4::Token* pending = nullptr;
  for (antlr4::tree::ParseTree* child : ctx->children) {
    if (auto* op = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
      pending = op->getSymbol();
      continue;
    }
    TermPtr operand = build_binary(dynamic_cast<antlr4::ParserRuleContext*>(child));
    if (!result) {
      result = operand;
    } else {
      result = make_call(operator_builtin(pending->getType()), pending, {result, operand});
    }
  }
  return result;
}

// --- terms ------------------------------------------------------------------------------------

TermPtr TreeBuilder::build_term(RegoParser::TermContext* ctx) {
  TermPtr term = build_primary(ctx->primary());
  for (auto* part : ctx->termPart()) term = apply_part(term, part);
  if (is_root_document(term)) term = ast::make_ref({term}, term->location);
  return term;
}

TermPtr TreeBuilder::build_ref(RegoParser::RefContext* ctx) {
  TermPtr term = build_var(ctx->var());
  for (auto* part : ctx->termPart()) term = apply_part(term, part);
  return term;
}

TermPtr TreeBuilder::apply_part(TermPtr term, RegoParser::TermPartContext* part) {
  if (auto* call = dynamic_cast<RegoParser::CallPartContext*>(part)) {
    TermPtr op = term->kind == TermKind::Ref ? term : ast::make_ref({term}, term->location);
    std::vector<TermPtr> args = build_list(call->exprList());
    if (args.empty() && ast::ref_name(*op) == "set")
      return ast::make_term(TermKind::Set, term->location);
    TermPtr result = ast::make_term(TermKind::Call, term->location);
    result->items.push_back(op);
    for (TermPtr& arg : args) result->items.push_back(std::move(arg));
    return result;
  }

  TermPtr item;
  if (auto* dot = dynamic_cast<RegoParser::DotPartContext*>(part)) {
    item = ast::make_string(dot->refName()->getText(), location(dot->refName()->start));
    item->dotted = true;
  } else {
    item = build_kv(dynamic_cast<RegoParser::BracketPartContext*>(part)->exprKV());
  }

  if (term->kind == TermKind::Ref) {
    term->items.push_back(item);
    return term;
  }
  switch (term->kind) {
    case TermKind::Var:
    case TermKind::Array:
    case TermKind::Object:
    case TermKind::Set:
    case TermKind::ArrayCompr:
    case TermKind::SetCompr:
    case TermKind::ObjectCompr:
    case TermKind::Call:
      break;
    default:
      fail_at(term->location,
              std::string("illegal ref (head cannot be ") + value_name(term->kind) + ")");
  }
  return ast::make_ref({term, item}, term->location);
}

TermPtr TreeBuilder::build_var(RegoParser::VarContext* ctx) {
  return ast::make_var(ctx->getText(), location(ctx->start));
}

std::vector<TermPtr> TreeBuilder::build_list(RegoParser::ExprListContext* ctx) {
  std::vector<TermPtr> items;
  if (ctx == nullptr) return items;
  for (auto* item : ctx->exprIn()) items.push_back(build_in(item));
  return items;
}

TermPtr TreeBuilder::build_primary(RegoParser::PrimaryContext* ctx) {
  if (auto* scalar = dynamic_cast<RegoParser::ScalarPrimaryContext*>(ctx)) {
    return build_scalar(scalar->scalar());
  }
  if (auto* var = dynamic_cast<RegoParser::VarPrimaryContext*>(ctx)) return build_var(var->var());
  if (auto* tmpl = dynamic_cast<RegoParser::TemplatePrimaryContext*>(ctx)) {
    return build_template(tmpl->templateString());
  }
  if (auto* parens = dynamic_cast<RegoParser::ParensContext*>(ctx))
    return build_kv(parens->exprKV());
  return build_collection(ctx);
}

TermPtr TreeBuilder::build_collection(RegoParser::PrimaryContext* ctx) {
  Location at = location(ctx->start);
  if (auto* array = dynamic_cast<RegoParser::ArrayContext*>(ctx)) {
    TermPtr term = ast::make_term(TermKind::Array, at);
    term->items = build_list(array->exprList());
    return term;
  }
  if (auto* set = dynamic_cast<RegoParser::SetContext*>(ctx)) {
    TermPtr term = ast::make_term(TermKind::Set, at);
    term->items = build_list(set->exprList());
    return term;
  }
  if (auto* object = dynamic_cast<RegoParser::ObjectContext*>(ctx)) {
    TermPtr term = ast::make_term(TermKind::Object, at);
    for (auto* pair : object->pair()) {
      term->entries.emplace_back(build_in(pair->exprIn(0)), build_in(pair->exprIn(1)));
    }
    return term;
  }
  if (dynamic_cast<RegoParser::EmptyObjectContext*>(ctx))
    return ast::make_term(TermKind::Object, at);

  TermPtr term;
  RegoParser::QueryContext* body = nullptr;
  if (auto* compr = dynamic_cast<RegoParser::ArrayComprContext*>(ctx)) {
    term = ast::make_term(TermKind::ArrayCompr, at);
    term->value = build_binary(compr->andExpr());
    body = compr->query();
  } else if (auto* compr = dynamic_cast<RegoParser::SetComprContext*>(ctx)) {
    term = ast::make_term(TermKind::SetCompr, at);
    term->value = build_binary(compr->andExpr());
    body = compr->query();
  } else {
    auto* object = dynamic_cast<RegoParser::ObjectComprContext*>(ctx);
    term = ast::make_term(TermKind::ObjectCompr, at);
    term->key = build_in(object->exprIn());
    term->value = build_binary(object->andExpr());
    body = object->query();
  }
  term->body = std::make_shared<ast::Body>(build_query(body));
  return term;
}

// --- scalars ----------------------------------------------------------------------------------

TermPtr TreeBuilder::build_scalar(RegoParser::ScalarContext* ctx) {
  Location at = location(ctx->start);
  if (ctx->NUMBER() != nullptr) return build_number(ctx);
  if (ctx->NULL_LIT() != nullptr) return ast::make_term(TermKind::Null, at);
  if (ctx->TRUE_LIT() != nullptr || ctx->FALSE_LIT() != nullptr) {
    TermPtr term = ast::make_term(TermKind::Boolean, at);
    term->boolean = ctx->TRUE_LIT() != nullptr;
    return term;
  }

  std::string text = ctx->getText();
  std::string body = text.substr(1, text.size() - 2);
  if (ctx->RAW_STRING() != nullptr) return ast::make_string(body, at);
  std::string decoded;
  if (!decode_string(body, false, &decoded)) fail(ctx->start, "illegal escape sequence");
  return ast::make_string(decoded, at);
}

TermPtr TreeBuilder::build_number(RegoParser::ScalarContext* ctx) {
  antlr4::Token* number = ctx->NUMBER()->getSymbol();
  std::string digits = number->getText();
  bool fraction_only = ctx->DOT() != nullptr;

  // OPA accepts a leading zero only in "0", "0.x" and "0e..." forms.
  if (!fraction_only && digits.size() > 1 && digits[0] == '0') {
    bool decimal = digits[1] == '.';
    bool scientific = digits.size() > 2 && (digits[1] == 'e' || digits[1] == 'E');
    if (!decimal && !scientific) {
      fail(number, "unexpected number token: expected number without leading zero");
    }
  }

  // NOTE: ".5" is stored as "0.5" so that the text is always a JSON number.
  std::string text = ctx->MINUS() != nullptr ? "-" : "";
  if (fraction_only) text += "0.";
  text += digits;
  TermPtr term = ast::make_term(TermKind::Number, location(ctx->start));
  term->text = text;
  return term;
}

// --- template strings -------------------------------------------------------------------------

TermPtr TreeBuilder::build_template(RegoParser::TemplateStringContext* ctx) {
  TermPtr term = ast::make_term(TermKind::TemplateString, location(ctx->start));
  bool raw = ctx->RAW_TEMPLATE_START() != nullptr;
  for (antlr4::tree::ParseTree* child : ctx->children) {
    if (auto* part = dynamic_cast<RegoParser::TemplateExprContext*>(child)) {
      term->items.push_back(build_template_part(part));
      continue;
    }
    antlr4::Token* token = dynamic_cast<antlr4::tree::TerminalNode*>(child)->getSymbol();
    size_t type = token->getType();
    if (type != RegoParser::TEMPLATE_TEXT && type != RegoParser::RAW_TEMPLATE_TEXT) continue;

    std::string text;
    if (raw) {
      for (size_t i = 0; i < token->getText().size(); ++i) {
        const std::string& source = token->getText();
        if (source[i] == '\\' && i + 1 < source.size() && source[i + 1] == '{') continue;
        text += source[i];
      }
    } else if (!decode_string(token->getText(), true, &text)) {
      fail(ctx->start, "illegal escape sequence");
    }
    if (!text.empty()) term->items.push_back(ast::make_string(text, location(token)));
  }
  return term;
}

TermPtr TreeBuilder::build_template_part(RegoParser::TemplateExprContext* ctx) {
  ExprPtr expr = build_literal(ctx->literal());
  const char* problem = nullptr;
  if (expr->negated) {
    problem = "unexpected negation ('not') in template-string expression";
  } else if (expr->kind == ExprKind::Unify) {
    problem = "unexpected unification ('=') in template-string expression";
  } else if (expr->kind == ExprKind::Assign) {
    problem = "unexpected assignment (':=') in template-string expression";
  } else if (expr->kind == ExprKind::Every) {
    problem = "unexpected 'every' in template-string expression";
  } else if (expr->kind == ExprKind::Some) {
    problem = "unexpected 'some' in template-string expression";
  }
  if (problem != nullptr) fail_at(expr->location, problem);
  if (expr->withs.empty()) return expr->terms[0];
  // The modifiers apply to the part alone: capture it now, with them, in a comprehension.
  std::string name = "$part" + std::to_string(++captured_parts_);
  TermPtr set = ast::make_term(TermKind::SetCompr, expr->location);
  set->value = ast::make_var(name, expr->location);
  set->captured = true;
  auto unify = std::make_shared<ast::Expr>();
  unify->kind = ExprKind::Unify;
  unify->location = expr->location;
  unify->text = expr->text;
  unify->terms = {ast::make_var(name, expr->location), expr->terms[0]};
  unify->withs = std::move(expr->withs);
  set->body = std::make_shared<ast::Body>();
  set->body->push_back(std::move(unify));
  return set;
}

const char* value_name(TermKind kind) {
  switch (kind) {
    case TermKind::Null:
      return "null";
    case TermKind::Boolean:
      return "boolean";
    case TermKind::Number:
      return "number";
    case TermKind::String:
      return "string";
    case TermKind::Var:
      return "var";
    case TermKind::Ref:
      return "ref";
    case TermKind::Array:
      return "array";
    case TermKind::Object:
      return "object";
    case TermKind::Set:
      return "set";
    case TermKind::ArrayCompr:
      return "arraycomprehension";
    case TermKind::SetCompr:
      return "setcomprehension";
    case TermKind::ObjectCompr:
      return "objectcomprehension";
    case TermKind::Call:
      return "call";
    case TermKind::TemplateString:
      return "templatestring";
  }
  return "value";
}

}  // namespace regoc::parsing
