"""The extract pipeline: corpus folder -> cached per-article analyses -> tidy tables.

Per-article work (load, clean, segment, and every registered per-article analysis) is cached by
the file's content hash plus a fingerprint of the package's code and codebooks, so adding one
article re-runs only that article, and editing a codebook re-runs everything it may change.
"""

from __future__ import annotations

import errno
import hashlib
import pickle
import stat
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import agreement, claims, config, framing, keywords, readability, reuse, sentiment, similarity, sourcing, topics
from .catalog import EXCEL_NAME, join_catalog, load_catalog
from .codebook import fingerprint
from .config import UserError
from .files import atomic_write, write_csv
from .corpus import REMOVED_COLUMNS, SENTENCE_COLUMNS, Article, Skip, load_article, unit_column, with_units


@dataclass(frozen=True)
class Analysis:
    """A registered analysis: `function(sentences, **inputs)` returns a tidy table or a dict of named tables.

    `inputs` names earlier tables the function takes as keyword arguments. A corpus-level analysis may name a
    `prepare` function: its per-article half, run and cached with each article; its results reach the corpus
    function as `prepared={article_id: ...}`. An analysis with `flags=True` returns (article_id, flag) rows that
    are added to the articles' flags. A `grouped` analysis compares units (outlets, or any catalog column): it gets
    `by=` the unit column, and `articles` with that column filled.
    """

    name: str
    function: Callable[..., pd.DataFrame | dict[str, pd.DataFrame]]
    inputs: tuple[str, ...] = ()
    prepare: Callable[[pd.DataFrame], dict] | None = None
    flags: bool = False
    grouped: bool = False


@dataclass(frozen=True)
class Validation:
    """A registered validation: `function(table, sentences, gold)` compares tables[`table`] with a gold file.

    It runs on the gold rows of the articles present in the corpus; its tables are named `validation_<name>_<key>`.
    """

    name: str
    function: Callable[[pd.DataFrame, pd.DataFrame, pd.DataFrame], dict[str, pd.DataFrame]]
    table: str
    gold: str


# Per-article analyses run on one article's sentence table at a time and are cached with it.
PER_ARTICLE: tuple[Analysis, ...] = (
    Analysis("readability", readability.textstat_readability),
    Analysis("attributions", sourcing.textstat_attributions),
    Analysis("sentiment", sentiment.textstat_sentiment),
    Analysis("frames", framing.textstat_frames),
    Analysis("claims", claims.textstat_claims, ("attributions",)),
)
# Corpus-level analyses see every article at once (e.g. text reuse between articles).
PER_CORPUS: tuple[Analysis, ...] = (
    Analysis("near_duplicates", reuse.textstat_near_duplicates, ("articles",), prepare=reuse.prepare_reuse, flags=True),
    Analysis("reuse", reuse.textstat_reuse, ("articles",), prepare=reuse.prepare_reuse),
    Analysis("reuse_rewrite", reuse.textstat_rewrites, ("articles",), prepare=reuse.prepare_reuse),
    Analysis("similarity", similarity.textstat_similarity, ("articles",)),
    Analysis("keyness", keywords.textstat_keyness, ("articles",), grouped=True),
    Analysis("topics", topics.textstat_topics, ("articles", "frames"), grouped=True),
)
# Agreement with the hand coding in analysis/gold/, computed whenever gold articles are in the corpus.
VALIDATIONS: tuple[Validation, ...] = (
    Validation("attributions", sourcing.validate_attributions, "attributions", "attributions.csv"),
    Validation("sentiment", sentiment.validate_sentiment, "sentiment", "sentiment.csv"),
    Validation("frames", framing.validate_frames, "frames", "frames_sentences.csv"),
    Validation("frame_articles", framing.validate_frame_articles, "frames", "frames_articles.csv"),
    Validation("claims", claims.validate_claims, "claims", "claims.csv"),
)

SKIPPED_COLUMNS = ["file", "reason"]
# The last extract's tables with the corpus state they belong to, so notebooks need not extract again.
SNAPSHOT = "_tables.pkl"
CACHE_FORMAT = 4


