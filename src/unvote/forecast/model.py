"""How each member will vote on a draft: its votes on earlier versions, on similar drafts, and its base rate.

The model is an analyst's rule of thumb made explicit, in scikit-learn's shape. For each member it mixes three
distributions over yes / no / abstain / absent, each recency-weighted (older votes count less):

- its votes on earlier versions of the same draft (GA: same title; SC: same agenda item; or the named previous
  symbol), the strongest signal since most resolutions recur;
- its votes on the drafts whose title and agenda read most alike (TF-IDF cosine);
- its base rate in the same body over the last three years.

Nothing dated on or after the draft's date is read: ``fit(record, until=date)`` keeps only earlier decisions, and
``predict_proba`` further drops anything not strictly before the draft's own date.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import polars as pl

from unvote.forecast.draft import Draft
from unvote.dates import parse_date
from unvote.record import Record

VOTES = ("Y", "N", "A", "X")
COLUMNS = ("p_yes", "p_no", "p_abstain", "p_absent")


def _norm(text: str | None) -> str:
    """A title or agenda folded for exact matching across years (case, punctuation, spacing)."""
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


class Forecaster:
    """Member-by-member vote probabilities for a draft.

    >>> model = Forecaster().fit(rec, until="2022-05-27")
    >>> model.predict_proba(draft_like(rec, "S/2022/431")).filter(pl.col("member") == "RUS")["p_no"][0] > 0.5
    True
    """

    version = "0.1.0"

    def __init__(self, seed: int = 20231, weight_previous: float = 4.0, weight_similar: float = 1.0,
                 weight_base: float = 0.5, half_life_years: float = 3.0, n_previous: int = 3, n_similar: int = 25,
                 smoothing: float = 0.02, named_previous_boost: float = 5.0):
        self.seed = seed
        self.weight_previous = weight_previous
        self.weight_similar = weight_similar
        self.weight_base = weight_base
        self.half_life_years = half_life_years
        self.n_previous = n_previous
        self.n_similar = n_similar
        self.smoothing = smoothing
        self.named_previous_boost = named_previous_boost

    # -- fitting -------------------------------------------------------------------------------------------------
    def fit(self, record: Record, until: dt.date | str) -> "Forecaster":
        """Learn from every decision dated strictly before ``until``."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.until_ = parse_date(until, "until date")
        decisions = (record.decisions().filter(pl.col("date") < self.until_)
                     .sort("date", "id").with_row_index("row"))
        votes = (record.all_votes().select("decision_id", "member", "vote")
                 .join(decisions.select(pl.col("id").alias("decision_id"), "row"), on="decision_id", how="inner"))
        self.members_ = sorted(votes["member"].unique().to_list())
        column = {code: i for i, code in enumerate(self.members_)}
        matrix = np.full((decisions.height, len(self.members_)), -1, dtype=np.int8)
        codes = votes["vote"].replace_strict({v: i for i, v in enumerate(VOTES)}, return_dtype=pl.Int8).to_numpy()
        cols = votes["member"].replace_strict(column, return_dtype=pl.Int32).to_numpy()
        matrix[votes["row"].to_numpy(), cols] = codes
        self.training_ = decisions.drop("row")
        self.matrix_ = matrix
        self.dates_ = decisions["date"].to_numpy().astype("datetime64[D]")
        self.body_ = decisions["body"].to_numpy()
        self.title_key_ = np.array([_norm(t) for t in decisions["title"].to_list()], dtype=object)
        self.agenda_key_ = np.array([_norm(a) for a in decisions["agenda"].to_list()], dtype=object)
        self.symbols_ = {s: i for i, s in enumerate(decisions["symbol"].to_list()) if s}
        self.symbols_.update({s: i for i, s in enumerate(decisions["draft"].to_list()) if s})
        texts = [" ".join(p for p in (t, a) if p) for t, a in zip(decisions["title"].fill_null("").to_list(),
                                                                   decisions["agenda"].fill_null("").to_list())]
        self.vectorizer_ = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2, stop_words="english")
        self.tfidf_ = self.vectorizer_.fit_transform(texts)
        seen = matrix >= 0
        self.prior_ = np.bincount(matrix[seen], minlength=4) / max(seen.sum(), 1)
        return self

    # -- predicting ----------------------------------------------------------------------------------------------
    def members_for(self, draft: Draft) -> list[str]:
        """Who votes: the Council on the draft's date, or the GA members that voted in the year before it."""
        if draft.body == "SC":
            from unvote.charter.composition import council_on

            return list(council_on(draft.date).codes)
        start = np.datetime64(draft.date - dt.timedelta(days=365), "D")
        rows = (self.body_ == "GA") & (self.dates_ >= start) & (self.dates_ < np.datetime64(draft.date, "D"))
        present = (self.matrix_[rows] >= 0).any(axis=0)
        return [m for m, p in zip(self.members_, present) if p]

    def predict_proba(self, draft: Draft, members: list[str] | None = None) -> pl.DataFrame:
        """One row per member: ``member, p_yes, p_no, p_abstain, p_absent`` (rows sum to 1)."""
        return self._predict(draft, members)[0]

    def _predict(self, draft: Draft, members: list[str] | None = None) -> tuple[pl.DataFrame, dict]:
        members = self.members_for(draft) if members is None else members
        cols = np.array([self.members_.index(m) if m in self.members_ else -1 for m in members])
        on = np.datetime64(draft.date, "D")
        usable = (self.body_ == draft.body) & (self.dates_ < on)
        age_years = (on - self.dates_).astype(float) / 365.25
        recency = 0.5 ** (age_years / self.half_life_years)

        # Earlier versions: the named previous symbol, and the same title (GA) or agenda item (SC).
        same = np.zeros(len(usable), dtype=bool)
        if draft.body == "GA" and _norm(draft.title):
            same |= self.title_key_ == _norm(draft.title)
        if draft.body == "SC" and _norm(draft.agenda):
            same |= self.agenda_key_ == _norm(draft.agenda)
        if draft.previous and draft.previous in self.symbols_:
            same[self.symbols_[draft.previous]] = True
        previous = np.flatnonzero(same & usable)[-self.n_previous:]
        previous_weights = recency[previous].copy()
        if draft.previous and draft.previous in self.symbols_:
            # The version the user names is the draft's direct ancestor: it outweighs older namesakes.
            previous_weights[previous == self.symbols_[draft.previous]] *= self.named_previous_boost

        similar = np.array([], dtype=int)
        sims = np.zeros(len(usable))
        if draft.text and self.tfidf_.shape[0]:
            sims = (self.tfidf_ @ self.vectorizer_.transform([draft.text]).T).toarray().ravel()
            candidates = np.flatnonzero(usable & ~same & (sims > 0.2))
            similar = candidates[np.argsort(-sims[candidates], kind="stable")[:self.n_similar]]
        base = np.flatnonzero(usable & (age_years <= 3.0))

        parts = [(self.weight_previous, previous, previous_weights),
                 (self.weight_similar, similar, recency[similar] * sims[similar] ** 2),
                 (self.weight_base, base, np.ones(len(base)))]
        mix = np.zeros((len(members), 4))
        total = np.zeros(len(members))
        for weight, rows, row_weights in parts:
            dist, available = self._distribution(rows, row_weights, cols)
            mix += weight * available[:, None] * dist
            total += weight * available
        known = total > 0
        mix[known] /= total[known, None]
        mix[~known] = self.prior_
        probs = (1 - self.smoothing) * mix + self.smoothing * self.prior_
        frame = pl.DataFrame({"member": members, **{c: probs[:, i] for i, c in enumerate(COLUMNS)}})
        evidence = {"previous": [self.training_.row(int(i), named=True) for i in previous],
                    "similar": [self.training_.row(int(i), named=True) for i in similar[:3]]}
        return frame, evidence

    def _distribution(self, rows: np.ndarray, row_weights: np.ndarray, cols: np.ndarray):
        """Weighted vote shares per member over ``rows``; members with no vote there are marked unavailable."""
        counts = np.zeros((len(cols), 4))
        if len(rows):
            block = self.matrix_[rows][:, np.maximum(cols, 0)]
            block[:, cols < 0] = -1
            for v in range(4):
                counts[:, v] = ((block == v) * row_weights[:, None]).sum(axis=0)
        sums = counts.sum(axis=1)
        available = (sums > 0).astype(float)
        counts[sums > 0] /= sums[sums > 0, None]
        return counts, available

    def previous_votes(self, draft: Draft, members: list[str]) -> dict[str, list[str]]:
        """Each member's votes on the earlier versions the model found, oldest first (for explanations)."""
        _, evidence = self._predict(draft, members)
        ids = [row["id"] for row in evidence["previous"]]
        rows = [int(self.training_["id"].index_of(i)) for i in ids]
        out = {}
        for m in members:
            if m in self.members_:
                j = self.members_.index(m)
                out[m] = [VOTES[v] if v >= 0 else "-" for v in self.matrix_[rows, j]]
        return out
