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

from mes_tui.core.arrange import Arrangement
from mes_tui.core.cache import load_then_store
from mes_tui.core.filters import (
    Filters,
    apply,
    command_line,
    event_mask,
    observation_mask,
    scope_choices,
    unknown_ids,
)
from mes_tui.core.frames import Frames
from mes_tui.core.problems import DatasetError, Problem
from mes_tui.core.queries import MetricView, find_record, metric_view, overview_view, with_sources
from mes_tui.core.records import Record, RecordKey
from mes_tui.core.timeline import TimelineIndex, TimelineRows
from mes_tui.present.analysis import in_language_column
from mes_tui.present.export import copy_text
from mes_tui.present.language import N_, _, current_language
from mes_tui.present.progress import stage_words
from mes_tui.present.scopes import scope_choice_label
from mes_tui.ui.detail import MetricDetail
from mes_tui.ui.footer import KeysFooter
from mes_tui.ui.history import FilterHistory
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
        Binding("slash", "search", N_("Search"), key_display="/", priority=True),
        Binding("m", "pick_metrics", N_("Metric")),
        Binding("a", "pick_actors", N_("Actor")),
        Binding("d", "pick_dates", N_("Dates")),
        Binding("p", "pick_scopes", N_("Scope"), show=False),
        Binding("x", "clear_filters", N_("Clear")),
        Binding("b", "history_back", N_("Back")),
        Binding("f", "history_forward", N_("Forward")),
        Binding("y", "copy_command", N_("Command line")),
        Binding("o", "open_source", N_("Source")),
        Binding("c", "copy_quote", N_("Copy")),
        Binding("e", "export", N_("Export")),
        Binding("g", "toggle_overview", N_("Overview")),
        Binding("z", "zoom", N_("Zoom")),
        Binding("s", "sort", N_("Sort")),
        Binding("G", "group", N_("Group")),
        Binding("t", "count_table", N_("Counts")),
        Binding("1", "show_pane('timeline')", N_("Timeline"), show=False),
        Binding("2", "show_pane('quote')", N_("Quote"), show=False),
        Binding("3", "show_pane('detail')", N_("Metric detail"), show=False),
        Binding("escape", "back", N_("Back"), show=False),
        # Enter in the search leaves it as the key arrives, so a key typed right after it
        # (fast, or pasted) reaches the timeline instead of the search field.
        Binding("enter", "leave_search", show=False, priority=True),
    ]

    # A repaint of the screen is a repaint of every cell, sent down the SSH link: moving
    # through the timeline must not cause one. A filter change redraws most of the screen
    # anyway, and repainting it at once brings the new view a frame sooner.
    frames: var[Frames | None] = var(None)
    filters: reactive[Filters] = reactive(Filters)
    rows: reactive[TimelineRows] = reactive(TimelineRows, always_update=True, repaint=False)
    selected: reactive[RecordKey | None] = reactive(None, repaint=False)
    record: reactive[Record | None] = reactive(None, repaint=False)
    no_match: reactive[bool] = reactive(False, repaint=False)
    metric_view: reactive[MetricView | None] = reactive(None, repaint=False)
    terms: reactive[tuple[str, ...]] = reactive((), repaint=False)  # the search's, folded
    overview: var[bool] = var(False)
    arrangement: var[Arrangement] = var(Arrangement)
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
        self.history = FilterHistory(self.filters)
        self._indexes: dict[Arrangement, TimelineIndex] = {}  # one sort per arrangement
        self._travelling = False  # set while back/forward change the filters

    # ── layout ───────────────────────────────────────────────────────────────────────────
    def compose(self) -> ComposeResult:
        yield Static(Content(_("Loading…")), id="summary")
        yield ProgressBar(total=None, show_eta=False, id="load-progress")
        yield SteadyInput(
            placeholder=_("/ search quotes, metrics, actors, sources…"),
            id="search",
            value=self.filters.search,
        )
        with Horizontal(id="main"):
            yield Timeline(id="timeline").data_bind(
                entries=ExplorerScreen.rows,
                current=ExplorerScreen.selected,
                terms=ExplorerScreen.terms,
            )
            with Vertical(id="side"):
                yield QuotePane(id="quote").data_bind(
                    ExplorerScreen.record, ExplorerScreen.no_match, ExplorerScreen.terms
                )
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
                    [
                        Problem(
                            str(self.data_dir),
                            None,
                            None,
                            _("cannot be loaded: {error}").format(error=error),
                        )
                    ]
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
                (_("Loading") + " ", "bold"),
                literal(str(self.data_dir), "dim"),
                " · "
                + _("step {stage} of {stages}: {what}…").format(
                    stage=message.stage, stages=message.stages, what=stage_words(message.stage)
                ),
            )
        )

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        frames = message.frames
        if unknown := unknown_ids(self.filters, frames):
            bad = {field: set(ids) for field, (ids, _valid) in unknown.items()}
            self.notify(
                _("Ignored unknown ids: {ids}").format(
                    ids=", ".join(sorted(set().union(*bad.values())))
                ),
                markup=False,
                severity="warning",
            )
            self.filters = self.filters.replace(
                metrics=self.filters.metrics - bad.get("metric", set()),
                actors=self.filters.actors - bad.get("actor", set()),
            )
        self.timeline = message.timeline
        self._indexes[message.timeline.arrangement] = message.timeline
        self.frames = frames
        self.query_one("#load-progress", ProgressBar).display = False

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        from mes_tui.ui.screens.errors import DataErrorScreen

        self.app.push_screen(DataErrorScreen(self.data_dir, message.problems))

    # ── state → view ─────────────────────────────────────────────────────────────────────
    def watch_frames(self) -> None:
        self._refresh_view()

    def watch_filters(self, filters: Filters) -> None:
        if not self._travelling:
            self.history.record(filters)
        self._refresh_view()

    def _refresh_view(self) -> None:
        if self.frames is None or self.timeline is None:
            return
        self.terms = tuple(self.filters.terms())
        observations = observation_mask(self.frames.observations, self.filters)
        events = event_mask(self.frames.events, self.filters)
        self.query_one("#summary", Static).update(
            summary_content(self.filters, self.frames, int(observations.sum()), int(events.sum()))
        )
        self.rows = self.timeline.view(observations, events)
        self.no_match = not len(self.rows)
        if self.no_match:
            self.selected = None
            self.record = None
            self._wanted_view = None
            self.metric_view = None

    @on(Timeline.Picked)
    def _picked(self, message: Timeline.Picked) -> None:
        # A row picked in a view the filters have since replaced (typing fast) is stale.
        if message.key is not None and self.rows.index_of(message.key) is not None:
            self.selected = message.key

    @on(MetricDetail.FigurePicked)
    def _figure_picked(self, message: MetricDetail.FigurePicked) -> None:
        """A figure read off the chart or picked in the metric's table: the timeline follows,
        unless the filters hide it (then it says so)."""
        key = RecordKey("observation", message.figure_id)
        if self.rows.index_of(key) is not None:
            self.selected = key
        else:
            self.app.notify(
                _("This figure is not in the timeline's filters."), timeout=2, markup=False
            )

    def watch_selected(self, key: RecordKey | None) -> None:
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
        metric = self.record.metric if self.record is not None else None
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
                _("The metric detail could not be computed: {error}").format(error=error),
                markup=False,
                severity="error",
            )
            return
        self.post_message(self.ViewReady(wanted, view))

    @on(ViewReady)
    def _view_ready(self, message: ViewReady) -> None:
        if message.wanted == self._wanted_view:
            self.metric_view = message.view

    def watch_pane(self, pane: str) -> None:
        # One restyle of the screen, not one per class (each restyles every widget in it), and
        # none while the screen is not shown: Textual restyles a screen when it is shown again.
        self.remove_class(*(f"-show-{name}" for name in PANES if name != pane), update=False)
        self.add_class(f"-show-{pane}", update=False)
        if self.is_current:
            self.update_node_styles()

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_search":  # only from the search field: elsewhere Enter is theirs
            return self.focused is self.query_one("#search", Input)
        return True

    def action_leave_search(self) -> None:
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
        # Both labels are listed (the reader's first), so typing either language finds it.
        first, second = (
            ("label_fr", "label_en") if current_language() == "fr" else ("label_en", "label_fr")
        )
        self._pick(_("Metrics"), "metrics", ("id", first, second))

    def action_pick_actors(self) -> None:
        self._pick(
            _("Actors"), "actors", ("id", in_language_column("short"), in_language_column("name"))
        )

    def _pick(self, title: str, field: str, columns: tuple[str | pl.Expr, ...]) -> None:
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
                title,
                [(key, f"{a}  ·  {b}" if b and b != a else a) for key, a, b in rows],
                getattr(self.filters, field),
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

        choices = [(c.word, scope_choice_label(c)) for c in scope_choices(self.frames.observations)]
        self.app.push_screen(ChoiceScreen(_("Scopes"), choices, self.filters.scopes), chosen)

    def action_pick_dates(self) -> None:
        from mes_tui.ui.screens.pickers import DateRangeScreen

        def chosen(dates: tuple[date | None, date | None] | None) -> None:
            if dates is not None:
                self.set_filters(since=dates[0], until=dates[1])

        self.app.push_screen(DateRangeScreen(self.filters.since, self.filters.until), chosen)

    def action_history_back(self) -> None:
        self._travel(self.history.back(), _("These are the first filters of this session"))

    def action_history_forward(self) -> None:
        self._travel(self.history.forward(), _("No later filters to go forward to"))

    def _travel(self, filters: Filters | None, none_left: str) -> None:
        if filters is None:
            self.notify(none_left, timeout=2)
            return
        self._travelling = True
        try:
            self.set_filters(**filters.model_dump())
        finally:
            self._travelling = False

    def action_copy_command(self) -> None:
        """The command line that reopens this view, to paste in a terminal or a message."""
        text = command_line(self.filters)
        self.app.copy_to_clipboard(text)
        self.notify(text, title=_("Command line copied"), markup=False, timeout=6)

    # ── arranging the timeline (core.arrange) ────────────────────────────────────────────
    def action_sort(self) -> None:
        self.arrangement = self.arrangement.next_sort()

    def action_group(self) -> None:
        self.arrangement = self.arrangement.next_group()

    def watch_arrangement(self, arrangement: Arrangement) -> None:
        if self.frames is None or self.timeline is None:
            return
        index = self._indexes.get(arrangement)
        if index is None:
            index = TimelineIndex(self.frames.observations, self.frames.events, arrangement)
            self._indexes[arrangement] = index
        self.timeline = index
        self._refresh_view()
        sort = {"date": _("date"), "value": _("value"), "actor": _("actor")}[arrangement.sort]
        group = {
            None: _("not grouped"),
            "metric": _("grouped by metric"),
            "actor": _("grouped by actor"),
        }[arrangement.group]
        self.notify(_("Sorted by {sort}, {group}").format(sort=sort, group=group), timeout=3)

    def action_count_table(self) -> None:
        if self.frames is None:
            return
        from mes_tui.ui.screens.counts import CountScreen

        figures = apply(self.frames.observations, self.filters)
        if figures.is_empty():
            self._say_nothing(_("Nothing to count: no figure matches these filters."))
            return

        def chosen(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                by, key = answer
                self.set_filters(**{"actors" if by == "actor" else "metrics": frozenset({key})})

        self.app.clear_notifications()  # a notice must not cover the table
        self.app.push_screen(CountScreen(figures), chosen)

    def action_clear_filters(self) -> None:
        self.set_filters(
            metrics=frozenset(),
            actors=frozenset(),
            scopes=frozenset(),
            since=None,
            until=None,
            search="",
        )
        self.notify(_("Filters cleared"), timeout=2)

    def action_open_source(self, source_id: str | None = None) -> None:
        if self.frames is None:
            return
        from mes_tui.ui.screens.source import SourceScreen

        record = self.record if source_id is None else None
        if source_id is None:
            if record is None:
                self.notify(_("Select a figure or an event first"), severity="warning")
                return
            source_id = record.source
        source = self.frames.sources.filter(pl.col("id") == source_id).to_dicts()[0]
        quote = record.quote if record else None
        self.app.push_screen(SourceScreen(source, self.frames.texts.get(source_id, ""), quote))

    def action_copy_quote(self) -> None:
        if self.frames is not None and not len(self.rows):
            self._say_nothing(_("Nothing to copy: no figure matches these filters."))
            return
        if self.frames is None or not self.selected:
            self.notify(_("Select a figure or an event first"), severity="warning")
            return
        text = copy_text(self.frames, self.selected)
        self.app.copy_to_clipboard(text)
        shown = text if len(text) <= 300 else text[:299] + "…"
        self.notify(shown, title=_("Copied to the clipboard"), markup=False, timeout=6)

    def action_export(self) -> None:
        if self.frames is None:
            return
        from mes_tui.ui.screens.export import ExportScreen

        figures = apply(self.frames.observations, self.filters)
        if figures.is_empty():
            self._say_nothing(_("Nothing to export: no figure matches these filters."))
            return
        self.app.clear_notifications()  # a notice must not cover the dialog
        self.app.push_screen(ExportScreen(figures, self.filters))

    def _say_nothing(self, what: str) -> None:
        self.notify(
            what + " " + _("x clears them, b goes back to the previous ones."),
            severity="warning",
            timeout=4,
        )

    def refresh_words(self) -> None:
        """Say everything again in the current language (the palette switched it)."""
        self.query_one("#search", Input).placeholder = _(
            "/ search quotes, metrics, actors, sources…"
        )
        if self.frames is not None:
            self._refresh_view()
        self.query_one(Timeline).refresh_words()
        self.query_one(QuotePane).refresh_words()
        self.query_one(MetricDetail).refresh_words()

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
