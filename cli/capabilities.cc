// `regoc capabilities`: OPA's capabilities JSON for what regoc implements, or a capabilities
// file, printed as `opa capabilities` prints them (Go's json.MarshalIndent of OPA's
// Capabilities struct: fields in struct order, empty ones left out, two-space indentation).
#include "cli/capabilities.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include "cli/eval.h"
#include "cli/option_parser.h"
#include "runtime/builtins/builtin.h"
#include "runtime/json.h"

namespace regoc::cli {
namespace {

// The OPA release whose capabilities regoc follows.
constexpr std::string_view kCapabilitiesVersion = "v1.20.2";
constexpr std::array<std::string_view, 3> kFutureKeywords = {"and", "not", "or"};
constexpr std::array<std::string_view, 3> kFeatures = {"keywords_in_refs", "rego_v1",
                                                       "template_strings"};
// Builtins that the compiler turns into expressions (= and :=), so the registry has no
// function for them.
constexpr std::array<std::string_view, 2> kCompilerBuiltins = {"assign", "eq"};

constexpr const char* kUsage = R"(Usage: regoc capabilities [options]

Print capabilities JSON in the form of `opa capabilities`. Without options, print the
capabilities versions that regoc knows.

Options:
  --current          print the capabilities of this regoc: the builtins it implements with
                     OPA's declarations, OPA's future keywords and features
  --version VERSION  print the capabilities of an OPA version; regoc knows only v1.20.2
  --file PATH        check a capabilities file and print it in canonical form
  -h, --help         print this help
)";

enum OptionId { kCurrent, kVersion, kFile, kHelp };

constexpr OptionSpec kOptions[] = {
    {"current", '\0', false, kCurrent},
    {"version", '\0', true, kVersion},
    {"file", '\0', true, kFile},
    {"help", 'h', false, kHelp},
    {"v0-compatible", '\0', false, kUnsupportedOption},
};

// One builtin as OPA's ast.Builtin marshals it.
struct BuiltinEntry {
  std::string name;
  std::string description;
  std::vector<std::string> categories;
  Value declaration;  // null when absent
  std::string infix;
  bool relation = false;
  bool deprecated = false;
  bool nondeterministic = false;
};

struct Capabilities {
  std::vector<BuiltinEntry> builtins;
  std::vector<std::string> future_keywords;
  std::vector<std::pair<int64_t, int64_t>> wasm_abi_versions;  // version, minor_version
  std::vector<std::string> features;
  std::vector<std::string> allow_net;
};

// --- output ----------------------------------------------------------------------------------

std::string spaces(int depth) { return std::string(static_cast<size_t>(depth) * 2, ' '); }

// Formats a value for a position `depth` levels deep: continuation lines are indented.
std::string value_at(const Value& value, int depth) {
  std::string json = to_json(value, 2);
  std::string out;
  for (char c : json) {
    out += c;
    if (c == '\n') out += spaces(depth);
  }
  return out;
}

// Writes an object whose members are already formatted; empty members are left out.
std::string object_at(const std::vector<std::pair<std::string, std::string>>& members,
                      int depth) {
  if (members.empty()) return "{}";
  std::string out = "{\n";
  for (size_t i = 0; i < members.size(); ++i) {
    out += spaces(depth + 1) + to_json(Value::string(members[i].first)) + ": " +
           members[i].second;
    out += i + 1 < members.size() ? ",\n" : "\n";
  }
  return out + spaces(depth) + "}";
}

std::string array_at(const std::vector<std::string>& items, int depth) {
  std::string out = "[\n";
  for (size_t i = 0; i < items.size(); ++i) {
    out += spaces(depth + 1) + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
  }
  return out + spaces(depth) + "]";
}

std::string strings_at(const std::vector<std::string>& items, int depth) {
  std::vector<std::string> quoted;
  for (const std::string& item : items) quoted.push_back(to_json(Value::string(item)));
  return array_at(quoted, depth);
}

std::string builtin_at(const BuiltinEntry& builtin, int depth) {
  std::vector<std::pair<std::string, std::string>> members;
  members.emplace_back("name", to_json(Value::string(builtin.name)));
  if (!builtin.description.empty()) {
    members.emplace_back("description", to_json(Value::string(builtin.description)));
  }
  if (!builtin.categories.empty()) {
    members.emplace_back("categories", strings_at(builtin.categories, depth + 1));
  }
  members.emplace_back("decl", value_at(builtin.declaration, depth + 1));
  if (!builtin.infix.empty()) members.emplace_back("infix", to_json(Value::string(builtin.infix)));
  if (builtin.relation) members.emplace_back("relation", "true");
  if (builtin.deprecated) members.emplace_back("deprecated", "true");
  if (builtin.nondeterministic) members.emplace_back("nondeterministic", "true");
  return object_at(members, depth);
}

std::string format_capabilities(const Capabilities& capabilities) {
  std::vector<std::pair<std::string, std::string>> members;
  if (!capabilities.builtins.empty()) {
    std::vector<std::string> builtins;
    for (const BuiltinEntry& builtin : capabilities.builtins) {
      builtins.push_back(builtin_at(builtin, 2));
    }
    members.emplace_back("builtins", array_at(builtins, 1));
  }
  if (!capabilities.future_keywords.empty()) {
    members.emplace_back("future_keywords", strings_at(capabilities.future_keywords, 1));
  }
  if (!capabilities.wasm_abi_versions.empty()) {
    std::vector<std::string> versions;
    for (const auto& [version, minor] : capabilities.wasm_abi_versions) {
      versions.push_back(object_at({{"version", std::to_string(version)},
                                    {"minor_version", std::to_string(minor)}},
                                   2));
    }
    members.emplace_back("wasm_abi_versions", array_at(versions, 1));
  }
  if (!capabilities.features.empty()) {
    members.emplace_back("features", strings_at(capabilities.features, 1));
  }
  if (!capabilities.allow_net.empty()) {
    members.emplace_back("allow_net", strings_at(capabilities.allow_net, 1));
  }
  return object_at(members, 0);
}

// --- this regoc ------------------------------------------------------------------------------

// True when regoc evaluates calls of the builtin as OPA 1.20 does. Deprecated builtins count:
// OPA lists them too, although v1 policies may call neither OPA's nor regoc's.
bool is_available(const Builtin& builtin) {
  if (builtin.function != nullptr || builtin.deprecated) return true;
  return std::find(kCompilerBuiltins.begin(), kCompilerBuiltins.end(), builtin.name) !=
         kCompilerBuiltins.end();
}

// The builtins that regoc implements, with OPA's declarations. A builtin that OPA declares but
// regoc lacks is left out, so a capabilities check rejects policies that call it.
Capabilities current_capabilities() {
  Capabilities capabilities;
  for (const Builtin* builtin : all_builtins()) {
    if (!is_available(*builtin)) continue;
    BuiltinEntry entry;
    entry.name = builtin->name;
    std::string error;
    if (!parse_json(builtin->declaration, &entry.declaration, &error)) {
      entry.declaration = Value::null();
    }
    entry.infix = std::string(builtin->infix);
    entry.relation = builtin->relation;
    entry.deprecated = builtin->deprecated;
    entry.nondeterministic = builtin->nondeterministic;
    capabilities.builtins.push_back(std::move(entry));
  }
  capabilities.future_keywords.assign(kFutureKeywords.begin(), kFutureKeywords.end());
  capabilities.features.assign(kFeatures.begin(), kFeatures.end());
  return capabilities;
}

// --- capabilities files ----------------------------------------------------------------------

bool read_strings(const Value* value, std::string_view key, std::vector<std::string>* out,
                  std::string* error) {
  if (value == nullptr || value->is_null()) return true;
  if (!value->is_array()) {
    *error = std::string(key) + " must be an array of strings";
    return false;
  }
  for (const Value& item : value->array_items()) {
    if (!item.is_string()) {
      *error = std::string(key) + " must be an array of strings";
      return false;
    }
    out->emplace_back(item.as_string());
  }
  return true;
}

bool read_flag(const Value& builtin, std::string_view key, bool* out, std::string* error) {
  const Value* value = builtin.find(key);
  if (value == nullptr || value->is_null()) return true;
  if (!value->is_boolean()) {
    *error = "builtin member " + std::string(key) + " must be a boolean";
    return false;
  }
  *out = value->as_bool();
  return true;
}

bool read_builtin(const Value& builtin, BuiltinEntry* entry, std::string* error) {
  if (!builtin.is_object()) {
    *error = "builtins must be an array of objects";
    return false;
  }
  for (std::string_view key : {"name", "description", "infix"}) {
    const Value* value = builtin.find(key);
    if (value == nullptr || value->is_null()) continue;
    if (!value->is_string()) {
      *error = "builtin member " + std::string(key) + " must be a string";
      return false;
    }
    std::string text(value->as_string());
    if (key == "name") entry->name = text;
    if (key == "description") entry->description = text;
    if (key == "infix") entry->infix = text;
  }
  const Value* declaration = builtin.find("decl");
  entry->declaration = declaration != nullptr ? *declaration : Value::null();
  if (!entry->declaration.is_null() && !entry->declaration.is_object()) {
    *error = "builtin " + entry->name + ": decl must be an object";
    return false;
  }
  return read_strings(builtin.find("categories"), "categories", &entry->categories, error) &&
         read_flag(builtin, "relation", &entry->relation, error) &&
         read_flag(builtin, "deprecated", &entry->deprecated, error) &&
         read_flag(builtin, "nondeterministic", &entry->nondeterministic, error);
}

bool read_wasm_versions(const Value* value, Capabilities* capabilities, std::string* error) {
  if (value == nullptr || value->is_null()) return true;
  const std::string kError = "wasm_abi_versions must be an array of objects with integer "
                             "members version and minor_version";
  if (!value->is_array()) {
    *error = kError;
    return false;
  }
  for (const Value& item : value->array_items()) {
    int64_t numbers[2] = {0, 0};
    const char* keys[2] = {"version", "minor_version"};
    if (!item.is_object()) {
      *error = kError;
      return false;
    }
    for (int i = 0; i < 2; ++i) {
      const Value* member = item.find(keys[i]);
      if (member != nullptr && !member->as_int64(&numbers[i])) {
        *error = kError;
        return false;
      }
    }
    capabilities->wasm_abi_versions.emplace_back(numbers[0], numbers[1]);
  }
  return true;
}

bool read_capabilities_file(const std::string& path, Capabilities* capabilities,
                            std::string* error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    *error = "cannot read capabilities file " + path;
    return false;
  }
  std::stringstream text;
  text << file.rdbuf();
  Value document;
  std::string parse_error;
  if (!parse_json(text.str(), &document, &parse_error)) {
    *error = "invalid capabilities file " + path + ": " + parse_error;
    return false;
  }
  if (!document.is_object()) {
    *error = "invalid capabilities file " + path + ": expected a JSON object";
    return false;
  }
  std::string detail;
  bool valid = true;
  if (const Value* builtins = document.find("builtins"); builtins != nullptr &&
                                                          !builtins->is_null()) {
    if (!builtins->is_array()) {
      detail = "builtins must be an array of objects";
      valid = false;
    }
    for (size_t i = 0; valid && i < builtins->array_items().size(); ++i) {
      BuiltinEntry entry;
      valid = read_builtin(builtins->array_items()[i], &entry, &detail);
      capabilities->builtins.push_back(std::move(entry));
    }
  }
  valid = valid &&
          read_strings(document.find("future_keywords"), "future_keywords",
                       &capabilities->future_keywords, &detail) &&
          read_wasm_versions(document.find("wasm_abi_versions"), capabilities, &detail) &&
          read_strings(document.find("features"), "features", &capabilities->features,
                       &detail) &&
          read_strings(document.find("allow_net"), "allow_net", &capabilities->allow_net,
                       &detail);
  if (!valid) *error = "invalid capabilities file " + path + ": " + detail;
  return valid;
}

