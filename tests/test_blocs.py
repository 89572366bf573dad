"""Voting blocs and partners, checked against what the record is known to show."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

import unvote
from unvote.analysis import blocs as blocs_module
from unvote.analysis.blocs import (VotingBlocs, bloc_history, bloc_stability, bloc_switches, find_blocs,
                                   parse_period, partners, spans)
from unvote.errors import NotFound, UserError

WARSAW_PACT_1950S = {"ALB", "BGR", "CSK", "HUN", "POL", "ROU", "SUN"}  # DDR joined the UN only in 1973
WESTERN_EUROPE = {"FRA", "GBR", "DEU", "NLD", "BEL", "ITA", "DNK", "NOR", "LUX"}


@pytest.fixture(scope="module")
def fifties(record):
    return find_blocs(record, "1950s")


@pytest.fixture(scope="module")
def seventies(record):
    return find_blocs(record, "1970s")


def test_soviet_bloc_of_the_1950s_is_the_warsaw_pact_and_the_two_soviet_republics(fifties):
    soviet = fifties.bloc_of("SUN")
    members = set(fifties.members.filter(bloc=soviet)["member"])
    assert members == WARSAW_PACT_1950S | {"UKR", "BLR"}  # the Byelorussian and Ukrainian SSRs had seats of their own
    assert fifties.bloc_of("USA") != soviet


def test_cold_war_blocs_of_the_1970s(seventies):
    soviet, western = seventies.bloc_of("SUN"), seventies.bloc_of("USA")
    assert soviet != western
    assert {seventies.bloc_of(c) for c in ("POL", "DDR", "CSK", "HUN", "BGR")} == {soviet}
    assert {seventies.bloc_of(c) for c in WESTERN_EUROPE} == {western}
    # Ceausescu's Romania kept its distance from Moscow: it votes with the non-aligned majority, not the Soviet bloc.
    assert seventies.bloc_of("ROU") not in (soviet, western)
    assert seventies.bloc_of("IND") == seventies.bloc_of("CHN") == seventies.bloc_of("ROU")


def test_blocs_are_named_by_their_best_known_members(seventies):
    names = dict(zip(seventies.summary["bloc"], seventies.summary["name"]))
    assert names[seventies.bloc_of("USA")].startswith("USA / GBR / FRA")
    assert names[seventies.bloc_of("SUN")].startswith("SUN")
    assert seventies.summary["size"].to_list() == sorted(seventies.summary["size"].to_list(), reverse=True)
    assert seventies.summary["size"].sum() == seventies.members.height


def test_after_the_cold_war_eastern_europe_votes_with_the_west(record):
    nineties = find_blocs(record, "1990-1999")
    western = nineties.bloc_of("FRA")
    assert {nineties.bloc_of(c) for c in {"POL", "HUN", "CZE", "EST", "LTU", "LVA"} | WESTERN_EUROPE} == {western}
    assert nineties.bloc_of("CHN") != western


def test_on_the_middle_east_the_usa_and_israel_stand_apart_from_western_europe_in_the_1980s(record):
    everything = find_blocs(record, "1980s")
    middle_east = find_blocs(record, "1980s", issue="me")
    assert everything.bloc_of("USA") == everything.bloc_of("GBR")
    assert middle_east.bloc_of("USA") == middle_east.bloc_of("ISR") != middle_east.bloc_of("GBR")
    assert middle_east.roll_calls < everything.roll_calls and "Middle East" in middle_east.period


def test_number_of_blocs_is_the_best_silhouette_unless_set(record):
    votes = record.votes(body="GA", start="2015-01-01", end="2019-12-31")
    fit = VotingBlocs().fit(votes)
    assert fit.n_blocs_ == max(fit.silhouettes_, key=fit.silhouettes_.get)
    assert set(fit.silhouettes_) == set(range(2, 9))
    four = VotingBlocs(n_blocs=4).fit(votes)
    assert four.n_blocs_ == 4 and sorted(set(four.labels_.tolist())) == [1, 2, 3, 4]
    # Ward's method is deterministic: a second fit gives the very same blocs.
    again = VotingBlocs().fit(votes)
    assert np.array_equal(again.labels_, fit.labels_) and list(again.members_) == list(fit.members_)
    # The heat map's order lists every member once, bloc by bloc.
    assert sorted(fit.order_.tolist()) == list(range(len(fit.members_)))
    assert list(fit.labels_[fit.order_]) == sorted(fit.labels_)


def test_rare_voters_are_left_out(record):
    # South Africa was kept out of the Assembly's votes from 1974 to 1994 (credentials rejected).
    assert "ZAF" in find_blocs(record, "1980s").excluded


def test_history_keeps_bloc_numbers_and_lists_switches(record):
    history = bloc_history(record, ["1980s", "1990s"])
    fra = history.filter(member="FRA")["bloc"].to_list()
    assert fra[0] == fra[1]  # the Western bloc keeps its number
    successors = dict(record.members().select("code", "successor").drop_nulls().iter_rows())
    switches = bloc_switches(history, successors)
    moved = set(switches["member"])
    assert {"POL", "HUN", "BGR", "ROU", "RUS"} <= moved
    assert not moved & WESTERN_EUROPE
    assert switches.filter(member="RUS")["from_member"].item() == "SUN"


def test_stability_between_periods(record):
    history = bloc_history(record, ["2000s", "2010s"])
    later = bloc_stability(history).row(0, named=True)
    # After the Cold War's end the Assembly's blocs hardly moved from the 2000s to the 2010s.
    assert later["ari"] > 0.9 and later["switched"] <= 5 and later["members"] >= 185
    assert later["switched"] == bloc_switches(history).height


def test_closest_partner_of_the_usa_in_2010s_is_israel(record):
    table = partners(record, "United States", "2010-2019", n=3)
    closest = table.filter(side="closest")
    assert closest["member"][0] == "ISR" and closest["agreement"][0] > 0.9
    assert table.filter(side="farthest")["member"][0] == "PRK"
    assert closest["agreement"].to_list() == sorted(closest["agreement"].to_list(), reverse=True)
    assert "USA" not in table["member"].to_list()


def test_bad_input_is_one_clear_error(record):
    with pytest.raises(UserError, match="not a period"):
        parse_period("the eighties")
    with pytest.raises(UserError, match="ends before it starts"):
        parse_period("2019-2015")
    with pytest.raises(NotFound):
        partners(record, "Atlantis", "2010-2019")
    with pytest.raises(UserError, match="cast no General Assembly vote"):
        partners(record, "SSD", "1980s")  # South Sudan joined in 2011
    with pytest.raises(UserError, match="number of blocs"):
        find_blocs(record, "2020", n_blocs=1)
    with pytest.raises(UserError, match="no General Assembly roll call"):
        find_blocs(record, "1900-1910")
    with pytest.raises(UserError, match="Unknown issue 'xx'"):
        partners(record, "USA", "2010-2019", issue="xx")


def test_periods():
    assert parse_period("1980s").label == "1980-1989" and parse_period("2020").label == "2020"
    assert [p.label for p in spans(1946, 1975, 10)] == ["1946-1949", "1950-1959", "1960-1969", "1970-1975"]
    assert [p.label for p in spans(2000, 2009, 5)] == ["2000-2004", "2005-2009"]


def test_docstring_examples():
    result = doctest.testmod(blocs_module, extraglobs={"unvote": unvote}, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
