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
import itertools
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from upr_lens.errors import ModelError

from . import risk_rules as rr
from .risk_decisions import _PLACEHOLDER
from .risk_table import FACTOR_IDS
from .text_features import gc_paused

__all__ = ["RiskPrediction", "RiskFactorModel", "train", "evaluate_cv", "ISSUE_TO_RF", "load_labeled"]

ARTIFACT = "risk_factors"  # risk_factors.npz and its entry in the models folder's manifest.json
N_RF = len(FACTOR_IDS)
_SHIFTS = np.arange(N_RF, dtype=np.int64)
_RFS = [tuple(FACTOR_IDS[j] for j in range(N_RF) if code >> j & 1) for code in range(1 << N_RF)]

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
    C: float = 1.0
    vocab_size: int = 400
    min_df: int = 3
    weak_n: int = 6000
    weak_weight: float = 0.3
    min_pos: int = 70  # fewer hand-labelled positives than this: the factor follows the rules (see the model card)
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
        feats: dict[str, tuple[int, ...]] = {}
        for phrase, cid in rr.PHRASES.items():
            # a possessive cue phrase ("women's") also counts as its word ("women"), which it hides from the scan:
            # otherwise "women's" and an OCR-damaged "women.s" would get different features
            word = phrase[:-2] if phrase.endswith("'s") else phrase
            feats[phrase] = (cue_idx[cid],) + ((word_idx[word],) if word in word_idx else ())
        for w, i in word_idx.items():
            feats.setdefault(w, (i,))
        self.feats_of = feats
        # the same as arrays, for the batch scan: phrase -> id; columns of id k are cols[ptr[k]:ptr[k] + nf[k]]
        self._phrase_id = {phrase: k for k, phrase in enumerate(feats)}
        self._phrase_nf = np.asarray([len(f) for f in feats.values()], np.int64)
        self._phrase_ptr = np.cumsum(self._phrase_nf) - self._phrase_nf
        self._phrase_cols = np.asarray([c for f in feats.values() for c in f], np.int64)
        self.cue_of = dict(rr.PHRASES)
        body = rr._trie_regex(sorted(feats))
        # the scanned text is " " + normalize(text): a phrase starts after a non-word character (leftmost-longest)
        self.pattern = re.compile(r"[^\w](" + body + r")(?!\w)")
        self.names = [f"rule:RF{k}" for k in FACTOR_IDS] + [f"cue:{c}" for c in self.cues] + self.vocab

    def scan(self, texts: Sequence[str]):
        """-> (row, column) of each feature occurrence (a row's columns may repeat), the matched phrases of each
        text, the rule hits of each text. Python touches each text once (regex scan, cue set, cached rule
        decision); the phrases' columns are gathered with numpy."""
        findall = self.pattern.findall
        norm = rr.normalize
        matches: list[list[str]] = [findall(" " + norm(t)) for t in texts]
        cue_get = self.cue_of.get
        summaries = list(map(_rule_summary, [frozenset(filter(None, map(cue_get, ms))) for ms in matches]))
        hits_all = [s[0] for s in summaries]
        n = len(matches)
        every = np.arange(n)
        # each matched phrase -> its one or two columns (its cue and/or its vocabulary word)
        flat = list(itertools.chain.from_iterable(matches))
        pid = np.fromiter(map(self._phrase_id.__getitem__, flat), np.int64, len(flat))
        nf = self._phrase_nf[pid]
        offsets = np.cumsum(nf) - nf
        at = np.repeat(self._phrase_ptr[pid] - offsets, nf) + np.arange(int(nf.sum()))
        cols_m = self._phrase_cols[at]
        rows_m = np.repeat(np.repeat(every, np.fromiter(map(len, matches), np.int64, n)), nf)
        rule = [s[1] for s in summaries]  # the factors whose rules fired: the rule-decision columns
        rlen = np.fromiter(map(len, rule), np.int64, n)
        cols_r = np.fromiter(itertools.chain.from_iterable(rule), np.int64, int(rlen.sum()))
        rows = np.concatenate((rows_m, np.repeat(every, rlen)))
        return rows, np.concatenate((cols_m, cols_r)), matches, hits_all

    def transform(self, texts: Sequence[str]):
        from scipy import sparse

        rows, cols, matches, hits = self.scan(texts)
        X = sparse.csr_matrix(
            (np.ones(len(rows), np.float32), (rows, cols)), shape=(len(texts), self.n_features), dtype=np.float32
        )
        X.sum_duplicates()
        X.sort_indices()
        X.data[:] = 1.0  # binary features
        return X, matches, hits


