"""Classification of recommendations: the three models together, over texts, a CSV or the store.

* risk factors (:mod:`upr_lens.classify.risk_model`: spaCy rule layer + scikit-learn), 14 labels;
* UPR Info action category 1-5 and issue themes (:mod:`upr_lens.classify.uprinfo_models`).

Every prediction carries a reason a person can read: the cue or indicator that fired, or the words that
weighed most. Results in the store are kept with the model version that made them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from upr_lens.classify.risk_model import RiskFactorModel
    from upr_lens.classify.uprinfo_models import UprInfoModels


@dataclass(slots=True)
class Classification:
    risk_factors: tuple[int, ...]
    risk_factor_scores: dict[int, float]
    indicators: tuple[str, ...]
    action_category: int | None
    action_confidence: float | None
    issues: tuple[str, ...]
    issue_scores: dict[str, float]
    reason: str


class Classifier:
    """All models, loaded once from *models_dir*."""

    def __init__(self, risk: RiskFactorModel, uprinfo: UprInfoModels):
        self.risk = risk
        self.uprinfo = uprinfo

    @classmethod
    def load(cls, models_dir: str | Path | None = None) -> Classifier:
        """The three models from *models_dir* (default: :func:`upr_lens.config.models_dir`). A missing or altered
        model is a :class:`~upr_lens.errors.ModelError`, never an empty column."""
        from upr_lens import config
        from upr_lens.classify.risk_model import RiskFactorModel
        from upr_lens.classify.uprinfo_models import UprInfoModels

        folder = config.models_dir(models_dir)
        return cls(RiskFactorModel.load(folder), UprInfoModels.load(folder))

    @property
    def version(self) -> str:
        return f"risk:{self.risk.version} uprinfo:{self.uprinfo.version}"

    def classify_arrays(self, texts: Sequence[str]) -> dict:
        """Labels and scores only, as arrays (no reason text): the bulk path for large batches.
        risk_scores (n, 14) calibrated probabilities, risk_factors (n, 14) bool, action (n,), issues (n, 54) bool,
        issue_scores."""
        texts = [str(t) if t is not None else "" for t in texts]
        distinct, back = _distinct(texts)
        scores = self.risk.predict_scores(distinct)[0]  # raw: decisions are raw score >= threshold
        out = {"risk_scores": self.risk.probabilities(scores), "risk_factors": scores >= self.risk.thresholds[None, :]}
        out.update(self.uprinfo.predict_arrays(distinct))
        if back is not None:
            out = {key: value[back] for key, value in out.items()}
        return out

    def classify(self, texts: Sequence[str]) -> list[Classification]:
        """Labels, scores and the reason text of each text."""
        from upr_lens.classify.text_features import gc_paused

        texts = [str(t) if t is not None else "" for t in texts]
        distinct, back = _distinct(texts)
        with gc_paused():  # many small acyclic objects: see gc_paused
            results = self._classify(distinct)
            if back is None:
                return results
            # a repeated text gets its own copy of the first one's result (nothing shared between rows)
            seen: set[int] = set()
            out: list[Classification] = []
            for j in back.tolist():
                r = results[j]
                if j in seen:
                    r = Classification(r.risk_factors, dict(r.risk_factor_scores), r.indicators, r.action_category,
                                       r.action_confidence, r.issues, dict(r.issue_scores), r.reason)
                seen.add(j)
                out.append(r)
            return out

    def _classify(self, texts: list[str]) -> list[Classification]:
        risk_factors, risk_scores, indicators, risk_reasons = self.risk.predict_columns(texts)
        actions, confidences, action_reasons, issues, issue_scores, issue_reasons = self.uprinfo.predict_columns(texts)
        reasons: list[str] = []
        add = reasons.append
        for risk, action, a_reason, found, i_reason in zip(
            risk_reasons, actions, action_reasons, issues, issue_reasons, strict=True
        ):
            # "<risk reason> | action <category>: <reason> | issues: <reason>" (no empty part)
            reason = f"action {action}: {a_reason}"
            if risk:
                reason = f"{risk} | {reason}"
            if found:
                reason = f"{reason} | issues: {i_reason}"
            add(reason)
        return list(map(Classification, risk_factors, risk_scores, indicators, actions, confidences, issues,
                        issue_scores, reasons))


def _distinct(texts: list[str]):
    """(the distinct texts in first-seen order, the index of each text among them or None when all differ):
    identical texts are classified once (they get identical results anyway: issue 11's consistency rule)."""
    import numpy as np

    first: dict[str, int] = {}
    back = [first.setdefault(t, len(first)) for t in texts]
    if len(first) == len(texts):
        return texts, None
    return list(first), np.asarray(back, dtype=np.int64)


def as_columns(results: Sequence[Classification]) -> dict[str, list]:
    """The columns `upr-lens classify` adds to a CSV: lists joined by ";" (the store keeps them as lists)."""
    return {
        "risk_factors": [";".join(str(f) for f in r.risk_factors) for r in results],
        "risk_factor_scores": [json.dumps({str(k): round(float(v), 3) for k, v in r.risk_factor_scores.items()})
                               for r in results],
        "indicators": [";".join(r.indicators) for r in results],
        "action_category": [r.action_category for r in results],
        "issues": [";".join(r.issues) for r in results],
        "reason": [r.reason for r in results],
    }


def classify_csv(input_csv: str | Path, text_column: str, output_csv: str | Path,
                 classifier: Classifier | None = None, chunk_rows: int = 20000, raw_cells: bool = False) -> int:
    """Keep the input columns, add the classification columns; returns the number of rows.

    The CSV is read and written in chunks of *chunk_rows* (memory does not grow with the file); the output
    appears only once complete (written beside it, then renamed). Text cells a spreadsheet would run as a
    formula get a leading apostrophe unless *raw_cells* (see :mod:`upr_lens.csvio`). An unreadable input (not
    UTF-8, not CSV, no *text_column*) is an :class:`~upr_lens.errors.InputError` naming the file."""
    import os

    import pandas as pd

    from upr_lens.csvio import neutralise_frame, show
    from upr_lens.errors import InputError

    def failure(exc: BaseException) -> InputError:
        if isinstance(exc, UnicodeDecodeError):
            return InputError(f"{show(input_csv)}: not UTF-8 text (invalid byte at offset {exc.start} of a chunk): "
                              f"save the input CSV as UTF-8 and try again")
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return InputError(f"{show(input_csv)}: not a readable CSV file ({reason})")

    output_csv = Path(output_csv)
    partial = output_csv.with_name(output_csv.name + ".part")
    total = 0
    try:
        reader = pd.read_csv(input_csv, dtype=str, keep_default_na=False, chunksize=chunk_rows, encoding="utf-8")
        for frame in reader:
            if text_column not in frame.columns:
                raise InputError(f"{show(input_csv)}: no column {text_column!r} "
                                 f"(columns: {', '.join(map(str, frame.columns))})")
            classifier = classifier or Classifier.load()
            results = classifier.classify(frame[text_column].tolist())
            for name, values in as_columns(results).items():
                frame[name] = values
            neutralise_frame(frame, raw=raw_cells).to_csv(partial, index=False, header=total == 0,
                                                          mode="w" if total == 0 else "a")
            total += len(frame)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        partial.unlink(missing_ok=True)
        if isinstance(exc, InputError):
            raise
        raise failure(exc) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if total == 0:  # a header without rows: still a CSV with the added columns
        header = pd.read_csv(input_csv, dtype=str, nrows=0, encoding="utf-8")
        if text_column not in header.columns:
            raise InputError(f"{show(input_csv)}: no column {text_column!r} "
                             f"(columns: {', '.join(map(str, header.columns))})")
        for name in as_columns([]):
            header[name] = []
        header.to_csv(partial, index=False)
    os.replace(partial, output_csv)
    return total


def classify_store(con, classifier: Classifier | None = None, batch: int = 20000, **filters) -> int:
    """Classify the stored recommendations (all, or those the filters of
    :func:`upr_lens.store.recommendations_frame` select); replaces earlier results for them."""
    import datetime as dt

    import pyarrow as pa

    from upr_lens import store

    classifier = classifier or Classifier.load()
    frame = store.recommendations_frame(con, **filters)
    now = dt.datetime.now()
    total = 0
    for start in range(0, len(frame), batch):
        chunk = frame.iloc[start:start + batch]
        results = classifier.classify(chunk["text"].tolist())
        incoming = pa.table({
            "rec_key": chunk["rec_key"].tolist(),
            "model_version": [classifier.version] * len(chunk),
            # lists as lists (INTEGER[], VARCHAR[]); the scores stay a JSON object, as in a CSV
            "risk_factors": pa.array([[int(f) for f in r.risk_factors] for r in results], pa.list_(pa.int32())),
            "risk_factor_scores": as_columns(results)["risk_factor_scores"],
            "indicators": pa.array([list(r.indicators) for r in results], pa.list_(pa.string())),
            "action_category": pa.array([r.action_category for r in results], pa.int32()),
            "action_confidence": pa.array([r.action_confidence for r in results], pa.float64()),
            "issues": pa.array([list(r.issues) for r in results], pa.list_(pa.string())),
            "reason": [r.reason for r in results], "classified_at": [now] * len(chunk),
        })
        con.register("incoming_classifications", incoming)
        try:
            with store.transaction(con):
                con.execute("DELETE FROM classifications WHERE rec_key IN "
                            "(SELECT rec_key FROM incoming_classifications)")
                names = ", ".join(incoming.column_names)
                con.execute(f"INSERT INTO classifications ({names}) SELECT {names} FROM incoming_classifications")
        finally:
            con.unregister("incoming_classifications")
        total += len(chunk)
    return total
