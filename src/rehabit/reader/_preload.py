"""Imported once by the reader's worker server (rehabit.reader.limits): loads the extraction modules
and fills their first-use caches (trafilatura's settings and word lists) so that each worker forked
from it starts ready."""

from __future__ import annotations

from rehabit.reader.extract import from_html, from_markdown
from rehabit.reader.pdf import from_pdf
from rehabit.reader.source import extract

__all__ = ["extract", "from_pdf"]

from_html("<html><head><title>Warm up</title></head><body><h1>Warm up</h1><p>Lie on your back.</p></body></html>")
from_markdown("# Warm up\n\n- Lie on your back.\n")
