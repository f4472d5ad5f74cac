"""The analyst's views in a real browser (Debian's chromium driven by Playwright): the
event map, the table, comparisons, citations and dates chosen on a timeline, at desktop
(1280 px) and phone (390 px) widths, in light and dark mode, and printed.

Screenshots go to tests/output/explore-*.png. Run these alone with ``pytest -m browser``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import NEEDS_CHROMIUM, OUTPUT, SIZES, served
from explore_world import save_world

from irinsider.store import Store

pytestmark = NEEDS_CHROMIUM

VIEWS = {"map": "/map", "table": "/table?country=CUB&sort=-goldstein",
         "compare": "/compare?a=CUB&b=VEN-RUS", "cite": "/pairs/CUB-RUS/cite",
         "country": "/countries/CUB"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small world served on 127.0.0.1; yields the base URL."""
    from irinsider.web import WebConfig, create_app

    path = tmp_path_factory.mktemp("explore-browser") / "world.db"
    with Store.open(path) as store:
        save_world(store)
    app = create_app(path, WebConfig(index_interval=None))
    with served(app) as base:
        yield base


class Tab:
    """A browser page that records script and console errors."""

    def __init__(self, browser: Any, size: str, scheme: str = "light") -> None:
        self.context = browser.new_context(viewport=SIZES[size], color_scheme=scheme)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))

    def fits(self) -> bool:
        width = self.page.evaluate("() => document.documentElement.scrollWidth")
        return bool(width <= self.page.viewport_size["width"])

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(OUTPUT / f"explore-{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("view", list(VIEWS))
def test_each_view_fits_and_runs_cleanly(server: str, browser: Any, view: str,
                                         size: str) -> None:
    tab = Tab(browser, size)
    try:
        tab.page.goto(server + VIEWS[view])
        assert tab.fits(), f"{view} is wider than a {size}"
        tab.shot(f"{view}-{size}")
        assert tab.errors == []
    finally:
        tab.close()


def test_map_draws_points_and_countries(server: str, browser: Any) -> None:
    tab = Tab(browser, "desktop")
    try:
        tab.page.goto(f"{server}/map")
        svg = tab.page.locator("svg.world")
        assert svg.locator(".points circle").count() >= 8
        assert svg.locator(".countries a").count() == 8
        cuba = svg.locator(".countries a[href='/countries/CUB'] circle")
        box = cuba.bounding_box()
        assert box and box["width"] > 4  # a busy country is drawn large enough to see
        tab.page.check("input[name=hide_domestic]")
        tab.page.click("form.scope button[type=submit]")
        tab.page.wait_for_url(re.compile(r".*hide_domestic=true.*"))
        assert tab.page.locator("input[name=hide_domestic]").is_checked()
        assert tab.errors == []
    finally:
        tab.close()


def test_table_sorts_on_a_click_and_links_its_downloads(server: str, browser: Any) -> None:
    tab = Tab(browser, "desktop")
    try:
        page = tab.page
        page.goto(f"{server}/table?country=CUB&hide_low=true")
        page.click("th >> text=Goldstein")
        page.wait_for_url(re.compile(r".*sort=-goldstein.*"))
        header = page.locator("th[aria-sort]")
        assert header.get_attribute("aria-sort") == "descending"
        cells = page.locator("table.events-table tbody tr td:nth-child(4)").all_inner_texts()
        values = [float(c) for c in cells]
        assert values == sorted(values, reverse=True)
        for kind in ("csv", "jsonl", "parquet"):
            href = page.locator(f"a[href^='/table.{kind}']").get_attribute("href")
            assert href and "sort=-goldstein" in href and "hide_low=true" in href
            assert "page=" not in href
        with page.expect_download() as download:
            page.click("a[href^='/table.csv']")
        lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
        total = page.locator(".stats-line b").inner_text()
        assert f"{len(lines) - 1} rows" == total
        assert tab.errors == []
    finally:
        tab.close()


def test_dates_are_chosen_by_dragging_on_the_timeline(server: str, browser: Any) -> None:
    tab = Tab(browser, "desktop")
    try:
        page = tab.page
        page.goto(f"{server}/countries/CUB")
        canvas = page.locator("canvas[data-chart=timeline]")
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        assert box
        y = box["y"] + box["height"] / 3
        page.mouse.move(box["x"] + box["width"] * 0.3, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=5)
        assert page.locator(".brush").first.is_visible()
        page.mouse.up()
        page.wait_for_url(re.compile(r".*since=\d{4}-\d{2}-01&until=\d{4}-\d{2}-\d{2}"))
        since = re.search(r"since=([\d-]+)", page.url)
        until = re.search(r"until=([\d-]+)", page.url)
        assert since and until and since[1] < until[1]
        assert page.locator("details.filters").get_attribute("open") is not None
        tab.shot("brushed-desktop")
        page.click("nav.dates >> text=All dates")
        page.wait_for_url(re.compile(r".*/countries/CUB$"))
        page.goto(f"{server}/compare?a=CUB&b=VEN")
        svg = page.locator("svg#cmp-events")
        svg.scroll_into_view_if_needed()
        box = svg.bounding_box()
        assert box
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + 40)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + 40, steps=5)
        page.mouse.up()
        page.wait_for_url(re.compile(r".*a=CUB&b=VEN.*since=.*until="))
        assert tab.errors == []
    finally:
        tab.close()


def test_skip_link_headings_dark_mode_and_print(server: str, browser: Any) -> None:
    tab = Tab(browser, "phone", scheme="dark")
    try:
        page = tab.page
        page.goto(f"{server}/countries/CUB")
        page.keyboard.press("Tab")
        skip = page.locator("a.skip-link")
        assert skip.evaluate("e => e === document.activeElement")
        assert skip.bounding_box()["y"] >= 0  # shown when focused
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "main"
        assert page.locator("ol.events > li h3.card-head").count() >= 5
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(22, 27, 31)"
        tab.shot("country-phone-dark")
        page.goto(f"{server}/map")
        tab.shot("map-phone-dark")
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        page.emulate_media(media="print", color_scheme="light")
        page.goto(f"{server}/countries/CUB")
        assert page.locator("header.site").is_hidden()
        assert page.locator("details.filters").is_hidden()
        assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") in (
            "rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
        tab.shot("country-print")
        assert tab.errors == []
    finally:
        tab.close()
