"""Looking up the plugin's own user-facing strings: ``{key: {"en": ..., "nl": ...}}`` tables."""

from __future__ import annotations


def pick(table: dict[str, dict[str, str]], key: str, lang: str, **params: object) -> str:
    """``table[key]`` in ``lang`` (Dutch or English), with ``params`` filled in."""
    text = table[key]["nl" if lang == "nl" else "en"]
    return text.format(**params) if params else text
