"""`upr-lens evaluate`: every figure the model card quotes, on data the models did not train on.

* risk factors: 5-fold cross-validation over the hand labels (each fold holds out a fifth of the development set
  and a fifth of our own labels): F1 on the development set, RF2 recall on the accountability asks of both,
  Brier scores of the raw and calibrated scores, and optionally a reliability plot (:func:`reliability_plot`);
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
        risk = {k: v for k, v in self.risk.items() if not k.startswith("_")}
        return {"risk_factors_cv": risk, "uprinfo_test": self.uprinfo, "notes": self.notes}

    def tables(self):
        """(title, DataFrame) pairs for printing."""
        import pandas as pd

        from upr_lens.classify.risk_table import factor

        summary = [
            ("risk factors, micro-F1 (5-fold CV, dev set)", self.risk["micro_f1"], ">= 0.90"),
            ("risk factors, macro-F1 over factors with >= 10 examples", self.risk["macro_f1"], ">= 0.85"),
            ("risk factors, rules alone, micro-F1", self.risk.get("rules_only", {}).get("micro_f1"), ""),
        ]
        for name, title in (("all", "dev + own labels"), ("dev", "dev set"), ("own", "own labels"),
                            ("blind", "own labels of batch 5, blind, no rule designed on them")):
            acc = self.risk.get("accountability", {}).get(name)
            if acc:
                summary.append((f"RF2 recall on accountability asks (2.3/2.7), {title}, n={acc['n']} (5-fold CV)"
                                f"{_interval(acc)}", acc["rf2_recall"], ">= 0.95" if name == "all" else ""))
        hold = self.risk.get("holdout")
        if hold:
            acc = hold["accountability"]
            summary.append(
                (f"RF2 recall on accountability asks, blind hold-out never trained on ({hold['file']}), "
                 f"n={acc['n']}{_interval(acc)}, model trained as by `upr-lens train` minus the hold-out texts",
                 acc["rf2_recall"], ">= 0.95"))
            for batch, part in acc.get("by_batch", {}).items():
                summary.append((f"  of which batch {batch}, n={part['n']}{_interval(part)}", part["rf2_recall"], ""))
            other = hold.get("non_accountability")
            if other:
                summary.append((f"RF2 predicted on the hold-out's {other['n']} texts that are not accountability asks: "
                                f"{other['rf2_predicted']}, {len(other['false_rf2'])} of them wrongly (share of the "
                                f"{other['n_without_rf2']} texts labelled without RF2)", other["false_rf2_rate"], ""))
            if hold.get("rf2_precision") is not None:
                summary.append((f"RF2 precision on the whole hold-out ({hold['rf2_predicted']} predicted)",
                                hold["rf2_precision"], ""))
            summary.append((f"risk factors, micro-F1 on that hold-out, n={hold['n']}", hold["micro_f1"], ""))
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
        if "calibration" in self.risk:
            cal = pd.DataFrame([{"factor": k, **v} for k, v in self.risk["calibration"].items()])
            yield (f"Risk-factor scores: Brier score before / after calibration (held-out scores of the "
                   f"{self.risk.get('calibration_rows')} hand-labelled rows, 5-fold CV)"), cal
        if self.uprinfo:
            for key, title in (("action_per_class", "Action category per class (sessions 17-20)"),
                               ("issues_per_label", "Issues per label (sessions 17-20)")):
                table = self.uprinfo.get(key)
                if table is not None:
                    yield title, pd.DataFrame(table) if not isinstance(table, pd.DataFrame) else table


def _interval(acc: dict) -> str:
    ci = acc.get("wilson95")
    return f", {acc.get('hits')} hit, Wilson 95% {ci[0]:.2f}-{ci[1]:.2f}" if ci else ""


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


def reliability_plot(report: EvaluationReport, path: Path, bins: int = 10) -> Path:
    """A reliability diagram of the held-out risk-factor scores (raw and calibrated, all factors pooled, and the
    calibrated scores of the five learned factors) written as a PNG to *path*."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from upr_lens.classify.risk_table import FACTOR_IDS

    held = report.risk.get("_heldout")
    if held is None:
        from upr_lens.errors import ModelError

        raise ModelError("no held-out risk-factor scores to plot (run the cross-validation first)")
    y, raw, cal = held["y"], held["raw"], held["calibrated"]
    edges = np.linspace(0, 1, bins + 1)

    def curve(p: np.ndarray, t: np.ndarray):
        which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
        xs, ys, ns = [], [], []
        for b in range(bins):
            sel = which == b
            if sel.sum() >= 5:
                xs.append(float(p[sel].mean()))
                ys.append(float(t[sel].mean()))
                ns.append(int(sel.sum()))
        return xs, ys, ns

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 5))
    for ax in (left, right):
        ax.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfect")
        ax.set_xlabel("predicted probability (bin mean)")
        ax.set_ylabel("observed share with the factor")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
    brier = report.risk.get("calibration", {})
    total = {kind: float(np.mean([v[f"brier_{kind}"] for v in brier.values()])) for kind in ("raw", "calibrated")}
    for p, name, style in ((raw, f"raw scores (mean Brier {total['raw']:.4f})", "s--"),
                           (cal, f"calibrated (mean Brier {total['calibrated']:.4f})", "o-")):
        xs, ys, _ = curve(p.ravel(), y.ravel())
        left.plot(xs, ys, style, label=name)
    left.set_title(f"All 14 factors pooled ({y.shape[0]} held-out rows x 14)")
    left.legend(loc="upper left")
    trained = [j for j in range(y.shape[1]) if y[:, j].sum() >= 70]
    for j in trained:
        xs, ys, _ = curve(cal[:, j], y[:, j])
        right.plot(xs, ys, "o-", label=f"RF{FACTOR_IDS[j]} (n+={int(y[:, j].sum())})")
    right.set_title("Calibrated scores, factors with >= 70 labelled positives")
    right.legend(loc="upper left")
    fig.suptitle("upr_lens risk factors: reliability of held-out scores (5-fold CV; bins with >= 5 rows)")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path
