"""World map shapes shipped with the package, and which member's vote colours each territory on a date.

The shapes are Natural Earth's 1:50m countries (public domain) in the TopoJSON of the npm package ``world-atlas``;
``data/geo/SOURCES.md`` names every file and its licence. Shapes are today's borders, so a map of an old vote colours
a territory with the vote of the member that held it then (``data/geo/territories.csv``): Kazakhstan with the USSR's
vote before 1992, Slovakia with Czechoslovakia's before 1993.

>>> from datetime import date
>>> member_on("KAZ", date(1980, 1, 1)), member_on("KAZ", date(2000, 1, 1)), member_on("CHN", date(1960, 1, 1))
('SUN', 'KAZ', 'TWN')
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path

from unvote.members import historical_code, members_on

GEO_DIR = Path(__file__).resolve().parent / "data" / "geo"
TOPOJSON_PATH = GEO_DIR / "countries-50m.json"
# Antarctica is no member's territory and takes a sixth of a world map's height.
_LEFT_OFF = {"ATA"}


@lru_cache(maxsize=4)
def world_features(tolerance: float = 0.0) -> tuple[dict, ...]:
    """Every country shape as a GeoJSON feature in longitude/latitude, ``properties`` {"shape": ISO alpha-3, "name"}.

    ``tolerance`` (degrees) drops detail no map needs: 0.1 suits a map a thousand pixels wide and cuts the points
    tenfold (a ring that would vanish is kept whole, so small islands stay).

    >>> next(f["properties"] for f in world_features() if f["properties"]["shape"] == "FRA")
    {'shape': 'FRA', 'name': 'France'}
    >>> len(world_features(0.1)) == len(world_features())
    True
    """
    topology = json.loads(TOPOJSON_PATH.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    alpha3 = _iso_alpha3()
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        shape = alpha3.get(geometry.get("id", ""))
        if geometry["type"] not in ("Polygon", "MultiPolygon") or shape in _LEFT_OFF:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        coordinates = [
            [piece for ring in polygon for piece in _cut_at_antimeridian(_ring(ring, arcs))] for polygon in polygons
        ]
        coordinates = [polygon for polygon in coordinates if polygon]
        if tolerance:
            coordinates = [[_simplified_ring(ring, tolerance) for ring in polygon] for polygon in coordinates]
        features.append({
            "type": "Feature",
            "properties": {"shape": shape, "name": geometry["properties"]["name"]},
            "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
        })
    return tuple(features)


def member_on(shape: str, on: date) -> str | None:
    """The member whose vote colours territory ``shape`` on ``on``, or None where no member held it.

    >>> member_on("RUS", date(1990, 1, 1)), member_on("SVK", date(1992, 6, 1)), member_on("PSE", date(2020, 1, 1))
    ('SUN', 'CSK', None)
    """
    seated = set(members_on(on))
    holder = historical_code(shape, on)
    if holder in seated:
        return holder
    for row in _territories():
        if row["shape"] == shape and row["from"] <= on and (row["until"] is None or on < row["until"]):
            return row["member"] if row["member"] in seated else None
    return None


def vote_by_shape(votes: Mapping[str, str], on: date) -> dict[str, str]:
    """Each shape's vote from a decision's member votes (member code -> Y/N/A/X); shapes of non-members are left out.

    >>> shapes = vote_by_shape({"SUN": "N", "USA": "Y"}, date(1980, 1, 1))
    >>> shapes["KAZ"], shapes["USA"], "UKR" in shapes
    ('N', 'Y', False)
    """
    result = {}
    for feature in world_features():
        shape = feature["properties"]["shape"]
        member = member_on(shape, on) if shape else None
        if member is not None and member in votes:
            result[shape] = votes[member]
    return result


@lru_cache(maxsize=4)
def world_svg_paths(width: int = 960) -> tuple[tuple[tuple[str, str, str], ...], tuple[int, int]]:
    """SVG path data for every shape in the Equal Earth projection: ((shape, name, d), ...), (width, height).

    >>> paths, (w, h) = world_svg_paths(960)
    >>> w, h, any(shape == "USA" for shape, _, _ in paths), any(shape == "NRU" for shape, _, _ in paths)
    (960, 467, True, True)
    """
    x_max, y_max = _equal_earth(math.pi, 0.0)[0], _equal_earth(0.0, math.pi / 2)[1]
    scale = width / (2 * x_max)
    height = round(2 * y_max * scale)
    paths = []
    for feature in world_features():
        parts, every_point = [], []
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                projected = []
                for lon, lat in ring:
                    x, y = _equal_earth(math.radians(lon), math.radians(lat))
                    projected.append((width / 2 + x * scale, height / 2 - y * scale))
                every_point += projected
                points = []
                for x, y in _simplify(projected, tolerance=0.4):
                    point = (round(x, 1), round(y, 1))
                    if not points or point != points[-1]:
                        points.append(point)
                if len(points) >= 4:
                    parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
        if not parts and every_point:
            # A state smaller than a pixel (Nauru, San Marino) is drawn as a dot, so its vote still shows.
            cx = sum(x for x, _ in every_point) / len(every_point)
            cy = sum(y for _, y in every_point) / len(every_point)
            parts.append(f"M{cx - 2:.1f},{cy:.1f}a2,2 0 1,0 4,0a2,2 0 1,0 -4,0Z")
        props = feature["properties"]
        paths.append((props["shape"] or "", props["name"], "".join(parts)))
    return tuple(paths), (width, height)


def _simplified_ring(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    simpler = _simplify(ring, tolerance)
    return simpler if len(simpler) >= 4 else ring


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    # Douglas-Peucker: a map a few hundred pixels wide needs no detail finer than half a pixel, and the 50m shapes
    # would otherwise make every map page a megabyte.
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = first, -1.0
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - x1) - dx * (py - y1)) / length if length else math.hypot(px - x1, py - y1)
            if d > distance:
                farthest, distance = i, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep) if kept]


def _equal_earth(lam: float, phi: float) -> tuple[float, float]:
    # Šavrič, Patterson and Jenny (2018), the Equal Earth projection's closed form.
    a1, a2, a3, a4, m = 1.340264, -0.081106, 0.000893, 0.003796, math.sqrt(3) / 2
    theta = math.asin(m * math.sin(phi))
    t2, t6 = theta * theta, theta ** 6
    x = lam * math.cos(theta) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    # TopoJSON arcs are quantised and delta-encoded: positions are running sums, then scaled and translated.
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 5), round(y * sy + ty, 5)))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    # A negative index ~i means arc i reversed; consecutive arcs share their joining point.
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def _cut_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    # world-atlas keeps rings whole across the 180th meridian (Russia's Chukotka, Fiji) for d3 to cut; a flat map
    # needs them cut, or they streak across the whole width. Unwrap the longitudes, then clip copies to [-180, 180].
    if all(abs(b[0] - a[0]) <= 180 for a, b in zip(ring, ring[1:])):
        return [ring]
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)
        unwrapped.append((lon, lat))
    pieces = []
    for shift in (-360, 0, 360):
        piece = [(lon + shift, lat) for lon, lat in unwrapped]
        piece = _clip(_clip(piece, 180.0, keep_below=True), -180.0, keep_below=False)
        if len(piece) >= 4:
            pieces.append(piece)
    return pieces


def _clip(ring: list[tuple[float, float]], meridian: float, keep_below: bool) -> list[tuple[float, float]]:
    # Sutherland-Hodgman against one meridian: keep the part of the polygon on one side, closing it along the line.
    def inside(point):
        return point[0] <= meridian if keep_below else point[0] >= meridian

    clipped: list[tuple[float, float]] = []
    for current, following in zip(ring, ring[1:] + ring[:1]):
        if inside(current):
            clipped.append(current)
        if inside(current) != inside(following):
            t = (meridian - current[0]) / (following[0] - current[0])
            clipped.append((meridian, current[1] + t * (following[1] - current[1])))
    if clipped and clipped[0] != clipped[-1]:
        clipped.append(clipped[0])
    return clipped


@lru_cache(maxsize=1)
def _iso_alpha3() -> dict[str, str]:
    with open(GEO_DIR / "iso-numeric.csv", encoding="utf-8", newline="") as handle:
        return {row["numeric"]: row["alpha3"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _territories() -> tuple[dict, ...]:
    with open(GEO_DIR / "territories.csv", encoding="utf-8", newline="") as handle:
        return tuple(
            {**row, "from": date.fromisoformat(row["from"]),
             "until": date.fromisoformat(row["until"]) if row["until"] else None}
            for row in csv.DictReader(handle)
        )
