"""The extract pipeline: corpus folder -> cached per-article analyses -> tidy tables.

Per-article work (load, clean, segment, and every registered per-article analysis) is cached by
the file's content hash plus a fingerprint of the package's code and codebooks, so adding one
article re-runs only that article, and editing a codebook re-runs everything it may change. The assembled
article tables are kept as Parquet segments (`store.Segments`), so a re-run reads a few files instead of every
article's entry. Corpus-level analyses keep their state in the cache's `corpus/` folder and redo only the work new
or changed articles need; a CSV is rewritten only when its table changes, copying the records it already holds.
The per-article work runs locally or on Dask (`engine`). A re-run does its work on one core; on Linux it hands a few
new articles (`_EarlyAnalysis`), the article tables' segments and CSVs (`_EarlyTables`), the comparisons (`_Detached`)
and the Parquet snapshot to forked children meanwhile.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import io
import json
import os
import stat
import struct
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import asdict, dataclass, field
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd

from . import agreement, claims, compare, config, framing, keywords, readability, reuse, sentiment, similarity, sourcing, store, text, topics
from .catalog import EXCEL_NAME, join_catalog, load_catalog, suggest_outlet
from .codebook import fingerprint, stamp_line, stamps
from .config import UserError
from .files import atomic_append, atomic_splice, atomic_write, csv_text, record_ends, remove_stale_temporaries, run_lock
from .corpus import REMOVED_COLUMNS, SENTENCE_COLUMNS, Article, Skip, display_name, load_article, sentence_columns, unit_column, with_units


@dataclass(frozen=True)
class Analysis:
    """A registered analysis: `function(sentences, **inputs)` returns a tidy table or a dict of named tables.

    `inputs` names earlier tables the function takes as keyword arguments. A corpus-level analysis may name a
    `prepare` function: its per-article half, run and cached with each article; its results reach the corpus
    function as `prepared={article_id: ...}`. An analysis with `flags=True` returns (article_id, flag) rows that
    are added to the articles' flags. A `grouped` analysis compares units (outlets, or any catalog column): it gets
    `by=` the unit column, and `articles` with that column filled. A `memo` analysis gets `memo=` (a `store.Memo`):
    its state from the last run, keyed by the articles' cache keys, so a re-run redoes only what changed. A `detached`
    analysis reads no table of the analyses after the last flags analysis: a re-run may run it in a forked child
    meanwhile (`_Detached`).
    """

    name: str
    function: Callable[..., pd.DataFrame | dict[str, pd.DataFrame]]
    inputs: tuple[str, ...] = ()
    prepare: Callable[[pd.DataFrame], dict] | None = None
    flags: bool = False
    grouped: bool = False
    memo: bool = False
    detached: bool = False


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
    Analysis("near_duplicates", reuse.textstat_near_duplicates, ("articles",), prepare=reuse.prepare_reuse, flags=True, memo=True),
    Analysis("reuse", reuse.textstat_reuse, ("articles",), prepare=reuse.prepare_reuse, memo=True),
    Analysis("reuse_rewrite", reuse.textstat_rewrites, ("articles",), prepare=reuse.prepare_reuse, memo=True),
    Analysis("similarity", similarity.textstat_similarity, ("articles",), prepare=similarity.prepare_similarity, grouped=True, memo=True),
    Analysis("keyness", keywords.textstat_keyness, ("articles",), prepare=keywords.prepare_keyness, grouped=True),
    Analysis("topics", topics.textstat_topics, ("articles", "frames"), prepare=keywords.prepare_keyness, grouped=True, memo=True),
    Analysis("comparisons", compare.textstat_comparisons, ("articles", "attributions", "sentiment", "frames", "hedging"), grouped=True,
             memo=True, detached=True),
)
# Agreement with the hand coding in analysis/gold/, computed whenever gold articles are in the corpus.
VALIDATIONS: tuple[Validation, ...] = (
    Validation("attributions", sourcing.validate_attributions, "attributions", "attributions.csv"),
    Validation("sentiment", sentiment.validate_sentiment, "sentiment", "sentiment.csv"),
    Validation("frames", framing.validate_frames, "frames", "frames_sentences.csv"),
    Validation("frames_coder2", framing.validate_frames_second_coder, "frames", "frames_sentences_coder2.csv"),
    Validation("frames_coder3", framing.validate_frames_second_coder, "frames", "frames_sentences_coder3.csv"),
    Validation("frames_coder4", framing.validate_frames_second_coder, "frames", "frames_sentences_coder4.csv"),
    Validation("frame_articles", framing.validate_frame_articles, "frames", "frames_articles.csv"),
    Validation("claims", claims.validate_claims, "claims", "claims.csv"),
)

SKIPPED_COLUMNS = ["file", "reason"]
# The last extract's tables with the corpus state they belong to, so notebooks need not extract again.
SNAPSHOT = "_snapshot"


def _as_tables(name: str, result) -> dict[str, pd.DataFrame]:
    return dict(result) if isinstance(result, dict) else {name: result}


def _prepare_key(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def analyse_article(article: Article) -> dict[str, dict[str, list]]:
    """Every per-article analysis on one article's sentence table, each table as column lists (see `_pack`).

    An analysis function may carry `columns`: the same analysis returning {table name: column lists}, stored as it
    comes, so no DataFrame is built for it per article (the tables come out the same). It gets the earlier tables it
    names as column lists too when they were made that way. The article's own tables come as the lists it holds."""
    own = ("sentences", "removed")  # the article's tables: DataFrames built only when an analysis asks for them
    tables: dict[str, pd.DataFrame] = {}
    packed: dict[str, dict[str, list]] = {}
    for analysis in PER_ARTICLE:
        columns = getattr(analysis.function, "columns", None)
        if columns is not None:
            kwargs = {k: getattr(article, k) if k in own else tables[k] if k in tables else packed.get(k) for k in analysis.inputs}
            packed.update(columns(article.columns, **kwargs))
        else:
            kwargs = {k: getattr(article, k) if k in own else tables[k] if k in tables else _concat_packed([packed[k]]) if k in packed
                      else None for k in analysis.inputs}
            tables.update(_as_tables(analysis.name, analysis.function(article.sentences, **kwargs)))
    return {"sentences": article.columns, "removed": article.removed_columns, **{name: _pack(table) for name, table in tables.items()},
            **packed}


def prepare_article(article: Article) -> dict[str, dict]:
    """The per-article halves of the corpus-level analyses (each prepare function run once)."""
    prepared: dict[str, dict] = {}
    for analysis in PER_CORPUS:
        if analysis.prepare is not None and _prepare_key(analysis.prepare) not in prepared:
            prepared[_prepare_key(analysis.prepare)] = analysis.prepare(article.columns)
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
    hint: list[str] | None = None  # the outlet the signatures codebook suggests (`suggest_outlet`), with evidence
    key: str = ""  # its cache key, set when read; `tables` is None while its tables are in the stored segments


def process_file(path: Path, raw: bytes) -> FileResult:
    """Load and analyse one file; a user's bad file becomes a skip reason, never an exception."""
    name = display_name(path.name)
    try:
        article = load_article(path, raw=raw)
    except Skip as reason:
        return FileResult(file=name, skip=str(reason))
    try:
        packed = analyse_article(article)
        prepared = prepare_article(article)
    except Exception as err:  # noqa: BLE001 - one article's failure must not stop the corpus
        return FileResult(file=name, skip=f"internal error while analysing ({type(err).__name__}: {err}); please report it")
    flags = article.flags + ([f"file name is not UTF-8 (shown as {name})"] if name != path.name else [])
    hint = list(suggest_outlet(_full_text(packed)))
    return FileResult(file=name, row=article.row, tables=packed, flags=flags, prepared=prepared, hint=hint)


def _full_text(packed: dict[str, dict[str, list]]) -> str:
    """An article's text as the outlet signatures see it: its sentences, then the lines cleaning removed."""
    return "\n".join([*packed["sentences"]["text"], *packed["removed"]["text"]])


def _pack(table: pd.DataFrame) -> dict[str, list]:
    """A table as plain column lists: stores as JSON and concatenates far faster than DataFrames."""
    return dict(zip(table.columns, sentence_columns(table, tuple(table.columns))))


def _concat_packed(parts: list[dict[str, list]], *, types: dict[str, set[str] | None] | None = None) -> pd.DataFrame:
    """One table from column lists; `types` (a dict) receives each column's cell types (`store.cell_types`)."""
    columns = list(dict.fromkeys(col for part in parts for col in part))
    data: dict[str, list] = {col: [] for col in columns}
    for part in parts:
        n = len(next(iter(part.values()), []))
        for col in columns:
            data[col].extend(part.get(col, [None] * n))
    if types is not None:
        types.update({col: store.cell_types(values) for col, values in data.items()})
    return pd.DataFrame(data, columns=columns)


