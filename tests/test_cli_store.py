"""`ingest`, `recommendations`/`query`, `export`, `documents`, `state`, `demo` on the synthetic corpus,
checked against the corpus' own ground truth (EXPECTED.json, written by its generator)."""

from __future__ import annotations

import io
import json
import os
from collections import Counter

import pandas as pd
import pytest
from conftest import CORPUS

REPORT = CORPUS / "synthetic-report-cycle3.pdf"
REVIEW = CORPUS.parent / "slovenia-cycle4"


def _reports(expected):
    return {d["state"]["name"]: d for d in expected["documents"] if d["doc_type"] == "report"}


def _final_positions(expected) -> dict[str, Counter]:
    """State → Counter of final positions: the addendum's where there is one, else the report's decision."""
    addendum = {d["report_symbol"]: d["positions"] for d in expected["documents"] if d["doc_type"] == "addendum"}
    from_decision = {"supported": "supported", "already_implemented": "supported", "noted": "noted",
                     "to_be_examined": "pending"}
    out = {}
    for name, doc in _reports(expected).items():
        later = addendum.get(doc["symbol"], {})
        out[name] = Counter(later.get(r["rec_id"]) or from_decision[r["decision"]] for r in doc["recommendations"])
    return out


def _csv(result) -> pd.DataFrame:
    assert result.exit_code == 0, (result.stderr, result.exception)
    return pd.read_csv(io.StringIO(result.stdout), dtype={"rec_id": str})


# ------------------------------------------------------------------------------------------------ ingest


def test_ingest_stores_every_report_and_names_the_one_bad_file(cli, tmp_path, expected):
    db = tmp_path / "s.duckdb"
    result = cli("ingest", CORPUS, "--db", db, "-q")
    n_recs = sum(len(d["recommendations"]) for d in _reports(expected).values())
    n_files = len(expected["documents"])
    assert result.exit_code == 1  # the meeting notes are not a UPR document
    assert f"ingested {n_files - 1} of {n_files} files, {n_recs} recommendations; 0 duplicate(s), 1 failed" in (
        result.stderr)
    assert "not-a-upr-document.pdf: not a UPR document" in result.stderr


def test_ingest_again_replaces_and_a_copy_elsewhere_is_a_duplicate(cli, store_copy, tmp_path, expected):
    import shutil

    from upr_lens import store

    again = cli("ingest", REPORT, "--db", store_copy, "-q")
    assert again.exit_code == 0, again.stderr
    assert "ingested 1 of 1 files, 36 recommendations; 0 duplicate(s), 0 failed" in again.stderr
    copy = shutil.copy(REPORT, tmp_path / "same-report.pdf")
    duplicate = cli("ingest", copy, "--db", store_copy, "-q")
    assert duplicate.exit_code == 0, duplicate.stderr
    assert "ingested 0 of 1 files, 0 recommendations; 1 duplicate(s), 0 failed" in duplicate.stderr
    con = store.connect(store_copy, read_only=True)
    n_recs = sum(len(d["recommendations"]) for d in _reports(expected).values())
    assert con.execute("SELECT count(*) FROM recommendations").fetchone()[0] == n_recs
    con.close()


def test_ingest_with_a_progress_bar_and_a_missing_file(cli, tmp_path):
    db = tmp_path / "s.duckdb"
    result = cli("ingest", REPORT, tmp_path / "absent.pdf", "--db", db)
    assert result.exit_code == 1
    assert "absent.pdf: no such file" in result.stderr
    assert "ingested 1 of 2 files, 36 recommendations; 0 duplicate(s), 1 failed" in result.stderr


def test_ingest_of_nothing_is_one_line(cli, tmp_path):
    result = cli("ingest", tmp_path, "--db", tmp_path / "s.duckdb")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: nothing to ingest"


def test_ingest_refuses_a_damaged_store_before_reading(cli, tmp_path):
    db = tmp_path / "half.duckdb"
    db.write_bytes(b"DUCK" + os.urandom(3000))
    result = cli("ingest", REPORT, "--db", db, "-q")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "not a usable upr_lens database" in result.stderr


# --------------------------------------------------------------------------------------- recommendations


