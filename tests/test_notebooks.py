"""The notebooks stay thin (parameters, loading, one call per figure, narrative) and run on any corpus.

That they are committed clean, with a parameters cell, is checked in test_environment.py."""

import json
import re

from analysis.report import notebooks

DRAWING = re.compile(r"\b(?:ax|axes|plt|fig|cbar)\.\w+\(|import matplotlib|\.imshow\(|\.barh?\(")


def _code_lines(path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [
        line for c in cells if c["cell_type"] == "code"
        for line in "".join(c["source"]).splitlines() if line.strip() and not line.strip().startswith("#")
    ]


def test_notebooks_hold_at_most_250_code_lines_and_no_drawing_code():
    lines = {nb.stem: _code_lines(nb) for nb in notebooks()}
    assert sum(len(v) for v in lines.values()) <= 250, {k: len(v) for k, v in lines.items()}
    drawing = [(nb, line) for nb, code in lines.items() for line in code if DRAWING.search(line)]
    assert drawing == []


def test_every_notebook_runs_on_a_corpus_without_the_seeds(tmp_path):
    """A researcher's own folder (no hand-coded seed articles): every notebook runs, validation sections say why
    they are empty instead of failing."""
    import shutil
    from pathlib import Path

    from analysis import config
    from analysis.report import report

    corpus = tmp_path / "eigen"
    corpus.mkdir()
    for f in (Path(__file__).parent / "fixtures").iterdir():
        shutil.copy(f, corpus / f.name)
    paths = config.paths(corpus_dir=corpus, tables_dir=tmp_path / "t", figures_dir=tmp_path / "f", cache_dir=tmp_path / "c")
    log: list[str] = []
    assert report(paths=paths, log=log.append) == 0, "\n".join(log)
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (tmp_path / "f").rglob("0[1-4]_*.html")}
    assert len(pages) == 4, sorted(pages)
    for name, page in pages.items():
        assert "The last in-sample validation on the seeds" in page, name


def test_notebooks_show_corpus_text_only_escaped():
    """Computed narrative goes through analysis.notebook.markdown (HTML-escaped); no raw Markdown, HTML or Styler."""
    unsafe = re.compile(r"\bMarkdown\(|\bHTML\(|\.style\b|unsafe_allow_html|to_html\(.*escape=False")
    found = [(nb.stem, line) for nb in notebooks() for line in _code_lines(nb) if unsafe.search(line)]
    assert found == []
