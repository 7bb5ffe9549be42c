"""The window's settings, declared once with types and defaults, kept in QSettings.

Window geometry and dock/toolbar state are stored as separate keys, so a broken layout can be
reset without losing the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


class _Setting(Generic[T]):
    def __init__(self, key: str, kind: type[T], default: T) -> None:
        self.key, self.kind, self.default = key, kind, default

    def __get__(self, obj: Settings, owner: type | None = None) -> T:
        value = obj.qsettings.value(self.key, self.default)
        if value is None:
            return self.default
        try:
            if self.kind is bool and isinstance(value, str):  # INI files give strings back
                return value.lower() in ("1", "true", "yes")  # type: ignore[return-value]
            return self.kind(value)
        except (TypeError, ValueError):
            return self.default

    def __set__(self, obj: Settings, value: T) -> None:
        obj.qsettings.setValue(self.key, value)


class Settings:
    font_size = _Setting("reading/font_size", float, 12.0)
    font_family = _Setting("reading/font_family", str, "")  # "" = the system's font
    line_width = _Setting("reading/line_width", int, 72)  # widest text column, in characters
    theme = _Setting("appearance/theme", str, "system")  # system, light or dark
    # Names and dates found in the background after start-up and imports (else on request).
    background_analysis = _Setting("analysis/background", bool, True)
    show_removed = _Setting("reading/show_removed", bool, False)
    sort = _Setting("search/sort", str, "relevance")
    # Reader stays offline unless asked: feeds update at start-up only when the user says so.
    update_feeds_at_startup = _Setting("feeds/update_at_startup", bool, False)

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings("Reader", "Reader")

    @property
    def last_library(self) -> Path | None:
        value = self.qsettings.value("library/last", "")
        return Path(str(value)) if value else None

    @last_library.setter
    def last_library(self, path: Path | None) -> None:
        self.qsettings.setValue("library/last", str(path) if path else "")

    def _bytes(self, key: str) -> QByteArray | None:
        value: Any = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/state", value)

    def sync(self) -> None:
        self.qsettings.sync()
