"""A document's rows, and writing them: one transaction per document (or per group of whole documents).

The replacement rule (:func:`replacement_refusal`): a report replaces the stored copy of the same symbol
only if it is at least as complete: not when it is incomplete (its text shows it stops early) and the
stored copy is not, and not when it has fewer recommendations. Refused, the stored copy stays as it was,
so no classification or follow-up annotation loses its recommendation. ``ingest --replace`` overrides the
rule; :func:`orphaned_by` then counts what the replacement leaves without a recommendation.
A copy stored although incomplete carries :data:`INCOMPLETE` in its notes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
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


INCOMPLETE = "incomplete copy: "  # the note that marks a stored copy as incomplete


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


def _delete_document(con, doc_id: str) -> None:
    """Remove an earlier copy of a document (nothing to do for a new one)."""
    if con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone() is None:
        return
    for table in DOCUMENT_TABLES:
        con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
