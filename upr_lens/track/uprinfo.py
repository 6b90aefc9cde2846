"""UPR Info database import: a secondary, labelled source of positions, action categories and issues.

Rows are matched to stored recommendations of the same review (see :func:`upr_lens.reference.match_uprinfo`);
rows UPR Info files under a State that the stored documents show were made to another State's review of
the same session (Sudan 2011's recommendations to Southern Sudan, filed as "South Sudan") belong to that
review. Each matched row gives its recommendation a position of its recommending State (``from_iso3``):
rows that differ make the final position 'partially supported' (:mod:`upr_lens.track.positions`). Rows
of reviews no stored document covers (Equatorial Guinea, session 19, in sessions 1-20) become
recommendations in their own right (one per distinct wording; the rows' States are its recommending
States), so acceptance figures cover every review in the file; they are labelled as known only from UPR
Info.

"Matched N of M rows" (:meth:`ImportSummary.line`): M is the rows of reviews the store holds documents of
(as UPR Info names them, or as found above), N those of them matched to a stored recommendation. Rows of
reviews without documents are not in M (nothing to match them to): they are counted apart, as kept.

A re-import replaces the previous one, in one transaction: the previous import's rows are removed first
and the matching runs against the documents only (never against the recommendations an earlier import
made), so importing the same file twice leaves the store exactly as importing it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from upr_lens.reference import UPRINFO_MATCH_COLUMNS
from upr_lens.track.positions import PRIORITY

IMPORT_ID = "uprinfo"
IMPORT_COLUMNS = (*UPRINFO_MATCH_COLUMNS, "Response", "Action", "Issue")  # what an import needs
_RESPONSE = {"accepted": "supported", "supported": "supported", "noted": "noted", "rejected": "noted"}


@dataclass
class ImportSummary:
    rows: int
    rows_of_stored_reviews: int
    matched: int
    state_agrees: int
    own_recommendations: int
    own_reviews: int
    rows_of_other_reviews: int = 0  # rows filed under a State not reviewed then, found in another's review
    rows_kept: int = 0  # rows of reviews without documents, kept as UPR-Info-only recommendations

    @property
    def coverage(self) -> float:
        return self.matched / self.rows_of_stored_reviews if self.rows_of_stored_reviews else 0.0

    def line(self) -> str:
        """The last line an import prints."""
        return f"matched {self.matched} of {self.rows_of_stored_reviews} rows ({self.coverage:.2%})"


def _cycle(session: int) -> int:
    from upr_lens.parse.detect import cycle_of_wg_session

    return cycle_of_wg_session(int(session)) or 0


def import_uprinfo(con, csv_path) -> ImportSummary:
    """Import a UPR Info export (replacing the previous import); returns what was matched and kept."""
    from upr_lens.csvio import check_utf8
    from upr_lens.reference import match_uprinfo
    from upr_lens.store import DOCUMENT_TABLES, transaction

    check_utf8(csv_path, "UPR Info export")
    with transaction(con):
        # the previous import goes first, inside the transaction: the rows are matched against the stored
        # documents only, and a failure below leaves the earlier import in place
        con.execute("DELETE FROM uprinfo_rows")
        con.execute("DELETE FROM positions WHERE doc_id = ?", [IMPORT_ID])
        for table in DOCUMENT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE doc_id LIKE ?", [f"{IMPORT_ID}:%"])
        coverage = match_uprinfo(con, csv_path, keep_all=True, required=IMPORT_COLUMNS)
        summary = _write_import(con, csv_path, coverage)
    return summary


def _write_import(con, csv_path, coverage) -> ImportSummary:
    """Rows of the matched file into the store (inside the caller's transaction)."""
    import datetime as dt

    import pandas as pd
    import pyarrow as pa

    from upr_lens import states as registry
    from upr_lens.errors import InputError
    from upr_lens.store import insert_rows

    rows: Any = coverage.details.reset_index(drop=True)
    actions = pd.to_numeric(rows["Action"], errors="coerce")
    if (actions.isna() & rows["Action"].notna()).any():
        bad = rows["Action"][actions.isna() & rows["Action"].notna()].iloc[0]
        raise InputError(f"{csv_path}: the Action column holds {bad!r}, not an action category number")
    rows["row_id"] = rows.index + 1
    own = rows[~rows["review_stored"] & rows["to_iso3"].notna()].copy()
    own["text_key"] = own["Text"].astype(str).str.strip()
    documents, recommendations, states, positions = [], [], [], []
    # plain lists by row position (the index is 0..n-1): setting frame cells one by one is slow
    rec_keys: list = rows["rec_key"].tolist()
    froms, from_iso3s = rows["From"].tolist(), rows["from_iso3"].tolist()
    part_indexes = [None if p is None or p != p else int(p) for p in rows["part_index"].tolist()]
    for (iso3, session), review in own.groupby(["to_iso3", "Session"], sort=True):
        doc_id = f"{IMPORT_ID}:{iso3}:{int(session)}"
        state = registry.by_iso3(iso3)
        name = state.name if state else iso3
        texts = list(dict.fromkeys(review["text_key"]))  # distinct wordings, in file order
        documents.append({
            "doc_id": doc_id, "symbol": None, "doc_type": "uprinfo_review", "state_iso3": iso3,
            "state_name": name, "state_printed": str(review["To"].iloc[0]), "wg_session": int(session),
            "hrc_session": None, "cycle": _cycle(session), "doc_date": None,
            "title": f"UPR Info rows for {name}, WG session {int(session)}", "source_file": str(csv_path),
            "sha1": None, "n_pages": 0, "n_recommendations": len(texts),
            "notes": "recommendations known only from the UPR Info database (no report stored)",
            "ingested_at": dt.datetime.now(),
        })
        by_text: dict[str, list[int]] = {}  # wording → its rows, in file order (first wording: item 1)
        for index, text in zip(review.index, review["text_key"]):
            by_text.setdefault(text, []).append(index)
        for item, (text, indices) in enumerate(by_text.items(), 1):
            rec_key = f"{doc_id}#u{item}"
            recommendations.append({
                "rec_key": rec_key, "doc_id": doc_id, "symbol": None, "state_iso3": iso3,
                "cycle": _cycle(session), "wg_session": int(session), "rec_id": f"u{item}", "paragraph": None,
                "item": item, "decision": "uprinfo", "lead_in": "", "text": text, "n_parts": 1, "page": None,
                "comment": "", "notes": "from the UPR Info database; no OHCHR id",
            })
            for position, index in enumerate(indices, 1):
                rec_keys[index] = rec_key
                part_indexes[index] = 1
                from_iso3 = from_iso3s[index]
                states.append({"doc_id": doc_id, "rec_key": rec_key, "part_index": 1, "position": position,
                               "printed": str(froms[index]), "state_name": _name(from_iso3),
                               "state_iso3": from_iso3 if isinstance(from_iso3, str) else None})
    rows["rec_key"] = rec_keys
    for rec_key, printed, from_iso3, from_printed, part in zip(rec_keys, rows["Response"].tolist(), from_iso3s, froms,
                                                               part_indexes):
        if rec_key is None or rec_key != rec_key:  # None or NaN: not matched
            continue
        response = _RESPONSE.get(str(printed).strip().lower())
        if response:
            positions.append({"doc_id": IMPORT_ID, "rec_key": rec_key, "report_symbol": None,
                              "rec_id": None, "position": response, "printed": str(printed),
                              "implemented_claim": False, "source_kind": "uprinfo", "source_symbol": "UPR Info",
                              "source_paragraph": None, "explanation": "", "priority": PRIORITY["uprinfo"],
                              "from_iso3": from_iso3 if isinstance(from_iso3, str) else None,
                              "from_printed": str(from_printed), "part_index": part})
    table_rows = {
        "row_id": rows["row_id"].astype(int).tolist(), "to_iso3": _strings(rows["to_iso3"]),
        "session": rows["Session"].astype(int).tolist(), "text": rows["Text"].astype(str).tolist(),
        "from_printed": rows["From"].astype(str).tolist(), "from_iso3": _strings(rows["from_iso3"]),
        "response": rows["Response"].astype(str).tolist(),
        "action": [None if v != v else int(v) for v in rows["Action"].astype(float)],
        "issues": rows["Issue"].fillna("").astype(str).tolist(), "rec_key": _strings(rows["rec_key"]),
        "score": rows["score"].astype(float).tolist(), "review_stored": rows["review_stored"].astype(bool).tolist(),
        "review_iso3": _strings(rows["review_iso3"]), "part_index": part_indexes,
    }
    con.register("incoming_uprinfo", pa.table(table_rows))
    try:
        names = ", ".join(table_rows)
        con.execute(f"INSERT INTO uprinfo_rows ({names}) SELECT {names} FROM incoming_uprinfo")
    finally:
        con.unregister("incoming_uprinfo")
    for table, data in (("documents", documents), ("recommendations", recommendations),
                        ("recommendation_states", states), ("positions", positions)):
        insert_rows(con, table, data)
    return ImportSummary(
        rows=len(rows), rows_of_stored_reviews=coverage.reference_rows, matched=coverage.matched,
        state_agrees=coverage.state_agrees, own_recommendations=len(recommendations), own_reviews=len(documents),
        rows_of_other_reviews=int((rows["review_stored"] & (rows["review_iso3"] != rows["to_iso3"])).sum()),
        rows_kept=len(own),
    )


def _strings(column) -> list[str | None]:
    return [value if isinstance(value, str) else None for value in column]


def _name(iso3) -> str | None:
    from upr_lens import states as registry

    state = registry.by_iso3(iso3) if isinstance(iso3, str) else None
    return state.name if state else None
