// Characters that OPA's scanner rejects, and where OPA reports them (see
// compiler/parse_encoding.h). The messages are those of Scanner.next in OPA v1's
// v1/ast/internal/scanner/scanner.go.
#include "compiler/parse_encoding.h"

#include "RegoLexer.h"
#include "compiler/parse_errors.h"
#include "compiler/parse_source.h"

namespace regoc::parsing {

using regoc_antlr::RegoLexer;

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// The token whose characters include the one at `index`, or null.
antlr4::Token* token_at(antlr4::CommonTokenStream& tokens, size_t index) {
  for (antlr4::Token* token : tokens.getTokens()) {
    if (token->getType() == antlr4::Token::EOF) break;
    if (token->getStartIndex() <= index && index <= token->getStopIndex()) return token;
  }
  return nullptr;
}

// OPA's scanner makes each white space character a token of its own. Its position is the
// scanner's after reading it: a newline moves to column 0 of the next row.
Location whitespace_location(const std::shared_ptr<const std::string>& file,
                             const antlr4::Token* token, size_t index) {
  Location location;
  location.file = file;
  location.row = static_cast<int>(token->getLine());
  location.col = static_cast<int>(token->getCharPositionInLine());
  const std::string text = token->getText();
  for (size_t i = 0; i <= index - token->getStartIndex() && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++location.row;
      location.col = 0;
    } else {
      ++location.col;
    }
  }
  return location;
}

bool is_template_piece(size_t type) {
  switch (type) {
    case RegoLexer::TEMPLATE_TEXT:
    case RegoLexer::RAW_TEMPLATE_TEXT:
    case RegoLexer::TEMPLATE_EXPR_START:
    case RegoLexer::RAW_TEMPLATE_EXPR_START:
    case RegoLexer::TEMPLATE_END:
    case RegoLexer::RAW_TEMPLATE_END:
      return true;
    default:
      return false;
  }
}

// OPA scans the text of a template string up to an embedded expression or the end as one
// token, where ANTLR splits it into several. OPA's token starts at `$` for the first piece,
// and right after the `}` of the expression before for the others.
const antlr4::Token* template_piece_start(antlr4::CommonTokenStream& tokens,
                                          const antlr4::Token* token) {
  size_t index = token->getTokenIndex();
  while (index > 0) {
    const antlr4::Token* previous = tokens.get(index - 1);
    const size_t type = previous->getType();
    if (type == RegoLexer::TEMPLATE_START || type == RegoLexer::RAW_TEMPLATE_START) {
      return previous;
    }
    if (!is_template_piece(type)) break;
    --index;
  }
  return tokens.get(index);
}

}  // namespace

std::optional<EncodingError> find_encoding_error(std::string_view text) {
  size_t chars = 0;
  for (size_t offset = 0; offset < text.size(); ++chars) {
    if (text[offset] == '\0') return EncodingError{offset, chars, "illegal null character"};
    const size_t length = utf8_sequence_length(text, offset);
    if (length == 0) return EncodingError{offset, chars, "illegal utf-8 character"};
    if (text.substr(offset, length) == kByteOrderMark) {
      return EncodingError{offset, chars, "illegal byte-order mark"};
    }
    offset += length;
  }
  return std::nullopt;
}

std::string replace_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t offset = 0; offset < text.size();) {
    const size_t length = utf8_sequence_length(text, offset);
    if (length == 0) {
      out += kReplacementCharacter;
      ++offset;
    } else {
      out += text.substr(offset, length);
      offset += length;
    }
  }
  return out;
}

Location encoding_error_location(const std::shared_ptr<const std::string>& file,
                                 antlr4::CommonTokenStream& tokens, const EncodingError& error) {
  Location location;
  location.file = file;
  location.row = 1;
  location.col = 1;
  // At the start of the text, the scanner reads the character before any token.
  if (error.char_index == 0) return location;

  tokens.fill();
  const size_t before = error.char_index - 1;
  const antlr4::Token* token = token_at(tokens, before);
  if (token == nullptr) return location;
  if (token->getType() == RegoLexer::WS) return whitespace_location(file, token, before);
  if (is_template_piece(token->getType())) token = template_piece_start(tokens, token);
  return token_location(file, token);
}

}  // namespace regoc::parsing
