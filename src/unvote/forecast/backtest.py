"""Rolling-origin backtest: refit before each GA session (or SC year) and forecast every vote in it, never reading
anything dated on or after the decision forecast; score the forecaster against simple baselines in the same run."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from unvote.forecast.draft import _draft_of_row
from unvote.forecast.model import COLUMNS, VOTES, Forecaster
from unvote.record import Record

ALWAYS_YES = np.array([0.97, 0.01, 0.01, 0.01])  # a hedged "always yes", so its log loss is finite


def baselines(model: Forecaster) -> dict[str, Forecaster]:
    """The fitted forecaster and the baselines that share its fitted data."""
    base = copy.copy(model)
    base.weight_previous, base.weight_similar, base.weight_base = 0.0, 0.0, 1.0
    previous = copy.copy(model)
    # The member's vote on the most recent earlier version; its base rate only where there is none.
    previous.weight_previous, previous.weight_similar, previous.weight_base = 1.0, 0.0, 1e-6
    previous.n_previous, previous.smoothing = 1, 0.05
    return {"forecaster": model, "member base rate": base, "previous version": previous}


@dataclass
class Rows:
    """Per member-vote predictions of every model, and per-decision SC outcome calls."""

    frames: list[pl.DataFrame]
    sc_calls: list[dict]


def run(record: Record, body: str, origins: list[tuple[dt.date, pl.DataFrame]], seed: int = 20231,
        with_outcomes: bool = False) -> Rows:
    """Forecast each decision of each ``(fit date, decisions)`` block with models fitted before the fit date."""
    from unvote.forecast.outcome import forecast_outcome

    votes = record.all_votes().select("decision_id", "member", "vote")
    frames, calls = [], []
    for fit_date, block in origins:
        fitted = baselines(Forecaster(seed=seed).fit(record, until=fit_date))
        for row in block.iter_rows(named=True):
            actual = votes.filter(pl.col("decision_id") == row["id"])
            if actual.is_empty():
                continue
            draft = _draft_of_row(row, row["date"])
            members = actual["member"].to_list()
            for name, model in fitted.items():
                probs = model.predict_proba(draft, members)
                frames.append(probs.with_columns(pl.lit(name).alias("model"), pl.lit(row["id"]).alias("decision_id"),
                                                 pl.lit(row["date"]).alias("date"), actual["vote"].alias("vote")))
                if name == "forecaster":
                    ay = pl.DataFrame({"member": members, **{c: [ALWAYS_YES[i]] * len(members)
                                                             for i, c in enumerate(COLUMNS)}})
                    frames.append(ay.with_columns(pl.lit("always yes").alias("model"),
                                                  pl.lit(row["id"]).alias("decision_id"),
                                                  pl.lit(row["date"]).alias("date"), actual["vote"].alias("vote")))
                if with_outcomes and name in ("forecaster", "previous version"):
                    council = draft_members_sc(draft)
                    full = model.predict_proba(draft, council)
                    result = forecast_outcome(draft, full, seed=seed, draws=4000)
                    calls.append({"model": name, "decision_id": row["id"], "p_vetoed": result.p_vetoed,
                                  "p_adopted": result.p_adopted, "outcome": row["outcome"]})
    return Rows(frames, calls)


def draft_members_sc(draft) -> list[str]:
    from unvote.charter.composition import council_on

    return list(council_on(draft.date).codes)


def scores(frame: pl.DataFrame) -> dict[str, float]:
    """Accuracy, log loss, Brier and macro-F1 over votes cast (yes/no/abstain); Brier of absence on all rows."""
    from sklearn.metrics import f1_score

    cast = frame.filter(pl.col("vote").is_in(["Y", "N", "A"]))
    p = cast.select(COLUMNS[:3]).to_numpy()
    p = p / p.sum(axis=1, keepdims=True)
    y = cast["vote"].replace_strict({"Y": 0, "N": 1, "A": 2}, return_dtype=pl.Int64).to_numpy()
    onehot = np.eye(3)[y]
    predicted = p.argmax(axis=1)
    absent = (frame["vote"] == "X").to_numpy().astype(float)
    by_decision = (frame.group_by("decision_id")
                   .agg(pl.col("p_yes").sum().alias("expected"), (pl.col("vote") == "Y").sum().alias("actual")))
    return {"votes cast": len(y),
            "accuracy": float((predicted == y).mean()),
            "log loss": float(-np.log(np.clip(p[np.arange(len(y)), y], 1e-15, 1)).mean()),
            "Brier": float(((p - onehot) ** 2).sum(axis=1).mean()),
            "macro-F1": float(f1_score(y, predicted, labels=[0, 1, 2], average="macro", zero_division=0)),
            "absent Brier": float(((frame["p_absent"].to_numpy() - absent) ** 2).mean()),
            "tally error (yes)": float((by_decision["expected"] - by_decision["actual"]).abs().mean())}


def veto_scores(calls: list[dict], model: str) -> dict[str, float]:
    """Veto calls at P(vetoed) >= 0.5: precision, recall, Brier; and the outcome Brier (adopted or not)."""
    rows = [c for c in calls if c["model"] == model]
    if not rows:
        return {}
    p = np.array([c["p_vetoed"] for c in rows])
    truth = np.array([c["outcome"] == "vetoed" for c in rows])
    called = p >= 0.5
    adopted = np.array([c["outcome"] == "adopted" for c in rows])
    return {"decisions": len(rows), "vetoed": int(truth.sum()), "called": int(called.sum()),
            "precision": float((called & truth).sum() / called.sum()) if called.any() else float("nan"),
            "recall": float((called & truth).sum() / truth.sum()) if truth.any() else float("nan"),
            "veto Brier": float(((p - truth) ** 2).mean()),
            "outcome Brier": float(((np.array([c["p_adopted"] for c in rows]) - adopted) ** 2).mean())}


def ga_origins(record: Record, sessions: range, since: dt.date | None = None) -> list[tuple[dt.date, pl.DataFrame]]:
    """One block per GA session, fitted before the session's first vote."""
    out = []
    for s in sessions:
        block = record.decisions(body="GA", session=s, start=since)
        if block.height:
            out.append((block["date"].min(), block))
    return out


