// The pretty and json test reports (see cli/test_report.h). The layout follows OPA's
// tester.PrettyReporter and tester.JSONReporter (OPA 1.x, before results were streamed).
#include "cli/test_report.h"

#include <openssl/evp.h>

#include <cmath>
#include <cstdio>

#include "cli/test_duration.h"
#include "cli/test_json.h"

namespace regoc::cli {

namespace {

const std::string kRule(80, '-');

const char* outcome(const TestResult& result) {
  if (result.pass()) return "PASS";
  if (result.fail) return "FAIL";
  if (result.skip) return "SKIPPED";
  return "ERROR";
}

// OPA's Result.string(false): the test's line without its cases.
std::string headline(const TestResult& result) {
  const std::string name = result.test->package + "." + result.test->name;
  if (result.skip) return name + ": " + outcome(result);
  return name + ": " + outcome(result) + " (" + format_go_duration(result.duration) + ")";
}

// Calls visit(depth, case) for each case, depth first, nested cases after their parent.
template <typename Visit>
void visit_cases(const std::vector<SubResult>& cases, int depth, const Visit& visit) {
  for (const SubResult& sub : cases) {
    visit(depth, sub);
    visit_cases(sub.children, depth + 1, visit);
  }
}

// Prefixes every line of `text` with `spaces` spaces, as OPA's indenting writer does: each
// line that is started gets the indentation, empty lines included.
std::string indented(std::string_view text, int spaces) {
  const std::string indent(spaces, ' ');
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start) out += indent;
    out += c;
    line_start = c == '\n';
  }
  return out;
}

