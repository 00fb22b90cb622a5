"""News frames, hedging and headline features per sentence, from codebooks (frames.yaml, hedges.yaml).

Frames are the five generic frames of Semetko & Valkenburg (2000) plus issue frames of this story,
tagged by German word families (word-start stems, constructions and anchor + cue pairs of frames.yaml);
a sentence may carry several frames. For the frames where it beat the rules out of sample, a logistic regression on
word n-grams and the rule hits decides instead, or adds the sentences the rules missed (analysis.frames_model,
plain-data model in analysis/models/). Hedging counts evidential
and epistemic markers (reportative "soll", "offenbar", Konjunktiv I) against certainty markers.
Corpus-level views (outlet profiles, rates, headline counts) are pure functions of the extract's tables;
`validate_frames` / `validate_frame_articles` compare the tags with the hand coding in analysis/gold/.
Distinctive vocabulary is in analysis.keywords, topics in analysis.topics, figures in analysis.plots.framing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import agreement
from .actors import actor_rules, actors_in_order
from .codebook import compiled, load
from .corpus import DISPLAY_ROLES, TEXT_ROLES, columns_of, frame, select_roles, sentence_columns, with_outlet
from .frames_model import FrameModel, load_model
from .text import Prefilter, PrefilterIndex, prefilter, quote_spans, word_pattern, word_regex

FRAMES_CODEBOOK = "frames.yaml"
HEDGES_CODEBOOK = "hedges.yaml"
# Display lines plus the lead: what a reader sees before the body.
HEADLINE_ROLES = (*DISPLAY_ROLES, "lead")
HEADLINE_COUNTS = ["display_lines", "questions", "exclamations", "escalation_words"]
HEADLINE_SUMMARY_COLUMNS = ["article_id", "headline", "headline_role", "headline_question", "headline_exclamation",
                            "headline_escalation", "headline_first_actor", "lead_first_actor", *HEADLINE_COUNTS]
# The report table of headlines (`headline_report`): these columns after the outlet (and comparison unit).
HEADLINE_REPORT_COLUMNS = ["headline", "headline_role", "headline_question", "headline_first_actor", "lead_first_actor", *HEADLINE_COUNTS]

FRAME_COLUMNS = ["article_id", "sentence_id", "role", "frame", "frame_type", "terms"]
HEDGE_COLUMNS = ["article_id", "sentence_id", "role", "kind", "category", "term", "in_quote"]
HEADLINE_COLUMNS = [
    "article_id", "sentence_id", "role", "text", "is_question", "is_exclamation",
    "escalation_terms", "n_escalation", "first_actor", "actors",
]
DISAGREEMENT_COLUMNS = ["article_id", "sentence_id", "missed", "extra", "text"]
MICRO = "micro (all frames)"


_WORD_CHAR = re.compile(r"[\w-]").match


@dataclass(frozen=True)
class Indicators:
    """One list of frame indicators, compiled for speed: word-start and inside-word patterns run on the lowercased
    sentence without IGNORECASE (an inside match is widened back to the start of its hyphenated compound, so
    "Nordkorea-Soldaten" is reported, not "Soldaten"); patterns with capitals or inline flags run on the sentence
    itself. `whole` is the single IGNORECASE regex of `words`, used when lowercasing changes a sentence's length
    (rarely: it is compiled when first needed)."""

    anchored: re.Pattern | None
    inside: re.Pattern | None
    cased: re.Pattern | None
    words: tuple[str, ...]
    # per regex (anchored, inside, cased, those not None): for each of its patterns, what a sentence must contain
    # (compared lower-cased) for it to match (`_alternative_hints`)
    hints: tuple[tuple[Prefilter | None, ...], ...] = ()

    @cached_property
    def whole(self) -> re.Pattern:
        return word_regex(self.words, stem=True)

    def spans(self, text: str, lower: str, *, first: bool = False, live: set[int] | None = None) -> list[tuple[int, int]]:
        """(start, end) of the indicators in reading order, overlaps dropped; with `first`, the earliest only. `live`
        (from `_may_match`): of several regexes, only those whose id it holds run (the others cannot match)."""
        if len(lower) != len(text):
            found = [m.span() for m in ([self.whole.search(text)] if first else self.whole.finditer(text)) if m]
            return found
        if self.inside is None and self.cased is None and self.anchored is not None:  # one regex: in order, no overlaps
            if first:
                m = self.anchored.search(lower)
                return [m.span()] if m else []
            return [m.span() for m in self.anchored.finditer(lower)]
        found = []
        parts = 0  # the regexes that matched: the matches of one are in order and do not overlap (nor widened ones)
        for regex, source in ((self.anchored, lower), (self.cased, text)):
            if regex is not None and (live is None or id(regex) in live):
                spans = [m.span() for m in ([regex.search(source)] if first else regex.finditer(source)) if m]
                if spans:
                    found += spans
                    parts += 1
        if self.inside is not None and (live is None or id(self.inside) in live):
            for m in [self.inside.search(lower)] if first else self.inside.finditer(lower):
                if m:
                    start = m.start()
                    while start and _WORD_CHAR(lower[start - 1]):
                        start -= 1
                    found.append((start, m.end()))
                    parts += 1
        if parts <= 1:
            return found
        found.sort()
        kept: list[tuple[int, int]] = []
        for span in found:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept[:1] if first else kept


@dataclass(frozen=True)
class FrameRule:
    frame: str
    label: str
    type: str
    pattern: Indicators | None
    combined: tuple[tuple[Indicators | None, Indicators | None], ...]


@dataclass(frozen=True)
class HedgeRule:
    category: str
    kind: str
    pattern: re.Pattern
    not_after: frozenset[str]
    hints: tuple[Prefilter | None, ...] = ()  # per pattern: what a sentence must contain for it to match (exact prefilter)


_INSIDE = "\\w*"


def _cased(pattern: str) -> bool:
    return "(?-i:" in pattern or any(c.isupper() for c in re.sub(r"\\.", "", pattern))


def _indicator_regex(patterns: list[str]) -> Indicators | None:
    """Frame indicators as word starts (`text.word_regex`, stem=True), the match running on to the word's end.

    A pattern written '\\w*X' (X anywhere inside a word) is found anywhere and reported from the start of the whole
    hyphenated compound ("Nordkorea-Soldaten", not "Soldaten"), as the regex '[\\w-]*?X' at a word start would.
    """
    if not patterns:
        return None
    as_words = [r"[\w-]*?" + p[len(_INSIDE):] if p.startswith(_INSIDE) else p for p in patterns]
    plain = [p for p in patterns if not _cased(p)]
    anchored = [p for p in plain if not p.startswith(_INSIDE)]
    inside = [f"(?:{p[len(_INSIDE):]})" for p in plain if p.startswith(_INSIDE)]
    cased = [w for p, w in zip(patterns, as_words) if _cased(p)]
    parts = (
        word_regex(anchored, flags=0, stem=True),
        re.compile(rf"(?:{'|'.join(inside)})[\w-]*") if inside else None,
        word_regex(cased, stem=True),
    )
    hints = (
        _alternative_hints([word_pattern([p], stem=True) for p in anchored]),
        _alternative_hints([rf"{x}[\w-]*" for x in inside]),
        _alternative_hints(["(?i)" + word_pattern([w], stem=True) for w in cased]),
    )
    return Indicators(*parts, words=tuple(as_words), hints=tuple(h for p, h in zip(parts, hints) if p is not None))


def _alternative_hints(alternatives: list[str]) -> tuple[Prefilter | None, ...]:
    """The exact prefilter of each alternative of a regex (`text.prefilter`), lower-cased: a match on the sentence or
    on its lower-cased form (of the same length) holds its literals in the lower-cased sentence, within one word run
    when made of word characters. Per alternative, with its further literal sets, they rule out far more sentences
    than the literals of the whole alternation; None: the alternative always runs."""
    return tuple(_folded(prefilter(x, exact=True)) for x in alternatives)


def _folded(hint: Prefilter | None) -> Prefilter | None:
    if hint is None or hint.folded:
        return hint
    return Prefilter(tuple(dict.fromkeys(x.lower() for x in hint.literals)), True, hint.whole,
                     tuple(tuple(dict.fromkeys(x.lower() for x in part)) for part in hint.also))


def _build_frame_rules(entries: list[dict]) -> tuple[FrameRule, ...]:
    return tuple(
        FrameRule(
            e["frame"], e.get("label", e["frame"]), e.get("type", "issue"), _indicator_regex([*(e.get("stems") or []), *(e.get("phrases") or [])]),
            tuple((_indicator_regex(a), _indicator_regex(c)) for a, c in (e.get("combined") or [])),
        )
        for e in entries
    )


def _build_hedge_rules(entries: list[dict]) -> tuple[HedgeRule, ...]:
    return tuple(
        HedgeRule(e["category"], e["kind"], word_regex(e["patterns"]), frozenset(w.lower() for w in e.get("not_after") or []),
                  _alternative_hints(["(?i)" + word_pattern([p]) for p in e["patterns"]]))
        for e in entries
    )


_INDEXES: dict[tuple[int, ...], tuple[tuple, PrefilterIndex, tuple[tuple[int, ...], ...]]] = {}


def _may_match(text: str, *rule_sets: tuple, every: bool = False) -> set[int]:
    """ids of the hedge rules and of the frame rules' `Indicators` that may match in `text`, and of the regexes of
    an `Indicators` of several (`Indicators.spans` runs only those) (one `PrefilterIndex` per combination of rule
    tuples, kept while they live; one index rule per pattern of an `Indicators`); with `every`, all of them."""
    key = tuple(map(id, rule_sets))
    hit = _INDEXES.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], rule_sets)):
        if len(_INDEXES) > 16:
            _INDEXES.clear()
        owners, hints = [], []  # per index rule: the ids it makes live
        for rule in (r for rules in rule_sets for r in rules):
            if isinstance(rule, FrameRule):
                for x in (x for x in (rule.pattern, *(x for pair in rule.combined for x in pair)) if x is not None):
                    parts = [p for p in (x.anchored, x.inside, x.cased) if p is not None]
                    for part, part_hints in zip(parts, x.hints):
                        owners += [(id(x), id(part)) if len(parts) > 1 else (id(x),)] * len(part_hints)
                        hints += part_hints
            else:
                found = rule.hints or (prefilter(rule.pattern),)
                owners += [(id(rule),)] * len(found)
                hints += found
        hit = _INDEXES[key] = (rule_sets, PrefilterIndex(hints), tuple(owners))
    owners = hit[2]
    return set(chain.from_iterable(owners if every else map(owners.__getitem__, hit[1].candidates(text))))


def frame_rules(*, codebooks_dir: Path | None = None) -> tuple[FrameRule, ...]:
    """Compiled frame rules (rebuilt only when frames.yaml changes)."""
    return compiled(FRAMES_CODEBOOK, _build_frame_rules, codebooks_dir=codebooks_dir)


def hedge_rules(*, codebooks_dir: Path | None = None) -> tuple[HedgeRule, ...]:
    """Compiled hedge and certainty rules (rebuilt only when hedges.yaml changes)."""
    return compiled(HEDGES_CODEBOOK, _build_hedge_rules, codebooks_dir=codebooks_dir)


def frame_order(*, codebooks_dir: Path | None = None) -> list[str]:
    """Frame ids in codebook order (generic frames first), read from the parsed codebook: no rule is compiled."""
    return [e["frame"] for e in load(FRAMES_CODEBOOK, codebooks_dir=codebooks_dir)]


def frame_table(*, codebooks_dir: Path | None = None) -> pd.DataFrame:
    """The frame codebook as a table: frame, label, type, definition (for display, labels and ordering)."""
    entries = load(FRAMES_CODEBOOK, codebooks_dir=codebooks_dir)
    return pd.DataFrame([{k: e.get(k, "") for k in ("frame", "label", "type", "definition")} for e in entries])


# --------------------------------------------------------------------------- per sentence


def tag_frames(text: str, *, rules: tuple[FrameRule, ...] | None = None, model: FrameModel | None = None) -> dict[str, list[str]]:
    """Frames a sentence shows, each with the indicator words that matched (in reading order). With a `model`, its
    frames are decided by the model from the text and the rule hits (evidence: the features that weighed most)."""
    rules = frame_rules() if rules is None else rules
    return _decide(text, _rule_frames(text, rules), rules, model)


def _decide(text: str, found: dict[str, list[str]], rules: tuple[FrameRule, ...], model: FrameModel | None) -> dict[str, list[str]]:
    """The frames of `tag_frames` from the rule hits `found`: the model's frames decided by the model (mode "replace")
    or added by it to the rule hits (mode "add")."""
    if model is None:
        return found
    decided = model.decide(text, rule_frames=found)
    out = {}
    for rule in rules:
        if rule.frame in found and (rule.frame not in model.intercepts or model.mode(rule.frame) == "add"):
            out[rule.frame] = found[rule.frame]
        elif rule.frame in decided:
            out[rule.frame] = found.get(rule.frame) or decided[rule.frame]
    return out


def _rule_frames(text: str, rules: tuple[FrameRule, ...], *, live: set[int] | None = None, lower: str | None = None) -> dict[str, list[str]]:
    """The frames the rules find, with their terms; `live`: `_may_match` of the sentence, when it is known; `lower`:
    the sentence lower-cased, when at hand."""
    found: dict[str, list[str]] = {}
    lower = text.lower() if lower is None else lower
    if live is None:
        live = _may_match(text, rules, every=len(lower) != len(text))
    for rule in rules:
        terms = [text[a:b] for a, b in rule.pattern.spans(text, lower, live=live)] if id(rule.pattern) in live else []
        for anchor, cue in rule.combined:
            a = anchor.spans(text, lower, first=True, live=live) if id(anchor) in live and id(cue) in live else None
            c = cue.spans(text, lower, first=True, live=live) if a else None
            if a and c:
                terms += [text[slice(*a[0])], text[slice(*c[0])]]
        if terms:
            found[rule.frame] = list(dict.fromkeys(terms))
    return found


def hedge_markers(text: str, *, rules: tuple[HedgeRule, ...] | None = None) -> list[tuple[str, str, str, int]]:
    """(kind, category, term, start) of every hedge or certainty marker in a sentence."""
    rules = hedge_rules() if rules is None else rules
    return _hedge_markers(text, rules, _may_match(text, rules))


def _hedge_markers(text: str, rules: tuple[HedgeRule, ...], live: set[int]) -> list[tuple[str, str, str, int]]:
    out = []
    for rule in rules:
        if id(rule) not in live:
            continue
        for m in rule.pattern.finditer(text):
            if rule.not_after and (before := _last_word(text, m.start())) and before.lower() in rule.not_after:
                continue
            out.append((rule.kind, rule.category, m.group(0), m.start()))
    return sorted(out, key=lambda x: x[3])


_WORD_BEFORE_REVERSED = re.compile(r"\W*(\w+)")


def _last_word(text: str, end: int) -> str:
    """The last run of word characters in `text[:end]` ("" if none): what `re.search(r"(\\w+)\\W*$", text[:end])`
    finds, read from the end instead of trying every start."""
    m = _WORD_BEFORE_REVERSED.match(text[:end][::-1])
    return m.group(1)[::-1] if m else ""


def textstat_frames(sentences: pd.DataFrame, *, codebooks_dir: Path | None = None, use_model: bool = True,
                    model_path: Path | None = None) -> dict[str, pd.DataFrame]:
    """Frame tags (long format), hedge/certainty markers and headline/lead features per sentence.

    Returns {"frames": one row per sentence x frame shown, "hedging": one row per marker,
    "headlines": one row per kicker/headline/subheading/lead sentence}. Credit lines are left out.
    `use_model=False` tags by the codebook's rules alone; `model_path` replaces the shipped frame model.
    """
    tables = frame_columns(sentences, codebooks_dir=codebooks_dir, use_model=use_model, model_path=model_path)
    return {name: frame(columns) for name, columns in tables.items()}


def frame_columns(sentences: pd.DataFrame, *, codebooks_dir: Path | None = None, use_model: bool = True,
                  model_path: Path | None = None) -> dict[str, dict[str, list]]:
    """`textstat_frames`'s tables as column lists, built without DataFrames: what the pipeline stores per article."""
    f_rules = frame_rules(codebooks_dir=codebooks_dir)
    model = load_model(model_path) if use_model else None
    h_rules = hedge_rules(codebooks_dir=codebooks_dir)
    a_rules = actor_rules(codebooks_dir=codebooks_dir)
    types = {r.frame: r.type for r in f_rules}
    frames, hedges, heads = [], [], []
    for aid, sid, role, text in zip(*sentence_columns(sentences, ("article_id", "sentence_id", "role", "text"))):
        if role not in TEXT_ROLES:
            continue
        lower = text.lower()
        # the prefilter compares lower-cased literals, which only holds when lower-casing keeps the length
        live = _may_match(text, f_rules, h_rules, every=len(lower) != len(text))
        found = _rule_frames(text, f_rules, live=live, lower=lower)
        for name, terms in _decide(text, found, f_rules, model).items():
            frames.append({"article_id": aid, "sentence_id": sid, "role": role, "frame": name, "frame_type": types[name], "terms": "; ".join(terms)})
        markers = _hedge_markers(text, h_rules, live)
        if markers:
            spans = quote_spans(text)
            for kind, category, term, start in markers:
                in_quote = any(a <= start < b for a, b in spans)
                hedges.append({"article_id": aid, "sentence_id": sid, "role": role, "kind": kind, "category": category, "term": term, "in_quote": in_quote})
        if role in HEADLINE_ROLES:
            stripped = text.rstrip(" \"“”«»'’)")
            esc = found.get("escalation", [])
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
        "frames": columns_of(frames, FRAME_COLUMNS),
        "hedging": columns_of(hedges, HEDGE_COLUMNS),
        "headlines": columns_of(heads, HEADLINE_COLUMNS),
    }


