"""Ordered, recorded migrations: each takes a store of the version before it to its own version.

:func:`upgrade` runs every migration newer than the store, in order, in one transaction, then creates any
table of the current schema the store still lacks and stamps ``meta.schema_version``; each migration that
ran is recorded in ``schema_migrations``. If anything fails, the transaction is rolled back: the store is
left exactly as it was, still at its old version, and can be upgraded again by a fixed version.

Schema history (from ``git log -p upr_lens/store.py``):

* 1: documents (``doc_id`` primary key), lead_ins, recommendations, recommendation_parts and
  recommendation_states keyed by ``rec_key`` only.
* 2: recommendation_parts and recommendation_states carry the ``doc_id`` of their document (a
  re-ingest deletes by ``doc_id``); later, still at 2, documents lost its primary key.
* 3: positions and thematic_rows; then, without a new version, classifications and the tables of
  track/ (followup_annotations, instruments, treaty_status, implementation_signals, cycle_links,
  uprinfo_rows), created when first used: a store at 3 may lack any of them.
* 4: every table created with the store (one schema, :mod:`upr_lens.store.schema`); lists stored as lists
  (classifications.risk_factors ``INTEGER[]``, indicators and issues ``VARCHAR[]``; thematic_rows'
  States, themes, affected persons and SDGs ``VARCHAR[]``); ``schema_migrations``.
* 5: ``sdg_explorer_rows`` (the SDG-Human Rights Data Explorer import, :mod:`upr_lens.track.sdg_explorer`).

A migration checks what the store holds before changing it (a table created later at its current form is
left alone), since the stores of one version did not all hold the same tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from upr_lens import package_version
from upr_lens.store.schema import SCHEMA_VERSION, TABLES, columns, create_missing, existing_tables


@dataclass(frozen=True)
class Migration:
    version: int  # the version the store has after it
    name: str
    run: Callable[..., None]


def _replace(con, table: str, create: str, select: str) -> None:
    """Rebuild *table* as *create* (a CREATE TABLE statement for ``{table}__new``) filled by *select*."""
    con.execute(create)
    con.execute(f"INSERT INTO {table}__new {select}")
    con.execute(f"DROP TABLE {table}")
    con.execute(f"ALTER TABLE {table}__new RENAME TO {table}")


def _documents_without_key(con) -> None:
    """Version 1 made doc_id a primary key (dropped later without a new version): a document replaced
    within one transaction (delete, then insert) needs it gone."""
    keyed = con.execute(
        "SELECT count(*) FROM duckdb_constraints() WHERE database_name = current_database() "
        "AND table_name = 'documents' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')").fetchone()[0]
    if keyed:
        con.execute("CREATE TABLE documents__new AS SELECT * FROM documents")
        con.execute("DROP TABLE documents")
        con.execute("ALTER TABLE documents__new RENAME TO documents")


def _to_2_parts_and_states_carry_doc_id(con) -> None:
    owners = "(SELECT DISTINCT rec_key, doc_id FROM recommendations)"
    if "doc_id" not in columns(con, "recommendation_parts"):
        _replace(con, "recommendation_parts",
                 "CREATE TABLE recommendation_parts__new (doc_id VARCHAR, rec_key VARCHAR, part_index INTEGER, "
                 "text VARCHAR)",
                 f"SELECT o.doc_id, p.rec_key, p.part_index, p.text FROM recommendation_parts p "
                 f"LEFT JOIN {owners} o USING (rec_key)")
    if "doc_id" not in columns(con, "recommendation_states"):
        _replace(con, "recommendation_states",
                 "CREATE TABLE recommendation_states__new (doc_id VARCHAR, rec_key VARCHAR, part_index INTEGER, "
                 "position INTEGER, printed VARCHAR, state_name VARCHAR, state_iso3 VARCHAR)",
                 f"SELECT o.doc_id, s.rec_key, s.part_index, s.position, s.printed, s.state_name, s.state_iso3 "
                 f"FROM recommendation_states s LEFT JOIN {owners} o USING (rec_key)")
    _documents_without_key(con)


def _to_3_positions(con) -> None:
    """The positions history, started from the decisions the stored reports state (as ingest records them:
    see upr_lens.track.positions.report_rows). Addenda and thematic lists stored before version 3 gave no
    positions: re-ingest them to record theirs."""
    tables = existing_tables(con)
    if "positions" not in tables:
        con.execute("""CREATE TABLE positions (
            doc_id VARCHAR, rec_key VARCHAR, report_symbol VARCHAR, rec_id VARCHAR, position VARCHAR,
            printed VARCHAR, implemented_claim BOOLEAN, source_kind VARCHAR, source_symbol VARCHAR,
            source_paragraph INTEGER, explanation VARCHAR, priority INTEGER)""")
        con.execute("""
            INSERT INTO positions
            SELECT r.doc_id, r.rec_key, r.symbol, r.rec_id,
                   CASE r.decision WHEN 'noted' THEN 'noted' WHEN 'to_be_examined' THEN 'pending' ELSE 'supported' END,
                   left(coalesce(r.lead_in, ''), 200), r.decision = 'already_implemented', 'report', r.symbol,
                   r.paragraph, '', CASE r.decision WHEN 'to_be_examined' THEN 1 ELSE 4 END
            FROM recommendations r JOIN documents d USING (doc_id)
            WHERE d.doc_type = 'report'
              AND r.decision IN ('supported', 'already_implemented', 'noted', 'to_be_examined')""")
    if "thematic_rows" not in tables:
        con.execute(TABLES["thematic_rows"])  # created at its current form: see the module docstring


def _split(column: str, separator: str = ";", unknown: str | None = None) -> str:
    """SQL: the ``separator``-joined text *column* as a list without empty items (NULL stays NULL)."""
    item = "trim(x)" if unknown is None else f"nullif(trim(x), '{unknown}')"
    return f"[{item} FOR x IN string_split({column}, '{separator}') IF trim(x) <> '']"


_LISTS = {
    "classifications": {
        "risk_factors": ("INTEGER[]", "[TRY_CAST(trim(x) AS INTEGER) FOR x IN string_split(risk_factors, ';') "
                                      "IF trim(x) <> '']"),
        "indicators": ("VARCHAR[]", _split("indicators")),
        "issues": ("VARCHAR[]", _split("issues")),
    },
    "thematic_rows": {
        "states_printed": ("VARCHAR[]", _split("states_printed")),
        "states_iso3": ("VARCHAR[]", _split("states_iso3", unknown="?")),
        "themes": ("VARCHAR[]", _split("themes")),
        "affected_persons": ("VARCHAR[]", _split("affected_persons")),
        "sdgs": ("VARCHAR[]", _split("sdgs")),
    },
}


def _to_4_one_schema_lists_as_lists(con) -> None:
    tables = existing_tables(con)
    for table, changes in _LISTS.items():
        if table not in tables:
            continue  # created at its current form by upgrade()
        have = columns(con, table)
        for column, (kind, expression) in changes.items():
            if have.get(column) == "VARCHAR":
                con.execute(f"ALTER TABLE {table} ALTER {column} SET DATA TYPE {kind} USING {expression}")
    _documents_without_key(con)


def _to_5_sdg_explorer_rows(con) -> None:
    if "sdg_explorer_rows" not in existing_tables(con):
        con.execute(TABLES["sdg_explorer_rows"])


def _to_6_priorities_in_steps_of_ten(con) -> None:
    # schema 5 gave UPR Info and the SDG-HR Data Explorer the same priority (2): a tie arg_max broke arbitrarily
    con.execute("UPDATE positions SET priority = CASE WHEN source_kind = 'sdg_explorer' THEN 15 "
                "ELSE priority * 10 END")


def _to_7_positions_per_recommending_state(con) -> None:
    # positions recorded before version 7 are the whole recommendation's (NULL); a UPR Info import made before
    # it gives its rows' States once imported again (upr-lens import-uprinfo)
    have = columns(con, "positions")
    for column, kind in (("from_iso3", "VARCHAR"), ("from_printed", "VARCHAR"), ("part_index", "INTEGER")):
        if column not in have:
            con.execute(f"ALTER TABLE positions ADD COLUMN {column} {kind}")
    if "uprinfo_rows" in existing_tables(con) and "review_iso3" not in columns(con, "uprinfo_rows"):
        con.execute("ALTER TABLE uprinfo_rows ADD COLUMN review_iso3 VARCHAR")
        con.execute("ALTER TABLE uprinfo_rows ADD COLUMN part_index INTEGER")
        con.execute("UPDATE uprinfo_rows SET review_iso3 = to_iso3 WHERE review_stored")


MIGRATIONS: list[Migration] = [
    Migration(2, "parts and states carry doc_id", _to_2_parts_and_states_carry_doc_id),
    Migration(3, "positions history and thematic rows", _to_3_positions),
    Migration(4, "one schema; lists stored as lists", _to_4_one_schema_lists_as_lists),
    Migration(5, "SDG-Human Rights Data Explorer rows", _to_5_sdg_explorer_rows),
    Migration(6, "position priorities in steps of ten, one per source", _to_6_priorities_in_steps_of_ten),
    Migration(7, "positions per recommending State and part", _to_7_positions_per_recommending_state),
]
assert [m.version for m in MIGRATIONS] == list(range(2, SCHEMA_VERSION + 1)), "one migration per version"


def create(con) -> None:
    """Make a new store at the current version (in one transaction)."""
    con.execute("BEGIN TRANSACTION")
    try:
        create_missing(con)
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        con.execute("INSERT INTO schema_migrations VALUES (?, 'create', now()::TIMESTAMP, ?)",
                    [SCHEMA_VERSION, package_version()])
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def upgrade(con, found: int) -> list[Migration]:
    """Run the migrations after version *found*, record them and stamp the version, all in one
    transaction; returns the migrations that ran. On any failure the store is left as it was."""
    steps = [m for m in MIGRATIONS if m.version > found]
    con.execute("BEGIN TRANSACTION")
    try:
        if "schema_migrations" not in existing_tables(con):
            con.execute(TABLES["schema_migrations"])
        for step in steps:
            step.run(con)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP, ?)",
                        [step.version, step.name, package_version()])
        create_missing(con)
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return steps
