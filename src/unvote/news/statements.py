"""Checkable statements: a story split into sentences, and in each the claims the record or the rules can test.

A claim is one checkable thing: a tally ("116 to 20 with 53 abstentions"), an outcome ("was vetoed"), how members
voted ("China and Russia voted against"), a body's size ("the 15-member council"), the number of permanent members,
who is a permanent member, who presides in a month, or a forecast ("are sure to veto").

>>> from datetime import date
>>> [(c.kind, c.text, c.value) for c in find_claims("The council adopted the resolution 15-0.", date(2017, 12, 22))]
[('outcome', 'adopted', 'adopted'), ('tally', '15-0', (15, 0, None))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from unvote.news.mention import Mention
from unvote.news.mentions import find_mentions, number

# Abbreviations after which a full stop does not end a sentence ("N. Korea", "U.S.", "Dec. 18").
_ABBREVIATIONS = re.compile(r"(?:\b[A-Z]|\bU\.S|\bU\.N|\bU\.K|\bMr|\bMrs|\bMs|\bDr|\bSt|\bNo|\bJan|\bFeb|\bAug|"
                            r"\bSept?|\bOct|\bNov|\bDec|\bGen|\bAmb|\bCol|\bRev|\bvs|\be\.g|\bi\.e|\bL|\bC\.\d)$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|\n+")

_FUTURE = re.compile(r"\b(?:will|would(?! have)|shall|(?:is|are|was|were) (?:sure|certain|expected|likely|set|poised|due|"
                     r"widely expected|all but certain|almost certain|unlikely|going) to|"
                     r"(?:plans?|planned|intends?|threatened|vowed|pledged|promised|aims?) to|could(?! have)|may|might)\b")
_NEGATION = re.compile(r"\b(?:not|never|n't|no longer|without)\b")
_OUTCOME_VERBS = [
    # "cast a veto", "used their vetoes" tell a member's act (a member_vote), often about many decisions ("the 15th
    # time Russia has cast a veto"), not the outcome of the one vote.
    ("vetoed", r"\bvetoe?d\b|\bblocked\b"),
    ("failed", r"\bfailed\b|\b(?:was|were) (?:rejected|defeated|voted down)\b|\bfell short\b|\bdid not pass\b|"
               r"\bfailed to (?:pass|win|secure|get)\b"),
    ("adopted", r"\badopted\b|\badopting\b|\bpassed\b|\bapprov(?:ed|ing)\b|\bendorsed\b|"
                r"\b(?:unanimously|overwhelmingly) backed\b|\bwon approval\b"),
]
_VOTE_VERBS = [
    ("veto", r"\bvetoe?d\b|\bcast (?:a |their |its |twin |two |double )?vetoe?s?\b|"
             r"\b(?:used|exercised|wielded) (?:its|their) vetoe?s?\b"),
    ("N", r"\bvot(?:ed|ing) (?:against|no)\b|\bonly (?:member|country|one|state) to vote (?:against|no)\b|\bopposed\b|\bcast (?:a |their )?(?:no|negative) votes?\b"),
    ("A", r"\babstain(?:ed|ing)\b|\bcast abstentions\b"),
    ("Y", r"\bvot(?:ed|ing) (?:in favou?r|for|yes)\b|\bonly (?:member|country|one|state) to vote (?:in favou?r|yes)\b|\bsupported\b(?! by)|\bbacked\b(?= it| the| by)"),
    ("X", r"\b(?:was|were) absent\b|\bboycott(?:ed|ing)\b|\bdid not (?:take part|participate|vote)\b|"
          r"\bnot (?:taking part|participating|voting)\b"),
]
_PRESIDENCY = re.compile(r"\b(?:holds?|held|holding|took over|takes over|assumes?|assumed|has|had) (?:the )?"
                         r"(?:(?:council|Council|Security Council)['’]s )?(?:rotating )?"
                         r"(?:council |Council |Security Council )?presidency\b|\bpresid(?:es|ed|ing) over\b|"
                         r"\bpresidency\b|\bpresident of the (?:Security )?[Cc]ouncil\b|\bin the chair\b")
_FORECAST_ACTION = re.compile(r"\b(veto|block|put (?:it|the (?:draft|resolution|text)) to a vote|call a vote|vote|take up|"
                              r"pass|adopt|be adopted|be approved|fail|abstain|back|support|oppose|win)\b")
# The foreseen action is the verb right after "will", "is expected to"… (a few words at most), or the noun "vote"
# ("will go to a vote", "would push ahead with the vote"); "threatened to cut funding to countries that vote" is not
# a forecast of a vote.
_ACTION_GAP_WORDS = 3
_PUT_TO_VOTE = re.compile(r"\s+(put|bring|submit)\s+(?:it|(?:a|the|its|their|his|her|this)\b(?:[^.;:]|(?<=\b[A-Z])\.)"
                          r"{0,90}?)\s+(?:to|for) "
                          r"(?:a )?vote\b")
_CLAUSE_BREAK = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b|\bafter\b|\bbefore\b|\bwhich\b|—|–(?= )|:|"
                           r",(?= (?:and |with |as |where |urging |saying |the [a-z]))")
_PERMANENT_PHRASE = re.compile(r"(?<!non-)(?<!non )\bpermanent (?:council )?members?\b|\bveto-(?:wielding|holding)\b|\bP-?5\b|"
                               r"\bpermanent five\b", re.I)
# What happens off the record: the record holds votes taken in public meetings, nothing else.
_UNRECORDED = re.compile(r"\bbehind closed doors\b|\bclosed-door\b|\bprivate consultations\b|\bin closed consultations\b")
# "The Security Council has 15 members", "the council's 15 members".
_HAS_MEMBERS = re.compile(r"\b(?:(?:Security )?[Cc]ouncil|[Aa]ssembly) (?:has|had|of) (\d{1,3}|[a-z]+) members\b|"
                          r"\b(?:[Cc]ouncil|[Aa]ssembly)['’]s (\d{1,3}|[a-z]+) members\b")
# A vote foreseen as a noun ("a vote is expected within weeks", headline "new vote expected this week") or, in a
# headline, as an infinitive ("U.S. to seek vote on Iran arms embargo").
_VOTE_FORESEEN = re.compile(r"\bvote (?:is |was )?(?:expected|likely|planned|scheduled|due)\b")
_HEADLINE_FUTURE = re.compile(r"\bto (?:seek|force|call|push for|demand) (?:a |new )?vote\b")
_RECORD_BODIES = ("SC", "GA", "GA-C1", "GA-C2", "GA-C3", "GA-C4", "GA-C5", "GA-C6")
_OBJECT_BODY = re.compile(r"(?:members? of|urg\w*|call\w* on|ask\w*|refer\w*|before|to|from)\s+(?:the\s+)?"
                          r"(?:U\.N\.\s+|UN\s+)?$", re.I)
_AS_DID = re.compile(r",?\s+(?:as did|including)\b")
_HEADLINE_VETO = re.compile(r"(?<= )(?:vetoe?s|veto|blocks?)\b")
_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b|\bwithout a vote\b|\bby consensus\b")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Claim:
    """One checkable statement at ``text[start:end]`` of the article, inside the sentence ``sentence``.

    ``value`` by kind: ``tally`` a ``(yes, no, abstain)`` tuple (``None`` where not stated) or ``"unanimous"``;
    ``outcome`` ``"adopted"``/``"failed"``/``"vetoed"``; ``member_vote`` ``"Y"``/``"N"``/``"A"``/``"X"``/``"veto"``;
    ``body_size`` and ``permanent_count`` an int; ``permanent_member`` ``True``; ``presidency`` the month's first day;
    ``forecast`` the action foreseen ("veto", "adopt"…); ``unrecorded`` ``None`` (talks behind closed doors). ``members`` are the ISO3 codes the claim is about.
    ``mentions`` are the mentions in the sentence; ``context`` those carried from earlier sentences (the last
    body, symbol and date named), which a sentence like "It passed 15-0." leans on.
    """

    kind: str
    start: int
    end: int
    text: str
    value: object
    sentence: Sentence
    members: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = field(default=(), repr=False)
    context: tuple[Mention, ...] = field(default=(), repr=False)
    future: bool = False
    aside: bool = False  # told in a relative clause about another vote (", which had vetoed … on Jan. 7,")

    def of_kind(self, kind: str, *, carry: bool = True) -> list[Mention]:
        """Mentions of one kind in the sentence, else (with ``carry``) from the context."""
        here = [m for m in self.mentions if m.kind == kind]
        if here or not carry:
            return here
        return [m for m in self.context if m.kind == kind]


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``; line breaks end sentences too (headlines, datelines).

    >>> [s.text for s in split_sentences("N. Korea fired a missile. The U.S. protested.")]
    ['N. Korea fired a missile.', 'The U.S. protested.']
    """
    sentences = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0).startswith(".") and _ABBREVIATIONS.search(text[start:m.start()]):
            continue
        end = m.end() if not m.group(0).startswith("\n") else m.start()
        _add_sentence(sentences, text, start, end)
        start = m.end()
    _add_sentence(sentences, text, start, len(text))
    return sentences


