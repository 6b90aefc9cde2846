"""Positions per (recommendation, recommending State) pair: UPR Info's way of counting, next to OHCHR's.

OHCHR counts a recommendation once, by its id, however many States made it; UPR Info's database has one
row per recommending State. The pairs of a recommendation are the recommending States the documents name
(``recommendation_states``; a State the registry does not know is kept under its printed name) and the
States of the rows its deciding source gives per State (a UPR Info row whose State the document does not
name: ``named_in`` says which). A pair's position is the one its own row of the deciding source gives
(``basis`` 'recommending State'); where the deciding source answers for the whole recommendation (a report,
an addendum, a thematic list), every pair has the recommendation's final position (``basis`` 'whole
recommendation'), 'partially supported' included.

:func:`uprinfo_agreement` compares, review by review, the share of pairs supported with the share of UPR
Info rows accepted (the figure quoted in the README; ``benchmarks/uprinfo_agreement.py`` prints it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upr_lens.track.positions import FINAL_POSITIONS_SQL, final_positions_sql

if TYPE_CHECKING:
    from pandas import DataFrame

_COMBINED = """CASE WHEN count(DISTINCT position) = 1 THEN min(position)
                WHEN bool_or(position IN ('supported', 'partially supported')) THEN 'partially supported'
                ELSE 'pending' END"""

# one row per recommending State's row: where the deciding source gives its rows per recommending State (UPR
# Info), each of those rows with its own position; every other (part, State) the documents name, with the
# recommendation's final position. Columns: rec_key, part_index, recommending_iso3 (NULL: a name the registry
# does not know), recommending_state, position, basis, position_source_kind, named_in (document, source, document
# and source; none: a recommendation without any recommending State has one row, its State empty), order_in_part
_PAIR_POSITIONS_TEMPLATE = """
WITH documented AS (
    SELECT rec_key, part_index, state_iso3 AS iso3, coalesce(state_iso3, '?' || printed) AS pair_key,
           coalesce(state_name, printed) AS state, position AS order_in_part
    FROM recommendation_states {keys_where}
), ranked AS (
    SELECT *, max(priority) OVER (PARTITION BY rec_key) AS top_priority FROM positions {keys_where}
), given AS (  -- the deciding source's rows that name a recommending State
    SELECT rec_key, part_index, from_iso3 AS iso3, coalesce(from_iso3, '?' || from_printed) AS pair_key,
           from_printed AS state, position, source_kind
    FROM ranked WHERE priority = top_priority AND (from_iso3 IS NOT NULL OR from_printed IS NOT NULL)
), pairs AS (
    SELECT g.rec_key, g.part_index, g.iso3, coalesce(d.state, g.state) AS state, d.order_in_part,
           g.position AS pair_position, g.source_kind,
           CASE WHEN d.rec_key IS NULL THEN 'source' ELSE 'document and source' END AS named_in
    FROM given g
    LEFT JOIN (SELECT rec_key, pair_key, min(state) AS state, min(order_in_part) AS order_in_part
               FROM documented GROUP BY ALL) d ON d.rec_key = g.rec_key AND d.pair_key = g.pair_key
    UNION ALL
    SELECT d.rec_key, d.part_index, d.iso3, d.state, d.order_in_part, NULL, NULL, 'document'
    FROM documented d
    WHERE NOT EXISTS (SELECT 1 FROM given g WHERE g.rec_key = d.rec_key AND g.pair_key = d.pair_key)
    UNION ALL  -- a recommendation no source names a recommending State of keeps one row, without a State
    SELECT r.rec_key, NULL, NULL, NULL, NULL, NULL, NULL, 'none'
    FROM {recommendations} r
    WHERE NOT EXISTS (SELECT 1 FROM documented d WHERE d.rec_key = r.rec_key)
      AND NOT EXISTS (SELECT 1 FROM given g WHERE g.rec_key = r.rec_key)
)
SELECT p.rec_key, p.part_index, p.iso3 AS recommending_iso3, p.state AS recommending_state,
       coalesce(p.pair_position, f.position, 'pending') AS position,
       CASE WHEN p.pair_position IS NULL THEN 'whole recommendation' ELSE 'recommending State' END AS basis,
       coalesce(p.source_kind, f.position_source_kind) AS position_source_kind, p.named_in, p.order_in_part
