"""Reading PETRARCH discard lists: phrases whose presence keeps text uncoded.

A discards file lists phrases, one a line; a sentence that contains one is not coded,
and a story that contains one marked ``+`` is not coded at all. A phrase matches at the
start of a word, whatever its case and spacing; a final ``_`` ends the word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .actors import read_dictionary_text
from .problems import Problems, problems_or_strict

__all__ = ["Discards", "read_discards"]

_LINE_COMMENT = re.compile(r"(^|\s)[#;].*$")

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


def read_discards(path: Path, problems: Problems | None = None) -> Discards:
    """A PETRARCH discards file: one phrase a line, ``+`` for a whole story. A line that
    cannot be read is skipped and reported to `problems` (without: DataError)."""
    report = problems_or_strict(problems)
    text = read_dictionary_text(path, "the discards list")
    sentence: list[re.Pattern[str]] = []
    story: list[re.Pattern[str]] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = _LINE_COMMENT.sub("", raw).strip()
        if not line:
            continue
        whole_story = line.startswith("+")
        phrase = line[1:].strip() if whole_story else line
        if not re.search(r"\w", phrase) or "[" in phrase or "]" in phrase:
            report.skip(f"{path}:{n}", f"cannot read the discard phrase {raw.strip()!r}")
            continue
        (story if whole_story else sentence).append(_discard_pattern(phrase))
    return Discards(tuple(sentence), tuple(story))
