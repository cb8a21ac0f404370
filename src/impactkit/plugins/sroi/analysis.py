"""One SROI analysis of one study: the resolved map, the calculation, sensitivity and Monte Carlo.

Everything is computed on first use and kept, so the metrics, tables, charts and report of one
run share the work (the plugin stores one :class:`Analysis` per run with ``ctx.memo``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from impactkit.plugin import format_list

from .calc import FIELDS, Calculation, MapArrays, calculate
from .io import RowReader
from .mapping import Line, Locator, ValueMap, build_value_map
from .model import FIELD_KINDS, SroiSettings
from .sensitivity import MonteCarloResult, Param, SwitchRow, TornadoRow, monte_carlo, one_at_a_time, switching_values
from .texts import LABELS, WORDS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from impactkit.plugin import Study


class Analysis:
    def __init__(
        self,
        study: "Study",
        settings: SroiSettings | None = None,
        locate: Locator | None = None,
        read: RowReader | None = None,
    ):
        """The analysis of ``study``'s ``methods.sroi`` (``settings``, by default the study's);
        ``locate`` finds a key path in the study file, ``read`` reads the impact-map file
        (:data:`.io.RowReader`; by default impactkit's own formats only)."""
        settings = settings if settings is not None else study.method("sroi")  # type: ignore[assignment]
        if settings is None:
            raise ValueError("the study has no methods.sroi section")
        self.study = study
        self.settings: SroiSettings = settings
        self.locate = locate
        self.value_map: ValueMap = build_value_map(study, settings, locate, read)

    @property
    def study_title(self) -> str:
        return self.study.title

    @property
    def computable(self) -> bool:
        return self.value_map.ok and bool(self.value_map.lines)

    @cached_property
    def arrays(self) -> MapArrays | None:
        return self.value_map.arrays() if self.computable else None

    @cached_property
    def calculation(self) -> Calculation | None:
        return calculate(self.arrays) if self.arrays is not None else None

    @property
    def summary(self) -> dict[str, float | None] | None:
        return self.calculation.summary() if self.calculation is not None else None

    # -- parameters ------------------------------------------------------------------------------
    @cached_property
    def factors(self) -> list[tuple[Line, int]]:
        """Every proxy factor, in the order of :attr:`MapArrays.factor_value`: its line and position."""
        return [(line, j) for line in self.value_map.lines for j in range(len(line.row.proxy_factors))]

    @cached_property
    def params(self) -> list[Param]:
        out: list[Param] = []
        k = 0
        for line in self.value_map.lines:
            for name in FIELDS:
                est = getattr(line.row, name)
                if est is None or (name == "proxy_value" and line.row.proxy_factors):
                    continue
                out.append(Param("row", line.index, name, est, FIELD_KINDS[name], f"{line.label}: {name}", line.index))
            for factor in line.row.proxy_factors:
                out.append(Param("factor", k, "proxy_factor", factor.value, "money", factor.name, line.index))
                k += 1
        for i, item in enumerate(self.value_map.inputs):
            if item.value is not None:
                out.append(Param("input", i, "value", item.value, "count", f"{item.stakeholder_name} — {item.name}"))
        out.append(Param("rate", 0, "discount_rate", self.settings.discount_rate, "fraction", "discount rate"))
        return out

    def line_label(self, line: Line) -> str:
        """``Stakeholder — outcome``, with the row's calendar year when it has one."""
        return line.label if line.row.year is None else f"{line.label} ({line.row.year})"

    def number_name(self, param: Param, lang: str) -> str:
        """What the number is, without its outcome: ``proxy value``, ``hours per week``."""
        if param.target == "factor":
            line, j = self.factors[param.index]
            return line.row.proxy_factors[j].name
        return LABELS[param.field].get(lang)

    def param_label(self, param: Param | None, lang: str, merged: tuple[Param, ...] = ()) -> str:
        """The assumption in words; ``merged``: the numbers of one tornado row, named together."""
        if param is None:
            return WORDS["total-inputs"].get(lang)
        if param.target == "rate":
            return WORDS["discount-rate"].get(lang)
        if param.target == "input":
            item = self.value_map.inputs[param.index]
            return f"{item.stakeholder_name} — {item.name}"
        line = self.value_map.lines[param.line]
        names = [self.number_name(p, lang) for p in (merged or (param,))]
        return f"{self.line_label(line)}: {format_list(names, lang)}"

    def _param_parts(self, param: Param | None) -> tuple[str | None, str | None, str]:
        if param is None:
            return None, None, "inputs"
        if param.target in ("row", "factor"):
            line = self.value_map.lines[param.line]
            return line.stakeholder_id, line.outcome_id, param.field
        if param.target == "input":
            return self.value_map.inputs[param.index].stakeholder_id, None, "input"
        return None, None, "discount_rate"

    def where(self, param: Param | None) -> dict[str, Any]:
        """Where the number is written: ``{"path": [...]}``, its key path in ``study.yaml``, or
        ``{"cell": {file, row, column}}`` for a row of an impact-map file; ``{}`` for the total inputs."""
        if param is None:
            return {}
        if param.target == "rate":
            return {"path": ["methods", "sroi", "discount_rate"]}
        if param.target == "input":
            return {"path": [*self.value_map.inputs[param.index].path, "value"]}
        line = self.value_map.lines[param.line]
        if param.target == "factor":
            key: list[str | int] = ["proxy_factors", self.factors[param.index][1], "value"]
        else:
            key = [param.field]
        if line.origin.index is not None:
            return {"path": ["methods", "sroi", "outcomes", line.origin.index, *key]}
        column = key[0] if param.target != "factor" else "proxy_factors"
        return {"cell": {"file": line.origin.file, "row": line.origin.row, "column": line.origin.header(str(column))}}

    def describe(self, param: Param | None) -> dict[str, Any]:
        """A number of the analysis as plain data: what it is, of which outcome and year, where."""
        stakeholder, outcome, field = self._param_parts(param)
        out: dict[str, Any] = {
            "target": "inputs" if param is None else param.target,
            "stakeholder": stakeholder,
            "outcome": outcome,
            "field": field,
        }
        if param is not None and param.target in ("row", "factor"):
            out["year"] = self.value_map.lines[param.line].row.year
        if param is not None and param.target == "factor":
            out["factor"] = self.number_name(param, "en")
        if param is not None and param.target == "input":
            item = self.value_map.inputs[param.index]
            out["input"] = item.input_id or item.name
            out["year"] = item.year
        return out | self.where(param)

    # -- sensitivity -----------------------------------------------------------------------------
    @cached_property
    def tornado(self) -> tuple[float | None, list[TornadoRow]]:
        if self.arrays is None:
            return None, []
        return one_at_a_time(self.arrays, self.params, self.settings.default_sensitivity)

    @cached_property
    def switching(self) -> list[SwitchRow]:
        if self.arrays is None:
            return []
        return switching_values(self.arrays, self.params)

    @cached_property
    def monte_carlo(self) -> MonteCarloResult | None:
        mc = self.settings.monte_carlo
        if not mc.enabled:
            return None
        return self.run_monte_carlo(mc.draws, mc.seed, mc.chunk_size)

    def run_monte_carlo(
        self, draws: int, seed: int, chunk_size: int | None = None, progress: Callable[[int, int], None] | None = None
    ) -> MonteCarloResult | None:
        """A simulation with these settings; ``progress(done, draws)`` after each chunk of draws."""
        if self.arrays is None:
            return None
        return monte_carlo(self.arrays, self.params, draws=draws, seed=seed, chunk_size=chunk_size, progress=progress)

    def tornado_records(self) -> list[dict[str, Any]]:
        """The tornado as plain data (``sroi.tornado``, ``impactkit sroi sensitivity --json``): per
        row the numbers it varies (several when they move the ratio identically), each with its
        base, low and high and where the range came from, and the ratio at both ends."""
        out = []
        for r in self.tornado[1]:
            numbers = [
                self.describe(p) | {"base": p.estimate.value, "low": low, "high": high, "range_from": source}
                for p, low, high, source in zip(r.params, r.lows, r.highs, r.sources, strict=True)
            ]
            out.append(
                {
                    "assumption": self.param_label(r.param, "en", r.params),
                    "numbers": numbers,
                    "ratio_low": r.ratio_low,
                    "ratio_high": r.ratio_high,
                    "swing": r.swing,
                }
            )
        return out

    def break_even_records(self) -> list[dict[str, Any]]:
        """The switching values as plain data (``sroi.break_even``): per number the value at which the
        ratio is 1:1 with everything else as it is (``None`` when it cannot get there on its own)."""
        return [
            {"assumption": self.param_label(r.param, "en")}
            | self.describe(r.param)
            | {"base": r.base, "switching_value": r.value, "change": r.change, "reachable": r.value is not None}
            for r in self.switching
        ]

    # -- who gets the value, per year ------------------------------------------------------------
    def by_stakeholder(self) -> list[dict[str, Any]]:
        """Who gets the value and who pays: one record per stakeholder with value or inputs (the
        inputs brought to the valuation year)."""
        calc = self.calculation
        if calc is None or self.arrays is None:
            return []
        total = calc.total_present_value
        order = [h.id for h in self.study.stakeholders]
        names = {h.id: h.name for h in self.study.stakeholders}
        data: dict[str, dict[str, Any]] = {}

        def entry(key: str) -> dict[str, Any]:
            return data.setdefault(
                key,
                {
                    "stakeholder": key,
                    "name": names.get(key, key),
                    "inputs": 0.0,
                    "inputs_in_kind": 0.0,
                    "impact": 0.0,
                    "present_value": 0.0,
                },
            )

        for i, line in enumerate(self.value_map.lines):
            e = entry(line.stakeholder_id)
            e["impact"] += float(calc.impact[i])
            e["present_value"] += float(calc.present_value[i])
        present = self.arrays.present_inputs
        for j, item in enumerate(self.value_map.inputs):
            e = entry(item.stakeholder_id)
            e["inputs"] += float(present[j])
            if item.in_kind:
                e["inputs_in_kind"] += float(present[j])
        out = []
        for key in sorted(data, key=lambda k: (order.index(k) if k in order else len(order), k)):
            e = data[key]
            e["net_value"] = e["present_value"] - e["inputs"]
            e["share_of_value"] = e["present_value"] / total if total else None
            e["ratio"] = e["present_value"] / calc.total_inputs if calc.total_inputs > 0 else None
            out.append(e)
        return out

    def ratio_by_stakeholder(self) -> dict[str, float] | None:
        """The value to each stakeholder who gets value, against all inputs ("for the city alone 3:1")."""
        calc = self.calculation
        if calc is None or calc.total_inputs <= 0:
            return None
        valued = {line.stakeholder_id for line in self.value_map.lines}
        return {r["stakeholder"]: r["ratio"] for r in self.by_stakeholder() if r["stakeholder"] in valued}

    def group_of(self, stakeholder_id: str) -> str:
        """A stakeholder's group (``group`` in the study), else the stakeholder itself."""
        holder = self.study.stakeholder(stakeholder_id)
        return (holder.group if holder is not None else None) or stakeholder_id

    def ratio_by_group(self) -> dict[str, float] | None:
        """The value to each group of stakeholders, against all inputs."""
        calc = self.calculation
        if calc is None or calc.total_inputs <= 0:
            return None
        out: dict[str, float] = {}
        for i, line in enumerate(self.value_map.lines):
            group = self.group_of(line.stakeholder_id)
            out[group] = out.get(group, 0.0) + float(calc.present_value[i]) / calc.total_inputs
        return out

    def year_label(self, offset: float, lang: str) -> str:
        """A year of the calculation: the calendar year, or ``Year 2`` when years are relative."""
        year = self.value_map.calendar(offset)
        return str(year) if year is not None else f"{WORDS['year'].get(lang)} {int(offset)}"

    def by_year(self) -> list[dict[str, Any]]:
        """Value, inputs and ratio per year (``sroi.by_year``): ``t`` years from the valuation year
        (the calendar ``year`` when the map has one), the value and inputs of that year as they are
        and brought to the valuation year, and the ratio of that year's value to its inputs."""
        import numpy as np

        from .calc import year_factor

        calc, arrays = self.calculation, self.arrays
        if calc is None or arrays is None:
            return []
        value = dict(zip(calc.offsets.tolist(), calc.years.sum(axis=0).tolist(), strict=True))
        spent: dict[float, float] = {}
        for amount, offset in zip(arrays.inputs.tolist(), arrays.input_offset.tolist(), strict=True):
            spent[offset] = spent.get(offset, 0.0) + amount
        offsets = sorted(set(value) | set(spent))
        factors = year_factor(np.array(offsets), arrays.rate, arrays.schedule)
        out = []
        for t, f in zip(offsets, factors.tolist(), strict=True):
            v, i = value.get(t, 0.0), spent.get(t, 0.0)
            out.append(
                {
                    "t": int(t),
                    "year": self.value_map.calendar(t),
                    "value": v,
                    "present_value": v * f,
                    "inputs": i,
                    "present_inputs": i * f,
                    "ratio": v / i if i > 0 else None,
                }
            )
        return out

    # -- tables ----------------------------------------------------------------------------------
    def value_map_frame(self) -> "pd.DataFrame | None":
        import pandas as pd

        calc = self.calculation
        if calc is None:
            return None
        total = calc.total_present_value
        calendar = self.value_map.valuation_year is not None
        records = []
        for i, line in enumerate(self.value_map.lines):
            row = line.row
            record: dict[str, Any] = {
                "row": i + 1,
                "stakeholder": line.stakeholder_id,
                "outcome": line.outcome_id,
                "indicator": row.indicator,
                "year": row.year,
            }
            for name in (
                "quantity",
                "proxy_value",
                "deadweight",
                "displacement",
                "attribution",
                "haircut",
                "drop_off",
                "duration",
            ):
                record[name] = row.number(name)
            record["starts_after_years"] = row.lag
            record["drop_off_starts"] = "first_year" if self.value_map.drop_off_first(line) else "second_year"
            record["impact"] = float(calc.impact[i])
            for t, offset in enumerate(calc.offsets.tolist()):
                key = self.value_map.calendar(offset) if calendar else int(offset)
                record[f"year_{key}"] = float(calc.years[i, t])
            record["present_value"] = float(calc.present_value[i])
            record["share_of_value"] = float(calc.present_value[i] / total) if total else None
            records.append(record)
        return pd.DataFrame(records).set_index("row")

    def by_stakeholder_frame(self) -> "pd.DataFrame | None":
        import pandas as pd

        records = self.by_stakeholder()
        return pd.DataFrame(records).set_index("stakeholder") if records else None

    def by_outcome(self) -> list[dict[str, Any]]:
        calc = self.calculation
        if calc is None:
            return []
        total = calc.total_present_value
        data: dict[str, dict[str, Any]] = {}
        for i, line in enumerate(self.value_map.lines):
            e = data.setdefault(
                line.outcome_id,
                {
                    "outcome": line.outcome_id,
                    "name": line.outcome_name,
                    "stakeholders": [],
                    "stakeholder_names": [],
                    "impact": 0.0,
                    "present_value": 0.0,
                },
            )
            if line.stakeholder_id not in e["stakeholders"]:
                e["stakeholders"].append(line.stakeholder_id)
                e["stakeholder_names"].append(line.stakeholder_name)
            e["impact"] += float(calc.impact[i])
            e["present_value"] += float(calc.present_value[i])
        for e in data.values():
            e["stakeholders"] = "; ".join(e["stakeholders"])
            e["stakeholder_names"] = "; ".join(e["stakeholder_names"])
            e["share_of_value"] = e["present_value"] / total if total else None
        return list(data.values())

    def by_outcome_frame(self) -> "pd.DataFrame | None":
        import pandas as pd

        records = self.by_outcome()
        return pd.DataFrame(records).set_index("outcome") if records else None

    def years_frame(self) -> "pd.DataFrame | None":
        """:meth:`by_year` as a table, with the discount factor and the cumulative present value; by
        calendar year (``t``: years from the valuation year), or by ``t`` when years are relative."""
        import pandas as pd

        from .calc import year_factor

        records = self.by_year()
        if not records or self.arrays is None:
            return None
        running = 0.0
        rows = []
        for r in records:
            running += r["present_value"]
            factor = float(year_factor(r["t"], self.arrays.rate, self.arrays.schedule))
            rows.append(
                {
                    "year": r["year"] if r["year"] is not None else r["t"],
                    "t": r["t"],
                    "value": r["value"],
                    "discount_factor": factor,
                    "present_value": r["present_value"],
                    "cumulative_present_value": running,
                    "inputs": r["inputs"],
                    "present_inputs": r["present_inputs"],
                    "ratio": r["ratio"],
                }
            )
        return pd.DataFrame(rows).set_index("year")

    def tornado_frame(self, lang: str = "en") -> "pd.DataFrame | None":
        import pandas as pd

        base, rows = self.tornado
        if not rows:
            return None
        records = []
        for r in rows:
            parts = [self._param_parts(p) for p in r.params]
            single = len(r.params) == 1

            def joined(values: list[Any]) -> Any:
                return values[0] if single else "; ".join(str(v) for v in values)  # noqa: B023

            records.append(
                {
                    "assumption": self.param_label(r.param, lang, r.params),
                    "stakeholder": parts[0][0],
                    "outcome": parts[0][1],
                    "field": joined([field for _, _, field in parts]),
                    "base": joined([p.estimate.value for p in r.params]),
                    "low": joined(list(r.lows)),
                    "high": joined(list(r.highs)),
                    "range_from": joined(list(r.sources)),
                    "ratio_low": r.ratio_low,
                    "ratio_high": r.ratio_high,
                    "swing": r.swing,
                }
            )
        return pd.DataFrame(records)

    def break_even_frame(self, lang: str = "en") -> "pd.DataFrame | None":
        import pandas as pd

        rows = self.switching
        if not rows:
            return None
        records = []
        for r in rows:
            stakeholder, outcome, field = self._param_parts(r.param)
            records.append(
                {
                    "assumption": self.param_label(r.param, lang),
                    "stakeholder": stakeholder,
                    "outcome": outcome,
                    "field": field,
                    "base": r.base,
                    "switching_value": r.value,
                    "change": r.change,
                    "reachable": r.value is not None,
                }
            )
        return pd.DataFrame(records)

    def monte_carlo_frame(self) -> "pd.DataFrame | None":
        import pandas as pd

        mc = self.monte_carlo
        if mc is None:
            return None
        return pd.DataFrame([{"statistic": k, "value": v} for k, v in mc.stats.items()]).set_index("statistic")
