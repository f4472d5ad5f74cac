"""Reading actor and agent dictionaries in the PETRARCH/TABARI text format.

Researchers keep years of work in these files, so irinsider reads them as they
are (our own YAML stays the native format). What is read:

    ARNOR_  [ARN]                 a name ("_" joins words) and its code
    +ARNORIAN                     another name for the entry above
    GOLLUM                        a name whose codes follow, one block a line:
        [HOB < 950601]            ... before a date (YYMMDD or YYYYMMDD)
        [HOBGOV 19950601 - 19990815]   ... between two dates
        [HOBREB > 990816]         ... after a date
    PRESIDENT [~GOV]              an agent (sector): "~" marks where the country goes
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]    an agent with its plural
    !PERSON! = MAN, MEN           a macro, spelled out wherever !PERSON! appears

Comments (``#`` or TABARI's ``;`` to the end of a line, ``<!-- ... -->``) are skipped.

A file is read once (`read_dictionary`); its entries are then added to the actor
dictionary (`add_actors`) and give the actors that stand for several (`compounds`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..coding import ActorDictionary, Entry, Term
from ..errors import DataError

__all__ = ["CodeSpan", "DictEntry", "add_actors", "compound_codes", "compounds",
           "read_dictionary", "read_dictionary_text"]

_COMMENT_BLOCK = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"\[\s*([^\]]*?)\s*\]")
_PLURAL = re.compile(r"\{([^}]*)\}")
_MACRO = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$")


@dataclass(frozen=True)
class CodeSpan:
    """A code and the dates it holds for (either end open)."""

    code: str
    start: date | None = None
    end: date | None = None


@dataclass
class DictEntry:
    """One dictionary entry: its names and its code(s)."""

    names: list[str]
    codes: list[CodeSpan] = field(default_factory=list)
    agent: bool = False


def _date(text: str, where: str) -> date:
    digits = text.strip()
    try:
        if len(digits) == 6:
            yy = int(digits[:2])
            year = 1900 + yy if yy >= 30 else 2000 + yy
            return date(year, int(digits[2:4]), int(digits[4:6]))
        if len(digits) == 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        pass
    raise DataError(f"{where}: {text!r} is not a YYMMDD or YYYYMMDD date")


def _code_span(block: str, where: str) -> CodeSpan | None:
    parts = block.split()
    if not parts:
        return None
    code, rest = parts[0], " ".join(parts[1:])
    if not rest:
        return CodeSpan(code)
    if rest.startswith("<"):
        return CodeSpan(code, end=_date(rest[1:], where))
    if rest.startswith(">"):
        return CodeSpan(code, start=_date(rest[1:], where))
    if "-" in rest:
        first, _, last = rest.partition("-")
        return CodeSpan(code, start=_date(first, where), end=_date(last, where))
    raise DataError(f"{where}: cannot read the date restriction {rest!r}")


def _name(raw: str) -> str:
    """ "MINAS_TIRITH" -> "minas tirith"; a trailing "_" (word end) is dropped."""
    return " ".join(raw.replace("_", " ").split()).lower()


def _plural(name: str) -> str:
    """The regular English plural of a name's last word."""
    if name.endswith("man"):
        return name[:-3] + "men"
    if name.endswith(("s", "x", "z", "ch", "sh")):
        return name + "es"
    if name.endswith("y") and name[-2:-1] not in ("a", "e", "i", "o", "u"):
        return name[:-1] + "ies"
    return name + "s"


def _expand(raw: str, macros: dict[str, list[str]]) -> list[str]:
    names = [raw]
    for macro, options in macros.items():
        names = [n.replace(macro, o) for n in names for o in options] if any(
            macro in n for n in names) else names
    return names


