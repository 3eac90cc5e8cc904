"""The eco-map is pure drawing: each member drawn and named, the tie told by the line's form
(never by colour alone), and a text alternative."""

import re
import xml.etree.ElementTree as ET

from wijkkracht.casus.report.ecomap import KINDS, EcoMember, positions, render_ecomap

KIND_LABELS = {"familie": "familie", "vriend": "vriend", "buur": "buur",
               "vrijwilliger": "vrijwilliger", "professional": "professional",
               "voorziening": "voorziening"}
TIE_LABELS = {"sterk": "sterk", "zwak": "zwak", "belastend": "belastend"}
SVG = "{http://www.w3.org/2000/svg}"

MEMBERS = [EcoMember("Tante Wobkje", "familie", "sterk", "boodschappen"),
           EcoMember("Buurman Ytzen", "buur", "zwak"),
           EcoMember("Zoon Hessel", "familie", "belastend"),
           EcoMember("Maatje <Sjoerd> & co", "vrijwilliger", "sterk"),
           EcoMember("Voedselbank", "voorziening", "zwak")]


def draw(members=MEMBERS):
    return render_ecomap("Huishouden Fictief", members, summary="Eco-kaart: 5 mensen",
                         kind_labels=KIND_LABELS, tie_labels=TIE_LABELS, legend_title="Lijnen")


def member_groups(svg: str):
    root = ET.fromstring(svg)  # well-formed: names with < and & are escaped
    return root, [g for g in root.iter(f"{SVG}g") if g.get("class") == "wk-eco-member"]


def test_every_member_is_drawn_and_labelled():
    root, groups = member_groups(draw().svg)
    assert len(groups) == len(MEMBERS)
    for member, group in zip(MEMBERS, groups, strict=True):
        label = group.find(f"{SVG}text").text
        assert label == member.name[:17].rstrip() + "…" if len(member.name) > 18 \
            else label == member.name
        assert group.find(f"{SVG}circle") is not None
        assert member.name in group.find(f"{SVG}title").text
    assert "Huishouden Fictief" in "".join(root.itertext())


def test_the_tie_is_told_by_the_line_form_not_by_colour():
    _, groups = member_groups(draw().svg)
    strokes = set()
    forms = {}
    for member, group in zip(MEMBERS, groups, strict=True):
        tie = group.find(f".//{SVG}*[@class]")
        shapes = [el for el in group.iter() if el.get("stroke")]
        strokes.update(el.get("stroke") for el in shapes)
        line = next(el for el in group.iter() if "wk-eco-tie" in (el.get("class") or ""))
        if member.tie == "sterk" or member.tie == "zwak":
            forms[member.tie] = (line.tag, line.get("stroke-dasharray"), line.get("stroke-width"))
        else:
            forms[member.tie] = (line.tag, len(line.find(f"{SVG}polyline").get("points")
                                               .split()), None)
        assert tie is not None
    assert len(strokes) == 1, "every line and circle has the same colour"
    assert forms["sterk"] == (f"{SVG}line", None, "4")
    assert forms["zwak"][1] and forms["zwak"][2] == "1.5"
    assert forms["belastend"][0] == f"{SVG}g" and forms["belastend"][1] > 4  # a zigzag
    assert len(set(forms.values())) == 3


def test_the_image_has_a_summary_and_a_legend():
    result = draw()
    root = ET.fromstring(result.svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Eco-kaart: 5 mensen"
    legend = [g for g in root.iter(f"{SVG}g") if g.get("class") == "wk-eco-legend"]
    assert [g.find(f"{SVG}text").text for g in legend] == ["sterk", "zwak", "belastend"]


def test_the_rows_are_the_text_alternative():
    rows = draw().rows
    assert [(r.name, r.kind, r.tie) for r in rows] == [
        (m.name, m.kind, m.tie) for m in MEMBERS]
    assert rows[0].does == "boodschappen"


def test_members_are_grouped_by_kind_and_do_not_overlap():
    many = [EcoMember(f"Persoon {i}", KINDS[i % len(KINDS)], "sterk") for i in range(30)]
    placed = positions(many)
    for i, (x1, y1, _) in enumerate(placed):
        for x2, y2, _ in placed[i + 1:]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 > 32 ** 2  # two circles of radius 16
    _, groups = member_groups(draw(many).svg)
    assert len(groups) == 30
    # a kind's members share its sixth of the circle
    family = [a for m, (_, _, a) in zip(many, placed, strict=True) if m.kind == "familie"]
    assert max(family) - min(family) < 2 * 3.1416 / 6


def test_an_empty_network_still_draws_the_household():
    result = render_ecomap("Huishouden Leeg", [], summary="Geen netwerk",
                           kind_labels=KIND_LABELS, tie_labels=TIE_LABELS)
    assert "Huishouden Leeg" in result.svg and result.rows == []
    assert not re.search(r'class="wk-eco-member"', result.svg)
