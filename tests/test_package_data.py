"""The data files shipped in the package (cue lexicon, instrument registry, UPR calendar) and their loaders."""

from __future__ import annotations

import ast
import hashlib
import json
from importlib.resources import files
from pathlib import Path

import pytest

from upr_lens import config, instruments, upr_calendar
from upr_lens.classify import cue_lexicon, risk_decisions
from upr_lens.classify import risk_rules as rr
from upr_lens.errors import ModelError
from upr_lens.package_data import PackageDataError
from upr_lens.track import five_steps, treaties


@pytest.mark.parametrize("name", ["risk_cues.jsonl", "instruments.json", "upr_calendar.json"])
def test_data_files_ship_inside_the_package(name):
    resource = files("upr_lens") / "data" / name
    assert resource.is_file()
    assert resource.read_text(encoding="utf-8").strip()


# ------------------------------------------------------------------------------------------ cue lexicon


def _cue(cid="t_alpha", label="alpha treaty", section="treaties", factors=(3,), phrases=("alpha pact",), **extra):
    obj = {"id": cid, "label": label, "section": section, "risk_factors": list(factors), "phrases": list(phrases)}
    obj.update(extra)
    return json.dumps(obj)


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "cues.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_valid_cue_file_loads_in_order(tmp_path):
    path = _write(tmp_path, _cue(), "", _cue("v_beta", "beta", "conduct", (2,), ("beta act", "beta acts")))
    lexicon = cue_lexicon.load_cues(path)
    assert lexicon.phrase_to_cue == {"alpha pact": "t_alpha", "beta act": "v_beta", "beta acts": "v_beta"}
    assert lexicon.labels == {"t_alpha": "alpha treaty", "v_beta": "beta"}


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([_cue(), _cue("v_beta", phrases=("beta act", "alpha pact"))], "listed under 't_alpha' and 'v_beta'"),
        ([_cue(phrases=("alpha pact", "alpha pact"))], "listed twice under 't_alpha'"),
        (
            [json.dumps({"id": "t_alpha", "label": "a", "section": "s", "phrases": ["x"]})],
            "missing keys ['risk_factors']",
        ),
        ([_cue(factors=(15,))], "unknown risk factor"),
        ([_cue(factors=(True,))], "unknown risk factor"),
        ([_cue(colour="red")], "unknown keys ['colour']"),
        ([_cue("q_alpha")], "bad cue id 'q_alpha'"),
        ([_cue(), _cue()], "cue 't_alpha' is listed twice"),
        ([_cue(phrases=("Alpha Pact",))], "lower-case and single-spaced"),
        ([_cue(phrases=())], "has no phrases"),
        ([_cue(label=7)], "'label' must be a str"),
        (["{not json"], "not JSON"),
        ([""], "no cues"),
    ],
)
def test_the_cue_loader_refuses_a_bad_file(tmp_path, lines, message):
    with pytest.raises(PackageDataError, match=message.replace("[", r"\[").replace("]", r"\]")) as caught:
        cue_lexicon.load_cues(_write(tmp_path, *lines))
    assert isinstance(caught.value, ModelError)


def test_the_duplicate_error_names_the_line(tmp_path):
    path = _write(tmp_path, _cue(), _cue("v_beta", phrases=("alpha pact",)))
    with pytest.raises(PackageDataError, match=r"cues\.jsonl, line 2:"):
        cue_lexicon.load_cues(path)


def test_a_missing_cue_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="cannot read data file"):
        cue_lexicon.load_cues(tmp_path / "absent.jsonl")


def test_the_digest_is_over_sorted_phrase_cue_pairs_and_ignores_file_order(tmp_path):
    a = cue_lexicon.load_cues(_write(tmp_path, _cue(), _cue("v_beta", phrases=("beta act",))))
    b = cue_lexicon.load_cues(_write(tmp_path, _cue("v_beta", phrases=("beta act",)), _cue()))
    expected = hashlib.sha1(b"alpha pact\tt_alpha\nbeta act\tv_beta\n").hexdigest()[:16]
    assert a.digest() == b.digest() == expected
    c = cue_lexicon.load_cues(_write(tmp_path, _cue(), _cue("v_beta", phrases=("beta acts",))))
    assert c.digest() != a.digest()


