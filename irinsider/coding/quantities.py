"""Find amounts of money, counts, distances, ranges and percentages in text.

    find_quantities("a $50 million loan for 60 investment projects")
    -> [Quantity(kind="money", value=50_000_000, unit="USD", text="$50 million", ...),
        Quantity(kind="count", value=60, unit="investment projects", ...)]

The finder is a pure function over precompiled regular expressions. Patterns
run in priority order (ranges before single values; money, then distance, then
percent, then counts) and a number already taken by an earlier match is never
reported twice. Counts need a plural noun within three words of the number, so
years, dates, ordinals, clock times and designators ("Article 5") are skipped.

Money units are ISO 4217 codes where the currency is unambiguous (``USD``,
``EUR``, ``RUB``, ``CNY``); a bare currency name shared by several countries
("pesos", "rupees", "dinars") is kept as its singular name (``peso``).
Distances keep the value as written with the unit normalised to ``km``,
``mi``, ``nmi`` or ``m``; percentages use the unit ``%``. A range has kind
``range``, its lower bound in ``value``, its upper bound in ``value_max`` and
the unit of what it measures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from ..model import Quantity

__all__ = ["find_quantities"]

# --------------------------------------------------------------------------- tables

_SCALES: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "trn": 10**12,
}

# Symbols and codes written before the number.
_PREFIXES: dict[str, str] = {
    "US$": "USD",
    "U.S.$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "₽": "RUB",
    "₴": "UAH",
    "₺": "TRY",
    "₪": "ILS",
}
_CODES = (
    "USD", "EUR", "GBP", "RUB", "CNY", "JPY", "CHF", "INR", "UAH", "TRY", "ILS", "SAR",
    "AUD", "CAD", "HKD", "SGD", "NZD", "BRL", "KRW", "MXN", "ZAR", "IRR", "EGP", "PKR",
)

# Currency names written after the number (singular; plurals are derived).
_CURRENCY_NAMES: dict[str, str] = {
    "dollar": "USD",
    "us dollar": "USD",
    "u.s. dollar": "USD",
    "american dollar": "USD",
    "australian dollar": "AUD",
    "canadian dollar": "CAD",
    "hong kong dollar": "HKD",
    "singapore dollar": "SGD",
    "new zealand dollar": "NZD",
    "taiwan dollar": "TWD",
    "new taiwan dollar": "TWD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "british pound": "GBP",
    "egyptian pound": "EGP",
    "ruble": "RUB",
    "rouble": "RUB",
    "russian ruble": "RUB",
    "russian rouble": "RUB",
    "yuan": "CNY",
    "chinese yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "japanese yen": "JPY",
    "korean won": "KRW",
    "south korean won": "KRW",
    "hryvnia": "UAH",
    "ukrainian hryvnia": "UAH",
    "shekel": "ILS",
    "israeli shekel": "ILS",
    "turkish lira": "TRY",
    "swiss franc": "CHF",
    "indian rupee": "INR",
    "pakistani rupee": "PKR",
    "mexican peso": "MXN",
    "argentine peso": "ARS",
    "philippine peso": "PHP",
    "colombian peso": "COP",
    "chilean peso": "CLP",
    "saudi riyal": "SAR",
    "iranian rial": "IRR",
    "iraqi dinar": "IQD",
    "south african rand": "ZAR",
    "brazilian real": "BRL",
    # Names shared by several currencies: keep the name, not a guessed code.
    "peso": "peso",
    "rupee": "rupee",
    "dinar": "dinar",
    "riyal": "riyal",
    "rial": "rial",
    "lira": "lira",
    "franc": "franc",
    "rand": "ZAR",
}
_INVARIANT = ("yen", "yuan", "renminbi", "won", "rand", "real")


def _plural(name: str) -> str:
    if name.endswith(_INVARIANT):
        return name
    if name == "pound sterling" or name.endswith(" pound sterling"):
        return name.replace("pound", "pounds")
    return name + "s"


_CURRENCY_FORMS: dict[str, str] = {}
for _name, _code in _CURRENCY_NAMES.items():
    _CURRENCY_FORMS[_name] = _code
    _CURRENCY_FORMS[_plural(_name)] = _code
_CURRENCY_FORMS["lire"] = "lira"

_DISTANCE_UNITS: dict[str, str] = {
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "kms": "km",
    "km": "km",
    "nautical miles": "nmi",
    "nautical mile": "nmi",
    "miles": "mi",
    "mile": "mi",
    "mi": "mi",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
}

_NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = tuple(w for w in _NUMBER_WORDS if w not in _TENS and w != "hundred")

# Words that can follow a number without being (part of) what it counts.
_STOPWORDS = frozenset(
    """
    a an the and or but nor of in on at to for from with by into onto over under about
    than as per each every more less fewer most least some any all both either neither
    is are was were be been being am has have had do does did will would shall should
    can could may might must that which who whom whose this these those it its his her
    their our your my he she they we you i us them him me there here when where while
    after before since until ago later earlier during against between among through
    times percent pct per cent not no yes so if then also only just even still yet
    again once twice thus plus minus versus vs via
    """.split()
)
_IRREGULAR_PLURALS = frozenset(
    """
    people children men women police personnel staff aircraft spacecraft cattle sheep
    livestock militia infantry cavalry clergy crew fish deer
    """.split()
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_DESIGNATORS = (
    "article|resolution|section|chapter|paragraph|clause|annex|protocol|act|law|item|"
    "point|page|no|nos|number|flight|room|route|highway|road|phase|level|unit|group|"
    "division|brigade|battalion|regiment|squadron|fleet|corps|platoon|company|block|"
    "building|terminal|gate|round|stage|grade|category|tier|model|version|vol|volume|"
    "week|day|year|reactor|figure|table|docket"
)

# --------------------------------------------------------------------------- patterns


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, spaces as any whitespace."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Not inside a word, a longer number, a code ("F-16", "MH17") or a time ("10:30").
_START = r"(?<![\w.,:/\-–$€£₹₽₴₺₪])"
# Not followed by more of a number, a word character or a hyphenated compound.
_END = r"(?![\w%]|[.,:]\d)"
_CONNECT = r"(?(between)\s+and\s+|(?:\s*[-–—]\s*|\s+to\s+))"
_BETWEEN = r"(?:(?P<between>\bbetween)\s+)?"
_SCALE = (
    r"(?:\s+(?P<{p}scale>thousand|million|billion|trillion)\b"
    r"|\s?(?P<{p}abbr>bn|mn|tn|trn)\b"
    r"|(?P<{p}short>[mbk])\b)"
)
_WORD_SCALE = r"(?:\s+(?P<{p}scale>thousand|million|billion|trillion)\b)"
_PREFIX = (
    rf"(?P<{{p}}cur>(?:{_alternation(_PREFIXES)})[ \t]?"
    rf"|(?<![A-Za-z])(?:{'|'.join(_CODES)})(?:\s+|(?=\d)))"
)
_SUFFIX = (
    rf"(?:\s+(?P<name>(?i:{_alternation(_CURRENCY_FORMS)}))\b"
    rf"|\s?(?P<code>{'|'.join(_CODES)})\b)"
)
_DIST_UNIT = rf"(?P<{{p}}unit>{_alternation(_DISTANCE_UNITS)})\b"
_PERCENT = r"(?:\s?%|\s*(?:percent|per\s+cent|pct)\b)"
_WORD_NUMBER = (
    rf"(?i:\b(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(sorted(_UNITS[:9], key=len)[::-1])}))?"
    rf"|{'|'.join(sorted(_UNITS, key=len)[::-1])})"
    rf"(?:\s+hundred)?\b)"
)


def _money_amount(p: str) -> str:
    return rf"(?P<{p}num>{_NUM}){_SCALE.format(p=p)}?"


def _count_amount(p: str) -> str:
    return rf"(?:(?P<{p}num>{_NUM})|(?P<{p}word>{_WORD_NUMBER})){_WORD_SCALE.format(p=p)}?"


_MONEY_PREFIX_RANGE = re.compile(
    _BETWEEN
    + _PREFIX.format(p="lo_")
    + _money_amount("lo_")
    + _CONNECT
    + rf"(?:{_PREFIX.format(p='hi_')})?"
    + _money_amount("hi_")
    + _END
)
_MONEY_PREFIX = re.compile(_PREFIX.format(p="lo_") + _money_amount("lo_") + _END)
_MONEY_SUFFIX_RANGE = re.compile(
    _START + _BETWEEN + _money_amount("lo_") + _CONNECT + _money_amount("hi_") + _SUFFIX
)
_MONEY_SUFFIX = re.compile(_START + _money_amount("lo_") + _SUFFIX)

_DISTANCE_RANGE = re.compile(
    _START
    + _BETWEEN
    + rf"(?P<lo_num>{_NUM})(?:[\s-]?{_DIST_UNIT.format(p='lo_')})?"
    + _CONNECT
    + rf"(?P<hi_num>{_NUM})[\s-]?{_DIST_UNIT.format(p='hi_')}"
)
_DISTANCE = re.compile(_START + rf"(?P<lo_num>{_NUM})[\s-]?{_DIST_UNIT.format(p='hi_')}")

_PERCENT_RANGE = re.compile(
    _START
    + _BETWEEN
    + rf"(?P<lo_num>{_NUM})(?:{_PERCENT})?"
    + _CONNECT
    + rf"(?P<hi_num>{_NUM}){_PERCENT}"
)
_PERCENT_SINGLE = re.compile(_START + rf"(?P<lo_num>{_NUM}){_PERCENT}")

_COUNT = re.compile(
    _START
    + _BETWEEN
    + _count_amount("lo_")
    + rf"(?:{_CONNECT}{_count_amount('hi_')})?"
    + r"(?![\w%\-–]|[.,:]\d)"
)

_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z'’\-]*)")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_MONTH_WORD = re.compile(rf"(?:{_MONTHS}|{_MONTH_ABBR})\b\.?")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS}|{_MONTH_ABBR})\.?\s+$")
_DESIGNATOR_BEFORE = re.compile(rf"\b(?i:{_DESIGNATORS})\.?\s+(?:#\s*)?$")
_LOOKBEHIND = 24  # characters enough to see a month name or a designator
_CLOCK = re.compile(r"[0-2]\d[0-5]\d")
_CLOCK_UNITS = frozenset({"hours", "hrs"})
_SPACES = re.compile(r"\s+")
_WORD_PARTS = re.compile(r"[-\s]+")

# --------------------------------------------------------------------------- values


def _number(digits: str) -> Decimal:
    return Decimal(digits.replace(",", ""))


def _scale_of(m: re.Match[str], p: str) -> int | None:
    """The multiplier written after one number of a match, if any."""
    groups = m.groupdict()
    for key in ("scale", "abbr", "short"):
        word = groups.get(p + key)
        if word:
            return _SCALES[word.lower()]
    return None


def _words_value(words: str) -> Decimal:
    total = 0
    for part in _WORD_PARTS.split(words.lower()):
        if part == "hundred":
            total = max(total, 1) * 100
        else:
            total += _NUMBER_WORDS[part]
    return Decimal(total)


def _bounds(m: re.Match[str]) -> tuple[Decimal, Decimal | None]:
    """The value (and upper bound) of a match, scales applied.

    A lower bound without a scale borrows the upper bound's when it is not
    larger than the upper number as written: "$5-10 million" is 5-10 million,
    "$500,000 to $1 million" stays 500,000 to 1 million.
    """
    groups = m.groupdict()

    def raw(p: str) -> Decimal | None:
        if groups.get(p + "num"):
            return _number(groups[p + "num"])
        if groups.get(p + "word"):
            return _words_value(groups[p + "word"])
        return None

    lo, hi = raw("lo_"), raw("hi_")
    assert lo is not None
    lo_scale, hi_scale = _scale_of(m, "lo_"), _scale_of(m, "hi_")
    if hi is None:
        return lo * (lo_scale or 1), None
    if lo_scale is None and hi_scale is not None and lo <= hi:
        lo_scale = hi_scale
    return lo * (lo_scale or 1), hi * (hi_scale or 1)


def _key(name: str) -> str:
    return _SPACES.sub(" ", name.lower())


def _currency(m: re.Match[str]) -> str:
    groups = m.groupdict()
    if groups.get("name"):
        return _CURRENCY_FORMS[_key(groups["name"])]
    if groups.get("code"):
        return groups["code"]
    symbol = groups.get("lo_cur") or ""
    symbol = symbol.strip()
    return _PREFIXES.get(symbol, symbol)


# --------------------------------------------------------------------------- matchers

_Found = tuple[str, Decimal, Decimal | None, str, int, int]  # kind, lo, hi, unit, start, end


def _range_or(kind: str, lo: Decimal, hi: Decimal | None) -> tuple[str, Decimal | None] | None:
    """The kind and upper bound to report, or None when a range runs backwards."""
    if hi is None:
        return kind, None
    if hi < lo:
        return None
    return "range", hi


def _money(m: re.Match[str], text: str) -> _Found | None:
    lo, hi = _bounds(m)
    kind = _range_or("money", lo, hi)
    if kind is None:
        return None
    return kind[0], lo, kind[1], _currency(m), m.start(), m.end()


def _distance(m: re.Match[str], text: str) -> _Found | None:
    lo, hi = _bounds(m)
    kind = _range_or("distance", lo, hi)
    if kind is None:
        return None
    unit = m.group("hi_unit")
    assert unit is not None
    lo_unit = m.groupdict().get("lo_unit")
    if lo_unit and _DISTANCE_UNITS[_key(lo_unit)] != _DISTANCE_UNITS[_key(unit)]:
        return None
    return kind[0], lo, kind[1], _DISTANCE_UNITS[_key(unit)], m.start(), m.end()


def _percent(m: re.Match[str], text: str) -> _Found | None:
    lo, hi = _bounds(m)
    kind = _range_or("percent", lo, hi)
    if kind is None:
        return None
    return kind[0], lo, kind[1], "%", m.start(), m.end()


def _is_plural_noun(word: str) -> bool:
    lower = word.lower()
    if lower in _STOPWORDS:
        return False
    if lower in _IRREGULAR_PLURALS:
        return True
    return (
        len(lower) > 2
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "is", "'s", "’s"))
    )


def _counted(text: str, pos: int) -> tuple[str, int] | None:
    """The noun phrase a number counts: up to three words ending in a plural noun."""
    words: list[str] = []
    start: int | None = None
    for _ in range(3):
        w = _NEXT_WORD.match(text, pos)
        if w is None:
            return None
        word = w.group(1).rstrip("-'’")
        if word.lower() in _STOPWORDS or not word:
            return None
        if not words and _MONTH_WORD.fullmatch(word):
            return None
        if start is None:
            start = w.start(1)
        words.append(word)
        end = w.start(1) + len(word)
        if _is_plural_noun(word):
            return text[start:end], end
        pos = end
    return None


def _count(m: re.Match[str], text: str) -> _Found | None:
    for p in ("lo_", "hi_"):
        digits = m.groupdict().get(p + "num")
        if digits and _YEAR.fullmatch(digits):
            return None
    lo, hi = _bounds(m)
    if hi is None and lo == 1:  # "no one knows": a plural noun never follows one
        return None
    kind = _range_or("count", lo, hi)
    if kind is None:
        return None
    start = m.start() if hi is not None else m.start("lo_num" if m["lo_num"] else "lo_word")
    window = max(0, start - _LOOKBEHIND)
    if _MONTH_BEFORE.search(text, window, start) or _DESIGNATOR_BEFORE.search(text, window, start):
        return None
    counted = _counted(text, m.end())
    if counted is None:
        return None
    unit, end = counted
    if unit.lower() in _CLOCK_UNITS and _CLOCK.fullmatch(m["lo_num"] or ""):
        return None  # "0800 hours", "2300 GMT"
    return kind[0], lo, kind[1], unit, start, end


_Matcher = Callable[[re.Match[str], str], _Found | None]

_PASSES: tuple[tuple[re.Pattern[str], _Matcher], ...] = (
    (_MONEY_PREFIX_RANGE, _money),
    (_MONEY_SUFFIX_RANGE, _money),
    (_MONEY_PREFIX, _money),
    (_MONEY_SUFFIX, _money),
    (_DISTANCE_RANGE, _distance),
    (_DISTANCE, _distance),
    (_PERCENT_RANGE, _percent),
    (_PERCENT_SINGLE, _percent),
    (_COUNT, _count),
)
# Every pass but the counts needs a digit; a count may be written in words ("two ships").
_WORDS_ONLY = tuple((pattern, matcher) for pattern, matcher in _PASSES if pattern is _COUNT)
_DIGIT = re.compile(r"\d")


def find_quantities(text: str) -> list[Quantity]:
    """Every money amount, count, distance, range and percentage in `text`, in order.

    Offsets are character offsets in `text`; ``text[q.start:q.end] == q.text``.
    """
    taken: list[tuple[int, int]] = []
    found: list[Quantity] = []
    for pattern, matcher in _PASSES if _DIGIT.search(text) else _WORDS_ONLY:
        for m in pattern.finditer(text):
            result = matcher(m, text)
            if result is None:
                continue
            kind, lo, hi, unit, start, end = result
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append(
                Quantity(
                    kind=kind,
                    value=float(lo),
                    unit=unit,
                    text=text[start:end],
                    start=start,
                    end=end,
                    value_max=None if hi is None else float(hi),
                )
            )
    found.sort(key=lambda q: q.start)
    return found
