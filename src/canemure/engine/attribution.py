"""Attributing the total reduction to measures with Shapley values ("wedges").

The game: for one cell (area, sector) and year, the worth of a coalition ``S`` of measures is
the reduction it achieves on its own, ``v(S) = B - E(S)`` with ``E`` the combined remaining
emissions of :mod:`canemure.engine.combine`. A measure's wedge is its Shapley value

.. code-block:: text

    phi_i = sum_{S not containing i} |S|! (n - |S| - 1)! / n!  * (v(S + i) - v(S))

summed over cells. Because the Shapley value is linear in the game and the total reduction
is a sum over cells, computing it cell by cell and adding up is the same as computing it on
the total. In each cell only the measures acting on it are players (the others are null
players there, with Shapley value 0), so cells are grouped by the *set* of measures acting on
them and each group is solved once for all its cells and years, vectorised over the
``2^n`` coalitions. Measures that share a cell interact; :attr:`Attribution.interaction_groups`
lists the connected groups, but the exact computation only ever needs the (smaller) sets of
measures that meet in one cell.

* **Exact** when at most ``max_exact`` (default 12) measures meet in a cell: every coalition's
  worth is built by doubling (``R[S + i] = R[S] * f_i`` for bit ``i`` above those of ``S``).
  Efficiency, symmetry and the null-player property hold exactly in the mathematics; the
  wedges add up to the total reduction to floating-point rounding (about 1e-12 relative).
* **Sampled** beyond: ``samples`` random permutations (in antithetic pairs: each permutation
  and its reverse), seeded. Along every permutation the marginal contributions telescope to
  ``v(N) - v(empty)``, so *every sample* is efficient and so is their mean: the wedges add up
  to the total by construction, not on average (to floating-point rounding, as when exact;
  sampling error moves reduction between measures, never in or out).
  :attr:`Attribution.standard_error` gives each measure's standard error per year (standard
  deviation of the pair means / sqrt(pairs)); it is 0 for exact ones.
"""

from __future__ import annotations

import functools
from math import factorial
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure.engine.combine import ADD, CUT, RELATIVE, Combination, remaining_emissions
from canemure.units import Q_

