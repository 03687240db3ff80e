"""Portfolio selection: the cheapest set of candidate measures that meets a target reduction.

In one evaluation ``year``, choose among ``candidates`` the set with the lowest annualised
cost (EUR/a, :meth:`~canemure.engine.measures.Measure.annualised_cost`) whose reduction of
total emissions, together with the ``fixed`` (already decided) measures, is at least
``target`` (t CO2e/a, counted from the baseline, so what the fixed measures cut counts), under

* ``budget``: the total investment of fixed and chosen measures (EUR) at most this;
* ``sector_limits``: the investment of the measures of a sector at most this (EUR); a
  measure's sector is that of its first effect on emissions (:func:`portfolio_sector`),
  ``"compensation"`` for a compensation.

Reductions are always those of the measures *combined* (:mod:`canemure.engine.combine`):
measures on the same cells interact, so the reduction of a set is not the sum of its members'.

Selection methods
-----------------
``"greedy"`` (default, no extra dependency)
    Like the MAC curve (:mod:`canemure.engine.macc`): repeatedly add the candidate with the
    lowest *marginal* cost-effectiveness (annualised cost / what it adds given those already
    in; ties by name) that fits the budget and sector limits, until the target is met. Then
    drop, most expensive first, every chosen measure without which the target is still met,
    and add every remaining measure with a negative annualised cost that fits (it saves
    money). Greedy can miss the optimum: :func:`compare_with_optimum` says by how much.
``"enumerate"`` (exact, no extra dependency)
    Every subset of the candidates, each evaluated with the true combination: exact, for up
    to :data:`ENUMERATION_LIMIT` candidates.
``"milp"`` (``scipy.optimize.milp``, extra ``optimize``)
    A mixed-integer linear programme with one binary ``x_i`` per candidate. Combination is not
    linear (relative cuts multiply, sectors stop at zero), so the reduction is expanded to
    second order around the fixed set ``F`` (inclusion-exclusion over pairs)::

        A(S) ~ A(F) + sum_i a_i x_i + sum_{i<j} b_ij y_ij
        a_i  = A(F + i) - A(F)
        b_ij = A(F + i + j) - A(F + i) - A(F + j) + A(F)       (only for pairs sharing a cell)

    with ``y_ij = x_i x_j`` linearised (``y_ij >= x_i + x_j - 1`` when ``b_ij < 0``,
    ``y_ij <= x_i, x_j`` when ``b_ij > 0``). This is exact when at most two chosen measures
    act on any one cell and no third-order effect (e.g. three absolute cuts exhausting a
    sector) occurs; otherwise it is an approximation. The solution is therefore always
    re-evaluated with the true combination and :attr:`Portfolio.met` reports the truth; a
    :attr:`Portfolio.note` says when the approximation and the truth disagree. Where it
    overestimates (three cuts that together would take more than the sector emits) the
    chosen set may fall short; where it underestimates (three relative cuts of one sector)
    it may miss a set that would do. Use ``"enumerate"`` when the candidates are few.

Every candidate needs costs and a lifetime (all that lack them are named in one error).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Literal, cast

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure.engine.combine import CUT, RELATIVE, compile_effects, remaining_emissions
from canemure.engine.measures import Measure
from canemure.errors import MissingDependencyError
from canemure.inventory import EmissionInventory
from canemure.sectors import CREDITS
from canemure.units import Q_, ensure_unit

__all__ = [
    "ENUMERATION_LIMIT",
    "Comparison",
    "Portfolio",
    "compare_with_optimum",
    "portfolio_sector",
    "select_portfolio",
]

FloatArray = npt.NDArray[np.float64]
Method = Literal["greedy", "enumerate", "milp"]

ENUMERATION_LIMIT = 16
"""Most candidates ``method="enumerate"`` accepts (it evaluates 2**n subsets)."""
_TOLERANCE = 1e-9
"""Relative slack when comparing a reduction with the target (rounding of sums)."""


def portfolio_sector(measure: Measure) -> str:
    """The sector a measure counts under for sector limits: that of its first effect."""
    for effect in measure.mechanism.effects(cast(pint.Unit, Q_(1, "t CO2e / a").units)):
        if effect.kind != "compensation" and effect.sector is not None:
            return effect.sector
    return "compensation"


@attrs.frozen
class Portfolio:
    """A selected set of measures and what it achieves in the evaluation year."""

    method: str
    """``"greedy"``, ``"enumerate"`` or ``"milp"``."""
    year: int
    """The evaluation year."""
    chosen: tuple[str, ...]
    """The candidates selected, by name (the order they were added in, for greedy)."""
    fixed: tuple[str, ...]
    """The measures fixed in."""
    reduction: pint.Quantity[Any]
    """Reduction of total emissions by fixed and chosen measures combined (t CO2e/a)."""
    target: pint.Quantity[Any]
    """The reduction asked for (t CO2e/a)."""
    annualised_cost: pint.Quantity[Any]
    """Annualised cost of fixed and chosen measures (EUR/a)."""
    investment: pint.Quantity[Any]
    """Investment of fixed and chosen measures (EUR)."""
    met: bool
    """Whether the combined reduction reaches the target."""
    note: str = ""
    """What to know about the result (infeasible, approximation off ...)."""

    @property
    def cost_effectiveness(self) -> pint.Quantity[Any]:
        """Annualised cost / reduction (EUR/t CO2e); NaN when nothing is reduced."""
        from canemure.engine.costs import cost_effectiveness

        return cost_effectiveness(self.annualised_cost, self.reduction)


@attrs.frozen
class Comparison:
    """Greedy against the optimum: how much more greedy's portfolio costs."""

    greedy: Portfolio
    """The greedy portfolio."""
    optimum: Portfolio
    """The exact (``enumerate``) or MILP portfolio."""

    @property
    def gap(self) -> pint.Quantity[Any]:
        """Greedy's annualised cost minus the optimum's (EUR/a); NaN unless both meet the target."""
        if not (self.greedy.met and self.optimum.met):
            return Q_(float("nan"), "EUR / a")
        result: pint.Quantity[Any] = self.greedy.annualised_cost - self.optimum.annualised_cost
        return result

    @property
    def relative_gap(self) -> float:
        """The gap as a share of the optimum's absolute cost (NaN when that is zero)."""
        optimum = abs(float(self.optimum.annualised_cost.m_as("EUR / a")))
        gap = float(self.gap.m_as("EUR / a"))
        return gap / optimum if optimum > 0 else float("nan")


