// Box-drawn text tables, in the layout that `opa eval --format pretty` prints for bindings.
//
// External interface: render_table(). Headers are centered and cells left-aligned, with one
// space of padding on each side.
#pragma once

#include <string>
#include <vector>

namespace regoc::cli {

/// Renders a header row and body rows. Every row must have as many cells as the header.
/// Column widths count UTF-8 code points.
std::string render_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows);

}  // namespace regoc::cli
