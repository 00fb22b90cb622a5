"""Figures of the claims-and-reuse notebook: troop numbers per unit and authority, text shared between articles.

`textplot_claims_troop_numbers` keeps its own drawing (a log-axis scatter, too specific for a shared primitive); the
reuse heatmaps are `base.heatmap`. Authorities are coloured with `authority_colors` (never the unit palette), so an
authority keeps its colour however the articles are ordered. Both figures adapt to the number of comparison units:

- troop numbers: with few figures each figure of a unit has its own line in the unit's band (labels never collide);
  when the bands would not fit one page, one row per unit holds its distinct figures, labelled where a label fits
  between its neighbours, continued in parts when the rows do not fit one page;
- reuse: article by article up to `ARTICLE_LEVEL_MAX` articles, else unit by unit (`reuse.unit_share_matrix`); cell
  numbers up to `ANNOTATE_MAX` rows, colours only beyond (the exported table keeps the numbers); column names
  horizontal where they fit, else numbered as the rows; the two levels (verbatim, rewrites) on one page or in parts.
"""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from .. import claims, reuse
from ..figures import FULL_WIDTH, MAX_SIZE, fit_to_page
from . import base

# Marker per kind of troop figure (claims.MEASURE_ORDER); other kinds are drawn as circles.
MARKERS = {"deployment": "o", "losses": "X", "army size": "s"}
# Authorities beyond the palette's colours: the rarer ones share one dark grey.
OTHER_AUTHORITIES = "other authorities"
OTHER_COLOR = "#555555"
VAGUE_LEGEND = "vague ('Tausende': thousands)"
PAGE_HEIGHT = MAX_SIZE[1] - 0.25  # inches a figure may take (24 cm less the padding of a saved figure)
# Troop numbers: height of one figure's line inside a unit's band, and of a unit's row in the compact form.
LINE_HEIGHT = 0.16
ROW_HEIGHT = (0.17, 0.3)  # smallest (many units) and largest
# Reuse heatmaps: article by article up to this many articles; cell numbers up to this many rows; at most this
# many rows (the units sharing the most with the others) in one figure.
ARTICLE_LEVEL_MAX = 12
ANNOTATE_MAX = 15
HEATMAP_MAX_UNITS = 50


# ------------------------------------------------------------------ shared helpers


def authority_colors(institutions: Iterable[str]) -> dict[str, str]:
    """A colour per authority: named ones in alphabetical order (so a colour does not depend on which article comes
    first), 'unattributed' grey and last. With more named authorities than the palette has colours, the most often
    cited keep a colour and the others share `OTHER_COLOR` (see `authority_legend`). `institutions` is one entry per
    mention, so the counts decide."""
    counts = Counter(institutions)
    named = [n for n in counts if n != claims.UNATTRIBUTED]
    palette = len(base.CATEGORY_PALETTE)
    coloured = named if len(named) <= palette else sorted(named, key=lambda n: (-counts[n], n.casefold()))[: palette - 1]
    names = sorted(coloured, key=str.casefold)
    colors = base.category_colors(names)
    colors.update({n: OTHER_COLOR for n in sorted(set(named) - set(coloured), key=str.casefold)})
    if claims.UNATTRIBUTED in counts:
        colors[claims.UNATTRIBUTED] = base.MISSING_COLOR
    return colors


def authority_legend(colors: dict[str, str]) -> list[tuple[str, str]]:
    """(label, colour) legend entries for `authority_colors`: the coloured authorities, then 'other authorities (n)'
    for those sharing the grey, then 'unattributed'."""
    others = [n for n, c in colors.items() if c == OTHER_COLOR]
    entries = [(n, c) for n, c in colors.items() if c != OTHER_COLOR and n != claims.UNATTRIBUTED]
    entries += [(f"{OTHER_AUTHORITIES} ({len(others)})", OTHER_COLOR)] if others else []
    entries += [(claims.UNATTRIBUTED, colors[claims.UNATTRIBUTED])] if claims.UNATTRIBUTED in colors else []
    return entries


