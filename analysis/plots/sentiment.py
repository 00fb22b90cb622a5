"""Figures of notebook 02 (sentiment): tone by comparison unit (outlet, outlet type, ...), toward actors, along the
article, escalation vocabulary, and the two measures against each other.

Each `textplot_<figure>` takes the table(s) that `analysis.sentiment` computes from the extract's tables, draws
it with the suite's primitives and saves it through the notebook's `FigureBook`, whose unit (`book.by`, `book.units`,
`book.unit_name`) it compares; it computes no number that is not in its input (or in the `analysis.sentiment`
table it reshapes it into). Every figure fits one page from 1 to 50 units: the constants below say what changes past
which number of units.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .. import sentiment as S
from ..figures import PALETTE, FigureBook
from ..text import plural
from . import base

_MEASURES = (  # column, neutral band of the label, axis title
    ("textblob_polarity", S.TEXTBLOB_NEUTRAL, "textblob-de polarity"),
    ("sentiws_score", S.SENTIWS_NEUTRAL, "SentiWS score (sum of weights / √words)"),
)
_ROLE_MEASURES = (("textblob", "mean textblob-de polarity"), ("sentiws", "mean SentiWS score"))  # tone_by_role, tone_means
# How each figure adapts to the number of comparison units (see each textplot function).
PAGE_HEIGHT = 9.0  # inches a figure plans for: one 24 cm page less the saved figure's padding
STRIP_UNITS = 12  # tone distribution: every sentence drawn (strip + box) up to this many units, else mean and interval
HEATMAP_COLUMNS = 6  # actor heatmap: units as columns up to this many, else units as rows
ANNOTATE_ROWS = 20  # actor heatmap with units as rows: cells carry mean and n up to this many rows, else colours only
DODGE_UNITS = 8  # tone along the article: units side by side within each part up to this many, else a row per unit
COLOR_UNITS = len(PALETTE)  # scatter: points coloured by unit while every unit has a colour of its own
_ROLE_MARKERS = dict(zip(S.TEXT_ROLES, "v^osD"))


def _units(book: FigureBook, present) -> list[str]:
    """The comparison units of `present` (a column of labels) in the book's catalog order; unknown labels last."""
    present = list(dict.fromkeys(present))
    return [u for u in book.units if u in present] + [u for u in present if u not in book.units]


def _color(book: FigureBook, unit: str) -> str:
    return book.colors.get(unit, base.MISSING_COLOR)


def _height(rows: int, per_row: float, fixed: float) -> float:
    """Figure height (inches): `fixed` plus `per_row` per row, rows squeezed so that the figure fits one page."""
    rows = max(rows, 1)
    return fixed + rows * min(per_row, (PAGE_HEIGHT - fixed) / rows)


def _wrap(name: str, width: int) -> str:
    """Wrap a label at spaces and after slashes ('NATO/USA/West')."""
    return textwrap.fill(str(name).replace("/", "/ "), width, break_long_words=False).replace("/ ", "/")


# --------------------------------------------------------------------------- tone of sentences by unit


def textplot_distribution_by_outlet(tone: pd.DataFrame, *, book: FigureBook):
    """Sentence tone per comparison unit, textblob-de left and SentiWS right, with the neutral bands.

    Up to `STRIP_UNITS` units every sentence is a dot (strip + box per unit); beyond, each unit is a dot at its mean
    sentence tone with its 95% interval (`sentiment.tone_means`), so 50 units fit one page.
    `tone`: `sentiment.tone_by_outlet` (one row per sentence of the units' own text).
    """
    units = _units(book, tone[book.by])
    unit = book.unit_name
    if len(units) <= STRIP_UNITS:
        fig = _strips(tone, units, book=book)
        caption = (f"Tone of every sentence by {unit}, by textblob-de (left) and SentiWS with negation (right); boxes span "
                   "the middle half, the grey band is the neutral band of the labels.")
    else:
        fig = _mean_intervals(S.tone_means(tone, by=book.by), units, book=book)
        caption = (f"Mean sentence tone by {unit} with its 95% interval (t interval over the sentences, treated as independent, "
                   f"so it is rather too narrow), by textblob-de (left) and SentiWS with negation (right); n = sentences; the grey "
                   f"band is the neutral band of the labels. With more than {STRIP_UNITS} {plural(unit)} single sentences are not drawn.")
    book.save(fig, "sentiment-distribution-by-outlet", caption=caption)
    return fig


