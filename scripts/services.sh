#!/usr/bin/env bash
# Private Redis and PostgreSQL for development and tests, with all data under .run/.
#   scripts/services.sh up       install what is missing, start the services (idempotent), write .run/env
#   scripts/services.sh down     stop exactly the servers this script started (by pidfile)
#   scripts/services.sh status   say what runs
#   scripts/services.sh fault ACTION SERVICE
#                                act on the fault-test pair (SERVICE: redis or postgres; ACTION: stop,
#                                start, hang (SIGSTOP), resume (SIGCONT)); the fault tests call this
#   scripts/services.sh cluster up|down|status|kill PORT
#                                a Redis Cluster of 3 masters and 3 replicas (.run/cluster/1..6) for the
#                                cluster tests: `up` starts what is not running (idempotent; with no node
#                                running it starts a new cluster), creates the
#                                cluster when it is new, waits until every node says cluster_state:ok
#                                and adds CRONTUI_CLUSTER_URL to .run/env; `down` stops exactly its servers;
#                                `kill PORT` SIGKILLs its node on PORT (the failover test; `up` restarts it)
#   scripts/services.sh pgbouncer up|down|status
#                                PgBouncer (Debian's, installed when missing) in pool_mode = transaction
#                                in front of the main PostgreSQL, under .run/pgbouncer/ on the first free
#                                port from CRONTUI_PGBOUNCER_PORT (default 6440) up; any database name is
#                                passed through. `up` adds CRONTUI_PGBOUNCER_URL to .run/env; `down` stops
#                                exactly its server
#
# Two pairs run: the main one (.run/redis, .run/pg) that the app and most tests use, and the fault
# pair (.run/fault/...) that the fault tests stop, hang and restart without disturbing the others.
# The cluster runs only when asked for (`cluster up`; `make test` does).
#
# Each checkout runs its own servers. Ports: CRONTUI_REDIS_PORT and CRONTUI_PG_PORT (the fault pair:
# CRONTUI_FAULT_REDIS_PORT, CRONTUI_FAULT_PG_PORT) name them exactly; unset, the first free port from
# 6390 / 5440 (fault: 6490 / 5540) up is taken and kept for the next runs. The cluster's nodes take
# the first free ports from CRONTUI_CLUSTER_PORT (default 7390) up whose bus port (+10000) is free too,
# and keep them. Loopback only.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
run="$root/.run"
pg_bin=""

log() { printf 'services: %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_missing() {
    local wanted=(redis-server redis-tools postgresql libncursesw5-dev libhiredis-dev libpq-dev tmux pkg-config prometheus python3-yaml)
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

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = PONG ]; }

# choose_port <dir> <running-check> <explicit port or ''> <first default>: the port this checkout's
# server in <dir> uses: the one it already runs on, the explicit one, or the first free one from the
# default up. (A server started before ports were recorded runs on the explicit or default port.)
choose_port() {
    local dir=$1 running=$2 explicit=$3 port=$4
    if [ -f "$dir/port" ] && "$running" "$dir"; then cat "$dir/port"; return; fi
    if [ -n "$explicit" ]; then echo "$explicit"; return; fi
    if "$running" "$dir"; then echo "$port"; return; fi
    if [ -f "$dir/port" ] && ! listening "$(cat "$dir/port")"; then cat "$dir/port"; return; fi
    while listening "$port"; do port=$((port + 1)); done
    echo "$port"
}

