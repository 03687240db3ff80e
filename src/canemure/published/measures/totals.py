"""Adding up published effects -- only where the plans allow it.

Published measure lists are not additive: a portfolio row contains the interventions listed
under it, a pathway lever restates an action's effect, an aggregate row of a cost table sums
roadmap measures, an offsetting row is not a reduction at all. :func:`total_effect` therefore
refuses (raises :class:`OverlappingMeasuresError`) when asked to add

* a quantified measure marked ``summable=False`` (the reason is in the message), or
* two measures one of which is declared to aggregate or overlap the other,

and it never treats a measure without a figure as zero: unquantified measures, and measures
quantified on another basis (cumulative, unknown period), are listed in the result, not summed.
When every counted figure is a range, the total is a range too (low ends and high ends summed
separately).

:func:`select_summable` picks a consistent subset of a measure list and says what it left out
and why; its policy for aggregate/component pairs is explicit (``prefer``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

import attrs
import pint

from canemure.errors import CanemureError
from canemure.published.measures.model import EffectBasis, PublishedMeasure
from canemure.units import Q_

__all__ = [
    "EffectTotal",
    "OverlappingMeasuresError",
    "Selection",
    "select_summable",
    "total_effect",
]


class OverlappingMeasuresError(CanemureError, ValueError):
    """A set of measures cannot be summed; ``conflicts`` lists every reason found."""

    def __init__(self, conflicts: Sequence[str]) -> None:
        self.conflicts = tuple(conflicts)
        lines = "\n".join(f"  - {c}" for c in self.conflicts)
        super().__init__(
            f"refusing to sum the effects of these measures ({len(self.conflicts)} "
            f"conflict{'s' if len(self.conflicts) != 1 else ''}):\n{lines}"
        )


@attrs.frozen
class EffectTotal:
    """The sum of published effects on one basis, and what was not counted.

    ``low``/``high`` are emission *reductions* (positive = fewer emissions), or ``None`` when no
    measure had a figure on the basis asked for -- never a zero that hides missing data.
    """

    low: pint.Quantity[Any] | None
    """Sum of the low ends of the counted reductions."""
    high: pint.Quantity[Any] | None
    """Sum of the high ends of the counted reductions."""
    basis: EffectBasis
    """The basis of every counted figure."""
    counted: tuple[str, ...]
    """Ids of the measures whose figures were summed."""
    unquantified: tuple[str, ...]
    """Ids of the measures without a readable figure (not counted, not zero)."""
    other_basis: tuple[str, ...]
    """Ids of the measures quantified on another basis (not counted)."""

    @property
    def is_range(self) -> bool:
        """Whether the total is a range (some counted figure was printed as a range)."""
        return self.low is not None and self.high is not None and bool(self.low.m != self.high.m)

    @property
    def complete(self) -> bool:
        """Whether every measure given was counted."""
        return not self.unquantified and not self.other_basis


def _conflicts(measures: Sequence[PublishedMeasure]) -> list[str]:
    conflicts: list[str] = []
    ids = [m.id for m in measures]
    present = set(ids)
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        conflicts.append(f"{dup}: listed more than once")
    for m in measures:
        if m.quantified and not m.summable:
            conflicts.append(f"{m.id}: not summable: {m.summable_note}")
        for other in sorted(set(m.aggregate_of) & present):
            conflicts.append(f"{m.id} includes the figures of {other}: {m.relation_note}")
        for other in sorted(set(m.overlaps_with) & present):
            conflicts.append(f"{m.id} overlaps {other}: {m.relation_note}")
    return conflicts


def total_effect(
    measures: Iterable[PublishedMeasure],
    *,
    basis: EffectBasis = EffectBasis.ANNUAL,
    unit: str | None = None,
) -> EffectTotal:
    """Sum the published effects of ``measures`` that are on ``basis`` (annual by default).

    Raises :class:`OverlappingMeasuresError` listing every conflict when the set contains a
    non-summable quantified measure, an aggregate together with one of its components, two
    overlapping measures, the same measure twice, or CO2-only figures mixed with CO2e ones.
    ``unit`` defaults to ``kt CO2e / a`` for rates and ``kt CO2e`` otherwise.
    """
    items = list(measures)
    conflicts = _conflicts(items)
    counted = [m for m in items if m.effect is not None and m.effect.basis is basis]
    gases = {m.effect.gas_basis for m in counted if m.effect is not None}
    if len(gases) > 1:
        conflicts.append(
            "mixes CO2-only and CO2e figures: "
            + ", ".join(f"{m.id} ({m.effect.gas_basis})" for m in counted if m.effect)
        )
    if conflicts:
        raise OverlappingMeasuresError(conflicts)
    target = unit or ("kt CO2e / a" if basis.per_year else "kt CO2e")
    low = high = None
    if counted:
        low = Q_(sum(m.effect.reduction_low.m_as(target) for m in counted if m.effect), target)
        high = Q_(sum(m.effect.reduction_high.m_as(target) for m in counted if m.effect), target)
    return EffectTotal(
        low=low,
        high=high,
        basis=basis,
        counted=tuple(m.id for m in counted),
        unquantified=tuple(m.id for m in items if m.effect is None),
        other_basis=tuple(
            m.id for m in items if m.effect is not None and m.effect.basis is not basis
        ),
    )


@attrs.frozen
class Selection:
    """A consistent subset of measures, and the ones left out with the reason."""

    kept: tuple[PublishedMeasure, ...]
    """Measures that can be summed together (no declared overlap among them)."""
    left_out: tuple[tuple[str, str], ...]
    """``(id, reason)`` of every measure left out."""


Preference = Literal["quantified", "aggregates", "components"]


def select_summable(
    measures: Iterable[PublishedMeasure], *, prefer: Preference = "quantified"
) -> Selection:
    """Choose a subset of ``measures`` that :func:`total_effect` accepts, explaining each cut.

    * Quantified measures marked non-summable are left out.
    * Of an aggregate and its components, ``prefer="aggregates"`` keeps the aggregate,
      ``"components"`` keeps the components, and ``"quantified"`` (default) keeps the aggregate
      when it has a figure and the components otherwise.
    * Of two overlapping measures, the one that declares the overlap (a restated pathway figure,
      a second table level) is left out.
    """
    if prefer not in ("quantified", "aggregates", "components"):
        raise ValueError(
            f"prefer must be 'quantified', 'aggregates' or 'components', got {prefer!r}"
        )
    kept: dict[str, PublishedMeasure] = {}
    left_out: list[tuple[str, str]] = []
    for m in measures:
        if m.id in kept:
            left_out.append((m.id, "listed more than once"))
        elif m.quantified and not m.summable:
            left_out.append((m.id, f"not summable: {m.summable_note}"))
        else:
            kept[m.id] = m
    changed = True
    while changed:
        changed = False
        for m in sorted(kept.values(), key=lambda x: -len(x.aggregate_of)):
            if m.id not in kept:
                continue
            parts = sorted(set(m.aggregate_of) & set(kept))
            if not parts:
                continue
            keep_aggregate = prefer == "aggregates" or (prefer == "quantified" and m.quantified)
            if keep_aggregate:
                for part in parts:
                    del kept[part]
                    left_out.append((part, f"included in aggregate {m.id}"))
            else:
                del kept[m.id]
                left_out.append((m.id, f"aggregate of {', '.join(parts)}, which are kept"))
            changed = True
    for m in list(kept.values()):
        others = sorted(set(m.overlaps_with) & set(kept))
        if others and m.id in kept:
            del kept[m.id]
            left_out.append((m.id, f"overlaps {', '.join(others)}: {m.relation_note}"))
    return Selection(tuple(kept.values()), tuple(left_out))
