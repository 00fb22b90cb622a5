"""Numeric claims: every quantity an article reports, normalised, with what it counts, on whose authority, and how hedged.

Outlets report different troop numbers on different authorities; this ledger lets a researcher
compare them. Numbers are read from German formats ("12.000", "1500", "1,2 Millionen", number
words, vague "Tausende"); dates, years and clock times are not claims. What a number counts,
its qualifiers and hedges come from codebooks/claim_units.yaml and numbers_de.yaml; the source
comes from the sourcing table (`attributions`) of the same sentence. Figures and tables write the
values in English notation (`english_number`: 12,000; 1.2 million) and a vague quantity as the order
of magnitude it names ("thousands"); the number as written stays in `number_text`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import codebook
from .agreement import load_gold as load_gold_file
from .agreement import match_gold, prf
from .corpus import columns_of, sentence_columns, unit_name, with_outlet
from .text import MONTHS, PrefilterIndex, prefilter, word_regex

UNITS_CODEBOOK = "claim_units.yaml"
NUMBERS_CODEBOOK = "numbers_de.yaml"
UNATTRIBUTED = "unattributed"

CLAIM_COLUMNS = [
    "article_id", "sentence_id", "claim_id", "number_text", "value", "vague", "unit", "category", "measure",
    "qualifier", "hedge_terms", "hedged", "source", "institution", "source_type", "country", "cue", "sentence",
]
ATTRIBUTION_FIELDS = ("source", "institution", "source_type", "country", "cue")

# thousands separated by a dot, or by an apostrophe as Swiss outlets write them ("11'000", "12’000")
_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:['’]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_CLAUSE_BREAK_RE = re.compile(r"[;:]")
_RANGE_RE = re.compile(r"\s*(?:bis(?: zu)?|und|oder|[-–])\s*")
_NEXT_WORD_RE = re.compile(r"\s*([^\W\d_]+(?:[-‐][^\W_]+)*|[€$%])")
_COUNT_OF_RE = re.compile(r"\b(?:Zahl|Anzahl|Gesamtzahl)\s+(?:der|an|von)\s+(?:[a-zäöüß]\w*\s+){0,2}([A-ZÄÖÜ]\w*)")
_MONTH_BEFORE_RE = re.compile(r"(?:%s)\.?\s*$" % "|".join(sorted(MONTHS, key=len, reverse=True)))


@dataclass(frozen=True)
class _Rules:
    prefilter: re.Pattern
    number_re: re.Pattern
    word_re: re.Pattern
    vague: tuple[tuple[re.Pattern, float], ...]
    vague_english: dict[float, str]
    vague_before: re.Pattern
    scales: tuple[tuple[re.Pattern, float], ...]
    numbers: dict
    units: tuple[tuple[re.Pattern, str, str, bool], ...]
    troop_categories: frozenset
    window: int
    fillers: frozenset
    loss_unit: str
    loss_re: re.Pattern
    measures: tuple[tuple[str, re.Pattern], ...]
    qualifiers: tuple[tuple[str, re.Pattern], ...]
    hedges: tuple[tuple[str, re.Pattern], ...]
    years: tuple[int, int]
    word_filter: re.Pattern  # `prefilter` without its digits: a number word or a vague quantity at a word start
    word_index: PrefilterIndex  # tells from a sentence's words whether `word_filter` may match in it
    phrases: tuple[re.Pattern, ...]  # the vague, hedge, qualifier and measure regexes, indexed by `phrase_index`
    phrase_index: PrefilterIndex  # which of `phrases` may match in a sentence (or in any part of it)


def _rules(codebooks_dir: Path | None = None) -> _Rules:
    """The unit and number codebooks compiled into rules, rebuilt only when one of the files changes."""
    return codebook.compiled((UNITS_CODEBOOK, NUMBERS_CODEBOOK), _compile, codebooks_dir=codebooks_dir)


def _compile(units_cb: dict, numbers_cb: dict) -> _Rules:
    scale_alt = "|".join(s["pattern"] for s in numbers_cb["scales"])
    scales = tuple((re.compile(rf"\s*(?:{s['pattern']})(?!\w)"), float(s["factor"])) for s in numbers_cb["scales"])
    number_re = re.compile(rf"(?<![\w.,:‐-])(?:{_DIGITS})(?![\w])(?:\s*(?:{scale_alt})(?!\w))?")
    morphemes = (
        list(numbers_cb["teens"]) + list(numbers_cb["tens"]) + list(numbers_cb["ones"])
        + [numbers_cb["hundred"], numbers_cb["thousand"], "und"]
    )
    # longest first; ties in a fixed order (not the set's, which changes per process), so each process builds the same
    # regexes (their prefilters are kept between processes) with the same matches
    morph_alt = "|".join(sorted(set(morphemes), key=lambda m: (-len(m), m)))
    word_re = re.compile(rf"(?<!\w)(?:{morph_alt})+(?!\w)(?:\s*(?:{scale_alt})(?!\w))?", re.IGNORECASE)
    vague = tuple((word_regex([v["pattern"]]), float(v["value"])) for v in numbers_cb["vague"])
    units = tuple(
        (re.compile(rf"(?:{'|'.join(u['patterns'])})$"), u["unit"], u.get("category", "other"), bool(u.get("skip", False)))
        for u in units_cb["units"]
    )
    losses = units_cb["losses"]
    vague_alt = "|".join(v["pattern"] for v in numbers_cb["vague"])
    not_alone = set(numbers_cb.get("not_alone", []))
    start_words = sorted(
        {m for m in morphemes if m not in not_alone and m != "und"} | {f"{w}(?:{numbers_cb['hundred']}|{numbers_cb['thousand']})" for w in not_alone},
        key=lambda m: (-len(m), m),
    )
    starts = "|".join(start_words)
    word_filter = re.compile(rf"(?<!\w)(?:{starts}|{vague_alt})", re.IGNORECASE)
    qualifiers = tuple(
        (q["term"], re.compile(rf"(?<!\w)(?:{'|'.join(q['patterns'])})\s*$", re.IGNORECASE)) for q in units_cb["qualifiers"]
    )
    hedges = tuple((h["term"], word_regex([h["pattern"]])) for h in units_cb["hedges"])
    measures = tuple((m["measure"], re.compile("|".join(m["patterns"]), re.IGNORECASE)) for m in units_cb["measures"])
    phrases = (*(v for v, _ in vague), *(x for _, x in (*hedges, *qualifiers, *measures)))
    return _Rules(
        prefilter=re.compile(rf"\d|(?<!\w)(?:{starts}|{vague_alt})", re.IGNORECASE),
        number_re=number_re,
        word_re=word_re,
        vague=vague,
        vague_english={float(v["value"]): v["english"] for v in reversed(numbers_cb["vague"]) if v.get("english")},
        vague_before=re.compile(rf"(?<!\w)(?:{'|'.join(numbers_cb.get('vague_determiners', [])) or '(?!)'})\s+$", re.IGNORECASE),
        scales=scales,
        numbers=numbers_cb,
        units=units,
        troop_categories=frozenset(units_cb.get("troop_categories", ["troops"])),
        window=int(units_cb.get("noun_window", 3)),
        fillers=frozenset(units_cb.get("filler_words", [])),
        loss_unit=losses["unit"],
        loss_re=re.compile("|".join(losses["patterns"]), re.IGNORECASE),
        measures=measures,
        qualifiers=qualifiers,
        hedges=hedges,
        years=tuple(units_cb.get("years", [1900, 2100])),
        word_filter=word_filter,
        word_index=_alternatives_index([*start_words, *(v["pattern"] for v in numbers_cb["vague"])]),
        phrases=phrases,
        phrase_index=PrefilterIndex([prefilter(x) for x in phrases]),
    )


def _alternatives_index(alternatives: list[str]) -> PrefilterIndex:
    """An index of `(?<!\\w)(?:A|B|...)` (case-insensitive) with one rule per alternative, each with its exact
    prefilter: "eine" must come with "hundert" or "tausend" for "eine(?:hundert|tausend)", so fewer sentences are
    searched than with the literals of the whole alternation ("eine" alone)."""
    return PrefilterIndex([prefilter(rf"(?i)(?<!\w)(?:{x})", exact=True) for x in alternatives])


_DIGIT_RE = re.compile(r"\d")


def _may_hold_claim(text: str, rules: _Rules) -> bool:
    """`rules.prefilter.search(text)`, answered mostly from the sentence's words: a digit, or a number word or vague
    quantity that the words' prefilter index does not rule out."""
    if _DIGIT_RE.search(text):
        return True
    return bool(rules.word_index.candidates(text)) and rules.word_filter.search(text) is not None


