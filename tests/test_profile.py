"""Profiles, the five steps, comparison, and the HTML report in a real headless browser."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import chromium_flags, require_chromium

from upr_lens import store
from upr_lens.track.five_steps import steps_in

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "synthetic"


def test_five_steps_cues():
    assert steps_in("Designate a national focal point on the responsibility to protect") == (1,)
    assert steps_in("Accede to the Rome Statute of the International Criminal Court") == (2,)
    assert steps_in("Criminalize incitement to genocide in the penal code") == (2,)
    assert steps_in("Extend a standing invitation to all special procedures") == (3,)
    assert steps_in("Carry out regular risk assessments of atrocity crimes with early warning") == (4,)
    assert steps_in("Establish a national human rights institution fully compliant with the Paris Principles") == (5,)
    assert steps_in("Improve access to clean drinking water in villages") == ()


@pytest.fixture(scope="module")
def classified_db(tmp_path_factory):
    from upr_lens.classify.pipeline import classify_store
    from upr_lens.ingest import ingest

    db = tmp_path_factory.mktemp("profile") / "shipped.duckdb"
    ingest([CORPUS], db)
    con = store.connect(db)
    classify_store(con)
    con.close()
    return db


def test_profile_counts_match_the_stored_records(classified_db):
    from upr_lens.report.profile import build_profile

    con = store.connect(classified_db, read_only=True)
    profile = build_profile(con, "Andorra")
    recs = store.recommendations_frame(con, state="Andorra")
    con.close()
    row = profile.by_cycle.iloc[0]
    assert row["received"] == len(recs) == 36
    assert row["supported"] == (recs.position == "supported").sum()
    assert row["noted"] == (recs.position == "noted").sum()
    assert set(profile.five_steps["step"]) == {1, 2, 3, 4, 5}
    assert profile.by_cycle_factor["received"].sum() == recs.risk_factors.map(
        lambda f: len(f) if hasattr(f, "__len__") else 0).sum()  # lists of factors; missing: unclassified




def test_html_report_opens_in_a_headless_browser_with_its_plots(classified_db, tmp_path):
    import matplotlib.image as mpimg

    from upr_lens.report.profile import build_profile, render_html

    con = store.connect(classified_db, read_only=True)
    render_html(build_profile(con, "Andorra"), tmp_path / "andorra.html")
    con.close()
    browser = require_chromium()
    flags = chromium_flags(tmp_path)
    url = (tmp_path / "andorra.html").as_uri()
    dom = subprocess.run([browser, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    assert "Andorra (AND): atrocity-prevention profile" in dom
    assert dom.count('src="data:image/png;base64,') == 2
    shot = tmp_path / "shot.png"
    subprocess.run([browser, *flags, f"--screenshot={shot}", "--window-size=1000,900", url],
                   capture_output=True, timeout=120)
    pixels = mpimg.imread(shot)
    plot_area = pixels[150:500, 20:700, :3]
    assert (plot_area < 0.6).mean() > 0.01  # the bar chart drew dark pixels: the plot is visible


def test_compare_states(classified_db):
    from upr_lens.report.profile import compare_frame

    con = store.connect(classified_db, read_only=True)
    frame = compare_frame(con, ["Andorra", "Monaco"])
    con.close()
    assert set(frame["state"]) <= {"Andorra", "Monaco"}
    assert frame["received"].sum() > 0


def test_slovenia_profile_has_four_cycles_matching_the_store_and_repeated_asks(tmp_path):
    from conftest import require_shared

    from upr_lens.classify.pipeline import classify_store
    from upr_lens.ingest import ingest
    from upr_lens.report.profile import build_profile
    from upr_lens.track.links import store_links

    folder = require_shared("upr", "slovenia")
    files = [folder / c / f for c, f in (("cycle1", "g1012049.pdf"), ("cycle1", "g1012465.pdf"),
                                          ("cycle2", "g1423930.pdf"), ("cycle2", "g1504261.pdf"),
                                          ("cycle3", "g1934994.pdf"), ("cycle3", "g2004192.pdf"),
                                          ("cycle4", "g2502644.pdf"), ("cycle4", "g2505828.pdf"))]
    db = tmp_path / "slovenia.duckdb"
    ingest(files, db)
    con = store.connect(db)
    classify_store(con)
    store_links(con)
    profile = build_profile(con, "Slovenia")
    counts = dict(con.execute("SELECT cycle, count(*) FROM recommendations GROUP BY cycle").fetchall())
    con.close()
    assert list(profile.by_cycle["cycle"]) == [1, 2, 3, 4]
    assert dict(zip(profile.by_cycle["cycle"], profile.by_cycle["received"])) == counts
    assert counts == {1: 97, 2: 163, 3: 215, 4: 254}
    assert len(profile.repeated) > 0
    first = profile.repeated.iloc[0]
    assert first["cycle_to"] > first["cycle_from"] and first["symbol_from"].startswith("A/HRC/")
    assert "similarity" in first["reason"]
