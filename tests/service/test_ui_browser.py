"""The analyst pages in headless Chromium (Debian's `chromium`, driven by Playwright with that executable).

A real threaded werkzeug server on a free loopback port serves an app whose store holds
tests/data/fixture-graph.trig (and, for one test, the bundled founding corpus). Screenshots are
saved to tests/artifacts/. Without /usr/bin/chromium the tests are skipped, except when CI is true,
where they fail. Never run `playwright install`: no browser is downloaded.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from tests.service._ui_fixtures import CORPUS, corpus_store_dir, fixture_store_dir, make_ui_app
from tests.service.conftest import free_port

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("SGKG_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
VIEWPORT = {"width": 1366, "height": 900}  # a laptop screen


def need_chromium() -> None:
    reason = f"{CHROMIUM} is absent (apt-get install chromium); the browser tests need it"
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(reason + " and CI is set")
        pytest.skip(reason)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if IN_CI:
            pytest.fail("playwright (Python) is not installed and CI is set")
        pytest.skip("playwright (Python) is not installed: pip install playwright (never `playwright install`)")


class Server:
    """create_app served by werkzeug's threaded server on 127.0.0.1 in a background thread."""

    def __init__(self, store: Path):
        from werkzeug.serving import make_server

        self.app = make_ui_app(store)
        self.port = free_port()
        self.http = make_server("127.0.0.1", self.port, self.app, threaded=True)
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.http.shutdown()
        self.thread.join(10)
        self.app.extensions["sgkg"].close()


@pytest.fixture(scope="module")
def browser():
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_chromium()
    running = Server(fixture_store_dir(tmp_path_factory.mktemp("ui-browser")))
    yield running
    running.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    context.route("**/*", _local_only)
    tab = context.new_page()
    yield tab
    context.close()


def _local_only(route) -> None:
    """Abort any request that would leave the machine (the pages must not need the internet)."""
    if route.request.url.startswith("http://127.0.0.1:"):
        route.continue_()
    else:
        route.abort()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _compare_columns(page) -> list[str]:
    return [t.strip() for t in page.locator("table#compare thead th").all_inner_texts()]


def test_home_page(server, page):
    page.goto(server.url + "/")
    assert page.locator("table#areas tbody tr").count() == 3
    page.get_by_label("Search labels").fill("probation")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=probation")
    assert page.get_by_role("link", name="National Probation Service", exact=True).count() == 1
    page.goto(server.url + "/")
    shot(page, "home")


def test_compare_three_areas_renders_all_three_columns(server, page):
    page.goto(server.url + "/compare?areas=Rutland,Halton,Torbay")
    assert _compare_columns(page) == ["Feature", "Rutland", "Halton", "Torbay", "Same?"]
    differing = page.locator("table#compare tbody tr.differs")
    assert differing.count() > 0
    assert differing.first.locator(".marker").inner_text() == "≠ differs"  # not colour alone
    assert page.locator("a", has_text="Download as CSV").get_attribute("href").endswith("format=csv")
    shot(page, "compare")


def test_compare_form_is_keyboard_usable(server, page):
    page.goto(server.url + "/compare")
    page.get_by_label("Halton").focus()
    page.keyboard.press("Space")
    page.get_by_label("Torbay").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Compare").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("table#compare")
    assert _compare_columns(page)[1:3] == ["Halton", "Torbay"]


def test_area_page_draws_its_diagram_with_labelled_edges(server, page):
    page.goto(server.url + "/area/Rutland")
    svg = page.locator("svg.diagram")
    assert svg.count() == 1
    assert svg.get_attribute("role") == "img"
    labels = [t.strip() for t in page.locator("svg.diagram .edge-label").all_text_contents()]
    assert len(labels) >= 1 and all(labels)
    assert "Presents annual report to (annually)" in labels
    box = svg.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 120  # three boards in one row, labels between
    shot(page, "area")


