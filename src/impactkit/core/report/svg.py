"""A drawn SVG made fit to stand inline in an HTML page, beside other SVGs.

* every ``id`` gets the figure's own prefix, and every reference to it (``href="#…"``,
  ``url(#…)``) follows, so two figures never share an id;
* the text asks for :data:`~impactkit.core.render.FONT_STACK`: the font it was measured with
  first (DejaVu Sans, on every Debian machine and shipped with matplotlib), then fonts as wide
  (Verdana) and narrower ones (Arial, Helvetica, Liberation Sans) — so a label fits its box with
  any of them;
* no XML prolog, doctype, comments, scripts, event handlers, style sheets (matplotlib's global
  ``*{…}`` rule would reach the page) or links out of the figure; Graphviz's ``<title>``
  elements (internal node ids) go, and the figure gets its own title for screen readers;
* the size scales down with the page (``max-width: 100%``), keeping the drawn size as the most.
"""

from __future__ import annotations

import re

from ..render import FONT_STACK

XLINK = "http://www.w3.org/1999/xlink"
SVG = "http://www.w3.org/2000/svg"
_URL = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
_FONT_IN_STYLE = re.compile(r"font-family\s*:\s*[^;]+")


def inline_svg(data: bytes, prefix: str, title: str) -> str:
    """``data`` (an SVG document) as an ``<svg>`` element for inside a page, its ids prefixed with ``prefix``."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, remove_pis=True, huge_tree=True
    )
    root = etree.fromstring(data, parser)
    ids: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        value = element.get("id")
        if value is not None:
            ids[value] = f"{prefix}-{value}"

    def renamed(match: re.Match[str]) -> str:
        return f"url(#{ids.get(match.group(1), match.group(1))})"

    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local in ("script", "style", "foreignObject") or (local == "title" and element is not root):
            doomed.append(element)
            continue
        for name, value in list(element.attrib.items()):
            key = etree.QName(name).localname
            if key.lower().startswith("on"):
                del element.attrib[name]
            elif key == "id":
                element.set(name, ids[value])
            elif key == "href":
                if value.startswith("#") and value[1:] in ids:
                    element.set(name, "#" + ids[value[1:]])
                else:  # a link out of the figure: none in a self-contained page
                    del element.attrib[name]
            elif key == "font-family":
                element.set(name, FONT_STACK)
            elif key == "style":
                element.set(name, _FONT_IN_STYLE.sub(f"font-family: {FONT_STACK}", _URL.sub(renamed, value)))
            elif "url(" in value:
                element.set(name, _URL.sub(renamed, value))
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            if element.tail and element.tail.strip():
                previous = element.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + element.tail
                else:
                    parent.text = (parent.text or "") + element.tail
            parent.remove(element)
    # matplotlib's style sheet said this of every element; as inherited attributes it stays in the figure
    root.set("stroke-linejoin", root.get("stroke-linejoin", "round"))
    root.set("stroke-linecap", root.get("stroke-linecap", "butt"))
    root.set("role", "img")
    root.set("aria-label", title)
    root.set("class", "drawing")
    root.set("style", "max-width: 100%; height: auto")
    heading = etree.Element(f"{{{SVG}}}title")
    heading.text = title
    root.insert(0, heading)
    etree.cleanup_namespaces(root)
    return etree.tostring(root, encoding="unicode")
