// Loading of the files that `regoc test` runs (see cli/test_loading.h).
#include "cli/test_loading.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace regoc::cli {

namespace {

namespace fs = std::filesystem;

bool ignored(const fs::path& path, const std::vector<std::string>& patterns) {
  const std::string name = path.filename().string();
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
  });
}

bool is_policy_or_data(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".rego" || ext == ".json" || ext == ".yaml" || ext == ".yml";
}

// Files below `dir` in sorted order, leaving out ignored files and everything below an
// ignored folder.
std::vector<fs::path> kept_files(const fs::path& dir, const std::vector<std::string>& patterns,
                                 LoadedFiles* out) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::follow_directory_symlink, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ignored(it->path(), patterns)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && is_policy_or_data(it->path())) files.push_back(it->path());
  }
  if (ec) out->errors.push_back(dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

// Loads one file found in `root`: a module, or data placed at its folder's path.
void load_found_file(const fs::path& root, const fs::path& file, LoadedFiles* out) {
  const std::string name = file.string();
  std::string error;
  if (file.extension() == ".rego") {
    std::string text;
    if (read_file_text(name, &text, &error)) {
      out->modules.push_back({name, std::move(text)});
    } else {
      out->errors.push_back(error);
    }
    return;
  }
  std::vector<std::string> keys;
  for (const fs::path& part : file.parent_path().lexically_relative(root)) {
    if (part != ".") keys.push_back(part.string());
  }
  Value document;
  if (!read_document_file(name, &document, &error)) {
    out->errors.push_back(error);
  } else if (keys.empty() && !document.is_object()) {
    out->errors.push_back(name + ": data at the root must be an object, got " +
                          std::string(kind_name(document.kind())));
  } else if (!merge_document(&out->data, keys, document, &error)) {
    out->errors.push_back(name + ": " + error);
  }
}

}  // namespace

void load_test_files(const std::vector<std::string>& paths,
                     const std::vector<std::string>& ignore, bool bundles, LoadedFiles* out) {
  if (bundles) {
    for (const std::string& path : paths) load_bundle(path, out);
    return;
  }
  if (ignore.empty()) {
    load_data_paths(paths, out);
    return;
  }
  // As OPA, patterns apply to the entries inside the given folders, not to the paths given.
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      load_data_paths(std::vector<std::string>{path}, out);
      continue;
    }
    for (const fs::path& file : kept_files(path, ignore, out)) load_found_file(path, file, out);
  }
}

}  // namespace regoc::cli
