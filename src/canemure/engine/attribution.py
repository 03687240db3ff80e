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
  ``v(N) - v(empty)``, so *every sample* is efficient and so is their mean: the wedges still
  add up exactly to the total. :attr:`Attribution.standard_error` gives each measure's standard
  error per year (standard deviation of the pair means / sqrt(pairs)); it is 0 for exact ones.
"""

from __future__ import annotations

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

_CHUNK = 1 << 21
"""Upper bound of coalitions x columns evaluated at once (memory ~16 MB per array)."""


def _popcount(n_players: int) -> IntArray:
    counts = np.zeros(1 << n_players, dtype=np.intp)
    for i in range(n_players):
        counts[1 << i : 1 << (i + 1)] = counts[: 1 << i] + 1
    return counts


def shapley_exact(
    baseline: FloatArray,
    factor: FloatArray,
    added: FloatArray,
    cut: FloatArray,
    sink: npt.NDArray[np.bool_],
) -> FloatArray:
    """Exact Shapley values of ``n`` players on ``k`` columns (cells x years).

    ``baseline`` and ``sink`` have shape ``(k,)``; ``factor``, ``added`` and ``cut`` shape
    ``(n, k)`` (each player's own ``1 - r``, ``a`` and ``d``). Returns ``(n, k)``.
    """
    n, k = factor.shape
    size = 1 << n
    popcount = _popcount(n)
    fact = [float(factorial(s)) for s in range(n + 1)]
    weight = np.array([fact[s] * fact[n - s - 1] / fact[n] for s in range(n)])
    out = np.empty((n, k))
    step = max(1, _CHUNK // size)
    for lo in range(0, k, step):
        hi = min(k, lo + step)
        width = hi - lo
        r = np.empty((size, width))
        a = np.empty((size, width))
        d = np.empty((size, width))
        r[0], a[0], d[0] = 1.0, 0.0, 0.0
        for i in range(n):
            half = 1 << i
            np.multiply(r[:half], factor[i, lo:hi], out=r[half : 2 * half])
            np.add(a[:half], added[i, lo:hi], out=a[half : 2 * half])
            np.add(d[:half], cut[i, lo:hi], out=d[half : 2 * half])
        worth = baseline[lo:hi] - remaining_emissions(baseline[lo:hi], r, a, d, sink[lo:hi])
        for i in range(n):
            blocks = worth.reshape(size >> (i + 1), 2, 1 << i, width)
            gain = blocks[:, 1] - blocks[:, 0]
            w = weight[popcount.reshape(size >> (i + 1), 2, 1 << i)[:, 0]]
            out[i, lo:hi] = np.einsum("ab,abk->k", w, gain)
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

    # one column per (measure, cell) pair that has effects; sum/product its rows
    pair_key = effects.measure * (a * s) + effects.cell
    pairs, row_pair = np.unique(pair_key, return_inverse=True)
    pair_measure, pair_cell = np.divmod(pairs, a * s)
    factor = np.ones((len(pairs), y))
    added = np.zeros((len(pairs), y))
    cut = np.zeros((len(pairs), y))
    rel = effects.kind == RELATIVE
    np.multiply.at(factor, row_pair[rel], 1.0 - effects.amount[rel])
    for code, target in ((CUT, cut), (ADD, added)):
        rows = effects.kind == code
        np.add.at(target, row_pair[rows], effects.amount[rows])

    # group cells by the set of measures acting on them
    cells, pair_cell_local = np.unique(pair_cell, return_inverse=True)
    acting = np.zeros((len(cells), n_measures), dtype=bool)
    acting[pair_cell_local, pair_measure] = True
    signatures, cell_group = np.unique(acting, axis=0, return_inverse=True)
    cell_group = cell_group.reshape(-1)
    rng = np.random.default_rng(seed)
    groups = []
    order = np.argsort(cell_group, kind="stable")
    bounds = np.searchsorted(cell_group[order], np.arange(len(signatures) + 1))
    pair_order = np.argsort(pair_cell_local, kind="stable")
    pair_bounds = np.searchsorted(pair_cell_local[pair_order], np.arange(len(cells) + 1))
    position = np.full(n_measures, -1, dtype=np.intp)
    for g, signature in enumerate(signatures):
        players = np.flatnonzero(signature)
        n = len(players)
        position[players] = np.arange(n)
        local = order[bounds[g] : bounds[g + 1]]  # indices into ``cells``
        flat = cells[local]
        c = len(flat)
        # the pairs of these cells, placed at (player position, local cell)
        chosen = np.concatenate([pair_order[pair_bounds[i] : pair_bounds[i + 1]] for i in local])
        where_cell = np.repeat(np.arange(c), np.diff(pair_bounds)[local])
        where_player = position[pair_measure[chosen]]
        f = np.ones((n, c, y))
        ad = np.zeros((n, c, y))
        cu = np.zeros((n, c, y))
        f[where_player, where_cell] = factor[chosen]
        ad[where_player, where_cell] = added[chosen]
        cu[where_player, where_cell] = cut[chosen]
        b = base[flat].reshape(-1)
        sink = np.repeat(effects.sink[flat], y)
        shape = (n, c * y)
        if n <= max_exact:
            phi = shapley_exact(b, f.reshape(shape), ad.reshape(shape), cu.reshape(shape), sink)
            used = 0
        else:
            phi, err = shapley_sampled(
                b,
                f.reshape(shape),
                ad.reshape(shape),
                cu.reshape(shape),
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
