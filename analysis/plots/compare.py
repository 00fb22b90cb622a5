"""Figures of notebook 05 (comparisons): the largest tested differences, shares with intervals per unit, coverage
over time.

Each `textplot_<figure>` takes tables that `analysis.compare` computes (`outlet_differences`, `tone_shares`,
`attributed_share`, `coverage`), reshapes and draws them with the suite's primitives and saves them through the
notebook's `FigureBook`; no number is computed here that is not in its input.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .. import compare as C
from ..figures import FigureBook
from ..text import plural
from . import base

MAX_ROWS = 40  # unit rows per page; more units continue on the next page (part k of n)
ROW_IN = 0.2  # inches per unit row
LINE_CHARS = 40  # characters per label line of the differences figure


def _units(book: FigureBook, present) -> list[str]:
    """The units of `present` in the book's catalog order; units the book does not know last."""
    present = list(dict.fromkeys(str(u) for u in present))
    return [u for u in book.units if u in present] + [u for u in present if u not in book.units]


def _short(text: str, width: int = LINE_CHARS) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _names(units: list[str], shown: int = 12) -> str:
    return ", ".join(units[:shown]) + (f" and {len(units) - shown} more" if len(units) > shown else "")


# --------------------------------------------------------------------------- largest differences


def _row_label(measure: str, category: str, unit_a: str, unit_b: str) -> str:
    what = C.MEASURE_NAMES.get(measure, measure) + ("" if measure == "attributed_share" else f": {category}")
    return f"{_short(what)}\n{_short(unit_a)}\nvs. {_short(unit_b, LINE_CHARS - 4)}"


