# crontui: the two commands are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= debug
BIN = .build/$(CONFIG)/crontui
ENV = set -a; source .run/env; set +a

.PHONY: run test test-cluster check services cluster-services pgbouncer-services services-down build release lint boundaries folder-deps openapi-check test-files bench screenshots

## Start local Redis and PostgreSQL (installing what is missing), build, migrate, seed the demo
## schedules, open the dashboard (whose in-process engine serves the demo target on DEMO_TARGET_PORT).
run: services build
	@$(ENV); export DEMO_TARGET_PORT=$${DEMO_TARGET_PORT:-8077}; $(BIN) migrate && $(BIN) demo seed --port $$DEMO_TARGET_PORT && exec $(BIN)

## Start the services (the Redis Cluster and PgBouncer too), build once, run every test with the integration tests
## pointed at the services; the cluster suites (RedisCluster*) run beside the others.
## Suites whose names end in TimingTests or RealTimeTests hold deadlines on a real clock: they run
## last, one test at a time, so the hundreds of tests running side by side before them (on two cores)
## do not blur what they measure. Then scripts/ops-test.sh checks deploy/ (alert rules, dashboard,
## unit) against a real serve and Prometheus.
REAL_TIME = TimingTests|RealTimeTests
test: services cluster-services pgbouncer-services test-files
	@$(ENV); export CRONTUI_BIN="$$PWD/$(BIN)"; $(SWIFT) build --build-tests && \
		scripts/swift-test.sh main --skip '$(REAL_TIME)' && \
		scripts/swift-test.sh real-time --filter '$(REAL_TIME)' --no-parallel && \
		scripts/ops-test.sh

## Format lint, the module boundary rules, no cycle between the engine's folders, the OpenAPI
## document against its generator, and the tests.
check: lint boundaries folder-deps openapi-check test

services:
	@scripts/services.sh up

## A Redis Cluster of 3 masters and 3 replicas for the cluster suites (CRONTUI_CLUSTER_URL in .run/env).
cluster-services:
	@scripts/services.sh cluster up

## PgBouncer in transaction mode in front of the PostgreSQL for the PgBouncer suite
## (CRONTUI_PGBOUNCER_URL in .run/env).
pgbouncer-services: services
	@scripts/services.sh pgbouncer up

## The cluster suites alone: the cluster client and the queue over it.
test-cluster: services cluster-services
	@$(ENV); export CRONTUI_BIN="$$PWD/$(BIN)"; $(SWIFT) build --build-tests && scripts/swift-test.sh cluster --filter 'RedisCluster'

services-down:
	@scripts/services.sh down

build:
	$(SWIFT) build -c $(CONFIG)

release:
	$(SWIFT) build -c release

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

## The engine never depends on the terminal; only Terminal/ in the app imports ncurses.
boundaries:
	@! grep -rlE '^\s*(@preconcurrency\s+)?(public\s+|internal\s+)?import\s+CNcurses' Sources/Engine || { echo "Sources/Engine imports CNcurses"; exit 1; }
	@! grep -rlE '^\s*(@preconcurrency\s+)?import\s+CNcurses' Sources/CronTUI --include=*.swift | grep -v '/Terminal/' || { echo "only Sources/CronTUI/Terminal may import CNcurses"; exit 1; }
	@echo "boundaries: ok"

## The engine's folders form layers: scripts/folder-deps.py lists what each uses and fails on a cycle.
folder-deps:
	@python3 scripts/folder-deps.py

## The served OpenAPI document (Sources/API/Resources/openapi.json) is what scripts/openapi.py writes.
openapi-check:
	@tmp=$$(mktemp) && trap 'rm -f "$$tmp"' EXIT && python3 scripts/openapi.py --output "$$tmp" >/dev/null && \
		{ diff -u Sources/API/Resources/openapi.json "$$tmp" | head -40; test $${PIPESTATUS[0]} = 0; } || \
		{ echo "Sources/API/Resources/openapi.json differs from scripts/openapi.py: run scripts/openapi.py"; exit 1; }
	@echo "openapi-check: ok"

## A test file without a test never runs: refuse it.
test-files:
	@bad=0; for f in $$(find Tests -name '*Tests.swift'); do grep -qE '@Test|func test' "$$f" || { echo "$$f holds no test"; bad=1; }; done; exit $$bad

bench: services release
	@$(ENV); .build/release/crontui bench cron && .build/release/crontui bench http --jobs 20000 --concurrency 50

## Regenerate screenshots/*.png from the real binary and engine (the demo schedules against the demo
## target, xterm under a private Xvfb).
screenshots: services build
	@scripts/screenshots.sh
