"""Command line: `python -m analysis {extract,report,bench} --help`."""

from __future__ import annotations

import argparse
import sys

from . import config


def _corpus_and_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", default=str(config.CORPUS_DIR), metavar="DIR", help="folder with the articles and articles.csv (default: %(default)s)")
    parser.add_argument("--cache", default=str(config.CACHE_DIR), metavar="DIR", help="per-article cache, keyed by content hash (default: %(default)s)")


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
    ex.add_argument("--out", default=str(config.TABLES_DIR), metavar="DIR", help="folder for the CSV tables (default: %(default)s)")
    ex.add_argument("--workers", type=int, default=config.WORKERS, metavar="N", help="processes for new articles (default: %(default)s)")

    rep = sub.add_parser("report", help="extract, execute every notebook, export figures and figures/report.pdf",
                         description="Run extract, execute the notebooks headlessly with the folders below as parameters, "
                         "export every figure as PDF and PNG, tables as CSV and LaTeX, executed notebooks as HTML, and "
                         "assemble report.pdf in notebook order.")
    _corpus_and_cache(rep)
    rep.add_argument("--tables", default=str(config.TABLES_DIR), metavar="DIR", help="folder for the CSV tables (default: %(default)s)")
    rep.add_argument("--out", default=str(config.FIGURES_DIR), metavar="DIR", help="folder for figures, report.pdf and HTML notebooks (default: %(default)s)")
    rep.add_argument("--notebooks", nargs="+", metavar="NAME", help="run only these notebooks, e.g. 01_sourcing (report.pdf then holds what is registered so far)")

    bench = sub.add_parser("bench", help="time extract on a synthetic corpus of seed-sized articles",
                           description="Build a synthetic corpus from the seed sentences, time a cold extract, words/s, "
                           "and a re-run after one article is added. Budget: 60 s cold for 1,000 articles, 5 s re-run.")
    bench.add_argument("--articles", type=int, default=1000, metavar="N", help="synthetic articles (default: %(default)s)")
    bench.add_argument("--seeds", default=str(config.CORPUS_DIR), metavar="DIR", help="where the seed sentences come from (default: %(default)s)")
    bench.add_argument("--workers", type=int, default=config.WORKERS, metavar="N", help="processes (default: %(default)s)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .pipeline import UserError

    try:
        if args.command == "extract":
            from .pipeline import extract

            _, summary = extract(corpus_dir=args.corpus, out_dir=args.out, cache_dir=args.cache, progress=True, workers=args.workers)
            print(summary)
            print(f"Tables written to {args.out}")
            return 0
        if args.command == "report":
            from .report import report

            paths = config.paths(corpus_dir=args.corpus, tables_dir=args.tables, figures_dir=args.out, cache_dir=args.cache)
            return 1 if report(paths=paths, selected=args.notebooks) else 0
        if args.command == "bench":
            from .bench import bench

            bench(n_articles=args.articles, seeds_dir=args.seeds, workers=args.workers)
            return 0
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
