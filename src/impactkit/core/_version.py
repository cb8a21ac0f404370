"""The version of impactkit (the lowest layer: everything may import it)."""

__version__ = "0.1.0"
