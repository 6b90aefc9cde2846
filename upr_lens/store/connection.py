"""Opening a store: create a new one, upgrade an older one, refuse what is not ours (or is newer)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from upr_lens.errors import StoreError
from upr_lens.store import migrations
from upr_lens.store.schema import SCHEMA_VERSION, existing_tables

DEFAULT_DB = "upr_lens.duckdb"


def _open_failure(path: str, exc: Exception) -> StoreError:
    reason = str(exc).splitlines()[0]
    if "lock" in reason.lower():
        return StoreError(f"{path}: locked: the store is in use by another process ({reason})")
    return StoreError(f"{path}: not a usable upr_lens database ({reason})")


def stored_version(con, path: str = "the database") -> int | None:
    """The schema version a store says it has; None for a database without any table (a new one).
    A database holding tables but no upr_lens version is refused (StoreError)."""
    tables = existing_tables(con)
    if not tables:
        return None
    row = None
    if "meta" in tables:
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except Exception:  # a meta table of another program: other columns
            row = None
    if row is None or not str(row[0]).strip().isdigit():
        shown = ", ".join(sorted(tables)[:5]) + (" ..." if len(tables) > 5 else "")
        raise StoreError(f"{path}: not an upr_lens store (it holds other tables: {shown}); "
                         f"it is left untouched: give another --db file")
    return int(row[0])


def connect(path: str | Path = DEFAULT_DB, read_only: bool = False):
    """Open the store at *path*; returns a DuckDB connection.

    For writing (the default): a missing or empty file becomes a new store; a store of an earlier schema is
    upgraded (:func:`upr_lens.store.migrations.upgrade`: in one transaction, recorded). *read_only*
    never creates or changes anything: a missing file, or a store needing an upgrade, is a StoreError.
    Either way a store of a newer schema, another program's database or a locked file is a StoreError.
    """
    import duckdb

    path = str(path)
    if read_only and not Path(path).exists():
        raise StoreError(f"{path}: no such database (run `upr-lens ingest` first)")
    try:
        # fewer automatic checkpoints during a batch: each document is still its own committed transaction
        config: dict[str, Any] = {} if read_only else {"checkpoint_threshold": "256MB"}
        con = duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.Error as exc:
        raise _open_failure(path, exc) from exc
    try:
        found = stored_version(con, path)
        if found is not None and found > SCHEMA_VERSION:
            raise StoreError(f"{path}: made by a newer upr_lens (schema {found}; this version reads up to "
                             f"{SCHEMA_VERSION}): upgrade upr_lens to use it")
        if read_only and found is None:
            raise StoreError(f"{path}: an empty database, not an upr_lens store (run `upr-lens ingest` first)")
        if read_only and found is not None and found < SCHEMA_VERSION:
            raise StoreError(f"{path}: made by an earlier upr_lens (schema {found}; this version uses "
                             f"{SCHEMA_VERSION}): upgrade it with `upr-lens upgrade --db {path}`")
        if found is None:
            migrations.create(con)
        elif found < SCHEMA_VERSION:
            try:
                migrations.upgrade(con, found)
            except duckdb.Error as exc:
                raise StoreError(f"{path}: could not be upgraded from schema {found} to {SCHEMA_VERSION} "
                                 f"({str(exc).splitlines()[0]}); it is left as it was") from exc
    except StoreError:
        con.close()
        raise
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{path}: not a usable upr_lens database ({str(exc).splitlines()[0]})") from exc
    except BaseException:
        con.close()
        raise
    return con


def upgrade(path: str | Path) -> tuple[int | None, int]:
    """Bring the store at *path* to the current schema (see :func:`connect`); returns (version before,
    version after). A missing file is not created."""
    import duckdb

    path = str(path)
    if not Path(path).exists():
        raise StoreError(f"{path}: no such database")
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.Error as exc:
        raise _open_failure(path, exc) from exc
    try:
        before = stored_version(con, path)
    finally:
        con.close()
    connect(path).close()
    return before, SCHEMA_VERSION


@contextmanager
def transaction(con) -> Iterator[Any]:
    """BEGIN ... COMMIT, or ROLLBACK on any error: the store is left as it was."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def insert_rows(con, table: str, rows: Sequence[dict]) -> None:
    """Insert dict rows (all with the same keys) into *table*, column-wise through Arrow. List columns
    take Python lists (or tuples)."""
    import pyarrow as pa

    if not rows:
        return
    # columns, not rows: pyarrow builds a table from lists far faster than from dicts
    incoming = pa.table({name: [_plain(row[name]) for row in rows] for name in rows[0]})
    names = ", ".join(incoming.column_names)
    # DuckDB reads the local Arrow table by its name (a replacement scan)
    con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM incoming")


def _plain(value):
    return list(value) if isinstance(value, tuple) else value
