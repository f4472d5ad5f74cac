"""Web addresses among batch inputs, fetched once by the driver into OUT/fetched/.

    fetched = fetch_inputs(["news/", "https://example.org/a"], "out/")
    fetched.inputs      # ["news/", "out/fetched/3f2a...c1"]
    fetched.problems    # [InputError("https://...", "HTTP 404 Not Found"), ...]

Workers never fetch: one `Fetcher` in the driver keeps robots.txt and the pause
between requests to a host for the whole run. Each address is read as `ingest`
reads it (a page, or the pages of a feed's items) and its articles saved as
Markdown with front matter (`ingest.render.article_markdown`, which reads back as
the same article), in order, in a folder named by a hash of the address, which
takes the address's place among the inputs. An address already saved (a resumed
batch) is not fetched again; a page that cannot be fetched or read is a problem,
reported with the inputs skipped.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError, IrinsiderError
from ..ingest import Fetcher, article_markdown, is_url, read_url
from ..model import Article

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
    own = None
    try:
        for given in map(str, inputs):
            if not is_url(given):
                result.inputs.append(given)
                continue
            folder = Path(out) / FETCHED / hashlib.sha256(given.encode()).hexdigest()[:24]
            if not folder.exists():
                if fetcher is None:
                    fetcher = own = Fetcher()
                items = list(read_url(given, fetcher, default_date=default_date))
                result.problems += [i for i in items if isinstance(i, InputError)]
                articles = [i for i in items if isinstance(i, Article)]
                if not articles:
                    continue
                _save(articles, folder)
            result.inputs.append(str(folder))
    finally:
        if own is not None:
            own.close()
    return result


def _save(articles: list[Article], folder: Path) -> None:
    """The articles as NNNNN.md files of `folder`, which appears whole or not at all."""
    hidden = folder.with_name(f".{folder.name}.{os.getpid()}")
    try:
        shutil.rmtree(hidden, ignore_errors=True)
        hidden.mkdir(parents=True)
        for number, article in enumerate(articles, start=1):
            (hidden / f"{number:05d}.md").write_text(article_markdown(article),
                                                     encoding="utf-8")
        os.replace(hidden, folder)
    except OSError as exc:
        shutil.rmtree(hidden, ignore_errors=True)
        raise IrinsiderError(f"{folder}: cannot write ({exc.strerror or exc})") from None
