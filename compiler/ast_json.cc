// OPA's AST JSON of a parsed module (compiler/ast_json.h). The shapes follow OPA 1.20's
// MarshalJSON methods: a module is {"package", "imports", "rules", "comments"}; a rule is
// {"head", "body", "default", "else"}; an expression is {"index", "terms", "negated", "with"};
// a term is {"type", "value"}. Operators are calls, as in regoc's AST, except that an
// expression whose whole term is a call stores the call's terms as its "terms" array.
#include "compiler/ast_json.h"

#include <openssl/evp.h>

#include <algorithm>

#include "compiler/constant_value.h"
#include "compiler/parse_tree_builder.h"
#include "compiler/passes.h"
#include "runtime/number.h"

namespace regoc {
namespace {

Value str(std::string_view text) { return Value::string(text); }

using Fields = std::vector<Value::Entry>;

class AstWriter {
 public:
  Value module(const ast::Module& module);

 private:
  Value term(const ast::Term& term);
  Value term_or_null(const ast::TermPtr& term) { return term ? this->term(*term) : Value::null(); }
  Value terms(const std::vector<ast::TermPtr>& items);
  Value scalar_value(const ast::Term& term);
  Value sorted_items(const ast::Term& set);
  Value object_items(const ast::Term& object);
  Value template_parts(const ast::Term& term);
  Value operator_ref(std::string_view name);
  Value expr(const ast::Expr& expr, size_t index);
  Value expr_terms(const ast::Expr& expr);
  Value body(const ast::Body& body);
  Value rule(const ast::Rule& rule, const Value* primary_head, bool primary_assign);
  Value head(const ast::Rule& rule);
  Value comment(const ast::Comment& comment);

