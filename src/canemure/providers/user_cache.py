"""Built-in provider: the SYKE files in the user cache, the user's own statement of the data.

``canemure data download`` and ``canemure data import`` store SYKE files in the user cache
(:mod:`canemure.io.cache`). This provider is the one owner that reads them back, with the
highest precedence class, ``"user-import"``:

* **By municipality, before parsing.** For each municipality of the region asked for it looks
  up exactly two cache entries: the open-data file ``syke_cache_path("kunta_<n>.csv")`` and the
  Excel export ``imports/ALas_<code>_<rule>.xlsx`` of the rule asked for; nothing else in the
  cache is opened. Only entries whose bytes match the manifest checksum count
  (:meth:`Cache.problem <canemure.io.cache.Cache.problem>`).
* **Only the municipalities asked for.** The hook is asked per region; a caller that needs only
  some of its municipalities (``canemure baseline Joensuu``:
  :func:`canemure.datasets.baseline_sources`) says so with :func:`only_municipalities`, and
  the files of the others are not opened. Without it every municipality of the region is
  looked up; region adapters do not see it (the hook contract is unchanged).
* **A bad file costs only its municipality.** A changed, missing or unparsable cached file, or
  a damaged manifest, is left out with a :class:`~canemure.io.cache.CacheWarning` that names it
  and says to import it again; the municipality then comes from the next source, and reports
  name that source.
* **One file per municipality.** When both files exist, the newer entry (manifest timestamp)
  gives the municipality's whole series; the two are never combined.
* **Parsed once per process.** An open-data file holds every leaf with its HINKU and ETS flags
  and the credits (``kt_tuuli``), so it is read once with every leaf, whatever the rule, and
  each rule's inventory is that table's selection of the rule's leaves (exactly what reading
  the file under the rule gives). Parsed files, and files that could not be parsed, are
  remembered by path and checksum, so ``canemure baseline`` and ``canemure region`` (every
  rule) parse a file once per process, and a file replaced in the cache is read afresh. Only
  the emissions are kept.
* **Population** of an open-data file's years comes from the cached SYKE municipality lists
  ``asukasluvut_<year>.csv`` of those years (an Excel export carries its own, which a list of
  the same year overrides, as SYKE's list is the later statement).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from canemure.errors import Message, UnknownNameError
from canemure.geography import Region, gazetteer
from canemure.plugins.markers import hookimpl

if TYPE_CHECKING:
    from canemure.inventory import EmissionInventory, Population
    from canemure.inventory.provenance import SourceKind
    from canemure.io.cache import Cache, ManifestEntry
    from canemure.sectors import AccountingRule

__all__ = [
    "CANEMURE_SOURCE_KIND",
    "cached_inventory",
    "canemure_load_inventory",
    "clear_parsed",
    "excel_cache_path",
    "municipality_inventory",
    "only_municipalities",
    "under_rule",
]

CANEMURE_SOURCE_KIND: SourceKind = "user-import"
"""Precedence class of this provider's answers."""

_PARSED: dict[tuple[str, str, str], object] = {}
_PARSED_LOCK = threading.Lock()


def clear_parsed() -> None:
    """Forget every file parsed so far in this process (they are re-read on next use)."""
    with _PARSED_LOCK:
        _PARSED.clear()


def _parsed(key: tuple[str, str, str], read: Callable[[], object]) -> object:
    with _PARSED_LOCK:
        if key in _PARSED:
            return _PARSED[key]
    value = read()
    with _PARSED_LOCK:
        return _PARSED.setdefault(key, value)


def excel_cache_path(code: str, rule: AccountingRule) -> str:
    """Return where ``canemure data import`` stores municipality ``code``'s Excel export."""
    return f"imports/ALas_{code}_{rule.id}.xlsx"


def _left_out(message: str) -> None:
    import warnings

    from canemure.io.cache import CacheWarning

    warnings.warn(message, CacheWarning, stacklevel=4)


