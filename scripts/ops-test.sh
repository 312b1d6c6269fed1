#!/usr/bin/env bash
# The operations files under deploy/, checked for real (part of `make test`, after the Swift tests):
#   - promtool check rules and promtool test rules on deploy/prometheus/ (every alert fires on its
#     case and stays silent on a healthy one), and each alert has its annotations and both cases;
#   - the Grafana dashboard's structure;
#   - the systemd unit with systemd-analyze verify;
#   - a real `crontui serve` (private schema and queue, a schedule that succeeds and one that fails,
#     every second, against the demo target; the failing one retries once): every metric the rules and the dashboard name is on
#     its /metrics;
#   - a real Prometheus on 127.0.0.1 scraping it every second with deploy/prometheus/alerts.yml:
#     jobs counted, every rule evaluates, every dashboard expression answers, the failing
#     schedule's CrontuiScheduleFailing goes pending while the healthy alerts stay inactive.
# Needs .run/env (scripts/services.sh up), CRONTUI_BIN (default .build/debug/crontui), promtool and
# prometheus (Debian's prometheus package). With CI=true a missing tool is a failure, else a skip.
# Everything it starts listens on 127.0.0.1 and is stopped by its PID at exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
started=$SECONDS
bin=${CRONTUI_BIN:-.build/debug/crontui}
check_py=scripts/lib/ops-check.py
alerts=deploy/prometheus/alerts.yml
alerts_test=deploy/prometheus/alerts_test.yml
dashboard=deploy/grafana/crontui.json
unit=deploy/systemd/crontui-serve.service
names_swift=Sources/Engine/Observability/EngineMetricNames.swift
# Counters that are on /metrics only after their first increment: the checks accept them when
# EngineMetricNames.swift declares them.
lazy_metrics=(crontui_fires_missed_total crontui_fires_skipped_total crontui_fires_doubled_total crontui_outbox_dropped_total
    crontui_fire_outbox_dropped_total crontui_stalled_recoveries_total
    crontui_retention_rows_deleted_total crontui_queue_jobs_removed_total)

passed=0 failed=0 skipped=0
pass() { echo "ok    $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1" >&2; failed=$((failed + 1)); }
# check NAME COMMAND...: runs it, shows its output indented.
check() {
    local name=$1 out rc=0
    shift
    out=$("$@" 2>&1) || rc=$?
    [ -z "$out" ] || sed 's/^/      /' <<<"$out"
    if [ $rc -eq 0 ]; then pass "$name"; else fail "$name"; fi
    return 0
}
# have TOOL...: 0 when all exist; else a failure under CI, a skip otherwise.
have() {
    local t
    for t in "$@"; do
        if ! command -v "$t" >/dev/null 2>&1 && ! [ -x "$t" ]; then
            if [ "${CI:-}" = true ]; then fail "$t is missing (CI=true)"; else echo "skip  $t is missing"; skipped=$((skipped + 1)); fi
            return 1
        fi
    done
}
finish() {
    echo "ops-test: $passed passed, $failed failed$([ $skipped -eq 0 ] || echo ", $skipped skipped") in $((SECONDS - started)) s"
    [ $failed -eq 0 ]
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# wait_until SECONDS COMMAND...: polls COMMAND until it succeeds or the deadline passes.
wait_until() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}

have python3 || { finish; exit 1; }
python3 -c 'import yaml' 2>/dev/null || { fail "python3-yaml is missing"; finish; exit 1; }

# 1. The rules, offline.
if have promtool; then
    check "promtool check rules $alerts" promtool check rules "$alerts"
    check "promtool test rules $alerts_test" promtool test rules "$alerts_test"
fi
check "every alert has a summary, a description, a severity, a firing and a silent test case" \
    python3 "$check_py" rules-coverage "$alerts" "$alerts_test"

# 2. The dashboard's structure.
check "dashboard: Grafana 10 schema, variables, panels" python3 "$check_py" dashboard-lint "$dashboard"

