"""One idiom for text and numbers (issue 8 §4): the built-in plugins, the core and the command line
write figures only through the formatters (``impactkit.plugin``'s, :mod:`impactkit.core.numbers`)
and messages only as ``Text``, ``catalog``/``fill``, ``listed`` and ``plural``. This test reads
their source (AST, not regular expressions over code) so that the hand-written variants do not
come back:

* a figure formatted by hand in an f-string (``{x:.1f}``, ``{x:.0%}``, ``{x:,}``) or with ``%``
  (``"%.2f" % x``), a percent sign glued to a value (``f"{round(x * 100)}%"``), or a decimal comma
  made by ``.replace(".", ",")`` (or by a replacement held in a name);
* "n/a" or "n.v.t." for a missing figure (the formatters write ``–``), and a hand-made list that
  falls back to a dash (``", ".join(x) or "-"``);
* plurals patched in a message (``change(s)``, ``verandering(en)``);
* single-letter module globals (``L``, ``T``, ``_T``, ``M``, ``W``) as message tables.

Format specs that are not about figures stay allowed: ``{x!r}``, widths and alignment of text
(``{name:<20}``), and a precision after a conversion, which shortens the text the conversion
made (``{value!r:.80}``: at most 80 characters of the repr; a number format would fail on a
text). So do a single-letter type variable (``T = TypeVar("T")``), which is no message table,
and a ``.replace(".", "")`` that drops the dots of a written number. A line that must write a
figure by hand is named in :data:`EXEMPT_LINES`, with the reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "impactkit"
CHECKED = [
    *sorted((SRC / "plugins" / "idg").rglob("*.py")),
    *sorted((SRC / "plugins" / "sdg").rglob("*.py")),
    *sorted((SRC / "plugins" / "value_chain").rglob("*.py")),
    *sorted((SRC / "plugins" / "core").rglob("*.py")),
    *sorted((SRC / "plugins" / "sroi").rglob("*.py")),
    *sorted((SRC / "core").rglob("*.py")),
    *sorted((SRC / "cli").rglob("*.py")),
]
"""The modules held to the one idiom: every built-in plugin, the core and the command line."""
EXEMPT = {
    SRC / "plugins" / "sroi" / "parse.py": "it reads numbers as people type them (a decimal comma, a percent "
    "sign) and writes back the form to type in study.yaml, which YAML reads: not text for a reader",
    SRC / "plugins" / "sroi" / "model.py": "its one glued percent is the form to type in study.yaml ('25%'), "
    "which the SROI reader accepts in either language",
    SRC / "plugins" / "sdg" / "benchmark.py": "it writes the benchmark table of docs/plugins/sdg.md in the fixed "
    "format of the published tools it is compared with, not for a reader in a language",
}
EXEMPT_LINES = {
    SRC / "core" / "failures.py": {
        "{seconds:.3f} s": "the --debug timing line on stderr: seconds for a developer, as a profiler writes "
        "them (0.012 s), in one form whatever the reader's language",
    },
    SRC / "core" / "load.py": {
        "{float(written):g}": "the message about an ambiguous number in study.yaml ('1.500': 1500 or 1.5?) names "
        "both readings as YAML writes them, with a decimal point in either language (the Dutch text says so): "
        "in a Dutch number format the reading 1500 would be '1.500' again, the very ambiguity it explains",
    },
}
"""Lines that write a figure by hand on purpose: module → a text on the flagged line → why."""

FIGURE_SPEC = re.compile(r"[,_]|\.\d|[eEfFgG%n]$")
"""A format spec that writes a number: grouping, a precision, or a float/percent type."""
MISSING = re.compile(r"(?<![\w/])(n/a|n\.v\.t\.?)(?![\w/])", re.IGNORECASE)
PATCHED_PLURAL = re.compile(r"[a-z]\((s|en|n|'s)\)")
SINGLE_LETTER = re.compile(r"^_?[A-Za-z]$")
TYPE_VARIABLES = frozenset({"TypeVar", "ParamSpec", "TypeVarTuple"})


def _spec_text(spec: ast.JoinedStr) -> str:
    return "".join(v.value for v in spec.values if isinstance(v, ast.Constant) and isinstance(v.value, str))


def _strings(node: ast.AST) -> list[str]:
    """The literal text of a string constant or of an f-string's constant parts."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    return []


def _type_variable(value: ast.AST | None) -> bool:
    """Whether ``value`` is ``TypeVar(...)`` (or ``typing.TypeVar(...)``, a ``ParamSpec``): a type
    variable, which is conventionally one letter and no message table."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name in TYPE_VARIABLES


def _joined(node: ast.AST) -> bool:
    """Whether ``node`` is ``"<separator>".join(...)``: a list made by hand."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "join"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    )


