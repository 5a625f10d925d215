// One PreparedQuery evaluated from 8 threads at once, on both executors: every thread must
// get the verdict of its own input. The policy, data, inputs and expected verdicts are those
// of examples/ (the service-mesh authorization example).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "api/engine.h"
#include "runtime/json.h"

namespace regoc {
namespace {

namespace fs = std::filesystem;

const fs::path kExamples = fs::path(REGOC_SOURCE_DIR) / "examples";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Sample {
  std::string name;
  std::string input_json;
  Value input;
  Value expected;
};

std::vector<Sample> load_samples() {
  std::vector<Sample> samples;
  for (const auto& entry : fs::directory_iterator(kExamples / "cases")) {
    Sample sample;
    sample.name = entry.path().filename().string();
    sample.input_json = read_file(entry.path() / "input.json");
    std::string error;
    EXPECT_TRUE(parse_json(sample.input_json, &sample.input, &error)) << error;
    std::string expected = read_file(entry.path() / "expected.json");
    EXPECT_TRUE(parse_json(expected, &sample.expected, &error)) << error;
    samples.push_back(std::move(sample));
  }
  std::sort(samples.begin(), samples.end(),
            [](const Sample& a, const Sample& b) { return a.name < b.name; });
  return samples;
}

// The verdict of one evaluation, or a description of what went wrong.
std::string verdict(const EvalOutcome& outcome) {
  if (!outcome.errors.empty()) return "error: " + outcome.errors[0].to_string();
  if (outcome.results.size() != 1) {
    return "expected one result, got " + std::to_string(outcome.results.size());
  }
  const auto& expressions = outcome.results[0].expressions;
  if (expressions.size() != 1) return "expected one expression";
  return to_json(expressions[0].value);
}

class PreparedQueryThreads : public testing::TestWithParam<ExecutorKind> {};

TEST_P(PreparedQueryThreads, EightThreadsGetTheirOwnVerdicts) {
  std::vector<Sample> samples = load_samples();
  ASSERT_GE(samples.size(), 8u) << "examples/cases needs at least 8 cases";
  samples.resize(8);

  Engine engine;
  ASSERT_TRUE(engine.add_module("policy.rego", read_file(kExamples / "policy.rego")).empty());
  ASSERT_TRUE(engine.set_data_json(read_file(kExamples / "data.json")).empty());
  PreparedQuery prepared;
  Errors errors = engine.prepare("data.servicemesh.authz.verdict", &prepared, GetParam());
  ASSERT_TRUE(errors.empty()) << errors[0].to_string();
  ASSERT_EQ(prepared.executor(), GetParam());

  // Thread t starts at input t and walks through all of them, so that at any moment the
  // threads evaluate different inputs. Odd rounds pass JSON text, even rounds a Value.
  constexpr int kRounds = 40;
  std::vector<std::vector<std::string>> failures(samples.size());
  std::vector<int> evaluations(samples.size(), 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < samples.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        const Sample& sample = samples[(t + round) % samples.size()];
        EvalOutcome outcome = round % 2 == 1 ? prepared.eval_json(sample.input_json)
                                             : prepared.eval(sample.input);
        std::string got = verdict(outcome);
        std::string want = to_json(sample.expected);
        if (got != want) {
          failures[t].push_back(sample.name + " round " + std::to_string(round) + ": got " +
                                got + ", expected " + want);
        }
        ++evaluations[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();

  for (size_t t = 0; t < samples.size(); ++t) {
    EXPECT_EQ(evaluations[t], kRounds) << "thread " << t;
    EXPECT_TRUE(failures[t].empty()) << "thread " << t << ": " << failures[t].size()
                                     << " wrong verdicts, first: " << failures[t][0];
  }
}

INSTANTIATE_TEST_SUITE_P(Executors, PreparedQueryThreads,
                         testing::Values(ExecutorKind::Interpreter, ExecutorKind::Jit),
                         [](const auto& info) { return std::string(executor_kind_name(info.param)); });

TEST(EngineJson, InvalidInputIsAnError) {
  Engine engine;
  ASSERT_TRUE(engine.add_module("m.rego", "package t\np := input.x\n").empty());
  PreparedQuery prepared;
  ASSERT_TRUE(engine.prepare("data.t.p", &prepared).empty());

  EvalOutcome outcome = prepared.eval_json(R"({"x": )");
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_EQ(outcome.errors[0].code, kInvalidJsonCode);
  EXPECT_NE(outcome.errors[0].message.find("input: invalid JSON at line 1"), std::string::npos)
      << outcome.errors[0].message;
  EXPECT_TRUE(outcome.results.empty());

  outcome = prepared.eval_json(R"({"x": 1.50})");
  ASSERT_TRUE(outcome.errors.empty());
  ASSERT_EQ(outcome.results.size(), 1u);
  EXPECT_EQ(to_json(outcome.results[0].expressions[0].value), "1.50");
}

TEST(EngineJson, DataMustBeAnObject) {
  Engine engine;
  ASSERT_TRUE(engine.add_module("m.rego", "package t\np := data.d\n").empty());
  ASSERT_TRUE(engine.set_data_json(R"({"d": "kept"})").empty());

  Errors errors = engine.set_data_json("[1]");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, kInvalidJsonCode);
  EXPECT_EQ(errors[0].message, "data must be a JSON object, not array");
  errors = engine.set_data_json("{");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, kInvalidJsonCode);

  PreparedQuery prepared;
  ASSERT_TRUE(engine.prepare("data.t.p", &prepared).empty());
  EvalOutcome outcome = prepared.eval(Value::undefined());
  ASSERT_EQ(outcome.results.size(), 1u);
  EXPECT_EQ(to_json(outcome.results[0].expressions[0].value), R"("kept")");
}

TEST(EngineJson, ExecutorNames) {
  EXPECT_EQ(parse_executor_kind("interp"), ExecutorKind::Interpreter);
  EXPECT_EQ(parse_executor_kind("jit"), ExecutorKind::Jit);
  EXPECT_EQ(parse_executor_kind("llvm"), std::nullopt);
  EXPECT_EQ(executor_kind_name(ExecutorKind::Interpreter), "interp");
  EXPECT_EQ(executor_kind_name(ExecutorKind::Jit), "jit");
}

}  // namespace
}  // namespace regoc
