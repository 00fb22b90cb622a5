"""Run every notebook headlessly on a corpus and assemble `figures/report.pdf`."""

from __future__ import annotations

import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

from . import config
from .figures import MANIFEST, PAGES_DIR, apply_style, read_manifest


def notebooks(selected: list[str] | None = None) -> list[Path]:
    """The suite's notebooks in order (`00_…`, `01_…`), optionally only the named ones."""
    found = sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    if selected:
        wanted = {s.removesuffix(".ipynb") for s in selected}
        unknown = wanted - {p.stem for p in found}
        if unknown:
            from .pipeline import UserError

            raise UserError(f"no such notebook: {', '.join(sorted(unknown))} (have: {', '.join(p.stem for p in found)})")
        found = [p for p in found if p.stem in wanted]
    return found


def clear_outputs(figures_dir: Path) -> None:
    """Remove the files a previous report registered, so renamed figures leave nothing stale."""
    for entry in read_manifest(figures_dir):
        (figures_dir / entry["file"]).unlink(missing_ok=True)
        if entry["kind"] == "figure":
            (figures_dir / entry["file"]).with_suffix(".png").unlink(missing_ok=True)
            (figures_dir / PAGES_DIR / entry["file"]).unlink(missing_ok=True)
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


def run_notebook(path: Path, *, paths: config.Paths) -> str | None:
    """Execute one notebook with the run's folders as parameters; write an HTML copy. Returns an error or None."""
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    out_dir = paths.figures_dir / "notebooks"
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / path.name
    params = {"corpus_dir": str(paths.corpus_dir), "tables_dir": str(paths.tables_dir), "figures_dir": str(paths.figures_dir)}
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
    if executed.exists():
        body, _ = HTMLExporter().from_notebook_node(nbformat.read(executed, as_version=4))
        executed.with_suffix(".html").write_text(body, encoding="utf-8")
        executed.unlink()
    return error


def build_report(*, figures_dir: Path, corpus_note: str) -> Path:
    """`report.pdf`: a title page, then every registered figure with its caption, in notebook order."""
    import matplotlib.pyplot as plt
    from pypdf import PdfWriter

    apply_style()
    entries = [e for e in read_manifest(figures_dir) if e["kind"] == "figure"]
    title = figures_dir / PAGES_DIR / "_title.pdf"
    title.parent.mkdir(parents=True, exist_ok=True)
    fig = plt.figure(figsize=(8.27, 11.69))
    fig.text(0.08, 0.9, "News coverage comparison: figures", fontsize=18, weight="bold")
    lines = [corpus_note, f"Generated {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by `python -m analysis report`.", ""]
    current = None
    for entry in entries:
        if entry["notebook"] != current:
            current = entry["notebook"]
            lines.append(f"{current}")
        lines.append(f"    {entry['name']}")
    fig.text(0.08, 0.86, "\n".join(textwrap.fill(l, 95) if not l.startswith("    ") else l for l in lines), va="top", fontsize=9, family="DejaVu Sans")
    fig.savefig(title)
    plt.close(fig)
    writer = PdfWriter()
    writer.append(str(title))
    for entry in entries:
        page = figures_dir / PAGES_DIR / entry["file"]
        if page.exists():
            writer.append(str(page))
    target = figures_dir / "report.pdf"
    with open(target, "wb") as fh:
        writer.write(fh)
    return target


def report(*, paths: config.Paths, selected: list[str] | None = None, log=print) -> int:
    """Extract, run the notebooks, build the report; returns the number of failed notebooks."""
    from .pipeline import extract

    tables, summary = extract(corpus_dir=paths.corpus_dir, out_dir=paths.tables_dir, cache_dir=paths.cache_dir, progress=True)
    log(str(summary))
    paths.figures_dir.mkdir(parents=True, exist_ok=True)
    if not selected:
        clear_outputs(paths.figures_dir)
    failed = []
    chosen = notebooks(selected)
    for i, nb in enumerate(chosen, start=1):
        log(f"[{i}/{len(chosen)}] executing {nb.name} ...")
        error = run_notebook(nb, paths=paths)
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
