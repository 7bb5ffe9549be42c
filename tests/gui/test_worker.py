"""The window's one background helper: results, errors and progress come back on the GUI
thread, and a newer task supersedes an older one."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from reader.gui.worker import Worker


def test_the_result_arrives_on_the_gui_thread(qtbot) -> None:
    worker = Worker("test")
    seen: list[tuple[object, bool]] = []
    ran_on: list[bool] = []

    def work() -> int:
        ran_on.append(QThread.currentThread() is worker.thread())
        return 42

    worker.run(work, lambda value: seen.append((value, QThread.currentThread()
                                                is worker.thread())))
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen == [(42, True)]
    assert ran_on == [False]  # the work itself ran elsewhere


def test_an_error_goes_to_on_failed_and_is_logged(qtbot, caplog) -> None:
    worker = Worker("test")
    failures: list[Exception] = []

    def work() -> None:
        raise ValueError("broken")

    worker.run(work, lambda _v: failures.append(AssertionError("not a success")),
               failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=3000)
    assert isinstance(failures[0], ValueError) and str(failures[0]) == "broken"
    assert "test: the background task failed" in caplog.text


def test_a_newer_task_supersedes_the_older(qtbot) -> None:
    worker = Worker("test")
    release = threading.Event()
    results: list[str] = []
    worker.run(lambda: release.wait(3) and "first", results.append)
    worker.run(lambda: "queued", results.append)  # superseded before it starts
    worker.run(lambda: "newest", results.append)
    release.set()
    worker.wait()
    qtbot.waitUntil(lambda: bool(results), timeout=3000)
    qtbot.wait(50)
    assert results == ["newest"]


def test_forget_drops_what_is_in_flight(qtbot) -> None:
    worker = Worker("test")
    results: list[int] = []
    worker.run(lambda: 1, results.append)
    worker.forget()
    worker.wait()
    qtbot.wait(50)
    assert results == []


def test_progress_is_reported_on_the_gui_thread(qtbot) -> None:
    worker = Worker("test")
    steps: list[tuple[int, int]] = []
    done: list[str] = []

    def work(progress) -> str:
        for i in range(1, 4):
            progress(i, 3)
        return "done"

    worker.run(work, done.append, on_progress=lambda d, t: steps.append((d, t)))
    qtbot.waitUntil(lambda: bool(done), timeout=3000)
    assert steps == [(1, 3), (2, 3), (3, 3)]
