"""pint's definition parser runs when first used (``canemure._pint_parser``); pint works the same.

Every check runs in fresh interpreters: one where the command line's module comes first (the
parser and flexcache are deferred, as in every ``canemure`` command) and one where ``import
pint`` comes first (nothing is deferred, pint as it is). What the registries hold and say must
be equal. A library user's ``import canemure`` defers nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def _installed_pint_is_known() -> bool:
    import importlib.util

    from canemure import _pint_parser

    spec = importlib.util.find_spec("pint")
    assert spec is not None and spec.submodule_search_locations
    return _pint_parser._known_release(spec.submodule_search_locations[0])


deferrable = pytest.mark.skipif(
    not _installed_pint_is_known(),
    reason="the installed pint is not a release the deferral was tested with (nothing deferred)",
)
"""Tests that expect the deferral to happen: skipped where the installed pint is left alone."""

_PROBE = r"""
import json, sys
{first}
import canemure.cli.main  # the command line defers pint's parser (when pint is not imported yet)
import canemure, canemure.units as units, pint
from canemure import _pint_parser

def registry_dump(reg):
    return {{
        "units": sorted((k, repr(v)) for k, v in reg._units.items()),
        "prefixes": sorted((k, repr(v)) for k, v in reg._prefixes.items()),
        "dimensions": sorted((k, repr(v)) for k, v in reg._dimensions.items()),
        "contexts": sorted(reg._contexts),
        "systems": sorted(reg._systems),
        "groups": sorted(reg._groups),
    }}

out = {{"deferred_at_start": [_pint_parser.is_deferred(n) for n in _pint_parser.DEFERRED]}}
out["canemure"] = registry_dump(units.ureg)
out["conversions"] = [
    str(units.Q_(2.5, "kt CO2e/a").to("t CO2e/a")),
    str(units.Q_(1.0, "kt CH4/a").to("kt CO2e/a", units.gwp_context("AR6GWP100"))),
    str(units.Q_(3, "MWh").to("GJ")),
]
out["still_deferred"] = [_pint_parser.is_deferred(n) for n in _pint_parser.DEFERRED]
units.ureg.define("canemure_probe_unit = 7 * kt = cpu")
out["defined"] = str(units.Q_(1, "cpu").to("t"))
try:
    units.ureg.define("broken = = =")
except Exception as error:
    out["bad_definition"] = [type(error).__name__, str(error)]
