// The parser behind rego.parse_module: parses a module as OPA's ast.ParseModule does (without
// METADATA processing) and returns its AST JSON, or OPA's text for the parse errors.
// External interface: install_module_parser (compiler/ast_json.h).
#include <cctype>
#include <set>

#include "compiler/ast_json.h"
#include "compiler/parser.h"
#include "runtime/builtins/rego_module.h"

namespace regoc {
namespace {

// Byte offset of a 1-based row and column (columns count characters) in `text`.
size_t offset_of(std::string_view text, int row, int col) {
  size_t offset = 0;
  for (int line = 1; line < row && offset < text.size(); ++line) {
    size_t newline = text.find('\n', offset);
    if (newline == std::string_view::npos) return text.size();
    offset = newline + 1;
  }
  for (int column = 1; column < col && offset < text.size(); ++column) {
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) {
      ++offset;
    }
  }
  return offset;
}

bool is_newline(char c) { return c == '\n' || c == '\r'; }

// Returns OPA's error detail for a syntax error: the source line and a caret under the error.
// The error's offset first steps back over whitespace, and the line's leading tabs are dropped.
std::string detail_lines(std::string_view text, size_t offset) {
  if (text.empty()) return "";
  if (offset >= text.size()) offset = text.size() - 1;
  while (offset > 0 && std::isspace(static_cast<unsigned char>(text[offset]))) --offset;
  size_t begin = offset;
  while (begin > 0 && !is_newline(text[begin])) --begin;
  if (is_newline(text[begin])) ++begin;
  size_t end = offset;
  while (end < text.size() && !is_newline(text[end])) ++end;
  if (begin > end) begin = end;
  std::string_view line = text.substr(begin, end - begin);
  size_t index = offset - begin;
  size_t tabs = line.find_first_not_of('\t');
  if (tabs == std::string_view::npos) tabs = line.size();
  size_t indent = index > tabs ? index - tabs : 0;
  return "\n\t" + std::string(line.substr(tabs)) + "\n\t" + std::string(indent, ' ') + "^";
}

// Errors that OPA finds after parsing, which carry no source detail.
bool has_detail(const Error& error) {
  static const std::set<std::string> kPostParse = {"empty module", "package expected",
                                                   "unexpected package"};
  return error.location.row > 0 && error.location.col > 0 && !kPostParse.count(error.message);
}

// OPA's ast.Errors text: "1 error occurred: file:row: code: message" and the detail lines,
// or "N errors occurred:" followed by one error per line.
std::string errors_text(const Errors& errors, std::string_view file_name, std::string_view text) {
  auto error_line = [&](const Error& error) {
    std::string out = !file_name.empty()
                          ? std::string(file_name) + ":" + std::to_string(error.location.row)
                          : std::to_string(error.location.row) + ":" +
                                std::to_string(error.location.col);
    out += ": " + error.code + ": " + error.message;
    if (has_detail(error)) {
      out += detail_lines(text, offset_of(text, error.location.row, error.location.col));
    }
    return out;
  };
  if (errors.size() == 1) return "1 error occurred: " + error_line(errors[0]);
  std::string out = std::to_string(errors.size()) + " errors occurred:";
  for (const Error& error : errors) out += "\n" + error_line(error);
  return out;
}

bool parse_to_json(std::string_view file_name, std::string_view text, Value* out,
                   std::string* error) {
  ast::Module module;
  ParseOptions options;
  options.process_annotations = false;
  Errors errors = parse_module(std::string(file_name), text, &module, options);
  if (!errors.empty()) {
    *error = errors_text(errors, file_name, text);
    return false;
  }
  *out = module_to_ast_json(module);
  return true;
}

}  // namespace

void install_module_parser() { set_module_parser(parse_to_json); }

}  // namespace regoc
