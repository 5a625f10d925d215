// OPA's YAML conformance cases (the test/cases/testdata format) and how to read them.
//
// External interface: struct ConformanceCase and load_case_file(). A file contains
// {"cases": [...]}. Each case names a query, modules, optional data and input, and what the
// evaluation must produce.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/value.h"

namespace regoc::conformance {

struct ConformanceCase {
  std::string file;      // the YAML file the case came from
  std::string category;  // name of the folder that contains the file
  std::string note;      // the case's name, unique enough to list in known-failures.txt
  std::string query;
  std::vector<std::string> modules;  // loaded as test-0.rego, test-1.rego, ...
  std::optional<Value> data;
  std::optional<Value> input;
  std::optional<std::string> input_term;  // input written as a Rego term, e.g. sets
  // Each entry is an object of variable bindings; an empty list means undefined.
  std::optional<std::vector<Value>> want_result;
  std::optional<std::string> want_error;       // a substring of the error text
  std::optional<std::string> want_error_code;  // the code of the first error
  std::optional<bool> want_defined;            // only whether some result exists
  bool sort_bindings = false;  // sort array values in the results before comparing
  bool strict_error = false;   // evaluate with strict builtin errors
  // Drop generated variables from results. regoc's results never contain them, so the flag
  // changes nothing; it is read so that its presence is not an unknown field.
  bool ignore_generated_vars = false;
  std::vector<std::pair<std::string, std::string>> env;  // environment variables to set
  // regoc's own field, not OPA's: the reason to skip the case.
  std::optional<std::string> skip;
  // Why the case could not be read (unknown field, wrong type); empty when it is valid. An
  // invalid case counts as failed.
  std::string invalid;
};

/// Reads every case of one YAML file and appends them to *out. A file that cannot be read
/// or parsed yields one invalid case named after the file, so that it is never dropped
/// without notice.
void load_case_file(const std::string& path, std::vector<ConformanceCase>* out);

}  // namespace regoc::conformance
