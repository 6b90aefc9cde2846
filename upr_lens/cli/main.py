"""`upr-lens`: a thin command-line face over the library. Heavy imports happen inside commands."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

app = typer.Typer(
    help="upr_lens: extract, classify and track UN Universal Periodic Review recommendations "
    "through an atrocity-prevention lens.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DB_OPTION = typer.Option("upr_lens.duckdb", "--db", help="The DuckDB store file.")


def _fail(message: str, code: int = 1) -> None:
    typer.secho(f"error: {message}", fg="red", err=True)
    raise typer.Exit(code)


def _open(db: str, read_only: bool = True):
    from upr_lens import store

    try:
        return store.connect(db, read_only=read_only)
    except store.StoreError as exc:
        _fail(str(exc))


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="PDF/DOCX files or folders (searched recursively)."),
    db: str = DB_OPTION,
    workers: int = typer.Option(1, "--workers", "-j", help="Worker processes for reading and parsing."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Read UPR documents and store their recommendations (one transaction per document)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from upr_lens import store
    from upr_lens.ingest import collect_files
    from upr_lens.ingest import ingest as run_ingest

    err = Console(stderr=True)
    files = collect_files(paths)
    missing = [f for f in files if not f.exists()]
    for f in missing:
        err.print(f"[red]error[/red] {f}: no such file")
    files = [f for f in files if f.exists()]
    if not files:
        _fail("nothing to ingest")
    try:
        store.connect(db).close()
    except store.StoreError as exc:
        _fail(str(exc))
    failures = len(missing)
    with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.description}"), console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("", total=len(files))

        def report(result) -> None:
            nonlocal failures
            bar.advance(task)
            bar.update(task, description=Path(result.path).name)
            if not result.ok:
                failures += 1
                bar.console.print(f"[red]error[/red] {result.path}: {result.error}")
            for note in result.notes:
                bar.console.print(f"[yellow]note[/yellow] {result.path}: {note}")

        try:
            results = run_ingest(files, db, workers=workers, on_result=report)
        except KeyboardInterrupt:
            err.print("[yellow]interrupted: documents already stored are kept[/yellow]")
            raise typer.Exit(130) from None
    stored = [r for r in results if r.ok and not r.duplicate_of]
    duplicates = [r for r in results if r.duplicate_of]
    n_recs = sum(r.n_recommendations for r in stored)
    err.print(
        f"ingested {len(stored)} of {len(files) + len(missing)} files, {n_recs} recommendations; "
        f"{len(duplicates)} duplicate(s), {failures} failed → {db}"
    )
    if failures:
        raise typer.Exit(1)


@app.command()
def recommendations(
    db: str = DB_OPTION,
    state: str = typer.Option(None, "--state", "-s", help="State under review (name or ISO3)."),
    recommending: str = typer.Option(None, "--from", help="Recommending State (name or ISO3)."),
    cycle: int = typer.Option(None, help="UPR cycle (1-4)."),
    session: int = typer.Option(None, help="Working Group session."),
    decision: str = typer.Option(
        None, help="supported | to_be_examined | noted | already_implemented | other"),
    text: str = typer.Option(None, "--text", "-t", help="Words the recommendation contains."),
    position: str = typer.Option(None, help="Final position: supported | partially supported | noted | pending"),
    source: str = typer.Option(None, help="Source of the final position: addendum | report | thematic_list | uprinfo"),
    group: str = typer.Option(None, help="Recommending regional group: African | Asia-Pacific | Eastern European | "
                              "GRULAC | WEOG"),
    limit: int = typer.Option(50, help="Rows to show (0 = all)."),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
) -> None:
    """List and filter the stored recommendations (also as `upr-lens query`)."""
    from upr_lens import store

    con = _open(db)
    try:
        frame = store.recommendations_frame(
            con, state=state, recommending=recommending, cycle=cycle, session=session,
            decision=decision, text=text, position=position, source=source, group=group, limit=limit or None,
        )
    except ValueError as exc:
        _fail(str(exc))
    finally:
        con.close()
    columns = ["symbol", "state_iso3", "cycle", "rec_id", "position", "recommending_states", "text"]
    _emit(frame[columns] if fmt == "table" else frame[store.EXPORT_COLUMNS], fmt,
          title=f"{len(frame)} recommendation(s)")


app.command("query", help="Filter recommendations (the same as `recommendations`).")(recommendations)


@app.command()
def state(
    name: str = typer.Argument(..., help="State under review (name or ISO3)."),
    db: str = DB_OPTION,
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
    top: int = typer.Option(10, help="How many top recommending States to list."),
) -> None:
    """Acceptance for one State: per cycle, by recommending group, top recommending States."""
    import json

    from upr_lens.track.acceptance import state_acceptance

    con = _open(db)
    try:
        result = state_acceptance(con, name, top=top)
    except ValueError as exc:
        _fail(str(exc))
    finally:
        con.close()
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(), default=str, indent=1))
        return
    if result.by_cycle.empty:
        _fail(f"no recommendations stored for {result.state}")
    sections = [("per cycle", result.by_cycle), ("by recommending regional group", result.by_group),
                ("top recommending States", result.top_recommenders)]
    if result.by_risk_factor is not None:
        sections.append(("by atrocity risk factor", result.by_risk_factor))
    for title, frame in sections:
        if fmt == "csv":
            typer.echo(f"# {result.state}: {title}")
        _emit(frame, fmt, title=f"{result.state} ({result.iso3}): {title}")


def _import_csv(db: str, csv_file: Path, run, what: str):
    """Run an import function on (store, CSV file); a missing or malformed file is a one-line error."""
    if not csv_file.exists():
        _fail(f"{csv_file}: no such file")
    con = _open(db, read_only=False)
    try:
        return run(con, csv_file)
    except (KeyError, ValueError) as exc:
        _fail(f"{csv_file}: {what} ({exc})")
    finally:
        con.close()


def _emit(frame, fmt: str, title: str = "") -> None:
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for column in frame.columns:
            table.add_column(str(column), overflow="fold", max_width=70 if column == "text" else 30)
        for row in frame.itertuples(index=False):
            table.add_row(*("" if value is None else str(value) for value in row))
        Console().print(table)


@app.command()
def export(
    out: Path = typer.Option(..., "--out", "-o", help="Output file."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv | parquet | json"),
    db: str = DB_OPTION,
) -> None:
    """Export every recommendation, one row per id."""
    from upr_lens import store

    con = _open(db)
    try:
        n = store.export(con, out, fmt)
    except ValueError as exc:
        _fail(str(exc))
    finally:
        con.close()
    typer.echo(f"{n} recommendations → {out}")


@app.command()
def documents(db: str = DB_OPTION, fmt: str = typer.Option("table", "--format")) -> None:
    """List the stored documents."""
    from upr_lens import store

    con = _open(db)
    try:
        frame = store.documents_frame(con)
    finally:
        con.close()
    _emit(frame, fmt, title=f"{len(frame)} document(s)")


@app.command("import-uprinfo")
def import_uprinfo(
    csv_file: Path = typer.Argument(..., help="A UPR Info database export (CSV: To, Text, From, Response, ...)."),
    db: str = DB_OPTION,
) -> None:
    """Import UPR Info rows: matched to stored recommendations, the rest kept as recommendations."""
    from upr_lens.track.uprinfo import import_uprinfo as run_import

    summary = _import_csv(db, csv_file, run_import, "not a UPR Info export")
    typer.echo(
        f"{summary.rows} UPR Info rows; {summary.rows_of_stored_reviews} belong to reviews in the store, "
        f"{summary.matched} of them matched ({summary.coverage:.2%}), recommending State agrees for "
        f"{summary.state_agrees}; {summary.own_recommendations} recommendations kept from "
        f"{summary.own_reviews} reviews without documents"
    )


UPRINFO_PARTS = ("upr", "reference", "uprinfo-sessions-1-20.csv")
DEV_PARTS = ("atrocity", "risk-factor-dev.csv")
MODELS_HELP = "Folder of trained models (default: $UPR_LENS_MODELS, else the models shipped with upr_lens)."
SHARED_HELP = "Shared data folder (default: $UPR_LENS_SHARED, else ../shared)."


def _training_files(uprinfo: Path | None, dev: Path | None, shared: Path | None) -> tuple[Path, Path]:
    """The UPR Info and dev-set CSVs: as given, else found in the shared folder (one clear error if absent)."""
    from upr_lens import config
    from upr_lens.errors import UprLensError

    try:
        found = [
            Path(given) if given is not None else config.shared_file(*parts, shared=shared)
            for given, parts in ((uprinfo, UPRINFO_PARTS), (dev, DEV_PARTS))
        ]
    except UprLensError as exc:
        _fail(str(exc))
    for path in found:
        if not path.is_file():
            _fail(f"{path}: no such file")
    return found[0], found[1]


@app.command()
def classify(
    db: str = DB_OPTION,
    input_csv: Path = typer.Option(None, "--input", help="Classify the rows of this CSV instead of the store."),
    text_column: str = typer.Option("text", help="The CSV column holding the recommendation text."),
    output: Path = typer.Option(None, "--output", help="Where to write the CSV with the added columns."),
    state: str = typer.Option(None, "--state", "-s", help="Only recommendations to this State."),
    cycle: int = typer.Option(None, help="Only this cycle."),
    models_dir: Path = typer.Option(None, help=MODELS_HELP),
) -> None:
    """Risk factors, action category and issues, with scores and reasons: for the store or a CSV."""
    from upr_lens.classify.pipeline import Classifier, classify_csv, classify_store
    from upr_lens.errors import ModelError

    try:
        classifier = Classifier.load(models_dir)
    except ModelError as exc:
        _fail(str(exc))
    if input_csv is not None:
        if output is None:
            _fail("--input needs --output")
        if not input_csv.exists():
            _fail(f"{input_csv}: no such file")
        try:
            n = classify_csv(input_csv, text_column, output, classifier)
        except ValueError as exc:
            _fail(str(exc))
        typer.echo(f"{n} rows classified → {output} ({classifier.version})")
        return
    con = _open(db, read_only=False)
    try:
        n = classify_store(con, classifier, state=state, cycle=cycle)
    except ValueError as exc:
        _fail(str(exc))
    finally:
        con.close()
    typer.echo(f"{n} recommendations classified in {db} ({classifier.version})")


@app.command()
def train(
    models_dir: Path = typer.Option(None, help="Where to write the models (default: as for the other commands)."),
    uprinfo: Path = typer.Option(None, help="UPR Info export (sessions 1-16 train the action/issue models)."),
    dev: Path = typer.Option(None, help="Hand-labeled risk-factor development set."),
    shared: Path = typer.Option(None, help=SHARED_HELP),
    seed: int = typer.Option(0, help="Random seed (fixed: the same data gives the same models)."),
) -> None:
    """Rebuild the trained models, reproducibly."""
    from upr_lens import config
    from upr_lens.classify import risk_model, uprinfo_models

    uprinfo, dev = _training_files(uprinfo, dev, shared)
    target = config.models_dir(models_dir)
    info = risk_model.train(target, seed=seed, dev_csv=dev, uprinfo_csv=uprinfo)
    typer.echo(f"risk-factor model → {target}: {info}")
    info = uprinfo_models.train(uprinfo, target, seed=seed)
    typer.echo(f"action/issues models → {target}: {info}")


@app.command()
def evaluate(
    models_dir: Path = typer.Option(None, help=MODELS_HELP),
    uprinfo: Path = typer.Option(None, help="UPR Info export (sessions 17-20 are the test split)."),
    dev: Path = typer.Option(None, help="Hand-labeled risk-factor development set (5-fold CV)."),
    shared: Path = typer.Option(None, help=SHARED_HELP),
    fmt: str = typer.Option("table", "--format", help="table | json"),
) -> None:
    """Print the metrics the model card quotes (held-out data only)."""
    from upr_lens.classify.evaluation import evaluate_all

    uprinfo, dev = _training_files(uprinfo, dev, shared)
    report = evaluate_all(models_dir, uprinfo, dev)
    if fmt == "json":
        import json

        typer.echo(json.dumps(report.as_dict(), indent=1, default=str))
        return
    for title, frame in report.tables():
        _emit(frame, "table", title=title)


@app.command()
def profile(
    name: str = typer.Argument(..., help="State under review (name or ISO3)."),
    db: str = DB_OPTION,
    html_out: Path = typer.Option(None, "--html", help="Also write a self-contained HTML report with plots."),
    as_json: bool = typer.Option(False, "--json", help="Print the profile as JSON."),
) -> None:
    """A State's atrocity-prevention profile: cycles, risk factors, the five steps, notable noted asks."""
    from upr_lens.report.profile import build_profile, render_html

    con = _open(db)
    try:
        result = build_profile(con, name)
    except ValueError as exc:
        _fail(str(exc))
    finally:
        con.close()
    if as_json:
        import json

        typer.echo(json.dumps(result.to_dict(), default=str, indent=1))
    else:
        for title, frame in result.sections():
            if frame is not None and len(frame):
                _emit(frame, "table", title=f"{result.state}: {title}")
        for note in result.notes:
            typer.secho(f"note: {note}", fg="yellow")
    if html_out:
        render_html(result, html_out)
        typer.echo(f"HTML report → {html_out}")


