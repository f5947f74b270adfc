"""Run every performance benchmark, print a table, write bench/results.json and bench/chart.png.

    python -m bench.run [--quick] [--sizes 5,50,150,600] [--jobs 2]

Per corpus size (areas): generate the corpus (cached under bench/out/), ingest it into a
fresh on-disk store in a subprocess (bench/ingest_worker.py: per-stage times, peak RSS),
time the SHACL gate per document against that store, run every named query on the
on-disk store, on an in-memory pyoxigraph store with the same data and on rdflib's own
engine (bench/rdflib_worker.py, time-capped); then load-test `sgkg serve` on the largest
store (bench/http_load.py). ``--quick``: sizes 5 and 50, fewer repetitions and requests
(under 5 minutes on 2 cores); the full run is meant to finish in under 30 minutes.
Figures are medians with their spread; where fewer than 5 repetitions fit in the time
budget, the ``repetitions`` field says how many ran.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import math
import os
import platform
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from bench.report import COMPARISON_SIZE, ratio_text

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
LIBRARIES = ("rdflib", "pyoxigraph", "pyshacl", "spacy", "flask", "gunicorn", "requests", "matplotlib")
KINDS = ("protocol", "arrangements", "annual-report")


@dataclass(frozen=True)
class Plan:
    """Budgets of one run mode (seconds unless named otherwise)."""

    sizes: tuple[int, ...]
    query_reps: int = 5
    query_budget: float = 8.0  # per query and engine
    sgkg_cap: float = 30.0  # one pyoxigraph query longer than this: killed, sgkg_s / in_memory_s null
    rdflib_cap: float = 60.0  # one rdflib query longer than this: killed, rdflib_s null
    rdflib_cap_large: float = 30.0  # the same above the comparison size (150 areas), where no target is judged
    rdflib_budget: float = 20.0
    gate_reps: int = 5
    gate_budget: float = 30.0  # per store size, for the SHACL-gate benchmark
    ingest_gate_budget: float = 300.0  # wall seconds the ingestion runs may spend in the gate, all sizes together
    ingest_cap: float = 900.0  # per size
    ingest_reps: tuple[tuple[int, int], ...] = ((5, 5), (50, 3))  # (up to N areas, repetitions); larger: once
    http_requests: int = 300
    http_cap: float = 30.0
    http_levels: tuple[int, ...] = (1, 4, 16)


QUICK = Plan(
    sizes=(5, 50),
    query_reps=5,
    query_budget=1.5,
    sgkg_cap=6.0,
    rdflib_cap=5.0,
    rdflib_budget=2.0,
    gate_reps=3,
    gate_budget=6.0,
    ingest_gate_budget=20.0,
    ingest_cap=150.0,
    http_requests=40,
    http_cap=5.0,
)
FULL = Plan(
    sizes=(5, 50, 150, 600),
    gate_budget=15.0,
    ingest_gate_budget=400.0,
    query_budget=4.0,
    sgkg_cap=20.0,
    rdflib_budget=15.0,
    http_requests=200,
    http_cap=20.0,
)


# --- small helpers -----------------------------------------------------------------------


def stats(times: list[float]) -> dict:
    """Median, min, max, quartiles and count of a list of seconds."""
    ordered = sorted(times)
    if not ordered:
        return {"median": None, "min": None, "max": None, "p25": None, "p75": None, "repetitions": 0}
    return {
        "median": quantile(ordered, 0.5),
        "min": ordered[0],
        "max": ordered[-1],
        "p25": quantile(ordered, 0.25),
        "p75": quantile(ordered, 0.75),
        "repetitions": len(ordered),
    }


def quantile(ordered: list[float], q: float) -> float:
    at = q * (len(ordered) - 1)
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def repeat(fn, *, reps: int, budget: float, warmup: int = 1) -> tuple[dict, object]:
    """Time ``fn`` up to ``reps`` times after ``warmup`` calls, stopping once ``budget`` is spent (1 at least)."""
    value = None
    for _ in range(warmup):
        value = fn()
    times: list[float] = []
    while len(times) < reps:
        started = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - started)
        if sum(times) > budget:
            break
    return stats(times), value


def say(*parts) -> None:
    print(*parts, flush=True)


def machine() -> dict:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    mem_kb = (
        next(
            (
                int(line.split()[1])
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            ),
            0,
        )
        if Path("/proc/meminfo").exists()
        else 0
    )
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "memory_gb": round(mem_kb / 1024**2, 1),
        "libraries": versions,
        "load_average_start": list(os.getloadavg()),
    }


# --- corpus and ingestion --------------------------------------------------------------


def corpus(areas: int) -> Path:
    """The cached corpus directory for a size (generated when missing)."""
    from bench.corpus import generate

    where = OUT / f"corpus-{areas}"
    manifest = where / "manifest.json"
    if manifest.exists() and len(json.loads(manifest.read_text())) == 3 * areas:
        return where
    generate(areas, where)
    return where


def gate_every(plan: Plan, docs_by_size: dict[int, int], gate_s: float, jobs: int) -> int:
    """Gate every K-th document so the gate's share fits the plan (K not a multiple of 3: kinds rotate)."""
    total = sum(docs_by_size.values())
    k = max(1, math.ceil(total * gate_s / jobs / plan.ingest_gate_budget))
    while k > 1 and k % 3 == 0:
        k += 1
    return k


