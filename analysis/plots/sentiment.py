"""Figures of notebook 02 (sentiment): tone by outlet, toward actors, along the article, escalation vocabulary,
and the two measures against each other.

Each `textplot_<figure>` takes the table(s) that `analysis.sentiment` computes from the extract's tables, draws
it with the suite's primitives and saves it through the notebook's `FigureBook`; it computes no number that is
not in its input.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from .. import sentiment as S
from ..figures import FigureBook
from . import base

_MEASURES = (  # column, neutral band of the label, axis title
    ("textblob_polarity", S.TEXTBLOB_NEUTRAL, "textblob-de polarity"),
    ("sentiws_score", S.SENTIWS_NEUTRAL, "SentiWS score (sum of weights / √words)"),
)


def _outlets(book: FigureBook, present) -> list[str]:
    """The outlets of `present` (a column of labels) in the book's catalog order; unknown labels last."""
    present = list(dict.fromkeys(present))
    return [o for o in book.outlets if o in present] + [o for o in present if o not in book.outlets]


def _color(book: FigureBook, outlet: str) -> str:
    return book.colors.get(outlet, base.MISSING_COLOR)


def _ticks_inside(ax, *, x: bool = True, y: bool = False) -> None:
    """Fix the numeric ticks to those inside the axis limits: matplotlib also lays out (undrawn) tick labels just
    outside them, which a layout check would count as overlapping the neighbouring panel's labels."""
    for on, axis, (lo, hi) in ((x, ax.xaxis, ax.get_xlim()), (y, ax.yaxis, ax.get_ylim())):
        if on:
            lo, hi = min(lo, hi), max(lo, hi)
            axis.set_ticks([t for t in axis.get_ticklocs() if lo - 1e-9 <= t <= hi + 1e-9])


# --------------------------------------------------------------------------- tone of sentences by outlet


def textplot_distribution_by_outlet(tone: pd.DataFrame, *, book: FigureBook, by: str = "outlet_label"):
    """Every sentence's tone per outlet (strip + box), textblob-de left and SentiWS right, with the neutral bands.

    `tone`: `sentiment.tone_by_outlet` (one row per sentence of the outlets' own text).
    """
    outlets = _outlets(book, tone[by])
    fig, axes = book.figure(height=0.55 * max(len(outlets), 1) + 1.4, ncols=2, sharey=True)
    rng = np.random.default_rng(7)
    for ax, (col, bound, title) in zip(axes, _MEASURES):
        data = [tone.loc[tone[by] == o, col].to_numpy(dtype=float) for o in outlets]
        ax.axvspan(-bound, bound, color="0.9", zorder=0)
        ax.boxplot(data, orientation="horizontal", positions=range(len(outlets)), widths=0.5, showfliers=False,
                   medianprops={"color": "black"}, boxprops={"color": "0.4"}, whiskerprops={"color": "0.4"},
                   capprops={"color": "0.4"})
        for i, (o, d) in enumerate(zip(outlets, data)):
            ax.scatter(d, i + rng.uniform(-0.18, 0.18, len(d)), s=9, color=_color(book, o), alpha=0.75, zorder=3, linewidths=0)
        ax.set_xlabel(title)
        ax.axvline(0, color="0.5", lw=0.6)
    lim = max(float(tone["sentiws_score"].abs().max()) if len(tone) else 0.0, 0.1) * 1.1
    axes[1].set_xlim(-lim, lim)
    axes[0].set_xlim(-1.05, 1.05)
    for ax in axes:
        _ticks_inside(ax)
    n = tone.groupby(by).size()
    axes[0].set_yticks(range(len(outlets)), [f"{o}\n(n = {n.get(o, 0)} sentences)" for o in outlets])
    axes[0].set_ylim(len(outlets) - 0.5, -0.5)
    book.save(fig, "sentiment-distribution-by-outlet",
              caption="Tone of every sentence by outlet, by textblob-de (left) and SentiWS with negation (right); boxes span "
                      "the middle half, the grey band is the neutral band of the labels.")
    return fig


# --------------------------------------------------------------------------- tone toward each actor


