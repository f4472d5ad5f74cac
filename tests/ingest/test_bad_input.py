"""Bad input, through the library and the command line.

Every file of tests/data/bad/ (written by tools/make_bad_corpus.py) and the large
inputs the generator writes at test time must give articles or one-line errors that
name the file (and line), never a traceback; good records among bad ones are still
read. The tests after the corpus pin the crashes and slow paths found by
fuzz/fuzz_ingest.py and by this corpus, each on the input that exposed it.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner, Result

from irinsider.cli import main
from irinsider.errors import InputError
from irinsider.ingest import (
    MAX_ARTICLE_CHARS,
    normalise_whitespace,
    parse_date,
    parse_html,
    parse_markdown,
    parse_records,
    read_inputs,
)
from irinsider.model import Article, Block, CodedArticle
from irinsider.pipeline import MAX_SENTENCE_TOKENS, Pipeline

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "bad"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_bad_corpus",
                                                  ROOT / "tools" / "make_bad_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()
SMALL: dict[str, bytes] = GEN.small_files()
NAMES = sorted(SMALL)
READABLE = [n for n in NAMES if GEN.EXPECT[n] == "ok"]
UNREADABLE = [n for n in NAMES if GEN.EXPECT[n] == "error"]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The inputs too large to commit, written once for the module."""
    folder = tmp_path_factory.mktemp("large")
    GEN.write(folder, GEN.large_files())
    return folder


def check_items(items: list[Article | InputError], path: Path) -> None:
    """Articles with text, and errors on one line that start with the file's name."""
    assert items, f"nothing at all for {path}"
    for item in items:
        if isinstance(item, InputError):
            message = str(item)
            assert "\n" not in message and "\r" not in message
            assert message.startswith(f"{path}:"), message
            assert item.path == str(path) and item.problem
        else:
            assert isinstance(item, Article)
            assert item.source_path == str(path)
            assert item.blocks and all(b.text == normalise_whitespace(b.text) and b.text
                                       for b in item.blocks)


def check_stderr(result: Result, paths: list[Path]) -> None:
    """Each line on stderr is an error or warning naming one of `paths`, or the summary."""
    names = tuple(str(p) for p in paths)
    for line in result.stderr.splitlines():
        assert line.startswith(("error: ", "warning: ", "read ")), line
        if not line.startswith("read "):
            assert line.split(": ", 1)[1].startswith(names), line
    assert "Traceback" not in result.output


def check_spans(coded: CodedArticle) -> None:
    """Every span of every event and actor lies inside its sentence and matches its text."""
    for event in coded.events:
        sentence = coded.sentences[event.sentence].text
        spans = [event.source_span, event.trigger_span] + [event.target_span or (0, 0)]
        for start, end in spans:
            assert 0 <= start <= end <= len(sentence), (event, sentence)
        assert sentence[slice(*event.trigger_span)] == event.trigger
        for quantity in event.quantities:
            assert sentence[quantity.start:quantity.end] == quantity.text
    for sentence, mentions in zip(coded.sentences, coded.actors, strict=True):
        for mention in mentions:
            assert sentence.text[mention.start:mention.end] == mention.text


# --------------------------------------------------------------------------- the corpus

def test_generator_reproduces_the_committed_corpus(tmp_path: Path) -> None:
    GEN.write(tmp_path, SMALL)
    assert sorted(p.name for p in CORPUS.iterdir() if not p.name.startswith(".")) == NAMES
    for name in NAMES:
        assert (CORPUS / name).read_bytes() == (tmp_path / name).read_bytes(), name
        assert len(SMALL[name]) < 64 * 1024, f"{name} is too large to commit"


@pytest.mark.parametrize("name", NAMES)
def test_library_reads_or_refuses_each_file_on_one_line(name: str) -> None:
    path = CORPUS / name
    warnings: list[str] = []
    items = list(read_inputs([path], on_warning=warnings.append))
    check_items(items, path)
    articles = [i for i in items if isinstance(i, Article)]
    if GEN.EXPECT[name] == "ok":
        assert articles, items
    else:
        assert not articles and len(items) == 1, items
    for warning in warnings:
        assert "\n" not in warning and warning.startswith(f"{path}:")