def ingest_repetitions(plan: Plan, areas: int) -> int:
    return next((reps for limit, reps in plan.ingest_reps if areas <= limit), 1)


def ingest(areas: int, where: Path, jobs: int, every: int, cap: float, reuse: bool = False, reps: int = 1) -> dict:
    """Ingest one corpus ``reps`` times, each in a subprocess into a fresh store; the median run's summary
    plus derived figures and the spread of the wall time.

    ``reuse``: keep the store and the summary of an earlier run when both exist (to re-measure queries only).
    """
    out = OUT / f"ingest-{areas}.json"
    if reuse and out.exists() and (OUT / f"store-{areas}").is_dir():
        return _entry(areas, json.loads(out.read_text()), reused=True)
    command = [
        sys.executable,
        "-m",
        "bench.ingest_worker",
        "--corpus",
        str(where),
        "--store",
        str(OUT / f"store-{areas}"),
        "--jobs",
        str(jobs),
        "--gate-every",
        str(every),
        "--time-cap",
        str(cap),
        "--out",
        str(out),
    ]
    runs = []
    for _ in range(reps):
        subprocess.run(command, check=True, cwd=HERE.parent)
        runs.append(json.loads(out.read_text()))
    runs.sort(key=lambda r: r["seconds"])
    walls = [r["seconds"] for r in runs]
    entry = _entry(areas, runs[(len(runs) - 1) // 2])
    entry.update(repetitions=len(runs), seconds_min=walls[0], seconds_max=walls[-1], seconds_all=walls)
    return entry


def _entry(areas: int, summary: dict, reused: bool = False) -> dict:
    secs, jobs, every = summary["seconds"], summary["jobs"], summary["gate_every"]
    gate_med = (summary["gate_ms_median"] or 0) / 1000
    missing_gate = summary["documents"] - summary["gate_validated"]
    estimate = secs + missing_gate * gate_med / jobs
    entry = {
        "areas": areas,
        "documents": summary["documents"],
        "seconds": secs,
        "mb_per_s": summary["bytes"] / 1e6 / secs,
        "peak_mb": summary["peak_mb"],
        "documents_per_s": summary["documents"] / secs,
        "repetitions": 1,
        "complete": summary["complete"],
        "jobs": jobs,
        "gate_every": every,
        "gate_validated": summary["gate_validated"],
        "seconds_full_gate_est": estimate if every > 1 else secs,
        "documents_per_s_full_gate_est": summary["documents"] / (estimate if every > 1 else secs),
        "stage_seconds": summary["stage_seconds"],
        "stage_mb_per_s": {k: (summary["bytes"] / 1e6 / v if v else None) for k, v in summary["stage_seconds"].items()},
        "doc_ms_without_gate": summary["doc_ms_without_gate"],
        "gate_ms_median": summary["gate_ms_median"],
        "gate_ms_min": summary["gate_ms_min"],
        "gate_ms_max": summary["gate_ms_max"],
        "gate_ms_first_tenth": summary["gate_ms_first_tenth"],
        "gate_ms_last_tenth": summary["gate_ms_last_tenth"],
        "bytes": summary["bytes"],
        "store_quads": summary["store_quads"],
        "triples_loaded": summary["triples_loaded"],
        "failed": summary["failed"],
        "peak_mb_main": summary["peak_mb_main"],
        "peak_mb_worker": summary["peak_mb_worker"],
        "setup_s": summary["setup_s"],
        "init_store_s": summary["init_store_s"],
        "reused_from_earlier_run": reused,
    }
    return entry


# --- the SHACL gate against stores of growing size -----------------------------------


def sample_extractions(where: Path) -> list:
    """One extracted document of each kind from the smallest corpus (extracted once, reused at every size)."""
    from sgkg.ingest import settings
    from sgkg.ingest.ingest import extract
    from sgkg.ingest.readers import read_source

    manifest = json.loads((where / "manifest.json").read_text())
    picked = []
    for kind in KINDS:
        name = next(n for n in sorted(manifest) if n.endswith(f"-{kind}.txt"))
        source = read_source(
            where / name, max_bytes=settings.get("max_document_bytes"), fetch_timeout=settings.get("fetch_timeout")
        )
        picked.append((kind, extract(source, area=(manifest[name],))))
    return picked


def shacl_gate(store, quads: int, areas: int, samples: list, plan: Plan) -> dict:
    """ms per document for the gate (digest lookup in the store + validate) with the store at this size."""
    from sgkg.ingest.ingest import stored_digest
    from sgkg.ingest.validate import validate
    from sgkg.ontology.namespaces import document_graph

    per_doc, lookups, by_kind = [], [], {}
    share = plan.gate_budget / len(samples)
    for kind, ex in samples:
        graph_iri = str(document_graph(ex.source.doc_id))
        look, _ = repeat(lambda: stored_digest(store, graph_iri), reps=20, budget=1.0)
        gate, report = repeat(lambda: validate(ex.graph), reps=plan.gate_reps, budget=share, warmup=0)
        by_kind[kind] = {
            "ms": gate["median"] * 1000,
            "min_ms": gate["min"] * 1000,
            "max_ms": gate["max"] * 1000,
            "repetitions": gate["repetitions"],
            "triples": len(ex.graph),
            "conforms": report.conforms,
        }
        per_doc.append(gate["median"] * 1000)
        lookups.append(look["median"] * 1000)
    return {
        "areas": areas,
        "store_quads": quads,
        "ms_per_document": sum(per_doc) / len(per_doc),
        "min_ms": min(v["min_ms"] for v in by_kind.values()),
        "max_ms": max(v["max_ms"] for v in by_kind.values()),
        "repetitions": min(v["repetitions"] for v in by_kind.values()),
        "digest_lookup_ms": sum(lookups) / len(lookups),
        "by_kind": by_kind,
    }


# --- queries: on-disk, in-memory, rdflib ---------------------------------------------


class Engine:
    """A bench/engine_worker.py subprocess (loads its data once; every query time-capped)."""

    def __init__(self, backend: str, path: Path):
        self.backend = backend
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.engine_worker", backend, str(path)],
            cwd=HERE.parent,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.info = json.loads(self.proc.stdout.readline() or "{}")
        if not self.info.get("ready"):
            raise RuntimeError(f"the {backend} engine did not start (exit {self.proc.poll()})")

    def run(self, request: dict, *, reps: int, cap: float, budget: float) -> dict:
        self.proc.stdin.write(json.dumps(request | {"reps": reps, "cap": cap, "budget": budget}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def http_targets(areas_codes: list[str]) -> dict:
    """The three HTTP targets, shared by the in-process (raw) and the HTTP runs."""
    cheap = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?area ?name WHERE { ?area a <https://w3id.org/sgkg/def#Area> ; skos:prefLabel ?name } "
        "ORDER BY ?name LIMIT 10"
    )
    return {
        "cheap": {"sparql": cheap},
        "heavy": {"named": "compare-areas", "params": {"areas": ",".join(areas_codes[:3])}},
        "page": {"iri": f"https://w3id.org/sgkg/id/area/{areas_codes[0]}"},
    }


def measured(answer: dict, cap: float) -> dict:
    """An engine answer as median/min/max seconds plus a status: ok, > cap, error (``over``: the cap passed)."""
    t = stats(answer["times"])
    over = None
    if answer["error"]:
        status = "error: " + answer["error"][:100]
    elif answer["timed_out"] and not answer["times"]:
        status, over = f"> {cap:g} s cap", cap
    else:
        status = "ok"
    return {
        "s": t["median"] if status == "ok" else None,
        "min": t["min"],
        "max": t["max"],
        "repetitions": t["repetitions"],
        "rows": answer["rows"],
        "status": status,
        "cold": answer["cold"],
        "over": over,
    }


def not_run(status: str, over: float | None = None) -> dict:
    """A query an engine was not asked to run, as ``measured`` reports one (``over``: a cap known to be passed)."""
    return {
        "s": None,
        "min": None,
        "max": None,
        "repetitions": 0,
        "rows": None,
        "status": status,
        "cold": False,
        "over": over,
    }


def query_bench(
    areas: int,
    store_dir: Path,
    plan: Plan,
    codes: list[str],
    with_rdflib: bool,
    over_cap: dict[str, dict[str, float]],
    earlier: dict,
    measure_http: bool = True,
) -> tuple[list, dict, dict]:
    """Every named query on disk / memory / rdflib, and the HTTP targets in process on disk and memory.

    A query that ran over its cap on an engine at a smaller size is not run again on that engine
    (``over_cap``: engine -> name -> cap); its status says so. Above 150 areas, nor is an rdflib query whose time
    at the previous size, scaled linearly to this size, passes the cap (``earlier``: (engine, name) ->
    (areas, seconds)).
    """
    from sgkg.ingest.store import inject_values, open_store
    from sgkg.service.named_queries import bindings_for, load_named_queries

    dump_path = OUT / f"dump-{areas}.nq"
    started = time.perf_counter()
    disk = open_store(str(store_dir))
    dump_path.write_bytes(disk.dump("nquads"))
    disk.close()
    disk = None
    gc.collect()
    dump_s = time.perf_counter() - started
    caps = {
        "disk": plan.sgkg_cap,
        "memory": plan.sgkg_cap,
        "rdflib": plan.rdflib_cap if areas <= COMPARISON_SIZE else min(plan.rdflib_cap, plan.rdflib_cap_large),
    }
    budgets = {"disk": plan.query_budget, "memory": plan.query_budget, "rdflib": plan.rdflib_budget}
    engines = {}
    try:
        for backend in ("disk", "memory") + (("rdflib",) if with_rdflib else ()):
            engines[backend] = Engine(backend, store_dir if backend == "disk" else dump_path)
        info = {
            "areas": areas,
            "dump_s": dump_s,
            "memory_load_s": engines["memory"].info["load_s"],
            "rdflib_parse_s": engines["rdflib"].info["load_s"] if with_rdflib else None,
            "rdflib_triples": engines["rdflib"].info["size"] if with_rdflib else None,
        }
        say(
            f"  queries at {areas} areas (in-memory copy loaded in {info['memory_load_s']:.1f}s"
            + (f", rdflib parsed in {info['rdflib_parse_s']:.1f}s)" if with_rdflib else "; rdflib not run)")
        )
        rows = []
        for name, q in load_named_queries().items():
            text = inject_values(q.text, bindings_for(q, {}))
            got = {}
            for backend, engine in engines.items():
                passed = over_cap.setdefault(backend, {}).get(name)
                if passed:
                    got[backend] = not_run(f"> {passed:g} s cap at a smaller size (not run)", passed)
                    continue
                before = earlier.get((backend, name))
                if (
                    backend == "rdflib"
                    and areas > COMPARISON_SIZE
                    and before
                    and before[1] * areas / before[0] > caps[backend]
                ):
                    # rdflib's time grows at least linearly with the data (every query, 5 -> 50 -> 150 areas);
                    # only above the size the ratio target is judged at, where every ratio is measured
                    got[backend] = not_run(
                        f"predicted over the {caps[backend]:g} s cap from {before[1]:.1f} s at "
                        f"{before[0]} areas (not run)"
                    )
                    continue
                got[backend] = measured(
                    engine.run({"text": text}, reps=plan.query_reps, cap=caps[backend], budget=budgets[backend]),
                    caps[backend],
                )
                if got[backend]["over"]:
                    over_cap[backend][name] = got[backend]["over"]
                if got[backend]["s"] is not None:
                    earlier[(backend, name)] = (areas, got[backend]["s"])
            rows.append(query_row(name, areas, got) | {"query_sha1": hashlib.sha1(q.text.encode()).hexdigest()[:12]})
            say(
                f"    {name:20} memory {show(got['memory'])}  disk {show(got['disk'])}  "
                f"rdflib {show(got.get('rdflib'))}  ratio {ratio_text(rows[-1])} (disk "
                f"{ratio_text(rows[-1], 'ratio_disk')})"
            )
        raw = {}  # the in-process baseline of the HTTP benchmark, which runs on the largest store only
        for target, spec in (http_targets(codes) if measure_http else {}).items():
            raw[target] = {
                b: measured(engines[b].run({"target": spec}, reps=20, cap=caps[b], budget=plan.query_budget), caps[b])
                for b in ("disk", "memory")
            }
    finally:
        for engine in engines.values():
            engine.close()
    return rows, raw, info


def query_row(name: str, areas: int, got: dict) -> dict:
    """One query at one size. ``sgkg_*`` is the engine sgkg's endpoint answers from: an in-memory replica of
    the store in each query worker (service/querypool.py); ``disk_*`` is the on-disk store itself (what
    ``sgkg query`` and the ingestion read). Ratios are rdflib's time over ours, for each."""
    d, m, r = got["disk"], got["memory"], got.get("rdflib")
    row = {
        "name": name,
        "areas": areas,
        "sgkg_s": m["s"],
        "rdflib_s": r["s"] if r else None,
        "ratio": None,
        "sgkg_engine": "in-memory replica (sgkg serve)",
        "sgkg_min_s": m["min"],
        "sgkg_max_s": m["max"],
        "repetitions": m["repetitions"],
        "sgkg_status": m["status"],
        "disk_s": d["s"],
        "disk_min_s": d["min"],
        "disk_max_s": d["max"],
        "disk_repetitions": d["repetitions"],
        "disk_status": d["status"],
        "ratio_disk": None,
        "disk_over_memory": d["s"] / m["s"] if d["s"] and m["s"] else None,
        "rows": m["rows"],
        "disk_rows": d["rows"],
        "rdflib_rows": r["rows"] if r else None,
        "rdflib_status": r["status"] if r else "not run",
        "rdflib_repetitions": r["repetitions"] if r else 0,
        "rdflib_min_s": r["min"] if r else None,
        "rdflib_max_s": r["max"] if r else None,
    }
    for ours, key in ((m["s"], "ratio"), (d["s"], "ratio_disk")):
        if ours and r and r["s"]:
            row[key] = r["s"] / ours
        elif ours and r and r["over"]:
            row[key + "_at_least"] = r["over"] / ours
    return row


def show(m: dict | None) -> str:
    if m is None:
        return "not run"
    if m["s"] is not None:
        return f"{m['s'] * 1000:9.1f} ms"
    return m["status"][:24]


# --- the whole run ---------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes 5 and 50, fewer repetitions and requests")
    parser.add_argument("--sizes", help="comma-separated corpus sizes in areas (default 5,50,150,600; quick 5,50)")
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes during ingestion (commit is serial)")
    parser.add_argument(
        "--gate-every",
        type=int,
        default=0,
        help="run the SHACL gate on every K-th ingested document (default: chosen to fit the budget)",
    )
    parser.add_argument(
        "--no-rdflib-above", type=int, default=10**6, help="skip rdflib's engine for sizes above this many areas"
    )
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP benchmark")
    parser.add_argument(
        "--reuse-stores",
        action="store_true",
        help="do not re-ingest a size whose store and ingest summary exist in bench/out (queries only)",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="re-print the tables and redraw the chart from an existing results file",
    )
    parser.add_argument(
        "--markdown",
        action="store_true",
        help="with --report-only: print the figures as Markdown tables (for bench/README.md)",
    )
    parser.add_argument("--results", type=Path, default=HERE / "results.json")
    parser.add_argument("--chart", type=Path, default=HERE / "chart.png")
    args = parser.parse_args(argv)
    if args.report_only and args.markdown:
        from bench.report import markdown

        return print(markdown(json.loads(args.results.read_text())), end="")
    if args.report_only:
        return finish(json.loads(args.results.read_text()), args)
    plan = QUICK if args.quick else FULL
    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else plan.sizes
    run_started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    results = {
        "machine": machine(),
        "mode": "quick" if args.quick else "full",
        "sizes": list(sizes),
        "plan": asdict(plan),
        "ingest": [],
        "shacl_gate": [],
        "queries": [],
        "http": [],
        "notes": [],
    }
    say(
        f"sgkg benchmarks ({results['mode']}): sizes {', '.join(map(str, sizes))} areas; "
        f"{results['machine']['cores']} cores, load average {results['machine']['load_average_start'][0]:.1f}"
    )

    dirs = {n: corpus(n) for n in sizes}
    say("corpora: " + ", ".join(f"{n} areas = {3 * n} documents" for n in sizes))
    samples = sample_extractions(corpus(min(sizes)))
    from sgkg.ingest.validate import validate

    started = time.perf_counter()
    for _, ex in samples:  # one cold pass (includes pyshacl's warm-up: errs towards sampling more sparsely)
        validate(ex.graph)
    gate_s = (time.perf_counter() - started) / len(samples)
    every = args.gate_every or gate_every(plan, {n: 3 * n for n in sizes}, gate_s, args.jobs)
    say(
        f"SHACL gate probe: {gate_s * 1000:.0f} ms per document; ingestion gates every "
        f"{'document' if every == 1 else f'{every}th document'}"
    )
    if every > 1:
        results["notes"].append(
            f"The SHACL gate costs {gate_s:.1f} s per document here, too slow to run on every document of every "
            f"corpus within the time budget: ingestion ran it on every {every}th document (gate_validated), and "
            "seconds_full_gate_est adds the median gate time of the others divided by the number of jobs."
        )

    largest, raw_for_http, codes_for_http = None, None, None
    over_cap: dict[str, dict[str, float]] = {}
    earlier: dict[tuple[str, str], tuple[int, float]] = {}
    results["query_setup"] = []
    for n in sizes:
        say(f"\n== {n} areas ==  ({(time.perf_counter() - run_started) / 60:.1f} min into the run)")
        entry = ingest(n, dirs[n], args.jobs, every, plan.ingest_cap, args.reuse_stores, ingest_repetitions(plan, n))
        results["ingest"].append(entry)
        say(
            f"  ingest: {entry['documents']} documents in {entry['seconds']:.1f}s "
            f"({entry['documents_per_s']:.2f} docs/s, {entry['mb_per_s']:.3f} MB/s, peak {entry['peak_mb']:.0f} MB)"
            + ("" if entry["complete"] else "  [stopped at the time cap]")
        )
        from sgkg.ingest.store import open_store

        disk = open_store(str(OUT / f"store-{n}"))
        try:
            gate = shacl_gate(disk, entry["store_quads"], n, samples, plan)
        finally:
            disk.close()
            disk = None
            gc.collect()
        results["shacl_gate"].append(gate)
        say(
            f"  SHACL gate: {gate['ms_per_document']:.0f} ms per document with {gate['store_quads']} quads "
            f"in the store (digest lookup {gate['digest_lookup_ms']:.2f} ms)"
        )
        codes = list(dict.fromkeys(json.loads((dirs[n] / "manifest.json").read_text()).values()))
        rows, raw, info = query_bench(
            n,
            OUT / f"store-{n}",
            plan,
            codes,
            n <= args.no_rdflib_above,
            over_cap,
            earlier,
            measure_http=n == max(sizes) and not args.no_http,
        )
        results["queries"] += rows
        results["query_setup"].append(info)
        largest, raw_for_http, codes_for_http = n, raw, codes
        save(results, args.results)  # partial results survive a later failure

    if not args.no_http and largest is not None:
        from bench.http_load import http_bench

        say(
            f"\n== HTTP: sgkg serve on the {largest}-area store ==  "
            f"({(time.perf_counter() - run_started) / 60:.1f} min into the run)"
        )
        try:
            results["http"] = http_bench(
                OUT / f"store-{largest}", largest, http_targets(codes_for_http), raw_for_http, plan, say
            )
        except (RuntimeError, OSError) as exc:  # the server did not start: say so in the results, keep the rest
            results["notes"].append(f"HTTP benchmark not run: {exc}")
            say(f"  HTTP benchmark not run: {exc}")

    results["machine"]["load_average_end"] = list(os.getloadavg())
    results["total_seconds"] = time.perf_counter() - run_started
    finish(results, args)


def save(results: dict, path: Path) -> None:
    shas: dict[str, set] = {}
    for q in results["queries"]:
        if q.get("query_sha1"):
            shas.setdefault(q["name"], set()).add(q["query_sha1"])
    changed = sorted(name for name, seen in shas.items() if len(seen) > 1)
    note = "queries edited during the run (sizes are not comparable for them): "
    results["notes"] = [n for n in results["notes"] if not n.startswith(note)] + (
        [note + ", ".join(changed)] if changed else []
    )
    results["growth"] = growth(results["ingest"])
    results["targets"] = target_lines(results)
    path.write_text(json.dumps(results, indent=1, default=float) + "\n", encoding="utf-8")


def finish(results: dict, args) -> None:
    """Write the results, draw the chart, print the tables."""
    save(results, args.results)
    try:
        from bench.chart import draw

        draw(results, args.chart)
        say(f"\nchart: {args.chart}")
    except ImportError as exc:
        say(f"\nno chart ({exc}): pip install matplotlib")
    from bench.report import print_tables

    print_tables(results)
    total = results.get("total_seconds")
    say(f"\nresults: {args.results}" + (f" ({total:.0f} s in all)" if total else ""))


def growth(entries: list[dict]) -> dict:
    """Time ratios between consecutive sizes, next to the size ratio (linear: equal)."""
    out = {}
    for a, b in zip(entries, entries[1:]):
        if a["complete"] and b["complete"]:
            out[f"{a['areas']}->{b['areas']}"] = {
                "size_factor": b["areas"] / a["areas"],
                "time_factor": b["seconds"] / a["seconds"],
                "time_factor_full_gate_est": b["seconds_full_gate_est"] / a["seconds_full_gate_est"],
            }
    return out


def target_lines(results: dict) -> list[dict]:
    """One entry per target of the issue: met or missed, by how much."""
    from bench.report import targets

    return [{"target": line, "met": ok} for line, ok in targets(results)]


if __name__ == "__main__":
    main()
