"""A State's atrocity-prevention profile: what its peers raised, cycle after cycle, and what it did.

`build_profile` gathers the tables (library API, used by notebooks too); `render_html` writes one
self-contained HTML file with the plots embedded; the CLI prints the same tables in the terminal.

What the profile says, and how:

- **Noted atrocity-relevant recommendations** (:data:`RANKING_RULE`): every noted recommendation the model
  gives at least one risk factor, all of them, ranked: those raising RF2 or RF9-RF14 first, then by the
  model's highest score among the factors it raises, then the latest cycle first, then document order.
- **Links across cycles** have one wording per direction: a recommendation of cycle N is "asked again in
  cycle N+1" when `upr-lens link` marks a recommendation of cycle N+1 as asking for the same thing, and
  "asked before in cycle N-1" the other way round; "n/a" where the store holds no such cycle of the State
  (or no links for it). A link shows both texts.
- **Provenance** (:func:`provenance`): date, upr_lens and model versions, the documents used (UN symbols
  linked to the UN document system) and the caveat that risk factors come from an automated model, with the
  indicators the risk-factor table marks as provisional.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from upr_lens.errors import InputError
from upr_lens.report.compare import compare_frame, compare_shares, compare_table
from upr_lens.report.plots import FACTORS, plot_factor_heatmap, plot_positions
from upr_lens.track.positions import FINAL_POSITIONS_SQL

if TYPE_CHECKING:
    from pandas import DataFrame

__all__ = [
    "FACTORS",
    "NA",
    "PRIORITY_FACTORS",
    "RANKING_RULE",
    "Profile",
    "build_profile",
    "compare_frame",
    "compare_shares",
    "compare_table",
    "document_url",
    "plot_factor_heatmap",
    "plot_responses",
    "provenance",
    "render_html",
]

NA = "n/a"  # a link direction whose cycle the store does not hold for the State
AGAIN = "asked again in cycle N+1"
BEFORE = "asked before in cycle N-1"
PRIORITY_FACTORS = frozenset({2, 9, 10, 11, 12, 13, 14})
RANKING_RULE = ("ranked: recommendations raising RF2 or RF9-RF14 first, then by the model's highest score among "
                "the risk factors raised (highest first), then the latest cycle first, then document order")
UN_DOCS = "https://docs.un.org/en/"


@dataclass
class Profile:
    state: str
    iso3: str
    by_cycle: DataFrame  # cycle, received, supported, partially supported, noted, pending, share
    by_cycle_factor: DataFrame  # cycle, risk_factor, name, received, share, positions, AGAIN, BEFORE
    five_steps: DataFrame
    top_recommenders: DataFrame
    notable_noted: DataFrame  # every noted atrocity-relevant recommendation, ranked (RANKING_RULE)
    repeated: DataFrame  # links: a recommendation and the later one asking for the same thing, both texts
    notes: list[str] = field(default_factory=list)
    provenance: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        def records(frame):
            return [] if frame is None else json.loads(frame.to_json(orient="records", date_format="iso"))

        return {"state": self.state, "iso3": self.iso3, "by_cycle": records(self.by_cycle),
                "by_cycle_factor": records(self.by_cycle_factor), "five_steps": records(self.five_steps),
                "top_recommenders": records(self.top_recommenders), "notable_noted": records(self.notable_noted),
                "notable_noted_rule": RANKING_RULE, "repeated": records(self.repeated), "notes": self.notes,
                "provenance": self.provenance}

    def sections(self):
        yield "Recommendations received and responses, per cycle", self.by_cycle
        yield "Atrocity risk factors raised, per cycle", self.by_cycle_factor
        yield "The Secretary-General's five national steps", self.five_steps
        yield "Top recommending States", self.top_recommenders
        yield f"Noted atrocity-relevant recommendations, all {len(self.notable_noted)}, ranked", self.notable_noted
        yield "Recommendations asked again in a later cycle (both texts)", self.repeated


# ------------------------------------------------------------------------------------------ cross-cycle links


def _links(con, iso3: str):
    """The State's repeated-ask links (earlier → later), or None when `upr-lens link` has not run for it."""
    frame = con.execute(
        f"""WITH final AS ({FINAL_POSITIONS_SQL})
           SELECT a.cycle AS cycle_from, a.symbol AS symbol_from, a.rec_id AS id_from,
                  coalesce(fa.position, 'pending') AS position_from, a.text AS text_from,
                  b.cycle AS cycle_to, b.symbol AS symbol_to, b.rec_id AS id_to,
                  coalesce(fb.position, 'pending') AS position_to, b.text AS text_to,
                  l.similarity, l.reason, l.rec_key AS key_from, l.linked_rec_key AS key_to
           FROM cycle_links l
           JOIN recommendations a ON a.rec_key = l.rec_key
           JOIN recommendations b ON b.rec_key = l.linked_rec_key
           LEFT JOIN final fa ON fa.rec_key = a.rec_key
           LEFT JOIN final fb ON fb.rec_key = b.rec_key
           WHERE l.state_iso3 = ? AND l.repeated AND l.direction = 'later'
           ORDER BY a.cycle, a.symbol, a.paragraph, a.item, l.rank""", [iso3]).df()
    linked = con.execute("SELECT count(*) FROM cycle_links WHERE state_iso3 = ?", [iso3]).fetchone()[0]
    return frame if linked else None


