"""Figures of the claims-and-reuse notebook: troop numbers per outlet and authority, text shared between articles.

`textplot_claims_troop_numbers` keeps its own drawing (a log-axis scatter with one sub-row per figure, too
specific for a shared primitive); the reuse heatmaps are `base.heatmap`. Authorities are coloured with
`authority_colors` (never the outlet palette), so an authority keeps its colour however the articles are ordered.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from .. import claims, reuse
from . import base

# Marker per kind of troop figure (claims.MEASURE_ORDER); other kinds are drawn as circles.
MARKERS = {"deployment": "o", "losses": "X", "army size": "s"}
# At most this many articles in the reuse heatmaps (those with the most partners); beyond it cells are unreadable.
HEATMAP_MAX_ARTICLES = 30


def authority_colors(institutions: Iterable[str]) -> dict[str, str]:
    """A colour per authority: named ones in alphabetical order (so a colour does not depend on which article
    comes first), 'unattributed' grey and last."""
    present = set(institutions)
    names = sorted(present - {claims.UNATTRIBUTED}, key=str.casefold)
    names += [claims.UNATTRIBUTED] if claims.UNATTRIBUTED in present else []
    return base.category_colors(names, grey=(claims.UNATTRIBUTED,))


def _vague_label(figures: pd.Series) -> str:
    """'Tausende', or 'Tausende (×2)' for two vague mentions of the same size on one authority."""
    word = str(figures.iloc[0])
    word = word[:1].upper() + word[1:]
    return word + (f" (×{len(figures)})" if len(figures) > 1 else "")


def textplot_claims_troop_numbers(ledger: pd.DataFrame, *, book):
    """Figure `claims-troop-numbers`: every troop, loss and army-size figure (`claims.ledger`) per outlet.

    One band per outlet (catalog order); each figure on its own line within the band, on a log axis, coloured by
    the authority cited and shaped by its kind; vague quantities hollow, at the order of magnitude they name.
    """
    colors = authority_colors(ledger["institution"])
    outlets = list(book.outlets) + sorted(set(ledger["outlet_label"]) - set(book.outlets))
    legend_rows = -(-(len(colors) + len(MARKERS) + 1) // 3)
    fig, ax = book.figure(height=0.95 * max(len(outlets), 1) + 1.9 + 0.15 * max(0, legend_rows - 5))
    for y, outlet in enumerate(outlets):
        rows = ledger[ledger["outlet_label"] == outlet]
        exact = rows[~rows["vague"]].sort_values(["value", "unit"])
        vague = [group for _, group in rows[rows["vague"]].groupby(["institution", "measure", "value"], sort=False)]
        n = len(exact) + len(vague)
        offsets = np.linspace(-0.36, 0.36, n) if n > 1 else np.zeros(n)  # one sub-row per figure: labels never collide
        for off, r in zip(offsets, exact.itertuples()):
            ax.scatter(r.value, y + off, marker=MARKERS.get(r.measure, "o"), s=36, zorder=3, color=colors[r.institution])
            label = r.figure if r.unit == "Soldaten" else f"{r.figure} {r.unit}"
            left = r.value > 3e5
            ax.annotate(label, (r.value, y + off), xytext=(-6 if left else 6, 0), textcoords="offset points",
                        ha="right" if left else "left", va="center", fontsize=base.SMALL)
        for off, group in zip(offsets[len(exact):], vague):
            r = group.iloc[0]
            ax.scatter(r["value"], y + off, marker=MARKERS.get(r["measure"], "o"), s=36, zorder=3, linewidths=1.3,
                       facecolor="none", edgecolor=colors[r["institution"]])
            ax.annotate(_vague_label(group["figure"]), (r["value"], y + off), xytext=(-6, 0), textcoords="offset points",
                        ha="right", va="center", fontsize=base.SMALL, color="0.35")
        if y:
            ax.axhline(y - 0.5, color="0.85", linewidth=0.6)
    if ledger.empty:
        ax.text(0.5, 0.5, "no troop, loss or army-size figures in this corpus", transform=ax.transAxes,
                ha="center", va="center", fontsize=base.SMALL, color="0.35")
    ax.set_xscale("log")
    ax.set_xlim(1, 1e7)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: claims.german_number(v) if v >= 1 else ""))
    ax.set_yticks(range(len(outlets)), outlets)
    ax.set_ylim(len(outlets) - 0.5, -0.5)
    ax.set_xlabel("Reported number (log scale; Soldaten unless named)")
    ax.grid(axis="x", which="major", alpha=0.3)
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=name) for name, c in colors.items()]
    handles += [Line2D([], [], marker=m, linestyle="", color="black", label=k) for k, m in MARKERS.items()]
    handles += [Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markeredgecolor="black", label="vague (Tausende)")]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=base.SMALL, frameon=False,
               title="colour: authority cited; shape: kind of figure", title_fontsize=base.SMALL)
    book.save(fig, "claims-troop-numbers",
              caption="Troop, loss and army-size figures per outlet on a log axis, coloured by the authority cited for them "
                      "(sourcing analysis); hollow markers are vague quantities ('Tausende', drawn at 1.000, the order of "
                      "magnitude they name); each figure has its own line within the outlet's band.")
    return fig


def _shown_articles(article_ids: list[str], panels: list[pd.DataFrame]) -> list[str]:
    """All articles, or beyond HEATMAP_MAX_ARTICLES the ones sharing passages with the most others (catalog order)."""
    if len(article_ids) <= HEATMAP_MAX_ARTICLES:
        return article_ids
    partners = pd.concat([p["article_id"] for p in panels]).value_counts()
    top = set(partners.index[:HEATMAP_MAX_ARTICLES])
    return [a for a in article_ids if a in top]


def _percent(value: float) -> str:
    return f"{value:.1f}" if 0 < value < 10 else f"{value:.0f}"


def textplot_reuse_share_heatmap(shares: pd.DataFrame, rewrite_shares: pd.DataFrame | None = None, *, book):
    """Figure `reuse-share-heatmap`: share of each row article's words in passages shared with each column article.

    Left: verbatim copy (`reuse_shares`); right: close rewrites (`reuse_rewrite_shares`), drawn only where the
    pipeline searched for them (`reuse.rewrites_computed`).
    """
    panels = [(f"verbatim copy\n(word {reuse.NGRAM}-grams, passages ≥ {reuse.MIN_WORDS} words)", shares)]
    if rewrite_shares is not None and reuse.rewrites_computed(book.articles):
        n = "word pairs" if reuse.REWRITE["n"] == 2 else f"word {reuse.REWRITE['n']}-grams"
        panels.append((f"close rewrites\n({n}, passages ≥ {reuse.REWRITE['min_words']} words)", rewrite_shares))
    ids = _shown_articles([str(a) for a in book.articles["article_id"]], [table for _, table in panels])
    names = book.label(pd.DataFrame({"article_id": ids}))["outlet_label"].fillna(pd.Series(ids)).tolist()
    fig, axes = book.figure(height=3.4, ncols=len(panels), squeeze=False)
    for k, (ax, (title, table)) in enumerate(zip(axes[0], panels)):
        matrix = (reuse.share_matrix(table, ids) * 100).set_axis(names, axis=0)
        image = base.heatmap(ax, matrix, fmt=_percent, vmin=0, vmax=100, xticklabels=names, rotation=40, show_yticks=k == 0)
        ax.tick_params(labelsize=base.SMALL)
        ax.set_title(title, fontsize=8)
        ax.set_xlabel("shared with (column article)", fontsize=base.SMALL)
    axes[0][0].set_ylabel("article (row)", fontsize=base.SMALL)
    fig.colorbar(image, ax=list(axes[0]), shrink=0.8, label="% of row article's words")
    levels = "verbatim copy (left) and close rewrites of single sentences (right)" if len(panels) == 2 else "verbatim copy"
    book.save(fig, "reuse-share-heatmap",
              caption=f"Share (%) of each row article's words inside passages shared with each column article: {levels}.")
    return fig