def _strips(tone: pd.DataFrame, units: list[str], *, book: FigureBook):
    """Every sentence as a jittered dot, and a box for the middle half, per unit (rows)."""
    fig, axes = book.figure(height=0.55 * max(len(units), 1) + 1.4, ncols=2, sharey=True)
    rng = np.random.default_rng(7)
    for ax, (col, bound, title) in zip(axes, _MEASURES):
        data = [tone.loc[tone[book.by] == u, col].to_numpy(dtype=float) for u in units]
        ax.axvspan(-bound, bound, color="0.9", zorder=0)
        ax.boxplot(data, orientation="horizontal", positions=range(len(units)), widths=0.5, showfliers=False,
                   medianprops={"color": "black"}, boxprops={"color": "0.4"}, whiskerprops={"color": "0.4"},
                   capprops={"color": "0.4"})
        for i, (u, d) in enumerate(zip(units, data)):
            ax.scatter(d, i + rng.uniform(-0.18, 0.18, len(d)), s=9, color=_color(book, u), alpha=0.75, zorder=3, linewidths=0)
        ax.set_xlabel(title)
        ax.axvline(0, color="0.5", lw=0.6)
    lim = max(float(tone["sentiws_score"].abs().max()) if len(tone) else 0.0, 0.1) * 1.1
    axes[1].set_xlim(-lim, lim)
    axes[0].set_xlim(-1.05, 1.05)
    n = tone.groupby(book.by).size()
    axes[0].set_yticks(range(len(units)), [f"{_wrap(u, 22)}\n(n = {n.get(u, 0):,} sentences)" for u in units])
    axes[0].set_ylim(len(units) - 0.5, -0.5)
    return fig


def _mean_intervals(means: pd.DataFrame, units: list[str], *, book: FigureBook):
    """Each unit's mean sentence tone as a dot with its interval (rows), per measure."""
    fig, axes = book.figure(height=_height(len(units), 0.3, 1.2), ncols=2, sharey=True)
    n = means.drop_duplicates(book.by).set_index(book.by)["sentences"]
    rows = [f"{u} (n = {int(n.get(u, 0)):,})" for u in units]
    colors = {r: _color(book, u) for r, u in zip(rows, units)}
    for ax, (_, bound, _), (measure, title) in zip(axes, _MEASURES, _ROLE_MEASURES):
        m = means[means["measure"] == measure].set_index(book.by).reindex(units).set_axis(rows)
        ax.axvspan(-bound, bound, color="0.9", zorder=0)
        ax.axvline(0, color="0.5", lw=0.6)
        reach = max(float(np.nanmax(np.abs(m[["mean", "low", "high"]].to_numpy(dtype=float)), initial=0.0)), bound)
        base.dots(ax, m["mean"], colors=colors, low=m["low"], high=m["high"], xlabel=title, xlim=(-1.1 * reach, 1.1 * reach))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4, symmetric=True))
    return fig


def textplot_tone_by_voice(shares: pd.DataFrame, *, book: FigureBook):
    """Shares of negative / neutral / positive sentences (headline news-tone label) per comparison unit, in two panels:
    the outlet's own words and quoted or reported sources, with the number of sentences after each bar. Rows are
    units in catalog order; past ~40 units the rows get thinner (the shares stay in `shares`).
    `shares`: `sentiment.tone_shares`."""
    units = _units(book, shares[book.by]) if len(shares) else []
    fig, axes = book.figure(height=_height(len(units), 0.32, 1.5), ncols=2, sharey=True)
    colors = {"negative": "#b2182b", "neutral": "#bdbdbd", "positive": "#2166ac"}
    titles = {"own": "outlet's own words", "source": "quoted or reported sources"}
    for ax, voice in zip(axes, S.VOICES):
        part = shares[shares["voice"] == voice].set_index(book.by).reindex(units)
        if not units:
            base.nothing_to_show(ax, "No sentences.")
            continue
        base.stacked_shares(ax, part[list(S.LABELS)].fillna(0), colors=colors, totals=part["sentences"].fillna(0),
                            xlabel="share of sentences (%)", legend_cols=3, min_label=12.0 if len(units) <= 12 else 101.0)
        ax.set_title(titles[voice])
    del fig.legends[1:]  # one legend for both panels
    caption = (f"Headline sentence tone (news-tone codebook) by {book.unit_name}: shares of negative, neutral and positive "
               "sentences in the outlet's own words (left) and in quoted or reported speech (right); n = sentences.")
    if len(units) > 12:
        caption += " Percentages are in table sentiment-tone-by-voice."
    book.save(fig, "sentiment-tone-by-voice", caption=caption)
    return fig


