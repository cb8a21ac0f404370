"""A file a plugin reads for a study (an SROI impact map through ``ctx.read_rows`` / ``ctx.read_table``)
lies inside the study folder, as the changes file does: outside it is refused naming the file,
unless ``impactkit --allow-outside`` says so."""

from __future__ import annotations

import json

from tests.sroi.conftest import CHECK_STUDY

MAP = (
    "stakeholder,outcome,quantity,duration,proxy_value,deadweight,displacement,attribution,drop_off\n"
    "students,confidence,30,3,1000,25%,10%,20%,10%\n"
)


def study_reading(tmp_path, where: str):
    folder = tmp_path / "study"
    folder.mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "map.csv").write_text(MAP, encoding="utf-8")
    (folder / "map.csv").write_text(MAP, encoding="utf-8")
    text = CHECK_STUDY.split("    outcomes:")[0] + f"    impact_map: {where}\n"
    (folder / "study.yaml").write_text(text, encoding="utf-8")
    return folder


def test_an_impact_map_outside_the_study_is_refused_unless_allowed(tmp_path, cli):
    folder = study_reading(tmp_path, "../outside/map.csv")
    refused = cli("run", folder, "--json", plugins="core,sroi")
    assert refused.exit_code == 1, refused.output
    data = json.loads(refused.stdout)
    assert "sroi.present_value" not in data["metrics"] or data["metrics"]["sroi.present_value"] is None
    messages = " ".join(f["message"] for f in data["findings"])
    assert "../outside/map.csv" in messages and "--allow-outside" in messages
    allowed = cli("--allow-outside", "run", folder, "--json", plugins="core,sroi")
    assert allowed.exit_code == 0, allowed.output
    assert round(json.loads(allowed.stdout)["metrics"]["sroi.present_value"], 2) == 41_098.05


def test_an_impact_map_inside_the_study_is_read(tmp_path, cli):
    folder = study_reading(tmp_path, "map.csv")
    out = cli("run", folder, "--json", plugins="core,sroi")
    assert out.exit_code == 0, out.output
    assert round(json.loads(out.stdout)["metrics"]["sroi.present_value"], 2) == 41_098.05
