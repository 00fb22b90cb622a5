"""Figures of notebook 03_framing: frames, hedging, headline features, distinctive words and topics by outlet.

Each function takes the table behind its figure (from `analysis.framing`, or the extract's `keyness`,
`topic_shares` and `topics` tables), draws it with the primitives in `base` and saves it through the
`FigureBook`. Outlets keep their colours; hedge kinds, headline features and topics use `base.category_colors`.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .. import framing
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


def _outlet_rows(index, book) -> list[str]:
    """Outlets of `index` in catalog order (outlets the book does not know at the end)."""
    present = list(dict.fromkeys(index))
    return [o for o in book.outlets if o in present] + [o for o in present if o not in book.outlets]


def _grouped_bars(ax, values: pd.DataFrame, *, colors: dict[str, str], labels: dict[str, str]) -> None:
    """One horizontal bar per column within each row's group (rows top to bottom), each labelled with its count.
    (A private primitive: `base.bars` draws one bar per row.)"""
    width = 0.8 / max(1, len(values.columns))
    for k, col in enumerate(values.columns):
        ys = np.arange(len(values)) + (k - (len(values.columns) - 1) / 2) * width
        drawn = ax.barh(ys, values[col].to_numpy(dtype=float), height=width, color=colors[col], label=labels.get(col, col))
        ax.bar_label(drawn, labels=[f"{int(v)}" for v in values[col]], padding=2, fontsize=base.SMALL)
    ax.set_yticks(np.arange(len(values)), [str(i) for i in values.index])
    ax.set_ylim(len(values) - 0.5, -0.5)


# --------------------------------------------------------------------------- figures


def textplot_frames_by_outlet(by_outlet: pd.DataFrame, *, book, codebook: pd.DataFrame | None = None):
    """Heatmap `framing-frames-by-outlet`: share of each outlet's sentences (columns) showing each frame (rows,
    generic frames above the line, issue frames below), in per cent.

    `by_outlet`: `framing.frames_by_outlet(frames, sentences, articles)`; `codebook`: `framing.frame_table()`
    (frame order, labels and types; default: the installed codebook).
    """
    codebook = framing.frame_table() if codebook is None else codebook
    outlets = _outlet_rows(by_outlet["outlet_label"], book)
    frames = [f for f in codebook["frame"] if f in set(by_outlet["frame"])]
    labels = dict(zip(codebook["frame"], codebook["label"]))
    grid = by_outlet.pivot(index="frame", columns="outlet_label", values="share").reindex(index=frames, columns=outlets)
    n = by_outlet.groupby("outlet_label")["sentences"].first()
    fig, ax = book.figure(height=0.24 * max(1, len(frames)) + 1.3)
    if grid.empty:
        base.nothing_to_show(ax, "No sentences to tag with frames.")
    else:
        ticks = ["\n".join(textwrap.wrap(o, 10)) + f"\n(n={int(n[o])})" for o in outlets]
        grid.index = [labels.get(f, f) for f in frames]
        im = base.heatmap(ax, grid * 100, fmt=lambda v: f"{v:.0f}", cmap="Blues", vmin=0, vmax=100, xticklabels=ticks, rotation=0, top=True)
        generic = [f for f in frames if codebook.set_index("frame").at[f, "type"] == "generic"]
        if 0 < len(generic) < len(frames):
            ax.axhline(len(generic) - 0.5, color="black", lw=1)
        ax.set_ylabel("Frame (above the line: generic; below: issue frames)")
        cbar = fig.colorbar(im, ax=ax, shrink=0.6, pad=0.02)
        cbar.set_label("Sentences with the frame (%)")
        cbar.outline.set_visible(False)
    book.save(
        fig,
        "framing-frames-by-outlet",
        caption="Share of each outlet's sentences in which the frame dictionary finds a frame (%, several frames per "
        "sentence possible; n = sentences, credit lines left out). Generic frames after Semetko & Valkenburg (2000), "
        "then issue frames of this story.",
    )
    return fig


def textplot_hedging_by_outlet(rates: pd.DataFrame, *, book, labels: dict[str, str] | None = None):
    """Stacked bars `framing-hedging-by-outlet`: hedges per 1,000 words by category (left) and certainty markers
    per 1,000 words (right) per outlet, raw counts in brackets.

    `rates`: `framing.hedging_rates(hedging, sentences, articles)`.
    """
    labels = {**HEDGE_LABELS, **(labels or {})}
    outlets = _outlet_rows(rates["outlet_label"], book)
    hedges = [c for c in dict.fromkeys(rates.loc[rates["kind"] == "hedge", "category"]) if not c.startswith("all")]
    per_1000 = rates.pivot(index="outlet_label", columns="category", values="per_1000_words").reindex(outlets)
    counts = rates.pivot(index="outlet_label", columns="category", values="n").reindex(outlets)
    words = rates.groupby("outlet_label")["words"].first().reindex(outlets)
    colors = base.category_colors([*hedges, "certainty"])
    fig, (left, right) = book.figure(height=0.3 * max(1, len(outlets)) + 1.7, ncols=2, gridspec_kw={"width_ratios": [2.2, 1]}, sharey=True)
    if per_1000.empty:
        base.nothing_to_show(left, "No words to count markers in.")
        right.axis("off")
    else:
        per_1000.index = [f"{o} ({int(w)} words)" for o, w in zip(outlets, words)]
        totals = per_1000[hedges].sum(axis=1)
        ends = [f"{t:.0f} ({int(n)})" for t, n in zip(totals, counts["all hedges"])]
        base.stacked_bars(left, per_1000[hedges], colors=colors, legend_labels=labels, ends=ends)
        left.set_xlabel("Hedges per 1,000 words (count)")
        left.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, fontsize=base.SMALL)
        certainty = per_1000["all certainty"] if "all certainty" in per_1000 else pd.Series(0.0, index=per_1000.index)
        n_certain = counts["all certainty"] if "all certainty" in counts else pd.Series(0, index=counts.index)
        base.bars(right, certainty, colors=colors["certainty"], labels=[f"{v:.0f} ({int(n)})" for v, n in zip(certainty, n_certain)],
                  xlabel="Certainty per 1,000\nwords (count)", headroom=1.5)
        right.tick_params(axis="y", labelleft=False)
    book.save(
        fig,
        "framing-hedging-by-outlet",
        caption="Hedging (reportative soll, evidential adverbs, epistemic modals, Konjunktiv I) and certainty markers "
        "per 1,000 words per outlet; raw counts in brackets.",
    )
    return fig


def textplot_headline_features(counts: pd.DataFrame, *, book):
    """Grouped bars `framing-headline-features`: questions, exclamations and escalation words in each outlet's
    display lines (kicker, headline, subheadings, lead), with the number of display lines (and articles).

    `counts`: `framing.headline_counts(headlines, articles)`.
    """
    table = counts.set_index("outlet_label").reindex(_outlet_rows(counts["outlet_label"], book))
    table.index = [
        f"{o} ({int(n)} display lines" + (f", {int(a)} articles)" if a > 1 else ")")
        for o, n, a in zip(table.index, table["display_lines"], table["articles"])
    ]
    features = list(HEADLINE_FEATURES)
    fig, ax = book.figure(height=0.5 * max(1, len(table)) + 0.9)
    if table.empty:
        base.nothing_to_show(ax, "No display lines.")
    else:
        _grouped_bars(ax, table[features], colors=base.category_colors(features), labels=HEADLINE_FEATURES)
        ax.set_xlabel("Count in the article's display lines (kicker, headline, subheadings, lead)")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0, max(1, float(table[features].to_numpy().max())) * 1.1)
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3)
    book.save(
        fig,
        "framing-headline-features",
        caption="Questions, exclamations and escalation words in each article's display lines (counts; number of "
        "display lines in brackets).",
    )
    return fig


def textplot_distinctive_terms(keyness: pd.DataFrame, *, book, top: int = 8):
    """Small multiples `framing-distinctive-terms`: each outlet's `top` most distinctive words by log-odds z (bars in
    the outlet's colour, labelled with the word's count in the outlet), dashed line at z = 1.96.

    `keyness`: the extract's `keyness` table (`keywords.textstat_keyness`).
    """
    shown = keyness[keyness["rank"] <= top]
    outlets = _outlet_rows(shown["outlet_label"], book)
    caption = (
        "Most distinctive words per outlet against all other outlets: weighted log-odds with informative Dirichlet "
        "prior (Monroe et al. 2008), z-scores; number = occurrences in the outlet; dashed line: z = 1.96."
    )
    if shown.empty:
        fig, ax = book.figure(height=1.2)
        base.nothing_to_show(ax, "Distinctive words need at least two outlets with shared words.")
        book.save(fig, "framing-distinctive-terms", caption=caption)
        return fig
    ncols = min(3, len(outlets))
    nrows = math.ceil(len(outlets) / ncols)
    fig, axes = book.figure(height=2.3 * nrows, nrows=nrows, ncols=ncols, squeeze=False)
    axes = axes.ravel()
    n_articles = book.articles.groupby("outlet_label").size()
    z_max = max(2.0, float(shown["z"].max()) * 1.15)
    z_min = min(0.0, float(shown["z"].min()) * 1.15)
    for ax, outlet in zip(axes, outlets):
        d = shown[shown["outlet_label"] == outlet].sort_values("rank")
        base.bars(ax, d.set_index("term")["z"], colors=book.colors.get(outlet, "0.4"), labels=[str(n) for n in d["count"]], xlabel="z (log-odds)")
        ax.set_xlim(z_min, z_max)
        ax.axvline(TIE_LINE, color="grey", lw=0.6, ls="--")
        ax.tick_params(axis="y", labelsize=base.SMALL)
        ax.set_title(f"{outlet} (n={int(n_articles.get(outlet, 0))} art.)", fontsize=8)
    spare = axes[len(outlets):]
    for ax in spare:
        ax.axis("off")
    if len(spare):
        spare[0].text(0, 0.5, "Bar label: count of the word\nin the outlet. Dashed line:\nz = 1.96.", fontsize=base.SMALL, va="center")
    book.save(fig, "framing-distinctive-terms", caption=caption)
    return fig


def textplot_topics_by_outlet(topic_shares: pd.DataFrame, topics: pd.DataFrame, *, book):
    """100 % bars `framing-topics-by-outlet`: share of each outlet's sentences by dominant NMF topic, topics named by
    their top three words; n = sentences with a topic.

    `topic_shares`, `topics`: the extract's tables of those names (`topics.textstat_topics`).
    """
    caption = (
        f"Share of each outlet's sentences by dominant NMF topic (TF-IDF over sentences, {len(topics)} topics, "
        "random_state=0); topics named by their top three words; n = sentences with a topic."
    )
    fig, ax = book.figure(height=0.35 * max(1, topic_shares["outlet_label"].nunique()) + 1.45)
    if topic_shares.empty:
        base.nothing_to_show(ax, "Too few shared words in this corpus to fit topics.")
    else:
        labels = dict(zip(topics["topic"], topics["label"]))
        outlets = _outlet_rows(topic_shares["outlet_label"], book)
        wide = topic_shares.pivot(index="outlet_label", columns="topic", values="share").reindex(index=outlets).fillna(0.0)
        totals = topic_shares.groupby("outlet_label")["n"].sum().reindex(outlets)
        wide.index = [f"{o} (n={int(n)})" for o, n in zip(outlets, totals)]
        wide.columns = [labels.get(t, f"T{t + 1}") for t in wide.columns]
        base.stacked_shares(ax, wide, colors=base.category_colors(list(wide.columns)), min_label=8,
                            xlabel="Share of the outlet's sentences by dominant topic (%)", legend_cols=2)
    book.save(fig, "framing-topics-by-outlet", caption=caption)
    return fig
