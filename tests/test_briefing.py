"""Profiles an analyst can put in a briefing, on real reports: every noted atrocity-relevant recommendation
ranked, link directions worded one way with n/a, provenance; compare with all 14 factors, integers and shares;
plots in numeric factor order and one colour scheme. The HTML profile is checked in headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import rendered_dom, require_shared

from upr_lens import store
from upr_lens.track.positions import FINAL_POSITIONS_SQL

REPO = Path(__file__).resolve().parents[1]
REPORTS = ("myanmar2011.pdf", "colombia2009.pdf", "colombia2013.pdf")


@pytest.fixture(scope="module")
def real_db(tmp_path_factory):
    """Myanmar's cycle 1 report and Colombia's cycle 1 and 2 reports: ingested, classified, linked."""
    from upr_lens.classify.pipeline import classify_store
    from upr_lens.ingest import ingest
    from upr_lens.track.links import store_links

    folder = require_shared("upr", "reports")
    db = tmp_path_factory.mktemp("briefing") / "reports.duckdb"
    results = ingest([folder / name for name in REPORTS], db, workers=2)
    assert all(r.ok for r in results)
    con = store.connect(db)
    classify_store(con)
    store_links(con)
    con.close()
    return db


def _expected_ranking(items: list[dict]) -> list[str]:
    """The documented rule, written again here: RF2 or RF9-RF14 first, then score, latest cycle, document order."""
    def key(item):
        factors = {int(k) for k in item["risk_factors"].split(";")}
        priority = bool(factors & {2, 9, 10, 11, 12, 13, 14})
        return (not priority, -item["score"], -item["cycle"], item["symbol"], item["paragraph"], item["item"])

    return [item["rec_key"] for item in sorted(items, key=key)]


def _noted_relevant_count(con, iso3: str) -> int:
    return con.execute(f"""
        SELECT count(*) FROM recommendations r JOIN ({FINAL_POSITIONS_SQL}) f USING (rec_key)
        JOIN classifications c USING (rec_key)
        WHERE r.state_iso3 = ? AND f.position = 'noted' AND len(c.risk_factors) > 0""", [iso3]).fetchone()[0]


def test_json_lists_every_noted_atrocity_relevant_recommendation_ranked(real_db):
    from upr_lens.report.profile import build_profile

    con = store.connect(real_db, read_only=True)
    profile = json.loads(json.dumps(build_profile(con, "Myanmar").to_dict()))
    expected_count = _noted_relevant_count(con, "MMR")
    scores = {k: json.loads(s) for k, s in con.execute(
        "SELECT rec_key, risk_factor_scores FROM classifications").fetchall()}
    con.close()
    noted = profile["notable_noted"]
    assert expected_count > 10 and len(noted) == expected_count  # no cap at 10
    for item in noted:  # each score is the model's highest score among the factors raised
        assert item["score"] == round(max(scores[item["rec_key"]][k] for k in item["risk_factors"].split(";")), 3)
    assert [item["rec_key"] for item in noted] == _expected_ranking(noted)
    assert [item["rank"] for item in noted] == list(range(1, len(noted) + 1))
    first = {int(k) for k in noted[0]["risk_factors"].split(";")}
    assert first & {2, 9, 10, 11, 12, 13, 14}
    # one cycle stored for Myanmar: no later or earlier cycle to compare with
    assert {item["asked again in cycle N+1"] for item in noted} == {"n/a"}
    assert {row["asked before in cycle N-1"] for row in profile["by_cycle_factor"]} == {"n/a"}
    assert any("only cycle 1" in note for note in profile["notes"])
    facts = profile["provenance"]
    assert [d["symbol"] for d in facts["documents"]] == ["A/HRC/17/9"]
    assert facts["documents"][0]["url"] == "https://docs.un.org/en/A/HRC/17/9"
    assert "automated model" in facts["caveat"] and "RF2" in facts["provisional_indicators"]


def test_the_profiles_own_read_of_a_state_matches_the_store_view(real_db):
    from upr_lens.report.profile import STATE_RECS_COLUMNS, state_recommendations

    con = store.connect(real_db, read_only=True)
    for iso3 in ("MMR", "COL"):
        mine, view = state_recommendations(con, iso3), store.recommendations_frame(con, state=iso3)[STATE_RECS_COLUMNS]
        for frame in (mine, view):  # list(DISTINCT ...) has no order
            frame["recommending_iso3"] = frame["recommending_iso3"].map(lambda v: sorted(v) if v is not None else v)
        mine, view = mine.astype(str), view.astype(str)
        assert len(mine) == len(view) > 100 and not (mine != view).any().any(), iso3
    con.close()


def test_link_directions_are_worded_once_with_na_where_no_cycle(real_db):
    from upr_lens.report.profile import build_profile

    con = store.connect(real_db, read_only=True)
    profile = build_profile(con, "Colombia")
    asked_again = set(con.execute(
        """SELECT rec_key FROM cycle_links WHERE repeated AND direction = 'later' AND cycle = 1
           AND linked_cycle = 2 AND state_iso3 = 'COL'""").fetchall())
    con.close()
    factors = profile.by_cycle_factor
    first, second = factors[factors["cycle"] == 1], factors[factors["cycle"] == 2]
    assert set(first["asked before in cycle N-1"]) == {"n/a"} and set(second["asked again in cycle N+1"]) == {"n/a"}
    assert all(isinstance(n, int) for n in first["asked again in cycle N+1"])
    assert all(isinstance(n, int) for n in second["asked before in cycle N-1"])
    assert sum(first["asked again in cycle N+1"]) > 0 and asked_again
    steps = profile.five_steps
    assert "repeated" not in steps and set(steps.loc[steps["cycle"] == 1, "asked before in cycle N-1"]) == {"n/a"}
    links = profile.repeated
    assert len(links) and (links["cycle_to"] == links["cycle_from"] + 1).all()
    assert links["text_from"].str.len().gt(0).all() and links["text_to"].str.len().gt(0).all()
    assert {(k,) for k in links["symbol_from"] + "#" + links["id_from"]} <= asked_again


def test_html_profile_in_chromium_has_provenance_and_the_ranked_noted_list(real_db, tmp_path):
    from upr_lens.report.profile import build_profile, render_html

    con = store.connect(real_db, read_only=True)
    profile = build_profile(con, "Myanmar")
    models = [r[0] for r in con.execute("SELECT DISTINCT model_version FROM classifications").fetchall()]
    expected_count = _noted_relevant_count(con, "MMR")
    con.close()
    expected = _expected_ranking(json.loads(json.dumps(profile.to_dict()))["notable_noted"])
    page = tmp_path / "myanmar.html"
    render_html(profile, page)
    dom = rendered_dom(page, tmp_path)
    block = re.search(r'<section id="provenance">(.*?)</section>', dom, re.S)
    assert block, "no provenance block"
    provenance = block.group(1)
    assert re.search(r'<dd class="date">\d{4}-\d\d-\d\d \d\d:\d\d UTC</dd>', provenance)
    from importlib.metadata import version

    assert f'<dd class="version">{version("upr_lens")}</dd>' in provenance
    assert models and all(m in provenance for m in models)
    assert '<a href="https://docs.un.org/en/A/HRC/17/9">A/HRC/17/9</a>' in provenance
    assert "automated model" in provenance and "Provisional indicators" in provenance
    noted = re.search(r'<section id="noted-ranked">(.*?)</section>', dom, re.S).group(1)
    assert "<details open" in noted and "<summary>" in noted
    rows = re.findall(r'<tr data-rank="(\d+)" data-score="([\d.]+)" data-priority="(\w+)" data-rec-key="([^"]+)"',
                      noted)
    assert len(rows) == expected_count
    assert [key for *_, key in rows] == expected
    assert rows[0][2] == "true"


def test_compare_gives_all_14_factors_as_integers_and_shares_per_cycle(real_db, cli):
    from upr_lens.report.compare import compare_frame, compare_shares, compare_table

    con = store.connect(real_db, read_only=True)
    frame = compare_frame(con, ["Colombia", "Myanmar"], cycle=1)
    direct = dict(con.execute(
        """SELECT r.state_iso3, count(*) FROM recommendations r JOIN classifications c USING (rec_key)
           WHERE r.cycle = 1 AND list_contains(c.risk_factors, 9) GROUP BY 1""").fetchall())
    classified = dict(con.execute(
        """SELECT r.state_iso3, count(*) FROM recommendations r JOIN classifications c USING (rec_key)
           WHERE r.cycle = 1 GROUP BY 1""").fetchall())
    con.close()
    table = compare_table(frame).set_index("state")
    assert list(table.columns) == ["recommendations", *range(1, 15)]
    assert all(str(table[k].dtype).startswith("int") for k in range(1, 15))
    assert (table.loc["Colombia", 9], table.loc["Myanmar", 9]) == (direct["COL"], direct["MMR"])
    assert (table.values == 0).any()  # factors nobody raised are shown, as zeros
    shares = compare_shares(frame).set_index("state")
    assert shares.loc["Colombia", 9] == round(direct["COL"] / classified["COL"], 3)
    result = cli("compare", "Colombia", "Myanmar", "--cycle", "2", "--db", real_db, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["state"] for r in rows] == ["Colombia"]  # Myanmar has no cycle 2 report here
    assert all(isinstance(rows[0][str(k)], int) and isinstance(rows[0][f"share_{k}"], float)
               for k in range(1, 15))
    assert "Myanmar" in result.stderr
    text = cli("compare", "Colombia", "--db", real_db)
    assert " 6.0 " not in text.stdout and "%" in text.stdout


def test_heatmap_columns_in_numeric_order_and_readable_cells():
    import pandas as pd
    from matplotlib.colors import to_rgb

    from upr_lens.report.colours import COUNT_CMAP, annotate_cells, figure, luminance
    from upr_lens.report.plots import factor_table, plot_factor_heatmap

    frame = pd.DataFrame({"cycle": [1, 1, 1, 2], "risk_factor": ["10", "2", "1", "11"], "received": [5, 90, 1, 3]})
    table = factor_table(frame, "cycle")
    assert list(table.columns) == list(range(1, 15)) and table.loc[1, 2] == 90 and table.loc[2, 4] == 0
    assert plot_factor_heatmap(frame, "t", "cycle", totals={1: 100, 2: 10}).startswith("iVBOR")
    made = figure((4, 2))
    axis = made.subplots()
    image = axis.imshow([[0, 45, 90]], cmap=COUNT_CMAP)
    annotate_cells(axis, image, [["0", "45", "90"]])
    for text, value in zip(axis.texts, (0, 45, 90)):
        cell = luminance(image.cmap(image.norm(value)))
        ink = luminance(to_rgb(text.get_color()))
        contrast = (max(cell, ink) + 0.05) / (min(cell, ink) + 0.05)
        assert contrast >= 4.5, (value, text.get_color())


def test_one_colour_scheme_everywhere():
    """Plot colours are named only in upr_lens/report/colours.py: no colour literal or colour map elsewhere in
    the plotting code or the notebooks, and no backend switch."""
    from upr_lens.report.colours import POSITION_COLOURS, POSITION_ORDER

    assert list(POSITION_COLOURS) == list(POSITION_ORDER) == ["supported", "partially supported", "noted", "pending"]
    sources = [REPO / "upr_lens" / "report" / name for name in ("plots.py", "profile.py", "session_report.py")]
    sources += sorted((REPO / "notebooks").glob("*.ipynb"))
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(?:color|colors|cmap)\s*=\s*\\?["'\[]""", text), path
        assert "matplotlib.use(" not in text and "import matplotlib.pyplot" not in text, path


def test_responses_plot_uses_the_scheme(real_db):
    import base64
    import io

    import matplotlib.image as mpimg
    import numpy as np
    from matplotlib.colors import to_rgb

    from upr_lens.report.colours import POSITION_COLOURS
    from upr_lens.report.profile import build_profile, plot_responses

    con = store.connect(real_db, read_only=True)
    profile = build_profile(con, "Myanmar")
    con.close()
    pixels = mpimg.imread(io.BytesIO(base64.b64decode(plot_responses(profile))))[:, :, :3]
    for position in ("supported", "noted"):
        colour = np.array(to_rgb(POSITION_COLOURS[position]))
        assert (np.abs(pixels - colour).max(axis=2) < 0.02).mean() > 0.01, position
