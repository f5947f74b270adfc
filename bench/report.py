"""The printed tables and the target checks of bench/run.py (from the results dict)."""

from __future__ import annotations

COMPARISON_SIZE = 150  # the issue's query target is stated at 150 areas
QUERY_TARGET = 20.0
GROWTH_RANGE = (3.5, 4.5)
OVERHEAD_TARGET = 1.5


def _ms(seconds) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.1f}"


def _x(value, width: int = 8) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:>{width - 1}.2f}x"


def time_text(q: dict, engine: str) -> str:
    """An engine's median in ms (``engine``: sgkg, disk or rdflib), or its status when it has none."""
    return _ms(q[f"{engine}_s"]) if q[f"{engine}_s"] is not None else q[f"{engine}_status"]


def ratio_text(q: dict, key: str = "ratio") -> str:
    """A ratio as text: 12.3x, or >45x when rdflib passed its cap, or - when there is none."""
    if q.get(key) is not None:
        return f"{q[key]:.1f}x"
    if key + "_at_least" in q:
        return f">{q[key + '_at_least']:.0f}x"
    return "-"


def print_tables(results: dict) -> None:
    m = results["machine"]
    print(
        f"\nmachine: {m['cores']} cores, Python {m['python']}, {m['memory_gb']} GB; "
        + ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v)
        + f"; load average {m['load_average_start'][0]:.1f} at start, {m.get('load_average_end', [0])[0]:.1f} at end"
    )
    print("\nINGESTION (on-disk store, fresh per size; stage seconds are summed over documents, in the workers)")
    print(
        f"{'areas':>5} {'docs':>5} {'wall s':>8} {'docs/s':>7} {'MB/s':>7} {'peak MB':>8} {'gated':>7} "
        f"{'est s (gate all)':>16} | {'read':>6} {'norm':>6} {'nlp':>7} {'rdf':>6} {'gate':>8} {'commit':>7}"
    )
    for e in results["ingest"]:
        s = e["stage_seconds"]
        print(
            f"{e['areas']:>5} {e['documents']:>5} {e['seconds']:>8.1f} {e['documents_per_s']:>7.2f} "
            f"{e['mb_per_s']:>7.3f} {e['peak_mb']:>8.0f} {e['gate_validated']:>3}/{e['documents']:<3} "
            f"{e['seconds_full_gate_est']:>16.1f} | {s['read']:>6.2f} {s['normalise']:>6.2f} {s['nlp']:>7.2f} "
            f"{s['rdf']:>6.2f} {s['gate']:>8.1f} {s['commit']:>7.2f}" + ("" if e["complete"] else "  STOPPED AT CAP")
        )
    for key, g in results.get("growth", {}).items():
        print(
            f"  growth {key} areas: size x{g['size_factor']:.1f}, time x{g['time_factor']:.2f} "
            f"(with the gate on every document, est. x{g['time_factor_full_gate_est']:.2f})"
        )
    print(
        "  repetitions (a fresh store each; wall s is the median): "
        + "; ".join(
            f"{e['areas']}: {e.get('repetitions', 1)}"
            + (f" ({e['seconds_min']:.1f}-{e['seconds_max']:.1f} s)" if e.get("repetitions", 1) > 1 else "")
            for e in results["ingest"]
        )
    )
    print(
        "  spread: per-document time without the gate, "
        "p25/median/p75 ms: "
        + "; ".join(
            f"{e['areas']}: {e['doc_ms_without_gate']['p25']:.0f}/{e['doc_ms_without_gate']['median']:.0f}/"
            f"{e['doc_ms_without_gate']['p75']:.0f}"
            for e in results["ingest"]
            if e["doc_ms_without_gate"]["median"]
        )
    )

    print("\nSHACL GATE per document (validate one document graph + digest lookup) against stores of growing size")
    print(
        f"{'areas':>5} {'store quads':>12} {'ms/doc':>8} {'min':>8} {'max':>8} {'reps':>5} {'lookup ms':>10} "
        f"| in-ingest gate ms, first/last tenth"
    )
    by_areas = {e["areas"]: e for e in results["ingest"]}
    for g in results["shacl_gate"]:
        e = by_areas.get(g["areas"], {})
        first, last = e.get("gate_ms_first_tenth"), e.get("gate_ms_last_tenth")
        print(
            f"{g['areas']:>5} {g['store_quads']:>12} {g['ms_per_document']:>8.0f} {g['min_ms']:>8.0f} "
            f"{g['max_ms']:>8.0f} {g['repetitions']:>5} {g['digest_lookup_ms']:>10.2f} | "
            + (f"{first:.0f} / {last:.0f}" if first is not None else "-")
        )

    print(
        "\nQUERIES (median ms over the repetitions; memory = the in-memory replica sgkg serve answers from, "
        "disk = our on-disk store, rdflib = rdflib.Dataset(default_union=True), all on the same data)"
    )
    print(
        f"{'query':20} {'areas':>5} {'memory ms':>9} {'[min-max]':>17} {'disk ms':>9} {'disk/mem':>8} "
        f"{'rdflib ms':>11} {'rdflib/mem':>11} {'rdflib/disk':>11} {'rows':>6} {'reps':>4}"
    )
    for q in sorted(results["queries"], key=lambda r: (r["name"], r["areas"])):
        rd, memory, disk = time_text(q, "rdflib")[:11], time_text(q, "sgkg")[:9], time_text(q, "disk")[:9]
        rows = f"{q['rows']}" + ("" if q["rdflib_rows"] in (None, q["rows"]) else f"≠{q['rdflib_rows']}")
        spread = "[" + _ms(q["sgkg_min_s"]) + "-" + _ms(q["sgkg_max_s"]) + "]" if q["sgkg_s"] is not None else ""
        print(
            f"{q['name']:20} {q['areas']:>5} {memory:>9} {spread:>17} {disk:>9} "
            f"{_x(q['disk_over_memory'])} {rd:>11} {ratio_text(q, 'ratio'):>11} {ratio_text(q, 'ratio_disk'):>11} "
            f"{rows:>6} {q['repetitions']:>4}"
        )

    if results["http"]:
        print(
            "\nHTTP (sgkg serve on 127.0.0.1; overhead = HTTP p50 / in-process p50 on the in-memory store "
            "the query workers use; vs disk in brackets)"
        )
        print(
            f"{'areas':>5} {'target':7} {'conc':>4} {'req/s':>8} {'p50 ms':>9} {'p95 ms':>9} {'errors':>6} "
            f"{'overhead':>9} "
            f"{'(vs disk)':>9} {'done':>9}"
        )
        for h in results["http"]:
            print(
                f"{h['areas']:>5} {h['target']:7} {h['concurrency']:>4} {h['rps']:>8.1f} {h['p50_ms']:>9.1f} "
                f"{h['p95_ms']:>9.1f} "
                f"{h['errors']:>6} {_x(h['overhead_ratio'], 9)} {_x(h['overhead_ratio_vs_disk'], 9)} "
                f"{h['completed']:>4}/{h['requests']:<4}" + ("  time cap" if h["capped"] else "")
            )

    print("\nTARGETS")
    for line, ok in targets(results):
        print(("  MET    " if ok else "  MISSED ") + line)
    for note in results["notes"]:
        print("  note: " + note)