def _die_with_parent() -> None:
    """In a pool worker (Linux): end when the parent process dies, so a killed run leaves no workers behind."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


_WORKER_FROZEN = False
_WORKER_PREFILTERS: tuple[Path, str] | None = None  # set by `_pool_worker`: where its prefilters are kept


def _pool_worker(prefilters: Path | None, code_print: str, code_cache: Path | None = None) -> None:
    """A pool worker's set-up: it ends with the parent (`_die_with_parent`) and takes the prefilters kept in `prefilters`
    or the parent's `code_cache` folder (`_read_prefilters`); after its first article it keeps there those it worked
    out, and the sentiment lexicon beside them (`LEXICON`), so the first re-run after a cold extract analyses its new
    article (`_EarlyAnalysis`) without parsing the codebooks' regexes and the lexicon's XML again."""
    global _WORKER_PREFILTERS
    _die_with_parent()
    if code_cache is not None:  # a spawned worker does not inherit the parent's setting
        config.CODE_CACHE_DIR = code_cache
    if prefilters is not None:
        _read_prefilters(prefilters, code_print)
        _WORKER_PREFILTERS = (prefilters, code_print)
        sentiment.keep_lexicon(prefilters.parent / LEXICON, version=_prefilters_version(code_print))


def _process_job(job: tuple[str, bytes]) -> FileResult:
    global _WORKER_FROZEN
    path, raw = job
    result = process_file(Path(path), raw)
    if not _WORKER_FROZEN:  # a worker's first article loaded the lexicons and rules: exempt them from the collector's passes
        if _WORKER_PREFILTERS is not None:
            _write_prefilters(*_WORKER_PREFILTERS)
        gc.freeze()
        _WORKER_FROZEN = True
    return result


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


def _too_large(path: Path) -> str | None:
    """Why a file is too big to be one article (checked from its size, before it is read), or None."""
    limit = config.MAX_HTML_BYTES if path.suffix.lower() in config.HTML_SUFFIXES else config.MAX_ARTICLE_BYTES
    size = path.stat().st_size
    if size > limit:
        return (f"too large for one article ({size / 1e6:,.1f} MB; the limit is {limit / 1e6:g} MB, set in "
                "analysis/config.py): split it into articles")
    return None


def list_corpus(corpus_dir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Candidate article files (sorted) and files passed over with a reason; nothing here opens a file."""
    files, passed = [], []
    for path in sorted(corpus_dir.iterdir(), key=lambda p: unicodedata.normalize("NFC", display_name(p.name))):
        name = display_name(path.name)
        if path.name in (config.CATALOG_NAME, EXCEL_NAME):
            continue
        if path.name == config.PAGES_DIRNAME and path.is_dir():
            continue  # pages fetched by `python -m analysis import`: evidence; their text is the .txt beside them
        if path.name.startswith("."):
            if path.name not in {".gitkeep", ".DS_Store"}:
                passed.append((name, "hidden file"))
            continue
        reason = _not_a_file(path) or _too_large(path)
        if reason:
            passed.append((name + ("/" if reason.startswith("folder") else ""), reason))
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
    pruned: int = 0

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

    def to_dict(self) -> dict:
        return {**asdict(self), "corpus_dir": str(self.corpus_dir)}

    @classmethod
    def from_dict(cls, data: dict) -> Summary:
        data = dict(data)
        for key in ("skipped", "flagged"):
            data[key] = [tuple(pair) for pair in data.get(key, [])]
        return cls(**{**data, "corpus_dir": Path(data["corpus_dir"])})

    @property
    def healthy(self) -> bool:
        return not (self.skipped or self.flagged or self.uncatalogued or self.warnings)


class _Clock:
    """Seconds spent per stage of a run, added into `timings` (a dict of the caller's, or nothing)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            if self.timings is not None:
                self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start


ENGINES = ("local", "dask")


def _cache_key(path: Path, code_print: str, raw: bytes | None = None) -> str | tuple[str]:
    """The cache key of a file (its name and bytes, the code and the cache version), or (why it cannot be read,)."""
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as err:
            return (f"cannot read file: {err.strerror or err}",)
    name = path.name.encode("utf-8", "surrogateescape")
    return hashlib.sha256(b"%d|%s|%s|" % (store.VERSION, code_print.encode(), name) + raw).hexdigest()


def _reload(entry: Path, path: Path) -> FileResult | None:
    """An article's result from its cache entry, else (the entry pruned meanwhile by another run) analysed again."""
    result = _read_entry(entry)
    if result is None:
        try:
            result = process_file(path, path.read_bytes())
        except OSError:
            return None
    return result


def _read_entry(entry: Path) -> FileResult | None:
    """An article's cached result, or None if missing or unreadable."""
    saved = store.load_json(entry, "article") if entry.exists() else None
    if not isinstance(saved, dict):
        return None
    try:
        return FileResult(**saved)
    except TypeError:  # an entry of another shape
        return None


def extract(
    *,
    corpus_dir: str | Path | None = None,
    out_dir: str | Path | None = None,
    cache_dir: str | Path | None = None,
    progress: bool = False,
    workers: int | None = None,
    by: str = "outlet",
    engine: str = "local",
    scheduler: str | None = None,
    timings: dict[str, float] | None = None,
) -> tuple[dict[str, pd.DataFrame], Summary]:
    """Run the corpus layer and every analysis; write tidy CSV tables to `out_dir` if given.

    `by` is the comparison unit of the corpus-level comparisons (keyness, topic shares): `outlet` or any catalog
    column, e.g. `outlet_type` or a `group` column of the researcher's. `engine` runs the per-article work in local
    processes (`local`) or on Dask (`dask`: the cluster at `scheduler`, else a LocalCluster of `workers` processes);
    both give the same tables. `timings` (a dict) receives the seconds spent per stage."""
    if engine not in ENGINES:
        raise UserError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    clock = _Clock(timings)
    store.use_system_allocator()
    paths = config.paths(corpus_dir=corpus_dir, tables_dir=out_dir, cache_dir=cache_dir)
    corpus = paths.corpus_dir
    summary = Summary(corpus_dir=corpus)
    if not corpus.is_dir():
        raise UserError(f"corpus folder not found: {corpus}")
    check_outputs(corpus, {"--cache": paths.cache_dir, **({"--out": paths.tables_dir} if out_dir is not None else {})})
    with clock("list and read files"):
        files, passed = list_corpus(corpus)
        summary.skipped.extend(passed)
        code_print = _code_fingerprint()
    cache = paths.cache_dir / "articles"
    segments = store.Segments(paths.cache_dir / "corpus" / "segments")
    with run_lock(paths.cache_dir):
        remove_stale_temporaries(cache)
        remove_stale_temporaries(paths.cache_dir)  # a killed child's half-written `PREFILTERS`
        results: list[FileResult | None] = [None] * len(files)
        todo: list[tuple[int, Path, bytes, Path]] = []
        keep: set[str] = set()
        keys: dict[int, str] = {}
        with clock("read cache"):
            for i, path in enumerate(files):
                key = _cache_key(path, code_print)
                if isinstance(key, str):
                    keys[i] = key
                    keep.add(f"{key}.json")
                else:
                    results[i] = FileResult(file=display_name(path.name), skip=key[0])
            early = _early_analysis(files, keys, cache, code_print, engine=engine)
            try:
                loaded = segments.load(set(keys.values()))
                stored = {a["key"]: a for s in loaded or [] for a in s["articles"]}
                for i, key in keys.items():
                    entry = cache / f"{key}.json"
                    if key in stored and entry.exists():  # the entry stays: it is read if the segments cannot serve
                        a = stored[key]
                        results[i] = FileResult(file=a["file"], row=a["row"], tables=None, flags=a["flags"], hint=a["hint"], key=key)
                        summary.reused += 1
                        continue
                    result = _read_entry(entry)
                    if result is not None:
                        result.key = key
                        results[i] = result
                        summary.reused += 1
                        continue
                    try:
                        raw = files[i].read_bytes()
                    except OSError as err:
                        results[i] = FileResult(file=display_name(files[i].name), skip=f"cannot read file: {err.strerror or err}")
                        continue
                    now = _cache_key(files[i], code_print, raw)
                    if now != key:  # changed since it was listed: cache what is analysed under its key
                        keep.discard(entry.name)
                        keys[i], entry = now, cache / f"{now}.json"
                        keep.add(entry.name)
                    todo.append((i, files[i], raw, entry))
                # What is loaded now lives until the tables are written: exempt it (and the imported modules) from the
                # collector's full passes, which would otherwise walk it again and again (~0.1 s on a 1,000-article re-run).
                gc.freeze()
            except BaseException:
                gc.unfreeze()
                if early is not None:
                    early.close()
                raise

        with clock("analyse new articles"):
            entries = {i: entry for i, _, _, entry in todo}
            preloaded: dict | None = None
            waited: dict = {}
            # Many new articles: their cache entries are written by a forked child after the workers end, on the core
            # the corpus stages leave idle, instead of here while both cores analyse (`_Forked`).
            deferred: list[int] | None = [] if len(todo) >= config.PARALLEL_FROM and engine == "local" and _fork_ok() else None
            try:
                served: list[tuple[int, FileResult]] = []
                if early is not None:  # the few new articles a forked child analysed while the cache was read
                    # meanwhile, read the corpus-level analyses' state here, which they would read later
                    preloaded = store.Memo.preload(paths.cache_dir / "corpus")
                    waited = _while_waiting(corpus, by=by, ready=early.ready)
                    served, todo = early.collect(todo)
                rest = _run(todo, progress=progress, workers=workers, engine=engine, scheduler=scheduler,
                            prefilters=(paths.cache_dir / PREFILTERS, code_print)) if todo else ()
                for i, result in chain(served, rest):
                    results[i] = result
                    if deferred is None:
                        store.dump_json(entries[i], "article", _entry(result))
                    else:
                        deferred.append(i)
                    result.key = keys[i]
            except BaseException:
                gc.unfreeze()
                if early is not None:
                    early.close()
                for i in deferred or ():  # interrupted: keep what was analysed, so a re-run takes it from the cache
                    store.dump_json(entries[i], "article", _entry(results[i]))
                raise
            del todo
            summary.pruned = prune_cache(cache, keep)  # the deferred entries are in `keep`
            writer = None
            if deferred and _fork_ok():
                fresh = [(entries[i], results[i]) for i in deferred]
                writer = _Forked([lambda: _write_entries(fresh)], nice=10)
                del fresh
            elif deferred:
                _write_entries([(entries[i], results[i]) for i in deferred])
        try:
            with clock("assemble tables"):
                article_keys = {r.row["article_id"]: keys[i] for i, r in enumerate(results) if r is not None and r.row and i in keys}
                where = {key: files[i] for i, key in keys.items()}
                tables, kept, types, compact = _assemble([r for r in results if r is not None], corpus=corpus, summary=summary,
                                                         segments=loaded, reload=lambda key: _reload(cache / f"{key}.json", where[key]))
                del results
            fork = deferred is not None and _fork_ok()
            # A run of few new articles (a re-run) hands work to forked children while the corpus-level analyses run
            # here (`_EarlyTables`, `_Detached`), and keeps those analyses' state in memory until its tables are
            # written (`Memo.flush`), when the snapshot's child leaves this process waiting.
            overlap = not fork and _fork_ok()
            memo = store.Memo(paths.cache_dir / "corpus", preloaded=preloaded, defer=overlap,
                              keys={a: article_keys[a] for a in tables["articles"]["article_id"] if a in article_keys})
            with ExitStack() as scope:
                if out_dir is not None:  # held from here on: a re-run writes its article tables meanwhile (`_EarlyTables`)
                    scope.enter_context(run_lock(paths.tables_dir))
                    remove_stale_temporaries(paths.tables_dir)
                    remove_stale_temporaries(paths.tables_dir / CSV_ROWS)
                scope.enter_context(run_lock(memo.folder))

                def save() -> None:
                    _store_segments(segments, kept, tables, types, loaded=None if compact else loaded)

                early = None
                if overlap or fork:  # a first extract's too: its child works once the forked corpus stages leave a core idle
                    early = _EarlyTables(tables, save=save, out_dir=paths.tables_dir if out_dir is not None else None,
                                         nice=EARLY_TABLES_NICE[fork])
                    scope.callback(early.close)
                meanwhile: dict[str, tuple[pd.DataFrame, list | None, str | None]] = {}
                encoded: dict[str, tuple[pd.DataFrame, bytes]] = {}
                ahead: dict[str, tuple[pd.DataFrame, list | None, str | None, bytes | None]] = {}

                def write_meanwhile(made: dict[str, pd.DataFrame]) -> None:
                    """The CSVs (and the snapshot's Parquet) of the corpus-level tables made so far, not the article tables
                    `early` writes, made while the comparisons' child works: those still current are kept at the end."""
                    with clock("write CSV"):
                        previous = _csv_index(paths.tables_dir)
                        mine = {name: table for name, table in made.items() if name not in early.names and name not in meanwhile}
                        for name, table in mine.items():
                            meanwhile[name] = (table, *_write_table(table, paths.tables_dir, name, previous.get(name)))
                        parquet = _snapshot_parquet({name: (table, meanwhile[name][2]) for name, table in mine.items()},
                                                    paths.tables_dir)
                        encoded.update({name: (mine[name], data) for name, data in parquet.items()})

                forked_csvs: list[tuple[dict[str, pd.DataFrame], _Forked]] = []

                def write_forked(made: dict[str, pd.DataFrame]) -> None:
                    """A first extract's: the CSVs of the corpus-level tables made so far, once they hold CSV_MEANWHILE_CELLS
                    cells, written by a forked child while the next stages run here (taken at the end, those still current)."""
                    mine = {name: table for name, table in made.items()
                            if name not in early.names and not any(name in handed for handed, _ in forked_csvs)}
                    if mine and sum(table.size for table in mine.values()) >= CSV_MEANWHILE_CELLS:
                        with clock("write CSV"):
                            previous = _csv_index(paths.tables_dir)
                            child = _Forked([lambda: _csvs_written(mine, paths.tables_dir, previous)], quiet=True, nice=5)
                        scope.callback(child.close)
                        forked_csvs.append((mine, child))

                tables.update(_corpus_tables(tables, kept, summary, by=by, clock=clock, memo=memo,
                                             store_segments=None if early is not None else save, fork=fork,
                                             made=write_forked if fork and early is not None and out_dir is not None else None,
                                             idle=write_meanwhile if early is not None and out_dir is not None else None,
                                             out_dir=paths.tables_dir if early is not None and out_dir is not None else None,
                                             ahead=ahead, scope=scope))
                if early is not None and not early.stored(timings):  # the child failed: store them here
                    with clock("store tables"):
                        save()
                del kept
                with clock("validation"):
                    tables.update(validation_tables(tables, inputs=waited.get("validation")))
                if out_dir is not None:
                    meta = {"state": waited.get("state") or corpus_state(corpus, by=by), "summary": summary.to_dict()}
                    with clock("write CSV"):  # what the children and the wait for the comparisons made meanwhile
                        hashed = early.digests() if early is not None else {}
                        encoded.update(early.parquet() if early is not None else {})
                        written = {**early.written(), **meanwhile} if early is not None else {}
                        for handed, child in forked_csvs:  # waited for: it began while the last stages ran here
                            sent = child.result(0)
                            got = json.loads(sent) if sent is not None else {}
                            written.update({name: (handed[name], *got[name]) for name in handed if name in got})
                        # the comparisons' CSVs and Parquet, made by their child (`_Detached.ahead`)
                        written.update({name: (table, entry, digest) for name, (table, entry, digest, _) in ahead.items()})
                        encoded.update({name: (table, data) for name, (table, _, _, data) in ahead.items() if data is not None})
                        made = {name: data for name, (table, data) in encoded.items() if tables.get(name) is table}
                        known = {name: digest for name, (table, digest) in hashed.items() if tables.get(name) is table}
                        known.update({name: digest for name, (table, _, digest) in written.items() if tables.get(name) is table})
                    # The Parquet snapshot is written by a forked child (it works out the digests of the tables not in
                    # `known` itself) while a re-run's corpus-level state, then the CSVs, are written here (meanwhile, the
                    # article tables' child writes more of its CSVs).
                    snapshot = None
                    if _fork_ok():
                        gc.freeze()  # see `_early_analysis`
                        snapshot = _Forked([lambda: _write_snapshot(paths.tables_dir, tables, meta, n_articles=summary.analysed,
                                                                    digests=known, encoded=made)], quiet=True)
                    try:
                        with clock("store corpus state"):
                            memo.flush()
                        with clock("write CSV"):
                            digests = write_tables(tables, paths.tables_dir, written=written, shared=early)
                        with clock("write Parquet"):
                            if snapshot is None or snapshot.result(0) != _DONE:  # no child, or it failed: write it here
                                _write_snapshot(paths.tables_dir, tables, meta, n_articles=summary.analysed, digests=digests)
                    finally:
                        if snapshot is not None:
                            snapshot.close()
                with clock("store corpus state"):
                    memo.flush()
        finally:
            gc.unfreeze()  # a notebook kernel that extracts again must not keep this run's objects frozen
            if writer is not None:  # the cache lock is held until the child has written the entries
                with clock("wait for cache entries"):
                    failed = writer.result(0) is None
                    writer.close()
                if timings is not None:
                    timings["write cache entries (in parallel)"] = writer.seconds[0] if writer.seconds else 0.0
                if failed:
                    print("warning: could not write the cache entries of this run's new articles (see the error above); "
                          "they will be analysed again next time", file=sys.stderr)
    return tables, summary


