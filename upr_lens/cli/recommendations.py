"""`upr-lens recommendations` (also `query`), `export`, `documents`: what the store holds.

`recommendations` and `export` take the same filters (:data:`FILTER_HELP`); nothing machine-readable is cut
unless --limit is given, and a terminal table that shows fewer rows than selected says so in its title.
"""

from __future__ import annotations

from pathlib import Path

import typer

from upr_lens.cli._common import DB_OPTION, RAW_CELLS_OPTION, check_format, check_output, emit, open_store, show_path

TABLE_COLUMNS = ["symbol", "state_iso3", "cycle", "rec_id", "position", "recommending_states", "text"]
TABLE_ROWS = 50  # rows a terminal table shows when --limit is not given

FILTER_HELP = ("Filters combine with AND; repeating a filter option selects rows matching any of its values, "
               "except --text: every --text must occur (use --any-text for 'one of').")

STATE = typer.Option(None, "--state", "-s", help="State under review (name or ISO3).")
RECOMMENDING = typer.Option(None, "--from", help="Recommending State (name or ISO3).")
CYCLE = typer.Option(None, help="UPR cycle (1-5); repeatable.")
SESSION = typer.Option(None, help="Working Group session; repeatable.")
DECISION = typer.Option(
    None, help="supported | to_be_examined | noted | already_implemented | other | uprinfo (any case); repeatable.")
TEXT = typer.Option(None, "--text", "-t", help="Words the recommendation contains (taken literally: % and _ are "
                    "not wildcards; case does not matter). Repeat for AND: --text torture --text prison.")
WORD = typer.Option(None, "--word", "-w", help="Whole words the recommendation contains ('war' does not match "
                    "'award'; any case). Repeat for AND.")
ANY_TEXT = typer.Option(None, "--any-text", help="Words of which the recommendation contains at least one "
                        "(repeat: --any-text torture --any-text ill-treatment).")
POSITION = typer.Option(None, help="Final position: supported | partially supported | noted | pending; repeatable.")
SOURCE = typer.Option(None, help="Source of the final position: addendum | report | thematic_list | uprinfo | "
                      "sdg_explorer | report_pending; repeatable.")
GROUP = typer.Option(None, "--from-group", "--group", help="Regional group of a recommending State: African | "
                     "Asia-Pacific | 'Eastern European' | GRULAC | WEOG; repeatable.")
STATE_GROUP = typer.Option(None, "--state-group", help="Regional group of the State under review; repeatable.")
RISK_FACTOR = typer.Option(None, "--risk-factor", "--rf", help="Risk factor (1-14) the classifier assigned; "
                           "repeatable (any of).")
INDICATOR = typer.Option(None, "--indicator", help="Risk-factor indicator, e.g. 7.14; repeatable (any of).")
ISSUE = typer.Option(None, "--issue", help="UPR Info issue, e.g. 'Torture and other CID treatment' (any case); "
                     "repeatable (any of).")
ACTION = typer.Option(None, "--action", help="Action category 1-5 (1 minimal ... 5 specific action); repeatable.")
YEAR = typer.Option(None, "--year", help="Year of the review, or a range: 2012, 2010-2012; repeatable.")
SORT = typer.Option(None, "--sort", help="symbol | state | year | cycle | session | decision | position | "
                    "recommending | group | action | n_risk_factors | text; a leading - (e.g. --sort=-year) sorts "
                    "descending; repeatable; ties keep the report order.")


def _filters(**values) -> dict:
    return {key: value for key, value in values.items() if value not in (None, [], ())}


def recommendations(
    db: str = DB_OPTION,
    state: str = STATE,
    recommending: str = RECOMMENDING,
    cycle: list[int] = CYCLE,
    session: list[int] = SESSION,
    decision: list[str] = DECISION,
    text: list[str] = TEXT,
    any_text: list[str] = ANY_TEXT,
    word: list[str] = WORD,
    position: list[str] = POSITION,
    source: list[str] = SOURCE,
    group: list[str] = GROUP,
    state_group: list[str] = STATE_GROUP,
    risk_factor: list[int] = RISK_FACTOR,
    indicator: list[str] = INDICATOR,
    issue: list[str] = ISSUE,
    action: list[int] = ACTION,
    year: list[str] = YEAR,
    sort: list[str] = SORT,
    limit: int = typer.Option(None, help=f"Rows to output (0 = all). Default: all rows for csv and json, the "
                              f"first {TABLE_ROWS} for a terminal table (its title says how many there are)."),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
    raw_cells: bool = RAW_CELLS_OPTION,
) -> None:
    """List and filter the stored recommendations (also as `upr-lens query`). Filters combine with AND;
    repeating an option selects rows matching any of its values, except --text (every one must occur;
    --any-text for one of)."""
    from upr_lens import query, store

    check_format(fmt)
    filters = _filters(state=state, recommending=recommending, cycle=cycle, session=session, decision=decision,
                       text=text, any_text=any_text, word=word, position=position, source=source, group=group,
                       state_group=state_group, risk_factor=risk_factor, indicator=indicator, issue=issue,
                       action=action, year=year, sort=sort)
    query.check_filters(limit=limit, **filters)
    with open_store(db) as con:
        frame = query.recommendations(con, **filters)  # every selected row: the total is always known
    total = len(frame)
    shown = TABLE_ROWS if limit is None and fmt == "table" else (limit or total)
    frame = frame.head(shown)
    if fmt == "table":
        title = (f"{total} recommendation(s)" if len(frame) == total
                 else f"showing {len(frame)} of {total} recommendation(s) (--limit 0 for all)")
        emit(frame[TABLE_COLUMNS], fmt, title=title)
        return
    if len(frame) < total:
        typer.echo(f"note: {len(frame)} of {total} rows (--limit {limit}); --limit 0 for all", err=True)
    frame = frame[store.EXPORT_COLUMNS]
    emit(store.joined_lists(frame) if fmt == "csv" else frame, fmt, raw_cells=raw_cells)


