"""File > Open library…: Reader reopens on the chosen folder and remembers it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QMessageBox

from reader.gui import library_switch


def _started(monkeypatch) -> list[list[str]]:
    calls: list[list[str]] = []

    def fake_start(program: str, arguments: list[str]) -> tuple[bool, int]:
        calls.append([program, *arguments])
        return True, 4242

    monkeypatch.setattr(QProcess, "startDetached", staticmethod(fake_start))
    return calls


def test_the_file_menu_offers_open_library(window) -> None:
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Open library…" in titles


def test_opening_an_empty_folder_starts_reader_there(window, tmp_path: Path, monkeypatch):
    calls = _started(monkeypatch)
    target = tmp_path / "new-library"
    target.mkdir()
    assert library_switch.switch_library(window, target)
    assert calls and calls[0][-2:] == ["--library", str(target.resolve())]
    assert window.settings.last_library == target.resolve()
    assert not window.isVisible()


def test_a_folder_of_other_files_needs_a_yes(window, tmp_path: Path, monkeypatch) -> None:
    calls = _started(monkeypatch)
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert not library_switch.switch_library(window, folder)
    assert not calls and window.isVisible()


def test_the_open_library_is_not_reopened(window, monkeypatch) -> None:
    calls = _started(monkeypatch)
    assert not library_switch.switch_library(window, Path(window.library.folder))
    assert not calls and "already open" in window.statusBar().currentMessage()
