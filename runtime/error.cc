// Formatting of errors in OPA's one-line form.
#include "runtime/error.h"

namespace regoc {

const std::string& Location::file_name() const {
  static const std::string empty;
  return file ? *file : empty;
}

std::string Error::to_string() const {
  std::string out;
  // OPA prints "file:row" when the file is known and "row:col" otherwise.
  if (location.row > 0 && !location.file_name().empty()) {
    out += location.file_name() + ":" + std::to_string(location.row) + ": ";
  } else if (location.row > 0) {
    out += std::to_string(location.row) + ":" + std::to_string(location.col) + ": ";
  }
  out += code + ": " + message;
  return out;
}

}  // namespace regoc
