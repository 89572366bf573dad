"""What a story mentions: UN bodies, member states, dates, document symbols, topics and counts, with offsets.

>>> [(m.kind, m.text, m.value) for m in find_mentions("The 15-member Security Council adopted resolution 2397.")
...  if m.kind != "topic"]
[('count', '15-member', 15), ('body', 'Security Council', 'SC'), ('symbol', 'resolution 2397', 'S/RES/2397')]
"""

from __future__ import annotations

import re
from datetime import date

from unvote.news.dates import find_dates
from unvote.news.gazetteer import find_members
from unvote.news.mention import Mention

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                     "a hundred": 100, "none": 0, "no": 0})
ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_NUM = r"(\d{1,3}|" + "|".join(sorted((w for w in NUMBER_WORDS if w != "no"), key=len, reverse=True)) + r")"

# Explicitly named bodies. Committee ids follow the GA's Main Committees (rule 98 of its rules of procedure).
_BODIES = [
    (r"(?:UN |U\.N\. |United Nations )?Security Council|UNSC", "SC"),
    (r"(?:UN |U\.N\. |United Nations )?General Assembly|UNGA", "GA"),
    (r"(?:UN |U\.N\. )?Human Rights Council|(?:UN |U\.N\. )?rights council", "HRC"),
    (r"International Criminal Court|\bICC\b", "ICC"),
    (r"International Court of Justice|\bICJ\b|World Court", "ICJ"),
    (r"First Committee|Disarmament and International Security Committee", "GA-C1"),
    (r"Second Committee|Economic and Financial Committee", "GA-C2"),
    (r"Third Committee|Social,? Humanitarian and Cultural Committee", "GA-C3"),
    (r"Fourth Committee|Special Political and Decolonization Committee", "GA-C4"),
    (r"Fifth Committee|Administrative and Budgetary Committee", "GA-C5"),
    (r"Sixth Committee|Legal Committee", "GA-C6"),
]
_GENERIC = re.compile(r"\b(?:the )?(?:(\d{1,3}|[a-z]+)-(?:member|nation|country|seat) )?(council|assembly|committee|"
                      r"Council|Assembly|Committee|world body)\b")

_SYMBOLS = [
    # S/RES/2397 (2017), S/RES/2397(2017), S/RES/2397
    (re.compile(r"\bS/RES/(\d{1,4})(?:\s*\((\d{4})\))?"), "sc_res"),
    # A/RES/69/188, A/RES/ES-11/1, A/RES/377 (V) A
    (re.compile(r"\bA/RES/(?:ES-\d+/|S-\d+/|\d+/)?\d+(?:\s*\([IVXL]+\))?(?:\s?[A-Z]\b)?"), "plain"),
    # drafts: S/2022/431, A/C.3/69/L.28, A/69/L.1, A/ES-11/L.1
    (re.compile(r"\b(?:S/\d{4}/\d{1,4}|A/(?:C\.\d/)?(?:ES-)?\d+/L\.\d+(?:/Rev\.\d)?)"), "plain"),
    # "resolution 2397 (2017)", "resolution 1718", "resolution 69/188"
    (re.compile(r"\b[Rr]esolutions? (\d{1,4})(?:\s*\((\d{4})\))?(?!\s*(?:votes|members|countries))(?![/\d-])"), "sc_res"),
    (re.compile(r"\b[Rr]esolutions? (\d{2})/(\d{1,3})\b"), "ga_res"),
]

_TOPICS = [
    ("icc_referral", r"(?:refer(?:ral|red|ring|s)?|send(?:ing)?)\b[^;\n]{0,60}?(?:International Criminal Court|ICC)\b|"
                     r"\bICC referral"),
    ("sanctions", r"\bsanction(?:s|ed|ing)?\b|\bembargo(?:es)?\b|\basset freezes?\b|\btravel bans?\b"),
    ("nuclear", r"\bnuclear\b|\batomic\b|\bnuclear tests?\b"),
    ("missiles", r"\bmissiles?\b|\bICBMs?\b|\blaunch(?:es)?\b|\brockets?\b"),
    ("human_rights", r"\bhuman rights\b|\brights abuses\b|\bcrimes against humanity\b|\btorture\b|\bprison camps\b|"
                     r"\babductions?\b|\bwar crimes\b"),
    ("ceasefire", r"\bcease-?fires?\b|\btruce\b|\bcessation of hostilities\b"),
    ("humanitarian", r"\bhumanitarian (?:aid|access|assistance|pause|corridors?)\b|\baid deliveries\b|"
                     r"\bcross-border aid\b"),
]
# The Voeten issue codes the record carries (hr, nu, di, co, ec, me) that a topic corresponds to.
TOPIC_ISSUES = {"human_rights": "hr", "nuclear": "nu", "missiles": "di"}

