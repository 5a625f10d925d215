// Tests of the C API (include/regoc/regoc.h) through libregoc.so: results and error JSON,
// status codes, NULL arguments, and concurrent evaluations of one prepared query.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>

#include "regoc/regoc.h"
#include "tests/api/c_api_test_support.h"

namespace {

using regoc_test::CString;
using regoc_test::EnginePtr;
using regoc_test::PreparedPtr;

EnginePtr make_engine(const char* module) {
  EnginePtr engine(regoc_engine_new(), regoc_engine_free);
  CString error;
  EXPECT_EQ(regoc_engine_add_module(engine.get(), "m.rego", module, &error.text), REGOC_OK)
      << error.str();
  return engine;
}

PreparedPtr prepare(const regoc_engine* engine, const char* query,
                    regoc_executor executor = REGOC_EXECUTOR_INTERPRETER) {
  regoc_prepared* prepared = nullptr;
  CString error;
  EXPECT_EQ(regoc_engine_prepare(engine, query, executor, &prepared, &error.text), REGOC_OK)
      << error.str();
  return PreparedPtr(prepared, regoc_prepared_free);
}

regoc_status eval(const regoc_prepared* prepared, const std::string& input, CString* result,
                  CString* error) {
  return regoc_eval(prepared, input.data(), input.size(), nullptr, &result->text, &error->text);
}

TEST(CApi, EvaluatesToOpaResultShape) {
  EnginePtr engine = make_engine("package t\nallow if input.user == data.admin\n");
  std::string data = R"({"admin": "alice"})";
  CString error;
  ASSERT_EQ(regoc_engine_set_data(engine.get(), data.data(), data.size(), &error.text), REGOC_OK)
      << error.str();
  EXPECT_EQ(error.text, nullptr);
  PreparedPtr prepared = prepare(engine.get(), "data.t.allow");
  engine.reset();  // the prepared query does not need its engine

  CString result;
  ASSERT_EQ(eval(prepared.get(), R"({"user": "alice"})", &result, &error), REGOC_OK)
      << error.str();
  EXPECT_EQ(result.str(),
            R"({"result":[{"expressions":[{"value":true,"text":"data.t.allow",)"
            R"("location":{"row":1,"col":1}}]}]})");

  CString undefined;
  ASSERT_EQ(eval(prepared.get(), R"({"user": "bob"})", &undefined, &error), REGOC_OK);
  EXPECT_EQ(undefined.str(), "{}");
}

TEST(CApi, BindingsAndNoInput) {
  EnginePtr engine = make_engine("package t\nxs := [1.0, 2]\n");
  PreparedPtr prepared = prepare(engine.get(), "x := data.t.xs[i]");
  CString result;
  CString error;
  ASSERT_EQ(regoc_eval(prepared.get(), nullptr, 0, nullptr, &result.text, &error.text),
            REGOC_OK)
      << error.str();
  EXPECT_EQ(result.str(),
            R"({"result":[{"expressions":[{"value":true,"text":"x := data.t.xs[i]",)"
            R"("location":{"row":1,"col":1}}],"bindings":{"i":0,"x":1.0}},)"
            R"({"expressions":[{"value":true,"text":"x := data.t.xs[i]",)"
            R"("location":{"row":1,"col":1}}],"bindings":{"i":1,"x":2}}]})");
}

TEST(CApi, ErrorsHaveStatusAndJson) {
  regoc_engine* engine = regoc_engine_new();
  CString parse_error;
  EXPECT_EQ(regoc_engine_add_module(engine, "bad.rego", "package t\np := ", &parse_error.text),
            REGOC_PARSE_ERROR);
  EXPECT_NE(parse_error.str().find(R"("code":"rego_parse_error")"), std::string::npos)
      << parse_error.str();
  EXPECT_NE(parse_error.str().find(R"("file":"bad.rego")"), std::string::npos)
      << parse_error.str();

  CString data_error;
  EXPECT_EQ(regoc_engine_set_data(engine, "[]", 2, &data_error.text), REGOC_INVALID_JSON);
  EXPECT_EQ(data_error.str(),
            R"({"errors":[{"message":"data must be a JSON object, not array",)"
            R"("code":"invalid_json"}]})");

  ASSERT_EQ(regoc_engine_add_module(engine, "m.rego", "package t\np := 1\np := 2\n", nullptr),
            REGOC_OK);
  regoc_prepared* prepared = nullptr;
  CString compile_error;
  EXPECT_EQ(regoc_engine_prepare(engine, "data.t.q[", REGOC_EXECUTOR_INTERPRETER, &prepared,
                                 &compile_error.text),
            REGOC_PARSE_ERROR)
      << compile_error.str();
  EXPECT_EQ(prepared, nullptr);
  CString unsafe;
  EXPECT_EQ(regoc_engine_prepare(engine, "x == 1", REGOC_EXECUTOR_INTERPRETER, &prepared,
                                 &unsafe.text),
            REGOC_COMPILE_ERROR)
      << unsafe.str();
  EXPECT_NE(unsafe.str().find("rego_unsafe_var_error"), std::string::npos) << unsafe.str();

  PreparedPtr conflict = prepare(engine, "data.t.p");
  regoc_engine_free(engine);
  CString result;
  CString eval_error;
  EXPECT_EQ(eval(conflict.get(), "{}", &result, &eval_error), REGOC_EVAL_ERROR);
  EXPECT_EQ(result.text, nullptr);
  EXPECT_NE(eval_error.str().find("eval_conflict_error"), std::string::npos) << eval_error.str();

  CString input_error;
  EXPECT_EQ(eval(conflict.get(), "{\"a\":", &result, &input_error), REGOC_INVALID_JSON);
  EXPECT_NE(input_error.str().find("input: invalid JSON at line 1"), std::string::npos)
      << input_error.str();
}

TEST(CApi, StrictBuiltinErrorsOption) {
  EnginePtr engine = make_engine("package t\nn := to_number(input.s)\n");
  PreparedPtr prepared = prepare(engine.get(), "data.t.n");
  std::string input = R"({"s": "not a number"})";
  CString result;
  CString error;
  ASSERT_EQ(regoc_eval(prepared.get(), input.data(), input.size(), nullptr, &result.text,
                       &error.text),
            REGOC_OK);
  EXPECT_EQ(result.str(), "{}");

  regoc_eval_options strict = {1, 0};
  CString strict_result;
  EXPECT_EQ(regoc_eval(prepared.get(), input.data(), input.size(), &strict, &strict_result.text,
                       &error.text),
            REGOC_EVAL_ERROR);
  EXPECT_NE(error.str().find("eval_builtin_error"), std::string::npos) << error.str();
}

TEST(CApi, NullArgumentsAreRejected) {
  CString error;
  EXPECT_EQ(regoc_engine_add_module(nullptr, "m.rego", "package t", &error.text),
            REGOC_INVALID_ARGUMENT);
  EXPECT_EQ(error.str(), R"({"errors":[{"message":"engine must not be NULL"}]})");
  EnginePtr engine(regoc_engine_new(), regoc_engine_free);
  EXPECT_EQ(regoc_engine_add_module(engine.get(), "m.rego", nullptr, nullptr),
            REGOC_INVALID_ARGUMENT);
  EXPECT_EQ(regoc_engine_set_data(engine.get(), nullptr, 0, nullptr), REGOC_INVALID_ARGUMENT);
  EXPECT_EQ(regoc_engine_prepare(engine.get(), "true", REGOC_EXECUTOR_INTERPRETER, nullptr,
                                 nullptr),
            REGOC_INVALID_ARGUMENT);
  regoc_prepared* prepared = nullptr;
  EXPECT_EQ(regoc_engine_prepare(engine.get(), "true", static_cast<regoc_executor>(7), &prepared,
                                 nullptr),
            REGOC_INVALID_ARGUMENT);
  char* result = nullptr;
  EXPECT_EQ(regoc_eval(nullptr, "{}", 2, nullptr, &result, nullptr), REGOC_INVALID_ARGUMENT);
  regoc_engine_free(nullptr);
  regoc_prepared_free(nullptr);
  regoc_free(nullptr);
  EXPECT_STREQ(regoc_status_name(REGOC_EXECUTOR_UNAVAILABLE), "REGOC_EXECUTOR_UNAVAILABLE");
}

// Eight threads share one prepared query on each executor, and each checks its own results.
TEST(CApi, ConcurrentEvaluations) {
  EnginePtr engine = make_engine("package t\ndouble := input.n * 2\n");
  for (regoc_executor executor : {REGOC_EXECUTOR_INTERPRETER, REGOC_EXECUTOR_JIT}) {
    PreparedPtr prepared = prepare(engine.get(), "data.t.double", executor);
    ASSERT_NE(prepared, nullptr);
    std::vector<int> wrong(8, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 100; ++i) {
          int n = t * 1000 + i;
          CString result;
          CString error;
          std::string input = "{\"n\":" + std::to_string(n) + "}";
          std::string want = R"({"result":[{"expressions":[{"value":)" +
                             std::to_string(2 * n) +
                             R"(,"text":"data.t.double","location":{"row":1,"col":1}}]}]})";
          if (eval(prepared.get(), input, &result, &error) != REGOC_OK || result.str() != want) {
            ++wrong[t];
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
    for (int t = 0; t < 8; ++t) EXPECT_EQ(wrong[t], 0) << "executor " << executor << " thread " << t;
  }
}

}  // namespace
