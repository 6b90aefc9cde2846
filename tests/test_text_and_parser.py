"""Unit tests of the pure parsing functions, on examples written for these tests."""

from __future__ import annotations

from upr_lens.parse.detect import cycle_of_wg_session
from upr_lens.parse.report import classify_lead_in, parse_report
from upr_lens.parse.states_in_text import split_state_groups
from upr_lens.parse.text import ordinal_value, repair_hyphens, strip_furniture, vocabulary
from upr_lens.records import Decision, Page


def test_hyphen_kept_for_compounds_and_removed_for_split_words():
    vocab = vocabulary(["the implementation of the plan", "a second implementation"])
    assert repair_hyphens("ensure follow\ufffeup of the plan", vocab) == "ensure follow-up of the plan"
    assert repair_hyphens("speed up imple\ufffementation now", vocab) == "speed up implementation now"
    assert repair_hyphens("full imple-\nmentation", vocab) == "full implementation"
    assert repair_hyphens("the OP\ufffeCAT treaty", vocab) == "the OP-CAT treaty"
    assert repair_hyphens("non\ufffediscrimination", vocab) == "non-discrimination"


def test_page_furniture_is_removed_but_text_kept():
    page = "A/HRC/99/7\n12 GE.99-12345\n99.3 Adopt a plan on housing\nfor 2030 (Chile);\n*9912345*"
    assert strip_furniture(page) == "99.3 Adopt a plan on housing\nfor 2030 (Chile);"
    assert strip_furniture("Page 15\nText line\n") == "Text line"


def test_ordinals_and_cycles():
    assert ordinal_value("forty-eighth") == 48
    assert ordinal_value("Sixth") == 6
    assert ordinal_value("twentieth") == 20
    assert ordinal_value("13th") == 13
    assert ordinal_value("session") is None
    assert [cycle_of_wg_session(s) for s in (1, 12, 13, 26, 27, 40, 41)] == [1, 1, 2, 2, 3, 3, 4]


def test_lead_in_decisions():
    assert classify_lead_in("The following recommendations did not enjoy the support of X:") is Decision.NOTED
    assert classify_lead_in("The recommendations listed below enjoy the support of X:") is Decision.SUPPORTED
    assert classify_lead_in("The following recommendations will be examined by X, which will provide "
                            "responses in due time") is Decision.TO_BE_EXAMINED
    assert classify_lead_in("X considers that the following are already implemented:") is Decision.IMPLEMENTED
    assert classify_lead_in("All conclusions reflect the position of the States.") is Decision.OTHER


def _states(text):
    parts, notes, trailing = split_state_groups(text)
    return [(p, [s.iso3 for s in states]) for p, states in parts], notes, trailing


def test_every_recommending_state_is_kept():
    parts, notes, _ = _states("Ratify the treaty on widgets (France) (Lithuania);")
    assert parts == [("Ratify the treaty on widgets", ["FRA", "LTU"])]
    parts, _, _ = _states("Ratify the treaty on widgets (France, Lithuania).")
    assert parts == [("Ratify the treaty on widgets", ["FRA", "LTU"])]
    parts, _, _ = _states("Protect reporters (Bosnia and Herzegovina, Trinidad and Tobago);")
    assert parts == [("Protect reporters", ["BIH", "TTO"])]
    parts, _, _ = _states("Protect reporters (Venezuela\n(Bolivarian Republic of ));")
    assert parts == [("Protect reporters", ["VEN"])]


def test_abbreviations_in_parentheses_stay_in_the_text():
    parts, _, _ = _states("Join the Convention on Widgets (CW) (Canada);")
    assert parts == [("Join the Convention on Widgets (CW)", ["CAN"])]


def test_multi_part_items_keep_each_states():
    parts, _, _ = _states("Adopt a law on bread (Spain); Create an office for bread (Portugal) (Peru);")
    assert parts == [("Adopt a law on bread", ["ESP"]), ("Create an office for bread", ["PRT", "PER"])]


def test_unknown_state_is_reported_not_dropped():
    parts, notes, _ = _states("Build more schools (Freedonia);")
    assert parts == [("Build more schools", [None])]
    assert any("Freedonia" in n for n in notes)


