"""The IDG section of the report (Markdown), in English or Dutch."""

from __future__ import annotations

from impactkit.plugin import md_escape, md_table

from . import analysis as a
from .state import State

L = {
    "intro": {
        "en": "{coded} of {n} {changes} {are} coded with the Inner Development Goals ({fw}). "
        "A change counts once in every dimension it is coded with (a skill counts for its dimension); "
        "shares are of the coded changes.",
        "nl": "{coded} van de {n} {changes} {are} gecodeerd met de Inner Development Goals ({fw}). "
        "Een verandering telt één keer mee bij elke dimensie waarmee ze is gecodeerd (een vaardigheid telt "
        "mee bij haar dimensie); aandelen zijn van de gecodeerde veranderingen.",
    },
    "dimension": {"en": "Dimension", "nl": "Dimensie"},
    "changes": {"en": "Changes", "nl": "Veranderingen"},
    "share": {"en": "Share", "nl": "Aandeel"},
    "group_line": {
        "en": "**{name}** ({dims}): {share} of the coded changes ({count})",
        "nl": "**{name}** ({dims}): {share} van de gecodeerde veranderingen ({count})",
    },
    "top": {"en": "Top changes per stakeholder group", "nl": "Belangrijkste veranderingen per stakeholdergroep"},
    "ranked": {
        "people": {
            "en": "ranked by the number of people reporting them",
            "nl": "gerangschikt op het aantal mensen dat ze noemt",
        },
        "importance": {"en": "ranked by their mean importance", "nl": "gerangschikt op hun gemiddelde belang"},
        "people_x_importance": {
            "en": "ranked by number of people × mean importance",
            "nl": "gerangschikt op aantal mensen × gemiddeld belang",
        },
    },
    "mean": {"en": "mean importance {value}", "nl": "gemiddeld belang {value}"},
    "reliability": {"en": "Reliability of the coding", "nl": "Betrouwbaarheid van de codering"},
    "rel_line": {
        "en": "{units} {were} coded by more than one coder ({coders}).",
        "nl": "{units} {were} door meer dan één codeur gecodeerd ({coders}).",
    },
    "agreement": {"en": "Agreement", "nl": "Overeenstemming"},
    "overall": {"en": "all dimensions", "nl": "alle dimensies"},
    "undefined": {"en": "n/a", "nl": "n.v.t."},
}


# (singular, plural) per language: every count the report prints agrees with its number
WORDS = {
    "people": {"en": ("person", "people"), "nl": ("persoon", "mensen")},
    "changes": {"en": ("change", "changes"), "nl": ("verandering", "veranderingen")},
    "experienced": {
        "en": ("experienced change", "experienced changes"),
        "nl": ("ervaren verandering", "ervaren veranderingen"),
    },
    "are": {"en": ("is", "are"), "nl": ("is", "zijn")},
    "were": {"en": ("was", "were"), "nl": ("is", "zijn")},
}


def word(key: str, n: int, lang: str) -> str:
    """The word for ``n`` things: ``word("people", 1, "nl")`` → ``persoon``."""
    one, many = WORDS[key]["nl" if lang == "nl" else "en"]
    return one if n == 1 else many


def count(n: int, key: str, lang: str) -> str:
    """``count(1, "people", "en")`` → ``1 person``; ``count(3, "people", "nl")`` → ``3 mensen``."""
    return f"{n} {word(key, n, lang)}"


def _l(key: str, lang: str, **params: object) -> str:
    text = L[key]["nl" if lang == "nl" else "en"]
    return text.format(**params) if params else text


def _num(value: float | None, lang: str, digits: int = 2) -> str:
    if value is None:
        return _l("undefined", lang)
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text


def _pct(value: float | None, lang: str) -> str:
    return _l("undefined", lang) if value is None else f"{round(value * 100)}%"


def render(s: State, lang: str) -> str | None:
    fw = s.framework
    coded_n = a.n_coded(s.coded)
    if not s.coded:
        return None
    out = [
        _l(
            "intro",
            lang,
            coded=coded_n,
            n=len(s.coded),
            changes=word("experienced", len(s.coded), lang),
            are=word("are", coded_n, lang),
            fw=fw.id,
        )
        + "\n"
    ]
    counts = a.dimension_counts(s.coded, fw)
    shares = a.dimension_shares(s.coded, fw) or {}
    out.append(
        md_table(
            [_l("dimension", lang), _l("changes", lang), _l("share", lang)],
            [
                [
                    f"{d.label(lang)}{' / ' + d.name if lang == 'nl' and d.name_nl != d.name else ''} "
                    f"({d.subtitle_for(lang)})",
                    str(counts[d.name]),
                    _pct(shares.get(d.name), lang),
                ]
                for d in fw.dimensions
            ],
        )
    )
    group_shares = a.group_shares(s.coded, s.settings.groups) or {}
    group_counts = a.group_counts(s.coded, s.settings.groups)
    for name, dims in s.settings.groups.items():
        out.append(
            "- "
            + _l(
                "group_line",
                lang,
                name=md_escape(name),
                dims=" + ".join(fw.label(d, lang) for d in dims),
                share=_pct(group_shares.get(name), lang),
                count=group_counts[name],
            )
        )
    if s.settings.groups:
        out.append("")

    top = a.top_changes(s.coded, fw, rank_by=s.settings.rank_by, top=s.settings.top)
    if top:
        ranked = L["ranked"][s.settings.rank_by]["nl" if lang == "nl" else "en"]
        out.append(f"### {_l('top', lang)}\n\n_{ranked}_\n")
        for group, entries in top.items():
            out.append(f"**{md_escape(group)}**\n")
            for entry in entries:
                details = [count(entry["people"], "people", lang)]
                if entry["mean_importance"] is not None:
                    details.append(_l("mean", lang, value=_num(entry["mean_importance"], lang, 1)))
                dims = ", ".join(fw.label(d, lang) for d in entry["dimensions"])
                if dims:
                    details.append(dims)
                out.append(f"{entry['rank']}. {md_escape(entry['theme'])} ({'; '.join(details)})")
            quoted = [e for e in entries if e["quote_kind"] == "quote"]
            if quoted:
                quote = quoted[0]
                who = f" — {md_escape(quote['quote_by'])}" if quote["quote_by"] else ""
                out.append(f"\n> “{md_escape(quote['quote'])}”{who}")
            out.append("")

    rel = a.reliability(s.records, fw)
    if rel:
        out.append(f"### {_l('reliability', lang)}\n")
        out.append(
            _l(
                "rel_line",
                lang,
                units=count(rel["units"], "changes", lang),
                were=word("were", rel["units"], lang),
                coders=", ".join(rel["coders"]),
            )
            + "\n"
        )
        rows = [
            [
                _l("overall", lang),
                _pct(rel["agreement"], lang) if rel["agreement"] is not None else "",
                _num(rel["kappa"], lang),
                _num(rel["alpha"], lang),
            ]
        ]
        for dim, entry in rel["per_dimension"].items():
            rows.append(
                [
                    fw.label(dim, lang),
                    _pct(entry.get("agreement"), lang) if "agreement" in entry else "",
                    _num(entry.get("kappa"), lang) if "kappa" in entry else "",
                    _num(entry["alpha"], lang),
                ]
            )
        out.append(md_table(["", _l("agreement", lang), "Cohen's κ", "Krippendorff's α"], rows))
    return "\n".join(out)