def _add_sentence(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))


def find_claims(text: str, published: date | None = None,
                mentions: list[Mention] | None = None) -> list[Claim]:
    """Every checkable claim in ``text``, in order; ``published`` resolves relative dates."""
    if mentions is None:
        mentions = find_mentions(text, published)
    claims: list[Claim] = []
    context: dict[str, Mention] = {}
    for sentence in split_sentences(text):
        # The dateline's date is when the story was filed; the sentence after it speaks of its own days.
        inside = tuple(m for m in mentions if sentence.start <= m.start and m.end <= sentence.end
                       and not (m.kind == "date" and m.detail == "dateline"))
        carried = tuple(context.values())
        asides = _asides(sentence)
        found = [_outside_asides(c, asides) for c in _claims_in(sentence, inside, carried)]
        claims.extend(_distinct(sorted(found, key=lambda c: (c.start, c.end))))
        subjects = [m for m in inside if m.kind == "body" and not _OBJECT_BODY.search(text[sentence.start:m.start])]
        voting = [m for m in subjects if m.value in _RECORD_BODIES]
        for m in inside:
            if m.kind == "body" and m is not (voting or subjects or [None])[0]:
                # "The Assembly suspended Russia from the Human Rights Council.", "… the five permanent members of the
                # Security Council, all voted against.": the next sentence goes on about the Assembly's vote.
                continue
            if m.kind != "date" and any(lo <= m.start and m.end <= hi for lo, hi in asides):
                # "The Soviet Union, which had vetoed a draft in the Council on Jan. 7, voted against. India
                # abstained.": the next sentence goes on in the main clause's body; the aside's day stays known
                # for a later sentence that turns back to that vote ("The Security Council draft had won …").
                continue
            if m.kind in ("body", "symbol", "date") and not (m.kind == "date" and (sentence.start == 0
                                                                                  or m.detail == "deadline")):
                context[m.kind] = m
    return claims


