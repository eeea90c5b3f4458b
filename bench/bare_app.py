"""The reference for cold start: a bare Textual app with a header, one line of text and a footer.

Its first full screen is the line of text and the footer (``^p palette``) on screen.
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

TEXT = "bare Textual app: one line of text"


class BareApp(App):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(TEXT)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
