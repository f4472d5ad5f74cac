"""Events in any export format, from a store or straight from coded articles.

    export_store(store, fmt, out)   the stored events in any format of `FORMATS`
    export_coded(coded, fmt, out)   events straight from coded articles

`out` is a stream or a file name; a file is written atomically (see `irinsider.files`).
JSON Lines, CSV (`rows`), PLOVER (`plover`) and Parquet (`parquet`) carry one row a
mention (a coded event with its evidence); the GDELT table (`gdelt`) carries one row an
*event*: a group of mentions (see `dedup`) with its counts. From a store, groups span
articles; from coded articles alone (``irinsider code``), only the mentions within one
article can be grouped. PETRARCH's event file (`petrarch`) lists each event of an
article (a story) once, with the sentences it was read in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..dedup import EventGroup, Mention, group_events
from ..files import atomic_text
from ..model import CodedArticle, Event
from .gdelt import write_gdelt
from .petrarch import write_petrarch
from .plover import write_plover
from .rows import write_events

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["FORMATS", "export_coded", "export_store"]

FORMATS: tuple[str, ...] = ("jsonl", "csv", "plover", "gdelt", "parquet", "petrarch")
BINARY_FORMATS = frozenset({"parquet"})


def _parquet(events: Iterable[Event], path: Path) -> int:
    """`parquet.write_parquet`, imported only when Parquet is written: it loads pyarrow."""
    from .parquet import write_parquet

    return write_parquet(events, path)


def _write(fmt: str, out: TextIO | str | Path, text: Callable[[TextIO], int],
           binary: Callable[[Path], int]) -> int:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if fmt in BINARY_FORMATS:
        if not isinstance(out, (str, Path)):
            raise ValueError(f"--format {fmt} writes a file; give its name with --out FILE")
        return binary(Path(out))
    if isinstance(out, (str, Path)):
        with atomic_text(out) as fh:
            return text(fh)
    return text(out)


def export_store(store: Store, fmt: str, out: TextIO | str | Path, *,
                 include_negated: bool = False, min_confidence: float = 0.0) -> int:
    """Write the stored events (not those readers marked wrong) as `fmt` to `out`, a
    stream or a file name (written atomically); return how many rows were written.

    `min_confidence` leaves out the events coded with less confidence (`irinsider export`
    gives `model.LOW_CONFIDENCE`); the GDELT table keeps an event whose earliest mention,
    which stands for it, is that confident."""

    def sure(event: Event) -> bool:
        return event.confidence >= min_confidence

    def events() -> Iterator[Event]:
        return (e for e in store.events() if (include_negated or not e.negated) and sure(e))

    def mentions() -> Iterator[Mention]:
        return (m for m in store.mentions(include_negated=include_negated) if sure(m.event))

    def text(fh: TextIO) -> int:
        if fmt == "plover":
            return write_plover(mentions(), fh)
        if fmt == "gdelt":
            return write_gdelt((g for g in store.groups(include_negated=include_negated)
                                if sure(g.event)), fh)
        if fmt == "petrarch":
            return write_petrarch(mentions(), fh)
        return write_events(events(), fh, fmt)

    return _write(fmt, out, text, lambda path: _parquet(events(), path))


def export_coded(coded: Iterable[CodedArticle], fmt: str, out: TextIO | str | Path, *,
                 keep: Callable[[Event], bool] = lambda e: True) -> int:
    """Write the events of coded articles that `keep` accepts as `fmt` to `out` (a stream
    or a file name); the GDELT table groups the mentions of each article."""

    def mentions() -> Iterator[Mention]:
        for c in coded:
            a = c.article
            for e in c.events:
                if keep(e):
                    yield Mention(e, url=a.url, title=a.title, byline=a.byline)

    def groups() -> Iterator[EventGroup]:
        for c in coded:
            a = c.article
            for group in group_events([e for e in c.events if keep(e)]):
                yield EventGroup(group.event, group.num_mentions, group.num_articles,
                                 group.num_sources, group.first_date, group.last_date,
                                 url=a.url)

    def text(fh: TextIO) -> int:
        if fmt == "plover":
            return write_plover(mentions(), fh)
        if fmt == "gdelt":
            return write_gdelt(groups(), fh)
        if fmt == "petrarch":
            return write_petrarch(mentions(), fh)
        return write_events((m.event for m in mentions()), fh, fmt)

    return _write(fmt, out, text, lambda path: _parquet((m.event for m in mentions()), path))
