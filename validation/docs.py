"""Where Great Expectations keeps its Data Docs, shared by the suites and the report.

Kept apart from ``validation.gx`` so that the report links the docs without importing GX.
"""

DOCS_INDEX = "gx/uncommitted/data_docs/local_site/index.html"
"""The Data Docs index of a file context under a folder, relative to that folder."""
