"""`python -m analysis report` on the seeds: every notebook executes, figures and report.pdf are right."""

import pytest
from pypdf import PdfReader

from analysis.figures import read_manifest
from analysis.report import notebooks

CORPUS_FIGURES = ["corpus-length-by-outlet", "corpus-readability-by-outlet", "corpus-cleaning-removed", "corpus-similarity-heatmap",
                  "corpus-articles-by-import-source"]


def test_every_notebook_executes_without_error(report_run):
    assert report_run["failures"] == 0, report_run["log"]
    html = report_run["paths"].figures_dir / "notebooks"
    for nb in notebooks():
        assert (html / f"{nb.stem}.html").exists()
        assert "executing " + nb.name in report_run["log"]


def test_corpus_figures_exist_as_pdf_and_png(report_run):
    figures = report_run["paths"].figures_dir
    for name in CORPUS_FIGURES:
        assert (figures / f"{name}.pdf").read_bytes()[:4] == b"%PDF"
        assert (figures / f"{name}.png").exists()


def test_every_notebook_registers_figures_with_captions(report_run):
    entries = read_manifest(report_run["paths"].figures_dir)
    per_notebook = {e["notebook"] for e in entries if e["kind"] == "figure"}
    assert per_notebook == {nb.stem for nb in notebooks()}
    for entry in entries:
        assert len(entry["caption"]) > 20 and not entry["name"].lower().startswith("fig")


def test_report_pdf_has_title_page_and_one_page_per_figure_in_notebook_order(report_run):
    figures = report_run["paths"].figures_dir
    entries = [e for e in read_manifest(figures) if e["kind"] == "figure"]
    reader = PdfReader(figures / "report.pdf")
    assert len(reader.pages) == 1 + len(entries)
    assert [e["notebook"] for e in entries] == sorted(e["notebook"] for e in entries)
    title = reader.pages[0].extract_text()
    assert "5 articles" in title and "corpus-length-by-outlet" in title
    assert entries[0]["name"] in reader.pages[1].extract_text() and entries[-1]["name"] in reader.pages[-1].extract_text()


def test_report_tables_exported_as_csv_and_latex(report_run):
    tables = report_run["paths"].figures_dir / "tables"
    assert (tables / "corpus-overview.csv").exists() and (tables / "corpus-overview.tex").exists()
    assert (tables / "corpus-skipped-files.csv").read_text(encoding="utf-8").strip() == "file,reason"


def test_report_on_a_grown_corpus_with_new_and_bad_files(tmp_path, seeds_dir, report_run):
    """New articles (one a saved web page, neither catalogued, so two share the outlet 'unknown') and bad
    files: every notebook still runs and draws the same figures as on the seeds."""
    import shutil
    from pathlib import Path

    from analysis import config
    from analysis.report import report

    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    for f in (Path(__file__).parent / "fixtures").iterdir():
        shutil.copy(f, corpus / f.name)
    (corpus / "leer.txt").write_bytes(b"")
    (corpus / "english.txt").write_text("North Korea has sent troops to Russia, officials in Seoul said on Monday.")
    paths = config.paths(corpus_dir=corpus, tables_dir=tmp_path / "t", figures_dir=tmp_path / "f", cache_dir=tmp_path / "c")
    log: list[str] = []
    assert report(paths=paths, log=log.append) == 0, "\n".join(log)
    text = "\n".join(log)
    assert "analysed 7 article(s)" in text and "english.txt: not German" in text and "leer.txt: empty file" in text
    names = {e["name"] for e in read_manifest(paths.figures_dir) if e["kind"] == "figure"}
    assert names == {e["name"] for e in read_manifest(report_run["paths"].figures_dir) if e["kind"] == "figure"}


def test_an_unchanged_rerun_executes_nothing_and_keeps_every_output(report_run):
    """Same tables, code, notebooks and parameters: no notebook runs again; figures, HTML and report.pdf stay."""
    from analysis.report import report

    figures = report_run["paths"].figures_dir
    kept = {p: p.stat().st_mtime_ns for p in [*figures.glob("*.pdf"), *figures.glob("*.png"), *(figures / "notebooks").glob("*.html")]}
    log: list[str] = []
    assert report(paths=report_run["paths"], log=log.append) == 0
    text = "\n".join(log)
    assert "executing" not in text and "(0 of 6 executed)" in text and "report.pdf unchanged" in text
    assert text.count("inputs unchanged since its last run, kept") == len(notebooks())
    assert {p: p.stat().st_mtime_ns for p in kept} == kept


def test_a_changed_notebook_or_parameter_runs_again(report_run, tmp_path):
    """A notebook whose source changed runs again, the others are kept; another comparison unit runs them all."""
    import shutil

    from analysis.report import notebook_inputs, run_inputs

    paths = report_run["paths"]
    shared = run_inputs(paths=paths, by="outlet")
    assert shared is not None and shared != run_inputs(paths=paths, by="outlet_type")
    nb = notebooks(["05_compare"])[0]
    edited = tmp_path / nb.name
    shutil.copy(nb, edited)
    before = notebook_inputs(edited, shared)
    edited.write_text(edited.read_text(encoding="utf-8").replace("coverage over time", "Coverage over time"), encoding="utf-8")
    assert before is not None and notebook_inputs(edited, shared) != before
    assert notebook_inputs(edited, None) is None  # no snapshot to fingerprint: the notebook runs


def test_a_report_page_holds_its_figure_as_one_form_with_heading_and_caption():
    """The figure PDF is placed whole (a form XObject clipped to its page), under its heading, above its caption."""
    import io

    from matplotlib.figure import Figure

    from analysis.report import _figure_pages

    fig = Figure(figsize=(4, 2))
    fig.text(0.1, 0.5, "Yonhap und NIS")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="pdf")
    mediabox = [float(v) for v in PdfReader(buffer).pages[0].mediabox]
    page = PdfReader(io.BytesIO(_figure_pages([(buffer.getvalue(), "01_sourcing · sourcing-test", "Zitate je Quelle.")])[0])).pages[0]
    text = page.extract_text()
    assert "01_sourcing · sourcing-test" in text and "Zitate je Quelle." in text and "Yonhap und NIS" in text
    forms = [x.get_object() for x in page["/Resources"]["/XObject"].values() if x.get_object().get("/Subtype") == "/Form"]
    assert len(forms) == 1 and [float(v) for v in forms[0]["/BBox"]] == pytest.approx(mediabox, abs=1e-5)
    assert "/Font" in forms[0]["/Resources"]
