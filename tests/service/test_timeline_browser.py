"""The timeline page and the area page as of a day, in headless Chromium (see test_ui_browser.py for the set-up:
Debian's chromium driven by Playwright; skipped without it, except in CI).  Screenshots go to tests/artifacts/."""

from __future__ import annotations

import pytest

from sgkg.ingest.store import OxigraphStore
from tests.queries.conftest import load_fixture
from tests.queries.test_time import TIME_FIXTURE
from tests.service.test_ui_browser import Server, browser, corpus_server, need_chromium, page, shot  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def time_server(tmp_path_factory):
    need_chromium()
    path = tmp_path_factory.mktemp("ui-time") / "store"
    store = OxigraphStore.open(path)
    load_fixture(store, TIME_FIXTURE)
    store.close()
    running = Server(path)
    yield running
    running.stop()


def _days(page) -> list[str]:
    return [t.strip() for t in page.locator("ol.timeline > li h2 .when").all_inner_texts()]


def _row(page, change: str):
    return page.locator(f"table.changes tbody tr.{change.replace(' ', '-')}")


def test_timeline_lists_documents_in_date_order_with_changes_and_quotes(time_server, page):
    page.goto(time_server.url + "/area/Areaton/timeline")
    assert _days(page) == ["2018-04-01", "2020-03-31", "2023-01-31", "undated"]
    replaced = _row(page, "board replaced")
    assert replaced.count() == 1
    cells = [t.strip() for t in replaced.locator("td").all_inner_texts()]
    assert cells[2].startswith("Areaton Safeguarding Children Board") and "Areaton Board Protocol 2018" in cells[2]
    assert cells[3].startswith("Areaton Safeguarding Children Partnership")
    assert replaced.locator("td").nth(2).locator("blockquote").count() == 1  # the predecessor's own words
    assert "former" in replaced.locator("td").nth(3).locator("blockquote").inner_text()
    dropped = _row(page, "partner dropped").first.locator("td").all_inner_texts()
    assert "Areaton Clinical Commissioning Group" in dropped[2]
    shot(page, "timeline")


def test_timeline_range_form_is_keyboard_usable(time_server, page):
    page.goto(time_server.url + "/area/Areaton/timeline")
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.id || document.activeElement.tagName"))
        if reached[-1] == "from":
            break
    assert reached[-1] == "from"
    page.keyboard.type("01012022")  # a date input takes the day as typed digits (en-US: month, day, year)
    page.keyboard.press("Enter")
    page.wait_for_url("**/timeline?from=*")
    assert _days(page) == ["2023-01-31", "undated"]


def test_area_page_as_of_a_day_shows_the_board_of_that_time(time_server, page):
    page.goto(time_server.url + "/area/Areaton")
    names = " ".join(page.locator("table#partnerships tbody").all_inner_texts())
    assert "Areaton Safeguarding Children Partnership" in names and "Areaton Safeguarding Children Board" not in names
    page.goto(time_server.url + "/area/Areaton?as_of=2019-01-01")
    names = " ".join(page.locator("table#partnerships tbody").all_inner_texts())
    assert "Areaton Safeguarding Children Board" in names and "Areaton Safeguarding Children Partnership" not in names
    assert page.locator("form.as-of input#as_of").input_value() == "2019-01-01"


def test_founding_corpus_sandwell_now_and_its_timeline(corpus_server, page):
    """Issue 11: the current arrangements show the partnership, not the 2018 board; the timeline shows the steps
    2018 -> 2019/20 -> 2023 with the board replaced and the CCG giving way to the ICB, with quotes."""
    page.goto(corpus_server.url + "/area/Sandwell")
    names = [t.strip() for t in page.locator("table#partnerships tbody tr td:first-child").all_inner_texts()]
    assert "Sandwell Children's Safeguarding Partnership" in names
    assert "Sandwell Safeguarding Children Board" not in names
    page.get_by_role("link", name="Timeline: what changed, document by document").click()
    page.wait_for_url("**/timeline")
    days = _days(page)
    assert [d[:4] for d in days[:3]] == ["2018", "2020", "2023"]
    replaced = _row(page, "board replaced")
    assert "Sandwell Safeguarding Children Board" in replaced.first.inner_text()
    assert replaced.first.locator("blockquote").count() >= 1
    dropped = " ".join(_row(page, "partner dropped").all_inner_texts())
    added = " ".join(_row(page, "partner added").all_inner_texts())
    assert "Clinical Commissioning Group" in dropped and "Integrated Care Board" in added
    replaced_partner = _row(page, "partner replaced").first
    assert "Clinical Commissioning Group" in replaced_partner.inner_text()
    assert "Integrated Care Board" in replaced_partner.inner_text()
    assert replaced_partner.locator("blockquote").count() == 2  # the words of both documents
    shot(page, "timeline-sandwell")


