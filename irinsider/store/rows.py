"""The shapes of stored rows: which columns of events and articles are read and written,
and how an event row becomes an `Event` again."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from ..model import Event, Quantity

__all__ = ["CORRECTABLE_COLUMNS", "issues_from_text", "issues_to_text"]

_BATCH = 500  # events read per query when iterating

# Added to events by schema version 3: each event's date as its sentence gives it, and
# its place (see `schema`).
_WHEN_WHERE_COLUMNS = ("date_precision", "date_text", "place", "place_name", "place_country",
                       "place_kind", "place_lat", "place_lon")

_EVENT_COLUMNS = (
    "article_id", "sentence", "source", "target", "source_country", "target_country",
    "cameo", "root", "plover", "plover_mode", "goldstein", "quad_class", "date", "evidence",
    "source_start", "source_end", "target_start", "target_end", "trigger_start",
    "trigger_end", "trigger", "negated", "modality", "confidence", "rule", "source_name",
    "target_name", "caption", *_WHEN_WHERE_COLUMNS, "intended_cameo", "issues",
)
_INSERT_COLUMNS = (*_EVENT_COLUMNS, "source_party", "target_party", "usd")
_INSERT_EVENT = (
    f"INSERT INTO events ({', '.join(_INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)})"
)
_SELECT_EVENT = (
    f"SELECT e.id, {', '.join('e.' + c for c in _EVENT_COLUMNS)} "
    "FROM events e JOIN articles a ON a.id = e.article_id"
)
_ROW_COLUMNS = ("id", *_EVENT_COLUMNS, "source_party", "target_party", "usd", "wrong",
                "group_id")
_SELECT_ROW = (
    f"SELECT {', '.join('e.' + c for c in _ROW_COLUMNS)}, a.title AS article_title, "
    "a.date AS article_date"
)
_ARTICLE_COLUMNS = (
    "id", "title", "byline", "date", "url", "source_path", "format", "content_hash",
    "ingested_at",
)
_ARTICLE_ROW_COLUMNS = (*_ARTICLE_COLUMNS, "published_at", "published_by", "analysed_hash")
_KEY_SQL = (
    "(e.trigger_start || '-' || e.trigger_end || '/' || e.source_start || '-' || "
    "e.source_end || '/' || coalesce(e.target_start || '-' || e.target_end, '-'))"
)

#: Event columns a correction may set.
CORRECTABLE_COLUMNS = frozenset({
    "source", "target", "source_country", "target_country", "source_party", "target_party",
    "source_name", "target_name", "cameo", "root", "plover", "plover_mode", "goldstein",
    "quad_class", "wrong",
})


def _iso(value: date | str | None) -> str | None:
    """A date as stored: ISO text (text is taken as it is)."""
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


def _now() -> str:
    """The time now, as stored: UTC ISO text to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _event(row: tuple[Any, ...], quantities: tuple[Quantity, ...]) -> Event:
    """The `Event` of a row of ``e.id`` and `_EVENT_COLUMNS`, with its quantities."""
    (
        _id, article_id, sentence, source, target, source_country, target_country, cameo,
        _root, plover, plover_mode, goldstein, quad_class, day, evidence, source_start,
        source_end, target_start, target_end, trigger_start, trigger_end, trigger, negated,
        modality, confidence, rule, source_name, target_name, caption, date_precision,
        date_text, place, place_name, place_country, place_kind, place_lat, place_lon,
        intended_cameo, issues,
    ) = row
    return Event(
        doc_id=article_id,
        sentence=sentence,
        source=source,
        target=target,
        source_country=source_country,
        target_country=target_country,
        cameo=cameo,
        plover=plover,
        plover_mode=plover_mode,
        goldstein=goldstein,
        quad_class=quad_class,
        date=day,
        evidence=evidence,
        source_span=(source_start, source_end),
        target_span=None if target_start is None else (target_start, target_end),
        trigger_span=(trigger_start, trigger_end),
        quantities=quantities,
        negated=bool(negated),
        modality=modality,
        confidence=confidence,
        rule=rule,
        source_name=source_name,
        target_name=target_name,
        trigger=trigger,
        caption=bool(caption),
        date_precision=date_precision,
        date_text=date_text,
        place=place,
        place_name=place_name,
        place_country=place_country,
        place_kind=place_kind,
        place_lat=place_lat,
        place_lon=place_lon,
        intended_cameo=intended_cameo,
        issues=issues_from_text(issues),
    )


def issues_to_text(issues: tuple[tuple[str, int], ...]) -> str | None:
    """An event's issues as stored, PETRARCH's way: "OIL,2;SANCTIONS,1"; None for none."""
    return ";".join(f"{code},{count}" for code, count in issues) or None


def issues_from_text(text: str | None) -> tuple[tuple[str, int], ...]:
    """The issues stored as "OIL,2;SANCTIONS,1" (a part that is not CODE,N is left out)."""
    out: list[tuple[str, int]] = []
    for part in (text or "").split(";"):
        code, _, count = part.rpartition(",")
        if code and count.isdigit():
            out.append((code, int(count)))
    return tuple(out)
