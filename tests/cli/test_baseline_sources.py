"""``canemure baseline``: one source per municipality, named, and disagreements on stderr.

Hand-checked figures: the bundled Pohjois-Karjala HINKU totals are 1686.8 kt (2007) and
937.2 kt (2024). A user import of Joensuu (167) with every HINKU leaf at 0.5 kt sums to
81 x 0.5 = 40.5 kt a year, and replaces Joensuu's whole bundled series, so the region's totals
become 1686.8 - J2007 + 40.5 and 937.2 - J2024 + 40.5, where J is Joensuu's bundled total.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run
from fake_syke import write_syke_csv

from canemure.io.bundled import pohjois_karjala
from canemure.sectors import HINKU


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(cache))
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")
    return cache


def _total(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("Total"))


@pytest.mark.parametrize("plugins", [(), ("--no-plugins",)])
def test_pohjois_karjala_worked_example(
    capsys: pytest.CaptureFixture[str], plugins: tuple[str, ...]
) -> None:
    status, out, err = run(capsys, "baseline", "pohjois-karjala", *plugins)
    assert status == 0
    assert "1,686.8" in _total(out) and "937.2" in _total(out)
    assert "Sources disagree" not in out + err  # the adapter serves the bundled figures


def test_an_import_replaces_its_municipality_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write_syke_csv(tmp_path / "kunta_167.csv", [2007, 2024])
    status, _, _ = run(capsys, "data", "import", str(tmp_path / "kunta_167.csv"))
    assert status == 0
    joensuu = pohjois_karjala().sel(areas=["167"], years=[2007, 2024]).total().magnitude[0, 0]
    assert 0.5 * len(HINKU.leaves()) == 40.5
    status, out, err = run(capsys, "baseline", "pohjois-karjala", "--format", "json")
    assert status == 0
    data = json.loads(out, parse_constant=lambda c: pytest.fail(f"non-standard JSON {c}"))
    assert data["total"]["values"]["2007"] == pytest.approx(1686.8 - joensuu[0] + 40.5)
    assert data["total"]["values"]["2024"] == pytest.approx(937.2 - joensuu[1] + 40.5)
    kinds = {s["municipality"]: (s["kind"], s["provider"]) for s in data["sources"]}
    assert kinds.pop("167") == ("user-import", "user-cache")
    assert set(kinds.values()) == {("adapter", "pohjois-karjala")}
    (gap,) = data["disagreements"]
    assert gap["municipality"] == "167" and gap["set_aside"]["kind"] == "adapter"
    warning = next(line for line in err.splitlines() if "Sources disagree" in line)
    assert warning.startswith("canemure: warning: Sources disagree: Joensuu (167): used user's")
    assert f"{gap['difference']:+.1f}".replace("-", "−") in warning

    status, out, err = run(capsys, "baseline", "joensuu", "--lang", "fi", "--no-plugins")
    assert status == 0
    assert "canemure: varoitus: Lähteet eroavat: Joensuu (167): käytetty käyttäjän tuonti" in err
    assert "käyttäjän tuonti: SYKE" in out and "Lähteet eroavat:" in out


def test_an_unreadable_cached_file_costs_only_its_municipality_and_is_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from canemure.io.cache import Cache

    Cache().store_bytes("syke/Tulokset_taso_5/kunta_167.csv", b"not;a;syke;file\n", "t", "import")
    status, out, err = run(capsys, "baseline", "joensuu", "--format", "json")
    assert status == 0, err
    (warning,) = [line for line in err.splitlines() if line.startswith("canemure: warning:")]
    assert "kunta_167.csv" in warning  # named, once, as a plain line: no traceback
    data = json.loads(out)
    # the user's file is not used, and the report says where Joensuu's figures came from
    kinds = {s["kind"] for s in data["sources"]}
    assert kinds and "user-import" not in kinds  # the adapter's (or bundled) series instead
