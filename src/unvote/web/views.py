"""What each page shows, as plain JSON-ready dicts: the HTML pages and their ``/api`` twins render the same dict.

>>> import unvote
>>> rec = unvote.open()
>>> decision_view(rec, "A/RES/69/188")["yes"]
116
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

import polars as pl

from unvote.charter.composition import council_on
from unvote.charter.outcome import Outcome, outcome
from unvote.charter.permanent import EVER_PERMANENT
from unvote.charter.presidency import president
from unvote.charter.procedural import is_procedural
from unvote.charter.simulate import compose, simulate
from unvote.dates import as_month, parse_date
from unvote.errors import UserError
from unvote.record import Decision, Record

UNDL_RECORD_URL = "https://digitallibrary.un.org/record/{}"
VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstain", "X": "did not vote"}
MAX_PER_PAGE = 500
MAX_SEARCH_RESULTS = 5000


def _rules_outcome(decision: Decision) -> Outcome | None:
    """The rules' verdict on a decision's votes (member by member when known, else its tally); None without a tally."""
    votes = dict(zip(decision.votes["member"], decision.votes["vote"]))
    procedural = is_procedural(decision.id, decision.row["kind"])  # no veto on a procedural question (Art. 27(2))
    try:
        if votes:
            return outcome(decision.body, decision.date, votes=votes, procedural=procedural)
        if decision.yes is None or decision.no is None:
            return None
        tally = (decision.yes, decision.no, decision.abstain or 0, decision.non_voting or 0)
        if decision.body == "SC":
            return outcome("SC", decision.date, tally=tally, permanent_against=decision.vetoed_by,
                           procedural=procedural)
        return outcome("GA", decision.date, tally=tally)
    except UserError:
        # A vote the rules cannot judge (e.g. a Council seat count the charter module does not know): show no verdict.
        return None


def _outcome_dict(result: Outcome | None, record: Record) -> dict[str, Any] | None:
    if result is None:
        return None
    data = result.to_dict()
    data["vetoed_by_names"] = [record.name_of(code) for code in result.vetoed_by]
    return data


def decision_view(record: Record, symbol: str) -> dict[str, Any]:
    """The decision page: the record's row, its votes, the rules' outcome and explanation, and links to sources."""
    decision = record.decision(symbol)
    data = decision.to_dict()
    data["label"] = decision.label
    data["vetoed_by_names"] = [record.name_of(code) for code in decision.vetoed_by]
    data["undl_url"] = UNDL_RECORD_URL.format(int(data["undl_record"])) if data.get("undl_record") else None
    data["rules"] = _outcome_dict(_rules_outcome(decision), record)
    return data


def search_view(record: Record, query: str, limit: int = 20, page: int = 1) -> dict[str, Any]:
    """Decisions whose title, symbol or agenda hold every word (newest first, ``limit`` a page), and members whose code
    or any name matches.

    >>> search_view(rec, "USSR")["members"]
    [{'code': 'SUN', 'name': 'Union of Soviet Socialist Republics'}]
    """
    text = query.strip()
    if not text:
        raise UserError("Give at least one word to search for.")
    if page < 1 or not 1 <= limit <= 200 or page * limit > MAX_SEARCH_RESULTS:
        raise UserError(f"Search results come 1 to 200 a page, up to the first {MAX_SEARCH_RESULTS:,}.")
    try:
        # One more than the page needs, to tell whether another page follows.
        frame = record.search(text, limit=page * limit + 1)
    except UserError:
        frame = record.decisions().head(0)  # no words, only punctuation: no decisions, maybe a member code
    more = frame.height > page * limit
    decisions = [{"label": r["symbol"] or r["draft"] or r["id"], "body": r["body"], "date": r["date"].isoformat(),
                  "title": r["title"] or r["agenda"] or "", "outcome": r["outcome"],
                  "tally": f"{r['yes']}-{r['no']}-{r['abstain']}"}
                 for r in frame.slice((page - 1) * limit, limit).iter_rows(named=True)]
    members = _matching_members(record, text) if page == 1 else []
    return {"query": text, "page": page, "limit": limit, "more": more, "decisions": decisions, "members": members}


def _matching_members(record: Record, text: str) -> list[dict[str, str]]:
    folded = text.casefold()
    found: dict[str, str] = {}
    try:
        code = record.member_code(text)
        found[code] = record.name_of(code)
    except UserError:
        pass
    for row in record.members().iter_rows(named=True):
        if folded in row["name"].casefold():
            found.setdefault(row["code"], row["name"])
    for row in record.member_names().iter_rows(named=True):  # every name a member has had
        if folded in row["name"].casefold():
            found.setdefault(row["code"], record.name_of(row["code"]))
    return [{"code": code, "name": name} for code, name in list(found.items())[:20]]


def member_view(record: Record, name: str) -> dict[str, Any]:
    """A member: its names, dates, and how often it voted yes, no, abstained or was absent in each body."""
    member = record.member(name)
    votes = record.votes(member=member.code)
    summary: dict[str, dict[str, int]] = {}
    for body, vote, n in votes.group_by(["body", "vote"]).len().iter_rows():
        summary.setdefault(body, {"Y": 0, "N": 0, "A": 0, "X": 0})[vote] = n
    data = member.to_dict()
    data["summary"] = summary
    data["votes_total"] = votes.height
    data["first_vote"] = votes["date"].min().isoformat() if votes.height else None
    data["last_vote"] = votes["date"].max().isoformat() if votes.height else None
    return data


def member_votes(record: Record, name: str, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """One page of a member's votes, newest first."""
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise UserError(f"Pages start at 1 and hold 1 to {MAX_PER_PAGE} rows.")
    code = record.member_code(name)
    votes = record.votes(member=code).sort("date", descending=True)
    rows = votes.slice((page - 1) * per_page, per_page).select(
        "date", "body", pl.coalesce("symbol", "draft", "decision_id").alias("label"), "title", "vote", "outcome")
    return {"member": code, "page": page, "per_page": per_page, "total": votes.height,
            "rows": [{**r, "date": r["date"].isoformat()} for r in rows.iter_rows(named=True)]}