std::string_view trim_space(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                                         c == '\v' || c == '\f'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

struct Counts {
  int pass = 0, fail = 0, skip = 0, error = 0;
  int total() const { return pass + fail + skip + error; }
};

// A parameterized test counts once per leaf case.
Counts count_results(const std::vector<TestResult>& results) {
  Counts counts;
  for (const TestResult& result : results) {
    if (result.skip) {
      ++counts.skip;
    } else if (!result.errors.empty()) {
      ++counts.error;
    } else if (!result.sub_results.empty()) {
      visit_cases(result.sub_results, 0, [&](int, const SubResult& sub) {
        if (sub.children.empty()) ++(sub.fail ? counts.fail : counts.pass);
      });
    } else {
      ++(result.fail ? counts.fail : counts.pass);
    }
  }
  return counts;
}

// OPA's FAILURES section. OPA adds its evaluation trace to each failure in verbose mode;
// NOTE: regoc records no trace, so that part is left empty.
std::string failures_section(const std::vector<TestResult>& results) {
  std::string out = "FAILURES\n" + kRule + "\n";
  for (const TestResult& result : results) {
    if (!result.fail) continue;
    out += headline(result) + "\n";
    out += "\n";  // where the trace would begin
    if (!result.sub_results.empty()) {
      out += "\n";
      // Each failed leaf case with its lineage, one level of indentation per level.
      std::vector<const SubResult*> lineage;
      auto walk = [&](const std::vector<SubResult>& cases, auto& self) -> void {
        for (const SubResult& sub : cases) {
          lineage.push_back(&sub);
          if (sub.fail && sub.children.empty()) {
            for (size_t level = 0; level < lineage.size(); ++level) {
              out += std::string(2 * (level + 1), ' ') + lineage[level]->name + ": FAIL\n";
            }
          }
          self(sub.children, self);
          lineage.pop_back();
        }
      };
      walk(result.sub_results, walk);
    }
    out += "\n";
  }
  return out + "SUMMARY\n" + kRule + "\n";
}

// Go's testing.BenchmarkResult figures use this many digits for a value of this size.
std::string go_metric(double value, const std::string& unit) {
  const double magnitude = std::fabs(value);
  const char* format = "%18.7f %s";
  if (magnitude == 0 || magnitude >= 999.95) format = "%10.0f %s";
  else if (magnitude >= 99.995) format = "%12.1f %s";
  else if (magnitude >= 9.9995) format = "%13.2f %s";
  else if (magnitude >= 0.99995) format = "%14.3f %s";
  else if (magnitude >= 0.099995) format = "%15.4f %s";
  else if (magnitude >= 0.0099995) format = "%16.5f %s";
  else if (magnitude >= 0.00099995) format = "%17.6f %s";
  char buffer[128];
  std::snprintf(buffer, sizeof(buffer), format, value, unit.c_str());
  return buffer;
}

// "BenchmarkDataPkgTestX" for data.pkg.test_x, as the Go benchmark data format requires.
std::string gobench_name(const std::string& name) {
  std::string out = "Benchmark";
  bool word_start = true;
  for (const char c : name) {
    if (c == '.' || c == '_') {
      word_start = true;
      continue;
    }
    out += word_start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    word_start = false;
  }
  return out;
}

// OPA's benchmark line: the test name and Go's BenchmarkResult text. The metric OPA adds per
// operation is the query evaluation time, which regoc measures as the whole evaluation.
std::string bench_line(const TestResult& result, const PrettyOptions& options) {
  const BenchFigures& bench = *result.bench;
  std::string name = result.test->package + "." + result.test->name;
  if (options.gobench) name = gobench_name(name);
  char iterations[32];
  std::snprintf(iterations, sizeof(iterations), "%8llu",
                static_cast<unsigned long long>(bench.iterations));
  std::string line = name + "\t" + iterations + "\t" + go_metric(bench.ns_per_op, "ns/op");
  line += "\t" + go_metric(bench.ns_per_op, "timer_rego_query_eval_ns/op");
  if (options.benchmem) {
    char memory[96];
    std::snprintf(memory, sizeof(memory), "%8lld B/op\t%8lld allocs/op",
                  static_cast<long long>(bench.bytes_per_op),
                  static_cast<long long>(bench.allocs_per_op));
    line += std::string("\t") + memory;
  }
  return line;
}

std::string listed_result(const TestResult& result, bool verbose) {
  std::string out = headline(result) + "\n";
  visit_cases(result.sub_results, 0, [&](int depth, const SubResult& sub) {
    if (!sub.fail && !verbose) return;
    out += std::string(2 + 2 * depth, ' ') + sub.name + ": " + (sub.fail ? "FAIL" : "PASS") +
           "\n";
  });
  if (!result.output.empty()) {
    out += "\n" + indented(std::string(trim_space(result.output)) + "\n", 2) + "\n";
  }
  return out;
}

JsonNode location_json(const Location& location) {
  JsonNode node = JsonNode::object();
  node.add("file", JsonNode::string(location.file_name()));
  node.add("row", JsonNode::integer(location.row));
  node.add("col", JsonNode::integer(location.col));
  return node;
}

JsonNode error_json(const Error& error) {
  JsonNode node = JsonNode::object();
  node.add("code", JsonNode::string(error.code));
  node.add("message", JsonNode::string(error.message));
  if (error.location.row > 0) node.add("location", location_json(error.location));
  return node;
}

JsonNode sub_results_json(const std::vector<SubResult>& cases) {
  JsonNode node = JsonNode::object();
  for (const SubResult& sub : cases) {
    JsonNode entry = JsonNode::object();
    if (!sub.children.empty()) entry.add("sub_results", sub_results_json(sub.children));
    if (!sub.name.empty()) entry.add("name", JsonNode::string(sub.name));
    if (sub.fail) entry.add("fail", JsonNode::boolean(true));
    node.add(sub.name, std::move(entry));
  }
  return node;
}

// Go's testing.BenchmarkResult as encoding/json writes it.
JsonNode bench_json(const TestResult& result) {
  const BenchFigures& bench = *result.bench;
  const double iterations = static_cast<double>(bench.iterations);
  JsonNode node = JsonNode::object();
  node.add("N", JsonNode::integer(static_cast<int64_t>(bench.iterations)));
  node.add("T", JsonNode::integer(static_cast<int64_t>(bench.ns_per_op * iterations)));
  node.add("Bytes", JsonNode::integer(0));
  node.add("MemAllocs", JsonNode::integer(static_cast<int64_t>(bench.allocs_per_op * iterations)));
  node.add("MemBytes", JsonNode::integer(static_cast<int64_t>(bench.bytes_per_op * iterations)));
  JsonNode extra = JsonNode::object();
  extra.add("timer_rego_query_eval_ns/op", JsonNode::number(bench.ns_per_op));
  node.add("Extra", std::move(extra));
  return node;
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(bytes.data()),
                                     static_cast<int>(bytes.size()));
  out.resize(length);
  return out;
}

