"""The fast segment writer writes what Whoosh's own SegmentWriter writes: every term, posting,
value, block statistic, length and stored field, so everything that reads the index is
unaffected by which one wrote it."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from whoosh import index
from whoosh.writing import SegmentWriter

from reader.index import IndexDoc, make_schema
from reader.models import PubDate
from reader.segment_writer import FastSegmentWriter

WORDS = [
    "harbour", "storm", "council", "budget", "election", "river", "school", "bridge",
    "market", "hospital", "the", "of", "and", "minister", "Zürich", "İstanbul", "naïve",
    "café", "U.S.", "3.5", "1,200", "don't", "e-mail", "straße", "ΑΘΗΝΑ", "東京", "running",
    "runs", "ran",
]


def _docs(count: int, seed: int = 7) -> list[IndexDoc]:
    rng = random.Random(seed)
    docs = []
    for i in range(count):
        length = rng.choice([0, 1, 5, 60, 400])
        body = " ".join(rng.choice(WORDS) for _ in range(length))
        if i % 17 == 0:  # a word that comes back many times, far in: multi-position values
            body += " harbour" * 300
        if i == 1:  # words past position 65,536, once and more than once
            body = "storm " * 70_000 + "zeppelin lighthouse zeppelin"
        docs.append(IndexDoc(
            i + 1,
            None if i % 5 == 0 else f"Title {rng.choice(WORDS)} {i}",
            None if i % 7 == 0 else f"Outlet {i % 4}",
            PubDate.parse(f"2020-01-{1 + i % 28:02d}") if i % 3 else None,
            body,
            [f"Entity {i % 6}", "Other, Inc"] if i % 2 else [],
            "en" if i % 4 else None,
        ))
    return docs


def _write(folder: Path, writer_class, batches: list[list[IndexDoc]]) -> index.Index:
    folder.mkdir()
    ix = index.create_in(folder, make_schema())
    for batch in batches:
        writer = writer_class(ix)
        for doc in batch:
            writer.add_document(**doc.fields())
        writer.commit(merge=False)
    return ix


def _everything(ix: index.Index) -> dict:
    """All a reader can see of an index, per term: postings with values, term statistics."""
    out: dict = {"terms": {}, "lengths": {}, "stored": []}
    with ix.reader() as reader:
        for fieldname, text in reader.all_terms():
            info = reader.term_info(fieldname, text)
            stats = (info.doc_frequency(), info.weight(), info.min_length(), info.max_length(),
                     info.max_weight(), info.min_id(), info.max_id())
            if fieldname.startswith("spell_"):
                out["terms"][(fieldname, text)] = info.doc_frequency()  # all "did you mean" reads
                continue
            postings = list(reader.postings(fieldname, text).items_as("weight"))
            values = list(reader.postings(fieldname, text).all_items())
            out["terms"][(fieldname, text)] = (stats, postings, values)
        for fieldname in ("title", "body", "body_words", "outlet"):
            out["lengths"][fieldname] = (
                [reader.doc_field_length(d, fieldname) for d in range(reader.doc_count_all())],
                reader.field_length(fieldname),
            )
        out["stored"] = [reader.stored_fields(d) for d in range(reader.doc_count_all())]
        for column in ("id", "date", "outlet_name"):
            out[column] = list(reader.column_reader(column, translate=False))
    return out


def test_a_segment_is_what_whoosh_writes(tmp_path: Path) -> None:
    docs = _docs(120)
    whoosh = _everything(_write(tmp_path / "whoosh", SegmentWriter, [docs]))
    fast = _everything(_write(tmp_path / "fast", FastSegmentWriter, [docs]))
    assert fast.keys() == whoosh.keys()
    assert fast["terms"].keys() == whoosh["terms"].keys()
    for key, expected in whoosh["terms"].items():
        assert fast["terms"][key] == expected, key
    for part in ("lengths", "stored", "id", "date", "outlet_name"):
        assert fast[part] == whoosh[part], part
    assert len(fast["terms"]) > 200


def test_merged_segments_are_what_whoosh_merges(tmp_path: Path) -> None:
    """Segments joined by a merge (with a deleted article) hold what Whoosh's merge gives."""
    docs = _docs(90, seed=3)
    batches = [docs[:30], docs[30:60], docs[60:]]
    results = []
    for name, writer_class in (("whoosh", SegmentWriter), ("fast", FastSegmentWriter)):
        ix = _write(tmp_path / name, writer_class, batches)
        writer = writer_class(ix)
        writer.delete_by_term("id", 31)
        writer.commit(optimize=True)
        assert len(ix._segments()) == 1
        results.append(_everything(ix))
    whoosh, fast = results
    assert fast["terms"] == whoosh["terms"]
    for part in ("lengths", "stored", "id"):
        assert fast[part] == whoosh[part], part


def test_a_text_indexed_into_two_fields_once_or_apart(tmp_path: Path) -> None:
    """`body_words` normally takes `body`'s postings without analysing the text again; given
    a text of its own, it is analysed as usual."""
    docs = _docs(40, seed=5)
    rows = [doc.fields() for doc in docs]
    for i, row in enumerate(rows):
        if i % 3 == 0:
            row["body_words"] = "a different text entirely, harbour river"
    expected = {}
    for name, writer_class in (("whoosh", SegmentWriter), ("fast", FastSegmentWriter)):
        (tmp_path / name).mkdir()
        ix = index.create_in(tmp_path / name, make_schema())
        writer = writer_class(ix)
        for row in rows:
            writer.add_document(**row)
        writer.commit()
        expected[name] = _everything(ix)
    assert expected["fast"]["terms"] == expected["whoosh"]["terms"]
    assert expected["fast"]["lengths"] == expected["whoosh"]["lengths"]


def test_boosts_are_refused_rather_than_written_wrong(tmp_path: Path) -> None:
    ix = index.create_in(tmp_path, make_schema())
    writer = FastSegmentWriter(ix)
    with pytest.raises(ValueError, match="boost"):
        writer.add_document(id=1, body="harbour", _boost=2.0)
    writer.cancel()


def test_an_empty_writer_commits_nothing(tmp_path: Path) -> None:
    ix = index.create_in(tmp_path, make_schema())
    FastSegmentWriter(ix).commit()
    assert ix.doc_count_all() == 0
    writer = FastSegmentWriter(ix)
    writer.add_document(id=1, body="", date=dt.datetime(2020, 1, 1))
    writer.commit()
    assert ix.doc_count_all() == 1
