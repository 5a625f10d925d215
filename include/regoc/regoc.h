/* The regoc C API: load Rego modules and data, prepare a query, evaluate it with JSON input.
 *
 * Link with libregoc.so. docs/embedding.md has an example.
 *
 * Thread safety: a regoc_engine must be used by one thread at a time. A regoc_prepared is
 * immutable, so any number of threads may call regoc_eval on the same one at once. A prepared
 * query keeps its own copy of the compiled policy and the data, so the engine that prepared it
 * may be freed or changed first.
 *
 * Errors: every function that can fail returns a regoc_status. When the status is not REGOC_OK
 * and `error_json` is not NULL, *error_json receives the errors as JSON text in the shape that
 * `opa eval` prints, {"errors":[{"location":{...},"message":"...","code":"..."}]}, where
 * "location" and "code" appear only when known. Free it with regoc_free. After a successful
 * call *error_json is NULL. No C++ exception crosses this interface.
 *
 * Strings passed in are UTF-8 and, unless a length is given, NUL-terminated. Strings returned
 * are NUL-terminated, owned by the caller and freed with regoc_free.
 */
#ifndef REGOC_REGOC_H
#define REGOC_REGOC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define REGOC_EXPORT __attribute__((visibility("default")))
#else
#define REGOC_EXPORT
#endif

typedef struct regoc_engine regoc_engine;
typedef struct regoc_prepared regoc_prepared;

typedef enum regoc_status {
  REGOC_OK = 0,
  /* A required pointer is NULL, or an enum argument has no defined value. */
  REGOC_INVALID_ARGUMENT = 1,
  /* A module or the query does not parse (OPA's rego_parse_error). */
  REGOC_PARSE_ERROR = 2,
  /* The modules or the query fail compilation (rego_compile_error, rego_type_error, ...). */
  REGOC_COMPILE_ERROR = 3,
  /* The data or input text is not valid JSON, or the data is not a JSON object. */
  REGOC_INVALID_JSON = 4,
  /* Evaluation failed, for example on conflicting values of a complete rule. */
  REGOC_EVAL_ERROR = 5,
  /* The JIT executor could not be loaded or could not compile the query. */
  REGOC_EXECUTOR_UNAVAILABLE = 6,
  /* Out of memory, or a bug in regoc. */
  REGOC_INTERNAL_ERROR = 7
} regoc_status;

typedef enum regoc_executor {
  /* The IR interpreter: no compile cost. */
  REGOC_EXECUTOR_INTERPRETER = 0,
  /* Native code from the LLVM backend. Preparing costs about 100 ms and loads
   * libregoc_jit.so (found through $REGOC_JIT_LIBRARY, the executable's folder or the build
   * folder), so it pays off only for queries evaluated many times. */
  REGOC_EXECUTOR_JIT = 1
} regoc_executor;

typedef struct regoc_eval_options {
  /* Non-zero: a failing builtin ends the evaluation with REGOC_EVAL_ERROR. Zero (OPA's
   * default): the failing expression is undefined. */
  int strict_builtin_errors;
  /* time.now_ns() for the evaluation, in nanoseconds since the Unix epoch; 0 means the
   * current time. */
  int64_t now_ns;
} regoc_eval_options;

/* The status's name, such as "REGOC_PARSE_ERROR"; a static string. */
REGOC_EXPORT const char* regoc_status_name(regoc_status status);

/* A new engine without modules and with data {}; NULL when out of memory. */
REGOC_EXPORT regoc_engine* regoc_engine_new(void);
/* Frees the engine; NULL is allowed. Prepared queries stay valid. */
REGOC_EXPORT void regoc_engine_free(regoc_engine* engine);

/* Parses a Rego module and adds it to the engine. `file_name` appears in error locations. */
REGOC_EXPORT regoc_status regoc_engine_add_module(regoc_engine* engine, const char* file_name,
                                                  const char* text, char** error_json);

/* Parses `length` bytes of JSON text and sets them as the base document (`data`), which must
 * be an object. On failure the previous data stays. */
REGOC_EXPORT regoc_status regoc_engine_set_data(regoc_engine* engine, const char* data_json,
                                                size_t length, char** error_json);

/* Compiles the engine's modules together with `query` (Rego query text, such as
 * "data.authz.allow") for the chosen executor. On success *prepared receives a new prepared
 * query that the caller frees with regoc_prepared_free. */
REGOC_EXPORT regoc_status regoc_engine_prepare(const regoc_engine* engine, const char* query,
                                               regoc_executor executor,
                                               regoc_prepared** prepared, char** error_json);

/* Frees a prepared query; NULL is allowed. No evaluation of it may be running. */
REGOC_EXPORT void regoc_prepared_free(regoc_prepared* prepared);

/* Evaluates the prepared query with `input_length` bytes of JSON text as the input document,
 * or with no input when `input_json` is NULL. `options` may be NULL for the defaults. On
 * success *result_json receives the result set as `opa eval --format json` prints it, without
 * indentation: {"result":[{"expressions":[{"value":...,"text":"...","location":{...}}],
 * "bindings":{...}}]}, or {} when the query is undefined. print() output is discarded. */
REGOC_EXPORT regoc_status regoc_eval(const regoc_prepared* prepared, const char* input_json,
                                     size_t input_length, const regoc_eval_options* options,
                                     char** result_json, char** error_json);

/* Frees a string returned by this API; NULL is allowed. */
REGOC_EXPORT void regoc_free(char* text);

#ifdef __cplusplus
}
#endif

#endif /* REGOC_REGOC_H */
