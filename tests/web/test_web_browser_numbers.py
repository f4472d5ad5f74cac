"""The reader's numbers, cards, charts and lists in a real browser (Debian's chromium
driven by Playwright), on a database written by hand (tests/worlds.py): no coder runs.

Screenshots of every view this checks go to tests/output/, at desktop (1280 px) and
phone (390 px) width. Run these alone with ``pytest -m browser``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from browsing import NEEDS_CHROMIUM, OUTPUT, SIZES, served
from worlds import busy_world, mark_wrong, save

from irinsider.store import Store

pytestmark = NEEDS_CHROMIUM

VIEWS = {"home": "/", "country": "/countries/CUB", "pair": "/pairs/CUB-RUS",
         "events": "/events", "events-filtered": "/events?country=CUB&quad=1",
         "articles": "/articles", "search": "/search?q=talks", "countries": "/countries",
         "country-year-only": "/countries/USA"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hand-made world served on 127.0.0.1; yields the base URL."""
    from irinsider.web import WebConfig, create_app

    path = tmp_path_factory.mktemp("browser-numbers") / "world.db"
    with Store.open(path) as store:
        save(store, *busy_world())
        mark_wrong(store, "a1", 5)
    app = create_app(path, WebConfig(index_interval=None))
    with served(app) as base:
        yield base
    shutil.rmtree(path.parent, ignore_errors=True)


@pytest.fixture(params=list(SIZES))
def tab(browser: Any, request: pytest.FixtureRequest) -> Iterator[tuple[str, Any, list[str]]]:
    """(size, page, script and console errors) of a fresh browser tab."""
    context = browser.new_context(viewport=SIZES[request.param])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    yield request.param, page, errors
    context.close()


@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_fits_and_is_shot(server: str, tab: tuple[str, Any, list[str]],
                                     view: str) -> None:
    size, page, errors = tab
    page.goto(server + VIEWS[view])
    page.wait_for_load_state("load")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], f"{view} is {width}px wide"
    page.screenshot(path=str(OUTPUT / f"numbers-{view}-{size}.png"), full_page=True)
    assert errors == []


def test_net_goldstein_axis_holds_zero(server: str, tab: tuple[str, Any, list[str]]) -> None:
    size, page, errors = tab
    page.goto(f"{server}/pairs/CUB-RUS")
    scale = page.evaluate("() => { const c = window.Chart.getChart(document.querySelector("
                          "'canvas[data-chart=timeline]')); return [c.scales.y2.min, "
                          "c.scales.y2.max]; }")
    assert scale[0] <= 0 <= scale[1], scale
    page.locator("canvas[data-chart=timeline]").screenshot(
        path=str(OUTPUT / f"numbers-timeline-{size}.png"))
    assert errors == []


def test_list_rows_keep_off_their_box(server: str, tab: tuple[str, Any, list[str]]) -> None:
    _size, page, _errors = tab
    page.goto(f"{server}/articles")
    box = page.locator("ul.plain.card").bounding_box()
    row = page.locator("ul.plain.card li").first.bounding_box()
    assert box and row
    assert row["x"] - box["x"] >= 8 and row["y"] - box["y"] >= 4


def test_one_card_names_both_ways_and_the_caption(server: str,
                                                  tab: tuple[str, Any, list[str]]) -> None:
    size, page, _errors = tab
    page.goto(f"{server}/pairs/CUB-RUS")
    meeting = page.locator("ol.events > li", has_text="046 Engage in negotiation")
    assert meeting.count() == 1
    text = meeting.inner_text()
    assert "⇄" in text and "Coded both ways" in text and "Also in the caption" in text
    meeting.scroll_into_view_if_needed()
    meeting.screenshot(path=str(OUTPUT / f"numbers-card-{size}.png"))


def test_the_network_legend_shows_mixed(server: str, tab: tuple[str, Any, list[str]]) -> None:
    _size, page, _errors = tab
    page.goto(f"{server}/countries/CUB")
    legend = page.locator("svg.network + .legend")
    assert legend.locator("i.mixed").is_visible()
    assert "mixed" in legend.inner_text()


def test_download_link_follows_the_filter(server: str, tab: tuple[str, Any, list[str]]
                                          ) -> None:
    _size, page, _errors = tab
    page.goto(f"{server}/events?country=CUB&quad=1&page=1")
    link = page.locator("a", has_text="Download these events as CSV")
    assert link.get_attribute("href") == "/exports/events.csv?country=CUB&quad=1"