def targets(results: dict) -> list[tuple[str, bool]]:
    """(line, met) for each of the issue's targets that this run can check."""
    out = []
    sizes = sorted({q["areas"] for q in results["queries"]})
    at = COMPARISON_SIZE if COMPARISON_SIZE in sizes else (sizes[-1] if sizes else None)
    if at is not None:
        for q in (q for q in results["queries"] if q["areas"] == at):
            if q["ratio"] is not None:
                ratio, shown = q["ratio"], f"{q['ratio']:.1f}x"
            elif "ratio_at_least" in q:
                ratio, shown = q["ratio_at_least"], f">{q['ratio_at_least']:.0f}x (rdflib over its cap)"
            elif q["sgkg_s"] is None:
                out.append(
                    (
                        f"query {q['name']}: our store did not answer within its cap at {at} areas "
                        f"({q['sgkg_status']}); rdflib: {q['rdflib_status']}",
                        False,
                    )
                )
                continue
            else:
                continue
            where = "" if at == COMPARISON_SIZE else f" (at {at} areas, not 150)"
            shown += f"; on-disk store {ratio_text(q, 'ratio_disk')}"
            out.append(
                (
                    f"query {q['name']}: rdflib/sgkg {shown} at {at} areas, target >= {QUERY_TARGET:g}x{where}",
                    ratio >= QUERY_TARGET,
                )
            )
    growth = results.get("growth", {}).get("150->600")
    if growth:
        low, high = GROWTH_RANGE
        factor = growth["time_factor"]
        out.append(
            (
                f"ingestion growth 150->600 areas x{factor:.2f} (gate estimate "
                f"x{growth['time_factor_full_gate_est']:.2f}), "
                f"target {low}-{high}",
                low <= factor <= high,
            )
        )
    for e in results["ingest"]:
        if e["areas"] == 600:
            minutes = e["seconds_full_gate_est"] / 60
            out.append(
                (
                    f"600 areas ingested in {e['seconds'] / 60:.1f} min measured"
                    + (f", {minutes:.1f} min with the gate on every document (est.)" if e["gate_every"] > 1 else "")
                    + " (target: minutes, not hours)",
                    minutes < 60,
                )
            )
    heavy = [h for h in results["http"] if h["target"] == "heavy" and h["concurrency"] == 1]
    for h in heavy:
        if h["overhead_ratio"] is None:
            continue
        out.append(
            (
                f"HTTP overhead, heavy query at concurrency 1: {h['overhead_ratio']:.2f}x the in-memory store "
                f"({_x(h['overhead_ratio_vs_disk'], 1)} the on-disk store), target < {OVERHEAD_TARGET}x",
                h["overhead_ratio"] < OVERHEAD_TARGET,
            )
        )
    total = results.get("total_seconds")
    if total:
        limit = 5 if results["mode"] == "quick" else 30
        out.append(
            (
                f"{results['mode']} run took {total / 60:.1f} min on {results['machine']['cores']} cores, "
                f"target < {limit} min",
                total / 60 < limit,
            )
        )
    top = [
        h for h in results["http"] if h["concurrency"] == max((x["concurrency"] for x in results["http"]), default=0)
    ]
    if top:
        errors = sum(h["errors"] for h in top)
        out.append((f"HTTP errors at concurrency {top[0]['concurrency']}: {errors}, target 0", errors == 0))
    return out


