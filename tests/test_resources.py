"""``canemure._resources.package_text`` reads what ``importlib.resources`` reads."""

from __future__ import annotations

import importlib
import sys
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from canemure._resources import package_text


@pytest.mark.parametrize(
    ("package", "parts"),
    [
        ("canemure", ("data", "regions.csv")),
        ("canemure", ("data", "municipalities.csv")),
        ("canemure.units", ("definitions.txt",)),
        ("canemure.reports", ("report.css",)),
    ],
)
def test_package_files_read_as_importlib_resources_reads_them(
    package: str, parts: tuple[str, ...]
) -> None:
    expected = resources.files(package).joinpath(*parts).read_text(encoding="utf-8")
    assert package_text(package, *parts) == expected


def test_a_missing_file_raises_as_importlib_resources_does() -> None:
    with pytest.raises(FileNotFoundError):
        package_text("canemure", "data", "no-such-file.csv")


def test_a_package_in_a_zip_file_is_read_through_importlib_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped_pkg/__init__.py", "")
        zipped.writestr("zipped_pkg/data/x.txt", "zipped text\nsecond line\n")
    monkeypatch.syspath_prepend(str(archive))
    try:
        importlib.import_module("zipped_pkg")
        assert package_text("zipped_pkg", "data", "x.txt") == "zipped text\nsecond line\n"
    finally:
        sys.modules.pop("zipped_pkg", None)


def test_a_package_not_imported_yet_is_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "folder_pkg" / "data").mkdir(parents=True)
    (tmp_path / "folder_pkg" / "__init__.py").write_text("")
    (tmp_path / "folder_pkg" / "data" / "x.txt").write_bytes("å\r\nb\n".encode())
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert package_text("folder_pkg", "data", "x.txt") == "å\nb\n"  # universal newlines
        assert "folder_pkg" in sys.modules
        assert package_text("folder_pkg", "data", "x.txt") == (
            resources.files("folder_pkg").joinpath("data", "x.txt").read_text(encoding="utf-8")
        )
    finally:
        sys.modules.pop("folder_pkg", None)
