"""Readable terminal output: a table of an article's events with their evidence."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .codebook import QUAD_NAMES, load_codebook
from .model import CodedArticle

__all__ = ["print_events"]


def print_events(coded: CodedArticle, console: Console | None = None) -> None:
    """Print one article's events, one row each, with the words that triggered them."""
    console = console or Console()
    art = coded.article
    when = art.date.isoformat() if art.date else "undated"
    console.print(f"[bold]{art.title or art.id}[/bold]  {art.byline or ''}  {when}")
    codebook = load_codebook()
    table = Table(show_lines=True, expand=True)
    for col, style in (("#", "dim"), ("source", "bold"), ("event", ""), ("target", "bold"),
                       ("how much", ""), ("evidence", "")):
        table.add_column(col, style=style or None, overflow="fold")
    for e in coded.events:
        if e.negated:
            continue
        name = codebook[e.cameo].name if e.cameo in codebook else e.cameo
        event = (f"{e.cameo} {name}\n{e.plover or '-'} · Goldstein {e.goldstein:+.1f}\n"
                 f"{QUAD_NAMES[e.quad_class]}")
        s, t = e.trigger_span
        evidence = Text(e.evidence)
        evidence.stylize("bold underline", s, t)
        amounts = "\n".join(q.text for q in e.quantities)
        table.add_row(str(e.sentence), Text(f"{e.source_name}\n{e.source}"), Text(event),
                      Text(f"{e.target_name or '-'}\n{e.target or ''}"), Text(amounts), evidence)
    console.print(table)
