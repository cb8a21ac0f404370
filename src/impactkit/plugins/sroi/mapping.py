"""The impact map of a study, resolved: rows tied to stakeholders and outcome nodes, inputs, problems.

Rows come from ``methods.sroi.outcomes`` (inline) and/or the file ``methods.sroi.impact_map``.
Problems that make the calculation meaningless (a bad cell, a missing quantity or proxy value,
an unknown stakeholder) are *errors*: the SROI figures are then not computed, rather than
computed from a map known to be wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from impactkit.plugin import Finding, Location, Text

from .calc import MapArrays
from .io import ImportedMap, MapFileError, MapProblem, Origin, RowReader, read_impact_map
from .model import Estimate, SroiSettings, ValueMapRow
from .texts import principle

if TYPE_CHECKING:  # pragma: no cover
    from impactkit.plugin import Study

Locator = Callable[[Sequence[str | int]], Location | None]


@dataclass
class Line:
    """One resolved row of the impact map."""

    index: int
    row: ValueMapRow
    origin: Origin
    stakeholder_id: str
    stakeholder_name: str
    outcome_id: str
    outcome_name: str
    node_kind: str | None = None  # "outcome" / "impact" … when the outcome is a node of the study

    @property
    def label(self) -> str:
        return f"{self.stakeholder_name} — {self.outcome_name}"


@dataclass
class InputLine:
    """One input (investment): from the study's ``inputs`` or from ``methods.sroi.inputs``."""

    name: str
    stakeholder_id: str
    stakeholder_name: str
    value: Estimate | None
    in_kind: bool
    valuation: str | None
    source: str  # "study" or "sroi"
    index: int
    activities: tuple[str, ...] = ()
    input_id: str | None = None

    @property
    def amount(self) -> float:
        return 0.0 if self.value is None else self.value.value


@dataclass
class ValueMap:
    settings: SroiSettings
    lines: list[Line] = field(default_factory=list)
    inputs: list[InputLine] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    file: Path | None = None
    study_file: str | None = None

    @property
    def ok(self) -> bool:
        """No error: the figures can be computed."""
        return not any(p.severity == "error" for p in self.problems)

    @property
    def total_inputs(self) -> float:
        return float(sum(item.amount for item in self.inputs))

    def arrays(self) -> MapArrays:
        rows = []
        for line in self.lines:
            row = line.row
            rows.append(
                {
                    name: row.number(name)
                    for name in (
                        "quantity",
                        "proxy_value",
                        "deadweight",
                        "displacement",
                        "attribution",
                        "drop_off",
                        "duration",
                    )
                }
                | {"starts_after_activity": row.starts_after_activity}
            )
        return MapArrays.build(rows, [item.amount for item in self.inputs], self.settings.rate)

    def location(self, line: Line, key: str | None = None, locate: Locator | None = None) -> Location | None:
        return origin_location(line.origin, key, locate)


def origin_location(origin: Origin, key: str | None, locate: Locator | None) -> Location | None:
    """Where ``key`` of a row is: a cell of the file (row and column) or a line of the YAML."""
    if origin.file is not None:
        return Location(file=origin.file, row=origin.row, key=origin.header(key) if key else None)
    if origin.index is None or locate is None:
        return None
    path: list[str | int] = ["methods", "sroi", "outcomes", origin.index]
    if key:
        path.append(key)
    try:
        return locate(path)
    except Exception:
        return None


def _outcome_nodes(study: "Study") -> tuple[dict[str, tuple[str, str, str]], dict[str, tuple[str, str, str]]]:
    by_id: dict[str, tuple[str, str, str]] = {}
    by_name: dict[str, tuple[str, str, str]] = {}
    for kind, node in study.chain_nodes():
        entry = (node.id, node.name, kind)
        by_id.setdefault(node.id, entry)
        by_name.setdefault(node.name.strip().casefold(), entry)
    return by_id, by_name


def problem_finding(problem: MapProblem) -> Finding:
    return Finding(
        code=problem.code,
        severity=problem.severity,
        message=problem.message,  # type: ignore[arg-type]
        location=Location(file=problem.file, row=problem.row, key=problem.column),
    )


