#!/usr/bin/env python3
"""Checks of the deploy/ files, used by scripts/ops-test.sh. Each subcommand prints what it found
and exits 1 on a failure.

  rules-coverage ALERTS TEST     every alert has a summary, a description and a severity, and the
                                 promtool test file has a case where it fires and one where it is silent
  dashboard-lint DASHBOARD       Grafana 10 schema, the datasource and schedule variables, the panels
  names METRICS DASHBOARD ALERTS NAMES.swift LAZY...
                                 every metric an expression names is on METRICS (a real /metrics) or
                                 is one of LAZY (declared in NAMES.swift, on /metrics after its first
                                 increment only)
  prom-query URL EXPR SECONDS    polls URL's /api/v1/query until EXPR has a result
  prom-alert URL ALERT LABEL=VALUE SECONDS
                                 polls /api/v1/alerts until ALERT with that label is pending or firing
  prom-quiet URL ALERT...        none of ALERT is pending or firing now
  prom-rules URL ALERTS          every rule of ALERTS is loaded and evaluates without error
  prom-exprs URL DASHBOARD METRICS
                                 every dashboard expression is accepted by Prometheus, and each one
                                 whose metrics are all on METRICS has a result
  prom-labels URL NAME...        label_values(crontui_http_responses_total, schedule) has each NAME
"""
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import yaml

METRIC = re.compile(r"\bcrontui_[a-z0-9_]+")


