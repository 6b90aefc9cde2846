"""Plots of profiles, comparisons and session reports, as base64 PNG (embedded in HTML, shown in notebooks).

Every plot takes its colours from :mod:`upr_lens.report.colours` (one scheme), puts risk factors in numeric
order 1-14, writes counts with their shares, and is drawn on a :class:`matplotlib.figure.Figure` of its own
(no pyplot, no backend switch).
"""

from __future__ import annotations

import base64
import io

from upr_lens.report.colours import (
    COUNT_CMAP,
    POSITION_ORDER,
    annotate_cells,
    figure,
    position_colours,
    text_colour,
)

__all__ = ["FACTORS", "factor_table", "plot_factor_heatmap", "plot_positions", "png"]

FACTORS = tuple(range(1, 15))  # the 14 risk factors, in numeric order


def png(made) -> str:
    """A figure as base64 PNG."""
    buffer = io.BytesIO()
    made.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def plot_positions(table, title: str, xlabel: str, horizontal: bool = False) -> str:
    """Stacked bars of final positions (columns of *table* named as :data:`POSITION_ORDER`, absent ones
    taken as 0; one bar per row), each segment labelled with its count and share of the bar."""
    import numpy as np
    from matplotlib.colors import to_rgb

    table = table.reindex(columns=list(POSITION_ORDER), fill_value=0).fillna(0).astype(int)
    made = figure((7, 0.8 + 0.45 * len(table)) if horizontal else (6.5, 3.4))
    axis = made.subplots()
    totals = table.sum(axis=1).to_numpy()
    base = np.zeros(len(table))
    places = np.arange(len(table))
    for position, colour in zip(POSITION_ORDER, position_colours(POSITION_ORDER)):
        values = table[position].to_numpy()
        if horizontal:
            bars = axis.barh(places, values, left=base, color=colour, label=position)
        else:
            bars = axis.bar(places, values, bottom=base, color=colour, label=position)
        labels = [f"{v} ({v / t:.0%})" if v and t and v / t >= 0.06 else "" for v, t in zip(values, totals)]
        axis.bar_label(bars, labels=labels, label_type="center", fontsize=7, color=text_colour(to_rgb(colour)))
        base = base + values
    names = [str(i) for i in table.index]
    if horizontal:
        axis.set_yticks(places, names)
        axis.set_xlabel("recommendations")
        axis.set_ylabel(xlabel)
    else:
        axis.set_xticks(places, names)
        axis.set_xlabel(xlabel)
        axis.set_ylabel("recommendations")
    axis.set_title(title)
    axis.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return png(made)


def factor_table(frame, row: str, column: str = "risk_factor", value: str = "received"):
    """*frame* (long: row, risk factor, count) as rows × the 14 factors in numeric order, 0 where absent."""
    table = frame.pivot_table(index=row, columns=column, values=value, aggfunc="sum", fill_value=0)
    table.columns = [int(c) for c in table.columns]
    return table.reindex(columns=list(FACTORS), fill_value=0).astype(int)


def _percent(n: int, total: int) -> str:
    """A share as a whole percentage; "<1%" for a count that rounds to 0% (never "0%" beside a count)."""
    share = n / total
    return "<1%" if n and share < 0.005 else f"{share:.0%}"


def plot_factor_heatmap(frame, title: str, row: str, column: str = "risk_factor", value: str = "received",
                        totals=None) -> str:
    """Heatmap of counts (rows × the 14 risk factors, in numeric order) as a base64 PNG. Each cell shows its
    count and, when *totals* (row → recommendations of that row) is given, its share of them, written in
    the text colour that reads on the cell."""
    table = factor_table(frame, row, column, value)
    made = figure((8.5, 0.9 + 0.5 * max(len(table), 1)))
    axis = made.subplots()
    image = axis.imshow(table.values, cmap=COUNT_CMAP, aspect="auto", vmin=0)
    axis.set_xticks(range(len(FACTORS)), [f"RF{c}" for c in FACTORS], fontsize=8)
    axis.set_yticks(range(len(table)), [str(i) for i in table.index])
    labels = []
    for name, counts in zip(table.index, table.values):
        total = None if totals is None else totals.get(name)
        labels.append([(f"{int(n)}\n{_percent(n, total)}" if total else str(int(n))) for n in counts])
    annotate_cells(axis, image, labels, fontsize=6.5 if totals is not None else 7)
    axis.set_xlabel("risk factor (UN Framework of Analysis for Atrocity Crimes, 2014)"
                    + ("; cells: count and share of the row's recommendations" if totals is not None else ""))
    axis.set_ylabel(row)
    axis.set_title(title)
    made.colorbar(image, ax=axis, shrink=0.8, label="recommendations")
    return png(made)
