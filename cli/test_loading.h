// Loading of policies and data for `regoc test`: the files and folders given, as
// `regoc eval -d` loads them, or as bundles with --bundle.
//
// External interface: load_test_files().
#pragma once

#include <string>
#include <vector>

#include "runtime/loader.h"

namespace regoc::cli {

/// Loads `paths` into *out. `ignore` contains glob patterns (as Go's filepath.Match reads them)
/// for the names of files and folders inside the given folders that are left out; a path
/// given on the command line is always loaded. With `bundles`, each path is a bundle folder
/// and `ignore` must be empty.
void load_test_files(const std::vector<std::string>& paths,
                     const std::vector<std::string>& ignore, bool bundles, LoadedFiles* out);

}  // namespace regoc::cli