class _Evaluator:
    """Total reduction of any subset of measures in one year, from effects compiled once."""

    def __init__(
        self, one_year: EmissionInventory, measures: Sequence[Measure], sinks: Collection[str]
    ) -> None:
        effects = compile_effects(one_year, measures, sinks)
        self.effects = effects
        touched = np.unique(effects.cell)
        base = one_year.magnitude.reshape(-1)
        self.unit = one_year.unit
        if np.isnan(base[touched]).any():
            s = len(one_year.sectors)
            bad = [
                f"{one_year.areas.labels[c // s]}/{one_year.sectors.labels[c % s]}"
                for c in touched
                if np.isnan(base[c])
            ]
            raise ValueError(f"the baseline is not estimated where measures act: {bad}")
        self.cells = touched
        self.base = base[touched]
        self.local = np.searchsorted(touched, effects.cell)
        self.sink = effects.sink[touched]
        self.amount = effects.amount[:, 0] if effects.amount.size else np.zeros(0)

    def reduction(self, members: npt.NDArray[np.bool_]) -> float:
        """Baseline minus remaining emissions, summed over cells, with ``members`` acting."""
        rows = members[self.effects.measure]
        kind, local, amount = self.effects.kind[rows], self.local[rows], self.amount[rows]
        n = len(self.cells)
        factor = np.ones(n)
        np.multiply.at(factor, local[kind == RELATIVE], 1.0 - amount[kind == RELATIVE])
        cut = np.bincount(local[kind == CUT], amount[kind == CUT], minlength=n).astype(np.float64)
        added = np.bincount(local[kind > CUT], amount[kind > CUT], minlength=n).astype(np.float64)
        left = remaining_emissions(self.base, factor, added, cut, self.sink)
        return float(np.sum(self.base) - np.sum(left))


