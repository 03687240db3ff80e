"""Conformance checks for region adapter plugins.

Each ``check_*`` function puts one part of the plugin contract to the test through a
:class:`~canemure.plugins.PluginManager` that holds the adapter alone, and raises
:class:`ConformanceError` (an ``AssertionError``, so pytest shows it as a test failure) with
every problem it found. The checks are stricter than the host: the host disables a plugin
that breaks the contract at run time; the kit also insists on what makes an adapter *good*
(sources on every record, annotations on every hook, municipalities that belong to the
declared region, consistent answers for a subset of years, ``None`` for bad input).

:class:`AdapterConformanceSuite` runs every check as a pytest test::

    from canemure.testing import AdapterConformanceSuite
    import canemure_kainuu

    class TestConformance(AdapterConformanceSuite):
        plugin = canemure_kainuu.ADAPTER
        region_id = "kainuu"

An installed adapter usually runs :class:`canemure.testing.AdapterTestSuite` instead, which
loads the plugin from its entry point and adds the packaging checks.
:func:`run_conformance` runs the same checks outside pytest and returns the problems.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from canemure.errors import UnknownNameError
from canemure.geography import Coordinator, gazetteer
from canemure.plugins.hookspecs import NAME
from canemure.plugins.manager import PluginManager
from canemure.plugins.types import CooperationGroup, RegionInfo
from canemure.plugins.validation import municipalities_of_other_regions

if TYPE_CHECKING:
    from canemure.inventory import EmissionInventory
    from canemure.published.roadmaps import RoadmapInfo

__all__ = [
    "UNKNOWN_REGION_ID",
    "AdapterConformanceSuite",
    "ConformanceError",
    "adapter_manager",
    "check_cooperation_group",
    "check_coordinators",
    "check_emission_factors",
    "check_hooks_typed",
    "check_imports",
    "check_inventories",
    "check_measures",
    "check_municipalities",
    "check_region_metadata",
    "check_registration",
    "check_roadmap",
    "check_targets",
    "check_unknown_regions",
    "run_conformance",
]

UNKNOWN_REGION_ID = "no-such-region"
"""A region id no adapter serves; every region hook must answer it with ``None``."""

UNKNOWN_YEAR = 1066
"""A year no inventory covers; asking for it alone must give ``None``."""


class ConformanceError(AssertionError):
    """An adapter breaks the plugin contract; the message lists every problem found."""

    def __init__(self, what: str, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{what}:\n" + "\n".join(f"  - {p}" for p in problems))


def _raise_if(what: str, problems: list[str]) -> None:
    if problems:
        raise ConformanceError(what, problems)


@contextmanager
def _no_failures(manager: PluginManager, what: str) -> Iterator[None]:
    """Fail if the host disabled the adapter while the block ran."""
    before = len(manager.failures())
    yield
    new = manager.failures()[before:]
    _raise_if(what, [str(failure) for failure in new])


def adapter_manager(plugin: object, name: str | None = None) -> PluginManager:
    """Return a plugin manager holding ``plugin`` alone (no entry points, no built-in)."""
    manager = PluginManager(entry_points=False)
    manager.register(plugin, name)
    return manager


def check_registration(plugin: object, name: str | None = None) -> PluginManager:
    """Register ``plugin`` alone; the host must accept it. Return the manager."""
    manager = adapter_manager(plugin, name)
    _raise_if("the plugin host refused the adapter", [str(f) for f in manager.failures()])
    return manager


def check_hooks_typed(manager: PluginManager) -> None:
    """Check that every hook implementation annotates its parameters and return type."""
    problems: list[str] = []
    for info in manager.plugins():
        for hook, function in manager.implementations(info.name).items():
            signature = inspect.signature(function)
            missing = [
                p
                for p, param in signature.parameters.items()
                if param.annotation is inspect.Parameter.empty
            ]
            if signature.return_annotation is inspect.Signature.empty:
                missing.append("return")
            if missing:
                problems.append(f"{hook} has no type annotation for {', '.join(missing)}")
    _raise_if("hook implementations must be typed", problems)


def check_region_metadata(manager: PluginManager, region_id: str) -> RegionInfo:
    """Check that ``region_id`` is declared with complete metadata; return its RegionInfo."""
    with _no_failures(manager, "canemure_regions failed"):
        declared = {info.id: info for info in manager.regions()}
    if region_id not in declared:
        raise ConformanceError(
            "region not declared",
            [f"canemure_regions does not declare {region_id!r} (declares {sorted(declared)})"],
        )
    info = declared[region_id]
    problems: list[str] = []
    if not isinstance(info.source, str) or not info.source.strip():
        problems.append(f"RegionInfo {region_id!r} has no source (where were the facts read?)")
    try:
        same_id = gazetteer().region(region_id)
    except UnknownNameError:
        same_id = None
    if same_id is not None and same_id.code != info.region_code:
        problems.append(
            f"region id {region_id!r} is {same_id} in the reference gazetteer, but the adapter "
            f"gives region code {info.region_code!r}"
        )
    _raise_if(f"incomplete metadata for region {region_id!r}", problems)
    return info


def check_municipalities(manager: PluginManager, region_id: str) -> tuple[str, ...] | None:
    """Check that municipality codes are real, of the declared region, and not empty."""
    info = check_region_metadata(manager, region_id)
    with _no_failures(manager, "canemure_municipalities failed"):
        codes = manager.municipalities(region_id)
    if codes is None:
        return None
    problems: list[str] = []
    if not codes:
        problems.append("returns an empty list; return None when the list is not known")
    outside = municipalities_of_other_regions(codes, info.region_code)
    if outside:
        problems.append(outside)  # the host's own message (it refuses the same answer)
    _raise_if(f"municipalities of {region_id!r}", problems)
    return codes


def check_coordinators(manager: PluginManager, region_id: str) -> tuple[Coordinator, ...] | None:
    """Check that coordinators are typed records that say where the facts come from."""
    with _no_failures(manager, "canemure_coordinators failed"):
        coordinators = manager.coordinators(region_id)
    if coordinators is None:
        return None
    problems = [
        f"coordinator {c.organisation!r} has no source" for c in coordinators if _blank(c.source)
    ]
    if not coordinators:
        problems.append("returns an empty list; return None when not known")
    _raise_if(f"coordinators of {region_id!r}", problems)
    return coordinators


def check_cooperation_group(manager: PluginManager, region_id: str) -> CooperationGroup | None:
    """Check that the cooperation group is a typed record with a source."""
    with _no_failures(manager, "canemure_cooperation_group failed"):
        group = manager.cooperation_group(region_id)
    if group is not None and _blank(group.source):
        raise ConformanceError(f"cooperation group of {region_id!r}", ["has no source"])
    return group


def check_roadmap(manager: PluginManager, region_id: str) -> RoadmapInfo | None:
    """Check that the roadmap is a typed record about the region, with a source."""
    with _no_failures(manager, "canemure_roadmap failed"):
        info = manager.roadmap(region_id)
    if info is not None and _blank(info.source):
        raise ConformanceError(f"roadmap of {region_id!r}", ["has no source"])
    return info


def _check_one_inventory(
    manager: PluginManager, region_id: str, inventory: EmissionInventory
) -> list[str]:
    import numpy as np

    rule = inventory.rule
    problems: list[str] = []
    coverage = inventory.coverage()
    if coverage.estimated_cells == 0:
        problems.append(f"rule {rule.id!r}: no figure at all; return None instead")
    for area, sources in inventory.sources.items():
        for source in sources:
            if not source.id.strip() or not source.title.strip():
                problems.append(f"rule {rule.id!r}: a source of area {area} lacks id or title")
    last = inventory.years.labels[-1]
    with _no_failures(manager, f"canemure_load_inventory failed for years=[{last}]"):
        part = manager.load_inventory(region_id, rule, [last])
    if part is None:
        problems.append(f"rule {rule.id!r}: returns None for years=[{last}], a year it has")
    elif list(part.years) != [last]:
        problems.append(f"rule {rule.id!r}: asked for years=[{last}], got {list(part.years)}")
    elif not set(part.areas) <= set(inventory.areas) or part.sectors != inventory.sectors:
        problems.append(
            f"rule {rule.id!r}: areas or sectors for years=[{last}] differ from "
            "those of the full inventory"
        )
    else:
        whole = inventory.sel(years=[last], areas=list(part.areas)).values.m_as(part.unit)
        if not np.allclose(part.magnitude, whole, equal_nan=True):
            problems.append(
                f"rule {rule.id!r}: figures for {last} differ between a full "
                "request and a request for that year alone"
            )
    with _no_failures(manager, f"canemure_load_inventory failed for years=[{UNKNOWN_YEAR}]"):
        none = manager.load_inventory(region_id, rule, [UNKNOWN_YEAR])
    if none is not None:
        problems.append(f"rule {rule.id!r}: returns an inventory for years=[{UNKNOWN_YEAR}]")
    return problems


def _declared_coverage(plugin: object, region_id: str) -> dict[str, tuple[int, ...]]:
    declared = getattr(plugin, "CANEMURE_COVERAGE", None)
    if declared is None:
        raise ConformanceError(
            "coverage not declared",
            [
                "the adapter implements canemure_load_inventory but has no CANEMURE_COVERAGE "
                "= {region_id: {rule_id: (years, ...)}} saying what it covers"
            ],
        )
    try:
        per_rule = declared.get(region_id, {})
        return {str(rule): tuple(int(y) for y in years) for rule, years in per_rule.items()}
    except (AttributeError, TypeError, ValueError) as exc:
        raise ConformanceError(
            "CANEMURE_COVERAGE is malformed",
            [f"expected {{region_id: {{rule_id: (years, ...)}}}}, got {declared!r:.80} ({exc})"],
        ) from None


def check_inventories(
    manager: PluginManager, region_id: str, plugin: object | None = None
) -> dict[str, EmissionInventory | None]:
    """Check inventories under every predefined rule: valid, sourced, as declared.

    Each inventory must carry a unit convertible to kt CO2e/a, its rule and a source per area
    (the host checks that), hold at least one figure, answer a request for a subset of its
    years consistently and give ``None`` for a year it has not. When ``plugin`` implements
    ``canemure_load_inventory`` it must declare ``CANEMURE_COVERAGE`` (region id -> rule id ->
    years) and answer exactly that: an inventory for each declared rule with those years,
    ``None`` for the others. Returns the inventory per rule id.
    """
    from canemure.sectors import RULES

    coverage: dict[str, tuple[int, ...]] | None = None
    if plugin is not None and "canemure_load_inventory" in _hooks_of(manager):
        coverage = _declared_coverage(plugin, region_id)
        unknown = sorted(set(coverage) - {rule.id for rule in RULES})
        _raise_if(
            "CANEMURE_COVERAGE names unknown rules", [f"rule ids {unknown}"] if unknown else []
        )
    found: dict[str, EmissionInventory | None] = {}
    problems: list[str] = []
    for rule in RULES:
        with _no_failures(manager, f"canemure_load_inventory failed for rule {rule.id!r}"):
            inventory = manager.load_inventory(region_id, rule)
        found[rule.id] = inventory
        if inventory is not None:
            problems.extend(_check_one_inventory(manager, region_id, inventory))
        if coverage is None:
            continue
        if inventory is None and rule.id in coverage:
            problems.append(f"rule {rule.id!r} is declared in CANEMURE_COVERAGE but gives None")
        elif inventory is not None and rule.id not in coverage:
            problems.append(
                f"rule {rule.id!r} gives an inventory but is not declared in CANEMURE_COVERAGE"
            )
        elif inventory is not None and tuple(inventory.years) != coverage[rule.id]:
            problems.append(
                f"rule {rule.id!r}: years {list(inventory.years)} differ from the "
                f"declared {list(coverage[rule.id])}"
            )
    _raise_if(f"inventories of {region_id!r}", problems)
    return found


def _hooks_of(manager: PluginManager) -> set[str]:
    return {hook for info in manager.plugins() for hook in info.hooks}


def _blank(value: object) -> bool:
    return not isinstance(value, str) or not value.strip()


def _check_sourced(items: tuple[object, ...], what: str, region_id: str) -> None:
    """Each record names its source and quotes it (the docs promise both), for this region."""
    problems = []
    for position, item in enumerate(items):
        label = getattr(item, "id", getattr(item, "name", position))
        if _blank(getattr(item, "source", None)):
            problems.append(f"{what} {label!r} has no source (where was it published?)")
        if hasattr(item, "quote") and _blank(item.quote):
            problems.append(f"{what} {label!r} has no quote (the source's own words)")
        other = getattr(item, "region_id", None)
        if other is not None and other != region_id:
            problems.append(f"{what} {label!r} belongs to region {other!r}")
    _raise_if(f"{what}s of {region_id!r}", problems)


def check_measures(manager: PluginManager, region_id: str) -> tuple[object, ...]:
    """Check that measures are PublishedMeasure records, each with its source and quote."""
    with _no_failures(manager, "canemure_measures failed"):
        measures = manager.measures(region_id)
    _check_sourced(measures, "measure", region_id)
    return measures


def check_targets(manager: PluginManager, region_id: str) -> tuple[object, ...]:
    """Check that targets are Target records, each with its source and quote."""
    with _no_failures(manager, "canemure_targets failed"):
        targets = manager.targets(region_id)
    _check_sourced(targets, "target", region_id)
    return targets


def check_emission_factors(manager: PluginManager, region_id: str) -> tuple[object, ...]:
    """Check that emission factors are EmissionFactor records, each with source and quote."""
    with _no_failures(manager, "canemure_emission_factors failed"):
        factors = manager.emission_factors(region_id)
    _check_sourced(factors, "emission factor", region_id)
    return factors


def _other_region(manager: PluginManager) -> str:
    claimed = {info.region_code for info in manager.regions()}
    claimed_ids = {info.id for info in manager.regions()}
    for region in gazetteer().regions:
        if region.code not in claimed and region.id not in claimed_ids:
            return region.id
    return UNKNOWN_REGION_ID


def check_unknown_regions(manager: PluginManager, region_id: str) -> None:
    """Check that region hooks answer ``None``, not an exception, for regions not served."""
    from canemure.sectors import ALL, HINKU

    problems: list[str] = []
    for other in dict.fromkeys([UNKNOWN_REGION_ID, _other_region(manager)]):
        if other == region_id:
            continue
        answers: dict[str, object] = {}
        with _no_failures(manager, f"a hook failed for the region {other!r} it does not serve"):
            answers["canemure_municipalities"] = manager.municipalities(other)
            answers["canemure_coordinators"] = manager.coordinators(other)
            answers["canemure_cooperation_group"] = manager.cooperation_group(other)
            answers["canemure_roadmap"] = manager.roadmap(other)
            for rule in (HINKU, ALL):
                answers[f"canemure_load_inventory({rule.id})"] = manager.load_inventory(other, rule)
            answers["canemure_measures"] = manager.measures(other) or None
            answers["canemure_targets"] = manager.targets(other) or None
            answers["canemure_emission_factors"] = manager.emission_factors(other) or None
        problems.extend(
            f"{hook} answers for region {other!r}, which the adapter does not serve"
            for hook, answer in answers.items()
            if answer is not None
        )
    _raise_if("hooks must return None for other regions", problems)


_OLD_PATH = re.compile(
    r"\bcanemure\.(?:(?:targets|measures|roadmaps|factors)\b|plugins\.adapter_support\b)"
    r"(?:\.\w+)*"
)


def _module_sources(plugin: object) -> list[tuple[str, str]]:
    """``(file, text)`` of the adapter's own modules: its package's Python files."""
    module = inspect.getmodule(plugin) or inspect.getmodule(type(plugin))
    if module is None or not getattr(module, "__file__", None):
        return []
    if module.__name__.partition(".")[0] == "canemure":  # an object of canemure's own classes
        return []
    top = sys.modules.get(module.__name__.partition(".")[0], module)
    spec_file = Path(getattr(top, "__file__", None) or str(module.__file__))
    folder = spec_file.parent if spec_file.name == "__init__.py" else None
    files = sorted(folder.rglob("*.py")) if folder else [Path(str(module.__file__))]
    return [(str(f), f.read_text("utf-8", errors="replace")) for f in files if f.is_file()]


def check_imports(plugin: object) -> None:
    """The adapter imports canemure's modules from where they live now, not old paths.

    Old paths (``canemure.targets``, ``canemure.measures``, ``canemure.roadmaps``,
    ``canemure.factors``, ``canemure.plugins.adapter_support``) still work but warn and go in
    a future release; each use is named with its file and line and the path to use instead.
    """
    from canemure._moved import new_name

    problems: list[str] = []
    for file, text in _module_sources(plugin):
        for number, line in enumerate(text.splitlines(), start=1):
            for match in _OLD_PATH.finditer(line):
                old = match.group(0)
                new = (
                    old.replace("canemure.plugins.adapter_support", "canemure.adapters")
                    if old.startswith("canemure.plugins.adapter_support")
                    else new_name(old)
                )
                problems.append(f"{file}:{number}: imports {old}, which moved: use {new}")
    _raise_if("the adapter uses old import paths (they warn, and go in a future release)", problems)


def run_conformance(plugin: object, region_id: str, name: str | None = None) -> list[str]:
    """Run every check on ``plugin`` for ``region_id``; return the problems (empty = conforms)."""
    try:
        manager = check_registration(plugin, name)
    except ConformanceError as exc:
        return [str(exc)]
    checks: list[Callable[[], object]] = [
        lambda: check_hooks_typed(manager),
        lambda: check_region_metadata(manager, region_id),
        lambda: check_municipalities(manager, region_id),
        lambda: check_coordinators(manager, region_id),
        lambda: check_cooperation_group(manager, region_id),
        lambda: check_roadmap(manager, region_id),
        lambda: check_inventories(manager, region_id, plugin),
        lambda: check_measures(manager, region_id),
        lambda: check_targets(manager, region_id),
        lambda: check_emission_factors(manager, region_id),
        lambda: check_unknown_regions(manager, region_id),
        lambda: check_imports(plugin),
    ]
    problems: list[str] = []
    for check in checks:
        try:
            check()
        except ConformanceError as exc:
            problems.append(str(exc))
    return problems


class AdapterConformanceSuite:
    """Pytest tests every region adapter runs in its own test suite.

    Subclass it in a module pytest collects, naming the adapter and its region::

        class TestConformance(AdapterConformanceSuite):
            plugin = canemure_kainuu      # the module (or object) with the @hookimpl functions
            region_id = "kainuu"          # the id its canemure_regions declares

    Each test registers the adapter alone in a fresh plugin manager, so tests do not depend
    on what else is installed.
    """

    plugin: ClassVar[object]
    """The adapter: the object its entry point names."""
    region_id: ClassVar[str]
    """The region the adapter serves (one test class per region for multi-region adapters)."""
    plugin_name: ClassVar[str | None] = None
    """Name to register it under; defaults to the object's ``__name__``."""

    def _manager(self) -> PluginManager:
        cls = type(self)
        if not hasattr(cls, "plugin") or not hasattr(cls, "region_id"):
            raise ConformanceError(
                f"{cls.__name__} is not set up",
                ["set the class attributes 'plugin' and 'region_id'"],
            )
        return check_registration(cls.plugin, cls.plugin_name)

    def test_registers_without_failures(self) -> None:
        """The host accepts the adapter: known hooks, right arguments, supported core."""
        manager = self._manager()
        if not manager.plugins():
            raise ConformanceError("not registered", [f"no plugin for {NAME!r} registered"])

    def test_hooks_are_typed(self) -> None:
        """Every hook implementation is annotated."""
        check_hooks_typed(self._manager())

    def test_region_metadata(self) -> None:
        """The region is declared with fi/sv/en names, a real region code and a source."""
        check_region_metadata(self._manager(), self.region_id)

    def test_municipalities(self) -> None:
        """Municipality codes exist and belong to the region."""
        check_municipalities(self._manager(), self.region_id)

    def test_coordinators(self) -> None:
        """Coordinators are typed and sourced."""
        check_coordinators(self._manager(), self.region_id)

    def test_cooperation_group(self) -> None:
        """The cooperation group is typed and sourced."""
        check_cooperation_group(self._manager(), self.region_id)

    def test_roadmap(self) -> None:
        """The roadmap is typed, about the region, and sourced."""
        check_roadmap(self._manager(), self.region_id)

    def test_inventories(self) -> None:
        """Inventories follow the rule asked for, carry units, sources and declared coverage."""
        check_inventories(self._manager(), self.region_id, type(self).plugin)

    def test_measures(self) -> None:
        """Measures are typed and sourced."""
        check_measures(self._manager(), self.region_id)

    def test_targets(self) -> None:
        """Targets are typed and sourced."""
        check_targets(self._manager(), self.region_id)

    def test_emission_factors(self) -> None:
        """Emission factors are typed and sourced."""
        check_emission_factors(self._manager(), self.region_id)

    def test_other_regions_give_none(self) -> None:
        """Unknown or unserved regions get ``None`` from every hook, never an exception."""
        check_unknown_regions(self._manager(), self.region_id)
