"""Score `irinsider code` on the peers' gold suites (the dev parts in ../shared/eval).

For each suite: precision, recall and F1 on (source country, target country,
CAMEO root), and for the PLOVER suite on (source, target, PLOVER type); the
share of records coded exactly (no miss, no extra: the PETRARCH criterion);
and records per second of the whole command, model load included. The PETRARCH
suites are coded with their own toy actor, agent and verb dictionaries and
discard lists (``--verbs``, ``--discards``), and scored by their conventions:

- records the suite marks ``skip`` are left out, and so are those whose
  ``expected_error`` is ``bad_input_parse``: the error is in the suite's own
  parse tree, which irinsider does not read;
- irinsider codes no event without both actors, and no new actors: expected
  events with an empty side (``---``, under ``require_dyad = false``) or a
  new-actor text in quotes (``"INJURY TOLL"``, under ``new_actor_length``)
  are not counted;
- ``---GOV`` is an agent of unknown country, and compares as written.

Each suite is split in two halves by a fixed hash of the record id (`half`):
"train", whose errors may be read (``--show-errors`` shows only these), and
"check", of which only the score is printed. A change that helps train and not
check fits sentences, not English.

``--dictionaries DIR`` also codes every suite with a PETRARCH-2 dictionary folder
(``irinsider code --dictionaries DIR``: Phoenix, say) and prints its scores beside
ours, scored on whole codes as the PETRARCH suites are; and how long loading takes,
the first time (an empty cache) and the next.

    python bench/accuracy.py [--eval ../shared/eval] [--show-errors N] [--suite NAME]
                             [--dictionaries DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

SUITES = ("universalpetrarch_gsr_en", "plover_gsr_cameo", "petrarch2_unittest",
          "petrarch1_validate_140226")
# The PETRARCH suites test the coder with their own toy dictionaries (Tolkien places).
# Each file goes with its option of `irinsider code`.
DICTS = {
    "petrarch2_unittest": (("--actors", "PETR.Validate.actors.txt"),
                           ("--agents", "PETR.Validate.agents.txt"),
                           ("--verbs", "PETR.Validate.verbs.txt"),
                           ("--discards", "PETR.Validate.discards.txt")),
    "petrarch1_validate_140226": (("--actors", "PETR.Validate.actors.txt"),
                                  ("--agents", "PETR.Validate.agents.txt"),
                                  ("--verbs", "PETR.Validate.verbs.txt")),
}
# PETRARCH errors that lie in the suite's parse tree, which irinsider does not read.
UNSCORED_ERRORS = {"bad_input_parse"}
# The PLOVER gold was coded with an older PLOVER draft; map its type names onto 2021's.
PLOVER_OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                    "FIGHT": "ASSAULT"}
# Country codes of older CAMEO/PLOVER dictionaries that differ from ISO alpha-3.
LEGACY_COUNTRY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "GER": "DEU", "UKG": "GBR",
                  "ROK": "KOR", "RUM": "ROU", "KSV": "XKX"}


def half(record_id: str) -> str:
    """"train" or "check": a fixed split of a suite by the SHA-1 of the record id."""
    return "train" if hashlib.sha1(record_id.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def actor_key(code: str | None, country: str | None = None) -> str | None:
    """Country (ISO alpha-3) of an actor code, the organisation for IGO codes, else None."""
    if country:
        return country
    if not code or code.startswith("---") or code.startswith('"'):
        return None
    if code.startswith(("IGO", "NGO", "IMG")):
        return code[:3]
    return LEGACY_COUNTRY.get(code[:3], code[:3])


def counted(record: dict) -> list[dict]:
    """The expected events a PETRARCH suite's conventions let irinsider be scored on."""
    if record.get("source_suite", "").startswith("petrarch"):
        return [e for e in record["expected"]
                if "---" not in (e.get("source"), e.get("target"))
                and not str(e.get("source")).startswith('"')
                and not str(e.get("target")).startswith('"')]
    return record["expected"]


