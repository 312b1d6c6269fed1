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
source scripts/lib/api-server.sh
api_prepare fuzz
bin=${CRONTUI_BIN:-.build/debug/crontui}
[ -x "$bin" ] || { echo "fuzz-api: $bin not built: run swift build" >&2; exit 2; }

venv=.run/fuzz-venv
if [ ! -x "$venv/bin/st" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "schemathesis>=4,<5"
fi

token="fuzz-admin-$queue-token"
API_TOKEN="$token" api_start "$bin"
echo "fuzz-api: crontui api (pid $pid) on 127.0.0.1:$port, $examples examples per operation"

"$venv/bin/st" run "$base/api/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --exclude-path /api/cron/events \
    --max-examples "$examples" \
    --request-timeout 10 \
    --workers 2 \
    --seed 1
