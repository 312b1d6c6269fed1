#!/usr/bin/env bash
# Property-based fuzzing of the HTTP API with schemathesis (from PyPI) against its own OpenAPI
# document: no 5xx, and no response that the document does not describe.
#
#   scripts/fuzz-api.sh [max examples per operation, default 50]
#
# Needs the services (`scripts/services.sh up`, or REDIS_URL/DATABASE_URL set) and a debug build.
# Everything it makes is its own and removed at the end: a venv under .run/, a PostgreSQL schema,
# a queue, and a `crontui api` on 127.0.0.1 stopped by its PID. /api/cron/events is left out: a
# Server-Sent Events stream never ends, so a fuzzer would only time out on it (the tests cover it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
examples=${1:-50}
if [ -z "${REDIS_URL:-}" ] || [ -z "${DATABASE_URL:-}" ]; then
    [ -f .run/env ] || { echo "fuzz-api: no REDIS_URL/DATABASE_URL and no .run/env: run scripts/services.sh up" >&2; exit 2; }
    set -a; source .run/env; set +a
fi
bin=${CRONTUI_BIN:-.build/debug/crontui}
[ -x "$bin" ] || { echo "fuzz-api: $bin not built: run swift build" >&2; exit 2; }

venv=.run/fuzz-venv
if [ ! -x "$venv/bin/st" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "schemathesis>=4,<5"
fi

export PGOPTIONS=--client-min-messages=warning
suffix=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
schema="fuzz_$suffix"
queue="fuzz_$suffix"
token="fuzz-admin-$suffix$suffix"
psql "$DATABASE_URL" -qc "CREATE SCHEMA $schema"
case "$DATABASE_URL" in *\?*) sep='&' ;; *) sep='?' ;; esac
database_url="$DATABASE_URL${sep}options=-csearch_path%3D$schema"
log=$(mktemp)
pid=""
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    psql "$DATABASE_URL" -qc "DROP SCHEMA IF EXISTS $schema CASCADE" || true
    redis-cli -u "$REDIS_URL" --scan --pattern "crontui:{$queue}:*" | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null || true
    rm -f "$log"
}
trap cleanup EXIT

API_TOKEN="$token" DATABASE_URL="$database_url" "$bin" api --api-host 127.0.0.1 --api-port 0 --queue "$queue" --in-memory-schedules >"$log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$log")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$port" ] || { echo "fuzz-api: the server did not start" >&2; cat "$log" >&2; exit 1; }
echo "fuzz-api: crontui api (pid $pid) on 127.0.0.1:$port, $examples examples per operation"

"$venv/bin/st" run "http://127.0.0.1:$port/api/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --exclude-path /api/cron/events \
    --max-examples "$examples" \
    --request-timeout 10 \
    --workers 2 \
    --seed 1
