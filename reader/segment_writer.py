"""Writing index segments at a fraction of Whoosh's cost, in Whoosh's own format.

Profiled on 3,000 articles of the AllSides corpus, Whoosh's SegmentWriter spends 14 ms an
article: each of its 1,100 postings goes through the analyser's token objects, a sorting pool
that pickles it to a run file and reads it back in a heap merge, and a per-posting call that
looks the document's field length up again. Here a segment's postings are gathered in flat
arrays as the articles come (for each posting its stem's number, document and count, and the
positions one after another), sorted by term with numpy when the segment is written, and
handed to Whoosh's own postings writer a whole block at a time, values encoded as Whoosh
encodes them: about 3 ms an article. What is written reads exactly as Whoosh's (a test
compares every term, posting, value, statistic, length and stored field, merges included), so
everything that reads the index is unchanged.

Memory follows the segment, not the library: about 10 KB an article of 900 words while it is
gathered and 25 KB for a moment while it is written; `reader.index` cuts large writes into
segments of `SEGMENT_DOCS` articles. `body_words` holds `body`'s words without positions: for
a document whose two fields are the same text, only the document's number is kept for it.

The text fields that use Reader's `NewsAnalyzer` take this path; every other field (ids,
dates, outlets, keywords) is analysed by Whoosh as before and gathered in arrays too.
"""

from __future__ import annotations

import pickle
from array import array
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

from whoosh import formats
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.system import pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from reader.analyzer import NewsAnalyzer

BLOCK = 128  # postings a block holds (Whoosh's W3Codec default, which the reader expects)
_FREQ_BYTES = [pack_uint(n) for n in range(256)]  # Frequency values of small counts, shared
_ONE_LIMIT = 1 << 16
_ONE: list[bytes] = []


def _single_positions() -> list[bytes]:
    """Positions values of a word found once, by its position (most postings are such)."""
    if not _ONE:
        count = pack_uint(1)
        _ONE.extend(count + pickle.dumps([pos], 2) for pos in range(_ONE_LIMIT))
    return _ONE


_Words = tuple[dict[str, list[int]], list[str], int]  # stems' positions, words, word count
_Columns = tuple  # sorted term ranks, documents, counts, and positions: starts and all or None


class _FieldPostings:
    """A field's postings in the order they came (the fields Whoosh analyses): for each, its
    term's number, document, weight and encoded value (all values in one buffer; where each
    ends when their size varies). No object per term: most terms of a segment occur once,
    and an object with arrays of its own cost half a kilobyte each."""

    __slots__ = ("docs", "ends", "term_ids", "terms", "values", "weights")

    def __init__(self, variable: bool) -> None:
        self.terms: dict[bytes, int] = {}  # term -> its number
        self.term_ids = array("I")
        self.docs = array("I")
        self.weights = array("f")
        self.values = bytearray()
        self.ends: array | None = array("I") if variable else None

    def add(self, btext: bytes, docnum: int, weight: float, vbytes: bytes | None) -> None:
        terms = self.terms
        number = terms.get(btext)
        if number is None:
            number = terms[btext] = len(terms)
        self.term_ids.append(number)
        self.docs.append(docnum)
        self.weights.append(weight)
        if vbytes:
            self.values += vbytes
        if self.ends is not None:
            self.ends.append(len(self.values))


class _WordPostings:
    """A fast field's postings in the order they came: the stem's number (shared by every
    fast field), document and count, and the positions one after another when the field
    keeps them. Values are encoded only as the segment is written: 12 bytes a posting and 4 a
    position, where Whoosh's encoded positions take about 20."""

    __slots__ = ("docs", "freqs", "positions", "term_ids")

    def __init__(self, with_positions: bool) -> None:
        self.term_ids = array("I")
        self.docs = array("I")
        self.freqs = array("I")
        self.positions: array | None = array("I") if with_positions else None


