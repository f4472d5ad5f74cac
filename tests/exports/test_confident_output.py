"""Exports and briefs use the events coded with confidence; the rest stay, flagged."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from worlds import article, said, save, sentence

from irinsider.analysis import pair_brief
from irinsider.cli import main
from irinsider.model import LOW_CONFIDENCE
from irinsider.store import EventFilter, Store

SURE, UNSURE = 0.9, LOW_CONFIDENCE - 0.2


def world(path: Path) -> Path:
    """Russia and Cuba: six confident events, and a less certain one, the latest."""
    with Store.open(path) as store:
        save(store,
             article("a1", "2024-03-01",
                     *(sentence(f"Russia praised Cuba on day {n}.",
                                said("RUS", "CUB", "051", "praised", confidence=SURE))
                       for n in range(1, 7))),
             article("a2", "2024-03-20",
                     sentence("Russia sent Cuba a gift.",
                              said("RUS", "CUB", "070", "sent", confidence=UNSURE)),
                     sentence("Russia condemned Ukraine.",
                              said("RUS", "UKR", "111", "condemned", confidence=SURE))))
    return path


def test_export_leaves_out_less_certain_events_unless_asked(tmp_path: Path) -> None:
    db = str(world(tmp_path / "w.db"))
    runner = CliRunner()
    sure = runner.invoke(main, ["export", "--db", db])
    assert sure.exit_code == 0, sure.output
    rows = [json.loads(line) for line in sure.output.splitlines()]
    assert len(rows) == 7 and all(not r["low_confidence"] for r in rows)
    every = runner.invoke(main, ["export", "--db", db, "--min-confidence", "0"])
    rows = [json.loads(line) for line in every.output.splitlines()]
    assert len(rows) == 8
    assert [r["cameo"] for r in rows if r["low_confidence"]] == ["070"]
    plover = [runner.invoke(main, ["export", "--db", db, "--format", "plover", *more]).output
              for more in ((), ("--min-confidence", "0"))]
    assert "a gift" not in plover[0] and "a gift" in plover[1]
    gdelt = [runner.invoke(main, ["export", "--db", db, "--format", "gdelt", *more]).output
             for more in ((), ("--min-confidence", "0"))]
    codes = [{line.split("\t")[26] for line in out.splitlines()[1:]} for out in gdelt]
    assert codes == [{"051", "111"}, {"051", "111", "070"}]


def test_briefs_cite_only_confident_events(tmp_path: Path) -> None:
    with Store.open(world(tmp_path / "w.db")) as store:
        brief = pair_brief(store, "CUB", "RUS", EventFilter()).to_dict()
    cited = {c["evidence"] for c in brief["citations"]}
    assert cited and "Russia sent Cuba a gift." not in cited
    # counted all the same, and said to be less certain
    assert "1 less certain event" in brief["sentences"][0]["text"]


def test_the_reader_shows_less_certain_events_flagged(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    import warnings

    from starlette.exceptions import StarletteDeprecationWarning

    from irinsider.web import WebConfig, create_app

    with warnings.catch_warnings():  # starlette prefers httpx2, which the lock does not carry
        warnings.simplefilter("ignore", StarletteDeprecationWarning)
        from fastapi.testclient import TestClient
    client = TestClient(create_app(world(tmp_path / "w.db"), WebConfig(index_interval=None),
                                   pipeline=pipeline))
    html = client.get("/articles/a2").text
    assert "070 Provide aid" in html and "111 Criticize or denounce" in html
    assert html.count("less certain</span>") == 1  # the aid, not the criticism