def table_tone_by_voice(shares: pd.DataFrame, *, book: FigureBook) -> pd.DataFrame:
    """Export `sentiment.tone_shares` as report table sentiment-tone-by-voice."""
    book.table(shares, "sentiment-tone-by-voice", float_format="%.3f",
               caption=f"Shares of negative, neutral and positive sentences (news-tone label) by {book.unit_name} and voice "
                       "(own words / quoted or reported sources), with the number of sentences.")
    return shares


# --------------------------------------------------------------------------- tone toward each actor


def _diverging_heatmap(ax, values: pd.DataFrame, labels: pd.DataFrame, *, vmax: float, empty: pd.DataFrame,
                       names: list[str], rotation: float, annotate: bool):
    """`base.heatmap` on a red-blue scale centred on 0: empty cells grey with the text of `empty`, dark text only
    where the colour is dark at either end."""
    ax.set_facecolor("0.88")  # masked (empty) cells show the axes' background
    im = base.heatmap(ax, values, labels=labels, cmap="RdBu", vmin=-vmax, vmax=vmax, xticklabels=names,
                      rotation=rotation, annotate=annotate)
    data = values.to_numpy(dtype=float)
    for text in ax.texts:
        j, i = (int(round(c)) for c in text.get_position())
        v = data[i, j]
        if np.isnan(v):
            text.set_text(str(empty.iat[i, j]))
        text.set_color("white" if np.isfinite(v) and abs(v) > 0.7 * vmax else "black")
    return im


def textplot_actor_by_outlet(
    tone: pd.DataFrame, *, book: FigureBook, actors: list[str] | None = None, min_sentences: int = 1
):
    """How each comparison unit portrays each actor (codebook order `actors`): mean tone (-1..+1) of the evaluative
    mentions of the actor, with their number in each cell; cells with fewer than `min_sentences` mentions are grey
    and show only n.

    Up to `HEATMAP_COLUMNS` units: actors are rows, units columns. Beyond: units are rows (catalog order), actors
    columns, and past `ANNOTATE_ROWS` units the cells show colours only (the numbers stay in `tone`).
    `tone`: `sentiment.actor_portrayal`.
    """
    wide = S.actor_tone_table(tone, actors=actors, outlets=_units(book, tone[book.by]), min_sentences=min_sentences, by=book.by)
    mean, n = wide["mean"], wide["n"]
    across = len(mean.columns) <= HEATMAP_COLUMNS  # units across (columns)
    if not across:
        mean, n = mean.T, n.T
    annotate = across or len(mean) <= ANNOTATE_ROWS
    if across:
        height = 0.5 * max(len(mean), 1) + 1.6
    else:
        height = _height(len(mean), 0.36 if annotate else 0.25, 1.7)
    fig, ax = book.figure(height=height)
    unit, units = book.unit_name, book.unit_plural
    if mean.empty:
        base.nothing_to_show(ax, "No sentence names an actor of the codebook.")
    else:
        shown = mean.to_numpy(dtype=float)
        vmax = 1.0  # tone of a mention is -1, 0 or +1
        labels = pd.DataFrame(
            [[f"{m:+.2f}\nn = {k:,}".replace("-", "−") for m, k in zip(mrow, krow)] for mrow, krow in zip(shown, n.to_numpy())],
            index=mean.index, columns=mean.columns,
        )
        many = len(mean.columns) > 8
        names = [str(c) if many else _wrap(c, 14 if across else 10) for c in mean.columns]
        im = _diverging_heatmap(ax, mean, labels, vmax=vmax, empty=n.map(lambda k: f"n = {k:,}"), names=names,
                                rotation=90 if many else 0, annotate=annotate)
        fig.colorbar(im, ax=ax, label="mean tone of the evaluative mentions", shrink=0.9 if across else 0.5,
                     aspect=20 if across else 30)
    caption = (f"Portrayal of each actor by {unit}: mean tone (−1 negative, +1 positive) of the sentences that evaluate the "
               "actor (an evaluative label on it, the actor as agent of a condemned act, as target of blame or praise; "
               "codebook news_tone.yaml), with n = the number of such evaluative mentions behind each cell; grey: none. "
               "Sentences that merely name an actor do not count.")
    if not annotate:
        caption += (f" With {len(mean)} {units} the cells show colours only; the means and numbers of mentions are in "
                    "table sentiment-actor-tone.")
    book.save(fig, "sentiment-actor-by-outlet", caption=caption)
    return fig


