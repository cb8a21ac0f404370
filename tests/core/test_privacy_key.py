"""After an import the study holds pseudonyms, not names — but a name may still stand in the text
of a change or a quote ("Mooi dat Jan de Vries ..."). The key of the pseudonyms the import wrote
(.impactkit/pseudonyms.csv) is read by the privacy rules, so no output shows those names either."""

from __future__ import annotations

import re

from tests.core.test_import_shapes import FORMS_HEADER, forms_rows, workbook, world  # noqa: F401
from tests.helpers import files_under


def test_names_behind_imported_pseudonyms_are_taken_out_of_every_output_text(cli, world):
    rows = forms_rows()
    for row in rows:
        row[7] = f"Samen met {rows[0][4]} leerde ik plannen maken"  # someone else's name in the text
        row[8] = f"Dank aan {rows[1][4]}!"
        row[10] = "Ja"
    study = world / "studie" / "study.yaml"
    study.write_text(study.read_text(encoding="utf-8") + "methods:\n  idg: {}\n", encoding="utf-8")
    export = workbook(world / "forms.xlsx", {"Form1": [FORMS_HEADER, *rows]})
    imported = cli(
        "import",
        "changes",
        export,
        "--study",
        world / "studie",
        "--force",
        "--map",
        "auto",
        "--map-value",
        "auto",
        plugins="core,idg",
    )
    assert imported.exit_code == 0, imported.output
    key = (world / "studie" / ".impactkit" / "pseudonyms.csv").read_text(encoding="utf-8-sig")
    assert rows[0][4] in key
    out = world / "out"
    ran = cli("run", world / "studie", "-o", out)
    assert ran.exit_code in (0, 1), ran.output
    names = {row[4] for row in rows}
    texts = {name: data.decode("utf-8", "replace") for name, data in files_under(out).items()}
    assert any(re.search(r"Dank aan R\d{3}!", text) for text in texts.values()), "the quote is shown, renamed"
    for name, text in texts.items():
        assert not [n for n in names if n in text], name
