"""Sentence tone by a news-tone codebook (the headline measure), actor portrayal, two German lexicons for reference,
and emotive/escalation vocabulary.

Headline measure per sentence: the news-tone codebook (codebooks/news_tone.yaml: loaded and delegitimising labels;
threat, alarm, escalation, worry; condemnation, accusation, warning; death, loss, destruction; approval, success,
support, relief), matched by stem with negation and its scope, intensifiers and modality: `tone`
(negative/neutral/positive), `tone_score`, the evidence `tone_terms` and `voice` (own words / quoted or reported source).
Actor portrayal: the evaluations that attach to an actor of actors.yaml (label on it, agent of a condemned act,
target of blame or praise), one row per sentence x evaluated actor (table `actor_tone`).

Reference measures per sentence:
- textblob-de (pattern's German polarity lexicon, about 8,000 nouns, adjectives, verbs): polarity -1..1 and its
  subjectivity, which is 0.0 for nearly every German sentence (the lexicon barely carries it).
- SentiWS (Remus, Quasthoff & Heyer 2010; word forms with weights -1..1, as shipped in the `gersent`
  package) with a negation rule: a hit within `window` words after a negator, in the same clause,
  counts with flipped sign. Score = sum of weights / sqrt(words in the sentence).
Plus counts of emotive/escalation terms (codebook emotive.yaml) and the actors a sentence names
(codebook actors.yaml, via analysis.actors). Nothing is downloaded: both lexicons ship inside installed packages.

Tables: `textstat_sentiment` (per sentence, per article, per sentence x actor named, per sentence x actor evaluated);
pure functions of those tables for the notebook's figures and report tables (`tone_by_outlet`, `tone_shares`,
`tone_means`, `label_shares`, `actor_portrayal`, `naming_tone`, `actor_tone_table`, `tone_by_role`,
`escalation_rates`, `measure_agreement`, `measure_labels`, `measure_disagreements`), each per comparison unit (`by`:
the articles column holding it, outlet by default); `validate_sentiment(sentiment, sentences, gold)` and
`validate_actor_tone(actor_tone, sentences, gold)` against the hand coding.
"""

from __future__ import annotations

import bisect
import functools
import gc
import hashlib
import json
import math
import re
import string
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import agreement
from .actors import actor_mentions, actor_rules, mention_starts
from .agreement import match_gold
from .codebook import compiled
from .corpus import TEXT_ROLES, columns_of, frame, select_roles, sentence_columns, with_outlet
from .text import PrefilterIndex, prefilter, tokens_of, word_regex, words_of

LABELS = ("negative", "neutral", "positive")
ORDINAL = {"negative": -1, "neutral": 0, "positive": 1}
# A sentence is polar when its score is beyond these bounds (chosen before validation; see notebook).
TEXTBLOB_NEUTRAL = 0.1  # |polarity| <= 0.1 -> neutral; textblob-de polarities come in steps of ~0.1-0.7
SENTIWS_NEUTRAL = 0.05  # |sum of weights / sqrt(n words)| <= 0.05 -> neutral; one strong word (|w|>=0.2) in 16 words passes
MEASURES = ("textblob", "sentiws", "combined")
COLUMNS = [
    "article_id", "sentence_id", "role", "n_words",
    "textblob_polarity", "textblob_subjectivity", "textblob_label",
    "sentiws_score", "sentiws_pos", "sentiws_neg", "sentiws_hits", "sentiws_negated", "sentiws_terms", "sentiws_label",
    "combined_label", "tone", "tone_score", "tone_terms", "voice", "emotive_count", "emotive_terms", "actors",
]
ARTICLE_COLUMNS = [
    "article_id", "sentences", "words", "textblob_polarity_mean", "sentiws_score", "sentiws_sentence_mean",
    "share_negative_textblob", "share_negative_sentiws", "share_negative_combined", "tone_mean", "share_negative_tone",
    "share_positive_tone", "emotive_count", "emotive_per_1000_words",
]
ACTOR_COLUMNS = ["article_id", "sentence_id", "actor", "mentions"]
ACTOR_TONE_COLUMNS = ["article_id", "sentence_id", "actor", "tone", "evidence", "voice"]
VOICES = ("own", "source")
DISAGREEMENT_COLUMNS = [
    "article_id", "sentence_id", "gold", "tone", "textblob_label", "sentiws_label", "combined_label",
    "tone_score", "textblob_polarity", "sentiws_score", "tone_terms", "sentiws_terms", "emotive_terms", "note", "text",
]
NEGATION_CODEBOOK = "sentiment_negation.yaml"
EMOTIVE_CODEBOOK = "emotive.yaml"
NEWS_TONE_CODEBOOK = "news_tone.yaml"
# Cells of the actor-by-outlet table resting on fewer sentences than this show only their count.
MIN_SENTENCES = 3
_QUOTES = frozenset("„“”«»‚‘’…–—")
# Punctuation that ends a negator's scope (a clause); a decimal comma inside a number token does not.
_CLAUSE_END = frozenset(",;:–—-()[]\"„“”«»!?.")


# --------------------------------------------------------------------------- lexicons and codebooks


def _gc_paused(build):
    """`build` run with the garbage collector paused: loading a lexicon allocates some 10^5 containers, which would
    otherwise set off full collections over the whole heap (pandas and all) costing more than the loading itself."""

    @functools.wraps(build)
    def run(*args, **kwargs):
        enabled = gc.isenabled()
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return run


@lru_cache(maxsize=1)
@_gc_paused
def sentiws() -> dict[str, float]:
    """SentiWS word form -> weight (positive and negative lists merged; forms in both are summed)."""
    base = resources.files("gersent") / "wordlists" / "de"
    lexicon: dict[str, float] = {}
    for name in ("positive.json", "negative.json"):
        for form, weight in json.loads((base / name).read_text(encoding="utf-8")).items():
            lexicon[form] = lexicon.get(form, 0.0) + float(weight)
    return lexicon


class Negation(NamedTuple):
    """The SentiWS rules of codebooks/sentiment_negation.yaml."""

    negators: frozenset[str]
    window: int
    non_negating: tuple[tuple[str, ...], ...]
    skip: frozenset[str]  # topic terms and homographs, left out of the score


def _build_negation(data: dict) -> Negation:
    return Negation(
        negators=frozenset(data["negators"]),
        window=int(data["window"]),
        non_negating=tuple(tuple(p.split()) for p in data.get("non_negating") or []),
        skip=frozenset(data.get("topic_terms") or []) | frozenset(data.get("ignore_forms") or []),
    )


def negation_settings(*, codebooks_dir: Path | None = None) -> Negation:
    """(negators, window, non-negating phrases, word forms to skip) from codebooks/sentiment_negation.yaml."""
    return compiled(NEGATION_CODEBOOK, _build_negation, codebooks_dir=codebooks_dir)


class Emotive(NamedTuple):
    """Compiled emotive.yaml: one alternation regex with a named group per term, the terms, their categories."""

    regex: re.Pattern
    terms: tuple[str, ...]
    categories: tuple[str, ...]


def _build_emotive(entries: list[dict]) -> Emotive:
    regex = re.compile("|".join(f"(?P<t{i}>{e['pattern']})" for i, e in enumerate(entries)), re.IGNORECASE)
    return Emotive(regex, tuple(e["term"] for e in entries), tuple(e["category"] for e in entries))


def emotive_codebook(*, codebooks_dir: Path | None = None) -> Emotive:
    """The emotive/escalation codebook, compiled once per version of the file."""
    return compiled(EMOTIVE_CODEBOOK, _build_emotive, codebooks_dir=codebooks_dir)


# --------------------------------------------------------------------------- news-tone codebook (the headline measure)


class ToneBook(NamedTuple):
    """Compiled news_tone.yaml (see its header for the rules)."""

    matchers: tuple[tuple[str, float, str, re.Pattern], ...]  # (category, weight, actor rule, regex), weak ones weighted
    threshold: float
    negators: frozenset[str]
    window: int
    non_negating: tuple[tuple[str, ...], ...]
    positive_factor: float
    negative_factor: float
    intensifiers: frozenset[str]
    intensifier_factor: float
    modals: frozenset[str]
    modal_factor: float
    voice_cues: tuple[re.Pattern, ...]
    quotes: frozenset[str]
    near: int
    before: int
    after: int
    blockers: dict[str, frozenset[str]]
    places: frozenset[str]
    index: PrefilterIndex | None = None  # which matchers may match in a sentence
    voice_index: PrefilterIndex | None = None  # which voice cues may match in a sentence


