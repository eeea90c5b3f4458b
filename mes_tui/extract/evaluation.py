"""How well extraction finds the figures of the record (``make eval-extract``).

The dataset is the answer key. For each source, extraction runs on its text (a source with a
full text) or on its excerpts joined as paragraphs (a source known by its address), with the
source's publication date; then:

- recall: the record's figures for which a candidate has the same value, inside the record's
  quote;
- precision: the candidates that are such a figure of the record;
- metric, period, stater right: among the figures found, the candidate's metric, period
  (start and end in the same month as the record's) and actor equal the record's.
"""

from __future__ import annotations

import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mes_tui.core.loading import read_dataset
from mes_tui.core.models import Actor, Metric, Observation, Source
from mes_tui.core.text import find_span
from mes_tui.extract.candidates import Candidate, Knowledge, extract_candidates
from mes_tui.extract.staters import ActorIndex

__all__ = ["Score", "evaluate", "render_markdown"]


@dataclass
class Score:
    name: str
    records: int = 0
    candidates: int = 0
    found: int = 0
    true_candidates: int = 0
    metric_right: int = 0
    period_right: int = 0
    stater_right: int = 0
    misses: list[str] | None = None
    wrong: list[str] | None = None
    group: str = ""  # documents (full texts) or excerpts

    def add(self, other: Score) -> None:
        for name in (
            "records",
            "candidates",
            "found",
            "true_candidates",
            "metric_right",
            "period_right",
            "stater_right",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def ratios(self) -> dict[str, float | None]:
        def ratio(a: int, b: int) -> float | None:
            return a / b if b else None

        return {
            "recall": ratio(self.found, self.records),
            "precision": ratio(self.true_candidates, self.candidates),
            "metric": ratio(self.metric_right, self.found),
            "period": ratio(self.period_right, self.found),
            "stater": ratio(self.stater_right, self.found),
        }


def _same_value(candidate: Candidate, observation: Observation) -> bool:
    return abs(candidate.value - observation.value) <= 1e-6 * max(1.0, abs(observation.value))


def _month(day) -> tuple[int, int]:
    return (day.year, day.month)


def score_source(
    name: str, text: str, figures: tuple[Candidate, ...], records: list[Observation]
) -> Score:
    score = Score(name, records=len(records), candidates=len(figures), misses=[], wrong=[])
    used: set[int] = set()
    for record in records:
        span = find_span(text, record.quote)
        match = None
        for i, candidate in enumerate(figures):
            if i in used or not _same_value(candidate, record):
                continue
            if span is None or span[0] <= candidate.start < span[1]:
                match = i
                break
        if match is None:
            score.misses.append(f"{record.id} ({record.value_text})")  # type: ignore[union-attr]
            continue
        used.add(match)
        candidate = figures[match]
        score.found += 1
        score.metric_right += candidate.metric == record.metric
        score.period_right += _month(candidate.period_start) == _month(
            record.period_start
        ) and _month(candidate.period_end) == _month(record.period_end)
        score.stater_right += candidate.actor == record.actor
        if candidate.metric != record.metric:
            score.wrong.append(f"{record.id}: metric {candidate.metric} (record {record.metric})")  # type: ignore[union-attr]
    score.true_candidates = len(used)
    for i, candidate in enumerate(figures):
        if i not in used:
            score.wrong.append(f"extra: {candidate.value_text!r} as {candidate.metric}")  # type: ignore[union-attr]
    return score


def _extra_records(directory: Path) -> dict[str, list]:
    out: dict[str, list] = {"source": [], "observation": [], "metric": [], "actor": []}
    models: dict[str, type[Source | Observation | Metric | Actor]] = {
        "source": Source,
        "observation": Observation,
        "metric": Metric,
        "actor": Actor,
    }
    for stem, array in (
        ("sources", "source"),
        ("observations", "observation"),
        ("metrics", "metric"),
        ("actors", "actor"),
    ):
        path = directory / f"{stem}.toml"
        if not path.is_file():
            continue
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        for item in document.get(array, []):
            try:
                out[array].append(models[array].model_validate(item))
            except ValueError:
                continue
    return out


def evaluate(
    data_dir: Path,
    extra_dirs: list[Path] | None = None,
    groups: tuple[str, ...] = ("documents", "excerpts"),
) -> tuple[dict[str, Score], dict[str, float]]:
    """Scores of the sources with a full text ("documents") and of those known by their
    excerpts ("excerpts"), and timings."""
    dataset, _ = read_dataset(data_dir)
    extras = [_extra_records(d) for d in extra_dirs or []]
    metrics = dataset.metrics + tuple(m for e in extras for m in e["metric"])
    actors = dataset.actors + tuple(a for e in extras for a in e["actor"])
    launches = [e.date_start for e in dataset.events if e.kind.value == "launch"]
    knowledge = Knowledge(
        metrics=metrics,
        actors=ActorIndex(actors),
        observations=(),  # the record must not answer for itself
        launch=min(launches) if launches else None,
    )
    sources = list(dataset.sources) + [s for e in extras for s in e["source"]]
    observations = list(dataset.observations) + [o for e in extras for o in e["observation"]]
    totals = {"documents": Score("documents"), "excerpts": Score("excerpts")}
    per_source: dict[str, Score] = {}
    started = time.perf_counter()
    words = 0
    for source in sources:
        records = [o for o in observations if o.source == source.id]
        if not records:
            continue
        if source.text_file and source.id in dataset.texts:
            text, group = dataset.texts[source.id], "documents"
        elif source.excerpts:
            text, group = "\n\n".join(source.excerpts), "excerpts"
        else:
            continue
        if group not in groups:
            continue
        words += len(text.split())
        extraction = extract_candidates(
            text,
            source.published,
            knowledge,
            source.published_precision.value,
            on_topic=group == "excerpts",
        )
        score = score_source(source.id, text, extraction.figures, records)
        score.group = group
        per_source[source.id] = score
        totals[group].add(score)
    elapsed = time.perf_counter() - started
    return {**totals, **per_source}, {"seconds": elapsed, "words": words}


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f} %"


def render_markdown(scores: dict[str, Score]) -> str:
    lines = [
        "| set | records | candidates | recall | precision | metric right | period right | stater right |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, score in scores.items():
        r = score.ratios()
        lines.append(
            f"| {name} | {score.records} | {score.candidates} | {_pct(r['recall'])} | "
            f"{_pct(r['precision'])} | {_pct(r['metric'])} | {_pct(r['period'])} | {_pct(r['stater'])} |"
        )
    return "\n".join(lines) + "\n"
