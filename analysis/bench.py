"""Benchmark: cold extract over a synthetic corpus of seed-sized articles, and a re-run after adding one."""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from pathlib import Path

from . import config
from .pipeline import extract

BUDGET_COLD_S = 60.0
BUDGET_RERUN_S = 5.0


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


def bench(*, n_articles: int = 1000, seeds_dir: str | Path | None = None, workers: int | None = None) -> dict[str, float]:
    """Print and return cold extract time, words/s, and the re-run time after one new article."""
    seeds = Path(seeds_dir or config.CORPUS_DIR)
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as tmp:
        root = Path(tmp)
        corpus, cache, out = root / "corpus", root / "cache", root / "tables"
        words = synthetic_corpus(corpus, n_articles=n_articles, seeds_dir=seeds)
        start = time.perf_counter()
        _, summary = extract(corpus_dir=corpus, out_dir=out, cache_dir=cache, workers=workers, progress=True)
        cold = time.perf_counter() - start
        shutil.copy(next(seeds.glob("*.txt")), corpus / "zz_new_article.txt")
        start = time.perf_counter()
        _, summary2 = extract(corpus_dir=corpus, out_dir=out, cache_dir=cache, workers=workers)
        rerun = time.perf_counter() - start
    result = {"articles": summary.analysed, "words": words, "cold_s": cold, "words_per_s": words / cold, "rerun_s": rerun}
    print(f"articles analysed      {summary.analysed:>10,} (skipped {len(summary.skipped)})")
    print(f"words                  {words:>10,}")
    print(f"cold extract           {cold:>10.1f} s   (budget {BUDGET_COLD_S:.0f} s) {'OK' if cold <= BUDGET_COLD_S else 'OVER BUDGET'}")
    print(f"throughput             {words / cold:>10,.0f} words/s")
    print(f"re-run after 1 added   {rerun:>10.1f} s   (budget {BUDGET_RERUN_S:.0f} s) {'OK' if rerun <= BUDGET_RERUN_S else 'OVER BUDGET'}"
          f"  [{summary2.reused} from cache]")
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
            code = ("import resource, time; from analysis.pipeline import extract; t = time.perf_counter(); "
                    f"_, s = extract(corpus_dir={str(corpus)!r}, cache_dir={str(corpus) + '-cache'!r}); "
                    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, s.analysed, len(s.skipped))")
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
            seconds, peak_mb, analysed, skipped = float(out[-4]), float(out[-3]), int(out[-2]), int(out[-1])
            result[label] = seconds
            ok = seconds <= BUDGET_HOSTILE_S and peak_mb <= BUDGET_MEMORY_MB
            print(f"{label:<22} {seconds:>10.1f} s   peak {peak_mb:,.0f} MB   {analysed} analysed, {skipped} skipped   "
                  f"(budget {BUDGET_HOSTILE_S:.0f} s, {BUDGET_MEMORY_MB} MB) {'OK' if ok else 'OVER BUDGET'}")
    return result
