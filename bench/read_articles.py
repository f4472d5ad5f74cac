"""What the coder makes of whole articles: every event of every article, one readable entry each.

    python bench/read_articles.py [FOLDER_OR_FILE ...] [--topic TOPIC] [--totals-only]

Codes every article under the given folders or files (default: bench/articles) with
`irinsider.pipeline`, the path every command takes, and prints per article each event
as two lines:

    s12 RUSGOV Vladimir Putin -> USAGOV Donald Trump | 020 Make an appeal or request
        rule verbs.v1/appeal:urge>? | conf 0.85 | NOT | modality ... | caption
        "... Putin and Díaz-Canel [urged] Trump not to withdraw ..."

(the trigger in brackets; NOT marks a negated event, which the CLI leaves out by
default). Then totals: events per article, and events in sport, disaster and
business stories, where no international event is expected. An article's topic is
its front matter's ``topic:`` field, else the prefix of its file name
(``sport-afcon-final.md`` -> sport).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import yaml

from irinsider.codebook import load_codebook
from irinsider.ingest import read_inputs
from irinsider.model import Article, CodedArticle, Event
from irinsider.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "bench" / "articles"
# Stories in which an event between two actors is, as a rule, a coding mistake.
QUIET_TOPICS = ("sport", "disaster", "business")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)


def topic_of(path: str | None) -> str:
    """The front matter's `topic:`, else the file name's prefix before its first "-"."""
    if not path:
        return "other"
    file = Path(path)
    match = _FRONT.match(file.read_text(encoding="utf-8")) if file.suffix == ".md" else None
    meta = yaml.safe_load(match[1]) if match else None
    if isinstance(meta, dict) and meta.get("topic"):
        return str(meta["topic"]).strip().lower()
    head, sep, _ = file.stem.partition("-")
    return head.lower() if sep else "other"


def _side(code: str | None, name: str | None) -> str:
    if code is None:
        return "(no target)"
    return f"{code} {name}" if name else code


def _marked(event: Event) -> str:
    """The evidence sentence with the trigger in brackets."""
    start, end = event.trigger_span
    text = event.evidence
    return f"{text[:start]}[{text[start:end]}]{text[end:]}"


def describe(event: Event) -> list[str]:
    """Two or three lines: who -> whom and the code; rule and flags; the evidence."""
    names = load_codebook()
    cameo = names.get(event.cameo)
    flags = [f"rule {event.rule}", f"conf {event.confidence:.2f}"]
    if event.negated:
        flags.append("NOT")
    if event.modality:
        flags.append(f"modality {event.modality}")
    if event.caption:
        flags.append("caption")
    if event.quantities:
        flags.append("amounts " + ", ".join(q.text for q in event.quantities))
    head = (f"  s{event.sentence:<3} {_side(event.source, event.source_name)} -> "
            f"{_side(event.target, event.target_name)} | {event.cameo} "
            f"{cameo.name if cameo else '?'}")
    return [head, "       " + " | ".join(flags), f'       "{_marked(event)}"']


def code_all(paths: Iterable[Path]) -> list[CodedArticle]:
    """Every article under `paths`, coded; unreadable files are reported on stderr."""
    articles: list[Article] = []
    for item in read_inputs([str(p) for p in paths]):
        if isinstance(item, Article):
            articles.append(item)
        else:
            print(f"skipped: {item}", file=sys.stderr)
    return list(Pipeline.load().code(articles))


def report(coded: list[CodedArticle], *, totals_only: bool = False) -> list[str]:
    """The per-article listing (unless `totals_only`) and the totals, as lines."""
    lines: list[str] = []
    rows: list[tuple[str, str, int, int]] = []
    for item in coded:
        article = item.article
        name = Path(article.source_path).name if article.source_path else article.id
        topic = topic_of(article.source_path)
        negated = sum(e.negated for e in item.events)
        rows.append((name, topic, len(item.events), negated))
        if totals_only:
            continue
        lines.append(f"== {name} [{topic}] {article.date} {article.title or ''}")
        lines.append(f"   {len(item.sentences)} sentences, {len(item.events)} events"
                     f" ({negated} negated)")
        for event in item.events:
            lines.extend(describe(event))
        lines.append("")

    lines.append("Events per article")
    width = max((len(r[0]) for r in rows), default=10)
    for name, topic, events, negated in rows:
        lines.append(f"  {name:<{width}} {topic:<12} {events:>4} ({negated} negated)")
    by_topic: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    for _, topic, events, _ in rows:
        by_topic[topic] += events
        articles[topic] += 1
    lines.append("Events by topic")
    for topic in sorted(articles):
        lines.append(f"  {topic:<12} {articles[topic]:>3} articles {by_topic[topic]:>5} events")
    quiet = [r for r in rows if r[1] in QUIET_TOPICS]
    lines.append(f"Events in {'/'.join(QUIET_TOPICS)} stories: "
                 f"{sum(r[2] for r in quiet)} in {len(quiet)} articles "
                 f"({sum(1 for r in quiet if r[2])} with at least one)")
    lines.append(f"All: {sum(r[2] for r in rows)} events in {len(rows)} articles "
                 f"({sum(r[3] for r in rows)} negated)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT],
                        help="folders or files of articles (default: bench/articles)")
    parser.add_argument("--topic", help="only articles of this topic")
    parser.add_argument("--totals-only", action="store_true", help="print the totals only")
    args = parser.parse_args(argv)
    coded = code_all(args.paths)
    if args.topic:
        coded = [c for c in coded if topic_of(c.article.source_path) == args.topic.lower()]
    print("\n".join(report(coded, totals_only=args.totals_only)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
