"""What the reader's pages say about events: names, explanations, entities, trips and briefs.

    explain(row)                         -> "Coded as ... because ..." for one event row
    find_entities(coded, rows)           -> treaties, agreements, loans and deals it names
    index_entities(store)                -> find them for every article not yet analysed
    trips(rows, actors, party)           -> the tours of a party's leaders, stop by stop
    pair_brief(store, a, b, f)           -> short cited sentences about two parties
    country_brief(store, party, f)       -> the same about one party
    counted_timeline(store, f, count)    -> months of distinct events, or of mentions
    event_totals(store, f)               -> {"events": distinct events, "mentions": ...}
    correction_changes(row, field, new)  -> the event columns a reader's fix sets

Numbers of events count distinct events by default: the mentions of one event in several
articles (grouped by the store, see `dedup`) count once, and the mentions are shown
beside ("Of 3 events (5 mentions) ..."); ``count="mentions"`` counts every coded event.

Event rows are the dicts `Store.event_page` returns. Functions here hold no SQL: what
they need from the database they ask the store for, through its query methods.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..codebook import QUAD_NAMES, load_codebook
from ..errors import InputError
from ..model import LOW_CONFIDENCE, CodedArticle
from ..store import EventFilter, Store, content_hash, party_of

__all__ = [
    "COUNTS",
    "Brief",
    "Tour",
    "correction_changes",
    "counted_timeline",
    "country_brief",
    "event_totals",
    "explain",
    "find_entities",
    "format_usd",
    "index_article",
    "index_entities",
    "month_label",
    "pair_brief",
    "party_name",
    "resolve_party",
    "timeline_series",
    "trips",
]

DATA_DIR = Path(__file__).parents[1] / "data"
COOPERATION = (1, 2)
CONFLICT = (3, 4)

# ---------------------------------------------------------------------------- names


@dataclass(frozen=True)
class _Names:
    parties: dict[str, str]  # ISO alpha-3 or organisation code -> name
    iso_of: dict[str, str]  # CAMEO country code -> ISO alpha-3 (where they differ)
    by_name: dict[str, str]  # lower-case name -> party


@lru_cache(maxsize=1)
def _names() -> _Names:
    parties: dict[str, str] = {}
    iso_of: dict[str, str] = {}
    by_name: dict[str, str] = {}
    with (DATA_DIR / "countries.yaml").open(encoding="utf-8") as fh:
        for row in yaml.safe_load(fh):
            parties[row["iso3"]] = row["name"]
            if row.get("cameo"):
                iso_of[row["cameo"]] = row["iso3"]
            for name in [row["name"], *(row.get("names") or [])]:
                by_name.setdefault(name.lower(), row["iso3"])
    with (DATA_DIR / "igos.yaml").open(encoding="utf-8") as fh:
        for row in yaml.safe_load(fh):
            parties[row["code"]] = row["name"]
            by_name.setdefault(row["name"].lower(), row["code"])
    return _Names(parties, iso_of, by_name)


_THE = re.compile(
    r"\b(United|Union|Republic|Kingdom|Emirates|Islands|States|Netherlands|Philippines|"
    r"Bahamas|Gambia|Maldives|Comoros|Seychelles|Nations|Organization|Organisation|"
    r"Assembly|Council|Commission|Bank|Fund|Agency|Court|League|Alliance|Parliament|"
    r"Vatican|Holy See)\b"
)
_THE_ALONE = {"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros",
              "Seychelles", "Vatican"}


def the(name: str) -> str:
    """A name as it reads inside a sentence: "the United States", "Cuba"."""
    if name.startswith(("the ", "The ")):
        return name
    if name in _THE_ALONE or (" " in name and _THE.search(name)):
        return "the " + name
    return name


def capital_first(text: str) -> str:
    """The text with its first letter in capitals."""
    return text[:1].upper() + text[1:]


def possessive(name: str) -> str:
    """"Cuba's", "the United States'"."""
    return name + ("'" if name.endswith("s") else "'s")


def party_name(code: str | None) -> str:
    """The English name of a party (ISO country or organisation code); the code if unknown."""
    if not code:
        return "unknown"
    return _names().parties.get(code, code)


def resolve_party(text: str) -> str | None:
    """The party a URL or form names: an ISO or CAMEO code, or a name ("cuba"); else None."""
    names = _names()
    upper = text.strip().upper()
    if upper in names.parties:
        return upper
    if upper in names.iso_of:
        return names.iso_of[upper]
    return names.by_name.get(text.strip().lower().replace("-", " ").replace("_", " "))


def _country_of_code(code: str) -> str | None:
    """The ISO country of an actor code ("RUSGOV" -> "RUS", "ROM" -> "ROU"), if any."""
    head = code[:3]
    names = _names()
    if head in names.iso_of:
        return names.iso_of[head]
    if head in names.parties and not head.startswith(("IGO", "NGO")):
        return head
    return None


_SECTORS = {
    "GOV": "government", "MIL": "military", "ELI": "elite", "BUS": "business",
    "MED": "media", "CVL": "civilians", "OPP": "opposition", "REB": "rebels",
    "COP": "police", "JUD": "judiciary", "LEG": "legislature", "SPY": "intelligence",
    "EDU": "education", "HLH": "health", "LAB": "labour", "REF": "refugees",
}


def actor_label(code: str) -> str:
    """A readable name for an actor code: "RUSGOV" -> "Russia (government)"."""
    names = _names()
    if code in names.parties:
        return names.parties[code]
    country = _country_of_code(code)
    if country is None:
        sector = _SECTORS.get(code[3:6]) if code.startswith("---") else None
        return f"unknown ({sector})" if sector else code
    sector = _SECTORS.get(code[3:6])
    return f"{party_name(country)} ({sector})" if sector else party_name(country)


# ---------------------------------------------------------------------------- numbers

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def month_label(month: str) -> str:
    """"2018-11" -> "November 2018"; "" -> "undated"."""
    if not re.fullmatch(r"\d{4}-\d{2}", month or ""):
        return "undated"
    return f"{_MONTHS[int(month[5:7]) - 1]} {month[:4]}"


def format_usd(value: float) -> str:
    """$50 million, $1.2 billion, $750,000."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            number = f"{value / size:.1f}".removesuffix(".0")
            return f"${number} {word}"
    return f"${value:,.0f}"


