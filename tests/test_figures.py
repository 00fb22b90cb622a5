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


def test_saved_figures_fit_one_a4_text_area(book, tmp_path):
    """A legend below the axes and long labels would make a tight figure wider than 16 cm; it is fitted."""
    from pypdf import PdfReader

    fig, ax = book.figure(height=11)
    ax.barh(["ein sehr langer Name einer Quelle, die viel Platz braucht"] * 3, [1, 2, 3], label="x")
    ax.legend(ncols=6, loc="upper center", bbox_to_anchor=(0.5, -0.1), labels=[f"Kategorie Nummer {i}" for i in range(6)])
    book.save(fig, "sourcing-wide", caption="A figure that would be too wide and too tall.")
    box = PdfReader(tmp_path / "sourcing-wide.pdf").pages[0].mediabox
    assert float(box.width) / 72 * 2.54 <= 16.05 and float(box.height) / 72 * 2.54 <= 24.05
    plt.close(fig)


def test_layout_problems_finds_small_oblique_and_overlapping_text(book):
    from analysis.figures import layout_problems

    fig, ax = book.figure(height=2)
    ax.set_xticks([0, 1], ["Südkorea", "Nordkorea"])
    assert layout_problems(fig) == []
    ax.text(0.5, 0.5, "klein", fontsize=6)
    ax.text(0.1, 0.1, "schräg", rotation=30)
    ax.text(0.8, 0.8, "Yonhap")
    ax.text(0.8, 0.8, "NIS")
    problems = layout_problems(fig)
    assert any("under 7 pt" in p and "klein" in p for p in problems)
    assert any("oblique" in p and "schräg" in p for p in problems)
    assert any("overlapping" in p and "Yonhap" in p and "NIS" in p for p in problems)
    plt.close(fig)


def test_layout_problems_ignores_tick_labels_matplotlib_does_not_draw(book):
    from analysis.figures import layout_problems

    fig, axes = book.figure(height=2, ncols=2)
    for ax in axes:
        ax.set_xlim(0, 1)
        ax.set_xticks([-0.5, 0, 1, 1.5], ["weg", "0", "1", "weg"])
    assert layout_problems(fig) == []
    plt.close(fig)


def test_a_figure_in_parts_gets_part_names_and_captions(book, tmp_path):
    for k in (1, 2):
        fig, _ = book.figure(height=2)
        book.save(fig, "sourcing-long", caption="Many outlets.", part=(k, 2))
        plt.close(fig)
    entries = {e["name"]: e["caption"] for e in read_manifest(tmp_path)}
    assert entries == {"sourcing-long": "Many outlets. (Part 1 of 2.)", "sourcing-long-part2": "Many outlets. (Part 2 of 2.)"}


def test_book_compares_any_catalog_column(tmp_path):
    articles = ARTICLES.assign(outlet_type=["Tageszeitung", "", "Tageszeitung"])
    book = FigureBook(notebook="99_test", figures_dir=tmp_path, articles=articles, corpus_dir=tmp_path, by="outlet_type")
    assert book.by == "outlet_type" and book.units == ["Tageszeitung", "unknown"] and book.unit_name == "outlet type"
    assert book.label(pd.DataFrame({"article_id": ["b"]}))["outlet_type"].tolist() == ["unknown"]
    assert "2 outlet types" in book.corpus_note


def test_saving_paints_pixels_once_for_the_png_and_lays_out_without_painting(book, tmp_path, monkeypatch):
    """Fitting to the page and measuring lay the figure out without painting it; only the PNG is painted."""
    from matplotlib.backends.backend_agg import RendererAgg

    painted = []  # the resolution of every text painted into pixels
    draw_text = RendererAgg.draw_text
    monkeypatch.setattr(RendererAgg, "draw_text", lambda self, *a, **k: painted.append(self.dpi) or draw_text(self, *a, **k))
    fig, ax = book.figure(height=2)
    ax.barh(["Yonhap", "NIS"], [3, 1])
    ax.set_title("Zitierte Quellen")
    book.save(fig, "sourcing-painted-once", caption="Citations per source.")
    assert set(painted) == {200} and painted.count(200) == len(painted) >= 3  # title and two tick labels, once
    assert (tmp_path / "sourcing-painted-once.png").stat().st_size > 1000
    plt.close(fig)


def test_font_subsets_are_opened_without_opentype_layout_tables():
    """The subsetter would read GSUB/GPOS before dropping them; under lean_font_subsets they are gone on opening."""
    from fontTools import subset
    from matplotlib import font_manager

    from analysis.figures import lean_font_subsets

    path = font_manager.findfont("DejaVu Sans")
    assert "GSUB" in subset.load_font(path, subset.Options())
    with lean_font_subsets():
        font = subset.load_font(path, subset.Options())
    assert not {"GSUB", "GPOS", "GDEF", "kern"} & set(font.keys())
    assert "glyf" in font and subset.load_font.__module__ == "fontTools.subset"


def test_font_tables_decoded_once_give_the_same_pdfs_as_fresh_ones(book, tmp_path, monkeypatch):
    """Saving reuses each font's decoded glyph names, outlines, metrics and character map; a figure saved after another
    with other letters is byte for byte what it is with nothing cached, and the cached tables keep every glyph as read."""
    import matplotlib.pyplot as plt

    from analysis import figures

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    def pdf(title, name):
        fig, ax = book.figure(height=2.0)
        ax.bar(["Bild", "taz"], [1, 2])
        ax.set_title(title)
        book.save(fig, name, caption="Zwei Balken.")
        plt.close(fig)
        return (tmp_path / f"{name}.pdf").read_bytes()

    figures._DECODED.clear()
    with monkeypatch.context() as m:
        m.setattr(figures, "_DECODED_TAGS", ())
        fresh = pdf("Soldaten äöü", "font-cache-first")
    assert not any(figures._DECODED.values())
    figures._DECODED.clear()
    pdf("Quartz xylophon Wühlmaus ß", "font-cache-other")
    counts = {k: len(v["hmtx"].metrics) for k, v in figures._DECODED.items()}
    assert counts and min(counts.values()) > 1000
    outlines = {k: {name: glyph.__dict__.copy() for name, glyph in dict.items(v["glyf"].glyphs)} for k, v in figures._DECODED.items()}
    names = {k: list(v["glyphOrder"]) for k, v in figures._DECODED.items()}
    assert pdf("Soldaten äöü", "font-cache-first") == fresh
    assert {k: len(v["hmtx"].metrics) for k, v in figures._DECODED.items()} == counts
    # the subsetter empties the .notdef outline and renumbers composite glyphs (ä = a + dieresis) only in its copies
    assert {k: {name: glyph.__dict__ for name, glyph in dict.items(v["glyf"].glyphs)} for k, v in figures._DECODED.items()} == outlines
    assert {k: list(v["glyphOrder"]) for k, v in figures._DECODED.items()} == names
