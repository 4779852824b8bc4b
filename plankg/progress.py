"""Build progress on stderr: one line per step, redrawn in place on a terminal, with an estimate."""
from __future__ import annotations

import sys
import time
from typing import TextIO

from plankg.render import printable, raw_stream


class Progress:
    """Reports ``step done/total`` with elapsed time and an estimate of what is left.

    On a terminal the line is redrawn in place (at most 10 times a second); elsewhere (a pipe,
    a log file) each step prints one line when it starts and one when it ends.

    Args:
        out: Stream to write to (default ``sys.stderr``); None disables all output.
    """

    def __init__(self, out: TextIO | None | str = "stderr") -> None:
        out = sys.stderr if out == "stderr" else out
        # The redrawn line's own \r and erase sequences go to the terminal itself; the text in it is
        # made printable here (a message can name a file or a host).
        self.out: TextIO | None = raw_stream(out)
        self.live = bool(out is not None and getattr(out, "isatty", lambda: False)())
        self._step = ""
        self._total = 0
        self._done = 0
        self._started = 0.0
        self._drawn = 0.0

    def message(self, text: str) -> None:
        """One line of information (waiting for a lock, a duplicate skipped...)."""
        if self.out is None:
            return
        self._clear()
        self.out.write(f"plankg: {printable(text)}\n")
        self.out.flush()

    def start(self, step: str, total: int = 0) -> None:
        """Begin a step of ``total`` units (0 when unknown)."""
        self._step, self._total, self._done = step, total, 0
        self._started = time.perf_counter()
        if self.out is not None and not self.live:
            self.out.write(f"plankg: {printable(step)}" + (f" ({total})" if total else "") + " ...\n")
            self.out.flush()
        self._draw(force=True)

    def advance(self, units: int = 1) -> None:
        """Count ``units`` more done."""
        self._done += units
        self._draw()

    def finish(self) -> None:
        """End the current step with its time."""
        if self.out is None or not self._step:
            return
        seconds = time.perf_counter() - self._started
        self._clear()
        count = f"{self._done}/{self._total} " if self._total else ""
        self.out.write(f"plankg: {printable(self._step)} {count}done in {seconds:.1f}s\n")
        self.out.flush()
        self._step = ""

    def _draw(self, force: bool = False) -> None:
        if not self.live or self.out is None:
            return
        now = time.perf_counter()
        if not force and now - self._drawn < 0.1:
            return
        self._drawn = now
        elapsed = now - self._started
        line = f"plankg: {self._step}"
        if self._total:
            share = self._done / self._total
            left = elapsed / share - elapsed if share > 0 else 0.0
            bar = "#" * int(share * 20)
            line += f" [{bar:<20}] {self._done}/{self._total} {elapsed:.0f}s, about {left:.0f}s left"
        else:
            line += f" {elapsed:.0f}s"
        self.out.write("\r" + printable(line[:120]) + "\x1b[K")
        self.out.flush()

    def _clear(self) -> None:
        if self.live and self.out is not None:
            self.out.write("\r\x1b[K")


SILENT = Progress(None)
