"""A State's atrocity-prevention profile: what its peers raised, cycle after cycle, and what it did.

`build_profile` gathers the tables (library API, used by notebooks too); `render_html` writes one
self-contained HTML file with the plots embedded; the CLI prints the same tables in the terminal.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from upr_lens.errors import InputError
from upr_lens.track.positions import FINAL_POSITIONS_SQL

if TYPE_CHECKING:
    from pandas import DataFrame


@dataclass
class Profile:
    state: str
    iso3: str
    by_cycle: DataFrame  # cycle, received, supported, partially supported, noted, pending, share
    by_cycle_factor: DataFrame  # cycle, risk_factor, name, received, supported, noted, pending, repeated
    five_steps: DataFrame
    top_recommenders: DataFrame
    notable_noted: DataFrame
    repeated: DataFrame  # repeated recommendations (when cross-cycle links are stored)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        def records(frame):
            return [] if frame is None else frame.to_dict(orient="records")

        return {"state": self.state, "iso3": self.iso3, "by_cycle": records(self.by_cycle),
                "by_cycle_factor": records(self.by_cycle_factor), "five_steps": records(self.five_steps),
                "top_recommenders": records(self.top_recommenders), "notable_noted": records(self.notable_noted),
                "repeated": records(self.repeated), "notes": self.notes}

    def sections(self):
        yield "Recommendations received and responses, per cycle", self.by_cycle
        yield "Atrocity risk factors raised, per cycle", self.by_cycle_factor
        yield "The Secretary-General's five national steps", self.five_steps
        yield "Top recommending States", self.top_recommenders
        yield "Notable noted recommendations (atrocity-relevant, not accepted)", self.notable_noted
        yield "Repeated recommendations (asked again in the next cycle)", self.repeated


def _repeated(con, iso3: str):
    """Repeated recommendations from the cross-cycle links (`upr-lens link`), when they have been computed."""
    import pandas as pd

    if not con.execute("SELECT count(*) FROM cycle_links").fetchone()[0]:
        return pd.DataFrame(), ["cross-cycle links not computed yet (upr-lens link)"]
    frame = con.execute(
        f"""SELECT a.cycle AS cycle_from, a.symbol AS symbol_from, a.rec_id AS id_from, fa.position AS position_from,
                  b.cycle AS cycle_to, b.symbol AS symbol_to, b.rec_id AS id_to, l.similarity, l.reason,
                  left(a.text, 160) AS text_from
           FROM cycle_links l
           JOIN recommendations a ON a.rec_key = l.rec_key
           JOIN recommendations b ON b.rec_key = l.linked_rec_key
           LEFT JOIN ({FINAL_POSITIONS_SQL}) fa
                  ON fa.rec_key = a.rec_key
           WHERE l.state_iso3 = ? AND l.repeated AND l.direction = 'later'
           ORDER BY a.cycle, a.paragraph, a.item, l.rank""", [iso3]).df()
    return frame, []


def build_profile(con, state: str, notable: int = 10) -> Profile:
    import pandas as pd

    from upr_lens import states as registry
    from upr_lens import store
    from upr_lens.classify.risk_table import factor
    from upr_lens.track.acceptance import state_acceptance
    from upr_lens.track.five_steps import five_steps

    found = registry.lookup(state)
    acceptance = state_acceptance(con, found.iso3)
    recs = store.recommendations_frame(con, state=found.iso3)
    notes = []
    if recs.empty:
        raise InputError(f"no recommendations stored for {found.name}")
    repeated, repeat_notes = _repeated(con, found.iso3)
    notes += repeat_notes
    repeated_keys = set()
    if not repeated.empty:
        repeated_keys = set(zip(repeated["symbol_from"], repeated["id_from"]))
    if recs["risk_factors"].isna().all():
        notes.append("recommendations not classified yet (upr-lens classify): no risk-factor breakdown")
        by_factor = pd.DataFrame()
        notable_noted = pd.DataFrame()
    else:
        exploded = _by_factor(recs)
        exploded["is_repeated"] = [(s, i) in repeated_keys for s, i in zip(exploded["symbol"], exploded["rec_id"])]
        grouped = exploded.groupby(["cycle", "risk_factor"])
        by_factor = pd.DataFrame({
            "received": grouped.size(),
            "supported": grouped["position"].apply(lambda p: int((p == "supported").sum())),
            "noted": grouped["position"].apply(lambda p: int((p == "noted").sum())),
            "pending": grouped["position"].apply(lambda p: int((p == "pending").sum())),
            "repeated": grouped["is_repeated"].sum().astype(int),
        }).reset_index()
        by_factor.insert(2, "name", by_factor["risk_factor"].map(lambda k: factor(int(k)).name))
        noted = recs[(recs["position"] == "noted") & recs["risk_factors"].map(store.join_list).ne("")]
        notable_noted = store.joined_lists(  # shown and exported as text: "3;7"
            noted[["cycle", "symbol", "rec_id", "recommending_states", "risk_factors", "text"]].head(notable))
    return Profile(
        state=found.name, iso3=found.iso3, by_cycle=acceptance.by_cycle, by_cycle_factor=by_factor,
        five_steps=five_steps(con, found.iso3).drop(columns=["examples"]), top_recommenders=acceptance.top_recommenders,
        notable_noted=notable_noted, repeated=repeated, notes=notes,
    )


# ------------------------------------------------------------------------------------------------ plots


def _figure(figsize: tuple[float, float]):
    """A figure drawn on its own Agg canvas: no pyplot, so the caller's backend (a notebook's) is left alone."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=figsize)
    FigureCanvasAgg(figure)
    return figure


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def plot_responses(profile: Profile) -> str:
    """Stacked bars: supported / noted / pending per cycle (base64 PNG)."""
    frame = profile.by_cycle.set_index("cycle")[["supported", "partially supported", "noted", "pending"]]
    figure = _figure((6, 3.2))
    axis = figure.subplots()
    frame.plot(kind="bar", stacked=True, ax=axis, color=["#2b8a3e", "#94d82d", "#e03131", "#adb5bd"])
    axis.set_title(f"{profile.state}: responses to recommendations, per UPR cycle")
    axis.set_xlabel("cycle")
    axis.set_ylabel("recommendations")
    axis.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return _png(figure)


