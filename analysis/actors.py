"""The story's actors (codebook actors.yaml): which actors a sentence names, how often, in what order.

Shared by sentiment (tone near each actor) and framing (which actor a headline names first).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .codebook import codebook_path, load_yaml

CODEBOOK = "actors.yaml"
Rules = tuple[tuple[str, re.Pattern], ...]


@lru_cache(maxsize=8)
def _compile(path: str, mtime: float) -> Rules:
    entries = load_yaml(Path(path).name, codebooks_dir=Path(path).parent)
    return tuple(
        (e["actor"], re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in e["patterns"]) + r")(?!\w)")) for e in entries
    )


def actor_rules(*, codebooks_dir: Path | None = None) -> Rules:
    """(actor, compiled pattern) pairs, recompiled only when the codebook changes."""
    path = codebook_path(CODEBOOK, codebooks_dir=codebooks_dir)
    return _compile(str(path), path.stat().st_mtime)


def _first_mentions(text: str, rules: Rules | None) -> list[tuple[str, int, int]]:
    found = []
    for actor, pattern in rules or actor_rules():
        hits = [m.start() for m in pattern.finditer(text)]
        if hits:
            found.append((actor, hits[0], len(hits)))
    return found


def actor_mentions(text: str, *, rules: Rules | None = None) -> dict[str, int]:
    """Actor -> number of mentions in a text, in codebook order."""
    return {actor: n for actor, _, n in _first_mentions(text, rules)}


def actors_in_order(text: str, *, rules: Rules | None = None) -> list[str]:
    """Actors named in a text, in order of first mention."""
    return [actor for actor, _, _ in sorted(_first_mentions(text, rules), key=lambda f: f[1])]