def problems(source: str) -> list[str]:
    """What in ``source`` breaks the idiom, one line each (``LINE: what``)."""
    tree = ast.parse(source)
    docstrings = {
        id(body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and (body := node.body)
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.JoinedStr):
            for i, part in enumerate(node.values):
                if isinstance(part, ast.FormattedValue) and part.format_spec is not None:
                    spec = _spec_text(part.format_spec)
                    if part.conversion == -1 and FIGURE_SPEC.search(spec):  # !r/!s/!a: a text
                        found.append(f"{line}: a figure formatted by hand ('{{...:{spec}}}')")
                nxt = node.values[i + 1] if i + 1 < len(node.values) else None
                if (
                    isinstance(part, ast.FormattedValue)
                    and isinstance(nxt, ast.Constant)
                    and str(nxt.value).startswith("%")
                ):
                    found.append(f"{line}: a percent sign glued to a value")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            if isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                found.append(f"{line}: %-formatting")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "replace":
            args = node.args[:2]
            old, new = [a.value if isinstance(a, ast.Constant) else None for a in args] + [None] * (2 - len(args))
            if old == "." and len(args) == 2 and (new is None or "," in str(new)):  # a comma, or a name for one
                found.append(f"{line}: a decimal comma made by replace('.', ...)")
        elif isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and _joined(node.values[0]):
            last = node.values[-1]
            if isinstance(last, ast.Constant) and last.value in ("-", "—", "–", "n/a"):
                found.append(f"{line}: a hand-made list with a fallback {last.value!r} (format_list writes it)")
        if id(node) in docstrings:
            continue
        for text in _strings(node):
            if MISSING.search(text):
                found.append(f"{line}: 'n/a' for a missing figure (NO_VALUE writes '–')")
            for patched in PATCHED_PLURAL.finditer(text):
                found.append(f"{line}: a patched plural {patched.group(0)!r} (use plural)")
    for statement in tree.body:
        targets = statement.targets if isinstance(statement, ast.Assign) else []
        if isinstance(statement, ast.AnnAssign):
            targets = [statement.target]
        value = statement.value if isinstance(statement, (ast.Assign, ast.AnnAssign)) else None
        for target in targets:
            if isinstance(target, ast.Name) and SINGLE_LETTER.match(target.id) and not _type_variable(value):
                found.append(f"{statement.lineno}: a single-letter global '{target.id}' (give it a name)")
    return sorted(set(found), key=lambda p: int(p.split(":")[0]))


def _line(source: str, problem: str) -> str:
    return source.splitlines()[int(problem.split(":")[0]) - 1]


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(SRC)))
def test_the_module_writes_figures_and_messages_in_the_one_idiom(path):
    if path in EXEMPT:
        pytest.skip(EXEMPT[path])
    source = path.read_text(encoding="utf-8")
    allowed = EXEMPT_LINES.get(path, {})
    assert [p for p in problems(source) if not any(text in _line(source, p) for text in allowed)] == [], path


@pytest.mark.parametrize(
    "path, text",
    [(path, text) for path, texts in EXEMPT_LINES.items() for text in texts],
    ids=lambda v: str(v.relative_to(SRC)) if isinstance(v, Path) else v,
)
def test_each_exempt_line_is_still_there_and_still_needs_its_exemption(path, text):
    source = path.read_text(encoding="utf-8")
    assert path in CHECKED
    assert any(text in _line(source, p) for p in problems(source)), f"{text!r} in {path}: drop the exemption"


BAD = """\
L = {"share": {"en": "Share", "nl": "Aandeel"}}
_T = {}
def pct(value, lang):
    return "n/a" if value is None else f"{value * 100:.1f}%".replace(".", ",")
def share(value):
    return f"{round(value * 100)}%"
def ratio(value):
    return "%.2f : 1" % value
def money(value):
    return f"€ {value:,}"
def listed(names):
    return ", ".join(names) or "-"
WARNING = "{n} waarschuwing(en), {m} change(s)"
def truncated(value):
    return f"{value:.80} {value:.3}"
def dutch(text, comma):
    return text.replace(".", comma)
"""


def test_the_check_finds_every_old_idiom():
    found = "\n".join(problems(BAD))
    for what in (
        "1: a single-letter global 'L'",
        "2: a single-letter global '_T'",
        "4: a figure formatted by hand ('{...:.1f}')",
        "4: a percent sign glued to a value",
        "4: a decimal comma made by replace",
        "4: 'n/a' for a missing figure",
        "6: a percent sign glued to a value",
        "8: %-formatting",
        "10: a figure formatted by hand ('{...:,}')",
        "12: a hand-made list with a fallback '-'",
        "13: a patched plural 'g(en)'",
        "13: a patched plural 'e(s)'",
        "15: a figure formatted by hand ('{...:.80}')",  # a precision on a value that may be a number
        "15: a figure formatted by hand ('{...:.3}')",
        "17: a decimal comma made by replace",  # the comma held in a name
    ):
        assert what in found, what


def test_the_check_leaves_the_idiom_alone():
    good = '''\
"""A docstring may say n/a and change(s) when it explains what not to write."""
WORDS = catalog([("share", "{share} of the coded changes", "{share} van de gecodeerde veranderingen")])
def line(name, value, lang):
    return f"{name!r:<20} {format_percent(value, lang)} ({plural(2, ONE, OTHER).get(lang)})"
T = TypeVar("T")
_F = typing.TypeVar("_F", bound=Callable)
P = ParamSpec("P")
def shown(value, written):
    return f"returned {value!r:.80}; {value!s:.10} {value!a:>12.5}", written.replace(".", "")
'''
    assert problems(good) == []


def test_a_conversion_leaves_only_text_to_shorten():
    """``!r`` shortened is text; the same precision on the value itself may write a number."""
    assert problems('f"{x!r:.80}"') == []
    assert problems('f"{x:.80}"') == ["1: a figure formatted by hand ('{...:.80}')"]
    assert problems('f"{x:.3f}"') == ["1: a figure formatted by hand ('{...:.3f}')"]
