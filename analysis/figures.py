"""The one figure helper: suite style, a fixed colour per outlet, PDF (TrueType) + PNG, captions.

Every notebook creates a `FigureBook`; `book.save(fig, name, caption=...)` writes
`figures/<name>.pdf` and `.png`, plus a captioned page for `figures/report.pdf`, and records the
figure in `figures/manifest.json` so the report keeps notebook order.
"""

from __future__ import annotations

import base64
import io
import json
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import matplotlib as mpl
import pandas as pd

from .files import atomic_write, locked, write_csv

# Okabe & Ito (2008) colour-blind-safe palette, yellow last (weak on white paper).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442",
           "#8C510A", "#01665E", "#762A83", "#7F3B08"]  # then dark earth tones; no grey (grey means missing)
FULL_WIDTH = 6.1  # inches: A4 text width (16 cm) less the 0.1 in padding on each side of a saved figure
HALF_WIDTH = 3.4
MAX_SIZE = (16 / 2.54, 24 / 2.54)  # inches: one A4 text area; no saved figure is larger
MANIFEST = "manifest.json"

STYLE = {
    "pdf.fonttype": 42,  # TrueType: text stays editable in the PDF
    "ps.fonttype": 42,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "figure.constrained_layout.use": True,
}


def apply_style() -> None:
    """Apply the suite's matplotlib style."""
    mpl.rcParams.update(STYLE)


def outlet_colors(outlets: list[str]) -> dict[str, str]:
    """Colour per outlet in catalog order, so an outlet keeps its colour in every figure."""
    return {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(outlets)}


def fit_to_page(fig, *, max_size: tuple[float, float] = MAX_SIZE):
    """Shrink the canvas until the saved (tight) figure fits one A4 text area; text keeps its size, the layout
    engine makes room, so labels that stick out of the axes (legends below, long tick labels) are fitted too.
    Returns the tight bounding box (inches) of the final drawing, which the figure keeps for measuring and saving.
    The drawings lay out and measure without painting pixels: the saved files are painted by their own draw."""
    for _ in range(4):
        fig.draw_without_rendering()
        box = fig.get_tightbbox(fig.canvas.get_renderer())
        over_w = box.width + 2 * mpl.rcParams["savefig.pad_inches"] - max_size[0]
        over_h = box.height + 2 * mpl.rcParams["savefig.pad_inches"] - max_size[1]
        if over_w <= 0.005 and over_h <= 0.005:
            return box
        width, height = fig.get_size_inches()
        fig.set_size_inches(max(1.0, width - max(0.0, over_w) - 0.01), max(1.0, height - max(0.0, over_h) - 0.01))
    fig.draw_without_rendering()
    return fig.get_tightbbox(fig.canvas.get_renderer())


MIN_FONT_PT = 7.0


def layout_problems(fig, *, drawn_box=None) -> list[str]:
    """What makes a figure hard to read in print: text under 7 pt, oblique text, two texts that overlap, a figure
    larger than one A4 text area. Empty when the figure is fine (the tests check every figure with it).
    With `drawn_box` (what `fit_to_page` returned) the figure's current drawing is measured instead of a new one."""
    from matplotlib.text import Text

    if drawn_box is None:
        fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    problems, boxes = [], []
    undrawn = set()  # tick labels of ticks outside the axis' view: matplotlib keeps them but does not draw them
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 * (abs(low) + 1) <= tick.get_loc() <= high + 1e-9 * (abs(high) + 1):
                    undrawn.update({id(tick.label1), id(tick.label2)})
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip() or text.get_alpha() == 0 or id(text) in undrawn:
            continue
        if text.get_clip_on() and text.get_clip_box() is not None:
            clip = text.get_clip_box()
            box = text.get_window_extent(renderer)
            if box.x1 < clip.x0 or box.x0 > clip.x1 or box.y1 < clip.y0 or box.y0 > clip.y1:
                continue  # clipped away, not printed
        label = text.get_text().replace("\n", " ")[:40]
        if text.get_fontsize() < MIN_FONT_PT - 1e-6:
            problems.append(f"text under {MIN_FONT_PT:g} pt ({text.get_fontsize():g} pt): {label!r}")
        if text.get_rotation() % 90:
            problems.append(f"oblique text ({text.get_rotation():g} degrees): {label!r}")
        boxes.append((text.get_window_extent(renderer).shrunk(0.98, 0.9), label))
    if len(boxes) > 1:
        import numpy as np

        xy = np.array([[b.x0, b.y0, b.x1, b.y1] for b, _ in boxes])
        hit = (xy[:, None, 0] < xy[None, :, 2]) & (xy[None, :, 0] < xy[:, None, 2]) & (xy[:, None, 1] < xy[None, :, 3]) & (xy[None, :, 1] < xy[:, None, 3])
        for i, j in zip(*np.nonzero(np.triu(hit, k=1))):
            problems.append(f"overlapping text: {boxes[i][1]!r} and {boxes[j][1]!r}")
    box = drawn_box or fig.get_tightbbox(renderer)
    pad = 2 * mpl.rcParams["savefig.pad_inches"]
    if box.width + pad > MAX_SIZE[0] + 0.01 or box.height + pad > MAX_SIZE[1] + 0.01:
        problems.append(f"larger than 16 x 24 cm: {(box.width + pad) * 2.54:.1f} x {(box.height + pad) * 2.54:.1f} cm")
    return problems