class FastSegmentWriter(SegmentWriter):
    """Whoosh's SegmentWriter with postings gathered in memory instead of its pool.

    Adding, updating, deleting, merging other segments in (`add_reader`) and committing work
    as in Whoosh; only the way postings reach the segment's files differs. Document and field
    boosts (which Reader never sets) are refused.
    """

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        self._init_gathering()

    def _init_gathering(self) -> None:
        self._postings: dict[str, _FieldPostings] = {}
        self._words_of: dict[str, _WordPostings] = {}
        self._stems: dict[str, int] = {}  # every fast field's stems -> their numbers
        # A count-only field given the very text a positions field just indexed for the same
        # document (`body_words` after `body`) keeps only that document's number: its
        # postings are the other field's, without positions.
        self._mirrors: dict[str, tuple[str, array]] = {}
        self._last_positions: tuple[NewsAnalyzer, str, int, str] | None = None
        self._spelled: dict[str, Counter[str]] = {}
        # Per scorable field, each added document's length as Whoosh stores it (one byte).
        self._length_bytes: dict[str, bytearray] = {}
        self._fast = {
            name for name, field in self.schema.items()
            if isinstance(getattr(field, "analyzer", None), NewsAnalyzer)
            and type(field.format) in _FAST_FORMATS
            and not field.vector
        }
        self._last: tuple[NewsAnalyzer, str, _Words] | None = None

    # -- adding documents --------------------------------------------------------------------

    def add_document(self, **fields) -> None:
        """As Whoosh's add_document (same stored fields, columns and lengths)."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    if self._field_boost(fields, fieldname, docboost) != 1.0:
                        raise ValueError("FastSegmentWriter does not take boosts")
                    if fieldname in self._fast and isinstance(value, str):
                        length = self._add_fast(fieldname, field, value, docnum)
                    else:
                        length = self._add_analysed(fieldname, field, value, docnum)
                if field.separate_spelling():
                    spelled = self._spelled.setdefault(field.spelling_fieldname(fieldname),
                                                       Counter())
                    spelled.update(self._spellable(field, value))
                if field.vector:
                    vitems = sorted(
                        (text, weight, vbytes)
                        for text, _, weight, vbytes in field.vector.word_values(
                            value, field.analyzer, mode="index")
                    )
                    perdocwriter.add_vector_items(fieldname, field, vitems)
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None,
                                       length)
                if field.scorable:
                    self._note_length(fieldname, docnum, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column,
                                                  field.to_column_value(customval))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _words(self, analyzer: NewsAnalyzer, text: str) -> _Words:
        """Each stem's positions, the unstemmed words and the number of words of `text` (the
        last text's are reused: `body`, its spelling words and `body_words` share one)."""
        last = self._last
        if last is None or last[1] is not text or last[0] != analyzer:
            positions, spelled = analyzer.word_positions(text)
            total = sum(map(len, positions.values()))
            last = self._last = (analyzer, text, (positions, spelled, total))
        return last[2]

    def _add_fast(self, fieldname: str, field, value: str, docnum: int) -> int:
        positions, _, total = self._words(field.analyzer, value)
        with_positions = isinstance(field.format, formats.Positions)
        if with_positions:
            self._last_positions = (field.analyzer, value, docnum, fieldname)
        elif self._mirrored(fieldname, field, value, docnum):
            return total
        postings = self._words_of.get(fieldname)
        if postings is None:
            postings = self._words_of[fieldname] = _WordPostings(with_positions)
        stems, term_ids, docs, freqs = self._stems, postings.term_ids, postings.docs, postings.freqs
        if with_positions:
            flat = postings.positions
            assert flat is not None
            for stem, poslist in positions.items():
                number = stems.get(stem)
                if number is None:
                    number = stems[stem] = len(stems)
                term_ids.append(number)
                docs.append(docnum)
                freqs.append(len(poslist))
                flat.extend(poslist)
        else:
            for stem, poslist in positions.items():
                number = stems.get(stem)
                if number is None:
                    number = stems[stem] = len(stems)
                term_ids.append(number)
                docs.append(docnum)
                freqs.append(len(poslist))
        return total

    def _mirrored(self, fieldname: str, field, value: str, docnum: int) -> bool:
        """Note this document as the same as the positions field's just indexed, if it is."""
        last = self._last_positions
        if last is None or last[1] is not value or last[2] != docnum or last[0] != field.analyzer:
            return False
        mirror = self._mirrors.get(fieldname)
        if mirror is None:
            mirror = self._mirrors[fieldname] = (last[3], array("I"))
        elif mirror[0] != last[3]:
            return False
        mirror[1].append(docnum)
        return True

    def _add_analysed(self, fieldname: str, field, value, docnum: int) -> int:
        """Whoosh's own analysis, for the fields without the fast path."""
        postings = self._field_postings(fieldname, field)
        length = 0
        for btext, freq, weight, vbytes in field.index(value):
            if field.scorable:
                length += freq
            postings.add(btext, docnum, weight, vbytes)
        return length

    def _field_postings(self, fieldname: str, field) -> _FieldPostings:
        postings = self._postings.get(fieldname)
        if postings is None:
            variable = field.format.fixed_value_size() is None
            postings = self._postings[fieldname] = _FieldPostings(variable)
        return postings

    def _spellable(self, field, value) -> Iterable[str]:
        if isinstance(field.analyzer, NewsAnalyzer) and isinstance(value, str):
            return self._words(field.analyzer, value)[1]
        return field.spellable_words(value)

    def _note_length(self, fieldname: str, docnum: int, length: int) -> None:
        column = self._length_bytes.setdefault(fieldname, bytearray())
        index = docnum - self.docbase
        if len(column) < index:
            column.extend(bytes(index - len(column)))
        column.append(length_to_byte(length) if length else 0)

    # -- merging other segments in ------------------------------------------------------------

    def add_postings_to_pool(self, reader, startdoc, docmap) -> None:
        """A merged segment's postings join the gathered ones (Whoosh: its pool)."""
        schema = self.schema
        spelling = {name for name, field in schema.items()
                    if type(field).__name__ == "SpellField"}
        for fieldname, btext, docnum, weight, vbytes in self._process_posts(
            reader.iter_postings(), startdoc, docmap
        ):
            if fieldname in spelling:
                # Whoosh counts a spelling word once per document it was in: what
                # "did you mean" reads is that count (all such postings say document 0).
                spelled = self._spelled.setdefault(fieldname, Counter())
                spelled[btext.decode("utf-8")] += 1
                continue
            field = schema[fieldname]
            if fieldname not in self._fast:
                self._field_postings(fieldname, field).add(btext, docnum, weight, vbytes)
                continue
            with_positions = isinstance(field.format, formats.Positions)
            postings = self._words_of.get(fieldname)
            if postings is None:
                postings = self._words_of[fieldname] = _WordPostings(with_positions)
            stem = btext.decode("utf-8")
            number = self._stems.get(stem)
            if number is None:
                number = self._stems[stem] = len(self._stems)
            postings.term_ids.append(number)
            postings.docs.append(docnum)
            if with_positions:
                where = field.format.decode_positions(vbytes)
                postings.freqs.append(len(where))
                postings.positions.extend(where)  # type: ignore[union-attr]
            else:
                postings.freqs.append(field.format.decode_frequency(vbytes))

    def write_per_doc(self, fieldnames, reader):
        """Whoosh's copy of a merged segment's documents, noting their lengths too."""
        start = self.docnum
        docmap = super().write_per_doc(fieldnames, reader)
        scorable = [name for name in fieldnames
                    if name in self.schema and self.schema[name].scorable]
        if reader.has_deletions():
            pairs = sorted(docmap.items()) if docmap else []
        else:
            pairs = [(old, start + old) for old in range(reader.doc_count_all())]
        for name in scorable:
            for old, new in pairs:
                length = reader.doc_field_length(old, name, 0) or 0
                self._note_length(name, new, length)
        return docmap

    # -- writing the segment ------------------------------------------------------------------

    def commit_with(self, segments: list) -> None:
        """Commit: `segments` (the ones kept, merged or written elsewhere), with this writer's
        own segment after them when it has one. What Whoosh's commit does after merging."""
        if self._added:
            segments = [*segments, self._finalize_segment()]
        else:
            self._close_segment()
        self._commit_toc(segments)
        self._finish()

    def _flush_segment(self) -> None:
        import numpy as np  # not at module level: the window starts without numpy

        self.perdocwriter.close()
        writer = self.fieldwriter
        names = set(self._postings) | set(self._words_of) | set(self._mirrors) | set(
            self._spelled)
        stems_in_order: list[str] = []
        rank = None
        if self._stems:
            # Whoosh orders terms by their UTF-8 bytes, which is the order of the code points.
            texts = list(self._stems)
            by_text = sorted(range(len(texts)), key=texts.__getitem__)
            stems_in_order = [texts[i] for i in by_text]
            del texts
            rank = np.empty(len(by_text), dtype=np.int32)
            rank[by_text] = np.arange(len(by_text), dtype=np.int32)
            del by_text
        for fieldname in sorted(names):
            field = self.schema[fieldname]
            lengths = self._length_bytes.get(fieldname)
            if fieldname in self._spelled:
                writer.start_field(fieldname, field)
                _write_spelling(writer, self._spelled.pop(fieldname))
            elif fieldname in self._postings:
                postings = self._postings.pop(fieldname)
                if not postings.terms:
                    continue
                writer.start_field(fieldname, field)
                _write_field(writer, postings, lengths, self.docbase)
            else:
                columns = self._word_columns(fieldname, rank) if rank is not None else None
                if columns is None or not len(columns[0]):
                    continue  # a field whose texts had no words: none, as with Whoosh
                writer.start_field(fieldname, field)
                _write_words(writer, field, columns, stems_in_order, lengths, self.docbase)
                del columns
            writer.finish_field()
        writer.close()
        self._postings.clear()
        self._words_of.clear()
        self._mirrors.clear()
        self._spelled.clear()
        self._stems.clear()

    def _word_columns(self, fieldname: str, rank) -> _Columns:
        """A fast field's postings sorted by term and document: term ranks, documents, counts,
        and where each posting's positions start (None without positions) in `flat`."""
        import numpy as np

        parts = []
        own = self._words_of.get(fieldname)
        if own is not None:
            parts.append((np.frombuffer(own.term_ids, np.uint32),
                          np.frombuffer(own.docs, np.uint32),
                          np.frombuffer(own.freqs, np.uint32)))
        flat = None
        mirror = self._mirrors.get(fieldname)
        if mirror is not None:
            source = self._words_of[mirror[0]]
            docs = np.frombuffer(source.docs, np.uint32)
            wanted = np.zeros(int(docs.max()) + 1 if len(docs) else 0, dtype=bool)
            mirrored = np.frombuffer(mirror[1], np.uint32)
            wanted[mirrored[mirrored < len(wanted)]] = True
            take = wanted[docs]
            parts.append((np.frombuffer(source.term_ids, np.uint32)[take], docs[take],
                          np.frombuffer(source.freqs, np.uint32)[take]))
        elif own is not None and own.positions is not None:
            flat = own.positions
        term_ids = parts[0][0] if len(parts) == 1 else np.concatenate([p[0] for p in parts])
        docs = parts[0][1] if len(parts) == 1 else np.concatenate([p[1] for p in parts])
        freqs = parts[0][2] if len(parts) == 1 else np.concatenate([p[2] for p in parts])
        keys = rank[term_ids]
        del term_ids, parts
        # Added in document order, a stable sort by term is enough; a mirror's are mixed.
        order = (np.argsort(keys, kind="stable") if mirror is None
                 else np.lexsort((docs, keys)))
        starts = None
        if flat is not None:  # where each posting's positions start in `flat`
            starts = (np.cumsum(freqs, dtype=np.int64) - freqs)[order]
        return keys[order], docs[order], freqs[order], starts, flat


