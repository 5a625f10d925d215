// Entry points of the Rego parser (compiler/parser.h): runs the ANTLR lexer and parser
// generated from grammar/*.g4, stops at the first lexer or syntax error in OPA's wording, and
// hands the tree to the AST builder (compiler/parse_tree_builder.h).
#include "compiler/parser.h"

#include "RegoLexer.h"
#include "RegoParser.h"
#include "compiler/annotations.h"
#include "compiler/parse_errors.h"
#include "compiler/parse_tree_builder.h"

namespace regoc {

namespace {

using parsing::BuildFailure;
using parsing::SyntaxErrorListener;
using parsing::TreeBuilder;

// The ANTLR objects for one source text. They point at each other, so they live together.
struct ParseSession {
  ParseSession(std::shared_ptr<const std::string> file, std::string_view text)
      : input(strip_byte_order_mark(text)), lexer(&input), tokens(&lexer), parser(&tokens),
        listener(std::move(file)) {
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    parser.removeErrorListeners();
    parser.addErrorListener(&listener);
  }

  static std::string strip_byte_order_mark(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return std::string(text);
  }

  antlr4::ANTLRInputStream input;
  regoc_antlr::RegoLexer lexer;
  antlr4::CommonTokenStream tokens;
  regoc_antlr::RegoParser parser;
  SyntaxErrorListener listener;
};

// Returns the lexer's or the parser's first error, if any.
std::optional<Error> first_error(ParseSession& session,
                                 const std::shared_ptr<const std::string>& file) {
  if (auto error = parsing::find_lexer_error(file, session.tokens)) return error;
  return session.listener.first_error();
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
  if (auto error = first_error(session, file)) return {*error};

  auto* tree = run_two_stage(session, &regoc_antlr::RegoParser::module_);
  if (auto error = session.listener.first_error()) return {*error};

  TreeBuilder builder(file, &session.input, &session.tokens);
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
  if (auto error = first_error(session, file)) return {*error};

  auto* tree = run_two_stage(session, &regoc_antlr::RegoParser::query_);
  if (auto error = session.listener.first_error()) return {*error};

  TreeBuilder builder(file, &session.input, &session.tokens);
  try {
    *out = builder.build_query(tree->query());
  } catch (const BuildFailure& failure) {
    return collect(builder, &failure);
  }
  return collect(builder, nullptr);
}

}  // namespace regoc
