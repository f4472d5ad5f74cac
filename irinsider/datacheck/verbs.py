"""Validator of the verb table (verbs.yaml): pattern grammar, sets, codes, wrappers, the
derive table and event nouns."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path
from typing import Any

from .problems import Key, Problems, check_fields, check_yaml, describe, unquoted_keys
from .references import known_cameo_codes

__all__ = ["check_verbs"]


WRAPPER_KINDS = ("intent", "appeal", "demand", "threaten", "refuse")
# The CAMEO family (root) a wrapper's default code belongs to.
WRAPPER_FAMILIES = {"intent": "03", "appeal": "02", "demand": "10", "threaten": "13",
                    "refuse": "12"}
VERB_KEYS = ("version", "synsets", "codes", "derive", "nouns", "light", "unwrapped",
             "evaluations", "undergone", *WRAPPER_KINDS)
OPTIONAL_KEYS = ("light", "unwrapped", "evaluations", "undergone")
NO_EVENT = "none"
LIGHT_VERBS = frozenset({"hold", "give", "make", "take", "have", "get", "do", "put"})
AMBIGUOUS_VERBS = frozenset({"hit", "fire", "open", "move"})
_WORD = r"[a-z][a-z'-]*"
_OBJ = rf"(?:&[A-Z][A-Z0-9_]*|{_WORD})"
# VERB [PARTICLE] [* OBJECT] [+PREP OBJECT]
_PATTERN = re.compile(rf"{_WORD}(?: {_WORD})?(?: \* {_OBJ})?(?: \+{_WORD} {_OBJ})?")
_VERB = re.compile(rf"{_WORD}(?: {_WORD})?")  # a wrapper or light verb, a noun
_VERSION = re.compile(r"verbs\.v[0-9]+")


def check_verbs(path: Path) -> list[str]:
    """Problems of a verb table (verbs.yaml): pattern grammar, sets, codes, derive table."""
    return check_yaml(path, _verbs)


def _verbs(data: Any, found: Problems) -> None:
    """Every rule of verbs.yaml."""
    if not isinstance(data, dict):
        found.add(f"expected a mapping of the verb table's parts, found {describe(data)}")
        return
    check_fields(data, found, (k for k in VERB_KEYS if k not in OPTIONAL_KEYS), VERB_KEYS)
    for key in ("synsets", "codes", "derive", "nouns", *WRAPPER_KINDS):
        if key in data and not data[key]:
            found.add(f"{key} is empty", key)
    if not (isinstance(data.get("version"), str) and _VERSION.fullmatch(data["version"])):
        found.add(f"version must read verbs.vN, found {describe(data.get('version'))}", "version")
    known = known_cameo_codes(found)
    synsets = _synsets(data.get("synsets"), found)
    patterns = _patterns(data.get("codes"), found, known, synsets)
    bare = {text for text, _code, _where in patterns if "*" not in text and "+" not in text}
    kinds: dict[str, str] = {}
    for kind in WRAPPER_KINDS:
        entries = data.get(kind)
        if kind in data and not isinstance(entries, list):
            found.add(f"{kind} must be a list of verbs, found {describe(entries)}", kind)
            continue
        for j, entry in enumerate(entries or []):
            if not isinstance(entry, str) or not _VERB.fullmatch(entry):
                found.add(f"{kind}: {entry!r} is not 'verb' or 'verb particle'", kind, j)
            elif entry in kinds:
                found.add(f"{kind}: {entry!r} is also listed under {kinds[entry]}", kind, j)
            else:
                kinds[entry] = kind
                if entry in bare:
                    found.add(f"{kind}: {entry!r} is also a bare pattern; a wrapper's "
                              "reading comes from derive", kind, j)
    light = data.get("light", [])
    if not isinstance(light, list):
        found.add(f"light must be a list of verbs, found {describe(light)}", "light")
    else:
        for j, entry in enumerate(light):
            if not isinstance(entry, str) or not _VERB.fullmatch(entry):
                found.add(f"light: {entry!r} is not 'verb' or 'verb particle'", "light", j)
    _derive(data.get("derive"), found, known)
    _nouns(data.get("nouns"), found, known)
    _nouns(data.get("undergone", {}), found, known, "undergone")
    _unwrapped(data.get("unwrapped", {}), found, known, set(kinds))
    _evaluations(data.get("evaluations", {}), found, known)


def _synsets(value: Any, found: Problems) -> dict[str, list[str]]:
    """Check the sets; the readable ones by name."""
    if not isinstance(value, dict):
        found.add(f"synsets must map set names to words, found {describe(value)}", "synsets")
        return {}
    out: dict[str, list[str]] = {}
    for name, words in value.items():
        where = ("synsets", name)
        if not isinstance(words, list) or not words:
            found.add(f"set {name} must be a non-empty list of words", *where)
            continue
        for j, word in enumerate(words):
            if not isinstance(word, str) or not re.fullmatch(_WORD, word):
                found.add(f"set {name}: {word!r} is not a lowercase word", *where, j)
        for word in sorted(str(w) for w, n in Counter(map(str, words)).items() if n > 1):
            found.add(f"set {name} repeats {word!r}", *where)
        out[str(name)] = [str(w) for w in words]
    return out


def _patterns(value: Any, found: Problems, known: set[str] | None,
              synsets: dict[str, list[str]]) -> list[tuple[str, str, tuple[Key, ...]]]:
    """Check the codes' patterns; every (pattern, code, where) that reads."""
    if not isinstance(value, dict):
        found.add(f"codes must map CAMEO codes to patterns, found {describe(value)}", "codes")
        return []
    unquoted_keys(found, "code", "codes")
    out: list[tuple[str, str, tuple[Key, ...]]] = []
    written: dict[str, tuple[str, tuple[Key, ...]]] = {}
    for key, texts in value.items():
        code = str(key)
        if isinstance(key, str) and known is not None and key != NO_EVENT and key not in known:
            found.add(f"code {code} is not in the CAMEO table", "codes", key)
        if not isinstance(texts, list):
            found.add(f"code {code}: expected a list of patterns, found {describe(texts)}",
                      "codes", key)
            continue
        for j, text in enumerate(texts):
            where: tuple[Key, ...] = ("codes", key, j)
            if not isinstance(text, str) or not _PATTERN.fullmatch(text):
                found.add(f"pattern {text!r} under {code} does not read as "
                          "VERB [PARTICLE] [* OBJECT] [+PREP OBJECT]", *where)
                continue
            unknown = [w for w in text.split() if w.startswith("&") and w[1:] not in synsets]
            if unknown:
                found.add(f"pattern {text!r} uses unknown set(s) {', '.join(unknown)}", *where)
                continue
            if code != NO_EVENT and text in LIGHT_VERBS | AMBIGUOUS_VERBS:
                found.add(f"pattern {text!r} under {code}: this verb never stands alone",
                          *where)
            first = written.setdefault(text, (code, where))
            if first[1] != where:
                found.add(f"pattern {text!r} is written twice: also under {first[0]} "
                          f"(line {found.line(*first[1])})", *where)
            else:
                out.append((text, code, where))
    used = {w[1:] for text, _code, _where in out for w in text.split() if w.startswith("&")}
    for name in sorted(set(synsets) - used):
        found.add(f"set {name} is used by no pattern", "synsets", name)
    _expanded_clashes(found, out, synsets)
    return out


