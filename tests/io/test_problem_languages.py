"""Every data reader says its problems in Finnish and Swedish, with its English unchanged.

Each reader gets broken input built in ``tmp_path`` in the real layout; every problem it
records must come from the error catalogue (a key), its English text must be what it was, and
its Finnish and Swedish text must leave none of the English words of the message (the data in
it, such as names, codes and file names, aside).
"""

from __future__ import annotations

import math
import os
import re
import sys
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from canemure import i18n
from canemure.errors import DataFormatError, Message, Problem, ProblemCollector
from canemure.io import _csvtools, bundled
from canemure.io.cache import Cache, _parse_entry
from canemure.io.syke_csv import ShortYear, read_syke_csv, read_syke_population
from canemure.io.tidy_csv import TIDY_COLUMNS, read_tidy_csv

LANGS = ("fi", "sv")

_WORD = re.compile(r"[^\W\d_]{3,}")
# words that are the same in every language: names, formats, commands, arguments, flags
_SAME_EVERYWHERE = {
    "alas", "syke", "iamc", "excel", "libreoffice", "utf", "csv", "xlsx", "xls", "fifo",
    "nan", "canemure", "kunta", "asukasluvut", "municipality", "year", "data", "import",
    "download", "files", "size", "kind", "note", "true", "false", "yes", "windows", "latin",
    "chmod", "sha", "tidy", "socket", "hinku", "laskenta", "päästökauppa", "kyllä",
}  # fmt: skip
_SAME_IN = {
    "fi": {"asukas"},  # a header word the message quotes
    "sv": {"asukas", "text", "cell", "program", "per", "export", "total"},  # Swedish words too
}


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _data(value: object) -> Iterable[str]:
    """The texts in a parameter that are data (not translated): all but messages and errors."""
    if isinstance(value, Message):
        for inner in value.params.values():
            yield from _data(inner)
    elif isinstance(value, BaseException):
        yield str(getattr(value, "name", ""))
        yield from (str(s) for s in getattr(value, "suggestions", ()))
        for inner in getattr(value, "params", {}).values():
            yield from _data(inner)
    else:
        yield str(value)


def english_left(problem: Problem, lang: str) -> set[str]:
    """The English words of ``problem``'s message still in its ``lang`` text."""
    assert problem.key is not None, f"not keyed: {problem}"
    said = i18n.error_text(problem.key, lang, **problem.params)
    data = [str(problem.value), *(t for v in problem.params.values() for t in _data(v))]
    english = _words(problem.message) - _words(" ".join(data)) - _SAME_EVERYWHERE - _SAME_IN[lang]
    return english & _words(said)


def check(error: DataFormatError | Sequence[Problem]) -> list[Problem]:
    """Check every problem in both languages; return them (for the English checks)."""
    problems = list(error.problems if isinstance(error, DataFormatError) else error)
    assert problems
    for problem in problems:
        assert problem.key is not None, f"not keyed: {problem}"
        assert problem.message == i18n.error_text(problem.key, "en", **problem.params)
        for lang in LANGS:
            left = english_left(problem, lang)
            assert not left, (lang, left, i18n.error_text(problem.key, lang, **problem.params))
    if isinstance(error, DataFormatError):
        for lang in LANGS:  # the whole error renders, with the line and column said
            text = i18n.describe(error, lang)
            for problem in problems[: error.max_listed]:
                if problem.line is not None:
                    assert i18n.error_text("problem_line", lang, line=problem.line) in text
                if problem.column is not None:
                    assert i18n.error_text("problem_column", lang, column=problem.column) in text
    return problems


def raised(read: Callable[[], object]) -> DataFormatError:
    with pytest.raises(DataFormatError) as excinfo:
        read()
    return excinfo.value


def messages(problems: Iterable[Problem]) -> list[str]:
    return [str(p) for p in problems]


# ----------------------------------------------------------------------------- SYKE CSV
SYKE_HEADER = ("taso_3", "taso_4", "taso_5", "hinku_laskenta", "päästökauppa", "vuosi", "kt",
               "kt_tuuli", "GWh")  # fmt: skip
GOOD = ("Kul", "Kul", "Asu", "TRUE", "FALSE", "2020", "12,5", "12,5", "80,25")