# 3. The unit. verify wants ExecStart to exist: check a copy that points at the binary under test.
unit_check() {
    local dir out
    [ -x "$bin" ] || { echo "$bin is not built"; return 1; }
    dir=$(mktemp -d)
    sed "s|^ExecStart=/usr/local/bin/crontui |ExecStart=$(realpath "$bin") |" "$unit" >"$dir/crontui-serve.service"
    grep -q "^ExecStart=$(realpath "$bin") serve" "$dir/crontui-serve.service" || { echo "ExecStart is not /usr/local/bin/crontui serve"; rm -rf "$dir"; return 1; }
    out=$(systemd-analyze verify "$dir/crontui-serve.service" 2>&1) || { echo "$out"; rm -rf "$dir"; return 1; }
    rm -rf "$dir"
    # verify only warns about unknown keys: any output is a failure
    [ -z "$out" ] || { echo "$out"; return 1; }
    local grace stop
    grace=$(sed -n 's/^ExecStart=.*--grace-period \([0-9]*\).*/\1/p' "$unit")
    stop=$(sed -n 's/^TimeoutStopSec=\([0-9]*\)$/\1/p' "$unit")
    [ -n "$stop" ] && [ "$stop" -gt "${grace:-30}" ] || { echo "TimeoutStopSec ($stop) is not longer than the grace period (${grace:-30})"; return 1; }
    for key in EnvironmentFile=/ Restart=on-failure NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes DynamicUser=yes; do
        grep -q "^$key" "$unit" || { echo "$unit lacks $key"; return 1; }
    done
    echo "verified; TimeoutStopSec $stop s > grace period ${grace:-30} s; hardening present"
}
if have systemd-analyze; then
    check "systemd-analyze verify $unit" unit_check
fi

# 4. A real serve and a real Prometheus.
live_tools_ok=true
have curl psql redis-cli prometheus promtool || live_tools_ok=false
[ -x "$bin" ] || { fail "$bin is not built (set CRONTUI_BIN)"; live_tools_ok=false; }
if [ -z "${REDIS_URL:-}" ] || [ -z "${DATABASE_URL:-}" ]; then
    if [ -f .run/env ]; then set -a; source .run/env; set +a; else fail "no .run/env: run scripts/services.sh up"; live_tools_ok=false; fi
fi
$live_tools_ok || { finish; exit 1; }

export PGOPTIONS=--client-min-messages=warning
suffix=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
queue="ops_$suffix"
schema="ops_$suffix"
mkdir -p .run/ops
work=$(mktemp -d "$root/.run/ops/run-XXXXXX")
serve_pid="" prom_pid=""
cleanup() {
    local p
    for p in $serve_pid $prom_pid; do
        kill "$p" 2>/dev/null || true
    done
    for p in $serve_pid $prom_pid; do
        # a bounded wait, then SIGKILL for what is left of our own processes
        wait_until 40 bash -c "! kill -0 $p" || kill -9 "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    psql "$DATABASE_URL" -qc "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
    redis-cli -u "$REDIS_URL" --scan --pattern "crontui:{$queue}:*" 2>/dev/null | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null 2>&1 || true
    if [ $failed -ne 0 ]; then
        echo "logs kept in $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

psql "$DATABASE_URL" -qc "CREATE SCHEMA $schema"
sep='?'
case "$DATABASE_URL" in *\?*) sep='&' ;; esac
export DATABASE_URL="$DATABASE_URL${sep}options=-csearch_path%3D$schema"
export QUEUE_NAME="$queue"
unset API_TOKEN API_TOKENS_FILE
target_port=$(free_port)
"$bin" migrate >/dev/null
"$bin" schedule add --name ops-ok --cron '* * * * * *' --url "http://127.0.0.1:$target_port/ok" --attempts 1 >/dev/null
"$bin" schedule add --name ops-failing --cron '* * * * * *' --url "http://127.0.0.1:$target_port/fail" --attempts 2 --backoff none >/dev/null

