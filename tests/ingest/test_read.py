"""Tests of `irinsider read` and of irinsider.ingest.render."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from irinsider.cli import main
from irinsider.ingest import parse_records, read_file
from irinsider.ingest.render import article_markdown, article_record
from irinsider.model import Article, Block

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "cuba-russia.md"
FIGURES = ROOT / "bench" / "pages" / "figures.html"


def example() -> Article:
    [article] = read_file(EXAMPLE)
    assert isinstance(article, Article)
    return article


def test_markdown_has_front_matter_body_and_marked_captions() -> None:
    text = article_markdown(example())
    head, body = text.split("\n---\n\n", 1)
    assert head.splitlines() == [
        "---",
        "title: 'Cuba and Russia: Budding Relations'",
        "byline: Elena Márquez",
        "date: 2018-11-09",
        "url: https://example.org/news/cuba-and-russia-budding-relations",
        f"source: {EXAMPLE}",
    ]
    assert body.startswith("Cuba's new president, Miguel Díaz-Canel, made his first")
    assert ("\n\n*Caption: Cuban President Miguel Díaz-Canel and Russian President Vladimir "
            "Putin hold talks at the Kremlin in Moscow. (Credit: Ana Ruiz for the example "
            "desk)*\n\n") in body
    assert text.endswith(".\n\n")


def test_markdown_reads_back_as_the_same_article() -> None:
    for article in (example(), *read_file(FIGURES)):
        assert isinstance(article, Article)
        [again] = parse_records(article_markdown(article), fmt="markdown",
                                source_path=article.source_path)
        assert isinstance(again, Article)
        assert (again.title, again.byline, again.date, again.url, again.blocks) == (
            article.title, article.byline, article.date, article.url, article.blocks)


def test_paragraphs_that_look_like_markup_are_escaped() -> None:
    blocks = (Block("# not a heading"), Block("1. not a list"), Block("- nor this"),
              Block("2) nor this"), Block("> nor a quote"), Block("Plain."))
    article = Article("a", "T", None, None, None, blocks)
    [again] = parse_records(article_markdown(article), fmt="markdown")
    assert isinstance(again, Article) and again.blocks == blocks


def test_record_holds_what_ingest_stores() -> None:
    record = article_record(example())
    assert list(record) == ["id", "source", "title", "byline", "date", "url", "text",
                            "captions"]
    assert (record["source"], record["date"]) == (str(EXAMPLE), "2018-11-09")
    assert record["text"].count("\n\n") == 9  # ten paragraphs
    assert record["captions"][1] == {
        "text": "Waves break against the Malecón, the seafront of Havana.",
        "credit": "Tomás Vidal for the example desk"}


def test_read_prints_markdown_by_default_and_codes_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["read", str(EXAMPLE), str(FIGURES)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines().count("---") == 4  # two front matters
    assert result.stdout.count("*Caption: ") == 4
    assert result.stderr == ""


def test_read_jsonl_gives_one_record_an_article_and_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><body></body></html>")
    (tmp_path / "two.jsonl").write_text('{"id": "a", "text": "One.", "date": "2018-11-09"}\n'
                                        '{"id": "b", "text": "Two."}\n')
    result = CliRunner().invoke(main, ["read", "--format", "jsonl", "--date", "2020-01-02",
                                       str(tmp_path / "two.jsonl"), str(tmp_path / "empty.html")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["text"], r["date"], r["captions"]) for r in records] == [
        ("a", "One.", "2018-11-09", []), ("b", "Two.", "2020-01-02", [])]
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'empty.html'}: no article text found",
        "read 2, skipped 1 input(s) or record(s): 1 no article text found"]


def test_read_of_nothing_readable_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["read", str(tmp_path / "missing.md")])
    assert result.exit_code == 1 and result.stdout == ""


def test_read_from_stdin() -> None:
    result = CliRunner().invoke(main, ["read", "-"], input="Title\n\nRussia lent Cuba money.\n")
    assert result.exit_code == 0
    assert result.stdout.startswith("---\ntitle: Title\n")
