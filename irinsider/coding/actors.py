"""Actors: who a noun phrase stands for, as of the article's date.

The dictionaries in ``data/`` (countries, organisations, leaders, sector
words) and any user file are loaded once into an :class:`ActorDictionary`.
It marks every known name in a spaCy ``Doc`` with two phrase matchers, one
case-sensitive for proper names and one case-insensitive for sector words,
and then resolves a noun phrase to a code:

    "the Cuban foreign minister"  -> CUBGOV   (demonym + sector word)
    "officials in Moscow"          -> RUSGOV   (sector word + capital)
    "Putin" on 2018-11-09          -> RUSGOV   (leader in office)
    "Obama" on 2018-11-09          -> USAELI   (former leader: an elite, not the government)
    "the UN General Assembly"      -> IGOUNOGNA (organisation)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cache import cached, fingerprint, sources, versions
from ..datafiles import DATA_DIR, read_yaml
from ..errors import DataError
from .phrases import PhraseFinder

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = [
    "DATA_DIR", "ActorDictionary", "AddEntries", "Entry", "Marks", "Resolved", "Term",
    "build_actors", "load_actors", "load_user_actors",
]

# Kinds of dictionary entry, in the order a phrase's head prefers them.
COUNTRY, CAPITAL, CITY, METONYM, IGO, LEADER, GROUP, SECTOR, USER, REGION = (
    "country", "capital", "city", "metonym", "igo", "leader", "group", "sector", "user",
    "region",
)
# Prepositions after which a region's name is read as a place: "exercises *in Alaska*".
_LOCATIVE = {"in", "at", "near", "across", "throughout", "into", "inside", "outside"}
# Dependency labels whose subtree belongs to a noun phrase's head.
_MODIFIERS = {"compound", "amod", "poss", "nmod", "det", "nummod", "appos", "npadvmod"}
# Prepositions that attach an actor's country: "the president of Cuba", "officials in Moscow".
_OF_PREPS = {"of", "in", "from"}


@dataclass(frozen=True)
class Term:
    """A period in office."""

    role: str
    sector: str
    start: date | None
    end: date | None
    country: str | None = None
    igo: str | None = None  # an office in an organisation (NATO secretary-general)
    code: str | None = None  # the whole actor code for the period (user dictionaries)

    def holds(self, when: date) -> bool:
        """Whether the term covers `when` (its end is exclusive)."""
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True)
class Entry:
    """What a surface form means."""

    kind: str
    name: str
    code: str | None = None  # country or organisation code (None for sector words)
    country: str | None = None  # ISO alpha-3
    sector: str | None = None
    terms: tuple[Term, ...] = ()


# What `ActorDictionary.mark` finds in a Doc: for each token index the longest known name
# covering it, as (start, end, entries).
Marks = dict[int, tuple[int, int, list[Entry]]]


@dataclass(frozen=True)
class Resolved:
    """A noun phrase resolved to an actor."""

    code: str
    country: str | None
    sector: str | None
    kind: str
    name: str
    certainty: float
    start: int  # token offsets in the Doc of the name that decided it
    end: int
    via: str = ""  # "context": the article, not the phrase, says who it is (`context`)


@dataclass
class ActorDictionary:
    """All known actor names; build with :func:`load_actors`."""

    names: dict[str, list[Entry]] = field(default_factory=dict)  # case-sensitive forms
    words: dict[str, list[Entry]] = field(default_factory=dict)  # lowercase sector words
    cameo_of: dict[str, str] = field(default_factory=dict)  # ISO alpha-3 -> CAMEO code
    _matchers: dict[int, PhraseFinder] = field(default_factory=dict, repr=False)

    # ---- building -------------------------------------------------------------------
    def add_name(self, text: str, entry: Entry) -> None:
        """Another meaning of a name matched as written ("Georgia": a country, a state)."""
        text = " ".join(text.split())
        if text and entry not in self.names.setdefault(text, []):
            self.names[text].append(entry)

    def add_word(self, text: str, entry: Entry) -> None:
        """Another meaning of a word matched whatever its case (a sector word: "minister")."""
        text = " ".join(text.lower().split())
        if text and entry not in self.words.setdefault(text, []):
            self.words[text].append(entry)

    def override_name(self, text: str, entry: Entry) -> None:
        """A user's name, matched as written: it means `entry` alone, whatever we knew it as."""
        self.names[" ".join(text.split())] = [entry]

    def override_word(self, text: str, entry: Entry) -> None:
        """A user's name matched whatever its case: it means `entry` alone."""
        self.words[" ".join(text.lower().split())] = [entry]

    def forget_names(self, lowered: Collection[str]) -> None:
        """Drop the names matched as written that spell one of `lowered` in any case: a
        user's file that names "ZIMBABWE" redefines our "Zimbabwe"."""
        for key in [k for k in self.names if k.lower() in lowered]:
            del self.names[key]

    def country_code(self, iso3: str) -> str:
        """The CAMEO code of a country: "DEU" -> "DEU", "XKX" -> "KSV"."""
        return self.cameo_of.get(iso3, iso3)

    # ---- matching --------------------------------------------------------------------
    def _finder(self, nlp: Language) -> PhraseFinder:
        key = id(nlp.vocab)
        if key not in self._matchers:
            self._matchers[key] = PhraseFinder.load(nlp, list(self.names), list(self.words))
        return self._matchers[key]

    def mark(self, nlp: Language, doc: Doc) -> Marks:
        """Map each token index to the longest known name covering it: (start, end, entries)."""
        finder = self._finder(nlp)
        found: list[tuple[int, int, list[Entry]]] = []
        for start, end, text in finder.names(doc):
            found.append((start, end, self.names[text]))
        for start, end, text in finder.words(doc):
            found.append((start, end, self.words[text]))
        # Longest match first; a token keeps the first (longest) match that covers it.
        found.sort(key=lambda m: (m[0] - m[1], m[0]))
        cover: Marks = {}
        for start, end, entries in found:
            if any(i in cover for i in range(start, end)):
                continue
            for i in range(start, end):
                cover[i] = (start, end, entries)
        return cover

    # ---- resolving -------------------------------------------------------------------
    def resolve(
        self,
        head: Token,
        marks: Marks,
        when: date | None,
        *,
        owner: bool = False,
    ) -> Resolved | None:
        """The actor a noun phrase headed by `head` stands for, or None.

        A phrase whose head is a thing, not an actor, names no actor ("Russian
        equipment"), unless `owner` asks for the actor it belongs to: the target
        of "rejected *an Indian proposal*" is India. A proper name that is not in
        the dictionaries takes its country and sector from its modifiers
        ("Jordan's King Abdullah").
        """
        return _widen(self._resolve(head, _phrase_tokens(head), marks, when, owner), head)

    def resolve_all(
        self,
        head: Token,
        marks: Marks,
        when: date | None,
        *,
        owner: bool = False,
    ) -> list[Resolved]:
        """Every actor of a possibly coordinated phrase: "Putin and Díaz-Canel" -> two.

        Coordination is read from the parse (conjuncts) and, where the parser
        folded one name into another ("Díaz-Canel and Russian President Vladimir
        Putin" as one phrase), from an "and" between two known names.
        """
        out: list[Resolved] = []
        head = _counted(head, marks)
        heads = [head]
        mark = marks.get(head.i)
        if mark is not None:  # "Barack Obama and Putin" may hang its "and" from "Obama"
            heads += [t for t in head.doc[mark[0]:mark[1]] if t.i != head.i]
        for tok in sorted({c for h in heads for c in conjuncts(h)} - set(heads[1:]),
                          key=lambda t: t.i):
            parts = _split_on_and(tok, marks) or [_phrase_tokens(tok)]
            found = []
            for part in parts:
                part_head = tok if tok in part else part[-1]
                actor = _widen(self._resolve(part_head, part, marks, when, owner), part_head)
                if actor is not None:
                    found.append((tok in part, actor))
            # "Syrian and Afghan migrants": the migrants are Syrian too; "Israeli and
            # Hezbollah forces": the forces' sector, not Hezbollah's
            sector = _word_sector(tok, marks) or next(
                (a.sector for has_head, a in found if has_head and a.sector
                 and a.kind != GROUP), None)
            for has_head, actor in found:
                if not has_head and sector and actor.kind == COUNTRY and not actor.sector \
                        and actor.country:
                    actor = dataclasses.replace(
                        actor, code=self.country_code(actor.country) + sector, sector=sector)
                if all(a.code != actor.code for a in out):
                    out.append(actor)
        return self._share_country(out)

    def _share_country(self, actors: list[Resolved]) -> list[Resolved]:
        """In "Israeli helicopters and tanks" the tanks are Israeli too."""
        first = next((a for a in actors if a.country and a.kind != LEADER), None)
        if first is None or len(actors) < 2:
            return actors
        out: list[Resolved] = []
        for a in actors:
            if a.country is None and a.kind == SECTOR and a.sector:
                a = dataclasses.replace(
                    a, code=self.country_code(first.country or "") + a.sector,
                    country=first.country, certainty=a.certainty * 1.4)
            if all(b.code != a.code for b in out):
                out.append(a)
        return out

    def _resolve(
        self,
        head: Token,
        phrase: list[Token],
        marks: Marks,
        when: date | None,
        owner: bool,
    ) -> Resolved | None:
        head_mark = marks.get(head.i)
        if any(c.dep_ == "poss" and c.lower_ in _POSSESSIVES for c in head.children):
            # "its forces in Lebanon": the owner's forces, wherever they are
            located = {t.i for c in head.children if c.dep_ == "prep" and c.lower_ != "of"
                       for t in c.subtree}
            phrase = [t for t in phrase if t.i not in located]
        if head_mark is None and owner and head.pos_ != "PROPN":
            # A thing belongs to its possessor or modifier, not to where it is:
            # "an Indian proposal" is India's, "talks in Moscow" are not Russia's.
            located = {t.i for c in head.children if c.dep_ == "prep" and c.lower_ != "of"
                       for t in c.subtree}
            phrase = [t for t in phrase if t.i not in located]
            # "condemned an attack *by Osgiliath soldiers*": the doer owns the deed
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ == "by":
                    phrase += [t for t in c.subtree if t.i not in {p.i for p in phrase}]
        country: tuple[Entry, int, int] | None = None
        igo: tuple[Entry, int, int] | None = None
        leader: tuple[Entry, Term | None, int, int] | None = None
        sector: str | None = None
        user: tuple[Entry, int, int] | None = None
        group: tuple[Entry, int, int] | None = None
        seen: set[int] = set()
        for tok in phrase:
            mark = marks.get(tok.i)
            if mark is None or mark[0] in seen:
                continue
            seen.add(mark[0])
            start, end, entries = mark
            if _stance_prefix(tok.doc, start):
                continue  # "an anti-Syria journalist", "pro-Iranian militias": not Syria's
            is_head = start <= head.i < end
            # A possessor or "of"-phrase country outranks a compound one.
            for entry in entries:
                if entry.kind == USER and user is None:
                    user = (entry, start, end)
                elif entry.kind == GROUP and (group is None or is_head):
                    group = (entry, start, end)
                elif entry.kind == LEADER and leader is None:
                    leader = (entry, _term_at(entry, when), start, end)
                elif entry.kind == REGION and not (
                    tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE
                ):
                    continue  # a province's name is only trusted as a place ("Gulf" is one)
                elif entry.kind in (COUNTRY, CAPITAL, CITY, METONYM, REGION):
                    if country is None or is_head or tok.dep_ == "poss":
                        country = (entry, start, end)
                elif entry.kind == IGO:
                    if igo is None or is_head:
                        igo = (entry, start, end)
                elif entry.kind == SECTOR and entry.sector and (sector is None or is_head) \
                        and not _hyphenated(tok.doc, start):
                    # "multi-party elections", "anti-government rallies": not a party's own
                    sector = entry.sector
        head_kinds = {e.kind for e in head_mark[2]} if head_mark else set()
        discount = 1.0
        if not head_kinds:
            if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "NORP", "ORG"):
                discount = 0.85  # an unknown name: "Jordan's King Abdullah"
                head_kinds = {SECTOR}
            elif owner:
                discount = 0.7  # the owner of a thing: "an Indian proposal"
                head_kinds = {SECTOR}
            else:
                return None  # "Russian military equipment": a country word, but not an actor
        if user is not None:
            entry, start, end = user
            code, where = entry.code or "", entry.country
            if entry.terms:  # date-restricted codes: the one in force, if any
                term = _term_at(entry, when) if when is not None else None
                if term is None and when is not None:
                    return None
                held = term or max(entry.terms, key=lambda t: t.start or date.min)
                code, where = held.code or code, held.country or where
            if code in ("---", "+++", ""):
                return None  # the dictionary says: no actor
            if sector and len(code) == 3:
                code += sector  # "the Arnorian president": ARN + GOV
            return Resolved(code, where, entry.sector, USER, entry.name, 1.0, start, end)
        if leader is not None and (LEADER in head_kinds or SECTOR in head_kinds):
            entry, term, start, end = leader
            if term is None:
                ctry = entry.country
                if ctry is None:
                    return None
                return Resolved(self.country_code(ctry) + "ELI", ctry, "ELI", LEADER, entry.name,
                                0.8, start, end)
            igo_code = term.igo or (entry.code if entry.country is None else None)
            if igo_code:  # an organisation's leader
                return Resolved(igo_code, None, term.sector, LEADER, entry.name, 0.95,
                                start, end)
            ctry = term.country or entry.country
            if ctry is None:
                return None
            return Resolved(self.country_code(ctry) + term.sector, ctry, term.sector, LEADER,
                            entry.name, 0.95, start, end)
        if group is not None and (GROUP in head_kinds or SECTOR in head_kinds):
            entry, start, end = group
            term = _term_at(entry, when) if when is not None else None
            sec = term.sector if term is not None else entry.sector
            if sec in _PEOPLES and sector is not None and SECTOR in head_kinds:
                sec = sector  # "Rohingya refugees" are Myanmar's refugees, not its people
            if entry.country is None:
                code = entry.code or ""
            else:
                code = self.country_code(entry.country) + (sec or "")
            return Resolved(code, entry.country, sec, GROUP, entry.name, 0.95 * discount,
                            start, end)
        if country is not None and any(t.lower_ == "ethnic" for t in phrase):
            # "ethnic Albanians in Serbia": a people, not the state named after it
            entry, start, end = country
            return Resolved("---ETH", None, "ETH", SECTOR, head.text, 0.6 * discount,
                            start, end)
        if country is not None and (IGO not in head_kinds or country[0].kind != COUNTRY
                                    or head.dep_ != "compound"):
            entry, start, end = country
            sec = sector
            if sec is None and entry.kind == METONYM:
                sec = entry.sector
            code = self.country_code(entry.country or "") + (sec or "")
            certainty = {COUNTRY: 1.0, CAPITAL: 0.9, METONYM: 0.9, CITY: 0.75,
                         REGION: 0.7}[entry.kind]
            if igo is not None and IGO in head_kinds:
                igo_entry, s, e = igo
                return Resolved(igo_entry.code or "", None, sector, IGO, igo_entry.name, 0.95,
                                s, e)
            return Resolved(code, entry.country, sec, entry.kind, entry.name,
                            certainty * discount, start, end)
        if igo is not None:
            entry, start, end = igo
            return Resolved(entry.code or "", None, sector, IGO, entry.name, 0.95 * discount,
                            start, end)
        if sector is not None and head_mark is not None:
            start, end, _ = head_mark
            return Resolved("---" + sector, None, sector, SECTOR, head.text, 0.5, start, end)
        if sector is not None and head.pos_ == "PROPN" and head_mark is None:
            # "President Abdelaziz Bouteflicka", a name not in the dictionaries: the title
            # says the sector, the country is still to be found
            start = min(t.i for t in phrase)
            return Resolved("---" + sector, None, sector, SECTOR, head.text, 0.4, start,
                            head.i + 1)
        return None


