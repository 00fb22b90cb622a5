"""Paths and defaults in one place, so that no notebook or module hard-codes `../`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent

CORPUS_DIR = ROOT / "seeds"
CATALOG_NAME = "articles.csv"
TABLES_DIR = ROOT / "build" / "tables"
CACHE_DIR = ROOT / "build" / "cache"
FIGURES_DIR = ROOT / "figures"
NOTEBOOKS_DIR = ROOT / "notebooks"
CODEBOOKS_DIR = PACKAGE_DIR / "codebooks"
GOLD_DIR = PACKAGE_DIR / "gold"

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# An article with more words than this is still analysed, but flagged as probably not one article.
MAX_ARTICLE_WORDS = 20_000
# Word 5-gram shingle Jaccard at or above which two articles are flagged as near duplicates.
NEAR_DUPLICATE_JACCARD = 0.8
# Close-rewrite reuse (word pairs) compares far more pairs than verbatim reuse: computed up to this many articles.
REWRITE_MAX_ARTICLES = 300
# Below this share of German function words a text is treated as not German.
MIN_GERMAN_SHARE = 0.12
# Per-article work runs in this many processes when many articles are new (1 = no pool).
WORKERS = 2
PARALLEL_FROM = 40


@dataclass(frozen=True)
class Paths:
    """Where one run reads its corpus and writes its tables and figures."""

    corpus_dir: Path
    tables_dir: Path
    figures_dir: Path
    cache_dir: Path


def paths(
    *,
    corpus_dir: str | Path | None = None,
    tables_dir: str | Path | None = None,
    figures_dir: str | Path | None = None,
    cache_dir: str | Path | None = None,
) -> Paths:
    """Resolve the run's folders, falling back to the project defaults (used by notebook parameters)."""
    return Paths(
        corpus_dir=Path(corpus_dir or CORPUS_DIR).resolve(),
        tables_dir=Path(tables_dir or TABLES_DIR).resolve(),
        figures_dir=Path(figures_dir or FIGURES_DIR).resolve(),
        cache_dir=Path(cache_dir or CACHE_DIR).resolve(),
    )
