"""Every figure of the suite: one `textplot_<figure>(table, *, book, ...)` per exported figure.

Modules follow the notebooks (corpus, sourcing, sentiment, framing, claims); all of them draw with the
primitives in `base` and save through the one figure helper (`analysis.figures.FigureBook`).
"""