@pytest.mark.parametrize("name", NAMES)
def test_code_prints_events_or_one_line_errors_for_each_file(name: str) -> None:
    path = CORPUS / name
    result = CliRunner().invoke(main, ["code", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == (0 if GEN.EXPECT[name] == "ok" else 1), result.output
    check_stderr(result, [path])
    for line in result.stdout.splitlines():
        assert json.loads(line)["doc_id"]


def test_good_records_among_broken_ones_are_all_read() -> None:
    path = CORPUS / "mixed.jsonl"
    warnings: list[str] = []
    items = list(read_inputs([path], on_warning=warnings.append))
    ids = [i.id for i in items if isinstance(i, Article)]
    assert ids == ["good-1", "bad-date", "object-title", "nul", "surrogate"]
    lines = {i.line: i.problem for i in items if isinstance(i, InputError)}
    assert sorted(lines) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 15]
    assert "nested too deeply" in lines[9] and "4300 digits" in lines[10]
    assert warnings == [f"{path}:11: date '2018-02-30' is not a date (use YYYY-MM-DD)"]


def test_html_scripts_styles_and_frames_give_no_text() -> None:
    [article] = read_inputs([CORPUS / "scripts.html"])
    assert isinstance(article, Article)
    assert [b.text for b in article.blocks] == [GEN.GOOD, GEN.GOOD_2]


def test_ingest_stores_what_can_be_read_and_reingesting_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    first = CliRunner().invoke(main, ["ingest", str(CORPUS), "--db", str(db)])
    assert first.exit_code == 0, first.output
    check_stderr(first, [CORPUS])
    found = re.search(r"ingested (\d+) article\(s\) with \d+ event\(s\); (\d+) unchanged",
                      first.stdout)
    assert found, first.stdout
    articles = [i for i in read_inputs([CORPUS]) if isinstance(i, Article)]
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT id FROM articles")}
    assert stored == {a.id for a in articles}
    assert int(found[1]) + int(found[2]) == len(articles)
    skipped = [line for line in first.stderr.splitlines() if line.startswith("error: ")]
    assert len(skipped) == sum(isinstance(i, InputError) for i in read_inputs([CORPUS]))

    again = CliRunner().invoke(main, ["ingest", str(CORPUS), "--db", str(db)])
    assert again.exit_code == 0
    assert again.stdout.startswith(f"ingested 0 article(s) with 0 event(s); {len(articles)} ")


def test_nothing_readable_exits_1_with_one_error_a_file() -> None:
    paths = [CORPUS / name for name in UNREADABLE]
    result = CliRunner().invoke(main, ["code", *map(str, paths)])
    assert result.exit_code == 1
    check_stderr(result, paths)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(paths)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "irinsider", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=600, cwd=ROOT)


def test_the_real_command_never_prints_a_traceback(large: Path) -> None:
    done = _run("code", str(CORPUS), str(large / "ten-megabytes.txt"))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for line in done.stderr.splitlines():
        assert line.startswith(("error: ", "warning: ", "read ")), line
    assert f"error: {large / 'ten-megabytes.txt'}: article text is" in done.stderr
    assert {json.loads(line)["doc_id"] for line in done.stdout.splitlines()} >= {"good-1"}

    nothing = _run("code", *(str(CORPUS / name) for name in UNREADABLE))
    assert nothing.returncode == 1 and "Traceback" not in nothing.stderr
    assert nothing.stdout == ""


# --------------------------------------------------------------------------- large inputs

def test_ten_megabyte_line_is_refused_on_one_line(large: Path) -> None:
    path = large / "ten-megabytes.txt"
    [error] = read_inputs([path])
    assert isinstance(error, InputError)
    assert f"over the {MAX_ARTICLE_CHARS:,} irinsider codes at once" in str(error)
    result = CliRunner().invoke(main, ["code", str(path)])
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 2  # the error and the summary
    check_stderr(result, [path])


def test_ten_megabyte_record_is_refused_and_the_next_one_stored(large: Path,
                                                                tmp_path: Path) -> None:
    path = large / "ten-megabytes.jsonl"
    db = tmp_path / "large.db"
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"error: {path}:1: article text is 10,")
    with sqlite3.connect(db) as conn:
        assert [row[0] for row in conn.execute("SELECT id FROM articles")] == ["after"]


