"""Which domain each sector belongs to: the groups the anonymous report pools small sectors into.

Data, not code: :data:`DEFAULT_DOMAINS` is the usual split of a Dutch wijk network (zorg,
sociaal domein, gemeenschap en informeel, veiligheid, gemeente); a scan may change it in its
``sector_domains`` (sector code -> domain name, e.g. ``{"school": "gemeenschap en informeel"}``),
set by a functional administrator in the admin. "other" has no domain: its people go to the
report's "overige sectoren samen" when there are too few of them.
"""

from __future__ import annotations

from collections.abc import Mapping

from .models import NetwerkScan, Sector

ZORG = "zorg"
SOCIAAL = "sociaal domein"
GEMEENSCHAP = "gemeenschap en informeel"
VEILIGHEID = "veiligheid"
GEMEENTE = "gemeente"

DEFAULT_DOMAINS: dict[str, str] = {
    Sector.GP: ZORG,
    Sector.DISTRICT_NURSING: ZORG,
    Sector.MENTAL_HEALTH: ZORG,
    Sector.SOCIAL_TEAM: SOCIAAL,
    Sector.WELFARE: SOCIAAL,
    Sector.YOUTH: SOCIAAL,
    Sector.SCHOOL: SOCIAAL,
    Sector.VOLUNTEERS: GEMEENSCHAP,
    Sector.HOUSING: GEMEENSCHAP,
    Sector.POLICE: VEILIGHEID,
    Sector.MUNICIPALITY: GEMEENTE,
}


def domains_by_code(scan: NetwerkScan) -> dict[str, str]:
    """The scan's mapping from sector code to domain: the default, changed by the scan's own."""
    return {**DEFAULT_DOMAINS, **(scan.sector_domains or {})}


def domains_by_label(scan: NetwerkScan, label_of: Mapping[str, str] | None = None
                     ) -> dict[str, str]:
    """The same mapping keyed by the sector names the report uses."""
    from .snapshot import sector_label

    return {(label_of or {}).get(code) or sector_label(code): domain
            for code, domain in domains_by_code(scan).items() if domain}