_COUNT_MEMBER = re.compile(rf"\b{_NUM}-(member|nation|country|seat)\b", re.I)
_COUNT_PERMANENT = re.compile(rf"\b{_NUM} (?:veto-wielding |veto-holding )?permanent(?:,? veto-wielding| veto-holding)? "
                              rf"members?\b|\bP-?5\b|\b(?:[Pp]ermanent|[Bb]ig) [Ff]ive\b", re.I)
_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b|\b(" + "|".join(ORDINAL_WORDS) + r")\b", re.I)
_TALLY = re.compile(rf"\b{_NUM}(?: votes?)? ?(?:to|-|–|—) ?{_NUM}(?: votes?)?"
                    rf"(?:(?:,| with| and|, with)(?: a further)? {_NUM} abstentions?|(?: ?[-–] ?)(\d{{1,3}})(?![\d-]))?"
                    r"(?![\w-])", re.I)
# "13 members of the 15-member Security Council voted in favour", "backed by all 15 members".
_MEMBERS_VOTED = re.compile(rf"\b(?:all )?{_NUM} (?:other |remaining )?(?:council |Council )?members"
                            rf"(?: of the [\w.-]+(?: [A-Z][\w.]*)*)? (?:voted |voting )?(in favou?r|for\b|against)|"
                            rf"\b(?:backed|supported|approved) by all {_NUM} (?:council |Council )?members", re.I)
# "had won 13 votes", "drawing only four votes": the votes in favour (not "failed to win the nine votes needed").
_VOTES_WON = re.compile(rf"\b(?:won|winning|received|receiving|drew|drawing|garnered|secured|securing)"
                        rf"(?: only| just)? {_NUM} votes\b(?! needed| required)", re.I)
_TALLY_PART = re.compile(rf"\b{_NUM}(?: (?:votes?|members|countries|nations|states|delegations))? "
                         r"(?:(?:voted |voting |votes? )?(in favou?r|for\b|against|opposed)|"
                         r"(abstentions?|abstained|abstaining))", re.I)


def number(word: str) -> int | None:
    """The integer a numeral or number word stands for: ``number("thirteen") == 13``; ``None`` if it is neither."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def find_bodies(text: str) -> list[Mention]:
    """UN bodies: the explicit names, and "the council", "the assembly", "the committee" for the body named before."""
    found: list[Mention] = []
    for pattern, body in _BODIES:
        for m in re.finditer(pattern, text):
            found.append(Mention("body", m.start(), m.end(), m.group(0), body))
    found.sort(key=lambda m: m.start)
    spans = [(m.start, m.end) for m in found]
    generic = []
    for m in _GENERIC.finditer(text):
        if any(s <= m.start(2) < e for s, e in spans):
            continue
        noun = m.group(2).lower()
        body = _generic_body(noun, m.group(1), found, m.start())
        if body:
            generic.append(Mention("body", m.start(), m.end(), m.group(0), body, "generic"))
    return sorted(found + generic, key=lambda m: m.start)


def _generic_body(noun: str, size: str | None, explicit: list[Mention], at: int) -> str | None:
    if noun == "world body":
        return "UN"
    prefix = {"council": ("SC", "HRC"), "assembly": ("GA",), "committee": ("GA-C",)}[noun]
    def fits(body: str) -> bool:
        return body.startswith(prefix) if noun == "committee" else body in prefix

    before = [m for m in explicit if m.start < at and fits(m.value)]
    after = [m for m in explicit if m.start > at and fits(m.value)]
    if before:
        return before[-1].value
    if after:
        return after[0].value
    # "the 15-member council" with no council named: the Security Council is the one with 15 (or 11) members.
    if noun == "council" and size and number(size) in (11, 15):
        return "SC"
    if noun == "assembly" and size:
        return "GA"
    return None


def find_symbols(text: str) -> list[Mention]:
    """Resolution and draft symbols, and "resolution 2397"-style references, as the UN writes the symbol."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for pattern, how in _SYMBOLS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if how == "sc_res":
                n, year = int(m.group(1)), m.group(2)
                if year is None and m.group(0).lower().startswith("resolution") and 1940 < n < 2100:
                    continue  # "resolution 2014" is more likely a year than resolution 2014 (2011)
                value = f"S/RES/{n} ({year})" if year else f"S/RES/{n}"
            elif how == "ga_res":
                value = f"A/RES/{int(m.group(1))}/{int(m.group(2))}"
            else:
                value = re.sub(r"\s+", " ", m.group(0))
            taken.append((m.start(), m.end()))
            found.append(Mention("symbol", m.start(), m.end(), m.group(0), value))
            # "resolutions 1718 and 2397": the numbers that follow belong to the same list.
            if m.group(0).lower().startswith("resolutions"):
                for extra in re.finditer(r"(?:,| and| or) (\d{1,4})(?:\s*\((\d{4})\))?", text[m.end():m.end() + 60]):
                    if extra.start() and text[m.end() + extra.start() - 1] not in ",0123456789)":
                        break
                    s, e = m.end() + extra.start(1), m.end() + extra.end()
                    year = extra.group(2)
                    found.append(Mention("symbol", s, e, text[s:e],
                                         f"S/RES/{extra.group(1)} ({year})" if year else f"S/RES/{extra.group(1)}"))
                    taken.append((s, e))
    return sorted(found, key=lambda m: m.start)


