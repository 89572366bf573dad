"""The rules of outcome: properties that must hold for every vote (Hypothesis) and decisions of the record."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unvote.charter.outcome import outcome
from unvote.charter.permanent import permanent_members
from unvote.charter.thresholds import (AMENDMENT_IN_FORCE, charter_required, charter_seats, practice_on, practices,
                                      sc_required, sc_seats)
from unvote.errors import UserError

ELECTED = ["E01", "E02", "E03", "E04", "E05", "E06", "E07", "E08", "E09", "E10"]
VOTE = st.sampled_from("YNAX")
DATES = st.dates(min_value=dt.date(1946, 1, 17), max_value=dt.date(2030, 12, 31))


@st.composite
def council_votes(draw):
    """A date and a full set of Council votes: the five permanent members of that day plus the elected seats."""
    day = draw(DATES)
    elected = ELECTED[: 6 if day.year < 1966 else 10]
    members = list(permanent_members(day)) + elected
    return day, {m: draw(VOTE) for m in members}


def _sc(day, votes, **kw):
    return outcome("SC", day, votes=votes, **kw)


def _one_vote_changed(case, data, procedural, to):
    """The outcome before and after one member, drawn from the case, changes its vote to ``to``."""
    day, votes = case
    member = data.draw(st.sampled_from(sorted(votes)))
    return _sc(day, votes, procedural=procedural), _sc(day, {**votes, member: to}, procedural=procedural)


@settings(max_examples=300, deadline=None)
@given(council_votes(), st.data(), st.booleans())
def test_turning_a_vote_into_yes_never_turns_adoption_into_failure(case, data, procedural):
    before, after = _one_vote_changed(case, data, procedural, "Y")
    assert not (before.adopted and not after.adopted)


@settings(max_examples=300, deadline=None)
@given(council_votes(), st.data(), st.booleans())
def test_turning_a_vote_into_no_never_turns_failure_into_adoption(case, data, procedural):
    before, after = _one_vote_changed(case, data, procedural, "N")
    assert not (not before.adopted and after.adopted)


@settings(max_examples=300, deadline=None)
@given(council_votes())
def test_the_veto_only_bites_with_enough_yes_votes(case):
    day, votes = case
    result = _sc(day, votes)
    against = [m for m in permanent_members(day) if votes[m] == "N"]
    if result.status == "vetoed":
        assert result.yes >= result.required and set(result.vetoed_by) == set(against) and against
    if result.yes < result.required:
        assert result.status == "failed" and result.vetoed_by == ()
    if result.yes >= result.required and not against:
        assert result.adopted
    # Abstaining or absent permanent members never veto.
    assert not set(result.vetoed_by) & {m for m in permanent_members(day) if votes[m] in "AX"}


@settings(max_examples=200, deadline=None)
@given(DATES)
def test_the_charter_rule_switches_on_31_august_1965(day):
    # Arts. 23 and 27 as amended (GA res. 1991 (XVIII)) were in force from 31 Aug 1965: 15 seats, 9 votes.
    assert charter_seats(day) == (11 if day < AMENDMENT_IN_FORCE else 15)
    assert charter_required(day) == (7 if day < AMENDMENT_IN_FORCE else 9)
    # The Council's own figures are the Charter's except inside a recorded period of practice.
    if practice_on(day) is None:
        assert (sc_seats(day), sc_required(day)) == (charter_seats(day), charter_required(day))
        assert outcome("SC", day, tally=(9, 0, 0)).required == charter_required(day)


def test_the_transition_of_1965_is_data_with_a_source():
    # The eleven who sat until the four new seats were filled on 1 Jan 1966 went on deciding by seven votes.
    (transition,) = practices()
    assert (transition.start, transition.end, transition.seats, transition.required) == (
        AMENDMENT_IN_FORCE, dt.date(1965, 12, 31), 11, 7)
    assert "S/RES/218" in transition.source
    for day in (dt.date(1965, 8, 31), dt.date(1965, 11, 23), dt.date(1965, 12, 31)):
        assert (charter_required(day), sc_required(day), sc_seats(day)) == (9, 7, 11)
    assert (sc_required(dt.date(1966, 1, 1)), sc_seats(dt.date(1966, 1, 1))) == (9, 15)


def test_resolution_218_of_1965_adopted_by_seven_votes_after_the_amendment():
    # 23 Nov 1965, 7-0-4: the eleven-member Council still decided by seven votes after 31 Aug 1965.
    assert outcome("SC", "1965-11-23", tally=(7, 0, 4)).adopted
    assert outcome("SC", "1965-12-31", tally=(8, 0, 3)).adopted and not outcome("SC", "1966-01-01", tally=(8, 0, 7)).adopted


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 193), st.integers(0, 193), st.integers(0, 193), st.booleans(),
       st.sampled_from(["yes", "no"]))
def test_ga_majorities_are_monotone_and_ignore_abstentions(yes, no, abstain, important, change):
    before = outcome("GA", "2014-12-18", tally=(yes, no, abstain), important=important)
    majority = yes * 3 >= 2 * (yes + no) if important else yes > no
    assert before.adopted == (majority and yes + no > 0)  # with nobody present and voting, nothing passes
    # Abstentions never change the result.
    assert outcome("GA", "2014-12-18", tally=(yes, no, abstain + 7), important=important).adopted == before.adopted
    if abstain:
        moved = (yes + 1, no, abstain - 1) if change == "yes" else (yes, no + 1, abstain - 1)
        after = outcome("GA", "2014-12-18", tally=moved, important=important)
        assert (after.adopted >= before.adopted) if change == "yes" else (after.adopted <= before.adopted)


# --- decisions of the record -------------------------------------------------------------------------------------

KOREA_1950 = {"TWN": "Y", "CUB": "Y", "ECU": "Y", "FRA": "Y", "NOR": "Y", "GBR": "Y", "USA": "Y", "YUG": "N",
              "EGY": "X", "IND": "X", "SUN": "X"}


def test_resolution_83_of_1950_adopted_with_the_ussr_absent():
    result = outcome("SC", "1950-06-27", votes=KOREA_1950)
    assert (result.status, result.yes, result.no, result.abstain, result.non_voting) == ("adopted", 7, 1, 0, 3)
    assert result.permanent_absent == ("SUN",)
    assert "absence of the USSR is not a veto" in result.explanation


def test_s_2022_431_vetoed_by_china_and_russia():
    votes = {m: "Y" for m in ["ALB", "BRA", "FRA", "GAB", "GHA", "IND", "IRL", "KEN", "MEX", "NOR", "ARE", "GBR", "USA"]}
    result = outcome("SC", "2022-05-26", votes={**votes, "CHN": "N", "RUS": "N"})
    assert result.status == "vetoed" and result.vetoed_by == ("CHN", "RUS")
    assert result.explanation == ("Not adopted: 13 votes in favour met the 9 required, but China and the Russian "
                                  "Federation, permanent members, voted against (veto).")


def test_icc_referral_of_syria_vetoed():
    result = outcome("SC", "2014-05-22", tally=(13, 2, 0), permanent_against=["RUS", "CHN"])
    assert result.status == "vetoed" and result.vetoed_by == ("CHN", "RUS")


def test_a_permanent_no_with_too_few_yes_votes_fails_for_want_of_votes():
    # S/2018/322 (10 Apr 2018, Syria chemical weapons mechanism, Russian draft): 6-7-2, US, UK and France against.
    result = outcome("SC", "2018-04-10", tally=(6, 7, 2), permanent_against=["USA", "GBR", "FRA"])
    assert result.status == "failed" and result.vetoed_by == () and not result.adopted
    assert result.explanation.startswith("Not adopted for want of votes: 6 votes in favour, short of the 9 required")
    assert "not a veto" in result.explanation


def test_an_abstaining_permanent_member_is_not_a_veto():
    # Resolution 1593 (2005), Darfur referred to the ICC: 11-0-4, the United States and China abstaining.
    votes = {m: "Y" for m in ["ARG", "BEN", "DNK", "FRA", "GRC", "JPN", "PHL", "ROU", "RUS", "TZA", "GBR"]}
    result = outcome("SC", "2005-03-31", votes={**votes, "USA": "A", "CHN": "A", "DZA": "A", "BRA": "A"})
    assert result.adopted and result.permanent_abstaining == ("CHN", "USA")


def test_procedural_votes_have_no_veto():
    result = outcome("SC", "2014-12-22", tally=(11, 2, 2), permanent_against=["CHN", "RUS"], procedural=True)
    assert result.adopted and result.vetoed_by == ()


def test_a_party_to_the_dispute_abstains_by_obligation():
    votes = {m: "Y" for m in ["ALB", "BRA", "FRA", "GAB", "GHA", "IND", "IRL", "KEN", "MEX", "NOR", "ARE", "GBR",
                              "USA", "CHN"]}
    votes["RUS"] = "N"
    assert outcome("SC", "2022-02-25", votes=votes).status == "vetoed"
    obliged = outcome("SC", "2022-02-25", votes=votes, parties_to_dispute=["RUS"])
    assert obliged.adopted and obliged.abstain == 1 and "party to the dispute" in obliged.explanation


def test_ga_tie_rejects_and_two_thirds_for_important_questions():
    assert not outcome("GA", "1990-01-01", tally=(50, 50, 10)).adopted
    assert outcome("GA", "2014-12-18", tally=(116, 20, 53)).required == 69
    assert outcome("GA", "2014-12-18", tally=(116, 20, 53), important=True).required == 91
    assert not outcome("GA", "2014-12-18", tally=(90, 46, 0), important=True).adopted


def test_bad_input_is_a_user_error():
    with pytest.raises(UserError, match="SC or GA"):
        outcome("ECOSOC", "2022-01-01", tally=(1, 0, 0))
    with pytest.raises(UserError, match="not one of"):
        outcome("SC", "2022-01-01", votes={"USA": "maybe"})
    with pytest.raises(UserError, match="either"):
        outcome("SC", "2022-01-01")