"$bin" serve --api-host 127.0.0.1 --api-port 0 --demo-target-port "$target_port" >"$work/serve.log" 2>&1 &
serve_pid=$!
api_port=""
serve_port() { api_port=$(sed -n 's|.*listening on 127.0.0.1:\([0-9]*\) component=crontui.api.*|\1|p' "$work/serve.log" | head -n 1); [ -n "$api_port" ]; }
if ! wait_until 30 serve_port; then
    cat "$work/serve.log" >&2
    fail "crontui serve did not start its API within 30 s"
    finish; exit 1
fi
metrics_ready() {
    curl -sf "http://127.0.0.1:$api_port/metrics" >"$work/metrics" &&
        grep -qE '^crontui_jobs_completed_total\{queue="'"$queue"'"\} [1-9]' "$work/metrics" &&
        grep -qE '^crontui_http_responses_total\{schedule="ops-failing",queue="[^"]*",class="5xx"\} [1-9]' "$work/metrics" &&
        grep -q '^crontui_jobs_retried_total' "$work/metrics" &&
        grep -q '^crontui_fire_lag_seconds_bucket' "$work/metrics"
}
if wait_until 30 metrics_ready; then
    pass "crontui serve on 127.0.0.1:$api_port counts jobs and the failing schedule's 5xx on /metrics"
else
    fail "crontui serve's /metrics shows no completed job and 5xx within 30 s"
    finish; exit 1
fi
check "every metric the rules and the dashboard name is on a real /metrics" \
    python3 "$check_py" names "$work/metrics" "$dashboard" "$alerts" "$names_swift" "${lazy_metrics[@]}"

prom_port=$(free_port)
prom="http://127.0.0.1:$prom_port"
cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $root/$alerts
scrape_configs:
  - job_name: crontui
    static_configs:
      - targets: ['127.0.0.1:$api_port']
EOF
check "promtool check config (scrape every 1 s, the shipped rules)" promtool check config "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
    --web.listen-address="127.0.0.1:$prom_port" --storage.tsdb.retention.time=1h >"$work/prometheus.log" 2>&1 &
prom_pid=$!
if ! wait_until 30 curl -sf "$prom/-/ready"; then
    tail -n 20 "$work/prometheus.log" >&2
    fail "Prometheus did not get ready on 127.0.0.1:$prom_port within 30 s"
    finish; exit 1
fi
pass "Prometheus ready on 127.0.0.1:$prom_port"
check "Prometheus scrapes the serve" python3 "$check_py" prom-query "$prom" 'up{job="crontui"} == 1' 20
check "Prometheus counts jobs" python3 "$check_py" prom-query "$prom" "crontui_jobs_completed_total{queue=\"$queue\"} > 0" 20
check "the failing schedule's CrontuiScheduleFailing goes pending (shipped rules, for: 5m)" \
    python3 "$check_py" prom-alert "$prom" CrontuiScheduleFailing schedule=ops-failing 45
check "every shipped rule is loaded and evaluates without error" python3 "$check_py" prom-rules "$prom" "$alerts"
check "no alert about the healthy parts (ok schedule, leader, dependencies, outboxes)" \
    python3 - "$prom" <<'EOF'
import json, sys, urllib.request
alerts = json.load(urllib.request.urlopen(sys.argv[1] + "/api/v1/alerts", timeout=5))["data"]["alerts"]
loud = [(a["labels"], a["state"]) for a in alerts
        if a["labels"]["alertname"] != "CrontuiScheduleFailing" or a["labels"].get("schedule") != "ops-failing"]
if loud:
    sys.exit("active: " + json.dumps(loud))
print(f"the one active alert is CrontuiScheduleFailing{{schedule=\"ops-failing\"}}")
EOF
check "every dashboard expression runs on Prometheus, with data where its metrics exist" \
    python3 "$check_py" prom-exprs "$prom" "$dashboard" "$work/metrics"
check "the dashboard's schedule variable lists both schedules" python3 "$check_py" prom-labels "$prom" ops-ok ops-failing

finish
