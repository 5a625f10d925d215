#!/usr/bin/env bash
# Evaluates the example service-mesh policy (examples/) on each of its inputs and compares the
# verdict with examples/expected/<input>.json; also runs scripts/demo.sh.
#
# Usage: bash example.sh <regoc-binary> <source-dir> <workloads-dir>
set -euo pipefail
REGOC=$1
SOURCE=$2
source "$(dirname "$0")/lib/helpers.bash"

example="$SOURCE/examples"
query=data.servicemesh.authz.verdict
for input in "$example"/inputs/*.json; do
  name=$(basename "$input" .json)
  run "$REGOC" eval -d "$example/policy.rego" -d "$example/data.json" -i "$input" \
    --format values "$query"
  check_status "$name exit status" 0
  [ "$status" = 0 ] || continue
  check_json_eq "$name verdict" "[$(cat "$example/expected/$name.json")]" "$out"
done

run bash "$SOURCE/scripts/demo.sh" "$REGOC"
check_status "demo.sh exit status" 0
check_contains "demo.sh prints a decision" "$out" "allow_checkout_charge"

finish