def _write_field(writer, postings: _FieldPostings, lengths: bytearray | None,
                 docbase: int) -> None:
    """Write one field's terms in order, each term's postings in document order, a block of
    at most BLOCK postings at a time through Whoosh's postings writer."""
    import numpy as np  # not at module level: the window starts without numpy

    terms = postings.terms
    if not terms:
        return
    # Whoosh orders terms by their UTF-8 bytes, which is the order of their code points.
    texts = list(terms)  # in order of their numbers
    by_text = sorted(range(len(texts)), key=texts.__getitem__)
    rank = np.empty(len(texts), dtype=np.int64)
    rank[by_text] = np.arange(len(texts))
    keys = rank[np.frombuffer(postings.term_ids, dtype=np.uint32)]
    order = np.argsort(keys, kind="stable")  # by term, and by document within one
    counts = np.bincount(keys, minlength=len(texts)).tolist()  # by rank
    docs_np = np.frombuffer(postings.docs, dtype=np.uint32)[order]
    weights_np = np.frombuffer(postings.weights, dtype=np.float32)[order]
    variable = postings.ends is not None
    columns: list[np.ndarray] = [docs_np, weights_np]
    if postings.ends is not None:
        ends_np = np.frombuffer(postings.ends, dtype=np.uint32)
        starts_np = np.concatenate(([0], ends_np[:-1])).astype(np.uint32)
        columns += [starts_np[order], ends_np[order]]
        buffer = bytes(postings.values)
        size = 0
    else:
        size = len(postings.values) // len(docs_np) if len(docs_np) else 0
        if size:
            values = np.frombuffer(postings.values, dtype=f"V{size}")[order].tobytes()
    if lengths is not None:
        # Each posting's document length byte (0: none), as Whoosh's writer looks it up.
        column = np.zeros(int(docs_np.max()) - docbase + 1 if len(docs_np) else 0, np.uint8)
        have = np.frombuffer(bytes(lengths), dtype=np.uint8)[: len(column)]
        column[: len(have)] = have
        columns.append(column[docs_np - docbase])
    del order, keys, rank
    _release(postings)
    postwriter = writer._postwriter
    # The columns are turned into lists a stretch at a time: lists of the whole field's
    # postings would take several times the arrays' memory.
    base = 0
    stretch: list[list] = [[] for _ in columns]
    at = 0
    for rank_of, number in enumerate(by_text):
        text = texts[number]
        writer.start_term(text.encode("utf-8") if isinstance(text, str) else text)
        stop_term = at + counts[rank_of]
        if stop_term > base + len(stretch[0]):
            base = at
            upto = max(stop_term, at + _STRETCH)
            stretch = [col[at:upto].tolist() for col in columns]
        docs, weights = stretch[0], stretch[1]
        for start in range(at - base, stop_term - base, BLOCK):
            stop = min(start + BLOCK, stop_term - base)
            if start != at - base:
                postwriter._write_block()
            postwriter._ids = docs[start:stop]
            block_weights = weights[start:stop]
            postwriter._weights = block_weights
            if variable:
                postwriter._values = [buffer[a:b] for a, b in zip(stretch[2][start:stop],
                                                                  stretch[3][start:stop],
                                                                  strict=True)]
            elif size:
                postwriter._values = [values[(base + start) * size:(base + stop) * size]]
            else:
                postwriter._values = []
            _block_stats(postwriter, block_weights,
                         None if lengths is None else stretch[-1][start:stop])
        writer.finish_term()
        at = stop_term


