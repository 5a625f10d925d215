// Loading of policies and data from files, as `opa eval` does for -d/--data and -b/--bundle.
//
// External interface: load_data_paths() and load_bundle() collect Rego modules and one merged
// base document; read_document_file() and parse_document() read one JSON or YAML document.
// The CLI, the conformance runner and the server share these rules.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/value.h"

namespace regoc {

// One Rego module as read from disk; file_name is the path that errors and locations show.
struct ModuleSource {
  std::string file_name;
  std::string text;
};

// Modules and base data gathered from one or more paths.
struct LoadedFiles {
  std::vector<ModuleSource> modules;
  Value data = Value::object();
  // One message per failure, each naming the file ("path: what failed").
  std::vector<std::string> errors;
};

/// Loads each path given with -d. A file is read by its extension: .rego is a module, .json
/// is JSON data and .yaml/.yml is YAML data. A folder is walked recursively. Every data file
/// in it is placed at the path of its folder relative to that root, so dir/a/b/x.json lands
/// at data.a.b. Data files directly at a root, and data files named on the command line,
/// merge at data. Files of other types inside folders are skipped. Failures are appended to
/// out->errors and loading goes on with the next file.
void load_data_paths(std::span<const std::string> paths, LoadedFiles* out);

/// Loads a bundle folder given with -b: every .rego file, and data.json/data.yaml/data.yml
/// files placed at the path of their folder. The optional .manifest must be a JSON object;
/// when it lists "roots", data outside every root is an error. Other files are skipped.
void load_bundle(const std::string& dir, LoadedFiles* out);

/// Reads a whole file. Returns false and sets *error to "path: message" on failure.
bool read_file_text(const std::string& path, std::string* text, std::string* error);

/// Reads a JSON file, or a YAML file when the name ends in .yaml or .yml. Returns false and
/// sets *error to "path: message" on failure.
bool read_document_file(const std::string& path, Value* out, std::string* error);

/// Parses a document whose format is not known from a file name, such as input on stdin:
/// JSON first, then YAML (a superset of JSON). The error, if any, is the JSON parser's.
bool parse_document(std::string_view text, Value* out, std::string* error);

/// Merges `value` into the object `*data` at `path`. Objects merge key by key; any other
/// value that meets an existing one conflicts. Returns false and sets *error on conflict.
bool merge_document(Value* data, std::span<const std::string> path, const Value& value,
                    std::string* error);

}  // namespace regoc
