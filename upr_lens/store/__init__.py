"""The store: one DuckDB file. One schema with recorded migrations, one transaction per document, queries
for the CLI and notebooks.

DuckDB is an embedded, columnar SQL database: analysts query it with SQL, notebooks get pandas frames
straight from it, and a file holds a whole corpus. Each document is written in one transaction, so a
failure leaves the store as it was; re-ingesting a document (same symbol) replaces it.

* :mod:`upr_lens.store.schema`: every table (the current schema, :data:`SCHEMA_VERSION`);
* :mod:`upr_lens.store.migrations`: the numbered migrations that bring an older store to it;
* :mod:`upr_lens.store.connection`: :func:`connect` (create, upgrade, refuse), :func:`transaction`,
  :func:`insert_rows`;
* :mod:`upr_lens.store.documents`: a document's rows and writing them;
* :mod:`upr_lens.store.queries`: recommendations, documents, summary, export.

``from upr_lens import store`` then ``store.connect(...)``, ``store.recommendations_frame(...)`` as before.
"""

from __future__ import annotations

from upr_lens.errors import StoreError
from upr_lens.store.connection import (
    DEFAULT_DB,
    SAFE_CONFIG,
    check_file,
    connect,
    damaged,
    damaged_while_used,
    insert_rows,
    is_damage,
    stored_version,
    transaction,
    upgrade,
    verify,
)
from upr_lens.store.documents import (
    _delete_document,
    document_id,
    document_rows,
    find_duplicate,
    save_document,
    save_documents,
)
from upr_lens.store.queries import (
    EXPORT_COLUMNS,
    LIST_COLUMNS,
    documents_frame,
    export,
    join_list,
    joined_lists,
    recommendations_frame,
    summary,
)
from upr_lens.store.schema import DOCUMENT_TABLES, SCHEMA_VERSION, TABLES

_DOCUMENT_TABLES = DOCUMENT_TABLES  # the name track/uprinfo.py used

__all__ = [
    "DEFAULT_DB", "DOCUMENT_TABLES", "SAFE_CONFIG", "check_file", "damaged", "damaged_while_used", "is_damage",
    "verify", "EXPORT_COLUMNS", "LIST_COLUMNS", "SCHEMA_VERSION", "TABLES", "StoreError",
    "_delete_document", "connect", "document_id", "document_rows", "documents_frame", "export",
    "find_duplicate", "insert_rows", "join_list", "joined_lists", "recommendations_frame", "save_document",
    "save_documents", "stored_version", "summary", "transaction", "upgrade",
]