def format_quantity(q: dict[str, Any]) -> str:
    """A quantity as written in the text, e.g. "$50 million"."""
    return str(q.get("text") or f"{q['value']:g} {q['unit']}")


# ---------------------------------------------------------------------------- explanations

# Who the source and the target are, by CAMEO root (and a few codes).
_ROLES: dict[str, tuple[str, str]] = {
    "01": ("the one speaking", "the one spoken about"),
    "02": ("the one appealing", "the one appealed to"),
    "03": ("the one promising", "the one promised"),
    "033": ("the one promising aid", "the receiver"),
    "04": ("the one consulting", "the partner"),
    "042": ("the visitor", "the host"),
    "043": ("the host", "the visitor"),
    "05": ("the one cooperating", "the partner"),
    "051": ("the one backing", "the one backed"),
    "06": ("the one cooperating", "the partner"),
    "07": ("the giver", "the receiver"),
    "08": ("the one yielding", "the one yielded to"),
    "09": ("the investigator", "the one investigated"),
    "10": ("the one demanding", "the one asked"),
    "11": ("the critic", "the one criticised"),
    "12": ("the one rejecting", "the one rejected"),
    "13": ("the one threatening", "the one threatened"),
    "14": ("the protester", "the target of the protest"),
    "15": ("the one showing force", "the one it is aimed at"),
    "16": ("the one cutting ties", "the one cut off"),
    "17": ("the one coercing", "the one coerced"),
    "18": ("the attacker", "the one attacked"),
    "19": ("the attacker", "the one attacked"),
    "20": ("the perpetrator", "the victim"),
}
_LOAN = re.compile(r"\b(lend|lends|lent|lending|loans?|credits?)\b", re.I)
_MODALITY = {
    "possible": "only possible ('may', 'might', 'could')",
    "future": "announced for the future ('will')",
    "conditional": "conditional ('would')",
    "advised": "advised ('should')",
    "obligated": "an obligation ('must')",
}


def code_name(cameo: str) -> str:
    """The codebook name of a CAMEO code ("0331" -> "Express intent to provide economic aid")."""
    entry = load_codebook().get(cameo)
    return entry.name if entry else f"CAMEO {cameo}"


def _is_loan(row: dict[str, Any]) -> bool:
    money = any(q["kind"] in ("money", "range") for q in row["quantities"])
    if not money:
        return False
    return bool(_LOAN.search(row.get("rule") or "") or _LOAN.search(row["evidence"]))


def _roles(row: dict[str, Any]) -> tuple[str, str]:
    if _is_loan(row):
        return "the lender", "the borrower"
    cameo = row["cameo"]
    for key in (cameo[:4], cameo[:3], cameo[:2]):
        if key in _ROLES:
            return _ROLES[key]
    return "the actor", "the one acted upon"


def _quote(row: dict[str, Any]) -> str:
    """The words that carry an event: from its trigger to its target and amounts."""
    text = row["evidence"]
    spans = [(row["trigger_start"], row["trigger_end"])]
    if row.get("target_start") is not None:
        spans.append((row["target_start"], row["target_end"]))
    spans += [(q["start"], q["end"]) for q in row["quantities"]]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    quote = " ".join(text[start:end].split())
    if len(quote) > 110:
        head = quote[:50].rsplit(" ", 1)[0]
        tail = quote[-50:].split(" ", 1)[-1]
        quote = f"{head} ... {tail}"
    return quote


def when_label(row: dict[str, Any]) -> str | None:
    """When an event happened, and what says so: "March 2016 (from 'in March 2016')"."""
    day, precision = row.get("date"), row.get("date_precision")
    if not day or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return None
    year, month, dom = day[:4], _MONTHS[int(day[5:7]) - 1], int(day[8:10])
    if precision == "article" or not precision:
        return f"{dom} {month} {year}, the article's date"
    label = {"year": year, "month": f"{month} {year}",
             "week": f"the week of {dom} {month} {year}"}.get(precision, f"{dom} {month} {year}")
    return f"{label} (from '{row['date_text']}')" if row.get("date_text") else label


