"""The analyst pages through Flask's test client, on tests/data/fixture-graph.trig."""

from __future__ import annotations

import re

import pytest

from sgkg.ingest.store import OxigraphStore
from sgkg.service.diagram import Edge, Node, draw, layout, links, ordered_kinds, wrap
from tests.queries.conftest import load_fixture
from tests.queries.test_time import TIME_FIXTURE
from tests.service._ui_fixtures import CORPUS, corpus_store_dir, fixture_store_dir, make_ui_app

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def ui_app(tmp_path_factory):
    app = make_ui_app(fixture_store_dir(tmp_path_factory.mktemp("ui")))
    yield app
    app.extensions["sgkg"].close()


@pytest.fixture
def ui(ui_app):
    return ui_app.test_client()


def test_home_lists_areas_with_counts_and_a_search_box(ui):
    page = ui.get("/", headers=HTML)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'href="/area/E06000017">Rutland</a>' in html
    assert re.search(
        r"Rutland</a></th>\s*<td>.*?</td>\s*<td class=\"num\">2</td><td class=\"num\">3</td>"
        r"<td class=\"num\">18</td>",
        html,
        re.S,
    )
    assert 'role="search"' in html and 'name="q"' in html
    assert "Hartlepool" not in html  # an area without documents is not listed
    assert 'href="/static/ui.css"' in html


def test_search_finds_labels_and_links_to_linked_data_pages(ui):
    html = ui.get("/search?q=SAFEGUARDING adults", headers=HTML).get_data(as_text=True)
    assert 'href="/id/partnership/E06000017/safeguarding-adult-board">Rutland Safeguarding Adults Board</a>' in html
    assert 'href="/id/partnership/E06000027/safeguarding-adult-board"' in html
    assert "No results" not in html


def test_search_treats_the_text_as_data(ui):
    html = ui.get('/search?q=x")) } #', headers=HTML)
    assert html.status_code == 200
    assert "Nothing has a label containing" in html.get_data(as_text=True)


@pytest.mark.parametrize("key", ["E06000017", "rutland", "RUTLAND"])
def test_area_page_by_code_or_name(ui, key):
    page = ui.get(f"/area/{key}", headers=HTML)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<h1>Rutland" in html
    for heading in (
        "Partnerships",
        "Statutory bases",
        "Statutory partners",
        "Chairs, scrutineers",
        "Priorities",
        "Relationships",
    ):
        assert heading in html


def test_area_page_facts_link_to_evidence_and_document(ui):
    html = ui.get("/area/E06000017", headers=HTML).get_data(as_text=True)
    # the statutory basis links to its evidence node (whose page shows the quote) and to both documents
    assert 'href="/id/evidence/a1a1a1a1a1a1a1a1/0000000000000001">evidence</a>' in html
    assert 'href="/id/document/b2b2b2b2b2b2b2b2">Rutland Safeguarding Adults Board Annual Report 2021/22</a>' in html
    assert (
        'href="/id/membership/E06000017/safeguarding-adult-board/eastshire-constabulary/statutory-partner">evidence'
        in html
    )
    assert 'href="http://www.legislation.gov.uk/id/ukpga/2014/23">Care Act 2014</a>' in html
    assert "Independent chair" in html and "Alex Example" in html


def test_area_page_has_one_row_per_fact_with_all_its_documents(ui):
    """The Rutland SAB and its council membership are stated in two documents: one row each, both documents."""
    html = ui.get("/area/E06000017", headers=HTML).get_data(as_text=True)
    table = html[html.index('<table class="facts" id="statutory-partners"') :]
    table = table[: table.index("</table>")]
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", table, re.S) if "Rutland County Council" in r]
    assert len(rows) == 1
    assert "Rutland Joint Working Protocol" in rows[0]
    assert "Rutland Safeguarding Adults Board Annual Report 2021/22" in rows[0]
    partnerships = html[html.index('<table class="facts" id="partnerships"') :]
    partnerships = partnerships[: partnerships.index("</table>")]
    names = [n for n in re.findall(r'href="/id/partnership/[^"]+">([^<]+)</a>', partnerships) if n != "evidence"]
    assert len(names) == len(set(names)) > 0


@pytest.fixture(scope="module")
def time_ui(tmp_path_factory):
    """The pages on tests/data/time-graph.trig (documents of 2018, 2020, 2023 and one undated)."""
    path = tmp_path_factory.mktemp("ui-time") / "store"
    store = OxigraphStore.open(path)
    load_fixture(store, TIME_FIXTURE)
    store.close()
    app = make_ui_app(path)
    yield app.test_client()
    app.extensions["sgkg"].close()


