"""Drawing primitives every `textplot_*` figure is built from: annotated heatmap, stacked shares, dots, bars.

Each primitive draws on an axis it is given and takes tidy or wide tables; none computes a number that is not
in its input table. Outlet colours come from the `FigureBook`; other categories (source types, hedges,
authorities) use `category_colors`, a palette visibly different from the outlets'.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

# Paul Tol's "muted" scheme: for categories that are not outlets, so no colour means two things at once.
CATEGORY_PALETTE = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499", "#661100"]
MISSING_COLOR = "#BBBBBB"  # unattributed, unknown, uncoded
SMALL = 7  # pt: the smallest text in any figure


def category_colors(categories: Sequence[str], *, grey: Sequence[str] = ()) -> dict[str, str]:
    """A stable colour per category in the given order; categories in `grey` (e.g. 'unattributed') are grey."""
    out, i = {}, 0
    for cat in categories:
        if cat in grey:
            out[cat] = MISSING_COLOR
        else:
            out[cat] = CATEGORY_PALETTE[i % len(CATEGORY_PALETTE)]
            i += 1
    return out


def text_color(background: str) -> str:
    """Black or white, whichever reads better on `background` (relative luminance, WCAG)."""
    from matplotlib.colors import to_rgb

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in to_rgb(background))
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.25 else "black"


def nothing_to_show(ax, message: str) -> None:
    """An empty panel that says why it is empty (a figure is still saved, so the report keeps its place)."""
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=9, color="0.3", transform=ax.transAxes, wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def chunks(units: list, max_rows: int) -> list[list]:
    """`units` cut into consecutive pages of at most `max_rows`, as even as possible (one page when they fit)."""
    n = max(1, math.ceil(len(units) / max_rows))
    size = max(1, math.ceil(len(units) / n))
    return [units[i : i + size] for i in range(0, len(units), size)] or [units]


@lru_cache(maxsize=4096)
def text_width(text: str, size: float = SMALL, bold: bool = False) -> float:
    """Width in inches of `text` (its widest line) at `size` pt in the suite's font, from the font's metrics (no
    figure needed), to plan label space before drawing."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    from ..figures import STYLE

    prop = FontProperties(family=STYLE["font.family"], weight="bold" if bold else "normal", size=size)
    lines = [line for line in str(text).split("\n") if line.strip()]
    return max((text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0] for line in lines), default=0.0) / 72


def _plain_axes(ax) -> None:
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.grid(False)


def heatmap(
    ax,
    values: pd.DataFrame,
    *,
    labels: pd.DataFrame | None = None,
    fmt: Callable[[float], str] = lambda v: f"{v:.2f}",
    cmap: str = "Blues",
    vmin: float = 0.0,
    vmax: float | None = None,
    xticklabels: Sequence[str] | None = None,
    rotation: float = 30,
    top: bool = False,
    show_yticks: bool = True,
    dark_text: bool = False,
    annotate: bool = True,
):
    """Annotated heatmap of a wide table (rows x columns); cell text from `labels` (same shape) or `fmt(value)`.

    Empty cells (NaN) are left white with a dash; text is white on dark cells unless `dark_text`. With
    `annotate=False` (many units: cells too small for numbers) only the colours are drawn; the table keeps the numbers.
    Returns the image for a colour bar.
    """
    data = values.to_numpy(dtype=float)
    top_value = vmax if vmax is not None else (np.nanmax(data) if np.isfinite(data).any() else 1.0)
    im = ax.imshow(np.ma.masked_invalid(data), cmap=cmap, vmin=vmin, vmax=top_value or 1.0, aspect="auto")
    for i in range(data.shape[0] if annotate else 0):
        for j in range(data.shape[1]):
            v = data[i, j]
            text = "–" if np.isnan(v) else (str(labels.iat[i, j]) if labels is not None else fmt(v))
            if not text:
                continue
            dark = not dark_text and not np.isnan(v) and (v - vmin) / ((top_value or 1.0) - vmin or 1.0) > 0.55
            ax.text(j, i, text, ha="center", va="center", fontsize=SMALL, color="white" if dark else "black")
    names = list(xticklabels) if xticklabels is not None else [str(c) for c in values.columns]
    if top:
        ax.xaxis.tick_top()
        ax.set_xticks(range(data.shape[1]), names, rotation=rotation, ha="left" if rotation else "center")
    else:
        ax.set_xticks(range(data.shape[1]), names, rotation=rotation, ha="right" if rotation else "center")
    ax.set_yticks(range(data.shape[0]), [str(i) for i in values.index] if show_yticks else [])
    _plain_axes(ax)
    return im


