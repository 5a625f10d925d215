#!/usr/bin/env bash
# Runs examples/c/mesh_check (the C API example) on every input of examples/ with both
# executors and compares each verdict with examples/cases/<case>/expected.json. Also checks that a
# malformed input is reported as REGOC_INVALID_JSON and that bad usage exits with status 2.
#
# Usage: bash c_example.sh <mesh_check-binary> <source-dir>
set -uo pipefail
MESH_CHECK=$1
SOURCE=$2
example="$SOURCE/examples"
failures=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# compare_verdicts OUTPUT_FILE: every line "<input> REGOC_OK <result json>" must carry the
# expected verdict as the value of the query's one expression.
compare_verdicts() {
  python3 - "$1" "$example/cases" <<'EOF' || failures=$((failures + 1))
import json, os, sys
output, cases_dir = sys.argv[1], sys.argv[2]
lines = open(output).read().splitlines()
names = sorted(os.listdir(cases_dir))
bad = 0
if len(lines) != len(names):
    print("FAIL: expected %d lines, got %d" % (len(names), len(lines)))
    bad += 1
for line in lines:
    path, status, text = line.split(" ", 2)
    name = os.path.basename(os.path.dirname(path))
    if status != "REGOC_OK":
        print("FAIL: %s: status %s: %s" % (name, status, text))
        bad += 1
        continue
    value = json.loads(text)["result"][0]["expressions"][0]["value"]
    want = json.load(open(os.path.join(cases_dir, name, "expected.json")))
    if value != want:
        print("FAIL: %s: verdict %s, expected %s" % (name, value, want))
        bad += 1
sys.exit(1 if bad else 0)
EOF
}

for engine in "" "--jit"; do
  label=${engine:-interp}
  # shellcheck disable=SC2086  # $engine is empty or one word
  "$MESH_CHECK" $engine "$example" "$example"/cases/*/input.json >"$scratch/out" 2>"$scratch/err"
  status=$?
  [ "$status" = 0 ] || fail "$label: mesh_check exited with status $status: $(cat "$scratch/err")"
  compare_verdicts "$scratch/out"
done

printf '{"source": ' >"$scratch/truncated.json"
"$MESH_CHECK" "$example" "$scratch/truncated.json" >"$scratch/out" 2>&1
status=$?
[ "$status" = 1 ] || fail "malformed input: exit status $status, expected 1"
grep -q 'truncated.json REGOC_INVALID_JSON {"errors":\[' "$scratch/out" ||
  fail "malformed input: unexpected output: $(cat "$scratch/out")"

"$MESH_CHECK" "$example" >/dev/null 2>&1
status=$?
[ "$status" = 2 ] || fail "missing inputs: exit status $status, expected 2"

if [ "$failures" -gt 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "c_example: all checks passed"
