"""Tests of irinsider.cache and of the values kept in it: the actor dictionary, the token
patterns of its names, the verb table and the gazetteer.

A hit returns what was stored without building; a change to a file the key covers
builds anew; a corrupt entry, a folder that cannot be written and a cache turned off
all give the built value, never an error; and a value read back codes as the built one.
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from irinsider import cache
from irinsider.cache import cache_folder, cached, fingerprint, sources, versions
from irinsider.coding import gazetteer, load_actors, load_nlp, load_rules
from irinsider.coding.phrases import PhraseFinder, token_patterns
from irinsider.model import Article, Block
from irinsider.pipeline import Pipeline


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own."""
    path = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(path))
    return path


class Builder:
    """Counts how often the value was built."""

    def __init__(self, value: object = ("built", [1, 2, 3])) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def entries(folder: Path, name: str = "thing") -> list[Path]:
    return sorted(folder.glob(f"{name}-*.pickle"))


# ---- where the cache lives ------------------------------------------------------------

def test_folder_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache_folder() == tmp_path / "home" / ".cache" / "irinsider"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "irinsider"
    monkeypatch.setenv(cache.ENV, str(tmp_path / "mine"))
    assert cache_folder() == tmp_path / "mine"


@pytest.mark.parametrize("value", ["off", "OFF", "0", ""])
def test_turned_off(value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, value)
    monkeypatch.chdir(tmp_path)
    build = Builder()
    assert cache_folder() is None
    assert cached("thing", "k", build) == build.value
    assert cached("thing", "k", build) == build.value
    assert build.calls == 2
    assert list(tmp_path.iterdir()) == []


# ---- hits and misses --------------------------------------------------------------------

def test_hit_returns_the_stored_value_without_building(folder: Path) -> None:
    build = Builder()
    assert cached("thing", "k1", build) == build.value
    assert cached("thing", "k1", build) == build.value
    assert build.calls == 1
    assert [p.name for p in entries(folder)] == ["thing-k1.pickle"]


def test_another_key_or_name_builds_again(folder: Path) -> None:
    build = Builder()
    cached("thing", "k1", build)
    cached("thing", "k2", build)
    cached("other", "k1", build)
    assert build.calls == 3


def test_a_changed_file_changes_the_key(tmp_path: Path, folder: Path) -> None:
    data = tmp_path / "words.yaml"
    data.write_text("- one\n", encoding="utf-8")
    first = fingerprint("v1", data)
    assert fingerprint("v1", data) == first
    data.write_text("- two\n", encoding="utf-8")
    assert fingerprint("v1", data) != first
    assert fingerprint("v2", data) != fingerprint("v1", data)
    data.unlink()
    assert fingerprint("v1", data) != first  # a missing file is a key of its own
    build = Builder()
    cached("thing", first, build)
    cached("thing", fingerprint("v1", data), build)
    assert build.calls == 2


def test_parts_are_not_run_together() -> None:
    assert fingerprint("ab", "c") != fingerprint("a", "bc")
    assert fingerprint(b"x") == fingerprint("x")


def test_sources_and_versions() -> None:
    package = Path(cache.__file__).parent
    found = sources(package / "coding", package / "datafiles.py")
    assert package / "coding" / "actors.py" in found
    assert found[-1] == package / "datafiles.py"
    assert found == sorted(found[:-1]) + [found[-1]]
    assert versions("pyyaml", "no-such-distribution-here").startswith("pyyaml=")
    assert versions("no-such-distribution-here") == "no-such-distribution-here=none"


def test_only_the_latest_entries_of_a_name_are_kept(folder: Path) -> None:
    build = Builder()
    for n in range(7):
        cached("thing", f"k{n}", build)
    cached("other", "k0", build)
    assert len(entries(folder)) == 4
    assert len(entries(folder, "other")) == 1


def test_exceptions_of_the_build_go_to_the_caller(folder: Path) -> None:
    def fail() -> object:
        raise ValueError("bad data")

    with pytest.raises(ValueError, match="bad data"):
        cached("thing", "k", fail)
    assert not folder.exists() or entries(folder) == []


def test_collector_held_off_while_reading_or_building(folder: Path) -> None:
    seen: list[bool] = []

    def build() -> object:
        seen.append(gc.isenabled())
        return [1]

    def fail() -> object:
        raise ValueError("bad data")

    assert gc.isenabled()
    cached("thing", "k", build)
    assert seen == [False] and gc.isenabled()
    with pytest.raises(ValueError):
        cached("thing", "k2", fail)
    assert gc.isenabled()


# ---- a cache that cannot be used ---------------------------------------------------------

