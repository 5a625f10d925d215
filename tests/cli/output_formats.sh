#!/usr/bin/env bash
# Checks the output formats of `regoc eval` byte for byte against what `opa eval` prints:
# json (the default), values, bindings, raw, pretty and discard, for defined, undefined and
# multi-result queries.
#
# Usage: bash output_formats.sh <regoc-binary> <source-dir> <workloads-dir>
set -euo pipefail
REGOC=$1
source "$(dirname "$0")/lib/helpers.bash"

cat >"$scratch/t.rego" <<'REGO'
package t

n := 3

msg := "a<b"

roles := {"dev", "admin"}

allow if input.user == "alice"
REGO
eval_t() { run "$REGOC" eval -d "$scratch/t.rego" "$@"; }

# json: indented by two spaces, members in OPA's order, a trailing newline.
eval_t data.t.n
check_status "json exit status" 0
check_eq "json single value" '{
  "result": [
    {
      "expressions": [
        {
          "value": 3,
          "text": "data.t.n",
          "location": {
            "row": 1,
            "col": 1
          }
        }
      ]
    }
  ]
}
' "$out_bytes"

eval_t 'x := data.t.roles'
check_eq "json with bindings" '{
  "result": [
    {
      "expressions": [
        {
          "value": true,
          "text": "x := data.t.roles",
          "location": {
            "row": 1,
            "col": 1
          }
        }
      ],
      "bindings": {
        "x": [
          "admin",
          "dev"
        ]
      }
    }
  ]
}
' "$out_bytes"

eval_t data.t.msg
check_contains "json escapes < as in Go" "$out" '"value": "a\u003cb"'

eval_t data.t.allow
check_eq "json undefined" '{}
' "$out_bytes"

eval_t 'data.t.n; data.t.msg'
check_contains "json second expression location" "$out" '"text": "data.t.msg",
          "location": {
            "row": 1,
            "col": 11
          }'

# values: one indented array per result.
eval_t --format values 'x := [1, 2][_]'
check_eq "values two results" '[
  true
]
[
  true
]
' "$out_bytes"
eval_t --format values data.t.allow
check_eq "values undefined prints nothing" "" "$out_bytes"

# bindings: one indented object per result.
eval_t --format bindings 'x := [1, 2][_]'
check_eq "bindings two results" '{
  "x": 1
}
{
  "x": 2
}
' "$out_bytes"

# raw: strings without quotes, other values as compact JSON, expressions separated by spaces.
eval_t --format raw data.t.msg
check_eq "raw string" 'a<b
' "$out_bytes"
eval_t --format raw 'data.t.n; data.t.roles'
check_eq "raw two expressions" '3 ["admin","dev"]
' "$out_bytes"

# pretty: a single value as indented JSON, several results as a table.
eval_t --format pretty data.t.roles
check_eq "pretty single value" '[
  "admin",
  "dev"
]
' "$out_bytes"
eval_t --format pretty data.t.allow
check_eq "pretty undefined" 'undefined
' "$out_bytes"
eval_t --format pretty 'x := data.t.roles[_]'
check_eq "pretty table" '┌─────────┐
│    x    │
├─────────┤
│ "admin" │
│ "dev"   │
└─────────┘
' "$out_bytes"
eval_t --format pretty 'x := 1; y := "two"'
check_eq "pretty table of two bindings" '┌───┬───────┐
│ x │   y   │
├───┼───────┤
│ 1 │ "two" │
└───┴───────┘
' "$out_bytes"
eval_t --format pretty --pretty-limit 5 'x := "abcdefghij"; y := 1 + 1'
check_contains "pretty limit cuts cells" "$out" '│ "abcd... │'

# discard: the result is replaced by "discarded".
eval_t --format discard data.t.n
check_eq "discard" '{
  "result": "discarded"
}
' "$out_bytes"

# input from a file and from stdin.
echo '{"user": "alice"}' >"$scratch/input.json"
eval_t -i "$scratch/input.json" --format raw data.t.allow
check_eq "input file" "true" "$out"
printf 'user: alice\n' >"$scratch/input.yaml"
eval_t --stdin-input --format raw data.t.allow <"$scratch/input.yaml"
check_eq "YAML input on stdin" "true" "$out"
printf 'data.t.n' >"$scratch/query.rego"
eval_t --stdin --format raw <"$scratch/query.rego"
check_eq "query on stdin" "3" "$out"

finish
