"""Everything a coordinator reads is in their language: --help, ``canemure plugins``, and the
adapters' own texts (in the reader's language where the adapter translated them, else marked
with their language)."""

from __future__ import annotations

import argparse
import copy
import os
import subprocess
import sys

import pytest
from cli_support import run

from canemure.cli import help_texts
from canemure.cli.main import EXIT_CODES, build_parser
from canemure.i18n import Text, shown
from canemure.plugins import get_plugin_manager
from canemure.plugins.report import format_plugin_report


def parser_texts(parser: argparse.ArgumentParser) -> list[str]:
    """Every text of the help of ``parser`` and its sub-commands that canemure wrote."""
    found = [parser.description] if parser.description else []
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            found.append(action.help)
        if isinstance(action, argparse._SubParsersAction):
            found.extend(choice.help for choice in action._choices_actions if choice.help)
            for child in action.choices.values():
                found.extend(parser_texts(child))
    return found


ARGPARSE_OWN = {"show this help message and exit", "show program's version number and exit"}


def test_every_help_text_is_catalogued_in_three_languages() -> None:
    texts = set(parser_texts(build_parser())) - ARGPARSE_OWN
    texts |= {"exit status:", *EXIT_CODES.values()}
    assert len(texts) > 60  # the walk found the commands' texts
    missing = sorted(texts - set(help_texts._HELP))
    assert not missing, "help texts without fi/sv/en:\n" + "\n".join(missing)
    for text in texts:
        fi, sv, en = help_texts._HELP[text]
        assert en == text and text not in (fi, sv), text
        assert "%" not in fi + sv  # argparse %-formats help texts


def help_of(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """The help printed, its wrapped lines joined (one space between words)."""
    with pytest.raises(SystemExit) as exit_:
        run(capsys, *args)
    assert exit_.value.code == 0
    return " ".join(capsys.readouterr().out.split())


def test_command_help_in_the_language_of_lang(capsys: pytest.CaptureFixture[str]) -> None:
    sv = help_of(capsys, "baseline", "--help", "--lang", "sv")
    assert "användning: canemure baseline" in sv
    assert "Skriv ut utsläppen per sektor" in sv and "beräkningsregel" in sv
    assert "Print the emissions" not in sv and "accounting rule" not in sv
    assert "(standard: hinku)" in sv and "exempel:" in sv
    fi = help_of(capsys, "macc", "--help", "--lang", "fi")
    assert "rajakustannuskäyrä" in fi and "(oletus: pohjois-karjala)" in fi
    assert fi.count("oletus: pohjois-karjala") == 1  # the text says its default once
    assert "marginal abatement" not in fi
    en = help_of(capsys, "baseline", "--help", "--lang", "en")
    assert "Print the emissions by sector" in en and "(default: hinku)" in en


def test_help_follows_the_locale_with_its_exit_status_table() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "fi_FI.UTF-8"
    command = [sys.executable, "-m", "canemure.cli.main", "--help"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert "käyttö: canemure" in done.stdout and "Alueelliset ilmastotiekartat" in done.stdout
    lines = done.stdout.splitlines()
    assert "paluuarvo:" in lines and "  0    onnistui" in lines
    assert "  130  keskeytetty (Ctrl-C)" in lines
    assert "success" not in done.stdout and "Regional climate" not in done.stdout
    plugins = subprocess.run(
        [sys.executable, "-m", "canemure.cli.main", "plugins"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Ladatut:" in plugins.stdout and "koukut:" in plugins.stdout


def test_plugins_in_finnish_and_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    status, fi, _ = run(capsys, "plugins", "--lang", "fi")
    assert status == 0
    assert fi.startswith("canemure ") and "laajennuksia ladattu" in fi
    assert "Ladatut:" in fi and "[sisäänrakennettu]" in fi and "      maakunnat: pirkanmaa" in fi
    assert "Loaded:" not in fi and "hooks:" not in fi
    _, sv, _ = run(capsys, "plugins", "--lang", "sv")
    assert "Laddade:" in sv and "[inbyggt]" in sv and "      landskap: pirkanmaa" in sv
    _, check, _ = run(capsys, "plugins", "--check", "pirkanmaa", "--lang", "sv")
    assert check.startswith("landskapet pirkanmaa (Birkaland (06)): betjänas av pirkanmaa")
    assert "svar," in check.splitlines()[-1] and "misslyckades" in check.splitlines()[-1]


def test_the_plugin_report_is_what_the_command_prints_in_each_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    manager = get_plugin_manager()
    for lang in ("fi", "sv", "en"):
        status, out, _ = run(capsys, "plugins", "--lang", lang)
        assert status == 0
        assert out.rstrip("\n") == format_plugin_report(manager, lang)
    assert format_plugin_report(manager) == format_plugin_report(manager, "en")
    assert "Loaded:" in format_plugin_report(manager)


def test_a_text_is_shown_translated_or_marked_with_its_language() -> None:
    role = Text("alueellinen koordinaattori", "fi", en="regional coordinator")
    assert role == "alueellinen koordinaattori" and isinstance(role, str)
    assert shown(role, "en") == "regional coordinator"
    assert shown(role, "fi") == "alueellinen koordinaattori"
    assert shown(role, "sv") == "alueellinen koordinaattori (på finska)"
    assert shown(Text("regional coordinator", "en"), "fi") == "regional coordinator (englanniksi)"
    assert shown(Text("regional samordnare", "sv"), "en") == "regional samordnare (in Swedish)"
    assert shown("not declared", "sv") == "not declared"  # a plain str: shown as it is
    copied = copy.deepcopy(role)
    assert isinstance(copied, Text) and copied.translations == role.translations
    assert Text("x", "en", fi=" ").translations == {"en": "x"}  # a blank translation is none


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [
        (("text", "de"), {}, ValueError),
        (("text", "fi"), {"fi": "other"}, ValueError),
        (("text", "fi"), {"sv": 3}, TypeError),
    ],
)
def test_a_text_refuses_a_wrong_language(
    args: tuple[str, str], kwargs: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        Text(*args, **kwargs)  # type: ignore[arg-type]


def test_an_adapters_plain_texts_carry_its_declared_language() -> None:
    from canemure.adapters import RegionAdapter
    from canemure.geography import Coordinator

    adapter = RegionAdapter(
        region_id="kainuu",
        region_code="18",
        coordinating_organisations=(Coordinator("Kainuun liitto", "maakunnan koordinaattori"),),
        cooperation_group_source="test",
        cooperation_group_members=("Kajaanin kaupunki",),
        text_language="fi",
    )
    (coordinator,) = adapter.canemure_coordinators("kainuu") or ()
    assert shown(coordinator.role, "sv") == "maakunnan koordinaattori (på finska)"
    group = adapter.canemure_cooperation_group("kainuu")
    assert group is not None
    assert shown(group.members[0], "en") == "Kajaanin kaupunki (in Finnish)"
    assert shown(group.name, "sv") == "Kajanaland: regional samarbetsgrupp för klimatet (Canemure)"
    with pytest.raises(ValueError, match="text_language"):
        RegionAdapter(region_id="kainuu", region_code="18", data_package="x", text_language="de")