@lru_cache(maxsize=65_536)
def _named_cues(hits: tuple[rr.RuleHit, ...]) -> frozenset[str]:
    """The cues whose surface forms the reasons of *hits* quote: each hit's cue and the ``{cue}`` of its note."""
    return frozenset(h.cue for h in hits) | frozenset(m for h in hits for m in _PLACEHOLDER.findall(h.note))



@lru_cache(maxsize=65_536)
def _rule_summary(cues: frozenset[str]) -> tuple[tuple[rr.RuleHit, ...], tuple[int, ...]]:
    hits = rr.decide(cues)
    return hits, tuple(sorted({h[0] - 1 for h in hits}))  # h[0]: the factor (index access is faster)


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


# Rule hits the learned layer may not overrule: accountability for serious violations and transitional justice
# (codebook "Impunity" and "Transitional justice" rows; issue 11 puts their recall first).
BINDING = frozenset({(2, "2.3"), (2, "2.7")})


def _binding(hits: Sequence[tuple]) -> np.ndarray:
    """[n, N_RF] booleans: the factor carries a binding rule hit (see ``BINDING``)."""
    out = np.zeros((len(hits), N_RF), bool)
    for i, h in enumerate(hits):
        for hit in h:
            if (hit.rf, hit.indicator) in BINDING:
                out[i, hit.rf - 1] = True
    return out


def _scores(X, coef, intercept, trained, rule_flags, binding=None):
    z = np.asarray(X @ coef) + intercept
    p = 1.0 / (1.0 + np.exp(-z))
    # factors without a model follow the rules
    fallback = np.where(rule_flags > 0, 0.9, 0.05).astype(np.float32)
    out = np.where(trained[None, :], p, fallback)
    if binding is not None:  # a binding rule hit scores at least as high as a rule-following factor's hit
        out = np.where(binding, np.maximum(out, 0.9), out)
    return out.astype(np.float32)


