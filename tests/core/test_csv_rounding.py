"""The CSV tables are machine-readable and rounded sensibly (shares to 4 decimals, money to cents,
counts whole, float noise gone, no pandas index), while the frames and metrics stay exact."""

from __future__ import annotations

import csv
import io
import re

import impactkit
from impactkit.core.contributions import Column, Table
from impactkit.core.hookspecs import hookimpl
from impactkit.core.i18n import Text
from impactkit.core.plugins import make_manager

T = Text(en="t", nl="t")


class Figures:
    @hookimpl
    def impactkit_tables(self):
        import pandas as pd

        frame = pd.DataFrame(
            {
                "group": ["a", "b"],
                "share": [5 / 23, 18 / 23],
                "euro": [402299.3612, -0.001],
                "people": [3.0, None],
                "mean": [2 / 3, 4.25],
                "noise": [0.1 + 0.2, 1.23456789e-7],
                "year_2025": [1234.56789, 0.125],  # a column the pattern year_{} declares
            }
        )
        kinds = {"share": "percent", "euro": "money", "people": "count", "mean": "number"}
        year = Column(title=Text(en="Value in {}", nl="Waarde in {}"), kind="money")
        return [
            Table(
                id="f.rounded",
                title=T,
                build=lambda ctx: frame,
                columns={**{name: Column(title=T, kind=kind) for name, kind in kinds.items()}, "year_{}": year},
            )
        ]


def test_a_tables_csv_is_rounded_by_the_kind_of_each_column_and_the_frame_stays_exact(write_study, tmp_path):
    manager = make_manager(load=["core"])
    manager.register(Figures(), "f")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager, lang="nl")
    result.write(tmp_path / "out", formats=(), report=())
    text = (tmp_path / "out" / "tables" / "f.rounded.csv").read_text(encoding="utf-8")
    assert text.splitlines() == [
        "group,share,euro,people,mean,noise,year_2025",
        "a,0.2174,402299.36,3,0.6667,0.3,1234.57",  # shares to 4 decimals, money to cents, a count whole
        "b,0.7826,0.0,,4.25,1.23457e-07,0.12",  # no -0.0; an empty count stays empty; small numbers keep 6 digits
    ]
    assert result.tables["f.rounded"]["share"][0] == 5 / 23  # the figures themselves are exact


def test_the_examples_tables_are_rounded_and_their_metrics_exact(tmp_path):
    result = impactkit.run(impactkit.load(impactkit.examples_dir() / "pwmi"), lang="nl")
    result.write(tmp_path / "out", formats=(), report=())
    folder = tmp_path / "out" / "tables"
    shares = list(csv.DictReader(io.StringIO((folder / "idg.dimensions.csv").read_text(encoding="utf-8"))))
    assert [row["share"] for row in shares] == ["0.1484", "0.1172", "0.2773", "0.3828", "0.0742"]
    assert result.metrics["idg.dimension_shares"]["Being"] == 38 / 256  # the metric keeps every digit
    for path in folder.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        header = text.splitlines()[0]
        assert not header.startswith(","), path.name  # no pandas index without a name
        long = re.findall(r"(?<![\w.])\d+\.\d{7,}(?![\w.])", text)
        assert long == [], (path.name, long[:3])  # nothing like 0.14843750000000001
    top = list(csv.DictReader(io.StringIO((folder / "idg.top_changes.csv").read_text(encoding="utf-8"))))
    first = result.metrics["idg.top_changes"][top[0]["group"]][0]
    assert top[0]["people"] == str(first["people"])
    assert top[0]["mean_importance"] == str(round(first["mean_importance"], 4)) != str(first["mean_importance"])
