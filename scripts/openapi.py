#!/usr/bin/env python3
"""Writes Sources/API/Resources/openapi.json: the OpenAPI document of the HTTP API, which the API
target embeds in the binary and serves at /api/openapi.json.

    scripts/openapi.py            rewrite the resource
    scripts/openapi.py --output F write it to F instead (make openapi-check compares the two)
"""
import json
err = lambda d: {"$ref": "#/components/responses/" + d}
def resp(code_map):
    return code_map
def op(summary, tag, admin, ok, params=None, body=None, extra=(), opid=None):
    o = {"operationId": opid, "summary": summary, "tags": [tag],
         "security": [{"bearer": []}] if admin else [{}, {"bearer": []}],
         "responses": dict(ok)}
    for code in ["400", "401", "403", "503"] + list(extra):
        o["responses"][code] = err({"400":"BadRequest","401":"Unauthorized","403":"Forbidden","404":"NotFound","409":"Conflict","413":"TooLarge","415":"UnsupportedMediaType","503":"Unavailable"}[code])
    if params: o["parameters"] = params
    if body: o["requestBody"] = body
    return o
def ref(name): return {"$ref": "#/components/schemas/" + name}
def jsonok(desc, schema, code="200", headers=None):
    r = {"description": desc, "content": {"application/json": {"schema": schema}}}
    if headers: r["headers"] = headers
    return {code: r}
