"""All-pairs agreement matrix for every GA session of the record: unvote.analysis.agreement against a plain pandas
merge-and-compare baseline, in the same run. Prints timings, the ratio and peak memory.

    python benchmarks/bench_agreement.py [--baseline-sessions N]

The baseline self-merges each session's votes on decision_id and averages the comparison per pair. By default it runs
on every session (about a minute); ``--baseline-sessions N`` runs it on N sessions spread over the record and scales
its time to all sessions by the size of the merge (member pairs × decisions). The output says which.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import numpy as np
import pandas as pd
import polars as pl

import unvote
from unvote.analysis import agreement


def baseline_session(votes: pd.DataFrame) -> pd.DataFrame:
    """Share of identical votes per pair, the way one would write it by hand in pandas."""
    cast = votes[votes["vote"] != "X"][["decision_id", "member", "vote"]]
    pairs = cast.merge(cast, on="decision_id", suffixes=("_a", "_b"))
    pairs["same"] = pairs["vote_a"] == pairs["vote_b"]
    return pairs.groupby(["member_a", "member_b"])["same"].mean().unstack()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-sessions", type=int, default=0,
                        help="sessions the pandas baseline runs on (0: all of them)")
    args = parser.parse_args()

    votes = unvote.open().votes(body="GA")
    sessions = sorted(votes["session"].unique().drop_nulls().to_list())
    print(f"record: {votes.height:,} GA member votes, {votes['decision_id'].n_unique():,} roll calls, "
          f"{len(sessions)} sessions")

    # Timed without tracemalloc (it slows NumPy allocation several-fold); memory measured in a second run.
    times = []
    for _ in range(3):
        start = time.perf_counter()
        matrices = agreement.session_matrices(votes, measure="identical")
        times.append(time.perf_counter() - start)
    fast = min(times)
    tracemalloc.start()
    agreement.session_matrices(votes, measure="identical")
    _, fast_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"unvote  all {len(matrices)} sessions, all three measures computed: {fast:.3f} s (best of 3; "
          f"runs {', '.join(f'{t:.2f}' for t in times)} s), "
          f"peak traced memory {fast_peak / 2**20:.0f} MiB")

    # A sample of sessions spread evenly over the history, for the baseline.
    if 0 < args.baseline_sessions < len(sessions):
        sample = [sessions[i] for i in np.linspace(0, len(sessions) - 1, args.baseline_sessions).round().astype(int)]
    else:
        sample = sessions
    pdv = votes.select("decision_id", "member", "vote", "session").to_pandas()
    work = pdv[pdv["vote"] != "X"].groupby("session").agg(decisions=("decision_id", "nunique"),
                                                           members=("member", "nunique"))
    size = work["decisions"] * work["members"] ** 2  # rows of the self-merge, roughly
    start = time.perf_counter()
    bases = {s: baseline_session(pdv[pdv["session"] == s]) for s in sample}
    slow_sample = time.perf_counter() - start
    for s, base in bases.items():
        mine = matrices[s].loc[base.index, base.columns]
        assert np.allclose(mine.to_numpy(), base.to_numpy(), equal_nan=True), f"session {s} differs"
    tracemalloc.start()
    baseline_session(pdv[pdv["session"] == sample[-1]])
    _, slow_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    if sample == sessions:
        slow = slow_sample
        print(f"pandas  all {len(sample)} sessions: {slow:.1f} s, identical share only (results equal unvote's); "
              f"peak traced memory {slow_peak / 2**20:.0f} MiB for session {sample[-1]}")
        print(f"ratio   {slow / fast:.0f}x faster (measured baseline / measured unvote)")
    else:
        slow = slow_sample * size.sum() / size.loc[sample].sum()
        print(f"pandas  {len(sample)} sampled sessions {sample}: {slow_sample:.1f} s, identical share only; peak "
              f"traced memory {slow_peak / 2**20:.0f} MiB for session {sample[-1]} (results equal unvote's)")
        print(f"pandas  all sessions, SCALED from the sample by merge size: {slow:.0f} s (estimate, not run)")
        print(f"ratio   {slow / fast:.0f}x faster (scaled baseline / measured unvote)")


if __name__ == "__main__":
    main()
