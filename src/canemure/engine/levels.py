"""Targets as levels: a published :class:`~canemure.published.targets.Target` becomes a level.

A target says "−80 % from 2007 by 2030"; a trajectory is compared with a *level*: the highest
emissions (kt CO2e/a) per area that meet the target in its target year. :func:`target_level`
computes it from an inventory under a :class:`LevelRule`:

* **reduction**: ``level = base-year total x (1 - cut)``. Pohjois-Karjala (HINKU calculation)
  emitted 1686.8 kt in 2007, so HINKU's −80 % by 2030 is ``1686.8 x 0.2 = 337.36`` kt/a;
* **absolute level**: the printed level, for the area it was published for (an absolute
  regional level is not split between municipalities);
* **carbon neutrality**: net zero, where at most a given share of the base year's emissions
  (HINKU counts at most 20 % compensation) or a given amount of compensation may offset the
  rest; the level is the largest gross emission that this compensation can net to zero.

Scope
-----
Every rule says what the target covers: the accounting rule (HINKU calculation, all ALas
emissions ...) and the areas (any committing municipality or region; the target's own area;
Finland as a whole). The Climate Act's targets are national and all-sector (without land use);
HINKU's are local and follow the HINKU calculation. Applying a target to an inventory outside
its scope raises :class:`ScopeMismatchError` unless the caller passes
``scope_mismatch="accept"``; the level then carries the mismatches, and every result built from
it (:mod:`canemure.engine.trajectory`) repeats them in its :attr:`~TargetLevel.scope_label`.

Sources
-------
The levels cite the bundled targets (``targets_national.csv``). The Climate Act's percentages
are marked "brief" in that file; the Ministry of the Environment states the same figures
(:data:`CLIMATE_ACT_STATEMENT`), so a level built from a Climate Act target whose figures match
that statement is marked sourced and cites it.

Sector allocation
-----------------
``allocate="proportional"`` gives each sector a share of the level: for a reduction or a
compensation share, each sector's own base-year emissions times the same factor; for an
absolute level, the level times each sector's share of the area's total in
``allocation_year``. Sector levels add up to the level. They are an accounting convention,
not a published target, and say so in the notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Literal

import attrs
import numpy as np
import numpy.typing as npt
import pint

from canemure.engine._labelled import LabelledResult
from canemure.errors import CanemureError, Message, UnitError
from canemure.inventory import EmissionInventory
from canemure.inventory._plans import area_plan
from canemure.inventory.labelled import scalar
from canemure.published.targets import Target, TargetKind
from canemure.units import Q_

__all__ = [
    "CLIMATE_ACT",
    "CLIMATE_ACT_STATEMENT",
    "HINKU",
    "LEVEL_UNIT",
    "OWN",
    "PUBLISHED",
    "Citation",
    "LevelError",
    "LevelRule",
    "ScopeMismatchError",
    "TargetLevel",
    "own_target",
    "rule_for",
    "target_level",
]

FloatArray = npt.NDArray[np.float64]

LEVEL_UNIT = "kt CO2e / a"
"""The unit of every level."""

ScopeChoice = Literal["error", "accept"]


class LevelError(CanemureError, ValueError):
    """A target cannot become a level for this inventory (missing base year, value, ...)."""


class ScopeMismatchError(LevelError):
    """A target is applied outside its scope without ``scope_mismatch="accept"``."""


@attrs.frozen
class Citation:
    """Where a rule's figures are stated."""

    url: str
    """The page or document."""
    quote: str
    """Its words."""
    read: str
    """When it was read (ISO date or month)."""

    def __str__(self) -> str:
        return f"{self.url} (read {self.read}): {self.quote!r}"


CLIMATE_ACT_STATEMENT = Citation(
    url="https://ym.fi/en/finland-s-national-climate-change-policy",
    quote=(
        "The emission reduction targets are -60% by 2030, -80% by 2040 and -90 % but aiming at "
        "-95 % by 2050, compared to the levels in 1990. According to the Act, Finland must be "
        "carbon neutral by 2035 at the latest."
    ),
    read="2026-12",
)
"""The Ministry of the Environment's statement of the Climate Act 423/2022 targets."""