def write_syke(
    path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = SYKE_HEADER, sep: str = ";"
) -> Path:
    lines = [sep.join(header), *(sep.join(r) for r in rows)]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return path


def test_syke_csv_comma_separated_as_in_the_report(tmp_path: Path) -> None:
    path = write_syke(tmp_path / "bad.csv", [GOOD], sep=",")
    (problem,) = check(raised(lambda: read_syke_csv(path, municipality="167")))
    assert problem.message == (
        "a SYKE kunta_<n>.csv file must be semicolon-separated (';'), but its header looks "
        "comma-separated"
    )
    assert "puolipiste" in i18n.error_text(problem.key or "", "fi", **problem.params)


def test_syke_csv_cells_flags_and_sectors(tmp_path: Path) -> None:
    rows = [
        ("Kul", "Kul", "Asu", "TRUE", "FALSE", "2020", "x", "1", "1"),
        ("Kux", "Kul", "Asu", "TRUE", "FALSE", "2020", "1", "1", "1"),
        ("Kul", "Kul", "Pal", "TRUE", "FALSE", "1900", "1", "1", "-1"),
        ("Kul", "Kul", "Asu", "FALSE", "TRUE", "2021", "1", "1", "1"),
        ("Kul", "Kul", "Asu", "maybe", "FALSE", "2022", "1", "1", "1"),
        ("Kul", "Kul", "Asu", "TRUE", "FALSE", "2023", "1e9", "1", "1"),
    ]
    for newline in ("\n", "\r\n"):  # the byte-level path and the row-by-row path
        path = write_syke(tmp_path / "kunta_999.csv", rows)
        path.write_bytes(path.read_bytes().replace(b"\n", newline.encode()))
        problems = check(raised(lambda: read_syke_csv(path)))  # noqa: B023
        keys = {p.key for p in problems}
        assert {"syke_csv_code_unknown", "syke_csv_no_leaf", "csv_not_bool"} <= keys, keys
        if newline == "\n":
            fast = messages(problems)
        else:
            assert messages(problems) == fast


def test_syke_csv_municipality_and_file_problems(tmp_path: Path) -> None:
    path = write_syke(tmp_path / "kunta_091.csv", [GOOD])
    (problem,) = check(raised(lambda: read_syke_csv(path, municipality="167")))
    assert problem.key == "syke_csv_name_conflict"
    assert problem.message.startswith("the file name says municipality 091 (Helsinki)")
    folder = tmp_path / "folder" / "kunta_091.csv"
    folder.mkdir(parents=True)
    (problem,) = check(raised(lambda: read_syke_csv(folder)))
    assert problem.message.endswith(
        "is a folder, not a file; pass the path of a SYKE kunta_<n>.csv file itself "
        "(a file inside the folder)"
    )
    latin = tmp_path / "latin" / "kunta_091.csv"
    latin.parent.mkdir()
    latin.write_bytes(";".join(SYKE_HEADER).encode("latin-1") + b"\n")
    (problem,) = check(raised(lambda: read_syke_csv(latin)))
    assert "re-save it as UTF-8" in problem.message
    blank = tmp_path / "blank" / "kunta_091.csv"
    blank.parent.mkdir()
    blank.write_bytes(b"\n\n")
    check(raised(lambda: read_syke_csv(blank)))
    extra = write_syke(tmp_path / "kunta_167.csv", [(*GOOD, "1")], (*SYKE_HEADER, "kt_tuulli"))
    problems = check(raised(lambda: read_syke_csv(extra)))
    assert any("unexpected column 10; did you mean 'kt_tuuli'?" in m for m in messages(problems))
    one = tmp_path / "one" / "kunta_091.csv"
    one.parent.mkdir()
    one.write_bytes(b"taso_3\nKul\n")
    check(raised(lambda: read_syke_csv(one)))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_special_file(tmp_path: Path) -> None:
    pipe = tmp_path / "kunta_091.csv"
    os.mkfifo(pipe)
    (problem,) = check(raised(lambda: read_syke_csv(pipe)))
    assert "is a named pipe (FIFO), not a regular file" in problem.message