def gold_triples(record: dict, scheme: str) -> Counter:
    out: Counter = Counter()
    expected = counted(record)
    if record.get("reciprocal"):
        # PLOVER marks "X and Y agreed" as reciprocal, one untargeted entry per actor;
        # irinsider codes it as the pair X->Y, Y->X.
        sources = [e for e in expected if e.get("target") is None]
        expected = [e for e in expected if e.get("target") is not None] + [
            {**a, "target": b["source"]} for a in sources for b in sources
            if a["source"] != b["source"]
        ]
    for e in expected:
        if scheme == "plover":
            kind = PLOVER_OLD_NAMES.get(e["code"], e["code"])
        else:
            kind = str(e["code"])[:2]
        out[(actor_key(e.get("source")), actor_key(e.get("target")), kind)] += 1
    return out


def predicted_triples(events: list[dict], scheme: str) -> Counter:
    out: Counter = Counter()
    for e in events:
        kind = e["plover"] if scheme == "plover" else e["cameo"][:2]
        if kind is None:
            continue
        src = actor_key(e["source"], e["source_country"])
        tgt = actor_key(e["target"], e["target_country"])
        out[(src, tgt, kind)] += 1
    return out


def exact_triples(events: list[dict]) -> Counter:
    return Counter((e["source"], e["target"], e["cameo"]) for e in events)


def gold_exact(record: dict) -> Counter:
    return Counter((e.get("source"), e.get("target"), str(e["code"])) for e in counted(record))


def score(records: list[dict], by_doc: dict[str, list[dict]], scheme: str, exact_codes: bool
          ) -> tuple[dict, list[tuple[str, str, dict, dict]]]:
    """Precision, recall, F1 and the exact share over `records`; and their errors."""
    tp = fp = fn = exact = 0
    errors = []
    for r in records:
        gold = gold_triples(r, scheme)
        pred = predicted_triples(by_doc.get(r["id"], []), scheme)
        hit = sum((gold & pred).values())
        tp += hit
        fp += sum(pred.values()) - hit
        fn += sum(gold.values()) - hit
        events = by_doc.get(r["id"], [])
        if (gold_exact(r) == exact_triples(events)) if exact_codes else (gold == pred):
            exact += 1
        else:
            ours = exact_triples(events) if exact_codes else pred
            errors.append((r["id"], r["text"], dict(gold_exact(r) if exact_codes else gold),
                           dict(ours)))
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    return ({"records": len(records), "precision": p, "recall": rc, "f1": f1,
             "exact": exact / max(len(records), 1)}, errors)


def run_suite(path: Path, show_errors: int, dicts: list[tuple[str, Path]]) -> list[dict]:
    """Code a suite once; its scores on all records, on the train half and the check half.
    `dicts`: the options of `irinsider code` that name dictionaries, and their files."""
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    records = [r for r in records
               if not r.get("skip") and r.get("expected_error") not in UNSCORED_ERRORS]
    scheme = "plover" if records and records[0]["expected"] and \
        records[0]["expected"][0].get("scheme") == "PLOVER" else "cameo"
    scheme = "plover" if "plover" in path.name else scheme
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in.jsonl"
        with inp.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps({"id": r["id"], "text": r["text"], "date": r["date"]}) + "\n")
        t0 = time.perf_counter()
        command = [sys.executable, "-m", "irinsider", "code", str(inp)]
        for option, d in dicts:
            command += [option, str(d)]
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{path.name}: irinsider code failed: {proc.stderr.strip()[-500:]}")
    by_doc: dict[str, list[dict]] = {}
    for line in proc.stdout.splitlines():
        e = json.loads(line)
        by_doc.setdefault(e["doc_id"], []).append(e)
    name = path.name.split(".")[0]
    out = []
    for part in ("all", "train", "check"):
        chosen = [r for r in records if part == "all" or half(r["id"]) == part]
        # whole CAMEO codes with PETRARCH dictionaries, as PETRARCH's validator counts
        res, errors = score(chosen, by_doc, scheme, bool(dicts) and scheme == "cameo")
        if part == "train":
            for rid, text, gold, pred in errors[:show_errors]:
                print(f"  - [{rid}] {text}\n    gold {gold}\n    ours {pred}")
        out.append({"suite": name, "half": part, "scheme": scheme, **res,
                    "records_per_s": len(records) / seconds})
    return out