def find_topics(text: str) -> list[Mention]:
    """Topics named in the text, with the topic id as value."""
    found = []
    for topic, pattern in _TOPICS:
        for m in re.finditer(pattern, text, re.I if topic != "missiles" else 0):
            found.append(Mention("topic", m.start(), m.end(), m.group(0), topic))
    return sorted(found, key=lambda m: m.start)


def find_counts(text: str) -> list[Mention]:
    """Counts: body sizes ("15-member"), permanent members ("five permanent members"), ordinals ("14th launch"),
    and vote tallies ("116 to 20 with 53 abstentions" as ``(116, 20, 53)``; "13 in favour" as part ``yes``)."""
    found: list[Mention] = []
    taken: dict[bool, list[tuple[int, int]]] = {True: [], False: []}

    def add(mention: Mention) -> None:
        # Vote counts and other counts may nest ("13 members of the 15-member council voted in favour").
        family = taken[mention.detail in ("tally", "yes", "no", "abstain")]
        if not any(s < mention.end and mention.start < e for s, e in family):
            family.append((mention.start, mention.end))
            found.append(mention)

    for m in _MEMBERS_VOTED.finditer(text):
        value = number(m.group(1) or m.group(3))
        if value is not None:
            add(Mention("count", m.start(), m.end(), m.group(0), value,
                        "no" if (m.group(2) or "").lower() == "against" else "yes"))

    for m in _COUNT_PERMANENT.finditer(text):
        value = number(m.group(1)) if m.group(1) else 5
        if value is not None:
            add(Mention("count", m.start(), m.end(), m.group(0), value, "permanent member"))
    for m in _COUNT_MEMBER.finditer(text):
        value = number(m.group(1))
        if value is not None:
            add(Mention("count", m.start(), m.end(), m.group(0), value, "member"))
    for m in _TALLY.finditer(text):
        yes, no = number(m.group(1)), number(m.group(2))
        abstain = m.group(3) or m.group(4)
        if yes is None or no is None or yes > 193 or no > 193 or _is_score_of_something_else(text, m):
            continue
        add(Mention("count", m.start(), m.end(), m.group(0), (yes, no, number(abstain) if abstain else None), "tally"))
    for m in _TALLY_PART.finditer(text):
        value = number(m.group(1))
        if value is None:
            continue
        word = (m.group(2) or m.group(3)).lower()
        part = "abstain" if word.startswith("abst") else "no" if word in ("against", "opposed") else "yes"
        add(Mention("count", m.start(), m.end(), m.group(0), value, part))
    for m in _VOTES_WON.finditer(text):
        value = number(m.group(1))
        if value is not None:
            start = m.start(1)
            add(Mention("count", start, m.end(), text[start:m.end()], value, "yes"))
    for m in _ORDINAL.finditer(text):
        value = int(m.group(1)) if m.group(1) else ORDINAL_WORDS[m.group(2).lower()]
        noun = re.match(r"\s+(?:[\w-]+\s+){0,2}(launch|test|resolution|veto|session|time|round|year|"
                        r"sanctions? resolution|missile|nuclear test)\w*", text[m.end():])
        if noun:
            add(Mention("count", m.start(), m.end() + noun.end(), text[m.start():m.end() + noun.end()], value,
                        "ordinal " + noun.group(1)))
    return sorted(found, key=lambda m: m.start)


def _is_score_of_something_else(text: str, m: re.Match) -> bool:
    """'2014-2015', '15-member', '9:30' and page numbers are not vote tallies."""
    before = text[max(0, m.start() - 12):m.start()].lower()
    after = text[m.end():m.end() + 12].lower()
    if re.match(r"\s*(member|nation|year|month|day|hour|minute|percent|%)", after):
        return True
    if re.search(r"(page|pp?\.|no\.|article|paragraph|para\.|chapter)\s*$", before):
        return True
    return False


def find_mentions(text: str, published: date | None = None) -> list[Mention]:
    """Every mention in ``text``, sorted by position; dates are resolved against ``published``."""
    mentions = (find_bodies(text) + find_members(text, published) + find_dates(text, published)
                + find_symbols(text) + find_topics(text) + find_counts(text))
    mentions = _drop_overlaps(mentions)
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Where a member name sits inside a body or symbol mention ("Korea" in a title), keep the larger one."""
    keep = []
    bigger = [m for m in mentions if m.kind in ("body", "symbol")]
    for m in mentions:
        if m.kind == "member" and any(b.start <= m.start and m.end <= b.end for b in bigger):
            continue
        if m.kind == "body" and m.value == "ICC" and any(b.kind == "symbol" and b.start <= m.start < b.end
                                                         for b in bigger):
            continue
        keep.append(m)
    return keep
