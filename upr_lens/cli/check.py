"""`upr-lens check`: is the store consistent (no row pointing at a recommendation or document it lacks)?"""

from __future__ import annotations

import typer

from upr_lens.cli._common import DB_OPTION, open_store, show_path


def check(db: str = DB_OPTION) -> None:
    """Report orphans: rows (positions, classifications, parts, States, thematic rows, follow-ups, links, ...)
    pointing at a recommendation or document the store does not hold. Exit 1 when there is any."""
    from upr_lens.store.integrity import orphans, unmatched

    with open_store(db) as con:
        found = orphans(con)
        waiting = unmatched(con)
        n_recs = con.execute("SELECT count(*) FROM recommendations").fetchone()[0]
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    for table, n in waiting.items():
        typer.echo(f"note: {n} {table.replace('_', ' ')} of addenda or thematic lists name a recommendation the "
                   f"store does not hold (an id the report lacks, or its report is not ingested): not an error")
    if not found:
        typer.echo(f"{show_path(db)}: consistent: {n_docs} documents, {n_recs} recommendations, no orphans")
        return
    total = sum(o.count for o in found)
    for o in found:
        examples = ", ".join(repr(e) for e in o.examples)
        typer.echo(f"orphans: {o.count} {o.kind} (table {o.table}; e.g. {examples})")
    typer.secho(f"{show_path(db)}: {total} orphan row(s) in {len(found)} kind(s)", fg="red", err=True)
    raise typer.Exit(1)
