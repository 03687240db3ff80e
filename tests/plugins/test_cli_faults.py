"""Each plugin fault kind is visible in ``canemure plugins``, ``region`` and ``baseline``.

The commands run in-process against throwaway installed adapters (see ``conftest.py``) through
a fresh shared plugin manager, as a user's ``canemure`` process would load them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import run

from canemure.plugins import ALLOW_ENV, REGION_ADAPTER_ENV
from canemure.plugins import manager as manager_module
from canemure.plugins.notice import format_plugin_notice
from canemure.plugins.report import PluginFailure, format_failure

from .test_failures import GOOD
from .test_load_faults import manager_with

Install = Callable[..., str]

BROKEN = (
    GOOD
    + """
@hookimpl
def canemure_coordinators(region_id):
    raise ZeroDivisionError("division by zero")

@hookimpl
def canemure_cooperation_group(region_id):
    return CooperationGroup("Kainuun ilmastoryhmä", ()) if region_id == "kainuu" else None

@hookimpl
def canemure_targets(region_id):
    return "40 % by 2030" if region_id == "kainuu" else None

@hookimpl
def canemure_load_inventory(region_id, rule, years):
    raise OSError("kunta_205.csv is missing")
"""
)


@pytest.fixture(autouse=True)
def fresh_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site_dir: Path) -> None:
    """A new shared manager (as in a new process), a private cache, no network."""
    monkeypatch.setattr(manager_module, "_MANAGER", None)
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")
    monkeypatch.setenv(ALLOW_ENV, "builtin,bundled-data,user-cache,t-bad,t-good")
    monkeypatch.delenv(REGION_ADAPTER_ENV, raising=False)


def install_bad(installed: Install, source: str) -> None:
    installed("canemure-bad", {"t-bad": "{p}_bad"}, {"{p}_bad": source}, version="6.6.6")


def test_region_shows_failed_facts_and_keeps_the_valid_ones(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, BROKEN)
    status, out, err = run(capsys, "region", "kainuu")
    assert status == 0
    assert "Region adapter: t-bad (canemure-bad 6.6.6)" in out
    assert "Coordinators:\n  failed\n" in out  # not "not known"
    assert "Targets: failed\n" in out  # not "Targets: 0"
    assert "Cooperation group:\n  Kainuun ilmastoryhmä\n" in out  # the plugin's valid answer
    assert "  failed: canemure_load_inventory" in out
    assert "Adapter failures:\n" in out
    expected = (
        "t-bad (canemure-bad 6.6.6): hook failed in canemure_coordinators for region "
        "'kainuu': raised ZeroDivisionError: division by zero"
    )
    assert f"  {expected}\n" in out
    assert err.startswith("canemure: region adapter problems (3):\n")
    assert f"  {expected}\n" in err
    assert "in canemure_targets for region 'kainuu': must return a sequence" in err
    assert "raised OSError: kunta_205.csv is missing" in err
    assert "  Check: canemure plugins --check kainuu" in err
    assert "switch it off: CANEMURE_PLUGINS_BLOCK=t-bad" in err


def test_region_json_lists_the_failed_hooks(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, BROKEN)
    status, out, err = run(capsys, "region", "kainuu", "--format", "json")
    data = json.loads(out)
    assert status == 0
    assert data["failed_hooks"] == [
        "canemure_coordinators",
        "canemure_load_inventory",
        "canemure_targets",
    ]
    reasons = {f["hook"]: f["reason"] for f in data["failures"]}
    assert reasons["canemure_coordinators"] == "raised ZeroDivisionError: division by zero"
    assert {f["region"] for f in data["failures"]} == {"kainuu"}
    assert data["cooperation_group"]["name"] == "Kainuun ilmastoryhmä"
    assert "canemure_coordinators" in err


def test_the_notice_speaks_the_commands_language(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, BROKEN)
    status, out, err = run(capsys, "region", "kainuu", "--lang", "fi")
    assert status == 0
    assert "Koordinaattorit:\n  epäonnistui\n" in out
    assert "Tavoitteet: epäonnistui\n" in out
    assert err.startswith("canemure: alueiden laajennuksissa ongelmia (3):\n")
    assert "  Tarkista: canemure plugins --check kainuu" in err
    assert "ohita se: CANEMURE_PLUGINS_BLOCK=t-bad" in err


def test_baseline_names_the_failed_inventory_hook(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, BROKEN)
    status, out, err = run(capsys, "baseline", "pohjois-karjala", "--format", "json")
    assert status == 0, err
    json.loads(out)  # the bundled figures still come; stdout stays JSON
    assert (
        "t-bad (canemure-bad 6.6.6): hook failed in canemure_load_inventory for region "
        "'pohjois-karjala': raised OSError: kunta_205.csv is missing"
    ) in err
    assert "canemure plugins --check pohjois-karjala" in err


def test_an_adapter_that_exits_at_import_is_failed_not_none_installed(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, "import sys\nsys.exit(3)\n")
    status, out, err = run(capsys, "region", "kainuu")
    assert status == 0
    assert "Region adapter: failed: t-bad (canemure plugins)" in out
    assert "none installed" not in out
    assert "load failed: importing" in err and "SystemExit: it called sys.exit(3)" in err
    assert "  Check: canemure plugins (adapters loaded and failed)" in err
    status, out, err = run(capsys, "baseline", "pohjois-karjala")
    assert status == 0
    assert "SystemExit: it called sys.exit(3)" in err


def test_text_printed_at_import_stays_out_of_json(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, GOOD + "\nprint('Kainuu adapter ready')\n")
    status, out, err = run(capsys, "baseline", "pohjois-karjala", "--format", "json")
    assert status == 0
    assert json.loads(out)["area"]
    assert "Kainuu adapter ready" not in out
    assert "t-bad (canemure-bad 6.6.6): printed 1 line(s) to standard output" in err
    assert "'Kainuu adapter ready'" in err


def test_plugins_lists_load_registration_and_call_failures(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, "raise RuntimeError('no data folder')\n")
    installed(
        "canemure-odd", {"t-good": "{p}_odd"}, {"{p}_odd": "def canemure_regions():\n  return []\n"}
    )
    status, out, err = run(capsys, "plugins")
    assert status == 1
    assert "t-bad (canemure-bad 6.6.6): load failed: importing" in out
    assert "t-good (canemure-odd 1.0): register failed: implements no canemure hook" in out
    assert err == ""  # the list is the output; no second copy on stderr


def test_plugins_check_reports_each_answer_and_failure(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, BROKEN)
    status, out, err = run(capsys, "plugins", "--check", "Kajanaland")
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == "region kainuu (Kainuu (18)): served by t-bad (canemure-bad 6.6.6)"
    section = lines[lines.index("  canemure_coordinators") + 1]
    assert section == "    t-bad: FAILED: raised ZeroDivisionError: division by zero"
    assert "    t-bad: ok: 8 municipalities" in lines
    assert "    builtin: ok: 8 municipalities" in lines
    assert "    t-bad: ok: Kainuun ilmastoryhmä" in lines
    assert "    t-bad: FAILED: raised OSError: kunta_205.csv is missing" in lines
    assert "  canemure_roadmap\n    no plugin implements it\n" in out
    # 5 rules' inventories + coordinators + targets; 11 calls: 1 + 2 + 1 + 1 + 5 + 1, and the
    # built-in providers (bundled data, user cache) asked for the 5 rules' inventories: 10 more
    assert lines[-1] == "21 answer(s), 7 failed; 0 plugin(s) refused at load"
    assert err == ""
    status, fi, _ = run(capsys, "plugins", "--check", "Kajanaland", "--lang", "fi")
    assert status == 1  # the same answers in Finnish, the adapter's errors quoted as raised
    lines = fi.splitlines()
    assert "    t-bad: ok: ilmoittaa kainuu" in lines and "    builtin: ok: 8 kuntaa" in lines
    at = lines.index("  canemure_coordinators") + 1
    assert (
        lines[at] == "    t-bad: EPÄONNISTUI: nosti poikkeuksen ZeroDivisionError: division by zero"
    )
    assert "    t-bad: ok: Kainuun ilmastoryhmä" in lines
    _, sv, _ = run(capsys, "plugins", "--check", "Kajanaland", "--lang", "sv")
    assert "    t-bad: ok: 8 kommuner" in sv.splitlines()
    assert "    t-bad: MISSLYCKADES: " in sv


def test_plugins_check_of_a_working_adapter_exits_0(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, GOOD)
    status, out, _ = run(capsys, "plugins", "--check", "kainuu")
    assert status == 0
    assert "    t-bad: ok: declares kainuu" in out.splitlines()
    assert out.rstrip().endswith(" 0 failed; 0 plugin(s) refused at load")
    status, _, err = run(capsys, "plugins", "--check", "atlantis")
    assert status == 2
    assert "atlantis" in err


def test_plugins_check_summarises_an_inventory(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (
        GOOD
        + """
