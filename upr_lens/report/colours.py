"""The one colour scheme of every upr_lens plot (profiles, session reports, notebooks).

Positions: supported green, partially supported light green, noted red, pending grey, always in that order
(:data:`POSITION_ORDER`, :data:`POSITION_COLOURS`). Counts per risk factor: one sequential colour map
(:data:`COUNT_CMAP`), with the number written on every cell in black or white, whichever reads on the
cell's colour (:func:`text_colour`, by relative luminance).

Plots are drawn on :class:`matplotlib.figure.Figure` objects with their own Agg canvas (:func:`figure`):
nothing here calls ``matplotlib.use`` or pyplot, so a notebook's backend is left alone.
"""

from __future__ import annotations

__all__ = [
    "COUNT_CMAP",
    "POSITION_COLOURS",
    "POSITION_ORDER",
    "annotate_cells",
    "figure",
    "luminance",
    "position_colours",
    "text_colour",
]

POSITION_ORDER = ("supported", "partially supported", "noted", "pending")
POSITION_COLOURS = {
    "supported": "#2b8a3e",  # green
    "partially supported": "#8ce99a",  # light green
    "noted": "#e03131",  # red
    "pending": "#adb5bd",  # grey
}
COUNT_CMAP = "Blues"  # counts of recommendations per risk factor (heatmaps)


def position_colours(positions) -> list[str]:
    """The colours of *positions* (names of :data:`POSITION_ORDER`), in the order given."""
    return [POSITION_COLOURS[p] for p in positions]


def luminance(rgb) -> float:
    """Relative luminance (WCAG 2) of an RGB(A) colour with channels in 0..1."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(float(c)) for c in tuple(rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour(rgb) -> str:
    """"black" or "white": the one with the higher contrast on a cell of colour *rgb*."""
    lum = luminance(rgb)
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"


def annotate_cells(axis, image, labels, fontsize: float = 7) -> None:
    """Write *labels* (a 2-D sequence of strings, "" for none) on the cells of *image* (an ``imshow``), each
    in the text colour that reads on its cell."""
    import numpy as np

    values = np.asarray(image.get_array())
    for (i, j), value in np.ndenumerate(values):
        label = labels[i][j]
        if label:
            axis.text(j, i, label, ha="center", va="center", fontsize=fontsize,
                      color=text_colour(image.cmap(image.norm(value))))


def figure(figsize: tuple[float, float]):
    """A figure drawn on its own Agg canvas: no pyplot, no backend switch."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    made = Figure(figsize=figsize)
    FigureCanvasAgg(made)
    return made
