"""Held-out evaluation of the risk-factor model (what `upr-lens evaluate` and the model card report).

* :func:`evaluate_cv`: K-fold CV over the hand labels (dev set and our own labels), F1 on the dev rows, RF2 recall
  on the accountability asks, Brier scores of raw and calibrated scores, held-out scores for the reliability plot;
* a blind hold-out file next to the own labels (``blind-holdout.csv``), never trained on (neither as hand labels
  nor among the weak UPR Info rows), scored with the model trained on everything else; RF2 recall on its
  accountability asks in total and per labelling batch (``(batch N)`` in ``labeler_note``), with Wilson 95%
  intervals, and how often RF2 is predicted on its other texts.
"""

from __future__ import annotations

import math
import re
import time
from pathlib import Path

import numpy as np

from . import risk_rules as rr
from .risk_model import (
    RiskFactorModel,
    _fit,
    _norm_key,
    _Params,
    _training_data,
    _vocab_for,
    load_labeled,
)
from .risk_table import FACTOR_IDS

__all__ = ["evaluate_cv", "wilson_interval", "ACCOUNTABILITY_INDICATORS", "HOLDOUT_CSV"]


def _prf(Y: np.ndarray, P: np.ndarray) -> dict:
    tp = (Y & P).sum(0)
    fp = ((1 - Y) & P).sum(0)
    fn = (Y & (1 - P)).sum(0)
    per = {}
    for j, k in enumerate(FACTOR_IDS):
        p = tp[j] / max(tp[j] + fp[j], 1)
        r = tp[j] / max(tp[j] + fn[j], 1)
        f = 2 * tp[j] / max(2 * tp[j] + fp[j] + fn[j], 1)
        per[int(k)] = {"precision": round(float(p), 3), "recall": round(float(r), 3), "f1": round(float(f), 3),
                       "support": int(Y[:, j].sum())}  # fmt: skip
    micro = 2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1)
    big = [k for k in FACTOR_IDS if per[k]["support"] >= 10]
    macro = float(np.mean([per[k]["f1"] for k in big])) if big else float("nan")
    return {"micro_f1": round(float(micro), 4), "macro_f1": round(macro, 4), "macro_factors": big, "per_factor": per,
            "exact_match": round(float((Y == P).all(1).mean()), 4)}  # fmt: skip


ACCOUNTABILITY_INDICATORS = frozenset({"2.3", "2.7"})  # accountability; transitional justice (codebook RF2 rows)
# own labels drawn and labelled blind after the rules were last changed (issue 11): no rule was designed on them
BLIND_BATCH_NOTES = ("(batch 5)",)
# hand labels kept out of all training (next to own-labels.csv): scored with the model trained on everything else
HOLDOUT_CSV = "blind-holdout.csv"
_BATCH = re.compile(r"\(batch (\d+)\)")


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """Wilson score interval (95% by default) of a proportion of *k* successes in *n* trials; None when n = 0."""
    if n <= 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3)


def _recall(P: np.ndarray, R: np.ndarray, idx, texts: list[str]) -> dict:
    """RF2 recall of the model (P) and of the rules alone (R) on the rows *idx*, with its Wilson 95% interval."""
    idx = list(idx)
    hits = int(P[idx, 1].sum()) if idx else 0
    return {"n": len(idx), "hits": hits, "rf2_recall": round(hits / len(idx), 3) if idx else None,
            "wilson95": wilson_interval(hits, len(idx)),
            "rules_rf2_recall": round(float(R[idx, 1].mean()), 3) if idx else None,
            "missed": [texts[i] for i in idx if not P[i, 1]]}  # fmt: skip


def _indicators(path: Path) -> list[frozenset[str]]:
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    column = df["indicators"] if "indicators" in df.columns else [""] * len(df)
    return [frozenset(x.strip() for x in str(v).replace(",", ";").split(";") if x.strip()) for v in column]


def _brier(Y: np.ndarray, P: np.ndarray) -> np.ndarray:
    return ((P.astype(np.float64) - Y) ** 2).mean(axis=0)


