"""Figures of notebook 00_corpus: article length, readability, what cleaning removed, lexical similarity, and where
the articles came from (import sources).

Each function takes the table behind its figure (from `analysis.overview`, `analysis.readability`,
`analysis.similarity`), draws it with the primitives in `base` and saves it through the `FigureBook`. Units (outlets,
or the catalog column the book compares) come from the book; every figure stays readable from 1 to 50 units:

- length and readability: one row per unit, rows get lower as units are added; past `MAX_ROWS` units the figure
  continues in parts (one page each, same scale);
- cleaning: rules x units while the units' names fit side by side (`FEW_COLUMNS`), units x rules beyond (rule names
  upright at the top), cell numbers while they fit in the cells;
- similarity: article by article or unit by unit (see `similarity.similarity_overview`); past `FEW_COLUMNS` rows the
  columns are numbered (the row names carry the number), past `MAX_ANNOTATED` the cells lose their numbers, past
  `MAX_ROWS` only the units with most articles are drawn.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd

from .base import SMALL, bars, category_colors, chunks, dots, heatmap, nothing_to_show, stacked_bars

MAX_ROWS = 50  # unit rows on one page; more continue in parts (or, for the similarity matrix, are left out)
FEW_COLUMNS = 6  # units that fit side by side as columns with their (wrapped) names written horizontally
MAX_ANNOTATED = 10  # similarity rows that still hold printed values (if they fit in the cells)
MAX_BODY = 9.0  # in: the tallest figure that still fits a 24 cm page (with the padding of a saved figure)
ROW = 0.22  # in: height of a unit row where the page leaves room


def _height(rows: int, *, fixed: float, minimum: float) -> float:
    """Figure height for `rows` unit rows plus `fixed` inches of title and axis labels, at most `MAX_BODY`."""
    row = min(ROW, (MAX_BODY - fixed) / max(1, rows))
    return max(minimum, fixed + rows * row)


def _wrap(name: str, width: int = 12) -> str:
    return textwrap.fill(str(name), width=width, break_long_words=False) or str(name)


def _side_by_side(labels) -> bool:
    """True when the given (drawn) tick labels do not touch each other."""
    labels[0].figure.draw_without_rendering()
    boxes = sorted((t.get_window_extent() for t in labels if t.get_text()), key=lambda b: b.x0)
    return all(a.x1 + 2 <= b.x0 for a, b in zip(boxes, boxes[1:]))


def _numbers_fit(ax, shape: tuple[int, int]) -> bool:
    """True when every text printed in the cells of a heatmap of `shape` (rows, columns) fits inside its cell;
    otherwise the cell texts are removed (the colours stay; the caption must point to the table)."""
    ax.figure.draw_without_rendering()
    box = ax.get_window_extent()
    width, height = box.width / max(1, shape[1]), box.height / max(1, shape[0])
    if all(t.get_window_extent().width < 0.92 * width and t.get_window_extent().height < height for t in ax.texts):
        return True
    for text in list(ax.texts):
        text.remove()
    return False


def textplot_length_by_outlet(length: pd.DataFrame, *, book):
    """Words and sentences per unit as bars in the unit colours, each labelled with its value and n articles.

    `length`: `overview.length_by_outlet` (index the unit; columns articles, words, sentences). Past `MAX_ROWS` units
    the figure continues in parts on one scale. Returns the (first) figure.
    """
    unit = book.unit_name
    panels = [("words", "Words after cleaning"), ("sentences", "Sentences (incl. headings)")]
    parts = chunks(list(length.index), MAX_ROWS)
    figs = []
    for k, chunk in enumerate(parts, 1):
        fig, axes = book.figure(height=_height(len(chunk), fixed=0.9, minimum=2.6), ncols=2, sharey=True)
        for ax, (col, xlabel) in zip(axes, panels):
            if length.empty:
                nothing_to_show(ax, "No article in this corpus.")
                continue
            part = length.loc[chunk]
            labels = [f"{int(v):,}  (n={int(n)})" for v, n in zip(part[col], part["articles"])]
            bars(ax, part[col], colors=book.colors, labels=labels, xlabel=xlabel, headroom=1.45)
            ax.set_xlim(0, (float(length[col].max()) or 1.0) * 1.45)
        axes[0].set_title(f"Article length by {unit}", loc="left")
        book.save(fig, "corpus-length-by-outlet", part=(k, len(parts)),
                  caption=f"Words and sentences per {unit} after boilerplate removal; n = number of articles.")
        figs.append(fig)
    return figs[0]


def textplot_readability_by_outlet(readability: pd.DataFrame, *, book):
    """Mean Flesch (Amstad) and Wiener Sachtextformel per unit as dots on each formula's usual range, with the central
    95% of the unit's article values as a line (none for a single article).

    `readability`: `readability.readability_by_outlet` (index the unit; columns flesch_amstad, wiener_sachtextformel
    and their `_low`/`_high` interval). Past `MAX_ROWS` units the figure continues in parts. Returns the (first) figure.
    """
    unit = book.unit_name
    panels = [
        ("flesch_amstad", "Flesch (Amstad)\nhigher = easier", (0, 100)),
        ("wiener_sachtextformel", "Wiener Sachtextformel\nschool grade", (4, 15)),
    ]
    parts = chunks(list(readability.index), MAX_ROWS)
    figs = []
    for k, chunk in enumerate(parts, 1):
        fig, axes = book.figure(height=_height(len(chunk), fixed=1.05, minimum=2.6), ncols=2, sharey=True)
        part = readability.loc[chunk]
        for ax, (col, xlabel, (lo, hi)) in zip(axes, panels):
            low, high = readability.get(f"{col}_low"), readability.get(f"{col}_high")
            values = pd.concat([readability[col], low, high]).dropna()
            xlim = (min(lo, math.floor(values.min())), max(hi, math.ceil(values.max()))) if len(values) else (lo, hi)
            low, high = (part[col] if s is None else s.loc[chunk] for s in (low, high))
            dots(ax, part[col], colors=book.colors, xlabel=xlabel, xlim=xlim, low=low, high=high)
            for y, (v, end) in enumerate(zip(part[col], high.fillna(part[col]))):
                if np.isfinite(v):  # the mean, right of the dot or its interval, on the unit's row
                    ax.annotate(f"{v:.1f}", (end, y), xytext=(6, 0), textcoords="offset points", va="center", fontsize=SMALL)
        axes[0].set_title(f"Readability by {unit}", loc="left")
        book.save(
            fig,
            "corpus-readability-by-outlet",
            part=(k, len(parts)),
            caption=f"Readability of each {unit}'s prose, mean over its articles (dot) and the central 95% of its "
            "articles' values (line; none for a single article): Amstad's Flesch adaptation (higher = easier) and the "
            "first Wiener Sachtextformel (approximate school grade).",
        )
        figs.append(fig)
    return figs[0]


def _removed_heatmap(ax, counts: pd.DataFrame, *, top: float, xticklabels, rotation: float, annotate: bool):
    shade = np.log1p(counts.astype(float))
    labels = counts.map(lambda v: f"{v:,}" if v else "·")
    heatmap(ax, shade, labels=labels, cmap="Greys", vmax=top, xticklabels=xticklabels, rotation=rotation,
            top=rotation == 90, dark_text=True, annotate=annotate)


def textplot_cleaning_removed(removed: pd.DataFrame, *, book):
    """Words removed per cleaning rule and unit, grey shading on a log scale, '·' for none.

    `removed`: `overview.removed_by_rule` (wide, rule x unit, counts). Up to `FEW_COLUMNS` units: rules as rows and
    units as columns; beyond, units as rows (continued in parts past `MAX_ROWS`) and rules as columns named upright at
    the top, with the counts printed while they fit in the cells. Returns the (first) figure.
    """
    unit = book.unit_name
    title = f"Words removed by cleaning, per rule and {unit}"
    caption = (f"Words removed from each article by the cleaning rules of the boilerplate codebook, summed per {unit} "
               "(darker = more, log scale); every removed line is listed in removed.csv and in the table "
               "corpus-removed-lines.")
    counts = removed.astype(int)
    if removed.empty or counts.shape[1] <= FEW_COLUMNS:
        fig, ax = book.figure(height=0.9 + 0.28 * max(1, len(removed)))
        if removed.empty:
            nothing_to_show(ax, "Cleaning removed nothing from these articles.")
        else:
            top = float(np.log1p(max(1, counts.to_numpy().max()))) * 1.6
            _removed_heatmap(ax, counts, top=top, xticklabels=[_wrap(u) for u in counts.columns], rotation=0, annotate=True)
        ax.set_title(title, loc="left")
        book.save(fig, "corpus-cleaning-removed", caption=caption)
        return fig
    by_unit = counts.T
    top = float(np.log1p(max(1, counts.to_numpy().max()))) * 1.6
    parts = chunks(list(by_unit.index), MAX_ROWS)
    figs = []
    for k, chunk in enumerate(parts, 1):
        fig, ax = book.figure(height=_height(len(chunk), fixed=1.6, minimum=3.0))
        _removed_heatmap(ax, by_unit.loc[chunk], top=top, xticklabels=list(by_unit.columns), rotation=90, annotate=True)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("center")
        ax.set_title(title, loc="left")
        printed = _numbers_fit(ax, by_unit.loc[chunk].shape)
        note = "" if printed else " Counts are not printed at this size (white = none): they are in removed.csv."
        book.save(fig, "corpus-cleaning-removed", caption=caption + note, part=(k, len(parts)))
        figs.append(fig)
    return figs[0]


def _similarity_cells(ax, matrix: pd.DataFrame, *, numbered: bool, annotate: bool):
    """The similarity heatmap on `ax`: columns named by the (wrapped) row names, or numbered (a label every column up
    to 20, else 1 and every fifth) with each row name ending in its number. Returns the image for the colour bar."""
    names = [str(i) for i in matrix.index]
    n = len(names)
    rows = [f"{name} ({k})" for k, name in enumerate(names, 1)] if numbered else names
    im = heatmap(ax, matrix.set_axis(rows, axis=0), fmt=lambda v: f"{v:.2f}", cmap="Blues", vmin=0.0, vmax=1.0,
                 rotation=0, annotate=annotate, xticklabels=None if numbered else [_wrap(name) for name in names])
    if numbered:
        ticks = [k for k in range(1, n + 1) if k == 1 or k % (1 if n <= 20 else 5) == 0]
        ax.set_xticks([k - 1 for k in ticks], [str(k) for k in ticks], fontsize=SMALL)
    return im


def textplot_similarity_heatmap(matrix: pd.DataFrame, *, book):
    """Heatmap of the TF-IDF cosine (0-1) between articles or units, with a colour bar.

    `matrix`: `similarity.similarity_overview`: articles x articles (index named "article") while every unit holds one
    article, else units x units (mean over article pairs; diagonal: between different articles of one unit). Up to
    `FEW_COLUMNS` rows the columns carry the (wrapped) names, beyond they are numbered and each row name ends in its
    number; cells hold their value up to `MAX_ANNOTATED` rows while it fits; past `MAX_ROWS` the units with most
    articles are drawn.
    """
    unit = book.unit_name
    per_article = matrix.index.name == "article"
    what = "articles" if per_article else f"{unit}s"
    caption = (
        "TF-IDF cosine similarity between the articles (content words, lower-cased); shared vocabulary, not "
        "necessarily shared passages."
        if per_article
        else f"Mean TF-IDF cosine similarity between the articles of two {unit}s, over every pair of their articles "
        f"(content words, lower-cased); on the diagonal the mean between different articles of one {unit} ('–' where "
        f"a {unit} has a single article). Shared vocabulary, not necessarily shared passages."
    )
    if len(matrix) > MAX_ROWS:
        counts = book.articles[book.by].value_counts()
        ranked = sorted(range(len(matrix)), key=lambda i: (-counts.get(matrix.index[i], 1), i))
        keep = [matrix.index[i] for i in sorted(ranked[:MAX_ROWS])]
        caption += (f" The {MAX_ROWS} {unit}s with the most articles are shown; {len(matrix) - MAX_ROWS:,} with fewer "
                    "are left out (the table corpus-similarity lists them all).")
        matrix = matrix.loc[keep, keep]
    n = len(matrix)
    annotate = n <= MAX_ANNOTATED
    fig, ax = book.figure(height=3.6)
    if matrix.empty:
        nothing_to_show(ax, "No article to compare.")
    elif n <= FEW_COLUMNS:
        im = _similarity_cells(ax, matrix, numbered=False, annotate=annotate)
        ax.set_aspect("equal")
    if n > FEW_COLUMNS or (n and not _side_by_side(ax.get_xticklabels())):
        fig.clear()  # the names do not fit side by side: numbered columns, each row name ends in its number
        fig.set_figheight(_height(n, fixed=1.0, minimum=3.6))
        ax = fig.add_subplot()
        im = _similarity_cells(ax, matrix, numbered=True, annotate=annotate)
        ax.set_xlabel(f"{'Article' if per_article else unit.capitalize()} (number as in the row names)")
    ax.set_title(f"Lexical similarity between {what}", loc="left")
    if n:
        fig.colorbar(im, ax=ax, label="TF-IDF cosine similarity", shrink=min(0.8, 3.0 / fig.get_figheight() + 0.2))
        if not (annotate and _numbers_fit(ax, matrix.shape)):
            caption += " Cell values are not printed at this size: they are in the table corpus-similarity."
    book.save(fig, "corpus-similarity-heatmap", caption=caption)
    return fig


MAX_SOURCES = 9  # import sources drawn by name; the rest are summed as "other sources"


def textplot_import_sources(sources: pd.DataFrame, *, book):
    """Articles per import source (bars) and per publication period, stacked by import source (one colour per
    source in both panels), so a reader sees how the sample was gathered and when its articles appeared.

    `sources`: `importer.textstat_import_sources` (tidy: import_source, import_format, period, articles). Past
    `MAX_SOURCES` sources the smallest are drawn together as "other sources". Returns the figure.
    """
    title = "Articles by import source"
    caption = ("Articles per import source (export file, address list, or 'added by hand' for files saved into the "
               "corpus folder), and per publication month (or year) stacked by import source; 'no date' collects "
               "articles whose date is unknown. Where each article came from is in the catalog's import columns.")
    if sources.empty:
        fig, ax = book.figure(height=2.0)
        nothing_to_show(ax, "No article in this corpus.")
        ax.set_title(title, loc="left")
        book.save(fig, "corpus-articles-by-import-source", caption=caption)
        return fig
    totals = sources.groupby("import_source", sort=False)["articles"].sum()
    named = list(totals.index[:MAX_SOURCES]) if len(totals) > MAX_SOURCES + 1 else list(totals.index)
    other = f"other sources ({len(totals) - len(named)})"
    label = sources["import_source"].where(sources["import_source"].isin(named), other)
    totals = sources.assign(import_source=label).groupby("import_source", sort=False)["articles"].sum()
    periods = sources.assign(import_source=label).pivot_table(index="period", columns="import_source", values="articles",
                                                             aggfunc="sum", fill_value=0, sort=False)
    dated = sorted(p for p in periods.index if p != "no date")
    periods = periods.reindex(dated + [p for p in periods.index if p == "no date"])[list(totals.index)]

    colors = category_colors(list(totals.index))
    rows = max(len(totals), len(periods))
    fig, axes = book.figure(height=_height(rows, fixed=1.0, minimum=2.0), ncols=2, gridspec_kw={"width_ratios": [1, 1.25]})
    totals.index = [_wrap(s, 24) for s in totals.index]
    bars(axes[0], totals, colors={_wrap(k, 24): v for k, v in colors.items()}, labels=[f"{int(v):,}" for v in totals],
         xlabel="Articles", headroom=1.3)
    ends = [f"{int(v):,}" for v in periods.sum(axis=1)]
    stacked_bars(axes[1], periods, colors=colors, ends=ends)
    axes[1].set_xlabel("Articles per publication period")
    axes[0].set_title(title, loc="left")
    book.save(fig, "corpus-articles-by-import-source", caption=caption)
    return fig
