"""Comparative media analysis of German online news coverage.

Data flows one way: files -> corpus (load, clean, segment) -> one module per analysis ->
tidy tables (`python -m analysis extract`) -> notebooks -> figures (`python -m analysis report`).
"""

__version__ = "0.1.0"
