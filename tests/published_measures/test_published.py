"""Published measures: every row read, printed figures parsed by hand-checked rules, overlaps.

Row references are to the bundled CSV files (header = line 1).
"""

from __future__ import annotations

import csv
import io
import re
from importlib import resources

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from canemure.errors import DataFormatError
from canemure.published.measures import (
    EffectBasis,
    EffectConvention,
    MeasureStatus,
    OverlappingMeasuresError,
    PublishedMeasure,
    SectorMappedBy,
    parse_costs,
    parse_effect,
    parse_status,
    read_city_measures,
    read_region_measures,
    select_summable,
    split_responsible,
    total_effect,
)
from canemure.published.measures.readers import _region_rows
from canemure.units import Q_


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("canemure").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def by_id(measures: tuple[PublishedMeasure, ...]) -> dict[str, PublishedMeasure]:
    return {m.id: m for m in measures}


REGION = by_id(read_region_measures())
CITY = by_id(read_city_measures())


# --- every row is read ----------------------------------------------------------------------


def test_every_row_is_read_once() -> None:
    assert len(read_region_measures()) == len(_rows("measures_regions_and_cities.csv")) == 67
    assert len(read_city_measures()) == len(_rows("measures_cities.csv")) == 488
    assert len(REGION) == 67
    assert len(CITY) == 488
    assert [m.line for m in read_region_measures()] == list(range(2, 69))
    assert [m.line for m in read_city_measures()] == list(range(2, 490))


def test_printed_text_is_kept_verbatim() -> None:
    for measure, row in zip(read_city_measures(), _rows("measures_cities.csv"), strict=True):
        assert measure.effect_value_text == row["effect_value"]
        assert measure.effect_unit_text == row["effect_unit"]
        assert measure.cost_value_text == row["cost_value"]
        assert measure.status_text == row["status"]
        assert measure.quote == row["quote"]


def test_regions_cities_and_sectors() -> None:
    peat = REGION["lpr_1_1_peat_phaseout_chp"]  # line 2
    assert (peat.region_id, peat.city, peat.municipality_code) == (
        "etela-karjala",
        "Lappeenranta",
        "405",
    )
    assert (peat.sector_text, peat.sector) == ("Kaukolämpö", "Kau")
    assert peat.sector_mapped_by is SectorMappedBy.OURS
    assert REGION["sat_tr_01_mobility_plans"].city is None  # line 35, regional
    assert REGION["lpr_1_5_utility_solar_wind"].sector is None  # "cross-cutting"
    helsinki = CITY["helsinki:ACTION 23"]  # line 441
    assert (helsinki.region_id, helsinki.sector) == ("uusimaa", "Ves")
    assert helsinki.source.startswith("github:Open-Earth-Foundation/Query_mechanism_urbind@")


# --- effects, checked by hand against specific rows ------------------------------------------


def test_annual_effect_and_cost_line_2() -> None:
    m = REGION["lpr_1_1_peat_phaseout_chp"]  # 25000 | t CO2e/a | 8000000 | EUR investment ...
    assert m.effect is not None
    assert m.effect.low == m.effect.high == Q_(25_000, "t CO2e / a")
    assert m.effect.basis is EffectBasis.ANNUAL
    assert m.effect.convention is EffectConvention.REDUCTION
    assert m.effect.gas_basis == "CO2e"
    assert m.quantified
    (cost,) = m.costs
    assert cost.value == Q_(8_000_000, "EUR")
    assert cost.basis.startswith("EUR investment by 2030")


def test_range_with_unstated_period_line_6() -> None:
    m = REGION["lpr_1_5_utility_solar_wind"]  # 24000-25000 | t CO2e (per-year basis not stated
    assert m.effect is not None
    assert (m.effect.low, m.effect.high) == (Q_(24_000, "t CO2e"), Q_(25_000, "t CO2e"))
    assert m.effect.basis is EffectBasis.UNKNOWN
    assert m.effect.value is None
    assert m.effect.is_range
    assert (m.costs[0].low, m.costs[0].high) == (Q_(4e8, "EUR"), Q_(6.5e8, "EUR"))


def test_cost_per_year_and_per_tonne_lines_8_and_14() -> None:
    assert REGION["lpr_2_2_city_transport_services"].costs[0].value == Q_(100_000, "EUR / a")
    per_tonne = REGION["lpr_4_3_longer_forest_rotation"].costs[0]  # 10-50 | EUR/tCO2e
    assert (per_tonne.low, per_tonne.high) == (Q_(10, "EUR / (t CO2e)"), Q_(50, "EUR / (t CO2e)"))


def test_reference_year_line_23() -> None:
    effect = REGION["tku_c3_walking_cycling_network"].effect  # t CO2-eq/year by 2030
    assert effect is not None
    assert (effect.low, effect.year) == (Q_(42_000, "t CO2e / a"), 2030)


