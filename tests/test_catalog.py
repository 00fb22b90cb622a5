"""The catalog as researchers save it: Excel's semicolons and cp1252, .xlsx, bad rows, German dates."""

from pathlib import Path

import pandas as pd
import pytest

from analysis.catalog import COMPUTED_COLUMNS, append_rows, join_catalog, load_catalog, missing_rows, normalise_date, read_table
from analysis.corpus import load_article

HEADER = "article_id,outlet,outlet_type,outlet_certainty,date,title,author,evidence"


def test_catalog_of_the_seeds(seeds_dir):
    catalog, problems = load_catalog(seeds_dir)
    assert not problems
    assert len(catalog) == 5
    row = catalog.set_index("article_id").loc["004_1b8548fd83fa8b64"]
    assert row["outlet"] == "Uslar Hier" and row["outlet_certainty"] == "certain"
    assert "PAP/jc" in catalog.set_index("article_id").loc["001_655c8ea758a98ab0", "evidence"]


def test_german_excel_csv_semicolons_and_cp1252(tmp_path):
    text = HEADER.replace(",", ";") + "\r\n" + "a1;Süddeutsche Zeitung;Tageszeitung;certain;14.11.2024;Soldaten, Generäle und Raketen;Jörg Müller;Impressum\r\n"
    (tmp_path / "articles.csv").write_bytes(text.encode("cp1252"))
    catalog, problems = load_catalog(tmp_path)
    assert problems == []
    row = catalog.set_index("article_id").loc["a1"]
    assert row["outlet"] == "Süddeutsche Zeitung" and row["title"] == "Soldaten, Generäle und Raketen"
    assert row["date"] == "2024-11-14" and row["author"] == "Jörg Müller"


def test_excel_workbook_is_read(tmp_path):
    frame = pd.DataFrame([["a1", "taz", "Tageszeitung", "likely", "2024-10-25", "Titel", "", ""]], columns=HEADER.split(","))
    frame.to_excel(tmp_path / "articles.xlsx", index=False)
    catalog, problems = load_catalog(tmp_path)
    assert problems == [] and catalog.loc[0, "outlet"] == "taz" and catalog.loc[0, "date"] == "2024-10-25"


