"""Published records moved to canemure.published: old paths warn, and give the same objects."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from canemure.testing.conformance import ConformanceError, check_imports


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "always::DeprecationWarning", "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        ("canemure.targets", "canemure.published.targets", "Target"),
        ("canemure.measures", "canemure.published.measures", "PublishedMeasure"),
        ("canemure.measures.model", "canemure.published.measures.model", "MeasureStatus"),
        ("canemure.roadmaps", "canemure.published.roadmaps", "RoadmapInfo"),
        ("canemure.factors", "canemure.published.factors", "EmissionFactor"),
    ],
)
def test_old_path_warns_and_is_the_same_module(old: str, new: str, name: str) -> None:
    result = _python(
        f"""
        import {new} as new
        from {old} import {name} as old_name
        print(old_name is new.{name})
        """
    )
    assert result.stdout.strip() == "True"
    assert "DeprecationWarning" in result.stderr
    assert f"{old} moved to {new}" in result.stderr


def test_new_paths_do_not_warn() -> None:
    result = _python(
        """
        from canemure.published import Target, PublishedMeasure, EmissionFactor, RoadmapInfo
        from canemure.published.measures.model import MeasureStatus
        print(Target.__module__)
        """
    )
    assert result.stdout.strip() == "canemure.published.targets"
    assert "DeprecationWarning" not in result.stderr


def test_the_kit_names_old_imports_with_file_line_and_new_path(tmp_path: Path) -> None:
    package = tmp_path / "old_adapter"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from canemure.targets import Target\n"
        "import canemure.measures.model\n"
        "from canemure.plugins.adapter_support import RegionAdapter\n",
        encoding="utf-8",
    )
    for old in ("canemure.targets", "canemure.measures", "canemure.measures.model"):
        sys.modules.pop(old, None)  # an alias made by an earlier test would not warn again
    sys.path.insert(0, str(tmp_path))
    try:
        with pytest.warns(DeprecationWarning, match="moved to"):
            import old_adapter  # type: ignore[import-not-found]

        with pytest.raises(ConformanceError) as info:
            check_imports(old_adapter)
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("old_adapter", None)
    text = str(info.value)
    assert (
        "__init__.py:1: imports canemure.targets, which moved: use canemure.published.targets"
        in text
    )
    assert (
        "imports canemure.measures.model, which moved: use canemure.published.measures.model"
        in text
    )
    assert "imports canemure.plugins.adapter_support, which moved: use canemure.adapters" in text


def test_first_party_adapters_use_the_new_paths() -> None:
    import canemure_pirkanmaa
    import canemure_pohjois_karjala

    check_imports(canemure_pohjois_karjala)
    check_imports(canemure_pirkanmaa.ADAPTER)  # an object of canemure's class: nothing to scan
