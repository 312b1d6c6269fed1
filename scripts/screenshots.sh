#!/usr/bin/env bash
# Regenerates the PNGs in screenshots/ from the real binary and the real engine, as a user sees them:
# the Redis and PostgreSQL of scripts/services.sh (.run/env), a schema and a queue of its own, the demo
# schedules (`crontui demo seed`) worked by `crontui demo run` against the demo target on a free
# loopback port. Once history holds every outcome, xterm under a private Xvfb shows
# `crontui dashboard --watch` on each view, one capture per view.
# Installs Xvfb, xterm, the X utilities and ImageMagick when missing; stops only the processes it
# started, by PID, and drops the schema and queue it made.
#
# scripts/screenshots.sh --text [DIR] instead writes text captures of an 80x24 terminal (tmux
# capture-pane, a private tmux server) to DIR (default screenshots/): the live dashboard in
# Unicode (LANG=C.UTF-8) and in ASCII (no LANG at all, as over SSH without SendEnv), and the
# snapshot TERM=dumb prints with the reason after it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CRONTUI_BIN:-$root/.build/debug/crontui}
out=$root/screenshots
text=
if [ "${1:-}" = --text ]; then text=1; out=${2:-$out}; fi
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
packages=(xvfb xterm x11-apps x11-utils imagemagick fonts-dejavu-core)
[ -n "$text" ] && packages=(tmux)
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
socket=crontui-shots-$suffix
cleanup() {
    [ -z "$text" ] || tmux -L "$socket" kill-server 2>/dev/null || true
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

if [ -n "$text" ]; then
    capture() { # capture <file> <LANG or ''> <TERM>: `crontui dashboard --watch` in an 80x24 tmux pane
        local file=$1 lang=${2:+LANG=$2} term=$3
        # A server of its own per capture: a new one on a socket whose last server is still
        # exiting fails with "server exited unexpectedly".
        local socket=$socket-${file%%.*}
        tmux -L "$socket" -f /dev/null new-session -d -s c -x 80 -y 24 \
            "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=$term $lang REDIS_URL=$REDIS_URL DATABASE_URL=$DATABASE_URL QUEUE_NAME=$QUEUE_NAME LOG_FILE=$LOG_FILE $bin dashboard --watch; sleep 60"
        local deadline=$((SECONDS + 20))
        until tmux -L "$socket" capture-pane -p -t c | grep -q 'demo-'; do
            [ "$SECONDS" -lt "$deadline" ] || break
            sleep 0.2
        done
        sleep 3   # the feed and the age settle: a picture, not a test
        tmux -L "$socket" capture-pane -p -t c > "$out/$file"
        tmux -L "$socket" kill-server 2>/dev/null || true
    }
    capture dashboard-80x24-unicode.txt C.UTF-8 xterm-256color
    capture dashboard-80x24-ascii.txt '' xterm-256color
    capture snapshot-80x24-dumb.txt '' dumb
    echo "screenshots: wrote dashboard-80x24-unicode.txt, dashboard-80x24-ascii.txt and snapshot-80x24-dumb.txt to $out"
    exit 0
fi

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
