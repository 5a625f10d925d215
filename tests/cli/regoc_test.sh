#!/usr/bin/env bash
# Checks `regoc test` on the fixtures in tests/cli/fixtures/test/: passing, failing, erroring,
# skipped and parameterized tests, print() output, the pretty report with and without -v,
# --format json, --coverage and --threshold, the options that select tests, the exit
# statuses, and the tests of the example policy.
#
# Usage: bash regoc_test.sh <regoc-binary> <source-dir> <workloads-dir>
set -euo pipefail
REGOC=$(realpath "$1")
SOURCE=$(realpath "$2")
source "$(dirname "$0")/lib/helpers.bash"

# The reports name files by the paths given, so the fixtures run from their folder.
cd "$SOURCE/tests/cli/fixtures/test"

# Durations change from run to run: "(12.5µs)" becomes "(D)" and "duration": N becomes 0.
normalize() {
  sed -E -e 's/\(([0-9.]+(ns|µs|ms|s|m|h))+\)/(D)/' -e 's/"duration": [0-9]+/"duration": 0/' \
    -e 's/(eval_conflict_error: ).*/\1MESSAGE/'
}
rt() {
  run "$REGOC" test "$@"
  out=$(printf '%s\n' "$out" | normalize)
}
rule=--------------------------------------------------------------------------------

# --- passing tests ---------------------------------------------------------------------------
rt pass
check_status "all passing: exit status" 0
check_eq "all passing: summary only" "PASS: 4/4" "$out"

rt -v pass
check_status "all passing -v: exit status" 0
check_eq "all passing -v: every test listed" "pass/authz_test.rego:
data.authz_test.test_reader_may_get: PASS (D)
data.authz_test.test_stranger_may_not_get: PASS (D)
data.authz_test.test_admin_may_post: PASS (D)
data.authz_test.test_readers_come_from_data: PASS (D)
$rule
PASS: 4/4" "$out"

# --- failures ------------------------------------------------------------------------------------
rt fail
check_status "failing: exit status" 2
check_eq "failing: failures listed" "fail/fail_test.rego:
data.fail_test.test_false: FAIL (D)
data.fail_test.test_undefined: FAIL (D)
data.fail_test.test_not_boolean: FAIL (D)
$rule
PASS: 1/4
FAIL: 3/4" "$out"

rt -v fail
check_status "failing -v: exit status" 2
check_eq "failing -v: failures, then summary" "FAILURES
$rule
data.fail_test.test_false: FAIL (D)


data.fail_test.test_undefined: FAIL (D)


data.fail_test.test_not_boolean: FAIL (D)


SUMMARY
$rule
fail/fail_test.rego:
data.fail_test.test_true: PASS (D)
data.fail_test.test_false: FAIL (D)
data.fail_test.test_undefined: FAIL (D)
data.fail_test.test_not_boolean: FAIL (D)
$rule
PASS: 1/4
FAIL: 3/4" "$out"

# --- errors ---------------------------------------------------------------------------------------
rt error
check_status "erroring: exit status" 2
check_eq "erroring: error under the test" "error/error_test.rego:
data.error_test.test_conflict: ERROR (D)
  error/error_test.rego:8: eval_conflict_error: MESSAGE
$rule
PASS: 1/2
ERROR: 1/2" "$out"

rt --timeout 200ms slow
check_status "timeout: exit status" 2
check_eq "timeout: the slow test errors" "slow/slow_test.rego:
data.slow_test.test_slow: ERROR (D)
  eval_cancel_error: caller cancelled query execution
$rule
PASS: 1/2
ERROR: 1/2" "$out"

# --- skipped tests --------------------------------------------------------------------------------
rt skip
check_status "skipped: exit status" 2
check_eq "skipped: listed without duration" "skip/skip_test.rego:
data.skip_test.todo_test_later: SKIPPED
$rule
PASS: 1/2
SKIPPED: 1/2" "$out"
rt -z skip
check_status "skipped with -z: exit status" 0

# --- print() output -------------------------------------------------------------------------------
rt print
check_status "print: exit status" 2
check_eq "print: output under the failing test" "print/print_test.rego:
data.print_test.test_prints_then_fails: FAIL (D)

  about to fail
  second line

$rule
PASS: 1/2
FAIL: 1/2" "$out"

rt -v print
check_contains "print -v: output of the passing test" "$out" "data.print_test.test_prints: PASS (D)

  x is 2
"

# --- parameterized and duplicate tests ------------------------------------------------------------
rt cases
check_status "cases: exit status" 2
check_eq "cases: failed case and numbered duplicate" "cases/cases_test.rego:
data.cases_test.test_small: FAIL (D)
  three: FAIL
data.cases_test.test_twice#01: FAIL (D)
$rule
PASS: 3/5
FAIL: 2/5" "$out"

rt -v cases
check_contains "cases -v: every case listed" "$out" "data.cases_test.test_small: FAIL (D)
  one: PASS
  three: FAIL
  two: PASS
data.cases_test.test_twice: PASS (D)"

