"""Hostile input to ingest (issue 12): one odd document never stops or hangs the batch, a truncated copy never
replaces a complete one, and a hostile file costs its own error line and bounded memory and time.

Every hostile file is generated here (tests/hostile), nothing big is committed. Each CLI run is a
subprocess with a time limit, so a hang fails the test instead of hanging the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import docx_bomb, hex_pdf_bomb, markup_pdf, odd_name, pdf_bomb, truncated, write_pdf, zlib_zeros

from upr_lens import store
from upr_lens.ingest import ingest, process_file

REPORTS = ("fiji2010.pdf", "eritrea2010.pdf", "finland2012.pdf", "estonia2011.pdf", "fiji2014.pdf",
           "netherlands2008.pdf", "nicaragua2010.pdf", "newzealand2009.pdf", "ethiopia2010.pdf", "france2008.pdf")
LIMIT = 180  # seconds for a CLI run


def _cli(*args, timeout=LIMIT):
    return subprocess.run([sys.executable, "-m", "upr_lens.cli.main", *map(os.fsdecode, args)], capture_output=True,
                          text=True, errors="backslashreplace", timeout=timeout,
                          env={**os.environ, "COLUMNS": "100"})


def _reports(shared) -> Path:
    return shared / "upr" / "reports"


def _count(db, sql="SELECT count(*) FROM documents", params=()):
    con = store.connect(db, read_only=True)
    try:
        return con.execute(sql, list(params)).fetchone()[0]
    finally:
        con.close()


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error ")]


# ------------------------------------------------------------------------------- markup and file names


def test_markup_in_text_and_names_is_shown_not_interpreted(tmp_path, shared):
    folder = tmp_path / "in"
    folder.mkdir()
    markup_pdf(folder / "markup.pdf")
    shutil.copy(_reports(shared) / "fiji2010.pdf", folder / "[b]fiji[red].pdf")
    odd_name(folder, b"esc\x1b[31mred\nline.pdf", data=b"%PDF-1.4 [/red] nothing else")
    db = tmp_path / "s.duckdb"
    run = _cli("ingest", folder, "--db", db)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "MarkupError" not in run.stderr
    errors = _error_lines(run.stderr)
    assert len(errors) == 2, run.stderr
    assert any("markup.pdf: State under review not recognised ('[/red][bold]Atlantis[/b]')" in e for e in errors)
    assert any("esc\\x1b[31mred\\nline.pdf: truncated or damaged PDF" in e for e in errors), errors
    assert "\x1b[31mred" not in run.stderr  # the escape sequence is shown, not sent to the terminal
    assert "ingested 1 of 3 files" in run.stderr and "2 failed" in run.stderr
    assert _count(db, "SELECT count(*) FROM documents WHERE source_file LIKE '%[b]fiji[red].pdf'") == 1


def test_a_file_name_that_is_not_utf8_is_ingested_or_refused_with_one_line(tmp_path, shared):
    folder = tmp_path / "in"
    folder.mkdir()
    odd_name(folder, b"bad\xff.pdf", _reports(shared) / "fiji2010.pdf")
    odd_name(folder, b"junk\xfe.docx", data=b"PK\x03\x04 not a zip")
    db = tmp_path / "s.duckdb"
    run = _cli("ingest", folder, "--db", db, "-q")
    assert run.returncode == 1, run.stderr
    errors = _error_lines(run.stderr)
    assert len(errors) == 1 and "junk\\xfe.docx: not a readable Word" in errors[0], run.stderr
    assert "ingested 1 of 2 files" in run.stderr and "1 failed" in run.stderr
    assert _count(db, "SELECT count(*) FROM documents WHERE source_file LIKE '%bad\\xff.pdf'") == 1


# ------------------------------------------------------------------------------- truncated and incomplete


@pytest.mark.parametrize("fraction", [0.10, 0.50, 0.95, 0.99])
def test_a_truncated_real_pdf_is_reported_as_truncated(tmp_path, shared, fraction):
    cut = truncated(_reports(shared) / "india2012.pdf", tmp_path / "cut.pdf", fraction)
    result = process_file(cut)
    assert result.error and result.error.startswith("truncated or damaged PDF"), result.error


def test_complete_real_reports_are_not_called_incomplete(shared):
    for name in ("india2012.pdf", *REPORTS[:4]):
        result = process_file(_reports(shared) / name)
        assert result.error is None and result.incomplete is None, (name, result.error, result.incomplete)


def _repaired_cut(source: Path, target: Path, fraction: float) -> Path:
    """A cut copy given a new end (as a repair tool would): it passes as a whole PDF; only its text shows
    that it stops early."""
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)] + b"\nstartxref\n0\n%%EOF\n")
    return target


def _annotate(db, rec_key):
    """A classification and a follow-up annotation on *rec_key*."""
    con = store.connect(db)
    try:
        con.execute("INSERT INTO classifications (rec_key, model_version) VALUES (?, 'test')", [rec_key])
        con.execute("INSERT INTO followup_annotations (rec_key, status, source) VALUES (?, 'pending', 'test')",
                    [rec_key])
    finally:
        con.close()


ORPHANS = ("SELECT (SELECT count(*) FROM classifications WHERE rec_key NOT IN (SELECT rec_key FROM recommendations))"
           " + (SELECT count(*) FROM followup_annotations WHERE rec_key NOT IN (SELECT rec_key FROM recommendations))")


@pytest.mark.orphans_expected  # the --replace step leaves the old copy's classification and note orphaned, as it says
def test_an_incomplete_copy_never_replaces_a_complete_one(tmp_path, shared):
    full = _reports(shared) / "india2012.pdf"
    db = tmp_path / "s.duckdb"
    assert _cli("ingest", full, "--db", db, "-q").returncode == 0
    assert _count(db, "SELECT n_recommendations FROM documents") == 169
    _annotate(db, "A/HRC/21/10#138.150")
    cut = _repaired_cut(full, tmp_path / "india-cut.pdf", 0.95)
    assert process_file(cut).incomplete
    run = _cli("ingest", cut, "--db", db, "-q")
    assert run.returncode == 1
    errors = _error_lines(run.stderr)
    assert len(errors) == 1 and "not stored over the stored copy: incomplete" in errors[0], run.stderr
    assert "--replace" in errors[0]
    assert _count(db, "SELECT n_recommendations FROM documents") == 169
    assert _count(db, ORPHANS) == 0
    # the truncated file itself: refused before any comparison
    run = _cli("ingest", truncated(full, tmp_path / "cut99.pdf", 0.99), "--db", db, "-q")
    assert run.returncode == 1 and "truncated or damaged PDF" in run.stderr
    assert _count(db, "SELECT n_recommendations FROM documents") == 169
    # --replace: stored, and the note says what lost its recommendation
    run = _cli("ingest", cut, "--db", db, "-q", "--replace")
    assert run.returncode == 0, run.stderr
    assert "1 classification(s) and 1 follow-up annotation(s) are left without" in run.stderr
    assert _count(db, "SELECT n_recommendations FROM documents") < 169


@pytest.mark.parametrize("cut_name", ["a-cut.pdf", "z-cut.pdf"])
def test_two_copies_of_one_symbol_in_a_batch_are_reported_and_the_complete_one_kept(tmp_path, shared, cut_name):
    folder = tmp_path / "in"
    folder.mkdir()
    full = shutil.copy(_reports(shared) / "india2012.pdf", folder / "india2012.pdf")
    _repaired_cut(Path(full), folder / cut_name, 0.95)
    db = tmp_path / "s.duckdb"
    run = _cli("ingest", folder, "--db", db, "-q")
    assert _count(db, "SELECT n_recommendations FROM documents") == 169
    assert _count(db, "SELECT source_file FROM documents").endswith("india2012.pdf")
    assert "ingested 1 of 2 files, 169 recommendations" in run.stderr  # not over-counted
    if cut_name == "z-cut.pdf":  # the complete copy came first: the cut one is refused
        assert run.returncode == 1
        assert any("z-cut.pdf: not stored" in line for line in _error_lines(run.stderr)), run.stderr
    else:  # the cut copy came first, was stored, and the complete one replaced it, saying so
        assert "a-cut.pdf of this batch has the same symbol A/HRC/21/10: this copy is more complete" in run.stderr


def test_the_replacement_rule():
    from upr_lens.store.documents import StoredCopy, replacement_refusal

    complete = StoredCopy("A/HRC/21/10", "india.pdf", "abc", 169, True)
    assert replacement_refusal(complete, 169, None) is None
    assert replacement_refusal(complete, 170, None) is None
    assert "fewer than the 169" in replacement_refusal(complete, 161, None)
    assert "incomplete" in replacement_refusal(complete, 169, "stops early")
    partial = StoredCopy("A/HRC/21/10", "cut.pdf", "def", 12, False)
    assert replacement_refusal(partial, 161, "stops early") is None
    assert "fewer" in replacement_refusal(partial, 11, "stops early")


# ------------------------------------------------------------------------------- bombs, limits, processes


def test_bombs_cost_one_line_each(tmp_path, shared):
    files = [
        pdf_bomb(tmp_path / "pdf-bomb.pdf"),
        docx_bomb(tmp_path / "docx-bomb-image.docx"),
        docx_bomb(tmp_path / "docx-bomb-xml.docx", part="word/document.xml"),
        shutil.copy(_reports(shared) / "fiji2010.pdf", tmp_path / "fiji2010.pdf"),
    ]
    start = time.monotonic()
    results = ingest(files, tmp_path / "s.duckdb", workers=2)
    assert time.monotonic() - start < 60
    reasons = {Path(r.path).name: r.error for r in results}
    assert "decompression bomb" in reasons["pdf-bomb.pdf"]
    assert "word/media/image1.png unpacks to 1,536 MB" in reasons["docx-bomb-image.docx"]
    assert "word/document.xml unpacks to 1,536 MB" in reasons["docx-bomb-xml.docx"]
    assert reasons["fiji2010.pdf"] is None


def test_a_bomb_the_checks_miss_is_stopped_by_the_memory_limit(tmp_path, shared):
    files = [hex_pdf_bomb(tmp_path / "hex-bomb.pdf", inflated=768 << 20),
             shutil.copy(_reports(shared) / "fiji2010.pdf", tmp_path / "fiji2010.pdf")]
    results = ingest(files, tmp_path / "s.duckdb", workers=1, memory_mb=512)
    assert not results[0].ok and "512 MB memory limit" in results[0].error, results[0].error
    assert results[1].ok  # a fresh reader took the next file


def test_a_stream_under_the_limit_is_read(tmp_path):
    text = b"BT /F1 12 Tf 72 720 Td (Minutes of a meeting about widgets and more widgets) Tj ET\n"
    result = process_file(write_pdf(tmp_path / "ok.pdf", zlib_zeros(1 << 24, prefix=text)))
    assert result.error and "not a UPR document" in result.error


def test_a_document_over_the_time_limit_fails_alone_and_nothing_hangs(tmp_path, shared):
    files = [_reports(shared) / "fiji2010.pdf", _reports(shared) / "fiji2014.pdf"]
    start = time.monotonic()
    results = ingest(files, tmp_path / "s.duckdb", timeout=0.01)
    assert time.monotonic() - start < 30
    assert all("took longer than 0.01 s" in r.error for r in results)


def test_reader_processes_end_when_ingest_is_killed(tmp_path, shared):
    psutil = pytest.importorskip("psutil")
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(30):
        shutil.copy(_reports(shared) / REPORTS[k % len(REPORTS)], folder / f"r{k:02d}.pdf")
    parent = subprocess.Popen([sys.executable, "-m", "upr_lens.cli.main", "ingest", str(folder), "--db",
                               str(tmp_path / "s.duckdb"), "-q", "-j", "2"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        children = []
        while time.monotonic() < deadline and len(children) < 2:
            time.sleep(0.1)
            children = psutil.Process(parent.pid).children(recursive=True)
        assert children, "no reader processes were started"
    finally:
        parent.kill()
        parent.wait()
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, f"still running after the parent was killed: {alive}"


# ------------------------------------------------------------------------------- the acceptance run


def test_hostile_files_among_real_reports(tmp_path, shared):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in REPORTS:
        shutil.copy(_reports(shared) / name, folder / name)
    hostile = {
        "markup.pdf": "State under review not recognised",
        "pdf-bomb.pdf": "decompression bomb",
        "hex-bomb.pdf": "memory limit",
        "docx-bomb.docx": "a zip bomb?",
        "india-cut50.pdf": "truncated or damaged PDF",
        "india-cut99.pdf": "truncated or damaged PDF",
        "junk\\xff.pdf": "truncated or damaged PDF",
    }
    markup_pdf(folder / "markup.pdf")
    pdf_bomb(folder / "pdf-bomb.pdf")
    hex_pdf_bomb(folder / "hex-bomb.pdf", inflated=1536 << 20)
    docx_bomb(folder / "docx-bomb.docx", part="word/document.xml")
    for fraction in (0.5, 0.99):
        truncated(_reports(shared) / "india2012.pdf", folder / f"india-cut{int(fraction * 100)}.pdf", fraction)
    odd_name(folder, b"junk\xff.pdf", data=b"%PDF-1.7\n[/b]")
    db = tmp_path / "s.duckdb"
    start = time.monotonic()
    run = _cli("ingest", folder, "--db", db, "-q", "-j", "2")
    elapsed = time.monotonic() - start
    assert run.returncode == 1, run.stderr
    assert elapsed < 120, elapsed
    errors = _error_lines(run.stderr)
    assert len(errors) == len(hostile), run.stderr
    for name, reason in hostile.items():
        matching = [line for line in errors if f"/{name}:" in line]
        assert len(matching) == 1 and reason in matching[0], (name, run.stderr)
    stored = {Path(row).name for row in _stored_files(db)}
    assert stored == set(REPORTS)
    assert f"ingested {len(REPORTS)} of {len(REPORTS) + len(hostile)} files" in run.stderr


def _stored_files(db) -> list[str]:
    con = store.connect(db, read_only=True)
    try:
        return [row[0] for row in con.execute("SELECT source_file FROM documents").fetchall()]
    finally:
        con.close()