def markdown(results: dict) -> str:
    """The figures of a run as Markdown tables (for bench/README.md): ``python -m bench.run --report-only
    --markdown``."""
    m = results["machine"]
    lines = [
        f"Run: {results['mode']}, {m['cores']} cores, Python {m['python']}, "
        + ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v)
        + f"; load average {m['load_average_start'][0]:.1f} at start, {m.get('load_average_end', [0])[0]:.1f} at "
        "end" + (f"; {results['total_seconds'] / 60:.1f} min in all." if results.get("total_seconds") else "."),
        "",
    ]
    lines += [
        "| areas | documents | wall s (median) | min–max, runs | docs/s | MB/s | peak MB | gated | per doc ms: "
        "nlp / rdf / gate / commit |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---|",
    ]
    for e in results["ingest"]:
        per = " / ".join(
            f"{e['stage_seconds'][k] / e['documents'] * 1000:.0f}" for k in ("nlp", "rdf", "gate", "commit")
        )
        runs = e.get("repetitions", 1)
        spread = f"{e['seconds_min']:.1f}–{e['seconds_max']:.1f}, {runs}" if runs > 1 else "1 run"
        lines.append(
            f"| {e['areas']} | {e['documents']} | {e['seconds']:.1f} | {spread} | {e['documents_per_s']:.2f} "
            "| "
            f"{e['mb_per_s']:.3f} | {e['peak_mb']:.0f} | {e['gate_validated']}/{e['documents']} | {per} |"
        )
    lines.append("")
    for key, g in results.get("growth", {}).items():
        lines.append(f"- growth {key} areas: size ×{g['size_factor']:.1f}, time ×{g['time_factor']:.2f}")
    lines += [
        "",
        "| areas | store quads | gate ms/doc | min–max | reps | digest lookup ms |",
        "|---:|---:|---:|---|---:|---:|",
    ]
    for g in results["shacl_gate"]:
        lines.append(
            f"| {g['areas']} | {g['store_quads']:,} | {g['ms_per_document']:.0f} | "
            f"{g['min_ms']:.0f}–{g['max_ms']:.0f} | "
            f"{g['repetitions']} | {g['digest_lookup_ms']:.2f} |"
        )
    for size in sorted({q["areas"] for q in results["queries"]}):
        lines += [
            "",
            f"Queries at {size} areas (median ms; ratio = rdflib / ours):",
            "",
            "| query | in-memory ms (served) | min–max | on-disk ms | rdflib ms | ratio | ratio on disk | rows "
            "| reps |",
            "|---|---:|---|---:|---:|---:|---:|---:|---:|",
        ]
        for q in sorted((q for q in results["queries"] if q["areas"] == size), key=lambda r: r["name"]):
            spread = f"{_ms(q['sgkg_min_s'])}–{_ms(q['sgkg_max_s'])}" if q["sgkg_s"] is not None else ""
            lines.append(
                f"| {q['name']} | {time_text(q, 'sgkg')} | {spread} | {time_text(q, 'disk')} | "
                f"{time_text(q, 'rdflib')} | {ratio_text(q, 'ratio')} | "
                f"{ratio_text(q, 'ratio_disk')} | {q['rows']} | {q['repetitions']}/{q['rdflib_repetitions']} "
                "|"
            )
    if results["http"]:
        lines += [
            "",
            f"HTTP (`sgkg serve`, {results['http'][0]['areas']}-area store):",
            "",
            "| target | concurrency | req/s | p50 ms | p95 ms | errors | overhead (vs in-memory) | vs on-disk | "
            "completed |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for h in results["http"]:
            lines.append(
                f"| {h['target']} | {h['concurrency']} | {h['rps']:.1f} | {h['p50_ms']:.1f} | "
                f"{h['p95_ms']:.1f} | "
                f"{h['errors']} | {_x(h['overhead_ratio'], 1).strip()} | "
                f"{_x(h['overhead_ratio_vs_disk'], 1).strip()} | "
                f"{h['completed']}/{h['requests']}{' (time cap)' if h['capped'] else ''} |"
            )
    lines += ["", "Targets:", ""] + [f"- {'MET' if ok else 'MISSED'}: {line}" for line, ok in targets(results)]
    return "\n".join(lines) + "\n"
