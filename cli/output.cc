// Output formats of `regoc eval` (see cli/output.h).
//
// OPA prints Go structs with encoding/json, so members appear in struct field order rather
// than sorted: a result is {"expressions", "bindings"}, an expression {"value", "text",
// "location"} and an error {"details", "location", "message", "code"}, where only parse
// errors have details, {"line", "idx"} (OPA 1.x, internal/presentation.OutputError and
// ast.ParserErrorDetail).
// Those shells are assembled here; values inside them come from to_json().
#include "cli/output.h"

#include <utility>

#include "cli/table.h"
#include "runtime/json.h"

namespace regoc::cli {

namespace {

// A member of an object whose value is already rendered as indented JSON at depth zero.
using Member = std::pair<std::string, std::string>;

// Shifts every line after the first right by one indentation level, so that a block rendered
// at depth zero can sit inside an object or array.
std::string nest(const std::string& block) {
  std::string out;
  out.reserve(block.size());
  for (char c : block) {
    out += c;
    if (c == '\n') out += "  ";
  }
  return out;
}

std::string quote(std::string_view text) { return to_json(Value::string(text)); }

std::string render_object(const std::vector<Member>& members) {
  if (members.empty()) return "{}";
  std::string out = "{\n";
  for (size_t i = 0; i < members.size(); ++i) {
    out += "  " + quote(members[i].first) + ": " + nest(members[i].second);
    out += i + 1 < members.size() ? ",\n" : "\n";
  }
  return out + "}";
}

std::string render_array(const std::vector<std::string>& items) {
  if (items.empty()) return "[]";
  std::string out = "[\n";
  for (size_t i = 0; i < items.size(); ++i) {
    out += "  " + nest(items[i]);
    out += i + 1 < items.size() ? ",\n" : "\n";
  }
  return out + "]";
}

Value bindings_object(const QueryResult& result) {
  std::vector<Value::Entry> entries;
  for (const auto& [name, value] : result.bindings) {
    entries.emplace_back(Value::string(name), value);
  }
  return Value::object(std::move(entries));
}

std::string render_result(const QueryResult& result) {
  std::vector<std::string> expressions;
  for (const ExpressionValue& expression : result.expressions) {
    const std::string location = render_object({
        {"row", std::to_string(expression.location.row)},
        {"col", std::to_string(expression.location.col)},
    });
    expressions.push_back(render_object({
        {"value", to_json(expression.value, 2)},
        {"text", quote(expression.text)},
        {"location", location},
    }));
  }
  std::vector<Member> members = {{"expressions", render_array(expressions)}};
  if (!result.bindings.empty()) {
    members.emplace_back("bindings", to_json(bindings_object(result), 2));
  }
  return render_object(members);
}

bool has_location(const Location& location) {
  return location.row > 0 || !location.file_name().empty();
}

std::string render_error(const Error& error) {
  std::vector<Member> members;
  if (error.details) {
    members.emplace_back("details", render_object({
                                        {"line", quote(error.details->line)},
                                        {"idx", std::to_string(error.details->idx)},
                                    }));
  }
  if (has_location(error.location)) {
    members.emplace_back("location", render_object({
                                         {"file", quote(error.location.file_name())},
                                         {"row", std::to_string(error.location.row)},
                                         {"col", std::to_string(error.location.col)},
                                     }));
  }
  members.emplace_back("message", quote(error.message));
  if (!error.code.empty()) members.emplace_back("code", quote(error.code));
  return render_object(members);
}

// An error as a JSON value. to_json() writes its members sorted by key.
Value error_value(const Error& error) {
  const auto member = [](const char* key, Value value) {
    return Value::Entry(Value::string(key), std::move(value));
  };
  std::vector<Value::Entry> members;
  if (error.details) {
    members.push_back(member("details", Value::object({
                                            member("line", Value::string(error.details->line)),
                                            member("idx", Value::integer(error.details->idx)),
                                        })));
  }
  if (has_location(error.location)) {
    members.push_back(member("location", Value::object({
                                             member("file", Value::string(
                                                                error.location.file_name())),
                                             member("row", Value::integer(error.location.row)),
                                             member("col", Value::integer(error.location.col)),
                                         })));
  }
  members.push_back(member("message", Value::string(error.message)));
  if (!error.code.empty()) members.push_back(member("code", Value::string(error.code)));
  return Value::object(std::move(members));
}

std::string render_errors(const Errors& errors) {
  std::vector<std::string> items;
  for (const Error& error : errors) items.push_back(render_error(error));
  return render_object({{"errors", render_array(items)}}) + "\n";
}

// "1 error occurred: ..." or "N errors occurred:" followed by one error per line.
std::string errors_text(const Errors& errors) {
  std::string out = errors.size() == 1
                        ? "1 error occurred: "
                        : std::to_string(errors.size()) + " errors occurred:\n";
  for (size_t i = 0; i < errors.size(); ++i) {
    if (i > 0) out += "\n";
    out += error_line(errors[i]);
  }
  return out + "\n";
}

std::string json_format(const EvalReport& report) {
  if (!report.errors.empty()) return render_errors(report.errors);
  if (report.results.empty()) return "{}\n";
  std::vector<std::string> results;
  for (const QueryResult& result : report.results) results.push_back(render_result(result));
  return render_object({{"result", render_array(results)}}) + "\n";
}

// opa eval --format discard decodes its output into a Go map and encodes it again, so the
// members of its errors come out sorted by key (internal/presentation.Discard, OPA 1.x).
std::string discard_format(const EvalReport& report) {
  if (!report.errors.empty()) {
    std::vector<Value> items;
    for (const Error& error : report.errors) items.push_back(error_value(error));
    Value document = Value::object({{Value::string("errors"), Value::array(std::move(items))}});
    return to_json(document, 2) + "\n";
  }
  if (report.results.empty()) return "{}\n";
  return render_object({{"result", quote("discarded")}}) + "\n";
}

std::string values_format(const EvalReport& report) {
  std::string out;
  for (const QueryResult& result : report.results) {
    std::vector<Value> values;
    for (const ExpressionValue& expression : result.expressions) values.push_back(expression.value);
    out += to_json(Value::array(std::move(values)), 2) + "\n";
  }
  return out;
}

std::string bindings_format(const EvalReport& report) {
  std::string out;
  for (const QueryResult& result : report.results) {
    out += to_json(bindings_object(result), 2) + "\n";
  }
  return out;
}

std::string raw_format(const EvalReport& report) {
  std::string out;
  for (const QueryResult& result : report.results) {
    for (size_t i = 0; i < result.expressions.size(); ++i) {
      if (i > 0) out += " ";
      const Value& value = result.expressions[i].value;
      out += value.is_string() ? std::string(value.as_string()) : to_json(value);
    }
    out += "\n";
  }
  return out;
}

// A column of the pretty table: a variable binding, or an expression by its index.
struct Column {
  std::string variable;
  size_t expression = 0;
};

std::vector<Column> table_columns(const QueryResult& first) {
  std::vector<Column> columns;
  for (const auto& binding : first.bindings) columns.push_back({binding.first, 0});
  for (size_t i = 0; i < first.expressions.size(); ++i) {
    // Boolean expressions are the query's tests; with bindings to show they add nothing.
    if (!first.expressions[i].value.is_boolean() || first.bindings.empty()) {
      columns.push_back({"", i});
    }
  }
  return columns;
}

std::string table_cell(const QueryResult& result, const Column& column, int limit) {
  std::string text = "null";
  if (!column.variable.empty()) {
    for (const auto& [name, value] : result.bindings) {
      if (name == column.variable) text = to_json(value);
    }
  } else if (column.expression < result.expressions.size()) {
    text = to_json(result.expressions[column.expression].value);
  }
  if (limit > 0 && text.size() > static_cast<size_t>(limit)) text = text.substr(0, limit) + "...";
  return text;
}

bool all_boolean(const QueryResult& result) {
  for (const ExpressionValue& expression : result.expressions) {
    if (!expression.value.is_boolean()) return false;
  }
  return true;
}

std::string pretty_format(const EvalReport& report, int limit) {
  if (report.results.empty()) return "undefined\n";
  const QueryResult& first = report.results.front();
  if (report.results.size() == 1 && first.bindings.empty() && !first.expressions.empty() &&
      (first.expressions.size() == 1 || all_boolean(first))) {
    return to_json(first.expressions.front().value, 2) + "\n";
  }

  const std::vector<Column> columns = table_columns(first);
  std::vector<std::string> header;
  for (const Column& column : columns) {
    header.push_back(column.variable.empty() ? first.expressions[column.expression].text
                                             : column.variable);
  }
  std::vector<std::vector<std::string>> rows;
  for (const QueryResult& result : report.results) {
    std::vector<std::string> row;
    for (const Column& column : columns) row.push_back(table_cell(result, column, limit));
    rows.push_back(std::move(row));
  }
  return render_table(header, rows);
}

}  // namespace

std::string error_line(const Error& error) {
  if (error.code.empty() && !has_location(error.location)) return error.message;
  return error.to_string();
}

void write_report(const EvalReport& report, const WriteOptions& options, std::string* out,
                  std::string* err) {
  switch (options.format) {
    case OutputFormat::Json:
      *out += json_format(report);
      return;
    case OutputFormat::Discard:
      *out += discard_format(report);
      return;
    default:
      break;
  }

  if (!report.errors.empty()) {
    *err += errors_text(report.errors);
    return;
  }
  switch (options.format) {
    case OutputFormat::Values:
      *out += values_format(report);
      break;
    case OutputFormat::Bindings:
      *out += bindings_format(report);
      break;
    case OutputFormat::Raw:
      *out += raw_format(report);
      break;
    case OutputFormat::Pretty:
      *out += pretty_format(report, options.pretty_limit);
      break;
    default:
      break;
  }
}

}  // namespace regoc::cli
