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
  something that breaks the hook's contract (:mod:`canemure.plugins.validation`), loses that
  answer only: the failure is recorded as a :class:`~canemure.plugins.report.PluginFailure`
  (plugin, distribution, version, hook, region, reason), the call carries on with the next
  implementation, and the plugin's other hooks keep answering. Hook wrappers are refused at
  registration, because they would need pluggy's loop.
* **Checked at load.** When a plugin is registered, its ``canemure_regions`` answer and its own
  ``canemure_municipalities`` answers for those regions are checked at once: wrong types,
  region codes or municipality codes that do not exist, and municipalities of another region
  (:func:`~canemure.plugins.validation.municipalities_of_other_regions`, the conformance kit's
  message) refuse the plugin then, so ``canemure plugins`` shows the problem before anyone asks
  for data.
* **One adapter per region, never replaced silently.** When two plugins claim one region id,
  the first registered keeps it (entry points register in name order) unless
  ``CANEMURE_REGION_ADAPTER`` chooses the other; the other is not asked about that region.
  Either way the conflict is a :class:`~canemure.plugins.report.PluginWarning`.
* **Loading is watched.** Importing an entry point may not end the process (``SystemExit`` and
  other ``BaseException`` s are reported, except ``KeyboardInterrupt``), may not write into the
  command's standard output (it is captured and reported as a warning) and is timed (an import
  slower than :data:`SLOW_IMPORT_SECONDS` is reported).
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

import contextlib
import io
import os
import threading
import time
import types
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar, cast

import attrs
import pluggy

from canemure._version import __version__
from canemure.errors import UnknownNameError
from canemure.geography import Coordinator, Region, gazetteer
from canemure.plugins import hookspecs
from canemure.plugins.hookspecs import NAME
from canemure.plugins.loading import (
    BLOCK_ENV,
    ENTRY_POINT_GROUP,
    REGION_ADAPTER_ENV,
    Selection,
    discover,
)
from canemure.plugins.report import (
    FailureStage,
    HookAnswer,
    PluginFailure,
    PluginInfo,
    PluginReport,
    PluginWarning,
    SkippedPlugin,
    WarningKind,
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
    municipalities_of_other_regions,
)
from canemure.plugins.versions import core_requirement, satisfies

if TYPE_CHECKING:
    from canemure.inventory import EmissionInventory
    from canemure.inventory.provenance import SourceKind
    from canemure.providers import ProvidedInventory
    from canemure.published.factors import EmissionFactor
    from canemure.published.measures import PublishedMeasure
    from canemure.published.roadmaps import RoadmapInfo
    from canemure.published.targets import Target
    from canemure.sectors import AccountingRule

__all__ = ["SLOW_IMPORT_SECONDS", "PluginManager", "get_plugin_manager", "used_plugin_manager"]

T = TypeVar("T")

_FAILED = object()

SLOW_IMPORT_SECONDS = 1.0
"""An entry point that takes longer than this to import is reported as slow."""

_SHOWN_OUTPUT = 120


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SystemExit):
        return f"SystemExit: it called sys.exit({exc.code!r})"
    return f"{type(exc).__name__}: {exc}"


def _region_arg(kwargs: Mapping[str, object]) -> str | None:
    region = kwargs.get("region_id")
    return region if isinstance(region, str) else None


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