int fail(const std::string& message) {
  std::cerr << "regoc capabilities: " << message << "\n";
  return kExitError;
}

}  // namespace

int run_capabilities(std::span<const std::string> args) {
  bool current = false;
  bool help = false;
  std::optional<std::string> version;
  std::optional<std::string> file;
  std::vector<std::string> positionals;
  std::string error = parse_options(
      args, kOptions, "capabilities",
      [&](const OptionSpec& spec, const std::optional<std::string>& value) -> std::string {
        switch (spec.id) {
          case kCurrent: return parse_bool_option(spec, value, &current);
          case kHelp: return parse_bool_option(spec, value, &help);
          case kVersion: version = value; return "";
          case kFile: file = value; return "";
          default: return "unsupported option --" + std::string(spec.long_name);
        }
      },
      &positionals);
  if (!error.empty()) return fail(error);
  if (help) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (!positionals.empty()) return fail("unexpected argument \"" + positionals[0] + "\"");

  // OPA gives --version precedence over --file, and --file over --current.
  Capabilities capabilities;
  if (version.has_value()) {
    if (*version != kCapabilitiesVersion) {
      return fail("no capabilities version found " + *version + ": regoc knows only " +
                  std::string(kCapabilitiesVersion));
    }
    capabilities = current_capabilities();
  } else if (file.has_value()) {
    if (!read_capabilities_file(*file, &capabilities, &error)) return fail(error);
  } else if (current) {
    capabilities = current_capabilities();
  } else {
    std::cout << kCapabilitiesVersion << "\n";
    return kExitOk;
  }
  std::cout << format_capabilities(capabilities) << "\n";
  return kExitOk;
}

}  // namespace regoc::cli