def test_short_year_message() -> None:
    short = ShortYear(year=2021, rows=1, typical_rows=14.0, lacks=tuple("abcdefghijklm"))
    assert str(short) == (
        "year 2021 lists 1 rows where the file's other years list 14; it lacks 13: "
        "a, b, c, d, e, f, g, h, i, j, k, l and 1 more"
    )
    message = short.message()
    problem = Problem.keyed("syke_csv_cut_off", "kunta_091.csv", 40, cut=message)
    check([problem])
    for lang in LANGS:
        assert "more" not in i18n.error_text("syke_csv_cut_off", lang, cut=message)


POP_HEADER = ("kuntanro", "kunta_fi", "kunta_sv", "maakunta_fi", "asukasluku")


def test_syke_population(tmp_path: Path) -> None:
    rows = [("999", "Atlantis", "x", "Uusimaa", "10"),
            ("167", "Joensuu", "Joensuu", "Pohjois-Karjala", "-5"),
            ("167", "Joensuu", "Joensuu", "Pohjois-Karjala", "12,5"),
            ("abc", "Joensuu", "Joensuu", "Pohjois-Karjala", "1"),
            ("091", "Helsinki", "Helsingfors", "Uusimaa", "0"),
            ("092", "Vantaa", "Vanda", "Uusimaa", "99999999")]  # fmt: skip
    path = write_syke(tmp_path / "asukasluvut_2023.csv", rows, POP_HEADER)
    problems = check(raised(lambda: read_syke_population(path)))
    assert len(problems) == 7, messages(problems)
    assert "asukasta" in i18n.describe(raised(lambda: read_syke_population(path)), "fi")
    nameless = write_syke(tmp_path / "list.csv", rows[:1], POP_HEADER)
    check(raised(lambda: read_syke_population(nameless, known_municipalities_only=False)))
    two = write_syke(tmp_path / "asukasluvut_2022.csv", [(*rows[0], "1")],
                     (*POP_HEADER, "väestö"))  # fmt: skip
    problems = check(raised(lambda: read_syke_population(two)))
    assert "syke_csv_population_column" in {p.key for p in problems}


# ----------------------------------------------------------------------------- tidy CSV
TIDY_HEADER = ",".join(TIDY_COLUMNS)


def test_tidy_csv_every_kind_of_bad_line(tmp_path: Path) -> None:
    body = (
        f"{TIDY_HEADER}\n167,Kau,2020,1.0,kt CO2e/a,hinku\n"
        "167,Kul,2020,abc,kt CO2e/a,hinku\n"
        "167,Kul,2021,1e400,kt CO2e/a,hinku\n"
        "167,Kul,2022,1e300,kt CO2e/a,hinku\n"
        "167,Kul,1989,1.0,kt CO2e/a,hinku\n"
        "167,Kul,1.2.3,1.0,kt CO2e/a,hinku\n"
        "167,Kxl,2020,1.0,kt CO2e/a,hinku\n"
        "167,Kau/Kau/Asu,2020,1.0,kt CO2e/a,hinku\n"
        "167,Kul,2020,1.0,kt CO2x/a,hinku\n"
        "167,Kul,2020,1.0,kt CO2e/a,hinkku\n"
        "167,Kul,2020,1.0,GWh/a,hinku\n"
        "167,Kul,2020,1.0,kt CO2e/a,all\n"
        ",Kul,2020,1.0,kt CO2e/a,hinku\n"
        "167,Kul,2023,-1.0,kt CO2e/a,hinku\n"
        "167,Kau,2020,2.0,kt CO2e/a,hinku\n"
        '167,Kul,2024,"1,5",kt CO2e/a,hinku\n'
    )
    seen = []
    for newline in ("\n", "\r\n"):  # LF: by column with numpy; CR LF: row by row with csv
        path = tmp_path / "bad.csv"
        path.write_bytes(body.replace("\n", newline).encode("utf-8"))
        problems = check(raised(lambda: read_tidy_csv(path)))  # noqa: B023
        seen.append(messages(problems))
    assert seen[0] == seen[1]
    assert len(seen[0]) == 18, seen[0]


