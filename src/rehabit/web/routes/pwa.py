"""What makes the app installable and usable offline: the manifest and the service worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from rehabit import __version__

router = APIRouter(include_in_schema=False)

STATIC_DIR = Path(__file__).parent.parent / "static"


@router.get("/manifest.webmanifest")
def manifest(request: Request) -> Response:
    gettext: Callable[[str], str] = request.app.state.gettext
    document = {
        "name": "rehabit",
        "short_name": "rehabit",
        "description": gettext("Follow your back and glute exercise program, one guided session at a time."),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f6f8f7",
        "theme_color": "#2f6f5e",
        "icons": [
            {"src": "/static/icons/icon.svg", "sizes": "any", "type": "image/svg+xml"},
            {"src": "/static/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "/static/icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
            {
                "src": "/static/icons/icon-maskable-512.png",
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JSONResponse(document, media_type="application/manifest+json")


@router.get("/sw.js")
def service_worker() -> Response:
    """The service worker, served from the root so its scope is the whole app."""
    script = (STATIC_DIR / "sw.js").read_text(encoding="utf-8").replace("__VERSION__", __version__)
    return Response(
        script, media_type="text/javascript", headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"}
    )
