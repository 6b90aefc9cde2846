"""`classify`, `profile`, `compare`, `train`, `evaluate`: the atrocity lens, from the command line."""

from __future__ import annotations

import io
import json
from collections import Counter

import pandas as pd
import pytest
from conftest import require_shared

from upr_lens import store


def _factor_pairs(db, state_iso3: str | None = None) -> Counter:
    """(state, risk factor) → recommendations, read straight from the classifications table."""
    con = store.connect(db, read_only=True)
    rows = con.execute(
        "SELECT d.state_name, c.risk_factors FROM classifications c JOIN recommendations r USING (rec_key) "
        "JOIN documents d USING (doc_id)" + (" WHERE r.state_iso3 = ?" if state_iso3 else ""),
        [state_iso3] if state_iso3 else []).fetchall()
    con.close()
    pairs = Counter()
    for state, factors in rows:
        items = factors.split(";") if isinstance(factors, str) else (factors or [])
        for factor in items:
            if str(factor).strip():
                pairs[(state, int(factor))] += 1
    return pairs


# ---------------------------------------------------------------------------------------------- classify


def test_classify_the_whole_store(cli, store_copy, expected):
    n_recs = sum(len(d["recommendations"]) for d in expected["documents"] if d["doc_type"] == "report")
    result = cli("classify", "--db", store_copy)
    assert result.exit_code == 0, result.exception
    assert result.stdout.startswith(f"{n_recs} recommendations classified in {store_copy} (risk:")
    con = store.connect(store_copy, read_only=True)
    assert con.execute("SELECT count(DISTINCT rec_key) FROM classifications").fetchone()[0] == n_recs
    con.close()


def test_classify_one_state_and_cycle(cli, store_copy):
    result = cli("classify", "--db", store_copy, "--state", "Monaco", "--cycle", 1)
    assert result.exit_code == 0, result.exception
    assert result.stdout.startswith("23 recommendations classified")


def test_classify_a_csv(cli, tmp_path):
    source = tmp_path / "asks.csv"
    pd.DataFrame({"id": [1, 2], "wording": [
        "Ratify the Rome Statute of the International Criminal Court",
        "Increase official development assistance"]}).to_csv(source, index=False)
    out = tmp_path / "classified.csv"
    result = cli("classify", "--input", source, "--text-column", "wording", "--output", out)
    assert result.exit_code == 0, result.exception
    assert result.stdout.startswith(f"2 rows classified → {out}")
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns[:2]) == ["id", "wording"]
    assert {"risk_factors", "action_category", "issues", "reason"} <= set(frame.columns)
    assert frame["risk_factors"].iloc[0] != "" and frame["risk_factors"].iloc[1] == ""


@pytest.mark.parametrize("args, message", [
    (["--input", "{tmp}/asks.csv"], "error: --input needs --output"),
    (["--input", "{tmp}/absent.csv", "--output", "{tmp}/o.csv"], "error: {tmp}/absent.csv: no such file"),
    (["--input", "{tmp}/asks.csv", "--output", "{tmp}/o.csv"], "error: {tmp}/asks.csv: no column 'text'"),
    (["--models-dir", "{tmp}/empty", "--input", "{tmp}/asks.csv", "--output", "{tmp}/o.csv"],
     "error: {tmp}/empty/manifest.json is missing"),
    (["--state", "Atlantis"], "error: unknown State: 'Atlantis'"),
    (["--cycle", "0"], "error: unknown cycle 0"),
])
def test_classify_errors_are_one_line(cli, tmp_path, synthetic_store, args, message):
    pd.DataFrame({"wording": ["Ratify the Rome Statute"]}).to_csv(tmp_path / "asks.csv", index=False)
    (tmp_path / "empty").mkdir()
    result = cli("classify", "--db", synthetic_store, *(a.format(tmp=tmp_path) for a in args))
    assert result.exit_code == 1
    assert result.stderr.startswith(message.format(tmp=tmp_path)), result.stderr
    assert result.stderr.count("\n") == 1


