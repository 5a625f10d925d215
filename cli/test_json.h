// JSON with members in a fixed order, for the reports of `regoc test`. OPA writes them with
// Go's encoding/json from structs, so members follow the struct's field order rather than the
// sorted key order of runtime/json.h.
//
// External interface: JsonNode and render_indented().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace regoc::cli {

// A JSON value: a scalar held as its JSON text, an object or an array.
struct JsonNode {
  enum class Kind { Scalar, Object, Array };
  Kind kind = Kind::Scalar;
  std::string text;                                     // Scalar
  std::vector<std::pair<std::string, JsonNode>> members;  // Object, in output order
  std::vector<JsonNode> items;                          // Array

  static JsonNode object() { return JsonNode{Kind::Object, {}, {}, {}}; }
  static JsonNode array() { return JsonNode{Kind::Array, {}, {}, {}}; }
  static JsonNode string(std::string_view value);
  static JsonNode integer(int64_t value);
  // Go's encoding of a float64: the shortest text that reads back as the same number.
  static JsonNode number(double value);
  static JsonNode boolean(bool value);

  JsonNode& add(std::string key, JsonNode value) {
    members.emplace_back(std::move(key), std::move(value));
    return members.back().second;
  }
};

/// Renders `node` as Go's json.MarshalIndent(v, "", "  ") does, without a final newline.
std::string render_indented(const JsonNode& node);

}  // namespace regoc::cli
