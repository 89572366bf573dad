"""Forecasts on the real record: no leakage, determinism, a known veto, beating the baselines on small windows,
the evaluation written with its plots, and ``--since`` past the record's end."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from unvote.errors import UserError
from unvote.forecast.api import fitted_model, forecast_draft
from unvote.forecast.backtest import evaluate, ga_origins, previous_outcome, run, sc_origins, scores
from unvote.forecast.report import markdown, write_plots
from unvote.forecast.draft import Draft, _draft_of_row, draft_from_decision, draft_like
from unvote.forecast.council import FEATURES
from unvote.forecast.model import Forecaster, _norm


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


def test_kept_fit_forecasts_what_a_fresh_fit_does(record):
    """forecast_draft reuses the fit for a (record, date); the kept model gives exactly a fresh model's numbers."""
    draft = draft_like(record, "S/2022/431")
    assert fitted_model(record, draft.date) is fitted_model(record, draft.date)
    fresh = Forecaster().fit(record, until=draft.date).predict_proba(draft)
    kept = forecast_draft(record, draft).members.sort("member")
    assert np.array_equal(kept.select(fresh.columns[1:]).to_numpy(), fresh.sort("member").drop("member").to_numpy())


def test_council_items_are_the_finer_topic(record):
    """Syria's drafts are their own item, not the Middle East agenda's: the 2022 Lebanon renewal reads no veto."""
    model = Forecaster().fit(record, until="2022-12-31")
    syria, golan = draft_from_decision(record, "S/2022/538"), draft_from_decision(record, "S/2022/654")
    assert syria.agenda == golan.agenda
    assert (model.item_key(syria), model.item_key(golan)) == ("middle east syria", "middle east lebanon")
    features = [model.council_history_.features(np.datetime64(d.date, "D"), model.item_key(d), d.sponsors, ["RUS"])
                for d in (syria, golan)]
    vetoes = FEATURES.index("member_vetoes_item")
    assert features[0][0, vetoes] > 0 and features[1][0, vetoes] == 0


def test_history_after_the_fit_date_is_read_but_not_learned(record):
    """The backtest's fit keeps later votes as history: a draft reads those before its date, the model learns none."""
    plain = Forecaster().fit(record, until="2022-01-01")
    wide = Forecaster().fit(record, until="2022-01-01", history_until="2022-12-31")
    assert np.array_equal(plain.council_.pipeline_[-1].coef_, wide.council_.pipeline_[-1].coef_)
    draft = draft_from_decision(record, "S/2022/431")
    on = np.datetime64(draft.date, "D")
    plain_rows, wide_rows = (m.council_history_.dates[m.council_history_.previous(on, m.item_key(draft))]
                             for m in (plain, wide))
    assert plain_rows.max() < np.datetime64("2022-01-01")
    assert wide_rows.max() == np.datetime64("2022-03-25")  # the sanctions panel renewal of March 2022 is read


def test_a_ga_sponsor_is_forecast_to_vote_yes(record):
    """Session 77 drafts carry their sponsors: a sponsor's P(yes) rises above what the same model says without."""
    draft = draft_from_decision(record, "A/RES/77/293")
    assert draft.sponsors
    model = Forecaster().fit(record, until=draft.date)
    sponsor = draft.sponsors[0]
    with_sponsors = model.predict_proba(draft, [sponsor])["p_yes"][0]
    model.sponsor_yes = 0.0
    without = model.predict_proba(draft, [sponsor])["p_yes"][0]
    assert with_sponsors >= without and with_sponsors > 0.9


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


def test_outcome_judges_the_permanent_members_of_the_drafts_date():
    """On 12 March 1985 the USSR (SUN) held a permanent seat: its sure no, against 14 sure yeses, is a veto."""
    from unvote.charter.composition import council_on
    from unvote.forecast.outcome import forecast_outcome

    draft = Draft(body="SC", date=dt.date(1985, 3, 12), agenda="The situation in the Middle East")
    council = list(council_on(draft.date).codes)
    no = [code == "SUN" for code in council]
    sure = pl.DataFrame({"member": council, "p_yes": [float(not n) for n in no], "p_no": [float(n) for n in no],
                         "p_abstain": [0.0] * 15, "p_absent": [0.0] * 15})
    result = forecast_outcome(draft, sure, draws=100)
    assert (result.p_vetoed, result.p_veto_by) == (1.0, {"SUN": 1.0})


