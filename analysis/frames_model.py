"""A statistical complement to the frame rules: per-frame logistic regression (Burscher et al. 2014) on word n-grams,
word fragments and the rule hits of frames.yaml, used only for the frames where it beat the rules in cross-validation.

The model is plain data (`models/frames.json`: per frame an intercept and a threshold, per feature its coefficients),
read without pickle or eval; a sentence is scored by a sparse dot product. It was trained on the blind-coded sentences
of the out-of-sample set (analysis/gold/oos/frames.csv, splits dev and test only). The texts are not in the repository,
so training needs a folder holding them (`<article_id>.txt`), like `python -m analysis validate --oos DIR`:

    .venv/bin/python -m analysis.frames_model --texts DIR [--out FILE] [--folds 5]

prints 5-fold cross-validated (folds by article) precision, recall and F1 per frame for the rules and for the model,
then a transfer check on the hand-coded seed sample (analysis/gold/frames_sentences.csv, which the model never sees),
and writes the model for the frames on which it beat the rules in both: by MIN_GAIN in cross-validation and not lower
on the seeds (the seeds are in-sample for the rules, so this check favours the rules). Training is deterministic.
Retrain after changing frames.yaml: the rules' hits are features of the model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import shutil
import sys
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import agreement, config

MODEL_PATH = Path(__file__).parent / "models" / "frames.json"
FORMAT = "frames-logreg-1"
# The splits a model may learn from; the held-out split (test2) never.
TRAINING_SPLITS = ("dev", "test")
C = 0.3
MIN_DF = 2
# A frame's model replaces its rules only when its cross-validated F1 is higher by at least this much.
MIN_GAIN = 0.01
CV_COLUMNS = ["frame", "gold", "rules_precision", "rules_recall", "rules_f1", "model_precision", "model_recall", "model_f1",
              "uses_model"]

_WORD = re.compile(r"\w+")


def features(text: str, *, rule_frames: Iterable[str] = ()) -> set[str]:
    """The model's features of a sentence: words, word pairs, the first five letters of longer words and the last
    five of compounds (German inflection and compounding), and the frames the rules found."""
    words = _WORD.findall(text.lower())
    found = {"w:" + w for w in words}
    found.update("b:" + a + "_" + b for a, b in zip(words, words[1:]))
    found.update("p:" + w[:5] for w in words if len(w) > 5)
    found.update("s:" + w[-5:] for w in words if len(w) > 7)
    found.update("r:" + f for f in rule_frames)
    return found


def _readable(feature: str) -> str:
    kind, _, value = feature.partition(":")
    return {"b": value.replace("_", " "), "p": value + "-", "s": "-" + value, "r": "rule " + value}.get(kind, value)


@dataclass(frozen=True)
class FrameModel:
    """Per frame an intercept and a threshold (on the logit), per feature the coefficients of the frames it informs."""

    intercepts: dict[str, float]
    thresholds: dict[str, float]
    weights: dict[str, tuple[tuple[str, float], ...]]
    codebook_sha256: str = ""

    @property
    def frames(self) -> tuple[str, ...]:
        return tuple(self.intercepts)

    def scores(self, text: str, *, rule_frames: Iterable[str] = ()) -> tuple[dict[str, float], dict[str, list[tuple[float, str]]]]:
        """Logit per frame and the features that raised it (weight, feature)."""
        scores = dict(self.intercepts)
        raised: dict[str, list[tuple[float, str]]] = {f: [] for f in scores}
        for feature in features(text, rule_frames=rule_frames):
            for frame, w in self.weights.get(feature, ()):
                scores[frame] += w
                if w > 0:
                    raised[frame].append((w, feature))
        return scores, raised

    def decide(self, text: str, *, rule_frames: Iterable[str] = ()) -> dict[str, list[str]]:
        """The model's frames of a sentence, each with the (up to three) features that weighed most for it."""
        scores, raised = self.scores(text, rule_frames=rule_frames)
        return {f: [_readable(x) for _, x in sorted(raised[f], reverse=True)[:3]]
                for f, s in scores.items() if s >= self.thresholds[f]}


def _from_json(data: dict) -> FrameModel:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} model")
    frames = data["frames"]
    intercepts = {str(f): float(v["intercept"]) for f, v in frames.items()}
    thresholds = {str(f): float(v.get("threshold", 0.0)) for f, v in frames.items()}
    weights: dict[str, list[tuple[str, float]]] = {}
    for frame, v in frames.items():
        for feature, w in v["coefficients"].items():
            weights.setdefault(str(feature), []).append((str(frame), float(w)))
    if not all(math.isfinite(x) for x in (*intercepts.values(), *thresholds.values())):
        raise ValueError("non-finite intercept or threshold")
    return FrameModel(intercepts, thresholds, {k: tuple(v) for k, v in weights.items()}, str(data.get("codebook_sha256", "")))


