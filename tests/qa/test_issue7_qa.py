"""QA of issue 7 as a new user meets it: each test shows one rule of the issue that does not hold.

Every test here is ``xfail(strict=True)``: it fails today because of the defect named in its
reason, and turns the suite red (XPASS) once the defect is fixed, so whoever fixes it removes
the marker. The checks are on what a user sees (exit status, standard output and error) or on
counts (files parsed), never on timing.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from cli_support import run
from fake_syke import write_syke_csv

from canemure.io import syke_csv
from canemure.plugins import ALLOW_ENV, REGION_ADAPTER_ENV, hookimpl
from canemure.plugins import manager as manager_module
from canemure.providers import user_cache


@pytest.fixture(autouse=True)
def fresh_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new shared plugin manager, a private cache, no network, nothing parsed yet."""
    monkeypatch.setattr(manager_module, "_MANAGER", None)
    cache = tmp_path / "cache"
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(cache))
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")
    monkeypatch.delenv(REGION_ADAPTER_ENV, raising=False)
    user_cache.clear_parsed()
    return cache


def _import(capsys: pytest.CaptureFixture[str], *paths: Path) -> None:
    status, _, err = run(capsys, "data", "import", *map(str, paths))
    assert status == 0, err


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count read_syke_csv calls by file name."""
    calls: Counter[str] = Counter()
    real = syke_csv.read_syke_csv

    def counting(path: Any, *args: Any, **kwargs: Any) -> Any:
        calls[Path(path).name] += 1
        return real(path, *args, **kwargs)

    monkeypatch.setattr(syke_csv, "read_syke_csv", counting)
    return calls


# --- One source per municipality, visible ------------------------------------------------


def test_region_report_says_sources_disagree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _import(capsys, write_syke_csv(tmp_path / "kunta_167.csv", [2007, 2024]))
    status, out, err = run(capsys, "baseline", "pohjois-karjala")
    assert status == 0 and "disagree" in (out + err)  # baseline does say it
    status, out, err = run(capsys, "region", "pohjois-karjala")
    assert status == 0
    assert "disagree" in out and "disagree" in err


# --- Read once, through one owner --------------------------------------------------------


def test_region_parses_each_cached_file_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _import(capsys, write_syke_csv(tmp_path / "kunta_167.csv", [2007, 2024]))
    user_cache.clear_parsed()
    calls = _count_parses(monkeypatch)
    status, _, _ = run(capsys, "region", "pohjois-karjala")
    assert status == 0
    assert calls == Counter({"kunta_167.csv": 1})


def test_municipality_baseline_parses_only_its_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _import(
        capsys,
        write_syke_csv(tmp_path / "kunta_167.csv", [2007, 2024]),
        write_syke_csv(tmp_path / "kunta_276.csv", [2007, 2024]),
    )
    user_cache.clear_parsed()
    calls = _count_parses(monkeypatch)
    status, _, _ = run(capsys, "baseline", "Joensuu")
    assert status == 0
    assert set(calls) == {"kunta_167.csv"}


# --- Adapter failures in plain sight -------------------------------------------------------


class _FailingCoordinators:
    """An adapter whose canemure_coordinators raises for every region."""

    @hookimpl
    def canemure_coordinators(self, region_id: str) -> None:
        raise ZeroDivisionError("division by zero")


def test_failure_notice_is_in_the_users_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ALLOW_ENV, "builtin,bundled-data,user-cache")
    manager = manager_module.get_plugin_manager()
    assert manager.register(_FailingCoordinators(), "t-bad")
    status, _, err = run(capsys, "region", "kainuu", "--lang", "fi")
    assert status == 0
    assert "t-bad" in err and "canemure_coordinators" in err  # it is reported ...
    assert "hook failed in" not in err  # ... but not in Finnish


def test_region_without_adapter_says_targets_not_known(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "region", "lappi")
    assert status == 0
    assert "Targets: 0" not in out
    assert "Published measures: 0" not in out


# --- The cache and bad input ---------------------------------------------------------------


def test_manifest_that_cannot_be_opened_for_writing_gives_a_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _import(capsys, write_syke_csv(tmp_path / "kunta_167.csv", [2024]))
    real_connect = sqlite3.connect

    class ReadOnlyDisk:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self._conn = conn

        def execute(self, sql: str, *args: Any) -> Any:
            if sql.startswith(("PRAGMA journal_mode", "PRAGMA synchronous")):
                raise sqlite3.OperationalError("unable to open database file")
            return self._conn.execute(sql, *args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._conn, name)

    def connect(database: str, *args: Any, **kwargs: Any) -> Any:
        conn = real_connect(database, *args, **kwargs)
        return conn if "mode=ro" in str(database) else ReadOnlyDisk(conn)

    monkeypatch.setattr(sqlite3, "connect", connect)
    status, _, err = run(
        capsys, "data", "import", str(write_syke_csv(tmp_path / "kunta_276.csv", [2024]))
    )
    assert status != 0
    assert "cache" in err


def test_ctrl_c_in_baseline_gives_status_130(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import canemure.cli.baseline

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(canemure.cli.baseline, "baseline_sources", interrupted)
    try:
        status, _, err = run(capsys, "baseline", "pohjois-karjala")
    except KeyboardInterrupt:  # would end pytest itself
        pytest.fail("KeyboardInterrupt escaped canemure's main (a traceback for the user)")
    assert status == 130
    assert "interrupted" in err


def test_municipality_hint_given_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    renamed = write_syke_csv(tmp_path / "download.csv", [2024])
    status, _, err = run(capsys, "data", "import", str(renamed))
    assert status == 2
    assert "--municipality" in err
    assert err.count("on the command line") == 1


def test_import_says_where_the_municipality_came_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(
        capsys, "data", "import", str(write_syke_csv(tmp_path / "kunta_91.csv", [2024]))
    )
    assert status == 0
    assert "Helsinki" in out and "file name" in out


def test_targets_reader_reports_every_problem_at_once(tmp_path: Path) -> None:
    from canemure.errors import DataFormatError
    from canemure.published.targets import read_targets_file

    path = tmp_path / "targets.csv"
    path.write_text(
        "id,text,value,unit,base_year,target_year,city,source,quote\n"
        "k1,GHG -80 %,80,% reduction,2007,2030,Nowhere,s,q\n"
        "k1,GHG -80 %,80,% reduction,2007,2030,,s,q\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFormatError) as excinfo:
        read_targets_file(path, region_id="kainuu")
    text = str(excinfo.value)
    assert "Nowhere" in text
    assert "duplicate" in text
