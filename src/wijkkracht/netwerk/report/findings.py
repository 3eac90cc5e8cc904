"""Plain-Dutch sentences (B1) from the core results: what a coordinator reads first.

Every sentence is computed from a core result and carries the numbers it states in
``Finding.numbers``, so a test (or a JSON export) can check it. People are named only in the
named report; the anonymous one speaks of sectors, leaves out findings about a sector of fewer
than MIN_PEOPLE (5) people and writes a small count as "<5" (see :mod:`.wording`).

* Reach: per ordered sector pair, at one level, in the directed view ("what each says"), how many
  *respondents* of one sector name nobody of the other at that level or above. Only respondents
  count: a non-respondent's silence is unknown, not "nobody".
* Density change, isolates, mutual ties: from :mod:`core.metrics`; change from :mod:`core.change`.
* Sole bridges: :func:`core.people.sector_bridges` on the any-report view.
* Walls: sector pairs whose E-I index (Krackhardt & Stern 1988) lies below random mixing with a
  permutation p below ``alpha``; many pairs are tested, so the sentence says so.
* Response: overall and per sector; a sector under ``low`` (70 %) gets a caution, since network
  measures degrade quickly with missing respondents (Costenbader & Valente 2003, *Social
  Networks* 25(4); Kossinets 2006, *Social Networks* 28(3)).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..core.change import TransitionReport
from ..core.levels import level_network
from ..core.metrics import LevelMetrics
from ..core.mixing import Mixing
from ..core.model import Scan
from ..core.people import SectorBridge, sector_bridges
from ..core.response import ResponseSummary
from . import wording
from .wording import group, level_name, people_of

LOW_RESPONSE = 0.7
ALPHA = 0.05


@dataclass(frozen=True)
class Finding:
    kind: str  # reach, density, bridge, response, response_low, wall, network_mixing, ...
    text: str
    numbers: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SectorReach:
    """Respondents of ``sender`` who name nobody of ``receiver`` at ``level`` or above."""

    sender: str
    receiver: str
    level: int
    invited: int  # people of the sender sector on the roster
    respondents: int
    without: int

    @property
    def share(self) -> float | None:
        return self.without / self.respondents if self.respondents else None


def sector_reach(scan: Scan, level: int) -> list[SectorReach]:
    """Every ordered pair of different sectors; receivers are everyone on the roster (each
    respondent answered about the whole roster)."""
    says = scan.levels >= level
    sectors = np.array(scan.sectors)
    names = sorted(set(scan.sectors))
    out = []
    for g in names:
        senders = np.flatnonzero((sectors == g) & scan.responded)
        invited = int((sectors == g).sum())
        for h in names:
            if h == g:
                continue
            receivers = np.flatnonzero(sectors == h)
            reach = says[np.ix_(senders, receivers)].any(axis=1)
            out.append(SectorReach(g, h, level, invited, len(senders),
                                   int((~reach).sum())))
    return out


def _big_enough(anonymous: bool, *sizes: int) -> bool:
    return not anonymous or min(sizes) >= wording.MIN_PEOPLE


def reach_findings(scan: Scan, level: int, *, anonymous: bool = False, limit: int = 5,
                   min_share: float = 0.5) -> list[Finding]:
    """The sector pairs where most respondents name nobody of the other sector, worst first."""
    size = Counter(scan.sectors)
    rows = [r for r in sector_reach(scan, level)
            if r.respondents and r.without and r.share >= min_share
            and _big_enough(anonymous, r.respondents, r.without, size[r.receiver])
            and not (anonymous and wording.is_small(r.respondents - r.without))]
    rows.sort(key=lambda r: (-r.share, -r.respondents, r.sender, r.receiver))
    out = []
    for r in rows[:limit]:
        one, more = wording.NO_TIE_PHRASE[level]
        phrase = (one if r.without == 1 else more).format(h=group(r.receiver))
        who = people_of(r.sender) + (" die meededen" if r.respondents < r.invited else "")
        part = (f"Alle {r.respondents}" if r.without == r.respondents > 1
                else f"{r.without} van de {r.respondents}")
        out.append(Finding("reach", f"{part} {who} {phrase}.",
                           {"sender": r.sender, "receiver": r.receiver, "level": level,
                            "without": r.without, "respondents": r.respondents}))
    return out


def density_findings(before: Sequence[LevelMetrics], after: Sequence[LevelMetrics], *,
                     moments: tuple[str, str], level: int,
                     min_change: float = 0.05) -> list[Finding]:
    """Density ("what each says") at ``level``, and at other levels when it moved 5 points."""
    earlier = {m.level: m.directed.density for m in before}
    out = []
    for m in sorted(after, key=lambda m: (m.level != level, m.level)):
        old, new = earlier.get(m.level), m.directed.density
        if old is None or new is None or (m.level != level and abs(new - old) < min_change):
            continue
        a, b = wording.pct(old), wording.pct(new)
        if a == b:
            text = f"De dichtheid op {level_name(m.level)} bleef {a} tussen {moments[0]} en " \
                   f"{moments[1]}."
        else:
            verb = "steeg" if new > old else "daalde"
            text = (f"De dichtheid op {level_name(m.level)} {verb} van {a} naar {b} tussen "
                    f"{moments[0]} en {moments[1]}.")
        out.append(Finding("density", text, {"level": m.level, "before": old, "after": new}))
    return out


def _who(people: Sequence[str], sector_of: Mapping[str, str], pair: tuple[str, str],
         size: Mapping[str, int], labels: Mapping[str, str], anonymous: bool) -> str:
    """'Anna (welzijn) en Bert (huisarts)'; anonymous: 'één persoon (uit welzijn)', 'twee mensen'.

    The anonymous text names a sector only for someone from a third sector of MIN_PEOPLE (5) or
    more people.
    """
    if not anonymous:
        names = [f"{labels[p]} ({sector_of[p]})" for p in people]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    if len(people) > 1:
        return "twee mensen" if len(people) == 2 else f"{len(people)} mensen"
    own = sector_of[people[0]]
    if own not in pair and size[own] >= wording.MIN_PEOPLE:
        return f"één persoon uit {own}"
    return "één persoon"


def bridge_findings(scan: Scan, level: int, *, labels: Mapping[str, str],
                    anonymous: bool = False, limit: int = 5,
                    bridges: Sequence[SectorBridge] | None = None) -> list[Finding]:
    """Sole bridges per sector pair: first pairs that lose every path without one person, then
    pairs whose direct ties all run through one person (or that have a single tie).
    ``bridges``: :func:`core.people.sector_bridges` of the any-report view, if already known."""
    if bridges is None:
        bridges = sector_bridges(level_network(scan, level, "any"))
    size = Counter(scan.sectors)
    sector_of = dict(zip(scan.ids, scan.sectors, strict=True))
    by_pair: dict[tuple[str, str], list] = {}
    for b in bridges:
        if _big_enough(anonymous, size[b.sectors[0]], size[b.sectors[1]]):
            by_pair.setdefault(b.sectors, []).append(b)
    order = sorted(by_pair, key=lambda pair: (not any(b.path for b in by_pair[pair]), pair))
    lvl = level_name(level)
    out = []
    for pair in order[:limit]:
        found = by_pair[pair]
        path = [b.person for b in found if b.path]
        people = path or [b.person for b in found]
        who = _who(people, sector_of, pair, size, labels, anonymous)
        g, h = (group(s) for s in pair)
        ties = found[0].direct_ties
        if len(path) == 1:
            text = (f"Alleen {who} verbindt {g} met {h} op {lvl}: zonder deze persoon is er "
                    "geen verbinding tussen die twee, ook niet via anderen.")
        elif path:  # a chain: each of them alone would cut the two sectors apart
            text = (f"{g[0].upper()}{g[1:]} en {h} zijn op {lvl} alleen verbonden via {who}: "
                    "valt één van hen weg, dan is er geen verbinding meer tussen die twee.")
        elif ties == 1 and len(people) == 2:
            text = f"Op {lvl} is er maar één band tussen {g} en {h}: die tussen {who}."
        elif ties == 1:
            text = f"Op {lvl} is er maar één band tussen {g} en {h}, via {who}."
        else:
            text = f"Op {lvl} lopen alle {ties} banden tussen {g} en {h} via {who}."
        numbers: dict[str, object] = {"sectors": pair, "path": bool(path), "direct_ties": ties,
                                      "people": len(people)}
        if not anonymous:
            numbers["persons"] = tuple(people)
        out.append(Finding("bridge", text, numbers))
    if len(order) > limit:
        more = len(order) - limit
        out.append(Finding("bridge_more", f"Bij nog {more} "
                                          f"{'paar' if more == 1 else 'paren'} van sectoren "
                                          "hangt de verbinding aan één of twee mensen.",
                           {"more": more}))
    return out


def response_findings(summary: ResponseSummary, *, anonymous: bool = False,
                      low: float = LOW_RESPONSE) -> list[Finding]:
    """Response overall, and a caution for each sector below ``low``."""
    if not summary.invited:
        return []
    rate = wording.share(summary.responded, summary.invited, anonymous=anonymous)
    part = wording.part(summary.responded, summary.invited, anonymous=anonymous)
    if part == wording.HIDDEN:  # the count or the rest is too small to show
        text = (f"{summary.invited} mensen kregen de vragenlijst; hoeveel er meededen, staat "
                "hier niet, om mensen te beschermen")
    else:
        text = (f"{part} van de {summary.invited} mensen vulden de vragenlijst in"
                + ("" if rate == wording.HIDDEN else f" ({rate})"))
    out = [Finding("response",
                   text + (". Dat is weinig: alle cijfers zijn onzeker." if summary.rate < low
                           else "."),
                   {"responded": summary.responded, "invited": summary.invited})]
    for s in summary.by_sector:
        if s.rate >= low or not _big_enough(anonymous, s.invited):
            continue
        if s.responded == 0:
            text = (f"Van de {people_of(s.sector)} vulde niemand de vragenlijst in: wat zij "
                    "zelf over hun banden zeggen, weten we niet.")
        elif (part := wording.part(s.responded, s.invited, anonymous=anonymous)) \
                == wording.HIDDEN:
            text = (f"Van de {people_of(s.sector)} vulde minder dan "
                    f"{wording.pct(low)} de vragenlijst in: wees voorzichtig met conclusies "
                    "over deze groep.")
        else:
            rate = wording.share(s.responded, s.invited, anonymous=anonymous)
            text = (f"Van de {people_of(s.sector)} vulden {part} van de {s.invited} de "
                    f"vragenlijst in{'' if rate == wording.HIDDEN else f' ({rate})'}: wees "
                    "voorzichtig met conclusies over deze groep.")
        out.append(Finding("response_low", text, {"sector": s.sector, "responded": s.responded,
                                                  "invited": s.invited}))
    return out


def wall_findings(mixing: Mixing, sizes: Mapping[str, int], *, anonymous: bool = False,
                  alpha: float = ALPHA, limit: int = 5) -> list[Finding]:
    """The whole network's E-I against random mixing, then the sector pairs that form a wall."""
    lvl = level_name(mixing.level)
    ei = mixing.ei
    out = []
    if ei.value is not None and ei.p_lower is not None:
        numbers = (f"E-I-index {wording.number(ei.value, 2)}; bij toeval "
                   f"{wording.number(ei.expected, 2)}")
        if ei.p_lower < alpha:
            text = (f"In het hele netwerk blijven banden op {lvl} vaker binnen de eigen sector "
                    f"dan je bij toeval verwacht ({numbers}; {wording.p_value(ei.p_lower)}).")
        elif ei.p_upper < alpha:
            text = (f"In het hele netwerk lopen banden op {lvl} vaker tussen sectoren dan je bij "
                    f"toeval verwacht ({numbers}; {wording.p_value(ei.p_upper)}).")
        else:
            text = (f"In het hele netwerk lopen banden op {lvl} ongeveer zo vaak tussen sectoren "
                    f"als je bij toeval verwacht ({numbers}).")
        out.append(Finding("network_mixing", text, {"ei": ei.value, "expected": ei.expected,
                                                    "p_lower": ei.p_lower,
                                                    "p_upper": ei.p_upper}))
    tested = [p for p in mixing.pairs if p.ei is not None and p.ei.p_lower is not None
              and _big_enough(anonymous, sizes.get(p.sectors[0], 0), sizes.get(p.sectors[1], 0))]
    walls = [p for p in tested if p.ei.value is not None and p.ei.expected is not None
             and p.ei.value < p.ei.expected and p.ei.p_lower < alpha]
    walls.sort(key=lambda p: (p.ei.p_lower, p.ei.value, p.sectors))
    for p in walls[:limit]:
        g, h = (group(s) for s in p.sectors)
        e = p.ei
        out.append(Finding(
            "wall",
            f"Tussen {g} en {h} zijn op {lvl} minder banden dan je bij toeval verwacht: "
            f"{e.external} tussen beide groepen en {e.internal} binnen de groepen zelf "
            f"(E-I-index {wording.number(e.value, 2)}; bij toeval "
            f"{wording.number(e.expected, 2)}; {wording.p_value(e.p_lower)}).",
            {"sectors": p.sectors, "external": e.external, "internal": e.internal,
             "ei": e.value, "expected": e.expected, "p": e.p_lower}))
    if walls:
        out.append(Finding("wall_caution", f"We vergeleken {len(tested)} paren van sectoren. "
                                           "Bij zoveel vergelijkingen kan ongeveer 1 op de 20 "
                                           "uitkomsten toeval zijn.", {"tested": len(tested)}))
    return out