@_gc_paused
def _build_tone_book(data: dict) -> ToneBook:
    matchers = []
    weak_factor = float(data.get("weak_factor", 0.5))
    for name, cat in data["categories"].items():
        weight = float(cat["weight"])
        for patterns, w in ((cat.get("patterns") or [], weight), (cat.get("weak") or [], weight * weak_factor)):
            exact = [p for p in patterns if p[:1].isupper()]
            loose = [p for p in patterns if not p[:1].isupper()]
            for group, flags in ((exact, 0), (loose, re.IGNORECASE)):
                if group:
                    rule = cat.get("actor", "none") if w == weight else "none"  # weak words evaluate no actor
                    matchers.append((name, w, rule, word_regex(group, flags=flags, stem=True)))
    neg, act = data["negation"], data.get("actor") or {}
    return ToneBook(
        matchers=tuple(matchers), threshold=float(data["threshold"]),
        negators=frozenset(neg["negators"]), window=int(neg["window"]),
        non_negating=tuple(tuple(p.split()) for p in neg.get("non_negating") or []),
        positive_factor=float(neg["positive_factor"]), negative_factor=float(neg["negative_factor"]),
        intensifiers=frozenset(data["intensifiers"]["words"]), intensifier_factor=float(data["intensifiers"]["factor"]),
        modals=frozenset(data["modality"]["words"]), modal_factor=float(data["modality"]["factor"]),
        voice_cues=tuple(re.compile(c) for c in data["voice"]["cues"]), quotes=frozenset(data["voice"]["quotes"]),
        near=int(act.get("near", 3)), before=int(act.get("before", 8)), after=int(act.get("after", 6)),
        blockers={rule: frozenset(words) for rule, words in (act.get("blockers") or {}).items()},
        places=frozenset(act.get("places") or []),
        index=PrefilterIndex([prefilter(m[3]) for m in matchers]),
        voice_index=PrefilterIndex([prefilter(re.compile(c)) for c in data["voice"]["cues"]]),
    )


def tone_codebook(*, codebooks_dir: Path | None = None) -> ToneBook:
    """The news-tone codebook, compiled once per version of the file."""
    return compiled(NEWS_TONE_CODEBOOK, _build_tone_book, codebooks_dir=codebooks_dir)


class Hit(NamedTuple):
    """One evaluative term of a sentence: its words, category, signed weight after the rules, word index, clause."""

    term: str
    category: str
    weight: float
    word: int
    clause: int
    actor_rule: str
    quoted: bool
    note: str


_CLAUSE_CHARS = frozenset(",;:()[]!?.–—")


class _GapClauses(dict):
    """Text between two words -> how many clauses it ends (a , ; : ( ) – — ! ? . or a spaced hyphen; a decimal comma
    inside a number does not), worked out once per distinct gap (most are " ", ", " or ". ")."""

    def __missing__(self, gap: str) -> int:
        bare = NUMBER_RE.sub("", gap) if gap != " " else gap
        n = sum(ch in _CLAUSE_CHARS or (ch == "-" and " - " in bare) for ch in bare)
        if len(self) < 100_000:
            self[gap] = n
        return n


_GAP_CLAUSES = _GapClauses()


@lru_cache(maxsize=8)  # a sentence's tone hits and actor hits ask for the same sentence in turn
def _words_and_clauses(text: str) -> tuple[tuple[str, ...], list[int], list[int], list[str]]:
    """Words of a sentence, their start offsets, the clause number of each (see `_GapClauses`) and the words
    lower-cased."""
    found = words_of(text)
    starts, clauses = [], []
    clause = last = 0
    find = text.find  # a word is found where the regex found it: nothing between two words starts one
    for word in found:
        start = find(word, last)
        if start != last + 1 or text[last] != " ":
            clause += _GAP_CLAUSES[text[last:start]]
        starts.append(start)
        clauses.append(clause)
        last = start + len(word)
    return found, starts, clauses, list(map(str.lower, found))


NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def _in_quotes(text: str, pos: int, quotes: frozenset[str]) -> bool:
    """Whether position `pos` lies inside quotation marks (an odd number of quote characters before it)."""
    return sum(text.count(q, 0, pos) for q in quotes if len(q) == 1) % 2 == 1


def tone_hits(text: str, *, book: ToneBook | None = None) -> tuple[list[Hit], list[str]]:
    """Evaluative terms of one sentence after negation and intensifiers, and the modal words it contains."""
    book = book or tone_codebook()
    spans = []
    candidates = sorted(book.index.candidates(text)) if book.index is not None else range(len(book.matchers))
    for k in candidates:
        category, weight, rule, regex = book.matchers[k]
        for m in regex.finditer(text):
            spans.append((m.start(), m.end(), category, weight, rule))
    if not spans:  # about 4 sentences in 10: no word offsets or clauses needed, only the modal words
        modals = book.modals
        return [], [w for w in words_of(text) if w.lower() in modals]
    found, starts, clauses, lowered = _words_and_clauses(text)
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    hits, end = [], -1

    for start, stop, category, weight, rule in spans:
        if start < end:
            continue
        end = stop
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        note = []
        w = weight
        for j in range(max(0, i - book.window), i):
            if clauses[j] != clauses[i] or lowered[j] not in book.negators:
                continue
            if any(tuple(lowered[j : j + len(p)]) == p for p in book.non_negating):
                continue
            w *= book.positive_factor if weight > 0 else book.negative_factor
            note.append("¬" + found[j] + " ")
            break
        if any(lowered[j] in book.intensifiers and clauses[j] == clauses[i] for j in range(max(0, i - 2), i)):
            w *= book.intensifier_factor
            note.append("+")
        hits.append(Hit(text[start:stop], category, w, i, clauses[i] if clauses else 0, rule,
                        _in_quotes(text, start, book.quotes), "".join(note)))
    modals = [w for w, low in zip(found, lowered) if low in book.modals]
    return hits, modals


def news_tone_sentence(text: str, *, book: ToneBook | None = None, hits: tuple[list[Hit], list[str]] | None = None) -> dict:
    """Headline tone of one sentence by the news-tone codebook: `tone_score` (sum of the terms' weights after negation
    and intensifiers, times the modal factor), `tone` (by the codebook's threshold), `tone_terms` (the evidence:
    term:category:weight, ¬ for negated, + for intensified) and `voice` (own / source)."""
    book = book or tone_codebook()
    hits, modals = hits or tone_hits(text, book=book)
    score = sum(h.weight for h in hits) * (book.modal_factor if modals and hits else 1.0)
    terms = [f"{h.note}{h.term}:{h.category}:{h.weight:+.1f}" for h in hits if h.weight or h.note]
    if modals and hits:
        terms.append("modal:" + "/".join(modals))
    return {
        "tone": label(score, book.threshold),
        "tone_score": round(score, 3),
        "tone_terms": "; ".join(terms),
        "voice": _voice(text, [h for h in hits if h.weight], book),
    }


def _voice(text: str, hits: list[Hit], book: ToneBook) -> str:
    """own or source (see news_tone.yaml)."""
    if any(h.quoted for h in hits):
        return "source"
    cues = book.voice_index.candidates(text) if book.voice_index is not None else range(len(book.voice_cues))
    reported = any(book.voice_cues[k].search(text) for k in sorted(cues))
    if not hits:
        return "source" if reported else "own"
    return "source" if reported and any(h.category != "label" for h in hits) else "own"


def actor_hits(text: str, *, book: ToneBook | None = None, rules=None, hits: list[Hit] | None = None) -> list[dict]:
    """Evaluations attached to an actor in one sentence: one dict (actor, tone -1/0/+1, evidence, voice) per actor the
    sentence evaluates, by the attachment rules of news_tone.yaml (label near the actor; condemned act with the actor as
    agent; blame or warning with the actor as target)."""
    book = book or tone_codebook()
    if hits is None:
        hits, _ = tone_hits(text, book=book)
    hits = [h for h in hits if h.weight and h.actor_rule != "none"]
    if not hits:
        return []
    _, starts, clauses, lowered = _words_and_clauses(text)

    mentions = []  # (actor, word index)
    for actor, positions in mention_starts(text, rules=rules):
        for start in positions:
            mentions.append((actor, max(bisect.bisect_right(starts, start) - 1, 0)))
    scores: dict[str, list[tuple[float, Hit]]] = {}
    for h in hits:
        for actor, k in mentions:
            if clauses and clauses[k] != h.clause:
                continue
            d = k - h.word  # > 0: actor after the term
            blockers = book.blockers.get(h.actor_rule, frozenset())
            if any(w in blockers for w in lowered[min(h.word, k) + 1 : max(h.word, k)]):
                continue  # "Angriffskrieg gegen die Ukraine": an actor behind a blocker is not the one evaluated
            if h.actor_rule == "near":
                ok = abs(d) <= book.near
            elif h.actor_rule == "agent":
                place = any(w in book.places for w in lowered[max(0, k - 2) : k])
                ok = not place and (-book.before <= d <= 0 or 0 < d <= book.near)
            else:  # target
                ok = 0 < d <= book.after
            if ok:
                scores.setdefault(actor, []).append((h.weight, h))
    rows = []
    for actor, ws in scores.items():
        total = sum(w for w, _ in ws)
        tone = 1 if total > 0 else (-1 if total < 0 else 0)
        rows.append({"actor": actor, "tone": tone, "evidence": "; ".join(h.term for _, h in ws),
                     "voice": _voice(text, [h for _, h in ws], book)})
    return rows


# --------------------------------------------------------------------------- per-sentence measures