def die(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def load_alerts(path):
    rules = []
    for group in yaml.safe_load(open(path))["groups"]:
        rules += [r for r in group["rules"] if "alert" in r]
    return rules


def dashboard_targets(path):
    """(panel title, expression) for every target, and the variable queries."""
    dash = json.load(open(path))
    out = []
    for p in dash["panels"]:
        for t in p.get("targets", []):
            out.append((p["title"], t["expr"]))
    for v in dash["templating"]["list"]:
        if v["type"] == "query":
            out.append(("variable " + v["name"], v["definition"]))
    return out


def substitute(expr):
    """A dashboard expression as Prometheus would get it from Grafana."""
    expr = expr.replace("$__rate_interval", "1m").replace("$__interval", "15s")
    return re.sub(r"\$\{?(queue|schedule)\}?", ".*", expr)


def rules_coverage(alerts_path, test_path):
    bad = []
    alerts = load_alerts(alerts_path)
    tests = yaml.safe_load(open(test_path))["tests"]
    fires, silent = set(), set()
    for t in tests:
        for case in t.get("alert_rule_test", []):
            (fires if case.get("exp_alerts") else silent).add(case["alertname"])
    for r in alerts:
        name = r["alert"]
        ann = r.get("annotations", {})
        for key in ("summary", "description"):
            if len(ann.get(key, "").strip()) < 20:
                bad.append(f"{name}: no {key}")
        if r.get("labels", {}).get("severity") not in ("warning", "critical"):
            bad.append(f"{name}: no severity label")
        if name not in fires:
            bad.append(f"{name}: no test case where it fires")
        if name not in silent:
            bad.append(f"{name}: no test case where it stays silent")
    names = {r["alert"] for r in alerts}
    for n in (fires | silent) - names:
        bad.append(f"{test_path} tests {n}, which {alerts_path} does not define")
    if bad:
        die("\n".join(bad))
    print(f"{len(alerts)} alerts, each with a summary, a description, a severity, a firing and a silent case")


def dashboard_lint(path):
    bad = []
    dash = json.load(open(path))
    if dash.get("schemaVersion", 0) < 36:
        bad.append(f"schemaVersion {dash.get('schemaVersion')} is older than Grafana 10's")
    variables = {v["name"]: v for v in dash["templating"]["list"]}
    ds = variables.get("datasource")
    if not ds or ds["type"] != "datasource" or ds["query"] != "prometheus":
        bad.append("no Prometheus data source variable named datasource")
    sched = variables.get("schedule")
    if not sched or sched.get("definition") != "label_values(crontui_http_responses_total, schedule)":
        bad.append("no schedule variable from label_values(crontui_http_responses_total, schedule)")
    for v in variables.values():
        if v["type"] == "query" and v["datasource"].get("uid") != "${datasource}":
            bad.append(f"variable {v['name']} does not use ${{datasource}}")
    ids = [p["id"] for p in dash["panels"]]
    if len(ids) != len(set(ids)):
        bad.append("panel ids repeat")
    exprs = []
    for p in dash["panels"]:
        g = p.get("gridPos", {})
        if not all(k in g for k in ("h", "w", "x", "y")) or g["x"] + g["w"] > 24:
            bad.append(f"panel {p['title']}: bad gridPos {g}")
        if p["type"] == "row":
            continue
        if p.get("datasource", {}).get("uid") != "${datasource}":
            bad.append(f"panel {p['title']}: not on ${{datasource}}")
        refs = [t["refId"] for t in p.get("targets", [])]
        if not refs or len(refs) != len(set(refs)):
            bad.append(f"panel {p['title']}: no targets or repeated refIds")
        exprs += [t["expr"] for t in p.get("targets", [])]
    text = "\n".join(exprs)
    wanted = {
        "throughput": "crontui_jobs_completed_total",
        "failures by class": "crontui_attempt_failures_total",
        "fire lag quantiles": "histogram_quantile(0.99, sum by (le) (rate(crontui_fire_lag_seconds_bucket",
        "queue depth": "crontui_queue_jobs",
        "oldest wait": "crontui_queue_oldest_waiting_seconds",
        "leader": "crontui_scheduler_leader",
        "dependencies": "crontui_dependency_up",
        "outbox": "crontui_outbox_size",
        "fire outbox": "crontui_fire_outbox_size",
        "per schedule": 'schedule=~"$schedule"',
    }
    for what, needle in wanted.items():
        if needle not in text:
            bad.append(f"no panel shows {what} ({needle})")
    if bad:
        die("\n".join(bad))
    print(f"{len(ids)} panels, {len(exprs)} expressions, variables {sorted(variables)}")


def metric_names(metrics_path):
    names = set()
    for line in open(metrics_path):
        if line.startswith("#") or not line.strip():
            continue
        names.add(re.split(r"[{ ]", line, maxsplit=1)[0])
    return names


def names(metrics_path, dash_path, alerts_path, swift_path, lazy):
    present = metric_names(metrics_path)
    declared = set(re.findall(r'"(crontui_[a-z0-9_]+)"', open(swift_path).read()))
    bad = []
    for n in lazy:
        if n not in declared:
            bad.append(f"{n} is listed as created on first increment but {swift_path} does not declare it")
    sources = [(f"alert {r['alert']}", r["expr"]) for r in load_alerts(alerts_path)]
    sources += [(f"panel {t}", e) for t, e in dashboard_targets(dash_path)]
    used, lazy_used = set(), set()
    for where, expr in sources:
        for n in METRIC.findall(expr):
            if n in present:
                used.add(n)
            elif n in lazy:
                lazy_used.add(n)
            else:
                bad.append(f"{where}: {n} is not on /metrics of a real crontui serve")
    if bad:
        die("\n".join(bad))
    print(f"{len(sources)} expressions name {len(used)} metrics found on /metrics"
          + (f" and {len(lazy_used)} that appear after their first increment ({', '.join(sorted(lazy_used))})" if lazy_used else ""))


def get(url, path, **params):
    q = urllib.parse.urlencode(params, doseq=True)
    try:
        with urllib.request.urlopen(f"{url}{path}?{q}", timeout=5) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        return json.load(e)


def poll(seconds, fn):
    deadline = time.monotonic() + float(seconds)
    while True:
        result = fn()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.25)


def prom_query(url, expr, seconds):
    def once():
        try:
            d = get(url, "/api/v1/query", query=expr)
        except OSError:
            return None
        return d.get("data", {}).get("result") if d.get("status") == "success" else None
    result = poll(seconds, once)
    if not result:
        die(f"no result for {expr} within {seconds} s")
    print(f"{expr}: " + ", ".join(f"{json.dumps(r['metric'], sort_keys=True)} {r['value'][1]}" for r in result[:4]))


