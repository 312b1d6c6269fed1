#!/usr/bin/env bash
# Regenerates the PNGs in screenshots/ from the real binary and the real engine, as a user sees them:
# the Redis and PostgreSQL of scripts/services.sh (.run/env), a schema and a queue of its own, the demo
# schedules (`crontui demo seed`) worked by `crontui demo run` against the demo target on a free
# loopback port. Once history holds every outcome, xterm under a private Xvfb shows
# `crontui dashboard --watch` on each view, one capture per view.
# Installs Xvfb, xterm, the X utilities and ImageMagick when missing; stops only the processes it
# started, by PID, and drops the schema and queue it made.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CRONTUI_BIN:-$root/.build/debug/crontui}
out=$root/screenshots
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
packages=(xvfb xterm x11-apps x11-utils imagemagick fonts-dejavu-core)
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || { as_root apt-get update -qq >/dev/null; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null; break; }
done
convert=/usr/bin/convert  # Debian's ImageMagick, not whatever else is first on PATH
[ -x "$bin" ] || { echo "screenshots: build first (make build)" >&2; exit 1; }
mkdir -p "$out"

[ -f "$root/.run/env" ] || "$root/scripts/services.sh" up
set -a; . "$root/.run/env"; set +a
suffix=$(date +%s)$RANDOM
schema=shots_$suffix
queue=shots-$suffix
base_db=$DATABASE_URL
case $base_db in *\?*) sep='&';; *) sep='?';; esac
export DATABASE_URL="$base_db${sep}options=-csearch_path%3D$schema" QUEUE_NAME=$queue
logs=$(mktemp -d)
export LOG_FILE=$logs/crontui.log
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

display=":$((90 + RANDOM % 9))"
cleanup() {
    kill "${term:-}" 2>/dev/null || true
    kill "${xvfb:-}" 2>/dev/null || true
    if [ -n "${demo:-}" ]; then kill "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; fi
    psql -q "$base_db" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
    redis-cli -u "$REDIS_URL" --scan --pattern "crontui:{$queue}:*" 2>/dev/null | xargs -r redis-cli -u "$REDIS_URL" unlink >/dev/null 2>&1 || true
    rm -rf "$logs"
}
trap cleanup EXIT

psql -q "$base_db" -c "CREATE SCHEMA $schema"
"$bin" migrate >/dev/null
"$bin" demo seed --port "$port" >/dev/null
# The engine and the demo target; each demo schedule runs once at once, then every minute.
"$bin" demo run --port "$port" >"$logs/demo.log" 2>&1 &
demo=$!

# Enough history for every view: every outcome (succeeded, retrying, failed, timed out) and a
# second round of fires, polled from the executions table.
deadline=$((SECONDS + 180))
until [ "$(psql -tAq "$DATABASE_URL" -c "SELECT count(*) >= 20 AND count(DISTINCT status) FILTER (WHERE status <> 'running') >= 4 FROM executions")" = t ]; do
    kill -0 "$demo" 2>/dev/null || { echo "screenshots: crontui demo run stopped:" >&2; cat "$logs/demo.log" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "screenshots: no full history after 180 s" >&2; exit 1; }
    sleep 1
done

Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done

shot() { # shot <name> <view>
    DISPLAY=$display xterm -T crontui-shot -geometry 150x45+0+0 -fa 'DejaVu Sans Mono' -fs 10 -bg black -fg gray90 \
        -e env TERM=xterm-256color LANG=C.UTF-8 "$bin" dashboard --watch --view "$2" &
    term=$!
    sleep 4   # let it connect and draw: a picture, not a test
    DISPLAY=$display xwd -name crontui-shot -silent | "$convert" xwd:- "$out/$1.png"
    kill "$term" 2>/dev/null || true
    wait "$term" 2>/dev/null || true
}
shot overview overview
shot history history
shot events events
echo "screenshots: wrote $(ls "$out"/*.png | wc -l) PNGs to screenshots/"
