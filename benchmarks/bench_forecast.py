"""Fitting time on the whole record, forecasts per second (member table and outcome), and the faces' call
``forecast_draft`` cold (fits) and warm (reuses the kept fit for the same record and date).

Run: .venv/bin/python benchmarks/bench_forecast.py
"""

from __future__ import annotations

import time

import unvote
from unvote.forecast.api import _FITTED, forecast_draft
from unvote.forecast.draft import draft_from_decision, draft_like
from unvote.forecast.model import _COUNCIL_FEATURES, Forecaster
from unvote.forecast.outcome import forecast_outcome


def main() -> None:
    rec = unvote.open()
    rec.all_votes()  # load the votes once, outside the timing
    started = time.perf_counter()
    model = Forecaster().fit(rec, until="2100-01-01")
    fit = time.perf_counter() - started
    started = time.perf_counter()
    Forecaster().fit(rec, until="2100-01-01")  # the Council features are cached per record after the first fit
    refit = time.perf_counter() - started
    _COUNCIL_FEATURES.clear()
    drafts = [draft_from_decision(rec, s) for s in ("A/RES/77/293", "A/RES/77/284", "A/RES/77/313")]
    sc = draft_like(rec, "S/2022/431")
    n = 30
    started = time.perf_counter()
    for i in range(n):
        model.predict_proba(drafts[i % 3])
    ga_rate = n / (time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(n):
        model.predict_proba(sc)
    sc_table_rate = n / (time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(n):
        forecast_outcome(sc, model.predict_proba(sc))
    sc_rate = n / (time.perf_counter() - started)
    _FITTED.clear()
    _COUNCIL_FEATURES.clear()
    started = time.perf_counter()
    forecast_draft(rec, sc)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    forecast_draft(rec, sc)
    warm = time.perf_counter() - started
    print(f"fit on the whole record ({model.training_.height} decisions): {fit:.2f} s "
          f"(refit with the Council features cached, as the rolling backtest does: {refit:.2f} s)")
    print(f"GA member tables (about 190 members) per second: {ga_rate:.1f}")
    print(f"SC member tables (pooled logistic model) per second: {sc_table_rate:.1f}")
    print(f"SC forecasts (member table + 20,000-draw outcome) per second: {sc_rate:.1f}")
    print(f"forecast_draft (the web explorer's and article checker's call), {sc.date}: cold {cold:.2f} s "
          f"(fit, Council features computed), warm {warm * 1000:.0f} ms (kept fit)")


if __name__ == "__main__":
    main()
