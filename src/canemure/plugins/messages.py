"""What the command line says about failing region adapters, in Finnish, Swedish and English.

The same catalogue style as :mod:`canemure.i18n`: one key, three texts. Only the
furniture is translated; a failure's reason quotes the adapter's own error, as it was raised.

The plugin host records its failures and warnings in English (for logs and ``canemure
plugins``); :func:`restate` says such a recorded English text again in another language when
it has the shape of a catalogue entry's English text, keeping the quoted parts as they are.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

__all__ = ["LANGUAGES", "message", "restate"]

LANGUAGES = ("fi", "sv", "en")

_MESSAGES: dict[str, tuple[str, str, str]] = {
    # key: (fi, sv, en)
    "problems": (
        "canemure: alueiden laajennuksissa ongelmia ({n}):",
        "canemure: problem med regionernas tillägg ({n}):",
        "canemure: region adapter problems ({n}):",
    ),
    "check_region": (
        "  Tarkista: canemure plugins --check {region} (jokaisen laajennuksen vastaukset)",
        "  Kontrollera: canemure plugins --check {region} (varje tilläggs svar)",
        "  Check: canemure plugins --check {region} (every adapter's answers)",
    ),
    "check_all": (
        "  Tarkista: canemure plugins (ladatut ja epäonnistuneet laajennukset)",
        "  Kontrollera: canemure plugins (laddade och misslyckade tillägg)",
        "  Check: canemure plugins (adapters loaded and failed)",
    ),
    "what_to_do": (
        "  Päivitä laajennus tai ilmoita virheestä sen tekijöille; ohita se: {env}={names}",
        "  Uppdatera tillägget eller rapportera felet till dess upphovsmän; stäng av det: "
        "{env}={names}",
        "  Update the adapter or report the fault to its authors; switch it off: {env}={names}",
    ),
    "choose": (
        "  Valitse alueen laajennus: {env}=ALUE=NIMI",
        "  Välj regionens tillägg: {env}=REGION=NAMN",
        "  Choose a region's adapter: {env}=REGION=NAME",
    ),
    "failed": ("epäonnistui", "misslyckades", "failed"),
    "adapter_failed": (
        "epäonnistui: {names} (canemure plugins)",
        "misslyckades: {names} (canemure plugins)",
        "failed: {names} (canemure plugins)",
    ),
    "failed_answer": (
        "lisäksi epäonnistunut vastaus",
        "dessutom ett misslyckat svar",
        "and a failed answer",
    ),
    "failures": (
        "Laajennusten virheet",
        "Tilläggens fel",
        "Adapter failures",
    ),
    # One failure line: "{label}: {stage}{in_hook}{for_region}: {reason}".
    "stage_load": ("lataus epäonnistui", "laddningen misslyckades", "load failed"),
    "stage_version": ("versio ei sovi", "versionen passar inte", "version failed"),
    "stage_register": (
        "rekisteröinti hylättiin",
        "registreringen avvisades",
        "register failed",
    ),
    "stage_validate": (
        "tietojen tarkistus epäonnistui",
        "kontrollen av uppgifterna misslyckades",
        "validate failed",
    ),
    "stage_hook": ("kutsu epäonnistui", "anropet misslyckades", "hook failed"),
    "in_hook": (" kohdassa {hook}", " i {hook}", " in {hook}"),
    "for_region": (" alueen {region} osalta", " för regionen {region}", " for region {region}"),
    # The host's words around an adapter's own error ({error} and {call} are quoted as raised).
    "reason_raised": (
        "nosti poikkeuksen {error}",
        "gav undantaget {error}",
        "raised {error}",
    ),
    "reason_import": (
        "tuonti {value} nosti poikkeuksen {error}",
        "importen av {value} gav undantaget {error}",
        "importing {value} raised {error}",
    ),
    "reason_exit": (
        "SystemExit: se kutsui {call}",
        "SystemExit: det anropade {call}",
        "SystemExit: it called {call}",
    ),
    # Warnings about working adapters (the English text is what the host records).
    "warning_slow": (
        "tuonti kesti {seconds} s, ja jokainen laajennuksilta kysyvä komento odottaa sitä "
        "(kerro sen tekijöille; ohita se: {env}={name})",
        "importen tog {seconds} s, och varje kommando som frågar tilläggen väntar på den "
        "(berätta för dess upphovsmän; stäng av det: {env}={name})",
        "took {seconds} s to import, and every command that asks the adapters waits for it "
        "(tell its authors; to switch it off: {env}={name})",
    ),
    "warning_output": (
        "tulosti ladattaessa vakiotulosteeseen {lines} riviä (pidetty erillään canemuren "
        "tulosteesta; ensimmäinen: {first})",
        "skrev {lines} rad(er) till standard ut när det laddades (hålls utanför canemures "
        "utdata; den första: {first})",
        "printed {lines} line(s) to standard output while being loaded (kept out of "
        "canemure's output; the first: {first})",
    ),
    "warning_conflict": (
        "alueen {region} ottavat sekä {owner} että {others}; {name} palvelee sitä (se "
        "rekisteröityi ensin; valitse toinen: {env}={region_id}=<nimi>)",
        "regionen {region} tas av både {owner} och {others}; {name} betjänar den (det "
        "registrerades först; välj ett annat: {env}={region_id}=<namn>)",
        "region {region} is claimed by {owner} and by {others}; {name} serves it (it "
        "registered first; to choose another: {env}={region_id}=<entry-point name>)",
    ),
}

_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")
"""A decimal point between digits; Finnish and Swedish write a comma."""

_SHAPES: dict[str, re.Pattern[str]] = {}
"""The English text of a key as a pattern, one named group per placeholder (built on use)."""


def message(key: str, lang: str) -> str:
    """The message ``key`` in ``lang`` (``fi``, ``sv`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return _MESSAGES[key][LANGUAGES.index(lang)]


def _shape(key: str) -> re.Pattern[str]:
    shape = _SHAPES.get(key)
    if shape is None:
        parts: list[str] = []
        seen: set[str] = set()
        for literal, field, _, _ in string.Formatter().parse(message(key, "en")):
            parts.append(re.escape(literal))
            if field is None:
                continue
            parts.append(f"(?P={field})" if field in seen else f"(?P<{field}>.*?)")
            seen.add(field)
        shape = _SHAPES[key] = re.compile("".join(parts), re.DOTALL)
    return shape


def restate(key: str, text: str, lang: str, within: Mapping[str, str] | None = None) -> str | None:
    """``text`` (the English of ``key`` with its blanks filled) said in ``lang``, or ``None``.

    The filled-in parts are kept as they are (a number's decimal point becomes a comma in
    Finnish and Swedish for ``seconds``), except that a part named in ``within`` (placeholder
    -> key) is restated in turn where it has that key's shape. ``None`` when ``text`` does not
    have the shape of the English entry, so the caller can show it as recorded.
    """
    found = _shape(key).fullmatch(text)
    if found is None:
        return None
    values = found.groupdict()
    for field, inner in (within or {}).items():
        values[field] = restate(inner, values[field], lang) or values[field]
    if lang != "en" and "seconds" in values:
        values["seconds"] = _DECIMAL.sub(",", values["seconds"])
    return message(key, lang).format(**values)
