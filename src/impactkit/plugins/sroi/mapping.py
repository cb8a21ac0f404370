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

from impactkit.plugin import Finding, Location, Text, catalog, fill, listed

from .calc import MapArrays
from .io import ImportedMap, MapFileError, MapProblem, Origin, RowReader, read_impact_map
from .model import NUMBER_FIELDS, Estimate, SroiSettings, ValueMapRow
from .parse import SroiValueError, text_to_float
from .texts import principle

if TYPE_CHECKING:  # pragma: no cover
    from impactkit.plugin import Study

MESSAGES = catalog(
    [
        (
            "unknown-stakeholder",
            "stakeholder '{name}' is not one of the study's stakeholders ({known}); add it under 'stakeholders' or "
            "use one of those ids",
            "belanghebbende '{name}' hoort niet bij de stakeholders van de studie ({known}); voeg hem toe onder "
            "'stakeholders' of gebruik een van die id's",
        ),
        (
            "unknown-stakeholder-of-input",
            "input '{input}': stakeholder '{name}' is not one of the study's stakeholders ({known})",
            "investering '{input}': belanghebbende '{name}' hoort niet bij de stakeholders van de studie ({known})",
        ),
        (
            "unknown-stakeholder-in-file",
            "stakeholder '{name}' is not one of the study's stakeholders ({known})",
            "belanghebbende '{name}' hoort niet bij de stakeholders van de studie ({known})",
        ),
        (
            "missing-quantity",
            "'{outcome}' for '{stakeholder}' does not say how many experience it (quantity); expected a number",
            "'{outcome}' voor '{stakeholder}' vermeldt niet hoeveel mensen het ervaren (aantal); verwacht een getal",
        ),
        (
            "missing-proxy-value",
            "'{outcome}' for '{stakeholder}' does not say the value of its financial proxy (proxy_value); expected "
            "a number",
            "'{outcome}' voor '{stakeholder}' vermeldt niet de waarde van de financiële proxy (proxy_value); "
            "verwacht een getal",
        ),
        ("empty-cell", "'{header}' is empty; expected a number", "'{header}' is leeg; verwacht een getal"),
        (
            "no-valuation-year",
            "the impact map names calendar years (year) but not the year to bring every amount to: give "
            "methods.sroi.valuation_year (or base_year), e.g. valuation_year: 2025",
            "de impactmap noemt kalenderjaren (year) maar niet het jaar waarnaar elk bedrag wordt omgerekend: "
            "geef methods.sroi.valuation_year (of base_year), bijv. valuation_year: 2025",
        ),
    ]
)


