// Result and error JSON for the C API (see api/result_json.h).
//
// Members follow the order of the Go structs that OPA encodes (not sorted), the same order as
// cli/output.cc: a result is {"expressions", "bindings"}, an expression {"value", "text",
// "location"} and an error {"location", "message", "code"}.
#include "api/result_json.h"

#include "runtime/json.h"

namespace regoc {
namespace {

void append_quoted(std::string_view text, std::string* out) {
  *out += to_json(Value::string(text));
}

void append_expression(const ExpressionValue& expression, std::string* out) {
  *out += "{\"value\":";
  *out += to_json(expression.value);
  *out += ",\"text\":";
  append_quoted(expression.text, out);
  *out += ",\"location\":{\"row\":" + std::to_string(expression.location.row) +
          ",\"col\":" + std::to_string(expression.location.col) + "}}";
}

void append_result(const QueryResult& result, std::string* out) {
  *out += "{\"expressions\":[";
  for (size_t i = 0; i < result.expressions.size(); ++i) {
    if (i > 0) *out += ',';
    append_expression(result.expressions[i], out);
  }
  *out += ']';
  if (!result.bindings.empty()) {
    std::vector<Value::Entry> entries;
    for (const auto& [name, value] : result.bindings) {
      entries.emplace_back(Value::string(name), value);
    }
    *out += ",\"bindings\":";
    *out += to_json(Value::object(std::move(entries)));
  }
  *out += '}';
}

void append_error(const Error& error, std::string* out) {
  *out += '{';
  if (error.location.row > 0 || !error.location.file_name().empty()) {
    *out += "\"location\":{\"file\":";
    append_quoted(error.location.file_name(), out);
    *out += ",\"row\":" + std::to_string(error.location.row) +
            ",\"col\":" + std::to_string(error.location.col) + "},";
  }
  *out += "\"message\":";
  append_quoted(error.message, out);
  if (!error.code.empty()) {
    *out += ",\"code\":";
    append_quoted(error.code, out);
  }
  *out += '}';
}

}  // namespace

std::string results_json(const EvalOutcome& outcome) {
  if (outcome.results.empty()) return "{}";
  std::string out = "{\"result\":[";
  for (size_t i = 0; i < outcome.results.size(); ++i) {
    if (i > 0) out += ',';
    append_result(outcome.results[i], &out);
  }
  return out + "]}";
}

std::string errors_json(const Errors& errors) {
  std::string out = "{\"errors\":[";
  for (size_t i = 0; i < errors.size(); ++i) {
    if (i > 0) out += ',';
    append_error(errors[i], &out);
  }
  return out + "]}";
}

}  // namespace regoc
