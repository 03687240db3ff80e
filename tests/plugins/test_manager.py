"""The plugin host: lazy loading, allow/block lists, typed calls, ordering and merging."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from canemure.geography import gazetteer
from canemure.io.bundled import pohjois_karjala
from canemure.plugins import (
    ALLOW_ENV,
    BLOCK_ENV,
    PluginManager,
    RegionInfo,
    format_plugin_report,
    get_plugin_manager,
    hookimpl,
)
from canemure.plugins.loading import BUILTIN_VALUE, Selection, discover
from canemure.sectors import ALL, HINKU

SRC = Path(__file__).resolve().parents[2] / "src"

PK_CODES = tuple(m.code for m in gazetteer().municipalities_of("12"))

REGION_PLUGIN = """
from canemure.geography import gazetteer
from canemure.plugins import RegionInfo, hookimpl

@hookimpl
def canemure_regions():
    region = gazetteer().region("12")
    return [RegionInfo("pohjois-karjala", region.names, "12", source="Statistics Finland")]
"""


def only(*names: str) -> dict[str, str]:
    """An environment that allows just these entry points (keeps installed adapters out)."""
    return {ALLOW_ENV: ",".join(names)}


def run_python(code: str, extra_path: str = "", allow: str = "") -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (extra_path, str(SRC)) if p)}
    env.pop(ALLOW_ENV, None)
    env.pop(BLOCK_ENV, None)
    if allow:
        env[ALLOW_ENV] = allow
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# ---------------------------------------------------------------------- import weight, laziness
def test_import_canemure_loads_no_plugins_and_no_heavy_libraries() -> None:
    out = run_python("import sys, json, canemure; print(json.dumps(sorted(sys.modules)))")
    modules = set(json.loads(out))
    for heavy in (
        "canemure.plugins",
        "pluggy",
        "numpy",
        "pint",
        "pandas",
        "matplotlib",
        "xarray",
        "openpyxl",
    ):
        assert heavy not in modules, f"import canemure imported {heavy}"


def test_entry_points_load_on_first_use_not_at_import(installed, site_dir: Path) -> None:
    prefix = installed(
        "canemure-sentinel", {"sentinel": "{p}_sentinel"}, {"{p}_sentinel": REGION_PLUGIN}
    )
    code = (
        "import sys\n"
        "import canemure.plugins as plugins\n"
        "manager = plugins.get_plugin_manager()\n"
        f"before = '{prefix}_sentinel' in sys.modules\n"
        "ids = [r.id for r in manager.regions()]\n"
        f"after = '{prefix}_sentinel' in sys.modules\n"
        "print(before, after, ids)\n"
    )
    output = run_python(code, str(site_dir), allow="builtin,sentinel")
    assert output.split() == ["False", "True", "['pohjois-karjala']"]


def test_loading_light_plugins_imports_no_numeric_libraries() -> None:
    code = (
        "import sys\n"
        "from canemure.plugins import get_plugin_manager\n"
        "manager = get_plugin_manager()\n"
        "manager.load()\n"
        "assert [p.name for p in manager.plugins()] == ['builtin'], manager.plugins()\n"
        "assert manager.municipalities('Kainuu')\n"
        "print(sorted({'numpy', 'pint', 'importlib.metadata'} & set(sys.modules)))\n"
    )
    # entry points are read from the dist-info folders (tests/plugins/test_quick_discovery.py);
    # the built-in needs neither numpy nor pint
    assert run_python(code, allow="builtin").split() == ["[]"]


def test_manager_does_nothing_until_asked(installed) -> None:
    installed("canemure-lazy", {"t-lazy": "{p}_lazy"}, {"{p}_lazy": REGION_PLUGIN})
    manager = PluginManager(environ=only("builtin", "t-lazy"))
    assert "not loaded" in repr(manager)
    assert [r.id for r in manager.regions()] == ["pohjois-karjala"]
    assert "2 plugins" in repr(manager)


def test_get_plugin_manager_is_shared() -> None:
    assert get_plugin_manager() is get_plugin_manager()


# ---------------------------------------------------------------------- the built-in plugin
def test_builtin_is_registered_through_an_entry_point() -> None:
    names = [c.name for c in discover()]
    assert names[0] == "builtin"
    builtin = discover()[0]
    assert builtin.entry_point.value == BUILTIN_VALUE
    assert builtin.dist == "canemure"
    manager = PluginManager(environ=only("builtin"))
    (info,) = manager.plugins()
    assert info.builtin
    assert info.hooks == ("canemure_municipalities",)
    assert info.regions == ()


@pytest.mark.parametrize("key", ["kainuu", "18", "Kajanaland", "KAINUU"])
def test_builtin_lists_municipalities_of_any_gazetteer_region(key: str) -> None:
    manager = PluginManager(environ=only("builtin"))
    expected = tuple(m.code for m in gazetteer().municipalities_of("Kainuu"))
    assert manager.municipalities(key) == expected
    assert len(expected) == 8


def test_unknown_region_gets_none() -> None:
    manager = PluginManager(environ=only("builtin"))
    assert manager.municipalities("atlantis") is None
    assert manager.coordinators("atlantis") is None
    assert manager.cooperation_group("atlantis") is None
    assert manager.load_inventory("atlantis", HINKU) is None
    assert manager.load_inventories("atlantis", HINKU) == ()
    assert manager.failures() == ()


def test_block_list_switches_off_the_builtin() -> None:
    manager = PluginManager(environ={BLOCK_ENV: " builtin , other "})
    assert manager.municipalities("kainuu") is None
    (skipped,) = [s for s in manager.report().skipped if s.name == "builtin"]
    assert BLOCK_ENV in skipped.reason
    assert "blocked by CANEMURE_PLUGINS_BLOCK" in format_plugin_report(manager)


def test_allow_list_loads_only_the_named_entry_points(installed) -> None:
    installed("canemure-one", {"t-one": "{p}_one"}, {"{p}_one": REGION_PLUGIN})
    manager = PluginManager(environ=only("t-one"))
    assert [p.name for p in manager.plugins()] == ["t-one"]
    skipped = {s.name: s.reason for s in manager.report().skipped}
    assert skipped["builtin"] == f"not in {ALLOW_ENV}"


def test_selection_reads_comma_separated_names() -> None:
    selection = Selection.from_environ({ALLOW_ENV: "a, b,,", BLOCK_ENV: "b"})
    assert selection.allow == frozenset({"a", "b"})
    assert selection.reason_to_skip("a") is None
    assert selection.reason_to_skip("b") == f"blocked by {BLOCK_ENV}"
    assert selection.reason_to_skip("c") == f"not in {ALLOW_ENV}"
    assert Selection.from_environ({ALLOW_ENV: "  "}).allow is None


# ---------------------------------------------------------------------- typed calls and order
class _Priority:
    """Answers Pohjois-Karjala's municipalities with the first n codes, at a given priority."""

    def __init__(self, n: int, **opts: bool) -> None:
        self.n = n

        @hookimpl(**opts)
        def canemure_municipalities(region_id: str) -> tuple[str, ...] | None:
            return PK_CODES[: self.n] if region_id == "pohjois-karjala" else None

        self.canemure_municipalities = canemure_municipalities


