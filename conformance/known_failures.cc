// Reading and writing of the known-failures list (see conformance/known_failures.h).
#include "conformance/known_failures.h"

#include <fstream>

namespace regoc::conformance {

namespace {

constexpr const char* kReasonPrefix = "# reason:";

std::string trim(const std::string& line) {
  const size_t begin = line.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  const size_t end = line.find_last_not_of(" \t\r");
  return line.substr(begin, end - begin + 1);
}

}  // namespace

bool read_known_failures(const std::string& path, KnownFailures* failures, std::string* error) {
  std::ifstream stream(path);
  if (!stream) {
    *error = path + ": cannot open the known-failures list";
    return false;
  }
  std::string line;
  std::string reason;
  while (std::getline(stream, line)) {
    const std::string text = trim(line);
    if (text.empty()) {
      reason.clear();
    } else if (text.rfind(kReasonPrefix, 0) == 0) {
      reason = trim(text.substr(std::string(kReasonPrefix).size()));
    } else if (text[0] != '#') {
      (*failures)[text] = reason;
    }
  }
  return true;
}

std::set<std::string> failure_notes(const KnownFailures& failures) {
  std::set<std::string> notes;
  for (const auto& [note, reason] : failures) notes.insert(note);
  return notes;
}

bool write_known_failures(const std::string& path, const std::set<std::string>& failing,
                          const KnownFailures& previous, std::string* error) {
  std::map<std::string, std::set<std::string>> by_reason;
  for (const std::string& note : failing) {
    const auto found = previous.find(note);
    by_reason[found == previous.end() ? "" : found->second].insert(note);
  }
  std::ofstream stream(path, std::ios::trunc);
  if (!stream) {
    *error = path + ": cannot open the known-failures list for writing";
    return false;
  }
  stream << "# Notes of the OPA conformance cases that regoc fails today, one per line, grouped\n"
         << "# under the reason they fail. Regenerate with:\n"
         << "#   regoc-conformance --known-failures <this file> --write-known-failures <this file>"
            " <cases>\n";
  for (const auto& [reason, notes] : by_reason) {
    stream << "\n";
    if (!reason.empty()) stream << kReasonPrefix << " " << reason << "\n";
    for (const std::string& note : notes) stream << note << "\n";
  }
  stream.flush();
  if (!stream) {
    *error = path + ": writing the known-failures list failed";
    return false;
  }
  return true;
}

}  // namespace regoc::conformance
