"""Tests of irinsider.export: the JSON Lines contract and CSV."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from irinsider.cli import main
from irinsider.dedup import EventGroup, Mention
from irinsider.exports import (
    FIELDS,
    GDELT_COLUMNS,
    PLOVER_FIELDS,
    atomic_text,
    event_chunks,
    event_to_dict,
    export_coded,
    export_store,
    write_events,
    write_gdelt,
    write_parquet,
    write_plover,
)
from irinsider.model import Article, Block, CodedArticle, Event, Quantity, Sentence
from irinsider.store import Store

KEYS = {
    "doc_id", "sentence", "source", "target", "source_country", "target_country", "cameo",
    "plover", "plover_mode", "goldstein", "quad_class", "date", "evidence", "source_span",
    "target_span", "trigger_span", "quantities", "negated", "modality", "confidence", "rule",
    "source_name", "target_name", "trigger", "caption", "date_precision", "date_text",
    "place", "place_name", "place_country", "place_kind", "place_lat", "place_lon",
    "low_confidence", "intended_cameo", "issues",
}


def events() -> list[Event]:
    return [
        Event(
            doc_id="a1", sentence=0, source="RUSGOV", target="CUB", source_country="RUS",
            target_country="CUB", cameo="0711", plover="AID", plover_mode="economic",
            goldstein=7.4, quad_class=2, date="2018-11-02",
            evidence="Russia will lend Cuba $50 million, \"a gift\",\nsaid Peskov.",
            source_span=(0, 6), target_span=(17, 21), trigger_span=(12, 16),
            quantities=(
                Quantity(kind="money", value=50_000_000, unit="USD", text="$50 million",
                         start=22, end=33),
                Quantity(kind="range", value=500, unit="km", text="500-5,500 km", start=40,
                         end=52, value_max=5500),
            ),
            modality="future", confidence=0.9, rule="lend", source_name="Russia",
            target_name="Cuba", trigger="lend", date_precision="month", date_text="in November",
            place="Havana", place_name="Havana", place_country="CUB", place_kind="city",
            place_lat=23.13302, place_lon=-82.38304,
        ),
        Event(
            doc_id="a2", sentence=3, source="---GOV", target=None, source_country=None,
            target_country=None, cameo="040", plover=None, plover_mode=None, goldstein=1.0,
            quad_class=1, date=None, evidence="Díaz-Canel met officials in Moscú.",
            source_span=(0, 10), target_span=None, trigger_span=(11, 14), negated=True,
            caption=True, trigger="met", confidence=0.3,
        ),
    ]


def test_event_to_dict_keys_and_values() -> None:
    first, second = (event_to_dict(e) for e in events())
    assert list(first) == list(FIELDS)
    assert set(first) == KEYS
    assert first["source_span"] == [0, 6]
    assert first["quantities"] == [
        {"kind": "money", "value": 50_000_000, "unit": "USD", "text": "$50 million"},
        {"kind": "range", "value": 500, "unit": "km", "text": "500-5,500 km",
         "value_max": 5500},
    ]
    assert second["target_span"] is None
    assert second["quantities"] == []
    assert (first["date"], first["date_precision"], first["date_text"]) == \
        ("2018-11-02", "month", "in November")
    assert (first["place_name"], first["place_country"], first["place_kind"]) == \
        ("Havana", "CUB", "city")
    assert (first["place_lat"], first["place_lon"]) == (23.13302, -82.38304)
    assert second["place"] is second["place_lat"] is second["date_precision"] is None
    assert (first["low_confidence"], second["low_confidence"]) == (False, True)
    json.dumps(first)  # JSON-ready


def test_jsonl_round_trip() -> None:
    out = io.StringIO()
    assert write_events(events(), out, "jsonl") == 2
    text = out.getvalue()
    assert "Díaz-Canel" in text  # ensure_ascii=False
    lines = text.splitlines()
    assert len(lines) == 2
    assert [json.loads(line) for line in lines] == [event_to_dict(e) for e in events()]
    frame = pd.read_json(io.StringIO(text), lines=True, dtype=False)
    assert set(frame.columns) == KEYS
    assert frame["cameo"].tolist() == ["0711", "040"]
    assert frame["target_span"].tolist()[0] == [17, 21]
    assert frame["quantities"][0][1]["value_max"] == 5500


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("size", [1, 2, 200])
def test_event_chunks_join_to_what_write_events_writes(fmt: str, size: int) -> None:
    many = events() * 3
    whole = io.StringIO(newline="")
    write_events(many, whole, fmt)
    chunks = list(event_chunks(iter(many), fmt, size))
    assert "".join(chunks) == whole.getvalue()
    assert len(chunks) == -(-len(many) // size)


def test_event_chunks_of_nothing_is_the_csv_header_alone() -> None:
    assert list(event_chunks(iter([]), "csv")) == [",".join(FIELDS) + "\n"]
    assert list(event_chunks(iter([]), "jsonl")) == [""]


def test_csv_round_trip() -> None:
    out = io.StringIO(newline="")
    assert write_events(events(), out, "csv") == 2
    frame = pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(FIELDS)
    assert len(frame) == 2
    first, second = frame.to_dict("records")
    assert first["evidence"] == events()[0].evidence  # quotes and newline survive
    assert first["source_span"] == "0-6"
    assert first["trigger_span"] == "12-16"
    assert second["target_span"] == ""
    assert json.loads(first["quantities"])[0] == {
        "kind": "money", "value": 50_000_000, "unit": "USD", "text": "$50 million"}
    assert json.loads(second["quantities"]) == []
    assert second["evidence"] == "Díaz-Canel met officials in Moscú."
    assert (first["negated"], second["negated"]) == ("False", "True")
    assert (first["date_precision"], first["date_text"], first["place"]) == \
        ("month", "in November", "Havana")
    assert (float(first["place_lat"]), float(first["place_lon"])) == (23.13302, -82.38304)
    assert (second["place_lat"], second["date_precision"]) == ("", "")
    assert (first["low_confidence"], second["low_confidence"]) == ("False", "True")


def test_empty_csv_has_header() -> None:
    out = io.StringIO()
    assert write_events([], out, "csv") == 0
    assert out.getvalue().strip().split(",") == list(FIELDS)


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        write_events(events(), io.StringIO(), "xml")


# ---------------------------------------------------------------------------- PLOVER, GDELT,
# Parquet (irinsider.interchange)


def coded_articles() -> list[CodedArticle]:
    """Two articles reporting the first test event, a day apart, from two outlets; the
    first also has the negated second event."""
    first, second = events()
    out = []
    for doc, day, url, evs in (
        ("a1", "2018-11-02", "https://www.example.org/a1", (first, replace(second, doc_id="a1",
                                                                          sentence=1))),
        ("a3", "2018-11-03", "https://news.example.com/a3",
         (replace(first, doc_id="a3", date="2018-11-03"),)),
    ):
        article = Article(doc, f"Title {doc}", "Staff", date.fromisoformat(day), url,
                          (Block(evs[0].evidence),), source_path=f"in/{doc}.txt")
        sentences = tuple(Sentence(i, e.evidence, 0, "body", 0) for i, e in enumerate(evs))
        out.append(CodedArticle(article, sentences, tuple(() for _ in sentences), evs))
    return out


def test_plover_records_round_trip_through_pandas() -> None:
    first, second = events()
    out = io.StringIO()
    mentions = [Mention(first, url="https://example.org/a1", title="Loan", byline="Staff",
                        group_id=7), Mention(second)]
    assert write_plover(mentions, out) == 1  # no PLOVER type for the second (040 -> None)
    frame = pd.read_json(io.StringIO(out.getvalue()), lines=True, dtype=False)
    assert list(frame.columns) == list(PLOVER_FIELDS)
    assert str(frame["quad_code"].dtype) == "int64"
    assert str(frame["event_scale"].dtype) == "float64"
    record = frame.iloc[0]
    assert (record["id"], record["date"], record["event"], record["mode"],
            record["context"], record["cameo"]) == (
        "a1-0-0", "2018-11-02", "AID", "economic", "economic", "0711")
    assert record["source"] == [{"code": "RUS", "sector": "GOV", "actor_text": "Russia",
                                 "identifier_text": "Russia", "cc3": "RUS"}]
    assert record["recipient"][0]["code"] == "CUB" and record["recipient"][0]["sector"] is None
    assert record["event_text"] == "lend"
    assert record["text"] == first.evidence
    assert record["event_loc"] == {"name": "Havana", "text": "Havana", "latitude": 23.13302,
                                   "longitude": -82.38304, "feature class": "P",
                                   "country code": "CU", "cc3": "CUB"}
    assert record["text_info"] == {"sequence": 0, "source_span": [0, 6],
                                   "recipient_span": [17, 21], "event_span": [12, 16]}
    assert record["cite_info"]["url"] == "https://example.org/a1"
    assert record["cite_info"]["publication"] == "example.org"
    assert record["link"] == 7


def test_plover_ids_are_unique_within_a_sentence() -> None:
    first, _ = events()
    out = io.StringIO()
    write_plover([Mention(first), Mention(replace(first, target="USA")),
                  Mention(replace(first, sentence=1))], out)
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert ids == ["a1-0-0", "a1-0-1", "a1-1-0"]


def test_gdelt_table_round_trips_through_pandas() -> None:
    first, second = events()
    groups = [
        EventGroup(first, num_mentions=3, num_articles=2, num_sources=2,
                   first_date="2018-11-02", last_date="2018-11-03",
                   url="https://example.org/a1", id=41, first_seen="2024-05-06T07:08:09+00:00"),
        EventGroup(replace(second, source_name="Tab\tand\nline"), 1, 1, 1, None, None),
    ]
    out = io.StringIO(newline="")
    assert write_gdelt(groups, out) == 2
    text = out.getvalue()
    assert len(text.splitlines()) == 3  # the header and one line a row
    frame = pd.read_csv(io.StringIO(text), sep="\t",
                        dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    assert list(frame.columns) == list(GDELT_COLUMNS)
    assert len(GDELT_COLUMNS) == 61
    assert str(frame["GLOBALEVENTID"].dtype) == "int64"
    assert str(frame["GoldsteinScale"].dtype) == "float64"
    assert str(frame["NumMentions"].dtype) == "int64"
    row = frame.iloc[0]
    assert (row["GLOBALEVENTID"], row["SQLDATE"], row["MonthYear"], row["Year"]) == (
        41, 20181102, 201811, 2018)
    assert row["FractionDate"] == pytest.approx(2018 + 305 / 365, abs=1e-4)
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"],
            row["Actor1Type1Code"]) == ("RUSGOV", "Russia", "RUS", "GOV")
    assert (row["Actor2Code"], row["Actor2CountryCode"]) == ("CUB", "CUB")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (
        "0711", "071", "07")
    assert (row["QuadClass"], row["GoldsteinScale"]) == (2, 7.4)
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == (3, 2, 2)
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"],
            row["ActionGeo_Lat"], row["ActionGeo_Long"]) == (4, "Havana", "CU", 23.13302,
                                                             -82.38304)
    assert (row["DATEADDED"], row["SOURCEURL"]) == (20240506070809, "https://example.org/a1")
    assert pd.isna(row["AvgTone"]) and pd.isna(row["IsRootEvent"])
    undated = frame.iloc[1]
    assert undated["GLOBALEVENTID"] == 2  # no group id: the row's number
    assert pd.isna(undated["SQLDATE"]) and pd.isna(undated["Actor2Code"])
    assert (undated["Actor1Code"], undated["Actor1Name"], undated["Actor1Type1Code"]) == (
        "---GOV", "Tab and line", "GOV")
    assert pd.isna(undated["Actor1CountryCode"])


def test_parquet_round_trips_through_pandas(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(events(), path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.parquet"]
    frame = pd.read_parquet(path)
    assert list(frame.columns) == list(FIELDS)
    assert str(frame["sentence"].dtype) == "int32"
    assert str(frame["goldstein"].dtype) == "float64"
    assert str(frame["negated"].dtype) == "bool"
    first = frame.iloc[0]
    assert (first["doc_id"], first["cameo"], first["source"], first["target"]) == (
        "a1", "0711", "RUSGOV", "CUB")
    assert list(first["target_span"]) == [17, 21]
    assert first["quantities"][1]["value_max"] == 5500
    assert frame.iloc[1]["target_span"] is None
    assert first["place_name"] == "Havana"


def test_parquet_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"

    def failing() -> Iterator[Event]:
        yield events()[0]
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_parquet(failing(), path)
    assert list(tmp_path.iterdir()) == []
    assert write_parquet([], path) == 0
    assert len(pd.read_parquet(path)) == 0


def test_atomic_text_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "out.tsv"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_text(path) as fh:
        fh.write("half")
        raise RuntimeError("interrupted")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tsv"]


def test_export_store_in_every_format(tmp_path: Path) -> None:
    with Store.open(tmp_path / "x.db") as store:
        store.save_many(coded_articles())
        gdelt = io.StringIO(newline="")
        assert export_store(store, "gdelt", gdelt) == 1  # negated event left out
        frame = pd.read_csv(io.StringIO(gdelt.getvalue()), sep="\t", dtype={"EventCode": str})
        row = frame.iloc[0]
        assert (row["EventCode"], row["NumMentions"], row["NumSources"],
                row["NumArticles"]) == ("0711", 2, 2, 2)
        assert row["SOURCEURL"] == "https://www.example.org/a1"
        assert str(row["DATEADDED"]).isdigit() and len(str(row["DATEADDED"])) == 14
        with_negated = io.StringIO(newline="")
        assert export_store(store, "gdelt", with_negated, include_negated=True) == 2
        plover = io.StringIO()
        assert export_store(store, "plover", plover) == 2
        links = {json.loads(line)["link"] for line in plover.getvalue().splitlines()}
        assert len(links) == 1 and None not in links  # both mentions: one event
        assert export_store(store, "parquet", tmp_path / "e.parquet") == 2
        assert pd.read_parquet(tmp_path / "e.parquet")["doc_id"].tolist() == ["a1", "a3"]
        assert export_store(store, "jsonl", tmp_path / "e.jsonl") == 2
        assert export_store(store, "csv", tmp_path / "e.csv") == 2
        assert len(pd.read_csv(tmp_path / "e.csv")) == 2
        with pytest.raises(ValueError, match="--out FILE"):
            export_store(store, "parquet", io.StringIO())
        with pytest.raises(ValueError, match="unknown export format 'xml'"):
            export_store(store, "xml", io.StringIO())


def test_export_coded_groups_within_each_article() -> None:
    first, _ = events()
    again = replace(first, sentence=4)
    article = Article("a1", "T", None, date(2018, 11, 2), "https://example.org/a1",
                      (Block(first.evidence),))
    coded = CodedArticle(article, (), (), (first, again, replace(first, doc_id="a1",
                                                                 target="USA")))
    out = io.StringIO(newline="")
    assert export_coded([coded, replace(coded, article=replace(article, id="b"))], "gdelt",
                        out) == 4
    frame = pd.read_csv(io.StringIO(out.getvalue()), sep="\t")
    assert frame["NumMentions"].tolist() == [2, 1, 2, 1]
    assert frame["GLOBALEVENTID"].tolist() == [1, 2, 3, 4]
    assert set(frame["SOURCEURL"]) == {"https://example.org/a1"}
    kept = io.StringIO()
    assert export_coded([coded], "jsonl", kept, keep=lambda e: e.target == "USA") == 1


def test_cli_export_formats_and_errors(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with Store.open(db) as store:
        store.save_many(coded_articles())
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "gdelt"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split("\t") == list(GDELT_COLUMNS)
    out = tmp_path / "e.parquet"
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "parquet",
                                  "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(out)) == 2
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "parquet"])
    assert result.exit_code == 2
    assert "--format parquet writes a file; give its name with --out FILE" in result.output
    missing = tmp_path / "no" / "such" / "dir.tsv"
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "gdelt", "--out",
                                  str(missing)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert result.output.startswith(f"error: {missing}: cannot write")


def test_cli_code_writes_every_format(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "s1", "text": "Iraq was attacked by Iran. Iran attacked "
                                  "Iraq.", "date": "2003-03-20"}) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["code", str(source), "--format", "gdelt"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout), sep="\t", dtype={"EventCode": str})
    row = frame.iloc[0]
    assert (row["Actor1Code"], row["Actor2Code"], row["EventRootCode"], row["SQLDATE"]) == (
        "IRN", "IRQ", 19, 20030320)
    assert row["NumMentions"] == 2  # the same attack, twice in one article
    result = runner.invoke(main, ["code", str(source), "--format", "plover"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["event"] for r in records} == {"ASSAULT"}
    assert records[0]["source"][0]["code"] == "IRN"
    out = tmp_path / "events.parquet"
    result = runner.invoke(main, ["code", str(source), "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert pd.read_parquet(out)["source"].tolist() == ["IRN", "IRN"]
    result = runner.invoke(main, ["code", str(source), "--format", "parquet"])
    assert result.exit_code == 2 and "--out FILE" in result.output


def test_the_action_an_intent_intends_is_in_every_format(tmp_path: Path) -> None:
    intent = replace(events()[0], cameo="0331", plover="AGREE", plover_mode=None,
                     intended_cameo="071")
    article = Article("a9", None, None, None, None, (Block(intent.evidence),))
    coded = CodedArticle(article, (Sentence(0, intent.evidence, 0, "body", 0),), ((),),
                         (replace(intent, doc_id="a9"),))
    assert event_to_dict(intent)["intended_cameo"] == "071"
    text = io.StringIO(newline="")
    write_events([intent, events()[1]], text, "csv")
    assert pd.read_csv(io.StringIO(text.getvalue()), dtype=str)["intended_cameo"].tolist()[
        0] == "071"
    plover = io.StringIO()
    write_plover([Mention(intent)], plover)
    assert json.loads(plover.getvalue())["intended_cameo"] == "071"
    write_parquet([intent], tmp_path / "i.parquet")
    assert pd.read_parquet(tmp_path / "i.parquet")["intended_cameo"].tolist() == ["071"]
    with Store.open(tmp_path / "i.db") as store:
        store.save(coded)
        export_store(store, "jsonl", tmp_path / "i.jsonl")
    (line,) = (tmp_path / "i.jsonl").read_text(encoding="utf-8").splitlines()
    assert (json.loads(line)["cameo"], json.loads(line)["intended_cameo"]) == ("0331", "071")