FROM pairs p LEFT JOIN ({final}) f USING (rec_key)
"""


def pair_positions_sql(scope: str | None = None) -> str:
    """:data:`PAIR_POSITIONS_SQL`, limited to the recommendations the condition *scope* on the recommendations
    table's own columns selects (no parameters: built from checked values) before anything is joined."""
    keys = f"SELECT rec_key FROM recommendations WHERE {scope}" if scope else None
    return _PAIR_POSITIONS_TEMPLATE.format(
        keys_where=f"WHERE rec_key IN ({keys})" if keys else "", final=final_positions_sql(keys),
        recommendations=f"(SELECT * FROM recommendations WHERE {scope})" if scope else "recommendations")


PAIR_POSITIONS_SQL = pair_positions_sql()

BY_STATE_COLUMNS = [
    "symbol", "state_under_review", "state_iso3", "cycle", "wg_session", "rec_id", "part_index", "recommending_state",
    "recommending_iso3", "position", "basis", "position_source_kind", "named_in", "recommendation_position",
    "rec_key", "text",
]


def by_state_frame(con, *, state: str | None = None, cycle: int | None = None, session: int | None = None):
    """One row per (recommendation, recommending State) with that pair's position (columns
    :data:`BY_STATE_COLUMNS`; ``recommendation_position`` is the recommendation's final position)."""
    from upr_lens import states as registry

    where: list[str] = []  # values checked here (an ISO3 from the registry, integers), so written inline
    if state:
        where.append(f"state_iso3 = '{registry.lookup(state).iso3}'")
    if cycle:
        where.append(f"cycle = {int(cycle)}")
    if session:
        where.append(f"wg_session = {int(session)}")
    scope = " AND ".join(where) or None
    keys = f"SELECT rec_key FROM recommendations WHERE {scope}" if scope else None
    frame = con.execute(
        f"""SELECT r.symbol, d.state_name AS state_under_review, r.state_iso3, r.cycle, r.wg_session, r.rec_id,
                  p.part_index, p.recommending_state, p.recommending_iso3, p.position, p.basis, p.position_source_kind,
                  p.named_in, coalesce(f.position, 'pending') AS recommendation_position, r.rec_key, r.text
           FROM ({pair_positions_sql(scope)}) p
           JOIN recommendations r USING (rec_key) JOIN documents d USING (doc_id)
           LEFT JOIN ({final_positions_sql(keys)}) f USING (rec_key)
           {'WHERE r.' + ' AND r.'.join(where) if where else ''}
           ORDER BY r.state_iso3, r.cycle, d.doc_id, r.paragraph NULLS LAST, r.item, r.rec_key,
                    p.part_index NULLS LAST, p.order_in_part NULLS LAST, p.recommending_state, p.position""").df()
    return frame[BY_STATE_COLUMNS]


def export_by_state(con, out, fmt: str, raw_cells: bool = False, **filters) -> int:
    """Write :func:`by_state_frame` of the recommendations *filters* select (all by default; the filters of
    :func:`upr_lens.store.recommendations_frame`) to *out* (csv | parquet | json | xlsx); returns rows."""
    from upr_lens.store.queries import recommendations_frame, write_frame

    frame = by_state_frame(con)
    if any(value not in (None, (), []) for value in filters.values()):
        keys = set(recommendations_frame(con, **filters)["rec_key"])
        frame = frame[frame["rec_key"].isin(keys)].reset_index(drop=True)
    return write_frame(frame, out, fmt, raw_cells=raw_cells, sheet="recommending States")


