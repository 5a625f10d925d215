// Tests of the source details of parse errors (the line and the index that OPA's
// ast.ParserErrorDetail holds) and of the characters that OPA's scanner rejects: invalid
// UTF-8, NUL and a byte-order mark after the start.
#include <gtest/gtest.h>

#include "compiler/parse_source.h"
#include "compiler/parser.h"

namespace regoc {
namespace {

using parsing::SourceText;

Error module_error(const std::string& text) {
  ast::Module module;
  Errors errors = parse_module("test.rego", text, &module);
  if (errors.empty()) {
    ADD_FAILURE() << "no error for: " << text;
    return Error{};
  }
  return errors[0];
}

Error query_error(const std::string& text) {
  ast::Body body;
  Errors errors = parse_query(text, &body);
  if (errors.empty()) {
    ADD_FAILURE() << "no error for: " << text;
    return Error{};
  }
  return errors[0];
}

struct DetailsCase {
  const char* source;
  int row;
  int col;
  const char* message;
  const char* line;
  int idx;
};

// Syntax errors carry the line of the offending token. White space before it is skipped, so an
// error at the end of the text points at its last visible character.
TEST(ParseErrorDetails, SyntaxErrors) {
  const DetailsCase cases[] = {
      {"package x\n\nallow if {", 3, 10, "unexpected eof token", "allow if {", 9},
      {"package x\n\nallow if {\n", 4, 0, "unexpected eof token", "allow if {", 9},
      {"package x\n\nallow if {\n\tx := 1\n\n\n", 7, 0, "unexpected eof token", "\tx := 1", 6},
      {"package x\n\nallow if {\n  input.x ==\n}\n", 5, 1, "unexpected } token", "}", 0},
      {"package x\np if { x y }", 2, 10, "unexpected ident token: expected \\n or ; or }",
       "p if { x y }", 9},
      {"package x\np := \"abc", 2, 6, "non-terminated string", "p := \"abc", 5},
      {"package x\np := x!", 2, 7, "illegal ! character", "p := x!", 6},
      {"package x\ndefault p := x", 2, 1, "illegal default rule (value cannot contain var)",
       "default p := x", 0},
      {"package x\nimport data.foo.in", 2, 17,
       "unexpected import path, must not end with a keyword, got: in (hint: import a different "
       "path or use an alias)",
       "import data.foo.in", 16},
  };
  for (const DetailsCase& c : cases) {
    Error error = module_error(c.source);
    EXPECT_EQ(error.message, c.message) << c.source;
    EXPECT_EQ(error.location.row, c.row) << c.source;
    EXPECT_EQ(error.location.col, c.col) << c.source;
    ASSERT_TRUE(error.details.has_value()) << c.source;
    EXPECT_EQ(error.details->line, c.line) << c.source;
    EXPECT_EQ(error.details->idx, c.idx) << c.source;
  }
}

TEST(ParseErrorDetails, QueryError) {
  Error error = query_error("x := [1, 2");
  EXPECT_EQ(error.message, "unexpected eof token");
  EXPECT_EQ(error.location.file_name(), "");
  EXPECT_EQ(error.location.row, 1);
  EXPECT_EQ(error.location.col, 10);
  ASSERT_TRUE(error.details.has_value());
  EXPECT_EQ(error.details->line, "x := [1, 2");
  EXPECT_EQ(error.details->idx, 9);
}

// OPA finds these after parsing, in ast.parseModule and CheckRegoV1, and attaches no details.
TEST(ParseErrorDetails, PostParseChecksHaveNone) {
  const char* sources[] = {
      "p := 1",
      "package x\np := 1\npackage y",
      "package x\np",
      "package x\np { true }",
      "package x\np[x] if { x := 1 }\nq[x] { x := 1 }",
      "",
  };
  for (const char* source : sources) {
    Error error = module_error(source);
    EXPECT_FALSE(error.details.has_value()) << source << ": " << error.message;
  }
}

TEST(ParseErrorDetails, TextFormWithCaret) {
  Error error = module_error("package x\n\nallow if {\n\t\tx := [1,\n}");
  EXPECT_EQ(error.to_string(),
            "test.rego:5: rego_parse_error: unexpected } token\n"
            "\t}\n"
            "\t^");

  error = module_error("package x\np if {\n\t\tx := y z\n}");
  EXPECT_EQ(error.to_string(),
            "test.rego:3: rego_parse_error: unexpected ident token: expected \\n or ; or }\n"
            "\tx := y z\n"
            "\t       ^");
}

TEST(ParseErrorDetails, TextFormWithoutDetails) {
  Error error = module_error("package x\np := 1\npackage y");
  EXPECT_EQ(error.to_string(), "test.rego:3: rego_parse_error: unexpected package");
}

// OPA's scanner places the eof token one byte past the start of the last character, which is
// inside the character when it takes several bytes. The bytes 0x85 and 0xA0 count as white
// space there, as Go's unicode.IsSpace reads them.
TEST(SourceTextDetails, EndAfterMultiByteCharacter) {
  std::optional<ErrorDetails> details = SourceText("ab \xC3\xA9").details_at_end();
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->line, "ab \xC3\xA9");
  EXPECT_EQ(details->idx, 4);

  details = SourceText("a\xC3\xA0").details_at_end();
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->idx, 1);

  details = SourceText("a\r\n").details_at_end();
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->line, "a");
  EXPECT_EQ(details->idx, 0);

  EXPECT_FALSE(SourceText("").details_at_end().has_value());
}