def _table_rows(html: str, table_id: str) -> list[str]:
    table = html[html.index(f'<table class="facts" id="{table_id}"') :]
    return re.findall(r"<tr>(.*?)</tr>", table[: table.index("</table>")], re.S)[1:]


def _section(html: str, name: str) -> str:
    start = html.index(f'<h2 id="{name}-heading">')
    return html[start : html.index("</section>", start)]


def test_area_page_rows_list_every_document_that_states_a_current_fact(time_ui):
    """Issue 11 "one fact, many sources": the police sit on the partnership by its 2020 and its 2023 (latest)
    reports: one row naming both, oldest first; the CCG only the 2020 report names is not a current row."""
    html = time_ui.get("/area/Areaton", headers=HTML).get_data(as_text=True)
    rows = _table_rows(html, "statutory-partners")
    police = [r for r in rows if "Areaton Police" in r]
    assert len(police) == 1
    assert police[0].index("Annual Report 2019/20") < police[0].index("Report to Council 2023")
    assert "(2020-03-31)" in police[0] and "(2023-01-31)" in police[0]
    assert not [r for r in rows if "Clinical Commissioning Group" in r]
    # the fact left out is counted (the CCG; the partners of the community safety partnership renamed in 2023 are
    # no facts of a current board), with the timeline linked
    older = _section(html, "statutory-partners")
    assert "1 more fact is stated only by documents older than" in older
    assert 'href="/area/E06000999/timeline"' in older


def test_area_page_as_of_a_day_takes_the_documents_of_that_time(time_ui):
    html = time_ui.get("/area/Areaton?as_of=2021", headers=HTML).get_data(as_text=True)
    rows = _table_rows(html, "statutory-partners")
    ccg = [r for r in rows if "Clinical Commissioning Group" in r]
    assert len(ccg) == 1 and "Annual Report 2019/20" in ccg[0]
    assert not [r for r in rows if "Integrated Care Board" in r]  # stated by the 2023 report only
    assert "Report to Council 2023" not in html


def test_area_page_partnerships_are_the_current_boards_once_each(time_ui):
    html = time_ui.get("/area/Areaton", headers=HTML).get_data(as_text=True)
    partnerships = _table_rows(html, "partnerships")
    # the rows of every document for two boards; the 2018 board replaced in 2020 is not a row, nor the community
    # safety partnership that the 2023 report names otherwise (renamed: the timeline says so)
    assert len(partnerships) == 2 and "2 partnerships" in html
    assert not [r for r in partnerships if "Safeguarding Children Board" in r or "Safer Areaton" in r]
    assert [r for r in partnerships if "Areaton Community Safety Partnership" in r]
    both = [r for r in partnerships if "Areaton Safeguarding Children Partnership" in r]
    assert len(both) == 1 and "Annual Report 2019/20" in both[0] and "Report to Council 2023" in both[0]


def test_founding_corpus_diagram_draws_the_current_relationships_only(tmp_path_factory):
    """The relationships table and the diagram show the same current relationships, not those of every document."""
    if not CORPUS.is_file():
        pytest.skip(f"the bundled founding corpus {CORPUS} is absent (sgkg corpus build writes it)")
    app = make_ui_app(corpus_store_dir(tmp_path_factory.mktemp("ui-corpus")))
    try:
        html = app.test_client().get("/area/Sandwell", headers=HTML).get_data(as_text=True)
    finally:
        app.extensions["sgkg"].close()
    drawn = int(re.search(r'<desc id="diagram-desc">\d+ boards and (\d+) relationships', html).group(1))
    assert drawn == len(_table_rows(html, "relationships")) > 0
    assert "more facts are stated only by documents older than" in _section(html, "relationships")


def test_area_page_draws_an_accessible_diagram(ui):
    html = ui.get("/area/E06000017", headers=HTML).get_data(as_text=True)
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and '<title id="diagram-title">Boards of Rutland' in svg
    assert '<desc id="diagram-desc">3 boards and 3 relationships.' in svg
    assert svg.count('class="relationship"') == 2  # two of the three join the same two boards: one line
    assert "Presents annual report to (annually)" in svg
    assert 'marker-end="url(#arrow)"' in svg
    legend = html[html.index('<ul class="legend"') : html.index("</ul>", html.index('<ul class="legend"'))]
    assert "Safeguarding Adults Board" in legend and 'class="swatch kind-' in legend
    assert '<table class="facts" id="diagram-links">' in html  # the table that stands in for the drawing


def test_unknown_area_is_404(ui):
    assert ui.get("/area/Nowhere", headers=HTML).status_code == 404


