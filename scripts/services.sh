#!/usr/bin/env bash
# Private Redis and PostgreSQL for development and tests, with all data under .run/.
#   scripts/services.sh up       install what is missing, start both (idempotent), write .run/env
#   scripts/services.sh down     stop exactly the servers this script started (by pidfile)
#   scripts/services.sh status   say what runs
# Ports: CRONTUI_REDIS_PORT (default 6390), CRONTUI_PG_PORT (default 5440). Loopback only.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
run="$root/.run"
redis_port=${CRONTUI_REDIS_PORT:-6390}
pg_port=${CRONTUI_PG_PORT:-5440}
pg_bin=""

log() { printf 'services: %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_missing() {
    local wanted=(redis-server redis-tools postgresql libncursesw5-dev libhiredis-dev libpq-dev tmux pkg-config)
    local missing=()
    for p in "${wanted[@]}"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

find_pg_bin() {
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$pg_bin" ] || { log "PostgreSQL binaries not found under /usr/lib/postgresql"; exit 1; }
}

# PostgreSQL refuses to run as root: use the unprivileged 'postgres' user then.
pg_user() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

wait_for() { # wait_for <seconds> <command...>
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.1
    done
}

redis_up() {
    mkdir -p "$run/redis"
    if redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; then return; fi
    redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$run/redis" \
        --appendonly yes --daemonize yes --pidfile "$run/redis/redis.pid" \
        --logfile "$run/redis/redis.log" --save "" --protected-mode yes \
        --unixsocket "$run/redis/redis.sock" --unixsocketperm 700
    wait_for 15 redis-cli -h 127.0.0.1 -p "$redis_port" ping || { log "Redis did not start; see $run/redis/redis.log"; exit 1; }
}

pg_up() {
    find_pg_bin
    local data="$run/pg/data" sock="$run/pg/sock"
    mkdir -p "$run/pg" "$sock"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
        chown postgres "$run/pg" "$sock"
        chmod 755 "$run" "$run/pg"
    fi
    if "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" >/dev/null 2>&1 && [ ! -f "$data/postmaster.pid" ]; then
        log "port $pg_port already answers (another checkout's PostgreSQL?): using it"
        return
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
        as_pg "$pg_bin/initdb" -D "$data" -U crontui --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_pg "$pg_bin/pg_ctl" -D "$data" -l "$run/pg/postgres.log" -w -t 30 start \
            -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$sock -c max_connections=300 -c fsync=off -c synchronous_commit=off" >/dev/null
    fi
    wait_for 30 "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" || { log "PostgreSQL did not start; see $run/pg/postgres.log"; exit 1; }
    if ! psql -h 127.0.0.1 -p "$pg_port" -U crontui -d postgres -Atc "select 1 from pg_database where datname='crontui'" | grep -q 1; then
        psql -h 127.0.0.1 -p "$pg_port" -U crontui -d postgres -qc "create database crontui" >/dev/null
    fi
}

write_env() {
    cat > "$run/env" <<ENV
REDIS_URL=redis://127.0.0.1:$redis_port/0
DATABASE_URL=postgres://crontui@127.0.0.1:$pg_port/crontui
REDIS_SOCKET_URL=unix://$run/redis/redis.sock
ENV
}

down() {
    if [ -f "$run/redis/redis.pid" ]; then
        local pid; pid=$(cat "$run/redis/redis.pid")
        if kill -0 "$pid" 2>/dev/null; then kill "$pid"; log "Redis stopped (pid $pid)"; fi
        rm -f "$run/redis/redis.pid"
    fi
    if [ -f "$run/pg/data/postmaster.pid" ]; then
        find_pg_bin
        as_pg "$pg_bin/pg_ctl" -D "$run/pg/data" -m fast -w stop >/dev/null 2>&1 && log "PostgreSQL stopped" || true
    fi
}

status() {
    if redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; then echo "redis: up on 127.0.0.1:$redis_port"; else echo "redis: down"; fi
    find_pg_bin
    if "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" >/dev/null 2>&1; then echo "postgres: up on 127.0.0.1:$pg_port"; else echo "postgres: down"; fi
}

case "${1:-}" in
    up) install_missing; mkdir -p "$run"; redis_up; pg_up; write_env; log "up (env in .run/env)";;
    down) down;;
    status) status;;
    *) echo "usage: $0 up|down|status" >&2; exit 2;;
esac
