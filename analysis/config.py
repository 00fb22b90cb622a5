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
# What depends on the code alone (the codebook regexes' prefilters), shared by every corpus and cache folder
CODE_CACHE_DIR = ROOT / "build" / "code-cache"
FIGURES_DIR = ROOT / "figures"
NOTEBOOKS_DIR = ROOT / "notebooks"
CODEBOOKS_DIR = PACKAGE_DIR / "codebooks"
GOLD_DIR = PACKAGE_DIR / "gold"

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Files larger than this are skipped unread (a news article is well under 100 KB of text; a saved page with its
# scripts and styles can reach a few MB).
MAX_ARTICLE_BYTES = 500_000
MAX_HTML_BYTES = 10_000_000
# An article with more words than this is still analysed, but flagged as probably not one article.
MAX_ARTICLE_WORDS = 20_000
# Word 5-gram shingle Jaccard at or above which two articles are flagged as near duplicates.
NEAR_DUPLICATE_JACCARD = 0.8
# Close-rewrite reuse (word pairs) compares far more pairs than verbatim reuse: computed up to this many articles.
REWRITE_MAX_ARTICLES = 300
# Lexical similarity lists every ordered pair of articles up to this many articles; above, each article's
# SIMILARITY_TOP_K most similar others (the table then grows linearly, not with the square of the corpus; the unit x
# unit means over all pairs are in the table similarity_units at any size; on a re-run that only added articles they
# are computed under the stored fit: see similarity.textstat_similarity).
SIMILARITY_ALL_PAIRS_MAX = 300
SIMILARITY_TOP_K = 25
# Topics, and (above SIMILARITY_ALL_PAIRS_MAX) similarity, are refitted when more than this share of the articles
# changed since the stored fit (or the number of topics changes); otherwise the stored model places the new articles
# (see topics.py and similarity.py).
TOPICS_REFIT_SHARE = 0.1
# ... and always refitted (exact) up to this many articles, where fitting is quick.
TOPICS_REFIT_BELOW = 300
# Seconds to wait for a Dask scheduler given with --scheduler before giving up.
DASK_CONNECT_TIMEOUT_S = 20
# Tables are also written as partitioned Parquet (tables/parquet/<table>/part-*.parquet) from this many articles.
PARQUET_PARTS_FROM = 4000
# Rows of one article-level Parquet partition are the articles whose id hashes to it; about this many per part.
ARTICLES_PER_PART = 2000
# Below this share of German function words a text is treated as not German.
MIN_GERMAN_SHARE = 0.12
# Per-article work runs in this many processes when many articles are new (1 = no pool).
WORKERS = 2
PARALLEL_FROM = 40

# `python -m analysis import`: how web pages are fetched. Polite by default: a user agent naming the project,
# robots.txt honoured, this many seconds between two requests to one host, and a timeout per request.
FETCH_USER_AGENT = "newscompare/0.1 (research import of news articles; python -m analysis import)"
FETCH_DELAY_SECONDS = 3.0
FETCH_TIMEOUT_SECONDS = 20.0
# A fetched page whose main text has fewer words than this is not imported (paywall, teaser, cookie wall).
MIN_PAGE_WORDS = 40
# The fetched pages are kept in this sub-folder of the corpus (evidence; the extracted .txt is what is analysed).
PAGES_DIRNAME = "_pages"


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
    """Resolve the run's folders, falling back to the project defaults; a relative path is relative to the project
    root (not to notebooks/, where a notebook runs). The command line resolves its arguments against the shell's
    folder before they get here."""

    def resolve(value: str | Path | None, default: Path) -> Path:
        path = Path(value).expanduser() if value else default
        return (path if path.is_absolute() else ROOT / path).resolve()

    return Paths(
        corpus_dir=resolve(corpus_dir, CORPUS_DIR),
        tables_dir=resolve(tables_dir, TABLES_DIR),
        figures_dir=resolve(figures_dir, FIGURES_DIR),
        cache_dir=resolve(cache_dir, CACHE_DIR),
    )


class UserError(Exception):
    """A mistake in how the tool was called (missing folder, bad option): shown without traceback."""

    def _render_traceback_(self) -> list[str]:
        """How IPython shows it in a notebook: one line, no traceback."""
        return [f"error: {self}"]
