"""The analyst web UI blueprint: home and search, area pages (as of a day) and timelines, compare, SPARQL editor,
ontology.

Views parse the request, call one domain function below and render a template under
``templates/ui/``.  Page data comes from the named queries (``queries/*.rq``) wherever one
fits, so that the pages show exactly what the query library returns.
"""

from __future__ import annotations

import dataclasses
import functools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import render_template, request
from werkzeug.exceptions import NotFound

from sgkg.ontology.namespaces import sparql_prefixes
from sgkg.service.blueprints import blueprint
from sgkg.service.diagram import Edge, Link, Node, draw, links, ordered_kinds
from sgkg.service.extensions import get_service, setting
from sgkg.service.fact_rows import DocumentInfo, FactRow, merge
from sgkg.service.named_queries import NamedQuery, Table, as_of_day, load_named_queries, pivot, run_named_query
from sgkg.service.pages import page_href
from sgkg.service.timeline import area_timeline

bp = blueprint("ui", __name__, template_folder="templates")

COMPARE_MIN, COMPARE_MAX = 2, 4
COMPARE_ORDER = ("grp", "k", "s", "feature", "area")  # compare-areas.rq's ORDER BY
SEARCH_LIMIT = 200
EVERY_DOCUMENT = "every_document"  # the named queries' parameter: the rows of every document, not only the latest
LATEST = "latest"  # their column: "true" for a row of its board's most recent document


@dataclass(frozen=True)
class Section:
    """A named query shown on an area page, one row per fact (see service/fact_rows.py)."""

    name: str
    heading: str
    fact: str  # the column holding the fact node (its page shows the quotes)
    key: tuple[str, ...] = ()  # columns that make facts of several documents one fact
    compared: tuple[str, ...] = ()  # values the documents of one fact may disagree on
    distinct_within_document: bool = False  # facts with one key in one document are distinct facts


# The named queries shown on an area page, in order.
AREA_SECTIONS = (
    Section("partnerships", "Partnerships", "partnership_uri", compared=("partnership", "abbreviation", "type")),
    Section("statutory-bases", "Statutory bases", "evidence_uri", key=("partnership_uri", "basis_uri")),
    Section("statutory-partners", "Statutory partners", "membership_uri", compared=("organisation", "org_type")),
    Section("relevant-agencies", "Relevant agencies", "membership_uri", compared=("agency", "org_type")),
    Section(
        "roles",
        "Chairs, scrutineers and other posts",
        "post_uri",
        key=("partnership_uri", "role"),
        compared=("person", "post"),
        distinct_within_document=True,
    ),
    Section("priorities", "Priorities", "priority_uri", compared=("priority", "period", "lead")),
    Section("relationships", "Relationships", "relationship_uri", compared=("frequency",)),
    Section("duties", "Duties", "duty_uri", compared=("duty", "basis")),
    Section("subgroups", "Subgroups", "subgroup_uri"),
    Section("reviews", "Reviews", "review_uri", compared=("summary", "status", "date")),
    Section(
        "figures",
        "Figures",
        "figure_uri",
        key=("of", "what", "unit", "period"),
        compared=("value",),
        distinct_within_document=True,
    ),
)

AREA = (
    sparql_prefixes()
    + """SELECT ?area_uri (STR(?l) AS ?area) (STR(?c) AS ?area_code) WHERE {
  ?area_uri a sgkg:Area ; skos:notation ?c ; skos:prefLabel ?l .
  FILTER(LCASE(STR(?l)) = LCASE(STR(?param_key)) || LCASE(STR(?c)) = LCASE(STR(?param_key)))
  FILTER EXISTS { ?d a sgkg:SourceDocument ; dcterms:spatial ?area_uri }
} LIMIT 1"""
)

AREA_NAMES = (
    sparql_prefixes()
    + """SELECT DISTINCT (STR(?l) AS ?area) (STR(?c) AS ?area_code) WHERE {
  ?d a sgkg:SourceDocument ; dcterms:spatial ?a .
  ?a skos:notation ?c ; skos:prefLabel ?l .
} ORDER BY ?area"""
)

# (the area's IRI bound by the engine: every pattern starts from it, not from every document of the store)
BOARDS = (
    sparql_prefixes()
    + """SELECT DISTINCT ?p WHERE {
  ?p dcterms:spatial ?param_area ; a sgkg:Partnership .
}"""
)

