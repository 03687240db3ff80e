"""A plugin that fails is reported with its name, version and reason; the others keep working."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from canemure.geography import gazetteer
from canemure.plugins import (
    ALLOW_ENV,
    PluginFailure,
    PluginManager,
    format_plugin_report,
    hookimpl,
)
from canemure.plugins.loading import REGION_ADAPTER_ENV
from canemure.plugins.validation import municipalities_of_other_regions
from canemure.plugins.versions import core_requirement, parse_release, satisfies
from canemure.sectors import HINKU

KAINUU = tuple(m.code for m in gazetteer().municipalities_of("18"))

HEADER = """
from canemure.geography import gazetteer
from canemure.plugins import CooperationGroup, RegionInfo, hookimpl
"""

GOOD = (
    HEADER
    + """
@hookimpl
def canemure_regions():
    region = gazetteer().region("18")
    return [RegionInfo("kainuu", region.names, "18", source="Statistics Finland")]

@hookimpl(tryfirst=True)
def canemure_municipalities(region_id):
    if region_id != "kainuu":
        return None
    return [m.code for m in gazetteer().municipalities_of("18")]
"""
)


def load_with_bad(
    installed: Callable[..., str], bad_source: str, **kwargs: object
) -> PluginManager:
    """Install a good plugin and a bad one (entry points 't-good', 't-bad'); load both."""
    installed("canemure-good", {"t-good": "{p}_good"}, {"{p}_good": GOOD})
    installed(
        "canemure-bad", {"t-bad": "{p}_bad"}, {"{p}_bad": bad_source}, version="6.6.6", **kwargs
    )
    return PluginManager(environ={ALLOW_ENV: "builtin,t-good,t-bad"})


def only_failure(manager: PluginManager, *, refused: bool = True) -> PluginFailure:
    """The one failure, of t-bad; ``refused``: t-bad was refused (else it stays registered)."""
    (failure,) = manager.failures()
    assert (failure.name, failure.dist, failure.version) == ("t-bad", "canemure-bad", "6.6.6")
    working = ["builtin", "t-good"] if refused else ["builtin", "t-bad", "t-good"]
    assert [p.name for p in manager.plugins()] == working
    assert manager.municipalities("kainuu") == KAINUU  # the good plugin still answers
    assert str(failure) in format_plugin_report(manager)
    return failure


# ---------------------------------------------------------------------- loading
def test_plugin_raising_on_import(installed) -> None:
    manager = load_with_bad(installed, "raise RuntimeError('no data folder configured')\n")
    failure = only_failure(manager)
    assert failure.stage == "load"
    assert "RuntimeError: no data folder configured" in failure.reason
    assert "t-bad (canemure-bad 6.6.6): load failed" in format_plugin_report(manager)


def test_entry_point_naming_a_missing_attribute(installed) -> None:
    installed("canemure-good", {"t-good": "{p}_good"}, {"{p}_good": GOOD})
    installed("canemure-bad", {"t-bad": "{p}_good:plugin"}, {}, version="6.6.6")
    manager = PluginManager(environ={ALLOW_ENV: "builtin,t-good,t-bad"})
    failure = only_failure(manager)
    assert failure.stage == "load"
    assert "AttributeError" in failure.reason


@pytest.mark.parametrize(
    ("requires", "declared", "expected"),
    [
        (("canemure>=9.0",), None, "needs canemure >=9.0 (Requires-Dist)"),
        (("canemure (<0.1)",), None, "needs canemure <0.1 (Requires-Dist)"),
        ((), ">=0.1,<0.1.0", "needs canemure >=0.1,<0.1.0 (CANEMURE_REQUIRES)"),
        ((), "~=1", "cannot read its core-version requirement '~=1'"),
        ((), "0.1", "cannot read its core-version requirement '0.1'"),
    ],
)
def test_plugin_needing_another_core_version(
    installed, requires: tuple[str, ...], declared: str | None, expected: str
) -> None:
    source = GOOD.replace("kainuu", "kainuu-bad").replace('"18"', '"18"')
    if declared is not None:
        source += f"\nCANEMURE_REQUIRES = {declared!r}\n"
    manager = load_with_bad(installed, source, requires=requires)
    failure = only_failure(manager)
    assert failure.stage == "version"
    assert expected in failure.reason
    assert "this is canemure 0.1.0" in failure.reason or "cannot read" in failure.reason


def test_supported_core_version_is_accepted(installed) -> None:
    source = GOOD.replace("kainuu", "kainuu-2") + "\nCANEMURE_REQUIRES = '>=0.1,<1'\n"
    manager = load_with_bad(
        installed, source, requires=("canemure[excel]>=0.1; extra == 'x'", "canemure==0.1.*")
    )
    assert manager.failures() == ()
    assert [p.name for p in manager.plugins()] == ["builtin", "t-bad", "t-good"]


def test_core_version_is_checked_against_the_running_core(installed) -> None:
    installed(
        "canemure-bad",
        {"t-bad": "{p}_bad"},
        {"{p}_bad": GOOD},
        version="6.6.6",
        requires=("canemure>=0.1,<1",),
    )
    manager = PluginManager(environ={ALLOW_ENV: "t-bad"}, core_version="1.0.0")
    (failure,) = manager.failures()
    assert failure.reason == "needs canemure >=0.1,<1 (Requires-Dist), this is canemure 1.0.0"


# ---------------------------------------------------------------------- registration
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            HEADER + "@hookimpl\ndef canemure_region_list():\n    return []\n",
            "implements unknown hook 'canemure_region_list'",
        ),
        (HEADER + "@hookimpl\ndef canemure_municipalities(region):\n    return None\n", "region"),
        (
            HEADER + "@hookimpl(wrapper=True)\ndef canemure_municipalities(region_id):\n"
            "    return (yield)\n",
            "hook wrapper",
        ),
        (
            HEADER + "def canemure_municipalities(region_id):\n    return None\n",
            "implements no canemure hook",
        ),
    ],
    ids=["unknown-hook", "wrong-argument", "wrapper", "no-marker"],
)
def test_plugin_refused_at_registration(installed, source: str, expected: str) -> None:
    failure = only_failure(load_with_bad(installed, source))
    assert failure.stage == "register"
    assert expected in failure.reason


def test_optional_unknown_hook_is_tolerated(installed) -> None:
    source = GOOD.replace("kainuu", "kainuu-3") + (
        "\n@hookimpl(optionalhook=True)\ndef canemure_from_a_newer_core():\n    return 1\n"
    )
    manager = load_with_bad(installed, source)
    assert manager.failures() == ()


def test_two_distributions_using_one_entry_point_name(installed) -> None:
    installed("canemure-good", {"t-good": "{p}_good"}, {"{p}_good": GOOD})
    installed("canemure-bad", {"t-good": "{p}_other"}, {"{p}_other": GOOD}, version="6.6.6")
    manager = PluginManager(environ={ALLOW_ENV: "builtin,t-good"})
    (failure,) = manager.failures()
    assert failure.name == "t-good"
    assert failure.stage == "register"
    assert "already used" in failure.reason
    assert manager.municipalities("kainuu") == KAINUU


# ---------------------------------------------------------------------- metadata validation
def test_two_adapters_claiming_one_region_are_reported_not_settled_silently(installed) -> None:
    installed("canemure-good", {"t-good": "{p}_good"}, {"{p}_good": GOOD})
    later = GOOD.replace(
        'return [m.code for m in gazetteer().municipalities_of("18")]',
        'return [m.code for m in gazetteer().municipalities_of("18")][:2]',
    )
    installed("canemure-later", {"t-later": "{p}_later"}, {"{p}_later": later}, version="6.6.6")
    manager = PluginManager(environ={ALLOW_ENV: "builtin,t-good,t-later"})
    assert manager.failures() == ()
    # entry points register in name order: t-good keeps the region, t-later is not asked
    assert [p.name for p in manager.plugins()] == ["builtin", "t-good", "t-later"]
    assert manager.region_plugin("kainuu") == manager.plugins()[1]
    assert manager.municipalities("kainuu") == KAINUU
    (warning,) = manager.warnings()
    assert (warning.kind, warning.region, warning.name) == ("conflict", "kainuu", "t-good")
    assert warning.message == (
        "region 'kainuu' is claimed by t-good (canemure-good 1.0) and by "
        "t-later (canemure-later 6.6.6); t-good serves it (it registered first; to choose "
        "another: CANEMURE_REGION_ADAPTER=kainuu=<entry-point name>)"
    )
    assert f"Warnings:\n  {warning}" in format_plugin_report(manager)


def test_the_user_chooses_the_adapter_of_a_region(installed) -> None:
    installed("canemure-good", {"t-good": "{p}_good"}, {"{p}_good": GOOD})
    later = GOOD.replace(
        'return [m.code for m in gazetteer().municipalities_of("18")]',
        'return [m.code for m in gazetteer().municipalities_of("18")][:2]',
    )
    installed("canemure-later", {"t-later": "{p}_later"}, {"{p}_later": later}, version="6.6.6")
    environ = {ALLOW_ENV: "builtin,t-good,t-later", REGION_ADAPTER_ENV: "kainuu=t-later"}
    manager = PluginManager(environ=environ)
    assert manager.failures() == ()
    assert manager.region_plugin("kainuu") == manager.plugins()[2]
    assert manager.municipalities("kainuu") == KAINUU[:2]  # t-good is no longer asked
    assert [p.regions for p in manager.plugins()] == [(), (), ("kainuu",)]
    (warning,) = manager.warnings()
    assert warning.kind == "choice"
    assert "t-later serves it (CANEMURE_REGION_ADAPTER chooses it)" in warning.message


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("kainuu=t-missing", "chooses 't-missing' for region 'kainuu', but 't-missing' is not"),
        ("kainuu", "CANEMURE_REGION_ADAPTER: cannot read 'kainuu'; write REGION=ENTRY_POINT"),
        ("kainuu=a,kainuu=b", "chooses two plugins for 'kainuu'"),
    ],
)
def test_a_region_choice_that_cannot_apply_is_reported(
    installed, setting: str, expected: str
) -> None:
    installed("canemure-good", {"t-good": "{p}_good"}, {"{p}_good": GOOD})
    manager = PluginManager(environ={ALLOW_ENV: "builtin,t-good", REGION_ADAPTER_ENV: setting})
    assert manager.region_plugin("kainuu") == manager.plugins()[1]
    assert any(expected in w.message and w.kind == "setting" for w in manager.warnings())


def test_municipalities_of_another_region_are_refused_with_the_kits_message(installed) -> None:
    source = GOOD.replace('municipalities_of("18")]', 'municipalities_of("18")] + ["167"]')
    failure = only_failure(load_with_bad(installed, source.replace("kainuu", "kainuu-x")))
    assert (failure.stage, failure.hook, failure.region) == (
        "validate",
        "canemure_municipalities",
        "kainuu-x",
    )
    assert failure.reason == municipalities_of_other_regions([*KAINUU, "167"], "18")
    assert failure.reason == "codes ['167'] are not municipalities of region 18 (Kainuu (18))"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "return [m.code for m in gazetteer().municipalities_of('17')] + ['999', '000']",
            "lists municipality codes that do not exist: '999', '000'",
        ),
        ("return '205,290'", "must return a sequence (list or tuple) of 3-digit"),
        ("return [205, 290]", "item 0 must be a builtins.str, got int 205"),
        ("return ['205', '205']", "lists municipality codes twice: '205'"),
        ("raise KeyError('oulu')", "raised KeyError: 'oulu'"),
    ],
)
def test_bad_municipalities_fail_the_plugin_at_load(installed, body: str, expected: str) -> None:
    source = (
        HEADER
        + f"""