# (kind, cut in percent, base year, target year) that CLIMATE_ACT_STATEMENT states
_CLIMATE_ACT_FIGURES = frozenset(
    {
        (TargetKind.REDUCTION_PERCENT, 60.0, 1990, 2030),
        (TargetKind.REDUCTION_PERCENT, 80.0, 1990, 2040),
        (TargetKind.REDUCTION_PERCENT, 90.0, 1990, 2050),
        (TargetKind.CARBON_NEUTRALITY, None, None, 2035),
    }
)


@attrs.frozen
class LevelRule:
    """How a kind of target becomes a level, and what it covers."""

    id: str
    """Short identifier."""
    name: str
    """Name in words."""
    accounting: tuple[str, ...]
    """Ids of the accounting rules the target is defined under; ``()`` when not stated."""
    areas: Literal["national", "local", "published"]
    """``national``: Finland as a whole; ``local``: any municipality or region that commits;
    ``published``: the area the target was published for."""
    description: str
    """What the target covers and what it leaves out."""
    max_compensation_share: pint.Quantity[Any] | None = None
    """The largest share of base-year emissions that may be compensated, if the rule says."""
    citation: Citation | None = None
    """A statement of the rule's figures beyond the bundled target, if any."""
    statement_figures: frozenset[tuple[TargetKind, float | None, int | None, int | None]] = (
        frozenset()
    )
    """``(kind, cut %, base year, target year)`` that :attr:`citation` states."""


HINKU = LevelRule(
    id="hinku",
    name="HINKU commitment",
    accounting=("hinku",),
    areas="local",
    description=(
        "HINKU municipalities and regions commit to −80 % by 2030 from 2007 under the HINKU "
        "calculation (without wind-power credits); the remaining at most 20 % of the 2007 "
        "emissions may be compensated"
    ),
    max_compensation_share=Q_(20.0, "percent"),
)
"""HINKU: local, HINKU calculation, at most 20 % of base-year emissions compensated."""

CLIMATE_ACT = LevelRule(
    id="climate-act",
    name="Climate Act 423/2022",
    accounting=("all",),
    areas="national",
    description=(
        "Finland's total emissions without the land-use sector (reduction targets); carbon "
        "neutrality counts the land-use sinks. Not a municipal or regional target"
    ),
    citation=CLIMATE_ACT_STATEMENT,
    statement_figures=_CLIMATE_ACT_FIGURES,
)
"""Finland's Climate Act: national, all emissions without land use."""

PUBLISHED = LevelRule(
    id="published",
    name="as published",
    accounting=(),
    areas="published",
    description=(
        "a regional or city target as published; the accounting it was set under is not stated "
        "in the bundled data and is taken to be the inventory's"
    ),
)
"""A region's or city's own target, for its own area."""

OWN = LevelRule(
    id="own",
    name="the caller's own target",
    accounting=(),
    areas="local",
    description=(
        "a target the caller sets (a scenario's, a study's) for whatever areas it is applied to, "
        "under the inventory's accounting"
    ),
)
"""A target that names no area: the caller's own, for the inventory's areas."""


def rule_for(target: Target) -> LevelRule:
    """The rule a target follows: HINKU, the Climate Act, its published area's, or ``OWN``.

    A target that names no area and is neither HINKU's nor the Climate Act's is the caller's
    own (e.g. a scenario's): :data:`OWN`.
    """
    if target.id.startswith("fi-hinku"):
        return HINKU
    if target.id.startswith("fi-climate-act"):
        return CLIMATE_ACT
    if target.region_id is None and target.municipality_code is None:
        return OWN
    return PUBLISHED