class _PluggyManager(pluggy.PluginManager):
    """pluggy's manager, not inspecting Python's own ``__dunder__`` attributes for hooks.

    pluggy looks at every name in ``dir(plugin)`` with ``inspect.getattr_static``; for an
    adapter object (an attrs class) two thirds of them are ``__eq__``, ``__repr__`` and the
    like, and the look-ups were a good part of loading the plugins. A hook is named
    ``canemure_*`` (or given by ``specname``), never ``__*__``.
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        if name.startswith("__") and name.endswith("__"):
            return None
        if _never_a_hook(_raw_attribute(plugin, name), self.project_name + "_impl"):
            return None
        return super().parse_hookimpl_opts(plugin, name)


_UNKNOWN = object()
_PLAIN_VALUES = (str, bytes, int, float, bool, tuple, list, dict, set, frozenset, type(None))


def _raw_attribute(plugin: object, name: str) -> object:
    """``name`` as stored in ``plugin``'s own or its class's ``__dict__`` (no descriptor run)."""
    if isinstance(plugin, types.ModuleType):
        return plugin.__dict__.get(name, _UNKNOWN)
    if not isinstance(plugin, type):
        try:
            own = object.__getattribute__(plugin, "__dict__")
        except AttributeError:
            own = {}
        if isinstance(own, dict) and name in own:
            return own[name]
    for klass in plugin.__mro__ if isinstance(plugin, type) else type(plugin).__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name]
    return _UNKNOWN


def _never_a_hook(raw: object, marker: str) -> bool:
    """Whether pluggy would certainly find no hook in ``raw`` (skipped without its look-ups).

    A plain function without the marker, a class, a module, a property or a plain value.
    Anything else (``staticmethod``, slots, bound methods, unknown objects) is left to pluggy.
    """
    if isinstance(raw, types.FunctionType):
        return marker not in raw.__dict__
    return isinstance(raw, (type, types.ModuleType, property, *_PLAIN_VALUES))


class PluginManager:
    """Region adapter plugins behind one typed method per hook.

    ``entry_points=False`` makes a manager that only knows the plugins passed to
    :meth:`register` (the conformance kit uses this). ``environ`` replaces ``os.environ`` for
    the allow and block lists and the region choice, ``core_version`` the version plugins are
    checked against, and ``slow_import_seconds`` the time above which an import is reported as
    slow; all three are for tests.
    """

    def __init__(
        self,
        *,
        entry_points: bool = True,
        environ: Mapping[str, str] | None = None,
        group: str = ENTRY_POINT_GROUP,
        core_version: str = __version__,
        slow_import_seconds: float = SLOW_IMPORT_SECONDS,
    ) -> None:
        self._pm = _PluggyManager(NAME)
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
        self._warnings: list[PluginWarning] = []
        self._claims: dict[str, tuple[RegionInfo, str]] = {}
        self._claimants: dict[str, list[str]] = {}  # region id -> plugins claiming it, in order
        self._refused: dict[str, set[str]] = {}  # plugin -> region ids another plugin serves
        self._selection = Selection()
        self._slow = slow_import_seconds

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
        self._selection = selection
        for problem in selection.problems:
            self._warnings.append(PluginWarning(REGION_ADAPTER_ENV, None, None, "setting", problem))
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
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):  # keep stdout clean for --format json
                started = time.perf_counter()
                try:
                    plugin = candidate.load()
                except KeyboardInterrupt:
                    raise
                except BaseException as exc:  # SystemExit too: report it, load the others
                    plugin = _FAILED
                    self._fail(
                        origin,
                        "load",
                        f"importing {candidate.value!r} raised {_describe(exc)}",
                    )
                seconds = time.perf_counter() - started
                if plugin is not _FAILED:
                    self._admit(plugin, origin, candidate.value, candidate.requires)
            self._watch(origin, seconds, printed.getvalue())
        self._check_choices()

    def _warn(
        self, origin: _Origin, kind: WarningKind, message: str, region: str | None = None
    ) -> None:
        self._warnings.append(PluginWarning(*origin.fields(), kind, message, region))

    def _watch(self, origin: _Origin, seconds: float, printed: str) -> None:
        """Report what loading ``origin`` printed to stdout, and a slow import."""
        if printed.strip():
            lines = printed.strip().splitlines()
            shown = lines[0] if len(lines[0]) <= _SHOWN_OUTPUT else lines[0][:_SHOWN_OUTPUT] + "..."
            self._warn(
                origin,
                "output",
                f"printed {len(lines)} line(s) to standard output while being loaded (kept out "
                f"of canemure's output; the first: {shown!r})",
            )
        if seconds >= self._slow:
            self._warn(
                origin,
                "slow",
                f"took {seconds:.1f} s to import, and every command that asks the adapters "
                f"waits for it (tell its authors; to switch it off: "
                f"{BLOCK_ENV}={origin.name})",
            )

    def _check_choices(self) -> None:
        """Warn about region choices that name no plugin claiming the region."""
        for region_id, chosen in sorted(self._selection.region_adapter.items()):
            claim = self._claims.get(region_id)
            if claim is not None and claim[1] == chosen:
                continue
            served = f"{self._entries[claim[1]].info} serves it" if claim else "no plugin serves it"
            state = (
                "does not claim it"
                if chosen in self._entries
                else "is not loaded (canemure plugins)"
            )
            self._warnings.append(
                PluginWarning(
                    REGION_ADAPTER_ENV,
                    None,
                    None,
                    "setting",
                    f"chooses {chosen!r} for region {region_id!r}, but {chosen!r} {state}; "
                    f"{served}",
                    region_id,
                )
            )

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
        self,
        origin: _Origin,
        stage: FailureStage,
        reason: str,
        hook: str | None = None,
        region: str | None = None,
    ) -> bool:
        self._record(PluginFailure(*origin.fields(), stage, reason, hook, region))
        return False

    def _record(self, failure: PluginFailure) -> PluginFailure:
        """Keep ``failure`` (once: a call repeated with the same fault is one failure)."""
        with self._lock:
            if failure not in self._failures:
                self._failures.append(failure)
        return failure

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
        declared: list[RegionInfo] = []
        for impl in self._impls("canemure_regions", plugin_name=name):
            result = self._invoke(impl, "canemure_regions", {}, stage="validate")
            if result is _FAILED:
                return False
            if result is None:
                continue
            try:
                declared.extend(check_regions(result))
            except HookResultError as exc:
                return self._disable(name, "validate", str(exc), "canemure_regions")
        for region in declared:
            for impl in self._impls("canemure_municipalities", plugin_name=name):
                result = self._invoke(
                    impl,
                    "canemure_municipalities",
                    {"region_id": region.id},
                    stage="validate",
                )
                if result is _FAILED:
                    return False
                if result is None:
                    continue
                try:
                    codes = check_municipalities(result)
                    outside = municipalities_of_other_regions(codes, region.region_code)
                    if outside is not None:
                        raise HookResultError(outside)
                except HookResultError as exc:
                    return self._disable(
                        name, "validate", str(exc), "canemure_municipalities", region.id
                    )
        served = [region for region in declared if self._claim(region, name)]
        entry = self._entries[name]
        entry.info = attrs.evolve(entry.info, regions=tuple(r.id for r in served))
        return True

    def _claim(self, region: RegionInfo, name: str) -> bool:
        """Record ``name``'s claim on ``region``; return whether ``name`` now serves it."""
        claimants = self._claimants.setdefault(region.id, [])
        claimants.append(name)
        owner = self._claims.get(region.id)
        if owner is None:
            self._claims[region.id] = (region, name)
            return True
        if self._selection.region_adapter.get(region.id) == name:  # the user chose this one
            loser = owner[1]
            self._refused.setdefault(loser, set()).add(region.id)
            info = self._entries[loser].info
            self._entries[loser].info = attrs.evolve(
                info, regions=tuple(r for r in info.regions if r != region.id)
            )
            self._claims[region.id] = (region, name)
            return True
        self._refused.setdefault(name, set()).add(region.id)
        return False

    def _conflicts(self) -> list[PluginWarning]:
        """One warning per region that more than one plugin claims."""
        found: list[PluginWarning] = []
        for region_id, claimants in self._claimants.items():
            names = [n for n in claimants if n in self._entries]
            claim = self._claims.get(region_id)
            if len(names) < 2 or claim is None:
                continue
            owner = self._entries[claim[1]].info
            others = ", ".join(str(self._entries[n].info) for n in names if n != claim[1])
            chosen = self._selection.region_adapter.get(region_id) == claim[1]
            how = (
                f"{REGION_ADAPTER_ENV} chooses it"
                if chosen
                else "it registered first; to choose another: "
                f"{REGION_ADAPTER_ENV}={region_id}=<entry-point name>"
            )
            found.append(
                PluginWarning(
                    *_Origin(owner.name, owner.dist, owner.version).fields(),
                    "choice" if chosen else "conflict",
                    f"region {region_id!r} is claimed by {owner} and by {others}; "
                    f"{owner.name} serves it ({how})",
                    region_id,
                )
            )
        return found

    def _disable(
        self,
        name: str,
        stage: FailureStage,
        reason: str,
        hook: str | None,
        region: str | None = None,
    ) -> bool:
        entry = self._entries.pop(name, None)
        origin = _Origin(name, entry.info.dist, entry.info.version) if entry else _Origin(name)
        self._pm.set_blocked(name)  # unregisters it and refuses a later registration
        for region_id in [r for r, (_, owner) in self._claims.items() if owner == name]:
            del self._claims[region_id]
        self._refused.pop(name, None)
        return self._fail(origin, stage, reason, hook, region)

    # ------------------------------------------------------------------ calling hooks
    def _impls(self, hook: str, *, plugin_name: str | None = None) -> list[pluggy.HookImpl]:
        caller: pluggy.HookCaller = getattr(self._pm.hook, hook)
        impls = [
            impl for impl in reversed(caller.get_hookimpls()) if impl.plugin_name in self._entries
        ]
        if plugin_name is not None:
            impls = [impl for impl in impls if impl.plugin_name == plugin_name]
        return impls

    def _asked(self, hook: str, kwargs: Mapping[str, object]) -> list[pluggy.HookImpl]:
        """The implementations to call, without plugins whose claim on the region was refused."""
        region = _region_arg(kwargs)
        return [
            impl
            for impl in self._impls(hook)
            if region is None or region not in self._refused.get(impl.plugin_name, ())
        ]

    def _hook_failed(
        self, impl: pluggy.HookImpl, hook: str, reason: str, region: str | None
    ) -> PluginFailure:
        """Record that one call failed; the plugin stays registered for its other answers."""
        entry = self._entries.get(impl.plugin_name)
        origin = (
            _Origin(impl.plugin_name, entry.info.dist, entry.info.version)
            if entry
            else _Origin(impl.plugin_name)
        )
        return self._record(PluginFailure(*origin.fields(), "hook", reason, hook, region))

    def _invoke(
        self,
        impl: pluggy.HookImpl,
        hook: str,
        kwargs: Mapping[str, object],
        *,
        stage: FailureStage = "hook",
    ) -> object:
        """Call ``impl``; on an error record it (``validate``: disable the plugin) -> marker."""
        try:
            return impl.function(*(kwargs[arg] for arg in impl.argnames))
        except (Exception, SystemExit) as exc:  # one plugin's error must not stop the others
            reason = f"raised {_describe(exc)}"
        if stage == "hook":
            self._hook_failed(impl, hook, reason, _region_arg(kwargs))
        else:
            self._disable(impl.plugin_name, stage, reason, hook, _region_arg(kwargs))
        return _FAILED

    def _call(
        self,
        impl: pluggy.HookImpl,
        hook: str,
        check: Callable[[object], T],
        kwargs: Mapping[str, object],
    ) -> tuple[T | None, PluginFailure | None]:
        """Call one implementation and check its answer: ``(answer, None)`` or the failure."""
        region = _region_arg(kwargs)
        try:
            result = impl.function(*(kwargs[arg] for arg in impl.argnames))
        except (Exception, SystemExit) as exc:  # one plugin's error must not stop the others
            return None, self._hook_failed(impl, hook, f"raised {_describe(exc)}", region)
        if result is None:
            return None, None
        try:
            return check(result), None
        except HookResultError as exc:
            reason = str(exc)
        except Exception as exc:  # an answer so malformed that checking it raised
            reason = f"returned a value the host could not check ({_describe(exc)})"
        return None, self._hook_failed(impl, hook, reason, region)

    def _first(self, hook: str, check: Callable[[object], T], **kwargs: object) -> T | None:
        self.load()
        for impl in self._asked(hook, kwargs):
            answer, _ = self._call(impl, hook, check, kwargs)
            if answer is not None:
                return answer
        return None

    def _collect(self, hook: str, check: Callable[[object], T], **kwargs: object) -> list[T]:
        """Return the checked answers of every plugin, highest priority first."""
        self.load()
        answers: list[T] = []
        for impl in self._asked(hook, kwargs):
            answer, _ = self._call(impl, hook, check, kwargs)
            if answer is not None:
                answers.append(answer)
        return answers

    def _check(
        self,
        impl: pluggy.HookImpl,
        hook: str,
        check: Callable[[object], T],
        result: object,
        region: str | None = None,
    ) -> T | object:
        """Return ``check(result)``, or record the failure and return the failure marker."""
        try:
            return check(result)
        except HookResultError as exc:
            reason = str(exc)
        except Exception as exc:  # an answer so malformed that checking it raised
            reason = f"returned a value the host could not check ({_describe(exc)})"
        self._hook_failed(impl, hook, reason, region)
        return _FAILED

    def call_each(
        self, hook: str, check: Callable[[object], object], **kwargs: object
    ) -> tuple[HookAnswer, ...]:
        """Call every plugin's ``hook`` (not only until the first answer) and check each answer.

        For ``canemure plugins --check``: one :class:`~canemure.plugins.report.HookAnswer` per
        implementation, in call order, with the checked value or the failure (which is also
        recorded, like any other).
        """
        self.load()
        return tuple(
            HookAnswer(impl.plugin_name, hook, *self._call(impl, hook, check, kwargs))
            for impl in self._asked(hook, kwargs)
        )

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

    def region_id(self, region: str | Region) -> str:
        """Return the region id hooks are asked with for ``region`` (id, code, name or Region).

        A region id a plugin claims is kept as is; otherwise the reference gazetteer's id of
        the region, or the text itself (stripped) when the gazetteer does not know it.
        """
        return self._region_id(region)

    def region_info(self, region: str | Region) -> RegionInfo | None:
        """Return the RegionInfo of the plugin that serves ``region``, if one claims it."""
        claim = self._claims.get(self._region_id(region))
        return claim[0] if claim else None

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
        for impl in self._asked(hook, kwargs):
            try:
                kind = source_kind_of(impl.plugin)
            except ValueError as exc:
                self._hook_failed(impl, hook, str(exc), region_id)
                continue
            if kind not in allowed:
                continue
            if kind == "adapter":
                answer, _ = self._call(impl, hook, check, kwargs)
                if answer is None:
                    continue
            else:
                try:
                    result = impl.function(*(kwargs[arg] for arg in impl.argnames))
                except CanemureError:
                    raise
                except Exception as exc:  # a bug in a built-in provider is reported like any
                    self._hook_failed(impl, hook, f"raised {_describe(exc)}", region_id)
                    continue
                if result is None:
                    continue
                checked = self._check(impl, hook, check, result, region_id)
                if checked is _FAILED:
                    continue
                answer = cast("EmissionInventory", checked)
            answers.append(ProvidedInventory(answer, kind, impl.plugin_name))
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
            from canemure.published.measures import PublishedMeasure

            return PublishedMeasure

        return self._flatten("canemure_measures", record_type, region)

    def targets(self, region: str | Region) -> tuple[Target, ...]:
        """Return the region's published targets from every plugin (``canemure_targets``)."""

        def record_type() -> type[Target]:
            from canemure.published.targets import Target

            return Target

        return self._flatten("canemure_targets", record_type, region)

    def emission_factors(self, region: str | Region) -> tuple[EmissionFactor, ...]:
        """Return local emission factors from every plugin (``canemure_emission_factors``)."""

        def record_type() -> type[EmissionFactor]:
            from canemure.published.factors import EmissionFactor

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
        """Return the failures so far: plugins refused, and hook calls that failed."""
        self.load()
        return tuple(self._failures)

    def warnings(self) -> tuple[PluginWarning, ...]:
        """Return the warnings: output and slow imports, region conflicts, unusable settings."""
        self.load()
        return self._all_warnings()

    def _all_warnings(self) -> tuple[PluginWarning, ...]:
        return (*self._warnings, *self._conflicts())

    def report(self) -> PluginReport:
        """Return the loaded, failed and skipped plugins (loading them first if needed)."""
        if not self._loaded:
            return self.load()
        return PluginReport(
            tuple(entry.info for entry in self._entries.values()),
            tuple(self._failures),
            tuple(self._skipped),
            self._core_version,
            self._all_warnings(),
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


def used_plugin_manager() -> PluginManager | None:
    """Return the process-wide manager if it has loaded its plugins, else ``None``.

    The command line asks this after a command ran, to report plugin failures without loading
    plugins for a command that did not need them.
    """
    with _MANAGER_LOCK:
        manager = _MANAGER
    return manager if manager is not None and manager._loaded else None
