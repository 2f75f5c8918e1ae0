"""Imported once by the reader's worker server (rehabit.reader.limits): loads the extraction modules
and fills their first-use caches (trafilatura's settings and word lists) so that each worker forked
from it starts ready."""

from __future__ import annotations

from rehabit.reader.pdf import from_pdf
from rehabit.reader.source import extract, warm_up

__all__ = ["extract", "from_pdf"]

warm_up("html")
warm_up("md")
