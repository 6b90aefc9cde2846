"""`upr-lens profile` and `compare`: a State's atrocity-prevention profile, several States side by side."""

from __future__ import annotations

from pathlib import Path

import typer

from upr_lens.cli._common import (
    DB_OPTION,
    RAW_CELLS_OPTION,
    check_format,
    check_output,
    echo_json,
    emit,
    open_store,
    show_path,
)
from upr_lens.errors import InputError


def profile(
    name: str = typer.Argument(..., help="State under review (name or ISO3)."),
    db: str = DB_OPTION,
    html_out: Path = typer.Option(None, "--html", help="Also write a self-contained HTML report with plots."),
    as_json: bool = typer.Option(False, "--json", help="Print the profile as JSON."),
) -> None:
    """A State's atrocity-prevention profile: cycles, risk factors, the five steps, notable noted asks."""
    from upr_lens.report.profile import build_profile, render_html

    if html_out:
        check_output(html_out, "HTML report")
    with open_store(db) as con:
        result = build_profile(con, name)
    if as_json:
        echo_json(result.to_dict())
    else:
        for title, frame in result.sections():
            if frame is not None and len(frame):
                emit(frame, "table", title=f"{result.state}: {title}")
        for note in result.notes:
            typer.secho(f"note: {note}", fg="yellow")
    if html_out:
        render_html(result, html_out)
        typer.echo(f"HTML report → {show_path(html_out)}")


def compare(
    names: list[str] = typer.Argument(None, help="States to compare (names or ISO3)."),
    group: str = typer.Option(None, help="Or every State of a regional group."),
    db: str = DB_OPTION,
    png: Path = typer.Option(None, help="Write a heatmap (PNG) of States × risk factors."),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
    raw_cells: bool = RAW_CELLS_OPTION,
) -> None:
    """Compare States by the atrocity risk factors raised in their recommendations."""
    from upr_lens.report.profile import compare_frame, compare_table, plot_factor_heatmap

    if not names and not group:
        raise InputError("name States or give --group")
    check_format(fmt)
    if png:
        check_output(png, "heatmap")
    with open_store(db) as con:
        frame = compare_frame(con, names, group)
    if frame.empty:
        raise InputError("nothing to compare: are the recommendations classified (upr-lens classify)?")
    emit(compare_table(frame), fmt, title="recommendations per risk factor", raw_cells=raw_cells)
    if png:
        import base64

        png.write_bytes(base64.b64decode(plot_factor_heatmap(frame, "risk factors raised", "state")))
        typer.echo(f"heatmap → {show_path(png)}")
