"""`upr-lens upgrade`: bring a store made by an earlier upr_lens to the current schema."""

from __future__ import annotations

import typer

from upr_lens.cli._common import DB_OPTION


def upgrade(db: str = DB_OPTION) -> None:
    """Upgrade the store's schema in place (one transaction: on failure it is left as it was)."""
    from upr_lens import store

    before, after = store.upgrade(db)
    if before == after:
        typer.echo(f"{db}: already at schema {after}")
    else:
        typer.echo(f"{db}: upgraded from schema {before} to {after}")
