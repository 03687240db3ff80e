"""``canemure region``: a region's profile from whatever adapter the host has."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from canemure.adapters import RegionAdapter
from canemure.cli.main import main
from canemure.geography import Coordinator, gazetteer
from canemure.measures import read_city_measures, read_region_measures
from canemure.plugins import PluginManager
from canemure.plugins import manager as manager_module
from canemure.reports import build_region_profile, render_region_profile

COORDINATOR = Coordinator(
    organisation="Pirkanmaan liitto",
    role="regional coordinator",
    web_pages=("https://www.pirkanmaa.fi/",),
    source="test",
)


@pytest.fixture
def host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PluginManager:
    """A host with one Pirkanmaa adapter only, an empty user cache, used by every lookup."""
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    host = PluginManager(entry_points=False)
    adapter = RegionAdapter(
        region_id="pirkanmaa",
        region_code="06",
        coordinating_organisations=[COORDINATOR],
        cooperation_group_source="test",
    )
    assert host.register(adapter, "pirkanmaa"), host.failures()
    monkeypatch.setattr(manager_module, "_MANAGER", host)
    return host


def test_profile_of_a_region_with_an_adapter(host: PluginManager) -> None:
    profile = build_region_profile(gazetteer().region("Birkaland"), host)
    assert profile.plugin is not None and profile.plugin.name == "pirkanmaa"
    assert len(profile.municipalities) == 23
    assert profile.coordinators == (COORDINATOR,)
    assert profile.cooperation_group is not None
    assert profile.cooperation_group.meetings_per_year == 4
    assert profile.roadmap is not None and profile.roadmap.title == "Hiilineutraali Pirkanmaa 2030"
    published = [m for m in (*read_region_measures(), *read_city_measures())]
    assert len(profile.measures) == sum(m.region_id == "pirkanmaa" for m in published)
    # only the bundled district heating (2005-2018): a small share of the figures
    assert profile.data_years["all"] == tuple(range(2005, 2019))
    assert 0 < profile.data_share["all"] < 0.1

    text = render_region_profile(profile, "table", "en")
    assert "Pirkanmaa (06): 23 municipalities" in text
    assert "  - Pirkanmaan liitto: regional coordinator" in text
    assert "  Meetings per year: 4" in text and "  Members: not known" in text
    assert "  Hiilineutraali Pirkanmaa 2030" in text
    assert "  all: 2005-2018 (" in text
    data = json.loads(render_region_profile(profile, "json"))
    assert data["roadmap"]["approved"] == "2020-11-17"
    assert data["measures"]["count"] == len(profile.measures)
    assert data["emission_data"]["all"]["years"] == list(range(2005, 2019))


def test_a_region_without_adapter_says_what_is_not_known(host: PluginManager) -> None:
    profile = build_region_profile(gazetteer().region("kainuu"), host)
    assert profile.plugin is None and profile.roadmap is None and profile.data_years == {}
    text = render_region_profile(profile, "table", "fi")
    assert "Alueen laajennus: ei asennettu (canemure plugins)" in text
    assert "Tiekartta:\n  ei tiedossa" in text
    assert "ei lukuja; hae: canemure data download" in text


def test_cli(host: PluginManager, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["region", "pirkanmaa", "--lang", "sv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Birkaland (06): 23 kommuner")
    assert main(["region", "Pirkanma"]) == 2
    assert "Pirkanmaa" in capsys.readouterr().err