def own_target(
    id: str,
    year: int,
    *,
    reduction: pint.Quantity[Any] | None = None,
    base_year: int | None = None,
    level: pint.Quantity[Any] | None = None,
    neutral: bool = False,
    text: str = "",
) -> Target:
    """A target of your own (a scenario's or a study's), for :func:`target_level` (rule OWN).

    Give exactly one of ``reduction`` (a percentage, with ``base_year``), ``level`` (an
    emission rate such as ``Q_(300, "kt CO2e/a")``) or ``neutral=True``. It names no area, so
    it applies to the areas of the inventory it is used with, and it is not sourced.

    >>> target = own_target("cut-half", 2035, reduction=Q_(50, "percent"), base_year=2007)
    >>> target.kind.name, rule_for(target).id
    ('REDUCTION_PERCENT', 'own')
    """
    given = [reduction is not None, level is not None, neutral]
    if sum(given) != 1:
        raise LevelError.keyed("own_target_one_kind", target=id)
    value: pint.Quantity[Any] | None
    if reduction is not None:
        if base_year is None:
            raise LevelError.keyed("own_target_base_year", target=id)
        if not reduction.dimensionless:
            raise UnitError.keyed("own_target_percentage", target=id, value=reduction)
        kind, value, unit_text = TargetKind.REDUCTION_PERCENT, reduction.to("percent"), "%"
    elif level is not None:
        kind, unit_text = TargetKind.ABSOLUTE_LEVEL, LEVEL_UNIT
        value = Q_(float(_per_area(level, ("own",), f"{id} level")[0]), LEVEL_UNIT)
    else:
        kind, value, unit_text = TargetKind.CARBON_NEUTRALITY, None, ""
    return Target(
        id=id,
        region_id=None,
        city=None,
        municipality_code=None,
        text=text or id,
        kind=kind,
        value_text="" if value is None else f"{value.m:g}",
        unit_text=unit_text,
        value=value,
        value_note="set by the caller",
        base_year=base_year,
        base_year_text="" if base_year is None else str(base_year),
        target_year=year,
        target_year_text=str(year),
        source="",
        quote="",
    )


def _area_vector(value: object) -> tuple[str, ...]:
    return tuple(str(a) for a in value)  # type: ignore[attr-defined]


