"""Short briefs on one party or a pair, every claim citing the sentences that support it.

    pair_brief(store, a, b, f)       -> what two parties did to each other
    country_brief(store, party, f)   -> the same about one party and its partners
    event_phrase(row)                -> "a $50 million military loan from Russia to Cuba"

A brief opens with a verdict that follows from the evidence: the balance of the events
coded with confidence (`model.LOW_CONFIDENCE` or more) between cooperation and conflict,
saying how many events it rests on, and that there is too little to tell below
`VERDICT_MIN` of them. Plain statements (CAMEO 01) lean neither way. Each claim about
what happened is a clause written from what its code means (`claims.claim`: "Russia
agreed to lend Cuba $50 million"), and cites its sentence; only events coded with
confidence are cited (the rest are counted, and shown flagged on the reader's pages).

Numbers of events count distinct events by default, as every page does (`counts`): the
mentions of one event in several articles count once, and the mentions are shown beside
("Of 3 events (5 mentions) ..."); ``count="mentions"`` counts every coded event.
Functions here hold no SQL: what they need they ask the store for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from ..model import LOW_CONFIDENCE
from ..store import EventFilter, Store
from .claims import claim
from .counts import Tally, count_by_partner, count_events
from .entities import loan_from_event
from .names import (
    actor_label,
    capital_first,
    code_name,
    format_quantity,
    format_usd,
    month_label,
    party_name,
    possessive,
    the,
)
from .timelines import TimelineRows, groups_for, quad_totals
from .trips import Stop, Tour, leader_tours

__all__ = ["VERDICT_MIN", "Brief", "country_brief", "event_phrase", "pair_brief"]

COOPERATION = (1, 2)
CONFLICT = (3, 4)
VERDICT_MIN = 5  # the fewest confident events a verdict rests on
VERDICT_SAMPLE = 300  # the latest confident mentions a verdict weighs, at most
LEAN = 2 / 3  # the share of one side that makes relations "mostly" cooperative or hostile
STATEMENTS = "01"  # plain statements: neither cooperation nor conflict

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
    loan = loan_from_event(row)
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
    _numbers: dict[tuple[str, int], int] = field(default_factory=dict)

    def cite(self, row: dict[str, Any]) -> int:
        """The citation number of an event row's sentence (the same sentence keeps its
        number, whichever of its events is cited)."""
        key = (row["article_id"], row["sentence"])
        if key not in self._numbers:
            self._numbers[key] = len(self.citations) + 1
            self.citations.append({
                "n": len(self.citations) + 1, "event_id": row["id"],
                "article_id": row["article_id"], "sentence": row["sentence"],
                "evidence": row["evidence"], "article_title": row.get("article_title"),
                "date": row.get("date"), "date_precision": row.get("date_precision"),
            })
        return self._numbers[key]

    def add(self, *parts: str | int) -> None:
        """A sentence of these parts; a citation right after the same one is dropped."""
        first = parts[0] if parts else ""
        if isinstance(first, str):
            parts = (capital_first(first), *parts[1:])
        kept: list[str | int] = []
        for part in parts:
            if isinstance(part, int) and any(p == part for p in _trailing_cites(kept)):
                continue
            kept.append(part)
        self.sentences.append(kept)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": [
                {"text": "".join(f"[{p}]" if isinstance(p, int) else p for p in parts),
                 "parts": parts}
                for parts in self.sentences
            ],
            "citations": self.citations,
        }


def _trailing_cites(parts: list[str | int]) -> list[int]:
    """The citations at the end of a sentence so far ("... [2][3]")."""
    out: list[int] = []
    for part in reversed(parts):
        if isinstance(part, int):
            out.append(part)
        elif part.strip():
            break
    return out


def _month_range(month: str) -> tuple[str, str]:
    year, mon = int(month[:4]), int(month[5:7])
    last = (date(year + mon // 12, mon % 12 + 1, 1) - timedelta(days=1)).day
    return f"{month}-01", f"{month}-{last:02d}"


def _within(f: EventFilter, month: str) -> EventFilter:
    since, until = _month_range(month)
    return replace(f, since=max(since, f.since) if f.since else since,
                   until=min(until, f.until) if f.until else until)


def _confident(f: EventFilter) -> EventFilter:
    """`f`, keeping only the events coded with confidence."""
    return replace(f, min_confidence=max(f.min_confidence or 0.0, LOW_CONFIDENCE))


def _reverse_of(row: dict[str, Any], rows: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The same event told the other way in the same sentence ("A and B met"), if any."""
    return next((r for r in rows if r["id"] != row["id"]
                 and (r["article_id"], r["sentence"], r["cameo"])
                 == (row["article_id"], row["sentence"], row["cameo"])
                 and r["source_party"] == row["target_party"]
                 and r["target_party"] == row["source_party"]), None)


