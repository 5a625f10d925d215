// Box-drawn text tables (see cli/table.h). The frame uses the light box-drawing characters
// (┌ ─ ┬ ┐ │ ├ ┼ ┤ └ ┴ ┘) that OPA 1.x prints, as its presentation tests expect.
#include "cli/table.h"

#include <algorithm>
#include <cstddef>

namespace regoc::cli {

namespace {

// NOTE: wide characters (CJK, emoji) count as one column, so rows containing them will not line
// up the way a terminal shows them.
size_t display_width(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;  // count lead bytes, skip continuation bytes
  }
  return width;
}

std::string repeat(const std::string& piece, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += piece;
  return out;
}

// One frame line, such as "┌───┬───┐", for columns of the given inner widths.
std::string rule(const std::vector<size_t>& widths, const char* left, const char* middle,
                 const char* right) {
  std::string out = left;
  for (size_t i = 0; i < widths.size(); ++i) {
    if (i > 0) out += middle;
    out += repeat("─", widths[i] + 2);
  }
  return out + right + "\n";
}

std::string row_line(const std::vector<std::string>& cells, const std::vector<size_t>& widths,
                     bool centered) {
  std::string out = "│";
  for (size_t i = 0; i < widths.size(); ++i) {
    const std::string& cell = i < cells.size() ? cells[i] : std::string();
    const size_t gap = widths[i] - display_width(cell);
    const size_t left = centered ? gap / 2 : 0;
    out += " " + std::string(left, ' ') + cell + std::string(gap - left, ' ') + " │";
  }
  return out + "\n";
}

}  // namespace

std::string render_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(header.size(), 0);
  for (size_t i = 0; i < header.size(); ++i) {
    widths[i] = display_width(header[i]);
    for (const auto& row : rows) {
      if (i < row.size()) widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }

  std::string out = rule(widths, "┌", "┬", "┐");
  out += row_line(header, widths, /*centered=*/true);
  out += rule(widths, "├", "┼", "┤");
  for (const auto& row : rows) out += row_line(row, widths, /*centered=*/false);
  out += rule(widths, "└", "┴", "┘");
  return out;
}

}  // namespace regoc::cli
