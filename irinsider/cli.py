"""The command line: thin commands over the library.

Each command parses its options, makes one library call and turns an
:class:`~irinsider.errors.IrinsiderError` into a one-line message and a
non-zero exit.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import click

from . import __version__
from .errors import InputError, IrinsiderError
from .model import Article, CodedArticle, Event

__all__ = ["main"]

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "cuba-russia.md"


class Report:
    """Counts what was read and skipped, and says so on stderr."""

    def __init__(self) -> None:
        self.read = 0
        self.skipped: list[InputError] = []

    def warn(self, message: str) -> None:
        click.echo(f"warning: {message}", err=True)

    def articles(self, items: Iterable[Article | InputError]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                self.skipped.append(item)
                click.echo(f"error: {item}", err=True)
            else:
                self.read += 1
                yield item

    def finish(self) -> None:
        if self.skipped:
            reasons = Counter(e.problem.split(":")[0] for e in self.skipped)
            why = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
            click.echo(f"read {self.read}, skipped {len(self.skipped)} input(s) or record(s): "
                       f"{why}", err=True)
        if self.read == 0:
            raise click.exceptions.Exit(1)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from None


def _selected(coded: Iterable[CodedArticle], include_negated: bool,
              min_confidence: float) -> Iterator[Event]:
    for c in coded:
        for e in c.events:
            if (include_negated or not e.negated) and e.confidence >= min_confidence:
                yield e


def _fail(exc: IrinsiderError) -> None:
    click.echo(f"error: {exc}", err=True)
    raise click.exceptions.Exit(2)


db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False), default=None,
    help="SQLite database (default: $IRINSIDER_DB or ./irinsider.db).",
)
actors_option = click.option(
    "--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
    help="Extra actor dictionary in irinsider's YAML format (repeatable).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="irinsider")
def main() -> None:
    """Read international-relations news and code who did what to whom."""


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--date", "default_date", help="Date for inputs that give none (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@actors_option
@click.option("--include-negated", is_flag=True, help="Also print negated events.")
@click.option("--min-confidence", type=float, default=0.0, show_default=True)
def code(inputs: tuple[str, ...], default_date: str | None, fmt: str,
         actor_files: tuple[str, ...], include_negated: bool, min_confidence: float) -> None:
    """Code INPUT files (or - for stdin) and print their events; nothing is stored.

    Example: irinsider code sentences.jsonl --format csv > events.csv
    """
    from .export import write_events
    from .ingest import read_inputs
    from .pipeline import code_articles

    report = Report()
    try:
        articles = report.articles(
            read_inputs(inputs or ("-",), default_date=_date(default_date),
                        on_warning=report.warn)
        )
        coded = code_articles(articles, user_actors=actor_files)
        write_events(_selected(coded, include_negated, min_confidence), sys.stdout, fmt)
    except IrinsiderError as exc:
        _fail(exc)
    report.finish()


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--date", "default_date", help="Date for inputs that give none (YYYY-MM-DD).")
@actors_option
def ingest(inputs: tuple[str, ...], db_path: str | None, default_date: str | None,
           actor_files: tuple[str, ...]) -> None:
    """Read INPUT files or folders, code them and store them in the database.

    Re-ingesting an unchanged article changes nothing.

    Example: irinsider ingest articles/ --db news.db
    """
    from .ingest import read_inputs
    from .pipeline import code_articles
    from .store import Store, default_db_path

    report = Report()
    new = same = events = 0
    try:
        with Store.open(db_path or default_db_path()) as store:
            articles = report.articles(
                read_inputs(inputs, default_date=_date(default_date), on_warning=report.warn)
            )
            for coded in code_articles(articles, user_actors=actor_files):
                if store.save(coded):
                    new += 1
                    events += len(coded.events)
                else:
                    same += 1
    except IrinsiderError as exc:
        _fail(exc)
    click.echo(f"ingested {new} article(s) with {events} event(s); {same} unchanged")
    report.finish()


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Output file (default: stdout).")
@click.option("--include-negated", is_flag=True, help="Also export negated events.")
def export(db_path: str | None, fmt: str, out: str, include_negated: bool) -> None:
    """Export the stored events.

    Example: irinsider export --format csv --out events.csv
    """
    from .export import write_events
    from .store import Store, default_db_path

    try:
        path = Path(db_path) if db_path else default_db_path()
        if not path.exists():
            raise IrinsiderError(f"{path}: no such database; ingest something first")
        with Store.open(path) as store:
            events = (e for e in store.events() if include_negated or not e.negated)
            if out == "-":
                write_events(events, sys.stdout, fmt)
            else:
                with open(out, "w", encoding="utf-8", newline="") as fh:
                    write_events(events, fh, fmt)
    except IrinsiderError as exc:
        _fail(exc)


@main.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default="irinsider-demo.db",
              show_default=True, help="Database the demo creates afresh.")
def demo(db_path: str) -> None:
    """Ingest the bundled example article into a fresh database and show its events.

    Example: irinsider demo
    """
    from .ingest import read_inputs
    from .pipeline import code_articles
    from .report import print_events
    from .store import Store

    if not EXAMPLE.exists():
        _fail(IrinsiderError(f"{EXAMPLE}: the bundled example is missing; run from a checkout"))
    path = Path(db_path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    report = Report()
    try:
        with Store.open(path) as store:
            for coded in code_articles(report.articles(read_inputs([EXAMPLE]))):
                store.save(coded)
                print_events(coded)
            counts = store.counts()
    except IrinsiderError as exc:
        _fail(exc)
    click.echo(
        f"Stored {counts['articles']} article, {counts['sentences']} sentences and "
        f"{counts['events']} events in {path}. "
        f"Export them with: irinsider export --db {path} --format csv"
    )