def _asides(sentence: Sentence) -> list[tuple[int, int]]:
    """Relative clauses set off by commas (", which had vetoed a similar draft in the Security Council on Jan. 7,"):
    they tell of another vote than the sentence's own."""
    return [(sentence.start + m.start(), sentence.start + m.end())
            for m in re.finditer(r",\s*(?:which|who) [^,;]*,", sentence.text)]


def _outside_asides(claim: Claim, asides: list[tuple[int, int]]) -> Claim:
    """A claim outside a relative clause does not take its body, date or symbol from inside it."""
    mine = [(lo, hi) for lo, hi in asides if not lo <= claim.end <= hi]  # the claim's verb ends it
    if len(mine) < len(asides):
        claim = replace(claim, aside=True)
    if not mine:
        return claim
    keep = tuple(m for m in claim.mentions if m.kind not in ("body", "date", "symbol")
                 or not any(lo <= m.start and m.end <= hi for lo, hi in mine))
    return replace(claim, mentions=keep)


def _claims_in(sentence: Sentence, mentions: tuple[Mention, ...], context: tuple[Mention, ...]) -> list[Claim]:
    s = sentence.text
    base = sentence.start
    future = bool(_FUTURE.search(s))
    out: list[Claim] = []

    def claim(kind: str, start: int, end: int, value: object, members: tuple[str, ...] = ()) -> None:
        out.append(Claim(kind, base + start, base + end, s[start:end], value, sentence, members, mentions, context,
                         future))

    def members_between(lo: int, hi: int) -> tuple[str, ...]:
        codes = []
        for m in mentions:
            possessive = s[m.end - base:m.end - base + 2] in ("'s", "’s")  # "North Korea's closest ally"
            if m.kind == "member" and base + lo <= m.start and m.end <= base + hi and m.value not in codes \
                    and not possessive:
                codes.append(m.value)
        return tuple(codes)

    def member_span(lo: int, hi: int, codes: tuple[str, ...]) -> tuple[int, int]:
        """The claim's span widened to take in the members it names."""
        spans = [(m.start - base, m.end - base) for m in mentions if m.kind == "member" and m.value in codes]
        near = [sp for sp in spans if abs(sp[0] - lo) < 120 or abs(sp[1] - hi) < 120]
        return min([lo] + [a for a, _ in near]), max([hi] + [b for _, b in near])

    def told_as_future(m: re.Match) -> bool:
        """A verb after "will", "is expected to"… in its clause tells of the future, not of what happened."""
        return bool(_FUTURE.search(s[_clause_start(s, m.start()):m.start()]))

    if future:
        covered = -1  # one forecast per clause: "Russia is sure to veto …, while a rival draft is expected to fail"
        for m in _FUTURE.finditer(s):
            if m.start() < covered:
                continue
            # "will put a draft resolution imposing new sanctions on North Korea to a vote": the object can be long.
            action = _PUT_TO_VOTE.match(s, m.end()) or _FORECAST_ACTION.search(s, m.end(), min(len(s), m.end() + 40))
            if action and not _NEGATION.search(s[m.end():action.start()]) and _close_enough(s, m.end(), action):
                lo = _clause_start(s, m.start())
                claim("forecast", m.start(), action.end(), _forecast_value(action.group(1)),
                      members_between(lo, m.start()))
                covered = _clause_end(s, action.end())
    foreseen = list(_VOTE_FORESEEN.finditer(s)) + (list(_HEADLINE_FUTURE.finditer(s)) if is_headline(sentence)
                                                   else [])
    for m in foreseen:
        if not any(c.kind == "forecast" and c.start - base < m.end() and m.start() < c.end - base for c in out):
            claim("forecast", m.start(), m.end(), "vote", members_between(_clause_start(s, m.start()), m.start()))
    # Tallies: a full "116 to 20 with 53 abstentions", or parts ("13 in favour ... two against") joined up.
    counts = [m for m in mentions if m.kind == "count"]
    for m in counts:
        if m.detail == "tally":
            claim("tally", m.start - base, m.end - base, m.value)
    parts = [m for m in counts if m.detail in ("yes", "no", "abstain")]
    if parts:
        value = [None, None, None]
        for m in parts:
            value[("yes", "no", "abstain").index(m.detail)] = m.value
        claim("tally", parts[0].start - base, parts[-1].end - base, tuple(value))
    u = _UNANIMOUS.search(s)
    if u and u.group(0).startswith("unanim") and not told_as_future(u):
        claim("tally", u.start(), u.end(), "unanimous")
    for m in counts:
        if m.detail == "member":
            noun = re.match(r"[\w.-]*\s*(?:U\.N\. |UN )?(Security Council|General Assembly|council|assembly|Council|"
                            r"Assembly|body)", s[m.end - base:])
            if noun:
                claim("body_size", m.start - base, m.end - base + noun.end(), m.value)
        elif m.detail == "permanent member":
            claim("permanent_count", m.start - base, m.end - base, m.value)
    for m in _HAS_MEMBERS.finditer(s):
        size = number(m.group(1) or m.group(2))
        if size is not None:
            claim("body_size", m.start(), m.end(), size)
    # Outcomes and how members voted, told as past: the first outcome verb of the sentence is its outcome.
    verbs = sorted(((m, value) for value, pattern in _OUTCOME_VERBS for m in re.finditer(pattern, s)),
                   key=lambda x: x[0].start())
    for m, value in verbs:
        if not _NEGATION.search(s[max(0, m.start() - 12):m.start()]) and not _is_adjective(s, m) \
                and not told_as_future(m):
            claim("outcome", m.start(), m.end(), value)
            break
    for vote, pattern in _VOTE_VERBS:
        for m in re.finditer(pattern, s):
            if _NEGATION.search(s[max(0, m.start() - 12):m.start()]) or told_as_future(m):
                continue
            codes = _voters(s, m, members_between)
            if codes:
                claim("member_vote", *member_span(m.start(), m.end(), codes), vote, codes)
            also = _AS_DID.match(s, m.end())
            others = _listed_after(s, also.end(), mentions, base) if also else ()  # "as did Syria", not "…on Iran"
            if codes and others:
                # "Russia, China and Iran voted against, as did Syria": one statement of how these members voted.
                everyone = tuple(dict.fromkeys(codes + others))
                out.pop()
                claim("member_vote", *member_span(m.start(), also.end(), everyone), vote, everyone)
            elif others:
                claim("member_vote", *member_span(m.start(), also.end(), others), vote, others)
    if is_headline(sentence):
        # Headlines speak in the present: "Russia vetoes U.N. draft …", "Russia, South Africa block U.S. draft".
        for m in _HEADLINE_VETO.finditer(s):
            codes = members_between(0, m.start())
            if codes and any(x.kind == "member" and x.end == base + m.start() - 1 for x in mentions):
                claim("member_vote", *member_span(m.start(), m.end(), codes), "veto", codes)
                break
    for m in re.finditer(r"['’]s vetoe?s? (?:of|on)\b", s):
        # "Russia's veto of a similar draft": the possessive names who vetoed.
        owner = [x for x in mentions if x.kind == "member" and x.end == base + m.start()]
        if owner and not told_as_future(m):
            claim("member_vote", owner[0].start - base, m.end(), "veto", (owner[0].value,))
    for m in _UNRECORDED.finditer(s):
        claim("unrecorded", m.start(), m.end(), None)
    _permanent_member_claims(s, mentions, base, claim, members_between, member_span)
    for m in _PRESIDENCY.finditer(s):
        codes = _presiding(s, m, mentions, base)
        if codes:
            claim("presidency", m.start(), m.end(), None, codes)
            break
    return out


