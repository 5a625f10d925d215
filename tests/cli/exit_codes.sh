#!/usr/bin/env bash
# Checks the exit statuses and error output of `regoc eval`: 0 on success, 1 for --fail and
# --fail-defined, 2 for errors (parse, compile, evaluation, unreadable files, bad options),
# with errors in opa eval's JSON and text forms.
#
# Usage: bash exit_codes.sh <regoc-binary> <source-dir> <workloads-dir>
set -euo pipefail
REGOC=$1
source "$(dirname "$0")/lib/helpers.bash"

cat >"$scratch/ok.rego" <<'REGO'
package ok

yes := true

number := to_number(input.text)
REGO
eval_ok() { run "$REGOC" eval -d "$scratch/ok.rego" "$@"; }

# --fail and --fail-defined
eval_ok --fail data.ok.yes
check_status "--fail on a defined result" 0
eval_ok --fail data.ok.missing
check_status "--fail on an undefined result" 1
check_eq "--fail still prints the result" "{}" "$out"
eval_ok --fail-defined data.ok.yes
check_status "--fail-defined on a defined result" 1
eval_ok --fail-defined data.ok.missing
check_status "--fail-defined on an undefined result" 0
eval_ok --fail --fail-defined data.ok.yes
check_status "--fail with --fail-defined" 2

# A parse error: exit 2, the file and row in both error forms.
printf 'package broken\n\nallow if {\n  input.x ==\n}\n' >"$scratch/broken.rego"
run "$REGOC" eval -d "$scratch/broken.rego" data.broken.allow
check_status "parse error exit status" 2
verdict=$(python3 -c '
import json, sys
doc = json.loads(sys.argv[1], object_pairs_hook=lambda pairs: pairs)
errors = dict(doc)["errors"]
first = errors[0]
keys = [k for k, _ in first]
fields = dict(first)
location = dict(fields.get("location", []))
problems = []
if keys != ["details", "location", "message", "code"]:
    problems.append("error members are %s, expected details, location, message, code" % keys)
if fields.get("code") != "rego_parse_error":
    problems.append("code is %r" % fields.get("code"))
if location.get("file") != sys.argv[2]:
    problems.append("file is %r" % location.get("file"))
if location.get("row") not in (4, 5):
    problems.append("row is %r, expected 4 or 5" % location.get("row"))
print("; ".join(problems))
' "$out" "$scratch/broken.rego" 2>&1 || true)
check_eq "parse error as JSON" "" "$verdict"

run "$REGOC" eval -d "$scratch/broken.rego" --format pretty data.broken.allow
check_status "parse error exit status (pretty)" 2
check_contains "parse error as text" "$err" "error occurred: $scratch/broken.rego:"
check_contains "parse error code as text" "$err" ": rego_parse_error: "
check_eq "parse error leaves stdout empty (pretty)" "" "$out"

# A compile error in the query.
eval_ok 'x := undefined_function_name(1)'
check_status "compile error exit status" 2
check_contains "compile error code" "$out" '"code": "rego_type_error"'

# Builtin errors: undefined by default, an error with --strict-builtin-errors.
echo '{"text": "not a number"}' >"$scratch/input.json"
eval_ok -i "$scratch/input.json" data.ok.number
check_status "builtin error, not strict" 0
check_eq "builtin error makes the value undefined" "{}" "$out"
eval_ok -i "$scratch/input.json" --strict-builtin-errors data.ok.number
check_status "builtin error, strict" 2
check_contains "strict builtin error code" "$out" '"code": "eval_builtin_error"'

# Files that cannot be loaded.
run "$REGOC" eval -d "$scratch/no-such-file.json" data
check_status "missing data file" 2
check_contains "missing data file is named" "$out" "no-such-file.json"
printf '{"a": [1, 2' >"$scratch/bad.json"
run "$REGOC" eval -d "$scratch/bad.json" data
check_status "invalid JSON data" 2
check_contains "invalid JSON data file is named" "$out" "bad.json"
run "$REGOC" eval -d "$scratch/bad.json" --format pretty data
check_contains "invalid JSON data as text" "$err" "1 error occurred: $scratch/bad.json"
eval_ok -i "$scratch/bad.json" data.ok.yes
check_status "invalid input" 2
check_contains "invalid input is named" "$err" "bad.json"
eval_ok -i "$scratch/no-such-input.json" data.ok.yes
check_status "missing input" 2
check_contains "missing input is named" "$err" "no-such-input.json"

# Options.
run "$REGOC" eval --no-such-option data
check_status "unknown option" 2
check_contains "unknown option is named" "$err" "--no-such-option"
run "$REGOC" eval
check_status "missing query" 2
run "$REGOC" eval data.a data.b
check_status "two queries" 2
run "$REGOC" eval --format yaml data
check_status "unknown format" 2
for option in --partial --explain=full --profile --coverage --metrics "--capabilities=x.json" \
  "-t wasm" "--target=wasm" --strict --v0-compatible "--timeout=1s" "--unknowns=input" \
  "--schema=s.json" "--package=x" "--import=data.x" "--ignore=.*" --instrument "-O 1" \
  "--count=2"; do
  # shellcheck disable=SC2086 # options with a separate value must split into two words
  run "$REGOC" eval $option data
  check_status "$option is rejected" 2
  check_contains "$option is reported as not supported" "$err" "not supported yet"
done
run "$REGOC" eval --target rego -d "$scratch/ok.rego" --format raw data.ok.yes
check_status "--target rego is accepted" 0

# Help and version.
run "$REGOC" eval --help
check_status "eval --help" 0
check_contains "eval --help lists --data" "$out" "--data"
run "$REGOC" --help
check_status "--help" 0
check_contains "--help lists eval" "$out" "eval"
run "$REGOC" version
check_status "version" 0
check_contains "version output" "$out" "Version:"
run "$REGOC" frobnicate
check_status "unknown command" 2

finish
