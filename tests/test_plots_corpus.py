"""The corpus figures: each draws exactly the numbers of its table, on the seeds, on a one-outlet corpus and on
many units (outlets or outlet types) without a layout problem."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.bench import OUTLETS
from analysis.figures import FigureBook, read_manifest
from analysis.overview import length_by_outlet, removed_by_rule
from analysis.plots.corpus import (
    textplot_cleaning_removed,
    textplot_length_by_outlet,
    textplot_readability_by_outlet,
    textplot_similarity_heatmap,
)
from analysis.readability import readability_by_outlet
from analysis.similarity import similarity_by_unit, similarity_overview

from .conftest import USLAR

NAMES = ["corpus-length-by-outlet", "corpus-readability-by-outlet", "corpus-cleaning-removed", "corpus-similarity-heatmap"]


def _book(tmp_path, articles, by="outlet") -> FigureBook:
    return FigureBook(notebook="00_corpus", figures_dir=tmp_path, articles=articles, corpus_dir=tmp_path, by=by)


def _draw_all(tables, book):
    articles, by = book.articles, book.by
    return [
        textplot_length_by_outlet(length_by_outlet(articles, by=by), book=book),
        textplot_readability_by_outlet(readability_by_outlet(tables["readability"], articles=articles, by=by), book=book),
        textplot_cleaning_removed(removed_by_rule(tables["removed"], articles=articles, by=by), book=book),
        textplot_similarity_heatmap(similarity_overview(tables["similarity"], articles=articles, by=by), book=book),
    ]


def _problems(figures_dir) -> dict[str, list[str]]:
    return {e["name"]: e["layout_problems"] for e in read_manifest(figures_dir) if e["kind"] == "figure" and e["layout_problems"]}


RULES = ["ad-blocker nag", "author bio", "author byline", "comment form", "comment label", "gallery marker",
         "image caption", "navigation", "related-links block", "repeated line", "subscription nag"]


def _many(n_units: int, per_unit: int = 2, rules=RULES) -> dict[str, pd.DataFrame]:
    """Tables of `n_units` outlets with real, long names (every third uncertain: '?'), `per_unit` articles each."""
    rng = np.random.default_rng(7)
    names = [f"{OUTLETS[k % len(OUTLETS)][0]}{' ' + str(k // len(OUTLETS) + 1) if k >= len(OUTLETS) else ''}"
             f"{'?' if k % 3 == 0 else ''}" for k in range(n_units)]
    types = [OUTLETS[k % len(OUTLETS)][1] for k in range(n_units)]
    ids = [f"u{k:02d}a{j}" for k in range(n_units) for j in range(per_unit)]
    articles = pd.DataFrame({
        "article_id": ids,
        "outlet_label": [names[k] for k in range(n_units) for _ in range(per_unit)],
        "outlet_type": [types[k] for k in range(n_units) for _ in range(per_unit)],
        "words": rng.integers(200, 1500, len(ids)), "sentences": rng.integers(10, 60, len(ids)),
    })
    readability = pd.DataFrame({"article_id": ids, "flesch_amstad": rng.uniform(20, 50, len(ids)),
                                "wiener_sachtextformel": rng.uniform(9, 15, len(ids))})
    removed = pd.DataFrame([(a, i, rule, "Jetzt abonnieren und weiterlesen") for i, a in enumerate(ids)
                            for rule in rng.choice(rules, 3, replace=False)], columns=["article_id", "line", "rule", "text"])
    cos = rng.uniform(0.05, 0.5, (len(ids), len(ids)))
    cos = (cos + cos.T) / 2
    np.fill_diagonal(cos, 1.0)
    similarity = pd.DataFrame([(a, b, cos[i, j]) for i, a in enumerate(ids) for j, b in enumerate(ids)],
                              columns=["article_a", "article_b", "cosine"])
    return {"articles": articles, "readability": readability, "removed": removed, "similarity": similarity}


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
    assert _problems(tmp_path) == {}
    plt.close("all")


@pytest.mark.parametrize(("n_units", "by"), [(20, "outlet"), (50, "outlet"), (50, "outlet_type")])
def test_figures_stay_readable_for_many_units(tmp_path, n_units, by):
    tables = _many(n_units)
    _draw_all(tables, _book(tmp_path, tables["articles"], by=by))
    assert sorted(e["name"] for e in read_manifest(tmp_path) if e["kind"] == "figure") == sorted(NAMES)
    assert _problems(tmp_path) == {}
    plt.close("all")


def test_captions_and_titles_name_the_unit(tmp_path):
    tables = _many(8)
    figs = _draw_all(tables, _book(tmp_path, tables["articles"], by="outlet_type"))
    captions = {e["name"]: e["caption"] for e in read_manifest(tmp_path) if e["kind"] == "figure"}
    assert "per outlet type" in captions["corpus-length-by-outlet"]
    assert "each outlet type's prose" in captions["corpus-readability-by-outlet"]
    assert "two outlet types" in captions["corpus-similarity-heatmap"]
    assert [f.axes[0].get_title(loc="left") for f in figs] == [
        "Article length by outlet type", "Readability by outlet type", "Words removed by cleaning, per rule and outlet type",
        "Lexical similarity between outlet types"]
    assert _problems(tmp_path) == {}
    plt.close("all")


def test_past_fifty_units_rows_continue_in_parts_on_one_scale(tmp_path):
    tables = _many(51, per_unit=1)
    articles = tables["articles"]
    book = _book(tmp_path, articles)
    length = length_by_outlet(articles)
    first = textplot_length_by_outlet(length, book=book)
    textplot_readability_by_outlet(readability_by_outlet(tables["readability"], articles=articles), book=book)
    textplot_cleaning_removed(removed_by_rule(tables["removed"], articles=articles), book=book)
    for name in ("corpus-length-by-outlet", "corpus-readability-by-outlet", "corpus-cleaning-removed"):
        assert (tmp_path / f"{name}.pdf").exists() and (tmp_path / f"{name}-part2.pdf").exists()
        assert not (tmp_path / f"{name}-part3.pdf").exists()
    assert _problems(tmp_path) == {}
    words = first.axes[0]
    # part 1 holds the first 26 outlets, on the x scale of all 51
    assert [t.get_text() for t in words.get_yticklabels()] == length.index[:26].tolist()
    assert words.get_xlim()[1] == pytest.approx(length["words"].max() * 1.45)
    plt.close("all")


def test_length_bars_are_the_tables_values(seed_tables, tmp_path):
    length = length_by_outlet(seed_tables["articles"])
    fig = textplot_length_by_outlet(length, book=_book(tmp_path, seed_tables["articles"]))
    words, sentences = fig.axes[0], fig.axes[1]
    assert [p.get_width() for p in words.patches] == length["words"].tolist()
    assert [p.get_width() for p in sentences.patches] == length["sentences"].tolist()
    assert [t.get_text() for t in words.get_yticklabels()] == length.index.tolist()
    plt.close(fig)


def test_readability_dots_are_the_tables_means_and_lines_its_interval(tmp_path):
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "outlet_label": ["Tagesblatt", "Abendpost?", "Tagesblatt"]})
    read = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "flesch_amstad": [40.0, 50.0, 30.0], "wiener_sachtextformel": [10.0, 8.0, 12.0]})
    fig = textplot_readability_by_outlet(readability_by_outlet(read, articles=articles), book=_book(tmp_path, articles))
    flesch = fig.axes[0].collections[-1].get_offsets()[:, 0]
    assert list(flesch) == [35.0, 50.0]
    # Tagesblatt's line: the central 95% of 30 and 40; Abendpost? has one article, its line has no length
    lines = fig.axes[0].collections[0].get_segments()
    assert [(seg[0][0], seg[1][0]) for seg in lines] == [pytest.approx((30.25, 39.75)), (50.0, 50.0)]
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


def test_cleaning_heatmap_puts_many_units_in_rows(tmp_path):
    tables = _many(8, per_unit=1, rules=RULES[:3])
    wide = removed_by_rule(tables["removed"], articles=tables["articles"])
    fig = textplot_cleaning_removed(wide, book=_book(tmp_path, tables["articles"]))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == wide.columns.tolist()
    assert [t.get_text() for t in ax.get_xticklabels()] == wide.index.tolist()
    # every outlet had all three rules, each removing 4 words per article
    assert [t.get_text() for t in ax.texts] == ["4"] * 24
    plt.close(fig)


def test_cleaning_figure_without_removed_lines(tmp_path):
    articles = pd.DataFrame({"article_id": ["a1"], "outlet_label": ["Tagesblatt"]})
    removed = pd.DataFrame(columns=["article_id", "line", "rule", "text"])
    fig = textplot_cleaning_removed(removed_by_rule(removed, articles=articles), book=_book(tmp_path, articles))
    assert "removed nothing" in fig.axes[0].texts[0].get_text()
    plt.close(fig)


def test_similarity_heatmap_prints_every_cosine(seed_tables, tmp_path):
    matrix = similarity_overview(seed_tables["similarity"], articles=seed_tables["articles"])
    assert matrix.index.name == "article"
    fig = textplot_similarity_heatmap(matrix, book=_book(tmp_path, seed_tables["articles"]))
    printed = [float(t.get_text()) for t in fig.axes[0].texts]
    assert printed == pytest.approx(np.round(matrix.to_numpy().ravel(), 2).tolist())
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == matrix.index.tolist()
    plt.close(fig)


def test_similarity_heatmap_of_many_units_numbers_its_columns(tmp_path):
    tables = _many(20)
    matrix = similarity_overview(tables["similarity"], articles=tables["articles"])
    assert matrix.shape == (20, 20) and matrix.index.name == "outlet_label"
    fig = textplot_similarity_heatmap(matrix, book=_book(tmp_path, tables["articles"]))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(k) for k in range(1, 21)]
    assert ax.get_yticklabels()[19].get_text() == f"{matrix.index[19]} (20)"
    assert len(ax.texts) == 0  # colours only at 20 units; the table keeps the numbers
    image = ax.get_images()[0].get_array()
    assert image[0, 1] == pytest.approx(matrix.iat[0, 1])
    plt.close(fig)


def test_similarity_heatmap_past_fifty_units_keeps_those_with_most_articles(tmp_path):
    tables = _many(52)
    # the outlets in rows 3 and 40 lose an article each: they are the two left out
    tables["articles"] = tables["articles"][~tables["articles"]["article_id"].isin(["u03a1", "u40a1"])]
    matrix = similarity_by_unit(tables["similarity"], articles=tables["articles"])
    book = _book(tmp_path, tables["articles"])
    fig = textplot_similarity_heatmap(matrix, book=book)
    shown = [t.get_text().rsplit(" (", 1)[0] for t in fig.axes[0].get_yticklabels()]
    assert shown == [u for k, u in enumerate(book.units) if k not in (3, 40)]
    caption = read_manifest(tmp_path)[-1]["caption"]
    assert "The 50 outlets with the most articles are shown; 2 with fewer are left out" in caption
    plt.close(fig)
