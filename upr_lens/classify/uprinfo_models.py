"""UPR Info action-category and issue models.

Two linear models over the hashed features of :mod:`upr_lens.classify.text_features`, trained on UPR Info's
coded recommendations of sessions 1-16 (sessions 17-20 are the held-out test split):

* **action** - UPR Info's action category 1-5 (McMahon's scale: 1 minimal action / other States,
  2 continuing, 3 considering, 4 general, 5 specific action).  A linear SVM over two feature blocks, each
  L2-normalised on its own: word uni/bigrams, and "opening" cues (first verb after skipping adverbs, "X and Y",
  "X to Y", verb after a leading phrase, the first words, the means clause "by ...ing" conjoined with the
  verb), weighted 1.25 so that they count as much in a long text as in a short one.  Confidence is a softmax
  of the SVM margins with a temperature fitted on cross-validated margins.
* **issues** - the 54 UPR Info issues, one linear SVM per label over word uni/bigrams and word prefixes.
  Thresholds are chosen on cross-validated margins (grouped by session): each label's best-F1 threshold,
  then a coordinate ascent on micro-F1 over all labels together; scores are Platt-scaled.  Every
  recommendation gets at least one issue (the best-scoring one when none passes its threshold).

Reasons are read off the linear weights: the feature with the largest contribution to the chosen class
(action) or the two largest to each chosen label (issues), quoted from the input text.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from .artifacts import block_model, block_model_arrays, read_artifact, training_data_digests, write_artifact
from .text_features import (
    GROUP_LABELS,
    GROUPS,
    FeatureBatch,
    HashedVocabulary,
    featurize,
    gc_paused,
    group_name,
)

ACTION_FILE = "action"  # action.npz / issues.npz and their entries in the models folder's manifest.json
ISSUES_FILE = "issues"
TRAIN_SESSIONS = range(1, 17)
TEST_SESSIONS = range(17, 21)

ISSUES: tuple[str, ...] = (
    "Asylum-seekers - refugees",
    "CP rights - general",
    "Civil society",
    "Corruption",
    "Counter-terrorism",
    "Death penalty",
    "Detention",
    "Development",
    "Disabilities",
    "ESC rights - general",
    "Elections",
    "Enforced disappearances",
    "Environment",
    "Extrajudicial executions",
    "Freedom of association and peaceful assembly",
    "Freedom of movement",
    "Freedom of opinion and expression",
    "Freedom of religion and belief",
    "Freedom of the press",
    "General",
    "HIV - Aids",
    "Human rights defenders",
    "Human rights education and training",
    "Human rights violations by state agents",
    "Impunity",
    "Indigenous peoples",
    "Internally displaced persons",
    "International humanitarian law",
    "International instruments",
    "Justice",
    "Labour",
    "Migrants",
    "Minorities",
    "NHRI",
    "National plan of action",
    "Other",
    "Poverty",
    "Public security",
    "Racial discrimination",
    "Right to education",
    "Right to food",
    "Right to health",
    "Right to housing",
    "Right to land",
    "Right to water",
    "Rights of the Child",
    "Sexual Orientation and Gender Identity",
    "Special procedures",
    "Technical assistance and cooperation",
    "Torture and other CID treatment",
    "Trafficking",
    "Treaty bodies",
    "UPR process",
    "Women's rights",
)
_ISSUE_SET = frozenset(ISSUES)

ACTION_CATEGORIES: dict[int, str] = {
    1: "minimal action",
    2: "continuing action",
    3: "considering action",
    4: "general action",
    5: "specific action",
}

ACTION_WORD_GROUPS = ("w1", "w2")
ACTION_OPENING_GROUPS = (
    "b0",
    "b01",
    "b012",
    "v",
    "vn",
    "vnn",
    "v2",
    "vv",
    "vto",
    "vc",
    "shape",
    "e1",
    "e2",
    "by",
    "vby",
)
# Feature blocks of the action model: (groups, weight).  Each block is L2-normalised on its own, so the opening
# cues keep the same weight in a long text as in a short one (rather than being diluted by its many words).
ACTION_BLOCKS: tuple[tuple[tuple[str, ...], float], ...] = ((ACTION_WORD_GROUPS, 1.0), (ACTION_OPENING_GROUPS, 1.25))
ACTION_GROUPS = ACTION_WORD_GROUPS + ACTION_OPENING_GROUPS
ISSUE_GROUPS = ("w1", "w2", "pre")
ISSUE_BLOCKS: tuple[tuple[tuple[str, ...], float], ...] = ((ISSUE_GROUPS, 1.0),)
ACTION_C = 0.25
ISSUES_C = 1.0
CV_FOLDS = 4
CHUNK = 4096  # texts featurized at once: large batches cost more per text (big temporaries, cache misses)
ISSUE_SCORES_TOP = 3  # issue_scores holds the chosen labels plus this many best-scoring others
REASON_MIN_WEIGHT = 0.4  # issue reasons quote words/phrases whose weight for some label exceeds this
_CUE_SALTS = frozenset(GROUPS[g] for g in ("b0", "b01", "b012", "v", "vn", "vnn", "v2", "vv", "vto", "vc", "by", "vby"))
_WORD_SALTS = frozenset(GROUPS[g] for g in ("w1", "w2"))


@dataclass(frozen=True)
class ActionIssuesPrediction:
    action_category: int
    action_confidence: float
    action_reason: str
    issues: tuple[str, ...]
    issue_scores: dict[str, float]
    issues_reason: str


# --------------------------------------------------------------------------------------------- data


def parse_issues(cell: Any) -> list[str]:
    """Split UPR Info's comma-joined issue cell into issue names.

    No current issue name contains a comma, but pieces are re-joined greedily when a longer join is a
    known name, so a future name with a comma would still parse.  Unknown names are kept as they are.
    """
    if not isinstance(cell, str) or not cell.strip():
        return []
    pieces = cell.split(",")
    out: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            name = ",".join(pieces[i:j]).strip()
            if name in _ISSUE_SET:
                break
        else:
            j, name = i + 1, pieces[i].strip()
        if name and name not in out:
            out.append(name)
        i = j
    return out


def load_uprinfo(csv_path: str | Path):
    """UPR Info's table plus ``text`` (stripped), ``action`` (int), ``issues`` (list), ``session`` (int)."""
    import pandas as pd

    df = pd.read_csv(csv_path)
    df["text"] = df["Text"].astype(str).str.strip()
    df["action"] = df["Action"].astype(int)
    df["issues"] = df["Issue"].map(parse_issues)
    df["session"] = df["Session"].astype(int)
    return df


