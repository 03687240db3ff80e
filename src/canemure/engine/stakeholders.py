"""Stakeholder selection (roadmap step 4): multi-criteria ranking of candidate measures.

Each candidate has a raw value per criterion (:data:`CRITERIA`): cost-effectiveness
(EUR/t CO2e, lower is better), abatement (t CO2e/a), replicability, co-benefits,
feasibility, resilience and SYKE's impact stars (higher is better; ratings on any scale the
group agrees on). A stakeholder group weighs the criteria; the ranking is built in the open:

1. **normalise** each criterion over the candidates, min-max to ``[0, 1]`` with 1 the best
   (``(x - min) / (max - min)``, or ``(max - x) / (max - min)`` when lower is better); a
   criterion on which all candidates are equal gives every one 1 (it cannot separate them);
2. **weigh**: a candidate's score is ``sum_c w_c n_c / sum_c w_c``, so weights are shares
   and multiplying every weight by the same positive number changes nothing;
3. **rank** by score, highest first (ties by name).

:class:`ScoreTable` keeps every raw value, normalised value, weight share and contribution.
:func:`weight_sensitivity` says, for each criterion, how far its weight can move (the others
held) before any two candidates swap: with ``N_i = sum_c w_c n_ic``, changing ``w_k`` by
``d`` changes ``N_i - N_j`` by ``d (n_ik - n_jk)``, so the pair swaps at
``d = -(N_i - N_j) / (n_ik - n_jk)``; the nearest such ``d`` above and below (not below
``-w_k``: a weight is never negative) bound the interval.

No weights are built in: they are what stakeholders decide. A rating that is missing is not
a zero: a candidate without a value on a criterion with a non-zero weight is an error (or,
when asked with ``missing="worst"``, scores 0 on it, and the table says so).

SYKE's model roadmaps (:func:`model_roadmap_measures`) rate measures 1-5 stars for impact and
mark resilience ``#``, and list tasks under each measure; :meth:`Candidate.from_model_roadmap`
takes those ratings as the ``impact`` and ``resilience`` criteria and keeps the tasks.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure._resources import bundled_path, read_bundled_csv
from canemure.engine.macc import MaccStep
from canemure.errors import DataFormatError, Problem, ProblemCollector
from canemure.units import ensure_unit

__all__ = [
    "CRITERIA",
    "LOWER_IS_BETTER",
    "MODEL_ROADMAPS_FILE",
    "REGION_ABBREVIATIONS",
    "Candidate",
    "ModelRoadmapMeasure",
    "ScoreCell",
    "ScoreRow",
    "ScoreTable",
    "WeightRange",
    "candidates_from_macc",
    "model_roadmap_measures",
    "rank_candidates",
    "rank_for_groups",
    "read_model_roadmap",
    "weight_sensitivity",
]

FloatArray = npt.NDArray[np.float64]

CRITERIA = (
    "cost_effectiveness",
    "abatement",
    "replicability",
    "co_benefits",
    "feasibility",
    "resilience",
    "impact",
)
"""The criteria a candidate can be rated on."""
LOWER_IS_BETTER = frozenset({"cost_effectiveness"})
"""Criteria where a lower value is better (EUR per tonne)."""
_UNITS = {"cost_effectiveness": "EUR / (t CO2e)", "abatement": "t CO2e / a"}
"""Criteria given as quantities, and the unit their raw values are kept in."""

MODEL_ROADMAPS_FILE = "model_roadmaps_measures.csv"
"""Bundled measures and tasks of SYKE's model roadmaps (2022)."""
REGION_ABBREVIATIONS: Mapping[str, str] = {
    "E-K": "Etelä-Karjala",
    "SK": "Etelä-Karjala",
    "PI": "Pirkanmaa",
    "P-H": "Päijät-Häme",
    "P-P": "Pohjois-Pohjanmaa",
    "NO": "Pohjois-Pohjanmaa",
    "S": "Satakunta",
    "UM": "Uusimaa",
    "V-S": "Varsinais-Suomi",
    "SF": "Varsinais-Suomi",
}
"""The model roadmaps' source-region abbreviations, Finnish and English page's, to the region."""


