"""PETRARCH's XML records as an input format (.xml, or sniffed on standard input)."""

from __future__ import annotations

import gzip
import io
from datetime import date
from pathlib import Path

from irinsider.errors import InputError
from irinsider.ingest import parse_records, read_file, read_inputs
from irinsider.model import Article

RECORDS = """\
<?xml version="1.0" encoding="UTF-8"?>
<Sentences>
<!-- records of our own, in PETRARCH's layout -->
<Sentence date="20190325" id="GON0325-01_1" sentence="True" source="MINAS">
<Text>
Gondor sent humanitarian aid
to Rohan on Monday.
</Text>
<Parse>(ROOT (S (NP (NNP Gondor)) (VP (VBD sent) ...)))</Parse>
</Sentence>
<Sentence date="20190326" id="GON0325-01_2" sentence="True" source="MINAS">
<Text>Rohan thanked Gondor &amp; its steward.</Text>
</Sentence>
<Sentence date="2019-03-27" id="GON0327-02" sentence="False" source="MINAS">
<Text>Arnor condemned Mordor.

Mordor threatened Arnor.</Text>
</Sentence>
<Sentence date="3019" id="bad-date" sentence="True"><Text>Rohan rode.</Text></Sentence>
<Sentence id="empty" sentence="True"><Text>  </Text></Sentence>
</Sentences>
"""


def articles(items: list[Article | InputError]) -> list[Article]:
    return [a for a in items if isinstance(a, Article)]


def test_each_record_is_an_article(tmp_path: Path) -> None:
    path = tmp_path / "news.xml"
    path.write_text(RECORDS, encoding="utf-8")
    warnings: list[str] = []
    items = list(read_inputs([path], on_warning=warnings.append))
    got = articles(items)
    assert [(a.id, a.date, [b.text for b in a.blocks]) for a in got] == [
        ("GON0325-01_1", date(2019, 3, 25), ["Gondor sent humanitarian aid to Rohan on Monday."]),
        ("GON0325-01_2", date(2019, 3, 26), ["Rohan thanked Gondor & its steward."]),
        ("GON0327-02", date(2019, 3, 27), ["Arnor condemned Mordor.", "Mordor threatened Arnor."]),
        ("bad-date", None, ["Rohan rode."]),
    ]
    assert all(a.format == "xml" for a in got)
    (error,) = [e for e in items if isinstance(e, InputError)]
    assert str(error) == f"{path}:20: record has no <Text>"
    assert warnings == [f"{path}:19: date '3019' is not a date (use YYYYMMDD)"]


def test_bad_xml_is_one_line_after_the_records_before_it(tmp_path: Path) -> None:
    text = RECORDS.replace("<Sentence date=\"20190326\"", "<Sentence date=\"20190326\" <")
    items = parse_records(text, fmt="xml", source_path="bad.xml")
    assert [a.id for a in articles(items)] == ["GON0325-01_1"]
    (error,) = [e for e in items if isinstance(e, InputError)]
    assert str(error).startswith("bad.xml:11: not well-formed XML: ")
    assert "\n" not in str(error)


def test_other_xml_and_doctypes_are_refused(tmp_path: Path) -> None:
    (error,) = parse_records("<rss><channel/></rss>", fmt="xml", source_path="feed.xml")
    assert str(error) == ("feed.xml:1: not PETRARCH's XML records: the root element is <rss> "
                          "(want <Sentences> holding <Sentence> records)")
    laughs = ('<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaa">]>'
              "<Sentences><Sentence><Text>&a;</Text></Sentence></Sentences>")
    (error,) = parse_records(laughs, fmt="xml", source_path="x.xml")
    assert "document type declaration is not read" in str(error)
    (error,) = parse_records("<Sentences></Sentences>", fmt="xml", source_path="e.xml")
    assert str(error) == "e.xml:1: no <Sentence> records found"


def test_folders_skip_xml_that_is_not_petrarchs(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text("<rss><channel/></rss>", encoding="utf-8")
    (tmp_path / "news.xml.gz").write_bytes(gzip.compress(RECORDS.encode("utf-16")))
    (tmp_path / "one.txt").write_text("Gondor met Rohan.", encoding="utf-8")
    got = articles(read_file(tmp_path))
    assert [a.id for a in got][:2] == ["GON0325-01_1", "GON0325-01_2"]
    assert len(got) == 5  # four records and the text file, not the feed


def test_standard_input_is_sniffed() -> None:
    stdin = io.BytesIO(RECORDS.encode("utf-8"))
    got = articles(list(read_inputs(["-"], stdin=stdin)))
    assert [a.id for a in got][:1] == ["GON0325-01_1"]
