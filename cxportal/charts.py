"""Season charts drawn at build time as inline SVG: no chart library, no request.

The geometry is computed here; the markup lives in `templates/snippets/chart.svg`.
Each quarter becomes one data point element, and the same values are always
given as a table beside the chart, so the chart is never the only way to read them.

Each chart is laid out twice, for a wide and a narrow column (CSS shows one),
because an SVG scales its text with its width: one layout cannot keep labels
readable (at least 12 px) both on a 1280 px screen and on a 390 px phone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from typing import Literal

from .i18n import Strings
from .model import Metric
from .render import Renderer

ChartKind = Literal["line", "bar"]


@dataclass(frozen=True)
class Layout:
    """A canvas in SVG user units; shown at about one CSS pixel per unit."""

    name: str
    width: int
    height: int
    font: int
    pad_left: int = 64
    pad_right: int = 16
    pad_top: int = 36
    pad_bottom: int = 52


WIDE = Layout("wide", 640, 300, 14)
NARROW = Layout("narrow", 340, 260, 13, pad_left=52)
LAYOUTS = (WIDE, NARROW)
WIDTH, HEIGHT = WIDE.width, WIDE.height


@dataclass(frozen=True)
class ChartPoint:
    label: str
    value: float
    x: float
    y: float


@dataclass(frozen=True)
class Chart:
    """A metric laid out on a fixed canvas; coordinates in SVG user units."""

    id: str
    kind: ChartKind
    title: str
    description: str
    unit: str
    axis_title: str
    x_title: str
    points: tuple[ChartPoint, ...]
    ticks: tuple[tuple[float, float], ...]  # (value, y)
    layout: Layout = WIDE

    @property
    def width(self) -> int:
        return self.layout.width

    @property
    def height(self) -> int:
        return self.layout.height

    @property
    def font(self) -> int:
        return self.layout.font

    @property
    def baseline(self) -> float:
        return self.height - self.layout.pad_bottom

    @property
    def left(self) -> float:
        return self.layout.pad_left

    @property
    def right(self) -> float:
        return self.width - self.layout.pad_right

    @property
    def bar_width(self) -> float:
        return (self.right - self.left) / max(len(self.points), 1) * 0.6

    @property
    def line(self) -> str:
        """The `points` attribute of the polyline joining the data points."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def nice_step(span: float, target_ticks: int = 4) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about `target_ticks` intervals."""
    raw = (span or 1.0) / target_ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


def nice_scale(values: list[float], kind: ChartKind) -> tuple[float, float, float]:
    """(low, high, step): round bounds that contain every value; bars start at zero."""
    low, high = min(values), max(values)
    if kind == "bar":
        low = min(0.0, low)
    if high == low:
        high, low = high + 1, low - 1
    step = nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    if kind == "bar" and min(values) >= 0:
        low = max(low, 0.0)
    return low, high, step


def _unit_key(unit: str) -> str:
    """The catalogue's name of a unit: `unit.<name>.value` and `unit.<name>.name` ("%" is percent)."""
    return "percent" if unit == "%" else unit


def with_unit(value: float, unit: str, ui: Strings | None = None) -> str:
    """31 points, 72%, 58 hours in the catalogue's words («58 часов»); a unit it does not know stays as written."""
    number = _fmt(float(value))
    if not unit:
        return number
    key = f"unit.{_unit_key(unit)}.value"
    if ui is not None and ui.has(key):
        return ui(key, count=float(value) if "." in number else int(value))
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def unit_name(unit: str, ui: Strings | None = None) -> str:
    """A unit as the axis and the table name it ("per cent", «проценты»)."""
    key = f"unit.{_unit_key(unit)}.name"
    if ui is not None and ui.has(key):
        return ui(key)
    return "per cent" if unit == "%" else unit


def metric_chart(
    metric: Metric, lang: str = "en", kind: ChartKind = "line", layout: Layout = WIDE, ui: Strings | None = None
) -> Chart:
    """Lays out one metric's quarters as a line (or bar) chart; its words come from `ui` (else `lang`'s catalogue)."""
    ui = ui or Strings(lang)
    better_text = ui(f"season.better.{metric.better}")
    values = [float(v) for _, v in metric.quarters]
    low, high, step = nice_scale(values, kind) if values else (0.0, 1.0, 0.5)
    plot_w = layout.width - layout.pad_left - layout.pad_right
    plot_h = layout.height - layout.pad_top - layout.pad_bottom
    slot = plot_w / max(len(values), 1)

    def y_of(value: float) -> float:
        return layout.pad_top + plot_h * (1 - (value - low) / (high - low))

    points = tuple(
        ChartPoint(label=quarter, value=float(value), x=layout.pad_left + slot * (i + 0.5), y=y_of(float(value)))
        for i, (quarter, value) in enumerate(metric.quarters)
    )
    count = round((high - low) / step)
    ticks = tuple((round(low + step * i, 6), y_of(low + step * i)) for i in range(count + 1))
    name = metric.name.get(lang)
    trend = ""
    if len(values) >= 2:
        first, last = metric.quarters[0], metric.quarters[-1]
        better = (values[-1] > values[0]) == (metric.better == "higher")
        direction = (
            "better" if better and values[-1] != values[0] else ("unchanged" if values[-1] == values[0] else "worse")
        )
        trend = " " + ui(
            "chart.trend",
            first=_fmt(first[1]),
            first_quarter=first[0],
            last=_fmt(last[1]),
            last_quarter=last[0],
            direction=ui(f"chart.{direction}"),
            better=better_text,
        )
    description = "; ".join(f"{p.label}: {with_unit(p.value, metric.unit, ui)}" for p in points) + "." + trend
    axis_title = ui("chart.axis", unit=unit_name(metric.unit, ui), better=better_text) if metric.unit else ""
    axis_title = axis_title[:1].upper() + axis_title[1:]
    return Chart(
        id=metric.id,
        kind=kind,
        title=ui("chart.title", name=name),
        description=description,
        unit=metric.unit,
        axis_title=axis_title,
        x_title=ui("season.quarter"),
        points=points,
        ticks=ticks,
        layout=layout,
    )


def _fmt(value: float) -> str:
    return f"{value:g}"


def render_chart(renderer: Renderer, metric: Metric, kind: ChartKind = "line") -> str:
    """The inline SVG of one metric's chart, in a wide and a narrow layout."""
    charts = [metric_chart(metric, renderer.lang, kind, layout, renderer.ui) for layout in LAYOUTS]
    in_words = partial(with_unit, ui=renderer.ui)
    return renderer.render("snippets/chart.svg", charts=charts, chart=charts[0], fmt=_fmt, with_unit=in_words)
