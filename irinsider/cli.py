"""The command line: thin commands over the library.

Each command parses its options, makes one library call and turns an
:class:`~irinsider.errors.IrinsiderError` into a one-line message and a
non-zero exit.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import InputError, IrinsiderError
from .model import LOW_CONFIDENCE, Article

__all__ = ["main"]

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "cuba-russia.md"


class Report:
    """Counts what was read and skipped, and says so on stderr."""

    def __init__(self) -> None:
        self.read = 0
        self.skipped: list[InputError] = []
        self.entries = 0  # dictionary entries skipped as defective

    def warn(self, message: str) -> None:
        click.echo(f"warning: {message}", err=True)

    def entry(self, message: str) -> None:
        """A dictionary entry skipped as defective: ``FILE:LINE: what is wrong``."""
        self.entries += 1
        self.warn(message)

    def articles(self, items: Iterable[Article | InputError]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                self.skipped.append(item)
                click.echo(f"error: {item}", err=True)
            else:
                self.read += 1
                yield item

    def finish(self) -> None:
        if self.entries:
            click.echo(f"skipped {self.entries} defective dictionary entr"
                       f"{'y' if self.entries == 1 else 'ies'} (--strict stops at the first)",
                       err=True)
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


def _fail(exc: IrinsiderError) -> None:
    click.echo(f"error: {exc}", err=True)
    raise click.exceptions.Exit(2)


db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False), default=None,
    help="SQLite database (default: $IRINSIDER_DB or ./irinsider.db).",
)
actors_option = click.option(
    "--actors", "--agents", "actor_files", multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra actor or agent dictionary (repeatable): irinsider's YAML, or a "
         "PETRARCH/TABARI .txt file.",
)

verbs_option = click.option(
    "--verbs", "verbs_file", type=click.Path(exists=True, dir_okay=False), default=None,
    help="A PETRARCH/TABARI verbs dictionary (.txt) to code with instead of irinsider's "
         "verb table.",
)
embedded_option = click.option(
    "--embedded-actions", is_flag=True,
    help="Code an intent as the action intended, as PETRARCH-2 does: \"agreed to lift the "
         "sanctions\" as 085 (ease sanctions), not 0354 (intent to ease them). Either way "
         "the action intended is in the field intended_cameo.",
)
discards_option = click.option(
    "--discards", "discard_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
    help="A PETRARCH discards list (repeatable): sentences holding one of its phrases are "
         "not coded, nor stories holding a phrase marked '+'.",
)
dictionaries_option = click.option(
    "--dictionaries", "dictionaries", type=click.Path(exists=True, file_okay=False),
    default=None, metavar="DIR",
    help="A PETRARCH-2 dictionary folder (Phoenix, say): its verbs, actors, agents, discards "
         "and issues, as its PETR_config.ini names them (else by their usual names). "
         "--actors, --verbs and --discards add to it. See docs/petrarch.md.",
)
strict_option = click.option(
    "--strict", is_flag=True,
    help="Stop at the first defective entry of a PETRARCH dictionary instead of skipping "
         "it with a warning.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="irinsider")
def main() -> None:
    """Read international-relations news and code who did what to whom."""


FORMAT_HELP = ("jsonl and csv: the event format; plover: PLOVER JSON records; gdelt: a "
               "tab-separated table with GDELT 2.0 event columns and a header row; parquet: "
               "the batch Parquet schema (needs --out); petrarch: PETRARCH's event file "
               "(date, source, target, code, issues, ids, URL).")
out_option = click.option(
    "--out", type=click.Path(dir_okay=False, allow_dash=True), default="-",
    help="Output file, written whole or not at all (default: stdout).")


def _format_option(formats: tuple[str, ...]) -> Any:
    return click.option("--format", "fmt", type=click.Choice(formats), default="jsonl",
                        show_default=True, help=FORMAT_HELP)


def _closed_pipe() -> None:
    """The reader of stdout went away (``| head``): stop quietly, as other tools do."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that flushing at exit does not fail
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass
    raise click.exceptions.Exit(0)


def _output(fmt: str, out: str) -> Any:
    """Where to write: stdout, or the file (parquet needs one)."""
    if out != "-":
        return out
    if fmt == "parquet":
        raise click.UsageError("--format parquet writes a file; give its name with --out FILE")
    return sys.stdout


