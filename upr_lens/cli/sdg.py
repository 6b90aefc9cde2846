"""`upr-lens import-sdg-explorer`: positions and SDG goals/targets from the SDG-Human Rights Data Explorer."""

from __future__ import annotations

from pathlib import Path

import typer

from upr_lens.cli._common import DB_OPTION, RAW_CELLS_OPTION, check_output, open_store, require_file


def import_sdg_explorer(
    xlsx_file: Path = typer.Argument(..., help="The SDG-HR Data Explorer export (.xlsx: Recommendation, Tekst, "
                                               "Response, Document = Source:SYMBOL|ID|, Goals, Targets, ...)."),
    db: str = DB_OPTION,
    conflicts_csv: Path = typer.Option(None, "--conflicts", help="Write every conflict to this CSV."),
    unmatched_csv: Path = typer.Option(None, "--unmatched", help="Write every unmatched row to this CSV."),
    show: int = typer.Option(10, help="Conflicts and unmatched rows printed, each (0: all; the counts are always "
                                       "printed; --conflicts / --unmatched write all of them)."),
    raw_cells: bool = RAW_CELLS_OPTION,
) -> None:
    """Import the export's positions (a secondary source, below addendum, report and thematic list) and SDGs;
    list the conflicts with the documents' positions and the rows that match no stored recommendation.

    Ends with "matched N of M rows (P%)": M is the export's rows of reviews whose report is stored, N those
    matched to a stored recommendation (by id or by text). Rows of other reviews are not in M."""
    import csv

    from upr_lens.csvio import neutralise_cell
    from upr_lens.track import sdg_explorer

    require_file(xlsx_file)
    if show < 0:
        from upr_lens.errors import InputError

        raise InputError(f"--show must be 0 (all) or more, not {show}")
    for target, what in ((conflicts_csv, "conflicts CSV"), (unmatched_csv, "unmatched rows CSV")):
        if target:
            check_output(target, what)
    with open_store(db, read_only=False) as con:
        summary = sdg_explorer.import_sdg_explorer(con, xlsx_file)
        cover = sdg_explorer.coverage(con)
    typer.echo(f"{summary.rows} rows in the export, {summary.rows_of_stored_reviews} of reviews in the store; "
               f"{summary.matched_by_id} matched by id, {summary.matched_by_text} by text (id wrong or missing), "
               f"{len(summary.unmatched)} unmatched")
    typer.echo(f"positions given to {summary.recommendations} recommendations "
               f"({len(summary.inconsistent)} of them with rows that differ: partially supported where the explorer "
               f"decides); "
               f"recommendations of the store's {cover['reports']} reports of 2012-2014: "
               f"{cover['with_explorer_position']} of {cover['recommendations']} have an explorer position, "
               f"{cover['only_explorer']} from it alone "
               f"(no document gives them one)")
    typer.echo(f"{len(summary.conflicts)} conflicts with the documents' positions (kept, not resolved):")
    limit = show or None
    for c in summary.conflicts[:limit]:
        typer.echo(f"  conflict {c['rec_key']}: explorer {c['sdg_explorer']}, {c['other_source']} "
                   f"{c['other_symbol']} {c['other_position']}")
    _shown_of(len(summary.conflicts), limit, "conflicts", "--conflicts FILE")
    for u in summary.unmatched[:limit]:
        typer.echo(f"  unmatched row {u['row']} ({u['symbol']} {u['id'] or '-'}): {u['why']}")
    _shown_of(len(summary.unmatched), limit, "unmatched rows", "--unmatched FILE")
    for target, rows in ((conflicts_csv, summary.conflicts), (unmatched_csv, summary.unmatched)):
        if target and rows:
            with open(target, "w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows if raw_cells else
                                 ({k: neutralise_cell(v) for k, v in row.items()} for row in rows))
            typer.echo(f"  → {target}")
    typer.echo(summary.line())


def _shown_of(total: int, limit: int | None, what: str, option: str) -> None:
    """Say so when the terminal list above was cut."""
    if limit and total > limit:
        typer.echo(f"  (showing {limit} of {total} {what}; --show 0 for all, or {option} for a CSV of all)")
