"""How fast the reader's pages answer on a big database (1,000,000 events by default).

Builds a synthetic database through `Store.save` (so the same triggers, aggregate
tables and indexes as real use), then asks the app for each page again and again, in
process (no network), and prints the median (p50) and 95th percentile (p95) in
milliseconds for the HTML page and its JSON twin. The budget is 100 ms a page.

    python bench/web_latency.py                         # 1M events in a temporary folder
    python bench/web_latency.py --events 100000 --repeat 10
    python bench/web_latency.py --db /tmp/big.db        # build once, keep it, measure again

The synthetic news: about 250 parties with a skewed share of the events (the United
States in about one in eight), 4 events an article, 6 sentences an article, dates
over 2010-2024, CAMEO roots in proportions like those of wire news, amounts of money
in 5% of events, named treaties in 1% of sentences and leaders' visits.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

import yaml

from irinsider.analysis import party_name
from irinsider.codebook import load_codebook
from irinsider.model import (
    ActorMention,
    Article,
    Block,
    CodedArticle,
    Event,
    Quantity,
    Sentence,
    content_hash,
)
from irinsider.store import EventFilter, Store

BUDGET_MS = 100.0
FIRST_DAY = date(2010, 1, 1)
DAYS = (date(2024, 12, 31) - FIRST_DAY).days
# Shares of CAMEO roots, roughly as in wire news.
ROOTS = {"01": 22, "02": 5, "03": 8, "04": 18, "05": 8, "06": 3, "07": 2, "08": 2, "09": 1,
         "10": 3, "11": 7, "12": 3, "13": 2, "14": 2, "15": 1, "16": 1, "17": 3, "18": 3,
         "19": 5, "20": 0.3}
VERBS = {"01": "spoke about", "02": "appealed to", "03": "promised", "04": "met",
         "05": "praised", "06": "cooperated with", "07": "agreed to lend", "08": "eased "
         "sanctions on", "09": "investigated", "10": "demanded more from", "11": "criticised",
         "12": "rejected", "13": "threatened", "14": "protested against", "15": "mobilised "
         "against", "16": "cut ties with", "17": "arrested envoys of", "18": "attacked",
         "19": "fought", "20": "massacred civilians of"}
FIRST = ["USA", "RUS", "CHN", "GBR", "FRA", "DEU", "IRN", "ISR", "UKR", "IND", "JPN", "TUR",
         "PAK", "SYR", "PRK", "KOR", "CUB", "VEN", "BRA", "SAU", "EGY", "AFG", "IRQ"]
TREATIES = ["New START", "Paris Climate", "Minsk Peace", "Open Skies", "Arms Trade",
            "Good Friday", "Camp David", "Dayton Peace", "Oslo Interim", "Nuclear Test Ban"]


def parties(rng: random.Random) -> tuple[list[str], list[float]]:
    data = Path(__file__).resolve().parents[1] / "irinsider" / "data" / "countries.yaml"
    codes = [row["iso3"] for row in yaml.safe_load(data.read_text(encoding="utf-8"))]
    rest = [c for c in codes if c not in FIRST]
    rng.shuffle(rest)
    ordered = [*FIRST, *rest, "IGOUNO", "IGOEUREEC"]
    return ordered, [1 / (rank + 1) ** 0.95 for rank in range(len(ordered))]


def synthetic_articles(n_events: int, seed: int = 7):  # type: ignore[no-untyped-def]
    """Yield (coded article, entity mentions) until `n_events` events are made."""
    rng = random.Random(seed)
    codes, weights = parties(rng)
    names = {c: party_name(c) for c in codes}
    codebook = load_codebook()
    by_root: dict[str, list] = {}
    for entry in codebook.values():
        by_root.setdefault(entry.root, []).append(entry)
    roots, root_weights = list(ROOTS), list(ROOTS.values())
    made = 0
    number = 0
    while made < n_events:
        number += 1
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        doc = f"syn{number:07d}"
        n = min(rng.randint(1, 7), n_events - made)
        sentences: list[str] = []
        actors: list[list[ActorMention]] = []
        events: list[Event] = []
        mentions: list[tuple[str, int, int, int, str]] = []
        for i in range(6):
            if i >= n:
                text = f"Officials in {names[rng.choices(codes, weights)[0]]} said little more."
                sentences.append(text)
                actors.append([])
                continue
            src, tgt = rng.choices(codes, weights, k=2)
            if tgt == src:
                tgt = rng.choice(codes)
            root = rng.choices(roots, root_weights)[0]
            entry = rng.choice(by_root[root])
            leader = root == "04" and rng.random() < 0.6
            s_name = f"the {names[src]} leader" if leader else names[src]
            head = f"In {names[tgt]} City, " if leader else ""
            text = f"{head}{s_name} {VERBS[root]} {names[tgt]}"
            s0 = len(head) + (4 if leader else 0)
            s1 = len(head) + len(s_name)
            trig = (s1 + 1, s1 + 1 + len(VERBS[root].split()[0]))
            t0 = s1 + 1 + len(VERBS[root]) + 1
            t1 = t0 + len(names[tgt])
            quantities: tuple[Quantity, ...] = ()
            if rng.random() < 0.05:
                amount = rng.choice([5, 20, 50, 120, 300, 900, 2500])
                qtext = f"${amount} million"
                quantities = (Quantity("money", amount * 1e6, "USD", qtext, len(text) + 1,
                                       len(text) + 1 + len(qtext)),)
                text += " " + qtext
            if rng.random() < 0.01:
                treaty = rng.choice(TREATIES)
                start = len(text) + len(" under the ")
                name = f"{treaty} Treaty"
                text += f" under the {name}"
                slug = name.lower().replace(" ", "-")
                mentions.append((slug, i, start, start + len(name), name))
            text += "."
            mine = [ActorMention(names[src], s0, s1, src + ("GOV" if leader else ""),
                                 src if len(src) == 3 else None,
                                 "GOV" if leader else None, "leader" if leader else "country",
                                 f"{names[src]} leader" if leader else names[src]),
                    ActorMention(names[tgt], t0, t1, tgt, tgt if len(tgt) == 3 else None,
                                 name=names[tgt])]
            if leader:
                mine.append(ActorMention(f"{names[tgt]} City", 3, 3 + len(names[tgt]) + 5, tgt,
                                         tgt if len(tgt) == 3 else None, kind="capital",
                                         name=names[tgt]))
            sentences.append(text)
            actors.append(mine)
            events.append(Event(
                doc_id=doc, sentence=i, source=mine[0].code, target=tgt,
                source_country=mine[0].country, target_country=mine[1].country,
                cameo=entry.code, plover=entry.plover, plover_mode=entry.plover_mode,
                goldstein=entry.goldstein, quad_class=entry.quad_class, date=day.isoformat(),
                evidence=text, source_span=(s0, s1), target_span=(t0, t1), trigger_span=trig,
                quantities=quantities, negated=rng.random() < 0.02,
                confidence=round(rng.uniform(0.4, 1.0), 3), rule="bench.v1/synthetic",
                source_name=mine[0].name, target_name=names[tgt],
                trigger=text[trig[0]:trig[1]],
            ))
        made += len(events)
        body = " ".join(sentences)
        starts, pos = [], 0
        for text in sentences:
            starts.append(pos)
            pos += len(text) + 1
        article = Article(doc, f"Synthetic report {number}", "Bench Desk", day, None,
                          (Block(body),), format="text")
        coded = CodedArticle(
            article,
            tuple(Sentence(i, t, 0, "body", starts[i]) for i, t in enumerate(sentences)),
            tuple(tuple(a) for a in actors),
            tuple(events),
        )
        yield coded, mentions


def build(path: Path, n_events: int) -> float:
    started = time.perf_counter()
    with Store.open(path) as store:
        batch: list = []

        def flush() -> None:
            with store.bulk():
                for coded, mentions in batch:
                    store.save(coded)
                    if mentions:
                        entities = {m[0]: (m[0], "treaty", m[4]) for m in mentions}
                        store.save_entities(coded.article.id, content_hash(coded.article),
                                            list(entities.values()), mentions)
                    else:
                        store.save_entities(coded.article.id, content_hash(coded.article),
                                            [], [])
            batch.clear()

        for item in synthetic_articles(n_events):
            batch.append(item)
            if len(batch) == 5000:
                flush()
                print(f"  {store.counts()['events']:,} events", file=sys.stderr, end="\r")
        if batch:
            flush()
    return time.perf_counter() - started


def pages(store: Store) -> list[str]:
    """The pages to time: the busiest country and pair, a small pair, filters, search."""
    totals: dict[str, int] = {}
    for party, _quad, n, _g, _usd in store.party_totals(EventFilter()):
        totals[party] = totals.get(party, 0) + n
    big = max(totals, key=lambda p: totals[p])
    article = store.article_page(per_page=1)[0][0]["id"]
    event = store.event_page(EventFilter(), per_page=1)[0][0]["id"]
    entities = store.entity_page(per_page=1)[0]
    paths = [
        "/", "/articles", f"/articles/{article}", f"/events/{event}", "/events",
        "/events?code=19&quad=4", f"/events?country={big}&min_confidence=0.9",
        "/countries", f"/countries/{big}", "/countries/CUB",
        f"/countries/{big}?since=2016-03-15&until=2019-06-10",
        f"/countries/{big}?code=04", f"/pairs/{big}-RUS", "/pairs/CUB-RUS",
        "/search?q=treaty", "/search?q=Cuba", "/search?q=Cuba+loan", "/entities",
        "/corrections", "/feed.xml", "/countries?code=19",
        f"/table?country={big}&sort=-goldstein", "/table?hide_domestic=true&hide_low=true",
        "/map", f"/map?country={big}&since=2016-03-15&until=2019-06-10",
        f"/compare?a={big}&b=CUB-RUS", f"/events/{event}/cite",
    ]
    if entities:
        paths.append(f"/entities/{entities[0]['id']}")
    return paths


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def measure(path: Path, repeat: int) -> list[tuple[str, float, float, float, float, float]]:
    """(page, html p50, html p95, json p50, json p95, html CPU p50) in milliseconds.

    Wall time is what a reader waits; CPU time (this process, all threads) is the work
    done, which other programs on a busy machine do not inflate as much.
    """
    from starlette.exceptions import StarletteDeprecationWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StarletteDeprecationWarning)
        from fastapi.testclient import TestClient

    from irinsider.web import WebConfig, create_app

    # as a server runs it: started once (worker threads and their connections kept)
    client = TestClient(create_app(path, WebConfig(index_interval=None)))
    client.__enter__()
    with Store.open(path) as store:
        urls = pages(store)
    out = []
    for url in urls:
        twin = "/api" + url if url != "/" else "/api"
        timings: dict[str, list[float]] = {url: [], twin: []}
        cpu: list[float] = []
        for target in (url, twin) if not url.startswith("/feed") else (url,):
            for i in range(repeat + 2):
                started, work = time.perf_counter(), time.process_time()
                response = client.get(target)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise SystemExit(f"{target}: HTTP {response.status_code}")
                if i >= 2:  # the first two warm the caches
                    timings[target].append(elapsed)
                    if target == url:
                        cpu.append((time.process_time() - work) * 1000)
        json_times = timings[twin] or [0.0]
        out.append((url, statistics.median(timings[url]), percentile(timings[url], 0.95),
                    statistics.median(json_times), percentile(json_times, 0.95),
                    statistics.median(cpu)))
    client.__exit__(None, None, None)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20, help="requests a page (after 2 warm-ups)")
    parser.add_argument("--db", type=Path, help="build here (if missing) and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        if not path.exists():
            print(f"building {args.events:,} synthetic events in {path} ...", file=sys.stderr)
            seconds = build(path, args.events)
            print(f"built in {seconds:.0f} s", file=sys.stderr)
        with Store.open(path) as store:
            counts = store.counts()
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20
        print(f"database: {counts['articles']:,} articles, {counts['sentences']:,} sentences, "
              f"{counts['events']:,} events, {size:,.0f} MiB")
        rows = measure(path, args.repeat)
    print(f"\n{'page (ms)':<50} {'html p50':>8} {'p95':>6} {'json p50':>8} {'p95':>6} "
          f"{'cpu p50':>7}")
    over = 0
    for url, hp50, hp95, jp50, jp95, cpu in rows:
        flag = "  over budget" if max(hp95, jp95) > BUDGET_MS else ""
        over += bool(flag)
        print(f"{url:<50} {hp50:>8.1f} {hp95:>6.1f} {jp50:>8.1f} {jp95:>6.1f} {cpu:>7.1f}{flag}")
    all_p95 = [max(r[2], r[4]) for r in rows]
    print(f"\nslowest p95: {max(all_p95):.1f} ms; pages over {BUDGET_MS:.0f} ms: {over}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
