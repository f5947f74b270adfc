"""Time the analyst pages (area, compare, timeline) on an N-area benchmark store.

    python -m bench.render --areas 150                 # builds bench/out/corpus-150 and store-150 if absent
    python -m bench.render --store bench/out/store-150 --reps 7

The store is what ``bench/corpus.py`` generates and ``bench/ingest_worker.py`` ingests (as in
``bench/run.py``). The pages are rendered in-process by the app (``create_app`` on that store) through
Flask's test client, after one warm-up request per page; each page is timed for several areas. With
``--query-workers N`` (default 2, as ``sgkg serve``) the queries run in N worker processes, each on an
in-memory replica of the store; with 0 they read the on-disk store in the request's thread. Prints
one table: page, median, min-max and repetitions, against the issue's target (under 1 s). A benchmark
that prints figures, never a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.ingest_worker import ingest_in_child

TARGET_S = 1.0
OUT = Path("bench/out")


def build(areas: int, out: Path) -> Path:
    """The N-area store, generated and ingested unless it is already there."""
    corpus, store = out / f"corpus-{areas}", out / f"store-{areas}"
    if store.is_dir():
        return store
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "bench.corpus", "--areas", str(areas), "--out", str(corpus)], check=True)
    ingest_in_child(corpus, store, gate_every=50, report=out / f"ingest-{areas}.json")
    return store


def area_codes(store: Path, count: int) -> list[tuple[str, str]]:
    """(code, name) of the first areas with documents, by code."""
    manifest = store.parent / store.name.replace("store-", "corpus-") / "manifest.json"
    codes = sorted(set(json.loads(manifest.read_text()).values())) if manifest.is_file() else []
    from sgkg.ingest.store import open_store
    from sgkg.service.named_queries import run_named_query

    opened = open_store(str(store))
    try:
        rows = run_named_query(opened, "areas", {}).rows
    finally:
        opened.close()
    found = sorted((r[1], r[0]) for r in rows if not codes or r[1] in codes)
    return found[:count]


def timed(client, path: str, reps: int) -> list[float] | str:
    """The times of ``reps`` requests after a warm-up, or what the page answered when it failed."""
    start = time.perf_counter()
    response = client.get(path, headers={"Accept": "text/html"})  # warm-up
    if response.status_code != 200:
        return f"answered {response.status_code} after {time.perf_counter() - start:.0f} s"
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        response = client.get(path, headers={"Accept": "text/html"})
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, path
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--areas", type=int, default=150, help="size of the benchmark store (built if absent)")
    parser.add_argument("--store", type=Path, default=None, help="an existing store directory (skips the build)")
    parser.add_argument("--out", type=Path, default=OUT, help="where corpora and stores are built")
    parser.add_argument("--sample", type=int, default=3, help="areas whose pages are timed")
    parser.add_argument("--reps", type=int, default=5, help="timed requests per page and area")
    parser.add_argument("--query-workers", type=int, default=2, help="query worker processes (0: the on-disk store)")
    args = parser.parse_args(argv)

    store = args.store or build(args.areas, args.out)
    every = area_codes(store, 10_000)
    sample = every[: max(args.sample, 3)]
    from sgkg.service import create_app

    app = create_app({"SGKG_STORE": str(store), "SGKG_QUERY_WORKERS": args.query_workers, "SGKG_EMPTY": True})
    client = app.test_client()
    pages = {
        "area": [f"/area/{code}" for code, _ in sample[: args.sample]],
        "area as of a day": [f"/area/{code}?as_of=2020-01-01" for code, _ in sample[: args.sample]],
        "timeline": [f"/area/{code}/timeline" for code, _ in sample[: args.sample]],
        "compare (3 areas)": ["/compare?areas=" + ",".join(code for code, _ in sample[:3])],
    }
    try:
        print(
            f"store {store} ({len(every)} areas with documents), {args.query_workers} query workers; "
            f"{args.reps} timed requests per page and area after a warm-up; load average "
            + " ".join(f"{v:.1f}" for v in os.getloadavg())
        )
        print(f"| page | areas timed | median ms | min–max ms | requests | under {TARGET_S:.0f} s |")
        print("|---|---:|---:|---|---:|---|")
        for page, paths in pages.items():
            results = [timed(client, path, args.reps) for path in paths]
            failed = [r for r in results if isinstance(r, str)]
            if failed:
                print(f"| {page} | {len(paths)} | – | {failed[0]} | – | MISSED |")
                continue
            times = [t for r in results for t in r]
            median = statistics.median(times)
            print(
                f"| {page} | {len(paths)} | {median * 1000:.0f} | {min(times) * 1000:.0f}–{max(times) * 1000:.0f} "
                f"| {len(times)} | {'MET' if max(times) < TARGET_S else 'MISSED'} |"
            )
    finally:
        app.extensions["sgkg"].close()


if __name__ == "__main__":
    main()
