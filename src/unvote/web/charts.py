"""Line charts as SVG geometry computed on the server: the page draws paths with CSS classes, no chart library, no
inline style (the pages' Content-Security-Policy forbids it), and every chart has its numbers in a table beside it.

>>> chart = line_chart({"USA": [(2000, 0.5), (2001, 0.25)]}, y_range=(0.0, 1.0))
>>> chart["series"][0]["d"]
'M48.0,116.0L632.0,166.0'
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

Point = tuple[float, float]
WIDTH, HEIGHT = 640, 240
MARGIN = {"left": 48, "right": 8, "top": 16, "bottom": 24}


def _ticks(low: float, high: float, count: int = 5, min_step: float = 0.0) -> list[float]:
    """Round tick values spanning ``low``..``high`` (steps of 1, 2 or 5 times a power of ten)."""
    if high <= low:
        return [low]
    raw = max((high - low) / count, min_step)
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 5, 10) if s * power >= raw)
    first = math.ceil(low / step) * step
    return [round(first + i * step, 10) for i in range(int((high - first) / step + 1e-9) + 1)]


def line_chart(series: Mapping[str, Sequence[Point]], y_range: tuple[float, float] | None = None,
               bands: Mapping[str, Sequence[tuple[float, float, float]]] | None = None) -> dict[str, Any]:
    """Paths for each named series of (x, y) points (gaps in x over one unit break the line), axis ticks, and optional
    bands of (x, low, high) drawn as filled areas (an uncertainty interval), on a ``WIDTH`` x ``HEIGHT`` view box."""
    points = [p for values in series.values() for p in values]
    if not points:
        return {"width": WIDTH, "height": HEIGHT, "series": [], "bands": [], "x_ticks": [], "y_ticks": []}
    xs = [x for x, _ in points]
    x0, x1 = min(xs), max(xs)
    if x1 == x0:
        x0, x1 = x0 - 1, x1 + 1
    if y_range is None:
        ys = [y for _, y in points] + [v for b in (bands or {}).values() for _, lo, hi in b for v in (lo, hi)]
        y_range = (min(ys), max(ys)) if max(ys) > min(ys) else (min(ys) - 1, max(ys) + 1)
    y0, y1 = y_range
    left, right, top, bottom = MARGIN["left"], WIDTH - MARGIN["right"], MARGIN["top"], HEIGHT - MARGIN["bottom"]

    def sx(x: float) -> float:
        return round(left + (x - x0) / (x1 - x0) * (right - left), 1)

    def sy(y: float) -> float:
        return round(bottom - (y - y0) / (y1 - y0) * (bottom - top), 1)

    def path(values: Sequence[Point]) -> str:
        parts, previous = [], None
        for x, y in sorted(values):
            parts.append(("L" if previous is not None and x - previous <= 1 else "M") + f"{sx(x)},{sy(y)}")
            previous = x
        return "".join(parts)

    drawn = [{"name": name, "d": path(values), "index": i} for i, (name, values) in enumerate(series.items()) if values]
    areas = []
    for name, values in (bands or {}).items():
        ordered = sorted(values)
        if ordered:
            upper = [f"{sx(x)},{sy(hi)}" for x, _, hi in ordered]
            lower = [f"{sx(x)},{sy(lo)}" for x, lo, _ in reversed(ordered)]
            areas.append({"name": name, "d": "M" + "L".join(upper + lower) + "Z"})
    x_ticks = [{"at": sx(t), "label": f"{t:g}"} for t in _ticks(x0, x1, 6, min_step=1)]
    y_ticks = [{"at": sy(t), "label": f"{t:g}"} for t in _ticks(y0, y1, 4)]
    return {"width": WIDTH, "height": HEIGHT, "left": left, "right": right, "top": top, "bottom": bottom,
            "series": drawn, "bands": areas, "x_ticks": x_ticks, "y_ticks": y_ticks}