# --------------------------------------------------------------------------- numbers


def parse_number_word(word: str, *, numbers: dict | None = None, codebooks_dir: Path | None = None) -> int | None:
    """Value of a German cardinal number word ("drei", "zwölftausend", "dreiundzwanzig"), else None.

    `numbers` is the parsed number codebook (numbers_de.yaml), loaded from `codebooks_dir` if not given.
    """
    nb = numbers or codebook.load(NUMBERS_CODEBOOK, codebooks_dir=codebooks_dir)
    w = word.lower()
    thousand, hundred = nb["thousand"], nb["hundred"]

    def below_100(s: str) -> int | None:
        if s in nb["teens"]:
            return nb["teens"][s]
        if s in nb["tens"]:
            return nb["tens"][s]
        if s in nb["ones"]:
            return nb["ones"][s]
        if "und" in s:
            one, _, ten = s.partition("und")
            if one in nb["ones"] and ten in nb["tens"]:
                return nb["ones"][one] + nb["tens"][ten]
        return None

    def below_1000(s: str) -> int | None:
        if not s:
            return None
        if hundred in s:
            head, _, tail = s.partition(hundred)
            mult = 1 if not head else nb["ones"].get(head)
            rest = 0 if not tail else below_100(tail)
            return None if mult is None or rest is None else mult * 100 + rest
        return below_100(s)

    if thousand in w:
        head, _, tail = w.partition(thousand)
        mult = 1 if not head else below_1000(head)
        rest = 0 if not tail else below_1000(tail)
        return None if mult is None or rest is None else mult * 1000 + rest
    return below_1000(w)


