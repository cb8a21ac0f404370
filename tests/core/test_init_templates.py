"""``impactkit init`` and the templates plugins give: a template a new study cannot use (not YAML on
its own, not a mapping, refused by its own model) is the plugin's failure at ``init`` — exit 1,
the plugin named, nothing written — instead of a study that ``validate`` then refuses; a template
indented as a whole is taken as if it were not; ``init DIR --lang nl`` works as ``--lang nl init
DIR`` does, and the Dutch study names the IDG dimensions in Dutch."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict

from impactkit.core import plugins as plugin_module
from impactkit.core.contributions import StudySection
from impactkit.core.i18n import Text
from impactkit.testing import check_template
from tests.core.test_plugins import plugin


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    group: str = "residents"
    min_changes: int = 1


def templated(text: str):
    """A plugin module whose section ``tpl`` has ``text`` as its template in both languages."""
    return plugin(
        impactkit_study_sections=lambda: [
            StudySection(id="tpl", model=Settings, title=Text(en="T", nl="T"), template=Text(en=text, nl=text))
        ]
    )


@pytest.fixture
def with_template(monkeypatch):
    """``with_template(text)``: every manager the CLI makes has ``core`` and the plugin ``tpl``."""

    def install(text: str) -> None:
        real = plugin_module.make_manager

        def manager(load=None):
            made = real(load=["core"])
            made.register(templated(text), "tpl")
            return made

        monkeypatch.setattr(plugin_module, "make_manager", manager)

    return install


INDENTED_BADLY = "group: residents   # the first line flush left\n    min_changes: 2\n"


@pytest.mark.parametrize(
    ("template", "said"),
    [
        (
            INDENTED_BADLY,
            "plugin 'tpl' gives a template for methods.tpl (en) that is not YAML on its own, at its line 2",
        ),
        ("group: [residents\n", "plugin 'tpl' gives a template for methods.tpl (en) that is not YAML on its own"),
        ("- residents\n- students\n", "plugin 'tpl' gives a template for methods.tpl (en) that is a list, not keys"),
        ("groep: residents\n", "plugin 'tpl' gives a template for methods.tpl (en) that its own section refuses"),
        ("min_changes: many\n", "its own section refuses: invalid Settings: min_changes"),
    ],
)
def test_a_template_a_new_study_cannot_use_is_the_plugins_failure_at_init(cli, tmp_path, with_template, template, said):
    with_template(template)
    folder = tmp_path / "new"
    result = cli("init", folder, "--method", "tpl")
    assert result.exit_code == 1, result.output  # was 0, and `validate` then exited 2
    assert said in result.output and "[core.plugin-error]" in result.output
    assert f"nothing was written to {folder}" in result.output
    assert not folder.exists()


def test_the_refusal_speaks_dutch(cli, tmp_path, with_template):
    with_template(INDENTED_BADLY)
    result = cli("init", tmp_path / "nieuw", "--lang", "nl", "--method", "tpl")
    assert result.exit_code == 1
    assert (
        "plug-in 'tpl' geeft een sjabloon voor methods.tpl (nl) dat op zich geen YAML is, op regel 2" in result.output
    )
    assert "er is niets geschreven naar" in result.output


def test_a_template_indented_as_a_whole_is_taken_as_if_it_were_not(cli, tmp_path, with_template):
    with_template("\n    group: residents   # who counts\n    min_changes: 2\n")
    folder = tmp_path / "new"
    made = cli("init", folder, "--method", "tpl")
    assert made.exit_code == 0, made.output
    text = (folder / "study.yaml").read_text(encoding="utf-8")
    assert "  tpl:\n    group: residents   # who counts\n    min_changes: 2\n" in text
    assert cli("validate", folder).exit_code == 0


def test_check_template_says_what_init_would_say():
    with pytest.raises(AssertionError) as caught:
        check_template(templated(INDENTED_BADLY), name="tpl")
    assert "the en template of methods.tpl" in str(caught.value)
    assert "is not YAML on its own, at its line 2" in str(caught.value)


def test_init_takes_lang_after_the_command_as_before_it(cli, tmp_path):
    after = cli("init", tmp_path / "after", "--lang", "nl", plugins="core,idg")
    before = cli("--lang", "nl", "init", tmp_path / "before", plugins="core,idg")
    assert after.exit_code == 0 and before.exit_code == 0, after.output + before.output
    assert "aangemaakt" in after.output
    texts = [(tmp_path / name / "study.yaml").read_text(encoding="utf-8") for name in ("after", "before")]
    assert texts[0].replace(str(tmp_path / "after"), "X").replace("id: after", "id: X").replace(
        'title: "after"', 'title: "X"'
    ) == texts[1].replace(str(tmp_path / "before"), "X").replace("id: before", "id: X").replace(
        'title: "before"', 'title: "X"'
    )
    assert "language: nl" in texts[0]
    assert (tmp_path / "after" / "changes.csv").read_text(encoding="utf-8").startswith("persoon,rol,")


def test_the_dutch_study_names_the_idg_dimensions_in_dutch(cli, tmp_path):
    for lang in ("nl", "en"):
        assert cli("init", tmp_path / lang, "--lang", lang, plugins="core,idg").exit_code == 0
    dutch = (tmp_path / "nl" / "study.yaml").read_text(encoding="utf-8")
    english = (tmp_path / "en" / "study.yaml").read_text(encoding="utf-8")
    assert "[Verbinden, Samenwerken]" in dutch and "(Zijn ... Handelen)" in dutch
    assert "[Relating, Collaborating]" in english
    for word in ("Being", "Thinking", "Relating", "Collaborating", "Acting"):
        assert word not in dutch
    assert (tmp_path / "nl" / "changes.csv").read_text(encoding="utf-8").splitlines()[1].endswith(",Denken")
    assert cli("validate", tmp_path / "nl", plugins="core,idg").exit_code == 0