def _dedupe(df):
    """One row per distinct text (whitespace/case-insensitive): most frequent action and issue set."""
    key = df["text"].str.lower().str.split().str.join(" ")
    g = df.assign(_key=key, _iss=df["issues"].map(lambda x: tuple(sorted(x))))
    rows = []
    for _, part in g.groupby("_key", sort=False):
        first = part.iloc[0]
        rows.append(
            (
                first["text"],
                int(part["action"].value_counts().idxmax()),
                list(part["_iss"].value_counts().idxmax()),
                int(first["session"]),
            )
        )
    import pandas as pd

    return pd.DataFrame(rows, columns=["text", "action", "issues", "session"])


# --------------------------------------------------------------------------------------------- heads


class _Head:
    """A linear scorer over feature blocks: scores = [w_1 X_1 | w_2 X_2 | ...] @ coef + intercept, each block
    ``X_b`` the tf-idf rows of its own vocabulary, L2-normalised within the block."""

    def __init__(self, art: dict[str, Any]):
        self.blocks = block_vocabularies(art["blocks"])
        self.offsets = np.cumsum([0] + [v.n_features for v, _ in self.blocks])
        self.groups = tuple(g for v, _ in self.blocks for g in v.groups)
        self.coef = np.ascontiguousarray(art["coef"], dtype=np.float32)
        self.intercept = np.asarray(art["intercept"], dtype=np.float32)

    def scores(self, batch: FeatureBatch) -> tuple[np.ndarray, list[tuple]]:
        """Scores (n, k) and the entries per run: (salt, entry index, row, column, value)."""
        n = batch.n_texts
        s = np.empty((n, self.coef.shape[1]), dtype=np.float32)
        s[:] = self.intercept
        out = []
        for (vocab, weight), offset in zip(self.blocks, self.offsets[:-1].tolist(), strict=True):
            parts, norm = vocab.part_entries(batch)
            scale = np.float32(weight) / norm
            coef = self.coef[offset : offset + vocab.n_features]
            for salt, eidx, row, col, w in parts:
                val = w * scale[row]
                indptr = np.zeros(n + 1, dtype=np.int64)
                np.cumsum(np.bincount(row, minlength=n), out=indptr[1:])
                s += sp.csr_matrix((val, col, indptr), shape=(n, vocab.n_features)) @ coef
                out.append((salt, eidx, row, col + offset, val))
        return s, out