@main.command()
@click.argument("inputs", nargs=-1)
@click.option("--date", "default_date", help="Date for inputs that give none (YYYY-MM-DD).")
@_format_option(("jsonl", "csv", "plover", "gdelt", "parquet", "petrarch"))
@out_option
@dictionaries_option
@actors_option
@verbs_option
@discards_option
@strict_option
@embedded_option
@click.option("--include-negated", is_flag=True, help="Also print negated events.")
@click.option("--min-confidence", type=float, default=0.0, show_default=True)
def code(inputs: tuple[str, ...], default_date: str | None, fmt: str, out: str,
         dictionaries: str | None, actor_files: tuple[str, ...], verbs_file: str | None,
         discard_files: tuple[str, ...], strict: bool, embedded_actions: bool,
         include_negated: bool, min_confidence: float) -> None:
    """Code INPUT files, folders or web addresses (or - for stdin) and print their
    events; nothing is stored.

    Events stream out as they are coded. --format gdelt groups the mentions of one event
    within each article only; `ingest` then `export` groups them across articles.

    Example: irinsider code sentences.jsonl --format csv > events.csv
    """
    from .exports.interchange import export_coded
    from .ingest.read import read_inputs
    from .pipeline import code_articles

    target = _output(fmt, out)
    report = Report()
    try:
        articles = report.articles(
            read_inputs(inputs or ("-",), default_date=_date(default_date),
                        on_warning=report.warn)
        )
        coded = code_articles(articles, user_actors=actor_files, verbs=verbs_file,
                              discards=discard_files, embedded_actions=embedded_actions,
                              dictionaries=dictionaries, strict=strict,
                              on_warning=report.entry)
        export_coded(coded, fmt, target,
                     keep=lambda e: ((include_negated or not e.negated)
                                     and e.confidence >= min_confidence))
    except IrinsiderError as exc:
        _fail(exc)
    except BrokenPipeError:
        _closed_pipe()
    except OSError as exc:
        _fail(IrinsiderError(f"{out}: cannot write ({exc.strerror or exc})"))
    report.finish()


@main.command("read")
@click.argument("inputs", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["markdown", "jsonl"]), default="markdown",
              show_default=True,
              help="markdown: YAML front matter (title, byline, date, url, source), the "
                   "paragraphs and the captions in italics; jsonl: one record an article "
                   "(id, source, title, byline, date, url, text, captions).")
@click.option("--date", "default_date", help="Date for inputs that give none (YYYY-MM-DD).")
def read_command(inputs: tuple[str, ...], fmt: str, default_date: str | None) -> None:
    """Print the articles of INPUT files, folders or web addresses (or - for stdin) as
    `ingest` would store them, without coding them.

    Shows what was read (title, byline, date, address, paragraphs, captions and credits)
    before one trusts what is coded from it.

    Example: irinsider read https://example.org/news/story.html --format jsonl
    """
    import json

    from .ingest.read import read_inputs
    from .ingest.render import article_markdown, article_record

    report = Report()
    try:
        for article in report.articles(read_inputs(inputs or ("-",), on_warning=report.warn,
                                                   default_date=_date(default_date))):
            if fmt == "jsonl":
                click.echo(json.dumps(article_record(article), ensure_ascii=False))
            else:
                click.echo(article_markdown(article), nl=False)
    except IrinsiderError as exc:
        _fail(exc)
    except BrokenPipeError:
        _closed_pipe()
    report.finish()


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--date", "default_date", help="Date for inputs that give none (YYYY-MM-DD).")
@dictionaries_option
@actors_option
@verbs_option
@discards_option
@strict_option
@embedded_option
@click.option("--group-window", type=click.IntRange(min=0), default=None, metavar="DAYS",
              help="Count mentions of one event (same actors and code) up to DAYS apart as "
                   "one event; kept in the database, which regroups its events when it "
                   "changes (default: the database's, 2 for a new one).")