@hookimpl
def canemure_regions():
    return [RegionInfo("pohjois-pohjanmaa-x", gazetteer().region("17").names, "17", source="x")]

@hookimpl
def canemure_municipalities(region_id):
    if region_id != "pohjois-pohjanmaa-x":
        return None
    {body}
"""
    )
    failure = only_failure(load_with_bad(installed, source))
    assert failure.stage == "validate"
    assert failure.hook == "canemure_municipalities"
    assert expected in failure.reason


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("return {'id': 'x'}", "must return a sequence (list or tuple) of RegionInfo"),
        ("return ['kainuu-x']", "item 0 must be a canemure.plugins.types.RegionInfo"),
        (
            "return [RegionInfo('x', gazetteer().region('18').names, '22', source='s')]",
            "region code '22', which is not a Statistics Finland region code",
        ),
        ("raise OSError('data folder missing')", "raised OSError: data folder missing"),
    ],
)
def test_bad_regions_fail_the_plugin_at_load(installed, body: str, expected: str) -> None:
    source = HEADER + f"\n@hookimpl\ndef canemure_regions():\n    {body}\n"
    failure = only_failure(load_with_bad(installed, source))
    assert failure.stage == "validate"
    assert failure.hook == "canemure_regions"
    assert expected in failure.reason


# ---------------------------------------------------------------------- failures while in use
def test_a_failing_hook_loses_only_its_own_answer(installed) -> None:
    source = (
        GOOD
        + """
