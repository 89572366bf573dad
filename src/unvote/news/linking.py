"""Linking a claim to the decisions of the record it speaks of.

A symbol links directly. Without one, a claim links by body, date window and subject (the states and topics the
story names), and only when exactly one decision fits: two candidates are not a link. A committee vote is not in the
record (the record holds plenary and Council votes only), so a committee claim links to the plenary resolution that
followed, as evidence, never as the thing judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import polars as pl

from unvote.errors import NotFound
from unvote.members import name_of
from unvote.news.mention import Mention
from unvote.news.mentions import number
from unvote.news.statements import Claim
from unvote.record import Decision, Record
from unvote.symbols import parse_sc_resolution, symbol_key

# Words of a member's name that identify the item a decision is about ("Korea" in "Non-proliferation/Democratic
# People's Republic of Korea"); the agenda of Council drafts on Syria reads "The situation in the Middle East".
_SUBJECT_WORDS = {"PRK": ("Korea",), "SYR": ("Syria", "Middle East"), "UKR": ("Ukraine",), "IRN": ("Iran",),
                  "KOR": ("Korea",), "MMR": ("Myanmar",), "ISR": ("Israel", "Palestin", "Middle East"),
                  "SDN": ("Sudan", "Darfur"), "LBY": ("Libya",), "IRQ": ("Iraq",), "AFG": ("Afghanistan",)}
# The permanent members (the USSR before 1992) vote on every item: they are voters, not subjects.
_VOTERS_NOT_SUBJECTS = {"USA", "CHN", "RUS", "GBR", "FRA", "SUN"}
_COMMITTEE_LAG = timedelta(days=75)
_MAX_ALTERNATIVES = 3


def subject_words(codes: list[str]) -> list[str]:
    """Words that find the decisions about the states ``codes`` in titles and agenda items.

    The permanent members are voters, not subjects; a state without a curated entry is found by the first word of its
    UN short name ("Venezuela (Bolivarian Republic of)" -> "Venezuela").

    >>> subject_words(["PRK", "USA", "YEM"])
    ['Korea', 'Yemen']
    """
    words: list[str] = []
    for code in dict.fromkeys(codes):
        if code in _SUBJECT_WORDS:
            words.extend(_SUBJECT_WORDS[code])
        elif code not in _VOTERS_NOT_SUBJECTS:
            # "Iran (Islamic Republic of)" -> "Iran"; "Democratic Republic of the Congo" -> "Congo".
            core = re.sub(r"\s*\(.*\)|^(?:the )?(?:(?:United |Democratic |Federal |Islamic )?Republic of (?:the )?)",
                          "", name_of(code)).strip()
            if core:
                words.append(core)
    return list(dict.fromkeys(words))


def subject_text() -> pl.Expr:
    """A decision's title and agenda item in one string: where the record names what a decision is about."""
    return pl.concat_str([pl.col("title").fill_null(""), pl.col("agenda").fill_null("")], separator=" ")


def names_subject(words: list[str]) -> pl.Expr:
    """True for the decisions whose title or agenda item contains one of ``words`` (from :func:`subject_words`).

    >>> import unvote
    >>> unvote.open().decisions(body="SC", start="2022-05-26", end="2022-05-26").filter(names_subject(["Korea"])).height
    1
    """
    return subject_text().str.contains("|".join(re.escape(w) for w in words))


@dataclass
class Link:
    """What a claim refers to in the record.

    ``decisions`` are the decisions the claim is about (empty when none could be told apart, and always for a
    ``committee`` claim: the record holds no committee votes); ``how`` says how they were found; ``followed_by`` is
    the plenary resolution that followed a committee vote; ``notes`` say what the record cannot show.
    """

    decisions: list[Decision] = field(default_factory=list)
    how: str = ""
    followed_by: list[Decision] = field(default_factory=list)
    committee: bool = False
    notes: list[str] = field(default_factory=list)
    alternatives: list[Decision] = field(default_factory=list)

    @property
    def decision(self) -> Decision | None:
        return self.decisions[0] if len(self.decisions) == 1 else None


# A body named as the object of the sentence ("urging the Security Council to", "permanent members of the
# Security Council", "came before the council") is not the body that voted.
_OBJECT_OF = re.compile(r"(?:members? of|urg\w*|call\w* on|ask\w*|encourag\w*|refer\w*|before|to|from)"
                        r"\s+(?:the\s+)?$", re.I)


