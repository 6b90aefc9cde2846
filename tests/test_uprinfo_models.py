"""UPR Info action-category and issues models: unit tests on the committed artifacts, plus the test split."""

from __future__ import annotations

import time
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


def test_load_version_and_speed(models):
    t0 = time.perf_counter()
    again = UprInfoModels.load(MODELS)
    assert time.perf_counter() - t0 < 1.5
    assert again.version == models.version and len(models.version) == 12
    for name in ("action.joblib", "issues.joblib"):
        assert (MODELS / name).stat().st_size < 15 * 2**20
    texts = [t for t, _ in ACTION_EXAMPLES] * 300
    models.predict(texts[:50])
    t0 = time.perf_counter()
    models.predict(texts)
    rate = len(texts) / (time.perf_counter() - t0)
    assert rate > 5000  # loose: shared CI machines; the benchmark measures the real figure


# ------------------------------------------------------------------------------------------ test split


@pytest.fixture(scope="module")
def test_split() -> dict:
    from upr_lens.classify.uprinfo_models import evaluate

    return evaluate(require_shared("upr", "reference", "uprinfo-sessions-1-20.csv"), MODELS)


@pytest.mark.slow
def test_test_split_figures(test_split):
    """Sessions 17-20, never used in training or tuning.  Floors at the committed models' figures (action
    0.905, issues micro-F1 0.898, macro-F1 0.849), so a regression fails; the issues macro target holds."""
    result = test_split
    assert result["n_rows"] == 10805 and result["issues"]["n_labels_in_test"] == 54
    assert result["action"]["accuracy"] >= 0.90
    assert result["issues"]["micro_f1"] >= 0.895
    assert result["issues"]["macro_f1"] >= 0.82  # target of issue 4
    assert len(result["action"]["per_class"]) == 5 and len(result["issues"]["per_label"]) == 54
    assert sum(map(sum, result["action"]["confusion"]["matrix"])) == result["n_rows"]


@pytest.mark.slow
@pytest.mark.xfail(reason="not reached: action accuracy 0.905 < 0.92, issues micro-F1 0.898 < 0.90", strict=False)
def test_test_split_reaches_issue_4_targets(test_split):
    assert test_split["action"]["accuracy"] >= 0.92
    assert test_split["issues"]["micro_f1"] >= 0.90
    assert test_split["issues"]["macro_f1"] >= 0.82
