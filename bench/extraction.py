"""How well irinsider reads the article out of a web page, beside trafilatura alone.

    python bench/extraction.py [--pages bench/pages] [--show PAGE]

Each page NAME.html in the folder comes with NAME.txt, the article's body as a reader
sees it (paragraphs, subheadings, list items and quotes; no headline, byline,
captions, navigation, comments, promotions or related links), and may come with
NAME.captions.txt, its figure captions, one a line ("text | credit"). The pages are
written for this benchmark in the layouts news comes in: a news site with navigation,
sidebar and comments, a blog, a page with figures, an AMP page, a paywall teaser, a
wire story, a table layout of the 2000s, a press release, an opinion piece with a
pull quote and an ASP.NET page inside one <form>.

Scores, as the article-extraction benchmarks do: token-level precision, recall and F1
of the extracted body against the expected text (words lower-cased, counted with
their repeats), for

* irinsider: the body blocks of `irinsider read` (`parse_text(..., fmt="html")`);
* trafilatura alone: ``trafilatura.extract(html)`` with its defaults.

Prints a row a page and the means; then the captions irinsider found on the pages
that have them. `--show PAGE` prints both extractions of one page.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from irinsider.ingest import parse_text  # noqa: E402

PAGES = Path(__file__).resolve().parent / "pages"
_WORD = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def score(found: str, expected: str) -> tuple[float, float, float]:
    """Token precision, recall and F1 of `found` against `expected`."""
    got, want = tokens(found), tokens(expected)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def ours(html: str) -> tuple[str, list[str]]:
    article = parse_text(html, fmt="html")
    captions = [f"{b.text} | {b.credit}" if b.credit else b.text for b in article.captions]
    return article.body, captions


def alone(html: str) -> str:
    return trafilatura.extract(html) or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--show", metavar="PAGE", help="print both extractions of this page")
    args = parser.parse_args()

    pages = sorted(args.pages.glob("*.html"))
    if args.show:
        html = (args.pages / f"{args.show}.html").read_text(encoding="utf-8")
        body, captions = ours(html)
        print(f"--- irinsider\n{body}\n--- captions\n" + "\n".join(captions))
        print(f"--- trafilatura alone\n{alone(html)}")
        return

    rows: list[tuple[str, tuple[float, float, float], tuple[float, float, float]]] = []
    caption_rows: list[tuple[str, list[str], list[str]]] = []
    took = {"irinsider": 0.0, "trafilatura": 0.0}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        expected = page.with_suffix(".txt").read_text(encoding="utf-8")
        started = time.perf_counter()
        body, captions = ours(html)
        took["irinsider"] += time.perf_counter() - started
        started = time.perf_counter()
        text = alone(html)
        took["trafilatura"] += time.perf_counter() - started
        rows.append((page.stem, score(body, expected), score(text, expected)))
        wanted = page.with_name(f"{page.stem}.captions.txt")
        if wanted.exists():
            caption_rows.append((page.stem, wanted.read_text(encoding="utf-8").splitlines(),
                                 captions))

    print(f"{len(pages)} pages in {args.pages}\n")
    print(f"{'page':16} {'irinsider P    R    F1':>24}   {'trafilatura alone P    R    F1':>32}")
    for name, (p, r, f), (tp, tr, tf) in rows:
        print(f"{name:16} {p:10.2f} {r:4.2f} {f:4.2f}   {tp:18.2f} {tr:4.2f} {tf:4.2f}")
    means = [statistics.mean(row[i][j] for row in rows) for i in (1, 2) for j in range(3)]
    print(f"{'mean':16} {means[0]:10.2f} {means[1]:4.2f} {means[2]:4.2f}   "
          f"{means[3]:18.2f} {means[4]:4.2f} {means[5]:4.2f}")
    print(f"{'time, all pages':16} {took['irinsider']:14.2f} s   "
          f"{took['trafilatura']:27.2f} s")
    for name, wanted_captions, found in caption_rows:
        hits = sum(c in found for c in wanted_captions)
        extra = [c for c in found if c not in wanted_captions]
        print(f"\ncaptions of {name}: {hits} of {len(wanted_captions)} found"
              + (f"; {len(extra)} other(s): {extra}" if extra else ""))


if __name__ == "__main__":
    main()
