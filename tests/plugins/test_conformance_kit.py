"""The conformance kit passes a good adapter and catches each way an adapter can be wrong."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest

from canemure.geography import Coordinator, gazetteer
from canemure.inventory import EmissionInventory
from canemure.io.bundled import pohjois_karjala
from canemure.plugins import CooperationGroup, RegionInfo, hookimpl
from canemure.sectors import HINKU, AccountingRule
from canemure.testing import (
    AdapterConformanceSuite,
    ConformanceError,
    check_cooperation_group,
    check_coordinators,
    check_hooks_typed,
    check_inventories,
    check_municipalities,
    check_packaging,
    check_region_metadata,
    check_registration,
    check_unknown_regions,
    find_pyproject,
    run_conformance,
)

PK = gazetteer().region("12")
PLUGINS = Path(__file__).resolve().parents[2] / "plugins"
YEARS = (1990, *range(2005, 2025))


class Adapter:
    """A well-behaved adapter serving the bundled Pohjois-Karjala figures.

    Subclasses break one thing each.
    """

    CANEMURE_COVERAGE: ClassVar[Any] = {"pohjois-karjala": {"hinku": YEARS}}
    region = RegionInfo("pohjois-karjala", PK.names, "12", source="Statistics Finland")

    @hookimpl
    def canemure_regions(self) -> Sequence[RegionInfo]:
        return [self.region]

    @hookimpl
    def canemure_municipalities(self, region_id: str) -> Sequence[str] | None:
        if region_id != "pohjois-karjala":
            return None
        return [m.code for m in gazetteer().municipalities_of("12")]

    @hookimpl
    def canemure_load_inventory(
        self, region_id: str, rule: AccountingRule, years: Sequence[int] | None
    ) -> EmissionInventory | None:
        if region_id != "pohjois-karjala" or rule != HINKU:
            return None
        inventory = pohjois_karjala()
        if years is None:
            return inventory
        kept = [y for y in years if y in inventory.years]
        return inventory.sel(years=kept) if kept else None


class TestGoodAdapterPassesTheSuite(AdapterConformanceSuite):
    plugin = Adapter()
    region_id = "pohjois-karjala"


def test_good_adapter_has_no_problems() -> None:
    assert run_conformance(Adapter(), "pohjois-karjala") == []


def problems(adapter: object) -> str:
    found = run_conformance(adapter, "pohjois-karjala")
    assert found, "the kit should have found a problem"
    return "\n".join(found)


def test_unregistrable_adapter() -> None:
    class Old(Adapter):
        CANEMURE_REQUIRES = ">=3"

    with pytest.raises(ConformanceError, match="needs canemure >=3"):
        check_registration(Old())
    assert "the plugin host refused the adapter" in problems(Old())


def test_untyped_hook() -> None:
    class Untyped(Adapter):
        @hookimpl
        def canemure_municipalities(self, region_id):  # type: ignore[no-untyped-def]
            return None

    manager = check_registration(Untyped())
    with pytest.raises(ConformanceError, match="canemure_municipalities has no type annotation"):
        check_hooks_typed(manager)


def test_region_not_declared() -> None:
    with pytest.raises(ConformanceError, match="does not declare 'kainuu'"):
        check_region_metadata(check_registration(Adapter()), "kainuu")


def test_region_without_source_or_with_the_wrong_code() -> None:
    class Sloppy(Adapter):
        region = RegionInfo("pohjois-karjala", PK.names, "11")

        @hookimpl  # region 12's list under code 11: the host would refuse it at registration
        def canemure_municipalities(self, region_id: str) -> Sequence[str] | None:
            return None

    with pytest.raises(ConformanceError) as caught:
        check_region_metadata(check_registration(Sloppy()), "pohjois-karjala")
    assert caught.value.problems == (
        "RegionInfo 'pohjois-karjala' has no source (where were the facts read?)",
        "region id 'pohjois-karjala' is Pohjois-Karjala (12) in the reference gazetteer, but "
        "the adapter gives region code '11'",
    )


def test_municipalities_of_another_region() -> None:
    class Wrong(Adapter):
        @hookimpl
        def canemure_municipalities(self, region_id: str) -> Sequence[str] | None:
            return ["167", "205"] if region_id == "pohjois-karjala" else None

    with pytest.raises(ConformanceError, match=r"codes \['205'\] are not municipalities of"):
        check_municipalities(check_registration(Wrong()), "pohjois-karjala")


def test_municipality_code_that_does_not_exist() -> None:
    class Wrong(Adapter):
        @hookimpl
        def canemure_municipalities(self, region_id: str) -> Sequence[str] | None:
            return ["167", "999"] if region_id == "pohjois-karjala" else None

    # the host refuses it at registration already
    assert "do not exist: '999'" in problems(Wrong())


def test_unsourced_coordinator_and_group() -> None:
    class Unsourced(Adapter):
        @hookimpl
        def canemure_coordinators(self, region_id: str) -> Sequence[Coordinator] | None:
            if region_id != "pohjois-karjala":
                return None
            return [Coordinator("Pohjois-Karjalan maakuntaliitto", "regional council")]

        @hookimpl
        def canemure_cooperation_group(self, region_id: str) -> CooperationGroup | None:
            return CooperationGroup("ryhmä", ()) if region_id == "pohjois-karjala" else None

    manager = check_registration(Unsourced())
    with pytest.raises(ConformanceError, match="'Pohjois-Karjalan maakuntaliitto' has no source"):
        check_coordinators(manager, "pohjois-karjala")
    with pytest.raises(ConformanceError, match="has no source"):
        check_cooperation_group(manager, "pohjois-karjala")


def test_coverage_must_be_declared_and_kept() -> None:
    class Undeclared(Adapter):
        CANEMURE_COVERAGE = None

    class Overdeclared(Adapter):
        CANEMURE_COVERAGE: ClassVar[Any] = {"pohjois-karjala": {"hinku": YEARS, "all": YEARS}}

    class WrongYears(Adapter):
        CANEMURE_COVERAGE: ClassVar[Any] = {"pohjois-karjala": {"hinku": (2005, 2024)}}

    class Malformed(Adapter):
        CANEMURE_COVERAGE: ClassVar[Any] = {"pohjois-karjala": ["hinku"]}

    def check(adapter: Adapter) -> None:
        check_inventories(check_registration(adapter), "pohjois-karjala", adapter)

    with pytest.raises(ConformanceError, match="has no CANEMURE_COVERAGE"):
        check(Undeclared())
    with pytest.raises(ConformanceError, match="rule 'all' is declared in CANEMURE_COVERAGE but"):
        check(Overdeclared())
    with pytest.raises(ConformanceError, match=r"differ from the declared \[2005, 2024\]"):
        check(WrongYears())
    with pytest.raises(ConformanceError, match="CANEMURE_COVERAGE is malformed"):
        check(Malformed())


def test_inventory_that_ignores_the_years_asked_for() -> None:
    class IgnoresYears(Adapter):
        @hookimpl
        def canemure_load_inventory(
            self, region_id: str, rule: AccountingRule, years: Sequence[int] | None
        ) -> EmissionInventory | None:
            if region_id != "pohjois-karjala" or rule != HINKU:
                return None
            return pohjois_karjala()

    assert "was asked for years [2024] but returned years" in problems(IgnoresYears())


def test_inventory_without_any_figure() -> None:
    class AllMissing(Adapter):
        @hookimpl
        def canemure_load_inventory(
            self, region_id: str, rule: AccountingRule, years: Sequence[int] | None
        ) -> EmissionInventory | None:
            if region_id != "pohjois-karjala" or rule != HINKU:
                return None
            full = pohjois_karjala()
            inventory = attrs.evolve(full, values=full.values * float("nan"))
            if years is None:
                return inventory
            kept = [y for y in years if y in inventory.years]
            return inventory.sel(years=kept) if kept else None

    assert "no figure at all; return None instead" in problems(AllMissing())


def test_hooks_answering_for_other_regions() -> None:
    class Greedy(Adapter):
        @hookimpl
        def canemure_cooperation_group(self, region_id: str) -> CooperationGroup | None:
            return CooperationGroup("ryhmä", (), source="somewhere")

    manager = check_registration(Greedy())
    with pytest.raises(ConformanceError) as caught:
        check_unknown_regions(manager, "pohjois-karjala")
    assert (
        "canemure_cooperation_group answers for region 'no-such-region', which the adapter "
        "does not serve"
    ) in caught.value.problems


def test_hook_raising_for_an_unknown_region() -> None:
    class Raises(Adapter):
        @hookimpl
        def canemure_municipalities(self, region_id: str) -> Sequence[str] | None:
            return [m.code for m in gazetteer().municipalities_of(region_id)]  # raises

    text = problems(Raises())
    assert "a hook failed for the region 'no-such-region' it does not serve" in text
    assert "raised UnknownNameError" in text


def test_suite_without_setup_says_so() -> None:
    class Unset(AdapterConformanceSuite):
        pass

    with pytest.raises(ConformanceError, match="set the class attributes 'plugin' and"):
        Unset().test_region_metadata()


def test_records_need_a_source_and_a_quote() -> None:
    """The docs promise a source and a quote on targets, measures and factors: blanks fail."""
    from canemure.published.factors import EmissionFactor
    from canemure.published.measures import PublishedMeasure
    from canemure.published.targets import Target

    sourced = dict(source="Pohjois-Karjalan maakuntaliitto, Tiekartta (2021), p. 4")

    class Blank(Adapter):
        @hookimpl
        def canemure_targets(self, region_id: str) -> Sequence[Target] | None:
            if region_id != "pohjois-karjala":
                return None
            ok = Target.stated("t-ok", "-80 % by 2030", quote="80 %", region_id="12", **sourced)
            return [attrs.evolve(ok, id="t-quote", quote="  "), ok]

        @hookimpl
        def canemure_measures(self, region_id: str) -> Sequence[PublishedMeasure] | None:
            if region_id != "pohjois-karjala":
                return None
            ok = PublishedMeasure.stated(
                "m-1", "pohjois-karjala", name_fi="Tuulivoima", quote="q", **sourced
            )
            return [attrs.evolve(ok, id="m-source", source=" "), ok]

        @hookimpl
        def canemure_emission_factors(self, region_id: str) -> Sequence[EmissionFactor] | None:
            if region_id != "pohjois-karjala":
                return None
            ok = EmissionFactor.stated("ef", "200", "g CO2e/kWh", quote="200 g", **sourced)
            return [attrs.evolve(ok, name="ef-quote", quote="")]

    found = problems(Blank())
    assert "target 't-quote' has no quote" in found
    assert "'t-ok'" not in found
    assert "measure 'm-source' has no source" in found
    assert "'m-1'" not in found
    assert "emission factor 'ef-quote' has no quote" in found


def test_packaging_check_lists_every_mismatch(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "canemure-pohjois-karjala"\nversion = "9.9"\n'
        'dependencies = ["canemure>=0.1"]\n'
        '[project.entry-points.canemure]\npohjois-karjala = "canemure_pohjois_karjala:ADAPTER"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConformanceError) as caught:
        check_packaging(pyproject, "canemure.testing.conformance", "pohjois-karjala")
    found = "\n".join(caught.value.problems)
    assert "should hold pohjois-karjala = 'canemure.testing.conformance'" in found
    pyproject.write_text(
        '[project]\nversion = "0.1.0"\ndependencies = ["canemure>=0.1"]\n'
        '[project.entry-points.canemure]\nx = "canemure_pohjois_karjala"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConformanceError) as caught:
        check_packaging(pyproject, "canemure_pohjois_karjala", "x")
    assert caught.value.problems == (
        "dependencies ['canemure>=0.1'] lack 'canemure>=0.1,<1' (the adapter's CANEMURE_REQUIRES)",
    )
    (tmp_path / "tests").mkdir()
    assert find_pyproject(tmp_path / "tests") == pyproject


def test_every_first_party_adapter_runs_the_ready_made_suite() -> None:
    """Each plugins/*/tests enables the cache fixture and runs conformance and packaging."""
    for root in sorted(PLUGINS.iterdir()):
        tests = root / "tests"
        conftest = (tests / "conftest.py").read_text(encoding="utf-8")
        assert "from canemure.testing.pytest_plugin import canemure_cache_dir" in conftest, root
        suite = (tests / "test_conformance.py").read_text(encoding="utf-8")
        assert "(AdapterTestSuite):" in suite, root
        assert not (tests / "test_packaging.py").exists(), root
