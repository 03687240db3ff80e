"""Errors: builtin bases, messages that quote values, and reporting every problem at once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canemure.errors import (
    CanemureError,
    DataFormatError,
    DataNotAvailableError,
    DownloadError,
    MissingDependencyError,
    PluginError,
    Problem,
    ProblemCollector,
    UnitError,
    UnknownCodeError,
    UnknownNameError,
)


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (UnitError, ValueError),
        (UnknownNameError, LookupError),
        (UnknownCodeError, LookupError),
        (MissingDependencyError, ImportError),
        (DataNotAvailableError, LookupError),
        (DownloadError, OSError),
        (PluginError, RuntimeError),
        (DataFormatError, ValueError),
    ],
)
def test_every_error_is_also_the_builtin_a_caller_would_catch(
    error: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(error, CanemureError)
    assert issubclass(error, builtin)


def test_unknown_code_is_an_unknown_name() -> None:
    assert issubclass(UnknownCodeError, UnknownNameError)


def test_unknown_name_carries_its_suggestions() -> None:
    error = UnknownNameError("region", "Pirkanma", ["Pirkanmaa", "Pohjanmaa"])
    assert (error.kind, error.name, error.suggestions) == (
        "region",
        "Pirkanma",
        ("Pirkanmaa", "Pohjanmaa"),
    )
    assert str(error) == "unknown region 'Pirkanma'; did you mean 'Pirkanmaa', 'Pohjanmaa'?"
    bare = UnknownNameError("sector", "Nuclear")
    assert str(bare) == "unknown sector 'Nuclear'"
    assert bare.suggestions == ()


def test_missing_dependency_names_the_extra() -> None:
    error = MissingDependencyError("openpyxl", "excel", "Reading SYKE's Excel export")
    assert error.package == "openpyxl"
    assert error.extra == "excel"
    assert "pip install 'canemure[excel]'" in str(error)
    assert str(error).startswith("Reading SYKE's Excel export needs the optional package")


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (
            Problem("not a number", "kunta_167.csv", 12, "kt", "1,2,3"),
            "kunta_167.csv, line 12, column 'kt': not a number (value '1,2,3')",
        ),
        (
            Problem("missing column", "a.csv", column="vuosi"),
            "a.csv, column 'vuosi': missing column",
        ),
        (Problem("duplicate row", line=4), "line 4: duplicate row"),
        (Problem("empty file"), "empty file"),
        (Problem("negative", value=-1.5), "negative (value -1.5)"),
        (Problem("zero is a value", value=0), "zero is a value (value 0)"),
    ],
)
def test_problem_says_where_and_quotes_the_value(problem: Problem, text: str) -> None:
    assert str(problem) == text


def test_data_format_error_lists_every_problem() -> None:
    problems = [Problem(f"bad value {i}", "data.csv", line=i + 2, value=str(i)) for i in range(3)]
    error = DataFormatError(problems, "data.csv")
    assert error.problems == tuple(problems)
    assert error.source == "data.csv"
    message = str(error)
    assert message.startswith("3 problems in data.csv:")
    for problem in problems:
        assert f"  - {problem}" in message


def test_data_format_error_from_a_message() -> None:
    error = DataFormatError("bundled inventory has gaps", "canemure/data/x.csv")
    assert str(error) == (
        "1 problem in canemure/data/x.csv:\n  - canemure/data/x.csv: bundled inventory has gaps"
    )
    assert DataFormatError("no source").source is None
    assert str(DataFormatError("no source")).startswith("1 problem in input:")


def test_long_problem_lists_are_truncated_in_the_message_only() -> None:
    n = DataFormatError.max_listed + 7
    error = DataFormatError([Problem(f"p{i}", line=i) for i in range(n)], "big.csv")
    assert len(error.problems) == n
    assert "... and 7 more" in str(error)
    assert f"line {DataFormatError.max_listed - 1}: p" in str(error)
    assert f"line {DataFormatError.max_listed}: p" not in str(error)


def test_collector_raises_nothing_when_clean() -> None:
    problems = ProblemCollector("clean.csv")
    assert not problems
    problems.raise_if_any()


@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=20),
            st.integers(1, 10_000),
            st.sampled_from(["kt", "vuosi", "GWh", None]),
            st.one_of(st.none(), st.text(max_size=10), st.floats(allow_nan=False)),
        ),
        min_size=1,
        max_size=DataFormatError.max_listed,
    )
)
def test_collector_reports_all_problems_at_once(
    found: list[tuple[str, int, str | None, object]],
) -> None:
    collector = ProblemCollector("kunta_091.csv")
    for message, line, column, value in found:
        collector.add(message, line=line, column=column, value=value)
    assert collector
    with pytest.raises(DataFormatError) as err:
        collector.raise_if_any()
    assert len(err.value.problems) == len(found)
    assert err.value.source == "kunta_091.csv"
    text = str(err.value)
    for problem, (message, line, column, value) in zip(err.value.problems, found, strict=True):
        assert (problem.file, problem.line, problem.column, problem.value) == (
            "kunta_091.csv",
            line,
            column,
            value,
        )
        assert problem.message == message
        assert str(problem) in text
        if value is not None:
            assert repr(value) in text


# --- the same errors in Finnish and Swedish (canemure.i18n.describe) ------------------------


def test_keyed_error_is_english_and_keeps_its_parts() -> None:
    from canemure.engine.levels import LevelError

    error = LevelError.keyed("level_per_resident", target="t-1")
    assert str(error) == "t-1 is a per-resident target; levels are totals per area"
    assert (error.key, dict(error.params)) == ("level_per_resident", {"target": "t-1"})
    assert isinstance(error, ValueError)


def test_describe_says_a_keyed_error_in_the_language() -> None:
    from canemure.i18n import describe

    error = DownloadError.keyed(
        "download_failed_after", url="https://x/k.csv", n=1, reason="HTTP 503"
    )
    assert str(error) == "could not download https://x/k.csv after 1 attempt; last error: HTTP 503"
    assert describe(error, "fi") == (
        "tiedoston https://x/k.csv lataus epäonnistui 1 yrityksen jälkeen; "
        "viimeisin virhe: HTTP 503"
    )
    three = DownloadError.keyed("download_failed_after", url="u", n=3, reason="r")
    assert str(three) == "could not download u after 3 attempts; last error: r"
    assert describe(three, "sv") == "det gick inte att hämta u efter 3 försök; senaste felet: r"


def test_describe_keeps_file_line_column_and_value() -> None:
    from canemure.i18n import describe

    problems = ProblemCollector("kunta_167.csv")
    problems.add_keyed("not_a_year", line=4, column="vuosi", value="20x4")
    problems.add("a reader's own words", line=9)
    error = DataFormatError(problems.problems, problems.source)
    assert describe(error, "fi") == (
        "kunta_167.csv: 2 virhettä:\n"
        "  - kunta_167.csv, rivi 4, sarake 'vuosi': ei ole vuosiluku (arvo '20x4')\n"
        "  - kunta_167.csv, rivi 9: a reader's own words"
    )
    assert describe(error, "sv").startswith(
        "kunta_167.csv: 2 fel:\n"
        "  - kunta_167.csv, rad 4, kolumn 'vuosi': inte ett årtal (värde '20x4')"
    )
    assert describe(error, "en") == str(error)


def test_unknown_names_in_finnish_and_swedish() -> None:
    from canemure.i18n import describe

    error = UnknownNameError("region", "Pirkanma", ["Pirkanmaa"])
    assert describe(error, "fi") == "tuntematon maakunta 'Pirkanma'; tarkoititko 'Pirkanmaa'?"
    assert describe(error, "sv") == "okänt landskap 'Pirkanma'; menade du 'Pirkanmaa'?"
    inventory_only = UnknownNameError("municipality (not in this inventory)", "Oulu")
    assert describe(inventory_only, "fi") == "tuntematon kunta (ei näissä päästötiedoissa) 'Oulu'"
    other = UnknownNameError("gas in metric AR6", "CO3")
    assert describe(other, "sv") == "okänd gas in metric AR6 'CO3'"  # kind not in the table


def test_missing_dependency_in_swedish() -> None:
    from canemure.i18n import describe

    error = MissingDependencyError("openpyxl", "excel", "Reading Excel files")
    assert describe(error, "sv") == (
        "Reading Excel files behöver det valfria paketet 'openpyxl'; installera det med: "
        "pip install 'canemure[excel]'"
    )


def test_a_message_pickles_and_is_said_in_the_language() -> None:
    import pickle

    from canemure.errors import Message
    from canemure.i18n import said

    reason = Message("scope_national", target="fi-climate-act-2035", area_level="municipality")
    assert reason.startswith("fi-climate-act-2035 is a national target")
    copy = pickle.loads(pickle.dumps(reason))
    assert copy == reason
    assert copy.key == "scope_national"
    assert "(alueet: kunnat)" in said(copy, "fi")
    assert said("plain text", "fi") == "plain text"


@given(st.integers(min_value=1, max_value=60), st.sampled_from(["a.csv", None]))
def test_english_catalogue_frames_problems_as_str_does(n: int, source: str | None) -> None:
    """The catalogue's English heading and lines are exactly the error's own ``str()``."""
    from canemure.i18n import _format_problems

    problems = [
        Problem.keyed("not_a_year", source, line=i, column="vuosi", value=i) for i in range(n)
    ]
    error = DataFormatError(problems, source)
    assert _format_problems(error, "en") == str(error)


def test_engine_reasons_are_said_in_finnish() -> None:
    """A cumulative sum over years the data lack: the engine's reason, in Finnish."""
    from canemure.engine.levels import LevelError
    from canemure.engine.trajectory import cumulative
    from canemure.i18n import describe
    from canemure.io.bundled import pohjois_karjala

    with pytest.raises(LevelError, match="no figures for 1991, 1992") as info:
        cumulative(pohjois_karjala().to_regions(), 1990, 1993)
    assert describe(info.value, "fi").startswith(
        "kehityspolulta puuttuvat luvut vuosilta 1991, 1992, 1993; kumulatiiviset päästöt"
    )
