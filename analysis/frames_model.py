"""A statistical complement to the frame rules: per-frame logistic regression (Burscher et al. 2014) on word n-grams,
word fragments and the rule hits of frames.yaml, used only for the frames where it beat the rules out of sample.

The model is plain data (`models/frames.json`: per frame an intercept, a threshold and a mode, per feature its
coefficients), read without pickle or eval; a sentence is scored by a sparse dot product. A frame's mode says how the
model is used: "replace" (the model decides the frame; the rule hit is one of its features) or "add" (the rules' hits
stand and the model adds the sentences it is confident about, logit >= ADD_THRESHOLD: recall for the soft frames).
It is trained on the blind-coded sentences of the opened out-of-sample splits (analysis/gold/oos/frames.csv, splits
TRAINING_SPLITS), never on the seed sentences and never on a held-out split. The texts are not in the repository, so
training needs a folder holding them (`<article_id>.txt`), like `python -m analysis validate --oos DIR`:

    .venv/bin/python -m analysis.frames_model --texts DIR [--out FILE] [--folds 5]

prints 5-fold cross-validated (folds by article, GroupKFold) precision, recall and F1 per frame for the rules, the
model ("replace") and the rules plus the model ("add"), and their F1 in transfer between the two blind coders
(CODING_ROUNDS); per frame the best mode is a candidate when it beats the rules by MIN_GAIN in cross-validation and at
all in transfer. Then comes the single final comparison, on the hand-coded seed sample against both seed coders
(analysis/gold/frames_sentences.csv, frames_sentences_coder2.csv; out-of-sample for the model, in-sample for the rules,
which were written on them): rules + candidates are kept only when better there (`keeps_model`), else the model holds
no frame and the rules tag alone. Nothing else is chosen on the seeds. The JSON records the splits, sentences, date,
cross-validation, seed check, candidates and decision. Training is deterministic.
Retrain after changing frames.yaml: the rules' hits are features of the model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import agreement, config

MODEL_PATH = Path(__file__).parent / "models" / "frames.json"
FORMAT = "frames-logreg-1"
# The splits a model may learn from: the opened ones (all scored once, then opened); a held-out split never.
TRAINING_SPLITS = ("dev", "test", "test2", "test3", "test4", "test5")
C = 0.3
MIN_DF = 2
# A frame's model is used only when its cross-validated F1 is higher than the rules' by at least this much.
MIN_GAIN = 0.01
# Frames with fewer coded sentences than this stay with the rules (too few to learn and to judge by cross-validation).
MIN_POSITIVES = 20
# Mode "add": the logit above which the model adds a frame the rules missed (chosen once by cross-validation over all
# frames among 0.5, 1.0, 1.5; in the balanced fit 0 is the even-odds point, so this asks for more confidence).
ADD_THRESHOLD = 1.0
MODES = ("replace", "add")
# The splits each blind coder of analysis/gold/oos/frames.csv coded (its headers: round 1 oos_001..060; later rounds,
# other coders: oos_061..100, oos_101..140, oos_141..157, oos_201..259). A mode must also help when trained on one coder's articles and scored on the other's ("transfer"), so
# that it learns the frame definitions, not one coder's habits.
CODING_ROUNDS = (("dev", "test"), ("test2", "test3", "test4", "test5"))
CV_COLUMNS = ["frame", "gold", "rules_precision", "rules_recall", "rules_f1", "model_precision", "model_recall", "model_f1",
              "add_precision", "add_recall", "add_f1", "rules_transfer_f1", "model_transfer_f1", "add_transfer_f1", "mode"]

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
    """Per frame an intercept, a threshold (on the logit) and a mode ("replace" or "add", see the module), per feature
    the coefficients of the frames it informs."""

    intercepts: dict[str, float]
    thresholds: dict[str, float]
    weights: dict[str, tuple[tuple[str, float], ...]]
    codebook_sha256: str = ""
    modes: dict[str, str] = field(default_factory=dict)

    def mode(self, frame: str) -> str:
        return self.modes.get(frame, "replace")

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
    modes = {str(f): str(v.get("mode", "replace")) for f, v in frames.items()}
    if not set(modes.values()) <= set(MODES):
        raise ValueError(f"unknown mode (known: {', '.join(MODES)})")
    weights: dict[str, list[tuple[str, float]]] = {}
    for frame, v in frames.items():
        for feature, w in v["coefficients"].items():
            weights.setdefault(str(feature), []).append((str(frame), float(w)))
    if not all(math.isfinite(x) for x in (*intercepts.values(), *thresholds.values())):
        raise ValueError("non-finite intercept or threshold")
    return FrameModel(intercepts, thresholds, {k: tuple(v) for k, v in weights.items()}, str(data.get("codebook_sha256", "")), modes)


@lru_cache(maxsize=4)
def _load(path: str, stamp: tuple[int, int]) -> FrameModel | None:
    try:
        return _from_json(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        warnings.warn(f"frame model {path} not used ({exc}); frames come from the rules alone", stacklevel=3)
        return None


def load_model(path: Path | None = None) -> FrameModel | None:
    """The frame model (default: the shipped one); None when the file is missing or malformed, or holds no frame
    (rules alone)."""
    path = Path(path or MODEL_PATH)
    try:
        st = path.stat()
    except OSError:
        return None
    model = _load(str(path), (st.st_mtime_ns, st.st_size))
    return model if model is not None and model.frames else None


def codebook_sha256(*, codebooks_dir: Path | None = None) -> str:
    """Checksum of frames.yaml, recorded in the model: the rule hits it was trained with."""
    return hashlib.sha256((Path(codebooks_dir or config.CODEBOOKS_DIR) / "frames.yaml").read_bytes()).hexdigest()


# --------------------------------------------------------------------------- training (needs scikit-learn)


def training_units(texts_dir: Path, *, splits: tuple[str, ...] = TRAINING_SPLITS, cache_dir: Path | None = None) -> pd.DataFrame:
    """The coded sentences of the out-of-sample splits: article_id, split, text, frames (set), as the extract segments
    them."""
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
    split_of = {i: s for s in splits for i in oos.split_ids(s)}
    return pd.DataFrame({
        "article_id": matched["article_id"].tolist(),
        "split": [split_of[a] for a in matched["article_id"]],
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


def _counts(predicted: list[set[str]], gold: list[set[str]], frame: str) -> list[int]:
    """tp, fp, fn of one frame."""
    pairs = [(frame in p, frame in g) for p, g in zip(predicted, gold)]
    return [sum(p and g for p, g in pairs), sum(p and not g for p, g in pairs), sum(g and not p for p, g in pairs)]


def _logits(feats: list[set[str]], hits: list[set[str]], units: pd.DataFrame, gold: list[set[str]], ids: list[str],
            splits: Iterable[tuple[Iterable[int], Iterable[int]]], *, c: float, min_df: int) -> list[dict[str, float] | None]:
    """Out-of-fold logits per unit: for each (train rows, test rows), fitted on the first and scored on the second."""
    logits: list[dict[str, float] | None] = [None] * len(gold)
    for train_rows, test_rows in splits:
        train_rows = list(train_rows)
        fitted = _fit([feats[i] for i in train_rows], {f: [int(f in gold[i]) for i in train_rows] for f in ids}, c=c, min_df=min_df)
        model = _from_json({"format": FORMAT, "frames": fitted})
        for i in test_rows:
            logits[i], _ = model.scores(units["text"].iloc[i], rule_frames=hits[i])
    return logits


def _predictions(hits: list[set[str]], logits: list[dict[str, float] | None]) -> dict[str, list[set[str]]]:
    """The frames of the rules, of the model alone ("replace") and of the rules plus the model ("add")."""
    logits = [s or {} for s in logits]
    return {"rules": hits, "replace": [{f for f, v in s.items() if v >= 0.0} for s in logits],
            "add": [h | {f for f, v in s.items() if v >= ADD_THRESHOLD} for h, s in zip(hits, logits)]}


def cross_validate(units: pd.DataFrame, *, folds: int = 5, c: float = C, min_df: int = MIN_DF,
                   codebooks_dir: Path | None = None) -> pd.DataFrame:
    """Rules vs model ("replace") vs rules + model ("add") per frame on `units` (training_units): precision, recall, F1
    in cross-validation with folds by article, F1 in transfer between the coders (CODING_ROUNDS; NaN when `units` hold
    one coder's articles only), and the mode chosen: the best cross-validated mode if it beats the rules there by
    MIN_GAIN and in transfer at all, on a frame with MIN_POSITIVES coded sentences; else "rules". Micro rows follow for
    the rules, each mode on every frame, and the chosen combination (cross-validated)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    from .framing import frame_order, frame_rules, tag_frames

    rules = frame_rules(codebooks_dir=codebooks_dir)
    ids = frame_order(codebooks_dir=codebooks_dir)
    hits = [set(tag_frames(t, rules=rules)) for t in units["text"]]
    feats = [features(t, rule_frames=h) for t, h in zip(units["text"], hits)]
    gold = list(units["frames"])
    by_article = GroupKFold(n_splits=folds).split(feats, groups=units["article_id"])
    predicted = _predictions(hits, _logits(feats, hits, units, gold, ids, by_article, c=c, min_df=min_df))
    rounds = [np.flatnonzero(units["split"].isin(r).to_numpy()) if "split" in units else np.array([], int) for r in CODING_ROUNDS]
    transfer = None
    if all(len(r) for r in rounds) and len(rounds) == 2:
        transfer = _predictions(hits, _logits(feats, hits, units, gold, ids, [(rounds[0], rounds[1]), (rounds[1], rounds[0])],
                                              c=c, min_df=min_df))
    rows, totals = [], {name: [0, 0, 0] for name in (*predicted, "chosen")}
    for f in ids:
        counts = {name: _counts(pred, gold, f) for name, pred in predicted.items()}
        scores = {name: _prf(*n) for name, n in counts.items()}
        moved = {name: _prf(*_counts(pred, gold, f))[2] for name, pred in transfer.items()} if transfer else {}
        n_gold = sum(f in g for g in gold)
        fit = [m for m in MODES if scores[m][2] >= scores["rules"][2] + MIN_GAIN and (not moved or moved[m] > moved["rules"])]
        mode = max(fit, key=lambda m: scores[m][2]) if fit and n_gold >= MIN_POSITIVES else "rules"
        for name in predicted:
            totals[name] = [a + b for a, b in zip(totals[name], counts[name])]
        totals["chosen"] = [a + b for a, b in zip(totals["chosen"], counts[mode])]
        rows.append([f, n_gold, *scores["rules"], *scores["replace"], *scores["add"],
                     *(moved.get(name, math.nan) for name in predicted), mode])
    for name, t in totals.items():
        prf = _prf(*t)
        cells = [prf if name in (k, "chosen") else (math.nan,) * 3 for k in ("rules", "replace", "add")]
        rows.append([f"micro ({name})", t[0] + t[2], *(x for cell in cells for x in cell), *(math.nan,) * 3, name])
    return pd.DataFrame(rows, columns=CV_COLUMNS)


def seed_check(model: dict, *, cache_dir: Path | None = None) -> pd.DataFrame:
    """Rules alone vs rules + `model` (as `train` returns it) on the hand-coded seed sample, against the first coder
    (analysis/gold/frames_sentences.csv) and the independent second coder (frames_sentences_coder2.csv): per coder
    and frame (and the micro row) F1 and alpha. The seeds are out-of-sample for the model, in-sample for the rules."""
    from .framing import textstat_frames, validate_frames, validate_frames_second_coder
    from .pipeline import extract

    with tempfile.TemporaryDirectory(prefix="frames-seeds-") as tmp:
        tables, _ = extract(corpus_dir=config.CORPUS_DIR, cache_dir=cache_dir or Path(tmp) / "cache")
        path = Path(tmp) / "model.json"
        path.write_text(json.dumps(model), encoding="utf-8")
        sentences = tables["sentences"]
        tagged = {"rules": textstat_frames(sentences, use_model=False)["frames"],
                  "model": textstat_frames(sentences, model_path=path)["frames"]}
    first, second = agreement.load_gold("frames_sentences.csv"), agreement.load_gold("frames_sentences_coder2.csv")
    scored = {(coder, name): (validate_frames(frames, sentences, first) if coder == "coder1"
                              else validate_frames_second_coder(frames, sentences, second))["agreement"].set_index("frame")
              for coder in ("coder1", "coder2") for name, frames in tagged.items()}
    rows = []
    for coder in ("coder1", "coder2"):
        rules, both = scored[(coder, "rules")], scored[(coder, "model")]
        for f in rules.index:
            rows.append({"coder": coder, "frame": f, "gold": int(rules.loc[f, "gold"]), "rules_f1": rules.loc[f, "f1"],
                         "model_f1": both.loc[f, "f1"], "rules_alpha": rules.loc[f, "alpha"], "model_alpha": both.loc[f, "alpha"]})
    return pd.DataFrame(rows)


def keeps_model(seeds: dict[str, dict[str, float]]) -> bool:
    """The single final comparison on the seeds (`seed_check` pooled per coder): rules + model is kept only when its
    micro-F1 against the independent second coder is higher than the rules' and against the first coder not lower."""
    first, second = seeds["coder1"], seeds["coder2"]
    return second["model_f1"] > second["rules_f1"] and first["model_f1"] >= first["rules_f1"]


def train(units: pd.DataFrame, *, frames: list[str], modes: dict[str, str] | None = None, c: float = C, min_df: int = MIN_DF,
          codebooks_dir: Path | None = None) -> dict:
    """The JSON-able model for `frames` (each in its mode, default "replace"), trained on all of `units`."""
    from .framing import frame_rules, tag_frames

    modes = modes or {}
    rules = frame_rules(codebooks_dir=codebooks_dir)
    feats = [features(t, rule_frames=tag_frames(t, rules=rules)) for t in units["text"]]
    fitted = _fit(feats, {f: [int(f in g) for g in units["frames"]] for f in frames}, c=c, min_df=min_df)
    for f, v in fitted.items():
        v["mode"] = modes.get(f, "replace")
        v["threshold"] = ADD_THRESHOLD if v["mode"] == "add" else 0.0
    splits = sorted(set(units["split"])) if "split" in units else list(TRAINING_SPLITS)
    return {"format": FORMAT, "trained_on": f"analysis/gold/oos/frames.csv, splits {' + '.join(splits)}", "splits": splits,
            "trained": date.today().isoformat(), "sentences": len(units), "articles": int(units["article_id"].nunique()),
            "C": c, "min_df": min_df, "add_threshold": ADD_THRESHOLD,
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
    print(f"{len(units)} coded sentences of {units['article_id'].nunique()} articles (splits {', '.join(TRAINING_SPLITS)})")
    cv = cross_validate(units, folds=args.folds)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(cv.round(3).to_string(index=False))
    modes = {f: m for f, m in zip(cv["frame"], cv["mode"]) if m in MODES and not f.startswith("micro")}
    model = train(units, frames=list(modes), modes=modes)
    model["cross_validation"] = {
        r.frame: {"gold": int(r.gold), "rules_f1": round(r.rules_f1, 4), "replace_f1": round(r.model_f1, 4), "add_f1": round(r.add_f1, 4),
                  "model_f1": round({"replace": r.model_f1, "add": r.add_f1}.get(r.mode, r.rules_f1), 4), "mode": r.mode,
                  "transfer": {k: round(v, 4) for k, v in (("rules_f1", r.rules_transfer_f1), ("replace_f1", r.model_transfer_f1),
                                                            ("add_f1", r.add_transfer_f1)) if not math.isnan(v)}}
        for r in cv.itertuples() if not r.frame.startswith("micro")}
    micro = cv.set_index("frame")["rules_f1"]
    model["cross_validation"]["micro"] = {"rules_f1": round(float(micro["micro (rules)"]), 4),
                                          "chosen_f1": round(float(micro["micro (chosen)"]), 4), "folds": args.folds}
    seeds = seed_check(model, cache_dir=args.cache)
    print("seed sample, rules alone vs rules + model (out-of-sample for the model, in-sample for the rules):")
    with pd.option_context("display.width", 200):
        print(seeds.round(3).to_string(index=False))
    pooled = seeds[seeds["frame"].str.startswith("micro")].set_index("coder")
    model["seed_check"] = {coder: {k: round(float(pooled.loc[coder, k]), 4) for k in ("rules_f1", "model_f1", "rules_alpha", "model_alpha")}
                           for coder in pooled.index}
    model["candidates"] = modes
    if modes and keeps_model(model["seed_check"]):
        model["decision"] = "rules + model: chosen by cross-validation, kept by the final comparison on the seeds"
    else:
        model["frames"] = {}
        model["decision"] = ("rules alone: rules + model (the candidates) were not better on the seeds in the final comparison"
                             if modes else "rules alone: the model beat the rules on no frame in cross-validation")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    used = ", ".join(f"{f} ({modes[f]})" for f in model["frames"]) or "no frame"
    print(f"{model['decision']}; model for {used}: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
