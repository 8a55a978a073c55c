"""Season charts: drawn at build time as accessible inline SVG, one data point per quarter."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cxportal.charts import LAYOUTS, metric_chart, nice_scale, render_chart, with_unit
from cxportal.model import Metric, Portal, Text
from cxportal.render import Renderer

SVG = "{http://www.w3.org/2000/svg}"


def _metric(values: list[float], better: str = "higher") -> Metric:
    quarters = tuple((f"Q{i + 1}", v) for i, v in enumerate(values))
    return Metric(id="nps", name=Text.of("Net <Promoter> Score"), unit="points", better=better, quarters=quarters)


def test_chart_has_one_point_per_quarter_and_higher_values_sit_higher() -> None:
    chart = metric_chart(_metric([31, 34, 36, 41, 20]))
    assert [p.label for p in chart.points] == ["Q1", "Q2", "Q3", "Q4", "Q5"]
    ys = [p.y for p in chart.points]
    assert ys[3] < ys[2] < ys[1] < ys[0] < ys[4]  # SVG y grows downwards
    assert all(0 <= p.y <= chart.height and 0 <= p.x <= chart.width for p in chart.points)


def test_rendered_svg_is_well_formed_accessible_and_escaped() -> None:
    renderer = Renderer(Portal())
    for kind in ("line", "bar"):
        figure = ET.fromstring(render_chart(renderer, _metric([58, 49, 41, 33], better="lower"), kind=kind))
        svg = figure.find(f"{SVG}svg")
        assert svg is not None and svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title.text == "Net <Promoter> Score by quarter"
        assert "Q1: 58 points" in desc.text and "(better; lower is better)" in desc.text
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        points = [el for el in svg.iter() if "cx-chart__point" in (el.get("class") or "")]
        assert [p.get("data-value") for p in points] == ["58", "49", "41", "33"]


def test_season_page_has_an_inline_svg_chart_per_metric_with_a_point_per_quarter(built_site: Path) -> None:
    html = (built_site / "season" / "index.html").read_text("utf-8")
    figures = re.findall(r'<figure class="cx-chart[^"]*" data-cx-chart="([^"]+)">(.*?)</figure>', html, re.S)
    assert [name for name, _ in figures] == ["nps", "csat", "complaint-resolution-time", "first-contact-resolution"]
    for _name, body in figures:
        assert body.strip().startswith("<svg") and 'role="img"' in body
        # One wide and one narrow layout (CSS shows one), each with a point per quarter.
        assert len(re.findall(r'class="cx-chart__point"', body)) == 2 * 4
    # The values are in a table too, and nothing is fetched to draw the charts.
    assert html.count("<table>") >= 4
    assert '<script src="http' not in html


def test_the_value_axis_starts_at_zero_with_round_ticks_that_contain_every_value() -> None:
    for values, expected in (
        ([31, 34, 36, 41], (0, 50, 10)),
        ([72, 74, 77, 79], (0, 80, 20)),
        ([58, 49, 41, 33], (0, 60, 20)),
        ([0.12, 0.5], (0, 0.5, 0.1)),
        ([-12, 5, 9], (-15, 10, 5)),
    ):
        low, high, step = nice_scale([float(v) for v in values])
        assert (low, high) == pytest.approx(expected[:2]) and step == pytest.approx(expected[2])
    for layout in LAYOUTS:
        chart = metric_chart(_metric([72.0, 74.0, 77.0, 79.0]), layout=layout)
        assert [v for v, _ in chart.ticks] == [0, 20, 40, 60, 80]
        # Zero sits on the baseline: a bar or point's height is its value, not its distance from a cut.
        assert chart.ticks[0][1] == pytest.approx(chart.baseline)
        assert chart.points[0].y == pytest.approx(chart.baseline - (chart.baseline - chart.layout.pad_top) * 72 / 80)


def test_chart_names_its_unit_and_which_direction_is_better() -> None:
    renderer = Renderer(Portal())
    svg = render_chart(renderer, _metric([58, 49, 41, 33], better="lower"))
    assert "Points, lower is better" in svg and ">Quarter<" in svg


def test_values_are_written_with_their_unit_and_no_trailing_zero() -> None:
    assert with_unit(31.0, "points") == "31 points"
    assert with_unit(72.0, "%") == "72%"
    assert with_unit(4.5, "hours") == "4.5 hours"


def test_season_page_keeps_every_metric_heading_out_of_the_tables(built_site: Path) -> None:
    html = (built_site / "season" / "index.html").read_text("utf-8")
    assert not re.search(r"<td>\s*#", html)
    for metric in ("nps", "csat", "complaint-resolution-time", "first-contact-resolution"):
        assert f'<h2 id="{metric}"' in html
    assert ".0 points" not in html and ".0 hours" not in html and "58 hours" in html
    assert "lower is better" in html


def test_each_complaint_is_boxed_with_what_we_did_about_it(built_site: Path) -> None:
    html = (built_site / "season" / "index.html").read_text("utf-8")
    boxes = re.findall(r'<figure class="cx-quote cx-quote--complaint">(.*?)</figure>', html, re.S)
    assert boxes and all("What we did:" in box and box.count("<blockquote>") == 1 for box in boxes)