def test_first_result_follows_tryfirst_and_trylast() -> None:
    manager = PluginManager(environ=only("builtin"))
    assert manager.municipalities("pohjois-karjala") == PK_CODES  # builtin alone
    manager.register(_Priority(3, tryfirst=True), "first")
    manager.register(_Priority(5), "plain-1")
    manager.register(_Priority(7), "plain-2")
    manager.register(_Priority(9, trylast=True), "last")
    assert manager.municipalities("pohjois-karjala") == PK_CODES[:3]
    manager2 = PluginManager(environ=only("builtin"))
    manager2.register(_Priority(5), "plain-1")
    manager2.register(_Priority(7), "plain-2")
    manager2.register(_Priority(9, trylast=True), "last")
    # plain plugins: the most recently registered answers first; trylast only after them
    assert manager2.municipalities("pohjois-karjala") == PK_CODES[:7]
    assert manager.failures() == manager2.failures() == ()


def test_region_keys_are_normalised() -> None:
    manager = PluginManager(environ=only("builtin"))
    region = gazetteer().region("12")
    for key in ("pohjois-karjala", "12", "North Karelia", "Norra Karelen", region):
        assert manager.municipalities(key) == PK_CODES


class _InventoryPlugin:
    """Serves slices of the bundled Pohjois-Karjala HINKU inventory (real figures)."""

    def __init__(self, areas: tuple[str, ...], source_id: str, **opts: bool) -> None:
        import attrs

        full = pohjois_karjala().sel(areas=list(areas))
        own = attrs.evolve(next(iter(full.sources.values()))[0], id=source_id)
        self.inventory = attrs.evolve(full, sources={a: (own,) for a in areas})

        @hookimpl(**opts)
        def canemure_load_inventory(region_id, rule, years):  # type: ignore[no-untyped-def]
            if region_id != "pohjois-karjala" or rule != HINKU:
                return None
            return (
                self.inventory
                if years is None
                else self.inventory.sel(years=[y for y in years if y in self.inventory.years])
            )

        self.canemure_load_inventory = canemure_load_inventory