def _word_sector(head: Token, marks: Marks) -> str | None:
    """The sector a head word itself names ("forces": MIL), or None."""
    mark = marks.get(head.i)
    return next((e.sector for e in mark[2] if e.kind == SECTOR and e.sector), None) \
        if mark is not None else None


def _counted(head: Token, marks: Marks) -> Token:
    """What a count stands for: "scores *of* refugees", "thousands of Nigerians"."""
    if not (head.pos_ == "NUM" or head.lemma_.lower() in _COUNTS or head.lower_ in _COUNTS):
        return head
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return head


def _hyphenated(doc: Doc, start: int) -> bool:
    """The word ends a hyphenated modifier: "multi-*party*", "anti-*government*"."""
    return start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_


def _stance_prefix(doc: Doc, start: int) -> bool:
    """A name written after "anti-", "pro-" or "non-": a stance toward it, not its own."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in (
        "anti", "pro", "non") and not doc[start - 2].whitespace_


def _widen(actor: Resolved | None, head: Token) -> Resolved | None:
    """Let an actor's span run from its deciding name to its head: "Russian *companies*"."""
    if actor is None or actor.start <= head.i < actor.end:
        return actor
    return dataclasses.replace(actor, start=min(actor.start, head.i),
                               end=max(actor.end, head.i + 1))


