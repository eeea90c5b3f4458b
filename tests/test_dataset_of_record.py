"""The dataset of record: every figure is quoted verbatim from its source and says its value.

These checks read the data files with tomllib and compare texts themselves: they do not call
the project's checker, so a bug in the checker cannot hide a bad record.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from mes_tui.core.numbers import parse_value_text

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SEEDS = REPO.parent / "shared" / "seeds"


def _records(stem: str, array: str) -> list[dict]:
    with open(DATA / f"{stem}.toml", "rb") as handle:
        return tomllib.load(handle)[array]


SOURCES = _records("sources", "source")
ACTORS = _records("actors", "actor")
METRICS = _records("metrics", "metric")
OBSERVATIONS = _records("observations", "observation")
EVENTS = _records("events", "event")

_WS = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")


def norm(text: str) -> str:
    """Only white space (no-break spaces included) is allowed to differ."""
    return _WS.sub(" ", text).strip()


def source_text(source_id: str) -> str:
    source = next(s for s in SOURCES if s["id"] == source_id)
    parts = []
    if "text_file" in source:
        parts.append((DATA / source["text_file"]).read_text(encoding="utf-8"))
    parts.extend(source.get("excerpts", []))
    return "\n\n".join(parts)


def test_the_dataset_is_not_empty() -> None:
    raw = (DATA / "observations.toml").read_text(encoding="utf-8")
    count = len(re.findall(r"^\[\[observation\]\]\s*$", raw, re.MULTILINE))
    assert count == len(OBSERVATIONS) > 0
    assert SOURCES and ACTORS and METRICS and EVENTS


@pytest.mark.parametrize("obs", OBSERVATIONS, ids=lambda o: o["id"])
def test_observation_quote_is_verbatim_in_its_source(obs: dict) -> None:
    text = source_text(obs["source"])
    assert norm(obs["quote"]) in norm(text), (
        f"{obs['id']}: quote not found in {obs['source']}: {obs['quote']!r}"
    )


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e["id"])
def test_event_quote_is_verbatim_in_its_source(event: dict) -> None:
    text = source_text(event["source"])
    assert norm(event["quote"]) in norm(text), (
        f"{event['id']}: quote not found in {event['source']}: {event['quote']!r}"
    )


@pytest.mark.parametrize("obs", OBSERVATIONS, ids=lambda o: o["id"])
def test_observation_value_is_expressed_in_its_quote(obs: dict) -> None:
    assert norm(obs["value_text"]) in norm(obs["quote"]), (
        f"{obs['id']}: value_text {obs['value_text']!r} is not in the quote"
    )
    assert parse_value_text(obs["value_text"]) == pytest.approx(float(obs["value"]), rel=1e-9), (
        f"{obs['id']}: {obs['value_text']!r} does not read as {obs['value']}"
    )


# Hand-read from the source texts: the words and the number they mean, in base units.
HAND_READ = {
    "2023-02-accounts-created": ("65,7 millions", 65_700_000),
    "2023-02-accounts-activated": ("7,9 millions", 7_900_000),
    "2023-02-activation-rate": ("12 %", 12),
    "2023-02-activations-two-months": ("220 000", 220_000),
    "2023-02-ambassador-activations": ("1 450", 1_450),
    "2024-02-accounts-activated": ("10, 8 millions", 10_800_000),
    "2024-05-budget-segur-numerique": ("2 milliards", 2_000_000_000),
    "2024-06-activations-share-25-69": ("un quart", 25),
    "2025-02-documents-share-sent": ("Un document de santé sur deux", 50),
    "2025-02-documents-vs-dmp": ("quatre fois", 4),
    "2025-02-weekly-unique-visitors": ("deux millions", 2_000_000),
    "2021-09-haute-garonne-activation-rate": ("3,5 %", 3.5),
}


@pytest.mark.parametrize("obs_id", sorted(HAND_READ))
def test_key_figures_match_a_hand_reading_of_the_sources(obs_id: str) -> None:
    words, number = HAND_READ[obs_id]
    obs = next(o for o in OBSERVATIONS if o["id"] == obs_id)
    assert obs["value_text"] == words
    assert obs["value"] == pytest.approx(number)
    assert norm(words) in norm(source_text(obs["source"]))


@pytest.mark.parametrize("source", [s for s in SOURCES if "text_file" in s], ids=lambda s: s["id"])
def test_source_text_equals_its_seed(source: dict) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed texts are not available at {SEEDS}")
    origin = source.get("origin", "")
    match = re.fullmatch(r"seed (\S+\.txt)", origin)
    assert match, f"{source['id']}: origin {origin!r} does not name a seed file"
    seed = SEEDS / match[1]
    assert seed.is_file(), f"{source['id']}: seed {seed} does not exist"
    assert (DATA / source["text_file"]).read_bytes() == seed.read_bytes()


DOCUMENTS = [s for s in SOURCES if "text_file" in s]  # the others are published pages
PAGES = [s for s in SOURCES if "text_file" not in s]


@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda s: s["id"])
def test_source_sha256_matches_its_text(source: dict) -> None:
    assert "sha256" in source
    digest = hashlib.sha256((DATA / source["text_file"]).read_bytes()).hexdigest()
    assert digest == source["sha256"]


@pytest.mark.parametrize("source", PAGES, ids=lambda s: s["id"])
def test_a_page_has_its_address_and_only_the_excerpts_it_quotes(source: dict) -> None:
    assert re.match(r"^https?://[^\s/]+\.[a-z]{2,}", source["url"])
    assert source["excerpts"]
    quotes = [o["quote"] for o in OBSERVATIONS + EVENTS if o["source"] == source["id"]]
    # sentences, never a whole article; and the page is quoted
    assert all(len(excerpt) <= 1_200 for excerpt in source["excerpts"])
    assert any(norm(q) in norm(e) for q in quotes for e in source["excerpts"])


def test_every_text_in_sources_dir_belongs_to_a_source() -> None:
    referenced = {Path(s["text_file"]).name for s in SOURCES if "text_file" in s}
    on_disk = {p.name for p in (DATA / "sources").glob("*.txt")}
    assert referenced == on_disk


def test_ids_are_unique_in_every_file() -> None:
    for records in (SOURCES, ACTORS, METRICS, OBSERVATIONS, EVENTS):
        ids = [r["id"] for r in records]
        assert len(ids) == len(set(ids))


def test_every_reference_resolves() -> None:
    metric_ids = {m["id"] for m in METRICS}
    actor_ids = {a["id"] for a in ACTORS}
    source_ids = {s["id"] for s in SOURCES}
    for obs in OBSERVATIONS:
        assert obs["metric"] in metric_ids, obs["id"]
        assert obs["actor"] in actor_ids, obs["id"]
        assert obs["source"] in source_ids, obs["id"]
        if "commissioned_by" in obs:
            assert obs["commissioned_by"] in actor_ids, obs["id"]
    for event in EVENTS:
        assert event["source"] in source_ids, event["id"]
        if "actor" in event:
            assert event["actor"] in actor_ids, event["id"]
    for actor in ACTORS:
        assert set(actor.get("members", [])) <= actor_ids, actor["id"]
        if "parent" in actor:
            assert actor["parent"] in actor_ids, actor["id"]


def test_observation_units_agree_with_their_metric() -> None:
    units = {m["id"]: m["unit"] for m in METRICS}
    for obs in OBSERVATIONS:
        assert obs["unit"] == units[obs["metric"]], obs["id"]


@pytest.mark.parametrize(
    "obs", [o for o in OBSERVATIONS if o["unit"] == "percent"], ids=lambda o: o["id"]
)
def test_every_percent_lies_between_0_and_100(obs: dict) -> None:
    assert 0 <= obs["value"] <= 100


def test_periods_and_event_dates_are_ordered() -> None:
    for obs in OBSERVATIONS:
        assert obs["period_start"] <= obs["period_end"], obs["id"]
    for event in EVENTS:
        assert event["date_start"] <= event["date_end"], event["id"]


def test_mes_tui_validate_accepts_the_bundled_data() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mes_tui", "validate", str(DATA)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # no problem to list
    assert f"{len(OBSERVATIONS)} observations" in result.stderr
    assert f"{len(EVENTS)} events" in result.stderr
    assert "Traceback" not in result.stderr
