"""The default `upr-lens demo`: a real, current review end to end, summarized as its session report.

:func:`run_review_demo` (re)creates a store from the review shipped with upr_lens (Slovenia's cycle-4 Working
Group report, addendum and OHCHR thematic list, ``upr_lens.demo_review``) plus one bad file (the synthetic
corpus's ``not-a-upr-document.pdf``, for the bad-input line), classifies it, and builds the session report of
the review's Working Group session with :func:`upr_lens.report.session_report.build_session_report`.
:func:`summary_lines` is what the demo prints of it: counts, positions, risk factors raised and the top noted
atrocity-relevant recommendations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from upr_lens.report.session_report import SessionReport

BAD_FILE = "not-a-upr-document.pdf"


@dataclass
class ReviewDemo:
    db: Path
    results: list  # IngestResult of each file, the bad one last
    report: SessionReport  # the session report of the review's Working Group session


def review_files(review: str | Path, corpus: str | Path) -> list[Path]:
    """The review's documents (sorted) and the synthetic corpus's bad file (when *corpus* holds it)."""
    folder = Path(review)
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".pdf", ".docx"))
    bad = Path(corpus) / BAD_FILE
    return [*files, bad] if bad.is_file() else files


def run_review_demo(db: str | Path, review: str | Path, corpus: str | Path) -> ReviewDemo:
    """(Re)create *db* from the review folder *review* and the bad file of *corpus*; classify; session report."""
    from upr_lens import store
    from upr_lens.classify.pipeline import classify_store
    from upr_lens.errors import InputError
    from upr_lens.ingest import ingest
    from upr_lens.report.session_report import build_session_report

    if not Path(review).is_dir():
        raise InputError(f"{review}: no such folder")
    Path(db).unlink(missing_ok=True)
    results = ingest(review_files(review, corpus), db)
    con = store.connect(db)
    try:
        classify_store(con)
        sessions = [s for (s,) in con.execute(
            "SELECT DISTINCT wg_session FROM documents WHERE doc_type = 'report' AND wg_session IS NOT NULL "
            "ORDER BY 1").fetchall()]
        if not sessions:
            raise InputError(f"{review}: no Working Group report with a session number")
        report = build_session_report(con, sessions[-1])
    finally:
        con.close()
    return ReviewDemo(Path(db), results, report)


def _short(text: str, width: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def summary_lines(report: SessionReport, top: int = 5) -> list[str]:
    """The session-report summary the demo prints (plain text, one figure or recommendation a line)."""
    totals = report.totals()
    lines = [f"Working Group session {report.session}: {totals['states']} State(s), {totals['received']} "
             f"recommendations ({totals['supported']} supported, {totals['partially supported']} partially "
             f"supported, {totals['noted']} noted, {totals['pending']} pending)"]
    for s in report.states:
        factors = ", ".join(f"RF{f} {n}" for f, n in sorted(s.factors.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(f"{s.name} ({s.symbol}, cycle {s.cycle}): {s.counts['received']} recommendations, "
                     f"{s.counts['supported']} supported, {s.counts['partially supported']} partially supported, "
                     f"{s.counts['noted']} noted, {s.counts['pending']} pending")
        lines.append(f"  risk factors raised (factor recommendations): {factors or 'none'}")
        lines.append(f"  noted atrocity-relevant recommendations: {len(s.noted)}; the top {min(top, len(s.noted))}:")
        for rec in s.noted[:top]:
            rfs = ",".join(f"RF{f}" for f in rec["risk_factors"])
            lines.append(f"    {rec['rec_id']} [{rfs}] ({rec['recommending_states']}) {_short(rec['text'])}")
        lines.extend(f"  note: {n}" for n in s.notes)
    return lines


def print_review_demo(console, db: str | Path, review: str | Path | None = None,
                      corpus: str | Path | None = None) -> ReviewDemo:
    """Run :func:`run_review_demo` on the shipped review (or *review*) and print, with *console* (rich), one line
    per file, then :func:`summary_lines`. Document names and texts are printed as plain text, never as markup."""
    from upr_lens import config

    run = run_review_demo(db, config.demo_review_dir(review), config.demo_corpus_dir(corpus))
    for result in run.results:
        name = Path(result.path).name
        if result.ok:
            info = result.info
            what = f"{info.doc_type.value} {info.symbol or ''} {info.state_name or ''}".strip()
            console.print("[green]ok[/green]    ", end="")
            console.print(f"{name}: {what}, {result.n_recommendations} recommendations", markup=False)
        else:
            console.print("[red]error[/red] ", end="")
            console.print(f"{name}: {result.error}", markup=False)
    console.print()
    for line in summary_lines(run.report):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    iso3 = run.report.states[0].name if run.report.states else "Slovenia"
    console.print(f"\nStore: {db}. Try: upr-lens session report {run.report.session} --db {db} --html report.html"
                  f"   or   upr-lens state {iso3} --db {db}", markup=False)
    return run
