"""A document's rows, and writing them: one transaction per document (or per group of whole documents).

The replacement rule (:func:`replacement_refusal`): a report replaces the stored copy of the same symbol
only if it is at least as complete: not when it is incomplete (its text shows it stops early) and the
stored copy is not, and not when it has fewer recommendations. Refused, the stored copy stays as it was,
so no classification or follow-up annotation loses its recommendation. ``ingest --replace`` overrides the
rule; :func:`orphaned_by` then counts what the replacement leaves without a recommendation.
A copy stored although incomplete carries :data:`INCOMPLETE` in its notes.

A review known from a thematic list (an OHCHR "matrix") alone is a review like any other: while its
Working Group report is not stored, the list's rows are the review's recommendations (rec_key
``SYMBOL#id``, as the report's would be; decision :data:`THEMATIC_DECISION`; the States the list prints;
the list's doc_id). Whenever a write or a removal changes what a review holds, :func:`settle_reviews` runs in
the same transaction: the report's recommendations are kept and the list's are dropped (its thematic rows
and positions stay), or, with no report stored, the list's rows become recommendations again. The order of
ingestion therefore does not matter, one rec_key is held once, and classifications (keyed by rec_key) stay
with their recommendation across the switch.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from upr_lens.records import DocumentInfo, ParsedReport
from upr_lens.store.connection import insert_rows, transaction
from upr_lens.store.schema import DOCUMENT_TABLES


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


INCOMPLETE = "incomplete copy: "
THEMATIC_PREFIX = "thematic-list:"  # a thematic list's doc_id: this prefix and its report's symbol
THEMATIC_DECISION = "thematic_list"  # the decision of a recommendation known only from a thematic list
THEMATIC_NOTE = ("from the thematic list (the report is not stored): one part; the recommending States "
                 "and the position as the list prints them")  # the note that marks a stored copy as incomplete


@dataclass(frozen=True)
class StoredCopy:
    """What the store holds under a document id: enough to decide whether a new copy may replace it."""

    doc_id: str
    source_file: str
    sha1: str
    n_recommendations: int
    complete: bool


def stored_copy(con, doc_id: str) -> StoredCopy | None:
    row = con.execute(
        "SELECT source_file, sha1, n_recommendations, notes FROM documents WHERE doc_id = ? LIMIT 1", [doc_id]
    ).fetchone()
    if row is None:
        return None
    return StoredCopy(doc_id, row[0] or "", row[1] or "", row[2] or 0, INCOMPLETE not in (row[3] or ""))


def replacement_refusal(stored: StoredCopy, n_recommendations: int, incomplete: str | None) -> str | None:
    """Why a new copy (*n_recommendations*; *incomplete*: why it is incomplete, or None) must not replace
    *stored*; None when it may."""
    if incomplete and stored.complete:
        return (f"incomplete ({incomplete}), and the stored copy of {stored.doc_id} ({stored.source_file}, "
                f"{stored.n_recommendations} recommendations) is complete")
    if n_recommendations < stored.n_recommendations:
        return (f"{n_recommendations} recommendations, fewer than the {stored.n_recommendations} of the stored "
                f"copy of {stored.doc_id} ({stored.source_file})")
    return None


def orphaned_by(con, doc_id: str, rec_keys: Sequence[str]) -> tuple[int, int]:
    """(classifications, follow-up annotations) on recommendations of the stored *doc_id* that are not
    among *rec_keys*: what replacing it with a copy holding *rec_keys* would leave without a recommendation."""
    kept = list(rec_keys)
    counts = []
    for table in ("classifications", "followup_annotations"):
        counts.append(con.execute(
            f"SELECT count(*) FROM {table} WHERE rec_key IN (SELECT rec_key FROM recommendations WHERE doc_id = ?) "
            "AND NOT list_contains(?, rec_key)", [doc_id, kept]).fetchone()[0])
    return counts[0], counts[1]


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
    reviews = {review_symbol(row) for row in merged.get("documents", [])}
    with transaction(con):
        for doc_id, _ in batch:
            reviews |= _delete_document(con, doc_id)
        for table, rows in merged.items():
            insert_rows(con, table, rows)
        settle_reviews(con, reviews)


def remove_document(con, doc_id: str) -> bool:
    """Remove a stored document and all its rows, in one transaction; False if it was not stored. A review's
    thematic list takes over again when its report is removed (see :func:`settle_reviews`)."""
    with transaction(con):
        reviews = _delete_document(con, doc_id)
        settle_reviews(con, reviews)
    return bool(reviews)


def review_symbol(document: dict) -> str | None:
    """The report symbol of the review a documents row belongs to (reports and thematic lists), else None."""
    if document.get("doc_type") in ("report", "thematic_list"):
        return document.get("symbol")
    return None


def settle_reviews(con, symbols: Iterable[str | None]) -> None:
    """Make each review (by report symbol) hold its recommendations once: the report's when the report is
    stored, else its thematic list's rows (see the module's docstring). Runs inside the caller's transaction."""
    for symbol in sorted({s for s in symbols if s}):
        listed = THEMATIC_PREFIX + symbol
        doc = con.execute("SELECT state_iso3, cycle, wg_session FROM documents WHERE doc_id = ?",
                          [listed]).fetchone()
        if doc is None:
            continue
        has_report = con.execute("SELECT 1 FROM documents WHERE doc_id = ? AND doc_type = 'report'",
                                 [symbol]).fetchone() is not None
        held = con.execute("SELECT count(*) FROM recommendations WHERE doc_id = ?", [listed]).fetchone()[0]
        if has_report:
            if held:
                for table in ("recommendation_states", "recommendation_parts", "recommendations"):
                    con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [listed])
            count = 0
            con.execute(  # what the list did not print, its report tells
                "UPDATE documents SET state_iso3 = coalesce(documents.state_iso3, r.state_iso3), "
                "state_name = coalesce(documents.state_name, r.state_name), "
                "wg_session = coalesce(documents.wg_session, r.wg_session), cycle = coalesce(documents.cycle, r.cycle) "
                "FROM (SELECT state_iso3, state_name, wg_session, cycle FROM documents WHERE doc_id = ?) r "
                "WHERE documents.doc_id = ?", [symbol, listed])
        else:
            if held:
                for table in ("recommendation_states", "recommendation_parts", "recommendations"):
                    con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [listed])
            tables = thematic_recommendation_rows(con, listed, symbol, doc)
            for table, rows in tables.items():
                insert_rows(con, table, rows)
            count = len(tables["recommendations"])
        con.execute("UPDATE documents SET n_recommendations = ? WHERE doc_id = ?", [count, listed])


