"""The read side of unvote: open a snapshot and look things up.

>>> import unvote
>>> rec = unvote.open()
>>> d = rec.decision("A/RES/69/188")
>>> (d.yes, d.no, d.abstain, d.outcome)
(116, 20, 53, 'adopted')

Lookups return Polars DataFrames (``.to_pandas()`` gives pandas). The small tables live in memory; the votes are read
from Parquet on demand, so opening the record and looking up one decision stays fast from a cold start.
"""

from __future__ import annotations

import difflib
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import polars as pl

from unvote.dates import end_of, parse_date
from unvote.errors import NotFound, UserError
from unvote.symbols import symbol_key

SNAPSHOT_DIR = Path(__file__).parent / "data" / "snapshot"
TABLES = ("members", "member_names", "decisions", "votes", "sc_seats", "quality", "ideal_points")
VOTE_LABELS = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent / not voting"}
MAX_SQL_ROWS = 100_000


@dataclass(frozen=True)
class Decision:
    """One recorded vote: the decisions row plus each member's vote (``votes``: member, name, vote)."""

    id: str
    body: str
    date: date
    symbol: str | None
    draft: str | None
    title: str | None
    outcome: str
    yes: int | None
    no: int | None
    abstain: int | None
    non_voting: int | None
    vetoed_by: list[str]
    row: dict[str, Any]
    votes: pl.DataFrame = field(repr=False)

    @property
    def label(self) -> str:
        """The symbol a user knows the decision by (the resolution, else the draft, else the id)."""
        return self.symbol or self.draft or self.id

    @property
    def tally(self) -> str:
        """``'116-20-53'``: yes, no, abstentions."""
        return f"{self.yes}-{self.no}-{self.abstain}"

    def to_dict(self) -> dict[str, Any]:
        """The decision and its votes as plain JSON-ready values."""
        out = {k: _jsonable(v) for k, v in self.row.items()}
        out["votes"] = [{k: _jsonable(v) for k, v in r.items()} for r in self.votes.iter_rows(named=True)]
        return out


@dataclass(frozen=True)
class Member:
    """A member state (or a historical one) with every name the sources gave it."""

    code: str
    name: str
    names: list[str]
    admitted: date | None
    left: date | None
    successor: str | None
    regional_group: str | None

    def to_dict(self) -> dict[str, Any]:
        return {k: _jsonable(v) for k, v in self.__dict__.items()}


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, pl.Series):
        return value.to_list()
    return value


