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

__all__ = ["LANGUAGES", "REASON_KEYS", "message", "restate", "restate_reason"]

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
    # The host's reasons for refusing an adapter at the version, register and validate
    # stages, and for refusing a hook's answer (the English text is what the host records).
    "version_requires_type": (
        "CANEMURE_REQUIRES pitää olla merkkijono, kuten '>=0.1,<1', saatiin {value}",
        "CANEMURE_REQUIRES måste vara en sträng som '>=0.1,<1', fick {value}",
        "CANEMURE_REQUIRES must be a string like '>=0.1,<1', got {value}",
    ),
    "version_unreadable": (
        "sen vaatimaa canemuren versiota {spec} ({where}) ei voi lukea: {error}",
        "dess krav på canemures version {spec} ({where}) kan inte läsas: {error}",
        "cannot read its core-version requirement {spec} ({where}): {error}",
    ),
    "version_needs": (
        "vaatii canemuren version {spec} ({where}), tämä on canemure {version}",
        "kräver canemure {spec} ({where}), detta är canemure {version}",
        "needs canemure {spec} ({where}), this is canemure {version}",
    ),
    "version_raised": (
        "CANEMURE_REQUIRES-arvon luku nosti poikkeuksen {error}",
        "läsningen av CANEMURE_REQUIRES gav undantaget {error}",
        "reading CANEMURE_REQUIRES raised {error}",
    ),
    "register_entry_used": (
        "laajennuksen nimi {name} on jo käytössä: {owner}",
        "tilläggets namn {name} används redan av {owner}",
        "the entry-point name {name} is already used by {owner}",
    ),
    "register_name_used": (
        "nimi {name} on jo käytössä: {owner}",
        "namnet {name} används redan av {owner}",
        "the name {name} is already used by {owner}",
    ),
    "register_disabled": (
        "nimi {name} on poistettu käytöstä aiemman virheen vuoksi",
        "namnet {name} stängdes av efter ett tidigare fel",
        "the name {name} was disabled after an earlier failure",
    ),
    "register_wrapper": (
        "{hook} on koukun kääre (hook wrapper), jota canemure ei tue",
        "{hook} är en krokomslutning (hook wrapper), som canemure inte stöder",
        "{hook} is a hook wrapper, which canemure does not support",
    ),
    "register_unknown_hook": (
        "toteuttaa tuntemattoman koukun {hook}",
        "implementerar en okänd krok {hook}",
        "implements unknown hook {hook}",
    ),
    "register_no_hook": (
        "ei toteuta yhtään canemuren koukkua (osoittaako entry point moduuliin, jossa "
        "@hookimpl-funktiot ovat?)",
        "implementerar ingen av canemures krokar (pekar entry point på modulen med "
        "@hookimpl-funktionerna?)",
        "implements no canemure hook (does the entry point name the module with the "
        "@hookimpl functions?)",
    ),
    "validate_sequence": (
        "pitää palauttaa luettelo (list tai tuple), jonka alkiot ovat {what}, tai None; "
        "saatiin {got}",
        "måste returnera en sekvens (list eller tuple) av {what} eller None, fick {got}",
        "must return a sequence (list or tuple) of {what} or None, got {got}",
    ),
    "validate_item": (
        "alkion {position} pitää olla {cls}, saatiin {got}",
        "post {position} måste vara en {cls}, fick {got}",
        "item {position} must be a {cls}, got {got}",
    ),
    "validate_twice": (
        "ilmoittaa alueen tunnuksen {id} kahdesti",
        "anger region-id {id} två gånger",
        "declares region id {id} twice",
    ),
    "validate_region_code": (
        "alueen {id} maakuntakoodi {code} ei ole Tilastokeskuksen maakuntakoodi",
        "regionen {id} har landskapskoden {code}, som inte är en landskapskod från "
        "Statistikcentralen",
        "region {id} has region code {code}, which is not a Statistics Finland region code",
    ),
    "validate_unknown_codes": (
        "luettelee kuntanumeroita, joita ei ole olemassa: {codes}",
        "listar kommunnummer som inte finns: {codes}",
        "lists municipality codes that do not exist: {codes}",
    ),
    "validate_codes_twice": (
        "luettelee kuntanumeroita kahdesti: {codes}",
        "listar kommunnummer två gånger: {codes}",
        "lists municipality codes twice: {codes}",
    ),
    "validate_other_region": (
        "kuntanumerot {codes} eivät ole maakunnan {code} ({region}) kuntia",
        "kommunnumren {codes} hör inte till landskapet {code} ({region})",
        "codes {codes} are not municipalities of region {code} ({region})",
    ),
    "validate_returned": (
        "pitää palauttaa {what} tai None, saatiin {got}",
        "måste returnera en {what} eller None, fick {got}",
        "must return a {what} or None, got {got}",
    ),
    "hook_unchecked": (
        "palautti arvon, jota isäntä ei pystynyt tarkistamaan ({error})",
        "returnerade ett värde som värden inte kunde kontrollera ({error})",
        "returned a value the host could not check ({error})",
    ),
    "hook_other_region": (
        "siltä kysyttiin aluetta {asked}, ja se palautti alueen {got} tiekartan",
        "den tillfrågades om regionen {asked} och returnerade färdplanen för {got}",
        "was asked for region {asked} and returned the roadmap of {got}",
    ),
    "hook_other_rule": (
        "siltä kysyttiin laskentatapaa {asked}, mutta se palautti laskentatavan {got} päästötiedot",
        "den tillfrågades om beräkningsmetoden {asked} men returnerade utsläppsdata enligt {got}",
        "was asked for rule {asked} but returned an inventory of rule {got}",
    ),
    "hook_infinite": (
        "päästötiedoissa on äärettömiä arvoja; puuttuvien lukujen pitää olla NaN",
        "utsläppsdata innehåller oändliga värden; saknade värden måste vara NaN",
        "inventory holds infinite values; missing figures must be NaN",
    ),
}

REASON_KEYS = (
    "version_requires_type",
    "version_unreadable",
    "version_needs",
    "version_raised",
    "register_entry_used",
    "register_name_used",
    "register_disabled",
    "register_wrapper",
    "register_unknown_hook",
    "register_no_hook",
    "validate_sequence",
    "validate_item",
    "validate_twice",
    "validate_region_code",
    "validate_unknown_codes",
    "validate_codes_twice",
    "validate_other_region",
    "validate_returned",
    "hook_unchecked",
    "hook_other_region",
    "hook_other_rule",
    "hook_infinite",
)
"""Keys of the host's own reasons, most specific first (:func:`restate_reason`)."""

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


def restate_reason(reason: str, lang: str) -> str | None:
    """A failure's ``reason`` recorded by the host (:data:`REASON_KEYS`) said in ``lang``.

    Several reasons joined by ``"; "`` (a register failure lists every problem) are said one
    by one. ``None`` when a part is not one of the host's reasons (an adapter's own error,
    which is quoted as raised).

    >>> restate_reason("needs canemure >=2 (CANEMURE_REQUIRES), this is canemure 0.1", "fi")
    'vaatii canemuren version >=2 (CANEMURE_REQUIRES), tämä on canemure 0.1'
    """
    if lang == "en":
        return reason
    for parts in (reason.split("; "), [reason]):
        said = [next((t for k in REASON_KEYS if (t := restate(k, p, lang))), None) for p in parts]
        if all(part is not None for part in said):
            return "; ".join(part for part in said if part is not None)
    return None
