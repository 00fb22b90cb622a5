"""Run every notebook headlessly on a corpus and assemble `figures/report.pdf`."""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

from . import config
from .corpus import with_units
from .figures import MANIFEST, apply_style, lean_font_subsets, read_manifest, write_manifest
from .files import atomic_write, locked, remove_stale_temporaries, run_lock


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


def clear_outputs(figures_dir: Path, *, notebooks: set[str] | None = None) -> None:
    """Remove the files a previous report registered (only those of `notebooks`, if given), so renamed figures
    leave nothing stale."""
    entries = read_manifest(figures_dir)
    gone = [e for e in entries if notebooks is None or e["notebook"] in notebooks]
    for entry in gone:
        (figures_dir / entry["file"]).unlink(missing_ok=True)
        if entry["kind"] == "figure":
            (figures_dir / entry["file"]).with_suffix(".png").unlink(missing_ok=True)
        else:
            (figures_dir / entry["file"]).with_suffix(".tex").unlink(missing_ok=True)
    if notebooks is None:
        (figures_dir / MANIFEST).unlink(missing_ok=True)
    elif gone:
        write_manifest(figures_dir, [e for e in entries if e not in gone])


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


def _with_parameters(nb, params: dict) -> None:
    """Papermill's convention: the run's values in a cell right after the cell tagged `parameters`."""
    import nbformat

    cell = nbformat.v4.new_code_cell("# Parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in params.items()))
    cell.metadata["tags"] = ["injected-parameters"]
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    nb.cells.insert(tagged[0] + 1 if tagged else 0, cell)


async def run_notebook(path: Path, *, paths: config.Paths, by: str = "outlet") -> str | None:
    """Execute one notebook in its own kernel with the run's folders as parameters; write an HTML copy. Returns an
    error or None."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    out_dir = paths.figures_dir / "notebooks"
    out_dir.mkdir(parents=True, exist_ok=True)
    params = {"corpus_dir": str(paths.corpus_dir), "tables_dir": str(paths.tables_dir), "figures_dir": str(paths.figures_dir),
              "compare_by": by}
    error, nb = None, None
    try:
        nb = nbformat.read(path, as_version=4)
        _with_parameters(nb, params)
        client = NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                                kernel_manager_class=_quiet_kernel_manager(), timeout=None)
        await client.async_execute()
    except CellExecutionError as err:
        error = f"{err.ename}: {err.evalue}"
    except Exception as err:  # noqa: BLE001 - an unreadable or unstartable notebook is reported, the others still run
        error = f"{type(err).__name__}: {err}"
    if nb is not None:
        atomic_write(out_dir / f"{path.stem}.html", offline_html(_html(nb)))
    return error


def _html(nb) -> str:
    body, _ = _html_exporter().from_notebook_node(nb)
    return body


@functools.cache
def _html_exporter():
    """One HTML exporter per process: setting one up (templates, filters) costs more than exporting a notebook."""
    from nbconvert import HTMLExporter

    return HTMLExporter()


LICENCES = ("Lexicons and data: SentiWS (Remus, Quasthoff & Heyer 2010, via the gersent package) is licensed "
            "CC BY-NC-SA 3.0: non-commercial use, share alike. textblob-de and its pattern-based German lexicon: MIT/BSD. "
            "Code of this suite: MIT (LICENSE). Articles remain the property of their publishers.")
A4 = (595.28, 841.89)  # points
MARGIN = 56.7  # 2 cm
CAPTION_CHARS = 100  # per line at 9 pt on a 17 cm text width


def _text_pages(pages: list[list[tuple[float, list[tuple[str, float, str]]]]]) -> list:
    """A4 PDF pages (pypdf) with blocks of text lines (text, size in pt, weight), each block from its `top` points
    below the top edge; drawn into one PDF, so each font is embedded once for all of them."""
    import matplotlib as mpl
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    from pypdf import PdfReader

    apply_style()
    buffer = io.BytesIO()
    with mpl.rc_context({"savefig.bbox": "standard"}), lean_font_subsets(), PdfPages(buffer) as pdf:
        for blocks in pages:
            fig = Figure(figsize=(A4[0] / 72, A4[1] / 72))  # not kept by pyplot: nothing to close
            fig.set_layout_engine(None)
            for top, lines in blocks:
                y = 1 - top / A4[1]
                for text, size, weight in lines:
                    fig.text(MARGIN / A4[0], y, text, fontsize=size, weight=weight, va="top", ha="left")
                    y -= (size * 1.35 * (text.count("\n") + 1)) / A4[1]
            pdf.savefig(fig, transparent=True)
    return list(PdfReader(buffer).pages)


def _figure_pages(figures: list[tuple[bytes, str, str]]) -> list[bytes]:
    """One A4 page (a PDF of its own) per (figure PDF, heading, caption): heading, the figure at its true size
    (scaled down only if it would not fit), caption below."""
    from pypdf import PdfReader, PdfWriter, Transformation

    placed, texts = [], []
    for figure_pdf, heading, caption in figures:
        figure = PdfReader(io.BytesIO(figure_pdf)).pages[0]
        width, height = float(figure.mediabox.width), float(figure.mediabox.height)
        wrapped = textwrap.fill(caption, CAPTION_CHARS)
        caption_height = 9 * 1.35 * (wrapped.count("\n") + 1) + 24
        room_w, room_h = A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN - 30 - caption_height
        scale = min(1.0, room_w / width, room_h / height)
        top = MARGIN + 30
        texts.append([(MARGIN, [(heading, 10, "bold")]), (top + height * scale + 14, [(wrapped, 9, "normal")])])
        placed.append((figure, Transformation().scale(scale).translate(MARGIN + (room_w - width * scale) / 2,
                                                                       A4[1] - top - height * scale)))
    out = []
    for text, (figure, where) in zip(_text_pages(texts) if texts else [], placed):
        writer = PdfWriter()
        _place_figure(writer, writer.add_page(text), figure, where.ctm)
        buffer = io.BytesIO()
        writer.write(buffer)
        out.append(buffer.getvalue())
    return out


def _place_figure(writer, page, figure, ctm: tuple[float, ...]) -> None:
    """Draw PDF page `figure` on `page` (a page of `writer`), transformed by `ctm`, as a form XObject: the figure's
    content stream is copied as it is (still compressed) instead of being parsed and rewritten as merging pages does
    (about 40 % of assembling a report)."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, IndirectObject, NameObject

    form = figure.get_contents().clone(writer)
    form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): ArrayObject(FloatObject(v) for v in figure.mediabox),
                 NameObject("/Resources"): figure["/Resources"].get_object().clone(writer)})
    resources = page["/Resources"].get_object()
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    xobjects = resources["/XObject"].get_object()
    name = NameObject(next(f"/Figure{i}" for i in range(len(xobjects) + 1) if f"/Figure{i}" not in xobjects))
    xobjects[name] = writer._add_object(form)
    draw = DecodedStreamObject()
    draw.set_data(f"q {' '.join(f'{v:.6f}' for v in ctm)} cm {name} Do Q".encode())
    contents = page.raw_get("/Contents")
    streams = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    streams = [c if isinstance(c, IndirectObject) else writer._add_object(c) for c in streams]
    page[NameObject("/Contents")] = ArrayObject([*streams, writer._add_object(draw)])


