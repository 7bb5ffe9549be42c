"""Train the comparison's word vectors on the news corpora in ../shared and ship them.

    python bench/train_vectors.py [--dims 100] [--vocab 80000] [--epochs 5]

Word2vec (CBOW, gensim; a `dev` extra, never needed at run time) over every article of
../shared/corpora (BBC, Reuters-21578, AllSides: 58,822 articles), tokenised exactly as the
comparison tokenises. The `--vocab` most frequent words are kept, unit-normalised and stored
as float16 in resources/word_vectors.npz (`words`: one string, newline-separated; `vectors`),
which numpy loads without pickle, with `common`: the first principal component of the
idf-weighted sentence means of a sample of the corpus, which the comparison removes from every
sentence mean (Arora et al. 2017). `--common-only` recomputes just that for shipped vectors.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from bench._common import SHARED
from reader.compare.features import STOPWORDS, normalize, tokenize
from reader.compare.sentences import split_sentences
from reader.resources import resource_path

OUT = "word_vectors.npz"


def articles() -> Iterator[str]:
    corpora = SHARED / "corpora"
    for path in sorted((corpora / "bbc").rglob("*.txt")):
        yield path.read_text(encoding="latin-1")
    for name in ("reuters21578.jsonl.gz", "allsides2020.jsonl.gz"):
        with gzip.open(corpora / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                yield f"{obj.get('title') or ''}\n\n{obj.get('body') or ''}"


def sentences() -> list[list[str]]:
    out = []
    for text in articles():
        for s, e in split_sentences(text):
            words = [normalize(t) for t in tokenize(text[s:e])]
            if len(words) >= 3:
                out.append(words)
    return out


def common_component(words: list[str], vectors: np.ndarray, sample: list[str]) -> np.ndarray:
    """The direction idf-weighted sentence means share most, over the sample sentences."""
    from reader.compare.features import english_idf

    idf = english_idf()
    index = {w: i for i, w in enumerate(words)}
    means = []
    for sentence in sample:
        known = [(index[w], idf(w)) for w in (normalize(t) for t in tokenize(sentence))
                 if w in index and w not in STOPWORDS and not w[:1].isdigit()]
        if known:
            v = np.asarray([x for _, x in known], dtype=np.float32) @ vectors[[r for r, _ in known]]
            means.append(v / (np.linalg.norm(v) or 1.0))
    _, _, vt = np.linalg.svd(np.asarray(means), full_matrices=False)
    return vt[0].astype(np.float32)


def sample_sentences(n: int = 20000) -> list[str]:
    """Every 100th sentence of the corpora, up to n."""
    out: list[str] = []
    k = 0
    for text in articles():
        for s, e in split_sentences(text):
            k += 1
            if k % 100 == 0:
                out.append(text[s:e])
                if len(out) >= n:
                    return out
    return out


def main() -> None:

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--vocab", type=int, default=80000)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--common-only", action="store_true",
                    help="keep the shipped vectors, recompute only their common component")
    args = ap.parse_args()
    path = Path(resource_path(".")) / OUT
    if args.common_only:
        with np.load(path, allow_pickle=False) as data:
            words = str(data["words"]).split("\n")
            stored = data["vectors"]
        common = common_component(words, stored.astype(np.float32), sample_sentences())
        np.savez_compressed(path, words=np.array("\n".join(words)), vectors=stored,
                            common=common)
        print(f"wrote the common component into {path}")
        return
    from gensim.models import Word2Vec

    t = time.perf_counter()
    corpus = sentences()
    print(f"{len(corpus):,} sentences, {sum(map(len, corpus)):,} tokens "
          f"({time.perf_counter() - t:.0f} s)")
    t = time.perf_counter()
    model = Word2Vec(corpus, vector_size=args.dims, window=5, min_count=5, sg=0,
                     epochs=args.epochs, workers=args.workers, seed=1)
    print(f"trained {len(model.wv.index_to_key):,} words in {time.perf_counter() - t:.0f} s")
    words = model.wv.index_to_key[: args.vocab]
    vectors = np.stack([model.wv[w] for w in words]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    stored = vectors.astype(np.float16)
    common = common_component(words, stored.astype(np.float32), sample_sentences())
    np.savez_compressed(path, words=np.array("\n".join(words)), vectors=stored, common=common)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, {len(words):,} words)")


if __name__ == "__main__":
    main()