# --------------------------------------------------------------------------- tone along the article


def textplot_along_article(by_role: pd.DataFrame, *, book: FigureBook):
    """Mean tone per part of the article and comparison unit, both measures.

    Up to `DODGE_UNITS` units: parts are rows (reading order), units dodged dots within each part, each point
    labelled with its number of sentences. Beyond: units are rows (catalog order), one marker per part of the
    article; the numbers of sentences stay in the table.
    `by_role`: `sentiment.tone_by_role`.
    """
    units = _units(book, by_role[book.by])
    present = set(by_role["role"].astype(str))
    roles = [r for r in S.TEXT_ROLES if r in present]
    unit = book.unit_name
    if len(units) <= DODGE_UNITS:
        fig = _roles_dodged(by_role, units, roles, book=book)
        caption = (f"Mean sentence tone by part of the article and {unit}, textblob-de (left) and SentiWS (right); small "
                   "numbers are the sentences behind each point. Headline and kicker points rest on one sentence per article.")
    else:
        fig = _roles_per_unit(by_role, units, roles, book=book)
        caption = (f"Mean sentence tone by {unit} and part of the article (one marker per part), textblob-de (left) and "
                   "SentiWS (right). The numbers of sentences behind each point are in table sentiment-tone-by-part; "
                   "headline and kicker points rest on one sentence per article.")
    book.save(fig, "sentiment-along-article", caption=caption)
    return fig


def _roles_dodged(by_role: pd.DataFrame, units: list[str], roles: list[str], *, book: FigureBook):
    # each unit's dot gets its own line within a part, tall enough for its 7 pt count label
    fig, axes = book.figure(height=1.0 + len(roles) * max(0.4, 0.14 * len(units)), ncols=2, sharey=True)
    offsets = np.linspace(-0.32, 0.32, len(units)) if len(units) > 1 else [0.0]
    for ax, (col, title) in zip(axes, _ROLE_MEASURES):
        ax.axvline(0, color="0.5", lw=0.6)
        for k, u in enumerate(units):
            d = by_role[by_role[book.by] == u]
            y = [roles.index(str(r)) + offsets[k] for r in d["role"]]
            ax.plot(d[col], y, marker="o", ms=4.5, lw=0, color=_color(book, u), label=u)
            for x, yy, count in zip(d[col], y, d["n"].astype(int)):
                ax.annotate(f"{count:,}", (x, yy), xytext=(3, 0), textcoords="offset points", fontsize=base.SMALL, va="center",
                            color="0.3")
        ax.set_xlabel(title)
        ax.locator_params(axis="x", nbins=4)  # tick labels stay apart when the means are tiny
        for k in range(len(roles) - 1):
            ax.axhline(k + 0.5, color="0.9", lw=0.6, zorder=0)
    axes[0].set_yticks(range(len(roles)), roles)
    axes[0].set_ylim(len(roles) - 0.5, -0.5)
    axes[0].set_ylabel("part of the article (reading order)")
    axes[1].legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def _roles_per_unit(by_role: pd.DataFrame, units: list[str], roles: list[str], *, book: FigureBook):
    fig, axes = book.figure(height=_height(len(units), 0.3, 1.4), ncols=2, sharey=True)
    colors = base.category_colors(roles)
    row = {u: i for i, u in enumerate(units)}
    for ax, (col, title) in zip(axes, _ROLE_MEASURES):
        ax.axvline(0, color="0.5", lw=0.6)
        for role in roles:
            d = by_role[by_role["role"].astype(str) == role]
            ax.scatter(d[col], d[book.by].map(row), marker=_ROLE_MARKERS.get(role, "o"), s=20, color=colors[role],
                       label=role, zorder=3, linewidths=0, alpha=0.85)
        ax.set_xlabel(title)
        ax.locator_params(axis="x", nbins=4)
        ax.grid(axis="y", color="0.93", lw=0.6)
        ax.tick_params(axis="y", length=0)
    axes[0].set_yticks(range(len(units)), units)
    axes[0].set_ylim(len(units) - 0.5, -0.5)
    handles, names = axes[0].get_legend_handles_labels()
    fig.legend(handles, names, ncols=max(len(roles), 1), loc="outside upper center", fontsize=base.SMALL)
    return fig


