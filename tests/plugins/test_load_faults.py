"""Faults while an adapter is imported: exit, output, slowness; each reported, none fatal."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from canemure.plugins import ALLOW_ENV, PluginManager, format_plugin_report
from canemure.plugins.notice import format_plugin_notice

from .test_failures import GOOD, KAINUU

Install = Callable[..., str]


def manager_with(installed: Install, bad_source: str, **options: float) -> PluginManager:
    """A good adapter (t-good) and one with ``bad_source`` (t-bad), loaded together."""
    installed("canemure-good", {"t-good": "{p}_good"}, {"{p}_good": GOOD})
    installed("canemure-bad", {"t-bad": "{p}_bad"}, {"{p}_bad": bad_source}, version="6.6.6")
    return PluginManager(environ={ALLOW_ENV: "builtin,t-good,t-bad"}, **options)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import sys\nsys.exit(3)\n", "SystemExit: it called sys.exit(3)"),
        ("raise SystemExit('no config')\n", "SystemExit: it called sys.exit('no config')"),
        ("raise GeneratorExit('odd')\n", "GeneratorExit: odd"),
    ],
    ids=["sys-exit", "system-exit-text", "base-exception"],
)
def test_exit_at_import_is_a_load_failure_not_the_end(
    installed: Install, source: str, expected: str
) -> None:
    manager = manager_with(installed, source)
    (failure,) = manager.failures()
    assert (failure.name, failure.stage) == ("t-bad", "load")
    assert expected in failure.reason
    assert manager.municipalities("kainuu") == KAINUU  # the others load and answer
    assert "t-bad (canemure-bad 6.6.6): load failed" in format_plugin_report(manager)


def test_keyboard_interrupt_at_import_still_stops(installed: Install) -> None:
    manager = manager_with(installed, "raise KeyboardInterrupt\n")
    with pytest.raises(KeyboardInterrupt):
        manager.load()


def test_output_at_import_is_kept_out_of_stdout(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    source = GOOD.replace("kainuu", "kainuu-p") + "\nprint('Loading Kainuu adapter v6...')\n"
    manager = manager_with(installed, source)
    manager.load()
    assert capsys.readouterr().out == ""
    (warning,) = manager.warnings()
    assert (warning.name, warning.kind) == ("t-bad", "output")
    assert "printed 1 line(s) to standard output" in warning.message
    assert "'Loading Kainuu adapter v6...'" in warning.message
    assert manager.failures() == ()
    assert f"Warnings:\n  {warning}" in format_plugin_report(manager)


def test_output_while_registering_is_kept_out_too(
    installed: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    source = GOOD.replace("kainuu", "kainuu-q").replace(
        "    region = gazetteer()", "    print('asked for regions')\n    region = gazetteer()"
    )
    manager = manager_with(installed, source)
    manager.load()
    assert capsys.readouterr().out == ""
    assert [w.kind for w in manager.warnings()] == ["output"]


def test_slow_import_names_the_adapter_and_its_time(installed: Install) -> None:
    source = "import time\ntime.sleep(0.05)\n" + GOOD.replace("kainuu", "kainuu-s")
    manager = manager_with(installed, source, slow_import_seconds=0.01)
    (warning,) = manager.warnings()
    assert (warning.name, warning.kind) == ("t-bad", "slow")
    assert re.match(r"took \d+\.\d s to import", warning.message)
    notice = format_plugin_notice(manager.report(), "en").splitlines()
    assert notice[0] == "canemure: region adapter problems (1):"
    assert notice[1] == f"  {warning}"
    assert notice[-1].endswith("switch it off: CANEMURE_PLUGINS_BLOCK=t-bad")
    assert "CANEMURE_PLUGINS_BLOCK=t-bad" in warning.message
    assert manager.failures() == ()


def test_a_quick_import_is_not_reported(installed: Install) -> None:
    manager = manager_with(installed, GOOD.replace("kainuu", "kainuu-t"))
    assert manager.warnings() == ()
    assert format_plugin_notice(manager.report(), "sv") == ""
