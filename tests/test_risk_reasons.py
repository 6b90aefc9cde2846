"""Grounded reasons and consistent labels of the risk-factor lens (issue 11).

* a reason quotes only words of its recommendation (the cue as found, never its label), and a model-word reason
  never names a function word;
* recommendations equal after normalisation get the same factors, indicators and reason;
* the accountability rows of the codebook get RF2 (2.3).

Unit tests use our own sentences; the corpus tests read every recommendation text in ../shared (the golden
file's sources).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import require_shared

from upr_lens.classify import risk_rules as rr
from upr_lens.classify.risk_model import REASON_STOP, RiskFactorModel

sys.path.insert(0, str(Path(__file__).parent / "golden"))
import decisions as golden  # noqa: E402

QUOTED = re.compile(r'"([^"]*)"')


@pytest.fixture(scope="module")
def model() -> RiskFactorModel:
    return RiskFactorModel.load()


def ungrounded(text: str, reason: str) -> list[str]:
    """Quoted spans of ``reason`` that do not occur in ``text`` (after the matcher's normalisation)."""
    norm = rr.normalize(text)
    return [q for q in QUOTED.findall(reason) if q not in norm]


# ---------------------------------------------------------------------------------------------------------------
# Own sentences
# ---------------------------------------------------------------------------------------------------------------

ACCOUNTABILITY = [
    "Put an end to impunity and bring the perpetrators of the massacres to trial.",
    "Step up the fight against impunity within the army and the police and bring all perpetrators to account.",
    "Investigate and prosecute everyone suspected of crimes under international law in the northern provinces.",
    "End impunity for those who committed violence after last year's presidential elections.",
    "Repeal the amnesty law that shields members of the former regime from prosecution.",
    "Investigate every allegation of torture by prison guards and punish those found responsible.",
]


@pytest.mark.parametrize("text", ACCOUNTABILITY)
def test_accountability_asks_get_rf2_with_2_3(model, text):
    [p] = model.predict([text])
    assert 2 in p.risk_factors, (text, p)
    assert "2.3" in p.indicators, (text, p)


def test_children_recruited_by_armed_groups_get_rf13(model):
    for text in (
        "Release all children recruited by the rebel movements and stop their further recruitment.",
        "Prevent the recruitment into armed groups of boys from the border villages.",
        "Support the disarmament, demobilisation and reintegration of children involved in armed conflict.",
    ):
        [p] = model.predict([text])
        assert 13 in p.risk_factors, (text, p)
        assert 5 not in p.risk_factors, (text, p)  # ruling 12: children's DDR is RF13 only


def test_becoming_a_state_party_is_ratification(model):
    [p] = model.predict(["Become a State party to the Convention for the Protection of All Persons from "
                         "Enforced Disappearance."])  # fmt: skip
    assert p.risk_factors == (3,) and p.indicators == ("3.1",), p


def test_reason_quotes_the_surface_form_not_the_label(model):
    text = "Protect Aboriginal women and girls from sexual violence."
    [p] = model.predict([text])
    assert '"aboriginal"' in p.reason and "indigenous peoples" not in p.reason, p.reason
    assert "by armed actors" not in p.reason  # the note names the context actually found
    assert not ungrounded(text, p.reason), p.reason


def test_rule_notes_quote_the_conduct_found(model):
    text = "Investigate the killings of protesters and prosecute those responsible."
    [p] = model.predict([text])
    assert not ungrounded(text, p.reason), p.reason
    assert "accountability for" in p.reason


def test_model_word_reasons_skip_function_words(model):
    texts = [
        "They can and should take all measures that they can to ensure victims of the conflict are heard.",
        "Provide reparations to the victims of the events so that they can rebuild their lives.",
    ]
    for text, p in zip(texts, model.predict(texts)):
        for part in p.reason.split("; "):
            if "model, strongest words" in part:
                assert not set(QUOTED.findall(part)) & REASON_STOP, part
        assert not ungrounded(text, p.reason), p.reason


def test_individual_reparations_are_not_rf4():
    hits = rr.apply_rules("Investigate torture by the police and grant reparations to the victims.")
    assert 4 not in hits.risk_factors and 2 in hits.risk_factors, hits.reason()
    programme = rr.apply_rules("Grant reparations to the victims of the internal armed conflict.")
    assert 4 in programme.risk_factors, programme.reason()


def test_hate_speech_offence_needs_criminalisation():
    plain = rr.apply_rules("Combat hate speech against Roma in line with the law.")
    assert 8 not in plain.risk_factors, plain.reason()
    offence = rr.apply_rules("Criminalise hate speech against Roma.")
    assert {7, 8, 9} <= set(offence.risk_factors), offence.reason()


def test_internet_indicator_needs_internet_words():
    res = rr.apply_rules("Improve the monitoring of cases of sexual violence in detention.")
    assert "7.6" not in res.indicators, res.reason()


def test_equal_texts_get_equal_labels(model):
    variants = [
        "Become a State party to the Convention on Enforced Disappearance.",
        "BECOME a state party to the convention on enforced disappearance",
        "12.7. Become a State party to the Convention on  Enforced Disappearance (Ruritania);",
        "Become a State party to the Convention on Enforced Disappearance (Ruritania, Freedonia).",
    ]
    outs = {(p.risk_factors, p.indicators, p.reason) for p in model.predict(variants)}
    assert len(outs) == 1, outs


def test_broken_hyphens_are_rejoined():
    assert rr.normalize("combat anti- Roma rhetoric") == rr.normalize("combat anti-Roma rhetoric")


# ---------------------------------------------------------------------------------------------------------------
# Every real text in ../shared
# ---------------------------------------------------------------------------------------------------------------

_LEAD = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")
_TRAIL = re.compile(r"\s*\(([^()]*)\)[\s.;,:]*$")


def consistency_key(text: str) -> str:
    """Text with case, spacing, punctuation, the paragraph number and the recommending States' parentheses at
    the end removed (a trailing parenthesis that names a cue, such as "(CAT)", is part of the ask and stays)."""
    t = _LEAD.sub("", text)
    while (m := _TRAIL.search(t)) and not rr.match_cues(m[1]):
        t = t[: m.start()]
    return " ".join(re.sub(r"[^\w\s-]", " ", rr.normalize(t)).split())


@pytest.fixture(scope="module")
def corpus(model):
    shared = require_shared()
    for path, _ in golden.source_paths(shared):
        require_shared(*path.relative_to(shared).parts)
    texts = list(golden.real_texts(shared).values())
    return texts, model.predict(texts)


@pytest.mark.slow
def test_no_reason_quotes_a_span_absent_from_its_text(corpus):
    texts, preds = corpus
    bad = [(t[:120], p.reason) for t, p in zip(texts, preds) if ungrounded(t, p.reason)]
    assert not bad, f"{len(bad)} reasons quote words not in their text, e.g. {bad[:3]}"
    stop = [p.reason for p in preds if "strongest words" in p.reason and set(QUOTED.findall(p.reason)) & REASON_STOP]
    assert not stop, stop[:3]


@pytest.mark.slow
def test_texts_equal_after_normalisation_get_equal_labels(corpus):
    texts, preds = corpus
    groups: dict[str, set] = defaultdict(set)
    examples: dict[str, str] = {}
    for t, p in zip(texts, preds):
        key = consistency_key(t)
        groups[key].add((p.risk_factors, p.indicators, p.reason))
        examples.setdefault(key, t)
    differing = [k for k, outs in groups.items() if len(outs) > 1]
    shown = [(examples[k][:100], sorted(groups[k])[:2]) for k in differing[:3]]
    assert not differing, f"{len(differing)} groups of equal texts are labelled differently, e.g. {shown}"