def test_a_bad_row_is_reported_with_its_line_and_only_it_is_ignored(tmp_path):
    lines = [HEADER, "a1,taz,Tageszeitung,certain,2024-10,Ein Titel,,", "a2,Bild,Boulevard,certain,2024-10,Krieg, Soldaten, Raketen,,",
             "a3,FAZ,Tageszeitung,sicher,32.13.2024,Titel,,", "a1,Doppelt,,,,,,"]
    (tmp_path / "articles.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog, problems = load_catalog(tmp_path)
    assert catalog["article_id"].tolist() == ["a1", "a3"]
    assert any(p.startswith("articles.csv line 3: 10 fields, the header has 8") and "quotes" in p for p in problems)
    assert any(p.startswith("articles.csv line 4: outlet_certainty 'sicher'") for p in problems)
    assert any(p.startswith("articles.csv line 4: date '32.13.2024' is not a date") for p in problems)
    assert any(p.startswith("articles.csv line 5: article_id a1 already on line 2") for p in problems)
    assert catalog.set_index("article_id").loc["a3", "outlet_certainty"] == "uncertain"


def test_broken_catalog_is_reported_not_fatal(tmp_path):
    (tmp_path / "articles.csv").write_bytes(b'article_id,outlet\n"unclosed,quote\n')
    catalog, problems = load_catalog(tmp_path)
    assert catalog.empty and "line 2" in problems[0]


def test_a_catalog_without_an_id_column_says_what_the_header_must_be(tmp_path):
    (tmp_path / "articles.csv").write_text("Datei;Medium\nx;taz\n", encoding="utf-8")
    catalog, problems = load_catalog(tmp_path)
    assert catalog.empty and "has no column 'article_id'" in problems[0]


@pytest.mark.parametrize("given, expected", [("2024", "2024"), ("2024-10", "2024-10"), ("2024-10-25", "2024-10-25"),
                                             ("25.10.2024", "2024-10-25"), ("1.9.2024", "2024-09-01"), ("10.2024", "2024-10"),
                                             ("2024-10-25T08:30:00+02:00", "2024-10-25"), ("", "")])
def test_dates_are_normalised(given, expected):
    assert normalise_date(given) == (expected, "")


@pytest.mark.parametrize("bad", ["gestern", "2024-13", "31.02.20245", "Oktober 2024"])
def test_bad_dates_are_problems(bad):
    assert normalise_date(bad)[0] == "" and "is not a date" in normalise_date(bad)[1]


def test_join_keeps_catalog_order_so_outlet_colours_do_not_move():
    articles = pd.DataFrame({"article_id": ["001a", "002", "001"], "file": ["001a.txt", "002.txt", "001.txt"], "flags": ["", "", ""],
                             "detected_title": ["t"] * 3, "detected_date": [""] * 3, "detected_author": [""] * 3})
    catalog = pd.DataFrame({"article_id": ["001", "002"], "outlet": ["A", "B"], "outlet_type": "", "outlet_certainty": "certain",
                            "date": "2024", "title": "", "author": "", "evidence": ""})
    joined, missing = join_catalog(articles, catalog, {})
    assert joined["outlet_label"].tolist() == ["A", "B", "unknown?"] and missing == ["001a.txt"]


def test_missing_rows_take_a_saved_pages_metadata():
    articles = pd.DataFrame({"article_id": ["x"], "evidence": ["not in catalog"], "detected_outlet": ["tagesschau.de"],
                             "detected_date": ["2024-10-25"], "detected_title": ["Nordkorea"], "detected_author": ["A. B."]})
    row = missing_rows(articles).iloc[0]
    assert (row["outlet"], row["outlet_certainty"], row["date"]) == ("tagesschau.de", "likely", "2024-10-25")


def _imported(article_id, **extra):
    return {"article_id": article_id, "outlet": "Kreisblatt Nord", "outlet_certainty": "certain", "date": "2024-11-15",
            "title": "Landwirte fürchten Ernteausfälle", "import_source": "nexis.docx", "import_position": "2 of 3", **extra}


def test_appended_rows_get_provenance_columns_and_a_new_catalog_is_created(tmp_path):
    path = append_rows(tmp_path, [_imported("n2", title="=HYPERLINK(\"x\")")])
    assert path == tmp_path / "articles.csv"
    catalog, problems = load_catalog(tmp_path)
    assert problems == [] and catalog.loc[0, "import_position"] == "2 of 3"
    assert catalog.loc[0, "title"].startswith("'=")  # a formula-like title is never executed by a spreadsheet
    assert "imported_at" in catalog.columns and "import_url" in catalog.columns


def test_an_existing_row_is_never_overwritten_and_old_lines_stay_as_they_were(tmp_path):
    old = HEADER.replace(",", ";") + "\r\n" + "n2;Bote;;certain;01.10.2024;Älter;;Impressum\r\n"
    (tmp_path / "articles.csv").write_bytes(old.encode("cp1252"))
    append_rows(tmp_path, [_imported("n2"), _imported("n3", author="Zoë Ødegård", title="Kälte „bis März“")])
    raw = (tmp_path / "articles.csv").read_bytes().decode("cp1252")
    assert raw.split("\r\n")[1] == "n2;Bote;;certain;01.10.2024;Älter;;Impressum"
    catalog, problems = load_catalog(tmp_path)
    assert problems == [] and catalog["article_id"].tolist() == ["n2", "n3"]
    assert catalog.loc[0, "outlet"] == "Bote" and catalog.loc[1, "title"] == "Kälte „bis März“"
    append_rows(tmp_path, [_imported("n4", author="Łukasz Nowak")])  # not in cp1252: the file becomes UTF-8
    catalog, problems = load_catalog(tmp_path)
    assert problems == [] and catalog.loc[2, "author"] == "Łukasz Nowak" and catalog.loc[0, "title"] == "Älter"


def test_read_table_reads_address_lists_like_the_catalog(tmp_path):
    (tmp_path / "liste.csv").write_bytes("URL;Titel\r\nhttps://example.org/a;Brücke\r\n".encode("cp1252"))
    header, rows, problems = read_table(tmp_path / "liste.csv")
    assert header == ["url", "titel"] and rows == [(2, ["https://example.org/a", "Brücke"])] and problems == []


def test_catalog_columns_named_like_computed_ones_are_renamed_not_merged(tmp_path):
    (tmp_path / "articles.csv").write_text("article_id,outlet,words,file\na1,Blatt,999,anders.txt\n", encoding="utf-8")
    catalog, problems = load_catalog(tmp_path)
    assert {"catalog_words", "catalog_file"} <= set(catalog.columns) and "words" not in catalog.columns
    assert any("catalog_words" in p for p in problems)
    article = load_article(Path("tests/fixtures/005 Pentagon Meldung.txt"))
    assert set(article.row) - {"article_id"} <= COMPUTED_COLUMNS  # the list follows what load_article computes
