// The value of a constant term: see constant_value.h.
#include "compiler/constant_value.h"

#include "runtime/number.h"

namespace regoc::ast {

std::optional<Value> constant_value(const Term& term) {
  switch (term.kind) {
    case TermKind::Null:
      return Value::null();
    case TermKind::Boolean:
      return Value::boolean(term.boolean);
    case TermKind::Number: {
      auto number = Number::parse(term.text);
      if (!number) return std::nullopt;
      return Value::number(*number);
    }
    case TermKind::String:
      return Value::string(term.text);
    case TermKind::Array:
    case TermKind::Set: {
      std::vector<Value> items;
      for (const auto& item : term.items) {
        auto value = constant_value(*item);
        if (!value) return std::nullopt;
        items.push_back(std::move(*value));
      }
      return term.kind == TermKind::Array ? Value::array(std::move(items))
                                                : Value::set(std::move(items));
    }
    case TermKind::Object: {
      std::vector<Value::Entry> entries;
      for (const auto& [key_term, value_term] : term.entries) {
        auto key = constant_value(*key_term);
        auto value = constant_value(*value_term);
        if (!key || !value) return std::nullopt;
        entries.emplace_back(std::move(*key), std::move(*value));
      }
      return Value::object(std::move(entries));
    }
    default:
      return std::nullopt;
  }
}

}  // namespace regoc::ast