def isolate_findings(metrics: LevelMetrics, *, labels: Mapping[str, str],
                     anonymous: bool = False) -> list[Finding]:
    """Who has no tie at this level (any-report view), and how many of them did not respond."""
    m = metrics.any
    lvl = level_name(metrics.level)
    k, silent = len(m.isolates), len(m.isolates_not_responded)
    if k == 0:
        return [Finding("isolates", f"Op {lvl} heeft iedereen minstens één band.",
                        {"isolates": 0, "not_responded": 0})]
    names = ""
    if not anonymous:
        shown = [labels[p] for p in m.isolates[:6]]
        names = " (" + ", ".join(shown) + (" en anderen" if k > 6 else "") + ")"
    one = k == 1 and not anonymous  # "<5" reads as more than one
    text = (f"{wording.count(k, anonymous=anonymous)} {'persoon heeft' if one else 'mensen hebben'}"
            f" op {lvl} met niemand een band{names}.")
    if silent and anonymous and wording.part(silent, k, anonymous=True) == wording.HIDDEN:
        text += (" Niet iedereen van hen vulde de vragenlijst in; wie dat niet deed, heeft "
                 "misschien wel banden.")
    elif silent:
        one = silent == 1 and not anonymous
        text += (f" {wording.count(silent, anonymous=anonymous)} van hen "
                 f"{'vulde' if one else 'vulden'} de vragenlijst niet in; misschien "
                 f"{'heeft die' if one else 'hebben zij'} wel banden.")
    return [Finding("isolates", text, {"isolates": k, "not_responded": silent})]


