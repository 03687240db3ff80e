"""Ramp-up of a measure's effect: which share of its full effect acts in each year.

A measure starts in ``start`` and reaches full effect in ``full``; in between its effect grows
linearly or along an S-curve. With a ``lifetime`` of ``n`` years its effect ends after
``start + n - 1`` (the last year it acts); ``None`` means it lasts past any horizon.

Shapes, with ``t = (year - start) / (full - start)`` clipped to ``[0, 1]``:

* ``"linear"``: ``t``;
* ``"s-curve"``: the smoothstep ``3 t^2 - 2 t^3``, which starts and ends flat and, unlike a
  logistic curve, is exactly 0 in ``start`` and exactly 1 in ``full`` (no cut-off needed).

When ``full == start`` the measure acts fully from ``start`` on (a step).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs
import numpy as np
import numpy.typing as npt

__all__ = ["Ramp", "RampShape"]

RampShape = Literal["linear", "s-curve"]
"""How the effect grows between the start year and the year of full effect."""

FloatArray = npt.NDArray[np.float64]


def _positive_or_none(_instance: object, _attribute: object, value: int | None) -> None:
    if value is not None and value < 1:
        raise ValueError(f"lifetime must be at least 1 year, got {value!r}")


@attrs.frozen
class Ramp:
    """The share of a measure's full effect in each year (0 before it starts, 1 at full effect)."""

    start: int
    """The year the measure starts (its effect is 0 in this year unless ``full == start``)."""
    full: int
    """The first year of full effect (at least ``start``)."""
    shape: RampShape = attrs.field(
        default="linear", validator=attrs.validators.in_(("linear", "s-curve"))
    )
    """``"linear"`` or ``"s-curve"`` (smoothstep)."""
    lifetime: int | None = attrs.field(default=None, validator=_positive_or_none)
    """Years the measure acts, counted from ``start``; ``None`` = past any horizon."""

    def __attrs_post_init__(self) -> None:
        if self.full < self.start:
            raise ValueError(
                f"the year of full effect ({self.full}) is before the start year ({self.start})"
            )

    @classmethod
    def step(cls, year: int, lifetime: int | None = None) -> Ramp:
        """Full effect from ``year`` on."""
        return cls(year, year, "linear", lifetime)

    def shares(self, years: Sequence[int] | npt.NDArray[np.int64]) -> FloatArray:
        """The share of full effect (0 to 1) in each of ``years``."""
        y = np.asarray(years, dtype=np.float64)
        if self.full == self.start:
            t = (y >= self.start).astype(np.float64)
        else:
            t = np.clip((y - self.start) / (self.full - self.start), 0.0, 1.0)
        if self.shape == "s-curve":
            t = t * t * (3.0 - 2.0 * t)
        if self.lifetime is not None:
            t = np.where(y < self.start + self.lifetime, t, 0.0)
        return t
