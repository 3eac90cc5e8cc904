"""The anonymous report of a normal wijk scan: small sectors pooled by domain, not all at once."""

from __future__ import annotations

import itertools

import numpy as np

from wijkkracht.netwerk.core.model import Answer, Person, Scan
from wijkkracht.netwerk.report import build_report, report_html
from wijkkracht.netwerk.report.pooling import REST, plan_pooling

# A typical wijk scan: 25 people over 11 sectors, none with 5 people.
SIZES = {"huisarts": 3, "wijkverpleging": 3, "ggz": 2, "sociaal wijkteam": 4, "welzijn": 3,
         "jeugd": 2, "vrijwilligers": 2, "woningcorporatie": 1, "school": 2, "politie": 2,
         "gemeente": 1}
DOMAINS = {"huisarts": "zorg", "wijkverpleging": "zorg", "ggz": "zorg",
           "sociaal wijkteam": "sociaal domein", "welzijn": "sociaal domein",
           "jeugd": "sociaal domein", "school": "sociaal domein",
           "vrijwilligers": "gemeenschap en informeel",
           "woningcorporatie": "gemeenschap en informeel", "politie": "veiligheid",
           "gemeente": "gemeente"}


def wijk_scan(seed: int = 3) -> Scan:
    """Ties mostly within a domain, as in a wijk where the walls run between domains."""
    people = tuple(Person(f"p{sector[:3]}{k}", f"Naam {sector} {k}", sector)
                   for sector, n in SIZES.items() for k in range(n))
    rng = np.random.default_rng(seed)
    answers = {}
    for a, b in itertools.permutations(people, 2):
        same = DOMAINS[a.sector] == DOMAINS[b.sector]
        answers[(a.id, b.id)] = Answer(int(rng.random() < (0.9 if same else 0.15)) * 2)
    return Scan("T0", people, frozenset(p.id for p in people), answers)


def test_small_sectors_are_pooled_by_domain_and_the_rest_further():
    pooling = plan_pooling(SIZES, DOMAINS)
    assert pooling.group_of["huisarts"] == pooling.group_of["ggz"] == "zorg"  # 8 people
    assert pooling.group_of["jeugd"] == "sociaal domein"  # 11 people
    # gemeenschap en informeel (3), veiligheid (2) and gemeente (1) are too small alone: 6
    assert {pooling.group_of[s] for s in ("vrijwilligers", "politie", "gemeente")} == {REST}
    assert set(pooling.groups) == {"zorg", "sociaal domein", REST}
    # a sector large enough on its own stays itself, its domain keeps the rest
    big = plan_pooling({**SIZES, "huisarts": 6}, DOMAINS)
    assert big.group_of["huisarts"] == "huisarts" and big.group_of["ggz"] == "zorg"
    # without a domain list every small sector is pooled into one group, as before
    assert set(plan_pooling(SIZES).groups) == {REST}


def test_a_normal_wijk_scan_still_says_something_about_mixing():
    scan = wijk_scan()
    pooled = build_report([scan], title="Wijk", anonymous=True, permutations=199,
                          domains=DOMAINS).moments[0]
    mixing = next(f for f in pooled.findings if f.kind == "network_mixing")
    # three groups of 6 or more: ties stay inside the domain far more than by chance
    assert pooled.heat_map.sectors == (REST, "sociaal domein", "zorg")
    assert mixing.numbers["ei"] > -1 and mixing.numbers["p_lower"] < 0.05
    assert "vaker binnen de eigen sector" in mixing.text
    html = report_html(build_report([scan], title="Wijk", anonymous=True, permutations=99,
                                    domains=DOMAINS))
    assert "Samengevoegde groepen" in html and "politie" not in html and "Naam" not in html
    # the old rule (every small sector in one group) had a single group: E-I -1, nothing said
    lumped = build_report([scan], title="Wijk", anonymous=True, permutations=199).moments[0]
    assert lumped.heat_map is None
    assert not any(f.kind == "network_mixing" for f in lumped.findings)