def mutual_findings(metrics: LevelMetrics) -> list[Finding]:
    """How often both people name a tie: the perception gap in one sentence."""
    share = metrics.directed.reciprocity_per_pair
    if share is None:
        return []
    return [Finding("mutual",
                    f"Op {level_name(metrics.level)} noemen bij {wording.pct(share)} van de "
                    "paren met een band beide mensen die band; bij de rest noemt maar één van "
                    "beiden hem.", {"share": share})]


def transition_findings(change: TransitionReport, moments: tuple[str, str], *,
                        anonymous: bool = False) -> list[Finding]:
    """New, lost, stronger and weaker ties (cells answered at both moments), joiners, leavers."""
    t = change.total
    out = []
    if t.cells:
        out.append(Finding(
            "transitions",
            f"Tussen {moments[0]} en {moments[1]} kwamen er "
            f"{wording.plural(t.new, 'band', 'banden')} bij en verdwenen er "
            f"{wording.plural(t.lost, 'band', 'banden')}; {t.strengthened} "
            f"{'werd' if t.strengthened == 1 else 'werden'} sterker en {t.weakened} "
            f"{'werd' if t.weakened == 1 else 'werden'} zwakker. Dat gaat over wat mensen "
            f"zeggen die beide keren meededen ({wording.plural(t.cells, 'antwoord', 'antwoorden')}"
            ").",
            t.summary()))
    joined, left = len(change.joined), len(change.left)
    if joined or left:
        out.append(Finding(
            "roster",
            f"Er {'kwam' if joined == 1 and not anonymous else 'kwamen'} "
            f"{wording.count(joined, anonymous=anonymous)} "
            f"{'persoon' if joined == 1 and not anonymous else 'mensen'} bij en "
            f"{wording.count(left, anonymous=anonymous)} "
            f"{'ging' if left == 1 and not anonymous else 'gingen'} weg; zij tellen niet mee in "
            "deze vergelijking.", {"joined": joined, "left": left}))
    return out
