"""The plugin host: one typed method per hook, and no plugin can take the host down.

Design choices
--------------
* **Typed facade.** :class:`PluginManager` wraps a ``pluggy.PluginManager`` and offers one method
  per hook (:meth:`~PluginManager.municipalities`, :meth:`~PluginManager.load_inventory`, ...),
  taking and returning canemure types. The rest of canemure never calls ``pm.hook.*``.
* **Lazy.** Creating a manager (and :func:`get_plugin_manager`) loads nothing; entry points are
  discovered and imported the first time a method needs them (:meth:`PluginManager.load`).
* **Isolation.** Hooks are not called through pluggy's multicall loop, which stops at the first
  exception. The manager walks ``get_hookimpls()`` in pluggy's call order (the list reversed:
  ``tryfirst`` implementations first, ``trylast`` last, otherwise most recently registered
  first) and calls each implementation itself. An implementation that raises, or returns
  something that breaks the hook's contract (:mod:`canemure.plugins.validation`), gets its whole
  plugin disabled: unregistered, blocked from registering again, and reported as a
  :class:`~canemure.plugins.report.PluginFailure` with its name, distribution, version and the
  reason. The call carries on with the next implementation. Hook wrappers are refused at
  registration, because they would need pluggy's loop.
* **Checked at load.** When a plugin is registered, its ``canemure_regions`` answer and its own
  ``canemure_municipalities`` answers for those regions are checked at once: wrong types,
  region codes or municipality codes that do not exist, and a region id another plugin already
  claims (first registered wins; entry points register in name order) refuse the plugin then,
  so ``canemure plugins`` shows the problem before anyone asks for data.
* **Core version.** A plugin declares the core versions it supports by its distribution's
  dependency on ``canemure`` or a ``CANEMURE_REQUIRES`` attribute (see
  :mod:`canemure.plugins.versions`); an unsupported core refuses the plugin before it is
  registered.
* **One source per municipality.** Inventories are a *collected* hook: every provider's answer
  is checked and tagged with its precedence class (user import > adapter > bundled), and
  :func:`canemure.datasets.choose_sources` takes each municipality's whole series from one
  answer; answers are never mixed cell by cell.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar, cast

import attrs
import pluggy

from canemure._version import __version__
from canemure.errors import UnknownNameError
from canemure.geography import Coordinator, Region, gazetteer
from canemure.plugins import hookspecs
from canemure.plugins.hookspecs import NAME
from canemure.plugins.loading import ENTRY_POINT_GROUP, Selection, discover
from canemure.plugins.report import (
    FailureStage,
    PluginFailure,
    PluginInfo,
    PluginReport,
    SkippedPlugin,
)
from canemure.plugins.types import CooperationGroup, RegionInfo
from canemure.plugins.validation import (
    HookResultError,
    check_cooperation_group,
    check_coordinators,
    check_inventory,
    check_municipalities,
    check_records,
    check_regions,
    check_roadmap,
)
from canemure.plugins.versions import core_requirement, satisfies

if TYPE_CHECKING:
    from canemure.factors import EmissionFactor
    from canemure.inventory import EmissionInventory
    from canemure.inventory.provenance import SourceKind
    from canemure.measures import PublishedMeasure
    from canemure.providers import ProvidedInventory
    from canemure.roadmaps import RoadmapInfo
    from canemure.sectors import AccountingRule
    from canemure.targets import Target

__all__ = ["PluginManager", "get_plugin_manager"]

T = TypeVar("T")

_FAILED = object()


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _plugin_label(plugin: object) -> str:
    name = getattr(plugin, "__name__", None)
    return name if isinstance(name, str) else type(plugin).__qualname__


@attrs.frozen
class _Origin:
    """Who a plugin is: its name and, where known, its distribution and version."""

    name: str
    dist: str | None = None
    version: str | None = None

    def fields(self) -> tuple[str, str | None, str | None]:
        """Return ``(name, dist, version)``."""
        return (self.name, self.dist, self.version)


@attrs.define
class _Entry:
    """What the manager remembers about a registered plugin."""

    info: PluginInfo


class PluginManager:
    """Region adapter plugins behind one typed method per hook.

    ``entry_points=False`` makes a manager that only knows the plugins passed to
    :meth:`register` (the conformance kit uses this). ``environ`` replaces ``os.environ`` for
    the allow and block lists, and ``core_version`` the version plugins are checked against;
    both are for tests.
    """

    def __init__(
        self,
        *,
        entry_points: bool = True,
        environ: Mapping[str, str] | None = None,
        group: str = ENTRY_POINT_GROUP,
        core_version: str = __version__,
    ) -> None:
        self._pm = pluggy.PluginManager(NAME)
        self._pm.add_hookspecs(hookspecs)
        self._use_entry_points = entry_points
        self._environ = environ
        self._group = group
        self._core_version = core_version
        self._loaded = False
        self._lock = threading.RLock()
        self._entries: dict[str, _Entry] = {}
        self._failures: list[PluginFailure] = []
        self._skipped: list[SkippedPlugin] = []
        self._claims: dict[str, tuple[RegionInfo, str]] = {}

    # ------------------------------------------------------------------ loading
    def load(self) -> PluginReport:
        """Discover and register the entry-point plugins (once); return the report.

        Every other method calls this first, so calling it yourself is only needed to load
        at a moment of your choosing.
        """
        with self._lock:
            if not self._loaded:
                self._loaded = True
                if self._use_entry_points:
                    self._load_entry_points()
        return self.report()

    def _load_entry_points(self) -> None:
        selection = Selection.from_environ(os.environ if self._environ is None else self._environ)
        for candidate in discover(self._group):
            origin = _Origin(candidate.name, candidate.dist, candidate.version)
            reason = selection.reason_to_skip(origin.name)
            if reason is not None:
                self._skipped.append(SkippedPlugin(*origin.fields(), reason))
                continue
            if origin.name in self._entries or self._pm.has_plugin(origin.name):
                owner = self._entries[origin.name].info if origin.name in self._entries else None
                self._fail(
                    origin,
                    "register",
                    f"the entry-point name {origin.name!r} is already used by "
                    f"{owner or 'a plugin'}",
                )
                continue
            try:
                plugin = candidate.entry_point.load()
            except Exception as exc:  # any import-time error of a plugin is reported
                self._fail(
                    origin,
                    "load",
                    f"importing {candidate.entry_point.value!r} raised {_describe(exc)}",
                )
                continue
            self._admit(plugin, origin, candidate.entry_point.value, candidate.requires)

    def register(self, plugin: object, name: str | None = None) -> bool:
        """Register ``plugin`` (a module or object with hook implementations) directly.

        It goes through the same checks as an entry-point plugin; returns whether it was
        accepted (if not, :meth:`failures` says why). ``name`` defaults to the object's
        ``__name__``.
        """
        self.load()
        with self._lock:
            version = getattr(plugin, "__version__", None)
            origin = _Origin(
                name or _plugin_label(plugin), None, version if isinstance(version, str) else None
            )
            return self._admit(plugin, origin, _plugin_label(plugin), ())

    def _fail(
        self, origin: _Origin, stage: FailureStage, reason: str, hook: str | None = None
    ) -> bool:
        self._failures.append(PluginFailure(*origin.fields(), stage, reason, hook))
        return False

    def _version_problem(self, plugin: object, requires: Sequence[str]) -> str | None:
        specs: list[tuple[str, str]] = []
        declared = getattr(plugin, "CANEMURE_REQUIRES", None)
        if declared is not None:
            if not isinstance(declared, str):
                return f"CANEMURE_REQUIRES must be a string like '>=0.1,<1', got {declared!r}"
            specs.append(("CANEMURE_REQUIRES", declared))
        from_dist = core_requirement(requires)
        if from_dist is not None:
            specs.append(("Requires-Dist", from_dist))
        for where, spec in specs:
            try:
                ok = satisfies(self._core_version, spec)
            except ValueError as exc:
                return f"cannot read its core-version requirement {spec!r} ({where}): {exc}"
            if not ok:
                return f"needs canemure {spec} ({where}), this is canemure {self._core_version}"
        return None

    def _hook_problems(self, plugin: object) -> list[str]:
        problems: list[str] = []
        known = 0
        for caller in self._pm.get_hookcallers(plugin) or []:
            for impl in caller.get_hookimpls():
                if impl.plugin is not plugin:
                    continue
                if impl.wrapper or impl.hookwrapper:
                    problems.append(
                        f"{caller.name} is a hook wrapper, which canemure does not support"
                    )
                elif caller.spec is None:
                    if not impl.optionalhook:
                        problems.append(f"implements unknown hook {caller.name!r}")
                else:
                    known += 1
        if not known and not problems:
            problems.append(
                "implements no canemure hook (does the entry point name the module "
                "with the @hookimpl functions?)"
            )
        return problems

    def _admit(self, plugin: object, origin: _Origin, value: str, requires: Sequence[str]) -> bool:
        name = origin.name
        try:
            problem = self._version_problem(plugin, requires)
        except Exception as exc:  # a plugin object whose attributes raise
            problem = f"reading CANEMURE_REQUIRES raised {_describe(exc)}"
        if problem is not None:
            return self._fail(origin, "version", problem)
        if name in self._entries:
            return self._fail(
                origin,
                "register",
                f"the name {name!r} is already used by {self._entries[name].info}",
            )
        try:
            registered = self._pm.register(plugin, name=name)
        except Exception as exc:  # pluggy.PluginValidationError, ValueError (already registered)
            return self._fail(origin, "register", _describe(exc))
        if registered is None:
            return self._fail(
                origin, "register", f"the name {name!r} was disabled after an earlier failure"
            )
        problems = self._hook_problems(plugin)
        if problems:
            self._pm.unregister(plugin)
            return self._fail(origin, "register", "; ".join(problems))
        hooks = tuple(
            sorted(
                caller.name
                for caller in self._pm.get_hookcallers(plugin) or []
                if caller.spec is not None
            )
        )
        self._entries[name] = _Entry(PluginInfo(*origin.fields(), value, hooks))
        return self._validate_metadata(name)

    def _validate_metadata(self, name: str) -> bool:
        claimed: list[RegionInfo] = []
        for impl in self._impls("canemure_regions", plugin_name=name):
            result = self._invoke(impl, "canemure_regions", {}, stage="validate")
            if result is _FAILED:
                return False
            if result is None:
                continue
            try:
                regions = check_regions(result)
            except HookResultError as exc:
                return self._disable(name, "validate", str(exc), "canemure_regions")
            for info in regions:
                if info.id in self._claims:
                    owner = self._entries[self._claims[info.id][1]].info
                    return self._disable(
                        name,
                        "validate",
                        f"claims region id {info.id!r}, which {owner} already claims",
                        "canemure_regions",
                    )
            claimed.extend(regions)
        for region in claimed:
            for impl in self._impls("canemure_municipalities", plugin_name=name):
                result = self._invoke(
                    impl, "canemure_municipalities", {"region_id": region.id}, stage="validate"
                )
                if result is _FAILED:
                    return False
                if result is None:
                    continue
                try:
                    check_municipalities(result)
                except HookResultError as exc:
                    return self._disable(
                        name,
                        "validate",
                        f"for region {region.id!r}: {exc}",
                        "canemure_municipalities",
                    )
        entry = self._entries[name]
        entry.info = attrs.evolve(entry.info, regions=tuple(r.id for r in claimed))
        for region in claimed:
            self._claims[region.id] = (region, name)
        return True

    def _disable(self, name: str, stage: FailureStage, reason: str, hook: str | None) -> bool:
        entry = self._entries.pop(name, None)
        origin = _Origin(name, entry.info.dist, entry.info.version) if entry else _Origin(name)
        self._pm.set_blocked(name)  # unregisters it and refuses a later registration
        for region_id in [r for r, (_, owner) in self._claims.items() if owner == name]:
            del self._claims[region_id]
        return self._fail(origin, stage, reason, hook)

    # ------------------------------------------------------------------ calling hooks
    def _impls(self, hook: str, *, plugin_name: str | None = None) -> list[pluggy.HookImpl]:
        caller: pluggy.HookCaller = getattr(self._pm.hook, hook)
        impls = [
            impl for impl in reversed(caller.get_hookimpls()) if impl.plugin_name in self._entries
        ]
        if plugin_name is not None:
            impls = [impl for impl in impls if impl.plugin_name == plugin_name]
        return impls

    def _invoke(
        self,
        impl: pluggy.HookImpl,
        hook: str,
        kwargs: Mapping[str, object],
        *,
        stage: FailureStage = "hook",
    ) -> object:
        try:
            return impl.function(*(kwargs[arg] for arg in impl.argnames))
        except Exception as exc:  # one plugin's error must not stop the others
            self._disable(impl.plugin_name, stage, f"raised {_describe(exc)}", hook)
            return _FAILED

    def _first(self, hook: str, check: Callable[[object], T], **kwargs: object) -> T | None:
        self.load()
        for impl in self._impls(hook):
            if impl.plugin_name not in self._entries:
                continue
            result = self._invoke(impl, hook, kwargs)
            if result is _FAILED or result is None:
                continue
            checked = self._check(impl, hook, check, result)
            if checked is not _FAILED:
                return cast(T, checked)
        return None

    def _collect(self, hook: str, check: Callable[[object], T], **kwargs: object) -> list[T]:
        """Return the checked answers of every plugin, highest priority first."""
        self.load()
        answers: list[T] = []
        for impl in self._impls(hook):
            if impl.plugin_name not in self._entries:
                continue
            result = self._invoke(impl, hook, kwargs)
            if result is _FAILED or result is None:
                continue
            checked = self._check(impl, hook, check, result)
            if checked is not _FAILED:
                answers.append(cast(T, checked))
        return answers

    def _check(
        self, impl: pluggy.HookImpl, hook: str, check: Callable[[object], T], result: object
    ) -> T | object:
        """Return ``check(result)``, or disable the plugin and return the failure marker."""
        try:
            return check(result)
        except HookResultError as exc:
            reason = str(exc)
        except Exception as exc:  # an answer so malformed that checking it raised
            reason = f"returned a value the host could not check ({_describe(exc)})"
        self._disable(impl.plugin_name, "hook", reason, hook)
        return _FAILED

    def _region_id(self, region: str | Region) -> str:
        if isinstance(region, Region):
            return region.id
        key = region.strip()
        self.load()
        if key in self._claims:
            return key
        try:
            return gazetteer().region(key).id
        except UnknownNameError:
            return key

    def _gazetteer_region(self, region_id: str) -> Region | None:
        claim = self._claims.get(region_id)
        try:
            return gazetteer().region(claim[0].region_code if claim else region_id)
        except UnknownNameError:
            return None

    # ------------------------------------------------------------------ one method per hook
    def regions(self) -> tuple[RegionInfo, ...]:
        """Return the regions the working plugins declare (``canemure_regions``), in claim order."""
        self.load()
        return tuple(info for info, _ in self._claims.values())

    def region_plugin(self, region: str | Region) -> PluginInfo | None:
        """Return the plugin that claims ``region`` (an id, code, name or Region), if any."""
        claim = self._claims.get(self._region_id(region))
        return self._entries[claim[1]].info if claim else None

    def municipalities(self, region: str | Region) -> tuple[str, ...] | None:
        """Return the municipality codes of ``region`` (``canemure_municipalities``, first wins).

        The built-in plugin answers last for every region of the reference gazetteer.
        """
        return self._first(
            "canemure_municipalities", check_municipalities, region_id=self._region_id(region)
        )

    def coordinators(self, region: str | Region) -> tuple[Coordinator, ...] | None:
        """Return who coordinates ``region`` (``canemure_coordinators``, first wins)."""
        return self._first(
            "canemure_coordinators", check_coordinators, region_id=self._region_id(region)
        )

    def cooperation_group(self, region: str | Region) -> CooperationGroup | None:
        """Return the climate cooperation group of ``region`` (``canemure_cooperation_group``)."""
        return self._first(
            "canemure_cooperation_group",
            check_cooperation_group,
            region_id=self._region_id(region),
        )

    def roadmap(self, region: str | Region) -> RoadmapInfo | None:
        """Return what ``region`` published about its roadmap (``canemure_roadmap``, first wins)."""
        region_id = self._region_id(region)
        return self._first(
            "canemure_roadmap",
            lambda value: check_roadmap(value, region_id),
            region_id=region_id,
        )

    def load_inventories(
        self,
        region: str | Region,
        rule: AccountingRule,
        years: Sequence[int] | None = None,
        *,
        kinds: Sequence[SourceKind] | None = None,
    ) -> tuple[ProvidedInventory, ...]:
        """Return every provider's checked inventory for ``region`` under ``rule``.

        Each answer carries its precedence class (:func:`canemure.providers.source_kind_of`:
        canemure's built-in providers state theirs, every other plugin is an ``"adapter"``)
        and comes highest precedence first: ``"user-import"``, ``"adapter"``, ``"bundled"``,
        and within a class in pluggy's call order. ``kinds`` asks only the providers of those
        classes. A built-in provider's :class:`~canemure.errors.CanemureError` (a cached file
        that cannot be read) reaches the caller instead of disabling the provider.
        """
        from canemure.errors import CanemureError
        from canemure.inventory.provenance import SOURCE_KINDS
        from canemure.providers import ProvidedInventory, source_kind_of

        self.load()
        region_id = self._region_id(region)
        place = self._gazetteer_region(region_id)
        wanted = None if years is None else tuple(years)
        allowed = SOURCE_KINDS if kinds is None else tuple(kinds)
        hook = "canemure_load_inventory"
        kwargs = {"region_id": region_id, "rule": rule, "years": wanted}

        def check(value: object) -> EmissionInventory:
            return check_inventory(value, rule=rule, years=wanted, region=place)

        answers: list[ProvidedInventory] = []
        for impl in self._impls(hook):
            if impl.plugin_name not in self._entries:
                continue
            try:
                kind = source_kind_of(impl.plugin)
            except ValueError as exc:
                self._disable(impl.plugin_name, "hook", str(exc), hook)
                continue
            if kind not in allowed:
                continue
            if kind == "adapter":
                result = self._invoke(impl, hook, kwargs)
            else:
                try:
                    result = impl.function(*(kwargs[arg] for arg in impl.argnames))
                except CanemureError:
                    raise
                except Exception as exc:  # a bug in a built-in provider is reported like any
                    self._disable(impl.plugin_name, "hook", f"raised {_describe(exc)}", hook)
                    continue
            if result is _FAILED or result is None:
                continue
            checked = self._check(impl, hook, check, result)
            if checked is not _FAILED:
                answers.append(
                    ProvidedInventory(cast("EmissionInventory", checked), kind, impl.plugin_name)
                )
        answers.sort(key=lambda answer: SOURCE_KINDS.index(answer.kind))
        return tuple(answers)

    def load_inventory(
        self,
        region: str | Region,
        rule: AccountingRule,
        years: Sequence[int] | None = None,
    ) -> EmissionInventory | None:
        """Return the region's inventory, each municipality from one provider, or ``None``.

        Per municipality the whole series of the highest-precedence answer that has figures
        for it is used (:func:`canemure.datasets.choose_sources`); answers are never mixed
        cell by cell.
        """
        from canemure.datasets import choose_sources

        found = choose_sources(self.load_inventories(region, rule, years))
        return None if found is None else found.inventory

    def measures(self, region: str | Region) -> tuple[PublishedMeasure, ...]:
        """Return the region's published measures from every plugin (``canemure_measures``)."""

        def record_type() -> type[PublishedMeasure]:
            from canemure.measures import PublishedMeasure

            return PublishedMeasure

        return self._flatten("canemure_measures", record_type, region)

    def targets(self, region: str | Region) -> tuple[Target, ...]:
        """Return the region's published targets from every plugin (``canemure_targets``)."""

        def record_type() -> type[Target]:
            from canemure.targets import Target

            return Target

        return self._flatten("canemure_targets", record_type, region)

    def emission_factors(self, region: str | Region) -> tuple[EmissionFactor, ...]:
        """Return local emission factors from every plugin (``canemure_emission_factors``)."""

        def record_type() -> type[EmissionFactor]:
            from canemure.factors import EmissionFactor

            return EmissionFactor

        return self._flatten("canemure_emission_factors", record_type, region)

    def _flatten(
        self, hook: str, record_type: Callable[[], type[T]], region: str | Region
    ) -> tuple[T, ...]:
        """Collect a hook that returns records; the record class is imported only if needed."""

        def check(value: object) -> tuple[T, ...]:
            cls = record_type()
            return check_records(value, cls, cls.__name__)

        answers = self._collect(hook, check, region_id=self._region_id(region))
        return tuple(item for answer in answers for item in answer)

    # ------------------------------------------------------------------ what happened
    def implementations(self, name: str) -> dict[str, Callable[..., object]]:
        """Return the hook functions of the working plugin ``name``, by hook name."""
        self.load()
        if name not in self._entries:
            return {}
        return {
            hook: impl.function
            for hook in self._entries[name].info.hooks
            for impl in self._impls(hook, plugin_name=name)
        }

    def plugins(self) -> tuple[PluginInfo, ...]:
        """Return the working plugins, in registration order."""
        self.load()
        return tuple(entry.info for entry in self._entries.values())

    def failures(self) -> tuple[PluginFailure, ...]:
        """Return the plugins refused or disabled so far, with the reasons."""
        self.load()
        return tuple(self._failures)

    def report(self) -> PluginReport:
        """Return the loaded, failed and skipped plugins (loading them first if needed)."""
        if not self._loaded:
            return self.load()
        return PluginReport(
            tuple(entry.info for entry in self._entries.values()),
            tuple(self._failures),
            tuple(self._skipped),
            self._core_version,
        )

    def __repr__(self) -> str:
        state = f"{len(self._entries)} plugins" if self._loaded else "not loaded"
        return f"<canemure PluginManager ({state})>"


_MANAGER: PluginManager | None = None
_MANAGER_LOCK = threading.Lock()


def get_plugin_manager() -> PluginManager:
    """Return the process-wide plugin manager, created on first call; plugins load on first use."""
    global _MANAGER  # noqa: PLW0603 - one shared, lazily created manager per process
    with _MANAGER_LOCK:
        if _MANAGER is None:
            _MANAGER = PluginManager()
        return _MANAGER
