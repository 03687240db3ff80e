"""Problems in published records and team files are said in Finnish and Swedish, English unchanged.

Each reader gets a broken file in its real layout (header of the bundled file, or a team's CSV or
TOML); every problem it reports must carry a catalogue key, its English text must be what it
always was, and the Finnish and Swedish renderings (:func:`canemure.i18n.describe`) must hold
none of the English message's own words (data such as ids, codes and file names stay).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from canemure import i18n
from canemure._resources import read_bundled_csv
from canemure.engine.stakeholders import read_model_roadmap
from canemure.errors import DataFormatError
from canemure.geography.model import read_coordinators_file
from canemure.published import factors as factors_module
from canemure.published.factors import read_factors_file, read_measure_parameters
from canemure.published.measures import read_measures_file
from canemure.published.measures import readers as measure_readers
from canemure.published.measures import relations as relations_module
from canemure.published.targets import (
    _city_rows as target_city_rows,
)
from canemure.published.targets import (
    _national_rows,
    read_targets_file,
)
from canemure.published.targets import (
    _region_rows as target_region_rows,
)

LANGS = ("fi", "sv")
_FIELD = re.compile(r"\{[^{}]*\}|'[^']*'|\[\[[^\]]*\]\]|\w*_\w*|\w*=\w*|\w*\.\w+")


def english_words(key: str) -> set[str]:
    """The words of ``key``'s English entry that are the message's own, not data or names.

    Fields, quoted values, snake_case column names and ``a=b`` settings are left out, and so is
    any word the Finnish or Swedish entry keeps as it is (a column or key name such as
    ``resilience``).
    """
    if key in i18n._ERROR_PLURALS:
        entries = [" ".join(forms) for forms in i18n._ERROR_PLURALS[key]]
    else:
        entries = list(i18n._ERRORS[key])
    fi, sv, en = (_FIELD.sub(" ", text) for text in entries)
    kept = set(re.findall(r"[A-Za-z]+", fi + " " + sv))
    return {w for w in re.findall(r"[A-Za-z]{3,}", en) if w not in kept}


def rendered_problems(error: DataFormatError, lang: str) -> list[str]:
    """Each problem's message in ``lang``, after checking it is in ``describe``'s output."""
    said = i18n.describe(error, lang)
    texts = []
    for problem in error.problems:
        assert problem.key is not None, f"English only: {problem.message!r}"
        text = i18n.error_text(problem.key, lang, **problem.params)
        assert text in said
        texts.append(text)
    return texts


def check_languages(error: DataFormatError, english: set[str]) -> None:
    """English messages exactly ``english``; fi and sv free of the messages' English words."""
    assert {p.message for p in error.problems} == english
    for lang in LANGS:
        for problem, text in zip(error.problems, rendered_problems(error, lang), strict=True):
            assert problem.key is not None
            words = text
            for value in problem.params.values():  # data, said as it is
                words = words.replace(str(value), " ")
            left = {w for w in english_words(problem.key) if re.search(rf"\b{w}\b", words)}
            assert not left, f"{lang}: {text!r} keeps English {left}"
            if problem.key == "as_raised":  # an error of its own, e.g. an unknown name
                assert text != problem.message
                assert not re.search(r"\b(unknown|did you mean)\b", text), text
        head = i18n.describe(error, lang).splitlines()[0]
        assert not re.search(r"\d+ problems? in ", head), head


def raised(read: Callable[[], object]) -> DataFormatError:
    with pytest.raises(DataFormatError) as caught:
        read()
    return caught.value


def bundled_layout(tmp_path: Path, name: str, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Write ``rows`` under the bundled file ``name``'s header; read them back as a reader does."""
    header = list(read_bundled_csv(name)[0])
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, header)
        writer.writeheader()
        writer.writerows(rows)
    with path.open(encoding="utf-8", newline="") as text:
        return list(csv.DictReader(text))


