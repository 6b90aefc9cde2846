"""`import-uprinfo`, `import-treaties`, `crosscheck`, `link`, `follow-up`: outside sources and tracking,
from the command line, on the synthetic store (and two real reports of one State for `link`)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import require_shared

from upr_lens import store


def _andorra(expected) -> tuple[dict, dict]:
    report = next(d for d in expected["documents"] if d["doc_type"] == "report" and d["state"]["iso3"] == "AND")
    addendum = next(d for d in expected["documents"] if d["doc_type"] == "addendum")
    return report, addendum["positions"]


@pytest.fixture()
def uprinfo_csv(tmp_path, expected):
    """A UPR Info export as UPR Info writes it: one row per recommending State and part, for the stored
    Andorra review, plus three rows (two wordings) of a review that is not stored."""
    report, positions = _andorra(expected)
    rows = []
    for rec in report["recommendations"]:
        for part in rec["parts"]:
            for state in part["states"]:
                rows.append({"To": "Andorra", "Text": part["text"], "From": state,
                             "Response": positions[rec["rec_id"]].capitalize(), "Action": 4,
                             "Issue": "Justice", "Session": report["wg_session"]})
    for text, state in (("Abolish the death penalty in law.", "Spain"), ("Abolish the death penalty in law.", "Italy"),
                        ("Ratify the Rome Statute.", "Ghana")):
        rows.append({"To": "France", "Text": text, "From": state, "Response": "Noted", "Action": 5,
                     "Issue": "Death penalty", "Session": report["wg_session"]})
    path = tmp_path / "uprinfo.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path, len(rows) - 3


def test_import_uprinfo_matches_every_row_of_the_stored_review(cli, store_copy, uprinfo_csv):
    path, stored_rows = uprinfo_csv
    result = cli("import-uprinfo", path, "--db", store_copy)
    assert result.exit_code == 0, result.exception
    assert result.stdout.splitlines() == [
        f"{stored_rows + 3} UPR Info rows; {stored_rows} belong to reviews in the store; recommending State agrees "
        f"for {stored_rows} of the matched rows; 3 rows of 1 review without documents kept as 2 recommendations",
        f"matched {stored_rows} of {stored_rows} rows (100.00%)"]
    con = store.connect(store_copy, read_only=True)
    assert con.execute("SELECT count(*) FROM recommendations WHERE state_iso3 = 'FRA'").fetchone()[0] == 2
    con.close()


@pytest.mark.parametrize("edit, message", [
    (lambda f: f.drop(columns=["Response"]), "not a UPR Info export (CSV: To, Text, From, Response, Session, ...): "
                                             "no column 'Response'"),
    (lambda f: f.assign(Session="spring"), "the Session column holds 'spring', not a Working Group session number"),
    (lambda f: f.assign(Action="many"), "the Action column holds 'many', not an action category number"),
])
def test_import_uprinfo_refuses_a_file_that_is_not_an_export(cli, store_copy, uprinfo_csv, edit, message):
    path, _ = uprinfo_csv
    edit(pd.read_csv(path)).to_csv(path, index=False)
    result = cli("import-uprinfo", path, "--db", store_copy)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}: {message}")
    assert result.stderr.count("\n") == 1


def test_import_uprinfo_of_a_missing_file(cli, store_copy, tmp_path):
    result = cli("import-uprinfo", tmp_path / "none.csv", "--db", store_copy)
    assert result.exit_code == 1 and result.stderr.strip() == f"error: {tmp_path / 'none.csv'}: no such file"


def test_import_treaties_counts_implemented_not_implemented_and_unknown(cli, tmp_path):
    """Ratification asks of the corpus: OPCAT (Andorra, joined 2021 after its 2019 review: implemented),
    ICPPED (Andorra and Monaco, not party as of 2022: not implemented), and CRPD, ICESCR-OP, ICMW twice
    (no status data for these instruments in the file: unknown; pandas 3 used to drop this count)."""
    from conftest import CORPUS

    from upr_lens.ingest import ingest

    store_copy = tmp_path / "two-reports.duckdb"  # the corpus's first two reviews, whose asks are listed above
    assert all(r.ok for r in ingest([CORPUS / "synthetic-report-cycle3.pdf", CORPUS / "synthetic-report-cycle1.pdf"],
                                    store_copy))
    path = tmp_path / "treaties.csv"
    path.write_text("instrument,iso3,status,consent_date,source_as_of\n"
                    "OPCAT,AND,party,2021,2022-06-10\nICPPED,FRA,party,2008,2022-06-10\n")
    result = cli("import-treaties", path, "--db", store_copy)
    assert result.exit_code == 0, result.exception
    assert result.stdout.splitlines() == [
        "2 rows in the file: 2 stored, 0 skipped", "rows per instrument: ICPPED 1, OPCAT 1",
        "7 ratification asks × instrument (implemented 1, not implemented 2, unknown 4); 7 signals stored",
        "matched 2 of 2 rows (100.00%)"]


def test_implemented_counts_keeps_the_unknown():
    from upr_lens.report.summaries import implemented_counts

    frame = pd.DataFrame({"implemented": pd.array([True, None, False, None, None], dtype="boolean")})
    assert implemented_counts(frame) == {"True": 1, "False": 1, "unknown": 3}


def test_import_treaties_refuses_a_file_without_its_columns(cli, store_copy, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("treaty,country\nOPCAT,Andorra\n")
    result = cli("import-treaties", path, "--db", store_copy)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}: a treaty status file needs the columns 'instrument' and")


def test_crosscheck_against_both_references(cli, synthetic_store, uprinfo_csv, tmp_path, expected):
    path, stored_rows = uprinfo_csv
    report, _ = _andorra(expected)
    regex_rows = [{"text": f"{r['rec_id']} {r['text']} ({r['states'][0]}).", "From": r["states"][0],
                   "file": report["file"]} for r in report["recommendations"]]
    regex_rows.append({"text": "90.99 Something the report never said (Chile).", "From": "Chile",
                       "file": report["file"]})
    regex = tmp_path / "regex.csv"
    pd.DataFrame(regex_rows).to_csv(regex, index=False)
    out = tmp_path / "details.csv"
    result = cli("crosscheck", "--db", synthetic_store, "--uprinfo", path, "--regex-parse", regex, "--out", out)
    assert result.exit_code == 0, result.exception
    n = len(report["recommendations"])
    assert result.stdout.splitlines() == [
        f"UPR Info rows of the stored reviews: {stored_rows}; matched {stored_rows} (100.00%); recommending State "
        f"agrees {stored_rows} (100.00% of matched)",
        f"  details → {tmp_path / 'details-uprinfo.csv'}",
        f"regex-parse rows of the stored reviews: {n + 1}; matched {n} ({n / (n + 1):.2%}); recommending State "
        f"agrees {n} (100.00% of matched)",
        f"  details → {tmp_path / 'details-regex.csv'}",
    ]
    assert len(pd.read_csv(tmp_path / "details-regex.csv")) == n + 1


@pytest.mark.parametrize("args, message", [
    ([], "error: give --uprinfo and/or --regex-parse"),
    (["--uprinfo", "{tmp}/none.csv"], "error: {tmp}/none.csv: no such file"),
    (["--regex-parse", "{tmp}/bad.csv"], "error: {tmp}/bad.csv: not a regex parse (CSV: text, From, file): "
                                         "no column 'file'"),
])
def test_crosscheck_errors(cli, synthetic_store, tmp_path, args, message):
    (tmp_path / "bad.csv").write_text("text,From\n90.1 Ratify (France),France\n")
    result = cli("crosscheck", "--db", synthetic_store, *(a.format(tmp=tmp_path) for a in args))
    assert result.exit_code == 1 and result.stderr.startswith(message.format(tmp=tmp_path))


# -------------------------------------------------------------------------------------------------- link


def test_link_a_store_of_single_cycle_reviews(cli, store_copy):
    result = cli("link", "--db", store_copy)
    assert result.exit_code == 0, result.exception
    assert result.stdout.strip() == ("0 cross-cycle links stored; 0 recommendations asked again in cycle N+1 "
                                     "(the next cycle)")
    assert cli("link", "--db", store_copy, "--state", "Atlantis").stderr.strip() == "error: unknown State: 'Atlantis'"


@pytest.mark.slow
def test_link_two_cycles_of_one_state(cli, tmp_path):
    from upr_lens.ingest import ingest

    db = tmp_path / "albania.duckdb"
    reports = [require_shared("upr", "reports", name) for name in ("albania2010.pdf", "albania2014.pdf")]
    assert all(r.ok for r in ingest(reports, db))
    result = cli("link", "--db", db, "--state", "Albania")
    assert result.exit_code == 0, result.exception
    con = store.connect(db, read_only=True)
    links = con.execute("SELECT rec_key, repeated, direction FROM cycle_links").fetchall()
    con.close()
    # each cycle 1 recommendation with at least one repeated link to cycle 2, counted once
    repeated = len({key for key, is_repeated, direction in links if is_repeated and direction == "later"})
    assert 0 < repeated < len(links)
    assert result.stdout.strip() == (f"{len(links)} cross-cycle links stored; {repeated} recommendations asked "
                                     "again in cycle N+1 (the next cycle)")


# --------------------------------------------------------------------------------------------- follow-up


def test_follow_up_keeps_its_history(cli, store_copy):
    first = cli("follow-up", "set", "A/HRC/99/7#90.1", "--status", "implemented", "--source", "Add.1 para. 3",
                "--author", "analyst-a", "--db", store_copy)
    assert first.exit_code == 0, first.exception
    assert first.stdout.startswith("follow-up recorded: #1 A/HRC/99/7#90.1 is implemented (source: Add.1 para. 3; "
                                   "author: analyst-a; 20")  # a sentence, not a Python dict
    assert "{" not in first.stdout and "datetime" not in first.stdout
    second = cli("follow-up", "set", "a/hrc/99/7 # 90.1", "--status", "partially implemented", "--source", "a law",
                 "--note", "only in part", "--db", store_copy)
    assert second.exit_code == 0, second.exception
    history = cli("follow-up", "history", "A/HRC/99/7#90.1", "--db", store_copy, "--format", "json")
    rows = json.loads(history.stdout)
    assert [(r["status"], r["source"], r["note"]) for r in rows] == [
        ("implemented", "Add.1 para. 3", None), ("partial", "a law", "only in part")]
    table = cli("follow-up", "history", "A/HRC/99/7#90.1", "--db", store_copy)
    assert "follow-up of A/HRC/99/7#90.1" in table.stdout


@pytest.mark.parametrize("rec, options, message", [
    ("A/HRC/99/7#90.1", ["--status", "done", "--source", "x"],
     "error: unknown follow-up status 'done': one of implemented, partial, not-implemented, unknown"),
    ("A/HRC/99/7#99.9", ["--status", "unknown", "--source", "x"],
     "error: unknown recommendation 'A/HRC/99/7#99.9': A/HRC/99/7 has no recommendation 99.9"),
    ("A/HRC/1/1#1.1", ["--status", "unknown", "--source", "x"],
     "error: unknown recommendation 'A/HRC/1/1#1.1': no report A/HRC/1/1 in the store"),
    ("90.1", ["--status", "unknown", "--source", "x"], "error: not a recommendation key: '90.1'"),
    ("A/HRC/99/7#90.1", ["--status", "unknown", "--source", " "],
     "error: a follow-up annotation needs a source"),
])
def test_follow_up_set_errors(cli, store_copy, rec, options, message):
    result = cli("follow-up", "set", rec, *options, "--db", store_copy)
    assert result.exit_code == 1 and result.stderr.startswith(message), result.stderr


def test_follow_up_history_of_an_unknown_recommendation(cli, store_copy):
    result = cli("follow-up", "history", "A/HRC/99/7#99.9", "--db", store_copy)
    assert result.exit_code == 1 and result.stderr.startswith("error: unknown recommendation")
