"""Broken adapters are reported in the user's language: version, register and validate failures.

The host's own words (the stage, the reason it refused the adapter) are said in Finnish or
Swedish; what the adapter itself raised is quoted as raised. Run through ``canemure region``
with ``--lang`` and with ``LANG=fi_FI.UTF-8``, in-process against throwaway installed adapters.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import run

from canemure.plugins import ALLOW_ENV, REGION_ADAPTER_ENV
from canemure.plugins import manager as manager_module
from canemure.plugins.messages import restate_reason

from .test_failures import GOOD, HEADER

Install = Callable[..., str]

WRONG_CODE = (
    HEADER
    + """
@hookimpl
def canemure_regions():
    return [RegionInfo("kainuu-x", gazetteer().region("18").names, "99", source="test")]
"""
)

UNKNOWN_HOOK = (
    HEADER
    + """
@hookimpl
def canemure_weather(region_id):
    return None
"""
)


@pytest.fixture(autouse=True)
def fresh_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site_dir: Path) -> None:
    monkeypatch.setattr(manager_module, "_MANAGER", None)
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")
    monkeypatch.setenv(ALLOW_ENV, "builtin,bundled-data,user-cache,t-new,t-code,t-hook,t-good")
    monkeypatch.delenv(REGION_ADAPTER_ENV, raising=False)
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def install_broken(installed: Install) -> None:
    installed("canemure-good", {"t-good": "{p}_good"}, {"{p}_good": GOOD})
    newer = GOOD.replace("kainuu", "kainuu-n") + "\nCANEMURE_REQUIRES = '>=9'\n"
    installed("canemure-new", {"t-new": "{p}_new"}, {"{p}_new": newer}, version="2.0")
    installed("canemure-code", {"t-code": "{p}_code"}, {"{p}_code": WRONG_CODE}, version="3.0")
    installed("canemure-hook", {"t-hook": "{p}_hook"}, {"{p}_hook": UNKNOWN_HOOK}, version="4.0")


EXPECTED = {
    "fi": [
        "t-new (canemure-new 2.0): versio ei sovi: vaatii canemuren version >=9 "
        "(CANEMURE_REQUIRES), tämä on canemure",
        "t-code (canemure-code 3.0): tietojen tarkistus epäonnistui kohdassa canemure_regions: "
        "alueen 'kainuu-x' maakuntakoodi '99' ei ole Tilastokeskuksen maakuntakoodi",
        "t-hook (canemure-hook 4.0): rekisteröinti hylättiin: toteuttaa tuntemattoman koukun "
        "'canemure_weather'",
        "canemure: alueiden laajennuksissa ongelmia (3):",
    ],
    "sv": [
        "t-new (canemure-new 2.0): versionen passar inte: kräver canemure >=9 "
        "(CANEMURE_REQUIRES), detta är canemure",
        "t-code (canemure-code 3.0): kontrollen av uppgifterna misslyckades i canemure_regions: "
        "regionen 'kainuu-x' har landskapskoden '99', som inte är en landskapskod från "
        "Statistikcentralen",
        "t-hook (canemure-hook 4.0): registreringen avvisades: implementerar en okänd krok "
        "'canemure_weather'",
        "canemure: problem med regionernas tillägg (3):",
    ],
}


@pytest.mark.parametrize("way", ["fi", "sv", "fi-locale"])
def test_refused_adapters_are_reported_in_the_language(
    way: str,
    installed: Install,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    install_broken(installed)
    lang = way.split("-", maxsplit=1)[0]
    if way.endswith("locale"):
        monkeypatch.setenv("LANG", "fi_FI.UTF-8")
        args: list[str] = []
    else:
        args = ["--lang", lang]
    status, out, err = run(capsys, "region", "kainuu", *args)
    assert status == 0
    assert "t-good (canemure-good 1.0)" in out  # the working adapter still serves the region
    for line in EXPECTED[lang]:
        assert line in err
    assert " failed" not in err  # no English stage words left


def test_english_notice_is_the_recorded_text(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_broken(installed)
    _, _, err = run(capsys, "region", "kainuu", "--lang", "en")
    assert "t-new (canemure-new 2.0): version failed: needs canemure >=9 (CANEMURE_REQUIRES)" in err
    assert "register failed: implements unknown hook 'canemure_weather'" in err


def test_several_register_problems_are_said_one_by_one() -> None:
    reason = (
        "implements unknown hook 'a'; canemure_x is a hook wrapper, which canemure does not support"
    )
    assert restate_reason(reason, "fi") == (
        "toteuttaa tuntemattoman koukun 'a'; canemure_x on koukun kääre (hook wrapper), jota "
        "canemure ei tue"
    )
    assert restate_reason("an adapter's own words", "sv") is None
