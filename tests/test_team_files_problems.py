"""A team's file with problems on several lines, and several on one line, gets all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from canemure.adapters import read_cooperation_group_file
from canemure.errors import DataFormatError
from canemure.geography.model import read_coordinators_file
from canemure.published.factors import read_factors_file
from canemure.published.roadmaps import read_roadmap_file


def test_factors_file_problems_of_one_line_do_not_hide_each_other(tmp_path: Path) -> None:
    """motiva.fi/ and oil.fi/ have different reliability grades (see test_factors.py)."""
    file = tmp_path / "factors.csv"
    file.write_text(
        "name,value,unit,source,quote,page\n"
        "a,1,t,s,q,3\n"
        ",267,g CO2/kWh,motiva.fi/ and oil.fi/ pages,,5\n"  # two empty fields, two grades
        "c,2,t,,q,4\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError) as caught:
        read_factors_file(file)
    found = {(p.line, p.column): p.message for p in caught.value.problems}
    assert set(found) == {(1, "page"), (3, "name"), (3, "quote"), (3, "source"), (4, "source")}
    assert "several grades" in found[(3, "source")]
    assert found[(4, "source")] == "required field is empty"


def test_coordinators_file_problems_of_one_table_do_not_hide_each_other(tmp_path: Path) -> None:
    file = tmp_path / "coordinators.toml"
    file.write_text(
        '[[coordinator]]\norganisation = "A"\nrole = ""\nweb_pages = ["ftp://a.fi", "b.fi"]\n\n'
        '[[coordinator]]\norganisation = "B"\nrole = "r"\nsource = "s"\n'
        'web_pages = ["https://b.fi"]\n\n'
        '[[coordinator]]\norganisation = "C"\nsource = "s"\nweb_pages = ["c.fi"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError) as caught:
        read_coordinators_file(file)
    assert {(p.column, p.message) for p in caught.value.problems} == {
        ("[[coordinator]] #1, role", "required field is empty"),
        ("[[coordinator]] #1, source", "required field is missing"),
        ("[[coordinator]] #1, web_pages", "must be an http(s) URL"),
        ("[[coordinator]] #3, role", "required field is missing"),
        ("[[coordinator]] #3, web_pages", "must be an http(s) URL"),
    }
    assert sum(p.column == "[[coordinator]] #1, web_pages" for p in caught.value.problems) == 2


def test_roadmap_file_missing_and_wrong_keys_come_together(tmp_path: Path) -> None:
    file = tmp_path / "roadmap.toml"
    file.write_text('titel = "x"\napproved = "2020"\nthemes = [1]\nsource = ""\n', encoding="utf-8")
    with pytest.raises(DataFormatError) as caught:
        read_roadmap_file(file, region_id="pirkanmaa")
    assert {(p.column, p.message) for p in caught.value.problems} == {
        ("titel", "unknown key"),
        ("approved_text", "missing key"),
        ("themes_complete", "missing key"),
        ("approved", "approved must be a date"),
        ("themes", "themes must be an array of strings"),
        ("source", "source must not be empty"),
    }


def test_cooperation_group_file_missing_and_wrong_keys_come_together(tmp_path: Path) -> None:
    file = tmp_path / "cooperation_group.toml"
    file.write_text('members = "a"\nmeetings_per_year = true\nsource = ""\n', encoding="utf-8")
    with pytest.raises(DataFormatError) as caught:
        read_cooperation_group_file(file)
    found = {p.column: p.message for p in caught.value.problems}
    assert set(found) == {"members", "meetings_per_year", "source", "name"}
    assert found["members"].startswith("must be a ")
    assert found["meetings_per_year"].startswith("must be a ")
    assert found["source"] == "must not be empty"
    assert found["name"] == "required key is missing"
