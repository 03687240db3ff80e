"""A third party's adapter, installed for real, is discovered and used with no change to core.

The adapter is generated with the scaffold in a temporary folder outside the repository and
installed with pip (``--no-deps --no-build-isolation --target``: a real PEP 517 build and
install that writes the ``*.dist-info`` with ``entry_points.txt``). A fresh interpreter with the
target folder on its path then finds it through the ``canemure`` entry-point group.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from canemure.plugins.scaffold import create_adapter

SRC = Path(__file__).resolve().parents[2] / "src"

PROBE = """
import json
from canemure.plugins import format_plugin_report, get_plugin_manager

manager = get_plugin_manager()
owner = manager.region_plugin("Kajanaland")
print(json.dumps({
    "regions": [r.id for r in manager.regions()],
    "owner": [owner.name, owner.dist, owner.version, owner.value] if owner else None,
    "municipalities": manager.municipalities("kainuu"),
    "failures": [str(f) for f in manager.failures()],
    "report": format_plugin_report(manager),
}))
"""


@pytest.mark.slow
def test_installed_adapter_is_discovered(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="building the adapter needs the hatchling backend")
    root = create_adapter("canemure-kainuu", "Kainuu", tmp_path / "work")
    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "--quiet",
            "--target",
            str(target),
            str(root),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    (dist_info,) = target.glob("canemure_kainuu-0.1.0.dist-info")
    assert (dist_info / "entry_points.txt").read_text(encoding="utf-8").split() == [
        "[canemure]",
        "kainuu",
        "=",
        "canemure_kainuu:ADAPTER",
    ]
    assert (target / "canemure_kainuu" / "data" / "targets.csv").is_file()  # package data ships

    env = {k: v for k, v in os.environ.items() if not k.startswith("CANEMURE_PLUGINS_")}
    env["CANEMURE_PLUGINS_ALLOW"] = "builtin,kainuu"  # other installed adapters stay out
    env["PYTHONPATH"] = os.pathsep.join([str(target), str(SRC)])
    probe = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout)
    assert "kainuu" in found["regions"]
    assert found["owner"] == ["kainuu", "canemure-kainuu", "0.1.0", "canemure_kainuu:ADAPTER"]
    assert found["municipalities"] == ["105", "205", "290", "578", "620", "697", "765", "777"]
    assert found["failures"] == []
    assert "kainuu (canemure-kainuu 0.1.0)  <- canemure_kainuu:ADAPTER" in found["report"]

    blocked = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**env, "CANEMURE_PLUGINS_BLOCK": "kainuu"},
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert json.loads(blocked.stdout)["owner"] is None
