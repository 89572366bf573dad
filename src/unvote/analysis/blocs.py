"""Voting blocs: groups of General Assembly members that vote alike in a period, how they change, and partners.

The method, in three steps:

* **Agreement.** Over the period's roll calls, every pair of members gets Voeten's agreement score
  (:func:`unvote.analysis.agreement.agreement_matrix`: yes = 1, abstain = 2, no = 3, score ``1 - |a - b| / 2``,
  absences left out). Members that cast a vote in fewer than ``min_share`` of the period's roll calls are set aside
  (``excluded_``): a member that hardly voted has no position to place.
* **Clustering.** Each member is described by its *agreement profile*, its row of the matrix (how much it agrees with
  every other member), and the profiles are clustered by Ward's hierarchical method (scikit-learn's
  ``AgglomerativeClustering``). Clustering profiles rather than the raw distances groups members that agree with the
  *same others*: on the raw distances the most isolated pair (often the USA and Israel) splits off first and the
  rest stays one block. Ward's method is deterministic, so a period always gives the same blocs.
* **How many blocs.** Unless the user sets ``n_blocs``, the number with the highest mean silhouette between 2 and
  ``max_blocs`` (the silhouette compares each member's distance to its own bloc with the nearest other bloc).

Blocs are numbered by size (1 the largest) and named by their best-known members (:data:`PROMINENT`: the permanent
members, then the G20's other members, then the rest by how central they are to the bloc).

Over time (:func:`bloc_history`), blocs are found period by period and each period's blocs are matched to the previous
period's by shared members (the assignment that maximises the overlap), so a bloc keeps its number while its
membership drifts; :func:`bloc_switches` lists the members that moved.

>>> import unvote
>>> rec = unvote.open()
>>> b = find_blocs(rec, "1980-1989")
>>> b.bloc_of("POL") == b.bloc_of("SUN") != b.bloc_of("USA")
True
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import polars as pl
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics import silhouette_samples

from unvote.analysis.agreement import Measure, agreement, agreement_matrix, check_measure
from unvote.errors import UserError

# Members a reader recognises first, to name a bloc by: the permanent members (and their predecessors), then the
# other members of the G20, then a few regional leaders. The rest of a bloc's name comes from its most central members.
PROMINENT: tuple[str, ...] = (
    "USA", "SUN", "RUS", "CHN", "TWN", "GBR", "FRA",
    "IND", "DEU", "JPN", "BRA", "CAN", "ITA", "AUS", "MEX", "KOR", "IDN", "TUR", "SAU", "ARG", "ZAF",
    "EGY", "NGA", "PAK", "IRN", "ISR", "CUB", "YUG", "POL", "DDR", "ESP", "NLD", "SWE",
)


# Voeten's issue codes, as the decisions' ``issues`` column holds them.
ISSUES = {"me": "the Middle East", "nu": "nuclear weapons", "di": "arms control and disarmament",
          "hr": "human rights", "co": "colonialism", "ec": "economic development"}


# --- periods ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    """A span of calendar years, inclusive: ``Period(1980, 1989)``; ``label`` is how it prints (``1980-1989``)."""

    first: int
    last: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.first, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.last, 12, 31)

    @property
    def label(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


def parse_period(text: str | Period) -> Period:
    """A period from ``2020``, ``2015-2019`` or a decade ``1980s``; anything else raises :class:`UserError`.

    >>> parse_period("1980s"), parse_period("2015-2019").label
    (Period(first=1980, last=1989), '2015-2019')
    """
    if isinstance(text, Period):
        return text
    value = str(text).strip()
    if m := re.fullmatch(r"(\d{4})", value):
        first = last = int(m.group(1))
    elif m := re.fullmatch(r"(\d{4})\s*(?:-|–|\.\.|to)\s*(\d{4})", value):
        first, last = int(m.group(1)), int(m.group(2))
    elif m := re.fullmatch(r"(\d{3})0s", value):
        first, last = int(m.group(1)) * 10, int(m.group(1)) * 10 + 9
    else:
        raise UserError(f"The period {value!r} is not a period: write a year (2020), a range of years (2015-2019) "
                        "or a decade (1980s).")
    if first > last:
        raise UserError(f"The period {value!r} ends before it starts.")
    return Period(first, last)


def ga_votes(rec, period: str | Period | None, issue: str | None = None) -> pl.DataFrame:
    """The General Assembly's roll-call votes in a period (``None``: the whole record), optionally on one of Voeten's
    issues (:data:`ISSUES`); none raises UserError."""
    span = parse_period(period) if period is not None else None
    if issue is not None and issue.lower() not in ISSUES:
        raise UserError(f"Unknown issue {issue!r}: use one of " + ", ".join(f"{k} ({v})" for k, v in ISSUES.items())
                        + ".")
    votes = rec.votes(body="GA", start=span.start if span else None, end=span.end if span else None, issue=issue)
    if votes.height == 0:
        on = f" on {ISSUES[issue.lower()]}" if issue else ""
        raise UserError(f"The record holds no General Assembly roll call{on} in {span.label if span else 'any year'}.")
    return votes


# --- the estimator ---------------------------------------------------------------------------------------------------
class VotingBlocs:
    """Groups of members that vote alike: Ward clustering of agreement profiles, the number chosen by silhouette.

    Parameters
    ----------
    n_blocs : int or None, default None
        How many blocs; ``None`` picks the number between 2 and ``max_blocs`` with the highest mean silhouette.
    max_blocs : int, default 8
        The most blocs tried when ``n_blocs`` is ``None``.
    measure : {"voeten", "identical", "kappa"}, default "voeten"
        The agreement measure the profiles are made of.
    min_share : float, default 0.25
        Members that voted (yes, no or abstain) in fewer than this share of the roll calls are left out.

    Attributes
    ----------
    members_ : numpy.ndarray
        The codes clustered, sorted.
    labels_ : numpy.ndarray
        Each member's bloc, 1 for the largest bloc, 2 for the next, …
    n_blocs_ : int
        The number of blocs.
    silhouette_ : float
        The mean silhouette of the partition (-1 to 1; higher is better separated).
    silhouettes_ : dict[int, float]
        The mean silhouette of every number of blocs tried.
    member_silhouette_ : numpy.ndarray
        Each member's own silhouette (near 0 or below: a member between blocs).
    agreement_ : pandas.DataFrame
        The agreement matrix of the members clustered.
    order_ : numpy.ndarray
        Indices of ``members_`` in the leaf order of the clustering tree, bloc by bloc (for heat maps).
    excluded_ : list[str]
        Members set aside for voting too rarely.

    Example
    -------
    >>> import unvote
    >>> votes = unvote.open().votes(body="GA", start="2015", end="2019")
    >>> fit = VotingBlocs().fit(votes)
    >>> bloc = dict(zip(fit.members_, fit.labels_.tolist()))
    >>> fit.n_blocs_, [bloc[c] for c in ("CHN", "FRA", "USA", "ISR")]
    (3, [1, 2, 3, 3])
    """

    def __init__(self, n_blocs: int | None = None, max_blocs: int = 8, measure: Measure = "voeten",
                 min_share: float = 0.25):
        self.n_blocs = n_blocs
        self.max_blocs = max_blocs
        self.measure = measure
        self.min_share = min_share

    def fit(self, votes: pl.DataFrame) -> VotingBlocs:
        """Cluster the members of a tidy votes frame (``decision_id, member, vote``)."""
        check_measure(self.measure)
        votes = votes if isinstance(votes, pl.DataFrame) else pl.from_pandas(votes)
        n_decisions = votes["decision_id"].n_unique()
        cast = votes.filter(pl.col("vote").is_in(["Y", "N", "A"])).group_by("member").len()
        keep = set(cast.filter(pl.col("len") >= self.min_share * n_decisions)["member"])
        self.excluded_ = sorted(set(votes["member"]) - keep)
        matrix = agreement_matrix(votes.filter(pl.col("member").is_in(list(keep))), measure=self.measure)
        members = matrix.index.to_numpy()
        if len(members) < 3:
            raise UserError("Too few members voted in the period to form blocs (at least 3 are needed).")
        k_max = min(self.max_blocs, len(members) - 1)
        if self.n_blocs is not None and not 2 <= self.n_blocs <= len(members) - 1:
            raise UserError(f"The number of blocs must be between 2 and {len(members) - 1} for this period, "
                            f"not {self.n_blocs}.")
        profiles = matrix.to_numpy(copy=True)
        # A pair that never voted on the same roll call (rare once rare voters are out) gets the column's mean.
        profiles = np.where(np.isnan(profiles), np.nanmean(profiles, axis=0)[None, :], profiles)
        tree = AgglomerativeClustering(linkage="ward", compute_full_tree=True).fit(profiles)
        self.silhouettes_ = {}
        candidates = [self.n_blocs] if self.n_blocs is not None else list(range(2, k_max + 1))
        best = None
        for k in candidates:
            raw = _cut(tree.children_, len(members), k)
            score = float(silhouette_samples(profiles, raw).mean())
            self.silhouettes_[k] = score
            if best is None or score > best[1] + 1e-12:
                best = (k, score, raw)
        k, score, raw = best
        self.members_ = members
        self.labels_ = _number_by_size(raw, members)
        self.n_blocs_ = k
        self.silhouette_ = score
        self.member_silhouette_ = silhouette_samples(profiles, self.labels_)
        self.agreement_ = matrix
        position = {leaf: p for p, leaf in enumerate(_leaf_order(tree.children_, len(members)))}
        self.order_ = np.array(sorted(position, key=lambda i: (self.labels_[i], position[i])))
        return self

    def fit_predict(self, votes: pl.DataFrame) -> np.ndarray:
        """Fit, and return ``labels_``."""
        return self.fit(votes).labels_


def _cut(children: np.ndarray, n: int, k: int) -> np.ndarray:
    """Flat clusters from a merge tree (scikit-learn's ``children_``): undo the last ``k - 1`` merges."""
    parent = np.arange(2 * n - 1)
    for step, (a, b) in enumerate(children[: n - k]):
        parent[a] = parent[b] = n + step
    roots = np.empty(n, dtype=np.int64)
    for i in range(n):
        node = i
        while parent[node] != node:
            node = parent[node]
        roots[i] = node
    return np.unique(roots, return_inverse=True)[1]


def _leaf_order(children: np.ndarray, n: int) -> list[int]:
    """The leaves of a merge tree from left to right, so that similar members sit side by side."""
    order: list[int] = []
    stack = [2 * n - 2]
    while stack:
        node = stack.pop()
        if node < n:
            order.append(node)
        else:
            a, b = children[node - n]
            stack.extend((b, a))
    return order


def _number_by_size(raw: np.ndarray, members: np.ndarray) -> np.ndarray:
    """Renumber clusters 1, 2, … from the largest down (ties: the one holding the first code alphabetically)."""
    clusters = np.unique(raw)
    key = sorted(clusters, key=lambda c: (-(raw == c).sum(), members[raw == c][0]))
    mapping = {c: i + 1 for i, c in enumerate(key)}
    return np.array([mapping[c] for c in raw])


# --- blocs of one period ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Blocs:
    """The blocs of one period: ``members`` (member, name, bloc, bloc_name, silhouette) and ``summary`` per bloc."""

    period: str
    roll_calls: int
    n_blocs: int
    silhouette: float
    members: pl.DataFrame
    summary: pl.DataFrame
    agreement: pd.DataFrame
    order: list[str]
    excluded: list[str]

    def bloc_of(self, code: str) -> int | None:
        """The bloc number of a member code (``None`` if it was not clustered)."""
        hit = self.members.filter(pl.col("member") == code)
        return int(hit["bloc"][0]) if hit.height else None

    def to_dict(self) -> dict:
        return {"period": self.period, "roll_calls": self.roll_calls, "n_blocs": self.n_blocs,
                "silhouette": round(self.silhouette, 4),
                "blocs": self.summary.to_dicts(), "members": self.members.to_dicts(), "excluded": self.excluded}


def find_blocs(rec, period: str | Period | None = None, n_blocs: int | None = None, measure: Measure = "voeten",
               max_blocs: int = 8, issue: str | None = None) -> Blocs:
    """The voting blocs of the General Assembly in a period (``"1980s"``, ``"2015-2019"``; ``None``: all years),
    on every roll call or on one issue (``issue="hr"``: human rights; :data:`ISSUES`).

    >>> b = find_blocs(unvote.open(), "2015-2019")
    >>> b.summary.select("bloc", "name", "size").rows()
    [(1, 'RUS / CHN / IND', 138), (2, 'GBR / FRA / DEU', 53), (3, 'USA / ISR', 2)]
    """
    votes = ga_votes(rec, period, issue)
    fit = VotingBlocs(n_blocs=n_blocs, max_blocs=max_blocs, measure=measure).fit(votes)
    label = parse_period(period).label if period is not None else "all years"
    label += f", {ISSUES[issue.lower()]}" if issue else ""
    return _describe(rec, fit, label, votes["decision_id"].n_unique())


def _describe(rec, fit: VotingBlocs, label: str, roll_calls: int) -> Blocs:
    members = list(fit.members_)
    matrix = fit.agreement_.to_numpy()
    rows, summary = [], []
    for bloc in range(1, fit.n_blocs_ + 1):
        inside = np.flatnonzero(fit.labels_ == bloc)
        block = matrix[np.ix_(inside, inside)]
        centrality = np.nanmean(block, axis=1) if len(inside) > 1 else np.ones(1)
        name = _bloc_name([members[i] for i in inside], centrality)
        off = np.isfinite(block) & ~np.eye(len(inside), dtype=bool)
        cohesion = float(block[off].mean()) if off.any() else 1.0
        by_centre = [members[i] for i in inside[np.argsort(-centrality, kind="stable")]]
        summary.append({"bloc": bloc, "name": name, "size": len(inside), "cohesion": round(cohesion, 4),
                        "core": by_centre[:5], "members": sorted(by_centre)})
        for i, c in zip(inside, centrality):
            rows.append({"member": members[i], "name": rec.name_of(members[i]), "bloc": bloc, "bloc_name": name,
                         "centrality": round(float(c), 4), "silhouette": round(float(fit.member_silhouette_[i]), 4)})
    frame = pl.DataFrame(rows).sort("bloc", "member")
    return Blocs(period=label, roll_calls=roll_calls, n_blocs=fit.n_blocs_, silhouette=fit.silhouette_, members=frame,
                 summary=pl.DataFrame(summary), agreement=fit.agreement_,
                 order=[members[i] for i in fit.order_], excluded=fit.excluded_)


def _bloc_name(codes: list[str], centrality: np.ndarray, size: int = 3) -> str:
    """Up to three codes: the bloc's best-known members first (:data:`PROMINENT`), then its most central ones."""
    known = sorted((c for c in codes if c in PROMINENT), key=PROMINENT.index)
    central = [codes[i] for i in np.argsort(-centrality, kind="stable") if codes[i] not in known]
    return " / ".join((known + central)[:size])


# --- over time -------------------------------------------------------------------------------------------------------
def decades(first: int = 1946, last: int = 2023) -> list[Period]:
    """Calendar decades covering the years, cut to them: ``decades(1946, 1965)`` → 1946-1949, 1950-1959, 1960-1965."""
    out, year = [], first
    while year <= last:
        end = min(year // 10 * 10 + 9, last)
        out.append(Period(year, end))
        year = end + 1
    return out


def last_ga_year(rec) -> int:
    """The year of the record's last General Assembly roll call, from the snapshot's manifest.

    >>> last_ga_year(unvote.open())
    2023
    """
    return int(rec.manifest["coverage"]["ga_last"][:4])


def spans(first: int, last: int, every: int) -> list[Period]:
    """Consecutive spans of ``every`` years from ``first`` (10 gives calendar decades)."""
    if every < 1:
        raise UserError(f"A period must be at least one year long, not {every}.")
    if every == 10:
        return decades(first, last)
    return [Period(y, min(y + every - 1, last)) for y in range(first, last + 1, every)]


def bloc_history(rec, periods: list[str | Period] | None = None, n_blocs: int | None = None,
                 measure: Measure = "voeten", issue: str | None = None) -> pl.DataFrame:
    """Blocs period by period (default: every decade of the record), numbered consistently across periods.

    Each period's blocs are matched to the previous period's by the number of members they share (an optimal
    one-to-one assignment); a matched bloc keeps its number, a new one gets the next free number. Columns:
    ``period, member, name, bloc, bloc_name``.

    >>> h = bloc_history(unvote.open(), ["1980s", "1990s"])
    >>> h.filter(member="POL")["bloc_name"].to_list()  # Poland leaves the USSR's bloc for Western Europe's
    ['SUN / CHN / IND', 'RUS / GBR / FRA']
    """
    if periods is None:
        periods = decades(1946, last_ga_year(rec))
    frames, previous, next_id = [], None, 1
    for period in map(parse_period, periods):
        found = find_blocs(rec, period, n_blocs=n_blocs, measure=measure, issue=issue)
        frame = found.members.select("member", "name", "bloc", "bloc_name")
        if previous is None:
            mapping = {b: b for b in frame["bloc"].unique()}
        else:
            mapping = _match(previous, frame)
        for bloc in sorted(frame["bloc"].unique()):
            if bloc not in mapping:
                mapping[bloc] = next_id
                next_id += 1
            next_id = max(next_id, mapping[bloc] + 1)
        frame = frame.with_columns(pl.col("bloc").replace_strict(mapping, return_dtype=pl.Int64))
        frames.append(frame.select(pl.lit(period.label).alias("period"), pl.all()))
        previous = frame
    return pl.concat(frames)


def _match(previous: pl.DataFrame, current: pl.DataFrame) -> dict[int, int]:
    """Current bloc → previous bloc number, for the one-to-one assignment sharing the most members."""
    before = sorted(previous["bloc"].unique())
    now = sorted(current["bloc"].unique())
    members_before = {b: set(previous.filter(pl.col("bloc") == b)["member"]) for b in before}
    members_now = {b: set(current.filter(pl.col("bloc") == b)["member"]) for b in now}
    overlap = np.array([[len(members_now[n] & members_before[b]) for b in before] for n in now])
    rows, cols = linear_sum_assignment(-overlap)
    return {now[r]: before[c] for r, c in zip(rows, cols) if overlap[r, c] > 0}


def bloc_switches(history: pl.DataFrame, successors: dict[str, str] | None = None) -> pl.DataFrame:
    """Members whose bloc changed between consecutive periods of a :func:`bloc_history`.

    ``successors`` (``{"SUN": "RUS", …}``, the ``successor`` column of ``Record.members()``) follows a seat to the
    state that took it over when the successor was not there before: the USSR in the 1980s and Russia in the 1990s
    are compared as one member. Columns: ``member, from_member, name, from_period, to_period, from_bloc, to_bloc,
    from_name, to_name``.

    >>> h = bloc_history(unvote.open(), ["1980s", "1990s"])
    >>> successors = dict(unvote.open().members().select("code", "successor").drop_nulls().iter_rows())
    >>> bloc_switches(h, successors).filter(member="RUS").select("from_member", "from_name", "to_name").row(0)
    ('SUN', 'SUN / CHN / IND', 'RUS / GBR / FRA')
    """
    successors = successors or {}
    periods = list(dict.fromkeys(history["period"]))
    rows = []
    for before, after in zip(periods, periods[1:]):
        a = history.filter(pl.col("period") == before)
        b = history.filter(pl.col("period") == after)
        seated_before, seated_after = set(a["member"]), set(b["member"])
        # The seat's holder in the later period: itself, or its successor if that is new to the Assembly.
        heir = {m: m if m in seated_after else successors.get(m) for m in seated_before}
        heir = {m: h for m, h in heir.items() if h in seated_after and (h == m or h not in seated_before)}
        a = a.with_columns(pl.col("member").alias("from_member"),
                           pl.col("member").replace_strict(heir, default=None).alias("member"))
        both = a.drop_nulls("member").join(b, on="member", suffix="_to").filter(pl.col("bloc") != pl.col("bloc_to"))
        for r in both.iter_rows(named=True):
            rows.append({"member": r["member"], "from_member": r["from_member"], "name": r["name_to"],
                         "from_period": before, "to_period": after, "from_bloc": r["bloc"], "to_bloc": r["bloc_to"],
                         "from_name": r["bloc_name"], "to_name": r["bloc_name_to"]})
    schema = {"member": pl.String, "from_member": pl.String, "name": pl.String, "from_period": pl.String,
              "to_period": pl.String, "from_bloc": pl.Int64, "to_bloc": pl.Int64, "from_name": pl.String,
              "to_name": pl.String}
    return pl.DataFrame(rows, schema=schema)


def bloc_stability(history: pl.DataFrame) -> pl.DataFrame:
    """How much the blocs changed between consecutive periods of a :func:`bloc_history`.

    Over the members present in both periods: ``members``, ``switched`` (how many changed bloc number) and ``ari``,
    the adjusted Rand index of the two partitions (1: the same blocs, about 0: no more alike than chance). The index
    ignores the numbering, so it also scores a merge or a split fairly.

    >>> t = bloc_stability(bloc_history(unvote.open(), ["1970s", "1980s", "1990s"]))
    >>> t.select("to_period", pl.col("ari").round(2)).rows()
    [('1980-1989', 0.48), ('1990-1999', 0.76)]
    """
    from sklearn.metrics import adjusted_rand_score

    periods = list(dict.fromkeys(history["period"]))
    rows = []
    for before, after in zip(periods, periods[1:]):
        both = history.filter(pl.col("period") == before).join(
            history.filter(pl.col("period") == after), on="member", suffix="_to")
        rows.append({"from_period": before, "to_period": after, "members": both.height,
                     "switched": int((both["bloc"] != both["bloc_to"]).sum()),
                     "ari": float(adjusted_rand_score(both["bloc"], both["bloc_to"])) if both.height else float("nan")})
    schema = {"from_period": pl.String, "to_period": pl.String, "members": pl.Int64, "switched": pl.Int64,
              "ari": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


# --- partners --------------------------------------------------------------------------------------------------------
def partners(rec, member: str, period: str | Period | None = None, n: int = 5, measure: Measure = "voeten",
             min_votes: int = 20, issue: str | None = None) -> pl.DataFrame:
    """A member's closest and farthest partners in the General Assembly over a period (on one issue if given).

    Agreement is over the roll calls both members voted on; partners sharing fewer than ``min_votes`` are left out.
    Columns: ``side`` (``closest``/``farthest``), ``rank``, ``member``, ``name``, ``agreement``, ``votes``.

    >>> partners(unvote.open(), "USA", "2010-2019", n=1).select("side", "member").rows()
    [('closest', 'ISR'), ('farthest', 'PRK')]
    """
    check_measure(measure)
    code = rec.member_code(member)
    votes = ga_votes(rec, period, issue)
    span = parse_period(period).label if period is not None else "the whole record"
    pairs = agreement(votes, by=None).filter(pl.col("member") == code)
    if pairs.height == 0:
        raise UserError(f"{code} cast no General Assembly vote in {span}.")
    frame = pairs.filter((pl.col("other") != code) & (pl.col("n") >= min_votes) & pl.col(measure).is_not_nan()).select(
        pl.col("other").cast(pl.String).alias("member"), pl.col(measure).alias("agreement"),
        pl.col("n").cast(pl.Int64).alias("votes"))
    if frame.height == 0:
        raise UserError(f"No member shared {min_votes} or more votes with {code} in {span}.")
    n = max(1, min(n, frame.height))
    closest = frame.sort(["agreement", "member"], descending=[True, False]).head(n)
    farthest = frame.sort(["agreement", "member"], descending=[False, False]).head(n)
    out = pl.concat([
        closest.with_columns(pl.lit("closest").alias("side"), pl.int_range(1, n + 1).alias("rank")),
        farthest.with_columns(pl.lit("farthest").alias("side"), pl.int_range(1, n + 1).alias("rank")),
    ])
    names = [rec.name_of(c) for c in out["member"]]
    return out.with_columns(pl.Series("name", names), pl.col("agreement").round(4)).select(
        "side", "rank", "member", "name", "agreement", "votes")
