"""Figures of notebook 03_framing: frames, hedging, headline features, distinctive words and topics by unit.

Each function takes the table behind its figure (from `analysis.framing`, or the extract's `keyness`,
`topic_shares` and `topics` tables), draws it with the primitives in `base` and saves it through the
`FigureBook`. The comparison unit (outlet, or the catalog column the book compares: `book.by`) names the rows,
captions and axis titles (`book.unit_name`); units keep their colours; hedge kinds, headline features and topics
use `base.category_colors`.

Every figure takes 1 to 50 units and more: past a few units the frame heatmap turns units into rows and, past
`ANNOTATE_MAX`, drops its cell numbers; bar charts shrink their rows to fit one page; the distinctive words
continue on further pages (`PANELS_PER_PAGE` units a page).
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .. import frames_model, framing
from . import base

# Hedge categories of hedges.yaml as the figure names them (others keep their id).
HEDGE_LABELS = {
    "reportative_modal": "reportative soll/sollen",
    "hedge_adverb": "evidential adverb",
    "epistemic_modal": "epistemic dürfte/könnte",
    "konjunktiv_i": "Konjunktiv I",
}
HEADLINE_FEATURES = {"questions": "questions (?)", "exclamations": "exclamations (!)", "escalation_words": "escalation words"}
TIE_LINE = 1.96  # |z| conventionally read as distinctive
WIDE_MAX = 6  # frame heatmap: up to this many units as columns (names wrapped above them), more as rows
ANNOTATE_MAX = 20  # frame heatmap: cell numbers up to this many units; beyond, colours only (the table keeps them)
GROUPED_MAX = 8  # headline features: grouped bars per unit up to this many units, then one panel per feature
PANELS_PER_PAGE = 10  # distinctive words: units per page (2 columns x 5 rows); more units continue on further pages
SMALL_MULTIPLES_3 = 6  # distinctive words: three panels a row up to this many units (two rows), then two a row
ROWS_PAGE = 7.2  # inches of a page's height that rows of units may take (the rest: legends, axis titles)
CHAR_IN = 0.072  # inches per character of 8 pt tick text (generous, for fitting names into columns)


def _unit_rows(index, book) -> list[str]:
    """Units of `index` in catalog order (units the book does not know at the end)."""
    present = list(dict.fromkeys(index))
    return [u for u in book.units if u in present] + [u for u in present if u not in book.units]


def _row_height(n: int, most: float, least: float = 0.15) -> float:
    """Inches per unit row: `most` while the rows fit `ROWS_PAGE`, then less, down to `least` (7 pt text still fits)."""
    return max(least, min(most, ROWS_PAGE / max(1, n)))


def _wrap_to_width(text: str, inches: float, *, size: float = 8, weight: str = "bold") -> str:
    """`text` broken between words into lines at most `inches` wide in the suite's font (measured, not counted);
    a no-break space keeps its neighbours together. A word wider than `inches` gets a line of its own."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(family="DejaVu Sans", weight=weight, size=size)
    measure = TextToPath()
    lines: list[str] = []
    for word in text.split(" "):
        wider = f"{lines[-1]} {word}" if lines else word
        if lines and measure.get_text_width_height_descent(wider, font, ismath=False)[0] <= inches * 72:
            lines[-1] = wider
        else:
            lines.append(word)
    return "\n".join(lines)


def _grouped_bars(ax, values: pd.DataFrame, *, colors: dict[str, str], labels: dict[str, str]) -> None:
    """One horizontal bar per column within each row's group (rows top to bottom), each labelled with its count.
    (A private primitive: `base.bars` draws one bar per row.)"""
    width = 0.8 / max(1, len(values.columns))
    for k, col in enumerate(values.columns):
        ys = np.arange(len(values)) + (k - (len(values.columns) - 1) / 2) * width
        drawn = ax.barh(ys, values[col].to_numpy(dtype=float), height=width, color=colors[col], label=labels.get(col, col))
        ax.bar_label(drawn, labels=[f"{int(v):,}" for v in values[col]], padding=2, fontsize=base.SMALL)
    ax.set_yticks(np.arange(len(values)), [str(i) for i in values.index])
    ax.set_ylim(len(values) - 0.5, -0.5)


