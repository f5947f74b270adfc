"""Throughput of a cheap query: `sgkg serve` side by side with its two anchors, in one run.

    python -m bench.throughput [--areas 50] [--seconds 4] [--rounds 2] [--levels 1,4,16] [--json OUT]

Builds (or reuses) a store of the synthetic corpus (`bench/corpus.py`, ingested by
`bench/ingest_worker.py`), dumps it to N-Quads, and starts three servers on 127.0.0.1:

- **sgkg**: `sgkg serve --store <store> --empty` as users run it (gunicorn, the query pool);
- **bare**: `bench/bare_app.py`, Flask over an in-memory pyoxigraph copy, gunicorn with 2 workers
  (gthread, as many threads as sgkg's default) and no access log: the floor of sgkg's own stack;
- **sgkg-before** (with ``--baseline REV``): the same command on the project's packages as they were at git
  revision REV (extracted with ``git archive`` into `bench/out/`, under ``sgkg/`` when REV has that namespace,
  so that its own code runs rather than the working tree's editable install), for before/after figures in one run;
- **oxigraph**: Oxigraph server (`oxigraph serve` from the `oxigraph` package, the benchmark's optional
  dependencies) on its own on-disk copy, union default graph, and no query timeout: with `--timeout-s` it starts
  a thread per query that sleeps out the timeout, and at 1,600 req/s these piled up until the server failed
  ("Resource temporarily unavailable", then a panic) in the second round; without one it is a stronger anchor.

Then the same cheap SELECT goes to each at every concurrency level with wrk (Debian's `wrk`; keep-alive
connections; a Python client in a separate process when wrk is absent), servers interleaved and their
order rotated every round, so that a change in the machine's load hits all of them alike.  Every answer
is checked to be 200; the three servers' rows are compared once.  Prints a table (median req/s over
the rounds, p50 latency), the CPU time of all of a server's processes per request, and for each run the
busiest process's share of that CPU time (about 50% for two evenly loaded HTTP processes, 100% when one got
every connection), and writes JSON (default `bench/throughput.json`).  The load generator runs
on the same cores as the servers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import requests

from bench.http_load import free_port, serve_command, stop_server
from bench.ingest_worker import ingest_in_child

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
CHEAP = (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "SELECT ?area ?name WHERE { ?area a <https://w3id.org/sgkg/def#Area> ; skos:prefLabel ?name } "
    "ORDER BY ?name LIMIT 10"
)
ACCEPT = "application/sparql-results+json"
THREADS = 8  # the default of setting `threads`; the bare app gets as many per worker


def say(*parts) -> None:
    print(*parts, flush=True)


# --- the data ------------------------------------------------------------------------------


def build_store(areas: int, rebuild: bool) -> Path:
    """The on-disk sgkg store of ``areas`` areas (ingested once, reused after unless ``rebuild``)."""
    from bench.corpus import generate

    store, corpus = OUT / f"store-{areas}", OUT / f"corpus-{areas}"
    if store.is_dir() and not rebuild and (OUT / f"ingest-{areas}.json").exists():
        return store
    shutil.rmtree(store, ignore_errors=True)
    if not (corpus / "manifest.json").exists():
        generate(areas, corpus)
    # every 7th document through the shapes gate: the gate does not change what is stored, only its time
    ingest_in_child(corpus, store, gate_every=7, report=OUT / f"ingest-{areas}.json")
    return store


def dump_store(store: Path, target: Path) -> int:
    """An N-Quads dump of the store (what the bare app and Oxigraph server load); its quad count."""
    from sgkg.ingest.store import open_store

    opened = open_store(store)
    try:
        opened.snapshot(target)
        return opened.count()
    finally:
        opened.close()


# --- the servers ---------------------------------------------------------------------------


def launch(name: str, command: list[str], env: dict | None = None, cwd: Path | None = None) -> subprocess.Popen:
    log = open(OUT / f"throughput-{name}.log", "wb")  # noqa: SIM115 (kept open for the server's lifetime)
    return subprocess.Popen(
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=cwd or HERE.parent,
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )


PACKAGES = ("service", "ingest", "ontology", "shapes", "queries")


def namespaced(revision: str) -> bool:
    """Whether the project at ``revision`` installs its folders as sgkg.<folder> (imports say sgkg.service ...)."""
    shown = subprocess.run(
        ["git", "show", f"{revision}:pyproject.toml"], capture_output=True, text=True, check=True, cwd=HERE.parent
    )
    return '"sgkg.service" = "service"' in shown.stdout


def baseline_tree(revision: str) -> tuple[Path, str]:
    """The project's packages at ``revision``, extracted (not checked out) under bench/out/, and the module of its
    command line.  A revision with the sgkg namespace gets its folders under sgkg/, so that on PYTHONPATH they come
    before the editable install of the working tree (which would otherwise answer every sgkg.* import)."""
    where = OUT / f"baseline-{revision}"
    inside = where / "sgkg" if namespaced(revision) else where
    if not where.is_dir():
        inside.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", revision, *PACKAGES], capture_output=True, check=True, cwd=HERE.parent
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(inside)], input=archive, check=True)
    return where, "sgkg.service.cli" if inside != where else "service.cli"


def sgkg_server(store: Path, port: int, baseline: tuple[Path, str] | None = None) -> subprocess.Popen:
    """`sgkg serve` on a copy of the store (each server its own: the directory can be opened once); ``baseline``:
    a `baseline_tree` and its command's module instead of the working tree."""
    tree, module = baseline or (None, "sgkg.service.cli")
    return launch(
        "sgkg-before" if tree else "sgkg",
        serve_command(store, port, module=module),
        {"PYTHONPATH": str(tree)} if tree else None,
        cwd=tree,
    )


