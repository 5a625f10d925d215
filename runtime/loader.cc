// Loading of policies and data from files and bundle folders (see runtime/loader.h).
//
// Folders are walked in sorted path order so that modules and merge errors come out the same
// on every file system.
#include "runtime/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "runtime/json.h"

namespace regoc {

namespace fs = std::filesystem;

namespace {

enum class FileType { Rego, Json, Yaml, Other };

FileType file_type(const fs::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".rego") return FileType::Rego;
  if (ext == ".json") return FileType::Json;
  if (ext == ".yaml" || ext == ".yml") return FileType::Yaml;
  return FileType::Other;
}

// OPA accepts file:// URLs wherever it accepts a path.
std::string strip_file_url(const std::string& path) {
  constexpr std::string_view kScheme = "file://";
  if (path.rfind(kScheme, 0) == 0) return path.substr(kScheme.size());
  return path;
}

}  // namespace

bool read_file_text(const std::string& path, std::string* text, std::string* error) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    *error = path + ": no such file or directory";
    return false;
  }
  if (fs::is_directory(path, ec)) {
    *error = path + ": is a directory, expected a file";
    return false;
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    *error = path + ": cannot open file for reading";
    return false;
  }
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  *text = buffer.str();
  return true;
}

namespace {

std::string dotted(std::span<const std::string> path) {
  std::string out = "data";
  for (const std::string& key : path) out += "." + key;
  return out;
}

// Folder names from `root` down to the folder that contains `file`.
std::vector<std::string> folder_path(const fs::path& root, const fs::path& file) {
  std::vector<std::string> keys;
  const fs::path relative = file.parent_path().lexically_relative(root);
  for (const fs::path& part : relative) {
    const std::string name = part.string();
    if (!name.empty() && name != ".") keys.push_back(name);
  }
  return keys;
}

// Files below `dir`, sorted; stops at the first unreadable entry and reports it.
std::vector<fs::path> files_below(const fs::path& dir, std::vector<std::string>* errors) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::follow_directory_symlink, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) errors->push_back(dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

// Reads one file and adds it as a module or as data at `data_path`.
void load_file(const fs::path& file, std::span<const std::string> data_path, LoadedFiles* out) {
  const std::string name = file.string();
  const FileType type = file_type(file);
  if (type == FileType::Rego) {
    std::string text, error;
    if (!read_file_text(name, &text, &error)) {
      out->errors.push_back(error);
      return;
    }
    out->modules.push_back({name, std::move(text)});
    return;
  }

  Value document;
  std::string error;
  if (!read_document_file(name, &document, &error)) {
    out->errors.push_back(error);
    return;
  }
  if (data_path.empty() && !document.is_object()) {
    out->errors.push_back(name + ": data at the root must be an object, got " +
                          std::string(kind_name(document.kind())));
    return;
  }
  if (!merge_document(&out->data, data_path, document, &error)) {
    out->errors.push_back(name + ": " + error);
  }
}

void load_data_path(const std::string& given, LoadedFiles* out) {
  const fs::path path = strip_file_url(given);
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    out->errors.push_back(path.string() + ": no such file or directory");
    return;
  }
  if (!fs::is_directory(path, ec)) {
    if (file_type(path) == FileType::Other) {
      out->errors.push_back(path.string() +
                            ": unsupported file type, expected .rego, .json, .yaml or .yml");
      return;
    }
    load_file(path, {}, out);
    return;
  }
  for (const fs::path& file : files_below(path, &out->errors)) {
    if (file_type(file) == FileType::Other) continue;
    load_file(file, folder_path(path, file), out);
  }
}

// Roots listed in a bundle's .manifest; an empty list means the bundle owns all of data.
bool read_manifest_roots(const fs::path& manifest, std::vector<std::string>* roots,
                         std::vector<std::string>* errors) {
  Value document;
  std::string error, text;
  if (!read_file_text(manifest.string(), &text, &error)) {
    errors->push_back(error);
    return false;
  }
  if (!parse_json(text, &document, &error) || !document.is_object()) {
    errors->push_back(manifest.string() + ": invalid manifest, expected a JSON object" +
                      (error.empty() ? "" : ": " + error));
    return false;
  }
  const Value* listed = document.find("roots");
  if (listed == nullptr) return true;
  if (!listed->is_array()) {
    errors->push_back(manifest.string() + ": invalid manifest, \"roots\" must be an array");
    return false;
  }
  for (const Value& root : listed->array_items()) {
    if (!root.is_string()) {
      errors->push_back(manifest.string() + ": invalid manifest, roots must be strings");
      return false;
    }
    roots->emplace_back(root.as_string());
  }
  return true;
}