redis_pid() { local f="$1/redis.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
redis_running() { redis_pid "$1" >/dev/null; }

# redis_up <dir> <port>
redis_up() {
    local dir=$1 port=$2
    mkdir -p "$dir"
    if redis_running "$dir"; then echo "$port" > "$dir/port"; return; fi
    if listening "$port"; then
        log "port $port is taken by a server this checkout did not start; set another port (see the top of $0)"
        exit 1
    fi
    echo "$port" > "$dir/port"
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" \
        --appendonly yes --daemonize yes --pidfile "$dir/redis.pid" \
        --logfile "$dir/redis.log" --save "" --protected-mode yes \
        --unixsocket "$dir/redis.sock" --unixsocketperm 700
    # PONG, not merely an answer: while it loads its data Redis answers LOADING.
    wait_for 15 redis_answers "$port" || { log "Redis did not start; see $dir/redis.log"; exit 1; }
}

redis_down() {
    local dir=$1 pid
    pid=$(redis_pid "$dir") || return 0
    kill -CONT "$pid" 2>/dev/null || true
    kill "$pid"
    wait_for 15 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/redis.pid"
    log "Redis stopped (pid $pid)"
}

pg_running() { [ -f "$1/data/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$1/data" status >/dev/null 2>&1; }

# pg_up <dir> <port>
pg_up() {
    local dir=$1 port=$2
    find_pg_bin
    local data="$dir/data" sock="$dir/sock"
    mkdir -p "$dir" "$sock"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
        chown postgres "$dir" "$sock"
        chmod 755 "$run" "$dir"
        [ "$dir" = "$run/pg" ] || chmod 755 "$(dirname "$dir")"
    fi
    if pg_running "$dir"; then
        echo "$port" > "$dir/port"
    else
        if listening "$port"; then
            log "port $port is taken by a server this checkout did not start; set another port (see the top of $0)"
            exit 1
        fi
        if [ ! -f "$data/PG_VERSION" ]; then
            as_pg "$pg_bin/initdb" -D "$data" -U crontui --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        fi
        echo "$port" > "$dir/port"
        as_pg "$pg_bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 30 start \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$sock -c max_connections=1000 -c fsync=off -c synchronous_commit=off" >/dev/null
    fi
    wait_for 30 "$pg_bin/pg_isready" -h 127.0.0.1 -p "$port" || { log "PostgreSQL did not start; see $dir/postgres.log"; exit 1; }
    if ! psql -h 127.0.0.1 -p "$port" -U crontui -d postgres -Atc "select 1 from pg_database where datname='crontui'" | grep -q 1; then
        psql -h 127.0.0.1 -p "$port" -U crontui -d postgres -qc "create database crontui" >/dev/null
    fi
}

pg_down() {
    local dir=$1
    [ -f "$dir/data/postmaster.pid" ] || return 0
    find_pg_bin
    pg_signal "$dir" CONT
    as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 && log "PostgreSQL stopped" || true
}

# pg_signal <dir> <signal>: the postmaster and every backend of the cluster in <dir>.
pg_signal() {
    local dir=$1 signal=$2 pid
    [ -f "$dir/data/postmaster.pid" ] || return 0
    pid=$(head -n 1 "$dir/data/postmaster.pid")
    kill "-$signal" "$pid" $(pgrep -P "$pid" || true) 2>/dev/null || true
}

main_dir_redis="$run/redis"
main_dir_pg="$run/pg"
fault_dir_redis="$run/fault/redis"
fault_dir_pg="$run/fault/pg"

up() {
    install_missing
    find_pg_bin
    mkdir -p "$run/fault"
    local redis_port pg_port fault_redis_port fault_pg_port
    redis_port=$(choose_port "$main_dir_redis" redis_running "${CRONTUI_REDIS_PORT:-}" 6390)
    redis_up "$main_dir_redis" "$redis_port"
    pg_port=$(choose_port "$main_dir_pg" pg_running "${CRONTUI_PG_PORT:-}" 5440)
    pg_up "$main_dir_pg" "$pg_port"
    fault_redis_port=$(choose_port "$fault_dir_redis" redis_running "${CRONTUI_FAULT_REDIS_PORT:-}" 6490)
    redis_up "$fault_dir_redis" "$fault_redis_port"
    fault_pg_port=$(choose_port "$fault_dir_pg" pg_running "${CRONTUI_FAULT_PG_PORT:-}" 5540)
    pg_up "$fault_dir_pg" "$fault_pg_port"
    cat > "$run/env" <<ENV
REDIS_URL=redis://127.0.0.1:$redis_port/0
DATABASE_URL=postgres://crontui@127.0.0.1:$pg_port/crontui
REDIS_SOCKET_URL=unix://$main_dir_redis/redis.sock
FAULT_REDIS_URL=redis://127.0.0.1:$fault_redis_port/0
FAULT_DATABASE_URL=postgres://crontui@127.0.0.1:$fault_pg_port/crontui
CRONTUI_SERVICES=$root/scripts/services.sh
ENV
    cluster_env
    pgbouncer_env
    log "up: Redis on $redis_port, PostgreSQL on $pg_port; fault pair on $fault_redis_port and $fault_pg_port (env in .run/env)"
}

down() {
    pgbouncer_down
    redis_down "$main_dir_redis"
    pg_down "$main_dir_pg"
    redis_down "$fault_dir_redis"
    pg_down "$fault_dir_pg"
    cluster_down
}

status() {
    find_pg_bin
    local name dir
    for name in redis fault/redis; do
        dir="$run/$name"
        if redis_pid "$dir" >/dev/null; then echo "$name: up on 127.0.0.1:$(cat "$dir/port")"; else echo "$name: down"; fi
    done
    for name in pg fault/pg; do
        dir="$run/$name"
        if pg_running "$dir"; then echo "$name: up on 127.0.0.1:$(cat "$dir/port")"; else echo "$name: down"; fi
    done
    cluster_status
    pgbouncer_status
}

fault() {
    local action=${1:-} service=${2:-}
    find_pg_bin
    case "$action:$service" in
        stop:redis) redis_down "$fault_dir_redis";;
        start:redis) redis_up "$fault_dir_redis" "$(cat "$fault_dir_redis/port")";;
        hang:redis) kill -STOP "$(redis_pid "$fault_dir_redis")";;
        resume:redis) kill -CONT "$(redis_pid "$fault_dir_redis")";;
        stop:postgres) pg_down "$fault_dir_pg";;
        start:postgres) pg_up "$fault_dir_pg" "$(cat "$fault_dir_pg/port")";;
        hang:postgres) pg_signal "$fault_dir_pg" STOP;;
        resume:postgres) pg_signal "$fault_dir_pg" CONT;;
        *) echo "usage: $0 fault stop|start|hang|resume redis|postgres" >&2; exit 2;;
    esac
}

