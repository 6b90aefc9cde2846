"""Bad input: one clear line naming the file and the reason, the rest of the batch goes in, the store
is left as it was, and the command exits non-zero."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from upr_lens import store

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "synthetic"


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "upr_lens.cli.main", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, "COLUMNS": "250"})


@pytest.fixture()
def bad_files(tmp_path):
    from fpdf import FPDF

    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "corrupt.pdf").write_bytes(b"%PDF-1.4\n this is not really a pdf \n%%EOF")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip archive at all")
    (tmp_path / "notes.txt.pdf").write_bytes(b"plain text pretending to be a pdf")
    locked = FPDF()
    locked.add_page()
    locked.set_font("Helvetica", size=12)
    locked.cell(text="Secret minutes of a meeting about widgets")
    locked.set_encryption(owner_password="owner", user_password="reader")
    locked.output(str(tmp_path / "locked.pdf"))
    scanned = FPDF()
    for _ in range(2):
        scanned.add_page()
        scanned.rect(20, 20, 150, 200, style="F")  # drawn, no text layer: like a scan
    scanned.output(str(tmp_path / "scanned.pdf"))
    shutil.copy(CORPUS / "not-a-upr-document.pdf", tmp_path / "meeting.pdf")
    shutil.copy(CORPUS / "synthetic-report-cycle3.pdf", tmp_path / "good.pdf")
    return tmp_path


EXPECTED_REASONS = {
    "empty.pdf": "empty file",
    "corrupt.pdf": "not a readable PDF",
    "broken.docx": "not a readable Word",
    "notes.txt.pdf": "neither a PDF nor a Word",
    "locked.pdf": "password-protected",
    "scanned.pdf": "needs OCR",
    "meeting.pdf": "not a UPR document",
}


def test_a_batch_with_bad_files_stores_the_good_one_and_explains_each_failure(bad_files):
    db = bad_files / "store.duckdb"
    run = _cli("ingest", bad_files, "--db", db, "-q")
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    for name, reason in EXPECTED_REASONS.items():
        matching = [line for line in lines if name in line and line.startswith("error")]
        assert len(matching) == 1, (name, run.stderr)
        assert reason in matching[0], matching[0]
    assert "7 failed" in run.stderr
    con = store.connect(db, read_only=True)
    assert con.execute("SELECT symbol FROM documents").fetchall() == [("A/HRC/99/7",)]
    assert con.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 36
    con.close()


def test_reingesting_replaces_without_duplicates(tmp_path):
    db = tmp_path / "store.duckdb"
    report = CORPUS / "synthetic-report-cycle3.pdf"
    assert _cli("ingest", report, "--db", db, "-q").returncode == 0
    assert _cli("ingest", report, "--db", db, "-q").returncode == 0
    con = store.connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 36
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    con.close()


def test_a_damaged_database_is_refused_with_one_line(tmp_path):
    db = tmp_path / "half.duckdb"
    db.write_bytes(b"DUCK" + os.urandom(5000))
    run = _cli("ingest", CORPUS / "synthetic-report-cycle3.pdf", "--db", db, "-q")
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0
    assert "half.duckdb" in run.stderr and "not a usable upr_lens database" in run.stderr


def test_unknown_state_filter_is_an_error(tmp_path):
    db = tmp_path / "store.duckdb"
    _cli("ingest", CORPUS / "synthetic-report-cycle3.pdf", "--db", db, "-q")
    run = _cli("recommendations", "--db", db, "--state", "Atlantis")
    assert run.returncode == 1
    assert "unknown State" in run.stderr


def test_export_csv_has_the_documented_columns(tmp_path):
    import pandas as pd

    db = tmp_path / "store.duckdb"
    _cli("ingest", CORPUS, "--db", db, "-q")
    out = tmp_path / "recs.csv"
    assert _cli("export", "--db", db, "--format", "csv", "--out", out).returncode == 0
    frame = pd.read_csv(out, dtype={"rec_id": str})
    assert list(frame.columns) == store.EXPORT_COLUMNS
    expected = json.loads((CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))
    n_recommendations = sum(len(d["recommendations"]) for d in expected["documents"] if d["doc_type"] == "report")
    assert len(frame) == n_recommendations > 59  # 36 + 23 in the first two reports, plus the layout reviews
    assert not frame.duplicated(["symbol", "rec_id"]).any()
    row = frame[(frame.symbol == "A/HRC/99/7") & (frame.rec_id == "90.1")].iloc[0]
    assert row.recommending_states == "France;Lithuania"
    for fmt in ("parquet", "json"):
        assert _cli("export", "--db", db, "--format", fmt, "--out", tmp_path / f"r.{fmt}").returncode == 0


def test_help_does_not_import_heavy_libraries():
    code = ("import sys, upr_lens.cli.main as m; heavy = {'pandas', 'duckdb', 'pypdfium2', 'sklearn', "
            "'spacy'} & set(sys.modules); assert not heavy, heavy")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