def _write_snapshot(tables_dir: Path, tables: dict[str, pd.DataFrame], meta: dict, *, n_articles: int,
                    digests: dict[str, str | None] | None = None, encoded: dict[str, bytes] | None = None) -> bytes:
    """The tables as the Parquet snapshot (`SNAPSHOT`, with `meta`) and, for a large corpus, as partitioned Parquet;
    `digests` are the `store.table_digest`s of the tables known (the others are worked out here), `encoded` the
    Parquet of tables made ahead (`_snapshot_parquet`)."""
    store.save_tables(tables_dir / SNAPSHOT, tables, meta, digests=digests, encoded=encoded)
    if n_articles >= config.PARQUET_PARTS_FROM:
        store.save_partitions(tables_dir / "parquet", tables, n_articles=n_articles)
    return _DONE


_DONE = b"done"


def _snapshot_parquet(tables: dict[str, tuple[pd.DataFrame, str | None]], tables_dir: Path) -> dict[str, bytes]:
    """The Parquet (`store.parquet_bytes`) `_write_snapshot` writes for each (table, digest) whose digest is not the
    last snapshot's, made ahead by a forked child or while this process would wait."""
    index = tables_dir / SNAPSHOT / "meta.json"
    last = store.load_json(index, "snapshot") if index.exists() else None
    seen = last.get("digests", {}) if isinstance(last, dict) and isinstance(last.get("digests"), dict) else {}
    return {name: store.parquet_bytes(table) for name, (table, digest) in tables.items()
            if digest is None or seen.get(name) != digest}


def _joined_bytes(parts: dict[str, bytes]) -> bytes:
    """Named byte strings as one (a JSON line of names and sizes, then the bytes), for a forked child to send."""
    return json.dumps([[name, len(data)] for name, data in parts.items()]).encode() + b"\n" + b"".join(parts.values())


def _split_bytes(data: bytes) -> dict[str, bytes] | None:
    """The named byte strings of `_joined_bytes`, or None if `data` is not such."""
    head, _, body = data.partition(b"\n")
    try:
        out, at = {}, 0
        for name, size in json.loads(head):
            out[str(name)], at = body[at : at + size], at + size
    except (ValueError, TypeError):
        return None
    return out if at == len(body) else None


def check_outputs(corpus: Path, outputs: dict[str, Path]) -> None:
    """Refuse, before anything is written, output folders that would overwrite input: the corpus folder itself, a
    folder inside it or around it, a path that is an existing file, or a folder that cannot be written."""
    corpus = corpus.resolve()
    for option, folder in outputs.items():
        folder = folder.resolve()
        if folder == corpus or corpus in folder.parents or folder in corpus.parents:
            raise UserError(f"{option} {folder} is the corpus folder or contains it or lies inside it: outputs would mix "
                            f"with your articles and could overwrite them; choose a folder outside {corpus}")
        existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
        if folder.exists() and not folder.is_dir():
            raise UserError(f"{option} {folder} is a file, not a folder: choose a folder")
        if existing is not None and existing.is_dir() and not os.access(existing, os.W_OK | os.X_OK):
            raise UserError(f"{option} {folder}: cannot write in {existing} (permission denied); choose a folder you can write")


def prune_cache(cache: Path, keep: set[str]) -> int:
    """Delete cache entries the current corpus and code do not use; returns how many."""
    pruned = 0
    if cache.is_dir():
        for entry in cache.iterdir():
            if entry.name not in keep and entry.suffix in (".json", ".pkl"):
                entry.unlink(missing_ok=True)
                pruned += 1
    return pruned