from canemure.geography import Coordinator

@hookimpl
def canemure_coordinators(region_id):
    raise ZeroDivisionError("division by zero")

@hookimpl
def canemure_cooperation_group(region_id):
    return CooperationGroup("Kainuun ilmastoryhmä", ()) if region_id == "kainuu" else None

@hookimpl
def canemure_targets(region_id):
    return "40 % by 2030"
"""
    )
    installed("canemure-bad", {"t-bad": "{p}_bad"}, {"{p}_bad": source}, version="6.6.6")
    manager = PluginManager(environ={ALLOW_ENV: "builtin,t-bad"})
    assert manager.failures() == ()
    assert manager.coordinators("kainuu") is None
    assert manager.targets("kainuu") == ()
    # the same plugin's other answers still arrive, before and after the failures
    group = manager.cooperation_group("kainuu")
    assert group is not None and group.name == "Kainuun ilmastoryhmä"
    assert manager.municipalities("kainuu") == KAINUU
    assert manager.region_plugin("kainuu") is not None
    assert manager.coordinators("kainuu") is None  # the same fault again is one failure
    coordinators, targets = manager.failures()
    assert (coordinators.stage, coordinators.hook, coordinators.region) == (
        "hook",
        "canemure_coordinators",
        "kainuu",
    )
    assert coordinators.reason == "raised ZeroDivisionError: division by zero"
    assert (coordinators.name, coordinators.dist, coordinators.version) == (
        "t-bad",
        "canemure-bad",
        "6.6.6",
    )
    assert targets.hook == "canemure_targets"
    assert "must return a sequence (list or tuple) of Target" in targets.reason
    assert str(coordinators) == (
        "t-bad (canemure-bad 6.6.6): hook failed in canemure_coordinators for region 'kainuu': "
        "raised ZeroDivisionError: division by zero"
    )
    # another region's calls are unaffected, and failures are tied to the region asked
    assert manager.coordinators("pohjois-karjala") is None
    assert {f.region for f in manager.failures()} == {"kainuu", "pohjois-karjala"}


def test_a_hook_calling_sys_exit_loses_its_answer_and_the_command_goes_on(installed) -> None:
    source = (
        HEADER
        + "import sys\n@hookimpl(tryfirst=True)\ndef canemure_municipalities(region_id):\n"
        + "    sys.exit(3)\n"
    )
    manager = load_with_bad(installed, source)
    pk = tuple(m.code for m in gazetteer().municipalities_of("12"))
    assert manager.municipalities("pohjois-karjala") == pk  # t-bad asked, then the built-in
    failure = only_failure(manager, refused=False)
    assert failure.reason == "raised SystemExit: it called sys.exit(3)"


@pytest.mark.parametrize(
    ("hook", "body", "call", "expected"),
    [
        (
            "canemure_cooperation_group(region_id)",
            "return 'Kainuun ilmastoryhmä'",
            lambda m: m.cooperation_group("kainuu"),
            "must return a CooperationGroup or None",
        ),
        (
            "canemure_roadmap(region_id)",
            "return 'Kainuun ilmastotiekartta'",
            lambda m: m.roadmap("kainuu"),
            "must return a RoadmapInfo or None, got str",
        ),
        (
            "canemure_roadmap(region_id)",
            "from canemure.published.roadmaps import roadmap\n    return roadmap('pirkanmaa')",
            lambda m: m.roadmap("kainuu"),
            "was asked for region 'kainuu' and returned the roadmap of 'pirkanmaa'",
        ),
        (
            "canemure_coordinators(region_id)",
            "return ['Kainuun liitto']",
            lambda m: m.coordinators("kainuu"),
            "item 0 must be a canemure.geography.model.Coord",
        ),
        (
            "canemure_load_inventory(region_id, rule, years)",
            "return {'205': 1.0}",
            lambda m: m.load_inventory("kainuu", HINKU),
            "must return an EmissionInventory or None",
        ),
        (
            "canemure_load_inventory(region_id, rule, years)",
            "from canemure.io.bundled import pohjois_karjala\n    return pohjois_karjala()",
            lambda m: m.load_inventory("kainuu", HINKU),
            "inventory for Kainuu has municipalities of other regions",
        ),
        (
            "canemure_load_inventory(region_id, rule, years)",
            "from canemure.io.bundled import pohjois_karjala\n    return pohjois_karjala()",
            lambda m: m.load_inventory("pohjois-karjala", HINKU, [2024]),
            "was asked for years [2024] but returned years [1990, 2005,",
        ),
        (
            "canemure_load_inventory(region_id, rule, years)",
            "from canemure.io.bundled import pohjois_karjala\n    return pohjois_karjala()",
            lambda m: m.load_inventory("pohjois-karjala", m_rule_all()),
            "was asked for rule 'all' but returned an inventory of rule 'hinku'",
        ),
        (
            "canemure_load_inventory(region_id, rule, years)",
            "import attrs\n    from canemure.io.bundled import pohjois_karjala\n"
            "    return attrs.evolve(pohjois_karjala(), sources={})",
            lambda m: m.load_inventory("pohjois-karjala", HINKU),
            "inventory has no source for areas ['090'",
        ),
        (
            "canemure_load_inventory(region_id, rule, years)",
            "import attrs\n    from canemure.io.bundled import pohjois_karjala\n"
            "    from canemure.units import Q_\n    inventory = pohjois_karjala()\n"
            "    return attrs.evolve(inventory, values=Q_(inventory.magnitude, 'GWh / a'))",
            lambda m: m.load_inventory("pohjois-karjala", HINKU),
            "is not convertible to 'kt CO2e / a'",
        ),
        (
            "canemure_load_inventory(region_id, rule, years)",
            "from canemure.io.bundled import pohjois_karjala\n"
            "    return pohjois_karjala().per_resident()",
            lambda m: m.load_inventory("pohjois-karjala", HINKU),
            "must return an EmissionInventory or None, got LabelledValues",
        ),
        (
            "canemure_municipalities(region_id)",
            "return ['167', '999']",
            lambda m: m.municipalities("pohjois-karjala"),
            "do not exist: '999'",
        ),
    ],
)
def test_wrong_return_types_lose_the_answer(
    installed, hook: str, body: str, call: Callable[[PluginManager], object], expected: str
) -> None:
    source = HEADER + f"\n@hookimpl(tryfirst=True)\ndef {hook}:\n    {body}\n"
    manager = load_with_bad(installed, source)
    assert manager.failures() == ()
    call(manager)
    failure = only_failure(manager, refused=False)  # the answer is lost, the plugin stays
    assert failure.stage == "hook"
    assert failure.hook == hook.split("(", maxsplit=1)[0]
    assert failure.region in ("kainuu", "pohjois-karjala")
    assert expected in failure.reason


def m_rule_all():  # used in a parametrised lambda above
    from canemure.sectors import ALL

    return ALL


def test_registering_in_code_reports_failures_too() -> None:
    class Broken:
        CANEMURE_REQUIRES = ">=5"

        @staticmethod
        def canemure_regions() -> list[str]:
            return []

    manager = PluginManager(entry_points=False)
    assert manager.register(Broken(), "broken") is False
    (failure,) = manager.failures()
    assert (failure.name, failure.dist, failure.stage) == ("broken", None, "version")


# ---------------------------------------------------------------------- version arithmetic
def test_core_requirement_reads_requires_dist() -> None:
    assert core_requirement(["attrs>=23", "canemure>=0.1,<1"]) == ">=0.1,<1"
    assert core_requirement(["Canemure (>=0.2)"]) == ">=0.2"
    assert core_requirement(["canemure[excel] >=0.1 ; python_version >= '3.11'"]) == ">=0.1"
    assert core_requirement(["canemure>=2; extra == 'test'"]) is None
    assert core_requirement(["canemure @ https://example.org/c.whl"]) is None
    assert core_requirement(["canemure-extras>=1", "numpy"]) is None
    assert core_requirement(["canemure>=0.1", "canemure!=0.1.3"]) == ">=0.1,!=0.1.3"


def test_parse_release() -> None:
    assert parse_release("0.10.2rc1") == (0, 10, 2)
    assert parse_release("v2") == (2,)
    with pytest.raises(ValueError, match="not a version number: 'dev'"):
        parse_release("dev")


def test_wildcards_only_with_equality() -> None:
    with pytest.raises(ValueError, match="wildcard"):
        satisfies("0.1", ">=0.*")


releases = st.lists(st.integers(0, 4), min_size=1, max_size=3).map(
    lambda parts: ".".join(map(str, parts))
)
operators = st.sampled_from(["==", "!=", ">=", "<=", ">", "<", "~="])


@st.composite
def clauses(draw: st.DrawFn) -> str:
    op = draw(operators)
    version = draw(releases)
    if op == "~=" and "." not in version:
        version += ".0"
    if op in ("==", "!=") and draw(st.booleans()):
        version += ".*"
    return op + version


@given(releases, st.lists(clauses(), min_size=1, max_size=3).map(",".join))
def test_satisfies_agrees_with_packaging(version: str, specifier: str) -> None:
    expected = Version(version) in SpecifierSet(specifier)
    assert satisfies(version, specifier) is expected


def test_answer_that_breaks_the_check_itself() -> None:
    class Treacherous(Sequence[str]):
        def __len__(self) -> int:
            return 1

        def __getitem__(self, index: Any) -> Any:
            raise RuntimeError("lazy list could not read kunta.csv")

    class Plugin:
        @hookimpl
        def canemure_municipalities(self, region_id: str) -> Sequence[str] | None:
            return Treacherous() if region_id == "kainuu" else None

    manager = PluginManager(environ={ALLOW_ENV: "builtin"})
    assert manager.register(Plugin(), "treacherous")
    assert manager.municipalities("kainuu") == KAINUU  # the built-in answers instead
    (failure,) = manager.failures()
    assert failure.stage == "hook"
    assert failure.reason == (
        "returned a value the host could not check "
        "(RuntimeError: lazy list could not read kunta.csv)"
    )
