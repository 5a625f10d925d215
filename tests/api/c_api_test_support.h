// Owners of what the C API (include/regoc/regoc.h) returns, for the C API tests.
#pragma once

#include <memory>
#include <string>

#include "regoc/regoc.h"

namespace regoc_test {

// Owns a string returned by the C API.
struct CString {
  char* text = nullptr;
  ~CString() { regoc_free(text); }
  std::string str() const { return text == nullptr ? "(null)" : text; }
};

using EnginePtr = std::unique_ptr<regoc_engine, decltype(&regoc_engine_free)>;
using PreparedPtr = std::unique_ptr<regoc_prepared, decltype(&regoc_prepared_free)>;

}  // namespace regoc_test
