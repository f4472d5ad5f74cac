"""A news-like corpus for the benchmarks, from irinsider's own dictionaries and sentence templates.

    python bench/corpus.py OUT_DIR [--sentences 20000] [--seed 0]

Writes OUT_DIR/generated.jsonl (articles made by `generate`: countries, capitals,
leaders in office at the article's date, organisations and sector words from
irinsider/data, verbs from the verb table put in the past tense, amounts, counts
and dates), OUT_DIR/dev.jsonl (the texts of the dev suites in ../shared/eval,
when that folder exists) and a copy of examples/cuba-russia.md. Same arguments,
same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "cuba-russia.md"
EVAL = ROOT.parent / "shared" / "eval"

# Past tenses the regular rule gets wrong, for verbs of the verb table.
IRREGULAR = {
    "bear": "bore", "beat": "beat", "begin": "began", "bind": "bound", "bite": "bit",
    "blow": "blew", "break": "broke", "bring": "brought", "build": "built", "buy": "bought",
    "choose": "chose", "come": "came", "cut": "cut", "draw": "drew", "drive": "drove",
    "eat": "ate", "fall": "fell", "feel": "felt", "fight": "fought", "find": "found",
    "flee": "fled", "fly": "flew", "forbid": "forbade", "forgive": "forgave", "freeze": "froze",
    "get": "got", "give": "gave", "go": "went", "grow": "grew", "hang": "hung", "have": "had",
    "hide": "hid", "hit": "hit", "hold": "held", "keep": "kept", "know": "knew", "lay": "laid",
    "lead": "led", "leave": "left", "lend": "lent", "let": "let", "lose": "lost",
    "make": "made", "meet": "met", "mislead": "misled", "overrun": "overran",
    "oversee": "oversaw", "overthrow": "overthrew", "pay": "paid", "put": "put",
    "quit": "quit", "rebuild": "rebuilt", "rise": "rose", "run": "ran", "say": "said",
    "see": "saw", "seek": "sought", "sell": "sold", "send": "sent", "set": "set",
    "shake": "shook", "shoot": "shot", "shut": "shut", "sink": "sank", "sit": "sat",
    "speak": "spoke", "spend": "spent", "split": "split", "spread": "spread",
    "stand": "stood", "steal": "stole", "strike": "struck", "swear": "swore",
    "sweep": "swept", "take": "took", "teach": "taught", "tear": "tore", "tell": "told",
    "think": "thought", "throw": "threw", "undertake": "undertook", "uphold": "upheld",
    "upset": "upset", "wage": "waged", "wake": "woke", "win": "won", "withdraw": "withdrew",
    "withhold": "withheld", "write": "wrote",
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SECTORS = ("foreign minister", "defence minister", "government", "president", "prime minister",
           "military", "police", "opposition", "rebels", "parliament", "central bank",
           "trade minister", "ambassador", "officials", "army", "navy")
UNITS = ("troops", "soldiers", "tanks", "aid workers", "observers", "diplomats", "warships",
         "journalists", "refugees", "prisoners")
OPENERS = ("On {day},", "Early on {weekday},", "Late on {weekday},", "In {month},",
           "According to officials,", "In a statement,", "After weeks of talks,",
           "Despite objections,", "For the first time since {year},")
FILLERS = (
    "The talks lasted {n} hours, officials said.",
    "{n} people were killed in clashes near {city}, according to local media.",
    "Trade between the two countries reached ${amount} billion in {year}.",
    "Analysts said the decision reflected growing tensions in the region.",
    "The statement did not give further details.",
    "\"We will not accept this,\" a spokesperson for the {adj} government said on {weekday}.",
    "Prices rose by {pct} percent in {month}, the statistics office said.",
    "The meeting in {capital} was the first of its kind in {n} years.",
    "Markets in {capital} fell {pct} percent after the announcement.",
    "Both sides described the discussions as constructive.",
)
EVENTS = (
    "{S} agreed to lend {T} ${amount} million to buy {adj_t} equipment.",
    "{S} sent {n} {unit} to {T} on {weekday}.",
    "{S} and {T} signed an agreement on trade and energy.",
    "{S} urged {T} not to withdraw from the treaty.",
    "{S} threatened to impose sanctions on {T}.",
    "{S} accused {T} of violating the ceasefire near {city}.",
    "{S} pledged {amount} billion euros in aid to {T}.",
    "Talks between {S} and {T} ended without an agreement.",
    "{S} recalled its ambassador from {T} after the incident.",
    "{S} did not condemn the attack on {T}.",
)


@dataclass(frozen=True)
class Actor:
    name: str  # as written in the text
    adjective: str  # a country adjective for templates that want one


@dataclass
class Vocabulary:
    """What the generator draws from: irinsider's dictionaries and verb table."""

    countries: list[tuple[str, str | None]]  # (name, capital)
    leaders: list[tuple[str, str, date, date]]  # (name, country name, start, end)
    igos: list[str]
    cities: list[str]
    verbs: list[str]  # verb phrases with a {T} slot, past tense


