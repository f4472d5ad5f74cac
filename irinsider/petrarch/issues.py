"""PETRARCH's issue lists: phrases a sentence may hold and the issue each one stands for.

    <ISSUE CATEGORY="EDUCATION" TYPE="ALL">     a section (its tags are read over)
    n:school reform [EDUCATION_REFORM]         "n:": the noun and its regular plural
    ethnic v:purge [ID_ATROCITY]               "v:": the verb, -s, -ed, -ing
    early+childhood education [EDUCATION]      "+": a space or a hyphen
    ~olive oil                                 a sentence holding it codes no issue
    ~~armenian genocide                        of its section (both alike, see below)

Matching is on whole words, whatever their case. A sentence's issues are the codes of
the phrases it holds, each with how many times one of its phrases occurs, in the order
they are first found: ``(("OIL", 2), ("SANCTIONS", 1))``. An ignored phrase ("~", and
"~~", which PETRARCH meant for whole stories and reads as "~") cancels the issues of its
own ``<ISSUE>`` section in the sentence, as the file's sections are written: "~olive oil"
keeps "olive oil prices" from the OIL issue, not from any other. (PETRARCH-2 itself
cancels every issue of the sentence.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

from .actors import read_dictionary_text
from .problems import Defect, Problems, problems_or_strict

__all__ = ["IssueList", "read_issues"]

_COMMENT = re.compile(r"#.*$")
_CODE = re.compile(r"\[\s*([^\[\]\s]+)\s*\]")
_SECTION = re.compile(r"^</?ISSUE\b[^>]*>?$", re.I)
# A word of a sentence: what lies between spaces, less the punctuation around it.
_WORD = re.compile(r"\S+")
_EDGE = ".,;:!?\"'()[]{}«»“”‘’"


# A phrase of the list: its words, its code (for an ignored one: "") and its section.
Phrase = tuple[tuple[str, ...], str, int]


@dataclass(frozen=True)
class IssueList:
    """Issue phrases by their first word, and the phrases that cancel a section's issues
    in a sentence (section 0: outside any section, whose ignored phrases cancel all)."""

    phrases: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    ignore: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def __len__(self) -> int:
        return sum(len(v) for v in self.phrases.values())

    def match(self, text: str) -> tuple[tuple[str, int], ...]:
        """The issues of a sentence: (code, how many of its phrases occur), first found
        first; none where the sentence holds an ignored phrase."""
        words = sentence_words(text)
        cancelled: set[int] = set()
        found: list[tuple[str, int]] = []
        for i, word in enumerate(words):
            for phrase, _, section in self.ignore.get(word, ()):
                if tuple(words[i:i + len(phrase)]) == phrase:
                    cancelled.add(section)
            for phrase, code, section in self.phrases.get(word, ()):
                if tuple(words[i:i + len(phrase)]) == phrase:
                    found.append((code, section))
        if 0 in cancelled:
            return ()
        counts: dict[str, int] = {}
        for code, section in found:
            if section not in cancelled:
                counts[code] = counts.get(code, 0) + 1
        return tuple(counts.items())


def sentence_words(text: str) -> list[str]:
    """The words of a sentence as issue phrases are matched: lower case, no punctuation
    around them ("E.U.'s" stays "e.u.'s", "(oil)" becomes "oil")."""
    out = []
    for m in _WORD.finditer(text.lower()):
        word = m[0].strip(_EDGE)
        if word.endswith("'s") or word.endswith("’s"):
            word = word[:-2]
        if word:
            out.append(word)
    return out


def _noun_forms(word: str) -> list[str]:
    return [word, word[:-1] + "ies" if word.endswith("y") else word + "s"]


def _verb_forms(word: str) -> list[str]:
    if word.endswith("e"):
        return [word, word + "s", word + "d", word[:-1] + "ing"]
    return [word, word + "s", word + "ed", word + "ing"]


def _forms(phrase: str) -> list[tuple[str, ...]]:
    """Every phrase an issue line stands for: "n:", "v:" and "+" spelled out."""
    choices: list[list[tuple[str, ...]]] = []
    count = 1
    for raw in phrase.split():
        if raw.startswith("n:"):
            options = _noun_forms(raw[2:])
        elif raw.startswith("v:"):
            options = _verb_forms(raw[2:])
        else:
            options = [raw]
        spelled: list[tuple[str, ...]] = []
        for option in options:
            pieces = option.split("+")
            if not option or any(c in option for c in "[]{}<>") or not all(pieces):
                raise Defect(f"cannot read the issue phrase {phrase!r}")
            spelled += [tuple(w.strip(_EDGE) for w in s.split()) for s in _joined(pieces)]
        count *= len(spelled)
        if count > _MAX_FORMS:
            raise Defect(f"the issue phrase {phrase!r} spells too many phrases")
        choices.append(spelled)
    phrases = (tuple(w for part in combo for w in part) for combo in product(*choices))
    return [p for p in dict.fromkeys(phrases) if p and all(p)]


_MAX_FORMS = 512  # "tehreek+e+nafaz+e+shariat+e+mohammadi": 2**6 spellings


def _joined(pieces: list[str]) -> list[str]:
    """ "al+qaeda" -> "al qaeda", "al-qaeda"; each "+" is a space or a hyphen."""
    out = [pieces[0]]
    for piece in pieces[1:]:
        out = [f"{o}{sep}{piece}" for o in out for sep in (" ", "-")]
    return out


def read_issues(path: Path, problems: Problems | None = None) -> IssueList:
    """A PETRARCH issues file. A line that cannot be read (or has no code) is skipped and
    reported to `problems`; without `problems`, it raises DataError naming its line."""
    report = problems_or_strict(problems)
    text = read_dictionary_text(path, "the issues list")
    phrases: dict[str, list[Phrase]] = {}
    ignore: dict[str, list[Phrase]] = {}
    section = sections = 0
    for n, raw in enumerate(text.splitlines(), 1):
        line = _COMMENT.sub("", raw).strip()
        if not line:
            continue
        if _SECTION.match(line):
            if line.startswith("</"):
                section = 0
            else:
                sections += 1
                section = sections
            continue
        try:
            if line.startswith("~"):
                for phrase in _forms(line.lstrip("~").lower()):
                    ignore.setdefault(phrase[0], []).append((phrase, "", section))
                continue
            code = _CODE.search(line)
            if code is None:
                raise Defect(f"no [CODE] for the issue phrase {line!r}")
            body, after = line[:code.start()].strip(), _CODE.sub(" ", line[code.end():])
            if "[" in body or "]" in body or any(c.isalpha() for c in after):
                raise Defect(f"cannot read the issue line {line!r}")
            if not body:
                raise Defect(f"no phrase before the code in {line!r}")
            for phrase in _forms(body.lower()):
                phrases.setdefault(phrase[0], []).append((phrase, code[1], section))
        except Defect as exc:
            report.skip(f"{path}:{n}", str(exc))
    return IssueList({k: tuple(v) for k, v in phrases.items()},
                     {k: tuple(v) for k, v in ignore.items()})
