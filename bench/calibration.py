"""How often the coder is right at each confidence: expert judgements of the events it codes.

    python bench/calibration.py                  # precision per confidence bin
    python bench/calibration.py --unjudged       # also list events not judged yet
    python bench/calibration.py --add-unjudged   # append them to the file, to be judged
    python bench/calibration.py --halves         # also each half of the articles apart

Codes the articles of bench/articles/ (or the folders and files given) with
`irinsider.pipeline`, the path every command takes, and matches each event to an entry of
bench/judgements.yaml: an expert coder's verdict on it, right or wrong, written by reading
its sentence in its article. An entry names the event by its article's file name, a hash
of its sentence (`key`), its source, target and CAMEO code; `text` and `trigger` are there
for the reader. An event is right when the sentence says, in its article, that the source
did an act of that CAMEO root (or a sibling code a careful coder could choose) to the
target: both actors of the right country or organisation, the target being who it was
done to (a sector off by one, GOV for a bare country, is not counted as wrong). Negated
events are left out, as the commands leave them out.

Prints, per bin of confidence, how many events were judged and the share right, then the
same above and below `irinsider.model.LOW_CONFIDENCE`, and how many events have no
verdict yet. Events the coder no longer codes keep their entry; they are counted as
stale. The bins and the threshold are what the brief calls calibrated: events at or above
the threshold should be right at least three times in four.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from irinsider.ingest import read_inputs
from irinsider.model import LOW_CONFIDENCE, Article, CodedArticle, Event
from irinsider.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "bench" / "articles"
JUDGEMENTS = ROOT / "bench" / "judgements.yaml"
BINS = (0.0, 0.3, 0.5, 0.7, 0.85, 1.0001)
TARGET = 0.75  # the share right wanted at or above LOW_CONFIDENCE

Key = tuple[str, str, str, str, str]


def sentence_key(text: str) -> str:
    """A short hash of a sentence: what finds its judgement again."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def event_key(article: str, event: Event) -> Key:
    return (article, sentence_key(event.evidence), event.source, event.target or "-",
            event.cameo)