def load_times(dicts: list[tuple[str, Path]]) -> tuple[float, float]:
    """Seconds `irinsider code` takes on one short record with `dicts`: the first time
    (a cache of its own, empty) and the next (the same cache, filled)."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "one.jsonl"
        inp.write_text(json.dumps({"id": "1", "text": "Russia condemned Ukraine."}) + "\n",
                       encoding="utf-8")
        command = [sys.executable, "-m", "irinsider", "code", str(inp)]
        for option, d in dicts:
            command += [option, str(d)]
        env = {**os.environ, "IRINSIDER_CACHE": str(Path(tmp) / "cache")}
        for _ in range(2):
            t0 = time.perf_counter()
            subprocess.run(command, capture_output=True, text=True, check=False, env=env)
            times.append(time.perf_counter() - t0)
    return times[0], times[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--suite", action="append", choices=SUITES,
                        help="score only this suite (repeatable)")
    parser.add_argument("--dictionaries", type=Path, default=None, metavar="DIR",
                        help="also score every suite with this PETRARCH-2 dictionary folder")
    args = parser.parse_args()
    if not args.eval.is_dir():
        raise SystemExit(f"{args.eval}: no such folder (the peers' gold suites)")
    if args.dictionaries is not None and not args.dictionaries.is_dir():
        raise SystemExit(f"{args.dictionaries}: no such folder of dictionaries")
    theirs = args.dictionaries.name if args.dictionaries else None
    header = ("suite", "dicts", "half", "scheme", "n", "P", "R", "F1", "exact", "rec/s")
    print("{:28} {:8} {:5} {:7} {:>4} {:>6} {:>6} {:>6} {:>6} {:>7}".format(*header))
    for name in args.suite or SUITES:
        runs = [("ours", [(option, args.eval / "dicts" / name / f)
                          for option, f in DICTS.get(name, ())])]
        if args.dictionaries is not None:
            runs.append((theirs or "theirs", [("--dictionaries", args.dictionaries)]))
        for label, dicts in runs:
            if args.show_errors:
                print(f"  train errors of {name} with {label}:")
            for res in run_suite(args.eval / f"{name}.dev.jsonl", args.show_errors, dicts):
                print(f"{res['suite']:28} {label[:8]:8} {res['half']:5} {res['scheme']:7} "
                      f"{res['records']:4d} {res['precision']:6.3f} {res['recall']:6.3f} "
                      f"{res['f1']:6.3f} {res['exact']:6.3f} {res['records_per_s']:7.1f}")
    if args.dictionaries is not None:
        ours = load_times([])
        cold, warm = load_times([("--dictionaries", args.dictionaries)])
        print(f"load and code one record: ours {ours[0]:.1f} s first, {ours[1]:.1f} s next; "
              f"{theirs} {cold:.1f} s first (compiling), {warm:.1f} s next (from the cache)")
    print("dicts: ours = irinsider's data (the PETRARCH suites: their own toy dictionaries);")
    print("another name: that PETRARCH-2 folder, scored on whole codes as PETRARCH's suites.")
    print("exact: share of records coded exactly (no miss, no extra); for the PETRARCH suites on")
    print("whole codes (source, target, CAMEO code), as PETRARCH's own validator counts.")
    print("half: train (errors may be read) and check (score only), split by a hash of the id.")


if __name__ == "__main__":
    main()
