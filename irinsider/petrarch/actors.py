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
from .problems import Defect, Problems, problems_or_strict

__all__ = ["CodeSpan", "DictEntry", "add_actors", "compound_codes", "compounds",
           "read_dictionary", "read_dictionary_text"]

_CODE = re.compile(r"\[([^\[\]]*)\]")
_PLURAL = re.compile(r"\{([^}]*)\}")
_MACRO = re.compile(r"^(![A-Za-z0-9_]+!)\s*=\s*(.*)$")
_MARKUP_LINE = re.compile(r"^[ \t]*<!.*$", re.M)
_MACRO_USE = re.compile(r"![A-Za-z0-9_]+!")
_CODE_TEXT = re.compile(r"^[A-Za-z0-9~/#+-]+$")


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


def _date(text: str) -> date:
    """A YYMMDD or YYYYMMDD date (YY up to 30: 20YY, as PETRARCH reads it)."""
    digits = text.strip()
    try:
        if len(digits) == 6 and digits.isdigit():
            yy = int(digits[:2])
            year = 2000 + yy if yy <= 30 else 1900 + yy
            return date(year, int(digits[2:4]), int(digits[4:6]))
        if len(digits) == 8 and digits.isdigit():
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        pass
    raise Defect(f"{text.strip()!r} is not a YYMMDD or YYYYMMDD date")


def _code_span(block: str) -> CodeSpan | None:
    """ "HOBGOV 19950601 - 19990815" -> its CodeSpan; None for an empty "[]"."""
    parts = block.split()
    if not parts:
        return None
    code, rest = parts[0], "".join(parts[1:])
    if not _CODE_TEXT.match(code):
        raise Defect(f"cannot read the code [{block}]")
    if not rest:
        return CodeSpan(code)
    if rest.startswith("<"):
        return CodeSpan(code, end=_date(rest[1:]))
    if rest.startswith(">"):
        return CodeSpan(code, start=_date(rest[1:]))
    if "-" in rest:
        first, _, last = rest.partition("-")
        return CodeSpan(code, start=_date(first), end=_date(last))
    if rest.isdigit():
        raise Defect(f"the date restriction [{block}] needs '<', '>' or a range 'FROM-TO'")
    raise Defect(f"cannot read the date restriction {rest!r} in [{block}]")


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
    # a line that starts "<!" is a comment too ("<! -- NEW ACTORS -->"), as PETRARCH reads it
    return _MARKUP_LINE.sub("", _blank_comment_blocks(text))


def _blank_comment_blocks(text: str) -> str:
    """The text with each ``<!-- ... -->`` replaced by its line breaks; a block left open
    runs to the end of the file, as PETRARCH reads it."""
    out: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        stop = len(text) if end < 0 else end + 3
        out += [text[pos:start], "\n" * text.count("\n", start, stop)]
        pos = stop
    out.append(text[pos:])
    return "".join(out)


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


def _codes(body: str) -> list[CodeSpan]:
    """The code blocks of a line; Defect if a bracket is left unbalanced."""
    codes = [c for c in (_code_span(b) for b in _CODE.findall(body)) if c]
    bare = _CODE.sub("", body)
    if "[" in bare or "]" in bare or bare.count("{") != bare.count("}"):
        raise Defect(f"unbalanced brackets in {body.strip()!r}")
    return codes


