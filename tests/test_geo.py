"""The vendored map shapes and which member colours each territory, checked against the record."""

from datetime import date

from unvote.geo import member_on, vote_by_shape, world_features, world_svg_paths
from unvote.members import members_on


def test_every_member_today_has_a_shape_but_tuvalu():
    # Natural Earth's 1:50m countries leave out Tuvalu; every other member state has a shape of its own.
    shapes = {feature["properties"]["shape"] for feature in world_features()}
    assert set(members_on(date(2023, 1, 1))) - shapes == {"TUV"}


def test_map_of_a_resolution_shows_its_tally(record):
    decision = record.decision("A/RES/69/188")
    votes = dict(zip(decision.votes["member"], decision.votes["vote"]))
    shapes = vote_by_shape(votes, decision.date)
    yes_members = {member_on(shape, decision.date) for shape, vote in shapes.items() if vote == "Y"}
    # Every yes voter but Tuvalu (no shape at this scale) colours a shape; Greenland shows Denmark's vote.
    assert yes_members == {m for m, v in votes.items() if v == "Y"} - {"TUV"}
    assert len(yes_members) == 115 and shapes["GRL"] == shapes["DNK"] == "Y"
    assert shapes["PRK"] == "N" and shapes["USA"] == "Y"


def test_territories_take_the_vote_of_the_member_that_held_them():
    assert member_on("KAZ", date(1980, 1, 1)) == "SUN"
    assert member_on("EST", date(1991, 10, 1)) == "EST"  # admitted 17 Sep 1991, before the USSR ended
    assert member_on("RUS", date(1991, 12, 24)) == "RUS"
    assert member_on("CHN", date(1971, 10, 1)) == "TWN" and member_on("CHN", date(1971, 11, 1)) == "CHN"
    assert member_on("SVK", date(1992, 6, 1)) == "CSK" and member_on("SVK", date(1993, 6, 1)) == "SVK"
    assert member_on("KAZ", date(1992, 1, 15)) is None  # between the USSR's end and Kazakhstan's admission
    assert member_on("PSE", date(2020, 1, 1)) is None


def test_svg_paths_are_cut_at_the_antimeridian():
    paths, (width, height) = world_svg_paths(960)
    for shape, _, d in paths:
        xs = [float(p.split(",")[0]) for p in d.replace("M", "L").split("L")[1:] if "," in p and "a" not in p]
        assert all(0 <= x <= width for x in xs), shape
    russia = next(d for shape, _, d in paths if shape == "RUS")
    assert russia.count("M") >= 2  # the Chukotka piece west of 180 drawn on the map's left edge
