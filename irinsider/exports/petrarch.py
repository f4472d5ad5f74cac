"""Events as PETRARCH's event file: one tab-separated line an event of a story, no header.

    date  source  target  code  issues  ids  url

    20190325  GON  ROH  0233  HUMANITARIAN_AID,1  GON0325-01_1  https://...

- ``date``: the event's date as YYYYMMDD (empty where it has none);
- ``source``, ``target``: the actor codes (``---`` for no target);
- ``code``: the CAMEO code, as the verb dictionary wrote it;
- ``issues``: ``CODE,COUNT`` of each issue its sentences hold, ``;`` between them;
- ``ids``: where it was read, ``;`` between them: an article's id for its first sentence
  (all there is of one of PETRARCH's sentence records), ``ID_N`` for its sentence N (from
  0) after that;
- ``url``: the article's address, if known.

As PETRARCH does, an article (a story) lists each (date, source, target, code) once: a
second mention adds its ids and its issues to the first. Tabs and line breaks inside a
value become spaces.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from ..dedup import Mention
from ..model import Event

__all__ = ["PETRARCH_COLUMNS", "petrarch_rows", "write_petrarch"]

PETRARCH_COLUMNS: tuple[str, ...] = ("date", "source", "target", "code", "issues", "ids", "url")
NO_ACTOR = "---"


@dataclass
class _Row:
    """One line of the file: an event of a story and what its mentions add."""

    event: Event
    url: str | None
    ids: list[str] = field(default_factory=list)
    issues: dict[str, int] = field(default_factory=dict)

    def add(self, event: Event) -> None:
        where = sentence_id(event)
        if where not in self.ids:
            self.ids.append(where)
        for code, count in event.issues:
            self.issues[code] = self.issues.get(code, 0) + count

    def values(self) -> list[str]:
        e = self.event
        day = (e.date or "")[:10].replace("-", "")
        issues = ";".join(f"{code},{count}" for code, count in self.issues.items())
        return [_clean(v) for v in (day, e.source, e.target or NO_ACTOR, e.cameo, issues,
                                    ";".join(self.ids), self.url or "")]


def sentence_id(event: Event) -> str:
    """Where an event was read, as PETRARCH names a sentence: the article's id for its
    first sentence, ``ID_N`` for its sentence N after that."""
    return event.doc_id if event.sentence == 0 else f"{event.doc_id}_{event.sentence}"


def _clean(value: str) -> str:
    return " ".join(value.split()) if any(c in value for c in "\t\r\n") else value


def petrarch_rows(mentions: Iterable[Mention]) -> Iterator[list[str]]:
    """The lines of the event file, as lists of `PETRARCH_COLUMNS` values; `mentions`
    come article by article (as coded, or as a store lists them)."""
    story: str | None = None
    rows: dict[tuple[str, str, str, str], _Row] = {}
    for mention in mentions:
        e = mention.event
        if e.doc_id != story:
            for row in rows.values():
                yield row.values()
            story, rows = e.doc_id, {}
        key = ((e.date or "")[:10], e.source, e.target or NO_ACTOR, e.cameo)
        if key not in rows:
            rows[key] = _Row(e, mention.url)
        rows[key].add(e)
    for row in rows.values():
        yield row.values()


def write_petrarch(mentions: Iterable[Mention], out: TextIO) -> int:
    """Write PETRARCH's event file; return how many lines (events) were written."""
    count = 0
    for values in petrarch_rows(mentions):
        out.write("\t".join(values) + "\n")
        count += 1
    return count