@attrs.frozen(eq=False)
class TargetLevel(LabelledResult):
    """The emission level per area that meets one target in its target year.

    ``labelled("level")`` (and the other per-area arrays) come with the areas attached.
    """

    _ARRAYS: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "level": ("area",),
        "base_emissions": ("area",),
        "compensation_allowed": ("area",),
        "sector_levels": ("area", "sector"),
    }

    target_id: str
    """The target's id."""
    text: str
    """The target in words."""
    kind: TargetKind
    """Reduction, absolute level or carbon neutrality."""
    rule: LevelRule
    """The rule the level was computed under."""
    areas: tuple[str, ...] = attrs.field(converter=_area_vector)
    """Area codes, as in the inventory the level was computed for."""
    year: int
    """The target year."""
    level: pint.Quantity[Any]
    """Highest gross emissions per area that meet the target, in kt CO2e/a (NaN: base year not
    estimated)."""
    accounting: str
    """Id of the accounting rule of the inventory the level was computed from."""
    base_year: int | None = None
    """Base year of a reduction or compensation share."""
    base_emissions: pint.Quantity[Any] | None = None
    """Base-year emissions per area, kt CO2e/a."""
    reduction: pint.Quantity[Any] | None = None
    """The cut, in percent (positive = fewer emissions)."""
    compensation_allowed: pint.Quantity[Any] | None = None
    """For neutrality (and HINKU): at most this much per area may be compensated, kt CO2e/a."""
    covered: tuple[str, ...] | None = None
    """Sector keys the target covers (``None``: every sector of the inventory)."""
    sectors: tuple[str, ...] | None = None
    """Sectors of the allocation (``None`` when the level is for the total only)."""
    sector_levels: pint.Quantity[Any] | None = None
    """Allocated levels, shape ``(areas, sectors)``, kt CO2e/a (see module notes)."""
    scope_mismatches: tuple[str, ...] = ()
    """Why the inventory is outside the target's scope (empty: it is within)."""
    sourced: bool = False
    """Whether the target's figures were read in a cited source."""
    citation: str = ""
    """The source(s) of the target's figures."""
    notes: tuple[str, ...] = ()
    """Modelling choices made in computing the level."""

    def _labels(self) -> dict[str, Sequence[Any] | None]:
        return {"area": self.areas, "sector": self.sectors}

    @property
    def scope_label(self) -> str:
        """``"within scope"`` or the accepted mismatches, to print with every result."""
        if not self.scope_mismatches:
            return "within scope"
        return "scope mismatch accepted: " + "; ".join(self.scope_mismatches)

    @property
    def label(self) -> str:
        """One line naming the target, its source status and its scope."""
        status = "sourced" if self.sourced else "not sourced"
        return f"{self.target_id} ({self.year}, {status}; {self.scope_label})"

    def value(self, area: str) -> pint.Quantity[Any]:
        """The level of one area (code)."""
        if area not in self.areas:
            raise LevelError(f"area {area!r} is not one of this level's areas {self.areas}")
        return scalar(float(self.level.m_as(LEVEL_UNIT)[self.areas.index(area)]), LEVEL_UNIT)

    def rollup(self, groups: Mapping[str, Iterable[str]]) -> TargetLevel:
        """Sum levels into groups ``{group: member areas}``; a missing member gives NaN.

        Levels are extensive (emissions) so they add up; the reduction percentage stays what
        it is. Summed levels equal the levels computed on the summed inventory.
        """
        members = tuple((name, tuple(group)) for name, group in groups.items())
        plan = area_plan(self.areas, members)

        def summed(q: pint.Quantity[Any]) -> pint.Quantity[Any]:
            return Q_(plan.sum(q.m_as(LEVEL_UNIT)), LEVEL_UNIT)

        def maybe(q: pint.Quantity[Any] | None) -> pint.Quantity[Any] | None:
            return None if q is None else summed(q)

        return attrs.evolve(
            self,
            areas=tuple(groups),
            level=summed(self.level),
            base_emissions=maybe(self.base_emissions),
            compensation_allowed=maybe(self.compensation_allowed),
            sector_levels=maybe(self.sector_levels),
        )


# ----------------------------------------------------------------------------- scope
def _scope_mismatches(
    target: Target, rule: LevelRule, inventory: EmissionInventory
) -> tuple[list[str], list[str]]:
    """Mismatches (need acceptance) and notes (recorded) of applying ``target`` here."""
    from canemure.geography import gazetteer

    mismatches: list[str] = []
    notes: list[str] = []
    if rule.accounting and inventory.rule.id not in rule.accounting:
        mismatches.append(
            Message(
                "scope_accounting",
                target=target.id,
                expected="/".join(rule.accounting),
                actual=inventory.rule.id,
            )
        )
    if not rule.accounting:
        notes.append(
            f"the accounting of {target.id} is not stated; compared under the inventory's "
            f"rule {inventory.rule.id!r}"
        )
    if rule.areas == "national":
        mismatches.append(
            Message("scope_national", target=target.id, area_level=inventory.area_level)
        )
    elif rule.areas == "published":
        gaz = gazetteer()
        outside: list[str] = []
        if target.municipality_code is not None:
            own = {target.municipality_code}
        elif target.region_id is not None:
            region = gaz.region(target.region_id)
            own = {region.code, *gaz.municipality_codes(region)}
        else:
            own = set()
        if inventory.area_level == "group":
            outside = list(inventory.areas)
        else:
            outside = [a for a in inventory.areas if a not in own]
        if outside:
            where = target.city or target.region_id or "no stated area"
            mismatches.append(
                Message("scope_published", target=target.id, where=where, areas=", ".join(outside))
            )
    return mismatches, notes


def _sourced(target: Target, rule: LevelRule) -> tuple[bool, str]:
    citation = f"{target.source}: {target.quote!r}"
    if target.quote.strip() and target.source.strip() and not target.notes:
        return True, citation  # a record quoting its cited source
    cut = None
    if target.kind is TargetKind.REDUCTION_PERCENT and target.value is not None:
        cut = float(target.value.m_as("percent"))
    figures = (target.kind, cut, target.base_year, target.target_year)
    if rule.citation is not None and figures in rule.statement_figures:
        return True, (
            f"{rule.citation}; the bundled record {target.id} (marked as the project brief's "
            "statement) has the same figures"
        )
    return False, citation


