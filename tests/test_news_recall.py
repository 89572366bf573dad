"""The article checker decides more without deciding wrongly: the general causes of "not in the record" that the
development sets showed, each on a story built from facts of the record."""

from datetime import date

from unvote.news import check


def _statements(text, record, published=None):
    """The checker's statements on ``text``; forecasts off, since no verdict depends on the forecaster."""
    return check(text, published, record, forecasts=False).statements


def _by_text(statements):
    return {s.text: s for s in statements}


def test_two_vetoes_the_same_day_judged_by_what_both_show(record):
    # 30 Oct 1956: S/3710 and S/3713/Rev.1 were both vetoed by Britain and France, 7-2-2; the record has no sponsors
    # to tell "a U.S. draft" from "a Soviet draft", but every claim below is true of both.
    text = ("Britain, France veto Council call on Egypt\n"
            "UNITED NATIONS, Oct. 31, 1956 (Wire) - Britain and France on Tuesday vetoed a draft on Egypt in "
            "the Security Council. "
            "The draft won seven votes, with Britain and France voting against.")
    statements = _statements(text, record)
    assert {s.verdict for s in statements} == {"supported"}
    assert all(set(s.decisions) == {"SC-DRAFT-S/3710", "SC-DRAFT-S/3713/REV.1"} for s in statements)
    # A claim the two votes answer differently stays undecided: neither is 7-4.
    [tally] = [s for s in _statements("The Security Council on Tuesday rejected a draft on Egypt 7-4.", record,
                                      date(1956, 10, 31)) if s.kind == "tally"]
    assert tally.verdict == "contradicted" and len(tally.decisions) == 2


def test_a_headline_speaks_of_the_story_lead(record):
    text = ("Russia, South Africa block U.S. draft on Venezuela at U.N.\n"
            "UNITED NATIONS, Feb. 28, 2019 (Wire) - Russia and China on Thursday vetoed a U.S. draft on Venezuela.")
    [headline] = [s for s in _statements(text, record) if s.start == 0]
    assert headline.verdict == "contradicted" and headline.decisions == ["SC-DRAFT-S/2019/186"]
    assert "South Africa voted no on S/2019/186; it did not veto it." in headline.evidence


def test_a_headline_veto_is_not_judged_against_an_assembly_lead(record):
    text = ("Russia vetoes Crimea text, Assembly acts\n"
            "UNITED NATIONS, March 28, 2014 (Wire) - The General Assembly on Thursday adopted a resolution declaring "
            "the Crimea referendum invalid by 100 votes to 11, with 58 abstentions.")
    [headline] = [s for s in _statements(text, record) if s.start == 0]
    # No day named: the week before holds only S/RES/2147 (adopted), which Russia did not veto.
    assert headline.verdict == "not in the record"


def test_an_aside_about_another_vote_does_not_move_the_sentence(record):
    # A/RES/ES-6/2 (14 Jan 1980): USSR, East Germany (DDR) and Cuba no, India abstained; S/13729 was vetoed on Jan. 7.
    text = ("UNITED NATIONS, Jan. 15, 1980 (Wire) - The General Assembly on Monday adopted a resolution on "
            "Afghanistan by 104 votes to 18. The Soviet Union, which had vetoed a similar draft in the Security "
            "Council on Jan. 7, voted against, as did East Germany and Cuba. India abstained.")
    by_text = _by_text(_statements(text, record))
    aside = by_text["Soviet Union, which had vetoed"]
    assert aside.verdict == "supported" and aside.decisions == ["SC-DRAFT-S/13729"]
    against = by_text["Soviet Union, which had vetoed a similar draft in the Security Council on Jan. 7, voted "
                      "against, as did East Germany and Cuba"]
    assert against.verdict == "supported" and against.decisions == ["GA-UNDL-616935"]
    assert "Union of Soviet Socialist Republics voted no on A/RES/ES-6/2." in against.evidence
    assert "German Democratic Republic voted no on A/RES/ES-6/2." in against.evidence
    assert by_text["India abstained"].verdict == "supported"


def test_a_vote_told_relative_to_another(record):
    text = ("UNITED NATIONS, March 28, 2014 (Wire) - The General Assembly on Thursday declared the Crimea referendum "
            "invalid, adopting a resolution by 100 votes to 11. The vote came two weeks after Russia vetoed a "
            "similar draft in the Security Council.")
    vetoes = [s for s in _statements(text, record) if "vetoed" in s.text]
    assert vetoes and all(s.verdict == "supported" and s.decisions == ["SC-DRAFT-S/2014/189"] for s in vetoes)


def test_a_resolution_named_by_its_title_among_many_that_day(record):
    # 5 Dec 2018: 35 recorded Assembly votes, all on disarmament; A/RES/73/48 is titled by the treaty.
    text = ("UNITED NATIONS, Dec. 6, 2018 (Wire) - The General Assembly on Wednesday adopted a resolution welcoming "
            "the Treaty on the Prohibition of Nuclear Weapons by 126 votes to 41. The United States, Russia, China, "
            "Britain and France, the five permanent members of the Security Council, all voted against. "
            "Sweden abstained.")
    statements = _statements(text, record)
    judged = [s for s in statements if s.kind in ("outcome", "tally", "member_vote")]
    assert len(judged) == 4 and all(s.verdict == "supported" and s.decisions == ["GA-6083-20181205"] for s in judged)


def test_a_state_without_a_council_seat_is_contradicted_even_without_member_votes(record):
    # S/15966/Rev.1 (12 Sep 1983): the record has the tally and the Soviet veto but no member votes; Japan held no
    # seat in 1983, Poland did (its vote is not in the record).
    text = ("UNITED NATIONS, Sept. 13, 1983 (Wire) - The Soviet Union on Monday vetoed a Security Council "
            "resolution on the downed Korean airliner, with Japan voting in favour. Poland on Monday voted against it.")
    by_text = _by_text(_statements(text, record))
    japan = next(s for t, s in by_text.items() if "Japan" in t)
    assert japan.verdict == "contradicted" and "Japan was not on the Council on 1983-09-12." in japan.evidence
    poland = next(s for t, s in by_text.items() if "Poland" in t)
    assert poland.verdict == "not in the record"
