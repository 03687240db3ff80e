"""Every message catalogue has every key in Finnish, Swedish and English, with one set of
placeholders, and every key the code asks for exists.

Catalogues: the report labels, plurals, rule names and unit words of
:mod:`canemure.i18n`, its error texts and argparse's words, the plugin messages of
:mod:`canemure.plugins.messages`, the roadmap command's labels and the chart texts of
:mod:`canemure.charts._mpl`. Error keys are found in the code's ``X.keyed("key", ...)``,
``add_keyed(..., "key", ...)`` and ``Message("key", ...)`` calls.
"""

from __future__ import annotations

import argparse
import ast
import re
import string
from collections.abc import Mapping
from pathlib import Path

import pytest

from canemure import i18n
from canemure.charts import _mpl
from canemure.cli import help_texts
from canemure.cli import roadmap as roadmap_cli
from canemure.plugins import messages
from canemure.sectors import RULES

SRC = Path(__file__).resolve().parents[1] / "src" / "canemure"

CATALOGUES: dict[str, Mapping[str, tuple[object, ...]]] = {
    "reports.i18n labels": i18n._LABELS,
    "reports.i18n plurals": i18n._PLURALS,
    "reports.i18n rule names": i18n._RULE_NAMES,
    "reports.i18n unit words": i18n._UNIT_WORDS,
    "plugins.messages": messages._MESSAGES,
    "charts texts": _mpl._TEXTS,
    "i18n errors": i18n._ERRORS,
    "i18n error plurals": i18n._ERROR_PLURALS,
    "i18n argparse words": i18n._ARGPARSE,
    "i18n area levels": i18n._AREA_LEVELS,
    "i18n value words": i18n._WHAT,
    "roadmap labels": roadmap_cli._LABELS,
    "command help texts": help_texts._HELP,
}

LOOKUPS = {  # function name in the code -> (the module it comes from, the catalogue it reads)
    "label": ("canemure.i18n", i18n._LABELS),
    "plural": ("canemure.i18n", i18n._PLURALS),
    "message": ("canemure.plugins.messages", messages._MESSAGES),
    "text": ("canemure.charts._mpl", _mpl._TEXTS),
}