TEST(SourceTextDetails, OffsetsCountCharacters) {
  SourceText source("ab\n\xC3\xA9x\xFFy\n");
  EXPECT_EQ(source.offset_of(1, 1), 0u);
  EXPECT_EQ(source.offset_of(2, 0), 2u);  // the newline that ends row 1
  EXPECT_EQ(source.offset_of(2, 2), 5u);  // after the two bytes of é
  EXPECT_EQ(source.offset_of(2, 4), 7u);  // an invalid byte is one character
  EXPECT_EQ(source.offset_of(9, 1), 9u);  // past the last row: the end of the text
}

struct EncodingCase {
  const char* name;
  std::string source;
  int row;
  int col;
  const char* message;
};

// The error sits at the start of the token that OPA's scanner reads when it steps onto the
// rejected byte: the token that contains the character before it.
TEST(ParseEncoding, RejectedCharacters) {
  const EncodingCase cases[] = {
      {"in a string", "package x\n\np if {\n\tx := \"caf\xE9\"\n}\n", 4, 7,
       "illegal utf-8 character"},
      {"in a comment", "package x\n# caf\xE9\np := 1\n", 2, 1, "illegal utf-8 character"},
      {"after an identifier", "package x\np := ab\xFF\n", 2, 6, "illegal utf-8 character"},
      {"after an operator", "package x\np :=\xFF\n", 2, 3, "illegal utf-8 character"},
      {"after a space", "package x\np := \xFF\n", 2, 5, "illegal utf-8 character"},
      {"after a newline", "package x\np := 1\n\xFF\n", 3, 0, "illegal utf-8 character"},
      {"first byte", "\xFF", 1, 1, "illegal utf-8 character"},
      {"columns count characters", "package x\np := \"\xC3\xA9\" + \"\xFF\"", 2, 12,
       "illegal utf-8 character"},
      {"template text", "package x\np := $\"a{1}b\xFF\"", 2, 12, "illegal utf-8 character"},
      {"first template text", "package x\np := $\"a\xFF{1}\"", 2, 6, "illegal utf-8 character"},
      {"overlong form", "package x\np := \"\xC0\xAF\"", 2, 6, "illegal utf-8 character"},
      {"surrogate", "package x\np := \"\xED\xA0\x80\"", 2, 6, "illegal utf-8 character"},
      {"above U+10FFFF", "package x\np := \"\xF4\x90\x80\x80\"", 2, 6,
       "illegal utf-8 character"},
      {"cut short", "package x\np := \"\xE2\x82", 2, 6, "illegal utf-8 character"},
      {"NUL", std::string("package x\np := 1 +") + '\0' + " 2\n", 2, 8, "illegal null character"},
      {"byte-order mark", "package x\np := 1\xEF\xBB\xBF\n", 2, 6, "illegal byte-order mark"},
  };
  for (const EncodingCase& c : cases) {
    Error error = module_error(c.source);
    EXPECT_EQ(error.code, codes::kParse) << c.name;
    EXPECT_EQ(error.message, c.message) << c.name;
    EXPECT_EQ(error.location.file_name(), "test.rego") << c.name;
    EXPECT_EQ(error.location.row, c.row) << c.name;
    EXPECT_EQ(error.location.col, c.col) << c.name;
    EXPECT_TRUE(error.details.has_value()) << c.name;
  }
}

TEST(ParseEncoding, DetailsKeepTheRawLine) {
  Error error = module_error("package x\n\np if {\n\tx := \"caf\xE9\"\n}\n");
  ASSERT_TRUE(error.details.has_value());
  EXPECT_EQ(error.details->line, "\tx := \"caf\xE9\"");
  EXPECT_EQ(error.details->idx, 6);
}

TEST(ParseEncoding, QueryText) {
  Error error = query_error("x := \"\xFF\"");
  EXPECT_EQ(error.message, "illegal utf-8 character");
  EXPECT_EQ(error.location.file_name(), "");
  EXPECT_EQ(error.location.row, 1);
  EXPECT_EQ(error.location.col, 6);
  EXPECT_EQ(error.to_string(),
            "1:6: rego_parse_error: illegal utf-8 character\n\tx := \"\xFF\"\n\t     ^");
}

// OPA's scanner reads the source as it parses, so an error in an earlier token comes first.
TEST(ParseEncoding, EarlierSyntaxErrorWins) {
  Error error = module_error("package x\np := [1,,2]\nq := \"\xFF\"\n");
  EXPECT_EQ(error.message, "unexpected , token");
  EXPECT_EQ(error.location.row, 2);

  error = module_error("package x\np := \"abc\nq := \"\xFF\"\n");
  EXPECT_EQ(error.message, "non-terminated string");

  error = module_error("package x\nq := \"\xFF\"\np := [1,,2]\n");
  EXPECT_EQ(error.message, "illegal utf-8 character");
  EXPECT_EQ(error.location.row, 2);
}

TEST(ParseEncoding, ValidTextParses) {
  ast::Module module;
  const std::string text =
      "\xEF\xBB\xBFpackage x\n# \xE2\x82\xAC \xF0\x9F\x98\x80\np := \"caf\xC3\xA9 \xEF\xBF\xBD\"\n";
  Errors errors = parse_module("test.rego", text, &module);
  for (const Error& error : errors) ADD_FAILURE() << error.to_string();
  ASSERT_EQ(module.rules.size(), 1u);
}

}  // namespace
}  // namespace regoc