ROW = re.compile(r'<tr class="(differs|same|single)">\s*<th scope="row">([^<]*)</th>(.*?)</tr>', re.S)


def _verdicts(html: str) -> dict[str, str]:
    return {feature: cls for cls, feature, _ in ROW.findall(html)}


def _cells(html: str) -> dict[str, list[str]]:
    return {
        feature: [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", body, re.S)]
        for _, feature, body in ROW.findall(html)
    }


def test_compare_three_areas_marks_differences_in_words(ui):
    page = ui.get("/compare?areas=Rutland,Halton,Torbay", headers=HTML)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    head = html[html.index('<table id="compare"') : html.index("</thead>")]
    assert [a for a in ("Rutland", "Halton", "Torbay") if a in head] == ["Rutland", "Halton", "Torbay"]
    verdict = _verdicts(html)
    # Halton's community safety partnership reports to its children's partnership, Torbay's adults board to the council
    assert verdict["Relationship: Reports to"] == "differs"
    # Rutland's documents say nothing about a children's partnership: the other two are compared, Rutland is named
    assert verdict["Safeguarding Children Partnership: statutory partners"] == "same"
    assert "(not stated: Rutland)" in html
    assert verdict["Health and Wellbeing Board: board"] == "single"
    assert "≠ differs" in html
    assert 'href="/queries/compare-areas?areas=Rutland%2CHalton%2CTorbay&amp;format=csv"' in html


def test_compare_judges_concepts_not_spelling(ui):
    html = ui.get("/compare?area=Halton&area=Torbay", headers=HTML).get_data(as_text=True)
    verdict, cells = _verdicts(html), _cells(html)
    # boards and partners spelt differently (names as written) that stand for the same concepts are the same
    assert cells["Safeguarding Children Partnership: board"] == [
        "Halton Safeguarding Children Partnership",
        "Torbay Safeguarding Children Partnership",
    ]
    assert verdict["Safeguarding Children Partnership: board"] == "same"
    halton, torbay = cells["Safeguarding Children Partnership: statutory partners"]
    assert halton != torbay and verdict["Safeguarding Children Partnership: statutory partners"] == "same"
    assert verdict["Safeguarding Children Partnership: chair"] == "single"  # Torbay's documents only
    counts = {c: list(verdict.values()).count(c) for c in ("same", "differs", "single")}
    assert (
        f"Of {len(verdict)} features, {counts['same']} are the same and {counts['differs']} differ in the areas "
        f"whose documents state them; {counts['single']} are stated for one area only"
    ) in " ".join(html.split())


def test_compare_chair_rows_name_the_person_or_post(ui):
    html = ui.get("/compare?areas=Rutland,Torbay", headers=HTML).get_data(as_text=True)
    cells = _cells(html)
    assert cells["Safeguarding Adults Board: chair"][0] == "Alex Example, Independent Chair"
    chairs = [
        c for feature, row in cells.items() if feature.endswith((": chair", ": independent scrutiny")) for c in row
    ]
    assert chairs and not any(c in {"Chair", "Independent chair", "Co-chair"} for c in chairs)


@pytest.mark.parametrize(
    "sets,expected",
    [
        ([{"a"}, {"a"}], "same"),
        ([{"a", "b"}, {"b", "a"}], "same"),
        ([{"a"}, {"b"}], "differs"),
        ([{"a"}, set(), {"a"}], "same"),
        ([{"a"}, set(), set()], "single"),
        ([set(), set()], "single"),
    ],
)
def test_verdict_compares_the_areas_that_state_the_feature(sets, expected):
    from sgkg.service.ui import verdict

    assert verdict([frozenset(s) for s in sets]) == expected


def test_compare_form_and_limits(ui):
    empty = ui.get("/compare", headers=HTML)
    assert empty.status_code == 200
    assert 'type="checkbox" name="area" value="Rutland"' in empty.get_data(as_text=True)
    one = ui.get("/compare?areas=Rutland", headers=HTML)
    assert one.status_code == 400 and "Choose between 2 and 4 areas" in one.get_data(as_text=True)


def test_compare_csv_download(ui):
    csv = ui.get("/queries/compare-areas?areas=Rutland,Halton,Torbay&format=csv").get_data(as_text=True)
    assert csv.splitlines()[0] == "feature,Rutland,Halton,Torbay"


def test_query_page_has_prefixes_examples_and_no_external_resources(ui):
    html = ui.get("/query", headers=HTML).get_data(as_text=True)
    assert "PREFIX sgkg: &lt;https://w3id.org/sgkg/def#&gt;" in html
    assert '<option value="compare-areas">' in html
    assert 'src="/static/query.js"' in html
    for page in ("/", "/query", "/compare?areas=Rutland,Halton", "/area/Rutland", "/ontology"):
        text = ui.get(page, headers=HTML).get_data(as_text=True)
        assert not re.search(
            r'(src|href)="(https?:)?//(?!w3id\.org|www\.legislation\.gov\.uk)',
            text.replace('href="http://www.legislation.gov.uk', ""),
        ), page


def test_static_files_are_served(ui):
    assert ui.get("/static/ui.css").status_code == 200
    assert b"fetch(" in ui.get("/static/query.js").data


def test_ontology_page_lists_classes_properties_and_schemes(ui):
    html = ui.get("/ontology", headers=HTML).get_data(as_text=True)
    assert "<code>sgkg:Partnership</code>" in html
    assert "<code>sgkg:statutoryBasis</code>" in html
    assert 'id="scheme-partnership-type"' in html


def test_diagram_is_deterministic_and_escapes_labels():
    nodes = [Node("b", "B <board>"), Node("a", "A & co")]
    edges = [Edge("a", "b", "Reports to", "Quarterly"), Edge("b", "a", "Joint protocol")]
    one, two = draw(nodes, edges, title="t"), draw(list(reversed(nodes)), list(reversed(edges)), title="t")
    assert one == two
    assert "A &amp; co" in one and "B &lt;board&gt;" in one and "<board>" not in one
    assert wrap("Rutland Safeguarding Adults Board and Friends of the Board", 22, 2)[-1].endswith("…")


def test_diagram_merges_parallel_relationships_into_one_line_listing_their_kinds():
    nodes = [Node("a", "Adults Board", kind="SAB"), Node("c", "Children Partnership", kind="SCP")]
    edges = [
        Edge("a", "c", "Reports to", "Quarterly"),
        Edge("c", "a", "Joint protocol"),
        Edge("a", "c", "Shares plans with"),
    ]
    svg = draw(nodes, edges, title="t")
    assert svg.count('<path class="edge"') == 1
    assert 'marker-end="url(#arrow)"' in svg and 'marker-start="url(#arrow)"' in svg  # relationships both ways
    labels = re.findall(r'<text class="edge-label"[^>]*>([^<]*)</text>', svg)
    assert labels == ["→ Reports to (quarterly)", "→ Shares plans with", "← Joint protocol"]
    [link] = links(nodes, edges)
    assert len(link.sentences) == 3


def _boxes(svg: str, pattern: str) -> list[tuple[float, float, float, float]]:
    return [tuple(float(v) for v in m) for m in re.findall(pattern, svg)]


def test_diagram_labels_never_overlap_each_other_or_the_boards():
    """A dense drawing: 14 boards of 5 kinds, every board related to the next four, in both directions."""
    nodes = [Node(f"n{i}", f"Board number {i} of the area", kind=f"Kind {i % 5}") for i in range(14)]
    edges = [
        Edge(f"n{i}", f"n{(i + k) % 14}", f"Kind of relationship {k}", "Annually")
        for i in range(14)
        for k in (1, 2, 3, 4)
    ]
    svg = draw(nodes, edges, title="dense")
    labels = _boxes(svg, r'<rect class="label-box" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"')
    boards = _boxes(svg, r'<rect x="([-\d.]+)" y="([-\d.]+)" width="(\d+)" height="([\d.]+)" rx="8"')
    assert len(labels) == len(links(nodes, edges)) and len(boards) == 14

    def overlap(a, b):
        return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]

    assert not [(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :] + boards if overlap(a, b)]
    # each label line is drawn at the length its box was measured for
    for length, text in re.findall(r'textLength="([\d.]+)" lengthAdjust="spacingAndGlyphs">([^<]*)<', svg):
        assert float(length) == round(len(text.replace("&amp;", "&")) * 6.4, 1)


def test_diagram_groups_boards_by_kind_in_the_given_order():
    nodes = [Node(f"n{i}", f"Board {i}", kind=k) for i, k in enumerate(["B", "A", "B", "C", "A"])]
    assert ordered_kinds(nodes, ["C", "B"]) == ["C", "B", "A"]
    placed, titles = layout(nodes, ["C", "B", "A"])
    assert [t for t, _ in titles] == ["C", "B", "A"]
    order = [p.node.kind for p in sorted(placed, key=lambda p: (p.y, p.x))]
    assert order == ["C", "B", "B", "A", "A"]  # each kind's boards side by side, kinds in order


def test_diagram_of_no_boards_is_an_empty_drawing_that_says_so():
    svg = draw([], [], title="none")
    assert svg.startswith("<svg") and "0 boards and no relationship between them" in svg
    assert layout([], []) == ([], [])
