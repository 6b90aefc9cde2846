"""Issue 10: complete, typed outputs (no silent cut, every export column, xlsx with ids as text) and the filters
analysts ask for. Expected values are computed with plain Python over the store's own tables (not through the
query under test), or written by hand."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from conftest import require_shared

from upr_lens import store

# reports of the 304 where France recommends something about torture; together they hold more than 50
# recommendations that mention torture, so a silent 50-row cut cannot go unseen
TORTURE_REPORTS = ("india2012.pdf", "uzbekistan2013.pdf", "eritrea2014.pdf", "egypt2010.pdf")


def _csv(result) -> pd.DataFrame:
    assert result.exit_code == 0, result.stderr
    return pd.read_csv(io.StringIO(result.stdout), dtype={"rec_id": str}, keep_default_na=False)


def _raw(db, sql: str) -> list[tuple]:
    con = store.connect(db, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _recs(db) -> dict[str, dict]:
    """Every recommendation as plain dicts from the raw tables: text, recommending ISO3s, classification, year."""
    from upr_lens import states
    from upr_lens.upr_calendar import review_year

    recs = {key: {"text": text, "iso3": iso3, "from": set(), "decision": decision, "session": session,
                  "year": review_year(session, date), "rf": [], "ind": [], "issues": [], "action": None}
            for key, text, iso3, decision, session, date in _raw(db, (
                "SELECT r.rec_key, r.text, r.state_iso3, r.decision, r.wg_session, d.doc_date "
                "FROM recommendations r JOIN documents d USING (doc_id)"))}
    for key, iso3 in _raw(db, "SELECT rec_key, state_iso3 FROM recommendation_states"):
        if iso3:
            recs[key]["from"].add(iso3)
    if _raw(db, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'classifications'")[0][0]:
        for key, rf, ind, issues, action in _raw(
                db, "SELECT rec_key, risk_factors, indicators, issues, action_category FROM classifications"):
            recs[key].update(rf=list(rf or []), ind=list(ind or []), issues=list(issues or []), action=action)
    for rec in recs.values():
        rec["group"] = (states.by_iso3(rec["iso3"]).group if rec["iso3"] and states.by_iso3(rec["iso3"]) else None)
        rec["from_groups"] = {states.by_iso3(code).group for code in rec["from"] if states.by_iso3(code)}
    return recs


# ------------------------------------------------------------------------------- the README example, real data


@pytest.fixture(scope="module")
def torture_store(tmp_path_factory):
    from upr_lens.ingest import ingest

    folder = require_shared("upr", "reports")
    db = tmp_path_factory.mktemp("torture") / "torture.duckdb"
    results = ingest([folder / name for name in TORTURE_REPORTS], db)
    assert all(r.ok for r in results), [r.error for r in results]
    return db


@pytest.mark.slow
def test_the_readme_example_returns_every_row(cli, torture_store):
    recs = _recs(torture_store).values()
    torture = [r for r in recs if "torture" in r["text"].lower()]
    from_france = [r for r in torture if "FRA" in r["from"]]
    assert len(torture) > 50 and from_france  # more than the old silent cut

    every = _csv(cli("recommendations", "--db", torture_store, "--text", "torture", "--format", "csv"))
    assert len(every) == len(torture)
    assert every["rec_key"].is_unique
    readme = _csv(cli("recommendations", "--db", torture_store, "--from", "France", "--text", "torture",
                      "--format", "csv"))
    assert len(readme) == len(from_france)
    as_json = json.loads(cli("query", "--db", torture_store, "--text", "torture", "--format", "json").stdout)
    assert len(as_json) == len(torture)
    table = cli("recommendations", "--db", torture_store, "--text", "torture")
    assert f"showing 50 of {len(torture)} recommendation(s) (--limit 0 for all)" in table.stdout


@pytest.mark.slow
def test_repeated_text_is_and_and_any_text_is_or(cli, torture_store):
    recs = list(_recs(torture_store).values())

    def count(*args):
        return len(_csv(cli("recommendations", "--db", torture_store, "--format", "csv", *args)))

    both = sum("torture" in r["text"].lower() and "prison" in r["text"].lower() for r in recs)
    either = sum("torture" in r["text"].lower() or "prison" in r["text"].lower() for r in recs)
    assert 0 < both < either
    assert count("--text", "torture", "--text", "prison") == both
    assert count("--any-text", "torture", "--any-text", "prison") == either
    assert count("-t", "TORTURE", "--any-text", "prison", "--any-text", "detention") == sum(
        "torture" in r["text"].lower() and ("prison" in r["text"].lower() or "detention" in r["text"].lower())
        for r in recs)


@pytest.mark.slow
def test_word_matches_whole_words_only(cli, torture_store):
    import re

    recs = list(_recs(torture_store).values())

    def count(*args):
        return len(_csv(cli("recommendations", "--db", torture_store, "--format", "csv", *args)))

    def whole(word, text):
        return re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, word.split())) + r"(?!\w)", text, re.I)

    war_inside = sum("war" in r["text"].lower() for r in recs)
    war_words = sum(bool(whole("war", r["text"])) for r in recs)
    assert war_words < war_inside  # "award", "towards", "warrant"... hold the letters, not the word
    assert count("--word", "war") == war_words
    assert count("--word", "torture", "-w", "national preventive mechanism") == sum(
        bool(whole("torture", r["text"]) and whole("national preventive mechanism", r["text"])) for r in recs)


@pytest.mark.slow
def test_an_explicit_limit_is_said_on_stderr(cli, torture_store):
    result = cli("recommendations", "--db", torture_store, "--text", "torture", "--limit", 5, "--format", "csv")
    assert len(_csv(result)) == 5
    assert result.stderr.startswith("note: 5 of ")


# -------------------------------------------------------------------------------------------- export columns


def test_export_has_key_year_groups_flag_and_classification(cli, classified_store, tmp_path):
    out = tmp_path / "recs.csv"
    assert cli("export", "--db", classified_store, "--out", out).exit_code == 0
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    for column in ("rec_key", "year", "state_group", "recommending_iso3", "recommending_groups",
                   "rec_id_assigned", "notes", "risk_factors", "indicators", "risk_factor_scores",
                   "reason", "action_category", "issues", "model_version"):
        assert column in frame.columns, column
    recs = _recs(classified_store)
    assert set(frame["rec_key"]) == set(recs) and len(frame) == len(recs)
    for row in frame.to_dict("records"):
        rec = recs[row["rec_key"]]
        assert row["rec_key"] == f"{row['symbol']}#{row['rec_id']}"
        assert row["year"] == str(rec["year"])
        assert row["state_group"] == (rec["group"] or "")
        assert set(filter(None, row["recommending_iso3"].split(";"))) == rec["from"]
        assert set(filter(None, row["recommending_groups"].split(";"))) == rec["from_groups"]
        assert row["risk_factors"] == ";".join(map(str, rec["rf"]))
        assert row["issues"] == ";".join(rec["issues"])
        assert row["action_category"] == str(rec["action"])
        assert set(json.loads(row["risk_factor_scores"])) == {str(i) for i in range(1, 15)}
        assert row["model_version"] and row["reason"]
        assert row["rec_id_assigned"] == "False"


def test_ids_upr_lens_assigned_are_flagged(tmp_path):
    """Hand-written rows: a printed id, one assigned from a dialogue reference, one from a UPR Info import."""
    db = tmp_path / "assigned.duckdb"
    con = store.connect(db)
    try:
        con.execute("INSERT INTO documents (doc_id, symbol, doc_type, state_iso3, state_name, wg_session, "
                    "doc_date) VALUES ('d1', 'A/HRC/8/29', 'report', 'FRA', 'France', 2, DATE '2008-05-29')")
        rows = [("A/HRC/8/29#70.10", "70.10", ""),
                ("A/HRC/8/29#71.1", "71.1", "outside the numbered list: interactive dialogue paragraph 45; "
                                            "id assigned by upr_lens in the order of the reference"),
                ("A/HRC/8/29#u1", "u1", "from the UPR Info database; no OHCHR id")]
        for key, rec_id, notes in rows:
            con.execute("INSERT INTO recommendations (rec_key, doc_id, symbol, state_iso3, cycle, wg_session, "
                        "rec_id, paragraph, item, decision, text, n_parts, notes) VALUES (?, 'd1', 'A/HRC/8/29', "
                        "'FRA', 1, 2, ?, 70, 1, 'supported', 'Ratify OPCAT', 1, ?)", [key, rec_id, notes])
        frame = store.recommendations_frame(con)
    finally:
        con.close()
    flags = dict(zip(frame["rec_id"], frame["rec_id_assigned"]))
    assert flags == {"70.10": False, "71.1": True, "u1": True}
    assert set(frame["year"]) == {2008} and set(frame["state_group"]) == {"WEOG"}


# ---------------------------------------------------------------------------------------------------- xlsx


def test_xlsx_keeps_ids_and_formula_like_text_as_text(tmp_path):
    from openpyxl import load_workbook

    from upr_lens.csvio import write_xlsx

    frame = pd.DataFrame({"rec_id": ["82.10", "82.1", "7"], "text": ["=HYPERLINK(\"x\")", "red \x1b[31m", None],
                          "page": [3, 4, None], "flag": [True, False, True]})
    out = tmp_path / "hand.xlsx"
    write_xlsx(frame, out)
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == ["rec_id", "text", "page", "flag"]
    assert [(c.value, c.data_type) for c in sheet[2][:2]] == [("82.10", "s"), ('=HYPERLINK("x")', "s")]
    assert sheet["B3"].value == "red \\x1b[31m"  # a control character is shown, not written raw
    assert sheet["A4"].value == "7" and sheet["A4"].data_type == "s" and sheet["B4"].value is None
    assert sheet["C2"].value == 3 and sheet["D2"].value is True
    # pandas infers numbers even from text cells unless told; told, it gets the text as written
    back = pd.read_excel(out, dtype={"rec_id": str})
    assert back["rec_id"].tolist() == ["82.10", "82.1", "7"]


def test_xlsx_export_opens_in_pandas_with_ids_as_strings(cli, classified_store, tmp_path):
    out = tmp_path / "recs.xlsx"
    result = cli("export", "--db", classified_store, "--format", "xlsx", "--out", out)
    assert result.exit_code == 0, result.stderr
    frame = pd.read_excel(out, dtype={"rec_id": str})
    ids = dict(_raw(classified_store, "SELECT rec_key, rec_id FROM recommendations"))
    assert len(frame) == len(ids) and list(frame.columns) == store.EXPORT_COLUMNS
    assert dict(zip(frame["rec_key"], frame["rec_id"])) == ids  # "…10" ids stay text
    assert any(i.endswith(".10") for i in ids.values())


def test_a_cell_too_long_for_excel_is_an_error_not_a_cut(tmp_path):
    from upr_lens.csvio import write_xlsx
    from upr_lens.errors import InputError

    with pytest.raises(InputError, match="does not fit in Excel"):
        write_xlsx(pd.DataFrame({"text": ["x" * 40_000]}), tmp_path / "long.xlsx")
    assert not (tmp_path / "long.xlsx").exists()


# ------------------------------------------------------------------------------------------------ filters


@pytest.fixture(scope="module")
def classified(classified_store):
    return _recs(classified_store)


def _keys(cli, db, *args) -> set[str]:
    return set(_csv(cli("recommendations", "--db", db, "--format", "csv", *args))["rec_key"])


def _where(recs, test) -> set[str]:
    return {key for key, rec in recs.items() if test(rec)}


@pytest.mark.parametrize("args, test", [
    (["--risk-factor", 3], lambda r: 3 in r["rf"]),
    (["--risk-factor", 6, "--rf", 9], lambda r: 6 in r["rf"] or 9 in r["rf"]),
    (["--indicator", "3.1"], lambda r: "3.1" in r["ind"]),
    (["--indicator", "6.2", "--indicator", "7.14"], lambda r: "6.2" in r["ind"] or "7.14" in r["ind"]),
    (["--issue", "torture and other cid treatment"], lambda r: "Torture and other CID treatment" in r["issues"]),
    (["--action", 4], lambda r: r["action"] == 4),
    (["--action", 2, "--action", 3], lambda r: r["action"] in (2, 3)),
    (["--year", 2010], lambda r: r["year"] == 2010),
    (["--year", "2019-2023"], lambda r: r["year"] is not None and 2019 <= r["year"] <= 2023),
    (["--state-group", "weog"], lambda r: r["group"] == "WEOG"),
    (["--from-group", "African"], lambda r: "African" in r["from_groups"]),
    (["--group", "GRULAC", "--group", "African"], lambda r: bool({"GRULAC", "African"} & r["from_groups"])),
    (["--session", 97], lambda r: r["session"] == 97),
    (["--session", 97, "--session", 98], lambda r: r["session"] in (97, 98)),
    (["--decision", "Noted", "--decision", "supported"], lambda r: r["decision"] in ("noted", "supported")),
    (["--risk-factor", 3, "--from-group", "WEOG", "--text", "ratify"],
     lambda r: 3 in r["rf"] and "WEOG" in r["from_groups"] and "ratify" in r["text"].lower()),
])
def test_each_filter_selects_what_the_tables_hold(cli, classified_store, classified, args, test):
    expected = _where(classified, test)
    assert expected, "a filter that selects nothing proves nothing"
    assert _keys(cli, classified_store, *args) == expected
    out = classified_store.parent / "filtered.csv"
    assert cli("export", "--db", classified_store, "--out", out, *args).exit_code == 0
    assert set(pd.read_csv(out, dtype=str)["rec_key"]) == expected
    out.unlink()


def test_the_library_call_takes_the_same_filters(classified_store, classified):
    con = store.connect(classified_store, read_only=True)
    try:
        frame = store.recommendations_frame(con, risk_factor=[6, 9], year="2019-2023", state_group="WEOG")
    finally:
        con.close()
    assert set(frame["rec_key"]) == _where(classified, lambda r: bool({6, 9} & set(r["rf"])) and r["group"] == "WEOG"
                                           and r["year"] is not None and 2019 <= r["year"] <= 2023)


def test_sort_orders_and_keeps_the_report_order_for_ties(cli, classified_store, classified):
    frame = _csv(cli("recommendations", "--db", classified_store, "--format", "csv", "--sort", "-year",
                     "--sort", "state"))
    assert len(frame) == len(classified)
    pairs = [(-int(y), s) for y, s in zip(frame["year"], frame["state_under_review"])]
    assert pairs == sorted(pairs)
    by_year = _csv(cli("recommendations", "--db", classified_store, "--format", "csv", "--sort", "year"))
    assert [int(y) for y in by_year["year"]] == sorted(int(y) for y in by_year["year"])
    first = by_year[by_year["year"] == by_year["year"].iloc[0]]
    default = _csv(cli("recommendations", "--db", classified_store, "--format", "csv"))
    assert first["rec_key"].tolist() == [k for k in default["rec_key"] if k in set(first["rec_key"])]


@pytest.mark.parametrize("args, message", [
    (["--decision", "foo"], "error: unknown decision 'foo': one of supported, to_be_examined, noted"),
    (["--position", "partial"], "error: unknown position 'partial': one of supported, partially supported"),
    (["--cycle", "7"], "error: unknown cycle 7: one of 1, 2, 3, 4, 5"),
    (["--risk-factor", "15"], "error: unknown risk factor 15: the factors are numbered 1 to 14"),
    (["--indicator", "7.99"], "error: unknown indicator '7.99': one of 1.1, 1.2,"),
    (["--issue", "Weather"], "error: unknown issue 'Weather': one of Asylum-seekers - refugees; "),
    (["--action", "6"], "error: unknown action category 6: 1 minimal, 2 continuing"),
    (["--year", "1999"], "error: unknown year 1999: the UPR years run from 2008"),
    (["--year", "last year"], "error: unknown year 'last year'"),
    (["--state-group", "Nordic"], "error: unknown regional group 'Nordic': one of African, Asia-Pacific"),
    (["--from-group", "Nordic"], "error: unknown regional group 'Nordic': one of African, Asia-Pacific"),
    (["--sort", "colour"], "error: unknown sort key 'colour': one of symbol, state, year"),
])
@pytest.mark.parametrize("command", ["recommendations", "query", "export"])
def test_an_unknown_value_is_an_error_listing_the_valid_ones(cli, synthetic_store, tmp_path, command, args,
                                                             message):
    extra = ["--out", tmp_path / "out.csv"] if command == "export" else []
    result = cli(command, "--db", synthetic_store, *extra, *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message), result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert not (tmp_path / "out.csv").exists()


def test_every_indicator_and_issue_named_in_the_error_is_accepted(cli, synthetic_store):
    from upr_lens.classify import risk_table
    from upr_lens.query import issue_vocabulary, normalise_filters

    indicators = [i.id for f in risk_table.RISK_FACTORS for i in f.indicators]
    assert normalise_filters(indicator=indicators)["indicator"] == indicators
    assert normalise_filters(issue=[i.upper() for i in issue_vocabulary()])["issue"] == list(issue_vocabulary())
    assert len(issue_vocabulary()) == 54


def test_documents_table_fits_and_says_what_it_leaves_out(cli, synthetic_store):
    result = cli("documents", "--db", synthetic_store)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "document(s) (file: the name only" in result.stdout
    assert max(len(line) for line in lines) <= 250
    rows = json.loads(cli("documents", "--db", synthetic_store, "--format", "json").stdout)
    assert {"doc_id", "source_file", "hrc_session"} <= set(rows[0])
    body = [line for line in lines if "A/HRC/99/7 " in line]
    assert body and all("│" in line for line in body)


def test_a_query_limited_to_a_state_cycle_or_session_gives_the_rows_of_the_whole_view(classified_store):
    """The view is narrowed to the filtered State / cycle / session / decision before it joins (for speed); the
    rows, their values and their order must be those of the whole view filtered afterwards."""
    from upr_lens import store
    from upr_lens.track.pair_positions import by_state_frame

    con = store.connect(classified_store, read_only=True)
    try:
        whole = store.recommendations_frame(con)
        pairs = by_state_frame(con)
        for iso3, cycle, session in whole[["state_iso3", "cycle", "wg_session"]].drop_duplicates().itertuples(
                index=False):
            narrowed = store.recommendations_frame(con, state=iso3, cycle=int(cycle), session=int(session),
                                                   decision=sorted(set(whole["decision"])))
            want = whole[(whole["state_iso3"] == iso3) & (whole["cycle"] == cycle) & (whole["wg_session"] == session)]
            assert narrowed.astype(str).reset_index(drop=True).equals(want.astype(str).reset_index(drop=True))
            by_state = by_state_frame(con, state=iso3, cycle=int(cycle), session=int(session))
            want_pairs = pairs[(pairs["state_iso3"] == iso3) & (pairs["cycle"] == cycle)
                               & (pairs["wg_session"] == session)]
            assert len(by_state) == len(want_pairs) > 0
            assert by_state.astype(str).reset_index(drop=True).equals(want_pairs.astype(str).reset_index(drop=True))
    finally:
        con.close()
