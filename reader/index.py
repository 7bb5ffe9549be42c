"""The Whoosh full-text index: schema, writing, and the kept-open searcher.

The index is derived from the article store and can always be rebuilt from it. Beside it,
`reader-index.json` records its schema version, the library it belongs to, and a keyed hash of
every file (see `reader.trust`): an index whose files do not match, one Reader did not write,
or one of another schema is never opened, only rebuilt. A rebuild is written aside and swapped
in, so an interrupted rebuild leaves the old index (or none, never an empty one that looks
complete). Nobody else opens the index.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import logging
import multiprocessing
import os
import queue
import re
import shutil
import threading
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh import fields, formats, index, query
from whoosh.analysis import StandardAnalyzer
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.searching import Searcher

from reader import ranking, spelling, user_fields, whoosh_patches
from reader.analyzer import NewsAnalyzer
from reader.body_words import BODY_WORDS, RememberingPositions, WordCounts
from reader.docsets import matching_array, search_within, term_docs
from reader.errors import QueryTooBroad
from reader.language import language_name, release_model
from reader.models import PubDate
from reader.querylang import ParsedQuery, QueryLanguage
from reader.segment_writer import FastSegmentWriter, register_fast_format
from reader.time_limit import time_limit
from reader.trust import file_mac, text_mac, user_key

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)
whoosh_patches.apply()

# Asked for every match (the window's result list), rank this many; the rest come newest first.
RANKED_DEPTH = 500

# Bump whenever the schema or the analysis changes: an index of another version is rebuilt.
SCHEMA_VERSION = 4  # 4: body_words (the body's words without positions)
_VERSION_FILE = "reader-index.json"
_LOCK_FILE = "MAIN_WRITELOCK"  # Whoosh's own, empty
_TOC_NAME = re.compile(r"_MAIN_\d+\.toc$")
# The multi-process writer (imports): documents per job file.
MP_BATCH = 200
# Articles a writer gathers into one segment at most: its memory follows this (about 10 KB an
# article of 900 words while gathering, 25 KB for a moment while the segment is written).
SEGMENT_DOCS = 7000

# Reader's formats of `body` and `body_words` write what their Whoosh bases write.
register_fast_format(RememberingPositions)
register_fast_format(WordCounts)


_NO_DATE = 2**64 - 1  # what a numeric date column holds for a document without one


class IndexDamaged(Exception):
    """The index cannot be trusted or read: rebuild it from the store (not a user error)."""


def make_schema() -> fields.Schema:
    stem = NewsAnalyzer()
    return fields.Schema(
        id=fields.NUMERIC(int, bits=64, stored=True, unique=True, sortable=True),
        title=fields.TEXT(analyzer=stem, field_boost=2.5),
        body=_with_format(fields.TEXT(analyzer=stem, spelling=True),
                          RememberingPositions()),
        # The body's words without positions, read to count and rank (see reader.body_words).
        body_words=_with_format(fields.TEXT(analyzer=stem, phrase=False), WordCounts()),
        # `outlet:` queries match words of the name; `outlet_name` keeps it whole for facets.
        outlet=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None)),
        outlet_name=fields.ID(sortable=True),
        date=fields.DATETIME(sortable=True),
        # Filled by entity analysis (a later stage): canonical entity names, lower case.
        entity=fields.KEYWORD(lowercase=True, commas=True, scorable=False),
        # The article's language as code and English name: `lang:de` and `lang:german` match.
        lang=fields.KEYWORD(lowercase=True, scorable=False),
    )


def _with_format(field: fields.FieldType, fmt: formats.Format) -> fields.FieldType:
    field.format = fmt
    return field


@dataclass
class IndexDoc:
    """What the index needs of one article."""

    id: int
    title: str | None
    outlet: str | None
    published: PubDate | None
    body: str
    entities: list[str] = field(default_factory=list)
    lang: str | None = None

    def fields(self) -> dict:
        # outlet_name is always written, "" for none: a segment in which no document had the
        # field would otherwise get no column, and facet counting would read past its end.
        doc: dict = {
            "id": self.id,
            "title": self.title or "",
            "body": self.body,
            BODY_WORDS: self.body,
            "outlet_name": self.outlet or "",
        }
        if self.outlet:
            doc["outlet"] = self.outlet
        if self.published:
            first = self.published.first_day()
            doc["date"] = _dt.datetime(first.year, first.month, first.day)
        if self.entities:
            doc["entity"] = ",".join(e.replace(",", " ") for e in self.entities)
        if self.lang:
            doc["lang"] = f"{self.lang} {language_name(self.lang).replace(' ', '')}"
        return doc


@dataclass
class IndexHits:
    """Article ids in result order, with scores, the total and outlet facet counts."""

    ids: list[int]
    scores: list[float]
    total: int
    outlet_counts: Counter[str]
    terms: set[str]  # analysed index terms the query matched (for highlighting)
    matched: list[int] | None = None  # every match's article id, unordered (when asked for)


class SearchIndex:
    """One library's Whoosh index. Thread-safe: searches and writes may come from any thread."""

    # Seconds a search may take before it is refused as too broad (QueryTooBroad): with the
    # rest of an answer (rows, snippets, "did you mean") every query is answered or refused
    # within 2 s on a 56,000-article library (bench/query_fuzz.py).
    time_limit = 1.2

    def __init__(self, folder: Path, key: bytes | None = None) -> None:
        self.folder = Path(folder)
        self.schema = make_schema()
        self.language = QueryLanguage(self.schema)
        self._key = key if key is not None else user_key()
        # Searches take `_lock` only to use the searcher; a long commit holds `_write_lock`, so
        # a search typed during an import never waits for the index writer.
        self._lock = threading.RLock()
        self._write_lock = threading.RLock()
        self._ix: index.Index | None = None
        self._searcher: Searcher | None = None
        self._outlets_by_doc: tuple[Searcher, _Outlets] | None = None
        self._dates_by_doc: tuple[Searcher, list[int]] | None = None
        self._library_id: str | None = None
        self._trusted = False
        self._vocabulary = spelling.Vocabulary()

    # -- lifecycle ---------------------------------------------------------------------------

    def check(self, library_id: str) -> str | None:
        """None when the index is this library's, of this schema, and every file is as this
        user's Reader wrote it; else why it must be rebuilt. Reads no pickle."""
        self._library_id = library_id
        self._trusted = False
        manifest = _read_manifest(self.folder, self._key)
        if manifest is None:
            return "missing, damaged, or not written by this user's Reader"
        if manifest.get("schema") != SCHEMA_VERSION:
            return "of another version"
        if manifest.get("library") != library_id:
            return "of another library"
        files = manifest.get("files", {})
        try:
            present = {n for n in os.listdir(self.folder) if (self.folder / n).is_file()}
            for name in present - set(files) - {_VERSION_FILE, _LOCK_FILE}:
                # Whoosh reads the newest table of contents it finds, and the segment files
                # that one names; files a killed writer left are never read.
                if _TOC_NAME.match(name):
                    return f"it holds a table of contents Reader did not write ({name})"
            for name, entry in files.items():
                path = self.folder / name
                st = path.stat()
                if st.st_size != entry[0]:
                    return f"{name} is missing, damaged or was changed"
                if _unchanged_since_signed(st, entry):
                    continue
                if file_mac(path, self._key) != entry[1]:
                    return f"{name} is damaged or was changed"
        except (OSError, TypeError, ValueError, IndexError) as exc:
            return f"unreadable ({exc})"
        self._trusted = True
        return None

    def needs_rebuild(self, library_id: str) -> bool:
        """True when the index is missing, damaged, foreign, of another schema or library."""
        return self.check(library_id) is not None

    def create(self, library_id: str) -> None:
        """Replace the index with an empty one (it is derived data)."""
        self.rebuild(library_id, ())

    def rebuild(
        self,
        library_id: str,
        docs: Iterable[IndexDoc],
        progress: Callable[[int], None] | None = None,
        procs: int = 1,
    ) -> int:
        """Write a new index of `docs` beside the old one, then swap it in; returns its size.

        Killed at any moment, this leaves the old index (or, for an instant, none: the next
        start rebuilds) and never an empty or half-written index that looks complete.
        """
        with self._write_lock:
            aside = self.folder.with_name(self.folder.name + ".new")
            old = self.folder.with_name(self.folder.name + ".old")
            for leftover in (aside, old):
                _remove(leftover)
            aside.mkdir(parents=True)
            try:
                new_ix = index.create_in(aside, self.schema)
                count = _write_docs(new_ix, docs, (), bulk=True, progress=progress,
                                    procs=procs)
                new_ix.close()
                _write_manifest(aside, self._key, library_id)
            except BaseException:
                _remove(aside)
                raise
            with self._lock:
                self.close()
                if self.folder.is_dir() and not self.folder.is_symlink():
                    self.folder.rename(old)
                else:  # a file or a link where the index should be: not ours to follow
                    _remove(self.folder)
                aside.rename(self.folder)
                _remove(old)
                self._library_id = library_id
                self._trusted = True
            return count

    def _index(self) -> index.Index:
        if self._ix is None:
            if not self._trusted:
                reason = self.check(self._library_id or "")
                if reason is not None:
                    raise IndexDamaged(reason)
            try:
                self._ix = index.open_dir(self.folder, schema=self.schema)
            except Exception as exc:  # whatever stops Whoosh reading it: rebuild
                raise IndexDamaged(f"cannot be opened ({exc})") from exc
        return self._ix

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            if self._ix is not None:
                self._ix.close()
                self._ix = None

    def reload(self) -> None:
        """Close, to see what another process wrote: reopened (and verified) on next use."""
        with self._lock:
            self.close()
            self._trusted = False

    # -- writing -----------------------------------------------------------------------------

    def write(
        self,
        docs: Iterable[IndexDoc],
        deletes: Iterable[int] = (),
        *,
        bulk: bool = False,
        progress: Callable[[int], None] | None = None,
        procs: int = 1,
    ) -> int:
        """Add or replace documents and delete others in one commit; returns docs written.

        `bulk` is for writing into an empty index: no per-document delete of an old version.
        One call makes one new segment (one per process with `procs` > 1, see `_write_docs`);
        `_tiered_merge` keeps the number of segments small.
        """
        with self._write_lock:
            with self._lock:
                ix = self._index()
            count = _write_docs(ix, docs, deletes, bulk=bulk, progress=progress, procs=procs)
            self._sign()
            self._refresh()
            return count

    def optimize(self) -> None:
        """Merge every segment into one (slow on a large library; searches are fastest after)."""
        with self._write_lock:
            with self._lock:
                ix = self._index()
            FastSegmentWriter(ix, timeout=60.0, delay=0.25).commit(optimize=True)
            self._sign()
            self._refresh()

    def write_in_pool(
        self,
        pool: Executor,
        source: Callable[[list[int]], Iterable[IndexDoc]],
        ids: list[int],
        deletes: Iterable[int] = (),
        *,
        workers: int = 2,
    ) -> int:
        """Write the articles `ids` as new segments made by `pool`'s worker processes, each
        reading its share through `source` (a picklable callable: ids to IndexDocs), then
        commit them with `deletes` and the removal of older versions of `ids`, at once.

        The import hands its cleaning workers this work between their cleaning: no process
        is started for it, and each worker holds one segment of at most SEGMENT_DOCS
        articles. Returns how many articles were written.
        """
        with self._write_lock:
            with self._lock:
                ix = self._index()
                newest = self._newest_indexed_id()
            parent = FastSegmentWriter(ix, timeout=60.0, delay=0.25)
            futures: list[Future] = []
            try:
                futures = [pool.submit(_segment_job, str(self.folder), source, chunk)
                           for chunk in _shares(ids, SEGMENT_DOCS, workers)]
                # Meanwhile: deletions, and the versions replaced (an article written before
                # has an id no newer than the newest in the index; an import's are newer).
                for article_id in deletes:
                    parent.delete_by_term("id", article_id)
                for article_id in ids:
                    if article_id <= newest:
                        parent.delete_by_term("id", article_id)
                results = [future.result() for future in futures]
            except BaseException:
                for future in futures:
                    future.cancel()
                parent.cancel()
                raise
            final = parent._merge_segments(_tiered_merge, False, True)
            parent.commit_with(final + [seg for seg, _count in results if seg is not None])
            self._sign()
            self._refresh()
            return sum(count for _segment, count in results)

    def _newest_indexed_id(self) -> int:
        """The largest article id in the index (0 when empty)."""
        searcher = self.searcher()
        if searcher.doc_count_all() == 0:
            return 0
        return max(searcher.reader().column_reader("id"), default=0)

    def _sign(self) -> None:
        _write_manifest(self.folder, self._key, self._library_id or "")

    def segment_count(self) -> int:
        with self._lock:
            return len(self._index()._segments())

    def _refresh(self) -> None:
        with self._lock:
            if self._searcher is None:
                return
            if self._searcher.doc_count_all() == 0:
                # Whoosh cannot refresh a searcher of an empty index (its reader has no
                # segments to reuse): open a new one instead.
                self._searcher.close()
                self._searcher = self._index().searcher()
            else:
                self._searcher = self._searcher.refresh()

    # -- searching ---------------------------------------------------------------------------

    def searcher(self) -> Searcher:
        """The kept-open searcher, refreshed after writes (never reopened per query)."""
        with self._lock:
            if self._searcher is None:
                self._searcher = self._index().searcher()
            return self._searcher

    def doc_count(self) -> int:
        return self.searcher().doc_count()

    def search(
        self,
        parsed: ParsedQuery,
        *,
        limit: int | None = 20,
        outlets: Iterable[str] = (),
        since: PubDate | None = None,
        until: PubDate | None = None,
        sort: str = "relevance",
        matched: bool = False,
    ) -> IndexHits:
        """Run a parsed query with optional outlet and date filters.

        Facet counts are taken over the query and the date filter but not the outlet filter,
        so the user sees how many hits each other outlet would give. With `matched`, the ids of
        every match within all the filters come back too (for the tag facet), unranked.
        """
        with self._lock:
            searcher = self.searcher()
            if searcher.doc_count_all() == 0:  # an empty index has no columns to read
                return IndexHits([], [], 0, Counter(), set())
            try:
                # Checked as it goes (docsets, collectors), and enforced at a little more.
                with time_limit(self.time_limit + 0.2):
                    return self._search(
                        searcher, parsed, limit, outlets, since, until, sort, matched
                    )
            except QueryTooBroad:
                self._drop_searcher()  # it was stopped in the middle of anything
                raise

    def _drop_searcher(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def _search(
        self,
        searcher: Searcher,
        parsed: ParsedQuery,
        limit: int | None,
        outlets: Iterable[str],
        since: PubDate | None,
        until: PubDate | None,
        sort: str,
        want_matched: bool = False,
    ) -> IndexHits:
        date_filter = _date_range(since, until)
        outlet_filter = (
            query.Or([query.Term("outlet_name", name) for name in outlets]) if outlets else None
        )
        combined = [f for f in (date_filter, outlet_filter) if f is not None]
        flt = query.And(combined) if len(combined) > 1 else (combined[0] if combined else None)
        deadline = time.monotonic() + self.time_limit
        q = _expand_prefixes(parsed.query, searcher)
        # Every match first (for totals and facets): ranking then finds the posting blocks
        # already decoded (see whoosh_patches._BlockCache).
        import numpy as np  # not at module level: the window starts without numpy

        found = matching_array(searcher, q, deadline)  # sorted docnums
        if date_filter is not None:
            dated = matching_array(searcher, date_filter, deadline)
            found = np.intersect1d(found, dated, assume_unique=True)
        outlet_of = self._outlet_column(searcher)
        candidates = outlet_of.within_array(found, outlets)  # matches within the outlet filter
        if sort == "date":
            hits = self._by_date(searcher, q, found, candidates, limit, outlet_of)
        else:
            hits = self._by_relevance(searcher, q, flt, deadline, found, candidates, limit,
                                      outlets, outlet_of)
        if want_matched:  # every match within the outlet filter, for the tag facet
            ids_col = searcher.reader().column_reader("id")
            hits.matched = [ids_col[d] for d in candidates.tolist()]
        return hits

    def _by_relevance(self, searcher: Searcher, q: query.Query, flt: query.Query | None,
                      deadline: float, found: np.ndarray, candidate_array: np.ndarray,
                      limit: int | None, outlets: Iterable[str],
                      outlet_of: _Outlets) -> IndexHits:
        """Best first. Asked for every match, rank only the first RANKED_DEPTH (Whoosh's top-k
        skips what cannot make it; ranking all 16,000 matches of "election" costs 70 ms); the
        rest follow newest first."""
        depth = limit if limit is not None else RANKED_DEPTH
        candidates = candidate_array.tolist()
        # tag:, collection:, is:, note: only narrow what the words find: rank the words among
        # the matches (nothing to rank when there are no words: newest first, as browsing).
        rank_q = user_fields.words_to_rank(q)
        ranked: list[int] = []
        scores: list[float] = []
        if rank_q is None:
            if limit is not None:
                dates = self._date_column(searcher)
                ranked = sorted(candidates, key=lambda d: (dates[d], d), reverse=True)[:limit]
                scores = [0.0] * len(ranked)
        else:
            top = ranking.top_docs(searcher, rank_q, candidate_array, depth)
            if top is not None:
                ranked, scores = top
            else:
                rank_filter: query.Query | set[int] | None = (
                    flt if rank_q is q else set(candidates)
                )
                results = search_within(
                    searcher, rank_q, deadline, limit=depth, filter=rank_filter, terms=False
                )
                ranked = [hit.docnum for hit in results]
                scores = [float(hit.score or 0.0) for hit in results]
        if limit is None and len(ranked) < len(found):
            seen = set(ranked)
            rest = [d for d in candidates if d not in seen]
            dates = self._date_column(searcher)
            rest.sort(key=lambda d: (dates[d], d), reverse=True)
            ranked += rest
            scores += [0.0] * len(rest)
        ids_col = searcher.reader().column_reader("id")
        counts = outlet_of.count_array(found)
        total = sum(counts[o] for o in set(outlets)) if outlets else len(found)
        return IndexHits([ids_col[d] for d in ranked], scores, total, counts,
                         _matched_terms(q, searcher))

    def _by_date(self, searcher: Searcher, q: query.Query, found: np.ndarray,
                 candidates: np.ndarray, limit: int | None, outlet_of: _Outlets) -> IndexHits:
        """Newest first, and articles without a date after all dated ones (Whoosh's own date
        sort put them first: a missing value sorted as the largest)."""
        dates = self._date_column(searcher)
        docs = candidates.tolist()
        docs.sort(key=lambda d: (dates[d] != 0, dates[d], d), reverse=True)
        ranked = docs if limit is None else docs[:limit]
        ids_col = searcher.reader().column_reader("id")
        return IndexHits([ids_col[d] for d in ranked], [0.0] * len(ranked), len(docs),
                         outlet_of.count_array(found), _matched_terms(q, searcher))

    def df(self, term: str) -> int:
        """In how many articles a word occurs; for a phrase, its rarest word's count (an upper
        bound that is cheap enough to ask for every candidate framing term)."""
        with self._lock:
            reader = self.searcher().reader()
            analyzer = self.schema["body"].analyzer
            counts = [reader.doc_frequency("body", tok.text) for tok in analyzer(term)]
            return min(counts) if counts else 0

    def more_like(
        self, text: str, *, exclude_id: int | None = None, exclude_outlet: str | None = None,
        limit: int = 10, numterms: int = 25,
    ) -> list[tuple[int, float]]:
        """Articles most like `text` (Whoosh more-like-this over key terms of the body).

        Leaves out one article (the one compared) and, optionally, one outlet's articles, so the
        suggestions show the other side of a story.
        """
        with self._lock:
            searcher = self.searcher()
            if searcher.doc_count_all() == 0:
                return []
            terms = searcher.key_terms_from_text("body", text, numterms=numterms)
            if not terms:
                return []
            q = query.Or([query.Term("body", word, boost=weight) for word, weight in terms])
            masks = []
            if exclude_id is not None:
                masks.append(query.Term("id", exclude_id))
            if exclude_outlet:
                masks.append(query.Term("outlet_name", exclude_outlet))
            mask = query.Or(masks) if masks else None
            results = searcher.search(q, limit=limit, mask=mask, terms=False)
            ids_col = searcher.reader().column_reader("id")
            return [(ids_col[hit.docnum], float(hit.score or 0.0)) for hit in results]

    def _outlet_column(self, searcher: Searcher) -> _Outlets:
        """Every document's outlet by docnum, read once per searcher (facets count from it)."""
        cached = self._outlets_by_doc
        if cached is None or cached[0] is not searcher:
            cached = (searcher, _Outlets.of(searcher))
            self._outlets_by_doc = cached
        return cached[1]

    def _date_column(self, searcher: Searcher) -> list[int]:
        """Every document's publication date as a sortable number (0: unknown), by docnum."""
        cached = self._dates_by_doc
        if cached is None or cached[0] is not searcher:
            # Leaf by leaf: a segment in which no article had a date has no date column, and
            # the combined reader would then be shorter than the documents (an IndexError).
            dates: list[int] = []
            for leaf, _offset in searcher.reader().leaf_readers():
                if leaf.has_column("date"):
                    # An article without a date holds the column's default, the largest
                    # number there is: read as 0, or it sorts as the newest of all.
                    dates.extend(v if v and v < _NO_DATE else 0
                                 for v in leaf.column_reader("date", translate=False))
                else:
                    dates.extend([0] * leaf.doc_count_all())
            cached = (searcher, dates)
            self._dates_by_doc = cached
        return cached[1]

    # Seconds "did you mean" may spend; words past it go without a suggestion.
    suggest_time_limit = 0.4

    def suggest(self, words: list[str], names: Mapping[str, str] | None = None) -> dict[str, str]:
        """Spelling corrections for words that are not in the library at all, in the case they
        were typed (see `reader.spelling`). `names`: lower-case word -> written form of the
        names the library knows, preferred for a capitalised word."""
        deadline = time.monotonic() + self.suggest_time_limit
        with self._lock:
            searcher = self.searcher()
            if searcher.doc_count_all() == 0:
                return {}
            fixes = {}
            for word in words:
                if time.monotonic() > deadline:
                    break
                lowered = word.lower()
                if any(searcher.reader().doc_frequency(f, t) for f, t in _analysed(self, lowered)):
                    continue
                found = spelling.closest(word, searcher, self._vocabulary, names or {})
                if found:
                    fixes[word] = found
            return fixes


class _Outlets:
    """Each document's outlet as a small number (4 bytes an article), and the outlets' names.

    Read from the posting lists of `outlet_name` (a few hundred outlets, a block at a time),
    not from its stored column, which Whoosh reads one document at a time (1.4 s at 58,822
    articles)."""

    def __init__(self, names: list[str], codes: array) -> None:
        self.names = names  # names[0] is "" (no outlet)
        self.codes = codes

    @classmethod
    def of(cls, searcher: Searcher) -> _Outlets:
        names = [""]
        codes = array("I", bytes(4 * searcher.doc_count_all()))
        for term in searcher.reader().lexicon("outlet_name"):
            name = term.decode("utf-8") if isinstance(term, bytes) else str(term)
            if not name:
                continue
            code = len(names)
            names.append(name)
            for docnum in term_docs(searcher, "outlet_name", term):
                codes[docnum] = code
        return cls(names, codes)

    def codes_of(self, outlets: Iterable[str]) -> set[int]:
        wanted = set(outlets)
        return {code for code, name in enumerate(self.names) if name in wanted}

    def within_array(self, docnums: np.ndarray, outlets: Iterable[str]) -> np.ndarray:
        """These documents (in their order), only those of `outlets` when any are named."""
        import numpy as np

        outlets = list(outlets)
        if not outlets:
            return docnums
        wanted = np.fromiter(self.codes_of(outlets), dtype=np.uint32)
        return docnums[np.isin(self._code_array()[docnums], wanted)]

    def count_array(self, docnums: np.ndarray) -> Counter[str]:
        """How many of these documents each outlet has (documents of no outlet left out), in
        the order outlets first appear, so ties among the facets keep their order."""
        import numpy as np

        codes = self._code_array()[docnums]
        present, first, counts = np.unique(codes, return_index=True, return_counts=True)
        out: Counter[str] = Counter()
        for i in np.argsort(first, kind="stable").tolist():
            code = int(present[i])
            if code:
                out[self.names[code]] = int(counts[i])
        return out

    def _code_array(self) -> np.ndarray:
        import numpy as np

        if getattr(self, "_array", None) is None:
            self._array = np.frombuffer(self.codes, dtype=np.uint32)
        return self._array


def _write_docs(
    ix: index.Index,
    docs: Iterable[IndexDoc],
    deletes: Iterable[int],
    *,
    bulk: bool,
    progress: Callable[[int], None] | None,
    procs: int = 1,
) -> int:
    """Write `docs`, in one commit per SEGMENT_DOCS articles (per process): what a writer
    gathers in memory is bounded by that, not by the number of articles.

    With `procs` > 1, that many spawned processes each write a segment of their own (fed
    through files of MP_BATCH articles, at most 4 per process waiting), while this process
    merges older segments meanwhile; `_tiered_merge` joins small segments later."""
    items = iter(docs)
    count = 0
    pending_deletes = list(deletes)
    while True:
        limit = SEGMENT_DOCS * max(1, procs)
        written = _write_segment(ix, items, pending_deletes, limit, bulk=bulk,
                                 progress=progress, procs=procs, before=count)
        count += written
        pending_deletes = []
        if written < limit:
            return count


def _write_segment(ix: index.Index, items: Iterator[IndexDoc], deletes: list[int],
                   limit: int, *, bulk: bool, progress: Callable[[int], None] | None,
                   procs: int, before: int) -> int:
    """Write at most `limit` of `items` (and `deletes`) in one commit."""
    # Callers hold the library's inter-process writer lock, so Whoosh's own lock is free;
    # the timeout only covers a Reader older than that lock writing at the same moment.
    writer: FastSegmentWriter
    if procs > 1:
        writer = _SpawningMpWriter(
            ix, procs=procs, batchsize=MP_BATCH, multisegment=True, timeout=60.0, delay=0.25,
        )
    else:
        writer = FastSegmentWriter(ix, timeout=60.0, delay=0.25)
    count = 0
    try:
        for article_id in deletes:
            writer.delete_by_term("id", article_id)
        for doc in items:
            if bulk:
                writer.add_document(**doc.fields())
            else:
                writer.update_document(**doc.fields())
            count += 1
            if progress and (before + count) % 200 == 0:
                progress(before + count)
            if count >= limit:
                break
    except BaseException:
        _stop_subwriters(writer)
        writer.cancel()
        raise
    if not count and not deletes:
        writer.cancel()
        return 0
    try:
        writer.commit(mergetype=_tiered_merge)
    finally:
        _stop_subwriters(writer)
    if any(task.exitcode for task in getattr(writer, "tasks", ())):
        # Its segment is missing from what was committed: the caller keeps the articles
        # queued, and the next catch-up writes them again (update_document replaces).
        raise RuntimeError("an index writer process failed; its articles stay queued")
    return count


class _SpawnedSubWriter(SubWriterTask):
    """Whoosh's sub-writer process, started fresh rather than forked (a forked one carries
    the importing process's memory: its store cache, searcher, the open writer; each copy
    counted hundreds of megabytes), writing with Reader's FastSegmentWriter. Unpickling this
    class imports reader.index, which applies the same Whoosh patches."""

    @staticmethod
    def _Popen(process_obj):  # multiprocessing's name
        from multiprocessing.popen_spawn_posix import Popen

        return Popen(process_obj)

    def run(self) -> None:  # Whoosh's, with FastSegmentWriter and its one-segment result
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = FastSegmentWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            jobinfo = self.jobqueue.get()
            if jobinfo is None:
                break
            self._process_file(*jobinfo)
        if not self.running:
            writer.cancel()
            return
        fieldnames = set(writer._postings) | set(writer._spelled)
        segment = writer._finalize_segment() if writer._added else None
        self.resultqueue.put((None, fieldnames, segment), timeout=5)


class _SpawningMpWriter(MpWriter, FastSegmentWriter):
    """Whoosh's multi-process writer with spawned FastSegmentWriter processes; merges of
    older segments in this process go through FastSegmentWriter too."""

    def __init__(self, ix: index.Index, **kwargs) -> None:
        super().__init__(ix, **kwargs)  # MpWriter's, which skips FastSegmentWriter's
        self._init_gathering()
        spawn = multiprocessing.get_context("spawn")  # queues of the tasks' own kind
        self.jobqueue = spawn.Queue(self.procs * 4)
        self.resultqueue = spawn.Queue()

    def _new_task(self):
        task = _SpawnedSubWriter(
            self.storage, self.indexname, self.jobqueue, self.resultqueue, {},
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task

    def _commit(self, mergetype, optimize, merge) -> None:
        # Whoosh's, less the segments of writer processes that were given nothing to write.
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self.jobqueue.put(None)
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        for task in self.tasks:
            task.join()
        results = []
        for _task in self.tasks:
            with contextlib.suppress(queue.Empty):
                results.append(self.resultqueue.get(timeout=1))
        self.commit_with(finalsegments + [seg for _, _, seg in results if seg is not None])


def _shares(ids: list[int], most: int, workers: int) -> list[list[int]]:
    """`ids` cut into equal runs of about `most` at most (a fifth more rather than one more
    run), and into at least `workers` runs when there are enough for each to be worth a
    process (1,000)."""
    runs = max(-(-len(ids) * 5 // (most * 6)), min(workers, len(ids) // 1000), 1)
    size = -(-len(ids) // runs)
    return [ids[start:start + size] for start in range(0, len(ids), size)]


def _segment_job(folder: str, source: Callable[[list[int]], Iterable[IndexDoc]],
                 ids: list[int]) -> tuple[object | None, int]:
    """In a worker process: write the articles `ids` into one new segment of the index at
    `folder`, uncommitted (the caller commits it); returns it and how many it holds."""
    release_model()  # a cleaning worker's language model, until it cleans again
    ix = index.open_dir(folder, schema=make_schema())
    writer = FastSegmentWriter(ix, _lk=False)
    count = 0
    try:
        for doc in source(ids):
            writer.add_document(**doc.fields())
            count += 1
        if not count:
            writer.cancel()
            return None, 0
        segment = writer._finalize_segment()
    except BaseException:
        writer.cancel()
        raise
    # Not `_finish()`: the temporary folder is every writer's, and the committing one
    # removes it.
    return segment, count


def _stop_subwriters(writer: object) -> None:
    """End the processes of a multi-process writer that are still running. Whoosh's own
    cancel only flags its copy of each task, leaving the processes waiting for work."""
    for task in getattr(writer, "tasks", ()):
        if task.pid is None:  # never started
            continue
        if task.is_alive():
            task.terminate()
        task.join()


def _read_manifest(folder: Path, key: bytes) -> dict | None:
    """The signed record of the index, or None when it is missing or its signature is wrong."""
    try:
        info = json.loads((folder / _VERSION_FILE).read_text("utf-8"))
        body, mac = info["body"], info["mac"]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not isinstance(body, str) or not isinstance(mac, str) or text_mac(body, key) != mac:
        return None
    try:
        manifest = json.loads(body)
    except ValueError:
        return None
    return manifest if isinstance(manifest, dict) else None


def _write_manifest(folder: Path, key: bytes, library_id: str) -> None:
    """Record and sign every index file. A file already recorded with the same size and
    modification time keeps its hash (Whoosh never rewrites a segment in place)."""
    old = _read_manifest(folder, key) or {}
    old_files = old.get("files", {}) if old.get("library") == library_id else {}
    files = {}
    for name in sorted(os.listdir(folder)):
        path = folder / name
        if name in (_VERSION_FILE, _LOCK_FILE) or name.endswith(".tmp") or path.is_dir():
            continue
        st = path.stat()
        known = old_files.get(name)
        if known and known[0] == st.st_size and _unchanged_since_signed(st, known):
            files[name] = known
        else:
            mac = file_mac(path, key)
            files[name] = [st.st_size, mac, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]
    body = json.dumps({"schema": SCHEMA_VERSION, "library": library_id, "files": files})
    tmp = folder / (_VERSION_FILE + ".tmp")
    tmp.write_text(json.dumps({"body": body, "mac": text_mac(body, key)}), "utf-8")
    os.replace(tmp, folder / _VERSION_FILE)


def _unchanged_since_signed(st: os.stat_result, entry: list) -> bool:
    """True when a file is the very one that was hashed: same inode, same modification and
    change times. Any write or copy sets the change time (ctime), which, unlike the
    modification time, a user cannot set back; so an unchanged file need not be read again
    (hashing a 300 MB index on every open would cost a second)."""
    return len(entry) >= 5 and entry[2:5] == [st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


def _remove(path: Path) -> None:
    """Remove a file, a link (not what it points to) or a folder, if there."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    elif path.exists():  # a pipe or socket
        path.unlink()


def _tiered_merge(writer, segments):
    """Merge the small segments when there are several, and any segment mostly deleted.

    Whoosh's MERGE_SMALL merges by a Fibonacci rule that, after many commits, rewrites the
    whole index at once (minutes at 60,000 articles); this keeps each merge proportional to
    what was recently written: a segment under 1/8 of the largest counts as small.
    """
    from whoosh.reading import SegmentReader

    if not segments:
        return segments
    largest = max(seg.doc_count_all() for seg in segments)
    small = [seg for seg in segments if seg.doc_count_all() * 8 < largest]
    merge = small if len(small) >= 4 else []
    merge += [
        seg for seg in segments
        if seg not in merge and seg.deleted_count() * 3 > seg.doc_count_all()
    ]
    for seg in merge:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg not in merge]


def _analysed(ix: SearchIndex, word: str) -> list[tuple[str, str]]:
    analyzer = ix.schema["body"].analyzer
    return [("body", tok.text) for tok in analyzer(word)]


def _date_range(since: PubDate | None, until: PubDate | None) -> query.Query | None:
    if since is None and until is None:
        return None
    start = None
    end = None
    if since is not None:
        d = since.first_day()
        start = _dt.datetime(d.year, d.month, d.day)
    if until is not None:
        last = until.last_day()
        end = _dt.datetime(last.year, last.month, last.day, 23, 59, 59)
    return query.DateRange("date", start, end)


def _expand_prefixes(q: query.Query, searcher: Searcher) -> query.Query:
    """`negotiat*` means words that start so, but the index holds stems ("negoti").

    The unstemmed words of the spelling field say which words the prefix stands for; their
    stems are what to look up.
    """
    reader = searcher.reader()
    analyzer = searcher.schema["body"].analyzer

    def expand(node: query.Query) -> query.Query:
        if not isinstance(node, query.Prefix) or node.fieldname not in ("title", "body"):
            return node
        words = []
        for word in reader.expand_prefix("spell_body", node.text):
            words.append(word.decode("utf-8") if isinstance(word, bytes) else word)
            if len(words) >= 500:
                break
        stems = {tok.text for w in words for tok in analyzer(w)}
        return query.Or([node, *(query.Term(node.fieldname, s) for s in sorted(stems))])

    return q.accept(expand)


def _matched_terms(q: query.Query, searcher: Searcher) -> set[str]:
    """Index terms (stems) in title/body that the query looks for, to highlight.

    Walks the query itself: Whoosh's `existing_terms` reuses its field-name argument as a loop
    variable and loses body terms after a title term. Words under NOT are not highlighted;
    prefix and fuzzy words are expanded to the terms the index holds.
    """
    reader = searcher.reader()
    terms: set[str] = set()

    def walk(node: query.Query) -> None:
        if isinstance(node, query.Not):
            return
        if isinstance(node, query.AndNot):
            walk(node.a)
            return
        if isinstance(node, query.Phrase):
            if node.fieldname in ("title", "body"):
                terms.update(str(w) for w in node.words)
            return
        if isinstance(node, query.MultiTerm):  # prefix, wildcard, fuzzy: the words they reach
            if node.fieldname in ("title", "body"):
                for n, word in enumerate(node._btexts(reader)):
                    terms.add(word.decode("utf-8") if isinstance(word, bytes) else word)
                    if n >= 300:
                        break
            return
        if isinstance(node, query.Term):
            if node.fieldname in ("title", "body"):
                terms.add(str(node.text))
            return
        for child in node.children():
            walk(child)

    walk(q)
    return terms
