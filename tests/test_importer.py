"""Importing articles as researchers get them: Nexis and Factiva exports split into articles with catalog rows, and
web addresses fetched politely from a small local server; a second import changes nothing."""

import http.server
import threading
import time

import pandas as pd
import pytest

from analysis.catalog import load_catalog
from analysis.importer import Fetcher, ImportProblem, import_sources, parse_date, read_export, textstat_import_sources

BODY_A = [
    "Der Gemeinderat von Hainfeld hat am Mittwochabend über die Sanierung der alten Steinbrücke gestritten.",
    "Bürgermeisterin Petra Lindner sagte, die Kosten seien in den vergangenen zwei Jahren deutlich gestiegen.",
    "Die Opposition forderte ein unabhängiges Gutachten, bevor weitere Aufträge vergeben werden.",
]
BODY_B = [
    "Nach dem Hochwasser im Frühjahr stehen viele Landwirte im Kreis vor leeren Feldern.",
    "Der Bauernverband rechnet mit Ernteausfällen von bis zu vierzig Prozent, wie ein Sprecher mitteilte.",
]
BODY_C = [
    "Die Stadtbibliothek öffnet künftig auch am Sonntag, teilte die Verwaltung am Freitag mit.",
    "Nach Angaben der Leiterin hätten sich viele Familien längere Öffnungszeiten gewünscht.",
]
ARTICLES = [
    ("Streit um die Steinbrücke", "Hainfelder Anzeiger", "November 14, 2024 Thursday", "2024-11-14", "Jörg Müller", "412 words", BODY_A),
    ("Landwirte fürchten Ernteausfälle", "Kreisblatt Nord", "15. November 2024 Freitag", "2024-11-15", "Anna Schäfer", "Länge: 233 Wörter", BODY_B),
    ("Bibliothek öffnet sonntags", "Hainfelder Anzeiger", "16 Nov 2024", "2024-11-16", "", "198 words", BODY_C),
]


def nexis_uni_lines(articles=ARTICLES) -> list[str]:
    """A Nexis Uni export as its paragraphs: cover page, then per article headline, outlet, date, fields, 'Body',
    text, 'Load-Date:', 'End of Document'."""
    lines = ["User Name: = Forschungsprojekt", "Date and Time: Nov 29, 2026 01:30", "Job Number: 123456789",
             f"Documents ({len(articles)})"]
    lines += [f"{k}. {a[0]}" for k, a in enumerate(articles, 1)]
    lines += ["Client/Matter: -None-", "Search Terms: Brücke OR Hochwasser", "Search Type: Terms and Connectors", ""]
    for title, outlet, date, _, author, length, body in articles:
        lines += [title, outlet, date, f"Copyright 2024 {outlet} GmbH Alle Rechte vorbehalten", "Section: LOKALES; S. 3",
                  f"Length: {length.split(': ')[-1]}"]
        lines += [f"Byline: {author}"] if author else []
        lines += ["Body"] + body + ["Load-Date: November 20, 2024", "End of Document"]
    return lines


def write_docx(path, lines):
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def rtf_escaped(line: str) -> str:
    """A line as RTF text: cp1252 umlauts as \\'xx escapes, other characters as \\uN?."""
    out = []
    for ch in line:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                out.append("\\'%02x" % ch.encode("cp1252")[0])
            except UnicodeEncodeError:
                out.append(f"\\u{ord(ch)}?")
    return "".join(out)


def rtf(lines: list[str]) -> str:
    """Lines as an RTF document (cp1252, one paragraph per line)."""
    body = "\n".join(f"\\pard {rtf_escaped(ln)}\\par" for ln in lines)
    return "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n" + body + "\n}"


def factiva_plain_lines() -> list[str]:
    """Factiva's plain article layout: headline, byline, word count, date, time, source, code, language, copyright,
    text, then 'Document <accession number>'."""
    lines = []
    for k, (title, outlet, _, iso, author, length, body) in enumerate(ARTICLES[:2]):
        words = length.split(": ")[-1].replace("Länge ", "")
        y, m, d = iso.split("-")
        lines += [title, f"Von {author}", words, f"{int(d)} November {y}", "08:30", outlet, "HFA" if k == 0 else "KBN",
                  "Deutsch", f"(c) 2024 {outlet}. Alle Rechte vorbehalten.", ""]
        lines += [para for p in body for para in (p, "")]
        lines += [f"Document HFAZ00002024111{k}ekbe0000{k}", ""]
    lines += ["Search Summary", "Text", "Brücke", "Date", "01/11/2024 to 30/11/2024"]
    return lines