# Nothing in an exported notebook may load or run code: no remote scripts, no inline scripts, no event handlers.
_CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'; font-src data:\">")
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)


def offline_html(body: str) -> str:
    """An executed notebook's HTML made self-contained and inert: scripts removed (require.js, MathJax and mermaid
    come from a public CDN), and a Content-Security-Policy that blocks any script or remote load that is left."""
    body = _SCRIPT.sub("", body)
    return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + _CSP, body, count=1, flags=re.IGNORECASE)


PAGES = ".report-pages"  # the report's pages, one PDF per figure page, kept to assemble the next report from


def build_report(*, figures_dir: Path, corpus_note: str) -> Path | None:
    """`report.pdf` on A4 pages: a title page listing the figures, then each registered figure at its true size
    with its caption and the corpus it came from, in notebook order. A page whose figure, heading and caption are
    unchanged is taken from the last report's; when no page and no listing changed, report.pdf stays as it is and
    None is returned."""
    from pypdf import PdfReader, PdfWriter

    entries = [e for e in read_manifest(figures_dir) if e["kind"] == "figure" and (figures_dir / e["file"]).exists()]
    pages_dir = figures_dir / PAGES
    pages_dir.mkdir(exist_ok=True)
    keys, new = [], {}
    for entry in entries:
        figure = (figures_dir / entry["file"]).read_bytes()
        heading = f"{entry['notebook']} · {entry['name']}"
        caption = f"{entry['caption']} {entry.get('corpus', '')}".strip()
        key = hashlib.sha256(json.dumps([heading, caption]).encode() + figure).hexdigest()[:32]
        if not (pages_dir / f"{key}.pdf").exists():
            new[key] = (figure, heading, caption)
        keys.append(key)
    for key, page in zip(new, _figure_pages(list(new.values()))):
        atomic_write(pages_dir / f"{key}.pdf", page)
    for stale in set(p.stem for p in pages_dir.glob("*.pdf")) - set(keys):
        (pages_dir / f"{stale}.pdf").unlink(missing_ok=True)
    target = figures_dir / "report.pdf"
    listing = [[e["notebook"], e["name"]] for e in entries]
    state = hashlib.sha256(json.dumps([corpus_note, listing, keys]).encode()).hexdigest()
    stamp = pages_dir / "report.state"
    if target.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == state:
        return None

    lines = [("News coverage comparison: figures", 18, "bold"), ("", 9, "normal")]
    lines += [(textwrap.fill(corpus_note, 95), 9, "normal"),
              (f"Generated {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by `python -m analysis report`.", 9, "normal"),
              (textwrap.fill(LICENCES, 95), 8, "normal"),
              ("", 9, "normal")]
    current = None
    for notebook, name in listing:
        if notebook != current:
            current = notebook
            lines.append((current, 9, "bold"))
        lines.append((f"    {name}", 9, "normal"))
    writer = PdfWriter()
    writer.add_page(_text_pages([[(MARGIN, lines)]])[0])
    for key in keys:
        writer.add_page(PdfReader(pages_dir / f"{key}.pdf").pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    atomic_write(target, buffer.getvalue())
    atomic_write(stamp, state)
    return target


INPUTS = "{}.inputs.json"  # beside a notebook's HTML: the fingerprint of what its last successful run read
_VOLATILE = {"reused", "pruned"}  # summary counts that differ between runs on the same corpus


def run_inputs(*, paths: config.Paths, by: str) -> str | None:
    """Fingerprint of everything the notebooks read besides their own source: the tables of the last extract (the
    checksums its snapshot keeps), the run summary, the package's code and codebooks, the library versions and the
    run's parameters. None when the snapshot cannot be read (then every notebook runs)."""
    from importlib.metadata import version

    from . import store
    from .codebook import fingerprint
    from .pipeline import SNAPSHOT

    saved = store.load_json(paths.tables_dir / SNAPSHOT / "meta.json", "snapshot")
    if not isinstance(saved, dict) or not isinstance(saved.get("tables"), dict):
        return None
    summary = saved.get("meta", {}).get("summary", {})
    summary = {k: v for k, v in summary.items() if k not in _VOLATILE and "time" not in k and "second" not in k}
    inputs = {"tables": saved["tables"], "summary": summary, "code": fingerprint(config.PACKAGE_DIR),
              "versions": [sys.version] + [version(p) for p in ("matplotlib", "pandas", "numpy", "nbconvert")],
              "parameters": [str(paths.corpus_dir), str(paths.tables_dir), str(paths.figures_dir), by]}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()


def notebook_inputs(path: Path, shared: str | None) -> str | None:
    """`shared` (run_inputs) combined with the notebook's own cells (code and narrative, not outputs)."""
    if shared is None:
        return None
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        source = [[c.get("cell_type"), "".join(c.get("source", ""))] for c in cells]
    except (OSError, ValueError, AttributeError, TypeError):
        return None
    return hashlib.sha256(json.dumps([shared, source]).encode()).hexdigest()


def _unchanged(path: Path, inputs: str | None, *, figures_dir: Path, entries: list[dict]) -> bool:
    """True when the notebook's last successful run read the same inputs and everything it wrote is still there."""
    if inputs is None:
        return False
    stamp = figures_dir / "notebooks" / INPUTS.format(path.stem)
    try:
        saved = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(saved, dict) or saved.get("inputs") != inputs or not (figures_dir / "notebooks" / f"{path.stem}.html").exists():
        return False
    mine = {(e["kind"], e["name"]): e for e in entries if e["notebook"] == path.stem}
    if {tuple(o) for o in saved.get("outputs", [])} != set(mine):
        return False
    for entry in mine.values():
        file = figures_dir / entry["file"]
        if not file.exists() or not file.with_suffix(".png" if entry["kind"] == "figure" else ".tex").exists():
            return False
    return True


def _stamp(path: Path, inputs: str | None, *, figures_dir: Path) -> None:
    stamp = figures_dir / "notebooks" / INPUTS.format(path.stem)
    if inputs is None:
        stamp.unlink(missing_ok=True)
        return
    outputs = sorted([e["kind"], e["name"]] for e in read_manifest(figures_dir) if e["notebook"] == path.stem)
    atomic_write(stamp, json.dumps({"inputs": inputs, "outputs": outputs}, indent=1))


def _execute(chosen: list[Path], *, paths: config.Paths, by: str, log, workers: int) -> dict[Path, str | None]:
    """Run the notebooks, `workers` at a time, each in its own kernel; their errors (None when a notebook ran)."""
    import asyncio

    async def all_of_them():
        slots = asyncio.Semaphore(max(1, workers))

        async def one(nb: Path):
            async with slots:
                log(f"    executing {nb.name} ...")
                return nb, await run_notebook(nb, paths=paths, by=by)

        return dict(await asyncio.gather(*(one(nb) for nb in chosen)))

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(all_of_them())
    from concurrent.futures import ThreadPoolExecutor  # called from a running event loop (a notebook): run beside it

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, all_of_them()).result()


