"""Property-based fuzzing of every parser entry point: whatever the text, a parser returns a result or raises
DocumentError (one line for that file), never IndexError, KeyError, ValueError... that would stop a batch.

Hypothesis runs derandomized (a fixed seed: the same inputs on every run, in CI too) with a bounded number
of examples per entry point, so the whole module stays well under a minute. The inputs mix the words
and shapes the parsers look for (symbols, numbered ids, lead-ins, State groups, table headings) with
arbitrary text, so they reach the parsers' deeper branches.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upr_lens.errors import DocumentError
from upr_lens.records import Page

FUZZ = settings(derandomize=True, max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FRAGMENTS = [
    "II. Conclusions and/or recommendations", "Conclusions and recommendations", "115.", "115.1", "115.2.",
    "116.", "116.3", "1.", "(a)", "The following recommendations will be examined by", "enjoy the support of",
    "which enjoy the support of Andorra", "will be examined by Andorra, which will provide responses in due time",
    "have been noted", "the following recommendations did not enjoy the support of", "(France)", "(Chile, Peru)",
    "(Chile Egypt)", "(United Kingdom of Great Britain and Northern Ireland)", "(Holy See);", "(", ")", ";", ",",
    ".", "A/HRC/21/6", "A/HRC/21/6/Add.1", "A/HRC/WG.6/12/AND/1", "Add.1", "Distr.: General",
    "Working Group on the Universal Periodic Review", "Twelfth session", "Human Rights Council",
    "Report of the Working Group on the Universal Periodic Review", "Andorra", "India", "GE.12-", "*",
    "Supported", "Noted", "Accepted", "Partially supported", "Recommendation", "Position", "Themes",
    "Source of position: A/HRC/43/15 - Para 121", "Affected persons:", "SDGs:", "Rights of the Child",
    "115.1 Ratify the Convention (France)", "paras.", "115.3-115.7", "115.10 to 115.12", "and", "or",
    "Response to recommendations", "accepts", "does not accept", "already implemented", "\n", "\n\n", "  ",
    "[/b]", "[red]", "=HYPERLINK(\"x\")", "\u00ad", "\ufb01", "\u2013", "\u201c", "&amp;", "&#40;", "\x0c",
]

_piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
texts = st.lists(_piece, max_size=40).map(" ".join)
lines = st.lists(_piece, max_size=40).map(lambda parts: "\n".join(parts))
pages = st.lists(lines, min_size=0, max_size=5).map(lambda texts: [Page(i + 1, t) for i, t in enumerate(texts)])
cells = st.one_of(lines, st.sampled_from(["", "Recommendation", "Position", "Themes", "SDGs"]))
rows = st.lists(cells, min_size=0, max_size=5)
tables = st.lists(st.lists(rows, max_size=6), max_size=3)


def _only_document_errors(parse, *args):
    try:
        return parse(*args)
    except DocumentError as error:
        assert str(error).strip(), "a DocumentError says why"
        return None


@FUZZ
@given(pages)
def test_parse_report_never_raises_anything_but_document_error(pages):
    from upr_lens.parse.report import parse_report

    _only_document_errors(parse_report, pages)


@FUZZ
@given(pages, st.one_of(st.none(), st.integers(min_value=-5, max_value=200)))
def test_parse_addendum_never_raises_anything_but_document_error(pages, paragraph):
    from upr_lens.parse.addendum import parse_addendum

    _only_document_errors(parse_addendum, pages, paragraph)


@FUZZ
@given(tables)
def test_parse_thematic_list_never_raises_anything_but_document_error(tables):
    from upr_lens.parse.thematic_list import parse_thematic_list

    _only_document_errors(parse_thematic_list, tables)


def test_a_thematic_list_row_with_merged_cells_is_a_document_error():
    """The row shape that stopped a batch of 13 files with an IndexError (issue 12)."""
    import pytest

    from upr_lens.parse.thematic_list import parse_thematic_list

    table = [["Recommendation", "Position", "Full list of themes"],
             ["115.1 Ratify the Convention (France)", "Supported", "A41 Constitutional framework"],
             ["115.2 Adopt a law (Chile) Source of position: A/HRC/43/15 - Para 121", "Noted"]]  # merged
    with pytest.raises(DocumentError, match="merged cells"):
        parse_thematic_list([table])


@FUZZ
@given(texts)
def test_split_state_groups_never_raises(text):
    from upr_lens.parse.states_in_text import resolve_names, split_state_groups

    parts, notes, trailing = split_state_groups(text)
    assert isinstance(parts, list) and isinstance(notes, list) and isinstance(trailing, str)
    mentions, known = resolve_names(text)
    assert isinstance(known, bool)


@FUZZ
@given(pages, tables)
def test_detect_never_raises_anything_but_document_error(pages, tables):
    from upr_lens.parse.detect import detect

    _only_document_errors(detect, pages, tables)