# --------------------------------------------------------------------------- escalation and emotive vocabulary


def textplot_escalation_vocabulary(rates: pd.DataFrame, *, book: FigureBook):
    """Emotive/escalation terms per 1,000 words per comparison unit (rows, catalog order), stacked by kind of term,
    labelled with rate and counts; rows get thinner with more units, so 50 fit one page.

    `rates`: `sentiment.escalation_rates`.
    """
    units = _units(book, rates[book.by])
    r = rates.set_index(book.by).reindex(units)
    categories = [c.removesuffix("_per_1000_words") for c in r.columns if c.endswith("_per_1000_words") and c != "per_1000_words"]
    values = r[[f"{c}_per_1000_words" for c in categories]].set_axis(categories, axis=1)
    labels = [f"{row.per_1000_words:.1f}  ({row.emotive_count:,} term{'s' if row.emotive_count != 1 else ''} in {row.words:,} words)"
              for row in r.itertuples()]
    fig, ax = book.figure(height=_height(len(r), 0.5, 1.3))
    base.stacked_bars(ax, values, colors=base.category_colors(categories), ends=labels, height=0.6, headroom=1.7)
    ax.set_xlabel("emotive/escalation terms per 1,000 words")
    ax.legend(ncols=max(len(categories), 1), loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=base.SMALL)
    book.save(fig, "sentiment-escalation-vocabulary",
              caption=f"Emotive and escalation vocabulary per 1,000 words by {book.unit_name}, split by kind of term (codebook "
                      "emotive.yaml); labels give the rate and the raw counts.")
    return fig


# --------------------------------------------------------------------------- the two measures against each other


def _point_labels(disagreements: pd.DataFrame, x_span: float, y_span: float) -> list[tuple[float, float, str]]:
    """One label per cluster of numbered points: points closer than 6% of the axis span share a label ('1, 2')."""
    groups: list[list] = []
    for r in disagreements.itertuples():
        for g in groups:
            if abs(g[0] - r.textblob_polarity) < 0.06 * x_span and abs(g[1] - r.sentiws_score) < 0.06 * y_span:
                g[2].append(str(r.point))
                break
        else:
            groups.append([r.textblob_polarity, r.sentiws_score, [str(r.point)]])
    return [(x, y, ", ".join(points)) for x, y, points in groups]


