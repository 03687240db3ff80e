"""Typed records of published mitigation measures: what a plan printed, and what it means.

A roadmap's third step is to compile the measures that are already planned or decided. They
come from regional roadmaps and city climate plans, in whatever shape the plan printed them:
an effect "25 000 t CO2e/a", "-2,9 kt CO2-ekv (potential in 2030)", "Difficult to assess"; a
cost "8 000 000 EUR investment", "●●○○○", "investments 60,000; operating expenditure 160,000".

Design notes
------------
* **As printed and as parsed, side by side.** Every record keeps the printed value and unit
  text verbatim and adds a parsed form only when it can be read without guessing. When it
  cannot, the parsed form is ``None`` and ``effect_parse_note`` / ``cost_parse_note`` say why.
  A measure without a figure is *unquantified*: its effect is ``None``, never zero.
* **Sign conventions are made explicit.** Some plans print reductions as positive figures
  ("reduction 25 000 t"), others print the change in emissions ("-319 kt", "+31,2 kt" for an
  increase). :attr:`PublishedEffect.convention` records which; :attr:`PublishedEffect.reduction_low`
  / ``reduction_high`` give both on one scale (positive = fewer emissions).
* **Annual, cumulative or unknown.** :class:`EffectBasis` is read from the unit ("t CO2e/a") and,
  where a data set has one, from a column saying whether the figure is annual. Only annual
  figures carry ``/a`` in their unit, so pint itself refuses to add an annual figure to a
  cumulative one.
* **Overlaps are data, not folklore.** Aggregate rows, their components and repeated figures
  are linked with :attr:`PublishedMeasure.aggregate_of` / ``overlaps_with``, and rows whose
  figure must never be added to others carry ``summable=False`` with the reason.
  :func:`canemure.published.measures.total_effect` refuses to add overlapping or non-summable rows.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any, cast

import attrs
import pint

__all__ = [
    "EffectBasis",
    "EffectConvention",
    "MeasureName",
    "MeasureStatus",
    "PublishedCost",
    "PublishedEffect",
    "PublishedMeasure",
    "SectorMappedBy",
]


class MeasureStatus(enum.Enum):
    """How far a published measure has progressed, as far as its status text says.

    Ordered from least to most advanced (:attr:`rank`); ``UNKNOWN`` has no rank.
    """

    PROPOSED = "proposed"
    """A proposal, option, draft or impact pathway not yet decided."""
    PLANNED = "planned"
    """In a plan or investment plan, not (yet) stated as decided."""
    DECIDED = "decided"
    """Decided or approved (political decision, budget approval, commitment)."""
    ONGOING = "ongoing"
    """Being implemented (started, ongoing, partly implemented)."""
    IMPLEMENTED = "implemented"
    """Completed or in force."""
    UNKNOWN = "unknown"
    """The status text does not say (or says nothing)."""

    @property
    def rank(self) -> int | None:
        """Position in the progression (0 = proposed ... 4 = implemented), ``None`` if unknown."""
        order = ("proposed", "planned", "decided", "ongoing", "implemented")
        return order.index(self.value) if self.value in order else None


class EffectBasis(enum.Enum):
    """What period a published effect figure refers to."""

    ANNUAL = "annual"
    """A cut in annual emissions (t CO2e per year), e.g. "in 2030"."""
    LEVEL_CHANGE = "level change"
    """A change of the annual emission level between two years (e.g. 2030 vs 2022)."""
    CUMULATIVE = "cumulative"
    """A total over a period (e.g. 2020-2030)."""
    ONE_OFF = "one-off"
    """A one-off amount (e.g. per construction project)."""
    UNKNOWN = "unknown"
    """The plan does not say whether the figure is annual."""

    @property
    def per_year(self) -> bool:
        """Whether figures on this basis are rates (their unit carries ``/a``)."""
        return self in (EffectBasis.ANNUAL, EffectBasis.LEVEL_CHANGE)


class EffectConvention(enum.Enum):
    """How the sign of a printed effect figure is to be read."""

    REDUCTION = "reduction"
    """Printed without a sign as a reduction: a positive figure means fewer emissions."""
    CHANGE = "change"
    """Printed with a sign as a change in emissions: a negative figure means fewer emissions."""


class SectorMappedBy(enum.Enum):
    """Who mapped a measure to an ALas sector."""

    OURS = "ours"
    """The data set's compilers (the plan itself does not name an ALas sector)."""
    PLAN = "plan"
    """The plan itself."""


def _quantity(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, pint.Quantity):
        raise TypeError(f"{attribute.name} must be a pint Quantity, got {value!r}")


