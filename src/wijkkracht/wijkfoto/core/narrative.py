"""The plain-Dutch summary of a wijkfoto, with the caution about multiple comparisons.

"Op 31 van de 40 kenmerken wijkt de Transvaalwijk niet af van Haarlem; hoger: ...; lager: ..."
Only indicators with an interval are counted; averages without one are mentioned separately.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijkkracht.areas.registry import Area

from .wording import TREND_NL, fmt_value

if TYPE_CHECKING:
    from .profile import IndicatorView, SimilarView

UP = ("better", "higher")
DOWN = ("lower",)


def _direction(view: IndicatorView, comparison) -> int:
    value, bench = view.value, comparison.benchmark_value
    if value is None or bench is None:
        return 0
    return (value > bench) - (value < bench)


def _item(view: IndicatorView, comparison, year: int | None = None) -> str:
    strong = "; ook op 99,8%" if comparison.level == 0.998 else ""
    judgement = {"better": "; gunstig", "worse": "; ongunstig"}.get(comparison.verdict, "")
    when = f"{view.year}: " if year is not None and view.year not in (None, year) else ""
    return (f"{view.label} ({when}{fmt_value(view.value, view.unit)} tegen "
            f"{fmt_value(comparison.benchmark_value, view.unit)}{judgement}{strong})")


def _peer_sentence(area: Area, views: list[IndicatorView]) -> str | None:
    """Which indicators stand out even allowing for the usual differences between areas."""
    assessed = [v for v in views if v.peers.funnel_verdict != "not_compared"]
    if not assessed:
        return None
    peers = assessed[0].peers.group
    out = [v for v in assessed if v.peers.funnel_verdict != "similar"]
    where = f"in {area.gemeente_name}" if area.level in ("WK", "BU") else "in Nederland"
    if not out:
        return (f"Rekening houdend met hoe sterk {peers} {where} gewoonlijk van elkaar "
                f"verschillen, valt {area.name} op geen van de {len(assessed)} kenmerken op.")
    shown = "; ".join(f"{v.label} ({'hoog' if (v.peers.funnel_z or 0) > 0 else 'laag'})"
                      for v in out)
    return (f"Rekening houdend met hoe sterk {peers} {where} gewoonlijk van elkaar verschillen "
            f"(funnel met overdispersie), valt {area.name} op bij {len(out)} van de "
            f"{len(assessed)} kenmerken: {shown}.")


def _earlier_sentence(area: Area, views: list[IndicatorView], year: int) -> str | None:
    """Which indicators come from an earlier year, because the latest has no figure."""
    earlier = [v for v in views if v.value is not None and v.year not in (None, year)]
    if not earlier:
        return None
    by_year: dict[int, list[str]] = {}
    for v in earlier:
        by_year.setdefault(v.year, []).append(v.label)
    parts = "; ".join(f"uit {y}: {', '.join(labels)}" for y, labels in
                      sorted(by_year.items(), reverse=True))
    changed = [v for v in earlier if v.area_change]
    caution = (f" Let op: de indeling van {area.name} is daarna gewijzigd bij "
               f"{len(changed)} van deze kenmerken (zie de tabel)." if changed else "")
    return (f"Voor {len(earlier)} kenmerken heeft CBS over {year} (nog) geen cijfer voor "
            f"{area.name}; die komen uit het laatste jaar met een cijfer, met de gemeente en "
            f"Nederland uit datzelfde jaar ({parts}).{caution}")


def _similar_sentence(area: Area, views: list[IndicatorView], similar: SimilarView,
                      year: int) -> str | None:
    """What differs from the areas most like this one."""
    tested = [v for v in views if v.vs_similar and v.vs_similar.verdict != "not_compared"]
    if not tested:
        return None
    higher = [v for v in tested if v.vs_similar.verdict != "similar"
              and _direction(v, v.vs_similar) > 0]
    lower = [v for v in tested if v.vs_similar.verdict != "similar"
             and _direction(v, v.vs_similar) < 0]
    head = (f"Vergeleken met de {len(similar.areas)} {similar.group} in het land die qua "
            f"bevolking en huishoudens het meest op {area.name} lijken, wijkt {area.name} op "
            f"{len(tested) - len(higher) - len(lower)} van de {len(tested)} kenmerken niet af")
    parts = []
    if higher:
        parts.append("hoger: " + "; ".join(_item(v, v.vs_similar, year) for v in higher))
    if lower:
        parts.append("lager: " + "; ".join(_item(v, v.vs_similar, year) for v in lower))
    return head + (". " + ". ".join(p[0].upper() + p[1:] for p in parts) if parts else "") + "."


def narrative(area: Area, views: list[IndicatorView], compare: str, bench_name: str, year: int,
              trend_year: int | None, similar_areas: SimilarView | None = None) -> list[str]:
    attr = "vs_gemeente" if compare == "gemeente" else "vs_nl"
    tested = [v for v in views if getattr(v, attr).verdict != "not_compared"]
    untested = [v for v in views if v.value is not None and getattr(v, attr).verdict
                == "not_compared"]
    similar = [v for v in tested if getattr(v, attr).verdict == "similar"]
    higher = [v for v in tested if getattr(v, attr).verdict != "similar"
              and _direction(v, getattr(v, attr)) > 0]
    lower = [v for v in tested if getattr(v, attr).verdict != "similar"
             and _direction(v, getattr(v, attr)) < 0]
    lines = []
    if not tested:
        lines.append(f"Voor {area.name} zijn in {year} geen kenmerken met een "
                     f"betrouwbaarheidsinterval beschikbaar; er is niets te toetsen.")
        return lines
    head = (f"Op {len(similar)} van de {len(tested)} kenmerken wijkt {area.name} in {year} "
            f"niet af van {bench_name}")
    parts = []
    if higher:
        parts.append("hoger: " + "; ".join(_item(v, getattr(v, attr), year) for v in higher))
    if lower:
        parts.append("lager: " + "; ".join(_item(v, getattr(v, attr), year) for v in lower))
    lines.append(head + (". " + ". ".join(p[0].upper() + p[1:] for p in parts) if parts else "")
                 + ".")
    peer_line = _peer_sentence(area, views)
    if peer_line and compare == "gemeente":
        lines.append(peer_line)
    similar_line = (_similar_sentence(area, views, similar_areas, year) if similar_areas
                    else None)
    if similar_line:
        lines.append(similar_line)
    earlier_line = _earlier_sentence(area, views, year)
    if earlier_line:
        lines.append(earlier_line)
    expected = len(tested) * 0.05
    by_chance = max(1, round(expected))
    lines.append(
        f"Let op: bij {len(tested)} vergelijkingen met 95% zekerheid is ongeveer {by_chance} "
        f"{'verschil' if by_chance == 1 else 'verschillen'} door toeval te verwachten. "
        "Verschillen die ook "
        "op 99,8% gelden, zijn betrouwbaarder. Een verschil telt alleen als het ook groot genoeg "
        "is om er in de praktijk toe te doen."
    )
    if untested:
        lines.append(
            f"{len(untested)} kenmerken (gemiddelden, afstanden en dichtheden) hebben geen "
            "betrouwbaarheidsinterval en zijn niet getoetst; hun plaats tussen de andere "
            "gebieden staat in de tabel."
        )
    if trend_year is not None:
        changed = [v for v in views if v.trend and v.trend["verdict"] not in
                   ("similar", "not_compared")]
        compared = [v for v in views if v.trend and v.trend["verdict"] != "not_compared"]
        not_comparable = [v for v in views if v.trend and not v.trend["comparable"]]
        if not_comparable and not compared:
            lines.append(f"Sinds {trend_year} is de indeling van {area.name} gewijzigd of bestond "
                         "het gebied nog niet; de cijfers zijn niet te vergelijken.")
        elif compared:
            detail = "; ".join(f"{v.label} {TREND_NL[v.trend['verdict']]} "
                               f"({fmt_value(v.trend['earlier_value'], v.unit)} → "
                               f"{fmt_value(v.value, v.unit)})" for v in changed)
            lines.append(f"Sinds {trend_year}: {len(compared) - len(changed)} van de "
                         f"{len(compared)} kenmerken zijn niet aantoonbaar veranderd"
                         + (f"; wel veranderd: {detail}." if changed else "."))
    return lines
