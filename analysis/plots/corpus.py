"""Figures of notebook 00_corpus: article length, readability, what cleaning removed, lexical similarity.

Each function takes the table behind its figure (from `analysis.overview`, `analysis.readability`,
`analysis.similarity`), draws it with the primitives in `base` and saves it through the `FigureBook`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .base import bars, dots, heatmap, nothing_to_show


def textplot_length_by_outlet(length: pd.DataFrame, *, book):
    """Words and sentences per outlet as bars in the outlet colours, each labelled with its value and n articles.

    `length`: `overview.length_by_outlet` (index outlet; columns articles, words, sentences).
    """
    fig, axes = book.figure(height=2.6, ncols=2, sharey=True)
    for ax, col, xlabel in zip(axes, ["words", "sentences"], ["Words after cleaning", "Sentences (incl. headings)"]):
        labels = [f"{int(v):,}  (n={int(n)})" for v, n in zip(length[col], length["articles"])]
        bars(ax, length[col], colors=book.colors, labels=labels, xlabel=xlabel, headroom=1.45)
    axes[0].set_title("Article length by outlet", loc="left")
    book.save(fig, "corpus-length-by-outlet", caption="Words and sentences per outlet after boilerplate removal; n = number of articles.")
    return fig


def textplot_readability_by_outlet(readability: pd.DataFrame, *, book):
    """Mean Flesch (Amstad) and Wiener Sachtextformel per outlet as dots on each formula's usual range.

    `readability`: `readability.readability_by_outlet` (index outlet; columns flesch_amstad, wiener_sachtextformel).
    """
    fig, axes = book.figure(height=2.4, ncols=2, sharey=True)
    panels = [
        ("flesch_amstad", "Flesch (Amstad): higher = easier", (0, 100)),
        ("wiener_sachtextformel", "Wiener Sachtextformel: school grade", (4, 15)),
    ]
    for ax, (col, xlabel, xlim) in zip(axes, panels):
        dots(ax, readability[col], colors=book.colors, fmt=lambda v: f"{v:.1f}", xlabel=xlabel, xlim=xlim)
    axes[0].set_title("Readability by outlet", loc="left")
    book.save(
        fig,
        "corpus-readability-by-outlet",
        caption="Readability of each outlet's prose (mean over its articles): Amstad's Flesch adaptation (higher = "
        "easier) and the first Wiener Sachtextformel (approximate school grade).",
    )
    return fig


def textplot_cleaning_removed(removed: pd.DataFrame, *, book):
    """Words removed per cleaning rule (rows) and outlet (columns), grey shading on a log scale, '·' for none.

    `removed`: `overview.removed_by_rule` (wide, rule x outlet, counts).
    """
    fig, ax = book.figure(height=0.9 + 0.28 * max(1, len(removed)))
    if removed.empty:
        nothing_to_show(ax, "Cleaning removed nothing from these articles.")
    else:
        counts = removed.astype(int)
        shade = np.log1p(counts.astype(float))
        labels = counts.map(lambda v: f"{v}" if v else "·")
        top = float(np.log1p(max(1, counts.to_numpy().max()))) * 1.6
        heatmap(ax, shade, labels=labels, cmap="Greys", vmax=top, rotation=20, dark_text=True)
    ax.set_title("Words removed by cleaning, per rule and outlet", loc="left")
    book.save(
        fig,
        "corpus-cleaning-removed",
        caption="Words removed from each article by the cleaning rules of the boilerplate codebook; every removed line "
        "is listed in removed.csv and in the table corpus-removed-lines.",
    )
    return fig


def textplot_similarity_heatmap(matrix: pd.DataFrame, *, book):
    """Square heatmap of the TF-IDF cosine between every pair of articles (0-1), with a colour bar.

    `matrix`: `similarity.similarity_matrix` (articles x articles, named by outlet).
    """
    fig, ax = book.figure(height=3.6)
    im = heatmap(ax, matrix, fmt=lambda v: f"{v:.2f}", cmap="Blues", vmin=0.0, vmax=1.0, rotation=30)
    ax.set_aspect("equal")
    fig.colorbar(im, ax=ax, label="TF-IDF cosine similarity", shrink=0.8)
    ax.set_title("Lexical similarity between articles", loc="left")
    book.save(
        fig,
        "corpus-similarity-heatmap",
        caption="TF-IDF cosine similarity between the articles (content words, lower-cased); shared vocabulary, not "
        "necessarily shared passages.",
    )
    return fig