@pytest.mark.parametrize(
    "body",
    [
        f"{TIDY_HEADER}\n167,Kul,2022\n",
        f"{TIDY_HEADER}\n",
        "\n",
        "area;sector;year;value;unit;rule\n167;Kul;2020;1,5;kt;hinku\n",
        "area,sector,year,value,units\n167,Kul,2020,1.5,kt\n",
    ],
)
def test_tidy_csv_file_problems(tmp_path: Path, body: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    check(raised(lambda: read_tidy_csv(path)))


# ----------------------------------------------------------------------------- SYKE Excel
def build_export(path: Path, **changes: Any) -> Path:
    """A workbook in SYKE's layout (as tests/io/test_syke_excel.py builds it)."""
    openpyxl = pytest.importorskip("openpyxl")
    from canemure.io.syke_excel import SHEET
    from canemure.sectors import sector_hierarchy

    sectors = [s for s in sector_hierarchy().level(3) if s.key != "Tuu"]
    years = changes.get("years", (1990, 2005))
    values = changes.get("values") or [
        [round(1.0 + i + 0.1 * k, 1) for k in range(len(years))] for i in range(13)
    ]
    population = changes.get("population", (50000, 60000))
    totals = changes.get("totals") or [
        round(sum(float(r[k]) for r in values), 1) for k in range(len(years))
    ]
    per_resident = changes.get("per_resident") or [
        round(t * 1000 / p, 2) for t, p in zip(totals, population, strict=True)
    ]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append([changes.get("name", "Joensuu"), *years])
    labels = changes.get("labels") or [s.name("fi") for s in sectors]
    for label, row in zip(labels, values, strict=True):
        sheet.append([label, *row])
    sheet.append(["Päästöhyvitykset", *([None] * len(years))])
    sheet.append(["Yhteensä", *totals])
    sheet.append(["t CO2e / asukas", *per_resident])
    sheet.append(["Asukasluku", *population])
    sheet.append([])
    sheet.append([changes.get("method", "Hinku-laskenta ilman päästöhyvityksiä")])
    for ref, value in changes.get("cells", {}).items():
        sheet[ref] = value
    for ref in changes.get("merged", ()):
        sheet.merge_cells(ref)
    workbook.save(path)
    return path


def test_syke_excel_cells_and_rows(tmp_path: Path) -> None:
    from canemure.io.syke_excel import read_syke_excel

    values: list[list[Any]] = [[1.0, 2.0] for _ in range(13)]
    values[0][1] = "abc"
    values[3][0] = -1.0
    values[4][1] = "NaN"
    values[5][0] = 1e9
    path = build_export(
        tmp_path / "ALas_Kuopio_data.xlsx",
        years=[1989, 2005],
        values=values,
        totals=[5.0, 5.0],
        per_resident=[1.0, 1.0],
        population=[50000, -2],
        method="Jotain muuta",
        labels=["Sähkölämmitys", "Kaukolämpö", *["x"] * 11],
        cells={"E5": 12.0, "B3": "=1+1"},
        merged=["B8:C8"],
    )
    problems = check(raised(lambda: read_syke_excel(path)))
    keys = {p.key for p in problems}
    assert {
        "syke_excel_municipality_conflict",
        "syke_excel_outside_years",
        "syke_excel_formula",
        "syke_excel_merged",
        "syke_excel_unknown_method",
        "syke_excel_wrong_sector",
        "syke_excel_unknown_sector",
        "syke_excel_cell",
        "negative",
        "impossibly_large",
    } <= keys, keys
    assert any("emissions: not a number (value 'abc')" in m for m in messages(problems)), messages(
        problems
    )
    # a cell that holds an infinite number (openpyxl does not write one)
    check([Problem.keyed("syke_excel_not_finite", "x.xlsx", 2, "B2", math.inf, what="emissions")])


def test_syke_excel_population_and_sums(tmp_path: Path) -> None:
    from canemure.io.syke_excel import read_syke_excel

    path = build_export(
        tmp_path / "x.xlsx",
        years=(2019, 2019),
        population=(500, 600.5),
        totals=[1.0, 1.0],
        per_resident=[9.0, 9.0],
    )
    problems = check(raised(lambda: read_syke_excel(path)))
    keys = {p.key for p in problems}
    assert {
        "syke_excel_year_repeats",
        "syke_excel_population_not_whole",
        "syke_excel_total_mismatch",
        "syke_excel_per_resident_mismatch",
    } <= keys, keys
    path = build_export(tmp_path / "y.xlsx", name="Joensu")
    (problem,) = check(raised(lambda: read_syke_excel(path)))
    assert problem.message.endswith("; pass municipality=<code>")
    path = build_export(tmp_path / "z.xlsx", years=(2019, 2020), population=(500, 600))
    (problem,) = check(raised(lambda: read_syke_excel(path)))
    assert problem.key == "syke_excel_population_mismatch"
    path = build_export(tmp_path / "w.xlsx", name=None)
    check(raised(lambda: read_syke_excel(path)))


def test_syke_excel_not_a_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from canemure.io.syke_excel import read_syke_excel

    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    workbook.save(tmp_path / "sheet.xlsx")
    workbook.active.title = "KHK-päästöt"
    workbook.active.append(["Joensuu", 2005])
    workbook.save(tmp_path / "short.xlsx")
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    files = {
        "sheet.xlsx": None,
        "short.xlsx": None,
        "text.xlsx": b"kunta;kt\n",
        "old.xlsx": ole2 + b"\0" * 64,
        "locked.xlsx": ole2 + "EncryptedPackage".encode("utf-16-le"),
        "broken.xlsx": b"PK\x03\x04" + b"\0" * 40,
    }
    for name, data in files.items():
        if data is not None:
            (tmp_path / name).write_bytes(data)
        check(raised(lambda: read_syke_excel(tmp_path / name)))  # noqa: B023
    with zipfile.ZipFile(tmp_path / "sheet.xlsx") as archive:
        assert archive.namelist()  # a real workbook, refused for its sheet only


# ----------------------------------------------------------------------------- IAMC
def test_iamc_tables() -> None:
    pd = pytest.importorskip("pandas")
    from canemure.io.iamc import KYOTO_GASES, read_iamc

    with pytest.raises(DataFormatError) as excinfo:
        read_iamc(pd.DataFrame({"model": ["m"]}), rule="hinku")
    check(excinfo.value)
    rows = {
        "model": ["m", "m2", "m"],
        "scenario": ["s", "s", "s"],
        "region": ["Joensu", "Joensuu", "Joensuu"],
        "variable": [f"{KYOTO_GASES}|Nothing", KYOTO_GASES, KYOTO_GASES],
        "unit": ["kt CO2e/a", "Mt CO2e/a", "kt CO2e/a"],
    }
    frame = pd.DataFrame(rows)
    with pytest.raises(DataFormatError) as excinfo:
        read_iamc(frame, rule="hinku")
    check(excinfo.value)  # no year columns; several models
    frame["2020"] = [1.0, 2.0, 3.0]
    with pytest.raises(DataFormatError) as excinfo:
        read_iamc(frame, rule="hinku", model="nobody")
    check(excinfo.value)
    with pytest.raises(DataFormatError) as excinfo:
        read_iamc(frame[frame["model"] == "m"], rule="hinku")
    problems = check(excinfo.value)
    assert {"iamc_unknown_variable", "iamc_unknown_municipality"} <= {p.key for p in problems}
    assert any("unknown municipality; did you mean Joensuu" in m for m in messages(problems))
    mixed = frame.assign(unit=["kt CO2e/a", "Mt CO2e/a", "kt CO2e/a"], model="m")
    with pytest.raises(DataFormatError) as excinfo:
        read_iamc(mixed, rule="hinku")
    check(excinfo.value)
    strange = frame[frame["model"] == "m"].assign(unit="furlongs per fortnight", region="167")
    with pytest.raises(DataFormatError) as excinfo:
        read_iamc(strange.iloc[1:], rule="hinku")
    check(excinfo.value)
    twice = frame[frame["model"] == "m"].assign(variable=KYOTO_GASES, region="Pohjois-Karjala")
    with pytest.raises(DataFormatError) as excinfo:
        read_iamc(twice, rule="hinku", area_level="region")
    assert {p.key for p in check(excinfo.value)} == {"iamc_duplicate_row"}


# ----------------------------------------------------------------------------- the cache
def test_cache_manifest_entries_and_reasons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "env-cache"))
    problems = ProblemCollector("manifest.json")
    _parse_entry("a.csv", [], problems)
    _parse_entry("b.csv", {"source": 1, "size": -1, "kind": "stolen"}, problems)
    check(problems.problems)
    assert "'kind' must be one of ('download', 'import')" in messages(problems.problems)[-1]

    cache = Cache(tmp_path / "cache")
    cache.store_bytes("syke/a.csv", b"1\n", "here", "import")
    reasons = [cache.problem("syke/b.csv")]
    cache.path_for("syke/a.csv").write_bytes(b"2\n")
    reasons.append(cache.problem("syke/a.csv"))
    cache.path_for("syke/a.csv").unlink()
    reasons.append(cache.problem("syke/a.csv"))
    for reason in reasons:
        assert isinstance(reason, Message), reason
        assert reason.endswith("again to store it anew")
        check([Problem.keyed(reason.key, None, **reason.params)])

    old = Cache(tmp_path / "old")
    old.root.mkdir()
    old.legacy_manifest_path.write_text("{not json", encoding="utf-8")
    check(raised(old._legacy_entries))
    old.legacy_manifest_path.write_text("{}", encoding="utf-8")
    check(raised(old._legacy_entries))


