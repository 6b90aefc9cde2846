"""Analyst follow-up annotations: what a State did about a recommendation, by whom, from which source.

An annotation says a recommendation was ``implemented``, ``partial`` (partly implemented),
``not-implemented`` or ``unknown``, with the source it rests on (a report paragraph, a law, a URL), an
optional note, the author (by default the OS user) and the time. Annotations are only ever appended to the
table ``followup_annotations`` (defined in :mod:`upr_lens.store.schema`): a later annotation supersedes
an earlier one for the current status (:func:`current_followup`) but the history stays
(:func:`followup_history`).

Annotations refer to a recommendation by its stable key, the ``rec_key`` (``SYMBOL#ID``, e.g.
``A/HRC/43/15#122.3``), never by a row number, so they survive re-ingesting the document (which replaces
its rows) and re-running classification. They are kept when a document is re-ingested; an annotation whose
recommendation is no longer stored is still listed (with ``stored = False``).
"""

from __future__ import annotations

import getpass
import re

from upr_lens.errors import InputError
from upr_lens.track.positions import FINAL_POSITIONS_SQL

__all__ = ["STATUSES", "current_followup", "followup_history", "resolve_rec_key", "set_followup"]

STATUSES = ("implemented", "partial", "not-implemented", "unknown")
_ALIASES = {"partially implemented": "partial", "partially": "partial", "not implemented": "not-implemented",
            "not_implemented": "not-implemented", "notimplemented": "not-implemented", "none": "not-implemented"}

def _normalize_status(status: str) -> str:
    key = re.sub(r"\s+", " ", str(status).strip().lower())
    key = _ALIASES.get(key, key)
    if key not in STATUSES:
        raise InputError(f"unknown follow-up status {status!r}: one of {', '.join(STATUSES)}")
    return key


def resolve_rec_key(con, rec_key_or_id: str) -> tuple[str, str | None, str | None]:
    """(rec_key, symbol, rec_id) of a stored recommendation named by its rec_key or as ``SYMBOL#ID``
    (white space and the case of the symbol do not matter; an addendum's symbol names its report's ids)."""
    from upr_lens.track.positions import report_symbol_of

    given = str(rec_key_or_id or "").strip()
    row = con.execute("SELECT rec_key, symbol, rec_id FROM recommendations WHERE rec_key = ?", [given]).fetchone()
    if row:
        return row
    if "#" not in given:
        raise InputError(f"not a recommendation key: {given!r} (expected SYMBOL#ID, e.g. A/HRC/43/15#122.3)")
    symbol, rec_id = (part.strip() for part in given.rsplit("#", 1))
    symbol = report_symbol_of(re.sub(r"\s+", "", symbol))
    rec_id = re.sub(r"\s+", "", rec_id).rstrip(".")
    row = con.execute(
        "SELECT rec_key, symbol, rec_id FROM recommendations WHERE upper(symbol) = upper(?) AND rec_id = ?",
        [symbol, rec_id],
    ).fetchone()
    if row:
        return row
    known = con.execute("SELECT count(*) FROM recommendations WHERE upper(symbol) = upper(?)", [symbol]).fetchone()[0]
    if known:
        raise InputError(f"unknown recommendation {given!r}: {symbol} has no recommendation {rec_id}")
    raise InputError(f"unknown recommendation {given!r}: no report {symbol} in the store")


def set_followup(con, rec_key_or_id: str, status: str, source: str, note: str | None = None,
                 author: str | None = None) -> dict:
    """Append an annotation; returns it as a dict. The status is one of :data:`STATUSES`; *source* (what
    the judgement rests on) is required; *author* defaults to the OS user."""
    import datetime as dt

    from upr_lens.store import transaction

    status = _normalize_status(status)
    if not source or not str(source).strip():
        raise InputError("a follow-up annotation needs a source (a document, paragraph or URL it rests on)")
    rec_key, symbol, rec_id = resolve_rec_key(con, rec_key_or_id)
    if author is None:
        try:
            author = getpass.getuser()
        except Exception:  # no user name in this environment
            author = "unknown"
    now = dt.datetime.now()
    with transaction(con):
        annotation_id = con.execute(
            "INSERT INTO followup_annotations (rec_key, symbol, rec_id, status, source, note, author, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING annotation_id",
            [rec_key, symbol, rec_id, status, str(source).strip(), note, author, now],
        ).fetchone()[0]
    return {"annotation_id": annotation_id, "rec_key": rec_key, "symbol": symbol, "rec_id": rec_id,
            "status": status, "source": str(source).strip(), "note": note, "author": author, "created_at": now}


_COLUMNS = "annotation_id, rec_key, symbol, rec_id, status, source, note, author, created_at"


def followup_history(con, rec_key: str):
    """Every annotation of one recommendation (rec_key or SYMBOL#ID), oldest first, as a DataFrame."""
    try:
        key = resolve_rec_key(con, rec_key)[0]
    except InputError:
        key = str(rec_key).strip()  # the recommendation may be gone; its annotations are not
    return con.execute(
        f"SELECT {_COLUMNS} FROM followup_annotations WHERE rec_key = ? ORDER BY annotation_id", [key]).df()


def current_followup(con, state: str | None = None):
    """The latest annotation of each annotated recommendation, joined to the recommendation (its State,
    cycle, text, position) when it is stored, as a DataFrame."""
    where, params = "", []
    if state:
        from upr_lens import states as registry

        where, params = "WHERE r.state_iso3 = ?", [registry.lookup(state).iso3]
    return con.execute(f"""
        WITH latest AS (
            SELECT *, count(*) OVER (PARTITION BY rec_key) AS n_annotations,
                   row_number() OVER (PARTITION BY rec_key ORDER BY annotation_id DESC) AS k
            FROM followup_annotations
        ), final AS (
            {FINAL_POSITIONS_SQL}
        )
        SELECT a.annotation_id, a.rec_key, a.symbol, a.rec_id, a.status, a.source, a.note, a.author, a.created_at,
               a.n_annotations, r.rec_key IS NOT NULL AS stored, r.state_iso3, r.cycle,
               coalesce(f.position, CASE WHEN r.rec_key IS NULL THEN NULL ELSE 'pending' END) AS position, r.text
        FROM latest a LEFT JOIN recommendations r USING (rec_key) LEFT JOIN final f USING (rec_key)
        {where} {'AND' if where else 'WHERE'} a.k = 1
        ORDER BY a.symbol, a.rec_key""", params).df()
