"""A large run hands work to a forked child (cache entries, the topics fit, the stored segments): same tables and
cache entries as doing it all in one process, and the work is done here when the child fails.

Each check runs in a fresh process: the pipeline forks only while no other thread runs, and earlier tests (Dask)
leave threads behind in this one."""

import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the pipeline forks only on Linux")


def _fresh(check, *args) -> None:
    """Run `check(*args)` in a new interpreter; its assertion errors are raised here."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        pool.submit(check, *args).result()


def _entries(cache: Path) -> dict:
    """Each cache entry's payload (the file names carry the code's fingerprint, the same in both runs)."""
    from analysis import store

    return {path.name: store.load_json(path, "article") for path in sorted((cache / "articles").glob("*.json"))}


def _assert_same(a: dict, b: dict) -> None:
    assert list(a) == list(b)
    for name, table in a.items():
        pd.testing.assert_frame_equal(b[name], table, obj=name)


def _forked_equals_serial(corpus: Path, tmp: Path) -> None:
    from analysis import config, pipeline, store
    from analysis.pipeline import _fork_ok, extract

    assert _fork_ok()
    config.PARALLEL_FROM = 10**6
    serial, _ = extract(corpus_dir=corpus, cache_dir=tmp / "serial", out_dir=tmp / "serial-out", workers=1)
    config.PARALLEL_FROM = 1  # the five seeds count as a large run
    pipeline.CSV_MEANWHILE_CELLS = 0  # every corpus-level table made before the last stage: its CSV by a forked child
    handed, csvs_written = tmp / "handed.txt", pipeline._csvs_written

    def logged(tables, out_dir, previous):
        with open(handed, "a", encoding="utf-8") as fh:
            fh.write("".join(f"{name}\n" for name in tables))
        return csvs_written(tables, out_dir, previous)

    pipeline._csvs_written = logged
    timings: dict[str, float] = {}
    forked, _ = extract(corpus_dir=corpus, cache_dir=tmp / "forked", out_dir=tmp / "forked-out", workers=1, timings=timings)
    assert {"write cache entries (in parallel)", "store tables (in parallel)", "topics: background_fit (in parallel)"} <= set(timings)
    _assert_same(serial, forked)
    assert _entries(tmp / "serial") == _entries(tmp / "forked")
    for csv in (tmp / "serial-out").glob("*.csv"):
        assert (tmp / "forked-out" / csv.name).read_bytes() == csv.read_bytes(), csv.name
    # the corpus-level tables went to children as they were made, the last stage's not; the index holds them as written
    names = handed.read_text(encoding="utf-8").split()
    assert {"near_duplicates", "reuse", "similarity"} <= set(names) and "article_measures" not in names
    index = store.load_json(tmp / "forked-out" / pipeline.CSV_DIGESTS, "csv digests")
    assert all(index[name][1] == pipeline._file_stamp(tmp / "forked-out" / f"{name}.csv") for name in names)
    assert not list((tmp / "forked-out").glob(".*.tmp"))
    # the next run reads what the child stored (segments and entries)
    (corpus / "009_neu.txt").write_text((corpus / "001_655c8ea758a98ab0.txt").read_text(encoding="utf-8") + "\nNeu.\n",
                                        encoding="utf-8")
    again, summary = extract(corpus_dir=corpus, cache_dir=tmp / "forked", workers=1)
    assert summary.reused == 5
    config.PARALLEL_FROM = 10**6
    _assert_same(extract(corpus_dir=corpus, cache_dir=tmp / "cold", workers=1)[0], again)


def _failing_child_task_is_done_here(corpus: Path, tmp: Path) -> None:
    from analysis import config, topics
    from analysis.pipeline import extract

    config.PARALLEL_FROM = 10**6
    serial, _ = extract(corpus_dir=corpus, cache_dir=tmp / "serial", workers=1)
    config.PARALLEL_FROM = 1

    def broken(*args, **kwargs):
        raise RuntimeError("the child's fit fails")

    topics.textstat_topics.background = broken
    timings: dict[str, float] = {}
    forked, _ = extract(corpus_dir=corpus, cache_dir=tmp / "forked", workers=1, timings=timings)
    assert "topics: broken (in parallel)" in timings
    _assert_same(serial, forked)


def _rerun_forks_as_one_process(corpus: Path, tmp: Path) -> None:
    from analysis import pipeline, store
    from analysis.pipeline import extract, load_tables

    def same_outputs(a: str, b: str) -> None:
        for csv in (tmp / a).glob("*.csv"):
            assert (tmp / b / csv.name).read_bytes() == csv.read_bytes(), csv.name

    one_process = lambda: False  # noqa: E731
    forks = pipeline._fork_ok
    extract(corpus_dir=corpus, cache_dir=tmp / "forked", out_dir=tmp / "forked-out", workers=1)
    base = (corpus / "001_655c8ea758a98ab0.txt").read_text(encoding="utf-8")
    (corpus / "009_neu.txt").write_text(base + "\nNeu.\n", encoding="utf-8")
    timings: dict[str, float] = {}
    here, writers, write_table = os.getpid(), tmp / "writers.txt", pipeline._write_table

    def logged(table, out_dir, name, old, **kwargs):
        with open(writers, "a", encoding="utf-8") as fh:
            fh.write(f"{'child' if os.getpid() != here else 'here'} {name}\n")
        return write_table(table, out_dir, name, old, **kwargs)

    pipeline._write_table = logged
    forked, summary = extract(corpus_dir=corpus, cache_dir=tmp / "forked", out_dir=tmp / "forked-out", workers=1, timings=timings)
    pipeline._write_table = write_table
    assert summary.reused == 5 and {"comparisons (in parallel)", "store tables (in parallel)"} <= set(timings)
    assert (tmp / "forked" / pipeline.PREFILTERS).exists()
    # the comparisons' child wrote their CSVs (`_Detached.ahead`), each once, and the index holds them as written
    writes = [line.split() for line in writers.read_text(encoding="utf-8").splitlines()]
    assert [who for who, name in writes if name == "article_measures"] == ["child"]
    index = store.load_json(tmp / "forked-out" / pipeline.CSV_DIGESTS, "csv digests")
    assert index["article_measures"][1] == pipeline._file_stamp(tmp / "forked-out" / "article_measures.csv")
    assert not list((tmp / "forked-out").glob(".*.tmp"))  # the article tables' child's Parquet file was taken
    # the comparisons' child stored the counts behind article_measures, the new article's among them (one of six
    # articles: more than compare.STORED_STALE_SHARE were not in the stored counts)
    saved = store.load_tables(tmp / "forked" / "corpus" / "comparisons")
    assert saved is not None and sorted(saved[1]["ids"]) == sorted(forked["articles"]["article_id"])
    pipeline._fork_ok = one_process
    serial, _ = extract(corpus_dir=corpus, cache_dir=tmp / "serial", out_dir=tmp / "serial-out", workers=1)
    _assert_same(serial, forked)
    same_outputs("serial-out", "forked-out")
    again = pipeline.extract
    pipeline.extract = None  # the snapshot's corpus state (read while the new article was analysed) is current: no extract
    _assert_same(serial, load_tables(corpus_dir=corpus, tables_dir=tmp / "forked-out", cache_dir=tmp / "forked")[0])
    pipeline.extract = again
    # every child fails: its work is done here
    (corpus / "010_neu.txt").write_text(base + "\nNoch neuer.\n", encoding="utf-8")
    serial, _ = extract(corpus_dir=corpus, cache_dir=tmp / "serial", out_dir=tmp / "serial-out", workers=1)
    pipeline._fork_ok = forks
    here = os.getpid()

    def broken(work):
        def call(*args, **kwargs):
            if os.getpid() != here:  # in a child
                raise RuntimeError("the child fails")
            return work(*args, **kwargs)
        return call

    write_table = pipeline._write_table
    pipeline._early_entry = broken(pipeline._early_entry)
    pipeline._write_snapshot = broken(pipeline._write_snapshot)
    pipeline._store_segments = broken(pipeline._store_segments)
    pipeline._write_table = broken(pipeline._write_table)
    store.Memo.flush = broken(store.Memo.flush)
    store.tables_bytes = lambda tables: None
    forked, summary = extract(corpus_dir=corpus, cache_dir=tmp / "forked", out_dir=tmp / "forked-out", workers=1)
    assert summary.reused == 6
    _assert_same(serial, forked)
    same_outputs("serial-out", "forked-out")
    _assert_same(serial, load_tables(corpus_dir=corpus, tables_dir=tmp / "forked-out", cache_dir=tmp / "forked")[0])
    # a child that is late with the article tables' CSVs: this process writes those it has not written
    (corpus / "011_neu.txt").write_text(base + "\nNoch neuer und später.\n", encoding="utf-8")
    pipeline._fork_ok = one_process
    serial, _ = extract(corpus_dir=corpus, cache_dir=tmp / "serial", out_dir=tmp / "serial-out", workers=1)
    pipeline._fork_ok = forks
    def late(*args, **kwargs):
        if os.getpid() != here:
            time.sleep(0.5)
        return write_table(*args, **kwargs)

    pipeline._write_table = late
    forked, _ = extract(corpus_dir=corpus, cache_dir=tmp / "forked", out_dir=tmp / "forked-out", workers=1)
    _assert_same(serial, forked)
    same_outputs("serial-out", "forked-out")


def _pool_workers_keep_their_prefilters(corpus: Path, tmp: Path) -> None:
    from analysis import config, pipeline
    from analysis.pipeline import extract

    config.PARALLEL_FROM = 1  # the five seeds go to a pool of two workers
    config.CODE_CACHE_DIR = tmp / "code-cache"
    extract(corpus_dir=corpus, cache_dir=tmp / "pool", workers=2)
    assert pipeline._read_prefilters(tmp / "pool" / pipeline.PREFILTERS, pipeline._code_fingerprint())
    assert (tmp / "pool" / pipeline.LEXICON).exists()
    # they depend on the code alone: kept for every corpus too, and a new cache folder's processes start with them
    shared = pipeline._saved_prefilters(tmp / "code-cache" / pipeline.PREFILTERS, pipeline._code_fingerprint())
    assert shared and pipeline._read_prefilters(tmp / "new-cache" / pipeline.PREFILTERS, pipeline._code_fingerprint())
    config.PARALLEL_FROM = 10**6
    (corpus / "009_neu.txt").write_text((corpus / "001_655c8ea758a98ab0.txt").read_text(encoding="utf-8") + "\nNeu.\n",
                                        encoding="utf-8")
    again, summary = extract(corpus_dir=corpus, cache_dir=tmp / "pool", workers=2)  # the new article read them
    assert summary.reused == 5
    _assert_same(extract(corpus_dir=corpus, cache_dir=tmp / "cold", workers=1)[0], again)


def _tasks_answer_in_order() -> None:
    from analysis.pipeline import _Forked

    def fails() -> bytes:
        raise ValueError("no")

    child = _Forked([lambda: b"one", fails, lambda: b"three" * 100_000])
    try:
        while not child.done(2):  # takes the answers sent so far without waiting
            time.sleep(0.01)
        assert child.result(2) == b"three" * 100_000
        assert child.result(0) == b"one" and child.result(1) is None
        assert len(child.seconds) == 3
    finally:
        child.close()


def _shared_csvs_written_once(tmp: Path) -> None:
    from analysis import pipeline

    here = os.getpid()
    log = tmp / "writes.txt"
    write_table = pipeline._write_table

    def logged(table, out_dir, name, old, **kwargs):
        if os.getpid() != here and name == "t0":
            time.sleep(0.3)  # the child is late with its first CSV: this process claims the others meanwhile
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{'child' if os.getpid() != here else 'here'} {name}\n")
        return write_table(table, out_dir, name, old, **kwargs)

    pipeline._write_table = logged
    tables = {f"t{k}": pd.DataFrame({"id": range(k + 2), "text": [f"Zeile {i}, {k}" for i in range(k + 2)]}) for k in range(6)}
    early = pipeline._EarlyTables(tables, save=lambda: None, out_dir=tmp / "out")
    try:
        deadline = time.monotonic() + 60
        while early._claims[0] != 1 and time.monotonic() < deadline:  # until the child has claimed t0 (slow on a busy machine)
            time.sleep(0.01)
        final = {**tables, "t5": tables["t5"].assign(text="ersetzt")}  # replaced since the child was started
        pipeline.write_tables(final, tmp / "out", written=early.written(), shared=early)
    finally:
        early.close()
    pipeline._write_table = write_table
    pipeline.write_tables(final, tmp / "fresh")
    for csv in (tmp / "fresh").glob("*.csv"):
        assert (tmp / "out" / csv.name).read_bytes() == csv.read_bytes(), csv.name
    writes = log.read_text(encoding="utf-8").split("\n")[:-1]
    by = {name: [who for who, n in map(str.split, writes) if n == name] for name in tables}
    assert by["t0"] == ["child"]  # claimed by the child: this process waited for it
    assert all(len(who) == 1 for name, who in by.items() if name != "t5"), by  # no CSV written twice
    assert by["t5"][-1] == "here"  # the replaced table is written here, last
    assert "here" in sum(by.values(), [])


def test_a_csv_the_early_child_may_write_is_written_by_whichever_process_claims_it_first(tmp_path):
    _fresh(_shared_csvs_written_once, tmp_path)


def test_forked_work_gives_the_tables_and_cache_of_one_process(corpus, tmp_path):
    _fresh(_forked_equals_serial, corpus, tmp_path)


def test_a_failing_child_task_is_done_in_this_process(corpus, tmp_path):
    _fresh(_failing_child_task_is_done_here, corpus, tmp_path)


def test_pool_workers_keep_the_prefilters_a_rerun_reads(corpus, tmp_path):
    _fresh(_pool_workers_keep_their_prefilters, corpus, tmp_path)


def test_forked_tasks_answer_in_order_and_failures_are_none():
    _fresh(_tasks_answer_in_order)


def test_a_rerun_forks_its_new_article_comparisons_and_snapshot_with_the_tables_of_one_process(corpus, tmp_path):
    _fresh(_rerun_forks_as_one_process, corpus, tmp_path)