def _strength(row: dict[str, Any]) -> tuple[Any, ...]:
    """What makes an event worth naming: material before verbal, an amount, then the
    size of its Goldstein score, then the newest."""
    return (row["quad_class"] in (2, 4), float(row.get("usd") or 0), abs(row["goldstein"]),
            row.get("date") or "", row["id"])


def _claims(brief: Brief, rows: Sequence[dict[str, Any]], limit: int = 3) -> list[str | int]:
    """Up to `limit` of the most notable events as cited clauses joined into a list;
    one event told both ways is one clause, and the same clause is said once."""
    chosen: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    used: set[int] = set()
    groups: set[int] = set()  # one event told by several articles is said once
    for row in sorted(rows, key=_strength, reverse=True):
        if row["id"] in used or row.get("group_id") in groups:
            continue
        reverse = _reverse_of(row, rows)
        text = claim(row, reverse)
        used.add(row["id"])
        if reverse is not None:
            used.add(reverse["id"])
        for r in (row, reverse):
            if r is not None and r.get("group_id") is not None:
                groups.add(r["group_id"])
        if text in seen:
            continue
        seen.add(text)
        chosen.append((text, row))
        if len(chosen) == limit:
            break
    parts: list[str | int] = []
    for i, (text, row) in enumerate(chosen):
        if i:
            parts.append(" and " if i == len(chosen) - 1 else ", ")
        parts += [text + " ", brief.cite(row)]
    return parts


def _examples(brief: Brief, rows: Sequence[dict[str, Any]], limit: int = 2
              ) -> list[str | int]:
    """Citations of the strongest of these events (one way of a meeting told both ways)."""
    chosen: list[dict[str, Any]] = []
    for row in sorted(rows, key=_strength, reverse=True):
        if all(_reverse_of(row, [c]) is None for c in chosen):
            chosen.append(row)
        if len(chosen) == limit:
            break
    return [brief.cite(r) for r in chosen]


