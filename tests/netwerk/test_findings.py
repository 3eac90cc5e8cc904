"""The Dutch sentences, checked against counts made here by hand or by plain loops."""

from __future__ import annotations

import itertools
import re

import networkx as nx
import numpy as np
import pytest

from tests.netwerk.scans import relabel, roster, scan_from_graph
from wijkkracht.netwerk.core.change import tie_transitions
from wijkkracht.netwerk.core.metrics import ladder_metrics, level_metrics
from wijkkracht.netwerk.core.mixing import sector_mixing
from wijkkracht.netwerk.core.model import Person, Scan
from wijkkracht.netwerk.core.response import response_summary
from wijkkracht.netwerk.report import findings as say
from wijkkracht.netwerk.report import wording

SECTORS = {"h1": "huisarts", "h2": "huisarts", "h3": "huisarts", "h4": "huisarts",
           "h5": "huisarts", "s1": "sociaal wijkteam", "s2": "sociaal wijkteam",
           "s3": "sociaal wijkteam", "w1": "welzijn", "w2": "welzijn"}


def test_dutch_numbers_and_small_counts():
    assert wording.pct(0.184) == "18%" and wording.pct(0.045) == "4,5%"
    assert wording.pct(0) == "0%" and wording.pct(None) == "–"
    assert wording.p_value(0.0123) == "p = 0,012" and wording.p_value(0.0004) == "p < 0,001"
    assert wording.number(1234.5, 1) == "1.234,5"
    assert wording.count(4, anonymous=True) == "<5" and wording.count(5, anonymous=True) == "5"
    assert wording.count(2, anonymous=True) == "<5" and wording.count(2, anonymous=False) == "2"
    assert wording.count(0, anonymous=True) == "0" and wording.count(5, anonymous=True) == "5"
    assert wording.count(4, anonymous=True, base=2) == "–"
    assert wording.share(1, 8, anonymous=True) == "–" and wording.share(6, 12, anonymous=True) \
        == "50%"
    assert wording.share(3, 4, anonymous=True) == "–" and wording.share(3, 4, anonymous=False) \
        == "75%"
    assert wording.people_of("Huisarts") == "huisartsen"


def test_a_count_shown_with_its_total_protects_the_rest_too():
    # "<5 van de 6" would say that 2 to 5 people did not: neither part may be 1-4
    assert wording.part(2, 6, anonymous=True) == "–"
    assert wording.part(1, 6, anonymous=True) == "<5"  # the rest is 5: may be shown
    assert wording.part(23, 25, anonymous=True) == "–"
    assert wording.part(20, 25, anonymous=True) == "20"
    assert wording.part(25, 25, anonymous=True) == "25" and wording.part(0, 25, anonymous=True) \
        == "0"
    assert wording.part(3, 4, anonymous=True) == "–" and wording.part(2, 6, anonymous=False) == "2"
    assert wording.share(6, 8, anonymous=True) == "–" and wording.share(6, 8, anonymous=False) \
        == "75%"
    assert wording.people_of("GGD") == "mensen uit GGD" and wording.group("GGD") == "GGD"


def test_reach_counts_the_respondents_of_a_sector_who_name_nobody_of_another():
    # h5 did not respond; h1 has s2's number, h2 only knows s1, h3 and h4 name no one there
    answers = {("h1", "s2"): 2, ("h2", "s1"): 1, ("h3", "w1"): 3, ("s1", "h1"): 4}
    respondents = frozenset(SECTORS) - {"h5"}
    scan = Scan("T0", roster(SECTORS), respondents, answers)
    reach = {(r.sender, r.receiver): r for r in say.sector_reach(scan, 2)}
    r = reach[("huisarts", "sociaal wijkteam")]
    assert (r.invited, r.respondents, r.without) == (5, 4, 3)
    found = say.reach_findings(scan, 2)
    texts = [f.text for f in found]
    assert ("3 van de 4 huisartsen die meededen hebben van niemand bij het sociaal wijkteam "
            "het nummer.") in texts
    # at "ken ik" h2 knows s1: 2 of 4
    assert reach_of(scan, 1)[("huisarts", "sociaal wijkteam")] == (4, 2)
    # everyone of welzijn names nobody of the huisartsen: "Alle"
    assert "Alle 2 welzijnswerkers hebben van niemand bij de huisartsen het nummer." in texts
    # worst first: shares never rise down the list
    shares = [f.numbers["without"] / f.numbers["respondents"] for f in found]
    assert shares == sorted(shares, reverse=True)


