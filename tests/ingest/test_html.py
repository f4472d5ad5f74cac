"""Tests of the HTML reader (irinsider.ingest.html and .markup) and of its benchmark."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from types import ModuleType

import pytest

from irinsider.ingest import parse_html, parse_text
from irinsider.ingest.formats import ParseProblem
from irinsider.ingest.html import FULL_ELEMENTS, MAX_ELEMENTS
from irinsider.ingest.markup import MAX_DEPTH, MAX_PAGE_CHARS, parse_page
from irinsider.model import Block

ROOT = Path(__file__).resolve().parents[2]
PARAGRAPH = ("Russia agreed to lend Cuba fifty million dollars to buy military equipment, "
             "officials in Moscow and Havana said on Friday after two days of talks.")


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction", ROOT / "bench" / "extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_captions_stand_where_their_figures_stood() -> None:
    draft = parse_html(page(
        f"<article><h1>Loan</h1><p>{PARAGRAPH}</p>"
        "<figure><img src='a.jpg'><figcaption>Putin and Díaz-Canel.<br>At the Kremlin. "
        "<span class='credit'>Photo: Ana Ruiz</span></figcaption></figure>"
        f"<p>{PARAGRAPH} Second.</p></article>"))
    assert [(b.kind, b.text, b.credit) for b in draft.blocks] == [
        ("body", PARAGRAPH, None),
        ("caption", "Putin and Díaz-Canel. At the Kremlin.", "Ana Ruiz"),
        ("body", f"{PARAGRAPH} Second.", None),
    ]


def test_figures_outside_the_article_give_no_caption() -> None:
    cards = "".join(f"<figure><img src='{n}.jpg'><figcaption><a href='/{n}'>Other story {n}"
                    "</a></figcaption></figure>" for n in range(3))
    draft = parse_html(page(
        f"<article><p>{PARAGRAPH}</p><figure><figcaption>The Kremlin. Credit: Ana Ruiz"
        f"</figcaption></figure><p>{PARAGRAPH}</p></article>"
        f"<aside class='related'><h2>More stories</h2>{cards}</aside>"))
    assert [b for b in draft.blocks if b.kind == "caption"] == [
        Block("The Kremlin.", "caption", "Ana Ruiz")]


def test_wordpress_captions_are_captions() -> None:
    draft = parse_html(page(
        f"<div class='entry-content'><p>{PARAGRAPH}</p><div class='wp-caption aligncenter'>"
        "<img src='a.jpg'><p class='wp-caption-text'>Boats at Kratie. Photo: the author</p>"
        f"</div><p>{PARAGRAPH}</p></div>"))
    assert [b for b in draft.blocks if b.kind == "caption"] == [
        Block("Boats at Kratie.", "caption", "the author")]
    assert sum(b.kind == "body" for b in draft.blocks) == 2


def test_metadata_headline_byline_and_comments() -> None:
    head = ("<title>Loan agreed | Example News</title>"
            "<meta property='og:title' content='Russia lends Cuba $50 million'>"
            "<meta name='author' content='By Elena Márquez'>"
            "<meta property='article:published_time' content='2018-11-09T08:30:00Z'>"
            "<link rel='canonical' href='https://example.org/loan'>")
    body = (f"<article><h1>Russia lends Cuba $50 million</h1><p class='byline'>By Elena "
            f"Márquez</p><p>{PARAGRAPH}</p><h2>Background</h2><p>{PARAGRAPH} Again.</p>"
            "</article><section id='comments' class='comments'><h3>Comments</h3>"
            "<div class='comment'><p>This is a reader's comment and no part of the news.</p>"
            "</div></section>")
    article = parse_text(page(body, head), fmt="html")
    assert (article.title, article.byline, str(article.date), article.url) == (
        "Russia lends Cuba $50 million", "Elena Márquez", "2018-11-09",
        "https://example.org/loan")
    assert [b.text[:10] for b in article.blocks] == ["Russia agr", "Background", "Russia agr"]


def test_the_fetched_address_is_the_url_when_the_page_names_none() -> None:
    assert parse_html(page(f"<p>{PARAGRAPH}</p>"), url="http://x.org/a").url == "http://x.org/a"


def test_markers_written_in_the_page_are_text() -> None:
    draft = parse_html(page(f"<p>{PARAGRAPH} \ue0007\ue001 end.</p>"))
    assert [b.kind for b in draft.blocks] == ["body"]


def test_a_page_over_the_size_cap_is_refused() -> None:
    with pytest.raises(ParseProblem, match="over the 5,000,000 irinsider reads"):
        parse_page("<p>" + "x" * MAX_PAGE_CHARS)


@pytest.mark.parametrize("pieces", [1, 200, 3000])
def test_trees_are_no_deeper_than_the_cap(pieces: int) -> None:
    tree = parse_page("<div>" * pieces + "<p>Russia condemned Ukraine.</p>")
    depth = max(len(list(e.iterancestors())) + 1 for e in tree.iter())
    assert depth <= MAX_DEPTH
    assert "Russia condemned Ukraine." in tree.text_content()


def test_an_unclosed_title_does_not_swallow_the_page() -> None:
    # libxml2 reads everything after an unclosed <title> as the title, as HTML5 says
    draft = parse_html(f"<html><head><title>Unclosed<body><p>{PARAGRAPH}</p>")
    assert draft.title == "Unclosed"
    assert [b.text for b in draft.blocks] == [PARAGRAPH]


def test_scripts_templates_and_frames_give_no_text() -> None:
    draft = parse_html(page(
        f"<p>{PARAGRAPH}</p><template><p>India attacked Pakistan.</p></template>"
        "<noscript><p>Turkey condemned Greece.</p></noscript><script>x('<p>No.</p>')</script>"))
    assert [b.text for b in draft.blocks] == [PARAGRAPH]


@pytest.mark.parametrize("count", [FULL_ELEMENTS + 500, MAX_ELEMENTS + 500])
def test_large_pages_are_read_in_bounded_time(count: int) -> None:
    # trafilatura's second opinions are quadratic in runs of short paragraphs
    body = "<div><ul>" + "<li>x</li>" * count + f"</ul><p>{PARAGRAPH}</p></div>"
    started = time.perf_counter()
    draft = parse_html(page(body))
    assert time.perf_counter() - started < 30
    assert PARAGRAPH in [b.text for b in draft.blocks]


def test_extraction_is_at_least_as_good_as_trafilatura_alone() -> None:
    bench = _bench()
    ours, alone = [], []
    for html_file in sorted((ROOT / "bench" / "pages").glob("*.html")):
        html = html_file.read_text(encoding="utf-8")
        expected = html_file.with_suffix(".txt").read_text(encoding="utf-8")
        body, _ = bench.ours(html)
        ours.append(bench.score(body, expected)[2])
        alone.append(bench.score(bench.alone(html), expected)[2])
    assert len(ours) >= 8
    assert sum(ours) / len(ours) >= sum(alone) / len(alone)


def test_captions_are_found_on_the_bundled_example_page() -> None:
    bench = _bench()
    pages = ROOT / "bench" / "pages"
    _, captions = bench.ours((pages / "figures.html").read_text(encoding="utf-8"))
    assert captions == (pages / "figures.captions.txt").read_text(encoding="utf-8").splitlines()
