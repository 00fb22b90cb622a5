"""Benchmark: cold extract over a synthetic corpus of seed-sized articles, and a re-run after adding one."""

from __future__ import annotations

import random
import re
import shutil
import tempfile
import time
from pathlib import Path

from . import config
from .pipeline import extract

BUDGET_COLD_S = 10.0  # issue 13: per 1,000 seed-sized articles
BUDGET_RERUN_S = 1.0


# Outlet names and types of German-language media, for synthetic corpora whose figures must stay readable.
OUTLETS = [
    ("Frankfurter Allgemeine Zeitung", "national daily"), ("Süddeutsche Zeitung", "national daily"), ("taz", "national daily"),
    ("Die Welt", "national daily"), ("Handelsblatt", "national daily"), ("tagesschau.de", "public broadcaster"),
    ("ZDFheute", "public broadcaster"), ("Deutschlandfunk", "public broadcaster"), ("Bayerischer Rundfunk", "public broadcaster"),
    ("MDR Aktuell", "public broadcaster"), ("Deutsche Presse-Agentur", "news agency"), ("Agence France-Presse (dt.)", "news agency"),
    ("Reuters Deutschland", "news agency"), ("Evangelischer Pressedienst", "news agency"), ("Spiegel Online", "online portal"),
    ("t-online", "online portal"), ("web.de Nachrichten", "online portal"), ("n-tv.de", "online portal"), ("Focus Online", "online portal"),
    ("Bild", "tabloid"), ("Berliner Kurier", "tabloid"), ("Hamburger Morgenpost", "tabloid"), ("Kölner Stadt-Anzeiger", "regional daily"),
    ("Rheinische Post", "regional daily"), ("Stuttgarter Zeitung", "regional daily"), ("Sächsische Zeitung", "regional daily"),
    ("Hannoversche Allgemeine", "regional daily"), ("Badische Zeitung", "regional daily"), ("Westdeutsche Allgemeine Zeitung", "regional daily"),
    ("Nordwest-Zeitung", "regional daily"), ("Schwäbische Zeitung", "regional daily"), ("Märkische Allgemeine", "regional daily"),
    ("Neue Zürcher Zeitung", "Swiss daily"), ("Tages-Anzeiger", "Swiss daily"), ("SRF News", "Swiss broadcaster"),
    ("Blick", "Swiss tabloid"), ("Der Standard", "Austrian daily"), ("Die Presse", "Austrian daily"), ("ORF.at", "Austrian broadcaster"),
    ("Kronen Zeitung", "Austrian tabloid"), ("Kurier", "Austrian daily"), ("Salzburger Nachrichten", "Austrian daily"),
    ("Die Zeit", "weekly"), ("Der Freitag", "weekly"), ("Cicero", "monthly"), ("Telepolis", "online magazine"),
    ("Nachdenkseiten", "blog"), ("Tichys Einblick", "online magazine"), ("Berliner Zeitung", "regional daily"), ("Junge Welt", "national daily"),
]


