// Tests of parse errors through the C API (include/regoc/regoc.h): invalid UTF-8 in a module
// or a query is a REGOC_PARSE_ERROR with OPA's message and location, not an internal error.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "regoc/regoc.h"
#include "tests/api/c_api_test_support.h"

namespace {

using regoc_test::CString;
using regoc_test::EnginePtr;

TEST(CApiParseErrors, InvalidUtf8InModule) {
  EnginePtr engine(regoc_engine_new(), regoc_engine_free);
  CString error;
  regoc_status status = regoc_engine_add_module(
      engine.get(), "latin1.rego", "package x\n\nallow if {\n\tx := \"caf\xE9\"\n}\n", &error.text);
  EXPECT_EQ(status, REGOC_PARSE_ERROR) << regoc_status_name(status);
  EXPECT_EQ(error.str(),
            "{\"errors\":[{\"location\":{\"file\":\"latin1.rego\",\"row\":4,\"col\":7},"
            "\"message\":\"illegal utf-8 character\",\"code\":\"rego_parse_error\"}]}");
}

TEST(CApiParseErrors, InvalidUtf8InQuery) {
  EnginePtr engine(regoc_engine_new(), regoc_engine_free);
  regoc_prepared* prepared = nullptr;
  CString error;
  regoc_status status = regoc_engine_prepare(engine.get(), "x := \"\xFF\"",
                                             REGOC_EXECUTOR_INTERPRETER, &prepared, &error.text);
  EXPECT_EQ(status, REGOC_PARSE_ERROR) << regoc_status_name(status);
  EXPECT_EQ(prepared, nullptr);
  EXPECT_EQ(error.str(),
            "{\"errors\":[{\"location\":{\"file\":\"\",\"row\":1,\"col\":6},"
            "\"message\":\"illegal utf-8 character\",\"code\":\"rego_parse_error\"}]}");
  regoc_prepared_free(prepared);
}

}  // namespace
