"""Figures of the sourcing notebook (01_sourcing): whose information each outlet passes on.

Each `textplot_*` takes a per-outlet table from `analysis.sourcing` (`reliance`, `attributed_share`,
`speech_types`, `network_edges`), reshapes and draws it with the primitives in `base`, saves it through the
`FigureBook` under the figure's name and returns the figure. Outlets keep their colour from the book; source
types, country groups and speech types get stable category colours from their codebook order.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

from .. import sourcing
from . import base

SHARE_LABEL = "Share of the outlet's citations (%)"
# Sources missing from the codebook: darker than the grey of unnamed ('unspecified') sources, so both can show.
UNCODED_COLOR = "#666666"


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


def textplot_reliance_by_outlet(rel: pd.DataFrame, *, book):
    """Heatmap `sourcing-reliance-by-outlet`: citations of each institution per outlet (numbers) and their share of
    the outlet's citations (colour). `rel` is `sourcing.reliance(attributions, articles)`."""
    counts = sourcing.reliance_matrix(rel, outlets=book.outlets)
    shares = sourcing.reliance_matrix(rel, values="share", outlets=book.outlets)
    fig, ax = book.figure(height=0.22 * len(counts) + 1.3)
    if counts.empty:
        base.nothing_to_show(ax, "No outlet cites a source.")
    else:
        labels = counts.map(lambda n: str(n) if n else "")
        ticks = [f"{textwrap.fill(o, 12)}\n(n={counts[o].sum()})" for o in counts.columns]  # wrapped: no overlap
        im = base.heatmap(ax, shares * 100, labels=labels, cmap="Blues", vmin=0, vmax=100, xticklabels=ticks, rotation=0, top=True)
        cbar = fig.colorbar(im, ax=ax, shrink=0.5, pad=0.02)
        cbar.set_label(SHARE_LABEL)
        cbar.outline.set_visible(False)
        ax.set_ylabel("Cited institution")
    book.save(
        fig,
        "sourcing-reliance-by-outlet",
        caption="Sentences citing each institution per outlet (numbers) and their share of the outlet's citations "
        "(colour). Persons roll up to their institution; credit lines left out; n = citations per outlet.",
    )
    return fig


def _shares_by_outlet(table: pd.DataFrame, by: str, colors: dict[str, str], *, book, name: str, caption: str):
    """100 % bars of a `reliance` table, one per outlet (catalog order), categories in the order of `colors`."""
    wide = table.pivot(index="outlet_label", columns=by, values="share").reindex(index=book.outlets)
    categories = [c for c in colors if c in wide.columns] + [c for c in wide.columns if c not in colors]
    totals = table.groupby("outlet_label")["n"].sum()
    fig, ax = book.figure(height=0.35 * len(wide) + 1.6)
    if table.empty:
        base.nothing_to_show(ax, "No outlet cites a source.")
    else:
        base.stacked_shares(ax, wide[categories], colors=colors, totals=totals, xlabel=SHARE_LABEL)
    book.save(fig, name, caption=caption)
    return fig


def textplot_types_by_outlet(types: pd.DataFrame, *, book, codebooks_dir: Path | None = None):
    """Stacked shares `sourcing-types-by-outlet`; `types` is `sourcing.reliance(..., by="source_type")`."""
    return _shares_by_outlet(
        types, "source_type", source_type_colors(codebooks_dir=codebooks_dir), book=book, name="sourcing-types-by-outlet",
        caption="Share of each outlet's citations by source type (%); n = citations (sentence x institution), credit lines left out.",
    )


def textplot_countries_by_outlet(countries: pd.DataFrame, *, book, codebooks_dir: Path | None = None):
    """Stacked shares `sourcing-countries-by-outlet`; `countries` is `sourcing.reliance(..., by="country_group")`."""
    return _shares_by_outlet(
        countries, "country_group", country_group_colors(codebooks_dir=codebooks_dir), book=book, name="sourcing-countries-by-outlet",
        caption="Share of each outlet's citations by the country or bloc of the cited institution (%); US/Western = USA, "
        "UK, Sweden, France, Poland, NATO, EU; n = citations, credit lines left out.",
    )


