"""One SROI analysis of one study: the resolved map, the calculation, sensitivity and Monte Carlo.

Everything is computed on first use and kept, so the metrics, tables, charts and report of one
run share the work (the plugin stores one :class:`Analysis` per run with ``ctx.memo``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .calc import FIELDS, Calculation, MapArrays, calculate
from .io import RowReader
from .mapping import Locator, ValueMap, build_value_map
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
    def params(self) -> list[Param]:
        out: list[Param] = []
        for line in self.value_map.lines:
            for name in FIELDS:
                est = getattr(line.row, name)
                if est is not None:
                    out.append(Param("row", line.index, name, est, FIELD_KINDS[name], f"{line.label}: {name}"))
        for i, item in enumerate(self.value_map.inputs):
            if item.value is not None and (item.value.low is not None or item.value.distribution is not None):
                out.append(Param("input", i, "value", item.value, "count", f"{item.stakeholder_name} — {item.name}"))
        out.append(Param("rate", 0, "discount_rate", self.settings.discount_rate, "fraction", "discount rate"))
        return out

    def param_label(self, param: Param | None, lang: str) -> str:
        if param is None:
            return WORDS["total-inputs"].get(lang)
        if param.target == "rate":
            return WORDS["discount-rate"].get(lang)
        if param.target == "input":
            item = self.value_map.inputs[param.index]
            return f"{item.stakeholder_name} — {item.name}"
        line = self.value_map.lines[param.index]
        return f"{line.label}: {LABELS[param.field].get(lang)}"

    def _param_parts(self, param: Param | None) -> tuple[str | None, str | None, str]:
        if param is None:
            return None, None, "inputs"
        if param.target == "row":
            line = self.value_map.lines[param.index]
            return line.stakeholder_id, line.outcome_id, param.field
        if param.target == "input":
            return self.value_map.inputs[param.index].stakeholder_id, None, "input"
        return None, None, "discount_rate"

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

    # -- tables ----------------------------------------------------------------------------------
    def value_map_frame(self) -> "pd.DataFrame | None":
        import pandas as pd

        calc = self.calculation
        if calc is None:
            return None
        total = calc.total_present_value
        records = []
        for i, line in enumerate(self.value_map.lines):
            row = line.row
            record: dict[str, Any] = {
                "row": i + 1,
                "stakeholder": line.stakeholder_id,
                "outcome": line.outcome_id,
                "indicator": row.indicator,
            }
            for name in (
                "quantity",
                "proxy_value",
                "deadweight",
                "displacement",
                "attribution",
                "drop_off",
                "duration",
            ):
                record[name] = row.number(name)
            record["starts_after_activity"] = row.starts_after_activity
            record["impact"] = float(calc.impact[i])
            for t in range(calc.years.shape[1]):
                record[f"year_{t + 1}"] = float(calc.years[i, t])
            record["present_value"] = float(calc.present_value[i])
            record["share_of_value"] = float(calc.present_value[i] / total) if total else None
            records.append(record)
        return pd.DataFrame(records).set_index("row")

    def by_stakeholder(self) -> list[dict[str, Any]]:
        """Who gets the value and who pays: one record per stakeholder with value or inputs."""
        calc = self.calculation
        if calc is None:
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
        for item in self.value_map.inputs:
            e = entry(item.stakeholder_id)
            e["inputs"] += item.amount
            if item.in_kind:
                e["inputs_in_kind"] += item.amount
        out = []
        for key in sorted(data, key=lambda k: (order.index(k) if k in order else len(order), k)):
            e = data[key]
            e["net_value"] = e["present_value"] - e["inputs"]
            e["share_of_value"] = e["present_value"] / total if total else None
            out.append(e)
        return out

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
        import pandas as pd

        calc = self.calculation
        if calc is None or calc.years.size == 0:
            return None
        values = calc.years.sum(axis=0)
        discounted = values * calc.discount
        base = self.settings.base_year
        records = []
        running = 0.0
        for t in range(values.shape[0]):
            running += float(discounted[t])
            records.append(
                {
                    "year": t + 1,
                    "calendar_year": base + t + 1 if base else None,
                    "value": float(values[t]),
                    "discount_factor": float(calc.discount[t]),
                    "present_value": float(discounted[t]),
                    "cumulative_present_value": running,
                }
            )
        return pd.DataFrame(records).set_index("year")

    def tornado_frame(self, lang: str = "en") -> "pd.DataFrame | None":
        import pandas as pd

        base, rows = self.tornado
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
                    "base": r.param.estimate.value,
                    "low": r.low,
                    "high": r.high,
                    "range_from": r.source,
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
