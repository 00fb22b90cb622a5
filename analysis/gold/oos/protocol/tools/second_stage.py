#!/usr/bin/env python3
"""second_stage.py TEXTS LO HI [C]: would a scikit-learn classifier on top of the sourcing rules raise (article,
institution) F1 on the opened held-out splits testLO..testHI? (Round 27's check; not adopted, see the README.)

Candidates are the codebook institutions the parser finds in a sentence (`sourcing.parse`). Two uses are tried, each
with 5-fold cross-validation by article (GroupKFold) and an L2 logistic regression with balanced class weights, as the
frames model: "add" scores the mentions of institutions the rules cite nowhere in the article (label: a coder cited the
institution in that sentence or the next) and adds the pairs whose best mention scores above a threshold; "drop" scores
the mentions in sentences where the rules cite the institution (label: a coder cited it in the article) and removes the
pairs whose best mention scores below one. Features: the four words before and six after the mention, the sentence's
words, the next sentence's first four, source type and kind, sentence role, quotation and Konjunktiv flags, number of
mentions and of rule citations in the sentence, relative position. TEXTS holds `<article_id>.txt` (not in the repo)."""
import collections, os, re, sys
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[5]))
from analysis import agreement, codebook, sourcing  # noqa: E402
from analysis.frames_model import _fit  # noqa: E402
from analysis.oos import extract_texts, is_self_reference, load, split_ids  # noqa: E402

WORD = re.compile(r"\w[\w-]*|[„“\"»«:,]")


def candidates(texts: str, ids: list[str]) -> tuple[list[dict], set, set]:
    tables = extract_texts(texts, ids)
    sent = tables["sentences"].sort_values(["article_id", "sentence_id"])
    att = tables["attributions"]
    att = att[~sourcing.self_citations(att, load("articles.csv"))]
    gold = load("sourcing.csv")
    gold = gold[gold["article_id"].isin(ids) & ~gold["note"].map(is_self_reference)]
    matched = agreement.match_gold(gold, sent)
    in_sentence = set(zip(matched.article_id, matched.sentence_id, matched.institution))
    rule_sentence = set(zip(att.article_id, att.sentence_id, att.institution))
    rule_pairs = set(zip(att.article_id, att.institution))
    per_sentence = collections.Counter(zip(att.article_id, att.sentence_id))
    r, rows = sourcing.rules(), []
    for aid, g in sent.groupby("article_id", sort=False):
        recs = list(zip(g.sentence_id, g.role, g.text))
        for k, (sid, role, text) in enumerate(recs):
            p = sourcing.parse(text, r)
            nxt_id, nxt = (recs[k + 1][0], recs[k + 1][2]) if k + 1 < len(recs) else (-9, "")
            seen = set()
            for it in p.items:
                for src in (it.source, *it.more) if it.source is not None else ():
                    if src.institution in seen:
                        continue
                    seen.add(src.institution)
                    f = {"T:" + src.source_type, "K:" + src.kind, "ROLE:" + role, "NI:%d" % min(len(p.items), 4),
                         "RN:%d" % min(per_sentence[aid, sid], 3), "P:%d" % int(4 * it.start / max(1, len(text)))}
                    left = [w.lower() for w in WORD.findall(p.masked[:it.start])][-4:]
                    right = [w.lower() for w in WORD.findall(p.masked[it.end:])][:6]
                    f |= {"L:" + w for w in left} | {"R:" + w for w in right} | {"L1:" + w for w in left[-1:]}
                    f |= {"R1:" + w for w in right[:1]} | {"R2:" + " ".join(right[:2])}
                    f |= {"W:" + w.lower() for w in WORD.findall(text)} | {"N:" + w.lower() for w in WORD.findall(nxt)[:4]}
                    f |= {"F:" + n for n, v in (("first", it is p.items[0]), ("lq", p.long_quote), ("sq", p.short_quote),
                                                ("fq", p.full_quote), ("k1", p.konj1), ("k2", p.konj2)) if v}
                    rows.append({"a": aid, "inst": src.institution, "f": f, "rule_here": (aid, sid, src.institution) in rule_sentence,
                                 "rule_art": (aid, src.institution) in rule_pairs,
                                 "gold_here": (aid, sid, src.institution) in in_sentence or (aid, nxt_id, src.institution) in in_sentence})
    return rows, set(zip(gold.article_id, gold.institution)), rule_pairs


def cross_validated(rows: list[dict], y: np.ndarray, c: float) -> np.ndarray:
    """Out-of-fold logits, fitted as the frames model is (`frames_model._fit`: min_df 2, balanced L2 logistic regression)."""
    scores = np.zeros(len(rows))
    for train, test in GroupKFold(5).split(rows, y, [r["a"] for r in rows]):
        fitted = _fit([rows[i]["f"] for i in train], {"cited": [int(y[i]) for i in train]}, c=c, min_df=2)["cited"]
        weights = fitted["coefficients"]
        scores[test] = [fitted["intercept"] + sum(weights.get(x, 0.0) for x in rows[i]["f"]) for i in test]
    return scores


def main() -> None:
    texts, lo, hi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    c = float(sys.argv[4]) if len(sys.argv) > 4 else 0.3
    ids = [i for s in range(lo, hi + 1) for i in split_ids(f"test{s}") if os.path.exists(f"{texts}/{i}.txt")]
    rows, gold, rule = candidates(texts, ids)
    known = {e["institution"] for e in codebook.load("sources.yaml")}
    gold, rule = {p for p in gold if p[1] in known}, {p for p in rule if p[1] in known}
    rows = [r for r in rows if r["inst"] in known]

    def report(label: str, pairs: set) -> None:
        tp, fp, fn = len(pairs & gold), len(pairs - gold), len(gold - pairs)
        print(f"{label:<24} P {tp / (tp + fp):.3f} R {tp / (tp + fn):.3f} F1 {2 * tp / (2 * tp + fp + fn):.3f}  tp {tp} fp {fp} fn {fn}")

    print(f"{len(ids)} articles, {len(rows)} candidate mentions")
    report("rules", rule)
    for mode, keep, thresholds in (("add", lambda r: not r["rule_art"], (0, 0.5, 1, 1.5, 2, 2.5, 3)),
                                   ("drop", lambda r: r["rule_here"], (-3, -2.5, -2, -1.5, -1, -0.5))):
        part = [r for r in rows if keep(r)]
        y = np.array([int(r["gold_here"] if mode == "add" else (r["a"], r["inst"]) in gold) for r in part])
        best: dict = {}
        for r, s in zip(part, cross_validated(part, y, c)):
            best[r["a"], r["inst"]] = max(best.get((r["a"], r["inst"]), -99.0), s)
        for t in thresholds:
            changed = {k for k, s in best.items() if (s >= t if mode == "add" else s < t)}
            report(f"{mode} at {t:+.1f} ({len(changed)})", rule | changed if mode == "add" else rule - changed)


if __name__ == "__main__":
    main()
