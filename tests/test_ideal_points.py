"""Ideal points: the BSV readers, the estimator on the record against BSV's published estimates, and on toy votes."""

from __future__ import annotations

import polars as pl
import pytest

from unvote.analysis.ideal_points import IdealPoints, bridge_keys, validate
from unvote.errors import UserError
from unvote.sources import SourceError
from unvote.sources.ideal_points import read_sessions, read_years


@pytest.fixture(scope="module")
def bsv(shared_data):
    return read_sessions(shared_data / "ideal_points" / "IdealpointestimatesAll_Jun2024.csv")


def _fit_sessions(record, first: int, last: int, **options) -> IdealPoints:
    decisions = record.decisions(body="GA").filter(pl.col("session").is_between(first, last))
    votes = record.votes(body="GA").select("decision_id", "member", "vote")
    return IdealPoints(**options).fit(votes, decisions)


@pytest.fixture(scope="module")
def recent(record):
    """Sessions 60-77 (2005-2023)."""
    return _fit_sessions(record, 60, 77)


def test_session_file_holds_bsv_estimates(bsv):
    # One row per data line (rows after session 77 are withheld from this copy; see PROVENANCE.md).
    assert bsv.height == 11046
    assert bsv["period"].min() == 1 and bsv["period"].max() == 77
    assert bsv.filter(pl.col("period") == 77).height == 192
    usa = bsv.filter((pl.col("member_code") == "USA") & (pl.col("period") == 1)).row(0, named=True)
    assert usa["n_votes"] == 42 and usa["ideal_point"] == pytest.approx(1.67635)
    # The Soviet Union is printed as Russia.
    assert bsv.filter((pl.col("member_code") == "RUS") & (pl.col("period") == 8))["ideal_point"].item() < -2


def test_year_file_holds_bsv_estimates(shared_data):
    years = read_years(shared_data / "ideal_points" / "Idealpointestimates1946-2025.tab")
    assert years.height == 11038 and years["member_code"].n_unique() == 198
    assert years["period"].min() == 1946 and years["period"].max() == 2022
    usa = years.filter((pl.col("member_code") == "USA") & (pl.col("period") == 1946)).row(0, named=True)
    assert usa["n_votes"] == 25 and usa["ideal_point"] == pytest.approx(1.7402)


def test_readers_name_file_and_line_of_bad_input(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(",ccode,session,NVotesAll,IdealPointAll,Q5%All,Q50%All,Q95%All,iso3c,Countryname\n"
                   "1,2,1,42,1.6,1.3,1.6,2.0,USA,United States\n"
                   "2,20,1,40,high,1.0,1.2,1.4,CAN,Canada\n")
    with pytest.raises(SourceError, match=r"bad.csv, line 3: column 'IdealPointAll' holds 'high'"):
        read_sessions(bad)
    short = tmp_path / "short.tab"
    short.write_text("ccode\tiso3c\tyear\n2\tUSA\t1946\n")
    with pytest.raises(SourceError, match="short.tab"):
        read_years(short)


def test_recent_sessions_correlate_with_bsv(recent, bsv):
    result = validate(recent.ideal_points_, bsv)
    assert result.overall >= 0.95
    assert result.per_session.height == 18
    assert result.per_session["r"].min() >= 0.95


def test_usa_and_russia(recent, bsv):
    table = validate(recent.ideal_points_, bsv).per_session
    # The United States sits above Russia in every session, as in BSV.
    assert (table["usa"] > table["rus"]).all() and (table["bsv_usa"] > table["bsv_rus"]).all()
    # In session 77 (2022-23, after the invasion of Ukraine) both scales put Russia on the negative side.
    last = table.filter(pl.col("session") == 77).row(0, named=True)
    assert last["usa"] > 0 > last["rus"] and last["bsv_rus"] < 0


def test_cold_war_sessions_put_the_soviet_union_opposite_the_united_states(record, bsv):
    fit = _fit_sessions(record, 35, 44)
    points = fit.ideal_points_
    sun = points.filter(pl.col("member") == "SUN").sort("session")
    usa = points.filter(pl.col("member") == "USA").sort("session")
    assert sun.height == usa.height == 10
    assert (sun["ideal_point"] < 0).all() and (usa["ideal_point"] > 0).all()
    assert validate(points, bsv).overall >= 0.95


def test_fit_is_deterministic(record):
    first = _fit_sessions(record, 76, 77, random_state=7)
    second = _fit_sessions(record, 76, 77, random_state=7)
    assert first.ideal_points_.equals(second.ideal_points_)
    assert first.n_iter_ == second.n_iter_ and first.converged_


def test_toy_votes_recover_the_obvious_order():
    # Five members on a line, and cut-lines between each neighbouring pair, voted in two sessions: every vote
    # splits the line once, so the order of the members is the only thing the votes say.
    line = ["AAA", "BBB", "CCC", "DDD", "EEE"]
    rows, decisions = [], []
    for session in (1, 2):
        for cut in range(1, 5):
            for repeat in range(3):
                decision = f"s{session}c{cut}r{repeat}"
                decisions.append({"id": decision, "session": session, "kind": "resolution", "title": decision})
                for position, member in enumerate(line):
                    vote = "Y" if position >= cut else ("A" if position == cut - 1 and repeat == 2 else "N")
                    rows.append({"decision_id": decision, "member": member, "vote": vote})
    fit = IdealPoints(positive_member="EEE").fit(pl.DataFrame(rows), pl.DataFrame(decisions))
    for session in (1, 2):
        order = fit.ideal_points_.filter(pl.col("session") == session).sort("ideal_point")["member"].to_list()
        assert order == line
    assert fit.item_params_.height == 24 and (fit.item_params_["cut_yes"] >= fit.item_params_["cut_no"]).all()


def test_recurring_resolutions_share_a_bridge(record):
    decisions = record.decisions(body="GA")
    keyed = decisions.with_columns(bridge_keys(decisions))
    cuba = keyed.filter(pl.col("symbol").is_in(["A/RES/47/19", "A/RES/70/5", "A/RES/77/7"]))
    assert cuba.height == 3 and cuba["bridge"].n_unique() == 1 and cuba["bridge"].null_count() == 0
    # Amendments and paragraph votes never bridge.
    assert keyed.filter(pl.col("kind") != "resolution")["bridge"].null_count() == \
        keyed.filter(pl.col("kind") != "resolution").height


def test_bad_input_is_one_sentence():
    with pytest.raises(UserError, match="lacks the column"):
        IdealPoints().fit(pl.DataFrame({"decision_id": ["a"], "vote": ["Y"]}), pl.DataFrame({"id": ["a"], "session": [1]}))
    unanimous = pl.DataFrame({"decision_id": ["a", "a"], "member": ["USA", "CAN"], "vote": ["Y", "Y"]})
    with pytest.raises(UserError, match="No contested"):
        IdealPoints().fit(unanimous, pl.DataFrame({"id": ["a"], "session": [1]}))
