"""REFI-QDA: the exchange format of qualitative coding tools (NVivo, ATLAS.ti, MAXQDA, QualCoder).

* :func:`export_codebook` writes a ``.qdc`` codebook (``urn:QDA-XML:codebook:1.0``): the codes of
  every installed :class:`~impactkit.core.contributions.Coder`, each coder's codes in a folder of
  its own, from the coder's ``codebook`` (else the codes the study's column holds), in the
  language of the context.
* :func:`export_project` writes a ``.qdpx`` project (a zip with ``project.qde``,
  ``urn:QDA-XML:project:1.0``, and ``sources/<guid>.txt``): each change a text source (its text,
  and its quote where the study may show it), people and stakeholder groups as cases, the codebook,
  and the study's codes as codings of the whole text, by the coder of their row (a user per coder).
  It is made from the study as every output shows it (:mod:`impactkit.core.privacy`): pseudonyms,
  no quote without consent.
* :func:`import_project` reads the codes applied in a coding tool back into one coder's column of
  the changes file, per user: the first user's codes go into the change's row, another user's into
  a row of their own with the same id (a double coding, so that κ and α compare them). A cell that
  holds other codes is not overwritten unless asked (``replace``). Every problem of the project —
  against the QDA-XML schema, a coding of a code or user the project does not have, a source that
  is no change of the study — is reported at once, naming the file, line and element.

GUIDs are derived from the study (uuid5), so exporting the same study twice gives the same file
and a project's sources and codes are known again when it comes back. Schema: ``Project.xsd``
(QDA-XML 1.0, REFI, MIT), shipped in ``refi-qda/``.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .coding import XLSX_SUFFIXES, CoderFailed, _Sheet, code_cell
from .contributions import CodeEntry, Coder, Location
from .errors import Problem, StudyError, UserError
from .files import inside, study_lock
from .i18n import Text, catalog, fill

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .context import Context
    from .model import Change, Study

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"impactkit {__version__}"
_GUIDS = uuid.uuid5(uuid.NAMESPACE_OID, "impactkit.refi-qda")
NO_CODER = "impactkit"
"""The user that codings of rows without a ``coder`` are made by (read back as no coder)."""

MESSAGES = catalog(
    [
        (
            "no-qde",
            "no project.qde in the project (is it a .qdpx file?)",
            "geen project.qde in het project (is het een .qdpx-bestand?)",
        ),
        ("not-zip", "not a .qdpx project (a zip file): {error}", "geen .qdpx-project (een zipbestand): {error}"),
        ("xml", "not readable XML: {error}", "geen leesbare XML: {error}"),
        (
            "schema",
            "{element} does not follow the QDA-XML schema: {error}",
            "{element} volgt het QDA-XML-schema niet: {error}",
        ),
        (
            "code-ref",
            "{element} refers to code {guid}, which is not in the codebook",
            "{element} verwijst naar code {guid}, die niet in het codeboek staat",
        ),
        (
            "user-ref",
            "{element} was made by user {guid}, who is not among the project's users",
            "{element} is gemaakt door gebruiker {guid}, die niet bij de gebruikers van het project staat",
        ),
        (
            "source",
            "{element} ('{name}') is no change of the study: its guid, name and text match none",
            "{element} ('{name}') is geen verandering van de studie: guid, naam en tekst passen bij geen enkele",
        ),
        (
            "source-text",
            "{element}: its text {path} is not in the project",
            "{element}: de tekst {path} staat niet in het project",
        ),
        (
            "other-codes",
            (
                "{n} coding of codes that are not {title} left out: {names}",
                "{n} codings of codes that are not {title} left out: {names}",
            ),
            (
                "{n} codering met codes die niet van {title} zijn weggelaten: {names}",
                "{n} coderingen met codes die niet van {title} zijn weggelaten: {names}",
            ),
        ),
        (
            "other-sources",
            ("{n} source that is not text left out", "{n} sources that are not text left out"),
            ("{n} bron die geen tekst is weggelaten", "{n} bronnen die geen tekst zijn weggelaten"),
        ),
        (
            "conflict",
            "{at}: holds '{current}', the project has '{codes}' ({user}); not overwritten (--replace takes the project's)",
            "{at}: bevat '{current}', het project heeft '{codes}' ({user}); niet overschreven (--replace neemt die van het "
            "project)",
        ),
        (
            "no-id",
            "{at}: a second coder ({user}) coded this change, which has no id; give the changes ids to keep both codings",
            "{at}: een tweede codeur ({user}) codeerde deze verandering, die geen id heeft; geef de veranderingen een id "
            "om beide coderingen te bewaren",
        ),
        (
            "inline",
            "the changes are written in the study file itself; write the codes there by hand",
            "de veranderingen staan in het studiebestand zelf; schrijf de codes daar met de hand",
        ),
        (
            "format",
            "codes cannot be written into a '{suffix}' file",
            "codes kunnen niet in een '{suffix}'-bestand worden geschreven",
        ),
    ]
)


def _text(key: str, **params: Any) -> Text:
    return fill(MESSAGES[key], **params)


def guid(*parts: str) -> str:
    """A GUID derived from ``parts`` (the same parts, the same GUID)."""
    return str(uuid.uuid5(_GUIDS, "\x1f".join(parts)))


def _key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def schema_path() -> Any:
    """The QDA-XML 1.0 project schema shipped with impactkit (``Project.xsd``, REFI, MIT)."""
    return resources.files("impactkit.core").joinpath("refi-qda", "Project.xsd")


# -- the codebook ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BookCode:
    """A code as the exchange file has it: its GUID, the coder it belongs to, its entry."""

    guid: str
    coder: str
    entry: CodeEntry
    children: tuple["BookCode", ...] = ()


@dataclass
class Codebook:
    """Every installed coder's codes, as folders of codes."""

    folders: list[tuple[Coder, list[BookCode]]] = field(default_factory=list)

    def codes(self, coder: str | None = None) -> list[BookCode]:
        out: list[BookCode] = []

        def walk(items: Iterable[BookCode]) -> None:
            for item in items:
                out.append(item)
                walk(item.children)

        for owner, items in self.folders:
            if coder is None or owner.id == coder:
                walk(items)
        return out

    def lookup(self, coder: str) -> dict[str, BookCode]:
        """Every spelling of a code of ``coder`` (code, name, matches; compared without case) → the code."""
        out: dict[str, BookCode] = {}
        for item in self.codes(coder):
            for spelling in (item.entry.code, item.entry.label, *item.entry.matches):
                out.setdefault(_key(spelling), item)
        return out