@lru_cache(maxsize=4)
def _load(path: str, stamp: tuple[int, int]) -> FrameModel | None:
    try:
        return _from_json(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        warnings.warn(f"frame model {path} not used ({exc}); frames come from the rules alone", stacklevel=3)
        return None


def load_model(path: Path | None = None) -> FrameModel | None:
    """The frame model (default: the shipped one); None when the file is missing or malformed (rules alone)."""
    path = Path(path or MODEL_PATH)
    try:
        st = path.stat()
    except OSError:
        return None
    return _load(str(path), (st.st_mtime_ns, st.st_size))


def codebook_sha256(*, codebooks_dir: Path | None = None) -> str:
    """Checksum of frames.yaml, recorded in the model: the rule hits it was trained with."""
    return hashlib.sha256((Path(codebooks_dir or config.CODEBOOKS_DIR) / "frames.yaml").read_bytes()).hexdigest()


# --------------------------------------------------------------------------- training (needs scikit-learn)


def training_units(texts_dir: Path, *, splits: tuple[str, ...] = TRAINING_SPLITS, cache_dir: Path | None = None) -> pd.DataFrame:
    """The coded sentences of the out-of-sample splits: article_id, text, frames (set), as the extract segments them."""
    from . import oos

    if not set(splits) <= set(TRAINING_SPLITS):
        raise config.UserError(f"the frame model learns from {', '.join(TRAINING_SPLITS)} only, not {', '.join(splits)}")
    ids = [i for s in splits for i in oos.split_ids(s) if (Path(texts_dir) / f"{i}.txt").exists()]
    if not ids:
        raise config.UserError(f"no out-of-sample texts of {', '.join(splits)} in {texts_dir}")
    tables = oos.extract_texts(texts_dir, ids, cache_dir=cache_dir)
    sentences = tables["sentences"]
    gold = oos.load("frames.csv")
    matched = agreement.match_gold(gold[gold["article_id"].isin(ids)], sentences, once_per_sentence=True)
    matched = matched[matched["sentence_id"] >= 0]
    texts = dict(zip(zip(sentences["article_id"], sentences["sentence_id"]), sentences["text"]))
    return pd.DataFrame({
        "article_id": matched["article_id"].tolist(),
        "text": [texts[(a, s)] for a, s in zip(matched["article_id"], matched["sentence_id"])],
        "frames": [{f.strip() for f in str(v).split(";") if f.strip()} for v in matched["frames"]],
    })


def _fit(feature_sets: list[set[str]], labels: dict[str, list[int]], *, c: float, min_df: int) -> dict[str, dict]:
    """Per frame: intercept and coefficients of an L2 logistic regression with balanced class weights."""
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    df = Counter(x for fs in feature_sets for x in fs)
    vocab = sorted(x for x, n in df.items() if n >= min_df)
    index = {x: j for j, x in enumerate(vocab)}
    rows, cols = [], []
    for i, fs in enumerate(feature_sets):
        for x in fs:
            if x in index:
                rows.append(i)
                cols.append(index[x])
    X = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feature_sets), len(vocab)))
    out = {}
    for frame, y in labels.items():
        if sum(y) < 2 or sum(y) == len(y):
            continue
        m = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=5000, random_state=0)
        m.fit(X, np.array(y))
        coef = {vocab[j]: round(float(w), 5) for j, w in enumerate(m.coef_[0]) if abs(w) >= 1e-4}
        out[frame] = {"intercept": round(float(m.intercept_[0]), 5), "threshold": 0.0, "coefficients": coef}
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validate(units: pd.DataFrame, *, folds: int = 5, c: float = C, min_df: int = MIN_DF,
                   codebooks_dir: Path | None = None) -> pd.DataFrame:
    """Rules vs model per frame on `units` (training_units), folds by article: precision, recall, F1, and whether
    the model is used (its F1 higher by MIN_GAIN); micro rows for the rules, the model and the combination."""
    from sklearn.model_selection import GroupKFold

    from .framing import frame_order, frame_rules, tag_frames

    rules = frame_rules(codebooks_dir=codebooks_dir)
    ids = frame_order(codebooks_dir=codebooks_dir)
    hits = [set(tag_frames(t, rules=rules)) for t in units["text"]]
    feats = [features(t, rule_frames=h) for t, h in zip(units["text"], hits)]
    gold = list(units["frames"])
    predicted: list[set[str]] = [set() for _ in gold]
    for train, test in GroupKFold(n_splits=folds).split(feats, groups=units["article_id"]):
        fitted = _fit([feats[i] for i in train], {f: [int(f in gold[i]) for i in train] for f in ids}, c=c, min_df=min_df)
        model = _from_json({"format": FORMAT, "frames": fitted})
        for i in test:
            predicted[i] = set(model.decide(units["text"].iloc[i], rule_frames=hits[i]))
    rows, totals = [], {"rules": [0, 0, 0], "model": [0, 0, 0], "combined": [0, 0, 0]}
    for f in ids:
        counts = {}
        for name, pred in (("rules", hits), ("model", predicted)):
            counts[name] = [sum(f in p and f in g for p, g in zip(pred, gold)), sum(f in p and f not in g for p, g in zip(pred, gold)),
                            sum(f in g and f not in p for p, g in zip(pred, gold))]
        r, m = _prf(*counts["rules"]), _prf(*counts["model"])
        uses = m[2] >= r[2] + MIN_GAIN
        for name in ("rules", "model"):
            totals[name] = [a + b for a, b in zip(totals[name], counts[name])]
        totals["combined"] = [a + b for a, b in zip(totals["combined"], counts["model" if uses else "rules"])]
        rows.append([f, sum(f in g for g in gold), *r, *m, uses])
    for name, t in totals.items():
        p, r, f1 = _prf(*t)
        rows.append([f"micro ({name})", t[0] + t[2], *((p, r, f1) if name != "model" else (math.nan,) * 3),
                     *((p, r, f1) if name != "rules" else (math.nan,) * 3), name == "combined"])
    return pd.DataFrame(rows, columns=CV_COLUMNS)


