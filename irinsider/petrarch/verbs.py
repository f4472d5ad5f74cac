"""Reading PETRARCH/TABARI verb dictionaries and discard lists.

A verbs file holds synonym sets, then blocks of verbs that share patterns:

    &CURRENCY                       a synonym set: phrases, one per "+" line
    +DOLLARS
    +SWISS FRANCS

    --- RESTORE  [064] ---          a block: its default code ([---]: no event)
    RESTORE                         a verb of the block; regular forms are made
    BREAK {BROKE BROKEN} [171]      irregular forms (then all of them), its own code
    +CORDON_OFF                     a verb of several words ("_": adjacent)
    WIRE_+TAP                       "+" marks the verb among them
    - * TIES  [064]                 a pattern: "*" is the verb
    - NOT * RELATIONS [112]         words before and after it
    - + * FROM $  [066]             "$" the source, "+" the target
    - % HAVE *  [191]               "%" a compound actor ("Gondor and Rohan")
    - * EID AT ^ WITH +  [043]      "^" an actor skipped over
    - * &CURRENCY  [903]            a synonym set
    - IN_*  [075]                   "_" joins items that must be adjacent
    - * { GENEVA | GENEVAN } [111]  old TABARI alternatives, read as a synonym set
    MEET [031:032]                  "a:b": a from source to target, b back again

Comments are ``#`` (and the legacy ``;``) to the end of a line and ``<!-- -->``.
The older TABARI layout, without ``---`` block headers, is read too: there every
verb line starts its own block, and a line of ``{...}`` lists the forms of the
verb above. What is not supported: stemmed words (``WORD~``) match as prefixes,
patterns with ``@`` are skipped, and TABARI's complex-event code ``[+++]`` is
skipped; a pattern coded ``[###]`` (TABARI's discard) codes nothing.

A discards file lists phrases, one a line; a sentence that contains one is
not coded, and a story that contains one marked ``+`` is not coded at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import DataError
from .actors import read_dictionary_text

__all__ = [
    "NULL_CODE",
    "Discards",
    "Element",
    "VerbDictionary",
    "VerbForm",
    "VerbPattern",
    "read_discards",
    "read_verbs",
]

NULL_CODE = "---"
DISCARD_CODE = "###"
COMPLEX_CODE = "+++"

# Element kinds.
WORD, SET, SOURCE, TARGET, COMPOUND, SKIP = "word", "set", "source", "target", "compound", "skip"
_SLOTS = {"$": SOURCE, "+": TARGET, "%": COMPOUND, "^": SKIP}

_LINE_COMMENT = re.compile(r"(^|\s)[#;].*$")
_CODE = re.compile(r"\[([^\]]*)\]")
_BRACES = re.compile(r"\{([^}]*)\}")
_CODE_TEXT = re.compile(r"^[A-Za-z0-9?!.=-]+(:[A-Za-z0-9?!.=-]+)?$|^[-+#]{3}$")


@dataclass(frozen=True)
class Element:
    """One item of a pattern.

    `phrases` holds the words a WORD or SET item matches (a SET has several
    phrases, each of one or more consecutive words). `tight` says the item
    must touch its neighbour on the verb's side ("IN_*": "in" right before the
    verb). `stem` matches the last word as a prefix (TABARI's ``WORD~``).
    """

    kind: str
    phrases: tuple[tuple[str, ...], ...] = ()
    tight: bool = False
    stem: bool = False

    @property
    def weight(self) -> int:
        """How much the item narrows a pattern: its words (a set's shortest phrase), or 1."""
        if self.kind in (WORD, SET):
            return min(len(p) for p in self.phrases)
        return 1


@dataclass(frozen=True)
class VerbPattern:
    """A pattern of a verb block: items before and after the verb, and a code."""

    code: str
    lower: tuple[Element, ...]  # before the verb, in text order
    upper: tuple[Element, ...]  # after the verb
    text: str
    line: int

    @property
    def specificity(self) -> int:
        return sum(e.weight for e in (*self.lower, *self.upper))


@dataclass(frozen=True)
class VerbForm:
    """One written form of a verb: "cordoned" with "off" after it, say."""

    word: str  # the verb itself, lower case
    before: tuple[str, ...] = ()  # words right before it ("wire" of "wire tap")
    after: tuple[str, ...] = ()  # words right after it ("off" of "cordon off")
    loose: tuple[str, ...] = ()  # words that must follow somewhere in its clause
    code: str | None = None  # its own code, else its block's
    block: int = 0


@dataclass
class VerbBlock:
    """Verbs that share patterns."""

    name: str
    code: str
    patterns: list[VerbPattern] = field(default_factory=list)
    line: int = 0


@dataclass
class VerbDictionary:
    """A whole verbs file, compiled: forms by verb word, blocks with their patterns."""

    path: str
    synsets: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)
    forms: dict[str, list[VerbForm]] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return f"petrarch:{Path(self.path).name}"

    def code_of(self, form: VerbForm) -> str:
        return form.code or self.blocks[form.block].code

    def patterns_of(self, form: VerbForm) -> list[VerbPattern]:
        return self.blocks[form.block].patterns


# ---- words ----------------------------------------------------------------------------
def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in re.split(r"[\s_]+", text.strip().strip("+")) if w)


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def _verb_forms(base: str) -> set[str]:
    """The regular forms of an English verb: -s, -ed, -ing (and a doubled consonant)."""
    forms = {base, _plural(base)}
    if base.endswith("e"):
        forms |= {base + "d", base[:-1] + "ing" if not base.endswith("ee") else base + "ing"}
    elif base.endswith("y") and base[-2:-1] not in ("a", "e", "i", "o", "u"):
        forms |= {base[:-1] + "ied", base + "ing"}
    else:
        forms |= {base + "ed", base + "ing"}
        if (len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou"
                and base[-3] not in "aeiou"):
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