# OpenType layout tables (substitution, positioning, kerning): a PDF places every glyph itself, so the embedded font
# subsets do not need them, and reading them was most of the time spent saving a PDF.
_UNUSED_IN_PDF = ("GSUB", "GPOS", "GDEF", "kern")


# Per font file (and its stamp): its glyph names, outlines, metrics and character map, decoded once. They were most of
# the time spent embedding a font; each save gets copies, since subsetting replaces or changes their contents.
_DECODED: dict[tuple, dict] = {}
_DECODED_TAGS = ("post", "glyf", "hmtx", "cmap")
_GLYPH_ORDER = "glyphOrder"  # the font's glyph names in order, kept beside its tables (read from `post`)


class _GlyphsCopiedOnRead(dict):
    """A decoded `glyf` table's glyphs for one save: each glyph is copied the first time it is looked up, so the
    subsetter, which trims and renumbers the glyphs it keeps, never changes the decoded ones."""

    def __init__(self, glyphs: dict):
        super().__init__(glyphs)
        self._copied: set = set()

    def __getitem__(self, name):
        glyph = dict.__getitem__(self, name)
        if name not in self._copied:
            import copy

            glyph = copy.copy(glyph)
            dict.__setitem__(self, name, glyph)
            self._copied.add(name)
        return glyph

    def get(self, name, default=None):
        return self[name] if name in self else default

    def values(self):
        return [self[name] for name in self]

    def items(self):
        return [(name, self[name]) for name in self]


def _decoded_tables(fontfile, load, options, **kwargs) -> dict:
    """The font's `_DECODED_TAGS` tables, decoded, and its glyph order (empty for a font that is not a file path)."""
    import os

    if not isinstance(fontfile, (str, os.PathLike)):
        return {}
    stat = os.stat(fontfile)
    key = (os.fspath(fontfile), stat.st_mtime_ns, stat.st_size, getattr(options, "font_number", -1), _DECODED_TAGS)
    if key not in _DECODED:
        font = load(fontfile, options, **kwargs)
        decoded = {_GLYPH_ORDER: list(font.getGlyphOrder())} if "post" in _DECODED_TAGS else {}
        decoded.update({tag: font[tag] for tag in _DECODED_TAGS if tag in font})
        for subtable in getattr(decoded.get("cmap"), "tables", []):
            subtable.ensureDecompiled()
        _DECODED[key] = decoded
        font.close()
    return _DECODED[key]


def _fresh_copy(table, font):
    """A copy of a decoded table for `font` whose mappings, lists and glyphs can be replaced or changed freely."""
    import copy

    table = copy.copy(table)
    if hasattr(table, "metrics"):
        table.metrics = dict(table.metrics)
    if "glyphs" in table.__dict__:
        table.glyphs = _GlyphsCopiedOnRead(table.glyphs)
        table.glyphOrder = list(table.glyphOrder)
        table._reverseGlyphOrder = {}
    for name in ("mapping", "extraNames"):
        if name in table.__dict__:
            setattr(table, name, copy.copy(getattr(table, name)))
    if hasattr(table, "tables"):
        table.tables = [copy.copy(t) for t in table.tables]
        for t in table.tables:
            t.ttFont = font
            if "cmap" in t.__dict__:
                t.cmap = dict(t.cmap)
            if "uvsDict" in t.__dict__:
                t.uvsDict = {v: list(pairs) for v, pairs in t.uvsDict.items()}
    return table


