"""Fuzz the PETRARCH dictionary readers with Hypothesis for a bounded time.

    python fuzz/fuzz_dictionaries.py --seconds 60
    python fuzz/fuzz_dictionaries.py --seconds 300 --target verbs --seed 7
    python fuzz/fuzz_dictionaries.py --seconds 0 --files ../shared/eval/dicts

Targets: ``actors`` (actors and agents files), ``verbs``, ``discards``, ``issues``,
``config`` (a folder with a PETR_config.ini and files it may or may not name), ``coder``
(a fuzzed verbs file compiled and run on a few parsed sentences) and ``scaled`` (a
fragment repeated thousands of times, to find readers that take quadratic time).
``--files DIR`` also reads every file under DIR with every reader, once leniently and
once strictly (a real dictionary read as the wrong kind included).

The contract: a reader given a `Problems` collector returns what it read and lists each
defective entry as one line ``FILE:LINE: what is wrong``; a strict reader raises one
``DataError`` of one line naming the file; nothing else is ever raised. A failure is
printed with the smallest input Hypothesis finds and fuzzing goes on; an input that takes
longer than ``--slow`` seconds is printed as slow. The script exits 1 if anything failed
or was slow. It is not part of the test suite; each crash it finds becomes a regression
test in tests/test_petrarch*.py.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness import Tally, run_target  # noqa: E402
from hypothesis import strategies as st
from hypothesis.errors import HypothesisWarning

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from irinsider.errors import DataError  # noqa: E402
from irinsider.petrarch import (  # noqa: E402
    Problems,
    read_dictionary,
    read_discards,
    read_issues,
    read_verbs,
)

# Pieces of every construct the dictionaries use, and of what broke their readers before.
COMMON = [
    "\n", "\n\n", "\t", " ", "  ", "#", " # a comment", ";", " ; tabari", "<!--", "-->",
    "<!-- a comment -->", "<! -- markup -->", "[", "]", "{", "}", "(", ")", "_", "__", "+",
    "~", "~~", "!", "=", ",", "/", ":", "*", "$", "%", "^", "&", "@", "|", "-", "---", "\x00",
    "\ufeff", "é", "ﬁ", "\u2028", "\r\n", "\r", "[]", "{}", "()", "9" * 40,
]
ACTORS = COMMON + [
    "GONDOR_", "MINAS_TIRITH_", "+GONDORIAN_", "+", "ARAGORN", "\t", "[GON]", "[GONGOV]",
    "[GON <301901]", "[GON >30190325]", "[GONGOV 30180301-30190325]", "[GON > 301901]",
    "[GON 3019]", "[GON 9008223-911221]", "[GON >201005011]", "[GON 20190230-20190231]",
    "[---]", "[###]", "[FRO/BIL/SAM]", "[:110]", "[~GOV]", "[NGO~]", "[~ENV}", "{}",
    "{KINGS}", "{KINGS_OF_OLD, LORDS}", "!PERSON!", "!PERSON! = MAN, MEN", "!X! =",
    "CONGRESS!PERSON!", "!UNDEFINED!_OF_RIVENDELL", "PRESIDENT [~GOV]", "U.N._",
]
VERBS = COMMON + [
    "&TIES", "&TIES_", "+TIE", "+RELATION_", "+&TIES", "&FIGHT_OF_WORDS", "+F/A-18_JET",
    "--- RESTORE [064] ---", "---  ACCELERATE   [---]  ---", "--- A [0 1] ---", "---",
    "RESTORE", "BREAK {BROKE BROKEN}", "+CORDON_OFF {+CORDONED_OFF}", "WIRE_+TAP", "RE_+ARREST",
    "MEET [031:032]", "- * TIES [064]", "- NOT * RELATIONS [112]", "- + * FROM $ [066]",
    "- % HAVE * [191]", "- * EID AT ^ WITH + [043]", "- * &TIES [903]", "- IN_* [075]",
    "- * { GENEVA | GENEVAN } [111]", "- * (FOR {HUMANITARIAN AID}) [0233]",
    "- * (TO/FOR PROTEST) [141]", "- * (BEFORE COURT) [:173]", "- *SCEPTICAL [012]",
    "- *_LAWS [---]", "- SPY_*_DEAL [---]", "- * VENTURE (WITH VISIT) VISIT)[042]",
    "- * DOWN (FROM) [080!]", "- * [042:043]", "- * X * [011]", "- SAID [011]", "- * [+++]",
    "- @ * TEST [010]", "- * COUNTER-ARGUMENT [110]", "~ a (a b RESTORE) MEET = a b 015",
    "~ a (b . BREAK) MEET = a b 112", "~ a (a b Q) MEET = a b Q", "~ a (b c) = d",
    "######## TRANSFORMATIONS ##########", "{ ACTED_ ACTING_ }", "ACT_ [100]",
]
DISCARDS = COMMON + ["WORLD CUP", "+HOCKEY_", "+ESPN2", "AFL GRAND FINAL", "+", "[X]", "_"]
ISSUES = COMMON + [
    '<ISSUE CATEGORY="FARMING" TYPE="ALL">', "</ISSUE>", "<ISSUE", "n:harvest", "v:plough",
    "pipe+weed", "n:", "v:", "+n:", "a+++b", "[HARVEST]", "[SIEGE] [SIEGE]", "[]", "~olive oil",
    "~~siege engine", "touristry[TOURISM]", "e.u.", "al+qa'ida", "x+" * 12,
]
CONFIG = [
    "[Dictionaries]\n", "[Options]\n", "verbfile_name = v.txt\n", "actorfile_list = a.txt, b.txt\n",
    "agentfile_name = g.txt\n", "discardfile_name = d.txt\n", "issuefile_name = i.txt\n",
    "verbfile_name =\n", "actorfile_list = missing.txt\n", "  continued.txt\n", "= x\n",
    "[Dictionaries\n", "%(x)s", "# comment\n", "\n", "key value\n", "\x00",
    "verbfile_name = ../v.txt\n",
]

SENTENCES = [
    "Gondor restored diplomatic ties with Rohan.", "Rohan and Gondor met in Edoras.",
    "The president of Gondor sent humanitarian aid to Rohan on Tuesday.",
    "Gondor said it had attacked Mordor.", "Mordor was not condemned by Gondor.",
    "Gondor, Rohan and Arnor agreed to sanctions against Mordor.",
]
FIXED_ACTORS = "GONDOR_ [GON]\n+GONDORIAN_\nROHAN_ [ROH]\nMORDOR_ [MOR]\nARNOR_ [ARN]\n"
FIXED_AGENTS = "PRESIDENT [~GOV]\n"


def _text(fragments: list[str]) -> st.SearchStrategy[str]:
    fragment = st.sampled_from(fragments)
    return st.lists(st.one_of(fragment, fragment, st.text(max_size=8)), max_size=60).map("".join)


def _lines(fragments: list[str]) -> st.SearchStrategy[str]:
    """Whole lines built of fragments, the commonest shape of a dictionary."""
    line = st.lists(st.sampled_from(fragments), min_size=1, max_size=6).map(" ".join)
    return st.lists(st.one_of(line, _text(fragments)), max_size=30).map("\n".join)


def _either(fragments: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(_lines(fragments), _text(fragments))


# ------------------------------------------------------------------------ the contract

def check_one_line(message: str, where: str) -> None:
    assert message.startswith(where), f"message does not name {where!r}: {message!r}"
    assert "\n" not in message and "\r" not in message, f"message on 2 lines: {message!r}"


def read_both(reader: Callable[[Path, Problems | None], Any], path: Path) -> Any:
    """Read leniently (must not raise but DataError for a whole file) and strictly."""
    problems = Problems()
    result = None
    try:
        result = reader(path, problems)
    except DataError as exc:  # a file that cannot be read at all (no verbs in it)
        check_one_line(str(exc), str(path))
    for line in problems.lines:
        check_one_line(line, f"{path}:")
        number = line[len(str(path)) + 1:].split(":", 1)[0]
        assert number.isdigit(), f"no line number: {line!r}"
    try:
        reader(path, None)
    except DataError as exc:
        check_one_line(str(exc), str(path))
    return result


def _with_file(text: str, name: str, reader: Callable[[Path, Problems | None], Any]) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        return read_both(reader, path)


def check_actors(text: str) -> None:
    entries = _with_file(text, "f.actors.txt", read_dictionary)
    for entry in entries or []:
        assert entry.names and all(entry.names) and entry.codes, entry
    if entries:
        from irinsider.coding import ActorDictionary
        from irinsider.petrarch import add_actors, compounds

        add_actors(ActorDictionary(), entries)
        compounds(entries)


def check_verbs(text: str) -> None:
    _with_file(text, "f.verbs.txt", read_verbs)


def check_discards(text: str) -> None:
    discards = _with_file(text, "f.discards.txt", read_discards)
    if discards is not None:
        for sentence in (text[:200], *SENTENCES):
            discards.discards_sentence(sentence)
            discards.discards_story(sentence)


def check_issues(text: str) -> None:
    issues = _with_file(text, "f.issues.txt", read_issues)
    if issues is not None:
        for sentence in (text[:200], *SENTENCES):
            found = issues.match(sentence)
            assert all(isinstance(c, str) and n > 0 for c, n in found), found


def check_config(parts: tuple[str, list[str]]) -> None:
    from irinsider.petrarch.dictionaries import dictionary_files

    config, present = parts
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "PETR_config.ini").write_text(config, encoding="utf-8", errors="surrogatepass")
        for name in present:
            (root / name).write_text("GONDOR_ [GON]\n", encoding="utf-8")
        try:
            files = dictionary_files(root)
        except DataError as exc:
            check_one_line(str(exc), str(root))
            return
        assert all(p.is_file() for p in files.paths), files


@dataclass
class _Base:
    """The English pipeline and the parsed sentences, loaded once for the coder."""

    ready: bool = False
    nlp: Any = None
    docs: list[Any] = field(default_factory=list)

    def load(self) -> None:
        if not self.ready:
            from irinsider.coding import load_nlp

            self.nlp = load_nlp()
            self.docs = [self.nlp(s) for s in SENTENCES]
            self.ready = True


_BASE = _Base()


def check_coder(text: str) -> None:
    from irinsider.codebook import load_codebook
    from irinsider.coding import ActorDictionary
    from irinsider.petrarch import PetrarchCoder, add_actors

    verbs = _with_file(text, "f.verbs.txt", read_verbs)
    if verbs is None:
        return
    _BASE.load()
    actors = ActorDictionary()
    with tempfile.TemporaryDirectory() as folder:
        for name, body in (("a.txt", FIXED_ACTORS), ("g.txt", FIXED_AGENTS)):
            path = Path(folder) / name
            path.write_text(body, encoding="utf-8")
            add_actors(actors, read_dictionary(path))
    coder = PetrarchCoder(actors, verbs, load_codebook())
    for k, doc in enumerate(_BASE.docs):
        marks = actors.mark(_BASE.nlp, doc)
        for sent in doc.sents:
            list(coder.code_sentence(sent, doc_id="f", index=k, when=None, quantities=[],
                                     marks=marks))


scaled = st.tuples(
    st.lists(st.sampled_from(ACTORS + VERBS + ISSUES), min_size=1, max_size=4).map(" ".join),
    st.integers(2000, 8000), st.sampled_from(["actors", "verbs", "discards", "issues"]),
)


def check_scaled(parts: tuple[str, int, str]) -> None:
    piece, times, kind = parts
    text = (piece + "\n") * times if times % 2 else piece * times
    {"actors": check_actors, "verbs": check_verbs, "discards": check_discards,
     "issues": check_issues}[kind](text)


TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {
    "actors": (_either(ACTORS), check_actors),
    "verbs": (_either(VERBS), check_verbs),
    "discards": (_either(DISCARDS), check_discards),
    "issues": (_either(ISSUES), check_issues),
    "config": (st.tuples(_text(CONFIG), st.lists(st.sampled_from(
        ["v.txt", "a.txt", "b.txt", "g.txt", "d.txt", "i.txt", "x.verbs.txt",
         "y.actors.txt"]), max_size=5)), check_config),
    "coder": (_lines(VERBS), check_coder),
    "scaled": (scaled, check_scaled),
}


# ------------------------------------------------------------------------ real files

READERS: dict[str, Callable[[Path, Problems | None], Any]] = {
    "actors": read_dictionary, "verbs": read_verbs, "discards": read_discards,
    "issues": read_issues,
}


def check_files(folder: Path, slow: float) -> tuple[int, list[str]]:
    """Every file under `folder` through every reader; (files read, failures)."""
    from irinsider.petrarch.dictionaries import dictionary_files

    failures: list[str] = []
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for path in files:
        for kind, reader in READERS.items():
            started = time.perf_counter()
            try:
                read_both(reader, path)
            except Exception as exc:
                failures.append(f"{path} as {kind}: {type(exc).__name__}: {exc}\n"
                                f"{traceback.format_exc(limit=3)}")
            took = time.perf_counter() - started
            if took > slow:
                failures.append(f"{path} as {kind}: slow ({took:.1f} s)")
    for sub in sorted({p.parent for p in files}):
        try:
            dictionary_files(sub)
        except DataError as exc:
            check_one_line(str(exc), str(sub))
        except Exception as exc:
            failures.append(f"{sub} as a folder: {type(exc).__name__}: {exc}")
    return len(files), failures


# ------------------------------------------------------------------------ running

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time to fuzz for")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS),
                        help="fuzz only this target (repeatable; default: all)")
    parser.add_argument("--examples", type=int, default=100,
                        help="inputs per target per round (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the first round")
    parser.add_argument("--slow", type=float, default=5.0,
                        help="seconds after which an input counts as slow (default: %(default)s)")
    parser.add_argument("--files", type=Path, action="append", default=[],
                        help="also read every file under this folder with every reader")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", HypothesisWarning)  # "overly large repr" of big inputs
    failed = 0
    for folder in args.files:
        count, failures = check_files(folder, args.slow)
        print(f"{folder}: {count} file(s) read by {len(READERS)} readers, "
              f"{len(failures)} failure(s)", flush=True)
        for failure in failures:
            print(f"FAIL {failure}", flush=True)
        failed += len(failures)
    targets = args.target or list(TARGETS)
    tallies = {name: Tally() for name in targets}
    first = args.seed if args.seed is not None else random.randrange(2**32)
    if args.seconds > 0:
        print(f"fuzzing {', '.join(targets)} for {args.seconds:g} s, seeds from {first}",
              flush=True)
    deadline = time.monotonic() + args.seconds
    rounds = 0
    while time.monotonic() < deadline:
        for name in targets:
            if time.monotonic() >= deadline:
                break
            run_target(name, *TARGETS[name], tallies[name], args.examples, first + rounds,
                       args.slow)
        rounds += 1
    if rounds:
        print(f"\n{rounds} round(s); inputs tried (shrinking included):")
        for name, tally in tallies.items():
            print(f"  {name:9s} {tally.tried:8,d} tried  {len(tally.failures)} failure(s)  "
                  f"{len(tally.slow)} slow")
            for took, shown in sorted(tally.slow, reverse=True)[:3]:
                print(f"      slow {took:.1f} s: {shown}")
    total = sum(t.tried for t in tallies.values())
    failures = sum(len(t.failures) for t in tallies.values()) + failed
    slow = sum(len(t.slow) for t in tallies.values())
    print(f"  {'total':9s} {total:8,d} tried  {failures} failure(s)  {slow} slow")
    return 1 if failures or slow else 0


if __name__ == "__main__":
    sys.exit(main())
