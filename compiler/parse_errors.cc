// Parse errors in OPA's wording: describes tokens as OPA's scanner names them, converts ANTLR
// syntax errors into rego_parse_error, and reports the lexer's error tokens.
#include "compiler/parse_errors.h"

#include "RegoLexer.h"

namespace regoc::parsing {

using regoc_antlr::RegoLexer;

Error make_parse_error(const Location& location, std::string message) {
  return Error{codes::kParse, std::move(message), location};
}

Location token_location(const std::shared_ptr<const std::string>& file,
                        const antlr4::Token* token) {
  Location location;
  location.file = file;
  if (token != nullptr) {
    location.row = static_cast<int>(token->getLine());
    location.col = static_cast<int>(token->getCharPositionInLine()) + 1;
    // OPA places eof on the last character, or at column 0 after a final newline.
    if (token->getType() == antlr4::Token::EOF) location.col -= 1;
  }
  return location;
}

namespace {

// OPA's names for tokens that are not keywords.
const char* token_name(size_t type) {
  switch (type) {
    case antlr4::Token::EOF:
      return "eof";
    case RegoLexer::IDENT:
      return "ident";
    case RegoLexer::NUMBER:
      return "number";
    case RegoLexer::STRING:
    case RegoLexer::RAW_STRING:
      return "string";
    case RegoLexer::TEMPLATE_START:
    case RegoLexer::RAW_TEMPLATE_START:
    case RegoLexer::TEMPLATE_TEXT:
    case RegoLexer::RAW_TEMPLATE_TEXT:
      return "template-string-part";
    case RegoLexer::TEMPLATE_END:
    case RegoLexer::RAW_TEMPLATE_END:
      return "template-string-end";
    case RegoLexer::LBRACK:
      return "[";
    case RegoLexer::RBRACK:
      return "]";
    case RegoLexer::LBRACE:
    case RegoLexer::TEMPLATE_EXPR_START:
    case RegoLexer::RAW_TEMPLATE_EXPR_START:
      return "{";
    case RegoLexer::RBRACE:
    case RegoLexer::TEMPLATE_EXPR_END:
      return "}";
    case RegoLexer::LPAREN:
      return "(";
    case RegoLexer::RPAREN:
      return ")";
    case RegoLexer::COMMA:
      return ",";
    case RegoLexer::COLON:
      return ":";
    case RegoLexer::SEMI:
      return ";";
    case RegoLexer::DOT:
      return ".";
    case RegoLexer::PLUS:
      return "plus";
    case RegoLexer::MINUS:
      return "minus";
    case RegoLexer::STAR:
      return "mul";
    case RegoLexer::SLASH:
      return "div";
    case RegoLexer::PERCENT:
      return "rem";
    case RegoLexer::AMP:
      return "and";
    case RegoLexer::PIPE:
      return "or";
    case RegoLexer::UNIFY:
      return "eq";
    case RegoLexer::EQUAL:
      return "equal";
    case RegoLexer::ASSIGN:
      return "assign";
    case RegoLexer::NEQ:
      return "neq";
    case RegoLexer::GT:
      return "gt";
    case RegoLexer::LT:
      return "lt";
    case RegoLexer::GTE:
      return "gte";
    case RegoLexer::LTE:
      return "lte";
    default:
      return "illegal";
  }
}

bool is_keyword(size_t type) {
  switch (type) {
    case RegoLexer::PACKAGE:
    case RegoLexer::IMPORT:
    case RegoLexer::AS:
    case RegoLexer::DEFAULT:
    case RegoLexer::ELSE:
    case RegoLexer::NOT:
    case RegoLexer::SOME:
    case RegoLexer::WITH:
    case RegoLexer::NULL_LIT:
    case RegoLexer::TRUE_LIT:
    case RegoLexer::FALSE_LIT:
    case RegoLexer::EVERY:
    case RegoLexer::CONTAINS:
    case RegoLexer::IF:
    case RegoLexer::IN:
      return true;
    default:
      return false;
  }
}

// The message for a token that the lexer matched only as an error token, or "" for others.
std::string lexer_error_message(const antlr4::Token* token) {
  const std::string text = token->getText();
  switch (token->getType()) {
    case RegoLexer::BAD_STRING:
    case RegoLexer::BAD_RAW_STRING:
    case RegoLexer::TEMPLATE_BAD:
      return "non-terminated string";
    case RegoLexer::BANG:
      return "illegal ! character";
    case RegoLexer::DOLLAR:
      return "illegal $ character";
    case RegoLexer::ERROR_CHAR:
      return "illegal token";
    case RegoLexer::BAD_NUMBER: {
      size_t dot = text.find('.');
      if (dot != std::string::npos && (dot + 1 == text.size() || !isdigit(text[dot + 1]))) {
        return "expected fraction";
      }
      size_t exponent = text.find_first_of("eE");
      if (exponent != std::string::npos) {
        size_t digits = exponent + 1;
        if (digits < text.size() && (text[digits] == '+' || text[digits] == '-')) ++digits;
        if (digits >= text.size() || !isdigit(text[digits])) return "expected exponent";
      }
      return "illegal number format";
    }
    default:
      return "";
  }
}

// The token before `token` on the default channel, or null.
const antlr4::Token* previous_token(antlr4::TokenStream* stream, const antlr4::Token* token) {
  for (size_t i = token->getTokenIndex(); i > 0; --i) {
    const antlr4::Token* candidate = stream->get(i - 1);
    if (candidate->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return candidate;
  }
  return nullptr;
}

bool starts_expression(size_t type) {
  switch (type) {
    case RegoLexer::IDENT:
    case RegoLexer::NUMBER:
    case RegoLexer::STRING:
    case RegoLexer::RAW_STRING:
    case RegoLexer::TEMPLATE_START:
    case RegoLexer::RAW_TEMPLATE_START:
    case RegoLexer::LBRACK:
    case RegoLexer::LBRACE:
    case RegoLexer::LPAREN:
    case RegoLexer::NOT:
    case RegoLexer::SOME:
    case RegoLexer::EVERY:
    case RegoLexer::TRUE_LIT:
    case RegoLexer::FALSE_LIT:
    case RegoLexer::NULL_LIT:
      return true;
    default:
      return false;
  }
}

// OPA's note after "unexpected X token", where it adds one for the same situation.
std::string expectation_note(antlr4::Recognizer* recognizer, const antlr4::Token* offending,
                             std::exception_ptr error) {
  auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
  if (parser == nullptr || offending == nullptr) return "";
  const antlr4::Token* previous = previous_token(parser->getTokenStream(), offending);
  if (previous != nullptr && previous->getType() == RegoLexer::DOT) return ": expected ident";

  antlr4::misc::IntervalSet expected;
  try {
    if (error) std::rethrow_exception(error);
  } catch (const antlr4::RecognitionException& recognition) {
    expected = recognition.getExpectedTokens();
  } catch (...) {
    return "";
  }

  // A term right after a complete expression on the same line: OPA wants a separator.
  bool closes_body = expected.contains(static_cast<size_t>(RegoLexer::RBRACE)) ||
                     expected.contains(static_cast<size_t>(RegoLexer::RBRACK));
  if (!closes_body || !starts_expression(offending->getType())) return "";
  const char* end = expected.contains(static_cast<size_t>(RegoLexer::RBRACK)) ? "]" : "}";
  return std::string(": expected \\n or ; or ") + end;
}

}  // namespace

std::string describe_token(const antlr4::Token* token) {
  if (token == nullptr) return "illegal token";
  size_t type = token->getType();
  if (is_keyword(type)) return token->getText() + " keyword";
  return std::string(token_name(type)) + " token";
}

std::optional<TokenError> find_lexer_error(const std::shared_ptr<const std::string>& file,
                                           const SourceText& source,
                                           antlr4::CommonTokenStream& tokens) {
  tokens.fill();
  for (antlr4::Token* token : tokens.getTokens()) {
    std::string message = lexer_error_message(token);
    if (message.empty()) continue;
    Error error = make_parse_error(token_location(file, token), message);
    error.details = source.details_at(error.location);
    return TokenError{std::move(error), token->getStopIndex()};
  }
  return std::nullopt;
}

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer,
                                      antlr4::Token* offending_symbol, size_t line, size_t column,
                                      const std::string& message, std::exception_ptr error) {
  if (first_error_) return;
  Location location = token_location(file_, offending_symbol);
  if (offending_symbol == nullptr) {
    location.row = static_cast<int>(line);
    location.col = static_cast<int>(column) + 1;
    Error illegal = make_parse_error(location, "illegal token");
    illegal.details = source_->details_at(location);
    first_error_ = TokenError{std::move(illegal), SIZE_MAX};
    return;
  }
  std::string text = "unexpected " + describe_token(offending_symbol);
  text += expectation_note(recognizer, offending_symbol, error);
  Error unexpected = make_parse_error(location, text);
  const bool at_end = offending_symbol->getType() == antlr4::Token::EOF;
  unexpected.details = at_end ? source_->details_at_end() : source_->details_at(location);
  first_error_ = TokenError{std::move(unexpected),
                            at_end ? SIZE_MAX : offending_symbol->getStopIndex()};
}

}  // namespace regoc::parsing
