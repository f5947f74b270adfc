"""The benchmark chart: time against corpus size for ingestion and for the heaviest queries."""

from __future__ import annotations

from pathlib import Path


def draw(results: dict, path: Path, heaviest: int = 3) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
    ingest = results["ingest"]
    areas = [e["areas"] for e in ingest]
    left.plot(
        areas,
        [e["seconds"] for e in ingest],
        "o-",
        label="measured (wall, gate sampled)" if any(e["gate_every"] > 1 for e in ingest) else "measured (wall)",
    )
    if any(e["gate_every"] > 1 for e in ingest):
        left.plot(areas, [e["seconds_full_gate_est"] for e in ingest], "s--", label="estimate, gate on every document")
    if ingest:
        per_area = ingest[0]["seconds"] / ingest[0]["areas"]
        left.plot(areas, [per_area * a for a in areas], ":", color="grey", label="linear from the smallest size")
    left.set(
        xscale="log",
        yscale="log",
        xlabel="areas (3 documents each)",
        ylabel="seconds",
        title=f"Ingestion ({ingest[0]['jobs'] if ingest else '?'} extraction processes)",
    )
    left.grid(True, which="both", alpha=0.3)
    left.legend(fontsize=8)

    queries = results["queries"]
    if queries:
        largest = max(q["areas"] for q in queries)
        cap = results["plan"]["sgkg_cap"]
        top = sorted(
            (q for q in queries if q["areas"] == largest),
            key=lambda q: -(q["disk_s"] if q["disk_s"] is not None else cap),
        )[:heaviest]
        for i, name in enumerate(q["name"] for q in top):
            rows = sorted((q for q in queries if q["name"] == name), key=lambda q: q["areas"])
            colour = f"C{i}"
            disk = [(q["areas"], q["disk_s"]) for q in rows if q["disk_s"] is not None]
            memory = [(q["areas"], q["sgkg_s"]) for q in rows if q["sgkg_s"] is not None]
            if disk:
                right.plot(*zip(*disk), "o-", color=colour, label=f"{name}: on-disk")
            if memory:
                right.plot(*zip(*memory), "o--", color=colour, alpha=0.7, label=f"{name}: in-memory (served)")
            over = [q["areas"] for q in rows if q["disk_s"] is None]
            if over:
                right.plot(over, [cap] * len(over), "v", color=colour, label=f"{name}: on-disk > cap")
            rd = [(q["areas"], q["rdflib_s"]) for q in rows if q["rdflib_s"] is not None]
            if rd:
                right.plot(*zip(*rd), "x:", color=colour, label=f"{name}: rdflib")
            capped = [q["areas"] for q in rows if q["rdflib_status"].startswith(">")]
            if capped:
                right.plot(
                    capped,
                    [results["plan"]["rdflib_cap"]] * len(capped),
                    "^",
                    color=colour,
                    label=f"{name}: rdflib > cap",
                )
        right.set(
            xscale="log",
            yscale="log",
            xlabel="areas",
            ylabel="seconds (median)",
            title=f"Heaviest named queries (at {largest} areas)",
        )
        right.grid(True, which="both", alpha=0.3)
        right.legend(fontsize=7)
    fig.suptitle(f"sgkg benchmarks ({results['mode']} run, {results['machine']['cores']} cores)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
