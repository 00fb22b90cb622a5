"""Loading, encodings, saved web pages, cleaning and roles, on the seeds and on new snippets."""

from pathlib import Path

import pytest

from analysis.corpus import REMOVED_COLUMNS, SENTENCE_COLUMNS, Skip, clean, decode, is_caption, load_article, segment_text, sentence_columns
from analysis.text import normalize

GERMAN = ("Nach Angaben des südkoreanischen Geheimdienstes hat Nordkorea bereits etwa 1.500 Soldaten nach Russland "
          "entsandt. Berichten zufolge plant Pjöngjang, insgesamt etwa 12.000 Soldaten an die Front zu schicken. "
          "Südkoreas Präsident Yoon Suk Yeol kündigte Gegenmaßnahmen an, die über die Grenze hinaus wirken würden.")


def _article(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return load_article(path)


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return {p.stem[:3]: load_article(p) for p in sorted(seeds_dir.glob("*.txt"))}


def _text(article) -> str:
    return "\n".join(article.sentences["text"])


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "data, encoding",
    [
        (GERMAN.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + GERMAN.encode("utf-8"), "utf-8-sig"),
        (GERMAN.replace(". ", ".\r\n").encode("utf-8"), "utf-8"),
        (GERMAN.encode("cp1252"), "cp1252"),
        (GERMAN.encode("latin-1"), None),
        ("\ufeff".encode("utf-16-le") + GERMAN.encode("utf-16-le"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "crlf", "cp1252", "latin1", "utf16-bom"],
)
def test_every_encoding_gives_correct_umlauts(tmp_path, data, encoding):
    article = _article(tmp_path, "artikel.txt", data)
    text = _text(article)
    assert "südkoreanischen Geheimdienstes" in text and "Südkoreas Präsident" in text and "Gegenmaßnahmen" in text
    assert "\r" not in text and "\ufeff" not in text
    if encoding:
        assert article.row["encoding"] == encoding
    assert article.row["encoding"] in {"utf-8", "utf-8-sig", "cp1252", "latin-1", "windows-1252", "iso8859_15", "utf-16"}


def test_cp1252_typographic_quotes_survive(tmp_path):
    text = "Er sagte: „Das ist eine Eskalation.“ " + GERMAN
    article = _article(tmp_path, "quotes.txt", text.encode("cp1252"))
    assert "„Das ist eine Eskalation.“" in _text(article)


def test_decode_rejects_nul_bytes():
    with pytest.raises(Skip, match="binary"):
        decode(b"PK\x03\x04\x00\x00binary zip")


# ---------------------------------------------------------------- saved web pages

PAGE = """<!DOCTYPE html><html><head><title>Nordkorea schickt Soldaten | Beispielzeitung</title>
<script>var tracking = "Bitte akzeptieren";</script></head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a></nav>
<div class="cookie">Wir verwenden Cookies. Cookie-Einstellungen akzeptieren</div>
<article><h1>Nordkorea schickt Soldaten nach Russland</h1>
<p>Nach Angaben des südkoreanischen Geheimdienstes hat Nordkorea bereits etwa 1.500 Soldaten nach Russland entsandt.
Die Soldaten sollen in Wladiwostok ausgebildet werden.</p>
<p>Berichten zufolge plant Pjöngjang, insgesamt etwa 12.000 Soldaten an die Front zu schicken. Der ukrainische Präsident
Wolodymyr Selenskyj sprach von einer Eskalation und forderte mehr Unterstützung von den westlichen Partnern.</p>
<p>Südkoreas Präsident Yoon Suk Yeol kündigte an, sein Land werde nicht untätig bleiben, und schloss Waffenlieferungen an die Ukraine nicht mehr aus.</p>
</article><footer>Impressum · Datenschutz · Kontakt © Beispielzeitung 2024</footer></body></html>"""


def test_saved_web_page_keeps_main_text_only(tmp_path):
    article = _article(tmp_path, "seite.html", PAGE.encode("utf-8"))
    text = _text(article)
    assert article.row["format"] == "html"
    assert "etwa 1.500 Soldaten nach Russland entsandt" in text
    assert "nicht untätig bleiben" in text
    for junk in ("tracking", "Startseite", "Cookie", "Impressum", "Datenschutz"):
        assert junk not in text


def test_html_saved_as_txt_is_recognised_and_flagged(tmp_path):
    article = _article(tmp_path, "seite.txt", PAGE.encode("utf-8"))
    assert article.row["format"] == "html"
    assert any("HTML page saved as text" in f for f in article.flags)


def test_web_page_without_article_text_is_skipped(tmp_path):
    with pytest.raises(Skip, match="web page|nothing left"):
        _article(tmp_path, "leer.html", b"<html><body><nav>Startseite</nav><script>x=1</script></body></html>")


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("leer.txt", b"", "empty file"),
        ("nur-leer.txt", b"   \n\n\t  \r\n", "only whitespace"),
        ("bild.txt", bytes(range(256)) * 20, "binary"),
        ("english.txt", b"North Korea has sent about 1,500 soldiers to Russia, according to the South Korean "
                        b"intelligence service. The troops are being trained in the far east of the country and "
                        b"could be deployed to the front in Ukraine within weeks, officials said on Monday.", "not German"),
        ("zahlen.txt", b"12 34 56 78 90 12 34 56 78 90", "not recognisably German"),
        ("tabelle.pdf", b"%PDF-1.4 ...", "unsupported file type"),
        ("ohne-endung", GERMAN.encode(), "unsupported file type"),
    ],
)
def test_bad_input_is_skipped_with_a_reason(tmp_path, name, data, reason):
    with pytest.raises(Skip, match=reason):
        _article(tmp_path, name, data)


