"""Unit comparisons with uncertainty: shares with article-level intervals, tested differences, coverage over time.

Every measure is a ratio of counts summed over a unit's articles (citations of an institution / all citations,
attributed prose sentences / prose sentences, ...). The articles of a unit are treated as a sample of its coverage,
so the uncertainty comes from which articles the unit happened to publish, not from its sentences (sentences of one
article are not independent draws):

- intervals: cluster (article-level) bootstrap of the ratio estimator, resampling a unit's articles with
  replacement (Davison & Hinkley 1997, ch. 3.8; Field & Welsh 2007; Cameron, Gelbach & Miller 2008), percentile
  interval; a unit with a single article has no interval;
- differences between two units: the bootstrap interval of the difference (each unit resampled on its own), a
  two-sided permutation test that shuffles the unit labels of the two units' articles (Good 2005; p with the +1
  correction of Phipson & Smyth 2010), Benjamini-Hochberg q-values over the whole family of tests (Benjamini &
  Hochberg 1995), and an effect size: Cohen's h for shares, the standardised mean difference of article values for
  rates (Cohen 1988).

Pure functions of the extract's tables; `textstat_comparisons` returns them all (registered in the pipeline as a
grouped corpus-level analysis, so `by` is the run's comparison unit).
"""

from __future__ import annotations

import contextlib
import math
import zlib
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

from .corpus import PROSE_ROLES, select_roles, with_outlet
from .framing import frame_order
from .sourcing import source_type_order
from .text import plural

MEASURE_COLUMNS = ["article_id", "measure", "category", "numerator", "denominator"]
# measure -> (category column, numerator column, denominator column, value column, scale) of its unit-level table
MEASURES: dict[str, tuple[str, str, str, str, float]] = {
    "reliance": ("institution", "n_citations", "citations", "share", 1.0),
    "source_types": ("source_type", "n_citations", "citations", "share", 1.0),
    "attributed_share": ("category", "n_attributed", "sentences", "share", 1.0),
    "tone_shares": ("label", "n_sentences", "sentences", "share", 1.0),
    "frame_shares": ("frame", "n_sentences", "sentences", "share", 1.0),
    "hedging_rates": ("kind", "n_markers", "words", "per_1000_words", 1000.0),
}
RATES = ("hedging_rates",)
# How a measure is named in figures and the narrative.
MEASURE_NAMES = {
    "reliance": "cited", "source_types": "source type", "attributed_share": "attributed sentences",
    "tone_shares": "tone", "frame_shares": "frame", "hedging_rates": "hedging",
}
DIFFERENCE_COLUMNS = ["measure", "category", "unit_a", "unit_b", "difference", "ci_low", "ci_high", "effect_size",
                      "p_value", "q_value", "n_a", "n_b", "value_a", "value_b"]
TONE_LABELS = ("negative", "neutral", "positive")
N_BOOT = 2000
N_PERM = 2000
SEED = 14