def _cell_codes(change: "Change", column: str) -> list[str]:
    return [part.strip() for part in code_cell(change, column).split(";") if part.strip()]


def codebook(ctx: "Context", coders: Sequence[Coder]) -> Codebook:
    """The codebook of ``coders`` for the study of ``ctx``: each coder's ``codebook`` (its codes in
    ``ctx.lang``), plus the codes its column holds that the codebook does not name (as written)."""
    from .coding import _call

    book = Codebook()
    for coder in coders:
        entries: list[CodeEntry] = []
        if coder.codebook is not None:
            entries = list(_call(coder, "codebook", coder.codebook, ctx) or [])
            if not all(isinstance(e, CodeEntry) for e in entries):
                raise CoderFailed(coder, "codebook", "returned something else than a list of CodeEntry")

        def made(entry: CodeEntry, owner: Coder = coder) -> BookCode:
            return BookCode(
                guid=guid("code", owner.id, _key(entry.code)),
                coder=owner.id,
                entry=entry,
                children=tuple(made(child) for child in entry.children),
            )

        items = [made(entry) for entry in entries]
        known = {
            _key(s)
            for item in Codebook([(coder, items)]).codes()
            for s in (item.entry.code, item.entry.label, *item.entry.matches)
        }
        for change in ctx.study.change_list:
            for code in _cell_codes(change, coder.column):
                if _key(code) not in known:
                    known.add(_key(code))
                    items.append(made(CodeEntry(code=code)))
        book.folders.append((coder, items))
    return book


def _code_element(parent: Any, item: BookCode, E: Any) -> None:
    attrs = {"guid": item.guid, "name": item.entry.label, "isCodable": "true" if item.entry.codable else "false"}
    if item.entry.colour:
        attrs["color"] = item.entry.colour
    element = E(parent, "Code", attrs)
    if item.entry.description:
        E(element, "Description").text = item.entry.description
    for child in item.children:
        _code_element(element, child, E)


def _codes_element(parent: Any, book: Codebook, E: Any, lang: str) -> None:
    codes = E(parent, "Codes")
    for coder, items in book.folders:  # each coder's codes in a folder named after it
        folder = E(
            codes, "Code", {"guid": guid("coder", coder.id), "name": coder.title.get(lang), "isCodable": "false"}
        )
        for item in items:
            _code_element(folder, item, E)


