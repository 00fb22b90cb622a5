"""Load the researcher-editable codebooks (YAML/CSV with a comment header) from `codebooks/`."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from . import config


def codebook_path(name: str, *, codebooks_dir: Path | None = None) -> Path:
    """Path of a codebook file by its file name (e.g. `sources.yaml`)."""
    return (codebooks_dir or config.CODEBOOKS_DIR) / name


@lru_cache(maxsize=64)
def _load_yaml(path: Path, mtime: float):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_yaml(name: str, *, codebooks_dir: Path | None = None):
    """Parsed YAML codebook; cached until the file changes."""
    path = codebook_path(name, codebooks_dir=codebooks_dir)
    return _load_yaml(path, path.stat().st_mtime)


def load_csv(name: str, *, codebooks_dir: Path | None = None) -> pd.DataFrame:
    """CSV codebook; lines starting with '#' are the comment header."""
    path = codebook_path(name, codebooks_dir=codebooks_dir)
    return pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)


def fingerprint(*dirs: Path) -> str:
    """Content hash of every file below `dirs`: codebook or code edits invalidate cached results."""
    digest = hashlib.sha256()
    for base in dirs:
        for path in sorted(p for p in Path(base).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
