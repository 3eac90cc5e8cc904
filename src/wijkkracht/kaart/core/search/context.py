"""What a need query says about the person besides the need: an age, a language.

"mijn zoon van 15", "patiënt van 82", "ik ben 78" name an age, so services whose age limits
exclude the person are left out; "spreekt alleen Turks" names a language, so services that
offer it come first. Language names are the Dutch names of the languages most spoken by
newcomers and older migrants in the Netherlands, with their ISO 639-1 codes (the HSDS
``language.code``).
"""

from __future__ import annotations

import re

from wijkkracht.text.dutch import fold

LANGUAGES: dict[str, str] = {
    "arabisch": "ar", "berbers": "ber", "tamazight": "ber", "chinees": "zh", "mandarijn": "zh",
    "duits": "de", "engels": "en", "farsi": "fa", "perzisch": "fa", "dari": "prs",
    "frans": "fr", "italiaans": "it", "koerdisch": "ku", "pashto": "ps", "pools": "pl",
    "portugees": "pt", "roemeens": "ro", "bulgaars": "bg", "russisch": "ru", "oekraiens": "uk",
    "somalisch": "so", "spaans": "es", "tigrinya": "ti", "turks": "tr", "papiaments": "pap",
    "sranantongo": "srn", "hindi": "hi", "urdu": "ur", "gebarentaal": "sgn",
}
_AGE = re.compile(
    r"\b(?:van|is|ben|wordt|bijna|al)\s+(\d{1,3})\b(?!\s*(?:euro|procent|%|uur|minuten|keer))"
    r"|\b(\d{1,3})\s*(?:jaar|jarige?)\b"
)


def age_in(text: str) -> int | None:
    """The age a query names, if any and plausible (0-120)."""
    match = _AGE.search(fold(text))
    if not match:
        return None
    age = int(match.group(1) or match.group(2))
    return age if age <= 120 else None


def language_in(text: str) -> str | None:
    """The ISO 639-1 code of the first language a query names, if any."""
    for word in re.findall(r"[a-z]+", fold(text)):
        if word in LANGUAGES:
            return LANGUAGES[word]
    return None


_LANGUAGE_STATEMENT = re.compile(
    r"\b(?:spreek|spreekt|spreken|praat|praten|verstaat|versta|kent)\s+"
    r"(?:(?:alleen|geen|enkel|maar|ook|vooral|goed|slecht|een\s+beetje)\s+)?"
    r"(?:" + "|".join(sorted(LANGUAGES, key=len, reverse=True)) + r")\b"
)


def without_language_statement(text: str) -> str:
    """The folded text without its statement of the person's language ("spreekt alleen
    Turks"): those words say who the person is, not what they need, so "spreekt" must not
    name the need to learn Dutch."""
    return _LANGUAGE_STATEMENT.sub(" ", fold(text))


def gemeente_of(area_code: str) -> str | None:
    """The CBS gemeente code of a wijk or buurt code: WK039210 and BU03921001 -> GM0392."""
    if len(area_code) >= 6 and area_code[:2] in ("WK", "BU", "GM"):
        return "GM" + area_code[2:6]
    return None