@contextmanager
def lean_font_subsets():
    """While saving PDFs, embed TrueType subsets without OpenType layout tables (the glyphs are the same). They are
    removed as the font is opened, before the subsetter reads them (fontTools 4.6x reads them before dropping)."""
    from fontTools import subset

    load = subset.load_font

    def load_font(fontfile, options, **kwargs):
        font = load(fontfile, options, **kwargs)
        for tag in _UNUSED_IN_PDF:
            if tag in font:
                del font[tag]
        decoded = _decoded_tables(fontfile, load, options, **kwargs)
        if _GLYPH_ORDER in decoded:
            font.glyphOrder = list(decoded[_GLYPH_ORDER])
        for tag, table in decoded.items():
            if tag != _GLYPH_ORDER:
                font.tables[tag] = _fresh_copy(table, font)
        return font

    subset.load_font = load_font
    try:
        yield
    finally:
        subset.load_font = load


def _save_drawn(fig, pdf: Path, *, box, metadata: dict) -> bytes:
    """Write a figure just drawn by fit_to_page (`box`: its tight box) as `pdf` and its `.png`; returns the PNG.

    Both files keep the layout and tight bounding box of that one draw, so neither is laid out again (savefig
    would run the layout engine and measure the tight box once more per file)."""
    box = box.padded(mpl.rcParams["savefig.pad_inches"])
    engine = fig.get_layout_engine()
    data = {}
    # Without a layout engine the layout of that draw stays and savefig draws each file once (under these rc
    # settings, so that savefig's own "no engine" switch does not bring the constrained layout back).
    with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}), lean_font_subsets():
        fig.set_layout_engine(None)
        try:
            for path, options in ((pdf, {"metadata": metadata}), (pdf.with_suffix(".png"), {})):
                buffer = io.BytesIO()
                fig.savefig(buffer, format=path.suffix[1:], bbox_inches=box, **options)
                data[path.suffix] = buffer.getvalue()
                atomic_write(path, data[path.suffix])
        finally:
            if engine is not None:
                fig.set_layout_engine(engine)
    return data[".png"]


def _show_saved_png() -> None:
    """In a notebook, show a figure the book has saved from the PNG it wrote (twice the screen resolution, shown at
    the figure's size) instead of drawing it once more; a figure changed after saving is drawn as usual. Installed
    over the inline backend's PNG printer, which exists once the first figure is made."""
    import sys

    if "ipykernel" not in sys.modules:
        return
    from IPython import get_ipython
    from matplotlib.figure import Figure

    shell = get_ipython()
    formatter = shell.display_formatter.formatters.get("image/png") if shell is not None else None
    default = formatter.type_printers.get(Figure) if formatter is not None else None
    if default is None or getattr(default, "shows_saved_png", False):
        return

    def show(fig):
        saved = getattr(fig, "_saved_png", None)
        if saved is None or fig.stale:
            return default(fig)
        data, dpi = saved
        scale = fig.dpi / dpi
        size = {"width": round(int.from_bytes(data[16:20], "big") * scale), "height": round(int.from_bytes(data[20:24], "big") * scale)}
        return base64.b64encode(data).decode("ascii"), size

    show.shows_saved_png = True
    formatter.for_type(Figure, show)


