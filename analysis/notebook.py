"""What every notebook does first: resolve its folders, load the tables of the last extract, open its figure book."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import config
from .figures import FigureBook
from .config import UserError
from .corpus import with_units
from .pipeline import Summary, check_outputs, load_tables


def start(
    notebook: str,
    *,
    corpus_dir: str | Path | None = None,
    tables_dir: str | Path | None = None,
    figures_dir: str | Path | None = None,
    compare_by: str = "outlet",
) -> tuple[dict[str, pd.DataFrame], Summary, FigureBook]:
    """(tables, run summary, figure book) for one notebook; `None` folders mean the defaults in config.

    `compare_by` is the comparison unit: `outlet` or any catalog column (`outlet_type`, a `group` of one's own);
    `tables["articles"]` then has that column filled ('unknown' where the catalog has no value) and `book.by` names it.
    Prints the corpus-health summary (analysed, skipped, flagged, catalog problems and their fix). A folder that
    does not exist, or a unit the catalog does not have, is a one-line error, not a traceback.
    """
    paths = config.paths(corpus_dir=corpus_dir, tables_dir=tables_dir, figures_dir=figures_dir)
    if not paths.corpus_dir.is_dir():
        raise UserError(f"corpus folder not found: {paths.corpus_dir} (set corpus_dir in the parameters cell; "
                        f"a relative path is relative to {config.ROOT})")
    check_outputs(paths.corpus_dir, {"tables_dir": paths.tables_dir, "figures_dir": paths.figures_dir})
    tables, summary = load_tables(corpus_dir=paths.corpus_dir, tables_dir=paths.tables_dir, by=compare_by)
    print(summary)
    tables = {**tables, "articles": with_units(tables["articles"], compare_by)}
    book = FigureBook(notebook=notebook, figures_dir=paths.figures_dir, articles=tables["articles"], corpus_dir=paths.corpus_dir,
                      by=compare_by)
    return tables, summary, book


def display(*objs) -> None:
    """IPython's display, so that a notebook takes its helpers from one import."""
    from IPython.display import display as show

    show(*objs)


def markdown(text: str):
    """Computed narrative for display in a notebook. Corpus and catalog text inside it (titles, outlet names, quoted
    passages) is HTML-escaped, so markup in an article or catalog cell is shown as text and never runs."""
    import html

    from IPython.display import Markdown

    return Markdown(html.escape(text, quote=False))


def last_validation(tables: dict[str, pd.DataFrame], name: str) -> list:
    """A validation section on a corpus without the hand-coded seeds: one line saying so, and the last in-sample
    agreement table committed in analysis/gold/insample/ (table `validation_<name>_last`)."""
    last = tables.get(f"validation_{name}_last")
    note = "The hand-coded seed articles are not in this corpus, so this measure cannot be validated on it."
    if last is None:
        return [markdown(note)]
    when = f", saved {last['evaluated'].iloc[0]}" if "evaluated" in last and len(last) else ""
    return [markdown(f"{note} The last in-sample validation on the seeds (analysis/gold/insample/{when}):"), last]