def _corpus_tables(tables: dict[str, pd.DataFrame], kept: list[FileResult], summary: Summary, *, by: str,
                   clock: _Clock | None = None, memo: store.Memo | None = None,
                   store_segments: Callable[[], None] | None = None, fork: bool = False,
                   idle: Callable[[dict[str, pd.DataFrame]], None] | None = None, out_dir: Path | None = None,
                   ahead: dict[str, tuple[pd.DataFrame, list | None, str | None, bytes | None]] | None = None,
                   scope: ExitStack | None = None,
                   made: Callable[[dict[str, pd.DataFrame]], None] | None = None) -> dict[str, pd.DataFrame]:
    """Run every corpus-level analysis; flags they raise are added to the articles table and the summary.

    An analysis registered with `memo=True` also gets `memo` (its state from the last run, keyed by the articles'
    cache keys) so it can redo only the work new or changed articles need. `store_segments` (keeping the article
    tables for the next run) runs first. With `fork` (a large run, `_fork_ok`), it and the `background` part of
    analyses that have one (topics: the NMF fit) run in a forked child on the core this process leaves idle, while
    the other analyses run here; the tables are the same (the same code on the same inputs). `idle` is called with
    the tables made so far once this process would wait for a `detached` analysis' child (a re-run writes CSVs).
    With `out_dir`, that child also writes the CSVs of the tables it made and their snapshot Parquet, once it has
    sent them; `ahead` receives those this process took (`_Detached.ahead`). With `scope`, that child, once it has
    answered every task, is waited for when `scope` closes, not before this returns: it exits while the last stages
    run here. `made` is called with the tables made so far after each analysis but the last (a first extract hands
    large ones to a forked child that writes their CSVs meanwhile)."""
    out: dict[str, pd.DataFrame] = {}
    clock = clock or _Clock(None)

    def prepared_for(analysis: Analysis) -> dict:
        key = _prepare_key(analysis.prepare)
        return {aid: p for r in kept for aid, p in r.prepared.get(key, {}).items()}

    def run(analysis: Analysis) -> dict[str, pd.DataFrame]:
        kwargs = {k: out.get(k, tables.get(k)) for k in analysis.inputs}
        if analysis.grouped:
            kwargs["articles"] = with_units(kwargs["articles"], by)
            kwargs["by"] = unit_column(by)
        if analysis.prepare is not None:
            kwargs["prepared"] = prepared_for(analysis)
        if analysis.memo and memo is not None:
            kwargs["memo"] = memo
        if child is not None and analysis.name in waited:
            kwargs["background"] = lambda at=waited[analysis.name]: child.result(at)
        return _as_tables(analysis.name, analysis.function(tables["sentences"], **kwargs))

    # A re-run (no `fork`): the `detached` analyses run in a forked child started once the analyses that add flags to
    # the articles have run, while the others run here (`_Detached`).
    detached = None if fork or not _fork_ok() else _Detached.plan(PER_CORPUS)
    child, tasks, waited, labels = None, [], {}, []
    if fork:
        for analysis in PER_CORPUS:
            work = getattr(analysis.function, "background", None)
            if work is not None:
                prepared = prepared_for(analysis) if analysis.prepare is not None else None
                memo_arg = memo if analysis.memo else None
                waited[analysis.name] = len(tasks)
                labels.append(f"{analysis.name}: {work.__name__} (in parallel)")
                tasks.append(lambda work=work, prepared=prepared, memo_arg=memo_arg:
                             work(tables["sentences"], memo=memo_arg, prepared=prepared))
        if store_segments is not None:
            tasks.append(lambda: store_segments() or b"")
            labels.append("store tables (in parallel)")
        child = _Forked(tasks) if tasks else None
    elif store_segments is not None:
        with clock("store tables"):
            store_segments()
    try:
        for k, analysis in enumerate(PER_CORPUS):
            if detached is not None and k == detached.start:
                detached.begin(run, out, out_dir=out_dir, memo=memo)
            if idle is not None and detached is not None and detached.waits(analysis, out):
                idle(out)
            with clock(analysis.name):
                got = detached.tables(analysis, out, clock) if detached is not None else None
                out.update(run(analysis) if got is None else got)
                if analysis.flags:
                    out["articles"] = _add_flags(out.get("articles", tables["articles"]), out[analysis.name])
            if made is not None and k + 1 < len(PER_CORPUS):
                made(out)
        if detached is not None and ahead is not None:
            ahead.update(detached.ahead(out))
        if child is not None:
            with clock("wait for the parallel work"):
                stored = child.result(len(tasks) - 1)
                child.close()
            if clock.timings is not None:  # the child's own seconds, spent while the stages above ran here
                clock.timings.update(zip(labels, child.seconds))
            if store_segments is not None and stored is None:
                with clock("store tables"):
                    store_segments()
    finally:
        if child is not None:
            child.close()
        if detached is not None and scope is not None and detached.answered():
            scope.callback(detached.close)
        elif detached is not None:
            detached.close()
    articles = out.get("articles", tables["articles"])
    summary.flagged = [(file, flags) for file, flags in zip(articles["file"], articles["flags"]) if flags]
    return out


class _Detached:
    """The `detached` analyses of a re-run, run in a forked child (`_Forked`) while the analyses after the last one that
    adds flags run here. Their tables come back as Arrow (`store.tables_bytes`) and are taken only where they read back
    exactly as made and no analysis run here meanwhile made a table they read; otherwise (or when the child fails) the
    analysis runs here, as without the child."""

    def __init__(self, analyses: list[Analysis], start: int) -> None:
        self.analyses, self.start = analyses, start
        self._child: _Forked | None = None
        self._at: dict[str, int] = {}
        self._seen: dict[str, pd.DataFrame] = {}
        self._taken: dict[str, pd.DataFrame] = {}  # the tables taken from the child
        self._wrote: int | None = None  # the child's task writing their CSVs and Parquet (`ahead`)

    @classmethod
    def plan(cls, analyses: tuple[Analysis, ...]) -> _Detached | None:
        """Detached analyses after the last flags analysis (they see the final articles), or None."""
        start = 1 + max((k for k, a in enumerate(analyses) if a.flags), default=-1)
        chosen = [a for a in analyses[start:] if a.detached and not a.flags]
        return cls(chosen, start) if chosen else None

    def begin(self, run: Callable[[Analysis], dict[str, pd.DataFrame]], out: dict[str, pd.DataFrame], *,
              out_dir: Path | None = None, memo: store.Memo | None = None) -> None:
        """Start the child: each analysis by `run` on the tables `out` holds now; with `out_dir`, their CSVs (as
        `write_tables` writes them) and snapshot Parquet (`_snapshot_parquet`), which this process would otherwise
        make last (`ahead`), made before the last analysis' tables are sent (a large message waits in the pipe until
        this process reads it, later). State an analysis saves in `memo` there is written by the child (this process
        never sees it)."""
        self._seen = dict(out)
        tasks: list[Callable[[], bytes]] = []
        made: dict[str, pd.DataFrame] = {}
        extras: list[bytes] = []
        before = memo.deferred() if memo is not None else set()

        def tables(analysis: Analysis, *, last: bool) -> bytes:
            got = run(analysis)
            saved = memo.deferred() - before if memo is not None else set()
            if saved:  # not written: the next run redoes what the state would have spared it
                with suppress(Exception):
                    memo.flush(*saved)
            data = store.tables_bytes(got)
            if data is not None:  # sent as they are: this process may take them
                made.update(got)
            if last and out_dir is not None and made:
                with suppress(Exception):  # not made (`ahead` gives none): this process makes them, as without the child
                    extras.append(write())
            return data

        def write() -> bytes:
            previous = _csv_index(out_dir)
            hashed = {name: _hashed(table) for name, table in made.items()}
            entries = {name: _write_table(table, out_dir, name, previous.get(name), hashed=hashed[name])
                       for name, table in made.items()}
            parquet = _snapshot_parquet({name: (table, hashed[name][1]) for name, table in made.items()}, out_dir)
            return _joined_bytes({"": json.dumps(entries).encode(), **{f"parquet:{n}": d for n, d in parquet.items()}})

        for k, analysis in enumerate(self.analyses):
            self._at[analysis.name] = len(tasks)
            tasks.append(lambda analysis=analysis, last=k == len(self.analyses) - 1: tables(analysis, last=last))
        if out_dir is not None:
            tasks.append(lambda: extras[0])  # fails (None: nothing ahead) where they were not made
            self._wrote = len(tasks) - 1
        self._n_tasks = len(tasks)
        gc.freeze()  # see `_early_analysis`
        self._child = _Forked(tasks, quiet=True)

    def answered(self) -> bool:
        """Whether the child has answered every task (it is only exiting), or was never started."""
        return self._child is None or self._child.done(self._n_tasks - 1)

    def waits(self, analysis: Analysis, out: dict[str, pd.DataFrame]) -> bool:
        """Whether `tables` would take the child's tables of `analysis` and wait for them."""
        at = self._at.get(analysis.name)
        return (self._child is not None and at is not None and not self._child.done(at)
                and all(out.get(n) is self._seen.get(n) for n in analysis.inputs))

    def tables(self, analysis: Analysis, out: dict[str, pd.DataFrame], clock: _Clock) -> dict[str, pd.DataFrame] | None:
        """The child's tables of `analysis`, or None (run it here): also when a table it reads in `out` was made or
        replaced here since the child started."""
        if self._child is None or analysis.name not in self._at or any(out.get(n) is not self._seen.get(n) for n in analysis.inputs):
            return None
        data = self._child.result(self._at[analysis.name])
        if clock.timings is not None and len(self._child.seconds) > self._at[analysis.name]:
            clock.timings[f"{analysis.name} (in parallel)"] = self._child.seconds[self._at[analysis.name]]
        got = store.tables_from_bytes(data) if data else None
        self._taken.update(got or {})
        return got

    def ahead(self, out: dict[str, pd.DataFrame]) -> dict[str, tuple[pd.DataFrame, list | None, str | None, bytes | None]]:
        """For each table taken from the child and still in `out`: that table, the entry of the CSV the child wrote in
        the digest index (or None), its digest and its snapshot Parquet (None where the last snapshot's is current).
        Waits for the child, which writes them right after sending its tables; empty if it failed."""
        if self._child is None or self._wrote is None or not self._taken:
            return {}
        data = self._child.result(self._wrote)
        parts = _split_bytes(data) if data else None
        entries = store.loads_json(parts.get("")) if parts and "" in parts else None
        if not isinstance(entries, dict):
            return {}
        return {name: (table, entries[name][0], entries[name][1], parts.get(f"parquet:{name}"))
                for name, table in self._taken.items()
                if out.get(name) is table and isinstance(entries.get(name), list) and len(entries[name]) == 2}

    def close(self) -> None:
        if self._child is not None:
            self._child.close()


# The nice value of `_EarlyTables`' child: a re-run's (False) a little nicer than the comparisons' child (`_Detached`)
# and this process, which the run waits for sooner; a first extract's (True) nicer still, so the corpus stages here and
# the topics fit's child (`_corpus_tables`) keep the cores first.
EARLY_TABLES_NICE = {False: 5, True: 10}


