"""``impactkit new-plugin NAME``: a new method plugin as a package of its own (see core/newplugin.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from impactkit.core.i18n import Text, catalog, fill

from .common import PathValue, argument, cli_lang, command, guarded, option

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

MESSAGES = catalog(
    [
        (
            "made",
            "Made the plugin '{name}' in {dir} ({n} files). Next, in that folder:\n"
            "  pip install -e .      # install it next to impactkit\n"
            "  pytest                # its tests pass as they are\n"
            "  impactkit plugins     # it is listed as '{name}'\n"
            "Then make it your method: docs/plugins.md and docs/tutorial-plugin.md tell how.",
            "Plug-in '{name}' gemaakt in {dir} ({n} bestanden). Volgende stappen, in die map:\n"
            "  pip install -e .      # installeer hem naast impactkit\n"
            "  pytest                # zijn tests slagen zoals ze zijn\n"
            "  impactkit plugins     # hij staat erin als '{name}'\n"
            "Maak er dan je eigen methode van: docs/plugins.md en docs/tutorial-plugin.md vertellen hoe.",
        ),
    ]
)


@command(
    name="new-plugin",
    help=Text(
        en="Make a new method plugin NAME: an installable package (pyproject with the entry point, one of each "
        "contribution, tests on impactkit.testing, a README) that works and passes its tests at once.",
        nl="Maak een nieuwe methode-plug-in NAAM: een installeerbaar pakket (pyproject met het entry point, van elke "
        "bijdrage één, tests met impactkit.testing, een README) dat meteen werkt en zijn tests haalt.",
    ),
)
@argument("name", metavar=Text(en="NAME", nl="NAAM"))
@option(
    "-o",
    "--output",
    type=PathValue(),
    default=None,
    metavar=Text(en="DIR", nl="MAP"),
    help=Text(
        en="The folder to make it in (default: impactkit-NAME); it must not exist or be empty.",
        nl="De map waarin hij komt (standaard: impactkit-NAAM); die mag niet bestaan of moet leeg zijn.",
    ),
)
@option(
    "--force",
    is_flag=True,
    help=Text(
        en="Write into a folder that is not empty (the plugin's files are replaced, other files stay).",
        nl="Schrijf in een map die niet leeg is (de bestanden van de plug-in worden vervangen, andere blijven).",
    ),
)
@click.pass_context
@guarded
def new_plugin_command(ctx: click.Context, name: str, output: Path | None, force: bool) -> None:
    from pathlib import Path

    from impactkit.core.newplugin import names, new_plugin

    written = new_plugin(name, output, force=force)
    folder = output if output is not None else Path(names(name).dist)
    click.echo(fill(MESSAGES["made"], name=name, dir=folder, n=len(written)).get(cli_lang(ctx)))