# --- The Redis Cluster: 3 masters and 3 replicas under .run/cluster/1..6 ---

cluster_dir="$run/cluster"
cluster_nodes=6

# cluster_port_free <port>: the port and its cluster bus port (+10000) are both free.
cluster_port_free() { ! listening "$1" && ! listening $(($1 + 10000)); }

# cluster_choose_port <dir> <first>: the port of the node in <dir>: the one it runs on, the one it had
# (when free again), or the first free one from <first> up.
cluster_choose_port() {
    local dir=$1 port=$2
    if [ -f "$dir/port" ] && redis_running "$dir"; then cat "$dir/port"; return; fi
    if [ -f "$dir/port" ] && cluster_port_free "$(cat "$dir/port")"; then cat "$dir/port"; return; fi
    while ! cluster_port_free "$port"; do port=$((port + 1)); done
    echo "$port"
}

cluster_node_up() {
    local dir=$1 port=$2
    mkdir -p "$dir"
    echo "$port" > "$dir/port"
    redis_running "$dir" && return
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" \
        --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 1000 \
        --cluster-replica-validity-factor 0 --appendonly no --save "" \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --protected-mode yes
    wait_for 15 redis_answers "$port" || { log "a cluster node did not start; see $dir/redis.log"; exit 1; }
}

cluster_info_field() { # cluster_info_field <port> <field>
    redis-cli -h 127.0.0.1 -p "$1" cluster info 2>/dev/null | tr -d '\r' | sed -n "s/^$2://p"
}

cluster_ports() { local i; for i in $(seq 1 $cluster_nodes); do cat "$cluster_dir/$i/port"; done; }

# Every node serves every slot's map and agrees on it: state ok, 6 nodes known, all slots assigned.
cluster_ready() {
    local port info
    for port in $(cluster_ports); do
        info=$(redis-cli -h 127.0.0.1 -p "$port" cluster info 2>/dev/null | tr -d '\r')
        grep -qx 'cluster_state:ok' <<<"$info" && grep -qx "cluster_known_nodes:$cluster_nodes" <<<"$info" || return 1
    done
    redis-cli --cluster check "127.0.0.1:$(cat "$cluster_dir/1/port")" >/dev/null 2>&1
}

