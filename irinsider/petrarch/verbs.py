"""Reading PETRARCH/TABARI verb dictionaries.

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from .actors import read_dictionary_text
from .problems import Defect, Problems, problems_or_strict

__all__ = [
    "NULL_CODE",
    "Transformation",
    "Element",
    "VerbDictionary",
    "VerbForm",
    "VerbPattern",
    "read_verbs",
]

NULL_CODE = "---"
DISCARD_CODE = "###"
COMPLEX_CODE = "+++"

# Element kinds.
WORD, SET, SOURCE, TARGET, COMPOUND, SKIP = "word", "set", "source", "target", "compound", "skip"
_SLOTS = {"$": SOURCE, "+": TARGET, "%": COMPOUND, "^": SKIP}

_LINE_COMMENT = re.compile(r"(^|\s)[#;].*$")
_CODE = re.compile(r"\[([^\[\]]*)\]")
_BRACES = re.compile(r"\{([^}]*)\}")
# a code, "a:b" (a forward, b back) or ":b" (back only); TABARI's "---", "+++", "###"
_CODE_TEXT = re.compile(r"^(?=.)[A-Za-z0-9?!.=-]*(:[A-Za-z0-9?!.=-]+)?$|^[-+#]{3}$")
_GLUED_VERB = re.compile(r"(?<=[A-Za-z0-9)])\*|\*(?=[A-Za-z0-9&$+%^(])")
_NOT_WORD = "$%^*&{}|[]()<>!~:\\\"=\x00"
# spaCy splits a hyphen between letters and a slash: "cease-fire", "F/A-18"
_TOKEN_BREAK = re.compile(r"(?<=[A-Za-z])(-)(?=[A-Za-z])|(/)")


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


@dataclass(frozen=True)
class Transformation:
    """ "~ a (a b ATTACK) SAY = a b 015": an event under a verb, recoded.

    Said by `source` (a letter) with `verb`, the event `lower_source` -> `lower_target`
    coded by `lower_verb` ("q": any) becomes `result_source` -> `result_target` coded
    `code` ("Q": the event's own code). Letters name actors; "." is any actor and "_"
    none.
    """

    source: str
    lower_source: str
    lower_target: str
    lower_verb: str
    verb: str
    result_source: str
    result_target: str
    code: str
    line: int
    text: str = ""


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
    transformations: list[Transformation] = field(default_factory=list)

    @property
    def version(self) -> str:
        return f"petrarch:{Path(self.path).name}"

    def code_of(self, form: VerbForm) -> str:
        return form.code or self.blocks[form.block].code

    def patterns_of(self, form: VerbForm) -> list[VerbPattern]:
        return self.blocks[form.block].patterns

    def block_of(self, word: str) -> set[int]:
        """The blocks a verb form belongs to: "said" -> {the block of SAY}."""
        return {f.block for f in self.forms.get(word.lower(), ())}


# ---- words ----------------------------------------------------------------------------
def _words(text: str) -> tuple[str, ...]:
    """The tokens of a phrase as spaCy splits them: "CEASE-FIRE_TALKS" -> cease - fire talks."""
    return tuple(t.lower() for w in re.split(r"[\s_]+", text.strip().strip("+")) if w
                 for t in _TOKEN_BREAK.split(w) if t)


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
    def __init__(self, path: Path, problems: Problems) -> None:
        self.path = path
        self.problems = problems
        self.out = VerbDictionary(str(path))
        self.raw_sets: dict[str, list[tuple[str, int]]] = {}
        self.set_plurals: dict[str, bool] = {}
        self.pending: list[tuple[VerbBlock, str, int]] = []  # patterns, compiled at the end
        self.verbs: list[tuple[str, str | None, int, int]] = []  # (text, code, block, line)
        self.changes: list[tuple[str, int]] = []  # transformations, compiled at the end
        self.skipped: list[tuple[int, str]] = []
        self.skipping = False  # whether the block at hand was skipped, its header defective

    def skip(self, line: int, problem: str) -> None:
        """A defective line, reported (in line order) once the whole file is read."""
        self.skipped.append((line, problem))

    def code(self, text: str) -> str:
        code = text.strip()
        if not code or not _CODE_TEXT.match(code):
            raise Defect(f"cannot read the code [{text}]")
        return code

    def read(self, text: str) -> VerbDictionary:
        self.headers = any(line.lstrip().startswith("---") for line in text.splitlines())
        self.block: VerbBlock | None = None
        self.current_set: str | None = None
        self.last_verb: int | None = None  # index in self.verbs of the verb line above
        for n, raw in enumerate(text.splitlines(), 1):
            line = _LINE_COMMENT.sub("", raw).strip()
            if not line:
                if not raw.strip():  # a blank line ends a synonym set; a comment does not
                    self.current_set = None
                continue
            try:
                self._line(line, raw, n)
            except Defect as exc:
                self.skip(n, str(exc))
        self._compile_sets()
        for text_, own, b, n in self.verbs:
            try:
                self._add_verb(text_, own, b, n)
            except Defect as exc:
                self.skip(n, str(exc))
        for block_, text_, n in self.pending:
            try:
                pattern = self._pattern(text_, n, block_.code)
            except Defect as exc:
                self.skip(n, str(exc))
                continue
            if pattern is not None:
                block_.patterns.append(pattern)
        for text_, n in self.changes:
            try:
                self.out.transformations.append(self._transformation(text_, n))
            except Defect as exc:
                self.skip(n, str(exc))
        for n, problem in sorted(self.skipped, key=lambda s: s[0]):
            self.problems.skip(f"{self.path}:{n}", problem)
        return self.out

    def _line(self, line: str, raw: str, n: int) -> None:
        if line.startswith("&"):
            name = line.split()[0]
            self.current_set = name.rstrip("_")
            self.raw_sets[self.current_set] = []
            self.set_plurals[self.current_set] = not name.endswith("_")
            return
        if self.current_set is not None and line.startswith("+"):
            self.raw_sets[self.current_set].append((line[1:].strip(), n))
            return
        self.current_set = None
        if line.startswith("~"):  # "~ a (a b ATTACK) SAY = a b 015": a transformation
            self.changes.append((line[1:].strip(), n))
            return
        if line.startswith("---"):
            self.block = None
            self.last_verb = None
            self.skipping = True  # until the header is read: its verbs and patterns go with it
            body = line.strip("-").strip()
            codes = _CODE.findall(body)
            name = _CODE.sub("", body).strip()
            code = self.code(codes[0]) if codes else NULL_CODE
            self.block = VerbBlock(name, code, line=n)
            self.out.blocks.append(self.block)
            self.skipping = False
            return
        if self.skipping:
            return  # a line of a block whose header was skipped
        if line.startswith("-"):
            if self.block is None:
                raise Defect("a pattern before any verb")
            self.pending.append((self.block, line[1:].strip(), n))
            return
        if line.startswith("{") and self.last_verb is not None:  # old layout: forms below
            text_, own, b, ln = self.verbs[self.last_verb]
            self.verbs[self.last_verb] = (f"{text_} {line}", own, b, ln)
            return
        # a verb line
        codes = _CODE.findall(line)
        verb_text = _CODE.sub("", line).strip()
        if not _words(_BRACES.sub("", verb_text)) or "[" in verb_text or "]" in verb_text \
                or verb_text.count("{") != verb_text.count("}"):
            raise Defect(f"cannot read the verb line {raw.strip()!r}")
        own = self.code(codes[0]) if codes else None
        if not self.headers or self.block is None:
            if self.headers:
                raise Defect(f"a verb {verb_text!r} before any block")
            name = " ".join(_words(_BRACES.sub("", verb_text)))
            self.block = VerbBlock(name, own or NULL_CODE, line=n)
            self.out.blocks.append(self.block)
        self.verbs.append((verb_text, own, len(self.out.blocks) - 1, n))
        self.last_verb = len(self.verbs) - 1

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
                        self.skip(n, f"unknown synonym set {inner}")
                    elif inner in trail:
                        self.skip(n, f"synonym set {inner} contains itself")
                    else:
                        phrases.extend(resolve(inner, (*trail, inner)))
                    continue
                words = _words(member)
                if not words or any(c in w for w in words for c in _NOT_WORD):
                    self.skip(n, f"cannot read the phrase {member!r} of synonym set {name}")
                    continue
                phrases.append(words)
                if self.set_plurals[name] and not member.endswith("_"):
                    phrases.append((*words[:-1], _plural(words[-1])))
            resolved[name] = tuple(dict.fromkeys(phrases))
            return resolved[name]

        for name in self.raw_sets:
            resolve(name, (name,))
        self.out.synsets = resolved
        self.set_names = sorted(resolved, key=len, reverse=True)  # longest first

    # -- verbs --
    def _add_verb(self, text: str, code: str | None, block: int, line: int) -> None:
        listed = [f for group in _BRACES.findall(text) for f in group.split()]
        head = _BRACES.sub("", text).strip()
        for spelling, regular in [(head, not listed), *((f, False) for f in listed)]:
            for form in self._forms(spelling, regular, code, block):
                self.out.forms.setdefault(form.word, []).append(form)

    def _forms(self, spelling: str, regular: bool, code: str | None,
               block: int) -> list[VerbForm]:
        spelling = spelling.strip().rstrip("=")
        chunks = spelling.split()
        if not chunks:
            return []
        # "LASH OUT", "BURN FLAGS": the first chunk holds the verb, the rest follow loosely
        first, loose = chunks[0], tuple(w for c in chunks[1:] for w in _words(c))
        parts = [p for p in first.split("_") if p]
        at = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
        words = [p.lstrip("+").lower() for p in parts]
        if not parts or not all(words) or any(c in w for w in words for c in _NOT_WORD):
            raise Defect(f"cannot read the verb {spelling!r}")
        spellings = _verb_forms(words[at]) if regular else {words[at]}
        return [VerbForm(w, tuple(words[:at]), tuple(words[at + 1:]), loose, code, block)
                for w in sorted(spellings)]

    # -- patterns --
    def _pattern(self, text: str, line: int, default: str) -> VerbPattern | None:
        codes = _CODE.findall(text)
        code = self.code(codes[-1]) if codes else default  # no code: the block's
        body = _CODE.sub(" ", text).strip()
        if code == COMPLEX_CODE or "@" in body:
            return None  # unsupported TABARI features: skipped, as PETRARCH does
        if not _balanced(body):
            raise Defect(f"unbalanced brackets in pattern {text.strip()!r}")
        if "\x00" in body:  # a control character: no dictionary writes one
            raise Defect(f"cannot read the pattern {text.strip()!r}")
        alternatives: list[tuple[tuple[str, ...], ...]] = []

        def brace(m: re.Match[str]) -> str:
            if "|" not in m[1]:  # "{HUMANITARIAN AID}": a noun phrase, its words in order
                return m[1].strip()
            options = tuple(w for w in (_words(o) for o in m[1].split("|")) if w)
            if not options:
                raise Defect(f"empty alternatives {m[0]!r} in pattern {text.strip()!r}")
            alternatives.append(options)
            return f"\x00{len(alternatives) - 1}"

        body = _BRACES.sub(brace, body)  # "DEMAND_{ A | B }_CONVENTIONS" keeps its "_"
        # "(FOR {HUMANITARIAN AID})": a prepositional phrase, its words in order
        body = body.replace("(", " ").replace(")", " ")
        body = _GLUED_VERB.sub(" * ", body)  # "*SCEPTICAL": the verb, then a word
        items: list[tuple[str, bool]] = []  # (atom, joined to the item before)
        for chunk in body.split():
            for k, atom in enumerate(self._atoms(chunk)):
                if atom:
                    items.append((atom, k > 0 and bool(items)))
                # an empty atom ("IN_ *"): a final "_" only ends the word
        if sum(a == "*" for a, _ in items) > 1:
            raise Defect(f"pattern {text.strip()!r} needs exactly one '*'")
        if not any(a == "*" for a, _ in items):
            raise Defect(f"pattern {text.strip()!r} has no '*' for the verb")
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
            elements.append(self._element(atom, tight, alternatives, text))
        lower = tuple(elements[:verb_at])
        upper = tuple(elements[verb_at + 1:])
        return VerbPattern(code, lower, upper, text, line)

    def _atoms(self, chunk: str) -> list[str]:
        """A chunk cut at its "_"s, keeping a synonym set's name whole ("&FIGHT_OF_WORDS")."""
        out: list[str] = []
        rest = chunk
        while rest:
            if rest.startswith("&"):
                name = next((s for s in self.set_names if rest.startswith(s) and (
                    len(rest) == len(s) or rest[len(s)] == "_")), None)
                if name is not None:
                    out.append(name)
                    rest = rest[len(name) + 1:]
                    if not rest and chunk.endswith("_"):
                        out.append("")
                    continue
            atom, sep, rest = rest.partition("_")
            out.append(atom)
            if sep and not rest:
                out.append("")
        return out

    def _element(self, atom: str, tight: bool, alternatives: list[tuple[tuple[str, ...], ...]],
                 text: str) -> Element:
        if atom in _SLOTS:
            return Element(_SLOTS[atom], tight=tight)
        if atom.startswith("\x00"):
            return Element(SET, alternatives[int(atom[1:])], tight)
        if atom.startswith("&"):
            name = atom.rstrip("_")
            if name not in self.out.synsets:
                raise Defect(f"pattern {text.strip()!r} uses unknown synonym set {name}")
            return Element(SET, self.out.synsets[name], tight)
        if "/" in atom:  # "(TO/FOR PROTEST)": either word
            options = tuple(_words(o) for o in atom.split("/") if o)
            if not options or not all(options) or any(
                    c in w for o in options for w in o for c in _NOT_WORD):
                raise Defect(f"cannot read {atom!r} in pattern {text.strip()!r}")
            return Element(SET, options, tight)
        stem = atom.endswith("~")
        words = _words(atom.rstrip("~"))
        if not words or any(c in w for w in words for c in _NOT_WORD):
            raise Defect(f"cannot read {atom!r} in pattern {text.strip()!r}")
        if len(words) == 1:
            return Element(WORD, (words,), tight, stem)
        return Element(SET, (words,), tight, stem)  # "COUNTER-ARGUMENT": three tokens

    # -- transformations --
    def _transformation(self, text: str, line: int) -> Transformation:
        """ "a (a b ATTACK) SAY = a b 015": what a verb about another verb's event means."""
        pattern, equals, result = text.partition("=")
        if not equals or not _balanced(pattern):
            raise Defect(f"cannot read the transformation {text!r}")
        inner = re.search(r"\(([^()]*)\)", pattern)
        outer = re.sub(r"\([^()]*\)", " ", pattern).split()
        lower = inner[1].split() if inner else []
        answer = result.split()
        if len(outer) != 2 or len(lower) != 3 or len(answer) != 3:
            raise Defect(f"cannot read the transformation {text!r}: the form is "
                         "'~ a (b c VERB) VERB = a b CODE'")
        for verb in (lower[2], outer[1]):
            if verb != "Q" and not all(w.lower() in self.out.forms for w in verb.split("_")):
                raise Defect(f"the transformation {text!r} names the unknown verb {verb}")
        if answer[2] != "Q":
            self.code(answer[2])
        return Transformation(outer[0], lower[0], lower[1], lower[2].lower(), outer[1].lower(),
                              answer[0], answer[1], answer[2], line, f"~ {text}")


def _balanced(text: str) -> bool:
    """Whether the ( ) and { } of a pattern pair up, none inside another of its kind."""
    depth = {"(": 0, "{": 0}
    close = {")": "(", "}": "{"}
    for ch in text:
        if ch in depth:
            depth[ch] += 1
            if depth[ch] > 1:
                return False
        elif ch in close:
            depth[close[ch]] -= 1
            if depth[close[ch]] < 0:
                return False
    return not any(depth.values())


def read_verbs(path: Path, problems: Problems | None = None) -> VerbDictionary:
    """A PETRARCH/TABARI verbs file. A defective line is skipped and reported to
    `problems`; without `problems`, the first one raises DataError naming its line."""
    verbs = _Reader(path, problems_or_strict(problems)).read(
        read_dictionary_text(path, "the verbs dictionary"))
    if not verbs.forms:
        raise DataError(f"{path}: no verbs found (is this a PETRARCH verbs dictionary?)")
    return verbs
