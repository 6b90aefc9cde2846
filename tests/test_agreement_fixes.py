"""Extraction fixes found by comparing the store with UPR Info's coding, review by review (issue 10).

Each test reads the real document (skipped outside CI when ../shared is absent) and checks what a reading of
the PDF gives: the expected counts and decisions are written here from that reading, paragraph named.
"""

from __future__ import annotations

import pytest

from tests.conftest import require_shared
from upr_lens.parse.addendum import classify_position, parse_addendum
from upr_lens.parse.early_form import references
from upr_lens.parse.report import classify_lead_in, implemented_position, parse_report
from upr_lens.read import read_document
from upr_lens.records import Decision
from upr_lens.reference import matching_text


def _report(name: str):
    return parse_report(read_document(require_shared("upr", "reports", name)).pages)


def _paragraph(parsed, paragraph: int):
    return [r for r in parsed.recommendations if r.paragraph == paragraph]


def test_nigeria_2009_items_are_left_to_the_outcome_not_noted():
    # A/HRC/11/26 para 103 lists 32 items; para 104: Nigeria "takes note" of them and says some enjoy its
    # support, some need to be further examined, some do not, and that its response will be in the outcome
    # report: the report decides none of them
    items = _paragraph(_report("nigeria2009.pdf"), 103)
    assert len(items) == 32
    assert {r.decision for r in items} == {Decision.TO_BE_EXAMINED}


def test_ghana_2008_recommendations_to_be_examined_are_not_noted():
    # A/HRC/8/36 para 70: the recommendations of paragraphs 16, 20, 24, 30, 38, 41, 46, 50 and 54 "will be
    # examined by Ghana which will provide responses ... Both will be noted in the outcome report"
    items = _paragraph(_report("ghana2008.pdf"), 70)
    assert len(items) == 9
    assert {r.decision for r in items} == {Decision.TO_BE_EXAMINED}


@pytest.mark.parametrize(("name", "paragraph", "count"), [
    ("china2009.pdf", 115, 3),  # A/HRC/11/25 para 115: "are noted and China indicated ... already implemented"
    ("vietnam2009.pdf", 101, 5),  # A/HRC/12/11 para 101: "Viet Nam noted the following ... implemented"
    ("uzbekistan2009.pdf", 106, 27),  # A/HRC/10/83 para 106: "... implemented and will be further considered"
])
def test_implementation_claims_without_support_are_noted(name, paragraph, count):
    items = _paragraph(_report(name), paragraph)
    assert len(items) == count
    assert {r.decision for r in items} == {Decision.IMPLEMENTED}
    assert {implemented_position(r.lead_in) for r in items} == {"noted"}


def test_implementation_claims_with_support_stay_supported():
    # A/HRC/10/83 para 104 (supported) is not an implementation claim; Uzbekistan 2013 (A/HRC/24/7) para 134
    # "considers that recommendations below are already implemented": no word of noting, so supported
    items = _paragraph(_report("uzbekistan2013.pdf"), 134)
    assert items and {r.decision for r in items} == {Decision.IMPLEMENTED}
    assert {implemented_position(r.lead_in) for r in items} == {"supported"}
    assert implemented_position("The following recommendations enjoy the support of X, which considers that "
                                "they are already implemented:") == "supported"


def test_slovenia_2010_addendum_accepts_and_notes_that_is_supported():
    # A/HRC/14/15/Add.1: "Slovenia accepts the recommendation and notes that ..." for 111.11, 111.12, 111.16,
    # 111.24, 111.47, 111.72 (and "accepts these recommendations and notes that" for 111.65-111.68)
    parsed = parse_addendum(read_document(require_shared("upr", "slovenia", "cycle1", "g1012465.pdf")).pages, 111)
    positions = {p.rec_id: p.position for p in parsed.positions}
    for rec_id in ("111.11", "111.12", "111.16", "111.24", "111.47", "111.72", "111.65", "111.68"):
        assert positions[rec_id] == "supported", rec_id
    assert classify_position("X notes the recommendation.") == "noted"
    assert classify_position("X accepts the recommendation and notes that it is implemented.") == "supported"


def test_burundi_2009_comments_are_not_recommendations_and_referenced_asks_are():
    # A/HRC/10/71 para 82 references 26 (e), 29, 49 (b), 53 (b), 56 (b), 61 (b), 62 (a), (b), 64 (d), 64 (e):
    # 10 asks; its numbered items 1-2 are Burundi's comments ("With regard to ..."). Para 83 references 22 asks
    # (23, 24 (b), 26 (a), 27, 30, 31, 32 (b), 33 (a) and (b), 35 (c) and (d), 51 (b), 52 (b) and (d), 53 (a),
    # 57 (c), 62 (d), 63 (b), 64 (a), (b), (c) and (f)) and its items 1-3 are comments too.
    parsed = _report("burundi2009.pdf")
    noted, taken_note = _paragraph(parsed, 82), _paragraph(parsed, 83)
    assert (len(noted), len(taken_note)) == (10, 22)
    assert not any(r.text.startswith("With regard to") for r in noted + taken_note)
    assert {r.decision for r in noted + taken_note} == {Decision.NOTED}
    # 41 supported items in para 80, 10 to be examined in para 81
    assert len(parsed.recommendations) == 41 + 10 + 10 + 22
    # para 33 prints no letters: Denmark's second "recommended" is ask (b), on torture
    denmark_b = [r for r in taken_note if "33 (b)" in " ".join(r.notes)]
    assert len(denmark_b) == 1 and "torture" in denmark_b[0].text


