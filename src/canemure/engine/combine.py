"""Combining measures on the remaining emissions, independent of their order.

Every measure reduces to effects on cells (area, sector) and years (see
:mod:`canemure.engine.measures`), each multiplied by the measure's ramp share of that year
and, for absolute effects, by the measure's scale in that area. For one cell and year with
baseline emissions ``B`` and the set ``S`` of measures acting on it:

.. code-block:: text

    R = prod_{i in S} (1 - r_i)          relative effects (cuts and factor changes)
    I = sum_{i in S} a_i                 additions (e.g. heat-pump electricity), a_i >= 0
    D = sum_{i in S} d_i                 absolute cuts (incl. activity removed), d_i >= 0
    G = (B + I) * R                      what remains before absolute cuts
    E = G - min(D, max(G, 0))            ordinary sectors: never below zero
    E = G - D                            sink sectors (default: the credits sector "Tuu")

Relative effects act on everything in the sector, including what other measures add (a
cleaner electricity factor also cleans heat-pump electricity). Absolute cuts take from what
remains; when together they would take more than that, each is scaled down by the same
proportion ``G / D`` (that is what ``min`` does, shared pro rata). Products and sums commute,
so the result cannot depend on the order in which measures are listed: order independence
holds by construction, not by sorting. A cell whose baseline is not estimated (NaN) stays
not estimated. Compensation never enters ``E``; it is summed apart per area and year.

Cancelled measures (:data:`~canemure.engine.measures.CANCELLED`) are kept in the result for
the record and act on nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure.engine.measures import Measure
from canemure.errors import UnknownNameError
from canemure.inventory import EmissionInventory
from canemure.sectors import CREDITS
from canemure.units import Q_

__all__ = ["Combination", "Effects", "combine", "remaining_emissions"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

RELATIVE, CUT, ADD = 0, 1, 2
"""Codes of effect rows (compensation is kept apart)."""
_KIND_CODE = {"relative": RELATIVE, "cut": CUT, "add": ADD}


def remaining_emissions(
    baseline: FloatArray,
    factor: FloatArray,
    added: FloatArray,
    cut: FloatArray,
    sink: npt.NDArray[np.bool_] | bool,
) -> FloatArray:
    """The kernel: ``E`` from ``B``, ``R``, ``I`` and ``D`` (see the module notes).

    All arrays broadcast together; ``sink`` marks cells that may go below zero.
    """
    gross = (baseline + added) * factor
    removable = np.minimum(cut, np.maximum(gross, 0.0))
    result: FloatArray = gross - np.where(sink, cut, removable)
    return result


@attrs.frozen(eq=False)
class Effects:
    """All effects of the active measures as rows: one per measure, cell and kind.

    The compiled, unit-free form both :func:`combine` and the attribution work on. A cell is
    ``area_index * n_sectors + sector_index``; amounts are in the inventory's unit per year
    (relative rows hold the share cut, ``r``), already multiplied by ramp and scale.
    """

    measure: IntArray
    """Index of the measure (into :attr:`Combination.measures`) of each row."""
    kind: npt.NDArray[np.int8]
    """``RELATIVE``, ``CUT`` or ``ADD``."""
    cell: IntArray
    """The flat cell index of each row."""
    amount: FloatArray
    """Shape ``(rows, years)``."""
    compensation: FloatArray
    """Shape ``(measures, areas, years)``: compensation and sinks, apart from emissions."""
    sink: npt.NDArray[np.bool_]
    """Per flat cell: whether the cell may go below zero."""
    blocks: tuple[tuple[int, int], ...]
    """Row ranges ``[start, stop)`` of one measure, kind and sector (no cell twice in one)."""


def _sector_position(inventory: EmissionInventory, key: str) -> int:
    if key in inventory.sectors:
        return inventory.sectors.position(key)
    found = inventory.hierarchy.find(key, inventory.sector_level).key
    return inventory.sectors.position(found)


def _sink_cells(inventory: EmissionInventory, sinks: Collection[str]) -> npt.NDArray[np.bool_]:
    sink_sectors = np.zeros(len(inventory.sectors), dtype=bool)
    level = inventory.sector_level
    for j, key in enumerate(inventory.sectors):
        ancestor = inventory.hierarchy.ancestor(key, 3).key if level >= 3 else key
        sink_sectors[j] = key in sinks or ancestor in sinks
    return np.tile(sink_sectors, len(inventory.areas))


def compile_effects(
    inventory: EmissionInventory, measures: Sequence[Measure], sinks: Collection[str]
) -> Effects:
    """Turn measures into effect rows on ``inventory``'s cells and years.

    Every unknown area or sector of every measure is reported in one error.
    """
    years = np.asarray(inventory.years.labels, dtype=np.int64)
    n_sectors = len(inventory.sectors)
    unit = inventory.unit
    problems: list[str] = []
    rows_m: list[IntArray] = []
    rows_k: list[IntArray] = []
    rows_c: list[IntArray] = []
    rows_a: list[FloatArray] = []
    blocks: list[tuple[int, int]] = []
    n_rows = 0
    compensation = np.zeros((len(measures), len(inventory.areas), len(years)))
    # rows in name order, whatever the listing order: the sums and products then run in the
    # same order too, so a permuted list gives bit-for-bit the same result
    for m in sorted(range(len(measures)), key=lambda i: measures[i].name):
        measure = measures[m]
        if measure.cancelled:
            continue
        missing = [a for a in measure.areas if a not in inventory.areas]
        if missing:
            problems.append(f"measure {measure.name!r}: areas {missing} are not in the inventory")
            continue
        area_idx = inventory.areas.positions(list(measure.areas))
        scales = np.asarray(measure.scales)
        share = measure.ramp.shares(years)
        for effect in measure.mechanism.effects(unit):
            if effect.kind == "compensation":
                compensation[m, area_idx] += effect.amount * scales[:, None] * share
                continue
            assert effect.sector is not None
            try:
                j = _sector_position(inventory, effect.sector)
            except UnknownNameError as exc:
                problems.append(f"measure {measure.name!r}: {exc}")
                continue
            if effect.kind == "relative":
                amount = np.broadcast_to(effect.amount * share, (len(area_idx), len(years)))
            else:
                amount = effect.amount * scales[:, None] * share
            rows_m.append(np.full(len(area_idx), m, dtype=np.intp))
            rows_k.append(np.full(len(area_idx), _KIND_CODE[effect.kind], dtype=np.intp))
            rows_c.append(area_idx * n_sectors + j)
            rows_a.append(amount)
            blocks.append((n_rows, n_rows + len(area_idx)))
            n_rows += len(area_idx)
    if problems:
        raise ValueError(
            f"{len(problems)} measure problem(s) on this inventory:\n  - " + "\n  - ".join(problems)
        )

    def joined(parts: list[Any], dtype: Any, width: int | None = None) -> Any:
        if parts:
            return np.concatenate(parts).astype(dtype, copy=False)
        return np.zeros((0, width) if width is not None else 0, dtype=dtype)

    return Effects(
        measure=joined(rows_m, np.intp),
        kind=joined(rows_k, np.int8),
        cell=joined(rows_c, np.intp),
        amount=joined(rows_a, np.float64, len(years)),
        compensation=compensation,
        sink=_sink_cells(inventory, sinks),
        blocks=tuple(blocks),
    )


def _totals(effects: Effects, n_cells: int, n_years: int) -> tuple[FloatArray, ...]:
    factor = np.ones((n_cells, n_years))
    added = np.zeros((n_cells, n_years))
    cut = np.zeros((n_cells, n_years))
    # block by block (no cell twice in a block), in the rows' name order: deterministic
    for lo, hi in effects.blocks:
        cells, amount = effects.cell[lo:hi], effects.amount[lo:hi]
        kind = effects.kind[lo]
        if kind == RELATIVE:
            factor[cells] *= 1.0 - amount
        elif kind == CUT:
            cut[cells] += amount
        else:
            added[cells] += amount
    return factor, added, cut


@attrs.frozen(eq=False)
class Combination:
    """Measures combined on a baseline: what remains, what was cut, what was compensated."""

    baseline: EmissionInventory
    """The emissions without the measures (an inventory or a projection)."""
    measures: tuple[Measure, ...]
    """Every measure given, in the order given (cancelled ones act on nothing)."""
    remaining: EmissionInventory
    """The emissions with all measures combined."""
    compensation: pint.Quantity[Any]
    """Compensation and sinks per measure, area and year ``(measures, areas, years)``."""
    effects: Effects = attrs.field(repr=False)
    """The compiled effect rows (used by the attribution)."""

    @property
    def reduction(self) -> pint.Quantity[Any]:
        """Baseline minus remaining, per area, sector and year (negative = an increase)."""
        result: pint.Quantity[Any] = self.baseline.values - self.remaining.values
        return result

    @property
    def names(self) -> tuple[str, ...]:
        """The measures' names, in order."""
        return tuple(m.name for m in self.measures)


def combine(
    baseline: EmissionInventory,
    measures: Sequence[Measure],
    *,
    sinks: Collection[str] = (CREDITS,),
) -> Combination:
    """Combine ``measures`` on ``baseline`` (see the module notes for the mathematics).

    ``sinks``: sector keys (or their level-3 ancestors) that may go below zero; by default
    the wind-power credits sector. Measure names must be unique.
    """
    names = [m.name for m in measures]
    if len(set(names)) != len(names):
        dupes = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"measure names must be unique, repeated: {dupes}")
    effects = compile_effects(baseline, measures, sinks)
    a, s, y = baseline.shape
    factor, added, cut = _totals(effects, a * s, y)
    base = baseline.magnitude.reshape(a * s, y)
    left = remaining_emissions(base, factor, added, cut, effects.sink[:, None])
    remaining = attrs.evolve(baseline, values=Q_(left.reshape(a, s, y), baseline.unit))
    return Combination(
        baseline=baseline,
        measures=tuple(measures),
        remaining=remaining,
        compensation=Q_(effects.compensation, baseline.unit),
        effects=effects,
    )
