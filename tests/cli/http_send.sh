#!/usr/bin/env bash
# Checks http.send end to end with `regoc eval` on both executors. The script starts HTTP and
# HTTPS servers on 127.0.0.1 (Python's http.server) and checks a JSON response, certificate
# verification with a CA file and with tls_insecure_skip_verify, a TLS server name other than
# the URL's host, and a verification failure reported with raise_error false.
# The HTTPS checks need the openssl command to make a certificate; without it they are skipped.
#
# Usage: bash http_send.sh <regoc-binary> <source-dir> <workloads-dir>
set -euo pipefail
REGOC=$1
source "$(dirname "$0")/lib/helpers.bash"

server_pids=()
trap 'for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$scratch"' EXIT

cat >"$scratch/server.py" <<'PY'
# Serves {"ok": true} as JSON on 127.0.0.1, on a free port that it writes to the file argv[1].
# With argv[2] and argv[3] (certificate and key) it serves over TLS.
import http.server, ssl, sys

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
if len(sys.argv) > 3:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    server.socket = context.wrap_socket(server.socket, server_side=True)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
PY

# start_server PORT_FILE [CERT KEY]: starts the server and waits until it wrote its port.
start_server() {
  python3 "$scratch/server.py" "$@" &
  server_pids+=($!)
  for _ in $(seq 50); do
    [ -s "$1" ] && return 0
    sleep 0.1
  done
  echo "FAIL: the test server did not start"
  exit 1
}

start_server "$scratch/http.port"
http_url="http://127.0.0.1:$(cat "$scratch/http.port")/"

for engine in interp jit; do
  run "$REGOC" eval --engine "$engine" -f values \
    "http.send({\"method\": \"GET\", \"url\": \"$http_url\"}).body"
  check_status "$engine: GET exit status" 0
  check_json_eq "$engine: GET decodes the JSON body" '[{"ok": true}]' "$out"
done

if ! command -v openssl >/dev/null; then
  echo "SKIP: HTTPS checks (no openssl command)"
  finish
  exit $?
fi

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,DNS:policy.test,IP:127.0.0.1" \
  -keyout "$scratch/key.pem" -out "$scratch/cert.pem" 2>/dev/null
start_server "$scratch/https.port" "$scratch/cert.pem" "$scratch/key.pem"
https_url="https://127.0.0.1:$(cat "$scratch/https.port")/"

for engine in interp jit; do
  eval_https() { run "$REGOC" eval --engine "$engine" -f values "$1"; }

  eval_https "http.send({\"method\": \"GET\", \"url\": \"$https_url\",
                         \"tls_ca_cert_file\": \"$scratch/cert.pem\"}).body"
  check_json_eq "$engine: HTTPS with a CA file" '[{"ok": true}]' "$out"

  eval_https "http.send({\"method\": \"GET\", \"url\": \"$https_url\",
                         \"tls_insecure_skip_verify\": true}).status_code"
  check_json_eq "$engine: HTTPS without verification" '[200]' "$out"

  eval_https "http.send({\"method\": \"GET\", \"url\": \"$https_url\",
                         \"tls_ca_cert_file\": \"$scratch/cert.pem\",
                         \"tls_server_name\": \"policy.test\"}).status_code"
  check_json_eq "$engine: HTTPS with a TLS server name" '[200]' "$out"

  eval_https "http.send({\"method\": \"GET\", \"url\": \"$https_url\",
                         \"raise_error\": false}).error.code"
  check_json_eq "$engine: untrusted certificate is a network error" \
    '["eval_http_send_network_error"]' "$out"
done

finish
