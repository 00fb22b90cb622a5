"""The one figure helper: suite style, a fixed colour per outlet, PDF (TrueType) + PNG, captions.

Every notebook creates a `FigureBook`; `book.save(fig, name, caption=...)` writes
`figures/<name>.pdf` and `.png`, plus a captioned page for `figures/report.pdf`, and records the
figure in `figures/manifest.json` so the report keeps notebook order.
"""

from __future__ import annotations

import json
import os
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

# Okabe & Ito (2008) colour-blind-safe palette, yellow last (weak on white paper).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442", "#999999"]
FULL_WIDTH = 6.3  # inches: A4 text width
HALF_WIDTH = 3.4
MANIFEST = "manifest.json"
PAGES_DIR = ".pages"

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
    plt.rcParams.update(STYLE)


def outlet_colors(outlets: list[str]) -> dict[str, str]:
    """Colour per outlet in catalog order, so an outlet keeps its colour in every figure."""
    return {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(outlets)}


class FigureBook:
    """Saves one notebook's figures and report tables with the shared style and captions."""

    def __init__(self, *, notebook: str, figures_dir: str | Path, articles: pd.DataFrame, corpus_dir: str | Path) -> None:
        self.notebook = notebook
        self.figures_dir = Path(figures_dir)
        self.figures_dir.mkdir(parents=True, exist_ok=True)
        self.articles = articles
        self.corpus_dir = Path(corpus_dir)
        labels = articles["outlet_label"].tolist() if "outlet_label" in articles else []
        self.outlets: list[str] = list(dict.fromkeys(labels))
        self.colors = outlet_colors(self.outlets)
        self._count = 0
        apply_style()

    @property
    def corpus_note(self) -> str:
        """One line naming the corpus a figure came from."""
        dates = sorted(d for d in self.articles.get("date", pd.Series(dtype=str)).astype(str) if d)
        span = f", {dates[0]}" + (f" to {dates[-1]}" if dates and dates[-1] != dates[0] else "") if dates else ""
        return f"Corpus: {self.corpus_dir.name}/ ({len(self.articles)} articles, {len(self.outlets)} outlets{span})."

    def label(self, df: pd.DataFrame) -> pd.DataFrame:
        """`df` with the outlet label of each row's article (column `outlet_label`)."""
        from .corpus import with_outlet

        return with_outlet(df, self.articles)

    def figure(self, *, width: str = "full", height: float = 3.2, **kwargs):
        """A new figure in the suite's size; returns (fig, ax) like plt.subplots."""
        w = FULL_WIDTH if width == "full" else HALF_WIDTH
        return plt.subplots(figsize=(w, height), **kwargs)

    def save(self, fig, name: str, *, caption: str) -> Path:
        """Write `<name>.pdf` and `.png`, a captioned report page, and register the figure."""
        if not name or any(c in name for c in r"\/ ") or name.lower().startswith("fig"):
            raise ValueError(f"name figures by content, e.g. 'sourcing-reliance-by-outlet', not {name!r}")
        self._count += 1
        pdf = self.figures_dir / f"{name}.pdf"
        fig.savefig(pdf, metadata={"Title": name, "Subject": caption})
        fig.savefig(self.figures_dir / f"{name}.png")
        pages = self.figures_dir / PAGES_DIR
        pages.mkdir(exist_ok=True)
        wrapped = "\n".join(textwrap.wrap(f"{name}. {caption} {self.corpus_note}", 110))
        note = fig.text(0.0, -0.01, wrapped, ha="left", va="top", fontsize=8, transform=fig.transFigure)
        fig.savefig(pages / f"{name}.pdf")
        note.remove()
        self._register({"kind": "figure", "name": name, "caption": caption, "file": pdf.name})
        return pdf

    def table(self, df: pd.DataFrame, name: str, *, caption: str, index: bool = False, float_format: str = "%.2f") -> Path:
        """Export a report table as CSV and LaTeX (booktabs), with its caption."""
        tables = self.figures_dir / "tables"
        tables.mkdir(exist_ok=True)
        csv = tables / f"{name}.csv"
        df.to_csv(csv, index=index, encoding="utf-8")
        latex = df.to_latex(index=index, float_format=lambda x: float_format % x, caption=latex_escape(caption), label=f"tab:{name}", escape=True)
        (tables / f"{name}.tex").write_text(latex, encoding="utf-8")
        self._register({"kind": "table", "name": name, "caption": caption, "file": f"tables/{csv.name}"})
        return csv

    def _register(self, entry: dict) -> None:
        path = self.figures_dir / MANIFEST
        entries = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
        entries = [e for e in entries if not (e["name"] == entry["name"] and e["kind"] == entry["kind"])]
        entry.update(
            notebook=self.notebook,
            order=self._count,
            corpus=self.corpus_note,
            created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        entries.append(entry)
        entries.sort(key=lambda e: (e["notebook"], e["kind"] != "figure", e["order"]))
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(entries, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)


_LATEX_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
                  "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}


def latex_escape(text: str) -> str:
    """Escape LaTeX special characters in running text (captions)."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def read_manifest(figures_dir: str | Path) -> list[dict]:
    """The figures and tables registered in `figures_dir`, in notebook order."""
    path = Path(figures_dir) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