def first_row(name: str, **changes: str) -> dict[str, str]:
    return {**read_bundled_csv(name)[0], **changes}


# --- bundled measures -------------------------------------------------------------------------


def test_region_measures_problems(tmp_path: Path) -> None:
    name = measure_readers.REGION_MEASURES_FILE
    good = first_row(name)
    rows = bundled_layout(
        tmp_path,
        name,
        [
            good,
            good,  # the same id twice
            first_row(
                name,
                measure_id="x2",
                region="Turku (city; Pirkanmaa)",
                sector_alas="Zzz",
                sector_alas_mapping_by="guess",
                has_quantified_effect="maybe",
                has_cost="no",
            ),
            first_row(name, measure_id="x3", region="Atlantis", name_fi="", name_en=""),
        ],
    )
    error = raised(lambda: measure_readers._region_rows(rows, str(tmp_path / name)))
    check_languages(
        error,
        {
            "Turku is in region 'varsinais-suomi'",
            "must be 'yes' or 'no'",
            "disagrees with effect_value",
            "disagrees with cost_value",
            "must start with 'ours' or 'plan'",
            _unknown_error(error, "Zzz"),
            _unknown_error(error, "Atlantis"),
            "a measure needs a Finnish or an English name",
            "duplicate measure id (first on line 2)",
        },
    )


def _unknown_error(error: DataFormatError, name: str) -> str:
    """The English text of the problem that names ``name`` as unknown (as the gazetteer says)."""
    found = {p.message for p in error.problems if p.key == "as_raised" and repr(name) in p.message}
    assert len(found) == 1, (name, [p.message for p in error.problems])
    assert found.pop().startswith("unknown ")
    return next(p.message for p in error.problems if repr(name) in p.message)


def test_city_measures_problems(tmp_path: Path) -> None:
    name = measure_readers.CITY_MEASURES_FILE
    rows = bundled_layout(
        tmp_path,
        name,
        [
            first_row(name, region="Pirkanmaa"),  # Lahti is in Päijät-Häme
            first_row(name, action_id="", name_en="", name_fi="Nimi"),
            first_row(name, action_id="x", name_en="", name_fi=""),
            first_row(name, action_id="y", city="Lahtii"),
        ],
    )
    error = raised(lambda: measure_readers._city_rows(rows, str(tmp_path / name)))
    check_languages(
        error,
        {
            "Lahti is in region 'paijat-hame'",
            "empty action id",
            "a measure needs a Finnish or an English name",
            _unknown_error(error, "Lahtii"),
        },
    )


def test_measure_relations_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = relations_module.RELATIONS_FILE
    good = first_row(name)
    rows = bundled_layout(
        tmp_path,
        name,
        [
            {**good, "file": "towns", "summable": "yes", "reason": " "},
            {**good, "measure": "no_such_measure_*", "aggregate_of": "", "overlaps_with": ""},
        ],
    )
    monkeypatch.setattr(relations_module, "read_bundled_csv", lambda _name: rows)
    relations_module._statements.cache_clear()
    try:
        error = raised(relations_module._statements)
        check_languages(
            error,
            {
                "file must be one of ('regions', 'cities')",
                "summable must be 'no' or empty",
                "every statement needs a reason",
            },
        )
        rows[:] = rows[1:]
        relations_module._statements.cache_clear()
        error = raised(lambda: relations_module.relations_for("regions", ["a", "b"]))
        check_languages(error, {"matches no measure id"})
    finally:
        relations_module._statements.cache_clear()


