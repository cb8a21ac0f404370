"""Reading a study: YAML with line numbers, validation against core and plugin models, changes.

:func:`load_study` either returns a valid :class:`~impactkit.core.model.Study` or raises
:class:`~impactkit.core.errors.StudyError` holding *every* problem found, each with the file,
line and column (or row and column for tables) and a message in English and Dutch.
"""

from __future__ import annotations

import datetime as _dt
import re
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from .contributions import Finding, Location
from .errors import Problem, StudyError
from .i18n import MESSAGES, Text, did_you_mean, listed, msg, os_error_text
from .limits import check_yaml_size, yaml_loader
from .locate import key_path, locate, position
from .model import ID_PATTERN, Study

if TYPE_CHECKING:  # pragma: no cover
    from .plugins import Plugins

STUDY_FILENAMES = ("study.yaml", "study.yml")


def resolve_study_path(path: str | Path) -> Path:
    """A study is a folder holding ``study.yaml`` or the YAML file itself."""
    path = Path(path)
    if path.is_dir():
        for name in STUDY_FILENAMES:
            if (path / name).is_file():
                return path / name
        raise StudyError([Problem(Location(file=str(path / STUDY_FILENAMES[0])), msg("file-missing"))])
    if not path.is_file():  # neither a folder nor a file: say what a study is
        raise StudyError([Problem(Location(file=str(path)), msg("no-study"))])
    return path


YAML_HINTS = (
    ("mapping values are not allowed", "yaml-hint-colon"),
    ("found character '\\t'", "yaml-hint-tab"),
    ("expected <block end>", "yaml-hint-block"),
    ("could not find expected ':'", "yaml-hint-missing-colon"),
    ("expected ',' or ']'", "yaml-hint-bracket"),
    ("expected ',' or '}'", "yaml-hint-bracket"),
    ("while scanning a quoted scalar", "yaml-hint-quote"),
)
"""ruamel's words for the common mistakes → the core message saying what to look at."""


def yaml_problem(problem: str) -> Text:
    """The message for a YAML syntax error: ruamel's ``problem`` (English), after a lead in the
    reader's language saying what usually causes it, when it is one of the common ones."""
    for words, key in YAML_HINTS:
        if words in problem:
            hint = msg(key)
            template = MESSAGES["yaml-syntax-hint"]
            return Text(
                en=template.en.format(hint=hint.en, problem=problem),
                nl=template.nl.format(hint=hint.nl, problem=problem),
            )
    return msg("yaml-syntax", problem=problem)


def read_yaml(path: Path) -> Any:
    """Round-trip YAML (keeps positions and comments); syntax errors become a :class:`StudyError`."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        reason = os_error_text(exc)
        raise StudyError(
            [
                Problem(
                    Location(file=str(path)),
                    Text(
                        en=msg("changes-unreadable", error=reason.en).en,
                        nl=msg("changes-unreadable", error=reason.nl).nl,
                    ),
                )
            ]
        ) from None
    except UnicodeDecodeError as exc:
        raise StudyError([Problem(Location(file=str(path)), msg("changes-unreadable", error=exc))]) from None
    check_yaml_size(text, str(path))
    try:
        return yaml_loader(str(path)).load(text)  # depth, alias and date limits as it parses, before anything is built
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(part for part in (exc.context, exc.problem) if part) or "syntax error"
        loc = Location(file=str(path), line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)
        raise StudyError([Problem(loc, yaml_problem(problem))]) from None
    except YAMLError as exc:
        raise StudyError([Problem(Location(file=str(path)), msg("yaml-syntax", problem=str(exc)))]) from None


def to_plain(node: Any) -> Any:
    """ruamel's commented containers and scalar types → plain Python (dates → ISO strings)."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, (_dt.date, _dt.datetime)):
        return node.isoformat()
    return node


# -- numbers a Dutch reader may have meant differently ----------------------------------------

_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}(?![\d.eE_])")


