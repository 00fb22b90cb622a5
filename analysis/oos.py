"""Out-of-sample validation: the measures against blind hand coding of real articles the rules were not written on.

The articles (addresses in `gold/oos/articles.csv`) stay outside the repository; their coding is in `gold/oos/`.
`evaluate` extracts a folder holding the texts and compares every measure with the coding, for the `dev` split (whose
errors may be read while improving rules) or the `test` split (scored once; never used to change rules). The result
is a small table committed as `gold/oos/results.csv`, which the notebooks show beside the in-sample agreement.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from . import agreement, codebook, config, sourcing
from .files import run_lock, write_csv

OOS_DIR = config.GOLD_DIR / "oos"
RESULTS = OOS_DIR / "results.csv"
RESULT_COLUMNS = ["measure", "level", "split", "articles", "units", "precision", "recall", "f1", "alpha", "macro_f1", "spearman",
                  "evaluated"]
# Rows of the sourcing coding that name the outlet itself ("sagte er gegenüber NEWS") are not sources of the story;
# a note that rules it out ("supplying agency, not a self-reference", "so no self-reference") keeps the row.
SELF_REFERENCE = re.compile(r"self-reference", re.IGNORECASE)
_NOT_SELF_REFERENCE = re.compile(r"\b(?:not|no|nicht|kein\w*)\s+(?:[\w-]+\s+){0,2}self-reference", re.IGNORECASE)


def is_self_reference(note: str) -> bool:
    """Whether a coder's note marks the row as the outlet naming itself (excluded from the scores)."""
    return bool(SELF_REFERENCE.search(note)) and not _NOT_SELF_REFERENCE.search(note)


def load(name: str) -> pd.DataFrame:
    """A coding file of the out-of-sample set (comment header skipped)."""
    return agreement.load_gold(name, gold_dir=OOS_DIR)


def split_ids(split: str) -> list[str]:
    """Article ids of the dev or test split."""
    table = load("split.csv")
    return table.loc[table["split"] == split, "article_id"].tolist()


def _matched(gold: pd.DataFrame, sentences: pd.DataFrame, **kwargs) -> tuple[pd.DataFrame, int]:
    """Gold rows whose sentence the segmenter also has, and how many rows could not be placed."""
    matched = agreement.match_gold(gold, sentences, **kwargs)
    return matched[matched["sentence_id"] >= 0], int((matched["sentence_id"] < 0).sum())


