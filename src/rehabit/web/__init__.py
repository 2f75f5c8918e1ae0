"""The web app: one FastAPI app factory, pages (Jinja2 + htmx) and a JSON API under /api.

The web app is a thin face on the library, like the CLI: routes parse a request, call one library
function and render its result as a page or as JSON. No business rule lives here.
"""

from __future__ import annotations

from rehabit.web.app import create_app
from rehabit.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
