"""Season charts: drawn at build time as accessible inline SVG, one data point per quarter."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from cxportal.charts import metric_chart, render_chart
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
        assert len(re.findall(r'class="cx-chart__point"', body)) == 4
    # The values are in a table too, and nothing is fetched to draw the charts.
    assert html.count("<table>") >= 4
    assert '<script src="http' not in html