def _direction(cycle: int, key: str, cycles: set[int], links_ready: bool, keys_with_link: set[str]):
    """'yes' / 'no' for one recommendation and one direction, NA when the other cycle is not stored."""
    if cycle not in cycles or not links_ready:
        return NA
    return "yes" if key in keys_with_link else "no"


# ------------------------------------------------------------------------------------------------ the profile


def _noted_ranked(con, iso3: str, recs, again: dict[str, str]):
    """Every noted recommendation with a risk factor, ranked by :data:`RANKING_RULE`."""
    import pandas as pd

    from upr_lens import store

    extra = con.execute(
        """SELECT r.rec_key, r.item, c.risk_factor_scores FROM recommendations r
           JOIN classifications c USING (rec_key) WHERE r.state_iso3 = ?""", [iso3]).df()
    noted = recs[(recs["position"] == "noted") & recs["risk_factors"].map(lambda f: hasattr(f, "__len__") and
                                                                         len(f) > 0)]
    noted = noted.merge(extra, on="rec_key", how="left")
    if noted.empty:
        return pd.DataFrame(columns=["rank", "cycle", "symbol", "rec_id", "risk_factors", "priority", "score"])

    def score(row) -> float:
        scores = json.loads(row.risk_factor_scores) if isinstance(row.risk_factor_scores, str) else {}
        return round(max(float(scores.get(str(int(k)), 0.0)) for k in row.risk_factors), 3)

    noted["priority"] = noted["risk_factors"].map(lambda fs: any(int(k) in PRIORITY_FACTORS for k in fs))
    noted["score"] = [score(r) for r in noted.itertuples()]
    noted["item"] = noted["item"].fillna(0).astype(int)
    noted = noted.sort_values(["priority", "score", "cycle", "symbol", "paragraph", "item"],
                              ascending=[False, False, False, True, True, True], kind="stable")
    noted.insert(0, "rank", range(1, len(noted) + 1))
    noted[AGAIN] = noted["rec_key"].map(again)
    columns = ["rank", "cycle", "symbol", "rec_id", "risk_factors", "priority", "score", AGAIN,
               "recommending_states", "text", "paragraph", "item", "rec_key"]
    return store.joined_lists(noted[columns].reset_index(drop=True))