def ingest(inputs: tuple[str, ...], db_path: str | None, default_date: str | None,
           dictionaries: str | None, actor_files: tuple[str, ...], verbs_file: str | None,
           discard_files: tuple[str, ...], strict: bool, embedded_actions: bool,
           group_window: int | None) -> None:
    """Read INPUT files, folders or web addresses, code them and store them in the
    database.

    A web address is fetched politely (robots.txt, a pause between requests to a host,
    retries); one that fails is reported like a bad file. The address of a news feed
    (RSS, Atom) gives the items not taken from it before, as the database keeps them
    (see `watch --feed`). Re-ingesting an unchanged article changes nothing. Mentions
    of one event in several articles are grouped as they are stored (see `export
    --format gdelt`).

    Example: irinsider ingest articles/ --db news.db
    """
    from .batch.feeds import StoreFeeds
    from .ingest.read import read_inputs
    from .pipeline import code_articles
    from .store import Store, default_db_path

    report = Report()
    new = same = events = 0
    try:
        with Store.open(db_path or default_db_path()) as store:
            if group_window is not None:
                store.set_group_window(group_window)
            feeds = StoreFeeds(store)
            articles = report.articles(
                read_inputs(inputs, default_date=_date(default_date), on_warning=report.warn,
                            feeds=feeds)
            )
            for coded in code_articles(articles, user_actors=actor_files, verbs=verbs_file,
                                       discards=discard_files,
                                       embedded_actions=embedded_actions,
                                       dictionaries=dictionaries, strict=strict,
                                       on_warning=report.entry):
                saved = store.save(coded)
                if saved:
                    new += 1
                    events += len(coded.events)
                else:
                    same += 1
                feeds.stored(coded.article, saved=saved, events=len(coded.events))
            feeds.finish()
            report.read += feeds.quiet  # a feed with nothing new was read all the same
    except IrinsiderError as exc:
        _fail(exc)
    click.echo(f"ingested {new} article(s) with {events} event(s); {same} unchanged")
    report.finish()


@main.command()
@db_option
@_format_option(("jsonl", "csv", "plover", "gdelt", "parquet", "petrarch"))
@out_option
@click.option("--include-negated", is_flag=True, help="Also export negated events.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=LOW_CONFIDENCE,
              show_default=True,
              help="Leave out events coded with less confidence; 0 exports them all, the "
                   "less certain flagged low_confidence.")
def export(db_path: str | None, fmt: str, out: str, include_negated: bool,
           min_confidence: float) -> None:
    """Export the stored events (not those a reader marked wrong) coded with confidence.

    jsonl, csv, plover and parquet write one row a mention (a coded event with its
    sentence); gdelt writes one row an event, the mentions of one event in several
    articles counted in NumMentions, NumSources and NumArticles; petrarch writes
    PETRARCH's event file, each event of an article once.

    Example: irinsider export --format gdelt --out events.tsv
    """
    from .exports.interchange import export_store
    from .store import Store, default_db_path

    target = _output(fmt, out)
    try:
        path = Path(db_path) if db_path else default_db_path()
        if not path.exists():
            raise IrinsiderError(f"{path}: no such database; ingest something first")
        with Store.open(path) as store:
            export_store(store, fmt, target, include_negated=include_negated,
                         min_confidence=min_confidence)
    except IrinsiderError as exc:
        _fail(exc)
    except BrokenPipeError:
        _closed_pipe()
    except OSError as exc:
        _fail(IrinsiderError(f"{out}: cannot write ({exc.strerror or exc})"))


@main.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default="irinsider-demo.db",
              show_default=True, help="Database the demo creates afresh.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port of the reader the demo starts on 127.0.0.1.")
@click.option("--no-serve", is_flag=True, help="Store and print the events, then exit.")
def demo(db_path: str, port: int, no_serve: bool) -> None:
    """Ingest the bundled example article into a fresh database, show its events and
    start the reader on http://127.0.0.1:8000 (Ctrl-C stops it).

    Example: irinsider demo
    """
    from .exports.terminal import print_events
    from .ingest.read import read_inputs
    from .pipeline import code_articles
    from .store import Store

    if not EXAMPLE.exists():
        _fail(IrinsiderError(f"{EXAMPLE}: the bundled example is missing; run from a checkout"))
    path = Path(db_path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    report = Report()
    first = ""
    try:
        with Store.open(path) as store:
            for coded in code_articles(report.articles(read_inputs([EXAMPLE]))):
                store.save(coded)
                store.mark_published(coded.article.id, author="irinsider demo")
                print_events(coded)
                first = first or coded.article.id
            counts = store.counts()
    except IrinsiderError as exc:
        _fail(exc)
    click.echo(
        f"Stored {counts['articles']} article, {counts['sentences']} sentences and "
        f"{counts['events']} events in {path}. "
        f"Export them with: irinsider export --db {path} --format csv"
    )
    if not no_serve:
        _serve(path, "127.0.0.1", port, None, f"/articles/{first}")


def _shard_size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    from .batch.shards import parse_size

    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@main.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the shard files, manifest.json and index.json.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "jsonl"]), default="parquet",
              show_default=True, help="Format of the event files.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local cluster (default: one per CPU core).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Use the running Dask cluster at this address (tcp://HOST:PORT) as it is.")
