"""The shipped paraphrase classifier: do two sentences state the same fact?

Logistic regression over `features.pair_features` (linear plus damped degree-2 terms), trained
offline (bench/train_paraphrase.py) and shipped as plain numbers in resources/.
"""

from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from reader.compare.features import FEATURE_NAMES, Profile, pair_features, profile
from reader.resources import resource_path

log = logging.getLogger(__name__)

MODEL_FILE = "paraphrase_model.json"
# Evaluations point this at a model trained without the pairs they test on (cross-validation
# through the command line); users never need it.
MODEL_ENV = "READER_PARAPHRASE_MODEL"


@dataclass(frozen=True)
class ParaphraseModel:
    """Standardise the features, then a linear plus pairwise-product score and a logistic."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    intercept: float
    linear: tuple[float, ...]
    # quadratic[i][k] weighs z[i] * z[i + k]: the upper triangle, row by row.
    quadratic: tuple[tuple[float, ...], ...]
    # The range each feature had in training: products of features extrapolate wildly, so
    # inputs are clipped into it.
    low: tuple[float, ...] = ()
    high: tuple[float, ...] = ()
    threshold: float = 0.5

    def score(self, x: list[float]) -> float:
        """The log-odds that the pair is a paraphrase."""
        if self.low:
            x = [min(max(v, lo), hi) for v, lo, hi in zip(x, self.low, self.high, strict=True)]
        z = [(v - m) / s for v, m, s in zip(x, self.mean, self.scale, strict=True)]
        total = self.intercept
        for i, zi in enumerate(z):
            row = self.quadratic[i] if self.quadratic else ()
            inner = self.linear[i]
            for k, w in enumerate(row):
                inner += w * z[i + k]
            total += zi * inner
        return total

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """`probability_of` for every row of a pairs x features matrix at once."""
        if not len(x):
            return np.zeros(0)
        low, high, mean, scale, linear, quadratic = self._arrays
        if len(low):
            x = np.clip(x, low, high)
        z = (x - mean) / scale
        s = self.intercept + z @ linear + np.einsum("ni,ij,nj->n", z, quadratic, z)
        return np.where(s > -30, 1.0 / (1.0 + np.exp(-np.maximum(s, -30))), 0.0)

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, ...]:
        """The model as numpy arrays; `quadratic` as the upper-triangular matrix Q, z·Q·z."""
        q = np.zeros((len(self.features), len(self.features)))
        for i, row in enumerate(self.quadratic):
            q[i, i : i + len(row)] = row
        vectors = (self.low, self.high, self.mean, self.scale, self.linear)
        return (*(np.asarray(v, dtype=float) for v in vectors), q)

    def probability_of(self, x: list[float]) -> float:
        s = self.score(x)
        return 1.0 / (1.0 + math.exp(-s)) if s > -30 else 0.0

    def probability(self, p: Profile, q: Profile) -> float:
        return self.probability_of(pair_features(p, q))

    def is_paraphrase(self, a: str, b: str) -> bool:
        return self.probability(profile(a), profile(b)) >= self.threshold

    def to_json(self) -> dict:
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "intercept": self.intercept,
            "linear": list(self.linear),
            "quadratic": [list(r) for r in self.quadratic],
            "low": list(self.low),
            "high": list(self.high),
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict) -> ParaphraseModel:
        features = tuple(data["features"])
        if features != FEATURE_NAMES:
            # A model trained on other features would score garbage without complaint.
            raise ValueError("paraphrase model was trained on different features; retrain it")
        return cls(
            features=features,
            mean=tuple(data["mean"]),
            scale=tuple(data["scale"]),
            intercept=float(data["intercept"]),
            linear=tuple(data["linear"]),
            quadratic=tuple(tuple(r) for r in data.get("quadratic", [])),
            low=tuple(data.get("low", ())),
            high=tuple(data.get("high", ())),
            threshold=float(data.get("threshold", 0.5)),
        )

    @classmethod
    def load(cls, path: Path) -> ParaphraseModel:
        with open(path, encoding="utf-8") as fh:
            return cls.from_json(json.load(fh))


@lru_cache(maxsize=4)
def _load(path: str) -> ParaphraseModel:
    log.debug("loading paraphrase model %s", path)
    return ParaphraseModel.load(Path(path))


def load_model() -> ParaphraseModel:
    """The shipped model (or the one `READER_PARAPHRASE_MODEL` names), loaded once."""
    return _load(os.environ.get(MODEL_ENV) or str(resource_path(MODEL_FILE)))
