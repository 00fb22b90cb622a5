"""Sourcing: whose information each sentence passes on, by cue, quotation and reported speech.

Rules read German attribution cues ("laut", "nach Angaben", "zufolge", speech verbs, "so X"), link them to
sources from the codebook `sources.yaml` (cues in `attribution_cues.yaml`), attach quotations and Konjunktiv-I
passages to their speaker (also across sentences), and leave mere mentions uncounted. A sentence ending in a
colon whose subject is a source ("... zeigt sich Selenskyj entschlossen:") attributes the whole next paragraph
to that source as an unquoted direct statement. Display lines cite the source before their colon ("Seoul: ...") or
after a closing dash ("... - südkoreanischer Geheimdienst"); "demnach", a bare "hieß es" and hearsay "sollen" go on
with the source cited just before (a bare "hieß es" away from any cites nobody). A person missing from the codebook
speaks for the body of an apposition ("Andrij Kowalenko, Sprecher des ukrainischen Generalstabs"), and "eine
Sprecherin" for a body only mentioned before.
One phrase may name several sources: "ukrainische und südkoreanische Geheimdienste", "Regierungs- und
Geheimdienstquellen aus Südkorea und den USA" (each adjective or place with each head).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import agreement, codebook
from .agreement import match_gold
from .config import UserError
from .corpus import DISPLAY_ROLES, PROSE_ROLES, columns_of, frame, is_caption, select_roles, sentence_columns, with_outlet
from .text import Prefilter, PrefilterIndex, WordAlternation, lean_literals, prefilter, quote_spans, word_pattern, word_regex, words

COLUMNS = [
    "article_id", "sentence_id", "paragraph_id", "role", "sentence", "source", "institution", "source_type",
    "country", "mention", "cue", "speech_type",
]
# The values of `speech_type`, in the order figures show them.
SPEECH_TYPES = ["direct quote", "indirect speech", "attribution", "credit line"]
UNCODED = "uncoded"
_PRECEDENCE = {"credit line": 3, "direct quote": 2, "indirect speech": 1, "attribution": 0}
_KIND_RANK = {"person": 4, "organisation": 3, "medium": 3, "anonymous": 3, "uncoded": 2, "country": 1, "vague": 0}
_OPENERS = "„»«\"“‚"
_OPENER = re.compile("[" + re.escape(_OPENERS) + "]")
# not a comma inside a parenthesis ("Scholz (64, SPD) sagte") nor a gender colon ("Expert:innen")
_CLAUSE_BREAK = re.compile(r",(?![^()]{0,40}\))|[;–—]|:(?![Ii]nnen\b)|\s-\s")
_CONJUNCTIONS = {"und", "doch", "aber", "denn", "wie", "dass", "nachdem", "weil", "da", "ob", "während", "als", "wenn", "so"}
_DETERMINERS = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen"}
_NAME_STOP = {"Es", "Das", "Die", "Der", "Dies", "Diese", "Dieser", "Man", "Sie", "Er", "Wir", "Ich", "Ihr", "Was", "Wer", "Wie",
              "Alles", "Vieles", "Nichts", "Einiges", "Manches", "Beides", "Jeder", "Niemand",
              # times open a clause, they name no one ("Anfang November gestand das Außenministerium ein")
              "Anfang", "Ende", "Mitte", "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
              "Oktober", "November", "Dezember", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag",
              "Sonntag", "Heute", "Gestern", "Vorgestern", "Zuvor", "Später", "Damals", "Jetzt", "Nun", "Bereits", "Tags",
              # quantifiers open a counted subject ("Mindestens 47 Länder verurteilten ...")
              "Mindestens", "Rund", "Fast", "Knapp", "Insgesamt", "Über", "Mehr", "Etwa"}
_NAME_LINKS = {"von", "vom", "der", "des", "für", "for", "the", "of"}
_TOKEN = re.compile(r"[\w][\w.'’-]*")
_CONNECT = re.compile(
    r"^-?[\s„“\"»«]*(?:,\s*)?(?:(?:und|sowie|noch|als\s+auch|wie(?:\s+auch)?)\s+(?:(?:der|die|das|dem|den)\s+)?(?:[a-zäöüß][\w-]*\s+){0,3}(?:[A-ZÄÖÜ][\w-]*\s+){0,2}"
    r"|(?:des|der|von|vom|eines|einer)\s+(?:[a-zäöüß][\w-]*\s+){0,3}(?:[A-ZÄÖÜ][\w-]*\s+)?(?:[A-ZÄÖÜ]{2,}-)?"  # "des US-Think-Tanks"
    r"|,\s*(?:darunter|etwa|insbesondere|namentlich)\s+(?:(?:der|die|das|dem|den)\s+)?(?:[A-ZÄÖÜ][\w-]*\s+)?)[„“\"»«]?$"
)


@dataclass(frozen=True)
class Source:
    """One codebook entry."""

    source: str
    institution: str
    source_type: str
    country: str
    kind: str
    roles: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()  # a generic name ("der ukrainische Geheimdienst"): the first of these the article names


@dataclass(frozen=True)
class Item:
    """A source mention or back-reference found in a sentence (character span in the masked text)."""

    start: int
    end: int
    text: str
    source: Source | None = None  # None: a back-reference
    refers_to: str = ""
    more: tuple[Source, ...] = ()  # further sources the same phrase names ("ukrainische und südkoreanische Geheimdienste")


@dataclass
class Link:
    source: Source
    mention: str
    cue: str
    how: str  # speaker | prep | channel | anonymous | credit | carried | colon


class Alias:
    """A whole-word codebook pattern (`_word`) and what it names (a `Source`, or for a back-reference what it refers
    to), compiled on first use: a fresh process analysing one article needs few of them, and compiling them all costs
    more than analysing the article. Its fast scanner (`_scanner`) is compiled once it has been used a few times."""

    __slots__ = ("source", "refers_to", "alias", "prefilter", "_compiled", "_uses")
    SCANNER_AFTER = 3  # uses without a scanner (the same matches, found slower; compiling it costs about 20 scans)

    def __init__(self, *, alias: str, source: Source | None = None, refers_to: str = ""):
        self.source, self.refers_to, self.alias, self._compiled, self._uses = source, refers_to, alias, None, 0
        self.prefilter: Prefilter | None = prefilter(word_pattern([alias]), exact=True)

    def compiled(self) -> tuple[re.Pattern, re.Pattern | None]:
        """The pattern (`_word([alias])`) and its fast scanner (`_scanner`; None for the first few uses)."""
        if self._compiled is None or self._uses == self.SCANNER_AFTER:
            pattern = _word([self.alias]) if self._compiled is None else self._compiled[0]
            found = self.prefilter is not None and not self.prefilter.folded  # so it cannot match empty
            self._compiled = (pattern, _scanner(pattern, self.alias, nonempty=found) if self._uses == self.SCANNER_AFTER else None)
        self._uses += 1
        return self._compiled

    @property
    def pattern(self) -> re.Pattern:
        return self.compiled()[0]

    def fullmatch(self, text: str) -> bool:
        """Whether the pattern matches all of `text`; compiled only when `text` holds a literal of its prefilter."""
        return _may_match(_hints(None, found=self.prefilter), text) and self.pattern.fullmatch(text) is not None


@dataclass(frozen=True)
class Rules:
    aliases: tuple[Alias, ...]  # codebook names of sources, compiled on first use
    # which aliases, references, cues (after, before, around, unlinked: by their "id"), verbs and Konjunktiv forms may
    # match in a sentence: one look-up for all of them, the ids of each kind in its range of `ranges`
    index: PrefilterIndex
    ranges: dict[str, tuple[int, int]]
    konj_whole: bool  # every Konjunktiv form has a whole-word prefilter and no other (`text.Prefilter.whole`)
    verbs: WordAlternation  # speech verbs: `finditer` as `_word(verbs)`, running only the verbs a sentence may hold
    after: tuple[tuple[re.Pattern, dict], ...]
    before: tuple[tuple[re.Pattern, dict], ...]
    around: tuple[tuple[re.Pattern, dict], ...]
    unlinked: tuple[tuple[re.Pattern, dict], ...]
    references: tuple[Alias, ...]  # back-references ("er", "der Präsident") and what they refer to
    konj1: WordAlternation
    konj2: WordAlternation
    prepositions: frozenset[str]
    focus_particles: frozenset[str]  # "Auch die NATO bestätigte": the source after one opens the clause as its subject
    negations: frozenset[str]
    negation_keeps: re.Pattern  # verb cues a negation leaves standing ("nicht bestätigt": a non-confirmation)
    not_negating: re.Pattern  # phrases with a negation word that negate nothing ("nicht zum ersten Mal")
    report_prefix: re.Pattern  # "in einem Bericht der ..." before the name of a source
    credit: tuple[tuple[re.Pattern, dict], ...]  # a credit line's pattern and its cue (with its "hints")
    credit_gate: re.Pattern | None  # any literal of those hints (None: one credit pattern has none and always runs)
    by_name: dict
    compound_heads: re.Pattern  # heads of a hyphen compound whose first part still names the source
    media_compound_heads: re.Pattern  # further such heads, for media only ("ORF-Korrespondent", "ARD-Sommerinterview")
    governing: frozenset[str]  # prepositions after which a state is a topic, not a speaker
    titles: tuple[tuple[re.Pattern, str], ...]  # function nouns of uncoded persons -> source type
    gapping: frozenset[str]
    info_heads: re.Pattern  # "Regierungsangaben" = "Regierung" + "Angaben": a compound whose first part is the speaking body
    info_compound: re.Pattern  # such a compound anywhere in a sentence
    info_hints: tuple[str, ...]  # literals one of which a sentence with such a compound holds (`_hints`)
    country_adjectives: dict[str, str]  # "den USA" -> "amerikanisch": "Quellen aus den USA" are "amerikanische Quellen"
    adjective_states: dict[str, Source]  # "ukrainisch" -> the codebook state it names ("der ukrainische Außenminister")
    place_list: re.Pattern  # two of those places in a list: "der Ukraine, der USA und Südkoreas"
    places: re.Pattern  # states, capitals (`country_adjectives`) and cities and regions (`places`), for where a sentence is set
    place_states: dict[str, str]  # each of those names -> its state's adjective ("Charkiw" -> "ukrainisch")
    place_bodies: dict[str, tuple[Source, ...]]  # a place -> the codebook bodies governing it (sources.yaml `places`)
    members: dict[str, tuple[Source, ...]]  # a group of states -> its members ("die baltischen Staaten": three states)


def _hints(pattern: re.Pattern | None, *, found: Prefilter | None | bool = False) -> tuple[str, ...]:
    """Literals one of which every match of `pattern` contains: a substring test skips most sentences cheaply
    (("",): always run). `found`: its prefilter, when already made."""
    found = prefilter(pattern) if found is False else found
    return found.literals if found is not None and not found.folded else ("",)


def _may_match(hints: tuple[str, ...], text: str) -> bool:
    return any(map(text.__contains__, hints))


_WORD_START = word_pattern(["x"]).partition("(?:")[0]  # the look-behinds `word_pattern` opens with


def _scanner(pattern: re.Pattern, source: str, *, nonempty: bool | None = None) -> re.Pattern | None:
    """`pattern` (from `_word([source])`) without its leading word-start look-behinds, when `source` starts with a letter
    or a character class: the regex engine then jumps to where that can match instead of trying every position. Only for
    patterns that cannot match empty (a prefilter exists; `nonempty` when already known); None: scan with `pattern`
    itself."""
    if not (source[:1].isalnum() or source[:1] == "[") or not pattern.pattern.startswith(_WORD_START):
        return None
    if not (nonempty if nonempty is not None else _hints(pattern) != ("",)):
        return None
    return re.compile(pattern.pattern[len(_WORD_START) :], pattern.flags)


def _finditer(pattern: re.Pattern, scanner: re.Pattern | None, text: str) -> Iterator[re.Match]:
    """The matches of `pattern.finditer(text)`, found faster with its `_scanner`."""
    if scanner is None:
        yield from pattern.finditer(text)
        return
    pos = 0
    while (hit := scanner.search(text, pos)) is not None:
        m = pattern.match(text, hit.start())  # the same match, if the word boundary before it holds
        if m is None:
            pos = hit.start() + 1
        else:
            yield m
            pos = m.end()


def _word(patterns: list[str]) -> re.Pattern:
    """Any of `patterns` as a whole word, case-sensitive as the codebook asks."""
    return word_regex(patterns, flags=0)


def _swiss(pattern: str) -> str:
    """The pattern also matching Swiss spelling, "ss" for "ß" ("Aussenminister", "äusserte", "heisst"); a "ß" inside a
    character class is left alone, and so is one inside a look-behind, which must keep a fixed width."""
    if "ß" not in pattern:
        return pattern
    out, in_class, escaped = [], False, False
    groups: list[bool] = []  # per open group: whether it is a look-behind
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif in_class:
            pass
        elif ch == "(":
            groups.append(pattern.startswith(("(?<=", "(?<!"), i))
        elif ch == ")" and groups:
            groups.pop()
        elif ch == "ß" and not any(groups):
            ch = "(?:ß|ss)"
        out.append(ch)
    return "".join(out)


def _build_rules(entries: list[dict], cues: dict) -> Rules:
    aliases, by_name = [], {}
    place_bodies: dict[str, tuple[Source, ...]] = {}
    for e in entries:
        same_as = e.get("same_as") or ()
        src = Source(e["source"], e["institution"], e["source_type"], e["country"], e.get("kind", "organisation"), tuple(e.get("roles") or ()),
                     (same_as,) if isinstance(same_as, str) else tuple(same_as))
        by_name[src.source] = src
        for name in e.get("places") or ():
            place_bodies[name] = place_bodies.get(name, ()) + (src,)
        aliases.extend(Alias(alias=_swiss(alias), source=src) for alias in e["aliases"])
    if unknown := sorted({name for e in entries for name in e.get("members") or () if name not in by_name}):
        raise UserError(f"sources.yaml: 'members' names no source of the codebook: {', '.join(unknown)} (use the `source` names)")
    if unknown := sorted({name for src in by_name.values() for name in src.same_as if name not in by_name}):
        raise UserError(f"sources.yaml: 'same_as' names no source of the codebook: {', '.join(unknown)} (use the `source` names)")
    members = {e["source"]: tuple(by_name[name] for name in e["members"]) for e in entries if e.get("members")}
    references = [Alias(alias=_swiss(ref["pattern"]), refers_to=ref["refers_to"]) for ref in cues.get("references", [])]
    cues = {**cues, **{key: [{**c, "pattern": _swiss(c["pattern"])} for c in cues.get(key, [])] for key in ("after", "before", "around", "unlinked")},
            **{key: [_swiss(v) for v in cues.get(key, [])] for key in ("verbs", "konjunktiv1", "konjunktiv2")}}

    cue_filters: list[Prefilter | None] = []

    def table(key, compiler=_word):
        patterns = [compiler([c["pattern"]]) if compiler is _word else compiler(c["pattern"]) for c in cues.get(key, [])]
        first = len(cue_filters)
        cue_filters.extend(prefilter(pattern, exact=True) for pattern in patterns)
        # its "hints" (`_hints`) are the literals of its exact prefilter: substrings of every match too
        return tuple((pattern, {**c, "hints": _hints(pattern, found=cue_filters[first + k]), "id": first + k})
                     for k, (pattern, c) in enumerate(zip(patterns, cues.get(key, []))))

    after, before, around, unlinked = table("after"), table("before"), table("around", re.compile), table("unlinked")
    place_states = {name: adj for key in ("country_adjectives", "places") for adj, names in (cues.get(key) or {}).items() for name in names}
    verbs, konj1, konj2 = (WordAlternation(cues[key], flags=0) for key in ("verbs", "konjunktiv1", "konjunktiv2"))
    kinds = [("items", [a.prefilter for a in aliases + references]), ("cues", cue_filters),
             ("verbs", verbs.prefilters), ("konj1", konj1.prefilters), ("konj2", konj2.prefilters)]
    return Rules(
        aliases=tuple(aliases),
        index=PrefilterIndex([f for _, listed in kinds for f in listed]),
        ranges=_ranges([(name, len(listed)) for name, listed in kinds]),
        konj_whole=all(f is not None and f.whole and not f.also for f in konj1.prefilters + konj2.prefilters),
        verbs=verbs,
        after=after,
        before=before,
        around=around,
        unlinked=unlinked,
        references=tuple(references),
        konj1=konj1,
        konj2=konj2,
        prepositions=frozenset(cues.get("prepositions", [])),
        focus_particles=frozenset(cues.get("focus_particles", [])),
        negations=frozenset(cues.get("negations", [])),
        negation_keeps=re.compile("(?:" + "|".join(cues.get("negation_keeps") or ["(?!)"]) + r")$"),
        not_negating=re.compile(r"\b(?:" + "|".join(cues.get("not_negating") or ["(?!)"]) + ")"),
        report_prefix=re.compile(
            r"^\s*(?:(?:in|im|aus|auf|bei|nach|laut)\s+)?(?:(?:einem|einer|eines|dem|der|des|den)\s+)?(?:[a-zäöüß][\w-]*\s+){0,2}"
            r"(?:" + "|".join(map(re.escape, cues.get("report_nouns", []))) + r")\s+(?=(?:der|des|von|vom)\s)"
        ),
        credit=(credit := tuple((pattern, {**c, "hints": _hints(pattern)}) for pattern, c in ((re.compile(c["pattern"]), c) for c in cues["credit"]))),
        # (without a literal that holds another: the gate runs on every sentence)
        credit_gate=None if any(cue["hints"] == ("",) for _, cue in credit) else re.compile(
            "|".join(map(re.escape, lean_literals(tuple(dict.fromkeys(h for _, cue in credit for h in cue["hints"])), False))) or "(?!)"),
        by_name=by_name,
        compound_heads=re.compile(r"(?:" + "|".join(cues.get("compound_heads", [])) + r")(?![\w-])") if cues.get("compound_heads") else re.compile(r"(?!)"),
        media_compound_heads=re.compile(r"(?:" + "|".join(cues.get("media_compound_heads", [])) + r")(?![\w-])") if cues.get("media_compound_heads") else re.compile(r"(?!)"),
        governing=frozenset(cues.get("governing", [])),
        # a title may be the head of a compound: "Nordkorea-Experte", "Außenamtssprecher", "SRF-Ostasienkorrespondent"
        titles=tuple((re.compile(r"^[\w-]*?(?:" + "|".join(pats) + r")$", re.IGNORECASE), kind) for kind, pats in (cues.get("titles") or {}).items()),
        gapping=frozenset(cues.get("gapping", [])),
        info_heads=re.compile(r"(?P<body>[A-ZÄÖÜ][a-zäöüß]{3,}?)s?(?P<head>" + "|".join(cues.get("info_heads") or ["(?!)"]) + r")$"),
        info_compound=(info_compound := re.compile(r"[a-zäöüß](?:" + "|".join(cues.get("info_heads") or ["(?!)"]) + r")\b")),
        info_hints=_hints(info_compound),
        country_adjectives={name: adj for adj, names in (cues.get("country_adjectives") or {}).items() for name in names},
        adjective_states=_adjective_states(cues.get("country_adjectives") or {}, aliases),
        place_list=_place_list([name for names in (cues.get("country_adjectives") or {}).values() for name in names]),
        places=_word([re.escape(n) + "s?" for n in sorted(place_states, key=len, reverse=True)] or ["(?!)"]),
        place_states=place_states,
        place_bodies=place_bodies,
        members=members,
    )


def _adjective_states(adjectives: dict[str, list[str]], aliases: list[Alias]) -> dict[str, Source]:
    """The codebook state each country adjective names, found by the state's own name ("ukrainisch" -> Ukraine)."""
    states = [a for a in aliases if a.source.kind == "country"]
    return {adj: next(a.source for a in states if any(a.fullmatch(name) for name in names))
            for adj, names in adjectives.items() if any(a.fullmatch(name) for a in states for name in names)}


def _ranges(sizes: list[tuple[str, int]]) -> dict[str, tuple[int, int]]:
    """Consecutive id ranges of kinds of rules of the given sizes, in order."""
    out, start = {}, 0
    for name, size in sizes:
        out[name] = (start, start + size)
        start += size
    return out


def _live(r: Rules, text: str) -> list[int]:
    """The ids of `r.index` that may match in `text`, sorted (`_ids` takes one kind's out)."""
    return sorted(r.index.candidates(text))


def _ids(live: list[int], r: Rules, kind: str) -> list[int]:
    """The ids of one kind of rule among `live` (`_live`), counted from the start of its range."""
    start, end = r.ranges[kind]
    ids = live[bisect_left(live, start) : bisect_left(live, end)]
    return [i - start for i in ids] if start else ids


def _place_list(names: list[str]) -> re.Pattern:
    place = "(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + ")s?" if names else "(?!)"
    return re.compile(rf"{place}(?:\s*,\s*|\s+(?:und|sowie|oder)\s+)(?:(?:der|die|den)\s+)?{place}(?![\w-])")


def rules(*, sources: str = "sources.yaml", cues: str = "attribution_cues.yaml", codebooks_dir: Path | None = None) -> Rules:
    """Compiled codebook and cue rules (rebuilt only when either file changes)."""
    return codebook.compiled((sources, cues), _build_rules, codebooks_dir=codebooks_dir)


# --------------------------------------------------------------------------- one sentence


@dataclass
class Parsed:
    text: str
    masked: str
    items: list[Item]
    long_quote: bool  # a quotation of 3+ words (or an unclosed one) outside source names
    short_quote: bool  # a 1-2 word quotation that is not a source name
    full_quote: bool  # the whole sentence is one quotation
    konj1: bool
    konj2: bool
    outside: str = ""  # masked text with every quotation blanked
    live: list[int] | None = None  # `_live` of `masked`
    silent: list[Source] = field(default_factory=list)  # subjects of negated verb cues: no citation, but referred to next


def _unclosed_opener(text: str) -> int:
    """Where a German quotation mark opens in a sentence without a closed quotation (it goes on in the next), or -1."""
    low, guillemet = text.find("„"), text.find("»")
    return guillemet if low < 0 or 0 <= guillemet < low else low


def _mask(text: str, spans: list[tuple[int, int]]) -> tuple[str, bool, bool, bool]:
    """Blank the inside of 3+-word quotations (offsets kept) and describe the quotations found."""
    chars = None  # the text's characters, once one quotation is blanked
    long_q = short_q = False
    for a, b in spans:
        inner = text[a + 1 : b - 1]
        if _is_title(inner):
            short_q = True
        elif len(inner.split()) >= 3:
            long_q = True
            chars = list(text) if chars is None else chars
            chars[a + 1 : b - 1] = " " * (b - a - 2)
        elif inner.strip():
            short_q = True
    masked = text if chars is None else "".join(chars)
    if not spans:
        opener = _unclosed_opener(text)
        if opener >= 0 and len(text[opener + 1 :].split()) >= 3:
            long_q = True
    stripped = text.strip()
    full = bool(spans) and spans[0][0] == text.index(stripped[0]) and len(stripped) - (spans[0][1] - spans[0][0]) <= 2 and len(spans) == 1
    return masked, long_q, short_q, full


def _elided_compound(masked: str, end: int, r: Rules) -> bool:
    """"Das EU- und Nato-Land": a name cut off before "- und" shares the head of the next compound ("Land"), and
    is no mention unless that head speaks for it ("EU- und Nato-Sprecher")."""
    m = _ELIDED.match(masked, end)
    return bool(m) and not r.compound_heads.match(m.group(1))


def _mention(m: re.Match, source: Source, r: Rules) -> Item:
    """A codebook name found in a sentence; a group of states names each member ("die baltischen Staaten")."""
    group = r.members.get(source.source)
    return Item(m.start(), m.end(), m.group(0), group[0], more=group[1:]) if group else Item(m.start(), m.end(), m.group(0), source)


def _find_items(masked: str, r: Rules, *, live: list[int] | None = None) -> list[Item]:
    """The source mentions and back-references in a sentence; `live`: `_live(r, masked)` when known."""
    candidates = _ids(_live(r, masked) if live is None else live, r, "items")
    n = len(r.aliases)
    found = [
        _mention(m, alias.source, r)
        for alias in (r.aliases[i] for i in candidates if i < n)
        for m in _finditer(*alias.compiled(), masked)
        # "Nato-Partnerland Südkorea" names South Korea; "Nato-Sprecherin" names NATO (both tests need a hyphen next)
        if not masked.startswith("-", m.end()) or (
            not (_COMPOUND_NOUN.match(masked, m.end()) and not r.compound_heads.match(masked, m.end() + 1)
                 and not (alias.source.kind == "medium" and r.media_compound_heads.match(masked, m.end() + 1)))
            and not _elided_compound(masked, m.end(), r))
    ]
    for ref in (r.references[i - n] for i in candidates if i >= n):
        for m in _finditer(*ref.compiled(), masked):
            found.append(Item(m.start(), m.end(), m.group(0), None, ref.refers_to))
    found.extend(_distributed(masked, r))
    # mentions beat back-references ("der Kremlchef" is Putin); among mentions the longest match wins, and of two
    # equally long the one naming more sources ("ukrainischer und südkoreanischer Beamter")
    found.sort(key=lambda it: (it.source is None, -(it.end - it.start), -len(it.more), it.start))
    chosen: list[Item] = []
    for it in found:
        if all(it.end <= c.start or it.start >= c.end for c in chosen):
            chosen.append(it)
    chosen.sort(key=lambda it: it.start)
    if len(chosen) > 1 and "-" in masked:  # "UN-Schätzungen": the information noun of a compound is its first part's
        chosen = [it for i, it in enumerate(chosen) if not (
            i and it.source is not None and it.source.kind == "vague" and chosen[i - 1].source is not None
            and chosen[i - 1].source.kind != "vague" and chosen[i - 1].end + 1 == it.start and masked[chosen[i - 1].end] == "-")]
    if len(chosen) > 1 and any(it.source is None for it in chosen):
        chosen = _owned_roles(chosen, masked, r)
    if r.adjective_states and any(it.source is None and it.refers_to.startswith("role:") for it in chosen):
        # unless a name follows as its apposition: "Der amerikanische Aussenminister Lloyd Austin" is Austin
        chosen = [_state_role(it, masked, r) if it.source is None and it.refers_to.startswith("role:")
                  and not (i + 1 < len(chosen) and chosen[i + 1].source is not None and _FIRST_NAMES.fullmatch(masked[it.end : chosen[i + 1].start]))
                  else it for i, it in enumerate(chosen)]
    # "der ehemalige südkoreanische Botschafter": a former office holder no longer speaks for the body
    if "hemalig" in masked or "rüher" in masked or "instig" in masked or "Ex-" in masked:
        chosen = [it for it in chosen if it.source is None or it.source.kind == "person"
                  or not (_FORMER.search(masked, max(0, it.start - 30), it.start) or it.text.startswith("Ex-") or masked[max(0, it.start - 3) : it.start] == "Ex-"
                          or _FORMER_MEMBER.search(masked, max(0, it.start - 100), it.start))]
        # "Der frühere Nato-Generalsekretär ..., Jens Stoltenberg": a person named as a former office holder speaks for
        # himself (uncoded), not for the body he left
        chosen = [Item(it.start, it.end, it.text, _uncoded(it.text, r)) if it.source is not None and it.source.kind == "person"
                  and _FORMER_TITLE.search(masked, max(0, it.start - 120), it.start) else it for it in chosen]
    if any(it.text.endswith("s") and it.text[:-1] in r.country_adjectives for it in chosen):
        chosen = _genitive_bodies(chosen, masked, r)
    chosen = _genitive_persons(chosen, masked, r)
    # a state in the genitive before a name is its modifier: "Südkoreas Präsident Yoon" cites Yoon, not Südkorea;
    # before a common noun it is a possessive ("Moskaus Narrativ", "Russlands Angriffskrieg"), unless the noun speaks
    # for the state ("Kiews Angaben", "Moskaus Außenministerium")
    return [
        it for i, it in enumerate(chosen)
        if not (it.source is not None and it.source.kind == "country" and it.text.endswith("s") and it.text not in _NOMINATIVE_S and (
            (i + 1 < len(chosen) and _GENITIVE_GAP.match(masked[it.end : chosen[i + 1].start])
             and chosen[i + 1].text.lower() not in _PERSONAL_PRONOUNS)  # "Südkoreas haben sie": no modifier of a pronoun
            # "der Sicherheitsberater Südkoreas, Shin Won-sik": the person in apposition speaks
            or (i + 1 < len(chosen) and chosen[i + 1].source is not None and chosen[i + 1].source.kind == "person"
                and masked[it.end : chosen[i + 1].start].strip() == ",")
            or _possessive(it, chosen[i + 1] if i + 1 < len(chosen) else None, masked, r)))
        # "Der der Wagner-Gruppe nahestehende Telegram-Kanal": the body a speaker is close to does not speak
        and not (it.source is not None and _CLOSE_TO.match(masked, it.end))
    ]


