// The YAML of one METADATA block: OPA 1.20's fields (scope, title, description, entrypoint,
// organizations, related_resources, authors, schemas, custom), their checks and error messages,
// and the object form that rego.metadata.* return. External interface: parse_annotation
// (compiler/annotations.h).
//
// OPA decodes the block with go-yaml into a struct, so a field of the wrong YAML kind fails
// with go-yaml's "cannot unmarshal" message, and a syntax error reports go-yaml's line number.
// regoc parses with yaml-cpp: the line numbers match, the syntax error texts do not.
#include <yaml-cpp/yaml.h>

#include <optional>

#include "compiler/annotations.h"
#include "runtime/json.h"

namespace regoc {
namespace {

// A failure while reading the block: the message and, for go-yaml errors, the 1-based line
// of the block text it names (0 when none).
struct BlockError {
  std::string message;
  int line = 0;
};

bool is_plain(const YAML::Node& node) { return node.Tag() == "?"; }

std::optional<bool> plain_bool(const std::string& text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

// go-yaml's name for the resolved tag of a node ("!!str", "!!int", "!!seq", ...).
std::string tag_name(const YAML::Node& node) {
  if (node.IsSequence()) return "!!seq";
  if (node.IsMap()) return "!!map";
  if (node.IsNull()) return "!!null";
  const std::string& tag = node.Tag();
  const std::string prefix = "tag:yaml.org,2002:";
  if (tag.rfind(prefix, 0) == 0) return "!!" + tag.substr(prefix.size());
  if (!is_plain(node)) return "!!str";
  Value resolved;
  if (!parse_yaml(node.Scalar(), &resolved, nullptr)) return "!!str";
  if (resolved.is_null()) return "!!null";
  if (resolved.is_boolean()) return "!!bool";
  if (resolved.is_number()) {
    int64_t ignored;
    return resolved.as_int64(&ignored) ? "!!int" : "!!float";
  }
  return "!!str";
}

// go-yaml's message for a node that does not fit the Go type of its field.
BlockError unmarshal_error(const YAML::Node& node, const std::string& go_type) {
  std::string source = tag_name(node);
  if (node.IsScalar()) source += " `" + node.Scalar() + "`";
  int line = node.Mark().line + 1;
  return {"yaml: unmarshal errors:\n  line " + std::to_string(line) + ": cannot unmarshal " +
              source + " into " + go_type,
          line};
}

// A string field: any scalar gives its text, null gives "".
std::optional<BlockError> read_string(const YAML::Node& node, std::string* out) {
  if (!node || node.IsNull()) return std::nullopt;
  if (!node.IsScalar()) return unmarshal_error(node, "string");
  *out = node.Scalar();
  return std::nullopt;
}

std::optional<BlockError> read_bool(const YAML::Node& node, bool* out) {
  if (!node || node.IsNull()) return std::nullopt;
  if (node.IsScalar() && is_plain(node)) {
    if (auto value = plain_bool(node.Scalar())) {
      *out = *value;
      return std::nullopt;
    }
  }
  return unmarshal_error(node, "bool");
}

// Go's %v of a decoded YAML value, for messages that quote one.
std::string go_format(const Value& value) {
  if (value.is_string()) return std::string(value.as_string());
  if (value.is_null()) return "<nil>";
  if (value.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < value.array_items().size(); ++i) {
      if (i > 0) out += " ";
      out += go_format(value.array_items()[i]);
    }
    return out + "]";
  }
  if (value.is_object()) {
    std::string out = "map[";
    bool first = true;
    for (const auto& [key, item] : value.object_entries()) {
      if (!first) out += " ";
      first = false;
      out += go_format(key) + ":" + go_format(item);
    }
    return out + "]";
  }
  return to_json(value);
}

// Go's %s of a decoded YAML value: scalars other than strings print as %!s(type=value).
std::string go_format_s(const Value& value) {
  if (value.is_string() || value.is_array() || value.is_object()) return go_format(value);
  if (value.is_null()) return "%!s(<nil>)";
  if (value.is_boolean()) return std::string("%!s(bool=") + to_json(value) + ")";
  int64_t ignored;
  return std::string(value.as_int64(&ignored) ? "%!s(int=" : "%!s(float64=") + to_json(value) +
         ")";
}

std::string trim_space(std::string_view text) {
  const char* space = " \t\r\n\v\f";
  size_t begin = text.find_first_not_of(space);
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(space);
  return std::string(text.substr(begin, end - begin + 1));
}

std::string string_member(const Value& object, std::string_view key) {
  const Value* member = object.find(key);
  return member != nullptr && member->is_string() ? std::string(member->as_string()) : "";
}

// A related_resources entry: a URL string, or {"ref": URL, "description": text}.
// NOTE: OPA parses and prints the URL with Go's net/url; regoc keeps the text as written,
// which is the same for ordinary URLs.
std::optional<std::string> related_resource(const Value& entry, Value* out) {
  if (entry.is_string()) {
    if (entry.as_string().empty()) return "ref URL may not be empty string";
    *out = Value::object({{Value::string("ref"), entry}});
    return std::nullopt;
  }
  if (entry.is_object()) {
    std::string description = trim_space(string_member(entry, "description"));
    std::string ref = trim_space(string_member(entry, "ref"));
    if (ref.empty()) return "'ref' value required in object";
    *out = Value::object({{Value::string("ref"), Value::string(ref)}});
    if (!description.empty()) {
      out->object_insert(Value::string("description"), Value::string(description));
    }
    return std::nullopt;
  }
  return "invalid value type, must be string or map";
}

Value author_object(const std::string& name, const std::string& email) {
  Value author = Value::object();
  if (!name.empty()) author.object_insert(Value::string("name"), Value::string(name));
  if (!email.empty()) author.object_insert(Value::string("email"), Value::string(email));
  return author;
}

// An authors entry: "Name <email>", or {"name": ..., "email": ...}.
std::optional<std::string> author(const Value& entry, Value* out) {
  if (entry.is_string()) {
    std::vector<std::string> words;
    std::string text(entry.as_string());
    size_t i = 0;
    while (i < text.size()) {
      size_t begin = text.find_first_not_of(" \t\r\n\v\f", i);
      if (begin == std::string::npos) break;
      size_t end = text.find_first_of(" \t\r\n\v\f", begin);
      if (end == std::string::npos) end = text.size();
      words.push_back(text.substr(begin, end - begin));
      i = end;
    }
    if (words.empty()) return "author is an empty string";
    std::string email;
    const std::string& last = words.back();
    if (last.size() >= 2 && last.front() == '<' && last.back() == '>') {
      email = last.substr(1, last.size() - 2);
      words.pop_back();
    }
    std::string name;
    for (const std::string& word : words) name += (name.empty() ? "" : " ") + word;
    *out = author_object(name, email);
    return std::nullopt;
  }
  if (entry.is_object()) {
    std::string name = trim_space(string_member(entry, "name"));
    std::string email = trim_space(string_member(entry, "email"));
    if (name.empty() && email.empty()) {
      return "'name' and/or 'email' values required in object";
    }
    *out = author_object(name, email);
    return std::nullopt;
  }
  return "invalid value type, must be string or map";
}

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || std::isdigit(static_cast<unsigned char>(c)); }

// Parses a ref such as `input.a["b"][0]` into its parts as strings (OPA's Ref.toArray: string
// parts as they are, other parts in Rego syntax). Returns false for anything else.
bool parse_ref_parts(std::string_view text, std::vector<std::string>* parts) {
  size_t i = 0;
  auto ident = [&]() -> std::optional<std::string> {
    if (i >= text.size() || !is_ident_start(text[i])) return std::nullopt;
    size_t begin = i;
    while (i < text.size() && is_ident_char(text[i])) ++i;
    return std::string(text.substr(begin, i - begin));
  };
  auto head = ident();
  if (!head) return false;
  parts->push_back(*head);
  while (i < text.size()) {
    if (text[i] == '.') {
      ++i;
      auto name = ident();
      if (!name) return false;
      parts->push_back(*name);
    } else if (text[i] == '[') {
      size_t close = text.find(']', i);
      if (close == std::string_view::npos) return false;
      std::string_view inner = text.substr(i + 1, close - i - 1);
      Value key;
      if (!inner.empty() && inner.front() == '"' && parse_json(inner, &key, nullptr) &&
          key.is_string()) {
        parts->emplace_back(key.as_string());
      } else if (!inner.empty() && (std::isdigit(static_cast<unsigned char>(inner[0])) ||
                                    is_ident_start(inner[0]))) {
        for (char c : inner) {
          if (!is_ident_char(c) && c != '.') return false;
        }
        parts->emplace_back(inner);
      } else {
        return false;
      }
      i = close + 1;
    } else {
      return false;
    }
  }
  return true;
}

Value string_array(const std::vector<std::string>& parts) {
  std::vector<Value> items;
  for (const std::string& part : parts) items.push_back(Value::string(part));
  return Value::array(std::move(items));
}

// A schemas entry: {path: "schema.ref"} or {path: {inline JSON schema}}.
std::optional<std::string> schema(const Value& entry, Value* out) {
  std::string path_text;
  Value declared = Value::null();
  if (entry.is_object() && entry.size() > 0) {
    path_text = std::string(entry.object_entries()[0].first.as_string());
    declared = entry.object_entries()[0].second;
  }
  std::vector<std::string> path;
  if (!parse_ref_parts(path_text, &path)) return "invalid document reference";
  *out = Value::object({{Value::string("path"), string_array(path)}});
  if (declared.is_string()) {
    std::vector<std::string> schema_ref;
    if (!parse_ref_parts(declared.as_string(), &schema_ref) || schema_ref[0] != "schema") {
      return "invalid schema reference";
    }
    out->object_insert(Value::string("schema"), string_array(schema_ref));
  } else if (declared.is_object()) {
    out->object_insert(Value::string("definition"), declared);
  } else {
    return "invalid schema declaration for path \"" + path_text + "\"";
  }
  return std::nullopt;
}

// Reads a []any or []map field: a sequence, or nothing for null.
std::optional<BlockError> read_list(const YAML::Node& node, const Value& value,
                                    const std::string& go_type, std::vector<Value>* out) {
  if (!node || node.IsNull()) return std::nullopt;
  if (!node.IsSequence()) return unmarshal_error(node, go_type);
  for (const Value& item : value.array_items()) out->push_back(item);
  return std::nullopt;
}

// Reads the list fields whose entries OPA checks one by one; each failure names its entry.
std::optional<BlockError> read_entries(const YAML::Node& root, const Value& fields,
                                       Value* object) {
  struct ListField {
    const char* key;
    const char* go_type;
    const char* what;  // the entry kind in messages, "" when the message is the check's own
    std::optional<std::string> (*check)(const Value&, Value*);
  };
  const ListField kFields[] = {
      {"related_resources", "[]interface {}", "related-resource", related_resource},
      {"schemas", "[]map[string]interface {}", "", schema},
      {"authors", "[]interface {}", "author", author},
  };
  for (const ListField& field : kFields) {
    const Value* value = fields.find(field.key);
    std::vector<Value> entries;
    if (auto error = read_list(root[field.key], value ? *value : Value::array(), field.go_type,
                               &entries)) {
      return error;
    }
    if (field.go_type == std::string("[]map[string]interface {}")) {
      for (size_t i = 0; i < entries.size(); ++i) {
        YAML::Node entry = root[field.key][i];
        if (!entry.IsMap() && !entry.IsNull()) {
          return unmarshal_error(entry, "map[string]interface {}");
        }
      }
    }
    std::vector<Value> converted;
    for (const Value& entry : entries) {
      Value result;
      if (auto problem = field.check(entry, &result)) {
        if (*field.what == '\0') return BlockError{*problem};
        return BlockError{std::string("invalid ") + field.what + " definition " +
                          go_format_s(entry) + ": " + *problem};
      }
      converted.push_back(std::move(result));
    }
    if (!converted.empty()) {
      object->object_insert(Value::string(field.key), Value::array(std::move(converted)));
    }
  }
  return std::nullopt;
}

// Reads every field of the block into out->annotation.object (scope excluded).
std::optional<BlockError> read_fields(const YAML::Node& root, const Value& fields,
                                      ParsedAnnotation* out) {
  if (root && !root.IsNull() && !root.IsMap()) return unmarshal_error(root, "ast.rawAnnotation");
  Value object = Value::object();
  std::string title, description;
  if (auto error = read_string(root["scope"], &out->annotation.scope)) return error;
  if (auto error = read_string(root["title"], &title)) return error;
  if (auto error = read_bool(root["entrypoint"], &out->entrypoint)) return error;
  if (auto error = read_string(root["description"], &description)) return error;
  if (!title.empty()) object.object_insert(Value::string("title"), Value::string(title));
  if (out->entrypoint) object.object_insert(Value::string("entrypoint"), Value::boolean(true));
  if (!description.empty()) {
    object.object_insert(Value::string("description"), Value::string(description));
  }

  YAML::Node organizations = root["organizations"];
  if (organizations && !organizations.IsNull()) {
    if (!organizations.IsSequence()) return unmarshal_error(organizations, "[]string");
    std::vector<Value> names;
    for (const YAML::Node& item : organizations) {
      std::string name;
      if (auto error = read_string(item, &name)) return error;
      names.push_back(Value::string(name));
    }
    if (!names.empty()) object.object_insert(Value::string("organizations"), Value::array(names));
  }

  if (auto error = read_entries(root, fields, &object)) return error;

  YAML::Node custom = root["custom"];
  if (custom && !custom.IsNull()) {
    if (!custom.IsMap()) return unmarshal_error(custom, "map[string]interface {}");
    const Value* value = fields.find("custom");
    if (value != nullptr && value->size() > 0) {
      object.object_insert(Value::string("custom"), *value);
    }
  }
  out->annotation.object = std::move(object);
  return std::nullopt;
}

// OPA's hint for `key:value` lines, where the missing space after `:` makes the line a plain
// string instead of a mapping.
std::string add_space_hints(std::string message, const std::vector<ast::Comment>& block) {
  for (const ast::Comment& comment : block) {
    const std::string& text = comment.text;
    if (text.find(':') == std::string::npos) continue;
    std::vector<std::string> parts;
    size_t start = text.find(':') + 1;
    while (true) {
      size_t colon = text.find(':', start);
      parts.push_back(text.substr(start, colon == std::string::npos ? colon : colon - start));
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    std::vector<std::string> invalid;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (parts[i].empty() && i == parts.size() - 1) break;
      char first = parts[i].empty() ? '\0' : parts[i][0];
      if (first == ' ' || first == '\t') break;
      invalid.push_back(std::string("'") + first + "'");
    }
    if (invalid.empty()) continue;
    std::string symbols = "[";
    for (size_t i = 0; i < invalid.size(); ++i) symbols += (i ? " " : "") + invalid[i];
    message += "\n  Hint: on line " + std::to_string(comment.location.row) + ", symbol(s) " +
               symbols + "] immediately following a key/value separator ':' is not a legal " +
               "yaml space character";
  }
  return message;
}

}  // namespace