def sentiws_sentence(text: str, *, settings: Negation | tuple | None = None) -> dict:
    """SentiWS hits of one sentence with the negation rule; score = sum of weights / sqrt(n words).

    Look-up: the token as written; else, for the first word only, lower case (sentence-initial
    adjectives); else, for hyphenated compounds, their last part ("Ukraine-Krieg" -> "Krieg").
    Topic terms and homographs listed in the codebook are skipped. Tokens are analysis.text's words and the
    clause-ending punctuation; numbers and other symbols neither count as words nor end a clause.
    """
    lexicon = sentiws()
    settings = settings or negation_settings()
    negators, window, non_negating, topic = settings
    known = _kept_for(settings, _SENTIWS_WORDS, lambda _: {})
    tokens = [t for t in tokens_of(text) if t[0].isalpha() or t in _CLAUSE_END]
    n_words = len(tokens)
    pos = neg = 0.0
    hits = negated = 0
    terms = []
    scope = 0  # word tokens still under a negator
    first = True
    lowered = None
    for i, tok in enumerate(tokens):
        if tok in _CLAUSE_END:
            scope = 0
            n_words -= 1
            continue
        entry = known.get(tok)
        if entry is None:
            low = tok.lower()
            entry = (low in negators, _sentiws_weight(tok, low, first=False, lexicon=lexicon, topic=topic))
            if len(known) < 300_000:
                known[tok] = entry
        negator, weight = entry
        if negator:
            if lowered is None:
                lowered = [t.lower() for t in tokens]
            if not any(tuple(lowered[i : i + len(p)]) == p for p in non_negating):
                scope = window
                first = False
                continue
        if first:
            weight = _sentiws_weight(tok, tok.lower(), first=True, lexicon=lexicon, topic=topic)
            first = False
        flipped = scope > 0
        if scope:
            scope -= 1
        if weight is None:
            continue
        if flipped:
            weight = -weight
            negated += 1
        hits += 1
        if weight > 0:
            pos += weight
        else:
            neg += weight
        terms.append(f"{'¬' if flipped else ''}{tok}:{weight:+.2f}")
    score = (pos + neg) / math.sqrt(n_words) if n_words else 0.0
    return {
        "sentiws_score": round(score, 4),
        "sentiws_pos": round(pos, 4),
        "sentiws_neg": round(neg, 4),
        "sentiws_hits": hits,
        "sentiws_negated": negated,
        "sentiws_terms": "; ".join(terms),
    }


def _sentiws_weight(token: str, low: str, *, first: bool, lexicon: dict[str, float], topic: frozenset[str]) -> float | None:
    """SentiWS weight of one word token (see `sentiws_sentence`), None if it has none or is skipped."""
    if token in topic:
        return None
    weight = lexicon.get(token)
    if weight is None and first:
        weight = lexicon.get(low)
    if weight is None and "-" in token:
        head = token.rsplit("-", 1)[1]
        if head not in topic:
            weight = lexicon.get(head) or lexicon.get(head.capitalize())
    return weight


def _kept_for(owner, kept: dict, make):
    """`make(owner)`, built once per `owner` object and kept in `kept` (by identity: the codebooks' compiled rules are
    one object per version of the file, and hashing them would hash their regexes' whole code)."""
    hit = kept.get(id(owner))
    if hit is None or hit[0] is not owner:
        if len(kept) >= 16:
            kept.clear()
        hit = kept[id(owner)] = (owner, make(owner))
    return hit[1]


# Per negation settings: word form -> (whether it is a negator, its SentiWS weight not at the start of a sentence).
_SENTIWS_WORDS: dict[int, tuple[Negation | tuple, dict[str, tuple[bool, float | None]]]] = {}


@lru_cache(maxsize=1)
@_gc_paused
def _pattern():
    """textblob-de's vendored pattern library (German tagger, lemmatizer, polarity lexicon), imported without
    textblob_de itself, which would import nltk and scipy (about 2 s per process). The sentiment lexicon is built
    exactly as `textblob_de.sentiments.sentiment` builds it (tests compare the two)."""
    import os
    import sys
    from importlib.util import find_spec

    ext = os.path.join(find_spec("textblob_de").submodule_search_locations[0], "ext")
    if "_pattern" not in sys.modules:  # the same import context as textblob_de.packages
        sys.path.append(ext)
        try:
            from _pattern import de as pattern_de  # noqa: F401
        finally:
            sys.path.remove(ext)
    from _pattern import de as pattern_de
    from _pattern import text as pattern_text

    class Sentiment(pattern_text.Sentiment):
        """textblob_de.sentiments.Sentiment: the lexicon with accented forms also listed without accents. It is
        loaded below, before any use, so look-ups skip pattern's lazy-loading wrapper (which costs a call each)."""

        __contains__ = dict.__contains__
        __getitem__ = dict.__getitem__

        def load(self, path=None):
            if path or self._confidence is not None or self._synset is not None:
                pattern_text.Sentiment.load(self, path)
            else:
                _load_sentiment_xml(self)
            if not path:
                for w, pos in list(self.items()):
                    w0 = w
                    if not w.endswith(("à", "è", "é", "ê", "ï")):
                        w = w.replace("à", "a").replace("é", "e").replace("è", "e").replace("ê", "e").replace("ï", "i")
                    if w != w0:
                        for pos, (p, s, i) in pos.items():
                            self.annotate(w, pos, p, s, i)

    lexicon = Sentiment(
        path=os.path.join(os.path.dirname(ext), "data", "de-sentiment.xml"), synset=None,
        negations=("nicht", "ohne", "nie", "nein", "kein", "keiner", "keine", "nichts"),
        modifiers=("RB", "JJ"), modifier=lambda w: w.endswith("lich"), language="de",
    )
    _fill_lexicon(pattern_de.parser.lexicon)
    _fill_verbs(pattern_de.verbs, infinitive=pattern_text.TENSES_ID[pattern_text.INFINITIVE])
    # Lemmas that make pattern's assessment non-empty: the lexicon's words, emoticons and the irony mark.
    assessed = frozenset(lexicon.keys()) | {e.lower() for forms in pattern_text.EMOTICONS.values() for e in forms} | {"(!)"}
    return pattern_de, pattern_text, lexicon, assessed


_KEPT_LEXICON: list[tuple[Path, str]] = []  # the file and code version `keep_lexicon` named, if any


def keep_lexicon(path: Path | None, *, version: str = "") -> None:
    """Keep pattern's parsed sentiment lexicon in `path` (checksummed JSON in the cache folder, `store.dump_json`): a
    fresh process analysing a few articles reads it there instead of parsing pattern's XML (tens of ms), if it was
    kept by the same `version` of this code (the caller's fingerprint) from the same XML. None: neither."""
    _KEPT_LEXICON[:] = [(Path(path), version)] if path is not None else []


def _load_sentiment_xml(lexicon: dict) -> None:
    """pattern's `Sentiment.load` of its own XML file (no confidence threshold, no synsets), with the same result:
    each word's senses averaged per part of speech, then over the parts of speech (key None), in fewer calls. Where
    `keep_lexicon` names a file, the result is read from it when it was made from the same XML, else kept there."""
    target, version = _KEPT_LEXICON[0] if _KEPT_LEXICON else (None, "")
    source = f"{hashlib.sha256(Path(lexicon._path).read_bytes()).hexdigest()}|{version}" if target else ""
    kept = _kept_lexicon(target, source=source) if target else None
    if kept is None:
        kept = _parsed_lexicon(lexicon._path)
        if target:
            _keep(kept, target, source=source)
    words, labels, language = kept["words"], kept["labels"], kept["language"]
    lexicon._language = language if language is not None else lexicon._language
    dict.update(lexicon, words)
    dict.update(lexicon.labeler, labels)


def _parsed_lexicon(path: str) -> dict:
    """{"words": word -> {part of speech (None: all) -> [polarity, subjectivity, intensity]}, "labels": word -> label,
    "language": the XML's language or None} as pattern's `Sentiment.load` makes them."""
    import xml.etree.ElementTree as ET

    def mean(values: tuple) -> float:  # pattern's avg
        return sum(values) / float(len(values))

    root = ET.parse(path).getroot()
    words: dict[str, dict] = {}
    labels: dict[str, str] = {}
    for element in root.iterfind("word"):
        a = element.attrib
        w = a.get("form")
        if not w:
            continue
        psi = (float(a.get("polarity", 0.0)), float(a.get("subjectivity", 0.0)), float(a.get("intensity", 1.0)))
        senses = words.get(w)
        if senses is None:
            words[w] = {a.get("pos"): [psi]}
        else:
            senses.setdefault(a.get("pos"), []).append(psi)
        if a.get("label"):
            labels[w] = a.get("label")
    for senses in words.values():
        for pos, psi in senses.items():
            senses[pos] = [mean(x) for x in zip(*psi)]
        senses[None] = [mean(x) for x in zip(*senses.values())]
    return {"words": words, "labels": labels, "language": root.attrib.get("language")}


KEPT_LEXICON_KIND = "sentiment lexicon"


def _kept_lexicon(kept: Path, *, source: str) -> dict | None:
    """The `_parsed_lexicon` `_keep` kept in `kept`, if it was kept with the same `source` (the XML's SHA-256 and the
    code version); else None."""
    from . import store

    saved = store.load_json(kept, KEPT_LEXICON_KIND)
    try:
        if not isinstance(saved, dict) or saved.get("source") != source:
            return None
        words = {w: {pos: values for pos, values in senses} for w, senses in saved["words"].items()}
        return {"words": words, "labels": dict(saved["labels"]), "language": saved["language"]}
    except (OSError, TypeError, ValueError, AttributeError):
        return None


