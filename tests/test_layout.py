"""Figures stay readable from 2 to 50 comparison units: no overlapping text, nothing under 7 pt, at most 16 x 24 cm.

Each notebook runs on synthetic corpora (seed sentences spread over N real-sounding outlets); every figure it saves
is checked with matplotlib's own text bounding boxes (`figures.layout_problems`, recorded in the manifest).
"""

import pytest

from analysis import config
from analysis.bench import synthetic_corpus
from analysis.figures import read_manifest
from analysis.report import notebooks, report

SIZES = (2, 5, 20, 50)


@pytest.fixture(scope="session")
def unit_corpora(tmp_path_factory, seeds_dir):
    """One synthetic corpus per size, two articles per outlet, sharing one cache."""
    root = tmp_path_factory.mktemp("units")
    corpora = {}
    for n in SIZES:
        synthetic_corpus(root / f"c{n}", n_articles=2 * n, seeds_dir=seeds_dir, n_outlets=n)
        corpora[n] = root / f"c{n}"
    return root, corpora


def _run(root, corpus, name, notebook, by="outlet"):
    paths = config.paths(corpus_dir=corpus, tables_dir=root / f"t-{name}", figures_dir=root / f"f-{name}-{notebook}",
                         cache_dir=root / "cache")
    log: list[str] = []
    failed = report(paths=paths, selected=[notebook], by=by, log=log.append)
    assert failed == 0, "\n".join(log)
    entries = [e for e in read_manifest(paths.figures_dir) if e["kind"] == "figure"]
    assert entries
    return {e["name"]: e["layout_problems"] for e in entries if e["layout_problems"]}


@pytest.mark.parametrize("notebook", [nb.stem for nb in notebooks()])
@pytest.mark.parametrize("n", SIZES)
def test_figures_readable_at_n_outlets(unit_corpora, n, notebook):
    root, corpora = unit_corpora
    assert _run(root, corpora[n], f"o{n}", notebook) == {}


@pytest.mark.parametrize("notebook", [nb.stem for nb in notebooks()])
def test_figures_readable_by_outlet_type(unit_corpora, notebook):
    root, corpora = unit_corpora
    assert _run(root, corpora[50], "type50", notebook, by="outlet_type") == {}
