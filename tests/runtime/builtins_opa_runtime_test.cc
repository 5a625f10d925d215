// Tests of opa.runtime() (empty by default, `opa eval`'s runtime information when set) and
// trace(note).
#include <gtest/gtest.h>

#include <cstdlib>

#include "runtime/builtins/opa_runtime.h"
#include "tests/runtime/builtin_test_support.h"

namespace regoc {
namespace {

using testing_support::run;
using testing_support::s;

TEST(OpaRuntime, EmptyWithoutRuntimeInfo) { EXPECT_EQ(run("opa.runtime", {}), "{}"); }

TEST(OpaRuntime, EvalRuntimeInfo) {
  setenv("REGOC_RUNTIME_TEST", "a=b", 1);
  Value info = eval_runtime_info();
  const Value* env = info.find("env");
  ASSERT_NE(env, nullptr);
  ASSERT_NE(env->find("REGOC_RUNTIME_TEST"), nullptr);
  EXPECT_EQ(env->find("REGOC_RUNTIME_TEST")->as_string(), "a=b");
  EXPECT_EQ(info.find("version")->as_string(), "1.20.2");
  EXPECT_EQ(info.find("commit")->as_string(), "");
  EXPECT_FALSE(info.find("authorization_enabled")->as_bool());
  EXPECT_FALSE(info.find("skip_known_schema_check")->as_bool());

  set_opa_runtime_info(info);
  std::string result = run("opa.runtime", {});
  set_opa_runtime_info(Value::object());
  EXPECT_NE(result.find(R"("REGOC_RUNTIME_TEST": "a=b")"), std::string::npos) << result;
}

TEST(Trace, ReturnsTrue) {
  EXPECT_EQ(run("trace", {s("note")}), "true");
  EXPECT_EQ(run("trace", {Value::integer(1)}),
            "eval_type_error: trace: operand 1 must be string but got number");
}

}  // namespace
}  // namespace regoc
