"""What the command line says about failing region adapters, in Finnish, Swedish and English.

The same catalogue style as :mod:`canemure.i18n`: one key, three texts. Only the
furniture is translated; a failure's reason quotes the adapter's own error, as it was raised.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "message"]

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
}


def message(key: str, lang: str) -> str:
    """The message ``key`` in ``lang`` (``fi``, ``sv`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return _MESSAGES[key][LANGUAGES.index(lang)]