def _digits_value(text: str) -> float:
    return float(re.sub(r"[.'’]", "", text).replace(",", "."))


def _scale(rules: _Rules, tail: str) -> float:
    for pattern, factor in rules.scales:
        if pattern.fullmatch(tail):
            return factor
    return 1.0


def _live_phrases(text: str, rules: _Rules) -> set[int]:
    """ids of the regexes of `rules.phrases` that may match in `text` or in any part of it (a clause, a window)."""
    phrases = rules.phrases
    return {id(phrases[i]) for i in rules.phrase_index.candidates(text)}


def _numbers_in(text: str, rules: _Rules, *, live: set[int] | None = None) -> list[tuple[int, int, str, float, bool]]:
    """(start, end, number_text, value, vague) for every quantity in `text`; dates and ordinals left out. `live`:
    `_live_phrases` of the text, when known."""
    live = _live_phrases(text, rules) if live is None else live
    found: list[tuple[int, int, str, float, bool]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in rules.number_re.finditer(text):
        digits = re.match(_DIGITS, m.group(0)).group(0)
        after = text[m.start() + len(digits) :]
        if re.match(r"\.\s+\S", after) or re.match(r"[-/.:]\d", after) or (len(digits) <= 2 and after.strip() == "."):
            continue  # ordinal ("24. Oktober", "1. November"), a date like 2024-10, a time like 15.30 or 15:30
        value = _digits_value(digits) * _scale(rules, m.group(0)[len(digits) :])
        found.append((m.start(), m.end(), m.group(0), round(value, 6), False))
        taken.append((m.start(), m.end()))
    not_alone = set(rules.numbers.get("not_alone", []))
    nouns = set(rules.numbers.get("capitalised_nouns", []))
    for m in rules.word_re.finditer(text):
        if not free(m.start(), m.end()) or rules.vague_before.search(text, 0, m.start()):
            continue
        word = re.match(r"\w+", m.group(0)).group(0)
        tail = m.group(0)[len(word) :]
        base = parse_number_word(word, numbers=rules.numbers)
        if base is None or (word.lower() in not_alone and not tail.strip()):
            continue
        if word[0].isupper() and m.start() > 0 and word.lower() in nouns:
            continue  # "außer Acht lassen", "die Elf"
        found.append((m.start(), m.end(), m.group(0), float(base) * _scale(rules, tail), False))
        taken.append((m.start(), m.end()))
    for pattern, value in rules.vague:
        if id(pattern) not in live:
            continue
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                found.append((m.start(), m.end(), m.group(0), value, True))
                taken.append((m.start(), m.end()))
    found.sort()
    return found


def _unit_after(text: str, end: int, rules: _Rules) -> tuple[str, str, bool] | None:
    """(unit, category, skip) of the counted noun after a number, or None if none follows.

    A codebook unit may stand a few lower-case words after the number ("11.000 nordkoreanische
    Infanteristen"); any other noun right after the number is kept as its own unit ("sechs
    Atomtests", category other); a month right after it makes the number a date.
    """
    pos = end
    for step in range(rules.window + 1):
        m = _NEXT_WORD_RE.match(text, pos)
        if not m:
            return None
        word = m.group(1)
        for pattern, unit, category, skip in rules.units:
            if pattern.match(word):
                return unit, category, skip
        if step == 0 and word[0].isupper():
            return (word, "date", True) if word in MONTHS else (word, "other", False)
        if not (word in rules.fillers or word[0].islower()):
            return None
        pos = m.end()
    return None


def _unit_before(text: str, start: int, rules: _Rules) -> tuple[str, str, bool] | None:
    """The unit of "die Zahl der nordkoreanischen Soldaten ... auf 100.000" (counted noun named before the number)."""
    m = None
    for m in _COUNT_OF_RE.finditer(text, 0, start):
        pass
    if m is None:
        return None
    for pattern, unit, category, skip in rules.units:
        if pattern.match(m.group(1)):
            return unit, category, skip
    return None


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK_RE.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _is_year(number_text: str, rules: _Rules) -> bool:
    if not re.fullmatch(r"\d{4}", number_text):
        return False
    lo, hi = rules.years
    return lo <= int(number_text) <= hi


def _sentence_claims(text: str, rules: _Rules) -> list[dict]:
    claims: list[dict] = []
    clauses = _clauses(text)
    live = _live_phrases(text, rules)
    found = _numbers_in(text, rules, live=live)
    starts = {f[0]: f for f in found}
    for start, end, number_text, value, vague in found:
        unit_info = _unit_after(text, end, rules)
        if unit_info is None and (m := _RANGE_RE.match(text, end)) and m.end() in starts:
            unit_info = _unit_after(text, starts[m.end()][1], rules)  # a range: "2.000 bis 3.000 Soldaten"
        if unit_info is None:
            unit_info = _unit_before(text, start, rules)
        if unit_info is not None and unit_info[2]:
            continue
        if unit_info is None and (_is_year(number_text, rules) or _MONTH_BEFORE_RE.search(text[:start])):
            continue
        if unit_info is None and claims:
            unit, category = claims[-1]["unit"], claims[-1]["category"]  # ellipsis: "von denen etwa 500.000 ..."
        elif unit_info is None:
            unit, category = "", "other"
        else:
            unit, category = unit_info[0], unit_info[1]
        c_start, c_end = next(((a, b) for a, b in clauses if a <= start < b), (0, len(text)))
        clause = text[c_start:c_end]
        comma = text.find(",", end, c_end)
        if category == "troops" and rules.loss_re.search(text, end, comma if comma != -1 else c_end):
            unit, category = rules.loss_unit, "losses"
        qualifier = next((term for term, pattern in rules.qualifiers
                          if id(pattern) in live and pattern.search(text, max(0, start - 25), start)), "")
        hedges = [term for term, pattern in rules.hedges if id(pattern) in live and pattern.search(clause)]
        if category == "losses":
            measure = "losses"
        elif category in rules.troop_categories:
            measure = next((name for name, pattern in rules.measures if id(pattern) in live and pattern.search(clause)), "deployment")
        else:
            measure = "other"
        claims.append(
            {
                "number_text": number_text,
                "value": value,
                "vague": vague,
                "unit": unit,
                "category": category,
                "measure": measure,
                "qualifier": qualifier,
                "hedge_terms": "; ".join(hedges),
                "hedged": bool(qualifier or hedges),
            }
        )
    return claims


def _attribution_index(attributions: pd.DataFrame | Mapping[str, list] | None) -> dict[tuple[str, int], dict[str, str]]:
    """Sources per (article, sentence), several sources joined with '; ' in order of appearance. `attributions` is the
    sourcing table or its column lists (the pipeline's per-article form)."""
    index: dict[tuple[str, int], dict[str, list[str]]] = {}
    if attributions is None or "article_id" not in attributions or not len(attributions["article_id"]):
        return {}
    cols = [c for c in ATTRIBUTION_FIELDS if c in attributions]
    get = (lambda c: attributions[c]) if isinstance(attributions, Mapping) else (lambda c: attributions[c].tolist())
    for row in zip(*(get(c) for c in ("article_id", "sentence_id", *cols))):
        key = (str(row[0]), int(row[1]))
        entry = index.setdefault(key, {c: [] for c in ATTRIBUTION_FIELDS})
        for c, v in zip(cols, row[2:]):
            v = "" if v is None or v != v else str(v)
            if v and v not in entry[c]:
                entry[c].append(v)
    return {k: {c: "; ".join(v) for c, v in e.items()} for k, e in index.items()}


def textstat_claims(
    sentences: pd.DataFrame, *, attributions: pd.DataFrame | None = None, codebooks_dir: Path | None = None
) -> pd.DataFrame:
    """One row per reported quantity: value, counted unit, qualifier and hedges, and the sentence's source(s).

    `attributions` is the sourcing table of the same article(s); a claim in a sentence without an
    attribution row gets source and institution 'unattributed'. `codebooks_dir` replaces the package's
    codebooks (claim_units.yaml, numbers_de.yaml).
    """
    rows = _claim_rows(sentences, attributions=attributions, codebooks_dir=codebooks_dir)
    if not rows:
        return _empty_claims()
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _claim_columns(
    sentences: pd.DataFrame, *, attributions: pd.DataFrame | Mapping[str, list] | None = None, codebooks_dir: Path | None = None
) -> dict[str, dict[str, list]]:
    return {"claims": columns_of(_claim_rows(sentences, attributions=attributions, codebooks_dir=codebooks_dir), CLAIM_COLUMNS)}


textstat_claims.columns = _claim_columns  # the pipeline stores these lists without building a DataFrame


def _claim_rows(sentences: pd.DataFrame, *, attributions: pd.DataFrame | Mapping[str, list] | None, codebooks_dir: Path | None) -> list[dict]:
    rules = _rules(codebooks_dir)
    sources = _attribution_index(attributions)
    rows: list[dict] = []
    counters: dict[str, int] = {}
    for aid, sid, text in zip(*sentence_columns(sentences, ("article_id", "sentence_id", "text"))):
        if not _may_hold_claim(text, rules):
            continue
        found = _sentence_claims(text, rules)
        if not found:
            continue
        src = sources.get((str(aid), int(sid)))
        for claim in found:
            counters[aid] = counters.get(aid, 0) + 1
            if src and src["source"]:
                attribution = {c: src[c] for c in ATTRIBUTION_FIELDS}
                attribution["institution"] = attribution["institution"] or attribution["source"]
            else:
                attribution = {"source": UNATTRIBUTED, "institution": UNATTRIBUTED, "source_type": "", "country": "", "cue": ""}
            rows.append({"article_id": aid, "sentence_id": int(sid), "claim_id": counters[aid], **claim, **attribution, "sentence": text})
    return rows


def _empty_claims() -> pd.DataFrame:
    types = {"sentence_id": int, "claim_id": int, "value": float, "vague": bool, "hedged": bool}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, object)) for c in CLAIM_COLUMNS})


