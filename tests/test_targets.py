"""Published targets: every row read, kinds and values checked by hand against specific rows.

Row references are to the bundled CSV files (header = line 1).
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from canemure.errors import DataFormatError
from canemure.published.targets import (
    Target,
    TargetKind,
    classify,
    national_targets,
    read_city_targets,
    read_region_targets,
    read_targets_file,
)
from canemure.published.targets import _region_rows as region_rows
from canemure.units import Q_


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("canemure").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


REGION = {t.id: t for t in read_region_targets()}
CITY = {t.id: t for t in read_city_targets()}


def test_every_row_is_read() -> None:
    assert len(read_region_targets()) == len(_rows("targets_regions_and_cities.csv")) == 17
    assert len(read_city_targets()) == len(_rows("targets_cities.csv")) == 31
    assert len(REGION) == 17
    assert len(CITY) == 31


def test_reduction_percent_line_2() -> None:
    t = REGION["pir_total_80pct"]  # 80 | % reduction | 2007 | 2030
    assert (t.kind, t.value, t.base_year, t.target_year) == (
        TargetKind.REDUCTION_PERCENT,
        Q_(80, "percent"),
        2007,
        2030,
    )
    assert t.region_id == "pirkanmaa"
    assert t.city is None


def test_absolute_level_keeps_base_year_text_line_4() -> None:
    t = REGION["ph_total_2030"]  # 378.4 | kt CO2e/a | 2007 (1900 kt) | 2030
    assert t.kind is TargetKind.ABSOLUTE_LEVEL
    assert t.value == Q_(378.4, "kt CO2e / a")
    assert (t.base_year, t.base_year_text) == (2007, "2007 (1900 kt)")


def test_level_in_tonnes_is_read_as_annual_kilotonnes_line_18() -> None:
    t = REGION["lpr_residual_2030"]  # 85000 | t CO2e | 2020 baseline | 2030
    assert t.value == Q_(85, "kt CO2e / a")
    assert "without 'per year'" in (t.value_note or "")
    assert (t.city, t.region_id, t.base_year) == ("Lappeenranta", "etela-karjala", 2020)


def test_carbon_neutrality_lines_6_and_7() -> None:
    assert (
        REGION["vs_carbon_neutral_2035"].kind,
        REGION["vs_carbon_neutral_2035"].target_year,
    ) == (TargetKind.CARBON_NEUTRALITY, 2035)
    satakunta = REGION["sat_carbon_neutral_2030"]
    assert satakunta.kind is TargetKind.CARBON_NEUTRALITY
    assert satakunta.value is None
    assert satakunta.base_year == 2007


@pytest.mark.parametrize(
    "target_id",
    ["pir_progress_2024", "tku_scen_dh", "sat_transport_zero_2045", "pk_oil_free_energy_2020"],
)
def test_progress_scenarios_and_other_goals_are_other(target_id: str) -> None:
    t = REGION[target_id]
    assert t.kind is TargetKind.OTHER
    assert t.value is None


def test_signed_percentages_city_lines() -> None:
    helsinki = CITY["helsinki-1"]  # '-80 (at least)' | '% of 1990 direct (scope 1&2) emissions'
    assert helsinki.kind is TargetKind.REDUCTION_PERCENT
    assert helsinki.value == Q_(80, "percent")
    assert "at least" in (helsinki.value_note or "")
    espoo = CITY["espoo-2"]  # '-28' | '% per capita'
    assert espoo.per_resident
    assert espoo.value == Q_(28, "percent")
    assert CITY["tampere-5"].kind is TargetKind.OTHER  # '-73' | '% vs 1990 (projection)'


def test_several_values_in_one_cell_are_not_read() -> None:
    t = CITY["helsinki-4"]  # '1166 / 905 / 600-687' | 'kt co2e' | ... | '2025/2027/2030'
    assert t.kind is TargetKind.ABSOLUTE_LEVEL
    assert t.value is None
    assert "several values" in (t.value_note or "")
    assert (t.target_year, t.target_year_text) == (None, "2025/2027/2030")
    assert t.base_year == 2023


def test_lahti_carbon_neutral_target_line_12() -> None:
    t = CITY["lahti-1"]  # '-80; 216' | '% vs 1990; kt CO2e (mainly scope 1)'
    assert t.kind is TargetKind.CARBON_NEUTRALITY
    assert t.target_year == 2025


def test_national_targets_sourced_only_by_default() -> None:
    sourced = {t.id: t for t in national_targets()}
    assert set(sourced) == {"fi-hinku-80", "fi-climate-act-carbon-neutral-2035"}
    hinku = sourced["fi-hinku-80"]
    assert (hinku.value, hinku.base_year, hinku.target_year) == (Q_(80, "percent"), 2007, 2030)
    assert sourced["fi-climate-act-carbon-neutral-2035"].target_year == 2035
    assert all(t.region_id is None and not t.notes for t in sourced.values())


def test_brief_statements_are_marked() -> None:
    brief = [t for t in national_targets(include_brief_statements=True) if t.notes]
    assert [(t.value, t.target_year) for t in brief] == [
        (Q_(60, "percent"), 2030),
        (Q_(80, "percent"), 2040),
        (Q_(90, "percent"), 2050),
    ]
    for t in brief:
        assert "DOMAIN.md" in t.source
        assert "not been checked" in t.notes


def test_classify_rules() -> None:
    assert classify("x", "", "") is TargetKind.OTHER
    assert classify("carbon neutral city", "", "") is TargetKind.CARBON_NEUTRALITY
    assert classify("Goal 2030", "12", "kt CO2e") is TargetKind.ABSOLUTE_LEVEL
    assert classify("Scenario outcome", "-72", "% vs 1990") is TargetKind.OTHER


def test_unknown_region_is_reported_with_line() -> None:
    rows = _rows("targets_regions_and_cities.csv")[:2]
    rows[1] = {**rows[1], "region": "Narnia (city)"}
    with pytest.raises(DataFormatError, match=r"line 3, column 'region'.*Narnia"):
        region_rows(rows, "t.csv")


# --- a team's own targets ---------------------------------------------------------------------

PK_QUOTE = "kasvihuonekaasupäästöjä vähennetään 80 % vuoden 2007 tasosta vuoteen 2030 mennessä"


def test_stated_target_reads_the_printed_texts_and_invents_nothing() -> None:
    cut = Target.stated(
        "pk-hinku",
        "Maakunta-Hinku: GHG -80 % from 2007 by 2030",
        region_id="North Karelia",
        value_text="-80",
        unit_text="%",
        base_year_text="2007",
        target_year_text="2030",
        source="Pohjois-Karjalan maakuntaliitto, Tiekartta (2021)",
        quote=PK_QUOTE,
    )
    assert cut.region_id == "pohjois-karjala"
    assert cut.kind is TargetKind.REDUCTION_PERCENT
    assert cut.value == Q_(80, "percent")  # printed as -80 %: a cut of 80 %
    assert (cut.base_year, cut.target_year, cut.line) == (2007, 2030, None)
    bare = Target.stated("pk-2", "GHG emission target", source="s", quote="q", city="Joensuu")
    assert (bare.region_id, bare.city, bare.municipality_code) == (
        "pohjois-karjala",
        "Joensuu",
        "167",
    )
    assert bare.value is None
    assert bare.base_year is None
    assert bare.value_text == ""


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"quote": " "}, "non-empty quote"),
        ({"source": ""}, "non-empty source"),
        ({"city": "Tampere", "region_id": "pohjois-karjala"}, "'pirkanmaa', not 'pohjois-karjala'"),
    ],
)
def test_stated_target_refuses(given: dict[str, str], message: str) -> None:
    args = {"source": "s", "quote": "q", **given}
    with pytest.raises(ValueError, match=message):
        Target.stated("t", "text", **args)


def test_targets_file_csv_and_toml_give_the_same_targets(tmp_path: Path) -> None:
    csv_file = tmp_path / "targets.csv"
    csv_file.write_text(
        "id,text,value,unit,base_year,target_year,city,source,quote\n"
        f'pk-hinku,GHG -80 % by 2030,80,% reduction,2007,2030,,"Tiekartta, p. 4","{PK_QUOTE}"\n'
        "joensuu-cn,Carbon neutral Joensuu,,,,2025,Joensuu,joensuu.fi,hiilineutraali 2025\n",
        encoding="utf-8",
    )
    toml_file = tmp_path / "targets.toml"
    toml_file.write_text(
        f"""