def seed_check(model: dict, *, cache_dir: Path | None = None) -> pd.DataFrame:
    """Per frame of `model` (as `train` returns it): F1 of the rules and of rules + model against the first coder's
    seed sample (analysis/gold/frames_sentences.csv)."""
    from .framing import textstat_frames, validate_frames
    from .pipeline import extract

    with tempfile.TemporaryDirectory(prefix="frames-seeds-") as tmp:
        tables, _ = extract(corpus_dir=config.CORPUS_DIR, cache_dir=cache_dir or Path(tmp) / "cache")
    sentences, gold = tables["sentences"], agreement.load_gold("frames_sentences.csv")
    rules = validate_frames(textstat_frames(sentences, use_model=False)["frames"], sentences, gold)["agreement"].set_index("frame")
    path = Path(tempfile.mkdtemp(prefix="frames-model-")) / "model.json"
    try:
        path.write_text(json.dumps(model), encoding="utf-8")
        with_model = textstat_frames(sentences, model_path=path)["frames"]
    finally:
        shutil.rmtree(path.parent)
    both = validate_frames(with_model, sentences, gold)["agreement"].set_index("frame")
    frames = list(model["frames"])
    return pd.DataFrame({"frame": frames, "gold": [int(rules.loc[f, "gold"]) for f in frames],
                         "rules_f1": [rules.loc[f, "f1"] for f in frames], "model_f1": [both.loc[f, "f1"] for f in frames]})


def train(units: pd.DataFrame, *, frames: list[str], c: float = C, min_df: int = MIN_DF, codebooks_dir: Path | None = None) -> dict:
    """The JSON-able model for `frames`, trained on all of `units`."""
    from .framing import frame_rules, tag_frames

    rules = frame_rules(codebooks_dir=codebooks_dir)
    feats = [features(t, rule_frames=tag_frames(t, rules=rules)) for t in units["text"]]
    fitted = _fit(feats, {f: [int(f in g) for g in units["frames"]] for f in frames}, c=c, min_df=min_df)
    return {"format": FORMAT, "trained_on": f"analysis/gold/oos/frames.csv, splits {' + '.join(TRAINING_SPLITS)}",
            "sentences": len(units), "articles": int(units["article_id"].nunique()), "C": c, "min_df": min_df,
            "codebook_sha256": codebook_sha256(codebooks_dir=codebooks_dir), "frames": fitted}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.frames_model", description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, required=True, help="folder with the out-of-sample texts (<article_id>.txt)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help=f"model file to write (default {MODEL_PATH})")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (by article)")
    parser.add_argument("--cache", type=Path, default=None, help="extract cache folder")
    args = parser.parse_args(argv)
    try:
        units = training_units(args.texts, cache_dir=args.cache)
    except config.UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    cv = cross_validate(units, folds=args.folds)
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(cv.round(3).to_string(index=False))
    chosen = [f for f, use in zip(cv["frame"], cv["uses_model"]) if use and not f.startswith("micro")]
    seeds = seed_check(train(units, frames=chosen), cache_dir=args.cache)
    print("seed sample (first coder; in-sample for the rules):")
    print(seeds.round(3).to_string(index=False))
    chosen = [f for f, r, m in zip(seeds["frame"], seeds["rules_f1"], seeds["model_f1"]) if m >= r]
    model = train(units, frames=chosen)
    model["cross_validation"] = {r.frame: {"rules_f1": round(r.rules_f1, 4), "model_f1": round(r.model_f1, 4)}
                                 for r in cv.itertuples() if r.frame in chosen}
    model["seed_check"] = {r.frame: {"rules_f1": round(r.rules_f1, 4), "model_f1": round(r.model_f1, 4)}
                           for r in seeds.itertuples() if r.frame in chosen}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"model for {', '.join(chosen) or 'no frame'}: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