def where_label(row: dict[str, Any]) -> str | None:
    """Where an event happened: "Havana, Cuba", "Cuba"; None when the sentence names nowhere."""
    name = row.get("place_name")
    if not name:
        return None
    country = row.get("place_country")
    if country and row.get("place_kind") != "country":
        return f"{name}, {the(party_name(country))}"
    return the(name)


def explain(row: dict[str, Any]) -> dict[str, Any]:
    """A plain-language explanation of one event row: a headline sentence and notes."""
    cameo = row["cameo"]
    name = code_name(cameo)
    quad = QUAD_NAMES.get(row["quad_class"], "unknown class")
    source = the(row.get("source_name") or actor_label(row["source"]))
    target = row.get("target_name") or (actor_label(row["target"]) if row.get("target")
                                        else None)
    target = the(target) if target else None
    src_role, tgt_role = _roles(row)
    because = f"'{_quote(row)}' has {source} as {src_role}"
    because += f" and {target} as {tgt_role}" if target else " and no target"
    amounts = [format_quantity(q) for q in row["quantities"]]
    headline = (f"Coded as {name.upper()} (CAMEO {cameo}, Goldstein {row['goldstein']:+.1f}, "
                f"{quad}) because {because}")
    if amounts:
        headline += f"; amount {', '.join(amounts)}"
    notes: list[str] = []
    if row.get("negated"):
        notes.append("The verb is negated: this did not happen, so it is not counted in "
                     "totals or charts.")
    if row.get("modality") in _MODALITY:
        notes.append(f"The action is {_MODALITY[row['modality']]}.")
    if row.get("caption"):
        notes.append("Coded from an image caption, not the article body.")
    if row.get("plover"):
        mode = f" ({row['plover_mode']})" if row.get("plover_mode") else ""
        notes.append(f"PLOVER type {row['plover']}{mode}.")
    when, where = when_label(row), where_label(row)
    if when:
        notes.append(f"When: {when}.")
    if where:
        notes.append(f"Where: {where}.")
    notes.append(f"Trigger word '{row['trigger']}'; coder confidence "
                 f"{row['confidence']:.2f}; rule {row['rule']}.")
    if row.get("confidence") is not None and row["confidence"] < LOW_CONFIDENCE:
        notes.append(f"Low confidence (below {LOW_CONFIDENCE:g}): check this event.")
    if row.get("wrong"):
        notes.append("A reader marked this event wrong: it is left out of totals and charts.")
    return {
        "headline": headline + ".",
        "code": cameo,
        "code_name": name,
        "quad_name": quad,
        "source_role": src_role,
        "target_role": tgt_role,
        "quote": _quote(row),
        "amounts": amounts,
        "notes": notes,
    }


# ---------------------------------------------------------------------------- corrections

CORRECTION_FIELDS = ("wrong", "cameo", "source", "target")
_ACTOR_CODE = re.compile(r"(?:[A-Z]{3}|---)(?:[A-Z]{3}){0,3}")


def correction_changes(row: dict[str, Any], field: str, value: str | None
                       ) -> tuple[str | None, str | None, dict[str, Any]]:
    """What a reader's fix changes: (old value, new value, event columns to set).

    `field` is "wrong" (mark the event wrong), "cameo" (a code from the codebook) or
    "source"/"target" (an actor code such as "RUS", "USAGOV" or "IGOUNO", or a
    country name). Raises `InputError` for a value that is not one.
    """
    if field == "wrong":
        summary = f"{row['cameo']} {row['source']} -> {row.get('target') or '-'}"
        return summary, None, {"wrong": 1}
    value = (value or "").strip()
    if not value:
        raise InputError("correction", f"give a new {field}")
    if field == "cameo":
        entry = load_codebook().get(value)
        if entry is None:
            raise InputError("correction", f"{value!r} is not a CAMEO code; use a code such "
                             "as 072 from the codebook")
        return row["cameo"], entry.code, {
            "cameo": entry.code, "root": entry.root, "plover": entry.plover,
            "plover_mode": entry.plover_mode, "goldstein": entry.goldstein,
            "quad_class": entry.quad_class,
        }
    if field in ("source", "target"):
        code = value.upper()
        named = None if value.isupper() else resolve_party(value)
        if named is not None:
            code = named
        elif not _ACTOR_CODE.fullmatch(code) or not value.isupper() and not (
                _country_of_code(code) or code.startswith(("IGO", "NGO", "---"))):
            raise InputError("correction", f"{value!r} is not an actor code or a country "
                             "name; use a code such as RUS, USAGOV or IGOUNO, or a name")
        country = _country_of_code(code)
        if country is None and not code.startswith(("IGO", "NGO", "---")):
            raise InputError("correction", f"{code!r} does not start with a known country "
                             "code or IGO/NGO; use a code such as RUS, USAGOV or IGOUNO")
        return row.get(field), code, {
            field: code, f"{field}_country": country,
            f"{field}_party": party_of(code, country), f"{field}_name": actor_label(code),
        }
    raise InputError("correction", f"cannot correct {field!r}; choose one of "
                     f"{', '.join(CORRECTION_FIELDS)}")


# ---------------------------------------------------------------------------- entities

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