class _ActorReader:
    """Reads the lines of one actors or agents file into entries."""

    def __init__(self, path: Path, problems: Problems) -> None:
        self.path = path
        self.problems = problems
        self.entries: list[DictEntry] = []
        self.macros: dict[str, list[str]] = {}
        self.current: DictEntry | None = None
        self.current_line = 0
        self.coded = False  # whether a code line was seen for the current entry
        self.skipping = False  # whether the current entry's first line was skipped

    def read(self, text: str) -> list[DictEntry]:
        for n, line in enumerate(text.splitlines(), 1):
            body = _uncommented(line)
            if not body.strip():
                continue
            try:
                self.line(body, n)
            except Defect as exc:
                self.problems.skip(f"{self.path}:{n}", str(exc))
        self.close()
        for e in self.entries:  # an undated code is the default: it holds where no dated one does
            e.codes.sort(key=lambda c: c.start is None and c.end is None)
        return self.entries

    def line(self, body: str, n: int) -> None:
        stripped = body.strip()
        macro = _MACRO.match(stripped)
        if macro:
            options = [o.strip() for o in macro[2].split(",") if o.strip()]
            if not options:
                raise Defect(f"the substitution marker {macro[1]} lists nothing")
            self.macros[macro[1]] = options
            return
        if stripped.startswith(("[", "+")) and self.skipping:
            return  # a line of an entry already skipped
        if stripped.startswith("["):  # a code block for the entry above
            if self.current is None:
                raise Defect(f"a code {stripped!r} with no name above it")
            self.coded = True
            self.current.codes.extend(_codes(stripped))
            return
        if stripped.startswith("+"):  # another name for the entry above
            if self.current is None:
                raise Defect(f"a synonym {stripped!r} with no name above it")
            codes = _codes(stripped)
            bare = _CODE.sub("", stripped)[1:]
            self.current.names.extend(n for n in (_name(x) for x in self.expand(bare)) if n)
            self.current.codes.extend(codes)
            self.coded = self.coded or bool(codes)
            return
        try:
            codes = _codes(stripped)
        except Defect:  # the entry is skipped: its synonyms and codes go with it
            self.close()
            self.skipping = True
            raise
        if not codes and self.current is not None and not self.coded and not self.skipping:
            # names stacked without "+" above one block of codes share it:
            # "LEONID_BREZHNEV_" / "SECRETARY_BREZHNEV" / "\t[RUSGOV 641014-821110]"
            bare = _PLURAL.sub("", stripped)
            self.current.names.extend(n for n in (_name(x) for x in self.expand(bare)) if n)
            return
        self.close()
        self.skipping = True  # until the line is read: its synonyms and codes go with it
        bare = _CODE.sub("", stripped)
        plurals = _PLURAL.findall(bare)
        head = _PLURAL.sub("", bare).strip()
        names = [_name(x) for x in self.expand(head)]
        agent = any(c.code.startswith("~") or c.code.endswith("~") for c in codes)
        if agent:
            listed = [p for group in plurals for p in group.split(",") if p.strip()]
            if listed:
                names += [_name(x) for p in listed for x in self.expand(p)]
            elif not plurals:  # no {}: the regular plural
                names += [_plural(n) for n in names]
        names = [n for n in names if n]
        if not names:
            raise Defect(f"no name in {stripped!r}")
        self.current = DictEntry(names, codes, agent)
        self.current_line = n
        self.coded = bool(codes)
        self.skipping = False

    def expand(self, raw: str) -> list[str]:
        unknown = [m for m in _MACRO_USE.findall(raw) if m not in self.macros]
        if unknown:
            raise Defect(f"unknown substitution marker {unknown[0]}")
        return _expand(raw, self.macros)

    def close(self) -> None:
        """Keep the entry read so far, unless it has no code at all (nor had one that was
        skipped as defective)."""
        entry, self.current = self.current, None
        if entry is None:
            return
        if not self.coded:
            self.problems.skip(f"{self.path}:{self.current_line}",
                               f"no code for {entry.names[0].upper()!r}")
        elif entry.codes:
            self.entries.append(entry)


def read_dictionary(path: Path, problems: Problems | None = None) -> list[DictEntry]:
    """Every entry of a PETRARCH-format actors or agents file.

    A defective entry is skipped and reported to `problems`; without `problems`, the
    first one raises DataError naming its line."""
    text = read_dictionary_text(path, "the dictionary")
    return _ActorReader(path, problems_or_strict(problems)).read(text)


def _countries(actors: ActorDictionary) -> dict[str, str]:
    """CAMEO country code -> ISO alpha-3, from the countries the dictionary knows:
    "RUS" -> "RUS", "KSV" -> "XKX"."""
    out: dict[str, str] = {}
    for entries in actors.names.values():
        for e in entries:
            if e.kind == "country" and e.code and e.country:
                out.setdefault(e.code, e.country)
    return out


def add_actors(actors: ActorDictionary, entries: Sequence[DictEntry]) -> None:
    """Add the entries of an actors or agents file to the actor dictionary, matched
    case-insensitively. A name of the file overrides ours, whatever its case:
    "ZIMBABWE [RHO <800418]" replaces our Zimbabwe. A code that starts with a country's
    code ("RUS", "RUSGOV") is that country's: its events carry the country."""
    countries = _countries(actors)
    actors.forget_names({n for item in entries if not item.agent for n in item.names})
    for item in entries:
        if not item.codes:
            continue
        if item.agent:
            code = item.codes[0].code.strip("~").strip()
            if item.codes[0].code.endswith("~"):
                entry = Entry("user", item.names[0], code=code)  # "NGO~": a code of its own
            else:
                entry = Entry("sector", item.names[0], sector=code)
        elif len(item.codes) == 1 and item.codes[0].start is item.codes[0].end is None:
            code = item.codes[0].code.split("/")[0]
            entry = Entry("user", item.names[0], code=code, country=countries.get(code[:3]))
        else:
            # PETRARCH's date limits hold "or equal to"; a Term's end is exclusive
            terms = tuple(Term("", "", c.start, c.end and c.end + timedelta(days=1),
                               country=countries.get(c.code[:3]), code=c.code.split("/")[0])
                          for c in item.codes)
            common = {t.country for t in terms}
            entry = Entry("user", item.names[0], code=None,
                          country=common.pop() if len(common) == 1 else None, terms=terms)
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