textstat_frames.columns = frame_columns  # the pipeline's way to skip building DataFrames per article


# --------------------------------------------------------------------------- corpus views


def frame_profile(frames: pd.DataFrame, sentences: pd.DataFrame, *, frame_ids: list[str] | None = None) -> pd.DataFrame:
    """Per article x frame: sentences showing the frame, their share of the article's sentences (credit lines
    left out), presence (0/1)."""
    ids = frame_ids or frame_order()
    n = select_roles(sentences).groupby("article_id").size()
    counts = frames.drop_duplicates(["article_id", "sentence_id", "frame"]).groupby(["article_id", "frame"]).size()
    rows = []
    for aid, total in n.items():
        for frame in ids:
            k = int(counts.get((aid, frame), 0))
            rows.append({"article_id": aid, "frame": frame, "n_sentences": k, "share": k / total if total else 0.0, "present": int(k > 0)})
    return pd.DataFrame(rows, columns=["article_id", "frame", "n_sentences", "share", "present"])


def frames_by_outlet(
    frames: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, *, frame_ids: list[str] | None = None, by: str = "outlet_label"
) -> pd.DataFrame:
    """Per outlet (or `by` column of articles) x frame: sentences showing the frame (`n_sentences`), the
    outlet's sentences (`sentences`, credit lines left out) and their ratio (`share`), pooled over its articles."""
    prof = frame_profile(frames, sentences, frame_ids=frame_ids)
    n = select_roles(sentences).groupby("article_id").size().rename("total").reset_index()
    prof = with_outlet(prof.merge(n, on="article_id"), articles, by=by)
    out = prof.groupby([by, "frame"], sort=False)[["n_sentences", "total"]].sum().reset_index()
    out["share"] = out["n_sentences"] / out["total"]
    order = {u: i for i, u in enumerate(dict.fromkeys(articles[by]))}
    out = out.sort_values(by, key=lambda units: units.map(order), kind="stable", ignore_index=True)
    return out.rename(columns={"total": "sentences"})[[by, "frame", "n_sentences", "sentences", "share"]]


