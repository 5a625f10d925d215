#!/usr/bin/env bash
# Checks `regoc bench`: the fields of its JSON output are present and are numbers, the pretty
# and gobench formats print their figures, and bad options or failing queries exit with
# status 2 and a message. Timing values are not judged, only their presence and type.
#
# Usage: bash bench.sh <regoc-binary> <source-dir> <workloads-dir>
set -euo pipefail
REGOC=$1
source "$(dirname "$0")/lib/helpers.bash"

printf 'package p\n\nallow if input.user.role == "admin"\n' >"$scratch/p.rego"
printf '{"user": {"role": "admin"}}\n' >"$scratch/input.json"
printf 'user:\n  role: admin\n' >"$scratch/input.yaml"
policy=(-d "$scratch/p.rego" -i "$scratch/input.json")

# check_json_fields NAME OUTPUT COUNT: checks that OUTPUT is COUNT JSON objects whose figures
# are numbers.
check_json_fields() {
  checks=$((checks + 1))
  local verdict
  verdict=$(python3 -c '
import json, sys
text, count = sys.argv[1], int(sys.argv[2])
decoder, objects, position = json.JSONDecoder(), [], 0
try:
    while position < len(text):
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            break
        value, position = decoder.raw_decode(text, position)
        objects.append(value)
except ValueError as e:
    print("output is not JSON: %s" % e); sys.exit(0)
if len(objects) != count:
    print("expected %d JSON objects, got %d" % (count, len(objects))); sys.exit(0)
numbers = ["N", "T", "MemAllocs", "MemBytes", "samples", "ns_per_op", "cpu_ns_per_op",
           "p50_ns", "p90_ns",
           "p99_ns", "batch_size", "clock_read_ns", "allocs_per_op", "bytes_per_op",
           "peak_rss_bytes", "prepare_ns"]
problems = []
for result in objects:
    for name in numbers:
        value = result.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append("%s is %r, expected a number" % (name, value))
    if result.get("engine") not in ("interp", "jit"):
        problems.append("engine is %r" % result.get("engine"))
    if not isinstance(result.get("parse_input"), bool):
        problems.append("parse_input is %r" % result.get("parse_input"))
    if result.get("api") not in ("eval", "decide"):
        problems.append("api is %r" % result.get("api"))
print("; ".join(problems))
' "$2" "$3")
  if [ -n "$verdict" ]; then
    report_failure "$1" "$verdict" "output: $2"
  fi
}

# json_field OUTPUT NAME: prints one field of the first JSON object in OUTPUT.
json_field() {
  python3 -c '
import json, sys
value, _ = json.JSONDecoder().raw_decode(sys.argv[1].lstrip())
print(json.dumps(value.get(sys.argv[2])))
' "$1" "$2"
}

# JSON output with a fixed number of decisions.
run "$REGOC" bench "${policy[@]}" --format json --benchtime 200x data.p.allow
check_status "json format exit status" 0
check_json_fields "json format fields" "$out" 1
check_eq "samples with --benchtime 200x" "200" "$(json_field "$out" samples)"
check_eq "N equals samples" "200" "$(json_field "$out" N)"
check_eq "default engine" '"interp"' "$(json_field "$out" engine)"
check_eq "parse_input off by default" "false" "$(json_field "$out" parse_input)"
check_eq "eval api by default" '"eval"' "$(json_field "$out" api)"

run "$REGOC" bench "${policy[@]}" --format=json --benchtime 50x --count 2 data.p.allow
check_status "--count 2 exit status" 0
check_json_fields "--count 2 prints two results" "$out" 2

run "$REGOC" bench "${policy[@]}" --format json --benchtime 50x --parse-input data.p.allow
check_status "--parse-input exit status" 0
check_json_fields "--parse-input fields" "$out" 1
check_eq "--parse-input reported" "true" "$(json_field "$out" parse_input)"

run "$REGOC" bench "${policy[@]}" --format json --benchtime 50x --engine jit data.p.allow
check_status "--engine jit exit status" 0
check_json_fields "--engine jit fields" "$out" 1
check_eq "--engine jit reported" '"jit"' "$(json_field "$out" engine)"

run "$REGOC" bench "${policy[@]}" --format json --benchtime 50x --api decide data.p.allow
check_status "--api decide exit status" 0
check_json_fields "--api decide fields" "$out" 1
check_eq "--api decide reported" '"decide"' "$(json_field "$out" api)"
run "$REGOC" bench "${policy[@]}" --format json --benchtime 50x --api decide --parse-input \
  data.p.allow
check_status "--api decide --parse-input exit status" 0
check_json_fields "--api decide --parse-input fields" "$out" 1
run "$REGOC" bench "${policy[@]}" --benchtime 10x --api decide data.p.missing
check_status "--api decide undefined exit status" 2
check_contains "--api decide undefined message" "$err" "undefined result"

run "$REGOC" bench "${policy[@]}" --format json --benchtime 20ms data.p.allow
check_status "--benchtime as a duration" 0
check_json_fields "--benchtime 20ms fields" "$out" 1

# Input from standard input, and YAML input without --parse-input.
set +e
"$REGOC" bench -d "$scratch/p.rego" -I --format json --benchtime 10x data.p.allow \
  <"$scratch/input.json" >"$scratch/stdin.out" 2>&1
status=$?
set -e
out=$(cat "$scratch/stdin.out")
err=""
check_status "--stdin-input exit status" 0
check_json_fields "--stdin-input fields" "$out" 1
run "$REGOC" bench -d "$scratch/p.rego" -i "$scratch/input.yaml" --format json \
  --benchtime 10x data.p.allow
check_status "YAML input exit status" 0

# The pretty table and the gobench line.
run "$REGOC" bench "${policy[@]}" --benchtime 20x data.p.allow
check_status "pretty format exit status" 0
for row in samples ns/op cpu_ns/op B/op allocs/op p50_ns p90_ns p99_ns prepare_ms peak_rss_MiB; do
  check_contains "pretty table has $row" "$out" "│ $row "
done
run "$REGOC" bench "${policy[@]}" --benchtime 20x --benchmem=false data.p.allow
case "$out" in
  *allocs/op*) report_failure "--benchmem=false hides allocs/op" "output: $out" ;;
