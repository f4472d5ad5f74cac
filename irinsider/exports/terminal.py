"""Readable terminal output: an article's events, each with its evidence."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..codebook import QUAD_NAMES, load_codebook
from ..model import CodedArticle, Event

__all__ = ["print_events"]

# How a date read from the sentence is shown, by its precision.
_SHOWN = {"day": lambda d: d, "week": lambda d: f"week of {d}", "month": lambda d: d[:7],
          "year": lambda d: d[:4]}


def print_events(coded: CodedArticle, console: Console | None = None) -> None:
    """Print one article's events: who, what, whom, how much, and the words that say so."""
    console = console or Console()
    art = coded.article
    when = art.date.isoformat() if art.date else "undated"
    head = Text(art.title or art.id, style="bold")
    head.append(f"  {art.byline or ''}  {when}", style="dim")
    console.print(head)
    codebook = load_codebook()
    shown = [e for e in coded.events if not e.negated]
    console.print(Text(f"{len(shown)} events in {len(coded.sentences)} sentences\n", style="dim"))
    for e in shown:
        name = codebook[e.cameo].name if e.cameo in codebook else e.cameo
        line = Text(f"[{e.sentence}] ", style="dim")
        line.append(f"{_said(e, e.source_span)} ({e.source})", style="bold")
        line.append(" → ")
        target = f"{_said(e, e.target_span)} ({e.target})" if e.target else "(no target)"
        line.append(target, style="bold")
        console.print(line)
        quad = QUAD_NAMES.get(e.quad_class, "no quad class")  # a code outside CAMEO
        what = Text(f"    {e.cameo} {name} · {e.plover or 'no PLOVER type'} · "
                    f"Goldstein {e.goldstein:+.1f} · {quad}")
        if e.modality:
            what.append(f" · {e.modality}")
        console.print(what, soft_wrap=True)
        for q in e.quantities:
            console.print(Text(f"    amount: {q.text}", style="green"))
        if e.date and e.date_precision in _SHOWN:
            console.print(Text(f"    when: {_SHOWN[e.date_precision](e.date)} (from "
                               f"'{e.date_text}')", style="cyan"))
        if e.place:
            where = e.place_name or e.place
            if e.place_country and e.place_kind != "country":
                where += f", {e.place_country}"
            console.print(Text(f"    where: {where} ({e.place_kind})", style="cyan"))
        s, t = e.trigger_span
        evidence = Text("    “" + e.evidence.replace("\n", " ") + "”", style="italic")
        evidence.stylize("bold underline", s + 5, t + 5)
        if e.caption:
            evidence.append("  (image caption)", style="dim")
        console.print(evidence, soft_wrap=True)


def _said(event: Event, span: tuple[int, int] | None) -> str:
    """How the sentence names an actor ("Russian companies"), or its canonical name."""
    if span is None:
        return event.target_name or ""
    return event.evidence[span[0]:span[1]]
