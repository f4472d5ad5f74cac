"""An article laid out for reading: blocks of sentences cut into highlighted runs.

    article_blocks(coded, events, entities, images) -> [{"kind", "credit", "image",
        "parts": [gap text | {"index", "segments": [...], "events": [...]}]}]

A segment is plain text or a marked run: an actor, a trigger word (with the anchors
of the events it triggers), a quantity or a named entity. Where marks overlap, the
trigger wins over a quantity, a quantity over an entity, an entity over an actor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..model import CodedArticle, party_of

__all__ = ["article_blocks", "segments"]

PRIORITY = {"trigger": 4, "quantity": 3, "entity": 2, "actor": 1}


def segments(text: str, marks: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut `text` into runs: ``{"kind": "text", "text"}`` or a mark with its ``text``."""
    chosen: list[dict[str, Any]] = []
    ranked = sorted(marks, key=lambda m: (-PRIORITY[m["kind"]], m["start"],
                                          m["start"] - m["end"]))
    for mark in ranked:
        start, end = mark["start"], mark["end"]
        if not 0 <= start < end <= len(text):
            continue
        if any(start < c["end"] and c["start"] < end for c in chosen):
            continue
        chosen.append(mark)
    chosen.sort(key=lambda m: m["start"])
    out: list[dict[str, Any]] = []
    pos = 0
    for mark in chosen:
        if mark["start"] > pos:
            out.append({"kind": "text", "text": text[pos:mark["start"]]})
        out.append({**mark, "text": text[mark["start"]:mark["end"]]})
        pos = mark["end"]
    if pos < len(text):
        out.append({"kind": "text", "text": text[pos:]})
    return out


def _marks(coded: CodedArticle, index: int, events: Sequence[dict[str, Any]],
           entities: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    marks: list[dict[str, Any]] = []
    mentions = coded.actors[index] if index < len(coded.actors) else ()
    for a in mentions:
        if a.kind == "sector" and not a.country:
            continue
        party = party_of(a.code, a.country)
        marks.append({"kind": "actor", "start": a.start, "end": a.end, "code": a.code,
                      "name": a.name, "href": f"/countries/{party}" if party else None})
    triggers: dict[tuple[int, int], dict[str, Any]] = {}
    for ev in events:
        if ev["sentence"] != index:
            continue
        key = (ev["trigger_start"], ev["trigger_end"])
        mark = triggers.setdefault(key, {"kind": "trigger", "start": key[0], "end": key[1],
                                         "events": [], "quad": None, "wrong": True})
        mark["events"].append(ev["anchor"])
        if not ev["wrong"] and not ev["negated"]:
            mark["wrong"] = False
            mark["quad"] = mark["quad"] or ev["quad_class"]
        for q in ev["quantities"]:
            marks.append({"kind": "quantity", "start": q["start"], "end": q["end"],
                          "quantity": q["text"]})
    marks += triggers.values()
    for m in entities:
        if m["sentence"] == index:
            marks.append({"kind": "entity", "start": m["start"], "end": m["end"],
                          "entity": m["entity_id"], "name": m["name"],
                          "href": f"/entities/{m['entity_id']}"})
    return marks


def article_blocks(coded: CodedArticle, events: Sequence[dict[str, Any]],
                   entities: Sequence[dict[str, Any]], images: dict[int, Any],
                   image_url: Callable[[int], str]) -> list[dict[str, Any]]:
    """The article's blocks in order, each with its sentences cut into runs."""
    by_block: dict[int, list[Any]] = {}
    for sentence in coded.sentences:
        by_block.setdefault(sentence.block, []).append(sentence)
    blocks: list[dict[str, Any]] = []
    for b, block in enumerate(coded.article.blocks):
        parts: list[Any] = []
        pos = 0
        for sentence in sorted(by_block.get(b, []), key=lambda s: s.start):
            if sentence.start > pos:
                parts.append(block.text[pos:sentence.start])
            parts.append({
                "index": sentence.index,
                "segments": segments(sentence.text,
                                     _marks(coded, sentence.index, events, entities)),
                "events": [e["anchor"] for e in events if e["sentence"] == sentence.index],
            })
            pos = max(pos, sentence.start + len(sentence.text))
        if pos < len(block.text):
            parts.append(block.text[pos:])
        blocks.append({
            "kind": block.kind,
            "credit": block.credit,
            "image": image_url(b) if b in images else None,
            "parts": parts,
        })
    return blocks
