"""Season charts drawn at build time as inline SVG: no chart library, no request.

The geometry is computed here; the markup lives in `templates/snippets/chart.svg`.
Each quarter becomes one data point element, and the same values are always
given as a table beside the chart, so the chart is never the only way to read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import Metric
from .render import Renderer

ChartKind = Literal["line", "bar"]

WIDTH = 480
HEIGHT = 220
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 48, 16, 16, 32


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
    points: tuple[ChartPoint, ...]
    ticks: tuple[tuple[float, float], ...]  # (value, y)
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def baseline(self) -> float:
        return self.height - PAD_BOTTOM

    @property
    def left(self) -> float:
        return PAD_LEFT

    @property
    def right(self) -> float:
        return self.width - PAD_RIGHT

    @property
    def bar_width(self) -> float:
        return (self.right - self.left) / max(len(self.points), 1) * 0.6

    @property
    def line(self) -> str:
        """The `points` attribute of the polyline joining the data points."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def _scale_bounds(values: list[float], kind: ChartKind) -> tuple[float, float]:
    """A value range with some air; bars start at zero so their lengths compare honestly."""
    low, high = min(values), max(values)
    if kind == "bar":
        low = min(0.0, low)
    span = (high - low) or abs(high) or 1.0
    return (low if kind == "bar" else low - span * 0.2), high + span * 0.2


def metric_chart(metric: Metric, lang: str = "en", kind: ChartKind = "line") -> Chart:
    """Lays out one metric's quarters as a line (or bar) chart."""
    values = [float(v) for _, v in metric.quarters]
    low, high = _scale_bounds(values, kind) if values else (0.0, 1.0)
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / max(len(values), 1)

    def y_of(value: float) -> float:
        return PAD_TOP + plot_h * (1 - (value - low) / (high - low))

    points = tuple(
        ChartPoint(label=quarter, value=float(value), x=PAD_LEFT + step * (i + 0.5), y=y_of(float(value)))
        for i, (quarter, value) in enumerate(metric.quarters)
    )
    ticks = tuple((round(low + (high - low) * f, 1), y_of(low + (high - low) * f)) for f in (0.0, 0.5, 1.0))
    name = metric.name.get(lang)
    trend = ""
    if len(values) >= 2:
        first, last = metric.quarters[0], metric.quarters[-1]
        better = (values[-1] > values[0]) == (metric.better == "higher")
        direction = (
            "better" if better and values[-1] != values[0] else ("unchanged" if values[-1] == values[0] else "worse")
        )
        trend = f" From {_fmt(first[1])} in {first[0]} to {_fmt(last[1])} in {last[0]} ({direction}; {metric.better} is better)."
    description = "; ".join(f"{p.label}: {_fmt(p.value)} {metric.unit}" for p in points) + "." + trend
    return Chart(
        id=metric.id,
        kind=kind,
        title=f"{name} by quarter",
        description=description,
        unit=metric.unit,
        points=points,
        ticks=ticks,
    )


def _fmt(value: float) -> str:
    return f"{value:g}"


def render_chart(renderer: Renderer, metric: Metric, kind: ChartKind = "line") -> str:
    """The inline SVG of one metric's chart."""
    return renderer.render("snippets/chart.svg", chart=metric_chart(metric, renderer.lang, kind), fmt=_fmt)
