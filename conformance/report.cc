// The regoc-conformance summary (see conformance/report.h).
#include "conformance/report.h"

#include <algorithm>
#include <map>

namespace regoc::conformance {

namespace {

struct Counts {
  int passed = 0;
  int failed = 0;
  int skipped = 0;

  void add(CaseStatus status) {
    if (status == CaseStatus::Passed) ++passed;
    else if (status == CaseStatus::Failed) ++failed;
    else ++skipped;
  }
};

std::string counts_text(const Counts& counts) {
  std::string out = std::to_string(counts.passed) + " passed, " + std::to_string(counts.failed) +
                    " failed";
  if (counts.skipped > 0) out += ", " + std::to_string(counts.skipped) + " skipped";
  return out;
}

std::string category_table(const std::vector<CaseRecord>& records) {
  std::map<std::string, Counts> by_category;
  for (const CaseRecord& record : records) {
    by_category[record.test->category].add(record.outcome.status);
  }
  size_t width = 0;
  for (const auto& entry : by_category) width = std::max(width, entry.first.size());
  std::string out;
  for (const auto& [category, counts] : by_category) {
    out += category + std::string(width - category.size() + 2, ' ') + counts_text(counts) + "\n";
  }
  return out;
}

std::string failure_text(const CaseRecord& record, bool known, bool verbose) {
  std::string out = std::string(known ? "KNOWN FAILURE: " : "FAIL: ") + record.test->note +
                    " (" + record.test->file + ")\n";
  if (verbose) {
    std::string detail = record.outcome.detail;
    for (size_t at = detail.find('\n'); at != std::string::npos; at = detail.find('\n', at + 5)) {
      detail.replace(at, 1, "\n    ");
    }
    out += "    " + detail + "\n";
  }
  return out;
}

// Listed notes with at least one passing case and no failing one. Skipped cases count as
// neither.
std::vector<std::string> fixed_notes(const std::vector<CaseRecord>& records,
                                     const std::set<std::string>& known,
                                     const std::set<std::string>& failing) {
  std::set<std::string> passing;
  for (const CaseRecord& record : records) {
    if (record.outcome.status == CaseStatus::Passed) passing.insert(record.test->note);
  }
  std::vector<std::string> fixed;
  for (const std::string& note : known) {
    if (passing.count(note) > 0 && failing.count(note) == 0) fixed.push_back(note);
  }
  return fixed;
}

}  // namespace

Summary summarize(const std::vector<CaseRecord>& records,
                  const std::optional<std::set<std::string>>& known_failures, bool verbose) {
  Summary summary;
  Counts total;
  std::string failures;
  for (const CaseRecord& record : records) {
    total.add(record.outcome.status);
    if (record.outcome.status != CaseStatus::Failed) continue;
    summary.failing.insert(record.test->note);
    const bool known = known_failures && known_failures->count(record.test->note) > 0;
    if (!known) summary.ok = false;
    if (!known || verbose) failures += failure_text(record, known, verbose);
  }

  summary.text = category_table(records) + failures;
  if (known_failures) {
    for (const std::string& note : fixed_notes(records, *known_failures, summary.failing)) {
      summary.text += "PASS: " + note +
                      ": now passes, remove it from the known-failures list\n";
      summary.ok = false;
    }
  }
  summary.text += std::to_string(total.skipped) + " skipped\n";
  summary.text += std::to_string(total.passed) + " passed, " + std::to_string(total.failed) +
                  " failed\n";
  return summary;
}

}  // namespace regoc::conformance