# --- a team's measures, targets, factors, coordinators ----------------------------------------


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[[str, str], Path]:
    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_team_measures_csv_problems(csv_file: Callable[[str, str], Path]) -> None:
    path = csv_file(
        "measures.csv",
        "id,name_fi,source,quote,city,sector,sector_mapped_by,summable,summable_note,"
        "aggregate_of,overlaps_with\n"
        "m1,Nimi,s,q,Joensuu,Kau,ours,yes,,m1,\n"
        "m1,,s,q,Tampere,Zzz,theirs,perhaps,,,m9\n"
        "m3,Nimi,s,q,Joensu,,,yes,because,,\n",
    )
    error = raised(lambda: read_measures_file(path, region_id="pohjois-karjala"))
    check_languages(
        error,
        {
            "a measure cannot relate to itself",
            "give name_fi or name_en (or both)",
            "must be 'ours' or 'plan'",
            "must be 'yes' or 'no'",
            "is not a municipality of Pohjois-Karjala (12)",
            _unknown_error(error, "Zzz"),
            "duplicate measure id (first at line 2)",
            "summable_note explains summable=no; give both or neither",
            _unknown_error(error, "Joensu"),
            "names a measure id not in this file",
        },
    )


def test_team_measures_toml_problems(csv_file: Callable[[str, str], Path]) -> None:
    table = 'id = "m1"\nname_fi = "Nimi"\nsource = "s"\nquote = "q"\n'
    path = csv_file(
        "measures.toml",
        f"[[measure]]\n{table}\n[[measure]]\n{table}"
        'aggregate_of = "m1"\nyear = 2030\nnotes = 1.5\nsource_url = "x"\n'
        '\n[[measure]]\nid = "m3"\nquote = ""\n\n[other]\nx = 1\n',
    )
    error = raised(lambda: read_measures_file(path, region_id="pohjois-karjala"))
    check_languages(
        error,
        {
            "unknown table; expected only [[measure]] tables",
            "duplicate measure id (first at [[measure]] #1)",
            "must be an array of strings",
            "must be a string or an integer",
            _message_starting(error, "unknown field (known: "),
            _message_starting(error, "unknown field; did you mean 'source'?"),
            "required field is empty",
            "required field is missing",
            "give name_fi or name_en (or both)",
        },
    )


def _message_starting(error: DataFormatError, start: str) -> str:
    found = [p.message for p in error.problems if p.message.startswith(start)]
    assert len(found) == 1, (start, [p.message for p in error.problems])
    return found[0]


def test_team_targets_problems(csv_file: Callable[[str, str], Path]) -> None:
    path = csv_file(
        "targets.csv",
        "id,text,source,quote,city,kind\n"
        "t1,Text,s,q,Joensuu,reduction percent\n"
        "t1,Text,s,q,Tampere,wish\n"
        "t3,Text,s,q,Joensu,\n",
    )
    error = raised(lambda: read_targets_file(path, region_id="pohjois-karjala"))
    allowed = _message_starting(error, "must be one of ")
    assert allowed.startswith("must be one of 'reduction percent', ")
    check_languages(
        error,
        {
            allowed,
            "is not a municipality of Pohjois-Karjala (12)",
            "duplicate target id (first at line 2)",
            _unknown_error(error, "Joensu"),
        },
    )
    toml = 'id = "t1"\ntext = "T"\nsource = "s"\nquote = "q"\n'
    path = csv_file("targets.toml", f"[[target]]\n{toml}\n[[target]]\n{toml}")
    error = raised(lambda: read_targets_file(path, region_id="pohjois-karjala"))
    check_languages(error, {"duplicate target id (first at [[target]] #1)"})