_STRETCH = 1 << 16  # postings turned into Python lists at once while writing


def _block_stats(postwriter, weights: list[float], length_bytes: list[int] | None) -> None:
    """A block's statistics as Whoosh's postings writer keeps them when given postings one at
    a time: the largest weight (0 at least), and the shortest and longest document length
    (lengths of 0 left out; None and 0 when there are none)."""
    top = max(weights)
    postwriter._maxweight = top if top > 0 else 0
    found = [b for b in length_bytes if b] if length_bytes is not None else []
    if found:
        postwriter._minlength = byte_to_length(min(found))
        postwriter._maxlength = byte_to_length(max(found))
    else:
        postwriter._minlength, postwriter._maxlength = None, 0


def _write_words(writer, field, columns: _Columns, stems: list[str],
                 lengths: bytearray | None, docbase: int) -> None:
    """Write a fast field's terms, as `_write_field` does, encoding each posting's value as
    Whoosh's format would have."""
    import numpy as np

    keys, docs_np, freqs_np, starts_np, flat_np = columns
    if not len(keys):
        return
    fmt = field.format
    boost = fmt.field_boost
    with_positions = starts_np is not None
    cuts = (np.flatnonzero(np.diff(keys)) + 1).tolist()
    bounds = [0, *cuts, len(keys)]
    term_ranks = keys[[0, *cuts]].tolist()
    columns_np: list[np.ndarray] = [docs_np, freqs_np]
    if with_positions:
        columns_np.append(starts_np)
        one = _single_positions()
    else:
        freq_bytes = freqs_np.astype(">u4").tobytes()  # Whoosh's pack_uint of each count
    if lengths is not None:
        column = np.zeros(int(docs_np.max()) - docbase + 1, np.uint8)
        have = np.frombuffer(bytes(lengths), dtype=np.uint8)[: len(column)]
        column[: len(have)] = have
        columns_np.append(column[docs_np - docbase])
    postwriter = writer._postwriter
    dumps = pickle.dumps
    base = 0
    stretch: list[list] = [[] for _ in columns_np]
    for index, rank_of in enumerate(term_ranks):
        at, stop_term = bounds[index], bounds[index + 1]
        writer.start_term(stems[rank_of].encode("utf-8"))
        if stop_term > base + len(stretch[0]):
            base = at
            upto = min(max(stop_term, at + _STRETCH), len(keys))
            stretch = [col[at:upto].tolist() for col in columns_np]
        docs, freqs = stretch[0], stretch[1]
        for start in range(at - base, stop_term - base, BLOCK):
            stop = min(start + BLOCK, stop_term - base)
            if start != at - base:
                postwriter._write_block()
            postwriter._ids = docs[start:stop]
            block_freqs = freqs[start:stop]
            block_weights = [f * boost for f in block_freqs]
            postwriter._weights = block_weights
            if with_positions:
                values = []
                for freq, first in zip(block_freqs, stretch[2][start:stop], strict=True):
                    if freq == 1:
                        pos = flat_np[first]
                        if pos < _ONE_LIMIT:
                            values.append(one[pos])
                            continue
                    where = flat_np[first:first + freq].tolist()
                    # Whoosh's Positions.encode: the count, then the deltas pickled.
                    deltas = [where[0]]
                    deltas += [b - a for a, b in pairwise(where)]
                    values.append(pack_uint(freq) + dumps(deltas, 2))
                postwriter._values = values
            else:
                postwriter._values = [freq_bytes[(base + start) * 4:(base + stop) * 4]]
            _block_stats(postwriter, block_weights,
                         None if lengths is None else stretch[-1][start:stop])
        writer.finish_term()


