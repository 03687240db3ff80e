"""The meeting report's roadmap section: the shipped scenario's figures, a region without one,
a scenario file given by the user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from canemure.engine.scenario import example_scenario, read_scenario, write_scenario
from canemure.errors import DataFormatError
from canemure.geography import gazetteer
from canemure.i18n import label
from canemure.io.bundled import pohjois_karjala
from canemure.plugins import PluginManager
from canemure.reports.html import build_meeting_report
from canemure.reports.roadmap import find_scenario, roadmap_section

DAY = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PluginManager]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CANEMURE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield PluginManager()


def test_the_shipped_scenario_is_found_for_its_region_only() -> None:
    gaz = gazetteer()
    found = find_scenario(gaz.region("12"))
    assert found is not None and found.area == "Pohjois-Karjala"
    assert find_scenario(gaz.region("06")) is None  # Pirkanmaa: none shipped


def test_the_section_prints_the_engine_s_figures(host: PluginManager) -> None:
    inventory = pohjois_karjala()
    result = example_scenario().to_roadmap(inventory).compute(inventory)
    k = result.year_index(2030)
    gap = float(result.to_regions().gaps[0].gap.m_as("kt CO2e / a")[0, k])
    reduction = float(np.nansum(result.reduction.m_as("kt CO2e / a")[:, :, k]))
    body = roadmap_section(gazetteer().region("12"), lang="fi", charts=False, manager=host)
    assert f"+{gap:.1f}".replace(".", ",") in body  # Finnish decimal comma
    assert f"{reduction:.1f}".replace(".", ",") in body
    assert "suunniteltu" in body  # each measure's status, in Finnish
    assert body.count('class="num not-estimated"') >= 6  # three measures without costs, x2
    assert "<svg" not in body  # charts=False


def test_a_region_without_a_scenario_says_so(host: PluginManager) -> None:
    report = build_meeting_report(
        gazetteer().region("06"), manager=host, lang="sv", charts=False, date=DAY
    )
    body = report.section("roadmap").body
    assert label("report_no_roadmap", "sv").format(region="pirkanmaa") in body.replace(
        "&#x27;", "'"
    )
    assert "<table" not in body
    assert report.section("roadmap").title == "Färdplan och åtgärder"


def test_a_scenario_file_of_the_user_is_used_and_its_mistakes_raised(
    host: PluginManager, tmp_path: Path
) -> None:
    text = write_scenario(example_scenario()).replace(
        'name = "Pohjois-Karjala: illustrative measures towards -80 % by 2030"',
        'name = "Variant without cars"',
    )
    mine = tmp_path / "variant.toml"
    mine.write_text(text, encoding="utf-8")
    region = gazetteer().region("12")
    body = roadmap_section(
        region, lang="en", charts=False, manager=host, scenario=read_scenario(mine)
    )
    assert "Scenario: Variant without cars." in body
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace("end_year = 2035", 'end_year = "soon"'), encoding="utf-8")
    with pytest.raises(DataFormatError, match="end_year"):
        read_scenario(broken)


def test_report_with_a_broken_scenario_exits_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from canemure.cli.main import main

    broken = tmp_path / "broken.toml"
    broken.write_text(
        write_scenario(example_scenario()).replace("end_year = 2035", 'end_year = "soon"'),
        encoding="utf-8",
    )
    target = tmp_path / "r.html"
    status = main(["report", "12", "-o", str(target), "--scenario", str(broken), "--no-charts"])
    err = capsys.readouterr().err
    assert status == 2
    assert "broken.toml" in err and "end_year" in err
    assert not target.exists()