@app.command()
def compare(
    names: list[str] = typer.Argument(None, help="States to compare (names or ISO3)."),
    group: str = typer.Option(None, help="Or every State of a regional group."),
    db: str = DB_OPTION,
    png: Path = typer.Option(None, help="Write a heatmap (PNG) of States × risk factors."),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
) -> None:
    """Compare States by the atrocity risk factors raised in their recommendations."""
    from upr_lens.report.profile import compare_frame, plot_factor_heatmap

    if not names and not group:
        _fail("name States or give --group")
    con = _open(db)
    try:
        frame = compare_frame(con, names, group)
    except ValueError as exc:
        _fail(str(exc))
    finally:
        con.close()
    if frame.empty:
        _fail("nothing to compare: are the recommendations classified (upr-lens classify)?")
    table = frame.pivot_table(index="state", columns="risk_factor", values="received", fill_value=0)
    _emit(table.reset_index(), fmt, title="recommendations per risk factor")
    if png:
        import base64

        png.write_bytes(base64.b64decode(plot_factor_heatmap(frame, "risk factors raised", "state")))
        typer.echo(f"heatmap → {png}")


@app.command("import-treaties")
def import_treaties(
    csv_file: Path = typer.Argument(..., help="Treaty status CSV (format: upr_lens/track/treaties.py docstring)."),
    db: str = DB_OPTION,
) -> None:
    """Import who is party to which treaty, then mark ratification recommendations implemented."""
    from upr_lens.track import treaties

    def run(con, path):
        summary = treaties.import_treaties(con, path)
        return summary, treaties.record_treaty_signals(con), treaties.ratification_followup(con)

    summary, signals, followup = _import_csv(db, csv_file, run, "not a treaty status file")
    typer.echo(f"{summary}")
    if len(followup):
        counts = followup["implemented"].astype(str).value_counts().to_dict()
        typer.echo(f"{len(followup)} ratification asks × instrument; implemented: {counts}; {signals} signals stored")


