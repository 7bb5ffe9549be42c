"""The window and other processes: it follows imports made elsewhere, its helper processes end
with it (even when it is killed), SIGTERM closes it cleanly, and titles and file names are
never rendered as markup."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.gui.importing.summary import ImportSummaryDialog
from reader.gui.search.model import ResultsModel
from reader.importer import ImportReport

HOSTILE = "<img src=file:///etc/hostname> <b>bold</b> & more"


def test_the_window_shows_articles_imported_by_another_process(qtbot, window, tmp_path: Path):
    assert window.results.count.text() == "5 of 5 articles"
    corpus = tmp_path / "new.jsonl"
    corpus.write_text("\n".join(
        json.dumps({"title": f"Ferry {i}", "body": f"The ferry number {i} sailed again today."})
        for i in range(3)
    ) + "\n")
    folder = window.search.library.folder
    out = subprocess.run(
        [sys.executable, "-m", "reader.cli", "--library", str(folder), "import", str(corpus)],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    window.change_watch.poll()  # (its timer does this every two seconds)
    qtbot.waitUntil(lambda: window.results.count.text() == "8 of 8 articles",
                    timeout=5000)


def test_the_windows_own_analysis_does_not_relist_the_results(qtbot, window, monkeypatch):
    """The analysis child saves every few seconds; each save is a change by another process,
    but it changes no result: the list is refreshed once, when the analysis ends."""
    refreshes = []
    monkeypatch.setattr(window.search, "refresh", lambda **kw: refreshes.append(kw))
    analysis = window.use_analysis()
    monkeypatch.setattr(type(analysis), "running", property(lambda self: True))
    window._changed_elsewhere()
    assert refreshes == []
    monkeypatch.setattr(type(analysis), "running", property(lambda self: False))
    window._changed_elsewhere()  # an import by another process, say
    assert len(refreshes) == 1


def test_result_tooltips_show_titles_as_text(qtbot, window, search):
    library = window.search.library
    article = next(r for r in library.rows() if r.title)
    library.update_metadata(article.id, title=HOSTILE)
    search("treaty")
    tips = [
        window.model.index(row, ResultsModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
        for row in range(window.model.rowCount())
    ]
    [tip] = [t for t in tips if t and "img" in t]
    assert "<img" not in tip and "<b>" not in tip
    assert "&lt;img src=file:///etc/hostname&gt;" in tip


def test_import_summary_shows_file_names_as_text(qtbot):
    report = ImportReport(failed=[(f"/tmp/{HOSTILE}.txt", f"reason {HOSTILE}")])
    dialog = ImportSummaryDialog(report)
    qtbot.addWidget(dialog)
    item = dialog.failures.topLevelItem(0)
    assert "<img" not in item.toolTip(0) and "<img" not in item.toolTip(1)
    assert dialog.reason.textFormat() == Qt.TextFormat.PlainText
    assert HOSTILE in dialog.reason.text()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (dead, not yet reaped by its new parent) counts as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return True


_PARENT = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from reader import analysis

def worker_pid():
    return os.getpid()

if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(2, mp_context=ctx, initializer=analysis._init_worker,
                               initargs=(os.getpid(),))
    pids = {pool.submit(worker_pid).result() for _ in range(8)}
    print(" ".join(map(str, sorted(pids))), flush=True)
    time.sleep(60)
"""


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_analysis_workers_end_when_their_parent_is_killed(tmp_path: Path, how: int):
    script = tmp_path / "parent.py"
    script.write_text(_PARENT)
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in parent.stdout.readline().split()]
        assert workers and all(_alive(p) for p in workers)
        parent.send_signal(how)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 5
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(p) for p in workers)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        parent.stdout.close()


def test_sigterm_closes_the_window_like_the_user(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from reader.gui.lifecycle import install_quit_signals

    old = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)
    app = QApplication.instance()
    quits = []
    app.aboutToQuit.connect(lambda: quits.append(True))
    try:
        install_quit_signals(app, window)
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    finally:
        signal.signal(signal.SIGTERM, old[0])
        signal.signal(signal.SIGHUP, old[1])


def test_the_window_searches_on_when_its_index_is_damaged(qtbot, window, search):
    folder = window.search.library.folder
    for seg in (folder / "index").glob("*.seg"):
        seg.write_bytes(b"\0" * seg.stat().st_size)
    window.search.library.reload_index()  # as after another process's import
    search("treaty")
    assert window.model.rowCount() == 5
    window.search.library.index.time_limit = 0.0
    try:
        search(" peace")
        assert "too long to answer" in window.results.error.text()
    finally:
        window.search.library.index.time_limit = 1.2
