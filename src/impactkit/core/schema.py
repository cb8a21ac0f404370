"""The JSON Schema of ``study.yaml``: the core model plus every installed plugin's section."""

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
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"impactkit study file (format 1, impactkit {__version__})"
    return schema