def _expanded_clashes(found: Problems, patterns: list[tuple[str, str, tuple[Key, ...]]],
                      synsets: dict[str, list[str]]) -> None:
    """No pattern, its sets spelt out, is listed under two codes."""
    codes: dict[str, tuple[str, str, tuple[Key, ...]]] = {}
    reported: set[tuple[str, str]] = set()
    for text, code, where in patterns:
        choices = [synsets[w[1:]] if w.startswith("&") else [w] for w in text.split()]
        for combo in itertools.product(*choices):
            spelt = " ".join(combo)
            first, first_text, first_where = codes.setdefault(spelt, (code, text, where))
            if first != code and (text, first_text) not in reported:
                reported.add((text, first_text))
                found.add(f"pattern {text!r} under {code}: {spelt!r} is also read by "
                          f"{first_text!r} under {first} (line {found.line(*first_where)})",
                          *where)


def _derive(value: Any, found: Problems, known: set[str] | None) -> None:
    """The derive table: a default per wrapper, CAMEO codes, the wrapper's family."""
    if not isinstance(value, dict):
        found.add(f"derive must map wrapper kinds to tables, found {describe(value)}", "derive")
        return
    check_fields(value, found, WRAPPER_KINDS, WRAPPER_KINDS, "derive")
    for kind, table in value.items():
        where = ("derive", kind)
        if not isinstance(table, dict):
            found.add(f"derive {kind}: expected a mapping of codes, found {describe(table)}",
                      *where)
            continue
        unquoted_keys(found, f"derive {kind}: code", *where)
        if "default" not in table:
            found.add(f"derive {kind} needs a default", *where)
        elif (isinstance(table["default"], str) and kind in WRAPPER_FAMILIES
              and not table["default"].startswith(WRAPPER_FAMILIES[kind])):
            found.add(f"derive {kind}: default {table['default']} is not of the "
                      f"{WRAPPER_FAMILIES[kind]} family", *where, "default")
        for key, code in table.items():
            if not isinstance(code, str) or (known is not None and code not in known):
                found.add(f"derive {kind}: {key} -> {code!r} is not a CAMEO code (quoted)",
                          *where, key)
            if known is not None and key != "default" and str(key) not in known:
                found.add(f"derive {kind}: key {key} is not a CAMEO code", *where, key)