def _loan_from_event(row: dict[str, Any]) -> EntityMention | None:
    if not _is_loan(row) or not row.get("source_party") or not row.get("target_party"):
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
            loan = _loan_from_event(row)
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


# ---------------------------------------------------------------------------- timeline


def timeline_series(rows: Iterable[tuple[str, int, int, int, float, float]]
                    ) -> dict[str, Any]:
    """Chart data from `Store.timeline` rows: every month from the first to the last.

    Returns ``{"months", "labels", "counts": {quad: [...]}, "goldstein": {quad: [...]},
    "net": [...], "table": [[label, n1, n2, n3, n4, net], ...]}``; the table has a row
    a month, or a year when there are more than 24 months. Undated events are left out.
    """
    dated = [r for r in rows if r[0]]
    if not dated:
        return {"months": [], "labels": [], "counts": {}, "goldstein": {}, "net": [],
                "table": []}
    first, last = min(r[0] for r in dated), max(r[0] for r in dated)
    months = [first]
    while months[-1] < last and len(months) < 1200:
        year, mon = int(months[-1][:4]), int(months[-1][5:7])
        months.append(f"{year + mon // 12:04d}-{mon % 12 + 1:02d}")
    at = {m: i for i, m in enumerate(months)}
    counts = {q: [0] * len(months) for q in QUAD_NAMES}
    gold = {q: [0.0] * len(months) for q in QUAD_NAMES}
    for month, quad, _direction, n, g, _usd in dated:
        i = at[month]
        counts[quad][i] += n
        gold[quad][i] += g
    gold = {q: [round(v, 1) for v in values] for q, values in gold.items()}
    net = [round(a + b + c + d, 1) for a, b, c, d in zip(*gold.values(), strict=True)]
    table: dict[str, list[float]] = {}
    by_year = len(months) > 24
    for i, month in enumerate(months):
        row = table.setdefault(month[:4] if by_year else month_label(month), [0, 0, 0, 0, 0.0])
        for q in QUAD_NAMES:
            row[q - 1] += counts[q][i]
        row[4] += net[i]
    return {"months": months, "labels": [month_label(m) for m in months], "counts": counts,
            "goldstein": gold, "net": net,
            "table": [[label, *row[:4], round(row[4], 1)] for label, row in table.items()
                      if any(row[:4])]}


COUNTS = ("events", "mentions")
_Rows = Sequence[tuple[str, int, int, int, float, float]]


def _groups(count: str) -> bool:
    if count not in COUNTS:
        raise ValueError(f"count must be one of {', '.join(COUNTS)}, not {count!r}")
    return count == "events"


def counted_timeline(store: Store, f: EventFilter, count: str = "events"
                     ) -> list[tuple[str, int, int, int, float, float]]:
    """`Store.timeline` rows counting distinct events (`count="events"`: the mentions of
    one event in several articles count once, see `dedup`) or every mention."""
    return store.timeline(f, groups=_groups(count))


def event_totals(store: Store, f: EventFilter) -> dict[str, int]:
    """How many distinct events and how many mentions of them match `f`."""
    return {"events": sum(r[3] for r in store.timeline(f, groups=True)),
            "mentions": sum(r[3] for r in store.timeline(f))}


def quad_totals(rows: Iterable[Sequence[Any]], n_at: int = 3, quad_at: int = 1
                ) -> dict[int, int]:
    """Events by quad class from timeline or partner rows."""
    out = dict.fromkeys(QUAD_NAMES, 0)
    for row in rows:
        out[row[quad_at]] = out.get(row[quad_at], 0) + int(row[n_at])
    return out


# ---------------------------------------------------------------------------- trips

_TRIP_CODES = ("040", "042", "043", "044", "046")
_PLACE_KINDS = ("capital", "city")
_TOUR_GAP = timedelta(days=21)


@dataclass
class Stop:
    """One place a leader was, with the events that say so."""

    party: str
    place: str
    date: str | None
    article_id: str
    sentence: int
    events: list[int] = field(default_factory=list)
    met: list[str] = field(default_factory=list)
    row: dict[str, Any] | None = field(default=None, repr=False)  # the first event


@dataclass
class Tour:
    """A leader's stops abroad, no more than three weeks apart."""

    leader: str
    party: str
    stops: list[Stop]

    @property
    def start(self) -> str | None:
        return self.stops[0].date

    @property
    def end(self) -> str | None:
        return self.stops[-1].date

    def to_dict(self) -> dict[str, Any]:
        return {
            "leader": self.leader, "party": self.party, "party_name": party_name(self.party),
            "start": self.start, "end": self.end,
            "stops": [
                {"party": s.party, "party_name": party_name(s.party), "place": s.place,
                 "date": s.date, "article_id": s.article_id, "sentence": s.sentence,
                 "events": s.events, "met": s.met}
                for s in self.stops
            ],
        }


