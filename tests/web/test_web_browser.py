"""The reader in a real browser: Debian's chromium driven by Playwright.

The app runs under uvicorn in a background thread on 127.0.0.1 and a free port.
Screenshots go to tests/output/ (desktop 1280 px and phone 390 px wide).
Run these alone with ``pytest -m browser``.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import NEEDS_CHROMIUM, OUTPUT, SIZES, served

pytestmark = NEEDS_CHROMIUM

from irinsider.pipeline import Pipeline  # noqa: E402

DESKTOP, PHONE = SIZES["desktop"], SIZES["phone"]
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
       b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline,
           demo_db: Path) -> Iterator[str]:
    """A copy of the demo database served on 127.0.0.1; yields the base URL."""
    from irinsider.web import WebConfig, create_app

    path = tmp_path_factory.mktemp("browser") / "demo.db"
    shutil.copy(demo_db, path)
    app = create_app(path, WebConfig(index_interval=None), pipeline=pipeline)
    with served(app) as base:
        yield base


class Tab:
    """A browser page that records script errors, console errors and dialogs."""

    def __init__(self, browser: Any, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)

    def shot(self, name: str, full: bool = True) -> Path:
        path = OUTPUT / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full)
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Tab]:
    tab = Tab(browser, DESKTOP)
    yield tab
    tab.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Tab]:
    tab = Tab(browser, PHONE)
    yield tab
    tab.close()


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url) as response:  # noqa: S310 - our own local server
        return json.load(response)


def demo_article(server: str) -> tuple[str, dict[str, Any]]:
    """The demo article's id and its event that carries $50 million."""
    (article,) = get_json(f"{server}/api/articles")["articles"]
    data = get_json(f"{server}/api/articles/{article['id']}")
    loan = next(e for e in data["events"] if any(q["text"] == "$50 million"
                                                 for q in e["quantities"]))
    return article["id"], loan


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_click_an_event_to_see_its_explanation(server: str, request: pytest.FixtureRequest,
                                               size: str) -> None:
    tab: Tab = request.getfixturevalue(size)
    article, loan = demo_article(server)
    tab.page.goto(f"{server}/articles/{article}")
    trigger = tab.page.locator(f"#s{loan['sentence']} button.trigger",
                               has_text=loan["trigger"])
    pop = tab.page.locator(f"#pop-{loan['sentence']}-{loan['trigger_start']}")
    assert not pop.is_visible()
    trigger.click()
    pop.wait_for(state="visible")
    assert trigger.get_attribute("aria-expanded") == "true"
    text = pop.inner_text()
    assert "Coded as" in text and "Russia as the lender and Cuba as the borrower" in text
    assert "amount $50 million" in text
    box, screen = pop.bounding_box(), tab.page.viewport_size
    assert box and screen and box["x"] >= 0 and box["x"] + box["width"] <= screen["width"]
    pop.scroll_into_view_if_needed()
    tab.shot(f"article-explanation-{size}", full=False)
    tab.page.keyboard.press("Escape")
    tab.page.mouse.move(1, 1)  # hovering would keep it open
    pop.wait_for(state="hidden")
    assert trigger.get_attribute("aria-expanded") == "false"
    tab.shot(f"article-{size}")
    assert tab.errors == [] and tab.dialogs == []


def test_pair_page_brief_cites_the_loan(server: str, desktop: Tab) -> None:
    article, loan = demo_article(server)
    page = desktop.page
    page.goto(f"{server}/pairs/CUB-RUS")
    paragraph = page.locator(".brief p", has_text="military loan from Russia to Cuba").first
    text = paragraph.inner_text()
    number = re.search(r"\$50 million military loan from Russia to Cuba \[(\d+)\]", text)
    assert number, text
    # the chart is drawn by the vendored Chart.js
    assert page.evaluate("() => !!window.Chart.getChart(document.querySelector("
                         "'canvas[data-chart=timeline]'))")
    desktop.shot("pair-page", full=False)
    desktop.shot("pair-desktop")
    paragraph.locator(f'a.cite[href="#cite-{number[1]}"]').first.click()
    assert page.url.endswith(f"#cite-{number[1]}")
    page.locator(f"#cite-{number[1]} a").click()
    page.wait_for_url(f"{server}/articles/{article}#s{loan['sentence']}")
    sentence = page.locator(f"#s{loan['sentence']}")
    assert "$50 million" in sentence.inner_text()
    assert page.evaluate(f"() => document.querySelector('#s{loan['sentence']}')"
                         ".matches(':target')")
    assert sentence.is_visible()
    desktop.shot("citation-followed", full=False)
    assert desktop.errors == [] and desktop.dialogs == []