# ----------------------------------------------------------------------------------------------- profile


def test_profile_as_json_counts_the_stored_classifications(cli, classified_store, expected):
    result = cli("profile", "Andorra", "--db", classified_store, "--json")
    assert result.exit_code == 0, result.exception
    data = json.loads(result.stdout)
    assert data["iso3"] == "AND" and [r["received"] for r in data["by_cycle"]] == [36]
    by_factor = {r["risk_factor"]: r["received"] for r in data["by_cycle_factor"]}
    assert by_factor == {k: n for (_, k), n in _factor_pairs(classified_store, "AND").items()}
    addenda = [d for d in expected["documents"] if d["doc_type"] == "addendum"]
    (addendum,) = [d for d in addenda if d["report_symbol"] == "A/HRC/99/7"]
    noted = {rec_id for rec_id, position in addendum["positions"].items() if position == "noted"}
    assert data["notable_noted"] and all(r["rec_id"] in noted and r["risk_factors"] for r in data["notable_noted"])
    assert "cross-cycle links not computed yet (upr-lens link)" in data["notes"]


def test_profile_tables_and_html(cli, classified_store, tmp_path):
    page = tmp_path / "andorra.html"
    result = cli("profile", "AND", "--db", classified_store, "--html", page)
    assert result.exit_code == 0, result.exception
    assert "Andorra: Recommendations received and responses, per cycle" in result.stdout
    assert "note: cross-cycle links not computed yet" in result.stdout
    assert result.stdout.rstrip().endswith(f"HTML report → {page}")
    html = page.read_text(encoding="utf-8")
    assert 'id="plot-responses"' in html and 'id="plot-factors"' in html and "data:image/png;base64," in html


def test_profile_of_an_unclassified_store_says_so(cli, synthetic_store):
    result = cli("profile", "Monaco", "--db", synthetic_store)
    assert result.exit_code == 0
    assert "note: recommendations not classified yet" in result.stdout


def test_profile_errors(cli, synthetic_store):
    for name, message in (("France", "error: no recommendations stored for France"),
                          ("Atlantis", "error: unknown State: 'Atlantis'")):
        result = cli("profile", name, "--db", synthetic_store)
        assert result.exit_code == 1 and result.stderr.strip() == message


def test_profile_plots_leave_the_callers_matplotlib_backend_alone(classified_store):
    import matplotlib

    from upr_lens.report.profile import build_profile, plot_factor_heatmap, plot_responses

    before = matplotlib.get_backend()
    matplotlib.use("pdf")  # what a notebook or script chose
    try:
        con = store.connect(classified_store, read_only=True)
        profile = build_profile(con, "Andorra")
        con.close()
        assert plot_responses(profile).startswith("iVBOR")  # base64 of the PNG signature
        assert plot_factor_heatmap(profile.by_cycle_factor, "t", "cycle").startswith("iVBOR")
        assert matplotlib.get_backend() == "pdf"
    finally:
        matplotlib.use(before)


# ----------------------------------------------------------------------------------------------- compare


def test_compare_counts_per_state_and_factor(cli, classified_store):
    result = cli("compare", "Andorra", "Monaco", "--db", classified_store, "--format", "csv")
    assert result.exit_code == 0, result.exception
    table = pd.read_csv(io.StringIO(result.stdout)).set_index("state")
    assert list(table.columns[:15]) == ["recommendations", *(str(k) for k in range(1, 15))]  # all 14, zeros too
    found = {(state, int(k)): int(n) for state, row in table.iterrows() for k, n in row.items()
             if n and k.isdigit()}
    both = {pair: n for pair, n in _factor_pairs(classified_store).items() if pair[0] in ("Andorra", "Monaco")}
    assert found == both


