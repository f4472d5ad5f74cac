"""Events as PLOVER JSON: one record a mention (a coded event with its evidence).

    plover_record(mention, n)    -> one PLOVER record (a dict) for a mention
    write_plover(mentions, out)  one record a line (JSON Lines)

Events without a PLOVER type (CAMEO 01, public statements) have no record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from .. import __version__
from ..codebook import load_codebook
from ..dedup import Mention, outlet
from ..model import Event
from .geo import alpha2

__all__ = ["PLOVER_FIELDS", "plover_record", "write_plover"]

PLOVER_FIELDS: tuple[str, ...] = (
    "id", "date", "source", "recipient", "event", "mode", "context", "event_text",
    "event_loc", "quad_code", "event_scale", "text", "text_info", "cite_info", "link",
    "coder", "cameo", "intended_cameo", "confidence",
)

_FEATURE_CLASS = {"city": "P", "region": "A", "country": "A"}  # GeoNames classes


def _actor(code: str | None, name: str | None, country: str | None,
           span: tuple[int, int] | None, text: str) -> list[dict[str, Any]]:
    """A PLOVER actor list: the top-level code (a country, IGO, NGO or ---) and its sector."""
    if not code:
        return []
    return [{
        "code": code[:3],
        "sector": code[3:] or None,
        "actor_text": text[span[0]:span[1]] if span else None,
        "identifier_text": name,
        "cc3": country,
    }]


def _place(event: Event) -> dict[str, Any] | None:
    """A PLOVER location object (GeoNames field names) of the event's place, if any."""
    name = event.place_name or event.place
    if not name:
        return None
    country = event.place_country
    return {
        "name": name,
        "text": event.place,
        "latitude": event.place_lat,
        "longitude": event.place_lon,
        "feature class": _FEATURE_CLASS.get(event.place_kind or ""),
        "country code": alpha2(country) if country else None,
        "cc3": country,
    }


def _publication(url: str | None) -> str | None:
    """The host of a URL, as the name of its publisher."""
    host = outlet(url) if url else ""
    return host[len("host:"):] if host.startswith("host:") else None


def _context(cameo: str) -> str | None:
    """The PLOVER context of a CAMEO code, else of its nearest ancestor in the table."""
    book = load_codebook()
    for code in (cameo, cameo[:3], cameo[:2]):
        if code in book:
            return book[code].plover_context
    return None


def plover_record(mention: Mention, n: int) -> dict[str, Any]:
    """A mention as a PLOVER record with exactly the keys of `PLOVER_FIELDS`.

    `n` tells apart the events of one sentence: the id is ``<doc>-<sentence>-<n>``.
    """
    e = mention.event
    return {
        "id": f"{e.doc_id}-{e.sentence}-{n}",
        "date": e.date,
        "source": _actor(e.source, e.source_name, e.source_country, e.source_span,
                         e.evidence),
        "recipient": _actor(e.target, e.target_name, e.target_country, e.target_span,
                            e.evidence),
        "event": e.plover,
        "mode": e.plover_mode,
        "context": _context(e.cameo),
        "event_text": e.trigger or e.evidence[e.trigger_span[0]:e.trigger_span[1]],
        "event_loc": _place(e),
        "quad_code": e.quad_class,
        "event_scale": e.goldstein,
        "text": e.evidence,
        "text_info": {
            "sequence": e.sentence,
            "source_span": list(e.source_span),
            "recipient_span": list(e.target_span) if e.target_span else None,
            "event_span": list(e.trigger_span),
        },
        "cite_info": {
            "citation": e.doc_id,
            "url": mention.url,
            "title": mention.title,
            "publication": _publication(mention.url),
            "byline": mention.byline,
            "language": "en",
            "coder": f"irinsider {__version__}",
            "codebook": "CAMEO 1.1b3 to PLOVER (CAMEO2PLOVER 2021)",
        },
        "link": mention.group_id,
        "coder": f"irinsider {__version__}",
        "cameo": e.cameo,
        "intended_cameo": e.intended_cameo,
        "confidence": e.confidence,
    }


def write_plover(mentions: Iterable[Mention], out: TextIO) -> int:
    """Write one PLOVER record a line; events without a PLOVER type (CAMEO 01, public
    statements) are left out. Return how many were written."""
    count = 0
    last: tuple[str, int] | None = None
    n = 0
    for mention in mentions:
        event = mention.event
        if event.plover is None:
            continue
        here = (event.doc_id, event.sentence)
        n = n + 1 if here == last else 0
        last = here
        out.write(json.dumps(plover_record(mention, n), ensure_ascii=False) + "\n")
        count += 1
    return count