def reach_of(scan: Scan, level: int) -> dict[tuple[str, str], tuple[int, int]]:
    """(respondents, respondents naming nobody at >= level) per sector pair, by plain loops."""
    out = {}
    for g in set(scan.sectors):
        senders = [p.id for p in scan.people if p.sector == g and p.id in scan.respondents]
        for h in set(scan.sectors) - {g}:
            others = [p.id for p in scan.people if p.sector == h]
            without = sum(all((scan.level(i, j) or 0) < level for j in others) for i in senders)
            out[(g, h)] = (len(senders), without)
    return out


def test_reach_sentences_on_a_random_network_agree_with_loops():
    rng = np.random.default_rng(11)
    people = [Person(f"p{i}", f"Persoon {i}", ("huisarts", "welzijn", "politie", "GGD")[i % 4])
              for i in range(40)]
    respondents = frozenset(p.id for p in people if rng.random() < 0.8)
    answers = {(a.id, b.id): int(rng.choice([0, 1, 2, 3, 4], p=[0.8, 0.08, 0.06, 0.04, 0.02]))
               for a in people for b in people if a.id in respondents and a != b}
    scan = Scan("T0", tuple(people), respondents, answers)
    for level in (1, 2, 3, 4):
        expected = reach_of(scan, level)
        found = say.reach_findings(scan, level, limit=100, min_share=0)
        assert len(found) == sum(1 for n, w in expected.values() if n and w)
        for f in found:
            n = f.numbers
            assert (n["respondents"], n["without"]) == expected[(n["sender"], n["receiver"])]
            assert f.text.startswith(f"{n['without']} van de {n['respondents']} ") or \
                f.text.startswith(f"Alle {n['respondents']} ")


def test_density_change_sentence_states_the_two_densities():
    people = roster({c: "S" for c in "abcde"})  # 20 cells, everyone responds
    pairs = list(itertools.permutations("abcde", 2))
    t0 = Scan("T0", people, frozenset("abcde"), dict.fromkeys(pairs[:4], 2))
    t1 = Scan("T1", people, frozenset("abcde"), dict.fromkeys(pairs[:6], 2))
    found = say.density_findings(ladder_metrics(t0), ladder_metrics(t1), moments=("T0", "T1"),
                                 level=2)
    assert found[0].text == ("De dichtheid op “heb het nummer” steeg van 20% naar 30% tussen "
                             "T0 en T1.")
    # the chosen level first; level 1 moved by 10 points too (the ladder is cumulative)
    assert [f.numbers["level"] for f in found] == [2, 1]
    same = say.density_findings(ladder_metrics(t1), ladder_metrics(t1), moments=("T1", "T1"),
                                level=2)
    assert [f.text for f in same] == ["De dichtheid op “heb het nummer” bleef 30% tussen T1 "
                                      "en T1."]
    fall = say.density_findings(ladder_metrics(t1), ladder_metrics(t0), moments=("T1", "T2"),
                                level=2)
    assert "daalde van 30% naar 20%" in fall[0].text


def bridge_scan(anna_to: tuple[str, ...]) -> tuple[Scan, nx.Graph]:
    """Huisartsen and sociaal wijkteam (cliques of 3) joined only through Anna (welzijn)."""
    people = [Person("anna", "Anna", "welzijn"), Person("w2", "Wim", "welzijn"),
              Person("w3", "Wanda", "welzijn"),
              *(Person(f"h{i}", f"Huib {i}", "huisarts") for i in range(3)),
              *(Person(f"s{i}", f"Sanne {i}", "sociaal wijkteam") for i in range(3))]
    graph = nx.Graph()
    graph.add_nodes_from(p.id for p in people)
    graph.add_edges_from(itertools.combinations(["h0", "h1", "h2"], 2))
    graph.add_edges_from(itertools.combinations(["s0", "s1", "s2"], 2))
    graph.add_edges_from([("w2", "w3"), *(("anna", other) for other in anna_to)])
    answers = {(u, v): 2 for a, b in graph.edges for u, v in ((a, b), (b, a))}
    return Scan("T0", tuple(people), frozenset(p.id for p in people), answers), graph


