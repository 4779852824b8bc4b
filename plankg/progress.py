"""Build progress on stderr: one line per step, redrawn in place on a terminal, with an estimate.

In a Jupyter kernel (stderr is no terminal and every write becomes a red box) only the steps' end
lines are written, to stdout.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

from plankg.render import printable, raw_stream

#: Seconds between two count lines when the output is not a terminal (a log, a pipe).
LOG_EVERY_S = 5.0


class Progress:
    """Reports ``step done/total`` with elapsed time and an estimate of what is left.

    On a terminal the line is redrawn in place (at most 10 times a second); elsewhere (a pipe,
    a log file) each step prints one line when it starts and one when it ends.

    Args:
        out: Stream to write to (default ``sys.stderr``); None disables all output.
    """

    def __init__(self, out: TextIO | None | str = "stderr") -> None:
        self.quiet = out == "stderr" and in_notebook()
        if out == "stderr":
            out = sys.stdout if self.quiet else sys.stderr
        # The redrawn line's own \r and erase sequences go to the terminal itself; the text in it is
        # made printable here (a message can name a file or a host).
        self.out: TextIO | None = raw_stream(out)  # type: ignore[arg-type]
        self.live = bool(out is not None and getattr(out, "isatty", lambda: False)())
        self._step = ""
        self._total = 0
        self._done = 0
        self._started = 0.0
        self._drawn = 0.0
        self._logged = 0.0

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
        self._started = self._logged = time.perf_counter()
        if self.out is not None and not self.live and not self.quiet:
            self.out.write(f"plankg: {printable(step)}" + (f" ({total})" if total else "") + " ...\n")
            self.out.flush()
        self._draw(force=True)

    def advance(self, units: int = 1) -> None:
        """Count ``units`` more done."""
        self._done += units
        self._draw()

    def count(self, done: int, total: int) -> None:
        """Set the count of the current step (a callback for work that reports its own totals)."""
        self._done, self._total = done, total
        self._draw()
        if self.live or self.quiet or self.out is None or not total or done >= total:
            return
        now = time.perf_counter()
        if now - self._logged >= LOG_EVERY_S:
            self._logged = now
            self.out.write(printable(self._line(now)) + "\n")
            self.out.flush()

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
        self.out.write("\r" + printable(self._line(now)[:120]) + "\x1b[K")
        self.out.flush()

    def _line(self, now: float) -> str:
        """``plankg: step [###   ] done/total Ns, about Ms left`` (or the elapsed time alone)."""
        elapsed = now - self._started
        line = f"plankg: {self._step}"
        if not self._total:
            return line + f" {elapsed:.0f}s"
        share = self._done / self._total
        bar = "#" * int(share * 20)
        left = f", about {elapsed / share - elapsed:.0f}s left" if share > 0 else ""
        return line + f" [{bar:<20}] {self._done}/{self._total} {elapsed:.0f}s{left}"

    def _clear(self) -> None:
        if self.live and self.out is not None:
            self.out.write("\r\x1b[K")


def in_notebook() -> bool:
    """True inside a Jupyter (IPython) kernel, where stderr shows as red boxes."""
    shell = sys.modules.get("IPython")
    get_ipython = getattr(shell, "get_ipython", None)
    return bool(get_ipython and type(get_ipython()).__name__ == "ZMQInteractiveShell")


SILENT = Progress(None)