def is_headline(sentence: Sentence) -> bool:
    """The story's first line when it is not a sentence (no full stop): its headline."""
    text = sentence.text.rstrip()
    stopped = text.endswith((".", "!", "?", '"', "”")) and not (text.endswith(".") and _ABBREVIATIONS.search(text[:-1]))
    return sentence.start == 0 and not stopped


def _close_enough(s: str, end: int, action: re.Match) -> bool:
    gap = s[end:action.start()].split()
    if len(gap) <= _ACTION_GAP_WORDS or action.group(1).startswith(("put", "bring", "submit", "call")):
        return True
    # "will go to a vote", "would push for a General Assembly vote" (a body's name between the article and "vote")
    names = [w for w in gap if w[:1].isupper()]
    return action.group(1) == "vote" and (gap[-1].lower() in ("a", "the") or
                                          len(gap) > len(names) and gap[-1 - len(names)].lower() in ("a", "the"))


def _distinct(claims: list[Claim]) -> list[Claim]:
    """One claim per thing said: "Russia, one of the five veto-wielding permanent members" is found by two phrases."""
    out: list[Claim] = []
    for c in claims:
        if not any(o.kind == c.kind and o.value == c.value and o.members == c.members and o.start < c.end
                   and c.start < o.end for o in out):
            out.append(c)
    return out