# --------------------------------------------------------------------------- figures


def _wide_ticks(units: list[str]) -> list[str] | None:
    """Unit names wrapped to fit above their heatmap column, or None when some word would not fit (then units
    become rows)."""
    if not 0 < len(units) <= WIDE_MAX:
        return None
    chars = int(3.6 / len(units) / CHAR_IN)
    if any(len(word) > chars for u in units for word in u.split()):
        return None
    return ["\n".join(textwrap.wrap(u, chars, break_long_words=False)) for u in units]


def textplot_frames_by_outlet(by_outlet: pd.DataFrame, *, book, codebook: pd.DataFrame | None = None):
    """Heatmap `framing-frames-by-outlet`: share of each unit's sentences showing each frame, in per cent.

    Up to `WIDE_MAX` units (whose names fit) the units are columns and the frames rows (generic frames above the
    line, issue frames below); with more units, the units are rows in catalog order and the frames columns
    (generic left of the line). Past `ANNOTATE_MAX` units the cells carry no numbers (the table keeps them).
    `by_outlet`: `framing.frames_by_outlet(frames, sentences, articles, by=book.by)`; `codebook`:
    `framing.frame_table()` (frame order, labels and types; default: the installed codebook).
    """
    codebook = framing.frame_table() if codebook is None else codebook
    by, unit = book.by, book.unit_name
    units = _unit_rows(by_outlet[by], book)
    grid = framing.frame_share_table(by_outlet, by=by, frame_ids=list(codebook["frame"])).T.reindex(columns=units)
    frames = list(grid.index)
    labels = dict(zip(codebook["frame"], codebook["label"]))
    grid.index = [labels.get(f, f) for f in frames]
    n = by_outlet.groupby(by)["sentences"].first()
    generic = sum(codebook.set_index("frame").at[f, "type"] == "generic" for f in frames)
    split = 0 < generic < len(frames)
    wide = _wide_ticks(units)
    annotate = len(units) <= ANNOTATE_MAX
    model = frames_model.load_model()
    learned = f", {', '.join(model.frames)} by a classifier trained on blind-coded sentences" if model and model.frames else ""
    caption = (
        f"Share of each {unit}'s sentences in which the frame tagger finds a frame (%, several frames per "
        f"sentence possible; n = sentences, credit lines left out): word families of the frame codebook{learned}. "
        "Generic frames after Semetko & Valkenburg (2000), then issue frames of this story."
    )
    if grid.empty:
        fig, ax = book.figure(height=0.24 * max(1, len(frames)) + 1.3)
        base.nothing_to_show(ax, "No sentences to tag with frames.")
    elif wide is not None:
        fig, ax = book.figure(height=0.24 * len(frames) + 1.3)
        ticks = [f"{t}\n(n={int(n[u]):,})" for t, u in zip(wide, units)]
        im = base.heatmap(ax, grid, fmt=lambda v: f"{v:.0f}", cmap="Blues", vmin=0, vmax=100, xticklabels=ticks, rotation=0, top=True)
        if split:
            ax.axhline(generic - 0.5, color="black", lw=1)
        ax.set_ylabel("Frame (above the line: generic; below: issue frames)")
    else:
        row = _row_height(len(units), 0.24)
        fig, ax = book.figure(height=row * len(units) + 2.0)
        frame_ticks = ["\n".join(textwrap.wrap(f, 25)) for f in grid.index]
        im = base.heatmap(ax, grid.T, fmt=lambda v: f"{v:.0f}", cmap="Blues", vmin=0, vmax=100, xticklabels=frame_ticks,
                          rotation=90, top=True, annotate=annotate)
        for tick in ax.get_xticklabels():  # upright names read bottom to top, centred on their column
            tick.set(horizontalalignment="center", fontsize=base.SMALL)
        ax.set_yticks(range(len(units)), [f"{u} (n={int(n[u]):,})" for u in units])
        if row < 0.2:
            ax.tick_params(axis="y", labelsize=base.SMALL)
        if split:
            ax.axvline(generic - 0.5, color="black", lw=1)
        ax.set_xlabel("Frame (left of the line: generic; right: issue frames)")
        if not annotate:
            caption += f" Colours only at {len(units)} {unit}s: the numbers are in the notebook (`framing.frame_share_table`)."
    if not grid.empty:
        cbar = fig.colorbar(im, ax=ax, shrink=0.6 if wide is not None else min(0.6, 3.0 / fig.get_figheight()), pad=0.02)
        cbar.set_label("Sentences with the frame (%)")
        cbar.outline.set_visible(False)
    book.save(fig, "framing-frames-by-outlet", caption=caption)
    return fig


