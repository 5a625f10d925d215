#!/usr/bin/env bash
# Checks regoc-conformance itself on small cases written here: how results, errors and the
# case fields are judged, the summary lines, and the known-failures list.
#
# Usage: bash conformance_runner.sh <regoc-binary> <source-dir> <workloads-dir>
# regoc-conformance is expected next to the regoc binary.
set -euo pipefail
REGOC=$1
RUNNER="$(dirname "$REGOC")/regoc-conformance"
source "$(dirname "$0")/lib/helpers.bash"

mkdir -p "$scratch/cases/passing" "$scratch/cases/failing"
cat >"$scratch/cases/passing/cases.yaml" <<'YAML'
cases:
  - note: runner/set result compares with a list
    modules: ["package t\n"]
    query: x = {3, 1, 2}
    want_result:
      - x: [1, 2, 3]
  - note: runner/empty list means undefined
    modules: ["package t\n"]
    query: data.t.missing = x
    want_result: []
  - note: runner/sort_bindings sorts arrays
    modules: ["package t\n"]
    query: x = [3, 1, 2]
    sort_bindings: true
    want_result:
      - x: [1, 2, 3]
  - note: runner/results compare as a set
    modules: ["package t\n"]
    query: x = [1, 2, 1][_]
    want_result:
      - x: 2
      - x: 1
  - note: runner/error text and code
    modules: ["package t\n"]
    query: x = 1 / 0
    strict_error: true
    want_error_code: eval_builtin_error
    want_error: divide by zero
  - note: runner/input_term holds a set
    modules: ["package t\n"]
    query: x = input.s
    input_term: '{"s": {"a"}}'
    want_result:
      - x: [a]
  - note: runner/input and data
    modules: ["package t\n\np := input.n + data.d.e\n"]
    query: x = data.t.p
    input: {n: 2}
    data: {d: {e: 40}}
    want_result:
      - x: 42
  - note: runner/want_defined
    modules: ["package t\n"]
    query: 1 == 1
    want_defined: true
  - note: runner/skip
    skip: shows that skipped cases are counted
    modules: ["package t\n"]
    query: x = 1
    want_result:
      - x: 2
YAML
cat >"$scratch/cases/failing/cases.yaml" <<'YAML'
cases:
  - note: runner/wrong result
    modules: ["package t\n"]
    query: x = 1
    want_result:
      - x: 2
  - note: runner/unknown field
    modules: ["package t\n"]
    query: x = 1
    not_a_field: true
    want_result:
      - x: 1
  - note: runner/unexpected error
    modules: ["package t\n"]
    query: x = 1 / 0
    strict_error: true
    want_result: []
  - note: runner/no expectation
    modules: ["package t\n"]
    query: x = 1
YAML

run "$RUNNER" "$scratch/cases/passing"
check_status "passing cases" 0
check_contains "passing summary" "$out" "8 passed, 0 failed"
check_contains "skipped count" "$out" "1 skipped"
check_contains "category line" "$out" "passing  8 passed, 0 failed, 1 skipped"

run "$RUNNER" --verbose "$scratch/cases/failing"
check_status "failing cases" 1
check_eq "last line" "0 passed, 4 failed" "$(printf '%s\n' "$out" | tail -n 1)"
check_contains "wrong result is shown" "$out" 'want: [{"x":2}]'
check_contains "unknown field is named" "$out" 'unknown field "not_a_field"'
check_contains "unexpected error is shown" "$out" "unexpected error"
check_contains "missing expectation is reported" "$out" "runner/no expectation"

# Writing the list makes the same run pass against it.
run "$RUNNER" --write-known-failures "$scratch/known.txt" "$scratch/cases"
check_status "write known failures" 0
check_eq "written list" "runner/no expectation
runner/unexpected error
runner/unknown field
runner/wrong result" "$(grep -v -e '^#' -e '^$' "$scratch/known.txt")"
run "$RUNNER" --known-failures "$scratch/known.txt" "$scratch/cases"
check_status "known failures only" 0
check_contains "totals" "$out" "8 passed, 4 failed"

# Rewriting the list keeps the reason a note has.
{
  echo "# reason: the runner is given a wrong result on purpose"
  echo "runner/wrong result"
  echo
  grep -v -e '^#' -e '^$' -e "runner/wrong result" "$scratch/known.txt"
} >"$scratch/reasons.txt"
run "$RUNNER" --known-failures "$scratch/reasons.txt" \
  --write-known-failures "$scratch/rewritten.txt" "$scratch/cases"
check_status "rewrite with reasons" 0
check_eq "reason kept" "# reason: the runner is given a wrong result on purpose
runner/wrong result" "$(grep -A1 '^# reason:' "$scratch/rewritten.txt")"

# A listed case that passes, and a failure that is not listed, both fail the run.
echo "runner/want_defined" >>"$scratch/known.txt"
run "$RUNNER" --known-failures "$scratch/known.txt" "$scratch/cases"
check_status "listed case passes" 1
check_contains "listed case passes is reported" "$out" \
  "runner/want_defined: now passes, remove it from the known-failures list"
grep -v "runner/wrong result" "$scratch/known.txt" >"$scratch/short.txt"
run "$RUNNER" --known-failures "$scratch/short.txt" "$scratch/cases"
check_status "unlisted failure" 1
check_contains "unlisted failure is named" "$out" "FAIL: runner/wrong result"

run "$RUNNER" --engine wasm "$scratch/cases"
check_status "unknown engine" 2
run "$RUNNER" --engine jit "$scratch/cases/passing"
check_status "--engine jit" 0
run "$RUNNER" --engine interp -j 2 "$scratch/cases/passing"
check_status "--engine interp with -j 2" 0

finish
