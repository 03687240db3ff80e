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