def _place(row: dict[str, Any], actors: list[dict[str, Any]], home: str | None,
           visited: str | None) -> tuple[str, str] | None:
    """(party, place name) where a meeting happened abroad, or None (at home or unknown).

    The place is the first capital or city named in the sentence, else a country
    named after "in"; without one, the country visited (`visited`, for 042/043).
    """
    text = row["evidence"]
    places = [a for a in actors if a.get("country") and a["kind"] in _PLACE_KINDS]
    places += [a for a in actors if a.get("country") and a["kind"] == "country"
               and text[max(0, a["start"] - 3):a["start"]].lower() == "in "]
    if places:
        place = places[0]
        if place["country"] == home:
            return None
        name = party_name(place["country"])
        label = f"{place['text']}, {name}" if place["kind"] in _PLACE_KINDS else name
        return place["country"], label
    if visited and visited != home:
        return visited, party_name(visited)
    return None


def trips(rows: Iterable[dict[str, Any]], actors: dict[tuple[str, int], list[dict[str, Any]]],
          party: str | None = None) -> list[Tour]:
    """The tours of leaders, from meeting and visit events (CAMEO 040, 042-044, 046).

    The traveller is the source (the target of 043, "host a visit"); only people
    (actors of kind "leader") travel, and only stops outside their own country
    count. A stop's place is a capital or city named in the sentence, a country
    after "in", else the other side's country. Stops come by date, then sentence;
    a gap of more than three weeks starts a new tour. With `party`, only its
    leaders' tours. Newest tours first.
    """
    stops: dict[tuple[str, str], list[Stop]] = {}
    ordered = sorted(rows, key=lambda r: (r.get("date") or "", r["article_id"], r["sentence"],
                                          r["id"]))
    for row in ordered:
        if row["cameo"] not in _TRIP_CODES or row.get("negated") or row.get("wrong"):
            continue
        hosted = row["cameo"] == "043"
        side, other = ("target", "source") if hosted else ("source", "target")
        home = row.get(f"{side}_party")
        if not home or (party and home != party) or not row.get(f"{other}_party"):
            continue
        sentence_actors = actors.get((row["article_id"], row["sentence"]), [])
        start = row.get(f"{side}_start")
        person = next((a for a in sentence_actors
                       if a["start"] == start and a["kind"] == "leader"), None)
        if person is None:
            continue
        leader = row.get(f"{side}_name") or person.get("name") or person["text"]
        visited = row.get(f"{other}_party") if row["cameo"] in ("042", "043") else None
        where = _place(row, sentence_actors, home, visited)
        if where is None:
            continue
        met = row.get(f"{other}_name") or actor_label(row[other])
        seq = stops.setdefault((leader, home), [])
        previous = seq[-1] if seq else None
        if previous and previous.party == where[0] and (
            previous.article_id == row["article_id"] or previous.date == row.get("date")
        ):
            if row["id"] not in previous.events:
                previous.events.append(row["id"])
            if met not in previous.met:
                previous.met.append(met)
            if "," in where[1] and "," not in previous.place:
                previous.place = where[1]
            continue
        seq.append(Stop(where[0], where[1], row.get("date"), row["article_id"],
                        row["sentence"], [row["id"]], [met], row))
    tours: list[Tour] = []
    for (leader, home), seq in stops.items():
        current: list[Stop] = []
        for stop in seq:
            if current and _gap(current[-1].date, stop.date) > _TOUR_GAP:
                tours.append(Tour(leader, home, current))
                current = []
            current.append(stop)
        if current:
            tours.append(Tour(leader, home, current))
    tours.sort(key=lambda t: (t.start or "", len(t.stops)), reverse=True)
    return tours


def _gap(a: str | None, b: str | None) -> timedelta:
    if not a or not b:
        return timedelta(0)
    return abs(date.fromisoformat(b) - date.fromisoformat(a))


# ---------------------------------------------------------------------------- briefs

_NOUN_PHRASES: dict[str, str] = {
    "01": "a statement by {s} about {t}",
    "02": "an appeal by {s} to {t}",
    "03": "a pledge by {s} to {t}",
    "04": "talks between {s} and {t}",
    "042": "a visit by {s} to {t}",
    "043": "{s} hosting {t}",
    "05": "diplomatic support from {s} for {t}",
    "051": "{s} backing {t}",
    "06": "material cooperation between {s} and {t}",
    "07": "aid from {s} to {t}",
    "08": "concessions by {s} to {t}",
    "085": "{s} easing sanctions on {t}",
    "09": "an investigation by {s} into {t}",
    "10": "demands by {s} on {t}",
    "11": "criticism of {t} by {s}",
    "12": "a rejection of {t} by {s}",
    "13": "threats by {s} against {t}",
    "14": "protests by {s} against {t}",
    "15": "a show of force by {s} towards {t}",
    "16": "reduced relations between {s} and {t}",
    "17": "coercion of {t} by {s}",
    "18": "an attack by {s} on {t}",
    "19": "fighting between {s} and {t}",
    "20": "mass violence by {s} against {t}",
}
_VERBS: dict[str, str] = {
    "01": "spoke about", "02": "appealed to", "03": "made pledges to", "04": "consulted",
    "05": "backed", "06": "cooperated with", "07": "gave aid to", "08": "yielded to",
    "09": "investigated", "10": "made demands of", "11": "criticised", "12": "rejected",
    "13": "threatened", "14": "protested against", "15": "showed force towards",
    "16": "cut ties with", "17": "coerced", "18": "attacked", "19": "fought",
    "20": "used mass violence against",
}


