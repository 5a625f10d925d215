#!/usr/bin/env bash
# Checks how `regoc eval` loads -d folders and -b bundles: where data files land, YAML data,
# merging and merge conflicts, and bundle manifests.
#
# Usage: bash loading.sh <regoc-binary> <source-dir> <workloads-dir>
set -euo pipefail
REGOC=$1
source "$(dirname "$0")/lib/helpers.bash"

# -d folder: a data file lands at the path of its folder, files at the root merge at data.
tree="$scratch/tree"
mkdir -p "$tree/a/b" "$tree/c"
echo '{"top": 1}' >"$tree/root.json"
echo '{"x": 2}' >"$tree/a/b/data.json"
echo '{"y": 3}' >"$tree/a/b/more.json"
printf 'z: 4\nlist:\n  - one\n  - two\n' >"$tree/c/values.yaml"
printf 'package a.rules\n\nsum := data.a.b.x + data.a.b.y\n' >"$tree/a/rules.rego"
echo 'not data' >"$tree/a/README.txt"

run "$REGOC" eval -d "$tree" --format raw data.top
check_eq "root file merges at data" "1" "$out"
run "$REGOC" eval -d "$tree" --format raw data.a.b
check_json_eq "files in one folder merge" '{"x": 2, "y": 3}' "$out"
run "$REGOC" eval -d "$tree" --format raw data.c
check_json_eq "YAML data lands at its folder" '{"z": 4, "list": ["one", "two"]}' "$out"
run "$REGOC" eval -d "$tree" --format raw data.a.rules.sum
check_eq "module in the folder is loaded" "5" "$out"
check_status "other file types in folders are skipped" 0

# A data file named on the command line merges at data whatever its folder.
run "$REGOC" eval -d "$tree/a/b/data.json" --format raw data.x
check_eq "named data file merges at data" "2" "$out"

# Two files that define the same key differently conflict.
mkdir -p "$scratch/conflict"
echo '{"k": 1}' >"$scratch/conflict/one.json"
echo '{"k": 2}' >"$scratch/conflict/two.json"
run "$REGOC" eval -d "$scratch/conflict" data
check_status "merge conflict" 2
check_contains "merge conflict names the file" "$out" "two.json"

# A data file at the root must hold an object.
echo '[1, 2]' >"$scratch/array.json"
run "$REGOC" eval -d "$scratch/array.json" data
check_status "array at the root" 2

# -b bundle: data.json and data.yaml by folder, .rego anywhere, other JSON files ignored.
bundle="$scratch/bundle"
mkdir -p "$bundle/roles/admin" "$bundle/policy"
echo '{"roots": ["roles", "policy"]}' >"$bundle/.manifest"
echo '{"level": 9}' >"$bundle/roles/admin/data.json"
printf 'names:\n  - root\n' >"$bundle/roles/data.yaml"
echo '{"ignored": true}' >"$bundle/roles/other.json"
printf 'package policy\n\nlevel := data.roles.admin.level\n' >"$bundle/policy/p.rego"
run "$REGOC" eval -b "$bundle" --format raw data.policy.level
check_eq "bundle module reads bundle data" "9" "$out"
run "$REGOC" eval -b "$bundle" --format raw data.roles
check_json_eq "bundle data by folder" '{"admin": {"level": 9}, "names": ["root"]}' "$out"

# Data outside the manifest's roots is an error.
mkdir -p "$bundle/elsewhere"
echo '{"v": 1}' >"$bundle/elsewhere/data.json"
run "$REGOC" eval -b "$bundle" data
check_status "data outside the manifest roots" 2
check_contains "data outside the roots is named" "$out" "elsewhere"

run "$REGOC" eval -b "$scratch/no-such-bundle" data
check_status "missing bundle" 2

finish
