// Tests of the simdjson reader (runtime/json_simd.h). It must give the same Values as
// parse_json (runtime/json.h) on every document, valid or not, except where parse_json is
// wrong (see expect_same_as_parse_json): hand-written cases, the workloads' and the example's
// files, and random mutations of them. nlohmann::json's validator is a second, independent
// judge of which texts are valid JSON.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <cstring>
#include <random>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "runtime/json.h"
#include "runtime/json_simd.h"
#include "runtime/number.h"

namespace regoc {
namespace {

namespace fs = std::filesystem;

// A value's kind, JSON text and whether its numbers keep literal text, so that two values
// that compare equal but print differently (1 and 1.0) read differently.
std::string describe(const Value& value) {
  if (!value.is_defined()) return "undefined";
  return std::string(kind_name(value.kind())) + " " + to_json(value);
}

struct Parsed {
  bool ok = false;
  Value value;
  std::string error;
};

Parsed parse_simd(std::string_view text) {
  Parsed out;
  out.ok = parse_json_simd(text, &out.value, &out.error);
  return out;
}

Parsed parse_reference(std::string_view text) {
  Parsed out;
  out.ok = parse_json(text, &out.value, &out.error);
  return out;
}

// A \u escape of a UTF-16 surrogate (U+D800 to U+DFFF). parse_json_simd turns one without
// its pair into U+FFFD as Go does, where parse_json and nlohmann::json reject the text.
bool has_surrogate_escape(std::string_view text) {
  for (size_t i = 0; i + 3 < text.size(); ++i) {
    if (text[i] != '\\' || text[i + 1] != 'u' || (text[i + 2] != 'd' && text[i + 2] != 'D')) {
      continue;
    }
    if (text[i + 3] != '\0' && std::strchr("89abcdefABCDEF", text[i + 3]) != nullptr) {
      return true;
    }
  }
  return false;
}

// Checks that both readers accept `text` with equal values or both reject it. Where they
// differ, nlohmann::json's validator decides and parse_json_simd must agree with it. parse_json
// accepts a root literal followed by more letters, such as `falsee` (simdjson 3.0.1 checks the
// byte after a root literal one position too far), and a number without a digit after the
// sign (`-.5`). It rejects some root literals followed by whitespace (" false\n\n").
// Unpaired surrogate escapes are the one difference that the validator does not decide.
void expect_same_as_parse_json(std::string_view text) {
  Parsed simd = parse_simd(text);
  Parsed reference = parse_reference(text);
  if (simd.ok != reference.ok) {
    if (has_surrogate_escape(text)) {
      EXPECT_TRUE(simd.ok) << "text: " << text << "\nsimd error: " << simd.error;
      return;
    }
    EXPECT_EQ(simd.ok, nlohmann::json::accept(text))
        << "text: " << text << "\nsimd error: " << simd.error
        << "\nparse_json error: " << reference.error;
    return;
  }
  if (!simd.ok) {
    EXPECT_NE(simd.error.find("invalid JSON at line "), std::string::npos) << simd.error;
    return;
  }
  EXPECT_EQ(describe(simd.value), describe(reference.value)) << "text: " << text;
  EXPECT_EQ(simd.value.compare(reference.value), 0) << "text: " << text;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every .json file of the workloads and of examples/; empty when no folder exists.
std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  for (const fs::path& root : {fs::path(REGOC_WORKLOADS_DIR), fs::path(REGOC_SOURCE_DIR) /
                                                                 "examples"}) {
    if (!fs::is_directory(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json") {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

const char* const kValid[] = {
    "null", "true", "false", "0", "-0", "7", "-12", "1.0", "1.50", "1e3", "1E+2", "0.5e-2",
    "-0.0", "123456789012345678", "-123456789012345678", "1234567890123456789",
    "9223372036854775807", "-9223372036854775808", "9223372036854775808",
    "123456789012345678901234567890", "-123456789012345678901234567890.5",
    "3.141592653589793238462643383279", "1e-7", "100", "1000000", "1e400", "\"\"",
    "\"plain\"", R"("esc \" \\ \/ \b \f \n \r \t")", R"("\u0041\u00e9\u20ac")",
    R"("\ud83d\ude00")", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"", "[]", "{}",
    "[1,2,3]", " [ 1 , 2 ] ", "\n\t{\r\n\"a\" : 1 }\n", R"({"b":1,"a":2,"c":[true,null]})",
    R"({"a":1,"a":2})", R"({"a":{"x":1},"a":{"y":2}})", R"({"":0," ":1})",
    R"({"k\u0041":1,"kA":2})", R"([[[[[]]]],{"a":[{"b":{}}]}])",
    R"({"n":[1.0,1e3,-0,0.1,2.50]})", R"(["a","b","a"])", "  \"padded\"  ", "1 ", " 2",
    " false\n\n", "null\n", "true\t", " \"s\" \r\n", "-0.5 ",
    R"({"big":[18446744073709551616,-18446744073709551617]})",
};

const char* const kInvalid[] = {
    "", " ", "{\"a\": 1,\n \"b\": }", "[1, 2", "[1] 2", "{\"a\" 1}", "01", "[01]", "[.5]",
    "tru", "truex", "nul", "\"unterminated", "7 8", "{} x", "[1,]", "{,}",
    "{\"a\":1,}", "[1.]", "[-]", "[+1]", "[1e]", "[1e+]", "NaN", "[Infinity]", "{\"a\"}",
    "{1:2}", "[\"a\":1]", "[] []", "[[[]]", "{\"a\":{}}}", "[1 2]", "{\"a\":1 \"b\":2}",
    R"(["\x"])", R"(["\u12g4"])", R"(["\u12"])", "[\"tab\there\"]", "[\"nl\nhere\"]",
    "\"\xff\"", "\"\xc3\x28\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "[1e999999]",
    "['single']", "{\"a\":1}garbage", "[--1]", "[0x10]", "[1.5.5]", "\"\\\"", "nulll",
    "nulll ", "falsee", "-.5", "[-.0]", "truee\n", "[nulll]", "[truex]", "{\"a\":falsee}", "\"a\"b",
};

TEST(JsonSimd, ValidDocumentsMatchParseJson) {
  for (const char* text : kValid) {
    SCOPED_TRACE(text);
    Parsed simd = parse_simd(text);
    EXPECT_TRUE(simd.ok) << simd.error;
    expect_same_as_parse_json(text);
  }
}

TEST(JsonSimd, InvalidDocumentsFail) {
  for (const char* text : kInvalid) {
    SCOPED_TRACE(text);
    Parsed simd = parse_simd(text);
    EXPECT_FALSE(simd.ok) << describe(simd.value);
    EXPECT_NE(simd.error.find("invalid JSON at line "), std::string::npos) << simd.error;
    expect_same_as_parse_json(text);
  }
}

TEST(JsonSimd, NumbersKeepLiteralText) {
  Parsed parsed = parse_simd(R"([1.0, 1e3, -0, 100, 12345678901234567890123, 0.1])");
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(to_json(parsed.value), "[1.0,1e3,-0,100,12345678901234567890123,0.1]");
  auto items = parsed.value.array_items();
  EXPECT_EQ(items[0].compare(Value::integer(1)), 0);
  EXPECT_EQ(items[1].compare(Value::integer(1000)), 0);
  EXPECT_FALSE(items[4].as_number().fits_int64());
  EXPECT_EQ(items[4].as_number().to_bigint()->get_str(), "12345678901234567890123");
}

TEST(JsonSimd, DuplicateKeysKeepLastValue) {
  Parsed parsed = parse_simd(R"({"b": 1, "a": 2, "b": 3})");
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(to_json(parsed.value), R"({"a":2,"b":3})");
  EXPECT_EQ(parsed.value.size(), 2u);
}

// Object keys that a thread reads again share one node through the key cache. Values and long
// keys get nodes of their own, and every document still reads as written.
TEST(JsonSimd, RepeatedKeysShareANode) {
  const std::string long_key(100, 'k');
  const std::string text = R"({"role": "admin", ")" + long_key + R"(": "admin"})";
  Parsed first = parse_simd(text);
  Parsed second = parse_simd(text);
  ASSERT_TRUE(first.ok) << first.error;
  ASSERT_TRUE(second.ok) << second.error;
  EXPECT_EQ(to_json(first.value), to_json(second.value));
  const auto& a = first.value.object_entries();
  const auto& b = second.value.object_entries();
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[1].first.as_string(), "role");
  EXPECT_EQ(a[1].first.identity(), b[1].first.identity());    // cached key
  EXPECT_NE(a[0].first.identity(), b[0].first.identity());    // too long for the cache
  EXPECT_NE(a[1].second.identity(), b[1].second.identity());  // values are never cached
}

// Go's encoding/json, which OPA uses, turns a UTF-16 surrogate without its pair into U+FFFD.
TEST(JsonSimd, LoneSurrogatesBecomeReplacementCharacter) {
  const std::pair<const char*, const char*> cases[] = {
      {R"("\ud800")", "\xef\xbf\xbd"},
      {R"("\udc00x")", "\xef\xbf\xbdx"},
      {R"("\ud800\u0041")", "\xef\xbf\xbd" "A"},
      {R"("\ud800\ud800\udc00")", "\xef\xbf\xbd\xf0\x90\x80\x80"},
      {R"({"\udfff":1})", nullptr},
  };
  for (const auto& [text, expected] : cases) {
    Parsed parsed = parse_simd(text);
    ASSERT_TRUE(parsed.ok) << text << ": " << parsed.error;
    if (expected == nullptr) {
      ASSERT_EQ(parsed.value.object_entries().size(), 1u);
      EXPECT_EQ(parsed.value.object_entries()[0].first.as_string(), "\xef\xbf\xbd");
    } else {
      EXPECT_EQ(parsed.value.as_string(), expected) << text;
    }
  }
}

TEST(JsonSimd, ErrorNamesLineAndColumn) {
  Parsed parsed = parse_simd("{\"a\": 1,\n \"b\": \"\\q\"}");
  ASSERT_FALSE(parsed.ok);
  EXPECT_EQ(parsed.error, "invalid JSON at line 2, column 8: invalid escape in string");
}

TEST(JsonSimd, DeepNestingIsLimited) {
  std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  Parsed parsed = parse_simd(ok);
  EXPECT_TRUE(parsed.ok) << parsed.error;

  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  parsed = parse_simd(deep);
  EXPECT_FALSE(parsed.ok);
  EXPECT_NE(parsed.error.find("too deep"), std::string::npos) << parsed.error;
}

TEST(JsonSimd, LargeDocumentUsesOwnParser) {
  // Larger than the documents that the per-thread parser takes (64 KiB), then a small one on
  // the same thread.
  std::string big = "[";
  for (int i = 0; i < 200000; ++i) big += "\"item\",";
  big += "1]";
  Parsed parsed = parse_simd(big);
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(parsed.value.size(), 200001u);
  expect_same_as_parse_json(R"({"after":"big"})");
}

TEST(JsonSimd, CorpusFilesMatchParseJson) {
  std::vector<fs::path> files = corpus_files();
  if (files.empty()) GTEST_SKIP() << "no workloads or examples folder";
  for (const fs::path& path : files) {
    SCOPED_TRACE(path.string());
    std::string text = read_file(path);
    EXPECT_TRUE(parse_simd(text).ok);
    expect_same_as_parse_json(text);
  }
}

// Applies one random edit: delete, duplicate or replace a byte, or insert a character that
// JSON gives a meaning to.
std::string mutate(const std::string& text, std::mt19937& random) {
  static const std::string kInserts = "{}[]\",:.-+eE0123456789 \\tfnu\x01\xff";
  std::string out = text;
  if (out.empty()) return std::string(1, kInserts[random() % kInserts.size()]);
  size_t at = random() % out.size();
  switch (random() % 4) {
    case 0:
      out.erase(at, 1);
      break;
    case 1:
      out.insert(at, 1, out[at]);
      break;
    case 2:
      out[at] = kInserts[random() % kInserts.size()];
      break;
    default:
      out.insert(at, 1, kInserts[random() % kInserts.size()]);
      break;
  }
  return out;
}

// An exponent of three or more digits. nlohmann::json rejects numbers beyond double's range
// (4e333), which OPA and regoc accept, and regoc rejects exponents beyond 1e100000
// (runtime/number_text.cc), so the validator does not judge such texts.
bool has_long_exponent(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != 'e' && text[i] != 'E') continue;
    size_t digits = 0;
    for (size_t j = i + 1; j < text.size(); ++j) {
      if (std::isdigit(static_cast<unsigned char>(text[j]))) {
        ++digits;
      } else if (text[j] != '+' && text[j] != '-') {
        break;
      }
    }
    if (digits >= 3) return true;
  }
  return false;
}

TEST(JsonSimd, MutationsMatchParseJsonAndValidator) {
  std::vector<std::string> seeds(std::begin(kValid), std::end(kValid));
  for (const fs::path& path : corpus_files()) {
    std::string text = read_file(path);
    if (text.size() <= 4096) seeds.push_back(std::move(text));  // the large data files are slow
  }
  std::mt19937 random(20240601);
  int checked = 0;
  for (const std::string& seed : seeds) {
    std::string text = seed;
    for (int round = 0; round < 60; ++round) {
      text = round % 3 == 0 ? mutate(seed, random) : mutate(text, random);
      SCOPED_TRACE(text);
      expect_same_as_parse_json(text);
      if (has_long_exponent(text) || has_surrogate_escape(text)) continue;
      Parsed simd = parse_simd(text);
      EXPECT_EQ(simd.ok, nlohmann::json::accept(text)) << simd.error;
      ++checked;
      if (testing::Test::HasFailure()) return;  // one failing text is enough to debug
    }
  }
  EXPECT_GT(checked, 1000);
}

// The per-thread parsers do not interfere: threads parsing different texts at once each get
// their own value.
TEST(JsonSimd, ThreadsParseIndependently) {
  std::vector<std::string> texts;
  for (int t = 0; t < 8; ++t) {
    texts.push_back(R"({"thread":)" + std::to_string(t) + R"(,"items":[)" +
                    std::string(t * 10, '1') + "0]}");
  }
  std::vector<int> mismatches(texts.size(), 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < texts.size(); ++t) {
    threads.emplace_back([&, t] {
      Value expected;
      parse_json(texts[t], &expected, nullptr);
      for (int i = 0; i < 2000; ++i) {
        Parsed parsed = parse_simd(texts[t]);
        if (!parsed.ok || describe(parsed.value) != describe(expected)) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (size_t t = 0; t < texts.size(); ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace regoc
