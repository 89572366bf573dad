"""The decision page's world map: one base SVG of every shape (served once, cached by the browser), and per decision
only a list of ``<use>`` references with a class for each vote, so a page costs no geometry work and no inline style.

>>> from datetime import date
>>> colours = map_view({"USA": "Y", "SUN": "N"}, date(1980, 1, 1), names={"USA": "United States", "SUN": "USSR"})
>>> next(s for s in colours["shapes"] if s["shape"] == "KAZ")["title"]
'Kazakhstan (USSR): no'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from html import escape
from typing import Any

from unvote.geo import member_on, world_svg_paths
from unvote.web.views import VOTE_WORDS

MAP_WIDTH = 960


@lru_cache(maxsize=1)
def _shapes() -> tuple[list[tuple[str, str, str]], tuple[int, int]]:
    """(shape, name, d) with one entry per shape code: pieces sharing a code (Australia and its Ashmore and Cartier
    Islands) are joined, and pieces without one (Somaliland, Kosovo, N. Cyprus) are left out as no member's."""
    paths, size = world_svg_paths(MAP_WIDTH)
    joined: dict[str, tuple[str, str]] = {}
    for shape, name, d in paths:
        if shape and d:
            first_name, first_d = joined.get(shape, (name, ""))
            joined[shape] = (first_name, first_d + d)
    return [(shape, name, d) for shape, (name, d) in joined.items()], size


@lru_cache(maxsize=1)
def base_svg() -> bytes:
    """Every shape as ``<path id="ISO3">`` (no fill: the page's ``<use class>`` sets it), in the Equal Earth projection."""
    paths, (width, height) = _shapes()
    body = "".join(f'<path id="{escape(shape)}" d="{d}"/>' for shape, _, d in paths)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">{body}</svg>').encode()


def map_view(votes: Mapping[str, str], on: date, names: Mapping[str, str]) -> dict[str, Any]:
    """Each shape with the vote of the member that held it on ``on`` (``none`` where no member voted), and a title
    naming the shape, the member when it is another (a predecessor state), and the vote."""
    paths, (width, height) = _shapes()
    shapes = []
    for shape, name, _ in paths:
        member = member_on(shape, on)
        vote = votes.get(member) if member else None
        who = name if member in (None, shape) else f"{name} ({names.get(member, member)})"
        title = f"{who}: {VOTE_WORDS[vote]}" if vote else f"{who}: not a member, or no vote recorded"
        shapes.append({"shape": shape, "vote": vote or "none", "title": title})
    return {"width": width, "height": height, "shapes": shapes}