def test_huge_file_works_and_is_flagged(tmp_path):
    paragraphs = "\n".join(f"{GERMAN} Absatz {i}." for i in range(6000))
    article = _article(tmp_path, "riesig.txt", paragraphs.encode())
    assert article.row["bytes"] > 1_500_000
    assert article.row["words"] > 100_000
    assert any("very long" in f for f in article.flags)


def test_file_names_with_spaces_and_umlauts(tmp_path):
    article = _article(tmp_path, "Südkorea Bericht Ü 2024.txt", GERMAN.encode())
    assert article.row["article_id"] == "Südkorea Bericht Ü 2024"
    assert set(article.sentences["article_id"]) == {"Südkorea Bericht Ü 2024"}


# ---------------------------------------------------------------- cleaning on the seeds


def test_ad_blocker_and_paywall_nags_are_removed_journalism_kept(seeds):
    a = seeds["002"]
    text = _text(a)
    for junk in ("Bitte deaktivieren Sie Ihren Ad-Blocker", "0,99€", "Jederzeit kündbar", "Sie haben das Produkt bereits gekauft",
                 "Kommentare", "(Archivbild)", "in der nordkoreanischen Hauptstadt Pjöngjang (Juni 2024)"):
        assert junk not in text, junk
    assert "Kiew – Die Ukraine geht davon aus" in text
    assert "bemerkte die US-Denkfabrik Institute for the Study of War (ISW) in ihrem täglichen Lagebericht" in text
    assert text.rstrip().endswith("dem Guardian (bme mit AFP).")
    assert set(a.removed["rule"]) >= {"ad-blocker nag", "subscription nag", "image caption", "comment label"}


def test_related_links_block_removed_and_following_paragraph_kept(seeds):
    text = _text(seeds["003"])
    assert "Rheinmetall als Werbepartner" not in text and "Lesen Sie auch" not in text
    assert "Man bereite wichtige Signale der Unterstützung für die Ukraine vor, so der Präsident." in text
    assert "Jeder Kriegstag beweist, dass Moskau entschlossen ist" in text


def test_author_bio_comment_form_and_repeated_headline_removed(seeds):
    a = seeds["004"]
    text = _text(a)
    for junk in ("Ich bin Stefan", "Schreibe einen Kommentar", "E-Mail-Adresse", "Go up", "\nIndex\n"):
        assert junk not in text
    assert text.count("Nordkorea-Soldaten in der Ukraine: Gefährdet Putin den Weltkrieg?") == 1
    assert text.count("Ein gefährliches Bündnis zwischen Putin und Kim Jong Un") == 1
    assert "Die Achse der Diktatoren wächst weiter" in text
    assert a.row["detected_author"] == "Stefan Lehmann"


def test_scraper_date_prefix_stripped_and_kept_as_date(seeds):
    a = seeds["000"]
    assert a.sentences["text"].iloc[0] == "Putin gerät in der Ukraine immer mehr unter Druck."
    assert a.row["detected_date"] == "2024-10"
    assert a.removed.empty


def test_no_line_of_journalism_is_lost(seeds, seeds_dir):
    """Every line of the raw seed is either kept (in some sentence) or listed as removed."""
    for key, article in seeds.items():
        raw = next(seeds_dir.glob(f"{key}_*.txt")).read_text(encoding="utf-8")
        kept = " ".join(article.sentences["text"])
        removed = set(article.removed["text"])
        for line in (ln.strip() for ln in normalize(raw).splitlines()):
            if not line or line in removed:
                continue
            assert line.replace("date 2024-10 ", "") in kept, (key, line)


# ---------------------------------------------------------------- roles


def test_roles_of_the_seeds(seeds):
    roles = {k: a.sentences.set_index("text")["role"] for k, a in seeds.items()}
    assert roles["002"]["Werden „nicht untätig bleiben“"] == "kicker"
    assert roles["002"]["Warum Südkorea mit Sorge auf Nordkoreas Allianz mit Russland blickt"] == "headline"
    assert roles["002"]["Bald könnten tausende nordkoreanische Soldaten in der Ukraine für Russland in den Kampf ziehen."] == "lead"
    assert roles["002"]["Ukraine-Krieg: Tausende nordkoreanische Soldaten bald in Kampfzone?"] == "subheading"
    assert roles["003"]["Allianz Putin-Kim: Offenbar 11.000 Nordkoreaner bereit zum Krieg in Europa"] == "headline"
    assert roles["003"]["Krieg in der Ukraine droht zu eskalieren."] == "lead"
    assert roles["004"]["Nordkorea-Soldaten in der Ukraine: Gefährdet Putin den Weltkrieg?"] == "headline"
    assert roles["001"]["PAP/jc"] == "credit"
    assert roles["001"]["Nordkorea entsendet Soldaten nach Russland"] == "subheading"
    assert roles["000"]["Putin gerät in der Ukraine immer mehr unter Druck."] == "lead"
    assert (seeds["000"].sentences["role"] != "headline").all()