def _verified(
    cache: Cache,
    relative: str | None,
    listed: Mapping[str, ManifestEntry] | Collection[str] | None = None,
) -> ManifestEntry | None:
    """The entry of ``relative`` if its file still matches it; a file that does not is named.

    A changed or missing file costs only its own municipality: it is left out with a
    :class:`~canemure.io.cache.CacheWarning` that names it and says to import it again.
    ``listed`` (the manifest's paths, read once for a whole region) answers "never stored"
    without asking the manifest again; given as path -> entry, it also gives the entry (two
    manifest queries less per file).
    """
    from canemure.io.cache import ManifestDamagedError

    if relative is None or (listed is not None and relative not in listed):
        return None
    if isinstance(listed, Mapping):
        entry = listed[relative]
        problem = cache.entry_problem(entry)
    else:
        try:
            entry = cache.entry(relative)
        except ManifestDamagedError as exc:
            _left_out(Message("cache_not_used", error=exc))
            return None
        if entry is None:
            return None
        problem = cache.problem(relative)
    if problem:
        _left_out(Message("cache_problem_left_out", error=problem))
        return None
    return entry


@functools.cache
def _every_leaf() -> AccountingRule:
    """The rule-independent reading of a file: every leaf, the wind-power credits too."""
    from canemure.sectors import AccountingRule

    return AccountingRule(
        "every-leaf",
        "Kaikki lehdet ja päästöhyvitykset",
        "Every leaf and the wind-power credits",
        "Every ALas leaf, inside and outside emissions trading, with the wind-power credits: "
        "what a SYKE open-data file holds, before a rule selects its leaves.",
        credits=True,
    )


def under_rule(whole: EmissionInventory, rule: AccountingRule) -> EmissionInventory:
    """Return the leaves of ``rule`` from ``whole``, a file's figures for every leaf.

    ``whole`` holds every leaf of its hierarchy (as a SYKE open-data file read with every leaf
    does); the result equals the file read under ``rule``: the same figures of the same leaves
    in hierarchy order, with ``rule`` as its rule.
    """
    keys = [leaf.key for leaf in rule.leaves(whole.hierarchy)]
    return attrs.evolve(whole.sel(sectors=keys), rule=rule)


def _read_csv(cache: Cache, entry: ManifestEntry, code: str, rule: AccountingRule) -> object:
    from canemure.errors import DataFormatError

    def read() -> object:
        from canemure.io import syke_csv

        try:
            return syke_csv.read_syke_csv(
                cache.path_for(entry.path), rule=_every_leaf(), municipality=code, energy=False
            ).emissions
        except DataFormatError as exc:
            return exc  # remembered too: a bad file is not parsed again for the next rule

    whole = _parsed((str(cache.path_for(entry.path)), entry.sha256, "every-leaf"), read)
    if isinstance(whole, DataFormatError):
        raise whole
    return under_rule(whole, rule)  # type: ignore[arg-type]


def _read_excel(cache: Cache, entry: ManifestEntry, code: str) -> object:
    def read() -> object:
        from canemure.io import syke_excel

        return syke_excel.read_syke_excel(cache.path_for(entry.path), municipality=code)

    return _parsed((str(cache.path_for(entry.path)), entry.sha256, "excel"), read)


def _population(
    cache: Cache,
    code: str,
    years: Sequence[int],
    listed: Mapping[str, ManifestEntry] | Collection[str] | None = None,
) -> Population | None:
    """Residents of ``code`` in ``years`` from the cached municipality lists of those years."""
    from canemure.io.download import syke_cache_path

    found: Population | None = None
    for year in years:
        entry = _verified(cache, syke_cache_path(f"asukasluvut_{int(year)}.csv"), listed)
        if entry is None:
            continue

        def read(path: str = entry.path, year: int = int(year)) -> object:
            from canemure.io import syke_csv

            return syke_csv.read_syke_population(
                cache.path_for(path), year=year, known_municipalities_only=False
            )

        table: Population = _parsed(  # type: ignore[assignment]
            (str(cache.path_for(entry.path)), entry.sha256, "population"), read
        )
        if code not in table.areas:
            continue
        from canemure.inventory import Population
        from canemure.units import Q_

        one = Population(
            Q_(table.at([code], [int(year)]).m_as("resident"), "resident"),
            [code],
            [int(year)],
            table.source,
        )
        found = one if found is None else found.merge(one)
    return found


def municipality_inventory(
    code: str, rule: AccountingRule, cache: Cache | None = None
) -> EmissionInventory | None:
    """Return municipality ``code``'s cached SYKE figures under ``rule``, or ``None``.

    One file gives the whole series (the newer of the open-data CSV and the rule's Excel
    export); its sources name the cached file, when it was fetched or imported and its
    checksum. Raises :class:`~canemure.errors.DataFormatError` naming a cached file that
    cannot be read.
    """
    from canemure.io.cache import Cache

    return _municipality_inventory(code, rule, cache or Cache(), None)