def _keep(parsed: dict, target: Path, *, source: str) -> None:
    """Keep `parsed` (`_parsed_lexicon`, of the XML and code `source` names) in `target`, each word's senses as
    [part of speech, values] pairs (JSON keys are text; None is a part of speech here). A folder that cannot be
    written keeps nothing."""
    from . import store

    words = {w: [[pos, values] for pos, values in senses.items()] for w, senses in parsed["words"].items()}
    try:
        store.dump_json(target, KEPT_LEXICON_KIND, {"source": source, "words": words, "labels": parsed["labels"],
                                                    "language": parsed["language"]})
    except OSError:
        pass


def _lines(path: str) -> list[str]:
    """The lines of one of pattern's word lists as its `_read` yields them: stripped, without blank lines and ;;;
    comments."""
    with open(path, encoding="utf-8") as fh:
        return [line for line in map(str.strip, fh.read().split("\n")) if line and not line.startswith(";;;")]


def _fill_lexicon(lexicon: dict) -> None:
    """Load pattern's tagger lexicon (word -> tag) as its lazy `Lexicon.load` would, without its line generator."""
    if dict.__len__(lexicon) == 0:
        dict.update(lexicon, (line.split(" ")[:2] for line in _lines(lexicon.path)))


def _fill_verbs(verbs: dict, *, infinitive: int) -> None:
    """Load pattern's verb table (infinitive -> forms, and each form -> infinitive) as its lazy `Verbs.load` would;
    `infinitive`: pattern's tense id of the infinitive."""
    if dict.__len__(verbs) == 0:
        infinitive = verbs._format[infinitive]
        inverse = verbs._inverse
        for line in _lines(verbs.path):
            forms = line.split(",")
            dict.__setitem__(verbs, forms[infinitive], forms)
            inverse.update(dict.fromkeys(filter(None, forms), forms[infinitive]))


class _Morphology:
    """pattern's `Morphology.apply` (Brill's lexical rules that tag an unknown word), the same rules in the same order
    with the same result, but each word tested only against the rules whose condition can hold for it (found by
    look-ups of the word's prefixes and suffixes), not against all ~300 rules in turn: an unknown word costs ~10x less."""

    def __init__(self, morphology) -> None:
        commands = morphology._cmd
        len(morphology.known)  # pattern's lexicon loads on first use
        self.known = morphology.known
        self.rules: list[tuple[bool, str, str]] = []  # (needs a tag, that tag, new tag)
        self.by_affix: dict[str, dict[str | None, list[int]]] = {
            c: {} for c in ("word", "haspref", "hassuf", "goodleft", "goodright")}
        self.scanned: dict[str, list[tuple[str, int]]] = {c: [] for c in ("char", "addpref", "addsuf", "deletepref", "deletesuf")}
        f = x = pos = cmd = None
        for k, r in enumerate(list(morphology)):  # as pattern reads a rule, including its reuse of the last valid one
            if r[1] in commands:
                f, x, pos, cmd = False, r[0], r[-2], r[1].lower()
            if r[2] in commands:
                f, x, pos, cmd = True, r[1], r[-2], r[2].lower().lstrip("f")
            self.rules.append((f, r[0], pos))
            if cmd in self.by_affix:
                self.by_affix[cmd].setdefault(x, []).append(k)
            elif cmd in self.scanned:
                self.scanned[cmd].append((x, k))
        self.longest = max((len(x) for c in ("haspref", "hassuf") for x in self.by_affix[c]), default=0)

    def apply(self, token: list, previous=(None, None), next=(None, None)) -> list:
        w = token[0]
        known = dict.__contains__  # the lexicon (a dict loaded once) without its lazy-loading wrapper
        lexicon, scanned = self.known, self.scanned
        fired = [k for x, k in scanned["char"] if x in w]
        fired += [k for x, k in scanned["addpref"] if known(lexicon, x + w)]
        fired += [k for x, k in scanned["addsuf"] if known(lexicon, w + x)]
        fired += [k for x, k in scanned["deletepref"] if w.startswith(x) and known(lexicon, w[len(x):])]
        fired += [k for x, k in scanned["deletesuf"] if w.endswith(x) and known(lexicon, w[: -len(x)])]
        for cmd, key in (("word", w), ("goodleft", next[0]), ("goodright", previous[0])):
            fired += self.by_affix[cmd].get(key, ())
        prefixes, suffixes = self.by_affix["haspref"], self.by_affix["hassuf"]
        for n in range(min(len(w), self.longest) + 1):
            fired += prefixes.get(w[:n], ())
            fired += suffixes.get(w[len(w) - n :], ())
        tag = token[1]
        for k in sorted(fired):
            f, needed, pos = self.rules[k]
            if not f or tag == needed:
                tag = pos
        token[1] = tag
        return token


@lru_cache(maxsize=1)
@_gc_paused
def _morphology() -> _Morphology:
    return _Morphology(_pattern()[0].parser.morphology)


@lru_cache(maxsize=200_000)
def _lemma(word: str, first: bool) -> str:
    """textblob-de's lower-cased lemma of one word (pattern tagger without its contextual rules), cached per word."""
    pattern_de = _pattern()[0]
    ss = word.replace("ß", "ss")
    tag = pattern_de.parser.find_tags([ss] if first else ["X", ss], context=None, morphology=_morphology())[-1][1]
    tag = pattern_de.stts2penntreebank(ss, tag)[1]
    lemma = pattern_de.find_lemmata([[word, tag]])[0][-1].replace("ß", "ss")
    if word[0].isupper() and not first:
        lemma = lemma.title()
    elif tag.startswith("N") and first:
        lemma = lemma.title()
    return lemma.lower()


class _LaterLemmas(dict):
    """Word -> `_lemma(word, first=False)` (a word not at the start of its sentence), kept per word: a plain dict
    look-up is several times cheaper than a call of the cached function."""

    def __missing__(self, word: str) -> str:
        lemma = _lemma(word, False)
        if len(self) < 200_000:
            self[word] = lemma
        return lemma


_LATER_LEMMAS = _LaterLemmas()
_TEXTBLOB_SKIP = frozenset(string.punctuation) | _QUOTES


def textblob_sentence(text: str, *, exact: bool = False) -> tuple[float, float]:
    """textblob-de (polarity, subjectivity) of one sentence, offline (no NLTK data needed).

    `exact=True` gives what textblob-de's own lemmatizing analyzer with its PatternTokenizer gives
    (`TextBlobDE(text, tokenizer=PatternTokenizer()).sentiment`; reproduced on its vendored pattern library, so
    neither textblob nor nltk is imported), about 1.5 ms per sentence.
    The default tokenizes with analysis.text, lemmatizes word by word with the same pattern tagger
    minus its contextual rules, caches each word, and scores the lemmas with textblob-de's lexicon
    and rules (negation, intensifiers): ~20x faster on a corpus; on the seeds it equals the exact
    value for nearly every sentence (see tests).
    """
    if exact:
        polarity, subjectivity = _pattern()[2](" ".join(_parsed_lemmas(text)))
        return float(polarity), float(subjectivity)
    _, _, lexicon, assessed = _pattern()
    tokens = [t for t in tokens_of(text) if t not in _TEXTBLOB_SKIP]
    lemmas = [_lemma(tokens[0], True), *map(_LATER_LEMMAS.__getitem__, tokens[1:])] if tokens else []
    lemmas = [x for x in lemmas if x]
    if assessed.isdisjoint(lemmas):
        return 0.0, 0.0  # nothing pattern would assess: its mean over no assessments
    polarity, subjectivity = _pattern_score(lemmas, _kept_for(lexicon, _LEMMA_ASSESSMENTS, _LemmaAssessments))
    return float(polarity), float(subjectivity)


class _LemmaAssessments(dict):
    """Lemma -> what pattern's `Sentiment.assessments` reads of it (no part of speech given): (polarity, subjectivity,
    intensity) or None for an unknown word, whether it modifies the next word, whether it negates, and for an unknown
    word the polarity of the emoticon it is (else None); worked out once per lemma from `lexicon`."""

    def __init__(self, lexicon) -> None:
        super().__init__()
        self.lexicon = lexicon
        pattern_text = _pattern()[1]
        self.punctuation = pattern_text.PUNCTUATION
        self.emoticons: dict[str, float] = {}
        for (_, polarity), forms in pattern_text.EMOTICONS.items():  # the first entry naming a form wins, as in pattern
            for form in forms:
                self.emoticons.setdefault(form.lower(), polarity)

    def __missing__(self, lemma: str) -> tuple:
        lexicon = self.lexicon
        senses = dict.get(lexicon, lemma)
        psi = tuple(senses[None]) if senses is not None and None in senses else None
        modifies = psi is not None and any(map(senses.__contains__, lexicon.modifiers))
        emoticon = None
        if psi is None and lemma.isalpha() is False and len(lemma) <= 5 and lemma not in self.punctuation:
            emoticon = self.emoticons.get(lemma)
        info = (psi, modifies, lemma in lexicon.negations, emoticon)
        if len(self) < 200_000:
            self[lemma] = info
        return info