def cuts_between(graph: nx.Graph, scan: Scan, g: str, h: str) -> set[str]:
    """People whose removal leaves no path between the rest of sector g and of sector h."""
    sector = {p.id: p.sector for p in scan.people}
    out = set()
    for person in graph:
        rest = graph.copy()
        rest.remove_node(person)
        left = [v for v in rest if sector[v] == g]
        right = [v for v in rest if sector[v] == h]
        if left and right and not any(nx.has_path(rest, a, b) for a in left for b in right):
            out.add(person)
    return out


def test_a_single_bridge_is_named_in_the_named_report_and_not_in_the_anonymous_one():
    scan, graph = bridge_scan(("h0", "h1", "s0", "s1"))
    labels = {p.id: p.name for p in scan.people}
    assert cuts_between(graph, scan, "huisarts", "sociaal wijkteam") == {"anna"}
    found = say.bridge_findings(scan, 2, labels=labels)
    texts = [f.text for f in found]
    assert ("Alleen Anna (welzijn) verbindt de huisartsen met het sociaal wijkteam op “heb "
            "het nummer”: zonder deze persoon is er geen verbinding tussen die twee, ook niet "
            "via anderen.") in texts
    anonymous = say.bridge_findings(scan, 2, labels=labels, anonymous=True)
    # welzijn has one person, fewer than the anonymous report shows: no sentence about it
    assert not any("welzijn" in f.text for f in anonymous)
    assert not any(name in f.text for f in anonymous for name in ("Anna", "Huib", "Sanne"))
    # the direct ties of welzijn with the huisartsen all run through Anna
    assert ("Op “heb het nummer” lopen alle 2 banden tussen de huisartsen en welzijn via Anna "
            "(welzijn).") in texts


def test_a_chain_of_bridges_names_each_link():
    scan, graph = bridge_scan(("h0", "s0"))
    labels = {p.id: p.name for p in scan.people}
    cuts = cuts_between(graph, scan, "huisarts", "sociaal wijkteam")
    assert cuts == {"anna", "h0", "s0"}
    found = say.bridge_findings(scan, 2, labels=labels)
    chain = next(f for f in found if f.numbers["sectors"] == ("huisarts", "sociaal wijkteam"))
    assert set(chain.numbers["persons"]) == cuts
    assert chain.text.startswith("De huisartsen en het sociaal wijkteam zijn op “heb het "
                                 "nummer” alleen verbonden via ")
    assert all(f"{labels[p]} (" in chain.text for p in cuts)


def test_response_sentences_and_the_caution_for_a_low_sector():
    respondents = frozenset({"h1", "h2", "s1", "s2", "s3", "w1", "w2"})
    scan = Scan("T0", roster(SECTORS), respondents, {})
    found = say.response_findings(response_summary(scan))
    assert found[0].text == "7 van de 10 mensen vulden de vragenlijst in (70%)."
    low = [f for f in found if f.kind == "response_low"]
    # only the huisartsen (2 of 5 = 40 %) are below 70 %
    assert [f.numbers["sector"] for f in low] == ["huisarts"]
    assert low[0].text == ("Van de huisartsen vulden 2 van de 5 de vragenlijst in (40%): wees "
                           "voorzichtig met conclusies over deze groep.")
    anonymous = say.response_findings(response_summary(scan), anonymous=True)
    # "<5 van de 5" would give away that 1 to 4 did not answer: no count, and "7 van de 10"
    # (3 did not) neither
    assert anonymous[1].text == ("Van de huisartsen vulde minder dan 70% de vragenlijst in: wees "
                                 "voorzichtig met conclusies over deze groep.")
    assert not any(re.search(r"\d+ van de", f.text) for f in anonymous)
    assert anonymous[0].text.startswith("10 mensen kregen de vragenlijst; hoeveel er meededen")


