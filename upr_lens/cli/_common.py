"""What the commands share: the --db option, one store session, checked file arguments, table output."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from upr_lens.errors import InputError

DB_OPTION = typer.Option("upr_lens.duckdb", "--db", help="The DuckDB store file.")
OUTPUT_FORMATS = ("table", "csv", "json")


@contextmanager
def open_store(db: str | Path, read_only: bool = True) -> Iterator[Any]:
    """A connection to the store *db*, closed on leaving the block; an unusable file is a StoreError."""
    from upr_lens import store

    con = store.connect(db, read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def require_file(path: str | Path) -> Path:
    """*path*, or an InputError when there is no such file."""
    if not Path(path).exists():
        raise InputError(f"{path}: no such file")
    return Path(path)


def check_format(fmt: str, allowed: tuple[str, ...] = OUTPUT_FORMATS) -> str:
    if fmt not in allowed:
        raise InputError(f"unknown format {fmt!r}: one of {', '.join(allowed)}")
    return fmt


def emit(frame, fmt: str, title: str = "") -> None:
    """Print a DataFrame to stdout as a terminal table, CSV or JSON records."""
    check_format(fmt)
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=1, date_format="iso") + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for column in frame.columns:
            table.add_column(str(column), overflow="fold", max_width=70 if column == "text" else 30)
        for row in frame.itertuples(index=False):
            table.add_row(*("" if value is None else str(value) for value in row))
        Console().print(table)


def echo_json(data: Any) -> None:
    import json

    typer.echo(json.dumps(data, default=str, indent=1))
