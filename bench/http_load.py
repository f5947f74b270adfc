"""`sgkg serve` under a bounded load generator, on 127.0.0.1 only.

The server is started on a free port on an existing store (``--empty``: nothing is
loaded into it), /healthz is polled until it answers, every target gets a few
warm-up requests, then each (target, concurrency) pair gets a fixed number of
requests from that many threads (one ``requests.Session`` each) or stops at a time
cap, whichever comes first. The server's process group is stopped at the end, also
on error. The client runs on the same 2 cores as the server, so at concurrency 16
the figures include the load generator's own cost.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import requests

HERE = Path(__file__).resolve().parent
HEADERS = {
    "cheap": {"Accept": "application/sparql-results+json"},
    "heavy": {"Accept": "application/json"},
    "page": {"Accept": "text/html"},
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def url_for(base: str, target: dict) -> str:
    if "sparql" in target:
        return f"{base}/sparql?{urlencode({'query': target['sparql']})}"
    if "named" in target:
        return f"{base}/queries/{target['named']}?{urlencode(target['params'] | {'format': 'json'})}"
    return base + "/id/" + target["iri"].split("/sgkg/id/", 1)[1]


def serve_command(store: Path, port: int, module: str = "sgkg.service.cli") -> list[str]:
    """`sgkg serve` on ``store`` at 127.0.0.1:``port``, empty of the bundled corpus, warnings only."""
    return [
        sys.executable,
        "-c",
        f"from {module} import main; main()",
        "serve",
        "--store",
        str(store),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--empty",
        "--log-level",
        "WARNING",
    ]


def start_server(store: Path, port: int, log_path: Path) -> subprocess.Popen:
    command = serve_command(store, port)
    log = open(log_path, "wb")  # noqa: SIM115 (kept open for the server's lifetime)
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=HERE.parent, start_new_session=True)


def stop_server(proc: subprocess.Popen) -> None:
    """SIGTERM to the server's own process group (gunicorn, its worker and the query pool), then SIGKILL."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 300.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"sgkg serve exited with {proc.returncode} (see bench/out/serve.log)")
        try:
            if requests.get(base + "/healthz", timeout=2).status_code == 200:
                return time.perf_counter() - started
        except requests.RequestException:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"sgkg serve did not become healthy within {timeout:.0f}s")


def load(url: str, headers: dict, requests_total: int, concurrency: int, cap: float) -> dict:
    """Fixed number of requests over `concurrency` threads, stopped at `cap` seconds."""
    lock = threading.Lock()
    issued = [0]
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + cap

    def worker() -> None:
        session = requests.Session()
        while True:
            with lock:
                if issued[0] >= requests_total or time.perf_counter() > deadline:
                    break
                issued[0] += 1
            started = time.perf_counter()
            try:
                response = session.get(url, headers=headers, timeout=max(cap, 60))
                ok = response.status_code == 200 and len(response.content) > 0
                problem = None if ok else f"HTTP {response.status_code}"
            except requests.RequestException as exc:
                problem = type(exc).__name__
            took = time.perf_counter() - started
            with lock:
                latencies.append(took)
                if problem:
                    errors.append(problem)
        session.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(q: float) -> float | None:
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] * 1000 if ordered else None

    return {
        "requests": requests_total,
        "completed": len(ordered),
        "seconds": wall,
        "rps": len(ordered) / wall if wall else None,
        "p50_ms": pct(0.5),
        "p95_ms": pct(0.95),
        "max_ms": ordered[-1] * 1000 if ordered else None,
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "capped": len(ordered) < requests_total,
    }


def http_bench(store: Path, areas: int, targets: dict, raw: dict, plan, say) -> list[dict]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(store, port, HERE / "out" / "serve.log")
    rows = []
    try:
        ready = wait_healthy(base, proc)
        say(f"  server healthy after {ready:.1f}s on port {port}")
        for name, target in targets.items():
            url = url_for(base, target)
            warm = load(url, HEADERS[name], 2, 1, 60)
            if warm["errors"]:
                say(f"  warning: warm-up of {name} had {warm['errors']} errors {warm['error_kinds']}")
        for name, target in targets.items():
            url = url_for(base, target)
            raw_mem = raw[name]["memory"]["s"] * 1000 if raw[name]["memory"]["s"] else None
            raw_disk = raw[name]["disk"]["s"] * 1000 if raw[name]["disk"]["s"] else None
            for concurrency in plan.http_levels:
                figures = load(url, HEADERS[name], plan.http_requests, concurrency, plan.http_cap)
                row = {
                    "target": name,
                    "concurrency": concurrency,
                    "rps": figures["rps"],
                    "p50_ms": figures["p50_ms"],
                    "p95_ms": figures["p95_ms"],
                    "errors": figures["errors"],
                    "overhead_ratio": figures["p50_ms"] / raw_mem if figures["p50_ms"] and raw_mem else None,
                    "overhead_ratio_vs_disk": figures["p50_ms"] / raw_disk if figures["p50_ms"] and raw_disk else None,
                    "raw_p50_ms": raw_mem,
                    "raw_p50_ms_disk": raw_disk,
                    "areas": areas,
                    "url": url.replace(base, ""),
                    **{k: figures[k] for k in ("requests", "completed", "seconds", "max_ms", "error_kinds", "capped")},
                }
                rows.append(row)
                overhead = f"{row['overhead_ratio']:.2f}x" if row["overhead_ratio"] else "-"
                say(
                    f"  {name:6} c={concurrency:<3} {row['rps']:7.1f} req/s  p50 {row['p50_ms']:8.1f} ms  "
                    f"p95 {row['p95_ms']:8.1f} ms  errors {row['errors']}  overhead {overhead}"
                    + ("  [time cap]" if figures["capped"] else "")
                )
    finally:
        stop_server(proc)
    return rows