# ----------------------------------------------------------------------------- bundled tables
def test_bundled_table_checks() -> None:
    problems = ProblemCollector("bundled.csv")
    row = {"a": "x", "b": "-1", "c": "inf"}
    assert math.isnan(bundled._number(row, "a", 2, problems))
    assert math.isnan(bundled._number(row, "b", 2, problems))
    assert bundled._yes_no("maybe", 3, "emissions_trading", problems) is False
    bundled._check_factor(10.0, 5.0, 0.5, 4, problems)
    for key, params in [
        ("bundled_field_count", {"found": 3, "header": 5}),
        ("bundled_duplicate_row", {}),
        ("bundled_duplicate_row_first", {"first": 7}),
        ("bundled_name_differs", {}),
        ("bundled_ets_or_duplicate", {}),
        ("bundled_year_note", {}),
        ("bundled_no_alas_mapping", {}),
        ("bundled_one_municipality", {"found": "[('405', '2019'), ('405', '2020')]"}),
        ("bundled_one_total", {"count": 2}),
        ("bundled_not_add_up", {}),
    ]:
        problems.add_keyed(key, line=5, **params)
    found = check(problems.problems)
    assert messages(found)[:4] == [
        "bundled.csv, line 2, column 'a': not a number (value 'x')",
        "bundled.csv, line 2, column 'b': impossible value (value '-1')",
        "bundled.csv, line 3, column 'emissions_trading': expected yes, no or empty "
        "(value 'maybe')",
        "bundled.csv, line 4, column 'implied_emission_factor_kgco2e_per_kwh': implied "
        "emission factor is not emissions / energy (2.0) (value 0.5)",
    ]