cluster_up() {
    command -v redis-server >/dev/null || install_missing
    local i port next=${CRONTUI_CLUSTER_PORT:-7390} running=0
    for i in $(seq 1 $cluster_nodes); do redis_running "$cluster_dir/$i" && running=1; done
    if [ $running = 0 ]; then
        # Nothing runs: start anew. A stopped cluster's membership names ports that another checkout may
        # have taken since, and its nodes would look for each other there.
        for i in $(seq 1 $cluster_nodes); do rm -f "$cluster_dir/$i/nodes.conf" "$cluster_dir/$i/dump.rdb"; done
    fi
    for i in $(seq 1 $cluster_nodes); do
        port=$(cluster_choose_port "$cluster_dir/$i" "$next")
        cluster_node_up "$cluster_dir/$i" "$port"
        next=$((port + 1))
    done
    local first; first=$(cat "$cluster_dir/1/port")
    if [ "$(cluster_info_field "$first" cluster_slots_assigned)" = 0 ]; then
        # New (or never finished): forget any half-made membership, then create it.
        for port in $(cluster_ports); do redis-cli -h 127.0.0.1 -p "$port" cluster reset hard >/dev/null; done
        local addresses=(); for port in $(cluster_ports); do addresses+=("127.0.0.1:$port"); done
        redis-cli --cluster create "${addresses[@]}" --cluster-replicas 1 --cluster-yes >"$cluster_dir/create.log" 2>&1 ||
            { log "redis-cli --cluster create failed; see $cluster_dir/create.log"; exit 1; }
    fi
    wait_for 60 cluster_ready || { log "the cluster did not reach cluster_state:ok; see $cluster_dir/*/redis.log"; exit 1; }
    cluster_env
    log "cluster up: nodes on $(cluster_ports | paste -sd ' ') (CRONTUI_CLUSTER_URL in .run/env)"
}

cluster_running() { local i; for i in $(seq 1 $cluster_nodes); do redis_running "$cluster_dir/$i" || return 1; done; }

# Adds CRONTUI_CLUSTER_URL to .run/env while the cluster runs; removes it otherwise.
cluster_env() {
    [ -f "$run/env" ] || return 0
    local kept; kept=$(grep -v '^CRONTUI_CLUSTER_URL=' "$run/env" || true)
    printf '%s\n' "$kept" > "$run/env"
    if cluster_running; then
        echo "CRONTUI_CLUSTER_URL=redis+cluster://$(cluster_ports | sed 's/^/127.0.0.1:/' | paste -sd ,)" >> "$run/env"
    fi
}

cluster_down() {
    local i
    for i in $(seq 1 $cluster_nodes); do redis_down "$cluster_dir/$i"; done
    cluster_env
}

cluster_kill() {
    local port=$1 i pid
    for i in $(seq 1 $cluster_nodes); do
        [ "$(cat "$cluster_dir/$i/port" 2>/dev/null)" = "$port" ] || continue
        pid=$(redis_pid "$cluster_dir/$i") || { log "cluster node on $port is not running"; exit 1; }
        kill -9 "$pid"
        wait_for 15 bash -c "! kill -0 $pid" || true
        rm -f "$cluster_dir/$i/redis.pid"
        log "cluster node on $port killed (pid $pid)"
        return
    done
    log "no cluster node of this checkout on port '$port'"; exit 2
}

cluster_status() {
    local i dir
    for i in $(seq 1 $cluster_nodes); do
        dir="$cluster_dir/$i"
        if redis_pid "$dir" >/dev/null; then
            echo "cluster/$i: up on 127.0.0.1:$(cat "$dir/port") ($(redis-cli -h 127.0.0.1 -p "$(cat "$dir/port")" role 2>/dev/null | head -n 1))"
        else
            echo "cluster/$i: down"
        fi
    done
}

cluster() {
    case "${1:-}" in
        up) cluster_up;;
        down) cluster_down;;
        status) cluster_status;;
        kill) cluster_kill "${2:-}";;
        *) echo "usage: $0 cluster up|down|status|kill PORT" >&2; exit 2;;
    esac
}

