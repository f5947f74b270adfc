"""Ingest one benchmark corpus into a fresh on-disk store, timing every stage.

    python -m bench.ingest_worker --corpus bench/out/corpus-50 --store bench/out/store-50 \
        --jobs 2 --out bench/out/ingest-50.json [--time-cap 900]

Run by ``bench/run.py`` in a subprocess of its own, so that the peak memory of
one corpus size is this process's (and its extraction workers') peak RSS.

The stages are the project's public functions, called in the order
``ingest.ingest.ingest_source`` calls them:

    read       ingest.readers.read_source
    normalise  ingest.normalise.normalise
    nlp        ingest.pipeline.analyse            (the spaCy pipeline: facts in doc._.sgkg)
    rdf        ingest.graph.build_graph + N-Triples serialisation (first half of ingest.store.to_oxigraph)
    gate       ingest.validate.validate           (the SHACL gate, one document graph)
    commit     N-Triples -> pyoxigraph (second half of to_oxigraph) + OxigraphStore.replace_graph

``--gate-every K`` runs the gate on every K-th document only (the benchmark uses it
when the gate is too slow to run on every document within its time budget; the
summary says how many documents were gated, and run.py estimates the full cost).
With ``--jobs N`` (N > 1) read..gate run in N forked worker processes; the commit
stays serial in this process (the store directory has one writer), in corpus order.
The area code of every document comes from the corpus's manifest.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

STAGES = ("read", "normalise", "nlp", "rdf", "gate")


def _warm() -> None:
    """Build the spaCy pipeline and parse the shapes before forking (workers inherit them)."""
    from sgkg.ingest.pipeline import get_nlp
    from sgkg.ingest.validate import shapes_graph

    get_nlp()
    shapes_graph()


def process(item: tuple[str, str, bool]) -> dict:
    """read -> normalise -> nlp -> rdf -> gate for one document; returns timings and N-Triples."""
    from sgkg.ingest import settings
    from sgkg.ingest.graph import build_graph
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import analyse
    from sgkg.ingest.readers import read_source
    from sgkg.ingest.validate import validate

    path, code, gated = item
    clock = [time.perf_counter()]
    source = read_source(
        path, max_bytes=settings.get("max_document_bytes"), fetch_timeout=settings.get("fetch_timeout")
    )
    clock.append(time.perf_counter())
    norm = normalise(source.text)
    clock.append(time.perf_counter())
    doc = analyse(norm.text, area=(code,), title_hint=source.title_hint)
    facts = doc._.sgkg
    clock.append(time.perf_counter())
    out = {"path": path, "doc_id": source.doc_id, "bytes": os.path.getsize(path), "status": "loaded", "error": None}
    if not facts.areas or facts.is_empty():
        out.update(status="failed", error="no area" if not facts.areas else "nothing found")
        out["seconds"] = dict(zip(STAGES, _diffs(clock)))
        return out
    graph = build_graph(source, norm, facts)
    data = graph.serialize(format="nt", encoding="utf-8")
    clock.append(time.perf_counter())
    report = validate(graph) if gated else None
    clock.append(time.perf_counter())
    out["seconds"] = dict(zip(STAGES, _diffs(clock)))
    out["gated"] = gated
    out["triples"] = len(graph)
    if report is not None and not report.conforms:
        out.update(status="failed", error=f"{len(report.violations)} SHACL violations")
    else:
        out["nt"] = data
    return out


def _diffs(clock: list[float]) -> list[float]:
    return [b - a for a, b in zip(clock, clock[1:])]


def commit(store, result: dict) -> float:
    """The serial part: N-Triples -> pyoxigraph triples, then the atomic replace of the document graph."""
    import pyoxigraph as ox

    from sgkg.ontology.namespaces import document_graph

    started = time.perf_counter()
    triples = [quad.triple for quad in ox.parse(result.pop("nt"), ox.RdfFormat.N_TRIPLES)]
    store.replace_graph(str(document_graph(result["doc_id"])), triples)
    return time.perf_counter() - started


def run(corpus: Path, store_dir: Path, jobs: int, time_cap: float, gate_every: int = 1) -> dict:
    from sgkg.ingest.store import init_store, open_store

    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    items = [(str(corpus / name), code, i % gate_every == 0) for i, (name, code) in enumerate(sorted(manifest.items()))]
    started = time.perf_counter()
    _warm()
    warm_s = time.perf_counter() - started
    pool = multiprocessing.get_context("fork").Pool(jobs) if jobs > 1 else None  # forked before the store opens
    if store_dir.exists():
        shutil.rmtree(store_dir)
    store = open_store(str(store_dir))
    clock = time.perf_counter()
    init_store(store)
    init_s = time.perf_counter() - clock
    results, complete = [], True
    clock = time.perf_counter()
    stream = pool.imap(process, items, chunksize=1) if pool else map(process, items)
    for result in stream:
        result["seconds"]["commit"] = commit(store, result) if result["status"] == "loaded" else 0.0
        results.append(result)
        if time.perf_counter() - clock > time_cap and len(results) < len(items):
            complete = False
            break
    wall = time.perf_counter() - clock
    if pool:
        pool.terminate() if not complete else pool.close()
        pool.join()
    quads = len(store._store)  # noqa: SLF001 (the quad count of the whole store, once, at the end)
    store.close()
    return summarise(results, items, wall, warm_s, init_s, quads, jobs, complete, time_cap, gate_every)


def summarise(results, items, wall, warm_s, init_s, quads, jobs, complete, time_cap, gate_every) -> dict:
    done_bytes = sum(r["bytes"] for r in results)
    stages = {s: sum(r["seconds"].get(s, 0.0) for r in results) for s in STAGES + ("commit",)}
    gate_ms = [r["seconds"]["gate"] * 1000 for r in results if r.get("gated")]
    doc_ms = sorted(sum(v for k, v in r["seconds"].items() if k != "gate") * 1000 for r in results)
    tenth = max(1, len(gate_ms) // 10)
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "documents": len(results),
        "documents_in_corpus": len(items),
        "complete": complete,
        "time_cap_s": time_cap,
        "jobs": jobs,
        "loaded": sum(r["status"] == "loaded" for r in results),
        "failed": [{"path": Path(r["path"]).name, "error": r["error"]} for r in results if r["status"] != "loaded"],
        "bytes": done_bytes,
        "seconds": wall,
        "setup_s": warm_s,
        "init_store_s": init_s,
        "stage_seconds": stages,
        "store_quads": quads,
        "triples_loaded": sum(r.get("triples", 0) for r in results if r["status"] == "loaded"),
        "gate_validated": len(gate_ms),
        "gate_every": gate_every,
        "gate_ms_median": _median(gate_ms),
        "gate_ms_min": min(gate_ms, default=None),
        "gate_ms_max": max(gate_ms, default=None),
        "gate_ms_first_tenth": _median(gate_ms[:tenth]),
        "gate_ms_last_tenth": _median(gate_ms[-tenth:]),
        "doc_ms_without_gate": {
            "p25": _quantile(doc_ms, 0.25),
            "median": _quantile(doc_ms, 0.5),
            "p75": _quantile(doc_ms, 0.75),
            "max": doc_ms[-1] if doc_ms else None,
        },
        "peak_mb_main": self_kb / 1024,
        "peak_mb_worker": child_kb / 1024,
        "peak_mb": max(self_kb, child_kb) / 1024,
    }


def _quantile(ordered: list[float], q: float) -> float | None:
    if not ordered:
        return None
    at = q * (len(ordered) - 1)
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes (the commit is serial)")
    parser.add_argument("--time-cap", type=float, default=1e9, help="stop after this many seconds of ingestion")
    parser.add_argument(
        "--gate-every",
        type=int,
        default=1,
        help="run the SHACL gate on every K-th document only (1: every document, as `sgkg ingest` does)",
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    summary = run(args.corpus, args.store, args.jobs, args.time_cap, args.gate_every)
    args.out.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(
        f"ingested {summary['documents']}/{summary['documents_in_corpus']} documents in {summary['seconds']:.1f}s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()


def ingest_in_child(corpus: Path, store: Path, gate_every: int, report: Path, jobs: int = 2) -> None:
    """Ingest ``corpus`` into ``store`` in a fresh process (this module's command line), the report to ``report``."""
    command = [sys.executable, "-m", "bench.ingest_worker", "--corpus", str(corpus), "--store", str(store)]
    command += ["--jobs", str(jobs), "--gate-every", str(gate_every), "--out", str(report)]
    subprocess.run(command, check=True, cwd=Path(__file__).resolve().parent.parent)
