"""Fixtures of the IDG plugin tests: a manager with only the core and IDG plugins."""

from __future__ import annotations

import pytest

from impactkit.core.plugins import make_manager


@pytest.fixture
def idg_plugins():
    return make_manager(load=["core", "idg"])
