"""Every table of the store, in one place: the current schema (version :data:`SCHEMA_VERSION`).

A new store is created from :data:`TABLES`; an older one is brought here by the numbered migrations of
:mod:`upr_lens.store.migrations`. Changing a table means: change it here, bump :data:`SCHEMA_VERSION`, and
add the migration that takes a store of the previous version to this one.

Lists are stored as lists: risk factors as ``INTEGER[]``; indicators, issues and a thematic list's States,
themes, affected persons and SDGs as ``VARCHAR[]``. Exports join them with ";" (see
:mod:`upr_lens.store.queries`).
"""

from __future__ import annotations

SCHEMA_VERSION = 7

# name → CREATE statement, in creation order (a sequence before the table that uses it)
TABLES: dict[str, str] = {
    "meta": "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    # one row per migration that ran (or one 'create' row for a store made at the current version)
    "schema_migrations": """CREATE TABLE schema_migrations (
        version INTEGER, name VARCHAR, applied_at TIMESTAMP, upr_lens_version VARCHAR)""",
    # ---------------------------------------------------------------- documents and their rows (ingest)
    "documents": """CREATE TABLE documents (
        doc_id VARCHAR, symbol VARCHAR, doc_type VARCHAR, state_iso3 VARCHAR,
        state_name VARCHAR, state_printed VARCHAR, wg_session INTEGER, hrc_session INTEGER,
        cycle INTEGER, doc_date DATE, title VARCHAR, source_file VARCHAR, sha1 VARCHAR,
        n_pages INTEGER, n_recommendations INTEGER, notes VARCHAR, ingested_at TIMESTAMP)""",
    "lead_ins": """CREATE TABLE lead_ins (
        doc_id VARCHAR, paragraph INTEGER, decision VARCHAR, text VARCHAR)""",
    "recommendations": """CREATE TABLE recommendations (
        rec_key VARCHAR, doc_id VARCHAR, symbol VARCHAR, state_iso3 VARCHAR,
        cycle INTEGER, wg_session INTEGER, rec_id VARCHAR, paragraph INTEGER, item INTEGER,
        decision VARCHAR, lead_in VARCHAR, text VARCHAR, n_parts INTEGER, page INTEGER,
        comment VARCHAR, notes VARCHAR)""",
    "recommendation_parts": """CREATE TABLE recommendation_parts (
        doc_id VARCHAR, rec_key VARCHAR, part_index INTEGER, text VARCHAR)""",
    "recommendation_states": """CREATE TABLE recommendation_states (
        doc_id VARCHAR, rec_key VARCHAR, part_index INTEGER, position INTEGER, printed VARCHAR,
        state_name VARCHAR, state_iso3 VARCHAR)""",
    # every position any source gives a recommendation; the history is kept, never overwritten. A source that
    # answers per recommending State (a UPR Info row) gives from_iso3/from_printed, one that answers per part
    # gives part_index; NULL there: the position is the whole recommendation's
    "positions": """CREATE TABLE positions (
        doc_id VARCHAR, rec_key VARCHAR, report_symbol VARCHAR, rec_id VARCHAR, position VARCHAR,
        printed VARCHAR, implemented_claim BOOLEAN, source_kind VARCHAR, source_symbol VARCHAR,
        source_paragraph INTEGER, explanation VARCHAR, priority INTEGER, from_iso3 VARCHAR, from_printed VARCHAR,
        part_index INTEGER)""",
    # a thematic list's rows; states_iso3 holds NULL where a printed State is not recognised
    "thematic_rows": """CREATE TABLE thematic_rows (
        doc_id VARCHAR, rec_key VARCHAR, report_symbol VARCHAR, rec_id VARCHAR, text VARCHAR,
        states_printed VARCHAR[], states_iso3 VARCHAR[], position VARCHAR, position_source VARCHAR,
        themes VARCHAR[], affected_persons VARCHAR[], sdgs VARCHAR[])""",
    # ---------------------------------------------------------------- classification (classify)
    # keyed by rec_key and kept across re-ingests; each row names its model version
    "classifications": """CREATE TABLE classifications (
        rec_key VARCHAR, model_version VARCHAR, risk_factors INTEGER[], risk_factor_scores VARCHAR,
        indicators VARCHAR[], action_category INTEGER, action_confidence DOUBLE, issues VARCHAR[],
        reason VARCHAR, classified_at TIMESTAMP)""",
    # ---------------------------------------------------------------- tracking (track/)
    # track/followup.py: analyst annotations, only ever appended
    "followup_annotation_seq": "CREATE SEQUENCE followup_annotation_seq START 1",
    "followup_annotations": """CREATE TABLE followup_annotations (
        annotation_id BIGINT DEFAULT nextval('followup_annotation_seq'), rec_key VARCHAR NOT NULL,
        symbol VARCHAR, rec_id VARCHAR, status VARCHAR NOT NULL, source VARCHAR NOT NULL, note VARCHAR,
        author VARCHAR, created_at TIMESTAMP)""",
    # track/treaties.py: the instruments known (rewritten from the registry), treaty status, signals
    "instruments": """CREATE TABLE instruments (
        instrument VARCHAR PRIMARY KEY, name VARCHAR, short_name VARCHAR, abbreviations VARCHAR,
        adopted INTEGER)""",
    "treaty_status": """CREATE TABLE treaty_status (
        instrument VARCHAR, instrument_name VARCHAR, state_iso3 VARCHAR, state VARCHAR, status VARCHAR,
        signature_date DATE, signature_year INTEGER, consent_date DATE, consent_year INTEGER,
        consent_date_precision VARCHAR, consent_type VARCHAR, source VARCHAR, source_as_of VARCHAR,
        source_file VARCHAR, imported_at TIMESTAMP)""",
    "implementation_signals": """CREATE TABLE implementation_signals (
        rec_key VARCHAR, signal VARCHAR, value VARCHAR, year INTEGER, source VARCHAR, detail VARCHAR,
        recorded_at TIMESTAMP)""",
    # track/links.py: links between a State's recommendations of different cycles
    "cycle_links": """CREATE TABLE cycle_links (
        rec_key VARCHAR, state_iso3 VARCHAR, cycle INTEGER, linked_rec_key VARCHAR, linked_cycle INTEGER,
        direction VARCHAR, rank INTEGER, similarity DOUBLE, score DOUBLE, shared_instruments VARCHAR,
        repeated BOOLEAN, reason VARCHAR, threshold DOUBLE, linked_at TIMESTAMP)""",
    # track/uprinfo.py: the rows of the last UPR Info import (issues as the source prints them); rec_key is the
    # matched recommendation (NULL: unmatched), review_iso3 the State under review of the stored review the row
    # belongs to (differs from to_iso3 where UPR Info names another State; NULL: no stored review), part_index
    # the part of the recommendation the row's wording matched (NULL: the whole item of several parts)
    "uprinfo_rows": """CREATE TABLE uprinfo_rows (
        row_id INTEGER, to_iso3 VARCHAR, session INTEGER, text VARCHAR, from_printed VARCHAR, from_iso3 VARCHAR,
        response VARCHAR, action INTEGER, issues VARCHAR, rec_key VARCHAR, score DOUBLE, review_stored BOOLEAN,
        review_iso3 VARCHAR, part_index INTEGER)""",
    # track/sdg_explorer.py: the rows of the last SDG-Human Rights Data Explorer import, each with the stored
    # recommendation it matched (rec_key NULL: unmatched) and its SDG goals and targets
    "sdg_explorer_rows": """CREATE TABLE sdg_explorer_rows (
        row_id INTEGER, report_symbol VARCHAR, rec_id VARCHAR, state_iso3 VARCHAR, from_printed VARCHAR,
        year INTEGER, cycle INTEGER, response VARCHAR, position VARCHAR, text VARCHAR, sdg_goals VARCHAR[],
        sdg_targets VARCHAR[], rec_key VARCHAR, matched_by VARCHAR, similarity DOUBLE, source_file VARCHAR)""",
}

SEQUENCES = frozenset({"followup_annotation_seq"})

# the tables holding a document's rows (by doc_id): re-ingesting a document replaces its rows in all of them
DOCUMENT_TABLES = ("recommendation_states", "recommendation_parts", "recommendations", "lead_ins", "positions",
                   "thematic_rows", "documents")


def create_missing(con) -> list[str]:
    """Create the tables (and sequences) of the current schema that *con* lacks; returns their names."""
    existing = existing_tables(con) | {
        name for (name,) in con.execute("SELECT sequence_name FROM duckdb_sequences()").fetchall()}
    made = []
    for name, statement in TABLES.items():
        if name not in existing:
            con.execute(statement)
            made.append(name)
    return made


def existing_tables(con) -> set[str]:
    return {name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main'").fetchall()}


def columns(con, table: str) -> dict[str, str]:
    """Column name → type of *table* as the store has it."""
    return dict(con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = ? ORDER BY column_index", [table]).fetchall())
