"""Regional roadmap facts bundled from the project's sourced notes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from canemure.errors import DataFormatError, Problem, UnknownNameError
from canemure.published.roadmaps import _entry, read_roadmap_file, roadmap, roadmaps


def test_every_canemure_region_has_an_entry() -> None:
    assert set(roadmaps()) == {
        "etela-karjala",
        "pirkanmaa",
        "pohjois-pohjanmaa",
        "paijat-hame",
        "satakunta",
        "uusimaa",
        "varsinais-suomi",
        "pohjois-karjala",
    }
    assert all(info.source for info in roadmaps().values())


def test_pirkanmaa() -> None:
    info = roadmap("Birkaland")
    assert info is not None
    assert info.title == "Hiilineutraali Pirkanmaa 2030"
    assert info.approved == dt.date(2020, 11, 17)
    assert info.themes[0] == "Liikenne ja liikkuminen"
    assert len(info.themes) == 6


def test_unknowns_stay_unknown() -> None:
    satakunta = roadmap("satakunta")
    assert satakunta is not None
    assert satakunta.approved is None
    assert not satakunta.themes_complete
    assert roadmap("kainuu") is None
    with pytest.raises(UnknownNameError):
        roadmap("atlantis")


def test_malformed_entries_are_reported() -> None:
    problems: list[Problem] = []
    assert _entry("pirkanmaa", {"title": "x", "colour": "red"}, problems) is None
    assert (
        _entry(
            "satakunta",
            {
                "approved": "2021",
                "approved_text": "",
                "themes": [],
                "themes_complete": False,
                "source": "s",
            },
            problems,
        )
        is None
    )
    messages = [str(p) for p in problems]
    assert any("pirkanmaa.colour" in m and "unknown key" in m for m in messages)
    assert any("pirkanmaa.source" in m and "missing key" in m for m in messages)
    assert any("satakunta.approved" in m for m in messages)


# --- a team's own roadmap file ----------------------------------------------------------------


def test_a_team_roadmap_file_reads_like_the_bundled_entry(tmp_path: Path) -> None:
    """Pirkanmaa's bundled table, written as a team's roadmap.toml, gives the same record."""
    bundled = roadmap("pirkanmaa")
    assert bundled is not None
    themes = ", ".join(f'"{t}"' for t in bundled.themes)
    file = tmp_path / "roadmap.toml"
    file.write_text(
        f'title = "{bundled.title}"\napproved = {bundled.approved}\n'
        f'approved_text = "{bundled.approved_text}"\napproved_by = "{bundled.approved_by}"\n'
        f"themes = [{themes}]\nthemes_complete = true\n"
        f'target_text = "{bundled.target_text}"\nnotes = "{bundled.notes}"\n'
        f'source = "{bundled.source}"\n',
        encoding="utf-8",
    )
    assert read_roadmap_file(file, region_id="Birkaland") == bundled


def test_a_team_roadmap_file_reports_every_problem(tmp_path: Path) -> None:
    file = tmp_path / "roadmap.toml"
    file.write_text(
        'titel = "x"\napproved = "2020"\napproved_text = "a"\nthemes = "one"\n'
        'themes_complete = "yes"\nsource = " "\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError) as caught:
        read_roadmap_file(file, region_id="pirkanmaa")
    assert {(p.column, p.message) for p in caught.value.problems} == {
        ("titel", "unknown key"),
        ("approved", "approved must be a date"),
        ("themes", "themes must be an array of strings"),
        ("themes_complete", "themes_complete must be a boolean"),
        ("source", "source must not be empty"),
    }