def past(lemma: str) -> str:
    if lemma in IRREGULAR:
        return IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    if (len(lemma) <= 4 and lemma[-1] in "bdglmnprt" and lemma[-2] in "aeiou"
            and lemma[-3:-2] not in "aeiou"):
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def vocabulary() -> Vocabulary:
    from irinsider.coding import load_actors, load_rules

    actors = load_actors()
    countries, leaders, igos, cities = [], [], [], []
    capital_of: dict[str, str] = {}
    for text, entries in actors.names.items():
        entry = entries[0]
        if entry.kind == "capital":
            capital_of.setdefault(entry.name, text)
        elif entry.kind == "city" and " " not in text:
            cities.append(text)
        elif entry.kind == "igo" and len(text) > 4 and text.upper() != text:
            igos.append(text)
    names = {e.country: e.name for v in actors.names.values() for e in v if e.kind == "country"}
    for text, entries in actors.names.items():
        entry = entries[0]
        if entry.kind == "country" and text == entry.name:
            countries.append((text, capital_of.get(text)))
        elif entry.kind == "leader" and text == entry.name:
            for term in entry.terms:
                country = names.get(term.country or entry.country)
                if country and term.start and term.start.year >= 1990:
                    leaders.append((text, country, term.start,
                                    term.end or date(2024, 12, 31)))
    rules = load_rules()
    verbs = []
    for lemma, patterns in sorted(rules.patterns.items()):
        for p in patterns:
            if p.code == "none" or p.prep is not None or " " in lemma:
                continue
            phrase = past(lemma)
            if p.particle:
                phrase += f" {p.particle}"
            if p.objects:
                phrase += f" the {sorted(p.objects)[0]} of {{T}}"
            else:
                phrase += " {T}"
            verbs.append(phrase)
    return Vocabulary(sorted(countries), sorted(leaders), sorted(set(igos)), sorted(cities),
                      verbs)


def _actor(rng: random.Random, v: Vocabulary, when: date) -> str:
    country, capital = rng.choice(v.countries)
    roll = rng.random()
    if roll < 0.35:
        return country
    if roll < 0.55:
        return f"{country}'s {rng.choice(SECTORS)}"
    if roll < 0.65 and capital:
        return f"officials in {capital}"
    if roll < 0.85:
        serving = [(n, c) for n, c, s, e in v.leaders if s <= when < e]
        if serving:
            name, country = rng.choice(serving)
            return name
        return country
    return f"the {rng.choice(v.igos)}"


def _fill(template: str, rng: random.Random, v: Vocabulary, when: date, source: str,
          target: str) -> str:
    country, capital = rng.choice(v.countries)
    values = {
        "S": source, "T": target, "n": rng.randint(2, 900), "amount": rng.randint(1, 950),
        "pct": rng.randint(1, 40), "unit": rng.choice(UNITS), "city": rng.choice(v.cities),
        "capital": capital or country, "adj": country, "adj_t": target.split("'")[0],
        "year": rng.randint(1991, when.year), "month": MONTHS[rng.randrange(12)],
        "weekday": DAYS[rng.randrange(7)],
        "day": f"{MONTHS[when.month - 1]} {when.day}",
    }
    text = template.format(**values)
    return text[0].upper() + text[1:]


def sentence(rng: random.Random, v: Vocabulary, when: date) -> str:
    source, target = _actor(rng, v, when), _actor(rng, v, when)
    roll = rng.random()
    if roll < 0.45:
        text = f"{source} {rng.choice(v.verbs).format(T=target)}"
        if rng.random() < 0.4:
            opener = rng.choice(OPENERS)
            text = _fill(opener, rng, v, when, source, target) + " " + text
        elif rng.random() < 0.3:
            text += f" on {DAYS[rng.randrange(7)]}"
        text = text[0].upper() + text[1:] + "."
        return text
    if roll < 0.8:
        return _fill(rng.choice(EVENTS), rng, v, when, source, target)
    return _fill(rng.choice(FILLERS), rng, v, when, source, target)


def generate(sentences: int, seed: int = 0, v: Vocabulary | None = None) -> Iterator[dict]:
    """JSON Lines records of articles holding about `sentences` sentences in all."""
    v = v or vocabulary()
    rng = random.Random(seed)
    written = number = 0
    while written < sentences:
        when = date(2000, 1, 1) + timedelta(days=rng.randrange(365 * 24))
        paragraphs = []
        for _ in range(rng.randint(2, 6)):
            count = min(rng.randint(1, 5), max(1, sentences - written))
            paragraphs.append(" ".join(sentence(rng, v, when) for _ in range(count)))
            written += count
            if written >= sentences:
                break
        number += 1
        a, b = rng.sample(v.countries, 2)
        yield {"id": f"gen-{seed}-{number:06d}", "title": f"{a[0]} and {b[0]}: talks and tension",
               "date": when.isoformat(), "text": "\n\n".join(paragraphs)}


def dev_records() -> Iterator[dict]:
    """The texts of the dev suites (../shared/eval), with their ids and dates."""
    for path in sorted(EVAL.glob("*.dev.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                yield {"id": f"{path.name.split('.')[0]}:{r['id']}", "text": r["text"],
                       "date": r.get("date")}


def write_corpus(folder: Path, sentences: int = 20_000, seed: int = 0) -> list[Path]:
    """Write the corpus files to `folder`; return them (generated, dev if any, example)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = [folder / "generated.jsonl"]
    with out[0].open("w", encoding="utf-8") as fh:
        for record in generate(sentences, seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    dev = list(dev_records())
    if dev:
        out.append(folder / "dev.jsonl")
        out[-1].write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dev),
                           encoding="utf-8")
    out.append(folder / EXAMPLE.name)
    shutil.copy(EXAMPLE, out[-1])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for path in write_corpus(args.out, args.sentences, args.seed):
        print(path)


if __name__ == "__main__":
    main()
