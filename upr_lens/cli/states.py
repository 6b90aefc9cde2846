"""`upr-lens state`: one State's acceptance record."""

from __future__ import annotations

import typer

from upr_lens.cli._common import (
    DB_OPTION,
    RAW_CELLS_OPTION,
    check_format,
    echo_json,
    emit,
    open_store,
)
from upr_lens.errors import InputError


def state(
    name: str = typer.Argument(..., help="State under review (name or ISO3)."),
    db: str = DB_OPTION,
    fmt: str = typer.Option("table", "--format", help="table | csv | json (csv: one table, a 'section' column "
                            "naming per_cycle_ids, per_cycle_rows, by_group, top_recommenders, by_risk_factor)"),
    top: int = typer.Option(None, help="How many top recommending States to list (ties at the cut included); "
                            "default 10 in the table, all in csv and json; 0: all."),
    raw_cells: bool = RAW_CELLS_OPTION,
) -> None:
    """Acceptance for one State: per cycle (counting recommendation ids, as OHCHR does, and recommending-State
    rows, as UPR Info does), by recommending group, top recommending States."""
    from upr_lens.track.acceptance import state_acceptance

    check_format(fmt)
    if top is not None and top < 0:
        raise InputError(f"--top must be 0 (all) or more, not {top}")
    with open_store(db) as con:
        result = state_acceptance(con, name, top=(10 if fmt == "table" else 0) if top is None else top)
    if fmt == "json":
        echo_json(result.to_dict())
        return
    if result.by_cycle.empty:
        raise InputError(f"no recommendations stored for {result.state}")
    if fmt == "csv":
        emit(result.tidy(), fmt, title="", raw_cells=raw_cells)
        return
    for title, frame in result.sections():
        emit(frame, fmt, title=f"{result.state} ({result.iso3}): {title}", raw_cells=raw_cells)