_FIRST_NAMES = re.compile(r"\s*(?:[A-ZÄÖÜ][a-zäöüß]+\s+){0,2}")  # a first name the codebook spells otherwise ("Oleskandr Kubrakow")
_CLOSE_TO = re.compile(r"\s+(?:sehr\s+|eng\s+)?(?:nahestehend|nahe\s+stehend)(?:e|en|er|es|em)?(?![\w-])")


_GENITIVE_HEAD = re.compile(r"\s+([A-ZÄÖÜ][a-zäöüß]+)(?![\w-])")
_GENITIVE_KINDS = ("person", "organisation")  # sources named in the genitive before a noun speaking for them (`_genitive_persons`)
_PERSON_GENITIVE = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w-]*)s\s([A-ZÄÖÜ][a-zäöüß]+)(?![\w-])")
_PERSON_GENITIVE_SCAN = re.compile(_PERSON_GENITIVE.pattern[len(r"(?<![\w-])") :])  # its scanner (`_finditer`)


def _genitive_persons(items: list[Item], masked: str, r: Rules) -> list[Item]:
    """A codebook person (or body) in the genitive before a noun that speaks for them ("Putins Sprecher", "Prigoschins
    Pressestelle", "laut Selenskyjs Büro") names that source's body; before any other noun ("Putins Krieg") nothing."""
    out = list(items)
    for m in _finditer(_PERSON_GENITIVE, _PERSON_GENITIVE_SCAN, masked):
        if any(it.start < m.end() and it.end > m.start() for it in out) or not _speaks_for(m.group(2), r):
            continue
        person = next((s for s in _named_by(m.group(1), r) if s.kind in _GENITIVE_KINDS), None)
        if person is not None:
            out.append(Item(m.start(), m.end(), m.group(0), person))
    return sorted(out, key=lambda it: it.start) if len(out) > len(items) else items


def _genitive_bodies(items: list[Item], masked: str, r: Rules) -> list[Item]:
    """A state or capital in the genitive before one of its bodies or offices names that body, as its adjective would:
    "Russlands Verteidigungsministerium" is the Russian defence ministry, "Kiews Militärgeheimdienst" the HUR, "Japans
    Regierungssprecher" Japan's, not Germany's (whose codebook entry has the bare title); before a coded mention it is
    that mention's modifier ("Seouls Geheimdienst NIS")."""
    out: list[Item] = []
    skip = -1
    for i, it in enumerate(items):
        if i == skip:
            continue
        adj = r.country_adjectives.get(it.text[:-1]) if it.source is not None and it.text.endswith("s") else None
        m = _GENITIVE_HEAD.match(masked, it.end) if adj else None
        if m is None:
            out.append(it)
            continue
        nxt = items[i + 1] if i + 1 < len(items) else None
        head = m.group(1)
        if nxt is not None and nxt.start == m.start(1) and nxt.source is not None:
            if nxt.end == m.end(1) and nxt.source.country != it.source.country and nxt.source.kind in ("person", "organisation"):
                # the bare title of another state's office: this state's
                fits = {s.institution: s for s in _role_holders(it.source.country, head, r)}
                found = _phrase_source(adj + "e", head, r, compounds=False) or (next(iter(fits.values())) if len(fits) == 1 else it.source)
                out.append(Item(it.start, nxt.end, masked[it.start : nxt.end], found))
                skip = i + 1
            elif it.source.kind != "country":  # a capital as the modifier of a coded mention (states: `_find_items`)
                continue
            else:
                out.append(it)
            continue
        found = _phrase_source(adj + "e", head, r, compounds=False) if nxt is None or nxt.start > m.start(1) else None
        if found is not None and found.institution != it.source.institution:
            out.append(Item(it.start, m.end(1), masked[it.start : m.end(1)], found))
        else:
            out.append(it)
    return out


def _owned_roles(items: list[Item], masked: str, r: Rules) -> list[Item]:
    """A function noun with the body or state it belongs to names that owner, not an earlier source: "Die
    Außenminister der G7" are the G7; "Der Präsident der Ukraine" is the source with that role of that state when
    the codebook has exactly one, else the state."""
    out: list[Item] = []
    skip = -1
    for i, it in enumerate(items):
        if i == skip:
            continue
        owner = items[i + 1] if i + 1 < len(items) else None
        if (it.source is None and len(it.text.split()) > 1 and owner is not None and owner.source is not None and owner.source.kind in ("organisation", "medium", "country")
                and (_OWNER_GAP.match(masked, it.end, owner.start) or (owner.text.endswith("s") and not masked[it.end : owner.start].strip()))):
            fits = _bodies(it.refers_to[5:], owner.source.country, r) if owner.source.kind == "country" and it.refers_to.startswith("role:") else []
            if len(fits) == 1:
                out.append(Item(it.start, owner.end, masked[it.start : owner.end], fits[0]))
                skip = i + 1
            continue
        out.append(it)
    return out


_STATE_ADJECTIVE = re.compile(r"(?:(?<![\w-])(?P<adj>[A-Za-zäöüÄÖÜ]*?(?:isch|deutsch))(?:e|en|er|es|em)|(?<![\w-])(?P<us>US)-?)\s*(?:[A-ZÄÖÜ]?[a-zäöüß-]+\s+)?$")


def _role_holders(country: str, head: str, r: Rules) -> list[Source]:
    """The codebook persons and bodies of a state whose roles include a function noun (in any of its inflections)."""
    nouns = {head, head.removesuffix("innen"), head.removesuffix("in"), head.removesuffix("s"), head.removesuffix("en"), head.removesuffix("n")}
    return [s for s in r.by_name.values() if s.country == country and s.kind in ("person", "organisation") and nouns & set(s.roles)]


def _state_role(it: Item, masked: str, r: Rules) -> Item:
    """A function noun with a country adjective names that state's holder of the function, not an earlier source:
    "der ukrainische Außenminister" is the codebook source of Ukraine with the role "Außenminister" when all such
    sources share one institution, else (none in the codebook: "der chinesische Präsident") the state itself."""
    head = it.text.split()[-1]
    before = masked[max(0, it.start - 40) : it.end - len(head)]
    if head.startswith("US-"):  # "der US-Außenminister"
        before, head = before + "US ", head[3:]
    m = _STATE_ADJECTIVE.search(before)
    if m is None or _FORMER.search(before[: m.start()] + " ") or re.search(_FORMER_WORD, before[m.start() :]):
        return it
    adj = "amerikanisch" if m.group("us") else m.group("adj").lower()
    state = r.adjective_states.get(adj)
    if state is None:
        return it
    fits = _role_holders(state.country, head, r)
    if len({s.institution for s in fits}) > 1:
        return it
    start = min(it.start, max(0, it.start - 40) + m.start())
    return Item(start, it.end, masked[start : it.end], fits[0] if fits else state)


# titles of a state's officials: "der ungarische Vize-Ministerpräsident Zsolt Semjen", "der griechische Konsul"
_OFFICIAL_TITLE = re.compile(r"(?:Vize-?)?(?P<head>[A-ZÄÖÜ]?[a-zäöüß]*(?:[Mm]inister|[Pp]räsident|[Kk]anzler|[Pp]remier|[Rr]egierungschef|"
                             r"[Ss]taatschef|[Bb]otschafter|[Dd]iplomat|[Kk]onsul|[Ss]taatssekretär|[Rr]egierungssprecher)(?:in|innen|s|en|n)?)")


_DESCRIBED_AFTER = re.compile(r",\s+(?:ein|eine|einer|der|die)\s+(?:[a-zäöüß][\w-]*\s+)?(?P<adj>[a-zäöüß]*(?:isch|deutsch))(?:e|er|en|es)?\s+"
                              r"(?P<head>[A-ZÄÖÜ][a-zäöüß]+)(?=\s*[,.;:!?]|\s*$)")  # ", ein ukrainischer Soldat."


def _state_official(lk: Link, p: Parsed, r: Rules) -> Link:
    """A named person missing from the codebook described by a state's function in apposition ("erzählt Maori, ein
    ukrainischer Soldat") speaks for the body that phrase names; a named official whose title carries a state
    adjective ("Der ungarische Vizeaußenminister Levente Magyar erklärte") speaks for that state: its codebook holder
    of the title's function ("Außenminister") where all share one institution, else the body "adjective title" names,
    else its government."""
    if lk.source.institution != UNCODED:
        return lk
    at = p.masked.find(lk.mention) if lk.mention else -1
    described = _DESCRIBED_AFTER.match(p.masked, at + len(lk.mention)) if at >= 0 and lk.source.kind == "uncoded" else None
    if described:  # "erzählt Maori, ein ukrainischer Soldat": the apposition after the name says whom he speaks for
        body = _phrase_source(described.group("adj") + "e", described.group("head"), r)
        if body is not None and body.kind not in ("uncoded", "vague"):
            return Link(body, lk.mention, lk.cue, lk.how)
    if lk.source.source_type != "government/official":
        return lk
    title = _OFFICIAL_TITLE.fullmatch(lk.mention.split()[0]) if lk.mention else None
    m = _STATE_ADJECTIVE.search(p.masked, max(0, at - 40), at) if title and at > 0 else None
    if m is None or m.group("adj") is None or _FORMER.search(p.masked[max(0, m.start() - 30) : m.start()]):
        return lk
    adj, head = m.group("adj").lower(), title.group("head")
    head = "Außenminister" if head.lower().startswith("chefdiplomat") else head[0].upper() + head[1:]
    state = r.adjective_states.get(adj)
    fits = _role_holders(state.country, head, r) if state is not None else []
    if len({s.institution for s in fits}) > 1:
        return lk
    body = fits[0] if fits else (_phrase_source(adj + "e", head, r) or _phrase_source(adj + "e", "Regierung", r))
    return Link(body, lk.mention, lk.cue, lk.how) if body is not None and body.kind != "uncoded" else lk


_NEXT_IS_CONTENT = re.compile(r"\s*,\s*(?:dass|wonach|die|der|das|es|sie|er)\b|\s*:")  # what a shared-subject verb says follows it
_ANTECEDENT_GAP = re.compile(r"\s*(?:[a-zäöüß]+\s*)?")  # "Rutte bei" before ", der erklärte": a separable prefix at most
_OWNER_GAP = re.compile(r"\s+(?:der|des)\s+(?:[a-zäöüß][\w-]*\s+)?$")
_FORMER_WORD = r"(?:[Ee]hemalig|[Ff]rüher|[Ee]instig)\w*"  # "der ehemalige", "früheren", "einstigen"
_FORMER_TITLE = re.compile(rf"(?:\b{_FORMER_WORD}\s+(?:[\w-]+\s+)?[\w-]*|(?<![\w-])Ex-)(?:[Gg]eneralsekretär|[Pp]räsident|[Cc]hef|[Mm]inister|[Kk]anzler|"
                           r"[Ss]precher|[Bb]otschafter|[Kk]ommandeur|[Oo]berbefehlshaber|[Bb]erater)\w*(?:\s+(?:(?!dass\b|sagte|erklärte|derzeitig|jetzig|heutig|amtierend)[^.;:!?]){0,80}?)?,?\s*$")  # not "ehemaliger Präsident und derzeitiger Vize-Chef"
_FORMER = re.compile(rf"\b{_FORMER_WORD}\s+$")
# "Der frühere Russland-Korrespondent der Zeitungen Guardian und The Daily Telegraph, Alec Luhn, berichtete": he no longer
# reports for them
_FORMER_MEMBER = re.compile(rf"\b{_FORMER_WORD}\s+(?:[\w-]+\s+)?[\w-]*(?:[Kk]orrespondent|[Rr]eporter|[Jj]ournalist|[Rr]edakteur|"
                            r"[Mm]itarbeiter|[Mm]itglied)\w*\s+(?:der|des|bei|beim|von|vom)\s+(?:[\w.„“\"»«-]+\s+){0,5}$")
_DET = r"(?:(?:der|die|das|dem|den|des|vom|von)\s+)?"
_ADJ = r"(?:[A-ZÄÖÜ]{2,3}-)?[A-Za-zäöüÄÖÜß]*?(?:isch|lich|deutsch)(?:e|en|er|es|em)"  # "US-amerikanische", "Westliche"
_HEAD = r"[A-ZÄÖÜ][a-zäöüß]{2,}"
_PLACE = r"[A-ZÄÖÜ][\w-]*"
_AND = r"\s*,?\s+(?:und|oder|sowie)\s+"
# "Ukrainischen, südkoreanischen und westlichen Regierungsangaben", "Regierungs- und Geheimdienstquellen aus Südkorea,
# der Ukraine und den USA": coordinated modifiers or heads of one noun phrase, each pair naming a source of its own
_DISTRIBUTED = re.compile(
    rf"(?<![\w-])(?:{_DET}(?P<adjs>{_ADJ}(?:\s*,\s*{_DET}{_ADJ})*(?:{_AND}{_DET}{_ADJ})?)\s+)?"
    rf"(?P<heads>(?:[A-ZÄÖÜ][a-zäöüß]+-|{_HEAD}){_AND})?(?P<head>{_HEAD})(?![\w-])"
    rf"(?:\s+(?:aus|in)\s+(?P<places>{_DET}{_PLACE}(?:\s*,\s*{_DET}{_PLACE})*(?:{_AND}{_DET}{_PLACE})?)"
    rf"|\s+(?P<owners>(?:(?:der|des)\s+{_PLACE}|[A-ZÄÖÜ][\w-]*s)(?:\s*,\s*{_DET}{_PLACE})*{_AND}{_DET}{_PLACE}))?"  # "der Ukraine, der USA und Südkoreas", "Südkoreas und der Ukraine"
)
_COORDINATED_ADJECTIVES = re.compile(r"(?:isch|lich)\w{0,2}(?:\s*,|\s+(?:und|oder|sowie)\s)")
_HYPHEN_ELLIPSIS = re.compile(r"-\s+(?:und|oder|sowie)\s")
_ELIDED = re.compile(_HYPHEN_ELLIPSIS.pattern + r"\s*[\w-]*?-([A-ZÄÖÜ][a-zäöüß]\w*)")  # "EU- und Nato-Land": the shared head
_LIST_WORDS = re.compile(rf"{_DET}([\w-]+)")
_LIST_JOINTS = re.compile(r"\b(?:und|oder|sowie)\b|,")


def _distributed(masked: str, r: Rules) -> list[Item]:
    """Noun phrases that name several sources at once: coordinated adjectives over one head ("US-amerikanische,
    ukrainische und südkoreanische Geheimdienste"), a head left out before a coordinated one ("dem ukrainischen und dem
    südkoreanischen Geheimdienst", "Regierungs- und Geheimdienstquellen"), places after "aus" or "in" ("Quellen aus
    Südkorea und den USA" are South Korean and US sources), and compounds of a body and its information ("ukrainische
    Geheimdienstinformationen" come from the Ukrainian services). One item over the phrase carries every source."""
    # cheap tests first (most sentences have none of these): a substring, then the regex of one construction
    compound = _may_match(r.info_hints, masked)  # a literal of `info_compound` is there
    if not ((("isch" in masked or "lich" in masked) and (_COORDINATED_ADJECTIVES.search(masked) or (compound and r.info_compound.search(masked))))
            or ("- " in masked and _HYPHEN_ELLIPSIS.search(masked))
            or ((" aus " in masked or " in " in masked) and compound and r.info_compound.search(masked))
            or (r.place_list.search(masked) and sum(map(masked.__contains__, r.country_adjectives)) > 1)):  # "Militärs der Ukraine und Südkoreas"
        return []
    out = []
    for m in _DISTRIBUTED.finditer(masked):
        if m.group("adjs") is None and m.group("places") is None and m.group("owners") is None:
            continue  # a lone head: nothing distributed over it (most matches)
        adjs, places, owners = (_listed_words(m.group(g)) for g in ("adjs", "places", "owners"))
        heads = [m.group("head")]
        info = r.info_heads.match(heads[0])
        if m.group("heads"):
            first = m.group("heads").split()[0].rstrip(",")
            if not first.endswith("-"):
                heads.insert(0, first)
            elif info:
                heads.insert(0, first[:-1] + info.group("head"))  # "Regierungs- und Geheimdienstquellen"
        # places after a compound of body and information only ("Geheimdienstquellen aus Südkorea"); "Angaben aus
        # Kiew" is the cue "Angaben aus"
        from_places = [r.country_adjectives[p] + "e" for p in places if p in r.country_adjectives] if info else []
        from_places += [r.country_adjectives[o] + "e" for o in (o if o in r.country_adjectives else o[:-1] for o in owners) if o in r.country_adjectives]
        whole = len(adjs) == 1 and len(heads) == 1 and not from_places  # one adjective, one head: a compound or nothing new
        if not (adjs or from_places) or (whole and (not info or _phrase_source(adjs[0], heads[0], r, compounds=False) is not None)):
            continue
        sources: list[Source] = []
        for adj in adjs + from_places:
            for head in heads:
                src = _phrase_source(adj, head, r)
                if src is not None and all(src.institution != s.institution for s in sources):
                    sources.append(src)
        if sources:
            start = m.start("adjs") if adjs else m.start()
            out.append(Item(start, m.end(), masked[start : m.end()], sources[0], more=tuple(sources[1:])))
    return out


def _listed_words(text: str | None) -> list[str]:
    """The words of an enumeration ("ukrainische, südkoreanische und die westlichen") without articles and conjunctions."""
    return [w.group(1) for w in _LIST_WORDS.finditer(_LIST_JOINTS.sub(" ", text))] if text else []


def _phrase_source(adj: str, head: str, r: Rules, *, compounds: bool = True) -> Source | None:
    """The codebook source that "adjective head" names (the head's body for an information compound:
    "Regierungsangaben" -> "Regierung", "Geheimdienstquellen" -> "Geheimdienste")."""
    adj = adj.rsplit("-", 1)[-1]  # "US-amerikanische"
    variants = [adj] if not adj[:1].isupper() else [adj, adj[0].lower() + adj[1:]]
    nouns = [head] + [head[: -len(end)] for end in ("en", "s") if head.endswith(end)]  # "Regierungen", "Militärs"
    info = r.info_heads.match(head) if compounds else None
    if info:
        nouns += [info.group("body") + "e", info.group("body")]
    return next((s for noun in nouns for a in variants for s in _named_by(f"{a} {noun}", r)), None)


def _named_by(phrase: str, r: Rules) -> Iterator[Source]:
    """The codebook sources with an alias matching the whole of `phrase`, in codebook order."""
    for i in _ids(_live(r, phrase), r, "items"):
        if i < len(r.aliases) and r.aliases[i].pattern.fullmatch(phrase):
            yield r.aliases[i].source


_NEXT_NOUN = re.compile(r"(?:\s[a-zäöüß][\w-]*(?:e|en|er|es|em))?\s([A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ]?[a-zäöüß]+)*)\b")  # "Russlands (zunehmende) Isolation"
_SPEAKS_FOR = re.compile(
    r"(?:regierung|führung|ministerium|militär|armee|streitkräfte|geheimdienst\w*|präsident\w*|botschaft\w*|behörde\w*|stab|kommando|spitze|"
    r"darstellung|sicht|position|lesart|version|verlautbarung\w*|staatsmedien|medien|propaganda|außenamt|amt|zeitungen|blättern|sendern|redaktion(?:en)?)$",
    re.IGNORECASE,
)


_CLAIM_NOUN = re.compile(r"(?:Aussage|Behauptung|Meldung|Warnung|Vorw[üu]rf|Dementi|Bestätigung|Angabe|Bericht|Information|Erkenntnis|"
                         r"Einschätzung|Schätzung|Zahl|Daten|Video|Aufnahme|Bild|Foto|Wort|Rede|Äußerung|Erklärung|"
                         r"Ansprache|Botschaft|Brief|Schreiben|Mitteilung|Stellungnahme|Analyse|Studie|Untersuchung|Recherche|Gutachten|Auskunft|Auskünft|"
                         r"Ansicht|Auffassung|Meinung|Überzeugung|Lesart|Sicht|Darstellung|Version|Position|Haltung|Kritik|"
                         r"Forderung|Appell|Aufruf|Drohung|Zusage|Ankündigung|Prognose|Beobachtung|"
                         r"Statistik|Zählung|Aufzählung|Aufstellung|Auflistung|Übersicht|Tabelle|Bilanz|Umfrage|"
                         # members and units of a body speak for it: "Ein Mitglied des Generalstabs", "die Kommission der EU"
                         r"Mitglied|Mitarbeiter|Sekretär|Regiment|Einheit|Brigade|Bataillon|Abteilung|Stab|Kommando|Kommission|Rat|"
                         r"Delegation|Mission|Vertretung|Pressestelle|Pressedienst|Zentrum|Büro|Leitung|Leiter|Direktor|Geschäftsträger|Konsul|Attach|"
                         r"Beauftragt|Vorsitzend|Abgeordnet|"
                         # the heads and staff of a medium speak for it: "Der Intendant der Deutschen Welle, Peter Limbourg"
                         r"Intendant|Chefredakt|Herausgeber|Redaktion|Korrespondent)\w*$")


# a compound whose head is a report noun speaks for the body in the genitive after it ("im Lagebericht des Generalstabs",
# "laut einer Pressemitteilung der Armee")
_CLAIM_COMPOUND = re.compile(r"[a-zäöüß](?:bericht|mitteilung|erklärung|angabe|information|analyse|einschätzung|schätzung|meldung|"
                             r"stellungnahme|bulletin|bilanz|statistik|video|aufnahme|darstellung)\w*$")


def _person_title(word: str, r: Rules) -> bool:
    """Whether a word names a person's function (cue file `titles`: "Militärexperte", "Richter", "SP-Nationalrat")."""
    return any(pat.match(word) for pat, _ in r.titles)


def _speaks_for(noun: str, r: Rules, *, claims: bool = True) -> bool:
    """Whether a noun next to a body in the genitive speaks for it ("ein Sprecher der NATO", "Angaben des ISW"), unlike
    one the body merely owns ("eine Reaktion der NATO", "im Hauptquartier der NATO"). Before the noun ("Moskaus
    Sichtweise"), only speakers and official voices count (`claims=False`)."""
    return bool(r.compound_heads.match(noun) or _SPEAKS_FOR.search(noun) or (claims and (_CLAIM_NOUN.search(noun) or _CLAIM_COMPOUND.search(noun)))
                or _person_title(noun, r))


def _possessive(it: Item, nxt: Item | None, masked: str, r: Rules) -> bool:
    """Whether a genitive state is followed by a common noun it merely owns (not one that speaks for it)."""
    m = _NEXT_NOUN.match(masked, it.end)
    if not m or (nxt is not None and nxt.start <= m.start(1)):
        return False
    noun = m.group(1)
    return not _speaks_for(noun, r, claims=False)


# a place inside an attribute: "laut der in Wien ansässigen ...", "laut dem von Moskau eingesetzten Gouverneur"
_PLACE_ATTRIBUTE = re.compile(r"\s+(?:beheimatet|ansässig|basiert|gelegen|stationiert|eingesetzt|ernannt|installiert|kontrolliert"
                              r"|gesteuert|unterstützt|gestützt|finanziert)\w*")
# "Laut russischen Militärbloggern rückten die ukrainischen Streitkräfte vor": the cue's own noun is followed by the
# verb, so the names after it belong to the clause, not to the cue
_NOUN_THEN_VERB = re.compile(r"[A-ZÄÖÜ][\w-]*\s+(?!(?:des|der|den|dem|die|das|von|vom|aus|in|im|am|an|auf|bei|beim|für|mit|und|oder|"
                             r"sowie|zufolge|nach|über|unter|zu|zum|zur|gegenüber|um|ein|eine|einer|eines|einem|einen|seines|"
                             r"ihres|seiner|ihrer)\b)(?![a-zäöüß]*(?:ansässig|angesiedelt|beheimatet|basiert)\w*)[a-zäöüß][\w-]*\b")  # "der in den USA ansässigen Denkfabrik"
# a prepositional cue whose first name comes after a finite verb: the name is no longer its source
_LOOSE_SLOT = re.compile(r".*\b(?:hat|haben|hatte|hatten|ist|sind|war|waren|wird|werden|wurde|wurden|will|wollen|"
                         r"wollte|soll|sollen|sollte|kann|können|konnte|habe|sei|seien)\b", re.S)
# "laut den Organisatoren an dem „Geschenk für Putin“": a plural noun right after the cue holds the slot; a name inside
# the prepositional phrase after it is what they speak about (the noun is the source, uncoded)
_PLURAL_HOLDER_THEN_PP = re.compile(r"\s+(?:den|die)\s+(?:[a-zäöüß][\w-]*\s+)?[A-ZÄÖÜ][a-zäöüß]+(?:ern|ren|len|ten|nen)\s+"
                                    r"(?:an|am|auf|über|für|gegen|mit|zu|zum|zur|um)\s")
