"""Queries for the CLI and notebooks: recommendations with their final position and classification,
documents, counts, exports.

:func:`recommendations_frame` is the one query behind ``upr-lens recommendations``/``query``/``export``: every
filter value is checked first (:func:`upr_lens.query.normalise_filters`; an unknown value is an
:class:`~upr_lens.errors.InputError` listing the valid ones), and nothing is cut unless *limit* is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from upr_lens.errors import InputError
from upr_lens.track.positions import final_positions_sql

_REC_VIEW_TEMPLATE = """
WITH reg(reg_iso3, reg_group) AS (VALUES {registry}
), session_year(sy_session, sy_year) AS (VALUES {session_years}
), states AS (
    SELECT rec_key,
           string_agg(coalesce(state_name, printed), ';' ORDER BY part_index, position) AS recommending_states,
           string_agg(printed, ';' ORDER BY part_index, position) AS recommending_states_printed,
           list(DISTINCT state_iso3 ORDER BY state_iso3) FILTER (WHERE state_iso3 IS NOT NULL) AS recommending_iso3,
           list(DISTINCT reg_group ORDER BY reg_group) FILTER (WHERE reg_group IS NOT NULL) AS recommending_groups
    FROM recommendation_states LEFT JOIN reg ON reg_iso3 = state_iso3 {states_scope}GROUP BY rec_key
), final AS (
{final}
)
SELECT r.rec_key, r.symbol, d.state_name AS state_under_review, r.state_iso3, r.cycle, r.wg_session,
       d.hrc_session, r.rec_id, r.paragraph, r.decision, r.text,
       coalesce(s.recommending_states, '') AS recommending_states,
       coalesce(s.recommending_states_printed, '') AS recommending_states_printed,
       r.n_parts, d.source_file, r.page,
       coalesce(f.position, 'pending') AS position, coalesce(f.position_source, '') AS position_source,
       f.position_source_kind, coalesce(f.implemented_claim, false) AS implemented_claim, f.explanation,
       c.risk_factors, c.indicators, c.action_category, c.issues, c.reason AS classification_reason,
       c.reason,  -- the export's name for it (issue 10); classification_reason kept for existing callers
       s.recommending_iso3, r.comment, r.notes, r.lead_in,
       coalesce(sy.sy_year, year(d.doc_date)) AS year,
       sg.reg_group AS state_group,
       coalesce(s.recommending_groups, []) AS recommending_groups,
       (coalesce(r.notes, '') LIKE '%id assigned by upr_lens%'
        OR coalesce(r.notes, '') LIKE '%no OHCHR id%') AS rec_id_assigned,
       c.risk_factor_scores, c.model_version, r.item
