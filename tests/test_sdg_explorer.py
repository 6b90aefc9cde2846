"""The SDG-Human Rights Data Explorer import: matching by (symbol, id) checked by text, positions as a
secondary source, conflicts listed, idempotent; schema 5; and the real export on real reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import require_shared
from upr_lens import store
from upr_lens.errors import InputError
from upr_lens.track import sdg_explorer

HEADER = ["Goals", "Recommendation", "Tekst", "Targets", "Keywords", "Response", "Recommending state",
          "Mechanism", "Procedures", "Treaties", "Type", "field_year", "Document"]


def _xlsx(path: Path, rows: list[dict]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row.get(h) for h in HEADER])
    book.save(path)
    return path


def _row(doc: str, text: str, response: str, goals="No SDG link identified", targets=None, state="Andorra"):
    return {"Goals": goals, "Recommendation": state, "Tekst": text, "Targets": targets, "Response": response,
            "Recommending state": "France", "Mechanism": "(Universal Periodic Review)", "Type": "Recommendation",
            "field_year": "2019 Cycle 3", "Document": doc}


@pytest.fixture()
def andorra(tmp_path, synthetic_store):
    db = tmp_path / "s.duckdb"
    shutil.copy(synthetic_store, db)
    con = store.connect(db)
    texts = dict(con.execute("SELECT rec_id, text FROM recommendations WHERE symbol = 'A/HRC/99/7'").fetchall())
    con.close()
    rows = [
        # right id, same text (the addendum also supports it)
        _row("Source:A/HRC/99/7|90.1|", texts["90.1"], "Supported", "16. Peace, justice and strong institutions",
             "16.3, 16.a"),
        # the same recommendation from a second recommending State: one position
        _row("Source:A/HRC/99/7|90.1|", texts["90.1"], "Supported"),
        # wrong id (another numbering): found by its text; the addendum noted it: a conflict
        _row("Source:A/HRC/99/7|12.3|", texts["90.6"], "Supported", "5. Gender equality ,10. Reduce inequalities",
             16.1),
        # right id, other text, and no recommendation of the report reads like it: unmatched
        _row("Source:A/HRC/99/7|90.2|", "Build a bridge over the lake before the spring festival", "Noted"),
        # a review the store does not hold
        _row("Source:A/HRC/12/3|80.1|", "Ratify the Convention", "Noted", state="Monaco"),
    ]
    return db, _xlsx(tmp_path / "export.xlsx", rows), texts


def _table(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


def test_rows_match_by_id_and_text_and_conflicts_are_listed(andorra):
    db, xlsx, _ = andorra
    con = store.connect(db)
    summary = sdg_explorer.import_sdg_explorer(con, xlsx)
    final = dict(con.execute("SELECT rec_id, arg_max(position, priority) FROM positions "
                             "WHERE report_symbol = 'A/HRC/99/7' GROUP BY 1").fetchall())
    con.close()
    assert (summary.rows, summary.rows_of_stored_reviews) == (5, 4)
    assert (summary.matched_by_id, summary.matched_by_text, summary.matched) == (2, 1, 3)
    assert [u["id"] for u in summary.unmatched] == ["90.2"]
    assert summary.recommendations == 2
    assert summary.line() == "matched 3 of 4 rows (75.0%)"
    # the addendum and the thematic list noted 90.6: listed, not resolved; the final position stays theirs
    assert {(c["rec_id"], c["sdg_explorer"], c["other_source"], c["other_position"]) for c in summary.conflicts} \
        == {("90.6", "supported", "addendum", "noted"), ("90.6", "supported", "thematic_list", "noted")}
    assert final["90.6"] == "noted" and final["90.1"] == "supported"
    stored = _table(db, "SELECT rec_id, rec_key, matched_by, sdg_goals, sdg_targets FROM sdg_explorer_rows "
                        "WHERE row_id IN (2, 4)")
    assert stored == [("12.3", "A/HRC/99/7#90.6", "text", ["5. Gender equality", "10. Reduce inequalities"],
                       ["16.1"]),
                      ("90.1", "A/HRC/99/7#90.1", "id", ["16. Peace, justice and strong institutions"],
                       ["16.3", "16.a"])]
    assert _table(db, "SELECT DISTINCT priority, source_symbol FROM positions WHERE source_kind = 'sdg_explorer'") \
        == [(sdg_explorer.PRIORITY, sdg_explorer.SOURCE_NAME)]


def test_importing_twice_gives_the_same_store(andorra, cli):
    db, xlsx, _ = andorra
    first = cli("import-sdg-explorer", xlsx, "--db", db)
    assert first.exit_code == 0, first.output
    assert first.stdout.strip().splitlines()[-1] == "matched 3 of 4 rows (75.0%)"
    assert "2 conflicts" in first.stdout and "unmatched row 5" in first.stdout
    tables = ("positions", "sdg_explorer_rows")
    before = {t: _table(db, f"SELECT * FROM {t}") for t in tables}
    again = cli("import-sdg-explorer", xlsx, "--db", db)
    assert again.exit_code == 0 and again.stdout == first.stdout
    assert {t: _table(db, f"SELECT * FROM {t}") for t in tables} == before
    cut = cli("import-sdg-explorer", xlsx, "--db", db, "--show", "1")  # the terminal list cut says so
    assert "(showing 1 of 2 conflicts; --show 0 for all" in cut.stdout
    assert "showing" not in first.stdout


def test_a_file_that_is_not_an_export_is_one_line(tmp_path, andorra, cli):
    db, _, _ = andorra
    other = tmp_path / "other.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["a", "b"])
    book.save(other)
    done = cli("import-sdg-explorer", other, "--db", db)
    assert done.exit_code == 1 and "not an SDG-HR Data Explorer export (no column Recommendation" in done.output
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook")
    with pytest.raises(InputError, match="not a readable .xlsx"):
        sdg_explorer.read_explorer(broken)


def test_schema_4_store_gets_the_sdg_table_by_migration_5(tmp_path):
    db = tmp_path / "v4.duckdb"
    store.connect(db).close()
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE sdg_explorer_rows")
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.execute("UPDATE schema_migrations SET version = 4")
    con.close()
    con = store.connect(db)
    try:
        steps = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
        assert (5, "SDG-Human Rights Data Explorer rows") in steps
        assert "sdg_explorer_rows" in store.schema.existing_tables(con)
        assert store.stored_version(con) == store.SCHEMA_VERSION
    finally:
        con.close()


def test_the_real_export_on_real_2014_reports(tmp_path):
    """Three real 2014 reports: nearly every export row of those reviews matches, and each of their
    recommendations gets a position from the export."""
    reports = require_shared("upr", "reports")
    xlsx = require_shared("upr", "reference", "sdg-hr-explorer-upr-2012-2014.xlsx")
    from upr_lens.ingest import ingest

    db = tmp_path / "real.duckdb"
    files = [reports / name for name in ("afghanistan2014.pdf", "Macedonia2014.pdf", "albania2010.pdf")]
    assert all(r.ok for r in ingest(files, db))
    con = store.connect(db)
    try:
        summary = sdg_explorer.import_sdg_explorer(con, xlsx)
        cover = sdg_explorer.coverage(con)
    finally:
        con.close()
    assert summary.rows > 19000 and summary.rows_of_stored_reviews > 200
    assert summary.rate > 0.95
    assert cover["reports"] == 2 and cover["with_explorer_position"] / cover["recommendations"] > 0.95