def test_sentence_of_5000_tokens_is_kept_but_not_coded(large: Path, pipeline: Pipeline) -> None:
    [article] = read_inputs([large / "long-sentence.txt"])
    assert isinstance(article, Article)
    both = Article("long", None, None, date(2018, 11, 9), None,
                   (article.blocks[0], Block("Iran attacked Iraq on Wednesday.")))
    coded = next(pipeline.code([both]))
    long_ones = [s.index for s in coded.sentences if len(s.text.split()) > MAX_SENTENCE_TOKENS]
    assert long_ones, [len(s.text.split()) for s in coded.sentences]
    assert all(not coded.actors[i] for i in long_ones)
    assert {e.sentence for e in coded.events} == {len(coded.sentences) - 1}
    assert [(e.source, e.target) for e in coded.events] == [("IRN", "IRQ")]


# --------------------------------------------------------------------------- hard to code

@pytest.mark.parametrize("name", ["no-verbs.txt", "punctuation-only.txt", "long-word.txt"])
def test_text_without_anything_to_code_gives_no_events(name: str, pipeline: Pipeline) -> None:
    [article] = read_inputs([CORPUS / name])
    assert isinstance(article, Article)
    coded = next(pipeline.code([article]))
    assert coded.sentences and coded.events == ()


@pytest.mark.parametrize("name", ["all-caps.txt", "non-english.txt", "emoji-rtl.txt",
                                  "crlf-and-cr.txt", "invalid-utf8.txt", "utf16-le-bom.txt"])
def test_odd_text_is_coded_without_error_and_spans_hold(name: str, pipeline: Pipeline) -> None:
    [article] = read_inputs([CORPUS / name])
    assert isinstance(article, Article)
    coded = next(pipeline.code([article]))
    assert coded.sentences
    check_spans(coded)
    assert {e.root for e in coded.events} <= {"11", "19"}  # condemned / attacked, if anything


def test_emoji_and_marks_around_names_do_not_hide_them(pipeline: Pipeline) -> None:
    [article] = read_inputs([CORPUS / "emoji-rtl.txt"])
    assert isinstance(article, Article)
    coded = next(pipeline.code([article]))
    assert ("RUS", "UKR") in {(e.source, e.target) for e in coded.events}


# --------------------------------------------------------------------------- regressions

def test_front_matter_with_an_impossible_date_is_an_input_error() -> None:
    # yaml raised ValueError ("day is out of range for month") through read_inputs
    [error] = parse_records("---\ndate: 2018-02-30\n---\nText.\n", fmt="markdown",
                            source_path="a.md")
    assert str(error) == "a.md: front matter has a bad value: day is out of range for month"


def test_front_matter_nested_too_deeply_is_an_input_error() -> None:
    # yaml raised RecursionError
    text = "---\ntitle: " + "[" * 3000 + "]" * 3000 + "\n---\nText.\n"
    [error] = parse_records(text, fmt="markdown", source_path="a.md")
    assert str(error) == "a.md: front matter is nested too deeply"


def test_front_matter_number_of_5000_digits_is_an_input_error() -> None:
    # int() of more than 4,300 digits raised ValueError
    [error] = parse_records("---\nid: " + "9" * 5000 + "\n---\nText.\n", fmt="markdown",
                            source_path="a.md")
    assert isinstance(error, InputError) and "4300 digits" in error.problem
    assert "set_int_max_str_digits" not in str(error)


def test_jsonl_line_nested_too_deeply_is_reported_with_its_line() -> None:
    # json.loads raised RecursionError
    text = '{"text": "Russia condemned Ukraine."}\n{"x": ' + "[" * 100_000 + "\n"
    first, error = parse_records(text, fmt="jsonl", source_path="a.jsonl")
    assert isinstance(first, Article)
    assert str(error) == "a.jsonl:2: line is nested too deeply to read"


def test_jsonl_number_of_5000_digits_is_reported_with_its_line() -> None:
    # json.loads raised ValueError (not JSONDecodeError)
    [error] = parse_records('{"text": "x", "n": ' + "7" * 5000 + "}\n", fmt="jsonl",
                            source_path="a.jsonl")
    assert isinstance(error, InputError) and error.line == 1
    assert error.problem.startswith("line cannot be read: Exceeds the limit (4300 digits)")


