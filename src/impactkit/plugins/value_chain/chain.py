"""The value chain of a leerkring, computed once per run: needs → ambition → effects ← projects.

Effects are the study's outcomes and impacts; projects its activities. A project **serves** an
effect when its review entry names the effect (``review[].effects``) or when the study's causal
chain (``leads_to``, ``comes_from``, ``links``) reaches the effect from the activity. An effect
**concretises the ambition** when it serves a need the ambition answers. Stopped projects
(``decision: stop``) serve nothing any more: they are left out of the ``served`` counts and the
chain per need, and kept in the review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from impactkit.plugin import downstream

from .settings import Effect, Need, Review, ValueChainSettings

NEED_PREFIX = "need:"
AMBITION_NODE = "ambition:value_chain"
EFFECT_KINDS = ("outcome", "impact")
CAUSAL = frozenset({"leads_to", "produces"})
"""The relations a project's causal chain follows (``leads_to``, ``comes_from`` and ``links``;
not ``invests_in``, which comes from the inputs)."""
KEY = "value_chain.state"
"""The run's memo key of the chain (the graph hook builds it, :func:`state` finds it)."""


def need_node(need_id: str) -> str:
    return f"{NEED_PREFIX}{need_id}"


SECTION = "value_chain"
"""The section's id: ``methods.value_chain``, reachable as ``study.method(SECTION)``."""
ALIASES = ("leerkring",)
"""The section's old name, still accepted (``methods.leerkring``)."""


def section_key(study: Any) -> str:
    """``methods.<key>`` as the study file names the section: its id, or the alias it was given under."""
    return next((f"methods.{key}" for key in (SECTION, *ALIASES) if key in study.methods), f"methods.{SECTION}")


@dataclass
class Chain:
    study: Any
    settings: ValueChainSettings
    section: str = f"methods.{SECTION}"
    """The section's key as the study file gives it (for messages): ``methods.value_chain`` or an alias."""
    needs: dict[str, Need] = field(default_factory=dict)
    """Needs by id, in file order (a repeated id: the first)."""
    effects: dict[str, Any] = field(default_factory=dict)
    """Outcome and impact nodes by id, in file order."""
    effect_kind: dict[str, str] = field(default_factory=dict)
    entries: dict[str, Effect] = field(default_factory=dict)
    """The ``effects`` entry of an effect, by outcome id (a repeated one: the first)."""
    projects: dict[str, Any] = field(default_factory=dict)
    reviews: dict[str, Review] = field(default_factory=dict)
    answered: list[str] = field(default_factory=list)
    """The known needs the ambition answers."""
    reach: dict[str, list[str]] = field(default_factory=dict)
    """Per project the effects its causal chain reaches."""
    explicit: dict[str, list[str]] = field(default_factory=dict)
    """Per project the known effects its review names."""
    nearest: dict[str, list[str]] = field(default_factory=dict)
    """Per project or effect the first effects down its causal chain (not those beyond another effect)."""

    # -- per effect ----------------------------------------------------------------------------
    def effect_needs(self, effect: str) -> list[str]:
        entry = self.entries.get(effect)
        return [n for n in dict.fromkeys(entry.needs) if n in self.needs] if entry else []

    def on_ambition(self, effect: str) -> bool:
        return any(n in self.answered for n in self.effect_needs(effect))

    def indicator(self, effect: str) -> str | None:
        entry = self.entries.get(effect)
        return (entry.indicator if entry and entry.indicator else None) or self.effects[effect].indicator

    def for_whom(self, effect: str) -> list[str]:
        entry = self.entries.get(effect)
        return list(entry.stakeholders) if entry and entry.stakeholders else list(self.effects[effect].stakeholders)

    def served_by(self, effect: str, *, live: bool = True) -> list[str]:
        """The projects that serve ``effect`` (``live``: leaving out stopped ones), in file order."""
        return [p for p in self.projects if effect in self.serves(p) and (not live or self.live(p))]

    # -- per project ---------------------------------------------------------------------------
    def decision(self, project: str) -> str | None:
        review = self.reviews.get(project)
        return review.decision if review else None

    def live(self, project: str) -> bool:
        return self.decision(project) != "stop"

    def serves(self, project: str) -> list[str]:
        both = set(self.reach.get(project, ())) | set(self.explicit.get(project, ()))
        return [e for e in self.effects if e in both]

    def fits(self, project: str) -> bool:
        """The project serves at least one effect that concretises the ambition."""
        return any(self.on_ambition(e) for e in self.serves(project))

    # -- per need ------------------------------------------------------------------------------
    def need_effects(self, need: str) -> list[str]:
        return [e for e in self.effects if need in self.effect_needs(e)]

    def paths(self) -> list[tuple[str, str | None, str | None]]:
        """``(need, effect, project)`` for every line from a need to a live project; a need without
        effects or an effect without projects gives one row with ``None`` where the line stops."""
        rows: list[tuple[str, str | None, str | None]] = []
        for need in self.needs:
            effects = self.need_effects(need)
            if not effects:
                rows.append((need, None, None))
            for effect in effects:
                projects = self.served_by(effect)
                rows.extend((need, effect, p) for p in projects or [None])
        return rows


def build(study: Any, graph: Any) -> Chain | None:
    """The chain of ``study``, or ``None`` when it has no ``methods.value_chain`` section; ``graph``
    is the study graph, whose causal edges say which effects a project reaches."""
    settings = study.method(SECTION)
    if settings is None:
        return None
    chain = Chain(study=study, settings=settings, section=section_key(study))
    for need in settings.needs:
        chain.needs.setdefault(need.id, need)
    for kind, node in study.chain_nodes():
        if kind in EFFECT_KINDS:
            chain.effects.setdefault(node.id, node)
            chain.effect_kind.setdefault(node.id, kind)
        elif kind == "activity":
            chain.projects.setdefault(node.id, node)
    for entry in settings.effects:
        chain.entries.setdefault(entry.outcome, entry)
    for review in settings.review:
        chain.reviews.setdefault(review.activity, review)
    if settings.ambition is not None:
        chain.answered = [n for n in dict.fromkeys(settings.ambition.needs) if n in chain.needs]
    for project in chain.projects:
        reached = downstream(graph, project, relations=CAUSAL)
        chain.reach[project] = [e for e in chain.effects if e in reached]
        review = chain.reviews.get(project)
        chain.explicit[project] = [e for e in dict.fromkeys(review.effects) if e in chain.effects] if review else []
    for start in (*chain.projects, *chain.effects):
        near = downstream(graph, start, stop=chain.effects, relations=CAUSAL) | set(chain.explicit.get(start, ()))
        chain.nearest[start] = [e for e in chain.effects if e in near]
    return chain


def state(ctx: Any) -> Chain | None:
    """The chain for this run (shared by the plugin's checks, metrics, tables and views)."""
    return ctx.memo(KEY, lambda: build(ctx.study, ctx.graph))
