"""How close `irinsider code` comes to spaCy's own parsing speed, on one process, for
one-sentence records and for long articles.

    python bench/throughput.py [--sentences 10000] [--rounds 6]

Generates sentences as bench/corpus.py does (countries, leaders, organisations and
verbs of irinsider's own dictionaries, with amounts, counts and dates) and codes them
twice over:

* records: each sentence a record of its own (a JSON Lines batch of headlines or
  sentences), with the texts of the dev suites in ../shared/eval when that folder exists;
* articles: the same sentences run together into long articles of about 60 sentences in
  paragraphs of one to five, with the articles of bench/articles and the example article.

On each corpus it times, on the same texts and in alternating rounds (records and
articles side by side, so that a busy machine weighs on all four alike):

* parse only: ``nlp.pipe`` over exactly the pieces `Pipeline.code` hands to spaCy,
  with the same pipeline (same components, same exclusions);
* code: `Pipeline.code` (what `irinsider code` and every batch worker run): the
  parse plus actors, quantities, events, dates and places.

Prints sentences per second of both and their ratio for each corpus (target: code >=
0.8 x parse on both), and the ratio of their CPU times, which a machine busy with other
work disturbs less than the clock on the wall.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import EXAMPLE, dev_records, sentence, vocabulary  # noqa: E402

from irinsider.ingest.read import read_inputs  # noqa: E402
from irinsider.model import Article  # noqa: E402
from irinsider.pipeline import Pipeline, split_long  # noqa: E402

ARTICLES = Path(__file__).resolve().parent / "articles"
ARTICLE_SENTENCES = 60  # sentences of a generated long article


def generated(count: int, seed: int = 0) -> list[tuple[date, str]]:
    """`count` generated sentences, each with the date of the story it belongs to."""
    v = vocabulary()
    rng = random.Random(seed)
    out: list[tuple[date, str]] = []
    while len(out) < count:
        when = date(2000, 1, 1) + timedelta(days=rng.randrange(365 * 24))
        for _ in range(min(ARTICLE_SENTENCES, count - len(out))):
            out.append((when, sentence(rng, v, when)))
    return out


def records(sentences: list[tuple[date, str]]) -> list[dict[str, str]]:
    """Each sentence a record of its own; then the dev suites' texts."""
    out = [{"id": f"rec-{n:06d}", "date": when.isoformat(), "text": text}
           for n, (when, text) in enumerate(sentences)]
    return out + list(dev_records())


def long_articles(sentences: list[tuple[date, str]], seed: int = 0) -> list[dict[str, str]]:
    """The sentences of each story run together into one long article, in paragraphs of
    one to five sentences."""
    rng = random.Random(seed)
    out = []
    for n in range(0, len(sentences), ARTICLE_SENTENCES):
        story = sentences[n:n + ARTICLE_SENTENCES]
        paragraphs, i = [], 0
        while i < len(story):
            size = rng.randint(1, 5)
            paragraphs.append(" ".join(text for _, text in story[i:i + size]))
            i += size
        out.append({"id": f"art-{n:06d}", "date": story[0][0].isoformat(),
                    "text": "\n\n".join(paragraphs)})
    return out


def read(folder: Path, name: str, rows: list[dict[str, str]], *more: Path) -> list[Article]:
    """The articles of `rows` (written as JSON Lines) and of the files `more`, read as
    `irinsider code` reads them."""
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    found = read_inputs([str(path), *(str(p) for p in more)])
    return [a for a in found if isinstance(a, Article)]


@dataclass
class Tally:
    """What one corpus took, round by round: wall-clock and CPU seconds."""

    name: str
    sentences: int = 0
    parse_s: float = 0.0
    code_s: float = 0.0
    parse_cpu: float = 0.0
    code_cpu: float = 0.0
    coded: int = 0
    events: int = 0
    ratios: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.parse_s / self.code_s

    @property
    def cpu_ratio(self) -> float:
        return self.parse_cpu / self.code_cpu


def run_round(pipeline: Pipeline, part: list[Article], tally: Tally) -> str:
    """Parse, then code, one part of a corpus; add the times to `tally`."""
    nlp = pipeline.nlp
    texts = [piece for a in part for b in a.blocks
             for _, piece in split_long(b.text, pipeline.max_chunk)]
    t, cpu = time.perf_counter(), time.process_time()
    n = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=256))
    p, p_cpu = time.perf_counter() - t, time.process_time() - cpu
    t, cpu = time.perf_counter(), time.process_time()
    result = list(pipeline.code(part))
    c, c_cpu = time.perf_counter() - t, time.process_time() - cpu
    tally.coded += sum(len(r.sentences) for r in result)
    tally.events += sum(len(r.events) for r in result)
    tally.sentences += n
    tally.parse_s += p
    tally.code_s += c
    tally.parse_cpu += p_cpu
    tally.code_cpu += c_cpu
    tally.ratios.append(p / c)
    return f"{n / p:>13,.1f} {n / c:>12,.1f} {p / c:>6.2f} {p_cpu / c_cpu:>6.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_000,
                        help="generated sentences (the dev suites and articles come on top)")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()

    sentences = generated(args.sentences)
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {
            "records": read(Path(tmp), "records", records(sentences)),
            "articles": read(Path(tmp), "articles", long_articles(sentences),
                             *sorted(ARTICLES.glob("*.md")), EXAMPLE),
        }
    pipeline = Pipeline.load()
    list(pipeline.code(corpora["articles"][:5]))  # warm up: matchers, gazetteer

    tallies = {name: Tally(name) for name in corpora}
    parts = {name: [c[i::args.rounds] for i in range(args.rounds)]
             for name, c in corpora.items()}
    for name, corpus in corpora.items():
        blocks = sum(len(a.blocks) for a in corpus)
        print(f"{name}: {len(corpus):,} articles, {blocks:,} blocks")
    print(f"pipeline: {', '.join(pipeline.nlp.pipe_names)}")
    print(f"{'round':>5} {'corpus':>9} {'parse sent/s':>13} {'code sent/s':>12} {'ratio':>6} "
          f"{'cpu':>6}")
    for number in range(args.rounds):
        for name in corpora:
            line = run_round(pipeline, parts[name][number], tallies[name])
            print(f"{number + 1:>5} {name:>9} {line}")
    for tally in tallies.values():
        parse_rate, code_rate = tally.sentences / tally.parse_s, tally.sentences / tally.code_s
        print(f"{'all':>5} {tally.name:>9} {parse_rate:>13,.1f} {code_rate:>12,.1f} "
              f"{tally.ratio:>6.2f} {tally.cpu_ratio:>6.2f}")
    for tally in tallies.values():
        print(f"{tally.name}: {tally.sentences:,} sentences parsed, {tally.coded:,} coded into "
              f"{tally.events:,} events; code / parse-only throughput = {tally.ratio:.2f} over "
              f"all rounds ({tally.cpu_ratio:.2f} in CPU time), "
              f"{statistics.median(tally.ratios):.2f} median of rounds (target >= 0.80)")


if __name__ == "__main__":
    main()
