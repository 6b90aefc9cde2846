"""The atrocity-lens report of one Working Group session: every State reviewed in it, side by side.

:func:`build_session_report` gathers, for each State whose Working Group report in the store carries the
session number: the counts and final positions; the risk factors raised (and a heatmap across the
session's States); the noted atrocity-relevant recommendations ranked by relevance; what changed since
the State's previous review when that review is in the store (factors raised more or less often,
recommendations asked again per the cross-cycle links, ratifications done per the treaty follow-up); and
the Secretary-General's five national steps. A provenance block names the date, the upr_lens and model
versions and the documents used. :func:`render_html` writes one self-contained HTML file (plots embedded);
:meth:`SessionReport.to_dict` is the JSON.

Relevance of a noted recommendation: first those raising RF2 or RF9-RF14 (the factors specific to
genocide, crimes against humanity and war crimes, and the triggers), then the highest risk-factor score
the model gave it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from typing import Any

from upr_lens import package_version
from upr_lens.errors import InputError

PRIORITY_FACTORS = frozenset({2, 9, 10, 11, 12, 13, 14})
POSITIONS = ("supported", "partially supported", "noted", "pending")
CAVEAT = ("Risk factors are assigned by an automated model (upr_lens classify), not by a person; several "
          "indicator ids are provisional (not yet checked against the official text of the UN Framework of "
          "Analysis for Atrocity Crimes, 2014). Read the recommendations before drawing conclusions.")


@dataclass
class StateSection:
    iso3: str
    name: str
    symbol: str
    cycle: int | None
    counts: dict[str, int]  # received and one entry per final position
    factors: dict[int, int]  # risk factor → recommendations raising it
    noted: list[dict]  # every noted atrocity-relevant recommendation, most relevant first (never cut)
    changes: dict[str, Any]  # since the previous review (empty when it is not in the store)
    five_steps: list[dict]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"iso3": self.iso3, "name": self.name, "symbol": self.symbol, "cycle": self.cycle,
                "counts": self.counts, "risk_factors": {str(k): v for k, v in sorted(self.factors.items())},
                "noted_atrocity_relevant": self.noted, "changes_since_previous_review": self.changes,
                "five_steps": self.five_steps, "notes": self.notes}


@dataclass
class SessionReport:
    session: int
    states: list[StateSection]
    provenance: dict[str, Any]
    noted_shown: int = 20  # the HTML lists this many noted recommendations per State, the rest collapsed

    def totals(self) -> dict[str, int]:
        out = {"states": len(self.states), "received": 0, **{p: 0 for p in POSITIONS}}
        for section in self.states:
            for key in ("received", *POSITIONS):
                out[key] += section.counts.get(key, 0)
        return out

    def to_dict(self) -> dict:
        return {"wg_session": self.session, "totals": self.totals(),
                "states": [s.to_dict() for s in self.states], "provenance": self.provenance}


def _factor_list(value) -> list[int]:
    if value is None or isinstance(value, float):
        return []
    return [int(v) for v in value]


def _relevance(factors: list[int], scores: str | None) -> tuple[int, float]:
    try:
        parsed = json.loads(scores) if scores else {}
    except ValueError:
        parsed = {}
    top = max((float(parsed.get(str(f), 0.0)) for f in factors), default=0.0)
    return (0 if PRIORITY_FACTORS & set(factors) else 1), -top


def _recommendations(con, symbol: str):
    from upr_lens import store

    frame = store.recommendations_frame(con)
    frame = frame[frame["symbol"] == symbol].copy()
    scores = dict(con.execute(
        "SELECT rec_key, risk_factor_scores FROM classifications WHERE rec_key IN "
        "(SELECT rec_key FROM recommendations WHERE symbol = ?)", [symbol]).fetchall())
    frame["risk_factor_scores"] = frame["rec_key"].map(scores)
    return frame


def _factor_counts(frame) -> dict[int, int]:
    counts: dict[int, int] = {}
    for value in frame["risk_factors"]:
        for f in _factor_list(value):
            counts[f] = counts.get(f, 0) + 1
    return counts


def _previous_review(con, iso3: str, cycle: int | None) -> str | None:
    if cycle is None:
        return None
    found = con.execute(
        "SELECT symbol FROM documents WHERE doc_type = 'report' AND state_iso3 = ? AND cycle < ? "
        "ORDER BY cycle DESC, doc_date DESC NULLS LAST LIMIT 1", [iso3, cycle]).fetchone()
    return found[0] if found else None


def _changes(con, iso3: str, symbol: str, cycle: int | None, factors: dict[int, int]) -> tuple[dict, list[str]]:
    notes: list[str] = []
    previous = _previous_review(con, iso3, cycle)
    if previous is None:
        return {}, ["previous review not in the store: no comparison"]
    before = _recommendations(con, previous)
    before_factors = _factor_counts(before)
    deltas = {str(f): {"before": before_factors.get(f, 0), "now": factors.get(f, 0)}
              for f in sorted(set(before_factors) | set(factors))}
    asked_again = con.execute(  # each recommendation of this review with the closest one it repeats
        """SELECT arg_max(a.rec_id, l.score) AS previous_id, b.rec_id AS id, max(l.score) AS score
           FROM cycle_links l JOIN recommendations a ON a.rec_key = l.rec_key
           JOIN recommendations b ON b.rec_key = l.linked_rec_key
           WHERE l.repeated AND l.direction = 'later' AND a.symbol = ? AND b.symbol = ?
           GROUP BY b.rec_id, b.paragraph, b.item ORDER BY b.paragraph, b.item""", [previous, symbol]).fetchall()
    if not con.execute("SELECT count(*) FROM cycle_links WHERE state_iso3 = ?", [iso3]).fetchone()[0]:
        notes.append("cross-cycle links not computed (upr-lens link): recommendations asked again unknown")
    ratified: list[dict] = []
    if con.execute("SELECT count(*) FROM treaty_status").fetchone()[0]:
        from upr_lens.track.treaties import ratification_followup

        followup = ratification_followup(con)
        done = followup[(followup["rec_key"].str.startswith(previous + "#"))
                        & (followup["implemented"].fillna(False).astype(bool))]
        ratified = [{"instrument": r.instrument, "rec_id": r.rec_key.split("#", 1)[1],
                     "joined_year": None if r.joined_year is None or str(r.joined_year) == "<NA>"
                     else int(r.joined_year)}
                    for r in done.drop_duplicates(["instrument"]).itertuples()]
    else:
        notes.append("no treaty status imported (upr-lens import-treaties): ratifications done unknown")
    return {"previous_symbol": previous, "previous_received": len(before),
            "risk_factors": deltas,
            "more_often": sorted(int(f) for f, d in deltas.items() if d["now"] > d["before"]),
            "less_often": sorted(int(f) for f, d in deltas.items() if d["now"] < d["before"]),
            "asked_again": [{"previous_id": a, "id": b, "score": round(float(s), 3)} for a, b, s in asked_again],
            "ratifications_done": ratified}, notes


def _five_steps(con, iso3: str, cycle: int | None) -> list[dict]:
    from upr_lens.report.profile import BEFORE, NA
    from upr_lens.track.five_steps import five_steps

    frame = five_steps(con, iso3)
    if frame.empty or cycle is None:
        return []
    stored_cycles = set(frame["cycle"])
    frame = frame[frame["cycle"] == cycle]
    rows = []
    for row in frame.to_dict(orient="records"):
        repeated = bool(row.pop("repeated", False))
        # "n/a" when the store holds no review of the previous cycle: not asked cannot be told from not stored
        row[BEFORE] = NA if cycle - 1 not in stored_cycles else ("yes" if repeated else "no")
        rows.append(row)
    return rows


def _section(con, iso3: str, name: str, symbol: str, cycle: int | None) -> StateSection:
    recs = _recommendations(con, symbol)
    counts = {"received": len(recs), **{p: int((recs["position"] == p).sum()) for p in POSITIONS}}
    factors = _factor_counts(recs)
    notes = []
    if len(recs) and recs["risk_factors"].isna().all():
        notes.append("recommendations not classified (upr-lens classify): no risk factors")
    noted = []
    for row in recs[recs["position"] == "noted"].itertuples():
        fs = _factor_list(row.risk_factors)
        if not fs:
            continue
        order = _relevance(fs, row.risk_factor_scores)
        noted.append({"rec_id": row.rec_id, "risk_factors": fs, "priority_factor": order[0] == 0,
                      "score": round(-order[1], 3), "recommending_states": row.recommending_states,
                      "text": row.text, "_order": order})
    noted.sort(key=lambda r: r.pop("_order"))
    changes, change_notes = _changes(con, iso3, symbol, cycle, factors)
    return StateSection(iso3=iso3, name=name, symbol=symbol, cycle=cycle, counts=counts, factors=factors,
                        noted=noted, changes=changes, five_steps=_five_steps(con, iso3, cycle),
                        notes=notes + change_notes)


def build_session_report(con, session: int, noted_limit: int = 20) -> SessionReport:
    """The report of Working Group session *session* (see the module docstring); an InputError when the
    store holds no report of that session. Every noted atrocity-relevant recommendation is kept (JSON holds
    them all); *noted_limit* is how many the HTML shows before the rest, which it collapses (0: all open)."""
    reports = con.execute(
        "SELECT symbol, state_iso3, coalesce(state_name, state_iso3), cycle FROM documents "
        "WHERE doc_type = 'report' AND wg_session = ? ORDER BY 3", [int(session)]).fetchall()
    if not reports:
        raise InputError(f"no Working Group report of session {session} in the store")
    sections = [_section(con, iso3, name, symbol, cycle) for symbol, iso3, name, cycle in reports]
    symbols = [s for s, *_ in reports]
    report_set = set(symbols) | {s.changes["previous_symbol"] for s in sections if s.changes}
    documents = [
        {"symbol": sym, "doc_type": kind, "state_iso3": iso3, "source_file": src}
        for sym, kind, iso3, src in con.execute(
            "SELECT symbol, doc_type, state_iso3, source_file FROM documents ORDER BY symbol, doc_type").fetchall()
        if sym and (sym in report_set or any(sym.startswith(s + "/") for s in report_set))
    ]
    models = sorted(v for (v,) in con.execute(
        f"SELECT DISTINCT model_version FROM classifications WHERE rec_key IN (SELECT rec_key FROM "
        f"recommendations WHERE symbol IN ({', '.join('?' for _ in symbols)}))", symbols).fetchall())
    provenance = {"made": dt.datetime.now().isoformat(timespec="seconds"), "upr_lens_version": package_version(),
                  "model_versions": models, "documents": documents, "caveat": CAVEAT}
    return SessionReport(session=int(session), states=sections, provenance=provenance,
                         noted_shown=max(0, int(noted_limit)))


# ------------------------------------------------------------------------------------------------- HTML


def _table(rows: list[dict], columns: list[str] | None = None) -> str:
    if not rows:
        return "<p><em>nothing to show</em></p>"
    columns = columns or list(rows[0])
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(r.get(c)))}</td>" for c in columns) + "</tr>"
                   for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def heatmap(report: SessionReport) -> str | None:
    """Base64 PNG: the session's States × risk factors (None when nothing is classified)."""
    import pandas as pd

    from upr_lens.report.profile import plot_factor_heatmap

    rows = [{"state": s.name, "risk_factor": f, "received": n} for s in report.states for f, n in s.factors.items()]
    if not rows:
        return None
    return plot_factor_heatmap(pd.DataFrame(rows), f"Working Group session {report.session}: risk factors raised",
                               "state")