def ambiguous_numbers(root: Any, text: str, file: str) -> list[Problem]:
    """Floats written like ``20.000`` or ``1.500``: YAML reads 20.0 and 1.5, a Dutch writer often
    means 20000 and 1500. Refused with both readings, rather than guessed (``0.250`` is fine);
    the message offers a form of each reading that is accepted (``14229``, ``14.2290``)."""
    lines = text.splitlines()
    problems: list[Problem] = []

    def check(value: Any, pos: tuple[int, int] | None, path: list[str | int]) -> None:
        if isinstance(value, float) and pos is not None and pos[0] < len(lines):
            match = _THOUSANDS.match(lines[pos[0]], pos[1])
            if match:
                written = match.group(0)
                whole = written.replace(".", "")
                decimal = repr(float(written))  # 20.0, 1.5: plainly a decimal number
                if _THOUSANDS.fullmatch(decimal):  # 14.229 would be refused again: 14.2290 is not
                    decimal += "0"
                problems.append(
                    Problem(
                        Location(file=file, line=pos[0] + 1, column=pos[1] + 1, key=key_path(path)),
                        Text(
                            en=f"'{written}' is ambiguous: {whole} or {float(written):g}? Write {whole} for the "
                            f"whole number (no thousands separator), or {decimal} if you mean the decimal number",
                            nl=f"'{written}' is dubbelzinnig: {whole} of {float(written):g}? Schrijf {whole} voor het "
                            f"hele getal (zonder scheidingsteken voor duizendtallen), of {decimal} als je het "
                            f"decimale getal bedoelt (YAML schrijft decimalen met een punt)",
                        ),
                    )
                )
        walk(value, path)

    def walk(node: Any, path: list[str | int]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                check(value, node.lc.value(key) if hasattr(node, "lc") else None, [*path, str(key)])
        elif isinstance(node, list):
            for i, value in enumerate(node):
                check(value, node.lc.item(i) if hasattr(node, "lc") else None, [*path, i])

    walk(root, [])
    return problems


# -- pydantic errors → problems ----------------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    """The model inside ``list[X]``, ``X | None``, ``Annotated[X, ...]`` (or the plain type)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, tuple, set, frozenset, Sequence):
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        return _unwrap(args[0]) if args else None
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner = _unwrap(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
        return None
    return annotation


def model_at(model: type[BaseModel], path: Sequence[str | int]) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at ``path`` below ``model``."""
    current: Any = model
    for at, part in enumerate(path):
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        in_list = at + 1 < len(path) and isinstance(path[at + 1], int)
        current = _mapping_branch(field.annotation) if not in_list else None
        current = current or _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _mapping_branch(annotation: Any) -> type[BaseModel] | None:
    """The model a union field takes as a mapping (``changes: {file: ...}``), not in a list."""
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return None
    return next(
        (a for a in typing.get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)),
        None,
    )


# Dutch for pydantic's error types (English comes from pydantic itself). Placeholders are the
# error's ``ctx`` values.
DUTCH_ERRORS: dict[str, str] = {
    "string_type": "verwacht tekst",
    "int_type": "verwacht een geheel getal",
    "int_parsing": "verwacht een geheel getal",
    "int_from_float": "verwacht een geheel getal, zonder decimalen",
    "float_type": "verwacht een getal",
    "float_parsing": "verwacht een getal",
    "finite_number": "verwacht een eindig getal (geen oneindig of NaN)",
    "bool_type": "verwacht ja/nee (true of false)",
    "bool_parsing": "verwacht ja/nee (true of false)",
    "list_type": "verwacht een lijst",
    "dict_type": "verwacht een verzameling sleutels met waarden",
    "model_type": "verwacht een verzameling sleutels met waarden",
    "model_attributes_type": "verwacht een verzameling sleutels met waarden",
    "literal_error": "verwacht een van: {expected}",
    "enum": "verwacht een van: {expected}",
    "greater_than": "moet groter zijn dan {gt}",
    "greater_than_equal": "moet groter dan of gelijk aan {ge} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "less_than_equal": "moet kleiner dan of gelijk aan {le} zijn",
    "string_pattern_mismatch": "heeft niet de vereiste vorm ({pattern})",
    "string_too_short": "is te kort",
    "too_short": "heeft te weinig elementen",
    "too_long": "heeft te veel elementen",
    "union_tag_invalid": "onbekende soort",
}


def _dutch(item: dict[str, Any]) -> str:
    if "nl" in item:  # already put in Dutch (joined union branches)
        return item["nl"]
    template = DUTCH_ERRORS.get(item["type"])
    if template is None:
        return f"ongeldige waarde — {item['msg'].removeprefix('Value error, ')}"
    try:
        ctx = {k: (v.replace(" or ", " of ") if isinstance(v, str) else v) for k, v in (item.get("ctx") or {}).items()}
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template.split(":")[0].split("(")[0].strip()


def _describe_input(value: Any) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def problems_from_validation(
    error: ValidationError, *, file: str, root: Any, model: type[BaseModel], prefix: Sequence[str | int] = ()
) -> list[Problem]:
    """One :class:`Problem` per pydantic error, with the line of the offending key or value."""
    problems = []
    for item in _one_branch(error.errors(include_url=False)):
        loc = [p for p in item["loc"] if not (isinstance(p, str) and _is_branch(p))]
        full = list(prefix) + loc
        kind = item["type"]
        if kind == "extra_forbidden":
            parent = model_at(model, loc[:-1])
            known = sorted(parent.model_fields) if parent else []
            key = str(loc[-1])
            text = msg("unknown-key", key=key, expected=", ".join(known))
            hint = did_you_mean(key, known)
            if hint:
                text = Text(en=text.en + hint.en, nl=text.nl + hint.nl)
            pos = position(root, full, of_key=True)
        elif kind == "missing":
            text = msg("missing-key", key=loc[-1] if loc else "?")
            pos = position(root, full[:-1]) or (1, 1)  # a key missing at the top: the file's start
        else:
            got = _describe_input(item.get("input"))
            error = (item.get("ctx") or {}).get("error")
            bilingual = getattr(error, "text", None)
            if isinstance(bilingual, Text):  # a validator raised an error carrying both languages
                text = Text(en=f"{bilingual.en} (got {got})", nl=f"{bilingual.nl} (gekregen: {got})")
            elif kind == "string_pattern_mismatch" and (item.get("ctx") or {}).get("pattern") == ID_PATTERN:
                text = Text(
                    en=f"an id starts with a letter or digit and holds only letters, digits and _ . : - (got {got})",
                    nl=f"een id begint met een letter of cijfer en bevat alleen letters, cijfers en _ . : - "
                    f"(gekregen: {got})",
                )
            else:
                detail = item["msg"].removeprefix("Value error, ")
                text = Text(en=f"{detail} (got {got})", nl=f"{_dutch(item)} (gekregen: {got})")
            pos = position(root, full)
        problems.append(
            Problem(
                Location(
                    file=file, line=pos[0] if pos else None, column=pos[1] if pos else None, key=key_path(full) or None
                ),
                text,
            )
        )
    return problems


_BRANCH_TYPES = frozenset({"str", "int", "float", "bool", "none", "list", "dict", "tuple"})


def _union_models(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    """The names of the models that are a branch of a union somewhere in ``model`` (``changes:
    list | str | ChangesSource`` gives ``ChangesSource``): pydantic names such a branch by its class."""
    seen = set() if seen is None else seen
    names: set[str] = set()
    if model in seen:
        return names
    seen.add(model)

    def visit(annotation: Any, in_union: bool) -> None:
        origin = typing.get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if in_union:
                names.add(annotation.__name__)
            names.update(_union_models(annotation, seen))
        elif origin is not None:
            args = typing.get_args(annotation)
            union = origin in (typing.Union, types.UnionType) and sum(a is not type(None) for a in args) > 1
            for arg in args:
                visit(arg, in_union or union)

    for field in model.model_fields.values():
        visit(field.annotation, False)
    return names


_UNION_MODELS = frozenset(_union_models(Study))


def _is_branch(part: object) -> bool:
    """A part of a pydantic error location that names a union's branch (``list[Change]``,
    ``constrained-str``, ``ChangesSource``) or a validator, not a key of the user's file."""
    return isinstance(part, str) and (
        "[" in part or part.startswith(("function-", "constrained-")) or part in _BRANCH_TYPES or part in _UNION_MODELS
    )


def _one_branch(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The errors of a union field (``changes: list | str``) as the user meant it: when one branch
    got past the type (its errors lie deeper), the other branches' "not of my type" errors are
    dropped; when none did, their messages are joined into one ("a list or a string")."""
    branches: dict[tuple, dict[Any, list[dict[str, Any]]]] = {}
    for item in items:
        loc = item["loc"]
        at = next((i for i, part in enumerate(loc) if _is_branch(part) and not str(part).startswith("function-")), None)
        if at is not None:
            branches.setdefault(tuple(loc[:at]), {}).setdefault(loc[at], []).append(item)
    drop: set[int] = set()
    merged: dict[int, dict[str, Any]] = {}
    for prefix, by_branch in branches.items():
        if len(by_branch) < 2:
            continue
        deep = {b for b, errs in by_branch.items() if any(len(e["loc"]) > len(prefix) + 1 for e in errs)}
        shallow = [
            e for b, errs in by_branch.items() if b not in deep for e in errs if len(e["loc"]) == len(prefix) + 1
        ]
        if deep:
            drop.update(id(e) for e in shallow)
        elif len(shallow) > 1:
            first = shallow[0]
            merged[id(first)] = {
                **first,
                "msg": " or ".join([first["msg"]] + [e["msg"].removeprefix("Input should be ") for e in shallow[1:]]),
                "nl": " of ".join(_dutch(e) for e in shallow),
            }
            drop.update(id(e) for e in shallow[1:])
    return [merged.get(id(item), item) for item in items if id(item) not in drop]


# -- the study ---------------------------------------------------------------------------------


def load_study(path: str | Path, plugins: "Plugins | None" = None, *, load_changes: bool = True) -> Study:
    """Read, validate and complete a study (changes file, method sections).

    Raises :class:`StudyError` with every problem when the input cannot be used.
    ``load_changes=False`` leaves a changes *file* unread (``impactkit import changes`` replaces
    it, so it must not have to be valid first). Warnings that do not stop the analysis (e.g. a ``methods`` section no plugin reads) are
    kept on the study and reported as findings by the pipeline.
    """
    from .changes import change_columns, inline_changes, load_changes_frame

    if plugins is None:
        from .plugins import make_manager

        plugins = make_manager()
    file = resolve_study_path(path)
    root = read_yaml(file)
    if not isinstance(root, dict):
        raise StudyError([Problem(Location(file=str(file), line=1, column=1), msg("not-mapping"))])
    ambiguous = ambiguous_numbers(root, file.read_text(encoding="utf-8-sig"), str(file))
    if ambiguous:
        raise StudyError(ambiguous)
    data = to_plain(root)
    declared = change_columns(plugins)  # the plugins' change columns: keys of their own inline
    column_findings, inline_problems = list(declared.findings), []
    if isinstance(data.get("changes"), list):
        data["changes"], inline_problems, unknown_keys = inline_changes(
            data["changes"], declared, str(file), lambda keys, of_key: position(root, keys, of_key=of_key)
        )
        column_findings += unknown_keys
    sections, _ = plugins.collect("impactkit_study_sections")
    by_key = {alias: section for section in sections for alias in section.aliases}
    by_key.update({section.id: section for section in sections})  # an id wins over another section's alias
    try:
        study = Study.model_validate(data)
    except ValidationError as exc:  # the method sections' problems are told in the same breath
        problems = problems_from_validation(exc, file=str(file), root=root, model=Study) + inline_problems
        methods = data.get("methods")
        if isinstance(methods, dict):
            problems += _section_problems(methods, by_key, str(file), root)[2]
        raise StudyError(_in_file_order(problems)) from None
    study._path = file
    study._positions = root
    study._plugins = plugins
    study._code_columns = declared.names

    study._sections, study._section_keys, problems = _section_problems(study.methods, by_key, str(file), root)
    warnings: list[Finding] = [
        Finding(
            code="core.method-unknown",
            severity="warning",
            plugin="core",
            message=msg("method-unknown", key=key, known=listed(sorted(s.id for s in sections))),
            location=locate(study, ("methods", key)),
        )
        for key in study.methods
        if key not in by_key
    ] + column_findings
    problems += inline_problems
    if isinstance(study.changes, list):
        from .changes import shared_id_problems

        problems.extend(shared_id_problems(study.changes, lambda i: locate(study, ("changes", i))))
    source = study.changes_source
    if source is not None:
        study._changes_source = source
        changes_file = file.parent / source.file
        if load_changes and (refused := _outside(study, file.parent, changes_file)) is not None:
            problems.append(refused)  # read only inside the study, unless allowed
            load_changes = False
        if load_changes:
            try:
                study._frame, study._changes_columns = load_changes_frame(study, changes_file, plugins)
            except StudyError as exc:
                problems.extend(exc.problems)
        study._changes_file = changes_file
    study._load_findings = warnings
    if problems:
        raise StudyError(_in_file_order(problems))
    return study


def _outside(study: Study, folder: Path, changes_file: Path) -> Problem | None:
    """The problem of a changes file outside the study folder (through ``..``, an absolute path or
    a link), unless ``outside: true`` under ``changes:`` or ``--allow-outside`` allows reading it."""
    from .files import outside_allowed, outside_text

    source = study.changes_source
    root = folder.resolve()
    if source is None or source.outside or outside_allowed() or changes_file.resolve().is_relative_to(root):
        return None
    where = locate(study, ("changes", "file")) or locate(study, ("changes",)) or Location(file=str(study.path))
    return Problem(where, outside_text(Text(en="changes:", nl="changes:"), source.file, root))


def _section_problems(
    methods: dict[str, Any], by_key: dict[str, Any], file: str, root: Any
) -> tuple[dict[str, BaseModel], dict[str, str], list[Problem]]:
    """The validated ``methods.<key>`` sections plugins declare (by section id, a key being the id
    or one of its aliases), the alias each section given under one was given under, and the
    problems in them (a section given under two of its keys among them)."""
    sections: dict[str, BaseModel] = {}
    keys: dict[str, str] = {}
    problems: list[Problem] = []
    for key, raw in methods.items():
        section = by_key.get(key)
        if section is None:
            continue
        if section.id in keys:  # the section under its id and under an alias (or two aliases)
            first = keys[section.id]
            here, there = (position(root, ("methods", k), of_key=True) for k in (key, first))
            problems.append(
                Problem(
                    Location(file=file, line=here and here[0], column=here and here[1], key=f"methods.{key}"),
                    msg(
                        "method-twice",
                        key=key,
                        line=here[0] if here else "?",
                        other=first,
                        other_line=there[0] if there else "?",
                        alias=key if key != section.id else first,
                        id=section.id,
                    ),
                )
            )
        keys.setdefault(section.id, key)
        try:
            validated = section.model.model_validate(raw if raw is not None else {})
        except ValidationError as exc:
            problems.extend(
                problems_from_validation(exc, file=file, root=root, model=section.model, prefix=("methods", key))
            )
        else:
            sections.setdefault(section.id, validated)
    return sections, {id_: key for id_, key in keys.items() if key != id_}, problems


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """Problems by file (in the order the files were read), then line (or table row) and column;
    those without a place last; otherwise as found."""
    files: dict[str | None, int] = {}
    for problem in problems:
        files.setdefault(problem.location.file, len(files))

    def key(problem: Problem) -> tuple[int, bool, int, int]:
        where = problem.location
        line = where.line if where.line is not None else where.row
        return files[where.file], line is None, line or 0, where.column or 0

    return sorted(problems, key=key)
