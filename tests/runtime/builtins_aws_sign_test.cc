// Tests for providers.aws.sign_req: AWS Signature Version 4 headers, URL handling and OPA's
// error messages. The expected signatures come from OPA's conformance cases, or from a
// separate Python implementation of the SigV4 steps for the other requests.
#include <gtest/gtest.h>

#include "tests/runtime/builtin_test_support.h"

namespace regoc {
namespace {

using testing_support::j;
using testing_support::run;

constexpr const char* kConfig = R"({"aws_access_key": "MYAWSACCESSKEYGOESHERE",
    "aws_secret_access_key": "MYAWSSECRETACCESSKEYGOESHERE", "aws_service": "s3",
    "aws_region": "us-east-1"})";
constexpr int64_t kTime = 1451311705000000000;  // 2015-12-28T14:08:25Z

std::string sign(std::string_view request, std::string_view config = kConfig,
                 Value time = Value::integer(kTime)) {
  return run("providers.aws.sign_req", {j(request), j(config), time});
}

TEST(AwsSignReq, GetWithoutBody) {
  EXPECT_EQ(sign(R"({"method": "get", "url": "http://example.com"})"),
            R"({"headers": {"Authorization": "AWS4-HMAC-SHA256 )"
            R"(Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,)"
            R"(SignedHeaders=host;x-amz-content-sha256;x-amz-date,)"
            R"(Signature=0047a7016c81e5c7f29cd522f97e911e04fc472fced0aee7916cbc287ad6c8e3", )"
            R"("host": "example.com", "x-amz-content-sha256": )"
            R"("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", )"
            R"("x-amz-date": "20151228T140825Z"}, "method": "get", "url": "http://example.com"})");
}

TEST(AwsSignReq, PathQueryPortAndUnsignedHeaders) {
  // execute-api gets no x-amz-content-sha256 header, and User-Agent stays out of the signature
  // but in the returned headers.
  constexpr const char* kOtherConfig = R"({"aws_access_key": "AKID",
      "aws_secret_access_key": "SECRET", "aws_service": "execute-api",
      "aws_region": "us-west-2"})";
  EXPECT_EQ(sign(R"({"method": "POST", "url": "https://example.com:8443/a%20b/c?x=1&y=2",
                     "raw_body": "hello", "headers": {"User-Agent": "test", "X-Custom": "v"}})",
                 kOtherConfig),
            R"({"headers": {"Authorization": "AWS4-HMAC-SHA256 )"
            R"(Credential=AKID/20151228/us-west-2/execute-api/aws4_request,)"
            R"(SignedHeaders=host;x-amz-date;x-custom,)"
            R"(Signature=3896f436fd604590774332dfbb12da44ec84e7c342b48f7c51961690bd31988d", )"
            R"("User-Agent": "test", "X-Custom": "v", "host": "example.com:8443", )"
            R"("x-amz-date": "20151228T140825Z"}, "method": "POST", "raw_body": "hello", )"
            R"("url": "https://example.com:8443/a%20b/c?x=1&y=2"})");
}

TEST(AwsSignReq, MissingAndInvalidConfig) {
  EXPECT_EQ(sign(R"({"method": "get", "url": "http://example.com"})",
                 R"({"aws_access_key": "a", "aws_secret_access_key": "b"})"),
            "eval_type_error: providers.aws.sign_req: operand 2 missing required AWS config "
            R"(parameters(s): {"aws_region", "aws_service"})");
  EXPECT_EQ(sign(R"({"method": "get", "url": "http://example.com"})",
                 R"({"aws_access_key": 1, "aws_secret_access_key": "b", "aws_service": "s3",
                     "aws_region": true})"),
            "eval_type_error: providers.aws.sign_req: operand 2 invalid values for required AWS "
            R"(config parameters(s): {"aws_access_key", "aws_region"})");
  EXPECT_EQ(sign(R"({"method": "get", "url": "http://example.com"})",
                 R"({"aws_access_key": "a", "aws_secret_access_key": "b", "aws_service": "s3",
                     "aws_region": "r", "disable_payload_signing": "yes"})"),
            "eval_type_error: providers.aws.sign_req: operand 2 invalid value for "
            "'disable_payload_signing' in AWS config");
}