def _term_at(entry: Entry, when: date | None) -> Term | None:
    if not entry.terms:
        return None
    if when is None:  # no date: the latest term
        return max(entry.terms, key=lambda t: t.start or date.min)
    held = [t for t in entry.terms if t.holds(when)]
    # A civilian office outranks a concurrent military one; an organisation's last.
    held.sort(key=lambda t: (t.igo is not None, t.sector != "GOV"))
    return held[0] if held else None


_POSSESSIVES = {"its", "their", "his", "her", "our"}
# sectors of a people, which a sector word at the head of the phrase says more of
_PEOPLES = {"ETH", "REL"}
_COUNTS = {"score", "dozen", "hundred", "thousand", "million", "group", "number", "some",
           "many", "most", "all", "several", "few", "handful", "band", "crowd", "lot", "one",
           "two", "three", "dozens", "hundreds", "thousands", "millions", "majority", "half",
           "third", "part", "rest"}


def _phrase_tokens(head: Token) -> list[Token]:
    """The head and the tokens that modify it, without clauses and conjuncts."""
    out = [head]
    stack = list(head.children)
    while stack:
        tok = stack.pop()
        if tok.dep_ in _MODIFIERS or (tok.dep_ == "prep" and tok.lower_ in _OF_PREPS):
            out.append(tok)
            stack.extend(tok.children)
        elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in _OF_PREPS:
            out.append(tok)
            # "workers of the bus company of Tehran": follow a chain of "of"s
            stack.extend(c for c in tok.children if c.dep_ in _MODIFIERS
                         or (c.dep_ == "prep" and c.lower_ == "of"))
    return sorted(out, key=lambda t: t.i)


