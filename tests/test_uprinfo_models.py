"""UPR Info action-category and issues models: unit tests on the committed artifacts, plus the test split."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import require_shared

from upr_lens.classify.text_features import GROUPS, HashedVocabulary, featurize, opening, tokenize, word_hash
from upr_lens.classify.uprinfo_models import (
    ACTION_CATEGORIES,
    ISSUES,
    ActionIssuesPrediction,
    UprInfoModels,
    parse_issues,
)

MODELS = Path(__file__).resolve().parents[1] / "models"


@pytest.fixture(scope="module")
def models() -> UprInfoModels:
    return UprInfoModels.load(MODELS)


# ------------------------------------------------------------------------------------------ features


def test_tokens_and_opening_cues():
    texts = [
        "Fully and effectively implement the new labour code",
        "Continue and strengthen its programmes for rural schools",
        "With a view to ending child labour, adopt a national strategy",
        "Continue to improve prison conditions",
        "",
    ]
    tok = tokenize(texts)
    op = opening(tok)
    word = [tok.string(i) if i >= 0 else None for i in op.verb]
    assert word == ["implement", "continue", "with", "continue", None]
    assert tok.string(op.second[1]) == "strengthen"
    assert tok.string(op.after_comma[2]) == "adopt"
    assert tok.string(op.to_verb[3]) == "improve"
    assert tok.count.tolist()[-1] == 0


def test_hashes_are_stable_and_match_python():
    tok = tokenize(["Ratify the Convention"])
    assert int(tok.hash[0]) == word_hash("ratify")
    a = featurize(["Ratify the Convention"], GROUPS)
    b = featurize(["Ratify the Convention"], GROUPS)
    assert np.array_equal(a.col, b.col) and len(a.col) > 10


def test_unicode_punctuation_and_batch_boundaries():
    tok = tokenize(["Côte d’Ivoire’s law", "second text"])
    words = [tok.string(i) for i in range(len(tok.hash))]
    assert words == ["côte", "ivoire", "law", "second", "text"]
    assert tok.text.tolist() == [0, 0, 0, 1, 1]


def test_vocabulary_entries_sum_to_the_training_matrix():
    texts = ["ratify the convention against torture", "ratify the convention on the rights of the child"] * 3
    batch = featurize(texts, ["w1", "w2", "v"])
    vocab = HashedVocabulary.fit(batch, ["w1", "w2"], min_df=2)
    x = vocab.transform(batch).toarray()
    _, row, col, val = vocab.entries(batch)
    dense = np.zeros_like(x)
    np.add.at(dense, (row, col), val)
    assert np.allclose(dense, x, atol=1e-6)
    parts, norm = vocab.part_entries(batch)
    assert {salt for salt, *_ in parts} == {GROUPS["w1"], GROUPS["w2"]}  # "v" is not in this vocabulary
    assert np.all(norm > 0)


def test_parse_issues_handles_spaces_and_duplicates():
    assert parse_issues("Rights of the Child,Women's rights") == ["Rights of the Child", "Women's rights"]
    assert parse_issues(" Justice , Justice") == ["Justice"]
    assert parse_issues("") == []
    assert len(ISSUES) == 54 and all("," not in name for name in ISSUES)


def test_feature_blocks_score_like_the_training_matrix():
    """Each block is normalised on its own and weighted; prediction must see exactly the training matrix."""
    from upr_lens.classify.uprinfo_models import _fit_blocks, _Head

    texts = [
        "Adopt a law on domestic violence and ensure that it is enforced",
        "Continue its efforts to combat poverty in rural areas",
        "Adopt a national plan against poverty",
        "Continue to ensure access to education for girls and boys, including by building schools",
    ] * 2
    blocks = ((("w1", "w2"), 1.0), (("v", "vn", "b0"), 1.25))
    batch = featurize(texts, ["w1", "w2", "v", "vn", "b0"])
    arts, x = _fit_blocks(batch, blocks)
    assert [a["weight"] for a in arts] == [1.0, 1.25]
    rng = np.random.default_rng(0)
    coef = rng.normal(size=(x.shape[1], 3)).astype(np.float32)
    head = _Head({"blocks": arts, "coef": coef, "intercept": np.array([0.1, -0.2, 0.3], np.float32)})
    scores, entries = head.scores(batch)
    assert np.allclose(scores, x @ coef + [0.1, -0.2, 0.3], atol=1e-5)
    # each block's part of a row has norm = its weight
    first = x[0].toarray().ravel()
    n_words = arts[0]["idf"].shape[0]
    assert np.isclose(np.linalg.norm(first[:n_words]), 1.0) and np.isclose(np.linalg.norm(first[n_words:]), 1.25)
    assert max(int(col.max()) for *_, col, _ in entries) < x.shape[1]


def test_micro_f1_thresholds_never_lower_the_pooled_f1():
    from sklearn.metrics import f1_score

    from upr_lens.classify.uprinfo_models import _THRESHOLD_GRID, _micro_f1_thresholds

    rng = np.random.default_rng(1)
    n = 2000
    y = np.zeros((n, 3), dtype=np.int8)
    y[:800, 0] = 1  # a frequent, well separated label
    y[rng.choice(n, 40, replace=False), 1] = 1  # a rare, noisy one
    y[rng.choice(n, 300, replace=False), 2] = 1
    scores = np.where(y == 1, 0.6, -0.6) + rng.normal(scale=[0.3, 0.9, 0.5], size=(n, 3))
    start = np.array([0.0, -0.6, 0.0])  # generous start for the rare label
    found = _micro_f1_thresholds(scores, y, start)
    assert np.abs(found[:, None] - _THRESHOLD_GRID[None, :]).min(1).max() < 1e-6  # grid points
    before = f1_score(y, scores > start, average="micro")
    after = f1_score(y, scores > found, average="micro")
    assert after >= before
    assert found[1] > start[1]  # the pooled optimum is stricter for the rare, noisy label


# ------------------------------------------------------------------------------------------ models


ACTION_EXAMPLES = [
    ("Consider ratifying the International Convention on the Protection of All Migrant Workers", 3),
    ("Consider the possibility of establishing an independent police complaints body", 3),
    ("Continue its efforts to reduce maternal mortality in rural areas", 2),
    ("Continue to promote the rights of persons with disabilities", 2),
    ("Ratify the Optional Protocol to the Convention against Torture", 5),
    ("Abolish the death penalty for all crimes", 5),
    ("Amend the penal code to criminalize marital rape", 5),
    ("Establish a national human rights institution in line with the Paris Principles", 5),
    ("Take measures to ensure equal access to education for girls", 4),
    ("Strengthen measures to combat discrimination against minorities", 4),
    ("Ensure that all victims of trafficking receive adequate protection", 4),
    ("Share its good practices in poverty reduction with other developing countries", 1),
    ("Seek technical assistance from the international community to build the capacity of the judiciary", 1),
]


@pytest.mark.parametrize(("text", "expected"), ACTION_EXAMPLES)
def test_action_examples(models, text, expected):
    (pred,) = models.predict([text])
    assert pred.action_category == expected, (text, pred.action_reason)


ISSUE_EXAMPLES = [
    ("Abolish the death penalty for all crimes", "Death penalty"),
    ("Ratify the Optional Protocol to the Convention against Torture", "International instruments"),
    ("Ratify the Optional Protocol to the Convention against Torture", "Torture and other CID treatment"),
    ("Take measures to ensure equal access to education for girls", "Right to education"),
    ("Adopt a comprehensive law against domestic violence and marital rape", "Women's rights"),
    ("End the recruitment of child soldiers by armed forces", "Rights of the Child"),
    ("Establish a national human rights institution in line with the Paris Principles", "NHRI"),
    ("Protect journalists and media workers from harassment", "Freedom of the press"),
    ("Decriminalize consensual same-sex relations between adults", "Sexual Orientation and Gender Identity"),
    ("Extend a standing invitation to all special procedures mandate holders", "Special procedures"),
]


@pytest.mark.parametrize(("text", "issue"), ISSUE_EXAMPLES)
def test_issue_examples(models, text, issue):
    (pred,) = models.predict([text])
    assert issue in pred.issues, (text, pred.issues, pred.issues_reason)


def test_prediction_shape_and_reasons(models):
    texts = [t for t, _ in ACTION_EXAMPLES]
    preds = models.predict(texts)
    assert len(preds) == len(texts)
    for p in preds:
        assert isinstance(p, ActionIssuesPrediction)
        assert p.action_category in ACTION_CATEGORIES
        assert 0.0 < p.action_confidence <= 1.0
        assert p.issues and all(i in ISSUES for i in p.issues)
        assert all(i in p.issue_scores for i in p.issues)
        assert all(0.0 <= v <= 1.0 for v in p.issue_scores.values())
        assert "→" in p.action_reason and ACTION_CATEGORIES[p.action_category] in p.action_reason
        for issue in p.issues:
            assert f"{issue}:" in p.issues_reason
    ratify = preds[4]
    assert 'opening verb "ratify"' in ratify.action_reason
    assert ratify.action_reason.endswith("specific action (5)")


def test_batch_equals_single_and_edge_cases(models):
    texts = ["Continue its efforts to combat poverty", "", "   ", "Ratify the Convention on the Rights of the Child"]
    batch = models.predict(texts)
    single = [models.predict([t])[0] for t in texts]
    assert [p.action_category for p in batch] == [p.action_category for p in single]
    assert [p.issues for p in batch] == [p.issues for p in single]
    assert models.predict([]) == []
    assert batch[1].issues  # every recommendation gets at least one issue
    arrays = models.predict_arrays(texts)
    assert arrays["issues"].shape == (4, 54) and arrays["action"].tolist() == [p.action_category for p in batch]


def test_chunked_prediction_equals_one_batch(models, monkeypatch):
    from upr_lens.classify import uprinfo_models

    texts = [t for t, _ in ACTION_EXAMPLES]
    whole = models.predict_arrays(texts)
    reasons = models.predict(texts)
    monkeypatch.setattr(uprinfo_models, "CHUNK", 4)
    chunked = models.predict_arrays(texts)
    for key in whole:
        assert np.array_equal(whole[key], chunked[key]), key
    assert models.predict(texts) == reasons
    assert models.predict_arrays([])["issues"].shape == (0, len(ISSUES))


def test_load_gives_the_same_version_and_artifacts_stay_small(models):
    """Speed is measured in benchmarks/classify.py, not here."""
    again = UprInfoModels.load(MODELS)
    assert again.version == models.version and len(models.version) == 12
    for name in ("action.npz", "issues.npz"):
        assert (MODELS / name).stat().st_size < 15 * 2**20


# ------------------------------------------------------------------------------------------ test split


@pytest.fixture(scope="module")
def test_split() -> dict:
    from upr_lens.classify.uprinfo_models import evaluate

    return evaluate(require_shared("upr", "reference", "uprinfo-sessions-1-20.csv"), MODELS)


@pytest.mark.slow
def test_test_split_figures(test_split):
    """Sessions 17-20, never used in training or tuning.  The issues targets of issue 4 hold; the action
    accuracy has a floor at the committed model's figure (0.911), so a regression fails."""
    result = test_split
    assert result["n_rows"] == 10805 and result["issues"]["n_labels_in_test"] == 54
    assert result["action"]["accuracy"] >= 0.91
    assert result["issues"]["micro_f1"] >= 0.90  # target of issue 4
    assert result["issues"]["macro_f1"] >= 0.82  # target of issue 4
    assert len(result["action"]["per_class"]) == 5 and len(result["issues"]["per_label"]) == 54
    assert sum(map(sum, result["action"]["confusion"]["matrix"])) == result["n_rows"]


