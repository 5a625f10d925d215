// Static type checks of builtin calls: arguments whose type is fixed without
// evaluation (literals) must match OPA's declaration of the builtin (rego_type_error
// "<name>: invalid argument(s)"). External interface: check_types, builtin_signature_text and
// static_types_text (used by the arity check).
//
// NOTE: OPA infers the types of variables and refs too; this pass only checks literal
// arguments, so it reports a subset of OPA's type errors.
#include <algorithm>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "compiler/passes.h"
#include "runtime/builtins/builtin.h"

namespace regoc::passes {
namespace {

using ast::Term;
using ast::TermKind;
using ast::TermPtr;
using nlohmann::json;

// A type in OPA's type language: any (optionally a union), scalars, arrays, objects, sets.
struct Type {
  std::string kind = "any";  // any, null, boolean, number, string, array, object, set
  std::vector<Type> of;      // union members of `any`; static items of an array
  std::vector<std::pair<std::string, Type>> properties;  // static object properties
  std::shared_ptr<Type> dynamic;                         // array/set element, object value
  std::shared_ptr<Type> dynamic_key;                     // object key
};

Type parse_type(const json& node) {
  Type type;
  type.kind = node.value("type", "any");
  if (type.kind == "any" && node.contains("of")) {
    for (const json& member : node["of"]) type.of.push_back(parse_type(member));
  } else if (type.kind == "array") {
    if (node.contains("static")) {
      for (const json& item : node["static"]) type.of.push_back(parse_type(item));
    }
    if (node.contains("dynamic")) {
      type.dynamic = std::make_shared<Type>(parse_type(node["dynamic"]));
    }
  } else if (type.kind == "set") {
    if (node.contains("of")) type.dynamic = std::make_shared<Type>(parse_type(node["of"]));
  } else if (type.kind == "object") {
    if (node.contains("static")) {
      for (const json& property : node["static"]) {
        type.properties.emplace_back(property.value("key", json()).dump(),
                                     parse_type(property["value"]));
      }
    }
    if (node.contains("dynamic")) {
      type.dynamic_key = std::make_shared<Type>(parse_type(node["dynamic"]["key"]));
      type.dynamic = std::make_shared<Type>(parse_type(node["dynamic"]["value"]));
    }
  }
  return type;
}

std::string type_text(const Type& type);

std::string join_types(const std::vector<Type>& types) {
  std::vector<std::string> texts;
  for (const Type& type : types) texts.push_back(type_text(type));
  std::string out;
  for (size_t i = 0; i < texts.size(); ++i) out += (i > 0 ? ", " : "") + texts[i];
  return out;
}

// Prints a type as OPA's types.Sprint does: "any<array[any], string>", "object[any: any]".
std::string type_text(const Type& type) {
  if (type.kind == "any") {
    if (type.of.empty()) return "any";
    std::vector<std::string> texts;
    for (const Type& member : type.of) texts.push_back(type_text(member));
    std::sort(texts.begin(), texts.end());
    std::string out = "any<";
    for (size_t i = 0; i < texts.size(); ++i) out += (i > 0 ? ", " : "") + texts[i];
    return out + ">";
  }
  if (type.kind == "array") {
    std::string out = "array";
    if (!type.of.empty()) out += "<" + join_types(type.of) + ">";
    if (type.dynamic) out += "[" + type_text(*type.dynamic) + "]";
    return out;
  }
  if (type.kind == "set") return "set[" + (type.dynamic ? type_text(*type.dynamic) : "any") + "]";
  if (type.kind == "object") {
    std::string out = "object";
    if (!type.properties.empty()) {
      out += "<";
      for (size_t i = 0; i < type.properties.size(); ++i) {
        out += (i > 0 ? ", " : "") + type.properties[i].first + ": " +
               type_text(type.properties[i].second);
      }
      out += ">";
    }
    if (type.dynamic) {
      out += "[" + type_text(*type.dynamic_key) + ": " + type_text(*type.dynamic) + "]";
    }
    return out;
  }
  return type.kind;
}

// The type of a literal term; `any` when the term needs evaluation.
Type literal_type(const Term& term) {
  Type type;
  switch (term.kind) {
    case TermKind::Null: type.kind = "null"; break;
    case TermKind::Boolean: type.kind = "boolean"; break;
    case TermKind::Number: type.kind = "number"; break;
    case TermKind::String: type.kind = "string"; break;
    case TermKind::Array:
      if (!is_ground_value(term)) break;
      type.kind = "array";
      for (const TermPtr& item : term.items) type.of.push_back(literal_type(*item));
      break;
    case TermKind::Set:
      if (!is_ground_value(term)) break;
      type.kind = "set";
      type.dynamic = std::make_shared<Type>();
      for (const TermPtr& item : term.items) type.dynamic->of.push_back(literal_type(*item));
      if (type.dynamic->of.size() == 1) *type.dynamic = Type(type.dynamic->of[0]);
      break;
    case TermKind::Object:
      if (!is_ground_value(term)) break;
      type.kind = "object";
      for (const auto& [key, value] : term.entries) {
        type.properties.emplace_back(ast::to_string(*key), literal_type(*value));
      }
      break;
    default:
      break;
  }
  return type;
}

// True when every value of type `have` is a value of type `want` (`any` passes as unknown).
bool accepts(const Type& want, const Type& have) {
  if (have.kind == "any") {
    return have.of.empty() || std::all_of(have.of.begin(), have.of.end(), [&](const Type& t) {
             return accepts(want, t);
           });
  }
  if (want.kind == "any") {
    return want.of.empty() || std::any_of(want.of.begin(), want.of.end(), [&](const Type& t) {
             return accepts(t, have);
           });
  }
  if (want.kind != have.kind) return false;
  if (have.kind == "array") {
    for (size_t i = 0; i < have.of.size(); ++i) {
      const Type* item = i < want.of.size() ? &want.of[i] : want.dynamic.get();
      if (item == nullptr || !accepts(*item, have.of[i])) return false;
    }
    return true;
  }
  if (have.kind == "set") {
    return !want.dynamic || !have.dynamic || accepts(*want.dynamic, *have.dynamic);
  }
  if (have.kind == "object" && want.dynamic) {
    for (const auto& property : have.properties) {
      if (!accepts(*want.dynamic, property.second)) return false;
    }
  }
  return true;
}

// A builtin's parameter and result types, parsed from its declaration.
struct Signature {
  std::vector<Type> args;
  Type result;  // `any` when the declaration gives none
};

Signature parse_signature(const Builtin& builtin) {
  Signature signature;
  if (builtin.declaration.empty()) return signature;
  json declaration = json::parse(builtin.declaration, nullptr, false);
  if (declaration.is_discarded()) return signature;
  if (declaration.contains("args")) {
    for (const json& arg : declaration["args"]) signature.args.push_back(parse_type(arg));
  }
  if (declaration.contains("result")) signature.result = parse_type(declaration["result"]);
  return signature;
}

// Parses each builtin's declaration once per thread: a policy calls the same builtins many
// times, and the registry's builtins live as long as the program.
const Signature& signature_of(const Builtin& builtin) {
  thread_local std::map<const Builtin*, Signature> signatures;
  auto it = signatures.find(&builtin);
  if (it == signatures.end()) it = signatures.emplace(&builtin, parse_signature(builtin)).first;
  return it->second;
}

const std::vector<Type>& declared_args(const Builtin& builtin) {
  return signature_of(builtin).args;
}

// `out = f(x)` written as `f(x, out)`: OPA types `out` as an extra parameter whose type is the
// builtin's result, so an output of another type is "invalid argument(s)" with the result
// type listed last in `want`.
void check_output_call(PassContext& context, const ast::Expr& expr) {
  if (expr.kind != ast::ExprKind::Unify || expr.terms.size() != 2) return;
  const Term& output = *expr.terms[0];
  const Term& call = *expr.terms[1];
  if (call.kind != TermKind::Call) return;
  const Builtin* builtin = find_builtin(operator_name(call));
  if (builtin == nullptr || builtin->arity < 0) return;
  const Type& result = signature_of(*builtin).result;
  if (accepts(result, literal_type(output))) return;

  std::vector<Type> want = declared_args(*builtin);
  want.push_back(result);
  std::vector<Type> have;
  for (size_t i = 1; i < call.items.size(); ++i) have.push_back(literal_type(*call.items[i]));
  have.push_back(literal_type(output));
  context.error(codes::kType, expr.location,
                builtin->name + ": invalid argument(s)\n\thave: (" + join_types(have) +
                    ")\n\twant: (" + join_types(want) + ")");
}

void check_call(PassContext& context, const Term& call, const Location& location) {
  const Builtin* builtin = find_builtin(operator_name(call));
  if (builtin == nullptr || builtin->arity < 0) return;
  const std::vector<Type>& want = declared_args(*builtin);
  if (want.size() + 1 != call.items.size()) return;
  bool valid = true;
  for (size_t i = 0; i < want.size(); ++i) {
    if (!accepts(want[i], literal_type(*call.items[i + 1]))) valid = false;
  }
  if (valid) return;
  context.error(codes::kType, location,
                builtin->name + ": invalid argument(s)\n\thave: " + static_types_text(call) +
                    "\n\twant: " + builtin_signature_text(*builtin));
}

// Checks the calls in the expressions of `body`, not in the bodies nested in it.
void check_exprs(PassContext& context, ast::Body& body) {
  for (ast::ExprPtr& expr : body) {
    walk_expr_terms(*expr, [&](TermPtr& root) {
      walk_terms(root, [&](TermPtr& term) {
        if (term->kind == TermKind::Call) check_call(context, *term, expr->location);
        return !is_closure(*term);
      });
    });
  }
}

}  // namespace

std::string builtin_signature_text(const Builtin& builtin) {
  return "(" + join_types(declared_args(builtin)) + ")";
}

std::string static_types_text(const Term& call) {
  std::vector<Type> types;
  for (size_t i = 1; i < call.items.size(); ++i) types.push_back(literal_type(*call.items[i]));
  return "(" + join_types(types) + ")";
}

void check_types(PassContext& context, ast::Body* query) {
  auto visit = [&](ast::Body& body) { check_exprs(context, body); };
  for (ast::Module* module : context.modules) {
    for (const auto& rule : module->rules) walk_rule_bodies(*rule, visit);
  }
  if (query != nullptr) walk_bodies(*query, visit);
  for (const ast::ExprPtr& expr : context.output_calls) check_output_call(context, *expr);
}

}  // namespace regoc::passes