// True when data at `keys` may exist under one of `roots`: the path lies inside a root or
// leads to one.
// NOTE: a data file at an ancestor of a root is accepted without checking that its keys stay
// inside the root.
bool inside_roots(const std::vector<std::string>& keys, const std::vector<std::string>& roots) {
  if (roots.empty()) return true;
  std::string path;
  for (const std::string& key : keys) path += (path.empty() ? "" : "/") + key;
  for (const std::string& root : roots) {
    if (root.empty() || path.empty()) return true;
    if (path == root || path.rfind(root + "/", 0) == 0) return true;
    if (root.rfind(path + "/", 0) == 0) return true;
  }
  return false;
}

bool is_bundle_data_file(const fs::path& file) {
  const std::string name = file.filename().string();
  return name == "data.json" || name == "data.yaml" || name == "data.yml";
}

// Merges `value` into `*data`. `location` lists the keys from data down to `*data`, for the
// message when two files define the same document differently.
bool merge_at(Value* data, std::span<const std::string> path, const Value& value,
              std::vector<std::string>* location, std::string* error) {
  if (!path.empty()) {
    if (!data->is_defined()) *data = Value::object();
    if (!data->is_object()) {
      *error = "merge error: " + dotted(*location) + " is not an object, so nothing can be "
               "placed inside it";
      return false;
    }
    const Value key = Value::string(path.front());
    const Value* existing = data->find(key);
    Value child = existing != nullptr ? *existing : Value::undefined();
    location->push_back(path.front());
    if (!merge_at(&child, path.subspan(1), value, location, error)) return false;
    location->pop_back();
    data->object_insert(key, std::move(child));
    return true;
  }

  // Undefined marks a key that no file has defined yet.
  if (!data->is_defined() || (data->is_object() && value.is_object() && data->size() == 0)) {
    *data = value;
    return true;
  }
  if (!data->is_object() || !value.is_object()) {
    *error = "merge error: conflicting values for " + dotted(*location);
    return false;
  }
  for (const Value::Entry& entry : value.object_entries()) {
    const Value* existing = entry.first.is_string() ? data->find(entry.first) : nullptr;
    if (existing == nullptr) {
      data->object_insert(entry.first, entry.second);
      continue;
    }
    Value merged = *existing;
    location->emplace_back(entry.first.as_string());
    if (!merge_at(&merged, {}, entry.second, location, error)) return false;
    location->pop_back();
    data->object_insert(entry.first, std::move(merged));
  }
  return true;
}

}  // namespace

void load_data_paths(std::span<const std::string> paths, LoadedFiles* out) {
  for (const std::string& path : paths) load_data_path(path, out);
}

void load_bundle(const std::string& given, LoadedFiles* out) {
  const fs::path dir = strip_file_url(given);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    out->errors.push_back(dir.string() + (fs::exists(dir, ec)
                                               ? ": bundle must be a folder (archives are not "
                                                 "supported yet)"
                                               : ": no such file or directory"));
    return;
  }
  std::vector<std::string> roots;
  const fs::path manifest = dir / ".manifest";
  if (fs::exists(manifest, ec) && !read_manifest_roots(manifest, &roots, &out->errors)) return;

  for (const fs::path& file : files_below(dir, &out->errors)) {
    if (file_type(file) == FileType::Rego) {
      load_file(file, {}, out);
      continue;
    }
    if (!is_bundle_data_file(file)) continue;
    const std::vector<std::string> keys = folder_path(dir, file);
    if (!inside_roots(keys, roots)) {
      out->errors.push_back(file.string() + ": " + dotted(keys) +
                            " is outside the roots listed in the bundle's .manifest");
      continue;
    }
    load_file(file, keys, out);
  }
}

bool read_document_file(const std::string& path, Value* out, std::string* error) {
  std::string text;
  if (!read_file_text(path, &text, error)) return false;
  std::string message;
  const bool ok = file_type(path) == FileType::Yaml ? parse_yaml(text, out, &message)
                                                    : parse_json(text, out, &message);
  if (!ok) *error = path + ": " + message;
  return ok;
}

bool parse_document(std::string_view text, Value* out, std::string* error) {
  std::string json_error;
  if (parse_json(text, out, &json_error)) return true;
  std::string yaml_error;
  if (parse_yaml(text, out, &yaml_error)) return true;
  *error = json_error;
  return false;
}

bool merge_document(Value* data, std::span<const std::string> path, const Value& value,
                    std::string* error) {
  std::vector<std::string> location;
  return merge_at(data, path, value, &location, error);
}

}  // namespace regoc
