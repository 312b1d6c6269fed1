#!/usr/bin/env bash
# Runs `swift test --skip-build` with the given arguments, keeps the whole output in
# .run/test-logs/<name>.log, and on failure repeats every failed test and its issues at the end,
# where a CI log's tail shows them.
# Usage: scripts/swift-test.sh NAME [swift test arguments...]
#
# Swift Testing starts every test at once unless told otherwise. Hundreds of integration tests
# opening their pools together put 340 connections on the PostgreSQL and a load of 20 on two
# cores, and a connection then took longer than its 5 s connect timeout. At most 16 tests at a
# time keeps that under 60 connections and a second, and the run is shorter too.
# SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH set by the caller wins.
set -uo pipefail
cd "$(dirname "$0")/.."
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-16}
name=$1; shift
mkdir -p .run/test-logs
log=.run/test-logs/$name.log
${SWIFT:-swift} test --skip-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" != 0 ]; then
    echo
    echo "== $name: what failed (whole output in $log) =="
    # Swift Testing marks failures with ✘ and continues an issue's message on lines starting with ↳.
    awk '/^✘/ { keep = 1; print; next } keep && /^↳/ { print; next } { keep = 0 }' "$log" | head -150
    grep -E 'Fatal error|Exited with|error: ' "$log" | head -10
fi
exit "$status"