def claim_body(claim: Claim) -> str | None:
    """The body a claim speaks of: the subject body named in its sentence (a committee before its Assembly), else
    the last one named before."""
    sentence = claim.sentence
    here = [m.value for m in claim.of_kind("body", carry=False) if m.value not in ("ICC", "ICJ", "UN")
            and not _OBJECT_OF.search(sentence.text[:m.start - sentence.start])]
    committees = [b for b in here if b.startswith("GA-C")]
    if committees:
        return committees[0]
    if here:
        return here[0]
    carried = [m.value for m in claim.context if m.kind == "body" and m.value not in ("ICC", "ICJ", "UN")]
    return carried[0] if carried else None


def claim_window(claim: Claim, published: date | None) -> tuple[date, date] | None:
    """The days the claim speaks of: its sentence's dates, else those carried from before, else the week up to
    publication (a past-tense news sentence without a date is about the last few days)."""
    dates = [m.value for m in claim.of_kind("date", carry=False)]
    if not dates:
        dates = [m.value for m in claim.context if m.kind == "date"]
    if dates:
        return min(d[0] for d in dates), max(d[1] for d in dates)
    if published:
        return published - timedelta(days=7), published
    return None


_RELATIVE = re.compile(r"\b(\w+) (day|week|month)s? (after|before)\b")
_UNIT_DAYS = {"day": (1, 1), "week": (7, 4), "month": (30, 10)}  # days per unit, and the slack "two weeks" allows


def relative_window(claim: Claim, previous: Decision | None) -> tuple[date, date] | None:
    """Days told relative to the vote just told: "The vote came two weeks after Russia vetoed a similar draft"
    puts the veto about 14 days before ``previous``.

    >>> from unvote.news.statements import find_claims
    >>> import unvote
    >>> [c] = [c for c in find_claims("It came two weeks after Russia vetoed a draft.") if c.kind == "outcome"]
    >>> relative_window(c, unvote.open().decision("A/RES/68/262"))
    (datetime.date(2014, 3, 9), datetime.date(2014, 3, 17))
    """
    if previous is None:
        return None
    s = claim.sentence.text
    at = claim.start - claim.sentence.start
    for m in _RELATIVE.finditer(s, 0, at):
        n = number(m.group(1)) if m.group(1).lower() not in ("a", "one") else 1
        if n is None or "," in s[m.end():at]:
            # "Two weeks after the assembly vote, Russia vetoed …" tells the veto as the later event: not read.
            continue
        per, slack = _UNIT_DAYS[m.group(2)]
        sign = -1 if m.group(3) == "after" else 1  # "X came two weeks after Y": Y was two weeks before X
        centre = previous.date + timedelta(days=sign * n * per)
        return centre - timedelta(days=slack), centre + timedelta(days=slack)
    return None


SPOKEN_OF_LAST = "the vote the story spoke of last"
# "A rival Russian text", "a second draft": the sentence speaks of another decision than the one just discussed.
_ANOTHER = re.compile(r"\b(?:rival|competing|another|second|separate|alternative|counter)\b", re.I)
# "adopted dozens of other disarmament resolutions": a claim about many decisions, not about the vote just told.
_MANY = re.compile(r"\b(?:dozens|scores|hundreds|several|many|other|\d+|two|three|four|five)\b[\w\s-]{0,40}?"
                   r"\b(?:resolutions|drafts|texts)\b")
_VETO_WORDS = re.compile(r"\bveto|\bblocked\b", re.I)