def _rating(criterion: str, value: object) -> float:
    if criterion in _UNITS:
        if isinstance(value, float) and math.isnan(value):
            return value
        quantity = ensure_unit(value, _UNITS[criterion], criterion)
        return float(quantity.m_as(_UNITS[criterion]))
    if isinstance(value, pint.Quantity):
        return float(value.m_as("dimensionless"))
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"rating {criterion!r} must be a number, got {value!r}")
    return float(value)


def _ratings(value: Mapping[str, object]) -> dict[str, float]:
    unknown = sorted(set(value) - set(CRITERIA))
    if unknown:
        raise ValueError(f"unknown criteria {unknown}; known: {', '.join(CRITERIA)}")
    return {c: _rating(c, v) for c, v in value.items()}


@attrs.frozen
class Candidate:
    """A measure to rank: its raw value per criterion, its tasks and where it comes from."""

    name: str
    """The measure's name (unique among the candidates ranked together)."""
    ratings: Mapping[str, float] = attrs.field(converter=_ratings)
    """Raw value per criterion (quantities for cost-effectiveness and abatement); NaN or
    absent = not rated."""
    tasks: tuple[str, ...] = ()
    """Tasks that support or enable the measure (the model roadmaps list them)."""
    source: str = ""
    """Where the ratings come from."""

    @classmethod
    def from_model_roadmap(cls, measure: ModelRoadmapMeasure, **ratings: object) -> Candidate:
        """A candidate from a model-roadmap row, with its tasks.

        Its stars become ``impact`` and its ``#`` mark ``resilience`` (1 marked, 0 not
        marked, absent when the row is not rated); other criteria are given as keywords.
        """
        given: dict[str, object] = dict(ratings)
        if measure.impact_stars is not None:
            given.setdefault("impact", float(measure.impact_stars))
        if measure.resilience is not None:
            given.setdefault("resilience", 1.0 if measure.resilience else 0.0)
        name = measure.measure_en or measure.measure_fi or measure.theme_en
        return cls(name, given, measure.tasks, f"SYKE model roadmaps: {measure.url}")


def candidates_from_macc(
    steps: Sequence[MaccStep],
    ratings: Mapping[str, Mapping[str, object]] | None = None,
) -> tuple[Candidate, ...]:
    """Candidates from a MAC curve: each step's cost-effectiveness and marginal abatement.

    ``ratings`` adds the other criteria per measure name (``{"cycling": {"feasibility": 4}}``).
    A step whose cost-effectiveness is not defined (it abates nothing more) is not rated on
    it (NaN), so ranking on cost-effectiveness then asks for ``missing="worst"``.
    """
    extra = dict(ratings or {})
    unknown = sorted(set(extra) - {step.measure for step in steps})
    if unknown:
        raise ValueError(f"ratings for measures not on the curve: {unknown}")
    return tuple(
        Candidate(
            step.measure,
            {
                "cost_effectiveness": step.cost_effectiveness,
                "abatement": step.abatement,
                **extra.get(step.measure, {}),
            },
            source="MAC curve (marginal abatement given the measures before it)",
        )
        for step in steps
    )


@attrs.frozen
class ScoreCell:
    """One criterion of one candidate in the score table."""

    raw: float
    """The raw value (NaN = not rated)."""
    normalised: float
    """Min-max normalised, 1 = best among the candidates (0 for a missing value under
    ``missing="worst"``)."""
    weight: float
    """The criterion's weight share (weights divided by their sum)."""

    @property
    def contribution(self) -> float:
        """``normalised * weight``: what this criterion adds to the score."""
        return self.normalised * self.weight


@attrs.frozen
class ScoreRow:
    """One candidate in the score table."""

    candidate: str
    """The candidate's name."""
    rank: int
    """1 = best."""
    cells: Mapping[str, ScoreCell]
    """Per criterion with a weight."""
    missing: tuple[str, ...]
    """Criteria that were not rated and scored as the worst."""

    @property
    def score(self) -> float:
        """The weighted score, from 0 to 1."""
        return float(sum(cell.contribution for cell in self.cells.values()))