@click.option("--resume", is_flag=True,
              help="Continue the interrupted batch in --out; finished shards are kept.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
              help="Also store the coded articles in this SQLite database.")
@click.option("--date", "default_date", help="Date for inputs that give none (YYYY-MM-DD).")
@actors_option
@verbs_option
@discards_option
@embedded_option
@click.option("--shard-size", metavar="SIZE", callback=_shard_size,
              help="Input bytes per shard, e.g. 256KB or 4MB (default: 1/128 of the input, "
                   "between 64KB and 2MB).")
def batch_command(inputs: tuple[str, ...], out_dir: str, fmt: str, workers: int | None,
                  scheduler: str | None, resume: bool, db_path: str | None,
                  default_date: str | None, actor_files: tuple[str, ...],
                  verbs_file: str | None, discard_files: tuple[str, ...],
                  embedded_actions: bool, shard_size: int | None) -> None:
    """Code INPUT files, folders, globs or web addresses on a Dask cluster into shard
    files under --out.

    Web addresses are fetched first, politely, by this process alone, and their articles
    saved in OUT/fetched/ (as `read` prints them), where a resumed run finds them. The
    inputs are cut into shards in the order given; each shard is coded on a worker
    by the same pipeline as `code` and written as OUT/events/shard-NNNNN.parquet (or
    .jsonl), with its coded articles in OUT/articles/. OUT/index.json lists the shards
    in input order. Negated events are kept, flagged, as `code --include-negated` prints
    them. Without --scheduler a local cluster is started and stopped. A run that was
    interrupted continues with --resume and ends with the same files as an uninterrupted
    one. A progress bar shows on a terminal; a summary is printed at the end.

    Example: irinsider batch 'news/**/*.jsonl.gz' --out coded/ --workers 4 --db news.db
    """
    from .batch.fetched import fetch_inputs
    from .batch.progress import Monitor, ProgressBar
    from .batch.run import run_batch

    if workers is not None and scheduler is not None:
        raise click.UsageError("--workers sizes a local cluster; leave it out with --scheduler")
    monitor = ProgressBar() if sys.stderr.isatty() else Monitor()
    try:
        fetched = fetch_inputs(inputs, out_dir, default_date=_date(default_date))
        for problem in fetched.problems:
            click.echo(f"error: {problem}", err=True)
        summary = run_batch(fetched.inputs, out_dir, fmt=fmt, workers=workers,
                            scheduler=scheduler,
                            resume=resume, db=db_path, default_date=_date(default_date),
                            user_actors=actor_files, shard_size=shard_size, monitor=monitor,
                            verbs=verbs_file, discards=discard_files,
                            embedded_actions=embedded_actions)
    except IrinsiderError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        click.echo("interrupted; run the same command with --resume to continue", err=True)
        raise click.exceptions.Exit(130) from None
    summary.skipped += len(fetched.problems)
    summary.skipped_reasons[:0] = [str(p) for p in fetched.problems]
    # The summary; exit 1 if a shard failed or nothing was read.
    for warning in summary.warnings[:50]:
        click.echo(f"warning: {warning}", err=True)
    if len(summary.warnings) > 50:
        click.echo(f"warning: ... and {len(summary.warnings) - 50:,} more", err=True)
    for shard, error in sorted(summary.failed.items()):
        click.echo(f"error: shard {shard} failed: {error}", err=True)
    done = f" ({summary.reused} already done)" if summary.reused else ""
    click.echo(
        f"coded {summary.documents:,} document(s), {summary.sentences:,} sentence(s), "
        f"{summary.events:,} event(s) in {summary.shards - len(summary.failed):,} of "
        f"{summary.shards:,} shard(s){done}, {summary.seconds:.1f} s"
    )
    if summary.run_documents and summary.seconds > 0:
        click.echo(f"this run: {summary.run_documents / summary.seconds:,.1f} documents/s, "
                   f"{summary.run_sentences / summary.seconds:,.1f} sentences/s")
    if summary.skipped:
        click.echo(f"skipped {summary.skipped:,} input(s) or record(s):")
        for reason in summary.skipped_reasons[:20]:
            click.echo(f"  {reason}")
        if summary.skipped > 20:
            click.echo(f"  ... and {summary.skipped - 20:,} more (see {summary.out}/index.json)")
    click.echo(f"events in {summary.out}/events/ ({summary.fmt}); "
               f"index in {summary.out}/index.json")
    if summary.stored is not None:
        new, same = summary.stored
        click.echo(f"stored {new:,} new article(s) ({same:,} unchanged)")
    if summary.failed:
        more = "; not stored in the database" if summary.stored is None else ""
        click.echo(f"{len(summary.failed)} shard(s) failed{more}; run the same command with "
                   "--resume to retry them", err=True)
        raise click.exceptions.Exit(1)
    if summary.documents == 0:
        raise click.exceptions.Exit(1)