def _table(table: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """`table`, or an empty table with `columns` when an input is missing (a corpus without articles)."""
    if table is None or not set(columns) <= set(table.columns):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    if table.empty:  # an empty table may come with float columns, which do not join with text keys
        return table.astype({c: object for c in columns})
    return table


def _order(present, preferred) -> list[str]:
    present = set(present.unique() if isinstance(present, pd.Series) else present)
    return [c for c in preferred if c in present] + sorted(c for c in present if c not in preferred)


def article_measures(
    sentences: pd.DataFrame,
    *,
    attributions: pd.DataFrame,
    sentiment: pd.DataFrame,
    frames: pd.DataFrame,
    hedging: pd.DataFrame,
    tone_label: str = "tone",
    codebooks_dir: Path | None = None,
    memo=None,
) -> pd.DataFrame:
    """Per article, measure and category: `numerator` and `denominator` of each share the comparisons estimate.

    - reliance (category: institution) and source_types (source type): citations of it / the article's citations;
      a citation is one attribution row, credit lines left out (as in `sourcing.reliance`);
    - attributed_share ("attributed"): prose sentences (lead, body) with any attribution / prose sentences;
    - tone_shares (label): sentences of the outlet's text (credit lines left out) with that `tone_label` / its
      labelled sentences;
    - frame_shares (frame): text sentences showing the frame / text sentences;
    - hedging_rates (kind: hedge, certainty): markers in the text / its words (x 1,000 in the unit tables).

    An article enters a measure only if its denominator is positive (an article citing no one says nothing about
    whom it relies on). Every category has a row per such article (numerator 0 where absent), except reliance,
    which keeps only the institutions an article cites. Source types and frames follow codebook order
    (`codebooks_dir`, default: the package's codebooks).

    With the pipeline's `memo`, the counts of articles unchanged since they were stored are reused and only the
    other articles' rows are counted (the table is the same as without it: see `MeasureCounts`).
    """
    # only the columns used below: filtering the tables' other columns (sentence text, terms) would cost the most
    inputs = {"sentences": (sentences, ["article_id", "sentence_id", "role", "n_words"]),
              "attributions": (attributions, ["article_id", "sentence_id", "institution", "source_type", "speech_type"]),
              "sentiment": (sentiment, ["article_id", "role", tone_label]),
              "frames": (frames, ["article_id", "sentence_id", "role", "frame"]),
              "hedging": (hedging, ["article_id", "role", "kind"])}
    stored = MeasureCounts.load(memo, tone_label=tone_label) if memo is not None else None
    kept = stored.current(memo.keys) if stored is not None else None
    known = set(stored.ids[kept]) if kept is not None and kept.any() else None
    tables = {}
    for name, (table, columns) in inputs.items():
        table = _table(table, columns)
        if known is not None:  # only the rows of articles without stored counts (tested per distinct id: far faster)
            codes, uniques = pd.factorize(table["article_id"])
            fresh = np.array([a not in known for a in uniques] + [True], dtype=bool)
            table = table.loc[fresh[codes], columns]
        else:
            table = table[columns]
        tables[name] = table
    counts = MeasureCounts.of(**tables, tone_label=tone_label)
    if stored is not None:
        counts = stored.keep(kept).add(counts)
    if memo is not None and (stored is None or stored.stale(kept, memo.keys) > STORED_STALE_SHARE * len(memo.keys)):
        counts.save(memo, tone_label=tone_label)
    return counts.table(codebooks_dir=codebooks_dir)


STORED_STALE_SHARE = 0.05  # the stored counts are rewritten once more than this share of the articles are not in them


class MeasureCounts:
    """The counts behind `article_measures`, article by article: rows (article, measure, category, count) coded into
    `ids`, `MEASURES` order and `cats`; category -1 holds the article's denominator of the measure. Every count is one
    article's, so the counts of unchanged articles are kept between runs (`save`, `load`) and new articles' added;
    `table` makes the same table from any such union. A missing value in a category column is kept as a row with
    count 0: it names a category present in the corpus, as the full computation sees it."""

    MEMO = "comparisons"
    COLUMNS = ("article", "measure", "category", "count")

    def __init__(self, *, ids: np.ndarray, cats: np.ndarray, rows: dict[str, np.ndarray], keys: list | None = None) -> None:
        self.ids, self.cats, self.rows, self.keys = ids, cats, rows, keys

    @classmethod
    def of(cls, *, sentences: pd.DataFrame, attributions: pd.DataFrame, sentiment: pd.DataFrame, frames: pd.DataFrame,
           hedging: pd.DataFrame, tone_label: str) -> MeasureCounts:
        """The counts of every article in the tables (each with at least the columns `article_measures` reads)."""
        cites = attributions[attributions["speech_type"] != "credit line"]
        n_cites = cites.groupby("article_id").size()
        prose = select_roles(sentences, PROSE_ROLES)[["article_id", "sentence_id"]]
        cited = cites[["article_id", "sentence_id"]].drop_duplicates()
        attributed = prose.merge(cited, on=["article_id", "sentence_id"]).groupby("article_id").size()
        tone = select_roles(sentiment)
        tone = tone[tone[tone_label].notna() & (tone[tone_label].astype(str) != "")]
        text = select_roles(sentences)
        shown = select_roles(frames).drop_duplicates(["article_id", "sentence_id", "frame"])
        marks = select_roles(hedging)
        # per measure (MEASURES order): counts by (article, category), the rows whose categories are listed, denominators
        parts = [(cites.groupby(["article_id", "institution"]).size(), None, n_cites),
                 (cites.groupby(["article_id", "source_type"]).size(), cites[["article_id", "source_type"]], n_cites),
                 (attributed, None, prose.groupby("article_id").size()),
                 (tone.groupby(["article_id", tone_label]).size(), None, tone.groupby("article_id").size()),
                 (shown.groupby(["article_id", "frame"]).size(), shown[["article_id", "frame"]], text.groupby("article_id").size()),
                 (marks.groupby(["article_id", "kind"]).size(), marks[["article_id", "kind"]],
                  text.groupby("article_id")["n_words"].sum())]
        pieces = []  # (articles, categories or None for denominators, counts, measure)
        for k, (counts, listed, denominators) in enumerate(parts):
            if counts.index.nlevels == 2:
                pieces.append((counts.index.get_level_values(0), counts.index.get_level_values(1), counts.to_numpy(dtype=np.int64), k))
            else:  # attributed_share: one category
                pieces.append((counts.index, pd.Index(["attributed"] * len(counts), dtype=object), counts.to_numpy(dtype=np.int64), k))
            missing = listed[listed.iloc[:, 1].isna()] if listed is not None else None
            if missing is not None and len(missing):  # left out by groupby, yet listed as a category (numerator 0)
                pieces.append((pd.Index(missing.iloc[:, 0]), pd.Index(missing.iloc[:, 1]), np.zeros(len(missing), dtype=np.int64), k))
            pieces.append((denominators.index, None, denominators.to_numpy(dtype=np.int64), k))
        article, ids = pd.factorize(pieces[0][0].append([p[0] for p in pieces[1:]]))
        named = [p[1] for p in pieces if p[1] is not None]
        codes, cats = pd.factorize(named[0].append(named[1:]), use_na_sentinel=False)
        category, at = [], 0
        for _, listed, counts, _ in pieces:
            category.append(np.full(len(counts), -1, dtype=np.int64) if listed is None else codes[at : at + len(counts)])
            at += 0 if listed is None else len(counts)
        return cls(ids=np.asarray(ids, dtype=object), cats=np.asarray(cats, dtype=object),
                   rows={"article": np.asarray(article, dtype=np.int64),
                         "measure": np.concatenate([np.full(len(p[2]), p[3], dtype=np.int64) for p in pieces]),
                         "category": np.concatenate(category).astype(np.int64),
                         "count": np.concatenate([p[2] for p in pieces])})

    @classmethod
    def load(cls, memo, *, tone_label: str) -> MeasureCounts | None:
        """The counts `save` stored, with each article's cache key then; None if missing, of other parameters or not
        as `save` writes them."""
        saved = memo.load(cls.MEMO)
        if saved is None:
            return None
        tables, meta = saved
        table = tables.get("counts")
        ids, keys, cats = (meta.get(k) for k in ("ids", "keys", "categories"))
        if (meta.get("params") != {"tone_label": tone_label} or table is None or tuple(table.columns) != cls.COLUMNS
                or not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in (ids, keys, cats))
                or len(ids) != len(keys) or any(table[c].dtype.kind not in "iu" for c in cls.COLUMNS)):
            return None
        rows = {c: table[c].to_numpy(dtype=np.int64) for c in cls.COLUMNS}
        if len(table) and not (0 <= rows["article"].min() and rows["article"].max() < len(ids)
                               and -1 <= rows["category"].min() and rows["category"].max() < len(cats)
                               and 0 <= rows["measure"].min() and rows["measure"].max() < len(MEASURES)):
            return None
        return cls(ids=np.array(ids, dtype=object), cats=np.array(cats, dtype=object), rows=rows, keys=keys)

    def current(self, keys: dict[str, str]) -> np.ndarray:
        """Per stored article: whether it is unchanged, its cache key the one in `keys` (article id -> key)."""
        return np.array([keys.get(a) == k for a, k in zip(self.ids, self.keys or [])], dtype=bool)

    def stale(self, kept: np.ndarray, keys: dict[str, str]) -> int:
        """How many articles in `keys` the stored counts miss, plus how many they hold in vain (`kept`: `current`)."""
        n = int(kept.sum())
        return (len(keys) - n) + (len(self.ids) - n)

    def keep(self, kept: np.ndarray) -> MeasureCounts:
        """Only the rows of the articles `kept` (a mask over `ids`)."""
        rows = kept[self.rows["article"]] if len(kept) else np.zeros(len(self.rows["article"]), dtype=bool)
        return MeasureCounts(ids=self.ids, cats=self.cats, rows={c: v[rows] for c, v in self.rows.items()})

    def add(self, other: MeasureCounts) -> MeasureCounts:
        """These counts and `other`'s, articles apart (an article's rows come from one of them)."""
        where = {c: i for i, c in enumerate(self.cats)}
        cats = list(self.cats)
        for c in other.cats:
            if c not in where:
                where[c] = len(cats)
                cats.append(c)
        recode = np.array([where[c] for c in other.cats] + [-1], dtype=np.int64)  # -1 (denominator) stays -1
        rows = {"article": np.concatenate([self.rows["article"], other.rows["article"] + len(self.ids)]),
                "measure": np.concatenate([self.rows["measure"], other.rows["measure"]]),
                "category": np.concatenate([self.rows["category"], recode[other.rows["category"]]]),
                "count": np.concatenate([self.rows["count"], other.rows["count"]])}
        return MeasureCounts(ids=np.concatenate([self.ids, other.ids]), cats=np.array(cats, dtype=object), rows=rows)

    def save(self, memo, *, tone_label: str) -> None:
        """Store the counts of the articles in `memo.keys` with their keys (not where a category is not text)."""
        if not all(isinstance(c, str) for c in self.cats):
            return
        ids = list(memo.keys)
        at = {a: i for i, a in enumerate(ids)}
        article = np.array([at.get(a, -1) for a in self.ids] + [-1], dtype=np.int64)[self.rows["article"]]
        keep = article >= 0
        used, category = np.unique(np.concatenate([[-1], self.rows["category"][keep]]), return_inverse=True)
        table = pd.DataFrame({"article": article[keep].astype(np.int32), "measure": self.rows["measure"][keep].astype(np.int8),
                              "category": (category[1:] - 1).astype(np.int32), "count": self.rows["count"][keep]})
        memo.save(self.MEMO, {"counts": table}, {"params": {"tone_label": tone_label}, "ids": ids,
                                                 "keys": [memo.keys[a] for a in ids], "categories": self.cats[used[1:]].tolist()})

    def table(self, *, codebooks_dir: Path | None = None) -> pd.DataFrame:
        """The `article_measures` table of these counts."""
        rank = np.empty(len(self.ids), dtype=np.int64)  # articles in id order, as groupby sorts them
        rank[np.argsort(self.ids, kind="stable")] = np.arange(len(self.ids))
        cat_rank = np.empty(len(self.cats), dtype=np.int64)
        if len(self.cats) and all(isinstance(c, str) for c in self.cats):
            cat_rank[np.argsort(self.cats, kind="stable")] = np.arange(len(self.cats))
        else:  # a missing value among them: order by text as pandas would, or fail as it would
            cat_rank[:] = pd.Series(self.cats, dtype=object).rank(method="dense").fillna(len(self.cats)).to_numpy()
        preferred = {"source_types": lambda: source_type_order(codebooks_dir=codebooks_dir), "tone_shares": lambda: TONE_LABELS,
                     "frame_shares": lambda: frame_order(codebooks_dir=codebooks_dir), "hedging_rates": lambda: ("hedge", "certainty")}
        rows, position = self.rows, np.full(len(self.ids), -1, dtype=np.int64)
        columns: dict[str, list] = {c: [] for c in MEASURE_COLUMNS}
        for k, measure in enumerate(MEASURES):
            mine = rows["measure"] == k
            den = mine & (rows["category"] < 0)
            den_article, den_value = rows["article"][den], rows["count"][den]
            positive = den_value > 0
            den_article, den_value = den_article[positive], den_value[positive]
            order = np.argsort(rank[den_article], kind="stable")
            den_article, den_value = den_article[order], den_value[order]
            position[:] = -1
            position[den_article] = np.arange(len(den_article))
            num = mine & (rows["category"] >= 0)
            article, category, value = rows["article"][num], rows["category"][num], rows["count"][num]
            if measure == "reliance":  # the institutions an article cites, most cited (in the corpus) first
                totals = np.zeros(len(self.cats), dtype=np.int64)
                np.add.at(totals, category, value)
                keep = (value > 0) & (position[article] >= 0)
                article, category, value = article[keep], category[keep], value[keep]
                order = np.lexsort((rank[article], cat_rank[category], -totals[category]))
                article, category, value = article[order], category[order], value[order]
                columns["article_id"].append(self.ids[article])
                columns["category"].append(self.cats[category])
                columns["numerator"].append(value)
                columns["denominator"].append(den_value[position[article]])
            else:  # every (article, category), articles in id order: a dense matrix filled from the counts
                names = ["attributed"] if measure == "attributed_share" else _order(
                    [self.cats[c] for c in np.unique(category)], preferred[measure]())
                at = {name: i for i, name in enumerate(names)}
                column = np.array([at.get(c, -1) for c in self.cats] + [-1], dtype=np.int64)[category]
                known = (position[article] >= 0) & (column >= 0)
                matrix = np.zeros((len(den_article), len(names)), dtype=np.int64)
                matrix[position[article[known]], column[known]] = value[known]
                columns["article_id"].append(self.ids[den_article].repeat(len(names)))
                columns["category"].append(np.tile(np.array(names, dtype=object), len(den_article)))
                columns["numerator"].append(matrix.ravel())
                columns["denominator"].append(np.repeat(den_value, len(names)))
            columns["measure"].append(np.full(len(columns["numerator"][-1]), measure, dtype=object))
        if not sum(len(v) for v in columns["numerator"]):
            return pd.DataFrame(columns=MEASURE_COLUMNS).astype({"numerator": int, "denominator": int})
        return pd.DataFrame({c: np.concatenate(v) for c, v in columns.items()})[MEASURE_COLUMNS]