def test_every_recommendation_is_listed(cli, synthetic_store, expected):
    frame = _csv(cli("recommendations", "--db", synthetic_store, "--limit", 0, "--format", "csv"))
    truth = {(d["symbol"], r["rec_id"]) for d in _reports(expected).values() for r in d["recommendations"]}
    assert set(zip(frame["symbol"], frame["rec_id"])) == truth
    assert len(frame) == len(truth)


@pytest.mark.parametrize("state", ["Andorra", "Monaco"])
def test_final_positions_per_state(cli, synthetic_store, expected, state):
    frame = _csv(cli("query", "--db", synthetic_store, "--state", state, "--limit", 0, "--format", "csv"))
    assert Counter(frame["position"]) == _final_positions(expected)[state]
    for position, n in _final_positions(expected)[state].items():
        only = _csv(cli("recommendations", "--db", synthetic_store, "-s", state, "--position", position,
                        "--limit", 0, "--format", "csv"))
        assert len(only) == n


def test_filters_by_decision_recommending_state_text_cycle_and_session(cli, synthetic_store, expected):
    recs = [(d, r) for d in _reports(expected).values() for r in d["recommendations"]]

    def count(*args):
        return len(_csv(cli("recommendations", "--db", synthetic_store, "--limit", 0, "--format", "csv", *args)))

    assert count("--decision", "noted") == sum(r["decision"] == "noted" for _, r in recs)
    assert count("--from", "France") == sum("France" in r["states"] for _, r in recs)
    assert count("--text", "torture") == sum("torture" in r["text"].lower() for _, r in recs)
    assert count("--cycle", 1) == sum(d["cycle"] == 1 for d, _ in recs)
    assert count("--session", 98) == sum(d["wg_session"] == 98 for d, _ in recs)
    addenda = [d for d in expected["documents"] if d["doc_type"] == "addendum"]
    assert count("--source", "addendum") == sum(len(d["positions"]) for d in addenda)
    weog = count("--group", "WEOG")
    assert 0 < weog < len(recs)


def test_limit_and_table_output(cli, synthetic_store):
    every = _csv(cli("recommendations", "--db", synthetic_store, "--format", "csv"))  # no --limit: every row
    result = cli("recommendations", "--db", synthetic_store, "--limit", 3)
    assert result.exit_code == 0
    assert f"showing 3 of {len(every)} recommendation(s) (--limit 0 for all)" in result.stdout
    assert len(every) > 50
    table = cli("recommendations", "--db", synthetic_store)  # a terminal table shows 50 and says so
    assert f"showing 50 of {len(every)} recommendation(s)" in table.stdout
    whole = cli("recommendations", "--db", synthetic_store, "--limit", 0)
    assert f"{len(every)} recommendation(s)" in whole.stdout and "showing" not in whole.stdout
    result = cli("recommendations", "--db", synthetic_store, "--state", "MCO", "--limit", 2, "--format", "json")
    assert [row["state_iso3"] for row in json.loads(result.stdout)] == ["MCO", "MCO"]


@pytest.mark.parametrize("args, message", [
    (["--state", "Atlantis"], "error: unknown State: 'Atlantis'"),
    (["--from", "Narnia"], "error: unknown State: 'Narnia'"),
    (["--decision", "accepted"], "error: unknown decision 'accepted': one of supported, to_be_examined"),
    (["--position", "rejected"], "error: unknown position 'rejected': one of supported, partially supported"),
    (["--source", "newspaper"], "error: unknown position source 'newspaper'"),
    (["--group", "Nordic"], "error: unknown regional group 'Nordic': one of African"),
    (["--cycle", "7"], "error: unknown cycle 7"),
    (["--session", "0"], "error: unknown Working Group session 0"),
    (["--limit", "-1"], "error: a row limit cannot be negative"),
    (["--format", "xml"], "error: unknown format 'xml': one of table, csv, json"),
])
def test_a_bad_filter_value_is_one_error_line(cli, synthetic_store, args, message):
    result = cli("recommendations", "--db", synthetic_store, *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message), result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_a_missing_store_is_one_error_line(cli, tmp_path):
    result = cli("recommendations", "--db", tmp_path / "none.duckdb")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "no such database" in result.stderr


