"""Atrocity-risk classifier: the codebook rules (``risk_rules``) combined with per-factor logistic regressions.

Each recommendation is scanned once by a single compiled regular expression holding the rule lexicon and a
bag-of-words vocabulary. That yields (a) the cue set, which the codebook rules turn into rule decisions and
indicators, and (b) sparse binary features: rule decision per factor, cues, words. One logistic regression per
risk factor, trained on the hand-labelled dev set, our own hand labels and weak labels over UPR Info texts,
re-weighs the rules with the context words; per-factor thresholds come from cross-validation. Factors with too
few labelled examples fall back to the rules.

    model = RiskFactorModel.load()
    [p] = model.predict(["Ratify the Rome Statute and cooperate with the ICC."])
    p.risk_factors, p.indicators, p.reason
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import risk_rules as rr
from .risk_table import FACTOR_IDS

__all__ = ["RiskPrediction", "RiskFactorModel", "train", "evaluate_cv", "ISSUE_TO_RF", "load_labeled"]

REPO = Path(__file__).resolve().parents[2]
MODELS_DIR = REPO / "models"
ARTIFACT = "risk_factors.joblib"
OWN_LABELS = Path("labels") / "own-labels.csv"
N_RF = len(FACTOR_IDS)
FORMAT = 1

# UPR Info issue -> risk factors it usually signals (designed from the codebook, section 3). Issues whose topics the
# codebook treats as not atrocity-relevant by default map to the empty set ("strong none" when no rule fires).
ISSUE_TO_RF: dict[str, frozenset[int]] = {
    "Torture and other CID treatment": frozenset({2}),
    "Enforced disappearances": frozenset({2}),
    "Extrajudicial executions": frozenset({2}),
    "Impunity": frozenset({2}),
    "Human rights violations by state agents": frozenset({2}),
    "Detention": frozenset({2}),
    "NHRI": frozenset({3}),
    "Justice": frozenset({3}),
    "Corruption": frozenset({3}),
    "Human rights defenders": frozenset({6}),
    "Freedom of the press": frozenset({6}),
    "Freedom of opinion and expression": frozenset({6}),
    "Freedom of association and peaceful assembly": frozenset({6}),
    "Civil society": frozenset({6}),
    "Special procedures": frozenset({6}),
    "Treaty bodies": frozenset({6}),
    "Asylum-seekers - refugees": frozenset({6}),
    "Counter-terrorism": frozenset({7}),
    "Internally displaced persons": frozenset({7}),
    "Elections": frozenset({8}),
    "Minorities": frozenset({9}),
    "Indigenous peoples": frozenset({9}),
    "Racial discrimination": frozenset({9}),
    "Freedom of religion and belief": frozenset({9}),
    "International humanitarian law": frozenset({13}),
    "International instruments": frozenset({3}),
}
NONE_ISSUES = frozenset({
    "Women's rights", "Rights of the Child", "Right to education", "Labour", "Death penalty", "Trafficking",
    "Disabilities", "ESC rights - general", "Right to health", "Poverty", "Development", "HIV - Aids", "Right to food",
    "Right to housing", "Environment", "Right to water", "Sexual Orientation and Gender Identity",
    "Human rights education and training", "Migrants",
})  # fmt: skip

_STOP = frozenset(
    "the and of to in for its on with a an all by as be at or from that this which their are is it into other".split()
)
_WORD = re.compile(r"[a-z][a-z0-9]+")


@dataclass(frozen=True)
class RiskPrediction:
    risk_factors: tuple[int, ...]
    scores: dict[int, float]
    indicators: tuple[str, ...]
    reason: str


@dataclass
class _Params:
    C: float = 0.5
    vocab_size: int = 3000
    min_df: int = 5
    weak_n: int = 6000
    weak_weight: float = 0.3
    min_pos: int = 12  # fewer labelled positives than this: the factor follows the rules
    seed: int = 0
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------------------------
# Featurisation: one regex pass per text (rule lexicon + vocabulary), rule decisions cached per cue set.
# ---------------------------------------------------------------------------------------------------------------


class _Featurizer:
    def __init__(self, vocab: Sequence[str]):
        self.vocab = list(vocab)
        self.cues = sorted(rr.CUES)
        self.n_rule = N_RF
        self.cue_off = self.n_rule
        self.word_off = self.cue_off + len(self.cues)
        self.n_features = self.word_off + len(self.vocab)
        cue_idx = {c: self.cue_off + i for i, c in enumerate(self.cues)}
        word_idx = {w: self.word_off + i for i, w in enumerate(self.vocab)}
        table: dict[str, tuple[str | None, tuple[int, ...]]] = {}
        for phrase, cid in rr.PHRASES.items():
            feats = (cue_idx[cid],) + ((word_idx[phrase],) if phrase in word_idx else ())
            table[phrase] = (cid, feats)
        for w, i in word_idx.items():
            if w not in table:
                table[w] = (None, (i,))
        self.table = table
        body = rr._trie_regex(sorted(table))
        # the scanned text is " " + normalize(text): a phrase starts after a non-word character (leftmost-longest)
        self.pattern = re.compile(r"[^\w](" + body + r")(?!\w)")
        self.names = [f"rule:RF{k}" for k in FACTOR_IDS] + [f"cue:{c}" for c in self.cues] + self.vocab

    def scan(self, texts: Sequence[str]):
        """-> (CSR indptr, indices, per-text cue dicts, per-text rule hits)."""
        findall = self.pattern.findall
        table = self.table
        norm = rr.normalize
        summary = _rule_summary
        indptr = [0]
        indices: list[int] = []
        founds: list[dict[str, str]] = []
        hits_all: list[tuple] = []
        for t in texts:
            found: dict[str, str] = {}
            feats: set[int] = set()
            for s in findall(" " + norm(t)):
                cid, fidx = table[s]
                if cid is not None and cid not in found:
                    found[cid] = s
                feats.update(fidx)
            hits, rule_idx = summary(frozenset(found))
            feats.update(rule_idx)
            indices.extend(feats)
            indptr.append(len(indices))
            founds.append(found)
            hits_all.append(hits)
        return indptr, indices, founds, hits_all

    def transform(self, texts: Sequence[str]):
        from scipy import sparse

        indptr, indices, founds, hits = self.scan(texts)
        data = np.ones(len(indices), dtype=np.float32)
        X = sparse.csr_matrix(
            (data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
            shape=(len(texts), self.n_features),
        )
        return X, founds, hits


@lru_cache(maxsize=200_000)
def _rule_summary(cues: frozenset[str]) -> tuple[tuple[rr.RuleHit, ...], tuple[int, ...]]:
    hits = rr.decide(cues)
    return hits, tuple(sorted({h.rf - 1 for h in hits}))


def build_vocab(texts: Sequence[str], size: int, min_df: int) -> list[str]:
    """Most frequent content words (document frequency) of an unlabelled corpus."""
    from collections import Counter

    df: Counter = Counter()
    for t in texts:
        df.update({w for w in _WORD.findall(rr.normalize(t)) if w not in _STOP})
    words = [w for w, c in df.most_common() if c >= min_df]
    return sorted(words[:size])


# ---------------------------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------------------------


def _parse_rf(s: str) -> set[int]:
    return {int(x) for x in str(s).replace(",", ";").split(";") if x.strip()}


def load_labeled(path: Path) -> tuple[list[str], np.ndarray]:
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    Y = np.zeros((len(df), N_RF), dtype=np.int8)
    for i, s in enumerate(df["risk_factors"]):
        for k in _parse_rf(s):
            Y[i, k - 1] = 1
    return df["text"].tolist(), Y


def _norm_key(t: str) -> str:
    return " ".join(t.lower().split())


def _default_shared() -> Path:
    return REPO.parent / "shared"


def _weak_set(uprinfo_csv: Path | None, exclude: set[str], n: int, seed: int):
    """UPR Info texts with weak labels: the rule decision, weighed down where the UPR Info issues disagree."""
    import pandas as pd

    if uprinfo_csv is None or n <= 0 or not Path(uprinfo_csv).exists():
        return [], np.zeros((0, N_RF), np.int8), np.zeros((0, N_RF), np.float32)
    u = pd.read_csv(uprinfo_csv, dtype=str, keep_default_na=False, usecols=["Text", "Issue"])
    u = u.drop_duplicates("Text")
    u = u[u["Text"].str.len().between(25, 700)]
    u = u[~u["Text"].map(_norm_key).isin(exclude)]
    u = u.sample(n=min(n, len(u)), random_state=seed)
    texts = u["Text"].tolist()
    rules = rr.apply_rules_batch(texts)
    Y = np.zeros((len(texts), N_RF), np.int8)
    W = np.ones((len(texts), N_RF), np.float32)
    for i, (res, issues) in enumerate(zip(rules, u["Issue"])):
        names = [x.strip() for x in issues.split(",") if x.strip()]
        mapped = set().union(*(ISSUE_TO_RF.get(x, frozenset()) for x in names)) if names else set()
        all_none = bool(names) and all(x in NONE_ISSUES for x in names)
        for k in res.risk_factors:
            Y[i, k - 1] = 1
        for j in range(N_RF):
            k = j + 1
            if Y[i, j] and all_none:
                W[i, j] = 0.0  # rule fires on a text UPR Info files under non-atrocity topics: uncertain
            elif not Y[i, j] and k in mapped:
                W[i, j] = 0.0  # issue suggests the factor, the rules see nothing: uncertain
    return texts, Y, W


# ---------------------------------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------------------------------


def _fit_heads(X, Y: np.ndarray, W: np.ndarray, params: _Params):
    """One L2 logistic regression per factor -> (coef [n_features, N_RF], intercept [N_RF], trained mask)."""
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((X.shape[1], N_RF), np.float32)
    intercept = np.zeros(N_RF, np.float32)
    trained = np.zeros(N_RF, bool)
    for j in range(N_RF):
        w = W[:, j]
        pos = float(((Y[:, j] == 1) & (w >= 1.0)).sum())
        if pos < params.min_pos:
            continue
        keep = w > 0
        y = Y[keep, j]
        if y.min() == y.max():
            continue
        clf = LogisticRegression(C=params.C, solver="liblinear", max_iter=200)
        clf.fit(X[keep], y, sample_weight=w[keep])
        coef[:, j] = clf.coef_[0]
        intercept[j] = clf.intercept_[0]
        trained[j] = True
    return coef, intercept, trained


def _scores(X, coef, intercept, trained, rule_flags):
    z = np.asarray(X @ coef) + intercept
    p = 1.0 / (1.0 + np.exp(-z))
    # factors without a model follow the rules
    fallback = np.where(rule_flags > 0, 0.9, 0.05).astype(np.float32)
    return np.where(trained[None, :], p, fallback).astype(np.float32)


def _best_threshold(y: np.ndarray, p: np.ndarray, w: np.ndarray) -> float:
    best_t, best_f = 0.5, -1.0
    for t in np.arange(0.2, 0.81, 0.025):
        pred = p >= t
        tp = float((w * (pred & (y == 1))).sum())
        fp = float((w * (pred & (y == 0))).sum())
        fn = float((w * (~pred & (y == 1))).sum())
        f = 2 * tp / max(2 * tp + fp + fn, 1e-9)
        if f > best_f + 1e-9:
            best_t, best_f = float(t), f
    return best_t


def _fit(texts, Y, W, vocab, params: _Params, tune_thresholds: bool = True):
    feat = _Featurizer(vocab)
    X, _, _ = feat.transform(texts)
    rule_flags = np.asarray(X[:, :N_RF].todense())
    coef, intercept, trained = _fit_heads(X, Y, W, params)
    thresholds = np.full(N_RF, 0.5, np.float32)
    if tune_thresholds:
        from sklearn.model_selection import KFold

        oof = np.zeros(Y.shape, np.float32)
        labelled = W.min(axis=1) >= 1.0  # tune on hand-labelled rows only
        for tr, te in KFold(5, shuffle=True, random_state=params.seed).split(X):
            c, b, m = _fit_heads(X[tr], Y[tr], W[tr], params)
            oof[te] = _scores(X[te], c, b, m, rule_flags[te])
        for j in range(N_RF):
            if trained[j]:
                thresholds[j] = _best_threshold(Y[labelled, j], oof[labelled, j], np.ones(labelled.sum()))
    return feat, coef, intercept, trained, thresholds


class RiskFactorModel:
    """Multi-label atrocity risk-factor classifier (rules + logistic regression)."""

    def __init__(self, vocab, coef, intercept, trained, thresholds, meta: dict | None = None):
        self.vocab = list(vocab)
        self.coef = np.asarray(coef, np.float32)
        self.intercept = np.asarray(intercept, np.float32)
        self.trained = np.asarray(trained, bool)
        self.thresholds = np.asarray(thresholds, np.float32)
        self.meta = dict(meta or {})
        self._feat = _Featurizer(self.vocab)
        if self._feat.n_features != self.coef.shape[0]:
            raise ValueError("artifact does not match the rule lexicon (feature count differs): retrain the model")
        digest = hashlib.sha1(self.coef.tobytes() + self.thresholds.tobytes()).hexdigest()[:10]
        self.version = f"risk-rules+lr/{self.meta.get('trained', 'dev')}/{digest}"

    # -- persistence --
    @classmethod
    def load(cls, models_dir: Path | None = None) -> RiskFactorModel:
        import joblib

        path = Path(models_dir or MODELS_DIR) / ARTIFACT
        blob = joblib.load(path)
        if blob.get("format") != FORMAT:
            raise ValueError(f"{path}: unknown artifact format {blob.get('format')!r}")
        if blob.get("lexicon") != _lexicon_digest():
            raise ValueError(f"{path}: trained with another rule lexicon; retrain (upr_lens.classify.risk_model.train)")
        return cls(blob["vocab"], blob["coef"], blob["intercept"], blob["trained"], blob["thresholds"], blob["meta"])

    def save(self, models_dir: Path) -> Path:
        import joblib

        models_dir = Path(models_dir)
        models_dir.mkdir(parents=True, exist_ok=True)
        path = models_dir / ARTIFACT
        blob = {
            "format": FORMAT,
            "lexicon": _lexicon_digest(),
            "vocab": self.vocab,
            "coef": self.coef,
            "intercept": self.intercept,
            "trained": self.trained,
            "thresholds": self.thresholds,
            "meta": self.meta,
        }
        joblib.dump(blob, path, compress=3)
        return path

    # -- prediction --
    def predict_scores(self, texts: Sequence[str]):
        X, founds, hits = self._feat.transform(texts)
        rule_flags = np.zeros((len(texts), N_RF), np.float32)
        for i, h in enumerate(hits):
            for hit in h:
                rule_flags[i, hit.rf - 1] = 1.0
        return _scores(X, self.coef, self.intercept, self.trained, rule_flags), X, founds, hits

    def predict(self, texts: Sequence[str]) -> list[RiskPrediction]:
        if isinstance(texts, str):
            raise TypeError("predict() takes a sequence of texts, not a single string")
        P, X, founds, hits = self.predict_scores(texts)
        decided = P >= self.thresholds[None, :]
        out = []
        ids = FACTOR_IDS
        for i in range(len(texts)):
            row = P[i]
            rfs = tuple(ids[j] for j in np.flatnonzero(decided[i]))
            scores = dict(zip(ids, np.round(row, 4).tolist()))
            inds, reason = _explain(rfs, hits[i], founds[i], X, i, self)
            out.append(RiskPrediction(rfs, scores, inds, reason))
        return out

    def top_features(self, rf: int, n: int = 15) -> list[tuple[str, float]]:
        col = self.coef[:, rf - 1]
        order = np.argsort(-col)[:n]
        return [(self._feat.names[j], float(col[j])) for j in order]


def _explain(rfs, hits, found, X, i, model) -> tuple[tuple[str, ...], str]:
    if not rfs:
        return (), "no atrocity-risk cue passed the codebook rules" if not hits else "rule cues outweighed by context"
    parts: list[str] = []
    inds: list[str] = []
    for rf in rfs:
        rf_hits = [h for h in hits if h.rf == rf]
        if rf_hits:
            for h in rf_hits:
                if h.indicator and h.indicator not in inds:
                    inds.append(h.indicator)
            seen = []
            for h in rf_hits[:3]:
                r = h.reason(found)
                if r not in seen:
                    seen.append(r)
            parts.extend(seen)
        else:
            parts.append(_model_reason(rf, X, i, model))
    return tuple(inds), "; ".join(parts)


def _model_reason(rf: int, X, i: int, model: RiskFactorModel) -> str:
    row = X.getrow(i)
    j = rf - 1
    contrib = [(model.coef[f, j], f) for f in row.indices if model.coef[f, j] > 0 and f >= N_RF]
    contrib.sort(reverse=True)
    words = []
    for _, f in contrib[:3]:
        name = model._feat.names[f]
        words.append(rr.CUES.get(name[4:], name) if name.startswith("cue:") else name)
    return f'RF{rf}: model, strongest words "' + '", "'.join(words) + '"' if words else f"RF{rf}: model"


@lru_cache(maxsize=1)
def _lexicon_digest() -> str:
    h = hashlib.sha1()
    for phrase, cid in sorted(rr.PHRASES.items()):
        h.update(f"{phrase}\t{cid}\n".encode())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------------------------------------------------------
# Training and evaluation
# ---------------------------------------------------------------------------------------------------------------


def _training_data(dev_csv, uprinfo_csv, own_csv, params: _Params, holdout_keys: set[str] | None = None):
    """Hand-labelled rows (dev minus hold-out, own labels) + weak UPR Info rows -> texts, Y, W."""
    texts: list[str] = []
    Ys, Ws = [], []
    exclude: set[str] = set(holdout_keys or ())
    for path in (dev_csv, own_csv):
        if path is None or not Path(path).exists():
            continue
        t, Y = load_labeled(Path(path))
        keep = [i for i, x in enumerate(t) if _norm_key(x) not in (holdout_keys or ())]
        exclude.update(_norm_key(x) for x in t)
        texts += [t[i] for i in keep]
        Ys.append(Y[keep])
        Ws.append(np.ones((len(keep), N_RF), np.float32))
    wt, wY, wW = _weak_set(uprinfo_csv, exclude, params.weak_n, params.seed)
    texts += wt
    Ys.append(wY)
    Ws.append(wW * params.weak_weight)
    return texts, np.vstack(Ys), np.vstack(Ws)


def _vocab_for(uprinfo_csv, texts, params: _Params) -> list[str]:
    import pandas as pd

    corpus = list(texts)
    if uprinfo_csv is not None and Path(uprinfo_csv).exists():
        corpus += pd.read_csv(uprinfo_csv, dtype=str, keep_default_na=False, usecols=["Text"])["Text"].unique().tolist()
    return build_vocab(corpus, params.vocab_size, params.min_df)


def train(models_dir, seed: int = 0, dev_csv=None, uprinfo_csv=None, **overrides) -> dict:
    """Train on the dev set, own labels and weak UPR Info labels; write ``risk_factors.joblib``; return a summary."""
    t0 = time.perf_counter()
    shared = _default_shared()
    dev_csv = Path(dev_csv) if dev_csv else shared / "atrocity" / "risk-factor-dev.csv"
    uprinfo_csv = Path(uprinfo_csv) if uprinfo_csv else shared / "upr" / "reference" / "uprinfo-sessions-1-20.csv"
    own_csv = MODELS_DIR / OWN_LABELS
    params = _Params(seed=seed, **overrides)
    texts, Y, W = _training_data(dev_csv, uprinfo_csv, own_csv, params)
    vocab = _vocab_for(uprinfo_csv, texts, params)
    feat, coef, intercept, trained, thr = _fit(texts, Y, W, vocab, params)
    hand = W.min(axis=1) >= 1.0
    meta = {
        "trained": time.strftime("%Y-%m-%d"),
        "seed": seed,
        "params": {k: v for k, v in vars(params).items() if k != "extra"},
        "n_hand": int(hand.sum()),
        "n_weak": int((~hand).sum()),
        "positives_hand": {int(k): int(Y[hand, k - 1].sum()) for k in FACTOR_IDS},
        "trained_factors": [int(k) for k, m in zip(FACTOR_IDS, trained) if m],
    }
    model = RiskFactorModel(vocab, coef, intercept, trained, thr, meta)
    path = model.save(models_dir)
    return {
        **meta,
        "path": str(path),
        "size_bytes": path.stat().st_size,
        "thresholds": {int(k): float(t) for k, t in zip(FACTOR_IDS, thr)},
        "n_features": feat.n_features,
        "seconds": round(time.perf_counter() - t0, 1),
        "version": model.version,
    }


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


def evaluate_cv(dev_csv, uprinfo_csv=None, folds: int = 5, seed: int = 0, own_csv=None, **overrides) -> dict:
    """K-fold CV on the dev set: each fold's dev rows are held out, the model is trained on the other dev rows plus
    own and weak labels. Returns micro-F1, macro-F1 (factors with >= 10 dev examples), per-factor P/R/F1/support,
    and the rules-only baseline on the same rows."""
    from sklearn.model_selection import KFold

    params = _Params(seed=seed, **overrides)
    dev_csv = Path(dev_csv)
    own_csv = Path(own_csv) if own_csv else MODELS_DIR / OWN_LABELS
    texts, Y = load_labeled(dev_csv)
    keys = [_norm_key(t) for t in texts]
    vocab = None
    P = np.zeros_like(Y)
    t0 = time.perf_counter()
    for tr, te in KFold(folds, shuffle=True, random_state=seed).split(texts):
        hold = {keys[i] for i in te}
        tr_texts, tr_Y, tr_W = _training_data(dev_csv, uprinfo_csv, own_csv, params, holdout_keys=hold)
        if vocab is None:
            vocab = _vocab_for(uprinfo_csv, tr_texts, params)
        feat, coef, b, m, thr = _fit(tr_texts, tr_Y, tr_W, vocab, params)
        model = RiskFactorModel(vocab, coef, b, m, thr)
        Pr, _, _, _ = model.predict_scores([texts[i] for i in te])
        P[te] = (Pr >= thr[None, :]).astype(np.int8)
    R = np.zeros_like(Y)
    for i, res in enumerate(rr.apply_rules_batch(texts)):
        for k in res.risk_factors:
            R[i, k - 1] = 1
    out = _prf(Y.astype(np.int8), P)
    out["rules_only"] = {k: v for k, v in _prf(Y.astype(np.int8), R).items() if k != "per_factor"}
    out["folds"] = folds
    out["n"] = len(texts)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out
