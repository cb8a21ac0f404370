"""The command line in Dutch and English: help pages, click's own words and usage errors."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import click
import pytest

from impactkit.cli import help_language
from impactkit.cli.click_nl import MESSAGES, MO_FILE, compile_mo, shipped
from tests.helpers import run_impactkit


def test_lang_before_the_command_sets_the_help_language():
    assert help_language(["--lang", "nl", "run", "--help"]) == "nl"
    assert help_language(["--debug", "--lang=en", "run"]) == "en"
    assert help_language(["run", "--lang", "nl"]) is None  # after the command it is not the global option
    assert help_language(["--lang"]) is None


def test_dutch_help_is_dutch_throughout():
    out = run_impactkit("--lang", "nl", "--help").stdout
    assert out.startswith("Gebruik: impactkit [OPTIES] COMMANDO [ARGUMENTEN]...")
    assert "Opties:" in out and "Commando's:" in out and "Toon deze hulp en stop." in out
    assert "maatschappelijke impact" in out and "Usage:" not in out and "Show this message" not in out
    sub = run_impactkit("--lang", "nl", "run", "--help").stdout
    assert "Analyseer een studie" in sub and "Gebruik: impactkit run" in sub


def test_usage_errors_follow_the_language_and_exit_2():
    dutch = run_impactkit("--lang", "nl", "rnu")
    assert dutch.returncode == 2
    assert "Fout: Onbekend commando 'rnu'. Bedoel je 'run'?" in dutch.stderr
    assert dutch.stderr.startswith("Gebruik: impactkit [OPTIES] COMMANDO [ARGUMENTEN]...")  # the usage line too
    lazy = run_impactkit("--lang", "nl", "impor")  # a command whose module is imported when asked for
    assert lazy.returncode == 2 and "Onbekend commando 'impor'. Bedoel je 'import'?" in lazy.stderr
    both = run_impactkit("--lang", "en", "repot")
    assert "No such command 'repot'. (Did you mean one of: 'export', 'report'?)" in both.stderr
    via_locale = run_impactkit("diagram", "x", "--format", "foo", env={"LANG": "nl_NL.UTF-8"})
    assert via_locale.returncode == 2 and "Ongeldige waarde voor" in via_locale.stderr
    english = run_impactkit("--lang", "en", "rnu", env={"LANG": "nl_NL.UTF-8", "LANGUAGE": "nl"})
    assert english.returncode == 2 and "Error: No such command 'rnu'." in english.stderr


def test_the_shipped_catalogue_is_the_compiled_messages(tmp_path):
    assert shipped() == MESSAGES, "run: python -m impactkit.cli.click_nl"
    header = gettext.GNUTranslations(io.BytesIO(compile_mo())).info()  # fixed dates, not today's: the same bytes
    assert header["pot-creation-date"] == header["po-revision-date"] == "2025-01-01 00:00+0000"
    (tmp_path / "fresh.mo").write_bytes(compile_mo())
    assert shipped(tmp_path / "fresh.mo") == MESSAGES
    with open(MO_FILE, "rb") as handle:
        dutch = gettext.GNUTranslations(handle)
    one, other = "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"
    assert dutch.ngettext(one, other, 1) == "Onverwacht extra argument ({args})"
    assert dutch.ngettext(one, other, 2) == "Onverwachte extra argumenten ({args})"  # Dutch plural rule, n != 1
    assert dutch.gettext("Usage:") == "Gebruik:"


@pytest.mark.parametrize("message", sorted(k if isinstance(k, str) else k[0] for k in MESSAGES))
def test_every_translated_message_is_still_one_of_clicks(message):
    source = "".join(p.read_text(encoding="utf-8") for p in Path(click.__file__).parent.glob("*.py"))
    assert f'"{message}"' in source, f"click no longer says {message!r}; update impactkit/cli/click_nl.py"