def _as_tables(name: str, result) -> dict[str, pd.DataFrame]:
    return dict(result) if isinstance(result, dict) else {name: result}


def _prepare_key(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def analyse_article(article: Article) -> dict[str, pd.DataFrame]:
    """Every per-article analysis on one article's sentence table."""
    tables: dict[str, pd.DataFrame] = {"sentences": article.sentences, "removed": article.removed}
    for analysis in PER_ARTICLE:
        kwargs = {k: tables.get(k) for k in analysis.inputs}
        tables.update(_as_tables(analysis.name, analysis.function(article.sentences, **kwargs)))
    return tables


def prepare_article(article: Article) -> dict[str, dict]:
    """The per-article halves of the corpus-level analyses (each prepare function run once)."""
    prepared: dict[str, dict] = {}
    for analysis in PER_CORPUS:
        if analysis.prepare is not None and _prepare_key(analysis.prepare) not in prepared:
            prepared[_prepare_key(analysis.prepare)] = analysis.prepare(article.sentences)
    return prepared


@dataclass
class FileResult:
    """What became of one file: its tables, or the reason it was skipped."""

    file: str
    row: dict | None = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    skip: str | None = None
    prepared: dict[str, dict] = field(default_factory=dict)


def process_file(path: Path, raw: bytes) -> FileResult:
    """Load and analyse one file; a user's bad file becomes a skip reason, never an exception."""
    try:
        article = load_article(path, raw=raw)
    except Skip as reason:
        return FileResult(file=path.name, skip=str(reason))
    try:
        tables = analyse_article(article)
        prepared = prepare_article(article)
    except Exception as err:  # noqa: BLE001 - one article's failure must not stop the corpus
        return FileResult(file=path.name, skip=f"internal error while analysing ({type(err).__name__}: {err}); please report it")
    packed = {k: _pack(v) for k, v in tables.items()}
    return FileResult(file=path.name, row=article.row, tables=packed, flags=article.flags, prepared=prepared)


def _pack(table: pd.DataFrame) -> dict[str, list]:
    """A table as plain column lists: unpickles and concatenates far faster than DataFrames."""
    return {col: table[col].tolist() for col in table.columns}


def _concat_packed(parts: list[dict[str, list]]) -> pd.DataFrame:
    columns = list(dict.fromkeys(col for part in parts for col in part))
    data: dict[str, list] = {col: [] for col in columns}
    for part in parts:
        n = len(next(iter(part.values()), []))
        for col in columns:
            data[col].extend(part.get(col, [None] * n))
    return pd.DataFrame(data, columns=columns)


def _process_job(job: tuple[str, bytes]) -> FileResult:
    path, raw = job
    return process_file(Path(path), raw)


# --------------------------------------------------------------------------- corpus


def _not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as an article file (a folder, a pipe, a broken link), or None for a regular file."""
    try:
        mode = path.stat().st_mode  # follows symlinks
    except OSError as err:
        if path.is_symlink():
            loop = err.errno == errno.ELOOP
            return "symbolic link loop" if loop else "broken symbolic link (its target does not exist)"
        return f"cannot read file: {err.strerror or err}"
    if stat.S_ISDIR(mode):
        return "folder: articles must be directly in the corpus folder"
    if not stat.S_ISREG(mode):
        kind = "named pipe (FIFO)" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
        return f"not a regular file ({kind})"
    return None


def list_corpus(corpus_dir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Candidate article files (sorted) and files passed over with a reason; nothing here opens a file."""
    files, passed = [], []
    for path in sorted(corpus_dir.iterdir(), key=lambda p: unicodedata.normalize("NFC", p.name)):
        if path.name in (config.CATALOG_NAME, EXCEL_NAME):
            continue
        if path.name.startswith("."):
            if path.name not in {".gitkeep", ".DS_Store"}:
                passed.append((path.name, "hidden file"))
            continue
        reason = _not_a_file(path)
        if reason:
            passed.append((path.name + ("/" if reason.startswith("folder") else ""), reason))
            continue
        files.append(path)
    return files, passed


@dataclass
class Summary:
    """One summary of a run (corpus health): what was analysed, skipped and flagged, and why; catalog problems."""

    corpus_dir: Path
    analysed: int = 0
    words: int = 0
    outlets: int = 0
    reused: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    flagged: list[tuple[str, str]] = field(default_factory=list)
    uncatalogued: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    SHOWN = 10  # entries listed per section; the rest are counted (all of them are in the tables)

    def _section(self, title: str, entries: list[str], where: str) -> list[str]:
        lines = [title] + [f"  - {e}" for e in entries[: self.SHOWN]]
        if len(entries) > self.SHOWN:
            lines.append(f"  ... and {len(entries) - self.SHOWN:,} more ({where})")
        return lines

    def __str__(self) -> str:
        lines = [
            f"Corpus {self.corpus_dir}: analysed {self.analysed:,} article(s), {self.words:,} words, "
            f"{self.outlets} outlet(s); {self.reused:,} file(s) taken from the cache."
        ]
        if self.skipped:
            lines += self._section(f"Skipped {len(self.skipped):,} file(s):", [f"{f}: {r}" for f, r in self.skipped], "all in skipped.csv")
        if self.flagged:
            lines += self._section(f"Flagged {len(self.flagged):,} article(s) (analysed, but check them):",
                                   [f"{f}: {r}" for f, r in self.flagged], "the flags column of articles.csv")
        if self.uncatalogued:
            lines += self._section(
                f"{len(self.uncatalogued):,} article(s) have no catalog row and count as outlet 'unknown'. Fix: run "
                "`python -m analysis catalog`, fill build/catalog_missing.csv and add its rows to the catalog:",
                self.uncatalogued, "all in build/catalog_missing.csv")
        if self.warnings:
            lines += self._section("Catalog and other problems:", self.warnings, "all listed by `python -m analysis extract`")
        return "\n".join(lines)

    @property
    def healthy(self) -> bool:
        return not (self.skipped or self.flagged or self.uncatalogued or self.warnings)


def extract(
    *,
    corpus_dir: str | Path | None = None,
    out_dir: str | Path | None = None,
    cache_dir: str | Path | None = None,
    progress: bool = False,
    workers: int | None = None,
    by: str = "outlet",
) -> tuple[dict[str, pd.DataFrame], Summary]:
    """Run the corpus layer and every analysis; write tidy CSV tables to `out_dir` if given.

    `by` is the comparison unit of the corpus-level comparisons (keyness, topic shares): `outlet` or any catalog
    column, e.g. `outlet_type` or a `group` column of the researcher's."""
    paths = config.paths(corpus_dir=corpus_dir, cache_dir=cache_dir)
    corpus = paths.corpus_dir
    summary = Summary(corpus_dir=corpus)
    if not corpus.is_dir():
        raise UserError(f"corpus folder not found: {corpus}")
    files, passed = list_corpus(corpus)
    summary.skipped.extend(passed)
    code_print = fingerprint(config.PACKAGE_DIR)
    cache = paths.cache_dir / "articles"
    cache.mkdir(parents=True, exist_ok=True)

    results: list[FileResult | None] = [None] * len(files)
    todo: list[tuple[int, Path, bytes, Path]] = []
    for i, path in enumerate(files):
        try:
            raw = path.read_bytes()
        except OSError as err:
            results[i] = FileResult(file=path.name, skip=f"cannot read file: {err.strerror or err}")
            continue
        key = hashlib.sha256(b"%d|%s|%s|" % (CACHE_FORMAT, code_print.encode(), path.name.encode()) + raw).hexdigest()
        entry = cache / f"{key}.pkl"
        if entry.exists():
            try:
                with open(entry, "rb") as fh:
                    results[i] = pickle.load(fh)
                summary.reused += 1
                continue
            except Exception:  # noqa: BLE001 - a corrupt cache entry is recomputed
                entry.unlink(missing_ok=True)
        todo.append((i, path, raw, entry))

    entries = {i: entry for i, _, _, entry in todo}
    for i, result in _run(todo, progress=progress, workers=workers):
        results[i] = result
        atomic_write(entries[i], pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    tables, kept = _assemble([r for r in results if r is not None], corpus=corpus, summary=summary)
    tables.update(_corpus_tables(tables, kept, summary, by=by))
    tables.update(validation_tables(tables))
    if out_dir is not None:
        write_tables(tables, Path(out_dir))
        snapshot = {"state": corpus_state(corpus, by=by), "tables": tables, "summary": summary}
        atomic_write(Path(out_dir) / SNAPSHOT, pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL))
    return tables, summary


def _corpus_tables(tables: dict[str, pd.DataFrame], kept: list[FileResult], summary: Summary, *, by: str) -> dict[str, pd.DataFrame]:
    """Run every corpus-level analysis; flags they raise are added to the articles table and the summary."""
    out: dict[str, pd.DataFrame] = {}
    for analysis in PER_CORPUS:
        kwargs = {k: out.get(k, tables.get(k)) for k in analysis.inputs}
        if analysis.grouped:
            kwargs["articles"] = with_units(kwargs["articles"], by)
            kwargs["by"] = unit_column(by)
        if analysis.prepare is not None:
            key = _prepare_key(analysis.prepare)
            kwargs["prepared"] = {aid: p for r in kept for aid, p in r.prepared.get(key, {}).items()}
        out.update(_as_tables(analysis.name, analysis.function(tables["sentences"], **kwargs)))
        if analysis.flags:
            articles = out.get("articles", tables["articles"]).copy()
            for aid, flag in zip(out[analysis.name]["article_id"], out[analysis.name]["flag"]):
                row = articles.index[articles["article_id"] == aid]
                articles.loc[row, "flags"] = articles.loc[row, "flags"].map(lambda f: "; ".join(filter(None, [f, flag])))
            out["articles"] = articles
    articles = out.get("articles", tables["articles"])
    summary.flagged = [(file, flags) for file, flags in zip(articles["file"], articles["flags"]) if flags]
    return out


def validation_tables(tables: dict[str, pd.DataFrame], *, gold_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Agreement of every validated measure with its hand coding, on the gold articles present in the corpus."""
    present = set(tables["articles"]["article_id"]) if len(tables["articles"]) else set()
    out: dict[str, pd.DataFrame] = {}
    for v in VALIDATIONS:
        gold = agreement.load_gold(v.gold, gold_dir=gold_dir)
        gold = gold[gold["article_id"].isin(present)]
        if gold.empty or v.table not in tables:
            continue
        sentences = tables["sentences"][tables["sentences"]["article_id"].isin(set(gold["article_id"]))]
        for key, table in v.function(tables[v.table], sentences, gold).items():
            out[f"validation_{v.name}_{key}"] = table
    return out


def corpus_state(corpus_dir: Path, *, by: str = "outlet") -> str:
    """Fingerprint of the corpus folder (names, sizes, modification times), the comparison unit and the package's code."""
    digest = hashlib.sha256(f"{fingerprint(config.PACKAGE_DIR)}|{unit_column(by)}".encode())
    for path in sorted(Path(corpus_dir).iterdir()):
        try:
            info = path.lstat()
        except OSError:
            continue
        digest.update(f"{path.name}|{info.st_mode}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _run(todo, *, progress: bool, workers: int | None):
    """Process new files, in a small process pool when there are many."""
    from tqdm import tqdm

    workers = config.WORKERS if workers is None else workers
    bar = tqdm(total=len(todo), desc="articles", unit="article", disable=not progress or not todo, file=sys.stderr)
    if workers > 1 and len(todo) >= config.PARALLEL_FROM:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            jobs = [(str(path), raw) for _, path, raw, _ in todo]
            for (i, *_), result in zip(todo, pool.map(_process_job, jobs, chunksize=8)):
                bar.update()
                yield i, result
    else:
        for i, path, raw, _ in todo:
            result = process_file(path, raw)
            bar.update()
            yield i, result
    bar.close()


def _assemble(results: list[FileResult], *, corpus: Path, summary: Summary) -> tuple[dict[str, pd.DataFrame], list[FileResult]]:
    """Join per-article results with the catalog, drop exact duplicates, flag near duplicates."""
    catalog, problems = load_catalog(corpus)
    summary.warnings.extend(problems)
    summary.skipped.extend((r.file, r.skip) for r in results if r.skip)
    loaded = [r for r in results if not r.skip]
    # Of exact duplicates the catalogued file is kept, else the first by name.
    catalogued = set(catalog["article_id"])
    by_text: dict[str, str] = {}
    duplicates: set[str] = set()
    for result in sorted(loaded, key=lambda r: r.row["article_id"] not in catalogued):
        first = by_text.setdefault(result.row["text_sha256"], result.file)
        if first != result.file:
            summary.skipped.append((result.file, f"exact duplicate of {first} (same text after cleaning)"))
            duplicates.add(result.file)
    kept = [r for r in loaded if r.file not in duplicates]

    rows = []
    for result in kept:
        row = dict(result.row)
        row["flags"] = "; ".join(result.flags)
        rows.append(row)
    articles = pd.DataFrame(rows, columns=list(rows[0].keys()) if rows else ["article_id", "file", "flags"])
    texts = {r.row["article_id"]: "\n".join([*r.tables["sentences"]["text"], *r.tables["removed"]["text"]]) for r in kept}
    articles, uncatalogued = join_catalog(articles, catalog, texts)
    summary.uncatalogued.extend(uncatalogued)
    skipped_ids = {Path(f).stem: reason for f, reason in summary.skipped}
    for aid in sorted(set(catalog["article_id"]) - set(articles["article_id"])):
        if aid in skipped_ids:
            summary.warnings.append(f"{config.CATALOG_NAME} lists {aid}, whose file was skipped: {skipped_ids[aid]}")
        else:
            summary.warnings.append(f"{config.CATALOG_NAME} lists {aid}, but the corpus folder has no file for it")
    tables: dict[str, pd.DataFrame] = {"articles": articles}
    names = sorted({name for r in kept for name in r.tables})
    for name in names:
        tables[name] = _concat_packed([r.tables[name] for r in kept if name in r.tables])
    tables.setdefault("sentences", pd.DataFrame(columns=SENTENCE_COLUMNS))
    tables.setdefault("removed", pd.DataFrame(columns=REMOVED_COLUMNS))
    tables["skipped"] = pd.DataFrame(summary.skipped, columns=SKIPPED_COLUMNS)
    summary.analysed = len(articles)
    summary.words = int(articles["words"].sum()) if len(articles) else 0
    summary.outlets = articles["outlet"].nunique() if len(articles) else 0
    return tables, kept


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> None:
    """Tidy UTF-8 CSVs, one per table, each written atomically with formula-like cells escaped."""
    for name, table in tables.items():
        write_csv(table, Path(out_dir) / f"{name}.csv")


def load_tables(
    *, corpus_dir: str | Path | None = None, tables_dir: str | Path | None = None, by: str = "outlet"
) -> tuple[dict[str, pd.DataFrame], Summary]:
    """The notebooks' entry: the tables of the last extract if the corpus and code are unchanged since, else a new
    extract (cached per article, so only new or changed articles are processed)."""
    paths = config.paths(corpus_dir=corpus_dir, tables_dir=tables_dir)
    snapshot = paths.tables_dir / SNAPSHOT
    saved = None
    if snapshot.exists() and paths.corpus_dir.is_dir():
        try:
            with open(snapshot, "rb") as fh:
                saved = pickle.load(fh)
        except Exception:  # noqa: BLE001 - an unreadable snapshot is rebuilt
            saved = None
    if saved is not None and saved["state"] == corpus_state(paths.corpus_dir, by=by):
        return saved["tables"], saved["summary"]
    return extract(corpus_dir=paths.corpus_dir, out_dir=paths.tables_dir, by=by)
