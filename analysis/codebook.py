"""The one codebook loader: researcher-editable YAML and word lists in `codebooks/`, parsed and compiled once per
version of the file.

Every module that turns a codebook into rules calls `compiled(name, build)`: the build function runs again only
when one of its files changes (size or modification time), and a `codebooks_dir` of the caller's is honoured.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from . import config

T = TypeVar("T")
_PARSED: dict[str, tuple[tuple, object]] = {}
_COMPILED: dict[tuple, tuple[tuple, object]] = {}


def codebook_path(name: str, *, codebooks_dir: Path | None = None) -> Path:
    """Path of a codebook file by its file name (e.g. `sources.yaml`)."""
    return Path(codebooks_dir or config.CODEBOOKS_DIR) / name


# libyaml's safe loader when present (ten times faster; the same result), else PyYAML's pure-Python one. Safe only.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _stamp(path: Path | str) -> tuple:
    stat = os.stat(path)
    return (stat.st_mtime_ns, stat.st_size)


def _parse(path: Path):
    if path.suffix in (".yaml", ".yml"):
        return _parse_yaml(path)
    # a word list: one or more words per line, '#' starts a comment
    listed: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        listed.extend(line.split("#", 1)[0].split())
    return listed


def _parse_yaml(path: Path):
    """A YAML codebook, parsed. The package's own are kept as JSON in the code cache with the hash of the file's
    content, so a later process reads them in a twentieth of the time (sources.yaml: 0.1 s to parse); kept only if
    JSON gives back exactly what YAML gave (no dates or number keys)."""
    import json

    from .store import dump_json, load_json

    raw = path.read_bytes()
    if path.parent != config.CODEBOOKS_DIR:
        return yaml.load(raw.decode("utf-8"), Loader=_LOADER)
    digest = hashlib.sha256(raw).hexdigest()
    kept_file = config.CODE_CACHE_DIR / f"codebook-{path.name}.json"
    kept = load_json(kept_file, "codebook")
    if isinstance(kept, dict) and kept.get("sha256") == digest:
        return kept["parsed"]
    parsed = yaml.load(raw.decode("utf-8"), Loader=_LOADER)
    try:
        if json.loads(json.dumps(parsed)) == parsed:
            dump_json(kept_file, "codebook", {"sha256": digest, "parsed": parsed})
    except (TypeError, ValueError, OSError):  # not JSON-able, or a code cache that cannot be written: parsed every time
        pass
    return parsed


def load(name: str, *, codebooks_dir: Path | None = None):
    """A parsed codebook (YAML, or a word list for `.txt`); parsed again only when the file changes."""
    path = codebook_path(name, codebooks_dir=codebooks_dir)
    stamp = _stamp(path)
    hit = _PARSED.get(str(path))
    if hit is None or hit[0] != stamp:
        hit = _PARSED[str(path)] = (stamp, _parse(path))
    return hit[1]


def compiled(names: str | tuple[str, ...], build: Callable[..., T], *, codebooks_dir: Path | None = None) -> T:
    """`build(*parsed codebooks)`, cached until one of the named codebook files changes."""
    names = names if isinstance(names, (str, tuple)) else tuple(names)
    call = (names, build, codebooks_dir, config.CODEBOOKS_DIR)
    key = _KEYS.get(call)  # every analysis asks once per article: the paths are worked out once, the files stat'ed
    if key is None:
        listed = (names,) if isinstance(names, str) else names
        paths = tuple(str(codebook_path(n, codebooks_dir=codebooks_dir)) for n in listed)
        key = _KEYS[call] = (build.__module__, build.__qualname__, paths)
    stamp = tuple(_stamp(p) for p in key[2])
    hit = _COMPILED.get(key)
    if hit is None or hit[0] != stamp:
        listed = (names,) if isinstance(names, str) else names
        hit = _COMPILED[key] = (stamp, build(*(load(n, codebooks_dir=codebooks_dir) for n in listed)))
    return hit[1]  # type: ignore[return-value]


_KEYS: dict[tuple, tuple[str, str, tuple[str, ...]]] = {}


def fingerprint(*dirs: Path, skip: tuple[str, ...] = ()) -> str:
    """Content hash of every file below `dirs` (except the top-level folders named in `skip`): codebook or code edits
    invalidate cached results."""
    digest = hashlib.sha256()
    for base in dirs:
        files = (p for p in Path(base).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in sorted(p for p in files if p.relative_to(base).parts[0] not in skip):
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def stamp_line(path: Path, name: str) -> bytes:
    """A file's name, mode, size and modification time as a change check hashes them (empty when it vanished)."""
    try:
        info = path.lstat()
    except OSError:
        return b""
    return os.fsencode(name) + f"|{info.st_mode}|{info.st_size}|{info.st_mtime_ns}\n".encode()


def stamps(*dirs: Path) -> str:
    """Hash of the names, sizes and modification times of every file below `dirs`: a change check for large data
    (the hand coding in gold/) that need not be read, as the corpus folder is checked."""
    digest = hashlib.sha256()
    for base in dirs:
        for path in sorted(p for p in Path(base).rglob("*") if "__pycache__" not in p.parts):
            digest.update(stamp_line(path, os.fspath(path.relative_to(base))))
    return digest.hexdigest()[:16]