@app.command()
def link(
    db: str = DB_OPTION,
    state: str = typer.Option(None, "--state", "-s", help="Only this State under review."),
) -> None:
    """Link each recommendation to the closest ones of earlier and later cycles; mark repeated asks."""
    from upr_lens.track.links import store_links

    con = _open(db, read_only=False)
    try:
        n = store_links(con, state=state)
        repeated = con.execute("SELECT count(*) FROM cycle_links WHERE repeated AND direction = 'later'").fetchone()[0]
    except ValueError as exc:
        _fail(str(exc))
    finally:
        con.close()
    typer.echo(f"{n} cross-cycle links stored; {repeated} mark a recommendation asked again in the next cycle")


followup_app = typer.Typer(help="Analyst follow-up annotations (history kept).", no_args_is_help=True)
app.add_typer(followup_app, name="follow-up")


@followup_app.command("set")
def followup_set(
    rec: str = typer.Argument(..., help="Recommendation key, e.g. 'A/HRC/43/15#122.3'."),
    status: str = typer.Option(..., help="implemented | partial | not-implemented | unknown"),
    source: str = typer.Option(..., help="Where the evidence comes from."),
    note: str = typer.Option(None, help="A free note."),
    author: str = typer.Option(None, help="Who says so (default: the OS user)."),
    db: str = DB_OPTION,
) -> None:
    """Record a follow-up status for a recommendation (an update never erases the earlier entry)."""
    from upr_lens.track.followup import set_followup

    con = _open(db, read_only=False)
    try:
        stored = set_followup(con, rec, status, source, note=note, author=author)
    except ValueError as exc:
        _fail(str(exc))
    finally:
        con.close()
    typer.echo(f"follow-up recorded: {stored}")


