"""Command line: `python -m analysis {extract,report,bench} --help`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import config
from .files import run_lock, write_csv


def _path(value: str) -> Path:
    """A folder or file named on the command line, relative to the shell's current folder."""
    return Path(value).expanduser().resolve()


def _corpus_and_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=_path, default=str(config.CORPUS_DIR), metavar="DIR", help="folder with the articles and articles.csv (default: %(default)s)")
    parser.add_argument("--cache", type=_path, default=str(config.CACHE_DIR), metavar="DIR", help="per-article cache, keyed by content hash (default: %(default)s)")


def _engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=["local", "dask"], default="local", help="where new articles are analysed: local "
                        "processes, or Dask (dask.distributed; a LocalCluster of --workers processes unless --scheduler is given) "
                        "(default: %(default)s)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                        "(its workers need this package installed, same version); implies --engine dask")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Compare how news outlets cover one story: sourcing, sentiment, framing, claims and reuse.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser("extract", help="load, clean and analyse the corpus; write tidy CSV tables",
                        description="Load every article in the corpus folder (.txt, saved .html), clean and segment it, "
                        "run every analysis, and write tidy UTF-8 CSV tables (articles, sentences, skipped, removed, "
                        "attributions, sentiment, frames, claims, reuse, ...). Unchanged articles come from the cache.")
    _corpus_and_cache(ex)
    ex.add_argument("--out", type=_path, default=str(config.TABLES_DIR), metavar="DIR", help="folder for the CSV tables (default: %(default)s)")
    ex.add_argument("--workers", type=int, default=config.WORKERS, metavar="N", help="processes for new articles (default: %(default)s)")
    _engine(ex)

    rep = sub.add_parser("report", help="extract, execute every notebook, export figures and figures/report.pdf",
                         description="Run extract, execute the notebooks headlessly with the folders below as parameters, "
                         "export every figure as PDF and PNG, tables as CSV and LaTeX, executed notebooks as HTML, and "
                         "assemble report.pdf in notebook order.")
    _corpus_and_cache(rep)
    rep.add_argument("--tables", type=_path, default=str(config.TABLES_DIR), metavar="DIR", help="folder for the CSV tables (default: %(default)s)")
    rep.add_argument("--out", type=_path, default=str(config.FIGURES_DIR), metavar="DIR", help="folder for figures, report.pdf and HTML notebooks (default: %(default)s)")
    rep.add_argument("--by", default="outlet", metavar="COLUMN", help="comparison unit: outlet, or any catalog column such as outlet_type or a group column of your own (default: %(default)s)")
    rep.add_argument("--notebooks", nargs="+", metavar="NAME", help="run only these notebooks, e.g. 01_sourcing (report.pdf then holds what is registered so far)")
    rep.add_argument("--force", action="store_true", help="execute every chosen notebook, also those whose inputs (tables, code, "
                     "codebooks, source, parameters) are unchanged since their last run and which are otherwise kept")

    cat = sub.add_parser("catalog", help="write build/catalog_missing.csv: catalog rows to fill for uncatalogued articles",
                         description="Extract (cached), then write one catalog row per article that has none, ready to fill "
                         "and paste into articles.csv: outlet, date, title and author from a saved page's own metadata "
                         "or the outlet signatures codebook (marked 'likely'), else empty. Catalog problems are listed.")
    _corpus_and_cache(cat)
    cat.add_argument("--out", type=_path, default=str(config.ROOT / "build" / "catalog_missing.csv"), metavar="FILE", help="where to write the rows (default: %(default)s)")

    imp = sub.add_parser("import", help="split database exports and fetch web addresses into the corpus folder, with catalog rows",
                         description="Import articles the way databases and searches deliver them: Nexis Uni / LexisNexis "
                         "exports (.docx, .rtf, .txt) and Factiva exports (.rtf, .txt) are split into one .txt file per "
                         "article; a list of web addresses (.txt one per line, or .csv/.xlsx with a 'url' column, e.g. a "
                         "Media Cloud export) is fetched politely (robots.txt, a delay per host, see analysis/config.py) and "
                         "each page kept in <corpus>/_pages/. Outlet, date, title, author and where each article came from "
                         "go into the catalog. Nothing is overwritten; a second import of the same source adds nothing.")
    imp.add_argument("sources", nargs="+", metavar="FILE_OR_URL", help="export files, address lists, folders of them, or web addresses")
    imp.add_argument("--corpus", type=_path, default=str(config.CORPUS_DIR), metavar="DIR", help="folder to import into (default: %(default)s)")

    val = sub.add_parser("validate", help="out-of-sample validation against the blind coding in analysis/gold/oos/",
                         description="Extract the out-of-sample articles (their texts in DIR as <article_id>.txt; addresses in "
                         "analysis/gold/oos/articles.csv) and compare sourcing, frames and tone with the blind hand coding. "
                         "Use the dev split while improving rules; score a new held-out split once, then open it.")
    val.add_argument("--oos", type=_path, metavar="DIR", help="folder with the out-of-sample texts")
    val.add_argument("--insample", action="store_true", help="instead: the agreement on the hand-coded seeds in seeds/ (with "
                     "--save written to analysis/gold/insample/, shown by the notebooks when a corpus lacks the seeds)")
    val.add_argument("--split", default="dev", metavar="SPLIT", help="which split of analysis/gold/oos/split.csv to score: dev, or test, test2, test3, ... "
                     "(each scored once when held out, since then open for development) (default: %(default)s)")
    val.add_argument("--save", action="store_true", help="write the result into analysis/gold/oos/results.csv")

    cb = sub.add_parser("codebook", help="grow the codebooks: sources the extraction found but the codebook does not know",
                        description="List the sources cited in the corpus that sources.yaml does not know, by frequency, with an "
                        "example sentence and a ready-to-paste YAML stub for analysis/codebooks/sources.yaml.")
    _corpus_and_cache(cb)
    cb.add_argument("--uncoded", action="store_true", required=True, help="list uncoded sources (the only listing so far)")
    cb.add_argument("--out", type=_path, default=str(config.ROOT / "build" / "uncoded_sources.csv"), metavar="FILE", help="table of them (default: %(default)s)")

    clean = sub.add_parser("clean", help="delete the per-article cache (everything is rebuilt on the next run)",
                           description="Delete every cached per-article result. Each run already prunes what the current "
                           "corpus and code no longer need; this removes the rest.")
    clean.add_argument("--cache", type=_path, default=str(config.CACHE_DIR), metavar="DIR", help="the cache folder (default: %(default)s)")

    bench = sub.add_parser("bench", help="time extract on a synthetic corpus of seed-sized articles",
                           description="Build a synthetic corpus from the seed sentences, time a cold extract, words/s, "
                           "and a re-run after one article is added, each in a fresh process: seconds per stage and peak "
                           "memory (VmHWM). Budget: 10 s cold for 1,000 articles, 1 s re-run.")
    bench.add_argument("--articles", type=int, default=1000, metavar="N", help="synthetic articles (default: %(default)s)")
    bench.add_argument("--seeds", type=_path, default=str(config.CORPUS_DIR), metavar="DIR", help="where the seed sentences come from (default: %(default)s)")
    bench.add_argument("--workers", type=int, default=config.WORKERS, metavar="N", help="processes (default: %(default)s)")
    _engine(bench)
    bench.add_argument("--work-dir", type=_path, metavar="DIR", help="keep the synthetic corpus, cache and tables here (default: a temporary folder)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .config import UserError

    try:
        if args.command == "extract":
            from .pipeline import extract

            engine = "dask" if args.scheduler else args.engine
            _, summary = extract(corpus_dir=args.corpus, out_dir=args.out, cache_dir=args.cache, progress=True, workers=args.workers,
                                 engine=engine, scheduler=args.scheduler)
            print(summary)
            print(f"Tables written to {args.out}")
            return 0
        if args.command == "catalog":
            from .catalog import missing_rows
            from .pipeline import extract

            tables, summary = extract(corpus_dir=args.corpus, cache_dir=args.cache, progress=True)
            rows = missing_rows(tables["articles"])
            write_csv(rows, Path(args.out))
            print(summary)
            print(f"{len(rows)} catalog row(s) to fill written to {args.out}" if len(rows) else "Every article has a catalog row.")
            return 0
        if args.command == "import":
            from .importer import import_sources

            summary = import_sources(args.sources, corpus_dir=args.corpus)
            print(summary)
            return 1 if summary.failed and not (summary.added or summary.already) else 0
        if args.command == "codebook":
            from .pipeline import check_outputs, extract
            from .sourcing import uncoded_sources

            check_outputs(args.corpus, {"--out": args.out.parent})
            tables, summary = extract(corpus_dir=args.corpus, cache_dir=args.cache, progress=True)
            table = uncoded_sources(tables["attributions"], tables["sentences"])
            write_csv(table, args.out)
            if table.empty:
                print("Every cited source is in the codebook.")
            for r in table.head(20).itertuples():
                print(f"# {r.source}: {r.mentions} mention(s) in {r.articles} article(s), e.g. {str(r.example)[:100]!r}\n{r.yaml_stub}")
            print(f"{len(table)} uncoded source(s); table with every stub: {args.out}")
            return 0
        if args.command == "validate":
            from .oos import evaluate, save

            if args.insample:
                from datetime import date

                from .agreement import insample_tables, save_insample
                from .pipeline import extract

                tables, _ = extract(corpus_dir=config.CORPUS_DIR, cache_dir=config.CACHE_DIR, progress=True)
                for name, table in insample_tables(tables).items():
                    print(f"{name}\n{table.to_string(index=False)}\n")
                if args.save:
                    saved = save_insample(tables, evaluated=date.today().isoformat())
                    print(f"saved {len(saved)} table(s) to {saved[0].parent if saved else '-'}")
                return 0
            if args.oos is None:
                raise UserError("validate needs --oos DIR (the out-of-sample texts) or --insample")
            if not args.oos.is_dir():
                raise UserError(f"out-of-sample folder not found: {args.oos}")
            results = evaluate(args.oos, split=args.split)
            print(results.drop(columns=["evaluated"]).to_string(index=False))
            if args.save:
                print(f"saved to {save(results)}")
            return 0
        if args.command == "clean":
            from .pipeline import prune_cache

            import shutil

            with run_lock(args.cache):
                n = prune_cache(args.cache / "articles", set())
                shutil.rmtree(args.cache / "corpus", ignore_errors=True)  # corpus-level state (reuse, topics, ...)
            print(f"Deleted {n:,} cached result(s) and the corpus-level state from {args.cache}")
            return 0
        if args.command == "report":
            from .report import report

            paths = config.paths(corpus_dir=args.corpus, tables_dir=args.tables, figures_dir=args.out, cache_dir=args.cache)
            return 1 if report(paths=paths, selected=args.notebooks, by=args.by, force=args.force) else 0
        if args.command == "bench":
            from .bench import bench, bench_hostile, bench_report

            bench(n_articles=args.articles, seeds_dir=args.seeds, workers=args.workers, engine="dask" if args.scheduler else args.engine,
                  scheduler=args.scheduler, work_dir=args.work_dir)
            bench_hostile(seeds_dir=args.seeds)
            bench_report(seeds_dir=args.seeds)
            return 0
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # a folder that cannot be written, a disk that is full: the user's to fix, in one line
        where = f" ({err.filename})" if err.filename else ""
        print(f"error: {err.strerror or err}{where}; check that the folder exists, is writable and has room", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
