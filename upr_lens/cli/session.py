"""`upr-lens session run` (a session's folder in one command) and `upr-lens session report` (its atrocity lens)."""

from __future__ import annotations

from pathlib import Path

import typer

from upr_lens.cli._app import INTERRUPTED
from upr_lens.cli._common import DB_OPTION, check_output, open_store
from upr_lens.errors import InputError

session_app = typer.Typer(help="A Working Group session: ingest its folder in one command; its atrocity-lens report.",
                          no_args_is_help=True)


@session_app.command("run")
def run(
    folder: Path = typer.Argument(..., help="A folder of the session's reports, addenda, thematic lists, matrices."),
    db: str = DB_OPTION,
    workers: int = typer.Option(1, "--workers", "-j", help="Worker processes for reading and parsing."),
    no_classify: bool = typer.Option(False, "--no-classify", help="Do not classify the recommendations."),
    no_link: bool = typer.Option(False, "--no-link", help="Do not link to the States' other cycles."),
) -> None:
    """Ingest a session's folder (any order), classify, link to the previous cycle; print per State what it
    found. Exits 1 if any file could not be used."""
    from rich.console import Console

    from upr_lens.session import run_session, session_files

    err = Console(stderr=True)
    files = session_files(folder)
    with open_store(db, read_only=False):
        pass  # an unusable store is refused before any document is read

    def report(result) -> None:
        if not result.ok:
            err.print(f"[red]error[/red] {result.path}: {result.error}")
        for note in result.notes:
            err.print(f"[yellow]note[/yellow] {result.path}: {note}")

    try:
        done = run_session(files, db, workers=workers, classify=not no_classify, link=not no_link,
                           on_result=report)
    except KeyboardInterrupt:
        err.print("[yellow]interrupted: documents already stored are kept[/yellow]")
        raise typer.Exit(INTERRUPTED) from None
    for state in done.states:
        docs = ", ".join(f"{n} {kind}" for kind, n in sorted(state.documents.items())) or "none stored"
        positions = ", ".join(f"{n} {p}" for p, n in state.positions.items())
        line = (f"{state.name} ({state.iso3}): documents {docs}; {state.recommendations} recommendations"
                f"{' (' + positions + ')' if positions else ''}; {state.pending} positions pending")
        if state.bad_files:
            line += f"; bad files: {', '.join(Path(p).name for p in state.bad_files)}"
        typer.echo(line)
    unattributed = [(p, why) for p, why in done.bad_files
                    if not any(p in s.bad_files for s in done.states)]
    for path, why in unattributed:
        typer.echo(f"bad file (no State): {Path(path).name}: {why}")
    typer.echo(f"{len(files)} files, {len(done.states)} States, {len(done.bad_files)} bad; "
               f"{done.classified} recommendations classified, {done.links} links → {db}")
    if done.failed:
        raise typer.Exit(1)


@session_app.command("report")
def report(
    session: int = typer.Argument(..., help="The Working Group session number."),
    db: str = DB_OPTION,
    html_file: Path = typer.Option(None, "--html", help="Write the self-contained HTML report here."),
    json_file: Path = typer.Option(None, "--json", help="Write the report as JSON here."),
    noted: int = typer.Option(20, help="Noted atrocity-relevant recommendations the HTML shows per State before "
                              "collapsing the rest (0: all open); the JSON always holds all of them."),
) -> None:
    """The atrocity-lens report of Working Group session N: per State counts, positions, risk factors,
    noted atrocity-relevant recommendations, changes since the previous review, the five steps."""
    from upr_lens.report import session_report as sr

    if session < 1:
        raise InputError(f"session must be a positive number, not {session}")
    if html_file:
        check_output(html_file, "HTML report")
    if json_file:
        check_output(json_file, "JSON report")
    with open_store(db) as con:
        built = sr.build_session_report(con, session, noted_limit=noted)
    totals = built.totals()
    typer.echo(f"Working Group session {session}: {totals['states']} States, {totals['received']} recommendations "
               f"({totals['supported']} supported, {totals['partially supported']} partially supported, "
               f"{totals['noted']} noted, {totals['pending']} pending)")
    for s in built.states:
        top = ", ".join(f"RF{f} {n}" for f, n in sorted(s.factors.items(), key=lambda kv: -kv[1])[:3])
        typer.echo(f"  {s.name} ({s.symbol}): {s.counts['received']} received, {s.counts['noted']} noted, "
                   f"{len(s.noted)} noted atrocity-relevant; top factors: {top or 'none'}")
    if html_file:
        sr.render_html(built, html_file)
        typer.echo(f"HTML → {html_file}")
    if json_file:
        sr.write_json(built, json_file)
        typer.echo(f"JSON → {json_file}")