def textplot_speech_types(speech: pd.DataFrame, *, book):
    """Stacked shares `sourcing-speech-types`; `speech` is `sourcing.speech_types(attributions, articles)`."""
    return _shares_by_outlet(
        speech, "speech_type", speech_type_colors(), book=book, name="sourcing-speech-types",
        caption="Share of each outlet's citations by how the source is rendered (%): direct quote, indirect speech "
        "(Konjunktiv I), plain attribution; n = citations, credit lines left out.",
    )


def textplot_attributed_share(share: pd.DataFrame, *, book):
    """Bars `sourcing-attributed-share`: each outlet's attributed prose sentences (outlet colour) and the
    unattributed rest (grey); `share` is `sourcing.attributed_share(sentences, attributions, articles)`."""
    share = share.set_index("outlet_label").reindex(book.outlets)
    pct = share["attributed_share"].fillna(0) * 100
    labels = [f"{p:.0f}%  ({int(a)}/{int(n)})" for p, a, n in zip(pct, share["attributed"].fillna(0), share["sentences"].fillna(0))]
    fig, ax = book.figure(height=0.35 * len(share) + 0.65)
    ax.barh(np.arange(len(pct)), 100 - pct.to_numpy(), left=pct.to_numpy(), color=base.MISSING_COLOR, zorder=0)
    base.bars(ax, pct, colors=book.colors, labels=labels,
              xlabel="Share of prose sentences (%): attributed (colour) vs unattributed (grey)")
    ax.set_xlim(0, 100)
    book.save(
        fig,
        "sourcing-attributed-share",
        caption="Share of each outlet's prose sentences (lead and body) that attribute their content to any source; "
        "labels: attributed share (attributed / all prose sentences).",
    )
    return fig


def textplot_network(edges: pd.DataFrame, *, book, codebooks_dir: Path | None = None):
    """Bipartite network `sourcing-network`: outlets (left) and the institutions they cite (right, by country
    group); line width grows with the square root of the sentences citing, dashed = credit line only.
    `edges` is `sourcing.network_edges(attributions, articles)`."""
    nodes = sourcing.network_institutions(edges, codebooks_dir=codebooks_dir)
    outlets = list(book.outlets)
    pos = {("outlet", o): (0.0, 1 - (i + 0.5) / len(outlets)) for i, o in enumerate(outlets)}
    pos.update({("institution", name): (1.0, 1 - (i + 0.5) / len(nodes)) for i, name in enumerate(nodes["institution"])})
    fig, ax = book.figure(height=max(0.2 * len(nodes), 0.3 * len(outlets)) + 0.8)
    for e in edges.itertuples():
        (x0, y0), (x1, y1) = pos[("outlet", e.outlet)], pos[("institution", e.institution)]
        ax.plot([x0, x1], [y0, y1], color=book.colors.get(e.outlet, base.MISSING_COLOR), lw=0.5 + 1.5 * np.sqrt(e.weight),
                alpha=0.6, ls="--" if e.credit_only else "-", solid_capstyle="round", zorder=1)
    for o in outlets:
        x, y = pos[("outlet", o)]
        ax.scatter(x, y, s=120, color=book.colors[o], zorder=2)
        ax.text(x - 0.03, y, o, ha="right", va="center", fontsize=8, fontweight="bold")
    for r in nodes.itertuples():
        x, y = pos[("institution", r.institution)]
        ax.scatter(x, y, s=25, color="#444444", zorder=2)
        ax.text(x + 0.03, y, f"{r.institution}  [{r.country_group}, {r.weight}]", ha="left", va="center", fontsize=base.SMALL)
    ax.set_xlim(-0.45, 1.75)
    ax.set_ylim(0, 1)
    ax.axis("off")
    book.save(
        fig,
        "sourcing-network",
        caption="Outlets (left) and the institutions they cite (right, with country group and sentence count); "
        "line width grows with the square root of the sentences citing; dashed = agency credit line only.",
    )
    return fig
