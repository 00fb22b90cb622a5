"""Run every notebook headlessly on a corpus and assemble `figures/report.pdf`."""

from __future__ import annotations

import io
import os
import re
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from . import config
from .corpus import with_units
from .figures import MANIFEST, apply_style, read_manifest
from .files import atomic_write, remove_stale_temporaries, run_lock

if TYPE_CHECKING:
    from pypdf import PageObject, PdfWriter


def notebooks(selected: list[str] | None = None) -> list[Path]:
    """The suite's notebooks in order (`00_…`, `01_…`), optionally only the named ones."""
    found = sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    if selected:
        wanted = {s.removesuffix(".ipynb") for s in selected}
        unknown = wanted - {p.stem for p in found}
        if unknown:
            from .config import UserError

            raise UserError(f"no such notebook: {', '.join(sorted(unknown))} (have: {', '.join(p.stem for p in found)})")
        found = [p for p in found if p.stem in wanted]
    return found


def clear_outputs(figures_dir: Path) -> None:
    """Remove the files a previous report registered, so renamed figures leave nothing stale."""
    for entry in read_manifest(figures_dir):
        (figures_dir / entry["file"]).unlink(missing_ok=True)
        if entry["kind"] == "figure":
            (figures_dir / entry["file"]).with_suffix(".png").unlink(missing_ok=True)
        else:
            (figures_dir / entry["file"]).with_suffix(".tex").unlink(missing_ok=True)
    (figures_dir / MANIFEST).unlink(missing_ok=True)


def _quiet_kernel_manager():
    """Kernel manager whose kernel's own stderr (transport warnings) stays out of the user's terminal.

    Errors in cells still reach the executed notebook and the run's log.
    """
    import subprocess

    from jupyter_client.manager import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def _async_start_kernel(self, **kw):
            kw.setdefault("stderr", subprocess.DEVNULL)
            return await super()._async_start_kernel(**kw)

        start_kernel = _async_start_kernel

    return QuietKernelManager


def run_notebook(path: Path, *, paths: config.Paths, by: str = "outlet") -> str | None:
    """Execute one notebook with the run's folders as parameters; write an HTML copy. Returns an error or None."""
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    import tempfile

    out_dir = paths.figures_dir / "notebooks"
    out_dir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp.ipynb", dir=out_dir)
    os.close(fd)
    executed = Path(name)
    params = {"corpus_dir": str(paths.corpus_dir), "tables_dir": str(paths.tables_dir), "figures_dir": str(paths.figures_dir),
              "compare_by": by}
    error = None
    try:
        papermill.execute_notebook(
            str(path), str(executed), parameters=params, cwd=str(path.parent), progress_bar=False, kernel_name="python3",
            kernel_manager_class=_quiet_kernel_manager(),
        )
    except papermill.PapermillExecutionError as err:
        error = f"{err.ename}: {err.evalue}"
    except Exception as err:  # noqa: BLE001 - an unreadable or unstartable notebook is reported, the others still run
        error = f"{type(err).__name__}: {err}"
    try:
        if executed.stat().st_size:
            body, _ = HTMLExporter().from_notebook_node(nbformat.read(executed, as_version=4))
            atomic_write(out_dir / f"{path.stem}.html", offline_html(body))
    finally:
        executed.unlink(missing_ok=True)
    return error


LICENCES = ("Lexicons and data: SentiWS (Remus, Quasthoff & Heyer 2010, via the gersent package) is licensed "
            "CC BY-NC-SA 3.0: non-commercial use, share alike. textblob-de and its pattern-based German lexicon: MIT/BSD. "
            "Code of this suite: MIT (LICENSE). Articles remain the property of their publishers.")
A4 = (595.28, 841.89)  # points
MARGIN = 56.7  # 2 cm
CAPTION_CHARS = 100  # per line at 9 pt on a 17 cm text width


def _text_page(lines: list[tuple[str, float, str]], *, top: float) -> "PageObject":
    """An A4 PDF page with text lines (text, size in pt, weight) from `top` points below the top edge."""
    import io

    import matplotlib.pyplot as plt
    from pypdf import PdfReader

    apply_style()
    fig = plt.figure(figsize=(A4[0] / 72, A4[1] / 72))
    fig.set_layout_engine(None)
    y = 1 - top / A4[1]
    for text, size, weight in lines:
        fig.text(MARGIN / A4[0], y, text, fontsize=size, weight=weight, va="top", ha="left")
        y -= (size * 1.35 * (text.count("\n") + 1)) / A4[1]
    buffer = io.BytesIO()
    with plt.rc_context({"savefig.bbox": "standard"}):
        fig.savefig(buffer, format="pdf", transparent=True)
    plt.close(fig)
    return PdfReader(buffer).pages[0]


