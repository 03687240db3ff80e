"""Errors reach the user in their language: ``--lang fi``, ``--lang sv`` or ``LANG=fi_FI.UTF-8``.

Each kind of mistake a coordinator makes (an area name mistyped, a bad line in a file, a
missing or wrong option, a broken scenario, a target that gives no level) is run through the
command line in Finnish and Swedish, and by the locale alone. The message must be in that
language and still name what the user has to find: the file, line, field (column or key) and
value. English stays as it was (``str()`` of the library's errors).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run
from fake_syke import syke_csv_text

# How a test asks for a language: command-line arguments and the locale.
WAYS = {
    "fi": (["--lang", "fi"], "C.UTF-8"),
    "sv": (["--lang", "sv"], "C.UTF-8"),
    "fi-locale": ([], "fi_FI.UTF-8"),
    "en": (["--lang", "en"], "fi_FI.UTF-8"),  # --lang wins over the locale
}


@pytest.fixture(params=list(WAYS))
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[str]]:
    """``(language, arguments)``; the locale is set as the way says."""
    args, locale = WAYS[request.param]
    monkeypatch.setenv("LANG", locale)
    return request.param.split("-")[0], args


def said(lang: str, fi: str, sv: str, en: str) -> str:
    return {"fi": fi, "sv": sv, "en": en}[lang]


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CANEMURE_OFFLINE", "1")


def test_unknown_area(way: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    lang, args = way
    status, out, err = run(capsys, "baseline", "Joensuuu", "--no-plugins", *args)
    assert status == 2
    assert out == ""
    unknown = said(
        lang,
        "tuntematon maakunta tai kunta",
        "okänt landskap eller kommun",
        "unknown region or municipality",
    )
    hint = said(lang, "tarkoititko", "menade du", "did you mean")
    error = said(lang, "virhe", "fel", "error")
    assert err.startswith(f"canemure: {error}: {unknown} 'Joensuuu'; {hint} 'Joensuu'")
    assert said(lang, "ohje:", "hjälp:", "help:") + " canemure baseline --help" in err


def test_bad_lines_of_a_file(
    way: tuple[str, list[str]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lang, args = way
    lines = syke_csv_text([2007, 2024]).split("\n")
    lines[2] = lines[2].replace("0,5;", "x,5;", 1)  # line 3: kt is not a number
    lines[4] = lines[4].replace(";Kul;Kul;", ";Kux;Kul;", 1)  # line 5: unknown sector
    bad = tmp_path / "kunta_167.csv"
    bad.write_text("\n".join(lines), encoding="utf-8")
    status, _, err = run(capsys, "data", "import", str(bad), *args)
    assert status == 2
    line, column, value = (
        said(lang, "rivi", "rad", "line"),
        said(lang, "sarake", "kolumn", "column"),
        said(lang, "arvo", "värde", "value"),
    )
    assert (
        f"{bad}, {line} 3, {column} 'kt': "
        + said(lang, "ei ole luku", "inte ett tal", "not a number")
        + f" ({value} 'x,5')"
        in err
    )
    assert (
        f"{bad}, {line} 5, {column} 'taso_3': "
        + said(
            lang,
            "tuntematon tason 3 sektorilyhenne; tarkoititko 'Kul'",
            "okänd sektorförkortning på nivå 3; menade du 'Kul'",
            "unknown sector abbreviation at level 3; did you mean 'Kul'",
        )
        in err
    )
    # the heading counts the problems with the right grammar
    assert said(lang, "2 virhettä", "2 fel", "2 problems") in err


def test_missing_argument(way: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    lang, args = way
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "baseline", *args)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(said(lang, "käyttö: ", "användning: ", "usage: ") + "canemure baseline")
    required = said(
        lang,
        "nämä pakolliset argumentit puuttuvat",
        "följande argument krävs",
        "the following arguments are required",
    )
    assert f"canemure baseline: {said(lang, 'virhe', 'fel', 'error')}: {required}: AREA\n" in err


def test_invalid_choice(way: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    lang, args = way
    with pytest.raises(SystemExit):
        run(capsys, "baseline", "joensuu", "--format", "xml", *args)
    err = capsys.readouterr().err
    invalid = said(
        lang,
        "argumentti --format: virheellinen valinta: 'xml' (vaihtoehdot: ",
        "argument --format: ogiltigt val: 'xml' (välj bland ",
        "argument --format: invalid choice: 'xml' (choose from ",
    )
    assert invalid + "'table', 'csv', 'json', 'xlsx')" in err


def test_unknown_command_and_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(capsys, "bogus", "--lang", "sv")
    assert "argument COMMAND: ogiltigt val: 'bogus' (välj bland 'baseline'" in (
        capsys.readouterr().err
    )
    with pytest.raises(SystemExit):
        run(capsys, "baseline", "joensuu", "--lang=fi", "--colour")
    assert "canemure: virhe: tuntemattomat argumentit: --colour\n" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run(capsys, "baseline", "joensuu", "--lang", "fi", "--timeout", "soon")
    assert "argumentti --timeout: ei ole sekuntimäärä: 'soon'" in capsys.readouterr().err


def test_help_words(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "baseline", "--help")
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("användning: canemure baseline")
    assert "\npositionella argument:\n" in out
    assert "\nflaggor:\n" in out
    assert "visa den här hjälptexten och avsluta" in out
    assert "(standard: hinku)" in out
    assert "\nexempel:\n  canemure baseline" in out


SCENARIO_WITH_PROBLEMS = """\
[scenario]
name = "Testi"
area = "Pohjois-Karjalaa"
end_year = "2050"
colour = "red"
"""


def test_scenario_problems(
    way: tuple[str, list[str]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lang, args = way
    file = tmp_path / "skenaario.toml"
    file.write_text(SCENARIO_WITH_PROBLEMS, encoding="utf-8")
    status, out, err = run(capsys, "roadmap", "--scenario", str(file), "--no-plugins", *args)
    assert status == 2
    assert out == ""
    line, column, value = (
        said(lang, "rivi", "rad", "line"),
        said(lang, "sarake", "kolumn", "column"),
        said(lang, "arvo", "värde", "value"),
    )
    assert (
        said(
            lang,
            "Skenaariotiedostossa on virheitä",
            "Scenariofilen innehåller fel",
            "The scenario file has problems",
        )
        in err
    )
    assert said(lang, f"{file}: 3 virhettä:", f"{file}: 3 fel:", f"3 problems in {file}:") in err
    expected = [
        f"{file}, {line} 5, {column} 'scenario.colour': "
        + said(lang, "tuntematon avain 'colour'", "okänd nyckel 'colour'", "unknown key 'colour'"),
        f"{file}, {line} 4, {column} 'scenario.end_year': "
        + said(lang, "odotettiin kokonaislukua", "förväntade ett heltal", "expected a whole number")
        + f" ({value} '2050')",
        f"{file}, {line} 3, {column} 'scenario.area': "
        + said(
            lang,
            "tuntematon maakunta tai kunta 'Pohjois-Karjalaa'; tarkoititko 'Pohjois-Karjala'",
            "okänt landskap eller kommun 'Pohjois-Karjalaa'; menade du 'Pohjois-Karjala'",
            "unknown region or municipality 'Pohjois-Karjalaa'; did you mean 'Pohjois-Karjala'",
        ),
    ]
    for text in expected:
        assert text in err


SCENARIO_WITHOUT_LEVEL = """\
[scenario]
name = "No level"
area = "Pohjois-Karjala"
accounting = "hinku"
end_year = 2035