def test_beats_always_yes_on_a_ga_session(record):
    frame = pl.concat(run(record, ga_origins(record, range(77, 78))).frames)
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


def test_council_features_read_only_earlier_decisions(record):
    """The pooled Council model's features for a draft are the same whether the model was fitted up to the draft's
    date or a year past it: nothing on or after the vote is read."""
    draft = draft_from_decision(record, "S/2022/431")
    members = ["CHN", "RUS", "USA", "GBR", "FRA"]
    on = np.datetime64(draft.date, "D")
    at = Forecaster().fit(record, until=draft.date)
    late = Forecaster().fit(record, until="2023-06-01")
    X_at, X_late = (model.council_history_.features(on, model.item_key(draft), draft.sponsors, members)
                    for model in (at, late))
    assert np.array_equal(X_at, X_late)
    # Neither China nor Russia had vetoed on North Korea before 26 May 2022, though Russia did that day.
    assert X_at[:2, FEATURES.index("member_vetoes_item")].tolist() == [0.0, 0.0]


def test_council_model_trains_only_before_the_fit_date(record):
    model = Forecaster().fit(record, until="2012-01-01")
    sc_dates = model.council_history_.dates
    assert sc_dates.max() < np.datetime64("2012-01-01")
    assert model.council_ is not None


def test_backtest_refits_before_every_block(record):
    for fit_date, block in sc_origins(record, range(2022, 2024)) + ga_origins(record, range(76, 78)):
        assert block["date"].min() >= fit_date


def test_previous_outcome_baseline_calls_the_last_veto(record):
    model = Forecaster().fit(record, until="2022-05-27")
    call = previous_outcome(model, draft_like(record, "S/2022/431"))
    assert call["p_vetoed"] == 0.9 and call["p_adopted"] == 0.05


def test_council_backtest_beats_its_baselines_on_log_loss(record):
    result = evaluate(record, "SC", years=range(2022, 2024))
    assert result["SC decisions"] == record.decisions(body="SC", start="2022-01-01", end="2023-12-31").height
    ours = result["SC"]["forecaster"]["log loss"]
    assert all(ours < scored["log loss"] for name, scored in result["SC"].items() if name != "forecaster")
    assert set(result["SC vetoes"]) == {"forecaster", "previous version", "previous outcome"}
    assert result["SC vetoes"]["forecaster"]["vetoed"] == record.decisions(
        body="SC", start="2022-01-01", end="2023-12-31", outcome="vetoed").height


def test_evaluation_is_written_with_calibration_plots(record, tmp_path):
    result = evaluate(record, "SC", years=range(2023, 2024))
    plots = write_plots(result, tmp_path / "img")
    text = markdown(result, "unvote backtest --body SC --years 2023", plots, relative_to=tmp_path)
    assert (tmp_path / "img" / "forecast-sc-calibration.svg").read_text().lstrip().startswith("<svg")
    assert "](img/forecast-sc-calibration.svg)" in text and "](img/forecast-sc-veto-calibration.svg)" in text
    assert "| previous outcome |" in text


