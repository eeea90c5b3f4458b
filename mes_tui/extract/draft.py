"""Candidates as records of the dataset: a page source and its observations, as TOML or JSON,
and their addition to a data directory — validated first, atomic, with a backup.

The source is known by its address: ``url``, ``outlet``, ``published``, and ``excerpts``
holding only the sentences the observations quote. Nothing is written unless the dataset with
the additions validates; an interrupted write leaves each file as it was or complete.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse

from mes_tui.core.export import ExportError, write_atomic
from mes_tui.core.problems import Problem
from mes_tui.extract.candidates import Candidate
from mes_tui.present.language import _, ngettext

__all__ = [
    "Draft",
    "WriteRefused",
    "candidate_json",
    "draft_from_candidates",
    "read_draft",
    "render_toml",
    "write_into_data",
]

SOURCE_FIELDS = (
    "id",
    "title",
    "description",
    "outlet",
    "url",
    "published",
    "published_precision",
    "date_note",
    "language",
    "kind",
    "excerpts",
    "note",
)
OBSERVATION_FIELDS = (
    "id",
    "metric",
    "value",
    "unit",
    "qualifier",
    "value_text",
    "period_start",
    "period_end",
    "period_precision",
    "period_text",
    "period_note",
    "scope",
    "scope_detail",
    "scope_code",
    "actor",
    "speaker",
    "attribution",
    "commissioned_by",
    "source",
    "quote",
    "note",
)


class WriteRefused(Exception):
    """The additions would not validate (or cannot be written): nothing was written."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Draft:
    source: dict
    observations: list[dict]


def _slug(text: str, limit: int = 40) -> str:
    from mes_tui.core.numbers import fold_same_length

    words = re.findall(r"[a-z0-9]+", fold_same_length(text))
    return "-".join(words)[:limit].strip("-") or "page"


def source_id(published: date, url: str | None, outlet: str | None, title: str | None) -> str:
    host = urlparse(url).hostname if url else None
    who = _slug((host or "").removeprefix("www.").split(".")[0] if host else outlet or "source", 20)
    what = _slug(title or (urlparse(url).path if url else "") or "article", 40)
    return f"{published:%Y-%m}-{who}-{what}"[:80].rstrip("-.")


def draft_from_candidates(
    candidates: list[Candidate],
    *,
    published: date,
    published_precision: str,
    url: str | None,
    outlet: str | None,
    title: str | None,
    kind: str = "press",
    date_note: str,
    taken_ids: set[str],
) -> Draft:
    """The source and observations that ``candidates`` (the accepted figures) would add."""
    sid = source_id(published, url, outlet, title)
    excerpts = list(dict.fromkeys(c.quote for c in candidates))
    source = {
        "id": sid,
        "title": title,
        "outlet": outlet,
        "url": url,
        "published": published,
        "published_precision": published_precision,
        "date_note": date_note,
        "language": "fr",
        "kind": kind,
        "excerpts": excerpts,
        "note": None if title else "The page's title was not seen.",
    }
    observations = []
    taken = set(taken_ids)
    for candidate in candidates:
        observations.append(observation_record(candidate, sid, taken))
    return Draft(source, observations)


def observation_record(candidate: Candidate, sid: str, taken: set[str]) -> dict:
    base = f"{candidate.period_start:%Y-%m}-{(candidate.metric or 'figure').replace('_', '-')}"
    oid, n = base, 2
    while oid in taken:
        oid, n = f"{base}-{n}", n + 1
    taken.add(oid)
    value, value_text, qualifier, note = (
        candidate.value,
        candidate.value_text,
        candidate.qualifier,
        None,
    )
    if candidate.value_high is not None:
        # A range is kept as its upper bound: the words of the low end alone do not read back.
        value, qualifier = candidate.value_high, "at_most"
        note = f"A range: {candidate.value_text}."
        value_text = candidate.value_text
    record = {
        "id": oid,
        "metric": candidate.metric,
        "value": int(value) if float(value).is_integer() else value,
        "unit": candidate.unit,
        "qualifier": qualifier,
        "value_text": value_text,
        "period_start": candidate.period_start,
        "period_end": candidate.period_end,
        "period_precision": candidate.period_precision,
        "period_text": candidate.period_text,
        "scope": candidate.scope,
        "scope_detail": candidate.scope_detail,
        "scope_code": candidate.scope_code,
        "actor": candidate.actor,
        "speaker": candidate.speaker,
        "attribution": candidate.attribution,
        "commissioned_by": candidate.commissioned_by,
        "source": sid,
        "quote": candidate.quote,
        "note": note,
    }
    return record


# ── TOML ────────────────────────────────────────────────────────────────────────────────────


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, int):
        return f"{value:_}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + "".join(f"  {_toml_value(v)},\n" for v in value) + "]"
    # A TOML basic string: JSON's escapes are TOML's, except \u007f and lone controls.
    return json.dumps(str(value), ensure_ascii=False)


