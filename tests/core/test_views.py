"""``impactkit diagram --view``: a view by its full id or its short name, views listed by full id,
and a plugin whose DOT the renderer refuses named as the one at fault (exit 1, as any plugin failure)."""

from __future__ import annotations

import pytest

from impactkit.core import plugins as plugin_module
from impactkit.core.contributions import Visualisation
from impactkit.core.i18n import Text
from tests.core.test_plugins import plugin

BROKEN_DOT = "digraph { a -> ; }"  # a syntax error for every Graphviz


def view(plugin_name: str, name: str, dot: str = "digraph { a -> b; }") -> Visualisation:
    return Visualisation(
        id=f"{plugin_name}.{name}", kind="diagram", title=Text(en=name, nl=name), dot=lambda ctx, lang: dot
    )


@pytest.fixture
def views(monkeypatch):
    """Every manager the CLI makes has ``core`` and the plugins ``first`` and ``second``: each has
    a view ``selection``; ``first`` also a view ``broken`` whose DOT is not DOT."""
    real = plugin_module.make_manager

    def manager(load=None):
        made = real(load=["core"])
        made.register(
            plugin(impactkit_visualisations=lambda: [view("first", "selection"), view("first", "broken", BROKEN_DOT)]),
            "first",
        )
        made.register(plugin(impactkit_visualisations=lambda: [view("second", "selection")]), "second")
        return made

    monkeypatch.setattr(plugin_module, "make_manager", manager)


def test_invalid_dot_of_a_plugin_names_the_plugin_and_exits_as_a_plugin_failure(cli, write_study, tmp_path, views):
    target = tmp_path / "broken.svg"
    result = cli("diagram", write_study(), "--view", "first.broken", "-o", target)
    assert result.exit_code == 1, result.output  # was 2, naming only graphviz
    assert "plugin 'first' failed in first.broken (svg)" in result.output
    assert "[core.plugin-error]" in result.output and not target.exists()
    dutch = cli("--lang", "nl", "diagram", write_study(), "--view", "broken", "-f", "png", "-o", tmp_path / "b.png")
    assert dutch.exit_code == 1 and "plug-in 'first' faalde in first.broken (png)" in dutch.output
    as_text = cli("diagram", write_study(), "--view", "broken", "-f", "dot")  # DOT itself is not rendered
    assert as_text.exit_code == 0 and as_text.output == BROKEN_DOT


def test_a_missing_renderer_is_still_a_usage_error_not_the_plugins(cli, write_study, monkeypatch, views):
    monkeypatch.setenv("IMPACTKIT_RENDERER", "dot")
    monkeypatch.setenv("PATH", "/nonexistent")
    result = cli("diagram", write_study(), "--view", "first.selection", "-f", "svg")
    assert result.exit_code == 2 and "no Graphviz renderer found" in result.output
    assert "plugin 'first'" not in result.output


def test_views_are_listed_by_full_id(cli, write_study, views):
    unknown = cli("diagram", write_study(), "--view", "nonsense")
    assert unknown.exit_code == 2
    assert "choose from: core.toc, first.broken, first.selection or second.selection" in unknown.output
    ambiguous = cli("--lang", "nl", "diagram", write_study(), "--view", "selection")
    assert ambiguous.exit_code == 2  # was 'choose from: ... selection, selection'
    assert "dubbelzinnige weergave 'selection'; kies uit: first.selection of second.selection" in ambiguous.output


def test_a_view_by_its_full_id_or_its_short_name_when_only_one_plugin_has_it(cli, write_study, views):
    full = cli("diagram", write_study(), "--view", "second.selection", "-f", "dot")
    assert full.exit_code == 0 and full.output == "digraph { a -> b; }"
    short = cli("diagram", write_study(), "--view", "toc", "-f", "dot")
    assert short.exit_code == 0 and short.output.startswith("digraph")
