"""Disclosure control for the anonymous report: small sectors pooled by domain.

The anonymous report is shared with the gemeente, so a sector of one or two people must not
show those people's ties. Pooling every small sector into one group (what this replaced) left a
typical wijk scan, with one to three people per sector, with a single group, and a report that
could say nothing about who works with whom across the wijk. Here small sectors are combined
with related sectors first (a standard disclosure control: combining categories before
suppressing them, as in the CBS and GGD tables), so the report keeps as much structure as the
rule of small numbers allows:

1. a sector with at least MIN_PEOPLE people (over all reported moments) stays itself;
2. the other sectors of a domain (zorg, sociaal domein, ...: ``domains`` maps a sector name to
   its domain) form one group named after the domain;
3. a domain group still smaller than MIN_PEOPLE, and sectors without a domain, form one group
   :data:`REST`; if that group is small too, the report's suppression rules hide every figure
   about it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..core.model import Scan
from . import wording

REST = "overige sectoren samen"


@dataclass(frozen=True)
class Pooling:
    """Which group each sector went into; ``groups`` lists the pooled groups and their
    sectors (a group that is a single sector of its own is not listed)."""

    group_of: dict[str, str]
    groups: dict[str, tuple[str, ...]]

    def note(self) -> str | None:
        """One sentence for the report. It does not say which sectors went into a group: that
        would tell the gemeente that, say, a police officer took part."""
        if not self.groups:
            return None
        shown = ", ".join(f"“{name}”" for name in self.groups)
        return (f"Sectoren met minder dan {wording.MIN_PEOPLE} mensen staan samen met verwante "
                f"sectoren in één groep per domein; wat dan nog te klein is, staat in "
                f"“{REST}”. Samengevoegde groepen in dit rapport: {shown}.")


def sector_sizes(scans: Sequence[Scan]) -> dict[str, int]:
    """People per sector over all moments (someone who joined later counts once)."""
    members: dict[str, set[str]] = defaultdict(set)
    for scan in scans:
        for p in scan.people:
            members[p.sector].add(p.id)
    return {sector: len(ids) for sector, ids in members.items()}


def plan_pooling(sizes: Mapping[str, int], domains: Mapping[str, str] | None = None,
                 minimum: int = wording.MIN_PEOPLE) -> Pooling:
    """The groups of the anonymous report for sectors of these sizes (see the module)."""
    domains = domains or {}
    group_of = {s: s for s, n in sizes.items() if n >= minimum}
    by_domain: dict[str, list[str]] = defaultdict(list)
    rest: list[str] = []
    for sector in sorted(s for s in sizes if s not in group_of):
        domain = domains.get(sector)
        (by_domain[domain] if domain else rest).append(sector)
    groups: dict[str, tuple[str, ...]] = {}
    for domain in sorted(by_domain):
        sectors = by_domain[domain]
        # a domain named like a sector that stays itself would merge two groups: never
        if sum(sizes[s] for s in sectors) >= minimum and domain not in group_of:
            groups[domain] = tuple(sectors)
        else:
            rest.extend(sectors)
    if rest:
        groups[REST] = tuple(sorted(rest))
    for name, sectors in groups.items():
        group_of.update(dict.fromkeys(sectors, name))
    return Pooling(group_of, groups)


def pool(scans: Sequence[Scan], pooling: Pooling) -> list[Scan]:
    """The scans with each person's sector replaced by their group."""
    if not pooling.groups:
        return list(scans)
    return [Scan(scan.moment,
                 tuple(replace(p, sector=pooling.group_of[p.sector]) for p in scan.people),
                 scan.respondents, scan.answers, scan.imputed, scan.unseen)
            for scan in scans]