class FigureBook:
    """Saves one notebook's figures and report tables with the shared style and captions."""

    def __init__(
        self, *, notebook: str, figures_dir: str | Path, articles: pd.DataFrame, corpus_dir: str | Path, by: str = "outlet"
    ) -> None:
        from .corpus import unit_column, unit_name, with_units

        self.notebook = notebook
        self.figures_dir = Path(figures_dir)
        self.figures_dir.mkdir(parents=True, exist_ok=True)
        self.by = unit_column(by)
        self.articles = with_units(articles, by) if len(articles) or self.by in articles else articles.assign(**{self.by: []})
        self.corpus_dir = Path(corpus_dir)
        self.units: list[str] = list(dict.fromkeys(self.articles[self.by].tolist()))
        self.unit_name = unit_name(by)
        self.colors = outlet_colors(self.units)
        self._count = 0
        apply_style()

    @property
    def unit_plural(self) -> str:
        """The unit's name in the plural, for captions: outlets, outlet types, countries."""
        from .text import plural

        return plural(self.unit_name)

    @property
    def outlets(self) -> list[str]:
        """The comparison units in catalog order (outlets unless the book compares another catalog column)."""
        return self.units

    @property
    def corpus_note(self) -> str:
        """One line naming the corpus a figure came from."""
        dates = sorted(d for d in self.articles.get("date", pd.Series(dtype=str)).astype(str) if d)
        span = f", {dates[0]}" + (f" to {dates[-1]}" if dates and dates[-1] != dates[0] else "") if dates else ""
        return f"Corpus: {self.corpus_dir.name}/ ({len(self.articles)} articles, {len(self.units)} {self.unit_plural}{span})."

    def label(self, df: pd.DataFrame) -> pd.DataFrame:
        """`df` with the comparison unit of each row's article (column `book.by`, by default `outlet_label`)."""
        from .corpus import with_outlet

        return with_outlet(df, self.articles, by=self.by)

    def figure(self, *, width: str = "full", height: float = 3.2, **kwargs):
        """A new figure in the suite's size; returns (fig, ax) like plt.subplots."""
        import matplotlib.pyplot as plt

        w = FULL_WIDTH if width == "full" else HALF_WIDTH
        return plt.subplots(figsize=(w, height), **kwargs)

    def save(self, fig, name: str, *, caption: str, part: tuple[int, int] | None = None) -> Path:
        """Write `<name>.pdf` and `.png` (fitted to one A4 text area), and register the figure with its caption and
        its layout problems (empty when every text is readable).

        A figure too big for one page is drawn in parts: `part=(k, n)` saves part k of n as `<name>` (k = 1) or
        `<name>-part<k>`, and the caption says which part it is; report.pdf puts each part on its own page.
        """
        if not name or any(c in name for c in r"\/ ") or name.lower().startswith("fig"):
            raise ValueError(f"name figures by content, e.g. 'sourcing-reliance-by-outlet', not {name!r}")
        if part is not None and part[1] > 1:
            k, n = part
            name = name if k == 1 else f"{name}-part{k}"
            caption = f"{caption} (Part {k} of {n}.)"
        self._count += 1
        pdf = self.figures_dir / f"{name}.pdf"
        box = fit_to_page(fig)
        problems = layout_problems(fig, drawn_box=box)
        png = _save_drawn(fig, pdf, box=box, metadata={"Title": name, "Subject": caption})
        fig._saved_png = (png, mpl.rcParams["savefig.dpi"])
        fig.stale = False  # any later change makes it stale again, and a notebook then draws it afresh
        _show_saved_png()
        self._register({"kind": "figure", "name": name, "caption": caption, "file": pdf.name, "layout_problems": problems})
        return pdf

    def table(self, df: pd.DataFrame, name: str, *, caption: str, index: bool = False, float_format: str = "%.2f") -> Path:
        """Export a report table as CSV and LaTeX (booktabs), with its caption."""
        tables = self.figures_dir / "tables"
        tables.mkdir(exist_ok=True)
        csv = tables / f"{name}.csv"
        write_csv(df, csv, index=index)
        latex = df.to_latex(index=index, float_format=lambda x: float_format % x, caption=latex_escape(caption), label=f"tab:{name}", escape=True)
        atomic_write(tables / f"{name}.tex", latex)
        self._register({"kind": "table", "name": name, "caption": caption, "file": f"tables/{csv.name}"})
        return csv

    def _register(self, entry: dict) -> None:
        path = self.figures_dir / MANIFEST
        with locked(path.with_name(f".{MANIFEST}.lock")):
            self._update_manifest(path, entry)

    def _update_manifest(self, path: Path, entry: dict) -> None:
        entries = read_manifest(path.parent)
        entries = [e for e in entries if not (e["name"] == entry["name"] and e["kind"] == entry["kind"])]
        entry.update(
            notebook=self.notebook,
            order=self._count,
            corpus=self.corpus_note,
            created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        entries.append(entry)
        write_manifest(path.parent, entries)


_LATEX_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
                  "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}


def latex_escape(text: str) -> str:
    """Escape LaTeX special characters in running text (captions)."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def read_manifest(figures_dir: str | Path) -> list[dict]:
    """The figures and tables registered in `figures_dir`, in notebook order."""
    path = Path(figures_dir) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def write_manifest(figures_dir: str | Path, entries: list[dict]) -> None:
    """Register `entries` as the figures and tables of `figures_dir`, in notebook order."""
    entries = sorted(entries, key=lambda e: (e["notebook"], e["kind"] != "figure", e["order"]))
    atomic_write(Path(figures_dir) / MANIFEST, json.dumps(entries, indent=1, ensure_ascii=False))