class _EarlyTables:
    """The article tables are final once assembled (the corpus-level analyses add tables, and flags only to a new
    `articles`): a forked child (`_Forked`) keeps them in the cache's segments (`save`), hashes them, makes the
    snapshot's Parquet of those that changed and writes their CSVs to `out_dir` one by one, while the corpus-level
    analyses run here, on the core those leave idle (a re-run's; a first extract's once its forked corpus stages end). What the child has not done when it is needed (it failed, or a
    table was replaced meanwhile) is done here, as without the child. Each CSV is written by the process that claims
    it first (`claim`): this one, once its other tables are written, takes them from the last on while the child goes
    on from the first, so neither waits for the other's CSVs nor writes one the other writes."""

    def __init__(self, tables: dict[str, pd.DataFrame], *, save: Callable[[], None], out_dir: Path | None, nice: int = 5) -> None:
        import multiprocessing

        self._tables = dict(tables)
        self.names = frozenset(tables)
        context = multiprocessing.get_context("fork")
        try:
            self._claims = context.RawArray("b", len(tables))  # per table: 1 once the child claimed its CSV, 2 once this process did
            self._lock = context.Lock()
        except OSError:  # no shared semaphore here: the CSVs are all written by this process
            out_dir = None
        self.shares = self.names if out_dir is not None else frozenset()  # the tables whose CSVs the child may write
        tasks = [lambda: save() or b""]
        if out_dir is not None:
            previous = _csv_index(out_dir)
            hashed: dict[str, tuple[np.ndarray | None, str | None]] = {}

            def digests() -> bytes:
                hashed.update({name: _hashed(table) for name, table in self._tables.items()})
                return json.dumps({name: digest for name, (_, digest) in hashed.items()}).encode()

            def write(name: str) -> bytes:
                if not self._claim(name, by=1):
                    return b"null"  # this process writes it
                entry = _write_table(self._tables[name], out_dir, name, previous.get(name), hashed=hashed[name])
                return json.dumps(entry).encode()

            def parquet() -> bytes:
                parts = _snapshot_parquet({name: (self._tables[name], hashed[name][1]) for name in hashed}, out_dir)
                fd, path = tempfile.mkstemp(prefix=".snapshot-parquet.", suffix=".tmp", dir=out_dir)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(_joined_bytes(parts))
                return path.encode()

            tasks.append(digests)
            # the snapshot's Parquet of the tables that changed, for its child (`_write_snapshot`), in a temporary file
            # whose name is sent (a large message would wait in the pipe until this process reads it, when the
            # snapshot's child is started, and hold up the CSVs), then the CSVs
            tasks.append(parquet)
            tasks += [lambda name=name: write(name) for name in self._tables]
        gc.freeze()  # see `_early_analysis`
        self._child = _Forked(tasks, quiet=True, nice=nice)
        self._n_tasks = len(tasks)

    def stored(self, timings: dict[str, float] | None) -> bool:
        """Wait for the segments; False if the child failed to store them."""
        done = self._child.result(0) is not None
        if timings is not None and self._child.seconds:
            timings["store tables (in parallel)"] = self._child.seconds[0]
        return done

    def _ready(self, at: int) -> bytes | None:
        return self._child.result(at) if at < self._n_tasks and self._child.done(at) else None

    def digests(self) -> dict[str, tuple[pd.DataFrame, str | None]]:
        """Each table's digest (`store.table_digest`) with the table it is of, if the child has worked them out by now."""
        data = self._ready(1)
        saved = store.loads_json(data) if data else None
        return {name: (self._tables[name], digest) for name, digest in saved.items() if name in self._tables} \
            if isinstance(saved, dict) else {}

    def parquet(self) -> dict[str, tuple[pd.DataFrame, bytes]]:
        """The snapshot's Parquet of the tables that changed (`_snapshot_parquet`), each with the table it is of, if the
        child has made them by now (read from its temporary file, then removed)."""
        path = self._ready(2)
        data = None
        if path:
            with suppress(OSError):
                data = Path(path.decode()).read_bytes()
            Path(path.decode()).unlink(missing_ok=True)
        parts = _split_bytes(data) if data else None
        return {name: (self._tables[name], part) for name, part in (parts or {}).items() if name in self._tables}

    def written(self) -> dict[str, tuple[pd.DataFrame, list | None, str | None]]:
        """Each CSV the child has written by now (without waiting): the table written, its entry in the digest index
        (or None) and its digest."""
        out = {}
        for name in self._tables:
            got = self._written(name, wait=False)
            if got is not None:
                out[name] = got
        return out

    def _written(self, name: str, *, wait: bool) -> tuple[pd.DataFrame, list | None, str | None] | None:
        at = 3 + list(self._tables).index(name)
        payload = self._child.result(at) if wait else self._ready(at)
        saved = store.loads_json(payload) if payload else None
        return (self._tables[name], *saved) if isinstance(saved, list) and len(saved) == 2 else None

    def _claim(self, name: str, *, by: int) -> bool:
        """Claim the writing of `name`'s CSV for the child (`by` 1) or this process (2): False if the other has."""
        k = list(self._tables).index(name)
        # this process never waits long: a child that died holding the lock has claimed nothing more
        if not self._lock.acquire(timeout=None if by == 1 else 1.0):
            return False
        try:
            if self._claims[k]:
                return self._claims[k] == by
            self._claims[k] = by
            return True
        finally:
            self._lock.release()

    def claim(self, name: str) -> tuple[pd.DataFrame, list | None, str | None] | None:
        """Before this process writes `name`'s CSV: None if it is now its to write (the child has not begun it and
        never will), else what the child wrote (waited for) as `written` gives it, or None if it failed."""
        return None if self._claim(name, by=2) else self._written(name, wait=True)

    def close(self) -> None:
        self._child.close()
        path = self._ready(2) if self._n_tasks > 2 else None  # its temporary file, if `parquet` did not take it
        if path:
            Path(path.decode()).unlink(missing_ok=True)


def _add_flags(articles: pd.DataFrame, flagged: pd.DataFrame) -> pd.DataFrame:
    """`articles` with each (article_id, flag) row of `flagged` appended to that article's flags."""
    extra: dict[str, list[str]] = {}
    for aid, flag in zip(flagged["article_id"], flagged["flag"]):
        extra.setdefault(aid, []).append(flag)
    if not extra:
        return articles
    articles = articles.copy()
    articles["flags"] = [
        "; ".join(filter(None, [f, *extra[a]])) if a in extra else f for a, f in zip(articles["article_id"], articles["flags"])
    ]
    return articles


def validation_inputs(*, gold_dir: Path | None = None) -> dict:
    """What `validation_tables` reads: each gold file's hand coding, the committed in-sample agreement tables and the
    committed out-of-sample results (a re-run reads them while it waits for its new articles' analysis)."""
    from .oos import last_results

    return {"gold": {v.gold: agreement.load_gold(v.gold, gold_dir=gold_dir) for v in VALIDATIONS},
            "insample": agreement.last_insample(gold_dir=gold_dir), "oos": last_results()}


def validation_tables(tables: dict[str, pd.DataFrame], *, gold_dir: Path | None = None,
                      inputs: dict | None = None) -> dict[str, pd.DataFrame]:
    """Agreement of every validated measure with its hand coding, on the gold articles present in the corpus (else
    `validation_<name>_last`, the last committed in-sample table); and the committed out-of-sample agreement
    (`validation_oos`, from `python -m analysis validate`), whatever the corpus. `inputs`: `validation_inputs`, read
    already (else read here)."""
    from .oos import last_results

    present = set(tables["articles"]["article_id"]) if len(tables["articles"]) else set()
    out: dict[str, pd.DataFrame] = {"validation_oos": inputs["oos"] if inputs else last_results()}
    committed: dict[str, pd.DataFrame] | None = inputs["insample"] if inputs else None
    for v in VALIDATIONS:
        gold = inputs["gold"][v.gold] if inputs else agreement.load_gold(v.gold, gold_dir=gold_dir)
        gold = gold[np.array([a in present for a in gold["article_id"].tolist()], dtype=bool)]  # faster than .isin
        if gold.empty or v.table not in tables:
            committed = agreement.last_insample(gold_dir=gold_dir) if committed is None else committed
            last = committed.get(f"validation_{v.name}_agreement")
            if last is not None:
                out[f"validation_{v.name}_last"] = last
            continue
        sentences = tables["sentences"][tables["sentences"]["article_id"].isin(set(gold["article_id"]))]
        for key, table in v.function(tables[v.table], sentences, gold).items():
            out[f"validation_{v.name}_{key}"] = table
    return out


def _while_waiting(corpus: Path, *, by: str, ready: Callable[[], bool]) -> dict:
    """Reading of the later stages that needs no table, done while a forked child analyses the new articles
    (`_EarlyAnalysis`), until it is `ready`: the codebooks the comparisons and topics read (parsed once per process;
    the children forked later have them), `validation_inputs` ("validation") and the corpus state ("state", as the
    files were read). What is left is done where it is needed."""
    steps = {"codebooks": lambda: (sourcing.source_type_order(), framing.frame_order(), keywords.stopwords()),
             "validation": validation_inputs, "state": lambda: corpus_state(corpus, by=by)}
    done = {}
    for name, step in steps.items():
        if ready():
            break
        done[name] = step()
    return done


def corpus_state(corpus_dir: Path, *, by: str = "outlet") -> str:
    """Fingerprint of the corpus folder (names, sizes, modification times), the comparison unit, the package's code and
    codebooks, and its hand coding (names, sizes, modification times: 40 MB not read again at every notebook's start)."""
    package = f"{_code_fingerprint()}|{stamps(config.GOLD_DIR)}"
    digest = hashlib.sha256(f"{package}|{unit_column(by)}".encode())
    for path in sorted(Path(corpus_dir).iterdir()):
        digest.update(stamp_line(path, path.name))
    return digest.hexdigest()


def _run(todo, *, progress: bool, workers: int | None, engine: str = "local", scheduler: str | None = None,
         prefilters: tuple[Path, str] | None = None):
    """Process new files: in this process, a small process pool when there are many, or on Dask (a LocalCluster only
    for config.PARALLEL_FROM files or more: starting one costs more than analysing a few). `prefilters` (the file and
    the code fingerprint) is where the pool's workers keep the prefilters they work out (`_pool_worker`)."""
    from tqdm import tqdm

    workers = config.WORKERS if workers is None else workers
    bar = tqdm(total=len(todo), desc="articles", unit="article", disable=not progress or not todo, file=sys.stderr)
    if engine == "dask" and (scheduler or len(todo) >= config.PARALLEL_FROM):  # a few new files: not worth a cluster
        for i, result in _run_dask(todo, workers=workers, scheduler=scheduler):
            bar.update()
            yield i, result
    elif workers > 1 and len(todo) >= config.PARALLEL_FROM:
        with ProcessPoolExecutor(max_workers=workers, initializer=_pool_worker,
                                 initargs=(*(prefilters or (None, "")), config.CODE_CACHE_DIR)) as pool:
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