def extract_texts(texts_dir: str | Path, ids: list[str], *, cache_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """The extract tables of the texts `ids` (`<article_id>.txt` in `texts_dir`), run in a temporary corpus folder."""
    from .pipeline import extract

    with tempfile.TemporaryDirectory(prefix="oos-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for aid in ids:
            shutil.copy(Path(texts_dir) / f"{aid}.txt", corpus / f"{aid}.txt")
        tables, _ = extract(corpus_dir=corpus, cache_dir=cache_dir or Path(tmp) / "cache")
    return tables


def evaluate(texts_dir: str | Path, *, split: str = "dev", cache_dir: Path | None = None) -> pd.DataFrame:
    """Agreement of sourcing, frames and tone with the blind coding on one split (texts from `texts_dir`)."""
    from . import framing, sentiment, sourcing

    known = split_ids(split)
    if not known:
        raise config.UserError(f"no split {split!r} in {OOS_DIR / 'split.csv'}; splits: {', '.join(sorted(set(load('split.csv')['split'])))}")
    ids = [i for i in known if (Path(texts_dir) / f"{i}.txt").exists()]
    tables = extract_texts(texts_dir, ids, cache_dir=cache_dir)
    sentences = tables["sentences"]
    present = set(tables["articles"]["article_id"])
    rows: list[dict] = []

    def row(measure: str, level: str, units: int, **scores) -> None:
        rows.append({"measure": measure, "level": level, "split": split, "articles": len(present), "units": units,
                     "evaluated": date.today().isoformat(), **scores})

    # sourcing: (article, institution) over the codebook's institutions, and uncoded sources found as "uncoded"
    gold = load("sourcing.csv")
    gold = gold[gold["article_id"].isin(present) & ~gold["note"].map(is_self_reference)]
    attributions = tables["attributions"][tables["attributions"]["article_id"].isin(present)]
    known = {e["institution"] for e in codebook.load("sources.yaml")}  # institutions of today's codebook
    coded = gold[gold["institution"].isin(known)]
    # the tool is given the set's catalog: an outlet citing itself is left out, as the coders leave out self-references
    pred = attributions[attributions["institution"].isin(known) & ~sourcing.self_citations(attributions, load("articles.csv"))]
    scores = agreement.prf(set(zip(coded["article_id"], coded["institution"])), set(zip(pred["article_id"], pred["institution"])))
    row("sourcing", "(article, institution), institutions in the codebook", scores["tp"] + scores["fn"],
        **{k: scores[k] for k in ("precision", "recall", "f1")})
    second = load("sourcing_coder2.csv") if (OOS_DIR / "sourcing_coder2.csv").exists() else None
    if second is not None and set(second["article_id"]) & present:
        # inter-coder reliability on the articles a second coder coded independently: the ceiling for the tool
        both = set(second["article_id"]) & present
        pairs = {name: {(a, i) for a, i, n in zip(t["article_id"], t["institution"], t["note"])
                        if a in both and i in known and not is_self_reference(n)} for name, t in (("first", gold), ("second", second))}
        scores = agreement.prf(pairs["first"], pairs["second"])
        row("sourcing", f"(article, institution): second coder vs first coder ({len(both)} articles)", scores["tp"] + scores["fn"],
            **{k: scores[k] for k in ("precision", "recall", "f1")})
        tool = {(a, i) for a, i in zip(pred["article_id"], pred["institution"]) if a in both}
        scores = agreement.prf(pairs["second"], tool)
        row("sourcing", f"(article, institution): tool vs second coder ({len(both)} articles)", scores["tp"] + scores["fn"],
            **{k: scores[k] for k in ("precision", "recall", "f1")})
    placed, _ = _matched(gold, sentences)
    g_sent = set(zip(placed["article_id"], placed["sentence_id"].astype(int)))
    p_sent = set(zip(attributions["article_id"], attributions["sentence_id"].astype(int)))
    scores = agreement.prf(g_sent, p_sent)
    row("sourcing", "attributed sentences (article, sentence)", len(g_sent), **{k: scores[k] for k in ("precision", "recall", "f1")})

    # frames: sentence x frame presence
    fgold, _ = _matched(load("frames.csv"), sentences, once_per_sentence=True)
    fgold = fgold[fgold["article_id"].isin(present)]
    if len(fgold):  # a split coded for sourcing only has no frame rows
        result = framing.validate_frames(tables["frames"], sentences[sentences["article_id"].isin(present)], fgold)["agreement"]
        micro = result.iloc[-1]
        row("frames", "sentence x frame, micro over all frames", int(micro.get("units", len(fgold))),
            precision=micro["precision"], recall=micro["recall"], f1=micro["f1"], alpha=micro["alpha"])

    fsecond = load("frames_coder2.csv") if (OOS_DIR / "frames_coder2.csv").exists() else None
    if fsecond is not None and set(fsecond["article_id"]) & present:
        # reliability of the frame coding on the articles a second coder coded independently
        both = set(fsecond["article_id"]) & present
        result = framing.validate_frames_second_coder(tables["frames"], sentences, fsecond[fsecond["article_id"].isin(both)],
                                                      first=load("frames.csv"))
        for label, key in (("second coder vs first coder", "coders"), ("tool vs second coder", "agreement")):
            micro = result[key].iloc[-1]
            row("frames", f"sentence x frame, micro: {label} ({len(both)} articles)", int(micro["units"]),
                precision=micro["precision"], recall=micro["recall"], f1=micro["f1"], alpha=micro["alpha"])

    # tone: sentence labels of the headline measure
    tgold, _ = _matched(load("tone.csv"), sentences, once_per_sentence=True)
    if len(tgold):
        tone = sentiment.validate_sentiment(tables["sentiment"], sentences, tgold)["agreement"]
        for r in tone.itertuples():
            row("tone", f"sentence label: {r.measure}", int(r.n), macro_f1=r.macro_f1, alpha=r.alpha_nominal)

    # actor portrayal: per (article, actor), mean tone of the evaluative mentions vs the coder's portrayal
    agold = load("actors.csv")
    if agold["article_id"].isin(present).any():
        actors = sentiment.validate_actor_tone(tables["actor_tone"], sentences, agold)["agreement"].iloc[0]
        row("actors", "(article, actor) portrayal", int(actors["pairs"]), spearman=actors["spearman"], alpha=actors["alpha_ordinal"])
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def save(results: pd.DataFrame, *, lock_dir: Path | None = None) -> Path:
    """Replace the rows of the same split in the committed results table. Saves of several splits run at once wait
    for each other (a lock in `lock_dir`, by default build/), so none loses the rows another wrote meanwhile."""
    with run_lock(lock_dir or config.paths().cache_dir.parent / "oos-results", say=lambda _: None):
        old = pd.read_csv(RESULTS, dtype={"split": str}) if RESULTS.exists() else pd.DataFrame(columns=RESULT_COLUMNS)
        keep = old[~old["split"].isin(set(results["split"]))]
        write_csv(pd.concat([keep, results], ignore_index=True)[RESULT_COLUMNS], RESULTS)
    return RESULTS


def last_results() -> pd.DataFrame:
    """The committed out-of-sample results (empty if none were run yet)."""
    return pd.read_csv(RESULTS) if RESULTS.exists() else pd.DataFrame(columns=RESULT_COLUMNS)


SOURCING_LEVEL = "(article, institution), institutions in the codebook"
POOLED_CAPTION = ("Sourcing (article, institution) agreement on the held-out splits, each as first scored, pooled; 95 % "
                  "interval from resampling whole splits.")


def held_out_pooled(results: pd.DataFrame, *, recent: int = 8, n_boot: int = 4000, seed: int = 2024) -> pd.DataFrame:
    """Sourcing agreement pooled over the held-out splits, each as first scored (`results`: `last_results`), for all
    of them and for the `recent` last ones: what a researcher may expect on new articles. The counts behind each
    split's precision and recall are summed; the 95 % interval resamples whole splits (a split shares its collectors,
    coders and rule version), so it is wider than one that treated the pairs as independent."""
    rows = results[(results["measure"] == "sourcing") & (results["level"] == SOURCING_LEVEL) & (results["split"] != "dev")]
    rows = rows.assign(order=rows["split"].str.extract(r"(\d+)$", expand=False).fillna("1").astype(int)).sort_values("order")
    tp = (rows["recall"] * rows["units"]).round().to_numpy()
    predicted = np.where(rows["precision"] > 0, (tp / rows["precision"].where(rows["precision"] > 0)).round(), 0)
    counts = np.column_stack([tp, predicted - tp, rows["units"].to_numpy() - tp]).astype(float)  # tp, fp, fn per split
    rng = np.random.default_rng(seed)
    out = []
    for label, take in ((f"all {len(rows)} held-out splits", slice(None)), (f"the last {min(recent, len(rows))} splits", slice(-recent, None))):
        c, names = counts[take], rows["split"].to_numpy()[take]
        if not len(c):
            continue
        draws = c[rng.integers(0, len(c), size=(n_boot, len(c)))].sum(axis=1)  # n_boot x (tp, fp, fn)
        row = {"splits": label, "first": names[0], "last": names[-1], "articles": int(rows["articles"].to_numpy()[take].sum()),
               "pairs": int(c[:, 0].sum() + c[:, 2].sum())}
        for name, value in _prf_counts(c.sum(axis=0)).items():
            boot = _prf_counts(draws.T)[name]
            row |= {name: value, f"{name}_low": float(np.nanpercentile(boot, 2.5)), f"{name}_high": float(np.nanpercentile(boot, 97.5))}
        f1 = rows["f1"].to_numpy()[take]
        row |= {"f1_min_split": float(f1.min()), "f1_max_split": float(f1.max())}
        out.append(row)
    return pd.DataFrame(out)


def _prf_counts(counts: np.ndarray) -> dict[str, np.ndarray | float]:
    """Precision, recall and F1 from (tp, fp, fn) along the first axis."""
    tp, fp, fn = counts[0], counts[1], counts[2]
    with np.errstate(invalid="ignore", divide="ignore"):
        p, r = tp / (tp + fp), tp / (tp + fn)
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r)}


def held_out_claim(pooled: pd.DataFrame) -> str:
    """What `held_out_pooled` allows a researcher to claim about new articles, in words for a notebook."""
    if pooled.empty:
        return "No held-out split has been scored yet."
    parts = [f"Over {r.splits} ({r.articles} articles, {r.pairs} coded pairs): precision {r.precision:.2f} "
             f"({r.precision_low:.2f}-{r.precision_high:.2f}), recall {r.recall:.2f} ({r.recall_low:.2f}-{r.recall_high:.2f}), "
             f"F1 {r.f1:.2f} ({r.f1_low:.2f}-{r.f1_high:.2f}); single splits {r.f1_min_split:.2f}-{r.f1_max_split:.2f}."
             for r in pooled.itertuples()]
    first = pooled.iloc[0]
    return ("**What a researcher may claim on new articles.** " + " ".join(parts)
            + f" About {first['precision'] * 10:.0f} in 10 institutions the tool reports are cited in the coders' reading, and "
            f"about {(1 - first['recall']) * 10:.0f} in 10 cited institutions are missed: counts of citations are lower bounds, "
            "and differences between outlets compare what the rules see.")