def evaluate_cv(dev_csv, uprinfo_csv=None, folds: int = 5, seed: int = 0, own_csv=None, **overrides) -> dict:
    """K-fold CV over the hand labels: fold *i* holds out the *i*-th fifth of the dev rows and the *i*-th fifth of
    our own labelled rows; the model (vocabulary, weights, thresholds, calibration) is trained on the other hand
    labels plus weak labels. Returns, on the held-out dev rows: micro-F1, macro-F1 (factors with >= 10 dev
    examples), per-factor P/R/F1/support and the rules-only baseline; RF2 recall on the accountability asks
    (labelled indicator 2.3 or 2.7) of dev and own rows; per-factor Brier scores of the raw and calibrated scores
    (key ``calibration``), and the held-out scores themselves under ``_heldout`` (for the reliability plot)."""
    from sklearn.model_selection import KFold

    from upr_lens import config

    params = _Params(seed=seed, **overrides)
    dev_csv = Path(dev_csv)
    own_csv = Path(own_csv) if own_csv else config.own_labels_csv()
    texts, Y = load_labeled(dev_csv)
    n_dev = len(texts)
    indicators = _indicators(dev_csv)
    blind = [False] * n_dev
    if own_csv is not None and Path(own_csv).exists():
        import pandas as pd

        own_texts, own_Y = load_labeled(Path(own_csv))
        texts += own_texts
        Y = np.vstack([Y, own_Y])
        indicators += _indicators(Path(own_csv))
        notes = pd.read_csv(own_csv, dtype=str, keep_default_na=False).get("labeler_note")
        notes = notes if notes is not None else [""] * len(own_texts)
        blind += [any(b in str(n) for b in BLIND_BATCH_NOTES) for n in notes]
    keys = [_norm_key(t) for t in texts]
    split = KFold(folds, shuffle=True, random_state=seed)
    fold_of = np.zeros(len(texts), np.int64)
    for part in (np.arange(n_dev), np.arange(n_dev, len(texts))):
        if len(part) >= folds:
            for f, (_tr, te) in enumerate(split.split(part)):
                fold_of[part[te]] = f
    P = np.zeros_like(Y)
    raw = np.zeros(Y.shape, np.float32)
    cal = np.zeros(Y.shape, np.float32)
    t0 = time.perf_counter()
    for f in range(folds):
        te = np.flatnonzero(fold_of == f)
        hold = {keys[i] for i in te}
        tr_texts, tr_Y, tr_W = _training_data(dev_csv, uprinfo_csv, own_csv, params, holdout_keys=hold)
        vocab = _vocab_for(tr_texts, tr_Y, tr_W, params)
        _feat, coef, b, m, thr, calibration = _fit(tr_texts, tr_Y, tr_W, vocab, params)
        model = RiskFactorModel(vocab, coef, b, m, thr, calibration=calibration)
        Pr, _, _, _ = model.predict_scores([texts[i] for i in te])
        P[te] = (Pr >= thr[None, :]).astype(np.int8)
        raw[te] = Pr
        cal[te] = model.probabilities(Pr)
    R = np.zeros_like(Y)
    for i, res in enumerate(rr.apply_rules_batch(texts)):
        for k in res.risk_factors:
            R[i, k - 1] = 1
    Y = Y.astype(np.int8)
    dev = slice(0, n_dev)
    out = _prf(Y[dev], P[dev])
    out["rules_only"] = {k: v for k, v in _prf(Y[dev], R[dev]).items() if k != "per_factor"}
    out["folds"] = folds
    out["n"] = n_dev
    out["n_own_heldout"] = len(texts) - n_dev
    out["own_labels"] = {k: v for k, v in _prf(Y[n_dev:], P[n_dev:]).items() if k != "per_factor"}
    account = np.asarray([bool(ind & ACCOUNTABILITY_INDICATORS) and y2 == 1 for ind, y2 in zip(indicators, Y[:, 1])])
    acc = {}
    subsets = {"dev": account & (np.arange(len(texts)) < n_dev), "own": account & (np.arange(len(texts)) >= n_dev),
               "all": account, "blind": account & np.asarray(blind)}  # fmt: skip
    for name, rows in subsets.items():
        acc[name] = _recall(P, R, np.flatnonzero(rows), texts)
    out["accountability"] = acc
    brier_raw, brier_cal = _brier(Y, raw), _brier(Y, cal)
    out["calibration"] = {
        int(k): {"support": int(Y[:, j].sum()), "brier_raw": round(float(brier_raw[j]), 4),
                 "brier_calibrated": round(float(brier_cal[j]), 4)}
        for j, k in enumerate(FACTOR_IDS)
    }
    out["calibration_rows"] = len(texts)
    out["_heldout"] = {"y": Y, "raw": raw, "calibrated": cal}
    holdout_csv = Path(own_csv).with_name(HOLDOUT_CSV) if own_csv is not None else None
    if holdout_csv is not None and holdout_csv.exists():
        out["holdout"] = _evaluate_holdout(holdout_csv, dev_csv, uprinfo_csv, own_csv, params)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def _evaluate_holdout(holdout_csv: Path, dev_csv, uprinfo_csv, own_csv, params: _Params) -> dict:
    """The model trained on all training data (as `upr-lens train` builds it, with the hold-out texts also kept out
    of the weak UPR Info rows) on hand labels it never saw. RF2 recall on the accountability asks (RF2 labelled
    with 2.3 or 2.7) in total and per batch; on the other texts, how many the model gives RF2 and how many of those
    the labels support (RF2 for another indicator, e.g. 2.1 or 2.6)."""
    import pandas as pd

    texts, Y = load_labeled(holdout_csv)
    indicators = _indicators(holdout_csv)
    notes = pd.read_csv(holdout_csv, dtype=str, keep_default_na=False).get("labeler_note")
    batches = [m.group(1) if (m := _BATCH.search(str(n))) else "unmarked" for n in (notes if notes is not None
               else [""] * len(texts))]  # fmt: skip
    hold = {_norm_key(t) for t in texts}
    tr_texts, tr_Y, tr_W = _training_data(dev_csv, uprinfo_csv, own_csv, params, holdout_keys=hold)
    vocab = _vocab_for(tr_texts, tr_Y, tr_W, params)
    _feat, coef, b, m, thr, calibration = _fit(tr_texts, tr_Y, tr_W, vocab, params)
    Pr, _, _, _ = RiskFactorModel(vocab, coef, b, m, thr, calibration=calibration).predict_scores(texts)
    P = (Pr >= thr[None, :]).astype(np.int8)
    R = np.zeros_like(P)
    for i, res in enumerate(rr.apply_rules_batch(texts)):
        for k in res.risk_factors:
            R[i, k - 1] = 1
    Y = Y.astype(np.int8)
    asks = [bool(ind & ACCOUNTABILITY_INDICATORS) and y2 == 1 for ind, y2 in zip(indicators, Y[:, 1])]
    idx = [i for i, a in enumerate(asks) if a]
    by_batch = {b: _recall(P, R, [i for i in idx if batches[i] == b], texts) for b in sorted(set(batches))}
    others = [i for i, a in enumerate(asks) if not a]
    flagged = [i for i in others if P[i, 1]]
    right = [i for i in flagged if Y[i, 1]]
    tp, fp = int((P[:, 1] & Y[:, 1]).sum()), int((P[:, 1] & (1 - Y[:, 1])).sum())
    return {
        "file": holdout_csv.name,
        "n": len(texts),
        "n_by_batch": {b: batches.count(b) for b in sorted(set(batches))},
        "micro_f1": _prf(Y, P)["micro_f1"],
        "rules_micro_f1": _prf(Y, R)["micro_f1"],
        "accountability": {**_recall(P, R, idx, texts), "by_batch": by_batch},
        "rf2_precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "rf2_predicted": tp + fp,
        "non_accountability": {
            "n": len(others),
            "rf2_predicted": len(flagged),
            "rf2_precision": round(len(right) / len(flagged), 3) if flagged else None,
            "false_rf2": [texts[i] for i in flagged if not Y[i, 1]],
            "n_without_rf2": (n_neg := sum(1 for i in others if not Y[i, 1])),
            "false_rf2_rate": round((len(flagged) - len(right)) / max(n_neg, 1), 3),
        },
    }
