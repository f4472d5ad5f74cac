"""How close `irinsider code` comes to spaCy's own parsing speed, on one process.

    python bench/throughput.py [--sentences 20000] [--rounds 4]

Builds the corpus of bench/corpus.py (generated articles, the dev suites' texts and
the example article), then times, on the same texts and in alternating rounds so
that a busy machine weighs on both alike:

* parse only: ``nlp.pipe`` over exactly the pieces `Pipeline.code` hands to spaCy,
  with the same pipeline (same components, same exclusions);
* code: `Pipeline.code` (what `irinsider code` and every batch worker run): the
  parse plus actors, quantities and events.

Prints sentences per second of both and their ratio (target: code >= 0.8 x parse).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from irinsider.ingest.read import read_inputs  # noqa: E402
from irinsider.model import Article  # noqa: E402
from irinsider.pipeline import Pipeline, split_long  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20_000,
                        help="sentences of generated text (the dev suites come on top)")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        files = write_corpus(Path(tmp), args.sentences)
        articles = [a for a in read_inputs(files) if isinstance(a, Article)]
    pipeline = Pipeline.load()
    nlp = pipeline.nlp
    list(pipeline.code(articles[:50]))  # warm up: matchers, caches

    def pieces(part: list[Article]) -> list[str]:
        return [piece for a in part for b in a.blocks
                for _, piece in split_long(b.text, pipeline.max_chunk)]

    parts = [articles[i::args.rounds] for i in range(args.rounds)]
    parse_s = code_s = 0.0
    ratios = []
    sentences = coded = events = 0
    print(f"corpus: {len(articles):,} articles; pipeline: {', '.join(nlp.pipe_names)}")
    print(f"{'round':>5} {'parse sent/s':>13} {'code sent/s':>12} {'ratio':>6}")
    for number, part in enumerate(parts, 1):
        texts = pieces(part)
        t = time.perf_counter()
        n = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=256))
        p = time.perf_counter() - t
        t = time.perf_counter()
        result = list(pipeline.code(part))
        c = time.perf_counter() - t
        coded += sum(len(r.sentences) for r in result)
        events += sum(len(r.events) for r in result)
        parse_s, code_s, sentences = parse_s + p, code_s + c, sentences + n
        ratios.append(p / c)
        print(f"{number:>5} {n / p:>13,.1f} {n / c:>12,.1f} {p / c:>6.2f}")
    parse_rate, code_rate = sentences / parse_s, sentences / code_s
    print(f"{'all':>5} {parse_rate:>13,.1f} {code_rate:>12,.1f} {code_rate / parse_rate:>6.2f}")
    print(f"{sentences:,} sentences parsed, {coded:,} coded into {events:,} events; "
          f"code / parse-only throughput = {code_rate / parse_rate:.2f} over all rounds, "
          f"{statistics.median(ratios):.2f} median of rounds (target >= 0.80)")


if __name__ == "__main__":
    main()