# --------------------------------------------------------------------------- views for figures and tables

# The kinds of troop figure (`measure`) in the order summaries name them; other kinds follow alphabetically.
MEASURE_ORDER = ("deployment", "losses", "army size")


def troop_claims(claims: pd.DataFrame, *, codebooks_dir: Path | None = None) -> pd.DataFrame:
    """Claims that count troops or losses (the codebook's troop categories), exact figures first."""
    rules = _rules(codebooks_dir)
    out = claims[claims["category"].isin(rules.troop_categories)].copy()
    return out.sort_values(["vague", "value"], ascending=[True, False]).reset_index(drop=True)


def english_number(value: float) -> str:
    """A value as the suite's figures and tables write it: 12,000; 640,000; 1.2 million; 2.5."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:.2f}".rstrip("0").rstrip(".") + f" {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def english_figure(value: float, vague: bool, *, codebooks_dir: Path | None = None) -> str:
    """A figure in English: the number (`english_number`), or for a vague quantity the order of magnitude it names
    ("thousands" for "Tausende", from the number codebook's `english`; "about 1,000" where the codebook names none)."""
    if not vague:
        return english_number(value)
    return _rules(codebooks_dir).vague_english.get(float(value), f"about {english_number(value)}")


def _labelled(table: pd.DataFrame, articles: pd.DataFrame, by: str = "outlet_label") -> pd.Series:
    """The unit (column `by`, default the outlet label) of each row's article (the article id where the catalog gives none)."""
    labels = with_outlet(table[["article_id"]], articles, by=by)[by]
    return labels.fillna(table["article_id"].reset_index(drop=True)).set_axis(table.index)


def ledger(claims: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label", codebooks_dir: Path | None = None) -> pd.DataFrame:
    """Troop, loss and army-size figures per unit (column `by` of `articles`, default the outlet): who reported which
    number on whose authority.

    One row per figure, units in catalog order, then by article and sentence. `number_text` is the number as the
    article writes it ("12.000", "Tausende"); `figure` is its value in English notation ("12,000", "1.2 million"),
    a vague quantity as the order of magnitude it names ("thousands"). The table carries the outlet label and, when
    `by` is another column, that column as well.
    """
    troops = troop_claims(claims, codebooks_dir=codebooks_dir)
    units = {"outlet_label": _labelled(troops, articles)}
    if by != "outlet_label":
        units[by] = _labelled(troops, articles, by)
    out = pd.DataFrame(
        {
            **units,
            "article_id": troops["article_id"],
            "sentence_id": troops["sentence_id"],
            "number_text": troops["number_text"],
            "figure": [english_figure(x, bool(v), codebooks_dir=codebooks_dir) for x, v in zip(troops["value"], troops["vague"])],
            "value": troops["value"],
            "vague": troops["vague"].astype(bool),
            "unit": troops["unit"],
            "measure": troops["measure"],
            "qualifier": troops["qualifier"],
            "hedge_terms": troops["hedge_terms"],
            "hedged": troops["hedged"],
            "source": troops["source"],
            "institution": troops["institution"],
        }
    )
    order = {o: i for i, o in enumerate(dict.fromkeys(articles[by]))} if by in articles else {}
    articles_order = {a: i for i, a in enumerate(dict.fromkeys(articles["article_id"]))}
    out["_o"], out["_a"] = out[by].map(order), out["article_id"].map(articles_order)
    return out.sort_values(["_o", "_a", "sentence_id", "value"]).drop(columns=["_o", "_a"]).reset_index(drop=True)


FIGURE_COLUMNS = ["measure", "unit", "value", "vague", "figure", "institution", "mentions", "articles", "as_written"]


def troop_figures(ledger: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """The distinct troop, loss and army-size figures of each unit (column `by` of the ledger): one row per unit,
    kind, counted unit, value and authority, with how many mentions and articles give it and how it is written.

    This is what the troop-numbers figure draws (a figure repeated in several articles of a unit is one marker).
    Units in the ledger's order, within a unit exact figures by value, then vague ones.
    """
    columns = [by, *FIGURE_COLUMNS]
    if ledger.empty:
        return pd.DataFrame(columns=columns)
    keys = [by, "measure", "unit", "value", "vague", "institution"]
    out = ledger.groupby(keys, sort=False).agg(
        figure=("figure", "first"), mentions=("article_id", "size"), articles=("article_id", "nunique"),
        as_written=("number_text", lambda s: "; ".join(dict.fromkeys(map(str, s)))),
    ).reset_index()
    order = {u: i for i, u in enumerate(dict.fromkeys(ledger[by]))}
    out = out.assign(_o=out[by].map(order)).sort_values(["_o", "vague", "value", "unit", "institution"], kind="stable")
    return out[columns].reset_index(drop=True)


CONSENSUS_COLUMNS = ["measure", "unit", "value", "figure", "n_{units}", "figures_for_unit", "{units}", "authorities", "hedged_in"]


def consensus(claims: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label", codebooks_dir: Path | None = None) -> pd.DataFrame:
    """Per figure (measure, unit, value): which units (column `by` of `articles`, default outlets) report it, on whose
    authority, and how qualified.

    A figure reported by several units is where they agree with each other; a unit with several figures
    (`figures_for_unit` > 1) is where they diverge. Vague quantities ("Tausende") are left out. The unit columns are
    named after the unit: `n_outlets` and `outlets` by default, `n_outlet_types` and `outlet_types` for
    by="outlet_type". (Agreement with the hand coding is `validate_claims`.)
    """
    plural = unit_name(by).replace(" ", "_") + "s"
    columns = [c.format(units=plural) for c in CONSENSUS_COLUMNS]
    troops = troop_claims(claims, codebooks_dir=codebooks_dir)
    troops = troops[~troops["vague"].astype(bool)]
    troops = troops.assign(_unit=_labelled(troops, articles, by))
    rows = []
    for (measure, unit, value), group in troops.groupby(["measure", "unit", "value"], sort=False):
        units = list(dict.fromkeys(group["_unit"]))
        authorities = [
            f"{name}: {inst}" + (f" ({q})" if q else "")
            for name, inst, q in dict.fromkeys(zip(group["_unit"], group["institution"], group["qualifier"]))
        ]
        rows.append(
            {
                "measure": measure,
                "unit": unit,
                "value": int(value) if float(value).is_integer() else value,
                "figure": english_number(value),
                f"n_{plural}": len(units),
                plural: ", ".join(units),
                "authorities": "; ".join(authorities),
                "hedged_in": int(group.groupby("_unit")["hedged"].any().sum()),
            }
        )
    table = pd.DataFrame(rows, columns=[c for c in columns if c != "figures_for_unit"])
    n_figures = table.groupby(["measure", "unit"])["value"].transform("size") if len(table) else pd.Series(dtype=int)
    table.insert(columns.index("figures_for_unit"), "figures_for_unit", n_figures)
    return table.sort_values(["measure", "unit", "value"], ascending=[True, True, False]).reset_index(drop=True)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def describe_figures(claims: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label",
                     codebooks_dir: Path | None = None) -> str:
    """The corpus's troop, loss and army-size figures in one Markdown paragraph: how many, which values, on how
    many authorities, from how many units (column `by`; computed, so the notebook's statement stays true when
    articles are added)."""
    table = ledger(claims, articles, by=by, codebooks_dir=codebooks_dir)
    name = unit_name(by)
    text = (
        f"**In this corpus.** {len(claims):,} reported quantities in {claims['article_id'].nunique():,} of {len(articles):,} "
        f"articles; {len(table):,} count troops, losses or army sizes ({int(table['vague'].sum()):,} of them vague)."
    )
    exact = table[~table["vague"]]
    if exact.empty:
        return text + f" No {name} gives an exact troop, loss or army-size figure."
    measures = [m for m in MEASURE_ORDER if m in set(exact["measure"])] + sorted(set(exact["measure"]) - set(MEASURE_ORDER))
    parts = []
    for measure in measures:
        rows = exact[exact["measure"] == measure]
        units = sorted(rows.groupby("unit")["value"], key=lambda g: (-len(g[1]), g[0]))
        # values of one counted unit joined by a middle dot: English numbers carry commas themselves
        parts.append(f"- {measure}: " + "; ".join(f"{' · '.join(english_number(v) for v in sorted(set(values)))} {unit}" for unit, values in units))
    n_figures = len(set(zip(exact["measure"], exact["unit"], exact["value"])))
    unattributed = int(exact["institution"].eq(UNATTRIBUTED).sum())
    n_units = exact[by].nunique()
    return text + (
        f" {n_units:,} {name}{'' if n_units == 1 else 's'} give {n_figures:,} different exact figures "
        f"({unattributed:,} of their {len(exact):,} mentions without a named authority):\n\n" + "\n".join(parts)
    )


# --------------------------------------------------------------------------- validation

KEY = ["article_id", "sentence_id", "value", "unit"]
DISAGREEMENT_COLUMNS = ["status", *KEY, "gold_authority", "predicted_source", "predicted_institution"]
# status of a disagreement row
AUTHORITY_DIFFERS, GOLD_ONLY, EXTRACTOR_ONLY = "authority differs", "only in hand coding", "only in extractor output"


def load_gold() -> pd.DataFrame:
    """The hand-coded claims of the seeds (analysis/gold/claims.csv)."""
    return _typed_gold(load_gold_file("claims.csv"))


def _typed_gold(gold: pd.DataFrame) -> pd.DataFrame:
    """Gold as read from its CSV (strings) with numeric values and boolean flags."""
    if gold["value"].dtype == float:
        return gold
    gold = gold.copy()
    gold["value"] = gold["value"].astype(float)
    gold["hedged"] = gold["hedged"].str.lower().eq("true")
    gold["vague"] = gold["vague"].str.lower().eq("true")
    return gold


def validate_claims(claims: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Agreement of the extractor with the hand coding: figures, hedging, and source attribution.

    Returns `agreement` (precision, recall and F1 per measure) and `disagreements` (one row per figure
    where the two differ, `status` saying how: only in the hand coding, only in the extractor's output,
    or found by both with a different authority).

    Units compared: (article, value, unit) and (article, sentence, value, unit) for figures; that plus
    hedged for hedging; that plus the source for attribution, where a predicted source counts as the
    gold one if its source/institution text matches the gold row's `source_pattern` regex (the sourcing
    codebook's labels may change; the pattern names the authority, e.g. 'Geheimdienst' for an
    intelligence service).
    """
    gold = match_gold(_typed_gold(gold), sentences)
    pred = claims[claims["article_id"].isin(set(gold["article_id"]))]

    def key(frame: pd.DataFrame) -> list[tuple]:
        return list(zip(frame["article_id"], frame["sentence_id"].astype(int), frame["value"].astype(float), frame["unit"]))

    gold_keys, pred_keys = key(gold), key(pred)
    patterns = {k: re.compile(p, re.IGNORECASE) for k, p in zip(gold_keys, gold["source_pattern"])}
    labels = dict(zip(gold_keys, gold["institution"]))

    def source_label(k: tuple, source: str, institution: str) -> str:
        pattern = patterns.get(k)
        if pattern is not None and _source_matches(pattern, source, institution):
            return labels[k]
        return institution

    gold_src = {(*k, inst) for k, inst in zip(gold_keys, gold["institution"])}
    pred_src = {(*k, source_label(k, s, i)) for k, s, i in zip(pred_keys, pred["source"], pred["institution"])}
    rows = [
        {"measure": "figure (article, value, unit)", **prf({(a, v, u) for a, _, v, u in gold_keys}, {(a, v, u) for a, _, v, u in pred_keys})},
        {"measure": "figure (article, sentence, value, unit)", **prf(gold_keys, pred_keys)},
        {"measure": "figure + hedged", **prf({(*k, h) for k, h in zip(gold_keys, gold["hedged"])}, {(*k, bool(h)) for k, h in zip(pred_keys, pred["hedged"])})},
        {"measure": "figure + source", **prf(gold_src, pred_src)},
    ]
    matched = set(pred_keys) & set(gold_keys)
    pred_by_key = {k: source_label(k, s, i) for k, s, i in zip(pred_keys, pred["source"], pred["institution"])}
    if matched:
        correct = sum(pred_by_key[k] == labels[k] for k in matched)
        share = correct / len(matched)
        rows.append({"measure": "source accuracy on matched figures", "precision": share, "recall": share, "f1": share,
                     "tp": correct, "fp": len(matched) - correct, "fn": len(matched) - correct})
    return {"agreement": pd.DataFrame(rows), "disagreements": _disagreements(pred, gold)}


def _source_matches(pattern: re.Pattern, source: str, institution: str) -> bool:
    return bool(pattern.search(str(source)) or pattern.search(str(institution)))


def _disagreements(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Figures only in the hand coding, only in the extractor's output, or in both with a different authority
    (gold already matched to sentence ids), in reading order."""
    pred = pred.assign(sentence_id=pred["sentence_id"].astype(int), value=pred["value"].astype(float)).drop_duplicates(KEY)
    gold = gold.assign(sentence_id=gold["sentence_id"].astype(int)).drop_duplicates(KEY)
    merged = gold[[*KEY, "institution", "source_pattern"]].rename(columns={"institution": "gold_authority"}).merge(
        pred[[*KEY, "source", "institution"]], on=KEY, how="outer", indicator=True
    )
    both = merged["_merge"] == "both"
    wrong_source = pd.Series(
        [not (isinstance(p, str) and _source_matches(re.compile(p, re.IGNORECASE), s, i))
         for p, s, i in zip(merged["source_pattern"], merged["source"], merged["institution"])],
        index=merged.index, dtype=bool,
    )
    status = merged["_merge"].astype(str).map({"left_only": GOLD_ONLY, "right_only": EXTRACTOR_ONLY, "both": AUTHORITY_DIFFERS})
    out = merged.assign(status=status)[~both | wrong_source]
    out = out.rename(columns={"source": "predicted_source", "institution": "predicted_institution"})
    return out[DISAGREEMENT_COLUMNS].sort_values(["article_id", "sentence_id", "value"]).reset_index(drop=True)


def describe_validation(agreement: pd.DataFrame, disagreements: pd.DataFrame, articles: pd.DataFrame | None = None) -> str:
    """What the validation tables say, as one Markdown paragraph: figures found, hedging and authority agreement,
    and each disagreement (computed, so the notebook's statement stays true when the gold or the rules change)."""
    scores = agreement.set_index("measure")
    fig = scores.loc["figure (article, sentence, value, unit)"]
    found, coded = int(fig["tp"]), int(fig["tp"] + fig["fn"])
    text = (
        f"**What the numbers show.** Of the {coded} hand-coded figures the extractor finds {found} in the right sentence "
        f"with the right value and unit (precision {fig['precision']:.2f}, recall {fig['recall']:.2f}); "
        f"the hedged flag agrees on {int(scores.loc['figure + hedged', 'tp'])} of them"
    )
    if "source accuracy on matched figures" in scores.index:
        source = scores.loc["source accuracy on matched figures"]
        text += f", the cited authority on {int(source['tp'])} of the {int(source['tp'] + source['fp'])} figures found by both"
    text += "."
    labels = {} if articles is None else dict(zip(articles["article_id"], articles["outlet_label"]))

    def where(row) -> str:
        return f"{english_number(row.value)} {row.unit} ({labels.get(row.article_id, row.article_id)}, sentence {row.sentence_id})"

    rows = list(disagreements.itertuples(index=False))
    differ: dict[tuple, list[str]] = {}
    for r in rows:
        if r.status == AUTHORITY_DIFFERS:
            differ.setdefault((r.gold_authority, r.predicted_source, r.predicted_institution), []).append(where(r))
    if differ:
        text += " Where the authority differs, " + "; ".join(
            f"the hand coding gives *{gold}* and the extractor “{source}” ({institution}) for {_and(places)}"
            for (gold, source, institution), places in differ.items()
        ) + "."
    for status, lead in ((GOLD_ONLY, "Missed by the extractor"), (EXTRACTOR_ONLY, "Found by the extractor but not hand-coded")):
        listed = [where(r) for r in rows if r.status == status]
        if listed:
            text += f" {lead}: {_and(listed)}."
    if not rows:
        text += " Extractor and hand coding do not disagree on any figure."
    return text
