"""``canemure region``: a region's profile from whatever adapter the host has."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from canemure.adapters import RegionAdapter
from canemure.cli.main import main
from canemure.geography import Coordinator, gazetteer
from canemure.i18n import label
from canemure.io.bundled import pohjois_karjala
from canemure.plugins import PluginManager
from canemure.plugins import manager as manager_module
from canemure.providers import user_cache
from canemure.published.measures import read_city_measures, read_region_measures
from canemure.reports import build_region_profile, render_region_profile
from canemure.sectors import HINKU, sector_hierarchy

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


class _Failing:
    """A Pirkanmaa adapter whose coordinators and targets hooks fail; its roadmap works."""

    def __init__(self, municipalities: tuple[str, ...]) -> None:
        from canemure.plugins import RegionInfo, hookimpl

        self.info = RegionInfo("pirkanmaa", gazetteer().region("06").names, "06", source="test")
        self.codes = municipalities

        @hookimpl
        def canemure_regions() -> list[RegionInfo]:
            return [self.info]

        @hookimpl
        def canemure_municipalities(region_id: str) -> tuple[str, ...] | None:
            return self.codes if region_id == "pirkanmaa" else None

        @hookimpl
        def canemure_coordinators(region_id: str) -> object:
            raise KeyError("coordinators.csv")

        @hookimpl
        def canemure_targets(region_id: str) -> object:
            return {"2030": "-80 %"}

        @hookimpl
        def canemure_roadmap(region_id: str) -> object:
            from canemure.published.roadmaps import roadmap

            return roadmap("pirkanmaa") if region_id == "pirkanmaa" else None

        self.canemure_regions = canemure_regions
        self.canemure_municipalities = canemure_municipalities
        self.canemure_coordinators = canemure_coordinators
        self.canemure_targets = canemure_targets
        self.canemure_roadmap = canemure_roadmap


PIRKANMAA = tuple(m.code for m in gazetteer().municipalities_of("06"))


def test_a_failed_hook_is_failed_not_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    host = PluginManager(entry_points=False)
    assert host.register(_Failing(PIRKANMAA), "failing"), host.failures()
    monkeypatch.setattr(manager_module, "_MANAGER", host)
    profile = build_region_profile(gazetteer().region("06"), host)
    assert profile.plugin is not None and profile.plugin.name == "failing"
    assert profile.failed("canemure_coordinators") and profile.failed("canemure_targets")
    assert not profile.failed("canemure_roadmap")
    assert profile.roadmap is not None  # the adapter's working hook still answers
    assert [(f.hook, f.region) for f in profile.failures] == [
        ("canemure_coordinators", "pirkanmaa"),
        ("canemure_targets", "pirkanmaa"),
    ]
    text = render_region_profile(profile, "table", "en")
    assert "Coordinators:\n  failed\n" in text
    assert "Targets: failed\n" in text
    assert "Roadmap:\n  Hiilineutraali Pirkanmaa 2030\n" in text
    assert "Cooperation group:\n  not known\n" in text  # not implemented: not known, not failed
    assert "raised KeyError: 'coordinators.csv'" in text


def test_an_adapter_refused_for_the_region_shows_as_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    host = PluginManager(entry_points=False)
    assert not host.register(_Failing((*PIRKANMAA, "167")), "failing")  # Joensuu is not 06
    monkeypatch.setattr(manager_module, "_MANAGER", host)
    profile = build_region_profile(gazetteer().region("06"), host)
    assert profile.plugin is None
    (failure,) = profile.failures
    assert (failure.stage, failure.region) == ("validate", "pirkanmaa")
    text = render_region_profile(profile, "table", "sv")
    assert "Regionens tillägg: misslyckades: failing (canemure plugins)" in text
    assert "codes ['167'] are not municipalities of region 06 (Pirkanmaa (06))" in text


def test_a_region_without_adapter_does_not_claim_it_has_no_targets(host: PluginManager) -> None:
    profile = build_region_profile(gazetteer().region("kainuu"), host)
    assert profile.targets == () and profile.measures == ()  # nobody was asked ...
    assert not profile.targets_known and not profile.measures_known  # ... so not known, not 0
    text = render_region_profile(profile, "table", "sv")
    assert "Mål: inte känt\n" in text
    assert f"{label('measures', 'sv')}: inte känt\n" in text
    data = json.loads(render_region_profile(profile, "json"))
    assert data["targets"] is None and data["measures"] is None
    assert ",target," not in render_region_profile(profile, "csv")


def test_disagreeing_sources_are_named_per_rule(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worked example: an import of Joensuu with every leaf at 0.5 kt against the adapter.

    The adapter of Pohjois-Karjala serves the bundled figures. Under HINKU the largest
    difference is Road transport (level 3) in 2007: the import has 0.5 kt in each of its
    HINKU leaves (9), the adapter Joensuu's bundled figure; the import is used, so the difference is
    import minus adapter. The other rules have figures from the import only: nothing to compare.
    """
    from cli_support import run
    from fake_syke import write_syke_csv

    monkeypatch.setattr(manager_module, "_MANAGER", None)  # the installed adapters
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")
    user_cache.clear_parsed()
    status, _, err = run(
        capsys, "data", "import", str(write_syke_csv(tmp_path / "kunta_167.csv", [2007, 2024]))
    )
    assert status == 0, err
    road = sector_hierarchy().find("Tieliikenne", 3)
    imported = 0.5 * sum(leaf.key.startswith(f"{road.key}/") for leaf in HINKU.leaves())
    bundled = pohjois_karjala().value("167", "Tieliikenne", 2007).m
    assert imported == 4.5 and bundled > 100  # far apart: the largest difference

    status, out, err = run(capsys, "region", "pohjois-karjala", "--format", "json")
    assert status == 0
    data = json.loads(out, parse_constant=lambda c: pytest.fail(f"non-standard JSON {c}"))
    assert data["measures"]["count"] == 0  # the adapter answered: none, not "not known"
    (gap,) = data["emission_data"]["hinku"]["disagreements"]
    assert (gap["municipality"], gap["year"], gap["sector"]) == ("167", 2007, road.key)
    assert gap["used"] == {"kind": "user-import", "provider": "user-cache"}
    assert gap["set_aside"] == {"kind": "adapter", "provider": "pohjois-karjala"}
    assert gap["used_value"] == pytest.approx(imported)
    assert gap["set_aside_value"] == pytest.approx(bundled)
    assert gap["difference"] == pytest.approx(imported - bundled)
    others = {r: d["disagreements"] for r, d in data["emission_data"].items() if r != "hinku"}
    assert others and all(found == [] for found in others.values())
    (warning,) = [line for line in err.splitlines() if line.startswith("canemure: warning:")]
    assert warning.startswith("canemure: warning: Sources disagree: hinku: Joensuu (167): used")

    diff = f"−{bundled - imported:.1f}".replace(".", ",")
    status, out, err = run(capsys, "region", "pohjois-karjala", "--lang", "fi")
    assert status == 0
    assert "    Lähteet eroavat:\n      - Joensuu (167): käytetty käyttäjän tuonti" in out
    assert "Julkaistut toimenpiteet: 0\n" in out
    (warning,) = [line for line in err.splitlines() if line.startswith("canemure:")]
    assert warning.startswith("canemure: varoitus: Lähteet eroavat: hinku: Joensuu (167): ")
    assert f"suurin ero {diff} kt CO2e/a vuonna 2007 (Tieliikenne: 4,5 / " in warning

    status, out, _ = run(capsys, "region", "pohjois-karjala", "--format", "csv")
    assert status == 0
    (row,) = [line for line in out.splitlines() if ",disagreement," in line]
    assert row.startswith("12,disagreement,hinku,\"Joensuu (167): used user's import")
