#!/usr/bin/env bash
# Checks `regoc capabilities`: --current prints JSON that lists OPA's named builtins (those
# called by name, not operators or internal.*) with OPA's declarations, --file and --version
# print the same document, and bad options or files exit with status 2. OPA's declarations
# come from runtime/builtins/declarations.inc, which is generated from OPA's capabilities file.
#
# Usage: bash capabilities.sh <regoc-binary> <source-dir> <workloads-dir>
set -euo pipefail
REGOC=$1
SOURCE_DIR=$2
source "$(dirname "$0")/lib/helpers.bash"

# Named builtins of OPA 1.20.2 that regoc does not implement yet. The check below fails when
# one of them appears, so that this list shrinks as they are implemented.
not_implemented=""

run "$REGOC" capabilities --current
check_status "--current exits 0" 0
printf '%s\n' "$out" >"$scratch/current.json"

checks=$((checks + 1))
verdict=$(python3 - "$SOURCE_DIR/runtime/builtins/declarations.inc" "$scratch/current.json" \
  "$not_implemented" <<'PYTHON'
import json, re, sys

declarations_path, output_path, not_implemented = sys.argv[1], sys.argv[2], sys.argv[3].split()
text = open(declarations_path).read()
# Each entry: {"name", arity, R"json(...)json" pieces, "infix", flags...},
entries = re.findall(r'^\{"([^"]+)", (-?\d+),\n((?:    R"json\(.*?\)json"\n?)+),\s*"([^"]*)",',
                     text, re.M)
opa = {}
for name, _, pieces, infix in entries:
    declaration = "".join(re.findall(r'R"json\((.*?)\)json"', pieces))
    opa[name] = (json.loads(declaration), infix)
named = sorted(n for n, (_, infix) in opa.items() if not infix and not n.startswith("internal."))
problems = []
if len(named) != 186:
    problems.append("expected 186 named builtins in OPA's declarations, found %d" % len(named))
try:
    output = json.load(open(output_path))
except ValueError as error:
    print("output is not JSON: %s" % error)
    sys.exit(0)
listed = {builtin["name"]: builtin for builtin in output.get("builtins", [])}
for name in named:
    if name in not_implemented:
        if name in listed:
            problems.append("%s is listed now; remove it from not_implemented" % name)
    elif name not in listed:
        problems.append("named builtin %s is missing" % name)
for name, builtin in listed.items():
    if name not in opa:
        problems.append("%s is not an OPA builtin" % name)
    elif builtin.get("decl") != opa[name][0]:
        problems.append("%s has a declaration other than OPA's" % name)
    elif builtin.get("infix", "") != opa[name][1]:
        problems.append("%s has an infix other than OPA's" % name)
if output.get("features") != ["keywords_in_refs", "rego_v1", "template_strings"]:
    problems.append("unexpected features %r" % output.get("features"))
print("; ".join(problems))
PYTHON
)
if [ -n "$verdict" ]; then report_failure "builtins and declarations" "$verdict"; fi

# Key order and layout follow Go's json.MarshalIndent of OPA's Capabilities struct.
check_eq "first lines" '{
  "builtins": [
    {
      "name": "abs",' "$(head -n 4 "$scratch/current.json")"
check_contains "HTML characters escaped as Go does" "$out" '"infix": "\u0026"'

run "$REGOC" capabilities --file "$scratch/current.json"
check_status "--file exits 0" 0
check_eq "--file prints a canonical file unchanged" "$(cat "$scratch/current.json")" "$out"

run "$REGOC" capabilities --version v1.20.2
check_status "--version v1.20.2 exits 0" 0
check_eq "--version v1.20.2 is --current" "$(cat "$scratch/current.json")" "$out"

run "$REGOC" capabilities
check_status "no option exits 0" 0
check_eq "no option lists the known versions" "v1.20.2" "$out"

run "$REGOC" capabilities --version v0.50.0
check_status "unknown version exits 2" 2
check_contains "unknown version message" "$err" "no capabilities version found v0.50.0"

printf '{"builtins": [{"name": "f", "decl": 3}]}' >"$scratch/bad.json"
run "$REGOC" capabilities --file "$scratch/bad.json"
check_status "invalid file exits 2" 2
check_contains "invalid file message" "$err" "decl must be an object"

printf '{"builtins": [' >"$scratch/broken.json"
run "$REGOC" capabilities --file "$scratch/broken.json"
check_status "file that is not JSON exits 2" 2

run "$REGOC" capabilities --file "$scratch/missing.json"
check_status "missing file exits 2" 2
check_contains "missing file message" "$err" "cannot read capabilities file"

printf '{"future_keywords": ["in"], "unknown": 1, "allow_net": ["example.com"]}' \
  >"$scratch/small.json"
run "$REGOC" capabilities --file "$scratch/small.json"
check_status "small file exits 0" 0
check_eq "unknown members dropped, struct order kept" '{
  "future_keywords": [
    "in"
  ],
  "allow_net": [
    "example.com"
  ]
}' "$out"

run "$REGOC" capabilities --v0-compatible
check_status "--v0-compatible is rejected" 2

run "$REGOC" capabilities extra
check_status "positional argument is rejected" 2

finish