# --- PgBouncer in transaction mode in front of the main PostgreSQL (.run/pgbouncer) ---

pgb_dir="$run/pgbouncer"

pgbouncer_pid() { local f="$pgb_dir/pgbouncer.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
pgbouncer_running() { pgbouncer_pid >/dev/null; }

pgbouncer_up() {
    find_pg_bin
    [ -f "$main_dir_pg/port" ] && pg_running "$main_dir_pg" || { log "PostgreSQL is not running: run '$0 up' first"; exit 1; }
    if ! command -v pgbouncer >/dev/null; then
        log "installing pgbouncer"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
    fi
    mkdir -p "$pgb_dir"
    local port
    if pgbouncer_running; then
        port=$(cat "$pgb_dir/port")
    else
        port=${CRONTUI_PGBOUNCER_PORT:-6440}
        if [ -f "$pgb_dir/port" ] && ! listening "$(cat "$pgb_dir/port")"; then port=$(cat "$pgb_dir/port"); fi
        while listening "$port"; do port=$((port + 1)); done
        echo "$port" > "$pgb_dir/port"
        # Every database name goes through to the same name on this checkout's PostgreSQL, which
        # trusts loopback logins; PgBouncer itself trusts the one user it knows.
        cat > "$pgb_dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$(cat "$main_dir_pg/port")

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $pgb_dir/userlist.txt
pool_mode = transaction
max_client_conn = 200
default_pool_size = 10
logfile = $pgb_dir/pgbouncer.log
pidfile = $pgb_dir/pgbouncer.pid
INI
        echo '"crontui" ""' > "$pgb_dir/userlist.txt"
        rm -f "$pgb_dir/pgbouncer.pid"
        # PgBouncer will not run as root: the unprivileged 'postgres' user runs it then.
        if [ "$(id -u)" -eq 0 ]; then
            chown -R postgres "$pgb_dir"
            pgbouncer -d -u postgres "$pgb_dir/pgbouncer.ini" >/dev/null
        else
            pgbouncer -d "$pgb_dir/pgbouncer.ini" >/dev/null
        fi
        wait_for 15 listening "$port" || { log "PgBouncer did not start; see $pgb_dir/pgbouncer.log"; exit 1; }
    fi
    pgbouncer_env
    log "pgbouncer up on $port ($(pgbouncer --version | head -n 1), pool_mode = transaction; CRONTUI_PGBOUNCER_URL in .run/env)"
}

# Adds CRONTUI_PGBOUNCER_URL to .run/env while PgBouncer runs; removes it otherwise.
pgbouncer_env() {
    [ -f "$run/env" ] || return 0
    local kept; kept=$(grep -v '^CRONTUI_PGBOUNCER_URL=' "$run/env" || true)
    printf '%s\n' "$kept" > "$run/env"
    if pgbouncer_running; then
        echo "CRONTUI_PGBOUNCER_URL=postgres://crontui@127.0.0.1:$(cat "$pgb_dir/port")/crontui" >> "$run/env"
    fi
}

pgbouncer_down() {
    local pid
    if pid=$(pgbouncer_pid); then
        kill "$pid"
        wait_for 15 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
        rm -f "$pgb_dir/pgbouncer.pid"
        log "PgBouncer stopped (pid $pid)"
    fi
    pgbouncer_env
}

pgbouncer_status() {
    if pgbouncer_running; then echo "pgbouncer: up on 127.0.0.1:$(cat "$pgb_dir/port")"; else echo "pgbouncer: down"; fi
}

pgbouncer_command() {
    case "${1:-}" in
        up) pgbouncer_up;;
        down) pgbouncer_down;;
        status) pgbouncer_status;;
        *) echo "usage: $0 pgbouncer up|down|status" >&2; exit 2;;
    esac
}

case "${1:-}" in
    up) up;;
    down) down;;
    status) status;;
    fault) shift; fault "$@";;
    cluster) shift; cluster "$@";;
    pgbouncer) shift; pgbouncer_command "$@";;
    *) echo "usage: $0 up|down|status|fault ACTION SERVICE|cluster up|down|status|pgbouncer up|down|status" >&2; exit 2;;
esac
