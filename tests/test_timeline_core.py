"""The timeline in the core: one order for every figure and event, and filtered views of it.

``TimelineIndex.view`` (masks over an order sorted once, what the explorer uses) must give
exactly what sorting the filtered frames gives (``timeline_rows(apply(…), apply_events(…))``).
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mes_tui.core.filters import Filters, apply, apply_events, event_mask, observation_mask
from mes_tui.core.records import RecordKey
from mes_tui.core.timeline import TimelineIndex, timeline_rows
from tests.tiers import examples

SEARCHES = ["", "cnam", "millions", "cazeneuve", "mon espace", "DMP", "activés", "zzz-none"]


def sorted_view(frames, filters: Filters):
    return timeline_rows(apply(frames.observations, filters), apply_events(frames.events, filters))


@pytest.mark.parametrize("shuffled", [False, True])
def test_the_timeline_is_in_date_order_with_events_first_on_a_tie(frames, shuffled) -> None:
    if shuffled:  # the order must not depend on the order of the frames
        frames = type(frames)(
            **{
                **vars(frames),
                "observations": frames.observations.sample(fraction=1.0, shuffle=True, seed=3),
                "events": frames.events.sample(fraction=1.0, shuffle=True, seed=4),
            }
        )
    rows = timeline_rows(frames.observations, frames.events)
    table = rows.to_frame()
    assert len(rows) == frames.observations.height + frames.events.height
    ends = table["end"].to_list()
    assert ends == sorted(ends)
    for (end, is_event), (next_end, next_is_event) in pairwise(
        zip(ends, table["is_event"], strict=True)
    ):
        if end == next_end:
            assert is_event >= next_is_event  # an event never follows a figure of its day
    # Each line says where it comes from: events first, then observations.
    first_obs = frames.events.height
    for rid, row, is_event in zip(table["id"], table["row"], table["is_event"], strict=True):
        source = frames.events if is_event else frames.observations
        position = row if is_event else row - first_obs
        assert source["id"][position] == rid


def test_masks_keep_what_apply_keeps(frames) -> None:
    for filters in (
        Filters(),
        Filters(search="cnam"),
        Filters(actors=frozenset({"cnam"})),
        Filters(metrics=frozenset({"accounts_activated"})),
        Filters(since=date(2024, 1, 1), until=date(2024, 12, 31)),
    ):
        kept = frames.observations.filter(observation_mask(frames.observations, filters))
        assert kept.equals(apply(frames.observations, filters))
        kept = frames.events.filter(event_mask(frames.events, filters))
        assert kept.equals(apply_events(frames.events, filters))


def test_a_metric_filter_masks_every_event(frames) -> None:
    mask = event_mask(frames.events, Filters(metrics=frozenset({"accounts_activated"})))
    assert mask.len() == frames.events.height and not mask.any()


@st.composite
def filter_values(draw, frames) -> Filters:
    metrics = sorted(set(frames.observations["metric"]))
    actors = sorted(frames.actors["id"])
    since = draw(st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2026, 1, 1))))
    until = draw(st.one_of(st.none(), st.dates(since or date(2020, 1, 1), date(2026, 12, 31))))
    return Filters(
        metrics=frozenset(draw(st.lists(st.sampled_from(metrics), max_size=3))),
        actors=frozenset(draw(st.lists(st.sampled_from(actors), max_size=2))),
        since=since,
        until=until,
        search=draw(st.sampled_from(SEARCHES)),
    )


def test_views_of_the_index_equal_a_fresh_sort(frames) -> None:
    index = TimelineIndex(frames.observations, frames.events)

    @settings(max_examples=examples(150), deadline=None)
    @given(filters=filter_values(frames))
    def check(filters: Filters) -> None:
        view = index.view(
            observation_mask(frames.observations, filters), event_mask(frames.events, filters)
        )
        expected = sorted_view(frames, filters)
        assert len(view) == len(expected)
        assert [row.key for row in view] == [row.key for row in expected]
        assert list(view) == list(expected)
        assert view[1:4] == expected[1:4]
        for i in range(len(view)):
            assert view.key(i) == expected.key(i)
            assert view.year(i) == expected.year(i)
            assert view.index_of(view.key(i)) == i
        # A key the view does not keep is not found in it.
        missing = {row.key for row in index.rows} - {row.key for row in view}
        for key in sorted(missing)[:5]:
            assert view.index_of(key) is None

    check()


def test_an_unfiltered_view_is_the_index_itself(frames) -> None:
    index = TimelineIndex(frames.observations, frames.events)
    view = index.view(
        observation_mask(frames.observations, Filters()), event_mask(frames.events, Filters())
    )
    assert view is index.rows


def test_masks_of_other_frames_are_refused(frames) -> None:
    index = TimelineIndex(frames.observations, frames.events)
    with pytest.raises(ValueError, match="masks"):
        index.view(pl.Series([True]), pl.Series([True]))


def test_each_timeline_key_finds_its_record(frames) -> None:
    from mes_tui.core.queries import find_record

    for row in timeline_rows(frames.observations, frames.events):
        found = find_record(frames, row.key)
        assert found is not None, row.key
        assert found.key == row.key and found["id"] == row.key.id
        assert found.is_event == row.is_event
        assert (found.metric is None) == row.is_event
        assert ("metric" in found.row) == (not row.is_event)
    assert find_record(frames, RecordKey("observation", "no-such-id")) is None
    assert find_record(frames, RecordKey("event", "no-such-id")) is None