@attrs.frozen
class ScoreTable:
    """A transparent ranking: per candidate and criterion, raw, normalised, weight, product."""

    group: str
    """The stakeholder group whose weights were used."""
    criteria: tuple[str, ...]
    """The criteria with a non-zero weight, in :data:`CRITERIA` order."""
    weights: Mapping[str, float]
    """The weights as given."""
    rows: tuple[ScoreRow, ...]
    """Best first."""

    @property
    def ranking(self) -> tuple[str, ...]:
        """The candidates, best first."""
        return tuple(row.candidate for row in self.rows)

    def format(self) -> str:
        """The table as text: one line per candidate, ``normalised x weight`` per criterion."""
        head = ["rank", "candidate", *self.criteria, "score"]
        lines = [" | ".join(head)]
        for row in self.rows:
            cells = [
                f"{row.cells[c].normalised:.3f}x{row.cells[c].weight:.3f}"
                + ("*" if c in row.missing else "")
                for c in self.criteria
            ]
            lines.append(" | ".join([str(row.rank), row.candidate, *cells, f"{row.score:.3f}"]))
        if any(row.missing for row in self.rows):
            lines.append("* not rated: scored as the worst (missing='worst')")
        return "\n".join(lines)


def _matrix(
    candidates: Sequence[Candidate],
    criteria: Sequence[str],
    missing: Literal["error", "worst"],
) -> tuple[FloatArray, FloatArray]:
    raw = np.array(
        [[c.ratings.get(k, math.nan) for k in criteria] for c in candidates], dtype=np.float64
    ).reshape(len(candidates), len(criteria))
    holes = np.isnan(raw)
    if holes.any() and missing == "error":
        listed = [
            f"{candidates[i].name}: {criteria[j]}" for i, j in zip(*np.nonzero(holes), strict=True)
        ]
        raise ValueError(
            "not rated on a weighted criterion (give a rating, a zero weight, or "
            "missing='worst'): " + "; ".join(listed)
        )
    with np.errstate(all="ignore"):
        low, high = np.nanmin(raw, axis=0), np.nanmax(raw, axis=0)
        span = high - low
        norm = np.where(span > 0, (raw - low) / np.where(span > 0, span, 1.0), 1.0)
    flip = np.array([k in LOWER_IS_BETTER for k in criteria])
    norm = np.where(flip & (span > 0), 1.0 - norm, norm)
    norm = np.where(holes, 0.0, norm)
    return raw, norm


def _weights(weights: Mapping[str, float]) -> tuple[tuple[str, ...], FloatArray]:
    unknown = sorted(set(weights) - set(CRITERIA))
    if unknown:
        raise ValueError(f"weights for unknown criteria {unknown}; known: {', '.join(CRITERIA)}")
    bad = {k: w for k, w in weights.items() if not (w >= 0 and math.isfinite(w))}
    if bad:
        raise ValueError(f"weights must be finite and >= 0, got {bad}")
    criteria = tuple(c for c in CRITERIA if weights.get(c, 0.0) > 0)
    if not criteria:
        raise ValueError("at least one weight must be positive")
    return criteria, np.array([float(weights[c]) for c in criteria])


def _order(totals: FloatArray, names: Sequence[str]) -> list[int]:
    return sorted(range(len(names)), key=lambda i: (-totals[i], names[i]))


def rank_candidates(
    candidates: Sequence[Candidate],
    weights: Mapping[str, float],
    *,
    group: str = "",
    missing: Literal["error", "worst"] = "error",
) -> ScoreTable:
    """Rank ``candidates`` with one group's ``weights`` (see the module notes)."""
    names = [c.name for c in candidates]
    if len(set(names)) != len(names):
        raise ValueError(f"candidate names must be unique: {sorted(names)}")
    if not candidates:
        raise ValueError("no candidates to rank")
    criteria, w = _weights(weights)
    raw, norm = _matrix(candidates, criteria, missing)
    share = w / w.sum()
    totals = norm @ share
    rows = []
    for rank, i in enumerate(_order(totals, names), start=1):
        cells = {
            k: ScoreCell(float(raw[i, j]), float(norm[i, j]), float(share[j]))
            for j, k in enumerate(criteria)
        }
        holes = tuple(k for j, k in enumerate(criteria) if math.isnan(raw[i, j]))
        rows.append(ScoreRow(names[i], rank, cells, holes))
    return ScoreTable(group, criteria, dict(weights), tuple(rows))


