// Reading of OPA's YAML conformance cases (see conformance/test_case.h).
//
// The fields are those of OPA's test/cases TestCase struct (OPA 1.x), plus regoc's own skip.
// OPA's fields: note, query, modules, data, input, input_term, want_result, want_error,
// want_error_code, want_defined, sort_bindings, strict_error, ignore_generated_vars and env.
// Any other field makes the case invalid rather than being ignored.
#include "conformance/test_case.h"

#include <filesystem>
#include <functional>
#include <string_view>

#include "runtime/json.h"
#include "runtime/loader.h"

namespace regoc::conformance {

namespace {

// Reads one field into the case; returns an error message, or an empty string when valid.
using FieldReader = std::function<std::string(const Value&, ConformanceCase*)>;

std::string type_error(std::string_view field, std::string_view expected, const Value& value) {
  return "field " + std::string(field) + " must be " + std::string(expected) + ", got " +
         std::string(kind_name(value.kind()));
}

FieldReader string_field(std::string_view name, std::string ConformanceCase::*member) {
  return [name, member](const Value& value, ConformanceCase* out) -> std::string {
    if (!value.is_string()) return type_error(name, "a string", value);
    out->*member = std::string(value.as_string());
    return "";
  };
}

FieldReader optional_string_field(std::string_view name,
                                  std::optional<std::string> ConformanceCase::*member) {
  return [name, member](const Value& value, ConformanceCase* out) -> std::string {
    if (!value.is_string()) return type_error(name, "a string", value);
    out->*member = std::string(value.as_string());
    return "";
  };
}

FieldReader bool_field(std::string_view name, bool ConformanceCase::*member) {
  return [name, member](const Value& value, ConformanceCase* out) -> std::string {
    if (!value.is_boolean()) return type_error(name, "true or false", value);
    out->*member = value.as_bool();
    return "";
  };
}

std::string read_modules(const Value& value, ConformanceCase* out) {
  if (!value.is_array()) return type_error("modules", "a list of strings", value);
  for (const Value& module : value.array_items()) {
    if (!module.is_string()) return type_error("modules", "a list of strings", module);
    out->modules.emplace_back(module.as_string());
  }
  return "";
}

std::string read_want_result(const Value& value, ConformanceCase* out) {
  if (!value.is_array()) return type_error("want_result", "a list of objects", value);
  std::vector<Value> results;
  for (const Value& bindings : value.array_items()) {
    if (!bindings.is_object()) return type_error("want_result", "a list of objects", bindings);
    results.push_back(bindings);
  }
  out->want_result = std::move(results);
  return "";
}

std::string read_env(const Value& value, ConformanceCase* out) {
  if (!value.is_object()) return type_error("env", "an object of strings", value);
  for (const Value::Entry& entry : value.object_entries()) {
    if (!entry.first.is_string() || !entry.second.is_string()) {
      return type_error("env", "an object of strings", entry.second);
    }
    out->env.emplace_back(entry.first.as_string(), entry.second.as_string());
  }
  return "";
}

// skip: a reason, or true for a skip without one.
std::string read_skip(const Value& value, ConformanceCase* out) {
  if (value.is_string()) {
    out->skip = std::string(value.as_string());
  } else if (value.is_boolean()) {
    if (value.as_bool()) out->skip = "skipped";
  } else {
    return type_error("skip", "a string or a boolean", value);
  }
  return "";
}

const std::vector<std::pair<std::string_view, FieldReader>>& field_readers() {
  using C = ConformanceCase;
  static const std::vector<std::pair<std::string_view, FieldReader>> readers = {
      {"note", string_field("note", &C::note)},
      {"query", string_field("query", &C::query)},
      {"modules", read_modules},
      {"data",
       [](const Value& value, C* out) -> std::string {
         if (value.is_null()) return "";  // a bare `data:` line: OPA treats it as absent
         if (!value.is_object()) return type_error("data", "an object", value);
         out->data = value;
         return "";
       }},
      {"input", [](const Value& value, C* out) -> std::string {
         out->input = value;
         return "";
       }},
      {"input_term", optional_string_field("input_term", &C::input_term)},
      {"want_result", read_want_result},
      {"want_error", optional_string_field("want_error", &C::want_error)},
      {"want_error_code", optional_string_field("want_error_code", &C::want_error_code)},
      {"want_defined",
       [](const Value& value, C* out) -> std::string {
         if (!value.is_boolean()) return type_error("want_defined", "true or false", value);
         out->want_defined = value.as_bool();
         return "";
       }},
      {"sort_bindings", bool_field("sort_bindings", &C::sort_bindings)},
      {"strict_error", bool_field("strict_error", &C::strict_error)},
      {"ignore_generated_vars", bool_field("ignore_generated_vars", &C::ignore_generated_vars)},
      {"env", read_env},
      {"skip", read_skip},
  };
  return readers;
}

ConformanceCase read_case(const Value& entry, const std::string& path,
                          const std::string& category, size_t index) {
  ConformanceCase out;
  out.file = path;
  out.category = category;
  out.note = path + "#" + std::to_string(index);  // replaced by the note field when present
  if (!entry.is_object()) {
    out.invalid = "case " + std::to_string(index) + " is not an object";
    return out;
  }
  for (const Value::Entry& field : entry.object_entries()) {
    const std::string_view name = field.first.is_string() ? field.first.as_string() : "";
    const FieldReader* reader = nullptr;
    for (const auto& [known, read] : field_readers()) {
      if (known == name) reader = &read;
    }
    std::string error = reader != nullptr ? (*reader)(field.second, &out)
                                          : "unknown field \"" + std::string(name) + "\"";
    if (!error.empty() && out.invalid.empty()) out.invalid = std::move(error);
  }
  return out;
}

}  // namespace

void load_case_file(const std::string& path, std::vector<ConformanceCase>* out) {
  const std::string category = std::filesystem::path(path).parent_path().filename().string();
  ConformanceCase broken;
  broken.file = path;
  broken.category = category;
  broken.note = path;

  std::string text, error;
  Value document;
  if (!read_file_text(path, &text, &error) || !parse_yaml(text, &document, &error)) {
    broken.invalid = "cannot read the file: " + error;
    out->push_back(std::move(broken));
    return;
  }
  const Value* cases = document.is_object() ? document.find("cases") : nullptr;
  if (cases == nullptr || !cases->is_array()) {
    broken.invalid = "the file has no \"cases\" list";
    out->push_back(std::move(broken));
    return;
  }
  for (size_t i = 0; i < cases->size(); ++i) {
    out->push_back(read_case(cases->array_items()[i], path, category, i));
  }
}

}  // namespace regoc::conformance
