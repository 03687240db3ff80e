"""Published measures become model measures in one call; overlapping rows combine."""

from __future__ import annotations

import attrs
import numpy as np
import pytest

from canemure.engine.attribution import attribute
from canemure.engine.combine import combine
from canemure.engine.measures import AbsoluteCut
from canemure.engine.published import from_published
from canemure.engine.ramp import Ramp
from canemure.inventory import EmissionInventory
from canemure.published.measures import MeasureStatus, read_city_measures, read_region_measures
from canemure.sectors import HINKU
from canemure.units import Q_


def _by_id(measures, wanted):  # type: ignore[no-untyped-def]
    return {m.id: m for m in measures}[wanted]


def test_a_published_cut_becomes_an_absolute_cut_with_its_provenance() -> None:
    published = _by_id(read_region_measures(), "lpr_1_1_peat_phaseout_chp")
    measure = from_published(published, ramp=Ramp(2020, 2025))
    assert isinstance(measure.mechanism, AbsoluteCut)
    assert measure.mechanism.sector == "Kau"
    assert measure.mechanism.amount.m_as("t CO2e / a") == pytest.approx(25_000.0)
    assert measure.areas == ("405",)
    assert measure.status is MeasureStatus.PLANNED
    assert measure.actor is not None and "Lappeenrannan Energia Oy" in measure.actor
    assert "lpr_1_1_peat_phaseout_chp" in measure.source
    assert "aggregates lpr_1_3_dh_network_efficiency" in measure.source


def test_a_printed_range_needs_a_choice() -> None:
    published = next(m for m in read_city_measures() if m.effect and m.effect.is_range)
    with pytest.raises(ValueError, match="choose estimate"):
        from_published(published, ramp=Ramp.step(2025))
    low = from_published(published, ramp=Ramp.step(2025), estimate="low")
    high = from_published(published, ramp=Ramp.step(2025), estimate="high")
    assert isinstance(low.mechanism, AbsoluteCut) and isinstance(high.mechanism, AbsoluteCut)
    assert low.mechanism.amount < high.mechanism.amount
    assert "low end used" in low.source


def test_what_cannot_be_modelled_is_said_all_at_once() -> None:
    published = _by_id(read_region_measures(), "lpr_1_1_peat_phaseout_chp")
    regional = attrs.evolve(published, municipality_code=None, sector=None, effect=None)
    with pytest.raises(ValueError, match=r"not quantified.*sector=.*areas"):
        from_published(regional, ramp=Ramp.step(2025))


def test_an_aggregate_and_its_part_combine_on_what_remains() -> None:
    # Lappeenranta's district heat: 46.6 kt CO2e in 2020 (bundled
    # emissions_lappeenranta_2020_ccc.csv). The aggregate row (25 000 t) includes the network
    # efficiency row; as model measures both cut the same sector and never take more than it
    # emits. Ramps are illustrative.
    rows = read_region_measures()
    measures = [
        from_published(_by_id(rows, "lpr_1_1_peat_phaseout_chp"), ramp=Ramp.step(2020)),
        from_published(_by_id(rows, "lpr_1_2_local_dh_fossil_phaseout"), ramp=Ramp.step(2020)),
    ]
    baseline = EmissionInventory.from_array(
        np.array([[[46.6]]]),
        "kt CO2e / a",
        areas=["405"],
        sectors=["Kau"],
        years=[2020],
        rule=HINKU,
    )
    combined = combine(baseline, measures)
    assert combined.remaining.magnitude[0, 0, 0] == pytest.approx(46.6 - 25.0 - 7.5)
    wedges = attribute(combined).by_measure.m_as("kt CO2e / a")[:, 0]
    np.testing.assert_allclose(wedges, [25.0, 7.5])
    # on a smaller sector the two share what there is instead of over-counting
    small = attrs.evolve(baseline, values=Q_(np.array([[[20.0]]]), "kt CO2e / a"))
    assert combine(small, measures).remaining.magnitude[0, 0, 0] == 0.0
    # v(a) = 20, v(b) = 7.5, v(ab) = 20: phi_a = (20 + 12.5) / 2, phi_b = (7.5 + 0) / 2
    shared = attribute(combine(small, measures)).by_measure.m_as("kt CO2e / a")[:, 0]
    np.testing.assert_allclose(shared, [16.25, 3.75])