def factiva_field_lines() -> list[str]:
    title, outlet, _, _, author, _, body = ARTICLES[1]
    return ["HD", title, "BY", f"Von {author}", "WC", "233 Wörter", "PD", "15 November 2024", "SN", outlet, "SC", "KBN",
            "LA", "Deutsch", "CY", "(c) 2024 Kreisblatt Nord", "LP", body[0], "TD", body[1], "AN",
            "Document KBN0000020241115ekbf0000b"]


def _rows(corpus):
    catalog, problems = load_catalog(corpus)
    assert problems == []
    return catalog.set_index("article_id")


def _snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("given, expected", [("November 14, 2024 Thursday", "2024-11-14"), ("15. November 2024 Freitag", "2024-11-15"),
                                             ("Donnerstag, 3. Okt. 2024", "2024-10-03"), ("16 Nov 2024", "2024-11-16"),
                                             ("14.11.2024", "2024-11-14"), ("Copyright 2024 Verlag", "")])
def test_dates_of_database_exports(given, expected):
    assert parse_date(given) == expected


def test_nexis_uni_docx_gives_one_file_and_one_certain_catalog_row_per_article(tmp_path):
    export = write_docx(tmp_path / "Nexis Brücke.docx", nexis_uni_lines())
    corpus = tmp_path / "korpus"
    summary = import_sources([str(export)], corpus_dir=corpus, say=lambda _: None)
    assert len(summary.added) == 3 and summary.failed == [] and summary.already == []
    rows = _rows(corpus)
    assert len(rows) == 3
    first = rows.loc["2024-11-14_hainfelder-anzeiger_streit-um-die-steinbrücke"]
    assert (first["outlet"], first["date"], first["title"], first["author"]) == ("Hainfelder Anzeiger", "2024-11-14", "Streit um die Steinbrücke", "Jörg Müller")
    assert first["outlet_certainty"] == "certain" and "Nexis Uni" in first["evidence"]
    assert (first["import_source"], first["import_position"], first["import_words"]) == ("Nexis Brücke.docx", "1 of 3", "412")
    assert rows.loc["2024-11-15_kreisblatt-nord_landwirte-fürchten-ernteausfälle", "import_words"] == "233"
    assert rows.loc["2024-11-16_hainfelder-anzeiger_bibliothek-öffnet-sonntags", "author"] == ""
    saved = (corpus / "2024-11-14_hainfelder-anzeiger_streit-um-die-steinbrücke.txt").read_text(encoding="utf-8")
    assert saved.startswith("Streit um die Steinbrücke\n") and BODY_A[2] in saved
    assert "Load-Date" not in saved and "Length:" not in saved and "Copyright" not in saved


def test_importing_an_export_twice_changes_nothing_and_says_so(tmp_path):
    export = write_docx(tmp_path / "nexis.docx", nexis_uni_lines())
    corpus = tmp_path / "korpus"
    import_sources([str(export)], corpus_dir=corpus, say=lambda _: None)
    before = _snapshot(corpus)
    again = import_sources([str(export)], corpus_dir=corpus, say=lambda _: None)
    assert again.added == [] and len(again.already) == 3 and _snapshot(corpus) == before
    assert "Nothing new" in str(again) and "already imported as 2024-11-14_" in str(again)
    copy = write_docx(tmp_path / "nexis kopie.docx", nexis_uni_lines())  # the same articles under another name
    third = import_sources([str(copy)], corpus_dir=corpus, say=lambda _: None)
    assert third.added == [] and all("same text as" in why for _, why in third.already)


def test_a_new_article_with_a_taken_name_gets_a_new_name_and_nothing_is_overwritten(tmp_path):
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    taken = corpus / "2024-11-14_hainfelder-anzeiger_streit-um-die-steinbrücke.txt"
    taken.write_text("Ein anderer Text, den die Forscherin selbst gespeichert hat.\n", encoding="utf-8")
    export = write_docx(tmp_path / "nexis.docx", nexis_uni_lines(ARTICLES[:1]))
    summary = import_sources([str(export)], corpus_dir=corpus, say=lambda _: None)
    assert summary.added[0][0] == "2024-11-14_hainfelder-anzeiger_streit-um-die-steinbrücke-2.txt"
    assert taken.read_text(encoding="utf-8").startswith("Ein anderer Text")


