"""The fallback load generator of `bench/throughput.py` when wrk is absent: run in its own process.

    python -m bench.load_client URL CONCURRENCY SECONDS ACCEPT

One thread per connection, each a keep-alive `http.client` connection sending GET URL until the
time is up; prints JSON: rps, requests, p50_ms, errors (non-200 answers and broken connections).
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time
from urllib.parse import urlsplit


def main(url: str, concurrency: int, seconds: float, accept: str) -> dict:
    parts = urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def connection() -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept": accept})
                response = conn.getresponse()
                response.read()
                failed += response.status != 200
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=connection) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "rps": len(ordered) / wall,
        "requests": len(ordered),
        "errors": errors[0],
        "p50_ms": ordered[len(ordered) // 2] * 1000 if ordered else None,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4])))
