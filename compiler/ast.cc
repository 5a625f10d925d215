// Helpers over the AST declared in compiler/ast.h: constructors, deep copies, Rego source
// printing (to_string) and small ref queries (is_ground_ref, ref_name).
#include "compiler/ast.h"

#include <cstdio>

namespace regoc::ast {

TermPtr make_term(TermKind kind, Location location) {
  auto term = std::make_shared<Term>();
  term->kind = kind;
  term->location = std::move(location);
  return term;
}

TermPtr make_var(std::string name, Location location) {
  TermPtr term = make_term(TermKind::Var, std::move(location));
  term->text = std::move(name);
  return term;
}

TermPtr make_string(std::string text, Location location) {
  TermPtr term = make_term(TermKind::String, std::move(location));
  term->text = std::move(text);
  return term;
}

TermPtr make_ref(std::vector<TermPtr> items, Location location) {
  TermPtr term = make_term(TermKind::Ref, std::move(location));
  term->items = std::move(items);
  return term;
}

// --- deep copies ----------------------------------------------------------------------------

static BodyPtr clone_body_ptr(const BodyPtr& body) {
  if (!body) return nullptr;
  return std::make_shared<Body>(clone(*body));
}

TermPtr clone(const TermPtr& term) {
  if (!term) return nullptr;
  auto copy = std::make_shared<Term>(*term);
  for (TermPtr& item : copy->items) item = clone(item);
  for (auto& [key, value] : copy->entries) {
    key = clone(key);
    value = clone(value);
  }
  copy->key = clone(term->key);
  copy->value = clone(term->value);
  copy->body = clone_body_ptr(term->body);
  return copy;
}

ExprPtr clone(const ExprPtr& expr) {
  if (!expr) return nullptr;
  auto copy = std::make_shared<Expr>(*expr);
  for (TermPtr& term : copy->terms) term = clone(term);
  copy->key = clone(expr->key);
  copy->value = clone(expr->value);
  copy->domain = clone(expr->domain);
  copy->body = clone_body_ptr(expr->body);
  for (With& with : copy->withs) {
    with.target = clone(with.target);
    with.value = clone(with.value);
  }
  return copy;
}

Body clone(const Body& body) {
  Body copy;
  copy.reserve(body.size());
  for (const ExprPtr& expr : body) copy.push_back(clone(expr));
  return copy;
}

// --- printing -------------------------------------------------------------------------------

namespace {

// Quotes a string as a JSON string literal, which is also a Rego string literal.
std::string quote(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

bool is_identifier(const std::string& text) {
  if (text.empty()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

// Infix spelling of an operator builtin, or null for ordinary calls.
const char* infix_operator(const std::string& name) {
  static const std::pair<const char*, const char*> kOperators[] = {
      {"equal", "=="}, {"neq", "!="},  {"lt", "<"},    {"lte", "<="}, {"gt", ">"},
      {"gte", ">="},   {"plus", "+"},  {"minus", "-"}, {"mul", "*"},  {"div", "/"},
      {"rem", "%"},    {"and", "&"},   {"or", "|"},
  };
  for (const auto& [builtin, symbol] : kOperators) {
    if (name == builtin) return symbol;
  }
  return nullptr;
}

bool is_infix_call(const Term& term) {
  if (term.kind != TermKind::Call || term.items.empty()) return false;
  std::string name = ref_name(*term.items[0]);
  bool binary = infix_operator(name) != nullptr && term.items.size() == 3;
  bool member = (name == "internal.member_2" && term.items.size() == 3) ||
                (name == "internal.member_3" && term.items.size() == 4);
  return binary || member;
}

// Operands that are themselves infix calls get parentheses, so precedence never matters.
std::string operand(const TermPtr& term) {
  if (is_infix_call(*term)) return "(" + to_string(*term) + ")";
  return to_string(*term);
}

std::string join(const std::vector<TermPtr>& terms, size_t from) {
  std::string out;
  for (size_t i = from; i < terms.size(); ++i) {
    if (i > from) out += ", ";
    out += to_string(*terms[i]);
  }
  return out;
}

std::string ref_to_string(const Term& ref) {
  if (ref.items.empty()) return "";
  const Term& head = *ref.items[0];
  std::string out = head.kind == TermKind::Var ? head.text : to_string(head);
  for (size_t i = 1; i < ref.items.size(); ++i) {
    const Term& part = *ref.items[i];
    if (part.kind == TermKind::String && is_identifier(part.text)) {
      out += "." + part.text;
    } else {
      out += "[" + to_string(part) + "]";
    }
  }
  return out;
}

std::string call_to_string(const Term& call) {
  const Term& op = *call.items[0];
  std::string name = ref_name(op);
  if (is_infix_call(call)) {
    if (name == "internal.member_2") {
      return operand(call.items[1]) + " in " + operand(call.items[2]);
    }
    if (name == "internal.member_3") {
      return operand(call.items[1]) + ", " + operand(call.items[2]) + " in " +
             operand(call.items[3]);
    }
    return operand(call.items[1]) + " " + infix_operator(name) + " " + operand(call.items[2]);
  }
  return to_string(op) + "(" + join(call.items, 1) + ")";
}

std::string template_to_string(const Term& term) {
  std::string out = "$\"";
  for (const TermPtr& part : term.items) {
    if (part->kind == TermKind::String) {
      std::string quoted = quote(part->text);
      for (char c : quoted.substr(1, quoted.size() - 2)) {
        if (c == '{') out += '\\';
        out += c;
      }
    } else {
      out += "{" + to_string(*part) + "}";
    }
  }
  return out + "\"";
}

std::string object_to_string(const Term& term) {
  std::string out = "{";
  for (size_t i = 0; i < term.entries.size(); ++i) {
    if (i > 0) out += ", ";
    out += to_string(*term.entries[i].first) + ": " + to_string(*term.entries[i].second);
  }
  return out + "}";
}

}  // namespace

std::string to_string(const Term& term) {
  switch (term.kind) {
    case TermKind::Null: return "null";
    case TermKind::Boolean: return term.boolean ? "true" : "false";
    case TermKind::Number: return term.text;
    case TermKind::String: return quote(term.text);
    case TermKind::Var: return term.text;
    case TermKind::Ref: return ref_to_string(term);
    case TermKind::Array: return "[" + join(term.items, 0) + "]";
    case TermKind::Object: return object_to_string(term);
    case TermKind::Set:
      return term.items.empty() ? "set()" : "{" + join(term.items, 0) + "}";
    case TermKind::ArrayCompr:
      return "[" + to_string(*term.value) + " | " + to_string(*term.body) + "]";
    case TermKind::SetCompr:
      return "{" + to_string(*term.value) + " | " + to_string(*term.body) + "}";
    case TermKind::ObjectCompr:
      return "{" + to_string(*term.key) + ": " + to_string(*term.value) + " | " +
             to_string(*term.body) + "}";
    case TermKind::Call: return call_to_string(term);
    case TermKind::TemplateString: return template_to_string(term);
  }
  return "";
}

static std::string some_or_every_head(const Expr& expr) {
  std::string out;
  if (expr.key) out += to_string(*expr.key) + ", ";
  return out + to_string(*expr.value) + " in " + to_string(*expr.domain);
}

std::string to_string(const Expr& expr) {
  std::string out = expr.negated ? "not " : "";
  switch (expr.kind) {
    case ExprKind::Term: out += to_string(*expr.terms[0]); break;
    case ExprKind::Unify:
      out += to_string(*expr.terms[0]) + " = " + to_string(*expr.terms[1]);
      break;
    case ExprKind::Assign:
      out += to_string(*expr.terms[0]) + " := " + to_string(*expr.terms[1]);
      break;
    case ExprKind::Some:
      out += "some " + (expr.domain ? some_or_every_head(expr) : join(expr.terms, 0));
      break;
    case ExprKind::Every:
      out += "every " + some_or_every_head(expr) + " { " + to_string(*expr.body) + " }";
      break;
  }
  for (const With& with : expr.withs) {
    out += " with " + to_string(*with.target) + " as " + to_string(*with.value);
  }
  return out;
}

std::string to_string(const Body& body) {
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (i > 0) out += "; ";
    out += to_string(*body[i]);
  }
  return out;
}

bool is_ground_ref(const Term& ref) {
  if (ref.kind != TermKind::Ref) return false;
  for (size_t i = 1; i < ref.items.size(); ++i) {
    switch (ref.items[i]->kind) {
      case TermKind::Null:
      case TermKind::Boolean:
      case TermKind::Number:
      case TermKind::String: break;
      default: return false;
    }
  }
  return true;
}

std::string ref_name(const Term& ref) {
  if (ref.kind != TermKind::Ref || ref.items.empty()) return "";
  if (ref.items[0]->kind != TermKind::Var) return "";
  std::string name = ref.items[0]->text;
  for (size_t i = 1; i < ref.items.size(); ++i) {
    if (ref.items[i]->kind != TermKind::String) return "";
    name += "." + ref.items[i]->text;
  }
  return name;
}

}  // namespace regoc::ast