def test_pages_fit_a_phone(server: str, phone: Tab) -> None:
    article, _ = demo_article(server)
    for path in ["/", f"/articles/{article}", "/pairs/CUB-RUS", "/countries/CUB", "/publish",
                 "/events", "/entities/inf-treaty", "/search?q=treaty", "/about",
                 "/countries"]:
        phone.page.goto(server + path)
        width = phone.page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide"
    phone.page.goto(f"{server}/pairs/CUB-RUS")
    phone.shot("pair-phone")
    phone.page.goto(f"{server}/countries/CUB")
    phone.shot("country-phone")
    assert phone.errors == [] and phone.dialogs == []


def test_country_page(server: str, desktop: Tab) -> None:
    desktop.page.goto(f"{server}/countries/CUB")
    assert desktop.page.locator("svg.network a").count() >= 3
    route = desktop.page.locator("ol.route").first.inner_text()
    assert route.index("Moscow, Russia") < route.index("Pyongyang") < route.index("Beijing")
    desktop.shot("country-desktop")
    assert desktop.errors == []


def test_publish_an_article_and_find_it_in_the_feed(server: str, desktop: Tab,
                                                    tmp_path: Path) -> None:
    page = desktop.page
    image = tmp_path / "havana.png"
    image.write_bytes(PNG)
    page.goto(f"{server}/publish")
    page.fill("#p-author", "A. Student")
    page.fill("#p-text", "---\ntitle: Russia lends Cuba more\nbyline: A. Student\n"
                         "date: 2019-03-02\n---\n\nRussia agreed to lend Cuba $38 million "
                         "to repair its power plants.\n\nThe Cuban government welcomed the "
                         "loan.\n")
    page.set_input_files("#p-image1", str(image))
    page.fill("#p-caption1", "A power plant near Havana")
    page.fill("#p-credit1", "Ana Ruiz")
    desktop.shot("publish-form")
    page.click("text=Preview the coding")
    page.wait_for_url(re.compile(r".*/drafts/[\w-]+$"))
    assert "Preview." in page.inner_text(".notice")
    assert page.locator("ol.events li").count() >= 1
    assert "$38 million" in page.inner_text("ol.events")
    assert page.locator("figure.caption img").count() == 1
    desktop.shot("publish-preview")
    page.click("button:has-text('Publish')")
    page.wait_for_url(re.compile(r".*/articles/\w+$"))
    assert page.inner_text("h1") == "Russia lends Cuba more"
    assert "published by a. student" in page.inner_text(".kicker").lower()
    desktop.shot("publish-done")
    feed = page.goto(f"{server}/feed.xml")
    assert feed is not None
    assert "<title>Russia lends Cuba more</title>" in feed.text()
    assert desktop.errors == [] and desktop.dialogs == []


def test_no_user_text_runs_as_script(server: str, desktop: Tab) -> None:
    page = desktop.page
    title = "<script>alert(1)</script>"
    page.goto(f"{server}/publish")
    page.fill("#p-author", "<img src=x onerror=alert(2)>")
    page.fill("#p-text", f'---\ntitle: "{title}"\n---\n\nRussia condemned Ukraine '
                         "<img src=x onerror=alert(3)>.\n")
    page.fill("#p-caption1", "<svg onload=alert(4)>")
    page.click("text=Preview the coding")
    page.wait_for_url(re.compile(r".*/drafts/[\w-]+$"))
    page.click("button:has-text('Publish')")
    page.wait_for_url(re.compile(r".*/articles/\w+$"))
    article = page.url
    assert page.inner_text("h1") == title
    # a reader's correction with markup in it
    page.locator("details.fix summary").first.click()
    form = page.locator("form.correct").first
    form.locator("select[name=field]").select_option("wrong")
    assert form.locator(".value-field").is_hidden()
    form.locator("input[name=reason]").fill("<script>alert(5)</script> wrong")
    form.locator("input[name=author]").fill("<b onmouseover=alert(6)>me</b>")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "<script>alert(5)</script> wrong" in page.inner_text(".correction")
    for path in ["/", "/articles", "/corrections", "/search?q=script", "/feed.xml"]:
        page.goto(server + path)
    page.goto(article)
    desktop.shot("escaped")
    assert desktop.dialogs == []
    assert not [e for e in desktop.errors if "alert" in e]
