"""Positions per recommending State and the UPR Info import on real reports: Botswana's first review (every
recommendation decided by UPR Info's rows), Sudan 2011 (recommendations UPR Info files under South Sudan),
and the 27 reports of WG sessions 19-20 (the reviews of UPR Info's own export file). Expected figures are
counted here from the CSV files with the csv module; the store's matching of rows to recommendations
(``uprinfo_rows``) is taken as data.

And, on the synthetic store, a hand-written file in the database export's own format."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections import Counter, defaultdict

import pandas as pd
import pytest
from conftest import require_shared

from upr_lens import states as registry
from upr_lens import store

SESSIONS_19_20 = ("A/HRC/27/", "A/HRC/28/")


def _accepted(response: str) -> bool:
    return response.strip().lower() in {"accepted", "supported"}


def _combined(responses: list[str]) -> str:
    found = {"supported" if _accepted(r) else "noted" for r in responses}
    return found.pop() if len(found) == 1 else "partially supported"


@pytest.fixture(scope="module")
def reviews_db(tmp_path_factory):
    from upr_lens.ingest import ingest

    reports = require_shared("upr", "reports")
    index = list(csv.DictReader(open(require_shared("upr", "reports.csv"), encoding="utf-8")))
    files = [reports / "botswana2009.pdf", reports / "sudan2011.pdf"] + [
        reports / row["file"] for row in index if row["symbol"].startswith(SESSIONS_19_20)]
    assert len(files) == 29
    db = tmp_path_factory.mktemp("reviews") / "reviews.duckdb"
    assert all(r.ok for r in ingest(files, db))
    return db


@pytest.fixture(scope="module")
def uprinfo_db(reviews_db, tmp_path_factory):
    from upr_lens.track.uprinfo import import_uprinfo

    db = tmp_path_factory.mktemp("uprinfo") / "with-uprinfo.duckdb"
    shutil.copy(reviews_db, db)
    con = store.connect(db)
    import_uprinfo(con, require_shared("upr", "reference", "uprinfo-sessions-1-20.csv"))
    con.close()
    return db


@pytest.fixture(scope="module")
def csv_rows():
    """The UPR Info rows of sessions 1-20, numbered as the import numbers them (1 = the first data row)."""
    path = require_shared("upr", "reference", "uprinfo-sessions-1-20.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        return {i: row for i, row in enumerate(csv.DictReader(handle), 1)}


def _matching(con) -> dict[int, tuple]:
    """row_id → (rec_key, part_index) of the rows the import matched."""
    return {r: (k, p) for r, k, p in con.execute(
        "SELECT row_id, rec_key, part_index FROM uprinfo_rows WHERE rec_key IS NOT NULL").fetchall()}


def test_botswana_cycle_1_both_rates_come_from_the_uprinfo_rows(uprinfo_db, csv_rows, cli):
    con = store.connect(uprinfo_db, read_only=True)
    matching = _matching(con)
    recs = [k for (k,) in con.execute(
        "SELECT rec_key FROM recommendations WHERE state_iso3 = 'BWA' AND cycle = 1").fetchall()]
    documented = con.execute("SELECT rec_key, part_index, state_iso3 FROM recommendation_states "
                             "WHERE rec_key LIKE 'A/HRC/10/69#%'").fetchall()
    con.close()
    rows = {i: r for i, r in csv_rows.items() if r["To"] == "Botswana" and r["Session"] == "3"}
    assert (len(rows), sum(_accepted(r["Response"]) for r in rows.values())) == (101, 49)  # UPR Info: 49 of 101
    matched = {i: r for i, r in rows.items() if i in matching}
    assert len(matched) >= 100
    # per recommendation id: the responses of the rows matched to it (the report leaves every one pending)
    responses = defaultdict(list)
    for i, row in matched.items():
        responses[matching[i][0]].append(row["Response"])
    assert set(responses) == set(recs)
    per_id = Counter(_combined(responses[k]) for k in recs)
    # per recommending-State row: each matched row, and each (part, State) the report names that no row gives
    given = {(matching[i][0], registry.resolve(r["From"]).iso3) for i, r in matched.items()}
    per_row = Counter("supported" if _accepted(r["Response"]) else "noted" for r in matched.values())
    per_row.update(_combined(responses[k]) for k, _, s in documented if (k, s) not in given)

    table = pd.read_csv(io.StringIO(cli("state", "Botswana", "--db", uprinfo_db, "--format", "csv").stdout))
    by_id = table[(table["section"] == "per_cycle_ids") & (table["cycle"] == 1)].iloc[0]
    by_row = table[(table["section"] == "per_cycle_rows") & (table["cycle"] == 1)].iloc[0]
    for row, expected in ((by_id, per_id), (by_row, per_row)):
        assert {p: row[p] for p in ("supported", "partially supported", "noted", "pending")} == {
            p: expected.get(p, 0) for p in ("supported", "partially supported", "noted", "pending")}
        assert row["received"] == sum(expected.values())
        decided = expected["supported"] + expected["partially supported"] + expected["noted"]
        assert row["supported_share"] == round(expected["supported"] / decided, 3)
    assert by_id["received"] == 27 and per_id["partially supported"] > 0


def test_botswana_92_1_is_partially_supported_with_the_detail(uprinfo_db, csv_rows):
    from upr_lens.track.positions import FINAL_POSITIONS_SQL

    con = store.connect(uprinfo_db, read_only=True)
    matching = _matching(con)
    position, kind, explanation = con.execute(
        f"SELECT position, position_source_kind, explanation FROM ({FINAL_POSITIONS_SQL}) "
        "WHERE rec_key = 'A/HRC/10/69#92.1'").fetchone()
    con.close()
    responses = [csv_rows[i]["Response"] for i, (k, _) in matching.items() if k == "A/HRC/10/69#92.1"]
    accepted = sum(map(_accepted, responses))
    assert (len(responses), accepted) == (13, 1)  # as the issue counted them
    assert (position, kind) == ("partially supported", "uprinfo")
    assert explanation == (f"UPR Info: {accepted} of {len(responses)} recommending States' rows supported, "
                           f"{len(responses) - accepted} noted")


def test_no_south_sudan_review_in_2011_and_no_review_the_documents_and_uprinfo_do_not_both_hold(
        uprinfo_db, csv_rows):
    con = store.connect(uprinfo_db, read_only=True)
    assert con.execute("SELECT count(*) FROM documents WHERE state_iso3 = 'SSD'").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM recommendations WHERE state_iso3 = 'SSD'").fetchone()[0] == 0
    south = con.execute("SELECT row_id, review_iso3, rec_key FROM uprinfo_rows WHERE to_iso3 = 'SSD'").fetchall()
    paragraphs = dict(con.execute("SELECT rec_key, paragraph FROM recommendations "
                                  "WHERE symbol = 'A/HRC/18/16'").fetchall())
    made = con.execute("SELECT state_iso3, wg_session FROM documents WHERE doc_type = 'uprinfo_review'").fetchall()
    stored = set(con.execute("SELECT state_iso3, wg_session FROM documents WHERE doc_type = 'report'").fetchall())
    con.close()
    in_csv = [i for i, r in csv_rows.items() if r["To"] == "South Sudan" and r["Session"] == "11"]
    assert len(in_csv) == 33 and sorted(r for r, _, _ in south) == in_csv
    assert {review for _, review, _ in south} == {"SDN"}  # Sudan 2011 stays Sudan
    assert {paragraphs[k] for _, _, k in south if k} <= {84, 85}  # the report's paragraphs to Southern Sudan
    # a review made from UPR Info rows alone: one UPR Info has, that no stored report is of
    in_uprinfo = {(getattr(registry.resolve(r["To"]), "iso3", None), int(r["Session"])) for r in csv_rows.values()}
    assert made and all(review in in_uprinfo and review not in stored for review in made)


def test_the_by_state_export_has_one_row_per_recommending_state_row(uprinfo_db, csv_rows, cli, tmp_path):
    out = tmp_path / "by-state.csv"
    result = cli("export", "--by-state", "-o", out, "--db", uprinfo_db)
    assert result.exit_code == 0, result.exception
    frame = pd.read_csv(out, dtype=str)
    con = store.connect(uprinfo_db, read_only=True)
    matching = _matching(con)
    deciding = dict(con.execute("SELECT rec_key, arg_max(source_kind, priority) FROM positions GROUP BY 1").fetchall())
    documented = con.execute("SELECT rec_key, state_iso3, printed FROM recommendation_states").fetchall()
    recs = [k for (k,) in con.execute("SELECT rec_key FROM recommendations").fetchall()]
    con.close()
    # where UPR Info decides: each of its matched rows; every other (part, State) the document names; one row
    # for a recommendation that names no State
    given = defaultdict(set)
    n_given = 0
    for i, (key, _) in matching.items():
        if deciding.get(key) == "uprinfo" and csv_rows[i]["Response"].strip():
            iso3 = getattr(registry.resolve(csv_rows[i]["From"]), "iso3", None)
            given[key].add(iso3 or "?" + csv_rows[i]["From"].strip())
            n_given += 1
    n_documented = sum((iso3 or "?" + printed) not in given[key] for key, iso3, printed in documented)
    named = {key for key, _, _ in documented} | set(given)
    expected = n_given + n_documented + sum(k not in named for k in recs)
    assert len(frame) == expected
    assert f"{expected} recommending-State rows" in result.stdout
    assert set(frame["rec_key"]) == set(recs)  # every recommendation has its rows
    botswana = frame[frame["rec_key"] == "A/HRC/10/69#92.1"]
    assert len(botswana) == 13 and Counter(botswana["position"]) == {"noted": 12, "supported": 1}


def test_the_real_export_format_imports_with_at_least_99_percent_matched(reviews_db, cli, tmp_path):
    path = require_shared("upr", "reference", "uprinfo-export-sessions-19-20.csv")
    db = tmp_path / "export.duckdb"
    shutil.copy(reviews_db, db)
    result = cli("import-uprinfo", path, "--db", db)
    assert result.exit_code == 0, result.exception
    last = result.stdout.splitlines()[-1]
    found = re.fullmatch(r"matched (\d+) of (\d+) rows \((\d+\.\d\d)%\)", last)
    assert found, last
    matched, rows, percent = int(found[1]), int(found[2]), float(found[3])
    # M: the file's rows of reviews whose report is stored (counted here with the csv module)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        data = list(csv.reader(handle, delimiter=";"))[1:]
    con = store.connect(db, read_only=True)
    stored = set(con.execute("SELECT state_iso3, wg_session FROM documents WHERE doc_type = 'report'").fetchall())
    names = {r for (r,) in con.execute("SELECT from_printed FROM uprinfo_rows").fetchall()}
    con.close()
    assert rows == sum((getattr(registry.resolve(r[0].strip()), "iso3", None), int(r[10])) in stored for r in data)
    assert len(data) == 5597 and rows >= 5300
    assert percent >= 99 and percent == round(100 * matched / rows, 2)
    assert not any(n != n.strip() for n in names)  # "Trinidad and Tobago\n" arrives stripped


def test_a_hand_written_file_in_the_export_format(cli, store_copy, expected, tmp_path):
    """The database's own export: byte order mark, ';', CRLF, the column names twice, a State name ending in a
    newline (quoted), 'Supported' for accepted."""
    report = next(d for d in expected["documents"] if d["doc_type"] == "report" and d["state"]["iso3"] == "AND")
    lines = ["SuR;Rgrp;Org;Recommendation;RS;Rgrp;Org;Response;Action;Issue;Session"]
    rows = 0
    for n, rec in enumerate(report["recommendations"]):
        for part in rec["parts"]:
            for state in part["states"]:
                name = f'"{state}\n"' if n == 0 else state
                response = "Supported" if n % 2 == 0 else "Noted"
                lines.append(f"Andorra;WEOG;OIF;{part['text']};{name};WEOG;;{response};4;Justice;"
                             f"{report['wg_session']}")
                rows += 1
    path = tmp_path / "export.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    result = cli("import-uprinfo", path, "--db", store_copy)
    assert result.exit_code == 0, result.exception
    assert result.stdout.splitlines()[-1] == f"matched {rows} of {rows} rows (100.00%)"
    con = store.connect(store_copy, read_only=True)
    first = report["recommendations"][0]["parts"][0]["states"][0]
    given = con.execute("SELECT from_printed, position FROM positions WHERE source_kind = 'uprinfo'").fetchall()
    printed, kinds = [p for p, _ in given], Counter(k for _, k in given)
    con.close()
    assert first in printed and not any(p.endswith("\n") for p in printed)
    assert sum(kinds.values()) == rows and set(kinds) == {"supported", "noted"}