def _is_adjective(s: str, m: re.Match) -> bool:
    """'the adopted text', 'a US-backed draft' and 'the blocked draft' describe, they do not report an outcome."""
    return bool(re.search(r"\b(?:the|a|an)\s*$", s[:m.start()])) or s[max(0, m.start() - 1):m.start()] == "-"


def _clause_start(s: str, at: int) -> int:
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(s, 0, at)]
    return breaks[-1] if breaks else 0


def _clause_end(s: str, at: int) -> int:
    b = _CLAUSE_BREAK.search(s, at)
    return b.start() if b else len(s)


def _voters(s: str, m: re.Match, members_between) -> tuple[str, ...]:
    """Who the voting verb is about: "vetoed by X and Y", "with X voting against", else the clause's subject."""
    after = s[m.end():]
    by = re.match(r"\s+by\b", after)
    if by:
        return members_between(m.end(), _clause_end(s, m.end() + by.end()))
    with_ = s.rfind(" with ", 0, m.start())
    if with_ >= 0 and re.search(r"\bvoting|abstaining", m.group(0)):
        return members_between(with_, m.start())
    lo = _clause_start(s, m.start())
    # "Russia and Bolivia voted against and China and Kazakhstan abstained": the voters of a verb come after the
    # verb before it.
    asides = [a.span() for a in re.finditer(r",\s*(?:which|who) [^,;]*,", s)]
    earlier = [v.end() for _, pattern in _VOTE_VERBS for v in re.finditer(pattern, s[:m.start()]) if v.end() > lo
               and not any(a <= v.start() < b for a, b in asides)]  # not the verb of an aside ("which had vetoed")
    lo = max([lo] + earlier)
    codes = members_between(lo, m.start())
    if not codes and re.match(r"\s*the [^,]*\bmembers?\b[^,]*,\s*(?:all|both|each|also)?\s*$", s[lo:m.start()]):
        # "South Africa, Nigeria and Gabon, the council's three African members, voted in favour": the subject
        # stands before the apposition.
        before = s[:lo].rstrip().rstrip(",")
        codes = members_between(_clause_start(s, len(before)), len(before))
    if not codes and re.search(r",\s*(?:which|who)\s*$", s[:lo]):
        # "The Soviet Union, which had vetoed a similar draft": the subject stands before ", which".
        before = s[:lo].rstrip()
        before = before[:before.rfind(",")]
        codes = members_between(_clause_start(s, len(before)), len(before))
    return codes


