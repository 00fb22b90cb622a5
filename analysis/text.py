"""German tokenization and sentence splitting that need no downloaded model data.

Rules cover what news text needs: abbreviations, ordinal dates ("24. Oktober"), thousands
separators and decimals ("12.000", "1,2 Millionen"), and quotations „…“ "…" »…« that span
several sentences (kept whole, so a quote stays with its speaker).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain, compress
from operator import itemgetter, not_
from typing import NamedTuple

TOKEN_RE = re.compile(
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 12.000 / 640.000 / 1.234,5
    r"|\d+(?:,\d+)?"  # 1500 / 1,2
    r"|[^\W\d_]+(?:[-‐'’][^\W_]+)*"  # Kim Jong-un, Nordkorea-Soldaten, Su-27
    r"|[^\w\s]",
    re.UNICODE,
)
WORD_RE = re.compile(r"[^\W\d_]+(?:[-‐'’][^\W_]+)*", re.UNICODE)

ABBREVIATIONS = frozenset(
    """
    z.B u.a d.h v.a o.ä u.ä s.o s.u i.d.R z.T u.U bzw ca Dr Prof Nr Str St vgl usw etc evtl ggf
    inkl exkl Mio Mrd Tsd Jh Jhd Abs Art Bd Hrsg Fr Hr Mr Mrs Ms sog ebd geb gest Gen Lt Maj Oberst
    Sept Okt Nov Dez Jan Feb Febr Mär Apr Aug Mo Di Mi Do Fr Sa So bspw zzgl resp Tel
    """.split()
)
MONTHS = frozenset(
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember "
    "Jänner Jan Feb Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez".split()
)

OPEN_CLOSE = {"„": "“", "»": "«", "«": "»", "“": "”", '"': '"', "‚": "‘"}
_OPENER_RE = re.compile("[" + re.escape("".join(OPEN_CLOSE)) + "]")
# A quotation is kept in one sentence only if it closes within this many characters.
MAX_QUOTE_CHARS = 1200

_TERMINATOR_RE = re.compile(r"[.!?]+[\"“”«»‘’)\]]*(?=\s)")
_NEXT_START_RE = re.compile(r"\s+([\"„“»«(‚]?)(\S+)")

GERMAN_STOPWORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
    auch auf aus bei bin bis bist da damit dann das dass daß dein deine dem den denn der des dessen
    deshalb die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer
    eines einig einige einigem einigen einiger er es etwas euch euer eure für gegen gewesen hab habe
    haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in
    indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine
    keinem keinen keiner keines können könnte machen man manche mein meine mich mir mit muss musste
    nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst
    sich sie sind so solche soll sollen sollte sondern sonst über um und uns unser unsere unter vom
    von vor war waren warst was weil welche welchem welchen welcher welches wenn werde werden wie
    wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen bereits
    wurde wurden seit sei seien habe hätten wäre
    """.split()
)
ENGLISH_STOPWORDS = frozenset(
    """
    the of and to in is that for it as was with be by on not he this are or his from at which but
    have an they you were her she there been has their one all would will what if can who its said
    also more about than into after them these over only new could other some our we my when
    """.split()
)