def test_the_packaged_lexicon_has_the_digest_the_shipped_risk_model_was_trained_with():
    # a lexicon edit without a retrain would make every classification refuse to load the model
    from upr_lens.classify.artifacts import read_manifest

    assert rr.lexicon_digest() == read_manifest(config.models_dir())["models"]["risk_factors"]["lexicon_digest"]
    assert len(rr.PHRASES) > 5000 and len(rr.CUES) == 200


def test_every_cue_the_decision_rules_name_is_in_the_lexicon():
    source = Path(risk_decisions.__file__).read_text(encoding="utf-8")
    literals = {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and cue_lexicon._CUE_ID.fullmatch(node.value)
    }
    assert len(literals) > 150
    assert literals <= rr.CUES.keys(), sorted(literals - rr.CUES.keys())


def test_the_rules_refuse_a_lexicon_without_one_of_their_cues(monkeypatch):
    monkeypatch.setattr(rr, "CUES", {k: v for k, v in rr.CUES.items() if k != "v_torture"})
    with pytest.raises(PackageDataError, match="v_torture"):
        rr._check_rules_know_cues()


# ---------------------------------------------------------------------------------- instrument registry


def _instrument(iid="ALPHA", abbreviations=("AP-X",), names=("Alpha Pact",), **extra):
    obj = {"id": iid, "name": f"{iid} full name", "short": iid, "abbreviations": list(abbreviations),
           "adopted": 1999, "names": list(names), "risk_cue": "t_alpha"}  # fmt: skip
    obj.update(extra)
    return obj


def _registry(tmp_path: Path, *items: dict, not_instruments=()) -> Path:
    path = tmp_path / "instruments.json"
    doc = {"instruments": list(items), "not_instruments": [{"abbreviation": a, "meaning": "a meeting"}
                                                            for a in not_instruments]}  # fmt: skip
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_a_valid_registry_loads(tmp_path):
    registry = instruments.load_instruments(_registry(tmp_path, _instrument(), _instrument("BETA", ["BP"], [])))
    assert [i.id for i in registry.instruments] == ["ALPHA", "BETA"]
    assert registry.by_id["ALPHA"].abbreviations == ("AP-X",) and registry.by_id["ALPHA"].risk_cue == "t_alpha"


@pytest.mark.parametrize(
    ("items", "not_instruments", "message"),
    [
        ([_instrument(), _instrument("BETA", ["APX"], [])], (), "'APX' is claimed by ALPHA and BETA"),
        ([{k: v for k, v in _instrument().items() if k != "short"}], (), r"missing keys \['short'\]"),
        ([_instrument(names=["Alpha (Pact"])], (), "does not compile"),
        ([_instrument(abbreviations=["ICPD"])], ("ICPD",), "ALPHA claims 'ICPD'"),
        ([_instrument(names=["I ?C ?P ?D"])], ("ICPD",), "a name of ALPHA matches 'ICPD'"),
        ([_instrument(adopted="1999")], (), "'adopted' has the wrong type"),
        ([_instrument(iid="alpha")], (), "an id is upper-case"),
        ([_instrument(risk_cue="alpha")], (), "'risk_cue' must be a cue id"),
        ([_instrument(colour="red")], (), r"unknown keys \['colour'\]"),
    ],
)
def test_the_registry_loader_refuses_a_bad_file(tmp_path, items, not_instruments, message):
    with pytest.raises(PackageDataError, match=message):
        instruments.load_instruments(_registry(tmp_path, *items, not_instruments=not_instruments))


