"""The version of impactkit and of its plugin API (the lowest layer: everything may import it).

``PLUGIN_API_VERSION`` is ``MAJOR.MINOR`` of what plugins use (``impactkit.plugin``, the hooks,
the contributions): a new minor version only adds (a name, a field with a default, an optional
hook argument), a new major version may remove or change. A plugin states the versions it works
with as ``impactkit_api = ">=1.0"`` in its module; :func:`api_allows` reads such a requirement.
"""

from __future__ import annotations

import re

__version__ = "0.1.0"

PLUGIN_API_VERSION = "1.0"

_CLAUSE = r"^\s*(>=|<=|==|!=|~=|>|<)?\s*(\d+(?:\.\d+)*)\s*$"
"""A clause of a requirement; compiled (and kept by :mod:`re`) when first used, not at ``import impactkit``."""


def _parts(version: str, width: int) -> tuple[int, ...]:
    numbers = [int(part) for part in version.split(".")]
    return tuple(numbers + [0] * (width - len(numbers)))


def api_allows(requirement: str, version: str = PLUGIN_API_VERSION) -> bool:
    """Whether the plugin API ``version`` meets ``requirement``: clauses joined by commas, each an
    operator (``>=``, ``>``, ``<=``, ``<``, ``==``, ``!=``, ``~=``) and a version; a version alone,
    like ``~=``, means that version or a later one of the same major version (``"1.2"``: at least
    1.2, below 2). Raises ``ValueError`` for a requirement it cannot read."""
    clauses = str(requirement).split(",")
    if not any(clause.strip() for clause in clauses):
        raise ValueError("an empty requirement")
    for clause in clauses:
        found = re.match(_CLAUSE, clause)
        if found is None:
            raise ValueError(f"{clause.strip()!r} is not a version requirement")
        operator, wanted = found.group(1) or "~=", found.group(2)
        width = max(len(wanted.split(".")), len(version.split(".")))
        have, need = _parts(version, width), _parts(wanted, width)
        allowed = {
            ">=": have >= need,
            ">": have > need,
            "<=": have <= need,
            "<": have < need,
            "==": have == need,
            "!=": have != need,
            "~=": have >= need and have[0] == need[0],
        }[operator]
        if not allowed:
            return False
    return True
