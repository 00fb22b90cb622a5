"""Distinctive vocabulary per outlet and keyword-in-context lines.

Distinctiveness is the weighted log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi & Quinn (2008, "Fightin' Words"): each outlet's word use against all other outlets,
shrunk toward the corpus-wide rate so rare words do not top the list by chance, reported as z-scores.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .codebook import codebook_path
from .text import GERMAN_STOPWORDS, words

STOPWORDS_FILE = "stopwords_de.txt"
EXCLUDED_ROLES = ("credit",)
LOG_ODDS_COLUMNS = ["group", "term", "count", "count_rest", "delta", "se", "z", "rank"]


@lru_cache(maxsize=4)
def _stopwords(path: str, mtime: float) -> frozenset[str]:
    listed = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        listed.update(line.split("#", 1)[0].lower().split())
    return frozenset(listed | GERMAN_STOPWORDS)


def stopwords(*, codebooks_dir: Path | None = None) -> frozenset[str]:
    """analysis.text.GERMAN_STOPWORDS plus codebooks/stopwords_de.txt (lower case)."""
    path = codebook_path(STOPWORDS_FILE, codebooks_dir=codebooks_dir)
    return _stopwords(str(path), path.stat().st_mtime)


def content_tokens(text: str, *, stop: frozenset[str] | None = None) -> list[str]:
    """Lower-cased word tokens without stop words and one-letter tokens."""
    stop = stopwords() if stop is None else stop
    return [t for w in words(text) if len(t := w.lower()) > 1 and t not in stop]


def log_odds(
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    group: str = "outlet_label",
    prior_scale: float | None = None,
    min_count: int = 2,
    top: int | None = None,
    stop: frozenset[str] | None = None,
) -> pd.DataFrame:
    """Weighted log-odds (informative Dirichlet prior) of every term in each group against all other groups.

    The prior is the corpus-wide term distribution scaled to `prior_scale` pseudo-tokens (default: the
    corpus size, i.e. the prior weighs as much as the data, as in Monroe et al.'s use of the full corpus).
    `z` = delta / se; |z| > 1.96 is conventionally read as distinctive. Terms used fewer than
    `min_count` times in the corpus are dropped. `top` keeps the top-z terms per group.
    """
    stop = stopwords() if stop is None else stop
    prose = sentences[~sentences["role"].isin(EXCLUDED_ROLES)].merge(articles[["article_id", group]], on="article_id")
    counts: dict[str, Counter] = {}
    for g, text in zip(prose[group], prose["text"]):
        counts.setdefault(g, Counter()).update(content_tokens(text, stop=stop))
    total = Counter()
    for c in counts.values():
        total.update(c)
    vocab = [t for t, n in total.items() if n >= min_count]
    n_all = sum(total[t] for t in vocab)
    if not vocab or len(counts) < 2:
        return pd.DataFrame(columns=LOG_ODDS_COLUMNS)
    a0 = float(prior_scale if prior_scale is not None else n_all)
    alpha = {t: a0 * total[t] / n_all for t in vocab}
    rows = []
    for g, c in counts.items():
        n_i = sum(c[t] for t in vocab)
        n_j = n_all - n_i
        for t in vocab:
            y_i, y_j, a = c[t], total[t] - c[t], alpha[t]
            delta = math.log((y_i + a) / (n_i + a0 - y_i - a)) - math.log((y_j + a) / (n_j + a0 - y_j - a))
            se = math.sqrt(1 / (y_i + a) + 1 / (y_j + a))
            rows.append({"group": g, "term": t, "count": y_i, "count_rest": y_j, "delta": delta, "se": se, "z": delta / se})
    out = pd.DataFrame(rows).sort_values(["group", "z", "term"], ascending=[True, False, True])
    out["rank"] = out.groupby("group").cumcount() + 1
    if top is not None:
        out = out[out["rank"] <= top]
    return out.reset_index(drop=True)[LOG_ODDS_COLUMNS]


def kwic(sentences: pd.DataFrame, term: str, *, window: int = 6, prefix: bool = False) -> pd.DataFrame:
    """Keyword in context: every occurrence of `term` (case-insensitive whole word; `prefix=True`
    also matches longer words starting with it) with `window` words either side and the full sentence."""
    pattern = re.compile(r"(?<!\w)" + re.escape(term) + (r"[\w-]*" if prefix else r"(?![\w-])"), re.IGNORECASE)
    rows = []
    for aid, sid, role, text in zip(sentences["article_id"], sentences["sentence_id"], sentences["role"], sentences["text"]):
        for m in pattern.finditer(text):
            left = words(text[: m.start()])[-window:] if window else []
            right = words(text[m.end() :])[:window] if window else []
            rows.append({"article_id": aid, "sentence_id": sid, "role": role, "left": " ".join(left), "match": m.group(0), "right": " ".join(right), "text": text})
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "role", "left", "match", "right", "text"])


def textstat_keyness(sentences: pd.DataFrame, *, articles: pd.DataFrame, group: str = "outlet_label") -> pd.DataFrame:
    """Fightin' Words log-odds of every term per outlet against the rest (the table behind the keyness figure)."""
    return log_odds(sentences, articles, group=group)
