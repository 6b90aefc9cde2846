"""Real-data tests: the 304 Working Group reports and Slovenia's four reviews (../shared)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections import defaultdict

import pytest
from conftest import require_shared

from upr_lens import store
from upr_lens.parse.report import parse_report
from upr_lens.parse.thematic_list import parse_thematic_list
from upr_lens.read import read_document

# Reports whose printed ids really skip or repeat a number (checked by reading the PDF); see README.
KNOWN_ID_IRREGULARITIES: dict[str, str] = {}


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    reports = require_shared("upr", "reports")
    db = tmp_path_factory.mktemp("store") / "reports.duckdb"
    run = subprocess.run(
        [sys.executable, "-m", "upr_lens.cli.main", "ingest", str(reports), "--db", str(db), "-j", "2", "-q"],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"},
    )
    return db, run


def test_all_304_reports_ingest_in_one_command(corpus_db):
    _, run = corpus_db
    assert run.returncode == 0, run.stderr[-2000:]
    assert "ingested 303 of 304 files" in run.stderr
    assert "0 failed" in run.stderr
    db, _ = corpus_db
    con = store.connect(db, read_only=True)
    # the README's figure; each lead-in's ids run 1..n without gaps (tested below), so a change here is a change
    # in how many items the reports are read to hold, to be explained in the README
    assert con.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 35_895
    con.close()


def test_symbol_and_state_agree_with_the_index_for_every_file(corpus_db):
    db, _ = corpus_db
    index = list(csv.DictReader(open(require_shared("upr", "reports.csv"), encoding="utf-8")))
    con = store.connect(db, read_only=True)
    rows = con.execute("SELECT source_file, symbol, state_iso3, sha1, cycle FROM documents").fetchall()
    con.close()
    by_file = {os.path.basename(r[0]): r for r in rows}
    by_sha = {r[3]: r for r in rows}
    assert len(rows) == 303
    for entry in index:
        stored = by_file.get(entry["file"]) or by_sha[entry["sha1"]]  # the duplicate maps to its twin
        assert stored[1] == entry["symbol"], entry["file"]
        assert stored[2] == entry["iso3"], entry["file"]
        assert stored[4] in (1, 2), entry["file"]


def test_duplicate_content_is_recognised_not_counted_twice(corpus_db):
    db, run = corpus_db
    assert "guinea2014.pdf: same content as" in run.stderr.replace("\n", "")
    con = store.connect(db, read_only=True)
    n = con.execute("SELECT count(*) FROM documents WHERE symbol = 'A/HRC/15/4'").fetchone()[0]
    con.close()
    assert n == 1


def test_ids_run_without_gaps_or_duplicates(corpus_db):
    db, _ = corpus_db
    con = store.connect(db, read_only=True)
    rows = con.execute(
        "SELECT d.source_file, r.paragraph, r.item FROM recommendations r JOIN documents d USING (doc_id)"
    ).fetchall()
    con.close()
    items = defaultdict(list)
    for source, paragraph, item in rows:
        items[(os.path.basename(source), paragraph)].append(item)
    broken = []
    for (name, paragraph), numbers in items.items():
        if sorted(numbers) != list(range(1, len(numbers) + 1)) and name not in KNOWN_ID_IRREGULARITIES:
            broken.append((name, paragraph))
    assert not broken, broken[:20]


def test_every_recommendation_has_text_and_nearly_all_have_states(corpus_db):
    db, _ = corpus_db
    con = store.connect(db, read_only=True)
    total = con.execute("SELECT count(*) FROM recommendations").fetchone()[0]
    empty = con.execute("SELECT count(*) FROM recommendations WHERE length(text) < 4").fetchone()[0]
    stateless = con.execute(
        "SELECT count(*) FROM recommendations r WHERE NOT EXISTS "
        "(SELECT 1 FROM recommendation_states s WHERE s.rec_key = r.rec_key)"
    ).fetchone()[0]
    con.close()
    assert total > 35000
    assert empty == 0
    assert stateless / total < 0.005


@pytest.mark.parametrize(
    "cycle, report, thematic_list, expected",
    [
        ("cycle2", "g1423930.pdf", "UPR20__Slovenia_ThematicListRecommendations_E.docx", 163),
        ("cycle3", "g1934994.pdf", "UPR34_Slovenia_Thematic_list_of_Recommendations.docx", 215),
        ("cycle4", "g2502644.pdf", "upr48-slovenia-thematic-list-of-recommendatio.docx", 254),
    ],
)
def test_slovenia_report_matches_its_thematic_list(cycle, report, thematic_list, expected):
    folder = require_shared("upr", "slovenia", cycle)
    recs = parse_report(read_document(folder / report).pages).recommendations
    rows = parse_thematic_list(read_document(folder / thematic_list).tables)
    assert len(rows) == expected
    from_report = {r.rec_id: [s.iso3 for s in r.states] for r in recs}
    from_list = {r.rec_id: [s.iso3 for s in r.states] for r in rows}
    assert list(from_report) == sorted(from_report, key=lambda i: tuple(map(int, i.split("."))))
    assert from_report == from_list
    assert all(None not in states for states in from_report.values())


def test_slovenia_cycle1_report_is_recognised_and_parsed():
    folder = require_shared("upr", "slovenia", "cycle1")
    from upr_lens.parse.detect import detect

    document = read_document(folder / "g1012049.pdf")
    info = detect(document.pages)
    assert (info.symbol, info.state_iso3, info.wg_session, info.cycle) == ("A/HRC/14/15", "SVN", 7, 1)
    assert len(parse_report(document.pages).recommendations) > 0


def test_crosscheck_against_the_references(corpus_db):
    """Coverage of the two outside references (figures quoted in the README)."""
    from upr_lens.reference import compare_regex_parse, match_uprinfo

    db, _ = corpus_db
    con = store.connect(db, read_only=True)
    regex = compare_regex_parse(con, require_shared("upr", "reference", "regex-parse-2008-2014.csv"))
    uprinfo = match_uprinfo(con, require_shared("upr", "reference", "uprinfo-sessions-1-20.csv"))
    con.close()
    assert regex.reference_rows > 32000
    assert regex.rate >= 0.995
    assert regex.state_agrees / regex.matched >= 0.99
    assert uprinfo.reference_rows > 40000
    assert uprinfo.rate >= 0.985
    assert uprinfo.state_agrees / uprinfo.matched >= 0.99


def test_import_uprinfo_matches_and_keeps_the_rest(corpus_db, tmp_path):
    import shutil

    from upr_lens.track.uprinfo import import_uprinfo

    db, _ = corpus_db
    copy = tmp_path / "with-uprinfo.duckdb"
    shutil.copy(db, copy)
    con = store.connect(copy)
    summary = import_uprinfo(con, require_shared("upr", "reference", "uprinfo-sessions-1-20.csv"))
    orphans = con.execute(
        "SELECT count(*) FROM uprinfo_rows u WHERE u.rec_key IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM recommendations r WHERE r.rec_key = u.rec_key)").fetchone()[0]
    sources = dict(con.execute(
        "SELECT source_kind, count(*) FROM positions GROUP BY 1").fetchall())
    con.close()
    print(summary)
    assert summary.rows == 41066
    assert summary.coverage >= 0.95
    assert summary.own_recommendations > 0
    assert orphans == 0
    assert sources["uprinfo"] >= summary.matched