def event_phrase(row: dict[str, Any]) -> str:
    """A noun phrase for an event: "a $50 million military loan from Russia to Cuba"."""
    loan = _loan_from_event(row)
    if loan is not None:
        return "a " + loan.name
    source = the(row.get("source_name") or actor_label(row["source"]))
    target = the(row.get("target_name") or (actor_label(row["target"]) if row.get("target")
                                            else "others"))
    money = [q for q in row["quantities"] if q["kind"] in ("money", "range")]
    if money:
        return f"{format_quantity(money[0])} from {source} to {target}"
    counts = [q for q in row["quantities"] if q["kind"] == "count"]
    cameo = row["cameo"]
    template = next((_NOUN_PHRASES[k] for k in (cameo[:3], cameo[:2]) if k in _NOUN_PHRASES),
                    "{s} and {t}")
    phrase = template.format(s=source, t=target)
    if cameo.startswith("03"):
        rest = re.sub(r"^Express intent to\s*", "", code_name(cameo))
        if rest and rest != code_name(cameo):
            phrase += f" to {rest[0].lower()}{rest[1:]}"
    if counts:
        phrase += f" ({format_quantity(counts[0])})"
    return phrase


@dataclass
class Brief:
    """Sentences whose claims cite numbered evidence sentences.

    Each sentence is a list of parts: text, or the number of a citation.
    """

    sentences: list[list[str | int]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    _numbers: dict[int, int] = field(default_factory=dict)

    def cite(self, row: dict[str, Any]) -> int:
        """The citation number of an event row (the same row keeps its number)."""
        if row["id"] not in self._numbers:
            self._numbers[row["id"]] = len(self.citations) + 1
            self.citations.append({
                "n": len(self.citations) + 1, "event_id": row["id"],
                "article_id": row["article_id"], "sentence": row["sentence"],
                "evidence": row["evidence"], "article_title": row.get("article_title"),
                "date": row.get("date"),
            })
        return self._numbers[row["id"]]

    def add(self, *parts: str | int) -> None:
        first = parts[0] if parts else ""
        if isinstance(first, str):
            parts = (capital_first(first), *parts[1:])
        self.sentences.append(list(parts))

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": [
                {"text": "".join(f"[{p}]" if isinstance(p, int) else p for p in parts),
                 "parts": parts}
                for parts in self.sentences
            ],
            "citations": self.citations,
        }


def _items(brief: Brief, rows: Sequence[dict[str, Any]], limit: int = 3, tone: int = 0
           ) -> list[str | int]:
    """Up to `limit` distinct notable events as cited phrases joined into a list.

    Events that agree with `tone` (+1 cooperation, -1 conflict, 0 either) come first,
    then those with amounts, then the strongest by Goldstein score.
    """
    def weight(r: dict[str, Any]) -> tuple[float, float, float, float]:
        agrees = tone == 0 or (r["goldstein"] > 0) == (tone > 0)
        return (float(agrees), float(r.get("usd") or 0), float(bool(r["quantities"])),
                abs(r["goldstein"]))

    chosen: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in sorted(rows, key=weight, reverse=True):
        phrase = event_phrase(row)
        if phrase in seen:
            continue
        seen.add(phrase)
        chosen.append(row)
        if len(chosen) == limit:
            break
    parts: list[str | int] = []
    for i, row in enumerate(chosen):
        if i:
            parts.append(" and " if i == len(chosen) - 1 else ", ")
        parts += [event_phrase(row) + " ", brief.cite(row)]
    return parts


