"""The dialog at the end of an import: how many were imported, skipped as duplicates, failed,
and for each failure the file and the reason, in words the user can act on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.gui.plain_text import plain_label, tooltip
from reader.importer import ImportReport


class ImportSummaryDialog(QDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("Import finished" if not report.cancelled else "Import cancelled")
        self.headline = QLabel(self, objectName="summaryHeadline")
        self.headline.setText(_headline(report))
        self.detail = plain_label(QLabel(self, wordWrap=True))
        self.failures = QTreeWidget(self)
        web = any(label.startswith(("http://", "https://")) for label, _ in report.failed)
        self.failures.setHeaderLabels(["File or address" if web else "File",
                                       "Why it was not imported"])
        self.failures.setRootIsDecorated(False)
        self.failures.setAlternatingRowColors(True)
        self.failures.setWordWrap(True)
        self.failures.setUniformRowHeights(False)
        self.failures.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.failures.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for label, reason in report.failed:
            item = QTreeWidgetItem([label, reason])
            item.setToolTip(0, tooltip(label))
            item.setToolTip(1, tooltip(reason))
            self.failures.addTopLevelItem(item)
        header.resizeSection(0, 220)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton("Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._copy)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addWidget(self.failures, 1)
        # Reasons can be longer than the column: the chosen one is shown whole, wrapped.
        self.reason = plain_label(QLabel(self, wordWrap=True))
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.reason)
        self.failures.currentItemChanged.connect(
            lambda item, _old: self.reason.setText(
                f"{item.text(0)}: {item.text(1)}" if item is not None else "")
        )
        first = self.failures.topLevelItem(0)
        if report.failed and first is not None:
            self.failures.setCurrentItem(first)
        layout.addWidget(buttons)
        noted = (
            f" {len(report.warnings):,} read with a warning (a date left out, mixed "
            "encodings): Copy details lists them."
            if report.warnings else ""
        )
        if report.failed:
            self.detail.setText(
                "These files were not imported. Fix or convert them and import them again; "
                "everything else is in the library." + noted
            )
            rows = min(len(report.failed), 8)
            self.resize(720, 230 + rows * 2 * self.fontMetrics().lineSpacing())
        else:
            self.detail.setText(("Every file was read." if report.imported or report.duplicates
                                 else "No article files were found.") + noted)
            self.failures.hide()
            self.reason.hide()
            self.copy_button.hide()
            self.resize(420, 120)

    def details_text(self) -> str:
        lines = [_headline(self.report)]
        lines += [f"{label}\t{reason}" for label, reason in self.report.failed]
        lines += [f"{label}\twarning: {message}" for label, message in self.report.warnings]
        return "\n".join(lines)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())


def _headline(report: ImportReport) -> str:
    dups = len(report.duplicates)
    parts = [f"{len(report.imported):,} imported",
             f"{dups:,} {'duplicate' if dups == 1 else 'duplicates'} skipped",
             f"{len(report.failed):,} failed"]
    return " · ".join(parts) + ("  (cancelled)" if report.cancelled else "")
