"""What the dictionary readers do with a defective entry: skip it and say so, or stop.

Real dictionaries have real defects (a mistyped date, an unbalanced bracket). A reader
given a :class:`Problems` skips each defective entry and records one line,
``FILE:LINE: what is wrong``; a strict one (``Problems(strict=True)``, and a reader given
none) raises :class:`~irinsider.errors.DataError` with that line instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import DataError

__all__ = ["Defect", "Problems", "problems_or_strict"]

_LONGEST = 200  # characters of a problem shown; a longer one is cut


class Defect(Exception):
    """Raised inside a reader for the entry at hand: what is wrong with it."""


@dataclass
class Problems:
    """The defective entries skipped while reading dictionaries, one line each."""

    strict: bool = False
    lines: list[str] = field(default_factory=list)

    def skip(self, where: str, problem: str) -> None:
        """Record that the entry at `where` ("FILE:LINE") was skipped; raise if strict."""
        problem = " ".join(problem.split())
        if len(problem) > _LONGEST:  # a line of thousands of characters, quoted
            problem = problem[:_LONGEST] + "..."
        message = f"{where}: {problem}"
        if self.strict:
            raise DataError(message)
        self.lines.append(message)

    def __len__(self) -> int:
        return len(self.lines)


def problems_or_strict(problems: Problems | None) -> Problems:
    """The collector a reader reports to: the one given, else a strict one."""
    return problems if problems is not None else Problems(strict=True)
