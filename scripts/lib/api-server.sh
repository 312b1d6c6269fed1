# Shared by scripts/fuzz-api.sh and scripts/bench-api.sh (sourced, not run): a private PostgreSQL
# schema and queue, a `crontui api` on 127.0.0.1 started in the background and stopped by its PID,
# and a cleanup that removes all three.
#
#   api_prepare NAME      needs REDIS_URL/DATABASE_URL (or .run/env); sets schema, queue, database_url
#   api_start BIN ARGS... starts BIN api on a free port with DATABASE_URL=$database_url; sets pid, port, base

api_prepare() {
    if [ -z "${REDIS_URL:-}" ] || [ -z "${DATABASE_URL:-}" ]; then
        [ -f .run/env ] || { echo "$1: no REDIS_URL/DATABASE_URL and no .run/env: run scripts/services.sh up" >&2; exit 2; }
        set -a; source .run/env; set +a
    fi
    export PGOPTIONS=--client-min-messages=warning
    local suffix
    suffix=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
    schema="$1_$suffix"
    queue="$1_$suffix"
    psql "$DATABASE_URL" -qc "CREATE SCHEMA $schema"
    local sep='?'
    case "$DATABASE_URL" in *\?*) sep='&' ;; esac
    database_url="$DATABASE_URL${sep}options=-csearch_path%3D$schema"
    api_log=$(mktemp)
    pid=""
    trap api_cleanup EXIT
}

api_cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    psql "$DATABASE_URL" -qc "DROP SCHEMA IF EXISTS $schema CASCADE" || true
    redis-cli -u "$REDIS_URL" --scan --pattern "crontui:{$queue}:*" | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null || true
    rm -f "$api_log"
}

api_start() {
    local bin=$1
    shift
    DATABASE_URL="$database_url" "$bin" api --api-host 127.0.0.1 --api-port 0 --queue "$queue" "$@" >"$api_log" 2>&1 &
    pid=$!
    port=""
    for _ in $(seq 1 100); do
        port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$api_log")
        [ -n "$port" ] && break
        kill -0 "$pid" 2>/dev/null || { cat "$api_log" >&2; exit 1; }
        sleep 0.1
    done
    [ -n "$port" ] || { echo "the API server did not start" >&2; cat "$api_log" >&2; exit 1; }
    base="http://127.0.0.1:$port"
}