DOCUMENTS = (
    sparql_prefixes()
    + """SELECT ?doc (MIN(STR(?t)) AS ?title) (MIN(STR(?d)) AS ?date) (MIN(STR(?p)) AS ?period)
       (MIN(SUBSTR(STR(?a), 1, 10)) AS ?day)
WHERE {
  ?doc dcterms:spatial ?param_area ; a sgkg:SourceDocument .
  OPTIONAL { ?doc dcterms:title ?t }
  OPTIONAL { ?doc dcterms:date ?d }
  OPTIONAL { ?doc sgkg:period ?p }
  OPTIONAL { ?doc sgkg:asOf ?a }
} GROUP BY ?doc"""
)

SEARCH = (
    sparql_prefixes()
    + """SELECT ?s (MIN(STR(?l)) AS ?label) (SAMPLE(?t) AS ?type) WHERE {
  ?s rdfs:label|skos:prefLabel ?l .
  FILTER(isIRI(?s) && CONTAINS(LCASE(STR(?l)), LCASE(STR(?param_q))))
  OPTIONAL { ?s a ?t }
} GROUP BY ?s ORDER BY ?label LIMIT """
    + str(SEARCH_LIMIT)
)

EXAMPLE = """SELECT DISTINCT ?area ?partnership ?type WHERE {
  ?p a sgkg:Partnership ; rdfs:label ?partnership ; dcterms:spatial/skos:prefLabel ?area .
  OPTIONAL { ?p org:classification/skos:prefLabel ?type }
}
ORDER BY ?area ?partnership
LIMIT 100
"""


# --- records handed to the templates ------------------------------------------------------------


@dataclass
class AreaSection:
    """A table of the area page: the current facts of a named query, each with every document that states it."""

    name: str  # the named query
    heading: str
    rows: list[FactRow]  # one row per current fact
    older: int = 0  # facts that only documents older than their board's most recent one state (not shown)
    every_document: bool = False  # the query takes `every_document` (its rows came from every document)


@dataclass
class AreaProfile:
    area: dict[str, str | None]  # a row of the `areas` query
    sections: list[AreaSection]
    diagram: Diagram
    as_of: str = ""  # the day the arrangements are read as of ("" for the latest)


@dataclass
class CompareRow:
    feature: str
    cells: list[str | None]  # the values as written, one per area
    verdict: str  # "same", "differs" or "single" (see `verdict`)
    stated_in: list[str] = field(default_factory=list)  # the areas whose documents state something
    unstated: list[str] = field(default_factory=list)  # the areas whose documents say nothing about it

    @property
    def differs(self) -> bool:
        return self.verdict == "differs"


@dataclass
class Comparison:
    chosen: list[str]
    areas: list[str] = field(default_factory=list)  # the columns, as the query names them
    rows: list[CompareRow] = field(default_factory=list)
    error: str | None = None
    as_of: str = ""  # the day compared ("" for the latest)

    def count(self, verdict: str) -> int:
        return sum(r.verdict == verdict for r in self.rows)

    @property
    def differing(self) -> int:
        return self.count("differs")


@dataclass
class Hit:
    iri: str
    label: str
    type: str | None


# --- domain functions ----------------------------------------------------------------------------


def _run(name: str, params: dict[str, str] | None = None) -> Table:
    return run_named_query(get_service().synced, name, params or {}, max_rows=setting("max_rows"))


def records(table: Table) -> list[dict[str, str | None]]:
    return [dict(zip(table.columns, row)) for row in table.rows]


def area_list() -> list[dict]:
    return records(_run("areas"))


def section_params(query: NamedQuery | None, area: dict[str, str], as_of: str) -> dict[str, str]:
    """The area's code, its IRI when the named query takes it (``area_uri``: the engine then binds the area before
    it reads any board, instead of filtering every board of the store by name), ``as_of`` when the query takes
    it (and a day is given), and ``every_document`` when the query takes it (a fact's row lists every document
    that states it, not only its board's most recent one)."""
    params = {"area": area["area_code"]}
    if query is not None and query.param("area_uri"):
        params["area_uri"] = area["area_uri"]
    if as_of and query is not None and query.param("as_of"):
        params["as_of"] = as_of
    if query is not None and query.param(EVERY_DOCUMENT):
        params[EVERY_DOCUMENT] = "true"
    return params


