// The known-failures list: notes of conformance cases that regoc is expected to fail, each with
// the reason.
//
// External interface: read_known_failures() and write_known_failures(). The file has one note
// per line. A line "# reason: TEXT" gives the reason of the notes after it, up to the next blank
// line; other lines starting with '#' are comments. A note that several cases share covers all of
// them.
#pragma once

#include <map>
#include <set>
#include <string>

namespace regoc::conformance {

/// Note of a failing case → why it fails ("" when the file gives no reason).
using KnownFailures = std::map<std::string, std::string>;

/// Reads the list; returns false and sets *error when the file cannot be read.
bool read_known_failures(const std::string& path, KnownFailures* failures, std::string* error);

/// Notes of the list.
std::set<std::string> failure_notes(const KnownFailures& failures);

/// Writes the failing notes, grouped by reason under a comment with the command that regenerates
/// the list. A note keeps the reason `previous` gives it; a new note gets none. Returns false and
/// sets *error when the file cannot be written.
bool write_known_failures(const std::string& path, const std::set<std::string>& failing,
                          const KnownFailures& previous, std::string* error);

}  // namespace regoc::conformance