# The columns of store.recommendations_frame a profile uses, read for one State only: the store's view
# aggregates the recommending States of the whole store first (0.3-0.6 s on the full store); this reads the
# State's rows alone. tests/test_briefing.py checks both give the same rows.
_STATE_RECS_SQL = f"""
WITH mine AS (SELECT rec_key FROM recommendations WHERE state_iso3 = $iso3),
states AS (
    SELECT rec_key,
           string_agg(coalesce(state_name, printed), ';' ORDER BY part_index, position) AS recommending_states,
           list(DISTINCT state_iso3) FILTER (WHERE state_iso3 IS NOT NULL) AS recommending_iso3
    FROM recommendation_states WHERE rec_key IN (SELECT rec_key FROM mine) GROUP BY rec_key
), final AS (
{FINAL_POSITIONS_SQL}
)
SELECT r.rec_key, r.symbol, r.state_iso3, r.cycle, r.rec_id, r.paragraph, r.text,
       coalesce(s.recommending_states, '') AS recommending_states,
       coalesce(f.position, 'pending') AS position, f.position_source_kind,
       c.risk_factors, s.recommending_iso3
FROM recommendations r
JOIN documents d USING (doc_id)
LEFT JOIN states s USING (rec_key)
LEFT JOIN final f USING (rec_key)
LEFT JOIN classifications c USING (rec_key)
WHERE r.state_iso3 = $iso3
ORDER BY r.symbol, r.paragraph, r.item
"""
STATE_RECS_COLUMNS = ["rec_key", "symbol", "state_iso3", "cycle", "rec_id", "paragraph", "text",
                      "recommending_states", "position", "position_source_kind", "risk_factors", "recommending_iso3"]


def state_recommendations(con, iso3: str):
    """The State's recommendations with the columns :data:`STATE_RECS_COLUMNS` of
    ``store.recommendations_frame(con, state=iso3)``, the same rows in the same order, read faster."""
    return con.execute(_STATE_RECS_SQL, {"iso3": iso3}).df()


def _acceptance(recs, top: int = 10):
    """Per cycle and top recommending States, counted as :func:`upr_lens.track.acceptance.state_acceptance`
    counts them, from recommendations already read (one query for the whole profile)."""
    from upr_lens import states as registry
    from upr_lens.track.acceptance import _count_positions

    by_cycle = _count_positions(recs, ["cycle"])
    pairs = recs[["rec_key", "cycle", "position", "recommending_iso3"]].explode("recommending_iso3")
    pairs = pairs.dropna(subset=["recommending_iso3"])
    known = {c: registry.by_iso3(c) for c in pairs["recommending_iso3"].unique()}
    pairs["recommending_state"] = pairs["recommending_iso3"].map(lambda c: getattr(known[c], "name", c))
    top_states = _count_positions(pairs, ["recommending_state"]).sort_values("received", ascending=False,
                                                                              kind="stable")
    return by_cycle, top_states.head(top).reset_index(drop=True)