def rank_for_groups(
    candidates: Sequence[Candidate],
    groups: Mapping[str, Mapping[str, float]],
    *,
    missing: Literal["error", "worst"] = "error",
) -> dict[str, ScoreTable]:
    """One score table per stakeholder group (``{"municipalities": {"abatement": 2, ...}}``)."""
    return {
        group: rank_candidates(candidates, weights, group=group, missing=missing)
        for group, weights in groups.items()
    }


@attrs.frozen
class WeightRange:
    """How far one criterion's weight can move before the ranking changes."""

    criterion: str
    """The criterion."""
    weight: float
    """Its weight as given."""
    lower: float
    """The lowest weight that keeps the ranking (>= 0; the ranking changes just below it
    unless it is 0)."""
    upper: float
    """The highest weight that keeps the ranking (``inf`` = never changes)."""
    swap_below: tuple[str, str] | None
    """The pair that swaps when the weight falls below :attr:`lower` (``None``: none)."""
    swap_above: tuple[str, str] | None
    """The pair that swaps when the weight rises above :attr:`upper` (``None``: none)."""


def weight_sensitivity(
    candidates: Sequence[Candidate],
    weights: Mapping[str, float],
    *,
    missing: Literal["error", "worst"] = "error",
) -> dict[str, WeightRange]:
    """How far each weight can move, the others held, before the ranking changes.

    For every criterion with a positive weight, and every zero-weighted one all candidates
    are rated on: the interval of weights that keep the ranking and the pair of candidates
    that swaps at each end (see the module notes).
    """
    names = [c.name for c in candidates]
    positive, _w = _weights(weights)
    criteria = tuple(
        c
        for c in CRITERIA
        if c in positive
        or (c in weights and all(not math.isnan(x.ratings.get(c, math.nan)) for x in candidates))
    )
    _raw, norm = _matrix(candidates, criteria, missing)
    w = np.array([float(weights[c]) for c in criteria])
    totals = norm @ w
    order = _order(totals, names)
    result: dict[str, WeightRange] = {}
    for k, criterion in enumerate(criteria):
        up, down = math.inf, -w[k]
        swap_up: tuple[str, str] | None = None
        swap_down: tuple[str, str] | None = None
        for a, b in itertools.pairwise(order):  # adjacent pairs, a above b
            lead = totals[a] - totals[b]
            slope = norm[a, k] - norm[b, k]
            if slope == 0:
                continue
            with np.errstate(all="ignore"):
                at = float(-lead / slope)
            if not math.isfinite(at):  # a slope too small to move anything
                continue
            if slope < 0 and at < up:  # raising w_k lets b catch up with a
                up, swap_up = at, (names[a], names[b])
            if slope > 0 and at > down:  # lowering w_k lets b catch up with a
                down, swap_down = at, (names[a], names[b])
        result[criterion] = WeightRange(
            criterion, float(w[k]), float(w[k] + down), float(w[k] + up), swap_down, swap_up
        )
    return result


# --- SYKE's model roadmaps ---------------------------------------------------------------------

_COLUMNS = (
    "theme_fi",
    "theme_en",
    "measure_fi",
    "measure_en_our_translation",
    "impact_stars",
    "resilience",
    "source_regions",
    "tasks_fi",
    "url",
    "quote",
    "notes",
)