def difference_rows(differences: pd.DataFrame, *, top: int = 20, alpha: float = 0.05) -> pd.DataFrame:
    """The rows the differences figure draws, `compare.largest_differences` per panel: shares (in percentage points;
    up to `top` rows less those the rates use) and rates (markers per 1,000 words; at most `top // 5` rows, as hedging
    has two categories only), with the values on the panel's scale and a three-line label (measure: category /
    first unit / vs. second unit)."""
    rate = differences["measure"].isin(C.RATES)
    rates = C.largest_differences(differences[rate], top=top // 5, alpha=alpha)
    shares = C.largest_differences(differences[~rate], top=top - len(rates), alpha=alpha)
    parts = [p.assign(panel=name, x=p["difference"] * f, low=p["ci_low"] * f, high=p["ci_high"] * f)
             for name, p, f in (("share", shares, 100.0), ("rate", rates, 1.0))]
    d = pd.concat(parts, ignore_index=True)
    d["label"] = [_row_label(*row) for row in zip(d["measure"], d["category"], d["unit_a"], d["unit_b"])]
    return d


def textplot_largest_differences(differences: pd.DataFrame, *, book: FigureBook, top: int = 20, alpha: float = 0.05):
    """The largest differences between two units (`difference_rows`): the difference (first − second unit) with its
    95 % bootstrap interval, a filled dot where q < `alpha`, effect size and q-value at the right.

    `differences`: `compare.textstat_comparisons(...)["outlet_differences"]`. Shares (percentage points) and rates
    (markers per 1,000 words) are drawn on separate axes.
    """
    rows = difference_rows(differences, top=top, alpha=alpha)
    name = "compare-largest-differences"
    if rows.empty:
        fig, ax = book.figure(height=1.6)
        base.nothing_to_show(ax, f"No two {book.unit_name}s have two or more articles each: no difference was tested.")
        book.save(fig, name, caption=f"Largest differences between {book.unit_name}s: none tested (every {book.unit_name} "
                                     "has fewer than two articles, or only one has more).")
        return fig
    panels = [(p, rows[rows["panel"] == p]) for p in ("share", "rate") if (rows["panel"] == p).any()]
    heights = [len(r) for _, r in panels]
    fig, axes = book.figure(height=0.38 * sum(heights) + 0.75 * len(panels) + 0.3, nrows=len(panels),
                            gridspec_kw={"height_ratios": heights})
    axes = np.atleast_1d(axes)
    for ax, (panel, r) in zip(axes, panels):
        y = np.arange(len(r))
        significant = (r["q_value"] < alpha).to_numpy()
        ax.axvline(0, color="0.5", lw=0.8, zorder=1)
        ax.hlines(y, r["low"], r["high"], color="0.35", lw=1.4, zorder=2)
        ax.scatter(r["x"], y, s=30, zorder=3, facecolors=np.where(significant, "black", "white"), edgecolors="black",
                   linewidths=1)
        symbol = "h" if panel == "share" else "d"
        for yy, e, q in zip(y, r["effect_size"], r["q_value"]):
            text = f"{symbol} = {e:+.2f}".replace("-", "\u2212") + f"\nq = {q:.3f}"
            ax.annotate(text, xy=(1, yy), xycoords=("axes fraction", "data"), xytext=(4, 0), textcoords="offset points",
                        va="center", ha="left", fontsize=base.SMALL)
        ax.set_yticks(y, r["label"].tolist(), fontsize=base.SMALL)
        ax.set_ylim(len(r) - 0.5, -0.5)
        span = np.concatenate([r[["x", "low", "high"]].to_numpy(dtype=float).ravel(), [0.0]])
        lo, hi = float(np.nanmin(span)), float(np.nanmax(span))
        pad = 0.08 * ((hi - lo) or 1.0)
        ax.set_xlim(lo - pad, hi + pad)
        ax.set_xlabel(f"Difference, first − second {book.unit_name} " +
                      ("(percentage points)" if panel == "share" else "(markers per 1,000 words)"))
        ax.grid(axis="x", color="0.9")
        ax.tick_params(axis="y", length=0)
    marks = [Line2D([], [], ls="", marker="o", markersize=6, markerfacecolor=face, markeredgecolor="black", label=label)
             for face, label in (("black", f"q < {alpha:g}"), ("white", f"q ≥ {alpha:g} (may be chance)"))]
    fig.legend(handles=marks, loc="outside lower center", ncols=2, fontsize=base.SMALL)
    tested = len(differences)
    found = int((differences["q_value"] < alpha).sum())
    book.save(fig, name, caption=(
        f"The largest of {tested:,} tested differences between two {book.unit_name}s ({found:,} with q < {alpha:g}): "
        f"differences with q < {alpha:g} first (filled dots), then the largest others (open dots: the difference may be "
        "chance), each ranked by absolute effect size (h: Cohen's h for shares; d: difference of mean article rates in "
        f"standard deviations of article rates). Dot: first − second {book.unit_name}; line: 95% interval from "
        f"resampling each {book.unit_name}'s articles; q: Benjamini-Hochberg over all tests. Only {book.unit_name}s "
        "with two or more articles are compared."))
    return fig


# --------------------------------------------------------------------------- shares with intervals per unit


def interval_panels(tone_shares: pd.DataFrame, attributed_share: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Long table behind the intervals figure: unit (`by`), panel (attributed, then each tone label), share, ci_low,
    ci_high in per cent, and n_articles."""
    cols = [by, "panel", "share", "ci_low", "ci_high", "n_articles"]
    parts = [attributed_share.assign(panel="attributed"), tone_shares.rename(columns={"label": "panel"})]
    long = pd.concat([p[cols] for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else pd.DataFrame(columns=cols)
    return long.assign(**{c: long[c].astype(float) * 100 for c in ("share", "ci_low", "ci_high")})


def _limits(values: np.ndarray) -> tuple[float, float]:
    """x range of a share panel (per cent): the data padded to a multiple of 5, at least 10 points wide, in 0..100."""
    finite = values[np.isfinite(values)]
    if not len(finite):
        return 0.0, 100.0
    lo, hi = max(0.0, 5 * math.floor((finite.min() - 2) / 5)), min(100.0, 5 * math.ceil((finite.max() + 2) / 5))
    while hi - lo < 10:
        lo, hi = max(0.0, lo - 5), min(100.0, hi + 5)
    return lo, hi


PANEL_TITLES = {"attributed": "Attributed", "negative": "Negative", "neutral": "Neutral", "positive": "Positive"}


def textplot_shares_with_intervals(tone_shares: pd.DataFrame, attributed_share: pd.DataFrame, *, book: FigureBook,
                                   tone_name: str = "the news-tone codebook"):
    """Per unit, a dot with its 95 % article-level bootstrap interval for the share of prose sentences with an
    attribution and the shares of sentences labelled negative / neutral / positive. A unit with one article has a
    dot and no interval. More than 40 units continue on further pages (parts)."""
    by = book.by
    long = interval_panels(tone_shares, attributed_share, by=by)
    units = _units(book, long[by]) if len(long) else []
    panels = [p for p in ["attributed", *C.TONE_LABELS] if p in set(long["panel"])] + sorted(
        set(long["panel"]) - {"attributed", *C.TONE_LABELS})
    single = [u for u in units if (long.loc[long[by] == u, "n_articles"] < 2).all()]
    note = (f" {plural(book.unit_name, len(single))} with one article show a dot without interval: {_names(single)}."
            if single else "")
    caption = (f"Per {book.unit_name}: share of prose sentences (lead, body) with an attribution, and share of sentences "
               f"labelled negative, neutral or positive by {tone_name}, with 95% intervals from resampling each "
               f"{book.unit_name}'s articles (cluster bootstrap); each panel's axis spans its data.{note}")
    name = "compare-shares-with-intervals"
    limits = {p: _limits(long.loc[long["panel"] == p, ["share", "ci_low", "ci_high"]].to_numpy(dtype=float)) for p in panels}
    figs = []
    pages = base.chunks(units, MAX_ROWS)
    for k, page in enumerate(pages, start=1):
        if not panels:
            fig, ax = book.figure(height=1.6)
            base.nothing_to_show(ax, "No sentences to compare.")
        else:
            fig, axes = book.figure(height=ROW_IN * len(page) + 1.1, ncols=len(panels), sharey=True)
            for i, (ax, panel) in enumerate(zip(np.atleast_1d(axes), panels)):
                t = long[long["panel"] == panel].set_index(by).reindex(page)
                base.dots(ax, t["share"], colors=book.colors, low=t["ci_low"], high=t["ci_high"], xlim=limits[panel])
                ax.set_title(PANEL_TITLES.get(panel, str(panel).capitalize()), fontsize=9)
                ax.xaxis.set_major_locator(MaxNLocator(nbins=3, steps=[1, 2, 5, 10]))
                ax.tick_params(axis="y", length=0, labelsize=base.SMALL if len(page) > 20 else 8, labelleft=i == 0)
            fig.supxlabel("Share of sentences (%)", fontsize=9)
        book.save(fig, name, caption=caption, part=(k, len(pages)))
        figs.append(fig)
    return figs[0] if len(figs) == 1 else figs


# --------------------------------------------------------------------------- coverage over time


def articles_over_time(coverage: pd.DataFrame, *, by: str = "outlet_label", units: list[str] | None = None) -> pd.DataFrame:
    """Wide table behind the coverage figure: articles per unit (rows, `units` order) and period (columns, in time
    order), 0 where a unit published nothing in a period."""
    a = coverage[coverage["measure"] == "articles"]
    wide = a.pivot_table(index=by, columns="period", values="n", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=units if units is not None else list(dict.fromkeys(a[by])), columns=sorted(wide.columns), fill_value=0)
    return wide.fillna(0).astype(int)


def _period_label(period: str, bucket: str) -> str:
    stamp = pd.Timestamp(period)
    return f"{stamp.day} {stamp:%b}" if bucket == "week" else f"{stamp:%b} {stamp:%Y}"


def textplot_coverage_over_time(coverage: pd.DataFrame, *, book: FigureBook):
    """Articles per unit (rows, catalog order) and date bucket (columns: weeks or months, `compare.date_buckets`),
    colour = number of articles; counts in the cells while the cells are big enough for them."""
    by = book.by
    units = _units(book, coverage.loc[coverage["measure"] == "articles", by]) if len(coverage) else []
    wide = articles_over_time(coverage, by=by, units=units) if units else pd.DataFrame()
    bucket = str(coverage["bucket"].iloc[0]) if len(coverage) else "month"
    name = "compare-coverage-over-time"
    if wide.shape[1] < 2:
        fig, ax = book.figure(height=1.6)
        base.nothing_to_show(ax, "All dated articles fall into one period: no coverage over time to show.")
        book.save(fig, name, caption="Coverage over time: all dated articles fall into one period.")
        return fig
    annotate = wide.shape[1] <= 16
    labels = [_period_label(p, bucket) for p in wide.columns]
    pages = base.chunks(units, MAX_ROWS)
    figs = []
    for k, page in enumerate(pages, start=1):
        fig, ax = book.figure(height=ROW_IN * len(page) + 1.2)
        im = base.heatmap(ax, wide.loc[page], fmt=lambda v: f"{v:.0f}" if v else "", rotation=0, annotate=annotate,
                          vmax=float(wide.to_numpy().max()) or 1.0)
        step = max(1, math.ceil(len(labels) * 0.075 * max(len(s) for s in labels) / 3.6))
        ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=0)
        ax.tick_params(axis="y", labelsize=base.SMALL if len(page) > 20 else 8)
        ax.set_xlabel(f"{'Week (from Monday)' if bucket == 'week' else 'Month'} of publication")
        if not annotate:
            fig.colorbar(im, ax=ax, label="articles", shrink=0.6)
        cells = "counts in the cells" if annotate else "colour only; the table coverage keeps the counts"
        book.save(fig, name, part=(k, len(pages)), caption=(
            f"Articles per {book.unit_name} and {bucket} ({cells}); darker = more articles, empty = none. Articles "
            "without a day or month in the catalog are left out."))
        figs.append(fig)
    return figs[0] if len(figs) == 1 else figs