def report(*, paths: config.Paths, selected: list[str] | None = None, by: str = "outlet", log=print, force: bool = False,
           workers: int | None = None) -> int:
    """Extract, run the notebooks whose inputs changed (all with `force`), build the report; returns the number of
    failed notebooks. A notebook whose tables, code, codebooks, source and parameters are those of its last
    successful run is not executed again: its figures, tables and HTML stay."""
    from .pipeline import check_outputs, load_tables

    check_outputs(paths.corpus_dir, {"--out": paths.figures_dir, "--tables": paths.tables_dir, "--cache": paths.cache_dir})
    chosen = notebooks(selected)
    tables, summary = load_tables(corpus_dir=paths.corpus_dir, tables_dir=paths.tables_dir, cache_dir=paths.cache_dir, by=by,
                                  progress=True)
    with_units(tables["articles"], by)  # a unit the catalog does not have stops here, in one line
    log(str(summary))
    failed = []
    with run_lock(paths.figures_dir, say=log):
        remove_stale_temporaries(paths.figures_dir)
        remove_stale_temporaries(paths.figures_dir / "notebooks")
        entries = read_manifest(paths.figures_dir)
        shared = run_inputs(paths=paths, by=by)
        inputs = {nb: notebook_inputs(nb, shared) for nb in chosen}
        todo = [nb for nb in chosen if force or not _unchanged(nb, inputs[nb], figures_dir=paths.figures_dir, entries=entries)]
        for i, nb in enumerate(chosen, start=1):
            log(f"[{i}/{len(chosen)}] {nb.name}: " + ("to execute" if nb in todo else "inputs unchanged since its last run, kept"))
        # Notebooks a report ran before (they left their inputs beside their HTML) that are no longer in notebooks/.
        ran = {p.name.removesuffix(INPUTS.format("")) for p in (paths.figures_dir / "notebooks").glob(INPUTS.format("*"))}
        gone = set() if selected else ran - {nb.stem for nb in notebooks()}
        for stem in gone:
            (paths.figures_dir / "notebooks" / INPUTS.format(stem)).unlink(missing_ok=True)
        if todo or gone:
            with locked(paths.figures_dir / f".{MANIFEST}.lock"):
                clear_outputs(paths.figures_dir, notebooks={nb.stem for nb in todo} | gone)
        for nb in todo:
            (paths.figures_dir / "notebooks" / INPUTS.format(nb.stem)).unlink(missing_ok=True)
        errors = _execute(todo, paths=paths, by=by, log=log, workers=config.WORKERS if workers is None else workers)
        for nb in todo:
            if errors[nb]:
                failed.append(nb.name)
                log(f"    FAILED: {nb.name}: {errors[nb]} (executed copy with the traceback: "
                    f"{paths.figures_dir / 'notebooks' / nb.stem}.html)")
            else:
                _stamp(nb, inputs[nb], figures_dir=paths.figures_dir)
        note = f"Corpus: {paths.corpus_dir} ({summary.analysed} articles, {summary.outlets} outlets; {len(summary.skipped)} files skipped)."
        built = build_report(figures_dir=paths.figures_dir, corpus_note=note)
    n = sum(1 for e in read_manifest(paths.figures_dir) if e["kind"] == "figure")
    target = paths.figures_dir / "report.pdf"
    log(f"{n} figures (PDF + PNG) in {paths.figures_dir}; {target}" + (" written" if built else " unchanged") +
        f"; executed notebooks as HTML in {paths.figures_dir / 'notebooks'} ({len(todo)} of {len(chosen)} executed).")
    if failed:
        log(f"{len(failed)} notebook(s) FAILED: {', '.join(failed)}; their figures are missing from the report.")
    return len(failed)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: python -m analysis report")
