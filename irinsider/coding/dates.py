"""When an event happened: a date phrase of its clause, read against the article's date.

    resolve("last week", date(2018, 11, 9))      -> EventDate(2018-10-29, "week", "last week")
    resolve("Nov. 9, 2018", None)                -> EventDate(2018-11-09, "day", ...)
    resolve("in 2015", date(2018, 11, 9))        -> EventDate(2015-01-01, "year", "in 2015")
    resolve("for three years", date(2018, 11, 9)) -> None (a duration, not a date)

A phrase is read by ``dateparser`` (English only) with the article's date as
the base of relative phrases, preferring the past or the future as the
clause's tense says. A resolved date keeps its precision: ``day``, ``week``,
``month`` or ``year``; ``date`` is the first day of that period, and `middle`
its middle (what tells who held an office then). Durations ("for three
years", "two decades of"), ages ("65-year-old"), frequencies ("annual"),
decades, ranges and deadlines ("by 2020") are not dates. A phrase that cannot
be read gives None, never an error. Dates written out in full ("2015", "March
2016", "Nov. 9, 2018") are read directly; the rest by dateparser, which takes
about half a millisecond a phrase, so results are cached per (phrase, base,
preference).

`find_date` picks the date of an event from the DATE entities of its clause
(see `irinsider.clauses`): the one nearest the trigger verb that resolves.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "PRECISIONS",
    "PREFERENCES",
    "EventDate",
    "date_phrases",
    "find_date",
    "is_date_phrase",
    "resolve",
]

# How precise a date is; "article" marks an event dated by its article.
PRECISIONS = ("day", "week", "month", "year", "article")
# Which way an ambiguous phrase ("Friday", "in March") is read, after dateparser's
# PREFER_DATES_FROM: a past-tense clause looks back, a future one forward.
PREFERENCES = ("past", "future", "current_period")
# Prepositions that make a date phrase a bound or a span, not the event's date:
# "by 2020", "since 2014", "for 2019", "until Friday".
NOT_EVENT_PREPS = {"for", "within", "over", "throughout", "until", "till", "by", "since",
                   "after", "before", "from", "to", "between", "through", "per", "following"}

_MONTHS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "jun": "June",
    "jul": "July", "aug": "August", "sep": "September", "sept": "September",
    "oct": "October", "nov": "November", "dec": "December",
}
_MONTH_ABBREV = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b\.?", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"(" + "|".join(_WEEKDAYS) + r")(?:\s+(?:morning|afternoon|evening|night))?",
                      re.IGNORECASE)
_NUMBER = (r"(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
           r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
           r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|several|few|many|some|"
           r"couple(?:\s+of)?|dozen|half(?:\s+a)?)")
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centur(?:y|ies))"
# "three years", "two decades", "the past 20 years", "a year later": spans, not dates
_DURATION = re.compile(rf"\b{_NUMBER}(?:[\s-]+(?:more|full|long|straight|consecutive))?"
                       rf"[\s-]+{_UNIT}\b", re.IGNORECASE)
_AGO = re.compile(r"\bago\b", re.IGNORECASE)
_AGE = re.compile(r"year-old|years?\s+old|years?\s+of\s+age|\baged?\b", re.IGNORECASE)
_FREQUENCY = re.compile(r"\b(?:annual(?:ly)?|daily|weekly|monthly|yearly|quarterly|each|"
                        r"every|per)\b|\b(?:recent|decades|years|months|weeks|days|future|"
                        r"past)$", re.IGNORECASE)
_DECADE = re.compile(r"\d0'?s\b", re.IGNORECASE)
_RANGE = re.compile(r"\d\s*[-–—/]\s*\d|\b(?:to|and|through)\b.*\d{4}", re.IGNORECASE)
_YEAR = re.compile(r"\b(1\d\d\d|20\d\d|21\d\d)\b")
_BARE_NUMBER = re.compile(r"^\d+$")
# Words around a period that leave its precision as it is: "early March", "mid-2015",
# "the end of the year", "earlier this month".
_VAGUE = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?(?:early|mid|middle|late|end|beginning|start|close|turn)"
    r"(?:\s+of)?[\s-]+(?:the\s+)?|earlier\s+|later\s+|this\s+past\s+)",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:on|in|at|during|of)\s+", re.IGNORECASE)
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTH = "|".join(_MONTH_NAMES)
# Dates written out in full, read without dateparser: "2015", "March 2016",
# "November 9, 2018", "9 November 2018".
_ISO = re.compile(r"(?P<year>\d{4})-(?P<monthno>\d\d)-(?P<day>\d\d)")
_ABSOLUTE = (
    _ISO,
    re.compile(r"(?P<year>\d{4})"),
    re.compile(rf"(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})", re.IGNORECASE),
    re.compile(rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
               r"(?P<year>\d{4})", re.IGNORECASE),
    re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH}),?\s+"
               r"(?P<year>\d{4})", re.IGNORECASE),
)


@dataclass(frozen=True)
class EventDate:
    """A resolved date: the first day of a period, its precision and the phrase read."""

    date: date
    precision: str  # day, week, month or year
    text: str

    @property
    def middle(self) -> _dt.date:
        """The middle of the period: a month or a year alone stands for its middle."""
        if self.precision == "year":
            return date(self.date.year, 7, 1)
        if self.precision == "month":
            return self.date.replace(day=15)
        if self.precision == "week":
            return self.date + timedelta(days=3)
        return self.date


def _clean(text: str) -> str:
    """The phrase as dateparser reads it best: "Nov. 9" -> "November 9", "Sunday's" -> "Sunday"."""
    text = " ".join(text.split())
    text = re.sub(r"['’]s$", "", text)
    text = _LEADING.sub("", text)
    text = _VAGUE.sub("", text)
    if text.lower().startswith("the "):
        text = text[4:]
    if text.lower() in ("year", "month", "week"):  # "the end of the year"
        text = "this " + text
    return _MONTH_ABBREV.sub(lambda m: _MONTHS[m[1].lower()], text).strip(" ,.")


def is_date_phrase(text: str) -> bool:
    """Whether a DATE phrase may name a date: not a duration, age, frequency, decade or range."""
    if _ISO.fullmatch(text.strip()):
        return True
    if _AGE.search(text) or _DECADE.search(text) or _FREQUENCY.search(text.strip()):
        return False
    if _DURATION.search(text) and not _AGO.search(text):
        return False
    if _RANGE.search(text) or len(_YEAR.findall(text)) > 1:
        return False
    return not (_BARE_NUMBER.match(text.strip()) and not _YEAR.fullmatch(text.strip()))


def _absolute(text: str) -> tuple[bool, EventDate | None]:
    """Whether the phrase is a date written out in full, and that date (None when it is
    impossible: "February 30, 2018")."""
    for pattern in _ABSOLUTE:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        parts = {k: v for k, v in m.groupdict().items() if v}
        if "monthno" in parts:
            month = int(parts["monthno"])
        else:
            month = _MONTH_NAMES.index(parts["month"].lower()) + 1 if "month" in parts else 1
        try:
            day = date(int(parts["year"]), month, int(parts.get("day", 1)))
        except ValueError:
            return True, None
        if "day" in parts:
            return True, EventDate(day, "day", text)
        return True, EventDate(day, "month" if "month" in parts else "year", text)
    return False, None


_YEARLESS = (
    re.compile(rf"(?P<month>{_MONTH})", re.IGNORECASE),
    re.compile(rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?", re.IGNORECASE),
    re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})",
               re.IGNORECASE),
)


def _yearless(text: str, base: date, prefer: str) -> tuple[bool, EventDate | None]:
    """A month, or a day of a month, without its year ("in March", "on July 29"): the
    latest one up to `base` when looking back, the first from `base` when looking ahead,
    else the one in `base`'s year. None for an impossible day ("February 30")."""
    for pattern in _YEARLESS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        month = _MONTH_NAMES.index(m["month"].lower()) + 1
        day = int(m["day"]) if "day" in m.groupdict() else None
        precision = "month" if day is None else "day"
        key = (month, day or 0)
        here = (base.month, base.day if day is not None else 0)
        year = base.year
        if prefer == "past" and key > here:
            year -= 1
        elif prefer == "future" and key < here:
            year += 1
        try:
            return True, EventDate(date(year, month, day or 1), precision, "")
        except ValueError:
            return True, None
    return False, None