def start_servers(store: Path, dump: Path, baseline: str | None = None) -> dict[str, dict]:
    bin_dir = Path(sys.executable).parent
    oxigraph = shutil.which("oxigraph", path=str(bin_dir)) or shutil.which("oxigraph")
    if oxigraph is None:
        raise SystemExit("Oxigraph server is missing: pip install -e '.[bench]' (the `oxigraph` package)")
    ox_dir = OUT / "throughput-oxigraph"
    shutil.rmtree(ox_dir, ignore_errors=True)
    subprocess.run(
        [oxigraph, "load", "--location", str(ox_dir), "--file", str(dump)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ports = {name: free_port() for name in ("sgkg", "sgkg-before", "bare", "oxigraph")}
    servers = {
        "sgkg": {
            "url": f"http://127.0.0.1:{ports['sgkg']}/sparql",
            "health": "/healthz",
            "proc": sgkg_server(store, ports["sgkg"]),
        }
    }
    if baseline:
        copy = OUT / "throughput-store-before"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(store, copy)
        servers["sgkg-before"] = {
            "url": f"http://127.0.0.1:{ports['sgkg-before']}/sparql",
            "health": "/healthz",
            "proc": sgkg_server(copy, ports["sgkg-before"], baseline_tree(baseline)),
        }
    servers |= {
        "bare": {
            "url": f"http://127.0.0.1:{ports['bare']}/sparql",
            "health": "/sparql?query=ASK%7B%7D",
            "proc": launch(
                "bare",
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--workers",
                    "2",
                    "--worker-class",
                    "gthread",
                    "--threads",
                    str(THREADS),
                    "--bind",
                    f"127.0.0.1:{ports['bare']}",
                    "--log-level",
                    "warning",
                    "bench.bare_app:create_app()",
                ],
                {"BARE_DUMP": str(dump)},
            ),
        },
        "oxigraph": {
            "url": f"http://127.0.0.1:{ports['oxigraph']}/query",
            "health": "/query?query=ASK%7B%7D",
            "proc": launch(
                "oxigraph",
                [
                    oxigraph,
                    "serve",
                    "--location",
                    str(ox_dir),
                    "--bind",
                    f"127.0.0.1:{ports['oxigraph']}",
                    "--union-default-graph",
                ],
            ),
        },
    }
    for name, server in servers.items():
        wait_up(name, server, ports[name])
    settle(servers)
    return servers


def process_cpu(pid: int) -> dict[int, float]:
    """CPU seconds used so far by a process and each of its descendants (from /proc)."""
    used, todo, tick = {}, [pid], os.sysconf("SC_CLK_TCK")
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            used[current] = (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").glob("*/children"):
                todo += [int(c) for c in task.read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return used


def tree_cpu(pid: int) -> float:
    """CPU seconds used so far by a process and all its descendants."""
    return sum(process_cpu(pid).values())


def measure(url: str, pid: int, concurrency: int, seconds: float) -> dict:
    """One load run (`drive`) with the server's CPU time per request and the busiest process's share of it: with
    two HTTP processes (sgkg, the bare app) about 50% when the connections are spread, 100% when one process got
    them all (gunicorn's shared socket hands new connections to whichever process is awake)."""
    before = process_cpu(pid)
    got = drive(url, concurrency, seconds)
    used = {p: cpu - before.get(p, 0.0) for p, cpu in process_cpu(pid).items()}
    total = sum(used.values())
    got["cpu_ms"] = total * 1000 / max(1, got["requests"])
    got["busiest"] = max(used.values()) / total if total > 0 else None
    return got


def settle(servers: dict[str, dict], timeout: float = 180.0) -> None:
    """Wait until every server is idle (its processes used under 5% of a core in the last second): a
    server answers its health check as soon as one of its processes is ready, while others may
    still be loading their copy of the store (the bare app's second worker, sgkg's other HTTP processes)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        before = {name: tree_cpu(s["proc"].pid) for name, s in servers.items()}
        time.sleep(1.0)
        busy = [name for name, s in servers.items() if tree_cpu(s["proc"].pid) - before[name] > 0.05]
        if not busy:
            say(f"  all servers idle after {time.perf_counter() - started:.1f}s more")
            return
    say(f"  still busy after {timeout:.0f}s: {', '.join(busy)}; measuring anyway")


def wait_up(name: str, server: dict, port: int, timeout: float = 180.0) -> None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server["proc"].poll() is not None:
            raise RuntimeError(f"{name} exited with {server['proc'].returncode} (see bench/out/throughput-{name}.log)")
        try:
            if requests.get(f"http://127.0.0.1:{port}{server['health']}", timeout=2).status_code == 200:
                say(f"  {name} up after {time.perf_counter() - started:.1f}s")
                return
        except requests.RequestException:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{name} did not come up within {timeout:.0f}s")


def rows_of(url: str) -> list:
    response = requests.get(url, params={"query": CHEAP}, headers={"Accept": ACCEPT}, timeout=30)
    response.raise_for_status()
    return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]


# --- the load ------------------------------------------------------------------------------

WRK_LATENCY = re.compile(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def drive(url: str, concurrency: int, seconds: float) -> dict:
    """``concurrency`` keep-alive connections sending the query for ``seconds``: req/s, p50, errors."""
    target = f"{url}?{urlencode({'query': CHEAP})}"
    if shutil.which("wrk"):
        return _wrk(target, concurrency, seconds)
    return _python_client(target, concurrency, seconds)


def _wrk(target: str, concurrency: int, seconds: float) -> dict:
    command = [
        "wrk",
        "-t",
        str(min(2, concurrency)),
        "-c",
        str(concurrency),
        "-d",
        f"{seconds:g}s",
        "--latency",
        "-H",
        f"Accept: {ACCEPT}",
        target,
    ]
    for attempt in (1, 2):  # wrk now and then exits 1 at once (seen against Oxigraph server at c=16): once more
        ran = subprocess.run(command, capture_output=True, text=True)
        if ran.returncode == 0:
            break
        print(f"  wrk exited {ran.returncode} (attempt {attempt}): {(ran.stderr or ran.stdout).strip()[:300]}")
        time.sleep(1)
    else:
        raise RuntimeError(f"wrk failed twice against {target.split('?')[0]}: {(ran.stderr or ran.stdout).strip()}")
    out = ran.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    done = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = WRK_LATENCY.search(out)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0)
    return {
        "rps": rps,
        "requests": done,
        "errors": errors,
        "client": "wrk",
        "p50_ms": float(p50.group(1)) * UNIT[p50.group(2)] if p50 else None,
    }


def _python_client(target: str, concurrency: int, seconds: float) -> dict:
    """The fallback generator: `bench.load_client` in its own process (keep-alive, one thread per connection)."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.load_client", target, str(concurrency), str(seconds), ACCEPT],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE.parent,
    ).stdout
    return json.loads(out) | {"client": "python"}


# --- the run -------------------------------------------------------------------------------


def machine() -> dict:
    from importlib.metadata import version

    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "pyoxigraph": version("pyoxigraph"),
        "oxigraph": version("oxigraph"),
        "flask": version("flask"),
        "gunicorn": version("gunicorn"),
        "wrk": bool(shutil.which("wrk")),
    }


