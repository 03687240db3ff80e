"""Regional roadmap facts bundled from the project's sourced notes."""

from __future__ import annotations

import datetime as dt

import pytest

from canemure.errors import Problem, UnknownNameError
from canemure.roadmaps import _entry, roadmap, roadmaps


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