def test_missing_opening_parenthesis_and_trailing_marker():
    parts, notes, _ = _states("Publish the budget Ghana);")
    assert parts == [("Publish the budget", ["GHA"])]
    parts, notes, _ = _states("Publish the budget (Ghana);2")
    assert parts == [("Publish the budget", ["GHA"])]


def _pages(*texts):
    return [Page(i + 1, t) for i, t in enumerate(texts)]


def test_old_style_numbering_gives_paragraph_ids_and_ignores_numbers_in_text():
    pages = _pages(
        "A/HRC/98/3\n2\nII. Conclusions and/or recommendations\n"
        "40. The recommendations below enjoy the support of Monaco:\n"
        "1. Raise the minimum age of marriage to\n18 years for all (Chile);\n"
        "2. Improve prisons (Peru);\n"
        "41. The following recommendations did not enjoy the support of Monaco:\n"
        "1. Abolish the tax on widgets (Spain).\n"
        "42. All conclusions and/or recommendations contained in the present report reflect the position.",
    )
    parsed = parse_report(pages)
    ids = [r.rec_id for r in parsed.recommendations]
    assert ids == ["40.1", "40.2", "41.1"]
    first = parsed.recommendations[0]
    assert first.text == "Raise the minimum age of marriage to 18 years for all"
    assert first.decision is Decision.SUPPORTED
    assert parsed.recommendations[2].decision is Decision.NOTED


def test_dotted_ids_across_a_page_break_with_header():
    pages = _pages(
        "A/HRC/99/7\n10\nII. Conclusions and/or recommendations\n"
        "90. The following recommendations will be examined by Andorra, which will provide responses "
        "in due time:\n90.1 Ratify the widget treaty (France) (Lithuania);\n90.2 Ensure that the new",
        "A/HRC/99/7\nGE.99-12345 11\nlaw on shops is applied (Chile, Peru);\n90.3 Adopt a plan (Spain); "
        "Fund the plan (Portugal);\n91. All conclusions and/or recommendations contained in the present "
        "report reflect the position of the submitting State(s).",
    )
    parsed = parse_report(pages)
    recs = {r.rec_id: r for r in parsed.recommendations}
    assert list(recs) == ["90.1", "90.2", "90.3"]
    assert recs["90.2"].text == "Ensure that the new law on shops is applied"
    assert recs["90.2"].page == 1
    assert [s.iso3 for s in recs["90.2"].states] == ["CHL", "PER"]
    assert recs["90.3"].text == "Adopt a plan ; Fund the plan"
    assert len(recs["90.3"].parts) == 2
    assert all(r.decision is Decision.TO_BE_EXAMINED for r in recs.values())


def test_gap_in_ids_is_reported():
    pages = _pages(
        "II. Conclusions and/or recommendations\n"
        "90. The following recommendations enjoy the support of Andorra:\n"
        "90.1 Ratify the widget treaty (France);\n90.3 Ratify the gadget treaty (Chile);"
    )
    parsed = parse_report(pages)
    assert [r.rec_id for r in parsed.recommendations] == ["90.1", "90.3"]
    assert any("gap before 90.3" in n for n in parsed.notes)


def test_abbreviation_before_the_states_and_a_list_ending_with_and():
    parts, _, _ = _states("Join the Widget Protocol (WP) (France, Gabon); join the Gadget Protocol (GP) (Peru);")
    assert parts == [("Join the Widget Protocol (WP)", ["FRA", "GAB"]), ("join the Gadget Protocol (GP)", ["PER"])]
    parts, _, _ = _states("Ratify the widget treaty (Spain, Italy, and Sweden);")
    assert parts == [("Ratify the widget treaty", ["ESP", "ITA", "SWE"])]


def test_parts_separated_by_slashes():
    parts, _, _ = _states("Open a widget office (Chile) / Fund the widget office (Peru) / Staff it well (Spain);")
    assert parts == [("Open a widget office", ["CHL"]), ("Fund the widget office", ["PER"]),
                     ("Staff it well", ["ESP"])]