def test_query_page_runs_a_query_and_shows_a_table(server, page):
    page.goto(server.url + "/query")
    assert "PREFIX sgkg:" in page.locator("textarea#query").input_value()
    page.get_by_role("button", name="Run query").click()
    page.wait_for_selector("table#results-table")
    rows = page.locator("table#results-table tbody tr")
    assert rows.count() == 7  # the fixture's partnerships
    assert page.locator("#downloads").is_visible()
    assert "format=csv" in page.locator("#downloads a[data-format=csv]").get_attribute("href")
    page.get_by_label("Start from a named query").select_option("shared-priorities")
    page.locator("textarea#query").press("Control+Enter")
    page.wait_for_function(
        "() => { const c = document.querySelector('#results-table caption');"
        " return c !== null && c.textContent.startsWith('4 rows'); }"
    )
    shot(page, "query")


def test_query_results_link_only_http_iris(server, page):
    page.goto(server.url + "/query")
    page.locator("textarea#query").fill(
        "SELECT ?x WHERE { VALUES ?x { <javascript:alert(1)> <https://example.org/a> } }"
    )
    page.get_by_role("button", name="Run query").click()
    page.wait_for_selector("table#results-table")
    cells = page.locator("table#results-table tbody td")
    assert cells.nth(0).inner_text() == "javascript:alert(1)" and cells.nth(0).locator("a").count() == 0
    assert cells.nth(1).locator("a").get_attribute("href") == "https://example.org/a"


def test_pages_work_under_their_content_security_policy(server, page):
    """The browser reports no violation of the policy on any page (and the editor test above still runs)."""
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    for path in (
        "/",
        "/search?q=board",
        "/area/Rutland",
        "/compare?areas=Rutland,Halton",
        "/query",
        "/queries",
        "/queries/areas",
        "/ontology",
        "/id/nothing-here",
    ):
        response = page.goto(server.url + path)
        assert "default-src 'none'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    assert violations == []


def test_ontology_page(server, page):
    page.goto(server.url + "/ontology")
    assert page.locator("table.terms").count() == 2
    assert page.get_by_text("sgkg:Partnership", exact=True).count() >= 1
    shot(page, "ontology")


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    need_chromium()
    if not CORPUS.is_file():
        pytest.skip(f"the bundled founding corpus {CORPUS} is absent (sgkg corpus build writes it)")
    running = Server(corpus_store_dir(tmp_path_factory.mktemp("ui-corpus")))
    yield running
    running.stop()


def test_founding_corpus_compare_sandwell_walsall_barnsley(corpus_server, page):
    page.goto(corpus_server.url + "/compare?areas=Sandwell,Walsall,Barnsley")
    assert _compare_columns(page)[1:4] == ["Sandwell", "Walsall", "Barnsley"]
    assert page.locator("table#compare tbody tr").count() > 0
    # the adult boards are spelt "Safeguarding Adults Board" and "Safeguarding Adult Board" and all stand on the
    # Care Act: the same concepts, so the same rows
    for feature in ("Safeguarding Adults Board: board", "Safeguarding Adults Board: statutory basis"):
        row = page.locator("table#compare tbody tr", has=page.get_by_role("rowheader", name=feature, exact=True))
        assert row.get_attribute("class") == "same", feature
    cells = [
        t.strip()
        for t in page.locator(
            "table#compare tbody tr",
            has=page.get_by_role("rowheader", name="Safeguarding Adults Board: board", exact=True),
        )
        .locator("td")
        .all_inner_texts()
    ]
    assert len(set(cells[:3])) == 3  # three spellings, as written
    # chair rows say who holds the post (person and post), never a bare role word
    chairs = page.locator("table#compare tbody tr", has=page.locator("th", has_text=": chair")).locator("td")
    texts = [t.strip() for t in chairs.all_inner_texts()]
    assert any(", " in t for t in texts)
    assert not {"Chair", "Independent chair", "Co-chair"} & set(texts)
    shot(page, "compare-founding")