def block_vocabularies(arts: Sequence[dict[str, Any]]) -> list[tuple[HashedVocabulary, float]]:
    """(vocabulary, weight) of each feature block stored in an artifact."""
    return [(HashedVocabulary(b["groups"], b["colmap"], b["idf"]), float(b["weight"])) for b in arts]


def block_matrix(blocks: Sequence[tuple[HashedVocabulary, float]], batch: FeatureBatch) -> sp.csr_matrix:
    """The weighted block matrix ``[w_1 X_1 | w_2 X_2 | ...]`` of a batch (what :class:`_Head` scores)."""
    return sp.hstack([vocab.transform(batch) * np.float32(weight) for vocab, weight in blocks], format="csr")


def _fit_blocks(batch: FeatureBatch, blocks) -> tuple[list[dict[str, Any]], sp.csr_matrix]:
    """Vocabularies of the feature blocks (as stored in an artifact) and the weighted training matrix."""
    arts = []
    for groups, weight in blocks:
        vocab = HashedVocabulary.fit(batch, groups)
        arts.append({"groups": tuple(groups), "colmap": vocab.colmap, "idf": vocab.idf, "weight": float(weight)})
    return arts, block_matrix(block_vocabularies(arts), batch)


def _choose_issues(scores: np.ndarray, thresholds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Issues whose margin passes its threshold; a row with none gets its best-scoring issue (``forced``)."""
    chosen = scores > thresholds
    forced = np.logical_not(chosen.any(1))  # = ~chosen.any(1); numpy's stubs type .any(axis) as scalar-or-array
    chosen[forced, scores[forced].argmax(1)] = True
    return chosen, forced


def _row_best(row: np.ndarray, value: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For rows sorted ascending: (distinct rows, max value, position of the max) per row."""
    if len(row) == 0:
        e = np.zeros(0, dtype=np.int64)
        return e, value[:0], e
    start = np.flatnonzero(np.concatenate(([True], row[1:] != row[:-1])))
    if len(start) == len(row):
        return row, value, np.arange(len(row))
    mx = np.maximum.reduceat(value, start)
    seg = np.repeat(np.arange(len(start)), np.diff(np.concatenate((start, [len(row)]))))
    hit = np.flatnonzero(value == mx[seg])
    first = np.ones(len(hit), dtype=bool)
    first[1:] = seg[hit[1:]] != seg[hit[:-1]]
    return row[start], mx, hit[first]


def _segment_top(contrib: np.ndarray, seg_start: np.ndarray, seg_len: np.ndarray) -> np.ndarray:
    """Position of the largest value in each non-empty segment of ``contrib`` (-1 for empty segments)."""
    out = np.full(len(seg_start), -1, dtype=np.int64)
    ne = np.flatnonzero(seg_len > 0)
    if not len(ne):
        return out
    mx = np.maximum.reduceat(contrib, seg_start[ne])
    seg_of = np.repeat(np.arange(len(ne)), seg_len[ne])
    hit = np.flatnonzero(contrib == mx[seg_of])
    first = np.ones(len(hit), dtype=bool)
    first[1:] = seg_of[hit[1:]] != seg_of[hit[:-1]]
    out[ne[seg_of[hit[first]]]] = hit[first]
    return out


def _quote(batch: FeatureBatch, entry: int) -> str:
    return f'{GROUP_LABELS.get(group_name(batch.group[entry]), "feature")} "{batch.describe(entry)}"'


# --------------------------------------------------------------------------------------------- models


class UprInfoModels:
    """The action-category and issues models, loaded from ``models/``."""

    def __init__(self, action: dict[str, Any], issues: dict[str, Any], version: str):
        self.version = version
        self._action = _Head(action)
        self._classes = np.asarray(action["classes"], dtype=np.int64)
        self._temperature = float(action["temperature"])
        self._offsets = np.asarray(action.get("offsets", np.zeros(len(self._classes))), dtype=np.float32)
        self._issues = _Head(issues)
        self.labels: tuple[str, ...] = tuple(issues["labels"])
        self._thresholds = np.asarray(issues["thresholds"], dtype=np.float32)
        self._platt_a = np.asarray(issues["platt_a"], dtype=np.float32)
        self._platt_b = np.asarray(issues["platt_b"], dtype=np.float32)
        self._reason_col = self._issues.coef.max(1) > REASON_MIN_WEIGHT
        self._groups = tuple(sorted(set(self._action.groups) | set(self._issues.groups)))
        self.info = {"action": action.get("info", {}), "issues": issues.get("info", {})}

    @classmethod
    def load(cls, models_dir: str | Path | None = None) -> UprInfoModels:
        """Both models from *models_dir* (default: :func:`upr_lens.config.models_dir`); a :class:`ModelError` if
        either is missing, altered or of another format."""
        from upr_lens import config

        folder = config.models_dir(models_dir)
        action, issues = (block_model(read_artifact(folder, name)) for name in (ACTION_FILE, ISSUES_FILE))
        digest = hashlib.sha256((action["sha256"] + issues["sha256"]).encode()).hexdigest()[:12]
        return cls(action, issues, digest)

    # -- fast path ------------------------------------------------------------------------------

    def _run(self, texts: Sequence[str]):
        batch = featurize(texts, self._groups)
        a_scores, a_entries = self._action.scores(batch)
        i_scores, i_entries = self._issues.scores(batch)
        return batch, a_scores, a_entries, i_scores, i_entries

    def _decide(self, a_scores: np.ndarray, i_scores: np.ndarray):
        a_scores = a_scores + self._offsets
        best = a_scores.argmax(1)
        z = (a_scores - a_scores[np.arange(len(best)), best][:, None]) * self._temperature
        conf = 1.0 / np.exp(z).sum(1)
        chosen, forced = _choose_issues(i_scores, self._thresholds)
        prob = 1.0 / (1.0 + np.exp(-(self._platt_a * i_scores + self._platt_b)))
        return self._classes[best], conf, chosen, prob, forced

    def predict_arrays(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Predictions as arrays (no reasons): action (n,), action_confidence (n,), issues (n, 54) bool,
        issue_scores (n, 54) probabilities; columns follow :attr:`labels`."""
        texts = list(texts)
        if len(texts) <= CHUNK:
            return self._predict_arrays(texts)
        parts = [self._predict_arrays(texts[i : i + CHUNK]) for i in range(0, len(texts), CHUNK)]
        return {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}

    def _predict_arrays(self, texts: list[str]) -> dict[str, np.ndarray]:
        _, a_scores, _, i_scores, _ = self._run(texts)
        action, conf, chosen, prob, _ = self._decide(a_scores, i_scores)
        return {"action": action, "action_confidence": conf, "issues": chosen, "issue_scores": prob}

    # -- with reasons ---------------------------------------------------------------------------

    def predict(self, texts: Sequence[str]) -> list[ActionIssuesPrediction]:
        """Action category, issues, scores and human-readable reasons for each text."""
        texts = list(texts)
        if not texts:
            return []
        with gc_paused():
            out: list[ActionIssuesPrediction] = []
            for i in range(0, len(texts), CHUNK):
                out.extend(self._predict(texts[i : i + CHUNK]))
            return out

    def predict_columns(self, texts: Sequence[str]) -> tuple[list, list, list, list, list, list]:
        """What :meth:`predict` returns, as six lists (the fields of :class:`ActionIssuesPrediction`) rather than
        one object per text: the bulk path of ``Classifier.classify``."""
        texts = list(texts)
        with gc_paused():
            columns: tuple[list, list, list, list, list, list] = ([], [], [], [], [], [])
            for i in range(0, len(texts), CHUNK):
                for column, part in zip(columns, self._predict_columns(texts[i : i + CHUNK]), strict=True):
                    column.extend(part)
            return columns

    def _predict(self, texts: list[str]) -> list[ActionIssuesPrediction]:
        return list(map(ActionIssuesPrediction, *self._predict_columns(texts)))

    def _predict_columns(self, texts: list[str]) -> tuple[list, list, list, list, list, list]:
        batch, a_scores, a_ent, i_scores, i_ent = self._run(texts)
        action, conf, chosen, prob, forced = self._decide(a_scores, i_scores)
        n = len(texts)
        tok = batch.tokens
        buf = tok.buf
        t_start = tok.start
        t_end = tok.end

        # action: the opening verb and the opening cue that contributes most to the chosen class
        cls_pos = np.searchsorted(self._classes, action)
        best_val = np.zeros(n, dtype=np.float32)  # only positive contributions are named
        top_e = np.full(n, -1, dtype=np.int64)
        for salt, eidx, row, col, val in a_ent:
            if salt not in _CUE_SALTS:
                continue
            r, mx, at = _row_best(row, val * self._action.coef[col, cls_pos[row]])
            better = mx > best_val[r]
            best_val[r[better]] = mx[better]
            top_e[r[better]] = eidx[at[better]]
        verb = batch.opening.verb
        has_top = top_e >= 0
        show = np.flatnonzero(has_top)
        # the cue is worth naming only when it is more than the opening verb itself
        te = top_e[show]
        show = show[(batch.lo[te] != verb[show]) | (batch.hi[te] != verb[show])]
        cue = [""] * n
        for i, e in zip(show.tolist(), top_e[show].tolist(), strict=True):
            cue[i] = f"; strongest cue {_quote(batch, e)}"
        # after a leading phrase ("In order to ..., adopt ...") the verb after the comma is the one that counts
        after = batch.opening.after_comma
        shown_verb = np.where(after >= 0, after, verb)
        vs = np.flatnonzero(shown_verb >= 0)
        vb = shown_verb[vs]
        verb_txt = ["no opening verb found"] * n
        what = np.where(after[vs] >= 0, "verb after the opening phrase", "opening verb").tolist()
        for i, s0, s1, w in zip(vs.tolist(), t_start[vb].tolist(), t_end[vb].tolist(), what, strict=True):
            verb_txt[i] = f'{w} "{buf[s0:s1].decode("utf-8", "replace")}"'
        tail = {c: f" → {name} ({c})" for c, name in ACTION_CATEGORIES.items()}

        # issues: the word or phrase that contributes most to each chosen label, quoted from the text
        p_row, p_lab = np.nonzero(chosen)
        cand = [
            (eidx[k], row[k], col[k], val[k])
            for salt, eidx, row, col, val in i_ent
            if salt in _WORD_SALTS
            for k in (np.flatnonzero(self._reason_col[col]),)
        ]
        if not cand:
            cand = [(np.zeros(0, dtype=np.int64),) * 3 + (np.zeros(0, dtype=np.float32),)]
        e_idx2, e_row2, e_col2, e_val2 = (np.concatenate(x) for x in zip(*cand, strict=True))
        order = np.argsort(e_row2.astype(np.int32), kind="stable")
        e_idx2, e_row2, e_col2, e_val2 = e_idx2[order], e_row2[order], e_col2[order], e_val2[order]
        indptr2 = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(e_row2, minlength=n), out=indptr2[1:])
        seg_len = np.diff(indptr2)[p_row]
        seg_start = np.zeros(len(p_row), dtype=np.int64)
        np.cumsum(seg_len[:-1], out=seg_start[1:])
        pos = np.repeat(indptr2[p_row] - seg_start, seg_len) + np.arange(int(seg_len.sum()))
        pc = e_val2[pos] * self._issues.coef[e_col2[pos], np.repeat(p_lab, seg_len)]
        best = _segment_top(pc, seg_start, seg_len)
        ok = best >= 0
        ok[ok] = pc[best[ok]] > 0
        ent = e_idx2[pos[best[ok]]]
        b0 = np.zeros(len(ok), dtype=np.int64)
        b1 = np.zeros(len(ok), dtype=np.int64)
        b0[ok] = t_start[batch.lo[ent]]
        b1[ok] = t_end[batch.hi[ent]]
        note = np.where(forced[p_row], " (best guess, below threshold)", "").tolist()
        words = [
            f'"{" ".join(buf[x:y].decode("utf-8", "replace").split())}"' if k else "no strong word"
            for x, y, k in zip(b0.tolist(), b1.tolist(), ok.tolist(), strict=True)
        ]
        names = self.labels
        lab_names = [names[j] for j in p_lab.tolist()]
        pair_reason = [f"{lab}: {w}{nt}" for lab, w, nt in zip(lab_names, words, note, strict=True)]
        pair_prob = prob[p_row, p_lab].tolist()
        cut = np.searchsorted(p_row, np.arange(n + 1)).tolist()

        n_top = min(ISSUE_SCORES_TOP, prob.shape[1])
        top = np.argpartition(-prob, n_top - 1, axis=1)[:, :n_top]
        top_names = [[names[j] for j in row] for row in top.tolist()]
        top_prob = np.take_along_axis(prob, top, 1).tolist()

        issues_t = [tuple(lab_names[a:b]) for a, b in zip(cut[:-1], cut[1:], strict=True)]
        reason_t = ["; ".join(pair_reason[a:b]) for a, b in zip(cut[:-1], cut[1:], strict=True)]
        scores_t = [dict(zip(tn, tp, strict=True)) for tn, tp in zip(top_names, top_prob, strict=True)]
        for pair_row, lab, pr in zip(p_row.tolist(), lab_names, pair_prob, strict=True):
            scores_t[pair_row][lab] = pr
        cats = action.tolist()
        a_reason = [vt + cu + tail[c] for vt, cu, c in zip(verb_txt, cue, cats, strict=True)]
        return cats, conf.tolist(), a_reason, issues_t, scores_t, reason_t


# --------------------------------------------------------------------------------------------- training


def _folds(sessions: np.ndarray, k: int = CV_FOLDS) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import GroupKFold

    return list(GroupKFold(n_splits=k).split(np.zeros(len(sessions)), groups=sessions))


def _fit_temperature(scores: np.ndarray, y_pos: np.ndarray) -> float:
    best, best_t = np.inf, 1.0
    for t in np.linspace(0.5, 15, 59):
        z = scores * t
        z = z - z.max(1, keepdims=True)
        ll = -(z[np.arange(len(y_pos)), y_pos] - np.log(np.exp(z).sum(1))).mean()
        if ll < best:
            best, best_t = ll, float(t)
    return best_t


def _fit_offsets(scores: np.ndarray, y_pos: np.ndarray, rounds: int = 3) -> np.ndarray:
    """Per-class score offsets maximising cross-validated accuracy (coordinate search, class 4 fixed)."""
    off = np.zeros(scores.shape[1])
    grid = np.round(np.linspace(-0.5, 0.5, 41), 3)
    ref = scores.shape[1] - 2  # "general action" is the reference class
    for _ in range(rounds):
        for c in range(scores.shape[1]):
            if c == ref:
                continue
            tried = []
            for d in grid:
                o = off.copy()
                o[c] = d
                tried.append(((scores + o).argmax(1) == y_pos).mean())
            accs = np.asarray(tried)
            tied = np.flatnonzero(accs >= accs.max() - 1e-9)
            off[c] = grid[tied[np.argmin(np.abs(grid[tied]))]]  # ties: the smallest shift
    return off


_THRESHOLD_GRID = np.round(np.arange(-1.0, 0.61, 0.05), 2)


def _best_threshold(s: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Threshold on margins maximising F1 (ties: the one closest to 0)."""
    grid = _THRESHOLD_GRID
    pos = y.sum()
    best = (-1.0, 0.0)
    for c in sorted(grid, key=abs):
        p = s > c
        tp = (p & (y == 1)).sum()
        f1 = 2 * tp / (p.sum() + pos) if pos else 0.0
        if f1 > best[0] + 1e-12:
            best = (f1, float(c))
    return best[1], best[0]


def _micro_f1_thresholds(scores: np.ndarray, y: np.ndarray, start: np.ndarray, rounds: int = 3) -> np.ndarray:
    """Per-label thresholds that maximise micro-F1 over all labels together (coordinate ascent from ``start``).

    A label's own best-F1 threshold is too generous for rare labels when what counts is the pooled F1: the
    pooled optimum keeps a prediction only while it adds more true than false positives at the pooled
    rate.  Counts are precomputed per label and grid point, so a round costs one pass over the labels.
    """
    grid = _THRESHOLD_GRID
    truth = y.astype(bool)
    tp = np.zeros((y.shape[1], len(grid)), dtype=np.int64)
    predicted = np.zeros_like(tp)
    for j in range(y.shape[1]):
        above = scores[:, j, None] > grid[None, :]
        tp[j] = (above & truth[:, j, None]).sum(0)
        predicted[j] = above.sum(0)
    positives = int(truth.sum())
    at = np.array([int(np.argmin(np.abs(grid - t))) for t in start])
    labels = np.arange(y.shape[1])
    for _ in range(rounds):
        for j in range(y.shape[1]):
            tp_rest = tp[labels, at].sum() - tp[j, at[j]]
            pred_rest = predicted[labels, at].sum() - predicted[j, at[j]]
            f1 = 2 * (tp_rest + tp[j]) / (pred_rest + predicted[j] + positives)
            tied = np.flatnonzero(f1 >= f1.max() - 1e-12)
            at[j] = tied[np.argmin(np.abs(tied - at[j]))]  # ties: stay closest to the current threshold
    return grid[at].astype(np.float32)


def _save(models_dir: Path, name: str, art: dict[str, Any], training_data: dict[str, str]) -> None:
    arrays, settings = block_model_arrays(art)
    write_artifact(models_dir, name, arrays, settings=settings, metrics=art["info"], training_data=training_data)


def train(csv_path: str | Path, models_dir: str | Path, seed: int = 0) -> dict:
    """Fit both models on sessions 1-16 of ``csv_path`` and save them under ``models_dir``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    t0 = time.time()
    df = load_uprinfo(csv_path)
    data = _dedupe(df[df["session"].isin(TRAIN_SESSIONS)])
    texts = data["text"].tolist()
    sessions = data["session"].to_numpy()
    folds = _folds(sessions)
    batch = featurize(texts, set(ACTION_GROUPS) | set(ISSUE_GROUPS))
    models_dir = Path(models_dir)
    models_dir.mkdir(parents=True, exist_ok=True)
    common = {
        "train_sessions": "1-16",
        "n_train_texts": len(texts),
        "n_train_rows": int(df["session"].isin(TRAIN_SESSIONS).sum()),
        "seed": seed,
    }

    # ---- action
    blocks, x = _fit_blocks(batch, ACTION_BLOCKS)
    y = data["action"].to_numpy()
    classes = np.unique(y)
    oof = np.zeros((len(y), len(classes)))
    for tr, va in folds:
        m = LinearSVC(C=ACTION_C, random_state=seed, max_iter=5000).fit(x[tr], y[tr])
        oof[va] = m.decision_function(x[va])
    y_pos = np.searchsorted(classes, y)
    cv_acc_raw = float((classes[oof.argmax(1)] == y).mean())
    offsets = _fit_offsets(oof, y_pos)
    temperature = _fit_temperature(oof + offsets, y_pos)
    cv_acc = float((classes[(oof + offsets).argmax(1)] == y).mean())
    m = LinearSVC(C=ACTION_C, random_state=seed, max_iter=5000).fit(x, y)
    action_art = {
        "kind": "action",
        "blocks": blocks,
        "coef": m.coef_.T.astype(np.float32),
        "intercept": m.intercept_.astype(np.float32),
        "classes": classes,
        "temperature": temperature,
        "offsets": offsets.astype(np.float32),
        "info": {
            **common,
            "C": ACTION_C,
            "n_features": x.shape[1],
            "cv_accuracy_grouped_by_session": cv_acc,
            "cv_accuracy_without_offsets": cv_acc_raw,
        },
    }
    training_data = training_data_digests(csv_path)
    _save(models_dir, ACTION_FILE, action_art, training_data)

    # ---- issues
    blocks, x = _fit_blocks(batch, ISSUE_BLOCKS)
    lab_index = {lab: j for j, lab in enumerate(ISSUES)}
    yi = np.zeros((len(texts), len(ISSUES)), dtype=np.int8)
    for r, labs in enumerate(data["issues"]):
        for lab in labs:
            if lab in lab_index:
                yi[r, lab_index[lab]] = 1
    oof = np.zeros(yi.shape)
    coef = np.zeros((x.shape[1], len(ISSUES)), dtype=np.float32)
    intercept = np.zeros(len(ISSUES), dtype=np.float32)
    for j in range(len(ISSUES)):
        for tr, va in folds:
            mj = LinearSVC(C=ISSUES_C, random_state=seed, max_iter=5000).fit(x[tr], yi[tr, j])
            oof[va, j] = mj.decision_function(x[va])
        mj = LinearSVC(C=ISSUES_C, random_state=seed, max_iter=5000).fit(x, yi[:, j])
        coef[:, j] = mj.coef_.ravel()
        intercept[j] = mj.intercept_[0]
    thresholds = np.zeros(len(ISSUES), dtype=np.float32)
    platt_a = np.ones(len(ISSUES), dtype=np.float32)
    platt_b = np.zeros(len(ISSUES), dtype=np.float32)
    for j in range(len(ISSUES)):
        thresholds[j], _ = _best_threshold(oof[:, j], yi[:, j])
    thresholds = _micro_f1_thresholds(oof, yi, thresholds)
    for j in range(len(ISSUES)):
        lr = LogisticRegression(C=100.0).fit(oof[:, j : j + 1], yi[:, j])
        platt_a[j], platt_b[j] = lr.coef_[0, 0], lr.intercept_[0]
    chosen, _ = _choose_issues(oof, thresholds)
    from sklearn.metrics import f1_score

    cv_micro = float(f1_score(yi, chosen, average="micro", zero_division=0))
    cv_macro = float(f1_score(yi, chosen, average="macro", zero_division=0))
    issues_art = {
        "kind": "issues",
        "blocks": blocks,
        "coef": coef,
        "intercept": intercept,
        "labels": ISSUES,
        "thresholds": thresholds,
        "platt_a": platt_a,
        "platt_b": platt_b,
        "info": {
            **common,
            "C": ISSUES_C,
            "n_features": x.shape[1],
            "cv_micro_f1_grouped_by_session": cv_micro,
            "cv_macro_f1_grouped_by_session": cv_macro,
        },
    }
    _save(models_dir, ISSUES_FILE, issues_art, training_data)
    return {
        "action": action_art["info"],
        "issues": issues_art["info"],
        "seconds": round(time.time() - t0, 1),
        "sizes_bytes": {f: (models_dir / f"{f}.npz").stat().st_size for f in (ACTION_FILE, ISSUES_FILE)},
    }


# --------------------------------------------------------------------------------------------- evaluation


def _prf_table(y_true: np.ndarray, y_pred: np.ndarray, labels) -> list[dict]:
    from sklearn.metrics import precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    return [
        {
            "label": lab,
            "precision": round(float(a), 4),
            "recall": round(float(b), 4),
            "f1": round(float(c), 4),
            "support": int(d),
        }
        for lab, a, b, c, d in zip(labels, p, r, f, s, strict=True)
    ]


def evaluate(csv_path: str | Path, models_dir: str | Path | None = None) -> dict:
    """Test-split (sessions 17-20) metrics of the saved models, one row per recommendation row of the CSV.

    Issues macro-F1 is sklearn's ``f1_score(average="macro")`` over the 54 labels of :data:`ISSUES` (all
    present in training; all 54 also occur in sessions 17-20).  ``*_unique`` repeat the figures with one row
    per distinct text.
    """
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
    from sklearn.preprocessing import MultiLabelBinarizer

    df = load_uprinfo(csv_path)
    test = df[df["session"].isin(TEST_SESSIONS)].reset_index(drop=True)
    models = UprInfoModels.load(Path(models_dir) if models_dir is not None else None)
    t0 = time.perf_counter()
    pred = models.predict_arrays(test["text"].tolist())
    seconds = time.perf_counter() - t0
    y = test["action"].to_numpy()
    ya = pred["action"]
    classes = sorted(ACTION_CATEGORIES)
    mlb = MultiLabelBinarizer(classes=list(models.labels))
    yi = mlb.fit_transform(test["issues"].map(lambda labs: [x for x in labs if x in _ISSUE_SET]))
    pi = pred["issues"].astype(int)
    uniq = ~test["text"].duplicated().to_numpy()
    present = [j for j in range(len(models.labels)) if yi[:, j].any()]
    return {
        "split": "test: sessions 17-20 (trained on 1-16)",
        "n_rows": len(test),
        "n_unique_texts": int(uniq.sum()),
        "predict_seconds": round(seconds, 3),
        "action": {
            "accuracy": round(float(accuracy_score(y, ya)), 4),
            "macro_f1": round(float(f1_score(y, ya, labels=classes, average="macro", zero_division=0)), 4),
            "accuracy_unique": round(float(accuracy_score(y[uniq], ya[uniq])), 4),
            "per_class": [dict(row, name=ACTION_CATEGORIES[row["label"]]) for row in _prf_table(y, ya, classes)],
            "confusion": {"labels": classes, "matrix": confusion_matrix(y, ya, labels=classes).tolist()},
        },
        "issues": {
            "micro_f1": round(float(f1_score(yi, pi, average="micro", zero_division=0)), 4),
            "macro_f1": round(float(f1_score(yi, pi, average="macro", zero_division=0)), 4),
            "macro_f1_labels_in_test": round(
                float(f1_score(yi[:, present], pi[:, present], average="macro", zero_division=0)), 4
            ),
            "n_labels_in_test": len(present),
            "micro_f1_unique": round(float(f1_score(yi[uniq], pi[uniq], average="micro")), 4),
            "macro_f1_unique": round(float(f1_score(yi[uniq], pi[uniq], average="macro")), 4),
            "per_label": [
                {
                    "label": lab,
                    "precision": round(float(p), 4),
                    "recall": round(float(r), 4),
                    "f1": round(float(f), 4),
                    "support": int(s),
                }
                for lab, p, r, f, s in zip(models.labels, *_multilabel_prf(yi, pi), strict=True)
            ],
        },
        "version": models.version,
    }


def _multilabel_prf(y: np.ndarray, p: np.ndarray):
    from sklearn.metrics import precision_recall_fscore_support

    pr, rc, f1, sup = precision_recall_fscore_support(y, p, average=None, zero_division=0)
    return pr, rc, f1, sup
