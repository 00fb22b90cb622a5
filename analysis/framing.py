"""News frames, hedging and headline features per sentence, from codebooks (frames.yaml, hedges.yaml).

Frames are the five generic frames of Semetko & Valkenburg (2000) plus issue frames of this story,
tagged by German indicator terms; a sentence may carry several frames. Hedging counts evidential
and epistemic markers (reportative "soll", "offenbar", Konjunktiv I) against certainty markers.
Corpus-level views (outlet profiles, rates, agreement with the hand coding) are helper functions the
notebook calls; distinctive vocabulary is in analysis.keywords, topics in analysis.topics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import agreement, config
from .actors import actor_rules, actors_in_order
from .codebook import codebook_path, load_yaml
from .text import quote_spans

FRAMES_CODEBOOK = "frames.yaml"
HEDGES_CODEBOOK = "hedges.yaml"
HEADLINE_ROLES = ("kicker", "headline", "subheading", "lead")
# Roles left out of denominators (sentence counts, word counts): not the outlet's prose.
EXCLUDED_ROLES = ("credit",)

FRAME_COLUMNS = ["article_id", "sentence_id", "role", "frame", "frame_type", "terms"]
HEDGE_COLUMNS = ["article_id", "sentence_id", "role", "kind", "category", "term", "in_quote"]
HEADLINE_COLUMNS = [
    "article_id", "sentence_id", "role", "text", "is_question", "is_exclamation",
    "escalation_terms", "n_escalation", "first_actor", "actors",
]


@dataclass(frozen=True)
class FrameRule:
    frame: str
    label: str
    type: str
    pattern: re.Pattern | None
    combined: tuple[tuple[re.Pattern, re.Pattern], ...]


@dataclass(frozen=True)
class HedgeRule:
    category: str
    kind: str
    pattern: re.Pattern
    not_after: frozenset[str]


def _word_start(patterns: list[str]) -> re.Pattern | None:
    """One case-insensitive regex anchored at a word start; the match is extended to the word's end.

    A pattern written as '\\w*X' (X anywhere inside a word) is searched as 'X' preceded by any word
    characters, which is the same set of matches but avoids re-scanning every word from each position.
    """
    if not patterns:
        return None
    anchored = [p for p in patterns if not p.startswith("\\w*")]
    inner = [p[3:] for p in patterns if p.startswith("\\w*")]
    parts = []
    if anchored:
        parts.append(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in anchored) + ")")
    if inner:
        parts.append(r"(?<![\w-])[\w-]*?(?:" + "|".join(f"(?:{p})" for p in inner) + ")")
    return re.compile("(?:" + "|".join(parts) + r")[\w-]*", re.IGNORECASE)


def _whole_word(patterns: list[str], *, flags: int = re.IGNORECASE) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?!\w)", flags)


def _stamp(name: str, codebooks_dir: Path | None) -> tuple[str, float]:
    path = codebook_path(name, codebooks_dir=codebooks_dir)
    return str(path), path.stat().st_mtime


@lru_cache(maxsize=8)
def _frame_rules(path: str, mtime: float) -> tuple[FrameRule, ...]:
    entries = load_yaml(Path(path).name, codebooks_dir=Path(path).parent)
    rules = []
    for e in entries:
        pairs = tuple((_word_start(a), _word_start(c)) for a, c in (e.get("combined") or []))
        rules.append(FrameRule(e["frame"], e.get("label", e["frame"]), e.get("type", "issue"), _word_start(e.get("patterns") or []), pairs))
    return tuple(rules)


@lru_cache(maxsize=8)
def _hedge_rules(path: str, mtime: float) -> tuple[HedgeRule, ...]:
    entries = load_yaml(Path(path).name, codebooks_dir=Path(path).parent)
    return tuple(
        HedgeRule(e["category"], e["kind"], _whole_word(e["patterns"]), frozenset(w.lower() for w in e.get("not_after") or []))
        for e in entries
    )


def frame_rules(*, codebooks_dir: Path | None = None) -> tuple[FrameRule, ...]:
    """Compiled frame rules (cached until frames.yaml changes)."""
    return _frame_rules(*_stamp(FRAMES_CODEBOOK, codebooks_dir))


def frame_table(*, codebooks_dir: Path | None = None) -> pd.DataFrame:
    """The frame codebook as a table: frame, label, type, definition (for notebook display and ordering)."""
    entries = load_yaml(FRAMES_CODEBOOK, codebooks_dir=codebooks_dir)
    return pd.DataFrame([{k: e.get(k, "") for k in ("frame", "label", "type", "definition")} for e in entries])


# --------------------------------------------------------------------------- per sentence


def tag_frames(text: str, *, rules: tuple[FrameRule, ...] | None = None) -> dict[str, list[str]]:
    """Frames a sentence shows, each with the indicator words that matched (in reading order)."""
    rules = frame_rules() if rules is None else rules
    found: dict[str, list[str]] = {}
    for rule in rules:
        terms = [m.group(0) for m in rule.pattern.finditer(text)] if rule.pattern is not None else []
        for anchor, cue in rule.combined:
            a = anchor.search(text) if anchor is not None else None
            c = cue.search(text) if cue is not None else None
            if a and c:
                terms += [a.group(0), c.group(0)]
        if terms:
            found[rule.frame] = list(dict.fromkeys(terms))
    return found


def hedge_markers(text: str, *, rules: tuple[HedgeRule, ...] | None = None) -> list[tuple[str, str, str, int]]:
    """(kind, category, term, start) of every hedge or certainty marker in a sentence."""
    rules = _hedge_rules(*_stamp(HEDGES_CODEBOOK, None)) if rules is None else rules
    out = []
    for rule in rules:
        for m in rule.pattern.finditer(text):
            if rule.not_after:
                before = re.search(r"(\w+)\W*$", text[: m.start()])
                if before and before.group(1).lower() in rule.not_after:
                    continue
            out.append((rule.kind, rule.category, m.group(0), m.start()))
    return sorted(out, key=lambda x: x[3])


def textstat_frames(sentences: pd.DataFrame, *, codebooks_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Frame tags (long format), hedge/certainty markers and headline/lead features per sentence.

    Returns {"frames": one row per sentence x frame shown, "hedging": one row per marker,
    "headlines": one row per kicker/headline/subheading/lead sentence}.
    """
    f_rules = frame_rules(codebooks_dir=codebooks_dir)
    h_rules = _hedge_rules(*_stamp(HEDGES_CODEBOOK, codebooks_dir))
    a_rules = actor_rules(codebooks_dir=codebooks_dir)
    types = {r.frame: r.type for r in f_rules}
    escalation = tuple(r for r in f_rules if r.frame == "escalation")
    frames, hedges, heads = [], [], []
    for aid, sid, role, text in zip(sentences["article_id"], sentences["sentence_id"], sentences["role"], sentences["text"]):
        if role in EXCLUDED_ROLES:
            continue
        for frame, terms in tag_frames(text, rules=f_rules).items():
            frames.append({"article_id": aid, "sentence_id": sid, "role": role, "frame": frame, "frame_type": types[frame], "terms": "; ".join(terms)})
        markers = hedge_markers(text, rules=h_rules)
        if markers:
            spans = quote_spans(text)
            for kind, category, term, start in markers:
                in_quote = any(a <= start < b for a, b in spans)
                hedges.append({"article_id": aid, "sentence_id": sid, "role": role, "kind": kind, "category": category, "term": term, "in_quote": in_quote})
        if role in HEADLINE_ROLES:
            stripped = text.rstrip(" \"“”«»'’)")
            esc = tag_frames(text, rules=escalation).get("escalation", [])
            actors = actors_in_order(text, rules=a_rules)
            heads.append(
                {
                    "article_id": aid, "sentence_id": sid, "role": role, "text": text,
                    "is_question": stripped.endswith("?"), "is_exclamation": stripped.endswith("!"),
                    "escalation_terms": "; ".join(esc), "n_escalation": len(esc),
                    "first_actor": actors[0] if actors else "", "actors": "; ".join(actors),
                }
            )
    return {
        "frames": pd.DataFrame(frames, columns=FRAME_COLUMNS),
        "hedging": pd.DataFrame(hedges, columns=HEDGE_COLUMNS),
        "headlines": pd.DataFrame(heads, columns=HEADLINE_COLUMNS),
    }


