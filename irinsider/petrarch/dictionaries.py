"""A whole PETRARCH-2 dictionary set: its files, read and compiled once, kept on disk.

    files = dictionary_files("phoenix/")       the files its PETR_config.ini names
    data = load_dictionaries(files)            read, compiled, cached
    data.actors, data.verbs, data.discards, data.issues, data.problems

A folder's ``PETR_config.ini`` names its files under ``[Dictionaries]``
(``verbfile_name``, ``actorfile_list``, ``agentfile_name``, ``discardfile_name``,
``issuefile_name``), relative to the folder; where it has none, or names none of a
kind, the usual names are looked for (``*.verbs.txt`` or ``CAMEO*.txt``,
``*.actors.txt``, ``*.agents.txt``, ``*.discards.txt``, ``*issue*.txt``).

Compiling Phoenix takes seconds (54,000 lines of country actors alone, on top of our own
dictionaries); the compiled form is stored by `irinsider.cache`, keyed by a hash of every
file it was built from and of the code that builds it, and read back in well under a
second. Defective entries are skipped and listed in `CompiledDictionaries.problems`,
which are kept with the compiled form, so that every run reports them.
"""

from __future__ import annotations

import configparser
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import coding
from ..cache import cached, fingerprint, sources, versions
from ..coding import DATA_DIR, ActorDictionary, build_actors
from ..errors import DataError
from .actors import DictEntry, add_actors, compounds, read_dictionary
from .discards import Discards, read_discards
from .issues import IssueList, read_issues
from .problems import Problems
from .verbs import VerbDictionary, read_verbs

__all__ = ["CONFIG_NAME", "CompiledDictionaries", "DictionaryFiles", "compile_dictionaries",
           "dictionary_files", "files_from", "load_dictionaries"]

CONFIG_NAME = "PETR_config.ini"
# The usual names of each kind of file, where the configuration names none.
_USUAL = {
    "verbs": ("CAMEO*.txt", "*.verbs.txt", "*verbs*.txt"),
    "actors": ("*.actors.txt",),
    "agents": ("*.agents.txt",),
    "discards": ("*.discards.txt",),
    "issues": ("*.issues.txt", "*Issue*.txt", "*issue*.txt"),
}
_KEYS = {"verbs": "verbfile_name", "actors": "actorfile_list", "agents": "agentfile_name",
         "discards": "discardfile_name", "issues": "issuefile_name"}


@dataclass(frozen=True)
class DictionaryFiles:
    """The files of a dictionary set. `actors` holds actor and agent files in order (a
    later one overrides an earlier): PETRARCH's text (``.txt``) or our YAML."""

    actors: tuple[Path, ...] = ()
    verbs: Path | None = None
    discards: tuple[Path, ...] = ()
    issues: Path | None = None

    def __add__(self, other: DictionaryFiles) -> DictionaryFiles:
        """These files, then `other`'s: its actors after ours, its verbs and issues
        instead of ours."""
        return DictionaryFiles(self.actors + other.actors, other.verbs or self.verbs,
                               self.discards + other.discards, other.issues or self.issues)

    @property
    def petrarch(self) -> bool:
        """Whether any file is in PETRARCH's format (and needs this part to read it)."""
        return bool(self.verbs or self.discards or self.issues
                    or any(p.suffix.lower() == ".txt" for p in self.actors))

    @property
    def paths(self) -> tuple[Path, ...]:
        return (*self.actors, *((self.verbs,) if self.verbs else ()), *self.discards,
                *((self.issues,) if self.issues else ()))


def _config(folder: Path) -> dict[str, list[str]]:
    """The file names a folder's PETR_config.ini gives under [Dictionaries], by kind."""
    path = folder / CONFIG_NAME
    if not path.is_file():
        return {}
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(path.read_text(encoding="utf-8", errors="replace"), str(path))
    except (OSError, configparser.Error) as exc:
        problem = " ".join(str(exc).split())
        raise DataError(f"{path}: cannot read the configuration ({problem})") from None
    if not parser.has_section("Dictionaries"):
        return {}
    out: dict[str, list[str]] = {}
    for kind, key in _KEYS.items():
        value = parser.get("Dictionaries", key, fallback="")
        names = [n.strip() for n in value.replace("\n", ",").split(",") if n.strip()]
        if names:
            out[kind] = names
    return out


def _usual(folder: Path, kind: str) -> list[Path]:
    for pattern in _USUAL[kind]:
        found = sorted(p for p in folder.glob(pattern) if p.is_file())
        if found:
            return found if kind in ("actors", "discards") else found[:1]
    return []


