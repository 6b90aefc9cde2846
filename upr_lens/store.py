"""The store: one DuckDB file. Schema, one transaction per document, queries for the CLI and notebooks.

DuckDB is an embedded, columnar SQL database: analysts query it with SQL, notebooks get pandas frames
straight from it, and a file holds a whole corpus. Each document is written in one transaction, so a
failure leaves the store as it was; re-ingesting a document (same symbol) replaces it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

from upr_lens.errors import StoreError
from upr_lens.records import DocumentInfo, ParsedReport

SCHEMA_VERSION = 3
DEFAULT_DB = "upr_lens.duckdb"

_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id VARCHAR, symbol VARCHAR, doc_type VARCHAR, state_iso3 VARCHAR,
        state_name VARCHAR, state_printed VARCHAR, wg_session INTEGER, hrc_session INTEGER,
        cycle INTEGER, doc_date DATE, title VARCHAR, source_file VARCHAR, sha1 VARCHAR,
        n_pages INTEGER, n_recommendations INTEGER, notes VARCHAR, ingested_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS lead_ins (
        doc_id VARCHAR, paragraph INTEGER, decision VARCHAR, text VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS recommendations (
        rec_key VARCHAR, doc_id VARCHAR, symbol VARCHAR, state_iso3 VARCHAR,
        cycle INTEGER, wg_session INTEGER, rec_id VARCHAR, paragraph INTEGER, item INTEGER,
        decision VARCHAR, lead_in VARCHAR, text VARCHAR, n_parts INTEGER, page INTEGER,
        comment VARCHAR, notes VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS recommendation_parts (
        doc_id VARCHAR, rec_key VARCHAR, part_index INTEGER, text VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS recommendation_states (
        doc_id VARCHAR, rec_key VARCHAR, part_index INTEGER, position INTEGER, printed VARCHAR,
        state_name VARCHAR, state_iso3 VARCHAR)""",
    # every position any source gives a recommendation; the history is kept, never overwritten
    """CREATE TABLE IF NOT EXISTS positions (
        doc_id VARCHAR, rec_key VARCHAR, report_symbol VARCHAR, rec_id VARCHAR, position VARCHAR,
        printed VARCHAR, implemented_claim BOOLEAN, source_kind VARCHAR, source_symbol VARCHAR,
        source_paragraph INTEGER, explanation VARCHAR, priority INTEGER)""",
    # classifications are keyed by rec_key and kept across re-ingests; each row names its model version
    """CREATE TABLE IF NOT EXISTS classifications (
        rec_key VARCHAR, model_version VARCHAR, risk_factors VARCHAR, risk_factor_scores VARCHAR,
        indicators VARCHAR, action_category INTEGER, action_confidence DOUBLE, issues VARCHAR, reason VARCHAR,
        classified_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS thematic_rows (
        doc_id VARCHAR, rec_key VARCHAR, report_symbol VARCHAR, rec_id VARCHAR, text VARCHAR,
        states_printed VARCHAR, states_iso3 VARCHAR, position VARCHAR, position_source VARCHAR,
        themes VARCHAR, affected_persons VARCHAR, sdgs VARCHAR)""",
]


def connect(path: str | Path = DEFAULT_DB, read_only: bool = False):
    """Open (and create or check) the store at *path*; returns a DuckDB connection."""
    import duckdb

    path = str(path)
    if read_only and not Path(path).exists():
        raise StoreError(f"{path}: no such database (run `upr-lens ingest` first)")
    try:
        # fewer automatic checkpoints during a batch: each document is still its own committed transaction
        config = {} if read_only else {"checkpoint_threshold": "256MB"}
        con = duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.Error as exc:
        reason = str(exc).splitlines()[0]
        raise StoreError(f"{path}: not a usable upr_lens database ({reason})") from exc
    try:
        if not read_only:
            for statement in _SCHEMA:
                con.execute(statement)
            found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if found is None:
                con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            elif int(found[0]) > SCHEMA_VERSION:
                raise StoreError(f"{path}: made by a newer upr_lens (schema {found[0]})")
            elif int(found[0]) < SCHEMA_VERSION:  # new tables were created above: the store is upgraded
                con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])
        else:
            found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if found is not None and int(found[0]) < SCHEMA_VERSION:
                con.close()
                connect(path).close()  # upgrade once (adds the newer tables), then reopen read-only
                return connect(path, read_only=True)
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{path}: not a upr_lens database ({str(exc).splitlines()[0]})") from exc
    return con


