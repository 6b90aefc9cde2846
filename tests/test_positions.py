"""Positions: addenda, in-report decisions, thematic lists, and the final position of each recommendation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import require_shared

from upr_lens import store
from upr_lens.parse.addendum import expand_ids, parse_addendum
from upr_lens.parse.thematic_list import parse_thematic_list
from upr_lens.read import read_document
from upr_lens.records import Page
from upr_lens.track.positions import check_addendum, normalize_position

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "synthetic"


def test_id_ranges_in_every_printed_form():
    assert expand_ids("122.17-18, 122.34- 35, 122.14– 15 and 122.91-94", None) == [
        "122.17", "122.18", "122.34", "122.35", "122.14", "122.15", "122.91", "122.92", "122.93", "122.94"]
    assert expand_ids("115.1-115.3", None) == ["115.1", "115.2", "115.3"]
    assert expand_ids("1–3, 14 and 20", 115) == ["115.1", "115.2", "115.3", "115.14", "115.20"]
    assert expand_ids("1–3", None) == []


def _pages(text: str) -> list[Page]:
    return [Page(1, text)]


def test_addendum_lists_headings_and_explanations():
    text = (
        "I. Accepted recommendations\n"
        "3. The Government accepts the following recommendations 77.1, 77.3-5,\n77.8.\n"
        "II. Accepted recommendations that the State considers already implemented\n"
        "4. The Government accepts the following recommendations 77.2, 77.6. It adds some information.\n"
        "77.2\nA new bakery law was passed last spring.\n"
        "III. Noted recommendations\n"
        "5. The Government notes recommendations 77.7 and 77.9.\n"
        "77.9\nThe widget tax is under review.\n"
    )
    parsed = parse_addendum(_pages(text))
    got = {p.rec_id: (p.position, p.implemented_claim) for p in parsed.positions}
    assert got == {
        "77.1": ("supported", False), "77.3": ("supported", False), "77.4": ("supported", False),
        "77.5": ("supported", False), "77.8": ("supported", False), "77.2": ("supported", True),
        "77.6": ("supported", True), "77.7": ("noted", False), "77.9": ("noted", False),
    }
    explained = {p.rec_id: p.explanation for p in parsed.positions if p.explanation}
    assert explained == {"77.2": "A new bakery law was passed last spring.", "77.9": "The widget tax is under review."}


def test_addendum_prose_form_and_two_positions_reported():
    prose = ("1. The State accepts this recommendation. It will act soon.\n"
             "2., 3. The State does not accept these recommendations for now.\n"
             "4. The State notes this recommendation.\n")
    parsed = parse_addendum(_pages(prose), default_paragraph=60)
    assert {p.rec_id: p.position for p in parsed.positions} == {
        "60.1": "supported", "60.2": "noted", "60.3": "noted", "60.4": "noted"}
    twice = ("3. The Government accepts the following recommendations 80.1, 80.2.\n"
             "4. The Government notes the following recommendations 80.2, 80.3.\n")
    parsed = parse_addendum(_pages(twice))
    assert any("80.2 is given two positions" in n for n in parsed.notes)


def test_unknown_ids_and_missing_positions_are_reported():
    parsed = parse_addendum(_pages("3. The Government accepts the following recommendations 50.1, 50.9.\n"))
    notes = check_addendum(parsed.positions, {"50.1", "50.2"}, {"50.1", "50.2"}, "A/HRC/99/1/Add.1")
    assert notes == ["A/HRC/99/1/Add.1 gives positions for ids the report does not have: 50.9",
                     "A/HRC/99/1/Add.1 gives no position for examined recommendation(s): 50.2"]


def test_printed_positions_normalize():
    assert normalize_position("Supported") == "supported"
    assert normalize_position("Noted") == "noted"
    assert normalize_position("Supported/Noted") == "partially supported"
    assert normalize_position("Partially supported") == "partially supported"
    assert normalize_position("") is None


def _ingest(files, db):
    run = subprocess.run([sys.executable, "-m", "upr_lens.cli.main", "ingest", *map(str, files), "--db", str(db),
                          "-q"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "250"})
    return run


def test_synthetic_addendum_gives_the_generator_positions(tmp_path):
    expected = json.loads((CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))
    addendum = next(d for d in expected["documents"] if d["doc_type"] == "addendum")
    db = tmp_path / "s.duckdb"
    # the addendum is given first: it is still stored after its report
    run = _ingest([CORPUS / "synthetic-addendum-cycle3.pdf", CORPUS / "synthetic-report-cycle3.pdf"], db)
    assert run.returncode == 0, run.stderr
    con = store.connect(db, read_only=True)
    frame = store.recommendations_frame(con, state="Andorra")
    con.close()
    assert dict(zip(frame.rec_id, frame.position)) == addendum["positions"]
    assert set(frame.position_source) == {"A/HRC/99/7/Add.1 para. 3", "A/HRC/99/7/Add.1 para. 4"} or all(
        s.startswith("A/HRC/99/7/Add.1") for s in frame.position_source)


SLOVENIA = [
    ("cycle2", "g1423930.pdf", "g1504261.pdf", "UPR20__Slovenia_ThematicListRecommendations_E.docx", 163, 142, 21),
    ("cycle3", "g1934994.pdf", "g2004192.pdf", "UPR34_Slovenia_Thematic_list_of_Recommendations.docx", 215, 182, 33),
    ("cycle4", "g2502644.pdf", "g2505828.pdf", "upr48-slovenia-thematic-list-of-recommendatio.docx", 254, 217, 37),
]


@pytest.mark.parametrize("cycle, report, addendum, thematic, total, supported, noted", SLOVENIA,
                         ids=[s[0] for s in SLOVENIA])
def test_slovenia_final_positions_from_report_and_addendum_equal_the_thematic_list(
        tmp_path, cycle, report, addendum, thematic, total, supported, noted):
    folder = require_shared("upr", "slovenia", cycle)
    db = tmp_path / "s.duckdb"
    run = _ingest([folder / report, folder / addendum], db)
    assert run.returncode == 0, run.stderr
    con = store.connect(db, read_only=True)
    frame = store.recommendations_frame(con)
    con.close()
    listed = {r.rec_id: r.position.lower() for r in parse_thematic_list(read_document(folder / thematic).tables)}
    final = dict(zip(frame.rec_id, frame.position))
    assert len(final) == total
    assert final == listed
    assert Counter(final.values()) == {"supported": supported, "noted": noted}


def test_slovenia_cycle1_every_recommendation_has_a_position_or_a_reason(tmp_path):
    folder = require_shared("upr", "slovenia", "cycle1")
    db = tmp_path / "s.duckdb"
    run = _ingest([folder / "g1012049.pdf", folder / "g1012465.pdf"], db)
    assert run.returncode == 0, run.stderr
    con = store.connect(db, read_only=True)
    frame = store.recommendations_frame(con)
    notes = con.execute("SELECT notes FROM documents WHERE doc_type = 'addendum'").fetchone()[0]
    con.close()
    pending = sorted(frame[frame.position == "pending"].rec_id)
    assert len(frame) == 97 and len(pending) < 10
    assert all(rec_id in notes for rec_id in pending)  # listed, with the reason (no position given)


def _table_rows_with_ids(path) -> int:
    import re

    import docx

    count = 0
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            if re.match(r"\s*\d{1,3}\.\d{1,3}", row.cells[0].text):
                count += 1
    return count


@pytest.mark.parametrize("name", ["china-cycle2-matrix.docx", "china-cycle3-matrix.docx", "egypt-cycle2-matrix.docx"])
def test_matrices_ingest_every_row_with_position_and_theme(name):
    path = require_shared("upr", "matrices", name)
    rows = parse_thematic_list(read_document(path).tables)
    direct = _table_rows_with_ids(path)
    print(f"{name}: {len(rows)} rows parsed, {direct} table rows with an id")
    assert len(rows) == direct
    assert all(normalize_position(r.position) for r in rows), Counter(r.position for r in rows)
    assert all(r.themes for r in rows)
    assert all(r.states for r in rows)


def test_legacy_doc_matrix_gets_a_clear_error(tmp_path):
    path = require_shared("upr", "matrices", "egypt-cycle2-matrix.doc")
    run = _ingest([path], tmp_path / "x.duckdb")
    assert run.returncode == 1
    assert "legacy Word .doc format" in run.stderr


def _write_addendum(path: Path, body: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    cover = ["United Nations A/HRC/99/7/Add.1", "General Assembly Distr.: General", "14 February 2020",
             "Human Rights Council", "Ninety-ninth session", "Agenda item 6", "Universal periodic review",
             "Report of the Working Group on the Universal Periodic Review", "Andorra", "Addendum",
             "Views on conclusions and/or recommendations, voluntary commitments and replies presented by the",
             "State under review"]
    for line in cover + body:
        pdf.cell(0, 6, text=line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_an_addendum_with_unknown_ids_and_double_positions_is_reported(tmp_path):
    bad = tmp_path / "bad-addendum.pdf"
    _write_addendum(bad, [
        "1. The Government has considered the recommendations it received.",
        "2. The Government accepts the following recommendations 90.1-90.20, 90.99.",
        "3. The Government notes the following recommendations 90.20-90.35.",
    ])
    db = tmp_path / "s.duckdb"
    run = _ingest([CORPUS / "synthetic-report-cycle3.pdf", bad], db)
    assert run.returncode == 0, run.stderr
    text = " ".join(run.stderr.split())
    assert "90.20 is given two positions" in text
    assert "gives positions for ids the report does not have: 90.99" in text
    assert "gives no position for examined recommendation(s): 90.36" in text
    con = store.connect(db, read_only=True)
    frame = store.recommendations_frame(con)
    con.close()
    assert (frame.position == "pending").sum() == 1  # 90.36: nothing dropped, nothing invented


# ------------------------------------------------------------------ the final position from several rows


def _store_with_positions(path: Path, rows: list[tuple]) -> object:
    """A store holding one recommendation (R#1) and the given positions rows
    (source_kind, priority, position, from_iso3, part_index)."""
    import datetime as dt

    from upr_lens.store import insert_rows

    con = store.connect(path)
    insert_rows(con, "documents", [{"doc_id": "R", "symbol": "R", "doc_type": "report", "state_iso3": "BWA",
                                    "wg_session": 3, "cycle": 1, "ingested_at": dt.datetime(2026, 1, 1)}])
    insert_rows(con, "recommendations", [{"rec_key": "R#1", "doc_id": "R", "symbol": "R", "state_iso3": "BWA",
                                          "cycle": 1, "wg_session": 3, "rec_id": "1", "text": "Ratify it",
                                          "n_parts": 1}])
    insert_rows(con, "positions", [
        {"doc_id": kind if kind == "uprinfo" else "R", "rec_key": "R#1", "position": position,
         "source_kind": kind, "source_symbol": "UPR Info" if kind == "uprinfo" else "R", "priority": priority,
         "implemented_claim": False, "explanation": "", "from_iso3": iso3,
         "from_printed": iso3, "part_index": part}
        for kind, priority, position, iso3, part in rows])
    return con


def _final(con) -> tuple:
    from upr_lens.track.positions import FINAL_POSITIONS_SQL

    return con.execute(f"SELECT position, position_source_kind, explanation, position_rows, "
                       f"position_rows_supported FROM ({FINAL_POSITIONS_SQL})").fetchone()


def test_rows_of_the_deciding_source_that_differ_give_partially_supported_with_the_counts(tmp_path):
    con = _store_with_positions(tmp_path / "s.duckdb", [
        ("report", 10, "pending", None, None),
        ("uprinfo", 20, "supported", "DZA", 1), ("uprinfo", 20, "noted", "MEX", 2), ("uprinfo", 20, "noted", "AUS", 3)])
    assert _final(con) == ("partially supported", "uprinfo",
                           "UPR Info: 1 of 3 recommending States' rows supported, 2 noted", 3, 1)
    con.close()


def test_rows_that_agree_give_their_position_and_a_higher_source_decides(tmp_path):
    con = _store_with_positions(tmp_path / "a.duckdb", [
        ("uprinfo", 20, "noted", "DZA", 1), ("uprinfo", 20, "noted", "MEX", 1)])
    assert _final(con)[:2] == ("noted", "uprinfo")
    con.close()
    con = _store_with_positions(tmp_path / "b.duckdb", [
        ("report", 40, "supported", None, None), ("uprinfo", 20, "noted", "DZA", 1),
        ("uprinfo", 20, "supported", "MEX", 1)])
    assert _final(con) == ("supported", "report", "", 1, 1)  # the report answers for the whole recommendation
    con.close()


def test_rows_that_differ_without_support_stay_pending(tmp_path):
    con = _store_with_positions(tmp_path / "p.duckdb", [
        ("addendum", 50, "noted", None, 1), ("addendum", 50, "pending", None, 2)])
    assert _final(con) == ("pending", "addendum", "R: 0 of 2 parts supported, 1 noted, 1 pending", 2, 0)
    con.close()
