"""Everything the plugin says, in English and Dutch (filled in with ``fill``)."""

from __future__ import annotations

from impactkit.plugin import Text, catalog

MESSAGES = catalog(
    [
        (
            "realised-without-applied",
            "story '{story}' claims realised value but tells no applied value behind it: what did someone do "
            "differently that made this difference?",
            "verhaal '{story}' claimt gerealiseerde waarde, maar vertelt geen toegepaste waarde erachter: wat deed "
            "iemand anders waardoor dit verschil ontstond?",
        ),
        (
            "unknown-stakeholder",
            "story '{story}' is told by '{stakeholder}', who is not a stakeholder of the study{hint}",
            "verhaal '{story}' wordt verteld door '{stakeholder}', geen stakeholder van de studie{hint}",
        ),
        (
            "unknown-change",
            "story '{story}' cites change '{change}' under {cycle}, but no change has that id{hint}",
            "verhaal '{story}' noemt verandering '{change}' bij {cycle}, maar geen verandering heeft die id{hint}",
        ),
        (
            "duplicate-story",
            "story id '{story}' is used twice (also at line {line}); give each story its own id",
            "verhaal-id '{story}' komt twee keer voor (ook op regel {line}); geef elk verhaal een eigen id",
        ),
        (
            "summary",
            (
                "{n} value-creation story of {community}, told by {tellers}.",
                "{n} value-creation stories of {community}, told by {tellers}.",
            ),
            (
                "{n} waardecreatieverhaal van {community}, verteld door {tellers}.",
                "{n} waardecreatieverhalen van {community}, verteld door {tellers}.",
            ),
        ),
        ("the-community", "the community", "de gemeenschap"),
        (
            "per-cycle",
            "How many stories tell of each cycle; the first five form a loop, each a step further from taking part.",
            "Hoeveel verhalen over elke cyclus vertellen; de eerste vijf vormen een lus, elk een stap verder dan "
            "meedoen.",
        ),
        ("cycle", "Cycle", "Cyclus"),
        ("stories", "Stories", "Verhalen"),
        ("question", "What it asks", "Wat het vraagt"),
        ("stakeholder", "Stakeholder", "Stakeholder"),
        ("story", "Story", "Verhaal"),
        ("per-stakeholder", "Stories per stakeholder and cycle:", "Verhalen per stakeholder en cyclus:"),
        ("the-stories", "The stories", "De verhalen"),
        ("told-by", "told by {stakeholder}", "verteld door {stakeholder}"),
        ("evidence", "shows in: {evidence}", "zichtbaar in: {evidence}"),
        ("changes", ("change {changes}", "changes {changes}"), ("verandering {changes}", "veranderingen {changes}")),
        (
            "gap-note",
            "Realised value without applied value behind it: what changed in practice to make this difference?",
            "Gerealiseerde waarde zonder toegepaste waarde erachter: wat veranderde er in de praktijk waardoor dit "
            "verschil ontstond?",
        ),
        ("told", "told", "verteld"),
        ("no-applied", "no applied value", "geen toegepaste waarde"),
        ("matrix-title", "Value-creation matrix of {community}", "Waardecreatiematrix van {community}"),
        (
            "legend",
            "a cell: the experienced changes that back the story up, or 'told' when it cites none",
            "een cel: de ervaren veranderingen die het verhaal staven, of 'verteld' als het er geen noemt",
        ),
        ("step-no-stories", "tell a first value-creation story", "vertel een eerste waardecreatieverhaal"),
        (
            "step-gap",
            "tell the applied value behind the realised value of {stories}",
            "vertel de toegepaste waarde achter de gerealiseerde waarde van {stories}",
        ),
        (
            "step-evidence",
            "back the stories up with experienced changes (their ids under 'changes')",
            "staaf de verhalen met ervaren veranderingen (hun id's onder 'changes')",
        ),
    ]
)

TITLE = Text(en="Value creation (Wenger-Trayner)", nl="Waardecreatie (Wenger-Trayner)")