TEST(AwsSignReq, InvalidRequests) {
  EXPECT_EQ(sign(R"({"method": "get"})"),
            "eval_type_error: providers.aws.sign_req: operand 1 missing required request "
            R"(parameters(s): {"url"})");
  EXPECT_EQ(sign(R"({"method": "get", "url": "http://x", "bogus": 1})"),
            "eval_type_error: providers.aws.sign_req: operand 1 invalid request parameters(s): "
            R"({"bogus"})");
  EXPECT_EQ(sign(R"({"method": 1, "url": 2})"),
            "eval_type_error: providers.aws.sign_req: operand 1 invalid values for required "
            R"(request parameters(s): {"method", "url"})");
  EXPECT_EQ(sign(R"({"method": "get", "url": "http://x", "headers": "h"})"),
            "eval_type_error: providers.aws.sign_req: operand 0 must be object but got string");
  EXPECT_EQ(sign(R"({"method": "get", "url": "http://x/%zz"})"),
            "eval_builtin_error: providers.aws.sign_req: parse \"http://x/%zz\": invalid URL "
            "escape \"%zz\"");
  EXPECT_EQ(sign(R"({"method": "get", "url": "http://x:port/"})"),
            "eval_builtin_error: providers.aws.sign_req: parse \"http://x:port/\": invalid port "
            "\":port\" after host");
}

TEST(AwsSignReq, OperandTypes) {
  EXPECT_EQ(run("providers.aws.sign_req", {j("1"), j(kConfig), Value::integer(kTime)}),
            "eval_type_error: providers.aws.sign_req: operand 1 must be object but got number");
  EXPECT_EQ(sign(R"({"method": "get", "url": "http://x"})", kConfig, j("1.5")),
            "eval_type_error: providers.aws.sign_req: operand 3 could not convert time_ns value "
            "into a unix timestamp");
  EXPECT_EQ(sign(R"({"method": "get", "url": "http://x"})", kConfig, j(R"("now")")),
            "eval_type_error: providers.aws.sign_req: operand 1 must be number but got string");
}

TEST(AwsSignReq, SessionToken) {
  std::string signed_request =
      sign(R"({"method": "get", "url": "http://example.com"})",
           R"({"aws_access_key": "MYAWSACCESSKEYGOESHERE",
               "aws_secret_access_key": "MYAWSSECRETACCESSKEYGOESHERE",
               "aws_session_token": "MYAWSSECURITYTOKENGOESHERE", "aws_service": "s3",
               "aws_region": "us-east-1"})");
  EXPECT_NE(signed_request.find("SignedHeaders=host;x-amz-content-sha256;x-amz-date;"
                                "x-amz-security-token,Signature=23c31bda8a74630c0a94f6b82a3511e7"
                                "e74728df98e6f54ed0840488dbbdc8d1"),
            std::string::npos)
      << signed_request;
  EXPECT_NE(signed_request.find(R"("x-amz-security-token": "MYAWSSECURITYTOKENGOESHERE")"),
            std::string::npos);
}

TEST(AwsSignReq, UnsignedPayload) {
  std::string signed_request =
      sign(R"({"method": "get", "url": "https://example.com", "headers": {"foo": "bar"}})",
           R"({"aws_access_key": "MYAWSACCESSKEYGOESHERE",
               "aws_secret_access_key": "MYAWSSECRETACCESSKEYGOESHERE", "aws_service": "s3",
               "aws_region": "us-east-1", "disable_payload_signing": true})");
  EXPECT_NE(signed_request.find("Signature=c6e6db654e92172f71e18c714c123711de069ac6fd7df1348e5b"
                                "28fd05532028"),
            std::string::npos)
      << signed_request;
  EXPECT_NE(signed_request.find(R"("x-amz-content-sha256": "UNSIGNED-PAYLOAD")"),
            std::string::npos);
}

}  // namespace
}  // namespace regoc
