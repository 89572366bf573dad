"""How each member will vote on a draft: its votes on earlier versions, on similar drafts, and its base rate.

The model is an analyst's rule of thumb made explicit, in scikit-learn's shape. For a General Assembly draft it mixes,
for each member, three distributions over yes / no / abstain / absent, each recency-weighted (older votes count less)
and each drawn only from votes of the draft's own kind (amendments, paragraph votes, or the rest):

- its votes on earlier versions of the same draft (GA: same title; SC: same agenda item; or the named previous
  symbol), the strongest signal since most resolutions recur;
- its votes on the drafts whose title and agenda read most alike (TF-IDF cosine);
- its base rate in the same body over the last three years.

For a Council draft the members' probabilities come from :class:`unvote.forecast.council.CouncilVoteModel`, a pooled
logistic regression fitted in the same ``fit`` (the mixture loses to it on every backtest log loss).

Nothing dated on or after the draft's date is read: ``fit(record, until=date)`` keeps only earlier decisions, and
``predict_proba`` further drops anything not strictly before the draft's own date.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import polars as pl

from unvote.forecast.council import FEATURES, CouncilHistory, CouncilVoteModel
from unvote.forecast.draft import Draft
from unvote.dates import parse_date
from unvote.record import Record

VOTES = ("Y", "N", "A", "X")
_COUNCIL_FEATURES: dict[str, dict[str, np.ndarray]] = {}  # record -> decision id -> features of its voters
COLUMNS = ("p_yes", "p_no", "p_abstain", "p_absent")


def record_key(record: Record) -> str:
    """What identifies a record's contents for the caches: its folder and when its snapshot was built (a rebuilt
    snapshot in the same folder is a new record)."""
    return f"{record.path}@{record.manifest.get('built_at', '')}"


def _norm(text: str | None) -> str:
    """A title or agenda folded for exact matching across years (case, punctuation, spacing)."""
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def _kind_group(kind: str | None) -> str:
    """Amendments, paragraph votes, and everything else (resolutions, procedural and other votes)."""
    return kind if kind in ("amendment", "paragraph") else "resolution"


def stage_features(probs: np.ndarray, last: np.ndarray, kind: str | None) -> np.ndarray:
    """The GA second stage's inputs per member: the mixture's log-probabilities of yes / no / abstain among votes
    cast, its P(absent), the member's vote on the latest earlier version (one-hot, with "none" and "did not vote"),
    and whether the vote is an amendment or a paragraph vote.

    >>> stage_features(np.array([[0.7, 0.1, 0.1, 0.1]]), np.array([0]), "resolution").shape
    (1, 12)
    """
    cast = probs[:, :3] / probs[:, :3].sum(axis=1, keepdims=True)
    kind_group = _kind_group(kind)
    flags = np.array([[kind_group == "amendment", kind_group == "paragraph"]] * len(probs), dtype=float)
    return np.hstack([np.log(np.clip(cast, 1e-6, 1)), probs[:, 3:4], np.eye(6)[last + 2], flags])


class Forecaster:
    """Member-by-member vote probabilities for a draft.

    >>> model = Forecaster().fit(rec, until="2022-05-27")
    >>> model.predict_proba(draft_like(rec, "S/2022/431")).filter(pl.col("member") == "RUS")["p_no"][0] > 0.5
    True
    """

    version = "0.4.0"

    def __init__(self, seed: int = 20231, weight_previous: float = 8.0, weight_similar: float = 1.0,
                 weight_base: float = 0.5, half_life_years: float = 3.0, n_previous: int = 3, n_similar: int = 25,
                 smoothing: float = 0.02, named_previous_boost: float = 5.0, council_since: str = "1994-01-01",
                 council_C: float = 0.1, council_half_life_years: float = 5.0,
                 council_features: tuple[str, ...] = FEATURES, sponsor_yes: float = 0.9):
        self.seed = seed
        self.weight_previous = weight_previous
        self.weight_similar = weight_similar
        self.weight_base = weight_base
        self.half_life_years = half_life_years
        self.n_previous = n_previous
        self.n_similar = n_similar
        self.smoothing = smoothing
        self.named_previous_boost = named_previous_boost
        self.council_since = council_since
        self.council_C = council_C
        self.council_half_life_years = council_half_life_years
        self.council_features = council_features
        self.sponsor_yes = sponsor_yes
        self.council_smoothing = 0.005
        self.named_previous_weight = 0.75
        self.use_council = True  # False: Council drafts get the same mixture as GA drafts (a baseline)
        self.stage_sessions = 8  # GA sessions whose votes train the second stage
        self.use_stage = True  # False: GA drafts get the mixture alone (the baselines, and the stage's own rows)

    # -- fitting -------------------------------------------------------------------------------------------------
    def fit(self, record: Record, until: dt.date | str, history_until: dt.date | str | None = None) -> "Forecaster":
        """Learn from every decision dated strictly before ``until``.

        With ``history_until`` (later than ``until``), the decisions between the two are kept as history but not
        learned from: a forecast reads them only when they are dated before its own draft. The rolling backtest
        refits once a year yet lets a December draft read the votes of November, as an analyst would.
        """
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.until_ = parse_date(until, "until date")
        horizon = max(self.until_, parse_date(history_until, "history date")) if history_until else self.until_
        decisions = (record.decisions().filter(pl.col("date") < horizon)
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
        # The Council's item: the SC data's subject where the record has one, else the agenda item.
        self.item_key_ = np.array([_norm(t) or a for t, a in zip(decisions["topic"].to_list(), self.agenda_key_)],
                                  dtype=object)
        self.kind_group_ = np.array([_kind_group(k) for k in decisions["kind"].to_list()], dtype=object)
        self.symbols_ = {s: i for i, s in enumerate(decisions["symbol"].to_list()) if s}
        self.symbols_.update({s: i for i, s in enumerate(decisions["draft"].to_list()) if s})
        texts = [" ".join(p for p in (t, a) if p) for t, a in zip(decisions["title"].fill_null("").to_list(),
                                                                   decisions["agenda"].fill_null("").to_list())]
        self.vectorizer_ = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2, stop_words="english")
        learned = self.dates_ < np.datetime64(self.until_, "D")
        self.vectorizer_.fit([t for t, keep in zip(texts, learned) if keep])
        self.tfidf_ = self.vectorizer_.transform(texts)
        seen = matrix[learned] >= 0
        self.prior_ = np.bincount(matrix[learned][seen], minlength=4) / max(seen.sum(), 1)
        self._fit_council(decisions, record_key(record))
        return self

    def _fit_council(self, decisions: pl.DataFrame, record_key: str) -> None:
        """The Council's pooled vote model, trained on every SC vote since ``council_since`` (features of each
        decision read only the decisions before it)."""
        sc = np.flatnonzero(self.body_ == "SC")
        self.sc_rows_ = sc
        self.council_history_ = CouncilHistory(
            self.dates_[sc], self.item_key_[sc], decisions["outcome"].to_numpy()[sc],
            [tuple(v or ()) for v in decisions["vetoed_by"].gather(sc).to_list()], self.matrix_[sc], self.members_)
        sponsors = decisions["sponsors"].gather(sc).to_list()
        X, y, w = [], [], []
        start = np.datetime64(self.council_since, "D")
        self.council_columns_ = [FEATURES.index(f) for f in self.council_features]
        # A decision's features depend only on the decisions before it, so they are the same in every fit that
        # holds it: the rolling backtest computes them once per record.
        cache = _COUNCIL_FEATURES.setdefault(record_key, {})
        ids = decisions["id"].to_list()
        learned = self.dates_[sc] < np.datetime64(self.until_, "D")
        for k in np.flatnonzero((self.dates_[sc] >= start) & learned):
            votes = self.matrix_[sc[k]]
            cast = np.flatnonzero((votes >= 0) & (votes <= 2))
            if not len(cast):
                continue
            key = ids[sc[k]]
            if key not in cache:
                members = [self.members_[j] for j in cast]
                cache[key] = self.council_history_.features(self.dates_[sc[k]], self.item_key_[sc[k]],
                                                            tuple(sponsors[k] or ()), members)
            X.append(cache[key][:, self.council_columns_])
            y.append(votes[cast])
            age = (np.datetime64(self.until_, "D") - self.dates_[sc[k]]).astype(float) / 365.25
            w.append(np.full(len(cast), 0.5 ** (age / self.council_half_life_years)))
        self.council_ = None
        if X:
            y_all = np.concatenate(y)
            if len(np.unique(y_all)) > 1:
                # Older votes count less (half-life ``council_half_life_years``): the Council of the 2010s
                # splits more often than that of the 1990s.
                self.council_ = CouncilVoteModel(C=self.council_C).fit(np.vstack(X), y_all, np.concatenate(w))
        council_votes = self.matrix_[sc[learned]]
        present = council_votes[council_votes >= 0]
        # Council members are rarely absent; their rate of not voting comes straight from the record.
        self.council_absent_ = float((present == 3).mean()) if len(present) else 0.0

    # -- predicting ----------------------------------------------------------------------------------------------
    def item_key(self, draft: Draft) -> str:
        """The Council item a draft belongs to: its topic if given, else the topic of the latest earlier Council
        decision under the same agenda item (else the agenda item itself).

        >>> Forecaster().fit(rec, until="2022-05-27").item_key(draft_like(rec, "S/2022/431"))
        'non proliferation dprk'
        """
        if draft.topic:
            return _norm(draft.topic)
        agenda = _norm(draft.agenda)
        rows = np.flatnonzero((self.body_ == "SC") & (self.agenda_key_ == agenda)
                              & (self.dates_ < np.datetime64(draft.date, "D"))) if agenda else []
        return str(self.item_key_[rows[-1]]) if len(rows) else agenda

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
        frame, evidence, last = self._mixture(draft, members)
        if draft.body == "GA" and self.use_stage:
            stage = self.ga_stage()
            if stage is not None:
                probs = frame.select(COLUMNS).to_numpy()
                cast = stage.predict_proba(stage_features(probs, last, draft.kind))
                frame = frame.with_columns(**{c: (1 - probs[:, 3]) * cast[:, i] for i, c in enumerate(COLUMNS[:3])})
        return frame, evidence

    def ga_stage(self):
        """The GA's second stage, fitted on first use: a logistic regression (scikit-learn) of each vote cast in the
        last ``stage_sessions`` GA sessions before the fit date on the mixture's own forecast of it (which read only
        the decisions before that vote), the member's vote on the latest earlier version, and the kind of vote. It
        recalibrates the mixture: where the mixture says yes at 0.8 the member abstains more often than 0.2.

        >>> Forecaster().fit(rec, until="2022-09-01").ga_stage().classes_.tolist()
        [0, 1, 2]
        """
        if not hasattr(self, "stage_"):
            from sklearn.linear_model import LogisticRegression
            from sklearn.pipeline import make_pipeline
            from sklearn.preprocessing import StandardScaler

            from unvote.forecast.draft import _draft_of_row

            learned = (self.body_ == "GA") & (self.dates_ < np.datetime64(self.until_, "D"))
            sessions = self.training_["session"].to_numpy()
            recent = np.unique(sessions[learned & ~self.training_["session"].is_null().to_numpy()])
            rows = np.flatnonzero(learned & np.isin(sessions, recent[-self.stage_sessions:]))
            X, y = [], []
            for k in rows:
                votes = self.matrix_[k]
                cast = np.flatnonzero((votes >= 0) & (votes <= 2))
                if not len(cast):
                    continue
                row = self.training_.row(int(k), named=True)
                draft = _draft_of_row(row, row["date"])
                frame, _, last = self._mixture(draft, [self.members_[j] for j in cast])
                X.append(stage_features(frame.select(COLUMNS).to_numpy(), last, draft.kind))
                y.append(votes[cast])
            self.stage_ = None
            if X and len(np.unique(np.concatenate(y))) == 3:
                self.stage_ = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=500)).fit(
                    np.vstack(X), np.concatenate(y))
        return self.stage_

    def _mixture(self, draft: Draft, members: list[str]) -> tuple[pl.DataFrame, dict, np.ndarray]:
        """The mixture's probabilities, its evidence, and each member's vote on the latest earlier version (-2 if
        there is none, -1 if the member did not vote on it)."""
        cols = np.array([self.members_.index(m) if m in self.members_ else -1 for m in members])
        on = np.datetime64(draft.date, "D")
        # Amendments and separate paragraph votes are their own kinds of vote: most amendments are put by a
        # minority and voted down, and a paragraph vote splits along other lines than the resolution it sits in.
        group = _kind_group(draft.kind)
        usable = (self.body_ == draft.body) & (self.dates_ < on) & (self.kind_group_ == group)
        age_years = (on - self.dates_).astype(float) / 365.25
        recency = 0.5 ** (age_years / self.half_life_years)

        # Earlier versions: the named previous symbol, and the same title (GA) or agenda item (SC).
        same = np.zeros(len(usable), dtype=bool)
        if draft.body == "GA" and _norm(draft.title):
            same |= self.title_key_ == _norm(draft.title)
        if draft.body == "SC" and self.item_key(draft):
            same |= self.item_key_ == self.item_key(draft)
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
        base = np.flatnonzero(usable & (age_years <= (3.0 if group == "resolution" else 10.0)))

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
        if draft.body == "GA" and draft.sponsors and self.sponsor_yes:
            # A sponsor votes for its own text (GA sessions 74-77: 11,417 of 11,431 sponsors' votes cast were yes);
            # its chance of being absent stays the model's.
            sponsor = np.array([m in set(draft.sponsors) for m in members])
            cast = probs[sponsor, :3].sum(axis=1, keepdims=True)
            probs[sponsor, :3] = (1 - self.sponsor_yes) * probs[sponsor, :3] + self.sponsor_yes * cast * np.eye(3)[0]
        if draft.body == "SC" and self.use_council and self.council_ is not None:
            probs, previous = self._council_predict(draft, members, on)
        frame = pl.DataFrame({"member": members, **{c: probs[:, i] for i, c in enumerate(COLUMNS)}})
        evidence = {"previous": [self.training_.row(int(i), named=True) for i in previous],
                    "similar": [self.training_.row(int(i), named=True) for i in similar[:3]]}
        last = np.full(len(members), -2)
        if len(previous):
            latest = self.matrix_[previous[-1]]
            last = np.where(cols >= 0, latest[np.maximum(cols, 0)], -1)
        return frame, evidence, last

    def _council_predict(self, draft: Draft, members: list[str], on: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
        """Council members' probabilities from the pooled model, and the earlier versions it read."""
        named = None
        if draft.previous and draft.previous in self.symbols_:
            position = np.searchsorted(self.sc_rows_, self.symbols_[draft.previous])
            if position < len(self.sc_rows_) and self.sc_rows_[position] == self.symbols_[draft.previous]:
                named = int(position)
        item = self.item_key(draft)
        X = self.council_history_.features(on, item, draft.sponsors, members, named)
        cast = self.council_.predict_proba(X[:, self.council_columns_])
        probs = np.zeros((len(members), 4))
        probs[:, :3] = (1 - self.council_absent_) * cast
        probs[:, 3] = self.council_absent_
        if named is not None:
            # A user naming the earlier version says the text is (nearly) the same: each member's vote on it then
            # outweighs the pooled model. The record links no drafts to their earlier versions, so the backtest
            # never takes this path and cannot weigh it; 0.75 is a judgement, not a fit.
            votes = self.council_history_._block(np.array([named]), np.array(
                [self.council_history_.column.get(m, -1) for m in members]))[0]
            cast = votes >= 0
            probs[cast] = (1 - self.named_previous_weight) * probs[cast] + self.named_previous_weight * np.eye(4)[
                votes[cast]]
        probs = (1 - self.council_smoothing) * probs + self.council_smoothing * self.prior_
        return probs, self.sc_rows_[self.council_history_.previous(on, item, named)]

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
        _, evidence, _ = self._mixture(draft, members)  # the evidence is the mixture's; the GA stage adds none
        ids = [row["id"] for row in evidence["previous"]]
        rows = [int(self.training_["id"].index_of(i)) for i in ids]
        out = {}
        for m in members:
            if m in self.members_:
                j = self.members_.index(m)
                out[m] = [VOTES[v] if v >= 0 else "-" for v in self.matrix_[rows, j]]
        return out
