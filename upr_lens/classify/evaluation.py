"""`upr-lens evaluate`: every figure the model card quotes, on data the models did not train on.

* risk factors: 5-fold cross-validation on the hand-labeled development set (each fold held out);
* action category and issues: UPR Info sessions 17-20 (the models train on sessions 1-16 only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class EvaluationReport:
    risk: dict
    uprinfo: dict | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"risk_factors_cv": self.risk, "uprinfo_test": self.uprinfo, "notes": self.notes}

    def tables(self):
        """(title, DataFrame) pairs for printing."""
        import pandas as pd

        from upr_lens.classify.risk_table import factor

        summary = [
            ("risk factors, micro-F1 (5-fold CV, dev set)", self.risk["micro_f1"], ">= 0.85"),
            ("risk factors, macro-F1 over factors with >= 10 examples", self.risk["macro_f1"], ">= 0.75"),
            ("risk factors, rules alone, micro-F1", self.risk.get("rules_only", {}).get("micro_f1"), ""),
        ]
        if self.uprinfo:
            summary += [
                ("action category, accuracy (sessions 17-20)", self.uprinfo.get("action_accuracy"), ">= 0.92"),
                ("action category, macro-F1 (sessions 17-20)", self.uprinfo.get("action_macro_f1"), ""),
                ("issues, micro-F1 (sessions 17-20)", self.uprinfo.get("issues_micro_f1"), ">= 0.90"),
                ("issues, macro-F1 (sessions 17-20)", self.uprinfo.get("issues_macro_f1"), ">= 0.82"),
            ]
        yield "Summary", pd.DataFrame(summary, columns=["metric", "value", "target"])
        per = pd.DataFrame([
            {"factor": k, "name": factor(int(k)).name, **v} for k, v in self.risk["per_factor"].items()
        ])
        yield "Risk factors per factor (5-fold CV on the development set)", per
        if self.uprinfo:
            for key, title in (("action_per_class", "Action category per class (sessions 17-20)"),
                               ("issues_per_label", "Issues per label (sessions 17-20)")):
                table = self.uprinfo.get(key)
                if table is not None:
                    yield title, pd.DataFrame(table) if not isinstance(table, pd.DataFrame) else table


def evaluate_all(models_dir: Path | None, uprinfo_csv: Path, dev_csv: Path) -> EvaluationReport:
    from upr_lens import config
    from upr_lens.classify import risk_model, uprinfo_models

    models_dir = config.models_dir(models_dir)
    report = EvaluationReport(risk=risk_model.evaluate_cv(dev_csv, uprinfo_csv))
    report.uprinfo = _flatten_uprinfo(uprinfo_models.evaluate(uprinfo_csv, models_dir))
    return report


def _flatten_uprinfo(result: dict) -> dict:
    """Accept the evaluation dict of :mod:`upr_lens.classify.uprinfo_models` in its nested or flat form."""
    flat = dict(result)
    action = result.get("action")
    action = action if isinstance(action, dict) else {}
    issues = result.get("issues")
    issues = issues if isinstance(issues, dict) else {}
    flat.setdefault("action_accuracy", action.get("accuracy"))
    flat.setdefault("action_macro_f1", action.get("macro_f1"))
    flat.setdefault("issues_micro_f1", issues.get("micro_f1"))
    flat.setdefault("issues_macro_f1", issues.get("macro_f1"))
    per_class = action.get("per_class")
    if per_class is not None and "action_per_class" not in flat:
        flat["action_per_class"] = _records(per_class, "class")
    per_label = issues.get("per_label")
    if per_label is not None and "issues_per_label" not in flat:
        flat["issues_per_label"] = _records(per_label, "issue")
    return flat


def _records(table, key: str) -> list[dict]:
    if isinstance(table, dict):
        return [{key: k, **v} if isinstance(v, dict) else {key: k, "value": v} for k, v in table.items()]
    return list(table)