# what follows them is spoken about or is a place, never a speaker: "Demonstranten vor der russischen Botschaft forderten"
_TOPIC_PREPOSITIONS = frozenset({"über", "gegen", "zwischen", "um", "Über", "Gegen", "Zwischen", "vor", "hinter", "Vor", "Hinter"})
_CAPITAL = re.compile(r"[A-ZÄÖÜ]")
# "laut Angaben aus Kiew", "nach Informationen aus Washington": the place names the source
_FROM_PLACE = re.compile(r"\s*(?:(?:[a-zäöüß]\w*\s+)?(?:Angaben|Informationen|Kreisen|Quellen|Berichten|Erkenntnissen|Schätzungen)\s+)?aus\s+(?:der\s+|dem\s+)?$")
# what may follow a cue that takes its source in the genitive ("nach Angaben des/von/südkoreanischer/Kiews ...")
_GENITIVE_START = re.compile(r"\s*(?:[A-ZÄÖÜ„“\"»«(']|(?:des|der|von|vom|aus|eines|einer|zweier|dreier|beider|mehrerer|[a-zäöüß][\w-]*(?:er|es))\b)")
_INFO_COMPOUND = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+(?:angaben|informationen|kreisen|quellen|berichten)(?![\w-])")  # "Behördenangaben"
_FROM_BODY = re.compile(r"\s*(?:(?:aus|von|vom|seitens|bei)\s+(?=(?:der|dem|des|den)\s)|beim\s+)")  # "hieß es aus dem Ministerium in Wien", "heißt es beim ECFR"
_COMPOUND_NOUN = re.compile(r"-[A-ZÄÖÜ][a-zäöüß]")  # "Nato-Partnerland", not "dpa-AFX"
_GENITIVE_GAP = re.compile(r"^\s+(?:[a-zäöüß][\w-]*(?:e|en|er|es|em)\s+)?(?:[A-ZÄÖÜ][\w-]*\s+){0,3}$")  # "Südkoreas amtliche Nachrichtenagentur Yonhap"
_TITLE_WORDS = re.compile(r"^[\w.'’/-]+$")  # also "Radio Free Europe/Radio Liberty"
_TITLE_LINKS = _NAME_LINKS | {"am", "im", "ohne"}  # „Welt am Sonntag“, „Bild am Sonntag“, „Reporter ohne Grenzen“


def _bare_state(it: Item, masked: str, start: int) -> bool:
    """A state's name right after a genitive cue without a genitive ending is the clause's object, not the holder:
    "hat nach offizieller Darstellung Russland eingeholt" (unlike "nach Darstellung Russlands")."""
    return (it.source is not None and it.source.kind == "country" and not masked[start : it.start].strip()
            and not it.text.endswith(("s", "'", "’")) and it.text not in _NOMINATIVE_S and not it.refers_to.startswith("pair:"))


def _blank_items(p: Parsed, start: int, end: int) -> str:
    """The masked text from `start` to `end` with every source mention in it blanked."""
    chars = list(p.masked[start:end])
    for it in p.items:
        if start <= it.start and it.end <= end:
            chars[it.start - start : it.end - start] = " " * (it.end - it.start)
    return "".join(chars)


def _is_title(inner: str) -> bool:
    """A quoted name such as „Wall Street Journal“: up to six words, each capitalised or a linking word."""
    toks = inner.split()
    return 0 < len(toks) <= 6 and all(_TITLE_WORDS.match(t) and (t[0].isupper() or t in _TITLE_LINKS) for t in toks)


def parse(text: str, r: Rules) -> Parsed:
    spans = quote_spans(text) if _OPENER.search(text) else []
    masked, long_q, short_q, full = _mask(text, spans)
    live = _live(r, masked)
    items = _find_items(masked, r, live=live)
    found_in = masked
    if any("," in it.text for it in items if it.more):  # "ukrainische, südkoreanische und US-Geheimdienste" is one phrase
        masked = "".join(" " if ch == "," and any(it.start <= i < it.end for it in items if it.more) else ch for i, ch in enumerate(masked))
    if len(items) and "," in masked:
        masked, items = _appositions(masked, items, r)
    if len(items) > 1:
        masked, items = _office_holders(masked, items)
    if short_q:
        names = [(it.start, it.end) for it in items if it.source is not None]
        short_q = any(
            not any(a <= s < b or s <= a < e for s, e in names) for a, b in ((a + 1, b - 1) for a, b in spans) if len(text[a:b].split()) < 3 or _is_title(text[a:b])
        )
    outside = _outside_quotes(masked, spans)
    if masked != found_in:  # blanked commas: "Kiew, sagte" -> "Kiew  sagte" may hold a literal it did not
        live = _live(r, masked)
    # blanking quotations removes whole words only: whole-word prefilters found in `masked` cover `outside`
    konj = live if outside == masked or r.konj_whole else _live(r, outside)
    konj1 = r.konj1.search(outside, candidates=_ids(konj, r, "konj1"))
    konj2 = r.konj2.search(outside, candidates=_ids(konj, r, "konj2"))
    return Parsed(text, masked, items, long_q, short_q, full, bool(konj1), bool(konj2), outside, live=live)


_APPOSED = re.compile(
    r"(?<![\w-])(?P<name>[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+){0,2}),\s+(?:(?:der|die|dem|den|einem|einer|ein|eine)\s+)?"
    r"(?:[a-zäöüß]\w*\s+|[A-ZÄÖÜ][a-zäöüß]+(?:e|en|er)\s+(?=[A-ZÄÖÜ]))?(?P<title>[A-ZÄÖÜ][\w-]*)\s+(?:des|der|von|vom|im|beim)\s+(?:[a-zäöüß]\w*\s+)?$"
)  # an adjective before the title may be capitalised as part of a name: "der Nationale Sicherheitsberater der USA"
_APPOSED_DIRECT = re.compile(r"(?<![\w-])(?P<name>[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+){1,2}),\s+(?:(?:der|die|dem|den|einem|einer|ein|eine)\s+)?$")
_PLACE_THEN_COMMA = re.compile(r"(?:\s+(?:in|bei|beim|im)\s+[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)?)?\s*,")
_APPOSITION_LINKS = ("des", "der", "von", "vom", "im", "beim", "e", "en", "er", "es", "em")  # the word before the body, or an adjective
_APPOSITION_END = re.compile(r"\s*(?:,|[.;:!?]|$)")


_VOICE_OF = re.compile(r"(?:Presse|Regierungs|Kreml)?[Ss]precher(?:in)?|\w*[Bb]erater(?:in)?|Stabschef(?:in)?")
_BODY_WORD = re.compile(r"(?:ministerium|amt|regierung|behörde|kanzleramt|präsidialamt)\w*$", re.IGNORECASE)  # a person entry's office, not the person


def _appositions(masked: str, items: list[Item], r: Rules) -> tuple[str, list[Item]]:
    """A person with an apposition naming function and body ("Andrij Kowalenko, Sprecher des ukrainischen
    Generalstabs,") speaks for that body (a codebook person for their own): one person item over name and apposition,
    whose commas are blanked so that it stays one phrase of its clause."""
    out = list(items)
    for it in items:
        if it.source is None or it.source.kind == "vague":
            continue
        if it.source.kind == "person":  # only a person's voice speaks for them: "X, der Sprecher des ukrainischen Präsidenten"
            nxt = next((o for o in out if 0 <= o.start - it.end <= 1 and o.source is not None and o.source.institution == it.source.institution), None)
            end = nxt.end if nxt is not None else it.end  # "des ukrainischen Präsidenten Wolodymyr Selenskyj": one person
            m = _APPOSED.search(masked, max(0, it.start - 120), it.start) if _APPOSITION_END.match(masked, end) else None
            if m is None or not _VOICE_OF.fullmatch(m.group("title")) or _BODY_WORD.search(it.text):
                continue
            if nxt is not None:
                merged = Item(it.start, end, masked[it.start : end], it.source)
                out = [o for o in out if o is not it and o is not nxt] + [merged]
                it = merged
        direct = _APPOSED_DIRECT.search(masked, max(0, it.start - 80), it.start) if masked[:it.start].rstrip().endswith(",") else None
        after = _PLACE_THEN_COMMA.match(masked, it.end)
        if (direct and after and _person_title(it.text.split()[-1], r)
                and not any(o is not it and o.start < it.start and o.end > direct.start("name") for o in out)):
            # "Dmytro Ponomarenko, ukrainischer Botschafter in Südkorea, teilt ...": a name whose apposition is a
            # function of a codebook body speaks for that body
            start = direct.start("name")
            src = Source(direct.group("name"), it.source.institution, it.source.source_type, it.source.country, "person")
            out = [o for o in out if o is not it] + [Item(start, it.end, masked[start : it.end], src)]
            commas = {direct.end("name")} | ({after.end() - 1} if masked[after.end() - 1 : after.end()] == "," else set())
            masked = "".join(" " if i in commas else ch for i, ch in enumerate(masked))
            continue
        if not _APPOSITION_END.match(masked, it.end):
            continue
        before = masked[max(0, it.start - 120) : it.start]
        if "," not in before or not before.rstrip().endswith(_APPOSITION_LINKS):
            continue
        m = _APPOSED.search(masked, max(0, it.start - 120), it.start)
        if m is None or not _person_title(m.group("title"), r):
            continue
        name_words = m.group("name").split()
        while name_words and (name_words[0] in r.prepositions or name_words[0] in _NAME_STOP):
            name_words = name_words[1:]  # "Laut Andrij Kowalenko, einem Sprecher ..."
        if not name_words:
            continue
        start = m.end("name") - len(" ".join(name_words))
        inside = [o for o in out if o.end > start and o.start < m.end("name")]
        if any(o.source is None or o.source.kind != "person" for o in inside):
            continue
        src = inside[0].source if inside else Source(" ".join(name_words), it.source.institution, it.source.source_type, it.source.country, "person")
        out = [o for o in out if o is not it and o not in inside] + [Item(start, it.end, masked[start : it.end], src)]
        close = _APPOSITION_END.match(masked, it.end)
        commas = {m.end("name")} | ({close.end() - 1} if masked[close.end() - 1 : close.end()] == "," else set())
        masked = "".join(" " if i in commas else ch for i, ch in enumerate(masked))
    return masked, sorted(out, key=lambda it: it.start)


def _office_holders(masked: str, items: list[Item]) -> tuple[str, list[Item]]:
    """An office of a body or a title, then the codebook person holding it ("des russischen Besatzungschefs der Krim,
    Sergej Aksjonow,", "der Gouverneur von Donezk, Pawlo Kyrylenko,", "die FDP-Europaparlamentarierin
    Strack-Zimmermann"): the person speaks, for their own entry; the apposition's commas are blanked so that it stays
    one phrase of its clause."""
    out, commas = [], set()
    for i, it in enumerate(items):
        nxt = items[i + 1] if i + 1 < len(items) else None
        office = nxt is not None and nxt.source is not None and nxt.source.kind == "person" and (
            (it.source is not None and it.source.kind == "organisation" and nxt.source.country == it.source.country)
            or (it.source is None and it.refers_to.startswith("role:")))
        gap = masked[it.end : nxt.start] if office else ""
        close = _APPOSITION_END.match(masked, nxt.end) if office else None
        if office and _OFFICE_THEN_NAME.fullmatch(gap) and (not gap.strip() or close):
            if "," in gap:
                commas.add(it.end + gap.index(","))
                if masked[close.end() - 1 : close.end()] == ",":
                    commas.add(close.end() - 1)
            continue
        out.append(it)
    if commas:
        masked = "".join(" " if i in commas else ch for i, ch in enumerate(masked))
    return masked, out


_OFFICE_THEN_NAME = re.compile(r"(?:\s+(?:der|des|von|vom|für)\s+[\w-]+(?:\s+[\w-]+)?)?\s*,\s*|\s+")


