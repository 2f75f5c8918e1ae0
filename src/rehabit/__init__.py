"""rehabit: an exercise program for lower back and glute pain, made followable."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # the installed version, looked up when first asked for: reading package metadata slows every start
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("rehabit")
        except PackageNotFoundError:  # running from a source tree that was never installed
            found = "0.0.0"
        globals()["__version__"] = found
        return found
    raise AttributeError(f"module 'rehabit' has no attribute {name!r}")