def test_lone_surrogate_in_a_record_is_replaced_and_can_be_stored(tmp_path: Path) -> None:
    # "\ud800" in JSON made a str that UTF-8 cannot encode: article_id() raised
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s", "title": "A \\udc00", "text": "Russia \\ud800condemned '
                    'Ukraine."}\n', encoding="utf-8")
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.blocks[0].text == "Russia \ufffdcondemned Ukraine."
    assert article.title == "A \ufffd"
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output


def test_lone_surrogate_in_pasted_html_is_replaced() -> None:
    # found by fuzz/fuzz_ingest.py: BeautifulSoup raised UnicodeEncodeError on "\ud800"
    [article] = parse_records("<p>Russia \ud800 condemned Ukraine.</p>", fmt="html")
    assert isinstance(article, Article)
    assert article.blocks[0].text == "Russia \ufffd condemned Ukraine."


def test_repeated_byte_order_marks_are_all_dropped(tmp_path: Path) -> None:
    # found by fuzz/fuzz_ingest.py: only the first two of "\ufeff\ufeff\ufeff" went
    path = tmp_path / "boms.txt"
    path.write_bytes(b"\xef\xbb\xbf" * 3 + "Russia condemned\ufeff Ukraine.".encode())
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.blocks[0].text == "Russia condemned Ukraine."


def test_control_characters_in_a_record_become_spaces() -> None:
    # "\u0000" in JSON reached the coder, the database and the feeds
    [article] = parse_records('{"text": "Russia\\u0000condemned\\u001b Ukraine\\u0085."}',
                              fmt="jsonl")
    assert isinstance(article, Article)
    assert article.blocks[0].text == "Russia condemned Ukraine ."


def test_truncated_jsonl_gzip_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    # the whole file was refused, while batch mode kept the records before the cut
    lines = "".join(json.dumps({"id": f"r{i:03d}", "text": f"Report {i} of {i * 7919}."})
                    + "\n" for i in range(200))
    data = gzip.compress(lines.encode(), mtime=0)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(read_inputs([path]))
    articles = [i for i in items if isinstance(i, Article)]
    *_, last = items
    assert 0 < len(articles) < 200
    assert [a.id for a in articles] == [f"r{i:03d}" for i in range(len(articles))]
    assert str(last) == (f"{path}:{len(articles) + 1}: gzip data is cut short (truncated or "
                         "corrupt); the lines before were read")


@pytest.mark.parametrize("text", ["<p>one<p>two <b>2</b><p>three",
                                  "<body><p>one</p><p>two <b>2</b><p>three</body>",
                                  "<article><p>one<p>two<br>2<figure><figcaption>Cap</figcaption>"
                                  "</figure><p>three</article>"])
def test_unclosed_paragraphs_give_each_text_once(text: str) -> None:
    # html.parser nests "<p>one<p>two": each <p> repeated all the text after it
    blocks = [b.text for b in parse_html(text).blocks if b.kind == "body"]
    assert blocks == ["one", "two 2", "three"]


def test_many_unclosed_paragraphs_give_linear_text() -> None:
    # 20,000 unclosed <p> made 200 million characters of repeated text
    draft = parse_html("<p>Russia condemned Ukraine." * 20_000)
    assert len(draft.blocks) == 20_000
    assert {b.text for b in draft.blocks} == {"Russia condemned Ukraine."}


@pytest.mark.parametrize("text", ["<![ x<p>Russia condemned Ukraine.</p>",
                                  "<!DOCTYPE html [ <!x <p>Russia condemned Ukraine.</p>"])
def test_declarations_html_parser_rejects_are_read_as_text(text: str) -> None:
    # html.parser raised AssertionError, which BeautifulSoup turned into ParserRejectedMarkup
    assert [b.text for b in parse_html(text).blocks] == ["Russia condemned Ukraine."]


@pytest.mark.parametrize("fragment", ["<a ", "<a b=c ", "<p\n", "<!--", "<![ "])
def test_runs_of_unfinished_tags_are_text(fragment: str) -> None:
    # html.parser rescanned a run of unfinished tags once for each (quadratic time)
    draft = parse_html("<p>Russia condemned Ukraine.</p>" + fragment * 50_000)
    assert draft.blocks[0].text == "Russia condemned Ukraine."