def read_dictionary_text(path: Path, what: str) -> str:
    """A PETRARCH/TABARI file's text with its ``<!-- -->`` comment blocks blanked, their
    lines kept so that errors name the right line; DataError if it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DataError(f"{path}: cannot read {what} ({exc.strerror})") from None
    return _COMMENT_BLOCK.sub(lambda m: "\n" * m[0].count("\n"), text)


def _uncommented(line: str) -> str:
    """The line before its comment ("#", or TABARI's ";"), which never starts inside a
    code: "ENT  [### <890101] [ENT]" keeps its "###"."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch in "#;" and depth == 0:
            return line[:i].rstrip()
    return line.rstrip()


def read_dictionary(path: Path) -> list[DictEntry]:
    """Every entry of a PETRARCH-format actors or agents file."""
    text = read_dictionary_text(path, "the dictionary")
    entries: list[DictEntry] = []
    macros: dict[str, list[str]] = {}
    current: DictEntry | None = None
    for n, line in enumerate(text.splitlines(), 1):
        where = f"{path}:{n}"
        body = _uncommented(line)
        if not body.strip():
            continue
        macro = _MACRO.match(body.strip())
        if macro:
            macros[macro[1]] = [o.strip() for o in macro[2].split(",") if o.strip()]
            continue
        codes = [c for c in (_code_span(b, where) for b in _CODE.findall(body)) if c]
        bare = _CODE.sub("", body)
        if "[" in bare or "]" in bare or bare.count("{") != bare.count("}"):
            raise DataError(f"{where}: unbalanced brackets in {body.strip()!r}")
        if body[0] in " \t":  # a code block for the entry above
            if current is not None:
                current.codes.extend(codes)
            continue
        if bare.strip().startswith("+"):  # another name for the entry above
            if current is not None:
                current.names.extend(_name(x) for x in _expand(bare.strip()[1:], macros))
                current.codes.extend(codes)
            continue
        plurals = _PLURAL.findall(bare)
        head = _PLURAL.sub("", bare).strip()
        names = [_name(x) for x in _expand(head, macros)]
        agent = any(c.code.startswith("~") or c.code.endswith("~") for c in codes)
        if agent:
            listed = [p for group in plurals for p in group.split(",") if p.strip()]
            if listed:
                names += [_name(x) for p in listed for x in _expand(p, macros)]
            elif not plurals:  # no {}: the regular plural
                names += [_plural(n) for n in names]
        current = DictEntry([n for n in names if n], codes, agent)
        entries.append(current)
    for e in entries:  # an undated code is the default: it holds where no dated one does
        e.codes.sort(key=lambda c: c.start is None and c.end is None)
    return [e for e in entries if e.names]


def add_actors(actors: ActorDictionary, entries: Sequence[DictEntry]) -> None:
    """Add the entries of an actors or agents file to the actor dictionary, matched
    case-insensitively. A name of the file overrides ours, whatever its case:
    "ZIMBABWE [RHO <800418]" replaces our Zimbabwe."""
    actors.forget_names({n for item in entries if not item.agent for n in item.names})
    for item in entries:
        if item.agent:
            code = item.codes[0].code.strip("~").strip()
            if item.codes[0].code.endswith("~"):
                entry = Entry("user", item.names[0], code=code)  # "NGO~": a code of its own
            else:
                entry = Entry("sector", item.names[0], sector=code)
        elif not item.codes:
            continue
        elif len(item.codes) == 1 and item.codes[0].start is item.codes[0].end is None:
            entry = Entry("user", item.names[0], code=item.codes[0].code.split("/")[0])
        else:
            # PETRARCH's date limits hold "or equal to"; a Term's end is exclusive
            terms = tuple(Term("", "", c.start, c.end and c.end + timedelta(days=1),
                               code=c.code.split("/")[0])
                          for c in item.codes)
            entry = Entry("user", item.names[0], code=None, terms=terms)
        for name in item.names:
            actors.override_word(name, entry)


def compounds(entries: Iterable[DictEntry]) -> dict[str, tuple[str, ...]]:
    """Actors that stand for several: "THE_SHIRE [FRO/BIL/SAM]" -> {"the shire": (FRO, BIL, SAM)}.

    Keyed by the entry's first name, as the actor dictionary names it.
    """
    out: dict[str, tuple[str, ...]] = {}
    for entry in entries:
        codes = [c.code for c in entry.codes if c.start is None and c.end is None]
        if not entry.agent and codes and "/" in codes[0]:
            out[entry.names[0]] = tuple(c for c in codes[0].split("/") if c)
    return out


def compound_codes(paths: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The `compounds` of the PETRARCH-format (``.txt``) files among `paths`."""
    out: dict[str, tuple[str, ...]] = {}
    for name in paths:
        path = Path(name)
        if path.suffix.lower() == ".txt":
            out.update(compounds(read_dictionary(path)))
    return out