def uprinfo_agreement(con, csv_path, tolerance: float = 0.02) -> DataFrame:
    """Per review that the UPR Info file covers: UPR Info's accepted share (accepted rows / rows) beside the
    store's per-State supported share (supported pairs / decided pairs), the difference, and why they
    differ where the difference exceeds *tolerance* (``agrees`` False)."""

    from upr_lens import states as registry
    from upr_lens.reference import read_uprinfo_csv

    ref = read_uprinfo_csv(csv_path, ("To", "Response", "Session"), "UPR Info export")
    ref["to_iso3"] = ref["To"].map(lambda n: getattr(registry.resolve(n), "iso3", None))
    ref["accepted"] = ref["Response"].astype(str).str.strip().str.lower().isin({"accepted", "supported"})
    # the review each row belongs to in the store (UPR Info may name another State: see match_uprinfo)
    attributed = con.execute("SELECT row_id, review_iso3 FROM uprinfo_rows").df()
    if len(attributed) != len(ref):
        from upr_lens.errors import InputError

        raise InputError(f"{csv_path}: {len(ref)} rows, but the store's UPR Info import has {len(attributed)}: "
                         "import this file first (upr-lens import-uprinfo)")
    ref["row_id"] = range(1, len(ref) + 1)
    ref = ref.merge(attributed, on="row_id", how="left")
    ref["review_iso3"] = ref["review_iso3"].fillna(ref["to_iso3"])
    theirs = ref.groupby(["review_iso3", "Session"]).agg(
        uprinfo_rows=("accepted", "size"), uprinfo_accepted=("accepted", "sum")).reset_index()
    theirs = theirs.rename(columns={"review_iso3": "state_iso3", "Session": "wg_session"})
    ours = con.execute(
        f"""SELECT r.state_iso3, r.wg_session, count(*) AS pairs,
                  count(*) FILTER (WHERE p.position = 'supported') AS pairs_supported,
                  count(*) FILTER (WHERE p.position IN ('supported', 'partially supported', 'noted'))
                      AS pairs_decided,
                  count(*) FILTER (WHERE p.position = 'partially supported') AS pairs_partial,
                  count(*) FILTER (WHERE p.basis = 'whole recommendation') AS pairs_whole,
                  count(DISTINCT p.rec_key) FILTER (WHERE p.basis = 'whole recommendation') AS recs_whole,
                  string_agg(DISTINCT p.position_source_kind, ', ' ORDER BY p.position_source_kind)
                      FILTER (WHERE p.basis = 'whole recommendation') AS whole_sources
           FROM ({PAIR_POSITIONS_SQL}) p JOIN recommendations r USING (rec_key)
           GROUP BY ALL""").df()
    unmatched = con.execute(
        """SELECT review_iso3 AS state_iso3, session AS wg_session, count(*) AS uprinfo_unmatched
           FROM uprinfo_rows WHERE review_stored AND rec_key IS NULL GROUP BY ALL""").df()
    # UPR Info rows against the position a document gives their whole recommendation
    overridden = con.execute(
        f"""SELECT state_iso3, wg_session,
                  string_agg(n || ' rows ' || lower(response) || ' by UPR Info, ' || position || ' by the '
                             || position_source_kind, '; ' ORDER BY n DESC, response, position) AS overridden
           FROM (SELECT u.review_iso3 AS state_iso3, u.session AS wg_session, u.response, f.position,
                        f.position_source_kind, count(*) AS n
                 FROM uprinfo_rows u JOIN ({FINAL_POSITIONS_SQL}) f USING (rec_key)
                 WHERE f.position_source_kind <> 'uprinfo'
                   AND (lower(u.response) IN ('accepted', 'supported')) <> (f.position = 'supported')
                 GROUP BY ALL)
           GROUP BY ALL""").df()
    table = theirs.merge(ours, on=["state_iso3", "wg_session"], how="left").merge(
        unmatched, on=["state_iso3", "wg_session"], how="left").merge(
        overridden, on=["state_iso3", "wg_session"], how="left")
    for column in ("pairs", "pairs_supported", "pairs_decided", "pairs_partial", "pairs_whole", "recs_whole",
                   "uprinfo_unmatched"):
        table[column] = table[column].fillna(0).astype(int)
    table["uprinfo_share"] = table["uprinfo_accepted"] / table["uprinfo_rows"]
    table["store_share"] = table["pairs_supported"] / table["pairs_decided"].where(table["pairs_decided"] > 0)
    table["difference"] = table["store_share"] - table["uprinfo_share"]
    table["agrees"] = table["difference"].abs() <= tolerance + 1e-9
    table["reason"] = [_reason(row) for row in table.itertuples()]
    return table.sort_values(["agrees", "state_iso3", "wg_session"]).reset_index(drop=True)


def _reason(row) -> str:
    """Why a review's two shares differ, from what the store knows about it."""
    if row.agrees:
        return ""
    if row.pairs == 0:
        return "review not in the store"
    reasons = []
    if isinstance(row.overridden, str):
        reasons.append(f"a document decides the whole recommendation, against UPR Info's rows: {row.overridden}")
    if row.pairs_partial:
        reasons.append(f"{row.pairs_partial} rows partially supported (their recommendation's position), counted as "
                       "not supported")
    if row.uprinfo_unmatched:
        reasons.append(f"{row.uprinfo_unmatched} UPR Info rows matched no stored recommendation")
    if row.pairs_decided != row.uprinfo_rows:
        reasons.append(f"{row.pairs_decided} decided rows in the store against {row.uprinfo_rows} UPR Info rows")
    return "; ".join(reasons) or "unexplained"