def test_signed_changes_lines_35_and_392() -> None:
    cut = CITY["lahti:B-1.1 Industry solutions"].effect  # "– 15" kt CO2e
    assert cut is not None
    assert cut.convention is EffectConvention.CHANGE
    assert cut.low == Q_(-15, "kt CO2e")
    assert cut.reduction_low == Q_(15, "kt CO2e")
    rise = CITY["espoo:M3-scenario: distribution obligation change"].effect  # +31,2 INCREASE
    assert rise is not None
    assert rise.reduction_low == rise.reduction_high == Q_(-31.2, "kt CO2e / a")


def test_range_reductions_line_27() -> None:
    ccu = CITY["lahti:C-3.1 CCU"].effect  # 43-85 | ktCO2e / year in 2026-2030 | yes
    assert ccu is not None
    assert (ccu.reduction_low, ccu.reduction_high) == (Q_(43, "kt CO2e / a"), Q_(85, "kt CO2e / a"))
    assert ccu.year is None  # a span, not one year


@pytest.mark.parametrize(
    ("measure_id", "reason"),
    [
        ("espoo:E1", "names no greenhouse gas"),  # line 369: "-319" | "kt (Emissions ...)"
        ("tampere:Roadmap 2.1.3", "ICG2e"),  # line 82: misprinted unit
        ("helsinki:ACTION 9", "ambiguous"),  # line 427: "-20,000"
        ("helsinki:ACTION 26", "bound"),  # line 444: "a minimum of 64,000"
        ("helsinki:ACTION 25", "relative"),  # line 443: "-15%"
        ("tampere:CCC B-1.1 CCS/U", "only the high end"),  # line 355: "300-400 000"
        ("lahti:B-2.2 outline 3", "no effect figure"),  # line 4: "Difficult to assess"
        ("lpr_1_3_dh_network_efficiency", "no effect figure"),  # region line 4: empty
    ],
)
def test_unreadable_effects_stay_none_with_a_reason(measure_id: str, reason: str) -> None:
    measure = {**REGION, **CITY}[measure_id]
    assert measure.effect is None
    assert not measure.quantified
    assert reason in (measure.effect_parse_note or "")


def test_unquantified_rows_never_get_a_number() -> None:
    for measure, row in zip(
        read_region_measures(), _rows("measures_regions_and_cities.csv"), strict=True
    ):
        if row["has_quantified_effect"] == "no":
            assert measure.effect is None, measure.id
    for measure in read_city_measures():
        if not re.search(r"\d", measure.effect_value_text):
            assert measure.effect is None, measure.id


def test_co2_only_figures_are_marked_line_360() -> None:
    effect = CITY["tampere:C-3.1 city built environment"].effect  # 26 | tCO2 (as written ...)
    assert effect is not None
    assert effect.gas_basis == "CO2"


# --- costs ------------------------------------------------------------------------------------


def test_cost_components_line_68() -> None:
    costs = CITY["tampere:Roadmap 1.4.4"].costs  # investments 69,850,000; operating exp. 1,600,000
    assert [(c.label, c.value) for c in costs] == [
        ("investments", Q_(69_850_000, "EUR")),
        ("operating expenditure", Q_(1_600_000, "EUR")),
    ]


@pytest.mark.parametrize(
    ("measure_id", "expected"),
    [
        ("espoo:M2", Q_(2_062_936_000, "EUR")),  # line 386: '2 062 936' | '1000 € (C-3.1); ...'
        ("espoo:E1", Q_(229_674_000, "EUR")),  # line 369: '229 674 k€ (costs by ...)'
        ("tampere:C-3.1 city transport", Q_(147.1e6, "EUR")),  # line 359: '147,1 M€'
        ("helsinki:ACTION 9", Q_(-11e6, "EUR / a")),  # line 427: '-11 million' | 'euros/year'
        ("lahti:C-3.1 Cross cutting costs", Q_(600_000, "EUR / a")),  # 'Approx. 600 000 €'
    ],
)
def test_costs_read(measure_id: str, expected: object) -> None:
    (cost,) = CITY[measure_id].costs
    assert cost.value == expected


@pytest.mark.parametrize(
    ("measure_id", "reason"),
    [
        ("tampere:Roadmap 1.1.1", "rough cost class"),  # line 42: '●○○○○'
        ("espoo:Annex2 bundle 1.1", "ordinal cost class"),
        ("helsinki:ACTION 20", "no currency"),  # '600.000' | '(no currency stated)'
        ("helsinki:ACTION 13", "several amounts"),
        ("espoo:G2", "not a number"),  # '2 0124 k€ (as printed)'
    ],
)
def test_unreadable_costs(measure_id: str, reason: str) -> None:
    measure = CITY[measure_id]
    assert measure.costs == ()
    assert reason in (measure.cost_parse_note or "")


