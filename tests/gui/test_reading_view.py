"""The reading view: text is never markup, layers toggle independently, offsets survive
characters outside the BMP, removed noise shows in place, and the screenshot mode works."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QTextCharFormat

from reader.gui.app import run
from reader.gui.reading_view import ReadingView
from reader.gui.span_layers import Span, SpanLayer
from reader.models import Article, Removed
from reader.snippets import HitFinder


def _view(qtbot) -> ReadingView:
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    return view


def test_markup_in_an_article_is_shown_as_text(qtbot):
    view = _view(qtbot)
    body = 'Tags like <b>bold</b> and <img src="http://example.com/x.png"> stay text.'
    view.show_article(Article(1, "<i>Title</i>", body))
    text = view.browser.toPlainText()
    assert "<b>bold</b>" in text and "<i>Title</i>" in text and "<img" in text


def test_layers_map_offsets_past_emoji_and_toggle(qtbot):
    view = _view(qtbot)
    body = "Crowds 🎉🎉 cheered Peskov in Tokyo 𝔸 and Peskov left."
    view.show_article(Article(2, "Emoji", body), HitFinder({"peskov"}))
    spans = view.hit_spans()
    assert [body[s.start:s.end] for s in spans] == ["Peskov", "Peskov"]
    assert [view.cursor_for(s.start, s.end).selectedText() for s in spans] == ["Peskov"] * 2

    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(QColor("red"))
    start = body.index("Tokyo")
    view.set_layer(SpanLayer("places", "Places", [Span(start, start + 5, "GPE", "Tokyo (GPE)")],
                             {"": fmt}))
    cursor = view.cursor_for(start + 1, start + 1)
    assert cursor.charFormat().fontUnderline()
    assert cursor.charFormat().toolTip() == "Tokyo (GPE)"
    view.set_layer_visible("places", False)
    assert not view.cursor_for(start + 1, start + 1).charFormat().fontUnderline()
    assert [lay.name for lay in view.layers()] == ["places", "search"]


def test_removed_noise_appears_greyed_where_it_was(qtbot):
    view = _view(qtbot)
    body = "First paragraph.\n\nSecond paragraph."
    noise = Removed("Subscribe to our newsletter!", "newsletter box", body.index("Second"))
    view.show_article(Article(3, "Noise", body, removed=[noise]), HitFinder({"second"}))
    assert "Subscribe" not in view.browser.toPlainText()
    view.set_show_removed(True)
    text = view.browser.toPlainText()
    assert text.index("First") < text.index("Subscribe") < text.index("Second")
    # Hits still land on the right words with the noise inserted before them.
    (hit,) = view.hit_spans()
    assert view.cursor_for(hit.start, hit.end).selectedText() == "Second"


def test_font_size_changes_with_zoom(qtbot):
    view = _view(qtbot)
    view.show_article(Article(4, "Zoom", "Some text."))
    view.zoom(+2)
    assert view.browser.document().defaultFont().pointSizeF() == 14.0


def test_screenshot_mode_writes_a_png(qtbot, library, tmp_path: Path):
    folder = library.folder
    library.close()
    out = tmp_path / "shot.png"
    assert run(library=folder, screenshot=out, query="treaty") == 0
    assert out.stat().st_size > 10_000
