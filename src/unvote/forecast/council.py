"""How a Council member votes on a draft: a pooled logistic regression on an analyst's handful of features.

The Council record is small (about 2,200 decisions since 1994, some 80 of them failed or vetoed), so per-member
parameters would overfit; every member shares one set of coefficients and the features say who the member is
relative to the draft:

- its votes on the latest versions of the same item (recency-weighted shares, and its very last vote);
- how often the item has seen vetoes and failed drafts lately, how often *this* member vetoed or voted no on it, and
  how often its drafts split the Council;
- its own no / abstain rate on the Council over the last three years;
- whether it is permanent, whether it sponsors the draft, and whether the sponsors are from the other camp
  (a Western draft for Russia or China, a Russian or Chinese draft for the United States, the United Kingdom or
  France) — the penholder's camp is the strongest single sign of a Council split.

The *item* is the SC data's subject (``decisions.topic``, e.g. "Middle East (Syria)"), falling back to the agenda item
where the record has none: the agenda "The situation in the Middle East" lumps Syria's contested drafts with the Golan
and Lebanon renewals that pass unanimously.

Features for a decision read only decisions dated strictly before it, so training rows and forecasts alike never
see the vote they describe or anything after it.
"""

from __future__ import annotations

import numpy as np

from unvote.charter.permanent import permanent_members

WESTERN = frozenset({"USA", "GBR", "FRA"})
EASTERN = frozenset({"RUS", "CHN"})
FEATURES = ("permanent", "last_yes", "last_no", "last_abstain", "no_share", "abstain_share", "has_history",
            "item_vetoes", "item_failed", "member_vetoes_item", "member_vetoes_any", "base_no", "base_abstain",
            "sponsor", "other_camp", "other_camp_permanent", "eastern_sponsor", "western_sponsor",
            "member_noes_item", "item_split", "other_camp_vetoed_item", "item_recent_drafts", "n_sponsors")


