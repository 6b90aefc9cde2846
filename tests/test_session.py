"""A session in one command: `session run` on the synthetic session in shuffled order gives the store that
ingesting in order gives; `session report` agrees with EXPECTED.json and opens in a headless browser."""

from __future__ import annotations

import html
import json
import random
import shutil
from pathlib import Path

import pytest
from conftest import rendered_dom

from upr_lens import store

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "synthetic"
SESSION = 98  # the Working Group session of the synthetic cycle-3/4 reviews (HRC session 99)

# columns that name the file or the moment, not the content
_VOLATILE = {"source_file", "ingested_at", "classified_at", "linked_at"}
_TABLES = ("documents", "lead_ins", "recommendations", "recommendation_parts", "recommendation_states",
           "positions", "thematic_rows", "classifications", "cycle_links")


def _contents(db: Path) -> dict[str, list[tuple]]:
    con = store.connect(db, read_only=True)
    try:
        out = {}
        for table in _TABLES:
            cols = [c for c in store.schema.columns(con, table) if c not in _VOLATILE]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def _by_kind(files):
    order = {"report": 0, "addendum": 1, "thematic": 2}
    return sorted(files, key=lambda f: (next((v for k, v in order.items() if k in f.name), 3), f.name))


@pytest.fixture(scope="module")
def in_order(tmp_path_factory) -> Path:
    """The corpus ingested document by document, each report before its addendum and thematic list, then
    classified and linked: what a careful user gets by hand."""
    from upr_lens.classify.pipeline import classify_store
    from upr_lens.ingest import collect_files, ingest
    from upr_lens.track.links import store_links

    db = tmp_path_factory.mktemp("in-order") / "in-order.duckdb"
    for path in _by_kind(collect_files([CORPUS])):
        ingest([path], db)
    con = store.connect(db)
    try:
        classify_store(con)
        store_links(con)
    finally:
        con.close()
    return db


def _cli(*args):
    from typer.testing import CliRunner

    from upr_lens.cli.main import app

    return CliRunner(env={"COLUMNS": "250"}).invoke(app, [str(a) for a in args])




@pytest.fixture(scope="module")
def shuffled_run(tmp_path_factory):
    """`session run` on a copy whose file names sort the documents in a shuffled order (addenda first)."""
    folder = tmp_path_factory.mktemp("shuffled") / "session"
    folder.mkdir()
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".pdf", ".docx"))
    random.Random(13).shuffle(files)
    for k, path in enumerate(files):
        shutil.copy(path, folder / f"{k:02d}-{path.name}")
    db = folder.parent / "session.duckdb"
    done = _cli("session", "run", str(folder), "--db", str(db))
    return db, done


def test_session_run_in_shuffled_order_gives_the_store_of_an_ordered_ingest(in_order, shuffled_run):
    db, _ = shuffled_run
    assert _contents(db) == _contents(in_order)


def test_session_run_prints_each_state_and_fails_for_the_bad_file(shuffled_run, expected):
    _, done = shuffled_run
    assert done.exit_code == 1  # the meeting notes are not a UPR document
    assert "not-a-upr-document.pdf" in done.stdout
    for doc in expected["documents"]:
        if doc["doc_type"] == "report":
            line = next(x for x in done.stdout.splitlines() if f"({doc['state']['iso3']})" in x)
            assert f"{len(doc['recommendations'])} recommendations" in line
    assert "Andorra (AND): documents 1 addendum, 1 report, 1 thematic_list" in done.stdout


