"""/healthz and /metrics: queries served, errors, timeouts and query latency (Prometheus text or JSON).

Counters live in the app (``app.extensions``), not in the module.  Latency is measured from
the request's arrival to the response's headers (a streamed body may take longer).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from flask import Flask, Response, current_app, g, jsonify, request

from sgkg.ingest.errors import QueryTimeout
from sgkg.service.blueprints import blueprint
from sgkg.service.extensions import get_service

bp = blueprint("metrics", __name__)
KEY = "sgkg.metrics"
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
QUERY_ENDPOINTS = {"sparql.endpoint", "queries.run"}


@dataclass
class Metrics:
    requests: int = 0
    queries: int = 0
    errors: int = 0
    timeouts: int = 0
    latency_sum: float = 0.0
    latency_count: int = 0
    buckets: list[int] = field(default_factory=lambda: [0] * len(BUCKETS))
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, seconds: float, status: int, is_query: bool, timed_out: bool) -> None:
        with self.lock:
            self.requests += 1
            self.errors += status >= 400
            self.timeouts += timed_out
            if is_query:
                self.queries += 1
                self.latency_sum += seconds
                self.latency_count += 1
                for i, bound in enumerate(BUCKETS):
                    if seconds <= bound:
                        self.buckets[i] += 1

    def snapshot(self) -> dict:
        with self.lock:
            return {
                "requests_total": self.requests,
                "queries_total": self.queries,
                "errors_total": self.errors,
                "query_timeouts_total": self.timeouts,
                "query_latency_seconds_sum": round(self.latency_sum, 6),
                "query_latency_seconds_count": self.latency_count,
                "query_latency_seconds_bucket": dict(zip(map(str, BUCKETS), self.buckets)),
            }


def init_app(app: Flask) -> None:
    app.extensions[KEY] = Metrics()
    app.before_request(_start)
    app.after_request(_finish)
    app.register_blueprint(bp)


def _start() -> None:
    g.sgkg_started = time.perf_counter()


def _finish(response: Response) -> Response:
    started = g.get("sgkg_started")
    if started is not None:
        current_app.extensions[KEY].record(
            time.perf_counter() - started,
            response.status_code,
            request.endpoint in QUERY_ENDPOINTS,
            g.get("sgkg_problem_code") == QueryTimeout.code,
        )
    return response


@bp.get("/healthz")
def healthz():
    queries = get_service().queries
    healthy = queries.size == 0 or queries.alive > 0
    body = {
        "status": "ok" if healthy else "degraded",
        "query_workers": queries.size,
        "query_workers_alive": queries.alive,
        "worker_restarts": queries.restarts,
    }
    return jsonify(body), 200 if healthy else 503


@bp.get("/metrics")
def metrics():
    snap = current_app.extensions[KEY].snapshot()
    queries = get_service().queries
    snap.update(query_workers_alive=queries.alive, query_worker_restarts_total=queries.restarts)
    if request.args.get("format") == "json" or request.accept_mimetypes.best == "application/json":
        return jsonify(snap)
    return Response(_prometheus(snap), mimetype="text/plain", content_type="text/plain; version=0.0.4; charset=utf-8")


def _prometheus(snap: dict) -> str:
    lines = []
    for name in (
        "requests_total",
        "queries_total",
        "errors_total",
        "query_timeouts_total",
        "query_worker_restarts_total",
    ):
        lines += [f"# TYPE sgkg_{name} counter", f"sgkg_{name} {snap[name]}"]
    lines += [
        "# TYPE sgkg_query_workers_alive gauge",
        f"sgkg_query_workers_alive {snap['query_workers_alive']}",
        "# TYPE sgkg_query_latency_seconds histogram",
    ]
    for bound, count in snap["query_latency_seconds_bucket"].items():
        lines.append(f'sgkg_query_latency_seconds_bucket{{le="{bound}"}} {count}')
    lines += [
        f'sgkg_query_latency_seconds_bucket{{le="+Inf"}} {snap["query_latency_seconds_count"]}',
        f"sgkg_query_latency_seconds_sum {snap['query_latency_seconds_sum']}",
        f"sgkg_query_latency_seconds_count {snap['query_latency_seconds_count']}",
    ]
    return "\n".join(lines) + "\n"
