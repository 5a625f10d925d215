#!/usr/bin/env bash
# Evaluates every input of the workloads folder with `regoc eval`, on both executors, and
# compares each value with the expected result, as JSON values (key order and spacing do not
# matter).
#
# Usage: bash workloads.sh <regoc-binary> <source-dir> <workloads-dir>
set -euo pipefail
REGOC=$1
WORKLOADS=$3
source "$(dirname "$0")/lib/helpers.bash"

# folder and query of each workload
workloads=(
  "mesh-authz data.mesh.authz.decision"
  "rbac-large data.rbac.allow"
  "abac-rules data.abac.deny"
)

for entry in "${workloads[@]}"; do
  read -r folder query <<<"$entry"
  dir="$WORKLOADS/$folder"
  if [ ! -d "$dir" ]; then
    report_failure "$folder" "workload folder $dir not found"
    continue
  fi
  modules=()
  for module in "$dir"/*.rego; do modules+=(-d "$module"); done
  for engine in interp jit; do
    for input in "$dir"/inputs/*.json; do
      name=$(basename "$input" .json)
      expected="$dir/expected/$name.json"
      # --format values prints one array of expression values per result.
      run "$REGOC" eval --engine "$engine" "${modules[@]}" -d "$dir/data.json" -i "$input" \
        --format values "$query"
      check_status "$folder/$name ($engine) exit status" 0
      [ "$status" = 0 ] || continue
      check_json_eq "$folder/$name ($engine) value" "[$(cat "$expected")]" "$out"
    done
  done
done

finish