def test_founding_corpus_sandwell_area_diagram(corpus_server, page):
    page.goto(corpus_server.url + "/area/Sandwell")
    assert page.locator("svg.diagram").count() == 1
    assert page.locator("svg.diagram .node").count() >= 2
    # no two label boxes intersect, nor a label and a board, as the browser lays them out
    labels = _boxes(page, "svg.diagram .label-box")
    boards = _boxes(page, "svg.diagram .node rect")
    lines = _boxes(page, "svg.diagram .edge-label")
    assert len(labels) >= 5 and len(lines) >= len(labels)
    assert not [(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :] + boards if _intersect(a, b)]
    # every line of text lies inside its label's box (the box was measured for the text the browser draws)
    assert all(any(_within(line, box) for box in labels) for line in lines)
    # one line per pair of boards: no two lines join the same two boards
    titles = page.locator(
        "svg.diagram .relationship > title, svg.diagram .relationship > a > title"
    ).all_text_contents()
    assert len(titles) == len(labels)
    # a legend names each kind drawn, and a table stands in for the drawing
    kinds = {t.rsplit(" (", 1)[1].rstrip(")") for t in page.locator("svg.diagram .node title").all_text_contents()}
    assert {t.strip() for t in page.locator("ul.legend li").all_inner_texts()} == kinds
    page.get_by_text("The diagram as a table").click()
    assert page.locator("table#diagram-links tbody tr").count() == len(labels)
    shot(page, "area-sandwell")


def test_founding_corpus_sandwell_tables_have_one_row_per_fact(corpus_server, page):
    page.goto(corpus_server.url + "/area/Sandwell")
    names = [t.strip() for t in page.locator("table#partnerships tbody tr td:first-child").all_inner_texts()]
    assert names and len(names) == len(set(names))
    # issue 11, "one fact, many sources": the board's one row lists every document that states it (the founding
    # corpus has three Sandwell documents, of 2018, 2020 and 2023), oldest first, each with its date
    board = page.locator("table#partnerships tbody tr", has_text="Safeguarding Adults Board")
    assert board.count() == 1
    sources = board.locator("td.source li")
    assert sources.count() >= 2
    days = [t.strip("() ") for t in sources.locator(".when").all_inner_texts()]
    assert all(d[:4].isdigit() for d in days), days  # dated, not "undated"
    assert [d[:4] for d in days] == sorted(d[:4] for d in days) and days[0][:4] < days[-1][:4], days
    # every row of the table is a current fact: one of its documents is its board's most recent one (the 2023
    # report for the boards it names); the replaced 2018 board is not a row
    assert not [n for n in names if n == "Sandwell Safeguarding Children Board"]
    shot(page, "area-sandwell-sources")
    page.goto(corpus_server.url + "/area/Sandwell/timeline")
    assert page.locator("ol.timeline > li").count() >= 3


def test_area_page_is_keyboard_usable(corpus_server, page):
    """Tab reaches the diagram's boards (links) and the table regions; Enter follows a board's link."""
    page.goto(corpus_server.url + "/area/Sandwell")
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "() => { const e = document.activeElement; "
                "return (e.closest('svg') ? 'svg:' : '') + (e.getAttribute('href') || "
                "e.tagName); }"
            )
        )
    assert any(r.startswith("svg:/id/partnership/") for r in reached)
    page.goto(corpus_server.url + "/area/Sandwell")
    while not page.evaluate("() => !!document.activeElement.closest('svg')"):
        page.keyboard.press("Tab")
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + href)


def _boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(
        selector,
        "els => els.map(e => { const r = e.getBoundingClientRect(); "
        "return {x: r.x, y: r.y, w: r.width, h: r.height}; })",
    )


def _intersect(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]
    )


def _within(inner: dict, outer: dict, slack: float = 1.0) -> bool:
    return (
        inner["x"] >= outer["x"] - slack
        and inner["y"] >= outer["y"] - slack
        and inner["x"] + inner["w"] <= outer["x"] + outer["w"] + slack
        and inner["y"] + inner["h"] <= outer["y"] + outer["h"] + slack
    )