# --------------------------------------------------------------------------- corpus views


def _prose(sentences: pd.DataFrame) -> pd.DataFrame:
    return sentences[~sentences["role"].isin(EXCLUDED_ROLES)]


def frame_profile(frames: pd.DataFrame, sentences: pd.DataFrame, *, frame_ids: list[str] | None = None) -> pd.DataFrame:
    """Per article x frame: sentences showing the frame, their share of the article's sentences, presence (0/1)."""
    frame_ids = frame_ids or [r.frame for r in frame_rules()]
    n = _prose(sentences).groupby("article_id").size()
    counts = frames.drop_duplicates(["article_id", "sentence_id", "frame"]).groupby(["article_id", "frame"]).size()
    rows = []
    for aid, total in n.items():
        for frame in frame_ids:
            k = int(counts.get((aid, frame), 0))
            rows.append({"article_id": aid, "frame": frame, "n_sentences": k, "share": k / total if total else 0.0, "present": int(k > 0)})
    return pd.DataFrame(rows, columns=["article_id", "frame", "n_sentences", "share", "present"])


def frames_by_outlet(frames: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, *, frame_ids: list[str] | None = None) -> pd.DataFrame:
    """Per outlet x frame: share of the outlet's sentences that show the frame (pooled over its articles)."""
    prof = frame_profile(frames, sentences, frame_ids=frame_ids)
    n = _prose(sentences).groupby("article_id").size().rename("total").reset_index()
    prof = prof.merge(n, on="article_id").merge(articles[["article_id", "outlet_label"]], on="article_id")
    out = prof.groupby(["outlet_label", "frame"], sort=False)[["n_sentences", "total"]].sum().reset_index()
    out["share"] = out["n_sentences"] / out["total"]
    return out.rename(columns={"total": "sentences"})