@attrs.frozen
class PublishedEffect:
    """A parsed emission effect of a measure, exactly as large as printed.

    ``low`` and ``high`` are equal unless the plan printed a range. Both keep the printed sign,
    magnitude and unit (``t``, ``kt`` ...); their unit is a mass of CO2e, per year when
    :attr:`basis` is a rate.
    """

    low: pint.Quantity[Any] = attrs.field(validator=_quantity)
    """The figure, or the low end of a printed range."""
    high: pint.Quantity[Any] = attrs.field(validator=_quantity)
    """The figure again, or the high end of a printed range."""
    basis: EffectBasis
    """Annual, level change, cumulative, one-off or unknown."""
    convention: EffectConvention
    """Whether the printed figure is a reduction (positive = cut) or a signed change."""
    gas_basis: str = attrs.field(validator=attrs.validators.in_(("CO2e", "CO2")))
    """``"CO2e"`` when the plan printed CO2 equivalents, ``"CO2"`` when it printed CO2 only."""
    approximate: bool = False
    """Whether the plan qualified the figure as approximate ("about", "approx.")."""
    year: int | None = None
    """The year the figure refers to when the unit text names one ("in 2030", "by 2030")."""
    remark: str | None = None
    """A parenthetical printed with the figure itself, e.g. ``"2024-2025"`` or ``"example"``."""

    def __attrs_post_init__(self) -> None:
        if self.low.units != self.high.units:
            raise ValueError(f"low and high must share a unit, got {self.low!r} and {self.high!r}")
        if self.low.m > self.high.m:
            raise ValueError(f"low must not exceed high, got {self.low!r} > {self.high!r}")

    @property
    def is_range(self) -> bool:
        """Whether the plan printed a range."""
        return bool(self.low.m != self.high.m)

    @property
    def value(self) -> pint.Quantity[Any] | None:
        """The single printed figure, or ``None`` when a range was printed."""
        return None if self.is_range else self.low

    @property
    def reduction_low(self) -> pint.Quantity[Any]:
        """The smaller reduction on one scale: positive = fewer emissions, negative = more."""
        if self.convention is EffectConvention.CHANGE:
            return cast("pint.Quantity[Any]", -self.high)
        return self.low

    @property
    def reduction_high(self) -> pint.Quantity[Any]:
        """The larger reduction on one scale: positive = fewer emissions, negative = more."""
        if self.convention is EffectConvention.CHANGE:
            return cast("pint.Quantity[Any]", -self.low)
        return self.high


@attrs.frozen
class PublishedCost:
    """One parsed cost figure of a measure, in euros (per year, or per tonne, as printed)."""

    low: pint.Quantity[Any] = attrs.field(validator=_quantity)
    """The amount, or the low end of a printed range (``EUR``, ``EUR/a`` or ``EUR/(t CO2e)``)."""
    high: pint.Quantity[Any] = attrs.field(validator=_quantity)
    """The amount again, or the high end of a printed range."""
    basis: str
    """What the amount covers, in the plan's words (the unit text after the currency)."""
    label: str | None = None
    """The component's label when a plan printed several (``"investments"``)."""
    approximate: bool = False
    """Whether the plan qualified the amount as approximate."""

    @property
    def is_range(self) -> bool:
        """Whether the plan printed a range."""
        return bool(self.low.m != self.high.m)

    @property
    def value(self) -> pint.Quantity[Any] | None:
        """The single printed amount, or ``None`` when a range was printed."""
        return None if self.is_range else self.low


@attrs.frozen
class MeasureName:
    """A measure's name in Finnish and/or English, as published (at least one is given)."""

    fi: str | None = None
    """Finnish name, when published."""
    en: str | None = None
    """English name, when published."""

    def __attrs_post_init__(self) -> None:
        if not (self.fi or self.en):
            raise ValueError("a measure needs a Finnish or an English name")

    def get(self, lang: str = "en") -> str:
        """Return the name in ``lang`` (``"fi"`` or ``"en"``), falling back to the other one."""
        if lang not in ("fi", "en"):
            raise KeyError(f"language must be 'fi' or 'en', got {lang!r}")
        first, second = (self.fi, self.en) if lang == "fi" else (self.en, self.fi)
        name = first or second
        assert name is not None  # guaranteed by __attrs_post_init__
        return name

    def __str__(self) -> str:
        return self.get("en")


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _costs(value: Iterable[PublishedCost]) -> tuple[PublishedCost, ...]:
    return tuple(value)


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a collection of measure ids, got the string {value!r}")
    return tuple(sorted(set(value)))