def test_a_wall_between_two_segregated_sectors_is_found_with_its_counts():
    graph = relabel(nx.disjoint_union(nx.complete_graph(6), nx.complete_graph(6)))
    graph.add_edge("0", "6")
    sector = {str(i): "huisarts" if i < 6 else "welzijn" for i in range(12)}
    scan = scan_from_graph(graph, sector)
    mixing = sector_mixing(scan, 1, view="any", permutations=499, seed=3)
    found = say.wall_findings(mixing, {"huisarts": 6, "welzijn": 6})
    wall = next(f for f in found if f.kind == "wall")
    external = sum(sector[u] != sector[v] for u, v in graph.edges)
    internal = graph.number_of_edges() - external
    assert (wall.numbers["external"], wall.numbers["internal"]) == (external, internal) == (1, 30)
    assert wall.text.startswith("Tussen de huisartsen en welzijn zijn op “ken ik” minder "
                                "banden dan je bij toeval verwacht: 1 tussen beide groepen en "
                                "30 binnen de groepen zelf (E-I-index -0,94;")
    assert wall.numbers["p"] < 0.05 and re.search(r"p = 0,0\d\d\)", wall.text)
    assert found[0].kind == "network_mixing" and "vaker binnen de eigen sector" in found[0].text


def test_no_wall_where_ties_cross_sectors():
    graph = relabel(nx.complete_bipartite_graph(5, 5))
    sector = {str(i): "A" if i < 5 else "B" for i in range(10)}
    mixing = sector_mixing(scan_from_graph(graph, sector), 1, view="any", permutations=499)
    found = say.wall_findings(mixing, {"A": 5, "B": 5})
    assert [f.kind for f in found] == ["network_mixing"]
    assert "vaker tussen sectoren" in found[0].text


def test_isolates_and_who_did_not_respond():
    answers = {("h1", "h2"): 2, ("h2", "h1"): 2, ("s1", "s2"): 1}
    respondents = frozenset(SECTORS) - {"w2", "h5"}
    scan = Scan("T0", roster(SECTORS), respondents, answers)
    labels = {p.id: p.name for p in scan.people}
    found = say.isolate_findings(level_metrics(scan, 2), labels=labels)
    # at level 2 only h1 and h2 are tied; 8 have no tie, h5 and w2 did not respond
    assert found[0].numbers == {"isolates": 8, "not_responded": 2}
    assert found[0].text.startswith("8 mensen hebben op “heb het nummer” met niemand een band (")
    assert "2 van hen vulden de vragenlijst niet in" in found[0].text
    anonymous = say.isolate_findings(level_metrics(scan, 2), labels=labels, anonymous=True)
    assert "(" not in anonymous[0].text and "<5 van hen vulden" in anonymous[0].text


def test_transition_sentence_counts_new_and_lost_ties():
    people = roster({c: "S" for c in "abcd"})
    everyone = frozenset("abcd")
    t0 = Scan("T0", people, everyone, {("a", "b"): 1, ("b", "c"): 3, ("c", "d"): 2})
    t1 = Scan("T1", people, everyone, {("a", "b"): 2, ("b", "c"): 1, ("d", "a"): 4})
    found = say.transition_findings(tie_transitions(t0, t1), ("T0", "T1"))
    # by hand: d->a new; c->d lost; a->b stronger; b->c weaker; 12 cells compared
    assert found[0].text == ("Tussen T0 en T1 kwamen er 1 band bij en verdwenen er 1 band; 1 "
                             "werd sterker en 1 werd zwakker. Dat gaat over wat mensen zeggen "
                             "die beide keren meededen (12 antwoorden).")


def test_mutual_ties_sentence():
    scan = Scan("T0", roster({c: "S" for c in "abc"}), frozenset("abc"),
                {("a", "b"): 2, ("b", "a"): 2, ("a", "c"): 2})
    found = say.mutual_findings(level_metrics(scan, 2))
    # pairs with a tie: a-b (both say it), a-c (one says it): 50 %
    assert found[0].text.startswith("Op “heb het nummer” noemen bij 50% van de paren")
    assert found[0].numbers["share"] == pytest.approx(0.5)