def active_alerts(url):
    return get(url, "/api/v1/alerts")["data"]["alerts"]


def prom_alert(url, alert, label, seconds):
    key, value = label.split("=", 1)

    def once():
        return [a for a in active_alerts(url)
                if a["labels"].get("alertname") == alert and a["labels"].get(key) == value
                and a["state"] in ("pending", "firing")]
    found = poll(seconds, once)
    if not found:
        die(f"{alert}{{{label}}} did not go pending within {seconds} s; active: "
            + json.dumps([(a["labels"], a["state"]) for a in active_alerts(url)]))
    a = found[0]
    print(f"{alert}{{{label}}} is {a['state']} since {a['activeAt']}: {a['annotations']['summary']}")


def prom_quiet(url, alerts):
    loud = [(a["labels"], a["state"]) for a in active_alerts(url) if a["labels"].get("alertname") in alerts]
    if loud:
        die(f"active, but the system is healthy: {json.dumps(loud)}")
    print(f"inactive: {', '.join(alerts)}")


def prom_rules(url, alerts_path):
    wanted = {r["alert"] for r in load_alerts(alerts_path)}
    seen, bad = set(), []

    def evaluated():
        rules = [r for g in get(url, "/api/v1/rules")["data"]["groups"] for r in g["rules"]]
        # a rule not evaluated yet has lastEvaluation 0001-01-01
        return rules if rules and all(not r.get("lastEvaluation", "0001").startswith("0001") for r in rules) else None
    rules = poll(20, evaluated) or []
    for r in rules:
        seen.add(r["name"])
        if r.get("health") != "ok":
            bad.append(f"{r['name']}: health {r.get('health')} {r.get('lastError', '')}")
    for n in wanted - seen:
        bad.append(f"{n} is not loaded")
    if bad:
        die("\n".join(bad))
    print(f"{len(rules)} rules loaded and evaluated without error")


def prom_exprs(url, dash_path, metrics_path):
    present = metric_names(metrics_path)
    bad, checked = [], 0
    for title, expr in dashboard_targets(dash_path):
        if title.startswith("variable "):
            continue
        q = substitute(expr)
        want_data = all(n in present for n in METRIC.findall(expr))

        def once():
            d = get(url, "/api/v1/query", query=q)
            if d.get("status") != "success":
                return d
            return d if (d["data"]["result"] or not want_data) else None
        d = poll(15, once)
        checked += 1
        if d is None:
            bad.append(f"panel {title}: {q} has no result")
        elif d.get("status") != "success":
            bad.append(f"panel {title}: {q}: {d.get('errorType')}: {d.get('error')}")
    if bad:
        die("\n".join(bad))
    print(f"{checked} dashboard expressions accepted by Prometheus, each with data when its metrics exist")


def prom_labels(url, wanted):
    d = get(url, "/api/v1/label/schedule/values", **{"match[]": "crontui_http_responses_total"})
    missing = [w for w in wanted if w not in d.get("data", [])]
    if missing:
        die(f"the schedule variable lacks {missing}: {d}")
    print(f"schedule variable values include {', '.join(wanted)}")


def main(argv):
    cmd, args = argv[1], argv[2:]
    if cmd == "rules-coverage":
        rules_coverage(*args)
    elif cmd == "dashboard-lint":
        dashboard_lint(*args)
    elif cmd == "names":
        names(args[0], args[1], args[2], args[3], set(args[4:]))
    elif cmd == "prom-query":
        prom_query(*args)
    elif cmd == "prom-alert":
        prom_alert(*args)
    elif cmd == "prom-quiet":
        prom_quiet(args[0], args[1:])
    elif cmd == "prom-rules":
        prom_rules(*args)
    elif cmd == "prom-exprs":
        prom_exprs(*args)
    elif cmd == "prom-labels":
        prom_labels(args[0], args[1:])
    else:
        die(__doc__)


if __name__ == "__main__":
    main(sys.argv)