context = pint.Context.from_lines(["@context probe", "[length] -> [time]: value / (3 m/s)"])
units.ureg.add_context(context)
out["context"] = str(units.Q_(6, "m").to("s", "probe"))
default = pint.UnitRegistry()
out["default"] = registry_dump(default)
out["default_conversions"] = [str(default("1 knot").to("m/s")), str(default("1 BTU").to("J"))]
units.load_full_definitions()
out["full"] = registry_dump(units.ureg)
out["full_conversions"] = [str(units.Q_(1, "mile").to("km")), str(units.Q_(1, "kt").to("t"))]
print(json.dumps(out))
"""


def _probe(first: str) -> dict[str, object]:
    code = _PROBE.format(first=first)
    env = {k: v for k, v in os.environ.items() if k != "CANEMURE_UNITS"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


@deferrable
def test_registries_are_the_same_with_the_parser_deferred_or_not() -> None:
    deferred = _probe("")
    eager = _probe("import pint")
    assert deferred.pop("deferred_at_start") == [True, True]
    assert eager.pop("deferred_at_start") == [False, False]
    assert deferred.pop("still_deferred") == [True, True]  # canemure's own units need no parser
    assert eager.pop("still_deferred") == [False, False]
    assert deferred == eager
    assert len(deferred["default"]["units"]) > 500  # type: ignore[index]  # pint's whole file


@deferrable
def test_a_command_leaves_the_parser_and_flexcache_unrun(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from canemure.cli.main import main\n"
        "from canemure import _pint_parser\n"
        "status = main(['baseline', 'pohjois-karjala', '--format', 'json'])\n"
        "assert 'pint' in sys.modules and status == 0, status\n"
        "print([_pint_parser.is_deferred(n) for n in _pint_parser.DEFERRED], file=sys.stderr)\n"
    )
    env = {**os.environ, "CANEMURE_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[True, True]"


@pytest.mark.parametrize(
    "use",
    [
        "import flexcache; assert flexcache.DiskCache.__name__ == 'DiskCache'",
        "from flexcache import DiskCacheByMTime; assert DiskCacheByMTime",
        "reg = pint.UnitRegistry(cache_folder=sys.argv[1]); assert str(reg('1 mile').to('km'))",
        "from pint.delegates.txt_defparser import DefParser\n"
        "from pint.delegates import ParserConfig\n"
        "parser = DefParser(ParserConfig(float), None)\n"
        "found = list(parser.iter_parsed_project(parser.parse_string('foo = 2 * meter = f')))\n"
        "assert [d.name for d in found if hasattr(d, 'name')] == ['foo'], found",
        "import flexcache.flexcache as f; assert f.DiskCache",
        "import flexcache; assert flexcache.__version__ and 'cach' in flexcache.__doc__",
        "ns = {}\nexec('from flexcache import *', ns)\nassert 'DiskCache' in ns, sorted(ns)",
        "ns = {}\nexec('from pint.delegates.txt_defparser import *', ns)\n"
        "assert ns['DefParser'].__module__ == 'pint.delegates.txt_defparser.defparser'",
        "import copy\nr = copy.deepcopy(canemure.units.ureg)\nr.define('zz = 3 * m')\n"
        "assert str(r('1 zz').to('m')) == '3 m', r('1 zz').to('m')",
        "import pint.delegates.txt_defparser.plain as p; assert p.UnitDefinition",
        "CANEMURE_UNITS",
    ],
)
def test_the_deferred_modules_work_when_used_directly(use: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CANEMURE_UNITS"}
    if use == "CANEMURE_UNITS":
        env["CANEMURE_UNITS"] = "full"
        use = "assert str(canemure.units.Q_(1, 'knot').to('m/s')).startswith('0.514')"
    code = f"import sys, canemure.cli.main, canemure, canemure.units, pint\n{use}\n"
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "pint-cache")],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr


def test_first_use_from_two_threads_at_once() -> None:
    code = (
        "import threading, canemure.cli.main, canemure, canemure.units as u, pint\n"
        "errors = []\n"
        "def use(n):\n"
        "    try:\n"
        "        rule = '[length] -> [time]: value / (2 m/s)'\n"
        "        ctx = pint.Context.from_lines([f'@context c{n}', rule])\n"
        "        assert ctx.name == f'c{n}'\n"
        "        u.ureg.define(f'unit_{n} = {n + 1} * meter')\n"
        "    except BaseException as error:\n"
        "        errors.append(error)\n"
        "threads = [threading.Thread(target=use, args=(n,)) for n in range(8)]\n"
        "for t in threads: t.start()\n"
        "for t in threads: t.join()\n"
        "assert not errors, errors\n"
        "assert str(u.Q_(1, 'unit_7').to('m')) == '8 m', str(u.Q_(1, 'unit_7').to('m'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_nothing_is_deferred_once_pint_is_imported() -> None:
    import pint

    from canemure import _pint_parser

    assert pint.UnitRegistry
    before = {name: sys.modules.get(name) for name in _pint_parser.DEFERRED}
    _pint_parser.defer()
    assert {name: sys.modules.get(name) for name in _pint_parser.DEFERRED} == before


def test_a_failing_module_runs_again_and_a_missing_parser_is_an_import_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from canemure import _pint_parser

    package = tmp_path / "canemure_fake_parser"
    package.mkdir()
    (package / "__init__.py").write_text(
        "import os\nif os.environ.get('CANEMURE_FAKE_FAIL'):\n    raise RuntimeError('boom')\n"
        "VALUE = 1\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    module = _pint_parser._stand_in("canemure_fake_parser", importlib.util.find_spec(package.name))
    assert module is not None
    factory = type("DefParser", (_pint_parser._Parser,), {"_module": module})
    module.DefParser = factory  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, package.name, module)
    parser = factory("config", diskcache=None)
    monkeypatch.setenv("CANEMURE_FAKE_FAIL", "1")
    with pytest.raises(RuntimeError, match="boom"):
        module.VALUE  # noqa: B018
    assert package.name not in sys.modules  # as a failed import leaves it
    monkeypatch.delenv("CANEMURE_FAKE_FAIL")
    assert module.VALUE == 1  # the next use runs it again
    assert not _pint_parser.is_deferred(package.name)
    with pytest.raises(ImportError, match="defines no DefParser"):
        parser.parse_string  # noqa: B018


@deferrable
def test_only_the_command_line_defers_the_parser() -> None:
    """``import canemure`` (a library user's process) leaves pint's modules as pint has them;
    the command line's module defers them."""
    code = (
        "import sys\n"
        "import canemure, canemure.units\n"
        "from canemure import _pint_parser\n"
        "print([_pint_parser.is_deferred(n) for n in _pint_parser.DEFERRED])\n"
    )
    library = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert library.returncode == 0, library.stderr
    assert library.stdout.strip() == "[False, False]"
    code = "import canemure.cli.main\n" + code
    command = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert command.returncode == 0, command.stderr
    assert command.stdout.strip() == "[True, True]"


@pytest.mark.parametrize(
    ("folders", "known"),
    [
        (["pint-0.25.3.dist-info", "pint"], True),
        (["Pint-0.23.dist-info"], True),
        (["pint-0.26.0.dist-info"], False),  # a newer pint may lay its parser out otherwise
        (["pint-0.22.1.dist-info"], False),
        (["pint_xarray-0.6.1.dist-info"], False),  # another distribution's metadata only
        (["pint-x.dist-info"], False),
        ([], False),  # no metadata beside it (an egg, a source checkout): not known
    ],
)
def test_only_known_pint_releases_are_deferred(
    tmp_path: Path, folders: list[str], known: bool
) -> None:
    from canemure import _pint_parser

    for name in folders:
        (tmp_path / name).mkdir()
    assert _pint_parser._known_release(str(tmp_path / "pint")) is known


def test_an_unknown_pint_release_is_left_as_it_is() -> None:
    code = (
        "from canemure import _pint_parser as p\n"
        "p.KNOWN = ((0, 1), (0, 2))\n"
        "p.defer()\n"
        "import pint\n"
        "print([p.is_deferred(n) for n in p.DEFERRED])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[False, False]"
