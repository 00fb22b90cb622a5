"""What every notebook does first: resolve its folders, load the tables of the last extract, open its figure book."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import config
from .figures import FigureBook
from .pipeline import Summary, load_tables


def start(
    notebook: str,
    *,
    corpus_dir: str | Path | None = None,
    tables_dir: str | Path | None = None,
    figures_dir: str | Path | None = None,
) -> tuple[dict[str, pd.DataFrame], Summary, FigureBook]:
    """(tables, run summary, figure book) for one notebook; `None` folders mean the defaults in config."""
    paths = config.paths(corpus_dir=corpus_dir, tables_dir=tables_dir, figures_dir=figures_dir)
    tables, summary = load_tables(corpus_dir=paths.corpus_dir, tables_dir=paths.tables_dir)
    book = FigureBook(notebook=notebook, figures_dir=paths.figures_dir, articles=tables["articles"], corpus_dir=paths.corpus_dir)
    return tables, summary, book