def textplot_hedging_by_outlet(rates: pd.DataFrame, *, book, labels: dict[str, str] | None = None):
    """Stacked bars `framing-hedging-by-outlet`: hedges per 1,000 words by category (left) and certainty markers
    per 1,000 words (right) per unit (rows in catalog order, thinner with many units), raw counts in brackets.

    `rates`: `framing.hedging_rates(hedging, sentences, articles, by=book.by)`.
    """
    labels = {**HEDGE_LABELS, **(labels or {})}
    by, unit = book.by, book.unit_name
    units = _unit_rows(rates[by], book)
    hedges = [c for c in dict.fromkeys(rates.loc[rates["kind"] == "hedge", "category"]) if not c.startswith("all")]
    per_1000 = rates.pivot(index=by, columns="category", values="per_1000_words").reindex(units)
    counts = rates.pivot(index=by, columns="category", values="n").reindex(units)
    words = rates.groupby(by)["words"].first().reindex(units)
    colors = base.category_colors([*hedges, "certainty"])
    row = _row_height(len(units), 0.3)
    fig, (left, right) = book.figure(height=row * max(1, len(units)) + 1.7, ncols=2, gridspec_kw={"width_ratios": [2.2, 1]}, sharey=True)
    if per_1000.empty:
        base.nothing_to_show(left, "No words to count markers in.")
        right.axis("off")
    else:
        per_1000.index = [f"{u} ({int(w):,} words)" for u, w in zip(units, words)]
        totals = per_1000[hedges].sum(axis=1)
        ends = [f"{t:.0f} ({int(n):,})" for t, n in zip(totals, counts["all hedges"])]
        base.stacked_bars(left, per_1000[hedges], colors=colors, legend_labels=labels, ends=ends)
        left.set_xlabel("Hedges per 1,000 words (count)")
        handles, names = left.get_legend_handles_labels()  # above both panels: long unit names leave the left one narrow
        fig.legend(handles, names, loc="outside upper left", ncols=2, fontsize=base.SMALL)
        certainty = per_1000["all certainty"] if "all certainty" in per_1000 else pd.Series(0.0, index=per_1000.index)
        n_certain = counts["all certainty"] if "all certainty" in counts else pd.Series(0, index=counts.index)
        base.bars(right, certainty, colors=colors["certainty"], labels=[f"{v:.0f} ({int(n):,})" for v, n in zip(certainty, n_certain)],
                  xlabel="Certainty per 1,000\nwords (count)", headroom=1.5)
        right.xaxis.set_major_locator(MaxNLocator(nbins=3))
        right.tick_params(axis="y", labelleft=False)
        if row < 0.2:
            left.tick_params(axis="y", labelsize=base.SMALL)
    book.save(
        fig,
        "framing-hedging-by-outlet",
        caption="Hedging (reportative soll, evidential adverbs, epistemic modals, Konjunktiv I) and certainty markers "
        f"per 1,000 words per {unit}; raw counts in brackets.",
    )
    return fig


