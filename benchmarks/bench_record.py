"""The record against what a user does today: read the raw files with pandas and filter.

Prints, for each task, unvote's time, the baseline's time in the same run and the ratio:
- `unvote show S/2022/431` as a whole process (cold start) vs a pandas script reading the SC CSV and filtering;
- `unvote.open()` plus loading all votes vs pandas reading the raw GA (Voeten wide) and SC files;
- one lookup inside Python (warm) vs a pandas filter on the raw frames already in memory;
and the snapshot's size on disk.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
SC_CSV = DATA / "sc_voting_1994_2025" / "sc_voting.csv"
GA_CSV = DATA / "ga_voeten_wide_2024" / "ungaVoting_003.csv"

PANDAS_SHOW = f"""
import pandas as pd
df = pd.read_csv({str(SC_CSV)!r})
rows = df[df["Draft"].astype(str).str.strip() == "S/2022/431"]
print(rows[["Member State", "Vote"]].to_string())
"""


def best_of(fn, n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def process(args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True)


def main() -> None:
    unvote_bin = str(Path(sys.executable).parent / "unvote")
    show = best_of(lambda: process([unvote_bin, "show", "S/2022/431"]), 5)
    base = best_of(lambda: process([sys.executable, "-c", PANDAS_SHOW]), 5)
    print(f"unvote show S/2022/431 (process): {show * 1000:.0f} ms; pandas script: {base * 1000:.0f} ms; "
          f"ratio {base / show:.1f}x (aim: under 500 ms)")

    import pandas as pd

    import unvote

    def open_all():
        unvote.open().all_votes()

    def pandas_all():
        pd.read_csv(GA_CSV)
        pd.read_csv(SC_CSV)

    t_open, t_pandas = best_of(open_all, 3), best_of(pandas_all, 3)
    print(f"unvote.open() + all votes: {t_open * 1000:.0f} ms; pandas reading the raw files: "
          f"{t_pandas * 1000:.0f} ms; ratio {t_pandas / t_open:.1f}x")

    rec = unvote.open()
    rec.decision("A/RES/69/188")  # warm the indexes once, as a session would
    ga = pd.read_csv(GA_CSV)
    lookups = ["A/RES/69/188", "S/2022/431", "S/RES/2397 (2017)"]
    t_lookup = statistics.median(best_of(lambda s=s: rec.decision(s), 20) for s in lookups)
    t_base = best_of(lambda: ga[ga["rcid"] == 5377].melt(id_vars=["rcid", "date"]), 20)
    print(f"one lookup (median of {len(lookups)}): {t_lookup * 1000:.2f} ms; pandas filter on the loaded raw frame: "
          f"{t_base * 1000:.2f} ms; ratio {t_base / t_lookup:.1f}x (aim: under 10 ms)")

    size = sum(p.stat().st_size for p in (REPO / "src" / "unvote" / "data" / "snapshot").iterdir())
    print(f"snapshot size: {size / 1e6:.2f} MB (aim: under 20 MB)")


if __name__ == "__main__":
    main()