def render_html(report: SessionReport, path) -> None:
    """One self-contained HTML file: summary, heatmap (embedded PNG), one section per State, provenance."""
    from upr_lens.classify.risk_table import factor

    session = report.session
    parts = [f"<h1>UPR Working Group session {session}: atrocity-prevention lens</h1>",
             "<p>Recommendations from the UN Universal Periodic Review, read through the 14 risk factors of the "
             "UN Framework of Analysis for Atrocity Crimes (2014). Made by upr_lens.</p>",
             f"<p class='caveat'><strong>Caveat.</strong> {html.escape(CAVEAT)}</p>",
             "<h2>States reviewed</h2>",
             _table([{"State": s.name, "ISO3": s.iso3, "report": s.symbol, "cycle": s.cycle, **s.counts}
                     for s in report.states])]
    image = heatmap(report)
    if image:
        parts.append(f'<figure><img id="plot-heatmap" alt="risk factors heatmap" '
                     f'src="data:image/png;base64,{image}"></figure>')
    for s in report.states:
        parts.append(f"<section id='state-{html.escape(s.iso3)}'><h2>{html.escape(s.name)} ({s.iso3}), "
                     f"{html.escape(s.symbol)}</h2>")
        parts.append(_table([s.counts]))
        parts.append("<h3>Risk factors raised</h3>")
        parts.append(_table([{"factor": f"RF{f}", "name": factor(f).name, "recommendations": n}
                             for f, n in sorted(s.factors.items())]))
        parts.append(f"<h3>Noted atrocity-relevant recommendations, most relevant first ({len(s.noted)})</h3>")
        noted_columns = ["rank", "rec_id", "risk_factors", "score", "recommending_states", "text"]
        ranked = [{"rank": i, **rec} for i, rec in enumerate(s.noted, 1)]
        shown = len(ranked) if not report.noted_shown else report.noted_shown
        parts.append(_table(ranked[:shown], noted_columns))
        if len(ranked) > shown:
            parts.append(f"<details class='more-noted'><summary>the other {len(ranked) - shown} of {len(ranked)}"
                         f"</summary>{_table(ranked[shown:], noted_columns)}</details>")
        parts.append("<h3>Since the previous review</h3>")
        if s.changes:
            c = s.changes
            parts.append(f"<p>Previous review {html.escape(c['previous_symbol'])}: {c['previous_received']} "
                         f"recommendations. Factors raised more often: {_cell(c['more_often']) or 'none'}; "
                         f"less often: {_cell(c['less_often']) or 'none'}.</p>")
            parts.append("<h4>Asked again</h4>" + _table(c["asked_again"]))
            parts.append("<h4>Ratifications done</h4>" + _table(c["ratifications_done"]))
        parts.append("<h3>The Secretary-General's five national steps</h3>")
        parts.append(_table(s.five_steps, ["step", "name", "recommended", "recommending_states", "supported",
                                           "noted", "pending", "asked before in cycle N-1"]))
        if s.notes:
            parts.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in s.notes) + "</ul>")
        parts.append("</section>")
    p = report.provenance
    parts.append("<h2>Provenance</h2>")
    parts.append(f"<p>Made {html.escape(p['made'])} by upr_lens {html.escape(p['upr_lens_version'])}; models: "
                 f"{html.escape(', '.join(p['model_versions']) or 'none (not classified)')}.</p>")
    parts.append(_table(p["documents"]))
    style = ("body{font-family:sans-serif;margin:2em;max-width:1100px} table{border-collapse:collapse;"
             "font-size:13px;margin-bottom:1em} td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left}"
             " img{max-width:100%} .caveat{background:#fff3bf;padding:.5em}")
    document = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>UPR session {session} — "
                f"upr_lens</title><style>{style}</style></head><body>{''.join(parts)}</body></html>")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(document)


def write_json(report: SessionReport, path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(report.to_dict(), handle, indent=1, default=str, ensure_ascii=False)