def normalize(text: str) -> str:
    """Unicode NFC, one kind of line end and space, no soft hyphens or zero-width characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text)
    text = re.sub(r"[\u00a0\u2007\u202f\t]", " ", text)
    return text


def word_regex(patterns: list[str] | tuple[str, ...], *, flags: int = re.IGNORECASE, stem: bool = False) -> re.Pattern | None:
    """The one whole-word matcher: any of `patterns` (regexes) as a whole word; with `stem=True`, as the start of
    a word, the match running on to the word's end (so "Aggress" finds "Aggression" and "Aggressor").

    A word starts after any non-word character, so the second part of "Ukraine-Krieg" is a word of its own; not after
    a letter's apostrophe ("O'Sullivan" is no "Sullivan").
    Returns None for no patterns.
    """
    return re.compile(word_pattern(patterns, stem=stem), flags) if patterns else None


def word_pattern(patterns: list[str] | tuple[str, ...], *, stem: bool = False) -> str:
    """The source of `word_regex(patterns, stem=stem)`, not yet compiled."""
    alternation = "|".join(f"(?:{p})" for p in patterns)
    tail = r"[\w-]*" if stem else r"(?!\w)"
    return rf"(?<!\w)(?<!\w['’])(?:{alternation}){tail}"


class Prefilter(NamedTuple):
    """Literals of which every match of a regex contains at least one (`folded`: compare lower-cased); an `exact`
    prefilter may tell more: `whole`, the literals are whole words of the text (a word equal to one, not one inside a
    longer word), and `also`, further literal sets of each of which the text must contain one as well."""

    literals: tuple[str, ...]
    folded: bool
    whole: bool = False
    also: tuple[tuple[str, ...], ...] = ()


try:  # the regex parser of Python 3.11+; without it no prefilter is built and every regex runs
    from re import _constants as _c, _parser
except ImportError:  # pragma: no cover
    _c = _parser = None
_FOLD_UNSAFE_RE = re.compile(r"[^\x00-\xff]")


def _literal_options(items) -> tuple[str, ...] | None:
    """Strings one of which every match of the parsed sequence `items` contains, or None if none can be told."""
    options = _option_sets(items)
    if not options:
        return None
    return min(options, key=_option_rank)  # few literals of four letters or more


def _option_rank(option: tuple[str, ...]) -> tuple[int, int]:
    return (-min(4, *map(len, option)), len(option))


def _option_sets(items) -> list[tuple[str, ...]]:
    """Every set of strings one of which each match of the parsed sequence `items` contains (one set per part)."""
    options: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, arg in list(items) + [(None, None)]:
        if op is _c.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            options.append(("".join(run),))
            run = []
        if op is _c.SUBPATTERN and not arg[1] and not arg[2]:
            found = _literal_options(arg[3])
        elif op is _c.MAX_REPEAT or op is _c.MIN_REPEAT:
            found = _literal_options(arg[2]) if arg[0] >= 1 else None
        elif op is _c.BRANCH:
            branches = [_literal_options(b) for b in arg[1]]
            found = None if any(b is None for b in branches) else tuple(dict.fromkeys(x for b in branches for x in b))
        else:
            found = None
        if found:
            options.append(found)
    return options


_MAX_STRINGS = 64  # a regex matching more distinct strings than this is not enumerated (`_strings`)


def _strings(items) -> tuple[str, ...] | None:
    """Every string the parsed sequence `items` can match, lookarounds and anchors read as matching always (so a
    superset), or None when they are not few (`_MAX_STRINGS`) or cannot be told (character categories, repeats)."""
    out = ("",)
    for op, arg in items:
        if op is _c.LITERAL:
            parts: tuple[str, ...] | None = (chr(arg),)
        elif op is _c.IN:
            parts = tuple(chr(a) for o, a in arg if o is _c.LITERAL) if all(o is _c.LITERAL for o, _ in arg) else None
        elif op is _c.SUBPATTERN and not arg[1] and not arg[2]:
            parts = _strings(arg[3])
        elif op is _c.BRANCH:
            branches = [_strings(b) for b in arg[1]]
            parts = None if any(b is None for b in branches) else tuple(dict.fromkeys(x for b in branches for x in b))
        elif (op is _c.MAX_REPEAT or op is _c.MIN_REPEAT) and arg[1] <= 2:
            once = _strings(arg[2])
            parts = None if once is None else tuple(dict.fromkeys(
                "".join(seq) for n in range(arg[0], arg[1] + 1) for seq in _products(once, n)))
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue
        else:
            parts = None
        if parts is None or not parts or len(out) * len(parts) > _MAX_STRINGS:
            return None
        out = tuple(dict.fromkeys(a + b for a in out for b in parts))
    return out


def _products(options: tuple[str, ...], n: int) -> list[tuple[str, ...]]:
    seqs: list[tuple[str, ...]] = [()]
    for _ in range(n):
        seqs = [seq + (x,) for seq in seqs for x in options]
    return seqs


def _is_word_bound(item, direction: int) -> bool:
    """Whether the parsed `item` is (?<!\\w) (direction -1) or (?!\\w) (direction 1)."""
    op, arg = item
    return op is _c.ASSERT_NOT and arg[0] == direction and list(arg[1]) == [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD)])]


def _whole_words(parsed) -> tuple[str, ...] | None:
    """For a regex of the form (?<!\\w)...(?!\\w) (`word_regex`) that matches few strings: a word of each string
    (its longest), which the text must hold as a whole word; None otherwise."""
    items = list(parsed)
    if len(items) < 3 or not _is_word_bound(items[0], -1) or not _is_word_bound(items[-1], 1):
        return None
    found = _strings(items[1:-1])
    if not found:
        return None
    parts = [_WORD_RUN_RE.findall(x) for x in found]
    common = set(parts[0]).intersection(*parts[1:])  # "Putin" of "(?:Wladimir )?Putin"
    anchors = [max(common, key=lambda w: (len(w), w))] if common else [max(x, key=len, default="") for x in parts]
    return None if not all(anchors) else tuple(dict.fromkeys(anchors))


# prefilter() results by (pattern, flags, exact): a fresh process that analyses an article reads them (`known_prefilters`)
# instead of parsing the codebooks' ~700 regexes again; a compiled pattern always has a flag (re.UNICODE), a string none
_PREFILTERS: dict[tuple[str, int, bool], Prefilter | None] = {}
_PREFILTERS_USED: set[tuple[str, int, bool]] = set()  # those this process asked for


def prefilter(regex: re.Pattern | str, *, exact: bool = False) -> Prefilter | None:
    """What a text must contain for `regex` to match in it, so that most regexes of a codebook need not run on most
    sentences (see `PrefilterIndex`); None when it cannot be told (the regex then always runs). Case-insensitive literals are
    used only when they hold Latin-1 and uncased characters alone, for which lower-casing equals the regex's case
    folding. With `exact=True` it tells more where it can (`Prefilter.whole`, `Prefilter.also`): fewer regexes run.
    A pattern string (flags inline, if any) is read without compiling it."""
    key = (regex, 0, exact) if isinstance(regex, str) else (regex.pattern, regex.flags, exact)
    try:
        found = _PREFILTERS[key]
    except (KeyError, TypeError):
        found = _prefilter(regex, exact=exact)
        if not isinstance(key[0], str):
            return found
        _PREFILTERS[key] = found
    _PREFILTERS_USED.add(key)
    return found


def known_prefilters() -> list[list]:
    """The `prefilter` results this process asked for, as JSON-able rows (`add_prefilters` takes them back)."""
    return [[*key, None if found is None else [list(found.literals), found.folded, found.whole, [list(x) for x in found.also]]]
            for key, found in _PREFILTERS.items() if key in _PREFILTERS_USED]


def add_prefilters(rows: list[list]) -> bool:
    """Take `known_prefilters` rows (of another process of the same code and Python) as this process's results;
    False (none taken) if they are not such rows."""
    try:
        taken = {(source, flags, exact): None if found is None else Prefilter(
            tuple(found[0]), found[1], found[2], tuple(tuple(x) for x in found[3])) for source, flags, exact, found in rows}
    except (TypeError, ValueError, IndexError):
        return False
    if not all(isinstance(k[0], str) and type(k[1]) is int and type(k[2]) is bool and (v is None or (
            all(isinstance(x, str) for x in v.literals) and type(v.folded) is bool and type(v.whole) is bool
            and all(isinstance(x, str) for part in v.also for x in part))) for k, v in taken.items()):
        return False
    _PREFILTERS.update(taken)
    return True


def _prefilter(regex: re.Pattern | str, *, exact: bool) -> Prefilter | None:
    source, flags = (regex, 0) if isinstance(regex, str) else (regex.pattern, regex.flags)
    if _parser is None or flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    plain = _plain_word(source)
    if plain is not None:  # what parsing would tell, without the cost (most codebook names are plain words)
        parts = _WORD_RUN_RE.findall(plain)
        sets, whole = [(plain,)], (max(parts, key=lambda w: (len(w), w)),) if exact and parts else None
    else:
        try:
            parsed = _parser.parse(source, flags)
            flags = parsed.state.flags if isinstance(regex, str) else flags
            if flags & ~(re.IGNORECASE | re.UNICODE):
                return None
            sets = _option_sets(parsed)
            whole = _whole_words(parsed) if exact else None
        except (re.error, RecursionError, TypeError, ValueError, AttributeError):
            return None
    folded = bool(flags & re.IGNORECASE)
    if not exact:
        options = lean_literals(min(sets, key=_option_rank), folded) if sets else None
        return Prefilter(options, folded) if options else None
    leaned = [x for x in (lean_literals(x, folded) for x in sets) if x]
    whole = lean_literals(whole, folded, whole=True) if whole else None
    if not whole and not leaned:
        return None
    options = whole or min(leaned, key=_option_rank)
    # further sets are checked only when they are rare enough to be worth a look: a word part of three letters or more
    # in each literal (not " ", not "in ")
    also = tuple(x for x in dict.fromkeys(leaned) if x != options and min(len(max(_WORD_RUN_RE.findall(y), key=len, default="")) for y in x) >= 3
                 and not all(any(y in w for y in x) for w in options))  # not one every option already contains
    return Prefilter(options, folded, bool(whole), also)


_WORD_OPEN, _WORD_CLOSE = word_pattern(["\0"]).split("\0")
_METACHARACTERS = frozenset("\\.^$*+?{}[]()|#")


def _plain_word(source: str) -> str | None:
    """The text of a `word_pattern` of one pattern without any regex syntax (a name such as "Kreml-Chef"), else None."""
    if not (source.startswith(_WORD_OPEN) and source.endswith(_WORD_CLOSE)) or len(source) == len(_WORD_OPEN) + len(_WORD_CLOSE):
        return None
    inner = source[len(_WORD_OPEN) : -len(_WORD_CLOSE)]
    return None if _METACHARACTERS.intersection(inner) else inner


def lean_literals(options: tuple[str, ...], folded: bool, *, whole: bool = False) -> tuple[str, ...] | None:
    """Literal options as compared (lower-cased when `folded`) without any that contains another (unless they are
    `whole` words); None when one is empty or cannot be lower-cased safely."""
    if any(not x for x in options):
        return None
    if folded:
        if any(not _fold_safe(x) for x in options):
            return None
        options = tuple(dict.fromkeys(x.lower() for x in options))
    if whole:
        return options
    # a literal that contains another one adds nothing
    return tuple(x for x in options if not any(y != x and y in x for y in options))


def _fold_safe(text: str) -> bool:
    return all(ch.lower() == ch == ch.upper() for ch in _FOLD_UNSAFE_RE.findall(text))


_WORD_RUN_RE = re.compile(r"\w+")


class PrefilterIndex:
    """Which of several regexes may match in a text, told from their prefilters (see `prefilter`) at the cost of one
    look-up per word: a literal made of word characters can only occur inside one run of them, and what each run
    contains is worked out once per distinct run (one scan with a trie of the literals) and kept. A literal across
    words is looked for in the text only when its longest word part is inside one of the text's runs. Further literal
    sets a rule needs (`Prefilter.also`) are looked for the same way, as rules of their own after the given ones."""

    MAX_WORDS = 300_000
    # distinct runs looked up by walking the tries (a little slower per run) before their regexes are compiled (~20 us
    # per literal): WALKED_RUNS at least, WALKS_PER_LITERAL per literal (a re-run's one new article compiles none)
    WALKED_RUNS = 1000
    WALKS_PER_LITERAL = 2

    def __init__(self, rules: list[Prefilter | None] | tuple[Prefilter | None, ...]):
        self.size = len(rules)
        # a rule with further literal sets is indexed by the set fewest rules share (the others' head noun, not the
        # adjective they have in common); the rest become rules of their own, one per distinct set, that it needs
        parts = {i: [Prefilter(rule.literals, rule.folded, rule.whole)] + [Prefilter(x, rule.folded) for x in rule.also]
                 for i, rule in enumerate(rules) if rule is not None and rule.also}
        shared = Counter(part for listed in parts.values() for part in listed)
        needed: dict[Prefilter, int] = {}  # a further literal set -> its rule id
        self._needs: dict[int, frozenset[int]] = {}
        rules = list(rules)
        for i, listed in parts.items():
            rules[i] = min(listed, key=lambda part: shared[part])  # the first of the least shared
            self._needs[i] = frozenset(needed.setdefault(part, len(rules) + len(needed)) for part in listed if part is not rules[i])
        self._needy, self._needed = frozenset(self._needs), frozenset(needed.values())
        rules += list(needed)
        self.always = frozenset(i for i, r in enumerate(rules) if r is None)
        self.folded = frozenset(i for i, r in enumerate(rules) if r is not None and r.folded)
        # across-word literal k is checked in the text when its anchor (key len(rules) + k) is inside a run
        self.across_words: list[tuple[int, str, bool]] = []
        within: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})  # (exact, folded) literal -> keys
        self._whole: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})  # (exact, folded) whole word -> rules
        self._unanchored: list[int] = []
        self._n = len(rules)
        for i, rule in enumerate(rules):
            if rule is not None and rule.whole:
                for literal in rule.literals:
                    self._whole[rule.folded].setdefault(literal, set()).add(i)
                continue
            for literal in rule.literals if rule is not None else ():
                if _WORD_RUN_RE.fullmatch(literal) is not None:
                    within[rule.folded].setdefault(literal, set()).add(i)
                    continue
                key = self._n + len(self.across_words)
                self.across_words.append((i, literal, rule.folded))
                anchor = max(_WORD_RUN_RE.findall(literal), key=len, default="")
                if anchor:
                    within[rule.folded].setdefault(anchor, set()).add(key)
                else:
                    self._unanchored.append(key)
        # per table: a trie of the literals, walked in Python for the first runs (`_trie_keys`); its regex
        # (`_longest_literal_regex`), slow to compile, once enough runs have been looked up (`_compiled_scans`)
        self._tables = within
        self._tries = tuple(_literal_trie(table) for table in within)
        self._scans: tuple | None = None
        self._walks = max(self.WALKED_RUNS, self.WALKS_PER_LITERAL * sum(map(len, within)))
        self._across = frozenset(range(self._n, self._n + len(self.across_words)))
        # per across-word literal (exact, lower-cased): the rules it stands for; all have its anchor, so it is looked for once
        self._across_rules: tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]] = ({}, {})
        for i, literal, folded in self.across_words:
            self._across_rules[folded][literal] = self._across_rules[folded].get(literal, frozenset()) | {i}
        self._unanchored_hit = self._hit(frozenset(self._unanchored))
        self._runs = _RunHits(self)

    def _hit(self, keys: frozenset[int]) -> RunHit:
        """A run's keys as `candidates` reads them: its rules, and the across-word literals whose anchor it holds."""
        if not keys:  # most runs hold no literal
            return _NO_HIT
        entries = [self.across_words[k - self._n] for k in sorted(keys & self._across)]
        return RunHit(keys - self._across, *(tuple(dict.fromkeys(literal for _, literal, f in entries if f == folded)) for folded in (False, True)))

    def _run(self, run: str) -> RunHit:
        hit = self._runs.get(run)
        if hit is None:
            keys: set[int] = set()
            if self._walks > 0:  # the same keys the scans find: those of every literal inside the run
                self._walks -= 1
                for trie, word in zip(self._tries, (run, run.lower())):
                    _trie_keys(trie, word, keys)
            else:
                for (scan, closure), word in zip(self._compiled_scans(), (run, run.lower())):
                    if scan is not None:
                        for m in scan.finditer(word):
                            keys |= closure[m.group(1)]
            for table, word in zip(self._whole, (run, run.lower())):
                keys.update(table.get(word, ()))
            hit = self._hit(frozenset(keys))
            if len(self._runs) < self.MAX_WORDS:
                self._runs[run] = hit
        return hit

    def _compiled_scans(self) -> tuple:
        """Per table: the trie scan, which finds the longest literal starting at each offset, and for each literal the
        keys of it and of every literal that is a prefix of it (they start at the same offset); made on first use."""
        if self._scans is None:
            self._scans = tuple((_longest_literal_regex(table), {
                literal: frozenset().union(*(table.get(literal[:n], ()) for n in range(1, len(literal) + 1))) for literal in table
            }) for table in self._tables)
        return self._scans

    def candidates(self, text: str) -> set[int]:
        """Indices of the rules that may match in `text` (a superset of those that do)."""
        fold_safe, runs = _text_runs(text)
        found = set(self.always)
        if not fold_safe:
            found |= self.folded
        hits = [self._unanchored_hit, *map(self._runs.__getitem__, runs)]  # a run not seen before is worked out (`_RunHits`)
        found.update(*map(_HIT_RULES, hits))
        exact_rules, folded_rules = self._across_rules
        if exact_rules:
            exact = {*chain.from_iterable(map(_HIT_EXACT, hits))}
            found.update(*[exact_rules[literal] for literal in exact if literal in text])
        if folded_rules:
            folded, lowered = {*chain.from_iterable(map(_HIT_FOLDED, hits))}, text.lower()
            found.update(*[folded_rules[literal] for literal in folded if literal in lowered])
        if self._needs:
            needy = found & self._needy
            found.difference_update(list(compress(needy, map(not_, map(found.issuperset, map(self._needs.__getitem__, needy))))))
            found -= found & self._needed  # (a set minus a large one would look up each of its members)
        return found


