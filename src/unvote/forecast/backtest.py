"""Rolling-origin backtest: refit before each GA session (or SC year) and forecast every vote in it, never reading
anything dated on or after the decision forecast (votes earlier in the block are read as history, not learned from);
score the forecaster against simple baselines in the same run."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from unvote.errors import UserError
from unvote.charter.permanent import permanent_members
from unvote.forecast.draft import _draft_of_row
from unvote.forecast.model import COLUMNS, VOTES, Forecaster
from unvote.record import Record

# The permanent members in every year the Council model learns from and is scored on (1994 onwards).
PERMANENT = permanent_members(dt.date(1994, 1, 1))
ALWAYS_YES = np.array([0.97, 0.01, 0.01, 0.01])  # a hedged "always yes", so its log loss is finite


def baselines(model: Forecaster) -> dict[str, Forecaster]:
    """The fitted forecaster and the baselines that share its fitted data."""
    base = copy.copy(model)
    base.weight_previous, base.weight_similar, base.weight_base = 0.0, 0.0, 1.0
    base.use_council, base.sponsor_yes, base.use_stage = False, 0.0, False
    previous = copy.copy(model)
    # The member's vote on the most recent earlier version; its base rate only where there is none.
    previous.weight_previous, previous.weight_similar, previous.weight_base = 1.0, 0.0, 1e-6
    previous.n_previous, previous.smoothing, previous.use_council = 1, 0.05, False
    previous.sponsor_yes, previous.use_stage = 0.0, False
    return {"forecaster": model, "member base rate": base, "previous version": previous}


@dataclass
class Rows:
    """Per member-vote predictions of every model, and per-decision SC outcome calls."""

    frames: list[pl.DataFrame]
    sc_calls: list[dict]


def run(record: Record, origins: list[tuple[dt.date, pl.DataFrame]], seed: int = 20231,
        with_outcomes: bool = False) -> Rows:
    """Forecast each decision of each ``(fit date, decisions)`` block with models fitted before the fit date."""
    from unvote.forecast.outcome import forecast_outcome

    votes = record.all_votes().select("decision_id", "member", "vote")
    frames, calls = [], []
    for fit_date, block in origins:
        # Learned before the block, but each draft reads the votes before its own date (features never read a
        # decision on or after the draft's date; see Forecaster.fit).
        horizon = block["date"].max() + dt.timedelta(days=1)
        fitted = baselines(Forecaster(seed=seed).fit(record, until=fit_date, history_until=horizon))
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
                if with_outcomes and name == "forecaster":
                    calls.append({"model": "previous outcome", "decision_id": row["id"], "outcome": row["outcome"],
                                  **previous_outcome(model, draft)})
                if with_outcomes and name in ("forecaster", "previous version"):
                    council = draft_members_sc(draft)
                    full = model.predict_proba(draft, council)
                    result = forecast_outcome(draft, full, seed=seed, draws=4000)
                    calls.append({"model": name, "decision_id": row["id"], "p_vetoed": result.p_vetoed,
                                  "p_adopted": result.p_adopted, "outcome": row["outcome"]})
    return Rows(frames, calls)


def previous_outcome(model: Forecaster, draft) -> dict[str, float]:
    """The baseline that calls the outcome of the latest earlier draft on the same item (hedged 0.9),
    and adoption where the item is new."""
    rows = model.council_history_.previous(np.datetime64(draft.date, "D"), model.item_key(draft))
    last = model.council_history_.outcome[rows[-1]] if len(rows) else "adopted"
    hedged = {o: (0.9 if o == last else 0.05) for o in ("adopted", "vetoed", "failed")}
    return {"p_vetoed": hedged["vetoed"], "p_adopted": hedged["adopted"]}


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
    """Veto calls at P(vetoed) >= 0.5: precision, recall, Brier; the precision of the calls that would catch 80% of
    vetoes; and the outcome Brier (adopted or not)."""
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
            "precision at recall 0.8": precision_at_recall(p, truth, 0.8),
            "veto Brier": float(((p - truth) ** 2).mean()),
            "outcome Brier": float(((np.array([c["p_adopted"] for c in rows]) - adopted) ** 2).mean())}


def precision_at_recall(p: np.ndarray, truth: np.ndarray, recall: float) -> float:
    """The precision of the highest threshold whose calls catch at least ``recall`` of the true cases (ties in
    ``p`` are called together), so a veto rule is judged without picking its threshold after the fact.

    >>> precision_at_recall(np.array([0.9, 0.8, 0.1, 0.05]), np.array([True, False, True, False]), 0.5)
    1.0
    >>> precision_at_recall(np.array([0.9, 0.8, 0.1, 0.05]), np.array([True, False, True, False]), 1.0)
    0.6666666666666666
    """
    if not truth.any():
        return float("nan")
    needed = int(np.ceil(recall * truth.sum()))
    for threshold in np.unique(p)[::-1]:
        called = p >= threshold
        if (called & truth).sum() >= needed:
            return float((called & truth).sum() / called.sum())
    return float(truth.mean())


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


def evaluate(record: Record, body: str | None = None, sessions: range = range(60, 78),
             years: range = range(2000, 2024), since: dt.date | None = None, seed: int = 20231) -> dict:
    """Run the backtest for the GA sessions and SC years asked for and score every model.

    With ``since``, only decisions dated on or after it are forecast, in whatever sessions and years the record
    holds from then on (so newer records are evaluated as soon as they are taken in); a
    :class:`~unvote.errors.UserError` says so when the record has nothing from that date.
    """
    out: dict = {"seed": seed, "version": Forecaster.version, "since": since}
    if since is not None:
        later = record.decisions(start=since)
        if body:
            later = later.filter(pl.col("body") == body)
        if later.is_empty():
            last = record.decisions()["date"].max()
            raise UserError(f"The record has no {body + ' ' if body else ''}decisions on or after "
                            f"{since.isoformat()} (its last is {last.isoformat()}): nothing to evaluate yet.")
        ga_later = later.filter(pl.col("body") == "GA")
        if ga_later.height:
            sessions = range(int(ga_later["session"].min()), int(ga_later["session"].max()) + 1)
        years = range(since.year, later["date"].max().year + 1)
        if body is None:
            body = "GA" if later["body"].unique().to_list() == ["GA"] else ("SC" if ga_later.is_empty() else None)
    if body in (None, "GA"):
        origins = ga_origins(record, sessions, since)
        rows = run(record, origins, seed)
        frame = pl.concat(rows.frames)
        out["GA sessions"], out["GA decisions"] = sessions, sum(b.height for _, b in origins)
        out["GA scored"] = frame.filter(pl.col("model") == "forecaster")["decision_id"].n_unique()
        out["GA"] = _by_model(frame)
        if sessions.start < 70 < sessions.stop:
            late = {d for _, b in origins for d in b.filter(pl.col("session") >= 70)["id"].to_list()}
            out["GA 70"] = _by_model(frame.filter(pl.col("decision_id").is_in(list(late))))
            out["GA 70 tally oracle"] = scores(tally_oracle(frame.filter(pl.col("model") == "forecaster"), late))
        out["GA calibration"] = _calibrations(frame, "p_yes", "Y")
    if body in (None, "SC"):
        origins = sc_origins(record, years, since)
        rows = run(record, origins, seed, with_outcomes=True)
        frame = pl.concat(rows.frames)
        out["SC years"], out["SC decisions"] = years, sum(b.height for _, b in origins)
        out["SC scored"] = frame.filter(pl.col("model") == "forecaster")["decision_id"].n_unique()
        out["SC"] = _by_model(frame)
        p5 = frame.filter(pl.col("member").is_in(list(PERMANENT)))
        out["SC P5"] = _by_model(p5)
        out["SC per P5"] = {m: {code: scores(p5.filter((pl.col("model") == m) & (pl.col("member") == code)))["accuracy"]
                                for code in PERMANENT} for m in p5["model"].unique(maintain_order=True)}
        out["SC calibration"] = _calibrations(p5, "p_no", "N")
        models = ("forecaster", "previous version", "previous outcome")
        out["SC vetoes"] = {m: veto_scores(rows.sc_calls, m) for m in models}
        dated = {r["id"]: r["date"] for _, b in origins for r in b.select("id", "date").iter_rows(named=True)}
        recent = [c for c in rows.sc_calls if dated[c["decision_id"]] >= dt.date(2010, 1, 1)]
        early = [c for c in rows.sc_calls if dated[c["decision_id"]] < dt.date(2010, 1, 1)]
        if years.start < 2010 and recent:
            # Settings are chosen on the years before 2010 and judged on 2010 onwards: both are reported.
            out["SC vetoes before 2010"] = {m: veto_scores(early, m) for m in models}
            out["SC vetoes 2010"] = {m: veto_scores(recent, m) for m in models}
            out["SC 2010"] = _by_model(frame.filter(pl.col("date") >= dt.date(2010, 1, 1)))
            out["SC 2010 first vetoes"] = first_vetoes(record, dt.date(2010, 1, 1), max(dated.values()))
        calls = pl.DataFrame(rows.sc_calls).filter(pl.col("model") != "previous outcome")
        out["SC veto calibration"] = pl.concat(
            [calibration(calls.filter(pl.col("model") == m).with_columns(
                pl.when(pl.col("outcome") == "vetoed").then(pl.lit("V")).otherwise(pl.lit("-")).alias("vote")),
                "p_vetoed", "V", bins=5).with_columns(pl.lit(m).alias("model"))
             for m in calls["model"].unique(maintain_order=True)])
    return out


def tally_oracle(forecasts: pl.DataFrame, judged: set[str]) -> pl.DataFrame:
    """An upper reference, not a baseline: the forecaster's probabilities for the ``judged`` decisions recalibrated
    by a logistic regression (fitted on the other, earlier, decisions) that also knows each vote's final shares of
    yes / no / abstain among the other members, which nobody knows before the vote. How little it gains shows how
    much of the remaining error any reading of who else voted how could explain.

    ``forecasts`` are the backtest's forecaster rows (``member, p_*, decision_id, vote``).
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    judged_rows = pl.col("decision_id").is_in(list(judged))
    cast = forecasts.filter(pl.col("vote").is_in(["Y", "N", "A"])).with_columns(
        others=pl.len().over("decision_id") - 1,
        **{f"share_{v}": ((pl.col("vote") == v).sum().over("decision_id") - (pl.col("vote") == v))
           for v in ("Y", "N", "A")}).filter(pl.col("others") > 0)
    probs = cast.select(COLUMNS[:3]).to_numpy()
    logs = np.log(np.clip(probs / probs.sum(axis=1, keepdims=True), 1e-6, 1))
    shares = cast.select(pl.col(f"share_{v}") / pl.col("others") for v in ("Y", "N", "A")).to_numpy()
    X = np.hstack([logs, shares] + [logs * shares[:, [k]] for k in range(3)])
    y = cast["vote"].replace_strict({"Y": 0, "N": 1, "A": 2}, return_dtype=pl.Int64).to_numpy()
    test = cast.select(judged_rows).to_series().to_numpy()
    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000)).fit(X[~test], y[~test])
    recalibrated = model.predict_proba(X[test])
    kept = cast.filter(pl.Series(test)).select(forecasts.columns)
    kept = kept.with_columns(**{c: (1 - kept["p_absent"]) * recalibrated[:, i] for i, c in enumerate(COLUMNS[:3])})
    # Absences keep the forecaster's probabilities: the oracle speaks only of the votes cast.
    absent = forecasts.filter(judged_rows & ~pl.col("vote").is_in(["Y", "N", "A"]))
    return pl.concat([kept, absent])