def build_value_map(
    study: "Study", settings: SroiSettings, locate: Locator | None = None, read: RowReader | None = None
) -> ValueMap:
    """Resolve the impact map of ``study`` (inline rows first, then the file's, read with ``read``:
    see :data:`.io.RowReader`; by default impactkit's own formats)."""
    vm = ValueMap(settings=settings, study_file=str(study.path) if study.path else None)
    rows: list[tuple[ValueMapRow, Origin]] = [(row, Origin(index=i)) for i, row in enumerate(settings.outcomes)]
    if settings.impact_map:
        path = study.directory / settings.impact_map
        vm.file = path
        try:
            imported: ImportedMap = read_impact_map(path, display=str(path), read=read)
        except MapFileError as exc:
            vm.problems.append(problem_finding(exc.problem))
            imported = ImportedMap([], [], [])
        vm.problems += [problem_finding(p) for p in imported.problems]
        rows += list(zip(imported.rows, imported.origins, strict=True))
        rejected = ImportedMap([], [], [], imported.rejected)
        vm.problems += [_unknown_holder(p) for p in resolve_stakeholders(study, rejected)]

    by_id, by_name = _outcome_nodes(study)
    known = ", ".join(h.id for h in study.stakeholders) or "-"
    for index, (row, origin) in enumerate(rows):
        holder = study.stakeholder(row.stakeholder)
        if holder is None:
            vm.problems.append(
                Finding(
                    code="sroi.unknown-stakeholder",
                    severity="error",
                    message=Text(
                        en=f"stakeholder '{row.stakeholder}' is not one of the study's stakeholders ({known}); "
                        f"add it under 'stakeholders' or use one of those ids {principle(1, 'en')}",
                        nl=f"belanghebbende '{row.stakeholder}' hoort niet bij de stakeholders van de studie "
                        f"({known}); voeg hem toe onder 'stakeholders' of gebruik een van die id's "
                        f"{principle(1, 'nl')}",
                    ),
                    location=origin_location(origin, "stakeholder", locate),
                )
            )
        node = by_id.get(row.outcome) or by_name.get(row.outcome.strip().casefold())
        vm.lines.append(
            Line(
                index=index,
                row=row,
                origin=origin,
                stakeholder_id=holder.id if holder else row.stakeholder,
                stakeholder_name=holder.name if holder else row.stakeholder,
                outcome_id=node[0] if node else row.outcome,
                outcome_name=node[1] if node else row.outcome,
                node_kind=node[2] if node else None,
            )
        )
        for key, number in (("quantity", 4), ("proxy_value", 3)):
            if getattr(row, key) is None:
                what = {
                    "quantity": Text(en="how many experience it (quantity)", nl="hoeveel mensen het ervaren (aantal)"),
                    "proxy_value": Text(
                        en="the value of its financial proxy (proxy_value)",
                        nl="de waarde van de financiële proxy (proxy_value)",
                    ),
                }[key]
                vm.problems.append(
                    Finding(
                        code=f"sroi.missing-{key.replace('_', '-')}",
                        severity="error",
                        message=Text(
                            en=f"'{row.outcome}' for '{row.stakeholder}' does not say {what.en}; "
                            f"expected a number {principle(number, 'en')}",
                            nl=f"'{row.outcome}' voor '{row.stakeholder}' vermeldt niet {what.nl}; "
                            f"verwacht een getal {principle(number, 'nl')}",
                        ),
                        location=origin_location(origin, key, locate),
                    )
                )

    if settings.include_study_inputs:
        for i, item in enumerate(study.inputs):
            holder = study.stakeholder(item.stakeholder)
            vm.inputs.append(
                InputLine(
                    name=item.name,
                    stakeholder_id=holder.id if holder else item.stakeholder,
                    stakeholder_name=holder.name if holder else item.stakeholder,
                    value=None if item.value is None else Estimate(value=item.value),
                    in_kind=item.in_kind,
                    valuation=item.valuation,
                    source="study",
                    index=i,
                    activities=tuple(item.to),
                    input_id=item.id,
                )
            )
    for i, extra in enumerate(settings.inputs):
        holder = study.stakeholder(extra.stakeholder)
        if holder is None:
            where = locate(["methods", "sroi", "inputs", i, "stakeholder"]) if locate else None
            vm.problems.append(
                Finding(
                    code="sroi.unknown-stakeholder",
                    severity="error",
                    message=Text(
                        en=f"input '{extra.name}': stakeholder '{extra.stakeholder}' is not one of the "
                        f"study's stakeholders ({known}) {principle(1, 'en')}",
                        nl=f"investering '{extra.name}': belanghebbende '{extra.stakeholder}' hoort niet bij "
                        f"de stakeholders van de studie ({known}) {principle(1, 'nl')}",
                    ),
                    location=where,
                )
            )
        vm.inputs.append(
            InputLine(
                name=extra.name,
                stakeholder_id=holder.id if holder else extra.stakeholder,
                stakeholder_name=holder.name if holder else extra.stakeholder,
                value=extra.value,
                in_kind=extra.in_kind,
                valuation=extra.valuation,
                source="sroi",
                index=i,
            )
        )
    return vm


def _unknown_holder(problem: MapProblem) -> Finding:
    return Finding(
        code="sroi.unknown-stakeholder",
        severity="error",
        message=Text(en=f"{problem.message.en} {principle(1, 'en')}", nl=f"{problem.message.nl} {principle(1, 'nl')}"),
        location=Location(file=problem.file, row=problem.row, key=problem.column),
    )


def row_checks(rows: list[ValueMapRow], origins: list[Origin]) -> list[MapProblem]:
    """The problems of an imported file that need no study: missing quantity or proxy value."""
    out = []
    for row, origin in zip(rows, origins, strict=True):
        for key in ("quantity", "proxy_value"):
            if getattr(row, key) is None:
                out.append(
                    MapProblem(
                        origin.file or "-",
                        origin.row,
                        origin.header(key),
                        Text(
                            en=f"'{origin.header(key)}' is empty; expected a number",
                            nl=f"'{origin.header(key)}' is leeg; verwacht een getal",
                        ),
                        code=f"sroi.missing-{key.replace('_', '-')}",
                    )
                )
    return out


def resolve_stakeholders(study: "Study", imported: ImportedMap) -> list[MapProblem]:
    """Problems of rows (also rows left out for a bad cell) whose stakeholder is not in ``study``."""
    known = ", ".join(h.id for h in study.stakeholders) or "-"
    out = []
    pairs = [(row.stakeholder, origin) for row, origin in zip(imported.rows, imported.origins, strict=True)]
    for name, origin in pairs + list(imported.rejected):
        if name and study.stakeholder(name) is None:
            out.append(
                MapProblem(
                    origin.file or "-",
                    origin.row,
                    origin.header("stakeholder"),
                    Text(
                        en=f"stakeholder '{name}' is not one of the study's stakeholders ({known})",
                        nl=f"belanghebbende '{name}' hoort niet bij de stakeholders van de studie ({known})",
                    ),
                    code="sroi.unknown-stakeholder",
                )
            )
    return out
