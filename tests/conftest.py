"""Shared fixtures: the seed corpus extracted once, and one full report run over the seeds."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from analysis import config
from analysis.pipeline import extract

# The five seed articles by the outlet the catalog gives them; test modules import these names.
TABLOID = "000_78251c8e37e4c5cd"
PAP = "001_655c8ea758a98ab0"
IPPEN = "002_7441870df5a39c05"
TELEPOLIS = "003_415b2b8988ea9f0e"
USLAR = "004_1b8548fd83fa8b64"
SEED_IDS = (TABLOID, PAP, IPPEN, TELEPOLIS, USLAR)


@pytest.fixture(autouse=True)
def _close_figures():
    """Every test starts without figures left open by the one before (pyplot keeps them until closed)."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return config.CORPUS_DIR


@pytest.fixture(scope="session")
def seed_tables(tmp_path_factory, seeds_dir):
    """Every table `extract` writes for the seeds (fresh cache, so nothing stale is tested)."""
    cache = tmp_path_factory.mktemp("cache")
    tables, _ = extract(corpus_dir=seeds_dir, cache_dir=cache)
    return tables


@pytest.fixture(scope="session")
def seed_summary(tmp_path_factory, seeds_dir):
    _, summary = extract(corpus_dir=seeds_dir, cache_dir=tmp_path_factory.mktemp("cache2"))
    return summary


@pytest.fixture(scope="session")
def report_run(tmp_path_factory, seeds_dir):
    """`python -m analysis report` over the seeds into temporary folders: executes every notebook."""
    from analysis.report import report

    root = tmp_path_factory.mktemp("report")
    paths = config.paths(corpus_dir=seeds_dir, tables_dir=root / "tables", figures_dir=root / "figures", cache_dir=root / "cache")
    log: list[str] = []
    failures = report(paths=paths, log=log.append)
    return {"paths": paths, "failures": failures, "log": "\n".join(log)}


@pytest.fixture
def corpus(tmp_path, seeds_dir):
    """A writable copy of the seed corpus (files and catalog)."""
    target = tmp_path / "corpus"
    shutil.copytree(seeds_dir, target)
    return target