@followup_app.command("history")
def followup_history_command(
    rec: str = typer.Argument(..., help="Recommendation key, e.g. 'A/HRC/43/15#122.3'."),
    db: str = DB_OPTION,
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
) -> None:
    """Every follow-up annotation of a recommendation, oldest first."""
    from upr_lens.track.followup import followup_history, resolve_rec_key

    con = _open(db, read_only=False)
    try:
        key = resolve_rec_key(con, rec)[0]
        frame = followup_history(con, key)
    except ValueError as exc:
        _fail(str(exc))
    finally:
        con.close()
    _emit(frame, fmt, title=f"follow-up of {key}")


@app.command()
def crosscheck(
    db: str = DB_OPTION,
    uprinfo: Path = typer.Option(None, help="UPR Info database export (CSV)."),
    regex_parse: Path = typer.Option(None, "--regex-parse", help="The older regex parse (CSV)."),
    out: Path = typer.Option(None, help="Write every reference row with its match to this CSV."),
) -> None:
    """Compare the stored recommendations with outside references: coverage and State agreement."""
    from upr_lens import reference

    if not uprinfo and not regex_parse:
        _fail("give --uprinfo and/or --regex-parse")
    con = _open(db)
    try:
        for name, path, run in (("UPR Info rows", uprinfo, reference.match_uprinfo),
                                ("regex-parse rows", regex_parse, reference.compare_regex_parse)):
            if not path:
                continue
            result = run(con, path)
            typer.echo(f"{name} of the stored reviews: {result.reference_rows}; matched {result.matched} "
                       f"({result.rate:.2%}); recommending State agrees {result.state_agrees} "
                       f"({result.state_agrees / max(result.matched, 1):.2%} of matched)")
            if out:
                target = out.with_name(f"{out.stem}-{'uprinfo' if path == uprinfo else 'regex'}{out.suffix}")
                result.details.to_csv(target, index=False)
                typer.echo(f"  details → {target}")
    finally:
        con.close()