def read_judgements(path: Path = JUDGEMENTS) -> dict[Key, dict[str, Any]]:
    """The judgements of the file, by event key."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[Key, dict[str, Any]] = {}
    for entry in data.get("judgements") or []:
        key = (str(entry["article"]), str(entry["key"]), str(entry["source"]),
               str(entry["target"]), str(entry["cameo"]))
        out[key] = entry
    return out


def code_all(paths: Iterable[Path]) -> list[CodedArticle]:
    """Every article under `paths`, coded."""
    articles: list[Article] = []
    for item in read_inputs([str(p) for p in paths]):
        if isinstance(item, Article):
            articles.append(item)
        else:
            print(f"skipped: {item}", file=sys.stderr)
    return list(Pipeline.load().code(articles))


def events_of(coded: Iterable[CodedArticle]) -> list[tuple[str, Event]]:
    """(article file name, event) of every event that is not negated."""
    out: list[tuple[str, Event]] = []
    for item in coded:
        path = item.article.source_path
        name = Path(path).name if path else item.article.id
        out.extend((name, e) for e in item.events if not e.negated)
    return out


def half(article: str) -> str:
    """A or B: a fixed split of the articles by a hash of the file name."""
    return "A" if int(hashlib.sha1(article.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def bin_of(confidence: float) -> int:
    return next(i for i in range(len(BINS) - 1) if BINS[i] <= confidence < BINS[i + 1])


def table(judged: list[tuple[Event, bool]]) -> list[str]:
    """Precision per confidence bin, then at and above the threshold and below it."""
    lines = [f"{'confidence':<12} {'judged':>6} {'right':>6} {'precision':>9}"]
    for i in range(len(BINS) - 1):
        rows = [ok for e, ok in judged if bin_of(e.confidence) == i]
        high = min(BINS[i + 1], 1.0)
        label = f"{BINS[i]:.2f}-{high:.2f}"
        share = f"{sum(rows) / len(rows):.2f}" if rows else "-"
        lines.append(f"{label:<12} {len(rows):>6} {sum(rows):>6} {share:>9}")
    for label, rows in (
        (f">= {LOW_CONFIDENCE:g}", [ok for e, ok in judged if e.confidence >= LOW_CONFIDENCE]),
        (f"< {LOW_CONFIDENCE:g}", [ok for e, ok in judged if e.confidence < LOW_CONFIDENCE]),
        ("all", [ok for _, ok in judged]),
    ):
        share = f"{sum(rows) / len(rows):.2f}" if rows else "-"
        lines.append(f"{label:<12} {len(rows):>6} {sum(rows):>6} {share:>9}")
    return lines


def template(article: str, event: Event) -> dict[str, Any]:
    """An entry for an event not judged yet (`right` left empty)."""
    a, key, source, target, cameo = event_key(article, event)
    start, end = event.trigger_span
    return {"article": a, "key": key, "source": source, "target": target, "cameo": cameo,
            "trigger": event.evidence[start:end], "text": event.evidence[:90], "right": None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--unjudged", action="store_true", help="List events not judged.")
    parser.add_argument("--add-unjudged", action="store_true",
                        help="Append events not judged to the file, with right: null.")
    parser.add_argument("--halves", action="store_true",
                        help="Also the table of each half of the articles (split by a hash "
                             "of the file name), to see that the calibration holds on both.")
    args = parser.parse_args(argv)
    verdicts = read_judgements(args.judgements)
    events = events_of(code_all(args.paths))
    judged: list[tuple[Event, bool]] = []
    halves: dict[str, list[tuple[Event, bool]]] = {"A": [], "B": []}
    unjudged: list[tuple[str, Event]] = []
    seen: set[Key] = set()
    for article, event in events:
        key = event_key(article, event)
        seen.add(key)
        entry = verdicts.get(key)
        if entry is None or entry.get("right") is None:
            unjudged.append((article, event))
        else:
            judged.append((event, bool(entry["right"])))
            halves[half(article)].append(judged[-1])
    print("\n".join(table(judged)))
    high = [ok for e, ok in judged if e.confidence >= LOW_CONFIDENCE]
    share = sum(high) / len(high) if high else 0.0
    print(f"events: {len(events)}; judged {len(judged)}, not judged {len(unjudged)}, "
          f"judgements of events no longer coded {len(set(verdicts) - seen)}")
    print(f"at or above {LOW_CONFIDENCE:g}: {share:.0%} right "
          f"({'meets' if share >= TARGET else 'below'} the {TARGET:.0%} wanted)")
    if args.halves:
        for name, rows in halves.items():
            print(f"\nhalf {name} of the articles")
            print("\n".join(table(rows)))
    if args.unjudged:
        for article, event in unjudged:
            print(f"  {article} s{event.sentence} {event.source} -> {event.target} "
                  f"{event.cameo} {event.confidence:.2f} {event.rule}\n    {event.evidence}")
    if args.add_unjudged and unjudged:
        path = args.judgements
        fresh = not path.exists() or not path.read_text(encoding="utf-8").strip()
        with path.open("a", encoding="utf-8") as fh:
            if fresh:
                fh.write("judgements:\n")
            fh.write(_entries_yaml([template(article, event) for article, event in unjudged]))
        print(f"added {len(unjudged)} entries with right: null to {path}")
    return 0


def _entries_yaml(entries: list[dict[str, Any]]) -> str:
    """Entries as items of the file's `judgements:` list, one flow mapping a line."""
    lines = []
    for entry in entries:
        body = yaml.safe_dump(entry, allow_unicode=True, default_flow_style=True,
                              sort_keys=False, width=10_000).strip()
        lines.append(f"  - {body}\n")
    return "".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
