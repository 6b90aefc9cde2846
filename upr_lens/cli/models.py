"""`upr-lens classify`, `train`, `evaluate`: the atrocity lens and the models behind it."""

from __future__ import annotations

from pathlib import Path

import typer

from upr_lens.cli import _paths
from upr_lens.cli._common import DB_OPTION, check_format, echo_json, emit, open_store, require_file
from upr_lens.errors import InputError, ModelError


def classify(
    db: str = DB_OPTION,
    input_csv: Path = typer.Option(None, "--input", help="Classify the rows of this CSV instead of the store."),
    text_column: str = typer.Option("text", help="The CSV column holding the recommendation text."),
    output: Path = typer.Option(None, "--output", help="Where to write the CSV with the added columns."),
    state: str = typer.Option(None, "--state", "-s", help="Only recommendations to this State."),
    cycle: int = typer.Option(None, help="Only this cycle."),
    models_dir: Path = typer.Option(None, help="Folder of trained models (default: the repository's models/)."),
) -> None:
    """Risk factors, action category and issues, with scores and reasons: for the store or a CSV."""
    from upr_lens import query
    from upr_lens.classify.pipeline import Classifier, classify_csv, classify_store

    if input_csv is not None:
        if output is None:
            raise InputError("--input needs --output")
        require_file(input_csv)
    else:
        query.check_filters(state=state, cycle=cycle)
    try:
        classifier = Classifier.load(models_dir or _paths.default_models_dir())
    except FileNotFoundError as exc:
        raise ModelError(f"no trained models ({exc}); run `upr-lens train`") from exc
    if input_csv is not None:
        n = classify_csv(input_csv, text_column, output, classifier)
        typer.echo(f"{n} rows classified → {output} ({classifier.version})")
        return
    with open_store(db, read_only=False) as con:
        n = classify_store(con, classifier, state=state, cycle=cycle)
    typer.echo(f"{n} recommendations classified in {db} ({classifier.version})")


def train(
    models_dir: Path = typer.Option(None, help="Where to write the models (default: the repository's models/)."),
    uprinfo: Path = typer.Option(_paths.uprinfo_csv(),
                                 help="UPR Info export (sessions 1-16 train the action/issue models)."),
    dev: Path = typer.Option(_paths.risk_factor_dev_csv(), help="Hand-labeled risk-factor development set."),
    seed: int = typer.Option(0, help="Random seed (fixed: the same data gives the same models)."),
) -> None:
    """Rebuild the trained models, reproducibly."""
    from upr_lens.classify import risk_model, uprinfo_models

    target = Path(models_dir or _paths.default_models_dir())
    require_file(uprinfo)
    require_file(dev)
    info = risk_model.train(target, seed=seed, dev_csv=dev, uprinfo_csv=uprinfo)
    typer.echo(f"risk-factor model → {target}: {info}")
    info = uprinfo_models.train(uprinfo, target, seed=seed)
    typer.echo(f"action/issues models → {target}: {info}")


def evaluate(
    models_dir: Path = typer.Option(None, help="Folder of trained models (default: the repository's models/)."),
    uprinfo: Path = typer.Option(_paths.uprinfo_csv(), help="UPR Info export (sessions 17-20 are the test split)."),
    dev: Path = typer.Option(_paths.risk_factor_dev_csv(),
                             help="Hand-labeled risk-factor development set (5-fold CV)."),
    fmt: str = typer.Option("table", "--format", help="table | json"),
) -> None:
    """Print the metrics the model card quotes (held-out data only)."""
    from upr_lens.classify.evaluation import evaluate_all

    check_format(fmt, ("table", "json"))
    require_file(uprinfo)
    require_file(dev)
    report = evaluate_all(models_dir or _paths.default_models_dir(), uprinfo, dev)
    if fmt == "json":
        echo_json(report.as_dict())
        return
    for title, frame in report.tables():
        emit(frame, "table", title=title)