# ----------------------------------------------------------------------------- levels
def _emissions(inventory: EmissionInventory) -> FloatArray:
    try:
        values: FloatArray = np.asarray(inventory.values.m_as(LEVEL_UNIT), dtype=np.float64)
    except pint.DimensionalityError as exc:
        raise UnitError.keyed("level_not_emissions", unit=str(inventory.unit)) from exc
    return values


def _year_values(
    values: FloatArray, inventory: EmissionInventory, year: int, key: str, target: str
) -> Any:
    if year not in inventory.years:
        raise LevelError.keyed(
            key,
            target=target,
            year=year,
            first=inventory.years.labels[0],
            last=inventory.years.labels[-1],
            n=len(inventory.years),
        )
    return values[:, :, inventory.years.position(year)]


def _per_area(value: pint.Quantity[Any], areas: Sequence[str], what: str) -> FloatArray:
    try:
        magnitude = np.asarray(value.m_as(LEVEL_UNIT), dtype=np.float64)
    except pint.DimensionalityError as exc:
        raise UnitError.keyed("level_not_a_rate", what=what, error=exc) from exc
    if magnitude.ndim == 0:
        if len(areas) != 1:
            raise LevelError.keyed("level_one_figure", what=what, n=len(areas))
        magnitude = magnitude.reshape(1)
    if magnitude.shape != (len(areas),):
        raise LevelError.keyed(
            "level_figure_count", what=what, found=magnitude.shape[0], n=len(areas)
        )
    return magnitude


