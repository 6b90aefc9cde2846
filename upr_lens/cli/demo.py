"""`upr-lens demo`: the main job end to end, on the shipped real review (default) or on --corpus FOLDER."""

from __future__ import annotations

from pathlib import Path

import typer

from upr_lens.cli._common import emit, markup_safe, show_path


def demo(
    db: str = typer.Option("demo.duckdb", "--db", help="Store to (re)create for the demo."),
    corpus: Path = typer.Option(
        None, help="Documents to ingest instead of the shipped real review (Slovenia, cycle 4); "
        "$UPR_LENS_DEMO_CORPUS or the shipped synthetic corpus gives the bad file."
    ),
) -> None:
    """The main job on a real review shipped with upr_lens (Slovenia, cycle 4), or on --corpus FOLDER: ingest,
    classify, then print a readable summary."""
    from rich.console import Console

    from upr_lens import config
    from upr_lens.report.summaries import run_demo

    console = Console()
    if corpus is None:
        from upr_lens.report.review_demo import print_review_demo

        print_review_demo(console, db)
        return
    run = run_demo(db, config.demo_corpus_dir(corpus))
    for result in run.results:
        name = markup_safe(show_path(Path(result.path).name))
        if result.ok:
            info = result.info
            what = f"{info.doc_type.value} {info.symbol or ''} {info.state_name or ''}".strip()
            console.print(f"[green]ok[/green]    {name}: {markup_safe(what)}, {result.n_recommendations} "
                          f"recommendations")
        else:
            console.print(f"[red]error[/red] {name}: {markup_safe(result.error)}")
    summary = run.summary
    console.print(f"\n{summary.recommendations} recommendations from {summary.states_under_review} "
                  f"State(s) under review; decision in the report: {markup_safe(summary.by_decision)}; "
                  f"final position: {markup_safe(summary.by_position)}")
    console.print(f"atrocity risk factors raised (factor: recommendations): {markup_safe(summary.risk_factors)}")
    emit(summary.first_rows, "table", title="First recommendations in the store")
    shown = markup_safe(show_path(db))
    console.print(f"\nStore: {shown}. Try: upr-lens state Andorra --db {shown}   or   "
                  f"upr-lens query --db {shown} --position noted")
