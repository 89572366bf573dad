"""The rules replayed on the bundled record, the veto history, simulations of real decisions, and the CLI."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest
from typer.testing import CliRunner

from unvote.charter.replay import replay
from unvote.charter.simulate import compose, simulate
from unvote.charter.vetoes import veto_history
from unvote.errors import UserError


@pytest.fixture(scope="module")
def report(record):
    return replay(record)


def _row(report, decision_id: str) -> dict:
    return report.rows.filter(pl.col("id") == decision_id).row(0, named=True)


def test_every_mismatch_is_traced_to_a_source_in_the_quality_report(report, record):
    totals = {row["body"]: row for row in report.totals().iter_rows(named=True)}
    for body in ("SC", "GA"):
        assert totals[body]["untraced"] == 0 and totals[body]["agree_or_traced"] == 1.0, body
        assert totals[body]["agreement"] > 0.99
    mismatches = report.mismatches
    assert mismatches["cause"].str.len_chars().min() > 20
    quality = record.quality()
    for row in mismatches.iter_rows(named=True):
        rows = quality.filter(pl.col("decision_id") == row["id"])
        assert rows.height and row["traced"], row["id"]
    # Each SC source error names the raw file it is in.
    errors = quality.filter(pl.col("check") == "outcome: source error")
    assert set(errors["decision_id"]) == {"SC-DRAFT-S/5095", "SC-DRAFT-S/10768"}
    assert errors["sources"].str.contains("un_sc_actions_html/scact19").all()


def test_ga_replay_checks_only_outcomes_a_source_records(report, record):
    ga = report.rows.filter(pl.col("body") == "GA")
    derived = ga.filter(pl.col("outcome_source") == "votes")
    # Outcomes derived from the votes are not counted as tests of the rules ...
    assert derived.height > 1000 and not derived["checkable"].any()
    # ... the adopted resolutions the UN Digital Library or the UN's extracts list are, and a few disagree.
    listed = ga.filter(pl.col("outcome_source").is_in(["undl_wide", "unxml"]))
    assert listed["checkable"].all() and (listed["recorded"] == "adopted").all()
    # A/RES/63/307 (2009): UNDL prints 48-19-78 for the resolution; Voeten's roll call under its symbol (29-64-50)
    # is Russia's failed motion for no action, so its outcome stays its own and it is no test.
    row = _row(report, "GA-5847-20090909")
    assert row["recorded"] == row["computed"] == "failed" and not row["checkable"]
    motions = record.quality().filter(pl.col("check") == "GA motion filed under a resolution's symbol")
    assert {"GA-5847-20090909", "GA-6013-19971125", "GA-6045-19981207"} <= set(motions["decision_id"])
    # The adopted resolutions that remain in disagreement are UNDL's empty records (0-0-0).
    for mismatch in report.mismatches.filter(pl.col("body") == "GA").iter_rows(named=True):
        assert mismatch["recorded"] == "adopted" and "0-0-0" in mismatch["cause"]
    dprk = record.decision("A/RES/69/188")
    assert dprk.row["outcome_source"] == "undl_wide" and _row(report, dprk.id)["agrees"]


def test_procedural_decisions_are_data_and_escape_the_veto(report):
    from unvote.charter.procedural import procedural_decisions

    held = procedural_decisions()
    # Emergency special sessions called over a permanent member's no: Suez and Hungary 1956, Congo 1960,
    # Afghanistan 1980, Ukraine 2022; invitations of 1950; the Greek question removed from the agenda in 1947.
    for decision_id in ("SC-RES-34", "SC-RES-87", "SC-RES-88", "SC-RES-119", "SC-RES-120", "SC-RES-157",
                        "SC-RES-462", "SC-RES-2623"):
        row = _row(report, decision_id)
        assert decision_id in held and held[decision_id].source
        assert row["agrees"] and row["computed"] == "adopted" and "procedural" in row["rule_data"]
    assert all(_row(report, decision_id)["checkable"] for decision_id in held)


def test_simulating_a_procedural_decision_knows_it_is_one(record):
    # S/RES/2623 (2022) called an emergency special session 11-1-3 over the Russian Federation's no.
    sim = simulate(record.decision("S/RES/2623(2022)"))
    assert sim.outcome.adopted and sim.outcome.procedural and sim.veto_players == ()
    assert "Russian Federation no veto on a procedural question" in sim.outcome.explanation
    # Had it been a question of substance, the same votes would have been a veto.
    votes = {r["member"]: r["vote"] for r in record.decision("S/RES/2623(2022)").votes.iter_rows(named=True)}
    assert simulate(compose("2022-02-27", {m: v for m, v in votes.items() if v != "Y"})).outcome.vetoed_by == ("RUS",)


def test_resolution_218_replays_under_the_transition_of_1965(report):
    row = _row(report, "SC-RES-218")
    assert row["agrees"] and "Council of 11 deciding by 7" in row["rule_data"]


def test_source_errors_fixed_in_the_build(record, report):
    # S/RES/1093 and 1094 (1997): the SC data alone has a US no; UNDL's votes (15-0-0, as UNDL and the pages print).
    for number in (1093, 1094):
        decision = record.decision(f"S/RES/{number}(1997)")
        assert (decision.row["yes"], decision.row["no"]) == (15, 0)
        assert set(decision.votes["vote"]) == {"Y"}
    # The SC data's 1995 votes of members not on the Council are not kept where UNDL has none (S/RES/979, 980).
    assert record.decision("S/RES/979(1995)").votes.is_empty()
    # The SC data also gives S/2020/667 to a draft that failed 2-7-6: only the vote of 10 July 2020 was vetoed.
    rows = record.sql("select date, outcome, vetoed_by from decisions where draft = 'S/2020/667' order by date")
    assert [r[1] for r in rows.rows()] == ["vetoed", "failed"]
    assert rows.row(0)[0] == dt.date(2020, 7, 10)
    # The pages copy S/11400 (vetoed 31 July 1974) into the meeting of 30 Oct 1974: one veto, not two.
    assert record.sql("select count(*) n from decisions where draft like 'S/11400%'")["n"][0] == 1
    assert record.quality().filter(pl.col("check") == "pages repeat a draft").height >= 2


def test_korea_1950_adopted_with_the_ussr_absent(report, record):
    for number in (82, 83, 84):
        row = _row(report, f"SC-RES-{number}")
        assert row["agrees"] and row["computed"] == "adopted" and row["basis"] == "votes"
    votes = dict(record.decision("S/RES/83(1950)").votes.select("member", "vote").iter_rows())
    assert votes["SUN"] == "X"


def test_adopted_with_a_permanent_member_abstaining(report, record):
    # Resolution 1593 (2005), Darfur to the ICC, 11-0-4 with China and the United States abstaining.
    row = _row(report, "SC-RES-1593")
    assert row["agrees"] and row["computed"] == "adopted"
    sim = simulate(record.decision("S/RES/1593(2005)"))
    assert set(sim.outcome.permanent_abstaining) == {"CHN", "USA"}


def test_failed_with_a_permanent_no_and_too_few_yes_votes(report):
    # S/2016/847 (Syria, 2016): 4-9-2, France, the UK and the US against: failed, not vetoed.
    row = _row(report, "SC-DRAFT-S/2016/847")
    assert row["agrees"] and row["computed"] == "failed"


def test_vetoed_with_fourteen_and_thirteen_yes_votes(report):
    assert _row(report, "SC-DRAFT-S/2017/1060")["computed"] == "vetoed"   # Jerusalem, 14-1-0, USA
    assert _row(report, "SC-DRAFT-S/2022/431")["computed"] == "vetoed"    # DPRK, 13-2-0, China and Russia
    assert _row(report, "SC-DRAFT-S/2014/348")["computed"] == "vetoed"    # Syria to the ICC, 13-2-0


def test_simulating_china_abstaining_on_s_2022_431(record):
    sim = simulate(record.decision("S/2022/431"), {"CHN": "A"})
    assert sim.recorded.status == "vetoed" and sim.outcome.vetoed_by == ("RUS",)
    both = simulate("S/2022/431", {"CHN": "A", "RUS": "A"})
    # Adopted 13-0-2: no elected member is pivotal (one yes fewer still leaves 12), every permanent member is (a veto).
    assert both.outcome.adopted
    assert {(p.member, p.to, p.status) for p in both.pivotal} == {
        (m, "N", "vetoed") for m in ("CHN", "FRA", "GBR", "RUS", "USA")}


def test_pivotal_members_on_resolution_83(record):
    sim = simulate(record.decision("S/RES/83(1950)"))
    pivots = {p.member: p for p in sim.pivotal}
    # Seven yes votes were exactly the seven needed: each could have defeated it, and the absent USSR could have vetoed.
    assert set(pivots) == {"CUB", "ECU", "FRA", "GBR", "NOR", "TWN", "USA", "SUN"}
    assert pivots["SUN"].to == "N" and pivots["SUN"].status == "vetoed"
    assert sim.veto_players == ("SUN",)


def test_composed_draft_and_bad_changes():
    sim = simulate(compose("2022-05-26", {"CHN": "N", "RUS": "N"}))
    assert sim.outcome.vetoed_by == ("CHN", "RUS") and sim.outcome.yes == 13
    with pytest.raises(UserError, match="did not vote"):
        compose("2022-05-26", {"DEU": "N"})
    with pytest.raises(UserError, match="only the tally"):
        simulate("S/PV.45")


def test_veto_history(record):
    history = veto_history(record)
    assert history.table.height == record.sql("select count(*) n from decisions where outcome = 'vetoed'")["n"][0]
    counts = dict(history.by_member.select("member", "vetoes").iter_rows())
    assert counts["SUN"] > counts["RUS"] and counts["USA"] > counts["FRA"]
    china_2010s = veto_history(record, member="CHN", decade=2010).table
    assert "S/2014/348" in china_2010s["draft"].to_list()
    assert (china_2010s["decade"] == 2010).all()
    assert history.by_decade.filter(pl.col("decade") == 1940)["SUN"].item() == counts["SUN"] - history.table.filter(
        pl.col("vetoed_by").list.contains("SUN") & (pl.col("decade") > 1940)).height


def test_veto_history_says_what_the_rules_make_of_each_veto(record):
    table = veto_history(record).table
    rules = dict(table.select("draft", "by_the_rules").iter_rows())
    assert rules["S/2022/431"] == "vetoed" and rules["S/10768"] == "failed"
    # Every other veto with a tally is a veto by the rules too.
    others = table.filter(pl.col("by_the_rules").is_not_null() & (pl.col("draft") != "S/10768"))
    assert others.height > 150 and (others["by_the_rules"] == "vetoed").all()


def test_ga_follow_up_of_vetoes_since_76_262(record):
    follow = veto_history(record).ga_follow_up
    pairs = {(r["vetoed_draft"], r["symbol"]): r["same_question"] for r in follow.iter_rows(named=True)}
    # ES-11/4 (12 Oct 2022, Ukraine) came twelve days after Russia's veto of S/2022/720; the Georgia vote of
    # 8 June 2022 merely fell in the window after the DPRK veto.
    assert pairs[("S/2022/720", "A/RES/ES-11/4")] is True
    assert pairs[("S/2022/431", "A/RES/76/267")] is False
    assert (follow["veto_date"] >= dt.date(2022, 4, 26)).all()


def test_cli_commands():
    from unvote.cli import app

    runner = CliRunner()
    out = runner.invoke(app, ["council", "2022-05", "--json"])
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert data["president"]["code"] == "USA" and data["required"] == 9 and len(data["members"]) == 15
    out = runner.invoke(app, ["simulate", "S/2022/431", "--set", "CHN=A", "--set", "RUS=A", "--json"])
    assert json.loads(out.stdout)["outcome"]["status"] == "adopted"
    out = runner.invoke(app, ["simulate", "--date", "2022-05-26", "--votes", "CHN=N,RUS=N", "--json"])
    assert json.loads(out.stdout)["outcome"]["vetoed_by"] == ["CHN", "RUS"]
    out = runner.invoke(app, ["vetoes", "--member", "CHN", "--decade", "2010", "--json"])
    assert {v["draft"] for v in json.loads(out.stdout)["vetoes"]} >= {"S/2014/348", "S/2012/77"}
    out = runner.invoke(app, ["replay", "--json", "--body", "GA"])
    data = json.loads(out.stdout)
    assert all(m["traced"] for m in data["mismatches"]) and data["totals"][0]["checked"] < data["totals"][0]["decisions"]
    for bad in (["council", "2022-13"], ["vetoes", "--member", "DEU"], ["simulate", "S/2022/431", "--set", "CHN=maybe"]):
        result = runner.invoke(app, bad)
        assert isinstance(result.exception, UserError), bad
