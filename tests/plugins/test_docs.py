"""docs/plugins.md documents every hook with its signature, and its code runs.

Like datasette's ``test_docs.py``: the hook specifications are the source of truth; a hook that
is missing from the guide, or documented with another signature or calling convention, fails
here. Every ```python block of the guide runs in a fresh module; blocks that define hook
implementations are registered in a plugin manager (which must accept them), and conformance
suites the guide defines are run.
"""

from __future__ import annotations

import inspect
import re
import sys
import tomllib
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from canemure.plugins import (
    ALLOW_ENV,
    BLOCK_ENV,
    ENTRY_POINT_GROUP,
    PluginManager,
    format_plugin_report,
    hookspecs,
)
from canemure.plugins.scaffold import create_adapter
from canemure.testing import AdapterConformanceSuite, AdapterTestSuite, check_packaging

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "plugins.md"
WORKED_EXAMPLE = ROOT / "plugins" / "canemure-pohjois-karjala" / "src"
TEXT = GUIDE.read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def hook_specs() -> dict[str, Callable[..., Any]]:
    return {
        name: function
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, f"{hookspecs.NAME}_spec")
    }


def rendered_signature(function: Callable[..., Any]) -> str:
    """``def name(arg: type, ...) -> type`` with the annotations as written in hookspecs.py."""
    signature = inspect.signature(function)
    params = ", ".join(f"{p.name}: {p.annotation}" for p in signature.parameters.values())
    return f"def {function.__name__}({params}) -> {signature.return_annotation}"


def sections() -> dict[str, str]:
    parts = re.split(r"^### `(canemure_\w+)`\s*$", TEXT, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1].split("\n## ")[0] for i in range(1, len(parts), 2)}


def blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(TEXT) if lang == language]


def test_there_are_hooks_to_document() -> None:
    assert len(hook_specs()) == 9


@pytest.mark.parametrize("name", sorted(hook_specs()))
def test_every_hook_is_documented_with_its_signature(name: str) -> None:
    function = hook_specs()[name]
    documented = sections()
    assert name in documented, f"docs/plugins.md has no '### `{name}`' section"
    section = documented[name]
    assert rendered_signature(function) in section, (
        f"the signature of {name} in docs/plugins.md differs from hookspecs.py: "
        f"{rendered_signature(function)}"
    )
    first = getattr(function, f"{hookspecs.NAME}_spec")["firstresult"]
    convention = "**First result wins" if first else "**Collected"
    flowing = " ".join(section.split()).lower()
    assert convention.lower() in flowing, f"{name}: say '{convention}**'"
    table_row = re.search(rf"^\| `{name}` \| ([^|]+) \|", TEXT, re.MULTILINE)
    assert table_row is not None, f"{name} is missing from the overview table"
    assert table_row.group(1).startswith("first result wins" if first else "collected")
    assert "```python" in section, f"{name} has no example"


def test_no_documented_hook_is_unknown() -> None:
    assert set(sections()) == set(hook_specs())


def test_settings_and_names_match_the_code() -> None:
    for name in (ALLOW_ENV, BLOCK_ENV, "CANEMURE_REQUIRES", "CANEMURE_COVERAGE"):
        assert f"`{name}" in TEXT
    assert f"**`{ENTRY_POINT_GROUP}`**" in TEXT
    params = ", ".join(inspect.signature(create_adapter).parameters)
    assert f"create_adapter({params}) -> Path" in TEXT


def test_toml_blocks_declare_the_entry_point() -> None:
    (pyproject,) = [tomllib.loads(body) for body in blocks("toml")]
    assert pyproject["project"]["entry-points"][ENTRY_POINT_GROUP] == {
        "kainuu": "canemure_kainuu:ADAPTER"
    }


def run_block(number: int, source: str) -> types.ModuleType:
    module = types.ModuleType(f"docs_plugins_block_{number}")
    code = compile(source, f"docs/plugins.md (python block {number})", "exec")
    exec(code, module.__dict__)
    return module


