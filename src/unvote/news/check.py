"""Check a news story against the record: the one function the CLI, the API and the web explorer call.

>>> report = check("UNITED NATIONS, May 26, 2022 (Wire) - China and Russia on Thursday vetoed a U.S. draft "
...                "resolution on North Korea. The other 13 members of the 15-member Security Council voted in favour.")
>>> [(s.text, s.verdict) for s in report.statements]
[('China and Russia on Thursday vetoed', 'supported'), ('vetoed', 'supported'), \
('13 members of the 15-member Security Council voted in favour', 'supported'), ('15-member Security Council', 'supported')]
"""

from __future__ import annotations

import datetime
from datetime import date

import unvote
from unvote.charter.names import short_name
from unvote.news.dates import dateline_date
from unvote.news.linking import Link, link
from unvote.news.mentions import find_mentions
from unvote.news.reading import read_article
from unvote.news.report import Report, StatementResult
from unvote.news.statements import Claim, find_claims, is_headline
from unvote.news.verdicts import judge
from unvote.record import Record

_ABOUT_A_VOTE = ("tally", "outcome", "member_vote")


def publication_date(text: str, given: date | None, metadata: date | None) -> tuple[date | None, str]:
    """The date the story speaks from, and where it came from: ``--date``, the page's metadata, or the dateline."""
    if given is not None:
        return given, "given"
    if metadata is not None:
        return metadata, "page metadata"
    found = dateline_date(text)
    if found is not None:
        return found, "dateline"
    return None, "unknown: relative dates were not resolved (give --date)"


def check(text: str, date: date | None = None, record: Record | None = None, *, forecasts: bool = True) -> Report:
    """Read ``text`` (plain text or HTML), find its checkable statements and judge each against the record.

    ``date`` is the publication date when the text does not carry one (it overrides the dateline); ``record``
    defaults to ``unvote.open()``. Each statement is ``supported``, ``contradicted``, ``not in the record`` or, for a
    vote still to come, ``forecast`` (with the forecaster's probabilities unless ``forecasts=False``, which skips
    fitting the model and changes no verdict). ``report.to_json()`` is the JSON-ready dict the web face serves:
    offsets into ``report.text`` (and into the input as given), verdict, evidence, the record ids of the decisions.

    >>> report = check("The Security Council on Friday adopted resolution 2397 by 15 votes to none.",
    ...                datetime.date(2017, 12, 23))
    >>> [(s.text, s.verdict, s.decisions) for s in report.statements]
    [('adopted', 'supported', ['SC-RES-2397']), ('15 votes to none', 'supported', ['SC-RES-2397'])]
    >>> data = report.to_json()
    >>> data["counts"]["supported"], data["statements"][1]["start"], data["statements"][1]["end"]
    (2, 58, 74)
    """
    article = read_article(text)
    published, source = publication_date(article.text, date, article.metadata_date)
    rec = record or unvote.open()
    mentions = find_mentions(article.text, published)
    results = []
    # The decision an earlier sentence spoke of last: "The draft received nine votes" leans on it.
    last, this_sentence, sentence_start = None, None, -1
    lead = None  # the first vote the story's body tells: its headline speaks of it
    draft = None  # the draft the story's last forecast was about
    claims = find_claims(article.text, published, mentions)
    headline = [c for c in claims if is_headline(c.sentence) and c.kind in _ABOUT_A_VOTE]
    for claim in [c for c in claims if c not in headline] + headline:
        if claim in headline:
            # A headline's veto speaks of a Council vote even when the story leads with the Assembly's.
            fits = lead is not None and (lead.body == "SC" or claim.value not in ("veto", "vetoed"))
            found = Link([lead], "the story's lead (the first vote its body tells)") if fits \
                else link(claim, rec, published, mentions, None)
        else:
            if claim.sentence.start != sentence_start:
                last, this_sentence, sentence_start = this_sentence or last, None, claim.sentence.start
            found = link(claim, rec, published, mentions, last)
            if found.decision is not None and claim.kind in _ABOUT_A_VOTE and not claim.aside:
                this_sentence = found.decision
                lead = lead or found.decision
        verdict = judge(claim, found, rec, published, mentions, forecasts, draft)
        draft = verdict.draft or draft
        s, e = article.source_span(claim.start, claim.end)
        results.append(StatementResult(
            kind=claim.kind, start=claim.start, end=claim.end, source_start=s, source_end=e, text=claim.text,
            sentence=claim.sentence.text, claim=describe(claim), verdict=verdict.verdict, evidence=verdict.evidence,
            cannot_show=verdict.cannot_show, decisions=verdict.decisions, forecast=verdict.forecast))
    results.sort(key=lambda r: (r.start, r.end))
    return Report(article.text, published, source, mentions, results)


def describe(claim: Claim) -> str:
    """The claim in plain words: ``'China, Russia: vetoed'``."""
    who = ", ".join(short_name(c) for c in claim.members)
    v = claim.value
    text = {
        "tally": lambda: "unanimous" if v == "unanimous" else "tally " + "-".join("?" if x is None else str(x) for x in v),
        "outcome": lambda: f"the decision was {v}",
        "member_vote": lambda: f"{who}: {dict(Y='voted yes', N='voted no', A='abstained', X='absent or not voting', veto='vetoed')[v]}",
        "body_size": lambda: f"the body has {v} members",
        "permanent_count": lambda: f"{v} permanent members",
        "permanent_member": lambda: f"{who}: permanent member(s)",
        "presidency": lambda: f"{who} presides over the Council",
        "forecast": lambda: f"forecast: {who + ' ' if who else ''}{v}",
        "unrecorded": lambda: "talks off the record",
    }[claim.kind]
    return text()

