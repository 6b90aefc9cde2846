"""Issue 12, store integrity: a damaged, foreign or SQLite file is refused in one line and left byte for byte
as it was, for commands that write and commands that read; no extension is ever loaded for a foreign file;
reading a missing store never creates it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from conftest import CORPUS

REPORT = CORPUS / "synthetic-report-cycle1.pdf"


def _fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _refused(result, *words) -> None:
    assert result.exit_code == 1, (result.stdout, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


# a command that writes, then commands that read
COMMANDS = [
    ("ingest", REPORT, "-q"),
    ("link",),
    ("query",),
    ("export", "--out", "{tmp}/out.csv"),
    ("state", "Andorra"),
    ("documents",),
    ("check",),
    ("follow-up", "history", "A/HRC/WG.6/1/AND/1#1.1"),
]


def _run_all(cli, db: Path, tmp_path: Path, *words) -> None:
    before = _fingerprint(db)
    for command in COMMANDS:
        args = [str(a).replace("{tmp}", str(tmp_path)) for a in command]
        if args[0] == "follow-up":
            result = cli(*args, "--db", db)
        else:
            result = cli(args[0], *args[1:], "--db", db)
        _refused(result, *words)
        assert _fingerprint(db) == before, f"{args[0]} changed the file"
        assert not Path(str(db) + ".wal").exists()


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.99])
def test_a_truncated_store_is_refused_and_untouched(cli, synthetic_store, tmp_path, fraction):
    data = synthetic_store.read_bytes()
    db = tmp_path / "cut.duckdb"
    db.write_bytes(data[: int(len(data) * fraction)])
    _run_all(cli, db, tmp_path, "damaged store", "left untouched")


def _used_block_offsets(db: Path) -> list[int]:
    """File offsets of data blocks the recommendations table uses (4 KB flipped there is real damage)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        blocks = sorted({b for (b,) in con.execute(
            "SELECT block_id FROM pragma_storage_info('recommendations') WHERE block_id >= 0").fetchall()})
        block_size = con.execute("PRAGMA database_size").fetchone()[2]
    finally:
        con.close()
    return [3 * 4096 + b * block_size for b in blocks]


@pytest.mark.parametrize("where", ["header", "data"])
def test_a_store_with_4kb_flipped_is_refused_and_untouched(cli, synthetic_store, tmp_path, where):
    data = bytearray(synthetic_store.read_bytes())
    start = 4096 if where == "header" else _used_block_offsets(synthetic_store)[0] + 64
    for i in range(start, start + 4096):
        data[i] ^= 0xFF
    db = tmp_path / "flipped.duckdb"
    db.write_bytes(bytes(data))
    _run_all(cli, db, tmp_path, "damaged store")


def test_another_programs_duckdb_file_is_refused_and_untouched(cli, tmp_path):
    import duckdb

    db = tmp_path / "theirs.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE sales (id INTEGER, amount DOUBLE)")
    con.execute("INSERT INTO sales VALUES (1, 2.5)")
    con.close()
    _run_all(cli, db, tmp_path, "not an upr_lens store", "left untouched")


def test_a_sqlite_file_is_refused_without_duckdb_reading_it(cli, tmp_path, monkeypatch):
    db = tmp_path / "app.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (a)")
    con.commit()
    con.close()
    # no network, no extension folder: any attempt to fetch or load the sqlite extension would show
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("https_proxy", "http://127.0.0.1:9")
    _run_all(cli, db, tmp_path, "a SQLite database", "left untouched")
    assert not (tmp_path / "home").exists()


def test_a_text_file_is_not_a_store(cli, tmp_path):
    db = tmp_path / "notes.duckdb"
    db.write_text("just some notes\n" * 100, encoding="utf-8")
    _run_all(cli, db, tmp_path, "not a DuckDB database file")


def test_connections_never_autoload_extensions(tmp_path, synthetic_store):
    from upr_lens import store

    con = store.connect(synthetic_store, read_only=True)
    try:
        settings = dict(con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name LIKE 'auto%_known_extensions'").fetchall())
    finally:
        con.close()
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


def test_follow_up_history_of_a_missing_store_does_not_create_it(cli, tmp_path):
    db = tmp_path / "absent.duckdb"
    _refused(cli("follow-up", "history", "A/HRC/43/15#122.3", "--db", db), "no such database")
    assert not db.exists()


def test_a_damaged_store_found_while_reading_is_one_line(cli, store_copy, monkeypatch):
    """Damage the checks on opening cannot see (they read only the header for reads) is still one line."""
    import duckdb

    from upr_lens.query import recommendations as real

    def failing(*args, **kwargs):
        raise duckdb.IOException('IO Error: Could not read enough bytes from file "x": attempted to read 4096')

    monkeypatch.setattr("upr_lens.query.recommendations", failing)
    _refused(cli("query", "--db", store_copy), "damaged store (found while reading it")
    assert real is not failing


def test_a_good_store_still_opens_for_writing(cli, store_copy):
    result = cli("ingest", REPORT, "--db", store_copy, "-q")
    assert result.exit_code == 0, result.stderr
    assert os.path.getsize(store_copy) > 0
