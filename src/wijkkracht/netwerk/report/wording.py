"""Dutch wording for the netwerkscan report: numbers, sector names, tie levels, small counts.

Numbers use the decimal comma of :func:`wijkkracht.reports.numbers.fmt_number`. Sector
names are data (the coordinator types them), so sentences need a plural for "the people of a
sector" and a phrase for "someone from a sector"; common wijk sectors have a natural Dutch form
here, any other name falls back to "mensen uit <sector>" / "<sector>".

Small counts: the anonymous report is shared with the gemeente, so a figure that rests on fewer
than :data:`MIN_PEOPLE` people is not shown (the rule of small cells in CBS and GGD tables, here
with the threshold the netwerkscan asks for).
"""

from __future__ import annotations

from wijkkracht.reports.numbers import fmt_number

from ..core.model import LEVEL_LABELS

# Small cells (fewer than 5 people) are suppressed in anything shared outside the scan, as the
# design's privacy rules ask (NETWORK-MAP-CASES.md, "cells < 5 suppressed").
MIN_PEOPLE = 5
SMALL = f"<{MIN_PEOPLE}"
HIDDEN = "–"
SUPPRESSION_NOTE = (f"Om mensen te beschermen staat een aantal van 1 tot {MIN_PEOPLE} mensen als "
                    f"“{SMALL}”, en een cijfer over een groep van minder dan {MIN_PEOPLE} mensen "
                    "als “–”.")

# (plural for its people, phrase after "bij" / "tussen ... en"), by lower-case name.
SECTOR_WORDS: dict[str, tuple[str, str]] = {
    "huisarts": ("huisartsen", "de huisartsen"),
    "huisartsen": ("huisartsen", "de huisartsen"),
    "huisartsenzorg": ("huisartsen", "de huisartsen"),
    "wijkverpleging": ("wijkverpleegkundigen", "de wijkverpleging"),
    "sociaal wijkteam": ("mensen van het sociaal wijkteam", "het sociaal wijkteam"),
    "wijkteam": ("mensen van het wijkteam", "het wijkteam"),
    "welzijn": ("welzijnswerkers", "welzijn"),
    "jeugd": ("jeugdprofessionals", "de jeugdhulp"),
    "jeugdhulp": ("jeugdprofessionals", "de jeugdhulp"),
    "ggz": ("ggz-professionals", "de ggz"),
    "politie": ("politiemensen", "de politie"),
    "gemeente": ("mensen van de gemeente", "de gemeente"),
    "woningcorporatie": ("mensen van de woningcorporatie", "de woningcorporatie"),
    "bewonersinitiatief": ("mensen van bewonersinitiatieven", "de bewonersinitiatieven"),
    "bewoners": ("bewoners", "de bewoners"),
    "vrijwilligers": ("vrijwilligers", "de vrijwilligers"),
    "onderwijs": ("mensen uit het onderwijs", "het onderwijs"),
}

# "x van de y <people> <phrase>" about someone "bij <sector>": (one person, more people).
NO_TIE_PHRASE: dict[int, tuple[str, str]] = {
    1: ("kent niemand bij {h}", "kennen niemand bij {h}"),
    2: ("heeft van niemand bij {h} het nummer", "hebben van niemand bij {h} het nummer"),
    3: ("belt of mailt met niemand bij {h}", "bellen of mailen met niemand bij {h}"),
    4: ("werkt met niemand bij {h} samen aan casussen",
        "werken met niemand bij {h} samen aan casussen"),
}


def people_of(sector: str) -> str:
    """'huisartsen' for 'huisarts'; 'mensen uit <sector>' for a name without a known plural."""
    known = SECTOR_WORDS.get(sector.strip().lower())
    return known[0] if known else f"mensen uit {sector}"


def group(sector: str) -> str:
    """'het sociaal wijkteam' for 'sociaal wijkteam' (after 'bij', 'tussen', ...); the name
    itself when not known."""
    known = SECTOR_WORDS.get(sector.strip().lower())
    return known[1] if known else sector


def level_name(level: int) -> str:
    """The ladder step in quotes, as the survey asked it: “heb het nummer”."""
    return f"“{LEVEL_LABELS[level]}”"


def plural(n: int, one: str, many: str) -> str:
    """'1 band', '3 banden' (the count formatted Dutch)."""
    return f"{fmt_number(n, 0)} {one if n == 1 else many}"


def pct(share: float | None) -> str:
    """A share as a Dutch percentage: whole percents, one decimal below 10 %."""
    if share is None:
        return HIDDEN
    value = share * 100
    decimals = 1 if 0 < abs(value) < 10 else 0
    return f"{fmt_number(value, decimals)}%"


def number(value: float | None, decimals: int = 1) -> str:
    return fmt_number(value, decimals)


def p_value(p: float | None) -> str:
    """'p = 0,012'; a permutation p is never 0, but keep the text honest at the floor."""
    if p is None:
        return "p niet berekend"
    return "p < 0,001" if p < 0.001 else f"p = {fmt_number(p, 3)}"


def is_small(people: int) -> bool:
    """A count of people that the anonymous versions never show: 1 to MIN_PEOPLE - 1."""
    return 0 < people < MIN_PEOPLE


def count(value: int | None, *, anonymous: bool, base: int | None = None) -> str:
    """A count of people or ties; in the anonymous report 1 to MIN_PEOPLE - 1 people show as
    SMALL, and a count about a group (``base`` people) smaller than MIN_PEOPLE as '–'."""
    if value is None:
        return HIDDEN
    if anonymous:
        if base is not None and base < MIN_PEOPLE:
            return HIDDEN
        if is_small(value):
            return SMALL
    return fmt_number(value, 0)


def part(value: int, total: int, *, anonymous: bool) -> str:
    """A count of people shown with its total ("3 van de 25"). In the anonymous report neither
    the count nor the rest (total minus count) may be 1 to MIN_PEOPLE - 1, or "<5 van de 6" would
    give the rest away: such a count shows as '–', as does any count about a group smaller
    than MIN_PEOPLE; a small count with a large rest shows as SMALL."""
    if not anonymous:
        return fmt_number(value, 0)
    if total < MIN_PEOPLE or is_small(total - value):
        return HIDDEN
    return SMALL if is_small(value) else fmt_number(value, 0)


def ties(value: int, *, anonymous: bool, base: int) -> str:
    """A count of ties about a group of ``base`` people: hidden below MIN_PEOPLE if anonymous (a
    tie count is not a count of people, so a small one is shown)."""
    return HIDDEN if anonymous and base < MIN_PEOPLE else fmt_number(value, 0)


def share(part: int, whole: int, *, anonymous: bool) -> str:
    """A percentage of people; in the anonymous report hidden when the group is smaller than
    MIN_PEOPLE or the part or the rest is a small count (the percentage would give the count
    away)."""
    if whole == 0 or (anonymous and (whole < MIN_PEOPLE or is_small(part)
                                     or is_small(whole - part))):
        return HIDDEN
    return pct(part / whole)