DASK_BATCH = 16  # files per Dask task: one task per file would spend more on scheduling than on the article


class _EarlyAnalysis:
    """A few new articles analysed in a forked child (`_Forked`) while this process reads the cache: a re-run after
    adding an article pays its analysis (and the first article's loading of lexicons and rules) on the core the reading
    leaves idle. Each result comes back as its cache entry's JSON and is read as a cache entry is (`_read_entry`), so
    the tables are those of a run that finds it in the cache."""

    def __init__(self, jobs: dict[int, tuple[Path, str]], code_print: str, *, prefilters: Path) -> None:
        self.order = list(jobs)
        tasks = [lambda path=path, key=key: _early_entry(path, key, code_print) for path, key in jobs.values()]
        started: list[bool] = []  # in the child: its first task has read the prefilters

        def start(first=tasks[0]) -> bytes:
            sentiment.keep_lexicon(prefilters.parent / LEXICON, version=_prefilters_version(code_print))
            _read_prefilters(prefilters, code_print)
            started.append(True)
            return first()

        tasks[0] = start

        def last(task=tasks[-1]) -> bytes:
            try:
                return task()
            finally:  # the prefilters this child compiled, also when its last article failed
                if started:
                    _write_prefilters(prefilters, code_print)

        tasks[-1] = last
        self._child = _Forked(tasks, quiet=True)

    def ready(self) -> bool:
        """Whether the child has sent every result (collecting them now waits no more)."""
        return self._child.done(len(self.order) - 1)

    def collect(self, todo: list[tuple[int, Path, bytes, Path]]
                ) -> tuple[list[tuple[int, FileResult]], list[tuple[int, Path, bytes, Path]]]:
        """The results of `todo` the child analysed under the same cache key (as `_run` yields them), and the rest of
        `todo` (changed meanwhile, or the child failed), to be analysed here."""
        at = {i: k for k, i in enumerate(self.order)}
        served, rest = [], []
        for job in todo:
            i, _, _, entry = job
            payload = self._child.result(at[i]) if i in at else None
            saved = store.loads_json(payload) if payload else None
            try:
                result = FileResult(**saved["result"]) if isinstance(saved, dict) and saved.get("key") == entry.stem else None
            except TypeError:
                result = None
            (rest.append(job) if result is None else served.append((i, result)))
        self.close()
        return served, rest

    def close(self) -> None:
        self._child.close()


def _early_entry(path: Path, key: str, code_print: str) -> bytes:
    """`_EarlyAnalysis`'s task: one file analysed, as {"key": its cache key now, "result": its cache entry} (JSON)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return b""
    now = _cache_key(path, code_print, raw)
    return store.dumps_json({"key": now, "result": _entry(process_file(path, raw))}) if now == key else b""


def _early_analysis(files: list[Path], keys: dict[int, str], cache: Path, code_print: str, *, engine: str) -> _EarlyAnalysis | None:
    """Start `_EarlyAnalysis` for the files without a cache entry, when they are few (analysed in this process
    otherwise, `_run`) and a fork is possible; None otherwise."""
    jobs = {i: (files[i], key) for i, key in keys.items() if not (cache / f"{key}.json").exists()}
    if not jobs or len(jobs) >= config.PARALLEL_FROM or engine != "local" or not _fork_ok():
        return None
    gc.freeze()  # the child's collector leaves this process's objects alone (their pages stay shared); `extract` unfreezes
    return _EarlyAnalysis(jobs, code_print, prefilters=cache.parent / PREFILTERS)


PREFILTERS = "prefilters.json"  # in the cache folder: the codebook regexes' prefilters (`text.prefilter`) of this code
LEXICON = "sentiment_lexicon.json"  # in the cache folder: pattern's parsed sentiment lexicon (`sentiment.keep_lexicon`)


def _prefilters_version(code_print: str) -> str:
    return f"{code_print}|{sys.version}"  # the regex parser the prefilters come from is Python's


def _prefilter_files(path: Path) -> tuple[Path, ...]:
    """Where prefilters are kept: the corpus's cache folder, then the code cache every corpus shares (they depend on
    the code alone, so a new corpus's workers need not work them out again)."""
    shared = config.CODE_CACHE_DIR / PREFILTERS
    return (path,) if path == shared else (path, shared)


def _saved_prefilters(path: Path, code_print: str) -> list | None:
    """The rows kept in `path` by a process of this code (and Python), else None."""
    saved = store.load_json(path, "prefilters")
    if isinstance(saved, dict) and saved.get("version") == _prefilters_version(code_print) and isinstance(saved.get("rows"), list):
        return saved["rows"]
    return None


def _read_prefilters(path: Path, code_print: str) -> bool:
    """Take the prefilters another process of this code worked out (`_write_prefilters`), from the corpus's cache
    folder or else the shared code cache: a fresh process analysing a few articles need not parse the codebooks'
    regexes again. Whether any were taken."""
    return any(rows is not None and text.add_prefilters(rows)
               for rows in (_saved_prefilters(candidate, code_print) for candidate in _prefilter_files(path)))


def _write_prefilters(path: Path, code_print: str) -> None:
    """Keep the prefilters this process knows in `path` and in the shared code cache, each where some are missing
    (read again here: another process may have written it meanwhile)."""
    rows = text.known_prefilters()
    for target in _prefilter_files(path):
        kept = _saved_prefilters(target, code_print)
        have = {tuple(row[:3]) for row in kept} if kept is not None else set()
        if any(tuple(row[:3]) not in have for row in rows):
            try:
                store.dump_json(target, "prefilters", {"version": _prefilters_version(code_print), "rows": rows})
            except OSError:  # a folder that cannot be written: the next process works them out again
                pass


def _process_batch(jobs: list[tuple[str, bytes]]) -> list[FileResult]:
    return [_process_job(job) for job in jobs]


def _code_fingerprint() -> str:
    """What per-article results depend on: the package's code and codebooks (not the hand coding in gold/)."""
    return fingerprint(config.PACKAGE_DIR, skip=("gold",))


def _run_dask(todo, *, workers: int, scheduler: str | None):
    """`process_file` on dask.distributed: the cluster at `scheduler` (its workers need this package, same version),
    else a LocalCluster of `workers` single-threaded processes. Results come back as they finish."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as err:
        raise UserError("the dask engine needs dask and distributed: pip install 'dask[distributed]'") from err
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout=f"{config.DASK_CONNECT_TIMEOUT_S}s")
            except (OSError, TimeoutError) as err:
                raise UserError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
        else:
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None,
                                   worker_dashboard_address=None)
            client = Client(cluster)
        with client:
            remote = client.submit(_code_fingerprint, pure=False).result()
            if remote != _code_fingerprint():
                raise UserError(f"the Dask workers at {scheduler} run another version of the analysis package "
                                "(code or codebooks differ): install this version on the cluster")
            batches = [todo[k : k + DASK_BATCH] for k in range(0, len(todo), DASK_BATCH)]
            futures = {client.submit(_process_batch, [(str(path), raw) for _, path, raw, _ in batch], pure=False): batch
                       for batch in batches}
            for future in as_completed(futures):
                for (i, *_), result in zip(futures[future], future.result()):
                    yield i, result
                future.release()
    finally:
        if cluster is not None:
            cluster.close()


def _fork_ok() -> bool:
    """Whether work may go to a forked child (`_Forked`): on Linux, where a fork is cheap and the child shares this
    process's tables without copying them, and only while this process runs no other thread (a fork copies only the
    calling thread; a lock another thread held would stay held in the child). Elsewhere the work runs here."""
    import threading

    others = [t for t in threading.enumerate() if t is not threading.current_thread()]
    # tqdm's progress monitor only sleeps and checks bars; the child never draws one
    return sys.platform.startswith("linux") and all(t.daemon and t.name == "tqdm_monitor" for t in others)


class _Forked:
    """Tasks run one after another in a forked child process, each sending back bytes (never pickles), so work this
    process need not wait for uses the core it leaves idle: after the per-article work, the corpus stages run on
    one core. `result(i)` waits for task i's bytes (None if it failed: do it here instead); `seconds` holds the
    child's seconds per task received so far; `close()` waits for the child to end (or ends it, when called early).
    `quiet`: a failed task prints no traceback, for tasks the parent redoes and reports itself."""

    def __init__(self, tasks: list[Callable[[], bytes]], *, nice: int = 0, quiet: bool = False) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._tasks = len(tasks)
        self._messages: list[bytes | None] = []
        self.seconds: list[float] = []
        self._process = context.Process(target=_forked_main, args=(tasks, send, nice, quiet), daemon=True)
        self._process.start()
        send.close()

    def done(self, index: int) -> bool:
        """Whether task `index` has answered, taking the answers already sent without waiting (after `close`, only
        those taken before)."""
        while self._process is not None and len(self._messages) <= index and self._receive.poll():
            self.result(len(self._messages))
        return len(self._messages) > index

    def result(self, index: int) -> bytes | None:
        while len(self._messages) <= index:
            try:
                message = self._receive.recv_bytes()
            except (EOFError, OSError):  # the child died: this and every later task failed
                self._messages += [None] * (self._tasks - len(self._messages))
                break
            self.seconds.append(struct.unpack("<d", message[1:9])[0])
            self._messages.append(message[9:] if message[:1] == b"1" else None)
        return self._messages[index]

    def close(self) -> None:
        if self._process is None:
            return
        if len(self._messages) < self._tasks:
            self._process.terminate()
        self._process.join()
        self._receive.close()
        self._process = None


def _forked_main(tasks: list[Callable[[], bytes]], send, nice: int, quiet: bool) -> None:
    """The child of `_Forked`: each task's outcome as one message (b"1" or b"0" for a failure, its seconds, its bytes).
    Ctrl-C is left to the parent, which ends the child or waits for it (the cache entries are then still written)."""
    import signal
    import traceback

    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if nice:
        os.nice(nice)
    for task in tasks:
        start = time.perf_counter()
        try:
            payload, ok = task(), b"1"
        except Exception:  # noqa: BLE001 - reported (unless quiet: the parent's redo reports it), done by the parent
            if not quiet:
                traceback.print_exc()
            payload, ok = b"", b"0"
        send.send_bytes(ok + struct.pack("<d", time.perf_counter() - start) + payload)
    send.close()


def _entry(result: FileResult) -> dict:
    """An article's cache entry (`_read_entry` reads it; its file is named by the key, left empty inside)."""
    return {**vars(result), "key": ""}  # not asdict: its deep copy costs ~1.7 ms per article


