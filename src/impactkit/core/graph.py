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
from .numbers import format_list

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from .model import Study

CAUSAL_RELATIONS = frozenset({"invests_in", "produces", "leads_to"})


def change_node_id(study: "Study", index: int) -> str:
    change = study.change_list[index]
    return f"change:{change.id}" if change.id else f"change:{index + 1}"


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
        for i, change in enumerate(study.change_list):
            node_id = change_node_id(study, i)
            if change.id is not None and node_id in self.graph:
                continue  # another coding of the same change (double coding): one node
            holder = study.stakeholder(change.stakeholder)
            # a change's location is looked up only when a finding needs it (see change_index)
            self.node(
                node_id,
                "change",
                change.change,
                None,
                change_index=i,
                person=change.person,
                role=change.role,
                theme=change.theme,
                stakeholder=holder.id if holder else change.stakeholder,
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
        for i, change in enumerate(study.change_list):
            node_id = change_node_id(study, i)
            if self.graph.nodes[node_id].get("change_index") != i:
                continue  # edges come from the first coding of a change
            holder = study.stakeholder(change.stakeholder)
            if holder is None:
                ids = [h.id for h in study.stakeholders]
                known = Text.per_language(lambda lang, ids=ids: format_list(ids, lang))
                self.error(
                    "core.unknown-stakeholder",
                    msg("stakeholder-unknown", value=change.stakeholder, known=known),
                    locate_change(study, i, "stakeholder"),
                )
            else:
                self.graph.add_edge(node_id, holder.id, key="experienced_by", relation="experienced_by")
            if change.outcome:
                if change.outcome in self.graph:
                    self.graph.add_edge(node_id, change.outcome, key="evidence_of", relation="evidence_of")
                else:
                    self.edge(node_id, change.outcome, "evidence_of", locate_change(study, i, "outcome"))
        for i, decision in enumerate(study.decisions):
            for j, target in enumerate(decision.evidence):
                if target in self.graph:
                    self.edge(decision.id, target, "rests_on", locate(study, ("decisions", i, "evidence", j)))

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


def build_graph(study: "Study") -> tuple["nx.MultiDiGraph", list[Finding]]:
    """The study graph, and the findings about it (dangling references, duplicate ids, cycles)."""
    builder = _Builder(study)
    builder.build()
    builder.cycles()
    return builder.graph, builder.findings


def extend_graph(graph: "nx.MultiDiGraph", plugin: str, elements: list[Any]) -> list[Finding]:
    """Add the nodes and edges one plugin returned; refuse clashes and unknown endpoints.

    An edge is keyed by its relation, as the core's are (``graph.edges[u, v, "coded_as"]``), so a
    second edge with the same ends and relation — the plugin's own or one already there — is refused.
    """
    findings = []

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
