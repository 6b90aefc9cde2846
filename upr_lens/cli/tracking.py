"""`upr-lens link` and `follow-up set|history`: what became of recommendations across cycles."""

from __future__ import annotations

import typer

from upr_lens.cli._app import ErrorMappingGroup
from upr_lens.cli._common import DB_OPTION, RAW_CELLS_OPTION, _visible, check_format, emit, open_store


def link(
    db: str = DB_OPTION,
    state: str = typer.Option(None, "--state", "-s", help="Only this State under review."),
) -> None:
    """Link each recommendation to the closest ones of earlier and later cycles; mark repeated asks."""
    from upr_lens.report.summaries import repeated_ask_count
    from upr_lens.track.links import store_links

    with open_store(db, read_only=False) as con:
        n = store_links(con, state=state)
        repeated = repeated_ask_count(con)
    typer.echo(f"{n} cross-cycle links stored; {repeated} recommendations asked again in cycle N+1 (the next cycle)")


followup_app = typer.Typer(cls=ErrorMappingGroup, help="Analyst follow-up annotations (history kept).",
                           no_args_is_help=True)


@followup_app.command("set")
def followup_set(
    rec: str = typer.Argument(..., help="Recommendation key, e.g. 'A/HRC/43/15#122.3'."),
    status: str = typer.Option(..., help="implemented | partial | not-implemented | unknown"),
    source: str = typer.Option(..., help="Where the evidence comes from."),
    note: str = typer.Option(None, help="A free note."),
    author: str = typer.Option(None, help="Who says so (default: the OS user)."),
    db: str = DB_OPTION,
) -> None:
    """Record a follow-up status for a recommendation (an update never erases the earlier entry)."""
    from upr_lens.track.followup import set_followup

    with open_store(db, read_only=False) as con:
        stored = set_followup(con, rec, status, source, note=note, author=author)
    note_text = f"; note: {stored['note']}" if stored["note"] else ""
    typer.echo(_visible(f"follow-up recorded: #{stored['annotation_id']} {stored['rec_key']} is {stored['status']} "
                        f"(source: {stored['source']}; author: {stored['author']}; "
                        f"{stored['created_at']:%Y-%m-%d %H:%M:%S}{note_text})"))


@followup_app.command("history")
def followup_history_command(
    rec: str = typer.Argument(..., help="Recommendation key, e.g. 'A/HRC/43/15#122.3'."),
    db: str = DB_OPTION,
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
    raw_cells: bool = RAW_CELLS_OPTION,
) -> None:
    """Every follow-up annotation of a recommendation, oldest first (reads the store: never creates it)."""
    from upr_lens.track.followup import followup_history, resolve_rec_key

    check_format(fmt)
    with open_store(db) as con:
        key = resolve_rec_key(con, rec)[0]
        frame = followup_history(con, key)
    emit(frame, fmt, title=f"follow-up of {key}", raw_cells=raw_cells)
