"""`upr-lens ingest`: read UPR documents into the store, with a progress bar and one line per problem."""

from __future__ import annotations

from pathlib import Path

import typer

from upr_lens.cli._app import INTERRUPTED
from upr_lens.cli._common import DB_OPTION, open_store
from upr_lens.errors import InputError


def ingest(
    paths: list[Path] = typer.Argument(..., help="PDF/DOCX files or folders (searched recursively)."),
    db: str = DB_OPTION,
    workers: int = typer.Option(1, "--workers", "-j", help="Worker processes for reading and parsing."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Read UPR documents and store their recommendations (one transaction per document)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from upr_lens.ingest import collect_files
    from upr_lens.ingest import ingest as run_ingest

    err = Console(stderr=True)
    files = collect_files(paths)
    missing = [f for f in files if not f.exists()]
    for f in missing:
        err.print(f"[red]error[/red] {f}: no such file")
    files = [f for f in files if f.exists()]
    if not files:
        raise InputError("nothing to ingest")
    with open_store(db, read_only=False):
        pass  # an unusable store is refused before any document is read
    failures = len(missing)
    with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.description}"), console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("", total=len(files))

        def report(result) -> None:
            nonlocal failures
            bar.advance(task)
            bar.update(task, description=Path(result.path).name)
            if not result.ok:
                failures += 1
                bar.console.print(f"[red]error[/red] {result.path}: {result.error}")
            for note in result.notes:
                bar.console.print(f"[yellow]note[/yellow] {result.path}: {note}")

        try:
            results = run_ingest(files, db, workers=workers, on_result=report)
        except KeyboardInterrupt:
            err.print("[yellow]interrupted: documents already stored are kept[/yellow]")
            raise typer.Exit(INTERRUPTED) from None
    stored = [r for r in results if r.ok and not r.duplicate_of]
    duplicates = [r for r in results if r.duplicate_of]
    n_recs = sum(r.n_recommendations for r in stored)
    err.print(
        f"ingested {len(stored)} of {len(files) + len(missing)} files, {n_recs} recommendations; "
        f"{len(duplicates)} duplicate(s), {failures} failed → {db}"
    )
    if failures:
        raise typer.Exit(1)