def _verdict(brief: Brief, store: Store, f: EventFilter, subject: str, pair: bool,
             total: Tally) -> None:
    """The verdict: how the confident events balance between cooperation and conflict.

    It weighs the latest `VERDICT_SAMPLE` mentions coded with confidence (every one, for
    most parties), each event once. `subject` names the parties ("Cuba and Russia", or
    "Russia" for one party); `total` is the tally of every event `f` selects.
    """
    rows, more = store.event_page(_confident(f), per_page=VERDICT_SAMPLE)
    events: dict[int, dict[str, Any]] = {}
    for row in rows:  # one mention of each event
        events.setdefault(row.get("group_id") or -row["id"], row)
    statements = [r for r in events.values() if r["root"] == STATEMENTS]
    coop_rows = [r for r in events.values()
                 if r["quad_class"] in COOPERATION and r["root"] != STATEMENTS]
    conflict_rows = [r for r in events.values() if r["quad_class"] in CONFLICT]
    coop, conflict = len(coop_rows), len(conflict_rows)
    weighed = coop + conflict
    doubtful = 0 if more else max(0, total.events - len(events))
    where = "between them" if pair else f"involving {subject}"
    aside = [f"{len(statements)} plain statement{'s' if len(statements) != 1 else ''}"] \
        if statements else []
    if doubtful > 0:
        aside.append(f"{doubtful} less certain event{'s' if doubtful != 1 else ''}")
    rest = f" (leaving aside {' and '.join(aside)})" if aside else ""
    if weighed < VERDICT_MIN:
        cites = _examples(brief, [*coop_rows, *conflict_rows, *statements], 3) or _examples(
            brief, store.event_page(f, per_page=20)[0], 3)
        how = (f"how {subject} stand with each other" if pair
               else f"how {subject} deals with others")
        some = ("no event" if weighed == 0 else f"only {weighed} event"
                + ("s" if weighed != 1 else ""))
        brief.add(f"Too little is coded to tell {how}: {some} {where} "
                  f"{'is' if weighed <= 1 else 'are'} coded with confidence as cooperation "
                  f"or conflict, and a verdict needs at least {VERDICT_MIN}{rest} ",
                  *cites, ".")
        return
    share = coop / weighed
    if share >= LEAN:
        head = (f"{subject} mostly cooperated" if pair
                else f"{possessive(subject)} dealings were mostly cooperation")
    elif share <= 1 - LEAN:
        head = (f"{subject} were mostly in conflict" if pair
                else f"{possessive(subject)} dealings were mostly conflict")
    else:
        head = (f"{subject} both cooperated and clashed" if pair
                else f"{possessive(subject)} dealings were a mix of cooperation and conflict")
    latest = "latest " if more else ""
    parts: list[str | int] = [f"{head}: of the {weighed} {latest}events {where} coded with "
                              f"confidence, {coop} {'was' if coop == 1 else 'were'} "
                              "cooperation "]
    parts += _examples(brief, coop_rows)
    parts.append(f" and {conflict} conflict " if conflict else " and none conflict")
    parts += _examples(brief, conflict_rows)
    parts.append(f"{rest}.")
    brief.add(*parts)


def _busiest(brief: Brief, store: Store, f: EventFilter, rows: Sequence[Sequence[Any]],
             lead: str, pair: bool) -> None:
    """What happened in the month with the most events, as cited clauses."""
    months: dict[str, list[float]] = {}
    for month, _quad, _d, n, g, _usd in rows:
        if len(month) == 7:  # a month, not "" (undated) or a year alone
            cell = months.setdefault(month, [0, 0.0])
            cell[0] += n
            cell[1] += g
    if not months:
        return
    month = max(months, key=lambda m: (months[m][0], abs(months[m][1]), m))
    within = _within(f, month)
    events, _ = store.event_page(_confident(within), per_page=40)
    if not events:
        events, _ = store.event_page(within, per_page=40)
    if not events:
        return
    n = int(months[month][0])
    total = sum(int(r[3]) for r in rows)
    when = month_label(month)
    if len(months) == 1 and n == total:
        head = {1: f"The event came in {when}: ", 2: f"Both events came in {when}: "}.get(
            n, f"All {n} events came in {when}: ")
    elif pair:
        head = f"The busiest month was {when}, with {n} of the {total} events: "
    else:
        head = f"{possessive(lead)} busiest month was {when}, with {n} of its {total} events: "
    brief.add(head, *_claims(brief, events), ".")


def _amounts(brief: Brief, store: Store, f: EventFilter, total: float,
             largest: Sequence[dict[str, Any]] | None = None) -> None:
    if total <= 0:
        return
    candidates = [r for r in largest if r["confidence"] >= LOW_CONFIDENCE] \
        if largest is not None else store.event_page(_confident(f), per_page=6, order="usd")[0]
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
            rows, _ = store.event_page(_confident(replace(f, quad=quad)), per_page=1)
            parts += [brief.cite(r) for r in rows]
    parts.append(f" and {conflict} conflictual" if conflict else " and none conflictual")
    if conflict:
        parts.append(f" ({quads.get(3, 0)} verbal, {quads.get(4, 0)} material) ")
        for quad in CONFLICT:
            if quads.get(quad):
                rows, _ = store.event_page(_confident(replace(f, quad=quad)), per_page=1)
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


def _total(store: Store, f: EventFilter, timeline: TimelineRows | None,
           events_timeline: TimelineRows | None) -> Tally:
    """The tally of the events `f` selects, from the timelines the caller has, if any."""
    return count_events(store, f, event_rows=events_timeline, mention_rows=timeline)