def _outside_quotes(masked: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return masked
    out = list(masked)
    for a, b in spans:
        out[a:b] = " " * (b - a)
    return "".join(out)


def _clause(masked: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _CLAUSE_BREAK.finditer(masked):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            return start, m.start()
    return start, len(masked)


def _chain(items: list[Item], masked: str, *, backward: bool = False) -> list[Item]:
    """The first item and the mentions coordinated with it ("X und Y", "Berichten des X")."""
    if not items:
        return []
    seq = list(reversed(items)) if backward else items
    first = seq[0]
    if first.source is None and not backward and len(seq) > 1 and seq[1].source is not None and seq[1].start - first.end <= 2:
        seq = seq[1:]  # "der Nachrichtenagentur Interfax": the name, not the back-reference
        first = seq[0]
    if first.source is None:
        return [first]
    out, last = [first], first
    joined = False  # two names already joined by "und": "Polen, Litauen und Lettland" read backward from the verb
    for i, nxt in enumerate(seq[1:], 2):
        if nxt.source is None:
            if not backward and i < len(seq) and seq[i].source is not None and seq[i].start - nxt.end <= 2:
                continue  # "X und der Nachrichtenagentur Interfax": the name after the role noun
            break
        a, b = (nxt, last) if backward else (last, nxt)
        if (nxt.source == last.source or (last.source is not None and nxt.source.institution == last.source.institution)) and not masked[a.end : b.start].strip():
            last = nxt  # "der ukrainische Präsident Wolodymyr Selenskyj", "Der französische Staatschef Emmanuel Macron": one source
            continue
        gap = masked[a.end : b.start]
        if (not backward and last.source.kind == "vague" and nxt.source.kind in ("organisation", "medium") and _NAME_AFTER.match(gap)
                and not _REPORT_NOUN_END.search(last.text)):
            out.append(nxt)  # "Analysten des US-Think-Tanks ISW": the name after its description
            last = nxt
            continue
        if _CONNECT.match(gap):
            joined = True
        elif not (_listed(nxt, seq, masked, backward) or _genitive_plural(a, b, masked) or (backward and joined and _LIST_COMMA.match(gap))):
            break
        if a.source is not None and a.source.kind != "vague" and _AGENT_GAP.match(gap):
            break  # "nach Angaben des Weißen Hauses von Russland eingesetzt": an agent, not a second source
        out.append(nxt)
        last = nxt
    return out


_AGENT_GAP = re.compile(r"^\s*(?:von|vom)\s")
# a span of time opening the clause: "Eine Minute später antwortete ihm Musk", "Zwei Tage zuvor hatte Kiew ... erklärt"
_TIME_OPENER = re.compile(r"(?:[A-ZÄÖÜ]\w*|\d+)\s+(?:[a-zäöüß]\w*\s+)?(?:Minuten?|Stunden?|Tagen?|Tage|Wochen?|Monaten?|Monate|Jahren?|Jahre)\s+"
                          r"(?:später|danach|zuvor|davor|darauf|nachher|früher)")
_SUBORDINATE_THEN_AND = re.compile(r"\s*(?:was|dass|ob|warum|weshalb|wieso)\s[^,;:]*?\s(?:und|sowie)\s+(?:[a-zäöüß]+\s+)?")  # ", was X tun müsse und sagte"
_ELIDED_SUBJECT = re.compile(r"[\s\-–—]*(?:und|sowie|oder)\s+")  # a clause that is only a conjunction before its verb
_NAME_AFTER = re.compile(r"^\s+[„“\"»«]?$")
_STRONG_GENITIVE = re.compile(r"[a-zäöü]\w*er\s")


def _genitive_plural(a: Item, b: Item, masked: str) -> bool:
    """"Berichten ukrainischer Ermittler": a genitive plural without article names who reports."""
    return (a.source is not None and a.source.kind == "vague" and not masked[a.end : b.start].strip()
            and bool(_STRONG_GENITIVE.match(b.text)))


_LIST_COMMA = re.compile(r"^[„“\"»«]?\s*,\s*(?:(?:der|die|das|dem|den|des)\s+)?(?:[a-zäöüß]+(?:e|en|er|es)\s+)?(?:[A-ZÄÖÜ][a-zäöüß-]+\s+)?[„“\"»«]?$")  # ", der britische Premier"; "„Süddeutsche Zeitung“, die ARD"
_LIST_END = re.compile(r"\s*(?:und|sowie|oder)\s+(?:(?:der|die|das|dem|den|des)\s+)?[A-ZÄÖÜ]")


def _listed(nxt: Item, seq: list[Item], masked: str, backward: bool) -> bool:
    """A comma between names in an enumeration that ends in "und": "Beamte aus Südkorea, der Ukraine und den USA"."""
    if backward:
        return False
    i = seq.index(nxt)
    if not _LIST_COMMA.match(masked[seq[i - 1].end : nxt.start]):
        return False
    while i + 1 < len(seq) and seq[i + 1].source is not None:  # "die USA, Großbritannien, Frankreich und Deutschland"
        gap = masked[seq[i].end : seq[i + 1].start]
        if _CONNECT.match(gap):
            return True
        if not _LIST_COMMA.match(gap):
            break
        i += 1
    return bool(_LIST_END.match(masked, seq[i].end))  # "..., Norwegen und Belgien": the last name missing from the codebook


_APPOSITION = re.compile(r"\s+[A-ZÄÖÜ][\w-]+\s+[A-ZÄÖÜ][\w-]+")


_COMMA_ONLY = re.compile(r"\s*,\s*")


def _pick_subject(side: list[Item], masked: str, r: Rules) -> list[Item]:
    if not side:
        return []
    first = side[0]
    if first.source is None and len(side) > 1 and side[1].source is not None and side[1].start - first.end <= 2:
        side = side[1:]  # "der Präsident Selenskyj": the name, not the back-reference
    elif (first.refers_to and len(side) > 1 and side[1].source is not None and side[1].source.kind not in ("vague", "country")
          and _COMMA_ONLY.fullmatch(masked, first.end, side[1].start)):
        side = side[1:]  # "der Vizechef des Präsidialamtes, Kyrylo Tymoschenko": the person named in apposition
    elif first.source is None and first.text.lower() not in _PERSONAL_PRONOUNS and _APPOSITION.match(masked, first.end):
        name = _name_phrase(masked[first.start :])  # "der Verteidigungsminister Rustem Umjerow", not in the codebook
        if name:
            return [Item(first.start, first.end, name, _uncoded(name, r))]
    return _chain(side, masked)


def _attributive(word: str) -> bool:
    """A lower-case word with an adjective ending, as before a noun ("die südkoreanische Nachrichtenagentur")."""
    return word[:1].islower() and word.endswith(("e", "en", "er", "es", "em"))


def _name_phrase(text: str) -> str:
    """A name-like noun phrase at the start of `text`, for a cited source missing from the codebook."""
    if text.lstrip()[:1] in _OPENERS + "“”’":
        return ""  # a quoted word ("als „Kanonenfutter-Söldner“ bezeichnet") is no name
    toks = _TOKEN.findall(text[:120])
    i = 0
    while i < len(toks) and i < 4 and (toks[i].lower() in _DETERMINERS or _attributive(toks[i])):
        i += 1
    name: list[str] = []
    while i < len(toks) and len(name) < 8:
        tok = toks[i]
        if tok[0].isupper():
            if not name and tok in _NAME_STOP:
                return ""
            name.append(tok)
        elif tok in _NAME_LINKS and name and i + 1 < len(toks) and toks[i + 1][0].isupper():
            name.append(tok)
        else:
            break
        i += 1
    while name and name[-1] in _NAME_LINKS:
        name.pop()
    return " ".join(name).rstrip(".")


def _uncoded(name: str, r: Rules | None = None) -> Source:
    """A cited source missing from the codebook. A function noun before a name ("Militärexperte Gustav Gressel")
    gives its source type (cue file `titles`) and is dropped from the name."""
    source_type, toks = UNCODED, name.split()
    if r is not None:
        last = -1
        for i, tok in enumerate(toks):
            kind = next((k for pat, k in r.titles if pat.match(tok)), None)
            if kind is not None:
                source_type, last = kind, i
        rest = [t for t in toks[last + 1 :] if t[0].isupper()]
        if last >= 0 and rest and toks[last + 1][0].isupper():
            name = " ".join(toks[last + 1 :])
    return Source(name, UNCODED, source_type, UNCODED, "uncoded")


def _is_place(it: Item, r: Rules) -> bool:
    """A state, or a capital standing for its government ("Seoul"; the names of `country_adjectives`)."""
    return it.source is not None and (it.source.kind == "country" or it.text.removesuffix("s") in r.country_adjectives)


def _governs(word: str, r: Rules) -> bool:
    """A preposition after which a state is a place ("in Russland"), also capitalised at the start of a sentence ("In
    Berlin bestellte ..."), except those opening a source ("Nach Angaben der USA", "Aus Moskau hieß es")."""
    return word in r.governing or (word[:1].isupper() and word.lower() in r.governing and word.lower() not in _SOURCE_PREPOSITIONS)


_SOURCE_PREPOSITIONS = frozenset({"nach", "aus", "von", "vom", "seitens", "gegenüber"})


_ENVOY = re.compile(r"(?:Vertreter|Botschafter|Gesandte|Sprecher|Repräsentant|Abgesandte|Delegation)\w*")  # speaks for the state after it


def _topic_state(it: Item, items: list[Item], masked: str, r: Rules) -> bool:
    """A state or capital that is the topic or place of a statement, not its speaker: after a governing preposition
    ("mit Blick auf Russland"), coordinated with one ("zwischen Russland und Nordkorea"), or a genitive attribute
    of a noun ("der Rundfunk der Ukraine"). Any other source is a topic after "über", "gegen", "zwischen", "um"."""
    if it.source is None:
        return False
    if _KIN_OF.search(masked, max(0, it.start - 60), it.start):
        return True  # "Laut Angehörigen von Wagner-Söldnern": the relatives speak, not the group they belong to
    if "zwischen" in masked and _BETWEEN_AND.search(masked, max(0, it.start - 90), it.start):
        return True  # "Dem Vertrag zwischen Kupol und dem Verteidigungsministerium zufolge": a party, not a speaker
    if not _is_place(it, r):
        # "Nach Berichten über ukrainische Truppen", "besorgt über die Berichte": what follows a preposition of topic is
        # what is spoken about; "die Berichte über eine Verlegung" are the topic, not a source
        before = masked[max(0, it.start - 60) : it.start].split()
        while (len(before) > 2 and _attributive(before[-1]) and before[-1] not in _DETERMINERS and before[-1] not in _TOPIC_PREPOSITIONS
               and before[-1] not in r.governing and before[-1] not in _NOT_ADJECTIVES):
            before.pop()  # "in der Sicherheitspolitik der schwarz-roten Bundesregierung"
        if (it.source.kind in ("organisation", "medium") and len(before) > 1 and before[-1] in ("der", "des")
                and before[-2][:1].isupper() and before[-2][-1:].isalpha() and len(masked[: it.start].split()) > 2
                and before[-2] not in r.prepositions and before[-2].lower() not in r.governing  # not "Laut der ..."
                and not _speaks_for(before[-2].strip("„“\"»«("), r)):
            return True  # "fordert eine Reaktion der NATO", "im Hauptquartier der NATO": the body owns the noun, it does not speak
        while before and before[-1] not in _TOPIC_PREPOSITIONS and (
                before[-1] in _DETERMINERS or _attributive(before[-1])):
            before.pop()
        return (bool(before) and before[-1] in _TOPIC_PREPOSITIONS) or (
            it.source.kind == "vague" and masked[it.end :].split()[:1] == ["über"] and _REPORT_NOUN_END.search(it.text) is not None)
    before = masked[: it.start].split()
    if not before:
        return False
    phrase = it.text.split()
    if len(phrase) > 1 and phrase[0][:1].islower() and (_CLAIM_NOUN.search(phrase[-1]) or _INFO_COMPOUND.match(phrase[-1])):
        return False  # "nach russischen (Behörden)angaben": the state's own information, whatever preposition leads to it
    prev = before[-1].strip("„“\"»«(")
    if (len(before) > 1 and before[-2] in ("der", "die", "das", "des", "dem", "den", "Der", "Die", "Das") and _BODY_NOUN.search(prev)
            and not it.text.endswith("s")):
        return True  # "Die Staatsanwaltschaft Wien bestätigte": the place is part of the body's name
    back = [w.strip("„“\"»«(") for w in before[-4:]]
    while back and (back[-1] in _DETERMINERS or _attributive(back[-1])) and back[-1] not in r.governing:
        back.pop()  # "von der in den USA erscheinenden ...": the preposition before article and adjectives
    if _governs(prev, r) or (back and _governs(back[-1], r)):
        return True
    if prev in ("der", "des") and len(before) > 1 and before[-2][:1].isupper() and not _ENVOY.fullmatch(before[-2].strip("„“\"»«(,")):
        return True  # "die Entsendung der USA"; not "Der Vertreter der USA", who speaks for them
    if (it.text.endswith("s") and it.text not in _NOMINATIVE_S and len(before) > 1 and prev[:1].isupper() and prev[-1:].isalpha() and prev not in r.prepositions
            and not _speaks_for(prev, r)):
        return True  # "die Entsendung Nordkoreas": a state in the genitive after the noun it belongs to
    if _owns_medium(it, items):
        return True
    if prev in ("und", "sowie", "oder") or before[-1].endswith(","):
        # a list shares its first member's preposition: "die Netzbetreiber in Estland, Lettland und Litauen"
        earlier = [o for o in items if o.end <= it.start]
        gap = masked[earlier[-1].end : it.start] if earlier else ""
        if earlier and (_CONNECT.match(gap) or _LIST_COMMA.fullmatch(gap)):
            return _topic_state(earlier[-1], items, masked, r)
        # ... also when its first member is no codebook name: "Auftritte in Barcelona und Berlin abgesagt"
        return bool(_PLACE_LIST_BEFORE.search(masked, max(0, it.start - 60), it.start))
    return False



def _owns_medium(it: Item, items: list[Item]) -> bool:
    """"das Staatsfernsehen Russlands meldete": a state in the genitive right after a medium owns it, it does not speak."""
    return it.text.endswith("s") and it.text not in _NOMINATIVE_S and any(
        o.end == it.start - 1 and o.source is not None and o.source.kind in ("medium", "vague") for o in items)


_PLACE_LIST_BEFORE = re.compile(r"\b(?:in|nach|bei)\s+(?:[A-ZÄÖÜ][\w-]+,?\s+){1,3}(?:und|sowie|oder)\s+$")
_BODY_NOUN = re.compile(r"(?:anwaltschaft|[Pp]olizei|[Gg]ericht|behörde|[Vv]erwaltung|amt|[Pp]räsidium|[Dd]irektion|[Kk]ommandantur)$")
_NOMINATIVE_S = frozenset({"Belarus", "Paris", "Vilnius", "Los Angeles"})  # names ending in "s" that are no genitive
_NOT_ADJECTIVES = frozenset({"aber", "oder", "immer", "wieder", "weder", "jeder", "jedes", "seine", "ihre", "seiner", "ihrer"})
_BETWEEN_AND = re.compile(r"\bzwischen\s+[^,.;:]{1,60}?\s+und\s+(?:(?:dem|der|den|des)\s+)?(?:[\w-]+\s+){0,2}$")
_KIN_OF = re.compile(r"\b(?:Angehörige|Familien|Familienangehörige|Verwandte|Eltern|Mütter|Witwen|Ehefrauen|Frauen)\w*\s+(?:von|der|des)\s+(?:[\w-]+\s+){0,2}$")
_APPOSITION_AFTER = re.compile(r",\s*(?:[A-ZÄÖÜ][\w.'’-]*\s+){0,3}[A-ZÄÖÜ][\w'’-]+(?=\s*(?:[,.;:!?]|$))")
_APPOSITION_BEFORE = re.compile(r",\s*(?:[A-ZÄÖÜ][\w.'’-]*\s+|[a-zäöüß]+(?:e|en|er|es|em)\s+){0,5}[A-ZÄÖÜ][\w'’-]+\s*,\s*$")  # ", Pjöngjangs wichtigster Verbündeter,"
# named examples of a plural source: ", darunter Yonhap, BBC und Reuters" (the list runs to the segment with "und")
_EXAMPLES_AFTER = re.compile(r",\s*(?:darunter|etwa|insbesondere|namentlich)\s+(?:(?:[^,;:]+,\s*)*?[^,;:]*\bund\s[^,;:]+|[^,;:]+)")
# the rest of an enumeration after the first name ("nach Angaben von Südkorea, der Ukraine und den USA")
# names listed after a slot's name: ", WDR und Spiegel", ", Süddeutscher Zeitung und Zeit" (a name of up to two words)
_LIST_AFTER = re.compile(r"(?:,\s*(?:(?:der|die|das|dem|den|des)\s+)?(?:[A-ZÄÖÜ][\w-]*\s+)?(?:[A-ZÄÖÜ][\w-]*|dpa|epd|ntv|n-tv)(?![\w-]))+"
                         r"\s+(?:und|sowie|oder)\s+(?:(?:der|die|das|dem|den|des)\s+)?(?:[A-ZÄÖÜ][\w-]*\s+(?=[A-ZÄÖÜ]))?(?:[A-ZÄÖÜ][\w-]*|dpa|epd|ntv|n-tv)(?![\w-])")
# a list of subjects after the verb ("forderten Merz, Macron, der britische Premier Keir Starmer und Tusk eine Waffenruhe"),
# followed by an object or adverbial (not by a verb: "sagte Scholz, Frankreich und Polen seien bereit" lists what he said)
_LIST_ELEMENT = r"(?:(?:der|die|das|dem|den|des)\s+)?(?:[a-zäöüß]+(?:e|en|er|es)\s+)?(?:[A-ZÄÖÜ][\w.-]*\s+){0,3}[A-ZÄÖÜ][\w-]*"
_SUBJECT_LIST_AFTER = re.compile(r"(?:,\s*" + _LIST_ELEMENT + r")*,?\s+(?:und|sowie)\s+" + _LIST_ELEMENT
                                 + r"(?=\s+(?:eine[mnrs]?|ein|die|der|das|den|dem|für|gegen|zu|zum|zur|auf|in|im|am|an|bei|mit|nach|vor|über|um|"
                                   r"erneut|zudem|auch|sich|bereits|noch|jetzt|nun|dafür|dagegen|darauf|damit)\b|\s*[.:;!?]|\s*$)")
_RELATIVE_BEFORE = re.compile(r",\s*(?:der|die|das|dem|den|deren|dessen|denen|welche[rsnm]?|wo|"
                              r"(?:in|an|auf|aus|bei|mit|nach|von|vor|zu|für|gegen|über|unter)\s+(?:deren|dessen|denen|welche[rsnm]?))"
                              r"\s[^.;:]*?,\s*$")  # "Schweden und Dänemark, in deren Gewässern ..., haben erklärt"
_INFINITIVE_END = re.compile(r"(?:\bzu\s+[a-zäöüß]+|[a-zäöüß]\w*zu[a-zäöüß]+en)\s*,\s*$")
# "Berichte über ...": a report noun before "über" names what is reported on ("Medien über X berichtet" speak)
_REPORT_NOUN_END = re.compile(r"(?:[Bb]ericht|[Mm]eldung|[Gg]erücht|[Ss]pekulation|[Ss]chätzung|[Ii]nformation|[Aa]ngabe)\w*$")
# "hält der Chef des deutschen Auslandsgeheimdienstes ... für": the head of a body, after the verb, is its subject
_HEAD_OF_SUBJECT = re.compile(r"\s+der\s+(?:[a-zäöüß][\w-]*\s+)?(?:Chef|Leiter|Präsident|Sprecher|Direktor|Vorsitzende|Kommandeur|Befehlshaber)\w*\s+"
                              r"(?:des|der)\s+(?:[\w-]+\s+){0,3}?(?:[a-zäöüß][\w-]*\s+)?")
_COUNTED_SUBJECT = re.compile(r"\s*(?:(?:[Mm]indestens|[Rr]und|[Ff]ast|[Kk]napp|[Mm]ehr als|[Üü]ber|[Bb]ereits|[Ii]nsgesamt)\s+)?\d[\d.]*\s+[A-ZÄÖÜ]")
_MASCULINE_SUBJECT = re.compile(r"\s+der\s+(?:[a-zäöüß][\w-]*\s+)?(?:[A-ZÄÖÜ][\w-]*(?<!in)\s+)?")  # "warnte der Machthaber", "warf der Kreml-Chef"
_INVERTED = re.compile(r"^\s*(?:(?:der|die|das)\s+)?(?:[a-zäöüß]+e[nrs]?\s+)?$")  # a subject after its verb: not "dem", "den"
_POSSESSIVES = {"sein", "seine", "seinem", "seinen", "seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer"}
_NEW_PREDICATE = re.compile(r"\s(?:und|aber|doch|jedoch)\s+([a-zäöüß]\w*)")
_DATIVE_MEDIUM = re.compile(r"\b(?:[Dd]em|[Gg]egenüber(?:\s+(?:dem|der))?)\s+(?:[A-ZÄÖÜ][\w-]*\s+)?[„“\"»«']?$")
_HOLDER_AFTER = re.compile(r"\s+(?:des|der|von|vom)\s+(?:[a-zäöüß][\w-]*\s+){0,2}(?!(?:Front|Woche|Wochen|Tage|Tagen|Jahr|Jahres|Monat|Monats|Lage)\b)[A-ZÄÖÜ]")  # a holder named after a cue noun
_HOLDER_GAP = re.compile(r"\s+(?:des|der|von|vom)\s+[^,;:.]{0,60}")  # "Berichten des unabhängigen russischen Portals „"
_NAME_GAP = re.compile(r"\s+[A-ZÄÖÜ][^,;:.]{0,60}\(\s*|\s+[„“\"»«]")  # "Think-Tanks Institut for the Study of War (", "Portal „"
_OBJECT_TITLE = r"(?:(?=[A-ZÄÖÜ])[\w-]*(?:[Pp]räsidenten|[Cc]hef|[Mm]inister|[Kk]anzler|[Ss]precher|[Ff]ührer|[Bb]otschafter)\s+)?$"  # "den russischen Präsidenten"
# a name in a prepositional object after the verb is never its subject ("verwies damit auf den russischen Präsidenten
# Putin"), nor a person after "den" or "dem" ("forderte Puschilin den russischen Präsidenten Putin auf", "Ihr und dem
# russischen Präsidenten wirft das Gericht ... vor")
_PP_OBJECT = re.compile(r"(?<![\w-])(?<!,\s)(?:auf|an|über|gegen|mit|für|zu|zum|zur|nach|bei|beim|um|ohne|durch)\s+(?:(?:den|dem|die|der|das|des|einen|einem|eine|einer)\s+)?(?:(?!(?:sich|er|sie|es|wir|man)\s)[a-zäöüß][\w-]*\s+){0,3}" + _OBJECT_TITLE)
_ACCUSATIVE = re.compile(r"(?<![\w-])[Dd]e[nm]\s+(?:[a-zäöüß][\w-]*\s+){0,3}" + _OBJECT_TITLE)
# "sagte ... im ZDF", "sagt zu CNN", "in einer Nachricht an die BBC": the channel
_TO_MEDIUM = re.compile(r"\b(?:zum|zur|zu|gegenüber(?:\s+(?:dem|der|den))?|im|in\s+der|auf|an\s+(?:die|den|das)|(?:Gespräch|Interview)\s+mit(?:\s+(?:dem|der|den))?)\s+[„“\"»«']?$")
_DATIVE_AFTER_APPOSITION = re.compile(r",\s*(?:(?:am|im)\s+[A-ZÄÖÜ][\w-]+\s+)?(?:der|dem)\s+(?:[\w-]*[a-zäöü]en\s+){0,2}(?:(?:[A-ZÄÖÜ][\w-]*)?(?:[Aa]gentur|[Zz]eitung|[Ss]ender|[Pp]ortal|[Bb]latt|[Mm]agazin)\s+)?[„“\"»«']?")
_IN_THE_CAPITAL = re.compile(r"\b(?:[Ii]n|[Nn]ach)\s+(?:der|die)\s+(?:[\w-]+\s+)?Hauptstadt\s+$")
_APPOSITION_LOOSE = re.compile(r",\s*(?:[\w'’-]+\s+){0,7}[\w'’-]+(?=\s*,\s*(?:der|dem)\s)")  # ", stellvertretender Premierminister Kasachstans"
# (a quoted title closes before the full stop: dem "Handelsblatt"; a place and the verb's particle may follow: "in Kiew mit")
_SENTENCE_REST = re.compile(r"[“\"»«']?\s*(?:[A-ZÄÖÜ][\w-]+\s*)?(?:in\s+[A-ZÄÖÜ][\w-]+\s*)?(?:mit\s*)?[.;!?]?\s*$")
_DATIVE_MEDIUM_AFTER = re.compile(r"\b(?:dem|den)\s+(?:[A-ZÄÖÜ][\w-]*\s+)?(?:(?<=Zeitungen\s)der\s+)?[„“\"»«']?$")  # "den Zeitungen der Funke Mediengruppe"
_CITED_BY = re.compile(r"\s+(?:zitierte|befragte|interviewte)\w*\s")
_CLAUSE_ADVERBS = frozenset({"später", "dann", "danach", "zuvor", "inzwischen", "anschließend", "daraufhin", "schließlich", "zuletzt", "nun", "jetzt",
                             # a time opening a main clause after a comma: "..., am Abend gab das Ministerium die Namen bekannt"
                             "am", "im", "beim", "seit", "gestern", "heute", "zunächst", "kurz", "noch", "unterdessen", "mittlerweile"})
_SEGMENT_BREAK = re.compile(r"\s(?:und|sowie|aber|doch|jedoch)\s")
_AGENT_BEFORE = re.compile(r"\b(?:[Dd](?:er|ie|as|en|em|es)|[Ee]in(?:e[mnrs]?)?)\s+(?:von|vom)\s+$")
# also "gefangen genommener", "zur Leiterin der Wahlkommission ernannte" (a "zu" phrase of up to six words before it)
_PARTICIPLE_AFTER = re.compile(r"\s+(?:zu[mr]\s+(?:[\w-]+\s+){1,6}?)?(?:[a-zäöüß]+\s+)?[a-zäöüß]\w*(?:te|ten|tem|ter|tes|ene|enen|ener|enem|enes)\b")
# a verb cue that states nothing: an attributive participle ("die viel kritisierte Streumunition"), a question asked
# ("Auf die Frage, ob Macron signalisiert habe, ..."), a declaration as ("die von Russland für annektiert erklärt wurden")
_ATTRIBUTIVE_BEFORE = re.compile(r"(?:\b(?:die|der|den|dem|des|eine|einen|einem|einer|eines)\s+|\b(?:[Dd]ie|[Dd]er|[Dd]en|[Dd]em|[Dd]es)\s+"
                                 r"(?:viel|oft|vielfach|scharf|heftig|stark|international|weithin|so|zuvor|zuletzt|lange)\s+)$")
_ATTRIBUTIVE_AFTER = re.compile(r"\s+(?:[a-zäöüß]+(?:e|en|er|es|em)\s+)?[A-ZÄÖÜ][a-zäöüß]")
_QUESTION_BEFORE = re.compile(r"(?:^|[,;:(]\s*)ob\s+[^,;:]*$")
_DECLARED_AS = re.compile(r"\b(?:für\s+(?:[a-zäöüß]+\s+){1,2}|den\s+Krieg\s+(?:[a-zäöüß]+\s+)?|(?:[a-zäöüß]+\s+)?(?:Unabhängigkeit|Souveränität|Kriegsrecht|Ausnahmezustand)\s+)$")  # "den Krieg erklärt", "ihre Unabhängigkeit erklärt": an act
_SUMMONED_TO = re.compile(r"\b(?:ins|in\s+das|in\s+den|zum|zur|nach)\s+(?:[\w-]+\s+){0,3}$")  # "ins Außenministerium zitiert": a summons
# a sentence passed by a court ("zu sechs Jahren Haft verurteilt", "Das Gericht verurteilte ihn"): a verdict is an act
_SENTENCED = re.compile(r"\bzu[mr]?\s+(?:[\w-]+\s+){0,5}(?:Haft\w*|Gefängnis\w*|Jahren|Monaten|Geldstrafe\w*|Freiheitsstrafe\w*|Lagerhaft\w*|"
                        r"Straflager\w*|Bewährung\w*|lebenslang\w*|Tode)\b|\b(?:Gericht|Gerichtshof|Richter|Richterin|Strafkammer|Tribunal)\b")
# "hatte drei Russen zu unerwünschten Personen erklärt.", "erklärte mehrere Grenzregionen zu „Zonen ...“.": declaring
# something to be something is an act; the clause ends after the "zu" phrase, so nothing is said
_DECLARED_TO_BEFORE = re.compile(r"(?<!Bereitschaft )(?<!bereit )\bzu[mr]?\s+(?:[„“\"»«']?[\w-]+[“\"»«']?\s+){1,4}$")
# the clause ends there, or a speaker tag follows ("... zum Feind erklärt, betonten die Präsidenten der Dienste")
_DECLARED_TO_END = re.compile(r"\s*(?:(?:worden|wurden?|hatte|hat|haben|hatten|ist|sind|war|waren)\s*)?(?:[.;]|$|,\s*(?:was|womit|wodurch)\b"
                              r"|,\s*(?!(?:weil|da|als|wenn|ob|dass|wonach|nachdem|bevor|obwohl|sodass|damit|und|aber|doch|so|wie|um)\b)"
                              r"[a-zäöüß]+\s+(?:der|die|das|er|sie|man|[A-ZÄÖÜ])\b)")
_DECLARED_TO_AFTER = re.compile(r"\s+(?:[\w-]+\s+){1,3}zu[mr]?\s+[„“\"»«']?[\w-]+(?:\s+[\w-]+){0,4}[“\"»«']?\s*(?:[.;]|$)")


def _relative_before(text: str) -> re.Match | None:
    """A relative clause ending right before the verb; not an infinitive clause opening with an article
    ("..., das eigene Arsenal einzusetzen, sagte der Politiker")."""
    rel = _RELATIVE_BEFORE.search(text)
    return None if rel is None or _INFINITIVE_END.search(text, rel.start()) else rel


def _no_statement(masked: str, m: re.Match) -> bool:
    """Whether a verb cue's match states nothing (see the patterns above)."""
    word = m.group(0)
    before = masked[max(0, m.start() - 80) : m.start()]
    if " " not in word and word.endswith(("e", "en", "er", "es", "em")) and _ATTRIBUTIVE_BEFORE.search(before) \
            and _ATTRIBUTIVE_AFTER.match(masked, m.end()):
        return True
    if word.startswith("zitiert") and _SUMMONED_TO.search(before):
        return True  # "wurde der Botschafter ins Außenministerium zitiert": a summons
    if word.startswith("bestätig") and (_PROVE_TRUE.search(before) or masked.startswith(" sich", m.end())):
        return True  # "Sollten sich die Berichte bestätigen": reports proving true, no one confirms
    if word.startswith("verurteil") and _SENTENCED.search(masked, _clause(masked, m.start())[0], m.end() + 120):
        # "Ein Gericht verurteilte ihn zu sechs Jahren Haft", "verurteilten zwei Briten, die ... kämpften, zum Tode": a
        # verdict, not a condemnation
        return True
    if word.startswith("erklär") and (_DECLARED_AS.search(before) or (
            _DECLARED_TO_BEFORE.search(before) and _DECLARED_TO_END.match(masked, m.end()))
            or (word.startswith("erklärte") and not before.rstrip().endswith(",") and _DECLARED_TO_AFTER.match(masked, m.end())
                and "dass" not in masked[m.end() : m.end() + 80])):
        return True
    if word.startswith(("hofft", "hoffen", "fürchtet", "fürchten", "befürchtet", "befürchten")) and _WRITERS_GUESS.match(masked, m.end()):
        return True  # "hofft Pjöngjang wahrscheinlich auch": the writer's guess at a motive, no statement
    if word.startswith("erklär") and _DECLARED_WAR.match(masked, m.end()):
        return True  # "Anonymous erklärt Russland den Cyberkrieg": a declaration of war is an act
    if word.startswith(("lehnt", "lehnen")) and _REFUSED_COMMENT.match(masked, m.end()):
        return True  # "lehnte es ab, Stellung zu den Berichten zu nehmen": a refusal to comment says nothing
    if word.startswith("begrüß") and _GREETED.match(masked, m.end()):
        return True  # "Kim begrüßte Putin am Flughafen mit einer Umarmung": a guest welcomed, no stance
    if word.startswith(("bericht", "schrieb", "schreibt")) and _AS_REPORTER.match(masked, m.end()):
        return True  # "Er berichtet als Korrespondent des „Wall Street Journal“ über Russland": a job, not a report
    return bool(_QUESTION_BEFORE.search(before))


_WRITERS_GUESS = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:wahrscheinlich|vermutlich|wohl|mutmaßlich)\b")
_DECLARED_WAR = re.compile(r"\s+(?:[\w.-]+\s+){0,6}?(?:den|einen)\s+[„“\"»«]?[\w-]*[Kk]rieg\b")
_REFUSED_COMMENT = re.compile(r",?\s+(?:[^,.;:]{0,60}?\s)?(?:Stellung\s+(?:[\w-]+\s+){0,4}zu\s+nehmen|zu\s+kommentieren|sich\s+(?:[\w-]+\s+){0,4}zu\s+äußern|"
                              r"Fragen\s+(?:[\w-]+\s+){0,4}zu\s+beantworten|Auskunft\s+(?:[\w-]+\s+){0,3}zu\s+geben|Einzelheiten\s+(?:[\w-]+\s+){0,3}zu\s+nennen)\b")
_GREETED = re.compile(r"\s+(?:[A-ZÄÖÜ][\w-]*(?<!s)\s+){1,3}[^.;:!?]{0,80}?\b(?:mit\s+(?:einer|einem|militärischen|allen)\s+(?:[\w-]+\s+)?(?:Umarmung|Handschlag|Ehren|Wangenkuss|Kuss)\b|"
                      r"(?:am|auf\s+dem|im|vor\s+dem|in\s+der)\s+(?:Flughafen|Rollfeld|Weißen\s+Haus|Kanzleramt|Elysée|Élysée|Amtssitz|Präsidentenpalast|Residenz)\b)")
_AS_REPORTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?als\s+(?:[a-zäöüß][\w-]*\s+){0,2}(?:Korrespondent|Journalist|Reporter|Redakteur|Autor|Kolumnist)")
_AGED = re.compile(r"\d+-[A-ZÄÖÜ]")  # "Der 53-Jährige" names a person
_PROVE_TRUE = re.compile(r"\bsich\s+(?:(?:die|diese|der|dieser|das|alle)\s+)?(?:[\w-]+\s+){0,2}$")
_RELAYS = re.compile(r"(?:beruft|berufen|berief|beriefen) sich")
_NEW_PHRASE = re.compile(r"(?<!aus )(?<!von )(?<!in )(?<!mit )(?<!bei )(?<!für )\b(?:einem|einer|eines|dem|den|diesem|dieser|diesen)\s+(?:[\w-]+\s+){0,3}$")  # the phrase right before "zufolge"
_PERFECT_INFINITIVE = re.compile(r"\s+(?:haben|sein)\b")
_SPECULATIVE_VERBS = r"(?:dürfte|dürften|könnte|könnten|würde|würden)"
_SPECULATIVE = re.compile(r"\b" + _SPECULATIVE_VERBS + r"\b")  # before an infinitive cue: no statement
_SPECULATIVE_AFTER = re.compile(r"\s+" + _SPECULATIVE_VERBS + r"\b")  # after it, in a verb-final clause
# a subject noun phrase without a source before the finite verb: "Der Propagandist", "Putins Propaganda-Boss" (not a
# feminine dative, "Der Zeitung sagte ...")
_NP_SUBJECT = re.compile(r"(?:Der(?:\s+[a-zäöüß][\w-]*)*|[A-ZÄÖÜ][\w-]*s)\s+(?!\w*(?:[Zz]eitung|[Aa]gentur|[Pp]resse|[Rr]egierung|[Ff]rau|[Pp]olizei|[Ss]eite)\b)[A-ZÄÖÜ][\w-]*")
_PASSIVE = re.compile(r"\b(?:wird|werden|wurde|wurden|würde|würden|worden)\b")  # a participle cue after these is passive
# the agent of a passive cue: "von/vom/durch X", or the medium of "In einem Artikel der X wird behauptet"
_BY_AGENT = re.compile(r"(?:\b(?:[Vv]on\s+Seiten|[Aa]uf\s+Seiten|[Vv]onseiten|[Ss]eitens|[Vv]on|[Vv]om|[Dd]urch)\s+(?:(?:der|dem|den|die|des)\s+)?|(?P<report>\b(?:Bericht|Artikel|Beitrag|Interview|Mitteilung|"
                       r"Erklärung|Studie|Analyse|Kommentar)\w*\s+(?:der|des|von|vom)\s+[„“\"»«]?))(?:[a-zäöüß][\w-]*\s+){0,2}[„“\"»«]?$")


def _agent_phrase(p: Parsed, item: Item) -> re.Match | None:
    """The "von"/"durch" (or "Bericht der") phrase right before `item` that makes it a passive cue's agent ("auf
    ukrainischer Seite" too)."""
    found = _BY_AGENT.search(p.masked, max(0, item.start - 40), item.start)
    if found is None and item.text.endswith("Seite"):
        found = _ON_SIDE.search(p.masked, max(0, item.start - 10), item.start)
    return found


_ON_SIDE = re.compile(r"\b[Aa]uf\s+(?P<report>(?!))?$")  # the group of `_BY_AGENT`, never set


def _has_agent(p: Parsed, items: list[Item], start: int, end: int) -> bool:
    """Whether a source between `start` and `end` is the agent of a passive ("von ukrainischer Seite")."""
    return any(it.source is not None and start <= it.start < end and _agent_phrase(p, it) for it in items)


_OBJECT_OPENERS = frozenset({"Den", "Dem", "Einen", "Einem"})  # "Den Präsidenten bezeichnete er als ...": an object opens the clause
_AFTER_INFINITIVE = re.compile(r"\bzu\s+[a-zäöüß]+n\s*,?\s+und\s*$")
_SUBJECT_AFTER = re.compile(r"\s+(?:der|die|das|ein|eine)\s+(?:[a-zäöüß][\w-]*\s+){0,3}[A-ZÄÖÜ]")
_AUX_AFTER = re.compile(r"\s+(?:wird|werden|wurde|wurden|worden)\b")
_FINITE_AUX = re.compile(r"\b(?:hat|hatte|hatten|haben|habe|hätte|hätten|ist|war|waren|sind|sei|seien|wäre|wären)\b")  # a finite auxiliary before a participle cue
_PASSIVE_AUX = re.compile(r"\b(?:ist|sind|war|waren|wird|werden|wurde|wurden)\b")
# "Beide Länder, Nordkorea und Russland, dementieren"; "Mehrere Medien, darunter die Agentur Yonhap und Reuters, berichten"
# an unambiguous object article before a name after the verb ("nennt den russischen Staatschef"); without it the
# opener may be an adverbial ("Später bestätigte das Pentagon", "Ende Dezember vermeldete der Geheimdienst")
_OBJECT_BEFORE = re.compile(r"\b(?:den|dem|einen|einem|seinen|seinem|ihren|ihrem)\s+(?:[a-zäöüß][\w-]*\s+){0,2}$")
# a noun with its article right before a name in the genitive ("kritisierte die Kriegsführung Moskaus"): the name is an attribute
_NOUN_BEFORE = re.compile(r"\b(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines)\s+(?:[a-zäöüß][\w-]*\s+){0,2}[A-ZÄÖÜ][\w-]*\s+$")
# information with its holder right before a postposition ("Angaben aus Kiew zufolge")
_HELD_INFORMATION = re.compile(r"\b(?:Angaben|Informationen|Darstellung|Berichten|Aussagen|Worten|Einschätzung|Erkenntnissen|Statistiken|Daten|Zahlen|Schätzungen|Berechnungen|Umfragen)\s+"
                               r"(?:aus|von|vom|der|des|seitens)\s+[^,;:]*$")
# a name inside a prepositional phrase ("wegen Angriffen von ukrainischer Seite", "nach dem Treffen mit Putin") is no subject
_PP_BEFORE = re.compile(r"(?<![\w-])(?:von|vom|wegen|mit|gegen|für|aus|bei|beim|über|unter|zwischen|durch|gegenüber|seitens)\s+"
                        r"(?:[a-zäöüß][\w-]*\s+){0,3}$")
_LIST_GLUE = {"und", "sowie", "oder", "darunter", "etwa", "insbesondere", "namentlich", "Agentur", "Agenturen", "Nachrichtenagentur", "Nachrichtenagenturen"} | _DETERMINERS
_PRONOUN_SUBJECTS = {"Man", "Wir", "Ich"}
_PERSONAL_PRONOUNS = frozenset({"er", "sie"})  # back-references that name no one by themselves
_SUBJECT_DETERMINERS = {"ein", "eine", "einer", "der", "die", "das", "kein", "keine", "dieser", "diese"}
_QUANTIFIERS = {"andere", "mehrere", "viele", "einige", "zahlreiche", "alle", "beide", "weitere"}  # "Auch andere Regionen meldeten ..."


_DER_BEFORE = re.compile(r"\s+der\s+[„“\"»«']?$")
_WHEN_BEFORE = re.compile(r"(?:\b(?:am\s+)?(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)\w*|\b(?:heute|gestern|zuvor|nun|jetzt))$")
_AFTER_NAME = re.compile(r"\s*(?:\([^()]{1,20}\))?")


def _dative_der(it: Item, pre: list[Item], masked: str) -> bool:
    """A medium after a feminine dative "der" before the verb: the channel ("wie eine Sprecherin Schallenbergs (ÖVP) der
    APA mitteilte", "wie ein Sprecher am Montag der Deutschen Presse-Agentur sagte"); after a noun it is a genitive
    ("ein Reporter der dpa berichtete")."""
    der = _DER_BEFORE.search(masked, 0, it.start)
    if der is None:
        return False
    named = [o for o in pre if o.end <= der.start()]
    return bool(_WHEN_BEFORE.search(masked, 0, der.start())) or bool(named and _AFTER_NAME.fullmatch(masked, named[-1].end, der.start()))


# two noun phrases after the verb, the first without a source: the first is the subject ("fordert das Unternehmen das
# US-Verteidigungsministerium auf")
_NP_THEN_NP = re.compile(r"\s+(?:der|die|das)\s+(?:[a-zäöüß][\w-]*\s+){0,3}[A-ZÄÖÜ][\w-]*\s+(?:die|das)\s+(?:[a-zäöüß][\w-]*\s+){0,2}")
_NP_THEN_OBJECT = re.compile(r"\s+(?:der|die|das)\s+(?:[a-zäöüß][\w-]*\s+){0,3}[A-ZÄÖÜ][\w-]*\s+(?:[^,;:]*\s)?(?:den|dem)\s+(?:[a-zäöüß][\w-]*\s+){0,2}")
_NAME_THEN_TOPIC = re.compile(r"\s+(?P<name>[A-ZÄÖÜ][\w'’-]+)\s+(?:mit\s+Blick\s+auf|im\s+Hinblick\s+auf|in\s+Bezug\s+auf|bezüglich|angesichts|über)\s[^,;:]*")
# "sagte Boric im sozialen Netzwerk X nach einem Treffen bei der Generalversammlung der Vereinten Nationen": where and when
_NAME_THEN_SETTING = re.compile(r"\s+(?P<name>[A-ZÄÖÜ][\w'’-]+)\s+(?:im|am|beim|in|bei|nach|vor|auf|gegenüber|während)\s[^,;:]*")
_BARE_NAME = re.compile(r"\s+(?P<name>[A-ZÄÖÜ][\w'’-]+)\s+(?P<object>(?:die|das|den|dem|eine|einen|einem)\s+(?:[a-zäöüß][\w-]*\s+){0,2}[A-ZÄÖÜ][\w-]*\s+)?")


def _subject_between(gap: str, it: Item, r: Rules) -> bool:
    """Whether the words between a finite verb and the source after it are that verb's subject, so the source is an
    object: a noun phrase in the nominative before a "den"/"dem" object ("bitten die Separatisten den Kreml um ..."),
    or a single name outside the codebook, not a genitive or a place, before a state ("forderte Gylfadóttir Russland auf")
    or before an object with the state in the genitive ("kritisierte Popow die Kriegsführung Moskaus")."""
    if _NP_THEN_OBJECT.fullmatch(gap) or _NP_THEN_NP.fullmatch(gap):
        return True
    topic = _NAME_THEN_TOPIC.fullmatch(gap)  # "sagte Kurschus mit Blick auf das Bekenntnis des Patriarchen Kirill"
    if topic and _bare_name(topic.group("name"), r):
        return True
    setting = _NAME_THEN_SETTING.fullmatch(gap)  # (not a genitive: "sagte Lawrows Sprecherin im Fernsehen")
    if setting and not setting.group("name").endswith("s") and _bare_name(setting.group("name"), r):
        return True
    bare = _BARE_NAME.fullmatch(gap)  # (not a genitive or a place: "sagte Moskaus Außenminister Lawrow")
    return bool(bare and it.source is not None and it.source.kind == "country" and not bare.group("name").endswith("s")
                and (not bare.group("object") or it.text.endswith("s")) and _bare_name(bare.group("name"), r))


def _bare_name(word: str, r: Rules) -> bool:
    """Whether a capitalised word after a verb may be a name outside the codebook: no opener, pronoun, place or title."""
    return word not in r.prepositions and word not in _NAME_STOP and not r.places.fullmatch(word) and not _person_title(word, r)


def _verb_links(p: Parsed, r: Rules, verbs: list[re.Match]) -> list[tuple[list[Item], str, str]]:
    out: list[tuple[list[Item], str, str]] = []
    if not verbs:
        return out
    agents = "von " in p.masked or "vom " in p.masked
    # "Der von Seoul einbestellte russische Botschafter": the agent of an attributive participle is no subject
    items = [it for it in p.items if not _topic_state(it, p.items, p.masked, r)
             and not (agents and _PARTICIPLE_AFTER.match(p.masked, it.end) and _AGENT_BEFORE.search(p.masked, max(0, it.start - 20), it.start)
                      and not _CITED_BY.match(p.masked, it.end))
             # "berichtete die in Hongkong ansässige Zeitung": the place describes the subject
             and not (_is_place(it, r) and _PLACE_ATTRIBUTE.match(p.masked, it.end))
             # "sagte Kluge in der ukrainischen Hauptstadt Kiew": where the speaker was
             and not (_is_place(it, r) and _IN_THE_CAPITAL.search(p.masked, max(0, it.start - 60), it.start))
             # "Von Südkorea aus lobte Pistorius ...": where the speaker was
             and not (p.masked[max(0, it.start - 4) : it.start] in ("Von ", "von ") and p.masked.startswith(" aus", it.end))]
    for m in verbs:
        cs, ce = _clause(p.masked, m.start())
        perfect = bool(_PERFECT_INFINITIVE.match(p.masked, m.end()))  # "... befürchtet haben": from the sentence's start
        if (m.group(0)[-2:] in ("en", "rn") or perfect) and (_SPECULATIVE.search(p.masked, 0 if perfect else cs, m.start())
                                                              or _SPECULATIVE_AFTER.match(p.masked, m.end())):
            continue  # "Nordkorea dürfte mehr fordern", "wenn Minsk Einberufungen ankündigen würde": a guess at a statement, none made
        if (cs > 1 and p.masked[:cs].rstrip()[-1:] in "–—-" and _ELIDED_SUBJECT.fullmatch(p.masked, cs, m.start())
                and not any(v.start() < m.start() for v in verbs)):
            # "Selenskyj feuert Beamte – und nennt sie »Verräter«": after a dash and "und" the verb shares the subject of
            # the clause before it (a verb cue before it has its own rule below)
            cs = _clause(p.masked, len(p.masked[:cs].rstrip()) - 2)[0]
        while cs > 1 and p.masked[cs - 1] == ",":  # "Deutschland, USA und Nato warnen": a list of names before the verb
            ps, pe = _clause(p.masked, cs - 2)
            rest = {w for w in _blank_items(p, ps, pe).strip(" „“\"»«").split() if not _attributive(w) and w.lower() not in _DETERMINERS}
            inside = [it.end for it in items if ps <= it.start and it.end <= pe]
            if (pe != cs - 1 or not inside or rest - _LIST_GLUE or p.masked[max(inside) : pe].strip()
                    or any(ps <= v.start() < pe for v in verbs)):  # "Yonhap berichtete, der NIS habe ... bestätigt": a clause of its own
                break  # (a list item ends with its name: "Die Streitkräfte hätten „…“, erklärte X" is no list)
            cs = ps
        # "hatte ... nicht bestritten und ... verwiesen": a negation cancels only the verb of its own coordinate part
        seg_start = max([cs] + [b.end() for b in _SEGMENT_BREAK.finditer(p.masked, cs, m.start())])
        # "äußerte sich nicht", "hatte ... nicht dementiert": no statement, but its subject is who "er" refers to next
        negated = bool(r.negations.intersection(words(r.not_negating.sub(" ", p.outside[seg_start:ce])))) and not (
            r.negation_keeps.match(m.group(0)) and (not _PASSIVE_AUX.search(p.masked, seg_start, m.start())  # "sind nicht bestätigt": no one speaks
                                                    or _has_agent(p, items, seg_start, m.start())))  # "wurde von Kiew nicht bestätigt": Kiev does
        # appositions: "sagte der Chef des Militärgeheimdienstes, Kyrylo Budanow" / "Der Chef ..., Kyrylo Budanow, sagte"
        after = _APPOSITION_AFTER.match(p.masked, ce)
        if after:
            ce = after.end()
        # "sagte die Sprecherin Lukaschenkos, Natalija Eismont, der russischen Nachrichtenagentur Tass.": a medium in the
        # dative after an apposition, at the end of the sentence, is the channel
        saying = _SAYING.match(m.group(0))
        loose = _APPOSITION_LOOSE.match(p.masked, ce) if saying and not after and p.masked[ce : ce + 1] == "," else None
        tail = _DATIVE_AFTER_APPOSITION.match(p.masked, loose.end() if loose else ce) if saying and (after or loose) else None
        channel = next((it for it in items if tail and tail.start() < it.start and it.source is not None and it.source.kind == "medium"
                        and _SENTENCE_REST.fullmatch(p.masked, it.end) and not _blank_items(p, tail.end(), max(it.start, tail.end())).strip()), None)
        if channel is not None and not r.negations.intersection(words(r.not_negating.sub(" ", p.outside[cs : tail.start()]))):
            out.append(([channel], "sagte ... dem", "channel"))
        elif listed := _LIST_AFTER.match(p.masked, ce):  # "berichten NDR, WDR und Süddeutsche Zeitung": every medium listed reports
            named = [it for it in items if m.end() <= it.start < listed.end()]
            if (named and named[0].end <= ce and not p.masked[max(it.end for it in named if it.end <= ce) : ce].strip()
                    and all(it.source is not None and it.source.kind == "medium" for it in named)):
                ce = listed.end()
        if (subjects := _SUBJECT_LIST_AFTER.match(p.masked, ce)) and (named := [it for it in items if m.end() <= it.start < subjects.end()]) \
                and named[0].end <= ce and not p.masked[max(it.end for it in named if it.end <= ce) : ce].strip() \
                and not p.masked[m.end() : named[0].start].strip() and all(it.source is not None for it in named) and len(named) > 1:
            ce = subjects.end()  # the subject right after the verb, and the names listed with it
        # "Der Botschafter in Dänemark, Wladimir Barbin, warnte" / ", hat ... gewarnt": the subject before the apposition
        # nothing, a finite auxiliary ("X, Name, hat ... gewarnt") or a phrase without a source ("X, Name, gegenüber Reportern erklärt")
        lead = p.masked[cs : m.start()].split()[:1]
        loose = bool(lead) and lead[0][:1].islower() and lead[0].capitalize() in r.prepositions and not any(cs <= it.start < m.start() for it in items)
        # (not a speaker tag with its subject after the verb: "Die Sanktionen, die ..., zeigten Wirkung, sagte Morrison")
        verb_end = m.start() + len(m.group(0).split()[0])  # after the cue's first word, the finite verb ("wies" of "wies ... zurück")
        # (a name inside a verb frame, "warf Litauen ... vor", is its object)
        tagged = not lead and any(m.end() <= it.start < ce and it.source is not None and not p.masked[verb_end : it.start].strip() for it in items)
        before = _APPOSITION_BEFORE.search(p.masked[:cs]) if cs > 0 and not tagged and (not lead or _FINITE_AUX.fullmatch(lead[0]) or loose) else None
        if before:
            cs = _clause(p.masked, max(before.start() - 1, 0))[0]
        skip = (cs, cs)  # a relative clause between subject and verb: "Putin, der ... führen lässt, hat ... verwiesen"
        first = p.masked[cs : m.start()].split()[:1]
        # (a verb opening its clause with its subject after it is a speaker tag: "..., die Verluste zu verbergen, sagte Selenskyj")
        rel = _relative_before(p.masked[:cs]) if cs > 0 and not first else None
        # (an adverb opening a main clause after a break is no relative clause: "... umzingelt - später gab das Ministerium ... bekannt")
        if cs > 0 and ((first and first[0][:1].islower() and first[0] not in r.prepositions and first[0] not in _CLAUSE_ADVERBS)
                       or (not first and not any(m.end() <= it.start < ce and it.source is not None for it in items))
                       # "Rau, der auch Außenminister Polens ist, forderte Russland ... auf": a name opening the sentence
                       or (rel and (head_name := p.masked[: rel.start()].strip(" „“\"»«")) and _name_phrase(head_name) == head_name
                           and len(head_name.split()) <= 3)):
            rel = _relative_before(p.masked[:cs])
            if rel:
                skip = (rel.start(), cs)
                cs = _clause(p.masked, max(rel.start() - 1, 0))[0]
        pre = [it for it in items if cs <= it.start and it.end <= m.start() and not skip[0] <= it.start < skip[1]]
        if cs > 0 and pre and _SUBORDINATE_THEN_AND.fullmatch(p.masked, cs, m.start()):
            # "Er erklärte, was Russland erwägen müsse, und sagte ...": the verb after "und" belongs to the main clause
            # before the subordinate one; a name inside that clause is not its subject
            if out and out[-1][2] in ("speaker", "negated"):
                out.append((out[-1][0], m.group(0), "negated" if negated else "speaker"))
            continue
        # "wie der Geheimdienst mitteilte und die Agentur Reuters berichtet": a coordinated clause with its own subject
        prior = [v.end() for v in verbs if cs <= v.start() and v.end() <= m.start()]
        brk = _SEGMENT_BREAK.search(p.masked, prior[-1], m.start()) if prior else None
        if brk and any(it.start >= brk.start() and it.source is not None for it in pre):
            cs = prior[-1]
            pre = [it for it in pre if it.start >= cs]
        elif brk:  # "Der NIS bestätigte die Meldungen und veröffentlichte ...": the second verb shares the first's subject
            # (not the object inside the first verb's frame: "forderte Russland zum Ende ... auf und antwortete")
            frame = next(v for v in reversed(verbs) if v.end() == prior[-1])
            pre = [it for it in pre if it.start < prior[-1] and not frame.start() < it.start < frame.end()]
            if not pre and out and out[-1][1] == frame.group(0) and out[-1][2] in ("speaker", "negated") and _ELIDED_SUBJECT.fullmatch(p.masked, brk.start(), m.start()):
                # "kritisierte Popow die Armee und forderte eine Rotation": the subject after the first verb is the
                # second's too; the phrase after the second verb is its object
                out.append((out[-1][0], m.group(0), "negated" if negated else "speaker"))
                continue
        # "Ein von Suspilne zitierter Geheimdienstler sagte": the medium is the channel, the subject follows it
        channels = [it for it in pre if _CITED_BY.match(p.masked[it.end :]) and p.masked[: it.start].rstrip().endswith(("von", "vom", "von der", "von dem"))]
        if channels and not negated:
            out.append((channels, "zitiert von", "channel"))
            pre = [it for it in pre if it not in channels]
        # "wie Dietz dem Portal «Politico» erklärte": a medium in the dative before the verb is the channel
        dative = [it for it in pre if it.source is not None and it.source.kind == "medium" and _DATIVE_MEDIUM.search(p.masked, 0, it.start)]
        # (a medium after "am Montag der" reads as a topic's genitive, so the clause's own items are looked at)
        dative += [it for it in p.items if cs <= it.start and it.end <= m.start() and it not in dative and it.source is not None
                   and it.source.kind == "medium" and _dative_der(it, pre, p.masked)]
        if dative and not negated:
            out.append((dative, "sagte ... dem", "channel"))
            pre = [it for it in pre if it not in dative]
        # "schrieb einer der Soldaten und machte sich damit ... zu eigen": a new predicate ends the subject's search
        for brk in _NEW_PREDICATE.finditer(p.masked, m.end(), ce):
            word = brk.group(1)
            # (a verb cue right after "und" is one even before a name: "kritisierte Gressel die Armee und forderte Russland ... auf")
            if word not in _DETERMINERS and word not in _POSSESSIVES and (
                    any(v.start() == brk.start(1) for v in verbs)
                    or not any(brk.start(1) <= it.start <= brk.end(1) + 12 or it.start <= brk.start() < it.end for it in items)):
                ce = brk.start()
                break
        # a verb cue spanning its subject ("fügte er hinzu", "wies der Kreml ... zurück") has the subject inside
        post = [it for it in items if m.start() < it.start and it.end <= ce]
        # "meint der Botschafter zum «Korea Herald»": a medium after "zum"/"gegenüber" is the channel, not the speaker
        to_media = [it for it in post
                    if it.source is not None and it.source.kind == "medium" and (
                        _TO_MEDIUM.search(p.masked, 0, it.start)
                        # "sagte Grossi den Sendern RTL und ntv": a medium in the dative after a verb of saying
                        or (_SAYING.match(m.group(0)) and _DATIVE_MEDIUM_AFTER.search(p.masked, m.end(), it.start)))]
        if to_media:  # and the media coordinated with it ("den Sendern RTL und ntv")
            to_media = list(dict.fromkeys(to_media + [
                it for it in _chain(post[post.index(to_media[0]) :], p.masked) if it.source is not None and it.source.kind == "medium"]))
        if to_media and not negated:
            out.append((to_media, "zum", "channel"))
            post = [it for it in post if it not in to_media]
        pre, post = ([it for it in side if not ((pp := _PP_OBJECT.search(p.masked, max(lo, it.start - 80), it.start))
                                                and (not pp.group(0).startswith("auf") or (it.source is not None and it.source.kind == "person")))
                      # "forderte Puschilin den russischen Präsidenten Wladimir Putin auf": a person after "den" is the object
                      and not (it.source is not None and it.source.kind == "person" and _ACCUSATIVE.search(p.masked, max(lo, it.start - 80), it.start))]
                     for side, lo in ((pre, cs), (post, verb_end)))
        # ("verwiesen auf den Geheimdienst ihres Landes" cites the body; "verwies auf den Präsidenten Putin" alludes to him)
        if post and post[0].source is None and post[0].text.lower() in _PERSONAL_PRONOUNS and not p.masked[verb_end : post[0].start].strip():
            post = post[:1]  # "Dann beschuldigte er Nordkoreas Machthaber Kim ...": the pronoun right after the verb is its subject
            if post[0].text == "er":
                pre = []  # "Eine Ukraine in den Grenzen von 2014 bezeichnete er als unrealistisch": the phrase before it is an object
        elif (pre and post and post[0].source is not None
              and ((post[0].source.kind == "person" and not post[0].text.endswith("in") and _MASCULINE_SUBJECT.fullmatch(p.masked, verb_end, post[0].start))
                   or (post[0].source.kind == "organisation" and _HEAD_OF_SUBJECT.fullmatch(p.masked, verb_end, post[0].start)))):
            pre, post = post[:1], []  # "Die Ukraine warnte der Machthaber": a masculine "der" right after the verb
            # marks its subject, so the source opening the clause is an object
        pre_words = (p.masked[cs : skip[0]] + " " + p.masked[skip[1] : m.start()]).split()
        while pre_words and pre_words[0].strip("„“\"") in _CONJUNCTIONS:
            pre_words = pre_words[1:]
        adverbial = (not pre_words or pre_words[0] in r.prepositions or pre_words[0] in _CLAUSE_ADVERBS or (pre_words[0] in _OBJECT_OPENERS and pre_words[1:2] != ["Haag"])
                     or bool(_TIME_OPENER.fullmatch(" ".join(pre_words))))
        if adverbial and post and _subject_between(p.masked[verb_end : post[0].start], post[0], r):
            post = []  # "Nun bitten die Separatisten den Kreml um Soldaten", "forderte Gylfadóttir Russland auf": an object
        if (adverbial and pre and (fin := _FINITE_AUX.search(p.masked, cs, m.start())) and fin.end() <= pre[0].start
                and _subject_between(p.masked[fin.end() : pre[0].start], pre[0], r)):
            pre = []  # "Im Februar haben die Separatisten den Kreml um Schutz gebeten"
        head = next((w for w in pre_words[1:4] if w[:1].isupper() or _AGED.match(w)), "") if pre_words[:1] in (["Die"], ["Der"], ["Das"]) else ""
        if (not adverbial and pre and head and all(_attributive(w) for w in pre_words[1 : pre_words.index(head)])  # "Der nationale Sicherheitsberater"
                and not _SPEAKS_FOR.search(head)  # "Die Regierung hat ... in Kiew erklärt": a body, placed after
                and (aux := _FINITE_AUX.search(p.masked, cs, m.start())) and pre[0].start >= aux.end()
                and not any(cs <= it.start < aux.start() for it in p.items)):
            # "Die Vertreter mehrerer Staaten haben ... Russland zu Verhandlungen aufgerufen": a noun phrase without a
            # source opens the clause before its finite auxiliary; it is the subject, the names after it are objects
            pre, post = [], []
        if not pre and post and _COUNTED_SUBJECT.match(p.masked, cs):
            post = []  # "Mindestens 47 Länder verurteilten Nordkorea und Russland": a counted subject, the names after it objects
        if not pre and post and cs > 0 and _ELIDED_SUBJECT.fullmatch(p.masked, cs, m.start()):
            # "warf Putin vor, ... - und drohte Russland mit Sanktionen": the verb shares the subject before it, the
            # names after it are objects
            if out and out[-1][2] in ("speaker", "negated"):
                out.append((out[-1][0], m.group(0), "negated" if negated else "speaker"))
            continue
        if (not adverbial and not pre and post and any(m.start() < it.start and it.end < m.end() for it in post)
                and pre_words not in (["Das"], ["Dies"])):  # "Das gab Scholz bekannt": the demonstrative is the object
            # "Kyrylenko warf Russland vor", "Der Strafgerichtshof wirft Russlands Präsident ... vor": a name inside a
            # separable verb frame is its object when a noun phrase opens the clause
            post = [it for it in post if not (m.start() < it.start and it.end < m.end())]
        if not adverbial and not pre and post and _NP_SUBJECT.fullmatch(" ".join(pre_words)) and all(
                it.source is not None and it.source.kind == "country" for it in post):
            post = []  # "Der Propagandist droht Großbritannien mit ...": a nominative noun phrase opens the clause, the state is the object
        if out and not pre and _AFTER_INFINITIVE.search(p.masked, 0, m.start()):
            # "bestritt, verantwortlich zu sein, und beschuldigte die Ukraine": after an infinitive clause the verb shares
            # the subject of the verb cue before it; the names after it are objects
            continue
        if dative and not pre and not [w for w in _blank_items(p, cs, m.start()).split()
                                       if w.strip("„“\"»«'") not in ("Dem", "dem", "Gegenüber", "gegenüber", "der", "")]:
            adverbial = True  # "Dem „Spiegel“ sagte Gressel": the clause opens with its channel, the subject follows the verb
        if adverbial and pre and pre_words[0] in r.focus_particles and len(pre_words) > 1 and pre_words[1] not in r.prepositions | r.governing:
            adverbial = False  # "Auch die NATO und Austin bestätigten": the particle belongs to the subject after it
        elif (adverbial and not pre and len(pre_words) > 1 and pre_words[0] in r.focus_particles and pre_words[1][:1].isupper()
              and pre_words[1] not in r.prepositions | r.governing):
            adverbial, pre_words = False, pre_words[1:]  # "Auch Litauens Präsident Nauseda warnte": an uncoded subject
        if pre_words and pre_words[0].lstrip("„“\"»«") in _PRONOUN_SUBJECTS and not (pre and pre[0].text.split()[0] == pre_words[0]):  # not "Man in Pjöngjang"
            # "Man habe dem nordkoreanischen Diplomaten mitgeteilt", "Man äußerte sich besorgt über die Berichte": the
            # pronoun is the subject; the names before and after the verb are objects
            pre, post = [], []
        besides = pre if adverbial and pre and pre_words[0] == "Neben" else []  # "Neben Rutte spricht auch das Auswärtige Amt von ..."
        if adverbial and len(pre) > 1:
            pre = _after_opening_cue(p, r, cs, m.start(), pre)
            aux = _FINITE_AUX.search(p.masked, cs, m.start())
            if aux and any(it.start >= aux.end() for it in pre) and any(it.start < aux.start() for it in pre):
                # "Bei einem Treffen mit Blinken hat Kuleba ... gebeten": the names before the finite auxiliary belong to
                # the opening adverbial, the subject follows it
                pre = [it for it in pre if it.start >= aux.end()]
        if not pre and pre_words[:1] in (["der"], ["die"], ["welcher"], ["welche"]) and len(pre_words) <= 2 and p.masked[:cs].rstrip().endswith(","):
            # "... sprang ihm Nato-Generalsekretär Rutte bei, der erklärte, ...": a relative pronoun's verb cites its antecedent
            head = p.masked[:cs].rstrip()[:-1]
            ante = [it for it in items if it.end <= len(head) and _ANTECEDENT_GAP.fullmatch(head, it.end)]
            if ante:
                pre, adverbial = ante[-1:], False
        order = [(post, p.masked[m.end() : ce]), (pre, " ".join(pre_words))] if adverbial else [(pre, " ".join(pre_words)), (post, p.masked[m.end() : ce])]
        if adverbial and pre and post and _OBJECT_BEFORE.search(p.masked, verb_end, post[0].start):
            # "Als Reaktion ... hat die Ukraine ... begonnen und drängt zugleich den Westen": a name after the verb
            # with the article of an object is no subject; the source before the verb is
            order = [(pre, " ".join(pre_words))]
        opening = pre_words[1:] if pre_words and pre_words[0] in r.focus_particles else pre_words
        if (not adverbial and pre and post and opening and opening[0].lower() in _SUBJECT_DETERMINERS
                and _OF_BEFORE.search(p.masked, cs, pre[0].start) and _NOUN_OPENS.match(" ".join(opening))
                and not p.masked[verb_end : post[0].start].strip()):
            # "Die Vorschläge von Macron wies Lawrow zurück": the names in the fronted object's "von" attribute are no
            # subject; the name right after the verb is
            order = [(post, p.masked[m.end() : ce])]
        head_at = 2 if (opening and opening[0].lower() in _QUANTIFIERS and len(opening) > 2 and _attributive(opening[1])) else 1
        if (not pre and opening and (not adverbial or pre_words[0] in r.focus_particles) and opening[0].lower() in _SUBJECT_DETERMINERS | _QUANTIFIERS
                and len(opening) > head_at and opening[head_at].lstrip(_OPENERS)[:1].isupper()
                and not (post and _INVERTED.match(p.masked[verb_end : post[0].start])
                         and not _person_title(opening[head_at].strip(_OPENERS), r))):
            # "Ein Experte erklärt die Pläne von Putin": the subject is the noun phrase before the verb, not a name
            # further on; a name right after the verb is the subject ("Die Entsendung bezeichnete Yoon als ..."),
            # unless a person's title opens the clause ("Der Richter nannte Russland die größte Bedrohung")
            order = [(pre, " ".join(opening))]
        chosen: list[Item] = []
        opener = " ".join(pre_words)
        titled = 2 <= len(pre_words) <= 4 and all(w[:1].isupper() for w in pre_words) and _person_title(pre_words[0], r)
        if (not adverbial and not pre and post and len(pre_words) <= (4 if titled else 3) and opener[:1].isupper() and _name_phrase(opener) == opener
                and (titled or _OBJECT_BEFORE.search(p.masked, m.end(), post[0].start) or _PP_BEFORE.search(p.masked, m.end(), post[0].start)
                     or (post[0].text.endswith("s") and _NOUN_BEFORE.search(p.masked, m.end(), post[0].start)))):
            # "Kim nennt den russischen Staatschef seinen Genossen", "SP-Nationalrat Jon Pult lobte ... die Ukraine": a
            # name missing from the codebook (after a title: any word order) opens the clause; it is the subject, and the
            # source after the verb its object
            order = []
            chosen = [Item(cs, cs, opener, _uncoded(opener, r))]
        elif not adverbial and pre_words and pre_words[0].lower() in _SUBJECT_DETERMINERS:
            # "Der finnische Präsident Alexander Stubb hatte Berichte über ... Nordkoreas ... bezeichnet": the titled
            # person opening the clause is the subject, the sources after it are objects
            name = _name_phrase(p.masked[cs : pre[0].start if pre else m.start()])
            source = _uncoded(name, r) if name else None
            if source is not None and source.source_type != UNCODED and source.source != name:
                order = []
                chosen = [Item(cs, cs, name, source)]
        # "..., zitiert das WSJ Soldaten": a verb right after a comma opens a speaker tag, it is no passive participle
        # (not an auxiliary of a relative clause between subject and verb: "Ein Beamter, der nicht genannt wurde, hatte ... geäußert")
        aux = _PASSIVE.search(p.masked, skip[1] if skip[0] < skip[1] else cs, m.start()) if not p.masked[:m.start()].rstrip().endswith(",") else None
        if aux and m.group(0).startswith("zitiert") and not _BY_AGENT.search(p.masked, cs, m.start()):
            aux = None  # "Rutte wird mit den Worten zitiert, ...": the subject of a quoting passive is the speaker
        late = None if aux else _AUX_AFTER.match(p.masked, m.end())  # "was umgehend von Kiew bestritten wurde"
        if not chosen and (aux or late) and m.group(0).split()[-1].endswith(("t", "en")):
            # "Die Berichte wurden von Seoul bestätigt": the agent speaks, the subject is what was said; no agent, no one.
            # A "von" agent follows the auxiliary ("des Angriffs von Putin ... würden bestätigt" names no agent)
            order = []
            agents = [it for it in p.items if cs <= it.start < m.start() and it.source is not None
                      and (hit := _agent_phrase(p, it))
                      and (hit.group("report") or late or it.start > aux.start() or not p.masked[cs : hit.start()].strip())
                      # "die von der in den USA erscheinenden Plattform ... bezeichnet wird": no second preposition before the agent
                      and not (late and r.governing.intersection(p.masked[hit.start() : it.start].split()[1:]))]
            chosen = _chain(agents, p.masked)
        elif adverbial and not post and _SUBJECT_AFTER.match(p.masked, m.end()):
            # "Bei einem Treffen der NATO berichtete der Leiter der Mission Japans": the subject follows the verb and is
            # no codebook source; the names in the opening adverbial are places and occasions
            order = order[:1]
        elif adverbial and not post and _SUBJECT_AFTER.match(p.masked, verb_end):
            # and inside the verb's frame, before the frame's last word: "erhob die Opposition Vorwürfe"
            order = [(post, p.masked[verb_end : m.end()].rsplit(None, 1)[0])]
        if not chosen and adverbial and not post and _MAN_AFTER.match(p.masked, verb_end):
            # "In Seoul geht man davon aus": "man" after the verb is the state whose capital opens the clause
            place = [it for it in p.items if _is_place(it, r) and _IN_PLACE.fullmatch(p.masked, cs, it.start)]
            if place:
                order, chosen = [], place[:1]
        for side, _ in order:
            chosen = _pick_subject(side, p.masked, r)
            if chosen:
                break
        if not chosen and not pre_words and not post and out and out[-1][2] == "speaker" and p.masked[:cs].rstrip().endswith(","):
            chosen = out[-1][0]  # "Die Nato hat ... nicht bestätigt, warnte jedoch vor ...": the same subject
        elif (not chosen and not p.masked[cs : m.start()].strip() and not post and cs > 1 and p.masked[:cs].rstrip().endswith(",")
              and _NEXT_IS_CONTENT.match(p.masked, ce)):
            # "Am Montag sprang ihm Rutte bei, erklärte, dass ...": a verb sharing the subject of the clause before it
            ps, _ = _clause(p.masked, cs - 2)
            chosen = _pick_subject([it for it in items if ps <= it.start and it.end < cs - 1 and it.source is not None], p.masked, r)[:1]
        if (not chosen and not post and cs > 0 and (all(w[:1].islower() for w in pre_words) or _LIST_TAIL.fullmatch(" ".join(pre_words)))
                and not p.masked[m.end() :].strip(" .!?\"“”")):
            chosen = _bracketed_subject(p, items, cs)
        if not chosen:
            # no name for a sentence-final participle without agent ("Erste Kämpfe in Kursk gemeldet")
            name = _name_phrase(order[0][1]) if order and p.masked[m.end() :].strip(" .!?\"“”") else ""
            if name and (adverbial or len(name.split()) > 1 or len(order) > 1):
                chosen = [Item(m.start(), m.start(), name, _uncoded(name, r))]
        if chosen and besides:
            chosen = chosen + [it for it in _chain(besides, p.masked) if it not in chosen]
        if chosen:
            out.append((chosen, m.group(0), "negated" if negated else "speaker"))
            if not negated:
                out.extend(_gapped(p, r, m, ce, items))
                if m.group(0).startswith("zitiert") and not aux and not late:
                    # "Tass zitierte Lawrow mit den Worten ...": who is quoted speaks too, the medium is the channel
                    quoted = [it for it in items if m.end() <= it.start < ce and it.source is not None and it not in chosen
                              and not r.governing.intersection(p.masked[m.end() : it.start].split()[-1:])]
                    if quoted:
                        out.append((quoted[:1], m.group(0), "speaker"))
    return out


_AUXILIARY = re.compile(r"\s(?:hat|haben|hatte|hatten)\s")
_LIST_TAIL = re.compile(r"(?:[A-ZÄÖÜ][\w-]*\s+)*(?:und|oder|sowie)\s+(?:[a-zäöüß]\w*\s+)?[A-ZÄÖÜ][\w-]*(?:\s+[a-zäöüß]\w*)*")  # "..., Irkutsk und Rjasan bestätigt": the end of a list
_MAN_AFTER = re.compile(r"\s+man\b")
_OF_BEFORE = re.compile(r"\b(?:(?:von|vom)\s+(?:[\w-]+\s+){0,2}|(?:zwischen|mit|über|gegen)\s+(?:[\w-]+\s+){0,5})$")
_NOUN_OPENS = re.compile(r"\S+\s+(?:[a-zäöüß]\w*(?:e|en|er|es|em)\s+)?[A-ZÄÖÜ][a-zäöüß]+\s+(?:von|vom|zwischen|mit|über|gegen)\b")
_IN_PLACE = re.compile(r"\s*[Ii]n\s+(?:der\s+|den\s+)?")


def _bracketed_subject(p: Parsed, items: list[Item], cs: int) -> list[Item]:
    """The subject of a sentence-final participle after an embedded clause: "Russland und Nordkorea haben die
    Vorwürfe, ihre Soldaten kämpften in Kursk, zurückgewiesen" (the sources before the auxiliary opening the sentence)."""
    first_end = _clause(p.masked, 0)[1]
    aux = _AUXILIARY.search(p.masked, 0, first_end)
    if aux is None or first_end >= cs:
        return []
    rest = {w.lower() for w in _blank_items(p, 0, aux.start()).strip(" „“\"»«").split()}
    return [] if rest - _LIST_GLUE - _DETERMINERS else _chain([it for it in items if it.end <= aux.start()], p.masked)


def _after_opening_cue(p: Parsed, r: Rules, cs: int, verb: int, pre: list[Item]) -> list[Item]:
    """The subject candidates of a clause opening with a prepositional cue ("Nach einem Bericht von Yonhap soll der
    Geheimdienst ... bestätigt haben"): the sources after the cue's own source, when there are any."""
    for pattern, cue in r.after:
        if cue.get("channel") or not _may_match(cue["hints"], p.masked[cs:verb]):
            continue
        hit = pattern.search(p.masked, cs, verb)
        if hit is None or p.masked[cs : hit.start()].strip(" „“\"»«"):
            continue
        own = _chain([it for it in pre if it.start >= hit.end()], p.masked)
        rest = [it for it in pre if own and it.start >= own[-1].end]
        return rest or pre
    return pre


_LEAD_DETERMINER = re.compile(r"\s(?:der|die|das)$")


def _gapped(p: Parsed, r: Rules, verb: re.Match, ce: int, items: list[Item]) -> list[tuple[list[Item], str, str]]:
    """Sources of later clauses that leave the verb out: "Austin sprach von ..., Rutte von ..."."""
    used = set(words(p.masked[verb.end() : ce])) & r.gapping
    out = []
    for it in items:
        if it.start < ce or it.source is None:
            continue
        lead = _LEAD_DETERMINER.sub("", p.masked[:it.start].rstrip())  # "..., der Nato-Generalsekretär Rutte von ..."
        nxt = p.masked[it.end :].split()
        if (lead.endswith(",") or lead.endswith(", und") or lead.endswith(";")) and nxt and nxt[0] in used:
            out.append(([it], verb.group(0), "speaker"))
    return out


def _live_cues(table: tuple[tuple[re.Pattern, dict], ...], live: list[int]) -> list[tuple[re.Pattern, dict]]:
    """The cues of one table (after, before, around, unlinked) whose ids are among `live` (sorted), in table order."""
    first = table[0][1]["id"] if table else 0
    return [table[i - first] for i in live if first <= i < first + len(table)]


_NAME_AFTER_SAYING = re.compile(r"\b(?:sagte|sagten|sagt|erklärte|erklärt|betonte|betont|bestätigte|bestätigt|meinte|meint|warnte|"
                                r"warnt|schrieb|schreibt)\s+(?:er|sie|(?:(?:der|die|des)\s+|[A-ZÄÖÜ(][\w'’().-]*\s+){1,6})"
                                r"(?:(?:am|im)\s+[A-ZÄÖÜ]\w+\s+|(?:gestern|heute|zuletzt|bereits|auch|dann|nun|jetzt|erneut)\s+)?$")  # "sagte Weikert am Dienstag der ARD"


def _slot_links(p: Parsed, r: Rules, verb_starts: list[int], live: list[int]) -> list[tuple[list[Item], str, str]]:
    """Sources in the slots of prepositional and other non-verb cues; `live`: the ids of the cues that may match
    (sorted)."""
    out = []
    media_named = any(it.source is not None and it.source.kind == "medium" for it in p.items)
    for pattern, cue in _live_cues(r.after, live):
        if cue.get("channel") and not media_named and not cue.get("unless_after"):
            continue  # a channel cue cites only a medium named in the sentence (`media` below): none is, it finds nothing
        for m in pattern.finditer(p.masked):
            if cue.get("after_verb") and not any(v < m.start() for v in verb_starts):
                continue
            if cue.get("with_verb") and not verb_starts:
                continue
            cs, ce = _clause(p.masked, m.end())
            apposition = _APPOSITION_AFTER.match(p.masked, ce)  # "beruft sich auf den Rundfunk der Ukraine, Suspilne"
            if apposition:
                ce = apposition.end()
            examples = _EXAMPLES_AFTER.match(p.masked, ce)  # "laut mehreren Medien, darunter Yonhap und CNN"
            if examples:
                ce = examples.end()
            listed = _LIST_AFTER.match(p.masked, ce)
            if listed:
                ce = listed.end()
            if cue.get("unless_before") and re.search(cue["unless_before"], p.masked[cs : m.start()]):
                continue
            document = re.match(cue["unless_after"], p.masked[m.end() : ce]) if cue.get("unless_after") else None
            if document:  # "heißt es in einer Notiz": the document speaks (uncoded), not unnamed reports
                noun = document.group(0).split()[-1]
                if noun not in ("darin", "da"):  # "heißt es darin": the document named before, cited in its own sentence
                    out.append(([Item(m.end(), m.end(), noun, _uncoded(noun, r))], cue["label"], "prep"))
                continue
            inside = [
                it for it in p.items
                if it.start < m.end() and it.end > m.start() and it.source is not None and not _topic_state(it, p.items, p.masked, r)
            ]
            slot = [
                it for it in p.items if m.end() <= it.start and it.end <= ce
                # "laut Rachman in Russland": a state further on in the slot is a topic ("nach Angaben aus Kiew" is not)
                and not (_is_place(it, r) and _PLACE_ATTRIBUTE.match(p.masked, it.end))  # "laut der in Wien ansässigen ..."
                and not (_topic_state(it, p.items, p.masked, r) and (
                    (it.source is not None and not _is_place(it, r) and it.source.kind != "vague")  # "nach Berichten über ukrainische Truppen"
                    or (_CAPITAL.search(_blank_items(p, m.end(), it.start)) and not _FROM_PLACE.match(p.masked, m.end(), it.start))))
            ]
            if slot and not cue.get("vague") and (_LOOSE_SLOT.match(p.masked, m.end(), slot[0].start)
                                                  or _NOUN_THEN_VERB.search(p.masked, m.end(), slot[0].start)
                                                  or ((holder := _PLURAL_HOLDER_THEN_PP.match(p.masked, m.end())) and holder.end() <= slot[0].start)
                                                  or (cue.get("genitive") and (not _GENITIVE_START.match(p.masked, m.end())
                                                                               or r.konj1.search(p.masked[m.end() : slot[0].start])
                                                                               or _bare_state(slot[0], p.masked, m.end())))):
                slot = []  # "Nach weiteren Angaben trugen die Truppen Nordkoreas ... bei", "Nach Einschätzung von Beamten gehe es Moskau um": not named
            if cue.get("channel"):
                if not slot and m.group(0) == "der" and _NAME_AFTER_SAYING.search(p.masked, max(0, m.start() - 100), m.start()):
                    # "sagte Bürgermeister Fedoruk der Deutschen Welle": after the subject, "der" is a dative (read as a
                    # genitive, "der Präsident der Deutschen Welle", the medium speaks: the same source)
                    slot = [it for it in p.items if it.start == m.end() + 1 and it.end <= ce]
                if len(slot) > 1 and slot[0].source is None and slot[1].start - slot[0].end <= 1:
                    slot = slot[1:]  # "von der Agentur Ria Nowosti": the noun before the medium's name is its label
                media = [it for it in _chain(slot, p.masked) if it.source is not None and it.source.kind == "medium"
                         ] if slot and slot[0].source is not None and slot[0].source.kind == "medium" and slot[0].start - m.end() <= 70 else []
                media = media or [
                    it for it in inside if it.source.kind == "medium"]  # "im ukrainischen Fernsehen": the cue names the channel
                if media:
                    out.append((media, cue["label"], "channel"))
                continue
            k = next((i for i, it in enumerate(slot) if it.source is None or it.source.kind != "country"), len(slot))
            if (k + 1 < len(slot) and slot[k].source is not None and slot[k].source.kind == "vague" and slot[k + 1].source is not None
                    and slot[k + 1].source.kind in ("organisation", "medium", "person") and (_NAME_GAP.fullmatch(p.masked, slot[k].end, slot[k + 1].start)
                                                                              or (slot[k + 1].source.kind != "person" and slot[k].source.institution != r.by_name["Berichte"].institution
                                                                                  and not p.masked[slot[k].end : slot[k + 1].start].strip()))):
                del slot[k]  # "des in den USA ansässigen Think-Tanks Institute for the Study of War (ISW)": the name in apposition to a vague noun
            if slot and slot[0].source is not None and slot[0].source.kind == "vague" and _HOLDER_AFTER.match(p.masked, slot[0].end):
                # "Laut Berichten von Anwälten", "laut Berichten von Diplomaten": the holder named after the report noun
                holder = _name_phrase(re.sub(r"^\s*(?:von|vom)\s", " ", p.masked[slot[0].end : ce]))
                if len(slot) > 1 and _HOLDER_GAP.fullmatch(p.masked, slot[0].end, slot[1].start):
                    slot = slot[1:]  # "Laut Berichten des Portals „Meduza“": the medium itself
                elif holder and len(slot) == 1:
                    slot = [Item(slot[0].end, slot[0].end, holder, _uncoded(holder, r))]
            if slot:  # "nach Schätzungen aus Seoul": the place named in the slot, not the cue's own vague noun
                inside = [it for it in inside if it.source.kind != "vague"]
            elif inside and all(it.source.kind == "vague" for it in inside) and _HOLDER_AFTER.match(p.masked, m.end()) and _name_phrase(p.masked[m.end() : ce]):
                inside = []  # "Nach Schätzungen des Finanzministeriums": a holder outside the codebook (uncoded), not unnamed reports
            named = [it for it in slot if it.source is None or it.source.kind != "country"]
            if slot and slot[0].source is not None and slot[0].source.kind == "country" and not p.masked[m.end() : slot[0].start].strip():
                named = []  # "nach Angaben Moskaus an der Seite russischer Streitkräfte": the state right after the cue speaks
            if slot and _is_place(slot[0], r) and _FROM_PLACE.match(p.masked, m.end(), slot[0].start):
                named = []  # "Nach Angaben aus Kiew hält die ukrainische Armee ...": Kiew speaks, the army is the subject
            # a state coordinated with a named source counts with it ("unter Berufung auf X und US-Beamte")
            chosen = _chain(inside + (slot[slot.index(named[0]) :] if named else slot), p.masked) if (inside or slot) else []
            how = "speaker" if cue["label"] in ("so", "hieß es") else "prep"
            if not chosen:
                slot_text = p.masked[m.end() : ce]
                prefix = r.report_prefix.match(slot_text) or (cue.get("vague") and _FROM_BODY.match(slot_text))
                if prefix:
                    slot_text = slot_text[prefix.end() :]
                name = _name_phrase(slot_text)
                first = slot_text.split()[0].lower().rstrip(".,;:!?") if slot_text.split() else ""
                # "laut Behördenangaben Tausende Menschen", "nach Polizeiangaben Tausende Menschen": the compound names
                # its holder, the phrase after it is the clause's subject (a bare holder after "nach Angaben" is a genitive)
                if (name and first in _DETERMINERS | {name.split()[0].lower()} and not _INFO_COMPOUND.match(name)
                        and not (cue.get("genitive") and first not in _DETERMINERS and not name.endswith(("s", "'", "’")))):
                    chosen = [Item(m.end(), m.end(), name, _uncoded(name, r))]
                elif cue.get("vague"):
                    chosen = [Item(m.start(), m.end(), m.group(0), r.by_name["Berichte"])]
            if chosen:
                out.append((chosen, cue["label"], how))
    for pattern, cue in _live_cues(r.before, live) if p.items else ():  # these cues cite only sources named in the sentence
        for m in pattern.finditer(p.masked):
            cs, _ = _clause(p.masked, m.start())
            if cs > 0 and not p.masked[cs : m.start()].strip() and (apposed := _APPOSITION_BEFORE.search(p.masked[:cs])):
                cs = _clause(p.masked, max(apposed.start() - 1, 0))[0]  # "Dem Leiter des Zentrums, Andrij Kowalenko, zufolge"
            slot = [it for it in p.items if cs <= it.start and it.end <= m.start() and not _topic_state(it, p.items, p.masked, r)]
            if cue["label"] == "eigenen Angaben":  # "Erdogan will nach seinem Treffen mit Putin nach eigenen Angaben ...": his own
                slot = [it for it in slot if not _PP_BEFORE.search(p.masked, cs, it.start)]
            held = _HELD_INFORMATION.search(p.masked, cs, m.start())
            if held:  # "Die ukrainische Armee hat Angaben aus Kiew zufolge ...": the holder follows the noun, not the subject
                # (and is the holder even where it would read as a topic: "Statistiken des IWF zufolge")
                slot = [it for it in p.items if held.start() <= it.start and it.end <= m.start()]
            if cue["label"] == "zufolge" and m.group(0).startswith(("zufolge", "zu Folge")):
                # "X zufolge": X ends the phrase before it; "Deutschland wird einem Bericht zufolge ...": the report, not the subject
                slot = [it for it in slot if not _NEW_PHRASE.search(p.masked, it.end, m.start())]
            chosen = _chain(slot, p.masked, backward=True)
            if not chosen and not p.masked[cs : m.start()].strip(" „“\"»«"):
                # "Nach eigenen Angaben haben die ukrainischen Streitkräfte ...": the subject after the verb
                ce = _clause(p.masked, m.end())[1]
                after = [it for it in p.items if m.end() <= it.start < ce and it.source is not None]
                if after and len(p.masked[m.end() : after[0].start].split()) <= 3:
                    chosen = _chain(after, p.masked)
            if chosen:
                out.append((chosen, cue["label"], "prep"))
    for pattern, cue in _live_cues(r.around, live) if p.items else ():
        for m in pattern.finditer(p.masked):
            a, b = m.span("src")
            # a mention may begin before the slot when it takes in the cue's noun ("Erkenntnisse Seouls und Kiews")
            slot, places = [], []  # "wie X in Berlin mitteilte", "in Estland, Lettland und Litauen": places, not speakers
            for it in p.items:
                if not (a < it.end <= b and (not cue.get("kinds") or (it.source is not None and it.source.kind in cue["kinds"]))):
                    continue
                if _is_place(it, r) and (_IN_BEFORE.search(p.masked, max(0, it.start - 4), it.start)
                                         or (places and _LIST_GAP.fullmatch(p.masked, places[-1].end, it.start))):
                    places.append(it)
                else:
                    slot.append(it)
            named = [i for i, it in enumerate(slot) if (it.source is None or it.source.kind != "vague") and not _owns_medium(it, slot)]
            chosen = _chain(slot[named[0] if named else 0 :], p.masked)
            if chosen:
                out.append((chosen, cue["label"], "prep"))
    return out


def _resolve(item: Item, history: list[tuple[Source, bool | None]]) -> Source | None:
    """The source a back-reference points to: the latest fitting source in `history` ((source, cited) in text order).
    A body only mentioned ("Das Auswärtige Amt bestellte ... ein") is the one its spokesperson or its role noun speaks
    for ("sagte eine Sprecherin"); a person only mentioned is the one "er" refers to (history holds such a person only
    for the sentence after one that opens with them; "der Präsident" means the last cited one); "Dieser" ("named
    person") means the person the previous sentence named last, else the last cited one; "der Sender" means the
    medium cited or named last; "sie" refers to cited sources only."""
    if item.source is not None:
        return item.source
    target = item.refers_to
    for src, cited in reversed(history):
        if cited is None:  # the person the previous sentence named last: only a demonstrative means them
            if target == "named person":
                return src
            continue
        if target == "named person" and cited and src.kind == "person":
            return src
        if not cited:
            if src.kind == "organisation" and (target == "organisation" or (target.startswith("role:") and target[5:] in src.roles)):
                return src
            if src.kind == "person" and target == "person":
                return src  # "Selenskyj war nach Ramstein gekommen. Er rief ... auf": the person a sentence was about
            if src.kind == "medium" and target == "medium":
                return src  # "Ein Kameramann von Fox News ... teilte der US-Sender mit": the medium the text is about
            continue
        if target == "person" and src.kind == "person":
            return src
        if target == "any" and src.kind not in ("vague", "country"):
            return src
        if target == "medium" and src.kind == "medium":
            return src
        if target == "organisation" and src.kind not in ("vague", "country"):
            # "eine Sprecherin" speaks for the organisation cited last, and for no one when a person was cited since
            return src if src.kind == "organisation" else None
        if target.startswith("role:") and target[5:] in src.roles:
            return src
    return None


_OWNER_KINDS = ("country", "organisation", "person")
_STATE_REFERENCES = ("owner:", "context:", "pair:")  # bodies named without their state, and "beide Seiten" (`_in_context`)


def _country_adjectives_in(text: str, r: Rules) -> list[tuple[int, Source]]:
    """Where and which states `text` names by a country adjective of the cue codebook ("südkoreanische"), in order."""
    found = []
    for adj in set(r.country_adjectives.values()):
        state = r.adjective_states.get(adj)
        if state is not None:
            found += [(m.start(), state) for m in re.finditer(rf"\b[{adj[0].upper()}{adj[0]}]{re.escape(adj[1:])}\w*", text)]
    return sorted(found, key=lambda pair: pair[0])


def _last_country_adjective(text: str, r: Rules) -> tuple[int, Source] | None:
    """Where and which state `text` names last by a country adjective of the cue codebook ("südkoreanische")."""
    found = _country_adjectives_in(text, r)
    return found[-1] if found else None


def _owner(item: Item, items: list[Item], history: list[tuple[Source, bool | None]], r: Rules, masked: str) -> Source | None:
    """The source of a state named last before `item`, in this sentence (a name or a country adjective) or earlier."""
    named = [(it.start, it.source) for it in items if it.source is not None and it.end <= item.start]
    # "Südkoreanische Abgeordnete ... ihres Landes"; not an attacker: "im Kampf gegen die russische Aggression"
    adjective = _last_country_adjective(_ATTACKERS.sub(_blank, masked[: item.start]), r)
    before = [src for _, src in sorted(named + ([adjective] if adjective else []), key=lambda pair: pair[0])]
    return next((s for s in reversed([src for src, _ in history] + before)
                 if s.kind in _OWNER_KINDS and s.country and s.country != "unspecified"
                 and s.source_type != "international organisation"), None)  # "seines Landes": a state's, never NATO's


def _bodies(role: str, country: str, r: Rules) -> list[Source]:
    """The codebook sources of `country` with the role `role` (the bodies a text names without their state)."""
    return [s for s in r.by_name.values() if role in s.roles and s.country == country]


def _owned(item: Item, owner: Source | None, r: Rules) -> Item:
    """A possessive reference ("sein Geheimdienst", "der Geheimdienst ihres Landes"; refers_to "owner:<Rolle>") as the
    source with that role of the country of `owner` (`_owner`: named last before it, in this sentence or earlier);
    unchanged (and then dropped) if none or several fit (the generic entry with `same_as` wins: "ihre Geheimdienste" of
    Ukraine is HUR where HUR is named)."""
    role = item.refers_to.partition(":")[2]
    if owner is None:
        return item
    fits = _bodies(role, owner.country, r)
    generic = [s for s in fits if s.same_as]
    fits = generic or fits
    return Item(item.start, item.end, item.text, fits[0], refers_to=item.refers_to) if len(fits) == 1 else item


def last_place(text: str, r: Rules, *, towns: bool = False) -> str | None:
    """The place `text` names last, as `places` or `country_adjectives` list it ("Bei einem Angriff auf Charkiws ..." -> "Charkiw");
    not a neighbour across a border ("Charkiw nahe der Grenze zu Russland" is set in Charkiw); with `towns`, no state's
    own name ("die Behörden der Stadt" after "Sumy ... Russland" are Sumy's)."""
    found = None
    for m in r.places.finditer(text):
        if not _ACROSS_BORDER.search(text, 0, m.start()) and not (towns and _state_name(m.group(0).removesuffix("s"), r)):
            found = m.group(0)
    return None if found is None else found if found in r.place_states else found[:-1]


_OF_THE_TOWN = re.compile(r"\s+(?:der|dieser)\s+(?:[a-zäöüß]+e[nr]?\s+)?(?:Stadt|Großstadt|Hafenstadt|Hauptstadt|Grenzstadt|Region|Gemeinde)\b")
_IN_BEFORE = re.compile(r"\bin\s+$")  # a place after "in" is where something is said, not who says it
_LIST_GAP = re.compile(r"\s*(?:,\s*|\s(?:und|sowie|oder)\s+)")  # and the places listed after it
_ACROSS_BORDER = re.compile(r"\bGrenzen?\s+(?:zu|zur|zum|nach)\s+$")
_IN_PLACE_AFTER = re.compile(r"\s+in\s+(?:der\s+|dem\s+)?")  # "das Präsidialamt in Minsk"
# "die Polizei in Sri Lanka": a name without article ending the clause or before the finite verb ("Die Behörden in Kuba
# hatten"; not "in der Nacht", "in Kürze zu")
_IN_NAME_AFTER = re.compile(r"\s+in\s+[A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)?(?=\s*(?:[,.;:)]|$)|\s+mit\b|\s+(?:hat|hatte|hatten|haben|ist|sind|war|waren|teilte|teilten|erklärte|erklärten|meldete|meldeten)\b)")


_FROM_ORIGIN = re.compile(r"\baus\s+(?:der\s+|dem\s+|den\s+)?$")  # "Personen aus der Ukraine": where they come from, not where the sentence is set
# "Lastwagen aus Russland": an origin; "gegen die russische Invasion in der Ukraine", "seit Beginn des Krieges gegen die
# Ukraine": the war as a topic; "aufseiten der russischen Aggression", "durch russischen Beschuss": the attacker; none is
# where the sentence is set
_ATTACKER = r"\b[a-zäöüß]+e[nrs]?\s+(?=(?:Aggression|Invasion|Angriffskrieg(?:es|s)?|Beschuss|Angriff(?:e|en|s)?|Vormarsch(?:es)?|Offensive|Truppen|Streitkräfte|Raketen\w*|Drohnen\w*)\b)"
_ORIGINS = re.compile(r"\baus\s+(?:der\s+|dem\s+|den\s+)?[A-ZÄÖÜ][\w-]*|"
                      r"\b(?:Krieg(?:es|s)?|Angriffskrieg(?:es|s)?|Invasion|Einmarsch(?:es)?|Überfall(?:s)?)\s+(?:in|gegen|auf)\s+(?:die\s+|der\s+|den\s+)?[A-ZÄÖÜ][\w-]*|"
                      + _ATTACKER)
_ATTACKERS = re.compile(_ATTACKER)  # after a body: "laut Innenministerium ... durch russischen Beschuss getötet"


def _blank(m: re.Match) -> str:
    """A match replaced by as many spaces (for `re.sub`: the positions after it stay valid)."""
    return " " * len(m.group(0))


def _in_context(item: Item, items: list[Item], history: list[tuple[Source, bool | None]], r: Rules, masked: str, before: Sequence[str]) -> Item:
    """A body named without its state as that body of the state it belongs to. "context:<Rolle>" ("die Behörden",
    "die Luftwaffe") is the state where the sentence is set: the place right after it ("in Minsk"), else named last
    before it here, else the first after it, else the place named last in `before` (the prose sentences before, in
    order), else the state of the source named last; "owner:<Rolle>" ("sein Geheimdienst", "das Präsidialamt") is
    that of the state of the source named last (`_owned`), and only where no source was named or that state has no
    such body, of the place ("teilte das Präsidialamt in Kiew mit"); "pair:" is `_pair`. Of several such bodies,
    the one cited last; unchanged (and then dropped) when that state has none, or several and none of them was cited."""
    if item.refers_to.startswith("pair:"):
        return _pair(item, items, history, r, masked, before)
    after = r.places.search(_ATTACKERS.sub(_blank, masked), item.end)
    after_name = last_place(after.group(0), r) if after is not None else None
    attached = after is not None and _IN_PLACE_AFTER.fullmatch(masked, item.end, after.start())
    if not attached and _IN_NAME_AFTER.match(masked, item.end) and (after is None or after.start() - item.end > 30):
        return item  # "berichtete die Polizei in Sri Lanka": set in a place the codebook does not know, not in the last state named
    owner = _owner(item, items, history, r, masked)
    if item.refers_to.startswith("owner:") and not attached and owner is not None:
        owned = _owned(item, owner, r)
        if owned.source is not item.source or _bodies(item.refers_to.partition(":")[2], owner.country, r):
            return owned
        # the state of the source named last has no such body (the EU has no interior ministry): the place's state
    origin = (after is not None and not attached and _FROM_ORIGIN.search(masked, max(0, after.start() - 12), after.start())
              and not _FROM_ORIGIN.fullmatch(masked[item.end : after.start()].strip() + " "))  # "Behörden aus der Ukraine": theirs
    towns = bool(_OF_THE_TOWN.match(masked, item.end))
    name = ((after_name if attached else None) or last_place(_ORIGINS.sub(_blank, masked[: item.start]), r, towns=towns)
            or (None if origin else after_name)
            or next((found for text in reversed(before) if (found := last_place(_ORIGINS.sub(_blank, text), r, towns=towns))), None))
    state = r.adjective_states.get(r.place_states.get(name or "", ""))
    if state is None:
        return item if item.refers_to.startswith("owner:") else _owned(item, owner, r)
    role = item.refers_to.partition(":")[2]
    # a body of the place itself where the codebook has one ("die Behörden" in Belgorod: its regional government)
    regional = {s.source for bodies in r.place_bodies.values() for s in bodies}
    fits = [s for s in r.place_bodies.get(name or "", ()) if role in s.roles] or [
        s for s in _bodies(role, state.country, r) if s.source not in regional]
    if len({s.institution for s in fits}) > 1:  # several such bodies: the one cited last ("den Ermittlern zufolge")
        fits = next(([s for s in fits if s.institution == src.institution] for src, _ in reversed(history)
                     if any(s.institution == src.institution for s in fits)), fits)
    return Item(item.start, item.end, item.text, fits[0], refers_to=item.refers_to) if len({s.institution for s in fits}) == 1 else item


def _pair(item: Item, items: list[Item], history: list[tuple[Source, bool | None]], r: Rules, masked: str, before: Sequence[str]) -> Item:
    """"Beide Seiten", "die Kriegsparteien" ("pair:"): the two states named last (by name or capital) before it, in this
    sentence, else in the prose sentences before, else among the sources so far, not a venue ("sprachen in Riad");
    unchanged (and then dropped) when fewer than two are found."""
    sides: list[Source] = []

    def add(found: Iterable[Source]) -> None:
        for src in found:
            if len(sides) < 2 and src.kind == "country" and src.country not in {s.country for s in sides}:
                sides.append(src)

    def named(text: str, found: list[Item], end: int) -> list[Source]:
        """States named by name or capital, else by adjective ("von russischen Truppen besetzt"), in text order."""
        by_name = [(it.start, it.source) for it in found if it.source is not None and it.end <= end and not _IN_BEFORE.search(text, 0, it.start)]
        return [src for _, src in sorted(by_name + [a for a in _country_adjectives_in(text[:end], r)
                                                    if not any(it.start <= a[0] < it.end for it in found)], key=lambda pair: pair[0])]

    add(reversed(named(masked, items, item.start)))
    for text in reversed(before):
        add(reversed(named(text, _find_items(text, r), len(text))))
    add(reversed([src for src, _ in history]))
    if len(sides) < 2:
        return item
    return Item(item.start, item.end, item.text, sides[1], refers_to=item.refers_to, more=(sides[0],))


def sentence_links(text: str, role: str, history: list[tuple[Source, bool | None]], r: Rules, *, before: Sequence[str] = ()) -> tuple[list[Link], Parsed]:
    """Every source one sentence cites, with its cue and how it was linked (no cross-sentence carry-over); `before` are
    the (masked) prose sentences just before it, read for a place only where a body is named without its state."""
    p = parse(text, r)
    if any(it.refers_to.startswith(_STATE_REFERENCES) for it in p.items):  # resolved now, or no source at all
        p.items = [o for o in (_in_context(it, p.items, history, r, p.masked, before) if it.refers_to.startswith(_STATE_REFERENCES) else it for it in p.items)
                   if not o.refers_to.startswith(_STATE_REFERENCES) or o.source is not None]
    links: list[Link] = []
    if role == "credit":
        for it in p.items:
            if it.source is not None and it.source.source_type == "news agency":
                links.append(Link(it.source, it.text, "credit line", "credit"))
        return links, p
    # a photo credit ("Foto: Ukrainische Armee (Keystone, AP)") credits the picture, not the information
    for pattern, cue in r.credit if (r.credit_gate is None or r.credit_gate.search(p.masked)) and not is_caption(text) else ():
        credit = pattern.search(p.masked) if _may_match(cue["hints"], p.masked) else None
        if not credit:
            continue
        a, b = credit.span()
        if cue.get("source"):
            src = r.by_name[cue["source"]]
            links.append(Link(src, credit.group(0).strip(), "credit line", "credit"))
        for it in p.items:
            if it.source is not None and it.source.source_type == "news agency" and a <= it.start < b:
                links.append(Link(it.source, it.text, "credit line", "credit"))
        p.items = [it for it in p.items if not a <= it.start < b]
        p.masked = p.masked[:a] + " " * (b - a) + p.masked[b:]
        p.outside = p.outside[:a] + " " * (b - a) + p.outside[b:]
        p.live = None  # what may match in the text with the credit line blanked is looked up again
    if p.live is None:
        p.live = _live(r, p.masked)
    verbs = [m for m in r.verbs.finditer(p.masked, candidates=_ids(p.live, r, "verbs")) if not _no_statement(p.masked, m)]
    found = _verb_links(p, r, verbs)
    live = _ids(p.live, r, "cues")  # the cues that may match, once the credit lines are blanked
    found += _slot_links(p, r, [m.start() for m in verbs], live)
    if any(how == "negated" for _, _, how in found):
        p.silent = [s for chosen, _, how in found if how == "negated" for s in (_resolve(it, history) for it in chosen) if s is not None]
        found = [f for f in found if f[2] != "negated"]
    # (read only for the anonymous sources a cue makes cited)
    any_cue = any(it.source is not None and it.source.kind == "anonymous" for it in p.items) and (
        bool(found) or any(pat.search(p.masked) for pat, cue in _live_cues(r.unlinked, live)))
    for chosen, cue, how in found:
        resolved = [(it, _resolve(it, history)) for it in chosen]
        # a role noun with nobody to refer to ("sagte der Präsident" first in the text) stays visible as uncoded
        resolved = [(it, s if s is not None else _uncoded(_name_phrase(it.text), r)) for it, s in resolved if s is not None or _name_phrase(it.text)]
        resolved += [(it, s) for it in chosen for s in it.more]
        resolved = [(it, _affiliation(it, s, p)) for it, s in resolved]
        if any(s.kind != "vague" for _, s in resolved):
            # "Berichten des X" names X; "US-Experten und Selenskyj" are two sources
            resolved = [(it, s) for it, s in resolved if s.kind != "vague" or it.more or _coordinated(it, chosen, p.masked)]
        for it, s in resolved:
            links.append(Link(s, it.text, cue, how))
    if any(lk.source.kind != "vague" for lk in links):
        # "Laut dem Katastrophenschutzministerium kamen ersten Informationen zufolge alle ums Leben": the provisional
        # state of a named source's information, not unnamed reports of their own
        links = [lk for lk in links if not (lk.source.kind == "vague" and _PROVISIONAL.match(lk.mention))]
    relayed = {lk.source.country for lk in links if lk.cue == "unter Berufung auf"}
    if relayed:  # "Die USA berufen sich auf ihre Geheimdienste": a state relaying its own body is not a second source
        links = [lk for lk in links if not (lk.source.kind == "country" and _RELAYS.match(lk.cue) and lk.source.country in relayed)]
    if any_cue:
        for it in p.items:
            if it.source is not None and it.source.kind == "anonymous":
                links.append(Link(it.source, it.text, "anonymous source", "prep"))
    if not [lk for lk in links if lk.how != "credit"]:
        for pattern, cue in _live_cues(r.unlinked, live):
            m = pattern.search(p.masked)
            if m:
                doc = _DOCUMENT_OF.search(p.masked, 0, m.start()) if cue.get("document_holder") else None
                if doc is None and cue.get("document_holder") and _OWN_DOCUMENT.search(p.masked, 0, m.start()):
                    break  # "In ihrem Expertenbericht ist die Rede von ...": a document of someone named before, no unnamed report
                if doc is None:
                    links.append(Link(r.by_name[cue["source"]], m.group(0), cue["label"], "prep"))
                else:  # "In einer Erklärung des SBU ist von ... die Rede": the body whose document it is, named or not
                    links.extend(Link(it.source, it.text, cue["label"], "prep") for it in _chain(
                        [it for it in p.items if doc.end() <= it.start < m.start() and it.source is not None], p.masked)[:1]
                        if not p.masked[doc.end() : it.start].strip())
                break
    if role in DISPLAY_ROLES and not [lk for lk in links if lk.how != "credit"]:
        links.extend(_headline_speaker(p, r))
    if role in PROSE_ROLES and not links and ":" in p.masked:
        # "Peskow: „Das ist eine Lüge.“" in running text: one named speaker, a colon, a quotation
        c = p.masked.find(":")
        named = [it for it in p.items if it.end <= c and it.source is not None and it.source.kind not in ("vague", "country")]
        if len(named) == 1 and not p.masked[: named[0].start].strip() and not p.masked[named[0].end : c].strip() and p.masked[c + 1 :].lstrip()[:1] in _OPENERS:
            links.append(Link(named[0].source, named[0].text, "colon-introduced statement", "speaker"))
    if role in PROSE_ROLES and p.masked.rstrip().endswith(":") and not links:
        subject = [it for it in p.items if it.source is not None and it.source.kind not in ("vague", "country")]
        if subject:
            links.append(Link(subject[0].source, subject[0].text, "colon-introduced statement", "colon"))
    return links, p


_PROVISIONAL = re.compile(r"(?:[Ee]rste[n]?|[Vv]orläufige[n]?|[Bb]isherige[n]?)\s+(?:Angaben|Informationen)$")
_EARLIER = re.compile(r"\b(?:kürzlich|[Zz]uvor|zuletzt|damals|früher|[Zz]unächst|[Aa]nfangs|[Uu]rsprünglich|vergangene[nr]? (?:Woche|Monat))\b")
# who "hieß es" may name without a name: media, channels, circles, sources and reports in the plural ("in Medienberichten")
_HOLDERLESS_GROUP = re.compile(r"\b(?:\w*[Mm]edien\w*|\w*[Bb]erichten?\b|\w*[Kk]anäle\w*|Telegram\w*|\w*[Nn]etzwerk\w*|\w*[Kk]reisen|Quellen)")
_REPORTATIVE = re.compile(r"\b(?:soll|sollen)\b(?=[^.!?]*\b(?:haben|sein|worden)\s*[.!?]?\s*$)")
_DEMNACH = re.compile(r"\b(?:[Dd]emnach|[Dd]emzufolge)\b")
_TAIL_SOURCE = re.compile(r"\s[-–—|]\s+([^-–—|]{2,60})$")
_HEARSAY = re.compile(r"\b(?:soll|sollen|angeblich)\b")
_CONJOINED = re.compile(r"^\s*,?\s*(?:und|sowie|noch|als\s+auch)\s")
_AGENCY_TAG = re.compile(r"^\s*(?:ROUNDUP(?:\s*\d+)?(?:/[\w-]+)*|KORREKTUR|WDH|ANALYSE|INTERVIEW|EILMELDUNG|Eilmeldung|INDEX-MONITOR|PRESSESTIMME)\s*:")
_HEADLINE_REPORT = re.compile(r"^\s*(?:Medien|Presse)?[Bb]erichte?\s*$")
# words of the speaker quoted inside a display line ("Selenskyj: Ukraine „braucht lebende Helden“"): two or more, not a scare quote
_QUOTED_WORDS = re.compile(r"[„»«\"“‚][^„»«\"“‚”‘]*?\w+\s+\w+[^„»«\"“‚”‘]*?[“”«»\"‘]")
_FIRST_PERSON = re.compile(r"\b(?:[Ww]ir|[Uu]ns(?:er\w*)?|[Ii]ch|[Mm]ein\w*|[Mm]ir|[Mm]ich)\b")  # the speaker's own words after a display colon


_FINITE_AFTER = re.compile(r"\s+(?:(?!(?:und|oder|sowie|als|gegen|vs)\b)[a-zäöüß]+(?:t|en|te|ten)|muss|kann|will|darf|wird)\b")  # "Nordkorea schickt", "Russland muss", not "Kim und die ..."


_OWN_DOCUMENT = re.compile(r"\b[Ii]n\s+(?:seinem|seiner|ihrem|ihrer|dem|diesem|dieser)\s+(?:[\w-]+\s+){0,4}?[\w-]*(?:Schreiben|Erklärung|"
                           r"Mitteilung|Brief|Dokument|Papier|Studie|[Bb]ericht|Stellungnahme|Beschluss|Antrag|Urteil|Resolution|Analyse)\w*\s+$")
_DOCUMENT_OF = re.compile(r"\b[Ii]n\s+(?:einem|einer|dem|der|seinem|seiner|ihrem|ihrer)\s+(?:[\w-]+\s+){0,2}?(?:Schreiben|Erklärung|Mitteilung|"
                          r"Brief|Dokument|Papier|Studie|Bericht|Stellungnahme|Beschluss|Antrag|Urteil|Resolution|Analyse)\w*\s+"
                          r"(?:[\w-]+\s+){0,3}?(?:des|der|von|vom)\s+(?:[a-zäöüß][\w-]*\s+){0,2}")


def _headline_speaker(p: Parsed, r: Rules) -> list[Link]:
    """A display line "Seoul: Truppen in Kursk", "Putin auf Frage zu X: «...»" or "... - südkoreanischer Geheimdienst":
    the source before the colon or after the final dash says it. A topic label ("Nordkorea: Kims Soldaten in Europa?")
    asks a question or reports hearsay; "Bericht:" is unnamed reports."""
    tail = _TAIL_SOURCE.search(p.masked)
    if tail:  # "300 Soldaten getötet - südkoreanischer Geheimdienst": the source signs the headline
        # a medium after the dash is the site's own name in a page title ("... | Merkur"), not a source
        named = [it for it in p.items if it.start >= tail.start(1) and it.source is not None and it.source.kind not in ("vague", "medium")]
        chain = _chain(named, p.masked) if named and not p.masked[tail.start(1) : named[0].start].strip() else []
        if chain and not p.masked[chain[-1].end :].strip(" .!"):
            return [Link(it.source, it.text, "headline source", "speaker") for it in chain]
    masked = _AGENCY_TAG.sub(_blank, p.masked, count=1)  # "ROUNDUP: London: ...": the agency's tag is no label
    c = masked.find(":")
    if c <= 0 or "?" in masked[c + 1 :]:
        return []
    prefix = masked[:c]
    if _HEADLINE_REPORT.match(prefix):
        return [Link(r.by_name["Berichte"], prefix.strip(), "headline colon", "speaker")]
    group = [it for it in p.items if it.end <= c and it.source is not None]
    if len(group) == 1 and group[0].source.kind == "vague" and not (prefix[: group[0].start] + prefix[group[0].end :]).strip() \
            and not group[0].text.startswith("Quelle"):
        return [Link(group[0].source, group[0].text, "headline colon", "speaker")]  # "Experten: Auch Russland besitzt ..."
    named = [it for it in p.items if it.end <= c and it.source is not None and it.source.kind != "vague"]
    if not named or prefix[: named[0].start].strip():
        return []
    chain = _chain(named, masked)
    rest = prefix[chain[-1].end :].strip()
    quoted = masked[c + 1 :].lstrip()[:1] in _OPENERS
    if rest and not (quoted and named[0].source.kind == "person"):
        return []  # "Ukraine-Krieg:", "Nordkoreas Truppen:": a name inside a topic label
    if chain[0].source.kind == "country" and _HEARSAY.search(masked, c):
        return []  # "Ukraine: Soldaten sollen ...": a place label over someone else's claim
    if chain[0].source.kind == "country" and not quoted and any(
            it.start > c and it.source is not None and not masked[c + 1 : it.start].strip()
            and not _FINITE_AFTER.match(masked, it.end) for it in p.items):
        return []  # "Nordkorea: Kim Jong Un und die Trauershow": a place label over a named subject ("Südkorea: Nordkorea schickt ..." a claim)
    if chain[0].source.kind == "country" and not quoted and _topic_line(masked[c + 1 :], r):
        return []  # "Ukraine: Schulstart mitten im Krieg", "Ukraine: Wie Putin die Sprache auslöschen will": a topic, no claim
    subject = next((it for it in p.items if it.start > c and not masked[c + 1 : it.start].strip(" „“\"»«")), None)
    if chain[0].source.kind == "country" and not quoted and subject is not None and subject.source is not None \
            and _state_name(chain[0].text, r) and (
            subject.source.source_type == "international organisation"
            or (subject.source.kind in ("person", "organisation") and subject.source.country == chain[0].source.country)):
        return []  # "Russland: Staatsduma verabschiedet ...", "Ukraine: UN-Kommission entsetzt ...": the state's own organ or a world body acts
        # (not under its capital: "Moskau: Russisches Militär vernichtet ..." is the government speaking)
    if chain[0].source.kind == "person" and not quoted and not _QUOTED_WORDS.search(p.text, c + 1) and not _FIRST_PERSON.search(p.text, c + 1):
        return []  # "Kim Jong Un: Der Diktator und seine Soldaten" is a portrait; "Putin: «...»", "Putin: Das Ziel unserer Gegner ..." a quotation
    if not quoted and len(chain) > 1:
        return []  # "Russland und Nordkorea: Eine fragwürdige Allianz" labels a topic; two states rarely speak one line
    return [Link(it.source, it.text, "headline colon", "speaker") for it in chain]


def _coordinated(it: Item, chosen: list[Item], masked: str) -> bool:
    """Whether `it` is joined to a neighbour in `chosen` by a conjunction ("X und Y", "sowohl X als auch Y")."""
    return any(_CONJOINED.match(masked[a.end : b.start]) for a, b in zip(chosen, chosen[1:]) if it in (a, b))


def _speech_type(link: Link, p: Parsed) -> str:
    if link.how == "credit":
        return "credit line"
    if link.how in ("channel",):
        return "attribution"
    if link.how == "speaker" and (p.long_quote or p.short_quote):
        return "direct quote"
    if link.how in ("prep", "anonymous") and p.long_quote:
        return "direct quote"
    if p.konj1:
        return "indirect speech"
    return "attribution"


# --------------------------------------------------------------------------- one article


def _article_rows(group: list[tuple], r: Rules) -> list[dict]:
    """The attribution rows of one article's sentences, (article_id, sentence_id, paragraph_id, role, text) in order."""
    rows: list[dict] = []
    history: list[tuple[Source, bool | None]] = []  # sources cited (True), only mentioned (False) or named last (None), in text order
    prev: dict | None = None  # state of the previous sentence: speakers, carried, paragraph, prose
    colon: tuple[Source, str, int] | None = None  # speaker, mention, paragraph of the colon sentence
    recent: tuple[list[tuple[Source, str]], int] | None = None  # the last named speakers and their paragraph
    named_bodies: set[str] = set()  # institutions the article names anywhere
    named_sources: set[str] = set()  # and the codebook sources (a person in one role: "Ministerpräsident Rutte")
    known: dict[str, Source] = {}  # surname -> a person named in full before (a codebook person, or the body of one missing from it)
    namesake: Source | None = None  # a Korean official named Kim ("Kim Yung-ho"), who a later bare "Kim" is
    serve_next: list[int] = []  # positions in `history` of the persons the previous sentence opened with (citing nobody) and named last
    settings: list[str] = []  # the masked text of each prose sentence, in order (where a later one is set: `_in_context`)
    for article_id, sentence_id, paragraph_id, role, text in group:
        text, role = str(text), str(role)
        links, p = sentence_links(text, role, history, r, before=settings[-3:])
        if role in PROSE_ROLES:
            settings.append(p.masked)
        for at in sorted(serve_next, reverse=True):  # the previous sentence's subject and last name serve its successor only
            del history[at]
        serve_next = []
        mentioned = []  # organisations and media named here, for the back-references of later sentences ("teilte der Sender mit")
        for it in p.items:
            for src in (it.source, *it.more) if it.source is not None else ():
                if not src.same_as:
                    named_bodies.add(src.institution)
                    named_sources.add(src.source)
                if src.kind in ("organisation", "medium"):
                    mentioned.append((src, False))
        if known and any(lk.source.institution == UNCODED for lk in links):
            # "Kowalenko sagte" after "Andrij Kowalenko, Sprecher des Generalstabs": the body introduced with the name
            links = [Link(known.get(lk.source.source.split()[-1], lk.source), lk.mention, lk.cue, lk.how) if lk.source.institution == UNCODED
                     else lk for lk in links]
        if any(lk.source.kind == "person" and " " not in lk.mention.strip() for lk in links):
            links = [_same_name(lk, history) for lk in links]
        if "Kim " in text and (other := _KOREAN_NAMESAKE.search(p.masked)):
            # "Vereinigungsminister Kim Yung-ho": a later bare "Kim" is this official (or his body), not the leader
            body = [it.source for it in p.items if it.source is not None and it.end <= other.start() <= it.end + 2]
            namesake = body[0] if body else _uncoded("Kim", r)
        if namesake is not None and any(lk.source.kind == "person" and "Kim" in lk.mention.split() and lk.mention.strip() != "Kim"
                                        for lk in links):
            namesake = None  # the codebook's Kim cited by full name or title ("Machthaber Kim"): a bare "Kim" is him again
        if namesake is not None:  # the codebook person a bare "Kim" names (Kim Jong Un) is not looked up by name here
            links = [Link(namesake, lk.mention, lk.cue, lk.how) if lk.source.kind == "person" and lk.mention.strip() == "Kim"
                     else lk for lk in links]
        for it in p.items:  # and "Popow kritisierte" after "Generalmajor Iwan Popow": a codebook person by surname
            if it.source is not None and it.source.kind == "person":
                known[it.source.source.split(" (")[0].split()[-1]] = it.source
        near = recent[0] if recent and role in PROSE_ROLES and paragraph_id - recent[1] <= 1 else []
        if any(lk.source.kind != "vague" for lk in links):
            # "US-Geheimdienstler gingen davon aus, ..., hieß es weiter": the sentence names who says it
            links = [lk for lk in links if not _unnamed_saying(lk)]
        if links and all(map(_unnamed_saying, links)):
            # "..., hieß es" right after (or a paragraph after) a cited source continues it, not unnamed reports
            speakers = prev["speakers"] if prev and prev["prose"] and prev["speakers"] and role in PROSE_ROLES else near
            if _EARLIER.search(p.outside):
                pass  # "Erst kürzlich hieß es", "Zunächst hieß es": other, earlier reports, unnamed
            elif speakers:
                links = [Link(src, mention, "hieß es", "speaker") for src, mention in speakers]
            elif role in PROSE_ROLES and not _HOLDERLESS_GROUP.search(p.outside):
                links = []  # a bare "hieß es" away from a source sums up or goes on with one the article names: not unnamed reports
        elif not links and near and _DEMNACH.search(p.outside):
            # "Demnach wurde ...": the source cited just before says so
            links = [Link(src, mention, "demnach", "speaker") for src, mention in near]
        per_source: dict[str, tuple[Link, str]] = {}
        carried = False
        if not links and role in PROSE_ROLES:
            if colon is not None and paragraph_id == colon[2] + 1:
                links = [Link(colon[0], colon[1], "colon-introduced statement", "colon")]
                kind = "direct quote"
            elif prev and prev["prose"] and prev["speakers"]:
                kind = None
                if p.full_quote:
                    kind = "direct quote"
                elif p.konj1:
                    kind = "indirect speech"
                elif (p.konj2 and prev["carried"] or _REPORTATIVE.search(p.outside)) and prev["paragraph"] == paragraph_id:
                    # "Diese sollen ... transportiert worden sein": hearsay "sollen" goes on with the source before
                    kind = "indirect speech"
                if kind:
                    links = [Link(src, mention, "carried over", "carried") for src, mention in prev["speakers"]]
            else:
                kind = None
            if links:
                carried = True
                for lk in links:
                    per_source.setdefault(lk.source.institution, (lk, kind))
        else:
            for lk in links:
                lk = _state_official(lk, p, r)
                st = _speech_type(lk, p)
                key = lk.source.institution if lk.source.institution != UNCODED else f"{UNCODED}:{lk.source.source}"
                old = per_source.get(key)
                if old is None:
                    per_source[key] = (lk, st)
                else:
                    better = lk if _KIND_RANK[lk.source.kind] > _KIND_RANK[old[0].source.kind] else old[0]
                    per_source[key] = (better, st if _PRECEDENCE[st] > _PRECEDENCE[old[1]] else old[1])
        if colon is not None and paragraph_id > colon[2] + 1:
            colon = None
        for lk in links:
            if lk.how == "colon" and not carried:
                colon = (lk.source, lk.mention, paragraph_id)
        if role in PROSE_ROLES:
            history.extend(mentioned)
            history.extend((src, True) for src in p.silent)
            person = _subject_person(p) if not per_source else None
            if person is not None:
                serve_next.append(len(history))
                history.append((person, False))
            last = next((it.source for it in reversed(p.items) if it.source is not None and it.source.kind == "person"), None)
            if last is not None:
                serve_next.append(len(history))
                history.append((last, None))
        if p.long_quote and role in PROSE_ROLES:
            named_here = any(o.source.kind != "vague" for o, _ in per_source.values())
            for lk, st in _quoted_links(text, r):
                if not (named_here and lk.source.kind == "vague" and _PROVISIONAL.match(lk.mention)):  # as in `sentence_links`
                    per_source.setdefault(lk.source.institution, (lk, st))
        for lk, st in per_source.values():
            rows.append(
                {
                    "article_id": article_id, "sentence_id": int(sentence_id), "paragraph_id": int(paragraph_id),
                    "role": role, "sentence": text, "source": lk.source.source, "institution": lk.source.institution,
                    "source_type": lk.source.source_type, "country": lk.source.country, "mention": lk.mention,
                    "cue": lk.cue, "speech_type": st,
                }
            )
            if lk.how not in ("channel", "credit"):
                history.append((lk.source, True))
        speakers = [(lk.source, lk.mention) for lk, st in per_source.values() if lk.how not in ("channel", "credit")]
        named = [(src, mention) for src, mention in speakers if src.kind != "vague"]
        if named and role in PROSE_ROLES:
            recent = (named, paragraph_id)
        prev = {"speakers": speakers, "carried": carried and any(st == "indirect speech" for _, st in per_source.values()),
                "paragraph": paragraph_id, "prose": role in PROSE_ROLES}
    return _headline_state_label(_named_specific(_singular_report(_headline_report(rows, r), r), named_bodies, named_sources, r), r)


_QUESTION_WORDS = frozenset({"wie", "was", "warum", "wer", "wo", "wann", "welche", "welcher", "welches", "wieso", "weshalb", "wohin", "woher"})
# besides the governing prepositions (attribution_cues.yaml `governing`) and the determiners: words of a verbless line
_LINE_FUNCTION_WORDS = frozenset({"und", "oder", "sowie", "als", "mehr", "weniger", "rund", "etwa", "fast", "knapp", "mitten", "bis",
                                  "seit", "trotz", "während", "nahe", "pro"})


def _topic_line(rest: str, r: Rules) -> bool:
    """Whether the words after a state's headline colon label a topic: a question word first, or no verb at all (only
    nouns, names, numbers, adjectives and function words: "Mehr als 100.000 Teilnehmer bei Demonstration in Berlin")."""
    toks = [t.strip("„“\"»«'.,;!?()") for t in rest.split()]
    toks = [t for t in toks if t]
    if toks and toks[0].lower() in _QUESTION_WORDS:
        return True
    lower = [t for t in toks if t[:1].islower() and t.isalpha()]
    function = _DETERMINERS | _LINE_FUNCTION_WORDS | r.governing
    return bool(toks) and all(t in function or t.endswith(("e", "er", "es", "em")) for t in lower)


# what a vague headline label ("Bericht:", "Experten:") stands for: the first codebook source of these kinds or types
# the article's prose cites
_HEADLINE_GROUPS = {"unnamed reports": ("medium",), "unnamed experts": ("think tank/research", "independent expert")}


def _headline_report(rows: list[dict], r: Rules) -> list[dict]:
    """A "Bericht:" headline speaks for the first medium the article's prose cites, an "Experten:" headline for the
    first think tank or expert, as coders read it; it stays unnamed only when the prose cites none."""
    for group, fits in _HEADLINE_GROUPS.items():
        if not any(row["cue"] == "headline colon" and row["institution"] == group for row in rows):
            continue
        first = next(iter(_prose_sources(rows, r, fits)), None)
        if first is not None:
            rows = [{**row, **{k: first[k] for k in _SOURCE_FIELDS}} if row["cue"] == "headline colon" and row["institution"] == group else row
                    for row in rows]
    return rows


_SOURCE_FIELDS = ("source", "institution", "source_type", "country")  # what a row takes over from the source it is re-labelled as


def _prose_sources(rows: list[dict], r: Rules, fits: tuple[str, ...]) -> list[dict]:
    """The rows citing, in the article's prose, a codebook source whose kind or type is in `fits` ("medium",
    "think tank/research", ...), credit lines left out."""
    return [row for row in rows if row["role"] in PROSE_ROLES and row["speech_type"] != "credit line"
            and (src := r.by_name.get(row["source"])) is not None and (src.kind in fits or src.source_type in fits)]


def _singular_report(rows: list[dict], r: Rules) -> list[dict]:
    """"Einem Medienbericht zufolge ..." followed within three sentences by the medium that reported it ("..., berichtete
    die „Financial Times“") is that medium's report, as coders read it: the unnamed-reports row takes the medium."""
    if not any(row["institution"] == "unnamed reports" and _ONE_REPORT.fullmatch(row["mention"]) for row in rows):
        return rows
    media = _prose_sources(rows, r, ("medium",))
    out = []
    for row in rows:
        if row["institution"] == "unnamed reports" and _ONE_REPORT.fullmatch(row["mention"]):
            medium = next((m for m in media if 0 <= m["sentence_id"] - row["sentence_id"] <= 3), None)
            row = {**row, **{k: medium[k] for k in _SOURCE_FIELDS}} if medium is not None else row
        out.append(row)
    return out


_ONE_REPORT = re.compile(r"(?:[A-ZÄÖÜ]{2,4}-)?(?:Medien|Zeitungs|Presse)bericht")  # singular: one report by one medium


# "Der ukrainische Präsident", "Auch Kremlchef": an article, adjectives and one title before the name
_TITLE_OPENING = re.compile(r"\s*(?:(?:Der|Die|Auch)\s+)?(?:[a-zäöüß][\w-]*e[nrs]?\s+){0,2}(?:[A-ZÄÖÜ][\w-]*\s+)?")


def _subject_person(p: Parsed) -> Source | None:
    """The person a sentence opens with (its subject, after at most a title), whom "er" in the next sentence means:
    "Selenskyj war nach Ramstein gekommen. Er rief ... auf"."""
    first = next((it for it in p.items if it.source is not None), None)
    if first is None or first.source.kind != "person" or not _TITLE_OPENING.fullmatch(p.masked[: first.start]):
        return None
    return first.source


_AFFILIATION = re.compile(r",?\s+(?:von der|vom|von|bei der|beim)\s+$")


def _affiliation(item: Item, source: Source, p: Parsed) -> Source:
    """A person missing from the codebook speaks for the codebook body named right after them ("Der Militärexperte
    Christian Mölling von der DGAP sagte"): the body."""
    if source.institution != UNCODED:
        return source
    at = p.masked.find(item.text, item.start)  # a name found by its title may be an item of no width
    end = at + len(item.text) if at >= 0 else item.end
    body = next((it.source for it in p.items if it.start > end and it.source is not None
                 and it.source.kind in ("organisation", "medium") and _AFFILIATION.fullmatch(p.masked, end, it.start)), None)
    return source if body is None else body


_SAYING = re.compile(r"(?:sag|erklär|bericht|schrieb|schreib|meld|teilt|mitteil)")  # plain verbs of saying and reporting


def _quoted_links(text: str, r: Rules) -> list[tuple[Link, str]]:
    """Sources named inside a quotation as the origin of what it says ("„…, sagten südkoreanische Beamte“",
    "„Berichten zufolge …“"): the outlet passes them on too. Only names count; a back-reference inside the
    quotation ("der Präsident") has nobody it could safely refer to."""
    out: list[tuple[Link, str]] = []
    spans = quote_spans(text)
    if not spans:  # a quotation that goes on in the next sentence: from its opening mark to the end
        opener = _unclosed_opener(text)
        spans = [(opener, len(text) + 1)] if opener >= 0 else []
    for a, b in spans:
        inner = text[a + 1 : b - 1]
        if len(inner.split()) < 3 or _is_title(inner):
            continue
        links, p = sentence_links(inner, "body", [], r)
        for lk in links:
            st = _speech_type(lk, p)
            # a verb inside a quotation often has an object or a condition for its subject ("Sollten sich diese
            # Berichte bestätigen"); only prepositional sources, reported speech and plain verbs of saying are safe
            if lk.source.institution != UNCODED and (lk.how in ("prep", "anonymous") or st != "attribution" or _SAYING.match(lk.cue)):
                out.append((Link(lk.source, lk.mention, f"{lk.cue} (in a quotation)", lk.how), st))
    return out


def _unnamed_saying(lk: Link) -> bool:
    """A bare "hieß es" / "es heißt" with nobody named: unnamed reports unless the context names the speaker."""
    return lk.cue in ("hieß es", "es heißt") and lk.source.kind == "vague"


_KOREAN_NAMESAKE = re.compile(r"\bKim\s+(?!Jong[- ]?[Uu]n\b|Jong-?Un\b|Yo[- ]?[Jj]ong\b)[A-Z][a-z]+(?:-[a-z]+|\s+[A-Z][a-z]+)")


def _same_name(lk: Link, history: list[tuple[Source, bool | None]]) -> Link:
    """A bare name ("erläuterte Kim") is the person of that name cited last ("Verteidigungsminister Kim Yong-hyun"),
    not another codebook person who shares it (Kim Jong Un)."""
    if lk.source.kind != "person" or " " in lk.mention.strip():
        return lk
    name = lk.mention.strip()
    for src, cited in reversed(history):
        if cited and src.kind == "person" and name in (src.source.split()[0], src.source.split()[-1]):
            return lk if src == lk.source else Link(src, lk.mention, lk.cue, lk.how)
    return lk


def _state_name(word: str, r: Rules) -> bool:
    """Whether `word` is a state's own name ("Russland"), not its capital or a city (`country_adjectives` lists each
    state's own name first)."""
    adjective = r.country_adjectives.get(word)
    return adjective is not None and next(name for name, adj in r.country_adjectives.items() if adj == adjective) == word


_STATE_VOICES = frozenset({"government/official", "intelligence service", "military", "news agency"})  # who may speak for a state


def _headline_state_label(rows: list[dict], r: Rules) -> list[dict]:
    """A state's bare name before a headline colon ("Russland: Fronteinsatz statt Freiheitsstrafe") labels the topic
    when the article cites no official body, service, military or agency of that state anywhere else: no row then
    ("Südkorea: Nordkorea schickt Soldaten" over a text citing the NIS stays South Korea speaking); its capital
    ("Moskau: ...") stays the government speaking, as agencies write it."""
    def label(row: dict) -> bool:
        source = r.by_name.get(row["source"])
        return row["cue"] == "headline colon" and source is not None and source.kind == "country" and _state_name(row["mention"], r)
    if not any(label(row) for row in rows):
        return rows
    cited = {row["country"] for row in rows if not label(row) and row["source_type"] in _STATE_VOICES}
    return [row for row in rows if not label(row) or row["country"] in cited]


def _named_specific(rows: list[dict], named_bodies: set[str], named_sources: set[str], r: Rules) -> list[dict]:
    """Rows citing a generic name ("der ukrainische Geheimdienst") re-labelled as the first body of its codebook
    `same_as` that the article names anywhere (HUR, else SBU; a person's role, "Ministerpräsident Rutte", only where the
    article names him in it), one row per sentence and institution."""
    out, seen = [], set()
    for row in rows:
        generic = r.by_name.get(row["source"])
        named = [r.by_name[name] for name in generic.same_as if name in r.by_name] if generic is not None else []
        # a person in one of his roles only where the article names that role; a body wherever it names the body
        specific = next((body for body in named if (body.source in named_sources if body.kind == "person" else body.institution in named_bodies)), None)
        if specific is not None:
            row = {**row, "source": specific.source, "institution": specific.institution, "source_type": specific.source_type,
                   "country": specific.country}
        key = (row["sentence_id"], row["institution"] if row["institution"] != UNCODED else f"{UNCODED}:{row['source']}")
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def textstat_attributions(
    sentences: pd.DataFrame,
    *,
    sources: str = "sources.yaml",
    cues: str = "attribution_cues.yaml",
    codebooks_dir: Path | None = None,
) -> pd.DataFrame:
    """One row per (sentence, cited source): who the outlet relies on, with cue and speech type."""
    return frame(attribution_columns(sentences, sources=sources, cues=cues, codebooks_dir=codebooks_dir)["attributions"])


def attribution_columns(
    sentences: pd.DataFrame,
    *,
    sources: str = "sources.yaml",
    cues: str = "attribution_cues.yaml",
    codebooks_dir: Path | None = None,
) -> dict[str, dict[str, list]]:
    """`textstat_attributions` as column lists ({"attributions": {column: values}}), built without pandas."""
    r = rules(sources=sources, cues=cues, codebooks_dir=codebooks_dir)
    records = sorted(zip(*sentence_columns(sentences, ("article_id", "sentence_id", "paragraph_id", "role", "text"))),
                     key=lambda rec: (rec[0], rec[1]))
    rows: list[dict] = []
    start = 0
    for end in range(1, len(records) + 1):
        if end == len(records) or records[end][0] != records[start][0]:
            rows.extend(_article_rows(records[start:end], r))
            start = end
    return {"attributions": columns_of(rows, COLUMNS)}


textstat_attributions.columns = attribution_columns  # the pipeline's way to skip building DataFrames per article


# --------------------------------------------------------------------------- sources missing from the codebook

UNCODED_COLUMNS = ["source", "source_type", "mentions", "articles", "example", "yaml_stub"]
_ORGANISATION_WORDS = re.compile(
    r"(?:ium|amt|rat|dienst|agentur|institut|zentrum|zeitung|sender|büro|behörde|regierung|verwaltung|kommando|"
    r"universität|stiftung|kommission|partei|rundfunk|fernsehen|magazin|portal|projekt)\w*$|^[A-Z0-9.&-]{2,}$",
    re.IGNORECASE,
)


def _yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _yaml_stub(source: str, source_type: str) -> str:
    """A sources.yaml entry to paste and edit (institution and country are guesses a researcher must check)."""
    toks = source.split()
    person = source_type != UNCODED or (
        1 <= len(toks) <= 3 and all(t[:1].isupper() and t.replace("-", "").isalpha() for t in toks)
        and not any(_ORGANISATION_WORDS.search(t) for t in toks)
    )
    def escape(text: str) -> str:
        return re.escape(text).replace("\\ ", " ").replace("\\-", "-")

    alias = "(?:" + escape(" ".join(toks[:-1])) + " )?" + escape(toks[-1]) if person and len(toks) > 1 else escape(source)
    return "\n".join([
        f"- source: {source}",
        f"  aliases: [{_yaml_quote(alias)}]",
        f"  institution: {source}  # edit: the institution it rolls up to (an existing label, or a new one)",
        f"  source_type: {source_type if source_type != UNCODED else 'independent expert'}  # check",
        "  country: unspecified  # edit",
        f"  kind: {'person' if person else 'organisation'}",
    ])


def uncoded_sources(attributions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Cited sources missing from the codebook (institution "uncoded"), most frequent first: how many sentences
    cite them (`mentions`) in how many articles, the first sentence citing them (`example`), and a ready-to-paste
    `yaml_stub` for sources.yaml (its institution, type and country are guesses to check)."""
    a = attributions[attributions["institution"] == UNCODED]
    if a.empty:
        return pd.DataFrame(columns=UNCODED_COLUMNS)
    text = sentences.set_index(["article_id", "sentence_id"])["text"]
    a = a.sort_values(["article_id", "sentence_id"])
    first = a.drop_duplicates("source").set_index("source")
    out = a.groupby("source").agg(mentions=("sentence_id", "size"), articles=("article_id", "nunique")).reset_index()
    out["source_type"] = out["source"].map(a.groupby("source")["source_type"].agg(lambda t: t.mode().iloc[0]))
    out["example"] = [
        text.get((first.at[src, "article_id"], first.at[src, "sentence_id"]), first.at[src, "sentence"]) for src in out["source"]
    ]
    out["yaml_stub"] = [_yaml_stub(src, st) for src, st in zip(out["source"], out["source_type"])]
    out = out.sort_values(["articles", "mentions", "source"], ascending=[False, False, True], kind="stable")
    return out[UNCODED_COLUMNS].reset_index(drop=True)


# --------------------------------------------------------------------------- per-unit tables behind the figures
# A unit is what the notebook compares: the outlet (column `outlet_label`) or any catalog column (`by`).


def _group_map(groups: list[dict]) -> dict[str, str]:
    return {country: entry["group"] for entry in groups for country in entry["countries"]}


def country_group_order(*, codebooks_dir: Path | None = None) -> list[str]:
    """Country groups ("whose side speaks": the parties, the West, the rest) in figure order (country_groups.yaml)."""
    return [entry["group"] for entry in codebook.load("country_groups.yaml", codebooks_dir=codebooks_dir)]


def country_group(countries: pd.Series, *, codebooks_dir: Path | None = None) -> pd.Series:
    """The bloc each source country rolls up to (codebook country_groups.yaml); unlisted countries are 'other'."""
    mapping = codebook.compiled("country_groups.yaml", _group_map, codebooks_dir=codebooks_dir)
    return countries.map(mapping).fillna("other")


def source_type_order(*, codebooks_dir: Path | None = None) -> list[str]:
    """Source types in figure order: as they first appear in sources.yaml, 'unspecified' and 'uncoded' last."""
    listed = dict.fromkeys(e["source_type"] for e in codebook.load("sources.yaml", codebooks_dir=codebooks_dir))
    return [t for t in listed if t not in ("unspecified", UNCODED)] + ["unspecified", UNCODED]


def _without_credit_lines(attributions: pd.DataFrame) -> pd.DataFrame:
    return attributions[attributions["speech_type"] != "credit line"]


_OUTLET = re.compile(r"^(?P<name>[^(]*?)\s*(?:\((?P<inner>[^)]*)\))?\s*$")


def _outlet_names(outlet: str, r: Rules) -> list[str]:
    """The names under which a catalog outlet ("Ukrinform (ukrinform.de)", "tagesschau.de (ARD)") may cite itself:
    its name, its address and its broadcaster in brackets, not the agency that supplied the copy ("t-online (AFP)")."""
    m = _OUTLET.match(outlet)
    names = [m.group("name")] if m and m.group("name") else [outlet]
    for part in re.split(r"[;,]", (m.group("inner") or "") if m else ""):
        part = part.strip()
        agency = any(a.source.source_type == "news agency" and any(True for _ in _finditer(*a.compiled(), part))
                     for a in r.aliases if a.source is not None and a.source.kind == "medium")
        if part and not agency:
            names.append(part)
    return [n for n in names if n.strip()]


def self_citations(attributions: pd.DataFrame, articles: pd.DataFrame, *, codebooks_dir: Path | None = None) -> pd.Series:
    """Whether each attribution cites its article's own outlet (catalog column `outlet`): a Ukrinform text's "berichtet
    ein Ukrinform-Korrespondent", a tagesschau.de (ARD) text's "ARD-Recherchen". The tables keep such rows (an outlet
    naming its own reporting is visible as such); the out-of-sample scoring leaves them out, as the coders leave out
    self-references. Credit lines (the supplying agency) never count as self-citations."""
    flags = pd.Series(False, index=attributions.index)
    if attributions.empty or "outlet" not in articles.columns:
        return flags
    r = rules(codebooks_dir=codebooks_dir)
    outlets = dict(zip(articles["article_id"], articles["outlet"]))
    media: dict[str, list[Alias]] = {}
    for a in r.aliases:
        if a.source is not None and a.source.kind == "medium":
            media.setdefault(a.source.institution, []).append(a)
    cache: dict[tuple[str, str], bool] = {}
    for idx, aid, inst, speech in zip(attributions.index, attributions["article_id"], attributions["institution"], attributions["speech_type"]):
        outlet = outlets.get(aid)
        if speech == "credit line" or inst not in media or not isinstance(outlet, str) or not outlet.strip():
            continue
        if (inst, outlet) not in cache:
            names = _outlet_names(outlet, r)
            cache[inst, outlet] = any(True for a in media[inst] for n in names for _ in _finditer(*a.compiled(), n))
        flags[idx] = cache[inst, outlet]
    return flags


def reliance(
    attributions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    of: str = "institution",
    by: str = "outlet_label",
    credit_lines: bool = False,
    codebooks_dir: Path | None = None,
) -> pd.DataFrame:
    """Per unit (`by`: the outlet, or any articles column) and institution (`of`: or source_type, country,
    country_group, speech_type): citations `n` and their `share` of the unit's citations.

    A citation is one (sentence, institution) row; credit lines are left out unless asked for.
    """
    a = with_outlet(attributions if credit_lines else _without_credit_lines(attributions), articles, by=by)
    if of == "country_group":
        a = a.assign(country_group=country_group(a["country"], codebooks_dir=codebooks_dir))
    counts = a.groupby([by, of]).size().rename("n").reset_index()
    counts["share"] = counts["n"] / counts.groupby(by)["n"].transform("sum")
    return counts.sort_values([by, "n", of], ascending=[True, False, True]).reset_index(drop=True)


def reliance_matrix(
    rel: pd.DataFrame, *, of: str = "institution", by: str = "outlet_label", values: str = "n", units: list[str] | None = None
) -> pd.DataFrame:
    """A `reliance` table as a wide table: one row per `of` value (most cited over all units first, ties by name),
    one column per unit (in `units` order when given; a unit citing nothing gets zeros)."""
    wide = rel.pivot(index=of, columns=by, values=values)
    if units is not None:
        wide = wide.reindex(columns=list(units))
    wide = wide.fillna(0)
    totals = rel.groupby(of)["n"].sum().reindex(wide.index)
    order = sorted(wide.index, key=lambda k: (-totals[k], str(k)))
    wide = wide.loc[order]
    wide.columns.name = by
    return wide.astype(int) if values == "n" else wide


def attributed_share(sentences: pd.DataFrame, attributions: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Per unit: prose sentences (lead/body) with any attribution (credit lines aside) vs unattributed."""
    prose = select_roles(sentences, PROSE_ROLES)[["article_id", "sentence_id"]]
    cited = _without_credit_lines(attributions)[["article_id", "sentence_id"]].drop_duplicates().assign(attributed=True)
    m = prose.merge(cited, on=["article_id", "sentence_id"], how="left")
    m["attributed"] = m["attributed"].fillna(False).astype(bool)
    m = with_outlet(m, articles, by=by)
    out = m.groupby(by).agg(sentences=("sentence_id", "size"), attributed=("attributed", "sum")).reset_index()
    out["unattributed"] = out["sentences"] - out["attributed"]
    out["attributed_share"] = out["attributed"] / out["sentences"]
    out["unattributed_share"] = 1 - out["attributed_share"]
    return out


def speech_types(attributions: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Per unit and speech type (direct quote, indirect speech, attribution): citations and shares."""
    return reliance(attributions, articles, of="speech_type", by=by)


def network_edges(
    attributions: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label", credit_lines: bool = True,
    codebooks_dir: Path | None = None,
) -> pd.DataFrame:
    """Unit–institution edge list (unit column named by `by`): weight = sentences citing the institution, its type,
    country and country group, and whether every one of those sentences is an agency credit line (`credit_only`)."""
    a = with_outlet(attributions if credit_lines else _without_credit_lines(attributions), articles, by=by)
    a = a.assign(credit=a["speech_type"] == "credit line")
    edges = a.groupby([by, "institution"]).agg(
        weight=("sentence_id", "size"), source_type=("source_type", "first"), country=("country", "first"), credit_only=("credit", "all")
    ).reset_index()
    edges["country_group"] = country_group(edges["country"], codebooks_dir=codebooks_dir)
    return edges


def strongest_edges(edges: pd.DataFrame, *, max_edges: int) -> pd.DataFrame:
    """At most `max_edges` edges, the heaviest: every edge of at least the smallest weight t that leaves no more than
    `max_edges` (all edges when they are few). Only when the heaviest weight alone has more edges is that class cut,
    keeping the edges to the institutions cited most over all units. The threshold is the result's smallest weight."""
    if len(edges) <= max_edges:
        return edges
    for t in sorted(edges["weight"].unique()):
        if (edges["weight"] >= t).sum() <= max_edges:
            return edges[edges["weight"] >= t]
    top = edges[edges["weight"] == edges["weight"].max()]
    cited = edges.groupby("institution")["weight"].sum()
    order = top.assign(_cited=top["institution"].map(cited)).sort_values(["_cited", "institution"], ascending=[False, True], kind="stable")
    return top.loc[sorted(order.index[:max_edges])]


def network_institutions(edges: pd.DataFrame, *, by: str = "outlet_label", codebooks_dir: Path | None = None) -> pd.DataFrame:
    """The institutions of a `network_edges` table with their country group, sentences citing them (all units)
    and number of units citing them (`units`), ordered by country group (codebook order), then most cited, then name."""
    nodes = edges.groupby("institution").agg(
        country_group=("country_group", "first"), weight=("weight", "sum"), units=(by, "nunique")
    ).reset_index()
    rank = {g: i for i, g in enumerate(country_group_order(codebooks_dir=codebooks_dir))}
    nodes["rank"] = nodes["country_group"].map(rank).fillna(len(rank))
    nodes = nodes.sort_values(["rank", "weight", "institution"], ascending=[True, False, True])
    return nodes.drop(columns="rank").reset_index(drop=True)


# --------------------------------------------------------------------------- validation


def validate_attributions(attributions: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Precision, recall, F1 of the extraction against the hand coding, at several levels of detail (`agreement`),
    and the (sentence, institution) rows found by only one side (`disagreements`)."""
    g = match_gold(gold, sentences)
    if (g["sentence_id"] < 0).any():
        missing = g.loc[g["sentence_id"] < 0, ["article_id", "sentence_start"]].to_dict("records")
        raise ValueError(f"gold rows match no sentence: {missing}")
    arts = set(g["article_id"])
    a = attributions[attributions["article_id"].isin(arts)]
    g_sid = g["sentence_id"].astype(int)
    levels = {
        "(article, institution)": (set(zip(g["article_id"], g["institution"])), set(zip(a["article_id"], a["institution"]))),
        "(article, sentence, institution)": (
            set(zip(g["article_id"], g_sid, g["institution"])),
            set(zip(a["article_id"], a["sentence_id"], a["institution"])),
        ),
        "(article, sentence, institution, speech type)": (
            set(zip(g["article_id"], g_sid, g["institution"], g["speech_type"])),
            set(zip(a["article_id"], a["sentence_id"], a["institution"], a["speech_type"])),
        ),
        "attributed sentences (article, sentence)": (set(zip(g["article_id"], g_sid)), set(zip(a["article_id"], a["sentence_id"]))),
    }
    rows = []
    for level, (gold_set, pred_set) in levels.items():
        rows.append({"level": level, **agreement.prf(gold_set, pred_set)})
    out = pd.DataFrame(rows)
    for col in ("precision", "recall", "f1"):
        out[col] = out[col].round(3)
    return {"agreement": out, "disagreements": disagreements(attributions, sentences, gold)}


def disagreements(attributions: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """(article, sentence, institution) rows found only in the gold (missed) or only in the extraction (extra)."""
    g = match_gold(gold, sentences)
    g_keys = set(zip(g["article_id"], g["sentence_id"].astype(int), g["institution"]))
    a = attributions[attributions["article_id"].isin(set(g["article_id"]))]
    a_keys = set(zip(a["article_id"], a["sentence_id"], a["institution"]))
    text = {(r.article_id, r.sentence_id): r.text for r in sentences.itertuples()}
    rows = [{"article_id": k[0], "sentence_id": k[1], "institution": k[2], "status": "missed", "sentence": text.get(k[:2], "")} for k in sorted(g_keys - a_keys)]
    rows += [{"article_id": k[0], "sentence_id": k[1], "institution": k[2], "status": "extra", "sentence": text.get(k[:2], "")} for k in sorted(a_keys - g_keys)]
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "institution", "status", "sentence"])