# Per sentiment lexicon: the lemmas seen and what pattern's assessment reads of them.
_LEMMA_ASSESSMENTS: dict[int, tuple[object, _LemmaAssessments]] = {}


def _pattern_score(lemmas: list[str], known: _LemmaAssessments) -> tuple[float, float]:
    """pattern's `Sentiment(lemmas)` (textblob-de's polarity and subjectivity of a list of lemmas): the same
    assessments by the same rules (modifiers, negation, "!", "(!)", emoticons) and the same arithmetic, without building
    a dict per assessed word (tests compare the two on every sentence of the seeds)."""
    found: list[list] = []  # [polarity, subjectivity, intensity, negated] per assessment
    modifier = negation = None
    for w in lemmas:
        psi, modifies, negates, emoticon = known[w]
        if psi is not None:
            p, s, i = psi
            if modifier is None:
                found.append([p, s, i, False])
            else:
                last = found[-1]
                last[0] = max(-1.0, min(p * last[2], +1.0))
                last[1] = max(-1.0, min(s * last[2], +1.0))
                last[2] = i
            if negation is not None:
                found[-1][2] = 1.0 / found[-1][2]
                found[-1][3] = True
            modifier = w if modifies else None
            negation = w if negates else None
            continue
        if negates:
            negation = w
        elif negation and len(w.strip("'")) > 1:
            negation = None
        if negation is not None and modifier is not None and known.lexicon.modifier(modifier):
            found[-1][3] = True
            negation = None
        elif modifier is not None and len(w) > 2:
            modifier = None
        if w == "!" and found:
            found[-1][0] = max(-1.0, min(found[-1][0] * 1.25, +1.0))
        if w == "(!)":
            found.append([0.0, 1.0, 1.0, False])
        if emoticon is not None:
            found.append([emoticon, 1.0, 1.0, False])
    polarity = subjectivity = 0
    for p, s, _, negated in found:  # pattern's avg: a running sum over the assessments, then / their number
        polarity += p * -0.5 if negated else p
        subjectivity += s
    return polarity / float(len(found) or 1), subjectivity / float(len(found) or 1)


def _pattern_tokens(text: str) -> list[str]:
    """textblob_de's PatternTokenizer().tokenize(text): pattern's sentence and word tokens, a final period split off."""
    pattern_de, pattern_text, _, _ = _pattern()
    tokens: list[str] = []
    for sentence in pattern_text.find_tokens(text, punctuation=string.punctuation, abbreviations=pattern_de.ABBREVIATIONS,
                                             replace=pattern_text.replacements, linebreak=r"\n{2,}"):
        if sentence.strip() == "":
            continue
        words_ = sentence.split(" ")
        if len(words_) == 1 and words_[0] in string.punctuation:
            tokens += words_
            continue
        if words_[-1].endswith(".") and len(words_[-1]) > 1:
            words_ = words_[:-1] + [words_[-1][:-1], "."]
        tokens += words_
    return tokens


def _parsed_lemmas(text: str) -> list[str]:
    """The lemmas textblob_de's PatternAnalyzer scores (its PatternParserLemmatizer: pattern's parser with lemmata)."""
    if text.strip() == "":
        return []
    pattern_de = _pattern()[0]
    parsed = pattern_de.parse(" ".join(_pattern_tokens(text.replace("/", " FORWARDSLASH "))), tokenize=False, lemmata=True)
    lemmas = []
    for sentence in parsed.split("\n"):
        for i, token in enumerate(sentence.split()):
            if token.startswith("/"):
                continue
            word, tag, _, _, lemma = token.split("/")
            lemma = lemma.replace("ß", "ss").strip().replace("forwardslash", "/")
            if word[0].isupper() and i > 0:
                lemma = lemma.title()
            elif tag.startswith("N") and i == 0:
                lemma = lemma.title()
            if word in string.punctuation or lemma == "/":
                continue
            lemmas.append(lemma)
    return lemmas


def emotive_terms(text: str, *, codebook: Emotive | tuple | None = None) -> list[str]:
    """Emotive/escalation codebook terms found in a sentence, one entry per matching word token."""
    known = _kept_for(codebook or emotive_codebook(), _EMOTIVE_TOKENS, _EmotiveWords)
    return [term for term in map(known.__getitem__, words_of(text)) if term]


class _EmotiveWords(dict):
    """Word form -> its emotive term ("" for none) under one compiled codebook, worked out once per form."""

    def __init__(self, codebook: Emotive | tuple) -> None:
        super().__init__()
        self.regex, self.terms = codebook[0], codebook[1]

    def __missing__(self, token: str) -> str:
        m = self.regex.search(token)
        term = self.terms[int(m.lastgroup[1:])] if m else ""
        if len(self) < 300_000:
            self[token] = term
        return term


# Per compiled emotive codebook: the word forms seen and their terms.
_EMOTIVE_TOKENS: dict[int, tuple[Emotive | tuple, _EmotiveWords]] = {}


def label(score: float, bound: float) -> str:
    """negative / neutral / positive by a symmetric neutral band of half-width `bound`."""
    if score > bound:
        return "positive"
    if score < -bound:
        return "negative"
    return "neutral"


def combine(textblob_label: str, sentiws_label: str) -> str:
    """Agreement-or-fallback: both agree -> that label; one neutral -> the polar one; opposite -> neutral."""
    if textblob_label == sentiws_label:
        return textblob_label
    if textblob_label == "neutral":
        return sentiws_label
    if sentiws_label == "neutral":
        return textblob_label
    return "neutral"


# --------------------------------------------------------------------------- entry point


def textstat_sentiment(
    sentences: pd.DataFrame, *, exact_textblob: bool = False, codebooks_dir: Path | None = None
) -> dict[str, pd.DataFrame]:
    """Tone of every sentence by the news-tone codebook (headline: `tone`, `tone_score`, `tone_terms`, `voice`) and,
    as reference, textblob-de and SentiWS; emotive terms and actors; per-article summary; actor portrayal.

    Returns tables `sentiment` (one row per sentence), `sentiment_articles` (one row per article),
    `sentiment_actors` (one row per sentence x actor mentioned) and `actor_tone` (one row per sentence x actor the
    sentence evaluates: tone -1/0/+1, the evidence words, voice own/source).
    """
    tables = sentiment_columns(sentences, exact_textblob=exact_textblob, codebooks_dir=codebooks_dir)
    return {name: frame(columns) for name, columns in tables.items()}


def sentiment_columns(
    sentences: pd.DataFrame, *, exact_textblob: bool = False, codebooks_dir: Path | None = None
) -> dict[str, dict[str, list]]:
    """`textstat_sentiment`'s tables as column lists, built without DataFrames: what the pipeline stores per article."""
    rows, actor_rows, portrayal_rows = [], [], []
    book = tone_codebook(codebooks_dir=codebooks_dir)
    settings = negation_settings(codebooks_dir=codebooks_dir)
    emotive = emotive_codebook(codebooks_dir=codebooks_dir)
    rules = actor_rules(codebooks_dir=codebooks_dir)
    for aid, sid, role, text, n_words in zip(*sentence_columns(sentences, ("article_id", "sentence_id", "role", "text", "n_words"))):
        sid = int(sid)
        polarity, subjectivity = textblob_sentence(text, exact=exact_textblob)
        sw = sentiws_sentence(text, settings=settings)
        tb_label = label(polarity, TEXTBLOB_NEUTRAL)
        sw_label = label(sw["sentiws_score"], SENTIWS_NEUTRAL)
        emo = emotive_terms(text, codebook=emotive)
        actors = actor_mentions(text, rules=rules)
        hits = tone_hits(text, book=book)
        if actors:
            portrayal_rows += [(aid, sid, r["actor"], r["tone"], r["evidence"], r["voice"]) for r in actor_hits(text, book=book, rules=rules, hits=hits[0])]
            actor_rows += [(aid, sid, a, n) for a, n in actors.items()]
        rows.append((  # in the order of COLUMNS
            aid, sid, role, int(n_words), round(polarity, 4), round(subjectivity, 4), tb_label, *sw.values(), sw_label,
            combine(tb_label, sw_label), *news_tone_sentence(text, book=book, hits=hits).values(), len(emo), "; ".join(emo),
            "; ".join(actors),
        ))
    sentiment = _transposed(rows, COLUMNS)
    return {
        "sentiment": sentiment,
        "sentiment_articles": columns_of(_article_tone_rows(sentiment), ARTICLE_COLUMNS),
        "sentiment_actors": _transposed(actor_rows, ACTOR_COLUMNS),
        "actor_tone": _transposed(portrayal_rows, ACTOR_TONE_COLUMNS),
    }


def _transposed(rows: list[tuple], names: list[str]) -> dict[str, list]:
    """Column lists (by `names`) of rows given as tuples in the order of `names`."""
    columns = list(zip(*rows)) if rows else [()] * len(names)
    return {name: list(column) for name, column in zip(names, columns)}


textstat_sentiment.columns = sentiment_columns  # the pipeline's way to skip building DataFrames per article


