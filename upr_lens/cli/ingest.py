"""`upr-lens ingest`: read UPR documents into the store, with a progress bar and one line per problem.

Nothing a document or a file name contains is interpreted by the terminal: every such string is shown
through :func:`shown` (control characters and undecodable bytes as visible escapes, rich markup escaped).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import typer

from upr_lens.cli._app import INTERRUPTED
from upr_lens.cli._common import DB_OPTION, open_store
from upr_lens.errors import InputError


def shown(text: object) -> str:
    """*text* (a file name, a document's words) safe to print as rich markup: bytes that are not UTF-8
    and control characters appear as ``\\xff`` / ``\\n`` / ``\\x1b`` escapes, markup is escaped."""
    from rich.markup import escape

    from upr_lens.ingest import stored_name

    plain = stored_name(text) if isinstance(text, Path) else str(text)
    if any(0xDC80 <= ord(ch) <= 0xDCFF for ch in plain):
        plain = stored_name(plain)
    visible = "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")
        else ch for ch in plain)
    return escape(visible)


def ingest(
    paths: list[Path] = typer.Argument(..., help="PDF/DOCX files or folders (searched recursively)."),
    db: str = DB_OPTION,
    workers: int = typer.Option(1, "--workers", "-j", help="Reader processes (each limited in memory and time)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    replace: bool = typer.Option(False, "--replace", help="Store a report even over a stored copy of the same "
                                 "symbol that is more complete (more recommendations), and let a later file of "
                                 "the batch replace an earlier one with the same symbol."),
    timeout: float = typer.Option(120.0, "--timeout", help="Seconds one document may take to read."),
    memory_limit: int = typer.Option(768, "--memory-limit", help="Memory (MB) for all reader processes together, "
                                     "shared equally (at least 384 MB each)."),
) -> None:
    """Read UPR documents and store their recommendations (one transaction per document)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from upr_lens.ingest import collect_files, stored_summary
    from upr_lens.ingest import ingest as run_ingest

    if workers < 1:
        raise InputError(f"--workers must be at least 1 (got {workers})")
    if timeout <= 0 or memory_limit < 64:
        raise InputError("--timeout must be positive and --memory-limit at least 64 (MB)")
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    files = collect_files(paths)
    missing = [f for f in files if not f.exists()]
    for f in missing:
        err.print(f"[red]error[/red] {shown(f)}: no such file")
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
            if not result.ok:
                failures += 1
            lines = [f"[red]error[/red] {shown(result.path)}: {shown(result.error)}"] if not result.ok else []
            lines += [f"[yellow]note[/yellow] {shown(result.path)}: {shown(note)}" for note in result.notes]
            try:
                bar.advance(task)
                bar.update(task, description=shown(Path(result.path).name))
                for line in lines:
                    bar.console.print(line)
            except Exception as exc:  # the output must never stop the batch: say it plainly
                err.print(f"{'error' if not result.ok else 'note'} {result.path!r}: {result.error or ''} "
                          f"(shown plainly: {type(exc).__name__})", markup=False)

        try:
            results = run_ingest(files, db, workers=workers, on_result=report, replace=replace, timeout=timeout,
                                 memory_mb=memory_limit)
        except KeyboardInterrupt:
            err.print("[yellow]interrupted: documents already stored are kept[/yellow]")
            raise typer.Exit(INTERRUPTED) from None
    n_docs, n_recs = stored_summary(db, results)
    duplicates = [r for r in results if r.duplicate_of]
    err.print(
        f"ingested {n_docs} of {len(files) + len(missing)} files, {n_recs} recommendations; "
        f"{len(duplicates)} duplicate(s), {failures} failed → {shown(db)}"
    )
    if failures:
        raise typer.Exit(1)