class Record:
    """The voting record of a snapshot directory. Use :func:`unvote.open` to get one."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else SNAPSHOT_DIR
        manifest = self.path / "MANIFEST.json"
        if not manifest.is_file():
            raise UserError(f"No unvote snapshot at {self.path} (MANIFEST.json is missing); run 'unvote data build'.")
        self.manifest: dict[str, Any] = json.loads(manifest.read_text())
        self._votes: pl.DataFrame | None = None
        self._sql = None
        self._sql_lock = threading.Lock()  # a DuckDB connection serves one query at a time

    def _table(self, name: str) -> pl.DataFrame:
        return pl.read_parquet(self.path / f"{name}.parquet")

    @cached_property
    def _decisions(self) -> pl.DataFrame:
        return self._table("decisions")

    @cached_property
    def _members(self) -> pl.DataFrame:
        return self._table("members")

    @cached_property
    def _names(self) -> pl.DataFrame:
        return self._table("member_names")

    @cached_property
    def _symbol_index(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        keys = zip(self._decisions["symbol_key"], self._decisions["draft"], self._decisions["id"])
        for i, (sym, draft, ident) in enumerate(keys):
            for k in {sym, symbol_key(draft), symbol_key(ident)}:
                if k:
                    index.setdefault(k, []).append(i)
        return index

    # --- members -------------------------------------------------------------------------------------------------
    def members(self) -> pl.DataFrame:
        """Every member state in the record, historical ones included."""
        return self._members

    def member_names(self) -> pl.DataFrame:
        """Every spelling of a member the sources use: name, code, sources."""
        return self._names

    def member_code(self, query: str) -> str:
        """The code of a member from its code or any name it has had: ``rec.member_code('North Korea') == 'PRK'``."""
        from unvote.members import code_for

        text = query.strip()
        codes = set(self._members["code"])
        code = text.upper() if text.upper() in codes else code_for(text)
        if code in codes:
            return code
        # Suggest members, not spellings: several close spellings often name one member.
        spellings = {**dict(zip(self._names["name"], self._names["code"])),
                     **dict(zip(self._members["name"], self._members["code"]))}
        close = difflib.get_close_matches(text, list(spellings), n=10, cutoff=0.5)
        raise NotFound("Member", query, list(dict.fromkeys(self.name_of(spellings[n]) for n in close))[:5])

    def member(self, query: str) -> Member:
        """A member by code or any name it has had: ``rec.member('USSR').code == 'SUN'``."""
        code = self.member_code(query)
        row = self._members.filter(pl.col("code") == code).row(0, named=True)
        names = sorted(set(self._names.filter(pl.col("code") == code)["name"]))
        return Member(code=code, name=row["name"], names=names, admitted=row.get("admitted"), left=row.get("left"),
                      successor=row.get("successor"), regional_group=row.get("regional_group"))

    def name_of(self, code: str) -> str:
        hit = self._members.filter(pl.col("code") == code)
        return hit["name"][0] if hit.height else code

    # --- decisions -----------------------------------------------------------------------------------------------
    def decision(self, query: str) -> Decision:
        """A decision by resolution symbol, draft symbol or id (spacing and case do not matter).

        >>> rec.decision("S/RES/2397(2017)").tally
        '15-0-0'
        """
        key = symbol_key(query)
        rows = self._symbol_index.get(key)
        bare = re.fullmatch(r"(?:S/RES/)?(\d+)", key)
        if not rows and bare:  # "S/RES/2397" or "2397": a Council resolution without its year
            rows = self._symbol_index.get(f"SC-RES-{int(bare.group(1))}")
        if not rows:
            raise NotFound("Decision", query, self._closest_symbols(key))
        # Several roll calls can share a symbol (amendment and paragraph votes before the vote on the whole):
        # the vote on the resolution as a whole is the one a user means.
        frame = self._decisions[rows]
        frame = frame.with_columns(_rank=pl.when(pl.col("kind") == "resolution").then(0).otherwise(1))
        row = frame.sort(["_rank", "date"], descending=[False, True]).drop("_rank").row(0, named=True)
        return self._make_decision(row)

    def decisions_for(self, query: str) -> pl.DataFrame:
        """Every roll call under a symbol (a resolution's amendment, paragraph and final votes)."""
        rows = self._symbol_index.get(symbol_key(query))
        if not rows:
            raise NotFound("Decision", query, self._closest_symbols(symbol_key(query)))
        return self._decisions[rows].sort("date")

    def _closest_symbols(self, key: str) -> list[str]:
        keys = [k for k in self._symbol_index if k[:2] == key[:2]] or list(self._symbol_index)
        close = difflib.get_close_matches(key, keys, n=5, cutoff=0.6)
        return [self._label(self._symbol_index[k][0]) for k in close]

    def _label(self, i: int) -> str:
        row = self._decisions.row(i, named=True)
        return row["symbol"] or row["draft"] or row["id"]

    def _make_decision(self, row: dict[str, Any]) -> Decision:
        votes = self._votes_of(row["id"])
        names = self._members.select(pl.col("code").alias("member"), "name")
        votes = votes.join(names, on="member", how="left").select("member", "name", "vote").sort("member")
        return Decision(id=row["id"], body=row["body"], date=row["date"], symbol=row["symbol"], draft=row["draft"],
                        title=row["title"], outcome=row["outcome"], yes=row["yes"], no=row["no"],
                        abstain=row["abstain"], non_voting=row["non_voting"], vetoed_by=list(row["vetoed_by"] or []),
                        row=row, votes=votes)

    def _votes_of(self, decision_id: str) -> pl.DataFrame:
        if self._votes is not None:
            return self._votes.filter(pl.col("decision_id") == decision_id)
        # Cold path: let Parquet statistics skip the row groups of other decisions.
        return (pl.scan_parquet(self.path / "votes.parquet")
                .filter(pl.col("decision_id") == decision_id).collect())

    def decisions(self, body: str | None = None, start: str | date | None = None, end: str | date | None = None,
                  issue: str | None = None, outcome: str | None = None, kind: str | None = None,
                  session: int | None = None) -> pl.DataFrame:
        """Decisions filtered by body (``GA``/``SC``), date range, issue code, outcome, kind and GA session.

        >>> rec.decisions(body="SC", start="2022", end="2022", outcome="vetoed")["draft"].to_list()
        ['S/2022/155', 'S/2022/431', 'S/2022/538', 'S/2022/720']
        """
        return self._decisions.filter(self._filters(body, start, end, issue, outcome, kind, session)).sort("date", "id")

    def _filters(self, body, start, end, issue, outcome, kind, session) -> pl.Expr:
        cond = pl.lit(True)
        if body is not None:
            b = body.upper()
            if b not in ("GA", "SC"):
                raise UserError(f"Unknown body {body!r}: use GA or SC.")
            cond &= pl.col("body") == b
        if start is not None:
            cond &= pl.col("date") >= parse_date(start, "start date")
        if end is not None:
            cond &= pl.col("date") <= end_of(end)
        if issue is not None:
            cond &= pl.col("issues").list.contains(issue.lower())
        if outcome is not None:
            if outcome not in ("adopted", "failed", "vetoed"):
                raise UserError(f"Unknown outcome {outcome!r}: use adopted, failed or vetoed.")
            cond &= pl.col("outcome") == outcome
        if kind is not None:
            cond &= pl.col("kind") == kind
        if session is not None:
            cond &= pl.col("session") == session
        return cond

    def all_votes(self) -> pl.DataFrame:
        """Every member's vote on every decision (about a million rows), loaded once and kept."""
        if self._votes is None:
            self._votes = self._table("votes")
        return self._votes

    def votes(self, body: str | None = None, start: str | date | None = None, end: str | date | None = None,
              member: str | None = None, issue: str | None = None, outcome: str | None = None,
              kind: str | None = None, session: int | None = None) -> pl.DataFrame:
        """Member votes joined to their decision, filtered like :meth:`decisions` and by member.

        >>> rec.votes(member="North Korea", body="GA", start="2014-12-18", end="2014-12-18").height > 0
        True
        """
        chosen = self.decisions(body, start, end, issue, outcome, kind, session).select(
            pl.col("id").alias("decision_id"), "body", "date", "session", "symbol", "draft", "kind", "outcome", "title")
        votes = self.all_votes()
        if member is not None:
            votes = votes.filter(pl.col("member") == self.member_code(member))
        return votes.join(chosen, on="decision_id", how="inner").sort("date", "decision_id", "member")

    # --- search, SQL and the rest --------------------------------------------------------------------------------
    def search(self, text: str, limit: int = 20, body: str | None = None) -> pl.DataFrame:
        """Decisions whose title, symbol or agenda holds every word of ``text`` (case-insensitive), newest first."""
        words = [w for w in re.findall(r"\w+", text.lower()) if w]
        if not words:
            raise UserError("Give at least one word to search for.")
        hay = pl.concat_str([pl.col("title").fill_null(""), pl.col("symbol").fill_null(""),
                             pl.col("draft").fill_null(""), pl.col("agenda").fill_null("")], separator=" ").str.to_lowercase()
        cond = pl.lit(True)
        for w in words:
            cond &= hay.str.contains(re.escape(w), literal=False)
        out = self._decisions.filter(cond)
        if body:
            out = out.filter(pl.col("body") == body.upper())
        return out.sort("date", descending=True).head(limit)

    def sc_seats(self) -> pl.DataFrame:
        """Who sat on the Security Council when: member, start, end, permanent."""
        return self._table("sc_seats")

    def ideal_points(self, member: str | None = None) -> pl.DataFrame:
        """GA ideal points per member and session (code, session, ideal_point, se, lower, upper, n_votes), fitted at
        build time by :class:`unvote.analysis.ideal_points.IdealPoints`. Historical seats keep their own codes (the
        USSR is SUN, the Russian Federation RUS from session 46).

        >>> rec.ideal_points("United States").filter(pl.col("session") == 77)["ideal_point"].item() > 1
        True
        """
        points = self._table("ideal_points")
        if member is not None:
            points = points.filter(pl.col("code") == self.member_code(member))
        return points

    def quality(self) -> pl.DataFrame:
        """The data-quality report: every disagreement between sources and the rule that settled it."""
        return self._table("quality")

    def sql(self, query: str, limit: int = MAX_SQL_ROWS, timeout: float | None = None) -> pl.DataFrame:
        """Run one read-only SQL query (DuckDB) over the tables ``decisions``, ``votes``, ``members``, … .

        At most ``limit`` rows; with ``timeout`` (seconds) a longer query is stopped with a :class:`UserError`.
        Safe to call from several threads: they take turns on the one connection.

        >>> rec.sql("select count(*) as n from decisions where body = 'SC' and outcome = 'vetoed'").item()
        218
        """
        import duckdb

        try:
            statements = duckdb.extract_statements(query)
        except duckdb.Error as exc:
            raise UserError(f"The SQL could not be parsed: {_duckdb_message(exc)}") from None
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            raise UserError("Only a single read-only SELECT query is allowed.")
        with self._sql_lock:
            con = self._sql_connection()
            timed_out = threading.Event()
            timer = threading.Timer(timeout, lambda: (timed_out.set(), con.interrupt())) if timeout else None
            if timer:
                timer.start()
            try:
                return con.sql(query).limit(limit).pl()
            except duckdb.Error as exc:
                if timed_out.is_set():
                    raise UserError(f"The SQL query ran longer than {timeout:g} s and was stopped.") from None
                raise UserError(f"The SQL query failed: {_duckdb_message(exc)}") from None
            finally:
                if timer:
                    timer.cancel()

    def _sql_connection(self):
        import duckdb

        if self._sql is None:
            con = duckdb.connect(":memory:")
            for name in TABLES:
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{self.path / (name + '.parquet')}')")
            # Read-only for users: no files, no network, and the settings cannot be turned back.
            con.execute("SET enable_external_access = false")
            # A runaway query (repeat('x', 1e9)) must fail, not take the machine's memory with it.
            con.execute("SET memory_limit = '1GB'")
            con.execute("SET lock_configuration = true")
            self._sql = con
        return self._sql

    def __repr__(self) -> str:
        counts = self.manifest.get("counts", {})
        return f"<Record {self.path} decisions={counts.get('decisions')} votes={counts.get('votes')}>"


def _duckdb_message(exc: Exception) -> str:
    """DuckDB's first line as the end of a sentence (its messages end in "!")."""
    return str(exc).splitlines()[0].rstrip(".! ") + "."


def open(path: str | Path | None = None) -> Record:  # noqa: A001 - the public name users expect: unvote.open()
    """Open the bundled snapshot, or the snapshot directory at ``path``."""
    return Record(path)