# ----------------------------------------------------------------------------- CSV tools
def test_csv_tools_messages(tmp_path: Path) -> None:
    problems = ProblemCollector("t.csv")
    _csvtools.CsvRow(2, {"flag": "perhaps"}).flag("flag", problems)
    assert not _csvtools.check_separator("a|b", ";", problems)
    assert not _csvtools.check_separator("a", "\t", problems)
    _csvtools.match_header(["aera", "sector"], problems, required=["area", "sector"],
                           optional=(), allow_extra=False)  # fmt: skip
    found = check(problems.problems)
    assert messages(found)[:3] == [
        "t.csv, line 2, column 'flag': not a boolean; expected TRUE/FALSE, true/false, 1/0, "
        "yes/no, kyllä/ei or T/F (value 'perhaps')",
        "t.csv, line 1: the file must be semicolon-separated (';'), but its header looks "
        "vertical bar-separated (value 'a|b')",
        "t.csv, line 1: the file must be tab-separated ('\\t'); the header has one column "
        "(value 'a')",
    ]
    with pytest.raises(DataFormatError) as excinfo:
        _csvtools.decode_text(b"a\nYl\xe4\n", "t.csv")
    (problem,) = check(excinfo.value)
    assert problem.message == (
        "the file is not UTF-8 text: byte b'\\xe4' cannot be decoded; expected UTF-8; it looks "
        "like Latin-1/Windows-1252 text (that line would read 'Ylä'): re-save it as UTF-8"
    )
    assert str(_csvtools.impossible_magnitude("emissions", 1e5, "kt CO2e/a")) == (
        "emissions is impossibly large (beyond ±100 000 kt CO2e/a); check the unit and the "
        "decimal mark"
    )


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "kunta_091.csv"
    path.write_bytes(b"x\n")
    path.chmod(0)
    try:
        (problem,) = check(raised(lambda: _csvtools.read_input_bytes(path)))
    finally:
        path.chmod(0o600)
    assert "permission denied" in problem.message
