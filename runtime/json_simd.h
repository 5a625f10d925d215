// JSON text to runtime values with simdjson's On-Demand API, for input documents on the
// evaluation hot path.
//
// Each thread keeps one simdjson parser and its buffers, so parsing a document of up to 64 KiB
// allocates nothing besides the Values it builds. Objects come out sorted with the
// last of duplicate keys kept (as OPA's Go decoder does), numbers keep their literal text
// (runtime/number.h), and malformed JSON or invalid UTF-8 is an error, never a crash.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "runtime/value.h"

namespace regoc {

// Arrays and objects nested deeper than this are rejected, so that the recursive conversion
// cannot exhaust a thread's stack.
// NOTE: Go's encoding/json, which OPA uses, allows 10000 levels.
inline constexpr size_t kMaxJsonDepth = 1024;

// Parses one JSON document into *out. On failure returns false, leaves *out unchanged and sets
// *error (when not null) to "invalid JSON at line L, column C: <reason>".
bool parse_json_simd(std::string_view text, Value* out, std::string* error);

}  // namespace regoc