def dictionary_files(folder: str | Path) -> DictionaryFiles:
    """The files of a PETRARCH-2 dictionary folder, as its PETR_config.ini names them
    (else by their usual names); DataError for a missing folder or file."""
    root = Path(folder)
    if not root.is_dir():
        raise DataError(f"{root}: no such folder of PETRARCH dictionaries")
    named = _config(root)
    found: dict[str, list[Path]] = {}
    for kind in _USUAL:
        if kind in named:
            paths = [root / name for name in named[kind]]
            for path in paths:
                if not path.is_file():
                    raise DataError(f"{root / CONFIG_NAME}: names {path.name} as the "
                                    f"{kind} file, which is not in {root}")
            found[kind] = paths
        else:
            found[kind] = _usual(root, kind)
    files = DictionaryFiles(
        tuple(found["actors"] + found["agents"]),
        found["verbs"][0] if found["verbs"] else None,
        tuple(found["discards"]),
        found["issues"][0] if found["issues"] else None,
    )
    if not files.paths:
        raise DataError(f"{root}: no PETRARCH dictionaries found (no {CONFIG_NAME}, no "
                        "*.verbs.txt, *.actors.txt, *.agents.txt or *.discards.txt)")
    return files


@dataclass
class CompiledDictionaries:
    """A dictionary set, read and compiled: our actors with the set's, its verbs (None:
    code with ours), discards and issues, and the defective entries skipped."""

    actors: ActorDictionary
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    verbs: VerbDictionary | None = None
    discards: Discards = field(default_factory=Discards)
    issues: IssueList = field(default_factory=IssueList)
    problems: tuple[str, ...] = ()


@dataclass
class _PetrarchFile:
    """A PETRARCH actors or agents file, read when the actor dictionary takes it in.

    An agents file stands for our sector words: the first one read drops them, so that
    only its agents make "the mayor" GOV or "the militia" UAF, as in PETRARCH."""

    path: Path
    problems: Problems
    agents_read: list[bool]  # shared by the files of one set: whether one had agents
    entries: list[DictEntry] = field(default_factory=list)

    def __call__(self, actors: ActorDictionary) -> None:
        self.entries = read_dictionary(self.path, self.problems)
        if any(e.agent for e in self.entries) and not self.agents_read:
            _drop_sector_words(actors)
            self.agents_read.append(True)
        add_actors(actors, self.entries)


def _drop_sector_words(actors: ActorDictionary) -> None:
    """Forget our sector words ("minister", "militia"), keeping every other meaning."""
    for word in list(actors.words):
        kept = [e for e in actors.words[word] if e.kind != "sector"]
        if kept:
            actors.words[word] = kept
        else:
            del actors.words[word]


def compile_dictionaries(files: DictionaryFiles, problems: Problems) -> CompiledDictionaries:
    """Read and compile a dictionary set, each file once; defects go to `problems`."""
    agents_read: list[bool] = []
    sources_: list[Path | _PetrarchFile] = [
        _PetrarchFile(p, problems, agents_read) if p.suffix.lower() == ".txt" else p
        for p in files.actors]
    actors = build_actors(sources_)
    groups: dict[str, tuple[str, ...]] = {}
    for source in sources_:
        if isinstance(source, _PetrarchFile):
            groups.update(compounds(source.entries))
    verbs = read_verbs(files.verbs, problems) if files.verbs else None
    discards = sum((read_discards(p, problems) for p in files.discards), Discards())
    issues = read_issues(files.issues, problems) if files.issues else IssueList()
    return CompiledDictionaries(actors, groups, verbs, discards, issues, tuple(problems.lines))


def _key(files: DictionaryFiles) -> str:
    """A hash of everything the compiled form is built from."""
    code = sources(Path(__file__).parent, Path(coding.__file__).parent,
                   DATA_DIR.parent / "datafiles.py")
    data = sorted(p for p in DATA_DIR.iterdir() if p.is_file())
    kinds = [f"actors={len(files.actors)}", f"verbs={bool(files.verbs)}",
             f"discards={len(files.discards)}", f"issues={bool(files.issues)}"]
    return fingerprint("petrarch-dictionaries", *kinds, *files.paths, *code, *data,
                       versions("pycountry", "pyyaml", "spacy"))


@contextmanager
def _without_gc() -> Iterator[None]:
    """The cyclic garbage collector held off: building or unpickling a few hundred
    thousand small objects takes a third of the time without its passes."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@lru_cache(maxsize=4)
def _load(files: DictionaryFiles) -> CompiledDictionaries:
    for path in files.paths:
        if not path.is_file():
            raise DataError(f"{path}: no such dictionary file")
    with _without_gc():
        return cached("petrarch", _key(files), lambda: compile_dictionaries(files, Problems()))


def load_dictionaries(files: DictionaryFiles, *, strict: bool = False) -> CompiledDictionaries:
    """A dictionary set compiled, once a process and from the disk cache when its files
    have not changed. `strict`: DataError for the first defective entry, instead of
    skipping it (the skipped ones are in `problems`)."""
    compiled = _load(files)
    if strict and compiled.problems:
        raise DataError(compiled.problems[0])
    return compiled


def files_from(actors: Sequence[str | Path] = (), verbs: str | Path | None = None,
               discards: Sequence[str | Path] = (), issues: str | Path | None = None
               ) -> DictionaryFiles:
    """The dictionary files given one by one (``--actors``, ``--verbs`` ...)."""
    return DictionaryFiles(tuple(Path(p) for p in actors), Path(verbs) if verbs else None,
                           tuple(Path(p) for p in discards), Path(issues) if issues else None)