def link(claim: Claim, rec: Record, published: date | None, article_mentions: list[Mention],
         previous: Decision | None = None) -> Link:
    """The decisions ``claim`` refers to, found in ``rec``; ``previous`` is the decision the story spoke of last
    (a human reads "The draft received nine votes" as the draft just discussed)."""
    body = claim_body(claim)
    symbols = [m.value for m in claim.of_kind("symbol", carry=False)]
    if body and body.startswith("GA-C"):
        return _committee_link(claim, rec, published, article_mentions)
    if symbols:
        found, missing = [], []
        for symbol in dict.fromkeys(symbols):
            try:
                found.append(rec.decision(symbol))
            except NotFound:
                missing.append(symbol)
        out = Link(found, "symbol")
        for symbol in missing:
            out.notes.append(f"The record holds no recorded vote on {symbol}.")
        return out
    if claim.value in ("vetoed", "veto") and claim.kind in ("outcome", "member_vote") and body in (None, "GA"):
        body = "SC"  # only the Security Council has a veto ("Russia vetoes Crimea text, Assembly acts")
    if body is None and "veto" in claim.sentence.text.lower():
        body = "SC"
    if body is None and previous is not None:
        body = previous.body  # the story goes on about the body whose vote it just told
    if body not in ("SC", "GA"):
        carried = [m.value for m in claim.context if m.kind == "symbol"]
        if carried and body is None:
            return _by_symbol(rec, carried[-1], "symbol named earlier in the story")
        return Link(notes=["The story does not say which body voted, so the claim is not linked to a decision."])
    own_dates = claim.of_kind("date", carry=False)
    if _MANY.search(claim.sentence.text):
        return Link(notes=["The sentence speaks of several decisions; the checker judges claims about one."])
    if previous is not None and not own_dates and previous.body == body and not _ANOTHER.search(claim.sentence.text):
        # "Thirteen members voted in favour." after "Russia on Saturday vetoed …": the vote just told, not the last
        # date named ("Sunday's referendum").
        return Link([previous], SPOKEN_OF_LAST)
    window = (None if own_dates else relative_window(claim, previous)) or claim_window(claim, published)
    if window is None:
        return Link(notes=["No date to look the decision up by (give --date)."])
    candidates = rec.decisions(body=body, start=window[0], end=window[1])
    candidates = candidates.filter(pl.col("kind") == "resolution") if candidates.height > 1 else candidates
    if claim.value in ("vetoed", "veto") and not claim.of_kind("date"):
        # No day named anywhere: "Russia vetoes …" is about a vetoed vote, not the week's one adopted resolution.
        candidates = candidates.filter(pl.col("outcome") == "vetoed")
    candidates = _narrow_by_subject(candidates, claim, article_mentions)
    if candidates.height > 1:
        named = _named_in_article(candidates, article_mentions)
        if named.height:
            candidates = named
    if candidates.height > 1:
        titled = _titled_in_sentence(candidates, claim.sentence.text)
        if titled.height:
            candidates = titled
    how = "body, date and subject"
    if candidates.height > 1:
        candidates, how = _tell_apart(candidates, claim, previous, how)
    if candidates.height == 1:
        row = candidates.row(0, named=True)
        return Link([rec.decision(row["symbol"] or row["draft"] or row["id"])], how)
    if candidates.height == 0:
        return Link(notes=[f"The record holds no {body} vote on this subject between {window[0]} and {window[1]}."])
    # A few votes fit and the story does not say which: the claim is judged against each (see verdicts.judge),
    # and only a verdict all of them give stands.
    alternatives = [rec.decision(r["symbol"] or r["draft"] or r["id"]) for r in candidates.iter_rows(named=True)] \
        if candidates.height <= _MAX_ALTERNATIVES else []
    return Link(alternatives=alternatives,
                notes=[f"{candidates.height} {body} votes between {window[0]} and {window[1]} fit; the story does "
                       "not say which one."])


def _tell_apart(candidates: pl.DataFrame, claim: Claim, previous: Decision | None,
                how: str) -> tuple[pl.DataFrame, str]:
    """Several votes fit: a veto claim means the one vetoed vote among them; "the draft" means the one just
    discussed; "a rival text" means the other one of two."""
    sentence = claim.sentence.text
    if claim.value in ("vetoed", "veto") or (claim.kind != "tally" and _VETO_WORDS.search(sentence)):
        vetoed = candidates.filter(pl.col("outcome") == "vetoed")
        if vetoed.height == 1:
            return vetoed, how + ", the one vote vetoed"
    if previous is None:
        # The story's first vote: of the titleless Council decisions that stay candidates, the one whose agenda
        # names the story's subject ("The situation in Myanmar", not "… peacekeeping operations").
        words = subject_words([m.value for m in claim.mentions if m.kind == "member" and m.value not in claim.members])
        named = candidates.filter(names_subject(words)) if words else candidates.clear()
        if named.height == 1:
            return named, how + ", the one whose title or agenda names the subject"
        return candidates, how
    if previous.id not in candidates["id"].to_list():
        return candidates, how
    if _ANOTHER.search(sentence):
        others = candidates.filter(pl.col("id") != previous.id)
        if others.height == 1:
            return others, how + f", the other vote than {previous.label}"
        return candidates, how
    return (candidates.filter(pl.col("id") == previous.id),
            how + f", the vote the story spoke of last ({previous.label})")


