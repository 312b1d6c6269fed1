#!/usr/bin/env bash
# What the history's queue index (executions_queue_idx, migration 7) costs the recorder's writes.
#
#   scripts/bench-history-index.sh [rounds, default 4] [batches per round, default 100]
#
# Two private schemas, both migrated by crontui; the second drops executions_queue_idx. Each round
# writes the same batches into both, in alternating order (A B, B A, ...): 500-row upserts shaped
# like the recorder's (INSERT ... ON CONFLICT (record_id) DO UPDATE), each its own transaction, every
# row naming a queue. Prints rows/s for each, per round and in total. Needs the services
# (`scripts/services.sh up`, or DATABASE_URL set) and a build (CRONTUI_BIN, default the debug one).
# Both schemas are dropped at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
rounds=${1:-4}
batches=${2:-100}
rows_per_batch=500
if [ -z "${DATABASE_URL:-}" ]; then
    [ -f .run/env ] || { echo "bench-history-index: no DATABASE_URL and no .run/env: run scripts/services.sh up" >&2; exit 2; }
    set -a; source .run/env; set +a
fi
bin=${CRONTUI_BIN:-.build/debug/crontui}
[ -x "$bin" ] || { echo "bench-history-index: $bin not built: run swift build" >&2; exit 2; }
export PGOPTIONS=--client-min-messages=warning
suffix=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
with="bench_idx_with_$suffix"
without="bench_idx_without_$suffix"
sql=$(mktemp)
cleanup() {
    psql "$DATABASE_URL" -qc "DROP SCHEMA IF EXISTS $with CASCADE; DROP SCHEMA IF EXISTS $without CASCADE" || true
    rm -f "$sql"
}
trap cleanup EXIT
sep='?'
case "$DATABASE_URL" in *\?*) sep='&' ;; esac
url() { echo "$DATABASE_URL${sep}options=-csearch_path%3D$1"; }
for schema in "$with" "$without"; do
    psql "$DATABASE_URL" -qc "CREATE SCHEMA $schema"
    DATABASE_URL=$(url "$schema") "$bin" migrate >/dev/null
done
psql "$(url "$without")" -qc "DROP INDEX executions_queue_idx"

# One round's statements: batch b of round r writes rows with ids r*N + b*500 + 1...
write_round() {
    local round=$1
    : >"$sql"
    for b in $(seq 0 $((batches - 1))); do
        local first=$(((round * batches + b) * rows_per_batch + 1))
        cat >>"$sql" <<SQL
INSERT INTO executions (record_id, job_id, attempt, max_attempts, trigger, started_at, finished_at, duration_ms,
    method, url, http_status, outcome, status, worker, trace_id, queue)
SELECT md5(g::text)::uuid, 'sched-' || (g % 500) || ':' || g, 1, 3, 'cron',
    timestamptz '2026-01-01 00:00:00+00' + g * interval '10 milliseconds',
    timestamptz '2026-01-01 00:00:00+00' + g * interval '10 milliseconds' + interval '120 milliseconds',
    120, 'GET', 'http://127.0.0.1:8080/hook', 200, 'success', 'succeeded', 'bench-worker', md5(g::text),
    CASE g % 4 WHEN 0 THEN 'reports' ELSE 'default' END
FROM generate_series($first, $((first + rows_per_batch - 1))) AS g
ON CONFLICT (record_id) DO UPDATE SET outcome = EXCLUDED.outcome, status = EXCLUDED.status;
SQL
    done
}
# Milliseconds to run the round's statements in schema $1.
timed() {
    local start end
    start=$(date +%s%N)
    psql "$(url "$1")" -q -v ON_ERROR_STOP=1 -f "$sql" >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}
rate() { echo $((batches * rows_per_batch * 1000 / $1)); }

total_with=0
total_without=0
echo "bench-history-index: $rounds rounds of $batches batches of $rows_per_batch rows into each schema"
for round in $(seq 0 $((rounds - 1))); do
    write_round "$round"
    if [ $((round % 2)) -eq 0 ]; then
        a=$(timed "$with"); b=$(timed "$without")
    else
        b=$(timed "$without"); a=$(timed "$with")
    fi
    total_with=$((total_with + a))
    total_without=$((total_without + b))
    echo "round $((round + 1)): with the queue index $(rate "$a") rows/s, without $(rate "$b") rows/s"
done
all=$((rounds * batches * rows_per_batch))
awk -v all="$all" -v a="$total_with" -v b="$total_without" 'BEGIN {
    printf "total: with %d rows/s, without %d rows/s; the index costs %.1f µs a row (%.1f %% of the write time)\n",
        all * 1000 / a, all * 1000 / b, (a - b) * 1000 / all, (a - b) * 100 / b }'
