"""One schema with recorded migrations: older stores are upgraded with every row kept, a failed upgrade
leaves the store as it was, and what is not ours (or is newer) is refused, for reading and for writing.

The schema-3 fixture (tests/data/store_schema_v3/, made by tests/data/make_store_schema_v3.py with the
schema-3 code) is a DuckDB export: a .duckdb file holds several MB however few its rows.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from upr_lens import store
from upr_lens.errors import StoreError
from upr_lens.store import migrations
from upr_lens.store.schema import SCHEMA_VERSION, TABLES

DATA = Path(__file__).resolve().parent / "data"
CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "synthetic"
V3_TABLES = ["classifications", "cycle_links", "documents", "followup_annotations", "implementation_signals",
             "instruments", "lead_ins", "meta", "positions", "recommendation_parts", "recommendation_states",
             "recommendations", "thematic_rows", "treaty_status", "uprinfo_rows"]


def _v3_store(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute(f"IMPORT DATABASE '{DATA / 'store_schema_v3'}'")
    con.close()
    return path


def _counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        con.close()


def _layout(path: Path) -> list[tuple]:
    """Every table's columns, types and order, and the stored version."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        columns = con.execute("SELECT table_name, column_index, column_name, data_type FROM duckdb_columns() "
                              "WHERE schema_name = 'main' ORDER BY 1, 2").fetchall()
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return [*columns, version]
    finally:
        con.close()


def _old_values(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_v3_fixture_is_what_the_schema_3_code_made(tmp_path):
    counts = _counts(_v3_store(tmp_path / "v3.duckdb"))
    assert sorted(counts) == V3_TABLES  # every table of the schema-3 code, each with rows
    assert all(n > 0 for n in counts.values()), counts


def test_a_schema_3_store_is_upgraded_with_every_row_kept(tmp_path):
    path = _v3_store(tmp_path / "v3.duckdb")
    before = _counts(path)
    old_classes = _old_values(path, "SELECT rec_key, risk_factors, indicators, issues FROM classifications")
    old_thematic = _old_values(path, "SELECT rec_key, states_printed, states_iso3, themes, affected_persons, sdgs "
                                     "FROM thematic_rows")
    con = store.connect(path)
    try:
        assert store.stored_version(con) == SCHEMA_VERSION
        after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
        assert after == before
        assert con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall() == [
            (4, "one schema; lists stored as lists"), (5, "SDG-Human Rights Data Explorer rows"),
            (6, "position priorities in steps of ten, one per source"),
            (7, "positions per recommending State and part")]
        # positions recorded before 7 are the whole recommendation's; UPR Info rows of stored reviews keep theirs
        assert con.execute("SELECT count(*), count(from_iso3), count(from_printed), count(part_index) "
                           "FROM positions").fetchone() == (before["positions"], 0, 0, 0)
        assert con.execute("SELECT count(*) FROM uprinfo_rows WHERE review_stored "
                           "AND review_iso3 IS DISTINCT FROM to_iso3").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM uprinfo_rows WHERE review_iso3 IS NOT NULL").fetchone()[0] == \
            con.execute("SELECT count(*) FROM uprinfo_rows WHERE review_stored").fetchone()[0] > 0
        # lists converted item for item
        new = {k: (f, i, s) for k, f, i, s in con.execute(
            "SELECT rec_key, risk_factors, indicators, issues FROM classifications").fetchall()}
        assert any(f for f, _, _ in new.values()) and any(i for _, i, _ in new.values())
        for key, factors, indicators, issues in old_classes:
            assert new[key] == ([int(x) for x in factors.split(";") if x], [x for x in indicators.split(";") if x],
                                [x for x in issues.split(";") if x])
        new_thematic = {r[0]: r[1:] for r in con.execute(
            "SELECT rec_key, states_printed, states_iso3, themes, affected_persons, sdgs FROM thematic_rows"
        ).fetchall()}
        for key, printed, iso3, themes, persons, sdgs in old_thematic:
            assert new_thematic[key] == (
                printed.split(";"), [None if x == "?" else x for x in iso3.split(";")],
                [x.strip() for x in themes.split(";") if x.strip()],
                [x.strip() for x in persons.split(";") if x.strip()],
                [x.strip() for x in sdgs.split(";") if x.strip()])
        # the library reads it: queries, list filters, the follow-up sequence goes on
        frame = store.recommendations_frame(con, risk_factor=3)
        assert len(frame) > 0 and all(3 in list(f) for f in frame["risk_factors"])
        from upr_lens.track.followup import followup_history, set_followup

        key = con.execute("SELECT rec_key FROM followup_annotations LIMIT 1").fetchone()[0]
        added = set_followup(con, key, "unknown", "after the upgrade", author="test")
        assert added["annotation_id"] == 3
        assert len(followup_history(con, key)) == 3
    finally:
        con.close()
    # the same layout as a store made by this version
    fresh = tmp_path / "fresh.duckdb"
    store.connect(fresh).close()
    assert _layout(path) == _layout(fresh)
    # and it opens read-only now, without change
    con = store.connect(path, read_only=True)
    con.close()


def test_an_upgraded_store_takes_new_documents_and_classifications(tmp_path):
    from upr_lens.classify.pipeline import classify_store
    from upr_lens.ingest import ingest

    path = _v3_store(tmp_path / "v3.duckdb")
    results = ingest([CORPUS / "synthetic-report-cycle3.pdf"], path)  # re-ingest: replaces the stored copy
    assert all(r.ok for r in results), results
    con = store.connect(path)
    try:
        assert classify_store(con, state="AND") > 0
        types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                                 "WHERE table_name = 'classifications'").fetchall())
        assert types["risk_factors"] == "INTEGER[]" and types["issues"] == "VARCHAR[]"
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    finally:
        con.close()


