"""The chart SVG is well-formed, accessible and shows every point, line, gap and note."""

import xml.etree.ElementTree as ET

from wijkkracht.monitor.report.chart_svg import chart_svg
from wijkkracht.monitor.report.reading import PeriodWords, reading_text
from wijkkracht.stats.spc import Annotation, Observation, compute_chart

NS = "{http://www.w3.org/2000/svg}"
BASE = [12, 10] * 6


def obs(values, n=None):
    return [Observation(f"P{i + 1}", v, n if not isinstance(n, list) else n[i])
            for i, v in enumerate(values)]


def parse(svg):
    return ET.fromstring(svg)


def with_class(root, name):
    return [e for e in root.iter() if name in e.get("class", "").split()]


def test_svg_is_well_formed_with_title_and_description():
    chart = compute_chart(obs([*BASE, 12, 13, 12, 13, 12, 13, 12]), "xmr", freeze=12,
                          polarity="up")
    words = PeriodWords("maand", "maanden")
    root = parse(chart_svg(chart, title="Caseload <wijk> & team", chart_id="c1", words=words))
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title.get("id") == "c1-title" and title.text == "Caseload <wijk> & team"
    assert desc.get("id") == "c1-desc"
    assert desc.text.startswith(reading_text(chart, words))
    assert "De laatste 7 maanden liggen boven het gemiddelde" in desc.text
    assert "wijkkracht-spc/1" in desc.text


def test_one_marker_per_point_with_a_value_and_shapes_for_signals():
    chart = compute_chart(obs([*BASE, 12, 13, 12, 13, 12, 13, 12]), "xmr", freeze=12,
                          polarity="up")
    root = parse(chart_svg(chart, title="t"))
    markers = with_class(root, "spc-point")
    assert len(markers) == 19
    improvement = [m for m in markers if "spc-improvement" in m.get("class")]
    # the 7 points of the shift are triangles, not dots: shape as well as colour (WCAG 1.4.1)
    assert len([m for m in improvement if m.tag == f"{NS}polygon"]) == 7
    assert len([m for m in markers if "spc-common" in m.get("class")
                and m.tag == f"{NS}circle"]) == 12
    # the legend names the shape that occurs, with its own class (not counted as a point)
    assert [e.get("class") for e in with_class(root, "spc-key")] == ["spc-key spc-improvement"]
    concern = compute_chart(obs([*BASE, 5.0]), "xmr", freeze=12, polarity="up")
    squares = with_class(parse(chart_svg(concern, title="t")), "spc-concern")
    assert [m.tag for m in squares] == [f"{NS}rect", f"{NS}rect"]  # the point and its key


def test_gaps_and_excluded_points():
    values = [10, 12, None, 11, 13, 12]
    points = obs(values)
    points[4] = Observation("P5", 13, excluded=True)
    root = parse(chart_svg(compute_chart(points, "xmr"), title="t"))
    assert len(with_class(root, "spc-point")) == 5  # the gap has no marker
    assert len(with_class(root, "spc-gap")) == 1
    hollow = with_class(root, "spc-excluded")
    assert len(hollow) == 1 and hollow[0].get("fill") == "#ffffff"
    line = with_class(root, "spc-line")[0].get("d")
    assert line.count("M") == 2  # the line is broken at the gap


def test_phases_step_their_lines_and_carry_target_and_annotations():
    chart = compute_chart(obs([10, 12, 10, 12, 20, 24, 20, 24]), "xmr", breaks=[4],
                          target=18, annotations=[Annotation(4, "Nieuwe werkwijze")])
    root = parse(chart_svg(chart, title="t"))
    assert len(with_class(root, "spc-break")) == 1
    plot_centres = [e for e in with_class(root, "spc-centre") if e.tag == f"{NS}path"]
    assert len(plot_centres) == 2  # one centre line per phase
    assert len([e for e in with_class(root, "spc-limit") if e.tag == f"{NS}path"]) == 4
    assert len(with_class(root, "spc-target")) == 1
    notes = with_class(root, "spc-annotation")
    assert len(notes) == 1 and notes[0].find(f"{NS}title").text == "Nieuwe werkwijze"
    assert "1: Nieuwe werkwijze" in with_class(root, "spc-notes")[0].text


def test_limits_that_vary_with_the_denominator_are_drawn_as_steps():
    chart = compute_chart(obs([2, 8, 5], [1, 4, 10]), "u")
    root = parse(chart_svg(chart, title="t"))
    upper = [e.get("d") for e in with_class(root, "spc-limit") if e.tag == f"{NS}path"]
    # upper limits 4, 2.5 and 1.95 (see tests/stats/test_spc.py): two steps down
    assert any(d.count("V") == 2 for d in upper)


def test_no_script_no_external_assets_and_a_small_viewbox():
    chart = compute_chart(obs([0.2, 0.3, 0.25] * 4), "run")
    svg = chart_svg(chart, title="t")
    root = parse(svg)
    assert not [e for e in root.iter() if e.tag in (f"{NS}script", f"{NS}image",
                                                     f"{NS}foreignObject", f"{NS}style")]
    assert "href" not in svg and "url(" not in svg
    assert not [a for e in root.iter() for a in e.attrib if a.startswith("on")]
    width = float(root.get("viewBox").split()[2])
    assert width <= 400 and root.get("width") == "100%"
    # every text is at least 10 units: about 9 px on a 320 px screen
    assert min(float(e.get("font-size")) for e in root.iter() if e.get("font-size")) >= 10


def test_percentages_on_the_axis_of_a_p_chart():
    chart = compute_chart(obs([12, 15, 8, 10, 4, 7], 50), "p")
    root = parse(chart_svg(chart, title="t"))
    labels = [e.text for e in with_class(root, "spc-axis")]
    assert "0%" in labels and all("." not in t for t in labels)
