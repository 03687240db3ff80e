"""``canemure baseline`` with several areas and ``--rank``, ``canemure regions``, widths.

Hand-checked figures (bundled Pohjois-Karjala HINKU inventory, 2024 against 2007): Joensuu
emits the most in 2024 (275.7 kt; 574.8 kt in 2007, so (275.7 - 574.8) / 574.8 = -52.0 %);
Tohmajärvi the most per resident (64.8 kt / 3 976 residents = 16.298 t); Lieksa cut the most
(-56.9 %).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from cli_support import run

from canemure.geography import gazetteer

CANEMURE_AND_PK = [r.id for r in gazetteer().regions if r.canemure] + ["pohjois-karjala"]


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(cache))
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")
    return cache


def _long_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if len(line) > 100]


def test_seven_canemure_regions_and_pk() -> None:
    assert len(CANEMURE_AND_PK) == 8 and "pirkanmaa" in CANEMURE_AND_PK


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_table_line_fits_100_columns(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    widest = 0
    for region in CANEMURE_AND_PK:
        for args in (
            ["baseline", region, "--years", "1990-2024"],
            ["baseline", region, "--rank", "per-resident"],
            ["region", region],
        ):
            status, out, err = run(capsys, *args, "--lang", lang)
            assert status == 0, (args, err)
            assert not _long_lines(out), (args, _long_lines(out))
            widest = max(widest, *(len(line) for line in out.splitlines()))
    status, out, _ = run(capsys, "regions", "--lang", lang)
    assert status == 0 and not _long_lines(out)
    assert widest > 80  # the tables were wide enough to need the blocks and wrapping


def test_many_years_print_in_blocks_that_repeat_the_sectors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "baseline", "pohjois-karjala", "--years", "2005-2024")
    headers = [line for line in out.splitlines() if line.startswith("Sector ")]
    assert len(headers) > 1  # 20 years do not fit one block
    years = [int(y) for h in headers for y in re.findall(r"\b(\d{4})\b", h)]
    assert years[:20] == list(range(2005, 2025))  # every year once, in order
    assert "Change 2005–2024" in headers[-1]
    assert sum(1 for line in out.splitlines() if line.startswith("Total ")) == len(headers)


def test_several_areas_table_csv_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "baseline", "pohjois-karjala", "joensuu", "--no-plugins")
    assert status == 0
    assert "Baseline emissions: North Karelia" in out and "Baseline emissions: Joensuu" in out
    status, out, _ = run(
        capsys, "baseline", "pohjois-karjala", "joensuu", "--no-plugins", "--format", "json"
    )
    data = json.loads(out)
    assert [d["area"]["code"] for d in data] == ["12", "167"]
    assert data[1]["total"]["values"] == {"2007": 574.8, "2024": 275.7}
    _, out, _ = run(
        capsys,
        "baseline",
        "pohjois-karjala",
        "joensuu",
        "--no-plugins",
        "--format",
        "csv",
        "--lang",
        "fi",
    )
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "aluekoodi",
        "alue",
        "laskentatapa",
        "sektorikoodi",
        "sektori",
        "vuosi",
        "arvo",
        "yksikkö",
        "tila",
    ]
    totals = {(r[0], r[5]): r[6] for r in rows[1:] if r[3] == "total"}
    assert totals == {
        ("12", "2007"): "1686.8",
        ("12", "2024"): "937.2",
        ("167", "2007"): "574.8",
        ("167", "2024"): "275.7",
    }
    assert {r[8] for r in rows[1:] if r[3] == "total"} == {"SYKE:n arvio"}


def test_area_without_data_is_a_partial_failure(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "baseline", "joensuu", "kuopio", "--no-plugins")
    assert status == 1
    assert "Baseline emissions: Joensuu" in out and "Kuopio" not in out
    assert "Kuopio" in err and "1 of 2 areas failed" in err


def test_json_numbers_as_the_source_states_them(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys,
        "baseline",
        "pohjois-karjala",
        "--no-plugins",
        "--format",
        "json",
        "--years",
        "1990-2024",
    )
    assert not re.search(r"\d\.\d{4,}", out)  # no float noise such as 195.69999999999996
    _, out, _ = run(capsys, "baseline", "pohjois-karjala", "--no-plugins", "--format", "json")
    data = json.loads(out)
    electricity = next(s for s in data["sectors"] if s["key"] == "Kul")
    assert electricity["values"]["2007"] == 195.7  # float sum 195.69999999999996 in the inventory
    assert electricity["change_percent"] == -84.6
    assert data["population"]["2024"] == 162091 and isinstance(data["population"]["2024"], int)
    assert data["per_resident"]["values"]["2024"] == 5.782  # 937.2 kt / 162 091, to the kg
    assert data["estimated_by"] == "SYKE"
    assert data["rule"]["name"]["sv"] == "Hinku-beräkning utan utsläppskrediter"


def test_rank_by_each_key(capsys: pytest.CaptureFixture[str]) -> None:
    firsts = {}
    for key in ("total", "per-resident", "change"):
        status, out, _ = run(
            capsys, "baseline", "pohjois-karjala", "--no-plugins", "--rank", key, "--format", "json"
        )
        assert status == 0
        data = json.loads(out)
        rows = data["municipalities"]
        assert [r["rank"] for r in rows] == list(range(1, 14))
        field = {"total": "total", "per-resident": "per_resident", "change": "change_percent"}[key]
        values = [r[field] for r in rows]
        assert values == sorted(values, reverse=key != "change")
        firsts[key] = (rows[0]["name"]["fi"], rows[0][field])
    assert firsts == {
        "total": ("Joensuu", 275.7),
        "per-resident": ("Tohmajärvi", 16.298),
        "change": ("Lieksa", -56.9),
    }
    _, out, _ = run(capsys, "baseline", "pohjois-karjala", "--no-plugins", "--rank", "--lang", "fi")
    assert "Kuntien järjestys: Pohjois-Karjala, järjestetty: päästöt yhteensä" in out
    first = next(line for line in out.splitlines() if line.startswith("1 "))
    assert "Joensuu" in first and "275,7" in first and "−52,0 %" in first


def test_rank_needs_a_region(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "baseline", "joensuu", "--rank", "--no-plugins")
    assert status == 2 and "not a region" in err


def test_regions_lists_19_with_adapters_and_data(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "regions", "--format", "json")
    assert status == 0
    regions = json.loads(out)["regions"]
    assert len(regions) == 19 and sum(r["canemure"] for r in regions) == 7
    by_id = {r["id"]: r for r in regions}
    assert by_id["pohjois-karjala"]["data"]["bundled"]["municipalities"] == 13
    assert by_id["kainuu"]["adapter"] is None and by_id["kainuu"]["data"] == {}
    assert by_id["pirkanmaa"]["adapter"].startswith("pirkanmaa (canemure-pirkanmaa ")
    _, out, _ = run(capsys, "regions", "--format", "csv", "--lang", "sv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["områdeskod", "område", "beräkningsmetod"]
    assert len(rows) == 1 + 19 * 3  # one row per region and kind of source
    _, out, _ = run(capsys, "regions", "--lang", "fi")
    kainuu = next(line for line in out.splitlines() if line.startswith("18 "))
    assert kainuu.split() == ["18", "Kainuu", "-", "-", "-", "-"]


def test_region_profile_marks_each_text_in_another_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An adapter text not in the reader's language carries its language; a translation is used."""
    _, en, _ = run(capsys, "region", "pirkanmaa", "--lang", "en")
    lines = en.splitlines()
    assert "    - Liikenne ja liikkuminen (in Finnish)" in lines
    assert "  Hiilineutraali Pirkanmaa 2030 (in Finnish)" in lines
    assert "  - Council of Tampere Region: regional coordinator" in en  # organisation_en
    assert "(in English)" not in en
    _, sv, _ = run(capsys, "region", "pirkanmaa", "--lang", "sv")
    lines = sv.splitlines()
    assert "  Teman:" in lines and "    - Liikenne ja liikkuminen (på finska)" in lines
    assert "  Birkaland: regional samarbetsgrupp för klimatet (Canemure)" in lines  # translated
    assert "approved by maakuntahallitus 17.11.2020; updated 2024 (på engelska)" in sv
    _, fi, _ = run(capsys, "region", "pirkanmaa", "--lang", "fi")
    lines = fi.splitlines()
    assert "  Teemat:" in lines and "    - Liikenne ja liikkuminen" in lines  # no mark in Finnish
    assert "  Pirkanmaa: alueellinen ilmastoyhteistyöryhmä (Canemure)" in lines
    assert "  - Pirkanmaan liitto: " in fi and "(englanniksi)" in fi
    assert "suomeksi" not in fi


