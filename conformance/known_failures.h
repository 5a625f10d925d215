// The known-failures list: notes of conformance cases that regoc is expected to fail.
//
// External interface: read_known_failures() and write_known_failures(). The file contains one
// note per line; blank lines and lines starting with '#' are comments. A note that several
// cases share covers all of them.
#pragma once

#include <set>
#include <string>

namespace regoc::conformance {

/// Reads the list; returns false and sets *error when the file cannot be read.
bool read_known_failures(const std::string& path, std::set<std::string>* notes,
                         std::string* error);

/// Writes the list, sorted, under a comment with the command that regenerates it. Returns false and
/// sets *error when the file cannot be written.
bool write_known_failures(const std::string& path, const std::set<std::string>& notes,
                          std::string* error);

}  // namespace regoc::conformance
