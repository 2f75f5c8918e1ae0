"""rehabit: an exercise program for lower back and glute pain, made followable."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rehabit")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
