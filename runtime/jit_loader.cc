// Loading of the LLVM backend (see jit_loader.h). The first request dlopen()s
// libregoc_jit.so and looks up its factory; the library stays loaded for the process's life.
//
// The library is searched for in this order: the path in $REGOC_JIT_LIBRARY (only that one
// when set), the folder of the running executable, then the build folder baked in by CMake.
#include "runtime/jit_loader.h"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/jit_abi.h"

namespace regoc {
namespace {

constexpr const char* kLibraryName = "libregoc_jit.so";
constexpr const char* kFactoryName = "regoc_jit_create_executor";

// The backend's factory; see compiler/jit/native_executor.cc.
using Factory = Executor* (*)(const ir::Program* program, const jit::Host* host,
                              std::string* error);

std::string executable_folder() {
  char path[PATH_MAX];
  ssize_t length = readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (length <= 0) return "";
  std::string text(path, static_cast<size_t>(length));
  size_t slash = text.rfind('/');
  return slash == std::string::npos ? "" : text.substr(0, slash);
}

std::vector<std::string> candidate_paths() {
  if (const char* path = std::getenv("REGOC_JIT_LIBRARY"); path && *path) return {path};
  std::vector<std::string> paths;
  std::string folder = executable_folder();
  if (!folder.empty()) paths.push_back(folder + "/" + kLibraryName);
#ifdef REGOC_JIT_BUILD_PATH
  paths.push_back(REGOC_JIT_BUILD_PATH);
#endif
  return paths;
}

// Opens the first candidate that loads; on failure returns nullptr and lists every attempt.
Factory load_factory(std::string* error) {
  std::string attempts;
  for (const std::string& path : candidate_paths()) {
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      attempts += std::string("\n  ") + dlerror();
      continue;
    }
    auto factory = reinterpret_cast<Factory>(dlsym(handle, kFactoryName));
    if (factory) return factory;
    attempts += "\n  " + path + ": no symbol " + kFactoryName;
    dlclose(handle);
  }
  *error = std::string("cannot load ") + kLibraryName +
           " (set REGOC_JIT_LIBRARY to its path):" + attempts;
  return nullptr;
}

}  // namespace

std::unique_ptr<Executor> make_jit_executor(const ir::Program& program, std::string* error) {
  static std::once_flag once;
  static Factory factory = nullptr;
  static std::string load_error;
  std::call_once(once, [] { factory = load_factory(&load_error); });
  if (!factory) {
    *error = load_error;
    return nullptr;
  }
  return std::unique_ptr<Executor>(factory(&program, &jit::host(), error));
}

}  // namespace regoc
