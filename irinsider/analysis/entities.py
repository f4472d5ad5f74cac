"""The treaties, agreements, loans and deals articles name, and their index in the store.

    find_entities(coded, rows)   -> the mentions in one article, anaphora resolved
    index_article(store, id)     -> find and store them for one stored article
    index_entities(store)        -> the same for every article not yet analysed
    loan_from_event(row)         -> the loan an event makes, named ("$50 million loan ...")
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..model import CodedArticle, content_hash
from ..store import Store
from .explain import is_loan
from .names import format_quantity, party_name, resolve_party, the

__all__ = [
    "EntityMention",
    "find_entities",
    "index_article",
    "index_entities",
    "loan_from_event",
]


_KINDS = ("Treaty", "Agreement", "Accord", "Accords", "Pact", "Convention", "Protocol",
          "Charter")
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|of|on|the|and|for|de|du|la)"
_NAMED_BEFORE = re.compile(
    rf"\b([A-Z][\w'’.-]*(?:\s+{_NAME_WORD})*?)(?:\s+\(([A-Z][A-Za-z0-9-]{{1,11}})\))?"
    rf"\s+({'|'.join(_KINDS)})\b"
)
_NAMED_AFTER = re.compile(
    rf"\b({'|'.join(_KINDS)})\s+(of|on)\s+((?:the\s+)?[A-Z][\w'’.-]*(?:\s+{_NAME_WORD})*)"
)
_DEAL = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*(?:\s+[a-z]+)?)\s+deal\b")
_ANAPHOR = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(treaty|agreement|accord|pact|convention|protocol|deal|"
    r"loan)\b"
)
_POSSESSIVE_LOAN = re.compile(r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)['’]s\s+(?:\w+\s+)?loans?\b")
_DETERMINERS = {"The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "His",
                "Her", "Our", "In", "On", "At", "By", "After", "Before", "Under", "With"}
_PURPOSES = ("military", "economic", "humanitarian", "energy", "infrastructure", "oil",
             "nuclear", "development", "budget", "trade")


@dataclass(frozen=True)
class EntityMention:
    """Where a text names a treaty, agreement, loan or deal."""

    entity_id: str
    kind: str  # treaty, agreement, accord, pact, convention, protocol, charter, deal, loan
    name: str
    sentence: int
    start: int
    end: int
    text: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _strip_determiner(words: str) -> str:
    parts = words.split()
    while parts and parts[0] in _DETERMINERS:
        parts.pop(0)
    return " ".join(parts)


def _named(sentence: int, text: str) -> list[EntityMention]:
    found: list[EntityMention] = []
    taken: list[tuple[int, int]] = []
    for m in _NAMED_AFTER.finditer(text):
        kind = m[1].rstrip("s") if m[1] == "Accords" else m[1]
        name = f"{m[1]} {m[2]} {m[3]}"
        key = f"{kind} {m[2]} {re.sub(r'^the ', '', m[3])}"
        found.append(EntityMention(_slug(key), kind.lower(), name, sentence, m.start(), m.end(),
                                   m[0]))
        taken.append((m.start(), m.end()))
    for m in _NAMED_BEFORE.finditer(text):
        if any(s <= m.start(3) < e for s, e in taken):
            continue
        words, acronym, kind_word = _strip_determiner(m[1]), m[2], m[3]
        if not words:
            continue
        start = m.start(1) + m[1].index(words.split()[0])
        kind = "accord" if kind_word == "Accords" else kind_word.lower()
        name = f"{words} ({acronym}) {kind_word}" if acronym else f"{words} {kind_word}"
        if acronym:
            key = f"{acronym} {kind_word}"
        elif re.fullmatch(r"[A-Z0-9-]{2,12}", words):
            key = f"{words} {kind_word}"
        else:
            key = name
        found.append(EntityMention(_slug(key), kind, name, sentence, start, m.end(),
                                   text[start:m.end()]))
    for m in _DEAL.finditer(text):
        words = _strip_determiner(m[1])
        if not words or not words[0].isupper():
            continue
        start = m.start(1) + m[1].index(words.split()[0])
        name = f"{words} deal"
        found.append(EntityMention(_slug(name), "deal", name, sentence, start, m.end(),
                                   text[start:m.end()]))
    return found


def loan_from_event(row: dict[str, Any]) -> EntityMention | None:
    """The loan an event makes (lender, borrower, amount, purpose), or None."""
    if not is_loan(row) or not row.get("source_party") or not row.get("target_party"):
        return None
    q = next(q for q in row["quantities"] if q["kind"] in ("money", "range"))
    after = row["evidence"][q["end"]:].lower()
    purpose = next((p for p in _PURPOSES if re.search(rf"\b{p}\b", after)), None)
    amount = format_quantity(q)
    lender, borrower = the(party_name(row["source_party"])), the(party_name(row["target_party"]))
    name = f"{amount} {purpose + ' ' if purpose else ''}loan from {lender} to {borrower}"
    key = f"loan {row['source_party']} {row['target_party']} {q['value']:.0f} {q['unit']}"
    return EntityMention(_slug(key), "loan", name, row["sentence"], q["start"], q["end"],
                         q["text"])


def find_entities(coded: CodedArticle, rows: Sequence[dict[str, Any]]) -> list[EntityMention]:
    """The treaties, agreements, loans and deals an article names, mention by mention.

    Named ones come from capitalised phrases ending in Treaty, Agreement, Accord,
    Pact, Convention, Protocol or Charter (or "Treaty of ..."), and "X deal"; a
    loan from an event with an amount of money and a verb of lending. "The treaty"
    or "Russia's loan" refer back to the last one of that kind (or that lender).
    """
    by_sentence: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_sentence.setdefault(row["sentence"], []).append(row)
    out: list[EntityMention] = []
    last: dict[str, EntityMention] = {}  # kind -> last entity mentioned
    loans: dict[str, EntityMention] = {}  # lender party -> last loan
    for sentence in coded.sentences:
        text = sentence.text
        here = _named(sentence.index, text)
        for row in by_sentence.get(sentence.index, []):
            loan = loan_from_event(row)
            if loan is not None and all(m.entity_id != loan.entity_id for m in here):
                here.append(loan)
                loans[row["source_party"]] = loan
        covered = [(m.start, m.end) for m in here]
        for m in _ANAPHOR.finditer(text):
            kind = m[1]
            ref = last.get(kind)
            if ref is None or any(s <= m.start(1) < e for s, e in covered):
                continue
            here.append(replace(ref, sentence=sentence.index, start=m.start(), end=m.end(),
                                text=m[0]))
        for m in _POSSESSIVE_LOAN.finditer(text):
            lender = resolve_party(m[1])
            ref = loans.get(lender) if lender else None
            if ref is not None and not any(s <= m.start() < e for s, e in covered):
                here.append(replace(ref, sentence=sentence.index, start=m.start(), end=m.end(),
                                    text=m[0]))
        for mention in sorted(here, key=lambda x: x.start):
            last[mention.kind] = mention
            out.append(mention)
    return out


def index_article(store: Store, article_id: str) -> bool:
    """Find and store the entities of one stored article; False if it is not stored."""
    coded = store.article(article_id)
    if coded is None:
        return False
    mentions = find_entities(coded, store.article_events(article_id))
    longest: dict[str, EntityMention] = {}
    for m in mentions:
        if m.entity_id not in longest or len(m.name) > len(longest[m.entity_id].name):
            longest[m.entity_id] = m
    return store.save_entities(
        article_id, content_hash(coded.article),
        [(m.entity_id, m.kind, m.name) for m in longest.values()],
        [(m.entity_id, m.sentence, m.start, m.end, m.text) for m in mentions],
    )


def index_entities(store: Store, limit: int = 500) -> int:
    """Find the entities of up to `limit` articles not yet analysed; return how many."""
    return sum(index_article(store, article_id)
               for article_id in store.articles_to_analyse(limit))
