"""Baseline reports name each municipality's source and the sources that disagree.

Worked example (checked by hand): Pohjois-Karjala, bundled HINKU figures, with Joensuu (167)
replaced by a "user import" whose Road transport 2024 figure is 12.5 kt higher. The region's
2024 total becomes 937.2 + 12.5 = 949.7 kt; Joensuu is named as the user's import, the other
twelve as bundled data, and the disagreement says +12.5 kt in 2024.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import attrs
import numpy as np
import pytest

from canemure.datasets import choose_sources
from canemure.geography import gazetteer
from canemure.inventory import Population, Source
from canemure.io.bundled import pohjois_karjala
from canemure.providers import ProvidedInventory
from canemure.reports import build_baseline, render
from canemure.sectors import sector_hierarchy
from canemure.units import Q_

USER = Source(id="user:167", title="Joensuu, my own SYKE download")


def _strict(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"non-standard JSON constant {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    pk = pohjois_karjala()
    joensuu = pk.sel(areas=["167"])
    values = joensuu.magnitude.copy()
    road = joensuu.sectors.position(sector_hierarchy().find("Tieliikenne", 3).key)
    values[0, road, joensuu.years.position(2024)] += 12.5
    mine = attrs.evolve(joensuu, values=Q_(values, joensuu.unit), sources={"167": (USER,)})
    sourced = choose_sources(
        [
            ProvidedInventory(pk, "bundled", "bundled-data"),
            ProvidedInventory(mine, "user-import", "user-cache"),
        ]
    )
    assert sourced is not None
    return build_baseline(sourced, gazetteer().region("12"), [2007, 2024])


def _unwrapped(table: str) -> str:
    """The table with each wrapped note joined back into one line (continuations: 4 spaces)."""
    return re.sub(r"\n    (?=\S)", " ", table)


def test_report_names_the_source_of_each_municipality(report) -> None:  # type: ignore[no-untyped-def]
    kinds = {use.area: use.kind for use in report.sources}
    assert kinds.pop("167") == "user-import"
    assert set(kinds.values()) == {"bundled"} and len(kinds) == 12
    assert report.total.values[1] == pytest.approx(937.2 + 12.5)
    table = _unwrapped(render(report, "table", "en"))
    assert "  - user's import: Joensuu, my own SYKE download [Joensuu]" in table
    bundled_line = next(line for line in table.splitlines() if "bundled with canemure:" in line)
    assert "Joensuu" not in bundled_line and "Outokumpu" in bundled_line
    fi = _unwrapped(render(report, "table", "fi"))
    assert "käyttäjän tuonti: Joensuu, my own SYKE download [Joensuu]" in fi


def test_report_says_where_sources_disagree(report) -> None:  # type: ignore[no-untyped-def]
    (gap,) = report.disagreements
    assert gap.difference == pytest.approx(12.5) and gap.year == 2024
    table = _unwrapped(render(report, "table", "en"))
    assert "Sources disagree:" in table
    line = next(line for line in table.splitlines() if line.startswith("  - Joensuu (167): used"))
    assert "user's import (user-cache)" in line and "bundled with canemure (bundled-data)" in line
    assert "largest difference +12.5 kt CO2e/a in 2024 (Road transport" in line
    sv = _unwrapped(render(report, "table", "sv"))
    assert "Källorna skiljer sig åt:" in sv and "största skillnad +12,5" in sv


def test_csv_and_json_carry_sources_and_disagreements(report) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.reader(io.StringIO(render(report, "csv", "en"))))
    rows = [r[3:] for r in rows]  # after the area code, area name and rule columns
    sources = {r[1]: r[5] for r in rows if r[0] == "source"}
    assert sources["Joensuu (167)"].startswith("user-import: Joensuu, my own SYKE download")
    assert sources["Outokumpu (309)"].startswith("bundled: ")
    (gap,) = [r for r in rows if r[0] == "disagreement"]
    assert gap[1] == "Joensuu (167)" and gap[2] == "2024" and float(gap[3]) == pytest.approx(12.5)
    data = _strict(render(report, "json"))
    by_area = {s["municipality"]: s for s in data["sources"]}
    assert (by_area["167"]["kind"], by_area["167"]["provider"]) == ("user-import", "user-cache")
    assert by_area["090"]["kind"] == "bundled"
    (disagreement,) = data["disagreements"]
    assert disagreement["difference"] == pytest.approx(12.5)
    assert disagreement["set_aside"] == {"kind": "bundled", "provider": "bundled-data"}


def test_json_is_standard_even_with_a_zero_population() -> None:
    pk = pohjois_karjala().sel(areas=["167"], years=[2007, 2024])
    zero = Population(Q_(np.zeros((1, 2)), "resident"), ["167"], [2007, 2024])
    with np.errstate(divide="ignore", invalid="ignore"):
        report = build_baseline(pk.with_population(zero), gazetteer().municipality("167"), [2024])
    assert report.per_resident == (None,)  # not a number per resident: not estimated
    data = _strict(render(report, "json"))
    assert data["per_resident"]["values"] == {"2024": None}