class CouncilHistory:
    """The Council's past, indexed for feature look-ups: one row per SC decision, in date order.

    ``matrix`` holds member votes (0=Y 1=N 2=A 3=X, -1 not sitting) with columns named by ``members``.

    >>> history = Forecaster().fit(rec, until="2022-05-27").council_history_
    >>> X = history.features(np.datetime64("2022-05-27"), "non proliferation dprk", ("USA",), ["CHN", "RUS"])
    >>> X[:, FEATURES.index("last_no")].tolist()     # both voted no on S/2022/431 the day before
    [1.0, 1.0]
    """

    def __init__(self, dates: np.ndarray, item: np.ndarray, outcome: np.ndarray, vetoed_by: list[tuple[str, ...]],
                 matrix: np.ndarray, members: list[str], half_life_years: float = 2.0, n_previous: int = 3):
        self.dates, self.item, self.outcome, self.matrix = dates, item, outcome, matrix
        self.column = {m: i for i, m in enumerate(members)}
        self.vetoed_by = vetoed_by
        self.half_life_years, self.n_previous = half_life_years, n_previous

    def previous(self, on: np.datetime64, item: str, named: int | None = None) -> np.ndarray:
        """Rows of the latest earlier versions: same item (and the named previous version), before ``on``."""
        before = self.dates < on
        same = before & (self.item == item) if item else np.zeros(len(before), dtype=bool)
        if named is not None and before[named]:
            same[named] = True
        return np.flatnonzero(same)[-self.n_previous:]

    def features(self, on: np.datetime64, item: str, sponsors: tuple[str, ...], members: list[str],
                 named: int | None = None) -> np.ndarray:
        """One row of :data:`FEATURES` per member for a draft voted on ``on``."""
        before = self.dates < on
        age = (on - self.dates).astype(float) / 365.25
        cols = np.array([self.column.get(m, -1) for m in members])
        out = np.zeros((len(members), len(FEATURES)))
        # The seats of the day: before 24 Dec 1991 the USSR (SUN) holds the Russian Federation's seat.
        permanent = permanent_members(on.astype("datetime64[D]").item())
        out[:, 0] = [m in permanent for m in members]

        rows = self.previous(on, item, named)
        if len(rows):
            block = self._block(rows, cols)
            weights = 0.5 ** (age[rows] / self.half_life_years)
            cast = (block >= 0) & (block <= 2)
            total = (cast * weights[:, None]).sum(axis=0)
            seen = total > 0
            for k, v in ((4, 1), (5, 2)):
                share = ((block == v) * weights[:, None]).sum(axis=0)
                out[seen, k] = share[seen] / total[seen]
            out[:, 6] = seen
            for j in range(len(members)):  # the member's very last vote on the item
                votes = block[:, j][cast[:, j]]
                if len(votes):
                    out[j, 1 + int(votes[-1])] = 1.0

        # Vetoes and failed drafts on the item over ten years, halving every three: a veto habit outlasts a
        # Council term (the United States on Palestine, 2006 -> 2011) but fades.
        on_item = before & (age <= 10.0) & (self.item == item) if item else np.zeros(len(before), bool)
        fade = 0.5 ** (age / 3.0)
        out[:, 7] = np.log1p(fade[on_item & (self.outcome == "vetoed")].sum())
        out[:, 8] = np.log1p(fade[on_item & (self.outcome == "failed")].sum())
        item_rows = np.flatnonzero(on_item & (self.outcome == "vetoed"))
        any_rows = np.flatnonzero(before & (age <= 3.0) & (self.outcome == "vetoed"))
        for j, m in enumerate(members):
            out[j, 9] = np.log1p(sum(fade[i] for i in item_rows if m in self.vetoed_by[i]))
            out[j, 10] = np.log1p(sum(m in self.vetoed_by[i] for i in any_rows))

        base = np.flatnonzero(before & (age <= 3.0))
        if len(base):
            block = self._block(base, cols)
            cast = ((block >= 0) & (block <= 2)).sum(axis=0)
            seen = cast > 0
            out[seen, 11] = (block == 1).sum(axis=0)[seen] / cast[seen]
            out[seen, 12] = (block == 2).sum(axis=0)[seen] / cast[seen]

        spons = set(sponsors)
        western, eastern = bool(spons & WESTERN), bool(spons & EASTERN)
        for j, m in enumerate(members):
            out[j, 13] = m in spons
            other = (m in EASTERN and western and not eastern) or (m in WESTERN and eastern and not western)
            out[j, 14] = other
            out[j, 15] = other and m in permanent
        out[:, 16], out[:, 17] = eastern, western

        # The item's record over ten years (fading every three): the member's own noes, the share of its drafts
        # that drew any no, and whether the member's camp vetoed there before a draft from the other camp.
        rows10 = np.flatnonzero(on_item)
        if len(rows10):
            block = self._block(rows10, cols)
            out[:, 18] = np.log1p(((block == 1) * fade[rows10, None]).sum(axis=0))
            split = (self.matrix[rows10] == 1).any(axis=1)
            out[:, 19] = (fade[rows10] * split).sum() / fade[rows10].sum()
        for j, m in enumerate(members):
            camp = EASTERN if m in EASTERN else WESTERN if m in WESTERN else frozenset()
            if out[j, 14] and camp:
                out[j, 20] = np.log1p(sum(fade[i] for i in item_rows if camp & set(self.vetoed_by[i])))
        # Drafts on the item in the 60 days before: a flurry (rival texts, a veto answered by another draft) marks a
        # contested file; routine renewals come once or twice a year.
        out[:, 21] = np.log1p((on_item & (age <= 60 / 365.25)).sum())
        # A long sponsor list marks a text put to the vote to make a point (climate 2021: 113 co-sponsors).
        out[:, 22] = np.log1p(len(spons - {"President"}))
        return out

    def _block(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        block = self.matrix[rows][:, np.maximum(cols, 0)]
        block[:, cols < 0] = -1
        return block


class CouncilVoteModel:
    """Pooled multinomial logistic regression: P(yes), P(no), P(abstain) of a Council member on a draft.

    >>> fitted = Forecaster().fit(rec, until="2022-05-26")      # fits this model on the Council's votes
    >>> X = fitted.council_history_.features(np.datetime64("2022-05-26"), "non proliferation dprk", ("USA",),
    ...                                      ["CHN", "RUS", "USA"])
    >>> fitted.council_.predict_proba(X).round(2).tolist()      # yes, no, abstain: the first veto on the item
    [[0.96, 0.01, 0.04], [0.94, 0.01, 0.05], [1.0, 0.0, 0.0]]
    """

    def __init__(self, C: float = 0.1):
        self.C = C

    def fit(self, X: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None) -> "CouncilVoteModel":
        """Standardise the features and fit (one thread: the machine is shared and the data small)."""
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        from threadpoolctl import threadpool_limits

        self.pipeline_ = make_pipeline(StandardScaler(), LogisticRegression(C=self.C, max_iter=2000))
        with threadpool_limits(1):
            self.pipeline_.fit(X, y, logisticregression__sample_weight=sample_weight)
        self.classes_ = self.pipeline_.classes_
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Columns yes, no, abstain (classes never seen in training get 0 before the caller's smoothing)."""
        out = np.zeros((len(X), 3))
        out[:, self.classes_] = self.pipeline_.predict_proba(X)
        return out