def test_inventories_are_collected_one_source_per_municipality() -> None:
    manager = PluginManager(entry_points=False)
    manager.register(_InventoryPlugin(PK_CODES[:6], "low", trylast=True), "low")
    manager.register(_InventoryPlugin(PK_CODES[4:], "high", tryfirst=True), "high")
    parts = manager.load_inventories("pohjois-karjala", HINKU)
    # highest priority first, both of the precedence class "adapter"
    assert [next(iter(p.inventory.sources.values()))[0].id for p in parts] == ["high", "low"]
    assert [(p.kind, p.provider) for p in parts] == [("adapter", "high"), ("adapter", "low")]
    chosen = manager.load_inventory("pohjois-karjala", HINKU)
    assert chosen is not None
    full = pohjois_karjala()
    assert sorted(chosen.areas) == sorted(full.areas)
    np.testing.assert_array_equal(chosen.sel(areas=list(full.areas)).magnitude, full.magnitude)
    # an area both answer comes from the higher-priority plugin alone, never mixed
    assert [s.id for s in chosen.sources[PK_CODES[5]]] == ["high"]
    assert [s.id for s in chosen.sources[PK_CODES[0]]] == ["low"]
    assert manager.load_inventory("pohjois-karjala", ALL) is None


def test_inventory_years_are_passed_through() -> None:
    manager = PluginManager(entry_points=False)
    manager.register(_InventoryPlugin(PK_CODES, "pk"), "pk")
    inventory = manager.load_inventory("pohjois-karjala", HINKU, [2007, 2024])
    assert inventory is not None
    assert list(inventory.years) == [2007, 2024]


def test_report_lists_plugins_with_versions_and_hooks(installed) -> None:
    installed(
        "canemure-reported", {"t-rep": "{p}_rep"}, {"{p}_rep": REGION_PLUGIN}, version="2.3.4"
    )
    manager = PluginManager(environ=only("builtin", "t-rep"))
    text = format_plugin_report(manager)
    assert "2 plugin(s) loaded, 0 failed, 2 skipped" in text  # the built-in providers
    assert "builtin (canemure " in text
    assert "[built-in]" in text
    assert "t-rep (canemure-reported 2.3.4)" in text
    assert "regions: pohjois-karjala" in text
    assert "hooks:   canemure_regions" in text
    assert manager.region_plugin("North Karelia") == manager.plugins()[1]
    assert manager.regions() == (
        RegionInfo(
            "pohjois-karjala", gazetteer().region("12").names, "12", source="Statistics Finland"
        ),
    )


def test_builtin_answers_after_every_adapter() -> None:
    from canemure.plugins import builtin

    manager = PluginManager(entry_points=False)
    manager.register(_Priority(3), "adapter")
    manager.register(builtin, "builtin")  # registered last, still asked last (trylast)
    assert manager.municipalities("pohjois-karjala") == PK_CODES[:3]
    assert manager.municipalities("kainuu") == tuple(
        m.code for m in gazetteer().municipalities_of("18")
    )


def test_host_modules_import_each_other_without_a_cycle() -> None:
    """No module of the host imports one that imports it back (also under TYPE_CHECKING)."""
    import ast

    package = SRC / "canemure" / "plugins"
    graph: dict[str, set[str]] = {}
    for path in package.glob("*.py"):
        name = f"canemure.plugins.{path.stem}"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("canemure.plugins.")
        }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    cycles = sorted(name for name in graph if reaches(name, name, {name}))
    assert cycles == []
    assert "canemure.plugins.report" in graph["canemure.plugins.manager"]  # the graph is real
