// Tests that compile_program's time grows about linearly with the size of the program: many
// rules in one package, many packages and long dependency chains. Each
// test compares the time for a program with the time for one a fixed factor smaller, so the
// checks do not depend on the speed of the machine. A pass that compares every rule with every
// other rule makes the ratio about the square of the factor.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "compiler/compiler.h"
#include "compiler/parser.h"

namespace regoc {
namespace {

using Generator = std::function<std::vector<std::string>(int)>;

// The fastest of two compilations of the modules that `generate(size)` writes, in seconds.
// Parsing is not timed.
double compile_seconds(const Generator& generate, int size) {
  double best = 1e9;
  for (int run = 0; run < 2; ++run) {
    std::vector<std::string> sources = generate(size);
    std::vector<ast::Module> modules;
    for (size_t i = 0; i < sources.size(); ++i) {
      ast::Module module;
      Errors errors = parse_module("m" + std::to_string(i) + ".rego", sources[i], &module);
      EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].to_string());
      modules.push_back(std::move(module));
    }
    auto start = std::chrono::steady_clock::now();
    CompiledProgram program;
    Errors errors = compile_program(std::move(modules), ast::Body(), CompileOptions(), &program);
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].to_string());
    best = std::min(best, elapsed.count());
  }
  return best;
}

// Expects that compiling a program 8 times larger takes less than 32 times as long: linear
// growth gives about 8 (up to about 20 on a busy machine, as caches fill), quadratic growth
// about 64.
void expect_near_linear(const Generator& generate, int small_size) {
  constexpr int kFactor = 8;
  double small = compile_seconds(generate, small_size);
  double large = compile_seconds(generate, small_size * kFactor);
  ::testing::Test::RecordProperty("small_seconds", std::to_string(small));
  ::testing::Test::RecordProperty("large_seconds", std::to_string(large));
  EXPECT_LT(large, 4 * kFactor * std::max(small, 1e-4))
      << "size " << small_size << ": " << small << " s, size " << small_size * kFactor << ": "
      << large << " s";
}

std::vector<std::string> rules_in_one_package(int count) {
  std::string text = "package many\n\n";
  for (int i = 0; i < count; ++i) {
    text += "r" + std::to_string(i) + " if input.x == " + std::to_string(i) + "\n";
  }
  return {text};
}

std::vector<std::string> packages_that_call_each_other(int count) {
  std::vector<std::string> sources;
  for (int i = 0; i < count; ++i) {
    std::string next = std::to_string((i + 1) % count);
    sources.push_back("package p" + std::to_string(i) + "\n\nr0 if input.x == 0\n" +
                      "r1 if input.x == 1\nall if { r0; data.p" + next + ".r1 }\n");
  }
  return sources;
}

std::vector<std::string> dependency_chain(int length) {
  std::string text = "package chain\n\nr0 := 1\n";
  for (int i = 1; i < length; ++i) {
    text += "r" + std::to_string(i) + " := r" + std::to_string(i - 1) + " + 1\n";
  }
  return {text};
}

TEST(CompileScaling, RulesInOnePackage) { expect_near_linear(rules_in_one_package, 1500); }

TEST(CompileScaling, ManyPackages) { expect_near_linear(packages_that_call_each_other, 400); }

TEST(CompileScaling, DependencyChain) { expect_near_linear(dependency_chain, 1500); }

}  // namespace
}  // namespace regoc