def hedging_rates(hedging: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Markers per 1,000 words per outlet (or per `by` column of articles), by category and kind.

    Rows: one per group x category, plus one per group for each kind (category "all hedges" / "all certainty").
    """
    words = _prose(sentences).groupby("article_id")["n_words"].sum().rename("words").reset_index()
    words = words.merge(articles[["article_id", by]], on="article_id")
    totals = words.groupby(by)["words"].sum()
    marks = hedging.merge(articles[["article_id", by]], on="article_id")
    per_cat = marks.groupby([by, "kind", "category"]).size()
    per_kind = marks.groupby([by, "kind"]).size()
    categories = hedging[["kind", "category"]].drop_duplicates().values.tolist() if len(hedging) else []
    rules = _hedge_rules(*_stamp(HEDGES_CODEBOOK, None))
    categories = [(r.kind, r.category) for r in rules] + [(k, c) for k, c in categories if (k, c) not in {(r.kind, r.category) for r in rules}]
    rows = []
    for group, total in totals.items():
        for kind, category in categories:
            k = int(per_cat.get((group, kind, category), 0))
            rows.append({by: group, "kind": kind, "category": category, "n": k, "words": int(total), "per_1000_words": 1000 * k / total if total else 0.0})
        for kind in ("hedge", "certainty"):
            k = int(per_kind.get((group, kind), 0))
            rows.append({by: group, "kind": kind, "category": f"all {kind}" if kind == "certainty" else "all hedges", "n": k, "words": int(total), "per_1000_words": 1000 * k / total if total else 0.0})
    return pd.DataFrame(rows)


def headline_summary(headlines: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: its headline (or first heading-like line), question/exclamation, escalation words,
    first-named actor in the headline and in the lead, and counts over all display lines."""
    rows = []
    for aid in articles["article_id"]:
        h = headlines[headlines["article_id"] == aid].sort_values("sentence_id")
        top = h[h["role"] == "headline"]
        if top.empty:
            top = h[h["role"].isin(["kicker", "subheading", "lead"])]
        lead = h[h["role"] == "lead"]
        first = top.iloc[0] if len(top) else None
        lead_actor = next((a for a in lead["first_actor"] if a), "")
        rows.append(
            {
                "article_id": aid,
                "headline": first["text"] if first is not None else "",
                "headline_role": first["role"] if first is not None else "",
                "headline_question": bool(first["is_question"]) if first is not None else False,
                "headline_exclamation": bool(first["is_exclamation"]) if first is not None else False,
                "headline_escalation": first["escalation_terms"] if first is not None else "",
                "headline_first_actor": first["first_actor"] if first is not None else "",
                "lead_first_actor": lead_actor,
                "display_lines": len(h),
                "questions": int(h["is_question"].sum()),
                "exclamations": int(h["is_exclamation"].sum()),
                "escalation_words": int(h["n_escalation"].sum()),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- validation


def load_gold(name: str = "frames_sentences.csv", *, gold_dir: Path | None = None) -> pd.DataFrame:
    """A framing gold file from analysis/gold (comment header skipped)."""
    return agreement.load_gold(name, gold_dir=gold_dir)


def match_gold(gold: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Gold rows with their sentence_id; each sentence taken once, so repeated openings map in turn."""
    return agreement.match_gold(gold, sentences, once_per_sentence=True)


def _gold_sets(gold: pd.DataFrame) -> set[tuple[str, int, str]]:
    return {(a, s, f.strip()) for a, s, fs in zip(gold["article_id"], gold["sentence_id"], gold["frames"]) for f in fs.split(";") if f.strip()}


def sentence_disagreements(frames: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Gold sentences where tagger and hand coding differ: frames missed, frames extra, and the sentence."""
    matched = match_gold(gold, sentences)
    predicted = frames.groupby(["article_id", "sentence_id"])["frame"].apply(set).to_dict()
    texts = dict(zip(zip(sentences["article_id"], sentences["sentence_id"]), sentences["text"]))
    rows = []
    for aid, sid, coded in zip(matched["article_id"], matched["sentence_id"], matched["frames"]):
        g, p = {f.strip() for f in coded.split(";") if f.strip()}, predicted.get((aid, sid), set())
        if g != p:
            rows.append({"article_id": aid, "sentence_id": sid, "missed": ", ".join(sorted(g - p)),
                         "extra": ", ".join(sorted(p - g)), "text": texts.get((aid, sid), "")})
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "missed", "extra", "text"])


def sentence_agreement(frames: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame, *, frame_ids: list[str] | None = None) -> pd.DataFrame:
    """Tagger vs hand coding on the gold sentences: per frame precision/recall/F1, Krippendorff's alpha
    (presence 0/1 per sentence), support; plus a pooled 'micro' row (alpha over all sentence x frame units)."""
    frame_ids = frame_ids or [r.frame for r in frame_rules()]
    gold = match_gold(gold, sentences)
    gold = gold[gold["sentence_id"] >= 0]
    units = list(zip(gold["article_id"], gold["sentence_id"]))
    unit_set = set(units)
    g = _gold_sets(gold)
    p = {(a, s, f) for a, s, f in zip(frames["article_id"], frames["sentence_id"], frames["frame"]) if (a, s) in unit_set}
    return _agreement_table(units, g, p, frame_ids)


def article_agreement(frames: pd.DataFrame, sentences: pd.DataFrame, gold_articles: pd.DataFrame, *, frame_ids: list[str] | None = None) -> pd.DataFrame:
    """Tagger vs hand coding of frame presence per article (article shows a frame if any sentence does)."""
    frame_ids = frame_ids or [r.frame for r in frame_rules()]
    units = [(a, 0) for a in gold_articles["article_id"].unique()]
    g = {(a, 0, f) for a, f, v in zip(gold_articles["article_id"], gold_articles["frame"], gold_articles["present"]) if str(v).strip() == "1"}
    present = set(zip(frames["article_id"], frames["frame"]))
    p = {(a, 0, f) for a, _ in units for f in frame_ids if (a, f) in present}
    return _agreement_table(units, g, p, frame_ids)


def _agreement_table(units, gold: set, pred: set, frame_ids: list[str]) -> pd.DataFrame:
    rows = []
    all_g, all_p = [], []
    for frame in frame_ids:
        gs = {(a, s) for a, s, f in gold if f == frame}
        ps = {(a, s) for a, s, f in pred if f == frame}
        res = agreement.prf(gs, ps)
        gv = [int(u in gs) for u in units]
        pv = [int(u in ps) for u in units]
        all_g += gv
        all_p += pv
        alpha = agreement.krippendorff_alpha(gv, pv) if (sum(gv) + sum(pv)) else float("nan")
        rows.append({"frame": frame, "precision": res["precision"], "recall": res["recall"], "f1": res["f1"], "alpha": alpha, "gold": len(gs), "tagged": len(ps), "units": len(units)})
    res = agreement.prf({x for x in gold if x[2] in frame_ids}, {x for x in pred if x[2] in frame_ids})
    rows.append({"frame": "micro (all frames)", "precision": res["precision"], "recall": res["recall"], "f1": res["f1"], "alpha": agreement.krippendorff_alpha(all_g, all_p), "gold": res["tp"] + res["fn"], "tagged": res["tp"] + res["fp"], "units": len(units)})
    return pd.DataFrame(rows)


def validate_frames(frames: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Frame tags vs the sentence hand coding: agreement per frame and pooled, and the sentences that differ."""
    return {"agreement": sentence_agreement(frames, sentences, gold), "disagreements": sentence_disagreements(frames, sentences, gold)}


def validate_frame_articles(frames: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Frame presence per article vs the article hand coding."""
    return {"agreement": article_agreement(frames, sentences, gold)}
