"""Read a data directory into typed records, collecting every problem instead of stopping.

A data directory holds ``sources.toml``, ``actors.toml``, ``metrics.toml``,
``observations.toml`` and ``events.toml`` (each an array of tables named after its record type)
and the full texts the sources point to. Nothing here writes anything.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import polars as pl
from pydantic import ValidationError

from mes_tui.core.bulk import BULK_FILE, read_bulk_observations
from mes_tui.core.models import RECORD_TYPES, Actor, Event, Metric, Observation, Record, Source
from mes_tui.core.problems import Problem

__all__ = ["MAX_FILE_BYTES", "Dataset", "read_dataset"]

MAX_FILE_BYTES = 64 * 1024 * 1024
_R = TypeVar("_R", bound=Record)
_ID_LINE = re.compile(r'^\s*id\s*=\s*["\']([^"\']+)["\']', re.MULTILINE)


@dataclass(frozen=True)
class Dataset:
    """Records that passed their own validation; cross-record checks come after."""

    root: Path
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()
    metrics: tuple[Metric, ...] = ()
    observations: tuple[Observation, ...] = ()
    events: tuple[Event, ...] = ()
    texts: dict[str, str] = field(default_factory=dict)  # source id -> full text
    lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (file, id) -> line
    unreadable: frozenset[str] = frozenset()  # record kinds whose file could not be read
    bulk_observations: pl.DataFrame | None = None  # from observations.csv, already typed


def read_dataset(root: Path) -> tuple[Dataset, list[Problem]]:
    """Read every file of ``root``; return the valid records and the problems met."""
    problems: list[Problem] = []
    if not root.is_dir():
        return Dataset(root=root), [Problem(str(root), None, None, "is not a directory")]
    parsed: dict[str, tuple[Record, ...]] = {}
    lines: dict[tuple[str, str], int] = {}
    unreadable = set()
    bulk = None
    if (root / BULK_FILE).exists():
        if (root / "observations.toml").exists():
            problems.append(
                Problem(
                    BULK_FILE,
                    None,
                    None,
                    "observations.toml exists too: a "
                    "dataset keeps its observations in one of the two",
                )
            )
        bulk = read_bulk_observations(root / BULK_FILE, problems)
        if bulk is None:
            unreadable.add("observations")
    for stem, (array, model) in RECORD_TYPES.items():
        path = root / f"{stem}.toml"
        if stem == "observations" and (root / BULK_FILE).exists():
            parsed[stem] = ()
            continue
        before = len(problems)
        records, found_lines = _read_records(path, array, model, problems)
        if any(p.record is None for p in problems[before:]):
            unreadable.add(stem)  # its references cannot be checked: say so once, not per use
        parsed[stem] = records
        lines.update({(path.name, rid): line for rid, line in found_lines.items()})
    sources = _of_type(parsed["sources"], Source)
    dataset = Dataset(
        root=root,
        sources=sources,
        actors=_of_type(parsed["actors"], Actor),
        metrics=_of_type(parsed["metrics"], Metric),
        observations=_of_type(parsed["observations"], Observation),
        events=_of_type(parsed["events"], Event),
        texts=_read_texts(root, sources, problems),
        lines=lines,
        unreadable=frozenset(unreadable),
        bulk_observations=bulk,
    )
    return dataset, problems


def _of_type(records: tuple[Record, ...], model: type[_R]) -> tuple[_R, ...]:
    """``records`` (all read with ``model``) as what they are."""
    return tuple(record for record in records if isinstance(record, model))


def _read_records(
    path: Path, array: str, model: type[Record], problems: list[Problem]
) -> tuple[tuple[Record, ...], dict[str, int]]:
    name = path.name
    text = _read_text(path, problems, max_bytes=MAX_FILE_BYTES)
    if text is None:
        return (), {}
    if not text.strip():
        problems.append(Problem(name, None, None, f"is empty: it should hold [[{array}]] records"))
        return (), {}
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(name, None, None, f"is not valid TOML: {error}"))
        return (), {}
    found_lines = {m.group(1): text.count("\n", 0, m.start()) + 1 for m in _ID_LINE.finditer(text)}
    for key in document:
        if key != array:
            problems.append(
                Problem(name, None, key, f"unknown top-level key; expected [[{array}]]")
            )
    raw = document.get(array, [])
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        problems.append(Problem(name, None, array, f"must be an array of tables: [[{array}]]"))
        return (), found_lines
    if not raw and array != "event":
        problems.append(Problem(name, None, None, f"holds no [[{array}]] records"))
    records = []
    for index, item in enumerate(raw, start=1):
        label = _label(item, index, found_lines)
        try:
            records.append(model.model_validate(item))
        except ValidationError as error:
            problems.extend(_validation_problems(name, label, error))
    return tuple(records), found_lines


def _label(item: dict[str, Any], index: int, found_lines: dict[str, int]) -> str:
    rid = item.get("id")
    if isinstance(rid, str) and rid:
        line = found_lines.get(rid)
        return f"{rid} (line {line})" if line else rid
    return f"record #{index}"


# What a required field holds, said when it is missing.
_MISSING_HINTS = {
    "published": "the date the source was published (YYYY-MM-DD; a month or a year at the "
    "1st, with published_precision), and how it was inferred in date_note",
}


def _validation_problems(name: str, label: str, error: ValidationError) -> list[Problem]:
    out = []
    for detail in error.errors(include_url=False):
        where = ".".join(str(part) for part in detail["loc"]) or None
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "value_error":
            pass  # the project's own rules put the offending values in their message
        elif detail["type"] not in ("missing", "extra_forbidden") and "input" in detail:
            shown = repr(detail["input"])
            message += f" (got {shown[:60]}{'…' if len(shown) > 60 else ''})"
        elif detail["type"] == "extra_forbidden":
            message = "unknown field"
        elif detail["type"] == "missing" and where in _MISSING_HINTS:
            message += f": {_MISSING_HINTS[where]}"
        out.append(Problem(name, label, where, message))
    return out


def _read_text(path: Path, problems: list[Problem], max_bytes: int) -> str | None:
    name = path.name if path.suffix == ".toml" else str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            problems.append(
                Problem(name, None, None, f"is {size:,} bytes, over the {max_bytes:,}-byte limit")
            )
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(name, None, None, "is missing"))
        return None
    except OSError as error:
        problems.append(Problem(name, None, None, f"cannot be read: {error.strerror}"))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(name, None, None, "starts with a byte-order mark; save it as UTF-8 without BOM")
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                name,
                None,
                None,
                f"is not UTF-8 (byte 0x{data[error.start]:02x} on line {line}); save it as UTF-8",
            )
        )
        return None


def _read_texts(root: Path, sources: tuple[Source, ...], problems: list[Problem]) -> dict[str, str]:
    texts: dict[str, str] = {}
    resolved_root = root.resolve()
    for source in sources:
        if source.text_file is None:
            texts[source.id] = "\n\n".join(source.excerpts)
            continue
        try:
            path = (root / source.text_file).resolve()
        except (ValueError, OSError) as error:  # a NUL byte, a loop of links…
            problems.append(
                Problem("sources.toml", source.id, "text_file", f"is not a usable path: {error}")
            )
            continue
        if not path.is_relative_to(resolved_root):
            problems.append(
                Problem("sources.toml", source.id, "text_file", "points outside the data directory")
            )
            continue
        local: list[Problem] = []
        text = _read_text(path, local, max_bytes=MAX_FILE_BYTES)
        problems.extend(
            Problem("sources.toml", source.id, "text_file", f"{source.text_file} {p.message}")
            for p in local
        )
        if text is None:
            continue
        if source.sha256 and hashlib.sha256(path.read_bytes()).hexdigest() != source.sha256:
            problems.append(
                Problem(
                    "sources.toml",
                    source.id,
                    "sha256",
                    f"{source.text_file} has changed since it was recorded",
                )
            )
        texts[source.id] = text + ("\n\n" + "\n\n".join(source.excerpts) if source.excerpts else "")
    return texts
