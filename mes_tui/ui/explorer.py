"""The main screen: it owns the state (data, filters, selection) and hands each pane its part.

Attributes go down through ``data_bind``; panes post messages up; panes never touch each other.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, ProgressBar, Static

from mes_tui.core.cache import load_then_store
from mes_tui.core.export import copy_text, with_sources
from mes_tui.core.filters import (
    Filters,
    apply,
    event_mask,
    observation_mask,
    scope_choices,
    unknown_ids,
)
from mes_tui.core.frames import Frames
from mes_tui.core.problems import DatasetError, Problem
from mes_tui.core.queries import MetricView, find_record, metric_view, overview_view
from mes_tui.core.timeline import TimelineIndex, TimelineRows
from mes_tui.ui.detail import MetricDetail
from mes_tui.ui.footer import KeysFooter
from mes_tui.ui.quote import QuotePane
from mes_tui.ui.safe import literal
from mes_tui.ui.steady import SteadyInput
from mes_tui.ui.summary import summary_content
from mes_tui.ui.timeline import Timeline

__all__ = ["ExplorerScreen"]

PANES = ("timeline", "quote", "detail")


class ExplorerScreen(Screen):
    """Timeline, source quote and metric detail, with filters and search."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    # The timeline has the focus from the start (while loading too: the progress bar and the
    # summary line tell how far it is), so the footer is drawn once, not again at the data.
    AUTO_FOCUS = "Timeline"
    BINDINGS = [
        # Priority: handled as the key arrives, so what is typed right after it (or pasted)
        # reaches the search field instead of racing to the timeline.
        Binding("slash", "search", "Search", key_display="/", priority=True),
        Binding("m", "pick_metrics", "Metric"),
        Binding("a", "pick_actors", "Actor"),
        Binding("d", "pick_dates", "Dates"),
        Binding("s", "pick_scopes", "Scope", show=False),
        Binding("x", "clear_filters", "Clear"),
        Binding("o", "open_source", "Source"),
        Binding("c", "copy_quote", "Copy"),
        Binding("e", "export", "Export"),
        Binding("g", "toggle_overview", "Overview"),
        Binding("z", "zoom", "Zoom"),
        Binding("1", "show_pane('timeline')", "Timeline", show=False),
        Binding("2", "show_pane('quote')", "Quote", show=False),
        Binding("3", "show_pane('detail')", "Metric detail", show=False),
        Binding("escape", "back", "Back", show=False),
    ]

    # A repaint of the screen is a repaint of every cell, sent down the SSH link: moving
    # through the timeline must not cause one. A filter change redraws most of the screen
    # anyway, and repainting it at once brings the new view a frame sooner.
    frames: var[Frames | None] = var(None)
    filters: reactive[Filters] = reactive(Filters)
    rows: reactive[TimelineRows] = reactive(TimelineRows, always_update=True, repaint=False)
    selected: reactive[str | None] = reactive(None, repaint=False)
    record: reactive[dict | None] = reactive(None, repaint=False)
    metric_view: reactive[MetricView | None] = reactive(None, repaint=False)
    overview: var[bool] = var(False)
    pane: var[str] = var("timeline")

    class Loaded(Message):
        def __init__(self, frames: Frames, timeline: TimelineIndex) -> None:
            self.frames = frames
            self.timeline = timeline
            super().__init__()

    class ViewReady(Message):
        """The metric pane's content, computed off the UI thread."""

        def __init__(self, wanted: tuple[str, str | None], view: MetricView) -> None:
            self.wanted = wanted
            self.view = view
            super().__init__()

    class LoadProgress(Message):
        def __init__(self, stage: int, stages: int, what: str) -> None:
            self.stage, self.stages, self.what = stage, stages, what
            super().__init__()

    class LoadFailed(Message):
        def __init__(self, problems: list[Problem]) -> None:
            self.problems = problems
            super().__init__()

    def __init__(self, data_dir: Path, filters: Filters | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self._wanted_view: tuple[str, str | None] | None = None
        self.timeline: TimelineIndex | None = None  # every row in order; a view is a mask
        self.set_reactive(ExplorerScreen.filters, filters or Filters())

    # ── layout ───────────────────────────────────────────────────────────────────────────
    def compose(self) -> ComposeResult:
        yield Static(Content("Loading…"), id="summary")
        yield ProgressBar(total=None, show_eta=False, id="load-progress")
        yield SteadyInput(
            placeholder="/ search quotes, metrics, actors, sources…",
            id="search",
            value=self.filters.search,
        )
        with Horizontal(id="main"):
            yield Timeline(id="timeline").data_bind(
                entries=ExplorerScreen.rows, current=ExplorerScreen.selected
            )
            with Vertical(id="side"):
                yield QuotePane(id="quote").data_bind(ExplorerScreen.record)
                yield MetricDetail(id="detail").data_bind(view=ExplorerScreen.metric_view)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.load_data()

    # ── loading (a thin worker: the core does the work) ──────────────────────────────────
    @work(exclusive=True, thread=True, group="load", exit_on_error=False)
    def load_data(self) -> None:
        def progress(stage: int, stages: int, what: str) -> None:
            self.post_message(self.LoadProgress(stage, stages, what))

        try:
            frames, store = load_then_store(self.data_dir, progress)
        except DatasetError as error:
            self.post_message(self.LoadFailed(error.problems))
        except Exception as error:  # noqa: BLE001 - any failure becomes a screen, not a crash
            self.post_message(
                self.LoadFailed(
                    [Problem(str(self.data_dir), None, None, f"cannot be loaded: {error}")]
                )
            )
        else:
            self.post_message(
                self.Loaded(frames, TimelineIndex(frames.observations, frames.events))
            )
            store()  # the cache is filled while the user is already at work

    @on(LoadProgress)
    def _load_progress(self, message: LoadProgress) -> None:
        bar = self.query_one("#load-progress", ProgressBar)
        bar.update(total=message.stages, progress=message.stage - 1)
        self.query_one("#summary", Static).update(
            Content.assemble(
                ("Loading ", "bold"),
                literal(str(self.data_dir), "dim"),
                f" · step {message.stage} of {message.stages}: {message.what}…",
            )
        )

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        frames = message.frames
        if unknown := unknown_ids(self.filters, frames):
            bad = {field: set(ids) for field, (ids, _valid) in unknown.items()}
            self.notify(
                f"Ignored unknown ids: {', '.join(sorted(set().union(*bad.values())))}",
                markup=False,
                severity="warning",
            )
            self.filters = self.filters.replace(
                metrics=self.filters.metrics - bad.get("metric", set()),
                actors=self.filters.actors - bad.get("actor", set()),
            )
        self.timeline = message.timeline
        self.frames = frames
        self.query_one("#load-progress", ProgressBar).display = False

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        from mes_tui.ui.screens.errors import DataErrorScreen

        self.app.push_screen(DataErrorScreen(self.data_dir, message.problems))

    # ── state → view ─────────────────────────────────────────────────────────────────────
    def watch_frames(self) -> None:
        self._refresh_view()

    def watch_filters(self) -> None:
        self._refresh_view()

    def _refresh_view(self) -> None:
        if self.frames is None or self.timeline is None:
            return
        observations = observation_mask(self.frames.observations, self.filters)
        events = event_mask(self.frames.events, self.filters)
        self.query_one("#summary", Static).update(
            summary_content(self.filters, self.frames, int(observations.sum()), int(events.sum()))
        )
        self.rows = self.timeline.view(observations, events)
        if not len(self.rows):
            self.selected = None
            self.record = {"record_kind": "empty"}
            self._wanted_view = None
            self.metric_view = None

    @on(Timeline.Picked)
    def _picked(self, message: Timeline.Picked) -> None:
        if message.key is not None:
            self.selected = message.key

    def watch_selected(self, key: str | None) -> None:
        if self.frames is None or key is None:
            self._update_metric_view()
            return
        self.record = find_record(self.frames, key)
        self._update_metric_view()

    def watch_overview(self) -> None:
        self._update_metric_view()

    def _update_metric_view(self) -> None:
        if self.frames is None or not len(self.rows):
            return
        record = self.record or {}
        metric = record.get("metric") if record.get("record_kind") == "observation" else None
        if len(self.filters.metrics) == 1 and metric is None:
            metric = next(iter(self.filters.metrics))
        wanted = ("overview", None) if self.overview or metric is None else ("metric", metric)
        if wanted != self._wanted_view:
            self._wanted_view = wanted
            self._compute_view(wanted)

    @work(exclusive=True, thread=True, group="metric-view", exit_on_error=False)
    def _compute_view(self, wanted: tuple[str, str | None]) -> None:
        """Derived figures and disagreements take a moment on a large dataset: never on the
        UI thread. A newer request cancels this one; a stale answer is dropped."""
        frames = self.frames
        if frames is None:
            return
        try:
            metric = wanted[1]
            view = overview_view(frames) if metric is None else metric_view(frames, metric)
            view = with_sources(frames, view)
        except Exception as error:  # noqa: BLE001 - a notice, never a crash
            self.app.notify(
                f"The metric detail could not be computed: {error}", markup=False, severity="error"
            )
            return
        self.post_message(self.ViewReady(wanted, view))

    @on(ViewReady)
    def _view_ready(self, message: ViewReady) -> None:
        if message.wanted == self._wanted_view:
            self.metric_view = message.view

    def watch_pane(self, pane: str) -> None:
        for name in PANES:
            self.set_class(pane == name, f"-show-{name}")

    # ── search ───────────────────────────────────────────────────────────────────────────
    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.filters.search:
            self.filters = self.filters.replace(search=event.value)

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        self._leave_search()

    def _leave_search(self) -> None:
        self.pane = "timeline"
        self.set_focus(self.query_one(Timeline))

    # ── actions ──────────────────────────────────────────────────────────────────────────
    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        if self.focused is search:  # a "/" typed in the search is text
            search.insert_text_at_cursor("/")
            return
        self.set_focus(search)

    def set_filters(self, **changes: object) -> None:
        """Apply filter changes (the command palette and the pickers call this)."""
        self.filters = self.filters.replace(**changes)
        if "search" in changes:
            self.query_one("#search", Input).value = str(changes["search"])

    def action_pick_metrics(self) -> None:
        self._pick("Metrics", "metrics", ("id", "label_en", "family"))

    def action_pick_actors(self) -> None:
        self._pick("Actors", "actors", ("id", "short", "name"))

    def _pick(self, title: str, field: str, columns: tuple[str, str, str]) -> None:
        """Open a picker over one vocabulary; its answer replaces that filter."""
        if self.frames is None:
            return
        from mes_tui.ui.screens.pickers import ChoiceScreen

        rows = getattr(self.frames, field).select(columns).rows()

        def chosen(ids: frozenset[str] | None) -> None:
            if ids is not None:
                self.set_filters(**{field: ids})

        self.app.push_screen(
            ChoiceScreen(
                title, [(key, f"{a}  ·  {b}") for key, a, b in rows], getattr(self.filters, field)
            ),
            chosen,
        )

    def action_pick_scopes(self) -> None:
        """National, regional, département… figures, or one région or département."""
        if self.frames is None:
            return
        from mes_tui.ui.screens.pickers import ChoiceScreen

        def chosen(scopes: frozenset[str] | None) -> None:
            if scopes is not None:
                self.set_filters(scopes=scopes)

        self.app.push_screen(
            ChoiceScreen("Scopes", scope_choices(self.frames.observations), self.filters.scopes),
            chosen,
        )

    def action_pick_dates(self) -> None:
        from mes_tui.ui.screens.pickers import DateRangeScreen

        def chosen(dates: tuple[date | None, date | None] | None) -> None:
            if dates is not None:
                self.set_filters(since=dates[0], until=dates[1])

        self.app.push_screen(DateRangeScreen(self.filters.since, self.filters.until), chosen)

    def action_clear_filters(self) -> None:
        self.set_filters(
            metrics=frozenset(),
            actors=frozenset(),
            scopes=frozenset(),
            since=None,
            until=None,
            search="",
        )
        self.notify("Filters cleared", timeout=2)

    def action_open_source(self, source_id: str | None = None) -> None:
        if self.frames is None:
            return
        from mes_tui.ui.screens.source import SourceScreen

        record = self.record if source_id is None else None
        if source_id is None:
            if not record or record.get("record_kind") not in ("observation", "event"):
                self.notify("Select a figure or an event first", severity="warning")
                return
            source_id = record["source"]
        source = self.frames.sources.filter(pl.col("id") == source_id).to_dicts()[0]
        quote = record["quote"] if record else None
        self.app.push_screen(SourceScreen(source, self.frames.texts.get(source_id, ""), quote))

    def action_copy_quote(self) -> None:
        if self.frames is None or not self.selected:
            self.notify("Select a figure or an event first", severity="warning")
            return
        text = copy_text(self.frames, self.selected)
        self.app.copy_to_clipboard(text)
        shown = text if len(text) <= 300 else text[:299] + "…"
        self.notify(shown, title="Copied to the clipboard", markup=False, timeout=6)

    def action_export(self) -> None:
        if self.frames is None:
            return
        from mes_tui.ui.screens.export import ExportScreen

        self.app.push_screen(
            ExportScreen(apply(self.frames.observations, self.filters), self.filters)
        )

    def action_toggle_overview(self) -> None:
        self.overview = not self.overview
        self.action_show_pane("detail")

    def action_show_pane(self, pane: str) -> None:
        self.pane = pane
        self.query_one(f"#{pane}").focus()

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        target = (
            next(
                (w for w in focused.ancestors_with_self if isinstance(w, Widget) and w.id in PANES),
                None,
            )
            if focused
            else None
        )
        self.maximize(target or self.query_one(Timeline), container=False)

    def action_back(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.focused is self.query_one("#search", Input):
            self._leave_search()
        elif self.pane != "timeline":
            self.action_show_pane("timeline")
