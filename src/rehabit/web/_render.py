"""Rendering pages: the Jinja2 environment (with gettext installed) and the page/JSON helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel

from rehabit import __version__
from rehabit.web._i18n import translations

TEMPLATES_DIR = Path(__file__).with_name("templates")
HTMX_FILE = "vendor/htmx-2.0.11.min.js"

NAVIGATION = (
    ("today", "/"),
    ("plan", "/plan"),
    ("history", "/history"),
    ("programs", "/programs"),
    ("import", "/import"),
)


def make_templates(locale: str) -> Jinja2Templates:
    """Templates with the i18n extension installed, autoescaping on, for one locale."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "xml", "svg"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.install_gettext_translations(translations(locale), newstyle=True)  # type: ignore[attr-defined]
    environment.globals["version"] = __version__
    environment.globals["htmx_file"] = HTMX_FILE
    environment.globals["locale"] = locale
    return Jinja2Templates(env=environment)


def page(
    request: Request, template: str, view: BaseModel | None = None, status_code: int = 200, **extra: Any
) -> HTMLResponse:
    """Render `template` with the view model (the same object the JSON face returns) as `view`."""
    templates: Jinja2Templates = request.app.state.templates
    context: dict[str, Any] = {"view": view, "active": extra.pop("active", ""), **extra}
    return templates.TemplateResponse(request, template, context, status_code=status_code)
