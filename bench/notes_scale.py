"""Notes panel speed: 10,000 highlights over a library of 58,822 articles, listed and filtered.

Builds a throwaway synthetic library (58,822 small articles, as many as the three corpora
hold; 10,000 highlights over 2,500 of them, two in five with a note, and 1,000 article notes),
then times what the Notes panel does: open (read every entry through `Library.note_entries`
and load the list model and its view) and filter (each word typed in the filter box).
Baseline in the same run: the plain SQL query reading the same rows. Also times
`articles_with_note`, what a `note:` search costs. Target (issue 16): open and filter ≤ 200 ms.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/notes_scale.py
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench._common import median
from reader.library import Library
from reader.models import CleanedArticle, PubDate
from reader.notes import COLOURS, articles_with_note

ARTICLES = 58_822
HIGHLIGHTS = 10_000
NOTED_ARTICLES = 2_500
ARTICLE_NOTES = 1_000
RUNS = 5
WORDS = ("treaty", "council", "minister", "harbour", "bridge", "election", "embassy", "talks",
         "sanctions", "court", "ferry", "islands", "budget", "strike", "parliament", "protest",
         "vote", "market", "energy", "border")
OUTLETS = ("RT", "Morning Star", "BBC", "Reuters", "NHK", "MENAFN")


def build(folder: Path) -> Library:
    rng = random.Random(16)
    library = Library(folder, check_index=False)  # the notes never read the search index
    store = library.store
    with store.transaction():
        for i in range(ARTICLES):
            body = " ".join(rng.choice(WORDS) for _ in range(120)) + f" article{i}."
            cleaned = CleanedArticle(
                title=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {i}",
                body=body, outlet=rng.choice(OUTLETS),
                published=PubDate(2020 + i % 6, 1 + i % 12, 1 + i % 28), author=None,
                removed=[])
            store.add(body, cleaned, lang="en")
    noted = rng.sample(range(1, ARTICLES + 1), NOTED_ARTICLES)
    bodies = store.bodies(noted)
    rows = []
    for n in range(HIGHLIGHTS):
        article_id = noted[n % NOTED_ARTICLES]
        body = bodies[article_id]
        start = rng.randrange(0, len(body) - 60)
        end = start + rng.randrange(10, 60)
        note = " ".join(rng.choice(WORDS) for _ in range(6)) if n % 5 < 2 else ""
        rows.append((article_id, start, end, body[start:end], body[max(0, start - 32):start],
                     body[end:end + 32], COLOURS[n % len(COLOURS)], note))
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO highlights(article_id, start, end, quote, before, after, colour, note,"
            " created, modified) VALUES (?,?,?,?,?,?,?,?, '2026-12-05', '2026-12-05')", rows)
        db.executemany(
            "INSERT INTO article_notes(article_id, note, created, modified)"
            " VALUES (?, ?, '2026-12-05', '2026-12-05')",
            [(a, "follow up: " + " ".join(rng.choice(WORDS) for _ in range(8)))
             for a in noted[:ARTICLE_NOTES]])
    return library


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from reader.gui.notes.model import NotesFilter, NotesModel
    from reader.gui.notes.panel import NotesPanel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: figures "
          "grow with it; compare them with the baseline of the same run")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        library = build(Path(tmp) / "library")
        print(f"synthetic library: {library.count():,} articles, {HIGHLIGHTS:,} highlights, "
              f"{ARTICLE_NOTES:,} article notes (built in {time.perf_counter() - started:.0f} s)")
        db = library.store._db
        sql = ("SELECT a.id, a.title, a.outlet, a.published, h.id, h.start, h.end, h.quote,"
               " h.colour, h.note, h.anchored FROM highlights h JOIN articles a"
               " ON a.id = h.article_id ORDER BY a.published DESC, a.id DESC, h.start")
        baseline = [timed(lambda: db.execute(sql).fetchall()) for _ in range(RUNS)]

        model, proxy = NotesModel(), NotesFilter()
        panel = NotesPanel(model, proxy)
        panel.resize(420, 700)
        panel.show()

        def open_panel() -> None:
            model.set_entries(library.note_entries())
            panel.show_counts()
            app.processEvents()  # the view lays out and paints its first rows

        reads = [timed(library.note_entries) for _ in range(RUNS)]
        opens = [timed(open_panel) for _ in range(RUNS)]
        entries = library.note_entries()
        on_gui = [timed(lambda: (model.set_entries(entries), panel.show_counts(),
                                 app.processEvents())) for _ in range(RUNS)]
        filters: dict[str, tuple[float, int]] = {}
        for text in ("t", "tr", "treaty", "treaty em", "treaty embassy", "follow up", "zzz", ""):
            ms = timed(lambda text=text: (panel.filter.setText(text), app.processEvents()))
            filters[text] = (ms, proxy.rowCount())
        searches = [timed(lambda: articles_with_note(library, "embassy treaty"))
                    for _ in range(RUNS)]
        print(f"baseline: plain SQL of the same {HIGHLIGHTS:,} rows   "
              f"median {median(baseline):6.1f} ms")
        print(f"Library.note_entries (all entries)       median {median(reads):6.1f} ms")
        print(f"Notes panel opens (read + model + paint) median {median(opens):6.1f} ms, "
              f"max {max(opens):.1f} ms  (target 200 ms)")
        print(f"  of which on the GUI thread (model + paint; the read runs on the panel's "
              f"worker) median {median(on_gui):6.1f} ms")
        for text, (ms, shown) in filters.items():
            print(f"  filter {text!r:<18} {ms:6.1f} ms  {shown:>6,} rows shown")
        worst = max(ms for ms, _ in filters.values())
        print(f"Notes panel filters (each keystroke)     max    {worst:6.1f} ms  (target 200 ms)")
        print(f"articles_with_note('embassy treaty')     median {median(searches):6.1f} ms "
              "(the note: search field)")
        panel.close()
        library.close()


if __name__ == "__main__":
    main()