def _split_on_and(head: Token, marks: Marks) -> list[list[Token]]:
    """Cut the words before a head at "and" when known names stand on both sides of it."""
    doc = head.doc
    words = list(doc[head.left_edge.i:head.i + 1])
    if not any(t.lower_ in ("and", "&") for t in words):
        return []
    parts: list[list[Token]] = [[]]
    for tok in words:
        if tok.lower_ in ("and", "&"):
            parts.append([])
        elif not tok.is_punct or tok.text == "-":
            parts[-1].append(tok)
    if len(parts) < 2 or not all(any(t.i in marks for t in p) for p in parts):
        return []
    return parts


def conjuncts(head: Token) -> list[Token]:
    """A head and its coordinated heads: "Putin and Díaz-Canel" -> [Putin, Canel]."""
    out = [head]
    for tok in head.conjuncts:
        if tok not in out:
            out.append(tok)
    return sorted(out, key=lambda t: t.i)


# ---- loading ---------------------------------------------------------------------------
def _date(value: Any, path: Path) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DataError(f"{path}: {value!r} is not a YYYY-MM-DD date") from None


def _load_countries(d: ActorDictionary, path: Path) -> None:
    for row in read_yaml(path):
        iso3 = row["iso3"]
        if row.get("cameo"):
            d.cameo_of[iso3] = row["cameo"]
        name = row["name"]
        base = {"name": name, "code": d.country_code(iso3), "country": iso3}
        for text in [name, *(row.get("names") or []), *(row.get("adjectives") or [])]:
            d.add_name(text, Entry(COUNTRY, **base))
        if row.get("capital"):
            d.add_name(row["capital"], Entry(CAPITAL, **base))
        for text in row.get("cities") or []:
            d.add_name(text, Entry(CITY, **base))
        for text in row.get("metonyms") or []:
            d.add_name(text, Entry(METONYM, sector="GOV", **base))
        for text in row.get("metonyms_military") or []:
            d.add_name(text, Entry(METONYM, sector="MIL", **base))


