"""Benchmark: the dynamic ideal-point fit on every General Assembly session of the record, on 2 threads.

Prints the fit's time, iterations and peak memory, its agreement with BSV, and the ratio against a baseline run in
the same process: the same model's E-step and item update written as a plain Python loop over votes, timed on a
sample of votes and scaled to the full record per iteration (the loop is linear in votes, so the scaling is honest;
the positions' Kalman smoother is left out of the baseline, which flatters the baseline).

    .venv/bin/python benchmarks/bench_ideal_points.py
"""

from __future__ import annotations

import os

# Two threads, set before NumPy loads its BLAS.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "POLARS_MAX_THREADS"):
    os.environ[_name] = "2"

import math  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402

import unvote  # noqa: E402
from unvote.analysis.ideal_points import IdealPoints, validate  # noqa: E402
from unvote.sources.ideal_points import read_sessions  # noqa: E402

PUBLISHED = Path(__file__).resolve().parents[2] / "shared" / "data" / "ideal_points" / "IdealpointestimatesAll_Jun2024.csv"


def _loop_iteration(mu: list[float], cat: list[int], d: float, group: list[int], m: list[float], n_groups: int):
    """One E-step and item sums of the same model, vote by vote, with the math module (the baseline)."""
    sums = [[0.0, 0.0, 0.0, 0.0] for _ in range(n_groups)]
    for k in range(len(mu)):
        x = mu[k]
        if cat[k] == 0:
            z = x - math.exp(-0.5 * x * x) / math.sqrt(2 * math.pi) / (0.5 * math.erfc(x / math.sqrt(2)))
        elif cat[k] == 2:
            z = x + math.exp(-0.5 * (d - x) ** 2) / math.sqrt(2 * math.pi) / (0.5 * math.erfc((d - x) / math.sqrt(2)))
        else:
            lo, hi = -x, d - x
            mass = 0.5 * (math.erf(hi / math.sqrt(2)) - math.erf(lo / math.sqrt(2)))
            z = x + (math.exp(-0.5 * lo * lo) - math.exp(-0.5 * hi * hi)) / math.sqrt(2 * math.pi) / max(mass, 1e-300)
        s = sums[group[k]]
        s[0] += m[k]
        s[1] += m[k] * m[k]
        s[2] += z
        s[3] += z * m[k]
    return sums


def main() -> None:
    rec = unvote.open()
    votes = rec.votes(body="GA").select("decision_id", "member", "vote")
    decisions = rec.decisions(body="GA")
    sessions = decisions["session"]
    print(f"General Assembly sessions {sessions.min()}-{sessions.max()} "
          f"({decisions['date'].min()} to {decisions['date'].max()}), {decisions.height} roll calls, "
          f"{votes.height} member votes; threads limited to 2")

    tracemalloc.start()
    began = time.perf_counter()
    fit = IdealPoints().fit(votes, decisions)
    seconds = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    per_iteration = seconds / fit.n_iter_
    print(f"fit: {seconds:.1f} s, {fit.n_iter_} iterations (converged: {fit.converged_}), "
          f"{per_iteration * 1000:.0f} ms per iteration, peak memory {peak / 2**20:.0f} MiB traced (NumPy) / "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB process RSS, "
          f"{fit.n_votes_} votes used, {fit.n_bridged_} roll calls bridged")

    result = validate(fit.ideal_points_, read_sessions(PUBLISHED))
    since_1990 = result.per_session.filter(pl.col("session") >= 45)
    print(f"against BSV: overall r {result.overall:.4f} ({result.members} member-sessions); lowest session r "
          f"{result.per_session['r'].min():.3f}; lowest since 1990 {since_1990['r'].min():.3f}")

    # Baseline: the per-vote loop on a sample, scaled to all votes, times the same number of iterations.
    rng = np.random.default_rng(0)
    n = 100_000
    sample_cat = rng.choice(3, size=n, p=[0.08, 0.12, 0.80]).tolist()
    sample_mu = rng.normal(1.0, 1.5, size=n).tolist()
    sample_m = rng.normal(0.0, 1.0, size=n).tolist()
    sample_group = rng.integers(0, 5_000, size=n).tolist()
    began = time.perf_counter()
    _loop_iteration(sample_mu, sample_cat, 1.0, sample_group, sample_m, 5_000)
    loop_seconds = (time.perf_counter() - began) * fit.n_votes_ / n * fit.n_iter_
    print(f"baseline (per-vote Python loop, E-step and item sums only, {n} sampled votes scaled to "
          f"{fit.n_votes_} x {fit.n_iter_} iterations): {loop_seconds:.1f} s; "
          f"vectorised fit is {loop_seconds / seconds:.1f}x faster")


if __name__ == "__main__":
    main()