def test_monaco_2009_comments_are_not_recommendations():
    # A/HRC/12/3 para 82 references 31 (b), 33 (a), 37, 38 (b), 43 (a) (ii), 68 (d) (i) and 74 (a): 7 asks
    # ("(ii)" and "(i)" are sub-items of (a) and (d)); its items 1-3 comment on them
    items = _paragraph(_report("monaco2009.pdf"), 82)
    assert len(items) == 7
    assert not any(r.text.startswith("With regard to") for r in items)


def test_burkina_faso_2009_a_reference_repeated_by_a_later_paragraph_is_stored_once():
    # A/HRC/10/80 para 99 references 18 asks (35 (b), 38 (a)-(d), 44 (b), (d), 49 (c), 58 (a), (b), 68 (a),
    # 72 (b), (c), 74 (a), 78 (c), 80, 82 (b), 87 (a)); para 100 "takes note of the recommendations
    # reflected in paragraphs 35 (b), 38 (b), 58 (a) and (b), 68 (a), 74 (a) and offers the following
    # comments": the same six, not new recommendations
    parsed = _report("burkinafaso2009.pdf")
    assert len(_paragraph(parsed, 99)) == 18
    assert _paragraph(parsed, 100) == []
    assert any("already given by paragraph 99" in n for n in parsed.notes)


def test_uzbekistan_2009_both_lists_of_paragraphs_are_read():
    # A/HRC/10/83 para 107 references 33 (a, b), 39 (a), 48 (c), 65(a), 79 (d, f, g, h) in one sentence (9 asks)
    # and 43(a), 44, 50 (a, b), 65(d), 67 (a), 87(a) in the next (7 asks)
    assert len(_paragraph(_report("uzbekistan2009.pdf"), 107)) == 16
    # "paragraph 77. 24" (Estonia 2011) is a recommendation id, not dialogue paragraph 24
    assert references("the recommendation in paragraph 77. 24 is in the process of implementation") == []


def test_saudi_arabia_2009_letters_printed_without_opening_parenthesis():
    # A/HRC/11/23 para 88 references 17 asks: 44 (e), 54 (b), 79 (c), 46 (b), 49 (b), 65 (d), 75 (b), 47 (e),
    # 46 (a), 65 (b), 71 (b), 48 (d), 74 (c), 65 (a), 27 (c), 44 (c), 74 (b); para 65 letters its asks "a)",
    # "b)" without an opening parenthesis (an abolition ask, then a moratorium ask)
    parsed = _report("saudiarabia2009.pdf")
    items = _paragraph(parsed, 88)
    assert len(items) == 17
    assert not any("not found" in n for n in parsed.notes)
    by_ref = {n.split("paragraph ")[1].split(";")[0]: r.text for r in items for n in r.notes if "dialogue" in n}
    assert by_ref["65 (a)"].startswith("Totally abolish")
    assert by_ref["65 (b)"].startswith("Establish a moratorium")


@pytest.mark.parametrize(("name", "paragraph", "speaker"), [
    # A/HRC/11/19 para 86 calls the recommendations of dialogue paragraph 54 (Georgia's) not relevant
    ("russia2009.pdf", 86, "GEO"),
    # A/HRC/11/20 para 98 calls the remarks and recommendations of dialogue paragraph 74 (Armenia's) not
    # relevant
    ("azerbaijan2009.pdf", 98, "ARM"),
])
def test_recommendations_a_state_calls_not_relevant_are_noted(name, paragraph, speaker):
    items = _paragraph(_report(name), paragraph)
    assert len(items) == 1
    assert items[0].decision is Decision.NOTED
    assert [s.iso3 for s in items[0].parts[0].states] == [speaker]


def test_colombia_2009_repeated_paragraph_numbers_are_not_whole_paragraph_asks():
    # A/HRC/10/82 para 88: "paragraphs 19(d), 19(e), 22(c), 23(b), 23(d), 23(e), 35(c), 37(a), 37(c), 40(e),
    # 60(a)": 11 asks, no whole paragraph 19, 23 or 37
    assert len(_paragraph(_report("colombia2009.pdf"), 88)) == 11
    assert references("paragraphs 64 (d), 64 (e) above") == [(64, "d"), (64, "e")]
    assert references("paragraphs 27 (b), (c), 31 and 43 (a, d) above") == [
        (27, "b"), (27, "c"), (31, None), (43, "a"), (43, "d")]


def test_lead_in_deferring_the_response_is_to_be_examined():
    assert classify_lead_in("X takes note of the recommendations above; some enjoy its support, others need to "
                            "be further examined. The response of X to these recommendations will be included in "
                            "the outcome report.") is Decision.TO_BE_EXAMINED
    assert classify_lead_in("The recommendations below did not enjoy the support of X:") is Decision.NOTED


def test_matching_text_writes_treaties_by_their_full_names():
    # UPR Info's "Sign ICRMW" against a report's spelled-out Convention (Canada 2009, session 4)
    assert matching_text("Sign ICRMW") == matching_text(
        "Sign International Convention on the Protection of the Rights of All Migrant Workers and Members of Their "
        "Families")
    assert "migrant workers" in matching_text("Sign ICRMW")
    assert matching_text("Accede to CAT") != matching_text("Accede to OP-CAT")