# --- status and responsible actors -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("planned (Action Plan 2023)", MeasureStatus.PLANNED),
        ("implementation ongoing in 2023", MeasureStatus.ONGOING),
        (
            "planned; implementation method under review (cave or pit storage)",
            MeasureStatus.PLANNED,
        ),
        (
            "partly implemented (most city cars/vans purchased are zero-emission)",
            MeasureStatus.ONGOING,
        ),
        ("committed", MeasureStatus.DECIDED),
        ("toimenpide-ehdotus (proposal)", MeasureStatus.PROPOSED),
        ("roadmap measure (approved by maakuntahallitus 25.1.2021)", MeasureStatus.PLANNED),
        ("implemented 2021, continuing (2022 follow-up)", MeasureStatus.ONGOING),
        ("additional action, not yet decided", MeasureStatus.PROPOSED),
        ("Ongoing, Political decision made, but financing not secured", MeasureStatus.ONGOING),
        ("Political decision, funding not secured", MeasureStatus.DECIDED),
        ("investment decision pending", MeasureStatus.PLANNED),
        ("Complete", MeasureStatus.IMPLEMENTED),
        ("in force (used in new local detailed plans)", MeasureStatus.IMPLEMENTED),
        (
            "not stated per measure (roadmap 2022: ~50 % being implemented, >25 % planning)",
            MeasureStatus.UNKNOWN,
        ),
        ("(schedule as written)", MeasureStatus.UNKNOWN),
        ("", MeasureStatus.UNKNOWN),
    ],
)
def test_status_is_read_conservatively(text: str, status: MeasureStatus) -> None:
    assert parse_status(text) is status


def test_status_of_rows_keeps_text() -> None:
    satakunta = [m for m in read_region_measures() if m.region_id == "satakunta"]
    assert {m.status for m in satakunta} == {MeasureStatus.PROPOSED}
    assert CITY["tampere:Roadmap 1.1.1"].status is MeasureStatus.UNKNOWN


def test_responsible_actors() -> None:
    assert REGION["lpr_1_1_peat_phaseout_chp"].responsible == (
        "Lappeenrannan Energia Oy",
        "Lappeenrannan Lämpövoima Oy",
        "Kaukaan Voima Oy",
        "Pohjolan Voima Oy",
    )
    assert REGION["tku_c3_urban_infill"].responsible == ()  # "(not stated in row)"
    assert REGION["tku_c3_urban_infill"].responsible_text == "(not stated in row)"
    assert split_responsible("see E2") == ()


# --- overlaps and totals ----------------------------------------------------------------------


def test_declared_relations_point_at_existing_rows() -> None:
    for measures in (REGION, CITY):
        for m in measures.values():
            assert set(m.aggregate_of) | set(m.overlaps_with) <= set(measures), m.id
            if m.aggregate_of or m.overlaps_with:
                assert m.relation_note
            if not m.summable:
                assert m.summable_note


def test_every_do_not_add_note_is_modelled() -> None:
    for m in (*REGION.values(), *CITY.values()):
        if re.search(r"do not add|overlap|counted in|Same .*figure", m.notes):
            assert (
                not m.summable
                or m.aggregate_of
                or m.overlaps_with
                or any(
                    m.id in other.aggregate_of or m.id in other.overlaps_with
                    for other in (*REGION.values(), *CITY.values())
                )
            ), m.id


def test_turku_levels_cannot_be_summed() -> None:
    pair = [REGION["tku_p1_carbon_neutral_energy_system"], REGION["tku_c3_municipal_buildings"]]
    with pytest.raises(OverlappingMeasuresError) as caught:
        total_effect(pair)
    assert "includes the figures of tku_c3_municipal_buildings" in caught.value.conflicts[0]


def test_overlap_is_refused_even_with_an_unquantified_component() -> None:
    with pytest.raises(OverlappingMeasuresError, match="tku_c3_residential_buildings"):
        total_effect(
            [REGION["tku_p1_carbon_neutral_energy_system"], REGION["tku_c3_residential_buildings"]]
        )


def test_non_summable_figure_is_refused() -> None:
    with pytest.raises(OverlappingMeasuresError, match="Same figure as outline 5"):
        total_effect([CITY["lahti:C-3.1 Campaign year 2025"]])


