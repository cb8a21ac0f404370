"""The JSON Schema of ``study.yaml``: the core model plus every installed plugin's section and the
change columns plugins declare (written as keys of an inline change)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ConfigDict, Field, create_model

from .model import Study

if TYPE_CHECKING:  # pragma: no cover
    from .plugins import Plugins


def study_model(plugins: "Plugins") -> type[Study]:
    """A :class:`Study` subclass whose ``methods`` has one typed key per plugin section, and one
    per alias of a section (the same model, described as another name of the section)."""
    sections, _ = plugins.collect("impactkit_study_sections")
    aliases = {
        alias: (s.model | None, Field(None, description=f"{s.title.en} (another name of '{s.id}'; use '{s.id}')"))
        for s in sections
        for alias in s.aliases
    }
    methods = create_model(  # type: ignore[call-overload]
        "Methods",
        __config__=ConfigDict(extra="forbid"),
        **(aliases | {s.id: (s.model | None, Field(None, description=s.title.en)) for s in sections}),
    )
    return create_model(
        "StudyFile",
        __base__=Study,
        methods=(methods, Field(default_factory=methods, description="One section per method plugin.")),
    )


def study_schema(plugins: "Plugins") -> dict[str, Any]:
    from impactkit import __version__

    schema = study_model(plugins).model_json_schema()
    _change_columns(schema["$defs"]["Change"], plugins)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"impactkit study file (format 1, impactkit {__version__})"
    return schema


def _change_columns(change: dict[str, Any], plugins: "Plugins") -> None:
    """An inline change as a study file writes it: each declared column a key of its own (with the
    column's ``json_schema`` and description) where the model has ``codes``, which is not written."""
    from .changes import change_columns

    declared = change_columns(plugins).declared
    properties: dict[str, Any] = {}
    for key, value in change["properties"].items():
        if key != "codes":
            properties[key] = value
            continue
        for name, column in declared.items():
            properties[name] = {"description": column.description.en, **column.json_schema, "title": column.title.en}
    change["properties"] = properties
    if "person" in change.get("required", []):  # a change with a respondent may leave the person out
        change["required"] = [key for key in change["required"] if key != "person"]
        change["anyOf"] = [{"required": ["person"]}, {"required": ["respondent"]}]
    change["description"] = "One experienced change, as one person reported it" + (
        f"; with the columns of the installed plugins ({', '.join(declared)})." if declared else "."
    )