def test_compare_a_group_and_draw_it(cli, classified_store, tmp_path):
    png = tmp_path / "heat.png"
    result = cli("compare", "--group", "WEOG", "--db", classified_store, "--png", png)
    assert result.exit_code == 0, result.exception
    assert "Andorra" in result.stdout and "Monaco" in result.stdout  # both WEOG
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("args, message", [
    ([], "error: name States or give --group"),
    (["--group", "Nordic"], "error: unknown regional group: 'Nordic'"),
    (["Atlantis"], "error: unknown State: 'Atlantis'"),
    (["Andorra", "--format", "yaml"], "error: unknown format 'yaml'"),
])
def test_compare_errors(cli, classified_store, args, message):
    result = cli("compare", "--db", classified_store, *args)
    assert result.exit_code == 1 and result.stderr.startswith(message), result.stderr


def test_compare_needs_classifications(cli, synthetic_store):
    result = cli("compare", "Andorra", "--db", synthetic_store)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: nothing to compare: are the recommendations classified")


# -------------------------------------------------------------------------------------- train, evaluate


def test_train_and_evaluate_need_their_data(cli, tmp_path):
    absent = tmp_path / "absent.csv"
    for command in ("train", "evaluate"):
        result = cli(command, "--models-dir", tmp_path, "--uprinfo", absent)
        assert result.exit_code == 1 and result.stderr.strip() == f"error: {absent}: no such file"
    result = cli("evaluate", "--format", "csv")
    assert result.exit_code == 1 and result.stderr.strip() == "error: unknown format 'csv': one of table, json"


@pytest.mark.slow
def test_train_writes_models_that_classify(cli, tmp_path):
    """Trained on 400 UPR Info rows per session (about 20 s), the models load and classify."""
    rows = pd.read_csv(require_shared("upr", "reference", "uprinfo-sessions-1-20.csv"))
    sample = pd.concat([group.sample(min(400, len(group)), random_state=0) for _, group in rows.groupby("Session")])
    sample.to_csv(tmp_path / "uprinfo.csv", index=False)
    models = tmp_path / "models"
    result = cli("train", "--models-dir", models, "--uprinfo", tmp_path / "uprinfo.csv",
                 "--dev", require_shared("atrocity", "risk-factor-dev.csv"))
    assert result.exit_code == 0, result.exception
    assert result.stdout.startswith(f"risk-factor model → {models}: ")
    assert f"action/issues models → {models}: " in result.stdout
    pd.DataFrame({"text": ["Ratify the Rome Statute of the International Criminal Court"]}).to_csv(
        tmp_path / "asks.csv", index=False)
    classified = cli("classify", "--models-dir", models, "--input", tmp_path / "asks.csv",
                     "--output", tmp_path / "out.csv")
    assert classified.exit_code == 0, classified.exception
    assert "risk:" in classified.stdout and "uprinfo:" in classified.stdout


@pytest.mark.slow
def test_evaluate_prints_the_model_card_metrics(cli, tmp_path):
    uprinfo = require_shared("upr", "reference", "uprinfo-sessions-1-20.csv")
    rows = pd.read_csv(uprinfo)
    rows[rows["Session"] >= 17].groupby("Session").head(200).to_csv(tmp_path / "test-split.csv", index=False)
    result = cli("evaluate", "--uprinfo", tmp_path / "test-split.csv", "--format", "json")
    assert result.exit_code == 0, result.exception
    report = json.loads(result.stdout)
    per_factor = report["risk_factors_cv"]["per_factor"]
    assert sorted(map(int, per_factor)) == list(range(1, 15))
    dev = pd.read_csv(require_shared("atrocity", "risk-factor-dev.csv"), dtype=str, keep_default_na=False)
    support = Counter(int(k) for value in dev["risk_factors"] for k in value.split(";") if k.strip())
    assert {int(k): v["support"] for k, v in per_factor.items()} == {k: support.get(k, 0) for k in range(1, 15)}
    table = cli("evaluate", "--uprinfo", tmp_path / "test-split.csv")
    assert table.exit_code == 0 and "│" in table.stdout