def _check(candidates: Sequence[Measure], fixed: Sequence[Measure]) -> None:
    lacking = [
        m.name
        for m in [*candidates, *fixed]
        if m.costs is None or m.ramp.lifetime is None or m.cancelled
    ]
    if lacking:
        raise ValueError(
            "portfolio measures need costs and a lifetime and must not be cancelled: "
            + ", ".join(repr(n) for n in lacking)
        )
    names = [m.name for m in [*candidates, *fixed]]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"measure names must be unique across candidates and fixed: {repeated}")


@attrs.frozen
class _Problem:
    """The numbers of one selection problem, unit-free (t CO2e/a, EUR/a, EUR)."""

    evaluator: _Evaluator
    cost: FloatArray
    investment: FloatArray
    sector: tuple[str, ...]
    free: int
    target: float
    budget: float
    limits: dict[str, float]
    to_t: float

    def members(self, chosen: Collection[int]) -> npt.NDArray[np.bool_]:
        mask = np.zeros(len(self.cost), dtype=bool)
        mask[self.free :] = True  # fixed measures are always in
        mask[list(chosen)] = True
        return mask

    def reduction(self, chosen: Collection[int]) -> float:
        return self.evaluator.reduction(self.members(chosen)) * self.to_t

    def fits(self, chosen: Collection[int]) -> bool:
        mask = self.members(chosen)
        if float(self.investment[mask].sum()) > self.budget * (1 + _TOLERANCE):
            return False
        for sector, limit in self.limits.items():
            spent = sum(
                self.investment[i] for i in np.flatnonzero(mask) if self.sector[i] == sector
            )
            if spent > limit * (1 + _TOLERANCE):
                return False
        return True

    def meets(self, reduction: float) -> bool:
        return reduction >= self.target - _TOLERANCE * max(abs(self.target), 1.0)


def _problem(
    baseline: EmissionInventory,
    *,
    candidates: Sequence[Measure],
    year: int,
    target: pint.Quantity[Any],
    budget: pint.Quantity[Any] | None,
    fixed: Sequence[Measure],
    sector_limits: Mapping[str, pint.Quantity[Any]] | None,
    sinks: Collection[str],
) -> _Problem:
    _check(candidates, fixed)
    wanted = float(ensure_unit(target, "t CO2e / a", "target").m_as("t CO2e / a"))
    spend = (
        float("inf") if budget is None else float(ensure_unit(budget, "EUR", "budget").m_as("EUR"))
    )
    limits = {
        sector: float(ensure_unit(limit, "EUR", f"limit of sector {sector!r}").m_as("EUR"))
        for sector, limit in (sector_limits or {}).items()
    }
    measures = [*candidates, *fixed]
    one_year = baseline.sel(years=[year])
    cost = np.array([m.annualised_cost().m_as("EUR / a") for m in measures], dtype=np.float64)
    investment = np.array(
        [m.costs.investment.m_as("EUR") * m.total_scale for m in measures if m.costs is not None],
        dtype=np.float64,
    )
    to_t = float(Q_(1.0, baseline.unit).m_as("t CO2e / a"))
    return _Problem(
        evaluator=_Evaluator(one_year, measures, sinks),
        cost=cost,
        investment=investment,
        sector=tuple(portfolio_sector(m) for m in measures),
        free=len(candidates),
        target=wanted,
        budget=spend,
        limits=limits,
        to_t=to_t,
    )


def _result(
    problem: _Problem,
    *,
    method: str,
    year: int,
    chosen: Sequence[int],
    names: Sequence[str],
    note: str = "",
) -> Portfolio:
    mask = problem.members(chosen)
    reduction = problem.reduction(chosen)
    met = problem.meets(reduction)
    if not met and not note:
        note = "no set of candidates within the constraints reaches the target"
    return Portfolio(
        method=method,
        year=year,
        chosen=tuple(names[i] for i in chosen),
        fixed=tuple(names[problem.free :]),
        reduction=Q_(reduction, "t CO2e / a"),
        target=Q_(problem.target, "t CO2e / a"),
        annualised_cost=Q_(float(problem.cost[mask].sum()), "EUR / a"),
        investment=Q_(float(problem.investment[mask].sum()), "EUR"),
        met=met,
        note=note,
    )