def _nouns(value: Any, found: Problems, known: set[str] | None, key: str = "nouns") -> None:
    """Event nouns (or another table of nouns, `key`): one or two lowercase words, each
    with a CAMEO code."""
    if not isinstance(value, dict):
        found.add(f"{key} must map nouns to codes, found {describe(value)}", key)
        return
    for noun, code in value.items():
        if not isinstance(noun, str) or not _VERB.fullmatch(noun):
            found.add(f"noun {noun!r} is not one or two lowercase words", key, noun)
        if not isinstance(code, str) or (known is not None and code not in known):
            found.add(f"noun {noun}: {code!r} is not a CAMEO code (quoted)", key, noun)


def _unwrapped(value: Any, found: Problems, known: set[str] | None,
               wrappers: set[str]) -> None:
    """Wrappers that mean an act of their own when they wrap nothing: listed wrappers,
    each with a CAMEO code."""
    if not isinstance(value, dict):
        found.add(f"unwrapped must map wrappers to codes, found {describe(value)}",
                  "unwrapped")
        return
    for verb, code in value.items():
        if verb not in wrappers:
            found.add(f"unwrapped: {verb!r} is not a wrapper of the table", "unwrapped", verb)
        if not isinstance(code, str) or (known is not None and code not in known):
            found.add(f"unwrapped {verb}: {code!r} is not a CAMEO code (quoted)",
                      "unwrapped", verb)


def _evaluations(value: Any, found: Problems, known: set[str] | None) -> None:
    """Judging words: `judges`, a list of verbs, and `words`, one or two lowercase words
    each with a CAMEO code."""
    if not isinstance(value, dict):
        found.add(f"evaluations must map judges and words, found {describe(value)}",
                  "evaluations")
        return
    check_fields(value, found, (), ("judges", "words"), "evaluations")
    judges = value.get("judges", [])
    if not isinstance(judges, list):
        found.add(f"evaluations: judges must be a list of verbs, found {describe(judges)}",
                  "evaluations", "judges")
    else:
        for j, verb in enumerate(judges):
            if not isinstance(verb, str) or not re.fullmatch(_WORD, verb):
                found.add(f"evaluations: judge {verb!r} is not a lowercase verb",
                          "evaluations", "judges", j)
    words = value.get("words", {})
    if not isinstance(words, dict):
        found.add(f"evaluations: words must map words to codes, found {describe(words)}",
                  "evaluations", "words")
        return
    for word, code in words.items():
        where = ("evaluations", "words", word)
        if not isinstance(word, str) or not _VERB.fullmatch(word):
            found.add(f"evaluation {word!r} is not one or two lowercase words", *where)
        if not isinstance(code, str) or (known is not None and code not in known):
            found.add(f"evaluation {word}: {code!r} is not a CAMEO code (quoted)", *where)
