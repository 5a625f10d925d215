// The summary that regoc-conformance prints, checked against the known-failures list.
//
// External interface: struct CaseRecord and summarize().
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "conformance/run_case.h"
#include "conformance/test_case.h"

namespace regoc::conformance {

struct CaseRecord {
  const ConformanceCase* test = nullptr;
  CaseOutcome outcome;
};

struct Summary {
  std::string text;                   // what to print, ending in "N passed, N failed\n"
  std::set<std::string> failing;      // notes of every failed case
  bool ok = true;                     // false when the run should exit non-zero
};

/// Counts the records per category and in total. With a known-failures list, `ok` is false
/// when a case fails that the list does not name, or when a listed note now passes in every
/// case that carries it. Without a list, any failure makes `ok` false. `verbose` adds the
/// reason for every failure, known ones included.
Summary summarize(const std::vector<CaseRecord>& records,
                  const std::optional<std::set<std::string>>& known_failures, bool verbose);

}  // namespace regoc::conformance