def area_profile(key: str, as_of: str = "") -> AreaProfile | None:
    """Everything the area page shows as of a day ("" for the latest), or None when no area with data has that
    name or code.

    The current arrangements are the facts that each board's most recent document (on or before the day) states;
    each is one row listing every document that states it, older ones too, with the values where they disagree.
    Facts that only older documents state are counted, not shown (the timeline has them)."""
    area = find_area(key)
    if area is None:
        return None
    as_of = as_of_day(as_of) if as_of.strip() else ""
    documents = area_documents(area["area_uri"])
    known = load_named_queries()
    by_name = run_sections({s.name: section_params(known.get(s.name), area, as_of) for s in AREA_SECTIONS})
    sections = [area_section(s, by_name[s.name], documents, known.get(s.name)) for s in AREA_SECTIONS]
    diagram = area_diagram(
        area["area"],
        latest_rows(by_name["partnerships"]),
        latest_rows(by_name["relationships"]),
        area_boards(area["area_uri"]),
    )
    # the counts of the page's own tables (the `areas` query counts every document and fact, and reads the
    # whole store to do it)
    dated = [d for d in documents.values() if not as_of or d.day is None or d.day <= as_of]
    area |= {
        "documents": str(len(dated)),
        "partnerships": str(len(section_by_name(sections, "partnerships").rows)),
        "facts": str(sum(len(s.rows) for s in sections)),
    }
    return AreaProfile(area, sections, diagram, as_of)


def area_section(
    section: Section, rows: list[dict], documents: dict[str, DocumentInfo], query: NamedQuery | None
) -> AreaSection:
    """A section's rows (of every document, when its query takes ``every_document``) as one row per current fact."""
    every = query is not None and query.param(EVERY_DOCUMENT) is not None
    merged = merge(
        rows,
        fact=section.fact,
        key=section.key,
        compared=section.compared,
        distinct_within_document=section.distinct_within_document,
        documents=documents,
        latest=LATEST if every else None,
    )
    current = [r for r in merged if r.current]
    return AreaSection(section.name, section.heading, current, len(merged) - len(current), every)


def latest_rows(rows: list[dict]) -> list[dict]:
    """The rows that each board's most recent document gives (all of them when the query has no ``latest``)."""
    return [r for r in rows if r.get(LATEST) != "false"]


def run_sections(params: dict[str, dict[str, str]]) -> dict[str, list[dict]]:
    """Several named queries at once, as records: as many in flight as the service has query workers (each its
    own process and store replica), so that a page of many tables waits for the slowest, not for the sum."""
    synced, max_rows, known = get_service().synced, setting("max_rows"), load_named_queries()
    with ThreadPoolExecutor(max_workers=max(1, setting("query_workers"))) as pool:
        running = {
            name: pool.submit(run_named_query, synced, known.get(name, name), p, max_rows=max_rows)
            for name, p in params.items()
        }
        return {name: records(future.result()) for name, future in running.items()}


def section_by_name(sections: list[AreaSection], name: str) -> AreaSection:
    return next(s for s in sections if s.name == name)


def find_area(key: str) -> dict[str, str] | None:
    """The area named or coded ``key`` (case-insensitive) if a document names it: area, area_code, area_uri."""
    result = get_service().synced.query(AREA, bindings={"param_key": ox.Literal(key.strip())})
    for uri, label, code in result.rows:
        return {"area": label.value, "area_code": code.value, "area_uri": uri.value}
    return None


def area_names() -> list[dict[str, str]]:
    """The areas that documents name (area, area_code), by name: the compare page's choices."""
    result = get_service().synced.query(AREA_NAMES)
    return [{"area": label.value, "area_code": code.value} for label, code in result.rows]


def area_boards(area_uri: str) -> set[str]:
    """Every board of the area (by IRI) any document names, current or not."""
    result = get_service().synced.query(BOARDS, bindings={"param_area": ox.NamedNode(area_uri)})
    return {p.value for (p,) in result.rows}


def area_documents(area_uri: str) -> dict[str, DocumentInfo]:
    """The area's (by IRI) source documents by IRI, with the date (or else the period, else the day its statements
    hold: a review date) each speaks for, and that day (``sgkg:asOf``), by which they are ordered."""
    result = get_service().synced.query(DOCUMENTS, bindings={"param_area": ox.NamedNode(area_uri)})
    out = {}
    for doc, title, date, period, day in result.rows:
        when = date or period or day
        out[doc.value] = DocumentInfo(
            doc.value, title.value if title else doc.value, when.value if when else None, day.value if day else None
        )
    return out


