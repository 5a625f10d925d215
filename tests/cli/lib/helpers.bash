# Helpers shared by the tests/cli scripts: run regoc, compare output, count failures.
#
# A script sources this file after setting REGOC; it calls `run` to execute a command, the
# check_* functions to compare, and `finish` to print a summary and exit non-zero on failure.

failures=0
checks=0

# A scratch folder, removed when the script exits.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Runs a command and stores its standard output, standard error and exit status in
# $out, $err and $status. $out and $err lose trailing newlines, as in "$(...)"; $out_bytes
# keeps the standard output exactly.
run() {
  set +e
  "$@" >"$scratch/stdout" 2>"$scratch/stderr"
  status=$?
  set -e
  out=$(cat "$scratch/stdout")
  out_bytes=$(cat "$scratch/stdout"; printf x)
  out_bytes=${out_bytes%x}
  err=$(cat "$scratch/stderr")
}

report_failure() {
  failures=$((failures + 1))
  echo "FAIL: $1"
  shift
  for line in "$@"; do echo "  $line"; done
}

# check_eq NAME EXPECTED ACTUAL: exact string comparison.
check_eq() {
  checks=$((checks + 1))
  if [ "$2" != "$3" ]; then
    report_failure "$1" "expected:" "$(printf '%s' "$2" | sed 's/^/    /')" \
      "actual:" "$(printf '%s' "$3" | sed 's/^/    /')"
  fi
}

# check_status NAME EXPECTED: compares $status, and shows the command's output on mismatch.
check_status() {
  checks=$((checks + 1))
  if [ "$status" != "$2" ]; then
    report_failure "$1" "expected exit status $2, got $status" "stdout: $out" "stderr: $err"
  fi
}

# check_contains NAME HAYSTACK NEEDLE
check_contains() {
  checks=$((checks + 1))
  case "$2" in
    *"$3"*) ;;
    *) report_failure "$1" "expected to contain: $3" "actual: $2" ;;
  esac
}

# check_json_eq NAME EXPECTED_JSON ACTUAL_JSON: semantic comparison of two JSON texts.
check_json_eq() {
  checks=$((checks + 1))
  local verdict
  verdict=$(python3 -c '
import json, sys
try:
    want = json.loads(sys.argv[1])
except ValueError as e:
    print("expected value is not JSON: %s" % e); sys.exit(0)
try:
    got = json.loads(sys.argv[2])
except ValueError as e:
    print("output is not JSON: %s" % e); sys.exit(0)
if want != got:
    print("values differ")
' "$2" "$3")
  if [ -n "$verdict" ]; then
    report_failure "$1" "$verdict" "expected: $2" "actual:   $3"
  fi
}

finish() {
  echo "$((checks - failures)) of $checks checks passed"
  [ "$failures" -eq 0 ]
}
