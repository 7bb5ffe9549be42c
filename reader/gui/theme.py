"""Colours the window draws with, derived from the palette so light and dark both read well.

One place decides hit, muted and removed-noise colours; the style sheet template, the results
delegate and the reading view all ask it. The style sheet is loaded here and nowhere else.
"""

from __future__ import annotations

import logging
import os
import string
from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.resources import resource_path

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
PALETTE_ENV = "READER_PALETTE"  # "dark" or "light": force a palette (screenshots, testing)
_system: tuple[str, QPalette] | None = None  # the style and palette Reader started with


@dataclass(frozen=True)
class Theme:
    dark: bool
    text: QColor
    muted: QColor
    base: QColor
    window: QColor
    border: QColor
    accent: QColor
    hit_bg: QColor
    hit_fg: QColor
    current_hit_bg: QColor
    removed_fg: QColor
    removed_bg: QColor
    error: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> Theme:
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        dark = base.lightness() < 128
        muted = _mix(text, base, 0.38)
        if dark:
            # Saturated yellow on a dark base glares; a deep amber with light text reads better.
            hit_bg, hit_fg, current = QColor("#7a6200"), QColor("#fff6cc"), QColor("#c46a00")
            removed_fg, removed_bg = _mix(text, base, 0.5), QColor("#3a2a2a")
            error, accent = QColor("#ff8a80"), QColor("#8ab4f8")
        else:
            hit_bg, hit_fg, current = QColor("#fff0a0"), QColor("#1a1a1a"), QColor("#ffb347")
            removed_fg, removed_bg = _mix(text, base, 0.5), QColor("#f6eeee")
            error, accent = QColor("#b3261e"), QColor("#1a5fb4")
        return cls(
            dark=dark,
            text=text,
            muted=muted,
            base=base,
            window=window,
            border=_mix(text, window, 0.8),
            accent=accent,
            hit_bg=hit_bg,
            hit_fg=hit_fg,
            current_hit_bg=current,
            removed_fg=removed_fg,
            removed_bg=removed_bg,
            error=error,
        )


def _mix(a: QColor, b: QColor, weight_b: float) -> QColor:
    """`a` moved towards `b` by `weight_b` (0 = a, 1 = b)."""
    wa = 1.0 - weight_b
    return QColor(
        round(a.red() * wa + b.red() * weight_b),
        round(a.green() * wa + b.green() * weight_b),
        round(a.blue() * wa + b.blue() * weight_b),
    )


def current_theme() -> Theme:
    return Theme.from_palette(QGuiApplication.palette())


def style_sheet(theme: Theme) -> str:
    """The .qss template from resources/style with the theme's colours filled in."""
    template = string.Template(resource_path("style", "reader.qss").read_text(encoding="utf-8"))
    values = {k: v.name() for k, v in vars(theme).items() if isinstance(v, QColor)}
    return template.safe_substitute(values)


def _palette(colours: dict[QPalette.ColorRole, str], disabled: str | None = None) -> QPalette:
    p = QPalette()
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    if disabled is not None:
        roles = QPalette.ColorRole
        for role in (roles.WindowText, roles.Text, roles.ButtonText):
            p.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return p


def dark_palette() -> QPalette:
    """A dark Fusion palette, for forcing dark mode (READER_PALETTE=dark, screenshots)."""
    roles = QPalette.ColorRole
    return _palette({
        roles.Window: "#2b2b2e", roles.WindowText: "#e6e6e6", roles.Base: "#1f1f22",
        roles.AlternateBase: "#2a2a2e", roles.Text: "#e6e6e6", roles.Button: "#35353a",
        roles.ButtonText: "#e6e6e6", roles.Highlight: "#2f5f9e", roles.HighlightedText: "#ffffff",
        roles.ToolTipBase: "#3a3a3f", roles.ToolTipText: "#f0f0f0",
        roles.PlaceholderText: "#8c8c92",
        roles.Link: "#8ab4f8", roles.Mid: "#444449", roles.Dark: "#18181a", roles.Light: "#505056",
    }, disabled="#7a7a80")


def light_palette() -> QPalette:
    roles = QPalette.ColorRole
    return _palette({
        roles.Window: "#efeff1", roles.WindowText: "#1c1c1e", roles.Base: "#ffffff",
        roles.AlternateBase: "#f5f5f7", roles.Text: "#1c1c1e", roles.Button: "#e9e9ec",
        roles.ButtonText: "#1c1c1e", roles.Highlight: "#3d7bd9", roles.HighlightedText: "#ffffff",
        roles.ToolTipBase: "#ffffe6", roles.ToolTipText: "#1c1c1e",
        roles.PlaceholderText: "#8a8a90",
        roles.Link: "#1a5fb4", roles.Mid: "#c4c4c8", roles.Dark: "#9d9da3", roles.Light: "#ffffff",
    })


def apply_theme(app: QApplication, name: str) -> None:
    """Light or dark by name (Fusion with Reader's palette), or back to the system's own style
    and palette ("system"); then the style sheet in the theme's colours."""
    global _system
    if _system is None:
        _system = (app.style().name(), QPalette(app.palette()))
    if name in ("dark", "light"):
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if name == "dark" else light_palette())
    else:
        app.setStyle(_system[0])
        app.setPalette(_system[1])
    app.setStyleSheet(style_sheet(current_theme()))


def theme_forced() -> bool:
    """READER_PALETTE overrides the theme chosen in Preferences (screenshots, testing)."""
    return os.environ.get(PALETTE_ENV, "") in ("dark", "light")