@pytest.fixture(scope="module")
def two_area_server(tmp_path_factory):
    """Two fictional areas: tests/data/time-graph.trig (Areaton) and tests/data/succession-graph.trig (Brookvale,
    whose documents name a chair and later the post without its holder, spell a priority two ways and rename a
    board), with the reference graph the compare rows are named by."""
    need_chromium()
    from sgkg.ingest.store import init_store
    from tests.queries.test_succession import SUCCESSION_FIXTURE

    path = tmp_path_factory.mktemp("ui-two") / "store"
    store = OxigraphStore.open(path)
    init_store(store)
    load_fixture(store, TIME_FIXTURE)
    load_fixture(store, SUCCESSION_FIXTURE)
    store.close()
    running = Server(path)
    yield running
    running.stop()


def _compare_cell(page, feature: str, column: int) -> str:
    row = page.locator("table#compare tbody tr", has=page.get_by_role("rowheader", name=feature, exact=True))
    return row.locator("td").nth(column).inner_text().strip() if row.count() else ""


def test_compare_as_of_a_day_reads_each_board_as_its_latest_document(two_area_server, page):
    """The compare page keeps only each board's most recent document on or before the day, as the area page does:
    the partner the 2023 report replaced is gone now and there in 2021; a renamed board is compared under the name
    of its time; a chair named in 2018 still holds the post that the 2023 report names without its holder."""
    page.goto(two_area_server.url + "/compare?areas=Areaton,Brookvale")
    partners = _compare_cell(page, "Safeguarding Children Partnership: statutory partners", 0)
    assert "Areaton Integrated Care Board" in partners and "Clinical Commissioning Group" not in partners
    assert _compare_cell(page, "Community Safety Partnership: board", 1) == "Brookvale Community Safety Partnership"
    assert _compare_cell(page, "Health and Wellbeing Board: chair", 1) == "Ada Holder, Chair"
    shot(page, "compare-latest")
    # as of a day, typed into the form with the keyboard
    page.locator("input#as_of").focus()
    page.keyboard.type("06302021")  # en-US: month, day, year
    page.keyboard.press("Enter")
    page.wait_for_url("**as_of=2021-06-30*")
    assert "as of 2021-06-30" in page.locator("h2#matrix-heading").inner_text()
    partners = _compare_cell(page, "Safeguarding Children Partnership: statutory partners", 0)
    assert "Areaton Clinical Commissioning Group" in partners and "Integrated Care Board" not in partners
    assert _compare_cell(page, "Community Safety Partnership: board", 1) == "Safer Brookvale Partnership"
    # the boards' 2020 reports name no chair: none is compared
    assert _compare_cell(page, "Health and Wellbeing Board: chair", 1) == ""
    shot(page, "compare-as-of")


def test_timeline_changes_no_chair_for_a_post_named_without_its_holder(two_area_server, page):
    page.goto(two_area_server.url + "/area/Brookvale/timeline")
    assert _days(page) == ["2018-06-30", "2020-03-31", "2023-03-31"]
    assert not page.locator("table.changes tbody tr[class^='chair-']").count()
    renamed = _row(page, "board renamed")
    assert renamed.count() == 1
    assert renamed.locator("td").nth(2).inner_text().startswith("Safer Brookvale Partnership")
    assert renamed.locator("blockquote").count() == 2  # the words of both documents
    # one priority spelt two ways, dropped once (by the 2023 report), never "added" by its other spelling
    dropped = _row(page, "priority dropped")
    assert dropped.count() == 1 and "Prevention of Violence and Exploitation" in dropped.inner_text()
    assert not [t for t in _row(page, "priority added").all_inner_texts() if "Violence" in t]
    shot(page, "timeline-partial-documents")


def test_area_page_current_board_and_chair_agree_with_the_timeline(two_area_server, page):
    page.goto(two_area_server.url + "/area/Brookvale")
    names = [t.strip() for t in page.locator("table#partnerships tbody tr td:first-child").all_inner_texts()]
    assert "Brookvale Community Safety Partnership" in names and "Safer Brookvale Partnership" not in names
    chair = page.locator("table#roles tbody tr", has_text="Health and Wellbeing Board")
    assert chair.count() == 1 and "Ada Holder" in chair.inner_text()
