// The lexer of Go's text/template (package text/template/parse), with "{{" and "}}" as
// delimiters: text, actions, trim markers ("{{- " and " -}}") and comments. External
// interface: lex_template.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace regoc::go_template {

enum class ItemType {
  Error, Bool, CharConstant, Char, Assign, Declare, Eof, Field, Identifier, LeftDelim,
  LeftParen, Number, Pipe, RawString, RightDelim, RightParen, Space, String, Text, Variable,
  // Keywords follow; Go prints them as "<name>" in errors.
  Keyword, Block, Break, Continue, Dot, Define, Else, End, If, Nil, Range, Template, With,
};

struct Item {
  ItemType type = ItemType::Eof;
  size_t position = 0;
  std::string value;
  int line = 1;

  /// The item as Go's item.String() writes it in "unexpected ..." errors.
  std::string to_string() const;
};

/// Splits a template into items. Lexing stops at the first error, which is the last item
/// (type Error, value the message); otherwise the last item is Eof.
std::vector<Item> lex_template(std::string_view input);

}  // namespace regoc::go_template
