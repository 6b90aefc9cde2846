"""The shipped synthetic corpus: the parser against the generator's own ground truth (EXPECTED.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from upr_lens.parse.detect import detect
from upr_lens.parse.report import parse_report
from upr_lens.read import read_document

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "synthetic"
EXPECTED = json.loads((CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))
REPORTS = [d for d in EXPECTED["documents"] if d["doc_type"] == "report"]


@pytest.mark.parametrize("expected", REPORTS, ids=[d["file"] for d in REPORTS])
def test_synthetic_report_is_parsed_exactly(expected):
    document = read_document(CORPUS / expected["file"])
    info = detect(document.pages)
    assert info.symbol == expected["symbol"]
    assert info.state_iso3 == expected["state"]["iso3"]
    assert info.wg_session == expected["wg_session"]
    assert info.hrc_session == expected["hrc_session"]
    assert info.cycle == expected["cycle"]
    parsed = parse_report(document.pages)
    got = {r.rec_id: r for r in parsed.recommendations}
    want = {r["rec_id"]: r for r in expected["recommendations"]}
    assert list(got) == list(want)
    for rec_id, truth in want.items():
        rec = got[rec_id]
        assert rec.decision.value == truth["decision"], rec_id
        assert rec.text == truth["text"], rec_id
        assert [[s.iso3 for s in p.states] for p in rec.parts] == [p["states_iso3"] for p in truth["parts"]]
        assert rec.page == truth["page"], rec_id


def test_footnotes_and_headers_do_not_leak_into_recommendations():
    document = read_document(CORPUS / "synthetic-report-cycle3.pdf")
    texts = " ".join(r.text for r in parse_report(document.pages).recommendations)
    footnotes = EXPECTED["documents"][0]["layout"]["footnotes"]
    for footnote in footnotes:
        assert footnote["text"][:40] not in texts
    assert "A/HRC/99/7" not in texts
    assert "GE.99" not in texts