def _duration(ctx: click.Context, param: click.Parameter, value: str) -> float:
    """Seconds of a duration written "90s", "15m", "2h", "1d" or "600"."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value.lower())
    if not found:
        raise click.BadParameter(f"{value!r} is no duration; write 90s, 15m or 2h")
    seconds = float(found[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[found[2]]
    if seconds < 60:
        raise click.BadParameter("look at a feed at most once a minute")
    return seconds


@main.command("watch")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--feed", "feed_urls", multiple=True, metavar="URL",
              help="Follow this news feed (RSS or Atom; repeatable) instead of a folder.")
@click.option("--every", default="15m", show_default=True, metavar="DURATION",
              callback=_duration, help="Time between looks at the feeds: 90s, 15m, 2h.")
@click.option("--date", "default_date", help="Date for inputs that give none (YYYY-MM-DD).")
@actors_option
@verbs_option
@discards_option
@click.option("--interval", type=click.FloatRange(min=0.05), default=1.0, show_default=True,
              help="Seconds between looks at the folder; a file this recent waits.")
@click.option("--once", is_flag=True,
              help="Ingest the files there (or the feeds' new items) now, then exit.")
@click.option("--max-files", type=click.IntRange(min=1), default=None,
              help="Exit after this many files.")
def watch_command(folder: str | None, db_path: str | None, feed_urls: tuple[str, ...],
                  every: float, default_date: str | None, actor_files: tuple[str, ...],
                  verbs_file: str | None, discard_files: tuple[str, ...], interval: float,
                  once: bool, max_files: int | None) -> None:
    """Ingest the files dropped in FOLDER as they arrive, or the new items of news feeds
    (--feed), until interrupted.

    Files already there are ingested first. A file is taken once it has not changed for
    --interval seconds, and again whenever it changes; articles already stored with the
    same content are not coded again, so watching is idempotent.

    A feed is looked at every --every: asked for conditionally (ETag, Last-Modified), and
    each item not taken before is fetched politely, coded and stored. The items taken
    are kept in the database, so a restart neither misses nor repeats one; an item whose
    page could not be fetched for now is tried again at the next look.

    Example: irinsider watch inbox/ --db news.db

    Example: irinsider watch --feed https://example.org/world.rss --every 15m --db news.db
    """
    from .batch.watch import FileReport, watch
    from .store import Store, default_db_path

    if (folder is None) == (not feed_urls):
        raise click.UsageError("watch a FOLDER or feeds (--feed URL), not both or neither")
    if feed_urls:
        _watch_feeds(feed_urls, db_path, every, _date(default_date), actor_files, verbs_file,
                     discard_files, once)
        return
    assert folder is not None

    def show(report: FileReport) -> None:
        for error in report.errors:
            click.echo(f"error: {error}", err=True)
        if report.new or report.unchanged or not report.errors:
            click.echo(f"{report.path}: {report.new} new article(s) with {report.events} "
                       f"event(s); {report.unchanged} unchanged")

    when = _date(default_date)
    report = Report()
    try:
        with Store.open(db_path or default_db_path()) as store:
            if not once:
                click.echo(f"watching {folder} (Ctrl-C to stop)", err=True)
            try:
                summary = watch(folder, store, user_actors=actor_files, default_date=when,
                                interval=interval, once=once, max_files=max_files,
                                on_file=show, on_warning=report.warn, verbs=verbs_file,
                                discards=discard_files)
            except KeyboardInterrupt:
                click.echo("stopped", err=True)
                return
    except IrinsiderError as exc:
        _fail(exc)
    click.echo(f"ingested {summary.new} article(s) with {summary.events} event(s) from "
               f"{summary.files} file(s); {summary.unchanged} unchanged")


def _watch_feeds(urls: tuple[str, ...], db_path: str | None, every: float,
                 when: date | None, actor_files: tuple[str, ...], verbs_file: str | None,
                 discard_files: tuple[str, ...], once: bool) -> None:
    from .batch.cluster import worker_pipeline
    from .batch.feeds import FeedReport, watch_feeds
    from .ingest import is_url
    from .store import Store, default_db_path

    for url in urls:
        if not is_url(url):
            raise click.BadParameter(f"{url!r} is no web address (http:// or https://)",
                                     param_hint="--feed")

    def show(report: FeedReport) -> None:
        for error in report.errors:
            click.echo(f"error: {error}", err=True)
        if report.not_modified:
            click.echo(f"{report.url}: unchanged since the last look")
        elif report.answered:
            click.echo(f"{report.url}: {report.new} new article(s) with {report.events} "
                       f"event(s); {report.unchanged} unchanged")

    report = Report()
    try:
        with Store.open(db_path or default_db_path()) as store:
            if not once:
                click.echo(f"watching {len(urls)} feed(s), a look every {every:g} s "
                           "(Ctrl-C to stop)", err=True)
            pipeline = worker_pipeline(actor_files, verbs_file, discard_files)
            try:
                summary = watch_feeds(urls, store, pipeline, every=every, once=once,
                                      default_date=when, on_look=show,
                                      on_warning=report.warn)
            except KeyboardInterrupt:
                click.echo("stopped", err=True)
                return
    except IrinsiderError as exc:
        _fail(exc)
    click.echo(f"ingested {summary.new} article(s) with {summary.events} event(s) from "
               f"{summary.looks} look(s) at feeds; {summary.unchanged} unchanged")


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but this machine needs --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", envvar="IRINSIDER_TOKEN", default=None,
              help="Token that publishing and corrections need (default: $IRINSIDER_TOKEN).")
def serve_command(db_path: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the reader: articles explained, countries, pairs, treaties, search,
    publishing, corrections, an Atom feed and a JSON API (/api/, /openapi.json).

    On 127.0.0.1 anyone on this machine may write; on any other address writing
    needs the token, and the server refuses to start without one.

    Example: irinsider serve --db news.db --port 8000
    """
    from .store import default_db_path

    path = Path(db_path) if db_path else default_db_path()
    if not path.exists():
        click.echo(f"note: {path} does not exist; starting with an empty database (add "
                   "articles at /publish or with irinsider ingest)", err=True)
    _serve(path, host, port, token)