def _maker(namespace: str) -> Any:
    from lxml import etree

    def element(parent: Any, tag: str, attrs: dict[str, str] | None = None) -> Any:
        return etree.SubElement(parent, f"{{{namespace}}}{tag}", attrs or {})

    return element


def export_codebook(ctx: "Context", coders: Sequence[Coder]) -> bytes:
    """The ``.qdc`` codebook of ``coders`` (UTF-8 XML)."""
    from lxml import etree

    book = codebook(ctx, coders)
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": ORIGIN}, nsmap={None: CODEBOOK_NS})
    _codes_element(root, book, _maker(CODEBOOK_NS), ctx.lang)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# -- the project -------------------------------------------------------------------------------


def _change_key(change: "Change", index: int) -> str:
    """Which change a row is a coding of, as text: rows sharing an id and a person are one."""
    if change.id and str(change.id).strip():
        return f"id\x1f{str(change.id).strip()}\x1f{_key(change.who)}"
    return f"row\x1f{index}"


def _source_name(change: "Change", index: int) -> str:
    return str(change.id).strip() if change.id and str(change.id).strip() else f"row {change.row or index + 1}"


def _source_text(change: "Change") -> str:
    text = change.change.strip()
    return f"{text}\n\n{change.quote.strip()}" if change.quote and change.quote.strip() else text


def _groups(ctx: "Context") -> dict[int, list[int]]:
    """Change index of each change's first row → the indices of its rows (its codings)."""
    first: dict[str, int] = {}
    out: dict[int, list[int]] = {}
    for index, change in enumerate(ctx.study.change_list):
        head = first.setdefault(_change_key(change, index), index)
        out.setdefault(head, []).append(index)
    return out


def export_project(ctx: "Context", coders: Sequence[Coder]) -> bytes:
    """The ``.qdpx`` project of the study of ``ctx`` (a zip), with the codes of ``coders``."""
    from lxml import etree

    study = ctx.study
    E = _maker(PROJECT_NS)
    book = codebook(ctx, coders)
    lookups = {coder.id: book.lookup(coder.id) for coder in coders}
    groups = _groups(ctx)
    changes = study.change_list

    users: dict[str, str] = {}  # name -> guid, in order of first appearance
    for change in changes:
        name = (change.coder or "").strip() or NO_CODER
        users.setdefault(name, guid("user", study.id, _key(name)))
    root = etree.Element(
        f"{{{PROJECT_NS}}}Project",
        {"name": study.title, "origin": ORIGIN, **({"creatingUserGUID": next(iter(users.values()))} if users else {})},
        nsmap={None: PROJECT_NS},
    )
    if users:
        element = E(root, "Users")
        for name, user in users.items():
            E(element, "User", {"guid": user, "name": name})
    book_element = E(root, "CodeBook")
    _codes_element(book_element, book, E, ctx.lang)

    variables = {name: guid("variable", name) for name in ("role", "stakeholder", "group")}
    element = E(root, "Variables")
    for name, variable in variables.items():
        E(element, "Variable", {"guid": variable, "name": name, "typeOfVariable": "Text"})

    sources: dict[int, str] = {head: guid("source", study.id, _change_key(changes[head], head)) for head in groups}
    people: dict[str, list[int]] = {}
    by_group: dict[str, list[int]] = {}
    for head in groups:
        change = changes[head]
        people.setdefault(change.who, []).append(head)
        holder = study.stakeholder(change.stakeholder)
        by_group.setdefault((holder.group or holder.id) if holder else change.stakeholder, []).append(head)
    cases = E(root, "Cases")

    def case(name: str, kind: str, heads: list[int], values: dict[str, str | None]) -> None:
        element = E(cases, "Case", {"guid": guid("case", study.id, kind, _key(name)), "name": name})
        for variable, value in values.items():
            if value:
                holder = E(element, "VariableValue")
                E(holder, "VariableRef", {"targetGUID": variables[variable]})
                E(holder, "TextValue").text = value
        for head in heads:
            E(element, "SourceRef", {"targetGUID": sources[head]})

    for who, heads in people.items():
        first = changes[heads[0]]
        holder = study.stakeholder(first.stakeholder)
        case(who, "person", heads, {"role": first.role, "stakeholder": holder.id if holder else first.stakeholder})
    for group, heads in by_group.items():
        case(group, "group", heads, {"group": group})

    files: dict[str, bytes] = {}
    element = E(root, "Sources")
    for head, rows in groups.items():
        change = changes[head]
        text = _source_text(change)
        source = sources[head]
        path = f"{source}.txt"
        files[path] = text.encode("utf-8")
        attrs = {"guid": source, "name": _source_name(change, head), "plainTextPath": f"internal://{path}"}
        node = E(element, "TextSource", attrs)
        holder = study.stakeholder(change.stakeholder)
        E(node, "Description").text = "; ".join(
            part for part in (change.role, holder.name if holder else change.stakeholder) if part
        )
        for index in rows:
            row = changes[index]
            user = users[(row.coder or "").strip() or NO_CODER]
            coded = {
                item.guid: item
                for coder in coders
                for code in _cell_codes(row, coder.column)
                if (item := lookups[coder.id].get(_key(code))) is not None
            }
            if not coded:
                continue
            selection = E(
                node,
                "PlainTextSelection",
                {
                    "guid": guid("selection", source, str(index)),
                    "name": text[:60],
                    "startPosition": "0",
                    "endPosition": str(len(text)),
                    "creatingUser": user,
                },
            )
            for item in coded.values():
                coding = E(
                    selection, "Coding", {"guid": guid("coding", source, str(index), item.guid), "creatingUser": user}
                )
                E(coding, "CodeRef", {"targetGUID": item.guid})
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_fixed("project.qde"), xml)
        for path, data in files.items():
            archive.writestr(_fixed(f"sources/{path}"), data)
    return buffer.getvalue()


