"""Web addresses among batch inputs, fetched once by the driver into OUT/fetched/.

    fetched = fetch_inputs(["news/", "https://example.org/a"], "out/")
    fetched.inputs      # ["news/", "out/fetched/3f2a...c1.md"]
    fetched.problems    # [InputError("https://...", "HTTP 404 Not Found"), ...]

Workers never fetch: one `Fetcher` in the driver keeps robots.txt and the pause
between requests to a host for the whole run. Each address is read as `ingest`
reads it and its article saved as Markdown with front matter
(`ingest.render.article_markdown`, which reads back as the same article) under a
name hashed from the address, which takes the address's place among the inputs.
An address already saved (a resumed batch) is not fetched again; one that cannot
be fetched or read is a problem, reported with the inputs skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError, IrinsiderError
from ..files import write_atomic
from ..ingest import Fetcher, article_markdown, is_url, read_url

__all__ = ["FETCHED", "Fetched", "fetch_inputs"]

FETCHED = "fetched"  # the folder under OUT


@dataclass
class Fetched:
    """The inputs with each address replaced by its saved article, and the failures."""

    inputs: list[str] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)


def fetch_inputs(inputs: Iterable[str | Path], out: str | Path, *,
                 default_date: date | None = None,
                 fetcher: Fetcher | None = None) -> Fetched:
    """Fetch the web addresses among `inputs` (in order) into OUT/fetched/.

    Raises `IrinsiderError` if the folder cannot be written.
    """
    result = Fetched()
    folder = Path(out) / FETCHED
    own = None
    try:
        for given in map(str, inputs):
            if not is_url(given):
                result.inputs.append(given)
                continue
            path = folder / f"{hashlib.sha256(given.encode()).hexdigest()[:24]}.md"
            if not path.exists():
                if fetcher is None:
                    fetcher = own = Fetcher()
                [item] = read_url(given, fetcher, default_date=default_date)
                if isinstance(item, InputError):
                    result.problems.append(item)
                    continue
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    write_atomic(path, article_markdown(item))
                except OSError as exc:
                    problem = f"{folder}: cannot write ({exc.strerror or exc})"
                    raise IrinsiderError(problem) from None
            result.inputs.append(str(path))
    finally:
        if own is not None:
            own.close()
    return result
