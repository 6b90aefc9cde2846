"""Opening a store: create a new one, upgrade an older one, refuse what is not ours (or is newer, or damaged).

Before DuckDB is handed a file, its first bytes are checked: a DuckDB file carries ``DUCK`` at offset 8.
Anything else (a SQLite database, a text file) is refused without DuckDB reading it, so no extension is
ever loaded or downloaded for it (the connections are also made with extension autoloading and
autoinstalling off). An existing store is then inspected through a read-only connection (nothing can be
written while looking): its ``meta`` table and schema version, and every stored value is read once so
DuckDB verifies each block's checksum (a fraction of a second for the whole corpus). A damaged or foreign
file is a :class:`StoreError` and is left byte for byte as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from upr_lens.errors import StoreError
from upr_lens.store import migrations
from upr_lens.store.schema import SCHEMA_VERSION, existing_tables

DEFAULT_DB = "upr_lens.duckdb"
# never load or fetch an extension because of what a file holds (a SQLite file would ask for "sqlite")
SAFE_CONFIG: dict[str, Any] = {"autoload_known_extensions": False, "autoinstall_known_extensions": False}
_DUCKDB_MAGIC = b"DUCK"  # at offset 8 of every DuckDB database file
_UNTOUCHED = "it is left untouched"


def _shown(path: str) -> str:
    from upr_lens.csvio import show

    return show(path)


def _open_failure(path: str, exc: Exception) -> StoreError:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    if _LOCKED.search(reason):  # before damage: a lock conflict is an I/O error too
        return StoreError(f"{_shown(path)}: locked: the store is in use by another process ({reason})")
    if is_damage(exc):
        return damaged(path, reason)
    return StoreError(f"{_shown(path)}: not a usable upr_lens database ({reason}); {_UNTOUCHED}")


_LOCKED = re.compile(r"could not set lock|conflicting lock|\blocked\b|lock on file", re.I)


def damaged(path: str | Path, reason: str) -> StoreError:
    """The one-line error for a store DuckDB cannot read back."""
    reason = " ".join(str(reason).split())
    if len(reason) > 160:
        reason = reason[:157] + "..."
    return StoreError(f"{_shown(str(path))}: damaged store ({reason}); {_UNTOUCHED}: restore it from a copy or "
                      f"re-create it with `upr-lens ingest` into a new file")


_DAMAGE_WORDS = ("corrupt", "checksum", "read enough bytes", "not a valid duckdb", "serializ", "failed to read")


def is_damage(exc: BaseException) -> bool:
    """Whether a DuckDB error says the file could not be read back (I/O, checksum, truncation), as opposed to
    a query that does not fit the schema (a bug, left to surface)."""
    import duckdb

    if not isinstance(exc, duckdb.Error) or isinstance(exc, duckdb.CatalogException | duckdb.BinderException):
        return False
    lowered = str(exc).lower()
    return isinstance(exc, duckdb.IOException | duckdb.SerializationException) or any(
        word in lowered for word in _DAMAGE_WORDS)


def damaged_while_used(path: str | Path, exc: BaseException) -> StoreError:
    """The one-line error for a DuckDB I/O or checksum error met while using an opened store."""
    reason = " ".join(str(exc).split()) or type(exc).__name__
    if len(reason) > 160:
        reason = reason[:157] + "..."
    return StoreError(f"{_shown(str(path))}: damaged store (found while reading it: {reason}): restore it from a "
                      f"copy or re-create it with `upr-lens ingest` into a new file")


def check_file(path: str | Path) -> bool:
    """Whether *path* holds a database to open (False: missing or empty, a new store); a StoreError when it
    is a folder or not a DuckDB file at all. Reads only the first bytes: DuckDB never sees a foreign file."""
    target = Path(path)
    if not target.exists():
        return False
    if target.is_dir():
        raise StoreError(f"{_shown(str(path))}: a folder, not a database file: give a file for --db")
    try:
        with open(target, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise StoreError(f"{_shown(str(path))}: cannot be read ({exc.strerror or exc})") from None
    if not head:
        return False
    if head.startswith(b"SQLite format 3"):
        raise StoreError(f"{_shown(str(path))}: a SQLite database, not an upr_lens store; {_UNTOUCHED}: "
                         f"give another --db file")
    if head[8:12] != _DUCKDB_MAGIC:
        raise StoreError(f"{_shown(str(path))}: not a usable upr_lens database (not a DuckDB database file); "
                         f"{_UNTOUCHED}: give another --db file")
    return True


def verify(con, path: str | Path, deep: bool = True) -> None:
    """Raise a StoreError if the open store *con* is damaged: with *deep*, every stored value is read back
    (DuckDB checks each block's checksum as it reads it, and a truncated file cannot give its blocks)."""
    import duckdb

    if not deep:
        return
    try:
        for table in sorted(existing_tables(con)):
            # a hash of every whole row: each block is read, and its checksum checked, once (0.1 s for the
            # 304-report store with a UPR Info import)
            con.execute(f'SELECT bit_xor(hash(t)) FROM "{table}" AS t').fetchall()
    except duckdb.Error as exc:
        raise damaged(path, str(exc)) from None


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
        raise StoreError(f"{_shown(path)}: not an upr_lens store (it holds other tables: {shown}); "
                         f"it is left untouched: give another --db file")
    return int(row[0])


def _inspect(path: str, deep: bool) -> None:
    """Look at an existing store through a read-only connection (nothing is written while looking): ours,
    not newer, not damaged. A StoreError otherwise."""
    import duckdb

    try:
        con = duckdb.connect(path, read_only=True, config=dict(SAFE_CONFIG))
    except duckdb.ConnectionException as exc:
        if "different configuration" in str(exc):
            return  # already open in this process (so already inspected): DuckDB shares that instance
        raise _open_failure(path, exc) from exc
    except duckdb.Error as exc:
        raise _open_failure(path, exc) from exc
    try:
        verify(con, path, deep=deep)  # first: damage must not read as "another program's tables"
        found = stored_version(con, path)
        if found is not None and found > SCHEMA_VERSION:
            raise _newer(path, found)
    except duckdb.Error as exc:
        raise _open_failure(path, exc) from exc
    finally:
        con.close()


def _newer(path: str, found: int) -> StoreError:
    return StoreError(f"{_shown(path)}: made by a newer upr_lens (schema {found}; this version reads up to "
                      f"{SCHEMA_VERSION}): upgrade upr_lens to use it; {_UNTOUCHED}")


def connect(path: str | Path = DEFAULT_DB, read_only: bool = False):
    """Open the store at *path*; returns a DuckDB connection.

    For writing (the default): a missing or empty file becomes a new store; a store of an earlier schema is
    upgraded (:func:`upr_lens.store.migrations.upgrade`: in one transaction, recorded). *read_only*
    never creates or changes anything: a missing file, or a store needing an upgrade, is a StoreError.
    Either way a store of a newer schema, another program's database, a file that is not a DuckDB database,
    a damaged store or a locked file is a StoreError, and the file is not modified. Before anything else,
    every stored value is read once (see :func:`verify`).
    """
    import duckdb

    path = str(path)
    exists = check_file(path)
    if read_only and not Path(path).exists():
        raise StoreError(f"{_shown(path)}: no such database (run `upr-lens ingest` first)")
    if read_only and not exists:
        raise StoreError(f"{_shown(path)}: an empty file, not an upr_lens store (run `upr-lens ingest` first)")
    if exists:
        _inspect(path, deep=True)
    try:
        # fewer automatic checkpoints during a batch: each document is still its own committed transaction
        config: dict[str, Any] = dict(SAFE_CONFIG) if read_only else {"checkpoint_threshold": "256MB", **SAFE_CONFIG}
        con = duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.Error as exc:
        raise _open_failure(path, exc) from exc
    try:
        found = stored_version(con, path)
        if found is not None and found > SCHEMA_VERSION:
            raise _newer(path, found)
        if read_only and found is None:
            raise StoreError(f"{_shown(path)}: an empty database, not an upr_lens store (run `upr-lens ingest` first)")
        if read_only and found is not None and found < SCHEMA_VERSION:
            raise StoreError(f"{_shown(path)}: made by an earlier upr_lens (schema {found}; this version uses "
                             f"{SCHEMA_VERSION}): upgrade it with `upr-lens upgrade --db {path}`")
        if found is None:
            migrations.create(con)
        elif found < SCHEMA_VERSION:
            try:
                migrations.upgrade(con, found)
            except duckdb.Error as exc:
                raise StoreError(f"{_shown(path)}: could not be upgraded from schema {found} to {SCHEMA_VERSION} "
                                 f"({str(exc).splitlines()[0]}); it is left as it was") from exc
    except StoreError:
        con.close()
        raise
    except duckdb.Error as exc:
        con.close()
        raise _open_failure(path, exc) from exc
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
        raise StoreError(f"{_shown(path)}: no such database")
    if not check_file(path):
        raise StoreError(f"{_shown(path)}: an empty file, not an upr_lens store")
    try:
        con = duckdb.connect(path, read_only=True, config=dict(SAFE_CONFIG))
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