def _load_igos(d: ActorDictionary, path: Path) -> None:
    for row in read_yaml(path):
        entry = Entry(IGO, row["name"], code=row["code"])
        for text in [row["name"], *(row.get("names") or []), *(row.get("adjectives") or [])]:
            d.add_name(text, entry)


def _load_sectors(d: ActorDictionary, path: Path) -> None:
    for code, spec in (read_yaml(path).get("sectors") or {}).items():
        entry = Entry(SECTOR, spec.get("name", code), sector=code)
        for word in spec.get("words") or []:
            d.add_word(word, entry)


def _load_groups(d: ActorDictionary, path: Path) -> None:
    for row in read_yaml(path):
        terms = tuple(
            Term(role="", sector=t["sector"], start=_date(t.get("start"), path),
                 end=_date(t.get("end"), path))
            for t in row.get("terms") or []
        )
        entry = Entry(GROUP, row["name"], code=row.get("code"), country=row.get("country"),
                      sector=row.get("sector"), terms=terms)
        for text in [row["name"], *(row.get("names") or [])]:
            d.add_name(text, entry)


# ISO 3166-2 subdivision types that news names as places ("in Alaska", "in Punjab").
_REGION_TYPES = {"State", "Province", "Region", "Governorate", "Oblast", "Republic",
                 "Autonomous republic", "Autonomous region", "Autonomous province",
                 "Territory", "Federal territory", "Administrative region", "Emirate",
                 "Autonomous community", "Federal district", "Union territory"}