def plot_factor_heatmap(frame, title: str, row: str, column: str = "risk_factor", value: str = "received") -> str:
    """Heatmap of counts (rows × risk factors) as a base64 PNG."""
    import numpy as np

    table = frame.pivot_table(index=row, columns=column, values=value, aggfunc="sum", fill_value=0)
    table = table.reindex(columns=range(1, 15), fill_value=0)
    figure = _figure((8, 0.5 + 0.45 * max(len(table), 1)))
    axis = figure.subplots()
    image = axis.imshow(table.values, cmap="OrRd", aspect="auto")
    axis.set_xticks(range(14), [str(c) for c in table.columns])
    axis.set_yticks(range(len(table)), [str(i) for i in table.index])
    for (i, j), count in np.ndenumerate(table.values):
        if count:
            axis.text(j, i, str(int(count)), ha="center", va="center", fontsize=7)
    axis.set_xlabel("risk factor (UN Framework of Analysis, 2014)")
    axis.set_title(title)
    figure.colorbar(image, ax=axis, shrink=0.8)
    return _png(figure)


def render_html(profile: Profile, path) -> None:
    """One self-contained HTML file: tables and plots (embedded PNG), no outside resources."""
    parts = [f"<h1>{html.escape(profile.state)} ({profile.iso3}): atrocity-prevention profile</h1>",
             "<p>Recommendations from the UN Universal Periodic Review, read through the 14 risk factors of the "
             "UN Framework of Analysis for Atrocity Crimes (2014). Made by upr_lens.</p>"]
    images = [("responses", plot_responses(profile))]
    if profile.by_cycle_factor is not None and not profile.by_cycle_factor.empty:
        images.append(("factors", plot_factor_heatmap(profile.by_cycle_factor,
                                                      f"{profile.state}: risk factors raised per cycle", "cycle")))
    for name, data in images:
        parts.append(f'<figure><img id="plot-{name}" alt="{name} plot" src="data:image/png;base64,{data}"></figure>')
    for title, frame in profile.sections():
        parts.append(f"<h2>{html.escape(title)}</h2>")
        if frame is None or len(frame) == 0:
            parts.append("<p><em>nothing to show</em></p>")
        else:
            parts.append(frame.to_html(index=False, border=0, classes="table", escape=True))
    if profile.notes:
        parts.append("<h2>Notes</h2><ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in profile.notes) + "</ul>")
    style = ("body{font-family:sans-serif;margin:2em;max-width:1100px} table{border-collapse:collapse;"
             "font-size:13px} td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left} img{max-width:100%}")
    document = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(profile.state)}"
                f" — upr_lens profile</title><style>{style}</style></head><body>{''.join(parts)}</body></html>")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(document)


def compare_frame(con, states=None, group: str | None = None):
    """States × risk factors: how many recommendations on each factor each State received."""
    import pandas as pd

    from upr_lens import states as registry
    from upr_lens import store

    if group:
        chosen = [s.iso3 for s in registry.all_states() if (s.group or "").lower() == group.lower()]
        if not chosen:
            raise InputError(f"unknown regional group: {group!r}")
    else:
        chosen = []
        for name in states or []:
            chosen.append(registry.lookup(name).iso3)
    frames = []
    for iso3 in chosen:
        recs = store.recommendations_frame(con, state=iso3)
        if recs.empty or recs["risk_factors"].isna().all():
            continue
        exploded = _by_factor(recs)
        exploded["state"] = getattr(registry.by_iso3(iso3), "name", iso3)
        frames.append(exploded[["state", "risk_factor"]])
    if not frames:
        return pd.DataFrame()
    joined = pd.concat(frames)
    table = joined.groupby(["state", "risk_factor"]).size().rename("received").reset_index()
    return table


def _by_factor(recs):
    """One row per (recommendation, risk factor it raises), the factor in column ``risk_factor`` (int)."""
    exploded = recs.assign(risk_factor=recs["risk_factors"]).explode("risk_factor")
    exploded = exploded[exploded["risk_factor"].notna()].copy()
    exploded["risk_factor"] = exploded["risk_factor"].astype(int)
    return exploded


def compare_table(frame):
    """:func:`compare_frame` as a table: one row per State, one column per risk factor raised, counts in cells."""
    table = frame.pivot_table(index="state", columns="risk_factor", values="received", fill_value=0)
    return table.reset_index()
