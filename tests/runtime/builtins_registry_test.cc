// Tests for the builtin registry: every builtin in OPA's capabilities is found with its
// declaration and arity, implemented ones have functions, and registration has no typos.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "runtime/builtins/builtin.h"
#include "runtime/builtins/registry.h"

namespace regoc {
namespace {

TEST(BuiltinRegistry, EveryRegisteredNameIsDeclared) {
  all_builtins();  // builds the registry
  EXPECT_TRUE(undeclared_builtin_names().empty())
      << "first undeclared name: " << undeclared_builtin_names().front();
}

TEST(BuiltinRegistry, ListsAllDeclaredBuiltinsSorted) {
  std::span<const Builtin* const> builtins = all_builtins();
  EXPECT_EQ(builtins.size(), 206u);  // OPA 1.20.2 capabilities
  for (size_t i = 1; i < builtins.size(); ++i) {
    EXPECT_LT(builtins[i - 1]->name, builtins[i]->name);
  }
}

TEST(BuiltinRegistry, FindsImplementedBuiltin) {
  const Builtin* plus = find_builtin("plus");
  ASSERT_NE(plus, nullptr);
  EXPECT_EQ(plus->name, "plus");
  EXPECT_EQ(plus->arity, 2);
  EXPECT_NE(plus->function, nullptr);
  EXPECT_EQ(plus->infix, "+");
  EXPECT_EQ(plus->declaration,
            R"({"args":[{"type":"number"},{"type":"number"}],"result":{"type":"number"},)"
            R"("type":"function"})");
}

TEST(BuiltinRegistry, FindsUnimplementedBuiltinWithoutFunction) {
  // OPA deprecates cast_array, so regoc declares it without implementing it.
  const Builtin* cast = find_builtin("cast_array");
  ASSERT_NE(cast, nullptr);
  EXPECT_EQ(cast->arity, 1);
  EXPECT_EQ(cast->function, nullptr);
  EXPECT_TRUE(cast->deprecated);
  EXPECT_FALSE(cast->declaration.empty());
}

TEST(BuiltinRegistry, UnknownNameIsNotFound) {
  EXPECT_EQ(find_builtin("no.such.builtin"), nullptr);
  EXPECT_EQ(find_builtin(""), nullptr);
  EXPECT_EQ(find_builtin("plu"), nullptr);
}

TEST(BuiltinRegistry, FlagsFromCapabilities) {
  EXPECT_EQ(find_builtin("print")->arity, -1);
  EXPECT_EQ(find_builtin("time.now_ns")->arity, 0);
  EXPECT_TRUE(find_builtin("time.now_ns")->nondeterministic);
  EXPECT_TRUE(find_builtin("http.send")->nondeterministic);
  EXPECT_FALSE(find_builtin("count")->nondeterministic);
  EXPECT_TRUE(find_builtin("walk")->relation);
  EXPECT_TRUE(find_builtin("all")->deprecated);
  EXPECT_FALSE(find_builtin("count")->deprecated);
  EXPECT_EQ(find_builtin("internal.member_2")->infix, "in");
  EXPECT_EQ(find_builtin("equal")->infix, "==");
}

TEST(BuiltinRegistry, RequiredBuiltinsAreImplemented) {
  const char* required[] = {
      "equal", "neq", "lt", "lte", "gt", "gte", "plus", "minus", "mul", "div", "rem", "abs",
      "round", "ceil", "floor", "numbers.range", "numbers.range_step", "count", "sum",
      "product", "max", "min", "sort", "and", "or", "intersection", "union",
      "internal.member_2", "internal.member_3", "concat", "contains", "startswith",
      "endswith", "lower", "upper", "split", "substring", "trim", "trim_left", "trim_right",
      "trim_prefix", "trim_suffix", "trim_space", "replace", "indexof", "sprintf",
      "format_int", "strings.replace_n", "strings.reverse", "strings.count",
      "strings.any_prefix_match", "strings.any_suffix_match", "is_number", "is_string",
      "is_boolean", "is_array", "is_set", "is_object", "is_null", "type_name", "to_number",
      "array.concat", "array.slice", "array.reverse", "object.get", "object.keys",
      "object.remove", "object.union", "object.union_n", "object.filter", "glob.match",
      "regex.match", "net.cidr_contains", "time.parse_rfc3339_ns", "time.now_ns",
      "graph.reachable", "print"};
  for (const char* name : required) {
    const Builtin* builtin = find_builtin(name);
    ASSERT_NE(builtin, nullptr) << name;
    EXPECT_NE(builtin->function, nullptr) << name;
  }
}

TEST(BuiltinRegistry, RegistryInstanceStartsWithoutFunctions) {
  Registry registry;
  EXPECT_EQ(registry.builtins().size(), 206u);
  EXPECT_EQ(registry.find("plus")->function, nullptr);
  registry.add("not.declared", nullptr);
  ASSERT_EQ(registry.undeclared().size(), 1u);
  EXPECT_EQ(registry.undeclared()[0], "not.declared");
}

}  // namespace
}  // namespace regoc
