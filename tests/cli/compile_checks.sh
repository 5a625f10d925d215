#!/usr/bin/env bash
# Checks compile-time and evaluation errors of `regoc eval` that OPA 1.20 reports for rules
# that overlap each other or the data, and for an output argument of the wrong type.
#
# Usage: bash compile_checks.sh <regoc-binary> <source-dir> <workloads-dir>
set -euo pipefail
REGOC=$1
source "$(dirname "$0")/lib/helpers.bash"

# error_field FIELD: prints field FIELD ("code", "message", "file", "row") of the first error
# in $out, which contains opa eval's JSON error form.
error_field() {
  python3 -c '
import json, sys
error = json.loads(sys.argv[1])["errors"][0]
field = sys.argv[2]
print(error["location"][field] if field in ("file", "row") else error[field])
' "$out" "$1"
}

# --- data at the path of a rule (`opa eval -d data.json -d policy.rego`) ---------------------

mkdir -p "$scratch/data"
printf '{"a": {"p": 1}}\n' >"$scratch/data/data.json"
printf 'package a\n\np := 2\n' >"$scratch/data/a.rego"
run "$REGOC" eval -d "$scratch/data/data.json" -d "$scratch/data/a.rego" data.a
check_status "data conflict exit status" 2
check_eq "data conflict code" "rego_compile_error" "$(error_field code)"
check_eq "data conflict message" "conflicting rule for data path a/p found" \
  "$(error_field message)"
check_eq "data conflict file" "$scratch/data/a.rego" "$(error_field file)"
check_eq "data conflict row" "3" "$(error_field row)"

run "$REGOC" eval -f pretty -d "$scratch/data/data.json" -d "$scratch/data/a.rego" data.a
message="conflicting rule for data path a/p found"
check_eq "data conflict text form" \
  "1 error occurred: $scratch/data/a.rego:3: rego_compile_error: $message" "$err"

# Data beside the rule, not at its path, is no conflict.
printf '{"a": {"q": 1}}\n' >"$scratch/data/other.json"
run "$REGOC" eval -f values -d "$scratch/data/other.json" -d "$scratch/data/a.rego" data.a
check_status "data beside a rule exit status" 0
check_json_eq "data beside a rule value" '[{"p": 2, "q": 1}]' "$out"

# The same conflict through a bundle's data file.
mkdir -p "$scratch/bundle/a"
printf '{"p": 1}\n' >"$scratch/bundle/a/data.json"
printf 'package a\n\np := 2\n' >"$scratch/bundle/a.rego"
run "$REGOC" eval -b "$scratch/bundle" data.a
check_status "bundle data conflict exit status" 2
check_eq "bundle data conflict message" "conflicting rule for data path a/p found" \
  "$(error_field message)"

# --- overlapping rules -----------------------------------------------------------------------

# A ground rule with rules below it is a compile error.
printf 'package p\n\nq := 1\n\nq.r := 2\n' >"$scratch/ground.rego"
run "$REGOC" eval -d "$scratch/ground.rego" data.p
check_status "ground rule with rule below exit status" 2
check_eq "ground rule with rule below code" "rego_type_error" "$(error_field code)"
check_eq "ground rule with rule below message" "rule data.p.q conflicts with [data.p.q.r]" \
  "$(error_field message)"

# A rule with a variable in its ref may overlap a ground rule. Different values for one key
# make the evaluation fail on both executors, whether the query reads the object or the key.
printf 'package p\n\nq.r := 1\n\nq[s] := 2 if s := "r"\n' >"$scratch/overlap.rego"
for engine in interp jit; do
  for query in data.p data.p.q data.p.q.r; do
    run "$REGOC" eval --engine "$engine" -d "$scratch/overlap.rego" "$query"
    check_status "overlapping rules $query ($engine) exit status" 2
    check_eq "overlapping rules $query ($engine) code" "eval_conflict_error" \
      "$(error_field code)"
    check_eq "overlapping rules $query ($engine) message" "object keys must be unique" \
      "$(error_field message)"
  done
done

# Equal values for one key, and sets at one key, merge.
cat >"$scratch/merge.rego" <<'REGO'
package p

q.r := 1

q[s] := 1 if s := "r"

u.t contains 1

u[s] contains 2 if s := "t"
REGO
for engine in interp jit; do
  run "$REGOC" eval --engine "$engine" -f values -d "$scratch/merge.rego" data.p
  check_status "overlapping rules that agree ($engine) exit status" 0
  check_json_eq "overlapping rules that agree ($engine) value" \
    '[{"q": {"r": 1}, "u": {"t": [1, 2]}}]' "$out"
done

# --- output arguments --------------------------------------------------------------------------

run "$REGOC" eval 'count([1], "a")'
check_status "output argument type exit status" 2
check_eq "output argument type code" "rego_type_error" "$(error_field code)"
count_type="any<array[any], object[any: any], set[any], string>"
expected=$(printf 'count: invalid argument(s)\n\thave: %s\n\twant: (%s, number)' \
  "(array<number>, string)" "$count_type")
check_eq "output argument type message" "$expected" "$(error_field message)"

run "$REGOC" eval -f values 'count([1], 1)'
check_status "output argument of the result type exit status" 0
check_json_eq "output argument of the result type value" '[true]' "$out"

finish