def target_level(
    target: Target,
    inventory: EmissionInventory,
    *,
    rule: LevelRule | None = None,
    scope_mismatch: ScopeChoice = "error",
    base_year: int | None = None,
    max_compensation_share: pint.Quantity[Any] | None = None,
    compensation: pint.Quantity[Any] | None = None,
    sectors: Sequence[str] | None = None,
    allocate: Literal["none", "proportional"] = "none",
    allocation_year: int | None = None,
) -> TargetLevel:
    """The level per area of ``inventory`` that meets ``target`` (see module notes).

    ``rule`` defaults to :func:`rule_for` the target. ``base_year`` overrides the target's
    (recorded in the notes). ``sectors`` (keys or names) restricts a sectoral target, such as
    a transport target, to the sectors it covers: published targets do not say which ALas
    sectors they mean, so this is the caller's reading, recorded in the notes. For carbon
    neutrality give ``max_compensation_share`` (with a
    base year) or ``compensation`` (kt CO2e/a, one per area) unless the rule sets a share.

    >>> from canemure.io.bundled import pohjois_karjala
    >>> from canemure.published.targets import national_targets
    >>> hinku = next(t for t in national_targets() if t.id == "fi-hinku-80")
    >>> region = pohjois_karjala().to_regions()
    >>> level = target_level(hinku, region)
    >>> round(level.value("12").m, 2), level.scope_label
    (337.36, 'within scope')
    """
    if scope_mismatch not in ("error", "accept"):
        raise ValueError(f'scope_mismatch must be "error" or "accept", got {scope_mismatch!r}')
    if allocate not in ("none", "proportional"):
        raise ValueError(f'allocate must be "none" or "proportional", got {allocate!r}')
    rule = rule if rule is not None else rule_for(target)
    if target.per_resident:
        raise LevelError.keyed("level_per_resident", target=target.id)
    if target.target_year is None:
        raise LevelError.keyed(
            "level_no_target_year", target=target.id, printed=target.target_year_text
        )
    mismatches, notes = _scope_mismatches(target, rule, inventory)
    if mismatches and scope_mismatch != "accept":
        raise ScopeMismatchError.keyed("scope_mismatch", reasons=tuple(mismatches))
    covered = None
    if sectors is not None:
        inventory = inventory.sel(sectors=list(sectors))
        covered = inventory.sectors.labels
        notes.append(f"covers sectors {', '.join(covered)} (the caller's reading of the target)")
    values = _emissions(inventory)
    areas = inventory.areas.labels
    base = base_year if base_year is not None else target.base_year
    if base_year is not None and base_year != target.base_year:
        notes.append(f"base year {base_year} chosen instead of the published {target.base_year}")
    share_of_base: float | None = None
    reduction = None
    allowed: FloatArray | None = None
    base_sectors: FloatArray | None = None
    if target.kind is TargetKind.REDUCTION_PERCENT:
        if target.value is None or base is None:
            raise LevelError.keyed("level_reduction_incomplete", target=target.id)
        reduction = target.value.to("percent")
        share_of_base = 1.0 - float(target.value.m_as(""))
        base_sectors = _year_values(values, inventory, base, "level_base_year_missing", target.id)
        level = base_sectors.sum(axis=1) * share_of_base
        if rule.max_compensation_share is not None:
            allowed = base_sectors.sum(axis=1) * float(rule.max_compensation_share.m_as(""))
    elif target.kind is TargetKind.ABSOLUTE_LEVEL:
        if target.value is None:
            raise LevelError.keyed("level_unreadable", target=target.id, note=target.value_note)
        if inventory.area_level == "municipality" and target.municipality_code is None:
            raise LevelError.keyed("level_regional_split", target=target.id)
        level = _per_area(target.value, areas, f"{target.id} level")
    elif target.kind is TargetKind.CARBON_NEUTRALITY:
        share = max_compensation_share or rule.max_compensation_share
        if compensation is not None:
            allowed = _per_area(compensation, areas, "compensation")
            level = allowed.copy()
            notes.append("the compensation available was given by the caller")
        elif share is not None and base is not None:
            share_of_base = float(share.m_as(""))
            base_sectors = _year_values(
                values, inventory, base, "level_base_year_missing", target.id
            )
            level = base_sectors.sum(axis=1) * share_of_base
            allowed = level.copy()
            if max_compensation_share is not None:
                notes.append(
                    f"at most {share.to('percent'):~P} of {base} emissions compensated "
                    "(the caller's choice)"
                )
        else:
            raise LevelError.keyed("level_neutrality_compensation", target=target.id)
    else:
        raise LevelError.keyed("level_not_a_level", target=target.id, kind=str(target.kind))
    allocated = None
    sector_levels = None
    if allocate == "proportional":
        allocated = inventory.sectors.labels
        if share_of_base is not None and base_sectors is not None:
            sector_levels = base_sectors * share_of_base
        else:
            if allocation_year is None:
                raise LevelError.keyed("level_allocation_needs_year", target=target.id)
            year_values = _year_values(
                values, inventory, allocation_year, "level_allocation_year_missing", target.id
            )
            with np.errstate(divide="ignore", invalid="ignore"):
                shares = year_values / year_values.sum(axis=1, keepdims=True)
            sector_levels = level[:, None] * shares
        notes.append("sector levels allocated in proportion to sector emissions")
    sourced, citation = _sourced(target, rule)
    return TargetLevel(
        target_id=target.id,
        text=target.text,
        kind=target.kind,
        rule=rule,
        areas=areas,
        year=target.target_year,
        level=Q_(np.asarray(level, dtype=np.float64), LEVEL_UNIT),
        accounting=inventory.rule.id,
        base_year=base if share_of_base is not None else None,
        base_emissions=(
            Q_(base_sectors.sum(axis=1), LEVEL_UNIT) if base_sectors is not None else None
        ),
        reduction=reduction,
        compensation_allowed=None if allowed is None else Q_(allowed, LEVEL_UNIT),
        covered=covered,
        sectors=allocated,
        sector_levels=None if sector_levels is None else Q_(sector_levels, LEVEL_UNIT),
        scope_mismatches=tuple(mismatches),
        sourced=sourced,
        citation=citation,
        notes=tuple(notes),
    )