def test_a_source_line_naming_an_agency_is_a_credit_line_and_other_source_lines_are_photo_credits():
    agency = segment_text("Truppen verlegt\n\nDie Lage bleibt angespannt.\n\nQuelle: ntv.de, AFP")
    assert agency.set_index("text")["role"]["Quelle: ntv.de, AFP"] == "credit"
    photo = segment_text("Truppen verlegt\n\nDie Lage bleibt angespannt.\n\nQuelle: Verteidigungsministerium Kiew")
    assert "Quelle: Verteidigungsministerium Kiew" not in set(photo["text"])



def test_a_copyright_line_closing_the_text_credits_it_elsewhere_it_credits_a_picture():
    closing = segment_text("Truppen verlegt\n\nDie Lage bleibt angespannt.\n\n© dpa")
    assert closing.set_index("text")["role"]["© dpa"] == "credit"
    kept, removed, _ = clean("Truppen verlegt\n© dpa/Peter Müller\nDie Lage bleibt angespannt.\n© dpa/Peter Müller")
    assert [k for k, _ in kept] == ["Truppen verlegt", "Die Lage bleibt angespannt."]
    assert [rule for _, rule, _ in removed] == ["image caption", "image caption"]
    # dpa's production line closing an agency text is its credit line
    infocom = segment_text("Truppen verlegt\n\nDie Lage bleibt angespannt.\n\n© dpa-infocom, dpa:240824-930-211906/3")
    assert infocom.set_index("text")["role"]["© dpa-infocom, dpa:240824-930-211906/3"] == "credit"

def test_seed_sentence_counts(seeds):
    assert {k: len(a.sentences) for k, a in seeds.items()} == {"000": 19, "001": 16, "002": 30, "003": 30, "004": 31}


def test_segment_text_on_a_new_article():
    table = segment_text(
        "Kreml bestätigt Kooperation\n\nMoskau – Der Kreml hat am 4. November die Zusammenarbeit bestätigt. "
        "»Wir arbeiten eng zusammen. Das ist normal«, sagte Sprecher Peskow.\n\nZwischentitel ohne Punkt\n\n"
        "Weitere 2.000 Soldaten sollen folgen.\n\n(dpa/AFP)"
    )
    assert table["role"].tolist() == ["headline", "lead", "lead", "subheading", "body", "credit"]
    assert table.loc[2, "text"] == "»Wir arbeiten eng zusammen. Das ist normal«, sagte Sprecher Peskow."
    assert table["sentence_id"].tolist() == [1, 2, 3, 4, 5, 6]


def test_clean_records_every_removed_line_with_its_rule():
    kept, removed, _ = clean("Titel der Meldung\nLesen Sie auch\nEin Link ohne Punkt\nNoch ein Link\nDer Text geht weiter.\nKommentare")
    assert [k for k, _ in kept] == ["Titel der Meldung", "Der Text geht weiter."]
    assert [(no, rule) for no, rule, _ in removed] == [(2, "related-links block"), (3, "related-links block"),
                                                       (4, "related-links block"), (6, "comment label")]


def test_an_articles_column_lists_are_its_tables(seeds):
    """The column lists the pipeline stores are the DataFrames' columns, read alike from the table, a copy of it and
    the lists themselves."""
    a = seeds["002"]
    assert a.columns == {c: a.sentences[c].tolist() for c in SENTENCE_COLUMNS}
    assert a.removed_columns == {c: a.removed[c].tolist() for c in REMOVED_COLUMNS}
    names = ("article_id", "sentence_id", "role", "text")
    expected = [a.sentences[c].tolist() for c in names]
    assert sentence_columns(a.sentences, names) == expected
    assert sentence_columns(a.sentences.copy(), names) == expected
    assert sentence_columns(a.columns, names) == expected


def test_a_photo_credit_is_a_caption():
    assert is_caption("Foto: Ukrainische Armee (Keystone, AP)")
    assert is_caption("(c) Pool Sputnik Kremlin Präsident Wladimir Putin begrüßt Außenministerin Choe Son Hui im Kreml")
    assert not is_caption("(c) Copyright Thomson Reuters 2024")
    assert not is_caption("Die Armee meldete Erfolge (AFP).")


def test_an_agency_photo_credit_marks_a_caption():
    assert is_caption("(AP Photo/Eddy Etue) Selfie-Foto: Eddy Etue (Keystone/AP)")
    assert not is_caption("Der Präsident sagte der AP, die Lage sei ruhig.")