def test_nexis_uni_rtf_and_txt_read_like_the_docx(tmp_path):
    (tmp_path / "nexis.rtf").write_text(rtf(nexis_uni_lines()), encoding="ascii")
    (tmp_path / "nexis.txt").write_text("\n".join(nexis_uni_lines()).replace("Length: ", "Length:\u00a0"), encoding="utf-8")
    for name in ("nexis.rtf", "nexis.txt"):
        layout, found = read_export(tmp_path / name)
        assert layout.startswith("Nexis Uni")
        assert [(f.title, f.outlet, f.date) for f in found] == [(a[0], a[1], a[3]) for a in ARTICLES]
        assert found[1].paragraphs == BODY_B and found[0].words == "412"


def test_a_headline_over_two_lines_is_read_whole(tmp_path):
    lines = nexis_uni_lines(ARTICLES[:2])
    at = lines.index("Landwirte fürchten Ernteausfälle", 12)
    lines[at:at + 1] = ["Nach dem Hochwasser:", "Landwirte fürchten Ernteausfälle"]
    _, found = read_export(write_docx(tmp_path / "n.docx", lines))
    assert found[1].title == "Nach dem Hochwasser: Landwirte fürchten Ernteausfälle" and found[1].outlet == "Kreisblatt Nord"


def test_classic_lexisnexis_text_export(tmp_path):
    lines = []
    for k, (title, outlet, _, iso, author, _, body) in enumerate(ARTICLES[:2], 1):
        y, m, d = iso.split("-")
        lines += [f"Dokument {k} von 2", "", outlet, "", f"{int(d)}. November {y} Donnerstag", "", title, "",
                  f"AUTOR: {author}", "RUBRIK: LOKALES; S. 3", "LÄNGE: 300 Wörter", ""]
        lines += [para for p in body for para in (p, "")] + ["LOAD-DATE: 20. November 2024", "SPRACHE: GERMAN", ""]
    (tmp_path / "ln.txt").write_text("\n".join(lines), encoding="cp1252")
    layout, found = read_export(tmp_path / "ln.txt")
    assert layout == "LexisNexis (.txt)"
    assert [(f.title, f.outlet, f.date, f.author, f.words) for f in found] == [
        ("Streit um die Steinbrücke", "Hainfelder Anzeiger", "2024-11-14", "Jörg Müller", "300"),
        ("Landwirte fürchten Ernteausfälle", "Kreisblatt Nord", "2024-11-15", "Anna Schäfer", "300")]
    assert found[0].paragraphs == BODY_A


def test_hard_wrapped_text_export_is_joined_into_paragraphs(tmp_path):
    import textwrap

    lines = ["1 of 1 DOCUMENT", "", "Hainfelder Anzeiger", "", "14. November 2024 Donnerstag", "", "Streit um die Steinbrücke",
             "", "LENGTH: 300 words", ""]
    for para in BODY_A:
        lines += textwrap.wrap(para + " Das berichteten mehrere Teilnehmer der Sitzung übereinstimmend.", 72) + [""]
    (tmp_path / "ln.txt").write_text("\n".join(lines + ["LANGUAGE: GERMAN"]), encoding="utf-8")
    _, found = read_export(tmp_path / "ln.txt")
    assert found[0].paragraphs[1] == BODY_A[1] + " Das berichteten mehrere Teilnehmer der Sitzung übereinstimmend."
    assert len(found[0].paragraphs) == 3 and found[0].title == "Streit um die Steinbrücke"


def test_factiva_plain_txt_and_field_rtf(tmp_path):
    (tmp_path / "factiva.txt").write_text("\n".join(factiva_plain_lines()), encoding="utf-8")
    layout, found = read_export(tmp_path / "factiva.txt")
    assert layout == "Factiva (.txt)" and len(found) == 2
    assert [(f.title, f.outlet, f.date, f.author, f.words) for f in found] == [
        ("Streit um die Steinbrücke", "Hainfelder Anzeiger", "2024-11-14", "Jörg Müller", "412"),
        ("Landwirte fürchten Ernteausfälle", "Kreisblatt Nord", "2024-11-15", "Anna Schäfer", "233")]
    assert found[0].paragraphs == BODY_A
    (tmp_path / "factiva.rtf").write_text(rtf(factiva_field_lines()), encoding="ascii")
    layout, found = read_export(tmp_path / "factiva.rtf")
    assert layout == "Factiva (.rtf)"
    assert (found[0].title, found[0].outlet, found[0].date, found[0].author, found[0].words) == (
        "Landwirte fürchten Ernteausfälle", "Kreisblatt Nord", "2024-11-15", "Anna Schäfer", "233")
    assert found[0].paragraphs == BODY_B