OTHER_BODY = "Other bodies"  # the band of relationship ends that are not the area's boards


@dataclass
class Diagram:
    svg: str  # inline SVG
    kinds: list[str]  # the bands, top to bottom (the legend)
    links: list[Link]  # the lines, for the table that stands in for the drawing
    former: int = 0  # boards not current that relationships name (not drawn)


def area_diagram(
    area: str, partnerships: list[dict], relationships: list[dict], every_board: set[str] = frozenset()
) -> Diagram:
    """The area's current boards (``partnerships``) grouped by kind (statutory kinds first) and their relationships,
    one line per pair; a relationship with a board of ``every_board`` that is not current is left out (the
    timeline has it)."""
    nodes = {
        r["partnership_uri"]: Node(
            r["partnership_uri"],
            r["partnership"] or r["partnership_uri"],
            page_href(r["partnership_uri"]),
            r["type"] or OTHER_BODY,
        )
        for r in partnerships
    }
    former = set(every_board) - set(nodes)
    hidden = {key for r in relationships for key in (r["from_uri"], r["to_uri"]) if key in former}
    relationships = [r for r in relationships if r["from_uri"] not in former and r["to_uri"] not in former]
    for r in relationships:
        for key, label in ((r["from_uri"], r["from"]), (r["to_uri"], r["to"])):
            nodes.setdefault(key, Node(key, label or key, page_href(key), OTHER_BODY))
    edges = {
        (r["from_uri"], r["to_uri"], r["kind"]): Edge(
            r["from_uri"], r["to_uri"], r["kind"] or "related to", r["frequency"], page_href(r["relationship_uri"])
        )
        for r in relationships
    }
    statutory = {r["type"] for r in partnerships if r["type"] and r["statutory"] == "true"}
    others = {r["type"] for r in partnerships if r["type"]} - statutory
    order = sorted(statutory, key=str.casefold) + sorted(others, key=str.casefold) + [OTHER_BODY]
    kinds = ordered_kinds(list(nodes.values()), order)
    svg = draw(
        list(nodes.values()), list(edges.values()), title=f"Boards of {area} and their relationships", kinds=order
    )
    return Diagram(svg, kinds, links(list(nodes.values()), list(edges.values())), len(hidden))


def _concepts(cell: str | None) -> frozenset[str]:
    return frozenset((cell or "").split())


def verdict(concepts: list[frozenset[str]]) -> str:
    """Whether the areas that state a feature agree on it: "same" concepts, or "differs"; "single" when at
    most one area states it (nothing to compare)."""
    stated = {c for c in concepts if c}
    if sum(1 for c in concepts if c) < 2:
        return "single"
    return "same" if len(stated) == 1 else "differs"


def compare(chosen: list[str], as_of: str = "") -> Comparison:
    """The compare-areas matrix for 2 to 4 areas, each row judged on the concepts its cells stand for.

    The cells show names as written (the pivot of the query's ``value``); whether the areas agree is
    judged on the query's ``concept`` column (partnership type, Act, organisation type, post role, the
    types at a relationship's ends, theme), so that spelling never makes a difference.  Each board is read as its
    most recent document on or before ``as_of`` (a day, "" for the latest) states it, as on the area page; boards
    replaced or renamed by then are left out.
    """
    result = Comparison(chosen, as_of=as_of_day(as_of) if as_of.strip() else "")
    if not chosen:
        return result
    if not COMPARE_MIN <= len(chosen) <= COMPARE_MAX:
        result.error = f"Choose between {COMPARE_MIN} and {COMPARE_MAX} areas (you chose {len(chosen)})."
        return result
    query = load_named_queries()["compare-areas"]
    flat = compare_rows(query, chosen, result.as_of)
    feature, area, value = query.pivot
    values = pivot(flat, query.pivot, chosen)
    concepts = pivot(flat, (feature, area, "concept"), chosen)
    result.areas = values.columns[1:]
    for (name, *cells), (_, *keys) in zip(values.rows, concepts.rows):
        sets = [_concepts(k) for k in keys]
        stated = [a for a, k in zip(result.areas, sets) if k]
        unstated = [a for a, k in zip(result.areas, sets) if not k]
        result.rows.append(CompareRow(name or "", cells, verdict(sets), stated, unstated))
    return result


