// The C API (include/regoc/regoc.h) over the C++ engine (api/engine.h), built into
// libregoc.so.
//
// Each entry point catches every exception, because none may unwind into C code, and turns
// the engine's Errors into a status and the JSON text of api/result_json.h.
#include "regoc/regoc.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <string>

#include "api/engine.h"
#include "api/result_json.h"

struct regoc_engine {
  regoc::Engine engine;
};

struct regoc_prepared {
  regoc::PreparedQuery query;
};

namespace {

using regoc::Error;
using regoc::Errors;

// A malloc'ed copy that regoc_free releases; nullptr when out of memory.
char* copy_string(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out != nullptr) std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

regoc_status fail(regoc_status status, const Errors& errors, char** error_json) {
  if (error_json != nullptr) *error_json = copy_string(regoc::errors_json(errors));
  return status;
}

regoc_status fail(regoc_status status, const std::string& message, char** error_json) {
  return fail(status, Errors{Error{"", message, regoc::Location()}}, error_json);
}

// Sets *error_json to NULL so that it is NULL after every successful call.
void clear(char** error_json) {
  if (error_json != nullptr) *error_json = nullptr;
}

regoc_status invalid_argument(const char* what, char** error_json) {
  return fail(REGOC_INVALID_ARGUMENT, std::string(what) + " must not be NULL", error_json);
}

// Sets *error_json to an internal error naming `what`, or leaves it NULL when building the
// message fails too (out of memory).
void report_internal_error(const char* what, char** error_json) noexcept {
  try {
    fail(REGOC_INTERNAL_ERROR, std::string("internal error: ") + what, error_json);
  } catch (...) {
    clear(error_json);
  }
}

// Runs `body`, which checks the arguments and returns a status, and turns an escaping
// exception (std::bad_alloc included) into REGOC_INTERNAL_ERROR.
template <typename Body>
regoc_status guarded(char** error_json, Body body) noexcept {
  try {
    return body();
  } catch (const std::exception& e) {
    report_internal_error(e.what(), error_json);
  } catch (...) {
    report_internal_error("unknown exception", error_json);
  }
  return REGOC_INTERNAL_ERROR;
}

// The status for errors from Engine::prepare, chosen by the first error's code.
regoc_status prepare_status(const Errors& errors, regoc_executor executor) {
  const std::string& code = errors.front().code;
  if (code == regoc::codes::kParse) return REGOC_PARSE_ERROR;
  // Engine::prepare reports a JIT that fails to load or compile as an internal error.
  if (code == regoc::codes::kInternal && executor == REGOC_EXECUTOR_JIT) {
    return REGOC_EXECUTOR_UNAVAILABLE;
  }
  if (code == regoc::codes::kInternal) return REGOC_INTERNAL_ERROR;
  return REGOC_COMPILE_ERROR;
}

}  // namespace

