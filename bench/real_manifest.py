"""The manifest of a real set (development or validation): one line per source page of each document.

    python -m bench.real_manifest                     # rewrite bench/real/manifest.tsv from bench/real/expected/*.json
    python -m bench.real_manifest --check             # exit 1 when the committed manifest is out of date
    python -m bench.real_manifest --set validation    # the same for bench/validation/
    python -m bench.real_manifest --set validation2   # the same for bench/validation2/ (the second held-out set)
    python -m bench.real_manifest --set real --assemble PARTS   # rebuild cache/ from PARTS/<stem>.<part>.txt

The pages' text is third-party material and is never committed: each document's text lives in the git-ignored
``bench/<set>/cache/<stem>.txt``, rebuilt by hand from the sources listed here (see bench/real/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REAL = Path(__file__).resolve().parent / "real"
# the real sets: the development set rules are written from, and the two held-out sets nobody tuning reads
SETS = {"real": REAL, "validation": REAL.parent / "validation", "validation2": REAL.parent / "validation2"}
COLUMNS = ("document", "area", "part", "url", "corpus", "query")


def rows(expected_dir: Path = REAL / "expected") -> list[tuple[str, ...]]:
    out = []
    for path in sorted(expected_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for n, src in enumerate(doc.get("sources", []), 1):
            out.append(
                (
                    doc["document"],
                    doc.get("area", ""),
                    str(n),
                    src.get("url", ""),
                    src.get("corpus", ""),
                    " ".join(str(src.get("query", "")).split()),
                )
            )
    return out


def assemble(folder: Path, parts: Path) -> tuple[list[str], list[str]]:
    """Write ``folder/cache/<stem>.txt`` for each document whose every source page is saved as
    ``parts/<stem>.<part>.txt`` (the page's text as the search tool gave it), joined with one blank line.

    Returns the documents written and the part files missing."""
    by_doc: dict[str, list[str]] = {}
    for document, _area, part, *_ in rows(folder / "expected"):
        by_doc.setdefault(document, []).append(part)
    written, missing = [], []
    (folder / "cache").mkdir(exist_ok=True)
    for document, numbers in by_doc.items():
        files = [parts / f"{Path(document).stem}.{n}.txt" for n in numbers]
        absent = [f.name for f in files if not f.is_file()]
        if absent:
            missing.extend(absent)
            continue
        text = "\n\n".join(f.read_text(encoding="utf-8").strip("\n") for f in files) + "\n"
        (folder / "cache" / document).write_text(text, encoding="utf-8")
        written.append(document)
    return written, missing


def render(table: list[tuple[str, ...]]) -> str:
    return "\n".join("\t".join(r) for r in [COLUMNS, *table]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.real_manifest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when manifest.tsv differs from the expected files")
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        default="real",
        help="which real set: the development set bench/real/ (default) or a held-out set, "
        "bench/validation/ or bench/validation2/",
    )
    parser.add_argument(
        "--assemble",
        type=Path,
        metavar="PARTS",
        help="rebuild the set's git-ignored cache/ from PARTS/<stem>.<part>.txt, one file per source page",
    )
    args = parser.parse_args(argv)
    folder = SETS[args.set]
    if args.assemble:
        written, missing = assemble(folder, args.assemble)
        print(f"wrote {len(written)} documents to {folder / 'cache'}; {len(missing)} part files missing")
        for name in missing:
            print(f"  missing {name}")
        return 0 if not missing else 1
    text = render(rows(folder / "expected"))
    target = folder / "manifest.tsv"
    if args.check:
        same = target.is_file() and target.read_text(encoding="utf-8") == text
        print(
            "manifest up to date"
            if same
            else f"{target} is out of date: run python -m bench.real_manifest --set {args.set}"
        )
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({text.count(chr(10)) - 1} sources)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
