"""States side by side: how many of the recommendations each received raise each of the 14 risk factors.

:func:`compare_frame` is one query over the store (fast for a whole regional group): one row per (State,
risk factor 1-14, zeros included) with the count and its share of the State's classified recommendations
(in one cycle, or all). :func:`compare_table` and :func:`compare_shares` lay it out as States × factors.
States of the selection with no classified recommendation in the store are not rows; they are listed in
``frame.attrs["missing"]`` (the CLI says so).
"""

from __future__ import annotations

from upr_lens.errors import InputError

__all__ = ["compare_frame", "compare_shares", "compare_table", "chosen_states", "combined_table"]

FACTORS = tuple(range(1, 15))


def chosen_states(states=None, group: str | None = None) -> list[str]:
    """ISO3 codes of the States named, or of every member of the regional group *group*."""
    from upr_lens import states as registry

    if group:
        chosen = [s.iso3 for s in registry.all_states() if (s.group or "").lower() == group.lower()]
        if not chosen:
            raise InputError(f"unknown regional group: {group!r} (one of {', '.join(registry.GROUPS)})")
        return chosen
    return list(dict.fromkeys(registry.lookup(name).iso3 for name in states or []))


def compare_frame(con, states=None, group: str | None = None, cycle: int | None = None):
    """Long frame: state, iso3, risk_factor (1-14, every one), received (int: recommendations raising it),
    recommendations (int: the State's classified recommendations), share (received / recommendations)."""
    import pandas as pd

    from upr_lens import states as registry

    chosen = chosen_states(states, group)
    cycle_sql, params = ("AND r.cycle = ?", [int(cycle)]) if cycle is not None else ("", [])
    scope = f"""SELECT r.rec_key, r.state_iso3, c.risk_factors FROM recommendations r
                JOIN classifications c USING (rec_key)
                WHERE list_contains(?, r.state_iso3) {cycle_sql}"""
    totals = dict(con.execute(f"SELECT state_iso3, count(DISTINCT rec_key) FROM ({scope}) GROUP BY 1",
                              [chosen, *params]).fetchall())
    counts = con.execute(
        f"""SELECT state_iso3, risk_factor, count(DISTINCT rec_key) FROM
            (SELECT state_iso3, rec_key, unnest(risk_factors) AS risk_factor FROM ({scope}))
            GROUP BY 1, 2""", [chosen, *params]).fetchall()
    by_pair = {(iso3, int(k)): int(n) for iso3, k, n in counts}
    rows = []
    present = sorted((getattr(registry.by_iso3(c), "name", c), c) for c in chosen if totals.get(c))
    for name, iso3 in present:
        total = int(totals[iso3])
        for k in FACTORS:
            n = by_pair.get((iso3, k), 0)
            rows.append({"state": name, "iso3": iso3, "risk_factor": k, "received": n, "recommendations": total,
                         "share": round(n / total, 3)})
    frame = pd.DataFrame(rows, columns=["state", "iso3", "risk_factor", "received", "recommendations", "share"])
    frame.attrs["missing"] = sorted(getattr(registry.by_iso3(c), "name", c) for c in chosen if not totals.get(c))
    frame.attrs["cycle"] = cycle
    return frame


def _wide(frame, value: str):
    table = frame.pivot_table(index=["state", "recommendations"], columns="risk_factor", values=value,
                              aggfunc="sum", fill_value=0, sort=True)
    table = table.reindex(columns=list(FACTORS), fill_value=0)
    table.columns.name = None
    return table.reset_index()


def compare_table(frame):
    """:func:`compare_frame` as one row per State: its classified recommendations and, for each of the 14 risk
    factors (columns 1-14, zeros shown), how many raise it (integers)."""
    table = _wide(frame, "received")
    table[list(FACTORS)] = table[list(FACTORS)].astype(int)
    table["recommendations"] = table["recommendations"].astype(int)
    return table


def compare_shares(frame):
    """The shares of :func:`compare_table`: for each State and factor, the fraction of the State's classified
    recommendations raising that factor (0-1, three decimals)."""
    table = _wide(frame, "share")
    table[list(FACTORS)] = table[list(FACTORS)].astype(float).round(3)
    table["recommendations"] = table["recommendations"].astype(int)
    return table


def combined_table(frame):
    """Counts (columns 1-14) and shares (columns share_1-share_14) in one row per State (CSV and JSON)."""
    counts = compare_table(frame)
    shares = compare_shares(frame)[list(FACTORS)]
    shares.columns = [f"share_{k}" for k in FACTORS]
    counts.columns = [str(c) for c in counts.columns]
    return counts.join(shares)