def _greedy(problem: _Problem, names: Sequence[str]) -> list[int]:
    chosen: list[int] = []
    left = sorted(range(problem.free), key=lambda i: names[i])
    current = problem.reduction(chosen)
    while left and not problem.meets(current):
        best: tuple[float, int, float] | None = None
        for i in left:
            if not problem.fits([*chosen, i]):
                continue
            after = problem.reduction([*chosen, i])
            added = after - current
            if not added > 0:
                continue
            ratio = problem.cost[i] / added
            if best is None or ratio < best[0]:
                best = (ratio, i, after)
        if best is None:
            break
        _ratio, i, current = best
        chosen.append(i)
        left.remove(i)
    if problem.meets(current):
        # drop what is not needed, most expensive first
        for i in sorted(chosen, key=lambda i: (-problem.cost[i], names[i])):
            rest = [j for j in chosen if j != i]
            if problem.meets(problem.reduction(rest)):
                chosen = rest
        # keep every measure that saves money and fits
        for i in sorted(left, key=lambda i: (problem.cost[i], names[i])):
            with_it = [*chosen, i]
            saves = problem.cost[i] < 0 and problem.fits(with_it)
            if saves and problem.meets(problem.reduction(with_it)):
                chosen = with_it
    return chosen


def _enumerate(problem: _Problem) -> list[int]:
    if problem.free > ENUMERATION_LIMIT:
        raise ValueError(
            f"method='enumerate' takes at most {ENUMERATION_LIMIT} candidates, got "
            f"{problem.free}; use method='milp' (extra 'optimize') or 'greedy'"
        )
    best: tuple[float, float, list[int]] | None = None  # (cost, -reduction, subset)
    fallback: tuple[float, float, list[int]] | None = None  # most reduction if none meets
    for size in range(problem.free + 1):
        for subset in itertools.combinations(range(problem.free), size):
            chosen = list(subset)
            if not problem.fits(chosen):
                continue
            reduction = problem.reduction(chosen)
            cost = float(problem.cost[chosen].sum())
            if problem.meets(reduction):
                if best is None or (cost, -reduction) < best[:2]:
                    best = (cost, -reduction, chosen)
            elif fallback is None or (-reduction, cost) < (fallback[1], fallback[0]):
                fallback = (cost, -reduction, chosen)
    if best is not None:
        return best[2]
    return fallback[2] if fallback is not None else []


