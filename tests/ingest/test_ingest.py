"""Tests of irinsider.ingest: formats, decoding, batches, ids and the example."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest

from irinsider.errors import InputError
from irinsider.ingest import (
    article_id,
    decode,
    format_for,
    parse_records,
    parse_text,
    read_file,
    read_inputs,
)
from irinsider.model import Article, Block

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cuba-russia.md"

PLAIN = """\
Cuba and Russia Sign a Loan Deal

By Elena Márquez
November 9, 2018

Russia agreed to lend Cuba $50 million to buy Russian military equipment.
The loan covers armoured vehicles, helicopters and small arms.

Caption: Putin and Díaz-Canel at the Kremlin (Credit: Ana Ruiz)

Putin and Díaz-Canel urged Trump not to withdraw from the INF Treaty.
"""

MARKDOWN = """\
---
title: Cuba and Russia
author: By Elena Márquez
date: 2018-11-09
url: https://example.org/cuba
id: story-42
images:
  - src: havana.jpg
    caption: The Havana seafront
    credit: Tomás Vidal
---

# Cuba and Russia

Russia **agreed** to lend Cuba [$50 million](https://example.org/loan) for _military_ equipment.

![Kremlin](kremlin.jpg "Putin and Díaz-Canel at the Kremlin")
*Credit: Ana Ruiz*

## Background

- Russia committed to 60 investment projects.
- The EU dropped its sanctions on Cuba.
"""

HTML = """\
<!doctype html>
<html><head>
<title>Cuba and Russia | Example News</title>
<meta property="og:title" content="Cuba and Russia: Budding Relations">
<meta name="author" content="By Elena Márquez">
<meta property="article:published_time" content="2018-11-09T08:30:00Z">
<link rel="canonical" href="https://example.org/cuba-russia">
<style>p { color: red; }</style>
</head><body>
<nav><p>Home | World | Sport</p></nav>
<header><p>Example News</p></header>
<article>
  <h1>Cuba and Russia</h1>
  <p>Russia agreed to lend Cuba <b>$50 million</b> to buy military equipment.</p>
  <script>document.write("<p>tracking</p>");</script>
  <figure><img src="k.jpg" alt="">
    <figcaption>Putin and Díaz-Canel at the Kremlin.
      <span class="photo-credit">Photo: Ana Ruiz</span></figcaption></figure>
  <figure><figcaption>The Havana seafront. Credit: Tomás Vidal</figcaption></figure>
  <p>Putin and Díaz-Canel urged Trump not to withdraw from the INF Treaty.</p>
  <aside><p>Read more: sport results</p></aside>
  <form><p>Subscribe to our newsletter</p></form>
</article>
<footer><p>Copyright Example News</p></footer>
</body></html>
"""


def only_article(results: list[Article | InputError]) -> Article:
    assert len(results) == 1, results
    assert isinstance(results[0], Article), results[0]
    return results[0]


@pytest.fixture
def warnings_seen() -> list[str]:
    return []


@pytest.fixture
def write(tmp_path: Path):
    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return _write


# --------------------------------------------------------------------------- formats


def test_plain_text_title_byline_date_caption(write) -> None:
    article = only_article(read_file(write("loan.txt", PLAIN)))
    assert article.format == "text"
    assert article.title == "Cuba and Russia Sign a Loan Deal"
    assert article.byline == "Elena Márquez"
    assert article.date == date(2018, 11, 9)
    assert article.body.startswith("Russia agreed to lend Cuba $50 million")
    assert "military equipment. The loan covers" in article.body  # wrapped lines joined
    assert article.captions == (
        Block("Putin and Díaz-Canel at the Kremlin", "caption", "Ana Ruiz"),
    )
    assert article.blocks[-1].text.startswith("Putin and Díaz-Canel urged Trump")


@pytest.mark.parametrize(
    "text",
    [
        "Russia agreed to lend Cuba money.\n\nPutin met Díaz-Canel.\n",  # ends with a period
        "A single short line without a blank line after it\nRussia lent Cuba money.\n",
        "Only one paragraph here\n",
    ],
)
def test_plain_text_without_title(text: str) -> None:
    article = parse_text(text, fmt="text")
    assert article.title is None
    assert article.byline is None


def test_plain_text_by_line_with_date() -> None:
    text = "Budding Relations\nBy Elena Márquez | 9 Nov 2018\n\nRussia lent Cuba money.\n"
    article = parse_text(text, fmt="txt")
    assert (article.title, article.byline, article.date) == (
        "Budding Relations",
        "Elena Márquez",
        date(2018, 11, 9),
    )


def test_markdown_front_matter_and_images(write) -> None:
    article = only_article(read_file(write("cuba.md", MARKDOWN)))
    assert article.format == "markdown"
    assert article.id == "story-42"
    assert article.title == "Cuba and Russia"
    assert article.byline == "Elena Márquez"
    assert article.date == date(2018, 11, 9)
    assert article.url == "https://example.org/cuba"
    assert article.blocks[0] == Block(
        "Russia agreed to lend Cuba $50 million for military equipment."
    )
    assert set(article.captions) == {
        Block("Putin and Díaz-Canel at the Kremlin", "caption", "Ana Ruiz"),
        Block("The Havana seafront", "caption", "Tomás Vidal"),
    }
    body = article.body
    assert "Russia committed to 60 investment projects." in body
    assert "**" not in body and "](" not in body and "#" not in body


def test_markdown_without_front_matter_uses_heading_as_title() -> None:
    text = "# Budding Relations\n\n*By Elena Márquez*\n\nRussia lent Cuba money.\n"
    article = parse_text(text, fmt="md")
    assert article.title == "Budding Relations"
    assert article.byline == "Elena Márquez"
    assert article.body == "Russia lent Cuba money."


def test_markdown_bad_front_matter_is_an_input_error(write) -> None:
    [error] = read_file(write("bad.md", "---\ntitle: [unclosed\n---\nText.\n"))
    assert isinstance(error, InputError)
    assert "front matter is not valid YAML" in error.problem


def test_html_metadata_body_and_figures(write) -> None:
    article = only_article(read_file(write("page.html", HTML)))
    assert article.format == "html"
    assert article.title == "Cuba and Russia: Budding Relations"
    assert article.byline == "Elena Márquez"
    assert article.date == date(2018, 11, 9)
    assert article.url == "https://example.org/cuba-russia"
    assert [b.text for b in article.blocks if b.kind == "body"] == [
        "Russia agreed to lend Cuba $50 million to buy military equipment.",
        "Putin and Díaz-Canel urged Trump not to withdraw from the INF Treaty.",
    ]
    assert article.captions == (
        Block("Putin and Díaz-Canel at the Kremlin.", "caption", "Ana Ruiz"),
        Block("The Havana seafront.", "caption", "Tomás Vidal"),
    )
    for junk in ("Home", "tracking", "sport", "Subscribe", "Copyright", "color"):
        assert junk not in article.body


def test_html_fallbacks_title_and_time() -> None:
    html = (
        "<html><head><title>Page title</title></head><body><main>"
        '<p class="byline">By Elena Márquez</p><time datetime="2018-11-09">Nov 9</time>'
        "<p>Russia lent Cuba money.</p></main></body></html>"
    )
    article = parse_text(html, fmt="html")
    assert article.title == "Page title"
    assert article.byline == "Elena Márquez"
    assert article.date == date(2018, 11, 9)


def test_jsonl_bad_lines_do_not_stop_good_ones(write) -> None:
    lines = [
        json.dumps({"id": 101, "text": "Russia lent Cuba money.", "date": "2018-11-09"}),
        "{not json",
        "",
        json.dumps({"title": "No text here"}),
        json.dumps({"text": "Putin met Díaz-Canel.\n\nThey urged Trump to stay in the treaty."}),
        json.dumps(["a list"]),
    ]
    results = read_file(write("batch.jsonl", "\n".join(lines) + "\n"))
    assert [type(r).__name__ for r in results] == [
        "Article", "InputError", "InputError", "Article", "InputError",
    ]  # fmt: skip
    first, bad_json, no_text, second, not_object = results
    assert first.id == "101" and first.date == date(2018, 11, 9) and first.format == "jsonl"
    assert (bad_json.line, no_text.line, not_object.line) == (2, 4, 6)
    assert bad_json.problem.startswith("line is not valid JSON")
    assert no_text.problem == "record has no 'text'"
    assert str(bad_json).startswith(f"{bad_json.path}:2: ")
    assert len(second.blocks) == 2


def test_jsonl_bad_date_warns_and_uses_default(warnings_seen) -> None:
    text = json.dumps({"text": "Russia lent Cuba money.", "date": "someday"})
    [article] = parse_records(
        text, fmt="jsonl", default_date=date(2020, 1, 1), on_warning=warnings_seen.append
    )
    assert isinstance(article, Article) and article.date == date(2020, 1, 1)
    assert len(warnings_seen) == 1 and "someday" in warnings_seen[0]


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_unicode_with_bom(write, warnings_seen, encoding: str) -> None:
    data = PLAIN.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    article = only_article(read_file(write("bom.txt", data), on_warning=warnings_seen.append))
    assert article.byline == "Elena Márquez"
    assert warnings_seen == []


def test_latin1_is_guessed_with_a_warning(write, warnings_seen) -> None:
    text = "Díaz-Canel visitó Moscú, donde habló con Putin sobre un préstamo.\n" * 3
    path = write("latin.txt", text.encode("latin-1"))
    article = only_article(read_file(path, on_warning=warnings_seen.append))
    assert "Díaz-Canel visitó Moscú" in article.body
    assert len(warnings_seen) == 1
    assert str(path) in warnings_seen[0] and "not UTF-8" in warnings_seen[0]


def test_crlf_line_ends() -> None:
    text, warning = decode(PLAIN.replace("\n", "\r\n").encode(), "x.txt")
    assert "\r" not in text and warning is None


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("binary.txt", b"PK\x03\x04\x00\x00\x08\x00binary\x00data", "binary or undecodable"),
        ("controls.txt", bytes(range(1, 32)) * 10, "binary or undecodable"),
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\t\n", "empty file"),
        ("blank16.txt", "   \n".encode("utf-16"), "empty file"),
        ("nothing.html", b"<html><body><script>x()</script></body></html>", "no article text"),
        ("broken.txt.gz", b"\x1f\x8b\x08not really gzip", "not a valid gzip file"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ],
)
def test_unreadable_files_are_input_errors(write, name: str, content: bytes, problem: str) -> None:
    path = write(name, content)
    [error] = read_file(path)
    assert isinstance(error, InputError)
    assert error.path == str(path)
    assert problem in error.problem


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    [error] = read_file(missing)
    assert isinstance(error, InputError)
    assert (error.path, error.problem) == (str(missing), "no such file")


# --------------------------------------------------------------------------- batches


def test_folder_recursion_gzip_and_errors_in_order(write, tmp_path: Path) -> None:
    write("a/one.txt", PLAIN)
    write("a/b/two.md.gz", gzip.compress(MARKDOWN.encode()))
    write("a/b/c/three.htm", HTML)
    write("a/b/skip.pdf", b"%PDF")
    write("a/.hidden/four.txt", PLAIN)
    write("a/bad.txt", b"\x00\x01\x02")
    results = list(read_inputs([tmp_path / "a", tmp_path / "missing.md"]))
    kinds = [(Path(r.source_path).name if isinstance(r, Article) else r.problem) for r in results]
    assert kinds == [  # a folder's own files first, then its subfolders, sorted by name
        "binary or undecodable content", "one.txt", "two.md.gz", "three.htm", "no such file",
    ]  # fmt: skip
    assert [r.format for r in results if isinstance(r, Article)] == ["text", "markdown", "html"]


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    [error] = read_file(tmp_path / "empty")
    assert isinstance(error, InputError) and "folder has no" in error.problem


def test_same_file_twice_is_read_once(write) -> None:
    path = write("loan.txt", PLAIN)
    assert len(list(read_inputs([path, str(path), path.parent]))) == 1


@pytest.mark.parametrize(
    ("data", "fmt", "count"),
    [
        (PLAIN.encode(), "text", 1),
        (b'{"text": "Russia lent Cuba money."}\n\n{"text": "Putin met Diaz-Canel."}\n', "jsonl", 2),
        (HTML.encode(), "html", 1),
    ],
)
def test_stdin(data: bytes, fmt: str, count: int) -> None:
    results = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert len(results) == count
    assert all(isinstance(r, Article) and r.format == fmt for r in results)
    assert results[0].source_path == "<stdin>"


def test_empty_stdin() -> None:
    [error] = read_inputs(["-"], stdin=io.BytesIO(b"\n"))
    assert isinstance(error, InputError) and error.problem == "empty input"


def test_default_date_only_when_article_has_none() -> None:
    default = date(2019, 1, 1)
    assert parse_text(PLAIN, fmt="text", default_date=default).date == date(2018, 11, 9)
    assert parse_text("Russia lent Cuba money.", fmt="text", default_date=default).date == default


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.TXT", "text"), ("a.markdown", "markdown"), ("a.htm.gz", "html"), ("a.jsonl", "jsonl"),
     ("a.json", None), ("a.gz", None), ("README", None)],
)  # fmt: skip
def test_format_for(name: str, fmt: str | None) -> None:
    assert format_for(name) == fmt


def test_parse_text_errors() -> None:
    with pytest.raises(InputError, match="empty text"):
        parse_text("  \n", fmt="text", source_path="form")
    with pytest.raises(ValueError, match="parse_records"):
        parse_text('{"text": "x"}', fmt="jsonl")
    with pytest.raises(ValueError, match="unknown format"):
        parse_text("x", fmt="docx")


# --------------------------------------------------------------------------- ids, captions


def test_same_content_same_id_whatever_the_file_name(write) -> None:
    one = only_article(read_file(write("one.txt", PLAIN)))
    two = only_article(read_file(write("deep/other-name.txt", PLAIN.replace("\n\n", "\n \n"))))
    assert one.id == two.id
    assert len(one.id) == 16 and int(one.id, 16) >= 0
    changed = parse_text(PLAIN.replace("$50", "$60"), fmt="text")
    assert changed.id != one.id


def test_id_ignores_whitespace_and_unicode_form() -> None:
    composed = [Block("Díaz-Canel  met\nPutin."), Block("Kremlin", "caption")]
    decomposed = [Block("Di\u0301az-Canel met Putin."), Block(" Kremlin ", "caption")]
    assert article_id("Title", composed) == article_id(" Title ", decomposed)


def test_duplicate_caption_kept_once() -> None:
    text = (
        "Russia lent Cuba money.\n\n"
        "Caption: Putin and  Díaz-Canel at the Kremlin\n\n"
        "Putin met Díaz-Canel.\n\n"
        "Caption: Putin and Díaz-Canel at the Kremlin (Credit: Ana Ruiz)\n"
    )
    article = parse_text(text, fmt="text")
    assert article.captions == (
        Block("Putin and Díaz-Canel at the Kremlin", "caption", "Ana Ruiz"),
    )
    assert len(article.blocks) == 3


# --------------------------------------------------------------------------- the example


def test_example_article() -> None:
    article = only_article(read_file(EXAMPLE))
    assert article.title == "Cuba and Russia: Budding Relations"
    assert article.byline
    assert article.date == date(2018, 11, 9)
    assert len(article.captions) == 2
    assert all(c.credit for c in article.captions)
    body = article.body
    assert (
        "Russia agreed to lend Cuba $50 million to buy Russian military equipment, "
        "including armoured vehicles, helicopters and small arms." in body
    )
    assert "Putin and Díaz-Canel urged Trump not to withdraw from the Intermediate-Range" in body
    assert 450 <= len(" ".join(b.text for b in article.blocks).split()) <= 600
    assert "](" not in body and "*" not in body


def test_short_latin1_text_reads_as_windows_1252() -> None:
    text, warning = decode("Café in München, señor.".encode("latin-1"), "a.txt")
    assert text == "Café in München, señor."
    assert warning is not None and "cp1252" in warning


def test_cyrillic_single_byte_text_is_left_to_the_guesser() -> None:
    data = "Россия осудила Украину в понедельник вечером.".encode("cp1251")
    text, warning = decode(data, "ru.txt")
    assert "Россия" in text and warning is not None


def test_folder_skips_readme_and_licence_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About this folder\n\nNotes.\n", encoding="utf-8")
    (tmp_path / "LICENSE.txt").write_text("Some licence.\n", encoding="utf-8")
    (tmp_path / "news.txt").write_text("Russia condemned Ukraine.\n", encoding="utf-8")
    items = read_file(tmp_path)
    assert [Path(a.source_path).name for a in items if isinstance(a, Article)] == ["news.txt"]


def test_jsonl_text_may_hold_a_raw_line_separator() -> None:
    record = json.dumps({"id": "a", "text": "Russia\u2028condemned Ukraine."}, ensure_ascii=False)
    (article,) = parse_records(record + "\n", fmt="jsonl", source_path="x.jsonl")
    assert isinstance(article, Article) and article.id == "a"