def _add_figure_page(writer: "PdfWriter", figure_pdf: Path, *, heading: str, caption: str) -> None:
    """One A4 page: heading, the figure at its true size (scaled down only if it would not fit), caption below."""
    from pypdf import PdfReader, Transformation

    figure = PdfReader(figure_pdf).pages[0]
    width, height = float(figure.mediabox.width), float(figure.mediabox.height)
    wrapped = textwrap.fill(caption, CAPTION_CHARS)
    caption_height = 9 * 1.35 * (wrapped.count("\n") + 1) + 24
    room_w, room_h = A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN - 30 - caption_height
    scale = min(1.0, room_w / width, room_h / height)
    top = MARGIN + 30
    caption_top = top + height * scale + 14
    page = writer.add_page(_text_page([(heading, 10, "bold")], top=MARGIN))
    page.merge_page(_text_page([(wrapped, 9, "normal")], top=caption_top))
    x = MARGIN + (room_w - width * scale) / 2
    y = A4[1] - top - height * scale
    page.merge_transformed_page(figure, Transformation().scale(scale).translate(x, y))


# Nothing in an exported notebook may load or run code: no remote scripts, no inline scripts, no event handlers.
_CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'; font-src data:\">")
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)


def offline_html(body: str) -> str:
    """An executed notebook's HTML made self-contained and inert: scripts removed (require.js, MathJax and mermaid
    come from a public CDN), and a Content-Security-Policy that blocks any script or remote load that is left."""
    body = _SCRIPT.sub("", body)
    return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + _CSP, body, count=1, flags=re.IGNORECASE)


def build_report(*, figures_dir: Path, corpus_note: str) -> Path:
    """`report.pdf` on A4 pages: a title page listing the figures, then each registered figure at its true size
    with its caption and the corpus it came from, in notebook order."""
    from pypdf import PdfWriter

    entries = [e for e in read_manifest(figures_dir) if e["kind"] == "figure"]
    lines = [("News coverage comparison: figures", 18, "bold"), ("", 9, "normal")]
    lines += [(textwrap.fill(corpus_note, 95), 9, "normal"),
              (f"Generated {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by `python -m analysis report`.", 9, "normal"),
              (textwrap.fill(LICENCES, 95), 8, "normal"),
              ("", 9, "normal")]
    current = None
    for entry in entries:
        if entry["notebook"] != current:
            current = entry["notebook"]
            lines.append((current, 9, "bold"))
        lines.append((f"    {entry['name']}", 9, "normal"))
    writer = PdfWriter()
    writer.add_page(_text_page(lines, top=MARGIN))
    for entry in entries:
        figure = figures_dir / entry["file"]
        if figure.exists():
            caption = f"{entry['caption']} {entry.get('corpus', '')}".strip()
            _add_figure_page(writer, figure, heading=f"{entry['notebook']} · {entry['name']}", caption=caption)
    target = figures_dir / "report.pdf"
    buffer = io.BytesIO()
    writer.write(buffer)
    atomic_write(target, buffer.getvalue())
    return target


def report(*, paths: config.Paths, selected: list[str] | None = None, by: str = "outlet", log=print) -> int:
    """Extract, run the notebooks, build the report; returns the number of failed notebooks."""
    from .pipeline import check_outputs, extract

    check_outputs(paths.corpus_dir, {"--out": paths.figures_dir, "--tables": paths.tables_dir, "--cache": paths.cache_dir})
    chosen = notebooks(selected)
    tables, summary = extract(corpus_dir=paths.corpus_dir, out_dir=paths.tables_dir, cache_dir=paths.cache_dir, progress=True, by=by)
    with_units(tables["articles"], by)  # a unit the catalog does not have stops here, in one line
    log(str(summary))
    failed = []
    with run_lock(paths.figures_dir, say=log):
        remove_stale_temporaries(paths.figures_dir)
        remove_stale_temporaries(paths.figures_dir / "notebooks")
        if not selected:
            clear_outputs(paths.figures_dir)
        for i, nb in enumerate(chosen, start=1):
            log(f"[{i}/{len(chosen)}] executing {nb.name} ...")
            error = run_notebook(nb, paths=paths, by=by)
            if error:
                failed.append(nb.name)
                log(f"    FAILED: {error} (executed copy with the traceback: {paths.figures_dir / 'notebooks' / nb.stem}.html)")
        note = f"Corpus: {paths.corpus_dir} ({summary.analysed} articles, {summary.outlets} outlets; {len(summary.skipped)} files skipped)."
        target = build_report(figures_dir=paths.figures_dir, corpus_note=note)
    n = sum(1 for e in read_manifest(paths.figures_dir) if e["kind"] == "figure")
    log(f"Wrote {n} figures (PDF + PNG) and {target}; executed notebooks as HTML in {paths.figures_dir / 'notebooks'}.")
    if failed:
        log(f"{len(failed)} notebook(s) FAILED: {', '.join(failed)}; their figures are missing from the report.")
    return len(failed)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: python -m analysis report")
