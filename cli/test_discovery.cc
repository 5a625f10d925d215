// Test discovery for `regoc test` (see cli/test_runner.h): which rules are tests, and the
// names that OPA's report gives them.
#include <re2/re2.h>

#include <string_view>

#include "cli/test_runner.h"

namespace regoc::cli {

namespace {

constexpr std::string_view kTestPrefix = "test_";
constexpr std::string_view kSkippedTestPrefix = "todo_test_";

bool is_identifier(std::string_view text) {
  if (text.empty()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

// A string in double quotes with Go's escapes for quotes, backslashes and control bytes.
std::string quoted(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += "\\x";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// OPA's text of a ref whose head is `head` and whose other parts are strings: `.name` for
// parts that are identifiers, `["name"]` for the others.
std::string ref_text(std::string head, const std::vector<std::string>& parts) {
  for (const std::string& part : parts) {
    head += is_identifier(part) ? "." + part : "[" + quoted(part) + "]";
  }
  return head;
}

// Index of the first name part that starts with a test prefix, where OPA's tester looks for
// it in the ground prefix of the head ref. Returns npos when the rule is not a test.
size_t test_part_index(const RuleInfo& rule) {
  for (size_t i = 0; i < rule.name.size(); ++i) {
    const std::string_view part = rule.name[i];
    if (part.starts_with(kTestPrefix) || part.starts_with(kSkippedTestPrefix)) return i;
  }
  return std::string_view::npos;
}

TestCase make_test_case(const RuleInfo& rule, size_t test_index) {
  TestCase test;
  const std::vector<std::string> name(rule.name.begin(), rule.name.begin() + test_index + 1);
  test.path = rule.package;
  test.path.insert(test.path.end(), name.begin(), name.end());
  test.package = ref_text("data", rule.package);
  test.name = ref_text(name.front(), {name.begin() + 1, name.end()});
  test.full_name = ref_text("data", test.path);
  test.location = rule.location;
  test.skip = std::string_view(name.back()).starts_with(kSkippedTestPrefix);
  // OPA reports the cases of a test rule that builds an object with variable keys.
  test.parameterized = rule.variable_keys && !rule.multi_value &&
                       test_index + 1 == rule.name.size() && !rule.is_function;
  test.is_function = rule.is_function;
  return test;
}

}  // namespace

std::string discover_tests(const Engine& engine, const RunOptions& options,
                           std::vector<TestCase>* out) {
  std::optional<RE2> filter;
  if (options.filter) {
    filter.emplace(*options.filter, RE2::Quiet);
    if (!filter->ok()) {
      return "error parsing regexp: " + filter->error() + ": `" + *options.filter + "`";
    }
  }
  for (const RuleInfo& rule : engine.rules()) {
    const size_t index = test_part_index(rule);
    if (index == std::string_view::npos) continue;
    TestCase test = make_test_case(rule, index);
    if (filter && !RE2::PartialMatch(test.full_name, *filter)) continue;
    out->push_back(std::move(test));
  }
  return "";
}

}  // namespace regoc::cli