[projection]
method = "constant"

[[target]]
id = "own-1980"
year = 2030
reduction = "50 %"
base_year = 1980
source = "a test"
"""


def test_target_without_a_level(
    way: tuple[str, list[str]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lang, args = way
    file = tmp_path / "no-level.toml"
    file.write_text(SCENARIO_WITHOUT_LEVEL, encoding="utf-8")
    status, out, err = run(capsys, "roadmap", "--scenario", str(file), "--no-plugins", *args)
    assert status == 2
    assert out == ""
    reason = said(
        lang,
        "own-1980: perusvuotta 1980 ei ole päästötiedoissa (1990-2035, 32 vuotta)",
        "own-1980: basåret 1980 finns inte i utsläppsdata (1990-2035, 32 år)",
        "own-1980: the base year 1980 is not an inventory year (1990-2035, 32 years)",
    )
    assert err.startswith(f"canemure: {said(lang, 'virhe', 'fel', 'error')}: {reason}\n")


def test_roadmap_target_lines_in_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "roadmap", "--no-plugins", "--lang", "sv")
    assert status == 0
    assert "  fi-hinku-80 (2030, källa angiven; inom tillämpningsområdet)\n" in out
    assert "sourced" not in out
    assert "scope" not in out


def test_missing_data_offline(
    way: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    lang, args = way
    status, _, err = run(capsys, "baseline", "Inari", "--no-plugins", *args)
    assert status == 3
    expected = said(
        lang,
        "alueelle Inari (148)",
        "för Inari (148) i canemures egna data",
        "figures for Inari (148) in the bundled data",
    )
    rule = said(
        lang,
        "(Hinku-laskenta ilman päästöhyvityksiä)",
        "inga värden (Hinku-beräkning utan utsläppskrediter)",
        "no HINKU calculation without credits figures",
    )
    assert expected in err
    assert rule in err


def test_library_errors_stay_english() -> None:
    """``str()`` of an error is English whatever the locale; only the command line says it."""
    from canemure.errors import UnknownNameError
    from canemure.geography import resolve_area

    with pytest.raises(UnknownNameError) as info:
        resolve_area("Joensuuu")
    assert str(info.value).startswith("unknown region or municipality 'Joensuuu'")


def test_damaged_cache_warning_in_the_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "damaged-cache"
    monkeypatch.setenv("CANEMURE_CACHE_DIR", str(cache))
    file = tmp_path / "kunta_405.csv"
    file.write_text(syke_csv_text([2007, 2024]), encoding="utf-8")
    assert run(capsys, "data", "import", str(file))[0] == 0
    (cache / "manifest.sqlite3").write_bytes(b"garbage" * 1000)
    status, _, err = run(capsys, "baseline", "pohjois-karjala", "--no-plugins", "--lang", "fi")
    assert status == 0, err
    assert "canemure: varoitus: käyttäjän välimuistia ei käytetä: " in err
    assert f"{cache / 'manifest.sqlite3'}: 1 virhe:" in err  # the nested error, said too
    assert "välimuistin luetteloa ei voi lukea" in err
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")  # data list has no --lang: the locale says
    status, _, err = run(capsys, "data", "list")
    assert status == 2
    assert "canemure: fel: " in err
    assert "cacheförteckningen kan inte läsas" in err
