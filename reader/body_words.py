"""The body's words counted without their positions: the field that counting and ranking read.

A posting block of `body` holds each document's word positions (for phrases), and unpickling
them is four fifths of decoding the block (measured on the 58,331-article library: 92 µs a
block, 21 µs without the positions; zlib's share shrinks alike). A query typed for the first
time decodes every block of its words, so `body_words` holds the same words, counts and
lengths without positions; `reader.postings` reads it for `body` terms, and phrases still read
`body`.

Whoosh indexes a document's fields in name order, so `body` is analysed first; its format
remembers the counts of the last text it indexed, and `body_words` takes them instead of
analysing the same text again.
"""

from __future__ import annotations

import threading

from whoosh import formats
from whoosh.system import pack_uint

BODY_WORDS = "body_words"

_last = threading.local()  # text: the last body indexed in this thread; counts: its words


class RememberingPositions(formats.Positions):
    """`body`'s format: Whoosh's positions, remembering the last text's word counts."""

    def word_values(self, value, analyzer, **kwargs):
        found = list(super().word_values(value, analyzer, **kwargs))
        _last.text = value
        _last.counts = [(word, freq, weight) for word, freq, weight, _ in found]
        return iter(found)


class WordCounts(formats.Frequency):
    """`body_words`'s format: Whoosh's frequencies, from `body`'s analysis when it was the same
    text (it always is, but any other text is analysed as usual)."""

    def word_values(self, value, analyzer, **kwargs):
        text = getattr(_last, "text", None)
        if text is None or not (text is value or text == value):
            return super().word_values(value, analyzer, **kwargs)
        counts = _last.counts
        _last.text = _last.counts = None
        return ((word, freq, weight, pack_uint(freq)) for word, freq, weight in counts)
