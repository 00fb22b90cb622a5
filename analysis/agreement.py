"""Agreement between automated measures and the hand coding kept in `analysis/gold/`."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import numpy as np
import pandas as pd


def prf(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> dict[str, float]:
    """Precision, recall and F1 of a predicted set of items against a gold set."""
    g, p = set(gold), set(predicted)
    tp, fp, fn = len(g & p), len(p - g), len(g - p)
    precision = tp / (tp + fp) if tp + fp else (1.0 if not g else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def per_label_prf(gold: Sequence[Hashable], predicted: Sequence[Hashable], *, labels: Sequence[Hashable] | None = None) -> pd.DataFrame:
    """One row per label: precision, recall, F1 and support for paired label sequences."""
    gold, predicted = list(gold), list(predicted)
    labels = list(labels) if labels is not None else sorted(set(gold) | set(predicted), key=str)
    rows = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"label": label, "precision": precision, "recall": recall, "f1": f1, "support": tp + fn})
    return pd.DataFrame(rows)


def accuracy(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Share of items where prediction and gold agree."""
    pairs = list(zip(gold, predicted))
    return sum(g == p for g, p in pairs) / len(pairs) if pairs else float("nan")


def macro_f1(gold: Sequence[Hashable], predicted: Sequence[Hashable], *, labels: Sequence[Hashable] | None = None) -> float:
    """Unweighted mean F1 over labels."""
    return float(per_label_prf(gold, predicted, labels=labels)["f1"].mean())


def confusion(gold: Sequence[Hashable], predicted: Sequence[Hashable], *, labels: Sequence[Hashable] | None = None) -> pd.DataFrame:
    """Confusion matrix: rows are gold labels, columns predicted labels."""
    labels = list(labels) if labels is not None else sorted(set(gold) | set(predicted), key=str)
    table = pd.crosstab(pd.Categorical(list(gold), categories=labels), pd.Categorical(list(predicted), categories=labels), dropna=False)
    table.index.name, table.columns.name = "gold", "predicted"
    return table


def spearman(x: pd.Series, y: pd.Series) -> float:
    """Spearman's rho over the pairs where both values exist: Pearson r of the tie-averaged ranks (what
    scipy.stats.spearmanr computes, without importing scipy.stats, which costs notebooks 0.7 s)."""
    pair = x.notna() & y.notna()
    return float(x[pair].rank().corr(y[pair].rank()))


def krippendorff_alpha(*codings: Sequence[Hashable], level: str = "nominal") -> float:
    """Krippendorff's alpha for two or more coders' labels of the same units (None = missing)."""
    import krippendorff

    labels = sorted({v for c in codings for v in c if v is not None and v == v}, key=str)
    if level == "nominal":
        index = {v: i for i, v in enumerate(labels)}
        data = np.array([[np.nan if v is None or v != v else index[v] for v in c] for c in codings], dtype=float)
    else:
        data = np.array([[np.nan if v is None else float(v) for v in c] for c in codings], dtype=float)
    if len(labels) < 2 and level == "nominal":
        return 1.0 if all(list(c) == list(codings[0]) for c in codings) else float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))


def load_gold(name: str, *, gold_dir=None) -> pd.DataFrame:
    """A hand-coding file from `analysis/gold/` as strings ('#' lines are its codebook header)."""
    from pathlib import Path

    from . import config

    return pd.read_csv(Path(gold_dir or config.GOLD_DIR) / name, comment="#", dtype=str, keep_default_na=False)


def _squash(text: str) -> str:
    return " ".join(str(text).split())


def match_gold(gold: pd.DataFrame, sentences: pd.DataFrame, *, once_per_sentence: bool = False) -> pd.DataFrame:
    """Gold rows with the `sentence_id` of the sentence their `sentence_start` names (-1 if none).

    Gold is keyed by text, not by id, so it survives changes to segmentation. A sentence that starts
    with the snippet wins over one that merely contains it. With `once_per_sentence`, each sentence is
    taken at most once per article, in reading order (for gold with one row per sentence whose
    openings repeat, e.g. a headline reused as subheading).
    """
    by_article: dict[str, list[tuple[int, str]]] = {}
    for aid, sid, text in zip(sentences["article_id"], sentences["sentence_id"], sentences["text"]):
        by_article.setdefault(str(aid), []).append((int(sid), _squash(text)))
    used: set[tuple[str, int]] = set()
    ids = []
    for aid, start in zip(gold["article_id"], gold["sentence_start"]):
        start, candidates = _squash(start), by_article.get(str(aid), [])
        free = [(s, t) for s, t in candidates if not once_per_sentence or (aid, s) not in used]
        hit = next((s for s, t in free if t.startswith(start)), None)
        if hit is None:
            hit = next((s for s, t in free if start in t), -1)
        used.add((aid, hit))
        ids.append(hit)
    return gold.assign(sentence_id=ids)


INSAMPLE = "insample"  # folder in analysis/gold/ with the last in-sample agreement tables (seeds), committed


def last_insample(*, gold_dir=None) -> dict[str, pd.DataFrame]:
    """The committed in-sample agreement tables (`validation_<name>_agreement` on the seeds) by table name, so a
    corpus without the seeds can still show how the measures did where they were hand-coded."""
    from pathlib import Path

    from . import config

    folder = Path(gold_dir or config.GOLD_DIR) / INSAMPLE
    return {p.stem: pd.read_csv(p, comment="#") for p in sorted(folder.glob("validation_*_agreement.csv"))}


def insample_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The in-sample agreement tables among an extract's tables (`validation_<name>_agreement`, not out-of-sample)."""
    return {name: t for name, t in sorted(tables.items())
            if name.startswith("validation_") and name.endswith("_agreement") and name != "validation_oos"}


def save_insample(tables: dict[str, pd.DataFrame], *, evaluated: str, gold_dir=None) -> list:
    """Write the in-sample agreement tables of a seed extract into analysis/gold/insample/ (replacing the old ones)."""
    from pathlib import Path

    from . import config
    from .files import write_csv

    folder = Path(gold_dir or config.GOLD_DIR) / INSAMPLE
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in insample_tables(tables).items():
        write_csv(table.assign(evaluated=evaluated), folder / f"{name}.csv")
        written.append(folder / f"{name}.csv")
    return written