def document_id(info: DocumentInfo, sha1: str) -> str:
    """A report or addendum is known by its UN symbol, a thematic list by its report's symbol (prefixed),
    anything else by its content hash."""
    kind = info.doc_type.value
    if info.symbol and kind in ("report", "addendum"):
        return info.symbol
    if info.symbol and kind == "thematic_list":
        return f"thematic-list:{info.symbol}"
    return f"sha1:{sha1}"  # other documents cite symbols that are not their own: key them by content


def find_duplicate(con, sha1: str, source_file: str) -> str | None:
    """The source file of a stored document with the same content but another file name."""
    row = con.execute(
        "SELECT source_file FROM documents WHERE sha1 = ? AND source_file <> ? LIMIT 1", [sha1, source_file]
    ).fetchone()
    return row[0] if row else None


def save_document(con, info: DocumentInfo, parsed: ParsedReport | None, **details) -> str:
    """Write one document (see :func:`document_rows`) in a single transaction; replaces an earlier copy."""
    doc_id, tables = document_rows(info, parsed, **details)
    save_documents(con, [(doc_id, tables)])
    return doc_id


def save_documents(con, batch: Sequence[tuple[str, dict[str, list[dict]]]]) -> None:
    """Write whole documents, each replacing its earlier copy, in one transaction: every document is
    written entirely or not at all. (A batch writer uses it for several documents at once, and falls back
    to one document per transaction when a batch fails.)"""
    merged: dict[str, list[dict]] = {}
    for _, tables in batch:
        for table, rows in tables.items():
            merged.setdefault(table, []).extend(rows)
    with transaction(con):
        for doc_id, _ in batch:
            _delete_document(con, doc_id)
        for table, rows in merged.items():
            insert_rows(con, table, rows)


def document_rows(
    info: DocumentInfo,
    parsed: ParsedReport | None,
    *,
    source_file: str,
    sha1: str,
    n_pages: int,
    notes: Sequence[str] = (),
    extra: dict[str, list[dict]] | None = None,
) -> tuple[str, dict[str, list[dict]]]:
    """The rows one document puts in each table: itself, lead-ins, recommendations, parts, States, and
    *extra* rows (positions, thematic rows: each row without its ``doc_id``)."""
    doc_id = document_id(info, sha1)
    recs = parsed.recommendations if parsed else ()
    rec_rows, part_rows, state_rows = [], [], []
    for rec in recs:
        key = f"{doc_id}#{rec.rec_id}"
        rec_rows.append({
            "rec_key": key, "doc_id": doc_id, "symbol": info.symbol, "state_iso3": info.state_iso3,
            "cycle": info.cycle, "wg_session": info.wg_session, "rec_id": rec.rec_id,
            "paragraph": rec.paragraph, "item": rec.item, "decision": rec.decision.value,
            "lead_in": rec.lead_in, "text": rec.text, "n_parts": len(rec.parts), "page": rec.page,
            "comment": rec.comment, "notes": "; ".join(rec.notes),
        })
        for part in rec.parts:
            part_rows.append({"doc_id": doc_id, "rec_key": key, "part_index": part.index, "text": part.text})
            for position, state in enumerate(part.states, 1):
                state_rows.append({
                    "doc_id": doc_id, "rec_key": key, "part_index": part.index, "position": position,
                    "printed": state.printed, "state_name": state.name, "state_iso3": state.iso3,
                })
    lead_rows = [
        {"doc_id": doc_id, "paragraph": p, "decision": d.value, "text": t}
        for p, t, d in (parsed.lead_ins if parsed else ())
    ]
    doc_row = {
        "doc_id": doc_id, "symbol": info.symbol, "doc_type": info.doc_type.value,
        "state_iso3": info.state_iso3, "state_name": info.state_name, "state_printed": info.state_printed,
        "wg_session": info.wg_session, "hrc_session": info.hrc_session, "cycle": info.cycle,
        "doc_date": info.date, "title": info.title, "source_file": source_file, "sha1": sha1,
        "n_pages": n_pages, "n_recommendations": len(recs), "notes": "; ".join(notes),
        "ingested_at": _dt.datetime.now(),
    }
    tables = {
        "documents": [doc_row],
        "lead_ins": lead_rows,
        "recommendations": rec_rows,
        "recommendation_parts": part_rows,
        "recommendation_states": state_rows,
    }
    for table, rows in (extra or {}).items():
        tables[table] = [{"doc_id": doc_id, **row} for row in rows]
    return doc_id, tables


