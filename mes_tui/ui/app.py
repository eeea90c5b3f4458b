"""The application and its factory, used by the command line and by the tests alike."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from mes_tui.core.filters import Filters
from mes_tui.core.paths import bundled_data_dir
from mes_tui.present.language import N_, _, current_language, set_language
from mes_tui.ui.commands import ExplorerCommands
from mes_tui.ui.explorer import ExplorerScreen

__all__ = ["MesApp", "create_app"]


class MesApp(App):
    TITLE = "mes-tui"
    CSS_PATH = "mes.tcss"
    COMMANDS = App.COMMANDS | {ExplorerCommands}
    BINDINGS = [
        Binding("q", "quit", N_("Quit")),
        # Not a priority: inside a text field Ctrl+C still copies the selection.
        Binding("ctrl+c", "quit", N_("Quit"), show=False),
        Binding("question_mark", "help", N_("Help"), key_display="?"),
        Binding("f1", "help", N_("Help"), show=False),
    ]

    def __init__(
        self, data_dir: Path, filters: Filters, theme: str | None = None, lang: str | None = None
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.start_filters = filters
        self.language = set_language(lang or current_language())
        self.sub_title = _("Mon espace santé, figure by figure")
        if theme:
            self.theme = theme

    def switch_language(self, lang: str) -> None:
        """Speak ``lang`` from now on: every pane, the footer and the help say it again."""
        self.language = set_language(lang)
        self.sub_title = _("Mon espace santé, figure by figure")
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_words", None)
            if refresh is not None:
                refresh()
            screen.refresh_bindings()
        self.notify(_("The explorer now speaks English."), timeout=3)

    def on_mount(self) -> None:
        # A terminal closed under us (SIGHUP) or a kill (SIGTERM) must still leave the
        # terminal as it was: end through Textual, which restores the modes.
        try:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
                if signum is not None:
                    loop.add_signal_handler(signum, self._end_on_signal, signum)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread, or no Unix signals
        if self.is_web:
            # Served: the server is our parent. Should it die without ending us (a kill -9),
            # nothing would ever close this session: end when we are orphaned.
            self._server = os.getppid()
            self.set_interval(1.0, self._end_if_orphaned)

    def _end_if_orphaned(self) -> None:
        if os.getppid() != self._server:
            self._end_on_signal(signal.SIGHUP)  # as if its terminal had closed

    def _end_on_signal(self, signum: int) -> None:
        """Restore the terminal and end; if the terminal is gone, never hang on it."""
        code = 128 + signum
        watchdog = threading.Timer(5.0, os._exit, (code,))
        watchdog.daemon = True
        watchdog.start()
        self.exit(return_code=code)

    def get_default_screen(self) -> ExplorerScreen:
        return ExplorerScreen(self.data_dir, self.start_filters)

    def action_help(self) -> None:
        from mes_tui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))


def create_app(
    data_dir: Path | None = None,
    filters: Filters | None = None,
    theme: str | None = None,
    lang: str | None = None,
) -> MesApp:
    """The explorer on ``data_dir`` (default: the bundled data), opened with ``filters``, in
    ``lang`` (default: the current language)."""
    return MesApp(data_dir or bundled_data_dir(), filters or Filters(), theme=theme, lang=lang)