def test_an_addendum_stored_before_its_report_is_checked_when_the_report_arrives(tmp_path, expected):
    from upr_lens.ingest import ingest
    from upr_lens.session import run_session

    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("synthetic-addendum-per-paragraph.pdf", "synthetic-report-per-paragraph.pdf"):
        shutil.copy(CORPUS / name, folder / name)
    db = tmp_path / "s.duckdb"
    ingest([folder / "synthetic-addendum-per-paragraph.pdf"], db)  # an earlier run: no report yet
    run_session([folder / "synthetic-report-per-paragraph.pdf"], db, classify=False, link=False)
    con = store.connect(db, read_only=True)
    got = dict(con.execute("SELECT rec_id, arg_max(position, priority) FROM positions "
                           "WHERE report_symbol = 'A/HRC/99/38' GROUP BY 1").fetchall())
    notes = con.execute("SELECT notes FROM documents WHERE symbol = 'A/HRC/99/38/Add.1'").fetchone()[0]
    con.close()
    want = next(d for d in expected["documents"] if d["file"] == "synthetic-addendum-per-paragraph.pdf")
    assert {k: got.get(k) for k in want["positions"]} == want["positions"]
    assert "is not in the store" not in (notes or "")


def _expected_positions(expected) -> dict[str, dict[str, int]]:
    """Per State of the session: received and final positions, from the generator's own data."""
    by_symbol = {}
    for doc in expected["documents"]:
        if doc["doc_type"] == "addendum":
            by_symbol[doc["report_symbol"]] = doc["positions"]
    out = {}
    decided = {"supported": "supported", "already_implemented": "supported", "noted": "noted"}
    for doc in expected["documents"]:
        if doc["doc_type"] != "report" or doc["wg_session"] != SESSION:
            continue
        later = by_symbol.get(doc["symbol"], {})
        counts = {"received": len(doc["recommendations"]), "supported": 0, "partially supported": 0, "noted": 0,
                  "pending": 0}
        for rec in doc["recommendations"]:
            position = later.get(rec["rec_id"]) or decided.get(rec["decision"], "pending")
            counts[position] += 1
        out[doc["state"]["iso3"]] = counts
    return out


def test_session_report_json_counts_agree_with_expected(shuffled_run, expected, cli, tmp_path):
    db, _ = shuffled_run
    out = tmp_path / "s.json"
    done = cli("session", "report", str(SESSION), "--db", str(db), "--json", str(out))
    assert done.exit_code == 0, done.output
    report = json.loads(out.read_text(encoding="utf-8"))
    got = {s["iso3"]: s["counts"] for s in report["states"]}
    assert got == _expected_positions(expected)
    assert report["totals"]["states"] == len(got) == 14
    andorra = next(s for s in report["states"] if s["iso3"] == "AND")
    assert andorra["risk_factors"] and len(andorra["five_steps"]) == 5
    for state in report["states"]:
        noted = state["noted_atrocity_relevant"]
        flags = [n["priority_factor"] for n in noted]
        assert flags == sorted(flags, reverse=True)  # RF2, RF9-RF14 first
        assert all(n["rec_id"] for n in noted)
    # every noted atrocity-relevant recommendation is in the JSON (none cut), counted here straight from the store
    from upr_lens.track.positions import FINAL_POSITIONS_SQL

    con = store.connect(db, read_only=True)
    want = dict(con.execute(
        f"""SELECT r.state_iso3, count(*) FROM recommendations r JOIN ({FINAL_POSITIONS_SQL}) f USING (rec_key)
            JOIN classifications c USING (rec_key) JOIN documents d USING (doc_id)
            WHERE d.doc_type = 'report' AND d.wg_session = ? AND f.position = 'noted'
              AND len(c.risk_factors) > 0 GROUP BY 1""", [SESSION]).fetchall())
    con.close()
    assert {s["iso3"]: len(s["noted_atrocity_relevant"]) for s in report["states"] if s["noted_atrocity_relevant"]} \
        == want
    prov = report["provenance"]
    assert prov["model_versions"] and "automated model" in prov["caveat"]
    assert {d["symbol"] for d in prov["documents"]} >= {"A/HRC/99/7", "A/HRC/99/7/Add.1"}