extern "C" {

const char* regoc_status_name(regoc_status status) {
  switch (status) {
    case REGOC_OK:
      return "REGOC_OK";
    case REGOC_INVALID_ARGUMENT:
      return "REGOC_INVALID_ARGUMENT";
    case REGOC_PARSE_ERROR:
      return "REGOC_PARSE_ERROR";
    case REGOC_COMPILE_ERROR:
      return "REGOC_COMPILE_ERROR";
    case REGOC_INVALID_JSON:
      return "REGOC_INVALID_JSON";
    case REGOC_EVAL_ERROR:
      return "REGOC_EVAL_ERROR";
    case REGOC_EXECUTOR_UNAVAILABLE:
      return "REGOC_EXECUTOR_UNAVAILABLE";
    case REGOC_INTERNAL_ERROR:
      return "REGOC_INTERNAL_ERROR";
  }
  return "unknown regoc_status";
}

regoc_engine* regoc_engine_new(void) {
  try {
    return new regoc_engine();
  } catch (...) {
    return nullptr;
  }
}

void regoc_engine_free(regoc_engine* engine) { delete engine; }

regoc_status regoc_engine_add_module(regoc_engine* engine, const char* file_name,
                                     const char* text, char** error_json) {
  clear(error_json);
  return guarded(error_json, [&] {
    if (engine == nullptr) return invalid_argument("engine", error_json);
    if (file_name == nullptr) return invalid_argument("file_name", error_json);
    if (text == nullptr) return invalid_argument("text", error_json);
    Errors errors = engine->engine.add_module(file_name, text);
    if (!errors.empty()) return fail(REGOC_PARSE_ERROR, errors, error_json);
    return REGOC_OK;
  });
}

regoc_status regoc_engine_set_data(regoc_engine* engine, const char* data_json, size_t length,
                                   char** error_json) {
  clear(error_json);
  return guarded(error_json, [&] {
    if (engine == nullptr) return invalid_argument("engine", error_json);
    if (data_json == nullptr) return invalid_argument("data_json", error_json);
    Errors errors = engine->engine.set_data_json(std::string_view(data_json, length));
    if (!errors.empty()) return fail(REGOC_INVALID_JSON, errors, error_json);
    return REGOC_OK;
  });
}

regoc_status regoc_engine_prepare(const regoc_engine* engine, const char* query,
                                  regoc_executor executor, regoc_prepared** prepared,
                                  char** error_json) {
  clear(error_json);
  return guarded(error_json, [&] {
    if (engine == nullptr) return invalid_argument("engine", error_json);
    if (query == nullptr) return invalid_argument("query", error_json);
    if (prepared == nullptr) return invalid_argument("prepared", error_json);
    *prepared = nullptr;
    if (executor != REGOC_EXECUTOR_INTERPRETER && executor != REGOC_EXECUTOR_JIT) {
      return fail(REGOC_INVALID_ARGUMENT,
                  "unknown executor " + std::to_string(static_cast<int>(executor)) +
                      " (use REGOC_EXECUTOR_INTERPRETER or REGOC_EXECUTOR_JIT)",
                  error_json);
    }
    regoc::ExecutorKind kind = executor == REGOC_EXECUTOR_JIT ? regoc::ExecutorKind::Jit
                                                              : regoc::ExecutorKind::Interpreter;
    auto out = std::make_unique<regoc_prepared>();
    Errors errors = engine->engine.prepare(query, &out->query, kind);
    if (!errors.empty()) return fail(prepare_status(errors, executor), errors, error_json);
    *prepared = out.release();
    return REGOC_OK;
  });
}

void regoc_prepared_free(regoc_prepared* prepared) { delete prepared; }

regoc_status regoc_eval(const regoc_prepared* prepared, const char* input_json,
                        size_t input_length, const regoc_eval_options* options,
                        char** result_json, char** error_json) {
  clear(error_json);
  return guarded(error_json, [&] {
    if (prepared == nullptr) return invalid_argument("prepared", error_json);
    if (result_json == nullptr) return invalid_argument("result_json", error_json);
    *result_json = nullptr;
    regoc::EvalOptions eval_options;
    if (options != nullptr) {
      eval_options.strict_builtin_errors = options->strict_builtin_errors != 0;
      eval_options.now_ns = options->now_ns;
    }
    regoc::EvalOutcome outcome =
        input_json == nullptr
            ? prepared->query.eval(regoc::Value::undefined(), eval_options)
            : prepared->query.eval_json(std::string_view(input_json, input_length),
                                        eval_options);
    if (!outcome.errors.empty()) {
      bool bad_input = outcome.errors.front().code == regoc::kInvalidJsonCode;
      return fail(bad_input ? REGOC_INVALID_JSON : REGOC_EVAL_ERROR, outcome.errors,
                  error_json);
    }
    *result_json = copy_string(regoc::results_json(outcome));
    if (*result_json == nullptr) return fail(REGOC_INTERNAL_ERROR, "out of memory", error_json);
    return REGOC_OK;
  });
}

void regoc_free(char* text) { std::free(text); }

}  // extern "C"
