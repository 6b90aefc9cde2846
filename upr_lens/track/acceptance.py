"""Acceptance per State: received / supported / noted / pending, per cycle, by recommending group and State.

Two conventions, in two per-cycle tables printed one after the other, each title saying which it is:

* per recommendation id (OHCHR's): one id is one recommendation, however many States made it, with its final
  position (:data:`upr_lens.track.positions.FINAL_POSITIONS_SQL`; 'partially supported' when its States'
  or parts' positions differ);
* per recommending-State row (UPR Info's): one row per State per part, each with its own position where the
  deciding source gives one per State (UPR Info), else the recommendation's
  (:mod:`upr_lens.track.pair_positions`): ``by_cycle_rows``.

The breakdowns by recommending group and State count (id, recommending State) pairs: a pair is supported
when all that State's rows for the id are, partially supported when they differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pandas import DataFrame

POSITIONS = ("supported", "partially supported", "noted", "pending")


@dataclass
class Acceptance:
    """What `upr-lens state` prints; each field is a pandas DataFrame."""

    state: str
    iso3: str
    by_cycle: DataFrame
    by_group: DataFrame
    top_recommenders: DataFrame
    by_risk_factor: DataFrame | None = None  # when the store holds classifications
    by_cycle_rows: DataFrame | None = None  # per recommending-State row (UPR Info's count)
    recommenders_total: int = 0  # recommending States in all; top_recommenders may list fewer (see ``top``)

    def sections(self):
        """(title, DataFrame) of each table, in the order `upr-lens state` prints them."""
        yield "per cycle, counting recommendation ids (OHCHR's count)", self.by_cycle
        if self.by_cycle_rows is not None:
            yield ("per cycle, counting recommending-State rows (UPR Info's count: one per State per part)",
                   self.by_cycle_rows)
        yield "by recommending regional group ((id, recommending State) pairs)", self.by_group
        shown = len(self.top_recommenders)
        cut = (f", showing {shown} of {self.recommenders_total} (ties at the cut included; --top 0 for all)"
               if shown < self.recommenders_total else "")
        yield f"top recommending States ((id, recommending State) pairs{cut})", self.top_recommenders
        if self.by_risk_factor is not None:
            yield "by atrocity risk factor", self.by_risk_factor

    def tidy(self):
        """Every table in one DataFrame (what ``--format csv`` writes): a ``section`` column naming the table
        (per_cycle_ids, per_cycle_rows, by_group, top_recommenders, by_risk_factor), the columns of each
        (cycle, group, recommending_state, risk_factor, name) empty in the other sections' rows."""
        import pandas as pd

        keys = {"per cycle, counting recommendation ids": "per_cycle_ids",
                "per cycle, counting recommending-State rows": "per_cycle_rows",
                "by recommending regional group": "by_group", "top recommending States": "top_recommenders",
                "by atrocity risk factor": "by_risk_factor"}
        frames = []
        for title, frame in self.sections():
            key = next(k for prefix, k in keys.items() if title.startswith(prefix))
            frames.append(frame.assign(section=key, state=self.state, iso3=self.iso3))
        table = pd.concat(frames, ignore_index=True)
        first = ["section", "state", "iso3", "cycle", "group", "recommending_state", "risk_factor", "name"]
        first = [c for c in first if c in table.columns]
        for column in ("cycle", "risk_factor"):
            if column in table.columns:
                table[column] = table[column].astype("Int64")
        return table[first + [c for c in table.columns if c not in first]]

    def to_dict(self) -> dict:
        return {
            "state": self.state, "iso3": self.iso3,
            "by_cycle": self.by_cycle.to_dict(orient="records"),
            "by_cycle_rows": (self.by_cycle_rows.to_dict(orient="records")
                              if self.by_cycle_rows is not None else None),
            "by_group": self.by_group.to_dict(orient="records"),
            "top_recommenders": self.top_recommenders.to_dict(orient="records"),
            "recommenders_total": self.recommenders_total,
            "by_risk_factor": (self.by_risk_factor.to_dict(orient="records")
                               if self.by_risk_factor is not None else None),
        }


def _count_positions(frame, keys: list[str]):
    import pandas as pd

    table = pd.crosstab([frame[k] for k in keys], frame["position"]).reindex(columns=POSITIONS, fill_value=0)
    table.columns.name = None
    table.insert(0, "received", table.sum(axis=1))
    decided = table["supported"] + table["partially supported"] + table["noted"]
    table["supported_share"] = (table["supported"] / decided.where(decided > 0)).round(3)
    return table.reset_index()


def _combined(positions) -> str:
    """One position of several rows: theirs when they agree, else partially supported (when one supports)."""
    found = set(positions)
    if len(found) == 1:
        return found.pop()
    return "partially supported" if found & {"supported", "partially supported"} else "pending"


def state_acceptance(con, state: str, top: int | None = 10) -> Acceptance:
    """Acceptance figures for the State under review *state* (name or ISO3). ``top_recommenders`` lists the
    *top* recommending States by recommendations received, and every State tied with the last of them (no
    arbitrary pick at the cut); ``top=None`` or 0: all of them."""
    import pandas as pd

    from upr_lens import states as registry
    from upr_lens import store
    from upr_lens.track.pair_positions import by_state_frame

    found = registry.lookup(state)
    recs = store.recommendations_frame(con, state=found.iso3)
    if recs.empty:
        empty = pd.DataFrame()
        return Acceptance(found.name, found.iso3, empty, empty, empty)
    by_cycle = _count_positions(recs, ["cycle"])
    rows = by_state_frame(con, state=found.iso3)
    by_cycle_rows = _count_positions(rows, ["cycle"])
    rows = rows[rows["named_in"] != "none"].copy()  # a recommendation naming no State has no pair
    rows["recommending_iso3"] = rows["recommending_iso3"].fillna("?" + rows["recommending_state"].astype(str))
    pairs = rows.groupby(["rec_key", "cycle", "recommending_iso3"], as_index=False).agg(
        position=("position", _combined), recommending_state=("recommending_state", "first"))
    known = {c: registry.by_iso3(c) for c in pairs["recommending_iso3"].unique()}
    pairs["recommending_state"] = [getattr(known[c], "name", None) or name
                                   for c, name in zip(pairs["recommending_iso3"], pairs["recommending_state"])]
    pairs["group"] = pairs["recommending_iso3"].map(lambda c: getattr(known[c], "group", None) or "none")
    by_group = _count_positions(pairs, ["group"])
    top_states = _count_positions(pairs, ["recommending_state"]).sort_values(
        ["received", "recommending_state"], ascending=[False, True])
    by_factor = None
    if recs["risk_factors"].notna().any():
        from upr_lens.classify.risk_table import factor

        factors = recs[["rec_key", "cycle", "position", "risk_factors"]].copy()
        factors["risk_factor"] = factors["risk_factors"]  # lists of ints: one row per factor
        factors = factors.explode("risk_factor")
        factors = factors[factors["risk_factor"].notna()]
        if not factors.empty:
            factors["risk_factor"] = factors["risk_factor"].astype(int)
            by_factor = _count_positions(factors, ["risk_factor"])
            by_factor.insert(1, "name", by_factor["risk_factor"].map(lambda k: factor(int(k)).name))
    listed = top_states
    if top and len(top_states) > top:
        listed = top_states[top_states["received"] >= top_states["received"].iloc[top - 1]]
    return Acceptance(found.name, found.iso3, by_cycle, by_group, listed.reset_index(drop=True),
                      by_factor, by_cycle_rows, recommenders_total=len(top_states))