@pytest.mark.slow
@pytest.mark.xfail(reason="not reached: action accuracy 0.911 < 0.92 (see the model card)", strict=False)
def test_test_split_reaches_the_action_target(test_split):
    assert test_split["action"]["accuracy"] >= 0.92


@pytest.mark.slow
def test_train_command_rebuilds_the_committed_models(tmp_path):
    """`upr-lens train` with its fixed seeds gives back the committed models (about two minutes on 2 cores):
    the same predictions on held-out texts (UPR Info sessions 17-20, never trained on) and weights equal to
    within float32 noise, whatever numpy / scikit-learn versions pip resolves; the manifest records them."""
    import json
    import subprocess
    import sys

    from upr_lens.classify.risk_model import RiskFactorModel
    from upr_lens.classify.uprinfo_models import load_uprinfo

    uprinfo = require_shared("upr", "reference", "uprinfo-sessions-1-20.csv")
    dev = require_shared("atrocity", "risk-factor-dev.csv")
    run = subprocess.run(
        [sys.executable, "-m", "upr_lens.cli.main", "train", "--models-dir", str(tmp_path), "--uprinfo", str(uprinfo),
         "--dev", str(dev)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    frame = load_uprinfo(uprinfo)
    held_out = frame[frame["session"] >= 17]["text"].drop_duplicates().tolist()
    assert len(held_out) > 10_000

    new_risk, committed_risk = (RiskFactorModel.load(d) for d in (tmp_path, MODELS))
    assert new_risk.vocab == committed_risk.vocab
    assert np.array_equal(new_risk.thresholds, committed_risk.thresholds)
    assert np.allclose(new_risk.coef, committed_risk.coef, rtol=1e-4, atol=1e-5)
    got_factors = [p.risk_factors for p in new_risk.predict(held_out)]
    assert got_factors == [p.risk_factors for p in committed_risk.predict(held_out)]

    new_info, committed_info = (UprInfoModels.load(d) for d in (tmp_path, MODELS))
    for head in ("_action", "_issues"):
        assert np.allclose(getattr(new_info, head).coef, getattr(committed_info, head).coef, rtol=1e-4, atol=1e-5)
    got, want = new_info.predict_arrays(held_out), committed_info.predict_arrays(held_out)
    assert np.array_equal(got["action"], want["action"])
    assert np.array_equal(got["issues"], want["issues"])

    manifest = json.loads((tmp_path / "manifest.json").read_text())
    for name in ("risk_factors", "action", "issues"):
        entry = manifest["models"][name]
        assert entry["library_versions"]["numpy"] == np.__version__
        assert set(entry["training_data"]) >= {"uprinfo-sessions-1-20.csv"}
        assert entry["metrics"]
