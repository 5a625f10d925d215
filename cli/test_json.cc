// Ordered JSON for the reports of `regoc test` (see cli/test_json.h).
#include "cli/test_json.h"

#include <charconv>

#include "runtime/json.h"
#include "runtime/value.h"

namespace regoc::cli {

namespace {

void render(const JsonNode& node, int depth, std::string* out) {
  const std::string inner(2 * (depth + 1), ' ');
  switch (node.kind) {
    case JsonNode::Kind::Scalar:
      *out += node.text;
      return;
    case JsonNode::Kind::Object:
      if (node.members.empty()) {
        *out += "{}";
        return;
      }
      *out += "{\n";
      for (size_t i = 0; i < node.members.size(); ++i) {
        *out += inner + JsonNode::string(node.members[i].first).text + ": ";
        render(node.members[i].second, depth + 1, out);
        *out += i + 1 < node.members.size() ? ",\n" : "\n";
      }
      *out += std::string(2 * depth, ' ') + "}";
      return;
    case JsonNode::Kind::Array:
      if (node.items.empty()) {
        *out += "[]";
        return;
      }
      *out += "[\n";
      for (size_t i = 0; i < node.items.size(); ++i) {
        *out += inner;
        render(node.items[i], depth + 1, out);
        *out += i + 1 < node.items.size() ? ",\n" : "\n";
      }
      *out += std::string(2 * depth, ' ') + "]";
      return;
  }
}

}  // namespace

JsonNode JsonNode::string(std::string_view value) {
  // runtime/json.h escapes strings as Go's encoder does, HTML characters included.
  return JsonNode{Kind::Scalar, to_json(Value::string(std::string(value))), {}, {}};
}

JsonNode JsonNode::integer(int64_t value) {
  return JsonNode{Kind::Scalar, std::to_string(value), {}, {}};
}

JsonNode JsonNode::number(double value) {
  // Go writes float64 values between 1e-6 and 1e21 in fixed notation, with the fewest digits
  // that read back exactly. Report figures (percentages, per-op counts) stay in that range.
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed);
  return JsonNode{Kind::Scalar, std::string(buffer, result.ptr), {}, {}};
}

JsonNode JsonNode::boolean(bool value) {
  return JsonNode{Kind::Scalar, value ? "true" : "false", {}, {}};
}

std::string render_indented(const JsonNode& node) {
  std::string out;
  render(node, 0, &out);
  return out;
}

}  // namespace regoc::cli
