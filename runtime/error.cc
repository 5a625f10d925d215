// Formatting of errors in OPA's text form.
#include "runtime/error.h"

#include <algorithm>

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
  if (details) {
    // As ast.ParserErrorDetail.Lines in OPA: leading tabs are dropped from the line, and the
    // caret moves left by as many columns.
    const size_t tabs = details->line.find_first_not_of('\t');
    const size_t dropped = tabs == std::string::npos ? details->line.size() : tabs;
    const int indent = std::max(0, details->idx - static_cast<int>(dropped));
    out += "\n\t" + details->line.substr(dropped);
    out += "\n\t" + std::string(static_cast<size_t>(indent), ' ') + "^";
  }
  return out;
}

}  // namespace regoc
