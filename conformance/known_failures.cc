// Reading and writing of the known-failures list (see conformance/known_failures.h).
#include "conformance/known_failures.h"

#include <fstream>

namespace regoc::conformance {

namespace {

std::string trim(const std::string& line) {
  const size_t begin = line.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  const size_t end = line.find_last_not_of(" \t\r");
  return line.substr(begin, end - begin + 1);
}

}  // namespace

bool read_known_failures(const std::string& path, std::set<std::string>* notes,
                         std::string* error) {
  std::ifstream stream(path);
  if (!stream) {
    *error = path + ": cannot open the known-failures list";
    return false;
  }
  std::string line;
  while (std::getline(stream, line)) {
    const std::string note = trim(line);
    if (!note.empty() && note[0] != '#') notes->insert(note);
  }
  return true;
}

bool write_known_failures(const std::string& path, const std::set<std::string>& notes,
                          std::string* error) {
  std::ofstream stream(path, std::ios::trunc);
  if (!stream) {
    *error = path + ": cannot open the known-failures list for writing";
    return false;
  }
  stream << "# Notes of the OPA conformance cases that regoc fails today, one per line.\n"
         << "# Regenerate with: regoc-conformance --write-known-failures <this file> <cases>\n";
  for (const std::string& note : notes) stream << note << "\n";
  stream.flush();
  if (!stream) {
    *error = path + ": writing the known-failures list failed";
    return false;
  }
  return true;
}

}  // namespace regoc::conformance
