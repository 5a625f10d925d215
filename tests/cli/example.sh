#!/usr/bin/env bash
# Evaluates the example service-mesh policy (examples/) on each of its inputs and compares the
# verdict with examples/cases/<case>/expected.json; also runs scripts/demo.sh and the
# policy's own tests with `regoc test examples/`.
#
# Usage: bash example.sh <regoc-binary> <source-dir> <workloads-dir>
set -euo pipefail
REGOC=$1
SOURCE=$2
source "$(dirname "$0")/lib/helpers.bash"

example="$SOURCE/examples"
query=data.servicemesh.authz.verdict
for input in "$example"/cases/*/input.json; do
  name=$(basename "$(dirname "$input")")
  run "$REGOC" eval -d "$example/policy.rego" -d "$example/data.json" -i "$input" \
    --format values "$query"
  check_status "$name exit status" 0
  [ "$status" = 0 ] || continue
  check_json_eq "$name verdict" "[$(cat "$example/cases/$name/expected.json")]" "$out"
done

run bash "$SOURCE/scripts/demo.sh" "$REGOC"
check_status "demo.sh exit status" 0
check_contains "demo.sh prints a decision" "$out" "allow_checkout_charge"

run "$REGOC" test "$example"
check_status "regoc test examples/ exit status" 0
check_contains "regoc test examples/ passes" "$out" "PASS:"

finish
