"""Council composition by date: the permanent seats, the elected terms, the 1965 enlargement, and who voted."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from unvote.charter.composition import council_on
from unvote.charter.permanent import holder, permanent_members
from unvote.errors import UserError
from unvote.members import code_for
from unvote.sources import sc_membership



@pytest.mark.parametrize("seat, before, after, day", [
    ("China", "TWN", "CHN", dt.date(1971, 10, 25)),   # GA res. 2758 (XXVI)
    ("USSR", "SUN", "RUS", dt.date(1991, 12, 24)),    # Yeltsin's letter to the Secretary-General
])
def test_each_permanent_seat_changes_hands_on_its_date(seats, seat, before, after, day):
    eve = day - dt.timedelta(days=1)
    assert holder(seat, eve) == before and holder(seat, day) == after
    assert before in council_on(eve, seats).permanent and after not in council_on(eve, seats)
    assert after in council_on(day, seats).permanent and before not in council_on(day, seats)


def test_the_other_three_permanent_seats_never_change(seats):
    for day in (dt.date(1946, 1, 17), dt.date(1971, 10, 25), dt.date(1991, 12, 24), dt.date(2023, 5, 1)):
        assert {"FRA", "GBR", "USA"} <= set(permanent_members(day))
        assert len(council_on(day, seats).permanent) == 5


def test_eleven_seats_until_1965_then_fifteen(seats):
    last_old, first_new = council_on("1965-12-31", seats), council_on("1966-01-01", seats)
    assert (last_old.size, first_new.size) == (11, 15)
    # The amendment was in force from 31 Aug 1965, but the eleven who sat went on deciding by seven votes.
    assert (council_on("1965-08-30", seats).charter_seats, last_old.charter_seats) == (11, 15)
    assert (last_old.required, first_new.required) == (7, 9)


def test_council_in_may_2022(seats):
    council = council_on("2022-05-26", seats)
    assert council.elected == ("ALB", "ARE", "BRA", "GAB", "GHA", "IND", "IRL", "KEN", "MEX", "NOR")
    assert council.permanent == ("CHN", "FRA", "GBR", "RUS", "USA")
    assert council.complete


def test_korea_1950_council_had_the_ussr_but_not_the_prc(seats):
    council = council_on("1950-06-27", seats)
    assert "SUN" in council.permanent and "TWN" in council.permanent and "CHN" not in council
    assert council.elected == ("CUB", "ECU", "EGY", "IND", "NOR", "YUG")


def test_seats_table_has_one_row_per_term_with_its_source(seats):
    japan = seats.filter(pl.col("member") == "JPN").sort("start")
    assert japan.height == 12  # twelve terms, 1958-59 ... 2023-24
    last = japan.row(-1, named=True)
    assert (last["start"], last["end"]) == (dt.date(2023, 1, 1), dt.date(2024, 12, 31))
    assert last["source"].startswith("sc_membership/elected_2015_2027.csv:")
    assert seats.filter(pl.col("permanent")).height == 7
    # Yemen's seat passed from the Yemen Arab Republic to unified Yemen mid-term.
    yemen = seats.filter(pl.col("member").is_in(["YAR", "YEM"]) & (pl.col("start").dt.year() == 1990))
    assert yemen.sort("start")["end"].to_list() == [dt.date(1990, 5, 21), dt.date(1991, 12, 31)]


def test_every_member_seen_voting_in_the_undl_file_held_a_seat(seats, shared_data):
    """Cross-check with who actually voted on adopted resolutions, 1946-2021 (UNDL)."""
    observed = sc_membership.read_observed(shared_data / "sc_membership" / sc_membership.OBSERVED)
    undl = observed.filter(pl.col("observed_in").str.starts_with("undl"))
    strays = []
    for row in undl.iter_rows(named=True):
        year = row["year"]
        code = code_for(row["member"], dt.date(year, 7, 1))
        sitting = seats.filter((pl.col("start") <= dt.date(year, 12, 31)) & (pl.col("end") >= dt.date(year, 1, 1)))
        if code not in set(sitting["member"]):
            strays.append((year, row["member"]))
    # UNDL labels some 1990 votes of the Yemen seat "DEMOCRATIC YEMEN" (South Yemen never sat), and one 2010 column
    # is "DONOTKNOW": both are labels in the source, not seats.
    assert sorted(strays) == [(1990, "DEMOCRATIC YEMEN"), (2010, "DONOTKNOW")]
    # And the converse: every elected member with a full year on the Council voted that year.
    for year in (1950, 1965, 1971, 1990, 2003, 2021):
        voters = {code_for(m, dt.date(year, 7, 1)) for m in undl.filter(pl.col("year") == year)["member"]}
        assert set(council_on(dt.date(year, 7, 1), seats).codes) <= voters


def test_bad_dates_are_one_sentence_errors(seats):
    with pytest.raises(UserError, match="not a date"):
        council_on("2022-13-01", seats)
    with pytest.raises(UserError, match="first sat"):
        council_on("1945-12-01", seats)