@attrs.frozen
class ModelRoadmapMeasure:
    """One row of SYKE's model roadmaps: a measure (or a theme's tasks) and its ratings."""

    theme_fi: str
    """The theme, as printed."""
    theme_en: str
    """The theme in English."""
    measure_fi: str
    """The measure, as printed (empty for a row of a theme's tasks)."""
    measure_en: str
    """The measure in English (the reference data's translation)."""
    impact_stars: int | None
    """Impact on reductions or sinks, 1-5 stars; ``None`` = not rated."""
    resilience: bool | None
    """Marked ``#`` (also builds resilience); ``None`` when the row is not rated."""
    source_regions: tuple[str, ...]
    """The regions whose roadmaps it came from (full names)."""
    tasks: tuple[str, ...]
    """Tasks that support or enable it."""
    url: str
    """Where it was read."""
    quote: str
    """Verbatim quote."""
    notes: str = ""
    """The reference data's notes."""
    line: int | None = None
    """Line in its CSV file (header = line 1)."""


def _parse_rows(rows: Iterable[dict[str, str]], origin: str) -> tuple[ModelRoadmapMeasure, ...]:
    problems = ProblemCollector(origin)
    found: list[ModelRoadmapMeasure] = []
    for line, row in enumerate(rows, start=2):
        absent = [c for c in _COLUMNS if c not in row or row[c] is None]
        if absent:
            problems.add_keyed("stakeholder_missing_columns", line=line, columns=str(absent))
            continue
        stars_text, mark = row["impact_stars"].strip(), row["resilience"].strip()
        stars: int | None = None
        if stars_text:
            if stars_text in {"1", "2", "3", "4", "5"}:
                stars = int(stars_text)
            else:
                problems.add_keyed(
                    "stakeholder_stars", line=line, column="impact_stars", value=stars_text
                )
        if mark not in {"", "#"}:
            problems.add_keyed("stakeholder_resilience", line=line, column="resilience", value=mark)
        regions = []
        for code in (r.strip() for r in row["source_regions"].replace(";", ",").split(",")):
            if not code:
                continue
            if code not in REGION_ABBREVIATIONS:
                problems.add_keyed(
                    "stakeholder_unknown_region",
                    known=", ".join(REGION_ABBREVIATIONS),
                    line=line,
                    column="source_regions",
                    value=code,
                )
                continue
            regions.append(REGION_ABBREVIATIONS[code])
        if not (row["measure_fi"].strip() or row["tasks_fi"].strip()):
            problems.add_keyed("stakeholder_needs_measure", line=line, column="measure_fi")
        rated = stars is not None
        found.append(
            ModelRoadmapMeasure(
                theme_fi=row["theme_fi"].strip(),
                theme_en=row["theme_en"].strip(),
                measure_fi=row["measure_fi"].strip(),
                measure_en=row["measure_en_our_translation"].strip(),
                impact_stars=stars,
                resilience=(mark == "#") if rated or mark else None,
                source_regions=tuple(regions),
                tasks=tuple(t.strip() for t in row["tasks_fi"].split(";") if t.strip()),
                url=row["url"].strip(),
                quote=row["quote"],
                notes=row["notes"],
                line=line,
            )
        )
    problems.raise_if_any()
    return tuple(found)


def model_roadmap_measures() -> tuple[ModelRoadmapMeasure, ...]:
    """The bundled rows of SYKE's model roadmaps (measures, tasks, quotes).

    None of the bundled rows is rated (the rated table is published only as a Power BI
    report), so their stars and resilience are ``None``: not rated, never zero.
    """
    return _parse_rows(read_bundled_csv(MODEL_ROADMAPS_FILE), bundled_path(MODEL_ROADMAPS_FILE))


def read_model_roadmap(path: str | Path) -> tuple[ModelRoadmapMeasure, ...]:
    """Read an exported model-roadmap table in the bundled file's columns.

    Stars must be 1-5, resilience ``#`` or empty, source regions the Finnish or English
    page's abbreviations (:data:`REGION_ABBREVIATIONS`); every problem is reported at once in
    one :class:`~canemure.errors.DataFormatError` with file, line, field and value.
    """
    text = Path(path).read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        missing_columns = Problem.keyed(
            "stakeholder_missing_columns", str(path), columns=str(missing)
        )
        raise DataFormatError([missing_columns])
    return _parse_rows(list(reader), str(path))
