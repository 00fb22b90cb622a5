"""Figures of the sourcing notebook (01_sourcing): whose information each unit (outlet, outlet type, ...) passes on.

Each `textplot_*` takes a per-unit table from `analysis.sourcing` (`reliance`, `attributed_share`, `speech_types`,
`network_edges`, each grouped by the book's unit `book.by`), reshapes and draws it with the primitives in `base`,
saves it through the `FigureBook` under the figure's name and returns the figure. Units keep their colour from the
book; source types, country groups and speech types get stable category colours from their codebook order.

Every figure takes 1 to 50 units on one A4 text area (16 x 24 cm): rows shrink to the page, the reliance heatmap
turns (units as rows, the most cited institutions as columns, the others named in the caption) once the units no
longer fit side by side, and the network keeps only its strongest edges when there are many.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .. import sourcing
from ..figures import FULL_WIDTH, layout_problems
from . import base

# Sources missing from the codebook: darker than the grey of unnamed ('unspecified') sources, so both can show.
UNCODED_COLOR = "#666666"
# The unattributed rest of a bar: lighter than the palette's grey outlet colour (#999999), so neither hides the other.
UNATTRIBUTED_COLOR = "#DDDDDD"
PAGE_HEIGHT = 9.2  # inches: the tallest figure one A4 text area (24 cm) holds with the saved padding
HEATMAP_ROW = 0.22  # inches per heatmap row when the page has room
COLUMN_WIDTH = 0.17  # inches per institution column when the units are the rows (labels at 90 degrees, 7 pt)
MAX_EDGES = 60  # the network draws at most this many edges: the strongest ones
MAX_NAMED = 30  # institutions a caption names one by one when the figure leaves them out


def _category_colors(order: list[str]) -> dict[str, str]:
    """Stable colours for source types or country groups: unnamed sources grey, uncoded ones dark grey."""
    colors = base.category_colors(order, grey=("unspecified", sourcing.UNCODED))
    if sourcing.UNCODED in colors:
        colors[sourcing.UNCODED] = UNCODED_COLOR
    return colors


def source_type_colors(*, codebooks_dir: Path | None = None) -> dict[str, str]:
    """Colour per source type, fixed by the codebook order (the same in every corpus)."""
    return _category_colors(sourcing.source_type_order(codebooks_dir=codebooks_dir))


def country_group_colors(*, codebooks_dir: Path | None = None) -> dict[str, str]:
    """Colour per country group, fixed by the codebook order; 'other' is a colour of its own."""
    return _category_colors(sourcing.country_group_order(codebooks_dir=codebooks_dir))


def speech_type_colors() -> dict[str, str]:
    """Colour per speech type (direct quote, indirect speech, attribution, credit line)."""
    return base.category_colors(sourcing.SPEECH_TYPES)


def _row_height(n: int, *, per_row: float, extra: float) -> float:
    """Height per row: `per_row` while `n` rows and `extra` inches (axis labels, legend) fit on one page."""
    return min(per_row, (PAGE_HEIGHT - extra) / max(n, 1))


def _left_out(totals: pd.Series, shown: int) -> str:
    """Caption sentence naming the institutions after the first `shown` of `totals` (most cited first)."""
    rest = totals.iloc[shown:]
    if rest.empty:
        return ""
    named = ", ".join(f"{name} ({n:,})" for name, n in rest.iloc[:MAX_NAMED].items())
    more = f" and {len(rest) - MAX_NAMED:,} more" if len(rest) > MAX_NAMED else ""
    return (f" Shown: the {shown:,} most cited institutions; left out ({len(rest):,}, citations in brackets): {named}{more};"
            " table sourcing-reliance has every count.")


def textplot_reliance_by_outlet(rel: pd.DataFrame, *, book, max_rows: int = 40):
    """Heatmap `sourcing-reliance-by-outlet`: citations of each institution per unit (numbers) and their share of
    the unit's citations (colour). `rel` is `sourcing.reliance(attributions, articles, by=book.by)`.

    While the units fit side by side they are the columns and every institution (up to `max_rows`, most cited
    first) a row; otherwise the units are the rows (catalog order) and the most cited institutions that fit the
    width the columns, with cell numbers only where the cells are big enough. Left-out institutions are named in
    the caption."""
    unit = book.unit_name
    counts = sourcing.reliance_matrix(rel, by=book.by, units=book.units)
    shares = sourcing.reliance_matrix(rel, by=book.by, values="share", units=book.units)
    totals = counts.sum(axis=1)
    base_caption = f"Persons roll up to their institution; credit lines left out; n = citations per {unit}."
    if counts.empty:
        fig, ax = book.figure(height=1.5)
        base.nothing_to_show(ax, f"No {unit} cites a source.")
        caption = f"Sentences citing each institution per {unit}: none in this corpus."
    else:
        n = counts.sum()
        columns = [f"{textwrap.fill(u, 12, break_long_words=False)}\n(n={n[u]:,})" for u in counts.columns]
        shown = counts.index[:max_rows]
        room = FULL_WIDTH - max(base.text_width(i, 8) for i in shown) - 1.0  # y label and colour bar
        fig = None
        for size in (8, base.SMALL):  # units side by side if their names fit, at 8 pt or else at 7 pt
            if len(columns) * (max(base.text_width(c, size) for c in columns) + 0.06) > room:
                continue
            fig = _reliance_units_as_columns(counts.loc[shown], shares.loc[shown], columns, book=book, size=size)
            if not layout_problems(fig):
                break
            plt.close(fig)  # the estimate was too kind: the unit names touch
            fig = None
        if fig is not None:
            caption = (f"Sentences citing each institution per {unit} (numbers) and their share of the {unit}'s citations "
                       f"(colour). {base_caption}{_left_out(totals, len(shown))}")
        else:
            fig, shown, annotated = _reliance_units_as_rows(counts, shares, book=book)
            numbers = "numbers" if annotated else "numbers left out at this size"
            caption = (f"Share of each {unit}'s citations going to each institution (colour; {numbers}). "
                       f"{unit.capitalize()}s in catalog order. {base_caption}{_left_out(totals, len(shown))}")
    book.save(fig, "sourcing-reliance-by-outlet", caption=caption)
    return fig


def _reliance_units_as_columns(counts: pd.DataFrame, shares: pd.DataFrame, columns: list[str], *, book, size: float = 8):
    """Institutions as rows, units as columns (wrapped labels on top), numbers in every non-empty cell."""
    row = _row_height(len(counts), per_row=HEATMAP_ROW, extra=1.3)
    fig, ax = book.figure(height=row * len(counts) + 1.3)
    labels = counts.map(lambda v: f"{v:,}" if v else "")
    im = base.heatmap(ax, shares * 100, labels=labels, cmap="Blues", vmin=0, vmax=100, xticklabels=columns, rotation=0, top=True)
    ax.tick_params(axis="x", labelsize=size)
    cbar = fig.colorbar(im, ax=ax, shrink=0.5, pad=0.02)
    cbar.set_label(f"Share of the {book.unit_name}'s citations (%)")
    cbar.outline.set_visible(False)
    ax.set_ylabel("Cited institution")
    return fig


def _reliance_units_as_rows(counts: pd.DataFrame, shares: pd.DataFrame, *, book):
    """Units as rows (catalog order), the most cited institutions that fit as columns (names at 90 degrees on top);
    cell numbers only when rows and columns leave room for them. Returns (figure, institutions shown, annotated)."""
    n = counts.sum()
    units = [f"{u} (n={n[u]:,})" for u in counts.columns]
    size = 8 if len(units) <= 20 else base.SMALL
    fit = int((FULL_WIDTH - max(base.text_width(u, size) for u in units) - 0.3) / COLUMN_WIDTH)
    shown = counts.index[: max(1, min(len(counts), fit))]
    top = max(base.text_width(i, base.SMALL) for i in shown) + 0.3  # rotated names and the axis title
    row = _row_height(len(units), per_row=HEATMAP_ROW, extra=top + 0.9)
    values = counts.loc[shown].T
    annotated = row >= 0.2 and max(base.text_width(f"{v:,}", base.SMALL) for v in values.to_numpy().ravel()) <= COLUMN_WIDTH - 0.04
    fig, ax = book.figure(height=row * len(units) + top + 0.9)
    im = base.heatmap(ax, shares.loc[shown].T * 100, labels=values.map(lambda v: f"{v:,}" if v else ""), annotate=annotated,
                      cmap="Blues", vmin=0, vmax=100, rotation=0, top=True)
    ax.set_xticks(range(len(shown)), list(shown), rotation=90, ha="center", va="bottom", fontsize=base.SMALL)
    ax.set_yticks(range(len(units)), units, fontsize=size)
    ax.set_xlabel("Cited institution")
    ax.xaxis.set_label_position("top")
    cbar = fig.colorbar(im, ax=ax, orientation="horizontal", shrink=0.4, pad=0.02, aspect=30)
    cbar.set_label(f"Share of the {book.unit_name}'s citations (%)")
    cbar.outline.set_visible(False)
    return fig, shown, annotated


def _shares_by_unit(table: pd.DataFrame, of: str, colors: dict[str, str], *, book, name: str, caption: str):
    """100 % bars of a `reliance` table, one per unit (catalog order), categories in the order of `colors`."""
    wide = table.pivot(index=book.by, columns=of, values="share").reindex(index=book.units)
    categories = [c for c in colors if c in wide.columns] + [c for c in wide.columns if c not in colors]
    totals = table.groupby(book.by)["n"].sum()
    row = _row_height(len(wide), per_row=0.35, extra=1.6)
    fig, ax = book.figure(height=row * len(wide) + 1.6)
    if table.empty:
        base.nothing_to_show(ax, f"No {book.unit_name} cites a source.")
    else:
        base.stacked_shares(ax, wide[categories], colors=colors, totals=totals, xlabel=f"Share of the {book.unit_name}'s citations (%)")
        if row < 0.2:
            ax.tick_params(axis="y", labelsize=base.SMALL)
    book.save(fig, name, caption=caption)
    return fig


def textplot_types_by_outlet(types: pd.DataFrame, *, book, codebooks_dir: Path | None = None):
    """Stacked shares `sourcing-types-by-outlet`; `types` is `sourcing.reliance(..., of="source_type", by=book.by)`."""
    unit = book.unit_name
    return _shares_by_unit(
        types, "source_type", source_type_colors(codebooks_dir=codebooks_dir), book=book, name="sourcing-types-by-outlet",
        caption=f"Share of each {unit}'s citations by source type (%); n = citations (sentence x institution), credit lines left out.",
    )


def textplot_countries_by_outlet(countries: pd.DataFrame, *, book, codebooks_dir: Path | None = None):
    """Stacked shares `sourcing-countries-by-outlet`; `countries` is `sourcing.reliance(..., of="country_group", by=book.by)`."""
    unit = book.unit_name
    return _shares_by_unit(
        countries, "country_group", country_group_colors(codebooks_dir=codebooks_dir), book=book, name="sourcing-countries-by-outlet",
        caption=f"Share of each {unit}'s citations by the country or bloc of the cited institution (%); US/Western = USA, "
        "UK, Sweden, France, Poland, NATO, EU; n = citations, credit lines left out.",
    )


def textplot_speech_types(speech: pd.DataFrame, *, book):
    """Stacked shares `sourcing-speech-types`; `speech` is `sourcing.speech_types(attributions, articles, by=book.by)`."""
    return _shares_by_unit(
        speech, "speech_type", speech_type_colors(), book=book, name="sourcing-speech-types",
        caption=f"Share of each {book.unit_name}'s citations by how the source is rendered (%): direct quote, indirect speech "
        "(Konjunktiv I), plain attribution; n = citations, credit lines left out.",
    )


def textplot_attributed_share(share: pd.DataFrame, *, book):
    """Bars `sourcing-attributed-share`: each unit's attributed prose sentences (unit colour) and the unattributed
    rest (grey); `share` is `sourcing.attributed_share(sentences, attributions, articles, by=book.by)`."""
    share = share.set_index(book.by).reindex(book.units)
    pct = share["attributed_share"].fillna(0) * 100
    labels = [f"{p:.0f}%  ({int(a):,}/{int(n):,})" for p, a, n in zip(pct, share["attributed"].fillna(0), share["sentences"].fillna(0))]
    row = _row_height(len(share), per_row=0.35, extra=0.65)
    fig, ax = book.figure(height=row * len(share) + 0.65)
    ax.barh(np.arange(len(pct)), 100 - pct.to_numpy(), left=pct.to_numpy(), color=UNATTRIBUTED_COLOR, zorder=0)
    base.bars(ax, pct, colors=book.colors, labels=labels,
              xlabel="Share of prose sentences (%): attributed (colour) vs unattributed (grey)")
    ax.set_xlim(0, 100)
    if row < 0.2:
        ax.tick_params(axis="y", labelsize=base.SMALL)
    book.save(
        fig,
        "sourcing-attributed-share",
        caption=f"Share of each {book.unit_name}'s prose sentences (lead and body) that attribute their content to any "
        "source; labels: attributed share (attributed / all prose sentences).",
    )
    return fig


def textplot_network(edges: pd.DataFrame, *, book, codebooks_dir: Path | None = None, max_edges: int = MAX_EDGES):
    """Bipartite network `sourcing-network`: units (left) and the institutions they cite (right, by country group);
    line width grows with the square root of the sentences citing, dashed = credit line only. Of many edges only
    the strongest `max_edges` are drawn (`sourcing.strongest_edges`); institutions without a drawn edge are left out.
    `edges` is `sourcing.network_edges(attributions, articles, by=book.by)`."""
    unit, units = book.unit_name, list(book.units)
    drawn = sourcing.strongest_edges(edges, max_edges=max_edges)
    nodes = sourcing.network_institutions(edges, by=book.by, codebooks_dir=codebooks_dir)
    nodes = nodes[nodes["institution"].isin(set(drawn["institution"]))]
    height = min(PAGE_HEIGHT, max(0.2 * len(nodes), 0.3 * len(units)) + 0.8)
    fig, ax = book.figure(height=height)
    if edges.empty:
        base.nothing_to_show(ax, f"No {unit} cites a source.")
    else:
        pos = {("unit", u): (0.0, 1 - (i + 0.5) / len(units)) for i, u in enumerate(units)}
        pos.update({("institution", name): (1.0, 1 - (i + 0.5) / len(nodes)) for i, name in enumerate(nodes["institution"])})
        for u, institution, weight, credit_only in zip(drawn[book.by], drawn["institution"], drawn["weight"], drawn["credit_only"]):
            (x0, y0), (x1, y1) = pos[("unit", u)], pos[("institution", institution)]
            ax.plot([x0, x1], [y0, y1], color=book.colors.get(u, base.MISSING_COLOR), lw=0.5 + 1.5 * np.sqrt(weight),
                    alpha=0.6, ls="--" if credit_only else "-", solid_capstyle="round", zorder=1)
        # room for the labels on both sides: inches per data unit once the widest labels and their gaps are set aside
        names = [f"{r.institution}  [{r.country_group}, {r.weight:,}]" for r in nodes.itertuples()]
        left, right = max(base.text_width(u, 8, bold=True) for u in units), max((base.text_width(n, base.SMALL) for n in names), default=0.0)
        per_unit = max(1.2, FULL_WIDTH - 0.5 - left - right)
        gap_left, gap_right = 0.12 / per_unit, 0.08 / per_unit  # clear of the dots
        size = min(120, (0.8 * (height - 0.8) * 72 / max(len(units), 1)) ** 2)  # dot area (pt^2): dots do not touch
        for u in units:
            x, y = pos[("unit", u)]
            ax.scatter(x, y, s=size, color=book.colors[u], zorder=2)
            ax.text(x - gap_left, y, u, ha="right", va="center", fontsize=8, fontweight="bold")
        for r, name in zip(nodes.itertuples(), names):
            x, y = pos[("institution", r.institution)]
            ax.scatter(x, y, s=25, color="#444444", zorder=2)
            ax.text(x + gap_right, y, name, ha="left", va="center", fontsize=base.SMALL)
        ax.set_xlim(-gap_left - (left + 0.05) / per_unit, 1 + gap_right + (right + 0.05) / per_unit)
        ax.set_ylim(0, 1)
        ax.axis("off")
    caption = (f"{unit.capitalize()}s (left) and the institutions they cite (right, with country group and sentence count); "
               "line width grows with the square root of the sentences citing; dashed = agency credit line only.")
    if len(drawn) < len(edges):
        least = int(drawn["weight"].min()) if len(drawn) else 0
        ties = "; of the equally strong, those to the most cited institutions" if (edges["weight"] >= least).sum() > len(drawn) else ""
        caption += (f" Only the {len(drawn):,} strongest of {len(edges):,} edges are drawn (at least {least:,} sentences "
                    f"each{ties}); institutions without such an edge are left out.")
    book.save(fig, "sourcing-network", caption=caption)
    return fig