def build_profile(con, state: str, notable: int | None = None) -> Profile:
    """The profile of *state*. *notable* is kept for compatibility and ignored: every noted
    atrocity-relevant recommendation is listed."""
    import pandas as pd

    from upr_lens import states as registry
    from upr_lens.classify.risk_table import factor
    from upr_lens.track.five_steps import five_steps

    found = registry.lookup(state)
    recs = state_recommendations(con, found.iso3)
    if recs.empty:
        raise InputError(f"no recommendations stored for {found.name}")
    by_cycle, top_recommenders = _acceptance(recs)
    notes: list[str] = []
    cycles = {int(c) for c in recs["cycle"].dropna()}
    links = _links(con, found.iso3) if len(cycles) > 1 else None
    links_ready = links is not None
    if not con.execute("SELECT count(*) FROM cycle_links").fetchone()[0]:
        notes.append("cross-cycle links not computed yet (upr-lens link)")
    if len(cycles) == 1:
        (only,) = cycles
        notes.append(f"the store holds only cycle {only} for {found.name}: '{AGAIN}' and '{BEFORE}' are {NA}")
    elif not links_ready and len(notes) == 0:
        notes.append(f"cross-cycle links not computed for {found.name} (upr-lens link): '{AGAIN}' and "
                     f"'{BEFORE}' are {NA}")
    next_keys: set[str] = set()
    prev_keys: set[str] = set()
    if links is not None:
        adjacent = links[links["cycle_to"] == links["cycle_from"] + 1]
        next_keys, prev_keys = set(adjacent["key_from"]), set(adjacent["key_to"])
    again = {k: _direction(int(c) + 1, k, cycles, links_ready, next_keys)
             for k, c in zip(recs["rec_key"], recs["cycle"].fillna(0))}
    before = {k: _direction(int(c) - 1, k, cycles, links_ready, prev_keys)
              for k, c in zip(recs["rec_key"], recs["cycle"].fillna(0))}
    totals = recs.groupby("cycle").size()
    if recs["risk_factors"].isna().all():
        notes.append("recommendations not classified yet (upr-lens classify): no risk-factor breakdown")
        by_factor = pd.DataFrame()
        notable_noted = pd.DataFrame()
    else:
        exploded = _by_factor(recs)
        rows = []
        for (cycle, number), group in exploded.groupby(["cycle", "risk_factor"]):
            counts = group["position"].value_counts()
            again_here = [again[k] for k in group["rec_key"]]
            before_here = [before[k] for k in group["rec_key"]]
            rows.append({
                "cycle": int(cycle), "risk_factor": int(number), "name": factor(int(number)).name,
                "received": len(group), "share": round(len(group) / int(totals[cycle]), 3),
                **{p: int(counts.get(p, 0)) for p in ("supported", "partially supported", "noted", "pending")},
                AGAIN: NA if NA in again_here else again_here.count("yes"),
                BEFORE: NA if NA in before_here else before_here.count("yes"),
            })
        by_factor = pd.DataFrame(rows)
        notable_noted = _noted_ranked(con, found.iso3, recs, again)
    steps = five_steps(con, found.iso3, recs=recs).drop(columns=["examples"])
    if "repeated" in steps:  # five_steps compares with the previous *stored* cycle; say which, per row
        asked = {(int(c), int(s)) for c, s, n in zip(steps["cycle"], steps["step"], steps["recommended"]) if n}
        steps[BEFORE] = [NA if c - 1 not in cycles else ("yes" if (c - 1, s) in asked and n else "no")
                         for c, s, n in zip(steps["cycle"], steps["step"], steps["recommended"])]
        steps = steps.drop(columns=["repeated"])
    repeated = pd.DataFrame() if links is None else links.drop(columns=["key_from", "key_to"])
    return Profile(
        state=found.name, iso3=found.iso3, by_cycle=by_cycle, by_cycle_factor=by_factor,
        five_steps=steps, top_recommenders=top_recommenders,
        notable_noted=notable_noted, repeated=repeated, notes=notes,
        provenance=provenance(con, found.iso3, recs),
    )


def document_url(symbol: str) -> str:
    """The UN document system's address of a document symbol (e.g. A/HRC/10/69)."""
    return UN_DOCS + symbol.strip()