def test_regions_name_failed_adapters() -> None:
    from canemure.cli.regions import RegionData, RegionStatus, render_regions
    from canemure.sectors import HINKU

    kainuu = gazetteer().region("kainuu")
    statuses = (
        RegionStatus(kainuu, 8, None, ("t-bad",), {"user-import": RegionData(2, (2024,), ("c",))}),
    )
    fi = render_regions(statuses, HINKU, "table", "fi")
    row = next(line for line in fi.splitlines() if line.startswith("18 "))
    assert row.split() == ["18", "Kainuu", "epäonnistui:", "t-bad", "-", "2/8", "-"]
    data = json.loads(render_regions(statuses, HINKU, "json"))["regions"][0]
    assert data["failed_adapters"] == ["t-bad"] and data["adapter"] is None
    assert data["data"] == {
        "user-import": {"municipalities": 2, "years": [2024], "providers": ["c"]}
    }
    assert "0 regions have an adapter" in render_regions(statuses, HINKU, "table", "en")


def test_region_profile_as_csv(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "region", "pohjois-karjala", "--format", "csv", "--lang", "sv")
    assert status == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["områdeskod", "avsnitt", "post", "värde"]
    assert ["12", "region", "Norra Karelen", "13"] in rows
    assert ["12", "emission_data_years", "hinku", "1990, 2005-2024"] in rows
    assert ["12", "emission_data_share", "hinku", "1.0"] in rows
