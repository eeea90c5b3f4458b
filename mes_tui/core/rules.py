"""A record model's rules as data, read from the model itself (its JSON schema).

The TOML files are validated record by record by the pydantic models of ``core.models``. A
large ``observations.csv`` is validated column by column with polars (``core.bulk``); its
checks are made from the rules listed here, so the two readers cannot drift apart: a new
field, a tighter length or another choice in the model reaches both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from mes_tui.core.models import Record

__all__ = ["FieldRule", "field_rules"]

Kind = Literal["string", "number", "date", "boolean", "list"]


@dataclass(frozen=True)
class FieldRule:
    """What a field's value must be. A text field may further be limited to ``choices``, match
    ``pattern`` (anchored by the pattern itself) and have a length in characters between
    ``min_length`` and ``max_length``."""

    name: str
    kind: Kind
    required: bool
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None


def field_rules(model: type[Record]) -> tuple[FieldRule, ...]:
    """The rules of every field of ``model``, in the model's order."""
    schema = model.model_json_schema()
    definitions: dict[str, Any] = schema.get("$defs", {})
    required = set(schema.get("required", ()))
    return tuple(
        _rule(name, _resolve(spec, definitions), name in required)
        for name, spec in schema["properties"].items()
    )


def _resolve(spec: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    """The one non-null alternative of ``spec``, with references followed."""
    if "anyOf" in spec:
        options = [option for option in spec["anyOf"] if option.get("type") != "null"]
        if len(options) != 1:
            raise ValueError(f"unsupported field schema: {spec}")
        spec = options[0]
    if "$ref" in spec:
        spec = definitions[spec["$ref"].rsplit("/", 1)[-1]]
    return spec


def _rule(name: str, spec: dict[str, Any], required: bool) -> FieldRule:
    kind: Kind
    match spec.get("type"), spec.get("format"):
        case "string", "date":
            kind = "date"
        case "string", None:
            kind = "string"
        case "number" | "integer", None:
            kind = "number"
        case "boolean", None:
            kind = "boolean"
        case "array", None:
            kind = "list"
        case _:
            raise ValueError(f"unsupported schema for field {name!r}: {spec}")
    return FieldRule(
        name=name,
        kind=kind,
        required=required,
        choices=tuple(spec.get("enum", ())),
        pattern=spec.get("pattern"),
        min_length=spec.get("minLength"),
        max_length=spec.get("maxLength"),
    )