# ---------------------------------------------------------------------------------- export, documents


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json", "xlsx"])
def test_export_writes_every_recommendation(cli, synthetic_store, tmp_path, expected, fmt):
    from upr_lens import store

    out = tmp_path / f"recs.{fmt}"
    result = cli("export", "--db", synthetic_store, "-f", fmt, "-o", out)
    n = sum(len(d["recommendations"]) for d in _reports(expected).values())
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{n} recommendations → {out}"
    frame = {"csv": pd.read_csv, "parquet": pd.read_parquet, "json": pd.read_json, "xlsx": pd.read_excel}[fmt](out)
    assert len(frame) == n and list(frame.columns) == store.EXPORT_COLUMNS


def test_export_in_an_unknown_format_writes_nothing(cli, synthetic_store, tmp_path):
    result = cli("export", "--db", synthetic_store, "--format", "xml", "--out", tmp_path / "r.xml")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: unknown export format 'xml': one of csv, parquet, json, xlsx"
    assert not (tmp_path / "r.xml").exists()


def test_documents_lists_what_was_ingested(cli, synthetic_store, expected):
    rows = json.loads(cli("documents", "--db", synthetic_store, "--format", "json").stdout)
    stored = {(r["doc_type"], r["n_recommendations"]) for r in rows}
    truth = {(d["doc_type"], len(d.get("recommendations", []))) for d in expected["documents"]
             if d["doc_type"] != "not_upr"}
    assert stored == truth
    table = cli("documents", "--db", synthetic_store)
    assert f"{len(rows)} document(s)" in table.stdout and "A/HRC/99/7/Add.1" in table.stdout
    assert len(rows) == len(expected["documents"]) - 1  # all but the meeting notes


# -------------------------------------------------------------------------------------------------- state


def test_state_acceptance_per_cycle(cli, synthetic_store, expected):
    data = json.loads(cli("state", "Andorra", "--db", synthetic_store, "--format", "json").stdout)
    positions = _final_positions(expected)["Andorra"]
    (row,) = data["by_cycle"]
    assert (data["iso3"], row["cycle"], row["received"]) == ("AND", 3, sum(positions.values()))
    assert (row["supported"], row["noted"], row["pending"]) == (positions["supported"], positions["noted"],
                                                                 positions["pending"])
    assert data["by_risk_factor"] is None  # not classified


def test_state_top_recommenders_count_pairs(cli, synthetic_store, expected):
    doc = _reports(expected)["Monaco"]
    pairs = Counter(s for r in doc["recommendations"] for s in dict.fromkeys(
        st for part in r.get("parts", []) for st in part["states"]))
    result = cli("state", "MCO", "--db", synthetic_store, "--format", "csv", "--top", 3)
    assert result.exit_code == 0
    table = pd.read_csv(io.StringIO(result.stdout))  # one tidy table: a section column names each part
    assert list(dict.fromkeys(table["section"])) == ["per_cycle_ids", "per_cycle_rows", "by_group",
                                                     "top_recommenders"]
    assert set(table["state"]) == {"Monaco"}
    top = table[table["section"] == "top_recommenders"]
    third = sorted(pairs.values(), reverse=True)[2]  # the cut: every State tied with the third is listed too
    assert len(top) == sum(n >= third for n in pairs.values()) >= 3
    assert top["received"].iloc[0] == max(pairs.values())
    # per recommending-State row: one per State per part, as the report lists them
    rows = sum(len(part["states"]) for r in doc["recommendations"] for part in r.get("parts", []))
    assert table[table["section"] == "per_cycle_rows"]["received"].sum() == rows


def test_state_table_and_errors(cli, synthetic_store, classified_store):
    table = cli("state", "Andorra", "--db", classified_store)
    assert table.exit_code == 0
    assert "Andorra (AND): per cycle" in table.stdout and "by atrocity risk factor" in table.stdout
    none = cli("state", "France", "--db", synthetic_store)
    assert none.exit_code == 1 and none.stderr.strip() == "error: no recommendations stored for France"
    unknown = cli("state", "Atlantis", "--db", synthetic_store)
    assert unknown.exit_code == 1 and unknown.stderr.strip() == "error: unknown State: 'Atlantis'"


