// regoc-conformance: runs OPA's YAML conformance cases against regoc and prints a summary.
//
// Usage: regoc-conformance [options] PATH...   (folders are searched for .yaml/.yml files)
// Exit status: 0 when every case passes or fails as the known-failures list expects, 1 when
// not, 2 for bad options or an unreadable known-failures list.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/engine.h"
#include "conformance/isolate.h"
#include "conformance/known_failures.h"
#include "conformance/report.h"
#include "conformance/run_case.h"
#include "conformance/test_case.h"

namespace fs = std::filesystem;
using namespace regoc::conformance;

namespace {

constexpr const char* kUsage = R"(Usage: regoc-conformance [options] PATH...

Runs OPA's YAML conformance cases (test/cases/testdata/v1 in an OPA checkout) against regoc.
Each PATH is a YAML file or a folder searched recursively for .yaml and .yml files.

Options:
  --known-failures FILE        notes of cases expected to fail; a failure not listed, or a
                               listed case that now passes, makes the run fail
  --write-known-failures FILE  write the notes of every failing case to FILE, keeping the
                               reasons that the --known-failures list gives them
  --engine interp|jit          the executor: the IR interpreter (default) or native code
  -j N                         run N cases at a time (default 1)
  --timeout SECONDS            fail a case that runs longer (default 60; 0 = no limit)
  --no-fork                    run the cases inside this process, one at a time, for a
                               debugger; a crashing case then ends the run
  -v, --verbose                print why each failing case failed
  -h, --help                   print this help
)";

struct Options {
  std::vector<std::string> paths;
  std::optional<std::string> known_failures;
  std::optional<std::string> write_known_failures;
  IsolationOptions isolation = {.jobs = 1, .timeout_seconds = 60, .in_process = false};
  bool verbose = false;
};

int usage_error(const std::string& message) {
  std::cerr << "regoc-conformance: " << message << "\n";
  return 2;
}

// Returns an empty string on success, or the error.
std::string parse_options(int argc, char** argv, Options* out, bool* help) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](std::string* into) -> std::string {
      if (i + 1 >= args.size()) return "option " + arg + " requires a value";
      *into = args[++i];
      return "";
    };
    std::string text, error;
    if (arg == "-h" || arg == "--help") {
      *help = true;
    } else if (arg == "-v" || arg == "--verbose") {
      out->verbose = true;
    } else if (arg == "--known-failures" || arg == "--write-known-failures") {
      if (error = value(&text); error.empty()) {
        (arg == "--known-failures" ? out->known_failures : out->write_known_failures) = text;
      }
    } else if (arg == "--engine") {
      if (error = value(&text); error.empty()) {
        if (text == "interp") {
          out->isolation.executor = regoc::ExecutorKind::Interpreter;
        } else if (text == "jit") {
          out->isolation.executor = regoc::ExecutorKind::Jit;
        } else {
          error = "unknown engine \"" + text + "\"; use --engine interp or --engine jit";
        }
      }
    } else if (arg == "-j" || arg == "--jobs") {
      if (error = value(&text); error.empty()) {
        const int jobs = std::atoi(text.c_str());
        if (jobs < 1) error = "-j needs a positive number of jobs, got \"" + text + "\"";
        out->isolation.jobs = static_cast<unsigned>(std::max(jobs, 1));
      }
    } else if (arg == "--timeout") {
      if (error = value(&text); error.empty()) {
        const int seconds = std::atoi(text.c_str());
        if (seconds < 0 || (seconds == 0 && text != "0")) {
          error = "--timeout needs a number of seconds, got \"" + text + "\"";
        }
        out->isolation.timeout_seconds = seconds;
      }
    } else if (arg == "--no-fork") {
      out->isolation.in_process = true;
    } else if (arg.size() > 1 && arg[0] == '-') {
      error = "unknown option " + arg;
    } else {
      out->paths.push_back(arg);
    }
    if (!error.empty()) return error;
  }
  if (!*help && out->paths.empty()) return "give at least one file or folder of cases";
  return "";
}

bool is_yaml(const fs::path& path) {
  return path.extension() == ".yaml" || path.extension() == ".yml";
}

// YAML files named by the paths, folders searched recursively, in sorted order.
std::vector<std::string> case_files(const std::vector<std::string>& paths, std::string* error) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      *error = path + ": no such file or directory";
      return {};
    }
    if (!fs::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && is_yaml(it->path())) files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  bool help = false;
  if (std::string error = parse_options(argc, argv, &options, &help); !error.empty()) {
    return usage_error(error + " (see --help)");
  }
  if (help) {
    std::cout << kUsage;
    return 0;
  }

  std::optional<std::set<std::string>> known;
  KnownFailures listed;
  std::string error;
  if (options.known_failures) {
    if (!read_known_failures(*options.known_failures, &listed, &error)) return usage_error(error);
    known = failure_notes(listed);
  }
  const std::vector<std::string> files = case_files(options.paths, &error);
  if (!error.empty()) return usage_error(error);

  std::vector<ConformanceCase> cases;
  for (const std::string& file : files) load_case_file(file, &cases);
  const std::vector<CaseOutcome> outcomes = run_cases(cases, options.isolation);
  std::vector<CaseRecord> records;
  for (size_t i = 0; i < cases.size(); ++i) records.push_back({&cases[i], outcomes[i]});

  if (options.write_known_failures) {
    const Summary written = summarize(records, std::nullopt, false);
    if (!write_known_failures(*options.write_known_failures, written.failing, listed, &error)) {
      return usage_error(error);
    }
    // The list just written describes this run exactly, so judge the run against it.
    known = written.failing;
  }
  const Summary summary = summarize(records, known, options.verbose);
  std::cout << summary.text << std::flush;
  return summary.ok ? 0 : 1;
}