def _table(name: str, record: dict, order: tuple[str, ...], comments: dict | None = None) -> str:
    lines = [f"[[{name}]]"]
    for key in order:
        value = record.get(key)
        if value is None or (value == [] and key != "excerpts"):
            continue
        line = f"{key} = {_toml_value(value)}"
        if comments and key in comments:
            line += f"  # {comments[key]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def render_toml(draft: Draft, notes: list[str] | None = None) -> str:
    """The draft as ``sources.toml`` and ``observations.toml`` blocks (one document)."""
    parts = [_table("source", draft.source, SOURCE_FIELDS)]
    for i, record in enumerate(draft.observations):
        if notes and i < len(notes) and notes[i]:
            parts.append(
                "# "
                + notes[i].replace("\n", " ")
                + "\n"
                + _table("observation", record, OBSERVATION_FIELDS)
            )
        else:
            parts.append(_table("observation", record, OBSERVATION_FIELDS))
    return "\n".join(parts)


def read_draft(text: str) -> Draft:
    """A draft written by ``render_toml`` (or by hand in the same shape)."""
    document = tomllib.loads(text)
    sources = document.get("source") or []
    if len(sources) != 1:
        raise ValueError("a draft holds exactly one [[source]]")
    return Draft(sources[0], list(document.get("observation") or []))


# ── JSON ────────────────────────────────────────────────────────────────────────────────────


def candidate_json(
    candidate: Candidate, metric_labels: dict, actor_names: dict, source: dict
) -> dict:
    """The field names of ``query --format json``, plus confidence, reasons and known_as."""
    return {
        "metric": candidate.metric,
        "metric_label": metric_labels.get(candidate.metric),
        "value": int(candidate.value) if float(candidate.value).is_integer() else candidate.value,
        "value_high": candidate.value_high,
        "unit": candidate.unit,
        "qualifier": candidate.qualifier,
        "value_text": candidate.value_text,
        "period_start": candidate.period_start.isoformat(),
        "period_end": candidate.period_end.isoformat(),
        "period_precision": candidate.period_precision,
        "period_text": candidate.period_text,
        "scope": candidate.scope,
        "scope_detail": candidate.scope_detail,
        "scope_code": candidate.scope_code,
        "actor": candidate.actor,
        "actor_name": actor_names.get(candidate.actor),
        "speaker": candidate.speaker,
        "attribution": candidate.attribution,
        "commissioned_by": candidate.commissioned_by,
        "source": source.get("id"),
        "source_title": source.get("title"),
        "source_outlet": source.get("outlet"),
        "source_published": source["published"].isoformat()
        if isinstance(source.get("published"), date)
        else source.get("published"),
        "quote": candidate.quote,
        "confidence": candidate.confidence,
        "reasons": list(candidate.reasons),
        "known_as": candidate.known_as,
        "left_out": candidate.left_out,
        "offset": candidate.start,
    }


# ── into the data directory ─────────────────────────────────────────────────────────────────


def write_into_data(data_dir: Path, draft: Draft) -> Path:
    """Add the draft's source and observations to ``data_dir``.

    The dataset with the additions is validated in a copy first; if it has any problem, nothing
    is written (WriteRefused lists them). Then the two files are backed up and replaced
    atomically, the source first (a source alone is valid). Returns the backup directory.
    """
    from mes_tui.core.dataset import validate

    data_dir = Path(data_dir)
    if not draft.observations:
        raise WriteRefused(_("no figure accepted: nothing to add"))
    if (data_dir / "observations.csv").exists():
        raise WriteRefused(
            _("{path} keeps its observations in observations.csv; add them there").format(
                path=data_dir
            )
        )
    files = {"sources.toml": "source", "observations.toml": "observation"}
    old = {}
    for name in files:
        try:
            old[name] = (data_dir / name).read_text(encoding="utf-8")
        except OSError as error:
            raise WriteRefused(
                _("cannot read {path}: {detail}").format(
                    path=data_dir / name, detail=error.strerror
                )
            ) from None
    blocks = {
        "sources.toml": _table("source", draft.source, SOURCE_FIELDS),
        "observations.toml": "\n".join(
            _table("observation", o, OBSERVATION_FIELDS) for o in draft.observations
        ),
    }
    new = {name: old[name].rstrip("\n") + "\n\n" + blocks[name] for name in files}
    with tempfile.TemporaryDirectory(prefix="mes-tui-check.") as scratch:
        trial = Path(scratch) / "data"
        shutil.copytree(data_dir, trial, ignore=shutil.ignore_patterns(".backups", ".mes-tui-*"))
        for name, text in new.items():
            (trial / name).write_text(text, encoding="utf-8")
        problems = validate(trial)
    if problems:
        raise WriteRefused(
            ngettext(
                "the additions would make {path} invalid ({n} problem); nothing was written",
                "the additions would make {path} invalid ({n} problems); nothing was written",
                len(problems),
            ).format(path=data_dir, n=len(problems)),
            problems,
        )
    backup = data_dir / ".backups" / datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    try:
        backup.mkdir(parents=True)
        for name in files:
            shutil.copy2(data_dir / name, backup / name)
        for name in ("sources.toml", "observations.toml"):
            write_atomic(data_dir / name, new[name], force=True)
    except (OSError, ExportError) as error:
        raise WriteRefused(
            _("cannot write into {path}: {detail}").format(path=data_dir, detail=error)
        ) from None
    return backup