# --------------------------------------------------------------------------------------------------- demo


def _slovenia_thematic_positions() -> Counter:
    """Positions of Slovenia's cycle-4 recommendations as the shipped OHCHR thematic list prints them, read
    directly from the list (not through the store the demo builds)."""
    from upr_lens.parse.thematic_list import parse_thematic_list
    from upr_lens.read import read_document

    path = REVIEW / "upr48-slovenia-thematic-list-of-recommendatio.docx"
    return Counter(row.position.lower() for row in parse_thematic_list(read_document(path).tables))


def test_demo_by_default_runs_the_shipped_slovenia_review(cli, tmp_path):
    listed = _slovenia_thematic_positions()
    assert (sum(listed.values()), listed["supported"], listed["noted"]) == (254, 217, 37)
    db = tmp_path / "demo.duckdb"
    db.write_bytes(b"an older demo store, replaced")
    result = cli("demo", "--db", db)
    assert result.exit_code == 0, result.exception
    out = result.stdout
    n, supported, noted = sum(listed.values()), listed["supported"], listed["noted"]
    assert (f"Working Group session 48: 1 State(s), {n} recommendations ({supported} supported, "
            f"0 partially supported, {noted} noted, 0 pending)") in out
    assert f"Slovenia (A/HRC/59/15, cycle 4): {n} recommendations, {supported} supported" in out
    assert "ok    g2502644.pdf: report A/HRC/59/15 Slovenia, 254 recommendations" in out
    assert "ok    g2505828.pdf: addendum A/HRC/59/15/Add.1" in out
    assert "ok    upr48-slovenia-thematic-list-of-recommendatio.docx: thematic_list A/HRC/59/15" in out
    assert out.count("ok    ") == 3 and "error not-a-upr-document.pdf: not a UPR document" in out
    assert "risk factors raised (factor recommendations): RF" in out
    assert "noted atrocity-relevant recommendations: " in out


def test_demo_on_a_corpus_folder_builds_and_summarizes_a_fresh_store(cli, tmp_path, expected):
    db = tmp_path / "demo.duckdb"
    db.write_bytes(b"an older demo store, replaced")
    result = cli("demo", "--db", db, "--corpus", CORPUS)
    assert result.exit_code == 0, result.exception
    reports = _reports(expected)
    n = sum(len(d["recommendations"]) for d in reports.values())
    assert f"{n} recommendations from {len(reports)} State(s) under review" in result.stdout
    positions = sum(_final_positions(expected).values(), Counter())
    assert f"final position: {dict(positions.most_common())}" in result.stdout
    n_files = len(expected["documents"])
    assert result.stdout.count("ok    ") == n_files - 1 and "error not-a-upr-document.pdf" in result.stdout
    assert "atrocity risk factors raised (factor: recommendations): {" in result.stdout
    assert "First recommendations in the store" in result.stdout


def test_demo_of_a_missing_corpus_is_one_line(cli, tmp_path):
    result = cli("demo", "--db", tmp_path / "d.duckdb", "--corpus", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nowhere'}: no such file or folder"
    assert not (tmp_path / "d.duckdb").exists()


@pytest.mark.slow
def test_ctrl_c_during_ingest_keeps_what_is_stored_and_exits_130(tmp_path):
    """A real SIGINT (only a separate process can receive one) while the 304 real reports go in."""
    import signal
    import subprocess
    import sys
    import time

    from conftest import require_shared

    from upr_lens import store

    reports = require_shared("upr", "reports")
    db = tmp_path / "s.duckdb"
    run = subprocess.Popen([sys.executable, "-m", "upr_lens.cli.main", "ingest", reports, "--db", db, "-q"],
                           stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not db.exists() and time.monotonic() < deadline:  # the store is created before the first document
        time.sleep(0.05)
    time.sleep(0.5)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "interrupted: documents already stored are kept" in err
    con = store.connect(db, read_only=True)
    stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    assert stored < 303