def _diverging_heatmap(ax, values: pd.DataFrame, labels: pd.DataFrame, *, vmax: float, empty: pd.DataFrame):
    """`base.heatmap` on a red-blue scale centred on 0: empty cells grey with the text of `empty`, dark text only
    where the colour is dark at either end."""
    ax.set_facecolor("0.88")  # masked (empty) cells show the axes' background
    few = len(values.columns) <= 6  # outlet names wrapped under their column, else set vertically
    names = [textwrap.fill(str(c), 14) if few else str(c) for c in values.columns]
    im = base.heatmap(ax, values, labels=labels, cmap="RdBu", vmin=-vmax, vmax=vmax, xticklabels=names,
                      rotation=0 if few else 90)
    data = values.to_numpy(dtype=float)
    for text in ax.texts:
        j, i = (int(round(c)) for c in text.get_position())
        v = data[i, j]
        if np.isnan(v):
            text.set_text(str(empty.iat[i, j]))
        text.set_color("white" if np.isfinite(v) and abs(v) > 0.7 * vmax else "black")
    return im


def textplot_actor_by_outlet(
    tone: pd.DataFrame, *, book: FigureBook, actors: list[str] | None = None, min_sentences: int = S.MIN_SENTENCES,
    by: str = "outlet_label",
):
    """Mean SentiWS tone of the sentences naming each actor (rows, codebook order `actors`) per outlet (columns),
    with the number of sentences; cells with fewer than `min_sentences` are grey and show only n.

    `tone`: `sentiment.actor_tone` (measure sentiws_score).
    """
    wide = S.actor_tone_table(tone, actors=actors, outlets=_outlets(book, tone[by]), min_sentences=min_sentences, by=by)
    mean, n = wide["mean"], wide["n"]
    fig, ax = book.figure(height=0.5 * max(len(mean), 1) + 1.6)
    if mean.empty:
        ax.text(0.5, 0.5, "No sentence names an actor of the codebook.", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    else:
        shown = mean.to_numpy(dtype=float)
        vmax = max(0.1, float(np.nanmax(np.abs(shown)))) if np.isfinite(shown).any() else 0.1
        labels = pd.DataFrame(
            [[f"{m:+.3f}\nn = {k}" for m, k in zip(mrow, krow)] for mrow, krow in zip(shown, n.to_numpy())],
            index=mean.index, columns=mean.columns,
        )
        im = _diverging_heatmap(ax, mean, labels, vmax=vmax, empty=n.map(lambda k: f"n = {k}"))
        fig.colorbar(im, ax=ax, label="mean SentiWS score of sentences naming the actor", shrink=0.9)
    book.save(fig, "sentiment-actor-by-outlet",
              caption=f"Mean SentiWS tone of the sentences that name each actor, by outlet, with the number of sentences; "
                      f"cells with fewer than {min_sentences} sentences are grey. A sentence naming several actors counts for each.")
    return fig


# --------------------------------------------------------------------------- tone along the article


def textplot_along_article(by_role: pd.DataFrame, *, book: FigureBook, by: str = "outlet_label"):
    """Mean tone per part of the article (rows in reading order) and outlet (dodged dots), both measures, each
    point labelled with its number of sentences.

    `by_role`: `sentiment.tone_by_role`.
    """
    outlets = _outlets(book, by_role[by])
    present = set(by_role["role"].astype(str))
    roles = [r for r in S.TEXT_ROLES if r in present]
    # each outlet's dot gets its own line within a part, tall enough for its 7 pt count label
    fig, axes = book.figure(height=1.0 + len(roles) * max(0.4, 0.14 * len(outlets)), ncols=2, sharey=True)
    offsets = np.linspace(-0.32, 0.32, len(outlets)) if len(outlets) > 1 else [0.0]
    for ax, (col, title) in zip(axes, [("textblob", "mean textblob-de polarity"), ("sentiws", "mean SentiWS score")]):
        ax.axvline(0, color="0.5", lw=0.6)
        for k, o in enumerate(outlets):
            d = by_role[by_role[by] == o]
            y = [roles.index(str(r)) + offsets[k] for r in d["role"]]
            ax.plot(d[col], y, marker="o", ms=4.5, lw=0, color=_color(book, o), label=o)
            for x, yy, count in zip(d[col], y, d["n"].astype(int)):
                ax.annotate(str(count), (x, yy), xytext=(3, 0), textcoords="offset points", fontsize=base.SMALL, va="center",
                            color="0.3")
        ax.set_xlabel(title)
        ax.locator_params(axis="x", nbins=4)  # tick labels stay apart when the means are tiny
        _ticks_inside(ax)
        for k in range(len(roles) - 1):
            ax.axhline(k + 0.5, color="0.9", lw=0.6, zorder=0)
    axes[0].set_yticks(range(len(roles)), roles)
    axes[0].set_ylim(len(roles) - 0.5, -0.5)
    axes[0].set_ylabel("part of the article (reading order)")
    axes[1].legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    book.save(fig, "sentiment-along-article",
              caption="Mean sentence tone by part of the article and outlet, textblob-de (left) and SentiWS (right); small "
                      "numbers are the sentences behind each point. Headline and kicker points rest on a single sentence.")
    return fig


# --------------------------------------------------------------------------- escalation and emotive vocabulary


def textplot_escalation_vocabulary(rates: pd.DataFrame, *, book: FigureBook, by: str = "outlet_label"):
    """Emotive/escalation terms per 1,000 words per outlet, stacked by kind of term, labelled with rate and counts.

    `rates`: `sentiment.escalation_rates`.
    """
    outlets = _outlets(book, rates[by])
    r = rates.set_index(by).reindex(outlets)
    categories = [c.removesuffix("_per_1000_words") for c in r.columns if c.endswith("_per_1000_words") and c != "per_1000_words"]
    values = r[[f"{c}_per_1000_words" for c in categories]].set_axis(categories, axis=1)
    labels = [f"{row.per_1000_words:.1f}  ({row.emotive_count} term{'s' if row.emotive_count != 1 else ''} in {row.words} words)"
              for row in r.itertuples()]
    fig, ax = book.figure(height=0.5 * max(len(r), 1) + 1.3)
    base.stacked_bars(ax, values, colors=base.category_colors(categories), ends=labels, height=0.6, headroom=1.7)
    ax.set_xlabel("emotive/escalation terms per 1,000 words")
    ax.legend(ncols=max(len(categories), 1), loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=base.SMALL)
    book.save(fig, "sentiment-escalation-vocabulary",
              caption="Emotive and escalation vocabulary per 1,000 words by outlet, split by kind of term (codebook "
                      "emotive.yaml); labels give the rate and the raw counts.")
    return fig


# --------------------------------------------------------------------------- the two measures against each other


def textplot_measures_scatter(
    tone: pd.DataFrame, disagreements: pd.DataFrame, agreement: pd.DataFrame, *, book: FigureBook, by: str = "outlet_label"
):
    """textblob-de polarity (x) against SentiWS score (y) per sentence, coloured by outlet, neutral bands grey, the
    sentences of `disagreements` numbered by their `point`, the correlations of `agreement` in the title.

    `tone`: `sentiment.tone_by_outlet`; `disagreements`: `sentiment.measure_disagreements`;
    `agreement`: `sentiment.measure_agreement` (one row).
    """
    fig, ax = book.figure(width="full", height=3.6)
    ax.axvspan(-S.TEXTBLOB_NEUTRAL, S.TEXTBLOB_NEUTRAL, color="0.92", zorder=0)
    ax.axhspan(-S.SENTIWS_NEUTRAL, S.SENTIWS_NEUTRAL, color="0.92", zorder=0)
    rng = np.random.default_rng(3)
    for o in _outlets(book, tone[by]):
        d = tone[tone[by] == o]
        ax.scatter(d["textblob_polarity"] + rng.uniform(-0.02, 0.02, len(d)), d["sentiws_score"], s=14, alpha=0.75,
                   color=_color(book, o), label=o, linewidths=0)
    for r in disagreements.itertuples():
        ax.annotate(str(r.point), (r.textblob_polarity, r.sentiws_score), xytext=(4, 3), textcoords="offset points",
                    fontsize=base.SMALL, weight="bold")
    ax.set_xlabel("textblob-de polarity (−1 … +1)")
    ax.set_ylabel("SentiWS score (sum of weights / √words)")
    a = agreement.iloc[0]
    ax.set_title(f"Pearson r = {a['pearson']:.2f}, Spearman ρ = {a['spearman']:.2f}, n = {int(a['n'])} sentences",
                 fontsize=9, weight="normal")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _ticks_inside(ax, x=True, y=True)
    book.save(fig, "sentiment-measures-scatter",
              caption="textblob-de polarity against SentiWS score per sentence; grey bands are the neutral bands; numbered "
                      "points are the sentences where the measures diverge most (quoted in table sentiment-measures-disagreements).")
    return fig


# --------------------------------------------------------------------------- report tables (CSV + LaTeX, with captions)


def table_label_shares(shares: pd.DataFrame, *, book: FigureBook) -> pd.DataFrame:
    """Export `sentiment.label_shares` as report table sentiment-label-shares; returns it for display."""
    book.table(shares, "sentiment-label-shares", float_format="%.0f",
               caption="Share of sentences (%) labelled negative, neutral and positive, by outlet and measure "
                       "(combined = agreement-or-fallback of textblob-de and SentiWS).")
    return shares


def table_articles(sentiment_articles: pd.DataFrame, *, book: FigureBook) -> pd.DataFrame:
    """Export the per-article tone (table `sentiment_articles`, with outlet) as report table sentiment-articles."""
    cols = ["outlet_label", "sentences", "words", "textblob_polarity_mean", "sentiws_score", "share_negative_sentiws",
            "emotive_per_1000_words"]
    table = book.label(sentiment_articles)[cols]
    book.table(table, "sentiment-articles", float_format="%.3f",
               caption="Tone per article: mean textblob-de polarity of its sentences, SentiWS article score (sum of weights / "
                       "√words), share of sentences SentiWS labels negative, and emotive/escalation terms per 1,000 words.")
    return table


def table_measures_disagreements(disagreements: pd.DataFrame, *, book: FigureBook) -> pd.DataFrame:
    """Export `sentiment.measure_disagreements` (without ids) as report table sentiment-measures-disagreements."""
    table = disagreements.drop(columns=["article_id", "sentence_id"])
    book.table(table, "sentiment-measures-disagreements", float_format="%.2f",
               caption="Sentences where textblob-de and SentiWS diverge most (numbered as in the scatter), with the SentiWS "
                       "words found (¬ = negated).")
    return table


def table_validation(agreement: pd.DataFrame, *, book: FigureBook) -> pd.DataFrame:
    """Export table `validation_sentiment_agreement` as report table sentiment-validation."""
    book.table(agreement, "sentiment-validation", float_format="%.3f",
               caption="Agreement of sentence tone labels with the hand coding (n = hand-coded seed sentences): accuracy, "
                       "macro-F1 and Krippendorff's alpha (nominal and ordinal) per measure, with a majority-label baseline.")
    return agreement


def table_validation_confusion(confusion: pd.DataFrame, *, book: FigureBook) -> pd.DataFrame:
    """Export the confusion matrices of the three measures (from `validation_sentiment_confusion`) as report table
    sentiment-validation-confusion."""
    table = S.confusion_table(confusion)
    book.table(table, "sentiment-validation-confusion", float_format="%.0f",
               caption="Confusion matrices of the tone labels against the hand coding (rows: gold label; columns: predicted label).")
    return table


def table_validation_per_label(per_label: pd.DataFrame, *, book: FigureBook) -> pd.DataFrame:
    """Export table `validation_sentiment_per_label` as report table sentiment-validation-per-label."""
    book.table(per_label, "sentiment-validation-per-label", float_format="%.2f",
               caption="Precision, recall and F1 per tone label and measure against the hand coding (support = gold sentences).")
    return per_label