def _fixed(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date, so the same study gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


# -- reading a project -------------------------------------------------------------------------


@dataclass
class Project:
    """What :func:`read_project` found: users, codes, text sources with their codings."""

    users: dict[str, str] = field(default_factory=dict)
    """GUID (upper case) → name."""
    codes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """GUID (upper case) → the code's name and the names of the codes above it (innermost first)."""
    sources: list[dict[str, Any]] = field(default_factory=list)
    """``{"guid", "name", "text", "element", "codings": [(user guid or None, code guid, element)]}``."""
    other_sources: int = 0


def _guid(value: str | None) -> str:
    return (value or "").strip().strip("{}").upper()


def read_project(path: Path) -> tuple[Project, list[Problem]]:
    """Read a ``.qdpx`` project: everything in it, and every problem (schema, references)."""
    from lxml import etree

    problems: list[Problem] = []
    project = Project()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return project, [Problem(Location(file=str(path)), _text("not-zip", error=exc))]
    with archive:
        names = {name.casefold(): name for name in archive.namelist()}
        qde = next((names[n] for n in names if n.rsplit("/", 1)[-1] == "project.qde"), None)
        if qde is None:
            return project, [Problem(Location(file=str(path)), MESSAGES["no-qde"])]  # type: ignore[arg-type]
        where = f"{path}/{qde}"
        try:
            document = etree.fromstring(archive.read(qde), etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as exc:
            return project, [Problem(Location(file=where, line=exc.lineno or None), _text("xml", error=exc.msg))]
        schema = etree.XMLSchema(etree.fromstring(schema_path().read_bytes()))
        ns = {"q": PROJECT_NS}

        def described(element: Any) -> str:
            tag = etree.QName(element).localname
            return f"{tag} {element.get('guid') or ''}".strip()

        if not schema.validate(document):
            for error in schema.error_log:
                try:
                    found = document.getroottree().xpath(error.path) if error.path else []
                except etree.XPathError:
                    found = []
                element = described(found[0]) if found else "?"
                message = re.sub(r"^Element '[^']*':\s*", "", error.message)
                problems.append(
                    Problem(
                        Location(file=where, line=error.line or None),
                        _text("schema", element=element, error=message),
                    )
                )
        for user in document.iterfind("q:Users/q:User", ns):
            project.users[_guid(user.get("guid"))] = (user.get("name") or "").strip() or _guid(user.get("guid"))

        def walk(element: Any, above: tuple[str, ...]) -> None:
            for code in element.iterfind("q:Code", ns):
                names_here = ((code.get("name") or "").strip(), *above)
                project.codes[_guid(code.get("guid"))] = names_here
                walk(code, names_here)

        for codes in document.iterfind("q:CodeBook/q:Codes", ns):
            walk(codes, ())
        default_user = _guid(document.get("creatingUserGUID")) or None

        def codings(element: Any, user: str | None) -> list[tuple[str | None, str, Any]]:
            out = []
            for coding in element.iterfind("q:Coding", ns):
                by = _guid(coding.get("creatingUser")) or user
                for ref in coding.iterfind("q:CodeRef", ns):
                    out.append((by, _guid(ref.get("targetGUID")), coding))
            return out

        for sources in document.iterfind("q:Sources", ns):
            for source in sources:
                if not isinstance(source.tag, str):
                    continue
                if etree.QName(source).localname != "TextSource":
                    project.other_sources += 1
                    continue
                user = _guid(source.get("creatingUser")) or default_user
                text = source.findtext("q:PlainTextContent", default=None, namespaces=ns)
                plain = (source.get("plainTextPath") or "").strip()
                if text is None and plain:
                    inside = plain.split("://", 1)[-1]
                    member = next(
                        (names[n] for n in names if n.rsplit("/", 1)[-1] == inside.rsplit("/", 1)[-1].casefold()), None
                    )
                    if member is None:
                        problems.append(
                            Problem(
                                Location(file=where, line=source.sourceline),
                                _text("source-text", element=described(source), path=plain),
                            )
                        )
                    else:
                        text = archive.read(member).decode("utf-8-sig", errors="replace")
                found = codings(source, user)
                for selection in source.iterfind("q:PlainTextSelection", ns):
                    found += codings(selection, _guid(selection.get("creatingUser")) or user)
                project.sources.append(
                    {
                        "guid": _guid(source.get("guid")),
                        "name": (source.get("name") or "").strip(),
                        "text": text or "",
                        "element": source,
                        "codings": found,
                    }
                )
        for source in project.sources:
            for user, code, element in source["codings"]:
                if code not in project.codes:
                    problems.append(
                        Problem(
                            Location(file=where, line=element.sourceline),
                            _text("code-ref", element=described(element), guid=code),
                        )
                    )
                if user is not None and user not in project.users:
                    problems.append(
                        Problem(
                            Location(file=where, line=element.sourceline),
                            _text("user-ref", element=described(element), guid=user),
                        )
                    )
        for source in project.sources:
            source["where"] = Location(file=where, line=source["element"].sourceline)
            source["described"] = described(source["element"])
    return project, problems


@dataclass(frozen=True)
class Imported:
    """What :func:`import_project` did."""

    codings: int
    """Codings of the coder's codes read from the project."""
    users: tuple[str, ...]
    """The coders (users of the project) whose codes were read, as written into the ``coder`` column."""
    copied: int
    """Cells written."""
    added: int
    """Rows added for a further coder of a change."""
    unchanged: int
    """Cells that already held the project's codes."""
    notes: tuple[Text, ...]


def import_project(ctx: "Context", study: "Study", coder: Coder, path: Path, *, replace: bool = False) -> Imported:
    """Read the codes of ``coder`` applied in the ``.qdpx`` project at ``path`` into the changes
    file of ``study`` (``ctx`` is its context, :func:`~impactkit.core.pipeline.context_for`).

    Raises :class:`~impactkit.core.errors.StudyError` with every problem of the project, and
    :class:`~impactkit.core.errors.UserError` when the changes cannot be written (inline, a format
    without cells, outside the study folder, a workbook with formulas). The changes file is read
    and written while the study is locked, and written atomically (as ``code --accept`` does)."""
    from .coding import CHANGES_FILE

    if study.changes_file is not None:
        inside(study.directory, study.changes_file, what=CHANGES_FILE, writing=True)  # never edited outside the study
    with study_lock(study.directory):
        return _import_project(ctx, study, coder, path, replace=replace)


def _import_project(ctx: "Context", study: "Study", coder: Coder, path: Path, *, replace: bool) -> Imported:
    from .changes import study_columns
    from .coding import CSV_SUFFIXES, _call

    if study.changes_file is None:
        raise UserError(MESSAGES["inline"].en, MESSAGES["inline"].nl)  # type: ignore[union-attr]
    suffix = study.changes_file.suffix.lower()
    if suffix not in CSV_SUFFIXES | XLSX_SUFFIXES:
        text = _text("format", suffix=suffix or "?")
        raise UserError(text.en, text.nl)

    project, problems = read_project(path)
    shown = ctx.study.change_list
    groups = _groups(ctx)
    by_guid = {_guid(guid("source", ctx.study.id, _change_key(shown[head], head))): head for head in groups}
    by_name = {_key(_source_name(shown[head], head)): head for head in groups}
    by_text = {_key(shown[head].change): head for head in groups}
    book = codebook(ctx, [coder])
    ours = {_guid(item.guid): item for item in book.codes(coder.id)}
    spelled = book.lookup(coder.id)

    def our_code(code_guid: str) -> str | None:
        if code_guid in ours:
            return ours[code_guid].entry.code
        names = project.codes.get(code_guid)
        if not names:
            return None
        name = names[0].split("::")[-1].strip()
        if _key(name) in spelled:
            return spelled[_key(name)].entry.code
        tidy = _call(coder, "normalise", coder.normalise, ctx, name) if name else None
        return tidy.strip() if isinstance(tidy, str) and tidy.strip() else None

    found: dict[int, dict[str, list[str]]] = {}  # change (first row) -> user name -> codes
    others: dict[str, int] = {}
    read = 0
    for source in project.sources:
        head = by_guid.get(source["guid"])
        if head is None:
            head = by_name.get(_key(source["name"]))
        if head is None and source["text"]:
            head = by_text.get(_key(source["text"].split("\n\n", 1)[0]))
        if head is None:
            problems.append(Problem(source["where"], _text("source", element=source["described"], name=source["name"])))
            continue
        for user, code_guid, _ in source["codings"]:
            if code_guid not in project.codes:
                continue  # reported above
            code = our_code(code_guid)
            if code is None:
                name = project.codes[code_guid][0]
                others[name] = others.get(name, 0) + 1
                continue
            name = project.users.get(user or "", NO_CODER) if user else NO_CODER
            codes = found.setdefault(head, {}).setdefault(name, [])
            if code not in codes:
                codes.append(code)
            read += 1
    if problems:
        raise StudyError(problems)

    sheet = _Sheet(study.changes_file, study_columns(study))
    col_code = sheet.column(coder.column, create=True)
    named = any(user != NO_CODER for per_user in found.values() for user in per_user)
    col_coder = sheet.column("coder", create=named)
    notes: list[Text] = []
    copied = added = unchanged = 0
    taken: set[int] = set()
    canonical = {key: item.guid for key, item in spelled.items()}

    def same(current: str, codes: list[str]) -> bool:
        def ids(parts: Iterable[str]) -> set[str]:
            return {canonical.get(_key(p), _key(p)) for p in parts if p.strip()}

        return ids(current.split(";")) == ids(codes)

    for head, per_user in found.items():
        rows = [shown[index].row for index in groups[head] if shown[index].row is not None]
        original = study.change_list[head]
        for user, codes in per_user.items():
            coder_name = "" if user == NO_CODER else user
            target = next(
                (
                    r
                    for r in rows
                    if r not in taken and col_coder is not None and _key(sheet.get(r, col_coder)) == _key(coder_name)
                ),
                None,
            )
            if target is None:
                target = next(
                    (
                        r
                        for r in rows
                        if r not in taken
                        and not sheet.get(r, col_code)
                        and (col_coder is None or not sheet.get(r, col_coder))
                    ),
                    None,
                )
            if target is None:
                if not (original.id and str(original.id).strip()):
                    notes.append(_text("no-id", at=f"{study.changes_file}:{rows[0]}", user=user))
                    continue
                target = sheet.add_row(rows[0])
                sheet.set(target, col_code, "")
                if col_coder is not None:
                    sheet.set(target, col_coder, coder_name)
                added += 1
            taken.add(target)
            value = "; ".join(codes)
            current = sheet.get(target, col_code)
            if current and same(current, codes):
                unchanged += 1
                continue
            if current and not replace:
                notes.append(
                    _text("conflict", at=f"{study.changes_file}:{target}", current=current, codes=value, user=user)
                )
                continue
            sheet.set(target, col_code, value)
            if col_coder is not None and coder_name and sheet.get(target, col_coder) != coder_name:
                sheet.set(target, col_coder, coder_name)
            copied += 1
    if copied or added:
        note = sheet.save()
        if note is not None:
            notes.append(note)
    if others:
        listed = ", ".join(f"'{name}'" for name in sorted(others))
        notes.append(_text("other-codes", n=sum(others.values()), title=coder.title, names=listed))
    if project.other_sources:
        notes.append(_text("other-sources", n=project.other_sources))
    users = tuple(dict.fromkeys("" if u == NO_CODER else u for per in found.values() for u in per))
    return Imported(codings=read, users=users, copied=copied, added=added, unchanged=unchanged, notes=tuple(notes))
