"""The ``impactkit`` command line: a thin layer over the Python API."""

from .main import cli, main

__all__ = ["cli", "main"]