def test_a_tag_left_open_at_the_end_is_ignored() -> None:
    # found by fuzz/fuzz_ingest.py: html.parser before Python 3.11.13 rescanned the rest
    # of the page for each "<" after a quote left open (quadratic time: minutes)
    page = "<p>Russia condemned Ukraine.</p>" + '<meta name="date" content="<p>x' * 20_000
    assert [b.text for b in parse_html(page).blocks] == ["Russia condemned Ukraine."]
    assert [b.text for b in parse_html('<p>One</p><p>Two <a href="x>three').blocks] == [
        "One", "Two"]


@pytest.mark.parametrize("fragment", ["<div>", "<figcaption>", " | </p>~~~<figcaption>",
                                      "<article><p>x", "<form><p>x", "<figure><p>x"])
def test_deeply_nested_html_is_read(fragment: str) -> None:
    # each element cost time in proportion to the depth of the tree (quadratic time)
    draft = parse_html(fragment * 30_000 + "<p>Russia condemned Ukraine.</p>")
    assert draft.blocks or fragment == "<figure><p>x"


def test_canonical_url_with_line_breaks_is_one_line() -> None:
    # found by fuzz/fuzz_ingest.py: the <link rel=canonical> href kept its line breaks;
    # browsers drop them, and the spaces around the address
    draft = parse_html('<link rel="canonical" href=" https://x.org/a\n\tb "><p>Text.</p>')
    assert draft.url == "https://x.org/ab"


def test_an_author_element_around_the_whole_page_is_not_the_byline() -> None:
    page = "<div class='author'>" * 5_000 + "<p>" + "Russia condemned Ukraine. " * 10
    assert parse_html(page).byline is None
    assert parse_html("<p class='byline'>By Ana Ruiz</p><p>Text.</p>").byline == "Ana Ruiz"


@pytest.mark.parametrize("fragment", ["*a ", "**a ", "_a ", "__a ", "![a](b \"", "![", "[[",
                                      "<!--", "<a ", "~~a ", "[a](<"])
def test_runs_of_unclosed_markdown_marks_are_read(fragment: str) -> None:
    # each mark's pattern scanned to the end of the line (quadratic time: minutes)
    draft = parse_markdown("Russia condemned Ukraine.\n\n" + fragment * 50_000)
    assert draft.blocks[0].text == "Russia condemned Ukraine."
    assert len(draft.blocks) == 2


def test_runs_of_credit_marks_are_read() -> None:
    # "(Credit: " runs and "* _ * _" tails made the credit patterns quadratic
    captions = parse_records("Text.\n\nCaption: " + "(Credit: a " * 50_000, fmt="text")
    assert isinstance(captions[0], Article) and len(captions[0].blocks) == 2
    credit = parse_markdown("![a](b.jpg)\nCredit: Ana" + " _" * 50_000 + "\n\nText.")
    assert credit.blocks[0].credit == "Ana"


@pytest.mark.parametrize(("text", "plain"), [
    ("**bold** and *it* and _u_ and __b__ and ~~gone~~", "bold and it and u and b and gone"),
    ("a **b *c* d** e", "a b c d e"),
    ("[link](http://x/(y)) and ![alt](i.jpg) and [ref][1] <http://x>",
     "link and and ref http://x"),
    ("a <span class='x'>tag</span> and a < b", "a tag and a < b"),
    ("x <!-- hidden --> y <!-- open", "x y <!-- open"),
])
def test_markdown_marks_are_still_stripped(text: str, plain: str) -> None:
    blocks = parse_markdown(f"Intro.\n\n{text}\n").blocks[1:]
    assert " ".join(b.text for b in blocks if b.kind == "body") == plain


def test_markdown_image_titles_in_either_quote_are_captions() -> None:
    draft = parse_markdown("![a](x.jpg \"Double\")\n\n![b](y.jpg 'Single')\n\n![c](z.jpg)\n\n"
                           "Body text.")
    assert [b.text for b in draft.blocks if b.kind == "caption"] == ["Double", "Single", "c"]


def test_a_page_of_text_is_no_date() -> None:
    # dateutil read any "date" field, however long; a 10 MB one took minutes
    assert parse_date("2018 " * 100) is None
    assert parse_date("November 9, 2018") == date(2018, 11, 9)
    warned: list[str] = []
    [article] = parse_records(json.dumps({"text": "x", "date": "2018 " * 100_000}), fmt="jsonl",
                              on_warning=warned.append)
    assert isinstance(article, Article) and article.date is None
    assert len(warned) == 1 and len(warned[0]) < 120