def thematic_recommendation_rows(con, doc_id: str, symbol: str, doc: tuple) -> dict[str, list[dict]]:
    """The recommendations (one part each, with the list's States) that the stored thematic rows of *doc_id*
    give the review *symbol*; an id listed twice is taken once (its first row)."""
    from upr_lens import states

    state_iso3, cycle, wg_session = doc
    rows = con.execute(
        "SELECT rec_key, rec_id, text, states_printed, states_iso3 FROM thematic_rows WHERE doc_id = ? "
        "AND report_symbol = ? ORDER BY rowid", [doc_id, symbol]).fetchall()
    recs: list[dict] = []
    parts: list[dict] = []
    mentions: list[dict] = []
    seen: set[str] = set()
    for rec_key, rec_id, text, printed, iso3s in rows:
        if rec_key in seen or not rec_id:
            continue
        seen.add(rec_key)
        paragraph, _, item = str(rec_id).partition(".")
        recs.append({
            "rec_key": rec_key, "doc_id": doc_id, "symbol": symbol, "state_iso3": state_iso3, "cycle": cycle,
            "wg_session": wg_session, "rec_id": rec_id,
            "paragraph": int(paragraph) if paragraph.isdigit() else None,
            "item": int(item) if item.isdigit() else None, "decision": THEMATIC_DECISION, "lead_in": None,
            "text": text, "n_parts": 1, "page": None, "comment": None, "notes": THEMATIC_NOTE,
        })
        parts.append({"doc_id": doc_id, "rec_key": rec_key, "part_index": 1, "text": text})
        for position, (name, code) in enumerate(zip(printed or [], iso3s or [], strict=False), 1):
            state = states.by_iso3(code) if code else None
            mentions.append({"doc_id": doc_id, "rec_key": rec_key, "part_index": 1, "position": position,
                             "printed": name, "state_name": state.name if state else None, "state_iso3": code})
    return {"recommendations": recs, "recommendation_parts": parts, "recommendation_states": mentions}


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
    tables: dict[str, list[dict]] = {
        "documents": [doc_row],
        "lead_ins": lead_rows,
        "recommendations": rec_rows,
        "recommendation_parts": part_rows,
        "recommendation_states": state_rows,
    }
    for table, rows in (extra or {}).items():
        tables[table] = [{"doc_id": doc_id, **row} for row in rows]
    return doc_id, tables


def _delete_document(con, doc_id: str) -> set[str]:
    """Remove an earlier copy of a document (nothing to do for a new one); returns the review symbols whose
    recommendations this may change (for :func:`settle_reviews`), empty when nothing was stored."""
    row = con.execute("SELECT doc_type, symbol FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        return set()
    for table in DOCUMENT_TABLES:
        con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
    symbol = review_symbol({"doc_type": row[0], "symbol": row[1]})
    return {symbol} if symbol else {doc_id}
