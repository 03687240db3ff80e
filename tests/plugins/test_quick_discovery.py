"""The quick entry-point discovery finds what ``importlib.metadata`` finds, or steps aside.

``discover`` reads the ``*.dist-info`` folders on ``sys.path`` itself when every distribution
sits in a plain folder (``canemure plugins`` then never imports ``importlib.metadata``; see
tests/test_startup_imports.py), whether or not ``importlib.metadata`` is imported;
``_quick_candidates`` is compared here with importlib's way (``_importlib_candidates``).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from canemure.plugins.loading import (
    Candidate,
    _finish,
    _importlib_candidates,
    _quick_candidates,
    discover,
)

GROUP = "canemure"


def _rows(candidates: list[Candidate]) -> list[tuple[object, ...]]:
    return [
        (c.name, c.value, c.entry_point.group, c.dist, c.version, c.requires) for c in candidates
    ]


def _dist(
    folder: Path,
    stem: str,
    entry_points: str | None,
    metadata: str | None = "Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
    suffix: str = ".dist-info",
) -> Path:
    info = folder / f"{stem}{suffix}"
    info.mkdir(parents=True)
    name, _, version = stem.partition("-")
    if metadata is not None:
        text = metadata.format(name=name, version=version or "0")
        (info / ("METADATA" if suffix == ".dist-info" else "PKG-INFO")).write_text(text)
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)
    return info


def test_the_installed_plugins_are_found_alike() -> None:
    quick = _quick_candidates(GROUP)
    assert quick is not None  # this environment is a plain one
    slow = _finish(_importlib_candidates(GROUP), GROUP)
    assert _rows(_finish(quick, GROUP)) == _rows(slow) == _rows(discover())
    for fast, by_importlib in zip(_finish(quick, GROUP), slow, strict=True):
        assert fast.load() is by_importlib.entry_point.load()
    assert all(c.declared is not None for c in discover() if c.dist != "canemure")  # quick


def test_order_duplicates_comments_and_other_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(
        first,
        "Foo_Bar-1.0",
        "# a comment\n[console_scripts]\nfoo = foo:main\n\n[canemure]\n zz = foo.z:A \nb=foo.b\n",
        "Metadata-Version: 2.1\nName: Foo-Bar\nVersion: 1.0\nRequires-Dist: canemure>=0.1\n"
        "Requires-Dist: x; extra == 'test'\n\nRequires-Dist: not a header\n",
    )
    _dist(second, "foo.bar-2.0", "[canemure]\nzz = other:B\n")  # the same name: hidden
    _dist(second, "alpha-3", "[canemure]\nzz = alpha:C\n[canemurex]\nq = q\n")
    _dist(second, "beta-1", None)  # no entry points at all
    _dist(second, "gamma-1", "[console_scripts]\ng = g:main\n", suffix=".egg-info")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    quick = _quick_candidates(GROUP)
    assert quick is not None
    rows = _rows(_finish(quick, GROUP))
    assert rows == _rows(_finish(_importlib_candidates(GROUP), GROUP)) == _rows(discover())
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("builtin", "canemure.plugins.builtin", "canemure"),
        ("b", "foo.b", "Foo-Bar"),
        ("zz", "foo.z:A", "Foo-Bar"),  # the first folder's Foo-Bar, before alpha: found first
        ("zz", "alpha:C", "alpha"),
    ]
    assert rows[1][5] == ("canemure>=0.1", "x; extra == 'test'")


@pytest.mark.parametrize(
    "layout",
    ["egg-info", "no-name", "requires-txt", "bad-line", "zip", "odd-suffix", "pkg-info-only"],
)
def test_anything_unusual_is_left_to_importlib(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    declared = "[canemure]\nt = t_mod\n"
    if layout == "egg-info":
        _dist(site, "t-1", declared, suffix=".egg-info")
    elif layout == "no-name":
        _dist(site, "t-1", declared, "Metadata-Version: 2.1\nVersion: 1\n")
    elif layout == "requires-txt":
        info = _dist(site, "t-1", declared)
        (info / "requires.txt").write_text("canemure>=9\n")
    elif layout == "bad-line":
        _dist(site, "t-1", "[canemure]\nt = t_mod\n[x]\nno equals here\n")
    elif layout == "zip":
        with zipfile.ZipFile(tmp_path / "site.zip", "w") as archive:
            archive.writestr("t-1.dist-info/entry_points.txt", declared)
        monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "site.zip")])
    elif layout == "odd-suffix":
        _dist(site, "t-1", declared, suffix=".DIST-INFO")
    elif layout == "pkg-info-only":
        info = _dist(site, "t-1", declared)
        (info / "METADATA").rename(info / "PKG-INFO")
    if layout != "zip":
        monkeypatch.setattr(sys, "path", [str(site)])
    assert _quick_candidates(GROUP) is None
    if layout in ("bad-line", "zip"):
        return  # importlib.metadata itself fails on these (a line without '=', no METADATA)
    found = discover()  # importlib's way
    assert _rows(found) == _rows(_finish(_importlib_candidates(GROUP), GROUP))
    assert all(c.declared is None for c in found if c.dist != "canemure")


def test_another_distribution_finder_is_left_to_importlib(monkeypatch: pytest.MonkeyPatch) -> None:
    class Finder:
        def find_spec(self, *args: object) -> None:
            return None

        def find_distributions(self, *args: object) -> list[object]:
            return []

    monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
    assert _quick_candidates(GROUP) is None


def test_a_candidate_needs_an_entry_point_or_its_declaration() -> None:
    with pytest.raises(TypeError, match="entry point"):
        Candidate(None, "d", "1")
    declared = Candidate(None, "d", "1", declared=("n", "canemure.plugins.builtin", GROUP))
    assert (declared.name, declared.value, declared.entry_point.group) == (
        "n",
        "canemure.plugins.builtin",
        GROUP,
    )
    assert declared.load() is sys.modules["canemure.plugins.builtin"]
    broken = Candidate(None, "d", "1", declared=("n", "not a value!", GROUP))
    with pytest.raises(AttributeError):  # importlib's own error for a value it cannot read
        broken.load()
