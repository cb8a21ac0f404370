"""Fixtures of the SDG plugin tests: a manager with only the core and SDG plugins."""

from __future__ import annotations

import pytest

from impactkit.core.plugins import make_manager


@pytest.fixture
def sdg_plugins():
    return make_manager(load=["core", "sdg"])
