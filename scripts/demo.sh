#!/usr/bin/env bash
# Evaluates the example service-mesh policy (examples/) on each example input and prints the
# verdict: whether the call is allowed, the HTTP status and the reasons for a denial.
#
# Usage: bash scripts/demo.sh <regoc-binary>
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 <regoc-binary>" >&2
  exit 2
fi
regoc=$1
example="$(cd "$(dirname "$0")/.." && pwd)/examples"
query=data.servicemesh.authz.verdict

echo "Policy: examples/policy.rego   Data: examples/data.json   Query: $query"
echo
echo "The result in the default JSON format of opa eval, for one input:"
echo "\$ regoc eval -d examples/policy.rego -d examples/data.json \\"
echo "    -i examples/cases/allow_checkout_charge/input.json $query"
"$regoc" eval -d "$example/policy.rego" -d "$example/data.json" \
  -i "$example/cases/allow_checkout_charge/input.json" "$query"
echo
echo "Verdict for every example input (--format raw):"
for input in "$example"/cases/*/input.json; do
  verdict=$("$regoc" eval -d "$example/policy.rego" -d "$example/data.json" -i "$input" \
    --format raw "$query")
  printf '  %-40s %s\n' "$(basename "$(dirname "$input")")" "$verdict"
done