def run(args) -> dict:
    OUT.mkdir(exist_ok=True)
    started, load_start = time.time(), os.getloadavg()
    say(f"store of {args.areas} areas ...")
    store = build_store(args.areas, args.rebuild)
    dump = OUT / f"store-{args.areas}.nq"
    quads = dump_store(store, dump)
    say(f"  {quads:,} quads; starting the servers ...")
    servers = start_servers(store, dump, args.baseline)
    measured: dict[str, dict[int, list[dict]]] = {name: {c: [] for c in args.levels} for name in servers}
    loads = []
    try:
        answers = {name: rows_of(s["url"]) for name, s in servers.items()}
        same = all(a == answers["bare"] for a in answers.values())
        for name, server in servers.items():  # warm-up: first connections, the engines' caches
            drive(server["url"], 4, 1)
        order = list(servers)
        for round_ in range(args.rounds):
            for concurrency in args.levels:
                for name in order:
                    got = measure(servers[name]["url"], servers[name]["proc"].pid, concurrency, args.seconds)
                    measured[name][concurrency].append(got)
                    say(
                        f"  round {round_ + 1} c={concurrency:<3} {name:9} {got['rps']:8.0f} req/s  "
                        f"p50 {got['p50_ms'] or 0:6.2f} ms  CPU {got['cpu_ms']:5.2f} ms/request  busiest process "
                        f"{got['busiest'] or 0:4.0%}  errors {got['errors']}"
                    )
                loads.append(os.getloadavg()[0])
            order = order[1:] + order[:1]
    finally:
        for server in servers.values():
            stop_server(server["proc"])
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "machine": machine(),
        "areas": args.areas,
        "quads": quads,
        "query": CHEAP,
        "same_rows": same,
        "seconds_per_run": args.seconds,
        "rounds": args.rounds,
        "baseline": args.baseline,
        "load_average_start": list(load_start),
        "load_average_during": loads,
        "load_average_end": list(os.getloadavg()),
        "wall_seconds": round(time.time() - started, 1),
        "results": summarise(measured),
    }