class RunHit(NamedTuple):
    """What one word run holds for a `PrefilterIndex`: the rules whose literal is inside it, and the across-word
    literals anchored inside it (exact, lower-cased), which `candidates` looks for in the text."""

    rules: frozenset[int]
    exact: tuple[str, ...]
    folded: tuple[str, ...]


_HIT_RULES, _HIT_EXACT, _HIT_FOLDED = (itemgetter(k) for k in range(3))
_NO_HIT = RunHit(frozenset(), (), ())


class _RunHits(dict):
    """What each word run holds (`PrefilterIndex._run`), worked out on first look-up and kept."""

    def __init__(self, index: PrefilterIndex):
        super().__init__()
        self.index = index

    def __missing__(self, run: str) -> RunHit:
        return self.index._run(run)


class WordAlternation:
    """`word_regex(patterns, flags=flags)` for a long list of patterns, run on a text as the regex of only the
    patterns its `PrefilterIndex` finds possible there (compiled on first use, kept): the same matches, since a
    pattern that matches nowhere in the text decides no match of the alternation, and no regex runs when none is
    possible. A caller with an index of its own over `prefilters` (among other rules) passes the ids it found.
    `finditer` and `search` compile the regex of several patterns only once they have met that combination a few times
    (COMPILE_AFTER): until then they merge the matches of each pattern's own regex, as the alternation would take them
    (most combinations turn up once or twice, and compiling one costs far more than running it)."""

    MAX_KEPT = 4096
    COMPILE_AFTER = 5

    def __init__(self, patterns: list[str] | tuple[str, ...], *, flags: int = re.IGNORECASE):
        self.patterns, self.flags = tuple(patterns), flags
        inline = "(?i)" if flags & re.IGNORECASE else ""
        self.prefilters = [
            prefilter(inline + word_pattern([p]), exact=True) if not flags & ~(re.IGNORECASE | re.UNICODE) else None
            for p in self.patterns
        ]
        self._index: PrefilterIndex | None = None
        self._kept: dict[tuple[int, ...], re.Pattern] = {}
        self._uses: dict[tuple[int, ...], int] = {}  # combinations met and not yet compiled: how often

    def regex(self, text: str, *, candidates: Iterable[int] | None = None) -> re.Pattern | None:
        """The regex to run on `text` (None: nothing can match); `candidates`: the ids of the patterns that may match
        there, when known."""
        if candidates is None:
            if self._index is None:
                self._index = PrefilterIndex(self.prefilters)
            candidates = self._index.candidates(text)
        ids = tuple(sorted(candidates))
        if not ids:
            return None
        hit = self._kept.get(ids)
        if hit is None:
            hit = re.compile(word_pattern([self.patterns[i] for i in ids]), self.flags)
            if len(self._kept) < self.MAX_KEPT:
                self._kept[ids] = hit
        return hit

    def finditer(self, text: str, *, candidates: Iterable[int] | None = None) -> Iterator[re.Match]:
        if candidates is None:
            if self._index is None:
                self._index = PrefilterIndex(self.prefilters)
            candidates = self._index.candidates(text)
        ids = tuple(sorted(candidates))
        if len(ids) > 1 and ids not in self._kept and all(self.prefilters[i] is not None for i in ids):  # none matches empty
            uses = self._uses.get(ids, 0) + 1
            if uses < self.COMPILE_AFTER or len(self._uses) >= self.MAX_KEPT:
                if uses < self.COMPILE_AFTER and len(self._uses) < self.MAX_KEPT:
                    self._uses[ids] = uses
                return self._merged(text, ids=ids)
            del self._uses[ids]
        regex = self.regex(text, candidates=ids)
        return iter(()) if regex is None else regex.finditer(text)

    def search(self, text: str, *, candidates: Iterable[int] | None = None) -> re.Match | None:
        return next(self.finditer(text, candidates=candidates), None)

    def _merged(self, text: str, *, ids: tuple[int, ...]) -> Iterator[re.Match]:
        """The matches of the alternation of the patterns `ids` (none of which matches empty), from each pattern's own
        regex: the leftmost match next, of the first pattern (in `ids` order) that matches there, then on from its end."""
        regexes = [self.regex(text, candidates=(i,)) for i in ids]
        found = [regex.search(text) for regex in regexes]
        while True:
            start = min((m.start() for m in found if m is not None), default=-1)
            if start < 0:
                return
            m = next(m for m in found if m is not None and m.start() == start)
            yield m
            end = m.end()
            found = [n if n is None or n.start() >= end else regex.search(text, end) for n, regex in zip(found, regexes)]


