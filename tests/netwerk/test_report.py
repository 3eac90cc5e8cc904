"""The whole netwerkscan report: named and anonymous, HTML page and block, PDF, real data."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
import zlib

import numpy as np
import pytest

from tests.conftest import SHARED, need
from wijkkracht.netwerk.core.levels import level_network
from wijkkracht.netwerk.core.model import Answer, Person, Scan
from wijkkracht.netwerk.core.people import sector_bridges
from wijkkracht.netwerk.core.readers import read_knoke, read_krackhardt, scan_from_relation
from wijkkracht.netwerk.report import build_report, report_html, report_pdf
from wijkkracht.netwerk.report.build import POOLED_SECTOR

NETWORKS = SHARED / "networks"
# Names nobody would write by accident, so their absence means something.
FIRST = ["Zebulon", "Xanthippe", "Quirijn", "Wubbo", "Ysbrand", "Fokeltje", "Gerolf", "Hiske",
         "Jildou", "Klaske", "Lieuwe", "Meintje", "Nanning", "Oebele", "Pietje"]
SECTORS = (["huisarts"] * 5 + ["sociaal wijkteam"] * 4 + ["welzijn"] * 4 + ["politie"] * 2)


def roster(joiner: bool = False) -> tuple[Person, ...]:
    people = [Person(f"id-{name.lower()}-{k}", f"{name} Quackenbush", sector,
                     f"Praktijk {name}haven")
              for k, (name, sector) in enumerate(zip(FIRST, SECTORS, strict=True))]
    if joiner:
        people = [*people[1:], Person("id-rindert-99", "Rindert Vlasbloem", "welzijn",
                                      "Stichting Vlasbloemhaven")]
    return tuple(people)


def moment(name: str, seed: int, joiner: bool = False, silent: int = 2) -> Scan:
    rng = np.random.default_rng(seed)
    people = roster(joiner)
    respondents = frozenset(p.id for p in people[:-silent])
    answers = {}
    for a, b in itertools.permutations(people, 2):
        if a.id in respondents:
            same = a.sector == b.sector
            level = int(rng.choice(5, p=[0.3, 0.2, 0.2, 0.2, 0.1] if same
                                   else [0.6, 0.15, 0.15, 0.07, 0.03]))
            scored = level > 0 and rng.random() < 0.5
            answers[(a.id, b.id)] = Answer(level, (int(rng.integers(1, 5)),) if scored else (),
                                           (int(rng.integers(1, 5)),) if scored else ())
    return Scan(name, people, respondents, answers)


@pytest.fixture(scope="module")
def scans() -> list[Scan]:
    return [moment("T0", 1), moment("T1", 2, joiner=True)]


@pytest.fixture(scope="module")
def named(scans):
    return build_report(scans, title="Wijk De Proef", permutations=199)


@pytest.fixture(scope="module")
def anonymous(scans):
    return build_report(scans, title="Wijk De Proef", anonymous=True, permutations=199)


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]


def test_named_report_has_every_part_for_every_moment(named, scans):
    assert [m.moment for m in named.moments] == ["T0", "T1"]
    assert len(named.changes) == 1 and named.changes[0].before == "T0"
    for m, scan in zip(named.moments, scans, strict=True):
        assert [p.level for p in m.pictures] == [1, 2, 3, 4]
        assert len(m.metrics) == 10 and all(len(row.cells) == 4 for row in m.metrics)
        assert m.heat_map.sectors == ("huisarts", "politie", "sociaal wijkteam", "welzijn")
        assert [row.label for row in m.response][-1] == "Totaal"
        if scan is scans[-1]:
            by_sector = sorted((p.sector, p.name) for p in scan.people)
            assert [(row.cells[0], row.label) for row in m.persons] == by_sector
        else:
            assert m.persons is None  # the person table is about the latest moment
        assert m.findings and all(f.text.endswith(".") for f in m.findings)
        assert m.cautions  # two people did not respond at each moment
    change = named.changes[0]
    assert len(change.transitions) == 5 and all(len(r.cells) == 5 for r in change.transitions)
    assert any(f.kind == "roster" for f in change.findings)  # one left, one joined
    assert set(named.positions) == {p.id for s in scans for p in s.people}


def test_html_is_one_self_contained_page_with_accessible_pictures(named, scans):
    html = report_html(named)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "Wijk De Proef" in html and "Zebulon Quackenbush" in html
    assert "http://" not in html and "https://" not in html and "<script" not in html
    pictures = [s for s in svgs(html) if s.get("class") == "netwerk"]
    assert len(pictures) == 8
    for svg in pictures:
        assert svg.get("role") == "img" and svg.get("aria-label")
        assert svg.find("title") is not None
    people = [e for e in pictures[0].iter() if "person" in e.get("class", "").split()]
    assert len(people) == len(scans[0].people)
    assert html.count('class="nw-alt"') == 8  # a table behind every picture


def test_pictures_keep_each_person_in_the_same_place_at_every_moment(named, scans):
    def places(svg: ET.Element) -> dict[str, tuple[str, str]]:
        out = {}
        for e in svg.iter():
            if "person" in e.get("class", "").split():
                name = e.find("title").text
                out[name] = ((e.get("cx"), e.get("cy")) if e.tag == "circle" else
                             re.fullmatch(r"translate\(([\d.]+) ([\d.]+)\)",
                                          e.get("transform")).groups())
        return out

    t0, t1 = (places(ET.fromstring(str(m.pictures[0].svg))) for m in named.moments)
    common = set(t0) & set(t1)
    assert len(common) == len(scans[0].people) - 1
    assert all(t0[name] == t1[name] for name in common)


def test_anonymous_report_names_nobody(anonymous, scans):
    html = report_html(anonymous)
    block = report_html(anonymous, standalone=False)
    texts = [html, block, *(str(p.svg) for m in anonymous.moments for p in m.pictures),
             *(f.text for m in anonymous.moments for f in m.findings),
             *(f.text for c in anonymous.changes for f in c.findings)]
    secrets = {p.name for s in scans for p in s.people} | {p.id for s in scans for p in s.people}
    secrets |= {p.organisation for s in scans for p in s.people}
    secrets |= {"Quackenbush", "Vlasbloem", *FIRST}
    for text in texts:
        leaked = [s for s in secrets if s in text]
        assert not leaked, leaked
    assert all(m.persons is None for m in anonymous.moments)
    assert anonymous.positions == {}
    assert "Anonieme versie" in html and "&lt;5" in html
    # people are drawn as sector and number
    titles = {e.find("title").text for svg in svgs(html) for e in svg.iter()
              if "person" in e.get("class", "").split()}
    assert "huisarts 1" in titles and all(re.fullmatch(r"[a-z ]+ \d+", t) for t in titles)


def test_anonymous_report_pools_sectors_of_fewer_than_five(anonymous, named):
    # huisarts and welzijn (4 + a joiner at T1) have 5 people; sociaal wijkteam (4) and
    # politie (2) are pooled
    for m in anonymous.moments:
        assert m.heat_map.sectors == ("huisarts", POOLED_SECTOR, "welzijn")
        assert {row.label for row in m.response} >= {"huisarts", POOLED_SECTOR, "welzijn"}
    html = report_html(anonymous)
    for sector in ("politie", "sociaal wijkteam"):
        assert sector not in html, sector
        assert sector in report_html(named)
    # the pooled group is large enough to be shown
    pooled = next(row for row in anonymous.moments[0].response if row.label == POOLED_SECTOR)
    assert pooled.cells[0] == "6"


def test_a_small_pooled_group_is_still_suppressed():
    sectors = ["huisarts"] * 5 + ["politie"] * 2
    people = tuple(Person(f"p{k}", f"{FIRST[k]} Quackenbush", s) for k, s in enumerate(sectors))
    ids = [p.id for p in people]
    answers = {(a, b): 2 for a, b in itertools.permutations(ids, 2) if (int(a[1]) + int(b[1])) % 2}
    scan = Scan("T0", people, frozenset(ids), answers)
    t0 = build_report([scan], title="Klein", anonymous=True, permutations=99).moments[0]
    pooled = next(row for row in t0.response if row.label == POOLED_SECTOR)
    assert pooled.cells == ("<5", "–", "–")
    # one group of 5 and one too small to show: nothing to say about mixing between groups
    assert t0.heat_map is None
    assert not any(f.kind in ("network_mixing", "wall") for f in t0.findings)
    assert "Banden tussen sectoren" in report_html(build_report(
        [scan], title="Klein", anonymous=True, permutations=99))
    assert not any(POOLED_SECTOR in f.text or "politie" in f.text for f in t0.findings)
    trust = next(row for row in t0.partner if row.label == POOLED_SECTOR)
    assert trust.cells == ("–", "–", "–")


def test_the_reconstructed_report_says_it_is_an_estimate(scans):
    from wijkkracht.netwerk.core.response import reconstruct

    plain = build_report(scans[:1], title="T", permutations=99)
    filled = build_report(scans[:1], title="T", permutations=99, reconstructed=True)
    expected = reconstruct(scans[0])
    assert expected.imputed_cells > 0
    assert any(f"{expected.imputed_cells} antwoorden zijn aangevuld" in c
               for c in filled.moments[0].cautions)
    assert not any("aangevuld" in c for c in plain.moments[0].cautions)
    # the observed cells are all still there; filling in only adds cells
    assert plain.moments[0].metrics != filled.moments[0].metrics


def test_the_web_block_is_the_report_without_the_page(named):
    block = report_html(named, standalone=False)
    page = report_html(named)
    assert "<html" not in block and "<style" not in block
    assert block.lstrip().startswith('<div class="wk-report nw-report">')
    assert block.strip() in page


def test_pdf_is_a_short_a4_document(anonymous):
    pdf = report_pdf(anonymous)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    objects = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", match.end())
        try:
            objects.append(zlib.decompress(pdf[match.end():end]))
        except zlib.error:
            continue
    text = b"\n".join(objects)
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", text))
    assert 1 <= pages <= 8
    boxes = {tuple(round(float(v)) for v in box.split())
             for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", text)}
    assert boxes == {(0, 0, 595, 842)}  # A4 portrait, in points


def test_positions_of_an_earlier_report_are_kept(scans):
    first = build_report(scans[:1], title="T0", permutations=0)
    later = build_report(scans, title="T0 en T1", positions=first.positions, permutations=0)
    for person, xy in first.positions.items():
        assert later.positions[person] == xy
    assert "id-rindert-99" in later.positions


def test_wrong_input_is_refused(scans):
    with pytest.raises(ValueError, match="at least one"):
        build_report([], title="leeg")
    with pytest.raises(ValueError, match="level"):
        build_report(scans, title="x", level=5)


def test_report_on_knoke_information_then_money_as_two_moments():
    """The ten Knoke & Wood organisations, 'information' as T0 and 'money' as T1: a real
    network, read through the core readers, in both report versions."""
    knoke = read_knoke(need(NETWORKS / "knoke-bureaucracies" / "knokbur.dat"))
    t0 = scan_from_relation(knoke, "information", "sector")
    t1 = scan_from_relation(knoke, "money", "sector")
    t0 = Scan("informatie", t0.people, t0.respondents, t0.answers)
    t1 = Scan("geld", t1.people, t1.respondents, t1.answers)
    report = build_report([t0, t1], title="Knoke & Wood", level=1, permutations=199)
    density = report.changes[0].findings[0]
    assert density.text == ("De dichtheid op “ken ik” daalde van 54% naar 24% tussen "
                            "informatie en geld.")  # 49 and 22 of 90 cells
    # WRO has no money tie (Knoke & Wood; test_real_networks)
    assert report.moments[1].pictures[0].isolates == ("WRO",)
    bridges = {b.sectors: b for b in sector_bridges(level_network(t1, 1, "any"))}
    said = [f for f in report.moments[1].findings if f.kind == "bridge"]
    assert {f.numbers["sectors"] for f in said} == set(bridges)
    html = report_html(build_report([t0, t1], title="Knoke & Wood", anonymous=True, level=1,
                                    permutations=0))
    assert not any(label in html for label in ("MAYR", "UWAY", "WRO", "INDU"))


def test_report_on_krackhardt_friendship():
    network = read_krackhardt(need(NETWORKS / "krackhardt-hightech-managers"))
    scan = scan_from_relation(network, "friendship", "dept")
    report = build_report([scan], title="Krackhardt", level=1, permutations=199)
    first = report.moments[0]
    assert first.metrics[0].cells[0] == "102"  # friendship ties (SOURCES.md)
    assert first.metrics[1].cells[0] == "24%"  # density 0,243
    # the one-person departments have no cells within; every tie is in some cell
    assert sum(int(c.observed) for row in first.heat_map.rows for c in row
               if c.css != "empty") == 102
    for svg in svgs(report_html(report)):
        assert svg.tag == "svg"
