"""Turning diagrams (DOT) and charts (matplotlib figures) into files.

DOT is rendered by the system Graphviz ``dot`` when it is installed, otherwise by
``graphviz-pure`` (a pip-installed port, so SVG and PNG work on a fresh machine). PDF without a
system Graphviz is made from a high-resolution PNG (graphviz-pure has no PDF output).
``IMPACTKIT_RENDERER=dot`` or ``=graphviz-pure`` forces one. DOT and Mermaid text need no renderer.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from .errors import UserError
from .numbers import format_list

DIAGRAM_FORMATS = ("svg", "png", "pdf", "dot", "mermaid")

FONT = "DejaVu Sans"
"""The font diagrams are laid out with: on every Debian machine (fonts-dejavu-core) and shipped with
matplotlib, and one whose widths both renderers know, so each label is measured as it is drawn."""
FONT_STACK = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', Arial, Helvetica, 'Liberation Sans', sans-serif"
"""What a drawn SVG asks for: the measured font, then one as wide (Verdana, Vera), then narrower ones,
so a label that fits with DejaVu Sans fits with each."""
PNG_DPI = 150
"""A diagram's PNG resolution: sharp on paper (the PDF and Word reports print it), as the charts'."""
_SANS = re.compile(r'\b(fontname|face)(\s*=\s*)"?(helvetica|arial|sans-serif|sans)"?(?=[\s,;\]>/]|$)', re.IGNORECASE)
CHART_FORMATS = ("svg", "png", "pdf")


class RenderError(UserError):
    """No renderer could produce the requested format."""


class DotError(RenderError):
    """The renderer refused the DOT text itself (a syntax error in it): the fault of whoever wrote
    the DOT, which :meth:`impactkit.core.result.Result.render` reports as that plugin's failure."""


def _graphviz_pure() -> str | None:
    found = shutil.which("graphviz-pure")
    if found:
        return found
    candidate = Path(sys.executable).with_name("graphviz-pure")  # the venv's bin/, when not on PATH
    return str(candidate) if candidate.exists() else None


def renderer() -> tuple[str, str] | None:
    """``(name, executable)`` of the DOT renderer to use, or ``None`` when there is none."""
    forced = os.environ.get("IMPACTKIT_RENDERER", "").strip()
    system = shutil.which("dot")
    pure = _graphviz_pure()
    if forced == "dot":
        return ("dot", system) if system else None
    if forced == "graphviz-pure":
        return ("graphviz-pure", pure) if pure else None
    if system:
        return "dot", system
    if pure:
        return "graphviz-pure", pure
    return None


UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
"""Link targets a drawing never carries: a click on them would run code or show made-up content."""
_DOT_TOKEN = re.compile(
    r"""(?P<skip>\s+|//[^\n]*|/\*.*?\*/|^\s*\#[^\n]*)"""
    r"""|(?P<string>"(?:[^"\\]|\\.)*")"""
    r"""|(?P<html><)"""
    r"""|(?P<word>[^\s"<>=\[\]{};,]+)"""
    r"""|(?P<other>.)""",
    re.DOTALL | re.MULTILINE,
)
_HTML_HREF = re.compile(r"""\bhref\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def _html_string(dot: str, start: int) -> int:
    """The end of the HTML-like string ``<…>`` (its brackets nest) that opens at ``start``."""
    depth, at = 0, start
    while at < len(dot):
        if dot[at] == "<":
            depth += 1
        elif dot[at] == ">":
            depth -= 1
            if depth == 0:
                return at + 1
        at += 1
    return len(dot)


def _unsafe(target: str) -> bool:
    import html

    plain = "".join(c for c in html.unescape(target) if c > " ").casefold()  # browsers skip those too
    return plain.startswith(UNSAFE_SCHEMES)


def unsafe_links(dot: str) -> list[str]:
    """The link targets in ``dot`` that start with ``javascript:``, ``data:`` or ``vbscript:``: the
    value of every attribute whose name ends in ``URL`` or ``href`` (``URL``, ``href``,
    ``tailURL``, ``labelhref`` …), and every ``HREF`` in an HTML-like label. Text inside a label or
    tooltip is not a link and is not looked at."""
    tokens: list[tuple[str, str]] = []
    found: list[str] = []
    at = 0
    while at < len(dot):
        match = _DOT_TOKEN.match(dot, at)
        if match is None:  # pragma: no cover - the last alternative takes any character
            break
        kind = match.lastgroup or "other"
        end = match.end()
        if kind == "html":
            end = _html_string(dot, at)
            value = dot[at:end]
            found += [m.group(1).strip("\"'") for m in _HTML_HREF.finditer(value) if _unsafe(m.group(1).strip("\"'"))]
        else:
            value = match.group(0)
        if kind != "skip":
            tokens.append((kind, value))
        at = end
    for (name_kind, name), (_, sign), (value_kind, value) in zip(tokens, tokens[1:], tokens[2:]):
        lowered = name.strip('"').casefold()
        if sign != "=" or name_kind not in ("word", "string") or not lowered.endswith(("url", "href")):
            continue
        target = value[1:-1].replace('\\"', '"') if value_kind == "string" else value
        if _unsafe(target):
            found.append(target)
    return found


def check_links(dot: str) -> None:
    """Refuse (:class:`DotError`) DOT text with a ``javascript:``, ``data:`` or ``vbscript:`` link
    (:func:`unsafe_links`): no drawing impactkit makes carries one."""
    bad = unsafe_links(dot)
    if bad:
        shown = bad[0] if len(bad[0]) <= 60 else bad[0][:59] + "…"
        raise DotError(
            f"a link to '{shown}' in the diagram is refused: impactkit draws no javascript:, data: or vbscript: links",
            f"een koppeling naar '{shown}' in het diagram is geweigerd: impactkit tekent geen javascript:-, data:- "
            "of vbscript:-koppelingen",
        )


def render_dot(dot: str, fmt: str) -> bytes:
    """Render DOT text to ``svg``, ``png`` or ``pdf`` bytes (``dot``: the text itself); DOT with an
    unsafe link (:func:`check_links`) is refused in every format."""
    check_links(dot)
    if fmt == "dot":
        return dot.encode("utf-8")
    if fmt not in ("svg", "png", "pdf"):
        raise RenderError(
            f"cannot render a diagram as {fmt!r}; use {format_list(DIAGRAM_FORMATS, 'en', style='or')}",
            f"een diagram kan niet als {fmt!r}; kies {format_list(DIAGRAM_FORMATS, 'nl', style='or')}",
        )
    found = renderer()
    if found is None:
        raise RenderError(
            "no Graphviz renderer found: install impactkit's dependency graphviz-pure "
            "or a system Graphviz, or ask for --format dot or mermaid",
            "geen Graphviz gevonden: installeer graphviz-pure (een afhankelijkheid van impactkit) "
            "of Graphviz zelf, of vraag om --format dot of mermaid",
        )
    name, exe = found
    dot = with_font(dot)
    if fmt == "pdf" and name == "graphviz-pure":
        png = _run(exe, dot, "png", extra=["-Gdpi=200"])
        from PIL import Image

        out = BytesIO()
        Image.open(BytesIO(png)).convert("RGB").save(out, format="PDF", resolution=200.0)
        return out.getvalue()
    drawn = _run(exe, dot, fmt, extra=[f"-Gdpi={PNG_DPI}"] if fmt == "png" else None)
    if fmt == "svg":  # the font it was measured with, then fonts no wider
        drawn = drawn.replace(f'font-family="{FONT}"'.encode(), f'font-family="{FONT_STACK}"'.encode())
    return drawn


def with_font(dot: str) -> str:
    """``dot`` laid out in :data:`FONT`: a sans-serif font it names (Helvetica, Arial) becomes
    DejaVu Sans, whose widths the renderer knows, and so does the default (Times)."""
    return _SANS.sub(lambda m: f'{m.group(1)}{m.group(2)}"{FONT}"', dot)


def _run(exe: str, dot: str, fmt: str, extra: list[str] | None = None) -> bytes:
    proc = subprocess.run(
        [exe, f"-T{fmt}", f"-Gfontname={FONT}", f"-Nfontname={FONT}", f"-Efontname={FONT}", *(extra or [])],
        input=dot.encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=False,
    )
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[0] if detail else proc.returncode
        raise DotError(f"{Path(exe).name} failed: {reason}", f"{Path(exe).name} faalde: {reason}")
    return proc.stdout


def render_chart(figure: Any, fmt: str) -> bytes:
    """Save a matplotlib figure as ``svg``, ``png`` or ``pdf`` bytes (reproducibly) and close it."""
    return render_charts(figure, (fmt,))[fmt]


def render_charts(figure: Any, formats: Sequence[str]) -> dict[str, bytes]:
    """Save one matplotlib figure in each of ``formats`` (reproducibly), then close it.

    Returns format → bytes, in the order given. The figure is closed even when a format is
    refused or saving fails.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    try:
        for fmt in formats:
            if fmt not in CHART_FORMATS:
                raise RenderError(
                    f"cannot render a chart as {fmt!r}; use {format_list(CHART_FORMATS, 'en', style='or')}",
                    f"een grafiek kan niet als {fmt!r}; kies {format_list(CHART_FORMATS, 'nl', style='or')}",
                )
        matplotlib.rcParams["svg.hashsalt"] = "impactkit"
        images: dict[str, bytes] = {}
        for fmt in formats:
            out = BytesIO()
            metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}.get(fmt, {})
            figure.savefig(out, format=fmt, bbox_inches="tight", dpi=150, metadata=metadata)
            images[fmt] = out.getvalue()
        return images
    finally:
        plt.close(figure)
