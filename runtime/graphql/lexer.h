// The GraphQL lexer: turns source text into tokens with gqlparser's positions (lines from 1,
// columns in code points from 1) and its error messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "runtime/graphql/error.h"

namespace regoc::graphql {

enum class TokenKind {
  Invalid,
  Eof,
  Bang,
  Dollar,
  Amp,
  ParenL,
  ParenR,
  Spread,
  Colon,
  Equals,
  At,
  BracketL,
  BracketR,
  BraceL,
  BraceR,
  Pipe,
  Name,
  Int,
  Float,
  String,
  BlockString,
};

/// Returns the kind as gqlparser writes it in messages: "<EOF>", "{", "Name", ...
std::string_view token_kind_text(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::Invalid;
  std::string value;  // names, numbers and strings (unescaped); empty for punctuators
  Position position;

  /// Writes the token as gqlparser does in messages: the kind, then the quoted value if any.
  std::string to_string() const;
};

class Lexer {
 public:
  explicit Lexer(std::string_view input) : input_(input) {}

  /// Reads the next token, skipping white space, commas and comments. On a lexical error
  /// returns an Invalid token and stores the error in *error.
  Token read_token(std::optional<GraphqlError>* error);

 private:
  Token make_token(TokenKind kind, std::string value) const;
  Token make_error(std::optional<GraphqlError>* error, std::string message) const;
  void skip_white_space();
  void skip_comment();
  Token read_name();
  Token read_number(std::optional<GraphqlError>* error);
  Token read_string(std::optional<GraphqlError>* error);
  Token read_block_string(std::optional<GraphqlError>* error);
  bool accept_byte(char a, char b = '\0');
  int accept_digits();
  std::string describe_next() const;
  void advance(size_t bytes, int runes) {
    end_ += bytes;
    end_runes_ += runes;
  }
  void new_line() {
    ++line_;
    line_start_runes_ = end_runes_;
  }

  std::string_view input_;
  size_t start_ = 0;      // bytes
  int start_runes_ = 0;   // code points
  size_t end_ = 0;        // bytes
  int end_runes_ = 0;     // code points
  int line_ = 1;
  int line_start_runes_ = 0;
};

}  // namespace regoc::graphql
