#!/usr/bin/env bash
# How the queue scales over Redis Cluster: `crontui bench queue --queues N` for N = 1, 2, 4, 8, on
# one Redis server and on the 3-master cluster of `scripts/services.sh cluster up`, with the jobs
# drained in this process and by several worker processes, in alternating rounds.
#
#   scripts/bench-cluster.sh [jobs per run, default 20000] [rounds, default 2] [worker processes, default 3]
#
# The single server is started here on a free loopback port with the cluster nodes' persistence
# (none), so that both sides pay the same per command, and stopped by its PID at the end. Needs a
# release build (`swift build -c release`) and the cluster (`scripts/services.sh cluster up`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=${1:-20000}
rounds=${2:-2}
processes=${3:-3}
bin=${CRONTUI_BIN:-.build/release/crontui}
[ -x "$bin" ] || { echo "bench-cluster: $bin not built: run swift build -c release" >&2; exit 2; }
set -a; source .run/env; set +a
[ -n "${CRONTUI_CLUSTER_URL:-}" ] || { echo "bench-cluster: no cluster: run scripts/services.sh cluster up" >&2; exit 2; }

dir=$(mktemp -d)
port=7450
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --appendonly no --save "" --daemonize no \
    --logfile "$dir/redis.log" &
single=$!
trap 'kill "$single" 2>/dev/null; wait "$single" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done

run() { # run <url> <queues> <processes>
    "$bin" bench queue --json --redis-url "$1" --queues "$2" --processes "$3" --jobs "$jobs" --concurrency 48
}
printf '%-8s %-7s %-9s %10s %14s  %s\n' target queues processes jobs/s "Redis µs/job" "jobs per master"
for round in $(seq "$rounds"); do
    for queues in 1 2 4 8; do
        for procs in 1 "$processes"; do
            for target in single cluster; do
                url="redis://127.0.0.1:$port"
                [ "$target" = cluster ] && url=$CRONTUI_CLUSTER_URL
                line=$(run "$url" "$queues" "$procs")
                python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print("%-8s %-7d %-9d %10d %14.1f  %s" % (sys.argv[2], d["queues"], d["processes"], d["drain_per_s"], d["redis_cpu_us_per_job"], d["jobs_by_master"]))' "$line" "$target"
            done
        done
    done
done