[[target]]
id = "pk-hinku"
text = "GHG -80 % by 2030"
value = "80"
unit = "% reduction"
base_year = 2007
target_year = 2030
source = "Tiekartta, p. 4"
quote = "{PK_QUOTE}"

[[target]]
id = "joensuu-cn"
text = "Carbon neutral Joensuu"
target_year = 2025
city = "Joensuu"
source = "joensuu.fi"
quote = "hiilineutraali 2025"
""",
        encoding="utf-8",
    )
    from_csv = read_targets_file(csv_file, region_id="pohjois-karjala")
    from_toml = read_targets_file(toml_file, region_id="12")
    assert [t.line for t in from_csv] == [2, 3]
    assert [attrs.evolve(t, line=None) for t in from_csv] == list(from_toml)
    hinku, neutral = from_csv
    assert (hinku.value, hinku.base_year, hinku.target_year) == (Q_(80, "percent"), 2007, 2030)
    assert neutral.kind is TargetKind.CARBON_NEUTRALITY
    assert (neutral.city, neutral.target_year) == ("Joensuu", 2025)


def test_targets_file_reports_every_problem_at_once(tmp_path: Path) -> None:
    bad = tmp_path / "targets.csv"
    bad.write_text(
        "id,text,kind,city,source,quote,colour\n"
        "a,t1,,Joensuu,s,q,red\n"
        "a,t2,,,s,q,blue\n"  # duplicate id
        "b,t3,wish,,s,q,\n"  # unknown kind
        "c,t4,,Tampere,s,q,\n"  # city of another region
        "d,t5,,,,q,\n",  # empty source
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError) as caught:
        read_targets_file(bad, region_id="pohjois-karjala")
    found = {(p.line, p.column, p.value): p.message for p in caught.value.problems}
    assert str(bad) in str(caught.value)
    assert "unknown field" in found[(1, "colour", None)]
    assert "duplicate target id (first at line 2)" in found[(3, "id", "a")]
    assert "must be one of" in found[(4, "kind", "wish")]
    assert "not a municipality of Pohjois-Karjala" in found[(5, "city", "Tampere")]
    assert found[(6, "source", "")] == "required field is empty"
    assert len(found) == 5


def test_problems_of_one_line_do_not_hide_each_other(tmp_path: Path) -> None:
    bad = tmp_path / "targets.csv"
    bad.write_text(
        "id,text,kind,city,source,quote\n"
        "a,t1,,Nowhere,s,q\n"  # unknown city: its id still counts for duplicates
        "a,,wish,Tampere,s,q\n"  # duplicate id, empty text, unknown kind, other region
        "b,t3,,Joensuu,,\n",  # two empty fields
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError) as caught:
        read_targets_file(bad, region_id="pohjois-karjala")
    found = {(p.line, p.column): p.message for p in caught.value.problems}
    assert set(found) == {
        (2, "city"),
        (3, "id"),
        (3, "text"),
        (3, "kind"),
        (3, "city"),
        (4, "source"),
        (4, "quote"),
    }
    assert "Nowhere" in found[(2, "city")]
    assert found[(3, "id")] == "duplicate target id (first at line 2)"
    assert "not a municipality of Pohjois-Karjala" in found[(3, "city")]


def test_targets_toml_names_the_table_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "targets.toml"
    bad.write_text(
        '[[target]]\nid = "a"\ntext = "t"\nsource = "s"\n\n'
        '[[target]]\nid = "b"\ntext = "t"\nsource = "s"\nquote = "q"\nbase_yaer = 2007\n'
        "[meta]\nx = 1\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError) as caught:
        read_targets_file(bad, region_id="pohjois-karjala")
    found = {(p.column, p.message.split(";")[0]) for p in caught.value.problems}
    assert ("[[target]] #1, quote", "required field is missing") in found
    assert ("[[target]] #2, base_yaer", "unknown field") in found
    assert ("meta", "unknown table") in found
    assert "did you mean 'base_year'?" in str(caught.value)


PRINTED = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters='\n,;"%'),
    max_size=40,
)


@given(
    texts=st.lists(
        st.tuples(PRINTED, PRINTED, PRINTED, PRINTED, PRINTED).filter(
            lambda row: all(row[i].strip() for i in (0, 3, 4))
        ),
        min_size=1,
        max_size=4,
    )
)
def test_csv_and_toml_files_keep_the_printed_texts(
    tmp_path_factory: pytest.TempPathFactory, texts: list[tuple[str, str, str, str, str]]
) -> None:
    """Whatever a team prints, both file formats give the same targets, texts kept verbatim."""
    folder = tmp_path_factory.mktemp("targets")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "text", "value", "unit", "source", "quote"])
    tables = []
    for number, (text, value, unit, source, quote) in enumerate(texts):
        writer.writerow([f"t{number}", text, value, unit, source, quote])
        fields = {"id": f"t{number}", "text": text, "value": value, "unit": unit}
        fields |= {"source": source, "quote": quote}
        body = "\n".join(
            f"{key} = {json.dumps(val, ensure_ascii=False)}" for key, val in fields.items()
        )
        tables.append(f"[[target]]\n{body}\n")
    (folder / "targets.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (folder / "targets.toml").write_text("\n".join(tables), encoding="utf-8")
    from_csv = read_targets_file(folder / "targets.csv", region_id="pohjois-karjala")
    from_toml = read_targets_file(folder / "targets.toml", region_id="pohjois-karjala")
    assert [attrs.evolve(t, line=None) for t in from_csv] == list(from_toml)
    for target, (text, value, unit, source, quote) in zip(from_csv, texts, strict=True):
        assert (target.text, target.value_text, target.unit_text) == (
            text.strip(),
            value.strip(),
            unit.strip(),
        )
        assert (target.source, target.quote) == (source.strip(), quote.strip())