_RELATIVE = re.compile(r"(today|yesterday|tomorrow)|(this|last|next)\s+(week|month|year)",
                       re.IGNORECASE)


def _relative(text: str, base: date) -> EventDate | None:
    """The commonest relative phrases, read without dateparser: "yesterday", "last week"."""
    m = _RELATIVE.fullmatch(text)
    if m is None:
        return None
    if m[1]:
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[m[1].lower()]
        return EventDate(base + timedelta(days=shift), "day", "")
    step = {"this": 0, "last": -1, "next": 1}[m[2].lower()]
    unit = m[3].lower()
    if unit == "week":
        monday = base - timedelta(days=base.weekday())
        return EventDate(monday + timedelta(weeks=step), "week", "")
    if unit == "month":
        months = base.year * 12 + base.month - 1 + step
        return EventDate(date(months // 12, months % 12 + 1, 1), "month", "")
    return EventDate(date(base.year + step, 1, 1), "year", "")


def _weekday(name: str, base: date, prefer: str) -> date:
    """The named weekday nearest `base` in the preferred direction; `base` itself if it is one."""
    wanted = _WEEKDAYS.index(name.lower())
    if prefer == "past":
        return base - timedelta(days=(base.weekday() - wanted) % 7)
    if prefer == "future":
        return base + timedelta(days=(wanted - base.weekday()) % 7)
    return base + timedelta(days=wanted - base.weekday())  # the same week


@lru_cache(maxsize=64)
def _parser(base: date, prefer: str):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "RETURN_TIME_AS_PERIOD": True,
    })


