"""`upr-lens classify`, `train`, `evaluate`: the atrocity lens and the models behind it."""

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
    require_csv,
    require_file,
    show_path,
)
from upr_lens.errors import InputError

MODELS_HELP = "Folder of trained models (default: $UPR_LENS_MODELS, else the models shipped with upr_lens)."
SHARED_HELP = "Shared data folder holding the training data (default: $UPR_LENS_SHARED, else ../shared)."


def _training_files(uprinfo: Path | None, dev: Path | None, shared: Path | None) -> tuple[Path, Path]:
    """The UPR Info and dev-set CSVs: as given, else found in the shared folder (an InputError if absent)."""
    from upr_lens import config

    uprinfo = uprinfo or config.shared_file("upr", "reference", "uprinfo-sessions-1-20.csv", shared=shared)
    dev = dev or config.shared_file("atrocity", "risk-factor-dev.csv", shared=shared)
    require_file(uprinfo)
    require_file(dev)
    return uprinfo, dev


def classify(
    db: str = DB_OPTION,
    input_csv: Path = typer.Option(None, "--input", help="Classify the rows of this CSV instead of the store."),
    text_column: str = typer.Option("text", help="The CSV column holding the recommendation text."),
    output: Path = typer.Option(None, "--output", help="Where to write the CSV with the added columns."),
    state: str = typer.Option(None, "--state", "-s", help="Only recommendations to this State."),
    cycle: int = typer.Option(None, help="Only this cycle."),
    models_dir: Path = typer.Option(None, help=MODELS_HELP),
    raw_cells: bool = RAW_CELLS_OPTION,
) -> None:
    """Risk factors, action category and issues, with scores and reasons: for the store or a CSV (written with
    formula-looking text cells neutralised unless --raw-cells)."""
    from upr_lens import query
    from upr_lens.classify.pipeline import Classifier, classify_csv, classify_store

    if input_csv is not None:
        if output is None:
            raise InputError("--input needs --output")
        require_csv(input_csv, "input CSV")
        check_output(output, "classified CSV")
    else:
        query.check_filters(state=state, cycle=cycle)
    classifier = Classifier.load(models_dir)  # a missing or altered model is a ModelError: one line, exit 1
    if input_csv is not None:
        n = classify_csv(input_csv, text_column, output, classifier, raw_cells=raw_cells)
        typer.echo(f"{n} rows classified → {show_path(output)} ({classifier.version})")
        return
    with open_store(db, read_only=False) as con:
        n = classify_store(con, classifier, state=state, cycle=cycle)
    typer.echo(f"{n} recommendations classified in {show_path(db)} ({classifier.version})")


def train(
    models_dir: Path = typer.Option(None, help="Where to write the models (default: as for classify)."),
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


def evaluate(
    models_dir: Path = typer.Option(None, help=MODELS_HELP),
    uprinfo: Path = typer.Option(None, help="UPR Info export (sessions 17-20 are the test split)."),
    dev: Path = typer.Option(None, help="Hand-labeled risk-factor development set (5-fold CV)."),
    shared: Path = typer.Option(None, help=SHARED_HELP),
    fmt: str = typer.Option("table", "--format", help="table | json"),
    calibration_plot: Path = typer.Option(
        None, "--calibration-plot", help="Also write a reliability plot (PNG) of the held-out risk-factor scores."
    ),
) -> None:
    """Print the metrics the model card quotes (held-out data only)."""
    from upr_lens.classify.evaluation import evaluate_all, reliability_plot

    check_format(fmt, ("table", "json"))
    if calibration_plot is not None:
        calibration_plot = check_output(calibration_plot, "calibration plot")
    uprinfo, dev = _training_files(uprinfo, dev, shared)
    report = evaluate_all(models_dir, uprinfo, dev)
    if calibration_plot is not None:
        reliability_plot(report, calibration_plot)
    if fmt == "json":
        echo_json(report.as_dict())
        return
    for title, frame in report.tables():
        emit(frame, "table", title=title)
