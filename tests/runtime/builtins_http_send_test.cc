// Tests of http.send against a server on 127.0.0.1 that the test starts (http_test_server.h):
// methods and bodies, response decoding, headers, status codes, timeouts, raise_error, the
// per-query and shared caches, and the checks of the request object.
#include <gtest/gtest.h>

#include "runtime/builtins/builtin.h"
#include "runtime/builtins/term_text.h"
#include "runtime/json.h"
#include "tests/runtime/builtin_test_support.h"
#include "tests/runtime/http_test_server.h"

namespace regoc {
namespace {

using testing_support::HttpTestServer;
using testing_support::j;

class HttpSend : public ::testing::Test {
 protected:
  // Sends `request` (JSON text with $URL replaced by the server's URL of `path`) in `context`.
  std::string send(const std::string& request_json, const std::string& path = "/json") {
    return send_in(context_, request_json, path);
  }

  std::string send_in(BuiltinContext& context, std::string request_json,
                      const std::string& path = "/json") {
    size_t at = request_json.find("$URL");
    if (at != std::string::npos) request_json.replace(at, 4, server_.url(path));
    const Builtin* builtin = find_builtin("http.send");
    if (builtin == nullptr || builtin->function == nullptr) return "missing builtin";
    std::vector<Value> args = {j(request_json)};
    last_ = Value();
    switch (builtin->function(context, args, last_)) {
      case BuiltinStatus::Ok:
        return "ok";
      case BuiltinStatus::Undefined:
        return "undefined";
      case BuiltinStatus::Error:
        return context.error.code + ": " + context.error.message;
    }
    return "invalid status";
  }

  // A member of the last result, in Rego syntax.
  std::string field(std::string_view name) const {
    const Value* value = last_.find(name);
    return value == nullptr ? "<missing>" : term_string(*value);
  }

  HttpTestServer server_;
  BuiltinContext context_;
  Value last_;
};

TEST_F(HttpSend, GetDecodesJson) {
  ASSERT_EQ(send(R"({"method": "get", "url": "$URL"})"), "ok");
  EXPECT_EQ(field("status"), R"("200 OK")");
  EXPECT_EQ(field("status_code"), "200");
  EXPECT_EQ(field("body"), R"({"a": 1})");
  EXPECT_EQ(field("raw_body"), R"("{\"a\": 1}")");
  EXPECT_EQ(term_string(*last_.find("headers")->find("content-type")),
            R"(["application/json"])");
}

TEST_F(HttpSend, PostSendsJsonBody) {
  ASSERT_EQ(send(R"({"method": "POST", "url": "$URL", "body": {"x": [1, 2]}})", "/echo"), "ok");
  const Value* body = last_.find("body");
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(term_string(*body->find("method")), R"("POST")");
  EXPECT_EQ(term_string(*body->find("body")), R"("{\"x\":[1,2]}")");
  // Go's client sends no Content-Type or Accept of its own.
  EXPECT_EQ(body->find("headers")->find("content-type"), nullptr);
  EXPECT_EQ(body->find("headers")->find("accept"), nullptr);
}

TEST_F(HttpSend, RawBodyAndHeaders) {
  ASSERT_EQ(send(R"({"method": "PUT", "url": "$URL", "raw_body": "plain",
                     "headers": {"x-custom": "v", "content-type": "text/plain"}})",
                 "/echo"),
            "ok");
  const Value* body = last_.find("body");
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(term_string(*body->find("method")), R"("PUT")");
  EXPECT_EQ(term_string(*body->find("body")), R"("plain")");
  EXPECT_EQ(term_string(*body->find("headers")->find("x-custom")), R"("v")");
  EXPECT_EQ(term_string(*body->find("headers")->find("content-type")), R"("text/plain")");
}

TEST_F(HttpSend, StatusCodesAreResults) {
  ASSERT_EQ(send(R"({"method": "GET", "url": "$URL"})", "/status/418"), "ok");
  EXPECT_EQ(field("status_code"), "418");
  EXPECT_EQ(field("status"), R"("418 Custom Reason")");
  EXPECT_EQ(field("body"), "null");  // not JSON
  EXPECT_EQ(field("raw_body"), R"("status")");
}

TEST_F(HttpSend, RepeatedHeadersAreArrays) {
  ASSERT_EQ(send(R"({"method": "GET", "url": "$URL"})", "/cookies"), "ok");
  EXPECT_EQ(term_string(*last_.find("headers")->find("set-cookie")), R"(["a=1", "b=2"])");
}

TEST_F(HttpSend, DecodesYamlAndForcedJson) {
  ASSERT_EQ(send(R"({"method": "GET", "url": "$URL"})", "/yaml"), "ok");
  EXPECT_EQ(field("body"), R"({"a": 1})");
  ASSERT_EQ(send(R"({"method": "GET", "url": "$URL", "force_json_decode": true})", "/count"),
            "ok");
  EXPECT_NE(field("body"), "null");
}

TEST_F(HttpSend, RedirectsOnlyWhenEnabled) {
  ASSERT_EQ(send(R"({"method": "GET", "url": "$URL"})", "/redirect"), "ok");
  EXPECT_EQ(field("status_code"), "302");
  ASSERT_EQ(send(R"({"method": "GET", "url": "$URL", "enable_redirect": true})", "/redirect"),
            "ok");
  EXPECT_EQ(field("status_code"), "200");
  EXPECT_EQ(field("body"), R"({"a": 1})");
}

TEST_F(HttpSend, TimeoutRaisesError) {
  std::string outcome = send(R"({"method": "GET", "url": "$URL", "timeout": "100ms"})", "/slow");
  EXPECT_EQ(outcome, "eval_builtin_error: http.send: Get " + server_.url("/slow") +
                         ": request timed out");
}

TEST_F(HttpSend, TimeoutWithoutRaiseIsResult) {
  ASSERT_EQ(send(R"({"method": "GET", "url": "$URL", "timeout": 100000000,
                     "raise_error": false})",
                 "/slow"),
            "ok");
  EXPECT_EQ(field("status_code"), "0");
  const Value* error = last_.find("error");
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(term_string(*error->find("code")), R"("eval_http_send_network_error")");
  EXPECT_NE(std::string(error->find("message")->as_string()).find("Client.Timeout exceeded"),
            std::string::npos);
}

