"""Filters: an immutable value, applied by pure functions to the frames."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import pytest
from pydantic import ValidationError

from mes_tui.core.filters import Filters, apply, apply_events, parse_date_bound, unknown_ids
from mes_tui.core.text import fold, squash_spaces


def ids(frame: pl.DataFrame) -> set[str]:
    return set(frame["id"].to_list())


# ── The value ────────────────────────────────────────────────────────────────────────────


def test_filters_are_frozen() -> None:
    filters = Filters(search="x")
    with pytest.raises(ValidationError):
        filters.search = "y"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        filters.metrics = frozenset({"a"})  # type: ignore[misc]
    assert filters.search == "x"


def test_replace_returns_a_new_value() -> None:
    first = Filters(metrics=frozenset({"accounts_created"}))
    second = first.replace(search="activés", since=date(2023, 1, 1))
    assert second is not first
    assert first.search == "" and first.since is None
    assert second.search == "activés" and second.since == date(2023, 1, 1)
    assert second.metrics == frozenset({"accounts_created"})


def test_replace_validates() -> None:
    with pytest.raises(ValueError, match="since 2024-01-01 is after until 2023-01-01"):
        Filters(until=date(2023, 1, 1)).replace(since=date(2024, 1, 1))


def test_since_after_until_raises() -> None:
    with pytest.raises(ValueError, match="after"):
        Filters(since=date(2024, 1, 2), until=date(2024, 1, 1))
    same_day = Filters(since=date(2024, 1, 1), until=date(2024, 1, 1))
    assert same_day.since == same_day.until


def test_unknown_filter_field_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Filters(metric=frozenset({"x"}))  # type: ignore[call-arg]


def test_is_empty_and_terms() -> None:
    assert Filters().is_empty
    assert not Filters(search="a").is_empty
    assert Filters(search="  Comptes   ACTIVÉS ").terms() == ["comptes", "actives"]
    assert Filters().terms() == []


def test_no_filter_keeps_everything(frames) -> None:
    assert apply(frames.observations, Filters()).equals(frames.observations)
    assert apply_events(frames.events, Filters()).equals(frames.events)


# ── Metric and actor ─────────────────────────────────────────────────────────────────────


def test_by_one_metric(frames, raw) -> None:
    got = apply(frames.observations, Filters(metrics=frozenset({"accounts_activated"})))
    expected = {o["id"] for o in raw["observations"] if o["metric"] == "accounts_activated"}
    assert ids(got) == expected
    # Four stated figures of activated accounts: 7,9 / 10,8 / 13 / 18 millions.
    assert sorted(got["value"].to_list()) == [7_900_000, 10_800_000, 13_000_000, 18_000_000]


def test_by_several_metrics(frames, raw) -> None:
    wanted = {"accounts_activated", "accounts_created"}
    got = apply(frames.observations, Filters(metrics=frozenset(wanted)))
    assert ids(got) == {o["id"] for o in raw["observations"] if o["metric"] in wanted}


def test_result_keeps_the_frame_order(frames) -> None:
    got = apply(frames.observations, Filters(metrics=frozenset({"accounts_activated"})))
    order = frames.observations["id"].to_list()
    positions = [order.index(i) for i in got["id"].to_list()]
    assert positions == sorted(positions)


def test_actor_ans_finds_its_joint_statements(frames, raw) -> None:
    got = ids(apply(frames.observations, Filters(actors=frozenset({"ans"}))))
    joint = {o["id"] for o in raw["observations"] if o["actor"] in ("dns-cnam-ans", "dns-ans")}
    assert joint and got == joint
    assert "2023-02-activations-two-months" in got  # DNS · ANS
    assert "2023-02-accounts-created" in got  # DNS · CNAM · ANS
    assert "2023-02-ambassadors" not in got  # DNS alone


def test_actor_cnam_finds_its_local_office(frames, raw) -> None:
    got = ids(apply(frames.observations, Filters(actors=frozenset({"cnam"}))))
    assert {"2021-09-haute-garonne-activation-rate", "2021-09-haute-garonne-refusal-rate"} <= got
    assert "2025-02-accounts-activated" in got  # CNAM itself
    assert "2023-02-accounts-created" in got  # jointly with DNS and ANS
    assert "2023-02-activations-two-months" not in got  # DNS · ANS, without CNAM
    expected = {
        o["id"] for o in raw["observations"] if o["actor"] in ("cnam", "cpam-31", "dns-cnam-ans")
    }
    assert got == expected


def test_actor_local_office_alone(frames, raw) -> None:
    got = ids(apply(frames.observations, Filters(actors=frozenset({"cpam-31"}))))
    assert got == {o["id"] for o in raw["observations"] if o["actor"] == "cpam-31"}


def test_several_actors_are_a_union(frames) -> None:
    csa = ids(apply(frames.observations, Filters(actors=frozenset({"csa"}))))
    harris = ids(apply(frames.observations, Filters(actors=frozenset({"harris-interactive"}))))
    both = ids(apply(frames.observations, Filters(actors=frozenset({"csa", "harris-interactive"}))))
    assert csa and harris and both == csa | harris


def test_metric_and_actor_combine(frames, raw) -> None:
    got = ids(
        apply(
            frames.observations,
            Filters(metrics=frozenset({"accounts_activated"}), actors=frozenset({"cnam"})),
        )
    )
    assert got == {"2023-02-accounts-activated", "2025-02-accounts-activated"}


# ── Dates ────────────────────────────────────────────────────────────────────────────────


def _overlapping(raw, since: date | None, until: date | None) -> set[str]:
    return {
        o["id"]
        for o in raw["observations"]
        if (since is None or o["period_end"] >= since)
        and (until is None or o["period_start"] <= until)
    }


def test_a_period_that_overlaps_the_range_is_kept(frames, raw) -> None:
    # The CSA poll spans Jan–Oct 2021, the Ségur budgets 2021–2027: a June 2021 range
    # overlaps them.
    june = Filters(since=date(2021, 6, 1), until=date(2021, 6, 30))
    got = ids(apply(frames.observations, june))
    assert got == {
        "2021-csa-heard-of",
        "2024-05-budget-mes-services",
        "2024-05-budget-segur-numerique",
    }
    assert got == _overlapping(raw, june.since, june.until)


@pytest.mark.parametrize(
    ("since", "until"),
    [
        (date(2023, 2, 13), date(2023, 2, 13)),
        (date(2024, 1, 1), None),
        (None, date(2021, 12, 31)),
        (date(2023, 1, 1), date(2023, 12, 31)),
    ],
)
def test_date_range_keeps_exactly_the_overlapping_periods(frames, raw, since, until) -> None:
    got = ids(apply(frames.observations, Filters(since=since, until=until)))
    assert got and got == _overlapping(raw, since, until)


def test_range_bounds_are_inclusive(frames) -> None:
    day = Filters(since=date(2021, 9, 30), until=date(2021, 9, 30))
    got = ids(apply(frames.observations, day))
    assert {"2021-09-haute-garonne-activation-rate", "2021-09-haute-garonne-refusal-rate"} <= got
    next_day = ids(
        apply(frames.observations, Filters(since=date(2021, 10, 2), until=date(2021, 10, 2)))
    )
    assert "2021-09-haute-garonne-activation-rate" not in next_day


def test_a_range_with_no_figure(frames) -> None:
    got = apply(frames.observations, Filters(since=date(2030, 1, 1)))
    assert got.is_empty()
    assert got.columns == frames.observations.columns


# ── Search ───────────────────────────────────────────────────────────────────────────────


def test_search_ignores_case_and_accents(frames) -> None:
    got = ids(apply(frames.observations, Filters(search="ACTIVES")))
    # "65,7 millions de comptes ... ont été activés."
    assert "2023-02-accounts-created" in got
    assert got == ids(apply(frames.observations, Filters(search="activés")))


def test_search_matches_exactly_the_rows_whose_text_contains_the_word(frames) -> None:
    # "Ces volontaires ont permis de sensibiliser près de 14 000 personnes, ..."
    got = ids(apply(frames.observations, Filters(search="SENSIBILISER")))
    expected = {
        row["id"] for row in frames.observations.to_dicts() if "sensibiliser" in fold(row["quote"])
    }
    assert (
        got == expected == {"2023-02-ambassador-activations", "2023-02-ambassador-people-reached"}
    )


def test_search_words_are_all_required(frames) -> None:
    one = ids(apply(frames.observations, Filters(search="millions")))
    two = ids(apply(frames.observations, Filters(search="activés")))
    both = ids(apply(frames.observations, Filters(search="millions activés")))
    assert both == one & two
    assert both and both != one and both != two


def test_search_unifies_apostrophes(frames) -> None:
    # The quote has a typographic apostrophe: "code d’activation provisoire".
    got = ids(apply(frames.observations, Filters(search="d'activation provisoire")))
    assert got == {"2021-09-haute-garonne-activation-rate"}


def test_search_reads_labels_too(frames) -> None:
    # "Refusal" is in the metric label only, not in the French quote.
    got = ids(apply(frames.observations, Filters(search="refusal")))
    assert got == {"2021-09-haute-garonne-refusal-rate"}


def test_a_quoted_phrase_finds_the_phrase_not_every_word(frames) -> None:
    words = ids(apply(frames.observations, Filters(search="18 millions")))
    phrase = apply(frames.observations, Filters(search='"18 millions"'))
    assert ids(phrase) and ids(phrase) < words
    assert all("18 millions" in squash_spaces(quote) for quote in phrase["quote"])


def test_notes_are_searched(frames) -> None:
    """A word found only in a figure's note (the reviewer's words) finds that figure."""
    columns = ("quote", "metric_label", "metric_label_fr", "category", "actor_name", "speaker")
    rows = frames.observations.filter(pl.col("note").is_not_null()).iter_rows(named=True)
    found = [
        (row["id"], word)
        for row in rows
        for word in (w.strip(".,;:()«»'’") for w in row["note"].split())
        if len(word) > 6
        and fold(word) not in fold(" ".join(str(row[c] or "") for c in (*columns, "source_title")))
    ]
    assert found, "the bundled data has a note with a word of its own"
    for figure, word in found[:5]:
        assert figure in ids(apply(frames.observations, Filters(search=word))), word


def test_search_is_literal(frames) -> None:
    assert apply(frames.observations, Filters(search=".*")).is_empty()


# ── Events ───────────────────────────────────────────────────────────────────────────────


def test_a_metric_filter_hides_every_event(frames) -> None:
    got = apply_events(frames.events, Filters(metrics=frozenset({"accounts_created"})))
    assert got.is_empty()


def test_events_by_actor_member(frames, raw) -> None:
    got = ids(apply_events(frames.events, Filters(actors=frozenset({"cnam"}))))
    assert got == {e["id"] for e in raw["events"] if e.get("actor") == "dns-cnam-ans"}
    assert got == {"2023-02-13-first-assessment"}


def test_events_by_date_range(frames, raw) -> None:
    since, until = date(2022, 1, 15), date(2022, 2, 15)
    got = ids(apply_events(frames.events, Filters(since=since, until=until)))
    expected = {
        e["id"] for e in raw["events"] if e["date_end"] >= since and e["date_start"] <= until
    }
    assert got == expected
    assert "2022-01-launch-per-2024-article" in got and "2022-02-launch-per-first-assessment" in got


# ── Dates typed by people ────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2023", False, date(2023, 1, 1)),
        ("2023", True, date(2023, 12, 31)),
        ("2023-02", False, date(2023, 2, 1)),
        ("2023-02", True, date(2023, 2, 28)),
        ("2024-02", True, date(2024, 2, 29)),
        ("2023-2", True, date(2023, 2, 28)),
        ("2023-11", True, date(2023, 11, 30)),
        ("2023-02-13", False, date(2023, 2, 13)),
        ("2023-02-13", True, date(2023, 2, 13)),
        (" 2023-02-13 ", False, date(2023, 2, 13)),
    ],
)
def test_parse_date_bound(text: str, end: bool, expected: date) -> None:
    assert parse_date_bound(text, end=end) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "23",
        "2023-13",
        "2023-00",
        "2023-02-30",
        "2023/02/01",
        "février 2023",
        "2023-02-13T00:00",
    ],
)
def test_parse_date_bound_rejects_non_dates(text: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(repr(text))} (is not a date|has no month)"):
        parse_date_bound(text)


# ── Unknown ids ──────────────────────────────────────────────────────────────────────────


def test_unknown_ids_lists_the_bad_ones_and_the_valid_choices(frames, raw) -> None:
    filters = Filters(
        metrics=frozenset({"nope", "accounts_created"}), actors=frozenset({"dns", "zzz", "aaa"})
    )
    unknown = unknown_ids(filters, frames)
    assert unknown["metric"] == (["nope"], sorted(m["id"] for m in raw["metrics"]))
    assert unknown["actor"] == (["aaa", "zzz"], sorted(a["id"] for a in raw["actors"]))


def test_unknown_ids_empty_when_all_known(frames) -> None:
    filters = Filters(metrics=frozenset({"accounts_created"}), actors=frozenset({"cnam"}))
    assert unknown_ids(filters, frames) == {}


# ── Scope ────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("word", "canonical"),
    [
        ("national", "national"),
        ("pilot", "pilot_departements"),
        ("survey", "survey_sample"),
        ("Région:75", "region:75"),
        ("departement:2a", "departement:2A"),
        ("31", "departement:31"),  # only a département has code 31
        ("974", "departement:974"),
    ],
)
def test_scope_words(word: str, canonical: str) -> None:
    assert Filters(scopes=frozenset({word})).scopes == frozenset({canonical})


@pytest.mark.parametrize(
    ("word", "says"),
    [
        ("75", "region:75 or departement:75"),  # Nouvelle-Aquitaine and Paris
        ("20", "valid scopes"),  # Corsica is 2A and 2B
        ("region:31", "not the INSEE code of a region"),
        ("local", "valid scopes"),
    ],
)
def test_unknown_or_ambiguous_scopes_are_refused(word: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        Filters(scopes=frozenset({word}))


def test_scope_filter_keeps_one_place(frames) -> None:
    national = apply(frames.observations, Filters(scopes=frozenset({"national"})))
    assert set(national["scope"]) == {"national"}
    haute_garonne = apply(frames.observations, Filters(scopes=frozenset({"31"})))
    assert ids(haute_garonne) == {
        "2021-09-haute-garonne-activation-rate",
        "2021-09-haute-garonne-refusal-rate",
    }
    assert apply(frames.observations, Filters(scopes=frozenset({"departement:32"}))).is_empty()
    both = apply(frames.observations, Filters(scopes=frozenset({"national", "pilot"})))
    assert set(both["scope"]) == {"national", "pilot_departements"}
    # Events are national milestones: kept with national figures, hidden without them.
    assert apply_events(frames.events, Filters(scopes=frozenset({"national"}))).height > 0
    assert apply_events(frames.events, Filters(scopes=frozenset({"31"}))).is_empty()