bool parse_annotation(const ast::Comment& metadata_line, const std::vector<ast::Comment>& block,
                      ParsedAnnotation* out, Error* error) {
  out->annotation.location = metadata_line.location;
  std::string text;
  for (const ast::Comment& comment : block) {
    std::string_view line = comment.text;
    if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
    text.append(line);
    text += '\n';
  }
  auto fail = [&](std::string message, const Location& location) {
    *error = Error{codes::kParse, std::move(message), location};
    return false;
  };
  if (trim_space(text).empty()) {
    return fail("expected METADATA block, found whitespace", metadata_line.location);
  }

  std::optional<BlockError> problem;
  YAML::Node root;
  Value fields = Value::object();
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    int line = e.mark.line + 1;
    problem = BlockError{"yaml: line " + std::to_string(line) + ": " + e.msg, line};
  }
  if (!problem) {
    parse_yaml(text, &fields, nullptr);
    if (!fields.is_object()) fields = Value::object();
    problem = read_fields(root, fields, out);
  }
  if (!problem) return true;

  // OPA reports a go-yaml error at the comment after the line it names (its index into the
  // block's comments is the 1-based line number), or at the block's last comment.
  Location at = metadata_line.location;
  if (problem->line > 0 && !block.empty()) {
    size_t index = std::min<size_t>(problem->line, block.size() - 1);
    at = block[index].location;
    return fail(add_space_hints(problem->message, block), at);
  }
  return fail(problem->message, at);
}

}  // namespace regoc