def qp(name, schema, desc): return {"name": name, "in": "query", "required": False, "schema": schema, "description": desc}
sid = {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1, "maxLength": 200}, "description": "A schedule's id (all digits) or name."}
jid = {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1, "maxLength": 200}, "description": "A queue job id."}
eid = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "format": "int64", "minimum": 0}, "description": "An execution's row id."}
nullable = lambda t, **k: dict({"type": t, "nullable": True}, **k)
fieldsBody = lambda required: {"required": True, "content": {"application/json": {"schema": ref("ScheduleCreate" if required else "ScheduleUpdate")}}}
queueParam = lambda description="Another queue than the default one (QUEUE_NAME)": qp("queue", {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"}, description)
paths = {
 "/healthz": {"get": op("The process is alive", "health", False, jsonok("Alive", ref("Health")), opid="healthz")},
 "/readyz": {"get": op("Redis and PostgreSQL answer", "health", False, dict(jsonok("Ready", ref("Ready")), **{"503": {"description": "A dependency does not answer", "content": {"application/json": {"schema": {"oneOf": [ref("Ready"), ref("Error")]}}}}}), opid="readyz")},
 "/metrics": {"get": op("Prometheus metrics", "health", False, {"200": {"description": "Prometheus text exposition format", "content": {"text/plain": {"schema": {"type": "string"}}}}}, opid="metrics")},
 "/api/openapi.json": {"get": op("This document", "health", False, {"200": {"description": "OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}}}, opid="openapi")},
 "/api/cron/queue/stats": {"get": op("Queue counts, totals and throughput (seed-compatible)", "queue", False, jsonok("Stats", ref("QueueStats")),
     params=[queueParam()], opid="queueStats")},
 "/api/cron/queue/pause": {"post": op("Pause the queue: workers take nothing new", "queue", True, jsonok("Paused", ref("QueuePause")), params=[queueParam()], extra=["413"], opid="pauseQueue")},
 "/api/cron/queue/resume": {"post": op("Resume the queue", "queue", True, jsonok("Resumed", ref("QueuePause")), params=[queueParam()], extra=["413"], opid="resumeQueue")},
 "/api/cron/events": {"get": op("Lifecycle events of a queue as Server-Sent Events (never ends on its own)", "queue", False,
     {"200": {"description": "text/event-stream: `id:` the stream id, `event:` the kind, `data:` an Event object", "content": {"text/event-stream": {"schema": {"type": "string"}}}}},
     params=[{"name": "Last-Event-ID", "in": "header", "required": False, "schema": {"type": "string", "pattern": "^([0-9]{1,20}-[0-9]{1,20}|0|\\$)$"}, "description": "Resume after this event"},
             qp("after", {"type": "string", "pattern": "^([0-9]{1,20}-[0-9]{1,20}|0|\\$)$"}, "Resume after this event (when the header cannot be set)"),
             queueParam("Another queue than the default one (QUEUE_NAME); ids are that queue's stream ids")], opid="events")},
 "/api/cron/jobs": {"get": op("Execution history, newest first, in keyset pages (seed-compatible)", "history", False, jsonok("A page", ref("ExecutionPage")),
     params=[qp("status", {"type": "string", "enum": ["succeeded", "failed", "retrying", "running", "timed_out"]}, "Only this status"),
             qp("schedule", {"type": "string", "minLength": 1, "maxLength": 200}, "Only this schedule (id or name)"),
             qp("since", {"type": "string"}, "Only attempts started since: RFC 3339 instant, epoch milliseconds, or a duration back from now (15m, 2h, 7d)"),
             qp("trace", {"type": "string", "pattern": "^[0-9a-fA-F]{32}$"}, "Only this trace id"),
             qp("job", {"type": "string", "minLength": 1, "maxLength": 200}, "Only this queue job"),
             queueParam("Only attempts run by this queue (none recorded before queues were)"),
             qp("limit", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 50}, "Rows per page"),
             qp("cursor", {"type": "string", "pattern": "^-?[0-9]{1,19}\\.[0-9]{1,19}$"}, "next_cursor of the previous page")], opid="history")},
 "/api/cron/jobs/{id}/retry": {"post": op("Run a failed job again from its first attempt", "queue", True, jsonok("Queued", ref("JobRetry"), "202"), params=[jid, queueParam("The queue of the job, when not the default one (QUEUE_NAME)")], extra=["404", "409", "413"], opid="retryJob")},
 "/api/cron/jobs/{id}/rerun": {"post": op("Copy a finished job into a new job", "queue", True, jsonok("Queued", ref("JobRerun"), "202"), params=[jid, queueParam("The queue of the job, when not the default one (QUEUE_NAME)")], extra=["404", "409", "413"], opid="rerunJob")},
 "/api/cron/executions/{id}": {"get": op("One attempt, with its response headers and body", "history", False, jsonok("The attempt", ref("ExecutionDetail")), params=[eid], extra=["404"], opid="execution")},
 "/api/cron/schedules": {
    "get": op("Schedules by name, in pages", "schedules", False, jsonok("A page", ref("SchedulePage")),
        params=[qp("limit", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}, "Rows per page"),
                qp("cursor", {"type": "string", "minLength": 1, "maxLength": 512}, "next_cursor of the previous page")], opid="listSchedules"),
    "post": op("Create a schedule", "schedules", True, jsonok("Created", ref("Schedule"), "201", {"Location": {"schema": {"type": "string"}}}), body=fieldsBody(True), extra=["409", "413", "415"], opid="createSchedule")},
 "/api/cron/schedules/{id}": {
    "get": op("One schedule", "schedules", False, jsonok("The schedule", ref("Schedule")), params=[sid], extra=["404"], opid="getSchedule"),
    "patch": op("Change the fields given", "schedules", True, jsonok("Changed", ref("Schedule")), params=[sid], body=fieldsBody(False), extra=["404", "409", "413", "415"], opid="updateSchedule"),
    "delete": op("Delete a schedule", "schedules", True, jsonok("Deleted (as it was)", ref("Schedule")), params=[sid], extra=["404", "413"], opid="deleteSchedule")},
 "/api/cron/schedules/{id}/run": {"post": op("Enqueue one job of the schedule now", "schedules", True, jsonok("Queued", ref("ManualRun"), "202"), params=[sid], extra=["404", "413"], opid="runSchedule")},
 "/api/cron/schedules/{id}/pause": {"post": op("Pause a schedule", "schedules", True, jsonok("Paused", ref("ScheduleToggle")), params=[sid], extra=["404", "413"], opid="pauseSchedule")},
 "/api/cron/schedules/{id}/resume": {"post": op("Resume a schedule", "schedules", True, jsonok("Resumed", ref("ScheduleToggle")), params=[sid], extra=["404", "413"], opid="resumeSchedule")},
 "/api/cron/schedules/{id}/next": {"get": op("The next fire times", "schedules", False, jsonok("Fire times", ref("NextFires")),
     params=[sid, qp("count", {"type": "integer", "minimum": 1, "maximum": 100, "default": 5}, "How many")], extra=["404"], opid="nextFires")},
 "/api/cron/agendamentos/{id}/run": {"post": op("Run a schedule now (the seed system's route)", "schedules", True, jsonok("Queued", ref("ManualRun"), "202"), params=[sid], extra=["404", "413"], opid="runAgendamento")},
}
headerLines = {"oneOf": [{"type": "array", "maxItems": 100, "items": {"type": "string"}}, {"type": "object", "additionalProperties": {"type": "string"}}], "description": "'Name: value' lines, or an object of name to value; a secret header whose value is *** (as listings show it) keeps its stored value"}
textOrInt = lambda d: {"oneOf": [{"type": "string"}, {"type": "integer"}], "description": d}
fieldProps = {
  "name": {"type": "string", "description": "Unique; 1-128 characters, not all digits"},
  "cron": {"type": "string", "description": "Cron expression"},
  "tz": {"type": "string", "description": "IANA time zone (default UTC)"},
  "method": {"type": "string", "description": "GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS"},
  "url": {"type": "string", "description": "Absolute http or https URL; sent back exactly as listings show it (secrets as ***), it keeps the stored one"},
  "headers": headerLines,
  "body": {"type": "string", "description": "Request body; empty removes it"},
  "timeout": textOrInt("500ms, 30s, 5m, 1h; a bare number is seconds"),
  "attempts": textOrInt("1-100"),
  "backoff": {"type": "string", "description": "exponential[:base[:cap]], fixed:<delay> or none"},
  "missed": {"type": "string", "description": "skip, run_once or run_all[:cap]"},
  "overlap": {"type": "string", "description": "allow, skip or queue_one"},
  "pause_after_failures": {"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": True, "description": "off or 1-1000"},
  "queue": {"type": "string", "nullable": True, "description": "The queue its jobs go to (1-64 of A-Z a-z 0-9 . _ -); null or empty: the default queue"},
  "enabled": {"type": "boolean", "description": "false creates it paused"},
}
execProps = {
  "id": {"type": "integer", "format": "int64"}, "cursor": nullable("string"), "record_id": {"type": "string"}, "job_id": {"type": "string"},
  "attempt": {"type": "integer"}, "max_attempts": {"type": "integer"}, "trigger": {"type": "string"},
  "status": {"type": "string", "enum": ["succeeded", "failed", "retrying", "running", "timed_out"]},
  "outcome": nullable("string"), "error_kind": nullable("string"), "error": nullable("string"), "http_status": nullable("integer"),
  "duration_ms": nullable("integer"), "schedule_id": nullable("integer"), "schedule_name": nullable("string"), "fire_id": nullable("integer"),
  "rerun_of": nullable("string"), "scheduled_for": nullable("string", format="date-time"), "enqueued_at": nullable("string", format="date-time"),
  "started_at": {"type": "string", "format": "date-time"}, "finished_at": nullable("string", format="date-time"), "method": {"type": "string"},
  "url": {"type": "string"}, "response_size": nullable("integer"), "worker": nullable("string"), "trace_id": {"type": "string"},
  "queue": dict(nullable("string"), description="The queue that ran the attempt; null when recorded before queues were"),
}
detailProps = dict(execProps, **{"response_headers": {"type": "array", "nullable": True, "items": {"type": "array", "items": {"type": "string"}}},
  "response_body": nullable("string"), "response_body_base64": nullable("string")})
schedProps = {
  "id": {"type": "integer", "format": "int64"}, "name": {"type": "string"}, "cron": {"type": "string"}, "tz": {"type": "string"},
  "method": {"type": "string"}, "url": {"type": "string"}, "headers": {"type": "array", "items": {"type": "string"}}, "body": nullable("string"),
  "timeout_ms": {"type": "integer"}, "attempts": {"type": "integer"}, "backoff": {"type": "string"}, "missed": {"type": "string"},
  "overlap": {"type": "string"}, "enabled": {"type": "boolean"}, "pause_after_failures": nullable("integer"), "queue": nullable("string"),
  "consecutive_failures": {"type": "integer"},
  "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
  "next_fire_at": nullable("string", format="date-time"),
}
obj = lambda props, required=None: {"type": "object", "additionalProperties": False, "required": required if required is not None else sorted(props), "properties": props}
schemas = {
  "Error": obj({"error": obj({"code": {"type": "string"}, "message": {"type": "string"}, "field": {"type": "string"}}, ["code", "message"])}),
  "Health": obj({"status": {"type": "string", "enum": ["ok"]}}),
  "Ready": obj({"status": {"type": "string", "enum": ["ready", "unready"]}, "checks": {"type": "object", "additionalProperties": {"type": "string"}}}),
  "QueueStats": obj({k: {"type": "integer"} for k in ["waiting", "active", "delayed", "completed", "failed", "completed_total", "failed_total", "stalled_total", "throughput_per_minute"]} | {
      "queue": {"type": "string"}, "paused": {"type": "boolean"},
      "completed_per_minute": {"type": "array", "minItems": 60, "maxItems": 60, "items": {"type": "integer"}},
      "failed_per_minute": {"type": "array", "minItems": 60, "maxItems": 60, "items": {"type": "integer"}},
      "oldest_waiting_ms": nullable("integer")}),
  "QueuePause": obj({"queue": {"type": "string"}, "paused": {"type": "boolean"}, "changed": {"type": "boolean"}}),
  "JobRetry": obj({"job_id": {"type": "string"}, "state": {"type": "string"}}),
  "JobRerun": obj({"job_id": {"type": "string"}, "rerun_of": {"type": "string"}, "trace_id": {"type": "string"}}),
  "Execution": obj(execProps),
  "ExecutionDetail": obj(detailProps),
  "ExecutionPage": obj({"items": {"type": "array", "items": ref("Execution")}, "next_cursor": nullable("string"), "limit": {"type": "integer"}}),
  "ScheduleCreate": {"type": "object", "additionalProperties": False, "required": ["name", "cron", "url"], "properties": fieldProps},
  "ScheduleUpdate": {"type": "object", "additionalProperties": False, "minProperties": 1, "properties": fieldProps},
  "Schedule": obj(schedProps),
  "SchedulePage": obj({"items": {"type": "array", "items": ref("Schedule")}, "next_cursor": nullable("string"), "limit": {"type": "integer"}}),
  "ScheduleToggle": obj({"changed": {"type": "boolean"}, "schedule": ref("Schedule")}),
  "ManualRun": obj({"schedule_id": {"type": "integer", "format": "int64"}, "job_id": {"type": "string"}, "trace_id": {"type": "string"}}),
  "NextFires": obj({"schedule_id": {"type": "integer", "format": "int64"}, "cron": {"type": "string"}, "tz": {"type": "string"}, "fires": {"type": "array", "items": {"type": "string", "format": "date-time"}}}),
  "Event": obj({"id": {"type": "string"}, "kind": {"type": "string"}, "job_id": {"type": "string"}, "queue": {"type": "string", "description": "The queue the event happened in"}, "attempt": {"type": "integer"}, "at": {"type": "string", "format": "date-time"}, "detail": {"type": "string"}, "error_class": {"type": "string", "enum": ["http", "timeout", "connection", "dns", "tls", "invalid_request", "redirects", "interrupted", "abandoned", "other"], "description": "On failed and retrying events: the failure's class as the executor decided it"}, "max_attempts": {"type": "integer", "description": "The job's attempts in all; absent on queue-level events"}, "schedule": {"type": "string", "description": "The name of the schedule the job runs for, when it has one"}, "http_status": {"type": "integer", "description": "On completed, failed and retrying events: the attempt's HTTP status, when a response arrived"}, "duration_ms": {"type": "integer", "format": "int64", "description": "On completed, failed and retrying events: how long the attempt took"}, "retry_delay_ms": {"type": "integer", "format": "int64", "description": "On retrying and delayed events: milliseconds until the next attempt"}}, required=["at", "attempt", "detail", "id", "job_id", "kind", "queue"]),
}
# Links let a stateful fuzzer follow a created schedule to the routes that take its id.
created = paths["/api/cron/schedules"]["post"]["responses"]["201"]
created["links"] = {op: {"operationId": op, "parameters": {"id": "$response.body#/id"}} for op in
    ["getSchedule", "updateSchedule", "deleteSchedule", "runSchedule", "pauseSchedule", "resumeSchedule", "nextFires", "runAgendamento"]}
errresp = lambda d, extra_headers=None: dict({"description": d, "content": {"application/json": {"schema": ref("Error")}}}, **({"headers": extra_headers} if extra_headers else {}))
doc = {
 "openapi": "3.0.3",
 "info": {"title": "crontui API", "version": "1.0.0", "description": "Schedules, the job queue, execution history and metrics of crontui. Mutations need an admin bearer token; reads need a token when the server is bound beyond loopback."},
 "servers": [{"url": "/"}],
 "paths": paths,
 "components": {
   "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "API_TOKEN, or a token from API_TOKENS_FILE"}},
   "schemas": schemas,
   "responses": {
     "BadRequest": errresp("A parameter or a body field is not acceptable; error.field names it"),
     "Unauthorized": errresp("No token, or a token that is not valid", {"WWW-Authenticate": {"schema": {"type": "string"}}}),
     "Forbidden": errresp("The token's role may not do this"),
     "NotFound": errresp("Nothing there"),
     "Conflict": errresp("A name in use, or a job in the wrong state"),
     "TooLarge": errresp("The body is over the size limit"),
     "UnsupportedMediaType": errresp("The body is not application/json"),
     "Unavailable": errresp("Redis, PostgreSQL or a backend is unavailable"),
   }},
}
text = json.dumps(doc, indent=1)
import argparse, os
parser = argparse.ArgumentParser(description="Write the OpenAPI document of the HTTP API.")
parser.add_argument("--output", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "API", "Resources", "openapi.json"))
target = parser.parse_args().output
# Served byte for byte: no newline after the closing brace.
with open(target, "w") as f:
    f.write(text)
print("wrote", os.path.normpath(target))
