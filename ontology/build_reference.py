"""Build the reference graph's Turtle files from the verified reference CSVs.

    python -m ontology.build_reference /path/to/shared/reference [--out DIR]

Reads ``areas.csv``, ``areas-superseded.csv``, ``legislation.csv``,
``sections.csv`` and ``statutory-guidance.csv`` and writes ``areas.ttl``,
``legislation.ttl``, ``sections.ttl`` and ``guidance.ttl`` (by default into
this package's ``reference/`` folder). The generated files are committed: the
project never reads the CSVs at run time. Rows without an identifier URI are
skipped; the CSVs' verification columns are kept as ``skos:editorialNote``
literals so nothing unverified passes for verified.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from ontology.namespaces import ID, PREFIXES, SGKG

OUTPUTS = ("areas.ttl", "legislation.ttl", "sections.ttl", "guidance.ttl")
GSS = re.compile(r"E\d{8}")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TITLE_WITH_YEAR = re.compile(r"^(?P<name>.+) (?P<kind>Act|Regulations|Order) (?P<year>\d{4})$")
DCMI_PERIOD = URIRef("http://purl.org/dc/terms/Period")


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / name, newline="", encoding="utf-8") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def _graph() -> Graph:
    graph = Graph()
    for prefix in ("sgkg", "skos", "rdfs", "dcterms", "xsd"):
        graph.bind(prefix, PREFIXES[prefix])
    return graph


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


# --- areas --------------------------------------------------------------------------------


def area_alt_labels(name: str, area_type: str, superseded: bool = False) -> list[str]:
    """Generic variants of an area name: "Bristol, City of" -> "City of Bristol", "Bristol";
    "X Council" (current areas only: a successor often took the name); "X County Council" for counties."""
    alts = []
    base = name
    if ", " in name:
        head, _, tail = name.partition(", ")
        if tail in ("City of", "County of"):
            alts += [f"{tail} {head}", head]
            base = head
    if not superseded and not base.startswith("City of "):
        alts.append(f"{base} Council")
    if area_type == "county":
        alts.append(f"{base} County Council")
    return [a for a in dict.fromkeys(alts) if a != name]


def clean_note(text: str) -> str:
    """Reference notes without asides about the founding corpus ("(date from ... seed doc 000; ...)")."""
    return re.sub(r"\s*\([^()]*\bseeds?\b[^()]*\)", "", text).strip()


def _add_area(graph: Graph, row: dict[str, str], superseded: bool = False) -> URIRef:
    area = ID["area/" + row["gss_code"]]
    graph.add((area, RDF.type, SGKG.Area))
    graph.add((area, RDFS.label, _en(row["name"])))
    graph.add((area, SKOS.prefLabel, _en(row["name"])))
    for alt in area_alt_labels(row["name"], row["type"], superseded):
        graph.add((area, SKOS.altLabel, _en(alt)))
    graph.add((area, SKOS.notation, Literal(row["gss_code"])))
    graph.add((area, SGKG.areaType, Literal(row["type"])))
    graph.add((area, SGKG.region, Literal(row["region"])))
    graph.add((area, SGKG.regionCode, Literal(row["region_gss_code"])))
    if row["statistical_geography_uri"]:
        graph.add((area, SKOS.exactMatch, URIRef(row["statistical_geography_uri"])))
    if row.get("notes"):
        graph.add((area, SKOS.note, _en(clean_note(row["notes"]))))
    return area


def build_areas(folder: Path) -> Graph:
    graph = _graph()
    for row in _rows(folder, "areas.csv"):
        _add_area(graph, row)
    for row in _rows(folder, "areas-superseded.csv"):
        area = _add_area(graph, row, superseded=True)
        for code in GSS.findall(row["successor_gss_codes"]):
            graph.add((area, DCTERMS.isReplacedBy, ID["area/" + code]))
        if ISO_DATE.match(row["valid_to"]):
            graph.add((area, DCTERMS.valid, Literal(f"end={row['valid_to']}; scheme=W3C-DTF", datatype=DCMI_PERIOD)))
        elif row["valid_to"]:
            graph.add((area, SKOS.editorialNote, _en(f"Valid to: {row['valid_to']}")))
    return graph


# --- legislation ----------------------------------------------------------------------------


def legislation_alt_labels(title: str) -> list[str]:
    """Common citation variants of a title, by rule (never a fact not in the title)."""
    match = TITLE_WITH_YEAR.match(title)
    if not match:
        return []
    name, kind, year = match["name"], match["kind"], match["year"]
    alts = [f"{year} {name} {kind}"]
    if kind == "Regulations":
        alts.append(f"{name} Regulation {year}")
    if " and " in name:
        alts.append(f"{name.replace(' and ', ' & ')} {kind} {year}")
    if "," in name:
        alts.append(f"{name.replace(',', '')} {kind} {year}")
    return [a for a in dict.fromkeys(alts) if a != title]


def _verified(row: dict[str, str], *columns: str) -> Literal:
    text = "; ".join(f"{c.replace('_', ' ')}: {row[c] or 'not recorded'}" for c in columns)
    return _en(f"Reference data check - {text}")


def build_legislation(folder: Path) -> Graph:
    graph = _graph()
    for row in _rows(folder, "legislation.csv"):
        if not row["legislation_gov_uk_uri"]:
            continue
        work = URIRef(row["legislation_gov_uk_uri"])
        graph.add((work, RDF.type, SGKG.Legislation))
        graph.add((work, RDFS.label, _en(row["title"])))
        graph.add((work, DCTERMS.title, _en(row["title"])))
        graph.add((work, SGKG.legislationType, Literal(row["type"])))
        graph.add((work, SGKG.year, Literal(row["year"], datatype=XSD.gYear)))
        if row["number"].isdigit():
            graph.add((work, SGKG.number, Literal(int(row["number"]))))
        if ISO_DATE.match(row["enacted_or_made_date"]):
            graph.add((work, DCTERMS.issued, Literal(row["enacted_or_made_date"], datatype=XSD.date)))
        for alt in legislation_alt_labels(row["title"]):
            graph.add((work, SKOS.altLabel, _en(alt)))
        if row["type"] == "uksi" and row["number"]:
            for form in ("S.I. {y}/{n}", "SI {y}/{n}"):
                graph.add((work, SKOS.altLabel, _en(form.format(y=row["year"], n=row["number"]))))
        if row["notes"]:
            graph.add((work, SKOS.note, _en(clean_note(row["notes"]))))
        graph.add((work, SKOS.editorialNote, _verified(row, "number_verified", "date_verified")))
    return graph


def provision_label(uri: str, section: str, title: str) -> str:
    """ "section 13 of the Children Act 2004", "Schedule 2 to the Care Act 2014", ..."""
    parts = uri.rstrip("/").split("/")
    kind, last = (parts[-2], parts[-1]) if parts[-1] != "schedule" else ("schedule", "")
    if kind == "schedule":
        return f"Schedule {last} to the {title}" if last else f"the Schedule to the {title}"
    if kind == "part":
        return f"Part {last} of the {title}"
    return f"{kind} {section} of the {title}"


def provision_alt_labels(uri: str, section: str, title: str) -> list[str]:
    kind = uri.rstrip("/").split("/")[-2]
    short = {"section": "s.", "regulation": "reg. "}.get(kind)
    return [f"{title} {short}{section}", f"{short}{section} {title}"] if short else []


def build_sections(folder: Path) -> Graph:
    graph = _graph()
    acts = {row["id"]: row for row in _rows(folder, "legislation.csv") if row["legislation_gov_uk_uri"]}
    for row in _rows(folder, "sections.csv"):
        if not row["provision_uri"] or row["act_id"] not in acts:
            continue
        act = acts[row["act_id"]]
        provision = URIRef(row["provision_uri"])
        graph.add((provision, RDF.type, SGKG.Provision))
        graph.add((provision, RDFS.label, _en(provision_label(row["provision_uri"], row["section"], act["title"]))))
        for alt in provision_alt_labels(row["provision_uri"], row["section"], act["title"]):
            graph.add((provision, SKOS.altLabel, _en(alt)))
        graph.add((provision, SGKG.sectionNumber, Literal(row["section"])))
        graph.add((provision, DCTERMS.isPartOf, URIRef(act["legislation_gov_uk_uri"])))
        graph.add((provision, DCTERMS.description, _en(row["topic"])))
        graph.add((provision, SKOS.editorialNote, _verified(row, "heading_verified")))
    return graph


# --- guidance -------------------------------------------------------------------------------

_YEAR_SUFFIX = re.compile(r"^(?P<stem>.+?)-(?P<year>\d{4})(?:-[a-z]+)?$")


def _issued(row: dict[str, str]) -> Literal:
    when = row["date_published"]
    if ISO_DATE.match(when):
        return Literal(when, datatype=XSD.date)
    if re.match(r"^\d{4}-\d{2}$", when):
        return Literal(when, datatype=XSD.gYearMonth)
    return Literal(row["year"], datatype=XSD.gYear)


def _replaced_ids(row: dict[str, str], by_stem: dict[tuple[str, str], str]) -> list[str]:
    """Editions this one replaces, where the text names an edition of the same series ("Working Together 2015")."""
    match = _YEAR_SUFFIX.match(row["id"])
    if not match or not row["replaces"]:
        return []
    found = []
    for item in row["replaces"].split(";"):
        year = re.search(r"\b(\d{4})\b", item)
        if year and "when" not in item and (match["stem"], year[1]) in by_stem:
            found.append(by_stem[(match["stem"], year[1])])
    return found


def guidance_label(row: dict[str, str]) -> str:
    return row["title"] if row["year"] in row["title"] else f"{row['title']} ({row['year']})"


def build_guidance(folder: Path) -> Graph:
    graph = _graph()
    rows = _rows(folder, "statutory-guidance.csv")
    by_stem = {}
    for row in rows:
        match = _YEAR_SUFFIX.match(row["id"])
        if match and not row["id"].endswith("-draft"):
            by_stem[(match["stem"], match["year"])] = row["id"]
    for row in rows:
        doc = ID["guidance/" + row["id"]]
        graph.add((doc, RDF.type, SGKG.Guidance))
        graph.add((doc, RDFS.label, _en(guidance_label(row))))
        graph.add((doc, DCTERMS.title, _en(row["title"])))
        graph.add((doc, SKOS.notation, Literal(row["id"])))
        graph.add((doc, DCTERMS.issued, _issued(row)))
        if row["publisher"]:
            graph.add((doc, DCTERMS.publisher, _en(row["publisher"])))
        for other in _replaced_ids(row, by_stem):
            graph.add((doc, DCTERMS.replaces, ID["guidance/" + other]))
        for column, prefix in (("statutory_basis", "Statutory basis"), ("replaces", "Replaces"), ("notes", "")):
            if row[column]:
                text = clean_note(row[column])
                graph.add((doc, SKOS.note, _en(f"{prefix}: {text}" if prefix else text)))
        graph.add((doc, SKOS.editorialNote, _verified(row, "verified")))
    return graph


# --- entry point ----------------------------------------------------------------------------

BUILDERS = {
    "areas.ttl": build_areas,
    "legislation.ttl": build_legislation,
    "sections.ttl": build_sections,
    "guidance.ttl": build_guidance,
}


def build(source: Path, out: Path) -> dict[str, int]:
    """Write every reference Turtle file into ``out``; returns file name -> triple count."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, builder in BUILDERS.items():
        graph = builder(source)
        header = "# Generated by `python -m ontology.build_reference` from the reference CSVs; do not edit.\n"
        (out / name).write_text(header + graph.serialize(format="turtle"), encoding="utf-8")
        counts[name] = len(graph)
    return counts


def default_out() -> Path:
    return Path(__file__).resolve().parent / "reference"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ontology.build_reference", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder holding the reference CSVs (shared/reference)")
    parser.add_argument("--out", type=Path, default=default_out(), help="output folder (default: ontology/reference)")
    args = parser.parse_args(argv)
    if not (args.source / "areas.csv").is_file():
        parser.error(f"{args.source} holds no areas.csv; give the folder of the reference CSVs")
    for name, count in build(args.source, args.out).items():
        print(f"{args.out / name}: {count} triples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