def compare_rows(query: NamedQuery, chosen: list[str], as_of: str) -> Table:
    """The compare-areas rows (before the pivot) of the chosen areas: the query once per area with its IRI, so
    that the engine binds the area before it reads any board (the `areas` list is a filter over every area of the
    store), side by side on the query workers; then in the query's own order (its ORDER BY columns)."""
    params: dict[str, dict[str, str]] = {}
    for key in chosen:
        found = find_area(key)
        params.setdefault(
            found["area_uri"] if found else key,
            {"area": key} | ({"area_uri": found["area_uri"]} if found else {}) | ({"as_of": as_of} if as_of else {}),
        )
    flat = dataclasses.replace(query, pivot=None)
    synced, max_rows = get_service().synced, setting("max_rows")
    with ThreadPoolExecutor(max_workers=max(1, setting("query_workers"))) as pool:
        tables = list(pool.map(lambda p: run_named_query(synced, flat, p, max_rows=max_rows), params.values()))
    columns = tables[0].columns
    at = [columns.index(c) for c in COMPARE_ORDER]
    rows = sorted(
        (row for table in tables for row in table.rows),
        key=lambda row: tuple(_sort_cell(row[i], numeric=c in ("grp", "s")) for i, c in zip(at, COMPARE_ORDER)),
    )
    return Table(columns=columns, rows=rows)


def _sort_cell(value: str | None, numeric: bool) -> tuple:
    """A cell as SPARQL's ORDER BY ranks it: unbound first, then by number or by string."""
    return (value is not None, int(value) if numeric and value is not None else (value or ""))


def search(text: str) -> list[Hit]:
    """Nodes whose label contains the text (case-insensitive), bound by the engine."""
    if not text.strip():
        return []
    result = get_service().synced.query(SEARCH, bindings={"param_q": ox.Literal(text.strip())})
    return [Hit(s.value, label.value if label else s.value, t.value if t else None) for s, label, t in result.rows]


@functools.lru_cache(maxsize=1)
def ontology_doc():
    """The ontology's documentation, built from the package's Turtle once per process (it cannot change)."""
    from sgkg.ontology.docs import describe

    return describe()


def examples() -> list[dict[str, str]]:
    """The named queries as editor examples: name, title and text without its header comments."""
    out = []
    for q in load_named_queries().values():
        body = "\n".join(line for line in q.text.splitlines() if not line.startswith("#")).strip()
        out.append({"name": q.name, "title": q.title, "text": body + "\n"})
    return out


def chosen_areas(args) -> list[str]:
    """Areas from ``?areas=A,B`` and/or repeated ``?area=`` (checkboxes), in order, without repeats."""
    wanted = [a.strip() for a in args.get("areas", "").split(",")] + [a.strip() for a in args.getlist("area")]
    seen: list[str] = []
    for a in wanted:
        if a and a.casefold() not in {s.casefold() for s in seen}:
            seen.append(a)
    return seen


# --- views ---------------------------------------------------------------------------------------


@bp.get("/")
def home():
    return render_template("ui/home.html", areas=area_list())


@bp.get("/search")
def search_page():
    text = request.args.get("q", "")
    return render_template("ui/search.html", q=text, hits=search(text), limit=SEARCH_LIMIT)


@bp.get("/area/<key>")
def area(key: str):
    profile = area_profile(key, request.args.get("as_of", ""))
    if profile is None:
        raise NotFound(f"no area named or coded {key!r} has data in the graph")
    return render_template("ui/area.html", profile=profile)


@bp.get("/area/<key>/timeline")
def timeline_page(key: str):
    found = find_area(key)  # (not the `areas` query: it counts every document and fact of the store)
    if found is None:
        raise NotFound(f"no area named or coded {key!r} has data in the graph")
    timeline = area_timeline(found, request.args.get("from", ""), request.args.get("to", ""))
    return render_template("ui/timeline.html", timeline=timeline)


@bp.get("/compare")
def compare_page():
    chosen = chosen_areas(request.args)
    comparison = compare(chosen, request.args.get("as_of", ""))
    status = 400 if comparison.error else 200
    return render_template(
        "ui/compare.html", comparison=comparison, areas=area_names(), minimum=COMPARE_MIN, maximum=COMPARE_MAX
    ), status


@bp.get("/query")
def query_page():
    return render_template(
        "ui/query.html",
        prefixes=sparql_prefixes(),
        example=EXAMPLE,
        examples=examples(),
        initial=request.args.get("query"),
    )


@bp.get("/ontology")
def ontology_page():
    return render_template("ui/ontology.html", doc=ontology_doc())
