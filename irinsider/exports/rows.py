"""Write coded events as JSON Lines or CSV.

The JSON Lines contract: one JSON object per line with exactly the keys of
`FIELDS`, in that order. Spans are ``[start, end]`` character offsets in the
evidence sentence (``null`` for a missing target); `quantities` is a list of
``{kind, value, unit, text}`` objects plus ``value_max`` for ranges; `issues` a list
of ``{code, count}`` objects.

CSV has the same columns; spans are written ``start-end`` (empty when missing)
and `quantities` and `issues` are the JSON text of their lists.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TextIO

from ..model import Event, Quantity

__all__ = ["FIELDS", "FORMATS", "event_chunks", "event_to_dict", "write_events"]

FIELDS: tuple[str, ...] = (
    "doc_id", "sentence", "source", "target", "source_country", "target_country", "cameo",
    "plover", "plover_mode", "goldstein", "quad_class", "date", "evidence", "source_span",
    "target_span", "trigger_span", "quantities", "negated", "modality", "confidence", "rule",
    "source_name", "target_name", "trigger", "caption", "date_precision", "date_text",
    "place", "place_name", "place_country", "place_kind", "place_lat", "place_lon",
    "low_confidence", "intended_cameo", "issues",
)
FORMATS: tuple[str, ...] = ("jsonl", "csv")
_SPANS = ("source_span", "target_span", "trigger_span")


def _number(value: float) -> int | float:
    """Whole numbers as ints, so 50000000.0 is written 50000000."""
    return int(value) if float(value).is_integer() else value


def _quantity(q: Quantity) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": q.kind, "value": _number(q.value), "unit": q.unit,
                           "text": q.text}
    if q.value_max is not None:
        out["value_max"] = _number(q.value_max)
    return out


def event_to_dict(event: Event) -> dict[str, Any]:
    """An event as a JSON-ready dict with exactly the keys of `FIELDS`, in order."""
    return {
        "doc_id": event.doc_id,
        "sentence": event.sentence,
        "source": event.source,
        "target": event.target,
        "source_country": event.source_country,
        "target_country": event.target_country,
        "cameo": event.cameo,
        "plover": event.plover,
        "plover_mode": event.plover_mode,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "date": event.date,
        "evidence": event.evidence,
        "source_span": list(event.source_span),
        "target_span": list(event.target_span) if event.target_span is not None else None,
        "trigger_span": list(event.trigger_span),
        "quantities": [_quantity(q) for q in event.quantities],
        "negated": event.negated,
        "modality": event.modality,
        "confidence": event.confidence,
        "rule": event.rule,
        "source_name": event.source_name,
        "target_name": event.target_name,
        "trigger": event.trigger,
        "caption": event.caption,
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "place": event.place,
        "place_name": event.place_name,
        "place_country": event.place_country,
        "place_kind": event.place_kind,
        "place_lat": event.place_lat,
        "place_lon": event.place_lon,
        "low_confidence": event.low_confidence,
        "intended_cameo": event.intended_cameo,
        "issues": [{"code": code, "count": count} for code, count in event.issues],
    }


def _csv_row(event: Event) -> dict[str, Any]:
    row = event_to_dict(event)
    for key in _SPANS:
        span = row[key]
        row[key] = f"{span[0]}-{span[1]}" if span is not None else ""
    row["quantities"] = json.dumps(row["quantities"], ensure_ascii=False)
    row["issues"] = json.dumps(row["issues"], ensure_ascii=False)
    return row


def write_events(events: Iterable[Event], out: TextIO, fmt: str) -> int:
    """Write `events` to `out` as ``jsonl`` or ``csv``; return how many were written.

    For CSV, open `out` with ``newline=""`` so quoted newlines survive.
    """
    count = 0
    if fmt == "jsonl":
        for event in events:
            out.write(json.dumps(event_to_dict(event), ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for event in events:
            writer.writerow(_csv_row(event))
            count += 1
    else:
        raise ValueError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    return count


def event_chunks(events: Iterable[Event], fmt: str, size: int = 200) -> Iterator[str]:
    """`events` written as by `write_events`, `size` at a time, for a streamed download:
    one CSV header, and a header alone when there are no events."""
    it = iter(events)
    first = True
    while True:
        chunk = list(islice(it, size))
        if not chunk and not first:
            return
        buffer = io.StringIO()
        write_events(chunk, buffer, fmt)
        text = buffer.getvalue()
        if fmt == "csv" and not first:
            text = text.split("\n", 1)[1]
        first = False
        yield text
        if not chunk:
            return
