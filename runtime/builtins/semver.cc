// semver.is_valid and semver.compare under the Semantic Versioning 2.0.0 grammar: numeric
// fields without leading zeros, dot-separated pre-release and build identifiers, and the
// precedence rules of semver.org (build metadata ignored).
#include <optional>
#include <vector>

#include "runtime/builtins/operands.h"
#include "runtime/builtins/registry.h"
#include "runtime/builtins/term_text.h"

namespace regoc {
namespace {

struct Version {
  std::string_view major, minor, patch;       // digit strings without leading zeros
  std::vector<std::string_view> pre_release;  // empty for a release version
};

bool is_numeric(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A numeric field: digits, and no leading zero unless it is "0".
bool is_number_field(std::string_view text) {
  return is_numeric(text) && (text.size() == 1 || text[0] != '0');
}

bool is_identifier(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    bool alphanumeric =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    if (!alphanumeric) return false;
  }
  return true;
}

// Splits on '.'; empty parts are kept so that callers reject them.
std::vector<std::string_view> split_dots(std::string_view text) {
  std::vector<std::string_view> parts;
  while (true) {
    size_t dot = text.find('.');
    parts.push_back(text.substr(0, dot));
    if (dot == std::string_view::npos) return parts;
    text.remove_prefix(dot + 1);
  }
}

std::optional<Version> parse_version(std::string_view text) {
  size_t plus = text.find('+');
  if (plus != std::string_view::npos) {
    for (std::string_view part : split_dots(text.substr(plus + 1))) {
      if (!is_identifier(part)) return std::nullopt;
    }
    text = text.substr(0, plus);
  }

  Version version;
  size_t dash = text.find('-');
  if (dash != std::string_view::npos) {
    version.pre_release = split_dots(text.substr(dash + 1));
    for (std::string_view part : version.pre_release) {
      if (!is_identifier(part)) return std::nullopt;
      if (is_numeric(part) && !is_number_field(part)) return std::nullopt;
    }
    text = text.substr(0, dash);
  }

  std::vector<std::string_view> core = split_dots(text);
  if (core.size() != 3) return std::nullopt;
  for (std::string_view part : core) {
    if (!is_number_field(part)) return std::nullopt;
  }
  version.major = core[0];
  version.minor = core[1];
  version.patch = core[2];
  return version;
}

int sign(int value) { return (value > 0) - (value < 0); }

// Compares digit strings without leading zeros as numbers.
int compare_numbers(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return sign(a.compare(b));
}

// Numeric identifiers sort before alphanumeric ones; alphanumeric ones sort by ASCII.
int compare_identifiers(std::string_view a, std::string_view b) {
  bool a_numeric = is_numeric(a);
  bool b_numeric = is_numeric(b);
  if (a_numeric && b_numeric) return compare_numbers(a, b);
  if (a_numeric != b_numeric) return a_numeric ? -1 : 1;
  return sign(a.compare(b));
}

int compare_versions(const Version& a, const Version& b) {
  for (auto field : {&Version::major, &Version::minor, &Version::patch}) {
    if (int order = compare_numbers(a.*field, b.*field)) return order;
  }
  // A release sorts after every pre-release of the same version.
  if (a.pre_release.empty() || b.pre_release.empty()) {
    return static_cast<int>(a.pre_release.empty()) - static_cast<int>(b.pre_release.empty());
  }
  size_t common = std::min(a.pre_release.size(), b.pre_release.size());
  for (size_t i = 0; i < common; ++i) {
    if (int order = compare_identifiers(a.pre_release[i], b.pre_release[i])) return order;
  }
  if (a.pre_release.size() == b.pre_release.size()) return 0;
  return a.pre_release.size() < b.pre_release.size() ? -1 : 1;
}

BuiltinStatus is_valid(BuiltinContext&, std::span<const Value> args, Value& result) {
  result = Value::boolean(args[0].is_string() && parse_version(args[0].as_string()));
  return BuiltinStatus::Ok;
}

BuiltinStatus compare(BuiltinContext& context, std::span<const Value> args, Value& result) {
  constexpr std::string_view kName = "semver.compare";
  std::optional<Version> versions[2];
  for (int i = 0; i < 2; ++i) {
    if (!args[i].is_string()) return context.type_error(kName, i + 1, "string", args[i]);
    versions[i] = parse_version(args[i].as_string());
    if (!versions[i]) {
      return builtin_error(context, kName,
                           "operand " + std::to_string(i + 1) + ": string " +
                               go_quoted(args[i].as_string()) + " is not a valid SemVer");
    }
  }
  result = Value::integer(compare_versions(*versions[0], *versions[1]));
  return BuiltinStatus::Ok;
}

}  // namespace

void register_semver_builtins(Registry& registry) {
  registry.add("semver.is_valid", is_valid);
  registry.add("semver.compare", compare);
}

}  // namespace regoc
