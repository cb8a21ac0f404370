"""The stories of a study, analysed once per run (:func:`state`) for the checks, figures and views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .cycles import IDS, LOOP
from .settings import Story, ValueCreationSettings

if TYPE_CHECKING:  # pragma: no cover
    from impactkit.plugin import Context, Study

KEY = "value_creation.state"
"""The memo key of the analysis (prefixed with the plugin's name, as every memo key)."""


@dataclass(frozen=True)
class Cited:
    """A change id a story's cycle cites: where (cycle, its key as written, position in ``changes``)
    and which change it is (its index in ``study.change_list``, ``None`` when the study has none)."""

    cycle: str
    key: str
    position: int
    id: str
    index: int | None


@dataclass(frozen=True)
class Told:
    """One story as analysed."""

    index: int
    story: Story
    stakeholder: str
    """The id of the stakeholder who tells it, or the key as written when the study has no such stakeholder."""
    known: bool
    """Whether the study has that stakeholder."""
    cycles: tuple[str, ...]
    cited: tuple[Cited, ...]

    @property
    def furthest(self) -> str | None:
        """The furthest cycle of the loop the story reaches (strategic and enabling value are not in
        the loop), or ``None`` when it tells of none of the loop's cycles."""
        reached = [c for c in LOOP if c in self.cycles]
        return reached[-1] if reached else None

    @property
    def realised_without_applied(self) -> bool:
        """Realised value claimed with no applied value behind it: the framework's chain is broken."""
        return "realised" in self.cycles and "applied" not in self.cycles

    def changes(self, cycle: str | None = None) -> list[int]:
        """The indices of the study's changes the story cites (in one ``cycle``, or in any), without repeats."""
        found = [c.index for c in self.cited if c.index is not None and (cycle is None or c.cycle == cycle)]
        return list(dict.fromkeys(found))


@dataclass(frozen=True)
class State:
    """The ``value_creation`` analysis of a study."""

    settings: ValueCreationSettings
    stories: tuple[Told, ...]
    stakeholders: tuple[str, ...]
    """The stakeholders who tell stories: the study's order, then unknown ones as written."""

    def told(self, cycle: str) -> list[Told]:
        return [t for t in self.stories if cycle in t.cycles]

    def of(self, stakeholder: str) -> list[Told]:
        return [t for t in self.stories if t.stakeholder == stakeholder]

    def cycle_counts(self, stories: list[Told] | tuple[Told, ...] | None = None) -> dict[str, int]:
        """How many of ``stories`` (default: all) tell of each cycle, every cycle listed."""
        stories = self.stories if stories is None else stories
        return {cycle: sum(1 for t in stories if cycle in t.cycles) for cycle in IDS}

    def cited_changes(self) -> list[int]:
        """The indices of every change some story cites, in the study's order."""
        return sorted({i for t in self.stories for i in t.changes()})


def build(study: Study) -> State | None:
    """The analysis, or ``None`` when the study has no ``methods.value_creation`` section."""
    settings: Any = study.method("value_creation")
    if settings is None:
        return None
    by_id = {change.id: i for i, change in enumerate(study.change_list) if change.id}
    stories = []
    for index, story in enumerate(settings.stories):
        holder = study.stakeholder(story.stakeholder)
        cited = tuple(
            Cited(cycle, key, position, change, by_id.get(change))
            for cycle in story.cycle_ids()
            for key, account in [story.account(cycle)]  # type: ignore[misc]
            for position, change in enumerate(account.changes)
        )
        stories.append(
            Told(
                index=index,
                story=story,
                stakeholder=holder.id if holder else story.stakeholder,
                known=holder is not None,
                cycles=tuple(story.cycle_ids()),
                cited=cited,
            )
        )
    order = [s.id for s in study.stakeholders]
    tellers = dict.fromkeys(t.stakeholder for t in stories)
    ranked = sorted(tellers, key=lambda s: (order.index(s) if s in order else len(order), 0))
    return State(settings=settings, stories=tuple(stories), stakeholders=tuple(ranked))


def state(ctx: Context) -> State | None:
    """The run's analysis (once per run, shared through the memo)."""
    return ctx.memo(KEY, lambda: build(ctx.study))
