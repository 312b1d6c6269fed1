#!/usr/bin/env bash
# Load test of the HTTP API with wrk on loopback: GET /api/cron/queue/stats, and GET /api/cron/jobs
# (history pages of 50 rows, all queues or one) over a table of 1,000,000 executions.
#
#   scripts/bench-api.sh [seconds per run, default 15] [connections, default 16]
#
# Needs the services (`scripts/services.sh up`, or REDIS_URL/DATABASE_URL set), wrk, and a release
# build (`swift build -c release`). Everything it makes is its own and removed at the end: a
# PostgreSQL schema with the rows, a queue, and a `crontui api` on 127.0.0.1 stopped by its PID.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-15}
connections=${2:-16}
source scripts/lib/api-server.sh
api_prepare bench
bin=${CRONTUI_BIN:-.build/release/crontui}
[ -x "$bin" ] || { echo "bench-api: $bin not built: run swift build -c release" >&2; exit 2; }
command -v wrk >/dev/null || { echo "bench-api: wrk is missing (apt-get install wrk)" >&2; exit 2; }

DATABASE_URL="$database_url" "$bin" migrate >/dev/null
echo "bench-api: seeding 1,000,000 executions in schema $schema"
start=$(date +%s)
psql "$database_url" -q <<'SQL'
INSERT INTO executions (job_id, attempt, max_attempts, trigger, started_at, finished_at, duration_ms, http_status, outcome, status, error, worker, trace_id, queue)
SELECT 'sched-' || (g % 500) || ':' || g, 1 + g % 3, 3, 'cron',
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second',
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second' + interval '120 milliseconds',
       120, CASE WHEN g % 10 = 0 THEN 503 ELSE 200 END, CASE WHEN g % 10 = 0 THEN 'permanent' ELSE 'success' END,
       CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'succeeded' END,
       CASE WHEN g % 10 = 0 THEN 'HTTP 503' END, 'bench-worker', md5(g::text),
       CASE WHEN g <= 100000 THEN NULL WHEN g % 100 = 0 THEN 'rare' WHEN g % 4 = 0 THEN 'reports' ELSE 'default' END
FROM generate_series(1, 1000000) AS g;
ANALYZE executions;
SQL
echo "bench-api: seeded in $(( $(date +%s) - start )) s"
redis-cli -u "$REDIS_URL" eval "for i = 1, 100 do redis.call('LPUSH', KEYS[1], 'x' .. i) end return 1" 1 "crontui:{$queue}:filler" >/dev/null

api_start "$bin"
curl -sf "$base/api/cron/jobs?limit=50" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["items"]) == 50, d' \
    || { echo "bench-api: a history page did not have 50 rows" >&2; exit 1; }

run() {
    local name=$1 path=$2
    wrk -t1 -c1 -d2s "$base$path" >/dev/null # warm-up
    echo "== $name: GET $path ($connections connections, ${seconds}s)"
    wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base$path" | grep -E 'Requests/sec|Latency|  50%|  99%|Non-2xx|Socket errors'
}
run "queue stats" "/api/cron/queue/stats"
run "history, newest 50" "/api/cron/jobs?limit=50"
run "history, one queue's newest 50" "/api/cron/jobs?limit=50&queue=reports"
run "history, newest 50 of a queue with 1 % of the rows" "/api/cron/jobs?limit=50&queue=rare"
cursor=$(curl -sf "$base/api/cron/jobs?limit=50&status=failed" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next_cursor"] or "")')
[ -n "$cursor" ] || { echo "bench-api: the failed rows have no second page" >&2; exit 1; }
run "history, failed, second page" "/api/cron/jobs?limit=50&status=failed&cursor=$cursor"
