"""The story's actors (codebook actors.yaml): which actors a sentence names, how often, in what order.

Shared by sentiment (tone near each actor) and framing (which actor a headline names first).
"""

from __future__ import annotations

import re
from pathlib import Path

from .codebook import compiled
from .text import PrefilterIndex, prefilter, word_regex

CODEBOOK = "actors.yaml"
Rules = tuple[tuple[str, re.Pattern], ...]


def _build(entries: list[dict]) -> Rules:
    return tuple((e["actor"], word_regex(e["patterns"], flags=0)) for e in entries)


def actor_rules(*, codebooks_dir: Path | None = None) -> Rules:
    """(actor, compiled pattern) pairs, recompiled only when the codebook changes."""
    return compiled(CODEBOOK, _build, codebooks_dir=codebooks_dir)


def actor_names(*, codebooks_dir: Path | None = None) -> list[str]:
    """The actors in codebook order."""
    return [actor for actor, _ in actor_rules(codebooks_dir=codebooks_dir)]


def _index(rules: Rules) -> PrefilterIndex:
    hit = _INDEXES.get(id(rules))  # by identity: hashing compiled patterns hashes their whole code (~5 µs a call)
    if hit is None or hit[0] is not rules:
        if len(_INDEXES) >= 16:
            _INDEXES.clear()
        hit = _INDEXES[id(rules)] = (rules, PrefilterIndex([prefilter(pattern) for _, pattern in rules]))
    return hit[1]


_INDEXES: dict[int, tuple[Rules, PrefilterIndex]] = {}


def mention_starts(text: str, *, rules: Rules | None = None) -> list[tuple[str, list[int]]]:
    """Each actor named in `text` (codebook order) with the start of every mention; rules that cannot match in the
    text (no literal of theirs in it) are not run."""
    rules = rules or actor_rules()
    key = (text, id(rules))
    hit = _RECENT.get(key)  # sentiment asks for one sentence's mentions twice (actors named, actors evaluated)
    if hit is not None and hit[0] is rules:
        return hit[1]
    found = _mention_starts(text, rules)
    if len(_RECENT) >= 8:
        _RECENT.clear()
    _RECENT[key] = (rules, found)
    return found


_RECENT: dict[tuple[str, int], tuple[Rules, list[tuple[str, list[int]]]]] = {}


def _mention_starts(text: str, rules: Rules) -> list[tuple[str, list[int]]]:
    found = []
    for k in sorted(_index(rules).candidates(text)):  # codebook order
        actor, pattern = rules[k]
        starts = [m.start() for m in pattern.finditer(text)]
        if starts:
            found.append((actor, starts))
    return found


def _first_mentions(text: str, rules: Rules | None) -> list[tuple[str, int, int]]:
    return [(actor, starts[0], len(starts)) for actor, starts in mention_starts(text, rules=rules)]


def actor_mentions(text: str, *, rules: Rules | None = None) -> dict[str, int]:
    """Actor -> number of mentions in a text, in codebook order."""
    return {actor: n for actor, _, n in _first_mentions(text, rules)}


def actors_in_order(text: str, *, rules: Rules | None = None) -> list[str]:
    """Actors named in a text, in order of first mention."""
    return [actor for actor, _, _ in sorted(_first_mentions(text, rules), key=lambda f: f[1])]
