"""Reviews known from an OHCHR thematic list ("matrix"): first-class reviews, merged with their report in any
order (issue 10), and the real files that a memory limit once refused.

The expected counts come from the Word files themselves, read here with python-docx (rows whose first cell
starts with an id "28.1"), not through upr_lens.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from tests.conftest import require_shared
from upr_lens.ingest import ingest

_ID = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\.?\s")


def _matrix(name: str) -> Path:
    return require_shared("upr", "matrices", name)


def _report(name: str) -> Path:
    return require_shared("upr", "reports", name)


def _ids_and_positions(path: Path) -> dict[str, str]:
    """id → position cell, for every recommendation row of the Word file's tables (python-docx directly)."""
    import docx

    found: dict[str, str] = {}
    for table in docx.Document(str(path)).tables:
        header = [c.text.strip().lower() for c in table.rows[0].cells]
        position_column = next(i for i, c in enumerate(header) if "position" in c)
        for row in table.rows:
            cells = row.cells
            match = _ID.match(cells[0].text)
            if match:
                found.setdefault(match.group(1), cells[position_column].text.strip())
    return found


def _recs(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT rec_key, doc_id, text, decision FROM recommendations ORDER BY rec_key").fetchall()
    finally:
        con.close()


def _one(db: Path, sql: str, params: list | None = None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_china_cycle3_matrix_alone_is_a_review(tmp_path, cli):
    matrix = _matrix("china-cycle3-matrix.docx")
    listed = _ids_and_positions(matrix)
    assert len(listed) == 346  # the figure of issue 10, and what the file holds
    db = tmp_path / "c3.duckdb"
    result = cli("ingest", matrix, "--db", db)
    assert result.exit_code == 0, result.output
    assert "346 recommendations" in result.output
    rows = _one(db, "SELECT rec_key, rec_id, symbol, state_iso3, cycle, wg_session, decision FROM recommendations")
    assert len(rows) == 346 and len({r[0] for r in rows}) == 346
    assert {r[1] for r in rows} == set(listed)
    assert {r[0] for r in rows} == {f"A/HRC/40/6#{i}" for i in listed}
    # China's third review: Working Group session 31 (November 2018), cycle 3
    assert {(r[2], r[3], r[4], r[5], r[6]) for r in rows} == {("A/HRC/40/6", "CHN", 3, 31, "thematic_list")}
    # every recommendation has its position, the one the list prints
    positions = dict(_one(db, "SELECT rec_id, position FROM positions WHERE source_kind = 'thematic_list'"))
    assert set(positions) == set(listed)
    assert all(positions[i] == listed[i].strip().lower() for i in listed)
    # recommending States from the list
    without = _one(db, "SELECT count(*) FROM recommendations r WHERE NOT EXISTS (SELECT 1 FROM recommendation_states s "
                       "WHERE s.rec_key = r.rec_key AND s.state_iso3 IS NOT NULL)")[0][0]
    assert without == 0
    state = cli("state", "China", "--db", db)
    assert state.exit_code == 0, state.output
    cycles = [line.split("│")[1:3] for line in state.output.splitlines() if line.startswith("│ 3 ")]
    assert cycles and cycles[0][1].strip() == "346"
    check = cli("check", "--db", db)
    assert check.exit_code == 0, check.output


ORDERS = ["report, matrix", "matrix, report", "matrix, report, matrix", "report, matrix, report", "matrix, matrix",
          "matrix+report"]  # "+": one batch, the matrix named first


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("replace", [False, True])
def test_report_and_matrix_in_any_order(tmp_path, order, replace):
    files = {"report": [_report("china2013.pdf"), _report("egypt2014.pdf")],
             "matrix": [_matrix("china-cycle2-matrix.docx"), _matrix("egypt-cycle2-matrix.docx")]}
    alone = tmp_path / "report-alone.duckdb"
    ingest(files["report"], alone, workers=0)
    report_recs = _recs(alone)
    db = tmp_path / "store.duckdb"
    for step in order.split(", "):
        results = ingest([f for part in step.split("+") for f in files[part]], db, workers=0, replace=replace)
        assert all(r.ok for r in results), [r.error for r in results]
    recs = _recs(db)
    keys = [r[0] for r in recs]
    assert len(keys) == len(set(keys))  # one recommendation per rec_key
    if "report" in order:
        assert recs == report_recs  # the report's recommendations, exactly
    else:
        assert all(r[1].startswith("thematic-list:") and r[3] == "thematic_list" for r in recs)
    # the counts against the report's: China cycle 2 and Egypt cycle 2, each id once
    per_review = dict(_one(db, "SELECT symbol, count(*) FROM recommendations GROUP BY symbol"))
    china, egypt = _ids_and_positions(files["matrix"][0]), _ids_and_positions(files["matrix"][1])
    assert per_review == {"A/HRC/25/5": len(china), "A/HRC/28/16": len(egypt)}
    assert {k for k in keys if k.startswith("A/HRC/25/5#")} == {f"A/HRC/25/5#{i}" for i in china}
    assert {r[0] for r in report_recs} == set(keys)
    # the lists keep their rows and positions whichever source holds the recommendations
    thematic = dict(_one(db, "SELECT doc_id, count(*) FROM thematic_rows GROUP BY doc_id"))
    assert thematic == {"thematic-list:A/HRC/25/5": len(china), "thematic-list:A/HRC/28/16": len(egypt)}
    listed = _one(db, "SELECT count(*) FROM positions WHERE source_kind = 'thematic_list'")[0][0]
    assert listed == len(china) + len(egypt)
    cycles = set(_one(db, "SELECT symbol, cycle FROM recommendations"))
    assert cycles == {("A/HRC/25/5", 2), ("A/HRC/28/16", 2)}
    n_docs = dict(_one(db, "SELECT doc_id, n_recommendations FROM documents"))
    assert sum(n_docs.values()) == len(keys)


def test_report_removed_the_list_takes_over_and_classifications_stay(tmp_path):
    from upr_lens import store
    from upr_lens.store.documents import remove_document

    db = tmp_path / "store.duckdb"
    ingest([_matrix("china-cycle2-matrix.docx")], db, workers=0)
    from_list = {r[0] for r in _recs(db)}
    con = store.connect(db)
    try:  # two classifications made while the list held the review
        con.execute("INSERT INTO classifications (rec_key, model_version) VALUES ('A/HRC/25/5#186.1', 't'), "
                    "('A/HRC/25/5#186.20', 't')")
    finally:
        con.close()
    (taken,) = ingest([_report("china2013.pdf")], db, workers=0)
    assert {r[1] for r in _recs(db)} == {"A/HRC/25/5"}
    assert any(f"replace the {len(from_list)} that the thematic list thematic-list:A/HRC/25/5" in n
               for n in taken.notes), taken.notes
    joined = _one(db, "SELECT c.rec_key, r.doc_id FROM classifications c JOIN recommendations r USING (rec_key) "
                      "ORDER BY 1")
    assert joined == [("A/HRC/25/5#186.1", "A/HRC/25/5"), ("A/HRC/25/5#186.20", "A/HRC/25/5")]
    con = store.connect(db)
    try:
        assert remove_document(con, "A/HRC/25/5")
    finally:
        con.close()
    recs = _recs(db)
    assert {r[0] for r in recs} == from_list and {r[1] for r in recs} == {"thematic-list:A/HRC/25/5"}
    assert len(_one(db, "SELECT c.rec_key FROM classifications c JOIN recommendations r USING (rec_key)")) == 2
    # the review keeps its cycle and session after the report is gone
    assert set(_one(db, "SELECT cycle, wg_session FROM recommendations")) == {(2, 17)}


def test_egypt_matrix_alone_gives_its_cycle(tmp_path):
    matrix = _matrix("egypt-cycle2-matrix.docx")
    db = tmp_path / "egypt.duckdb"
    (result,) = ingest([matrix], db, workers=0)
    assert result.ok and result.n_recommendations == len(_ids_and_positions(matrix))
    # the list prints "Second Cycle" but no session: the session is left unknown, and the note says so
    assert set(_one(db, "SELECT state_iso3, cycle, wg_session FROM recommendations")) == {("EGY", 2, None)}
    assert any("Working Group session of A/HRC/28/16 unknown" in n for n in result.notes)


# ----------------------------------------------------------------- the two files a memory limit refused


def test_a_small_file_is_read_within_a_tight_memory_limit():
    """Reading a file reserved 256 MB of address space for a moment (``read(limit)``), so a 0.1 MB document
    failed "needs more than the 384 MB memory limit" once a worker had grown past ~130 MB. A worker limited to
    200 MB, less than that reservation alone, now reads the formerly failing files and gives each its own
    outcome."""
    from upr_lens.read.workers import ReaderPool

    files = [require_shared("upr", "slovenia", "cycle2", "g1409727.pdf"), _matrix("egypt-cycle2-matrix.doc"),
             _matrix("egypt-cycle2-matrix.docx")]
    pool = ReaderPool("upr_lens.ingest:process_file", 1, memory_mb=200, timeout=60)
    try:
        out = list(pool.run([str(f) for f in files], lambda: False, lambda path, reason: reason))
    finally:
        pool.close()
    summary, doc, docx_list = out
    assert not isinstance(summary, str), summary
    assert summary.error is None and summary.info.doc_type.value == "other_upr"  # a stakeholders' summary
    assert not isinstance(doc, str) and doc.error == "legacy Word .doc format: save it as .docx (or PDF) first"
    assert not isinstance(docx_list, str) and docx_list.error is None and len(docx_list.thematic) > 0


def test_the_formerly_failing_files_in_a_batch(tmp_path):
    """The files as the full build met them: late in a batch of two workers, after Word files."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in [require_shared("upr", "slovenia", "cycle2"), require_shared("upr", "matrices")]:
        for f in sorted(path.iterdir()):
            (folder / f"{path.name}-{f.name}").symlink_to(f)
    results = {Path(r.path).name: r for r in ingest([folder], tmp_path / "s.duckdb", workers=2)}
    assert results["cycle2-g1409727.pdf"].ok, results["cycle2-g1409727.pdf"].error
    legacy = results["matrices-egypt-cycle2-matrix.doc"].error
    assert legacy == "legacy Word .doc format: save it as .docx (or PDF) first"
    assert not [r.error for r in results.values() if r.error and "memory" in r.error]
