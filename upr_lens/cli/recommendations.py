"""`upr-lens recommendations` (also `query`), `export`, `documents`: what the store holds."""

from __future__ import annotations

from pathlib import Path

import typer

from upr_lens.cli._common import DB_OPTION, check_format, emit, open_store

TABLE_COLUMNS = ["symbol", "state_iso3", "cycle", "rec_id", "position", "recommending_states", "text"]


def recommendations(
    db: str = DB_OPTION,
    state: str = typer.Option(None, "--state", "-s", help="State under review (name or ISO3)."),
    recommending: str = typer.Option(None, "--from", help="Recommending State (name or ISO3)."),
    cycle: int = typer.Option(None, help="UPR cycle (1-4)."),
    session: int = typer.Option(None, help="Working Group session."),
    decision: str = typer.Option(
        None, help="supported | to_be_examined | noted | already_implemented | other"),
    text: str = typer.Option(None, "--text", "-t", help="Words the recommendation contains."),
    position: str = typer.Option(None, help="Final position: supported | partially supported | noted | pending"),
    source: str = typer.Option(None, help="Source of the final position: addendum | report | thematic_list | uprinfo"),
    group: str = typer.Option(None, help="Recommending regional group: African | Asia-Pacific | Eastern European | "
                              "GRULAC | WEOG"),
    limit: int = typer.Option(50, help="Rows to show (0 = all)."),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
) -> None:
    """List and filter the stored recommendations (also as `upr-lens query`)."""
    from upr_lens import query, store

    check_format(fmt)
    with open_store(db) as con:
        frame = query.recommendations(
            con, state=state, recommending=recommending, cycle=cycle, session=session,
            decision=decision, text=text, position=position, source=source, group=group, limit=limit,
        )
    emit(frame[TABLE_COLUMNS] if fmt == "table" else frame[store.EXPORT_COLUMNS], fmt,
         title=f"{len(frame)} recommendation(s)")


def export(
    out: Path = typer.Option(..., "--out", "-o", help="Output file."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv | parquet | json"),
    db: str = DB_OPTION,
) -> None:
    """Export every recommendation, one row per id."""
    from upr_lens import query

    with open_store(db) as con:
        n = query.export(con, out, fmt)
    typer.echo(f"{n} recommendations → {out}")


def documents(db: str = DB_OPTION, fmt: str = typer.Option("table", "--format")) -> None:
    """List the stored documents."""
    from upr_lens import store

    check_format(fmt)
    with open_store(db) as con:
        frame = store.documents_frame(con)
    emit(frame, fmt, title=f"{len(frame)} document(s)")