@lru_cache(maxsize=8192)
def resolve(text: str, base: date | None, prefer: str = "past") -> EventDate | None:
    """The date a phrase names, read against `base` (the article's date); None if none.

    Without a base only a phrase that names its year is read, so that nothing
    depends on today's date.
    """
    if prefer not in PREFERENCES:
        raise ValueError(f"unknown date preference {prefer!r}; use one of {PREFERENCES}")
    if not is_date_phrase(text):
        return None
    cleaned = _clean(text)
    if not cleaned or not is_date_phrase(cleaned):
        return None
    written, found = _absolute(cleaned)
    if written:
        if found is None or not 1000 <= found.date.year < 2200:
            return None
        return EventDate(found.date, found.precision, text)
    if base is None:
        if not _YEAR.search(cleaned):
            return None
        base = date(2000, 1, 1)  # any fixed date: the phrase names its year
    weekday = _WEEKDAY.fullmatch(cleaned)
    if weekday is not None:
        return EventDate(_weekday(weekday[1], base, prefer), "day", text)
    common = _relative(cleaned, base)
    if common is None:
        written, common = _yearless(cleaned, base, prefer)
        if written and common is None:
            return None
    if common is not None:
        return EventDate(common.date, common.precision, text)
    try:
        data = _parser(base, prefer).get_date_data(cleaned)
    except (ValueError, OverflowError, TypeError, AttributeError, KeyError, IndexError):
        return None
    found = data.date_obj if data is not None else None
    if found is None or not 1000 <= found.year < 2200:
        return None
    day = found.date()
    period = data.period
    if period == "year":
        return EventDate(date(day.year, 1, 1), "year", text)
    if period == "month":
        return EventDate(day.replace(day=1), "month", text)
    if period == "week":
        return EventDate(day - timedelta(days=day.weekday()), "week", text)
    return EventDate(day, "day", text)  # a day, or a time of day ("this morning")


def date_phrases(doc: Doc) -> list[tuple[int, int, str]]:
    """The DATE entities of a document that may date an event: (root token, start, text).

    A phrase that is the object of a bounding preposition ("by 2020", "since 2014")
    is left out: it is not the date of the event it hangs from.
    """
    out: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in NOT_EVENT_PREPS:
            continue
        if any(t.dep_ == "prep" and t.lower_ in NOT_EVENT_PREPS for t in ent):
            continue
        out.append((root.i, ent.start, ent.text))
    return out


def find_date(clause: Sequence[tuple[Token, int]], base: date | None, prefer: str = "past",
              phrases: Sequence[tuple[int, int, str]] | None = None) -> EventDate | None:
    """The date of an event: the date phrase of its clause nearest the trigger that resolves.

    `clause` is the clause's tokens with their depth below the trigger (see
    `irinsider.clauses.clause_tokens`); `phrases` the document's `date_phrases`,
    found again when not given.
    """
    if not clause:
        return None
    if phrases is None:
        phrases = date_phrases(clause[0][0].doc)
    if not phrases:
        return None
    depth = {tok.i: d for tok, d in clause}
    found = sorted((depth[root], start, text) for root, start, text in phrases if root in depth)
    for _depth, _start, text in found:
        resolved = resolve(text, base, prefer)
        if resolved is not None:
            return resolved
    return None