def export(
    out: Path = typer.Option(..., "--out", "-o", help="Output file."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv | parquet | json | xlsx"),
    db: str = DB_OPTION,
    raw_cells: bool = RAW_CELLS_OPTION,
    state: str = STATE,
    recommending: str = RECOMMENDING,
    cycle: list[int] = CYCLE,
    session: list[int] = SESSION,
    decision: list[str] = DECISION,
    text: list[str] = TEXT,
    any_text: list[str] = ANY_TEXT,
    word: list[str] = WORD,
    position: list[str] = POSITION,
    source: list[str] = SOURCE,
    group: list[str] = GROUP,
    state_group: list[str] = STATE_GROUP,
    risk_factor: list[int] = RISK_FACTOR,
    indicator: list[str] = INDICATOR,
    issue: list[str] = ISSUE,
    action: list[int] = ACTION,
    year: list[str] = YEAR,
    sort: list[str] = SORT,
    by_state: bool = typer.Option(False, "--by-state", help="One row per recommending State per part (UPR Info's "
                                  "count), each with its own position (upr_lens/track/pair_positions.py)."),
) -> None:
    """Export every recommendation (or those the filters select, as in `recommendations`), one row per id, with
    its key, year, regional groups and classification. CSV cells that a spreadsheet would run as a formula get a
    leading apostrophe unless --raw-cells; xlsx cells are typed text (ids such as 82.10 stay text)."""
    from upr_lens import query

    query.check_export_format(fmt)
    filters = _filters(state=state, recommending=recommending, cycle=cycle, session=session, decision=decision,
                       text=text, any_text=any_text, word=word, position=position, source=source, group=group,
                       state_group=state_group, risk_factor=risk_factor, indicator=indicator, issue=issue,
                       action=action, year=year, sort=sort)
    query.check_filters(**filters)
    check_output(out, "export")
    if by_state:
        from upr_lens.track.pair_positions import export_by_state

        with open_store(db) as con:
            rows = export_by_state(con, out, fmt, raw_cells=raw_cells, **filters)
        typer.echo(f"{rows} recommending-State rows → {show_path(out)}")
        return
    with open_store(db) as con:
        n = query.export(con, out, fmt, raw_cells=raw_cells, **filters)
    typer.echo(f"{n} recommendations → {show_path(out)}")


# the terminal table's columns (short headers, so that the table fits a terminal) -> the frame's columns
DOCUMENT_TABLE_COLUMNS = {"symbol": "symbol", "type": "doc_type", "state": "state_iso3", "cycle": "cycle",
                          "session": "wg_session", "date": "doc_date", "pages": "n_pages",
                          "recs": "n_recommendations", "file": "file"}


def documents(db: str = DB_OPTION, fmt: str = typer.Option("table", "--format"),
              raw_cells: bool = RAW_CELLS_OPTION) -> None:
    """List the stored documents (a terminal table shows the file name; csv and json give every column,
    with the full path)."""
    import pandas as pd

    from upr_lens import store

    check_format(fmt)
    with open_store(db) as con:
        frame = store.documents_frame(con)
    if fmt != "table":
        emit(frame, fmt, raw_cells=raw_cells)
        return
    table = frame.assign(file=[Path(str(p)).name if p else "" for p in frame["source_file"]],
                         doc_date=[str(d)[:10] if d is not None and str(d) not in ("NaT", "None") else ""
                                   for d in frame["doc_date"]])
    table = table[list(DOCUMENT_TABLE_COLUMNS.values())].set_axis(list(DOCUMENT_TABLE_COLUMNS), axis=1)
    table["session"] = [("" if pd.isna(v) else str(int(v))) for v in table["session"]]
    emit(table, fmt, title=f"{len(frame)} document(s) (file: the name only; --format csv or json for the full "
         "path and every column)", widths={"symbol": 22, "file": 60})
