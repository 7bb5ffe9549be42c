"""Word vectors learnt from news (resources/word_vectors.npz): meaning beyond shared words.

Trained offline by bench/train_vectors.py on the 58,822 articles of the shared corpora. They
load lazily, on the first comparison, never at window start-up; a missing or unreadable file
leaves the comparison lexical (logged once), it never fails.
"""

from __future__ import annotations

import logging
import time
from functools import lru_cache

import numpy as np

from reader.resources import resource_path

log = logging.getLogger(__name__)

VECTORS_FILE = "word_vectors.npz"


class WordVectors:
    """Unit-length word vectors, looked up by normalised token (`features.normalize`)."""

    def __init__(
        self, words: list[str], matrix: np.ndarray, common: np.ndarray | None = None,
    ) -> None:
        self.index = {w: i for i, w in enumerate(words)}
        self.matrix = matrix  # float32, one unit row per word
        self.dims = matrix.shape[1]
        # The direction every news sentence leans to (the first principal component of
        # sentence means, Arora et al.'s "common discourse"): removed, sentence means differ
        # by what they say rather than by being news prose.
        self.common = common

    def rows(self, words: list[str]) -> list[int]:
        """Row numbers of the words that have a vector, in order (unknown words left out)."""
        index = self.index
        return [index[w] for w in words if w in index]

    def mean(self, words: list[str], weights: list[float]) -> np.ndarray:
        """The weighted mean vector of the known words, unit length (zeros when none is known)."""
        rows, ws = [], []
        for w, weight in zip(words, weights, strict=True):
            row = self.index.get(w)
            if row is not None:
                rows.append(row)
                ws.append(weight)
        if not rows:
            return np.zeros(self.dims, dtype=np.float32)
        v = np.asarray(ws, dtype=np.float32) @ self.matrix[rows]
        norm = float(np.linalg.norm(v))
        return v / norm if norm else v


@lru_cache(maxsize=1)
def load_vectors() -> WordVectors | None:
    """The shipped vectors, loaded once; None (and a log line) if they cannot be read."""
    path = resource_path(VECTORS_FILE)
    start = time.perf_counter()
    try:
        with np.load(path, allow_pickle=False) as data:
            words = str(data["words"]).split("\n")
            matrix = data["vectors"].astype(np.float32)
            common = data["common"].astype(np.float32) if "common" in data else None
    except (OSError, KeyError, ValueError) as exc:
        log.warning("word vectors not loaded from %s (%s); comparing by shared words only",
                    path, exc)
        return None
    if matrix.ndim != 2 or matrix.shape[0] != len(words):
        log.warning("word vectors in %s are malformed; comparing by shared words only", path)
        return None
    log.debug("loaded %d word vectors in %.0f ms", len(words), 1000 * (time.perf_counter() - start))
    return WordVectors(words, matrix, common)
