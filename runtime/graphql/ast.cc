// Helpers of the GraphQL syntax tree: type and value text, lookups by name, and the merging
// of schema documents.
#include "runtime/graphql/ast.h"

#include "runtime/graphql/go_quote.h"

namespace regoc::graphql {

std::string TypeRef::to_string() const {
  std::string text = element ? "[" + element->to_string() + "]" : named_type;
  if (non_null) text += "!";
  return text;
}

bool TypeRef::is_compatible(const TypeRef& other) const {
  if (named_type != other.named_type) return false;
  if (element && !other.element) return false;
  if (element && !element->is_compatible(*other.element)) return false;
  if (other.non_null) return non_null;
  return true;
}

std::string ValueNode::to_string() const {
  switch (kind) {
    case ValueKind::Variable:
      return "$" + raw;
    case ValueKind::String:
    case ValueKind::Block:
      return go_quote(raw);
    case ValueKind::List: {
      std::string text = "[";
      for (size_t i = 0; i < children.size(); ++i) {
        if (i > 0) text += ",";
        text += children[i].value ? children[i].value->to_string() : "<nil>";
      }
      return text + "]";
    }
    case ValueKind::Object: {
      std::string text = "{";
      for (size_t i = 0; i < children.size(); ++i) {
        if (i > 0) text += ",";
        text += children[i].name + ":";
        text += children[i].value ? children[i].value->to_string() : "<nil>";
      }
      return text + "}";
    }
    default:
      return raw;
  }
}

Ptr<FragmentDefinition> QueryDocument::fragment(const std::string& name) const {
  for (const auto& fragment : fragments) {
    if (fragment->name == name) return fragment;
  }
  return nullptr;
}

Ptr<ArgumentDefinition> FieldDefinition::argument(const std::string& name) const {
  for (const auto& argument : arguments) {
    if (argument->name == name) return argument;
  }
  return nullptr;
}

Ptr<FieldDefinition> Definition::field(const std::string& name) const {
  for (const auto& field : fields) {
    if (field->name == name) return field;
  }
  return nullptr;
}

void SchemaDocument::merge(const SchemaDocument& other) {
  schema.insert(schema.end(), other.schema.begin(), other.schema.end());
  schema_extensions.insert(schema_extensions.end(), other.schema_extensions.begin(),
                           other.schema_extensions.end());
  directives.insert(directives.end(), other.directives.begin(), other.directives.end());
  definitions.insert(definitions.end(), other.definitions.begin(), other.definitions.end());
  extensions.insert(extensions.end(), other.extensions.begin(), other.extensions.end());
}

}  // namespace regoc::graphql
