// Entry points of the Rego parser (compiler/parser.h): runs the ANTLR lexer and parser
// generated from grammar/*.g4, stops at the first lexer or syntax error in OPA's wording, and
// hands the tree to the AST builder (compiler/parse_tree_builder.h).
#include "compiler/parser.h"

#include "RegoLexer.h"
#include "RegoParser.h"
#include "compiler/annotations.h"
#include "compiler/parse_encoding.h"
#include "compiler/parse_errors.h"
#include "compiler/parse_tree_builder.h"

namespace regoc {

namespace {

using parsing::BuildFailure;
using parsing::SyntaxErrorListener;
using parsing::TokenError;
using parsing::TreeBuilder;

// The source text of one parse and the ANTLR objects that read it. They point at each other,
// so they live together.
struct ParseSession {
  ParseSession(std::shared_ptr<const std::string> file_name, std::string_view raw_text)
      : file(std::move(file_name)),
        text(strip_byte_order_mark(raw_text)),
        source(text),
        encoding_error(parsing::find_encoding_error(text)),
        input(encoding_error ? parsing::replace_invalid_utf8(text) : text),
        lexer(&input),
        tokens(&lexer),
        parser(&tokens),
        listener(file, &source) {
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    parser.removeErrorListeners();
    parser.addErrorListener(&listener);
  }

  static std::string strip_byte_order_mark(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return std::string(text);
  }

  // Returns the error for the rejected character, when there is one and OPA's scanner meets it
  // before `found`: while scanning the token of `found` or an earlier one.
  std::optional<Error> encoding_error_before(const std::optional<TokenError>& found) {
    if (!encoding_error) return std::nullopt;
    const size_t rejected = encoding_error->char_index;
    if (found && rejected > 0 && found->last_char < rejected - 1) return std::nullopt;
    Location location = parsing::encoding_error_location(file, tokens, *encoding_error);
    Error error = parsing::make_parse_error(location, encoding_error->message);
    error.details = source.details_at(location);
    return error;
  }

  std::shared_ptr<const std::string> file;
  std::string text;  // without a leading byte-order mark, which OPA's scanner skips
  parsing::SourceText source;
  std::optional<parsing::EncodingError> encoding_error;
  antlr4::ANTLRInputStream input;
  regoc_antlr::RegoLexer lexer;
  antlr4::CommonTokenStream tokens;
  regoc_antlr::RegoParser parser;
  SyntaxErrorListener listener;
};

// Returns the first error token of the lexer, or the error for a rejected character that
// OPA's scanner meets first. Without an error token, the parser runs first.
std::optional<Error> first_lexer_error(ParseSession& session) {
  std::optional<TokenError> lexer_error =
      parsing::find_lexer_error(session.file, session.source, session.tokens);
  if (!lexer_error) return std::nullopt;
  if (auto error = session.encoding_error_before(lexer_error)) return error;
  return lexer_error->error;
}

// Returns the parser's first error, or the error for a rejected character that OPA's scanner
// meets first. A rejected character inside a string or a comment has no error token, so it
// is reported even when the parse succeeds.
// NOTE: OPA's parser goes on after a rejected character. When the token that contains it is in
// the place of a term, OPA adds one or two "illegal token" errors at the same location, which
// regoc does not report.
std::optional<Error> first_syntax_error(ParseSession& session) {
  const std::optional<TokenError>& syntax_error = session.listener.first_error();
  if (auto error = session.encoding_error_before(syntax_error)) return error;
  if (syntax_error) return syntax_error->error;
  return std::nullopt;
}

// Parses with the fast SLL prediction first and falls back to full LL when SLL fails, as it
// does on invalid input and may on inputs that need full context to disambiguate.
template <typename Tree>
Tree* run_two_stage(ParseSession& session, Tree* (regoc_antlr::RegoParser::*rule)()) {
  auto* simulator = session.parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  session.parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  session.parser.removeErrorListeners();
  try {
    return (session.parser.*rule)();
  } catch (const antlr4::ParseCancellationException&) {
  }

  session.tokens.seek(0);
  session.parser.reset();
  simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
  session.parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
  session.parser.addErrorListener(&session.listener);
  return (session.parser.*rule)();
}

// Every comment of the module, in source order; the lexer sends them to the hidden channel.
std::vector<ast::Comment> collect_comments(ParseSession& session,
                                           const std::shared_ptr<const std::string>& file) {
  std::vector<ast::Comment> comments;
  for (antlr4::Token* token : session.tokens.getTokens()) {
    if (token->getType() != regoc_antlr::RegoLexer::COMMENT) continue;
    comments.push_back({token->getText().substr(1), parsing::token_location(file, token)});
  }
  return comments;
}

Errors collect(const TreeBuilder& builder, const BuildFailure* failure) {
  Errors errors = builder.errors();
  if (failure != nullptr) errors.push_back(failure->error);
  return errors;
}

}  // namespace

Errors parse_module(const std::string& file_name, std::string_view text, ast::Module* out,
                    const ParseOptions& options) {
  auto file = std::make_shared<const std::string>(file_name);
  ParseSession session(file, text);
  if (auto error = first_lexer_error(session)) return {*error};

  auto* tree = run_two_stage(session, &regoc_antlr::RegoParser::module_);
  if (auto error = first_syntax_error(session)) return {*error};

  TreeBuilder builder(file, &session.source, &session.input, &session.tokens);
  try {
    builder.build_module(tree, out);
  } catch (const BuildFailure& failure) {
    return collect(builder, &failure);
  }
  Errors errors = collect(builder, nullptr);
  out->comments = collect_comments(session, file);
  if (errors.empty() && options.process_annotations) errors = attach_annotations(out);
  return errors;
}

Errors parse_query(std::string_view text, ast::Body* out) {
  std::shared_ptr<const std::string> file;
  ParseSession session(file, text);
  if (auto error = first_lexer_error(session)) return {*error};

  auto* tree = run_two_stage(session, &regoc_antlr::RegoParser::query_);
  if (auto error = first_syntax_error(session)) return {*error};

  TreeBuilder builder(file, &session.source, &session.input, &session.tokens);
  try {
    *out = builder.build_query(tree->query());
  } catch (const BuildFailure& failure) {
    return collect(builder, &failure);
  }
  return collect(builder, nullptr);
}

}  // namespace regoc