def _write_entries(entries: list[tuple[Path, FileResult]]) -> bytes:
    for path, result in entries:
        store.dump_json(path, "article", _entry(result))
    return b""


def _assemble(results: list[FileResult], *, corpus: Path, summary: Summary, segments: list[dict] | None = None,
              reload: Callable[[str], FileResult | None] | None = None
              ) -> tuple[dict[str, pd.DataFrame], list[FileResult], dict[str, dict[str, set[str] | None]], bool]:
    """Join per-article results with the catalog, drop exact duplicates, flag near duplicates.

    Results whose `tables` is None are in the loaded `segments` (`store.Segments`): their rows are taken from there,
    and only the other results' column lists are concatenated; where the segments cannot give the tables a cold run
    gives (see `_stored_tables`), those results are read again with `reload(key)`. Returns the tables, the kept
    results, each article table's column cell types, and whether the segments could not serve (store anew)."""
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
    for result in kept:
        if result.hint is None and result.tables is not None:  # an entry cached before outlet hints were kept
            result.hint = list(suggest_outlet(_full_text(result.tables)))

    stored = [r for r in kept if r.tables is None]
    assembled = _stored_tables(kept, segments) if stored and segments else None
    if stored and assembled is None:
        for r in stored:
            again = reload(r.key) if reload is not None else None
            if again is None or again.row != r.row:
                raise RuntimeError(f"{r.file} changed while the extract ran; run the extract again")
            r.tables, r.prepared, r.hint = again.tables, again.prepared, again.hint if again.hint is not None else r.hint
    rows = []
    for result in kept:
        row = dict(result.row)
        row["flags"] = "; ".join(result.flags)
        rows.append(row)
    articles = pd.DataFrame(rows, columns=list(rows[0].keys()) if rows else ["article_id", "file", "flags"])
    articles, uncatalogued = join_catalog(articles, catalog, {}, suggestions={r.row["article_id"]: tuple(r.hint) for r in kept})
    summary.uncatalogued.extend(uncatalogued)
    skipped_ids = {Path(f).stem: reason for f, reason in summary.skipped}
    for aid in sorted(set(catalog["article_id"]) - set(articles["article_id"])):
        if aid in skipped_ids:
            summary.warnings.append(f"{config.CATALOG_NAME} lists {aid}, whose file was skipped: {skipped_ids[aid]}")
        else:
            summary.warnings.append(f"{config.CATALOG_NAME} lists {aid}, but the corpus folder has no file for it")
    tables: dict[str, pd.DataFrame] = {"articles": articles}
    types: dict[str, dict[str, set[str] | None]] = {}
    if assembled is not None:
        tables.update(assembled[0])
        types = assembled[1]
    else:
        names = sorted({name for r in kept for name in r.tables})
        for name in names:
            types[name] = {}
            tables[name] = _concat_packed([r.tables[name] for r in kept if name in r.tables], types=types[name])
            for r in kept:  # the column lists now live in the table: free them (a large corpus is not held twice)
                r.tables.pop(name, None)
    tables.setdefault("sentences", pd.DataFrame(columns=SENTENCE_COLUMNS))
    tables.setdefault("removed", pd.DataFrame(columns=REMOVED_COLUMNS))
    tables["skipped"] = pd.DataFrame(summary.skipped, columns=SKIPPED_COLUMNS)
    summary.analysed = len(articles)
    summary.words = int(articles["words"].sum()) if len(articles) else 0
    summary.outlets = articles["outlet"].nunique() if len(articles) else 0
    return tables, kept, types, bool(stored) and assembled is None


def _stored_tables(kept: list[FileResult], segments: list[dict]
                   ) -> tuple[dict[str, pd.DataFrame], dict[str, dict[str, set[str]]]] | None:
    """The article tables of `kept` as a cold run builds them, from the stored segments' rows plus the new results'
    column lists, in file order, each column of the dtype pandas infers from its cells' types. None (read the cache
    entries instead) when article ids repeat, columns differ, or a column mixing types lost articles (its dtype
    could then change in a way the stored rows do not show). Fills the stored results' `prepared`."""
    live = {r.key for r in kept}
    order = pd.Index([r.row["article_id"] for r in kept])
    if not order.is_unique:
        return None
    dropped = any(k not in live for s in segments for k in s["stored"])
    used, served = [], set()
    for s in segments:  # each article from one segment (two runs at once may both have stored it)
        mine = [a for a in s["articles"] if a["key"] in live and a["key"] not in served]
        served.update(a["key"] for a in mine)
        if mine:
            used.append((s, {a["row"]["article_id"] for a in mine}, len(mine) == len(s["articles"])))
    fresh = [r for r in kept if r.tables is not None]
    names = sorted({n for s, _, _ in used for n in s["tables"]} | {n for r in fresh for n in r.tables})
    out: dict[str, pd.DataFrame] = {}
    types: dict[str, dict[str, set[str]]] = {}
    for name in names:
        new_types: dict[str, set[str] | None] = {}
        parts = []
        for s, ids, whole in used:
            if name not in s["tables"] or name not in s["types"]:
                return None
            table = s["tables"][name]
            parts.append((table if whole else table[table["article_id"].isin(ids)], s["types"][name]))
        if fresh:
            table = _concat_packed([r.tables[name] for r in fresh if name in r.tables], types=new_types)
            if any(t is None for t in new_types.values()):
                return None
            parts.append((table, new_types))
        columns = list(parts[0][0].columns)
        if "article_id" not in columns or any(list(p.columns) != columns for p, _ in parts):
            return None
        union = {c: set().union(*(set(t.get(c, ())) for _, t in parts)) for c in columns}
        if dropped and any(len(u) > 1 for u in union.values()):
            return None
        dtypes = {c: store.inferred_dtype(u) for c, u in union.items()}
        frames = []
        for p, _ in parts:
            cast = {c: d for c, d in dtypes.items() if p[c].dtype != d}
            try:
                frames.append(p.astype(cast) if cast else p)
            except (TypeError, ValueError):
                return None
        table = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
        rank = order.get_indexer(table["article_id"])
        if (rank < 0).any():
            return None
        if len(rank) > 1 and (rank[1:] < rank[:-1]).any():
            table = table.take(np.argsort(rank, kind="stable")).reset_index(drop=True)
        out[name], types[name] = table, union
    for r in fresh:
        r.tables = {}  # the column lists now live in the tables
    decoded: dict[str, dict[str, object]] = {}
    for s, _, _ in used:
        for key, (kind, table) in s["prepared"].items():
            decoded.setdefault(key, {}).update(store.decode_values(kind, table))
    for r in kept:
        if r.tables is None:
            aid = r.row["article_id"]
            r.prepared = {key: ({aid: values[aid]} if aid in values else {}) for key, values in decoded.items()}
            r.tables = {}
    return out, types


def _store_segments(segments: store.Segments, kept: list[FileResult], tables: dict[str, pd.DataFrame],
                    types: dict[str, dict[str, set[str] | None]], *, loaded: list[dict] | None) -> None:
    """Keep this run's article tables and prepared values in the cache's segments (`store.Segments`) for the next run."""
    ids = [r.row["article_id"] for r in kept]
    if not kept or len(set(ids)) != len(ids) or any(t is None for cols in types.values() for t in cols.values()):
        return
    prepared: dict[str, dict[str, object]] = {}
    for r in kept:
        for key, values in r.prepared.items():
            prepared.setdefault(key, {}).update(values)
    articles = [{"key": r.key, "file": r.file, "row": r.row, "flags": r.flags, "hint": r.hint} for r in kept]
    segments.save(articles, {n: tables[n] for n in types}, {n: {c: sorted(t) for c, t in cols.items()} for n, cols in types.items()},
                  prepared, loaded=loaded)


CSV_DIGESTS = ".csv_digests.json"
CSV_ROWS = ".csv_rows"  # each CSV's row hashes (npy), so a rewrite copies the records of rows it already holds


# cells of a first extract's corpus-level tables made so far from which a forked child writes their CSVs meanwhile
CSV_MEANWHILE_CELLS = 200_000
CSV_FORK_CELLS = 500_000  # cells of tables without a CSV yet from which a forked child writes about half of them


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path, *, fork: bool | None = None,
                 written: dict[str, tuple[pd.DataFrame, list | None, str | None]] | None = None,
                 shared: _EarlyTables | None = None) -> dict[str, str | None]:
    """Tidy UTF-8 CSVs, one per table, each written atomically with formula-like cells escaped.

    A CSV is rewritten only when its table changed since the last write (content digest) or the file was touched
    since (size and modification time differ from what was written), so a re-run leaves unchanged tables alone; a
    changed table keeps the records of the rows the file already holds (`_splice_rows`) and formats only its new
    rows. Returns the tables' content digests (`store.table_digest`), for the Parquet snapshot. With many cells to
    write (a first extract) and `fork` (default: where `_fork_ok`), a forked child writes about half of the new
    tables on the core the last stages leave idle; the files are the same. `written` holds the CSVs a forked child
    wrote already (`_EarlyTables`): each as (the table written, its digest index entry, its digest), kept where the
    table is still that object. `shared`: that child, still writing; the CSVs it may write are written here last,
    each once claimed from it (`_EarlyTables.claim`)."""
    out_dir = Path(out_dir)
    previous = _csv_index(out_dir)
    written = written or {}
    previous.update({name: entry for name, (_, entry, _) in written.items()})  # the files as written already
    done = {name: (entry, digest) for name, (table, entry, digest) in written.items() if tables.get(name) is table}
    later = [name for name in tables if shared is not None and name in shared.shares and name not in done]
    pending = {name: table for name, table in tables.items() if name not in done and name not in later}
    away = _forked_tables(pending, previous, out_dir) if (_fork_ok() if fork is None else fork) else []
    child = None
    if away:
        child = _Forked([lambda: _csvs_written({name: tables[name] for name in away}, out_dir, previous)])
    try:
        done.update({name: _write_table(table, out_dir, name, previous.get(name))
                     for name, table in pending.items() if name not in away})
        if child is not None:
            sent = child.result(0)
            child.close()
            done.update(json.loads(sent) if sent is not None else {})
            for name in away:  # the child failed: write its tables here
                if name not in done:
                    done[name] = _write_table(tables[name], out_dir, name, previous.get(name))
        for name in reversed(later):
            got = shared.claim(name)
            if got is not None and got[0] is tables[name]:
                done[name] = (got[1], got[2])
            else:  # this process's to write, or the child failed or wrote a table replaced since
                done[name] = _write_table(tables[name], out_dir, name, got[1] if got is not None else previous.get(name))
    finally:
        if child is not None:
            child.close()
    store.dump_json(out_dir / CSV_DIGESTS, "csv digests", {name: done[name][0] for name in tables if done[name][0] is not None})
    return {name: done[name][1] for name in tables}