def _with_principle(message: Text, number: int) -> Text:
    tail = principle(number)
    return Text(en=f"{message.en} {tail.en}", nl=f"{message.nl} {tail.nl}")


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
    year: int | None = None
    """The calendar year it is spent (``None``: the base year)."""

    @property
    def amount(self) -> float:
        return 0.0 if self.value is None else self.value.value

    @property
    def path(self) -> tuple[str | int, ...]:
        """Where it is in ``study.yaml``."""
        return ("inputs", self.index) if self.source == "study" else ("methods", "sroi", "inputs", self.index)


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
        """The inputs as given, not brought to the valuation year (whether there are any)."""
        return float(sum(item.amount for item in self.inputs))

    @property
    def valuation_year(self) -> int | None:
        """The calendar year every amount is brought to; ``None`` when the map counts years only
        relative to the activity (no base or valuation year)."""
        return self.settings.valued_in

    @property
    def base_year(self) -> int:
        """The calendar year of inputs without a year; rows without a year start the year after it
        (0 when years are relative)."""
        settings = self.settings
        return settings.base_year if settings.base_year is not None else (self.valuation_year or 0)

    @property
    def uses_years(self) -> bool:
        """Whether the map counts calendar years: a row or input with a ``year``, rates per year, or
        a valuation year other than the base year."""
        settings = self.settings
        return (
            any(line.row.year is not None for line in self.lines)
            or any(item.year is not None for item in self.inputs)
            or bool(settings.rates)
            or (settings.valuation_year is not None and settings.valuation_year != settings.base_year)
        )

    def start_year(self, line: Line) -> int:
        """The calendar year (relative: the year number) of a row's first year of value."""
        row = line.row
        return (row.year if row.year is not None else self.base_year + 1) + row.lag

    def calendar(self, offset: float) -> int | None:
        """The calendar year at ``offset`` from the valuation year (``None`` when years are relative)."""
        return None if self.valuation_year is None else self.valuation_year + int(offset)

    def drop_off_first(self, line: Line) -> bool:
        return (line.row.drop_off_starts or self.settings.drop_off_starts) == "first_year"

    def groups(self) -> list[int]:
        """Per line its group: rows with a ``year`` that share stakeholder and outcome are one outcome
        over several calendar years (the same group, ≥ 0); −1 for the others."""
        ids: dict[tuple[str, str], int] = {}
        out = []
        for line in self.lines:
            if line.row.year is None:
                out.append(-1)
            else:
                out.append(ids.setdefault((line.stakeholder_id, line.outcome_id), len(ids)))
        return out

    def arrays(self) -> MapArrays:
        valued = self.valuation_year or 0
        base = self.base_year
        rows = []
        for line, group in zip(self.lines, self.groups(), strict=True):
            row = line.row
            numbers = {name: row.number(name) for name in NUMBER_FIELDS}
            rows.append(
                numbers
                | {
                    "start": self.start_year(line) - valued,
                    "drop_off_first": self.drop_off_first(line),
                    "group": None if group < 0 else group,
                    "factors": [f.value.value for f in row.proxy_factors],
                }
            )
        inputs = [(item.amount, (item.year if item.year is not None else base) - valued) for item in self.inputs]
        schedule = {year - valued: rate for year, rate in self.settings.rates.items()}
        return MapArrays.build(rows, inputs, self.settings.rate, schedule)

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
    known = listed(h.id for h in study.stakeholders)
    for index, (row, origin) in enumerate(rows):
        holder = study.stakeholder(row.stakeholder)
        if holder is None:
            vm.problems.append(
                Finding(
                    code="sroi.unknown-stakeholder",
                    severity="error",
                    message=_with_principle(
                        fill(MESSAGES["unknown-stakeholder"], name=row.stakeholder, known=known), 1
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
                code = f"missing-{key.replace('_', '-')}"
                vm.problems.append(
                    Finding(
                        code=f"sroi.{code}",
                        severity="error",
                        message=_with_principle(
                            fill(MESSAGES[code], outcome=row.outcome, stakeholder=row.stakeholder), number
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
                    year=item.year,
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
                    message=_with_principle(
                        fill(
                            MESSAGES["unknown-stakeholder-of-input"],
                            input=extra.name,
                            name=extra.stakeholder,
                            known=known,
                        ),
                        1,
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
                year=extra.year,
            )
        )
    vm.problems += _ambiguous_numbers(study, settings, locate)
    vm.problems += _years_without_a_valuation_year(vm, locate)
    return vm


def _ambiguous_numbers(study: "Study", settings: SroiSettings, locate: Locator | None) -> list[Finding]:
    """Numbers written as text that could be a thousand or a decimal (``"14.229"``): in an
    English study read as the decimal they plainly are in YAML; otherwise an error that names
    the forms that are accepted, with the line in ``study.yaml``."""
    if study.language == "en":
        return []
    found: list[tuple[tuple[str | int, ...], str]] = []
    for i, row in enumerate(settings.outcomes):
        where: tuple[str | int, ...] = ("methods", "sroi", "outcomes", i)
        found += [((*where, *key.split(".")), text) for key, text in row.ambiguous.items()]
        for j, factor in enumerate(row.proxy_factors):
            found += [((*where, "proxy_factors", j, *key.split(".")), text) for key, text in factor.ambiguous.items()]
    for i, extra in enumerate(settings.inputs):
        found += [(("methods", "sroi", "inputs", i, *key.split(".")), text) for key, text in extra.ambiguous.items()]
    out = []
    for path, text in found:
        try:
            text_to_float(text.strip().rstrip("%"))
        except SroiValueError as exc:
            out.append(
                Finding(
                    code="sroi.ambiguous-number",
                    severity="error",
                    message=exc.text,
                    location=locate(list(path)) if locate else None,
                )
            )
    return out


def _years_without_a_valuation_year(vm: ValueMap, locate: Locator | None) -> list[Finding]:
    """Calendar years on rows or inputs need a base or valuation year to count from."""
    if vm.valuation_year is not None:
        return []
    years = [line for line in vm.lines if line.row.year is not None]
    inputs = [item for item in vm.inputs if item.year is not None]
    if not years and not inputs:
        return []
    if years:
        where = origin_location(years[0].origin, "year", locate)
    else:
        where = locate([*inputs[0].path, "year"]) if locate else None
    return [
        Finding(
            code="sroi.no-valuation-year",
            severity="error",
            message=MESSAGES["no-valuation-year"],  # type: ignore[arg-type]
            location=where,
        )
    ]


def _unknown_holder(problem: MapProblem) -> Finding:
    return Finding(
        code="sroi.unknown-stakeholder",
        severity="error",
        message=_with_principle(problem.message, 1),
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
                        fill(MESSAGES["empty-cell"], header=origin.header(key)),
                        code=f"sroi.missing-{key.replace('_', '-')}",
                    )
                )
    return out


def resolve_stakeholders(study: "Study", imported: ImportedMap) -> list[MapProblem]:
    """Problems of rows (also rows left out for a bad cell) whose stakeholder is not in ``study``."""
    known = listed(h.id for h in study.stakeholders)
    out = []
    pairs = [(row.stakeholder, origin) for row, origin in zip(imported.rows, imported.origins, strict=True)]
    for name, origin in pairs + list(imported.rejected):
        if name and study.stakeholder(name) is None:
            out.append(
                MapProblem(
                    origin.file or "-",
                    origin.row,
                    origin.header("stakeholder"),
                    fill(MESSAGES["unknown-stakeholder-in-file"], name=name, known=known),
                    code="sroi.unknown-stakeholder",
                )
            )
    return out


def valued_pairs(study: "Study", settings: SroiSettings) -> list[tuple[str, str, str | None]]:
    """``(outcome id or name, stakeholder id, outcome node kind or None)`` of every row of the map
    whose stakeholder is the study's, in map order, each pair once: inline rows, then the file's
    rows as impactkit's own readers read them (a file that cannot be read adds nothing; the
    analysis reports it). For the study graph, where the map's stakeholders count as taking part."""
    rows = list(settings.outcomes)
    if settings.impact_map:
        try:
            rows += read_impact_map(study.directory / settings.impact_map).rows
        except MapFileError:
            pass
    by_id, by_name = _outcome_nodes(study)
    out: list[tuple[str, str, str | None]] = []
    for row in rows:
        holder = study.stakeholder(row.stakeholder)
        if holder is None:
            continue
        node = by_id.get(row.outcome) or by_name.get(row.outcome.strip().casefold())
        pair = (node[0], holder.id, node[2]) if node else (row.outcome, holder.id, None)
        if pair not in out:
            out.append(pair)
    return out