_GENERIC_PLACE_WORDS = {
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
    "Central", "Centre", "Center", "Upper", "Lower", "Middle", "Far", "Coast", "Coastal",
    "Delta", "Lakes", "Plateau", "Plateaux", "Savanes", "Province", "Region", "Capital",
    "National", "Territory", "District", "Nord", "Sud", "Est", "Ouest", "Island", "Islands",
    "Mountain", "Highlands", "Greater", "Interior", "Littoral", "Valley", "Lake", "River",
}


def _load_regions(d: ActorDictionary) -> None:
    """Provinces and states from ISO 3166-2 (pycountry), as places of their country.

    A name shared by two countries (Punjab), already known, or short is left out.
    """
    import pycountry

    owners: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.type in _REGION_TYPES:
            owners.setdefault(sub.name, set()).add(sub.country_code)
    for name, codes in sorted(owners.items()):
        if len(codes) != 1 or len(name) < 4 or name in d.names or "(" in name:
            continue
        if all(w in _GENERIC_PLACE_WORDS for w in re.split(r"[ -]+", name)):
            continue  # "North", "Central Province", "Coast": words, not names
        country = pycountry.countries.get(alpha_2=next(iter(codes)))
        if country is None:
            continue
        iso3 = country.alpha_3
        d.add_name(name, Entry(REGION, name, code=d.country_code(iso3), country=iso3))


def _load_agents(d: ActorDictionary, path: Path) -> None:
    entry = Entry(SECTOR, "agent", sector=None)
    for word in read_yaml(path).get("agents") or []:
        d.add_word(str(word), entry)