@pytest.mark.parametrize("content", [
    b"",                                            # empty
    b"not a pickle at all",                         # garbage
    pickle.dumps({"a": 1})[:-3],                    # truncated
    pickle.dumps(("another", "layout")),            # a pickle, but not an entry
    pickle.dumps((1, "thing", "another-key", 42)),  # an entry filed under the wrong key
])
def test_corrupt_entry_is_rebuilt(folder: Path, content: bytes) -> None:
    folder.mkdir()
    (folder / "thing-k.pickle").write_bytes(content)
    build = Builder()
    assert cached("thing", "k", build) == build.value
    assert build.calls == 1
    assert cached("thing", "k", build) == build.value  # rewritten whole
    assert build.calls == 1


def test_entry_of_a_class_that_is_gone_is_rebuilt(folder: Path) -> None:
    folder.mkdir()
    entry = pickle.dumps((1, "thing", "k", Builder()))
    (folder / "thing-k.pickle").write_bytes(entry.replace(b"Builder", b"Removed"))
    build = Builder()
    assert cached("thing", "k", build) == build.value
    assert build.calls == 1


def test_unwritable_folder_builds_without_error(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))
    build = Builder()
    assert cached("thing", "k", build) == build.value
    assert cached("thing", "k", build) == build.value
    assert build.calls == 2


def test_failed_write_leaves_nothing_behind(folder: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    def refuse(self: Path, data: bytes) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_bytes", refuse)
    build = Builder()
    assert cached("thing", "k", build) == build.value
    assert list(folder.iterdir()) == []


def test_value_that_cannot_be_pickled_is_returned(folder: Path) -> None:
    build = Builder(value=lambda: None)
    assert cached("thing", "k", build) is build.value
    assert entries(folder) == []


# ---- the values irinsider keeps ---------------------------------------------------------

@pytest.fixture
def fresh(folder: Path) -> Iterator[Callable[[], None]]:
    """Forget what this process loaded, so that the next load reads the cache (or builds)."""

    def forget() -> None:
        load_actors.cache_clear()
        load_rules.cache_clear()
        gazetteer.cache_clear()

    forget()
    yield forget
    forget()


def test_actor_dictionary_read_back_equals_built(folder: Path, fresh: Callable[[], None]
                                                 ) -> None:
    built = load_actors()
    assert entries(folder, "actors")
    fresh()
    read = load_actors()
    assert read is not built
    assert read.names == built.names and read.words == built.words
    assert read.cameo_of == built.cameo_of


def test_user_dictionary_change_is_seen(tmp_path: Path, folder: Path,
                                        fresh: Callable[[], None]) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("actors:\n  - {code: ARN, name: Arnor, names: [Arnorian]}\n",
                    encoding="utf-8")
    assert load_actors((str(user),)).names["Arnor"][0].code == "ARN"
    fresh()
    user.write_text("actors:\n  - {code: GDR, name: Arnor, names: [Arnorian]}\n",
                    encoding="utf-8")
    assert load_actors((str(user),)).names["Arnor"][0].code == "GDR"
    assert len(entries(folder, "actors")) == 2


def test_verb_table_read_back_equals_built(folder: Path, fresh: Callable[[], None]) -> None:
    built = load_rules()
    fresh()
    read = load_rules()
    assert read is not built
    assert read == built


def test_token_patterns_read_back_equal_built(folder: Path) -> None:
    nlp = load_nlp()
    names, words = ["Cuba", "Kim Jong Un", "U.S.", "Díaz-Canel"], ["foreign minister"]
    built = token_patterns(nlp, names, words)
    assert entries(folder, "phrases")
    assert token_patterns(nlp, names, words) == built
    assert token_patterns(nlp, names[:2], words) != built  # other names, another key
    finder = PhraseFinder(nlp, built)
    doc = nlp.make_doc("The FOREIGN Minister of CUBA met Kim Jong Un and Díaz-Canel.")
    assert [(s, e, t) for s, e, t in finder.names(doc)] == [
        (4, 5, "Cuba"), (6, 9, "Kim Jong Un"), (10, 13, "Díaz-Canel")]
    assert finder.words(doc) == [(1, 3, "foreign minister")]


def test_gazetteer_read_back_equals_built(folder: Path, fresh: Callable[[], None]) -> None:
    built = gazetteer()
    fresh()
    read = gazetteer()
    assert read is not built
    for name in ("Tripoli", "Hyderabad", "Kiev", "Havana"):
        assert read.cities(name) == built.cities(name)
    assert read.capital("CUB") == built.capital("CUB")
    assert read.continent("Europe") == built.continent("Europe")


def test_events_from_a_warm_cache_equal_a_cold_one(folder: Path,
                                                   fresh: Callable[[], None]) -> None:
    text = ("Russian troops shelled Kharkiv on Monday. The Cuban foreign minister visited "
            "Moscow and criticised the US embargo. SOUTH KOREA said it would send 50 "
            "observers to Ghana in March.")
    article = Article("a", None, None, date(2023, 3, 1), None, (Block(text),))

    def code() -> object:
        return next(Pipeline.load().code([article]))

    cold = code()
    assert {p.name.split("-")[0] for p in folder.iterdir()} >= {
        "actors", "phrases", "verbs", "gazetteer"}
    fresh()
    assert code() == cold