def synthetic_corpus(target: Path, *, n_articles: int, seeds_dir: Path, seed: int = 13, n_outlets: int = 0) -> int:
    """Write `n_articles` articles made of shuffled seed paragraphs; returns the number of words written.

    With `n_outlets`, the articles are spread over that many outlets (names and types of real German-language media,
    in `articles.csv`, outlet type as a grouping column), so figures can be checked at many comparison units."""
    tables, _ = extract(corpus_dir=seeds_dir, cache_dir=target.parent / "seed-cache")
    sentences = tables["sentences"]
    headlines = sentences.loc[sentences["role"].isin(["headline", "subheading"]), "text"].tolist() or ["Nordkorea schickt Soldaten"]
    prose = sentences.loc[sentences["role"].isin(["lead", "body"]), "text"].tolist()
    per_article = max(5, len(prose) // max(1, len(tables["articles"])))
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    words = 0
    rows = []
    for i in range(n_articles):
        picked = rng.sample(prose, min(per_article, len(prose)))
        paragraphs = [" ".join(picked[k : k + 3]) for k in range(0, len(picked), 3)]
        text = f"{rng.choice(headlines)} ({i})\n\n" + "\n\n".join(paragraphs) + "\n"
        (target / f"synthetic_{i:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
        if n_outlets:
            k = i % n_outlets
            name, kind = OUTLETS[k % len(OUTLETS)]
            name = name if k < len(OUTLETS) else f"{name} {k // len(OUTLETS) + 1}"
            certainty = "certain" if k % 3 else "likely"
            rows.append(f"synthetic_{i:05d},{name},{kind},{certainty},2024-{10 + i % 3:02d}-{1 + i % 28:02d},,,synthetic")
    if rows:
        header = "article_id,outlet,outlet_type,outlet_certainty,date,title,author,evidence"
        (target / "articles.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return words


def peak_memory_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB. Unlike ru_maxrss it is not inherited across exec from
    the parent that started the process."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed_extract(options: dict) -> dict:
    """One extract in this process (run in a fresh one by `bench`): seconds per stage, total, peak memory."""
    import resource

    timings: dict[str, float] = {}
    start = time.perf_counter()
    _, summary = extract(**options, timings=timings)
    total = time.perf_counter() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"total_s": total, "stages": timings, "peak_mb": peak_memory_mb(), "worker_peak_mb": children,
            "analysed": summary.analysed, "reused": summary.reused, "skipped": len(summary.skipped)}


# The machine reference's input: fixed here (not the seeds, not the package's tokenizer), so neither a new seed nor a
# faster tokenizer moves it; only the machine (and the Python build) does.
REFERENCE_SENTENCES = (
    "Die Bundesregierung hat am Mittwoch in Berlin neue Regeln für den Ausbau der Stromnetze beschlossen.",
    "„Wir können nicht länger warten“, sagte die Ministerin nach der Sitzung des Kabinetts.",
    "Kritiker aus der Opposition sprechen von 3,5 Milliarden Euro Mehrkosten bis zum Jahr 2030.",
    "Nach Angaben der Deutschen Presse-Agentur (dpa) lehnen mehrere Länder den Entwurf bisher ab.",
    "Ob der Bundesrat im Dezember zustimmt, gilt deshalb als offen.",
)
REFERENCE_ROUNDS = 60
_REFERENCE_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*|[^\w\s]", re.UNICODE)
_REFERENCE_BOUNDARY = re.compile(r"(?<=[.!?“])\s+")


def machine_reference(*, rounds: int = REFERENCE_ROUNDS) -> float:
    """Seconds this machine takes for a fixed pure-CPU workload in Python (split, tokenize and count a fixed German
    text `rounds` times, ~1 s): runs of `bench` on different days compare fairly relative to it (lower is faster)."""
    text = " ".join(f"{s} ({i})" if i % 7 else s for i in range(400) for s in REFERENCE_SENTENCES)
    start = time.perf_counter()
    for _ in range(rounds):
        counts: dict[str, int] = {}
        for sentence in _REFERENCE_BOUNDARY.split(text):
            for token in _REFERENCE_TOKEN.findall(sentence):
                token = token.lower()
                counts[token] = counts.get(token, 0) + 1
        sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return time.perf_counter() - start


def _in_fresh_process(options: dict) -> dict:
    import json
    import subprocess
    import sys

    code = ("import json, sys, time; t = time.perf_counter(); from analysis.bench import _timed_extract; "
            "imported = time.perf_counter() - t; r = _timed_extract(json.loads(sys.argv[1])); r['import_s'] = imported; "
            "print('BENCH ' + json.dumps(r))")
    run = subprocess.run([sys.executable, "-c", code, json.dumps(options)], capture_output=True, text=True)
    line = next((x for x in reversed(run.stdout.splitlines()) if x.startswith("BENCH ")), None)
    if run.returncode or line is None:
        raise RuntimeError(f"benchmark run failed: {run.stderr.strip()[-2000:]}")
    return json.loads(line[len("BENCH "):])


def compile_package() -> None:
    """Write the package's missing or stale bytecode (`make setup` does the same), also where PYTHONDONTWRITEBYTECODE is
    set: the bench then times an installed package, not the compiling of its sources in every process."""
    import compileall

    compileall.compile_dir(Path(__file__).resolve().parent, quiet=1)


def bench(*, n_articles: int = 1000, seeds_dir: str | Path | None = None, workers: int | None = None, engine: str = "local",
          scheduler: str | None = None, work_dir: str | Path | None = None) -> dict:
    """Print and return, for a cold extract and a re-run after one added article (each in a fresh process): time,
    words/s, seconds per stage and peak memory. `work_dir` keeps the corpus, cache and tables (default: a temporary
    folder). The package's bytecode is compiled first, as `make setup` does, so that no timed process compiles it."""
    compile_package()
    seeds = Path(seeds_dir or config.CORPUS_DIR)
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as tmp:
        root = Path(work_dir) if work_dir else Path(tmp)
        corpus, cache, out = root / "corpus", root / "cache", root / "tables"
        if corpus.exists():
            shutil.rmtree(corpus)
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        words = synthetic_corpus(corpus, n_articles=n_articles, seeds_dir=seeds)
        options = {"corpus_dir": str(corpus), "out_dir": str(out), "cache_dir": str(cache), "workers": workers,
                   "engine": engine, "scheduler": scheduler}
        cold = _in_fresh_process(options)
        shutil.copy(next(seeds.glob("*.txt")), corpus / "zz_new_article.txt")
        rerun = _in_fresh_process(options)
        reference = machine_reference()
    result = {"articles": cold["analysed"], "words": words, "engine": engine, "cold": cold, "rerun": rerun,
              "words_per_s": words / cold["total_s"], "machine_reference_s": reference}
    print(f"machine reference      {reference:>10.2f} s   (lower is faster; same machine, same minute as the runs below)")
    print(f"engine                 {engine}{' at ' + scheduler if scheduler else ''}, {workers or config.WORKERS} worker(s)")
    print(f"articles analysed      {cold['analysed']:>10,} (skipped {cold['skipped']})")
    print(f"words                  {words:>10,}")
    budget = BUDGET_COLD_S * max(1, n_articles) / 1000
    print(f"cold extract           {cold['total_s']:>10.1f} s   (budget {budget:.0f} s) "
          f"{'OK' if cold['total_s'] <= budget else 'OVER BUDGET'}   + {cold['import_s']:.1f} s imports")
    print(f"throughput             {words / cold['total_s']:>10,.0f} words/s")
    print(f"re-run after 1 added   {rerun['total_s']:>10.2f} s   (budget {BUDGET_RERUN_S:.0f} s) "
          f"{'OK' if rerun['total_s'] <= BUDGET_RERUN_S else 'OVER BUDGET'}   + {rerun['import_s']:.1f} s imports"
          f"  [{rerun['reused']} from cache]")
    print(f"peak memory (VmHWM)    {cold['peak_mb']:>10,.0f} MB cold, {rerun['peak_mb']:,.0f} MB re-run"
          f" (largest worker process {cold['worker_peak_mb']:,.0f} MB)")
    print("seconds per stage       cold    re-run")
    for stage in dict.fromkeys([*cold["stages"], *rerun["stages"]]):
        print(f"  {stage:<20} {cold['stages'].get(stage, 0):>8.2f} {rerun['stages'].get(stage, 0):>8.2f}")
    return result


BUDGET_HOSTILE_S = 5.0
BUDGET_MEMORY_MB = 500


def bench_hostile(*, seeds_dir: str | Path | None = None) -> dict[str, float]:
    """Time the pathological inputs (a 1 MB paragraph, 100,000 gallery markers) and the peak memory of an extract
    over a folder holding a 50 MB file, each in a fresh process."""
    import subprocess
    import sys

    seeds = Path(seeds_dir or config.CORPUS_DIR)
    article = next(seeds.glob("*.txt")).read_text(encoding="utf-8")
    cases = {
        "1 MB paragraph": " ".join(article.split("\n")) * (1_000_000 // max(1, len(article)) + 1),
        "100,000 marker lines": article + "+\n" * 100_000,
        "50 MB file": None,
    }
    result = {}
    with tempfile.TemporaryDirectory(prefix="analysis-hostile-") as tmp:
        for label, text in cases.items():
            corpus = Path(tmp) / label.replace(" ", "_").replace(",", "")
            corpus.mkdir()
            if text is None:
                with open(corpus / "riesig.txt", "wb") as fh:
                    fh.truncate(50_000_000)
                (corpus / "gut.txt").write_text(article, encoding="utf-8")
            else:
                (corpus / "fall.txt").write_text(text, encoding="utf-8")
            code = ("import time; from analysis.pipeline import extract; from analysis.bench import peak_memory_mb; "
                    f"t = time.perf_counter(); _, s = extract(corpus_dir={str(corpus)!r}, cache_dir={str(corpus) + '-cache'!r}); "
                    "print(time.perf_counter() - t, peak_memory_mb(), s.analysed, len(s.skipped))")
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
            seconds, peak_mb, analysed, skipped = float(out[-4]), float(out[-3]), int(out[-2]), int(out[-1])
            result[label] = seconds
            ok = seconds <= BUDGET_HOSTILE_S and peak_mb <= BUDGET_MEMORY_MB
            print(f"{label:<22} {seconds:>10.1f} s   peak {peak_mb:,.0f} MB   {analysed} analysed, {skipped} skipped   "
                  f"(budget {BUDGET_HOSTILE_S:.0f} s, {BUDGET_MEMORY_MB} MB) {'OK' if ok else 'OVER BUDGET'}")
    return result


BUDGET_REPORT_S = 20.0  # issue 13: `python -m analysis report` on the seeds once set up
BUDGET_REPORT_RERUN_S = 5.0  # the same with nothing changed
BUDGET_RUN_ALL_S = 5.0  # Run All of one notebook in a fresh kernel


def bench_report(*, seeds_dir: str | Path | None = None) -> dict[str, float]:
    """Time `python -m analysis report` on the seeds once set up (cache and tables built, no figures yet), an unchanged
    re-run, and Run All of each notebook in a fresh kernel (kernel start to last cell, as in JupyterLab)."""
    import subprocess
    import sys

    import nbformat
    from nbclient import NotebookClient

    from .report import _quiet_kernel_manager, _with_parameters, notebooks

    seeds = Path(seeds_dir or config.CORPUS_DIR)
    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="analysis-bench-report-") as tmp:
        root = Path(tmp)
        folders = ["--corpus", str(seeds), "--tables", str(root / "tables"), "--cache", str(root / "cache")]
        subprocess.run([sys.executable, "-m", "analysis", "extract", "--corpus", str(seeds), "--out", str(root / "tables"),
                        "--cache", str(root / "cache")], capture_output=True, check=True)
        for label in ("report, set up", "report, unchanged"):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "analysis", "report", *folders, "--out", str(root / "figures")],
                           capture_output=True, check=True)
            result[label] = time.perf_counter() - start
        params = {"corpus_dir": str(seeds), "tables_dir": str(root / "tables"), "figures_dir": str(root / "lab"), "compare_by": "outlet"}
        for path in notebooks():
            nb = nbformat.read(path, as_version=4)
            _with_parameters(nb, params)
            client = NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                                    kernel_manager_class=_quiet_kernel_manager(), timeout=None)
            start = time.perf_counter()
            with client.setup_kernel():
                for i, cell in enumerate(nb.cells):
                    client.execute_cell(cell, i)
                result[f"Run All {path.stem}"] = time.perf_counter() - start
    budgets = {"report, set up": BUDGET_REPORT_S, "report, unchanged": BUDGET_REPORT_RERUN_S}
    for label, seconds in result.items():
        budget = budgets.get(label, BUDGET_RUN_ALL_S)
        print(f"{label:<32} {seconds:>6.1f} s   (budget {budget:.0f} s) {'OK' if seconds <= budget else 'OVER BUDGET'}")
    return result
