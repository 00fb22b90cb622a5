"""The corpus figures: each draws exactly the numbers of its table, on the seeds and on a one-outlet corpus."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.figures import FigureBook
from analysis.overview import length_by_outlet, removed_by_rule
from analysis.plots.corpus import (
    textplot_cleaning_removed,
    textplot_length_by_outlet,
    textplot_readability_by_outlet,
    textplot_similarity_heatmap,
)
from analysis.readability import readability_by_outlet
from analysis.similarity import similarity_matrix

from .conftest import USLAR

NAMES = ["corpus-length-by-outlet", "corpus-readability-by-outlet", "corpus-cleaning-removed", "corpus-similarity-heatmap"]


def _book(tmp_path, articles) -> FigureBook:
    return FigureBook(notebook="00_corpus", figures_dir=tmp_path, articles=articles, corpus_dir=tmp_path)


def _draw_all(tables, book):
    articles = tables["articles"]
    return [
        textplot_length_by_outlet(length_by_outlet(articles), book=book),
        textplot_readability_by_outlet(readability_by_outlet(tables["readability"], articles=articles), book=book),
        textplot_cleaning_removed(removed_by_rule(tables["removed"], articles=articles), book=book),
        textplot_similarity_heatmap(similarity_matrix(tables["similarity"], articles=articles), book=book),
    ]


def _one_article(tables, article_id):
    keep = {
        name: tables[name][tables[name]["article_id"] == article_id]
        for name in ("articles", "readability", "removed")
    }
    sim = tables["similarity"]
    keep["similarity"] = sim[(sim["article_a"] == article_id) & (sim["article_b"] == article_id)]
    return keep


@pytest.mark.parametrize("corpus", ["seeds", "one outlet"])
def test_every_corpus_figure_is_saved(seed_tables, tmp_path, corpus):
    tables = seed_tables if corpus == "seeds" else _one_article(seed_tables, USLAR)
    figs = _draw_all(tables, _book(tmp_path, tables["articles"]))
    for name in NAMES:
        assert (tmp_path / f"{name}.pdf").exists() and (tmp_path / f"{name}.png").exists()
    for fig in figs:
        plt.close(fig)


def test_length_bars_are_the_tables_values(seed_tables, tmp_path):
    length = length_by_outlet(seed_tables["articles"])
    fig = textplot_length_by_outlet(length, book=_book(tmp_path, seed_tables["articles"]))
    words, sentences = fig.axes[0], fig.axes[1]
    assert [p.get_width() for p in words.patches] == length["words"].tolist()
    assert [p.get_width() for p in sentences.patches] == length["sentences"].tolist()
    assert [t.get_text() for t in words.get_yticklabels()] == length.index.tolist()
    plt.close(fig)


def test_readability_dots_are_the_tables_means(tmp_path):
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "outlet_label": ["Tagesblatt", "Abendpost?", "Tagesblatt"]})
    read = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "flesch_amstad": [40.0, 50.0, 30.0], "wiener_sachtextformel": [10.0, 8.0, 12.0]})
    fig = textplot_readability_by_outlet(readability_by_outlet(read, articles=articles), book=_book(tmp_path, articles))
    flesch = fig.axes[0].collections[-1].get_offsets()[:, 0]
    assert list(flesch) == [35.0, 50.0]
    assert {t.get_text() for t in fig.axes[1].texts} == {"11.0", "8.0"}
    plt.close(fig)


def test_cleaning_heatmap_prints_the_counts(tmp_path):
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "outlet_label": ["Tagesblatt", "Abendpost?"]})
    removed = pd.DataFrame(
        {"article_id": ["a1", "a1"], "line": [1, 2], "rule": ["ad-blocker nag", "image caption"], "text": ["Bitte Ad-Blocker aus", "Foto: dpa"]}
    )
    fig = textplot_cleaning_removed(removed_by_rule(removed, articles=articles), book=_book(tmp_path, articles))
    # rows: ad-blocker nag, image caption; columns: Tagesblatt, Abendpost? ('·' = nothing removed)
    assert [t.get_text() for t in fig.axes[0].texts] == ["3", "·", "2", "·"]
    plt.close(fig)


def test_cleaning_figure_without_removed_lines(tmp_path):
    articles = pd.DataFrame({"article_id": ["a1"], "outlet_label": ["Tagesblatt"]})
    removed = pd.DataFrame(columns=["article_id", "line", "rule", "text"])
    fig = textplot_cleaning_removed(removed_by_rule(removed, articles=articles), book=_book(tmp_path, articles))
    assert "removed nothing" in fig.axes[0].texts[0].get_text()
    plt.close(fig)


def test_similarity_heatmap_prints_every_cosine(seed_tables, tmp_path):
    matrix = similarity_matrix(seed_tables["similarity"], articles=seed_tables["articles"])
    fig = textplot_similarity_heatmap(matrix, book=_book(tmp_path, seed_tables["articles"]))
    printed = [float(t.get_text()) for t in fig.axes[0].texts]
    assert printed == pytest.approx(np.round(matrix.to_numpy().ravel(), 2).tolist())
    plt.close(fig)
