"""The Dask engine runs the same per-article function as the local one and gives the same tables."""

import pandas as pd
import pytest

from analysis.config import UserError
from analysis.pipeline import extract

pytest.importorskip("dask.distributed")


def test_dask_and_local_engines_give_identical_tables(corpus, tmp_path, monkeypatch):
    from analysis import config

    monkeypatch.setattr(config, "PARALLEL_FROM", 1)  # a cluster even for the five seed articles
    local, local_summary = extract(corpus_dir=corpus, cache_dir=tmp_path / "local-cache", workers=1)
    timings: dict[str, float] = {}
    dask, dask_summary = extract(corpus_dir=corpus, cache_dir=tmp_path / "dask-cache", workers=1, engine="dask", timings=timings)
    assert dask_summary.analysed == local_summary.analysed == 5 and dask_summary.reused == 0
    assert timings["analyse new articles"] > 0
    assert set(dask) == set(local)
    for name, table in local.items():
        pd.testing.assert_frame_equal(dask[name], table, obj=name)


def test_an_unknown_engine_or_unreachable_scheduler_is_a_user_error(corpus, tmp_path, monkeypatch):
    from analysis import config

    monkeypatch.setattr(config, "DASK_CONNECT_TIMEOUT_S", 1)
    with pytest.raises(UserError, match="unknown engine"):
        extract(corpus_dir=corpus, cache_dir=tmp_path / "c1", engine="spark")
    with pytest.raises(UserError, match="cannot reach the Dask scheduler"):
        extract(corpus_dir=corpus, cache_dir=tmp_path / "c2", engine="dask", scheduler="tcp://127.0.0.1:9")


def test_an_existing_cluster_is_used_by_its_scheduler_address(corpus, tmp_path):
    from dask.distributed import LocalCluster

    local, _ = extract(corpus_dir=corpus, cache_dir=tmp_path / "local-cache", workers=1)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote, summary = extract(corpus_dir=corpus, cache_dir=tmp_path / "remote-cache", engine="dask",
                                  scheduler=cluster.scheduler_address)
    assert summary.analysed == 5 and summary.reused == 0
    for name in ("articles", "sentences", "attributions", "reuse", "similarity"):
        pd.testing.assert_frame_equal(remote[name], local[name], obj=name)
