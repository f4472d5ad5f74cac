"""PETRARCH's event file (`--format petrarch`) and the issues every format carries."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date
from pathlib import Path

from irinsider.exports import PETRARCH_COLUMNS, event_to_dict, export_coded, export_store
from irinsider.model import Article, Block, CodedArticle, Event
from irinsider.store import Store

BASE = Event(
    doc_id="GON0325-01", sentence=0, source="GONGOV", target="ROH", source_country=None,
    target_country=None, cameo="0233", plover="AID", plover_mode="humanitarian",
    goldstein=7.4, quad_class=2, date="2019-03-25", evidence="Gondor sent aid to Rohan.",
    source_span=(0, 6), target_span=(18, 23), trigger_span=(7, 11),
    issues=(("HUMANITARIAN_AID", 1),),
)


def article(doc_id: str, events: list[Event], url: str | None = None) -> CodedArticle:
    art = Article(doc_id, None, None, date(2019, 3, 25), url, (Block("Gondor sent aid."),))
    return CodedArticle(art, (), (), tuple(events))


def test_one_line_an_event_of_a_story() -> None:
    again = dataclasses.replace(BASE, sentence=2, issues=(("HUMANITARIAN_AID", 2),
                                                           ("BEACONS", 1)))
    other = dataclasses.replace(BASE, sentence=3, cameo="042", target=None, issues=())
    tab = dataclasses.replace(BASE, doc_id="GON0326\t02", source="ROH\nGOV", issues=())
    out = io.StringIO()
    count = export_coded([article("GON0325-01", [BASE, again, other], "https://gondor.example/1"),
                          article("GON0326", [tab])], "petrarch", out)
    assert count == 3
    assert out.getvalue().splitlines() == [
        "20190325\tGONGOV\tROH\t0233\tHUMANITARIAN_AID,3;BEACONS,1\tGON0325-01;GON0325-01_2"
        "\thttps://gondor.example/1",
        "20190325\tGONGOV\t---\t042\t\tGON0325-01_3\thttps://gondor.example/1",
        "20190325\tROH GOV\tROH\t0233\t\tGON0326 02\t",
    ]
    assert PETRARCH_COLUMNS == ("date", "source", "target", "code", "issues", "ids", "url")


def test_issues_in_json_csv_and_the_store(tmp_path: Path) -> None:
    assert event_to_dict(BASE)["issues"] == [{"code": "HUMANITARIAN_AID", "count": 1}]
    csv = io.StringIO()
    export_coded([article("a", [BASE])], "csv", csv)
    assert '"[{""code"": ""HUMANITARIAN_AID"", ""count"": 1}]"' in csv.getvalue()
    with Store.open(tmp_path / "t.db") as store:
        coded = article("GON0325-01", [BASE, dataclasses.replace(BASE, sentence=1,
                                                                 cameo="042", issues=())])
        store.save(coded)
        stored = list(store.events())
        assert [e.issues for e in stored] == [(("HUMANITARIAN_AID", 1),), ()]
        out = io.StringIO()
        export_store(store, "petrarch", out)
        assert out.getvalue().split("\n")[0].split("\t")[4] == "HUMANITARIAN_AID,1"
        jsonl = io.StringIO()
        export_store(store, "jsonl", jsonl)
        assert json.loads(jsonl.getvalue().splitlines()[0])["issues"] == [
            {"code": "HUMANITARIAN_AID", "count": 1}]
