// Tests of the check of rules against the base document (CompileOptions::base_data): OPA's
// "conflicting rule for data path a/p found", which `opa eval` reports when a data file gives a
// value at the path of a rule.
#include <gtest/gtest.h>

#include "compiler/compiler.h"
#include "compiler/parser.h"
#include "runtime/json.h"

namespace regoc {
namespace {

Errors compile_with_data(const std::vector<std::string>& sources, std::string_view data_json) {
  std::vector<ast::Module> modules;
  for (size_t i = 0; i < sources.size(); ++i) {
    ast::Module module;
    Errors errors = parse_module("m" + std::to_string(i) + ".rego", sources[i], &module);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].to_string());
    modules.push_back(std::move(module));
  }
  Value data;
  std::string error;
  EXPECT_TRUE(parse_json(data_json, &data, &error)) << error;
  CompileOptions options;
  options.base_data = &data;
  CompiledProgram program;
  return compile_program(std::move(modules), ast::Body(), options, &program);
}

TEST(DataConflicts, RuleAtDataValue) {
  Errors errors = compile_with_data({"package a\n\np := 2\n"}, R"({"a": {"p": 1}})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "rego_compile_error");
  EXPECT_EQ(errors[0].message, "conflicting rule for data path a/p found");
  EXPECT_EQ(errors[0].location.row, 3);
  EXPECT_EQ(errors[0].location.file_name(), "m0.rego");
}

// OPA's storage.NonEmpty: any value at the path counts, even an empty object, and so does a
// value that is not an object on the way to it.
TEST(DataConflicts, EmptyObjectAndScalarParentConflict) {
  EXPECT_EQ(compile_with_data({"package a\np := 2\n"}, R"({"a": {"p": {}}})").size(), 1u);
  Errors errors = compile_with_data({"package a\np.q := 2\n"}, R"({"a": {"p": 5}})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "conflicting rule for data path a/p/q found");
}

TEST(DataConflicts, SiblingAndParentObjectsDoNotConflict) {
  EXPECT_TRUE(compile_with_data({"package a\np := 2\n"}, R"({"a": {"q": 1}})").empty());
  EXPECT_TRUE(compile_with_data({"package a\np := 2\n"}, R"({"a": {}})").empty());
  EXPECT_TRUE(compile_with_data({"package a\np.q := 2\n"}, R"({"a": {"p": {"r": 1}}})").empty());
}

// The rule's node is the ground prefix of its ref: `p[x]` sits at a/p, and `p[1]` under a
// number key, which base documents cannot have.
TEST(DataConflicts, RefHeadsUseTheirGroundPrefix) {
  Errors errors =
      compile_with_data({"package a\np[x] := 1 if x := \"k\"\n"}, R"({"a": {"p": {"z": 1}}})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "conflicting rule for data path a/p found");
  EXPECT_TRUE(compile_with_data({"package a\np[1] := 1\n"}, R"({"a": {"p": {"1": 1}}})").empty());
}

TEST(DataConflicts, FunctionsConflictToo) {
  Errors errors = compile_with_data({"package a\nf(x) := x\n"}, R"({"a": {"f": true}})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "conflicting rule for data path a/f found");
}

// One error per conflicting path, with the first rule's location, and none below it.
TEST(DataConflicts, OneErrorPerPath) {
  Errors errors = compile_with_data(
      {"package a\np[x] := 1 if x := \"k\"\np[x] := 2 if x := \"j\"\np.q.r := 3\n",
       "package b\ns := 1\n"},
      R"({"a": {"p": 1}, "b": {"s": 2}})");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message, "conflicting rule for data path a/p found");
  EXPECT_EQ(errors[0].location.row, 2);
  EXPECT_EQ(errors[1].message, "conflicting rule for data path b/s found");
}

TEST(DataConflicts, NotCheckedWithoutData) {
  ast::Module module;
  ASSERT_TRUE(parse_module("m.rego", "package a\np := 1\n", &module).empty());
  std::vector<ast::Module> modules;
  modules.push_back(std::move(module));
  CompiledProgram program;
  EXPECT_TRUE(compile_program(std::move(modules), ast::Body(), CompileOptions(), &program).empty());
}

}  // namespace
}  // namespace regoc
