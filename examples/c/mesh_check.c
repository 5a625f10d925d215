/* Evaluates the example service-mesh policy through regoc's C API.
 *
 * Usage: mesh_check [--jit] EXAMPLES_DIR INPUT.json...
 *
 * Loads EXAMPLES_DIR/policy.rego and EXAMPLES_DIR/data.json, prepares the verdict query once
 * and evaluates it for each input file. Prints one line per input: the file's path, the status
 * name and the result JSON (or the error JSON). Exits 1 when any call fails, 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regoc/regoc.h"

static const char* kQuery = "data.servicemesh.authz.verdict";

/* Reads a whole file into a malloc'ed, NUL-terminated buffer; NULL on failure. */
static char* read_file(const char* path, size_t* length) {
  FILE* file = fopen(path, "rb");
  if (file == NULL) return NULL;
  char* text = NULL;
  size_t size = 0;
  if (fseek(file, 0, SEEK_END) == 0) {
    long end = ftell(file);
    if (end >= 0 && fseek(file, 0, SEEK_SET) == 0) {
      size = (size_t)end;
      text = malloc(size + 1);
    }
  }
  if (text != NULL && fread(text, 1, size, file) != size) {
    free(text);
    text = NULL;
  }
  fclose(file);
  if (text == NULL) return NULL;
  text[size] = '\0';
  if (length != NULL) *length = size;
  return text;
}

/* Prints a failed call's status and errors; returns 1 for the exit status. */
static int report(const char* what, regoc_status status, char* error_json) {
  fprintf(stderr, "%s: %s %s\n", what, regoc_status_name(status),
          error_json != NULL ? error_json : "");
  regoc_free(error_json);
  return 1;
}

/* Loads the policy and data of EXAMPLES_DIR into a new engine; NULL on failure. */
static regoc_engine* load_engine(const char* folder) {
  char path[4096];
  regoc_engine* engine = regoc_engine_new();
  if (engine == NULL) return NULL;

  snprintf(path, sizeof path, "%s/policy.rego", folder);
  char* policy = read_file(path, NULL);
  snprintf(path, sizeof path, "%s/data.json", folder);
  size_t data_length = 0;
  char* data = read_file(path, &data_length);
  if (policy == NULL || data == NULL) {
    fprintf(stderr, "cannot read policy.rego or data.json in %s\n", folder);
    free(policy);
    free(data);
    regoc_engine_free(engine);
    return NULL;
  }

  char* error_json = NULL;
  regoc_status status = regoc_engine_add_module(engine, "policy.rego", policy, &error_json);
  if (status == REGOC_OK) {
    status = regoc_engine_set_data(engine, data, data_length, &error_json);
  }
  free(policy);
  free(data);
  if (status != REGOC_OK) {
    report("load", status, error_json);
    regoc_engine_free(engine);
    return NULL;
  }
  return engine;
}

/* Evaluates one input file and prints its line; returns 0 on success, 1 on failure. */
static int check_input(const regoc_prepared* prepared, const char* path) {
  size_t length = 0;
  char* input = read_file(path, &length);
  if (input == NULL) {
    fprintf(stderr, "cannot read %s\n", path);
    return 1;
  }

  regoc_eval_options options = {0, 0};
  char* result_json = NULL;
  char* error_json = NULL;
  regoc_status status = regoc_eval(prepared, input, length, &options, &result_json, &error_json);
  free(input);
  printf("%s %s %s\n", path, regoc_status_name(status),
         status == REGOC_OK ? result_json : error_json);
  regoc_free(result_json);
  regoc_free(error_json);
  return status == REGOC_OK ? 0 : 1;
}

int main(int argc, char** argv) {
  int first = 1;
  regoc_executor executor = REGOC_EXECUTOR_INTERPRETER;
  if (argc > 1 && strcmp(argv[1], "--jit") == 0) {
    executor = REGOC_EXECUTOR_JIT;
    first = 2;
  }
  if (argc - first < 2) {
    fprintf(stderr, "usage: %s [--jit] EXAMPLES_DIR INPUT.json...\n", argv[0]);
    return 2;
  }

  regoc_engine* engine = load_engine(argv[first]);
  if (engine == NULL) return 1;
  regoc_prepared* prepared = NULL;
  char* error_json = NULL;
  regoc_status status = regoc_engine_prepare(engine, kQuery, executor, &prepared, &error_json);
  /* The prepared query does not need the engine any more. */
  regoc_engine_free(engine);
  if (status != REGOC_OK) return report("prepare", status, error_json);

  int failed = 0;
  for (int i = first + 1; i < argc; ++i) failed |= check_input(prepared, argv[i]);
  regoc_prepared_free(prepared);
  return failed;
}