def textplot_headline_features(counts: pd.DataFrame, *, book):
    """`framing-headline-features`: questions, exclamations and escalation words in each unit's display lines
    (kicker, headline, subheadings, lead), with the number of display lines (and articles). Up to `GROUPED_MAX`
    units: grouped bars per unit; more: one panel per feature, units as rows in catalog order.

    `counts`: `framing.headline_counts(headlines, articles, by=book.by)`.
    """
    by, unit = book.by, book.unit_name
    table = counts.set_index(by).reindex(_unit_rows(counts[by], book))
    features = list(HEADLINE_FEATURES)
    colors = base.category_colors(features)
    grouped = len(table) <= GROUPED_MAX
    if grouped:
        counted = [f"({int(n):,} display lines" + (f", {int(a):,} articles)" if a > 1 else ")")
                   for n, a in zip(table["display_lines"], table["articles"])]
        table.index = [f"{u} {c}" if len(u) + len(c) < 35 else f"{u}\n{c}" for u, c in zip(table.index, counted)]
        fig, ax = book.figure(height=0.5 * max(1, len(table)) + 0.9)
        axes = [ax]
    else:
        table.index = [f"{u} ({int(n):,} lines, {int(a):,} art.)" for u, n, a in zip(table.index, table["display_lines"], table["articles"])]
        row = _row_height(len(table), 0.3)
        fig, axes = book.figure(height=row * len(table) + 1.1, ncols=len(features), sharey=True)
    if table.empty:
        base.nothing_to_show(axes[0], "No display lines.")
    elif grouped:
        _grouped_bars(ax, table[features], colors=colors, labels=HEADLINE_FEATURES)
        fig.supxlabel("Count in the article's display lines (kicker, headline, subheadings, lead)", fontsize=9)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0, max(1, float(table[features].to_numpy().max())) * 1.1)
        fig.legend(*ax.get_legend_handles_labels(), loc="outside upper left", ncols=3)
    else:
        top = max(1.0, float(table[features].to_numpy().max()))
        for ax, feature in zip(axes, features):
            base.bars(ax, table[feature], colors=colors[feature], labels=[f"{int(v):,}" for v in table[feature]],
                      xlabel=HEADLINE_FEATURES[feature].capitalize())
            ax.set_xlim(0, top * 1.3)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
            ax.tick_params(axis="y", labelsize=base.SMALL)
        fig.supxlabel("Count in the display lines (kicker, headline, subheadings, lead)", fontsize=9)
    book.save(
        fig,
        "framing-headline-features",
        caption=f"Questions, exclamations and escalation words in the display lines of each {unit}'s articles (counts; "
        "number of display lines and articles in brackets).",
    )
    return fig


