"""Faults in the store writer reach the caller: no hang, every affected document named, store unchanged.

The faults are injected into the real DuckDB store code (a store function made to raise), not mocked away.
Each ingest runs in a thread with a time limit, so a hang fails the test instead of hanging the run.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from upr_lens import ingest as ingest_module
from upr_lens import store
from upr_lens.ingest import ingest

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "synthetic"
LIMIT = 60.0  # seconds: a hang shows as a failure long before CI times out


def _copies(folder: Path, n: int) -> list[Path]:
    """*n* copies of the synthetic reports under distinct names."""
    sources = [CORPUS / "synthetic-report-cycle3.pdf", CORPUS / "synthetic-report-cycle1.pdf"]
    folder.mkdir()
    files = []
    for k in range(n):
        target = folder / f"copy-{k:02d}.pdf"
        shutil.copy(sources[k % 2], target)
        files.append(target)
    return files


def _run_with_limit(files, db, **options):
    """ingest() in a thread: (results, results seen by on_result, exception) or a test failure on a hang."""
    seen, outcome = [], {}

    def run():
        try:
            outcome["results"] = ingest(files, db, on_result=seen.append, **options)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(LIMIT)
    assert not thread.is_alive(), f"ingest of {len(files)} files still running after {LIMIT} s: it hangs"
    return outcome.get("results"), seen, outcome.get("error")


def _contents(db) -> dict:
    con = store.connect(db, read_only=True)
    try:
        return {table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
                for table in ("documents", "recommendations", "recommendation_parts", "recommendation_states",
                              "positions", "lead_ins")}
    finally:
        con.close()


def _broken_find_duplicate(con, sha1, source_file):
    raise RuntimeError("injected fault in find_duplicate")


@pytest.mark.parametrize("n", [5, 40])
def test_a_failing_store_query_fails_each_document_by_name(tmp_path, monkeypatch, n):
    files = _copies(tmp_path / "in", n)
    db = tmp_path / "s.duckdb"
    ingest([CORPUS / "synthetic-report-cycle1.pdf"], db)  # a store with something in it already
    before = _contents(db)
    monkeypatch.setattr(store, "find_duplicate", _broken_find_duplicate)
    results, seen, error = _run_with_limit(files, db, workers=2 if n > 8 else 1)
    assert error is None
    assert sorted(r.path for r in results) == sorted(map(str, files))
    assert [r.path for r in seen] == [r.path for r in results]  # the caller heard of every one
    assert all(not r.ok and "injected fault in find_duplicate" in r.error for r in results)
    assert _contents(db) == before


def _broken_group(con, group):
    raise RuntimeError("injected fault: the writer stops")


@pytest.mark.parametrize("n", [5, 40])
def test_a_writer_that_stops_does_not_hang_and_names_every_document(tmp_path, monkeypatch, n):
    files = _copies(tmp_path / "in", n)
    db = tmp_path / "s.duckdb"
    ingest([CORPUS / "synthetic-report-cycle1.pdf"], db)
    before = _contents(db)
    monkeypatch.setattr(ingest_module, "_save_group", _broken_group)
    results, seen, error = _run_with_limit(files, db)  # one worker: the 16-place queue fills if no one reads
    assert error is None
    assert sorted(r.path for r in results) == sorted(map(str, files))
    assert len(seen) == n
    for result in results:
        assert not result.ok
        assert "the store writer stopped" in result.error and "injected fault" in result.error
    assert _contents(db) == before


def test_a_failing_insert_rolls_the_document_back(tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    ingest([CORPUS / "synthetic-report-cycle1.pdf"], db)
    before = _contents(db)
    from upr_lens.store import documents

    real_insert = documents.insert_rows

    def insert_then_fail(con, table, rows):
        real_insert(con, table, rows)
        if table == "recommendation_states":  # after documents, recommendations and parts went in
            raise RuntimeError("injected fault after some rows were written")

    monkeypatch.setattr(documents, "insert_rows", insert_then_fail)
    results, _, error = _run_with_limit([CORPUS / "synthetic-report-cycle3.pdf"], db)
    assert error is None
    assert len(results) == 1 and not results[0].ok and "injected fault" in results[0].error
    assert _contents(db) == before


def test_an_on_result_callback_error_is_raised_after_the_batch_is_wound_up(tmp_path):
    files = _copies(tmp_path / "in", 20)
    db = tmp_path / "s.duckdb"
    calls = []

    def callback(result):
        calls.append(result)
        raise KeyError("caller bug")

    outcome = {}

    def run():
        try:
            ingest(files, db, on_result=callback)
        except KeyError as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(LIMIT)
    assert not thread.is_alive(), "ingest hangs when on_result raises"
    assert "caller bug" in str(outcome.get("error"))
    assert len(calls) == 1


def test_the_cli_exits_non_zero_and_names_the_documents(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from upr_lens.cli.main import app

    files = _copies(tmp_path / "in", 5)
    db = tmp_path / "s.duckdb"
    monkeypatch.setattr(store, "find_duplicate", _broken_find_duplicate)
    outcome = {}
    thread = threading.Thread(
        target=lambda: outcome.update(run=CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db),
                                                                   "-q"])),
        daemon=True)
    thread.start()
    thread.join(LIMIT)
    assert not thread.is_alive(), "the ingest command hangs"
    run = outcome["run"]
    assert run.exit_code == 1, run.output
    text = run.output + (run.stderr if run.stderr_bytes is not None else "")
    for path in files:
        assert path.name in text
    assert "5 failed" in text