@pytest.fixture
def worked_example(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make ``plugins/canemure-pohjois-karjala`` importable, as the guide assumes.

    The guide's own team package (``canemure_pohjois_karjala_team``) is forgotten afterwards.
    """
    monkeypatch.syspath_prepend(str(WORKED_EXAMPLE))
    path = list(sys.path)
    yield
    sys.path[:] = path
    for name in ("canemure_pohjois_karjala", "canemure_pohjois_karjala_team"):
        sys.modules.pop(name, None)


def run_suite(suite_class: type[AdapterConformanceSuite]) -> None:
    """Run a suite the guide defines; its packaging check reads the worked example's project."""
    suite = suite_class()
    for test in [m for m in dir(suite) if m.startswith("test_")]:
        if test != "test_pyproject_declares_the_adapter":  # the guide's block has no file
            getattr(suite, test)()
    if issubclass(suite_class, AdapterTestSuite):
        pyproject = WORKED_EXAMPLE.parent / "pyproject.toml"
        check_packaging(pyproject, suite_class.entry_point, suite_class.region_id)


@pytest.mark.usefixtures("worked_example")
def test_python_blocks_run_and_cover_every_hook() -> None:
    implemented: set[str] = set()
    suites = 0
    python_blocks = blocks("python")
    assert len(python_blocks) >= 10
    for number, source in enumerate(python_blocks, start=1):
        module = run_block(number, source)
        hooks = {
            name
            for name, value in vars(module).items()
            if callable(value) and hasattr(value, f"{hookspecs.NAME}_impl")
        }
        if hooks:
            manager = PluginManager(entry_points=False)
            assert manager.register(module, f"block-{number}"), manager.failures()
            (info,) = manager.plugins()
            assert set(info.hooks) == hooks
            implemented |= hooks
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, AdapterConformanceSuite)
                and value not in (AdapterConformanceSuite, AdapterTestSuite)
            ):
                run_suite(value)
                suites += 1
    assert implemented == set(hook_specs()), "every hook needs a runnable example"
    assert suites == 1


@pytest.mark.usefixtures("worked_example")
def test_sample_report_is_what_canemure_plugins_prints(
    installed: Callable[..., str], tmp_path: Path
) -> None:
    installed(
        "canemure-pohjois-karjala",
        {"pohjois-karjala": "canemure_pohjois_karjala"},
        {},
        version="0.1.0",
    )
    kainuu = create_adapter("canemure-kainuu", "Kainuu", tmp_path / "work")
    source = (kainuu / "src" / "canemure_kainuu" / "__init__.py").read_text(encoding="utf-8")
    installed(
        "canemure-kainuu",
        {"kainuu": "{p}_kainuu"},
        {"{p}_kainuu": source},
        version="0.2.0",
        requires=("canemure>=0.2,<1",),
    )
    manager = PluginManager(
        environ={ALLOW_ENV: "builtin,bundled-data,user-cache,pohjois-karjala,kainuu"}
    )
    (sample,) = [body for body in blocks("text") if body.startswith("canemure ")]
    assert format_plugin_report(manager) == sample.rstrip("\n")


def test_the_template_layout_is_the_one_documented(tmp_path: Path) -> None:
    """Every file ``canemure new-plugin`` writes is named in the guide's layout block."""
    root = create_adapter("canemure-kainuu", "Kainuu", tmp_path)
    (layout,) = [body for body in blocks("text") if body.startswith("canemure-kainuu/")]
    for path in root.rglob("*"):
        if path.is_file():
            assert path.name in layout, f"{path.relative_to(root)} is not in docs/plugins.md"
    conftest = (root / "tests" / "conftest.py").read_text(encoding="utf-8")
    assert conftest.splitlines()[-1] in TEXT  # the documented one-line conftest is the real one


def test_the_files_a_team_ships_are_documented() -> None:
    from canemure.adapters import PACKAGE_FILES, PACKAGE_INVENTORY_FILE, PACKAGE_SYKE_FOLDER
    from canemure.geography.model import (
        COORDINATOR_FIELDS_OPTIONAL,
        COORDINATOR_FIELDS_REQUIRED,
    )
    from canemure.plugins import CooperationGroup
    from canemure.published.factors import FACTOR_FIELDS_OPTIONAL, FACTOR_FIELDS_REQUIRED
    from canemure.published.measures import MEASURE_FIELDS_OPTIONAL, MEASURE_FIELDS_REQUIRED
    from canemure.published.roadmaps import RoadmapInfo
    from canemure.published.targets import TARGET_FIELDS_OPTIONAL, TARGET_FIELDS_REQUIRED

    section = TEXT.split("## An adapter that ships its own data")[1].split("\n## ")[0]
    for names in PACKAGE_FILES.values():
        assert f"`{names[0]}`" in section
    assert f"`{PACKAGE_INVENTORY_FILE}`" in section
    assert f"`{PACKAGE_SYKE_FOLDER}/kunta_<n>.csv`" in section
    for kind, fields in (
        ("targets", (*TARGET_FIELDS_REQUIRED, *TARGET_FIELDS_OPTIONAL)),
        ("measures", (*MEASURE_FIELDS_REQUIRED, *MEASURE_FIELDS_OPTIONAL)),
        ("factors", (*FACTOR_FIELDS_REQUIRED, *FACTOR_FIELDS_OPTIONAL)),
        ("coordinators", (*COORDINATOR_FIELDS_REQUIRED, *COORDINATOR_FIELDS_OPTIONAL)),
        ("roadmap", tuple(a.name for a in attrs.fields(RoadmapInfo) if a.name != "region_id")),
        ("cooperation_group", tuple(a.name for a in attrs.fields(CooperationGroup))),
    ):
        item = section.split(f"- **{kind}**:")[1].split("\n- **")[0].split("\n\n")[0]
        for field in fields:
            assert f"`{field}`" in item, f"{kind}: field {field!r} is not documented"
