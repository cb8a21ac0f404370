"""The study graph: a ``networkx.MultiDiGraph`` of stakeholders, inputs, the causal chain and changes.

Nodes carry ``kind`` (``stakeholder input activity output outcome impact change decision`` and
whatever plugins add), ``label`` and ``location`` (where the user defined it). Edges carry
``relation`` and, for explicit links, ``assumption``, ``evidence`` and ``confidence``.

Relations made by the core:

=================  ==========================================  ===============================
relation           from → to                                   from the study file
=================  ==========================================  ===============================
``provides``       stakeholder → input                         ``inputs[].stakeholder``
``invests_in``     input → activity                            ``inputs[].to``
``produces``       activity → output                           ``leads_to`` / ``comes_from``
``leads_to``       any other step → the next step              ``leads_to`` / ``comes_from``
``involves``       activity / output → stakeholder             ``stakeholders``
``experienced_by`` outcome / impact / change → stakeholder     ``stakeholders``, change ``stakeholder``
``evidence_of``    change → outcome                            change ``outcome``
``rests_on``       decision → node                             ``decisions[].evidence``
=================  ==========================================  ===============================
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from .contributions import Finding, GraphEdge, GraphNode, Location
from .i18n import Text, msg, plural
from .locate import locate, locate_change
from .model import each_value
from .numbers import format_list

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from .model import Study

CAUSAL_RELATIONS = frozenset({"invests_in", "produces", "leads_to"})


def change_node_id(study: "Study", index: int) -> str:
    """The node id of change ``index`` (counted from 0, as in ``study.change_list``): ``change:``
    and its id, or its position counted from 1 when it has none."""
    if isinstance(study.changes, list):
        change_id = study.change_list[index].id
    else:
        change_id = study._raw_frame()["id"].iat[index]  # a missing id is NaN in a table of text
    return f"change:{change_id}" if isinstance(change_id, str) and change_id else f"change:{index + 1}"


def downstream(
    graph: "nx.MultiDiGraph", start: str, *, stop: Collection[str] = (), relations: Collection[str] = CAUSAL_RELATIONS
) -> set[str]:
    """Every node reachable from ``start`` along edges whose ``relation`` is in ``relations``.

    The walk does not go on past a node in ``stop`` (that node itself is included); ``start`` is
    always walked from, and is never in the result, even on a cycle (as ``networkx.descendants``).
    A ``start`` that is not in the graph reaches nothing.
    """
    if start not in graph:
        return set()
    succ = graph.succ
    seen: set[str] = set()
    todo = [start]
    while todo:
        node = todo.pop()
        for target, edges in succ[node].items():
            if target in seen or target == start:
                continue
            if any(data.get("relation") in relations for data in edges.values()):
                seen.add(target)
                if target not in stop:
                    todo.append(target)
    return seen


class _Builder:
    def __init__(self, study: "Study"):
        import networkx as nx

        self.study = study
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph(id=study.id, title=study.title)
        self.findings: list[Finding] = []

    def error(self, code: str, message: Text, where: Location | None) -> None:
        self.findings.append(Finding(code=code, severity="error", plugin="core", message=message, location=where))

    def where(self, node_id: str) -> Location | None:
        data = self.graph.nodes[node_id]
        if data.get("location") is None and data.get("change_index") is not None:
            return locate_change(self.study, data["change_index"])
        return data.get("location")

    def node(self, node_id: str, kind: str, label: str, where: Location | None, **attrs: Any) -> None:
        if node_id in self.graph:
            first = self.where(node_id)
            at = (first.line if first.line is not None else first.row) if first else None
            self.error("core.duplicate-id", msg("duplicate-id", id=node_id, line=at if at is not None else "?"), where)
            return
        self.graph.add_node(node_id, kind=kind, label=label, location=where, **attrs)

    def edge(self, source: str, target: str, relation: str, where: Location | None, **attrs: Any) -> None:
        for end in (source, target):
            if end not in self.graph:
                other = source if end == target else target
                self.error("core.dangling", msg("dangling", id=other, target=end), where)
                return
        self.graph.add_edge(source, target, key=relation, relation=relation, location=where, **attrs)

    def build(self) -> None:
        study = self.study
        for i, holder in enumerate(study.stakeholders):
            self.node(
                holder.id,
                "stakeholder",
                holder.name,
                locate(study, ("stakeholders", i, "id")),
                group=holder.group,
                helix=holder.helix,
                size=holder.size,
            )
        for i, item in enumerate(study.inputs):
            self.node(
                item.id,
                "input",
                item.name,
                locate(study, ("inputs", i, "id")),
                stakeholders=[item.stakeholder],
                value=item.value,
                in_kind=item.in_kind,
            )
        lists = {"activity": "activities", "output": "outputs", "outcome": "outcomes", "impact": "impacts"}
        for kind, key in lists.items():
            for i, node in enumerate(getattr(study, key)):
                self.node(
                    node.id,
                    kind,
                    node.name,
                    locate(study, (key, i, "id")),
                    stakeholders=list(node.stakeholders),
                    indicator=node.indicator,
                )
        for i, decision in enumerate(study.decisions):
            self.node(
                decision.id,
                "decision",
                decision.text,
                locate(study, ("decisions", i, "id")),
                decision_kind=decision.kind,
            )

        # edges, each located where the user wrote the reference
        for i, item in enumerate(study.inputs):
            self.edge(item.stakeholder, item.id, "provides", locate(study, ("inputs", i, "stakeholder")))
            for j, target in enumerate(item.to):
                self.edge(item.id, target, "invests_in", locate(study, ("inputs", i, "to", j)))
        for kind, key in lists.items():
            for i, node in enumerate(getattr(study, key)):
                for j, target in enumerate(node.leads_to):
                    self._causal(node.id, target, locate(study, (key, i, "leads_to", j)))
                for j, source in enumerate(node.comes_from):
                    self._causal(source, node.id, locate(study, (key, i, "comes_from", j)))
                relation = "experienced_by" if kind in ("outcome", "impact") else "involves"
                for j, holder in enumerate(node.stakeholders):
                    self.edge(node.id, holder, relation, locate(study, (key, i, "stakeholders", j)))
        for i, link in enumerate(study.links):
            self._link(i, link)
        self.changes()
        if any(str(target).startswith("change:") for d in study.decisions for target in d.evidence):
            add_change_layer(self.graph, study)  # a decision rests on a change: its node is there
        for i, decision in enumerate(study.decisions):
            for j, target in enumerate(decision.evidence):
                if target in self.graph:
                    self.edge(decision.id, target, "rests_on", locate(study, ("decisions", i, "evidence", j)))

    def changes(self) -> None:
        """What the changes say, as aggregates on the nodes they concern (``changes`` and ``people``
        on each stakeholder, ``changes`` on each outcome and impact, ``groups`` on the graph), and
        the findings about them: a stakeholder the study does not have, an outcome that is not
        there. A change counts once however many rows code it (rows sharing an id); the change
        nodes themselves are :func:`add_change_layer`'s."""
        import numpy as np
        import pandas as pd

        study = self.study
        for node, kind in self.graph.nodes(data="kind"):
            if kind == "stakeholder":
                self.graph.nodes[node].update(changes=0, people=0)
            elif kind in ("outcome", "impact"):
                self.graph.nodes[node]["changes"] = 0
        self.graph.graph["groups"] = {}
        frame = study._raw_frame()
        if not len(frame):
            return
        ids = frame["id"]
        given = (ids.notna() & (ids != "")).to_numpy()
        first = ~(given & ids.duplicated().to_numpy())  # the first coding of a change (rows sharing an id)
        holders: dict[str, Any] = {}  # the study's stakeholders the changes name, by id

        def holder_id(value: Any) -> str | None:
            found = study.stakeholder(value) if isinstance(value, str) else None
            if found is None:
                return None
            holders[found.id] = found
            return found.id

        holder = pd.Series(each_value(frame["stakeholder"], holder_id), dtype=object, index=frame.index)
        respondent = frame["respondent"]
        who = respondent.where(respondent.notna() & (respondent != ""), frame["person"])
        known = holder.notna().to_numpy()
        for i in np.flatnonzero(first & ~known):
            ids = [h.id for h in study.stakeholders]
            listed = Text.per_language(lambda lang, ids=ids: format_list(ids, lang))
            value = frame["stakeholder"].iat[i]
            self.error(
                "core.unknown-stakeholder",
                msg("stakeholder-unknown", value=value, known=listed),
                locate_change(study, int(i), "stakeholder"),
            )
        changes = holder[first & known].value_counts()
        people = pd.DataFrame({"holder": holder, "who": who})[known].drop_duplicates()["holder"].value_counts()
        for node, count in changes.items():
            self.graph.nodes[node]["changes"] = int(count)
        for node, count in people.items():
            self.graph.nodes[node]["people"] = int(count)
        group_of = {h.id: h.group or h.id for h in holders.values()}
        group = holder.map(group_of)
        per_group = pd.DataFrame({"group": group, "who": who, "first": first})[known]
        self.graph.graph["groups"] = {
            name: {"changes": int(rows["first"].sum()), "people": int(rows["who"].nunique())}
            for name, rows in per_group.groupby("group", sort=False)
        }
        outcome = frame["outcome"]
        named = first & outcome.notna().to_numpy()
        there = outcome.isin([o for o in outcome.dropna().unique() if o in self.graph]).to_numpy(dtype=bool)
        for node, count in outcome[named & there].value_counts().items():
            self.graph.nodes[node]["changes"] = self.graph.nodes[node].get("changes", 0) + int(count)
        for i in np.flatnonzero(named & ~there):
            self.error(
                "core.dangling",
                msg("dangling", id=change_node_id(study, int(i)), target=outcome.iat[i]),
                locate_change(study, int(i), "outcome"),
            )

    def _causal(self, source: str, target: str, where: Location | None) -> None:
        kinds = [self.graph.nodes[n]["kind"] if n in self.graph else None for n in (source, target)]
        relation = "produces" if kinds == ["activity", "output"] else "leads_to"
        if self.graph.has_edge(source, target, key=relation):
            return  # given both as leads_to and comes_from: one edge
        self.edge(source, target, relation, where)

    def _link(self, i: int, link: Any) -> None:
        where = locate(self.study, ("links", i))
        attrs = {"assumption": link.assumption, "evidence": link.evidence, "confidence": link.confidence}
        relation = link.relation
        if relation == "leads_to" and self.graph.has_edge(link.source, link.target, key="produces"):
            relation = "produces"
        if self.graph.has_edge(link.source, link.target, key=relation):
            self.graph.edges[link.source, link.target, relation].update(attrs)
            return
        self.edge(link.source, link.target, relation, where, **attrs)

    def cycles(self) -> None:
        import networkx as nx

        causal = nx.DiGraph()
        causal.add_edges_from((u, v) for u, v, r in self.graph.edges(data="relation") if r in CAUSAL_RELATIONS)
        for component in sorted(nx.strongly_connected_components(causal), key=lambda c: sorted(c)):
            if len(component) == 1:
                (only,) = component
                if not causal.has_edge(only, only):
                    continue
            sub = causal.subgraph(component)
            start = sorted(component)[0]
            cycle = nx.find_cycle(sub, source=start)
            path = " → ".join([edge[0] for edge in cycle] + [cycle[0][0]])
            self.error("core.cycle", msg("cycle", path=path), self.where(start))