@attrs.frozen
class PublishedMeasure:
    """A planned or decided mitigation measure as a region's or city's plan published it.

    Fields ending in ``_text`` hold what was printed, verbatim (empty = not printed); the
    parsed fields next to them hold what could be read from it without guessing (``None`` or
    empty otherwise, with a parse note). A team writing its own measures uses
    :meth:`PublishedMeasure.stated` (id, region, a name, source and quote, plus whatever the
    plan printed) or :func:`canemure.published.measures.read_measures_file` (a CSV or TOML file).
    """

    id: str
    """Required, non-empty, unique within the data set. Stable identifier (the data set's id,
    or ``"<city>:<plan id>"`` for the bundled city plans)."""
    region_id: str
    """Required. Gazetteer region id the measure belongs to, e.g. ``"pirkanmaa"``."""
    city: str | None
    """Required (may be ``None``). Finnish name of the municipality whose plan lists it;
    ``None`` for regional measures."""
    municipality_code: str | None
    """Required (may be ``None``). 3-digit Statistics Finland code of :attr:`city`; ``None``
    exactly when :attr:`city` is."""
    owner: str
    """Required, non-empty. Whose plan lists the measure: the city, or the region (Finnish
    names)."""
    plan_id: str | None
    """Required (may be ``None``). The plan's own number or label for the measure; ``None``
    where it has none."""
    name: MeasureName
    """Required. Name in Finnish and/or English (:class:`MeasureName`, at least one)."""
    theme: str
    """Required (may be empty = not printed). Theme, field of action or package, as printed."""
    sector_text: str
    """Required (may be empty = not stated). ALas sector as the data set names it, as printed;
    ``"cross-cutting"`` when no sector fits."""
    sector: str | None
    """Required (may be ``None``). ALas level-3 sector key (``"Kau"``, ``"Tie"`` ..., see
    :func:`canemure.sectors.sector_hierarchy`); ``None`` for cross-cutting measures and when
    no sector is stated."""
    sector_mapped_by: SectorMappedBy
    """Required. Who mapped the measure to the ALas sector: ``OURS`` (the data set's compilers)
    or ``PLAN`` (the plan itself)."""
    responsible: tuple[str, ...] = attrs.field(converter=_strings)
    """Required (may be empty). Responsible actors, split from :attr:`responsible_text`; empty
    when none is named."""
    responsible_text: str
    """Required (may be empty = not printed). Responsible actors as printed."""
    timeline: str
    """Required (may be empty = not printed). Timeline or years as printed, e.g.
    ``"2021-2025"``."""
    status: MeasureStatus
    """Required. :class:`MeasureStatus` read conservatively from :attr:`status_text`;
    ``UNKNOWN`` when it does not say."""
    status_text: str
    """Required (may be empty = not printed). Status as printed."""
    effect_value_text: str
    """Required (may be empty = not printed). Printed effect figure (may be words, e.g.
    ``"Difficult to assess"``)."""
    effect_unit_text: str
    """Required (may be empty = not printed). Printed effect unit and qualifiers, e.g.
    ``"t CO2e/a"``."""
    effect: PublishedEffect | None
    """Required (may be ``None``). Parsed effect, a mass of CO2e (per year when annual) with
    its basis and sign convention; ``None`` when unquantified or unreadable (see
    :attr:`effect_parse_note`) -- never zero."""
    effect_parse_note: str | None
    """Required (may be ``None``). Why :attr:`effect` is ``None``, or a caveat about how it was
    read."""
    cost_value_text: str
    """Required (may be empty = not printed). Printed cost figure (may be words or a cost
    class)."""
    cost_unit_text: str
    """Required (may be empty = not printed). Printed cost unit and basis, e.g. ``"EUR
    investment"``."""
    costs: tuple[PublishedCost, ...] = attrs.field(converter=_costs)
    """Required (may be empty). Parsed cost components in ``EUR`` (``EUR/a``, ``EUR/(t
    CO2e)``), usually one; empty when none could be read."""
    cost_parse_note: str | None
    """Required (may be ``None``). Why :attr:`costs` is empty although something was printed,
    or a caveat."""
    source: str
    """Required, non-empty. Where the measure was published (URL or document with section).
    The conformance kit refuses an empty source."""
    quote: str
    """Required, non-empty. Verbatim quote from the source. The conformance kit refuses an
    empty quote."""
    notes: str = ""
    """Optional (default empty). Notes of the data set's compilers (inconsistencies, overlaps,
    mapping caveats)."""
    effect_annual_text: str | None = None
    """Optional (default ``None`` = the data set has no such statement). The data set's
    statement whether the effect is annual (``"yes"``, ``"not stated"``)."""
    summable: bool = True
    """Optional (default ``True``). Whether the effect may be added to other measures' effects
    at all."""
    summable_note: str | None = None
    """Optional (default ``None``). Why the measure is not summable (repeated figure,
    aggregate, offsetting ...)."""
    aggregate_of: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    """Optional (default empty). Ids of measures whose effects (or costs) this row's figures
    include."""
    overlaps_with: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    """Optional (default empty). Ids of measures whose figures overlap this one's (same action
    at another level)."""
    relation_note: str | None = None
    """Optional (default ``None``). Where the aggregate/overlap relations come from, in
    words."""
    line: int | None = None
    """Optional (default ``None``). Line of the row in its CSV file (header = line 1)."""

    @classmethod
    def stated(
        cls,
        id: str,
        region_id: str,
        *,
        source: str,
        quote: str,
        name_fi: str | None = None,
        name_en: str | None = None,
        city: str | None = None,
        plan_id: str | None = None,
        theme: str = "",
        sector_text: str = "",
        sector_mapped_by: SectorMappedBy = SectorMappedBy.OURS,
        responsible_text: str = "",
        timeline: str = "",
        status_text: str = "",
        effect_value_text: str = "",
        effect_unit_text: str = "",
        effect_annual_text: str | None = None,
        cost_value_text: str = "",
        cost_unit_text: str = "",
        notes: str = "",
        summable: bool = True,
        summable_note: str | None = None,
        aggregate_of: Iterable[str] = (),
        overlaps_with: Iterable[str] = (),
    ) -> PublishedMeasure:
        """A measure from what its plan printed; parsed fields are read from it, never invented.

        ``city`` is a municipality name or code (it must lie in ``region_id``);
        ``sector_text`` an ALas level-3 sector key or name, or ``"cross-cutting"``. The
        effect, costs, status, sector and responsible actors are read from the texts as for
        the bundled data; texts left out are "not printed" (empty), so the measure is
        unquantified (``effect=None``), not zero. Raises :class:`ValueError` (or
        :class:`~canemure.errors.UnknownNameError`) naming the field and value it cannot use.
        """
        from canemure.geography import gazetteer
        from canemure.published.measures.parsing import (
            parse_costs,
            parse_effect,
            parse_status,
            split_responsible,
        )
        from canemure.sectors import sector_hierarchy

        for field, given in (("id", id), ("source", source), ("quote", quote)):
            if not given.strip():
                raise ValueError(f"a measure needs a non-empty {field}, got {given!r}")
        region = gazetteer().region(region_id)
        municipality = gazetteer().municipality(city) if city is not None else None
        if municipality is not None and municipality.region_code != region.code:
            raise ValueError(f"city {city!r} is not a municipality of {region}")
        sector = None
        if sector_text.strip() and sector_text.strip() != "cross-cutting":
            sector = sector_hierarchy().find(sector_text.strip(), 3).key
        if summable_note and summable:
            raise ValueError("summable_note explains summable=False; give both or neither")
        effect, effect_note = parse_effect(effect_value_text, effect_unit_text, effect_annual_text)
        costs, cost_note = parse_costs(cost_value_text, cost_unit_text)
        return cls(
            id=id.strip(),
            region_id=region.id,
            city=municipality.name if municipality else None,
            municipality_code=municipality.code if municipality else None,
            owner=municipality.name if municipality else region.name,
            plan_id=plan_id,
            name=MeasureName(fi=name_fi or None, en=name_en or None),
            theme=theme,
            sector_text=sector_text,
            sector=sector,
            sector_mapped_by=sector_mapped_by,
            responsible=split_responsible(responsible_text),
            responsible_text=responsible_text,
            timeline=timeline,
            status=parse_status(status_text),
            status_text=status_text,
            effect_value_text=effect_value_text,
            effect_unit_text=effect_unit_text,
            effect=effect,
            effect_parse_note=effect_note,
            cost_value_text=cost_value_text,
            cost_unit_text=cost_unit_text,
            costs=costs,
            cost_parse_note=cost_note,
            source=source,
            quote=quote,
            notes=notes,
            effect_annual_text=effect_annual_text,
            summable=summable,
            summable_note=summable_note,
            aggregate_of=aggregate_of,
            overlaps_with=overlaps_with,
        )

    @property
    def quantified(self) -> bool:
        """Whether a published effect figure could be read."""
        return self.effect is not None

    @property
    def parse_note(self) -> str | None:
        """The effect and cost parse notes together (``None`` when there is neither)."""
        notes = [
            f"{what}: {note}"
            for what, note in (("effect", self.effect_parse_note), ("cost", self.cost_parse_note))
            if note
        ]
        return "; ".join(notes) or None

    def related(self) -> frozenset[str]:
        """Ids this measure is declared to aggregate or overlap."""
        return frozenset(self.aggregate_of) | frozenset(self.overlaps_with)
