"""A quiet progress bar on stderr: drawn only on a terminal, and only once work takes a moment."""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 0.4  # seconds before a bar appears; quick runs stay silent
STAGES_NL = {
    "validate": "controles",
    "metrics": "cijfers",
    "tables": "tabellen",
    "figures": "figuren",
    "report": "rapport",
}


class ProgressBar:
    def __init__(self, stream: TextIO | None = None, delay: float = DELAY, width: int = 30, lang: str = "en"):
        self.lang = lang
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.monotonic()
        self.delay = delay
        self.width = width
        self.drawn = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total <= 0 or time.monotonic() - self.start < self.delay:
            return
        filled = int(self.width * min(done, total) / total)
        stage = STAGES_NL.get(stage, stage) if self.lang == "nl" else stage
        self.stream.write(f"\r{stage:<10} [{'#' * filled}{' ' * (self.width - filled)}] {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * (self.width + 30) + "\r")
            self.stream.flush()
            self.drawn = False

    def __enter__(self) -> "ProgressBar":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