def _literal_trie(table: dict[str, set[int]]) -> dict:
    """The literals of `table` as a trie of characters; the node a literal ends at holds its keys under ""."""
    trie: dict = {}
    for literal, keys in table.items():
        node = trie
        for ch in literal:
            node = node.setdefault(ch, {})
        node[""] = frozenset(keys)
    return trie


def _trie_keys(trie: dict, word: str, keys: set[int]) -> None:
    """Add to `keys` those of every literal of `trie` (`_literal_trie`) inside `word`."""
    get = trie.get
    for start in range(len(word)):
        node = get(word[start])
        at = start + 1
        while node is not None:
            found = node.get("")
            if found:
                keys |= found
            if at == len(word):
                break
            node = node.get(word[at])
            at += 1


def _longest_literal_regex(literals) -> re.Pattern | None:
    """A regex that matches (empty, capturing it in group 1) the longest of `literals` starting at each offset: a trie
    whose every node tries its children before ending there."""
    if not literals:
        return None
    trie: dict = {}
    for literal in literals:
        node = trie
        for ch in literal:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        alternatives = [re.escape(ch) + branch(child) for ch, child in node.items() if ch]
        if "" in node:
            alternatives.append("")
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return re.compile(f"(?=({branch(trie)}))")


def _text_runs(text: str) -> tuple[bool, frozenset[str]]:
    """Whether lower-casing `text` equals its case folding (see `prefilter`), and its distinct word runs: shared by
    every `PrefilterIndex` asked about the same sentence."""
    return _kept_runs(text) if len(text) <= KEPT_CHARS else (_fold_safe(text), frozenset(_WORD_RUN_RE.findall(text)))


