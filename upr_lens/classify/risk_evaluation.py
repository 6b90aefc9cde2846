"""Held-out evaluation of the risk-factor model (what `upr-lens evaluate` and the model card report).

* :func:`evaluate_cv`: K-fold CV over the hand labels (dev set and our own labels), F1 on the dev rows, RF2 recall
  on the accountability asks, Brier scores of raw and calibrated scores, held-out scores for the reliability plot;
* a blind hold-out file next to the own labels (``blind-holdout.csv``), never trained on, scored with the model
  trained on everything else.
"""

from __future__ import annotations

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

__all__ = ["evaluate_cv", "ACCOUNTABILITY_INDICATORS", "HOLDOUT_CSV"]


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
        idx = np.flatnonzero(rows)
        acc[name] = {"n": int(len(idx)), "rf2_recall": round(float(P[idx, 1].mean()), 3) if len(idx) else None,
                     "rules_rf2_recall": round(float(R[idx, 1].mean()), 3) if len(idx) else None,
                     "missed": [texts[i] for i in idx if not P[i, 1]]}
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
    """The model trained on all training data (as `upr-lens train` builds it) on hand labels it never saw."""
    texts, Y = load_labeled(holdout_csv)
    indicators = _indicators(holdout_csv)
    tr_texts, tr_Y, tr_W = _training_data(dev_csv, uprinfo_csv, own_csv, params)
    vocab = _vocab_for(tr_texts, tr_Y, tr_W, params)
    _feat, coef, b, m, thr, calibration = _fit(tr_texts, tr_Y, tr_W, vocab, params)
    Pr, _, _, _ = RiskFactorModel(vocab, coef, b, m, thr, calibration=calibration).predict_scores(texts)
    P = (Pr >= thr[None, :]).astype(np.int8)
    R = np.zeros_like(P)
    for i, res in enumerate(rr.apply_rules_batch(texts)):
        for k in res.risk_factors:
            R[i, k - 1] = 1
    Y = Y.astype(np.int8)
    idx = [i for i, (ind, y2) in enumerate(zip(indicators, Y[:, 1])) if ind & ACCOUNTABILITY_INDICATORS and y2 == 1]
    return {
        "file": holdout_csv.name,
        "n": len(texts),
        "micro_f1": _prf(Y, P)["micro_f1"],
        "rules_micro_f1": _prf(Y, R)["micro_f1"],
        "accountability": {
            "n": len(idx),
            "rf2_recall": round(float(P[idx, 1].mean()), 3) if idx else None,
            "rules_rf2_recall": round(float(R[idx, 1].mean()), 3) if idx else None,
            "missed": [texts[i] for i in idx if not P[i, 1]],
        },
    }