# --- --format json --------------------------------------------------------------------------------
rt -f json error skip print
check_status "json: exit status" 2
verdict=$(python3 -c '
import json, sys
try:
  results = json.loads(sys.argv[1], object_pairs_hook=lambda pairs: pairs)
except ValueError as e:
  print("output is not JSON: %s" % e); sys.exit(0)
problems = []
def keys(result): return [k for k, _ in result]
def get(result, key): return dict(result)[key]
if len(results) != 6: problems.append("expected 6 results, got %d" % len(results))
orders = {
  "test_ok": ["location", "package", "name", "duration"],
  "test_conflict": ["error", "location", "package", "name", "duration"],
  "test_prints": ["location", "package", "name", "output", "duration"],
  "test_prints_then_fails": ["location", "package", "name", "output", "duration", "fail"],
  "todo_test_later": ["location", "package", "name", "duration", "skip"],
}
for result in results:
  name = get(result, "name")
  if keys(result) != orders[name]: problems.append("%s has members %s" % (name, keys(result)))
  if name == "test_conflict":
    error = dict(get(result, "error"))
    if error["code"] != "eval_conflict_error": problems.append("error code %s" % error["code"])
    if dict(error["location"])["row"] != 8: problems.append("error row")
  if name == "test_prints" and get(result, "output") != "eCBpcyAyCg==":
    problems.append("output is not base64 of \"x is 2\\n\"")
  if name == "todo_test_later" and get(result, "duration") != 0: problems.append("skip duration")
location = dict(get(results[0], "location"))
if location != {"file": "error/error_test.rego", "row": 3, "col": 1}:
  problems.append("location %s" % location)
print("; ".join(problems))
' "$out")
check_eq "json: result members and values" "" "$verdict"

rt -v -f json pass
check_status "json with -v: rejected" 1

# --- coverage -------------------------------------------------------------------------------------
rt --coverage coverage
check_status "coverage: exit status" 0
check_json_eq "coverage: report" '{
  "files": {
    "coverage/lib.rego": {
      "covered": [
        {"start": {"row": 3}, "end": {"row": 3}},
        {"start": {"row": 5}, "end": {"row": 6}}
      ],
      "not_covered": [
        {"start": {"row": 7}, "end": {"row": 7}},
        {"start": {"row": 9}, "end": {"row": 10}}
      ],
      "covered_lines": 3,
      "not_covered_lines": 3,
      "coverage": 50
    },
    "coverage/lib_test.rego": {
      "covered": [
        {"start": {"row": 5}, "end": {"row": 5}},
        {"start": {"row": 7}, "end": {"row": 7}}
      ],
      "covered_lines": 2,
      "coverage": 100
    }
  },
  "covered_lines": 5,
  "not_covered_lines": 3,
  "coverage": 62.5
}' "$out"
check_contains "coverage: Go's float text" "$out" '"coverage": 62.5'

rt --threshold 60 coverage
check_status "threshold met: exit status" 0
rt --threshold 80 coverage
check_status "threshold not met: exit status" 2
check_eq "threshold not met: no report" "" "$out"
threshold_message="Code coverage threshold not met: got 62.50 instead of 80.00"
check_eq "threshold not met: message" "$threshold_message" "$err"
rt --threshold 80 -v coverage
check_eq "threshold not met -v: rows not covered" "$threshold_message
Lines not covered:
	coverage/lib.rego:7
	coverage/lib.rego:9-10" "$err"
rt --threshold 101 coverage
check_status "threshold out of range: exit status" 1

rt -c fail
check_status "coverage with a failing test: exit status" 1
check_eq "coverage with a failing test: the test on stderr" "data.fail_test.test_false: FAIL (D)" \
  "$(printf '%s\n' "$err" | normalize)"

# --- selecting and repeating tests ----------------------------------------------------------------
rt -v -r 'admin' pass
check_eq "--run: only matching tests" "pass/authz_test.rego:
data.authz_test.test_admin_may_post: PASS (D)
$rule
PASS: 1/1" "$out"
rt -r 'no_such_test' pass
check_status "--run matching nothing: exit status" 0
check_eq "--run matching nothing: no output" "" "$out"
rt -r 'no_such_test' --fail-on-empty pass
check_status "--fail-on-empty: exit status" 1
check_eq "--fail-on-empty: message" "no tests were run" "$err"
rt --count 2 -p 1 skip -z
check_eq "--count 2: two reports" "2" "$(printf '%s\n' "$out" | grep -c '^PASS: 1/2$')"
rt --ignore 'fail*' --ignore '*.json' -r authz_test pass
check_status "--ignore of the data file: the reader test fails" 2
check_contains "--ignore of the data file: failure listed" "$out" "test_reader_may_get: FAIL"

# --- benchmarks -----------------------------------------------------------------------------------
rt --bench -r test_admin pass
check_status "--bench: exit status" 0
bench_line=$'^data\\.authz_test\\.test_admin_may_post\t +[0-9]+\t +[0-9.]+ ns/op'
bench_line+=$'\t +[0-9.]+ timer_rego_query_eval_ns/op\t +[0-9]+ B/op\t +[0-9]+ allocs/op$'
check_eq "--bench: Go benchmark line" "ok" \
  "$(printf '%s\n' "$out" | head -1 | grep -qE "$bench_line" && echo ok)"
rt -f gobench pass
check_status "gobench without --bench: exit status" 0
check_contains "gobench without --bench: message" "$err" "cannot use output format gobench"

# --- invalid files and options --------------------------------------------------------------------
rt broken
check_status "parse error: exit status" 1
check_contains "parse error: message" "$err" \
  "1 error occurred: broken/broken.rego:4: rego_parse_error"
rt --var-values pass
check_status "--var-values: rejected" 1
check_contains "--var-values: reason" "$err" "not supported"
rt
check_status "no path: exit status" 1
rt no_such_folder
check_status "missing path: exit status" 1

# --- the example policy ---------------------------------------------------------------------------
cd "$SOURCE"
rt examples/policy.rego examples/data.json examples/policy_test.rego
check_status "example policy tests: exit status" 0
check_contains "example policy tests: all pass" "$out" "PASS: "
check_eq "example policy tests: none fail" "" \
  "$(printf '%s\n' "$out" | grep -E 'FAIL|ERROR' || true)"

rt --coverage examples/
check_status "example folder with coverage: exit status" 0
check_contains "example folder with coverage: the policy file" "$out" '"examples/policy.rego"'

finish