// Members in the order of the fields of OPA's tester.Result.
JsonNode result_json(const TestResult& result) {
  JsonNode node = JsonNode::object();
  if (!result.errors.empty()) {
    if (result.compile_error) {
      JsonNode list = JsonNode::array();
      for (const Error& error : result.errors) list.items.push_back(error_json(error));
      node.add("error", std::move(list));
    } else {
      node.add("error", error_json(result.errors.front()));
    }
  }
  node.add("location", location_json(result.test->location));
  if (result.bench) node.add("benchmark_result", bench_json(result));
  if (!result.sub_results.empty()) node.add("sub_results", sub_results_json(result.sub_results));
  node.add("package", JsonNode::string(result.test->package));
  node.add("name", JsonNode::string(result.test->name));
  if (!result.output.empty()) node.add("output", JsonNode::string(base64(result.output)));
  node.add("duration", JsonNode::integer(result.duration.count()));
  if (result.fail) node.add("fail", JsonNode::boolean(true));
  if (result.skip) node.add("skip", JsonNode::boolean(true));
  return node;
}

}  // namespace

std::string error_text(const TestResult& result) {
  const Errors& errors = result.errors;
  if (!result.compile_error) return errors.front().to_string();
  std::string out = errors.size() == 1 ? "1 error occurred: "
                                       : std::to_string(errors.size()) + " errors occurred:\n";
  for (size_t i = 0; i < errors.size(); ++i) {
    if (i > 0) out += "\n";
    out += errors[i].to_string();
  }
  return out;
}

std::string result_text(const TestResult& result) {
  std::string out = headline(result);
  if (result.skip) return out;
  out += "\n";
  visit_cases(result.sub_results, 0, [&](int depth, const SubResult& sub) {
    out += std::string(2 + 2 * depth, ' ') + sub.name + ": " + (sub.fail ? "FAIL" : "PASS") +
           "\n";
  });
  return out;
}

std::string render_pretty(const std::vector<TestResult>& results, const PrettyOptions& options) {
  const Counts counts = count_results(results);
  std::string out;
  if (counts.fail > 0 && options.verbose) out += failures_section(results);

  bool dirty = false;
  std::string last_file;
  for (const TestResult& result : results) {
    if (result.pass() && options.bench && result.bench) {
      dirty = true;
      out += bench_line(result, options) + "\n";
    } else if (options.verbose || !result.pass()) {
      const std::string& file = result.test->location.file_name();
      if (file != last_file) {
        if (!last_file.empty()) out += "\n";
        out += file + ":\n";
        last_file = file;
      }
      dirty = true;
      out += listed_result(result, options.verbose);
    }
    if (!result.errors.empty()) out += "  " + error_text(result) + "\n";
  }

  if (dirty) out += kRule + "\n";
  const int total = counts.total();
  auto summary = [&](const char* label, int count) {
    if (count != 0) out += std::string(label) + " " + std::to_string(count) + "/" +
                           std::to_string(total) + "\n";
  };
  summary("PASS:", counts.pass);
  summary("FAIL:", counts.fail);
  summary("SKIPPED:", counts.skip);
  summary("ERROR:", counts.error);
  return out;
}

std::string render_json(const std::vector<TestResult>& results) {
  JsonNode list = JsonNode::array();
  for (const TestResult& result : results) list.items.push_back(result_json(result));
  return render_indented(list) + "\n";
}

}  // namespace regoc::cli