def test_the_registry_serves_treaties_five_steps_and_the_risk_rules():
    registry = instruments.packaged_instruments()
    assert treaties.INSTRUMENTS == registry.instruments
    assert [m.instrument for m in treaties.find_treaties("Ratify the Rome Statue and the ICCPED")] == [
        "ROME",
        "ICPPED",
    ]
    assert treaties.find_treaties("Follow up on the ICPD programme") == [] and treaties.instrument("ICPD") is None
    assert five_steps.steps_in("Accede to the Rome Statue soon") == (2,)
    assert five_steps.steps_in("Accede to the Cairo accords soon") == ()
    assert all(inst.risk_cue is None or inst.risk_cue in rr.CUES for inst in registry.instruments)


def test_the_risk_lexicon_agrees_with_the_registry():
    # "icpd" (the Cairo population conference) was once under t_icpped; "rome statue" and "iccped" were missing
    assert rr.instrument_registry_conflicts() == []
    assert "t_rome" in rr.match_cues("accede to the rome statue")
    assert "t_icpped" in rr.match_cues("ratify the iccped") and "t_icpped" not in rr.match_cues("implement the icpd")


# --------------------------------------------------------------------------------------------- calendar


def _calendar(tmp_path: Path, cycles: list[tuple], sessions: list[tuple]) -> Path:
    path = tmp_path / "calendar.json"
    keys = ("cycle", "first_session", "last_session", "first_year", "last_year")
    doc = {"cycles": [dict(zip(keys, c)) for c in cycles], "sessions": [{"session": s, "year": y} for s, y in sessions]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


_CYCLES = [(1, 1, 2, 2001, 2002), (2, 3, 4, 2002, 2004), (3, 5, 6, None, None)]
_SESSIONS = [(1, 2001), (2, 2002), (3, 2002), (4, 2004)]


def test_a_valid_calendar_answers_session_and_date_questions(tmp_path):
    calendar = upr_calendar.load_calendar(_calendar(tmp_path, _CYCLES, _SESSIONS))
    assert [calendar.cycle_of_session(s) for s in (0, 1, 2, 3, 6, 7)] == [None, 1, 1, 2, 3, None]
    assert [calendar.cycle_of_year(y) for y in (1990, 2002, 2003, 2030)] == [1, 1, 2, 2]
    assert calendar.session_years[3] == 2002 and calendar.last_known_session == 6


@pytest.mark.parametrize(
    ("cycles", "sessions", "message"),
    [
        ([(1, 1, 2, 2001, 2002), (2, 4, 5, 2003, 2004)], [], "sessions follow on"),
        ([(2, 1, 2, 2001, 2002)], [], "cycles are numbered 1, 2"),
        ([(1, 1, 2, 2002, 2001)], [], "both given, in order"),
        (_CYCLES, [(1, 2001), (3, 2002)], "sessions are listed 1, 2"),
        (_CYCLES, [(1, 2001), (2, 2000)], "before session 1's"),
        (_CYCLES, [(1, 2001), (2, 2003)], "outside its cycle's years"),
        ([(1, 1, 2, 2001, 2005), (2, 3, 4, 2003, 2006)], [], "start before cycle 1's end"),
    ],
)
def test_the_calendar_loader_refuses_a_bad_file(tmp_path, cycles, sessions, message):
    with pytest.raises(PackageDataError, match=message):
        upr_calendar.load_calendar(_calendar(tmp_path, cycles, sessions))


def test_the_packaged_calendar():
    assert [upr_calendar.cycle_of_wg_session(s) for s in (None, 1, 12, 13, 26, 27, 40, 41, 54, 55, 68, 69)] == [
        None, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, None,
    ]  # fmt: skip
    assert [upr_calendar.cycle_of_date(f"{y}-06-30") for y in (2008, 2011, 2012, 2017, 2022, 2023, 2031)] == [
        1, 1, 2, 3, 3, 4, 4,
    ]  # fmt: skip
    assert upr_calendar.session_year(41) == 2022 and upr_calendar.session_year(54) is None
    assert upr_calendar.review_year("13", "2013-03-01") == 2012 and upr_calendar.review_year(60, "2030-01-02") == 2030
