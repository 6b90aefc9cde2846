"""Acceptance per State: received / supported / noted / pending, per cycle, by recommending group and State.

Counts are of recommendation ids (one id = one recommendation, however many States made it); the
breakdowns by recommending group and State count (id, recommending State) pairs, as UPR Info does.
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

    def sections(self):
        """(title, DataFrame) of each table, in the order `upr-lens state` prints them."""
        yield "per cycle", self.by_cycle
        yield "by recommending regional group", self.by_group
        yield "top recommending States", self.top_recommenders
        if self.by_risk_factor is not None:
            yield "by atrocity risk factor", self.by_risk_factor

    def to_dict(self) -> dict:
        return {
            "state": self.state, "iso3": self.iso3,
            "by_cycle": self.by_cycle.to_dict(orient="records"),
            "by_group": self.by_group.to_dict(orient="records"),
            "top_recommenders": self.top_recommenders.to_dict(orient="records"),
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


def state_acceptance(con, state: str, top: int = 10) -> Acceptance:
    """Acceptance figures for the State under review *state* (name or ISO3)."""
    import pandas as pd

    from upr_lens import states as registry
    from upr_lens import store

    found = registry.lookup(state)
    recs = store.recommendations_frame(con, state=found.iso3)
    if recs.empty:
        empty = pd.DataFrame()
        return Acceptance(found.name, found.iso3, empty, empty, empty)
    by_cycle = _count_positions(recs, ["cycle"])
    pairs = recs[["rec_key", "cycle", "position", "recommending_iso3"]].explode("recommending_iso3")
    pairs = pairs.dropna(subset=["recommending_iso3"])
    known = {c: registry.by_iso3(c) for c in pairs["recommending_iso3"].unique()}
    pairs["recommending_state"] = pairs["recommending_iso3"].map(lambda c: getattr(known[c], "name", c))
    pairs["group"] = pairs["recommending_iso3"].map(lambda c: getattr(known[c], "group", None) or "none")
    by_group = _count_positions(pairs, ["group"])
    top_states = _count_positions(pairs, ["recommending_state"]).sort_values("received", ascending=False)
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
    return Acceptance(found.name, found.iso3, by_cycle, by_group, top_states.head(top).reset_index(drop=True),
                      by_factor)
