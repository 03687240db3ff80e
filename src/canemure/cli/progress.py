"""Progress on standard error for work that takes more than a second; nothing on stdout.

Two kinds:

:class:`Progress`
    counted work (files downloaded, report sections built): ``done/total`` and a bar. On a
    terminal the bar is redrawn in place (carriage return, no new line) and lines printed
    through :meth:`Progress.line` (a file finished) appear above it. Elsewhere (a pipe, a log
    file) nothing is redrawn: each line printed through :meth:`Progress.line` is one line, and
    the bar itself is not drawn.
:func:`activity`
    work with no count (reading many cached files, attributing a portfolio): after
    ``delay`` seconds on a terminal an elapsed-time indicator is drawn and updated from a
    background thread; quick work draws nothing, and off a terminal nothing is drawn.

Either is cleared (the line blanked) when the work ends, also when it ends with an error, so
the error message that follows starts on a clean line; :func:`clear` blanks whatever is drawn
(the CLI calls it before printing a warning or an error). No dependency: plain ANSI-free text
(carriage return and spaces), so it works on any terminal.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterator
from typing import TextIO

__all__ = ["BAR_WIDTH", "DELAY", "Progress", "activity", "bar", "clear", "is_terminal", "message"]

BAR_WIDTH = 24
"""Characters of the bar between the brackets."""
DELAY = 1.0
"""Seconds of work before anything is drawn: quick work draws nothing (the environment
variable ``CANEMURE_PROGRESS_DELAY`` changes it, e.g. ``0`` to draw at once)."""
_TICK = 0.2
"""Seconds between redraws of an activity indicator."""

_lock = threading.RLock()
_drawn: dict[int, tuple[TextIO, int]] = {}  # id(stream) -> (stream, width of what is drawn)


def _delay(delay: float | None) -> float:
    if delay is not None:
        return delay
    try:
        return max(0.0, float(os.environ.get("CANEMURE_PROGRESS_DELAY", DELAY)))
    except ValueError:
        return DELAY


def _stream(stream: TextIO | None) -> TextIO:
    return sys.stderr if stream is None else stream


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (a progress bar can be redrawn in place)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


def _draw(stream: TextIO, text: str) -> None:
    with _lock:
        old = _drawn.get(id(stream), (stream, 0))[1]
        pad = " " * max(0, old - len(text))
        stream.write("\r" + text + pad)
        stream.flush()
        _drawn[id(stream)] = (stream, len(text))


def clear(stream: TextIO | None = None) -> None:
    """Blank the progress line drawn on ``stream`` (standard error by default), if any."""
    target = _stream(stream)
    with _lock:
        entry = _drawn.pop(id(target), None)
        if entry is not None and entry[1]:
            target.write("\r" + " " * entry[1] + "\r")
            target.flush()


def message(text: str, stream: TextIO | None = None) -> None:
    """Print ``text`` as a line of its own on a clean line (a drawn bar is blanked first).

    An activity indicator is drawn again below it at its next tick; a counted bar at its next
    step. The command line prints warnings and errors through this.
    """
    target = _stream(stream)
    with _lock:
        clear(target)
        print(text, file=target, flush=True)


def bar(done: int, total: int, label: str, width: int = BAR_WIDTH) -> str:
    """``label [#########...............] 3/8`` (no bar when the total is not known)."""
    if total <= 0:
        return f"{label} {done}"
    filled = min(width, round(width * done / total))
    return f"{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


class Progress:
    """A counted task drawn on standard error (module notes).

    ``total`` items; :meth:`advance` after each; :meth:`line` prints a line about an item
    (above the bar on a terminal, as a plain line elsewhere). Use as a context manager so the
    bar is cleared however the work ends.
    """

    def __init__(
        self,
        total: int,
        label: str,
        *,
        stream: TextIO | None = None,
        delay: float | None = None,
        enabled: bool = True,
    ) -> None:
        self.total = total
        self.label = label
        self.done = 0
        self.stream = _stream(stream)
        self.delay = _delay(delay)
        self.terminal = enabled and is_terminal(self.stream)
        self.started = time.monotonic()

    def __enter__(self) -> Progress:
        if self._visible():  # no delay asked: the bar shows from the start (0/total)
            _draw(self.stream, bar(self.done, self.total, self.label))
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _visible(self) -> bool:
        return self.terminal and time.monotonic() - self.started >= self.delay

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more items done and redraw the bar (on a terminal, after the delay).

        Safe from worker threads: the count and the drawing share the lock that
        :meth:`line` takes, so a bar is never drawn between a line's clearing and its text.
        """
        with _lock:
            self.done += n
            if self._visible():
                _draw(self.stream, bar(self.done, self.total, self.label))

    def line(self, text: str, *, count: int = 0) -> None:
        """Print ``text`` as a line of its own; on a terminal the bar is redrawn below it.

        ``count`` items are counted done with it, under the same lock, so worker threads that
        each report a finished item never lose a count or draw between another's lines.
        """
        with _lock:
            self.done += count
            clear(self.stream)
            print(text, file=self.stream, flush=True)
            if self._visible():
                _draw(self.stream, bar(self.done, self.total, self.label))

    def close(self) -> None:
        """Blank the bar (the next output starts on a clean line)."""
        clear(self.stream)


@contextlib.contextmanager
def activity(
    label: str,
    *,
    stream: TextIO | None = None,
    delay: float | None = None,
    enabled: bool = True,
) -> Iterator[None]:
    """Draw ``label ... 3 s`` on a terminal while the block runs longer than ``delay`` seconds.

    Nothing is drawn off a terminal or for quick work; the line is blanked when the block
    ends, with or without an exception.
    """
    target = _stream(stream)
    if not (enabled and is_terminal(target)):
        yield
        return
    stop = threading.Event()
    started = time.monotonic()
    wait = _delay(delay)

    def tick() -> None:
        if stop.wait(wait):
            return
        while True:
            with _lock:
                if stop.is_set():
                    return
                _draw(target, f"{label} ... {time.monotonic() - started:.0f} s")
            if stop.wait(_TICK):
                return

    thread = threading.Thread(target=tick, name="canemure-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        clear(target)