def test_session_report_html_collapses_noted_beyond_the_shown_number_and_keeps_them(shuffled_run, tmp_path):
    from upr_lens.report.session_report import build_session_report, render_html

    db, _ = shuffled_run
    con = store.connect(db, read_only=True)
    report = build_session_report(con, SESSION, noted_limit=1)
    con.close()
    many = [s for s in report.states if len(s.noted) > 1]
    assert many, "the synthetic session has a State with several noted atrocity-relevant recommendations"
    page = tmp_path / "s.html"
    render_html(report, page)
    text = page.read_text(encoding="utf-8")
    assert text.count("class='more-noted'") == len(many)
    for s in many:
        assert f"the other {len(s.noted) - 1} of {len(s.noted)}" in text
        assert all(html.escape(n["text"][:40]) in text for n in s.noted)


def test_session_report_of_an_unknown_session_is_one_line(shuffled_run, cli):
    db, _ = shuffled_run
    done = cli("session", "report", "12", "--db", str(db))
    assert done.exit_code == 1 and "no Working Group report of session 12" in done.output


def test_session_report_html_opens_in_a_headless_browser_with_every_state(shuffled_run, expected, cli, tmp_path):
    db, _ = shuffled_run
    page = tmp_path / "session.html"
    done = cli("session", "report", str(SESSION), "--db", str(db), "--html", str(page))
    assert done.exit_code == 0, done.output
    dom = rendered_dom(page, tmp_path)
    assert f"UPR Working Group session {SESSION}: atrocity-prevention lens" in dom
    for doc in expected["documents"]:
        if doc["doc_type"] == "report" and doc["wg_session"] == SESSION:
            assert f"id=\"state-{doc['state']['iso3']}\"" in dom, doc["state"]["name"]
            assert doc["state"]["name"] in dom
    assert dom.count('src="data:image/png;base64,') == 1
    assert "Provenance" in dom and "automated model" in dom


def test_real_slovenia_cycle_4_session_compared_with_cycle_3(tmp_path):
    """Slovenia's real cycle-3 and cycle-4 folders, one `session run` each: cycle 4 has its 254
    recommendations (217 supported, 37 noted), and its report compares it with the cycle-3 review."""
    from tests.conftest import require_shared
    from upr_lens.report.session_report import build_session_report
    from upr_lens.session import run_session, session_files

    folder = require_shared("upr", "slovenia")
    db = tmp_path / "svn.duckdb"
    run_session(session_files(folder / "cycle3"), db)
    done = run_session(session_files(folder / "cycle4"), db)
    (slovenia,) = done.states
    assert (slovenia.recommendations, slovenia.positions) == (254, {"noted": 37, "supported": 217})
    assert any("hc-letter" in path for path, _ in done.bad_files)  # a letter, not a UPR document
    con = store.connect(db, read_only=True)
    try:
        wg_session = con.execute("SELECT wg_session FROM documents WHERE symbol = 'A/HRC/59/15'").fetchone()[0]
        report = build_session_report(con, wg_session).to_dict()
    finally:
        con.close()
    (section,) = report["states"]
    changes = section["changes_since_previous_review"]
    assert changes["previous_symbol"] == "A/HRC/43/15" and changes["previous_received"] == 215
    assert changes["asked_again"] and changes["risk_factors"]
    assert set(changes["more_often"]).isdisjoint(changes["less_often"])
    assert [s["step"] for s in section["five_steps"]] == [1, 2, 3, 4, 5]


def test_session_run_on_a_missing_or_empty_folder_is_one_line(tmp_path):
    done = _cli("session", "run", tmp_path / "nowhere", "--db", tmp_path / "s.duckdb")
    assert done.exit_code == 1 and "not a folder" in done.output
    (tmp_path / "empty").mkdir()
    done = _cli("session", "run", tmp_path / "empty", "--db", tmp_path / "s.duckdb")
    assert done.exit_code == 1 and "no PDF or Word documents" in done.output


def test_session_report_checks_its_output_paths_first(cli, tmp_path, synthetic_store):
    result = cli("session", "report", "98", "--db", synthetic_store, "--html", tmp_path / "nowhere" / "r.html")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nowhere' / 'r.html'}: cannot write the HTML report: " \
                                    f"no such folder {tmp_path / 'nowhere'}"