def _release(postings: _FieldPostings) -> None:
    """Give a field's gathered postings back once they are sorted for writing."""
    postings.terms = {}
    postings.term_ids = array("I")
    postings.docs = array("I")
    postings.weights = array("f")
    postings.values = bytearray()
    postings.ends = array("I") if postings.ends is not None else None


# Spelling words in this many documents or fewer (most of them) are written inside their term
# entry, as Whoosh's format allows, rather than as a block of the postings file.
_INLINE_SPELLING = 16


def _write_spelling(writer, counts: Counter[str]) -> None:
    """Each word as Whoosh writes it: one posting (document 0, weight 1) per document it was
    in; "did you mean" reads that count."""
    value = pack_uint(1)
    fieldid = pack_ushort(writer._fieldid)
    tindex = writer._tindex
    for word in sorted(counts):
        count = counts[word]
        btext = word.encode("utf-8")
        if count <= _INLINE_SPELLING:
            info = W3TermInfo(weight=float(count), df=count, minlength=None, maxlength=0,
                              maxweight=1, minid=0, maxid=0)
            info.set_inlined((0,) * count, (1.0,) * count, (value,) * count)
            tindex.add(fieldid + btext, info.to_bytes())
            continue
        writer.start_term(btext)
        postwriter = writer._postwriter
        done = 0
        while done < count:
            take = min(BLOCK, count - done)
            if done:
                postwriter._write_block()
            postwriter._ids = array("I", bytes(4 * take))
            postwriter._weights = array("f", [1.0]) * take
            postwriter._values = [value * take]
            postwriter._minlength = None
            postwriter._maxlength = 0
            postwriter._maxweight = 1  # as Whoosh has it (an int: its pickle differs)
            done += take
        writer.finish_term()


_FAST_FORMATS = {formats.Positions, formats.Frequency}


def register_fast_format(fmt: type) -> None:
    """Let a subclass of Positions or Frequency take the fast path (its values must be what
    its base class writes)."""
    _FAST_FORMATS.add(fmt)

