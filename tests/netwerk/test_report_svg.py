"""The network pictures (SVG) and the mixing heat map: shapes, marks, contrast, numbers."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from tests.netwerk.scans import relabel, roster, scan_from_graph
from wijkkracht.netwerk.core.layout import scan_layout
from wijkkracht.netwerk.core.mixing import sector_mixing
from wijkkracht.netwerk.core.model import Scan
from wijkkracht.netwerk.report.heatmap import heat_map
from wijkkracht.netwerk.report.svg import (
    CONFIRMED_TIE,
    ONE_SIDED_TIE,
    OUTLINE,
    PALETTE,
    SHAPES,
    contrast_ratio,
    legend_svg,
    network_picture,
    network_svg,
    sector_styles,
)

SECTORS = {"h1": "huisarts", "h2": "huisarts", "h3": "huisarts", "a": "welzijn",
           "s1": "sociaal wijkteam", "s2": "sociaal wijkteam", "s3": "sociaal wijkteam",
           "x": "politie"}


def bridged() -> Scan:
    """Huisartsen and sociaal wijkteam, each a clique, joined only through Anna (welzijn);
    h1 -> a is one-sided, the rest mutual; x (politie) has no tie."""
    levels = {}
    for group in (["h1", "h2", "h3"], ["s1", "s2", "s3"]):
        for u, v in itertools.permutations(group, 2):
            levels[(u, v)] = 2
    levels.update({("h1", "a"): 2, ("a", "s1"): 2, ("s1", "a"): 2})
    return Scan("T0", roster(SECTORS), frozenset(SECTORS), levels)


def picture(scan: Scan, level: int = 2, **kwargs):
    pos = scan_layout([scan])
    labels = {p.id: p.name for p in scan.people}
    return network_picture(scan, level, pos, styles=sector_styles(scan.sectors), labels=labels,
                           **kwargs)


def people_in(svg: ET.Element) -> list[ET.Element]:
    return [e for e in svg.iter() if "person" in e.get("class", "").split()]


def test_svg_is_xml_with_one_marker_per_person_and_a_text_alternative():
    scan = bridged()
    pic = picture(scan)
    root = ET.fromstring(str(pic.svg))
    assert root.tag == "svg" and root.get("role") == "img"
    assert "8 mensen" in root.get("aria-label")
    assert root[0].tag == "title" and "heb het nummer" in root[0].text
    markers = people_in(root)
    assert len(markers) == len(scan.people)
    assert sorted(m.find("title").text for m in markers) == sorted(p.name for p in scan.people)
    assert [r.sector for r in pic.rows] == sorted(set(SECTORS.values()))
    huisarts = next(r for r in pic.rows if r.sector == "huisarts")
    assert (huisarts.people, huisarts.within, huisarts.between) == ("3", "3", "1")


def test_each_sector_has_its_own_shape_and_colour():
    styles = sector_styles(f"sector {i:02d}" for i in range(30))
    pairs = [(s.shape, s.colour) for s in styles.values()]
    assert len(set(pairs)) == 30
    first = list(styles.values())[:len(SHAPES)]
    assert len({s.shape for s in first}) == len(SHAPES)
    # and the picture draws them: markers of different sectors differ in shape
    scan = bridged()
    root = ET.fromstring(str(picture(scan).svg))
    shape_of = {}
    for marker, person in zip(people_in(root), scan.people, strict=True):
        shape_of.setdefault(person.sector, set()).add(marker.get("class"))
    assert all(len(shapes) == 1 for shapes in shape_of.values())
    assert len({next(iter(s)) for s in shape_of.values()}) == len(shape_of)


def test_colours_meet_wcag_non_text_contrast_on_white():
    assert contrast_ratio("#000000") == pytest.approx(21)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)
    for colour in (*PALETTE, CONFIRMED_TIE, ONE_SIDED_TIE, OUTLINE):
        assert contrast_ratio(colour) >= 3, colour


def test_legend_names_every_sector_and_every_mark():
    scan = bridged()
    styles = sector_styles(scan.sectors)
    root = ET.fromstring(f"<svg>{legend_svg(styles)}</svg>")
    texts = [t.text for t in root.iter("text")]
    assert texts[:4] == sorted(set(SECTORS.values()))
    assert {"enige brug tussen sectoren", "geen band", "bevestigde band",
            "eenzijdige band"} <= set(texts)
    labels = {p.id: p.name for p in scan.people}
    with_legend = network_svg(scan, 2, scan_layout([scan]), styles=styles, labels=labels,
                              marks={}, title="t", label="l", legend=True)
    assert 'class="legend"' in with_legend and "sociaal wijkteam" in with_legend


def test_confirmed_ties_are_solid_and_one_sided_ties_dashed():
    scan = bridged()
    pic = picture(scan)
    root = ET.fromstring(str(pic.svg))
    paths = {e.get("class"): e for e in root.iter("path") if "ties" in e.get("class", "")}
    solid, dashed = paths["ties confirmed"], paths["ties one-sided"]
    assert solid.get("stroke-dasharray") is None and dashed.get("stroke-dasharray")
    # 3 + 3 mutual ties inside the cliques and a <-> s1; h1 -> a is said by h1 only
    assert solid.get("d").count("M") == 7 == pic.confirmed
    assert dashed.get("d").count("M") == 1 == pic.one_sided


def test_sole_bridges_get_a_ring_and_isolates_are_hollow():
    scan = bridged()
    pic = picture(scan)
    assert "bridge" in pic.brokers["A"]  # Anna is the only way between the two cliques
    assert pic.isolates == ("X",)
    root = ET.fromstring(str(pic.svg))
    rings = [e for e in root.iter("circle") if "bridge" in e.get("class", "")]
    assert len(rings) == sum("bridge" in kinds for kinds in pic.brokers.values())
    hollow = [m for m in people_in(root) if m.get("fill") == "#ffffff"]
    assert [m.find("title").text for m in hollow] == ["X"]
    politie = next(r for r in pic.rows if r.sector == "politie")
    assert politie.isolates == "1"


def test_anonymous_picture_rows_hide_groups_under_five():
    scan = bridged()
    pos = scan_layout([scan])
    labels = {p.id: f"{p.sector} 1" for p in scan.people}
    pic = network_picture(scan, 2, pos, styles=sector_styles(scan.sectors), labels=labels,
                          anonymous=True)
    welzijn = next(r for r in pic.rows if r.sector == "welzijn")
    assert welzijn.people == "<5" and welzijn.within == "–" and welzijn.brokers == "–"
    huisarts = next(r for r in pic.rows if r.sector == "huisarts")
    assert huisarts.people == "<5" and huisarts.between == "–"
    named = network_picture(scan, 2, pos, styles=sector_styles(scan.sectors), labels=labels)
    huisarts = next(r for r in named.rows if r.sector == "huisarts")
    assert huisarts.people == "3" and huisarts.between == "1"


def test_a_person_without_a_position_is_an_error():
    scan = bridged()
    pos = scan_layout([scan])
    del pos["x"]
    with pytest.raises(ValueError, match="no position"):
        network_picture(scan, 1, pos, styles=sector_styles(scan.sectors),
                        labels={p.id: p.name for p in scan.people})


def test_heat_map_cells_hold_the_counted_ties_and_the_expectation():
    graph = relabel(nx.gnp_random_graph(24, 0.25, seed=4, directed=True))
    sector = {v: ("GGD", "huisarts", "wijkteam")[int(v) % 3] for v in graph}
    scan = scan_from_graph(graph, sector)
    mixing = sector_mixing(scan, 1, view="directed", permutations=199, seed=1)
    size = {s: list(sector.values()).count(s) for s in set(sector.values())}
    hm = heat_map(mixing, row_people=size, column_people=size)
    assert hm.sectors == ("GGD", "huisarts", "wijkteam")
    for g, row in zip(hm.sectors, hm.rows, strict=True):
        for h, cell in zip(hm.sectors, row, strict=True):
            ties = sum(sector[u] == g and sector[v] == h for u, v in graph.edges)
            assert cell.observed == str(ties)
            assert f"{ties} banden" in cell.label
            pair = mixing.pair(g, h)
            assert cell.expected == f"{pair.expected:.1f}".replace(".", ",")
            assert (cell.symbol == "▼") == (pair.p_fewer < 0.05)
            assert cell.css in ("h1", "h2", "h3", "h4", "h5")


def test_heat_map_of_a_wall_marks_it_and_hides_small_groups_when_anonymous():
    graph = relabel(nx.disjoint_union(nx.complete_graph(6), nx.complete_graph(6)))
    sector = {str(i): "A" if i < 6 else "B" for i in range(12)}
    sector["11"] = "C"  # a group of one
    scan = scan_from_graph(graph, sector)
    mixing = sector_mixing(scan, 1, view="directed", permutations=499, seed=1)
    size = {"A": 6, "B": 5, "C": 1}
    hm = heat_map(mixing, row_people=size, column_people=size, anonymous=True)
    cells = dict(zip(hm.sectors, hm.rows, strict=True))
    wall = cells["A"][1]
    assert wall.observed == "0" and wall.symbol == "▼" and wall.css == "h1"
    assert cells["A"][2].observed == "–" and cells["C"][0].css == "hidden" and hm.hidden
    with pytest.raises(ValueError, match="directed"):
        heat_map(sector_mixing(scan, 1, view="any", permutations=0), row_people=size,
                 column_people=size)
