"""What the window reads from the store while another process writes it (background analysis
saving batches): counts without listing every article, and no write lock to show an article."""

from __future__ import annotations

import sqlite3
import threading

from reader.library import Library


def test_pending_analysis_is_counted_like_the_list(seeded_library: Library) -> None:
    assert seeded_library.pending_analysis() == len(seeded_library.unanalysed()) > 0


def test_showing_highlights_waits_for_no_writer(seeded_library: Library) -> None:
    article_id = seeded_library.rows()[0].id
    writer = sqlite3.connect(seeded_library.folder / Library.STORE_FILE, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process is saving a batch
    found: list[object] = []
    reading = threading.Thread(target=lambda: found.append(seeded_library.highlights(article_id)),
                               daemon=True)
    try:
        reading.start()
        reading.join(timeout=5)
        assert found == [[]], "reading an article's highlights waited for the writer"
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        reading.join()