@lru_cache(maxsize=4096)
def _kept_runs(text: str) -> tuple[bool, frozenset[str]]:
    return _fold_safe(text), frozenset(_WORD_RUN_RE.findall(text))


def forget_sentences() -> None:
    """Drop what is kept per sentence text (`corpus.load_article` calls it: it serves the analyses of one article)."""
    for kept in (_kept_runs, _kept_tokens, _kept_words):
        kept.cache_clear()


def plural(word: str, n: int | None = None) -> str:
    """English plural of a label ('outlet' -> 'outlets', 'country' -> 'countries', 'outlet class' -> 'outlet
    classes'); with `n`, the count and the right form ('1 outlet', '1,200 articles')."""
    if n == 1:
        return f"1 {word}"
    if word.endswith(("s", "x", "ch", "sh")):
        many = f"{word}es"
    elif word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        many = f"{word[:-1]}ies"
    else:
        many = f"{word}s"
    return many if n is None else f"{n:,} {many}"


def tokenize(text: str) -> list[str]:
    """Word, number and punctuation tokens; numbers with separators stay one token."""
    return list(tokens_of(text))


def words(text: str) -> list[str]:
    """Alphabetic tokens only (hyphenated compounds kept whole), in original case."""
    return list(words_of(text))


def tokens_of(text: str) -> tuple[str, ...]:
    """`tokenize` as a tuple, kept per sentence: the analyses of one sentence share it (see `forget_sentences`)."""
    return _kept_tokens(text) if len(text) <= KEPT_CHARS else tuple(TOKEN_RE.findall(text))


