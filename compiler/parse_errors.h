// Parse errors in OPA's wording: token descriptions ("unexpected } token"), the ANTLR error
// listener that turns syntax errors into rego_parse_error, and the check of lexer error tokens
// (unterminated strings, malformed numbers, illegal characters). Each error carries OPA's
// source details (the line and the error's index in it).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "antlr4-runtime.h"
#include "compiler/parse_source.h"
#include "runtime/error.h"

namespace regoc::parsing {

// A parse error found at a token, with the index of the token's last character. OPA's scanner
// has read one character past the token when the error is found, so it reports a rejected
// character (compiler/parse_encoding.h) further on after this error.
struct TokenError {
  Error error;
  size_t last_char = 0;  // SIZE_MAX at the end of the text
};

// A rego_parse_error with a message and location.
Error make_parse_error(const Location& location, std::string message);

// Location of a token in the file, with 1-based row and column.
Location token_location(const std::shared_ptr<const std::string>& file, const antlr4::Token* token);

// OPA's name for a token followed by "token" or "keyword": "ident token", "if keyword".
std::string describe_token(const antlr4::Token* token);

// Returns the error for the first token that the lexer could only match as an error token.
std::optional<TokenError> find_lexer_error(const std::shared_ptr<const std::string>& file,
                                           const SourceText& source,
                                           antlr4::CommonTokenStream& tokens);

// Records the first syntax error that ANTLR reports, in OPA's words.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
 public:
  SyntaxErrorListener(std::shared_ptr<const std::string> file, const SourceText* source)
      : file_(std::move(file)), source_(source) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending_symbol, size_t line,
                   size_t column, const std::string& message, std::exception_ptr error) override;

  const std::optional<TokenError>& first_error() const { return first_error_; }

 private:
  std::shared_ptr<const std::string> file_;
  const SourceText* source_;
  std::optional<TokenError> first_error_;
};

}  // namespace regoc::parsing
