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

MAP_WIDTH = 960
VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstain", "X": "did not vote"}


@lru_cache(maxsize=1)
def base_svg() -> bytes:
    """Every shape as ``<path id="ISO3">`` (no fill: the page's ``<use class>`` sets it), in the Equal Earth projection."""
    paths, (width, height) = world_svg_paths(MAP_WIDTH)
    body = "".join(f'<path id="{escape(shape)}" d="{d}"/>' for shape, _, d in paths if shape and d)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">{body}</svg>').encode()


def map_view(votes: Mapping[str, str], on: date, names: Mapping[str, str]) -> dict[str, Any]:
    """Each shape with the vote of the member that held it on ``on`` (``none`` where no member voted), and a title
    naming the shape, the member when it is another (a predecessor state), and the vote."""
    paths, (width, height) = world_svg_paths(MAP_WIDTH)
    shapes = []
    for shape, name, d in paths:
        if not shape or not d:
            continue
        member = member_on(shape, on)
        vote = votes.get(member) if member else None
        who = name if member in (None, shape) else f"{name} ({names.get(member, member)})"
        title = f"{who}: {VOTE_WORDS[vote]}" if vote else f"{who}: not a member, or no vote recorded"
        shapes.append({"shape": shape, "vote": vote or "none", "title": title})
    return {"width": width, "height": height, "shapes": shapes}