_MIN_TITLE = 25  # shorter titles ("Nuclear disarmament") are phrases a story uses without naming the resolution


def _titled_in_sentence(candidates: pl.DataFrame, sentence: str) -> pl.DataFrame:
    """The candidates whose title the sentence quotes ("a resolution welcoming the Treaty on the Prohibition of
    Nuclear Weapons" names A/RES/73/48 among 35 disarmament votes that day)."""
    low = sentence.lower()
    core = pl.col("title").fill_null("").str.replace(r"\s*[:\[].*$", "").str.to_lowercase()
    titled = candidates.with_columns(core.alias("_core")).filter(pl.col("_core").str.len_chars() >= _MIN_TITLE)
    hits = [t for t in titled["_core"].to_list() if t in low]
    return titled.filter(pl.col("_core").is_in(hits)).drop("_core")


def _named_in_article(candidates: pl.DataFrame, article_mentions: list[Mention]) -> pl.DataFrame:
    """The candidates whose symbol or draft the story names somewhere ("resolution 83" names S/RES/83 (1950))."""
    keys = {symbol_key(m.value) for m in article_mentions if m.kind == "symbol"}
    numbers = {str(parsed[0]) for m in article_mentions if m.kind == "symbol" and m.value.startswith("S/RES/")
               and (parsed := parse_sc_resolution(m.value))}
    if not keys:
        return candidates.clear()
    sc_number = pl.col("symbol").fill_null("").str.extract(r"^S/RES/(\d+)", 1)
    return candidates.filter(pl.col("symbol_key").is_in(list(keys)) | pl.col("draft").fill_null("").map_elements(
        symbol_key, return_dtype=pl.String).is_in(list(keys)) | sc_number.is_in(list(numbers)))


def _by_symbol(rec: Record, symbol: str, how: str) -> Link:
    try:
        return Link([rec.decision(symbol)], how)
    except NotFound:
        return Link(notes=[f"The record holds no recorded vote on {symbol}."])


def _narrow_by_subject(candidates: pl.DataFrame, claim: Claim, article_mentions: list[Mention]) -> pl.DataFrame:
    """Keep the decisions whose title or agenda names what the story is about: the states the claim's own sentence
    names beside its voters ("a resolution condemning violations in Syria"), else the states the story names."""
    if candidates.height <= 1:
        return candidates
    here = [m.value for m in claim.mentions if m.kind == "member" and m.value not in claim.members]
    for codes in (here, [m.value for m in article_mentions if m.kind == "member"]):
        narrowed = _with_subject(candidates, subject_words(codes))
        if narrowed.height:
            return narrowed
    return candidates


def _with_subject(candidates: pl.DataFrame, words: list[str]) -> pl.DataFrame:
    if not words:
        return candidates.clear()
    # A Council draft has no title, only the agenda item ("The situation in the Middle East" for Yemen and Syria
    # alike): its subject is unknown, not a mismatch, so it stays a candidate.
    return candidates.filter((pl.col("title").fill_null("") == "") | names_subject(words))


def _committee_link(claim: Claim, rec: Record, published: date | None, article_mentions: list[Mention]) -> Link:
    out = Link(committee=True, how="committee")
    out.notes.append("The record holds plenary and Council votes only; committee votes (and committee tallies) are "
                     "not in it.")
    window = claim_window(claim, published)
    if window is None:
        return out
    later = rec.decisions(body="GA", start=window[0], end=window[1] + _COMMITTEE_LAG)
    later = later.filter(pl.col("kind") == "resolution")
    narrowed = _narrow_by_subject(later, claim, article_mentions)
    named = _named_in_article(narrowed, article_mentions)
    narrowed = named if named.height else narrowed
    if 0 < narrowed.height < later.height or (narrowed.height == 1):
        if narrowed.height <= 3:
            out.followed_by = [rec.decision(r["symbol"] or r["id"]) for r in narrowed.iter_rows(named=True)]
    return out