def summarise(measured: dict[str, dict[int, list[dict]]]) -> list[dict]:
    rows = []
    for name, levels in measured.items():
        for concurrency, runs in levels.items():
            rps = [r["rps"] for r in runs]
            rows.append(
                {
                    "server": name,
                    "concurrency": concurrency,
                    "rps": statistics.median(rps),
                    "rps_all": rps,
                    "p50_ms": statistics.median(r["p50_ms"] for r in runs if r["p50_ms"] is not None),
                    "cpu_ms": statistics.median(r["cpu_ms"] for r in runs),
                    "busiest_all": [r["busiest"] for r in runs],
                    "errors": sum(r["errors"] for r in runs),
                    "requests": sum(r["requests"] for r in runs),
                    "client": runs[0]["client"],
                }
            )
    return rows


def table(result: dict) -> str:
    by = {(r["server"], r["concurrency"]): r for r in result["results"]}
    levels = sorted({r["concurrency"] for r in result["results"]})
    before = any(r["server"] == "sgkg-before" for r in result["results"])
    lines = [
        "| concurrency | sgkg serve req/s (p50 ms) | "
        + ("before | " if before else "")
        + "bare Flask + pyoxigraph | Oxigraph server | bare / sgkg | "
        + ("bare / before | " if before else "")
        + "sgkg / Oxigraph | errors |",
        "|---:|---:|" + ("---:|" if before else "") + "---:|---:|---:|" + ("---:|" if before else "") + "---:|---|",
    ]
    for c in levels:
        s, b, o = by["sgkg", c], by["bare", c], by["oxigraph", c]
        p = by.get(("sgkg-before", c))
        errors = sum(r["errors"] for r in result["results"] if r["concurrency"] == c)
        lines.append(
            f"| {c} | {s['rps']:,.0f} ({s['p50_ms']:.2f}) | "
            + (f"{p['rps']:,.0f} ({p['p50_ms']:.2f}) | " if p else "")
            + f"{b['rps']:,.0f} ({b['p50_ms']:.2f}) | {o['rps']:,.0f} ({o['p50_ms']:.2f}) "
            f"| {b['rps'] / s['rps']:.2f}x | "
            + (f"{b['rps'] / p['rps']:.2f}x | " if p else "")
            + f"{s['rps'] / o['rps']:.2f}x | {errors} |"
        )
    return "\n".join(lines)


