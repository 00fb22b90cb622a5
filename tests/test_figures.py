"""The shared figure helper: names, files, fonts, colours, captions, report tables."""

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.figures import PALETTE, FigureBook, outlet_colors, read_manifest

ARTICLES = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet_label": ["Uslar Hier", "Telepolis?", "Uslar Hier"],
                         "date": ["2024-10", "2024-10", "2024-11"]})


@pytest.fixture
def book(tmp_path):
    return FigureBook(notebook="99_test", figures_dir=tmp_path, articles=ARTICLES, corpus_dir=tmp_path / "seeds")


def test_outlet_colours_follow_catalog_order_and_are_colour_blind_safe(book):
    assert book.outlets == ["Uslar Hier", "Telepolis?"]
    assert book.colors == {"Uslar Hier": PALETTE[0], "Telepolis?": PALETTE[1]}
    assert outlet_colors(["x", "y"])["x"] == "#0072B2"  # Okabe-Ito blue first


def test_save_writes_pdf_with_truetype_fonts_png_and_caption(book, tmp_path):
    fig, ax = book.figure(height=2)
    ax.bar(["Uslar Hier"], [3], color=book.colors["Uslar Hier"])
    ax.set_ylabel("Sätze mit Quelle")
    book.save(fig, "sourcing-test-figure", caption="Sentences with a source, per outlet.")
    pdf = (tmp_path / "sourcing-test-figure.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf and b"/Type3" not in pdf
    assert (tmp_path / "sourcing-test-figure.png").stat().st_size > 1000
    assert (tmp_path / ".pages" / "sourcing-test-figure.pdf").exists()
    entry = read_manifest(tmp_path)[0]
    assert entry["name"] == "sourcing-test-figure" and entry["notebook"] == "99_test"
    assert entry["caption"] == "Sentences with a source, per outlet."
    assert entry["corpus"] == "Corpus: seeds/ (3 articles, 2 outlets, 2024-10 to 2024-11)."
    plt.close(fig)


def test_saving_again_replaces_the_manifest_entry(book, tmp_path):
    for caption in ("first", "second"):
        fig, _ = book.figure()
        book.save(fig, "framing-x", caption=caption)
        plt.close(fig)
    entries = json.loads((tmp_path / "manifest.json").read_text())
    assert [e["caption"] for e in entries] == ["second"]


@pytest.mark.parametrize("name", ["fig3", "Figure 1", "a/b", ""])
def test_figures_are_named_by_content(book, name):
    fig, _ = book.figure()
    with pytest.raises(ValueError, match="name figures by content"):
        book.save(fig, name, caption="x")
    plt.close(fig)


def test_table_exports_csv_and_latex(book, tmp_path):
    book.table(pd.DataFrame({"Quelle": ["Yonhap"], "Anteil": [0.25]}), "sourcing-shares", caption="Shares & counts.")
    assert (tmp_path / "tables" / "sourcing-shares.csv").read_text(encoding="utf-8") == "Quelle,Anteil\nYonhap,0.25\n"
    tex = (tmp_path / "tables" / "sourcing-shares.tex").read_text(encoding="utf-8")
    assert "\\caption{Shares \\& counts.}" in tex and "Yonhap & 0.25" in tex


def test_label_adds_outlet(book):
    out = book.label(pd.DataFrame({"article_id": ["c", "b"], "x": [1, 2]}))
    assert out["outlet_label"].tolist() == ["Uslar Hier", "Telepolis?"]
