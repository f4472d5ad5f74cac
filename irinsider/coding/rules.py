"""The verb pattern table: English verbs, particles and objects -> CAMEO codes.

``data/verbs.yaml`` is the readable source; this module compiles it once into
lookups keyed by verb lemma. A pattern string reads

    VERB [PARTICLE] [* OBJECT] [+PREP OBJECT]

where OBJECT is a noun lemma or ``&SET`` (a synonym set of the same file):
``withdraw * &TROOPS``, ``call off * strike``, ``engage +in &TALKS``.
Verbs listed under ``intent``, ``appeal``, ``demand``, ``threaten`` and
``refuse`` wrap another action ("agreed to lend", "urged ... not to withdraw");
the ``derive`` table turns the wrapped action's code into the wrapper's, and
``unwrapped`` gives a wrapper that wraps nothing an act of its own ("called on
the president": a visit). ``evaluations`` lists the words that make a statement a
judgement ("said the decision was unacceptable": 111) and the verbs that judge
their object ("termed the vote a sham").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..cache import cached, fingerprint, sources, versions
from ..datafiles import DATA_DIR, read_yaml
from ..errors import DataError

__all__ = ["NO_EVENT", "WRAPPER_KINDS", "Pattern", "VerbTable", "load_rules"]

NO_EVENT = "none"
WRAPPER_KINDS = ("intent", "appeal", "demand", "threaten", "refuse")


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern; `text` is how the data file writes it."""

    code: str
    verb: str
    particle: str | None
    objects: frozenset[str] | None
    prep: str | None
    prep_objects: frozenset[str] | None
    text: str

    @property
    def specificity(self) -> int:
        return (
            2 * (self.objects is not None)
            + 2 * (self.prep_objects is not None)
            + (self.particle is not None)
        )


@dataclass
class VerbTable:
    version: str
    patterns: dict[str, list[Pattern]] = field(default_factory=dict)
    wrappers: dict[str, str] = field(default_factory=dict)  # "urge", "call on" -> "appeal"
    derive: dict[str, dict[str, str]] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)
    light: frozenset[str] = frozenset()  # "launch", "carry out": verbs that carry an event noun
    # words that judge what a statement speaks of: "unacceptable" -> "111" (`evaluation`)
    evaluations: dict[str, str] = field(default_factory=dict)
    judges: frozenset[str] = frozenset()  # verbs that judge their object: "call", "term"
    # wrappers that mean an act of their own when they wrap nothing: "call on" -> "042"
    unwrapped: dict[str, str] = field(default_factory=dict)
    # what one suffers when one "comes under" it: "attack" -> "190", "heavy fire" -> "190"
    undergone: dict[str, str] = field(default_factory=dict)

    def derived(self, kind: str, code: str | None) -> str:
        """The wrapper's code for a wrapped action: ("intent", "072") -> "0332"."""
        table = self.derive.get(kind, {})
        if code:
            for n in range(len(code), 1, -1):
                if code[:n] in table:
                    return table[code[:n]]
        return table["default"]


def _compile(text: str, code: str, synsets: Mapping[str, list[str]], where: str) -> Pattern:
    words = text.split()
    if not words:
        raise DataError(f"{where}: empty pattern under {code}")

    def objects(word: str) -> frozenset[str]:
        if word.startswith("&"):
            if word[1:] not in synsets:
                raise DataError(f"{where}: pattern {text!r} uses unknown set {word}")
            return frozenset(w.lower() for w in synsets[word[1:]])
        return frozenset([word.lower()])

    verb, rest = words[0].lower(), words[1:]
    particle = prep = None
    objs = prep_objs = None
    if rest and rest[0] != "*" and not rest[0].startswith("+"):
        particle, rest = rest[0].lower(), rest[1:]
    while rest:
        if rest[0] == "*" and len(rest) >= 2:
            objs, rest = objects(rest[1]), rest[2:]
        elif rest[0].startswith("+") and len(rest) >= 2:
            prep, prep_objs, rest = rest[0][1:].lower(), objects(rest[1]), rest[2:]
        else:
            raise DataError(f"{where}: cannot read pattern {text!r} under {code}")
    return Pattern(code, verb, particle, objs, prep, prep_objs, text)


@lru_cache(maxsize=4)
def load_rules(path: Path | None = None) -> VerbTable:
    """Compile the verb table once, and keep it on disk (`irinsider.cache`) until the file
    or the code changes."""
    path = path or DATA_DIR / "verbs.yaml"
    code = sources(Path(__file__).parent, DATA_DIR.parent / "datafiles.py")
    key = fingerprint(versions("pyyaml"), path, *code)
    return cached("verbs", key, lambda: _compile_table(path))


def _compile_table(path: Path) -> VerbTable:
    where = str(path)
    data: Any = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError(f"{where}: expected a verb table (a mapping with 'codes:')")
    synsets = data.get("synsets") or {}
    table = VerbTable(version=str(data.get("version", "verbs")))
    for code, texts in (data.get("codes") or {}).items():
        code = str(code)
        if code in WRAPPER_KINDS:
            continue
        for text in texts or []:
            pat = _compile(str(text), code, synsets, where)
            table.patterns.setdefault(pat.verb, []).append(pat)
    for kind in WRAPPER_KINDS:
        entries = (data.get("codes") or {}).get(kind) or data.get(kind) or []
        for text in entries:
            table.wrappers[" ".join(str(text).lower().split())] = kind
    for kind, mapping in (data.get("derive") or {}).items():
        table.derive[kind] = {str(k): str(v) for k, v in (mapping or {}).items()}
        if "default" not in table.derive[kind]:
            raise DataError(f"{where}: derive table {kind!r} needs a default")
    table.nouns = {str(k).lower(): str(v) for k, v in (data.get("nouns") or {}).items()}
    table.light = frozenset(" ".join(str(v).lower().split()) for v in data.get("light") or [])
    evaluations = data.get("evaluations") or {}
    table.evaluations = {" ".join(str(k).lower().split()): str(v)
                         for k, v in (evaluations.get("words") or {}).items()}
    table.judges = frozenset(str(v).lower() for v in evaluations.get("judges") or [])
    table.unwrapped = {" ".join(str(k).lower().split()): str(v)
                       for k, v in (data.get("unwrapped") or {}).items()}
    table.undergone = {" ".join(str(k).lower().split()): str(v)
                       for k, v in (data.get("undergone") or {}).items()}
    # Most specific first; file order breaks ties.
    for pats in table.patterns.values():
        pats.sort(key=lambda p: -p.specificity)
    return table