FROM {recommendations} r
JOIN documents d USING (doc_id)
LEFT JOIN states s USING (rec_key)
LEFT JOIN final f USING (rec_key)
LEFT JOIN classifications c USING (rec_key)
LEFT JOIN session_year sy ON sy.sy_session = r.wg_session
LEFT JOIN reg sg ON sg.reg_iso3 = r.state_iso3
"""

EXPORT_COLUMNS = [
    "symbol", "state_under_review", "state_iso3", "cycle", "wg_session", "rec_id", "paragraph", "decision",
    "text", "recommending_states", "recommending_states_printed", "n_parts", "source_file", "page",
    "position", "position_source",
    # added with issue 10: a stable key, year and groups of both sides, the id flag, the classification
    "rec_key", "year", "state_group", "recommending_iso3", "recommending_groups", "rec_id_assigned", "notes",
    "risk_factors", "indicators", "risk_factor_scores", "reason", "action_category", "issues",
    "model_version",
]

# --sort keys -> the column(s) they order by; the report order (symbol, paragraph, item, rec_key) breaks ties
SORT_KEYS: dict[str, str] = {
    "symbol": "symbol", "state": "state_under_review", "year": "year", "cycle": "cycle", "session": "wg_session",
    "decision": "decision", "position": "position", "recommending": "recommending_states",
    "group": "state_group", "action": "action_category", "n_risk_factors": "len(coalesce(risk_factors, []))",
    "text": "text",
}
_REPORT_ORDER = "symbol, paragraph, item, rec_key"  # rec_key: UPR Info rows have no symbol


@cache
def _rec_view(scope: str | None = None) -> str:
    """The recommendation view, with the registry's regional groups and the calendar's session years inlined
    (constants from the package, not from input). *scope*, a condition on the ``recommendations`` table's own
    columns (with ``?`` parameters, given once per use: :data:`SCOPE_USES` times), limits every part of the
    view to the recommendations it selects before anything is joined or aggregated: the same rows, faster."""
    from upr_lens import states as registry
    from upr_lens.upr_calendar import packaged_calendar

    groups = ", ".join(f"('{st.iso3}', '{st.group}')" for st in registry.all_states() if st.group)
    years = ", ".join(f"({int(s)}, {int(y)})" for s, y in sorted(packaged_calendar().session_years.items()))
    keys = f"SELECT rec_key FROM recommendations WHERE {scope}" if scope else None
    return _REC_VIEW_TEMPLATE.format(
        registry=groups, session_years=years or "(NULL, NULL)", final=final_positions_sql(keys),
        states_scope=f"WHERE rec_key IN ({keys}) " if keys else "",
        recommendations=f"(SELECT * FROM recommendations WHERE {scope})" if scope else "recommendations")


SCOPE_USES = 3  # a scoped view holds its condition three times: States, final positions, recommendations


def recommendations_frame(
    con,
    *,
    state: str | None = None,
    recommending: str | None = None,
    cycle: int | Iterable[int] | None = None,
    session: int | Iterable[int] | None = None,
    decision: str | Iterable[str] | None = None,
    text: str | Iterable[str] | None = None,
    position: str | Iterable[str] | None = None,
    source: str | Iterable[str] | None = None,
    group: str | Iterable[str] | None = None,
    risk_factor: int | Iterable[int] | None = None,
    limit: int | None = None,
    any_text: Iterable[str] | None = None,
    state_group: str | Iterable[str] | None = None,
    indicator: str | Iterable[str] | None = None,
    issue: str | Iterable[str] | None = None,
    action: int | Iterable[int] | None = None,
    year: int | str | Iterable[int | str] | None = None,
    sort: str | Iterable[str] | None = None,
    word: str | Iterable[str] | None = None,
):
    """Recommendations as a pandas DataFrame, filtered and sorted; the same rows the CLI prints and exports.

    Filters combine with AND. A filter given several values selects rows matching any of them (``risk_factor=[7,
    8]``: RF7 or RF8), except *text*: every string in *text* must occur (AND; literal, case-insensitive
    substrings), and at least one of *any_text* must; every *word* must occur as whole words ("war" does not
    match "award"; spaces match any run of whitespace). *group* is the recommending side's regional group,
    *state_group* the State under review's; *year* takes years or ranges ("2010-2012"). *sort* takes keys of
    :data:`SORT_KEYS` ("-year": descending), then the report order. Unknown values are an InputError listing the
    valid ones; no row is dropped unless *limit* (a positive number) is given.

    ``risk_factors`` (integers), ``indicators``, ``issues``, ``recommending_iso3`` and ``recommending_groups``
    hold lists (arrays; missing where the recommendation is not classified); ``recommending_states`` and
    ``recommending_states_printed`` are ";"-joined text, as exported."""
    from upr_lens.query import normalise_filters

    f = normalise_filters(
        state=state, recommending=recommending, cycle=cycle, session=session, decision=decision, text=text,
        position=position, source=source, group=group, risk_factor=risk_factor, limit=limit, any_text=any_text,
        state_group=state_group, indicator=indicator, issue=issue, action=action, year=year, sort=sort,
        word=word,
    )
    where: list[str] = []
    params: list[Any] = []

    def among(column: str, values: list | None) -> None:
        if values:
            where.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)

    def overlaps(column: str, values: list | None) -> None:
        if values:
            where.append(f"list_has_any({column}, ?)")
            params.append(values)

    if f["state"]:
        where.append("state_iso3 = ?")
        params.append(f["state"])
    if f["recommending"]:
        where.append("list_contains(recommending_iso3, ?)")
        params.append(f["recommending"])
    among("cycle", f["cycle"])
    among("wg_session", f["session"])
    among("decision", f["decision"])
    among("position", f["position"])
    among("position_source_kind", f["source"])
    among("state_group", f["state_group"])
    among("action_category", f["action"])
    overlaps("recommending_groups", f["group"])
    overlaps("risk_factors", f["risk_factor"])
    overlaps("indicators", f["indicator"])
    overlaps("issues", f["issue"])
    for words in f["text"] or ():  # literal words: LIKE's wildcards (and the escape character) are escaped
        where.append("text ILIKE ? ESCAPE '\\'")
        params.append("%" + _like_literal(words) + "%")
    for words in f["word"] or ():
        where.append("regexp_matches(text, ?, 'i')")
        params.append(_word_pattern(words))
    if f["any_text"]:
        where.append("(" + " OR ".join(["text ILIKE ? ESCAPE '\\'"] * len(f["any_text"])) + ")")
        params.extend("%" + _like_literal(words) + "%" for words in f["any_text"])
    if f["year"]:
        where.append("(" + " OR ".join(["year BETWEEN ? AND ?"] * len(f["year"])) + ")")
        params.extend(bound for span in f["year"] for bound in span)
    scope, scope_params = _scope(f)
    params = scope_params * SCOPE_USES + params
    sql = f"SELECT * EXCLUDE (item) FROM ({_rec_view(scope)}) v"
    sql += (" WHERE " + " AND ".join(where) if where else "")
    order = [f"{SORT_KEYS[key.lstrip('-')]} {'DESC' if key.startswith('-') else 'ASC'} NULLS LAST"
             for key in f["sort"] or ()]
    sql += " ORDER BY " + ", ".join([*order, _REPORT_ORDER])
    if f["limit"]:
        sql += f" LIMIT {int(f['limit'])}"
    return con.execute(sql, params).df()


def _scope(f: dict) -> tuple[str | None, list[Any]]:
    """The checked filters that are columns of the recommendations table itself, as a condition and its
    parameters (None: no such filter); the same filters stay in the outer WHERE, so rows are unchanged."""
    conditions: list[str] = []
    params: list[Any] = []
    if f["state"]:
        conditions.append("state_iso3 = ?")
        params.append(f["state"])
    for column, values in (("cycle", f["cycle"]), ("wg_session", f["session"]), ("decision", f["decision"])):
        if values:
            conditions.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)
    return (" AND ".join(conditions) if conditions else None), params


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


def _word_pattern(words: str) -> str:
    """An RE2 pattern matching *words* as whole words: not inside a longer word, any whitespace between them,
    punctuation literal."""
    body = r"\s+".join("".join(ch if ch.isalnum() or ch == "_" or not ch.isascii() else "\\" + ch for ch in part)
                        for part in words.split())
    return r"(?:^|[^\pL\pN_])" + body + r"(?:[^\pL\pN_]|$)"


def export(con, out: str | Path, fmt: str, columns: Iterable[str] = EXPORT_COLUMNS, raw_cells: bool = False,
           **filters) -> int:
    """Write the recommendations (all, or those *filters* select, as in :func:`recommendations_frame`) to CSV,
    Parquet, JSON or Excel (xlsx); returns the number of rows. CSV text cells a spreadsheet would run as formulas
    get a leading apostrophe unless *raw_cells* (:mod:`upr_lens.csvio`); xlsx cells are typed text cells, which
    a spreadsheet never runs, so ids such as "82.10" stay text."""
    frame = recommendations_frame(con, **filters)[list(dict.fromkeys(columns))]
    return write_frame(frame, out, fmt, raw_cells=raw_cells, sheet="recommendations")


def write_frame(frame, out: str | Path, fmt: str, raw_cells: bool = False, sheet: str = "rows") -> int:
    """Write *frame* as CSV (list columns ";"-joined, formula-looking cells neutralised unless *raw_cells*),
    Parquet, JSON or xlsx (typed text cells); returns the number of rows."""
    from upr_lens.csvio import neutralise_frame, write_xlsx

    if fmt not in ("csv", "parquet", "json", "xlsx"):
        raise InputError(f"unknown format {fmt!r} (csv, parquet, json or xlsx)")
    out = str(out)
    if fmt == "csv":
        neutralise_frame(joined_lists(frame), raw=raw_cells).to_csv(out, index=False)
    elif fmt == "parquet":
        frame.to_parquet(out, index=False)
    elif fmt == "json":
        frame.to_json(out, orient="records", force_ascii=False, indent=1)
    else:
        write_xlsx(joined_lists(frame), out, sheet=sheet)
    return len(frame)


LIST_COLUMNS = ("risk_factors", "indicators", "issues", "recommending_iso3", "recommending_groups")


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