@contextmanager
def transaction(con):
    """BEGIN ... COMMIT, or ROLLBACK on any error: the store is left as it was."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def insert_rows(con, table: str, rows: Sequence[dict]) -> None:
    """Insert dict rows (all with the same keys) into *table*, column-wise through Arrow."""
    import pyarrow as pa

    if not rows:
        return
    # columns, not rows: pyarrow builds a table from lists far faster than from dicts
    incoming = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    columns = ", ".join(incoming.column_names)
    # DuckDB reads the local Arrow table by its name (a replacement scan)
    con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming")


_DOCUMENT_TABLES = ("recommendation_states", "recommendation_parts", "recommendations", "lead_ins", "positions",
                    "thematic_rows", "documents")


def _delete_document(con, doc_id: str) -> None:
    """Remove an earlier copy of a document (nothing to do for a new one)."""
    if con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone() is None:
        return
    for table in _DOCUMENT_TABLES:
        con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])


# ---------------------------------------------------------------------------------------------- queries

_REC_VIEW = """
WITH states AS (
    SELECT rec_key,
           string_agg(coalesce(state_name, printed), ';' ORDER BY part_index, position) AS recommending_states,
           string_agg(printed, ';' ORDER BY part_index, position) AS recommending_states_printed,
           list(DISTINCT state_iso3) FILTER (WHERE state_iso3 IS NOT NULL) AS recommending_iso3
    FROM recommendation_states GROUP BY rec_key
), final AS (
    SELECT rec_key,
           arg_max(position, priority) AS position,
           arg_max(source_symbol || coalesce(' para. ' || source_paragraph, ''), priority) AS position_source,
           arg_max(source_kind, priority) AS position_source_kind,
           bool_or(implemented_claim) AS implemented_claim,
           arg_max(explanation, priority) AS explanation
    FROM positions GROUP BY rec_key
)
SELECT r.rec_key, r.symbol, d.state_name AS state_under_review, r.state_iso3, r.cycle, r.wg_session,
       d.hrc_session, r.rec_id, r.paragraph, r.decision, r.text,
       coalesce(s.recommending_states, '') AS recommending_states,
       coalesce(s.recommending_states_printed, '') AS recommending_states_printed,
       r.n_parts, d.source_file, r.page,
       coalesce(f.position, 'pending') AS position, coalesce(f.position_source, '') AS position_source,
       f.position_source_kind, coalesce(f.implemented_claim, false) AS implemented_claim, f.explanation,
       c.risk_factors, c.indicators, c.action_category, c.issues, c.reason AS classification_reason,
       s.recommending_iso3, r.comment, r.notes, r.lead_in