def test_total_reports_unquantified_and_other_bases_separately() -> None:
    measures = [
        REGION["lpr_1_2_local_dh_fossil_phaseout"],  # 7500 t/a
        REGION["lpr_2_1_carbon_neutral_public_transport"],  # 1900 t/a
        REGION["lpr_2_3_private_clean_vehicles"],  # 38000 t, period not stated
        REGION["lpr_1_4_seasonal_heat_storage"],  # no figure
    ]
    total = total_effect(measures)
    assert total.low == total.high == Q_(9.4, "kt CO2e / a")
    assert total.counted == (
        "lpr_1_2_local_dh_fossil_phaseout",
        "lpr_2_1_carbon_neutral_public_transport",
    )
    assert total.other_basis == ("lpr_2_3_private_clean_vehicles",)
    assert total.unquantified == ("lpr_1_4_seasonal_heat_storage",)
    unknown = total_effect(measures, basis=EffectBasis.UNKNOWN)
    assert unknown.low == Q_(38, "kt CO2e")


def test_total_of_nothing_is_not_zero() -> None:
    total = total_effect([REGION["lpr_1_4_seasonal_heat_storage"]])
    assert total.low is None
    assert total.high is None
    assert not total.complete


def test_ranges_add_up_end_by_end() -> None:
    total = total_effect([CITY["lahti:C-3.1 CCU"], CITY["lahti:C-3.1 Electric boiler"]])
    assert (total.low, total.high) == (Q_(45, "kt CO2e / a"), Q_(87, "kt CO2e / a"))
    assert total.is_range


def test_mixing_co2_and_co2e_is_refused() -> None:
    co2e = REGION["lpr_1_2_local_dh_fossil_phaseout"]
    assert co2e.effect is not None
    co2 = attrs.evolve(co2e, id="co2-only", effect=attrs.evolve(co2e.effect, gas_basis="CO2"))
    with pytest.raises(OverlappingMeasuresError, match="CO2-only and CO2e"):
        total_effect([co2e, co2])


def test_the_same_measure_twice_is_refused() -> None:
    m = REGION["lpr_1_2_local_dh_fossil_phaseout"]
    with pytest.raises(OverlappingMeasuresError, match="more than once"):
        total_effect([m, m])


@pytest.mark.parametrize(
    ("prefer", "kept"),
    [
        ("quantified", {"tku_p1_carbon_neutral_energy_system"}),
        ("aggregates", {"tku_p1_carbon_neutral_energy_system"}),
        ("components", {"tku_c3_residential_buildings"}),  # municipal row aggregates it too
    ],
)
def test_select_summable_policies(prefer: str, kept: set[str]) -> None:
    group = [
        REGION["tku_p1_carbon_neutral_energy_system"],
        REGION["tku_c3_municipal_buildings"],
        REGION["tku_c3_residential_buildings"],
    ]
    chosen = select_summable(group, prefer=prefer)  # type: ignore[arg-type]
    assert {m.id for m in chosen.kept} == kept
    assert len(chosen.kept) + len(chosen.left_out) == 3
    total_effect(chosen.kept)  # accepted


def test_select_summable_gives_a_set_total_effect_accepts() -> None:
    for region in ("pirkanmaa", "uusimaa", "paijat-hame", "varsinais-suomi", "etela-karjala"):
        measures = [m for m in (*REGION.values(), *CITY.values()) if m.region_id == region]
        chosen = select_summable(measures)
        total_effect(chosen.kept)
        assert {m.id for m in chosen.kept} | {i for i, _ in chosen.left_out} == {
            m.id for m in measures
        }


# --- robustness and errors --------------------------------------------------------------------


@given(st.text(max_size=40), st.text(max_size=40), st.one_of(st.none(), st.text(max_size=20)))
def test_parsers_never_raise(value: str, unit: str, annual: str | None) -> None:
    effect, note = parse_effect(value, unit, annual)
    assert effect is not None or note
    costs, cost_note = parse_costs(value, unit)
    assert costs or cost_note


@given(st.integers(min_value=0, max_value=10**9))
def test_plain_integers_round_trip(n: int) -> None:
    effect, _ = parse_effect(str(n), "t CO2e/a")
    assert effect is not None
    assert effect.low == Q_(n, "t CO2e / a")


def test_bad_rows_are_reported_together() -> None:
    rows = _rows("measures_regions_and_cities.csv")[:3]
    rows[0] = {**rows[0], "region": "Atlantis"}
    rows[1] = {**rows[1], "sector_alas": "Kaukolampo-x", "has_cost": "maybe"}
    rows[2] = {**rows[2], "measure_id": rows[1]["measure_id"]}
    with pytest.raises(DataFormatError) as caught:
        _region_rows(rows, "test.csv")
    problems = [str(p) for p in caught.value.problems]
    assert any("line 2, column 'region'" in p and "Atlantis" in p for p in problems)
    assert any("line 3, column 'sector_alas'" in p for p in problems)
    assert any("line 3, column 'has_cost'" in p for p in problems)
    assert any("line 4" in p and "duplicate measure id" in p for p in problems)
