"""Exercise illustrations for pages, from `rehabit.illustrate` when it is installed in this build.

The figures are served as SVG files (`<img src>`), so pages stay free of inline styles and the
service worker can cache them like any other asset.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from html import escape
from typing import Any

from rehabit.model import Exercise

Renderer = Callable[[Exercise], str]


def _renderer(name: str) -> Renderer | None:
    try:
        module: Any = importlib.import_module("rehabit.illustrate")
    except ImportError:
        return None
    function = getattr(module, name, None)
    return function if callable(function) else None


def illustration_svg(exercise: Exercise, animated: bool) -> str:
    """The exercise drawn as SVG: animated or still, or a labelled placeholder when no figure exists."""
    render = _renderer("render_animated_svg" if animated else "render_static_svg")
    if render is None and animated:
        render = _renderer("render_static_svg")
    if render is not None:
        return render(exercise)
    return _placeholder(exercise)


def _placeholder(exercise: Exercise) -> str:
    name = escape(exercise.name)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200" role="img" '
        f'aria-label="{name}"><title>{name}</title>'
        '<rect x="1" y="1" width="318" height="198" rx="16" fill="#eef3f1" stroke="#9bb5ac"/>'
        '<circle cx="160" cy="70" r="18" fill="none" stroke="#3d6b5e" stroke-width="6"/>'
        '<path d="M160 90 v50 M160 105 l-35 20 M160 105 l35 20 M160 140 l-25 40 M160 140 l25 40" '
        'stroke="#3d6b5e" stroke-width="6" stroke-linecap="round" fill="none"/></svg>'
    )