def stacked_shares(
    ax,
    shares: pd.DataFrame,
    *,
    colors: dict[str, str],
    totals: pd.Series | None = None,
    min_label: float = 9.0,
    xlabel: str = "Share (%)",
    legend_cols: int = 4,
) -> None:
    """Horizontal 100 % bars: rows of `shares` (wide, values 0-1) are groups, columns the categories, in order.

    Segments of at least `min_label` % carry their percentage (white on dark colours); `totals` (per row) is
    printed as n= after the bar. The legend goes below the figure, outside the axes.
    """
    left = np.zeros(len(shares))
    y = np.arange(len(shares))
    for cat in shares.columns:
        vals = shares[cat].fillna(0).to_numpy(dtype=float) * 100
        color = colors.get(cat, MISSING_COLOR)
        ax.barh(y, vals, left=left, color=color, label=str(cat), edgecolor="white", linewidth=0.5)
        for yy, (lo, v) in enumerate(zip(left, vals)):
            if v >= min_label:
                ax.text(lo + v / 2, yy, f"{v:.0f}", ha="center", va="center", fontsize=SMALL, color=text_color(color))
        left += vals
    if totals is not None:
        for yy, n in enumerate(totals.reindex(shares.index).fillna(0)):
            ax.text(101, yy, f"n={int(n):,}", va="center", fontsize=SMALL)
    ax.set_yticks(y, [str(i) for i in shares.index])
    ax.set_ylim(len(shares) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel(xlabel)
    handles, names = ax.get_legend_handles_labels()
    ax.figure.legend(handles, names, ncols=legend_cols, loc="outside lower center", fontsize=SMALL)


def stacked_bars(ax, values: pd.DataFrame, *, colors: dict[str, str], ends: Sequence[str], legend_labels: dict[str, str] | None = None,
                 height: float = 0.8, headroom: float = 1.2) -> np.ndarray:
    """Horizontal bars of amounts (not shares) stacked from the columns of `values`, rows top to bottom, `ends[i]`
    printed after row i's bar; the axis ends on a tick with `headroom` for the end labels. Returns the bar totals."""
    from matplotlib.ticker import MaxNLocator

    y = np.arange(len(values))
    left = np.zeros(len(values))
    for cat in values.columns:
        vals = values[cat].fillna(0).to_numpy(dtype=float)
        label = (legend_labels or {}).get(cat, str(cat))
        ax.barh(y, vals, left=left, color=colors.get(cat, MISSING_COLOR), label=label, height=height)
        left += vals
    for yy, (total, text) in enumerate(zip(left, ends)):
        ax.text(total, yy, f" {text}", va="center", fontsize=SMALL)
    ax.set_yticks(y, [str(i) for i in values.index])
    ax.set_ylim(len(values) - 0.5, -0.5)
    locator = MaxNLocator(nbins=6, steps=[1, 2, 5, 10])
    ax.set_xlim(0, locator.tick_values(0, (float(left.max()) if len(left) else 0.0) * headroom or 1.0)[-1])
    ax.xaxis.set_major_locator(locator)
    return left


def dots(
    ax,
    values: pd.Series,
    *,
    colors: dict[str, str] | str = "black",
    low: pd.Series | None = None,
    high: pd.Series | None = None,
    fmt: Callable[[float], str] | None = None,
    xlabel: str = "",
    xlim: tuple[float, float] | None = None,
) -> None:
    """One dot per row (index = group label, top to bottom), with an interval where `low`/`high` are given."""
    y = np.arange(len(values))
    color = [colors.get(i, "black") for i in values.index] if isinstance(colors, dict) else colors
    if low is not None and high is not None:
        lo, hi = low.reindex(values.index).to_numpy(dtype=float), high.reindex(values.index).to_numpy(dtype=float)
        ax.hlines(y, lo, hi, color="0.5", linewidth=1.2, zorder=2)
    ax.scatter(values.to_numpy(dtype=float), y, color=color, s=36, zorder=3)
    if fmt is not None:
        for yy, v in zip(y, values):
            if np.isfinite(v):
                ax.annotate(fmt(v), (v, yy), xytext=(5, 3), textcoords="offset points", fontsize=SMALL)
    ax.set_yticks(y, [str(i) for i in values.index])
    ax.set_ylim(len(values) - 0.5, -0.5)
    if xlim is not None:
        ax.set_xlim(*xlim)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", color="0.9")


def bars(
    ax,
    values: pd.Series,
    *,
    colors: dict[str, str] | str = "0.4",
    labels: Sequence[str] | None = None,
    xlabel: str = "",
    headroom: float = 1.35,
) -> None:
    """Horizontal bars, one per row (top to bottom), each labelled with `labels` (default: its value)."""
    y = np.arange(len(values))
    color = [colors.get(i, MISSING_COLOR) for i in values.index] if isinstance(colors, dict) else colors
    drawn = ax.barh(y, values.to_numpy(dtype=float), color=color)
    ax.bar_label(drawn, labels=list(labels) if labels is not None else [f"{v:g}" for v in values], padding=2, fontsize=SMALL)
    ax.set_yticks(y, [str(i) for i in values.index])
    ax.set_ylim(len(values) - 0.5, -0.5)
    top = float(np.nanmax(values.to_numpy(dtype=float))) if len(values) else 0.0
    ax.set_xlim(0, (top or 1.0) * headroom)
    ax.set_xlabel(xlabel)