def build_graph(study: "Study", *, changes: bool = False) -> tuple["nx.MultiDiGraph", list[Finding]]:
    """The study graph, and the findings about it (dangling references, duplicate ids, cycles).

    The graph holds the theory of change and what the changes say of it, counted (see
    :meth:`_Builder.changes`); ``changes`` adds a node per change too (:func:`add_change_layer`).
    """
    builder = _Builder(study)
    builder.build()
    builder.cycles()
    if changes:
        add_change_layer(builder.graph, study)
    return builder.graph, builder.findings


def change_node_ids(frame: Any) -> Any:
    """The node id of every change of a table of changes (:func:`change_node_id`), as an array."""
    import numpy as np

    ids = frame["id"].to_numpy(dtype=object)
    given = np.array([bool(value) and isinstance(value, str) for value in ids], dtype=bool)
    out = np.array([f"change:{i + 1}" for i in range(len(ids))], dtype=object)
    out[given] = ["change:" + value for value in ids[given]]
    return out


def has_change_layer(graph: "nx.MultiDiGraph") -> bool:
    """Whether ``graph`` has its node per change (:func:`add_change_layer`)."""
    return bool(graph.graph.get("change_layer"))


def add_change_layer(graph: "nx.MultiDiGraph", study: "Study") -> None:
    """Add a node per change to the study graph, once: ``change:<id>`` (or ``change:<n>``, its
    position counted from 1, for a change without an id; see :func:`change_node_id`) with
    ``kind`` ``change``, ``label`` (the change), ``change_index``, ``person``, ``role``, ``theme``
    and ``stakeholder`` (its id), an ``experienced_by`` edge to its stakeholder and an
    ``evidence_of`` edge to the outcome it names. Rows sharing an id are one node, made from the
    first of them. What is wrong with a change (a stakeholder or outcome that is not there) is a
    finding of :func:`build_graph` already; such an edge is left out.

    The core adds it when a plugin's graph element names a change node, or a decision cites one;
    a view asks for it with ``ctx.change_graph()``. Large studies need not pay for it otherwise.
    """
    if has_change_layer(graph):
        return
    graph.graph["change_layer"] = True
    frame = study._raw_frame()
    if not len(frame):
        return
    holders = {value: study.stakeholder(value) for value in frame["stakeholder"].unique()}
    columns = ["change", "person", "role", "theme", "stakeholder", "outcome"]
    for i, (node_id, row) in enumerate(zip(change_node_ids(frame), frame[columns].itertuples(index=False))):
        if node_id in graph:
            continue  # another coding of the same change (double coding): one node
        change, person, role, theme, stakeholder, outcome = (None if _missing(v) else v for v in row)
        holder = holders.get(stakeholder)
        graph.add_node(
            node_id,
            kind="change",
            label=change,
            location=None,  # looked up when needed (change_index; ctx.locate_change)
            change_index=i,
            person=person,
            role=role,
            theme=theme,
            stakeholder=holder.id if holder else stakeholder,
        )
        if holder is not None:
            graph.add_edge(node_id, holder.id, key="experienced_by", relation="experienced_by")
        if outcome and outcome in graph and graph.nodes[outcome].get("kind") != "change":
            graph.add_edge(node_id, outcome, key="evidence_of", relation="evidence_of")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def extend_graph(
    graph: "nx.MultiDiGraph", plugin: str, elements: list[Any], study: "Study | None" = None
) -> list[Finding]:
    """Add the nodes and edges one plugin returned; refuse clashes and unknown endpoints.

    An edge is keyed by its relation, as the core's are (``graph.edges[u, v, "coded_as"]``), so a
    second edge with the same ends and relation — the plugin's own or one already there — is refused.
    An element that names a change node (``change:…``) brings the node per change into the graph
    first (:func:`add_change_layer`, given ``study``).
    """
    findings = []
    if study is not None and not has_change_layer(graph):
        named = (
            end
            for e in elements
            for end in (
                (e.id,) if isinstance(e, GraphNode) else (e.source, e.target) if isinstance(e, GraphEdge) else ()
            )
        )
        if any(str(end).startswith("change:") for end in named):
            add_change_layer(graph, study)

    def refuse(text: Text) -> None:
        findings.append(Finding(code="core.plugin-graph", severity="error", plugin=plugin, message=text))

    nodes = [e for e in elements if isinstance(e, GraphNode)]
    edges = [e for e in elements if isinstance(e, GraphEdge)]
    for other in (e for e in elements if not isinstance(e, (GraphNode, GraphEdge))):
        refuse(
            msg(
                "plugin-bad-return",
                plugin=plugin,
                got=type(other).__name__,
                hook="impactkit_graph_elements",
                expected=Text(en="GraphNode or GraphEdge", nl="GraphNode of GraphEdge"),
            )
        )
    for node in nodes:
        if node.id in graph:
            refuse(
                Text(
                    en=f"node '{node.id}' already exists in the graph; refused",
                    nl=f"knoop '{node.id}' bestaat al in de graaf; geweigerd",
                )
            )
            continue
        graph.add_node(node.id, kind=node.kind, label=node.label, source=plugin, **node.attrs)
    for edge in edges:
        missing = [end for end in (edge.source, edge.target) if end not in graph]
        if missing:
            refuse(
                plural(
                    len(missing),
                    Text(
                        en="edge {source} → {target} joins an unknown node, {nodes}; refused",
                        nl="verbinding {source} → {target} raakt een onbekende knoop, {nodes}; geweigerd",
                    ),
                    Text(
                        en="edge {source} → {target} joins unknown nodes, {nodes}; refused",
                        nl="verbinding {source} → {target} raakt onbekende knopen, {nodes}; geweigerd",
                    ),
                    source=edge.source,
                    target=edge.target,
                    nodes=Text(en=format_list(missing, "en"), nl=format_list(missing, "nl")),
                )
            )
            continue
        if graph.has_edge(edge.source, edge.target, key=edge.relation):
            refuse(
                Text(
                    en=f"edge {edge.source} → {edge.target} ({edge.relation}) is already in the graph; refused",
                    nl=f"verbinding {edge.source} → {edge.target} ({edge.relation}) staat al in de graaf; geweigerd",
                )
            )
            continue
        graph.add_edge(edge.source, edge.target, key=edge.relation, relation=edge.relation, source=plugin, **edge.attrs)
    return findings