def test_bundled_target_readers_problems(tmp_path: Path) -> None:
    from canemure.published.targets import (
        CITY_TARGETS_FILE,
        NATIONAL_TARGETS_FILE,
        REGION_TARGETS_FILE,
    )

    good = first_row(REGION_TARGETS_FILE)
    rows = bundled_layout(
        tmp_path,
        REGION_TARGETS_FILE,
        [good, good, {**good, "target_id": " "}, {**good, "target_id": "x", "region": "Atlantis"}],
    )
    error = raised(lambda: target_region_rows(rows, REGION_TARGETS_FILE))
    check_languages(
        error,
        {
            f"duplicate target id (first on line {2})",
            "empty target id",
            _unknown_error(error, "Atlantis"),
        },
    )
    rows = bundled_layout(
        tmp_path, CITY_TARGETS_FILE, [first_row(CITY_TARGETS_FILE, city="Lahtii")]
    )
    error = raised(lambda: target_city_rows(rows, CITY_TARGETS_FILE))
    check_languages(error, {_unknown_error(error, "Lahtii")})
    rows = bundled_layout(
        tmp_path,
        NATIONAL_TARGETS_FILE,
        [
            first_row(NATIONAL_TARGETS_FILE, kind="WISH"),
            first_row(NATIONAL_TARGETS_FILE, statement="rumour"),
        ],
    )
    error = raised(lambda: _national_rows(rows, NATIONAL_TARGETS_FILE))
    check_languages(error, {"unknown kind", "must be 'sourced' or 'brief'"})


def test_factors_problems(
    tmp_path: Path, csv_file: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """motiva.fi/ and oil.fi/ have different reliability grades (see test_factors.py)."""
    path = csv_file(
        "factors.csv",
        "name,value,unit,source,quote\n"
        "a,267,g CO2/kWh,motiva.fi/ and oil.fi/ pages,q\n"
        ",267,g CO2/kWh,motiva.fi/ and oil.fi/ pages,q\n",
    )
    error = raised(lambda: read_factors_file(path))
    grades = "source matches several grades ['A (but old)', 'C (industry)']"
    check_languages(error, {grades, "required field is empty"})
    assert sum(p.message == grades for p in error.problems) == 2

    name = factors_module.PARAMETERS_FILE
    rows = bundled_layout(tmp_path, name, [first_row(name, parameter=" ")])
    monkeypatch.setattr(factors_module, "read_bundled_csv", lambda _name: rows)
    read_measure_parameters.cache_clear()
    try:
        error = raised(read_measure_parameters)
    finally:
        read_measure_parameters.cache_clear()
    check_languages(error, {"empty parameter name"})


def test_coordinators_problems(csv_file: Callable[[str, str], Path]) -> None:
    path = csv_file(
        "coordinators.toml",
        '[[coordinator]]\norganisation = "A"\nrole = "r"\nsource = "s"\nweb_pages = ["a.fi"]\n',
    )
    error = raised(lambda: read_coordinators_file(path))
    check_languages(error, {"must be an http(s) URL"})


# --- the team files' own checks ---------------------------------------------------------------


def test_team_csv_file_problems(csv_file: Callable[[str, str], Path]) -> None:
    path = csv_file(
        "targets.csv",
        "id,text,sourse,quote,text,zzz\nt1,T,s,q,T,red\nt2,T,s\n",
    )
    error = raised(lambda: read_targets_file(path, region_id="pohjois-karjala"))
    check_languages(
        error,
        {
            _message_starting(error, "column 3: unknown field; did you mean 'source'? (known: "),
            _message_starting(error, "column 6: unknown field (known: "),
            "duplicate column 5",
            "required column is missing",
            "row has 3 fields, the header has 6",
        },
    )
    nul = csv_file("nul.csv", "id,text\nt\x001,T\n")
    check_languages(
        raised(lambda: read_targets_file(nul, region_id="pohjois-karjala")),
        {"the file holds a NUL byte: not a text CSV file"},
    )
    blank = csv_file("blank.csv", "\nid,text\n")
    check_languages(
        raised(lambda: read_targets_file(blank, region_id="pohjois-karjala")),
        {"the file is empty or its first line is blank; expected a header"},
    )


def test_team_file_kinds_and_toml_problems(
    tmp_path: Path, csv_file: Callable[[str, str], Path]
) -> None:
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    check_languages(
        raised(lambda: read_targets_file(folder, region_id="pohjois-karjala")),
        {"is a folder, not a file"},
    )
    text = csv_file("targets.txt", "id\n")
    check_languages(
        raised(lambda: read_targets_file(text, region_id="pohjois-karjala")),
        {f"expected a .csv or .toml file, got {str(text)!r}"},
    )
    broken = csv_file("targets.toml", "[[target]\n")
    error = raised(lambda: read_targets_file(broken, region_id="pohjois-karjala"))
    (message,) = (p.message for p in error.problems)
    assert message.startswith("not valid TOML: ")
    check_languages(error, {message})
    tables = csv_file("tables.toml", 'target = "t"\n')
    check_languages(
        raised(lambda: read_targets_file(tables, region_id="pohjois-karjala")),
        {"must be an array of tables, [[target]]"},
    )


def test_team_toml_table_file_kind() -> None:
    from canemure._team_files import read_toml_table

    error = raised(lambda: read_toml_table("group.csv"))
    check_languages(error, {"expected a .toml file, got 'group.csv'"})


# --- model roadmaps (stakeholders) ------------------------------------------------------------


def test_model_roadmap_problems(tmp_path: Path) -> None:
    from canemure.engine.stakeholders import MODEL_ROADMAPS_FILE

    header = list(read_bundled_csv(MODEL_ROADMAPS_FILE)[0])
    good = first_row(MODEL_ROADMAPS_FILE)
    path = tmp_path / "roadmap.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerow(
            [
                {
                    "impact_stars": "6",
                    "resilience": "x",
                    "source_regions": "ZZ",
                    "measure_fi": "",
                    "tasks_fi": "",
                }.get(column, good[column])
                for column in header
            ]
        )
        writer.writerow([good[header[0]]])  # a short row: its other columns are missing
    error = raised(lambda: read_model_roadmap(path))
    missing = _message_starting(error, "missing columns [")
    check_languages(
        error,
        {
            "stars must be 1-5",
            "resilience is '#' or empty",
            _message_starting(error, "unknown region abbreviation (known: "),
            "a row needs a measure or tasks",
            missing,
        },
    )
    short = tmp_path / "short.csv"
    short.write_text("theme_fi,theme_en\nA,B\n", encoding="utf-8")
    error = raised(lambda: read_model_roadmap(short))
    (message,) = (p.message for p in error.problems)
    assert str(error).endswith(f"  - {short}: {message}")
    assert message.startswith("missing columns ['measure_fi', ")
    check_languages(error, {message})