def test_a_failed_upgrade_leaves_the_store_as_it_was_and_unstamped(tmp_path, monkeypatch):
    path = _v3_store(tmp_path / "v3.duckdb")
    layout, counts = _layout(path), _counts(path)
    last = migrations.MIGRATIONS[-1]

    def half_then_fail(con):
        last.run(con)  # every change of the migration made, then a failure
        raise duckdb.ConversionException("injected fault in the migration")

    monkeypatch.setattr(migrations, "MIGRATIONS",
                        [*migrations.MIGRATIONS[:-1], migrations.Migration(last.version, last.name, half_then_fail)])
    with pytest.raises(StoreError, match=f"could not be upgraded from schema 3 to {SCHEMA_VERSION}.*left as it was"):
        store.connect(path)
    assert _layout(path) == layout and _counts(path) == counts  # still version 3, same tables and rows
    monkeypatch.undo()
    store.connect(path).close()  # the fixed code upgrades it
    assert _layout(path)[-1] == (str(SCHEMA_VERSION),)


# the earlier schemas, as `git log -p upr_lens/store.py` shows them (only the tables that changed)
_V1_PARTS = "CREATE TABLE recommendation_parts (rec_key VARCHAR, part_index INTEGER, text VARCHAR)"
_V1_STATES = """CREATE TABLE recommendation_states (rec_key VARCHAR, part_index INTEGER, position INTEGER,
    printed VARCHAR, state_name VARCHAR, state_iso3 VARCHAR)"""
_V1_DOCUMENTS = TABLES["documents"].replace("doc_id VARCHAR,", "doc_id VARCHAR PRIMARY KEY,", 1)


def _old_store(tmp_path: Path, version: int) -> tuple[Path, Path]:
    """A store of schema *version* (1 or 2) holding the synthetic cycle-3 report, and a current store
    made by ingesting the same report (to compare with)."""
    from upr_lens.ingest import ingest

    current = tmp_path / "current.duckdb"
    ingest([CORPUS / "synthetic-report-cycle3.pdf"], current)
    old = tmp_path / f"v{version}.duckdb"
    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(version)])
    con.execute(_V1_DOCUMENTS)
    con.execute(TABLES["lead_ins"])
    con.execute(TABLES["recommendations"])
    if version == 1:
        con.execute(_V1_PARTS)
        con.execute(_V1_STATES)
    else:
        con.execute(TABLES["recommendation_parts"])
        con.execute(TABLES["recommendation_states"])
    con.execute(f"ATTACH '{current}' AS cur (READ_ONLY)")
    for table in ("documents", "lead_ins", "recommendations"):
        con.execute(f"INSERT INTO {table} SELECT * FROM cur.{table}")
    drop = "* EXCLUDE (doc_id)" if version == 1 else "*"
    con.execute(f"INSERT INTO recommendation_parts SELECT {drop} FROM cur.recommendation_parts")
    con.execute(f"INSERT INTO recommendation_states SELECT {drop} FROM cur.recommendation_states")
    con.execute("DETACH cur")
    con.close()
    return old, current


@pytest.mark.parametrize("version", [1, 2])
def test_version_1_and_2_stores_are_upgraded(tmp_path, version):
    from upr_lens.ingest import ingest

    old, current = _old_store(tmp_path, version)
    rows = "SELECT * FROM {} ORDER BY ALL"
    con = store.connect(old)  # before: a BinderException (recommendation_parts has no doc_id)
    try:
        assert [v for v, _ in con.execute("SELECT version, name FROM schema_migrations ORDER BY 1").fetchall()] == \
            list(range(version + 1, SCHEMA_VERSION + 1))
        now = duckdb.connect(str(current), read_only=True)
        for table in ("recommendation_parts", "recommendation_states", "recommendations"):
            assert con.execute(rows.format(table)).fetchall() == now.execute(rows.format(table)).fetchall(), table
        # the positions the report states, as ingest records them
        assert con.execute(rows.format("positions")).fetchall() == now.execute(rows.format("positions")).fetchall()
        now.close()
    finally:
        con.close()
    assert _layout(old) == _layout(current)
    # and a re-ingest replaces the document (the old primary key is gone)
    results = ingest([CORPUS / "synthetic-report-cycle3.pdf"], old)
    assert all(r.ok for r in results)
    counts, expected = _counts(old), _counts(current)
    assert counts.pop("schema_migrations") == SCHEMA_VERSION - version and expected.pop("schema_migrations") == 1
    assert counts == expected