def first_vetoes(record: Record, start: dt.date, end: dt.date) -> dict[str, int]:
    """Vetoed Council drafts from ``start`` to ``end``, and how many of them were the first veto on their item (the
    forecaster's item: the SC data's topic, else the agenda item) in the whole record before them: a forecast that
    learns from the record's history has no veto there to learn from.

    >>> first_vetoes(rec, dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    {'vetoed': 4, 'first on their item': 2}
    """
    from unvote.forecast.model import _norm

    vetoed = record.decisions(body="SC").filter(pl.col("outcome") == "vetoed").sort("date")
    items = [_norm(t) or _norm(a) for t, a in zip(vetoed["topic"].to_list(), vetoed["agenda"].to_list())]
    seen, counts = set(), {"vetoed": 0, "first on their item": 0}
    for day, item in zip(vetoed["date"].to_list(), items):
        if start <= day <= end:
            counts["vetoed"] += 1
            counts["first on their item"] += item not in seen
        seen.add(item)
    return counts


def _by_model(frame: pl.DataFrame) -> dict[str, dict[str, float]]:
    return {m: scores(frame.filter(pl.col("model") == m)) for m in frame["model"].unique(maintain_order=True)}


def _calibrations(frame: pl.DataFrame, column: str, vote: str) -> pl.DataFrame:
    return pl.concat([calibration(frame.filter(pl.col("model") == m), column, vote).with_columns(
        pl.lit(m).alias("model")) for m in ("forecaster", "member base rate", "previous version")])