# ---- the reader -----------------------------------------------------------------------
class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.out = VerbDictionary(str(path))
        self.raw_sets: dict[str, list[tuple[str, int]]] = {}
        self.set_plurals: dict[str, bool] = {}
        self.pending: list[tuple[VerbBlock, str, int]] = []  # patterns, compiled at the end
        self.verbs: list[tuple[str, str | None, int, int]] = []  # (text, code, block, line)

    def fail(self, line: int, problem: str) -> DataError:
        return DataError(f"{self.path}:{line}: {problem}")

    def code(self, text: str, line: int) -> str:
        code = text.strip()
        if not code or not _CODE_TEXT.match(code):
            raise self.fail(line, f"cannot read the code [{text}]")
        return code

    def read(self, text: str) -> VerbDictionary:
        headers = any(line.lstrip().startswith("---") for line in text.splitlines())
        block: VerbBlock | None = None
        current_set: str | None = None
        last_verb: int | None = None  # index in self.verbs of the verb line above
        for n, raw in enumerate(text.splitlines(), 1):
            line = _LINE_COMMENT.sub("", raw).strip()
            if not line:
                current_set = None
                continue
            if line.startswith("&"):
                name = line.split()[0]
                current_set = name.rstrip("_")
                self.raw_sets[current_set] = []
                self.set_plurals[current_set] = not name.endswith("_")
                continue
            if current_set is not None and line.startswith("+"):
                self.raw_sets[current_set].append((line[1:].strip(), n))
                continue
            current_set = None
            if line.startswith("---"):
                body = line.strip("-").strip()
                codes = _CODE.findall(body)
                name = _CODE.sub("", body).strip()
                code = self.code(codes[0], n) if codes else NULL_CODE
                block = VerbBlock(name, code, line=n)
                self.out.blocks.append(block)
                last_verb = None
                continue
            if line.startswith("-"):
                if block is None:
                    raise self.fail(n, "a pattern before any verb")
                self.pending.append((block, line[1:].strip(), n))
                continue
            if line.startswith("{") and last_verb is not None:  # old layout: forms below
                text_, own, b, ln = self.verbs[last_verb]
                self.verbs[last_verb] = (f"{text_} {line}", own, b, ln)
                continue
            # a verb line
            codes = _CODE.findall(line)
            verb_text = _CODE.sub("", line).strip()
            if not _words(_BRACES.sub("", verb_text)):
                raise self.fail(n, f"cannot read the verb line {raw.strip()!r}")
            own = self.code(codes[0], n) if codes else None
            if not headers or block is None:
                name = " ".join(_words(_BRACES.sub("", verb_text)))
                block = VerbBlock(name, own or NULL_CODE, line=n)
                self.out.blocks.append(block)
            self.verbs.append((verb_text, own, len(self.out.blocks) - 1, n))
            last_verb = len(self.verbs) - 1
        self._compile_sets()
        for text_, own, b, n in self.verbs:
            self._add_verb(text_, own, b, n)
        for block_, text_, n in self.pending:
            pattern = self._pattern(text_, n, block_.code)
            if pattern is not None:
                block_.patterns.append(pattern)
        return self.out

    # -- synsets --
    def _compile_sets(self) -> None:
        resolved: dict[str, tuple[tuple[str, ...], ...]] = {}

        def resolve(name: str, trail: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
            if name in resolved:
                return resolved[name]
            phrases: list[tuple[str, ...]] = []
            for member, n in self.raw_sets[name]:
                if member.startswith("&"):  # a set inside a set
                    inner = member.rstrip("_")
                    if inner not in self.raw_sets:
                        raise self.fail(n, f"unknown synonym set {inner}")
                    if inner in trail:
                        raise self.fail(n, f"synonym set {inner} contains itself")
                    phrases.extend(resolve(inner, (*trail, inner)))
                    continue
                words = _words(member)
                if not words:
                    raise self.fail(n, f"empty phrase in synonym set {name}")
                phrases.append(words)
                if self.set_plurals[name] and not member.endswith("_"):
                    phrases.append((*words[:-1], _plural(words[-1])))
            resolved[name] = tuple(dict.fromkeys(phrases))
            return resolved[name]

        for name in self.raw_sets:
            resolve(name, (name,))
        self.out.synsets = resolved

    # -- verbs --
    def _add_verb(self, text: str, code: str | None, block: int, line: int) -> None:
        listed = [f for group in _BRACES.findall(text) for f in group.split()]
        head = _BRACES.sub("", text).strip()
        for spelling, regular in [(head, not listed), *((f, False) for f in listed)]:
            for form in self._forms(spelling, regular, code, block, line):
                self.out.forms.setdefault(form.word, []).append(form)

    def _forms(self, spelling: str, regular: bool, code: str | None, block: int,
               line: int) -> list[VerbForm]:
        spelling = spelling.strip().rstrip("=")
        chunks = spelling.split()
        if not chunks:
            return []
        # "LASH OUT", "BURN FLAGS": the first chunk holds the verb, the rest follow loosely
        first, loose = chunks[0], tuple(w for c in chunks[1:] for w in _words(c))
        parts = [p for p in first.split("_") if p]
        if not parts:
            raise self.fail(line, f"cannot read the verb {spelling!r}")
        at = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
        words = [p.lstrip("+").lower() for p in parts]
        if not all(words):
            raise self.fail(line, f"cannot read the verb {spelling!r}")
        spellings = _verb_forms(words[at]) if regular else {words[at]}
        return [VerbForm(w, tuple(words[:at]), tuple(words[at + 1:]), loose, code, block)
                for w in sorted(spellings)]

    # -- patterns --
    def _pattern(self, text: str, line: int, default: str) -> VerbPattern | None:
        codes = _CODE.findall(text)
        code = self.code(codes[-1], line) if codes else default  # no code: the block's
        body = _CODE.sub(" ", text).strip()
        if code == COMPLEX_CODE or "@" in body:
            return None  # unsupported TABARI features: skipped, as PETRARCH does
        alternatives: list[tuple[tuple[str, ...], ...]] = []

        def brace(m: re.Match[str]) -> str:
            options = tuple(w for w in (_words(o) for o in m[1].split("|")) if w)
            if not options:
                raise self.fail(line, f"empty alternatives {m[0]!r} in pattern")
            alternatives.append(options)
            return f"\x00{len(alternatives) - 1}"

        body = _BRACES.sub(brace, body)  # "DEMAND_{ A | B }_CONVENTIONS" keeps its "_"
        items: list[tuple[str, bool]] = []  # (atom, joined to the item before)
        for chunk in body.split():
            for k, atom in enumerate(chunk.split("_")):
                if atom:
                    items.append((atom, k > 0 and bool(items)))
                # an empty atom ("IN_ *"): a final "_" only ends the word
        if "*" in body and sum(a == "*" for a, _ in items) != 1:
            raise self.fail(line, f"pattern {text!r} needs exactly one '*'")
        if "*" not in body:
            raise self.fail(line, f"pattern {text!r} has no '*' for the verb")
        verb_at = next(i for i, (a, _) in enumerate(items) if a == "*")
        elements: list[Element] = []
        for i, (atom, _joined) in enumerate(items):
            if atom == "*":
                elements.append(Element("verb"))
                continue
            # tight: joined to the neighbour on the verb's side
            if i < verb_at:
                tight = items[i + 1][1]
            else:
                tight = _joined
            elements.append(self._element(atom, tight, alternatives, text, line))
        lower = tuple(elements[:verb_at])
        upper = tuple(elements[verb_at + 1:])
        return VerbPattern(code, lower, upper, text, line)

    def _element(self, atom: str, tight: bool, alternatives: list[tuple[tuple[str, ...], ...]],
                 text: str, line: int) -> Element:
        if atom in _SLOTS:
            return Element(_SLOTS[atom], tight=tight)
        if atom.startswith("\x00"):
            return Element(SET, alternatives[int(atom[1:])], tight)
        if atom.startswith("&"):
            name = atom.rstrip("_")
            if name not in self.out.synsets:
                raise self.fail(line, f"pattern {text!r} uses unknown synonym set {name}")
            return Element(SET, self.out.synsets[name], tight)
        stem = atom.endswith("~")
        word = atom.rstrip("~").lower()
        if not word or any(c in word for c in "$%^*&{}|[]"):
            raise self.fail(line, f"cannot read {atom!r} in pattern {text!r}")
        return Element(WORD, ((word,),), tight, stem)


@lru_cache(maxsize=4)
def read_verbs(path: Path) -> VerbDictionary:
    """A PETRARCH/TABARI verbs file; DataError naming the file and line if malformed."""
    verbs = _Reader(path).read(read_dictionary_text(path, "the verbs dictionary"))
    if not verbs.forms:
        raise DataError(f"{path}: no verbs found (is this a PETRARCH verbs dictionary?)")
    return verbs


# ---- discards -------------------------------------------------------------------------
@dataclass(frozen=True)
class Discards:
    """Phrases whose presence keeps a sentence (or, for `story`, a whole story) uncoded."""

    sentence: tuple[re.Pattern[str], ...] = ()
    story: tuple[re.Pattern[str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sentence or self.story)

    def discards_sentence(self, text: str) -> bool:
        return any(p.search(text) for p in self.sentence)

    def discards_story(self, text: str) -> bool:
        return any(p.search(text) for p in self.story)

    def __add__(self, other: Discards) -> Discards:
        return Discards(self.sentence + other.sentence, self.story + other.story)


def _discard_pattern(phrase: str) -> re.Pattern[str]:
    """ "AFRICAN NATIONS CUP": the words at a word start, any spacing; a final "_" ends a word."""
    whole = phrase.endswith("_")
    words = [re.escape(w) for w in re.split(r"[\s_]+", phrase.strip("_ ")) if w]
    return re.compile(r"(?<!\w)" + r"[\s_]+".join(words) + (r"(?!\w)" if whole else ""),
                      re.I)


@lru_cache(maxsize=4)
def read_discards(path: Path) -> Discards:
    """A PETRARCH discards file: one phrase a line, ``+`` for a whole story."""
    text = read_dictionary_text(path, "the discards list")
    sentence: list[re.Pattern[str]] = []
    story: list[re.Pattern[str]] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = _LINE_COMMENT.sub("", raw).strip()
        if not line:
            continue
        whole_story = line.startswith("+")
        phrase = line[1:].strip() if whole_story else line
        if not re.search(r"\w", phrase) or "[" in phrase:
            raise DataError(f"{path}:{n}: cannot read the discard phrase {raw.strip()!r}")
        (story if whole_story else sentence).append(_discard_pattern(phrase))
    return Discards(tuple(sentence), tuple(story))