FROM recommendations r
JOIN documents d USING (doc_id)
LEFT JOIN states s USING (rec_key)
LEFT JOIN final f USING (rec_key)
LEFT JOIN classifications c USING (rec_key)
"""

EXPORT_COLUMNS = [
    "symbol", "state_under_review", "state_iso3", "cycle", "wg_session", "rec_id", "paragraph", "decision",
    "text", "recommending_states", "recommending_states_printed", "n_parts", "source_file", "page",
    "position", "position_source",
]


def recommendations_frame(
    con,
    *,
    state: str | None = None,
    recommending: str | None = None,
    cycle: int | None = None,
    session: int | None = None,
    decision: str | None = None,
    text: str | None = None,
    position: str | None = None,
    source: str | None = None,
    group: str | None = None,
    risk_factor: int | None = None,
    limit: int | None = None,
):
    """Recommendations as a pandas DataFrame, filtered; the same rows the CLI prints and exports."""
    from upr_lens import states as registry

    where, params = [], []
    if state:
        where.append("r.state_iso3 = ?")
        params.append(registry.lookup(state).iso3)
    if recommending:
        where.append("list_contains(s.recommending_iso3, ?)")
        params.append(registry.lookup(recommending).iso3)
    if cycle:
        where.append("r.cycle = ?")
        params.append(cycle)
    if session:
        where.append("r.wg_session = ?")
        params.append(session)
    if decision:
        where.append("r.decision = ?")
        params.append(decision)
    if text:
        where.append("r.text ILIKE ?")
        params.append(f"%{text}%")
    if position:
        where.append("coalesce(f.position, 'pending') = ?")
        params.append(position)
    if source:
        where.append("f.position_source_kind = ?")
        params.append(source)
    if group:
        members = [st.iso3 for st in registry.all_states() if (st.group or "").lower() == group.lower()]
        if not members:
            raise ValueError(f"unknown regional group: {group!r} (one of {', '.join(registry.GROUPS)})")
        where.append("list_has_any(s.recommending_iso3, ?)")
        params.append(members)
    if risk_factor:
        where.append("list_contains(string_split(c.risk_factors, ';'), ?)")
        params.append(str(int(risk_factor)))
    sql = _REC_VIEW + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY r.symbol, r.paragraph, r.item"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return con.execute(sql, params).df()


def documents_frame(con):
    return con.execute(
        "SELECT doc_id, doc_type, symbol, state_name, state_iso3, cycle, wg_session, hrc_session, doc_date, "
        "n_pages, n_recommendations, source_file FROM documents ORDER BY symbol"
    ).df()


def summary(con) -> dict:
    """Counts for an end-of-run summary."""
    docs = con.execute("SELECT doc_type, count(*) FROM documents GROUP BY doc_type").fetchall()
    recs = con.execute("SELECT count(*) FROM recommendations").fetchone()[0]
    by_decision = con.execute(
        "SELECT decision, count(*) FROM recommendations GROUP BY decision ORDER BY 2 DESC"
    ).fetchall()
    states = con.execute("SELECT count(DISTINCT state_iso3) FROM recommendations").fetchone()[0]
    unknown = con.execute(
        "SELECT count(*) FROM recommendation_states WHERE state_iso3 IS NULL"
    ).fetchone()[0]
    return {
        "documents": dict(docs), "recommendations": recs, "by_decision": dict(by_decision),
        "states_under_review": states, "unknown_state_mentions": unknown,
    }


def export(con, out: str | Path, fmt: str, columns: Iterable[str] = EXPORT_COLUMNS) -> int:
    """Write the recommendations to CSV, Parquet or JSON; returns the number of rows."""
    frame = recommendations_frame(con)[list(columns)]
    out = str(out)
    if fmt == "csv":
        frame.to_csv(out, index=False)
    elif fmt == "parquet":
        frame.to_parquet(out, index=False)
    elif fmt == "json":
        frame.to_json(out, orient="records", force_ascii=False, indent=1)
    else:
        raise ValueError(f"unknown format {fmt!r} (csv, parquet or json)")
    return len(frame)