def rows_as_csv(rows: list[dict[str, Any]]) -> str:
    """Rows of a table as CSV text (header from the first row's keys)."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def council_view(month: str) -> dict[str, Any]:
    """The Security Council in a month (``YYYY-MM``): members on its first day, the president and the threshold."""
    year, number = as_month(month)
    if not 1946 <= year <= 2100:
        raise UserError(f"{month!r} is outside the Council's history; give a month from 1946-01 on.")
    council = council_on(f"{year:04d}-{number:02d}-01")
    data = council.to_dict()
    data["month"] = f"{year:04d}-{number:02d}"
    try:
        data["president"], data["president_unknown"] = president(data["month"]).to_dict(), None
    except UserError as exc:
        # 1946 (presidencies ran mid-month to mid-month) or a year whose elected members are not all known: the
        # members still show, with the reason the president cannot be given.
        data["president"], data["president_unknown"] = None, str(exc)
    return data


def simulate_view(record: Record, symbol: str | None, changes: Mapping[str, str],
                  date: str | None = None, body: str = "SC") -> dict[str, Any]:
    """A decision's votes (or, given only ``date``, a draft of that day in the Security Council or the General Assembly
    with every member voting yes) with some members' votes changed, and what the rules make of them, before and after,
    with the members whose single change of vote would flip the result.

    >>> simulate_view(rec, None, {"CHN": "N"}, "2022-05-26")["simulated"]["vetoed_by_names"]
    ['China']
    """
    if symbol and symbol.strip():
        decision = record.decision(symbol)
        sim = simulate(decision, changes)
        label, title = decision.label, decision.title or decision.row.get("agenda") or ""
    elif date and date.strip():
        on = parse_date(date, "date")
        if not dt.date(1946, 1, 1) <= on <= dt.date.today():
            raise UserError(f"Compose a draft dated from 1946 to today, not {on.isoformat()}.")
        if body not in ("SC", "GA"):
            raise UserError(f"Compose a draft for the SC or the GA, not {body!r}.")
        sim = simulate(compose(on, body=body), changes)
        where = "Security Council" if body == "SC" else "General Assembly"
        label, title = f"A {where} draft of {on.isoformat()}", "Every member votes yes unless you change it."
    else:
        raise UserError("Give a decision's symbol, or a date for a Security Council draft.")
    original = sim.draft.votes
    votes = {**original, **sim.changes}
    return {"symbol": label, "body": sim.draft.body, "date": sim.draft.date.isoformat(), "title": title,
            "composed": not (symbol and symbol.strip()),
            "votes": [{"member": c, "name": record.name_of(c), "vote": v, "changed": v != original[c]}
                      for c, v in votes.items()],
            "recorded": _outcome_dict(sim.recorded or sim.outcome, record),
            "simulated": _outcome_dict(sim.outcome, record),
            "pivotal": [{"member": p.member, "name": p.name, "vote": p.vote, "to": p.to, "status": p.status}
                        for p in sim.pivotal]}


# --- member page: votes over time, agreement, ideal points, Council terms ---------------------------------------

MAX_PARTNERS = 8
MIN_SHARED_VOTES = 10


def votes_by_year(record: Record, name: str) -> dict[str, Any]:
    """A member's General Assembly votes counted by year and kind: the "votes over time" chart and its table.

    >>> votes_by_year(rec, "North Korea")["rows"][0]["year"]
    1991
    """
    code = record.member_code(name)
    votes = record.votes(body="GA", member=code)
    counts = (votes.group_by(pl.col("date").dt.year().alias("year"), "vote").len()
              .pivot(on="vote", index="year", values="len").fill_null(0).sort("year"))
    rows = [{"year": r["year"], **{v: int(r.get(v, 0) or 0) for v in "YNAX"}} for r in counts.iter_rows(named=True)]
    for r in rows:
        cast = r["Y"] + r["N"] + r["A"]
        r["yes_share"] = round(r["Y"] / cast, 4) if cast else None
    return {"member": code, "rows": rows}


def agreement_view(record: Record, name: str, partners: tuple[str, ...] = (), measure: str = "voeten") -> dict[str, Any]:
    """Yearly agreement in the General Assembly between a member and the permanent members plus chosen partners.

    >>> view = agreement_view(rec, "PRK", partners=("Japan",))
    >>> view["partners"], sorted(s["member"] for s in view["series"])
    (['JPN'], ['CHN', 'FRA', 'GBR', 'JPN', 'RUS', 'SUN', 'USA'])
    """
    from unvote.analysis.agreement import agreement, check_measure

    check_measure(measure)
    if len(partners) > MAX_PARTNERS:
        raise UserError(f"Choose at most {MAX_PARTNERS} partners.")
    code = record.member_code(name)
    chosen = tuple(dict.fromkeys(record.member_code(p) for p in partners if p.strip()))
    # Every code that held a permanent seat: TWN and SUN vote only in their own years, so each line stops where it should.
    votes = record.all_votes().filter(pl.col("member").is_in([code, *EVER_PERMANENT, *chosen]))
    ga = record.decisions(body="GA").select(pl.col("id").alias("decision_id"), "date", "session")
    # A pair compared on fewer than ten votes in a year (a late admission, a partial year) says little.
    table = agreement(votes.join(ga, on="decision_id", how="inner"), by="year", min_votes=MIN_SHARED_VOTES)
    if table.is_empty():
        table = pl.DataFrame(schema={"year": pl.Int32, "member": pl.String, "other": pl.String, "n": pl.Int32,
                                     measure: pl.Float64})
    mine = table.filter((pl.col("member") == code) & (pl.col("other") != code)).sort("other", "year")
    series = {other: [(r["year"], round(r[measure], 4), r["n"]) for r in group.iter_rows(named=True)]
              for (other,), group in mine.group_by("other", maintain_order=True)}
    return {"member": code, "measure": measure, "partners": list(chosen),
            "series": [{"member": other, "name": record.name_of(other),
                        "points": [{"year": y, "value": v, "n": n} for y, v, n in points]}
                       for other, points in series.items()]}


def council_terms(record: Record, name: str) -> dict[str, Any]:
    """A member's seats on the Security Council and the months it presided.

    >>> council_terms(rec, "Japan")["terms"][-1]
    {'start': '2023-01-01', 'end': '2024-12-31', 'permanent': False}
    """
    from unvote.charter.presidency import presidencies

    code = record.member_code(name)
    seats = record.sc_seats().filter(pl.col("member") == code).sort("start")
    months = presidencies().filter(pl.col("member") == code)
    return {"member": code,
            "terms": [{"start": r["start"].isoformat(), "end": r["end"].isoformat(), "permanent": r["permanent"]}
                      for r in seats.iter_rows(named=True)],
            "presidencies": [{"month": r["month"], "basis": r["basis"], "source": r["source"]}
                             for r in months.iter_rows(named=True)]}


def ideal_points_view(record: Record, name: str) -> dict[str, Any]:
    """A member's estimated General Assembly ideal point per session, with its interval (``lower``..``upper``).

    >>> ideal_points_view(rec, "PRK")["rows"][0]["session"]
    46
    """
    code = record.member_code(name)
    # The snapshot keeps them rounded to 4 decimals (byte-identical rebuilds), as a page shows them.
    frame = record.ideal_points(member=code).sort("session").select("session", "ideal_point", "lower", "upper", "n_votes")
    return {"member": code, "rows": frame.to_dicts()}


# --- vetoes ------------------------------------------------------------------------------------------------------

def vetoes_view(record: Record, member: str | None = None, decade: int | None = None, page: int = 1,
                per_page: int = 50) -> dict[str, Any]:
    """One page of the veto history (newest first), optionally only one member's vetoes or one decade's, with the
    counts by member and the General Assembly's follow-up.

    >>> [r["draft"] for r in vetoes_view(rec, member="USA", decade=2010)["rows"]]
    ['S/2018/516', 'S/2017/1060', 'S/2011/24']
    """
    from unvote.charter.vetoes import veto_history

    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise UserError(f"Pages start at 1 and hold 1 to {MAX_PER_PAGE} rows.")
    if decade is not None and (decade % 10 or not 1940 <= decade <= 2090):
        raise UserError(f"A decade is written like 1940 or 2010, from 1940 on, not {decade}.")
    code = record.member_code(member) if member and member.strip() else None
    history = veto_history(record, member=code, decade=decade).to_dict()
    rows = list(reversed(history["vetoes"]))
    for r in rows:
        r["vetoed_by_names"] = [record.name_of(c) for c in r["vetoed_by"]]
    return {"member": code, "decade": decade, "page": page, "per_page": per_page, "total": len(rows),
            "rows": rows[(page - 1) * per_page: page * per_page], "by_member": history["by_member"],
            "ga_follow_up": history["ga_follow_up"]}


# --- forecast ----------------------------------------------------------------------------------------------------

FORECAST_KINDS = ("resolution", "amendment", "paragraph", "procedural", "other")
ISSUES = {"hr": "human rights", "me": "Middle East", "di": "disarmament", "nu": "nuclear weapons",
          "co": "colonialism", "ec": "economic development"}
MAX_DRAFT_TEXT = 2000


def forecast_view(record: Record, body: str, date: str, title: str = "", agenda: str = "",
                  sponsors: tuple[str, ...] = (), previous: str = "", issues: tuple[str, ...] = (),
                  kind: str = "resolution", important: bool = False) -> dict[str, Any]:
    """Each member's vote probabilities and the outcome probabilities for a described draft (fitted on the record
    before its date)."""
    from unvote.forecast.api import forecast_draft
    from unvote.forecast.draft import Draft

    on = parse_date(date, "draft date")
    last = dt.date.fromisoformat(record.manifest["coverage"]["last_record"])
    if not dt.date(1946, 2, 1) <= on <= last.replace(year=last.year + 5):
        raise UserError(f"Forecast a draft dated from February 1946 to {last.year + 5}; {on.isoformat()} is outside.")
    if kind not in FORECAST_KINDS:
        raise UserError(f"A draft's kind is one of {', '.join(FORECAST_KINDS)}, not {kind!r}.")
    unknown = [i for i in issues if i not in ISSUES]
    if unknown:
        raise UserError(f"Unknown issue code(s) {', '.join(unknown)}; use {', '.join(ISSUES)}.")
    if len(title) > MAX_DRAFT_TEXT or len(agenda) > MAX_DRAFT_TEXT:
        raise UserError(f"Keep the title and the agenda item under {MAX_DRAFT_TEXT} characters each.")
    codes = tuple(dict.fromkeys(record.member_code(s) for s in sponsors if s.strip()))
    earlier = record.decision(previous).label if previous.strip() else None
    draft = Draft(body=body, date=on, title=title.strip(), agenda=agenda.strip(), issues=tuple(issues),
                  sponsors=codes, previous=earlier, kind=kind, important=important)
    data = forecast_draft(record, draft).to_dict()
    names = data["outcome"].get("p_veto_by") or {}
    data["outcome"]["veto_by_names"] = {record.name_of(c): p for c, p in names.items()}
    return data


# --- article checker ---------------------------------------------------------------------------------------------

MAX_ARTICLE = 100_000
VERDICT_RANK = {"contradicted": 3, "not in the record": 2, "supported": 1, "forecast": 0}


def check_view(record: Record, text: str, date: str | None = None) -> dict[str, Any]:
    """The checker's report on an article, plus the article cut into segments for highlighting: each segment lists
    the statements that cover it and the strongest verdict among them (contradicted over not in the record over
    supported), since statements can overlap."""
    from unvote.news import check

    if not text.strip():
        raise UserError("Paste the text of an article to check.")
    if len(text) > MAX_ARTICLE:
        raise UserError(f"The article is longer than {MAX_ARTICLE:,} characters; check it in parts.")
    published = parse_date(date, "publication date") if date and date.strip() else None
    report = check(text, date=published, record=record).to_json()
    report["segments"] = highlight_segments(report["text"], report["statements"])
    return report


def highlight_segments(text: str, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``text`` cut at every statement boundary: ``{"text", "statements" (1-based numbers), "verdict"}`` per piece.

    >>> highlight_segments("China vetoed it.", [{"start": 0, "end": 12, "verdict": "supported"},
    ...                                         {"start": 6, "end": 12, "verdict": "contradicted"}])[1]
    {'text': 'vetoed', 'statements': [1, 2], 'verdict': 'contradicted'}
    """
    cuts = sorted({0, len(text), *(s["start"] for s in statements), *(s["end"] for s in statements)})
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        covering = [i for i, s in enumerate(statements, 1) if s["start"] <= a and b <= s["end"]]
        verdict = max((statements[i - 1]["verdict"] for i in covering), key=lambda v: VERDICT_RANK.get(v, 0), default=None)
        segments.append({"text": text[a:b], "statements": covering, "verdict": verdict})
    return segments