def frame_share_table(by_outlet: pd.DataFrame, *, by: str = "outlet_label", frame_ids: list[str] | None = None) -> pd.DataFrame:
    """`frames_by_outlet` as a wide table in per cent: one row per unit (column `by`, in the table's order), one
    column per frame (`frame_ids` order, default: the codebook's), the share of the unit's sentences showing it."""
    ids = [f for f in (frame_ids or frame_order()) if f in set(by_outlet["frame"])]
    wide = by_outlet.pivot(index=by, columns="frame", values="share") * 100
    return wide.reindex(index=list(dict.fromkeys(by_outlet[by])), columns=ids)


def hedging_rates(hedging: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Markers per 1,000 words per outlet (or per `by` column of articles), by category and kind.

    Rows: one per group x category (codebook order), plus one per group for each kind (category "all hedges" /
    "all certainty"). Words are those of the outlet's text (credit lines left out).
    """
    words = with_outlet(select_roles(sentences).groupby("article_id")["n_words"].sum().rename("words").reset_index(), articles, by=by)
    totals = words.groupby(by, sort=False)["words"].sum()
    marks = with_outlet(hedging, articles, by=by)
    per_cat = marks.groupby([by, "kind", "category"]).size()
    per_kind = marks.groupby([by, "kind"]).size()
    categories = [(r.kind, r.category) for r in hedge_rules()]
    categories += [kc for kc in dict.fromkeys(zip(hedging["kind"], hedging["category"])) if kc not in categories]
    rows = []
    for group, total in totals.items():
        cells = [(kind, category, per_cat.get((group, kind, category), 0)) for kind, category in categories]
        cells += [(kind, "all hedges" if kind == "hedge" else f"all {kind}", per_kind.get((group, kind), 0)) for kind in ("hedge", "certainty")]
        for kind, category, k in cells:
            rows.append({by: group, "kind": kind, "category": category, "n": int(k), "words": int(total), "per_1000_words": 1000 * k / total if total else 0.0})
    return pd.DataFrame(rows, columns=[by, "kind", "category", "n", "words", "per_1000_words"])


def headline_summary(headlines: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """One row per article: its outlet label and comparison unit (the articles' column `by`, when that is another
    column), its headline (or, where none was captured, its first kicker/subheading/lead line and that line's role),
    question/exclamation, escalation words, first-named actor in the headline and in the lead, and counts over all
    display lines."""
    rows = []
    for aid in articles["article_id"]:
        h = headlines[headlines["article_id"] == aid].sort_values("sentence_id")
        top = h[h["role"] == "headline"]
        if top.empty:
            top = h[h["role"].isin(["kicker", "subheading", "lead"])]
        lead = h[h["role"] == "lead"]
        first = top.iloc[0] if len(top) else None
        rows.append(
            {
                "article_id": aid,
                "headline": first["text"] if first is not None else "",
                "headline_role": first["role"] if first is not None else "",
                "headline_question": bool(first["is_question"]) if first is not None else False,
                "headline_exclamation": bool(first["is_exclamation"]) if first is not None else False,
                "headline_escalation": first["escalation_terms"] if first is not None else "",
                "headline_first_actor": first["first_actor"] if first is not None else "",
                "lead_first_actor": next((a for a in lead["first_actor"] if a), ""),
                "display_lines": len(h),
                "questions": int(h["is_question"].sum()),
                "exclamations": int(h["is_exclamation"].sum()),
                "escalation_words": int(h["n_escalation"].sum()),
            }
        )
    units = [c for c in dict.fromkeys(["outlet_label", by]) if c in articles.columns]
    out = pd.DataFrame(rows, columns=HEADLINE_SUMMARY_COLUMNS).merge(articles[["article_id", *units]], on="article_id", how="left")
    return out[["article_id", *units, *HEADLINE_SUMMARY_COLUMNS[1:]]]


def headline_report(summary: pd.DataFrame) -> pd.DataFrame:
    """The report table of headlines: `headline_summary` by outlet (and unit), without article ids and the headline's
    exclamation and escalation details (the counts over all display lines keep them)."""
    units = [c for c in summary.columns if c not in HEADLINE_SUMMARY_COLUMNS]
    return summary[[*units, *HEADLINE_REPORT_COLUMNS]]


def headline_counts(headlines: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Per outlet (or `by` column of articles): articles, display lines, and the questions, exclamations and
    escalation words in them, summed over the outlet's articles (outlets in catalog order)."""
    summary = headline_summary(headlines, articles, by=by)
    out = summary.groupby(by, sort=False)[HEADLINE_COUNTS].sum()
    out.insert(0, "articles", summary.groupby(by, sort=False).size())
    return out.reset_index()


def describe_headlines(summary: pd.DataFrame) -> str:
    """One sentence on the articles without a captured headline (`summary`: `headline_summary`)."""
    stand_in = summary[summary["headline_role"] != "headline"]
    if stand_in.empty:
        return "The article has a captured headline." if len(summary) == 1 else f"All {len(summary)} articles have a captured headline."
    return (f"{len(stand_in)} of {len(summary)} articles have no captured headline ({', '.join(stand_in['article_id'])}): "
            "their first kicker, subheading or lead line stands in (column `headline_role`).")


# --------------------------------------------------------------------------- validation


def _coded_frames(value: str) -> set[str]:
    return {f.strip() for f in str(value).split(";") if f.strip()}


def _agreement_table(units: list, gold: set, pred: set, frame_ids: list[str]) -> pd.DataFrame:
    """Per frame precision/recall/F1 and Krippendorff's alpha on presence (0/1) per unit, plus a pooled micro row."""
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
    rows.append({"frame": MICRO, "precision": res["precision"], "recall": res["recall"], "f1": res["f1"], "alpha": agreement.krippendorff_alpha(all_g, all_p), "gold": res["tp"] + res["fn"], "tagged": res["tp"] + res["fp"], "units": len(units)})
    return pd.DataFrame(rows)


def validate_frames(frames: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame, *, frame_ids: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Frame tags vs the sentence hand coding (gold: article_id, sentence_start, frames separated by ';').

    Gold rows are matched to sentences by their opening words, each sentence taken once. Returns
    {"agreement": per frame precision/recall/F1, Krippendorff's alpha on presence per sentence, gold and tagged
    counts, units, plus a pooled micro row; "disagreements": the gold sentences where tagger and hand coding differ,
    with the frames the tagger missed and those it added}.
    """
    ids = frame_ids or frame_order()
    matched = agreement.match_gold(gold, sentences, once_per_sentence=True)
    matched = matched[matched["sentence_id"] >= 0]
    units = list(zip(matched["article_id"], matched["sentence_id"]))
    coded = {u: _coded_frames(fs) for u, fs in zip(units, matched["frames"])}
    tagged = {u: set() for u in units}
    for a, s, f in zip(frames["article_id"], frames["sentence_id"], frames["frame"]):
        if (a, s) in tagged:
            tagged[(a, s)].add(f)
    g = {(a, s, f) for (a, s), fs in coded.items() for f in fs}
    p = {(a, s, f) for (a, s), fs in tagged.items() for f in fs}
    texts = dict(zip(zip(sentences["article_id"], sentences["sentence_id"]), sentences["text"]))
    rows = [
        {"article_id": u[0], "sentence_id": u[1], "missed": ", ".join(sorted(coded[u] - tagged[u])),
         "extra": ", ".join(sorted(tagged[u] - coded[u])), "text": texts.get(u, "")}
        for u in units if coded[u] != tagged[u]
    ]
    return {"agreement": _agreement_table(units, g, p, ids), "disagreements": pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)}


def validate_frames_second_coder(frames: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame, *,
                                 first: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The tagger against an independent second coder (`gold`; `agreement`), and the reliability of the hand coding
    itself: the first coder (`first`, default gold/frames_sentences.csv of the seeds) against the second on the
    sentences both coded (`coders`), the ceiling any tagger can be held to."""
    first = agreement.load_gold("frames_sentences.csv") if first is None else first
    first = agreement.match_gold(first[first["article_id"].isin(set(gold["article_id"]))], sentences, once_per_sentence=True)
    first = first[first["sentence_id"] >= 0]
    as_tags = pd.DataFrame([(a, s, f) for a, s, fs in zip(first["article_id"], first["sentence_id"], first["frames"])
                            for f in _coded_frames(fs)], columns=["article_id", "sentence_id", "frame"])
    shared = set(zip(first["article_id"], first["sentence_id"]))
    second = agreement.match_gold(gold, sentences, once_per_sentence=True)
    second = second[[(a, s) in shared for a, s in zip(second["article_id"], second["sentence_id"])]]
    return {"agreement": validate_frames(frames, sentences, gold)["agreement"],
            "coders": validate_frames(as_tags, sentences, second.drop(columns="sentence_id"))["agreement"]}


def validate_frame_articles(frames: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame, *, frame_ids: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Frame presence per article (an article shows a frame if any of its sentences does) vs the article hand
    coding (gold: article_id, frame, present 0/1). Returns {"agreement": as in `validate_frames`, units = articles}."""
    ids = frame_ids or frame_order()
    units = [(a, 0) for a in gold["article_id"].unique()]
    g = {(a, 0, f) for a, f, v in zip(gold["article_id"], gold["frame"], gold["present"]) if str(v).strip() == "1"}
    present = set(zip(frames["article_id"], frames["frame"]))
    p = {(a, 0, f) for a, _ in units for f in ids if (a, f) in present}
    return {"agreement": _agreement_table(units, g, p, ids)}


def describe_validation(sentence_agreement: pd.DataFrame, article_agreement: pd.DataFrame, *, codebook: pd.DataFrame | None = None,
                        good_f1: float = 0.85) -> str:
    """What the agreement tables (`validate_frames(...)["agreement"]`, `validate_frame_articles(...)["agreement"]`)
    allow: pooled scores in words, and which frames rest on too few gold sentences (3 or fewer) to be judged."""
    s, a = sentence_agreement.set_index("frame").loc[MICRO], article_agreement.set_index("frame").loc[MICRO]
    codebook = frame_table() if codebook is None else codebook
    labels = dict(zip(codebook["frame"], codebook["label"]))
    per_frame = sentence_agreement[(sentence_agreement["frame"] != MICRO) & (sentence_agreement["gold"] > 0)]
    rare = per_frame[per_frame["gold"] <= 3]
    good = s["f1"] >= good_f1
    text = (
        f"**What the numbers allow.** On the hand-coded seed texts the frame tagger (codebook rules, and for some frames a "
        f"model trained on other articles) reproduces the hand coding "
        f"{'closely' if good else 'only roughly'} (pooled sentence-level F1 {s['f1']:.2f}, alpha {s['alpha']:.2f} on "
        f"{int(s['units'])} sentences; frame presence per article F1 {a['f1']:.2f}, alpha {a['alpha']:.2f} on {int(a['units'])} "
        f"articles), so the frame heatmap is {'a faithful' if good else 'only a rough'} summary of what a careful reader "
        "would code *in these texts*."
    )
    if len(rare):
        names = ", ".join(labels.get(f, f).lower() for f in rare["frame"])
        text += (f" Rare frames ({names}) rest on {int(rare['gold'].min())} to {int(rare['gold'].max())} gold sentences "
                 "each, so their scores mean little.")
    return text