def textplot_distinctive_terms(keyness: pd.DataFrame, *, book, top: int = 8) -> list:
    """Small multiples `framing-distinctive-terms`: each unit's `top` most distinctive words by log-odds z (bars in
    the unit's colour, labelled with the word's count in the unit), dashed line at z = 1.96; one z scale for all.
    Up to `SMALL_MULTIPLES_3` units three panels a row, more two a row; up to `PANELS_PER_PAGE` units on one page,
    more continue on further pages (`-part2`, ...), units in catalog order. Returns the figures, one per page.

    `keyness`: the extract's `keyness` table (`keywords.textstat_keyness`, units in the column `book.by`).
    """
    by, unit = book.by, book.unit_name
    shown = keyness[keyness["rank"] <= top]
    units = _unit_rows(shown[by], book)
    caption = (
        f"Most distinctive words per {unit} against all other {unit}s: weighted log-odds with informative Dirichlet "
        f"prior (Monroe et al. 2008), z-scores; number = occurrences in the {unit}; dashed line: z = 1.96."
    )
    if shown.empty:
        fig, ax = book.figure(height=1.2)
        base.nothing_to_show(ax, f"Distinctive words need at least two {unit}s with shared words.")
        book.save(fig, "framing-distinctive-terms", caption=caption)
        return [fig]
    n_parts = math.ceil(len(units) / PANELS_PER_PAGE)
    per_part = math.ceil(len(units) / n_parts)
    ncols = min(3 if len(units) <= SMALL_MULTIPLES_3 else 2, len(units))
    n_articles = book.articles.groupby(by).size()
    z_max = max(2.0, float(shown["z"].max()) * 1.15)
    z_min = min(0.0, float(shown["z"].min()) * 1.15)
    figs = []
    for k in range(n_parts):
        part = units[k * per_part:(k + 1) * per_part]
        nrows = math.ceil(len(part) / ncols)
        fig, axes = book.figure(height=(2.3 if nrows <= 2 else 1.8) * nrows, nrows=nrows, ncols=ncols, squeeze=False)
        axes = axes.ravel()
        for ax, name in zip(axes, part):
            d = shown[shown[by] == name].sort_values("rank")
            base.bars(ax, d.set_index("term")["z"], colors=book.colors.get(name, "0.4"), labels=[f"{n:,}" for n in d["count"]],
                      xlabel="z (log-odds)")
            ax.set_xlim(z_min, z_max)
            ax.axvline(TIE_LINE, color="grey", lw=0.6, ls="--")
            ax.tick_params(axis="y", labelsize=base.SMALL)
            title = f"{name} (n={int(n_articles.get(name, 0)):,}\u00a0art.)"  # the count stays on one line
            # Narrower than the panel, so neighbouring titles (centred on axes that long words push aside) keep apart.
            ax.set_title(_wrap_to_width(title, 1.6 if ncols == 3 else 2.4), fontsize=8)
        spare = axes[len(part):]
        for ax in spare:
            ax.axis("off")
        if len(spare):
            spare[0].text(0, 0.5, f"Bar label: count of the word\nin the {unit}. Dashed line:\nz = 1.96.", fontsize=base.SMALL, va="center")
        book.save(fig, "framing-distinctive-terms", caption=caption, part=(k + 1, n_parts))
        figs.append(fig)
    return figs


def textplot_topics_by_outlet(topic_shares: pd.DataFrame, topics: pd.DataFrame, *, book):
    """100 % bars `framing-topics-by-outlet`: share of each unit's sentences by dominant NMF topic (units as rows in
    catalog order, thinner with many units), topics named by their top three words; n = sentences with a topic.

    `topic_shares`, `topics`: the extract's tables of those names (`topics.textstat_topics`, units in `book.by`).
    """
    by, unit = book.by, book.unit_name
    caption = (
        f"Share of each {unit}'s sentences by dominant NMF topic (TF-IDF over sentences, {len(topics)} topics, "
        "random_state=0); topics named by their top three words; n = sentences with a topic."
    )
    units = _unit_rows(topic_shares[by], book)
    row = _row_height(len(units), 0.35)
    fig, ax = book.figure(height=row * max(1, len(units)) + 1.45)
    if topic_shares.empty:
        base.nothing_to_show(ax, "Too few shared words in this corpus to fit topics.")
    else:
        labels = dict(zip(topics["topic"], topics["label"]))
        wide = topic_shares.pivot(index=by, columns="topic", values="share").reindex(index=units).fillna(0.0)
        totals = topic_shares.groupby(by)["n"].sum().reindex(units)
        wide.index = [f"{u} (n={int(n):,})" for u, n in zip(units, totals)]
        wide.columns = [labels.get(t, f"T{t + 1}") for t in wide.columns]
        base.stacked_shares(ax, wide, colors=base.category_colors(list(wide.columns)), min_label=8,
                            xlabel=f"Share of the {unit}'s sentences by dominant topic (%)", legend_cols=2)
        if row < 0.2:
            ax.tick_params(axis="y", labelsize=base.SMALL)
    book.save(fig, "framing-topics-by-outlet", caption=caption)
    return fig