# --- a cooperation group's and a roadmap's team files -----------------------------------------


def test_cooperation_group_problems(csv_file: Callable[[str, str], Path]) -> None:
    from canemure.adapters import read_cooperation_group_file

    path = csv_file(
        "cooperation_group.toml",
        'members = "a"\nmeetings_per_year = true\nsource = ""\nchair = "x"\n',
    )
    error = raised(lambda: read_cooperation_group_file(path))
    check_languages(
        error,
        {
            "must be a list",
            "must be a int",
            "must not be empty",
            "required key is missing",
            _message_starting(error, "unknown key (known: name, source, "),
        },
    )
    path = csv_file(
        "group.toml", 'name = "n"\nsource = "s"\nmembers = [" "]\nmeetings_per_year = 0\n'
    )
    check_languages(
        raised(lambda: read_cooperation_group_file(path)),
        {"must hold non-empty strings", "must be at least 1"},
    )


def test_roadmap_file_problems(csv_file: Callable[[str, str], Path]) -> None:
    from canemure.published.roadmaps import read_roadmap_file

    path = csv_file(
        "roadmap.toml",
        'titel = "x"\napproved = "2020"\nthemes = [1]\nsource = ""\ntitle = 1\n'
        "themes_complete = 1\n",
    )
    error = raised(lambda: read_roadmap_file(path, region_id="pirkanmaa"))
    check_languages(
        error,
        {
            "unknown key",
            "missing key",
            "approved must be a date",
            "themes must be an array of strings",
            "source must not be empty",
            "title must be a string",
            "themes_complete must be a boolean",
        },
    )