def _month_range(month: str) -> tuple[str, str]:
    year, mon = int(month[:4]), int(month[5:7])
    last = (date(year + mon // 12, mon % 12 + 1, 1) - timedelta(days=1)).day
    return f"{month}-01", f"{month}-{last:02d}"


def _within(f: EventFilter, month: str) -> EventFilter:
    since, until = _month_range(month)
    return replace(f, since=max(since, f.since) if f.since else since,
                   until=min(until, f.until) if f.until else until)


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _tone(brief: Brief, store: Store, f: EventFilter, rows: Sequence[Sequence[Any]],
          lead: str, pair: bool) -> None:
    """A sentence about the month with the most events: what happened, with citations."""
    months: dict[str, list[float]] = {}
    for month, _quad, _d, n, g, _usd in rows:
        if month:
            cell = months.setdefault(month, [0, 0.0])
            cell[0] += n
            cell[1] += g
    if not months:
        return
    month = max(months, key=lambda m: (months[m][0], abs(months[m][1]), m))
    events, _ = store.event_page(_within(f, month), per_page=25)
    if not events:
        return
    net = months[month][1]
    if pair:
        verb = "moved closer" if net > 0 else "clashed" if net < 0 else "were in contact"
        head = f"{lead} {verb} in {month_label(month)}: "
    else:
        head = f"{possessive(lead)} busiest month was {month_label(month)}, with "
    brief.add(head, *_items(brief, events, tone=(net > 0) - (net < 0) if pair else 0), ".")


def _amounts(brief: Brief, store: Store, f: EventFilter, total: float,
             largest: Sequence[dict[str, Any]] | None = None) -> None:
    if total <= 0:
        return
    candidates = list(largest) if largest is not None else store.event_page(
        f, per_page=6, order="usd")[0]
    rows: list[dict[str, Any]] = []
    seen: set[int] = set()
    for row in candidates:  # one mention of each event: a loan reported twice is one loan
        group = row.get("group_id")
        if group is None or group not in seen:
            rows.append(row)
            if group is not None:
                seen.add(group)
    rows = rows[:3]
    if not rows:
        return
    parts: list[str | int] = [f"Amounts named in US dollars add up to {format_usd(total)}; "
                              "the largest: "]
    for i, row in enumerate(rows):
        if i:
            parts.append(", ")
        phrase = event_phrase(row)
        amount = format_usd(float(row["usd"]))
        texts = [format_quantity(q) for q in row["quantities"]]
        if not any(t in phrase for t in texts):
            phrase = f"{amount} ({phrase})"
        parts += [f"{phrase} ", brief.cite(row)]
    parts.append(".")
    brief.add(*parts)


def _mentions(n: int, mentions: int | None) -> str:
    """" (5 mentions)" when the events were reported more often than once each."""
    return f" ({mentions} mentions)" if mentions is not None and mentions != n else ""


def _balance(brief: Brief, store: Store, f: EventFilter, quads: dict[int, int],
             subject: str, mentions: int | None = None) -> None:
    total = sum(quads.values())
    coop = quads.get(1, 0) + quads.get(2, 0)
    conflict = quads.get(3, 0) + quads.get(4, 0)
    parts: list[str | int] = [
        f"Of {total} event{'s' if total != 1 else ''}{_mentions(total, mentions)} "
        f"{subject}, {coop} "
        f"{'were' if coop != 1 else 'was'} cooperative ({quads.get(1, 0)} verbal, "
        f"{quads.get(2, 0)} material) "
    ]
    for quad in COOPERATION:
        if quads.get(quad):
            rows, _ = store.event_page(replace(f, quad=quad), per_page=1)
            parts += [brief.cite(r) for r in rows]
    parts.append(f" and {conflict} conflictual" if conflict else " and none conflictual")
    if conflict:
        parts.append(f" ({quads.get(3, 0)} verbal, {quads.get(4, 0)} material) ")
        for quad in CONFLICT:
            if quads.get(quad):
                rows, _ = store.event_page(replace(f, quad=quad), per_page=1)
                parts += [brief.cite(r) for r in rows]
    parts.append(".")
    brief.add(*parts)


def _tour_sentence(brief: Brief, tour: Tour, focus: str | None = None) -> None:
    stops = [s.place for s in tour.stops]
    parts: list[str | int] = []
    when = month_label(tour.start[:7]) if tour.start else "an undated trip"
    if focus:
        at = next(s for s in tour.stops if s.party == focus)
        others = [s for s in tour.stops if s is not at]
        parts += [f"{tour.leader} visited {at.place} in {when} ", *_stop_cites(brief, at)]
        if others:
            parts.append(", on a tour that also took in ")
            for i, stop in enumerate(others):
                if i:
                    parts.append(" and " if i == len(others) - 1 else ", ")
                parts += [f"{stop.place} ", *_stop_cites(brief, stop)]
    else:
        parts.append(f"{tour.leader} toured {len(stops)} place{'s' if len(stops) > 1 else ''} "
                     f"in {when}: ")
        for i, stop in enumerate(tour.stops):
            if i:
                parts.append(", then " if i < len(tour.stops) - 1 else " and ")
            parts += [f"{stop.place} ", *_stop_cites(brief, stop)]
    parts.append(".")
    brief.add(*parts)


def _stop_cites(brief: Brief, stop: Stop) -> list[str | int]:
    return [brief.cite(stop.row)] if stop.row else []


def leader_tours(store: Store, party: str, f: EventFilter, limit: int = 60) -> list[Tour]:
    """The tours of a party's leaders, from its latest meeting events."""
    rows = store.meetings(replace(f, party=party, partner=None),
                          [c for c in _TRIP_CODES if c != "043"], "043", limit)
    actors = store.sentence_actors((r["article_id"], r["sentence"]) for r in rows)
    return trips(rows, actors, party)


def _counted(store: Store, f: EventFilter, count: str, timeline: _Rows | None,
             events_timeline: _Rows | None) -> tuple[list[Any], int | None]:
    """The timeline rows to count with, and the number of mentions to show beside them."""
    mentions = list(timeline) if timeline is not None else store.timeline(f)
    if not _groups(count):
        return mentions, None
    rows = list(events_timeline) if events_timeline is not None else store.timeline(
        f, groups=True)
    return rows, sum(r[3] for r in mentions)


def pair_brief(store: Store, a: str, b: str, f: EventFilter, *,
               timeline: _Rows | None = None,
               tours: Sequence[Tour] | None = None,
               amounts: Sequence[dict[str, Any]] | None = None,
               count: str = "events", events_timeline: _Rows | None = None) -> Brief:
    """A short brief on two parties, every claim citing the sentences that support it.

    Numbers of events count distinct events (`count="events"`, each with its mentions
    in several articles once, the mentions shown beside) or every mention
    (`count="mentions"`). `timeline` (the pair's `Store.timeline` rows),
    `events_timeline` (the same with ``groups=True``), `tours` (both parties' leaders'
    tours) and `amounts` (its events with the largest amounts) may be given when the
    caller has them already.
    """
    f = replace(f, party=a, partner=b)
    brief = Brief()
    rows, mentions = _counted(store, f, count, timeline, events_timeline)
    names = the(party_name(a)), the(party_name(b))
    if not rows:
        brief.add(f"No events between {names[0]} and {names[1]} were coded"
                  f"{' for these filters' if f != EventFilter(party=a, partner=b) else ''}.")
        return brief
    _tone(brief, store, f, rows, f"{names[0]} and {names[1]}", pair=True)
    _amounts(brief, store, f, sum(r[5] for r in rows), amounts)
    _balance(brief, store, f, quad_totals(rows), f"between {names[0]} and {names[1]}",
             mentions)
    by_direction = [sum(r[3] for r in rows if r[2] == d) for d in (0, 1)]
    parts: list[str | int] = []
    for d, (src, tgt) in enumerate((names, names[::-1])):
        if by_direction[d]:
            latest, _ = store.event_page(
                replace(f, party=(a, b)[d], partner=(b, a)[d], directed=True), per_page=1)
            parts += [("" if not parts else "; "),
                      f"{by_direction[d]} went from {src} to {tgt} ",
                      *(brief.cite(r) for r in latest)]
    if parts:
        brief.add(*parts, ".")
    if tours is None:
        base = replace(f, party=None, partner=None)
        tours = [*leader_tours(store, a, base), *leader_tours(store, b, base)]
    for party, other in ((a, b), (b, a)):
        for tour in [t for t in tours if t.party == party][:5]:
            if any(s.party == other for s in tour.stops):
                _tour_sentence(brief, tour, focus=other)
                break
    _shared(brief, store, f, a, b)
    return brief


def _shared(brief: Brief, store: Store, f: EventFilter, a: str, b: str) -> None:
    """Sentences where both parties did the same thing to a third party."""
    names = the(party_name(a)), the(party_name(b))
    recent, _ = store.event_page(f, per_page=8)
    seen: set[tuple[str, str]] = set()
    for article_id in dict.fromkeys(r["article_id"] for r in recent):
        groups: dict[tuple[int, str, str], dict[str, dict[str, Any]]] = {}
        for row in store.article_events(article_id):
            if row["negated"] or row["wrong"] or row["source_party"] not in (a, b):
                continue
            third = row["target_party"]
            if not third or third in (a, b):
                continue
            groups.setdefault((row["sentence"], row["root"], third), {})[row["source_party"]] = row
        for (_sentence, root, third), by_party in groups.items():
            if len(by_party) == 2 and (root, third) not in seen and root in _VERBS:
                seen.add((root, third))
                row = by_party[a]
                brief.add(f"Together, {names[0]} and {names[1]} {_VERBS[root]} "
                          f"{the(party_name(third))} ", brief.cite(row), ".")
                if len(seen) >= 2:
                    return


def country_brief(store: Store, party: str, f: EventFilter, *,
                  timeline: _Rows | None = None,
                  partners: _Rows | None = None,
                  tours: Sequence[Tour] | None = None,
                  amounts: Sequence[dict[str, Any]] | None = None,
                  count: str = "events", events_timeline: _Rows | None = None) -> Brief:
    """A short brief on one party, every claim citing the sentences that support it.

    `count` as for `pair_brief`. `timeline`, `events_timeline`, `partners` (`Store`
    rows, counted as `count` says), `tours` and `amounts` (events with the largest
    amounts) may be given when the caller has them already.
    """
    f = replace(f, party=party, partner=None)
    brief = Brief()
    name = the(party_name(party))
    rows, mentions = _counted(store, f, count, timeline, events_timeline)
    if not rows:
        brief.add(f"No events of {name} were coded"
                  f"{' for these filters' if f != EventFilter(party=party) else ''}.")
        return brief
    counts: dict[str, int] = {}
    for partner, _quad, _d, n, _g, _usd in (partners if partners is not None
                                            else store.partners(f, groups=_groups(count))):
        counts[partner] = counts.get(partner, 0) + n
    top = sorted(counts, key=lambda p: (-counts[p], p))[:3]
    if top:
        parts: list[str | int] = [
            f"{possessive(name)} main partner{'s are' if len(top) > 1 else ' is'} "]
        for i, partner in enumerate(top):
            if i:
                parts.append(" and " if i == len(top) - 1 else ", ")
            latest, _ = store.event_page(replace(f, partner=partner), per_page=1)
            parts += [f"{the(party_name(partner))} ({counts[partner]} event"
                      f"{'s' if counts[partner] != 1 else ''}) ",
                      *(brief.cite(r) for r in latest)]
        parts.append(".")
        brief.add(*parts)
    _tone(brief, store, f, rows, name, pair=False)
    _amounts(brief, store, f, sum(r[5] for r in rows), amounts)
    _balance(brief, store, f, quad_totals(rows), f"involving {name}", mentions)
    if tours is None:
        tours = leader_tours(store, party, replace(f, party=None))
    for tour in tours[:2]:
        _tour_sentence(brief, tour)
    return brief
