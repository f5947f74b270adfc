"""Build the reference graph's Turtle files from the verified reference CSVs.

    python -m sgkg.ontology.build_reference /path/to/shared/reference [--out DIR]

Reads ``areas.csv``, ``areas-superseded.csv``, ``legislation.csv``,
``sections.csv``, ``statutory-guidance.csv``, ``police-force-areas.csv`` and
``ccg-2021-icb-2022.csv`` from the given folder, and the project's own lists of
organisations in ``ontology/sources/*.csv`` (fire and rescue services, probation
regions, which areas each organisation serves, common short names, and the
source of each list), and writes ``areas.ttl``, ``legislation.ttl``,
``sections.ttl``, ``guidance.ttl``, ``police-forces.ttl``, ``health-bodies.ttl``,
``fire-and-rescue.ttl`` and ``probation-regions.ttl`` (by default into this
package's ``reference/`` folder). The generated files are committed: the
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
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from sgkg.ontology.namespaces import ID, ORG_TYPE, PREFIXES, SGKG

SOURCES = Path(__file__).resolve().parent / "sources"
GSS = re.compile(r"E\d{8}")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TITLE_WITH_YEAR = re.compile(r"^(?P<name>.+) (?P<kind>Act|Regulations|Order) (?P<year>\d{4})$")
DCMI_PERIOD = URIRef("http://purl.org/dc/terms/Period")


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / name, newline="", encoding="utf-8") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def _graph(*extra: str) -> Graph:
    graph = Graph()
    for prefix in ("sgkg", "skos", "rdfs", "dcterms", "xsd", *extra):
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
    _add_area_short_names(graph)
    return graph


def _add_area_short_names(graph: Graph) -> None:
    """Short names of areas in common use ("B&NES", "Herts"), from ontology/sources/area-short-names.csv: each an
    altLabel, with a note naming the list it comes from (described in lists.csv)."""
    for row in _source_rows("area-short-names.csv"):
        area = ID["area/" + row["gss_code"]]
        node = _list_node(graph, row["source"])
        graph.add((area, SKOS.altLabel, _en(row["alt_label"])))
        graph.add((area, SKOS.editorialNote, _en(f"Short name {row['alt_label']!r} from the list {node}")))


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


# --- organisations that take part ------------------------------------------------------------
# IRIs: id/organisation/{org-type id}/{ONS code, or a slug where the list gives no code}.

CHANGEOVER_2022 = Literal("2022-07-01T00:00:00+01:00", datatype=XSD.dateTime)  # CCGs abolished, ICBs established
PROBATION_UNIFIED = Literal("2021-06-26T00:00:00+01:00", datatype=XSD.dateTime)


def organisation_iri(org_type: str, key: str) -> URIRef:
    return ID[f"organisation/{org_type}/{key}"]


def _source_rows(name: str) -> list[dict[str, str]]:
    return _rows(SOURCES, name)


def _members(name: str, key: str) -> dict[str, list[tuple[str, str]]]:
    """Organisation key -> [(area code, "whole" | "part")] from one of the *-area-members.csv files."""
    found: dict[str, list[tuple[str, str]]] = {}
    for row in _source_rows(name):
        found.setdefault(row[key], []).append((row["area_code"], row.get("coverage") or "whole"))
    return found


def _alt_labels() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in _source_rows("alt-labels.csv"):
        found.setdefault(row["organisation"], []).append(row["alt_label"])
    return found


def _list_node(graph: Graph, list_id: str) -> URIRef:
    """The node describing one list of reference facts: its title, published source and how far it was checked."""
    row = next(r for r in _source_rows("lists.csv") if r["list"] == list_id)
    node = ID["source/" + list_id]
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, RDFS.label, _en(row["title"])))
    if row["url"]:
        graph.add((node, DCTERMS.source, URIRef(row["url"])))
    graph.add((node, SKOS.editorialNote, _en(f"Reference data check - checked: {row['checked']}; {row['note']}")))
    return node


def _add_organisation(graph: Graph, iri: URIRef, org_type: str, label: str, alts=()) -> URIRef:
    graph.add((iri, RDF.type, ORG.Organization))
    graph.add((iri, RDF.type, ORG.FormalOrganization))
    graph.add((iri, ORG.classification, ORG_TYPE[org_type]))
    graph.add((iri, RDFS.label, _en(label)))
    graph.add((iri, SKOS.prefLabel, _en(label)))
    for alt in dict.fromkeys(alts):
        if alt != label:
            graph.add((iri, SKOS.altLabel, _en(alt)))
    return iri


def _add_code(graph: Graph, iri: URIRef, code: str) -> None:
    graph.add((iri, DCTERMS.identifier, Literal(code)))
    graph.add((iri, SKOS.notation, Literal(code)))


def _add_coverage(graph: Graph, iri: URIRef, members: list[tuple[str, str]], names: dict[str, str]) -> None:
    """dcterms:coverage for every area served, with a note naming the areas served only in part."""
    for code, _ in members:
        graph.add((iri, DCTERMS.coverage, ID["area/" + code]))
    part = [names.get(code, code) for code, extent in members if extent == "part"]
    if part:
        graph.add((iri, SKOS.note, _en("Serves part only of: " + ", ".join(part) + ".")))


def _area_names(folder: Path) -> dict[str, str]:
    return {r["gss_code"]: r["name"] for r in _rows(folder, "areas.csv")}


def build_police_forces(folder: Path) -> Graph:
    graph = _graph("org")
    listed, served = _list_node(graph, "police-force-areas"), _list_node(graph, "police-force-area-members")
    members, alts, names = _members("police-force-area-members.csv", "pfa_code"), _alt_labels(), _area_names(folder)
    for row in _rows(folder, "police-force-areas.csv"):
        iri = organisation_iri("police-force", row["pfa_code"])
        _add_organisation(
            graph, iri, "police-force", row["force_name"], alts.get(f"police-force/{row['pfa_code']}", ())
        )
        _add_code(graph, iri, row["pfa_code"])
        graph.add(
            (
                iri,
                SKOS.note,
                _en(f"Police force area: {row['pfa_name']} ({row['country']}; ONS PFA22 code {row['pfa_code']})."),
            )
        )
        graph.add((iri, DCTERMS.source, listed))
        if row["pfa_code"] in members:
            _add_coverage(graph, iri, members[row["pfa_code"]], names)
            graph.add((iri, DCTERMS.source, served))
    btp = organisation_iri("police-force", "british-transport-police")
    _add_organisation(
        graph, btp, "police-force", "British Transport Police", alts.get("police-force/british-transport-police", ())
    )
    graph.add(
        (btp, SKOS.note, _en("A national police force for the railways of Great Britain; it has no police force area."))
    )
    graph.add((btp, DCTERMS.source, _list_node(graph, "general-knowledge")))
    return graph


def _stem(name: str, prefix: str, suffix: str) -> str:
    return name.removeprefix(prefix).removesuffix(suffix).strip()


def _add_icb(graph: Graph, row: dict[str, str], alts: dict[str, list[str]]) -> URIRef:
    stem = _stem(row["ICB22NM"], "NHS ", " Integrated Care Board")
    iri = organisation_iri("integrated-care-board", row["ICB22CD"])
    names = [f"NHS {stem}", f"{stem} ICB"]  # the index reads "Integrated Care Board" as "ICB" and drops "NHS " itself
    _add_organisation(
        graph,
        iri,
        "integrated-care-board",
        row["ICB22NM"],
        names + alts.get(f"integrated-care-board/{row['ICB22CD']}", []),
    )
    _add_code(graph, iri, row["ICB22CD"])
    graph.add((iri, SGKG.odsCode, Literal(row["ICB22CDH"])))
    graph.add((iri, PROV.generatedAtTime, CHANGEOVER_2022))
    return iri


def _add_ccg(graph: Graph, row: dict[str, str], icb: URIRef, alts: dict[str, list[str]]) -> URIRef:
    stem = _stem(row["CCG21NM"], "NHS ", " CCG")
    iri = organisation_iri("clinical-commissioning-group", row["CCG21CD"])
    names = [f"{stem} CCG", *alts.get(f"clinical-commissioning-group/{row['CCG21CD']}", [])]
    _add_organisation(graph, iri, "clinical-commissioning-group", row["CCG21NM"], names)
    _add_code(graph, iri, row["CCG21CD"])
    graph.add((iri, SGKG.odsCode, Literal(row["CCG21CDH"])))
    graph.add((iri, PROV.invalidatedAtTime, CHANGEOVER_2022))
    graph.add((iri, DCTERMS.isReplacedBy, icb))
    graph.add((icb, DCTERMS.replaces, iri))
    graph.add(
        (
            iri,
            SKOS.note,
            _en(f"From 1 July 2022 the sub-ICB location {row['LOC22NM']} ({row['LOC22CD']}) of {row['ICB22NM']}."),
        )
    )
    return iri


def build_health_bodies(folder: Path) -> Graph:
    """Integrated care boards (from 1 July 2022) and the clinical commissioning groups they replaced."""
    graph = _graph("org", "prov")
    listed, served = _list_node(graph, "ccg-icb"), _list_node(graph, "icb-area-members")
    members, alts, names = _members("icb-area-members.csv", "icb_code"), _alt_labels(), _area_names(folder)
    icbs: dict[str, URIRef] = {}
    for row in _rows(folder, "ccg-2021-icb-2022.csv"):
        if row["ICB22CD"] not in icbs:
            icbs[row["ICB22CD"]] = icb = _add_icb(graph, row, alts)
            graph.add((icb, DCTERMS.source, listed))
            if row["ICB22CD"] in members:
                _add_coverage(graph, icb, members[row["ICB22CD"]], names)
                graph.add((icb, DCTERMS.source, served))
        ccg = _add_ccg(graph, row, icbs[row["ICB22CD"]], alts)
        graph.add((ccg, DCTERMS.source, listed))
    return graph


def build_fire_and_rescue(folder: Path) -> Graph:
    graph = _graph("org")
    listed, served = _list_node(graph, "fire-and-rescue"), _list_node(graph, "fire-and-rescue-area-members")
    members, alts, names = (
        _members("fire-and-rescue-area-members.csv", "service_id"),
        _alt_labels(),
        _area_names(folder),
    )
    for row in _source_rows("fire-and-rescue-services.csv"):
        iri = organisation_iri("fire-and-rescue", row["service_id"])
        _add_organisation(
            graph, iri, "fire-and-rescue", row["name"], alts.get(f"fire-and-rescue/{row['service_id']}", ())
        )
        graph.add((iri, DCTERMS.source, listed))
        region = f" (HMICFRS {row['hmicfrs_region']} region)" if row["hmicfrs_region"] else ""
        if row["name_seen_in_source"] == "yes":
            check = f"name seen in the stored copies of the HMICFRS pages{region}"
        else:
            check = f"name{region} from general knowledge, not seen in the stored copies of the HMICFRS pages"
        graph.add((iri, SKOS.editorialNote, _en(f"Reference data check - {check}.")))
        _add_coverage(graph, iri, members[row["service_id"]], names)
        graph.add((iri, DCTERMS.source, served))
    return graph


def build_probation_regions(folder: Path) -> Graph:
    graph = _graph("org", "prov")
    listed, served = _list_node(graph, "probation-regions"), _list_node(graph, "probation-region-members")
    police, names = _members("police-force-area-members.csv", "pfa_code"), _area_names(folder)
    for row in _source_rows("probation-regions.csv"):
        iri = organisation_iri("probation", row["region_id"])
        name = row["name"]
        alts = [
            f"{name} probation region",
            f"{name} region of the Probation Service",
            f"Probation Service {name} region",
        ]
        _add_organisation(graph, iri, "probation", f"Probation Service {name}", alts)
        graph.add((iri, PROV.generatedAtTime, PROBATION_UNIFIED))
        graph.add((iri, DCTERMS.source, listed))
        seen = "seen" if row["name_seen_in_source"] == "yes" else "not seen"
        graph.add((iri, SKOS.editorialNote, _en(f"Reference data check - region name {seen} in a stored public page.")))
        covered = [m for pfa in row["police_force_area_codes"].split(";") for m in police.get(pfa, [])]
        if covered:
            _add_coverage(graph, iri, covered, names)
            graph.add((iri, DCTERMS.source, served))
    return graph


# --- entry point ----------------------------------------------------------------------------

BUILDERS = {
    "areas.ttl": build_areas,
    "legislation.ttl": build_legislation,
    "sections.ttl": build_sections,
    "guidance.ttl": build_guidance,
    "police-forces.ttl": build_police_forces,
    "health-bodies.ttl": build_health_bodies,
    "fire-and-rescue.ttl": build_fire_and_rescue,
    "probation-regions.ttl": build_probation_regions,
}
OUTPUTS = tuple(BUILDERS)


def build(source: Path, out: Path) -> dict[str, int]:
    """Write every reference Turtle file into ``out``; returns file name -> triple count."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, builder in BUILDERS.items():
        graph = builder(source)
        header = "# Generated by `python -m sgkg.ontology.build_reference` from the reference CSVs; do not edit.\n"
        (out / name).write_text(header + graph.serialize(format="turtle"), encoding="utf-8")
        counts[name] = len(graph)
    return counts


def default_out() -> Path:
    return Path(__file__).resolve().parent / "reference"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sgkg.ontology.build_reference", description=__doc__.splitlines()[0]
    )
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
