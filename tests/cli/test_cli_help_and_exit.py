"""Every command's ``--help``, ``--lang`` from the locale, and the exit codes."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_support import run

from canemure.cli import main as cli_main
from canemure.cli.main import EXIT_CODES, build_parser, default_language


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")


def _commands(
    parser: argparse.ArgumentParser, prefix: str = "canemure"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield prefix, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, f"{prefix} {name}")


def test_every_command_has_a_description_defaults_and_an_example() -> None:
    commands = dict(_commands(build_parser()))
    assert {"canemure baseline", "canemure regions", "canemure data download"} <= set(commands)
    for name, parser in commands.items():
        text = parser.format_help()
        hint = f"{name}: add it with canemure.cli.main.add_command(description=..., example=...)"
        assert parser.description, hint
        assert "example:\n  canemure" in text, hint
        example = text.split("example:\n  ", 1)[1].split("\n", 1)[0]
        assert example.startswith(name), (name, example)  # the example runs this command
        for action in parser._actions:
            has_default = action.default not in (None, False, argparse.SUPPRESS)
            if action.option_strings and has_default and action.help != argparse.SUPPRESS:
                assert f"(default: {action.default})" in " ".join(text.split()), (name, action.dest)


def test_examples_parse() -> None:
    parser = build_parser()
    for name, sub in _commands(parser):
        if sub is parser or any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
            continue
        example = sub.format_help().split("example:\n  ", 1)[1].split("\n", 1)[0]
        args = parser.parse_args(example.split()[1:])
        assert args.run, name


def test_top_level_help_lists_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli_main.main(["--help"])
    assert exit_info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for code, meaning in EXIT_CODES.items():
        assert f"{code} {meaning}" in out


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "fi_FI.UTF-8"}, "fi"),
        ({"LANG": "sv_FI.UTF-8"}, "sv"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANG": "fi_FI.UTF-8", "LC_MESSAGES": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "sv_FI.UTF-8", "LC_MESSAGES": "en_US", "LC_ALL": "fi_FI"}, "fi"),
        ({"LANG": "fi_FI.UTF-8", "LC_ALL": ""}, "fi"),  # empty means not set
    ],
)
def test_language_from_the_locale(env: dict[str, str], expected: str) -> None:
    assert default_language(env) == expected


def test_finnish_locale_gives_finnish_output_and_errors(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fi_FI.UTF-8")
    status, out, _ = run(capsys, "baseline", "joensuu", "--no-plugins")
    assert status == 0 and "Päästöjen lähtötaso: Joensuu" in out
    status, _, err = run(capsys, "baseline", "joensuu", "--no-plugins", "--rules", "all")
    assert status == 3
    assert err.startswith("canemure: virhe: ") and "tietoja puuttuu" in err
    status, out, _ = run(capsys, "baseline", "joensuu", "--no-plugins", "--lang", "en")
    assert "Baseline emissions: Joensuu" in out  # --lang wins over the locale


def test_exit_codes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(capsys, "baseline", "joensuu", "--no-plugins")[0] == 0
    assert run(capsys, "baseline", "Joensu", "--no-plugins")[0] == 2  # bad input
    with pytest.raises(SystemExit) as usage:
        cli_main.main(["baseline", "joensuu", "--format", "pdf"])
    assert usage.value.code == 2
    assert run(capsys, "baseline", "kuopio", "--no-plugins")[0] == 3  # missing data
    assert run(capsys, "baseline", "joensuu", "kuopio", "--no-plugins")[0] == 1  # partial

    def bug(*args: object, **kwargs: object) -> None:
        raise TypeError("unsupported operand")

    monkeypatch.setattr("canemure.cli.baseline.build_baseline", bug)
    status, _, err = run(capsys, "baseline", "joensuu", "--no-plugins", "--lang", "sv")
    assert status == 4
    assert "internt fel: TypeError: unsupported operand" in err
    assert "rapportera det på https://github.com/canemure/canemure/issues" in err

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("canemure.cli.baseline.build_baseline", interrupt)
    status, _, err = run(capsys, "baseline", "joensuu", "--no-plugins")
    assert status == 130 and "interrupted" in err


def test_docs_list_every_exit_status() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
    table = docs.read_text(encoding="utf-8").split("## Exit status", 1)[1]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)}
    assert documented == set(EXIT_CODES)


def test_cli_errors_in_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(
        capsys, "baseline", "joensuu", "--no-plugins", "--years", "2030", "--lang", "fi"
    )
    assert status == 2
    assert "canemure: virhe: --years: ei lukuja vuosille 2030; saatavilla: 1990-2024" in err
    assert "ohje: canemure baseline --help" in err
    status, _, err = run(capsys, "baseline", "joensuu", "--rank", "--no-plugins", "--lang", "sv")
    assert status == 2
    assert "canemure: fel: --rank rangordnar ett landskaps kommuner; Joensuu är inte" in err


@pytest.mark.parametrize("args", [["plugins"], ["baseline", "pohjois-karjala", "--no-plugins"]])
def test_a_reader_that_closed_the_pipe_gets_no_error(tmp_path: Path, args: list[str]) -> None:
    """``canemure ... | head``: the reader closes the pipe; canemure stops quietly (141)."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # no reader at all: the first write or flush finds the pipe closed
    code = f"import sys\nfrom canemure.cli.main import main\nsys.exit(main({args!r}))\n"
    env = {**os.environ, "CANEMURE_CACHE_DIR": str(tmp_path / "cache")}
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 141
