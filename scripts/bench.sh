#!/usr/bin/env bash
# Measures every workload with `regoc bench` on both executors, with the input already parsed
# and with the JSON parse in each decision, and prints the machine and a Markdown table of the
# figures (the table of docs/benchmarks.md).
#
# Each figure is measured RUNS times (default 2) in separate processes. The row shows the run
# with the lowest p50, except for the prepare time, which is the lowest of all runs: a burst of
# load from other processes then decides no figure unless it lasts through every run.
#
# Usage: bash scripts/bench.sh <regoc-binary> <workloads-dir> [runs]
# BENCHTIME (default 1s) is passed to regoc bench --benchtime, and API (default eval) to --api:
# eval builds the whole result set, decide returns only the decision's value.
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 <regoc-binary> <workloads-dir> [runs]" >&2
  exit 2
fi
regoc=$1
workloads=$2
runs=${3:-2}
benchtime=${BENCHTIME:-1s}
api=${API:-eval}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The one-rule policy and its input.
mkdir -p "$scratch/one-rule/inputs"
printf 'package p\n\nallow if input.user.role == "admin"\n' >"$scratch/one-rule/policy.rego"
printf '{"user": {"role": "admin"}}\n' >"$scratch/one-rule/inputs/admin.json"

# name, folder, query and input of each workload; the inputs are those of
# bench/workloads_bench.cc.
entries=(
  "one-rule $scratch/one-rule data.p.allow admin.json"
  "mesh-authz $workloads/mesh-authz data.mesh.authz.decision allow_get_order.json"
  "rbac-large $workloads/rbac-large data.rbac.allow q00.json"
  "abac-rules $workloads/abac-rules data.abac.deny q00.json"
)

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores," \
  "$(free -g | awk '/^Mem:/ {print $2}') GiB of memory"
echo "Kernel: $(uname -r); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Each row: the lowest-p50 run of $runs with the lowest prepare time of all $runs," \
  "--benchtime $benchtime, --api $api."
echo
echo "| workload | engine | input | p50 ns | p90 ns | p99 ns | ns/op | CPU ns/op | allocs/op |" \
  "prepare ms | peak RSS MiB |"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"

for entry in "${entries[@]}"; do
  read -r name dir query input <<<"$entry"
  modules=()
  for module in "$dir"/*.rego; do modules+=(-d "$module"); done
  data=()
  [ -f "$dir/data.json" ] && data=(-d "$dir/data.json")
  for engine in interp jit; do
    for parse in false true; do
      best=""
      for ((run = 0; run < runs; run++)); do
        "$regoc" bench "${modules[@]}" "${data[@]}" -i "$dir/inputs/$input" \
          --engine "$engine" --parse-input="$parse" --benchtime "$benchtime" --api "$api" \
          --format json "$query" >"$scratch/run$run.json"
        best=$(python3 - "$scratch/run$run.json" "$best" <<'PY'
import json, sys
current = json.load(open(sys.argv[1]))
best = json.loads(sys.argv[2]) if sys.argv[2] else None
if best is None:
    print(json.dumps(current))
    sys.exit(0)
prepare_ns = min(current["prepare_ns"], best["prepare_ns"])
lowest_p50_run = current if current["p50_ns"] < best["p50_ns"] else best
lowest_p50_run["prepare_ns"] = prepare_ns
print(json.dumps(lowest_p50_run))
PY
)
      done
      python3 - "$best" "$name" "$engine" "$parse" <<'PY'
import json, sys
def ns(value):
    return "%.1f" % value if value < 100 else "%.0f" % value
r = json.loads(sys.argv[1])
label = "JSON text" if sys.argv[4] == "true" else "parsed"
print("| %s | %s | %s | %s | %s | %s | %s | %s | %.1f | %.1f | %.0f |" % (
    sys.argv[2], sys.argv[3], label, ns(r["p50_ns"]), ns(r["p90_ns"]), ns(r["p99_ns"]),
    ns(r["ns_per_op"]), ns(r["cpu_ns_per_op"]), r["allocs_per_op"], r["prepare_ns"] / 1e6,
    r["peak_rss_bytes"] / 1048576))
PY
    done
  done
done