def words_of(text: str) -> tuple[str, ...]:
    """`words` as a tuple, kept per sentence: segmentation counts them, the analyses of the sentence read them again."""
    return _kept_words(text) if len(text) <= KEPT_CHARS else tuple(WORD_RE.findall(text))


# Texts up to this long (sentences) have their tokens kept; longer ones (whole articles) are tokenized each time.
KEPT_CHARS = 2000


@lru_cache(maxsize=4096)
def _kept_tokens(text: str) -> tuple[str, ...]:
    return tuple(TOKEN_RE.findall(text))


@lru_cache(maxsize=4096)
def _kept_words(text: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(text))


# `german_share` reads this many characters of a text.
LANGUAGE_SAMPLE_CHARS = 20000


def german_share(text: str) -> tuple[float, float]:
    """Shares of German and English function words among the words of a text (its first LANGUAGE_SAMPLE_CHARS)."""
    return function_word_shares(WORD_RE.findall(text[:LANGUAGE_SAMPLE_CHARS]))


def function_word_shares(words: Iterable[str]) -> tuple[float, float]:
    """`german_share` of a text's words (`words`), each distinct word lower-cased and looked up once."""
    counts = Counter(words)
    n = sum(counts.values())
    if not n:
        return 0.0, 0.0
    de = en = 0
    for word, k in counts.items():
        lower = word.lower()
        if lower in GERMAN_STOPWORDS:
            de += k
        if lower in ENGLISH_STOPWORDS:
            en += k
    return de / n, en / n


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations that open and close within `text` (not nested)."""
    spans: list[tuple[int, int]] = []
    m = _OPENER_RE.search(text)
    while m:
        i = m.start()
        ch = text[i]
        if _opens_quote(text, i):
            j = _find_close(text, i + 1, ch, OPEN_CLOSE[ch])
            if j != -1:
                spans.append((i, j + 1))
                m = _OPENER_RE.search(text, j + 1)
                continue
        m = _OPENER_RE.search(text, i + 1)
    return spans


def _opens_quote(text: str, i: int) -> bool:
    ch = text[i]
    if ch == '"':
        return i == 0 or not text[i - 1].isalnum()
    if ch == "“":
        # “ opens only in English-style quoting; in German it closes „…“.
        return i == 0 or text[i - 1].isspace()
    return True


def _find_close(text: str, start: int, opener: str, close: str) -> int:
    limit = min(len(text), start + MAX_QUOTE_CHARS)
    if opener != close and opener != '"':
        reopen = text.find(opener, start, limit)
        limit = reopen if reopen != -1 else limit  # a second opener before any close: unbalanced, do not trust
    j = text.find(close, start, limit)
    while j != -1:
        if close != '"' or j + 1 == len(text) or not text[j + 1].isalnum():
            return j
        j = text.find(close, j + 1, limit)
    return -1


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences; a paragraph without final punctuation is one sentence."""
    paragraph = paragraph.strip()
    if not paragraph:
        return []
    inside = quote_spans(paragraph)
    starts = [a for a, _ in inside]
    cuts: list[int] = []
    for m in _TERMINATOR_RE.finditer(paragraph):
        end = m.end()
        k = bisect_right(starts, m.start() - 1) - 1  # the last quotation opening before the terminator
        if k >= 0 and inside[k][0] < m.start() and m.end() < inside[k][1]:
            continue
        if not _is_boundary(paragraph, m.start(), end):
            continue
        cuts.append(end)
    sentences, last = [], 0
    for cut in cuts:
        piece = paragraph[last:cut].strip()
        if piece:
            sentences.append(piece)
        last = cut
    tail = paragraph[last:].strip()
    if tail:
        sentences.append(tail)
    return sentences