esac
run "$REGOC" bench "${policy[@]}" --benchtime 20x --format gobench data.p.allow
check_status "gobench format exit status" 0
check_contains "gobench line" "$out" $'BenchmarkRegocEval\t20\t'
check_contains "gobench allocs" "$out" " allocs/op"

# Undefined results fail unless --fail=false, as in opa bench.
run "$REGOC" bench "${policy[@]}" --benchtime 10x data.p.missing
check_status "undefined result exit status" 2
check_contains "undefined result message" "$err" "undefined result"
run "$REGOC" bench "${policy[@]}" --benchtime 10x --fail=false --format json data.p.missing
check_status "--fail=false on undefined" 0
check_json_fields "--fail=false fields" "$out" 1

# Evaluation errors end the benchmark with exit 2, through either API.
printf 'package q\n\nx := to_number(input.t)\n' >"$scratch/q.rego"
printf '{"t": "abc"}\n' >"$scratch/t.json"
for api in eval decide; do
  run "$REGOC" bench -d "$scratch/q.rego" -i "$scratch/t.json" --strict-builtin-errors \
    --api "$api" --benchtime 10x data.q.x
  check_status "builtin error exit status ($api)" 2
  check_contains "builtin error message ($api)" "$err" "eval_builtin_error"
done

# Compile errors print as in regoc eval.
run "$REGOC" bench "${policy[@]}" --benchtime 10x --format json 'data.p.allow == x'
check_status "unsafe query exit status" 2
check_contains "unsafe query error as JSON" "$out" '"code": "rego_unsafe_var_error"'
printf 'package broken\n\nallow if {\n' >"$scratch/broken.rego"
run "$REGOC" bench -d "$scratch/broken.rego" --benchtime 10x data.broken.allow
check_status "parse error exit status" 2
check_contains "parse error message" "$err" "rego_parse_error"

# Bad options: exit 2 and a message naming the problem.
bad_option() {
  local name=$1 expected=$2
  shift 2
  run "$REGOC" bench "$@"
  check_status "$name exit status" 2
  check_contains "$name message" "$err" "$expected"
}
bad_option "--count 0" 'invalid value "0" for --count' "${policy[@]}" --count 0 data.p.allow
bad_option "--count abc" 'invalid value "abc" for --count' "${policy[@]}" --count abc \
  data.p.allow
bad_option "--format xml" 'invalid --format value "xml"' "${policy[@]}" --format xml data.p.allow
bad_option "--benchtime 0x" 'for --benchtime' "${policy[@]}" --benchtime 0x data.p.allow
bad_option "--benchtime 5y" 'for --benchtime' "${policy[@]}" --benchtime 5y data.p.allow
bad_option "--engine wasm" 'for --engine' "${policy[@]}" --engine wasm data.p.allow
bad_option "--api result" 'invalid value "result" for --api' "${policy[@]}" --api result \
  data.p.allow
bad_option "--e2e" "option --e2e is not supported" "${policy[@]}" --e2e data.p.allow
bad_option "--metrics" "option --metrics is not supported" "${policy[@]}" --metrics data.p.allow
bad_option "--partial" "option --partial is not supported" "${policy[@]}" --partial data.p.allow
bad_option "--target wasm" "--target wasm is not supported" "${policy[@]}" -t wasm data.p.allow
bad_option "unknown option" "unknown option --bogus" "${policy[@]}" --bogus data.p.allow
bad_option "missing query" "specify a query argument" "${policy[@]}"
bad_option "two queries" "at most one query" "${policy[@]}" data.p.allow data.p.other
bad_option "--parse-input without input" "--parse-input needs an input" \
  -d "$scratch/p.rego" --parse-input data.p.allow
bad_option "--parse-input with YAML" "as JSON" \
  -d "$scratch/p.rego" -i "$scratch/input.yaml" --parse-input data.p.allow
bad_option "missing input file" "unable to read input" \
  -d "$scratch/p.rego" -i "$scratch/absent.json" data.p.allow

run "$REGOC" bench --help
check_status "--help exit status" 0
check_contains "--help says what is measured" "$out" "What is measured"

finish