def sc_origins(record: Record, years: range, since: dt.date | None = None) -> list[tuple[dt.date, pl.DataFrame]]:
    """One block per calendar year of SC decisions, fitted before its first."""
    out = []
    for y in years:
        start = max(dt.date(y, 1, 1), since) if since else dt.date(y, 1, 1)
        block = record.decisions(body="SC", start=start, end=dt.date(y, 12, 31))
        if block.height:
            out.append((block["date"].min(), block))
    return out


def calibration(frame: pl.DataFrame, column: str = "p_yes", vote: str = "Y", bins: int = 10) -> pl.DataFrame:
    """Forecast probability against observed frequency, in ten bins (a calibration table)."""
    return (frame.with_columns((pl.col(column) * bins).floor().clip(0, bins - 1).alias("bin"),
                               (pl.col("vote") == vote).cast(pl.Float64).alias("hit"))
            .group_by("bin").agg(pl.len().alias("n"), pl.col(column).mean().alias("forecast"),
                                 pl.col("hit").mean().alias("observed")).sort("bin"))


def evaluate(record: Record, body: str | None = None, sessions: range = range(74, 78), years: range = range(2018, 2024),
             since: dt.date | None = None, seed: int = 20231) -> dict:
    """Run the backtest for the GA sessions and SC years asked for and score every model."""
    out: dict = {"seed": seed, "version": Forecaster.version, "sessions": sessions, "years": years, "since": since}
    if body in (None, "GA"):
        rows = run(record, "GA", ga_origins(record, sessions, since), seed)
        frame = pl.concat(rows.frames)
        out["GA"] = {m: scores(frame.filter(pl.col("model") == m)) for m in frame["model"].unique(maintain_order=True)}
        out["GA calibration"] = calibration(frame.filter(pl.col("model") == "forecaster"))
    if body in (None, "SC"):
        rows = run(record, "SC", sc_origins(record, years, since), seed, with_outcomes=True)
        frame = pl.concat(rows.frames)
        out["SC"] = {m: scores(frame.filter(pl.col("model") == m)) for m in frame["model"].unique(maintain_order=True)}
        p5 = frame.filter(pl.col("member").is_in(["CHN", "FRA", "GBR", "RUS", "USA"]))
        out["SC P5"] = {m: scores(p5.filter(pl.col("model") == m)) for m in p5["model"].unique(maintain_order=True)}
        out["SC vetoes"] = {m: veto_scores(rows.sc_calls, m) for m in ("forecaster", "previous version")}
    return out


def _table(scored: dict[str, dict[str, float]]) -> list[str]:
    keys = list(next(iter(scored.values())).keys())
    lines = ["| model | " + " | ".join(keys) + " |", "|---" * (len(keys) + 1) + "|"]
    for model, values in scored.items():
        lines.append(f"| {model} | " + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v)
                                                   for v in values.values()) + " |")
    return lines


def markdown(result: dict, command: str) -> str:
    """The evaluation as Markdown, for ``docs/forecast-evaluation.md``."""
    lines = ["# Forecast evaluation", "",
             f"Written by `{command}` (forecaster version {result['version']}, seed {result['seed']}).", "",
             "Rolling origin: the model is refitted before each GA session (SC: each calendar year) on decisions "
             "dated before it, and `predict_proba` reads nothing dated on or after the decision forecast. Scores "
             "are over votes cast (yes / no / abstain, the forecast renormalised over those three); absences are "
             "scored on their own (absent Brier). *Always yes* is hedged (0.97 yes) so its log loss is finite. "
             "*Previous version* is the member's vote on the most recent earlier decision with the same title (GA) "
             "or agenda item (SC), falling back to its base rate.", ""]
    sessions, years = result["sessions"], result["years"]
    if "GA" in result:
        lines += [f"## General Assembly, sessions {sessions.start}–{sessions.stop - 1}"
                  + (f", from {result['since']}" if result["since"] else ""), ""] + _table(result["GA"]) + [""]
        lines += ["Calibration of P(yes) (forecaster, all GA rows):", "",
                  "| bin | n | mean forecast | observed yes |", "|---|---|---|---|"]
        for r in result["GA calibration"].iter_rows(named=True):
            lines.append(f"| {int(r['bin']) / 10:.1f}–{(int(r['bin']) + 1) / 10:.1f} | {r['n']} | "
                         f"{r['forecast']:.3f} | {r['observed']:.3f} |")
        lines.append("")
    if "SC" in result:
        lines += [f"## Security Council, {years.start}–{years.stop - 1}"
                  + (f", from {result['since']}" if result["since"] else ""), "", "All members:", ""]
        lines += _table(result["SC"]) + ["", "Permanent members only:", ""] + _table(result["SC P5"]) + [""]
        lines += ["Veto calls (called when P(vetoed) ≥ 0.5):", ""] + _table(result["SC vetoes"]) + [""]
    return "\n".join(lines)
