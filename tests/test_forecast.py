"""Forecasts on the real record: no leakage, determinism, a known veto, and beating always-yes on a GA session."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from unvote.errors import UserError
from unvote.forecast.api import forecast_draft
from unvote.forecast.backtest import ga_origins, run, scores
from unvote.forecast.draft import Draft, draft_from_decision, draft_like
from unvote.forecast.model import Forecaster


@pytest.fixture(scope="module")
def veto_forecast(record):
    return forecast_draft(record, draft_like(record, "S/2022/431"))


def test_draft_from_decision_strips_the_outcome(record):
    draft = draft_from_decision(record, "S/2022/431")
    assert draft.body == "SC" and draft.date == dt.date(2022, 5, 26) and draft.sponsors == ("USA",)
    assert not hasattr(draft, "outcome") and not hasattr(draft, "yes")


def test_fit_reads_nothing_on_or_after_until(record):
    until = dt.date(2022, 5, 26)  # the day S/2022/431 was vetoed
    model = Forecaster().fit(record, until=until)
    assert model.training_["date"].max() < until
    assert "SC-DRAFT-S/2022/431" not in model.training_["id"].to_list()


def test_prediction_ignores_decisions_on_or_after_the_draft_date(record):
    """A model fitted past the draft's date still reads only earlier decisions when forecasting it."""
    draft = draft_from_decision(record, "S/2022/431")
    late = Forecaster().fit(record, until="2023-01-01")
    assert late.training_["date"].max() >= draft.date  # the model holds the veto and later decisions...
    _, evidence = late._predict(draft, ["CHN", "RUS"])
    used = evidence["previous"] + evidence["similar"]
    assert used and all(row["date"] < draft.date for row in used)  # ...but the forecast does not read them
    assert "N" not in late.previous_votes(draft, ["RUS"])["RUS"]  # Russia's no of 26 May 2022 is not seen


def test_forecast_is_deterministic(record):
    draft = draft_like(record, "S/2022/431")
    first, second = forecast_draft(record, draft), forecast_draft(record, draft)
    assert first.members.equals(second.members)
    assert first.outcome == second.outcome


def test_rerun_of_the_2022_dprk_veto(veto_forecast):
    members = veto_forecast.members
    for code in ("CHN", "RUS"):
        assert members.filter(pl.col("member") == code)["p_no"][0] > 0.5
    assert members.filter(pl.col("member") == "USA")["p_no"][0] < 0.1
    outcome = veto_forecast.outcome
    assert outcome.p_vetoed > 0.5
    assert abs(outcome.p_adopted + outcome.p_vetoed + outcome.p_failed - 1) < 1e-9
    assert set(list(outcome.p_veto_by)[:2]) == {"CHN", "RUS"}
    assert "China" in outcome.explanation and "P(veto)" in outcome.explanation


def test_member_probabilities_sum_to_one(veto_forecast):
    sums = veto_forecast.members.select(pl.sum_horizontal("p_yes", "p_no", "p_abstain", "p_absent"))
    assert (sums.to_series() - 1).abs().max() < 1e-9
    assert veto_forecast.members.height == 15


def test_beats_always_yes_on_a_ga_session(record):
    frame = pl.concat(run(record, "GA", ga_origins(record, range(77, 78))).frames)
    model = scores(frame.filter(pl.col("model") == "forecaster"))
    always_yes = scores(frame.filter(pl.col("model") == "always yes"))
    base_rate = scores(frame.filter(pl.col("model") == "member base rate"))
    assert model["log loss"] < always_yes["log loss"]
    assert model["log loss"] < base_rate["log loss"]
    assert model["macro-F1"] > always_yes["macro-F1"]


def test_a_draft_needs_a_body_and_a_description():
    with pytest.raises(UserError):
        Draft(body="ECOSOC", date="2022-01-01", title="x")
    with pytest.raises(UserError):
        Draft(body="GA", date="2022-01-01")


def test_rerun_must_follow_the_vote(record):
    with pytest.raises(UserError):
        draft_like(record, "S/2022/431", date="2022-05-01")
