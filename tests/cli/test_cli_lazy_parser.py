"""``main`` builds only the parser of the sub-command it runs; nothing shown or parsed changes.

A command line whose first word names a sub-command is parsed by a tree holding that
sub-command alone (``build_parser(lang, command_word(words))``): its help, usage, error
messages, defaults and parsed values must be those of the whole tree.
"""

from __future__ import annotations

import argparse
import contextlib
import io
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canemure.cli import main as cli_main
from canemure.cli.main import _ADDERS, build_parser, command_word

LANGS = ("en", "fi", "sv")


def _children(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _tree(parser: argparse.ArgumentParser, prefix: str = "") -> Iterator[tuple[str, str, str]]:
    """Every parser below the top: its name, help and usage."""
    for name, child in _children(parser).items():
        path = f"{prefix} {name}".strip()
        yield path, child.format_help(), child.format_usage()
        yield from _tree(child, path)


def test_the_adders_add_the_names_they_declare_in_the_order_of_the_help() -> None:
    full = build_parser()
    assert list(_children(full)) == [name for _, names in _ADDERS for name in names]
    for _, names in _ADDERS:
        for name in names:
            assert list(_children(build_parser("en", name))) == list(names)


@pytest.mark.parametrize("lang", LANGS)
def test_each_command_alone_has_the_help_and_usage_of_the_whole_tree(lang: str) -> None:
    whole = {path: texts for path, *texts in _tree(build_parser(lang))}
    for name in _children(build_parser(lang)):
        alone = {path: texts for path, *texts in _tree(build_parser(lang, name))}
        assert alone, name
        for path, texts in alone.items():
            assert texts == whole[path], path


def test_the_top_level_help_and_unknown_words_build_every_command() -> None:
    assert command_word(["--help", "baseline"]) is None  # the top-level help lists them all
    assert command_word(["bas", "joensuu"]) is None  # the error lists every choice
    assert command_word([]) is None
    assert command_word(["--lang", "fi", "baseline"]) is None
    assert command_word(["macc", "--help"]) == "macc"
    assert list(_children(build_parser("en", "no-such-command"))) == list(
        _children(build_parser("en"))
    )


def _parse(words: Sequence[str], *, lazy: bool) -> tuple[object, str, str]:
    """What parsing ``words`` gives: the values (or the exit status) and what was printed."""
    lang = cli_main.requested_language(words)
    parser = build_parser(lang, command_word(words) if lazy else None)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = sorted(vars(parser.parse_args(list(words))).items())
        except SystemExit as exit_:
            result = ("exit", exit_.code)
    return result, out.getvalue(), err.getvalue()


WORDS = st.sampled_from(
    [
        *(name for _, names in _ADDERS for name in names),
        "import",
        "download",
        "list",
        "pohjois-karjala",
        "joensuu",
        "x.toml",
        "--help",
        "-h",
        "--version",
        "--lang",
        "fi",
        "sv",
        "xx",
        "--format",
        "json",
        "csv",
        "--years",
        "2007,2024",
        "--rank",
        "change",
        "--check",
        "--scenario",
        "--timeout",
        "-1",
        "--jobs",
        "0",
        "--retries",
        "--region",
        "-o",
        "--output",
        "--bogus",
        "--",
    ]
)


@given(st.lists(WORDS, max_size=6))
def test_any_command_line_parses_alike_with_one_command_or_all(words: list[str]) -> None:
    assert _parse(words, lazy=True) == _parse(words, lazy=False)


@pytest.mark.parametrize(
    "words",
    [
        ["baseline"],
        ["baseline", "joensuu", "--bogus"],
        ["baseline", "joensuu", "--rank", "nope"],
        ["data"],
        ["data", "nope"],
        ["data", "download", "--jobs", "0", "x"],
        ["plugins", "--check"],
        ["macc", "--lang", "fi", "--format", "nope"],
        ["region", "--help"],
        ["compare", "--lang", "sv", "-h"],
        ["new-plugin", "--lang", "fi"],
    ],
)
def test_errors_and_help_of_main_are_unchanged(
    words: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    said = []
    for lazy in (True, False):
        if not lazy:
            monkeypatch.setattr(cli_main, "command_word", lambda words: None)
        with pytest.raises(SystemExit) as exit_:
            cli_main.main(words)
        said.append((exit_.value.code, *capsys.readouterr()))
    assert said[0] == said[1]
    assert said[0][1] or said[0][2]