  // OPA's parser renames each `_` to $0, $1, ... in the order it reads them.
  int next_wildcard_ = 0;
};

Value AstWriter::module(const ast::Module& module) {
  Fields fields;
  Fields package = {{str("path"), terms(module.package->items)}};
  fields.emplace_back(str("package"), Value::object(std::move(package)));
  if (!module.imports.empty()) {
    std::vector<Value> imports;
    for (const ast::Import& import : module.imports) {
      Fields entry = {{str("path"), term(*import.path)}};
      if (!import.alias.empty()) entry.emplace_back(str("alias"), str(import.alias));
      imports.push_back(Value::object(std::move(entry)));
    }
    fields.emplace_back(str("imports"), Value::array(std::move(imports)));
  }
  if (!module.rules.empty()) {
    std::vector<Value> rules;
    for (const auto& rule : module.rules) rules.push_back(this->rule(*rule, nullptr, false));
    fields.emplace_back(str("rules"), Value::array(std::move(rules)));
  }
  if (!module.comments.empty()) {
    std::vector<Value> comments;
    for (const ast::Comment& comment : module.comments) comments.push_back(this->comment(comment));
    fields.emplace_back(str("comments"), Value::array(std::move(comments)));
  }
  return Value::object(std::move(fields));
}

// A comment has no JSON tags in OPA, hence the capitalized keys, the base64 text (Go encodes
// []byte so) and a location that is written although locations are off.
Value AstWriter::comment(const ast::Comment& comment) {
  std::string encoded(4 * ((comment.text.size() + 2) / 3) + 1, '\0');
  int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                               reinterpret_cast<const unsigned char*>(comment.text.data()),
                               static_cast<int>(comment.text.size()));
  encoded.resize(length);
  Fields location = {{str("file"), str(comment.location.file_name())},
                     {str("row"), Value::integer(comment.location.row)},
                     {str("col"), Value::integer(comment.location.col)}};
  return Value::object(
      {{str("Location"), Value::object(std::move(location))}, {str("Text"), str(encoded)}});
}

// --- rules --------------------------------------------------------------------------------------

Value AstWriter::rule(const ast::Rule& rule, const Value* primary_head, bool primary_assign) {
  Fields fields;
  Value head_json = head(rule);
  if (primary_head != nullptr) {
    // An else branch copies the head of the rule it belongs to and replaces the value; a
    // branch without a value keeps the rule's `:=`.
    head_json = *primary_head;
    Value value = rule.head.value ? term(*rule.head.value) : Value::object(
                                                                  {{str("type"), str("boolean")},
                                                                   {str("value"),
                                                                    Value::boolean(true)}});
    head_json.object_insert(str("value"), value);
    bool assign = rule.head.value ? rule.head.assign : primary_assign;
    if (assign) {
      head_json.object_insert(str("assign"), Value::boolean(true));
    } else {
      Fields without_assign;
      for (const auto& entry : head_json.object_entries()) {
        if (entry.first != str("assign")) without_assign.push_back(entry);
      }
      head_json = Value::object(std::move(without_assign));
    }
  }
  fields.emplace_back(str("head"), head_json);
  fields.emplace_back(str("body"), body(rule.body));
  if (rule.is_default) fields.emplace_back(str("default"), Value::boolean(true));
  if (rule.else_rule) {
    const Value& head_of_chain = primary_head != nullptr ? *primary_head : head_json;
    bool assign = primary_head != nullptr ? primary_assign : rule.head.assign;
    fields.emplace_back(str("else"), this->rule(*rule.else_rule, &head_of_chain, assign));
  }
  return Value::object(std::move(fields));
}

// OPA's rule head: the name (for single-name heads), the ref, arguments, the key of a
// multi-value or `p[x] if` rule, the value (true when none is written) and `:=`.
Value AstWriter::head(const ast::Rule& rule) {
  const ast::RuleHead& head = rule.head;
  std::vector<ast::TermPtr> ref = head.ref->items;
  std::string name = ref.size() == 1 ? ref[0]->text : "";
  ast::TermPtr key;
  ast::TermPtr value = head.value;
  bool generated_value = false;
  if (head.contains) {
    key = head.key;
    value = nullptr;
  } else {
    if (!value && (ref.size() != 2 || head.is_function)) generated_value = true;
    bool has_body = !rule.body.empty();
    if (!rule.is_default && ref.size() == 2) {
      const ast::TermPtr& last = ref[1];
      bool variable = !passes::is_ground_value(*last) || last->kind == ast::TermKind::Ref;
      if (has_body) {
        if (variable && !head.is_function) key = last;
        if (!value) {
          generated_value = true;
        } else {
          name = ref[0]->text;
        }
      } else if (!head.is_function) {
        name = ref[0]->text;
        key = last;
        if (!value) ref.pop_back();
      }
    }
  }

  Fields fields;
  if (!name.empty()) fields.emplace_back(str("name"), str(name));
  fields.emplace_back(str("ref"), terms(ref));
  if (!head.args.empty()) fields.emplace_back(str("args"), terms(head.args));
  if (key) fields.emplace_back(str("key"), term(*key));
  if (value) fields.emplace_back(str("value"), term(*value));
  if (generated_value) {
    fields.emplace_back(str("value"),
                        Value::object({{str("type"), str("boolean")},
                                       {str("value"), Value::boolean(true)}}));
  }
  if (head.assign) fields.emplace_back(str("assign"), Value::boolean(true));
  return Value::object(std::move(fields));
}

// --- bodies and expressions ---------------------------------------------------------------------

Value AstWriter::body(const ast::Body& body) {
  std::vector<Value> exprs;
  if (body.empty()) {
    // A rule without a body has OPA's implicit body `true`.
    Value true_term =
        Value::object({{str("type"), str("boolean")}, {str("value"), Value::boolean(true)}});
    exprs.push_back(Value::object({{str("index"), Value::integer(0)}, {str("terms"), true_term}}));
  }
  for (size_t i = 0; i < body.size(); ++i) exprs.push_back(expr(*body[i], i));
  return Value::array(std::move(exprs));
}

Value AstWriter::operator_ref(std::string_view name) {
  Value var = Value::object({{str("type"), str("var")}, {str("value"), str(name)}});
  return Value::object({{str("type"), str("ref")}, {str("value"), Value::array({var})}});
}

Value AstWriter::expr_terms(const ast::Expr& expr) {
  switch (expr.kind) {
    case ast::ExprKind::Term: {
      const ast::Term& only = *expr.terms[0];
      if (only.kind == ast::TermKind::Call) return terms(only.items);
      return term(only);
    }
    case ast::ExprKind::Unify:
    case ast::ExprKind::Assign: {
      const char* op = expr.kind == ast::ExprKind::Unify ? "eq" : "assign";
      return Value::array({operator_ref(op), term(*expr.terms[0]), term(*expr.terms[1])});
    }
    case ast::ExprKind::Some: {
      Value symbols;
      if (!expr.terms.empty()) {
        symbols = terms(expr.terms);
      } else {
        // `some k, v in xs` declares the call internal.member_3(k, v, xs).
        std::string member = expr.key ? "member_3" : "member_2";
        Value internal = Value::object({{str("type"), str("var")}, {str("value"), str("internal")}});
        Value part = Value::object({{str("type"), str("string")}, {str("value"), str(member)}});
        std::vector<Value> call = {Value::object(
            {{str("type"), str("ref")}, {str("value"), Value::array({internal, part})}})};
        if (expr.key) call.push_back(term(*expr.key));
        call.push_back(term(*expr.value));
        call.push_back(term(*expr.domain));
        symbols = Value::array(
            {Value::object({{str("type"), str("call")}, {str("value"), Value::array(call)}})});
      }
      return Value::object({{str("symbols"), symbols}});
    }
    case ast::ExprKind::Every:
      return Value::object({{str("key"), term_or_null(expr.key)},
                            {str("value"), term(*expr.value)},
                            {str("domain"), term(*expr.domain)},
                            {str("body"), body(*expr.body)}});
  }
  return Value::null();
}

Value AstWriter::expr(const ast::Expr& expr, size_t index) {
  Fields fields = {{str("index"), Value::integer(static_cast<int64_t>(index))}};
  if (expr.negated) fields.emplace_back(str("negated"), Value::boolean(true));
  fields.emplace_back(str("terms"), expr_terms(expr));
  if (!expr.withs.empty()) {
    std::vector<Value> withs;
    for (const ast::With& with : expr.withs) {
      withs.push_back(
          Value::object({{str("target"), term(*with.target)}, {str("value"), term(*with.value)}}));
    }
    fields.emplace_back(str("with"), Value::array(std::move(withs)));
  }
  return Value::object(std::move(fields));
}

// --- terms ---------------------------------------------------------------------------------------

Value AstWriter::terms(const std::vector<ast::TermPtr>& items) {
  std::vector<Value> out;
  for (const ast::TermPtr& item : items) out.push_back(term(*item));
  return Value::array(std::move(out));
}

Value AstWriter::scalar_value(const ast::Term& term) {
  switch (term.kind) {
    case ast::TermKind::Null:
      return Value::object();  // OPA's Null is an empty Go struct, which encodes as {}
    case ast::TermKind::Boolean:
      return Value::boolean(term.boolean);
    case ast::TermKind::Number: {
      auto number = Number::parse(term.text);
      return number ? Value::number(*number) : str(term.text);
    }
    case ast::TermKind::Var:
      if (term.text == "_") return str("$" + std::to_string(next_wildcard_++));
      return str(term.text);
    default:
      return str(term.text);
  }
}

// Returns a set's elements in OPA's order when they are constants, else as written.
// NOTE: OPA sorts every set and object by its term order, but regoc sorts only constants.
Value AstWriter::sorted_items(const ast::Term& set) {
  std::vector<std::pair<Value, Value>> items;  // (constant value, JSON)
  bool constant = true;
  for (const ast::TermPtr& item : set.items) {
    Value json = term(*item);
    std::optional<Value> value = ast::constant_value(*item);
    constant = constant && value.has_value();
    items.emplace_back(value.value_or(Value::null()), std::move(json));
  }
  if (constant) {
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  std::vector<Value> out;
  for (auto& item : items) out.push_back(std::move(item.second));
  return Value::array(std::move(out));
}

Value AstWriter::object_items(const ast::Term& object) {
  std::vector<std::pair<Value, Value>> items;  // (constant key, [key JSON, value JSON])
  bool constant = true;
  for (const auto& [key, value] : object.entries) {
    std::optional<Value> key_value = ast::constant_value(*key);
    constant = constant && key_value.has_value();
    Value pair = Value::array({term(*key), term(*value)});
    items.emplace_back(key_value.value_or(Value::null()), std::move(pair));
  }
  if (constant) {
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  std::vector<Value> out;
  for (auto& item : items) out.push_back(std::move(item.second));
  return Value::array(std::move(out));
}

// NOTE: OPA keeps each `{expr}` part as an expression and records in multi_line whether the
// template was raw. regoc's AST keeps the part's term and not the template kind.
Value AstWriter::template_parts(const ast::Term& term) {
  std::vector<Value> parts;
  for (const ast::TermPtr& item : term.items) {
    if (item->kind == ast::TermKind::String) {
      parts.push_back(this->term(*item));
      continue;
    }
    Value terms = item->kind == ast::TermKind::Call ? this->terms(item->items) : this->term(*item);
    parts.push_back(Value::object({{str("index"), Value::integer(0)}, {str("terms"), terms}}));
  }
  return Value::object(
      {{str("parts"), Value::array(std::move(parts))}, {str("multi_line"), Value::boolean(false)}});
}

Value AstWriter::term(const ast::Term& term) {
  Value value;
  switch (term.kind) {
    case ast::TermKind::Ref:
    case ast::TermKind::Array:
    case ast::TermKind::Call:
      value = terms(term.items);
      break;
    case ast::TermKind::Set:
      value = sorted_items(term);
      break;
    case ast::TermKind::Object:
      value = object_items(term);
      break;
    case ast::TermKind::ArrayCompr:
    case ast::TermKind::SetCompr:
      value = Value::object({{str("term"), this->term(*term.value)}, {str("body"), body(*term.body)}});
      break;
    case ast::TermKind::ObjectCompr:
      value = Value::object({{str("key"), this->term(*term.key)},
                             {str("value"), this->term(*term.value)},
                             {str("body"), body(*term.body)}});
      break;
    case ast::TermKind::TemplateString:
      value = template_parts(term);
      break;
    default:
      value = scalar_value(term);
      break;
  }
  return Value::object({{str("type"), str(parsing::value_name(term.kind))}, {str("value"), value}});
}

}  // namespace

Value module_to_ast_json(const ast::Module& module) { return AstWriter().module(module); }

}  // namespace regoc
