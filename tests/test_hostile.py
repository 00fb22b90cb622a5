"""Hostile files, catalogs and run modes: each case has the outcome it expects and a time limit.

No case may hang, end in a traceback, change an input file or leave live markup in an output. Articles are the
suite's own short German texts; every case runs a real extract (or the command line) on a small corpus.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.__main__ import main
from analysis.pipeline import SNAPSHOT, extract

ARTICLE = (
    "Nordkorea schickt Soldaten an die Front\n\n"
    "Seoul – Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes NIS rund 1.500 Soldaten nach Russland "
    "geschickt. Die Männer würden in Lagern im Osten Russlands ausgebildet, teilte der Geheimdienst am Freitag mit. "
    "Der ukrainische Präsident Selenskyj sprach von einer gefährlichen Eskalation und forderte eine klare Antwort "
    "der Verbündeten. Nach Einschätzung des Instituts für Kriegsstudien ISW könnten die Soldaten schon bald in der "
    "Region Kursk eingesetzt werden.\n\n"
    "Die Nato zeigte sich besorgt. Ein Sprecher sagte, man prüfe die Berichte sorgfältig und stehe in engem "
    "Austausch mit Südkorea über die Lage an der Front.\n"
)
OTHER = ARTICLE.replace("1.500", "3.000").replace("Freitag", "Montag").replace("sorgfältig", "genau")
ENGLISH = ("North Korea has sent thousands of soldiers to Russia, the South Korean intelligence service said on Friday. "
           "The troops were seen in the Kursk region and could join the fighting within days, officials said. ") * 3
FRENCH = ("La Corée du Nord a envoyé des milliers de soldats en Russie, selon les services de renseignement sud-coréens. "
          "Les troupes pourraient rejoindre les combats dans la région de Koursk dans les prochains jours. ") * 3


@contextmanager
def time_limit(seconds: float):
    """Fail the case instead of hanging (SIGALRM in the main thread)."""
    def expire(signum, frame):
        raise TimeoutError(f"case took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture
def folder(tmp_path):
    """A corpus with one good article; returns (corpus, cache, out)."""
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    (corpus / "gut.txt").write_text(ARTICLE, encoding="utf-8")
    return corpus, tmp_path / "cache", tmp_path / "out"


def run(folder, seconds: float = 30):
    corpus, cache, out = folder
    before = {p.name: p.read_bytes() for p in corpus.iterdir() if p.is_file() and not p.is_symlink() and _regular(p)}
    with time_limit(seconds):
        tables, summary = extract(corpus_dir=corpus, cache_dir=cache, out_dir=out)
    after = {name: (corpus / name).read_bytes() for name in before}
    assert after == before, "an input file was changed"
    for csv in out.glob("*.csv"):
        assert "\x00" not in csv.read_text(encoding="utf-8")
    return tables, summary, dict(summary.skipped), dict(summary.flagged)


def _regular(path: Path) -> bool:
    import stat

    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def cli(*args: str, seconds: float = 60) -> tuple[int, str]:
    """Run the command line in a subprocess: exit code and stderr (which must hold no traceback)."""
    proc = subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, timeout=seconds,
                          cwd=config.ROOT)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stderr


# ---------------------------------------------------------------- files


@pytest.mark.parametrize("name, content, reason", [
    ("leer.txt", b"", r"empty file \(0 bytes\)"),
    ("leerzeichen.txt", b" \n\t\n  \r\n", "only whitespace, no text"),
    ("bild.txt", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8, "binary file"),
    ("archiv.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4, "binary file"),
    ("english.txt", ENGLISH.encode(), "not German: looks English"),
    ("francais.txt", FRENCH.encode(), "not recognisably German"),
    ("bericht.docx", b"PK\x03\x04 word", r"unsupported file type '\.docx'"),
    ("bericht.pdf", b"%PDF-1.4 ...", r"unsupported file type '\.pdf'"),
    ("ohne_endung", ARTICLE.encode(), r"unsupported file type '\(none\)'"),
    (".versteckt.txt", ARTICLE.encode(), "hidden file"),
    ("leere_seite.html", b"<html><body><nav>Startseite</nav><footer>Impressum</footer></body></html>", "(saved web page without|nothing left after removing boilerplate)"),
])
def test_unusable_files_are_skipped_with_a_reason(folder, name, content, reason):
    (folder[0] / name).write_bytes(content)
    tables, summary, skipped, _ = run(folder)
    assert re.match(reason, skipped[name]), skipped[name]
    assert summary.analysed == 1


def test_exact_duplicate_is_skipped_and_near_duplicate_flagged(folder):
    (folder[0] / "kopie.txt").write_text(ARTICLE, encoding="utf-8")
    (folder[0] / "fast.txt").write_text(ARTICLE.replace("am Freitag", "am Samstag"), encoding="utf-8")
    _, summary, skipped, flagged = run(folder)
    assert skipped["kopie.txt"].startswith("exact duplicate of gut.txt")
    assert "near duplicate of fast" in flagged["gut.txt"]  # the later of the two in catalog (here: name) order


@pytest.mark.parametrize("name, raw, encoding", [
    ("cp1252.txt", ARTICLE.encode("cp1252"), "cp1252"),
    ("bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8-sig"),
    ("crlf.txt", ARTICLE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ("utf16bom.txt", ARTICLE.encode("utf-16"), "utf-16"),
    ("utf16le.txt", ARTICLE.encode("utf-16-le"), "utf-16-le"),
    ("utf16be.txt", ARTICLE.encode("utf-16-be"), "utf-16-be"),
])
def test_encodings_are_recognised(folder, name, raw, encoding):
    (folder[0] / "gut.txt").unlink()
    (folder[0] / name).write_bytes(raw)
    tables, summary, skipped, _ = run(folder)
    row = tables["articles"].iloc[0]
    assert summary.analysed == 1 and row["encoding"] == encoding
    assert any("südkoreanischen" in t for t in tables["sentences"]["text"])


def test_utf16_cut_mid_character_is_read_not_fatal(folder):
    (folder[0] / "gut.txt").unlink()
    (folder[0] / "abgeschnitten.txt").write_bytes(ARTICLE.encode("utf-16")[:-1])
    tables, summary, _, flagged = run(folder)
    assert summary.analysed == 1 and "undecodable" in flagged["abgeschnitten.txt"]


def test_a_few_invalid_bytes_keep_utf8(folder):
    (folder[0] / "gut.txt").unlink()
    (folder[0] / "kaputt.txt").write_bytes(ARTICLE.encode("utf-8").replace(b"Seoul", b"Se\xffoul"))
    tables, summary, _, flagged = run(folder)
    assert tables["articles"].iloc[0]["encoding"] == "utf-8" and "replaced" in flagged["kaputt.txt"]
    text = " ".join(tables["sentences"]["text"])
    assert "südkoreanischen" in text and "Ã¼" not in text


def test_trailing_nul_bytes_are_dropped(folder):
    (folder[0] / "download.txt").write_bytes(OTHER.encode("utf-8") + b"\x00" * 4096)
    tables, summary, _, flagged = run(folder)
    assert summary.analysed == 2 and "NUL byte(s) at the end dropped" in flagged["download.txt"]


def test_file_name_in_latin1_bytes(folder):
    name = os.fsdecode(b"M\xfcller Bericht.txt")
    (folder[0] / name).write_text(OTHER, encoding="utf-8")
    tables, summary, _, flagged = run(folder)
    assert "Müller Bericht" in set(tables["articles"]["article_id"])
    assert "file name is not UTF-8" in flagged["Müller Bericht.txt"]


def test_file_name_with_markup_stays_text(folder):
    name = "<img src=x onerror=alert(2)>.txt"
    (folder[0] / name).write_text(OTHER, encoding="utf-8")
    tables, _, _, _ = run(folder)
    assert name[:-4] in set(tables["articles"]["article_id"])
    html = tables["articles"][["article_id"]].to_html()
    assert "<img" not in html and "&lt;img" in html


def test_formula_like_sentence_is_escaped_in_csv(folder):
    (folder[0] / "formel.txt").write_text(OTHER + '\n=HYPERLINK("http://example.org","Quelle") sagte der Sprecher.\n',
                                          encoding="utf-8")
    run(folder)
    text = (folder[2] / "sentences.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in text and "\n=HYPERLINK(" not in text and ',=HYPERLINK(' not in text


def test_short_html_saved_as_text_is_flagged(folder):
    html = "<!DOCTYPE html><html><body><article><h1>Nordkorea</h1><p>" + OTHER.replace("\n", " ") + "</p></article></body></html>"
    (folder[0] / "seite.txt").write_text(html, encoding="utf-8")
    _, summary, _, flagged = run(folder)
    assert "HTML page saved as text" in flagged["seite.txt"]


def test_very_short_text_is_flagged(folder):
    (folder[0] / "kurz.txt").write_text("Nordkorea schickt Soldaten. Südkorea warnt vor einer Eskalation.\n", encoding="utf-8")
    _, _, _, flagged = run(folder)
    assert "very short" in flagged["kurz.txt"]


# ---------------------------------------------------------------- not regular, too big, too slow


def test_pipe_and_links(folder):
    corpus = folder[0]
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "tot.txt").symlink_to(corpus / "fehlt.txt")
    (corpus / "kreis.txt").symlink_to(corpus / "kreis.txt")
    (corpus / "ordner").mkdir()
    _, summary, skipped, _ = run(folder, seconds=20)
    assert skipped["pipe.txt"].startswith("not a regular file")
    assert skipped["tot.txt"].startswith("broken symbolic link")
    assert skipped["kreis.txt"] == "symbolic link loop"
    assert skipped["ordner/"].startswith("folder")


def test_a_huge_file_is_skipped_unread(folder):
    huge = folder[0] / "riesig.txt"
    with open(huge, "wb") as fh:
        fh.truncate(50_000_000)  # sparse: 50 MB that are never read
    _, summary, skipped, _ = run(folder, seconds=20)
    assert skipped["riesig.txt"].startswith("too large for one article")


def test_one_long_paragraph_is_linear(folder):
    paragraph = " ".join(OTHER.split("\n")) * 250  # about 360 KB without a line break (a PDF paste)
    (folder[0] / "pdf.txt").write_text(paragraph, encoding="utf-8")
    _, summary, _, _ = run(folder, seconds=60)
    assert summary.analysed == 2


def test_many_gallery_marker_lines(folder):
    (folder[0] / "galerie.txt").write_text(OTHER + "+\n" * 100_000, encoding="utf-8")
    tables, summary, _, _ = run(folder, seconds=60)  # a guard against a hang, not a speed test (that is the benchmark)
    assert summary.analysed == 2 and (tables["removed"]["rule"] == "gallery marker").sum() == 100_000


# ---------------------------------------------------------------- catalogs


@pytest.mark.parametrize("catalog, check", [
    ("article_id;outlet;outlet_type;outlet_certainty;date;title;author;evidence\r\ngut;Süddeutsche;Tageszeitung;certain;14.11.2024;Titel, mit Komma;;\r\n".encode("cp1252"),
     lambda a, s: a.loc["gut", "outlet"] == "Süddeutsche" and a.loc["gut", "date"] == "2024-11-14"),
    (b"article_id,outlet,outlet_certainty\ngut,taz,certain\nzwei,Bild,certain,zu,viele,felder\n",
     lambda a, s: a.loc["gut", "outlet"] == "taz" and any("line 3" in w for w in s.warnings)),
    (b"article_id,outlet\ngut,taz\ngut,Bild\n", lambda a, s: a.loc["gut", "outlet"] == "taz" and any("already on line 2" in w for w in s.warnings)),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), lambda a, s: a.loc["gut", "outlet"] == "unknown" and s.warnings),
    (b"Datei;Medium\ngut;taz\n", lambda a, s: a.loc["gut", "outlet"] == "unknown" and "no column 'article_id'" in s.warnings[0]),
    (b'article_id,outlet,title\ngut,taz,"<script>alert(3)</script>"\n', lambda a, s: a.loc["gut", "title"] == "<script>alert(3)</script>"),
    (b"article_id,outlet,date\ngut,taz,gestern\n", lambda a, s: any("is not a date" in w for w in s.warnings)),
])
def test_catalogs(folder, catalog, check):
    (folder[0] / "articles.csv").write_bytes(catalog)
    tables, summary, _, _ = run(folder)
    assert check(tables["articles"].set_index("article_id"), summary)


def test_a_corrupt_excel_catalog_is_reported(folder):
    (folder[0] / "articles.xlsx").write_bytes(b"not a workbook")
    _, summary, _, _ = run(folder)
    assert any("articles.xlsx could not be read" in w for w in summary.warnings)


# ---------------------------------------------------------------- run modes


@pytest.mark.parametrize("option", ["--out", "--cache"])
def test_outputs_in_the_corpus_folder_are_refused(folder, option):
    corpus = folder[0]
    (corpus / "articles.csv").write_text("article_id,outlet\ngut,taz\n", encoding="utf-8")
    before = sorted(p.name for p in corpus.iterdir())
    for target in (corpus, corpus / "unter", corpus.parent):
        code, err = cli("extract", "--corpus", str(corpus), option, str(target))
        assert code == 2 and err.startswith("error:") and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in corpus.iterdir()) == before
    assert (corpus / "articles.csv").read_text(encoding="utf-8") == "article_id,outlet\ngut,taz\n"


def test_an_output_that_is_a_file_is_refused(folder, tmp_path):
    (tmp_path / "datei").write_text("x")
    code, err = cli("extract", "--corpus", str(folder[0]), "--out", str(tmp_path / "datei"))
    assert code == 2 and "is a file" in err


def test_missing_corpus_and_unknown_notebook_are_one_line(tmp_path):
    code, err = cli("extract", "--corpus", str(tmp_path / "nirgends"), "--out", str(tmp_path / "o"))
    assert code == 2 and "corpus folder not found" in err
    code, err = cli("report", "--corpus", str(config.CORPUS_DIR), "--out", str(tmp_path / "f"), "--tables", str(tmp_path / "t"),
                    "--notebooks", "99_nichts")
    assert code == 2 and "no such notebook" in err


def test_unknown_comparison_unit_is_one_line(folder, tmp_path):
    code, err = cli("report", "--corpus", str(folder[0]), "--out", str(tmp_path / "f"), "--tables", str(tmp_path / "t"),
                    "--cache", str(tmp_path / "c"), "--by", "land", "--notebooks", "00_corpus", seconds=120)
    assert code == 2 and "compare_by 'land'" in err


def test_a_pickle_in_the_tables_folder_is_never_loaded(folder):
    from analysis.pipeline import load_tables

    corpus, cache, out = folder
    out.mkdir()
    marker = out.parent / "ran"
    payload = b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."
    (out / "_tables.pkl").write_bytes(payload)
    (out / SNAPSHOT).mkdir()
    (out / SNAPSHOT / "meta.json").write_bytes(payload)
    tables, summary = load_tables(corpus_dir=corpus, tables_dir=out)
    assert summary.analysed == 1 and not marker.exists()


@pytest.mark.parametrize("damage", ["garbage", "tamper", "version"])
def test_a_damaged_snapshot_is_rebuilt(folder, damage, capsys):
    from analysis.pipeline import load_tables

    corpus, cache, out = folder
    extract(corpus_dir=corpus, cache_dir=cache, out_dir=out)
    meta = out / SNAPSHOT / "meta.json"
    if damage == "garbage":
        meta.write_bytes(b"\x00\x01 nonsense")
    elif damage == "tamper":
        table = out / SNAPSHOT / "articles.parquet"
        table.write_bytes(table.read_bytes()[:-20])
    else:
        head, _, body = meta.read_bytes().partition(b"\n")
        meta.write_bytes(json.dumps({**json.loads(head), "version": 1}).encode() + b"\n" + body)
    tables, summary = load_tables(corpus_dir=corpus, tables_dir=out)
    assert summary.analysed == 1 and "extracting again" in capsys.readouterr().out


def test_damaged_cache_entries_are_recomputed(folder):
    corpus, cache, out = folder
    run(folder)
    for entry in [*(cache / "articles").glob("*.json"), *(cache / "corpus" / "segments").rglob("*.parquet")]:
        entry.write_bytes(b'{"format": "newscompare", "kind": "article", "version": 5, "sha256": "0"}\n{}')
    _, summary, _, _ = run(folder)
    assert summary.analysed == 1 and summary.reused == 0


def test_stale_cache_entries_and_temporaries_are_removed(folder):
    corpus, cache, out = folder
    run(folder)
    (cache / "articles" / "alt.json").write_text("{}")
    (cache / "articles" / ".halb.json.abc.tmp").write_text("{")
    (corpus / "gut.txt").write_text(OTHER, encoding="utf-8")
    _, summary, _, _ = run(folder)
    names = sorted(p.name for p in (cache / "articles").iterdir())
    assert len(names) == 1 and names[0].endswith(".json") and summary.pruned == 2


def test_two_runs_on_one_folder_do_not_corrupt_each_other(folder):
    corpus, cache, out = folder
    (corpus / "zwei.txt").write_text(OTHER, encoding="utf-8")
    errors = []

    def one():
        try:
            extract(corpus_dir=corpus, cache_dir=cache, out_dir=out)
        except Exception as err:  # noqa: BLE001
            errors.append(err)

    threads = [threading.Thread(target=one) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(pd.read_csv(out / "articles.csv")) == 2
    assert not list(out.glob(".*.tmp")) and not list((cache / "articles").glob(".*.tmp"))


def test_clean_deletes_the_cache(folder):
    corpus, cache, out = folder
    run(folder)
    code, _ = cli("clean", "--cache", str(cache))
    assert code == 0 and not list((cache / "articles").glob("*.json"))


def test_exported_notebook_html_is_self_contained_and_inert():
    from analysis.report import offline_html

    html = offline_html('<html><head><script src="https://cdnjs.cloudflare.com/require.js"></script></head>'
                        '<body><script>alert(1)</script><p>Text</p></body></html>')
    assert "<script" not in html and "cdnjs" not in html and "Content-Security-Policy" in html and "<p>Text</p>" in html
