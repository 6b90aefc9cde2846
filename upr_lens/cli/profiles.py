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
            if frame is result.notable_noted:
                _print_noted(result.state, title, frame)
            elif frame is result.repeated:
                _print_links(result.state, title, frame)
            elif frame is not None and len(frame):
                emit(frame, "table", title=f"{result.state}: {title}")
        for note in result.notes:
            typer.secho(f"note: {note}", fg="yellow")
        facts = result.provenance
        typer.echo(f"provenance: made {facts['date']} with upr_lens {facts['upr_lens_version']}; models: "
                   + ("; ".join(facts["model_versions"]) or "none"))
        typer.echo("documents: " + ", ".join(f"{d['symbol']} ({d['url']})" for d in facts["documents"]
                                             if d["symbol"]))
        typer.secho(f"caveat: {facts['caveat']}", fg="yellow")
    if html_out:
        render_html(result, html_out)
        typer.echo(f"HTML report → {show_path(html_out)}")


def _print_noted(state: str, title: str, frame) -> None:
    """The ranked noted list as numbered lines, each with its full text (a table of long texts is slow)."""
    from upr_lens.cli._common import _visible
    from upr_lens.report.profile import AGAIN, RANKING_RULE

    if frame is None or not len(frame):
        return
    typer.secho(f"{state}: {title}", bold=True)
    typer.echo(f"({RANKING_RULE})")
    for row in frame.to_dict(orient="records"):
        typer.echo(_visible(
            f"{row['rank']:>4}. {row['symbol']} {row['rec_id']} (cycle {row['cycle']}; RF {row['risk_factors']}; "
            f"score {row['score']:.3f}; {AGAIN}: {row[AGAIN]}; from {row['recommending_states'] or '?'})\n"
            f"      {row['text']}"))


def _print_links(state: str, title: str, frame) -> None:
    """One line per link; both texts are in --json and --html."""
    from upr_lens.cli._common import _visible

    if frame is None or not len(frame):
        return
    typer.secho(f"{state}: {title.replace(' (both texts)', '')} ({len(frame)} links; both texts: --json, --html)",
                bold=True)
    for row in frame.to_dict(orient="records"):
        typer.echo(_visible(
            f"  {row['symbol_from']} {row['id_from']} (cycle {row['cycle_from']}, {row['position_from']}) "
            f"asked again in cycle {row['cycle_to']}: {row['symbol_to']} {row['id_to']} ({row['position_to']})"
            f" — {row['reason']}"))


def compare(
    names: list[str] = typer.Argument(None, help="States to compare (names or ISO3)."),
    group: str = typer.Option(None, help="Or every State of a regional group."),
    db: str = DB_OPTION,
    png: Path = typer.Option(None, help="Write a heatmap (PNG) of States × risk factors."),
    cycle: int = typer.Option(None, "--cycle", "-c", min=1, help="Only the recommendations of this UPR cycle."),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
    raw_cells: bool = RAW_CELLS_OPTION,
) -> None:
    """Compare States by the atrocity risk factors raised in their recommendations."""
    from upr_lens.report.compare import combined_table, compare_frame, compare_shares, compare_table
    from upr_lens.report.plots import plot_factor_heatmap

    if not names and not group:
        raise InputError("name States or give --group")
    check_format(fmt)
    if png:
        check_output(png, "heatmap")
    with open_store(db) as con:
        frame = compare_frame(con, names, group, cycle=cycle)
    scope = f"cycle {cycle}" if cycle else "all cycles"
    if frame.empty:
        raise InputError(f"nothing to compare: are the recommendations classified (upr-lens classify)? No "
                         f"classified recommendation of these States in the store ({scope})")
    if fmt == "table":  # plain text: a regional group's two tables drawn by rich take most of a second
        counts = compare_table(frame).rename(columns=lambda c: f"RF{c}" if isinstance(c, int) else c)
        typer.secho(f"Classified recommendations and how many raise each risk factor, {scope}", bold=True)
        typer.echo(counts.set_index("state").to_string(index_names=False))  # State names left-aligned
        shares = compare_shares(frame)
        factors = [c for c in shares.columns if isinstance(c, int)]
        shares[factors] = shares[factors].map(lambda v: f"{v:.1%}")
        shares = shares.rename(columns=lambda c: f"RF{c}" if isinstance(c, int) else c)
        typer.secho(f"Share of each State's classified recommendations raising each risk factor, {scope}",
                    bold=True)
        typer.echo(shares.set_index("state").to_string(index_names=False))
    else:
        emit(combined_table(frame), fmt, raw_cells=raw_cells)
    missing = frame.attrs.get("missing") or []
    if missing:
        typer.secho(f"note: no classified recommendation stored for {len(missing)} of the States ({scope}): "
                    + ", ".join(missing), fg="yellow", err=fmt != "table")
    typer.secho("note: risk factors come from an automated model (upr-lens classify)", fg="yellow",
                err=fmt != "table")
    if png:
        import base64

        totals = dict(zip(frame["state"], frame["recommendations"]))
        png.write_bytes(base64.b64decode(plot_factor_heatmap(frame, f"risk factors raised, {scope}", "state",
                                                             totals=totals)))
        typer.echo(f"heatmap → {show_path(png)}", err=fmt != "table")