TEST_F(HttpSend, ConnectionRefusedWithoutRaise) {
  // A port that was free a moment ago: bind, read the port, close.
  int port;
  {
    HttpTestServer closed;
    port = std::stoi(closed.url("").substr(17));
  }
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
  ASSERT_EQ(send(R"({"method": "GET", "url": ")" + url + R"(", "raise_error": false})"), "ok");
  const Value* error = last_.find("error");
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(term_string(*error->find("code")), R"("eval_http_send_network_error")");
  EXPECT_EQ(std::string(error->find("message")->as_string()),
            "Get \"" + url + "\": dial tcp 127.0.0.1:" + std::to_string(port) +
                ": connect: connection refused");
}

TEST_F(HttpSend, SameRequestInOneQueryIsCached) {
  ASSERT_EQ(send(R"({"method": "GET", "url": "$URL"})", "/count"), "ok");
  EXPECT_EQ(field("raw_body"), R"("1")");
  ASSERT_EQ(send(R"({"method": "GET", "url": "$URL"})", "/count"), "ok");
  EXPECT_EQ(field("raw_body"), R"("1")");
  BuiltinContext next_query;
  ASSERT_EQ(send_in(next_query, R"({"method": "GET", "url": "$URL"})", "/count"), "ok");
  EXPECT_EQ(field("raw_body"), R"("2")");
}

TEST_F(HttpSend, ForceCacheSharesAcrossQueries) {
  const char* request = R"({"method": "GET", "url": "$URL", "force_cache": true,
                            "force_cache_duration_seconds": 60})";
  BuiltinContext first, second;
  first.now_ns = second.now_ns = 1'000'000'000;
  ASSERT_EQ(send_in(first, request, "/count"), "ok");
  std::string body = field("raw_body");
  ASSERT_EQ(send_in(second, request, "/count"), "ok");
  EXPECT_EQ(field("raw_body"), body);
  EXPECT_EQ(server_.requests(), 1);
}

TEST_F(HttpSend, InvalidKeysAreTypeErrors) {
  EXPECT_EQ(send(R"({"method": "GET", "url": "$URL", "bogus": 1})"),
            R"(eval_type_error: http.send: operand 1 invalid request parameters(s): {"bogus"})");
  EXPECT_EQ(send(R"({"url": "$URL"})"),
            R"(eval_type_error: http.send: operand 1 missing required request parameters(s): {"method"})");
  EXPECT_EQ(send(R"("x")"),
            "eval_type_error: http.send: operand 1 must be object but got string");
}

TEST_F(HttpSend, InvalidKeysWithoutRaiseAreResults) {
  ASSERT_EQ(send(R"({"method": "GET", "url": "$URL", "bogus": 1, "raise_error": false})"), "ok");
  EXPECT_EQ(term_string(*last_.find("error")),
            R"({"code": "eval_http_send_internal_error", "message": "eval_type_error: http.send: operand 1 invalid request parameters(s): {\"bogus\"}"})");
}

TEST_F(HttpSend, InvalidFieldValues) {
  EXPECT_EQ(send(R"({"method": "GET", "url": 1})"),
            R"(eval_builtin_error: http.send: "url" must be a string)");
  EXPECT_EQ(send(R"({"method": "GET", "url": "$URL", "raise_error": "no"})"),
            "eval_builtin_error: http.send: invalid value for raise_error field");
  EXPECT_EQ(send(R"({"method": "GET", "url": "$URL", "timeout": "soon"})"),
            R"(eval_builtin_error: http.send: invalid timeout value "soon": time: invalid duration "soon")");
  EXPECT_EQ(send(R"({"method": "GET", "url": "$URL", "headers": {"a": 1}})"),
            R"(eval_builtin_error: http.send: invalid type for headers value "1")");
  EXPECT_EQ(send(R"({"method": "GET", "url": "ftp://127.0.0.1/"})"),
            R"(eval_builtin_error: http.send: Get "ftp://127.0.0.1/": unsupported protocol scheme "ftp")");
  EXPECT_EQ(server_.requests(), 0);
}

}  // namespace
}  // namespace regoc
