"""`upr-lens import-uprinfo`, `import-treaties`, `crosscheck`: outside sources, imported or compared."""

from __future__ import annotations

from pathlib import Path

import typer

from upr_lens.cli._common import (
    DB_OPTION,
    RAW_CELLS_OPTION,
    _visible,
    check_output,
    open_store,
    require_csv,
    show_path,
)
from upr_lens.errors import InputError


def import_uprinfo(
    csv_file: Path = typer.Argument(..., help="A UPR Info database export: the CSV (To, Text, From, Response, "
                                          "Action, Issue, Session) or the database's own export (SuR;Rgrp;Org;"
                                          "Recommendation;RS;...;Session, semicolon-separated)."),
    db: str = DB_OPTION,
) -> None:
    """Import UPR Info rows: matched to stored recommendations, the rest kept as recommendations.

    Ends with "matched N of M rows (P%)": M is the rows of reviews whose documents are stored (the review UPR
    Info names, or the stored review of the same session that holds the wording of at least 80% of the rows
    it files under a State not reviewed then), N those matched to a stored recommendation. Rows of reviews
    without stored documents are not in M; they are kept as UPR-Info-only recommendations and counted on
    the line before."""
    from upr_lens.track.uprinfo import import_uprinfo as run_import

    require_csv(csv_file, "UPR Info export")
    with open_store(db, read_only=False) as con:
        summary = run_import(con, csv_file)
    elsewhere = (f" ({summary.rows_of_other_reviews} of them filed by UPR Info under a State not reviewed then, "
                 f"found in another State's review of the session)" if summary.rows_of_other_reviews else "")
    typer.echo(
        f"{summary.rows} UPR Info rows; {summary.rows_of_stored_reviews} belong to reviews in the store{elsewhere}; "
        f"recommending State agrees for {summary.state_agrees} of the matched rows; {summary.rows_kept} rows of "
        f"{summary.own_reviews} review{'' if summary.own_reviews == 1 else 's'} without documents kept as "
        f"{summary.own_recommendations} recommendations"
    )
    unknown = summary.rows - summary.rows_of_stored_reviews - summary.rows_kept
    if unknown:
        typer.echo(f"{unknown} rows name a State under review the registry does not know (not imported)")
    typer.echo(summary.line())


def import_treaties(
    csv_file: Path = typer.Argument(..., help="Treaty status CSV (format: upr_lens/track/treaties.py docstring)."),
    db: str = DB_OPTION,
) -> None:
    """Import who is party to which treaty, then mark ratification recommendations implemented.

    Ends with "matched N of M rows (P%)": M is the data rows of the file, N the rows stored under an
    instrument the registry knows (the rows ratification recommendations can be checked against)."""
    from upr_lens.report.summaries import implemented_counts
    from upr_lens.track import treaties

    require_csv(csv_file, "treaty status file")
    with open_store(db, read_only=False) as con:
        summary = treaties.import_treaties(con, csv_file)
        signals = treaties.record_treaty_signals(con)
        followup = treaties.ratification_followup(con)
    for line in treaty_lines(summary):
        typer.echo(_visible(line))
    if len(followup):
        counts = implemented_counts(followup)
        labels = {"True": "implemented", "False": "not implemented", "unknown": "unknown"}
        shown = ", ".join(f"{labels.get(str(k), str(k))} {n}" for k, n in counts.items())
        typer.echo(f"{len(followup)} ratification asks × instrument ({shown}); {signals} signals stored")
    known = sum(n for k, n in summary.instruments.items() if k not in set(summary.unknown_instruments))
    typer.echo(f"matched {known} of {summary.rows} rows ({known / summary.rows if summary.rows else 0:.2%})")


def treaty_lines(summary) -> list[str]:
    """A treaty import's summary as readable lines."""
    lines = [f"{summary.rows} rows in the file: {summary.stored} stored, {summary.skipped} skipped"]
    if summary.instruments:
        lines.append("rows per instrument: " + ", ".join(f"{k} {n}" for k, n in sorted(summary.instruments.items())))
    if summary.unknown_instruments:
        lines.append(f"{len(summary.unknown_instruments)} instruments the registry does not know (stored under the "
                     f"printed name; no recommendation links to them): {', '.join(summary.unknown_instruments)}")
    if summary.unresolved_states:
        names = sorted(set(summary.unresolved_states))
        lines.append(f"{len(summary.unresolved_states)} rows skipped: no ISO3 code and a State name the registry "
                     f"does not know ({', '.join(names[:10])}{', ...' if len(names) > 10 else ''})")
    return lines


def crosscheck(
    db: str = DB_OPTION,
    uprinfo: Path = typer.Option(None, help="UPR Info database export (CSV)."),
    regex_parse: Path = typer.Option(None, "--regex-parse", help="The older regex parse (CSV)."),
    out: Path = typer.Option(None, help="Write every reference row with its match to this CSV."),
    raw_cells: bool = RAW_CELLS_OPTION,
) -> None:
    """Compare the stored recommendations with outside references: coverage and State agreement."""
    from upr_lens import reference
    from upr_lens.csvio import neutralise_frame

    if not uprinfo and not regex_parse:
        raise InputError("give --uprinfo and/or --regex-parse")
    checks = [("UPR Info rows", "uprinfo", uprinfo, reference.match_uprinfo),
              ("regex-parse rows", "regex", regex_parse, reference.compare_regex_parse)]
    for name, tag, path, _ in checks:
        if path:
            require_csv(path, "UPR Info export" if tag == "uprinfo" else "regex parse")
            if out:
                check_output(out.with_name(f"{out.stem}-{tag}{out.suffix}"), f"{name} details")
    with open_store(db) as con:
        for name, tag, path, run in checks:
            if not path:
                continue
            result = run(con, path)
            typer.echo(f"{name} of the stored reviews: {result.reference_rows}; matched {result.matched} "
                       f"({result.rate:.2%}); recommending State agrees {result.state_agrees} "
                       f"({result.state_agreement:.2%} of matched)")
            if out:
                target = out.with_name(f"{out.stem}-{tag}{out.suffix}")
                neutralise_frame(result.details, raw=raw_cells).to_csv(target, index=False)
                typer.echo(f"  details → {show_path(target)}")
