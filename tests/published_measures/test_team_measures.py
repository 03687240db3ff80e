"""A team's own measures: the short constructor and the CSV/TOML reader."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from canemure.errors import DataFormatError
from canemure.published.measures import (
    EffectBasis,
    MeasureStatus,
    OverlappingMeasuresError,
    PublishedMeasure,
    SectorMappedBy,
    read_measures_file,
    total_effect,
)
from canemure.units import Q_


def test_stated_measure_parses_what_was_printed() -> None:
    measure = PublishedMeasure.stated(
        "joensuu-1",
        "North Karelia",
        name_fi="Kaukolämmön öljyn korvaaminen",
        city="167",
        sector_text="Kau",
        status_text="ongoing",
        effect_value_text="25 000",
        effect_unit_text="t CO2e/a",
        cost_value_text="8 000 000",
        cost_unit_text="EUR investment",
        source="joensuu.fi, Ilmasto-ohjelma (2021), p. 12",
        quote="vähentää päästöjä 25 000 t CO2e vuodessa",
    )
    assert (measure.region_id, measure.city, measure.owner) == (
        "pohjois-karjala",
        "Joensuu",
        "Joensuu",
    )
    assert (measure.sector, measure.sector_mapped_by) == ("Kau", SectorMappedBy.OURS)
    assert measure.status is MeasureStatus.ONGOING
    assert measure.effect is not None
    assert measure.effect.low == Q_(25_000, "t CO2e / a")
    assert measure.effect.basis is EffectBasis.ANNUAL
    assert [c.low for c in measure.costs] == [Q_(8_000_000, "EUR")]


def test_stated_measure_without_figures_is_unquantified_not_zero() -> None:
    measure = PublishedMeasure.stated(
        "pk-1", "pohjois-karjala", name_en="Biogas buses", source="s", quote="q"
    )
    assert measure.effect is None
    assert measure.effect_parse_note == "no effect figure is printed"
    assert (measure.sector, measure.sector_text, measure.costs) == (None, "", ())
    assert measure.status is MeasureStatus.UNKNOWN
    assert measure.owner == "Pohjois-Karjala"


@pytest.mark.parametrize(
    ("given", "error"),
    [
        ({"quote": ""}, "non-empty quote"),
        ({"city": "Tampere"}, "not a municipality of Pohjois-Karjala"),
        ({"name_fi": None}, "Finnish or an English name"),
        ({"summable_note": "repeats row 3"}, "summable_note explains summable=False"),
    ],
)
def test_stated_measure_refuses(given: dict[str, str | None], error: str) -> None:
    args: dict[str, str | None] = {"name_fi": "Tuulivoima", "source": "s", "quote": "q", **given}
    with pytest.raises(ValueError, match=error):
        PublishedMeasure.stated("m", "pohjois-karjala", **args)  # type: ignore[arg-type]


MEASURES_CSV = (
    "id,name_fi,name_en,city,sector,status,effect_value,effect_unit,summable,summable_note,"
    "aggregate_of,source,quote\n"
    "all,Kaikki,All,,cross-cutting,planned,30,kt CO2e/a,,,wind;heat,roadmap p. 3,yhteensä 30 kt\n"
    "wind,Tuulivoima,,,Kau,decided,20,kt CO2e/a,,,,roadmap p. 4,20 kt\n"
    "heat,Lämpöpumput,,Joensuu,Kau,,10,kt CO2e/a,,,,roadmap p. 5,10 kt\n"
)


def test_measures_file_keeps_relations(tmp_path: Path) -> None:
    file = tmp_path / "measures.csv"
    file.write_text(MEASURES_CSV, encoding="utf-8")
    measures = read_measures_file(file, region_id="pohjois-karjala")
    assert [(m.id, m.line) for m in measures] == [("all", 2), ("wind", 3), ("heat", 4)]
    assert measures[0].aggregate_of == ("heat", "wind")
    assert measures[0].sector is None
    with pytest.raises(OverlappingMeasuresError):
        total_effect(measures)
    parts = total_effect(measures[1:])
    assert parts.low == Q_(30, "kt CO2e / a")


def test_measures_toml_equals_csv(tmp_path: Path) -> None:
    csv_file = tmp_path / "measures.csv"
    csv_file.write_text(MEASURES_CSV, encoding="utf-8")
    toml_file = tmp_path / "measures.toml"
    toml_file.write_text(
        """
[[measure]]
id = "all"
name_fi = "Kaikki"
name_en = "All"
sector = "cross-cutting"
status = "planned"
effect_value = "30"
effect_unit = "kt CO2e/a"
aggregate_of = ["wind", "heat"]
source = "roadmap p. 3"
quote = "yhteensä 30 kt"

[[measure]]
id = "wind"
name_fi = "Tuulivoima"
sector = "Kau"
status = "decided"
effect_value = "20"
effect_unit = "kt CO2e/a"
source = "roadmap p. 4"
quote = "20 kt"

[[measure]]
id = "heat"
name_fi = "Lämpöpumput"
city = "Joensuu"
sector = "Kau"
effect_value = "10"
effect_unit = "kt CO2e/a"
source = "roadmap p. 5"
quote = "10 kt"
""",
        encoding="utf-8",
    )
    from_csv = read_measures_file(csv_file, region_id="pohjois-karjala")
    from_toml = read_measures_file(toml_file, region_id="pohjois-karjala")
    assert [attrs.evolve(m, line=None) for m in from_csv] == list(from_toml)


def test_measures_file_reports_every_problem_at_once(tmp_path: Path) -> None:
    file = tmp_path / "measures.csv"
    file.write_text(
        "id,name_fi,sector,city,summable,aggregate_of,source,quote\n"
        "a,A,Heat pumps,,,,s,q\n"  # unknown sector
        "b,,Kau,,,,s,q\n"  # no name
        "c,C,,Tampere,,,s,q\n"  # another region's city
        "d,D,,,maybe,,s,q\n"  # bad yes/no
        "e,E,,,,zz,s,q\n"  # relation to an unknown id
        "e,E2,,,,,s,\n",  # duplicate id, empty quote
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError) as caught:
        read_measures_file(file, region_id="pohjois-karjala")
    found = {(p.line, p.column) for p in caught.value.problems}
    assert found == {
        (2, "sector"),
        (3, "name_fi"),
        (4, "city"),
        (5, "summable"),
        (6, "aggregate_of"),
        (7, "id"),
        (7, "quote"),
    }


def test_problems_of_one_measure_do_not_hide_each_other(tmp_path: Path) -> None:
    file = tmp_path / "measures.toml"
    file.write_text(
        '[[measure]]\nid = "a"\nname_fi = "A"\ncity = "Nowhere"\nsource = "s"\nquote = "q"\n\n'
        '[[measure]]\nid = "a"\nsector = "Heat pumps"\nsummable = "maybe"\nsource = ""\n'
        'quote = "q"\noverlaps_with = ["zz"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError) as caught:
        read_measures_file(file, region_id="pohjois-karjala")
    found = {p.column: p.message for p in caught.value.problems}
    assert set(found) == {
        "[[measure]] #1, city",
        "[[measure]] #2, id",
        "[[measure]] #2, name_fi",
        "[[measure]] #2, sector",
        "[[measure]] #2, summable",
        "[[measure]] #2, source",
        "[[measure]] #2, overlaps_with",
    }
    assert found["[[measure]] #2, id"] == "duplicate measure id (first at [[measure]] #1)"
    assert found["[[measure]] #2, source"] == "required field is empty"
