"""Checked queries over the store: filter values a person typed are validated before they reach SQL.

:func:`recommendations` is :func:`upr_lens.store.recommendations_frame` with every filter checked: an unknown
State, decision, position, source, regional group or cycle is an :class:`~upr_lens.errors.InputError` naming
the value and what is allowed, instead of an empty result that looks like "nothing found".
:func:`export` checks the format the same way. The CLI and notebooks call these.
"""

from __future__ import annotations

from pathlib import Path

from upr_lens.errors import InputError
from upr_lens.records import Decision
from upr_lens.track.acceptance import POSITIONS
from upr_lens.track.positions import PRIORITY

DECISIONS = (*(d.value for d in Decision), "uprinfo", "thematic_list")  # "uprinfo": rows known only from a UPR
# Info import; "thematic_list": reviews known only from an OHCHR thematic list (matrix)
SOURCES = tuple(PRIORITY)
CYCLES = (1, 2, 3, 4, 5)  # the UPR cycles (the fifth begins in 2027)
EXPORT_FORMATS = ("csv", "parquet", "json")


def _one_of(what: str, value: str, allowed) -> str:
    if value not in allowed:
        raise InputError(f"unknown {what} {value!r}: one of {', '.join(allowed)}")
    return value


def check_filters(
    *,
    state: str | None = None,
    recommending: str | None = None,
    cycle: int | None = None,
    session: int | None = None,
    decision: str | None = None,
    text: str | None = None,
    position: str | None = None,
    source: str | None = None,
    group: str | None = None,
    risk_factor: int | None = None,
    limit: int | None = None,
) -> None:
    """Raise :class:`InputError` for the first filter value that cannot select anything (any *text* can)."""
    from upr_lens import states as registry

    for name in (state, recommending):
        if name:
            registry.lookup(name)
    if cycle is not None and cycle not in CYCLES:
        raise InputError(f"unknown cycle {cycle}: one of {', '.join(map(str, CYCLES))}")
    if session is not None and session < 1:
        raise InputError(f"unknown Working Group session {session}: sessions are numbered from 1")
    if decision:
        _one_of("decision", decision.strip().lower(), DECISIONS)
    if position:
        _one_of("position", position, POSITIONS)
    if source:
        _one_of("position source", source, SOURCES)
    if group:
        known = {g.lower(): g for g in registry.GROUPS}
        if group.lower() not in known:
            raise InputError(f"unknown regional group {group!r}: one of {', '.join(registry.GROUPS)}")
    if risk_factor is not None and not 1 <= risk_factor <= 14:
        raise InputError(f"unknown risk factor {risk_factor}: the factors are numbered 1 to 14")
    if limit is not None and limit < 0:
        raise InputError(f"a row limit cannot be negative ({limit})")


def recommendations(con, *, limit: int | None = None, **filters):
    """The stored recommendations the filters select (see :func:`check_filters`), as a DataFrame."""
    from upr_lens import store

    check_filters(limit=limit, **filters)
    if filters.get("decision"):
        filters["decision"] = filters["decision"].strip().lower()
    return store.recommendations_frame(con, limit=limit or None, **filters)


def check_export_format(fmt: str) -> str:
    return _one_of("export format", fmt, EXPORT_FORMATS)


def export(con, out: str | Path, fmt: str, raw_cells: bool = False) -> int:
    """Write every recommendation (one row per id) as CSV, Parquet or JSON; returns the number of rows.
    CSV text cells a spreadsheet would run as formulas are neutralised unless *raw_cells*
    (see :mod:`upr_lens.csvio`)."""
    from upr_lens import store

    check_export_format(fmt)
    return store.export(con, out, fmt, raw_cells=raw_cells)