def _permanent_member_claims(s, mentions, base, claim, members_between, member_span) -> None:
    for m in _PERMANENT_PHRASE.finditer(s):
        # "China and Russia, two of the five permanent members" / "permanent members China and Russia" /
        # "veto-wielding Russia" / "Russia, a permanent member".
        lead = re.search(r"(?:,\s*|\s+(?:are|is|as|were|was)\s+)"
                         r"(?:(?:two|three|four|both|all|one|each) of the (?:(?:council|Council|Security Council)['’]s )?"
                         r"(?:five |5 )?|both |an? |the other (?:four )?|the (?:five |5 )|fellow )?"
                         r"(?:veto-wielding |veto-holding )?$", s[:m.start()])
        codes: tuple[str, ...] = ()
        if lead:
            codes = members_between(_clause_start(s, lead.start()), lead.start())
        if not codes:
            codes = _listed_after(s, m.end(), mentions, base)
        if codes:
            claim("permanent_member", *member_span(m.start(), m.end(), codes), True, codes)


def _listed_after(s: str, at: int, mentions, base: int) -> tuple[str, ...]:
    """Members listed right after a phrase: "permanent members of the council, the United States, Russia and China"."""
    lead = re.match(r"\s*(?:of the (?:Security )?[Cc]ouncil)?\s*(?:with (?:a|the) vetoe?s?)?\s*[,:(—]?\s*", s[at:])
    pos = at + lead.end()
    codes: list[str] = []
    for m in sorted((x for x in mentions if x.kind == "member" and x.start - base >= pos), key=lambda x: x.start):
        gap = s[pos:m.start - base]
        if not re.fullmatch(r"\s*(?:,\s*|\s+and\s+|,\s*and\s+)?(?:the\s+)?", gap):
            break
        codes.append(m.value)
        pos = m.end - base
    return tuple(dict.fromkeys(codes))


def _presiding(s: str, m: re.Match, mentions, base) -> tuple[str, ...]:
    """The member said to preside: the demonym before "presidency", the subject of "holds the presidency", or
    the member right after "presidency of"."""
    adjacent = [x for x in mentions if x.kind == "member" and 0 <= base + m.start() - x.end <= 2]
    if adjacent:
        return (adjacent[-1].value,)
    lo = _clause_start(s, m.start())
    if re.match(r"\s*(?:which|who)\b", s[lo - 5:lo + 1]) or s[max(0, lo - 5):lo].strip() in ("which", "who"):
        lo = _clause_start(s, lo - 6)
    before = [x for x in mentions if x.kind == "member" and base + lo <= x.start and x.end <= base + m.start()]
    if before and m.group(0) != "presidency":
        return (before[-1].value,)
    return ()


def _forecast_value(action: str) -> str:
    action = action.lower()
    if action in ("veto", "block"):
        return "veto"
    if action in ("pass", "adopt", "be adopted", "be approved", "win"):
        return "adopt"
    if action.startswith(("put", "call", "vote", "bring", "submit", "take up")):
        return "vote"
    if action in ("back", "support"):
        return "Y"
    if action == "oppose":
        return "N"
    if action == "abstain":
        return "A"
    return action