@hookimpl
def canemure_load_inventory(region_id, rule, years):
    from canemure.io.bundled import pohjois_karjala
    from canemure.sectors import HINKU

    return pohjois_karjala() if region_id == "pohjois-karjala" and rule == HINKU else None
"""
    )
    install_bad(installed, source)
    status, out, _ = run(capsys, "plugins", "--check", "12")
    assert status == 0
    lines = out.splitlines()
    at = lines.index("  canemure_load_inventory (rule hinku)")
    # the bundled file: the 13 municipalities of region 12, 1990 and 2005 to 2024
    assert lines[at + 1] == "    t-bad: ok: 13 municipalities, years 1990, 2005-2024"
    assert lines[lines.index("  canemure_load_inventory (rule all)") + 1].endswith(
        "had nothing for this region)"
    )


def test_two_adapters_for_one_region_are_reported_and_the_user_chooses(
    installed: Install, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    install_bad(installed, GOOD)
    installed("canemure-good", {"t-good": "{p}_good"}, {"{p}_good": GOOD})
    status, out, err = run(capsys, "region", "kainuu")
    assert status == 0
    assert "Region adapter: t-bad (canemure-bad 6.6.6)" in out
    assert "region 'kainuu' is claimed by t-bad (canemure-bad 6.6.6) and by t-good" in err
    assert "Choose a region's adapter: CANEMURE_REGION_ADAPTER=REGION=NAME" in err
    status, out, _ = run(capsys, "plugins")
    assert "Warnings:\n  t-bad (canemure-bad 6.6.6): region 'kainuu' is claimed by" in out

    monkeypatch.setattr(manager_module, "_MANAGER", None)
    monkeypatch.setenv(REGION_ADAPTER_ENV, "kainuu=t-good")
    status, out, err = run(capsys, "region", "kainuu")
    assert status == 0
    assert "Region adapter: t-good (canemure-good 1.0)" in out
    assert err == ""  # settled by the user: nothing to warn about


def test_a_command_that_asks_no_adapter_loads_none_and_says_nothing(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, "import sys\nsys.exit(3)\n")
    status, _, err = run(capsys, "data", "list")
    assert status == 0
    assert err == ""
    assert manager_module.used_plugin_manager() is None


# --- The failure lines in the user's language ------------------------------------------------


def test_failure_lines_are_finnish_with_the_adapters_error_as_raised(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, BROKEN)
    status, _, err = run(capsys, "region", "kainuu", "--lang", "fi")
    assert status == 0
    assert (
        "  t-bad (canemure-bad 6.6.6): kutsu epäonnistui kohdassa canemure_coordinators alueen "
        "'kainuu' osalta: nosti poikkeuksen ZeroDivisionError: division by zero\n"
    ) in err
    assert "nosti poikkeuksen OSError: kunta_205.csv is missing" in err
    assert "kutsu epäonnistui kohdassa canemure_targets alueen 'kainuu' osalta: " in err
    assert "hook failed" not in err and "raised" not in err and "for region" not in err


def test_failure_lines_are_swedish(installed: Install, capsys: pytest.CaptureFixture[str]) -> None:
    install_bad(installed, BROKEN)
    status, _, err = run(capsys, "region", "kainuu", "--lang", "sv")
    assert status == 0
    assert (
        "  t-bad (canemure-bad 6.6.6): anropet misslyckades i canemure_coordinators för "
        "regionen 'kainuu': gav undantaget ZeroDivisionError: division by zero\n"
    ) in err
    assert "hook failed" not in err


def test_an_exit_at_import_is_reported_in_swedish(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, "import sys\nsys.exit(3)\n")
    status, _, err = run(capsys, "region", "kainuu", "--lang", "sv")
    assert status == 0
    assert "t-bad (canemure-bad 6.6.6): laddningen misslyckades: importen av '" in err
    assert "' gav undantaget SystemExit: det anropade sys.exit(3)\n" in err
    assert "load failed" not in err and "it called" not in err


def test_warning_lines_are_in_the_users_language(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, GOOD)
    installed("canemure-good", {"t-good": "{p}_good"}, {"{p}_good": GOOD})
    status, _, err = run(capsys, "region", "kainuu", "--lang", "fi")
    assert status == 0
    assert (
        "  t-bad (canemure-bad 6.6.6): alueen 'kainuu' ottavat sekä t-bad (canemure-bad 6.6.6) "
        "että t-good (canemure-good 1.0); t-bad palvelee sitä (se rekisteröityi ensin; valitse "
        "toinen: CANEMURE_REGION_ADAPTER=kainuu=<nimi>)\n"
    ) in err
    status, out, _ = run(capsys, "plugins")  # the record itself stays English
    assert "region 'kainuu' is claimed by t-bad (canemure-bad 6.6.6) and by t-good" in out


def test_text_printed_at_import_is_reported_in_swedish(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install_bad(installed, GOOD + "\nprint('Kainuu adapter ready')\n")
    status, _, err = run(capsys, "baseline", "pohjois-karjala", "--lang", "sv")
    assert status == 0
    assert (
        "  t-bad (canemure-bad 6.6.6): skrev 1 rad(er) till standard ut när det laddades "
        "(hålls utanför canemures utdata; den första: 'Kainuu adapter ready')\n"
    ) in err


def test_a_slow_import_is_reported_in_finnish_with_a_decimal_comma(installed: Install) -> None:
    source = "import time\ntime.sleep(0.05)\n" + GOOD.replace("kainuu", "kainuu-s")
    manager = manager_with(installed, source, slow_import_seconds=0.01)
    (warning,) = manager.warnings()
    seconds = re.match(r"took (\d+)\.(\d) s to import", warning.message)
    assert seconds is not None
    line = format_plugin_notice(manager.report(), "fi").splitlines()[1]
    assert line == (
        f"  t-bad (canemure-bad 6.6.6): tuonti kesti {seconds[1]},{seconds[2]} s, ja jokainen "
        "laajennuksilta kysyvä komento odottaa sitä (kerro sen tekijöille; ohita se: "
        "CANEMURE_PLUGINS_BLOCK=t-bad)"
    )


FAILURES = [  # a failure, and the end of its reason: the adapter's words or a host's own reason
    (
        PluginFailure("a", "canemure-a", "1.0", "load", "importing 'a_mod' raised ImportError: no"),
        " 'a_mod' ",
        " ImportError: no",
    ),
    (PluginFailure("a", None, None, "version", "needs canemure>=9"), "", ": needs canemure>=9"),
    (
        PluginFailure("a", None, "2", "validate", "must return regions", "canemure_regions"),
        " canemure_regions",
        ": must return regions",
    ),
    (
        PluginFailure("a", None, None, "hook", "raised ValueError: {x} raised 1", "h", "kainuu"),
        " 'kainuu'",
        " ValueError: {x} raised 1",
    ),
    (
        PluginFailure("a", None, None, "hook", "raised SystemExit: it called sys.exit(2)", "h"),
        " h",
        " sys.exit(2)",
    ),
]


@pytest.mark.parametrize(("failure", "named", "end"), FAILURES, ids=lambda f: str(f)[:20])
def test_the_english_line_is_the_record_and_the_others_quote_the_error(
    failure: PluginFailure, named: str, end: str
) -> None:
    assert format_failure(failure, "en") == str(failure)
    for lang in ("fi", "sv"):
        line = format_failure(failure, lang)
        assert line.startswith(f"{failure.label}: ")
        assert line.endswith(end)
        assert named in line
        assert line != str(failure)
        host_words = line[: -len(end)]
        for english in ("failed", " in ", "for region", "raised", "it called", "importing"):
            assert english not in host_words, (lang, english, line)


def test_a_reason_in_the_hosts_own_words_is_translated() -> None:
    """The host's reasons (here pluggy's refusal of a second plugin of one name) are said in
    the language, as the notice of every command and ``plugins --check`` say them."""
    failure = PluginFailure(
        "a", "canemure-a", None, "register", "the name 'a' is already used by b"
    )
    assert format_failure(failure, "en") == str(failure)
    assert format_failure(failure, "fi") == (
        "a (canemure-a): rekisteröinti hylättiin: nimi 'a' on jo käytössä: b"
    )
    assert format_failure(failure, "sv") == (
        "a (canemure-a): registreringen avvisades: namnet 'a' används redan av b"
    )


def test_a_reason_the_catalogue_does_not_know_is_shown_as_recorded() -> None:
    odd = PluginFailure("a", None, None, "hook", "must return a sequence, got 'x'", "h", "r")
    assert format_failure(odd, "fi") == (
        "a: kutsu epäonnistui kohdassa h alueen 'r' osalta: must return a sequence, got 'x'"
    )
    braces = PluginFailure("a", None, None, "hook", "raised KeyError: '{region}' raised", "h")
    assert format_failure(braces, "sv") == (
        "a: anropet misslyckades i h: gav undantaget KeyError: '{region}' raised"
    )
    exits = PluginFailure("a", None, None, "load", "importing 'm' raised SystemExit: it called x")
    assert format_failure(exits, "fi") == (
        "a: lataus epäonnistui: tuonti 'm' nosti poikkeuksen SystemExit: se kutsui x"
    )