# --------------------------------------------------------------------------- estimation


def _counts_product(a: np.ndarray, b: np.ndarray, row_total: float) -> np.ndarray:
    """a @ b for whole numbers: `a` holds resampling weights or splits whose rows sum to `row_total`, `b` counts.
    In float32, exact while every sum stays below 2**24 and far faster than float64 for these small products."""
    if row_total * float(np.abs(b).max(initial=0)) < 2**24:
        return (a.astype(np.float32, copy=False) @ b.astype(np.float32)).astype(float)
    return a.astype(float) @ b


def _rng(seed: int, *keys: str) -> np.random.Generator:
    """A generator for one (measure, unit or pair): its numbers do not change when other units are added."""
    return np.random.default_rng([seed, *(zlib.crc32(str(k).encode()) for k in keys)])


def resample_weights(n: int, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """`n_boot` resamplings of n articles with replacement, as counts per article (n_boot x n, float32): n uniform
    draws per row, counted (the multinomial counts, drawn several times faster than `rng.multinomial`). The draws are
    made as int32 where n allows (numpy draws the same numbers for int32 and int64, at half the memory) in blocks of
    rows that stay in the CPU cache (the numbers drawn do not depend on the block size), each counted at once."""
    weights = np.empty((n_boot, n), dtype=np.float32)
    dtype = np.int32 if n < 2**31 else np.int64
    block = max(1, DRAW_BLOCK_BYTES // (np.dtype(dtype).itemsize * max(1, n)))
    for start in range(0, n_boot, block):
        rows = min(block, n_boot - start)
        picks = rng.integers(0, n, size=(rows, n), dtype=dtype) + (np.arange(rows, dtype=np.int64) * n)[:, None]
        weights[start : start + rows] = np.bincount(picks.ravel(), minlength=rows * n).reshape(rows, n)
    return weights


DRAW_BLOCK_BYTES = 1 << 18  # draws `resample_weights` makes and counts at a time


class Resamples:
    """Bootstrap weights per (unit, number of articles), drawn once from `seed` and shared by every measure of the
    unit (the same resampled articles for each measure); a unit's draws do not change when other units change."""

    def __init__(self, seed: int, n_boot: int) -> None:
        self.seed, self.n_boot, self._cache = seed, n_boot, {}

    def get(self, unit, n: int) -> np.ndarray:
        key = (str(unit), n)
        if key not in self._cache:
            self._cache[key] = resample_weights(n, self.n_boot, _rng(self.seed, "bootstrap", unit, n))
        return self._cache[key]


def bootstrap_ratios(numerators: np.ndarray, denominators: np.ndarray, *, n_boot: int, rng: np.random.Generator | None = None,
                     weights: np.ndarray | None = None) -> np.ndarray:
    """Cluster bootstrap of ratio estimators: `numerators` (articles x categories), `denominators` (articles, > 0).

    Each draw resamples the articles with replacement (`weights`: counts per article, else drawn from `rng`) and
    returns sum(numerators) / sum(denominators) over the drawn articles; result n_boot x categories."""
    n = len(denominators)
    weights = resample_weights(n, n_boot, rng) if weights is None else weights
    sums = _counts_product(weights, np.column_stack([numerators, denominators]), n)
    return sums[:, :-1] / sums[:, -1:]


def percentile_interval(draws: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of each row of `draws` (rows x draws; numpy's default linear interpolation)."""
    n = draws.shape[1]
    pos = np.array([(1 - level) / 2, (1 + level) / 2]) * (n - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    part = np.partition(draws, np.unique(np.concatenate([lo, hi])), axis=1)
    bounds = part[:, lo] + (pos - lo) * (part[:, hi] - part[:, lo])
    return bounds[:, 0], bounds[:, 1]


def bh_qvalues(p_values) -> np.ndarray:
    """Benjamini-Hochberg (1995) adjusted p-values (q-values): q_(i) = min over j >= i of p_(j) m / j, at most 1.
    NaN p-values are left out of the family and stay NaN."""
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = np.flatnonzero(np.isfinite(p))
    if not len(ok):
        return q
    order = ok[np.argsort(p[ok], kind="stable")]
    m = len(order)
    ranked = p[order] * m / np.arange(1, m + 1)
    q[order] = np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1.0)
    return q


def cohens_h(p1, p2) -> np.ndarray:
    """Cohen's h (1988): 2 arcsin √p1 − 2 arcsin √p2 (0.2 small, 0.5 medium, 0.8 large)."""
    p1, p2 = (np.clip(np.asarray(p, dtype=float), 0.0, 1.0) for p in (p1, p2))
    return 2 * np.arcsin(np.sqrt(p1)) - 2 * np.arcsin(np.sqrt(p2))


def standardised_difference(a: np.ndarray, b: np.ndarray, *, spread: np.ndarray | None = None) -> np.ndarray:
    """Standardised mean difference of article values, per column of `a` and `b` (articles x categories):
    (mean a − mean b) / SD. The SD is `spread` when given (the comparisons use the SD of the article values over all
    compared articles of the corpus: one yardstick for every pair, and no huge values from two near-equal articles),
    else the pooled SD of the two groups (Cohen's d). NaN where the SD is 0."""
    if spread is None:
        n_a, n_b = len(a), len(b)
        spread = np.sqrt(((n_a - 1) * a.var(axis=0, ddof=1) + (n_b - 1) * b.var(axis=0, ddof=1)) / (n_a + n_b - 2))
    spread = np.asarray(spread, dtype=float)
    safe = np.where(spread > 0, spread, 1.0)
    return np.where(spread > 0, (a.mean(axis=0) - b.mean(axis=0)) / safe, np.nan)


REFINE = 20  # a permutation p-value near its floor is recomputed from REFINE x n_perm fresh shuffles
REFINE_BELOW = 5  # ... when fewer than this many of the first n_perm shuffles reached the observed difference


def _shuffle_counts(numerators, denominators, n_a: int, observed, picks) -> np.ndarray:
    """Per category: how many rows of `picks` (splits, 1 = unit a) give |difference| >= |observed|."""
    tot_num, tot_den = numerators.sum(axis=0), denominators.sum()
    sums = _counts_product(picks, np.column_stack([numerators, denominators]), n_a)
    a_num, a_den = sums[:, :-1], sums[:, -1:]
    stats = a_num / a_den - (tot_num - a_num) / (tot_den - a_den)
    return (np.abs(stats) >= np.abs(observed) - 1e-9 * np.maximum(1e-9, np.abs(observed))).sum(axis=0)


def _shuffles(m: int, n_a: int, n: int, rng: np.random.Generator) -> np.ndarray:
    """`n` random splits of m articles into n_a (1) and m - n_a (0)."""
    labels = np.zeros(m, dtype=bool)
    labels[:n_a] = True
    return rng.permuted(np.tile(labels, (n, 1)), axis=1).astype(np.float32)


class Shuffles:
    """Random splits shared by every test of the same sizes (m articles, n_a of them unit a), drawn once from
    `seed`: as in Westfall & Young's (1993) multiple-testing permutations, each test is valid on its own, and a
    corpus with many units of equal size is not reshuffled for every pair."""

    def __init__(self, seed: int, n_perm: int) -> None:
        self.seed, self.n_perm, self._cache = seed, n_perm, {}

    def get(self, m: int, n_a: int, round_: int = 0) -> np.ndarray:
        key = (m, n_a, round_)
        if key not in self._cache:
            self._cache[key] = _shuffles(m, n_a, self.n_perm, _rng(self.seed, "shuffles", m, n_a, round_))
        return self._cache[key]


def permutation_pvalues(numerators: np.ndarray, denominators: np.ndarray, n_a: int, *, n_perm: int,
                        rng: np.random.Generator | None = None, shuffles: Shuffles | None = None,
                        refine: int = REFINE) -> np.ndarray:
    """Two-sided permutation test of the difference of two ratio estimators, per category.

    The first `n_a` rows (articles) of `numerators`/`denominators` belong to unit a, the rest to unit b. When the
    ways of splitting the articles into the two units are at most `n_perm` (e.g. 2 and 2 articles: 6 splits), all
    of them are enumerated and p is exact: the share of splits with |T*| >= |T| (the observed split among them).
    Otherwise the unit labels are shuffled `n_perm` times (from `shuffles`, else from `rng`) and
    p = (1 + #{|T*| >= |T|}) / (n_perm + 1) (Phipson & Smyth 2010). Such a p cannot fall below 1 / (n_perm + 1),
    which would keep a strong difference from surviving the correction for thousands of tests; so a category with
    fewer than REFINE_BELOW such shuffles gets its p from `refine` x n_perm fresh shuffles instead (a valid
    permutation p-value on its own; the first round only decided how many shuffles it needs)."""
    m = len(denominators)
    observed = numerators[:n_a].sum(axis=0) / denominators[:n_a].sum() - numerators[n_a:].sum(axis=0) / denominators[n_a:].sum()
    if math.comb(m, n_a) <= n_perm:
        picks = np.zeros((math.comb(m, n_a), m))
        for row, chosen in enumerate(combinations(range(m), n_a)):
            picks[row, list(chosen)] = 1.0
        return _shuffle_counts(numerators, denominators, n_a, observed, picks) / len(picks)
    shuffles = shuffles or Shuffles(int(rng.integers(2**31)) if rng is not None else SEED, n_perm)
    counts = _shuffle_counts(numerators, denominators, n_a, observed, shuffles.get(m, n_a))
    p = (1 + counts) / (n_perm + 1)
    rare = np.flatnonzero(counts < REFINE_BELOW)
    if refine > 1 and len(rare):
        more = np.zeros(len(rare))
        for k in range(1, refine + 1):
            more += _shuffle_counts(numerators[:, rare], denominators, n_a, observed[rare], shuffles.get(m, n_a, k))
        p[rare] = (1 + more) / (refine * n_perm + 1)
    return p


def _matrices(rows: pd.DataFrame, units: pd.Series):
    """(unit per article, categories, numerators articles x categories, denominators) of one measure's rows;
    `units` gives each known article's unit (indexed by article id)."""
    at = units.index.get_indexer(rows["article_id"])
    rows = rows[at >= 0]
    a_codes, aids = pd.factorize(rows["article_id"])
    c_codes, cats = pd.factorize(rows["category"])
    num = np.zeros((len(aids), len(cats)))
    np.add.at(num, (a_codes, c_codes), rows["numerator"].to_numpy(dtype=float))
    den = np.zeros(len(aids))
    den[a_codes] = rows["denominator"].to_numpy(dtype=float)  # one denominator per article and measure
    return units.to_numpy(dtype=object)[units.index.get_indexer(aids)], [str(c) for c in cats], num, den


def _one_blas_thread():
    """Single-threaded BLAS for the many small products of resampling: multi-threaded OpenBLAS is up to ten times
    slower on them (thread start-up per product). threadpoolctl comes with scikit-learn; without it, no change."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def unit_comparisons(
    measures: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str = "outlet_label",
    n_boot: int = N_BOOT,
    n_perm: int = N_PERM,
    seed: int = SEED,
    level: float = 0.95,
    min_articles: int = 2,
) -> dict[str, pd.DataFrame]:
    """Per measure, the unit-level table (unit, category, counts, n_articles, share or rate with its bootstrap
    interval), and `outlet_differences`: every pair of units with at least `min_articles` articles each, every
    category found in at least `min_articles` articles of the corpus that one of the two shows.

    `measures`: `article_measures`. Units follow the order of `articles` (catalog order); unit_a comes first.
    """
    with _one_blas_thread():
        return _unit_comparisons(measures, articles, by=by, n_boot=n_boot, n_perm=n_perm, seed=seed, level=level,
                                 min_articles=min_articles)


def _unit_comparisons(measures, articles, *, by, n_boot, n_perm, seed, level, min_articles) -> dict[str, pd.DataFrame]:
    known = articles.drop_duplicates("article_id") if by in articles else pd.DataFrame(columns=["article_id", by])
    unit_of = pd.Series(known[by].to_numpy(dtype=object), index=pd.Index(known["article_id"]))
    order = list(dict.fromkeys(known[by]))
    groups = {m: g for m, g in measures.groupby("measure", sort=False)} if len(measures) else {}
    out: dict[str, pd.DataFrame] = {}
    diffs = []
    shuffles, resamples = Shuffles(seed, n_perm), Resamples(seed, n_boot)
    for measure, (category, num_col, den_col, value_col, scale) in MEASURES.items():
        columns = [by, category, num_col, den_col, "n_articles", value_col, "ci_low", "ci_high"]
        if measure == "attributed_share":
            columns.remove(category)
        rows = groups.get(measure)
        if rows is None or rows.empty:
            floats = (value_col, "ci_low", "ci_high")
            out[measure] = pd.DataFrame({c: pd.Series(dtype=float if c in floats else object) for c in columns})
            continue
        units, cats, num, den = _matrices(rows, unit_of)
        tested = np.flatnonzero((num > 0).sum(axis=0) >= min_articles)
        cols: dict[str, list] = {c: [] for c in columns}
        draws = {}
        for unit in order:
            idx = np.flatnonzero(units == unit)
            if not len(idx):
                continue
            n_sum, d_sum = num[idx].sum(axis=0), den[idx].sum()
            if len(idx) >= 2:
                d = bootstrap_ratios(num[idx], den[idx], n_boot=n_boot, weights=resamples.get(unit, len(idx))).T.copy()
                low, high = (scale * b for b in percentile_interval(d, level))
                if len(idx) >= min_articles:
                    draws[unit] = (idx, d[tested])
            else:
                low = high = np.full(len(cats), np.nan)
            keep = n_sum > 0 if measure == "reliance" else np.ones(len(cats), dtype=bool)
            k = int(keep.sum())
            for name, values in ((by, [unit] * k), (category, np.array(cats, dtype=object)[keep]),
                                 (num_col, n_sum[keep].astype(int)), (den_col, np.full(k, int(d_sum))),
                                 ("n_articles", np.full(k, len(idx))),
                                 (value_col, scale * n_sum[keep] / d_sum), ("ci_low", low[keep]), ("ci_high", high[keep])):
                if name in cols:
                    cols[name].append(values)
        out[measure] = pd.DataFrame({c: np.concatenate(v) if v else [] for c, v in cols.items()})[columns]
        if len(tested):
            diffs.append(_differences(measure, [cats[i] for i in tested], num[:, tested], den, draws, shuffles=shuffles,
                                      level=level, scale=scale))
    diffs = [d for d in diffs if len(d)]
    table = pd.concat(diffs, ignore_index=True) if diffs else pd.DataFrame({c: pd.Series(dtype=object if c in (
        "measure", "category", "unit_a", "unit_b") else float) for c in DIFFERENCE_COLUMNS})
    table["q_value"] = bh_qvalues(table["p_value"])
    key = table["effect_size"].astype(float).abs().fillna(-1)
    table = table.assign(_k=-key).sort_values(["q_value", "_k"], kind="stable").drop(columns="_k")
    out["outlet_differences"] = table[DIFFERENCE_COLUMNS].reset_index(drop=True)
    return out


INTERVAL_BATCH = 64  # pairs whose difference intervals `_differences` takes in one call


def _differences(measure: str, cats: list[str], num: np.ndarray, den: np.ndarray, draws: dict, *, shuffles: Shuffles,
                 level: float, scale: float) -> pd.DataFrame:
    """One measure's pairwise tests (see `unit_comparisons`); q-values are added over the whole family later."""
    cols: dict[str, list] = {c: [] for c in DIFFERENCE_COLUMNS if c not in ("q_value", "ci_low", "ci_high")}
    gaps: list[np.ndarray] = []  # per pair: bootstrap draws of the difference (categories x draws)
    rates = num / den[:, None]
    used = np.unique(np.concatenate([idx for idx, _ in draws.values()])) if draws else np.array([], dtype=int)
    spread = rates[used].std(axis=0, ddof=1) if len(used) > 1 else np.full(len(cats), np.nan)
    sums = {u: (num[idx].sum(axis=0), den[idx].sum()) for u, (idx, _) in draws.items()}
    cats = np.array(cats, dtype=object)
    for unit_a, unit_b in combinations(list(draws), 2):
        (ia, da), (ib, db) = draws[unit_a], draws[unit_b]
        (sa, ta), (sb, tb) = sums[unit_a], sums[unit_b]
        show = np.flatnonzero((sa + sb) > 0)
        if not len(show):
            continue
        va, vb = sa[show] / ta, sb[show] / tb
        gaps.append(da[show] - db[show])  # their intervals are taken below, many pairs at a time
        pooled = np.concatenate([ia, ib])
        p = permutation_pvalues(num[np.ix_(pooled, show)], den[pooled], len(ia), n_perm=shuffles.n_perm, shuffles=shuffles)
        if measure in RATES:
            effect = standardised_difference(rates[np.ix_(ia, show)], rates[np.ix_(ib, show)], spread=spread[show])
        else:
            effect = cohens_h(va, vb)
        k = len(show)
        for name, values in (("measure", [measure] * k), ("category", cats[show]), ("unit_a", [unit_a] * k),
                             ("unit_b", [unit_b] * k), ("difference", scale * (va - vb)), ("effect_size", effect),
                             ("p_value", p), ("n_a", [len(ia)] * k), ("n_b", [len(ib)] * k), ("value_a", scale * va),
                             ("value_b", scale * vb)):
            cols[name].append(values)
    if not cols["measure"]:
        return pd.DataFrame(columns=DIFFERENCE_COLUMNS)
    bounds = [percentile_interval(np.concatenate(gaps[k : k + INTERVAL_BATCH]), level)
              for k in range(0, len(gaps), INTERVAL_BATCH)]
    cols["ci_low"], cols["ci_high"] = [scale * b[0] for b in bounds], [scale * b[1] for b in bounds]
    table = pd.DataFrame({name: np.concatenate(cols[name]) for name in DIFFERENCE_COLUMNS if name != "q_value"})
    return table.assign(q_value=np.nan)[DIFFERENCE_COLUMNS]


# --------------------------------------------------------------------------- coverage over time

COVERAGE_COLUMNS = ["period", "bucket", "measure", "category", "n", "share"]


def _dates(articles: pd.DataFrame) -> pd.DataFrame:
    """Per article: the parsed date (first of the month for a month-only date) and whether the day is known;
    articles with only a year or no date are left out."""
    raw = articles.get("date", pd.Series(index=articles.index, dtype=object)).fillna("").astype(str).str.strip()
    day = pd.to_datetime(raw.where(raw.str.fullmatch(r"\d{4}-\d{2}-\d{2}")), format="%Y-%m-%d", errors="coerce")
    month = pd.to_datetime(raw.where(raw.str.fullmatch(r"\d{4}-\d{2}")), format="%Y-%m", errors="coerce")
    out = pd.DataFrame({"article_id": articles["article_id"], "date": day.fillna(month), "has_day": day.notna()})
    return out[out["date"].notna()]


def months_spanned(articles: pd.DataFrame) -> int:
    """Calendar months from the earliest to the latest dated article, both included (0 without dates)."""
    return _months(_dates(articles)["date"])


def _months(d: pd.Series) -> int:
    """`months_spanned` of parsed dates."""
    if d.empty:
        return 0
    first, last = d.min(), d.max()
    return (last.year - first.year) * 12 + last.month - first.month + 1


def date_buckets(articles: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """(article_id, period) and the bucket: weeks (labelled by their Monday, YYYY-MM-DD) when the dated articles
    span at most 3 calendar months and all have a day, else months (YYYY-MM)."""
    d = _dates(articles)
    weekly = 0 < _months(d["date"]) <= 3 and bool(d["has_day"].all())
    if weekly:
        period = (d["date"] - pd.to_timedelta(d["date"].dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
    else:
        period = d["date"].dt.strftime("%Y-%m")
    return pd.DataFrame({"article_id": d["article_id"], "period": period}), "week" if weekly else "month"


def coverage_over_time(
    articles: pd.DataFrame,
    *,
    attributions: pd.DataFrame,
    sentiment: pd.DataFrame,
    by: str = "outlet_label",
    tone_label: str = "tone",
) -> pd.DataFrame:
    """Per unit and date bucket (`date_buckets`): articles (measure "articles"), citations per source type
    ("citations"; share of the unit's citations in that period, credit lines left out) and sentences per tone label
    ("tone"; share of its labelled text sentences). Undated articles are left out. Meaningful only when the dates
    span more than one month (`months_spanned`)."""
    columns = [by, *COVERAGE_COLUMNS]
    if articles.empty or by not in articles:
        return pd.DataFrame(columns=columns)
    periods, bucket = date_buckets(articles)
    keyed = with_outlet(periods, articles, by=by)
    parts = [keyed.groupby([by, "period"], sort=False).size().rename("n").reset_index().assign(measure="articles", category="")]
    attributions = _table(attributions, ["article_id", "source_type", "speech_type"])
    sentiment = _table(sentiment, ["article_id", "role", tone_label])
    # only the columns used: joining the tables' other columns (sentence text, terms) would be most of the cost
    cites = attributions.loc[attributions["speech_type"] != "credit line", ["article_id", "source_type"]].merge(keyed, on="article_id")
    parts.append(cites.groupby([by, "period", "source_type"], sort=False).size().rename("n").reset_index()
                 .rename(columns={"source_type": "category"}).assign(measure="citations"))
    tone = select_roles(sentiment[["article_id", "role", tone_label]]).merge(keyed, on="article_id")
    tone = tone[tone[tone_label].notna()]
    parts.append(tone.groupby([by, "period", tone_label], sort=False).size().rename("n").reset_index()
                 .rename(columns={tone_label: "category"}).assign(measure="tone"))
    out = pd.concat(parts, ignore_index=True)
    totals = out.groupby([by, "period", "measure"])["n"].transform("sum")
    out["share"] = np.where(out["measure"] == "articles", np.nan, out["n"] / totals)
    rank = {u: i for i, u in enumerate(dict.fromkeys(articles[by]))}
    out = out.assign(bucket=bucket, _u=out[by].map(rank)).sort_values(["_u", "period", "measure", "category"], kind="stable")
    return out[columns].reset_index(drop=True)


# --------------------------------------------------------------------------- entry point and narrative


def textstat_comparisons(
    sentences: pd.DataFrame,
    *,
    articles: pd.DataFrame,
    attributions: pd.DataFrame,
    sentiment: pd.DataFrame,
    frames: pd.DataFrame,
    hedging: pd.DataFrame,
    by: str = "outlet_label",
    tone_label: str = "tone",
    n_boot: int = N_BOOT,
    n_perm: int = N_PERM,
    seed: int = SEED,
    level: float = 0.95,
    codebooks_dir: Path | None = None,
    memo=None,
) -> dict[str, pd.DataFrame]:
    """Every comparison table: `article_measures`, the unit tables `reliance`, `source_types`, `attributed_share`,
    `tone_shares`, `frame_shares`, `hedging_rates` (with `level` bootstrap intervals), `outlet_differences` and
    `coverage` (over time). `articles` carries the unit column `by` (the pipeline fills it); with the pipeline's `memo`,
    `article_measures` counts only new and changed articles."""
    measures = article_measures(sentences, attributions=attributions, sentiment=sentiment, frames=frames, hedging=hedging,
                                tone_label=tone_label, codebooks_dir=codebooks_dir, memo=memo)
    if articles is None or by not in articles:
        articles = pd.DataFrame({"article_id": pd.Series(dtype=object), by: pd.Series(dtype=object)})
    out = {"article_measures": measures}
    out.update(unit_comparisons(measures, articles, by=by, n_boot=n_boot, n_perm=n_perm, seed=seed, level=level))
    out["coverage"] = coverage_over_time(articles, attributions=attributions, sentiment=sentiment, by=by, tone_label=tone_label)
    return out


def largest_differences(differences: pd.DataFrame, *, top: int = 20, alpha: float = 0.05) -> pd.DataFrame:
    """The `top` differences by absolute effect size: those with q < `alpha` first (largest effect first), then, if
    fewer than `top`, the largest of the others (ties by q-value)."""
    d = differences[differences["effect_size"].notna()]
    key = pd.DataFrame({"found": ~(d["q_value"] < alpha), "e": -d["effect_size"].abs(), "q": d["q_value"]}, index=d.index)
    return d.loc[key.sort_values(["found", "e", "q"], kind="stable").index[:top]].reset_index(drop=True)


def difference_report(differences: pd.DataFrame, *, top: int = 20, alpha: float = 0.05) -> pd.DataFrame:
    """`largest_differences` as a table to read: shares in per cent and their differences in percentage points, rates
    per 1,000 words, rounded; `articles` is "n_a vs n_b"."""
    d = largest_differences(differences, top=top, alpha=alpha)
    rate = d["measure"].isin(RATES).to_numpy()
    scale = np.where(rate, 1.0, 100.0)
    out = pd.DataFrame({
        "measure": d["measure"].map(lambda m: MEASURE_NAMES.get(m, m)), "category": d["category"], "first": d["unit_a"],
        "second": d["unit_b"], "scale": np.where(rate, "per 1,000 words", "%"),
        **{name: (d[col].astype(float) * scale).round(1) for name, col in (
            ("first_value", "value_a"), ("second_value", "value_b"), ("difference", "difference"), ("ci_low", "ci_low"),
            ("ci_high", "ci_high"))},
        "effect_size": d["effect_size"].astype(float).round(2), "q_value": d["q_value"].astype(float).round(3),
        "articles": [f"{a} vs {b}" for a, b in zip(d["n_a"], d["n_b"])],
    })
    return out


def _fmt(value: float, measure: str) -> str:
    return f"{value:.1f} per 1,000 words" if measure in RATES else f"{100 * value:.0f}%"


def single_article_units(articles: pd.DataFrame, *, by: str = "outlet_label") -> list[str]:
    """Units (catalog order) with exactly one article: described by one text, never compared."""
    counts = articles.groupby(by, sort=False).size() if by in articles else pd.Series(dtype=int)
    return [str(u) for u, n in counts.items() if n == 1]


def describe_comparisons(differences: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label",
                         unit_name: str = "outlet", alpha: float = 0.05, strongest: int = 3) -> str:
    """Markdown: how many units can be compared, how many differences were tested, how many have q < `alpha`, and
    the `strongest` of those by effect size (shown with analysis.notebook.markdown, which escapes corpus strings)."""
    counts = articles.groupby(by, sort=False).size() if by in articles else pd.Series(dtype=int)
    single = single_article_units(articles, by=by)
    able = int((counts >= 2).sum())
    text = [f"The corpus holds {plural('article', int(counts.sum()))} from {plural(unit_name, len(counts))}; "
            f"{able:,} of them {'has' if able == 1 else 'have'} two or more articles and can be compared."]
    if single:
        names = ", ".join(u for u in single[:12]) + (f" and {len(single) - 12:,} more" if len(single) > 12 else "")
        text.append(f"{plural(unit_name, len(single))} with a single article {'is' if len(single) == 1 else 'are'} "
                    f"described, not compared: {names}.")
    if differences.empty:
        text.append(f"No two {unit_name}s have two or more articles each, so no difference was tested.")
        return " ".join(text)
    found = differences[differences["q_value"] < alpha]
    pairs = differences[["unit_a", "unit_b"]].drop_duplicates().shape[0]
    text.append(f"{plural('difference', len(differences))} {'was' if len(differences) == 1 else 'were'} tested "
                f"({plural('pair', pairs)} of {plural(unit_name)}); {len(found):,} {'has' if len(found) == 1 else 'have'} "
                f"q < {alpha:g}.")
    lines = []
    for _, r in largest_differences(found, top=strongest, alpha=alpha).iterrows():
        rate = r.measure in RATES
        what = MEASURE_NAMES.get(r.measure, r.measure)
        what += "" if r.measure == "attributed_share" else f" *{str(r.category)}*"
        k = 1.0 if rate else 100.0
        unit = " per 1,000 words" if rate else " percentage points"
        lines.append(
            f"- **{str(r.unit_a)}** vs **{str(r.unit_b)}**, {what}: {_fmt(r.value_a, r.measure)} vs "
            f"{_fmt(r.value_b, r.measure)}, a difference of {k * r.difference:+.1f}{unit} (95% interval {k * r.ci_low:+.1f} to "
            f"{k * r.ci_high:+.1f}; {'d' if rate else 'h'} = {r.effect_size:+.2f}, q = {r.q_value:.3f})")
    if lines:
        return " ".join(text) + " The largest of them by effect size:\n\n" + "\n".join(lines)
    return " ".join(text)
