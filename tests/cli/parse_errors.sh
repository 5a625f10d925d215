#!/usr/bin/env bash
# Checks parse errors and error output of `regoc eval` byte for byte against the shapes that
# `opa eval` prints (OPA 1.20): the source line and a caret after a parse error in the text
# form, "details" {"line", "idx"} first in the JSON error object and sorted keys in the discard
# format, invalid UTF-8 in a module or the query as a rego_parse_error with its location, the
# member order of evaluation errors, and YAML errors for an input document that is neither JSON
# nor YAML.
#
# Usage: bash parse_errors.sh <regoc-binary> <source-dir> <workloads-dir>
set -euo pipefail
REGOC=$1
source "$(dirname "$0")/lib/helpers.bash"

# --- a syntax error at the end of the file ---------------------------------------------------
printf 'package x\n\nallow if {' >"$scratch/eof.rego"
run "$REGOC" eval -d "$scratch/eof.rego" --format pretty data.x.allow
check_status "eof error exit status" 2
check_eq "eof error leaves stdout empty" "" "$out"
check_eq "eof error as text" "1 error occurred: $scratch/eof.rego:3: rego_parse_error: \
unexpected eof token
	allow if {
	         ^" "$err"

run "$REGOC" eval -d "$scratch/eof.rego" data.x.allow
check_status "eof error exit status (json)" 2
check_eq "eof error as JSON" '{
  "errors": [
    {
      "details": {
        "line": "allow if {",
        "idx": 9
      },
      "location": {
        "file": "'"$scratch"'/eof.rego",
        "row": 3,
        "col": 10
      },
      "message": "unexpected eof token",
      "code": "rego_parse_error"
    }
  ]
}
' "$out_bytes"

# The discard format decodes OPA's output into a Go map and encodes it again: keys sorted.
run "$REGOC" eval -d "$scratch/eof.rego" --format discard data.x.allow
check_status "eof error exit status (discard)" 2
check_eq "eof error in the discard format" '{
  "errors": [
    {
      "code": "rego_parse_error",
      "details": {
        "idx": 9,
        "line": "allow if {"
      },
      "location": {
        "col": 10,
        "file": "'"$scratch"'/eof.rego",
        "row": 3
      },
      "message": "unexpected eof token"
    }
  ]
}
' "$out_bytes"

# After a final newline, OPA's scanner places the eof token at column 0 of the next row.
printf 'package x\n\nallow if {\n' >"$scratch/eof_newline.rego"
run "$REGOC" eval -d "$scratch/eof_newline.rego" data.x.allow
check_contains "eof after newline: row and column" "$out" '"row": 4,
        "col": 0'
check_contains "eof after newline: details" "$out" '"line": "allow if {",
        "idx": 9'

# --- tabs are dropped from the printed line, and the caret moves with them --------------------
printf 'package x\n\nallow if {\n\t\tx := [1,\n}\n' >"$scratch/tabs.rego"
run "$REGOC" eval -d "$scratch/tabs.rego" --format raw data.x.allow
check_eq "unexpected token as text" "1 error occurred: $scratch/tabs.rego:5: rego_parse_error: \
unexpected } token
	}
	^" "$err"

printf 'package x\n\nallow if {\n\t\tx := y z\n}\n' >"$scratch/separator.rego"
run "$REGOC" eval -d "$scratch/separator.rego" --format pretty data.x.allow
check_eq "missing separator as text" "1 error occurred: $scratch/separator.rego:4: \
rego_parse_error: unexpected ident token: expected \\n or ; or }
	x := y z
	       ^" "$err"

# --- errors that OPA finds after parsing carry no details ------------------------------------
printf 'package x\n\nallow { true }\n' >"$scratch/no_if.rego"
run "$REGOC" eval -d "$scratch/no_if.rego" --format pretty data.x.allow
check_eq "post-parse error has no caret" "1 error occurred: $scratch/no_if.rego:3: \
rego_parse_error: \`if\` keyword is required before rule body" "$err"
run "$REGOC" eval -d "$scratch/no_if.rego" data.x.allow
check_eq "post-parse error JSON has no details" '{
  "errors": [
    {
      "location": {
        "file": "'"$scratch"'/no_if.rego",
        "row": 3,
        "col": 1
      },
      "message": "`if` keyword is required before rule body",
      "code": "rego_parse_error"
    }
  ]
}
' "$out_bytes"

