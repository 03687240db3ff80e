"""Appending rows to immutable arrays in amortised linear time (successive merges).

Building a national inventory by successive ``merge`` of one-municipality parts (the adapters'
pattern) appends a few rows each time. Copying the growing array on every append makes the
whole build quadratic; :func:`append_rows` makes it amortised linear the way a list append is,
without letting any result change after it was returned:

* A result is a **read-only view** of the first rows of a buffer that may have spare rows past
  its end. Nothing ever writes the rows a view covers.
* Only the **newest** view of a buffer (the latest result appended to it) may be appended to in
  place: its rows end exactly where the buffer's used rows end, so the new rows go into spare
  rows that no view covers, and the result is a longer view of the same buffer. Every older
  view keeps its rows (it simply does not reach the new ones).
* Appending to anything else (an older view, an array of another origin, a view of a full
  buffer) copies into a new buffer. When the full buffer was the newest view's, the new buffer
  gets as many spare rows again as it uses, so a chain of appends copies each row a bounded
  number of times; a one-off append (the first of a chain) gets no spare rows and costs
  exactly what ``np.concatenate`` does.

Which view is the newest of its buffer is recorded by object identity (a weak reference, so a
result that is no longer used frees nothing up and keeps nothing alive), under a lock, so two
threads appending to the same newest view cannot both claim its spare rows.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["append_rows"]

Array = npt.NDArray[Any]

_NEWEST: weakref.WeakValueDictionary[int, Array] = weakref.WeakValueDictionary()
"""``id(view) -> view`` for the newest view of each buffer with room to grow into."""
_LOCK = threading.Lock()


def append_rows(head: Array, tail: Array) -> Array:
    """``np.concatenate((head, tail))`` as a read-only array; ``head`` is left as it is.

    ``head`` and ``tail`` must have the same shape but for the first axis and the same dtype.
    When ``head`` is the newest result of this function on its buffer and the buffer has room,
    the result shares ``head``'s rows (see the module notes), which is why it is read-only.
    """
    n, m = len(head), len(tail)
    with _LOCK:
        grows = _NEWEST.get(id(head)) is head
        in_place = grows and len(head.base) >= n + m  # type: ignore[arg-type]
        if in_place:  # claim the spare rows: head is no longer the newest view
            del _NEWEST[id(head)]
    if in_place:
        buffer: Array = head.base  # type: ignore[assignment]
    else:
        rows = 2 * (n + m) if grows else n + m
        buffer = np.empty((rows, *head.shape[1:]), dtype=head.dtype)
        buffer[:n] = head
    buffer[n : n + m] = tail
    out = buffer[: n + m]
    out.flags.writeable = False
    with _LOCK:
        _NEWEST[id(out)] = out
    return out
