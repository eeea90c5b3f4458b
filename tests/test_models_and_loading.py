"""Record models (frozen, strict) and ``load()``: typed frames joined with their labels."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from pydantic import ValidationError

from mes_tui.core import DatasetError, Frames, load
from mes_tui.core.loading import read_dataset
from mes_tui.core.models import Actor, Event, Metric, Observation, Source
from mes_tui.core.paths import bundled_data_dir

OBS = dict(
    id="x-1",
    metric="m",
    value=12,
    unit="percent",
    qualifier="exact",
    value_text="12 %",
    period_start=date(2023, 2, 13),
    period_end=date(2023, 2, 13),
    period_precision="day",
    scope="national",
    actor="dns",
    attribution="stated",
    source="s",
    quote="soit 12 % des comptes",
)


# ── Models ───────────────────────────────────────────────────────────────────────────────


def test_an_observation_accepts_a_complete_record() -> None:
    obs = Observation.model_validate(OBS)
    assert obs.value == 12.0 and obs.period_start == date(2023, 2, 13)


def test_models_are_frozen() -> None:
    obs = Observation.model_validate(OBS)
    with pytest.raises(ValidationError):
        obs.value = 13  # type: ignore[misc]
    assert obs.value == 12


def test_models_reject_unknown_fields() -> None:
    with pytest.raises(ValidationError) as caught:
        Observation.model_validate({**OBS, "vlaue": 3})
    assert caught.value.errors()[0]["type"] == "extra_forbidden"


@pytest.mark.parametrize("missing", ["quote", "value_text", "source", "period_start"])
def test_models_require_their_fields(missing: str) -> None:
    record = {k: v for k, v in OBS.items() if k != missing}
    with pytest.raises(ValidationError) as caught:
        Observation.model_validate(record)
    assert caught.value.errors()[0]["loc"] == (missing,)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("id", "Has Capitals"),
        ("id", ""),
        ("unit", "bananas"),
        ("qualifier", "roughly"),
        ("quote", ""),
        ("period_precision", "week"),
    ],
)
def test_models_reject_bad_values(field: str, bad: object) -> None:
    with pytest.raises(ValidationError):
        Observation.model_validate({**OBS, field: bad})


def test_period_end_may_not_precede_start() -> None:
    with pytest.raises(ValidationError, match="before period_start"):
        Observation.model_validate({**OBS, "period_end": date(2023, 2, 12)})


def test_event_end_may_not_precede_start() -> None:
    event = dict(
        id="e",
        title="T",
        kind="launch",
        date_start=date(2022, 2, 1),
        date_end=date(2022, 1, 31),
        precision="day",
        source="s",
        quote="q",
    )
    with pytest.raises(ValidationError, match="before date_start"):
        Event.model_validate(event)
    assert Event.model_validate({**event, "date_end": date(2022, 2, 1)}).planned is False


def test_a_joint_actor_needs_members_and_only_it_has_them() -> None:
    with pytest.raises(ValidationError, match="member"):
        Actor.model_validate(dict(id="j", short="J", name="Joint", kind="joint"))
    with pytest.raises(ValidationError, match="member"):
        Actor.model_validate(dict(id="a", short="A", name="A", kind="agency", members=["b"]))
    joint = Actor.model_validate(dict(id="j", short="J", name="J", kind="joint", members=["a"]))
    assert joint.members == ["a"]


def test_a_share_metric_needs_a_denominator() -> None:
    metric = dict(
        id="r", label_en="R", label_fr="R", unit="percent", kind="share", family="f", definition="d"
    )
    with pytest.raises(ValidationError, match="denominator"):
        Metric.model_validate(metric)
    assert Metric.model_validate({**metric, "denominator": "all"}).denominator == "all"


def test_a_source_needs_words_to_quote_from() -> None:
    source = dict(
        id="s",
        title="T",
        published=date(2024, 1, 1),
        published_precision="day",
        date_note="n",
        language="fr",
        kind="press",
    )
    with pytest.raises(ValidationError, match="text_file"):
        Source.model_validate(source)
    with pytest.raises(ValidationError, match="sha256"):
        Source.model_validate({**source, "excerpts": ["x"], "sha256": "0" * 64})
    assert Source.model_validate({**source, "excerpts": ["x"]}).excerpts == ["x"]


# ── read_dataset ─────────────────────────────────────────────────────────────────────────


def test_read_dataset_reads_every_record(data_dir: Path, raw) -> None:
    dataset, problems = read_dataset(data_dir)
    assert problems == []
    for kind in ("sources", "actors", "metrics", "observations", "events"):
        assert [r.id for r in getattr(dataset, kind)] == [r["id"] for r in raw[kind]]
    assert set(dataset.texts) == {s["id"] for s in raw["sources"]}


def test_read_dataset_records_the_line_of_each_id(data_dir: Path, raw) -> None:
    dataset, _ = read_dataset(data_dir)
    lines = (data_dir / "observations.toml").read_text(encoding="utf-8").splitlines()
    for obs in raw["observations"]:
        line = dataset.lines[("observations.toml", obs["id"])]
        assert lines[line - 1] == f'id = "{obs["id"]}"'


def test_bundled_data_dir_points_at_a_dataset() -> None:
    assert (bundled_data_dir() / "observations.toml").is_file()


# ── load() ───────────────────────────────────────────────────────────────────────────────


def test_load_returns_frames_with_every_record(frames: Frames, raw) -> None:
    assert isinstance(frames, Frames)
    assert frames.observations.height == len(raw["observations"])
    assert frames.events.height == len(raw["events"])
    assert frames.metrics.height == len(raw["metrics"])
    assert frames.actors.height == len(raw["actors"])
    assert frames.sources.height == len(raw["sources"])
    assert sorted(frames.observations["id"]) == sorted(o["id"] for o in raw["observations"])


def test_frame_dtypes(frames: Frames) -> None:
    obs = frames.observations.schema
    assert obs["period_start"] == pl.Date
    assert obs["period_end"] == pl.Date
    assert obs["value"] == pl.Float64
    assert obs["id"] == pl.String
    assert obs["actor_ids"] == pl.List(pl.String)
    assert obs["source_published"] == pl.Date
    events = frames.events.schema
    assert events["date_start"] == pl.Date and events["date_end"] == pl.Date
    assert events["planned"] == pl.Boolean
    assert frames.sources.schema["published"] == pl.Date


def test_observations_are_joined_with_their_labels(frames: Frames, raw) -> None:
    metrics = {m["id"]: m for m in raw["metrics"]}
    actors = {a["id"]: a for a in raw["actors"]}
    sources = {s["id"]: s for s in raw["sources"]}
    rows = frames.observations.to_dicts()
    assert rows
    for row in rows:
        assert row["metric_label"] == metrics[row["metric"]]["label_en"]
        assert row["metric_label_fr"] == metrics[row["metric"]]["label_fr"]
        assert row["actor_short"] == actors[row["actor"]]["short"]
        assert row["actor_name"] == actors[row["actor"]]["name"]
        assert row["source_title"] == sources[row["source"]].get("title")  # none when untitled
        assert row["source_published"] == sources[row["source"]]["published"]


def test_observation_values_are_the_stored_values(frames: Frames, raw) -> None:
    by_id = {row["id"]: row for row in frames.observations.to_dicts()}
    for obs in raw["observations"]:
        row = by_id[obs["id"]]
        assert row["value"] == pytest.approx(obs["value"])
        assert row["quote"] == obs["quote"]
        assert row["period_start"] == obs["period_start"]
        assert row["period_end"] == obs["period_end"]


def test_observations_are_in_date_order(frames: Frames) -> None:
    ends = frames.observations["period_end"].to_list()
    assert ends == sorted(ends)


def _actor_ids(frames: Frames, actor: str) -> set[str]:
    rows = frames.observations.filter(pl.col("actor") == actor)["actor_ids"].to_list()
    assert rows, f"no observation by {actor}"
    return set(rows[0])


def test_actor_ids_of_joint_actors_hold_their_members(frames: Frames) -> None:
    assert _actor_ids(frames, "dns-cnam-ans") == {"dns-cnam-ans", "dns", "cnam", "ans"}
    assert _actor_ids(frames, "dns-ans") == {"dns-ans", "dns", "ans"}


def test_actor_ids_of_a_local_office_hold_its_parent(frames: Frames) -> None:
    assert _actor_ids(frames, "cpam-31") == {"cpam-31", "cnam"}
    assert _actor_ids(frames, "csa") == {"csa"}


def test_texts_hold_each_source_text(frames: Frames, data_dir: Path, raw) -> None:
    for source in raw["sources"]:
        expected = (data_dir / source["text_file"]).read_text(encoding="utf-8")
        assert frames.texts[source["id"]] == expected


def test_load_raises_on_a_broken_copy(data_copy: Path, replace_in) -> None:
    replace_in(data_copy / "observations.toml", "value = 220_000\n", "value = 230_000\n")
    with pytest.raises(DatasetError) as caught:
        load(data_copy)
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].field == "value"


def test_load_accepts_a_str_path(data_dir: Path) -> None:
    assert load(str(data_dir)).observations.height > 0