def test_a_newer_store_is_refused_for_reading_and_writing(tmp_path):
    path = tmp_path / "newer.duckdb"
    store.connect(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    layout = _layout(path)
    for read_only in (False, True):
        with pytest.raises(StoreError, match="newer upr_lens"):
            store.connect(path, read_only=read_only)
    assert _layout(path) == layout


def test_another_programs_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE invoices (id INTEGER, total DOUBLE)")
    con.execute("INSERT INTO invoices VALUES (1, 9.5)")
    con.close()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="not an upr_lens store"):
            store.connect(path, read_only=read_only)
    assert _counts(path) == {"invoices": 1}


def test_read_only_never_creates_or_upgrades(tmp_path):
    missing = tmp_path / "missing.duckdb"
    with pytest.raises(StoreError, match="no such database"):
        store.connect(missing, read_only=True)
    assert not missing.exists()
    path = _v3_store(tmp_path / "v3.duckdb")
    layout = _layout(path)
    with pytest.raises(StoreError, match="earlier upr_lens"):
        store.connect(path, read_only=True)
    assert _layout(path) == layout
    assert store.upgrade(path) == (3, SCHEMA_VERSION)
    store.connect(path, read_only=True).close()


def test_a_locked_store_says_it_is_in_use(tmp_path):
    path = tmp_path / "busy.duckdb"
    store.connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
         " time.sleep(60)", str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        for read_only in (False, True):
            with pytest.raises(StoreError, match="locked: the store is in use by another process"):
                store.connect(path, read_only=read_only)
    finally:
        holder.kill()
        holder.wait()


def test_csv_exports_keep_lists_as_text(tmp_path):
    import csv

    path = _v3_store(tmp_path / "v3.duckdb")
    old = dict(_old_values(path, "SELECT rec_key, risk_factors FROM classifications"))
    con = store.connect(path)
    try:
        out = tmp_path / "out.csv"
        store.export(con, out, "csv", columns=[*store.EXPORT_COLUMNS, "risk_factors"])
        keys = store.recommendations_frame(con)["rec_key"].tolist()
    finally:
        con.close()
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:len(store.EXPORT_COLUMNS)] == store.EXPORT_COLUMNS
    exported = {key: row["risk_factors"] for key, row in zip(keys, rows, strict=True)}
    assert any(exported.values())
    for key, text in old.items():
        assert exported[key] == text


def test_the_upgrade_command_upgrades_an_earlier_store_that_read_only_commands_refuse(tmp_path, cli):
    path = _v3_store(tmp_path / "v3.duckdb")
    before = _counts(path)
    refused = cli("documents", "--db", str(path))
    assert refused.exit_code == 1 and "upr-lens upgrade" in refused.stderr
    done = cli("upgrade", "--db", str(path))
    assert done.exit_code == 0 and f"upgraded from schema 3 to {SCHEMA_VERSION}" in done.stdout
    assert all(_counts(path)[table] == n for table, n in before.items() if table != "meta")
    assert cli("documents", "--db", str(path)).exit_code == 0
    assert "already at schema" in cli("upgrade", "--db", str(path)).stdout


@pytest.mark.orphans_expected  # bare position rows, without documents, are all the migration needs
def test_schema_5_priorities_move_to_steps_of_ten_and_secondary_sources_no_longer_tie(tmp_path):
    from upr_lens.track.positions import PRIORITY

    path = tmp_path / "v5.duckdb"
    con = store.connect(path)
    rows = [("r#1", "uprinfo", "noted", 2), ("r#1", "sdg_explorer", "supported", 2),
            ("r#1", "report_pending", "pending", 1), ("r#2", "addendum", "supported", 5), ("r#2", "report", "noted", 4),
            ("r#3", "thematic_list", "noted", 3)]
    for key, kind, position, priority in rows:
        con.execute("INSERT INTO positions (rec_key, source_kind, position, priority) VALUES (?, ?, ?, ?)",
                    [key, kind, position, priority])
    con.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    con.close()
    con = store.connect(path)  # opened for writing: upgraded
    got = dict(con.execute("SELECT source_kind, priority FROM positions").fetchall())
    final = dict(con.execute("SELECT rec_key, arg_max(position, priority) FROM positions GROUP BY 1").fetchall())
    con.close()
    assert got == {kind: PRIORITY[kind] for kind in got}
    assert len(set(PRIORITY.values())) == len(PRIORITY)  # no two sources share a priority
    assert final == {"r#1": "noted", "r#2": "supported", "r#3": "noted"}  # UPR Info above the explorer
