"""Reading articles and finding what they mention: boilerplate, offsets, names, dates, symbols, counts, claims."""

from datetime import date
from pathlib import Path

import pytest

from unvote.errors import UserError
from unvote.dates import parse_date
from unvote.news.dates import dateline_date, find_dates
from unvote.news.mentions import find_mentions
from unvote.news.reading import read_article
from unvote.news.statements import find_claims, split_sentences

ARTICLES = Path(__file__).parent / "articles"


def test_html_boilerplate_is_dropped_and_offsets_point_into_the_page():
    raw = (ARTICLES / "03-sc-veto-dprk-2022.html").read_text(encoding="utf-8")
    article = read_article(raw)
    for noise in ("Link copied", "Back To Top", "We use cookies", "Share on", "Related coverage", "Markets", "By Staff"):
        assert noise not in article.text
    assert article.metadata_date == date(2022, 5, 26)
    i = article.text.index("15-member Security Council")
    s, e = article.source_span(i, i + len("15-member Security Council"))
    assert raw[s:e] == "15-member Security Council"
    i = article.text.index("“The world")
    s, e = article.source_span(i, i + 1)
    assert raw[s:e] == "&ldquo;"


def test_plain_text_keeps_identity_offsets_except_dropped_lines():
    raw = "UNITED NATIONS (Wire) -\nLink copied\nBy Jane Roe\nThe council met.\nBack To Top\n"
    article = read_article(raw)
    assert article.text == "UNITED NATIONS (Wire) -\nThe council met."
    i = article.text.index("council")
    assert raw[slice(*article.source_span(i, i + 7))] == "council"


def test_empty_article_is_a_user_error():
    with pytest.raises(UserError):
        read_article("<html><nav>Menu</nav><p>Link copied</p></html>")
    with pytest.raises(UserError):
        parse_date("26/05/2022")


def test_members_under_any_name():
    text = ("N. Korea and the DPRK: Pyongyang said the North would answer Washington, Moscow, Beijing and Kyiv; "
            "Chinese and Russian envoys spoke, as did the Syrian Arab Republic.")
    codes = [(m.text, m.value) for m in find_mentions(text, date(2022, 5, 26)) if m.kind == "member"]
    assert codes[:9] == [("N. Korea", "PRK"), ("DPRK", "PRK"), ("Pyongyang", "PRK"), ("the North", "PRK"),
                         ("Washington", "USA"), ("Moscow", "RUS"), ("Beijing", "CHN"), ("Kyiv", "UKR"),
                         ("Chinese", "CHN")]
    assert ("Russian", "RUS") in codes
    assert ("Syrian Arab Republic", "SYR") in codes


def test_the_north_needs_a_korea_context_and_moscow_was_soviet_before_1992():
    assert not [m for m in find_mentions("Voters in the North went to the polls.") if m.kind == "member"]
    [moscow] = [m for m in find_mentions("Moscow objected.", date(1950, 6, 27)) if m.kind == "member"]
    assert moscow.value == "SUN"


def test_relative_dates_resolve_against_publication():
    p = date(2022, 5, 26)  # a Thursday
    got = {m.text: m.value for m in find_dates("On Tuesday the council met; this week, last month, earlier this "
                                                "year and in May it argued; it will vote on Monday.", p)}
    assert got["On Tuesday"] == (date(2022, 5, 24),) * 2
    assert got["this week"] == (date(2022, 5, 23), date(2022, 5, 29))
    assert got["last month"] == (date(2022, 4, 1), date(2022, 4, 30))
    assert got["earlier this year"] == (date(2022, 1, 1), p)
    assert got["in May"] == (date(2022, 5, 1), date(2022, 5, 31))
    assert got["on Monday"] == (date(2022, 5, 30),) * 2
    assert dateline_date("SEOUL, Dec 18 (Wire) - ...", year_hint=2014) == date(2014, 12, 18)


def test_symbols_bodies_topics_and_counts():
    text = ("The 15-member Security Council adopted S/RES/2397 (2017) after the 14th launch; draft S/2014/348 on an "
            "ICC referral failed 13-2; the Third Committee vote on A/C.3/69/L.28 preceded A/RES/69/188, adopted 116 "
            "to 20 with 53 abstentions; resolutions 1718 and 2397 imposed sanctions; five permanent members.")
    ms = find_mentions(text, date(2022, 5, 26))
    of = lambda kind: [(m.text, m.value) for m in ms if m.kind == kind]  # noqa: E731
    assert [v for _, v in of("symbol")] == ["S/RES/2397 (2017)", "S/2014/348", "A/C.3/69/L.28", "A/RES/69/188",
                                          "S/RES/1718", "S/RES/2397"]
    assert {v for _, v in of("body")} >= {"SC", "GA-C3", "ICC"}
    assert {v for _, v in of("topic")} >= {"icc_referral", "sanctions", "missiles"}
    counts = {m.text: (m.value, m.detail) for m in ms if m.kind == "count"}
    assert counts["15-member"] == (15, "member")
    assert counts["14th launch"] == (14, "ordinal launch")
    assert counts["13-2"] == ((13, 2, None), "tally")
    assert counts["116 to 20 with 53 abstentions"] == ((116, 20, 53), "tally")
    assert counts["five permanent members"] == (5, "permanent member")


def test_sentences_survive_abbreviations():
    text = "N. Korea fired on Dec. 18 at 9 a.m. local time. The U.S. protested. A/C.3/69/L.28 passed."
    assert len(split_sentences(text)) == 3


def test_claims_of_each_kind():
    text = ("The 15-member council, where China and Russia are two of the five permanent members, adopted the text "
            "15-0. China and Russia vetoed S/2022/431. Albania abstained. The United States, which holds the council "
            "presidency this month, said Russia is sure to veto any new text.")
    kinds = {(c.kind, c.value, c.members) for c in find_claims(text, date(2022, 5, 26))}
    assert ("body_size", 15, ()) in kinds
    assert ("permanent_member", True, ("CHN", "RUS")) in kinds
    assert ("tally", (15, 0, None), ()) in kinds
    assert ("member_vote", "veto", ("CHN", "RUS")) in kinds
    assert ("member_vote", "A", ("ALB",)) in kinds
    assert ("presidency", None, ("USA",)) in kinds
    assert ("forecast", "veto", ("RUS",)) in kinds