@app.command()
def demo(
    db: str = typer.Option("demo.duckdb", "--db", help="Store to (re)create for the demo."),
    corpus: Path = typer.Option(
        None, help="Folder of documents to ingest (default: $UPR_LENS_DEMO_CORPUS, else the corpus shipped with it)."
    ),
) -> None:
    """The main job on the shipped synthetic corpus: ingest it, then print a readable summary."""
    from rich.console import Console

    from upr_lens import config, store
    from upr_lens.ingest import ingest as run_ingest

    console = Console()
    Path(db).unlink(missing_ok=True)
    results = run_ingest([config.demo_corpus_dir(corpus)], db)
    for result in results:
        name = Path(result.path).name
        if result.ok:
            info = result.info
            what = f"{info.doc_type.value} {info.symbol or ''} {info.state_name or ''}".strip()
            console.print(f"[green]ok[/green]    {name}: {what}, {result.n_recommendations} recommendations")
        else:
            console.print(f"[red]error[/red] {name}: {result.error}")
    from upr_lens.classify.pipeline import classify_store

    con = _open(db, read_only=False)
    try:
        classify_store(con)  # the atrocity lens: risk factors, action category, issues
        facts = store.summary(con)
        frame = store.recommendations_frame(con)
    finally:
        con.close()
    console.print(f"\n{facts['recommendations']} recommendations from {facts['states_under_review']} "
                  f"State(s) under review; decision in the report: {facts['by_decision']}; "
                  f"final position: {frame['position'].value_counts().to_dict()}")
    factors = frame["risk_factors"].fillna("").str.split(";").explode()
    counts = factors[factors != ""].astype(int).value_counts().sort_index().to_dict()
    console.print(f"atrocity risk factors raised (factor: recommendations): {counts}")
    _emit(frame[["symbol", "rec_id", "position", "risk_factors", "recommending_states", "text"]].head(8),
          "table", title="First recommendations in the store")
    console.print(f"\nStore: {db}. Try: upr-lens state Andorra --db {db}   or   "
                  f"upr-lens query --db {db} --position noted")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
