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