def placeholders(text: str) -> set[str]:
    """The names of ``{placeholders}`` in a str.format template."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def texts(entry: object) -> list[str]:
    """The texts of one language of an entry (a plural entry has two forms)."""
    return list(entry) if isinstance(entry, tuple) else [entry]  # type: ignore[list-item]


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_key_in_three_languages_with_the_same_placeholders(name: str) -> None:
    problems = []
    for key, entry in CATALOGUES[name].items():
        if len(entry) != 3:
            problems.append(f"{key}: {len(entry)} languages, not fi, sv, en")
            continue
        seen = set()
        for lang, value in zip(("fi", "sv", "en"), entry, strict=True):
            for text in texts(value):
                if not isinstance(text, str) or not text.strip():
                    problems.append(f"{key} [{lang}]: missing text")
                    continue
                seen.add(frozenset(placeholders(text)))
        if len(seen) > 1:
            problems.append(f"{key}: placeholders differ: {sorted(map(sorted, seen))}")
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_plurals_have_one_and_other() -> None:
    for key, entry in (*i18n._PLURALS.items(), *i18n._ERROR_PLURALS.items()):
        assert all(len(forms) == 2 for forms in entry), key


def test_every_error_key_the_code_raises_exists() -> None:
    """Keys of ``X.keyed("k")``, ``add_keyed(where, "k")``, ``Message("k")`` are catalogued."""
    calls = {"keyed", "add_keyed", "Message"}
    known = set(i18n._ERRORS) | set(i18n._ERROR_PLURALS)
    found: list[str] = []
    missing = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in calls:
                continue
            two = len(node.args) > 1 and isinstance(node.args[1], ast.Constant | ast.IfExp)
            # add_keyed(where, "key", ...) of the scenario reader names the place first
            for arg in node.args[1:2] if name == "add_keyed" and two else node.args[:1]:
                options = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
                for option in options:
                    if isinstance(option, ast.Constant) and isinstance(option.value, str):
                        found.append(option.value)
                        if option.value not in known:
                            missing.append(f"{path.relative_to(SRC)}:{node.lineno}: {option.value}")
    assert len(found) > 60  # the scan found the keyed errors
    assert not missing, "\n".join(missing)


def percent_placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\((\w+)\)[sr]|%[sr]", text))


def test_argparse_words_keep_their_placeholders() -> None:
    for msgid, (fi, sv, en) in i18n._ARGPARSE.items():
        assert en == msgid
        assert percent_placeholders(fi) == percent_placeholders(sv) == percent_placeholders(en)


# argparse's messages for the programmer who builds a parser, never shown to a user of canemure
PROGRAMMER_MESSAGES = {
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "%r is not callable",
    "subcommands",
    "argument '%(argument_name)s' is deprecated",
    "option '%(option)s' is deprecated",
    "command '%(parser_name)s' is deprecated",
    "warning:",
}


def test_every_argparse_message_a_user_can_see_is_translated() -> None:
    """argparse's own texts (its gettext message ids, read from its source) are all said.

    A new Python that adds or rewords a message fails here until the table has it.
    """
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    ids = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
            ids.update(
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
    assert "the following arguments are required: %s" in ids
    missing = sorted(ids - set(i18n._ARGPARSE) - PROGRAMMER_MESSAGES)
    assert not missing, missing


def test_argparse_messages_are_said_with_their_values() -> None:
    assert i18n.argparse_text("argument --years: expected one argument", "fi") == (
        "argumentti --years: odotettiin yhtä arvoa"
    )
    assert i18n.argparse_text("argument --jobs: invalid int value: 'x'", "sv") == (
        "argument --jobs: ogiltigt värde 'x' (förväntade: int)"
    )
    assert i18n.argparse_text("expected 2 arguments", "sv") == "förväntade 2 värden"
    assert i18n.argparse_text("something argparse never says", "fi") == (
        "something argparse never says"
    )


def test_unknown_kinds_are_said_in_finnish_and_swedish() -> None:
    for kind, (fi, sv) in i18n._UNKNOWN_KINDS.items():
        assert fi.startswith("tuntematon "), kind
        assert sv.startswith(("okänd ", "okänt ")), kind


def test_every_key_the_code_asks_for_exists() -> None:
    call = re.compile(r"\b(label|plural|message|text)\(\s*\"([A-Za-z0-9_\-]+)\"")
    missing = []
    calls = 0
    for path in SRC.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for function, key in call.findall(source):
            module, catalogue = LOOKUPS[function]
            here = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
            if f"from {module} import" not in source and here != module:
                continue  # another function of that name
            calls += 1
            if key not in catalogue:
                missing.append(f"{path.relative_to(SRC)}: {function}({key!r})")
    assert calls > 50  # the scan found the calls
    assert not missing, "\n".join(missing)


def test_kinds_and_rules_have_names() -> None:
    for kind in ("user-import", "adapter", "bundled"):
        assert f"kind_{kind}" in i18n._LABELS
    assert {rule.id for rule in RULES} == set(i18n._RULE_NAMES)
    for rule in RULES:  # Finnish and English as the rule itself says
        assert i18n.rule_name(rule.id, "fi") == rule.name_fi
        assert i18n.rule_name(rule.id, "en") == rule.name_en


def test_plural_grammar() -> None:
    assert i18n.plural("gaps", 1, "en") == "1 missing figure"
    assert i18n.plural("gaps", 46, "en") == "46 missing figures"
    assert i18n.plural("gaps", 1, "fi") == "1 puute"
    assert i18n.plural("gaps", 46, "fi") == "46 puutetta"
    assert i18n.plural("gaps", 1, "sv") == "1 saknad uppgift"
    assert i18n.plural("gaps", 46, "sv") == "46 saknade uppgifter"
    assert i18n.plural("gaps", 0, "en") == "0 missing figures"


def test_units_in_three_languages() -> None:
    assert i18n.unit_text("t CO2e/resident/a", "fi") == "t CO2e/asukas/a"
    assert i18n.unit_text("t CO2e/resident/a", "sv") == "t CO2e/invånare/år"
    assert i18n.unit_text("t CO2e/resident/a", "en") == "t CO2e/resident/a"
    assert i18n.unit_text("kt CO2e/a", "sv") == "kt CO2e/år"


def test_syke_estimate_is_named_as_syke_s() -> None:
    assert i18n.label("syke_estimate", "en") == "estimated by SYKE"
    assert i18n.label("syke_estimate", "fi") == "SYKE:n arvio"
    assert i18n.label("syke_estimate", "sv") == "SYKE:s uppskattning"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="fi, sv, en"):
        i18n.label("total", "de")