def _counted(store: Store, f: EventFilter, count: str, timeline: TimelineRows | None,
             events_timeline: TimelineRows | None) -> tuple[list[Any], int | None]:
    """The timeline rows to count with, and the number of mentions to show beside them."""
    mentions = list(timeline) if timeline is not None else store.timeline(f)
    if not groups_for(count):
        return mentions, None
    rows = list(events_timeline) if events_timeline is not None else store.timeline(
        f, groups=True)
    return rows, sum(r[3] for r in mentions)


def pair_brief(store: Store, a: str, b: str, f: EventFilter, *,
               timeline: TimelineRows | None = None,
               tours: Sequence[Tour] | None = None,
               amounts: Sequence[dict[str, Any]] | None = None,
               count: str = "events", events_timeline: TimelineRows | None = None) -> Brief:
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
    subject = f"{names[0]} and {names[1]}"
    _verdict(brief, store, f, subject, True, _total(store, f, timeline, events_timeline))
    _busiest(brief, store, f, rows, subject, pair=True)
    _amounts(brief, store, f, sum(r[5] for r in rows), amounts)
    _balance(brief, store, f, quad_totals(rows), f"between {names[0]} and {names[1]}",
             mentions)
    by_direction = [sum(r[3] for r in rows if r[2] == d) for d in (0, 1)]
    parts: list[str | int] = []
    for d, (src, tgt) in enumerate((names, names[::-1])):
        if by_direction[d]:
            latest, _ = store.event_page(_confident(
                replace(f, party=(a, b)[d], partner=(b, a)[d], directed=True)), per_page=1)
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
    recent, _ = store.event_page(_confident(f), per_page=8)
    seen: set[tuple[str, str]] = set()
    for article_id in dict.fromkeys(r["article_id"] for r in recent):
        groups: dict[tuple[int, str, str], dict[str, dict[str, Any]]] = {}
        for row in store.article_events(article_id):
            if row["negated"] or row["wrong"] or row["source_party"] not in (a, b) \
                    or row["confidence"] < LOW_CONFIDENCE:
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
                  timeline: TimelineRows | None = None,
                  partners: Mapping[str, Tally] | None = None,
                  tours: Sequence[Tour] | None = None,
                  amounts: Sequence[dict[str, Any]] | None = None,
                  count: str = "events", events_timeline: TimelineRows | None = None) -> Brief:
    """A short brief on one party, every claim citing the sentences that support it.

    `count` as for `pair_brief`. `timeline`, `events_timeline`, `partners` (the party's
    `counts.count_by_partner`), `tours` and `amounts` (events with the largest amounts)
    may be given when the caller has them already.
    """
    f = replace(f, party=party, partner=None)
    brief = Brief()
    name = the(party_name(party))
    rows, mentions = _counted(store, f, count, timeline, events_timeline)
    if not rows:
        brief.add(f"No events of {name} were coded"
                  f"{' for these filters' if f != EventFilter(party=party) else ''}.")
        return brief
    tallies = partners if partners is not None else count_by_partner(store, f)
    counts = {p: t.events if groups_for(count) else t.mentions for p, t in tallies.items()}
    top = sorted(counts, key=lambda p: (-counts[p], p))[:3]
    if top:
        parts: list[str | int] = [
            f"{possessive(name)} main partner{'s are' if len(top) > 1 else ' is'} "]
        for i, partner in enumerate(top):
            if i:
                parts.append(" and " if i == len(top) - 1 else ", ")
            latest, _ = store.event_page(_confident(replace(f, partner=partner)), per_page=1)
            parts += [f"{the(party_name(partner))} ({counts[partner]} event"
                      f"{'s' if counts[partner] != 1 else ''}) ",
                      *(brief.cite(r) for r in latest)]
        parts.append(".")
        brief.add(*parts)
    _verdict(brief, store, f, name, False, _total(store, f, timeline, events_timeline))
    _busiest(brief, store, f, rows, name, pair=False)
    _amounts(brief, store, f, sum(r[5] for r in rows), amounts)
    _balance(brief, store, f, quad_totals(rows), f"involving {name}", mentions)
    if tours is None:
        tours = leader_tours(store, party, replace(f, party=None))
    for tour in tours[:2]:
        _tour_sentence(brief, tour)
    return brief