# --- invalid UTF-8 -----------------------------------------------------------------------------
# A Latin-1 "é" (0xE9) in a comment: the error sits at the comment, the JSON line shows U+FFFD
# as Go's encoder writes it, and the text form prints the raw byte. OPA's parser stops right
# there, so this is OPA's whole output.
printf 'package x\n# caf\xe9\nallow := 1\n' >"$scratch/comment.rego"
run "$REGOC" eval -d "$scratch/comment.rego" data.x.allow
check_status "invalid UTF-8 in a module: exit status" 2
check_eq "invalid UTF-8 in a module as JSON" '{
  "errors": [
    {
      "details": {
        "line": "# caf\ufffd",
        "idx": 0
      },
      "location": {
        "file": "'"$scratch"'/comment.rego",
        "row": 2,
        "col": 1
      },
      "message": "illegal utf-8 character",
      "code": "rego_parse_error"
    }
  ]
}
' "$out_bytes"
run "$REGOC" eval -d "$scratch/comment.rego" --format pretty data.x.allow
check_status "invalid UTF-8 in a module: exit status (pretty)" 2
check_eq "invalid UTF-8 in a module as text" "1 error occurred: $scratch/comment.rego:2: \
rego_parse_error: illegal utf-8 character
	# caf"$'\xe9'"
	^" "$err"

# In a string, the error sits at the string. OPA goes on parsing and may add "illegal token"
# errors at the same place, which regoc does not report.
printf 'package x\n\nallow if {\n\tx := "caf\xe9"\n}\n' >"$scratch/string.rego"
run "$REGOC" eval -d "$scratch/string.rego" --format pretty data.x.allow
check_status "invalid UTF-8 in a string: exit status" 2
check_contains "invalid UTF-8 in a string: location" "$err" \
  "$scratch/string.rego:4: rego_parse_error: illegal utf-8 character"

# The same in a folder given with -d.
mkdir -p "$scratch/policies"
cp "$scratch/string.rego" "$scratch/policies/"
run "$REGOC" eval -d "$scratch/policies" --format pretty data.x.allow
check_status "invalid UTF-8 in a folder: exit status" 2
check_contains "invalid UTF-8 in a folder as text" "$err" \
  "$scratch/policies/string.rego:4: rego_parse_error: illegal utf-8 character"

# In the query, the location has no file and prints as row:col.
run "$REGOC" eval $'"caf\xe9" == x'
check_status "invalid UTF-8 in the query: exit status" 2
check_eq "invalid UTF-8 in the query as JSON" '{
  "errors": [
    {
      "details": {
        "line": "\"caf\ufffd\" == x",
        "idx": 0
      },
      "location": {
        "file": "",
        "row": 1,
        "col": 1
      },
      "message": "illegal utf-8 character",
      "code": "rego_parse_error"
    }
  ]
}
' "$out_bytes"
run "$REGOC" eval --format pretty $'"caf\xe9" == x'
check_eq "invalid UTF-8 in the query as text" "1 error occurred: 1:1: rego_parse_error: \
illegal utf-8 character
	\"caf"$'\xe9'"\" == x
	^" "$err"
run "$REGOC" eval --format pretty $'x := 1 +\xff 2'
check_status "invalid UTF-8 after an operator: exit status" 2
check_contains "invalid UTF-8 after an operator: location" "$err" \
  "1 error occurred: 1:8: rego_parse_error: illegal utf-8 character"

# --- evaluation errors: location, message, code (no details) ----------------------------------
cat >"$scratch/conflict.rego" <<'REGO'
package c

r := 1 if input.a
r := 2 if input.a
REGO
echo '{"a": true}' >"$scratch/input.json"
run "$REGOC" eval -d "$scratch/conflict.rego" -i "$scratch/input.json" data.c.r
check_status "evaluation error exit status" 2
verdict=$(python3 -c '
import json, sys
doc = json.loads(sys.argv[1], object_pairs_hook=lambda pairs: pairs)
first = dict(doc)["errors"][0]
keys = [k for k, _ in first]
if keys != ["location", "message", "code"]:
    print("error members are %s, expected location, message, code" % keys)
' "$out" 2>&1 || true)
check_eq "evaluation error members in OPA's order" "" "$verdict"
check_contains "evaluation error code" "$out" '"code": "eval_conflict_error"'

# --- input documents: YAML errors with their location -----------------------------------------
printf 'a: 1\nb: [1, 2\nc: d\n' >"$scratch/input.yaml"
run "$REGOC" eval -i "$scratch/input.yaml" input
check_status "invalid YAML input: exit status" 2
check_eq "invalid YAML input: stdout" "" "$out"
check_eq "invalid YAML input: message" "unable to parse input from $scratch/input.yaml: \
invalid YAML at line 3, column 2: end of sequence flow not found" "$err"

printf 'a: b: c\n' >"$scratch/stdin.yaml"
run "$REGOC" eval -I input <"$scratch/stdin.yaml"
check_status "invalid YAML on standard input: exit status" 2
check_eq "invalid YAML on standard input: message" "unable to parse input from standard input: \
invalid YAML at line 1, column 5: illegal map value" "$err"

printf 'a: 1\nb: [x]\n' >"$scratch/valid.yaml"
run "$REGOC" eval -i "$scratch/valid.yaml" --format raw input.b
check_status "valid YAML input: exit status" 0
check_eq "valid YAML input: value" '["x"]' "$out"

finish