def _milp(problem: _Problem) -> tuple[list[int], str]:
    try:
        from scipy.optimize import Bounds, LinearConstraint, milp
    except ImportError as exc:
        raise MissingDependencyError("scipy", "optimize", "Exact portfolio selection") from exc
    n = problem.free
    base = problem.reduction([])
    single = np.array([problem.reduction([i]) - base for i in range(n)])
    cells = problem.evaluator
    rows_of = [set(cells.local[cells.effects.measure == i].tolist()) for i in range(n)]
    pairs: list[tuple[int, int, float]] = []
    for i, j in itertools.combinations(range(n), 2):
        if rows_of[i] & rows_of[j]:
            b = problem.reduction([i, j]) - base - single[i] - single[j]
            if abs(b) > 1e-12 * max(1.0, abs(problem.target)):
                pairs.append((i, j, b))
    size = n + len(pairs)
    cost = np.concatenate([problem.cost[:n], np.zeros(len(pairs))])
    matrix: list[FloatArray] = []
    lower: list[float] = []
    upper: list[float] = []

    def row(entries: Mapping[int, float], lo: float, hi: float) -> None:
        line = np.zeros(size)
        for k, v in entries.items():
            line[k] = v
        matrix.append(line)
        lower.append(lo)
        upper.append(hi)

    reach = {i: float(single[i]) for i in range(n)}
    reach.update({n + k: b for k, (_i, _j, b) in enumerate(pairs)})
    row(reach, problem.target - base - 1e-9 * max(1.0, abs(problem.target)), np.inf)
    for k, (i, j, b) in enumerate(pairs):
        if b < 0:
            row({n + k: 1.0, i: -1.0, j: -1.0}, -1.0, np.inf)
        else:
            row({n + k: 1.0, i: -1.0}, -np.inf, 0.0)
            row({n + k: 1.0, j: -1.0}, -np.inf, 0.0)
    fixed_mask = problem.members([])
    if np.isfinite(problem.budget):
        spent = float(problem.investment[fixed_mask].sum())
        row(dict(enumerate(problem.investment[:n])), -np.inf, problem.budget - spent)
    for sector, limit in problem.limits.items():
        spent = sum(
            problem.investment[i] for i in np.flatnonzero(fixed_mask) if problem.sector[i] == sector
        )
        entries = {i: float(problem.investment[i]) for i in range(n) if problem.sector[i] == sector}
        row(entries, -np.inf, limit - spent)
    integrality = np.concatenate([np.ones(n), np.zeros(len(pairs))])
    result = milp(
        cost,
        constraints=LinearConstraint(np.array(matrix), lower, upper),
        integrality=integrality,
        bounds=Bounds(np.zeros(size), np.ones(size)),
    )
    if result.x is None:
        return [], f"the linearised programme has no solution ({result.message})"
    chosen = [i for i in range(n) if result.x[i] > 0.5]
    estimate = base + sum(single[i] for i in chosen)
    estimate += sum(b for i, j, b in pairs if i in chosen and j in chosen)
    truth = problem.reduction(chosen)
    note = ""
    if abs(estimate - truth) > 1e-6 * max(1.0, abs(truth)):
        note = (
            f"pairwise approximation of interactions: estimated {estimate:.6g} t CO2e/a, "
            f"combined {truth:.6g} t CO2e/a"
        )
    return chosen, note


def select_portfolio(
    baseline: EmissionInventory,
    candidates: Sequence[Measure],
    year: int,
    target: pint.Quantity[Any],
    *,
    budget: pint.Quantity[Any] | None = None,
    fixed: Sequence[Measure] = (),
    sector_limits: Mapping[str, pint.Quantity[Any]] | None = None,
    method: Method = "greedy",
    sinks: Collection[str] = (CREDITS,),
) -> Portfolio:
    """The cheapest set of ``candidates`` reaching ``target`` in ``year`` (see the module notes).

    ``target`` is a reduction of total emissions from ``baseline`` (t CO2e/a), counting the
    ``fixed`` measures; ``budget`` and ``sector_limits`` cap investment (EUR). A target no
    set can reach gives a portfolio with ``met=False`` and a note, not an error.
    """
    if method not in ("greedy", "enumerate", "milp"):
        raise ValueError(f"method must be 'greedy', 'enumerate' or 'milp', got {method!r}")
    problem = _problem(
        baseline,
        candidates=candidates,
        year=year,
        target=target,
        budget=budget,
        fixed=fixed,
        sector_limits=sector_limits,
        sinks=sinks,
    )
    names = [m.name for m in [*candidates, *fixed]]
    if not problem.fits([]):
        note = "the fixed measures alone exceed a limit"
        return _result(problem, method=method, year=year, chosen=[], names=names, note=note)
    note = ""
    if method == "greedy":
        chosen = _greedy(problem, names)
    elif method == "enumerate":
        chosen = _enumerate(problem)
    else:
        chosen, note = _milp(problem)
    return _result(problem, method=method, year=year, chosen=chosen, names=names, note=note)


def compare_with_optimum(
    baseline: EmissionInventory,
    candidates: Sequence[Measure],
    year: int,
    target: pint.Quantity[Any],
    *,
    optimum: Literal["enumerate", "milp"] = "enumerate",
    **constraints: Any,
) -> Comparison:
    """Greedy and the optimum (``"enumerate"``, or ``"milp"``) side by side, with the gap."""
    unknown = set(constraints) - {"budget", "fixed", "sector_limits", "sinks"}
    if unknown:
        raise TypeError(f"unknown constraint(s): {sorted(unknown)}")
    greedy = select_portfolio(baseline, candidates, year, target, method="greedy", **constraints)
    best = select_portfolio(baseline, candidates, year, target, method=optimum, **constraints)
    return Comparison(greedy, best)