def _legend_columns(labels: list[str], *, width: float = FULL_WIDTH - 0.2, most: int = 4) -> int:
    """As many legend columns as the longest label allows across `width` inches."""
    widest = max((base.text_width(label) for label in labels), default=1.0) + 0.5  # marker and gaps
    return max(1, min(most, int(width // widest)))


# ------------------------------------------------------------------ troop numbers


def _label(row, *, with_unit: bool = True, with_count: bool = True) -> str:
    """'12,000', '11,000 Infanteristen', '3 Generäle (×2)', 'thousands': the unit unless it is Soldaten."""
    text = str(row.figure)
    if with_unit and row.unit != "Soldaten" and not row.vague:
        text += f" {row.unit}"
    if with_count and row.mentions > 1:
        text += f" (×{row.mentions})"
    return text


def _place_labels(ax, lines: list[tuple[float, list[tuple[float, list[str], str]]]], *, radius_pt: float = 3.5) -> None:
    """Write labels next to markers where they fit: each line is (y, [(x, candidate labels, colour), ...]) in data
    coordinates; a label goes right of its marker, else left, never over a neighbouring marker, another label or
    the axes' edge; the first candidate that fits is used, else none.

    Runs on the final layout (the figure must already fit the page), with matplotlib's own text extents."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    radius, gap = radius_pt * fig.dpi / 72, 3 * fig.dpi / 72
    for y, items in lines:
        xs = [ax.transData.transform((x, y))[0] for x, _, _ in items]
        free = frame.x0  # everything left of this is taken
        for k, ((x, candidates, color), px) in enumerate(zip(items, xs)):
            right_end = xs[k + 1] - radius - gap if k + 1 < len(items) else frame.x1
            left_end = max(free, xs[k - 1] + radius + gap if k else frame.x0)
            placed = False
            for text in candidates:
                label = ax.annotate(text, (x, y), xytext=(radius_pt + 2, 0), textcoords="offset points", ha="left",
                                    va="center", fontsize=base.SMALL, color=color, annotation_clip=False)
                label.set_in_layout(False)
                width = label.get_window_extent(renderer).width
                if px + radius + gap + width <= right_end:
                    free, placed = px + radius + gap + width + gap, True
                    break
                if px - radius - gap - width >= left_end:
                    label.set_position((-(radius_pt + 2), 0))
                    label.set_horizontalalignment("right")
                    free, placed = px + radius, True
                    break
                label.remove()
            if not placed:
                free = max(free, px + radius)


def _x_axis(ax, values: pd.Series) -> None:
    """Log axis from 1 to 10 million (wider if the data are), ticks at powers of ten in English notation."""
    low = min(1.0, float(values.min()) / 2) if len(values) else 1.0
    high = max(1e7, float(values.max()) * 3) if len(values) else 1e7
    ax.set_xscale("log")
    ax.set_xlim(low, high)
    ax.xaxis.set_major_locator(FixedLocator([10.0**k for k in range(math.ceil(math.log10(low)), math.floor(math.log10(high)) + 1)]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: claims.english_number(v)))
    ax.set_xlabel("Reported number (log scale; Soldaten unless named)")
    ax.grid(axis="x", which="major", alpha=0.3)


def _thin_ticks(ax) -> None:
    """On a narrow axis where neighbouring tick labels touch, label every other power of ten (1; 100; 10,000; ...)."""
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
    gap = 4 * ax.figure.dpi / 72
    if any(a.x1 + gap > b.x0 for a, b in zip(boxes, boxes[1:])):
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: claims.english_number(v) if round(math.log10(v)) % 2 == 0 else ""))


def _markers(ax, points: list[tuple[float, float, object]], colors: dict[str, str], size: float) -> None:
    """Draw (x, y, figure row) points: shape by kind of figure, colour by authority, vague ones hollow (one scatter
    per shape and fill, so hundreds of points stay fast)."""
    groups: dict[tuple[str, bool], list] = {}
    for x, y, row in points:
        groups.setdefault((MARKERS.get(row.measure, "o"), bool(row.vague)), []).append((x, y, colors[row.institution]))
    for (marker, vague), rows in groups.items():
        xs, ys, cs = zip(*rows)
        if vague:
            ax.scatter(xs, ys, marker=marker, s=size, zorder=3, linewidths=1.2, facecolor="none", edgecolor=list(cs))
        else:
            ax.scatter(xs, ys, marker=marker, s=size, zorder=3, color=list(cs))


def _troop_legend(fig, colors: dict[str, str]) -> None:
    entries = authority_legend(colors)
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=name) for name, c in entries]
    handles += [Line2D([], [], marker=m, linestyle="", color="black", label=k) for k, m in MARKERS.items()]
    handles += [Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markeredgecolor="black",
                       label=VAGUE_LEGEND)]
    ncol = _legend_columns([h.get_label() for h in handles])
    fig.legend(handles=handles, loc="outside lower center", ncol=ncol, fontsize=base.SMALL, frameon=False,
               title="colour: authority cited; shape: kind of figure", title_fontsize=base.SMALL)


def _legend_height(colors: dict[str, str]) -> float:
    """Inches the legend below the figure takes (title and rows)."""
    labels = [name for name, _ in authority_legend(colors)] + list(MARKERS) + [VAGUE_LEGEND]
    return 0.25 + 0.17 * math.ceil(len(labels) / _legend_columns(labels))


def _by_unit(figures: pd.DataFrame, by: str) -> dict[str, list]:
    """The figure rows (named tuples, table order) of each unit."""
    out: dict[str, list] = {}
    for unit, row in zip(figures[by].tolist(), figures.drop(columns=by).itertuples(index=False)):
        out.setdefault(unit, []).append(row)
    return out


def _draw_bands(ax, figures: pd.DataFrame, units: list[str], by: str, colors: dict[str, str]) -> list:
    """Each unit a band, each of its figures on its own line (ordered by value); returns the label lines."""
    lines, ticks, points, top = [], [], [], 0.0
    rows_of = _by_unit(figures, by)
    for unit in units:
        rows = rows_of.get(unit, [])
        for k, r in enumerate(rows):
            y = top + 0.6 + k
            points.append((r.value, y, r))
            lines.append((y, [(r.value, [_label(r), _label(r, with_unit=False)], "0.35" if r.vague else "black")]))
        ticks.append(top + 0.6 + (max(len(rows), 1) - 1) / 2)
        top += max(len(rows), 1) + 0.2
        if unit != units[-1]:
            ax.axhline(top, color="0.85", linewidth=0.6)
    _markers(ax, points, colors, 30)
    ax.set_yticks(ticks, units)
    ax.set_ylim(top, 0)
    return lines


def _draw_rows(ax, figures: pd.DataFrame, units: list[str], by: str, colors: dict[str, str]) -> list:
    """One row per unit with its distinct figures (several at one value spread a little up and down); returns the
    label lines: one label per value, the counted unit named where all exact figures at that value share it."""
    lines, points = [], []
    ax.hlines(range(len(units)), 0, 1, transform=ax.get_yaxis_transform(), color="0.93", linewidth=0.6, zorder=1)
    rows_of = _by_unit(figures, by)
    for y, unit in enumerate(units):
        at: dict[float, list] = {}
        for r in rows_of.get(unit, []):
            at.setdefault(r.value, []).append(r)
        items = []
        for value in sorted(at):
            group = at[value]
            offsets = np.linspace(-0.3, 0.3, len(group)) if len(group) > 1 else [0.0]
            points += [(value, y + off, r) for off, r in zip(offsets, group)]
            exact = [r for r in group if not r.vague]
            first = (exact or group)[0]
            candidates = [_label(first, with_count=False)] if exact and len({r.unit for r in exact}) == 1 else []
            candidates.append(_label(first, with_unit=False, with_count=False))
            items.append((value, list(dict.fromkeys(candidates)), "black" if exact else "0.35"))
        lines.append((y, items))
    _markers(ax, points, colors, 24)
    ax.set_yticks(range(len(units)), units)
    ax.set_ylim(len(units) - 0.5, -0.5)
    return lines


def textplot_claims_troop_numbers(ledger: pd.DataFrame, *, book):
    """Figure `claims-troop-numbers`: every troop, loss and army-size figure (`claims.ledger`) per unit, drawn from
    the distinct figures of each unit (`claims.troop_figures`).

    Units in catalog order on a log axis, each figure coloured by the authority cited and shaped by its kind; vague
    quantities hollow, at the order of magnitude they name ("thousands"). Few figures: each figure of a unit on its
    own line in the unit's band, all labelled. Many: one row per unit, labels where they fit, in parts of at most
    the rows one page holds. Returns the figure, or the list of figures when drawn in parts.
    """
    by = book.by
    figures = claims.troop_figures(book.label(ledger), by=by)
    zeros = int((figures["value"] <= 0).sum())
    figures = figures[figures["value"] > 0]
    units = list(book.units) + sorted(set(figures[by]) - set(book.units), key=str)
    colors = authority_colors(ledger["institution"])
    unit_name = book.unit_name
    chrome = 0.75 + _legend_height(colors)  # x axis, its label and the legend below
    per_unit = [max(int((figures[by] == u).sum()), 1) for u in units]
    banded = (sum(per_unit) + 0.2 * len(units)) * LINE_HEIGHT + chrome <= PAGE_HEIGHT
    per_page = max(1, int((PAGE_HEIGHT - chrome) // ROW_HEIGHT[0]))
    n_parts = 1 if banded else math.ceil(len(units) / per_page)
    size = math.ceil(len(units) / n_parts) if units else 1
    caption = (
        f"Troop, loss and army-size figures per {unit_name} on a log axis, coloured by the authority cited for them "
        "(sourcing analysis), shaped by their kind; hollow markers are vague quantities ('Tausende', labelled "
        "'thousands' and drawn at 1,000, the order of magnitude they name). "
    )
    caption += (
        f"Each distinct figure has its own line within the {unit_name}'s band; (×2): mentioned twice."
        if banded else
        f"One row per {unit_name} with its distinct figures (several authorities for one value spread a little up and "
        "down); a figure is labelled where its label fits between its neighbours, every figure is in table claims-ledger."
    )
    if zeros:
        caption += f" {zeros} figure(s) of 0 cannot be drawn on a log axis and are left out (they are in table claims-ledger)."
    drawn = []
    for k in range(n_parts):
        part_units = units[k * size : (k + 1) * size]
        if banded:
            plot_height = (sum(per_unit) + 0.2 * len(units)) * LINE_HEIGHT
        else:
            plot_height = len(part_units) * min(ROW_HEIGHT[1], max(ROW_HEIGHT[0], (PAGE_HEIGHT - chrome) / max(len(part_units), 1)))
        fig, ax = book.figure(height=max(plot_height, 0.5) + chrome)
        if figures.empty:
            base.nothing_to_show(ax, "no troop, loss or army-size figures in this corpus")
        else:
            part = figures[figures[by].isin(part_units)]
            lines = (_draw_bands if banded else _draw_rows)(ax, part, part_units, by, colors)
            _x_axis(ax, figures["value"])
            _troop_legend(fig, colors)
            fit_to_page(fig)  # labels are placed on the final layout
            fig.draw_without_rendering()
            _thin_ticks(ax)
            _place_labels(ax, lines)
        book.save(fig, "claims-troop-numbers", caption=caption, part=(k + 1, n_parts))
        drawn.append(fig)
    return drawn[0] if len(drawn) == 1 else drawn


# ------------------------------------------------------------------ reuse heatmap


def _numbered_names(names: list[str]) -> list[str]:
    """Names made unique: a repeated name gets (1), (2), ... in order (two articles of one outlet)."""
    counts, seen = Counter(names), Counter()
    out = []
    for name in names:
        seen[name] += 1
        out.append(f"{name} ({seen[name]})" if counts[name] > 1 else name)
    return out


def _column_labels(names: list[str], column_width: float) -> list[str] | None:
    """The names wrapped onto at most three horizontal lines if every one fits `column_width` inches, else None."""
    if any(base.text_width(word) > 0.9 * column_width for name in names for word in name.split()):
        return None  # a word wider than its column: no wrapping helps
    wrapped = []
    for name in names:
        for chars in range(max(len(name), 1), 0, -1):
            lines = textwrap.wrap(name, chars, break_long_words=False) or [""]
            if len(lines) > 3:
                return None
            if max(base.text_width(line) for line in lines) <= 0.9 * column_width:
                wrapped.append("\n".join(lines))
                break
        else:
            return None
    return wrapped


def _number_labels(n: int, column_width: float) -> list[str]:
    """Column numbers 1..n, every one where they fit, else every 2nd, 5th or 10th (and the first)."""
    widest = base.text_width(str(n)) + 0.06
    step = next((s for s in (1, 2, 5, 10, 20) if s * column_width >= widest), 50)
    return [str(i) if i == 1 or i % step == 0 else "" for i in range(1, n + 1)]


def _scale_top(matrices: Iterable[pd.DataFrame]) -> float:
    """The colour scale's end: the smallest of 10, 20, 50 and 100 % above every cell, so small shares still show."""
    largest = max((float(np.nanmax(m.to_numpy(dtype=float))) for m in matrices if np.isfinite(m.to_numpy(dtype=float)).any()), default=0.0)
    return next(top for top in (10.0, 20.0, 50.0, 100.0) if largest <= top)


def _percent(value: float) -> str:
    return f"{value:.1f}" if 0 < value < 10 else f"{value:.0f}"


def _top_units(matrices: list[pd.DataFrame], most: int) -> list[str]:
    """The `most` units sharing the most with the others (sum of row and column means over all panels), in the
    matrices' order."""
    units = list(matrices[0].index)
    if len(units) <= most:
        return units
    total = sum(m.fillna(0).sum(axis=0) + m.fillna(0).sum(axis=1) for m in matrices)
    keep = set(total.sort_values(ascending=False, kind="stable").index[:most])
    return [u for u in units if u in keep]


def reuse_unit_table(matrices: dict[str, pd.DataFrame], by: str) -> pd.DataFrame:
    """The unit-by-unit heatmap's numbers as one tidy table: one row per ordered pair of units, one column per level
    (mean % of a row-unit article's words shared with a column-unit article)."""
    table = None
    for level, m in matrices.items():
        long = m.rename_axis(index=by).reset_index().melt(id_vars=by, var_name="shared_with", value_name=f"{level}_pct")
        table = long if table is None else table.merge(long, on=[by, "shared_with"], how="outer", sort=False)
    return table.round(2)


def textplot_reuse_share_heatmap(shares: pd.DataFrame, rewrite_shares: pd.DataFrame | None = None, *, book):
    """Figure `reuse-share-heatmap`: share of each row article's (or unit's) words in passages shared with each
    column article (unit).

    Top (or part 1): verbatim copy (`reuse_shares`); below (or part 2): close rewrites (`reuse_rewrite_shares`), drawn
    only where the pipeline searched for them (`reuse.rewrites_computed`). Up to `ARTICLE_LEVEL_MAX` articles the
    rows are articles (`reuse.share_matrix`); beyond, units (`reuse.unit_share_matrix`, mean over article pairs;
    also exported as table `reuse-unit-shares`). Returns the figure, or the list of figures when drawn in parts.
    """
    panels = [(f"verbatim copy (word {reuse.NGRAM}-grams, passages ≥ {reuse.MIN_WORDS} words)", "verbatim", shares)]
    if rewrite_shares is not None and reuse.rewrites_computed(book.articles):
        n = "word pairs" if reuse.REWRITE["n"] == 2 else f"word {reuse.REWRITE['n']}-grams"
        panels.append((f"close rewrites ({n}, passages ≥ {reuse.REWRITE['min_words']} words)", "rewrite", rewrite_shares))
    articles = book.articles
    by_article = len(articles) <= ARTICLE_LEVEL_MAX
    if by_article:
        ids = [str(a) for a in articles["article_id"]]
        plain = book.label(pd.DataFrame({"article_id": ids}))[book.by].fillna(pd.Series(ids)).astype(str).tolist()
        names = _numbered_names(plain)
        shown_as = dict(zip(names, plain))  # numbered columns number the rows: no '(1)', '(2)' for repeated names
        matrices = {level: (reuse.share_matrix(t, ids) * 100).set_axis(names, axis=0).set_axis(names, axis=1)
                    for _, level, t in panels}
        row, column = "article", "article"
    else:
        matrices = {level: reuse.unit_share_matrix(t, articles, by=book.by, units=list(book.units)) * 100 for _, level, t in panels}
        shown_as = {}
        row, column = book.unit_name, book.unit_name
        book.table(reuse_unit_table(matrices, book.by), "reuse-unit-shares", float_format="%.2f",
                   caption=f"Mean share (%) of the words of an article of the {book.unit_name} in passages it shares "
                           f"with an article of the other {book.unit_name}, over all pairs of their articles: verbatim "
                           "copy and close rewrites.")
    keep = _top_units(list(matrices.values()), HEATMAP_MAX_UNITS)
    left_out = len(matrices["verbatim"]) - len(keep)
    matrices = {level: m.loc[keep, keep] for level, m in matrices.items()}
    n = len(keep)
    top = _scale_top(matrices.values())
    annotate = n <= ANNOTATE_MAX
    row_height = min(0.32, (PAGE_HEIGHT / 2 - 0.95) / max(n, 1)) if annotate else 0.15
    panel_height = max(n, 1) * row_height + 0.95
    together = len(panels) * panel_height <= PAGE_HEIGHT
    groups = [panels] if together else [[p] for p in panels]
    if by_article:
        what = "Share (%) of each row article's words inside passages shared with each column article"
    else:
        what = (f"Mean share (%) of the words of an article of the row {row} inside passages it shares with an article "
                f"of the column {column}, over all pairs of their articles (diagonal: pairs within one {row}; a dash "
                f"where a {row} has a single article)")
    levels = " and ".join({"verbatim": "verbatim copy", "rewrite": "close rewrites of single sentences"}[lv] for _, lv, _ in panels)
    caption = f"{what}: {levels}."
    if not annotate:
        caption += " Cells carry no numbers at this size; table reuse-unit-shares has them."
    if left_out:
        caption += (f" Shown: the {n} {row}s sharing the most with the others; {left_out} {row}s with less are left out "
                    "(all are in table reuse-unit-shares).")
    label_width = max((base.text_width(f"{name} ({n})") for name in keep), default=0.5)
    column_width = (FULL_WIDTH - label_width - 1.3) / max(n, 1)
    columns = _column_labels(keep, column_width)
    numbered = columns is None
    columns = _number_labels(n, column_width) if numbered else columns
    rows = [f"{shown_as.get(name, name)} ({i})" for i, name in enumerate(keep, start=1)] if numbered else keep
    drawn = []
    for k, group in enumerate(groups):
        fig, axes = book.figure(height=len(group) * panel_height, nrows=len(group), squeeze=False)
        axes = [a[0] for a in axes]
        for ax, (title, level, _) in zip(axes, group):
            matrix = matrices[level].set_axis(rows, axis=0)
            image = base.heatmap(ax, matrix, fmt=_percent, vmin=0, vmax=top, xticklabels=columns, rotation=0, annotate=annotate)
            ax.tick_params(labelsize=base.SMALL)
            ax.set_title(title, fontsize=8)
            ax.set_ylabel(f"{row} (row)", fontsize=base.SMALL)
            ax.set_xlabel(f"shared with (column {column}" + (", numbered as the rows)" if numbered else ")"), fontsize=base.SMALL)
            if n == 0:
                base.nothing_to_show(ax, "no articles")
        fig.colorbar(image, ax=axes, shrink=0.9 if len(axes) == 1 else 0.6, fraction=0.04, aspect=30, pad=0.02,
                     label=f"% of row {row}'s words" if by_article else f"mean % of a row {row} article's words")
        book.save(fig, "reuse-share-heatmap", caption=caption, part=(k + 1, len(groups)))
        drawn.append(fig)
    return drawn[0] if len(drawn) == 1 else drawn