def textplot_measures_scatter(tone: pd.DataFrame, disagreements: pd.DataFrame, agreement: pd.DataFrame, *, book: FigureBook):
    """textblob-de polarity (x) against SentiWS score (y) per sentence, coloured by comparison unit (while every unit
    has a colour of its own: up to `COLOR_UNITS`), neutral bands grey, the sentences of `disagreements` numbered by
    their `point` (points on top of each other share one label), the correlations of `agreement` in the title.

    `tone`: `sentiment.tone_by_outlet`; `disagreements`: `sentiment.measure_disagreements`;
    `agreement`: `sentiment.measure_agreement` (one row).
    """
    fig, ax = book.figure(width="full", height=3.6)
    ax.axvspan(-S.TEXTBLOB_NEUTRAL, S.TEXTBLOB_NEUTRAL, color="0.92", zorder=0)
    ax.axhspan(-S.SENTIWS_NEUTRAL, S.SENTIWS_NEUTRAL, color="0.92", zorder=0)
    rng = np.random.default_rng(3)
    units = _units(book, tone[book.by])
    colored = len(units) <= COLOR_UNITS
    for u in units if colored else [None]:
        d = tone if u is None else tone[tone[book.by] == u]
        ax.scatter(d["textblob_polarity"] + rng.uniform(-0.02, 0.02, len(d)), d["sentiws_score"], s=14, alpha=0.75 if colored else 0.4,
                   color=_color(book, u) if colored else "0.35", label=u, linewidths=0)
    x_span = float(np.ptp(tone["textblob_polarity"])) if len(tone) else 0.0
    y_span = float(np.ptp(tone["sentiws_score"])) if len(tone) else 0.0
    for x, y, text in _point_labels(disagreements, x_span or 1.0, y_span or 1.0):
        ax.annotate(text, (x, y), xytext=(4, 3), textcoords="offset points", fontsize=base.SMALL, weight="bold")
    ax.set_xlabel("textblob-de polarity (−1 … +1)")
    ax.set_ylabel("SentiWS score (sum of weights / √words)")
    a = agreement.iloc[0]
    ax.set_title(f"Pearson r = {a['pearson']:.2f}, Spearman ρ = {a['spearman']:.2f}, n = {int(a['n']):,} sentences",
                 fontsize=9, weight="normal")
    if colored:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    caption = ("textblob-de polarity against SentiWS score per sentence; grey bands are the neutral bands; numbered "
               "points are the sentences where the measures diverge most (quoted in table sentiment-measures-disagreements).")
    if not colored:
        caption += f" With {len(units)} {book.unit_plural} the points are not coloured by {book.unit_name}."
    book.save(fig, "sentiment-measures-scatter", caption=caption)
    return fig


# --------------------------------------------------------------------------- report tables (CSV + LaTeX, with captions)


def table_label_shares(shares: pd.DataFrame, *, book: FigureBook) -> pd.DataFrame:
    """Export `sentiment.label_shares` as report table sentiment-label-shares; returns it for display."""
    book.table(shares, "sentiment-label-shares", float_format="%.0f",
               caption=f"Share of sentences (%) labelled negative, neutral and positive, by {book.unit_name} and measure "
                       "(combined = agreement-or-fallback of textblob-de and SentiWS).")
    return shares


def table_articles(sentiment_articles: pd.DataFrame, *, book: FigureBook) -> pd.DataFrame:
    """Export the per-article tone (table `sentiment_articles`, with its comparison unit) as report table sentiment-articles."""
    cols = [book.by, "sentences", "words", "textblob_polarity_mean", "sentiws_score", "share_negative_sentiws",
            "emotive_per_1000_words"]
    table = book.label(sentiment_articles)[cols]
    book.table(table, "sentiment-articles", float_format="%.3f",
               caption="Tone per article: mean textblob-de polarity of its sentences, SentiWS article score (sum of weights / "
                       "√words), share of sentences SentiWS labels negative, and emotive/escalation terms per 1,000 words.")
    return table


def table_actor_tone(actor_tone: pd.DataFrame, *, book: FigureBook) -> pd.DataFrame:
    """Export `sentiment.actor_portrayal` as report table sentiment-actor-tone (the numbers of the actor heatmap)."""
    book.table(actor_tone, "sentiment-actor-tone", float_format="%.3f",
               caption=f"Portrayal of each actor by {book.unit_name}: evaluative mentions (n_sentences), their mean tone "
                       "(−1..+1) and the shares negative and positive (the numbers behind figure sentiment-actor-by-outlet).")
    return actor_tone


def table_tone_by_role(by_role: pd.DataFrame, *, book: FigureBook) -> pd.DataFrame:
    """Export `sentiment.tone_by_role` as report table sentiment-tone-by-part (the numbers of the along-article figure)."""
    book.table(by_role, "sentiment-tone-by-part", float_format="%.3f",
               caption=f"Mean sentence tone by {book.unit_name} and part of the article: sentences (n), mean textblob-de "
                       "polarity and mean SentiWS score (the numbers behind figure sentiment-along-article).")
    return by_role


def table_measures_disagreements(disagreements: pd.DataFrame, *, book: FigureBook) -> pd.DataFrame:
    """Export `sentiment.measure_disagreements` (without ids) as report table sentiment-measures-disagreements."""
    table = disagreements.drop(columns=["article_id", "sentence_id"])
    book.table(table, "sentiment-measures-disagreements", float_format="%.2f",
               caption="Sentences where textblob-de and SentiWS diverge most (numbered as in the scatter), with the SentiWS "
                       "words found (¬ = negated); articles: how many articles print the sentence word for word.")
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
