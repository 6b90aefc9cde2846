"""What the commands share: the --db option, one store session, checked file arguments, safe output.

Nothing that comes from a document (or a file name) is ever read as rich markup: table cells are
:class:`rich.text.Text` objects, messages built from stored text go through :func:`markup_safe`, and file
names are shown with :func:`show_path` (control characters visible). CSV written to stdout is neutralised
against spreadsheet formulas unless ``--raw-cells`` is given (see :mod:`upr_lens.csvio`).
"""

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
RAW_CELLS_OPTION = typer.Option(
    False, "--raw-cells",
    help="Write CSV cells exactly as stored. By default a text cell starting with =, +, -, @, tab or CR gets a "
         "leading apostrophe so a spreadsheet shows it as text instead of running it as a formula.")


def show_path(path: str | Path | bytes) -> str:
    """A file name as a person should see it: control characters (ANSI escapes, newlines) shown visibly."""
    from upr_lens.csvio import show

    return show(path)


def markup_safe(text: Any) -> str:
    """*text* (stored or document-derived) escaped for a rich console: brackets are printed, not read."""
    from rich.markup import escape

    return escape(str(text))


def check_output(path: str | Path, what: str = "output file") -> Path:
    """*path*, checked before any work: its folder must exist and be writable (an InputError otherwise)."""
    import os

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InputError(f"{show_path(target)}: a folder; give a file name for the {what}")
    if not folder.is_dir():
        raise InputError(f"{show_path(target)}: cannot write the {what}: no such folder {show_path(folder)}")
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise InputError(f"{show_path(target)}: cannot write the {what}: permission denied")
    return target


@contextmanager
def open_store(db: str | Path, read_only: bool = True) -> Iterator[Any]:
    """A connection to the store *db*, closed on leaving the block; an unusable file is a StoreError, and so is
    a DuckDB I/O or checksum error inside the block (a store damaged where the checks on opening could not
    see)."""
    import duckdb

    from upr_lens import store

    con = store.connect(db, read_only=read_only)
    try:
        yield con
    except duckdb.Error as exc:
        if not store.is_damage(exc):
            raise  # a query that does not fit the store's tables: a bug, with its traceback
        raise store.damaged_while_used(db, exc) from None
    finally:
        con.close()


def require_file(path: str | Path) -> Path:
    """*path*, or an InputError when there is no such file."""
    if not Path(path).exists():
        raise InputError(f"{show_path(path)}: no such file")
    return Path(path)


def require_csv(path: str | Path, what: str = "CSV file") -> Path:
    """*path*, or an InputError when there is no such file or it is not UTF-8 text (naming the file)."""
    from upr_lens.csvio import check_utf8

    require_file(path)
    check_utf8(path, what)
    return Path(path)


def check_format(fmt: str, allowed: tuple[str, ...] = OUTPUT_FORMATS) -> str:
    if fmt not in allowed:
        raise InputError(f"unknown format {fmt!r}: one of {', '.join(allowed)}")
    return fmt


SHORT_COLUMN = 18  # a table column whose header and cells are at most this long is not wrapped


def emit(frame, fmt: str, title: str = "", raw_cells: bool = False, widths: dict[str, int] | None = None) -> None:
    """Print a DataFrame to stdout as a terminal table, CSV (formula cells neutralised unless *raw_cells*)
    or JSON records. Table cells and the title are plain text: brackets in stored text are shown as printed.
    Every row of *frame* is printed: callers that show fewer rows than they selected say so in *title*.
    *widths*: the widest a table column may get (wrapped beyond); other columns get 30, ``text`` 70."""
    check_format(fmt)
    if fmt == "csv":
        from upr_lens.csvio import neutralise_frame

        neutralise_frame(frame, raw=raw_cells).to_csv(sys.stdout, index=False)
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=1, date_format="iso") + "\n")
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(title=Text(title) if title else None, show_lines=False)
        for column in frame.columns:
            width = (widths or {}).get(str(column), 70 if column == "text" else 30)
            longest = max([len(str(column)), *(len(str(v)) for v in frame[column])])
            # short columns (codes, numbers, dates) are never wrapped: the long ones give way
            table.add_column(Text(str(column)), overflow="fold", max_width=width, no_wrap=longest <= SHORT_COLUMN)
        for row in frame.itertuples(index=False):
            table.add_row(*(Text("" if _missing(value) else _visible(str(value))) for value in row))
        Console().print(table)


def _missing(value: Any) -> bool:
    """None, NaN, NaT and pandas.NA: an empty table cell (not "nan" or "<NA>")."""
    if value is None:
        return True
    try:
        return bool(value != value) or str(value) in ("<NA>", "NaT")
    except (TypeError, ValueError):  # pandas.NA refuses bool(); arrays refuse too
        return str(value) == "<NA>"


def echo_json(data: Any) -> None:
    import json

    typer.echo(json.dumps(data, default=str, indent=1))


def _visible(text: str) -> str:
    """Control characters other than newline and tab shown as escapes (an ANSI escape must not act)."""
    if text.isprintable() or all(ch.isprintable() or ch in "\n\t" for ch in text):
        return text
    return "".join(ch if ch.isprintable() or ch in "\n\t" else repr(ch)[1:-1] for ch in text)
