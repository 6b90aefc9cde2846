"""`upr-lens recommendations` (also `query`), `export`, `documents`: what the store holds."""

from __future__ import annotations

from pathlib import Path

import typer

from upr_lens.cli._common import DB_OPTION, RAW_CELLS_OPTION, check_format, check_output, emit, open_store, show_path

TABLE_COLUMNS = ["symbol", "state_iso3", "cycle", "rec_id", "position", "recommending_states", "text"]


def recommendations(
    db: str = DB_OPTION,
    state: str = typer.Option(None, "--state", "-s", help="State under review (name or ISO3)."),
    recommending: str = typer.Option(None, "--from", help="Recommending State (name or ISO3)."),
    cycle: int = typer.Option(None, help="UPR cycle (1-4)."),
    session: int = typer.Option(None, help="Working Group session."),
    decision: str = typer.Option(
        None, help="supported | to_be_examined | noted | already_implemented | other (any case)"),
    text: str = typer.Option(None, "--text", "-t", help="Words the recommendation contains (taken literally: "
                             "% and _ are not wildcards; case does not matter)."),
    position: str = typer.Option(None, help="Final position: supported | partially supported | noted | pending"),
    source: str = typer.Option(None, help="Source of the final position: addendum | report | thematic_list | uprinfo"),
    group: str = typer.Option(None, help="Recommending regional group: African | Asia-Pacific | Eastern European | "
                              "GRULAC | WEOG"),
    limit: int = typer.Option(50, help="Rows to show (0 = all)."),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
    raw_cells: bool = RAW_CELLS_OPTION,
) -> None:
    """List and filter the stored recommendations (also as `upr-lens query`)."""
    from upr_lens import query, store

    check_format(fmt)
    query.check_filters(state=state, recommending=recommending, cycle=cycle, session=session, decision=decision,
                        position=position, source=source, group=group, limit=limit)
    with open_store(db) as con:
        frame = query.recommendations(
            con, state=state, recommending=recommending, cycle=cycle, session=session,
            decision=decision, text=text, position=position, source=source, group=group, limit=limit,
        )
    emit(frame[TABLE_COLUMNS] if fmt == "table" else frame[store.EXPORT_COLUMNS], fmt,
         title=f"{len(frame)} recommendation(s)", raw_cells=raw_cells)


def export(
    out: Path = typer.Option(..., "--out", "-o", help="Output file."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv | parquet | json"),
    db: str = DB_OPTION,
    raw_cells: bool = RAW_CELLS_OPTION,
    by_state: bool = typer.Option(False, "--by-state", help="One row per recommending State per part (UPR Info's "
                                  "count), each with its own position (upr_lens/track/pair_positions.py)."),
) -> None:
    """Export every recommendation, one row per id (CSV cells that a spreadsheet would run as a formula get a
    leading apostrophe unless --raw-cells)."""
    from upr_lens import query

    query.check_export_format(fmt)
    check_output(out, "export")
    if by_state:
        from upr_lens.track.pair_positions import export_by_state

        with open_store(db) as con:
            rows = export_by_state(con, out, fmt, raw_cells=raw_cells)
        typer.echo(f"{rows} recommending-State rows → {show_path(out)}")
        return
    with open_store(db) as con:
        n = query.export(con, out, fmt, raw_cells=raw_cells)
    typer.echo(f"{n} recommendations → {show_path(out)}")


def documents(db: str = DB_OPTION, fmt: str = typer.Option("table", "--format"),
              raw_cells: bool = RAW_CELLS_OPTION) -> None:
    """List the stored documents."""
    from upr_lens import store

    check_format(fmt)
    with open_store(db) as con:
        frame = store.documents_frame(con)
    emit(frame, fmt, title=f"{len(frame)} document(s)", raw_cells=raw_cells)