def _municipality_inventory(
    code: str,
    rule: AccountingRule,
    cache: Cache,
    listed: Mapping[str, ManifestEntry] | Collection[str] | None,
) -> EmissionInventory | None:
    """:func:`municipality_inventory`; ``listed`` as in :func:`_verified`."""
    from canemure.errors import DataFormatError
    from canemure.io.download import syke_cache_path
    from canemure.io.imports import _with_retrieval

    csv_entry = _verified(cache, syke_cache_path(f"kunta_{int(code)}.csv"), listed)
    excel_entry = _verified(cache, excel_cache_path(code, rule), listed)
    found = [e for e in (csv_entry, excel_entry) if e is not None]
    if not found:
        return None
    entry = max(found, key=lambda e: e.timestamp)
    inventory: EmissionInventory
    try:
        if entry is excel_entry:
            inventory = _read_excel(cache, entry, code)  # type: ignore[assignment]
            if inventory.rule != rule:
                return None
        else:
            inventory = _read_csv(cache, entry, code, rule)  # type: ignore[assignment]
    except DataFormatError as exc:
        _left_out(Message("cache_file_left_out", error=exc))
        return None
    residents = _population(cache, code, list(inventory.years), listed)
    if residents is not None:
        known = inventory.population
        inventory = inventory.with_population(
            residents if known is None else known.merge(residents)
        )
    return _with_retrieval(inventory, entry)


_ONLY: contextvars.ContextVar[frozenset[str] | None] = contextvars.ContextVar(
    "canemure_user_cache_only", default=None
)
"""The municipality codes the current caller needs (``None``: every one of the region)."""


@contextlib.contextmanager
def only_municipalities(codes: Iterable[str]) -> Iterator[None]:
    """Within the block, this provider's hook looks up only the municipalities ``codes``.

    An optional hint for a caller that asks the providers per region but needs only some of
    its municipalities: the cached files of the others are not opened (nor parsed). The answer
    is then the figures of ``codes`` alone; other providers are unaffected. Blocks nest (the
    innermost holds) and belong to their thread or task (a context variable).
    """
    token = _ONLY.set(frozenset(codes))
    try:
        yield
    finally:
        _ONLY.reset(token)


def cached_inventory(
    region: Region,
    rule: AccountingRule,
    years: Sequence[int] | None = None,
    cache: Cache | None = None,
    *,
    municipalities: Collection[str] | None = None,
) -> EmissionInventory | None:
    """Return the cached SYKE figures of ``region``'s municipalities under ``rule``, or ``None``.

    Municipalities without a cached file are absent (regional totals are then "not
    estimated"), never filled in; ``years`` keeps only those years; ``municipalities`` (codes)
    looks up only those of the region's municipalities.
    """
    from canemure.io._cache_location import cache_dir, has_manifest

    if cache is None and not has_manifest(cache_dir()):
        return None  # nothing ever stored: without importing the cache module and sqlite3
    from canemure.datasets import stack_areas
    from canemure.io.cache import Cache, ManifestDamagedError

    cache = cache or Cache()
    if not cache.exists():
        return None
    try:
        listed = {entry.path: entry for entry in cache.entries()}
    except ManifestDamagedError as exc:
        _left_out(Message("cache_not_used", error=exc))
        return None
    parts = []
    for municipality in gazetteer().municipalities_of(region):
        if municipalities is not None and municipality.code not in municipalities:
            continue
        inventory = _municipality_inventory(municipality.code, rule, cache, listed)
        if inventory is None:
            continue
        if years is not None:
            kept = [y for y in inventory.years if y in set(years)]
            if not kept:
                continue
            inventory = inventory.sel(years=kept)
        parts.append(inventory)
    if not parts:
        return None
    return stack_areas(parts)


@hookimpl
def canemure_load_inventory(
    region_id: str, rule: AccountingRule, years: Sequence[int] | None
) -> EmissionInventory | None:
    """Return the cached SYKE figures of the region's municipalities, or ``None``.

    Inside :func:`only_municipalities`, only those municipalities' figures.
    """
    try:
        region = gazetteer().region(region_id)
    except UnknownNameError:
        return None
    return cached_inventory(region, rule, years, municipalities=_ONLY.get())