def article_tone(sentiment: pd.DataFrame) -> pd.DataFrame:
    """Per article (credit lines left out): mean sentence polarity, SentiWS sum / sqrt(words), shares negative, emotive rate."""
    return pd.DataFrame(_article_tone_rows({c: sentiment[c].tolist() for c in _TONE_INPUTS}), columns=ARTICLE_COLUMNS)


_TONE_INPUTS = ["article_id", "role", "n_words", "textblob_polarity", "sentiws_pos", "sentiws_neg", "sentiws_score",
                "tone_score", "tone", "emotive_count", *(f"{m}_label" for m in MEASURES)]


def _article_tone_rows(col: dict[str, list]) -> list[dict]:
    """`article_tone`'s rows from the sentiment table's columns (as lists)."""
    groups: dict[str, list[int]] = {}
    for i, (aid, role) in enumerate(zip(col["article_id"], col["role"])):
        if role in TEXT_ROLES:
            groups.setdefault(aid, []).append(i)

    def total(name: str, idx: list[int]) -> float:  # numpy's (pairwise) sum, as pandas sums a column
        return float(np.add.reduce(np.array([col[name][i] for i in idx], dtype=float)))

    rows = []
    for aid, idx in groups.items():
        n, n_words = len(idx), sum(col["n_words"][i] for i in idx)
        both = np.array([col["sentiws_pos"][i] for i in idx], dtype=float) + np.array([col["sentiws_neg"][i] for i in idx], dtype=float)
        emo = sum(col["emotive_count"][i] for i in idx)
        rows.append(
            {
                "article_id": aid, "sentences": n, "words": n_words,
                "textblob_polarity_mean": round(total("textblob_polarity", idx) / n, 4),
                "sentiws_score": round(float(np.add.reduce(both)) / math.sqrt(n_words), 4) if n_words else 0.0,
                "sentiws_sentence_mean": round(total("sentiws_score", idx) / n, 4),
                **{f"share_negative_{m}": round(sum(col[f"{m}_label"][i] == "negative" for i in idx) / n, 4) for m in MEASURES},
                "tone_mean": round(total("tone_score", idx) / n, 4),
                "share_negative_tone": round(sum(col["tone"][i] == "negative" for i in idx) / n, 4),
                "share_positive_tone": round(sum(col["tone"][i] == "positive" for i in idx) / n, 4),
                "emotive_count": emo,
                "emotive_per_1000_words": round(1000 * emo / n_words, 2) if n_words else 0.0,
            }
        )
    return rows


# --------------------------------------------------------------------------- tables behind the notebook's figures


def _outlet_order(table: pd.DataFrame, articles: pd.DataFrame, by: str, *then: str) -> pd.DataFrame:
    """`table` sorted by comparison unit in catalog (articles table) order, then by the columns `then` (stable)."""
    order = {o: i for i, o in enumerate(dict.fromkeys(articles[by]))}
    keys = [table[by].map(order).fillna(len(order))] + [table[c] for c in then]
    sort = pd.DataFrame({f"k{i}": k for i, k in enumerate(keys)}, index=table.index)
    return table.loc[sort.sort_values(list(sort.columns), kind="stable").index].reset_index(drop=True)