def _load_leaders(d: ActorDictionary, path: Path) -> None:
    for row in read_yaml(path):
        terms = tuple(
            Term(
                role=t.get("role", ""),
                sector=t.get("sector", "GOV"),
                start=_date(t.get("start"), path),
                end=_date(t.get("end"), path),
                country=t.get("country"),
                igo=t.get("igo"),
            )
            for t in row.get("terms") or []
        )
        entry = Entry(LEADER, row["name"], code=row.get("igo"), country=row.get("country"),
                      terms=terms)
        for text in [row["name"], *(row.get("aliases") or [])]:
            d.add_name(text, entry)


def load_user_actors(d: ActorDictionary, path: Path) -> None:
    """Add a user dictionary in our YAML format; its names override ours.

    ``actors: [{code: ARN, name: Arnor, names: [Arnor, Arnorian], country: null}]``;
    an entry with ``terms`` is a person, like a leader. (PETRARCH's text format is read
    by `irinsider.petrarch`; `irinsider.pipeline` adds such files through `build_actors`.)
    """
    if path.suffix.lower() == ".txt":
        raise DataError(f"{path}: a PETRARCH-format dictionary, read by irinsider.petrarch"
                        " (irinsider.pipeline loads both formats)")
    data = read_yaml(path)
    rows = data.get("actors") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise DataError(f"{path}: expected a list of actors under 'actors:'")
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not row.get("code") or not row.get("name"):
            raise DataError(f"{path}: actor {n} needs at least 'code' and 'name'")
        names = [row["name"], *(row.get("names") or [])]
        if row.get("terms"):
            terms = tuple(
                Term(t.get("role", ""), t.get("sector", "GOV"), _date(t.get("start"), path),
                     _date(t.get("end"), path), t.get("country") or row.get("country"))
                for t in row["terms"]
            )
            entry = Entry(LEADER, row["name"], code=row["code"], country=row.get("country"),
                          terms=terms)
        else:
            entry = Entry(USER, row["name"], code=row["code"], country=row.get("country"),
                          sector=row.get("sector"))
        for text in names:
            d.override_name(text, entry)  # a user's word overrides ours


# Adds a user's entries to a dictionary: how a format other than our YAML is plugged in.
AddEntries = Callable[[ActorDictionary], None]


def build_actors(user: Iterable[Path | AddEntries] = ()) -> ActorDictionary:
    """A new dictionary: the bundled dictionaries, then each of `user` in turn, a later one
    overriding an earlier: the path of a YAML file (`load_user_actors`) or a function that
    adds entries of its own (the pipeline's, for PETRARCH's files)."""
    d = ActorDictionary()
    _load_countries(d, DATA_DIR / "countries.yaml")
    _load_igos(d, DATA_DIR / "igos.yaml")
    _load_sectors(d, DATA_DIR / "sectors.yaml")
    _load_agents(d, DATA_DIR / "agents.yaml")
    _load_leaders(d, DATA_DIR / "leaders.yaml")
    _load_groups(d, DATA_DIR / "groups.yaml")
    _load_regions(d)
    for source in user:
        if isinstance(source, Path):
            load_user_actors(d, source)
        else:
            source(d)
    return d


@lru_cache(maxsize=8)
def load_actors(user_files: tuple[str, ...] = ()) -> ActorDictionary:
    """The bundled dictionaries plus user YAML files, loaded once per set of files and
    kept on disk (`irinsider.cache`) until a data file, a user file or the code changes."""
    paths = [Path(name) for name in user_files]
    key = fingerprint(*data_fingerprint(), *paths)
    return cached("actors", key, lambda: build_actors(paths))


def data_fingerprint() -> list[str | bytes | Path]:
    """What the bundled dictionaries are built from, for a cache key: the data files, the
    coding code and the libraries that read them (pycountry gives the regions)."""
    data = sorted(p for p in DATA_DIR.iterdir() if p.is_file())
    code = sources(Path(__file__).parent, DATA_DIR.parent / "datafiles.py")
    return [versions("pyyaml", "pycountry"), *data, *code]

