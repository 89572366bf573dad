"""Statements about a vote still to come, set against the forecaster and the rules.

A story written before a vote says what will happen ("will put the draft to a vote on Thursday", "China and Russia
are expected to veto"). The record cannot support or contradict that, so such a statement gets its own verdict,
``forecast``: the checker builds the draft the story describes (body, the story's date, the item it is about, its
sponsor), asks :func:`unvote.forecast.api.forecast_draft` for P(adopted), P(vetoed) and by whom, and adds the rules
in force that day (who presides over the Council that month, who holds a veto). Whether the forecaster agrees with the
story is said in words and in ``agrees``; what the record shows came after is given as hindsight, never used by the
forecast (the model is fitted on decisions before the story's date only).

>>> import unvote
>>> from datetime import date
>>> from unvote.news.statements import find_claims
>>> story = "The United States will put a draft on North Korea sanctions to a vote in the Security Council."
>>> [claim] = [c for c in find_claims(story, date(2022, 5, 25)) if c.kind == "forecast"]
>>> draft = foreseen_draft(claim, unvote.open(), date(2022, 5, 25), [])
>>> (draft.body, draft.sponsors, "Korea" in draft.agenda)
('SC', ('USA',), True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

import polars as pl

from unvote.charter.names import short_name
from unvote.charter.permanent import permanent_members
from unvote.charter.presidency import president
from unvote.errors import NotFound, UserError
from unvote.forecast.draft import Draft
from unvote.members import historical_code
from unvote.news.linking import _ANOTHER, claim_body, names_subject, subject_text, subject_words
from unvote.news.mention import Mention
from unvote.news.mentions import TOPIC_ISSUES
from unvote.news.statements import Claim
from unvote.record import Record

if TYPE_CHECKING:
    from unvote.forecast.api import Forecast

# Words a topic puts in the title of the drafts it is about (GA titles; Council agenda items rarely carry them).
_TOPIC_WORDS = {"human_rights": "human rights", "nuclear": "nuclear", "sanctions": "sanction",
                "humanitarian": "humanitarian", "ceasefire": "ceasefire"}
# "The United States will put…", "a U.S.-drafted text", "drafted by France", "Britain, the penholder".
_SPONSOR_VERB = re.compile(r"\s*(?:will |would |plans to |intends to |is set to |has )?(?:put|table|tabled|circulat"
                           r"|draft|submit|propos|introduc|push|present)")
_SPONSOR_AFTER = re.compile(r"\b(?:drafted|tabled|sponsored|circulated|proposed|put forward|penned) by\s+$")
_SPONSOR_HYPHEN = re.compile(r"^-(?:drafted|sponsored|led|proposed|authored)\b")
# "a rival Russian draft", "the French text".
_SPONSOR_ADJECTIVE = re.compile(r"^\s+(?:own |new |revised )?(?:draft|text|resolution|proposal)\b")
_HINDSIGHT_DAYS = 60


@dataclass
class ForecastCheck:
    """What the checker says about a statement of the future: the draft, the forecast and the rules that day."""

    draft: Draft | None
    forecast: Forecast | None
    evidence: list[str] = field(default_factory=list)
    cannot_show: list[str] = field(default_factory=list)
    agrees: bool | None = None
    contradicted_by_rules: bool = False
    president: dict | None = None
    veto_holders: list[str] = field(default_factory=list)
    followed_by: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """The forecast's JSON: draft, probabilities, the month's president, veto holders, agreement, hindsight."""
        out: dict = {"draft": self.draft.to_dict() if self.draft else None, "agrees": self.agrees,
                     "president": self.president, "veto_holders": self.veto_holders,
                     "followed_by": self.followed_by}
        if self.forecast is not None:
            o = self.forecast.outcome
            out.update(p_adopted=round(o.p_adopted, 4), p_vetoed=round(o.p_vetoed, 4), p_failed=round(o.p_failed, 4),
                       p_veto_by={k: round(v, 4) for k, v in o.p_veto_by.items()},
                       expected_tally={k: round(v, 2) for k, v in o.expected_tally.items()},
                       explanation=o.explanation, model_version=self.forecast.model_version, seed=self.forecast.seed)
        return out


def forecast_day(claim: Claim, published: date | None) -> date | None:
    """The day the forecast is made for: the story's date (the forecaster then reads only what came before it).

    A story without a date is forecast on the day its statement names, if any."""
    if published is not None:
        return published
    days = [m.value for m in claim.of_kind("date", carry=False)]
    return days[0][0] if days else None


def foreseen_draft(claim: Claim, rec: Record, published: date | None, article_mentions: list[Mention]) -> Draft | None:
    """The draft a statement of the future is about, built from what the story says, or ``None`` when it says too
    little (no body that votes, no date, no item the record knows)."""
    body = _forecast_body(claim)
    on = forecast_day(claim, published)
    if body is None or on is None:
        return None
    mentions = list(article_mentions) or list(claim.mentions + claim.context)
    earlier = _earlier_version(claim, rec, body, on, mentions)
    if earlier is None:
        return None
    topics = [m.value for m in mentions if m.kind == "topic"]
    issues = tuple(dict.fromkeys(TOPIC_ISSUES[t] for t in topics if t in TOPIC_ISSUES))
    issues = issues or tuple(earlier["issues"] or ())
    return Draft(body=body, date=on, title=earlier["title"] or "", agenda=earlier["agenda"] or "", issues=issues,
                 sponsors=_sponsors(claim, mentions), previous=earlier["named"],
                 important=bool(earlier["important"]) if body == "GA" else False)


def check_forecast(claim: Claim, rec: Record, published: date | None, article_mentions: list[Mention],
                   compute: bool = True, earlier: Draft | None = None) -> ForecastCheck:
    """The draft, the forecast for it, the rules on that day and whether the forecaster agrees with the story.

    With ``compute=False`` the draft and the rules are given but the forecaster is not run (it fits a model on the
    record before the story's date, which takes seconds)."""
    on = forecast_day(claim, published)
    body = _forecast_body(claim)
    out = ForecastCheck(None, None)
    out.cannot_show.append("A forecast is about a vote not yet held when the story was written: the record cannot "
                           "support or contradict it, and the negotiations behind it are not recorded.")
    if on is None:
        out.cannot_show.append("No date to forecast on (give --date).")
        return out
    if body == "SC" or claim.value == "veto":
        _council_rules(claim, on, out)
    if body is not None and body.startswith("GA-C"):
        out.cannot_show.append("The forecaster models plenary and Council votes, not committee votes; the forecast "
                               "is for the plenary vote that follows.")
    draft = foreseen_draft(claim, rec, published, article_mentions)
    if draft is None:
        out.cannot_show.append("The story does not say enough (which body, which item) to build the draft to "
                               "forecast.")
        return out
    draft = same_draft(draft, earlier, claim)
    out.draft = draft
    out.followed_by, hindsight = _hindsight(rec, draft, on)
    if not compute:
        out.cannot_show.append("The forecast was not computed (forecasts off).")
        out.evidence.extend(hindsight)
        return out
    from unvote.forecast.api import forecast_draft  # on first use: `unvote` commands would pay for it at start-up

    try:
        # A story may foresee the same vote in several sentences: the fit behind each is kept by forecast.api.
        forecast = forecast_draft(rec, draft)
    except UserError as error:
        out.cannot_show.append(f"The forecaster could not forecast this draft: {error}")
        out.evidence.extend(hindsight)
        return out
    out.forecast = forecast
    o = forecast.outcome
    item = draft.agenda or draft.title
    odds = f"P(adopted) {o.p_adopted:.2f}"
    if draft.body == "SC":
        by = ", ".join(f"{short_name(c)} {p:.2f}" for c, p in o.p_veto_by.items() if p >= 0.01)
        odds += f", P(vetoed) {o.p_vetoed:.2f}" + (f" (by {by})" if by else "")
    sponsors = ", ".join(short_name(s) for s in draft.sponsors)
    out.evidence.append(f"Forecast (unvote.forecast {forecast.model_version}, fitted on the record before {on}) for a "
                        f"{draft.body} draft on “{item}”" + (f" sponsored by {sponsors}" if sponsors else "")
                        + f": {odds}.")
    if o.explanation:
        out.evidence.append(f"Why: {o.explanation}")
    _agreement(claim, forecast, on, out)
    out.evidence.extend(hindsight)
    return out


def same_draft(draft: Draft, earlier: Draft | None, claim: Claim) -> Draft:
    """The draft an earlier forecast in the story described, when this statement is about the same one: same body,
    day and item, no sponsor of its own, and no "rival" or "another" text ("China and Russia are expected to veto
    the draft" after "The United States will put a draft … to a vote")."""
    if earlier is None or draft.sponsors or _ANOTHER.search(claim.sentence.text):
        return draft
    def item(d: Draft) -> tuple:
        return d.body, d.date, d.agenda, d.title

    if item(earlier) == item(draft):
        return earlier
    return draft


def _forecast_body(claim: Claim) -> str | None:
    body = claim_body(claim)
    if claim.value == "veto":
        return "SC"  # only the Security Council has a veto
    if body is None:
        return None
    if body.startswith("GA-C"):
        return "GA"
    return body if body in ("SC", "GA") else None


def _council_rules(claim: Claim, on: date, out: ForecastCheck) -> None:
    permanent = list(permanent_members(on))
    out.veto_holders = permanent
    out.evidence.append(f"Veto holders on {on} (the permanent members): {', '.join(short_name(c) for c in permanent)}.")
    try:
        p = president(on)
        out.president = p.to_dict()
        out.evidence.append(f"President of the Security Council in {p.label}: {p.name}.")
    except UserError:
        pass
    if claim.value == "veto":
        for code in claim.members:
            if historical_code(code, on) not in permanent:
                out.contradicted_by_rules = True
                out.evidence.append(f"{short_name(code)} is not a permanent member on {on}, so it has no veto to cast.")


def _agreement(claim: Claim, forecast: Forecast, on: date, out: ForecastCheck) -> None:
    """Say whether the forecaster expects what the story expects (a probability of at least one half)."""
    o = forecast.outcome
    negated = bool(re.search(r"\bunlikely\b", claim.text))
    expected: list[tuple[str, float]] = []
    if claim.value == "veto":
        codes = [historical_code(c, on) for c in claim.members] if claim.members else []
        if codes:
            expected = [(f"{short_name(c)} vetoes", o.p_veto_by.get(c, 0.0)) for c in codes if c in out.veto_holders]
        else:
            expected = [("the draft is vetoed", o.p_vetoed)]
    elif claim.value == "adopt":
        expected = [("the draft is adopted", o.p_adopted)]
    elif claim.value == "fail":
        expected = [("the draft fails", o.p_failed + o.p_vetoed)]
    elif claim.value in ("Y", "N", "A") and claim.members:
        column = {"Y": "p_yes", "N": "p_no", "A": "p_abstain"}[claim.value]
        word = {"Y": "votes yes", "N": "votes no", "A": "abstains"}[claim.value]
        table = forecast.members
        for code in claim.members:
            row = table.filter(pl.col("member") == historical_code(code, on))
            if row.height:
                expected.append((f"{short_name(code)} {word}", float(row[column][0])))
    if not expected:
        return
    agree = [(p < 0.5) if negated else (p >= 0.5) for _, p in expected]
    out.agrees = all(agree)
    said = "; ".join(f"P({what}) {p:.2f}" for what, p in expected)
    verdict = "agrees with" if out.agrees else ("partly agrees with" if any(agree) else "does not expect")
    out.evidence.append(f"The forecaster {verdict} the story's expectation: {said}.")


def _hindsight(rec: Record, draft: Draft, on: date) -> tuple[list[str], list[str]]:
    """What the record shows on the same item within two months after the story (not used by the forecast)."""
    later = rec.decisions(body=draft.body, start=on, end=on + timedelta(days=_HINDSIGHT_DAYS))
    later = later.filter(pl.col("kind") == "resolution")
    key = "agenda" if draft.body == "SC" and draft.agenda else "title"
    wanted = draft.agenda if key == "agenda" else draft.title
    if not wanted:
        return [], []
    later = later.filter(_folded(pl.col(key)) == _fold(wanted)).sort("date").head(1)
    ids, lines = [], []
    for row in later.iter_rows(named=True):
        tally = f"{row['yes']}-{row['no']}-{row['abstain']}" if row["yes"] is not None else "no recorded tally"
        veto = f", vetoed by {', '.join(short_name(c) for c in row['vetoed_by'])}" if row["vetoed_by"] else ""
        lines.append(f"Hindsight (not used by the forecast): {row['symbol'] or row['draft'] or row['id']} was "
                            f"{row['outcome']} {tally}{veto} on {row['date']}.")
        ids.append(row["id"])
    return ids, lines


def _earlier_version(claim: Claim, rec: Record, body: str, on: date, mentions: list[Mention]) -> dict | None:
    """The most recent earlier decision on the item the story is about: a symbol it names for this body, else the
    latest decision whose title or agenda names the story's subject (and topic, where one fits)."""
    before = on - timedelta(days=1)
    symbols = [m.value for m in claim.of_kind("symbol") if _symbol_body(m.value) == body]
    for symbol in reversed(symbols):
        try:
            d = rec.decision(symbol)
        except NotFound:  # a symbol not in the record (a draft not yet voted on): fall back to the subject
            continue
        if d.date <= before:
            return {**d.row, "named": d.symbol or d.draft}
    words = subject_words([m.value for m in mentions if m.kind == "member"])
    if not words:
        return None
    past = rec.decisions(body=body, end=before).filter((pl.col("kind") == "resolution") & names_subject(words))
    topics = [_TOPIC_WORDS[m.value] for m in mentions if m.kind == "topic" and m.value in _TOPIC_WORDS]
    if topics:
        topical = past.filter(pl.any_horizontal(subject_text().str.to_lowercase().str.contains(re.escape(t))
                                                for t in topics))
        if topical.height:
            past = topical
    if past.is_empty():
        return None
    row = past.sort("date", "id").row(-1, named=True)
    return {**row, "named": None}


def _symbol_body(symbol: str) -> str:
    return "SC" if symbol.startswith("S/") else "GA"


def _sponsors(claim: Claim, mentions: list[Mention]) -> tuple[str, ...]:
    """Who puts the draft forward: "The United States will put…", "a U.S.-drafted text", "drafted by France"."""
    text = claim.sentence.text
    base = claim.sentence.start
    found = []
    clause = _clause_of(claim)
    for m in claim.mentions:
        if m.kind != "member" or not clause[0] <= m.start < clause[1]:
            continue
        after = text[m.end - base:m.end - base + 40]
        before = text[max(0, m.start - base - 40):m.start - base]
        if _SPONSOR_HYPHEN.match(after) or _SPONSOR_AFTER.search(before) or _SPONSOR_ADJECTIVE.match(after) or \
                _SPONSOR_VERB.match(after) and m.value not in claim.members:
            found.append(m.value)
        elif claim.value == "vote" and m.start < claim.start and not after.startswith(("'s", "’s")):
            # Who "will put the draft to a vote" is who sponsors it ("Germany, which presides, and Belgium will…").
            found.append(m.value)
    return tuple(dict.fromkeys(found))


def _clause_of(claim: Claim) -> tuple[int, int]:
    """The stretch of the sentence a forecast speaks from: from the end of the previous forecast's clause ("…,
    while a rival Russian draft is expected to fail") to the end of this one's."""
    text, base = claim.sentence.text, claim.sentence.start
    lo = max((m.end() for m in re.finditer(r",?\s*\b(?:while|whereas|but)\b|;", text[:claim.start - base])), default=0)
    hi = re.search(r",?\s*\b(?:while|whereas|but)\b|;", text[claim.end - base:])
    return base + lo, (claim.end + hi.start()) if hi else claim.sentence.end


def _fold(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def _folded(column: pl.Expr) -> pl.Expr:
    return column.fill_null("").str.to_lowercase().str.replace_all(r"[^a-z0-9]+", " ").str.strip_chars()

