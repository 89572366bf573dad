"""Pairwise agreement between members over any set of recorded votes, for all members at once.

Three measures, computed together from one matrix product per period:

* ``identical``: the share of votes where both members cast the same vote (yes, abstain or no);
* ``voeten``: Voeten's agreement score, the mean of ``1 - |a - b| / 2`` with yes = 1, abstain = 2, no = 3 (so a yes
  against a no scores 0 and a yes against an abstention 0.5);
* ``kappa``: Cohen's kappa, the identical share corrected for the agreement expected from each member's own mix of
  yes / abstain / no over the same votes. When both members cast one single kind of vote throughout, chance agreement
  is 1 and kappa is undefined; it is reported as 1 when they agree on every vote (the diagonal stays 1).

Absences (``X``: absent, present but not voting, or without a vote under Art. 19) are left out: a pair is compared
only on the votes both members cast. An absence records no position, and X mixes choice with arrears and absence,
so counting it as a fourth kind of vote would make two absent members "agree". ``n`` gives the number of votes each
pair was compared on, so a reader can set a floor (``min_votes``).

Votes come as a frame with ``decision_id, member, vote`` (``Y``/``N``/``A``/``X``); the period of each decision comes
from ``decisions`` (``id, date, session``) or from ``date``/``session`` columns on the votes themselves, as
``Record.votes()`` returns them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import polars as pl

from unvote.errors import UserError

Measure = Literal["identical", "voeten", "kappa"]
MEASURES: tuple[str, ...] = ("identical", "voeten", "kappa")


def check_measure(measure: str) -> None:
    """Refuse an agreement measure other than :data:`MEASURES` with one clear sentence."""
    if measure not in MEASURES:
        raise UserError(f"Unknown agreement measure {measure!r}; choose one of {', '.join(MEASURES)}.")


Period = Literal["session", "year"]

# Codes in the vote matrix: 0 = no vote cast (absent or not a member), then yes, abstain, no in Voeten's order.
_CODE = {"Y": 1, "A": 2, "N": 3}


@dataclass(frozen=True)
class VoteMatrix:
    """Members × decisions, int8 codes 0 (no vote cast) / 1 yes / 2 abstain / 3 no."""

    members: np.ndarray
    decisions: np.ndarray
    codes: np.ndarray


def vote_matrix(votes: pl.DataFrame | pd.DataFrame) -> VoteMatrix:
    """Pivot tidy votes into a members × decisions code matrix (absences and non-members are 0).

    >>> m = vote_matrix(unvote.open().votes(body="GA", start="2021-01-01", end="2021-12-31"))
    >>> m.codes.shape
    (193, 86)
    """
    votes = _as_polars(votes)
    missing = {"decision_id", "member", "vote"} - set(votes.columns)
    if missing:
        raise UserError(f"The votes frame lacks the column(s) {', '.join(sorted(missing))}.")
    member, decision = votes["member"].cast(pl.Utf8), votes["decision_id"].cast(pl.Utf8)
    members, decisions = member.unique().sort(), decision.unique().sort()
    # An Enum over the sorted labels gives each member and decision its row and column as the physical code: one
    # hash lookup per vote, several times faster than ranking a million strings.
    rows = member.cast(pl.Enum(members)).to_physical().to_numpy()
    columns = decision.cast(pl.Enum(decisions)).to_physical().to_numpy()
    codes = np.zeros((len(members), len(decisions)), dtype=np.int8)
    codes[rows, columns] = votes["vote"].replace_strict(_CODE, default=0, return_dtype=pl.Int8).to_numpy()
    return VoteMatrix(members.to_numpy(), decisions.to_numpy(), codes)


def pair_statistics(codes: np.ndarray) -> dict[str, np.ndarray]:
    """All three measures and the shared-vote count ``n`` for every pair of rows of a code matrix, at once.

    One product of the stacked yes / abstain / no indicator matrices gives every count the measures need.
    Pairs with no shared vote get NaN.

    >>> s = pair_statistics(np.array([[1, 1, 3, 0], [1, 3, 3, 2], [2, 2, 2, 2]], dtype=np.int8))
    >>> [round(float(s[k][0, 1]), 3) for k in ("n", "identical", "voeten")]
    [3.0, 0.667, 0.667]
    """
    m = codes.shape[0]
    # float32 counts are exact below 2**24 votes per pair, and halve the product's cost.
    indicators = np.concatenate([(codes == k) for k in (1, 2, 3)]).astype(np.float32)
    gram = (indicators @ indicators.T).astype(np.float64)
    block = [[gram[i * m:(i + 1) * m, j * m:(j + 1) * m] for j in range(3)] for i in range(3)]
    cast = [block[k][0] + block[k][1] + block[k][2] for k in range(3)]  # cast[k][a, b]: a voted k where b voted
    n = cast[0] + cast[1] + cast[2]
    identical = block[0][0] + block[1][1] + block[2][2]
    half_apart = block[0][1] + block[1][0] + block[1][2] + block[2][1]  # yes–abstain, abstain–no
    opposite = block[0][2] + block[2][0]  # yes–no
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = identical / n
        voeten = 1.0 - (half_apart * 0.5 + opposite) / n
        chance = (cast[0] * cast[0].T + cast[1] * cast[1].T + cast[2] * cast[2].T) / (n * n)
        kappa = np.where(observed == 1.0, 1.0, (observed - chance) / (1.0 - chance))
    kappa[n == 0] = np.nan
    return {"n": n, "identical": observed, "voeten": voeten, "kappa": kappa}


def agreement_matrix(votes: pl.DataFrame | pd.DataFrame, measure: Measure = "voeten",
                     min_votes: int = 1) -> pd.DataFrame:
    """A square member × member matrix of one measure over all the given votes, labelled by member code.

    Pairs that shared fewer than ``min_votes`` votes are NaN.

    >>> rec = unvote.open()
    >>> round(float(agreement_matrix(rec.votes(body="GA", start="2021-01-01", end="2021-12-31")).loc["USA", "ISR"]), 2)
    0.93
    """
    check_measure(measure)
    matrix = vote_matrix(votes)
    stats = pair_statistics(matrix.codes)
    values = np.where(stats["n"] >= max(min_votes, 1), stats[measure], np.nan)
    return pd.DataFrame(values, index=pd.Index(matrix.members, name="member"),
                        columns=pd.Index(matrix.members, name="other"))


def agreement(votes: pl.DataFrame | pd.DataFrame, decisions: pl.DataFrame | pd.DataFrame | None = None,
              by: Period | None = "session", min_votes: int = 1) -> pl.DataFrame:
    """Every measure for every pair of members, per session or year (``by=None``: over all the votes), as a tidy frame.

    Columns: ``session`` or ``year`` (when ``by`` is set), ``member``, ``other``, ``n``, ``identical``, ``voeten``,
    ``kappa``; one row per ordered pair that shared at least ``min_votes`` votes, the diagonal included.

    >>> rec = unvote.open()
    >>> t = agreement(rec.votes(body="GA", start="2013-01-01", end="2022-12-31"), by="year")
    >>> t.filter(member="USA", other="CAN").select("year", "identical").row(0)
    (2013, 0.8)
    """
    votes = _as_polars(votes)
    matrix = vote_matrix(votes)
    frames = []
    for period, columns in _periods(matrix, votes, decisions, by):
        stats = pair_statistics(matrix.codes[:, columns])
        a, b = np.nonzero(stats["n"] >= max(min_votes, 1))
        if len(a) == 0:
            continue  # no pair shared enough votes in this period (an empty object column would not concatenate)
        frame = pl.DataFrame({"member": matrix.members[a], "other": matrix.members[b],
                              **{k: stats[k][a, b] for k in ("n", *MEASURES)}})
        frame = frame.with_columns(pl.col("n").cast(pl.Int32))
        if by is not None:
            frame = frame.select(pl.lit(period, dtype=pl.Int32).alias(by), pl.all())
        frames.append(frame)
    if not frames:
        return pl.DataFrame()
    return pl.concat(frames)


def session_matrices(votes: pl.DataFrame | pd.DataFrame, decisions: pl.DataFrame | pd.DataFrame | None = None,
                     measure: Measure = "voeten", by: Period = "session") -> dict[int, pd.DataFrame]:
    """One labelled agreement matrix per session (or year), members that voted in the period only.

    >>> ms = session_matrices(unvote.open().votes(body="GA"))
    >>> round(float(ms[76].loc["USA", "ISR"]), 2)
    0.93
    """
    check_measure(measure)
    votes = _as_polars(votes)
    matrix = vote_matrix(votes)
    out = {}
    for period, columns in _periods(matrix, votes, decisions, by):
        codes = matrix.codes[:, columns]
        present = (codes > 0).any(axis=1)
        stats = pair_statistics(codes[present])
        labels = matrix.members[present]
        out[period] = pd.DataFrame(stats[measure], index=labels, columns=labels)
    return out


def _periods(matrix: VoteMatrix, votes: pl.DataFrame, decisions: pl.DataFrame | pd.DataFrame | None,
             by: Period | None):
    """Yield (period, column indices of the vote matrix) for each session or year present."""
    if by is None:
        yield None, np.arange(len(matrix.decisions))
        return
    if by not in ("session", "year"):
        raise UserError(f"Agreement can be split by 'session' or 'year', not {by!r}.")
    if decisions is not None:
        info = _as_polars(decisions).select(pl.col("id").cast(pl.Utf8).alias("decision_id"), "date", "session")
    elif {"date", "session"} <= set(votes.columns):
        info = votes.select(pl.col("decision_id").cast(pl.Utf8), "date", "session").unique("decision_id")
    else:
        raise UserError("Give the decisions (id, date, session) or votes with date and session columns.")
    column = pl.col("date").dt.year() if by == "year" else pl.col("session")
    info = info.with_columns(column.cast(pl.Int32).alias("period"))
    order = pl.DataFrame({"decision_id": matrix.decisions}).with_row_index("column")
    columns = order.join(info.select("decision_id", "period"), on="decision_id", how="inner").drop_nulls("period")
    for (period,), group in columns.sort("period", "column").group_by("period", maintain_order=True):
        yield int(period), group["column"].to_numpy()


def _as_polars(frame: pl.DataFrame | pd.DataFrame) -> pl.DataFrame:
    return frame if isinstance(frame, pl.DataFrame) else pl.from_pandas(frame)