def _csvs_written(tables: dict[str, pd.DataFrame], out_dir: Path, previous: dict) -> bytes:
    """A forked child's task: the CSVs of `tables`, each written as `write_tables` writes it (`_write_table`, `previous`
    its digest index), and what that gives for each, as JSON {name: [index entry, digest]}."""
    return json.dumps({name: _write_table(table, out_dir, name, previous.get(name)) for name, table in tables.items()}).encode()


def _csv_index(out_dir: Path) -> dict:
    """The digest index of the CSVs in `out_dir` as last written (`write_tables`), or an empty one."""
    index = out_dir / CSV_DIGESTS
    previous = store.load_json(index, "csv digests") if index.exists() else None
    return previous if isinstance(previous, dict) else {}


def _forked_tables(tables: dict[str, pd.DataFrame], previous: dict, out_dir: Path) -> list[str]:
    """The tables a forked child writes: of those the folder holds no CSV of (as last written), the largest up to about
    half of all the cells, when they have CSV_FORK_CELLS cells or more; else none."""
    new = [name for name in tables if not (isinstance(previous.get(name), list) and len(previous[name]) == 3
                                           and _file_stamp(out_dir / f"{name}.csv") == previous[name][1])]
    cells = {name: tables[name].size for name in new}
    if sum(cells.values()) < CSV_FORK_CELLS:
        return []
    away, load, total = [], 0, sum(table.size for table in tables.values())
    for name in sorted(new, key=lambda n: -cells[n]):
        if load + cells[name] <= total / 2:
            away.append(name)
            load += cells[name]
    return away


def _write_table(table: pd.DataFrame, out_dir: Path, name: str, old, *,
                 hashed: tuple[np.ndarray | None, str | None] | None = None) -> tuple[list | None, str | None]:
    """Write one table's CSV as `write_tables` does; returns (its entry in the digest index, or None; its digest).
    `hashed`: its `store.row_hashes` and `store.table_digest`, when worked out already (`_hashed`). The sidecar keeps
    the row hashes and the offsets of the records (`_held_rows`), so the next write copies the rows the file holds."""
    path, sidecar = out_dir / f"{name}.csv", out_dir / CSV_ROWS / f"{name}.npy"
    rows, digest = hashed if hashed is not None else _hashed(table)
    unchanged = old is not None and len(old) == 3 and _file_stamp(path) == old[1]
    if digest is not None and unchanged and old[0] == digest:
        return old, digest
    held, ends = _held_rows(sidecar, table, old[0], size=old[1][0]) if digest is not None and unchanged else (None, None)
    ends = _splice_rows(table, rows, held, path, ends=ends) if held is not None else None
    if ends is None:
        data = csv_text(table).encode("utf-8")
        atomic_write(path, data)
        ends = record_ends(data) if digest is not None else None
    if digest is None:
        sidecar.unlink(missing_ok=True)
        return None, None
    buffer = io.BytesIO()
    np.save(buffer, np.concatenate([rows, ends.astype(np.uint64)]), allow_pickle=False)
    atomic_write(sidecar, buffer.getvalue())
    return [digest, _file_stamp(path), len(table)], digest


def _hashed(table: pd.DataFrame) -> tuple[np.ndarray | None, str | None]:
    """A table's `store.row_hashes` and its `store.table_digest` from them."""
    rows = store.row_hashes(table)
    return rows, store.table_digest(table, rows=rows)


def _held_rows(sidecar: Path, table: pd.DataFrame, digest: str, *, size: int) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(row hashes, record ends) of the CSV as last written, if its sidecar is intact and the columns and dtypes are
    `table`'s (the digest of `table`'s columns with those rows equals the one written). The sidecar holds the n row
    hashes, then the n + 1 offsets just past each record of the file (`record_ends`, the header first), which is
    `size` bytes long; (None, None) otherwise."""
    try:
        saved = np.load(sidecar, allow_pickle=False)
    except (OSError, ValueError):
        return None, None
    if saved.dtype != np.uint64 or saved.ndim != 1 or len(saved) % 2 != 1:
        return None, None
    n = len(saved) // 2
    rows, ends = saved[:n], saved[n:].astype(np.int64)
    if store.table_digest(table, rows=rows) != digest or ends[-1] != size or (n and np.any(np.diff(ends) <= 0)):
        return None, None
    return rows, ends


SPLICED_DTYPES = "iufbOT"  # numbers, booleans, text: a cell's text depends on its value alone (not dates)


def _splice_rows(table: pd.DataFrame, rows: np.ndarray, held: np.ndarray, path: Path, *,
                 ends: np.ndarray) -> np.ndarray | None:
    """Rewrite `path` (a CSV from `write_csv` holding rows with hashes `held`, its records ending at `ends`) as `table`:
    records of rows it holds are copied (in the kernel, `atomic_splice`), the others formatted by `csv_text`, so the
    bytes are those of a full write. Returns the new file's record ends, or None (nothing written) where that cannot
    be vouched for: another header, a file that is not as recorded, dtypes formatted in context."""
    if any(getattr(t, "kind", "O") not in SPLICED_DTYPES and not isinstance(t, pd.StringDtype) for t in table.dtypes):
        return None
    if not len(rows):
        return None  # no rows left (another corpus in the same folder): the header alone, written in full
    if len(rows) >= len(held) and np.array_equal(rows[: len(held)], held):
        got = _append_rows(table, len(held), path, ends=ends)
        if got is not None:
            return got
    order = np.argsort(held, kind="stable")
    at = np.minimum(np.searchsorted(held[order], rows), max(0, len(held) - 1))
    found = held[order][at] == rows if len(held) else np.zeros(len(rows), dtype=bool)
    source = np.where(found, order[at] if len(held) else -1, -1).astype(np.int64)  # a row the file holds: its record there
    new = np.flatnonzero(source < 0)
    fresh = csv_text(table.iloc[new]).encode("utf-8")
    fresh_ends = record_ends(fresh)
    if len(fresh_ends) != len(new) + 1 or _file_head(path, int(ends[0])) != fresh[: fresh_ends[0]]:
        return None
    pieces: list[bytes | tuple[int, int]] = []
    k = 0
    held_run = (source[1:] >= 0) & (source[:-1] >= 0) & (np.diff(source) == 1)
    starts = np.concatenate(([0], np.flatnonzero(~(held_run | ((source[1:] < 0) & (source[:-1] < 0)))) + 1, [len(source)]))
    for a, b in zip(starts[:-1].tolist(), starts[1:].tolist()):
        first = int(source[a])
        if first >= 0:
            pieces.append((int(ends[first]), int(ends[first + b - a])))
        else:
            pieces.append(fresh[fresh_ends[k] : fresh_ends[k + b - a]])
            k += b - a
    try:
        atomic_splice(path, [fresh[: fresh_ends[0]], *pieces])
    except (OSError, ValueError):
        return None
    lengths = np.empty(len(source), dtype=np.int64)  # each record's length in the new file
    lengths[source >= 0] = np.diff(ends)[source[source >= 0]]
    lengths[new] = np.diff(fresh_ends)
    return np.concatenate(([fresh_ends[0]], fresh_ends[0] + np.cumsum(lengths))).astype(np.int64)


def _append_rows(table: pd.DataFrame, held: int, path: Path, *, ends: np.ndarray) -> np.ndarray | None:
    """`_splice_rows` where the file holds the first `held` rows of `table` in order (its records ending at `ends`):
    their records are kept as they are (copied by the kernel) and the records of the rows after them appended.
    Returns the new file's record ends, or None (nothing written) if the file's header is not the table's."""
    fresh = csv_text(table.iloc[held:]).encode("utf-8")
    fresh_ends = record_ends(fresh)
    header = fresh[: fresh_ends[0]]
    if _file_head(path, len(header)) != header or int(ends[0]) != len(header):
        return None
    try:
        atomic_append(path, fresh[len(header) :])
    except OSError:
        return None
    return np.concatenate((ends, ends[-1] + fresh_ends[1:] - fresh_ends[0])).astype(np.int64)


def _file_head(path: Path, size: int) -> bytes | None:
    """The first `size` bytes of `path` (a CSV's header), or None if it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return None


def _file_stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def load_tables(
    *, corpus_dir: str | Path | None = None, tables_dir: str | Path | None = None, cache_dir: str | Path | None = None,
    by: str = "outlet", progress: bool = False,
) -> tuple[dict[str, pd.DataFrame], Summary]:
    """The notebooks' and the report's entry: the tables of the last extract if the corpus and code are unchanged since
    and every CSV is still there, else a new extract (cached per article, so only new or changed articles are processed)."""
    paths = config.paths(corpus_dir=corpus_dir, tables_dir=tables_dir, cache_dir=cache_dir)
    snapshot = paths.tables_dir / SNAPSHOT
    store.use_system_allocator()
    saved = store.load_tables(snapshot) if snapshot.is_dir() and paths.corpus_dir.is_dir() else None
    if (saved is not None and saved[1].get("state") == corpus_state(paths.corpus_dir, by=by)
            and all((paths.tables_dir / f"{name}.csv").is_file() for name in saved[0])):
        try:
            return saved[0], Summary.from_dict(saved[1]["summary"])
        except (KeyError, TypeError, ValueError):
            pass  # a snapshot of another shape: extract again
    elif snapshot.exists() and saved is None:
        print(f"note: the saved tables in {snapshot} are unreadable, of another version or altered; extracting again")
    return extract(corpus_dir=paths.corpus_dir, out_dir=paths.tables_dir, cache_dir=paths.cache_dir, by=by, progress=progress)