def test_since_past_the_record_says_there_is_nothing_to_evaluate(record, tmp_path):
    """Run as a user runs it (a real process through the CLI's entry point, which turns the error into a sentence)."""
    last = record.decisions()["date"].max()
    output = tmp_path / "evaluation.md"
    out = subprocess.run([sys.executable, "-c", "from unvote.cli import main; main()", "backtest", "--since",
                          (last + dt.timedelta(days=1)).isoformat(), "--output", str(output)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "nothing to evaluate" in out.stderr and last.isoformat() in out.stderr
    assert not output.exists()


def test_since_evaluates_every_later_decision(record, tmp_path):
    """With --since the command forecasts every decision from that date in whatever years the record holds, and
    writes its own plots beside (not over) the full evaluation's."""
    from unvote.cli import app

    since = dt.date(2023, 6, 1)
    result = evaluate(record, "SC", since=since)
    assert result["SC years"] == range(2023, 2024)
    assert result["SC decisions"] == record.decisions(body="SC", start=since).height
    output = tmp_path / "since.md"
    out = CliRunner().invoke(app, ["backtest", "--body", "SC", "--since", "2023-06-01", "--output", str(output)])
    assert out.exit_code == 0, out.output
    assert "decisions from 2023-06-01" in output.read_text()
    assert (tmp_path / "img" / "forecast-sc-calibration-since-2023-06-01.svg").exists()


def test_docstring_examples_are_real_calls(record):
    import doctest

    from unvote.forecast import api, backtest, council, draft, model

    names = {"rec": record, "pl": pl, "np": np, "dt": dt, "draft_like": draft_like, "Forecaster": Forecaster}
    for module in (api, backtest, council, draft, model):
        result = doctest.testmod(module, extraglobs=names, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_ga_second_stage_learns_only_before_the_fit_date_and_beats_the_mixture(record):
    """The GA second stage is trained on votes before the fit date only (history after it is read, never learned),
    and on session 77, which it never saw, it forecasts the votes cast better than the mixture alone."""
    origin, block = ga_origins(record, range(77, 78))[0]
    plain = Forecaster().fit(record, until=origin)
    wide = Forecaster().fit(record, until=origin, history_until=block["date"].max() + dt.timedelta(days=1))
    assert np.array_equal(plain.ga_stage()[-1].coef_, wide.ga_stage()[-1].coef_)
    assert plain.ga_stage().classes_.tolist() == [0, 1, 2]
    mixture = Forecaster().fit(record, until=origin, history_until=block["date"].max() + dt.timedelta(days=1))
    mixture.use_stage = False
    votes = record.all_votes().select("decision_id", "member", "vote")
    frames = {"stage": [], "mixture": []}
    for row in block.head(40).iter_rows(named=True):
        actual = votes.filter(pl.col("decision_id") == row["id"])
        draft = _draft_of_row(row, row["date"])
        for name, model in (("stage", wide), ("mixture", mixture)):
            frames[name].append(model.predict_proba(draft, actual["member"].to_list())
                                .with_columns(actual["vote"].alias("vote"), pl.lit(row["id"]).alias("decision_id")))
    stage, alone = (scores(pl.concat(frames[n])) for n in ("stage", "mixture"))
    assert stage["log loss"] < alone["log loss"]


def test_tally_oracle_is_judged_on_the_later_session_only(record):
    """The oracle is fitted on session 69 and scored on session 70, every vote of it, like the forecaster; knowing
    the final split of each vote helps, yet the oracle is a reference no forecast can reach before the vote."""
    result = evaluate(record, "GA", sessions=range(69, 71))
    ours, oracle = result["GA 70"]["forecaster"], result["GA 70 tally oracle"]
    assert oracle["votes cast"] == ours["votes cast"] == 13400
    assert oracle["log loss"] < ours["log loss"]
    assert oracle["absent Brier"] == ours["absent Brier"]  # absences keep the forecaster's probabilities


def test_first_vetoes_on_their_item(record):
    """2022: four vetoes; Ukraine (2014 before) and Syria had earlier vetoes, DPRK (S/2022/431) and the annexation
    of Ukraine's regions (S/2022/720) did not."""
    from unvote.forecast.backtest import first_vetoes

    assert first_vetoes(record, dt.date(2022, 1, 1), dt.date(2022, 12, 31)) == {"vetoed": 4, "first on their item": 2}
    assert first_vetoes(record, dt.date(2010, 1, 1), dt.date(2023, 8, 31)) == {"vetoed": 32, "first on their item": 9}