# Words before a number that make it an ordinal of the next noun ("des 8. Regiments").
ORDINAL_ARTICLES = frozenset({"der", "des", "dem", "den", "die", "am", "im", "zum", "zur", "vom", "beim"})


def _is_boundary(text: str, dot: int, end: int) -> bool:
    nxt = _NEXT_START_RE.match(text, end)
    if not nxt:
        return False
    opener, word = nxt.group(1), nxt.group(2)
    first = word[0]
    if text[dot] != ".":
        return first.isupper() or first.isdigit() or bool(opener)
    start = dot
    while start > 0 and not text[start - 1].isspace() and dot - start < 64:
        start -= 1
    prev = text[start:dot]
    prev_bare = prev.lstrip("(\"„»«'")
    if prev_bare in ABBREVIATIONS or (len(prev_bare) == 1 and prev_bare.isalpha()):
        return False
    if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", prev_bare):  # u.a. / z.B.
        return False
    if prev_bare.isdigit() and len(prev_bare) <= 3:
        # ordinal: "24. Oktober", "1. November", "am 3. und 4. Mai", "des 8. Regiments", "der 95. Brigade"
        before = text[:start].split()[-1:]
        if (re.match(r"\w*", word).group(0) in MONTHS or not first.isupper()
                or (before and before[0].lower() in ORDINAL_ARTICLES)):
            return False
    if text[dot : dot + 3] == "...":
        return first.isupper() or bool(opener)
    return first.isupper() or first.isdigit() or bool(opener)


def ends_sentence(line: str) -> bool:
    """True if a line ends like a sentence (used to tell headlines from prose)."""
    return bool(re.search(r"[.!?:;…][\"“”«»‘’)\]]*\s*$", line.strip()))
