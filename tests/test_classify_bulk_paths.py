"""The bulk paths of `Classifier.classify` (repeated texts classified once, columns instead of per-text objects)
give exactly what the per-text paths give."""

from __future__ import annotations

import pytest

from upr_lens.classify.pipeline import Classifier

TEXTS = [
    "Ratify the Rome Statute of the International Criminal Court and cooperate fully with the Court.",
    "Investigate all allegations of torture by the police and bring the perpetrators to justice.",
    "Continue its efforts to improve access to primary education in rural areas.",
    "Consider adopting a national action plan on women's rights.",
    "",
]


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier.load()


def fields(result) -> tuple:
    return (result.risk_factors, result.risk_factor_scores, result.indicators, result.action_category,
            result.action_confidence, result.issues, result.issue_scores, result.reason)


def test_repeated_texts_get_the_results_of_their_first_occurrence(classifier):
    once = [fields(r) for r in classifier.classify(TEXTS)]
    batch = [TEXTS[2], TEXTS[0], TEXTS[2], None, TEXTS[1], TEXTS[0], TEXTS[4], TEXTS[3], TEXTS[2]]
    results = classifier.classify(batch)
    expected = [once[2], once[0], once[2], once[4], once[1], once[0], once[4], once[3], once[2]]
    assert [fields(r) for r in results] == expected
    # each row owns its result: changing one row's scores leaves its repeats alone
    assert results[0] is not results[2] and results[0].issue_scores is not results[2].issue_scores
    results[0].issue_scores.clear()
    assert results[2].issue_scores == once[2][6]
    arrays = classifier.classify_arrays(batch)
    alone = classifier.classify_arrays(TEXTS)
    order = [2, 0, 2, 4, 1, 0, 4, 3, 2]
    for key, value in alone.items():
        assert (arrays[key] == value[order]).all(), key


def test_columns_are_what_predict_returns(classifier):
    risk = classifier.risk.predict(TEXTS)
    columns = classifier.risk.predict_columns(TEXTS)
    assert [(p.risk_factors, p.scores, p.indicators, p.reason) for p in risk] == list(zip(*columns, strict=True))
    other = classifier.uprinfo.predict(TEXTS)
    columns = classifier.uprinfo.predict_columns(TEXTS)
    assert [(p.action_category, p.action_confidence, p.action_reason, p.issues, p.issue_scores, p.issues_reason)
            for p in other] == list(zip(*columns, strict=True))
    assert 3 in risk[0].risk_factors  # ratifying the Rome Statute: RF3 (3.1)
