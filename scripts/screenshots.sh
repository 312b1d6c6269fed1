#!/usr/bin/env bash
# Regenerates the PNGs in screenshots/ from the real binary: xterm under a private Xvfb, the
# dashboard on its built-in demo data (--demo-fake, so no services are needed), one capture per view.
# Installs Xvfb, xterm, the X utilities and ImageMagick when missing; stops only the processes it started, by PID.
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

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() { kill "${term:-}" 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done

shot() { # shot <name> <view>
    DISPLAY=$display xterm -T crontui-shot -geometry 150x45+0+0 -fa 'DejaVu Sans Mono' -fs 10 -bg black -fg gray90 \
        -e env TERM=xterm-256color LANG=C.UTF-8 "$bin" dashboard --demo-fake --view "$2" &
    term=$!
    sleep 3   # let it draw: a picture, not a test
    DISPLAY=$display xwd -name crontui-shot -silent | "$convert" xwd:- "$out/$1.png"
    kill "$term" 2>/dev/null || true
    wait "$term" 2>/dev/null || true
}
shot overview overview
shot history history
shot events events
echo "screenshots: wrote $(ls "$out"/*.png | wc -l) PNGs to screenshots/"
