"""Cycle-3/4 addendum layouts: the generated addenda (corpora/make_corpus_layouts.py) give exactly the
positions of EXPECTED.json, partial ones with their explanation, parsed and ingested; range notations;
a wrong "(N in total)"; the corpus regenerates to the same ground truth."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from upr_lens import store
from upr_lens.ingest import ingest
from upr_lens.parse.addendum import classify_position, expand_ids, parse_addendum
from upr_lens.parse.detect import detect
from upr_lens.parse.report import parse_report
from upr_lens.read import read_document
from upr_lens.records import Decision, DocType, Page

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpora" / "synthetic"
EXPECTED = json.loads((CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))
DOCUMENTS = {d["file"]: d for d in EXPECTED["documents"]}
LAYOUTS = [d for d in EXPECTED["documents"] if d["doc_type"] == "addendum" and "layout_name" in d]
REPORT_FILE = {d["symbol"]: d["file"] for d in EXPECTED["documents"] if d["doc_type"] == "report"}
# ingest passes no report ids to the addendum parser yet: these two layouts need them (see parse_addendum)
NEEDS_REPORT_IDS = {"synthetic-addendum-accepted-list.pdf", "synthetic-addendum-accepted-list-docx.docx",
                    "synthetic-addendum-per-paragraph.pdf"}


def test_every_layout_is_in_the_corpus_in_both_formats():
    assert len(LAYOUTS) == 13
    assert {d["format"] for d in LAYOUTS} == {"pdf", "docx"}
    assert sum(len(d["explanations"]) for d in LAYOUTS) >= 8  # partial positions in several layouts


def _examined(report_file: str) -> tuple[set[str], int | None]:
    parsed = parse_report(read_document(CORPUS / report_file).pages)
    examined = {r.rec_id for r in parsed.recommendations if r.decision is Decision.TO_BE_EXAMINED}
    paragraphs = sorted({r.paragraph for r in parsed.recommendations if r.decision is Decision.TO_BE_EXAMINED})
    return examined, paragraphs[0] if len(paragraphs) == 1 else None


@pytest.mark.parametrize("expected", LAYOUTS, ids=[d["file"] for d in LAYOUTS])
def test_generated_addendum_parses_to_the_expected_positions(expected):
    raw = read_document(CORPUS / expected["file"])
    info = detect(raw.pages, raw.tables)
    assert info.doc_type is DocType.ADDENDUM and info.symbol == expected["symbol"]
    assert info.state_iso3 == expected["state"]["iso3"]
    examined, paragraph = _examined(REPORT_FILE[expected["report_symbol"]])
    assert examined == set(expected["positions"])
    parsed = parse_addendum(raw.pages, paragraph, report_ids=examined)
    got = {p.rec_id: p.position for p in parsed.positions}
    assert got == expected["positions"]
    partial = {p.rec_id: p.explanation for p in parsed.positions if p.position == "partially supported"}
    assert partial == expected["explanations"]
    assert not [n for n in parsed.notes if "two positions" in n or "announces" in n]


@pytest.mark.parametrize("expected", LAYOUTS, ids=[d["file"] for d in LAYOUTS])
def test_generated_addendum_ingested_gives_the_expected_positions(expected, tmp_path):
    db = tmp_path / "store.duckdb"
    # the addendum first: it waits for its report
    results = ingest([CORPUS / expected["file"], CORPUS / REPORT_FILE[expected["report_symbol"]]], db)
    assert all(r.ok for r in results), [r.error for r in results]
    con = store.connect(db, read_only=True)
    rows = con.execute("SELECT rec_id, position, explanation FROM positions WHERE source_kind = 'addendum' "
                       "AND source_symbol = ?", [expected["symbol"]]).fetchall()
    con.close()
    assert {r[0]: r[1] for r in rows} == expected["positions"]
    assert {r[0]: r[2] for r in rows if r[1] == "partially supported"} == expected["explanations"]
    addendum = next(r for r in results if r.info and r.info.doc_type is DocType.ADDENDUM)
    assert not [n for n in addendum.notes if "no position" in n or "does not have" in n], addendum.notes


def test_without_report_ids_the_unresolved_statements_are_reported():
    for name in sorted(NEEDS_REPORT_IDS):
        parsed = parse_addendum(read_document(CORPUS / name).pages, None)
        assert any("needs the report's ids" in n or "need the report's ids" in n or "that needs" in n
                   for n in parsed.notes), parsed.notes


@pytest.mark.parametrize("printed, ids", [
    ("139.1, 139.4-139.9, 139.12 to 139.15 and 139.20",
     ["139.1", "139.4", "139.5", "139.6", "139.7", "139.8", "139.9", "139.12", "139.13", "139.14", "139.15",
      "139.20"]),
    ("50.28.-50.30", ["50.28", "50.29", "50.30"]),
    ("50.28 to 50.30", ["50.28", "50.29", "50.30"]),
    ("50.28-30", ["50.28", "50.29", "50.30"]),
    ("50.28 – 50.30; 50.31.", ["50.28", "50.29", "50.30", "50.31"]),
    ("7.1 to 8.2", ["7.1"]),  # not a range across paragraphs
])
def test_range_notations(printed, ids):
    assert expand_ids(printed, None) == ids


def _parse(text: str, report_ids=None):
    return parse_addendum([Page(1, text)], None, report_ids=report_ids)


def test_prose_with_a_supported_and_a_noted_sentence():
    parsed = _parse("2. Ruritania supports the following recommendations: 12.1, 12.3 to 12.5 and 12.9-10. "
                    "It notes recommendations 12.2, 12.6.-12.8.\n3. Ruritania will report in due course.")
    got = {p.rec_id: p.position for p in parsed.positions}
    assert got == {"12.1": "supported", "12.3": "supported", "12.4": "supported", "12.5": "supported",
                   "12.9": "supported", "12.10": "supported", "12.2": "noted", "12.6": "noted", "12.7": "noted",
                   "12.8": "noted"}


def test_partial_wordings():
    assert classify_position("Ruritania supports in part recommendation 4.2") == "partially supported"
    assert classify_position("it notes in part recommendation 4.2") == "partially supported"
    assert classify_position("it supports the part on schools and notes the rest") == "partially supported"
    assert classify_position("Ruritania notes recommendation 4.2") == "noted"
    parsed = _parse("| Recommendation | Position | Comments\n| 4.1; 4.2 | Noted in part | Only the part on "
                    "schools is supported.\n| 4.3 | Supported |")
    got = {p.rec_id: (p.position, p.explanation) for p in parsed.positions}
    assert got == {"4.1": ("partially supported", "Only the part on schools is supported."),
                   "4.2": ("partially supported", "Only the part on schools is supported."),
                   "4.3": ("supported", "")}


def test_a_wrong_count_in_the_list_heading_is_reported():
    text = ("2. Ruritania accepts the recommendations below; all other recommendations are noted.\n"
            "List of accepted recommendations (4 in total):\n30.1, 30.2, 30.5\n")
    parsed = _parse(text, report_ids={"30.1", "30.2", "30.3", "30.4", "30.5"})
    assert {p.rec_id: p.position for p in parsed.positions} == {
        "30.1": "supported", "30.2": "supported", "30.5": "supported", "30.3": "noted", "30.4": "noted"}
    assert any("announces 4 recommendations but lists 3" in n for n in parsed.notes), parsed.notes
    right = _parse(text.replace("(4 in total)", "(3 in total)"), report_ids={"30.1", "30.2", "30.5"})
    assert not any("announces" in n for n in right.notes)


def test_an_id_given_two_positions_is_reported():
    parsed = _parse("30.1 Supported\n30.2 Noted\n30.1 Noted\n")
    assert any("30.1 is given two positions" in n for n in parsed.notes), parsed.notes


def test_word_addendum_with_a_position_table_is_an_addendum_and_the_thematic_list_stays_one():
    raw = read_document(CORPUS / "synthetic-addendum-word-table.docx")
    assert detect(raw.pages, raw.tables).doc_type is DocType.ADDENDUM
    raw = read_document(CORPUS / "synthetic-thematic-list-cycle3.docx")
    info = detect(raw.pages, raw.tables)
    assert info.doc_type is DocType.THEMATIC_LIST and info.symbol == "A/HRC/99/7"


def test_report_features_of_the_layout_reviews():
    # ids printed with a trailing dot ("17.1.")
    ids = [r.rec_id for r in parse_report(read_document(CORPUS / "synthetic-report-id-lines.pdf").pages)
           .recommendations]
    assert ids == [f"17.{n}" for n in range(1, 10)]
    # examined recommendations split over two paragraphs, then a lone one with singular wording
    parsed = parse_report(read_document(CORPUS / "synthetic-report-per-paragraph.pdf").pages)
    decisions = {r.rec_id: r.decision for r in parsed.recommendations}
    assert decisions["18.1"] is Decision.TO_BE_EXAMINED and decisions["19.1"] is Decision.NOTED
    assert len(decisions) == 11
    # the last item of the Luxembourg report spans a page break: the running header falls mid-item
    expected = DOCUMENTS["synthetic-report-prose-ranges.pdf"]
    assert expected["layout"]["items_spanning_pages"] == ["22.18"]
    parsed = parse_report(read_document(CORPUS / expected["file"]).pages)
    last = next(r for r in parsed.recommendations if r.rec_id == "22.18")
    assert last.text == expected["recommendations"][-1]["text"] and "A/HRC" not in last.text


def test_regenerating_the_corpus_gives_the_same_ground_truth(tmp_path):
    fonts = Path("/usr/share/fonts/truetype/dejavu")
    if not (fonts / "DejaVuSerifCondensed.ttf").is_file():
        pytest.skip("the generator needs the DejaVu Serif Condensed fonts")
    run = subprocess.run([sys.executable, str(REPO / "corpora" / "make_corpus.py"), str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert json.loads((tmp_path / "EXPECTED.json").read_text(encoding="utf-8")) == EXPECTED
    for expected in LAYOUTS:  # the regenerated addenda parse as the shipped ones (bytes may vary with fonts)
        fresh = parse_addendum(read_document(tmp_path / expected["file"]).pages, None)
        shipped = parse_addendum(read_document(CORPUS / expected["file"]).pages, None)
        assert fresh == shipped


def test_ingest_lists_ids_without_position_given_twice_or_unknown(tmp_path):
    from docx import Document

    report = DOCUMENTS["synthetic-report-word-table.pdf"]
    doc = Document()
    for line in ["United Nations A/HRC/99/32/Add.1", "General Assembly", "12 February 2024", "Human Rights Council",
                 "Report of the Working Group on the Universal Periodic Review", "San Marino", "Addendum",
                 "Views on conclusions and/or recommendations, voluntary commitments and replies presented by "
                 "the State under review", "Test file written by the upr_lens tests."]:
        doc.add_paragraph(line)
    table = doc.add_table(rows=0, cols=3)
    for cells in [("Recommendation", "Position", "Comments"), ("17.1", "Supported", ""), ("17.2", "Noted", ""),
                  ("17.2", "Supported", "given twice"), ("17.3; 17.4", "Noted in part", "the part on x"),
                  ("17.44", "Supported", "not in the report")] + [(f"17.{n}", "Supported", "") for n in range(5, 10)]:
        row = table.add_row()
        for cell, text in zip(row.cells, cells):
            cell.text = text
    path = tmp_path / "addendum.docx"
    doc.save(str(path))
    results = ingest([CORPUS / report["file"], path], tmp_path / "store.duckdb")
    addendum = next(r for r in results if r.path == str(path))
    assert addendum.ok and addendum.info.doc_type is DocType.ADDENDUM, addendum.error
    notes = " | ".join(addendum.notes)
    assert "17.2 is given two positions" in notes
    assert "ids the report does not have: 17.44" in notes
    assert "no position for examined recommendation(s): 17.10" in notes


def test_a_paragraph_position_with_exceptions():
    text = ("2. The recommendations in paragraph 40 of the report enjoy the support of Ruritania, with the "
            "exception of 40.2 and 40.4, which are noted.\n3. Ruritania will report on them.")
    report_ids = {"40.1", "40.2", "40.3", "40.4", "41.1"}
    parsed = _parse(text, report_ids=report_ids)
    assert {p.rec_id: p.position for p in parsed.positions} == {
        "40.1": "supported", "40.3": "supported", "40.2": "noted", "40.4": "noted"}
    without = _parse(text)  # the exceptions are named; the rest of the paragraph needs the report's ids
    assert {p.rec_id: p.position for p in without.positions} == {"40.2": "noted", "40.4": "noted"}
    assert any("needs the report's ids" in n for n in without.notes)


def test_id_lines_with_a_trailing_dot_and_a_split_position():
    parsed = _parse("2. The positions are as follows:\n139.12. Supported\n139.13. Noted\n"
                    "139.14 Supported/Noted The first half is accepted.\n139.15 Accepted\n139.16 Rejected\n")
    got = {p.rec_id: (p.position, p.explanation) for p in parsed.positions}
    assert got == {"139.12": ("supported", ""), "139.13": ("noted", ""),
                   "139.14": ("partially supported", "The first half is accepted."), "139.15": ("supported", ""),
                   "139.16": ("noted", "")}