def test_factiva_rtf_with_the_field_codes_in_a_table(tmp_path):
    def row(code, *values):
        cells = "\\par ".join(rtf_escaped(v) for v in values)
        return f"{{\\trowd\\cellx1000\\cellx8000 \\pard\\intbl {code}\\cell \\pard\\intbl {cells}\\cell\\row}}"

    title, outlet, _, _, author, _, body = ARTICLES[1]
    rows = [row("HD", title), row("BY", f"Von {author}"), row("WC", "233 Wörter"), row("PD", "15 November 2024"),
            row("SN", outlet), row("LP", body[0]), row("TD", *body[1:], "Zweiter Absatz der Meldung."),
            row("AN", "Document KBN0000020241115ekbf0000b")]
    (tmp_path / "tabelle.rtf").write_text("{\\rtf1\\ansi\\ansicpg1252\n" + "\n".join(rows) + "\n}", encoding="ascii")
    layout, found = read_export(tmp_path / "tabelle.rtf")
    assert layout == "Factiva (.rtf)"
    assert (found[0].title, found[0].outlet, found[0].date, found[0].author) == (title, outlet, "2024-11-15", author)
    assert found[0].paragraphs == [body[0], body[1], "Zweiter Absatz der Meldung."]


def test_bad_imports_give_one_line_reasons_and_stop_nothing(tmp_path):
    (tmp_path / "kaputt.docx").write_bytes(b"PK\x03\x04 nicht wirklich ein Word-Dokument")
    (tmp_path / "notiz.txt").write_text("Einkaufsliste: Brot, Milch, Käse.\n", encoding="utf-8")
    (tmp_path / "alt.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "liste.csv").write_text("adresse\nhttps://example.org/a\n", encoding="utf-8")
    good = write_docx(tmp_path / "nexis.docx", nexis_uni_lines(ARTICLES[:1]))
    names = ["kaputt.docx", "notiz.txt", "alt.doc", "liste.csv", "fehlt.rtf"]
    summary = import_sources([str(tmp_path / n) for n in names] + [str(good)], corpus_dir=tmp_path / "k", say=lambda _: None)
    reasons = dict(summary.failed)
    assert "not a readable Word .docx file" in reasons["kaputt.docx"]
    assert reasons["notiz.txt"].startswith("unknown layout")
    assert "save it as .docx" in reasons["alt.doc"] and "no 'url' column" in reasons["liste.csv"]
    assert reasons["fehlt.rtf"] == "file not found"
    assert all("\n" not in r and "Traceback" not in r for r in reasons.values())
    assert len(summary.added) == 1


def test_a_zip_archive_of_exports_is_imported_member_by_member(tmp_path):
    import zipfile

    write_docx(tmp_path / "teil1.docx", nexis_uni_lines(ARTICLES[:2]))
    with zipfile.ZipFile(tmp_path / "nexis.zip", "w") as archive:
        archive.write(tmp_path / "teil1.docx", "Nexis/teil1.docx")
        archive.writestr("Nexis/teil2.rtf", rtf(nexis_uni_lines(ARTICLES[2:])))
        archive.writestr("Nexis/liesmich.pdf", b"%PDF-1.4")
    corpus = tmp_path / "korpus"
    summary = import_sources([str(tmp_path / "nexis.zip")], corpus_dir=corpus, say=lambda _: None)
    assert len(summary.added) == 3 and [w for w, _ in summary.failed] == ["nexis.zip/Nexis/liesmich.pdf"]
    assert set(_rows(corpus)["import_source"]) == {"nexis.zip/Nexis/teil1.docx", "nexis.zip/Nexis/teil2.rtf"}
    again = import_sources([str(tmp_path / "nexis.zip")], corpus_dir=corpus, say=lambda _: None)
    assert again.added == [] and len(again.already) == 3


def test_cli_import_prints_the_summary(tmp_path, capsys):
    from analysis.__main__ import main

    export = write_docx(tmp_path / "nexis.docx", nexis_uni_lines())
    assert main(["import", str(export), "--corpus", str(tmp_path / "k")]) == 0
    out = capsys.readouterr().out
    assert "3 article(s) added" in out and "articles.csv" in out
    (tmp_path / "leer.rtf").write_bytes(b"")
    assert main(["import", str(tmp_path / "leer.rtf"), "--corpus", str(tmp_path / "k")]) == 1  # nothing could be imported
    captured = capsys.readouterr()
    assert "leer.rtf: empty file" in captured.out and "Traceback" not in captured.out + captured.err


def test_rows_are_appended_to_a_researchers_semicolon_catalog_without_touching_its_lines(tmp_path):
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    old = "article_id;outlet;outlet_type;outlet_certainty;date;title;author;evidence;gruppe\r\nalt;Bote;Tageszeitung;certain;01.10.2024;Älter;;;Nord\r\n"
    (corpus / "articles.csv").write_bytes(old.encode("cp1252"))
    (corpus / "alt.txt").write_text("Ein älterer Artikel über die Brücke in Hainfeld.\n", encoding="utf-8")
    import_sources([str(write_docx(tmp_path / "n.docx", nexis_uni_lines(ARTICLES[:1])))], corpus_dir=corpus, say=lambda _: None)
    raw = (corpus / "articles.csv").read_bytes().decode("cp1252")
    assert raw.splitlines()[1] == "alt;Bote;Tageszeitung;certain;01.10.2024;Älter;;;Nord"
    assert raw.splitlines()[0].endswith(";gruppe;import_source;import_position;import_url;import_format;import_words;imported_at")
    rows = _rows(corpus)
    assert rows.loc["alt", "gruppe"] == "Nord" and rows.loc["alt", "import_source"] == ""
    assert rows.loc["2024-11-14_hainfelder-anzeiger_streit-um-die-steinbrücke", "outlet"] == "Hainfelder Anzeiger"


def test_a_catalog_without_an_id_column_stops_the_import_before_anything_is_written(tmp_path):
    from analysis.config import UserError

    corpus = tmp_path / "korpus"
    corpus.mkdir()
    (corpus / "articles.csv").write_text("Datei;Medium\nx;taz\n", encoding="utf-8")
    with pytest.raises(UserError, match="has no column 'article_id'"):
        import_sources([str(write_docx(tmp_path / "n.docx", nexis_uni_lines()))], corpus_dir=corpus, say=lambda _: None)
    assert sorted(p.name for p in corpus.iterdir()) == ["articles.csv"]


def test_rows_are_appended_to_an_excel_catalog(tmp_path):
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    pd.DataFrame([["alt", "Bote", "", "certain", "2024-10-01", "Älter", "", ""]],
                 columns=["article_id", "outlet", "outlet_type", "outlet_certainty", "date", "title", "author", "evidence"]
                 ).to_excel(corpus / "articles.xlsx", index=False)
    import_sources([str(write_docx(tmp_path / "n.docx", nexis_uni_lines()))], corpus_dir=corpus, say=lambda _: None)
    assert not (corpus / "articles.csv").exists()
    rows = _rows(corpus)
    assert list(rows.index[:2]) == ["alt", "2024-11-14_hainfelder-anzeiger_streit-um-die-steinbrücke"] and len(rows) == 4
    assert rows.iloc[1]["import_position"] == "1 of 3"


# --------------------------------------------------------------------------- web addresses against a local server

PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{title} | Hainfelder Anzeiger</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Hainfelder Anzeiger">
<meta name="author" content="{author}"><meta property="article:published_time" content="{date}T08:00:00+01:00"></head>
<body><nav><a href="/">Startseite</a> <a href="/lokales">Lokales</a></nav><article><h1>{title}</h1>{paras}</article>
<footer>Impressum · Datenschutz</footer></body></html>"""


def _page(title, author, date, body):
    paras = "".join(f"<p>{p} Dazu äußerten sich am Abend mehrere Anwohner, die seit Jahren in der Nähe wohnen.</p>" for p in body)
    return PAGE.format(title=title, author=author, date=date, paras=paras).encode("utf-8")


class _Site(http.server.BaseHTTPRequestHandler):
    pages = {
        "/lokales/bruecke": _page("Streit um die Steinbrücke", "Jörg Müller", "2024-11-14", BODY_A),
        "/lokales/bibliothek": _page("Bibliothek öffnet sonntags", "Eva Roth", "2024-11-16", BODY_C),
        "/abo/artikel": b"<html><body><p>Weiterlesen mit Abo.</p></body></html>",
        "/intern/geheim": _page("Intern", "Niemand", "2024-11-01", BODY_B),
    }
    requests: list[tuple[str, str]] = []
    robots = b"User-agent: *\nDisallow: /intern/\n"

    def do_GET(self):  # noqa: N802 - the standard library's name
        type(self).requests.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/robots.txt":
            body, kind = self.robots, "text/plain"
        elif self.path == "/langsam":
            time.sleep(1.5)
            body, kind = _page("Zu spät", "A B", "2024-11-01", BODY_B), "text/html"
        elif self.path == "/bericht.pdf":
            body, kind = b"%PDF-1.4 kein HTML", "application/pdf"
        elif self.path in self.pages:
            body, kind = self.pages[self.path], "text/html; charset=utf-8"
        else:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture()
def site():
    _Site.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_url_list_is_fetched_politely_with_texts_metadata_and_reasons(tmp_path, site):
    urls = [f"{site}/lokales/bruecke", f"{site}/lokales/bibliothek", f"{site}/fehlt", f"{site}/intern/geheim",
            f"{site}/abo/artikel", f"{site}/langsam", f"{site}/bericht.pdf"]
    (tmp_path / "adressen.txt").write_text("# Stichprobe\n" + "\n".join(urls) + "\nwww.ohne-schema.example/x\n", encoding="utf-8")
    corpus = tmp_path / "korpus"
    fetcher = Fetcher(delay=0.0, timeout=0.5)
    summary = import_sources([str(tmp_path / "adressen.txt")], corpus_dir=corpus, fetcher=fetcher, say=lambda _: None)
    assert len(summary.added) == 2
    reasons = dict(summary.failed)
    assert reasons[urls[2]] == "HTTP error 404 Not Found"
    assert "robots.txt" in reasons[urls[3]] and "timed out after 0.5 s" in reasons[urls[5]]
    assert "words of text" in reasons[urls[4]] or "no article text" in reasons[urls[4]]
    assert reasons[urls[6]] == "not a web page (application/pdf)"
    assert reasons["adressen.txt line 9"].startswith("not a web address")
    assert ("/intern/geheim" not in [p for p, _ in _Site.requests]) and _Site.requests[0][0] == "/robots.txt"
    assert all(agent.startswith("newscompare/") for _, agent in _Site.requests)
    rows = _rows(corpus)
    row = rows.loc["2024-11-14_hainfelder-anzeiger_streit-um-die-steinbrücke"]
    assert (row["outlet"], row["date"], row["title"], row["author"]) == ("Hainfelder Anzeiger", "2024-11-14", "Streit um die Steinbrücke", "Jörg Müller")
    assert row["outlet_certainty"] == "likely" and row["import_url"] == urls[0] and row["import_source"] == "adressen.txt"
    assert row["import_position"] == "1 of 7" and row["imported_at"].endswith("Z")
    saved = (corpus / "2024-11-14_hainfelder-anzeiger_streit-um-die-steinbrücke.txt").read_text(encoding="utf-8")
    assert BODY_A[1] in saved and "Impressum" not in saved and "Startseite" not in saved
    assert (corpus / "_pages" / "2024-11-14_hainfelder-anzeiger_streit-um-die-steinbrücke.html").read_bytes() == _Site.pages["/lokales/bruecke"]
    before, fetched = _snapshot(corpus), len(_Site.requests)
    again = import_sources([str(tmp_path / "adressen.txt")], corpus_dir=corpus, fetcher=Fetcher(delay=0.0, timeout=0.5), say=lambda _: None)
    assert again.added == [] and _snapshot(corpus) == before
    assert f"{site}/lokales/bruecke" not in [site + p for p, _ in _Site.requests[fetched:]]  # imported pages are not fetched again


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_media_cloud_export_fills_the_catalog_from_its_columns(tmp_path, site, suffix):
    table = pd.DataFrame([[1, "2024-11-16 07:12:00", "Bibliothek: sonntags offen", f"{site}/lokales/bibliothek", "de",
                           "Hainfelder Anzeiger Online", "hainfeld.example"]],
                         columns=["id", "publish_date", "title", "url", "language", "media_name", "media_url"])
    path = tmp_path / f"mediacloud{suffix}"
    table.to_csv(path, index=False) if suffix == ".csv" else table.to_excel(path, index=False)
    corpus = tmp_path / "korpus"
    import_sources([str(path)], corpus_dir=corpus, fetcher=Fetcher(delay=0.0, timeout=2), say=lambda _: None)
    row = _rows(corpus).iloc[0]
    assert (row["outlet"], row["outlet_certainty"], row["date"], row["title"]) == ("Hainfelder Anzeiger Online", "certain", "2024-11-16", "Bibliothek: sonntags offen")
    assert row["import_source"] == path.name and "media_name" in row["evidence"]


def test_the_delay_between_requests_to_one_host_is_kept(site):
    now, slept = [100.0], []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    fetcher = Fetcher(delay=5.0, timeout=2, sleep=sleep, clock=lambda: now[0])
    fetcher.fetch(f"{site}/lokales/bruecke")  # robots.txt, then the page: one wait between them
    fetcher.fetch(f"{site}/lokales/bibliothek")
    assert len(slept) == 2 and all(s == pytest.approx(5.0) for s in slept)


# --------------------------------------------------------------------------- the corpus figure's table


def test_articles_per_import_source_and_month():
    articles = pd.DataFrame({
        "article_id": list("abcde"),
        "date": ["2024-11-14", "2024-11-15", "2024-10-02", "", "2024-11-01"],
        "import_source": ["nexis.docx", "nexis.docx", "adressen.txt", "adressen.txt", ""],
        "import_format": ["Nexis Uni (.docx)", "Nexis Uni (.docx)", "web page", "web page", ""],
    })
    table = textstat_import_sources(articles)
    assert table.values.tolist() == [
        ["adressen.txt", "web page", "2024-10", 1], ["adressen.txt", "web page", "no date", 1],
        ["nexis.docx", "Nexis Uni (.docx)", "2024-11", 2], ["added by hand", "file in the corpus folder", "2024-11", 1]]
    by_year = textstat_import_sources(articles, max_months=1)
    assert by_year.loc[by_year["import_source"] == "nexis.docx", "period"].tolist() == ["2024"]
    seeds_like = textstat_import_sources(articles.drop(columns=["import_source", "import_format"]))
    assert set(seeds_like["import_source"]) == {"added by hand"} and seeds_like["articles"].sum() == 5


@pytest.mark.parametrize("n_sources, n_months", [(0, 0), (1, 3), (3, 5), (15, 40)])
def test_the_import_source_figure_draws_its_table_without_layout_problems(tmp_path, n_sources, n_months):
    from analysis.figures import FigureBook, read_manifest
    from analysis.plots.corpus import textplot_import_sources

    rows = [{"article_id": f"a{k}", "outlet_label": f"Zeitung {k % 4}", "outlet": f"Zeitung {k % 4}",
             "date": f"{2020 + (k % max(1, n_months)) // 12}-{(k % max(1, n_months)) % 12 + 1:02d}-01" if k % 7 else "",
             "import_source": f"Nexis_Uni_Export_Brücke_Job{k % max(1, n_sources):03d}.docx" if n_sources else "",
             "import_format": "Nexis Uni (.docx)" if n_sources else ""} for k in range(max(1, n_months) * 3)]
    articles = pd.DataFrame(rows) if n_months else pd.DataFrame(columns=["article_id", "outlet_label", "outlet", "date"])
    book = FigureBook(notebook="00_corpus", figures_dir=tmp_path, articles=articles, corpus_dir=tmp_path)
    table = textstat_import_sources(articles)
    fig = textplot_import_sources(table, book=book)
    entry = next(e for e in read_manifest(tmp_path) if e["name"] == "corpus-articles-by-import-source")
    assert entry["layout_problems"] == []
    if n_months:
        drawn = sum(p.get_width() for p in fig.axes[0].patches)
        assert drawn == len(articles) == table["articles"].sum()
        assert sum(p.get_width() for p in fig.axes[1].patches) == len(articles)


def test_a_crawl_delay_in_robots_txt_lengthens_the_delay(site, monkeypatch):
    monkeypatch.setattr(_Site, "robots", b"User-agent: newscompare\nCrawl-delay: 7\nDisallow: /intern/\n")
    now, slept = [0.0], []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    fetcher = Fetcher(delay=1.0, timeout=2, sleep=sleep, clock=lambda: now[0])
    fetcher.fetch(f"{site}/lokales/bruecke")
    with pytest.raises(ImportProblem, match="robots.txt"):
        fetcher.fetch(f"{site}/intern/geheim")
    assert slept == [pytest.approx(7.0)]
