"""A one-line progress bar for long imports on a terminal (silent when not a terminal)."""

from __future__ import annotations

import time
from typing import TextIO

from reader.importer import ImportProgress


class ProgressBar:
    """Draws after a second has passed, so short imports print nothing extra."""

    def __init__(self, stream: TextIO, delay: float = 1.0) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.start = time.monotonic()
        self.delay = delay
        self.drawn = False

    def update(self, state: ImportProgress) -> None:
        if not self.enabled or time.monotonic() - self.start < self.delay:
            return
        width = 30
        filled = int(state.fraction * width)
        line = (
            f"\r[{'#' * filled}{'.' * (width - filled)}] {state.fraction:4.0%}  "
            f"{state.imported:,} imported, {state.duplicates:,} duplicates, "
            f"{state.failed:,} failed"
        )
        self.stream.write(line)
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