__all__ = ["Attribution", "CellGroup", "attribute", "shapley_exact", "shapley_sampled"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

_CHUNK = 1 << 14
"""Coalitions x columns evaluated at once: 128 kB per array, so a chunk stays in cache
(measured: about 3x faster than 16 MB chunks on the benchmark)."""


def _popcount(n_players: int) -> IntArray:
    counts = np.zeros(1 << n_players, dtype=np.intp)
    for i in range(n_players):
        counts[1 << i : 1 << (i + 1)] = counts[: 1 << i] + 1
    return counts


@functools.cache
def _shapley_matrix(n_players: int) -> FloatArray:
    """``M`` with ``phi = M @ worth``: ``M[i, S] = w(|S| - 1)`` if ``i`` in ``S``, else ``-w(|S|)``.

    ``w(s) = s! (n - s - 1)! / n!`` is the Shapley weight of a coalition of size ``s`` joined
    by one more player; one matrix product then gives every player's value.
    """
    n = n_players
    fact = [float(factorial(s)) for s in range(n + 1)]
    weight = np.array([fact[s] * fact[n - s - 1] / fact[n] for s in range(n)] + [0.0])
    size = _popcount(n)
    member = (np.arange(1 << n)[None, :] >> np.arange(n)[:, None]) & 1 == 1
    matrix: FloatArray = np.where(member, weight[np.maximum(size - 1, 0)], -weight[size])
    matrix.setflags(write=False)
    return matrix


def _doubling(values: FloatArray, start: float, multiply: bool) -> FloatArray:
    """Every coalition's product (or sum) of the players' rows, by doubling over the bits."""
    n, width = values.shape
    out = np.empty((1 << n, width))
    out[0] = start
    for i in range(n):
        half = 1 << i
        if multiply:
            np.multiply(out[:half], values[i], out=out[half : 2 * half])
        else:
            np.add(out[:half], values[i], out=out[half : 2 * half])
    return out


def shapley_exact(
    baseline: FloatArray,
    factor: FloatArray | None,
    added: FloatArray | None,
    cut: FloatArray | None,
    sink: npt.NDArray[np.bool_],
    *,
    n_players: int,
) -> FloatArray:
    """Exact Shapley values of ``n_players`` players on ``k`` columns (cells x years).

    ``baseline`` and ``sink`` have shape ``(k,)``; ``factor``, ``added`` and ``cut`` shape
    ``(n, k)`` (each player's own ``1 - r``, ``a`` and ``d``), or ``None`` when no player has
    that kind of effect. Returns ``(n, k)``.
    """
    n, k = n_players, len(baseline)
    size = 1 << n
    matrix = _shapley_matrix(n)
    out = np.empty((n, k))
    step = max(16, _CHUNK // size)  # at least 16 columns: fewer, still cache-sized, chunks
    for lo in range(0, k, step):
        hi = min(k, lo + step)
        b = baseline[lo:hi]
        # worth = b - E, E = gross - min(d, max(gross, 0)) (sinks: gross - d); in place
        if added is not None:
            gross = _doubling(added[:, lo:hi], 0.0, multiply=False)
            gross += b
        else:
            gross = np.broadcast_to(b, (size, hi - lo)).copy()
        if factor is not None:
            gross *= _doubling(factor[:, lo:hi], 1.0, multiply=True)
        worth = np.subtract(b, gross, out=gross)  # b - gross, reusing the buffer
        if cut is not None:
            d = _doubling(cut[:, lo:hi], 0.0, multiply=False)
            if np.any(sink[lo:hi]):
                left = b - worth  # gross again
                removable = np.minimum(d, np.maximum(left, 0.0))
                worth += np.where(sink[lo:hi], d, removable)
            else:
                # min(d, max(gross, 0)) with gross = b - worth
                np.minimum(d, np.maximum(b - worth, 0.0), out=d)
                worth += d
        out[:, lo:hi] = matrix @ worth
    # a player without effect in a column is a null player there: exactly 0, not rounding
    idle = np.ones((n, k), dtype=bool)
    if factor is not None:
        idle &= factor == 1.0
    if added is not None:
        idle &= added == 0.0
    if cut is not None:
        idle &= cut == 0.0
    out[idle] = 0.0
    return out


def shapley_sampled(
    baseline: FloatArray,
    factor: FloatArray,
    added: FloatArray,
    cut: FloatArray,
    sink: npt.NDArray[np.bool_],
    *,
    samples: int,
    rng: np.random.Generator,
    reduce_to: IntArray,
    n_groups: int,
) -> tuple[FloatArray, FloatArray]:
    """Shapley values by antithetic permutation sampling, and their standard errors.

    Arguments as in :func:`shapley_exact`; ``samples`` permutations (rounded up to pairs).
    ``reduce_to`` maps each column to a group (a year) for the standard errors, which are
    returned with shape ``(n, n_groups)``.
    """
    n, k = factor.shape
    pairs = max(1, (samples + 1) // 2)
    total = np.zeros((n, k))
    pair_totals = np.zeros((pairs, n, n_groups))
    for p in range(pairs):
        order = rng.permutation(n)
        pair = np.zeros((n, k))
        for sequence in (order, order[::-1]):
            r, a, d = np.ones(k), np.zeros(k), np.zeros(k)
            before = np.zeros(k)
            for i in sequence:
                r = r * factor[i]
                a = a + added[i]
                d = d + cut[i]
                after = baseline - remaining_emissions(baseline, r, a, d, sink)
                pair[i] += after - before
                before = after
        pair *= 0.5
        total += pair
        for i in range(n):
            pair_totals[p, i] = np.bincount(reduce_to, weights=pair[i], minlength=n_groups)
    mean = total / pairs
    if pairs > 1:
        error = pair_totals.std(axis=0, ddof=1) / np.sqrt(pairs)
    else:
        error = np.full((n, n_groups), np.nan)
    return mean, error


@attrs.frozen
class CellGroup:
    """Cells on which the same set of measures acts, solved together."""

    measures: tuple[str, ...]
    """The measures acting on these cells."""
    cells: int
    """How many (area, sector) cells."""
    exact: bool
    """Exact Shapley values (``True``) or sampled."""
    samples: int
    """Permutations drawn (0 when exact)."""


@attrs.frozen(eq=False)
class Attribution:
    """Each measure's wedge of the total reduction, per area, sector and year."""

    combination: Combination
    """The combination attributed."""
    wedges: pint.Quantity[Any]
    """Shape ``(measures, areas, sectors, years)``; they sum to the total reduction."""
    standard_error: pint.Quantity[Any]
    """Shape ``(measures, years)``: sampling error of each measure's total wedge (0 = exact)."""
    groups: tuple[CellGroup, ...]
    """How the cells were grouped and solved."""
    interaction_groups: tuple[tuple[str, ...], ...]
    """Measures connected by sharing a cell (each group's wedges only depend on each other)."""

    @property
    def by_measure(self) -> pint.Quantity[Any]:
        """Each measure's wedge summed over areas and sectors, ``(measures, years)``."""
        result: pint.Quantity[Any] = self.wedges.sum(axis=(1, 2))
        return result

    @property
    def by_area(self) -> pint.Quantity[Any]:
        """Each measure's wedge per area, summed over sectors, ``(measures, areas, years)``."""
        result: pint.Quantity[Any] = self.wedges.sum(axis=2)
        return result

    @property
    def by_sector(self) -> pint.Quantity[Any]:
        """Each measure's wedge per sector, summed over areas, ``(measures, sectors, years)``."""
        result: pint.Quantity[Any] = self.wedges.sum(axis=1)
        return result

    @property
    def exact(self) -> bool:
        """Whether every group was solved exactly."""
        return all(g.exact for g in self.groups)


def _interaction_groups(signatures: npt.NDArray[np.bool_], names: tuple[str, ...]) -> Any:
    parent = list(range(len(names)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    involved: set[int] = set()
    for row in signatures:
        members = np.flatnonzero(row).tolist()
        involved.update(members)
        for other in members[1:]:
            parent[root(other)] = root(members[0])
    groups: dict[int, list[str]] = {}
    for i in sorted(involved):
        groups.setdefault(root(i), []).append(names[i])
    return tuple(tuple(g) for g in groups.values())


def attribute(
    combination: Combination,
    *,
    max_exact: int = 12,
    samples: int = 200,
    seed: int = 0,
) -> Attribution:
    """Shapley wedges of ``combination``: exact up to ``max_exact`` measures meeting in a cell.

    Beyond that ``samples`` permutations are drawn with ``numpy.random.default_rng(seed)``.
    """
    if max_exact > 20:
        raise ValueError(f"max_exact={max_exact} would need 2^{max_exact} coalitions per cell")
    effects = combination.effects
    baseline = combination.baseline
    a, s, y = baseline.shape
    names = combination.names
    n_measures = len(names)
    wedges = np.zeros((n_measures, a * s, y))
    errors = np.zeros((n_measures, y))
    base = baseline.magnitude.reshape(a * s, y)

    n_cells = a * s
    # one column per (measure, cell) pair with effects; its rows summed or multiplied block by
    # block (no cell twice in a block), in the rows' (name) order
    pair_of = np.full((n_measures, n_cells), -1, dtype=np.intp)
    row_pair = np.empty(len(effects.cell), dtype=np.intp)
    n_pairs = 0
    for lo, hi in effects.blocks:
        m, cells_of_block = effects.measure[lo], effects.cell[lo:hi]
        ids = pair_of[m, cells_of_block]
        new = ids < 0
        count = int(new.sum())
        if count:
            pair_of[m, cells_of_block[new]] = np.arange(n_pairs, n_pairs + count)
            n_pairs += count
        row_pair[lo:hi] = pair_of[m, cells_of_block]
    pair_measure, pair_cell = np.nonzero(pair_of >= 0)
    ids = pair_of[pair_measure, pair_cell]
    order_by_id = np.empty(n_pairs, dtype=np.intp)
    order_by_id[ids] = np.arange(n_pairs)
    pair_measure, pair_cell = pair_measure[order_by_id], pair_cell[order_by_id]
    factor = np.ones((n_pairs, y))
    added = np.zeros((n_pairs, y))
    cut = np.zeros((n_pairs, y))
    has = np.zeros((3, n_pairs), dtype=bool)  # which kinds of effect each pair has
    for lo, hi in effects.blocks:
        rows, amount = row_pair[lo:hi], effects.amount[lo:hi]
        kind = effects.kind[lo]
        has[kind, rows] = True
        if kind == RELATIVE:
            factor[rows] *= 1.0 - amount
        elif kind == CUT:
            cut[rows] += amount
        else:
            added[rows] += amount

    # group cells by the set of measures acting on them (their "signature")
    acting = np.zeros((n_cells, n_measures), dtype=bool)
    acting[pair_cell, pair_measure] = True
    cells = np.flatnonzero(acting.any(axis=1))
    if n_measures <= 62:
        keys = acting[cells] @ (np.int64(1) << np.arange(n_measures, dtype=np.int64))
        _, first, cell_group = np.unique(keys, return_index=True, return_inverse=True)
        signatures = acting[cells[first]]
    else:
        signatures, cell_group = np.unique(acting[cells], axis=0, return_inverse=True)
    cell_group = cell_group.reshape(-1)
    n_groups = len(signatures)
    # local position of each cell within its group, and each pair's group
    cell_order = np.argsort(cell_group, kind="stable")
    cell_bounds = np.searchsorted(cell_group[cell_order], np.arange(n_groups + 1))
    local = np.empty(n_cells, dtype=np.intp)
    local[cells[cell_order]] = np.arange(len(cells)) - np.repeat(
        cell_bounds[:-1], np.diff(cell_bounds)
    )
    group_of_cell = np.full(n_cells, -1, dtype=np.intp)
    group_of_cell[cells] = cell_group
    pair_group = group_of_cell[pair_cell]
    pair_order = np.argsort(pair_group, kind="stable")
    pair_bounds = np.searchsorted(pair_group[pair_order], np.arange(n_groups + 1))
    position = np.full(n_measures, -1, dtype=np.intp)
    rng = np.random.default_rng(seed)
    groups = []
    for g in range(n_groups):
        players = np.flatnonzero(signatures[g])
        n = len(players)
        position[players] = np.arange(n)
        flat = cells[cell_order[cell_bounds[g] : cell_bounds[g + 1]]]
        c = len(flat)
        chosen = pair_order[pair_bounds[g] : pair_bounds[g + 1]]
        where_player = position[pair_measure[chosen]]
        where_cell = local[pair_cell[chosen]]
        present = np.any(has[:, chosen], axis=1)
        parts: list[FloatArray | None] = []
        for kind, source, empty in ((RELATIVE, factor, 1.0), (ADD, added, 0.0), (CUT, cut, 0.0)):
            if present[kind] or n > max_exact:
                part = np.full((n, c, y), empty)
                part[where_player, where_cell] = source[chosen]
                parts.append(part.reshape(n, c * y))
            else:
                parts.append(None)
        b = base[flat].reshape(-1)
        sink = np.repeat(effects.sink[flat], y)
        f_g, a_g, d_g = parts
        if n <= max_exact:
            phi = shapley_exact(b, f_g, a_g, d_g, sink, n_players=n)
            used = 0
        else:
            if f_g is None or a_g is None or d_g is None:  # allocated above when sampled
                raise AssertionError("every kind of effect is allocated for sampling")
            phi, err = shapley_sampled(
                b,
                f_g,
                a_g,
                d_g,
                sink,
                samples=samples,
                rng=rng,
                reduce_to=np.tile(np.arange(y), c),
                n_groups=y,
            )
            # independent groups: variances add
            errors[players] = np.sqrt(errors[players] ** 2 + err**2)
            used = 2 * max(1, (samples + 1) // 2)
        wedges[players[:, None], flat[None, :]] = phi.reshape(n, c, y)
        groups.append(CellGroup(tuple(names[i] for i in players), c, n <= max_exact, used))
    unit = baseline.unit
    return Attribution(
        combination=combination,
        wedges=Q_(wedges.reshape(n_measures, a, s, y), unit),
        standard_error=Q_(errors, unit),
        groups=tuple(groups),
        interaction_groups=_interaction_groups(signatures, names),
    )