def _best_threshold(y: np.ndarray, p: np.ndarray, w: np.ndarray) -> float:
    """The threshold of best F1 on the grid; where several thresholds tie, the middle of the tied ones.

    (Taking the lowest tied threshold made rare factors' thresholds jump between folds: with ten positives,
    one label more or less moved RF1's threshold from 0.55 to 0.2.)
    """
    grid = np.arange(0.2, 0.81, 0.025)
    fs = []
    for t in grid:
        pred = p >= t
        tp = float((w * (pred & (y == 1))).sum())
        fp = float((w * (pred & (y == 0))).sum())
        fn = float((w * (~pred & (y == 1))).sum())
        fs.append(2 * tp / max(2 * tp + fp + fn, 1e-9))
    f = np.asarray(fs)
    best = np.flatnonzero(f >= f.max() - 1e-9)
    return float(grid[best[len(best) // 2]])


def _fit(texts, Y, W, vocab, params: _Params, tune_thresholds: bool = True):
    feat = _Featurizer(vocab)
    X, _, hits = feat.transform(texts)
    rule_flags = np.asarray(X[:, :N_RF].todense())
    binding = _binding(hits)
    coef, intercept, trained = _fit_heads(X, Y, W, params)
    thresholds = np.full(N_RF, 0.5, np.float32)
    calibration = np.tile(np.asarray([1.0, 0.0], np.float32), (N_RF, 1))  # identity until fitted
    if tune_thresholds:
        from sklearn.model_selection import KFold

        oof = np.zeros(Y.shape, np.float32)
        labelled = W.min(axis=1) >= 1.0  # tune on hand-labelled rows only
        for tr, te in KFold(5, shuffle=True, random_state=params.seed).split(X):
            c, b, m = _fit_heads(X[tr], Y[tr], W[tr], params)
            oof[te] = _scores(X[te], c, b, m, rule_flags[te], binding[te])
        for j in range(N_RF):
            if trained[j]:
                thresholds[j] = _best_threshold(Y[labelled, j], oof[labelled, j], np.ones(labelled.sum()))
        calibration = _fit_calibration(Y[labelled], oof[labelled])
    return feat, coef, intercept, trained, thresholds, calibration


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, np.float64), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _fit_calibration(Y: np.ndarray, oof: np.ndarray) -> np.ndarray:
    """Platt scaling per factor, fitted on out-of-fold scores of hand-labelled rows -> [N_RF, 2] (slope, offset).

    ``calibrated = sigmoid(slope * logit(score) + offset)``: strictly increasing (slope > 0), so the order of
    scores and the decisions (raw score >= threshold) are unchanged. For a factor that follows the rules the raw
    score takes two values (0.9 / 0.05) and the fit returns the observed share of positives at each.
    """
    from sklearn.linear_model import LogisticRegression

    out = np.tile(np.asarray([1.0, 0.0], np.float32), (N_RF, 1))
    for j in range(N_RF):
        y = Y[:, j]
        if y.min() == y.max():
            continue
        clf = LogisticRegression(C=100.0, solver="lbfgs", max_iter=1000)
        clf.fit(_logit(oof[:, j])[:, None], y)
        slope, offset = float(clf.coef_[0, 0]), float(clf.intercept_[0])
        if slope > 0:
            out[j] = (slope, offset)
    return out


def calibrate(P: np.ndarray, calibration: np.ndarray) -> np.ndarray:
    """Raw scores [n, N_RF] -> calibrated probabilities (see :func:`_fit_calibration`)."""
    z = _logit(P) * calibration[None, :, 0] + calibration[None, :, 1]
    return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


class RiskFactorModel:
    """Multi-label atrocity risk-factor classifier (rules + logistic regression)."""

    def __init__(self, vocab, coef, intercept, trained, thresholds, meta: dict | None = None, calibration=None):
        self.vocab = list(vocab)
        self.coef = np.asarray(coef, np.float32)
        self.intercept = np.asarray(intercept, np.float32)
        self.trained = np.asarray(trained, bool)
        self.thresholds = np.asarray(thresholds, np.float32)
        # [N_RF, 2] Platt slope and offset per factor (identity for an artifact saved without them)
        self.calibration = (np.tile(np.asarray([1.0, 0.0], np.float32), (N_RF, 1)) if calibration is None
                            else np.asarray(calibration, np.float32))
        self.meta = dict(meta or {})
        self._feat = _Featurizer(self.vocab)
        if self._feat.n_features != self.coef.shape[0]:
            raise ModelError("the risk-factor artifact does not fit the rule lexicon (feature counts differ): retrain")
        digest = hashlib.sha1(self.coef.tobytes() + self.thresholds.tobytes()).hexdigest()[:10]
        self.version = f"risk-rules+lr/{self.meta.get('trained', 'dev')}/{digest}"

    # -- persistence --
    @classmethod
    def load(cls, models_dir: str | Path | None = None) -> RiskFactorModel:
        """The model in *models_dir* (default: :func:`upr_lens.config.models_dir`); a :class:`ModelError` if it is
        missing, altered, or trained with another rule lexicon."""
        from upr_lens import config

        from .artifacts import read_artifact

        art = read_artifact(config.models_dir(models_dir), ARTIFACT, lexicon_digest=_lexicon_digest())
        a = art.arrays
        return cls(a["vocab"].tolist(), a["coef"], a["intercept"], a["trained"], a["thresholds"], art.settings,
                   a.get("calibration"))

    def save(
        self, models_dir: str | Path, training_data: dict[str, str] | None = None, metrics: dict | None = None
    ) -> Path:
        """Write ``risk_factors.npz`` and its manifest entry (see :mod:`upr_lens.classify.artifacts`)."""
        from .artifacts import write_artifact

        arrays = {
            "vocab": np.asarray(self.vocab, dtype=str),
            "coef": self.coef,
            "intercept": self.intercept,
            "trained": self.trained,
            "thresholds": self.thresholds,
            "calibration": self.calibration,
        }
        return write_artifact(
            models_dir,
            ARTIFACT,
            arrays,
            settings=self.meta,
            metrics=metrics or {},
            training_data=training_data or {},
            lexicon_digest=_lexicon_digest(),
        )

    # -- prediction --
    def predict_scores(self, texts: Sequence[str]):
        """-> (raw scores [n, N_RF], features, matched phrases, rule hits). Decisions are raw score >= threshold;
        :meth:`probabilities` turns raw scores into calibrated probabilities."""
        with gc_paused():  # the scan builds many small acyclic objects; see text_features.gc_paused
            X, matches, hits = self._feat.transform(texts)
        rule_flags = np.asarray(X[:, :N_RF].todense(), np.float32)
        return _scores(X, self.coef, self.intercept, self.trained, rule_flags, _binding(hits)), X, matches, hits

    def probabilities(self, P: np.ndarray) -> np.ndarray:
        """Calibrated probability per factor for raw scores *P* (what ``RiskPrediction.scores`` holds)."""
        return calibrate(P, self.calibration)

    @property
    def calibrated_thresholds(self) -> np.ndarray:
        """The decision thresholds on the calibrated scale: a factor is predicted when its calibrated score is at
        least this (calibration is strictly increasing, so this is the same decision as raw score >= threshold)."""
        return self.probabilities(self.thresholds[None, :])[0]

    def predict(self, texts: Sequence[str]) -> list[RiskPrediction]:
        if isinstance(texts, str):
            raise TypeError("predict() takes a sequence of texts, not a single string")
        with gc_paused():
            return self._predict(texts)

    def _predict(self, texts: Sequence[str]) -> list[RiskPrediction]:
        return list(map(RiskPrediction, *self.predict_columns(texts)))

    def predict_columns(self, texts: Sequence[str]) -> tuple[list, list, list, list]:
        """What :meth:`predict` returns, as four lists (risk factors, scores, indicators, reason) rather than one
        object per text: the bulk path of ``Classifier.classify``."""
        P, X, matches, hits = self.predict_scores(texts)
        codes = ((P >= self.thresholds[None, :]).astype(np.int64) << _SHIFTS[None, :]).sum(axis=1).tolist()
        rows = np.round(self.probabilities(P).astype(np.float64), 4).tolist()
        ids = FACTOR_IDS
        explain = self._explain_cached
        surfaces_of = self._surfaces
        indicators: list[tuple[str, ...]] = []
        reasons: list[str] = []
        add_indicators = indicators.append
        add_reason = reasons.append
        for i, (code, h, ms) in enumerate(zip(codes, hits, matches)):
            surf = surfaces_of(ms, h) if code and h else ()
            inds, reason = explain(code, h, surf)
            if reason is None:  # a factor predicted without any rule hit: name the strongest words
                inds, reason = self._explain_words(code, h, X, i, {}, ms)
            add_indicators(inds)
            add_reason(reason)
        rfs_of = _RFS
        return [rfs_of[c] for c in codes], [dict(zip(ids, row)) for row in rows], indicators, reasons

    def _surfaces(self, matches: list[str], hits: tuple) -> tuple[tuple[str, str], ...]:
        """(cue id, first surface form in the normalised text) for the cues the hits name (in notes too): only
        these reach a reason, so texts that differ in other cues' wording share one cached explanation."""
        named = _named_cues(hits)
        backwards = matches[::-1]
        first = dict(zip(map(self._feat.cue_of.get, backwards), backwards))  # the earliest match wins (set last)
        return tuple(sorted((cid, first[cid]) for cid in named if cid in first))

    @lru_cache(maxsize=32_768)  # noqa: B019 - bounded, one model per process
    def _explain_cached(self, code: int, hits: tuple, surf: tuple = ()) -> tuple[tuple[str, ...], str | None]:
        rfs = _RFS[code]
        if not rfs:
            return (), (
                "no atrocity-risk cue passed the codebook rules" if not hits else "rule cues outweighed by context"
            )
        inds: list[str] = []
        parts: list[str] = []
        for rf in rfs:
            rf_hits = [h for h in hits if h.rf == rf]
            if not rf_hits:
                return (), None
            for h in rf_hits:
                if h.indicator and h.indicator not in inds:
                    inds.append(h.indicator)
            surfaces = dict(surf)
            for r in dict.fromkeys(h.reason(surfaces) for h in rf_hits[:3]):
                parts.append(r)
        return tuple(inds), "; ".join(parts)

    def _explain_words(
        self, code: int, hits: tuple, X, i: int, surfaces: dict[str, str], matches: list[str]
    ) -> tuple[tuple[str, ...], str]:
        if not surfaces:  # every cue's first surface form: the model may quote any cue it weighs
            cue_get = self._feat.cue_of.get
            for m in matches:
                cid = cue_get(m)
                if cid is not None and cid not in surfaces:
                    surfaces[cid] = m
        inds: list[str] = []
        parts: list[str] = []
        for rf in _RFS[code]:
            rf_hits = [h for h in hits if h.rf == rf]
            if rf_hits:
                inds += [h.indicator for h in rf_hits if h.indicator and h.indicator not in inds]
                parts += list(dict.fromkeys(h.reason(surfaces) for h in rf_hits[:3]))
            else:
                parts.append(_model_reason(rf, X, i, self, surfaces))
        return tuple(inds), "; ".join(parts)

    def top_features(self, rf: int, n: int = 15) -> list[tuple[str, float]]:
        col = self.coef[:, rf - 1]
        order = np.argsort(-col)[:n]
        return [(self._feat.names[j], float(col[j])) for j in order]


# Words that are never a reason, even when the model weighs them (function words, modal verbs and the generic
# vocabulary of every UPR recommendation).
REASON_STOP = frozenset(
    """
a about above according act action actions adopt after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing during each effective effectively efforts
ensure establish few for from full fully further had has have having he her here hers him his how i if in
including into is it its itself just law laws legislation may me measures might more most must my national
necessary new no nor not now of off on once only or other our out over own particular particularly promote
protect protection provide same shall she should so some strengthen such take than that the their theirs them then
there these they this those through to too under until up very was we were what when where which while who whom
why will with within would you your continue consider implement ensure guarantee improve increase state states
""".split()
)


def _model_reason(rf: int, X, i: int, model: RiskFactorModel, surfaces: dict[str, str]) -> str:
    """The model's strongest present features for factor ``rf``, quoted as they occur in the text."""
    j = rf - 1
    row = X.indices[X.indptr[i] : X.indptr[i + 1]]
    contrib = [(model.coef[f, j], f) for f in row.tolist() if f >= N_RF and model.coef[f, j] > 0]
    contrib.sort(reverse=True)
    words: list[str] = []
    for _, f in contrib:
        name = model._feat.names[f]
        word = surfaces.get(name[4:]) if name.startswith("cue:") else name
        if word and word not in REASON_STOP and word not in words:
            words.append(word)
        if len(words) == 3:
            break
    return f'RF{rf}: model, strongest words "' + '", "'.join(words) + '"' if words else f"RF{rf}: model"


@lru_cache(maxsize=1)
def _lexicon_digest() -> str:
    return rr.lexicon_digest()


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


@lru_cache(maxsize=1)
def _state_name_words() -> frozenset[str]:
    """Words of UN member State names that are not cue phrases ("united", "states", "arab" ...): never vocabulary
    words, so the recommending States named in a text's closing parenthesis do not move its labels."""
    from upr_lens import states

    words = {w for row in states._MEMBERS for name in row[2:] for w in _WORD.findall(name.lower())}
    return frozenset(words - set(rr.PHRASES))


def _vocab_for(texts: Sequence[str], Y: np.ndarray, W: np.ndarray, params: _Params) -> list[str]:
    """Content words most associated with some factor (max chi-squared over factors) in the training rows.

    Chosen on labelled rows only, so held-out rows never inform it. A small, discriminative vocabulary keeps
    the single-pass scan fast (frequent function words are never features).
    """
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.feature_selection import chi2

    if params.vocab_size <= 0:
        return []
    hand = W.min(axis=1) >= 1.0
    docs = [rr.normalize(t) for t, h in zip(texts, hand) if h]
    cv = CountVectorizer(token_pattern=r"(?u)\b[a-z][a-z0-9]+\b", binary=True, min_df=params.min_df)
    D = cv.fit_transform(docs)
    words = cv.get_feature_names_out()
    scores = np.zeros(len(words))
    Yh = Y[hand]
    for j in range(N_RF):
        if Yh[:, j].sum() >= 3:
            c, _ = chi2(D, Yh[:, j])
            scores = np.maximum(scores, np.nan_to_num(c))
    # Equal scores are common at the cut (several words seen in the same rows): break ties by the word itself, on
    # scores rounded past floating-point noise, so the vocabulary does not depend on the sort algorithm or version.
    skip = _STOP | _state_name_words()
    order = [i for i in np.lexsort((words, -np.round(scores, 9))) if words[i] not in skip]
    return sorted(words[i] for i in order[: params.vocab_size])


def train(models_dir, seed: int = 0, dev_csv=None, uprinfo_csv=None, **overrides) -> dict:
    """Train on the dev set, own labels and weak UPR Info labels; write ``risk_factors.npz``; return a summary."""
    from upr_lens import config

    from .artifacts import training_data_digests

    t0 = time.perf_counter()
    dev_csv = Path(dev_csv) if dev_csv else config.shared_file("atrocity", "risk-factor-dev.csv")
    uprinfo_csv = (
        Path(uprinfo_csv) if uprinfo_csv else config.shared_file("upr", "reference", "uprinfo-sessions-1-20.csv")
    )
    own_csv = config.own_labels_csv()
    params = _Params(seed=seed, **overrides)
    # the blind hold-out (labels/blind-holdout.csv) is never trained on, not even as a weak UPR Info row
    holdout_csv = own_csv.parent / "blind-holdout.csv"
    holdout = {_norm_key(t) for t in load_labeled(holdout_csv)[0]} if holdout_csv.exists() else set()
    texts, Y, W = _training_data(dev_csv, uprinfo_csv, own_csv, params, holdout_keys=holdout)
    vocab = _vocab_for(texts, Y, W, params)
    feat, coef, intercept, trained, thr, cal = _fit(texts, Y, W, vocab, params)
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
    model = RiskFactorModel(vocab, coef, intercept, trained, thr, meta, cal)
    metrics = {"thresholds": {int(k): float(t) for k, t in zip(FACTOR_IDS, thr)}, "n_features": feat.n_features}
    # the hold-out shapes training too (its texts are left out), so its digest is recorded with the rest
    path = model.save(models_dir, training_data_digests(dev_csv, uprinfo_csv, own_csv, holdout_csv), metrics)
    return {
        **meta,
        "path": str(path),
        "size_bytes": path.stat().st_size,
        "thresholds": {int(k): float(t) for k, t in zip(FACTOR_IDS, thr)},
        "n_features": feat.n_features,
        "seconds": round(time.perf_counter() - t0, 1),
        "version": model.version,
    }


def evaluate_cv(dev_csv, uprinfo_csv=None, folds: int = 5, seed: int = 0, own_csv=None, **overrides) -> dict:
    """K-fold CV over the hand labels (see :func:`upr_lens.classify.risk_evaluation.evaluate_cv`)."""
    from .risk_evaluation import evaluate_cv as run

    return run(dev_csv, uprinfo_csv, folds=folds, seed=seed, own_csv=own_csv, **overrides)
