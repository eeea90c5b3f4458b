"""The explorer on poor terminals: old TERM values, NO_COLOR, a locale that is not UTF-8.

Each starts the installed program in tmux, waits for the first screen, searches, and quits.
"""

from __future__ import annotations

import re

import pytest

from tests.term_support import Terminal, quoted_mes_tui

pytestmark = pytest.mark.e2e
UNICODE_MARKERS = "●■▲◆"
ASCII_MARKERS = ("o ", "x ", "+ ", "* ")  # the legend beside the chart: marker, space, name
BRAILLE = re.compile("[\u2800-\u28ff]")
SGR = re.compile(r"\x1b\[([0-9;]*)m")
GREY_INDEXES = {0, 7, 8, 15, 16, 231, *range(232, 256)}


def hues(styled: str) -> set[str]:
    """The colours with a hue that the SGR sequences of ``styled`` set (greys are not hues)."""
    found = set()
    for match in SGR.finditer(styled):
        params = [int(p) if p else 0 for p in match.group(1).split(";")]
        i = 0
        while i < len(params):
            p = params[i]
            if p in (38, 48) and i + 2 < len(params) and params[i + 1] == 5:
                if params[i + 2] not in GREY_INDEXES:
                    found.add(f"{p};5;{params[i + 2]}")
                i += 3
            elif p in (38, 48) and i + 4 < len(params) and params[i + 1] == 2:
                r, g, b = params[i + 2 : i + 5]
                if not r == g == b:
                    found.add(f"{p};2;{r};{g};{b}")
                i += 5
            else:
                if 31 <= p <= 36 or 41 <= p <= 46 or 91 <= p <= 96 or 101 <= p <= 106:
                    found.add(str(p))
                i += 1
    return found


def _search_and_quit(t: Terminal, n_obs: int) -> str:
    t.wait_for(f"{n_obs} of {n_obs} figures", "Timeline", "Source quote")
    t.send("/")
    t.type("cazeneuve")
    screen = t.wait_for(f"3 of {n_obs} figures", "18 M")
    t.send("Escape")
    t.send("q")
    assert t.exit_status() == 0
    return screen


# tmux gives its panes TERM=screen; the command line sets the one under test.
@pytest.mark.parametrize("term", ["xterm-256color", "xterm", "screen", "linux"])
def test_usable_with_term(terminals, term, n_obs):
    t = terminals(f"TERM={term} {quoted_mes_tui()}")
    screen = _search_and_quit(t, n_obs)
    assert "\ufffd" not in screen


def test_no_color_is_honoured(terminals, first_screen, n_obs):
    # Textual honours NO_COLOR by drawing in greys only: shades stay, hues go.
    t = terminals(f"NO_COLOR=1 {quoted_mes_tui()}")
    t.wait_for(first_screen, "Timeline", "Source quote")
    colours = hues(t.screen_with_styles())
    assert not colours, f"NO_COLOR=1 but the screen has colours: {sorted(colours)[:10]}"
    t.send("g")  # the chart tells series apart by colour too, and by marker
    t.wait_for("Adoption overview", "Activated accounts (millions)")
    colours = hues(t.screen_with_styles())
    assert not colours, f"NO_COLOR=1 but the chart has colours: {sorted(colours)[:10]}"
    t.send("1")
    _search_and_quit(t, n_obs)


def test_colours_are_drawn_without_no_color(terminals, first_screen):
    """The check above can see colours: the same screen without NO_COLOR has some."""
    t = terminals(f"TERM=xterm-256color {quoted_mes_tui()}")
    t.wait_for(first_screen, "Timeline", "Source quote")
    assert hues(t.screen_with_styles())
    t.send("q")
    assert t.exit_status() == 0


def test_c_locale_shows_no_garbage_and_the_chart_falls_back_to_ascii(
    terminals, first_screen, n_obs
):
    # No `tmux -u`, and nothing in the environment claims UTF-8.
    t = terminals(quoted_mes_tui(), env={"LANG": "C", "LC_ALL": "C"}, utf8=False)
    t.wait_for(first_screen, "Timeline", "Source quote")
    assert "\ufffd" not in t.screen()
    t.send("g")
    chart = t.wait_for("Adoption overview", "Activated accounts (millions)")
    assert "\ufffd" not in chart
    shown = [m for m in UNICODE_MARKERS if m in chart]
    assert not shown, (
        f"LANG=C/LC_ALL=C but the chart draws {shown} (markers() must fall back "
        f"to ASCII when the locale is not UTF-8); screen:\n{chart}"
    )
    assert not BRAILLE.search(chart), f"LANG=C but the chart draws braille lines:\n{chart}"
    assert all(m in chart for m in ASCII_MARKERS), f"ASCII markers missing:\n{chart}"
    t.send("1")  # back to the timeline
    _search_and_quit(t, n_obs)