def cpu_table(result: dict) -> str:
    """CPU time of all of a server's processes per request (median over the rounds): what a request costs,
    whatever share of the cores the server got while others ran."""
    names = [n for n in ("sgkg", "sgkg-before", "bare", "oxigraph") if any(r["server"] == n for r in result["results"])]
    by = {(r["server"], r["concurrency"]): r for r in result["results"]}
    lines = [
        "| concurrency | " + " | ".join(f"{n} CPU ms/request" for n in names) + " |",
        "|---:|" + "---:|" * len(names),
    ]
    for c in sorted({r["concurrency"] for r in result["results"]}):
        lines.append(f"| {c} | " + " | ".join(f"{by[n, c]['cpu_ms']:.2f}" for n in names) + " |")
    return "\n".join(lines)


def targets(result: dict) -> list[str]:
    by = {(r["server"], r["concurrency"]): r["rps"] for r in result["results"]}
    levels = sorted({r["concurrency"] for r in result["results"]})
    within = all(by["bare", c] / by["sgkg", c] <= 1.5 for c in levels)
    ahead = all(by["sgkg", c] > by["oxigraph", c] for c in levels)
    rising = all(by["sgkg", b] >= by["sgkg", a] for a, b in zip(levels, levels[1:]))
    return [
        f"{'MET' if within else 'MISSED'}: within 1.5x of the bare app at every concurrency",
        f"{'MET' if ahead else 'MISSED'}: ahead of Oxigraph server at every concurrency",
        f"{'MET' if rising else 'MISSED'}: sgkg req/s never fall as concurrency rises",
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--areas", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=3.0, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="every (server, concurrency) is measured this often")
    parser.add_argument("--levels", type=lambda s: [int(x) for x in s.split(",")], default=[1, 4, 16])
    parser.add_argument("--baseline", metavar="REV", help="also run sgkg serve as it was at this git revision")
    parser.add_argument("--rebuild", action="store_true", help="ingest the store again even when it exists")
    parser.add_argument("--json", type=Path, default=HERE / "throughput.json")
    args = parser.parse_args(argv)
    result = run(args)
    say("")
    say(
        f"{result['date']}, {result['machine']['cores']} cores, {result['quads']:,} quads ({result['areas']} areas), "
        f"{result['rounds']} rounds of {result['seconds_per_run']:g} s, load average "
        f"{result['load_average_start'][0]:.1f} at start, {result['load_average_end'][0]:.1f} at end, "
        f"same rows from all three: {result['same_rows']}"
    )
    say(table(result))
    say(cpu_table(result))
    for line in targets(result):
        say(line)
    result["targets"] = targets(result)
    args.json.write_text(json.dumps(result, indent=1) + "\n")
    say(f"wrote {args.json} ({result['wall_seconds']:.0f} s)")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    main()