def provenance(con, iso3: str, recs=None) -> dict:
    """When and with what a profile was made: date, versions, documents, position sources, the caveat."""
    import datetime as dt

    from upr_lens import package_version
    from upr_lens.classify.risk_table import RISK_FACTORS

    models = [r[0] for r in con.execute(
        """SELECT DISTINCT c.model_version FROM classifications c JOIN recommendations r USING (rec_key)
           WHERE r.state_iso3 = ? AND c.model_version IS NOT NULL ORDER BY 1""", [iso3]).fetchall()]
    documents = con.execute(
        """SELECT symbol, doc_type, cycle, CAST(doc_date AS VARCHAR), source_file FROM documents
           WHERE state_iso3 = ? ORDER BY cycle NULLS LAST, symbol""", [iso3]).fetchall()
    docs = [{"symbol": symbol, "url": document_url(symbol) if symbol else None, "type": kind, "cycle": cycle,
             "date": date, "file": (source or "").replace("\\", "/").rsplit("/", 1)[-1]}
            for symbol, kind, cycle, date, source in documents]
    sources = {}
    if recs is not None and "position_source_kind" in recs:
        sources = {str(k): int(v) for k, v in recs["position_source_kind"].fillna("none (pending)")
                   .value_counts().sort_index().items()}
    whole = [rf.id for rf in RISK_FACTORS if rf.indicators and not any(i.verified for i in rf.indicators)]
    some = [i.id for rf in RISK_FACTORS if rf.id not in whole for i in rf.indicators if not i.verified]
    provisional = [f"RF{k}" for k in whole] + some
    caveat = ("Risk factors, scores and indicators are assigned by an automated model (upr-lens classify), not by "
              "an analyst: read each recommendation before relying on them. Provisional indicators: the "
              "risk-factor table marks the indicator ids of " + _ranges(whole)
              + (f" and indicators {', '.join(some)}" if some else "") + " as not yet checked against the "
              "official text of the Framework of Analysis (rely on the factor label there).")
    return {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "upr_lens_version": package_version(), "model_versions": models, "documents": docs,
            "position_sources": sources,
            "provisional_indicators": provisional, "caveat": caveat}


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → "RF1-RF3, RF5"."""
    spans: list[list[int]] = []
    for n in sorted(numbers):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(f"RF{a}" if a == b else f"RF{a}-RF{b}" for a, b in spans) or "no factor"


def _by_factor(recs):
    """One row per (recommendation, risk factor it raises), the factor in column ``risk_factor`` (int)."""
    exploded = recs.assign(risk_factor=recs["risk_factors"]).explode("risk_factor")
    exploded = exploded[exploded["risk_factor"].notna()].copy()
    exploded["risk_factor"] = exploded["risk_factor"].astype(int)
    return exploded


# ------------------------------------------------------------------------------------------------ plots, HTML


def plot_responses(profile: Profile) -> str:
    """Stacked bars: supported / partially supported / noted / pending per cycle, counts and shares (PNG)."""
    return plot_positions(profile.by_cycle.set_index("cycle"),
                          f"{profile.state}: responses to recommendations, per UPR cycle", "cycle")


def _provenance_html(facts: dict) -> str:
    docs = "".join(
        f"<li><a href=\"{html.escape(d['url'])}\">{html.escape(d['symbol'])}</a> {html.escape(d['type'] or '')}"
        f"{', cycle ' + str(d['cycle']) if d['cycle'] else ''}{', ' + html.escape(d['date']) if d['date'] else ''}"
        f" <small>({html.escape(d['file'])})</small></li>" for d in facts["documents"] if d["symbol"])
    sources = ", ".join(f"{html.escape(k)}: {v}" for k, v in facts["position_sources"].items())
    models = "; ".join(html.escape(m) for m in facts["model_versions"]) or "none (not classified)"
    return (f"<section id='provenance'><h2>Provenance</h2><dl>"
            f"<dt>Made</dt><dd class='date'>{html.escape(facts['date'])}</dd>"
            f"<dt>upr_lens version</dt><dd class='version'>{html.escape(facts['upr_lens_version'])}</dd>"
            f"<dt>Model versions</dt><dd class='models'>{models}</dd>"
            f"<dt>Documents used</dt><dd><ul class='documents'>{docs}</ul></dd>"
            f"<dt>Final positions taken from</dt><dd>{sources}</dd></dl>"
            f"<p class='caveat'>{html.escape(facts['caveat'])}</p></section>")


def _noted_html(frame) -> str:
    if frame is None or frame.empty:
        return "<section id='noted-ranked'><p><em>no noted atrocity-relevant recommendation</em></p></section>"
    rows = []
    for values in frame.to_dict(orient="records"):
        rows.append(
            f"<tr data-rank='{values['rank']}' data-score='{values['score']}'"
            f" data-priority='{str(values['priority']).lower()}'"
            f" data-rec-key='{html.escape(values['rec_key'], quote=True)}'><td>{values['rank']}</td>"
            f"<td>{values['cycle']}</td><td><a href=\"{html.escape(document_url(values['symbol']))}\">"
            f"{html.escape(values['symbol'])}</a> {html.escape(values['rec_id'])}</td>"
            f"<td class='factors'>{html.escape(values['risk_factors'])}</td><td>{values['score']:.3f}</td>"
            f"<td>{html.escape(str(values[AGAIN]))}</td>"
            f"<td class='states'>{html.escape(values['recommending_states'].replace(';', '; '))}</td>"
            f"<td class='text'>{html.escape(values['text'])}</td></tr>")
    head = ("<tr><th>rank</th><th>cycle</th><th>recommendation</th><th>risk factors</th><th>score</th>"
            f"<th>{AGAIN}</th><th>recommending States</th><th>text</th></tr>")
    return (f"<section id='noted-ranked'><details open><summary>{len(frame)} noted atrocity-relevant "
            f"recommendations ({html.escape(RANKING_RULE)})</summary><table class='table'>{head}{''.join(rows)}"
            "</table></details></section>")


def _links_html(frame) -> str:
    if frame is None or frame.empty:
        return "<p><em>nothing to show</em></p>"
    items = []
    for r in frame.itertuples(index=False):
        items.append(
            f"<details><summary>{html.escape(r.symbol_from)} {html.escape(r.id_from)} (cycle {r.cycle_from}, "
            f"{html.escape(r.position_from)}) asked again in cycle {r.cycle_to}: {html.escape(r.symbol_to)} "
            f"{html.escape(r.id_to)} ({html.escape(r.position_to)})</summary>"
            f"<p><b>cycle {r.cycle_from}:</b> {html.escape(r.text_from)}</p>"
            f"<p><b>cycle {r.cycle_to}:</b> {html.escape(r.text_to)}</p>"
            f"<p><small>{html.escape(r.reason)}</small></p></details>")
    return f"<div id='links'>{''.join(items)}</div>"


def render_html(profile: Profile, path) -> None:
    """One self-contained HTML file: tables and plots (embedded PNG); links only to the UN document system."""
    parts = [f"<h1>{html.escape(profile.state)} ({profile.iso3}): atrocity-prevention profile</h1>",
             "<p>Recommendations from the UN Universal Periodic Review, read through the 14 risk factors of the "
             "UN Framework of Analysis for Atrocity Crimes (2014). Made by upr_lens.</p>"]
    if profile.provenance:
        parts.append(f"<p class='caveat'>{html.escape(profile.provenance['caveat'])}</p>")
    images = [("responses", plot_responses(profile))]
    if profile.by_cycle_factor is not None and not profile.by_cycle_factor.empty:
        totals = dict(zip(profile.by_cycle["cycle"], profile.by_cycle["received"]))
        images.append(("factors", plot_factor_heatmap(profile.by_cycle_factor,
                                                      f"{profile.state}: risk factors raised per cycle", "cycle",
                                                      totals=totals)))
    for name, data in images:
        parts.append(f'<figure><img id="plot-{name}" alt="{name} plot" src="data:image/png;base64,{data}"></figure>')
    for title, frame in profile.sections():
        parts.append(f"<h2>{html.escape(title)}</h2>")
        if frame is profile.notable_noted:
            parts.append(_noted_html(frame))
        elif frame is profile.repeated:
            parts.append(_links_html(frame))
        elif frame is None or len(frame) == 0:
            parts.append("<p><em>nothing to show</em></p>")
        else:
            parts.append(frame.to_html(index=False, border=0, classes="table", escape=True, na_rep=NA))
    if profile.notes:
        parts.append("<h2>Notes</h2><ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in profile.notes) + "</ul>")
    if profile.provenance:
        parts.append(_provenance_html(profile.provenance))
    style = ("body{font-family:sans-serif;margin:2em;max-width:1100px} table{border-collapse:collapse;"
             "font-size:13px} td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}"
             " img{max-width:100%} .caveat{background:#fff3bf;padding:.5em} summary{cursor:pointer}"
             " td.text{min-width:32em} td.states{max-width:12em}")
    document = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(profile.state)}"
                f" — upr_lens profile</title><style>{style}</style></head><body>{''.join(parts)}</body></html>")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(document)