def _serve(path: Path, host: str, port: int, token: str | None, first: str = "/") -> None:
    """Start the reader on host:port until Ctrl-C; a clean message if it cannot."""
    import socket

    import uvicorn

    from .web import WebConfig, create_app, is_loopback

    if not is_loopback(host) and not token:
        _fail(IrinsiderError(f"{host} is reachable from other machines, so writing needs a "
                             "token: pass --token or set $IRINSIDER_TOKEN"))
    if token is not None and len(token) < 12:
        _fail(IrinsiderError("the token is too short; use at least 12 characters"))
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            _fail(IrinsiderError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
                                 "choose another --port"))
    try:
        app = create_app(path, WebConfig(token=token))
    except IrinsiderError as exc:
        _fail(exc)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Reader: http://{shown}:{port}{first}  (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.group("data")
def data_group() -> None:
    """Check the dictionaries: the bundled data files, or your own."""


@data_group.command("check")
@click.argument("files", nargs=-1, type=click.Path(), metavar="[FILE]...")
def data_check(files: tuple[str, ...]) -> None:
    """List every problem in the data FILEs (default: the bundled ones), one a line.

    A FILE named like a bundled one (leaders.yaml, verbs.yaml, cameo.csv ...) is checked as
    that file; any other as an actor dictionary in irinsider's YAML format, as `code --actors`
    reads it. Exits 1 if a file has a problem.

    Example: irinsider data check my-actors.yaml
    """
    from .datacheck import bundled_files, check_file

    paths = [Path(f) for f in files] or bundled_files()
    problems = bad = 0
    try:
        for path in paths:
            found = check_file(path)
            for problem in found:
                click.echo(problem)
            problems += len(found)
            bad += bool(found)
        click.echo(f"checked {len(paths)} file(s): "
                   + (f"{problems} problem(s) in {bad} file(s)" if problems else "no problems"))
    except IrinsiderError as exc:
        _fail(exc)
    except BrokenPipeError:
        _closed_pipe()
    if problems:
        raise click.exceptions.Exit(1)
