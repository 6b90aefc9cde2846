"""Queries for the CLI and notebooks: recommendations with their final position and classification,
documents, counts, exports."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from upr_lens.errors import InputError
from upr_lens.track.positions import FINAL_POSITIONS_SQL

_REC_VIEW = f"""
WITH states AS (
    SELECT rec_key,
           string_agg(coalesce(state_name, printed), ';' ORDER BY part_index, position) AS recommending_states,
           string_agg(printed, ';' ORDER BY part_index, position) AS recommending_states_printed,
           list(DISTINCT state_iso3) FILTER (WHERE state_iso3 IS NOT NULL) AS recommending_iso3
    FROM recommendation_states GROUP BY rec_key
), final AS (
{FINAL_POSITIONS_SQL}
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
    """Recommendations as a pandas DataFrame, filtered; the same rows the CLI prints and exports.

    ``risk_factors`` (integers), ``indicators``, ``issues`` and ``recommending_iso3`` hold lists (arrays;
    missing where the recommendation is not classified); ``recommending_states`` and
    ``recommending_states_printed`` are ";"-joined text, as exported."""
    from upr_lens import states as registry

    where: list[str] = []
    params: list[Any] = []
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
    if text:  # literal words: LIKE's wildcards (and the escape character) in them are escaped
        where.append("r.text ILIKE ? ESCAPE '\\'")
        params.append("%" + _like_literal(text) + "%")
    if position:
        where.append("coalesce(f.position, 'pending') = ?")
        params.append(position)
    if source:
        where.append("f.position_source_kind = ?")
        params.append(source)
    if group:
        members = [st.iso3 for st in registry.all_states() if (st.group or "").lower() == group.lower()]
        if not members:
            raise InputError(f"unknown regional group: {group!r} (one of {', '.join(registry.GROUPS)})")
        where.append("list_has_any(s.recommending_iso3, ?)")
        params.append(members)
    if risk_factor:
        where.append("list_contains(c.risk_factors, ?)")
        params.append(int(risk_factor))
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


def _like_literal(text: str) -> str:
    r"""*text* for a LIKE pattern with ESCAPE '\': %, _ and \ match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def export(con, out: str | Path, fmt: str, columns: Iterable[str] = EXPORT_COLUMNS, raw_cells: bool = False) -> int:
    """Write the recommendations to CSV, Parquet or JSON; returns the number of rows. CSV text cells a
    spreadsheet would run as formulas get a leading apostrophe unless *raw_cells* (:mod:`upr_lens.csvio`)."""
    from upr_lens.csvio import neutralise_frame

    frame = recommendations_frame(con)[list(columns)]
    out = str(out)
    if fmt == "csv":
        neutralise_frame(joined_lists(frame), raw=raw_cells).to_csv(out, index=False)
    elif fmt == "parquet":
        frame.to_parquet(out, index=False)
    elif fmt == "json":
        frame.to_json(out, orient="records", force_ascii=False, indent=1)
    else:
        raise InputError(f"unknown format {fmt!r} (csv, parquet or json)")
    return len(frame)


LIST_COLUMNS = ("risk_factors", "indicators", "issues", "recommending_iso3")


def joined_lists(frame):
    """A copy of *frame* with its list columns as ";"-joined text (empty for none): the CSV form."""
    out = frame.copy()
    for name in LIST_COLUMNS:
        if name in out.columns:
            out[name] = [join_list(value) for value in out[name]]
    return out


def join_list(value) -> str:
    """A stored list as export text: items joined by ";" ("" for a missing or empty list)."""
    if isinstance(value, str):
        return value
    try:
        items = list(value)
    except TypeError:  # None, NaN, pandas.NA: not classified
        return ""
    return ";".join("" if item is None else str(item) for item in items)
