"""Issue 12, imports: importing the same file twice leaves the store exactly as importing it once, no row
points at a deleted recommendation (`upr-lens check`), CSV inputs that are not UTF-8 or hold impossible
dates are refused in one line naming the file."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import require_shared

from upr_lens import store

TIMESTAMPS = {"ingested_at", "imported_at", "recorded_at", "classified_at", "applied_at", "linked_at", "created_at"}


def _snapshot(db) -> dict[str, list]:
    """Every row of every table, timestamps left out, sorted: two stores with equal snapshots hold the same."""
    con = store.connect(db, read_only=True)
    try:
        out = {}
        for table in sorted(store.TABLES):
            if table.endswith("_seq") or table == "schema_migrations":
                continue
            columns = [c for (c,) in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [table]).fetchall() if c not in TIMESTAMPS]
            rows = con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            out[table] = sorted(map(repr, rows))
        return out
    finally:
        con.close()


def _uprinfo_sample(tmp_path, shared_csv, sessions=(1, 2)) -> object:
    """Real UPR Info rows of the first sessions (reviews without documents in the synthetic store), plus
    Andorra's session-1 rows (the synthetic cycle-1 report's review): matched and kept rows both."""
    frame = pd.read_csv(shared_csv)
    sample = frame[frame["Session"].isin(sessions)]
    path = tmp_path / "uprinfo-sample.csv"
    sample.to_csv(path, index=False)
    return path


@pytest.mark.slow
def test_import_uprinfo_twice_gives_the_store_of_once(cli, store_copy, tmp_path):
    source = _uprinfo_sample(tmp_path, require_shared("upr", "reference", "uprinfo-sessions-1-20.csv"))
    first = cli("import-uprinfo", source, "--db", store_copy)
    assert first.exit_code == 0, first.stderr
    once = _snapshot(store_copy)
    assert len(once["recommendations"]) > 1000 and len(once["positions"]) > 0
    for _ in range(2):
        again = cli("import-uprinfo", source, "--db", store_copy)
        assert again.exit_code == 0, again.stderr
        assert again.stdout == first.stdout
        assert _snapshot(store_copy) == once
    check = cli("check", "--db", store_copy)
    assert check.exit_code == 0, (check.stdout, check.stderr)
    assert "no orphans" in check.stdout


@pytest.mark.slow
def test_import_treaties_twice_gives_the_store_of_once(cli, store_copy):
    source = require_shared("treaties", "treaty_status.csv")
    first = cli("import-treaties", source, "--db", store_copy)
    assert first.exit_code == 0, first.stderr
    once = _snapshot(store_copy)
    assert len(once["treaty_status"]) > 1000
    again = cli("import-treaties", source, "--db", store_copy)
    assert again.exit_code == 0, again.stderr
    assert _snapshot(store_copy) == once
    assert cli("check", "--db", store_copy).exit_code == 0


def test_check_is_clean_after_ingest_and_classify(cli, classified_store):
    result = cli("check", "--db", classified_store)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "consistent" in result.stdout and "no orphans" in result.stdout


@pytest.mark.orphans_expected  # it makes orphans to see them reported
def test_check_reports_orphans_with_counts(cli, classified_store, tmp_path):
    db = shutil.copy(classified_store, tmp_path / "orphans.duckdb")
    from upr_lens.track.followup import set_followup

    con = store.connect(db)
    try:
        key = con.execute("SELECT rec_key FROM recommendations ORDER BY rec_key LIMIT 1").fetchone()[0]
        set_followup(con, key, "implemented", "a law of 2020")
        con.execute("DELETE FROM recommendations WHERE rec_key = ?", [key])  # as a bad import once did
    finally:
        con.close()
    result = cli("check", "--db", db)
    assert result.exit_code == 1
    assert "orphans: 1 classifications without their recommendation (table classifications" in result.stdout
    assert "follow-up annotations without their recommendation" in result.stdout
    assert "recommendation parts without their recommendation" in result.stdout
    assert key in result.stdout
    assert result.stderr.strip().endswith("orphan row(s) in " + str(result.stdout.count("orphans:")) + " kind(s)")


def test_check_of_a_missing_store_does_not_create_it(cli, tmp_path):
    result = cli("check", "--db", tmp_path / "absent.duckdb")
    assert result.exit_code == 1 and "no such database" in result.stderr
    assert not (tmp_path / "absent.duckdb").exists()


# ------------------------------------------------------------------------------------------ bad CSVs


def _latin1(tmp_path, header: str, row: str):
    path = tmp_path / "latin1.csv"
    path.write_bytes((header + "\n" + row + "\n").encode("latin-1"))
    return path


def test_a_csv_that_is_not_utf8_says_so_and_names_the_file(cli, store_copy, tmp_path):
    uprinfo = _latin1(tmp_path, "To,Text,From,Response,Action,Issue,Session", "Andorra,Protéger,Spain,Noted,4,X,1")
    for args in (("import-uprinfo", uprinfo, "--db", store_copy),
                 ("import-treaties", uprinfo, "--db", store_copy),
                 ("crosscheck", "--uprinfo", uprinfo, "--db", store_copy),
                 ("classify", "--input", uprinfo, "--output", tmp_path / "out.csv", "--text-column", "Text")):
        result = cli(*args)
        assert result.exit_code == 1, (args, result.stderr)
        assert result.stderr.startswith(f"error: {uprinfo}: not UTF-8 text"), result.stderr
        assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out.csv").exists()


def test_classify_input_errors_name_the_file(cli, tmp_path):
    source = tmp_path / "recs.csv"
    source.write_text("wording\nRatify the Convention\n", encoding="utf-8")
    result = cli("classify", "--input", source, "--output", tmp_path / "out.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {source}: no column 'text'"), result.stderr
    broken = tmp_path / "broken.csv"
    broken.write_text('text\n"never closed\n', encoding="utf-8")
    result = cli("classify", "--input", broken, "--output", tmp_path / "out.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {broken}: not a readable CSV file"), result.stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("value", ["2006-02-30", "31 Feb 2006", "2006-13-01", "2999", "1492"])
def test_impossible_treaty_dates_are_refused(cli, store_copy, tmp_path, value):
    source = tmp_path / "treaties.csv"
    source.write_text(f"instrument,iso3,consent_date\nCAT,FRA,1986\nCED,AND,{value}\n", encoding="utf-8")
    before = _snapshot(store_copy)["treaty_status"]
    result = cli("import-treaties", source, "--db", store_copy)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"error: {source}: row 3, column consent_date: impossible date {value!r} "
                                     f"{'(no such day)' if '-' in value or 'Feb' in value else ''}"
                                     ).strip() or "impossible date" in result.stderr, result.stderr
    assert "nothing was imported" in result.stderr and result.stderr.count("\n") == 1
    assert _snapshot(store_copy)["treaty_status"] == before
