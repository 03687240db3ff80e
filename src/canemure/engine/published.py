"""From a published measure to a model measure, in one call.

A quantified :class:`~canemure.published.measures.PublishedMeasure` with an annual effect becomes an
:class:`~canemure.engine.measures.AbsoluteCut` of its sector in its municipality, with the
published status and responsible actors, and a source that quotes the plan, the printed
figure, its range and the rows it is declared to aggregate or overlap.

Overlapping published rows (``measure_relations.csv``: an aggregate row and its components,
the same action at two levels) are no longer refused: as model measures on the same sector
they combine on the remaining emissions (:mod:`canemure.engine.combine`), so together they can
never cut more than the sector emits, and the Shapley wedges share what they cut. What a
published row does not say is a required input: the ramp (plans rarely print one), the
areas of a regional measure, the sector of a cross-cutting one, and which end of a printed
range to use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from canemure.engine.measures import AbsoluteCut, Measure
from canemure.engine.ramp import Ramp
from canemure.published.measures import PublishedMeasure

__all__ = ["from_published"]


def from_published(
    published: PublishedMeasure,
    *,
    ramp: Ramp,
    estimate: Literal["low", "high"] | None = None,
    areas: Sequence[str] | None = None,
    sector: str | None = None,
) -> Measure:
    """The model measure of ``published``: an absolute cut at full effect from ``ramp``.

    ``estimate`` picks the low or high end of a printed range (required when a range was
    printed). ``areas`` defaults to the measure's municipality, ``sector`` to its ALas sector.
    Raises :class:`ValueError` naming the measure and every reason it cannot be modelled so.
    """
    effect = published.effect
    problems = []
    if effect is None:
        note = f" ({published.effect_parse_note})" if published.effect_parse_note else ""
        problems.append(f"its effect is not quantified{note}")
    elif not effect.basis.per_year:
        problems.append(f"its effect is {effect.basis.value}, not a cut per year")
    elif effect.is_range and estimate is None:
        problems.append("a range was printed: choose estimate='low' or 'high'")
    chosen_sector = sector or published.sector
    if chosen_sector is None:
        problems.append("it names no ALas sector: give sector=")
    chosen_areas = tuple(areas) if areas is not None else ()
    if not chosen_areas:
        if published.municipality_code is None:
            problems.append("it is a regional measure: give the areas it acts in")
        else:
            chosen_areas = (published.municipality_code,)
    if effect is not None and effect.basis.per_year and not problems:
        amount = effect.reduction_high if estimate == "high" else effect.reduction_low
        if amount.m < 0:
            problems.append(f"it increases emissions ({amount}); model it as an activity change")
    if problems:
        raise ValueError(f"published measure {published.id!r}: " + "; ".join(problems))
    assert effect is not None and chosen_sector is not None  # noqa: PT018 - checked above
    amount = effect.reduction_high if estimate == "high" else effect.reduction_low
    printed = f"{published.effect_value_text} {published.effect_unit_text}".strip()
    parts = [f"published measure {published.id}: {printed!r}"]
    if effect.is_range:
        parts.append(f"range {effect.reduction_low}-{effect.reduction_high}, {estimate} end used")
    if effect.gas_basis == "CO2":
        parts.append("printed as CO2 only")
    if published.aggregate_of:
        parts.append(f"aggregates {', '.join(published.aggregate_of)}")
    if published.overlaps_with:
        parts.append(f"overlaps {', '.join(published.overlaps_with)}")
    parts.append(published.source)
    return Measure(
        name=str(published.name),
        mechanism=AbsoluteCut(chosen_sector, amount.to("t CO2e / a")),
        ramp=ramp,
        source="; ".join(parts),
        areas=chosen_areas,
        status=published.status,
        actor="; ".join(published.responsible) or None,
    )