def tone_by_outlet(sentiment: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """The sentences of the outlets' own text (credit lines left out), one row each, with their comparison unit
    (column `by`), in catalog order."""
    return _outlet_order(with_outlet(select_roles(sentiment), articles, by=by), articles, by)


def tone_means(tone: pd.DataFrame, *, by: str = "outlet_label", level: float = 0.95) -> pd.DataFrame:
    """Mean sentence tone per comparison unit and measure (textblob, sentiws) with its `level` confidence interval
    (t interval: mean ± t · sd / √sentences; sentences are treated as independent, so with several sentences per
    article the interval is too narrow rather than too wide; none for a single sentence).

    `tone`: `tone_by_outlet`. Columns `by`, measure, articles, sentences, mean, sd, low, high; units in the order of
    `tone` (catalog order), textblob first.
    """
    from scipy import stats

    rows = []
    for unit, g in tone.groupby(by, sort=False):
        for measure, col in (("textblob", "textblob_polarity"), ("sentiws", "sentiws_score")):
            x = g[col].astype(float)
            n, mean, sd = len(x), float(x.mean()), float(x.std()) if len(x) > 1 else float("nan")
            half = float(stats.t.ppf(0.5 + level / 2, n - 1)) * sd / math.sqrt(n) if n > 1 else float("nan")
            rows.append({by: unit, "measure": measure, "articles": g["article_id"].nunique(), "sentences": n,
                         "mean": round(mean, 4), "sd": round(sd, 4), "low": round(mean - half, 4), "high": round(mean + half, 4)})
    return pd.DataFrame(rows, columns=[by, "measure", "articles", "sentences", "mean", "sd", "low", "high"])


def label_shares(sentiment: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Share of sentences (%, rounded) labelled negative / neutral / positive, per comparison unit (`by`) and measure."""
    s = tone_by_outlet(sentiment, articles, by=by)
    long = s.melt(id_vars=[by], value_vars=[f"{m}_label" for m in MEASURES], var_name="measure", value_name="label")
    long["measure"] = long["measure"].str.removesuffix("_label")
    shares = pd.crosstab([long[by], long["measure"]], long["label"], normalize="index").reindex(columns=list(LABELS), fill_value=0)
    shares = shares.mul(100).round(0).astype(int).rename(columns={lab: f"% {lab}" for lab in LABELS}).reset_index()
    shares.columns.name = None
    shares["_m"] = shares["measure"].map({m: i for i, m in enumerate(MEASURES)})
    return _outlet_order(shares, articles, by, "_m").drop(columns="_m")


def naming_tone(
    sentiment: pd.DataFrame, sentiment_actors: pd.DataFrame, articles: pd.DataFrame, *, measure: str = "sentiws_score", by: str = "outlet_label"
) -> pd.DataFrame:
    """Mean lexicon tone of the sentences that NAME each actor (credit lines left out), per comparison unit: columns
    actor, `by`, n_sentences, mean, share_negative; sorted by actor, then units in catalog order. This is not the
    portrayal of the actor (a sentence naming Ukraine as the victim of an "Angriffskrieg" is negative; against the
    coders' portrayal it correlates at about 0): use `actor_portrayal` for that."""
    label_col = measure.split("_")[0] + "_label"
    s = with_outlet(sentiment_actors.merge(select_roles(sentiment), on=["article_id", "sentence_id"]), articles, by=by)
    out = (
        s.groupby(["actor", by])
        .agg(n_sentences=("sentence_id", "size"), mean=(measure, "mean"), share_negative=(label_col, lambda x: float((x == "negative").mean())))
        .reset_index()
    )
    out["mean"] = out["mean"].round(4)
    out["share_negative"] = out["share_negative"].round(4)
    return _outlet_order(out, articles, by).sort_values("actor", kind="stable").reset_index(drop=True)


def actor_portrayal(actor_tone: pd.DataFrame, sentiment: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """How each comparison unit portrays each actor: over the evaluative mentions of table `actor_tone` (credit lines
    left out), n_sentences (evaluative mentions), mean tone (-1..+1), share_negative and share_positive; columns actor,
    `by`, n_sentences, mean, share_negative, share_positive; sorted by actor, then units in catalog order."""
    cols = ["actor", by, "n_sentences", "mean", "share_negative", "share_positive"]
    roles = select_roles(sentiment)[["article_id", "sentence_id"]]
    t = with_outlet(actor_tone.merge(roles, on=["article_id", "sentence_id"]), articles, by=by)
    if t.empty:
        return pd.DataFrame(columns=cols)
    out = t.groupby(["actor", by]).agg(
        n_sentences=("tone", "size"), mean=("tone", "mean"),
        share_negative=("tone", lambda x: float((x < 0).mean())), share_positive=("tone", lambda x: float((x > 0).mean())),
    ).reset_index()
    out[["mean", "share_negative", "share_positive"]] = out[["mean", "share_negative", "share_positive"]].round(4)
    return _outlet_order(out, articles, by).sort_values("actor", kind="stable").reset_index(drop=True)[cols]


def tone_shares(sentiment: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Shares (0-1) of the headline tone labels per comparison unit and voice (`own` words of the outlet, `source`:
    quoted or reported speech), over the units' own sentences (credit lines left out): columns `by`, voice,
    sentences, negative, neutral, positive; units in catalog order, own before source."""
    s = tone_by_outlet(sentiment, articles, by=by)
    cols = [by, "voice", "sentences", *LABELS]
    if s.empty:
        return pd.DataFrame(columns=cols)
    counts = pd.crosstab([s[by], s["voice"]], s["tone"]).reindex(columns=list(LABELS), fill_value=0)
    n = counts.sum(axis=1)
    out = counts.div(n, axis=0).round(4).assign(sentences=n).reset_index()
    out.columns.name = None
    out["_v"] = out["voice"].map({v: i for i, v in enumerate(VOICES)})
    return _outlet_order(out, articles, by, "_v")[cols]


def actor_tone_table(
    tone: pd.DataFrame,
    *,
    actors: list[str] | None = None,
    outlets: list[str] | None = None,
    min_sentences: int = MIN_SENTENCES,
    by: str = "outlet_label",
) -> dict[str, pd.DataFrame]:
    """`actor_tone` as two wide tables, rows actors (in the given order, those present), columns outlets (given
    order, those present): `n` sentences naming the actor, and `mean` tone, empty (NaN) where n < `min_sentences`."""
    actors = [a for a in (actors or sorted(set(tone["actor"]))) if a in set(tone["actor"])]
    outlets = [o for o in (outlets or list(dict.fromkeys(tone[by]))) if o in set(tone[by])]
    n = tone.pivot(index="actor", columns=by, values="n_sentences").reindex(index=actors, columns=outlets).fillna(0).astype(int)
    mean = tone.pivot(index="actor", columns=by, values="mean").reindex(index=actors, columns=outlets)
    return {"mean": mean.where(n >= min_sentences), "n": n}


def tone_by_role(sentiment: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Mean tone of each part of the article (kicker, headline, lead, subheading, body) per comparison unit (`by`), with
    n sentences."""
    labelled = with_outlet(select_roles(sentiment), articles, by=by)
    table = labelled.groupby([by, "role"]).agg(
        n=("sentence_id", "size"), textblob=("textblob_polarity", "mean"), sentiws=("sentiws_score", "mean")
    ).reset_index()
    table["role"] = pd.Categorical(table["role"], TEXT_ROLES, ordered=True)
    return _outlet_order(table, articles, by, "role")


def escalation_rates(
    sentiment: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label", codebooks_dir: Path | None = None
) -> pd.DataFrame:
    """Emotive/escalation terms per 1,000 words per comparison unit (`by`; sum of terms / sum of words), and per category."""
    _, terms, categories = emotive_codebook(codebooks_dir=codebooks_dir)
    category_of = dict(zip(terms, categories))
    s = tone_by_outlet(sentiment, articles, by=by)
    rows = []
    for key, g in s.groupby(by, sort=False):
        n_words = int(g["n_words"].sum())
        found = [t for cell in g["emotive_terms"] if isinstance(cell, str) and cell for t in cell.split("; ")]
        row = {by: key, "articles": g["article_id"].nunique(), "words": n_words, "emotive_count": len(found),
               "per_1000_words": round(1000 * len(found) / n_words, 2) if n_words else 0.0}
        for cat in dict.fromkeys(categories):
            row[f"{cat}_per_1000_words"] = round(1000 * sum(category_of.get(t) == cat for t in found) / n_words, 2) if n_words else 0.0
        row["terms"] = "; ".join(f"{t} ({n})" for t, n in pd.Series(found, dtype=object).value_counts().items())
        rows.append(row)
    return pd.DataFrame(rows)


def measure_agreement(sentiment: pd.DataFrame) -> pd.DataFrame:
    """How far the two measures agree on the outlets' sentences (one row): Pearson and Spearman r of textblob-de
    polarity and SentiWS score, sentences, sentences either measure scores, share given the same label."""
    s = select_roles(sentiment)
    x, y = s["textblob_polarity"], s["sentiws_score"]
    return pd.DataFrame([{
        "pearson": float(x.corr(y)),
        "spearman": agreement.spearman(x, y),
        "n": int(len(s)),
        "n_scored_by_either": int(((x != 0) | (y != 0)).sum()),
        "share_same_label": float((s["textblob_label"] == s["sentiws_label"]).mean()) if len(s) else float("nan"),
    }])


def measure_labels(sentiment: pd.DataFrame) -> pd.DataFrame:
    """Cross-table of the two measures' labels on the outlets' sentences (rows textblob-de, columns SentiWS)."""
    s = select_roles(sentiment)
    table = pd.crosstab(s["textblob_label"], s["sentiws_label"]).reindex(index=list(LABELS), columns=list(LABELS), fill_value=0)
    return table.rename_axis(index="textblob", columns="sentiws")


def measure_disagreements(
    sentiment: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, *, n: int = 8, by: str = "outlet_label"
) -> pd.DataFrame:
    """The `n` sentences whose two labels differ with the largest standardised gap (SentiWS/sd - textblob-de/sd),
    numbered from 1 (`point`), with the comparison unit (column `by`), sentence text, both scores and the SentiWS
    words found. A sentence printed word for word in several articles (agency copy) is listed once, with the unit
    of its first article and the number of `articles` that carry it."""
    s = select_roles(sentiment)
    gap = s["sentiws_score"] / s["sentiws_score"].std() - s["textblob_polarity"] / s["textblob_polarity"].std()
    top = s.assign(gap=gap)[s["textblob_label"] != s["sentiws_label"]].dropna(subset=["gap"])
    top = top.merge(sentences[["article_id", "sentence_id", "text"]], on=["article_id", "sentence_id"], how="left")
    same = top["text"].fillna(top["article_id"].astype(str) + "#" + top["sentence_id"].astype(str))
    top["articles"] = top.groupby(same)["article_id"].transform("nunique")
    top = top.sort_values("gap", key=abs, ascending=False, kind="stable").loc[lambda t: ~same.loc[t.index].duplicated()].head(n)
    top = with_outlet(top, articles, by=by).rename(columns={"text": "sentence"}).reset_index(drop=True)
    top.insert(0, "point", range(1, len(top) + 1))
    return top[["point", "article_id", "sentence_id", by, "articles", "sentence", "textblob_polarity", "sentiws_score", "sentiws_terms"]]


# --------------------------------------------------------------------------- validation against the hand coding


def validate_sentiment(
    sentiment: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame, *, codebooks_dir: Path | None = None
) -> dict[str, pd.DataFrame]:
    """Agreement of each measure's label with the hand coding (`analysis/gold/sentiment.csv`, or the out-of-sample
    `gold/oos/tone.csv`): the headline news-tone label (`tone`), the reference lexicons and their combination.

    Returns `agreement` (accuracy, macro-F1, Krippendorff's alpha nominal and ordinal per measure, plus SentiWS
    without the codebook's topic/homograph skip lists, textblob-de's own (slower, context-aware) analyzer, and a
    majority-class baseline), `per_label` (P/R/F1 per label and measure), `confusion` (long: measure, gold,
    predicted, n), `disagreements` (the gold sentences where textblob-de, SentiWS or their combination differ from
    the hand coding, with both scores, the words found and the text), `emotive` (per gold label: sentences, how
    many contain an emotive/escalation term) and, where the gold has a `voice` column, `voice` (agreement of the
    `voice` column: accuracy and alpha over all matched sentences and over the evaluative ones).
    """
    matched = match_gold(gold, sentences)
    matched = matched[matched["sentence_id"] > 0].merge(
        sentiment[["article_id", "sentence_id", "tone", "tone_score", "tone_terms", *(f"{m}_label" for m in MEASURES),
                   "textblob_polarity", "sentiws_score", "sentiws_terms", "emotive_count", "emotive_terms"]],
        on=["article_id", "sentence_id"],
        how="left",
    )
    texts = dict(zip(zip(sentences["article_id"], sentences["sentence_id"]), sentences["text"]))
    matched["text"] = [texts.get(k, "") for k in zip(matched["article_id"], matched["sentence_id"])]
    g = list(matched["label"])
    predictions = {"tone": list(matched["tone"]), **{m: list(matched[f"{m}_label"]) for m in MEASURES}}
    plain = negation_settings(codebooks_dir=codebooks_dir)._replace(skip=frozenset())
    predictions["sentiws plain (no skip lists)"] = [
        label(sentiws_sentence(t, settings=plain)["sentiws_score"], SENTIWS_NEUTRAL) for t in matched["text"]
    ]
    predictions["textblob-de exact (package analyzer)"] = [
        label(textblob_sentence(t, exact=True)[0], TEXTBLOB_NEUTRAL) for t in matched["text"]
    ]
    predictions["majority baseline"] = [max(LABELS, key=g.count)] * len(g)
    summary, per_label, confusion = [], [], []
    for name, p in predictions.items():
        polar = len(set(p)) > 1
        summary.append(
            {
                "measure": name, "n": len(g),
                "accuracy": round(agreement.accuracy(g, p), 3),
                "macro_f1": round(agreement.macro_f1(g, p, labels=LABELS), 3),
                "alpha_nominal": round(agreement.krippendorff_alpha(g, p), 3) if polar else float("nan"),
                "alpha_ordinal": round(agreement.krippendorff_alpha([ORDINAL[x] for x in g], [ORDINAL[x] for x in p], level="ordinal"), 3)
                if polar else float("nan"),
            }
        )
        per_label.append(agreement.per_label_prf(g, p, labels=LABELS).assign(measure=name))
        cm = agreement.confusion(g, p, labels=LABELS)
        confusion.append(cm.stack().rename("n").reset_index().assign(measure=name))
    differs = pd.concat([matched[c] != matched["label"] for c in ("tone", *(f"{m}_label" for m in MEASURES))], axis=1).any(axis=1)
    disagreements = matched[differs].rename(columns={"label": "gold"})[DISAGREEMENT_COLUMNS].reset_index(drop=True)
    emotive = (
        matched.assign(with_emotive_term=matched["emotive_count"] > 0)
        .groupby("label")["with_emotive_term"].agg(sentences="size", with_emotive_term="sum")
        .reindex(list(LABELS), fill_value=0).rename_axis("gold").reset_index()
    )
    emotive["share_with_emotive_term"] = (emotive["with_emotive_term"] / emotive["sentences"].where(emotive["sentences"] > 0)).round(3)
    voice = pd.DataFrame(columns=["sentences", "n", "accuracy", "alpha"])
    if "voice" in matched and "voice" in sentiment:
        v = matched.merge(sentiment[["article_id", "sentence_id", "voice"]].rename(columns={"voice": "predicted_voice"}),
                          on=["article_id", "sentence_id"], how="left").dropna(subset=["voice", "predicted_voice"])
        voice = pd.DataFrame([
            {"sentences": name, "n": len(part), "accuracy": round(agreement.accuracy(list(part["voice"]), list(part["predicted_voice"])), 3),
             "alpha": round(agreement.krippendorff_alpha(list(part["voice"]), list(part["predicted_voice"])), 3) if len(part) > 1 else float("nan")}
            for name, part in (("all", v), ("evaluative (gold not neutral)", v[v["label"] != "neutral"]))
        ])
    return {
        "agreement": pd.DataFrame(summary),
        "voice": voice,
        "per_label": pd.concat(per_label, ignore_index=True)[["measure", "label", "precision", "recall", "f1", "support"]],
        "confusion": pd.concat(confusion, ignore_index=True)[["measure", "gold", "predicted", "n"]],
        "disagreements": disagreements,
        "emotive": emotive,
    }


def confusion_matrix(confusion: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Wide confusion matrix (rows gold, columns predicted) of one measure from the long `confusion` table
    (`validation_sentiment_confusion`)."""
    wide = confusion[confusion["measure"] == measure].pivot(index="gold", columns="predicted", values="n")
    return wide.reindex(index=list(LABELS), columns=list(LABELS)).fillna(0).astype(int)


def confusion_table(confusion: pd.DataFrame, measures: tuple[str, ...] = MEASURES) -> pd.DataFrame:
    """The confusion matrices of several measures stacked: columns measure, gold, then one per predicted label."""
    stacked = pd.concat({m: confusion_matrix(confusion, m) for m in measures}, names=["measure", "gold"]).reset_index()
    stacked.columns.name = None
    return stacked


def missed_negatives(disagreements: pd.DataFrame, measure: str = "sentiws") -> pd.DataFrame:
    """Hand-coded negative sentences that `measure` does not label negative (from `validation_sentiment_disagreements`)."""
    d = disagreements
    return d[(d["gold"] == "negative") & (d[f"{measure}_label"] != "negative")].reset_index(drop=True)


def _compare(x: float, y: float) -> str:
    return "better than" if x > y else ("as well as" if x == y else "worse than")


def validation_findings(validation: dict[str, pd.DataFrame]) -> list[str]:
    """What the validation tables show, as Markdown bullets computed from them (keys `agreement`, `per_label`,
    `emotive` of `validate_sentiment`, i.e. tables `validation_sentiment_*`)."""
    a = validation["agreement"].set_index("measure")
    pl = validation["per_label"].set_index(["measure", "label"])
    e = validation["emotive"].set_index("gold")
    tb, sw, co, plain, base = (a.loc[m] for m in ("textblob", "sentiws", "combined", "sentiws plain (no skip lists)", "majority baseline"))
    gold_n = {lab: int(pl.loc[("sentiws", lab), "support"]) for lab in LABELS}
    alphas = a.drop(index=["majority baseline", "tone"], errors="ignore")[["alpha_nominal", "alpha_ordinal"]].stack()
    (best_measure, best_level), best = alphas.idxmax(), float(alphas.max())
    neg, neg_plain = pl.loc[("sentiws", "negative")], pl.loc[("sentiws plain (no skip lists)", "negative")]
    lines = []
    if "tone" in a.index:
        t = a.loc["tone"]
        alpha = float(t["alpha_nominal"])
        verdict = ("at or above 0.8: firm conclusions about tone are supported" if alpha >= 0.8 else
                   "between 0.667 and 0.8: tentative conclusions only" if alpha >= 0.667 else
                   "below 0.667: not enough for conclusions about tone")
        tn = pl.loc[("tone", "negative")]
        lines.append(f"- The headline **news-tone label** agrees with the hand coding at Krippendorff's alpha **{alpha:.2f}** "
                     f"(nominal; ordinal {t['alpha_ordinal']:.2f}), macro-F1 {t['macro_f1']:.2f}, accuracy {t['accuracy']:.2f}: "
                     f"{verdict}. It finds {tn['recall']:.0%} of the hand-coded negative sentences at {tn['precision']:.0%} "
                     f"precision; the best lexicon reaches macro-F1 {max(tb['macro_f1'], sw['macro_f1']):.2f}.")
    lines += [
        f"- **{int(sw['n'])} hand-coded sentences** in this corpus: " + ", ".join(f"{n} {lab}" for lab, n in gold_n.items()) + ".",
        f"- Krippendorff's alpha of the reference lexicons reaches at most **{best:.2f}** ({best_measure}, "
        f"{best_level.removeprefix('alpha_')}; "
        f"{'below' if best < 0.667 else 'above'} the 0.667 usually required for tentative conclusions). "
        f"Accuracy: SentiWS {sw['accuracy']:.2f}, textblob-de {tb['accuracy']:.2f}, combined {co['accuracy']:.2f}, against "
        f"{base['accuracy']:.2f} for the baseline that always says the most frequent gold label.",
        f"- SentiWS does {_compare(sw['macro_f1'], tb['macro_f1'])} textblob-de on macro-F1 ({sw['macro_f1']:.2f} vs "
        f"{tb['macro_f1']:.2f}); the combined label does {_compare(co['macro_f1'], sw['macro_f1'])} SentiWS alone ({co['macro_f1']:.2f}).",
        f"- SentiWS labels **{neg['recall']:.0%}** of the hand-coded negative sentences negative (recall); when it says "
        f"negative it is right {neg['precision']:.0%} of the time (precision).",
        f"- Without the topic/homograph skip lists (\"plain\") SentiWS finds {neg_plain['recall']:.0%} of the negative "
        f"sentences at {neg_plain['precision']:.0%} precision; macro-F1 {plain['macro_f1']:.2f} (with the lists {sw['macro_f1']:.2f}).",
    ]
    if gold_n["positive"] < 20:
        lines.append(f"- The positive class has only {gold_n['positive']} gold sentences: its F1 is essentially unestimated, "
                     "and macro-F1 moves a lot with each of them.")
    if e.loc["negative", "sentences"] and e.loc["neutral", "sentences"]:
        lines.append(f"- {e.loc['negative', 'share_with_emotive_term']:.0%} of the hand-coded negative sentences contain a term "
                     f"of the emotive/escalation list, against {e.loc['neutral', 'share_with_emotive_term']:.0%} of the neutral ones.")
    return lines


def validate_actor_tone(actor_tone: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Actor portrayal against the hand coding of each (article, actor) (`gold/oos/actors.csv`: article_id, actor,
    portrayal -1/0/+1): the mean tone of the article's evaluative mentions of the actor (0 where the tool finds none).

    Returns `agreement` (one row: pairs, Spearman rho of mean tone vs portrayal, share of pairs with the same sign,
    Krippendorff's alpha ordinal of the signs) and `disagreements` (pairs whose sign differs, with the evidence found
    and the coder's note). Only articles present in `sentences` are compared.
    """
    present = set(sentences["article_id"])
    g = gold[gold["article_id"].isin(present)].copy()
    found = actor_tone[actor_tone["article_id"].isin(present)]
    pred = found.groupby(["article_id", "actor"]).agg(
        mean_tone=("tone", "mean"), mentions=("tone", "size"), evidence=("evidence", lambda x: "; ".join(map(str, x)))
    ).reset_index()
    m = g.merge(pred, on=["article_id", "actor"], how="left").fillna({"mean_tone": 0.0, "mentions": 0, "evidence": ""})
    m["predicted"] = m["mean_tone"].apply(lambda x: 1 if x > 0 else (-1 if x < 0 else 0)).astype(int)
    m["portrayal"] = m["portrayal"].astype(int)
    n = len(m)
    varied = n > 1 and m["portrayal"].nunique() > 1 and m["mean_tone"].nunique() > 1
    row = {
        "pairs": n,
        "spearman": round(agreement.spearman(m["portrayal"], m["mean_tone"]), 3) if varied else float("nan"),
        "share_same_sign": round(float((m["predicted"] == m["portrayal"]).mean()), 3) if n else float("nan"),
        "alpha_ordinal": round(agreement.krippendorff_alpha(list(m["portrayal"]), list(m["predicted"]), level="ordinal"), 3)
        if n > 1 and len(set(m["portrayal"]) | set(m["predicted"])) > 1 else float("nan"),
    }
    cols = ["article_id", "actor", "portrayal", "predicted", "mean_tone", "mentions", "evidence"] + (["note"] if "note" in m else [])
    return {"agreement": pd.DataFrame([row]), "disagreements": m[m["predicted"] != m["portrayal"]][cols].reset_index(drop=True)}
