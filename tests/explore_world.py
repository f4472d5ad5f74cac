"""A small world for the analyst's views: a few hundred events between a handful of
countries over three years, most of them located in a capital, some domestic, some coded
with low confidence, some with amounts, some dated by their year alone; made without the
coder, so it is quick and the same every time.

    with Store.open(path) as store:
        save_world(store)
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from irinsider.codebook import load_codebook
from irinsider.model import ActorMention, Article, Block, CodedArticle, Event, Quantity, Sentence
from irinsider.store import Store

CAPITALS = {"CUB": ("Havana", 23.13, -82.38), "RUS": ("Moscow", 55.75, 37.62),
            "USA": ("Washington", 38.9, -77.04), "VEN": ("Caracas", 10.49, -66.88),
            "CHN": ("Beijing", 39.91, 116.4), "UKR": ("Kyiv", 50.45, 30.52),
            "FRA": ("Paris", 48.85, 2.35), "BRA": ("Brasilia", -15.78, -47.93)}
NAMES = {"CUB": "Cuba", "RUS": "Russia", "USA": "the United States", "VEN": "Venezuela",
         "CHN": "China", "UKR": "Ukraine", "FRA": "France", "BRA": "Brazil"}
CODES = ["042", "043", "036", "051", "057", "061", "071", "0871", "111", "112", "130",
         "163", "172", "190", "193"]
FIRST = date(2017, 1, 1)


def world(n_articles: int = 150, seed: int = 3) -> list[CodedArticle]:
    """The articles of the world, each with one to three coded sentences."""
    rng = random.Random(seed)
    book = load_codebook()
    parties = list(CAPITALS)
    weights = [5, 5, 4, 3, 2, 2, 1, 1]
    out = []
    for number in range(n_articles):
        day = FIRST + timedelta(days=rng.randrange(3 * 365))
        year_only = rng.random() < 0.05  # "in 2018": dated by its year alone
        doc = f"w{number:04d}"
        sentences, actors, events = [], [], []
        for i in range(rng.randint(1, 3)):
            src = rng.choices(parties, weights)[0]
            tgt = src if rng.random() < 0.08 else rng.choices(parties, weights)[0]
            code = rng.choice(CODES)
            entry = book[code]
            trigger = "acted"
            s_name, t_name = NAMES[src], NAMES[tgt]
            text = f"{s_name} {trigger} towards {t_name}"
            quantities: tuple[Quantity, ...] = ()
            if code in ("071", "0871") and rng.random() < 0.5:
                amount = rng.choice([10, 50, 200])
                q = f"${amount} million"
                quantities = (Quantity("money", amount * 1e6, "USD", q, len(text) + 5,
                                       len(text) + 5 + len(q)),)
                text += f" with {q}"
            where = rng.choice([src, tgt])
            place = CAPITALS[where] if rng.random() < 0.8 else None
            if place:
                text += f" in {place[0]}"
            text += "."
            t0 = len(s_name) + len(trigger) + len(" towards ") + 1
            mentions = (ActorMention(s_name, 0, len(s_name), src, src, name=s_name),
                        ActorMention(t_name, t0, t0 + len(t_name), tgt, tgt, name=t_name))
            sentences.append(text)
            actors.append(mentions)
            events.append(Event(
                doc_id=doc, sentence=i, source=src, target=tgt, source_country=src,
                target_country=tgt, cameo=code, plover=entry.plover,
                plover_mode=entry.plover_mode, goldstein=entry.goldstein,
                quad_class=entry.quad_class,
                date=f"{day.year}-01-01" if year_only else day.isoformat(), evidence=text,
                source_span=(0, len(s_name)), target_span=(t0, t0 + len(t_name)),
                trigger_span=(len(s_name) + 1, len(s_name) + 1 + len(trigger)),
                quantities=quantities, confidence=round(rng.uniform(0.3, 1.0), 2),
                rule="verbs.v1/world", source_name=s_name, target_name=t_name,
                trigger=trigger, date_precision="year" if year_only else "day",
                place=place[0] if place else None, place_name=place[0] if place else None,
                place_country=where if place else None, place_kind="city" if place else None,
                place_lat=place[1] if place else None, place_lon=place[2] if place else None,
            ))
        starts, pos = [], 0
        for text in sentences:
            starts.append(pos)
            pos += len(text) + 1
        article = Article(doc, f"World report {number}", "World Desk", day,
                          f"https://news.example/{doc}", (Block(" ".join(sentences)),))
        out.append(CodedArticle(
            article, tuple(Sentence(i, t, 0, "body", starts[i]) for i, t in enumerate(sentences)),
            tuple(actors), tuple(events)))
    return out


def save_world(store: Store, n_articles: int = 150) -> None:
    with store.bulk():
        for coded in world(n_articles):
            store.save(coded)
